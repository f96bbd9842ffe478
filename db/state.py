"""Small named facts the service keeps between runs (table ``matcher_state``): a JSON value
per name, such as which day's crawl and match last finished."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils


def read_state_text(db: sqlite_utils.Database, name: str) -> str | None:
    """The text stored under ``name`` as it was written, or None when absent."""
    row = db.execute("select value from matcher_state where name = ?", [name]).fetchone()
    return row[0] if row else None


def state_written_at(db: sqlite_utils.Database, name: str) -> str | None:
    """When the value under ``name`` was last written (ISO, UTC), or None when absent."""
    row = db.execute("select updated_at from matcher_state where name = ?", [name]).fetchone()
    return row[0] if row else None


def write_state_text(db: sqlite_utils.Database, name: str, value: str, now: str) -> None:
    """Store the text ``value`` under ``name`` as it is; run it inside the caller's
    transaction."""
    db["matcher_state"].upsert(  # type: ignore[union-attr]
        {"name": name, "value": value, "updated_at": now}, pk="name"
    )


def read_state(db: sqlite_utils.Database, name: str) -> Any:
    """The value stored under ``name`` (decoded JSON), or None when absent or unreadable."""
    text = read_state_text(db, name)
    if text is None:
        return None
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        return None


def write_state(db: sqlite_utils.Database, name: str, value: Any, now: str) -> None:
    """Store ``value`` (JSON) under ``name``; run it inside the caller's transaction."""
    write_state_text(db, name, json.dumps(value), now)
