"""Small named facts the service keeps between runs (table ``matcher_state``): a JSON value
per name, such as which day's crawl and match last finished."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils


def read_state(db: sqlite_utils.Database, name: str) -> Any:
    """The value stored under ``name`` (decoded JSON), or None when absent or unreadable."""
    row = db.execute("select value from matcher_state where name = ?", [name]).fetchone()
    if not row:
        return None
    try:
        return json.loads(row[0])
    except (TypeError, ValueError):
        return None


def write_state(db: sqlite_utils.Database, name: str, value: Any, now: str) -> None:
    """Store ``value`` (JSON) under ``name``; run it inside the caller's transaction."""
    db["matcher_state"].upsert(  # type: ignore[union-attr]
        {"name": name, "value": json.dumps(value), "updated_at": now}, pk="name"
    )
