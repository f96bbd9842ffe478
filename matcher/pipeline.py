"""The matching job: embed what is new, score every call against every target, store matches.

``match_all`` is what ``eufunds match`` and the weekly job run; ``score_all`` is the pure
scoring step that ``eufunds rank`` uses too.

Only calls are scored: a record that is a programme page, a news item or an offer for
individuals, and a twin (the same call as another source's primary record, ``twin_of`` set),
gets no matches at all, so it can reach no digest and ``eufunds matches`` never lists it;
``eufunds show`` says why it has none. Leaving them out of the scored population also keeps
them out of the statistics every call's score is standardised against.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache, partial
from pathlib import Path
from typing import Any

import numpy as np
import sqlite_utils

from db.calls import calls_by_id, hashes_and_twins, matchable_ids, utc_now
from db.jsonl import guess_language
from db.marks import marks_stamp
from db.matches import included_count, replace_matches
from db.records import Call, Match
from db.state import read_state_text, write_state, write_state_text
from db.vectors import load_chunks
from matcher.applicability import applicability_logit, call_vectors
from matcher.chunks import call_passages
from matcher.eligibility import check_eligibility
from matcher.embed import (
    Progress,
    cached_queries,
    embed_calls,
    embed_targets,
    embed_terms,
    target_texts,
)
from matcher.encoders import Encoder
from matcher.explain import (
    STANDARD_SENTENCES,
    Fact,
    leans,
    only_context,
    only_notes,
    quote,
    quote_of,
    readable,
    says_its_own,
    shared_sentences,
    standard_share,
    words_used,
)
from matcher.lexical import (
    counted_text,
    evidence_hits,
    excluded_terms_warnings,
    glossary_hits,
    keyword_hits,
    own_terms,
    search_terms,
    target_keywords,
    telling_terms,
    term_reading,
    term_shares,
    thin_terms_warnings,
    without_applicants,
    words_shown,
)
from matcher.model import MODEL_NAME
from matcher.pair_facts import (
    abroad_facts,
    description_facts,
    likeness_facts,
    mark_fact,
    rank_fact,
    research_facts,
    wordless_facts,
)
from matcher.prior import NAMESPACE as PRIOR_NAMESPACE
from matcher.prior import anchor_items, done_abroad, international_work, research_programme
from matcher.programme_rules import for_municipalities_alone
from matcher.scored import Scored
from matcher.scoring import (
    CALL_USE,
    DEFAULT_POSSIBLE,
    ScoreParts,
    call_use,
    final_score,
    label,
    municipal_prior,
    order_score,
    relevance,
    segment_starts,
    term_likeness,
    words_part,
)
from matcher.vector_cache import default_encoder
from priorities import Priorities, Target
from priorities.municipalities import coarse_region_warning

STORE_MIN_SCORE = 1.0  # pairs below this are not stored unless they are the call's best
# A passage with at least this share of its words in standard text is no call's best
# (docs/matching.md, step 1; 0.3 cost Södertälje 320 a top-5 call, 0.7 changed nothing).
STANDARD_PASSAGE = 0.5
# A quote whose passage uses none of the target's words may come from one of this many
# passages next in likeness to the target instead (measured: docs/matching.md, Explanations).
QUOTE_ALTERNATIVES = 2
LAST_SCORING = "last_scoring"  # matcher_state: the inputs of the last scoring (a hash)


@dataclass
class MatchStats:
    """What one ``match_all`` run did."""

    calls: int = 0
    embedded: int = 0
    targets: int = 0
    stored: int = 0
    included: int = 0
    rescored: bool = False
    seconds: float = 0.0
    embed_seconds: float = 0.0  # of ``seconds``: embedding (the model's load with it)
    warnings: list[str] = field(default_factory=list)


def _language(call: Call) -> str:
    if call.languages:
        return call.languages[0]
    return guess_language(f"{call.title} {call.description}") or "en"


def _call_order(chunk_call_ids: list[str]) -> tuple[list[str], np.ndarray]:
    """The calls in the order their passages come, and where each call's passages start."""
    call_index_of: dict[str, int] = {}
    call_ids: list[str] = []
    for cid in chunk_call_ids:
        if cid not in call_index_of:
            call_index_of[cid] = len(call_ids)
            call_ids.append(cid)
    return call_ids, segment_starts(np.array([call_index_of[cid] for cid in chunk_call_ids]))


