"""The coordinator's triage marks: every mark is kept, the latest one counts.

A mark is for one department or, with ``department`` None, for every department. The mark
in force for (call, department) is the most recent one made for that department or for all
of them, so a later mark for everyone overrides an earlier one for a single department.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlite_utils

from db.records import MARKS

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


def marks_for_call(db: sqlite_utils.Database, call_id: str) -> list[Mark]:
    """Every mark of one call, oldest first."""
    return [
        _mark(r) for r in db["marks"].rows_where("call_id = ?", [call_id], order_by="marked_at, id")
    ]


def current_marks(db: sqlite_utils.Database, department: str | None = None) -> dict[str, Mark]:
    """The mark in force per call: for ``department`` (its own or an all-department mark),
    or, with ``department`` None, the latest mark of any kind.
    """
    if department is None:
        where, args = "1 = 1", []
    else:
        where, args = "(department = ? or department is null)", [department]
    latest: dict[str, Mark] = {}
    for row in db["marks"].rows_where(where, args, order_by="marked_at, id"):
        latest[row["call_id"]] = _mark(row)
    return latest


def hidden_call_ids(db: sqlite_utils.Database, department: str | None) -> set[str]:
    """Calls to leave out of ``department``'s digests and lists: its mark in force is
    not-relevant. With ``department`` None: calls whose latest mark of all is not-relevant
    for every department."""
    return {
        call_id
        for call_id, mark in current_marks(db, department).items()
        if mark.mark == HIDING_MARK and (department is not None or mark.department is None)
    }
