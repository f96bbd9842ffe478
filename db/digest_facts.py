"""What a department's weekly digest is made of, as the database knows it.

:mod:`notifier.digest` decides what goes into a digest; it asks here for the facts: the calls
it may show, what earlier digests of the department showed, the changes since, the reminders
already sent. Nothing here writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlite_utils

from db.calls import call_row, calls_by_id
from db.twins import primaries

__all__ = [
    "call_row",
    "calls_by_id",
    "changes_between",
    "previous_built_at",
    "reminders_sent",
    "shown_before",
]


def shown_before(db: sqlite_utils.Database, department: str, week: str) -> dict[str, set[str]]:
    """Calls the department's digests before ``week`` offered as new (``new``, with the
    overflow they counted), to watch (``watch``), for the municipality's own area
    (``own_area``, the coordinator's), and showed at all (``any``: not the overflow, which
    the department never saw). A record that has since become another's twin counts as its
    primary: the call was offered (:func:`db.twins.primaries`)."""
    shown: dict[str, set[str]] = {"new": set(), "watch": set(), "own_area": set(), "any": set()}
    primary = primaries(db)
    for row in db.query(
        "select i.call_id, i.section from digest_items i join digests d on d.id = i.digest_id "
        "where d.department = ? and d.iso_week < ?",
        [department, week],
    ):
        call_id = primary.get(row["call_id"], row["call_id"])
        if row["section"] != "overflow":
            shown["any"].add(call_id)
        if row["section"] in ("new", "overflow"):
            shown["new"].add(call_id)
        if row["section"] in ("watch", "own_area"):
            shown[row["section"]].add(call_id)
    return shown


def previous_built_at(db: sqlite_utils.Database, department: str, week: str) -> str | None:
    """When the department's latest digest before ``week`` was built (ISO), or None."""
    row = db.execute(
        "select max(built_at) from digests where department = ? and iso_week < ?",
        [department, week],
    ).fetchone()
    return row[0] if row else None


def changes_between(
    db: sqlite_utils.Database, kinds: Iterable[str], since: str, until: str
) -> list[dict[str, Any]]:
    """Changes of the given kinds detected in (since, until], oldest first."""
    kinds = list(kinds)
    marks = ",".join("?" for _ in kinds)
    return list(
        db.query(
            f"select call_id, kind, old, new from changes where kind in ({marks}) "
            "and detected_at > ? and detected_at <= ? order by detected_at, id",
            [*kinds, since, until],
        )
    )


def reminders_sent(db: sqlite_utils.Database, department: str) -> set[tuple[str, str, int]]:
    """(call, deadline, threshold) of every reminder the department's digests carried."""
    return {
        (r["call_id"], r["deadline"], r["threshold"])
        for r in db.query(
            "select call_id, deadline, threshold from reminders where department = ?",
            [department],
        )
    }
