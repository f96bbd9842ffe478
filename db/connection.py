"""Opening the database: path from ``EUFUNDS_DB``, WAL, migrations, clear errors.

A write waits for another process's write for at most ``EUFUNDS_DB_BUSY_TIMEOUT`` seconds
(default 30) and then fails with "database is locked", which the command line turns into
one line (:func:`explain_sqlite_error`). Every database a process opens is remembered (the
file first opened at a path is held open), so the command line can tell when the file was
deleted or replaced under it, even when a later open made a new one there
(:func:`vanished_databases`).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

from db.errors import EufundsError

DEFAULT_DB = Path("data") / "eufunds.db"
DEFAULT_BUSY_TIMEOUT = 30.0  # seconds a write waits for another process's write
# Absolute path -> a read-only descriptor of the file first opened there, held while the
# command runs: a deleted file keeps it (link count 0) and its inode is not reused.
_OPENED: dict[Path, int] = {}
_OPENED_LOCK = threading.Lock()  # the web view's threads open the database too


class DatabaseError(EufundsError):
    """The database cannot be opened or written; the message says why and what to do."""


def default_db_path() -> Path:
    """The database path: ``EUFUNDS_DB`` if set, else ``data/eufunds.db``."""
    return Path(os.environ.get("EUFUNDS_DB") or DEFAULT_DB)


def busy_timeout() -> float:
    """Seconds a write waits for the lock: ``EUFUNDS_DB_BUSY_TIMEOUT`` (default 30)."""
    raw = (os.environ.get("EUFUNDS_DB_BUSY_TIMEOUT") or "").strip()
    if not raw:
        return DEFAULT_BUSY_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 3600:
        raise DatabaseError(
            f"EUFUNDS_DB_BUSY_TIMEOUT={raw!r} är inget antal sekunder mellan 0 och 3600"
        )
    return value


def database_exists(path: str | Path | None = None) -> bool:
    """Whether the database file is there (commands that only read must not create it)."""
    return (Path(path) if path is not None else default_db_path()).exists()


def open_db(path: str | Path | None = None, *, migrate: bool = True) -> sqlite_utils.Database:
    """Open (and create on first use) the database, turn on WAL and apply pending migrations.

    Raises :class:`DatabaseError` with a one-line explanation when the path is a directory,
    the folder cannot be created, the file is not a SQLite database or the disk is read-only.
    """
    db_path = Path(path) if path is not None else default_db_path()
    if db_path.is_dir():
        raise DatabaseError(
            f"{db_path} är en mapp, ingen databasfil; "
            "peka EUFUNDS_DB på en filsökväg som data/eufunds.db"
        )
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(
            f"kan inte skapa mappen {db_path.parent} för databasen: {exc.strerror}; "
            "välj en skrivbar plats med EUFUNDS_DB"
        ) from exc
    if db_path.exists() and not os.access(db_path, os.R_OK):
        raise DatabaseError(
            f"kan inte läsa databasen {db_path}: behörighet saknas; "
            "rätta behörigheterna eller peka EUFUNDS_DB någon annanstans"
        )
    # Every command writes (migrations, WAL, its own records); SQLite would open a read-only
    # file quietly and fail at the first write, half-way through a command.
    if (db_path.exists() and not os.access(db_path, os.W_OK)) or not os.access(
        db_path.parent, os.W_OK
    ):
        raise DatabaseError(
            f"databasen {db_path} eller dess mapp är skrivskyddad; "
            "gör båda skrivbara eller peka EUFUNDS_DB på en skrivbar plats"
        )
    timeout = busy_timeout()
    try:
        conn = sqlite3.connect(str(db_path), timeout=timeout)
        # Held from the moment the file is open: a deletion during the set-up below must be
        # reported as one, not as the disk I/O error it causes.
        _remember(db_path.absolute())
        db = sqlite_utils.Database(conn)
        # Fail early and clearly if this is not a SQLite file.
        db.execute("select count(*) from sqlite_master").fetchone()
        if db.journal_mode != "wal":
            with _setup_lock(db_path):
                if db.journal_mode != "wal":  # unless another process has just switched it
                    db.enable_wal()
        db.execute("pragma foreign_keys = on")
        db.execute(f"pragma busy_timeout = {int(timeout * 1000)}")
        if migrate:
            _migrate(db, db_path)
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(explain_sqlite_error(exc, db_path)) from exc
    return db


def _remember(path: Path) -> None:
    """Hold the file first opened at ``path``: a later open of a deleted database creates a
    new, empty file, which must not pass for the one the command worked on."""
    with _OPENED_LOCK:
        for old in [p for p in _OPENED if not p.parent.is_dir()]:  # throw-away folders gone
            os.close(_OPENED.pop(old))
        if path not in _OPENED:
            with contextlib.suppress(OSError):
                _OPENED[path] = os.open(path, os.O_RDONLY | os.O_CLOEXEC)


@contextlib.contextmanager
def _setup_lock(db_path: Path) -> Iterator[None]:
    """One process at a time sets a database up (WAL, migrations). Two first starts at once
    would both switch the new file to WAL, and SQLite fails one of them at once ("database
    is locked", without waiting the busy timeout): a deadlock it breaks instead of waiting.
    """
    lock_path = db_path.with_name(db_path.name + ".migrate.lock")
    with lock_path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released when closed, or when the process dies
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _migrate(db: sqlite_utils.Database, db_path: Path) -> None:
    """Apply pending migrations, one process at a time (two first starts at once)."""
    from db.migrations import apply_migrations, migrations

    if not migrations.pending(db):
        return
    with _setup_lock(db_path):
        apply_migrations(db)


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """A transaction that takes the write lock at once (``BEGIN IMMEDIATE``).

    A deferred transaction that reads and then writes fails at once with "database is
    locked" when another process committed in between; an immediate one waits for the lock
    (the busy timeout) and then sees the other's writes.
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.commit()


def vanished_databases() -> list[Path]:
    """Databases this process opened whose file was deleted or replaced since.

    A database whose whole folder is gone was a throw-away one (``eufunds rank`` scores in
    a temporary folder it removes), not the operator's: it is not reported.
    """
    gone = []
    with _OPENED_LOCK:
        for path, descriptor in _OPENED.items():
            if not path.parent.is_dir():
                continue
            held = os.fstat(descriptor)
            try:
                info = path.stat()
            except OSError:
                gone.append(path)
                continue
            if held.st_nlink == 0 or (info.st_dev, info.st_ino) != (held.st_dev, held.st_ino):
                gone.append(path)
    return gone


def set_busy_timeout(db: sqlite_utils.Database, milliseconds: int) -> None:
    """How long this connection waits for another writer before giving up."""
    db.execute(f"pragma busy_timeout = {int(milliseconds)}")


def database_file(db: sqlite_utils.Database) -> Path | None:
    """The file of an open database (None for an in-memory one)."""
    for row in db.execute("pragma database_list").fetchall():
        if row[1] == "main" and row[2]:
            return Path(row[2])
    return None


def forget_opened() -> None:
    """Forget the databases opened so far (a new command in the same process)."""
    with _OPENED_LOCK:
        while _OPENED:
            os.close(_OPENED.popitem()[1])


_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def explain_os_error(exc: OSError) -> str | None:
    """One line for a full disk (or a file size limit); None for other OS errors."""
    if exc.errno in _FULL_ERRNOS:
        where = f" vid skrivning av {exc.filename}" if exc.filename else ""
        return (
            f"disken är full{where} ({exc.strerror}); inget av kommandots arbete efter den "
            "senaste sparningen finns kvar; frigör utrymme och kör det igen"
        )
    return None


def explain_sqlite_error(exc: sqlite3.Error, path: Any = None) -> str:
    """One line for a database error that reached the command line."""
    text = str(exc)
    db_path = Path(path) if path is not None else default_db_path()
    if "locked" in text or "busy" in text:
        return (
            f"databasen {db_path} var upptagen i {busy_timeout():g} s (en annan eufunds-process "
            "skriver i den); inget ändrades, kör kommandot igen när den är klar "
            "(EUFUNDS_DB_BUSY_TIMEOUT väntar längre)"
        )
    if "full" in text:
        return (
            f"disken för databasen {db_path} är full ({text}); det ofärdiga arbetet rullades "
            "tillbaka, inget sparat har förlorats; frigör utrymme och kör kommandot igen"
        )
    if "disk I/O" in text or "no such table" in text:
        return (
            f"kan inte skriva databasen {db_path} ({text}): disken kan vara full eller trasig, "
            "eller så har filen flyttats; det ofärdiga arbetet rullades tillbaka, inget sparat "
            "har förlorats; kontrollera disken och kör kommandot igen"
        )
    if isinstance(exc, sqlite3.DatabaseError):
        return _explain(db_path, exc)
    return f"databasfel i {db_path}: {text}"


def _explain(db_path: Path, exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    if "readonly" in text or "read-only" in text:
        return (
            f"databasen {db_path} är skrivskyddad ({text}); "
            "gör filen och dess mapp skrivbara eller peka EUFUNDS_DB någon annanstans"
        )
    if "not a database" in text or "malformed" in text:
        return (
            f"{db_path} är ingen användbar SQLite-databas ({text}); "
            "flytta undan den och kör kommandot igen för att skapa en ny"
        )
    if "unable to open" in text:
        return (
            f"kan inte öppna databasen {db_path} ({text}); "
            "kontrollera att mappen finns och är skrivbar, eller sätt EUFUNDS_DB"
        )
    return f"databasfel i {db_path}: {text}"
