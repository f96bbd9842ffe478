"""`eufunds digest …`, `eufunds outbox …` and `eufunds schedule` through the real CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from app.cli import cli
from db import open_db
from db.crawl_runs import record_crawl
from db.state import write_state_text
from matcher.pipeline import LAST_SCORING
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
def undone(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Test priorities, a frozen Monday (week 15), .eml files into tmp_path/outbox; two
    matched calls, but the day's crawl and match never ran."""
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


@pytest.fixture
def env(undone: Path) -> Path:
    """The same, on a complete day: the day's crawl of every source, then the match."""
    crawled(db(), TODAY, at="2026-04-06T03:30:00+00:00")
    matched(db(), at="2026-04-06T03:40:00+00:00")
    return undone


TODAY = date(2026, 4, 6)


def crawled(db: sqlite_utils.Database, day: date, *, at: str, stored: int = 2) -> None:
    """What a crawl of every source for ``day`` notes when it ends (crawler.runner)."""
    with db.atomic():
        record_crawl(db, day, every_source=True, stored=stored, now=at)


def matched(db: sqlite_utils.Database, *, at: str) -> None:
    """What a match that scored notes when it ends (matcher.pipeline.match_all)."""
    with db.atomic():
        write_state_text(db, LAST_SCORING, f"scored at {at}", at)


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


def test_build_refuses_a_day_without_its_crawl_and_says_how_to_go_on(undone: Path) -> None:
    fresh = db()
    code, out, err = run("digest", "build")
    assert code == 1 and out == "", err
    assert err.strip().splitlines() == [
        "eufunds: fel: veckobreven byggs bara av en komplett dag, och 2026-04-06 är inte "
        "komplett: ingen insamling från alla källor för 2026-04-06; ingen matchning efter den; "
        "kör `eufunds crawl` och sedan `eufunds match`, eller bygg ändå med "
        "`eufunds digest build --ändå`"
    ]
    assert db()["digests"].count == 0 and db()["outbox"].count == 0
    # Yesterday's crawl and match do not make today.
    crawled(fresh, date(2026, 4, 5), at="2026-04-05T03:30:00+00:00")
    matched(fresh, at="2026-04-05T03:40:00+00:00")
    code, _, err = run("digest", "build")
    assert code == 1
    assert "ingen insamling från alla källor för 2026-04-06 (den senaste gällde 2026-04-05)" in err
    # The coordinator's way on: today's crawl, then the match.
    crawled(fresh, TODAY, at="2026-04-06T08:00:00+00:00")
    code, _, err = run("digest", "build")
    assert code == 1
    assert (
        "2026-04-06 är inte komplett: ingen matchning har blivit klar efter dagens insamling "
        "(som sparade nya eller ändrade utlysningar 2026-04-06 10:00); kör `eufunds match`, "
        "eller bygg ändå med `eufunds digest build --ändå`"
    ) in err
    matched(fresh, at="2026-04-06T08:05:00+00:00")
    code, out, err = run("digest", "build", "--json")
    assert code == 0, err
    assert [b["built_now"] for b in json.loads(out)] == [True, True, True]


def test_build_refuses_when_the_days_match_or_crawl_was_cut_short(env: Path) -> None:
    fixture_db = db()
    # A crawl of the same day that stored nothing new: the match before it still holds.
    crawled(fixture_db, TODAY, at="2026-04-06T09:00:00+00:00", stored=0)
    assert run("digest", "build", "--week", "2026-W14")[0] == 0
    # One that stored new or changed calls wants a match after it.
    crawled(fixture_db, TODAY, at="2026-04-06T09:30:00+00:00", stored=3)
    code, _, err = run("digest", "build")
    assert code == 1 and "ingen matchning har blivit klar efter dagens insamling" in err
    assert "(som sparade nya eller ändrade utlysningar 2026-04-06 11:30)" in err
    matched(fixture_db, at="2026-04-06T09:45:00+00:00")
    # A crawl killed half-way (its runs never finished) is no crawl either.
    fixture_db["crawl_runs"].insert_all(
        [
            {"source": source, "started_at": "2026-04-06T10:00:00+00:00", "ok": 0}
            for source in ("esf", "sedia")
        ]
    )
    code, _, err = run("digest", "build")
    assert code == 1 and "Traceback" not in err
    assert (
        "2026-04-06 är inte komplett: insamlingen som startade 2026-04-06 12:00 blev inte "
        "klar (esf, sedia: avbruten eller pågår fortfarande); ingen matchning efter den; "
        "kör `eufunds crawl` och sedan `eufunds match`"
    ) in err
    weeks = [w for (w,) in fixture_db.execute("select distinct iso_week from digests")]
    assert weeks == ["2026-W14"]  # built while the day held
    # --ändå (--force) builds all the same, and says what was missing.
    code, out, err = run("digest", "build", "--ändå", "--json")
    assert code == 0, err
    assert [b["built_now"] for b in json.loads(out)] == [True, True, True]
    assert "varning: bygger ändå, fast 2026-04-06 inte är komplett: insamlingen som" in err
    code, out, _ = run("digest", "build", "--force", "--json")
    assert code == 0 and [b["built_now"] for b in json.loads(out)] == [False, False, False]


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