def _target_matrices(
    db: sqlite_utils.Database, encoder: Encoder, targets: list[Target], version: str
) -> tuple[np.ndarray, list[np.ndarray]]:
    """The targets' vectors (a row each) and every target's facet vectors (maybe none)."""
    vectors = embed_targets(db, encoder, targets, version)
    facet_ids: dict[str, list[str]] = {t.target_id: [] for t in targets}
    for tid, _ in target_texts(targets):
        if "#facet-" in tid:
            facet_ids[tid.split("#facet-")[0]].append(tid)
    target_matrix = np.stack([vectors[t.target_id] for t in targets])
    facet_matrices = [
        np.stack([vectors[f] for f in facet_ids[t.target_id]])
        if facet_ids[t.target_id]
        else np.zeros((0, target_matrix.shape[1]), dtype=np.float32)
        for t in targets
    ]
    return target_matrix, facet_matrices


def _anchor_matrices(db: sqlite_utils.Database, encoder: Encoder) -> tuple[np.ndarray, np.ndarray]:
    """The vectors of the municipal prior's anchors: the municipal ones and the others."""
    anchors = cached_queries(db, encoder, PRIOR_NAMESPACE, anchor_items())
    municipal = np.stack([v for k, v in anchors.items() if k.startswith("municipal-")])
    other = np.stack([v for k, v in anchors.items() if k.startswith("other-")])
    return municipal, other


def term_document(call: Call) -> str:
    """The text of a call the English search terms are found in (the title counts twice),
    read as :func:`matcher.lexical.counted_text` reads it, its description without the
    sentences on who may apply (:func:`matcher.lexical.without_applicants`)."""
    description = without_applicants(call.description)
    return counted_text(f"{call.title}. {call.title}. {call.programme or ''}. {description}")


def word_text(call: Call) -> str:
    """The text of a call a target's keywords and the glossary's words are found in (what
    the digests' gate and a match's listed words read): its title and description without
    the sentences on who may apply (:func:`matcher.lexical.without_applicants`), as
    :func:`term_document` reads it."""
    return f"{call.title}\n{without_applicants(call.description)}"


def research_call(call: Call) -> bool:
    """A research framework programme's call (step 5), not one its rules open to municipalities
    alone: the European Capital of Innovation is a Horizon Europe prize to cities, not research
    for universities (measured: docs/matching.md, *The score*)."""
    return research_programme(call.programme) and not for_municipalities_alone(call)


def _parts(
    raw: np.ndarray,
    calls: list[Call],
    prior: np.ndarray,
    eligibility: list[tuple[str, list[Fact]]],
    priorities: Priorities,
    terms: tuple[list[list[str]], list[list[str]]],
    likeness: np.ndarray,
    applicable: np.ndarray,
) -> ScoreParts:
    """The inputs of the score of every call × target (``priorities``' targets) from the
    relevance and the calls' facts.

    ``terms`` are each target's search terms and its own ones among them (those its owners'
    names did not give: :func:`matcher.lexical.term_relevance`'s ``subjects``)."""
    search, own = terms
    targets = priorities.targets()
    keywords = target_keywords(targets, priorities.municipality)
    listed = target_keywords(targets, priorities.municipality, swedish=False)
    languages = [_language(c) for c in calls]
    found, held, common = term_reading([term_document(c) for c in calls], search, own)
    texts = [word_text(c) for c in calls]
    swedish = [language == "sv" for language in languages]
    return ScoreParts(
        raw_relevance=raw,
        languages=languages,
        prior=prior,
        failed=np.array([[1.0] if result == "fail" else [0.0] for result, _ in eligibility]),
        research=np.array([[1.0] if research_call(c) else [0.0] for c in calls]),
        terms=found,
        term_likeness=likeness,
        term_shares=np.array(term_shares(targets, search)),
        applicability=applicable,
        abroad=np.array([[1.0] if done_abroad(c.title, c.description) else [0.0] for c in calls]),
        international=_international(targets, search),
        shown=words_shown(held, texts, swedish, keywords, search, own, common, listed),
        common=common,
    )


def _international(targets: list[Target], terms: list[list[str]]) -> np.ndarray:
    """Per target: 1 when its priority is about work across borders
    (:func:`matcher.prior.international_work` of the priority's or any of its goals' search
    terms; a goal serves its priority, whatever its own words), else 0."""
    pairs = zip(targets, terms, strict=True)
    across = {target.priority_id for target, own in pairs if international_work(own)}
    return np.array([1.0 if t.priority_id in across else 0.0 for t in targets])


