"""A file of vectors by key, outside any eufunds database: what :mod:`matcher.vector_cache`
keeps between `eufunds rank` runs (each of which scores in a throw-away database).

Keys are digests (bytes); vectors are float32 BLOBs as :func:`db.vectors.to_blob` writes
them. Errors (``OSError``, ``sqlite3.Error``) are the caller's to handle.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np

from db.vectors import from_blob, to_blob

LOOKUP_BLOCK = 500  # keys per select (SQLite's limit on bound parameters is far above)
# The store keeps the newest vectors up to this many (about 210 MB; the whole real corpus
# is 3,332 passages); older ones go as new ones come, so the file stops growing.
KEEP = 100_000


def open_store(path: Path) -> sqlite3.Connection:
    """The store at ``path``, made (with its folder) when missing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=30)
    try:
        # A rowid table: its leaves hold a vector's 1.5 kB, while a table without rowid
        # would spill each into a page of its own.
        conn.execute(
            "create table if not exists vectors (key blob primary key, vector blob not null)"
        )
        conn.commit()
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def lookup(conn: sqlite3.Connection, keys: list[bytes]) -> dict[bytes, np.ndarray]:
    """The stored vectors of those keys that are in the store."""
    found: dict[bytes, np.ndarray] = {}
    unique = list(dict.fromkeys(keys))
    for start in range(0, len(unique), LOOKUP_BLOCK):
        block = unique[start : start + LOOKUP_BLOCK]
        marks = ",".join("?" * len(block))
        for key, blob in conn.execute(
            f"select key, vector from vectors where key in ({marks})", block
        ):
            found[bytes(key)] = from_blob(blob)
    return found


def store(conn: sqlite3.Connection, vectors: dict[bytes, np.ndarray], keep: int = KEEP) -> None:
    """Add vectors by key in one transaction (a key already there keeps its vector), and
    drop the oldest beyond the newest ``keep``.

    Rows are numbered in the order they came (an ignored insert takes no number), and the
    oldest go first, so the numbers alive are one run: the newest number less ``keep`` is
    the last to drop."""
    with conn:
        conn.executemany(
            "insert or ignore into vectors (key, vector) values (?, ?)",
            [(key, to_blob(vector)) for key, vector in vectors.items()],
        )
        newest = conn.execute("select max(rowid) from vectors").fetchone()[0] or 0
        if newest > keep:
            conn.execute("delete from vectors where rowid <= ?", (newest - keep,))
