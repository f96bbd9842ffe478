"""A small real world for the coordinator's commands: the real corpus, imported once through
the real ``eufunds import-calls``, and matches on a handful of real calls routed to the
departments of the shipped Linköping priorities file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from app.cli import cli
from db import open_db
from db.matches import upsert_matches
from db.records import Match

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "datasets" / "calls" / "corpus.jsonl"
PRIORITIES = REPO / "priorities" / "linkoping.yaml"
TODAY = "2026-03-01"  # the corpus snapshots are from 2025-10 to 2026-08

WATER = "import:HORIZON-CL6-2026-02-CLIMATE-02"  # deadline 2026-04-14
MISSIONS = "import:HORIZON-MISS-2026-07-CROSS-01"  # deadline 2026-03-31
TOWNS = "import:CERV-2026-CITIZENS-TOWN-NT"  # deadline 2026-04-16
DIGITAL = "import:TILLVAXTVERKET-11968"  # deadline 2026-09-29
VIABLE = "import:VIABLECITIES-KLIMATNEUTRALA-STADER-2030-2019"  # closed 2019

# (call, priority, target, departments, eligibility, passage)
SEEDED = [
    (
        WATER,
        "avlopp-biogas",
        "avlopp-biogas",
        ["tekniska-verken", "miljo-samhallsbyggnad"],
        "unknown",
        "water infrastructures of the future",
    ),
    (
        MISSIONS,
        "energi-klimat",
        "klimat-co2-neutral",
        ["miljo-samhallsbyggnad", "tekniska-verken"],
        "pass",
        "deployment of EU Missions",
    ),
    (
        TOWNS,
        "medborgardialog-demokrati",
        "medborgardialog-demokrati",
        ["kommunledning", "miljo-samhallsbyggnad"],
        "pass",
        "Networks of Towns",
    ),
    (
        DIGITAL,
        "smart-stad-digitalisering",
        "smart-stad-digitalisering",
        ["kommunledning", "tekniska-verken"],
        "unknown",
        "digitaliserade företag",
    ),
    (
        VIABLE,
        "energi-klimat",
        "energi-klimat",
        ["miljo-samhallsbyggnad", "tekniska-verken"],
        "fail",
        "Klimatneutrala städer 2030",
    ),
]


def build_corpus_db(path: Path) -> None:
    """Import the real corpus into ``path`` with the real command."""
    import os

    old = os.environ.get("EUFUNDS_DB")
    os.environ["EUFUNDS_DB"] = str(path)
    try:
        result = CliRunner().invoke(cli, ["import-calls", str(CORPUS), "--today", TODAY])
        assert result.exit_code == 0, result.output
    finally:
        if old is None:
            del os.environ["EUFUNDS_DB"]
        else:
            os.environ["EUFUNDS_DB"] = old


def copy_db(source: Path, target: Path) -> None:
    """A consistent copy of a WAL database (the backup API, not a file copy)."""
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()


def seed_matches(path: Path) -> None:
    """Store included matches for the seeded calls, as the matcher would."""
    db = open_db(path)
    with db.atomic():
        upsert_matches(
            db,
            [
                Match(
                    call_id=call_id,
                    target_id=target,
                    target_kind="priority" if target == priority else "goal",
                    priority_id=priority,
                    departments=departments,
                    score=1.0 - i * 0.1,
                    semantic=1.0,
                    lexical=0.5,
                    label="stark",
                    included=True,
                    eligibility=eligibility,
                    eligibility_facts=[
                        {"check": "status", "result": eligibility, "reason": "från datumen"}
                    ],
                    passage=passage,
                    keywords=[],
                    priorities_version="test",
                    call_hash="test",
                    scored_at="2026-03-01T06:00:00+00:00",
                )
                for i, (call_id, priority, target, departments, eligibility, passage) in enumerate(
                    SEEDED
                )
            ],
        )
    db.conn.close()
