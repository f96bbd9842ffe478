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
import json
import time
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import sqlite_utils

from db.calls import utc_now
from db.jsonl import guess_language
from db.matches import upsert_matches
from db.records import Call, Match
from db.vectors import load_chunks
from matcher.eligibility import check_eligibility
from matcher.embed import Progress, cached_queries, embed_calls, embed_targets, target_texts
from matcher.encoders import Encoder, SentenceTransformerEncoder
from matcher.explain import quote
from matcher.lexical import derived_keywords, keyword_hits
from matcher.model import MODEL_NAME
from matcher.prior import NAMESPACE as PRIOR_NAMESPACE
from matcher.prior import anchor_items, research_programme
from matcher.scoring import combine, label, municipal_prior, relevance, segment_starts
from priorities import Priorities, Target

STORE_MIN_SCORE = 1.0  # pairs below this are not stored unless they are the call's best


@dataclass
class Scored:
    """Every call × target of one scoring run."""

    call_ids: list[str]
    calls: list[Call]
    targets: list[Target]
    score: np.ndarray
    semantic: np.ndarray
    prior: np.ndarray
    best_chunk: np.ndarray
    chunk_texts: list[str]
    eligibility: list[tuple[str, list[dict[str, str]]]]
    call_hashes: list[str]


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
    warnings: list[str] = field(default_factory=list)


def _language(call: Call) -> str:
    if call.languages:
        return call.languages[0]
    return guess_language(f"{call.title} {call.description}") or "en"


def _applicants_named(facts: list[dict[str, str]]) -> bool:
    return any(f["check"] == "sökande" and f["result"] == "pass" for f in facts)


def matchable_ids(db: sqlite_utils.Database) -> list[str]:
    """Ids of the records that are scored: calls that are not twins of another record."""
    return [
        row[0]
        for row in db.execute(
            "select id from calls where coalesce(kind, 'call') = 'call' and twin_of is null "
            "order by id"
        )
    ]


def score_all(
    db: sqlite_utils.Database,
    priorities: Priorities,
    version: str,
    encoder: Encoder,
    *,
    today: date | None,
) -> Scored | None:
    """Score every call that has passages against every target; None when there are none.

    Records that are not calls, and twins of another source's record, are left out.
    """
    chunks = load_chunks(db, MODEL_NAME, matchable_ids(db))
    if not chunks.call_ids:
        return None
    call_index_of: dict[str, int] = {}
    call_ids: list[str] = []
    for cid in chunks.call_ids:
        if cid not in call_index_of:
            call_index_of[cid] = len(call_ids)
            call_ids.append(cid)
    rows = {
        r["id"]: r
        for r in db["calls"].rows_where(
            "id in (select value from json_each(?))", [json.dumps(call_ids)]
        )
    }
    calls = [Call.from_row(rows[cid]) for cid in call_ids]
    call_index = np.array([call_index_of[cid] for cid in chunks.call_ids])
    starts = segment_starts(call_index)

    targets = priorities.targets()
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
    anchors = cached_queries(db, encoder, PRIOR_NAMESPACE, anchor_items())
    municipal = np.stack([v for k, v in anchors.items() if k.startswith("municipal-")])
    other = np.stack([v for k, v in anchors.items() if k.startswith("other-")])

    raw, best = relevance(chunks.matrix, starts, target_matrix, facet_matrices)
    prior = municipal_prior(chunks.matrix, starts, municipal, other)
    eligibility = [check_eligibility(call, priorities, today) for call in calls]
    failed = np.array([[1.0] if result == "fail" else [0.0] for result, _ in eligibility])
    research = np.array([[1.0] if research_programme(c.programme) else [0.0] for c in calls])
    public = np.array([[1.0] if _applicants_named(facts) else [0.0] for _, facts in eligibility])
    score, semantic = combine(raw, [_language(c) for c in calls], prior, failed, research, public)
    return Scored(
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
    )


def build_matches(scored: Scored, priorities: Priorities, version: str) -> list[Match]:
    """The pairs worth keeping, with labels, eligibility and explanations."""
    now = utc_now()
    strong, possible = priorities.thresholds.strong, priorities.thresholds.possible
    keywords = {t.target_id: t.keywords or derived_keywords(t.text) for t in scored.targets}
    matches: list[Match] = []
    for i, call in enumerate(scored.calls):
        best_target = int(np.argmax(scored.score[i]))
        result, facts = scored.eligibility[i]
        text = f"{call.title}\n{call.description}"
        for j, target in enumerate(scored.targets):
            value = float(scored.score[i, j])
            if value < STORE_MIN_SCORE and j != best_target:
                continue
            tag = label(value, strong, possible)
            passage = scored.chunk_texts[int(scored.best_chunk[i, j])]
            target_keywords = keywords[target.target_id]
            matches.append(
                Match(
                    call_id=scored.call_ids[i],
                    target_id=target.target_id,
                    target_kind=target.kind,
                    priority_id=target.priority_id,
                    departments=list(target.departments),
                    score=round(value, 4),
                    semantic=round(float(scored.semantic[i, j]), 4),
                    lexical=0.0,
                    label=tag,
                    included=tag is not None and result != "fail",
                    eligibility=result,
                    eligibility_facts=facts,
                    passage=quote(passage, call.title, target_keywords),
                    keywords=keyword_hits(target_keywords, text),
                    priorities_version=version,
                    call_hash=scored.call_hashes[i],
                    scored_at=now,
                )
            )
    return matches


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


def _state_key(db: sqlite_utils.Database, version: str, today: date | None) -> str:
    digest = hashlib.sha256()
    digest.update(f"{MODEL_NAME}|{version}|{today}|".encode())
    # The twin mark is not content (a linker sets it), yet it decides what is scored.
    for content_hash, twin_of in db.execute("select content_hash, twin_of from calls order by id"):
        digest.update(f"{content_hash}|{twin_of or ''}|".encode())
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
    same as at the last run (the model is not even loaded); ``force`` rescores anyway.
    """
    started = time.monotonic()
    encoder = encoder or SentenceTransformerEncoder()
    stats = MatchStats(calls=db["calls"].count, targets=len(priorities.targets()))
    stats.warnings += ownership_warnings(priorities)
    stats.embedded = embed_calls(db, encoder, progress=progress)
    key = _state_key(db, version_hash, today)
    previous = db.execute("select value from matcher_state where name = 'last_scoring'").fetchone()
    if not force and stats.embedded == 0 and previous and previous[0] == key:
        stats.stored = db["matches"].count
        stats.included = db.execute("select count(*) from matches where included = 1").fetchone()[0]
        stats.seconds = time.monotonic() - started
        return stats
    scored = score_all(db, priorities, version_hash, encoder, today=today)
    matches = build_matches(scored, priorities, version_hash) if scored else []
    with db.atomic():
        db.execute("delete from matches")
        upsert_matches(db, matches)
        db["matcher_state"].upsert(  # type: ignore[union-attr]
            {"name": "last_scoring", "value": key, "updated_at": utc_now()}, pk="name"
        )
    stats.rescored = True
    stats.stored = len(matches)
    stats.included = sum(m.included for m in matches)
    stats.seconds = time.monotonic() - started
    return stats
