"""Selecting calls by the coordinator's filters, with what a listing shows about each.

Status is derived from the dates on the given day (the stored one may be stale), deadlines
are compared as ISO dates, and the priorities a call matches are its included matches.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlite_utils

from db.marks import current_marks, hidden_call_ids
from db.status import derive_status, next_deadline, planned_dates, window

_ELIGIBILITY_ORDER = {"pass": 0, "unknown": 1, "fail": 2}


@dataclass
class CallFilter:
    """What to keep. Empty fields keep everything."""

    programmes: tuple[str, ...] = ()  # case-insensitive substrings of the programme name
    statuses: tuple[str, ...] = ()  # open | forthcoming | closed | unknown, derived on today
    deadline_after: date | None = None  # some deadline on or after this day
    deadline_before: date | None = None  # some deadline on or before this day
    priority: str | None = None  # has an included match for this priority
    department: str | None = None  # has an included match routed here, not marked away
    eligible: bool = False  # some included match passed the eligibility checks
    matched: bool = False  # has an included match at all


@dataclass
class CallSummary:
    """One call as listings show it: ``id`` is its key (``source:source_id``), ``short_id``
    the short id tables show and every command takes."""

    id: str
    title: str
    programme: str | None
    url: str | None
    opening_date: str | None
    deadlines: list[str]
    status: str
    deadline: str | None  # the next deadline, or the last one when all have passed
    days_left: int | None  # days until the next deadline; None when none is ahead
    priorities: list[str] = field(default_factory=list)  # included matches, best first
    departments: list[str] = field(default_factory=list)
    eligibility: str | None = None  # the best eligibility among included matches
    mark: str | None = None  # the mark in force (for the department when filtered by one)
    short_id: str | None = None
    preliminary: bool = False  # the source gives the dates as planned (db.status.planned_dates)
    planned_opening: str | None = None  # the planned month when it names no date

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "id": self.id,
            "short_id": self.short_id or self.id,
            "title": self.title,
            "programme": self.programme,
            "url": self.url,
            "opening_date": self.opening_date,
            "deadlines": self.deadlines,
            "status": self.status,
            "deadline": self.deadline,
            "days_left": self.days_left,
            "priorities": self.priorities,
            "departments": self.departments,
            "eligibility": self.eligibility,
            "mark": self.mark,
            "preliminary": self.preliminary,
            "planned_opening": self.planned_opening,
        }


def _in_range(deadlines: list[str], after: date | None, before: date | None) -> bool:
    low = after.isoformat() if after else ""
    high = before.isoformat() if before else "9999-12-31"
    return any(low <= d <= high for d in deadlines)


def _match_facts(
    db: sqlite_utils.Database, department: str | None
) -> dict[str, tuple[list[str], list[str], str | None]]:
    """Per call: priorities (best first), departments and best eligibility of included
    matches (only those routed to ``department`` when given)."""
    sql = (
        "select call_id, priority_id, departments, eligibility, score from matches "
        "where included = 1"
    )
    args: list[Any] = []
    if department is not None:
        sql += " and exists (select 1 from json_each(matches.departments) where value = ?)"
        args.append(department)
    sql += " order by call_id, score desc"
    facts: dict[str, tuple[list[str], list[str], str | None]] = {}
    for call_id, priority_id, departments, eligibility, _score in db.execute(sql, args):
        priorities, depts, best = facts.setdefault(call_id, ([], [], None))
        if priority_id not in priorities:
            priorities.append(priority_id)
        for dept in json.loads(departments or "[]"):
            if dept not in depts:
                depts.append(dept)
        if best is None or _ELIGIBILITY_ORDER.get(eligibility, 1) < _ELIGIBILITY_ORDER.get(best, 1):
            facts[call_id] = (priorities, depts, eligibility)
    return facts


def _sql_filter(flt: CallFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    args: list[Any] = []
    if flt.programmes:
        clauses.append(
            "(" + " or ".join("instr(lower(programme), ?) > 0" for _ in flt.programmes) + ")"
        )
        args.extend(p.lower() for p in flt.programmes)
    match_clauses = ["m.call_id = calls.id", "m.included = 1"]
    if flt.priority is not None:
        match_clauses.append("m.priority_id = ?")
        args.append(flt.priority)
    if flt.department is not None:
        match_clauses.append("exists (select 1 from json_each(m.departments) where value = ?)")
        args.append(flt.department)
    if flt.eligible:
        match_clauses.append("m.eligibility = 'pass'")
    if flt.matched or flt.priority or flt.department or flt.eligible:
        clauses.append(f"exists (select 1 from matches m where {' and '.join(match_clauses)})")
    return (" and ".join(clauses) or "1 = 1"), args


def ids_with_status(db: sqlite_utils.Database, statuses: tuple[str, ...], today: date) -> set[str]:
    """The calls whose status derived on ``today`` is one of ``statuses`` (only the dates are
    read: cheap enough for every call)."""
    return {
        call_id
        for call_id, opening, deadlines, hint, extra in db.execute(
            "select id, opening_date, deadlines, status_hint, extra from calls"
        )
        if derive_status(opening, json.loads(deadlines or "[]"), today, hint, **window(extra))
        in statuses
    }


def select_calls(
    db: sqlite_utils.Database,
    flt: CallFilter,
    today: date,
    *,
    call_ids: list[str] | None = None,
) -> list[CallSummary]:
    """The calls that pass ``flt`` on ``today`` (optionally only among ``call_ids``), in id
    order. Calls marked not-relevant for ``flt.department`` (or, without a department, for
    all departments) are left out."""
    where, args = _sql_filter(flt)
    if call_ids is not None:
        where += " and id in (select value from json_each(?))"
        args.append(json.dumps(call_ids))
    rows = db.execute(
        "select id, title, programme, url, opening_date, deadlines, status_hint, extra, short_id "
        f"from calls where {where} order by id",
        args,
    ).fetchall()
    facts = _match_facts(db, flt.department)
    marks = current_marks(db, flt.department)
    # Hidden: marked not-relevant for this department, or (no department asked) for all.
    hidden = hidden_call_ids(db, flt.department)
    out: list[CallSummary] = []
    for call_id, title, programme, url, opening, deadlines_json, hint, extra, short in rows:
        if call_id in hidden:
            continue
        mark = marks.get(call_id)
        deadlines = json.loads(deadlines_json or "[]")
        status = derive_status(opening, deadlines, today, hint, **window(extra))
        if flt.statuses and status not in flt.statuses:
            continue
        if (flt.deadline_after or flt.deadline_before) and not _in_range(
            deadlines, flt.deadline_after, flt.deadline_before
        ):
            continue
        upcoming = next_deadline(deadlines, today)
        priorities, departments, eligibility = facts.get(call_id, ([], [], None))
        preliminary, planned_opening = planned_dates(extra)
        out.append(
            CallSummary(
                id=call_id,
                title=title,
                programme=programme,
                url=url,
                opening_date=opening,
                deadlines=deadlines,
                status=status,
                deadline=upcoming or (deadlines[-1] if deadlines else None),
                days_left=(date.fromisoformat(upcoming) - today).days if upcoming else None,
                priorities=priorities,
                departments=departments,
                eligibility=eligibility,
                mark=mark.mark if mark else None,
                short_id=short,
                preliminary=preliminary,
                planned_opening=planned_opening,
            )
        )
    return out
