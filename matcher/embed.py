"""Embedding calls (once per content version), targets (once per priorities version) and
search terms (once per term)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

import numpy as np
import sqlite_utils

from db.vectors import from_blob, replace_chunks, stale_calls, to_blob
from matcher.chunks import call_passages
from matcher.encoders import Encoder
from matcher.model import MODEL_NAME
from matcher.queries import target_facets
from priorities import Target

ENCODE_BLOCK = 256  # passages per encode call: long enough to sort by length, short enough
# that progress moves and a crash loses little

TERMS_NAMESPACE = "_terms-v1"  # the query vectors of English search terms, shared by versions

Progress = Callable[[int, int], None]


def embed_calls(
    db: sqlite_utils.Database,
    encoder: Encoder,
    *,
    model: str = MODEL_NAME,
    progress: Progress | None = None,
) -> int:
    """Embed every new or changed call; return how many calls were embedded.

    A call is embedded once per content hash: a re-run with nothing changed embeds nothing.
    All passages are encoded shortest first in blocks (as plain ``encode`` of a whole list
    does), so that batches hold texts of similar length and little padding; a call is written
    as soon as its last passage is done, so a crash loses at most one block.
    """
    todo = stale_calls(db, model)
    items: list[tuple[int, int, str]] = []  # (call index, chunk number, passage)
    for index, row in enumerate(todo):
        for chunk_no, passage in enumerate(
            call_passages(row["title"], row["programme"], row["description"])
        ):
            items.append((index, chunk_no, passage))
    remaining = Counter(index for index, _, _ in items)
    vectors: dict[int, list[tuple[int, str, np.ndarray]]] = defaultdict(list)
    order = sorted(range(len(items)), key=lambda k: len(items[k][2]))
    done = 0
    for start in range(0, len(order), ENCODE_BLOCK):
        block = order[start : start + ENCODE_BLOCK]
        encoded = encoder.passages([items[k][2] for k in block])
        finished: list[int] = []
        for k, vector in zip(block, encoded, strict=True):
            index, chunk_no, passage = items[k]
            vectors[index].append((chunk_no, passage, vector))
            remaining[index] -= 1
            if remaining[index] == 0:
                finished.append(index)
        replace_chunks(db, model, [(todo[i], vectors.pop(i)) for i in finished])
        done += len(finished)
        if progress:
            progress(done, len(todo))
    return done


def target_texts(targets: list[Target]) -> list[tuple[str, str]]:
    """(vector id, text) for every target and facet: ``id`` and ``id#facet-N``."""
    items: list[tuple[str, str]] = []
    for target in targets:
        items.append((target.target_id, target.text))
        for n, facet in enumerate(target_facets(target), start=1):
            items.append((f"{target.target_id}#facet-{n}", facet))
    return items


def embed_targets(
    db: sqlite_utils.Database,
    encoder: Encoder,
    targets: list[Target],
    version: str,
    *,
    model: str = MODEL_NAME,
) -> dict[str, np.ndarray]:
    """Vectors of every target and facet for one priorities version (stored; reused)."""
    return cached_queries(db, encoder, version, target_texts(targets), model=model)


def cached_queries(
    db: sqlite_utils.Database,
    encoder: Encoder,
    namespace: str,
    items: list[tuple[str, str]],
    *,
    model: str = MODEL_NAME,
) -> dict[str, np.ndarray]:
    """Query vectors for (id, text) items, stored under ``namespace``; only new texts are
    encoded, so a run with nothing changed never loads the model."""
    stored = {
        row["target_id"]: row
        for row in db["target_vectors"].rows_where(
            "priorities_version = ? and model = ?", [namespace, model]
        )
    }
    missing = [(tid, text) for tid, text in items if stored.get(tid, {}).get("text") != text]
    if missing:
        vectors = encoder.queries([text for _, text in missing])
        rows = [
            {
                "priorities_version": namespace,
                "target_id": tid,
                "model": model,
                "text": text,
                "vector": to_blob(vector),
            }
            for (tid, text), vector in zip(missing, vectors, strict=True)
        ]
        db["target_vectors"].upsert_all(  # type: ignore[union-attr]
            rows, pk=("priorities_version", "target_id", "model")
        )
        stored.update({row["target_id"]: row for row in rows})
    return {tid: from_blob(stored[tid]["vector"]) for tid, _ in items}


def embed_terms(
    db: sqlite_utils.Database,
    encoder: Encoder,
    terms: list[list[str]],
    *,
    model: str = MODEL_NAME,
) -> tuple[np.ndarray, list[list[int]]]:
    """Query vectors of every distinct search term (a row each; stored, so a term is encoded
    once whatever file uses it) and, per target, the rows of its terms."""
    vocabulary = list(dict.fromkeys(term for target in terms for term in target))
    row = {term: n for n, term in enumerate(vocabulary)}
    members = [[row[term] for term in dict.fromkeys(target)] for target in terms]
    if not vocabulary:
        return np.zeros((0, 0), dtype=np.float32), members
    vectors = cached_queries(
        db, encoder, TERMS_NAMESPACE, [(t, t) for t in vocabulary], model=model
    )
    return np.stack([vectors[t] for t in vocabulary]), members
