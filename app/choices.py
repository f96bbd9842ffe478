"""Checking department and priority ids given on the command line against the priorities
file, so that a typo is a clear error (exit 2) listing the valid ids, not an empty result.
"""

from __future__ import annotations

from typing import Any

import click
import sqlite_utils

from db.matches import matched_departments, matched_priority_ids


def _priorities_file(db: sqlite_utils.Database) -> Any | None:
    """The priorities in force (the file, or its last valid version), or None when there is
    no valid version at all."""
    try:
        from app.active_priorities import active_priorities
    except ImportError:  # a build without the priorities package
        return None
    try:
        state = active_priorities(db)
    except Exception:  # invalid and never valid: fall back to the ids the matches use
        return None
    return getattr(state, "priorities", None)


def known_departments(db: sqlite_utils.Database) -> dict[str, str]:
    """Department id -> name, from the priorities file (or from stored matches)."""
    prio = _priorities_file(db)
    if prio is not None:
        return {d.id: d.name for d in prio.departments}
    return {dept: dept for dept in matched_departments(db)}


def department_of_address(db: sqlite_utils.Database, address: str | None) -> str | None:
    """The department whose digest goes to ``address`` (the priorities file's contacts), or
    None when none or several do."""
    prio = _priorities_file(db)
    if prio is None or not address:
        return None
    wanted = address.strip().lower()
    found = [d.id for d in prio.departments if wanted in (c.lower() for c in d.contacts)]
    return found[0] if len(found) == 1 else None


def known_priorities(db: sqlite_utils.Database) -> dict[str, str]:
    """Priority id -> title, in file order, from the priorities file (or stored matches)."""
    prio = _priorities_file(db)
    if prio is not None:
        return {p.id: p.title for p in prio.priorities}
    return {pid: pid for pid in matched_priority_ids(db)}


def check_department(db: sqlite_utils.Database, value: str | None) -> str | None:
    """``value`` if it is a known department id; a usage error (exit 2) otherwise."""
    if value is None:  # no file read: a plain search must not load the priorities
        return None
    return _check(value, sorted(known_departments(db)), "förvaltning", "'--department'")


def check_priority(db: sqlite_utils.Database, value: str | None) -> str | None:
    """``value`` if it is a known priority id; a usage error (exit 2) otherwise."""
    if value is None:
        return None
    return _check(value, list(known_priorities(db)), "prioritering", "'--priority'")


def _check(value: str, valid: list[str], what: str, hint: str) -> str:
    if value in valid:
        return value
    raise click.BadParameter(
        f"okänd {what} {value!r}; giltiga id: {', '.join(valid) or '(inga)'}", param_hint=hint
    )
