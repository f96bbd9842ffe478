"""Test data for the digest tests: real corpus calls and match rows written for them."""

from __future__ import annotations

import copy
import functools
import json
from datetime import date
from pathlib import Path
from typing import Any

import sqlite_utils

from db.calls import store_call
from db.jsonl import read_calls
from db.matches import upsert_matches
from db.records import Call, Match
from priorities import Priorities, load_priorities

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "datasets" / "calls" / "corpus.jsonl"
PRIORITIES = REPO / "tests" / "fixtures" / "notifier" / "priorities.yaml"
GOLDEN = REPO / "tests" / "golden" / "notifier"

TODAY = date(2026, 4, 6)  # a Monday: ISO week 2026-W15
WEEK = "2026-W15"
NOW = "2026-04-06T05:00:00+00:00"

# Real calls open on TODAY, with their final deadlines.
ENERGY_SMALAND = "TILLVAXTVERKET-11970"  # 2026-09-29
FOSSIL_FREE = (
    "ENERGIMYNDIGHETEN-framtidens-fossilfria-elproduktion-for-en-resilient-och-robust-elforsorjning"
)
NEGATIVE_EMISSIONS = "ENERGIMYNDIGHETEN-negativa-utslapp-uppskalning-och-kommersialisering"
ELECTROLYSIS = "HORIZON-JU-CLEANH2-2026-01-04"  # 2026-04-15
KRAFTLYFTET = "ENERGIMYNDIGHETEN-kraftlyftet-produktion-och-lagring"


def corpus_calls(ids: list[str]) -> dict[str, Call]:
    """The corpus calls with these source ids (prefix match for the long Swedish ids)."""
    found: dict[str, Call] = {}
    for call in _corpus():
        for wanted in ids:
            if call.source_id == wanted or (
                len(wanted) > 40 and call.source_id.startswith(wanted[:40])
            ):
                found[wanted] = copy.deepcopy(call)  # tests change their copy
    missing = [i for i in ids if i not in found]
    assert not missing, f"not in the corpus: {missing}"
    return found


@functools.cache
def _corpus() -> list[Call]:
    return [r.call for r in read_calls(CORPUS, "import") if r.call is not None]


def priorities() -> Priorities:
    """The test priorities file."""
    return load_priorities(PRIORITIES)


def store(
    db: sqlite_utils.Database, calls: list[Call], today: date = TODAY, now: str = NOW
) -> None:
    """Store calls as an import would."""
    with db.conn:
        for call in calls:
            store_call(db, call, today=today, now=now, touch=False)


def first_sentences(text: str, limit: int = 300) -> str:
    """The opening of a call's own description, as the matcher's passage."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit]
    return cut[: cut.rfind(". ") + 1] or cut


def add_match(
    db: sqlite_utils.Database,
    call: Call,
    *,
    target: str = "energi-klimat",
    kind: str = "priority",
    priority: str = "energi-klimat",
    departments: list[str] | None = None,
    score: float = 0.8,
    label: str | None = "stark",
    included: bool = True,
    eligibility: str = "pass",
    facts: list[dict[str, str]] | None = None,
    passage: str | None = None,
) -> None:
    """Write one match row for a real call."""
    upsert_matches(
        db,
        [
            Match(
                call_id=call.key,
                target_id=target,
                target_kind=kind,
                priority_id=priority,
                departments=departments or ["miljo"],
                score=score,
                semantic=score,
                lexical=score / 2,
                label=label,
                included=included,
                eligibility=eligibility,
                eligibility_facts=facts
                if facts is not None
                else [{"check": "status", "result": "pass", "reason": "öppen för ansökan"}],
                passage=passage if passage is not None else first_sentences(call.description),
                keywords=["energi"],
                priorities_version="test",
                call_hash=call.content_hash(),
                scored_at=NOW,
            )
        ],
    )


def add_mark(
    db: sqlite_utils.Database,
    call: Call,
    mark: str,
    department: str | None,
    at: str = "2026-04-01T08:00:00+00:00",
) -> None:
    """A coordinator's mark, as the triage command writes it."""
    db["marks"].insert(  # type: ignore[union-attr]
        {
            "call_id": call.key,
            "department": department,
            "mark": mark,
            "reason": None,
            "marked_by": "samordnaren",
            "marked_at": at,
        }
    )


def crawl_run(
    db: sqlite_utils.Database, source: str, ok: bool, at: str, error: str | None = None
) -> None:
    """A row in crawl_runs."""
    db["crawl_runs"].insert(  # type: ignore[union-attr]
        {
            "source": source,
            "started_at": at,
            "finished_at": at,
            "ok": int(ok),
            "items": 0,
            "new": 0,
            "changed": 0,
            "errors": 0 if ok else 1,
            "error_text": error,
        }
    )


def row(db: sqlite_utils.Database, sql: str, args: Any = ()) -> dict[str, Any]:
    """One row as a dict."""
    return next(iter(db.query(sql, args)))


def loads(text: str) -> Any:
    """json.loads, for brevity in tests."""
    return json.loads(text)
