"""Opening the database: path from ``EUFUNDS_DB``, WAL, migrations, clear errors."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlite_utils

DEFAULT_DB = Path("data") / "eufunds.db"


class DatabaseError(Exception):
    """The database cannot be opened or written; the message says why and what to do."""


def default_db_path() -> Path:
    """The database path: ``EUFUNDS_DB`` if set, else ``data/eufunds.db``."""
    return Path(os.environ.get("EUFUNDS_DB") or DEFAULT_DB)


def open_db(path: str | Path | None = None, *, migrate: bool = True) -> sqlite_utils.Database:
    """Open (and create on first use) the database, turn on WAL and apply pending migrations.

    Raises :class:`DatabaseError` with a one-line explanation when the path is a directory,
    the folder cannot be created, the file is not a SQLite database or the disk is read-only.
    """
    db_path = Path(path) if path is not None else default_db_path()
    if db_path.is_dir():
        raise DatabaseError(
            f"{db_path} is a directory, not a database file; "
            "point EUFUNDS_DB at a file path such as data/eufunds.db"
        )
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(
            f"cannot create the folder {db_path.parent} for the database: {exc.strerror}; "
            "choose a writable location with EUFUNDS_DB"
        ) from exc
    if db_path.exists() and not os.access(db_path, os.R_OK):
        raise DatabaseError(
            f"cannot read the database {db_path}: permission denied; "
            "fix its permissions or point EUFUNDS_DB elsewhere"
        )
    # Every command writes (migrations, WAL, its own records); SQLite would open a read-only
    # file quietly and fail at the first write, half-way through a command.
    if (db_path.exists() and not os.access(db_path, os.W_OK)) or not os.access(
        db_path.parent, os.W_OK
    ):
        raise DatabaseError(
            f"the database {db_path} or its folder is read-only; "
            "make both writable or point EUFUNDS_DB at a writable location"
        )
    try:
        conn = sqlite3.connect(str(db_path), timeout=30)
        db = sqlite_utils.Database(conn)
        # Fail early and clearly if this is not a SQLite file.
        db.execute("select count(*) from sqlite_master").fetchone()
        if db.journal_mode != "wal":
            db.enable_wal()
        db.execute("pragma foreign_keys = on")
        db.execute("pragma busy_timeout = 30000")
        if migrate:
            from db.migrations import apply_migrations

            apply_migrations(db)
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(_explain(db_path, exc)) from exc
    return db


def _explain(db_path: Path, exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    if "readonly" in text or "read-only" in text:
        return (
            f"the database {db_path} is read-only ({text}); "
            "make the file and its folder writable or point EUFUNDS_DB elsewhere"
        )
    if "not a database" in text or "malformed" in text:
        return (
            f"{db_path} is not a usable SQLite database ({text}); "
            "move it aside and run the command again to create a new one"
        )
    if "unable to open" in text:
        return (
            f"cannot open the database {db_path} ({text}); "
            "check that its folder exists and is writable, or set EUFUNDS_DB"
        )
    return f"database error in {db_path}: {text}"
