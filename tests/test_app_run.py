"""The main job as `make run` runs it: `eufunds run --replay`, twice, in a real process.

The real spiders crawl the generated demo recordings on loopback into ``data/replay.db`` of
the working folder, the real model matches them against the shipped priorities, and the
digests go to ``data/outbox/<week>/`` as `.eml` files. The second run replays the next
recording set: its changes are stored, no digest of the week is built or sent twice, and
the run says where the new calls will go and how to see them now.
"""

from __future__ import annotations

import email
import email.policy
import json
import os
import subprocess
import sys
from pathlib import Path

from bench.digest_audit import plain_text
from tests.conftest import REPO

TODAY = "2026-04-06"  # a Monday: week 15
WEEK, NEXT_WEEK = "2026-W15", "2026-W16"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EUFUNDS_")}
    env.update(
        {
            "EUFUNDS_PRIORITIES": str(REPO / "priorities" / "linkoping.yaml"),
            "EUFUNDS_TODAY": TODAY,
            "EUFUNDS_NOW": f"{TODAY}T09:00:00+02:00",
            "EUFUNDS_CRAWL_DELAY": "0",
        }
    )
    # The model, and the vector cache of this test run (never the user's).
    for kept in ("EUFUNDS_MODEL_DIR", "EUFUNDS_VECTOR_CACHE"):
        if kept in os.environ:
            env[kept] = os.environ[kept]
    return env


def _eufunds(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from app.cli import main; main()", *args],
        cwd=folder,
        env={**_env(), **env},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _titles(text: str) -> set[str]:
    """The titles a digest's plain text lists under its new calls ("1. Title")."""
    new = text.split("NYA UTLYSNINGAR", 1)[1].split("\n\n\n", 1)[0]
    return {line.split(". ", 1)[1] for line in new.splitlines() if line[:1].isdigit()}


def test_the_weekly_job_twice_on_the_demo_recordings(tmp_path: Path) -> None:
    first = _eufunds(tmp_path, "run", "--replay")
    assert first.returncode == 0, first.stderr
    outbox = tmp_path / "data" / "outbox" / WEEK
    files = sorted(outbox.glob("*.eml"))
    written = {f.name: f.read_bytes() for f in files}
    # One digest per department of the shipped file and one for the coordinator.
    assert len(files) == 5, files
    assert "7 källor insamlade (0 misslyckades), 5 veckobrev byggda" in first.stdout
    assert f"som .eml-filer i: data/outbox/{WEEK}/" in first.stdout
    assert "byggdes redan" not in first.stdout
    # The README's item-by-item check of the week's digests passes on what the job wrote.
    audit = subprocess.run(
        [sys.executable, str(REPO / "bench" / "digest_audit.py")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert audit.returncode == 0, audit.stdout + audit.stderr
    assert "met: new items that say who may apply >= 80 %" in audit.stdout
    # The coordinator's copy lists the recorded regional calls of Östra Mellansverige that
    # no priority takes, and the audit finds each a call in the database.
    coordinator = next(f for f in files if f.name.startswith("samordnare"))
    assert "FÖR KOMMUNENS OMRÅDE – INGEN PRIORITERING TOG DEM" in plain_text(coordinator)
    row = next(line for line in audit.stdout.splitlines() if line.startswith("samordnare"))
    assert int(row.split()[-1]) > 0, audit.stdout
    assert "met: no item (new, or for the own area) is a non-call" in audit.stdout
    replay_db = {"EUFUNDS_DB": "data/replay.db"}  # as `make run` reads it after the job
    total_before = json.loads(_eufunds(tmp_path, "status", "--json", **replay_db).stdout)

    second = _eufunds(tmp_path, "run", "--replay")
    assert second.returncode == 0, second.stderr
    assert "5 veckobrev byggda" not in second.stdout and "0 veckobrev byggda" in second.stdout
    assert f"veckobreven för vecka {WEEK} byggdes redan" in second.stdout
    command = f"EUFUNDS_DB=data/replay.db eufunds digest preview -d samordnare --week {NEXT_WEEK}"
    assert command in second.stdout, second.stdout
    assert {f.name: f.read_bytes() for f in outbox.glob("*.eml")} == written  # nothing new
    status = json.loads(_eufunds(tmp_path, "status", "--json", **replay_db).stdout)
    assert status["total"] > total_before["total"]  # the next recording set's new calls

    # What the run points to shows them: the coordinator's preview of next week lists new
    # calls that this week's digest did not.
    sent = next(f for f in files if f.name.startswith("samordnare--"))
    message = email.message_from_bytes(sent.read_bytes(), policy=email.policy.default)
    body = message.get_body(("plain",))
    assert isinstance(body, email.message.EmailMessage)
    preview = _eufunds(
        tmp_path, "digest", "preview", "-d", "samordnare", "--week", NEXT_WEEK, **replay_db
    )
    assert preview.returncode == 0, preview.stderr
    assert _titles(preview.stdout) - _titles(body.get_content())
