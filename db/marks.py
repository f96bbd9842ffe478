"""The coordinator's triage marks: every mark is kept, the latest one counts.

This module is the one home of the rule which calls a mark hides; the digests
(:mod:`notifier.digest`), the listings (``search``, ``deadlines``, ``export``, ``matches``),
``show`` and the web view all ask it.

A mark is for one department or, with ``department`` None, for every department. The mark
in force for (call, department) is the most recent one made for that department or for all
of them, so a later mark for everyone overrides an earlier one for a single department.

Without a department (the coordinator's overview and the lists without ``--department``) a
call is hidden only when it is hidden for every department: its mark for everyone in force
is ``not-relevant`` and no department has marked it otherwise since. Marked not-relevant
for everyone and then *interested* for one department, a call stays in that department's
digest and lists, in the coordinator's digest and in the lists without a department, and
leaves every other department's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from db.records import MARKS
from db.twins import primaries

HIDING_MARK = "not-relevant"
"""The mark that removes a call from a department's digests."""


@dataclass
class Mark:
    """One triage decision on a call, with who made it, when and why."""

    call_id: str
    mark: str
    department: str | None
    reason: str | None
    marked_by: str
    marked_at: str
    id: int | None = None


def _mark(row: dict[str, Any]) -> Mark:
    return Mark(
        call_id=row["call_id"],
        mark=row["mark"],
        department=row["department"],
        reason=row["reason"],
        marked_by=row["marked_by"],
        marked_at=row["marked_at"],
        id=row["id"],
    )


def add_mark(
    db: sqlite_utils.Database,
    call_id: str,
    mark: str,
    *,
    marked_by: str,
    marked_at: str,
    department: str | None = None,
    reason: str | None = None,
) -> Mark:
    """Record a mark (never overwriting an earlier one) and return it with its id.

    Raises ValueError for a mark that is not one of :data:`db.records.MARKS`.
    """
    if mark not in MARKS:
        raise ValueError(f"unknown mark {mark!r}; use one of {', '.join(MARKS)}")
    row = {
        "call_id": call_id,
        "department": department,
        "mark": mark,
        "reason": reason or None,
        "marked_by": marked_by,
        "marked_at": marked_at,
    }
    table = db["marks"]
    table.insert(row)  # type: ignore[union-attr]
    return _mark({**row, "id": table.last_pk})  # type: ignore[union-attr]


# The marks of a call given to it or to a record that is now its twin (call id, call id).
_OWN_OR_TWINS = "call_id = ? or call_id in (select id from calls where twin_of = ?)"


def marks_for_call(db: sqlite_utils.Database, call_id: str) -> list[Mark]:
    """Every mark of one call, oldest first, those given to its twins included (a mark
    given to the record that was the call's primary counts for the call)."""
    rows = db["marks"].rows_where(_OWN_OR_TWINS, [call_id, call_id], order_by="marked_at, id")
    return [_mark(r) for r in rows]


def _ordered(db: sqlite_utils.Database, where: str = "1 = 1", args: Any = ()) -> list[Mark]:
    """Marks oldest first; an empty department (written by hand) means every department. A
    mark given to a record that is now another's twin counts for that primary record: the
    primary of a call seen at two sources can change (``db.twins``)."""
    primary = primaries(db)
    marks = [_mark(r) for r in db["marks"].rows_where(where, list(args), order_by="marked_at, id")]
    for m in marks:
        m.department = m.department or None
        m.call_id = primary.get(m.call_id, m.call_id)
    return marks


def current_marks(db: sqlite_utils.Database, department: str | None = None) -> dict[str, Mark]:
    """The mark in force per call: for ``department`` (its own or an all-department mark),
    or, with ``department`` None, the latest mark of any kind (what a list shows).
    """
    if department is None:
        where, args = "1 = 1", []
    else:
        where, args = "(department = ? or department is null or department = '')", [department]
    return {m.call_id: m for m in _ordered(db, where, args)}


def marks_by_scope(db: sqlite_utils.Database) -> dict[tuple[str, str | None], Mark]:
    """The latest mark per (call, department); department None is the mark for everyone."""
    return {(m.call_id, m.department): m for m in _ordered(db)}


def hidden_call_ids(db: sqlite_utils.Database, department: str | None) -> set[str]:
    """Calls to leave out of ``department``'s digests and lists: its mark in force is
    not-relevant. With ``department`` None: calls hidden for every department (the mark for
    everyone in force is not-relevant and no department has marked them otherwise since)."""
    if department is not None:
        return {c for c, m in current_marks(db, department).items() if m.mark == HIDING_MARK}
    for_all: dict[str, tuple[int, Mark]] = {}  # call -> its latest mark for everyone
    own: dict[tuple[str, str], tuple[int, Mark]] = {}  # (call, department) -> its latest
    for position, m in enumerate(_ordered(db)):
        if m.department is None:
            for_all[m.call_id] = (position, m)
        else:
            own[(m.call_id, m.department)] = (position, m)
    hidden = {c for c, (_, m) in for_all.items() if m.mark == HIDING_MARK}
    for (call_id, _dept), (position, m) in own.items():
        # A department's own later mark other than not-relevant: that department wants it.
        if call_id in hidden and position > for_all[call_id][0] and m.mark != HIDING_MARK:
            hidden.discard(call_id)
    return hidden


def hidden_for(db: sqlite_utils.Database, departments: Iterable[str]) -> dict[str, set[str]]:
    """Per department, the calls hidden for it (:func:`hidden_call_ids`)."""
    return {d: hidden_call_ids(db, d) for d in dict.fromkeys(departments)}


def kept_from_all(call_id: str, departments: list[str], hidden: dict[str, set[str]]) -> bool:
    """True when a match of ``call_id`` that goes to ``departments`` reaches none of their
    digests: every one of them hides the call (``hidden`` from :func:`hidden_for`)."""
    return bool(departments) and all(call_id in hidden.get(d, set()) for d in departments)


def count_marks_since(db: sqlite_utils.Database, since: str) -> int:
    """Marks (answers and the coordinator's own) made on or after ``since`` (ISO)."""
    row = db.execute("select count(*) from marks where marked_at >= ?", [since]).fetchone()
    return int(row[0]) if row else 0


def marks_since(db: sqlite_utils.Database, since: str) -> list[dict[str, Any]]:
    """Marks made on or after ``since`` (ISO), newest first, each with its call's title."""
    return list(
        db.query(
            "select m.call_id, m.department, m.mark, m.reason, m.marked_by, m.marked_at, "
            "c.title from marks m left join calls c on c.id = m.call_id "
            "where m.marked_at >= ? order by m.marked_at desc, m.id desc",
            [since],
        )
    )


def department_mark(db: sqlite_utils.Database, call_id: str, department: str) -> Mark | None:
    """The latest mark made for exactly this department (an answer, or the coordinator's)."""
    where = f"({_OWN_OR_TWINS}) and department = ?"
    marks = _ordered(db, where, [call_id, call_id, department])
    return marks[-1] if marks else None


def marks_stamp(db: sqlite_utils.Database) -> tuple[int, int | None]:
    """(how many marks, the latest mark's id): changes with every new mark."""
    return db.execute("select count(*), max(id) from marks").fetchone()
