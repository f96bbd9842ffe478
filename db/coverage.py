"""Per-priority numbers for a period: the coordinator's report to the politicians."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

import sqlite_utils

from db.status import derive_status, window

REPORTED_MARKS = ("interested", "applying", "applied", "granted", "rejected")


@dataclass
class PriorityCoverage:
    """What happened to one priority's calls in the period."""

    priority_id: str
    matched_open: int = 0  # matched calls open at some time in the period
    marks: dict[str, int] = field(default_factory=dict)  # mark -> calls marked so in the period
    call_ids: list[str] = field(default_factory=list)  # the matched open calls


def open_during(
    opening: str | None,
    deadlines: list[str],
    hint: str | None,
    start: date,
    end: date,
    *,
    rolling: bool = False,
    named_year: int | None = None,
    named_spring: bool = False,
    listed_closed: str | None = None,
) -> bool:
    """Whether a call is known to have been open for applications on some day from ``start``
    to ``end``. A call whose status is unknown (no deadline, and the source does not say it
    is open) is not counted: the report counts only what is known."""
    if opening and opening > end.isoformat():
        return False
    if deadlines:
        return max(deadlines) >= start.isoformat()
    status = derive_status(
        opening,
        deadlines,
        end,
        hint,
        rolling=rolling,
        named_year=named_year,
        named_spring=named_spring,
        listed_closed=listed_closed,
    )
    return status == "open"


def coverage(
    db: sqlite_utils.Database, priority_ids: list[str], start: date, end: date
) -> list[PriorityCoverage]:
    """One row per priority in ``priority_ids`` (plus any other priority that has matches),
    counting included matches and the marks made from ``start`` to ``end`` inclusive."""
    rows = {
        pid: PriorityCoverage(pid, marks=dict.fromkeys(REPORTED_MARKS, 0)) for pid in priority_ids
    }
    sql = """
        select distinct m.priority_id, c.id, c.opening_date, c.deadlines, c.status_hint, c.extra
        from matches m join calls c on c.id = m.call_id
        where m.included = 1
        order by m.priority_id, c.id
    """
    for pid, call_id, opening, deadlines, hint, extra in db.execute(sql):
        dates = json.loads(deadlines or "[]")
        if not open_during(opening, dates, hint, start, end, **window(extra)):
            continue
        row = rows.setdefault(pid, PriorityCoverage(pid, marks=dict.fromkeys(REPORTED_MARKS, 0)))
        row.matched_open += 1
        row.call_ids.append(call_id)
    marked: dict[str, set[str]] = {m: set() for m in REPORTED_MARKS}
    for call_id, mark in db.execute(
        "select call_id, mark from marks where substr(marked_at, 1, 10) between ? and ?",
        [start.isoformat(), end.isoformat()],
    ):
        if mark in marked:
            marked[mark].add(call_id)
    # A mark counts for every priority the call matches, open in the period or not: a grant
    # this quarter for a call that closed last quarter is still this quarter's news.
    matched_any: dict[str, set[str]] = {}
    for pid, call_id in db.execute(
        "select distinct priority_id, call_id from matches where included = 1"
    ):
        matched_any.setdefault(pid, set()).add(call_id)
    for pid, row in rows.items():
        for mark, call_ids in marked.items():
            row.marks[mark] = len(call_ids & matched_any.get(pid, set()))
    return list(rows.values())
