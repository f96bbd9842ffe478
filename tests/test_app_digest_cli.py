"""`eufunds digest …`, `eufunds outbox …` and `eufunds schedule` through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from app.cli import cli
from db import open_db
from tests.notifier_world import (
    DISTRICT_HEATING,
    ENERGY_PREMISES,
    PRIORITIES,
    add_match,
    fixture_calls,
    store,
)
from tests.smtp_server import SmtpServer, free_port


@pytest.fixture
def env(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Test priorities, a frozen Monday (week 15), .eml files into tmp_path/outbox."""
    monkeypatch.setenv("EUFUNDS_PRIORITIES", str(PRIORITIES))
    monkeypatch.setenv("EUFUNDS_TODAY", "2026-04-06")
    monkeypatch.setenv("EUFUNDS_OUTBOX_DIR", str(tmp_path / "outbox"))
    for name in ("HOST", "PORT", "USER", "PASSWORD", "STARTTLS", "SSL", "CAFILE"):
        monkeypatch.delenv(f"EUFUNDS_SMTP_{name}", raising=False)
    db = open_db(db_path)
    calls = fixture_calls([ENERGY_PREMISES, DISTRICT_HEATING])
    store(db, list(calls.values()))
    add_match(db, calls[ENERGY_PREMISES], score=0.9)
    add_match(db, calls[DISTRICT_HEATING], score=0.6, label="möjlig")
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def db() -> sqlite_utils.Database:
    return open_db()


def test_preview_renders_without_storing_or_sending(env: Path) -> None:
    html = env / "preview.html"
    code, out, err = run("digest", "preview", "--department", "miljo", "--html", str(html))
    assert code == 0, err
    assert "Ämne: 2 nya EU-utlysningar v. 15 – Miljö- och samhällsbyggnadsförvaltningen" in out
    assert "1. Energismarta lokaler i Östra Mellansverige" in out
    assert "inte byggt än, inget sparat eller skickat" in err
    assert "<!DOCTYPE html>" in html.read_text(encoding="utf-8")
    assert db()["digests"].count == 0 and not (env / "outbox").exists()


def test_preview_of_the_coordinator_and_another_week(env: Path) -> None:
    code, out, _ = run("digest", "preview", "-d", "samordnare", "--week", "2026-W16")
    assert code == 0
    assert "2 nya EU-utlysningar v. 16 – EU-samordnaren" in out
    assert "Förvaltningar: Miljö- och samhällsbyggnadsförvaltningen" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--department", "ekonomi"],
            "okänd förvaltning 'ekonomi'; välj en av: miljo, utbildning",
        ),
        (["--department", "miljo", "--week", "v48"], "är ingen ISO-vecka; skriv den som ÅÅÅÅ-Wvv"),
        (["--department", "miljo", "--week", "2026-W54"], "2026 har ingen vecka 54"),
    ],
)
def test_preview_bad_input(env: Path, args: list[str], message: str) -> None:
    code, _, err = run("digest", "preview", *args)
    assert code == 2 and message in err and "Traceback" not in err


def test_build_send_and_list_without_smtp_write_eml_files(env: Path) -> None:
    code, out, _ = run("digest", "build", "--json")
    assert code == 0
    built = json.loads(out)
    assert [(b["department"], b["built_now"], b["new"]) for b in built] == [
        ("miljo", True, 2),
        ("utbildning", True, 0),
        ("_samordnare", True, 2),
    ]
    code, out, _ = run("digest", "build", "--json")
    assert [b["built_now"] for b in json.loads(out)] == [False, False, False]
    code, out, _ = run("digest", "send", "--json")
    assert code == 0 and json.loads(out)["sent"] == 4
    files = sorted(p.name for p in (env / "outbox" / "2026-W15").glob("*.eml"))
    assert files == [
        "miljo--eu.miljo@linkoping.example.eml",
        "miljo--miljochef@linkoping.example.eml",
        "samordnare--eu.samordnare@linkoping.example.eml",
        "utbildning--eu.utbildning@linkoping.example.eml",
    ]
    code, out, _ = run("digest", "send", "--json")
    assert json.loads(out)["sent"] == 0
    code, out, _ = run("outbox", "list", "--json")
    assert code == 0 and {r["status"] for r in json.loads(out)} == {"sent"}


def test_outbox_exits_4_while_messages_wait_and_retry_sends_them(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    monkeypatch.setenv("EUFUNDS_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("EUFUNDS_SMTP_PORT", str(port))
    monkeypatch.setenv("EUFUNDS_SMTP_STARTTLS", "0")
    assert run("digest", "build")[0] == 0
    code, out, err = run("digest", "send")
    assert code == 4
    assert "0 skickade, 4 försöks igen, 0 misslyckades (smtp://127.0.0.1:" in out
    assert "anslutningen nekades" in err
    code, out, err = run("outbox", "list", "--status", "pending", "--json")
    assert code == 4 and len(json.loads(out)) == 4
    assert "misslyckades eller väntar på ett nytt försök" in err
    server = SmtpServer(port).start()
    try:
        ids = [r["id"] for r in json.loads(out)]
        for n, ident in enumerate(ids, start=1):
            code, out, _ = run("outbox", "retry", str(ident))
            assert f"meddelande {ident} skickat" in out
            assert code == (0 if n == len(ids) else 4)
        code, _, err = run("outbox", "retry", str(ids[0]))
        assert code == 2 and "skickas aldrig två gånger" in err
    finally:
        server.stop()
    assert len(server.received) == 4
    assert run("outbox", "list")[0] == 0


def test_outbox_retry_unknown_id(env: Path) -> None:
    code, _, err = run("outbox", "retry", "999")
    assert code == 2 and "det finns inget meddelande 999 i utkorgen" in err


def test_bad_smtp_settings_are_one_line_errors(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EUFUNDS_SMTP_HOST", "mail.linkoping.example")
    monkeypatch.setenv("EUFUNDS_SMTP_PORT", "tjugofem")
    code, _, err = run("digest", "send")
    assert code == 2 and "EUFUNDS_SMTP_PORT='tjugofem' är inget portnummer" in err


def test_invalid_priorities_without_a_stored_version_exit_3(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = env / "trasig.yaml"
    broken.write_text("kommun: Linköping\nförvaltningar: [\n", encoding="utf-8")
    monkeypatch.setenv("EUFUNDS_PRIORITIES", str(broken))
    code, _, err = run("digest", "build")
    assert code == 3 and "eufunds priorities check" in err and "Traceback" not in err


def test_schedule_lists_the_jobs(env: Path) -> None:
    code, out, _ = run("schedule", "--json")
    assert code == 0
    data = json.loads(out)
    assert [j["id"] for j in data["jobs"]] == ["crawl-match", "digests", "outbox"]
    assert data["jobs"][1]["when"] == "varje vecka, måndag 07:00"
    assert data["jobs"][1]["trigger"] == "cron[day_of_week='mon', hour='7', minute='0']"
    assert data["catch_up_on_start"][0] == "crawl-match"  # never crawled
    code, out, _ = run("schedule")
    assert code == 0 and "varje vecka, måndag 07:00" in out and "var 5:e minut" in out


def test_help_works_everywhere(env: Path) -> None:
    for args in (["digest"], ["digest", "preview"], ["outbox", "retry"], ["run"], ["serve"]):
        code, out, _ = run(*args, "-h")
        assert code == 0 and "Användning:" in out