def score_all(
    db: sqlite_utils.Database,
    priorities: Priorities,
    version: str,
    encoder: Encoder,
    *,
    today: date | None,
    feedback: Any = None,
) -> Scored | None:
    """Score every call that has passages against every target; None when there are none.

    Records that are not calls, and twins of another source's record, are left out.
    ``feedback`` (a callable taking the :class:`Scored` before marks and returning it with
    its adjustment, :func:`matcher.feedback.learner`) applies what the marks teach.
    """
    chunks = load_chunks(db, MODEL_NAME, matchable_ids(db))
    if not chunks.call_ids:
        return None
    call_ids, starts = _call_order(chunks.call_ids)
    rows = calls_by_id(db, call_ids)
    calls = [Call.from_row(rows[cid]) for cid in call_ids]
    targets = priorities.targets()
    target_matrix, facet_matrices = _target_matrices(db, encoder, targets, version)
    municipal, other = _anchor_matrices(db, encoder)
    raw, best, shared = _relevance(chunks, starts, calls, target_matrix, facet_matrices)
    prior = municipal_prior(chunks.matrix, starts, municipal, other)
    eligibility = [check_eligibility(call, priorities, today) for call in calls]
    means = call_vectors(chunks.matrix, starts)
    applicable = applicability_logit(means, [c.programme for c in calls])
    own = own_terms(targets)
    terms, vocabulary, members, likeness = _search_terms(db, encoder, targets, own, chunks, starts)
    parts = _parts(raw, calls, prior, eligibility, priorities, (terms, own), likeness, applicable)
    order = order_score(parts)
    score, semantic, penalty = final_score(parts, [t.priority_id for t in targets], order=order)
    scored = Scored(
        call_ids,
        calls,
        targets,
        score,
        semantic,
        prior,
        best,
        chunks.texts,
        eligibility,
        [rows[cid]["content_hash"] for cid in call_ids],
        means,
        applicable,
        terms,
        rank_penalty=penalty,
        order=order,
        parts=parts,
        passages=chunks.matrix,
        passage_starts=starts,
        target_vectors=target_matrix,
        term_vectors=vocabulary,
        term_members=members,
        shared=shared,
        own_terms=own,
    )
    return scored if feedback is None else _with_feedback(scored, feedback)


def _relevance(
    chunks: Any,
    starts: np.ndarray,
    calls: list[Call],
    target_matrix: np.ndarray,
    facet_matrices: list[np.ndarray],
) -> tuple[np.ndarray, np.ndarray, frozenset[str]]:
    """Step 1 (calls × targets) and each pair's best passage, with no passage of mostly
    standard text as a best (:data:`STANDARD_PASSAGE`), and the standard text's sentences."""
    shared = shared_sentences((c.title, c.description) for c in calls)
    standard = np.array([standard_share(t, shared) >= STANDARD_PASSAGE for t in chunks.texts])
    raw, best = relevance(chunks.matrix, starts, target_matrix, facet_matrices, standard)
    return raw, best, shared


def _search_terms(
    db: sqlite_utils.Database,
    encoder: Encoder,
    targets: list[Target],
    own: list[list[str]],
    chunks: Any,
    starts: np.ndarray,
) -> tuple[list[list[str]], np.ndarray, list[list[int]], np.ndarray]:
    """Each target's search terms (its ``own`` and its owners', less those the file leaves
    out; :func:`matcher.lexical.search_terms`), every distinct term's
    query vector, each target's rows among them, and the terms' likeness (calls × targets)."""
    terms = search_terms(targets, own=own)
    vocabulary, members = embed_terms(db, encoder, terms)
    return terms, vocabulary, members, term_likeness(chunks.matrix, starts, vocabulary, members)


def _with_feedback(scored: Scored, feedback: Any) -> Scored:
    """``scored`` with what the marks teach (``feedback``) added to its score."""
    scored = feedback(scored)
    if scored.adjustment is not None:
        scored.score = scored.score + scored.adjustment
    return scored


def marks_feedback(db: sqlite_utils.Database, priorities: Priorities) -> Any:
    """The learner for the marks in the database: a department's mark counts for the
    priorities it owns, a mark for every department for every priority."""
    from db.marks import current_marks
    from matcher.feedback import MarkRow, learner

    rows: list[MarkRow] = []
    for mark in current_marks(db).values():
        if mark.department is None:
            rows.append(MarkRow(mark.call_id, None, mark.mark))
    for department in priorities.departments:
        owned = [p.id for p in priorities.priorities if department.id in p.departments]
        for mark in current_marks(db, department.id).values():
            if mark.department == department.id:
                rows += [MarkRow(mark.call_id, p, mark.mark) for p in owned]
    return learner(rows, by_key=True) if rows else None


