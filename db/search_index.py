"""What a search reads: the full-text index of the calls (FTS5 over title, programme and
description) and the stored passage vectors, ids and vectors first, texts only for the hits.

:mod:`matcher.search` decides the ranking; it builds the FTS5 expressions (every word
quoted) and asks here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sqlite_utils

_MATCH = "from calls_fts join calls on calls.rowid = calls_fts.rowid where calls_fts match ?"


def bm25_scores(
    db: sqlite_utils.Database, expression: str, weights: tuple[float, float, float]
) -> dict[str, float]:
    """call key -> bm25 evidence (larger is better) of the calls matching ``expression``,
    with the column weights (title, programme, description)."""
    sql = f"select calls.id, -bm25(calls_fts, ?, ?, ?) {_MATCH}"
    return {key: float(score) for key, score in db.execute(sql, [*weights, expression])}


def matching_ids(db: sqlite_utils.Database, expression: str) -> list[str]:
    """The keys of the calls matching an FTS5 ``expression``."""
    return [row[0] for row in db.execute(f"select calls.id {_MATCH}", [expression])]


def snippets(db: sqlite_utils.Database, expression: str, call_ids: list[str]) -> dict[str, str]:
    """A few words around the matches of ``expression`` in each call's description."""
    if not call_ids:
        return {}
    marks = ", ".join("?" for _ in call_ids)
    sql = (
        f"select calls.id, snippet(calls_fts, 2, '', '', ' … ', 32) {_MATCH} "
        f"and calls.id in ({marks})"
    )
    return dict(db.execute(sql, [expression, *call_ids]))


@dataclass
class PassageVectors:
    """Every stored passage vector of one model, grouped by call (rows in call order)."""

    call_ids: list[str]
    starts: np.ndarray  # first row of each call in ``matrix``
    chunk_nos: np.ndarray
    matrix: np.ndarray  # (passages, dim) float32


def passage_vectors(db: sqlite_utils.Database, model: str) -> PassageVectors | None:
    """The passage vectors of ``model``, or None when none are stored. Only ids and
    vectors: the texts are many megabytes and only the winners' are needed."""
    rows = db.execute(
        "select call_id, chunk_no, vector from call_chunks where model = ? "
        "order by call_id, chunk_no",
        [model],
    ).fetchall()
    if not rows:
        return None
    call_ids: list[str] = []
    starts: list[int] = []
    previous = None
    for i, (call_id, _no, _vec) in enumerate(rows):
        if call_id != previous:
            call_ids.append(call_id)
            starts.append(i)
            previous = call_id
    matrix = np.frombuffer(b"".join(r[2] for r in rows), dtype="<f4").reshape(len(rows), -1)
    chunk_nos = np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows))
    return PassageVectors(call_ids, np.asarray(starts, dtype=np.int64), chunk_nos, matrix)


def has_passages(db: sqlite_utils.Database, model: str) -> bool:
    """Whether any passage vectors of ``model`` are stored."""
    row = db.execute("select 1 from call_chunks where model = ? limit 1", [model]).fetchone()
    return row is not None


def passage_texts(
    db: sqlite_utils.Database, model: str, wanted: list[tuple[str, int]]
) -> dict[str, str]:
    """call key -> the text of the passage (call, chunk number) asked for."""
    out: dict[str, str] = {}
    for call_id, chunk_no in wanted:
        row = db.execute(
            "select text from call_chunks where call_id = ? and model = ? and chunk_no = ?",
            [call_id, model, chunk_no],
        ).fetchone()
        out[call_id] = row[0] if row else ""
    return out


def call_texts(
    db: sqlite_utils.Database, call_ids: list[str]
) -> dict[str, tuple[str, str | None, str]]:
    """call key -> (title, programme, description) of the calls asked for."""
    if not call_ids:
        return {}
    marks = ", ".join("?" for _ in call_ids)
    rows = db.execute(
        f"select id, title, programme, coalesce(description, '') from calls where id in ({marks})",
        call_ids,
    )
    return {
        key: (title or "", programme, description) for key, title, programme, description in rows
    }


def call_languages(db: sqlite_utils.Database) -> dict[str, str]:
    """call key -> its first language ('' when unknown)."""
    return dict(db.execute("select id, coalesce(json_extract(languages, '$[0]'), '') from calls"))
