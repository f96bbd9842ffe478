"""Ranking a file of calls against a priorities file in a throw-away database.

This is the evaluation contract: every gate applies except the dates (an evaluation set
holds calls from several years).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from db import clock, open_db
from db.calls import store_call
from db.jsonl import read_calls
from db.records import Call
from matcher.embed import Progress, embed_calls
from matcher.encoders import Encoder
from matcher.pipeline import score_all
from matcher.scored import Scored
from matcher.vector_cache import default_encoder
from priorities import Priorities


def rank(
    calls_path: Path,
    priorities: Priorities,
    *,
    encoder: Encoder | None = None,
    progress: Progress | None = None,
    skipped: list[tuple[int, str]] | None = None,
    only: set[str] | None = None,
    feedback: Any = None,
    prepare: Callable[[Call], Call] | None = None,
) -> Iterator[dict[str, Any]]:
    """One record per (priority, call): score, and whether it would be in the digest.

    A priority's score is the best of the priority itself and its board goals. ``only``
    keeps just the calls with these ids (as written in the file), e.g. the labelled calls
    of an evaluation set read from a whole corpus: scores are relative to the calls ranked
    together, so an evaluation ranks exactly the calls it has labels for. ``prepare`` fills
    in each call's facts from its text before it is stored, as an import does (the command
    passes the crawler's, which this package may not import).
    """
    cached = None
    if encoder is None:  # the vectors of earlier runs, kept outside the throw-away database
        cached = default_encoder()
        encoder = cached
    try:
        with tempfile.TemporaryDirectory(prefix="eufunds-rank-") as folder:
            db = open_db(Path(folder) / "rank.db")
            with db.atomic():
                for result in read_calls(calls_path, "rank"):
                    if result.call is None:
                        if skipped is not None:
                            skipped.append((result.line_no, result.error or ""))
                        continue
                    if only is not None and result.call.source_id not in only:
                        continue
                    call = prepare(result.call) if prepare is not None else result.call
                    store_call(db, call, today=clock.today())
            embed_calls(db, encoder, progress=progress)
            version = priorities.version_hash or "unsaved"
            scored = score_all(db, priorities, version, encoder, today=None, feedback=feedback)
            db.close()
    finally:
        if cached is not None:
            cached.close()
    if scored is not None:
        yield from rows_of(scored, priorities)


def rows_of(scored: Scored, priorities: Priorities) -> Iterator[dict[str, Any]]:
    """The records of :func:`rank` for a scoring state (its score as it stands)."""
    worthy = scored.worthy(priorities)
    for priority in priorities.priorities:
        columns = [j for j, t in enumerate(scored.targets) if t.priority_id == priority.id]
        best = scored.score[:, columns].max(axis=1)
        good = [bool(worthy[i, columns].any()) for i in range(len(scored.calls))]
        for i, call in enumerate(scored.calls):
            value = float(best[i])
            failed = scored.eligibility[i][0] == "fail"
            # A record an import would read as no call (crawler.facts.complete_listed_call):
            # ranked, never in a digest.
            failed = failed or call.extra.get("listed_kind", "call") != "call"
            yield {
                "priority": priority.id,
                "call": call.source_id,
                "score": round(value, 4),
                "included": good[i] and not failed,
            }
