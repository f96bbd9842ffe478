"""import-calls and status through the real command line (click's runner, a real file)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from app.cli import cli
from crawler.facts import complete
from db import open_db
from db.calls import store_call
from db.jsonl import call_from_record


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_help_everywhere() -> None:
    for args in (["-h"], ["import-calls", "-h"], ["status", "-h"], ["db", "migrate", "-h"]):
        code, out, _ = _run(*args)
        assert code == 0
        assert "Användning:" in out


def test_import_is_idempotent(db_path: Path, tmp_path: Path, corpus_lines: list[str]) -> None:
    sample = tmp_path / "calls.jsonl"
    sample.write_text("\n".join(corpus_lines[:200]) + "\n", encoding="utf-8")
    code, out, _ = _run("import-calls", str(sample), "--today", "2026-04-01", "--json")
    assert code == 0
    assert json.loads(out)["new"] == 200
    db = open_db()
    snapshot = [list(db[t].rows) for t in ("calls", "call_versions", "changes")]
    code, out, _ = _run("import-calls", str(sample), "--today", "2026-04-01", "--json")
    assert code == 0
    assert json.loads(out) == {
        "lines": 200,
        "new": 0,
        "changed": 0,
        "reread": 0,
        "unchanged": 200,
        "failed": 0,
    }
    assert [list(db[t].rows) for t in ("calls", "call_versions", "changes")] == snapshot


def test_a_call_this_release_reads_anew_is_not_counted_as_changed(
    db_path: Path, tmp_path: Path, corpus_lines: list[str]
) -> None:
    # The database holds the call as a release stored it that read no applicant from its
    # words; importing the same line again reads them, and says the text is the same.
    line = next(x for x in corpus_lines if "LANSSTYRELSEN-OSTERGOTLAND-REGIONAL-TILLVAXT" in x)
    call = complete(call_from_record(json.loads(line), "import"))
    call.applicant_types = []
    for key in ("applicants_only", "applicants_excluded"):
        call.extra.pop(key, None)
    store_call(open_db(), call, today=date(2026, 4, 1))
    sample = tmp_path / "calls.jsonl"
    sample.write_text(line + "\n", encoding="utf-8")
    code, out, _ = _run("import-calls", str(sample), "--today", "2026-04-01")
    assert code == 0
    assert "0 ändrade, 1 oförändrade (1 med samma text omläst)" in out
    code, out, _ = _run("show", "LANSSTYRELSEN-OSTERGOTLAND-REGIONAL-TILLVAXT")
    assert "samma text, omläst" in out and "texten ändrad" not in out


def test_bad_lines_are_reported_and_skipped(
    db_path: Path, tmp_path: Path, corpus_lines: list[str]
) -> None:
    lines = corpus_lines[:5]
    lines.insert(1, "{not json")
    lines.insert(3, json.dumps({"title": "Utan id"}))
    lines.insert(5, json.dumps({"id": "X-1", "title": ""}))
    lines.insert(6, json.dumps({"id": "X-2", "title": "Fel datum", "deadline": "31/12/2026"}))
    sample = tmp_path / "mixed.jsonl"
    sample.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = _run("import-calls", str(sample))
    assert code == 1
    assert f"{sample}:2: hoppades över: ogiltig JSON" in err
    for number, field in ((4, "id"), (6, "title")):
        reason = f"det obligatoriska fältet '{field}' saknas eller är tomt"
        assert f"{sample}:{number}: hoppades över: {reason}" in err
    assert f"{sample}:7: hoppades över: 'deadline' ska vara ett ISO-datum" in err
    assert "5 nya" in out and "4 misslyckade" in out
    assert open_db()["calls"].count == 5


def test_a_line_that_is_not_utf8_is_skipped_not_the_file(
    db_path: Path, tmp_path: Path, corpus_lines: list[str]
) -> None:
    sample = tmp_path / "latin1.jsonl"
    good = "\n".join(corpus_lines[:3]).encode("utf-8")
    # A byte order mark on line 1 is fine; one Latin-1 byte spoils only its own line.
    sample.write_bytes(b"\xef\xbb\xbf" + good + b'\n{"id": "X", "title": "Sm\xe5land"}\n')
    code, out, err = _run("import-calls", str(sample))
    assert code == 1
    assert f"{sample}:4: hoppades över: inte UTF-8-text (byte 0xe5 i kolumn 25)" in err
    assert "3 nya" in out and "1 misslyckade" in out
    assert open_db()["calls"].count == 3

    code, _, err = _run("import-calls", str(tmp_path / "missing.jsonl"))
    assert code == 1
    assert "filen finns inte" in err


def test_database_path_is_a_directory(tmp_path: Path, monkeypatch, corpus_lines) -> None:
    monkeypatch.setenv("EUFUNDS_DB", str(tmp_path))
    code, _, err = _run("status")
    assert code == 1
    assert err.strip().startswith("eufunds: fel:") and "är en mapp" in err
    assert len(err.strip().splitlines()) == 1


def test_status_counts_calls_by_derived_status(
    db_path: Path, tmp_path: Path, corpus_lines: list[str]
) -> None:
    sample = tmp_path / "calls.jsonl"
    sample.write_text("\n".join(corpus_lines) + "\n", encoding="utf-8")
    assert _run("import-calls", str(sample))[0] == 0
    code, out, _ = _run("status", "--json", "--today", "2026-05-01")
    assert code == 0
    data = json.loads(out)
    assert data["total"] == 1257
    assert sum(data["by_status"].values()) == 1257
    assert data["by_programme"]["Horizon Europe"] == 722
    later = json.loads(_run("status", "--json", "--today", "2027-06-01")[1])
    assert later["by_status"]["closed"] > data["by_status"]["closed"]
    code, _, err = _run("status", "--today", "1 maj")
    assert code == 2
    assert "är inget datum" in err
    code, out, _ = _run("status", "--today", "2026-05-01")
    assert "Utlysningar totalt: 1257" in out
