"""Hostile and mistyped input, through the real command line: every bad input is a message
(with its line number when it comes from a file) and an exit code, never a traceback, and
nothing invalid is stored. Each output format escapes by its own rules.
"""

from __future__ import annotations

import json
import re
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from app.cli import cli
from app.formats import DeadlineEvent, csv_text, ics_text
from db import open_db
from notifier.mime import build_message
from tests.notifier_world import CALLS, PRIORITIES

GOOD = [json.loads(line) for line in CALLS.read_text(encoding="utf-8").splitlines()]
INJECTED_URL = (
    "https://ok.example/feed1\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\n"
    "SUMMARY:Sista ansökningsdag IDAG – betala avgift på https://phish.example\r\n"
    "DTSTART;VALUE=DATE:20260407"
)
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def line(**fields: Any) -> str:
    record = {"id": "EXEMPEL-X", "title": "En utlysning", "deadline": "2026-09-30", **fields}
    return json.dumps(record, ensure_ascii=False)


def good_line(index: int) -> str:
    return json.dumps(GOOD[index], ensure_ascii=False)


def assert_message(result: Result, code: int) -> None:
    assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr


# One bad line between two good ones: skipped with its number, the others imported.
BAD_LINES = {
    "nul in id": line(id="EXEMPEL-\u0000-NUL"),
    "escape in id": line(id="EXEMPEL-\u001b[31m"),
    "line separator in id": line(id="EXEMPEL-\u2028X"),
    "id of 5000 characters": line(id="X" * 5000),
    "lone surrogate in id": '{"id": "EXEMPEL-\\ud800", "title": "t"}',
    "month 13": line(deadline="2026-13-45"),
    "30 February": line(deadline="2026-02-30"),
    "year 9999": line(deadline="9999-12-31"),
    "year 1890": line(opening_date="1890-01-01"),
    "deadlines not a list": line(deadlines="2026-01-01"),
    "deadline an object": line(deadlines=[{"date": "2026-01-01"}]),
    "status an object": line(status={"open": True}),
    "title a number": line(title=12345),
    "title empty": line(title="  "),
    "title of 2000 characters": line(title="T" * 2000),
    "description a list": line(description=["a", "b"]),
    "description of 300,000 characters": line(description="ord " * 75_000),
    "programme an object": line(programme={}),
    "javascript link": line(url="javascript:alert(1)"),
    "calendar injection in the link": line(url=INJECTED_URL),
    "space in the link": line(url="https://ok.example/a b"),
    "ftp link": line(url="ftp://ok.example/file"),
    "not json": '{"id": "X", "title": ',
    "a list, not an object": '["id", "title"]',
    "nested 100,000 deep": "[" * 100_000 + "]" * 100_000,
    "a 5000-digit number": '{"id": "X", "title": "t", "budget": ' + "9" * 5000 + "}",
    "byte order mark on line 2": "\ufeff" + line(),
}


@pytest.mark.parametrize("bad", list(BAD_LINES.values()), ids=list(BAD_LINES))
def test_a_bad_line_is_skipped_with_its_number(db_path: Path, tmp_path: Path, bad: str) -> None:
    source = tmp_path / "calls.jsonl"
    source.write_text("\n".join([good_line(0), bad, good_line(1)]) + "\n", encoding="utf-8")
    result = run("import-calls", str(source))
    assert_message(result, 1)
    assert f"{source}:2: hoppades över: " in result.stderr
    assert "2 nya" in result.stdout and "1 misslyckade" in result.stdout
    ids = [r["source_id"] for r in open_db()["calls"].rows]
    assert ids == sorted([GOOD[0]["id"], GOOD[1]["id"]])


