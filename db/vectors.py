"""Embedding vectors as float32 BLOBs, and loading them as numpy matrices."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import sqlite_utils


def read_only_scratch(db_path: Path) -> sqlite_utils.Database:
    """A read-only connection whose query-vector cache (``target_vectors``) is a temporary
    copy: the matcher's cache writes land in the copy and vanish with the connection."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)
    db = sqlite_utils.Database(conn)
    # Unqualified names resolve to the temp schema first.
    db.execute(
        "create temp table target_vectors (priorities_version text, target_id text, "
        "model text, text text, vector blob, primary key (priorities_version, target_id, model))"
    )
    db.execute(
        "insert into temp.target_vectors select priorities_version, target_id, model, text, "
        "vector from main.target_vectors"
    )
    return db


def to_blob(vector: np.ndarray) -> bytes:
    """A vector as little-endian float32 bytes."""
    return np.asarray(vector, dtype="<f4").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    """Bytes written by :func:`to_blob` back to a float32 vector."""
    return np.frombuffer(blob, dtype="<f4")


@dataclass
class ChunkMatrix:
    """All stored passages of all calls for one model, one row per passage."""

    call_ids: list[str]
    chunk_nos: list[int]
    texts: list[str]
    matrix: np.ndarray  # (passages, dim) float32


def load_chunks(
    db: sqlite_utils.Database, model: str, call_ids: list[str] | None = None
) -> ChunkMatrix:
    """Load the passages and vectors of ``model`` (optionally only for ``call_ids``)."""
    sql = "select call_id, chunk_no, text, vector from call_chunks where model = ?"
    args: list[object] = [model]
    if call_ids is not None:
        sql += " and call_id in (select value from json_each(?))"
        args.append(json.dumps(call_ids))
    sql += " order by call_id, chunk_no"
    ids: list[str] = []
    nos: list[int] = []
    texts: list[str] = []
    blobs: list[bytes] = []
    for call_id, chunk_no, text, blob in db.execute(sql, args).fetchall():
        ids.append(call_id)
        nos.append(chunk_no)
        texts.append(text)
        blobs.append(blob)
    if not blobs:
        return ChunkMatrix([], [], [], np.zeros((0, 0), dtype=np.float32))
    matrix = np.frombuffer(b"".join(blobs), dtype="<f4").reshape(len(blobs), -1)
    return ChunkMatrix(ids, nos, texts, matrix)


def stale_calls(db: sqlite_utils.Database, model: str) -> list[dict[str, Any]]:
    """Calls whose stored passages are missing or were cut from another content version."""
    return list(
        db.query(
            """
            select c.id, c.title, c.programme, c.description, c.content_hash
            from calls c
            left join (
                select call_id, min(content_hash) as content_hash
                from call_chunks where model = :model group by call_id
            ) k on k.call_id = c.id
            where k.content_hash is null or k.content_hash != c.content_hash
            order by c.id
            """,
            {"model": model},
        )
    )


def replace_chunks(
    db: sqlite_utils.Database,
    model: str,
    calls: list[tuple[dict[str, Any], list[tuple[int, str, np.ndarray]]]],
) -> None:
    """Store the passages and vectors of ``calls`` (each row with its (chunk number, text,
    vector) items) for ``model`` in place of any stored before, in one transaction."""
    if not calls:
        return
    with db.atomic():
        db.execute(
            "delete from call_chunks where model = ? and call_id in "
            "(select value from json_each(?))",
            [model, json.dumps([row["id"] for row, _ in calls])],
        )
        db["call_chunks"].insert_all(  # type: ignore[union-attr]
            {
                "call_id": row["id"],
                "model": model,
                "chunk_no": chunk_no,
                "content_hash": row["content_hash"],
                "text": text,
                "vector": to_blob(vector),
            }
            for row, chunks in calls
            for chunk_no, text, vector in sorted(chunks, key=lambda c: c[0])
        )