def build_matches(scored: Scored, priorities: Priorities, version: str) -> list[Match]:
    """The pairs worth keeping, with labels, eligibility and explanations."""
    now = utc_now()
    strong, possible = priorities.thresholds.strong, priorities.thresholds.possible
    worded = _target_words(scored, priorities.municipality)
    worthy = scored.worthy(priorities)
    titles = {p.id: p.title for p in priorities.priorities}
    shared = scored.shared
    if shared is None:
        shared = shared_sentences((c.title, c.description) for c in scored.calls)
    research = research_facts(scored)
    undescribed = description_facts(scored.calls)
    likeness = likeness_facts(scored)
    abroad = abroad_facts(scored)
    unworded = wordless_facts(scored, possible if possible is not None else DEFAULT_POSSIBLE)
    texts = cache(partial(_passage_texts, scored))
    # What the search terms' words add (stored with the pair beside the semantic part).
    in_words = np.zeros(scored.score.shape) if scored.parts is None else words_part(scored.parts)
    matches: list[Match] = []
    for i, call in enumerate(scored.calls):
        best_target = int(np.argmax(scored.score[i]))
        result, facts = scored.eligibility[i]
        text = word_text(call)
        counted = counted_text(f"{call.programme or ''}\n{text}")  # as term_document reads
        swedish = scored.parts is not None and scored.parts.languages[i] == "sv"
        for j, target in enumerate(scored.targets):
            value = float(scored.score[i, j])
            if value < STORE_MIN_SCORE and j != best_target:
                continue
            tag = label(value, strong, possible)
            words, quoting = worded[target.target_id, swedish]
            matches.append(
                Match(
                    call_id=scored.call_ids[i],
                    target_id=target.target_id,
                    target_kind=target.kind,
                    priority_id=target.priority_id,
                    departments=list(target.departments),
                    score=round(value, 4),
                    semantic=round(float(scored.semantic[i, j]), 4),
                    lexical=round(float(in_words[i, j]), 4),
                    label=tag,
                    included=bool(worthy[i, j]) and result != "fail",
                    eligibility=result,
                    eligibility_facts=facts
                    + undescribed[i]
                    + research[i]
                    + likeness(i, j)
                    + rank_fact(scored, i, j, titles)
                    + abroad(i, j)
                    + unworded(i, j)
                    + mark_fact(scored, i, j),
                    passage=_quote(scored, i, j, texts(i), quoting, shared),
                    keywords=_matched_words(words, text, counted, swedish, scored.parts),
                    priorities_version=version,
                    call_hash=scored.call_hashes[i],
                    scored_at=now,
                )
            )
    return matches


def _target_words(scored: Scored, place: str) -> dict[tuple[str, bool], tuple[Any, Any]]:
    """Per (target id, whether the call is Swedish): the (keywords, English terms) a pair's
    matched words are found by (:func:`matcher.lexical.target_keywords` for a call in that
    language), and those its quote is chosen by: the same keywords with the target's own
    terms only (an owner's name's broad terms, "education", would choose any sentence on
    education over the one on schools)."""
    worded = {}
    own = scored.own_search_terms()
    for swedish in (True, False):
        every = target_keywords(scored.targets, place, swedish=swedish)
        pairs = zip(scored.targets, every, scored.terms, own, strict=True)
        for target, keywords, terms, mine in pairs:
            worded[target.target_id, swedish] = (keywords, terms), (keywords, mine)
    return worded


def _matched_words(
    words: tuple[list[str], list[str]],
    text: str,
    counted: str,
    swedish: bool,
    parts: ScoreParts | None = None,
) -> list[str]:
    """The keywords (at a word's start) a call's ``text`` holds and at most eight English terms
    (whole words) found in ``counted``, its text and programme as the score read the terms in
    (:func:`term_document`: not in the Cities Mission's name), and as the score counts them
    (:func:`matcher.lexical.evidence_hits`: the people a priority serves only beside its
    subject); for a ``swedish`` call also the glossary's terms for its text that the
    target's terms share a word with (:func:`matcher.lexical.glossary_hits`). Not by the words
    most calls hold (the score's ``parts``' ``common``), as the digests' gate reads them."""
    keywords, terms = words
    common = parts.common if parts is not None else frozenset()
    found = keyword_hits(keywords, text) + evidence_hits(telling_terms(terms, common), counted)[:8]
    if swedish:
        found += glossary_hits(terms, text, None, common)[:8]
    return list(dict.fromkeys(found))


