"""Test data for the digest tests: invented calls and match rows written for them.

Every call in ``tests/fixtures/notifier/calls.jsonl`` is made up for the tests (see the
README next to it), so the digest and delivery tests run on any clone, without the real data.
"""

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
FIXTURES = REPO / "tests" / "fixtures" / "notifier"
CALLS = FIXTURES / "calls.jsonl"
KINDS = FIXTURES / "kinds.jsonl"  # news, a programme page, an offer, a twin, odd windows
PRIORITIES = FIXTURES / "priorities.yaml"
GOLDEN = REPO / "tests" / "golden" / "notifier"

TODAY = date(2026, 4, 6)  # a Monday: ISO week 2026-W15
WEEK = "2026-W15"
NOW = "2026-04-06T05:00:00+00:00"

# Invented calls, all open on TODAY, with their deadlines (days left on TODAY).
ENERGY_PREMISES = "EXEMPEL-ENERGI-LOKALER-2026"  # Swedish, 2026-09-29 (176 days)
ROOFTOP_SOLAR = "EXEMPEL-SOLEL-TAK-2026"  # Swedish, 2026-04-28 (22); silent on applicants
CARBON_CAPTURE = "EXEMPEL-KOLINFANGNING-2026"  # Swedish, 2026-04-29 (23); companies only
DISTRICT_HEATING = "EXEMPEL-HEAT-2026-01"  # English, Horizon Europe, 2026-04-15 (9)
GRID_STORAGE = "EXEMPEL-ELNAT-LAGRING-2026"  # Swedish, 2026-05-07 (31)

# Invented records that are not calls, or calls without an ordinary window (kinds.jsonl).
NEWS = "EXEMPEL-NYHET-ENERGIKLIV"  # a news item announcing a call
PROGRAMME_PAGE = "EXEMPEL-PROGRAM-REGIONALFONDEN"  # a programme page
STUDENT_OFFER = "EXEMPEL-PRAKTIK-ENERGI-2026"  # internships for students (individuals)
TWIN = "EXEMPEL-ENERGI-LOKALER-2026-KOPIA"  # ENERGY_PREMISES as another source has it
NO_DATES = "EXEMPEL-ENERGIGEMENSKAPER-UTAN-DATUM"  # a call whose source gives no dates
ENDED = "EXEMPEL-SKOLBYGGNADER-2025"  # closed 14 October 2025, as its text says; hint "Öppen"
ROLLING = "EXEMPEL-ENERGIKARTLAGGNING-LOPANDE"  # open until further notice, per project
# Facts the import may not read yet: taken from ``extra`` when the import left them there.
_FACTS = ("kind", "applicant_types", "budget_kind", "published", "budget", "currency")


def fixture_calls(ids: list[str]) -> dict[str, Call]:
    """The invented calls with these ids, each a fresh copy (tests change their copy)."""
    by_id = {call.source_id: call for call in _fixture()}
    missing = [i for i in ids if i not in by_id]
    assert not missing, f"not in {CALLS.relative_to(REPO)}: {missing}"
    return {i: copy.deepcopy(by_id[i]) for i in ids}


def fixture_ids() -> list[str]:
    """The ids of every invented call and record, in file order."""
    return [call.source_id for call in _fixture()]


@functools.cache
def _fixture() -> list[Call]:
    calls: list[Call] = []
    for path in (CALLS, KINDS):
        results = list(read_calls(path, "import"))
        errors = [f"line {r.line_no}: {r.error}" for r in results if r.call is None]
        assert not errors, f"{path.relative_to(REPO)}: {errors}"
        calls += [_facts(r.call) for r in results if r.call is not None]
    return calls


def _facts(call: Call) -> Call:
    for name in _FACTS:
        if name in call.extra:
            setattr(call, name, call.extra.pop(name))
    call.__post_init__()  # applicant types sorted, as stored
    return call


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


def link_twin(db: sqlite_utils.Database, primary: Call, twin: Call) -> None:
    """Mark ``twin`` as the same call as ``primary``, as the twin linker does: the twin gets
    ``twin_of``, the primary lists the twin's source and link in ``extra["also_at"]``."""
    with db.conn:
        db.execute("update calls set twin_of = ? where id = ?", [primary.key, twin.key])
        extra = json.loads(row(db, "select extra from calls where id = ?", [primary.key])["extra"])
        extra["also_at"] = [
            {"source": twin.source, "id": twin.key, "url": twin.url, "deadline": twin.deadline}
        ]
        db.execute(
            "update calls set extra = ? where id = ?",
            [json.dumps(extra, ensure_ascii=False, sort_keys=True), primary.key],
        )


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
    """Write one match row for a call."""
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
