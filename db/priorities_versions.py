"""The priorities versions the service has used: content, hash and a summary of each.

Plain data only: this module does not parse priorities files (``db`` imports nothing of the
project). The caller passes the hash, the text and a JSON-able summary.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from db.connection import write_transaction


@dataclass(frozen=True)
class PrioritiesVersion:
    """One stored version of the priorities file."""

    id: int
    hash: str
    loaded_at: str  # UTC ISO time it was first loaded
    path: str | None
    content: str
    summary: dict[str, Any]


def _version(row: dict[str, Any]) -> PrioritiesVersion:
    return PrioritiesVersion(
        id=row["id"],
        hash=row["hash"],
        loaded_at=row["loaded_at"],
        path=row["path"],
        content=row["content"],
        summary=json.loads(row["summary"] or "{}"),
    )


def latest_version(db: sqlite_utils.Database) -> PrioritiesVersion | None:
    """The most recently recorded version, or None if none was ever recorded."""
    rows = list(db["priorities_versions"].rows_where(order_by="id desc", limit=1))
    return _version(rows[0]) if rows else None


def record_version(
    db: sqlite_utils.Database,
    *,
    version_hash: str,
    content: str,
    path: str | None,
    summary: dict[str, Any],
    now: str,
) -> tuple[PrioritiesVersion, bool]:
    """Store a valid version unless it is already the latest; returns (version, stored_now)."""
    if db.conn.in_transaction:  # the caller's transaction decides
        return _record(db, version_hash, content, path, summary, now)
    latest = latest_version(db)
    if latest is not None and latest.hash == version_hash:
        return latest, False  # the usual case: no write, no lock
    # IMMEDIATE: take the write lock before reading the latest version, so two processes
    # loading the same new file wait for each other instead of both inserting it (or one
    # failing on a stale snapshot).
    with write_transaction(db):
        return _record(db, version_hash, content, path, summary, now)


def _record(
    db: sqlite_utils.Database,
    version_hash: str,
    content: str,
    path: str | None,
    summary: dict[str, Any],
    now: str,
) -> tuple[PrioritiesVersion, bool]:
    latest = latest_version(db)
    if latest is not None and latest.hash == version_hash:
        return latest, False
    table = db["priorities_versions"]
    table.insert(  # type: ignore[union-attr]
        {
            "hash": version_hash,
            "loaded_at": now,
            "path": path,
            "content": content,
            "summary": json.dumps(summary, ensure_ascii=False, sort_keys=True),
        }
    )
    new_id: int = table.last_pk  # type: ignore[union-attr,assignment]
    return _version(db["priorities_versions"].get(new_id)), True  # type: ignore[union-attr]


def list_versions(db: sqlite_utils.Database) -> list[PrioritiesVersion]:
    """Every recorded version, oldest first."""
    return [_version(r) for r in db["priorities_versions"].rows_where(order_by="id")]


def find_version(db: sqlite_utils.Database, version_hash: str) -> PrioritiesVersion | None:
    """The latest stored version with this hash (a prefix of at least 6 characters works)."""
    if len(version_hash) < 6:
        return None
    rows = list(
        db["priorities_versions"].rows_where(
            "hash like ?", [version_hash + "%"], order_by="id desc", limit=1
        )
    )
    return _version(rows[0]) if rows else None