def _quote(
    scored: Scored,
    i: int,
    j: int,
    texts: list[str],
    words: tuple[list[str], list[str]],
    shared: frozenset[str],
) -> str:
    """What a pair quotes: from the call's passage most like the target (``texts``: the
    call's passages, :func:`_passage_texts`), its sentences with the target's ``words``
    (keywords, English terms) first. When that passage uses none of the words, from the
    next of the :data:`QUOTE_ALTERNATIVES` passages most like the target that does; when it
    holds nothing but text other calls share (a Mission's standard background), the call's
    notes (sources, definitions) or its context (other projects' work, how many partners it
    must have: :func:`matcher.explain.only_context`), or cannot be read
    (:func:`matcher.explain.readable`: another topic's identifier, links), from the next
    passage in likeness that says something of the call's own, and of those, one whose quote
    does not lean on a sentence it leaves out (:func:`matcher.explain.leans`) where there is
    one."""
    keywords, terms = words
    title = scored.calls[i].title
    first = int(scored.passage_starts[i]) if scored.passage_starts is not None else 0
    best = int(scored.best_chunk[i, j]) - first

    def quoted(row: int) -> str:  # a sentence cut at an edge made whole from the call's own
        if scored.passage_starts is None:
            return quote(texts[row], title, keywords, shared, beside_facts=True, terms=terms)
        return quote_of(texts, row, title, keywords, shared, beside_facts=True, terms=terms)

    def telling(text: str) -> bool:
        return (
            says_its_own(text, shared)
            and readable(text)
            and not only_notes(text, texts, title)
            and not only_context(text)
        )

    found = quoted(best)
    passages, vectors = scored.passages, scored.target_vectors
    own = telling(found)
    if (own and words_used(found, keywords, terms)) or passages is None or vectors is None:
        return found
    likeness = passages[first : first + len(texts)] @ vectors[j]
    others = [int(row) for row in np.argsort(-likeness, kind="stable") if row != best]
    first_own = None
    for n, row in enumerate(others):
        if n >= QUOTE_ALTERNATIVES and (own or (first_own and not leans(first_own))):
            break
        other = quoted(row)
        if not telling(other):
            continue
        if n < QUOTE_ALTERNATIVES and words_used(other, keywords, terms):
            return other
        if first_own is None or (leans(first_own) and not leans(other)):
            first_own = other  # one that leans on a sentence not quoted says least
    return found if own else first_own or found


def _passage_texts(scored: Scored, i: int) -> list[str]:
    """Call ``i``'s passages as stored, with the description's line breaks back in them
    (where a heading or a field of the page ends) as long as they are the same words; all
    the stored texts when the passages' rows are unknown."""
    starts = scored.passage_starts
    if starts is None:
        return scored.chunk_texts
    first = int(starts[i])
    last = int(starts[i + 1]) if i + 1 < len(starts) else len(scored.chunk_texts)
    return _lined(scored.calls[i], scored.chunk_texts[first:last])


def _lined(call: Call, stored: list[str]) -> list[str]:
    """``stored`` passages with the call's line breaks back in them, if they are its words."""
    if "\n" not in call.description:
        return stored
    lined = call_passages(call.title, call.programme, call.description, lines=True)
    same = len(lined) == len(stored) and all(
        a.split() == b.split() for a, b in zip(lined, stored, strict=True)
    )
    return lined if same else stored


def priorities_warnings(priorities: Priorities) -> list[str]:
    """What matching warns about a valid priorities file: departments that own no priority,
    a region larger than the municipality's county
    (:func:`priorities.municipalities.coarse_region_warning`), priorities with few English
    search terms (:func:`matcher.lexical.thin_terms_warnings`), left-out search terms that
    leave nothing out (:func:`matcher.lexical.excluded_terms_warnings`)."""
    targets = priorities.targets()
    region = coarse_region_warning(priorities.municipality, priorities.nuts, priorities.country)
    return (
        ownership_warnings(priorities)
        + ([region] if region else [])
        + thin_terms_warnings(targets)
        + excluded_terms_warnings(targets)
    )


