"""End to end with the real model: real calls -> real matcher -> digests -> SMTP on loopback."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from app.weekly import match_step
from db import open_db
from tests.notifier_world import CORPUS
from tests.smtp_server import SmtpServer

# Real calls a municipality would and would not want (the matcher's own test set).
CALL_IDS = {
    "ERASMUS-EDU-2026-POL-EXP-T06-SCHOOL-BS",
    "CERV-2026-CITIZENS-TOWN-TT",
    "LIFE-2026-CET-BETTERRENO",
    "URBACT-IV-AN-2026",
    "EDF-2026-DA-SPACE-PRS-STEP",
    "HORIZON-CL3-2026-01-BM-01",
    "EUI-IA-CALL-4",
}
TODAY = "2026-03-16"  # a Monday: week 12


def test_real_calls_matched_by_the_model_reach_the_departments(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EUFUNDS_PRIORITIES", raising=False)  # the shipped Linköping file
    monkeypatch.setenv("EUFUNDS_TODAY", TODAY)
    lines = [
        line
        for line in CORPUS.read_text(encoding="utf-8").splitlines()
        if json.loads(line)["id"] in CALL_IDS
    ]
    assert len(lines) == len(CALL_IDS)
    calls = tmp_path / "calls.jsonl"
    calls.write_text("\n".join(lines) + "\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["import-calls", str(calls), "--source", "corpus"]).exit_code == 0

    _stats, state = match_step(db_path, today=date.fromisoformat(TODAY))
    assert not state.fallback
    db = open_db(db_path)
    assert db.execute("select count(*) from matches where included = 1").fetchone()[0] > 0

    server = SmtpServer().start()
    try:
        for name, value in server.env().items():
            monkeypatch.setenv(name, value)
        build = runner.invoke(cli, ["digest", "build", "--json"])
        assert build.exit_code == 0, build.stderr
        send = runner.invoke(cli, ["digest", "send", "--json"])
        assert send.exit_code == 0, send.stderr
        # A second build and send (a restart, a catch-up) sends nothing more.
        runner.invoke(cli, ["digest", "build"])
        assert json.loads(runner.invoke(cli, ["digest", "send", "--json"]).stdout)["sent"] == 0
    finally:
        server.stop()

    departments = {d.id for d in state.priorities.departments}
    recipients = {a for d in state.priorities.departments for a in d.contacts}
    recipients |= set(state.priorities.coordinator)
    assert sorted(r.rcpt_tos[0] for r in server.received) == sorted(recipients)
    subjects = {r.rcpt_tos[0]: r.message["Subject"] for r in server.received}
    assert all(s.startswith("EU-utlysningar v. 12 – ") for s in subjects.values())
    # Every included match is offered as new to each owning department (listed, or counted
    # beyond max_antal).
    for row in db.query("select call_id, departments from matches where included = 1"):
        for department in json.loads(row["departments"]):
            if department not in departments:
                continue
            shown = db.execute(
                "select count(*) from digest_items i join digests d on d.id = i.digest_id "
                "where d.department = ? and i.call_id = ? and i.section in ('new', 'overflow')",
                [department, row["call_id"]],
            ).fetchone()[0]
            assert shown == 1, (department, row["call_id"])
    # The explanation travels with the call: the passage and the eligibility line.
    coordinator = next(
        r.message for r in server.received if r.rcpt_tos[0] in state.priorities.coordinator
    )
    text = coordinator.get_body(("plain",)).get_content()
    assert "Varför: ”" in text and "Villkor: " in text and "Id: corpus:" in text