def test_bad_bytes_and_a_byte_order_mark(db_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "calls.jsonl"
    source.write_bytes(
        b"\xef\xbb\xbf"  # a byte order mark before line 1 is fine
        + good_line(0).encode()
        + b"\n"
        + line(title="Sm\u00e5land").encode("latin-1")  # one byte that is not UTF-8
        + b"\n\xff\xfe\x00\x01\n"
        + good_line(1).encode()
        + b"\n"
    )
    result = run("import-calls", str(source))
    assert_message(result, 1)
    assert f"{source}:2: hoppades över: inte UTF-8-text (byte 0xe5" in result.stderr
    assert f"{source}:3: hoppades över: inte UTF-8-text (byte 0xff" in result.stderr
    assert "2 nya" in result.stdout and "2 misslyckade" in result.stdout


def test_a_118_mb_description_is_skipped_quickly(db_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "huge.jsonl"
    with source.open("wb") as handle:
        handle.write(good_line(0).encode() + b"\n")
        handle.write(b'{"id": "HUGE", "title": "Stor", "description": "')
        chunk = b"abcdefghij" * 100_000  # 1 MB
        for _ in range(118):
            handle.write(chunk)
        handle.write(b'"}\n' + good_line(1).encode() + b"\n")
    started = time.monotonic()
    result = run("import-calls", str(source))
    took = time.monotonic() - started
    assert_message(result, 1)
    assert f"{source}:2: hoppades över: raden är 118,0 MB lång" in result.stderr
    assert "2 nya" in result.stdout
    assert took < 30, took
    assert open_db()["calls"].count == 2


def test_control_characters_are_removed_before_storing(db_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "calls.jsonl"
    source.write_text(
        line(
            title="Utlysning\u0007 med\r\nBcc: x@evil.example\u001b[2J",
            description="Rad ett\u0000\r\nrad två\u0008\u2028rad tre",
            programme="Program\u0085\u009b",
        )
        + "\n",
        encoding="utf-8",
    )
    result = run("import-calls", str(source))
    assert_message(result, 0)
    row = next(open_db()["calls"].rows)
    assert row["title"] == "Utlysning med Bcc: x@evil.example[2J"
    assert row["description"] == "Rad ett\nrad två\nrad tre"
    assert row["programme"] == "Program "
    for value in (row["title"], row["description"], row["programme"]):
        assert not CONTROL.search(value)


def _import_with_deadlines(tmp_path: Path, count: int, *extra: str) -> Path:
    lines = [
        line(id=f"EXEMPEL-{n:02d}", title=f"Utlysning {n}", deadline=f"2026-{5 + n % 6:02d}-15")
        for n in range(count)
    ]
    source = tmp_path / "calls.jsonl"
    source.write_text("\n".join([*lines, *extra]) + "\n", encoding="utf-8")
    return source


def test_calendar_injection_through_import_and_export(db_path: Path, tmp_path: Path) -> None:
    source = _import_with_deadlines(
        tmp_path, 42, line(id="EXEMPEL-PHISH", title="Ett falskt datum", url=INJECTED_URL)
    )
    result = run("import-calls", str(source), "--today", "2026-04-06")
    assert_message(result, 1)
    assert f"{source}:43: hoppades över: 'url' innehåller U+000D" in result.stderr
    output = tmp_path / "deadlines.ics"
    result = run("export", "--format", "ics", "--today", "2026-04-06", "-o", str(output))
    assert_message(result, 0)
    text = output.read_bytes().decode("utf-8")
    assert text.count("BEGIN:VEVENT") == 42  # one per deadline, no forged one
    assert "phish" not in text
    assert "\n" not in text.replace("\r\n", "") and "\r" not in text.replace("\r\n", "")


def test_ics_escapes_text_and_uri_values_of_old_records() -> None:
    # Records stored before validation existed still export safely.
    event = DeadlineEvent(
        call_id="import:GAMMAL;1",
        day="2026-05-04",
        title="Titel\r\nEND:VEVENT\r\nBEGIN:VEVENT; med, komma \\ och\u0000 NUL",
        description="Rad\r\nURL:https://phish.example",
        url=INJECTED_URL,
        stamp="2026-04-01T00:00:00+00:00",
    )
    broken = DeadlineEvent("import:TRASIG", "2026-13-45", "t", "d", None, "2026-04-01")
    utf8 = DeadlineEvent(
        "import:IRI", "2026-05-05", "t", "d", 'https://ok.example/ansök?a=1&b="x"', "2026-04-01"
    )
    text = ics_text([event, broken, utf8], "Kalender\r\nX-EVIL:1")
    lines = text.replace("\r\n ", "").split("\r\n")  # unfolded content lines
    assert lines.count("BEGIN:VEVENT") == 2  # the broken date makes no event, none forged
    assert not any(ln.startswith(("X-EVIL", "URL:https://ok.example/feed1")) for ln in lines)
    summary = "SUMMARY:Sista ansökningsdag: Titel\\nEND:VEVENT\\nBEGIN:VEVENT\\; med\\, komma"
    assert any(ln.startswith(summary) for ln in lines)
    assert "URL:https://ok.example/ans%C3%B6k?a=1&b=%22x%22" in lines
    assert "\x00" not in text


def test_csv_cells_hold_no_control_characters_nor_formulas() -> None:
    text = csv_text(
        ["a", "b", "c"],
        [['=HYPERLINK("http://x")', "  +1+2", "rad\r\nett\u0007\u001b[31m\ttab"]],
    )
    assert "'=HYPERLINK" in text and "'  +1+2" in text
    body = text.split("\r\n", 1)[1]
    assert not CONTROL.search(body.replace("\r\n", "").replace("\n", ""))
    assert "rad\nett[31m tab" in body


def test_mail_headers_and_bodies_carry_no_control_characters() -> None:
    message = build_message(
        subject="EU-utlysningar v. 15 – Miljö\r\nBcc: everyone@evil.example",
        text="Hej\u0000 då\u001b[2J\r\nRad två\u0007",
        html="<p>Hej\u0000</p>",
        sender="EU-bevakning <eufunds@linkoping.example>",
        recipient="eu.miljo@linkoping.example",
        message_id="<digest.2026-W15.miljo.x@linkoping.example>",
        date=datetime.fromisoformat("2026-04-06T07:00:00+02:00"),
    )
    raw = message.as_bytes()
    assert b"\nBcc:" not in raw and raw.count(b"Subject:") == 1
    body = message.get_body(("plain",))
    assert body is not None
    assert not CONTROL.search(body.get_content().replace("\r\n", "").replace("\n", ""))


def test_a_refused_date_leaves_every_reading_command_working(db_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "calls.jsonl"
    source.write_text(
        "\n".join([good_line(0), line(id="TRASIG", deadline="2026-13-45"), good_line(1)]) + "\n",
        encoding="utf-8",
    )
    assert run("import-calls", str(source)).exit_code == 1
    for args in (
        ["deadlines", "--today", "2026-04-06"],
        ["show", GOOD[0]["id"], "--today", "2026-04-06"],
        ["search", "energi", "--status", "open", "--today", "2026-04-06"],
        ["export", "--format", "csv", "--today", "2026-04-06"],
        ["export", "--format", "ics", "--today", "2026-04-06"],
        ["status", "--today", "2026-04-06"],
    ):
        assert_message(run(*args), 0)


READING = [
    ["status"],
    ["search", "energi"],
    ["show", "EXEMPEL-X"],
    ["deadlines"],
    ["export", "--format", "csv"],
    ["report"],
    ["matches"],
    ["mark", "EXEMPEL-X", "--as", "interested"],
]


@pytest.mark.parametrize("args", READING, ids=[a[0] for a in READING])
def test_a_mistyped_database_path_is_refused_not_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    typo = tmp_path / "eufunds.bd"
    monkeypatch.setenv("EUFUNDS_DB", str(typo))
    result = run(*args)
    assert_message(result, 1)
    assert f"ingen databas finns på {typo}" in result.stderr and "EUFUNDS_DB" in result.stderr
    assert not typo.exists()


BAD_OPTIONS = {
    "EUFUNDS_TODAY=garbage": ({"EUFUNDS_TODAY": "garbage"}, ["status"], "EUFUNDS_TODAY"),
    "EUFUNDS_TODAY=2026-02-30": ({"EUFUNDS_TODAY": "2026-02-30"}, ["status"], "EUFUNDS_TODAY"),
    "EUFUNDS_TODAY=9999-12-31": ({"EUFUNDS_TODAY": "9999-12-31"}, ["report"], "ligger utanför"),
    "EUFUNDS_NOW=garbage": ({"EUFUNDS_NOW": "garbage"}, ["schedule"], "EUFUNDS_NOW"),
    "report --quarter 9999Q4": ({}, ["report", "--quarter", "9999Q4"], "ligger utanför"),
    "report --quarter 2026Q5": ({}, ["report", "--quarter", "2026Q5"], "är inget kvartal"),
    "deadlines --today 9999-12-31": ({}, ["deadlines", "--today", "9999-12-31"], "ligger utanför"),
    "export --deadline-after 0001-01-01": (
        {},
        ["export", "--format", "ics", "--deadline-after", "0001-01-01"],
        "ligger utanför",
    ),
    "search with a 100 kB query": ({}, ["search", "klimat " * 15_000], "högst 1 000"),
    "import-calls --source a:b": ({}, ["import-calls", str(CALLS), "--source", "a:b"], "source"),
}


@pytest.mark.parametrize("case", list(BAD_OPTIONS.values()), ids=list(BAD_OPTIONS))
def test_bad_settings_and_options_are_usage_errors(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, case: tuple[dict[str, str], list[str], str]
) -> None:
    env, args, message = case
    open_db(db_path).conn.close()
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    started = time.monotonic()
    result = run(*args)
    assert_message(result, 2)
    assert message in result.stderr
    assert time.monotonic() - started < 10


def test_a_bad_busy_timeout_setting_is_one_line(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EUFUNDS_DB_BUSY_TIMEOUT", "lång")
    result = run("import-calls", str(CALLS))
    assert_message(result, 1)
    assert "EUFUNDS_DB_BUSY_TIMEOUT" in result.stderr


LABELS = {
    "not json": "nej\n",
    "no grades": '{"id": "EXEMPEL-X"}\n',
    "a grade that is no number": '{"id": "EXEMPEL-X", "grades": {"energi-klimat": "hög"}}\n',
    "a byte that is not UTF-8": b'{"id": "Sm\xe5land", "grades": {}}\n',
}


@pytest.mark.parametrize("labels", list(LABELS.values()), ids=list(LABELS))
def test_eval_reports_a_bad_labels_file_by_line(
    db_path: Path, tmp_path: Path, labels: str | bytes
) -> None:
    path = tmp_path / "labels.jsonl"
    path.write_bytes(labels if isinstance(labels, bytes) else labels.encode())
    result = run(
        "eval", "--priorities", str(PRIORITIES), "--calls", str(CALLS), "--labels", str(path)
    )
    assert_message(result, 2)
    assert f"{path}:1:" in result.stderr


def test_eval_and_rank_with_a_broken_priorities_file(db_path: Path, tmp_path: Path) -> None:
    broken = tmp_path / "prio.json"
    broken.write_text('{"kommun": ', encoding="utf-8")
    labels = tmp_path / "labels.jsonl"
    labels.write_text('{"id": "X", "grades": {"p": 1}}\n', encoding="utf-8")
    for args in (
        ["rank", "--priorities", str(broken), "--calls", str(CALLS)],
        ["eval", "--priorities", str(broken), "--calls", str(CALLS), "--labels", str(labels)],
    ):
        result = run(*args)
        assert_message(result, 3)
        assert str(broken) in result.stderr