def ownership_warnings(priorities: Priorities) -> list[str]:
    """Swedish warnings for departments that own no priority (they would get no matches)."""
    owners = {d for p in priorities.priorities for d in p.departments}
    idle = [d.id for d in priorities.departments if d.id not in owners]
    if not idle:
        return []
    return [
        f"Förvaltningen {d} äger ingen prioritering och får därför inga träffar; lägg till "
        f"'{d}' under förvaltningar: på de prioriteringar den ansvarar för."
        for d in idle
    ]


@lru_cache(maxsize=1)
def rules_fingerprint() -> str:
    """A hash of the matcher's own rules: its modules, the applicability coefficients, and
    the region table and status rule the eligibility check reads from ``db``.

    Part of the state key, so that an upgraded eufunds rescores (nothing is embedded again)
    instead of keeping matches, eligibility facts and scores the old rules computed.
    """
    folder = Path(__file__).resolve().parent
    shared = [folder.parent / "db" / "regions.py", folder.parent / "db" / "status.py"]
    return files_fingerprint([*sorted([*folder.glob("*.py"), *folder.glob("*.json")]), *shared])


def files_fingerprint(paths: list[Path]) -> str:
    """A hash of the names and contents of ``paths`` (a missing file is skipped: an install
    without the sources hashes what it has)."""
    digest = hashlib.sha256()
    for path in paths:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _state_key(db: sqlite_utils.Database, version: str, today: date | None) -> str:
    digest = hashlib.sha256()
    digest.update(f"{MODEL_NAME}|{rules_fingerprint()}|{version}|{today}|".encode())
    # The twin mark is not content (a linker sets it), yet it decides what is scored.
    for content_hash, twin_of in hashes_and_twins(db):
        digest.update(f"{content_hash}|{twin_of or ''}|".encode())
    # Marks teach the ranking: a new mark rescores (nothing is embedded again).
    digest.update(str(marks_stamp(db)).encode())
    return digest.hexdigest()


def match_all(
    db: sqlite_utils.Database,
    priorities: Priorities,
    version_hash: str,
    *,
    today: date | None,
    encoder: Encoder | None = None,
    progress: Progress | None = None,
    force: bool = False,
) -> MatchStats:
    """Embed new or changed calls, then rescore and store every match.

    Nothing is embedded or rescored when no call, the priorities version and the day are the
    same as at the last run (the model is not even loaded); ``force`` rescores anyway. Without
    an ``encoder``, the model's behind the vector cache (:mod:`matcher.vector_cache`): a new
    database embeds only texts no database or ranking has embedded before.
    """
    if encoder is not None:
        return _match_all(db, priorities, version_hash, today, encoder, progress, force)
    cached = default_encoder()
    try:
        return _match_all(db, priorities, version_hash, today, cached, progress, force)
    finally:
        cached.close()


def _match_all(
    db: sqlite_utils.Database,
    priorities: Priorities,
    version_hash: str,
    today: date | None,
    encoder: Encoder,
    progress: Progress | None,
    force: bool,
) -> MatchStats:
    started = time.monotonic()
    stats = MatchStats(calls=db["calls"].count, targets=len(priorities.targets()))
    stats.warnings += priorities_warnings(priorities)
    embedding = time.monotonic()
    stats.embedded = embed_calls(db, encoder, progress=progress)
    stats.embed_seconds = time.monotonic() - embedding
    key = _state_key(db, version_hash, today)
    previous = read_state_text(db, LAST_SCORING)
    if not force and stats.embedded == 0 and previous == key:
        stats.stored = db["matches"].count
        stats.included = included_count(db)
        stats.seconds = time.monotonic() - started
        return stats
    feedback = marks_feedback(db, priorities)
    scored = score_all(db, priorities, version_hash, encoder, today=today, feedback=feedback)
    if feedback is not None:
        stats.warnings += feedback.warnings
    matches = build_matches(scored, priorities, version_hash) if scored else []
    with db.atomic():
        replace_matches(db, matches)
        write_state_text(db, LAST_SCORING, key, utc_now())
        if scored is not None and scored.shared is not None:
            # Search quotes a hit as a match is quoted: not by a programme's standard text.
            write_state(db, STANDARD_SENTENCES, sorted(scored.shared), utc_now())
        if scored is not None and scored.parts is not None:
            # Search ranks what a municipality can use first, by the same model.
            use = call_use(scored.parts).round(4).tolist()
            write_state(db, CALL_USE, dict(zip(scored.call_ids, use, strict=True)), utc_now())
    stats.rescored = True
    stats.stored = len(matches)
    stats.included = included_count(db)
    stats.seconds = time.monotonic() - started
    return stats
