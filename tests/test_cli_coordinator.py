"""The coordinator's commands on the real corpus: show, mark, deadlines, export, report."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from app.cli import cli
from tests import coordinator_world
from tests.coordinator_world import DIGITAL, MISSIONS, TODAY, TOWNS, VIABLE, WATER

corpus_template = coordinator_world.corpus_template
world = coordinator_world.world


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def ok(*args: str) -> Result:
    result = run(*args)
    assert result.exit_code == 0, (result.output, result.exception)
    return result


def usage_error(*args: str) -> str:
    """Run a command that must fail with exit 2 and a message; return the message."""
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    return result.output


# --- show -------------------------------------------------------------------------------


def test_show_prints_deadlines_matches_and_history(world: Path) -> None:
    out = ok("show", WATER).output
    assert "Towards the water infrastructures of the future" in out
    assert "2026-04-14 (44 dagar kvar)" in out
    assert "avlopp-biogas" in out and "tekniska-verken" in out
    assert "water infrastructures of the future" in out  # the matched passage
    assert "status: oklart (från datumen)" in out  # eligibility facts, in Swedish
    assert "Historik" in out and "ny" in out
    assert "villkor: oklart" in out and "│ öppen" in out  # Swedish values, not unknown/open


def test_show_json_has_everything_and_accepts_the_source_id(world: Path) -> None:
    data = json.loads(ok("show", "TILLVAXTVERKET-11968", "--json").output)
    assert data["id"] == DIGITAL
    assert (
        data["title"] == "Öka digitaliseringen i företag och offentlig sektor i Småland och Öarna"
    )
    assert data["status"] == "open"
    assert data["deadlines"] == ["2026-09-29"] and data["days_left"] == 212
    assert [m["priority_id"] for m in data["matches"]] == ["smart-stad-digitalisering"]
    assert [c["kind"] for c in data["changes"]] == ["new"]
    assert data["versions"][0]["version"] == 1
    assert data["marks"] == [] and data["mark"] is None


def test_show_unknown_id_is_exit_2(world: Path) -> None:
    out = usage_error("show", "HORIZON-DOES-NOT-EXIST")
    assert "ingen utlysning har id 'HORIZON-DOES-NOT-EXIST'" in out


# --- mark -------------------------------------------------------------------------------


def test_every_mark_is_kept_with_who_and_when_and_the_latest_counts(world: Path) -> None:
    ok("mark", WATER, "--as", "interested", "--reason", "Passar Tekniska verkens reningsverk")
    ok("mark", WATER, "--as", "applying", "--by", "Åsa Öberg", "--department", "tekniska-verken")
    data = json.loads(ok("show", WATER, "--json").output)
    marks = data["marks"]
    assert [(m["mark"], m["department"], m["marked_by"]) for m in marks] == [
        ("interested", None, "eu-samordnare"),
        ("applying", "tekniska-verken", "Åsa Öberg"),
    ]
    assert marks[0]["reason"] == "Passar Tekniska verkens reningsverk"
    for m in marks:
        datetime.fromisoformat(m["marked_at"])  # a real timestamp
    assert data["mark"] == "applying"
    text = ok("show", WATER).output
    assert "Passar Tekniska verkens reningsverk" in text and "Åsa Öberg" in text


def test_mark_takes_swedish_words_and_keeps_english_as_aliases(world: Path) -> None:
    assert json.loads(ok("mark", WATER, "--as", "intressant", "--json").output)["mark"] == (
        "interested"
    )
    assert json.loads(ok("mark", WATER, "--as", "Inte-Relevant", "--json").output)["mark"] == (
        "not-relevant"
    )
    # As a marks file may write them: a space or an underscore for the hyphen.
    for written in ("inte relevant", "not_relevant"):
        marked = json.loads(ok("mark", WATER, "--as", written, "--json").output)
        assert marked["mark"] == "not-relevant"
    # Without å, ä, ö too, as on a keyboard without them.
    assert json.loads(ok("mark", WATER, "--as", "soker", "--json").output)["mark"] == "applying"
    assert json.loads(ok("mark", WATER, "--as", "granted", "--json").output)["mark"] == "granted"
    out = ok("mark", TOWNS, "--as", "beviljad").output
    assert "beviljad för alla förvaltningar" in out  # told in Swedish, with the short id
    short = json.loads(ok("show", TOWNS, "--json").output)["short_id"]
    assert out.startswith(short + ":")
    help_text = ok("mark", "-h").output
    assert "[intressant|inte-relevant|söker|ansökt|beviljad|avslag]" in help_text


def test_mark_json_returns_the_stored_mark(world: Path) -> None:
    stored = json.loads(ok("mark", TOWNS, "--as", "granted", "--json").output)
    assert stored["call_id"] == TOWNS and stored["mark"] == "granted" and stored["id"] >= 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["mark", "NOPE-1", "--as", "interested"], "ingen utlysning har id 'NOPE-1'"),
        (["mark", WATER, "--as", "maybe"], "'maybe' är inte något av: intressant"),
        (
            ["mark", WATER, "--as", "interested", "--department", "kultur"],
            "okänd förvaltning 'kultur'; giltiga id: ",
        ),
        (["mark", WATER, "--as", "interested", "--reason", "  "], "motiveringen är tom"),
    ],
)
def test_mark_bad_input_is_exit_2(world: Path, args: list[str], message: str) -> None:
    out = usage_error(*args)
    assert message in out
    if "kultur" in args:
        assert "tekniska-verken" in out  # the valid ids are listed
    assert json.loads(ok("show", WATER, "--json").output)["marks"] == []  # nothing stored


# --- deadlines --------------------------------------------------------------------------


def _deadline_ids(*args: str) -> list[str]:
    return [r["id"] for r in json.loads(ok("deadlines", "--json", *args).output)]


def test_deadlines_lists_matched_calls_due_soon_soonest_first(world: Path) -> None:
    rows = json.loads(ok("deadlines", "--json").output)
    assert [(r["id"], r["deadline"], r["days_left"]) for r in rows] == [
        (MISSIONS, "2026-03-31", 30),
        (WATER, "2026-04-14", 44),
        (TOWNS, "2026-04-16", 46),
    ]
    assert rows[0]["priorities"] == ["energi-klimat"]
    assert _deadline_ids("--days", "40") == [MISSIONS]
    assert DIGITAL in _deadline_ids("--days", "365")
    assert VIABLE not in _deadline_ids("--days", "3650")  # closed in 2019
    assert _deadline_ids("--department", "kommunledning") == [TOWNS]


def test_no_deadlines_in_the_window_says_so_once(world: Path) -> None:
    """Nothing due in the window: the table command says so in one sentence on stderr and
    prints no empty table; JSON and CSV still give an empty list and the header."""
    args = ("deadlines", "--today", "2030-01-01", "--days", "7")
    result = run(*args)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "inga deadlines för matchade utlysningar mellan 2030-01-01 och 2030-01-08" in (
        result.stderr
    )
    assert json.loads(ok(*args, "--json").stdout) == []
    assert ok(*args, "--csv").stdout.lstrip("\ufeff").startswith("Deadline")


def test_deadlines_table_and_csv(world: Path) -> None:
    table = ok("deadlines").output
    assert "Towards the" in table and "2026-03-31" in table and "2026-04-14" in table
    raw = CliRunner().invoke(cli, ["deadlines", "--csv"]).stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["Deadline", "Dagar"] and len(rows) == 4


def test_not_relevant_hides_a_call_for_that_department_only(world: Path) -> None:
    ok(
        "mark",
        WATER,
        "--as",
        "not-relevant",
        "--department",
        "tekniska-verken",
        "--reason",
        "Vi driver inga dricksvattenprojekt",
    )
    assert WATER not in _deadline_ids("--department", "tekniska-verken")
    assert WATER in _deadline_ids("--department", "miljo-samhallsbyggnad")
    assert WATER in _deadline_ids()  # the coordinator's overall list still has it
    exported = json.loads(
        ok("export", "--format", "json", "--department", "tekniska-verken").output
    )
    assert WATER not in [c["id"] for c in exported] and MISSIONS in [c["id"] for c in exported]
    # A later mark for everyone overrides the department's own.
    ok("mark", WATER, "--as", "interested")
    assert WATER in _deadline_ids("--department", "tekniska-verken")
    # not-relevant for everyone takes it out of every list.
    ok("mark", WATER, "--as", "not-relevant")
    assert WATER not in _deadline_ids()
    assert WATER not in _deadline_ids("--department", "miljo-samhallsbyggnad")


def test_deadlines_bad_input(world: Path) -> None:
    assert "okänd förvaltning 'gatukontoret'" in usage_error(
        "deadlines", "--department", "gatukontoret"
    )
    assert "-1" in usage_error("deadlines", "--days", "-1")
    assert "'2026-02-30' är inget datum" in usage_error("deadlines", "--today", "2026-02-30")


# --- export -----------------------------------------------------------------------------


def test_export_csv_has_bom_and_keeps_swedish_characters(world: Path, tmp_path: Path) -> None:
    target = tmp_path / "utlysningar.csv"
    ok("export", "--format", "csv", "--programme", "erdf", "--output", str(target))
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    assert b"\r\n" in raw
    assert raw.splitlines()[0].count(b";") == 14  # Swedish Excel splits columns on ;
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    titles = {r["Nyckel"]: r["Utlysning"] for r in rows}
    assert (
        titles[DIGITAL] == "Öka digitaliseringen i företag och offentlig sektor i Småland och Öarna"
    )
    assert all("ERDF" in r["Program"] for r in rows)
    digital = next(r for r in rows if r["Nyckel"] == DIGITAL)
    assert digital["Status"] == "öppen" and digital["Villkor"] == "oklart"  # Swedish values
    assert len(digital["Id"]) == 6 and ok("show", digital["Id"]).output  # the short id works
    assert digital["Prioriteringar"] == "smart-stad-digitalisering"
    assert digital["Nästa deadline"] == "2026-09-29" and digital["Dagar kvar"] == "212"
    assert list(rows[0])[4] == "Öppnar"


def test_export_csv_to_stdout_and_filters(world: Path) -> None:
    raw = (
        CliRunner()
        .invoke(
            cli,
            ["export", "--format", "csv", "--status", "open", "--deadline-before", "2026-03-20"],
        )
        .stdout_bytes
    )
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows and all(r["Status"] == "öppen" for r in rows)
    assert all(min(r["Alla deadlines"].split(", ")) <= "2026-03-20" for r in rows)


def _unfold(text: str) -> list[str]:
    assert "\n" not in text.replace("\r\n", ""), "every line must end in CRLF"
    physical = text.split("\r\n")
    assert physical[-1] == ""
    for line in physical:
        assert len(line.encode("utf-8")) <= 75, line
    lines: list[str] = []
    for line in physical[:-1]:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def _unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            out.append("\n" if value[i + 1] in "nN" else value[i + 1])
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def _events(text: str) -> list[dict[str, str]]:
    lines = _unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    events: list[dict[str, str]] = []
    stack: list[str] = []
    for line in lines:
        name, _, value = line.partition(":")
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                events.append({})
        elif name == "END":
            assert stack.pop() == value
        elif stack[-1] == "VEVENT":
            events[-1][name] = value
    assert stack == []
    return events


def test_export_ics_is_valid_with_one_event_per_deadline(world: Path) -> None:
    text = CliRunner().invoke(cli, ["export", "--format", "ics"]).stdout_bytes.decode("utf-8")
    events = _events(text)
    corpus_rows = json.loads(ok("export", "--format", "json").output)
    expected = sorted((c["id"], d) for c in corpus_rows for d in c["deadlines"] if d >= TODAY)
    assert len(events) == len(expected) > 100
    assert len({e["UID"] for e in events}) == len(events)
    for event in events:
        assert {"UID", "DTSTAMP", "DTSTART;VALUE=DATE", "DTEND;VALUE=DATE", "SUMMARY"} <= set(event)
        assert event["DTSTAMP"].endswith("Z") and len(event["DTSTAMP"]) == 16
    by_title = {_unescape(e["SUMMARY"]): e for e in events}
    digital = by_title[
        "Sista ansökningsdag: "
        "Öka digitaliseringen i företag och offentlig sektor i Småland och Öarna"
    ]
    assert digital["DTSTART;VALUE=DATE"] == "20260929" and digital["DTEND;VALUE=DATE"] == "20260930"
    short = next(c["short_id"] for c in corpus_rows if c["id"] == DIGITAL)
    assert "eufunds show " + short in _unescape(digital["DESCRIPTION"])
    assert digital["X-MICROSOFT-CDO-ALLDAYEVENT"] == "TRUE"  # Outlook's all-day event
    # Text with commas and semicolons is escaped and comes back intact.
    with_comma = next(t for t in by_title if "," in t)
    assert "\\," in by_title[with_comma]["SUMMARY"]
    # The same export again gives the same UIDs: a subscribed calendar updates in place.
    again = _events(CliRunner().invoke(cli, ["export", "--format", "ics"]).stdout_bytes.decode())
    assert [e["UID"] for e in again] == [e["UID"] for e in events]


def test_export_ics_for_a_department(world: Path) -> None:
    text = (
        CliRunner()
        .invoke(cli, ["export", "--format", "ics", "--department", "kommunledning"])
        .stdout_bytes.decode("utf-8")
    )
    events = _events(text)
    assert sorted(e["DTSTART;VALUE=DATE"] for e in events) == ["20260416", "20260929"]
    assert "X-WR-CALNAME:EU-utlysningar – " in text


def test_export_bad_input(world: Path) -> None:
    assert "'xlsx' är inte något av" in usage_error("export", "--format", "xlsx")
    assert "'31/12/2026' är inget datum" in usage_error(
        "export", "--format", "csv", "--deadline-after", "31/12/2026"
    )
    assert "senare än --deadline-before" in usage_error(
        "export",
        "--format",
        "csv",
        "--deadline-after",
        "2026-12-01",
        "--deadline-before",
        "2026-01-01",
    )
    out = usage_error("export", "--format", "csv", "--priority", "rymdfart")
    assert "okänd prioritering 'rymdfart'" in out and "energi-klimat" in out


# --- report -----------------------------------------------------------------------------


def test_report_counts_per_priority_and_lists_priorities_without_calls(world: Path) -> None:
    data = json.loads(ok("report", "--quarter", "2026Q2", "--json").output)
    assert (data["quarter"], data["from"], data["to"]) == ("2026Q2", "2026-04-01", "2026-06-30")
    rows = {r["priority"]: r for r in data["priorities"]}
    assert rows["avlopp-biogas"]["matched_open"] == 1  # WATER, deadline in April
    assert rows["medborgardialog-demokrati"]["matched_open"] == 1
    assert rows["smart-stad-digitalisering"]["matched_open"] == 1
    # MISSIONS closed on 2026-03-31 and VIABLE in 2019: nothing open for energi-klimat in Q2.
    assert rows["energi-klimat"]["matched_open"] == 0
    assert "energi-klimat" in data["without_matches"]
    q1 = {
        r["priority"]: r
        for r in json.loads(ok("report", "--quarter", "2026q1", "--json").output)["priorities"]
    }
    assert q1["energi-klimat"]["matched_open"] == 1


def test_report_counts_marks_made_in_the_quarter(world: Path) -> None:
    ok("mark", WATER, "--as", "interested")
    ok("mark", WATER, "--as", "applied", "--department", "tekniska-verken")
    ok("mark", TOWNS, "--as", "granted")
    now = datetime.now(UTC)
    quarter = f"{now.year}Q{(now.month - 1) // 3 + 1}"
    rows = {
        r["priority"]: r
        for r in json.loads(ok("report", "--quarter", quarter, "--json").output)["priorities"]
    }
    assert (rows["avlopp-biogas"]["interested"], rows["avlopp-biogas"]["applied"]) == (1, 1)
    assert rows["medborgardialog-demokrati"]["granted"] == 1
    assert rows["energi-klimat"]["interested"] == 0
    earlier = f"{now.year - 1}Q{(now.month - 1) // 3 + 1}"
    old = json.loads(ok("report", "--quarter", earlier, "--json").output)["priorities"]
    assert all(r["applied"] == 0 and r["granted"] == 0 for r in old)


def test_report_table_and_csv(world: Path) -> None:
    table = ok("report", "--quarter", "2026Q2").output
    assert "Rapport 2026Q2" in table and "avlopp-biogas" in table
    assert "Prioriteringar utan matchande öppna utlysningar" in table
    raw = CliRunner().invoke(cli, ["report", "--quarter", "2026Q2", "--csv"]).stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")
    header = next(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert header[:3] == ["Prioritering", "Titel", "Matchade öppna"]


@pytest.mark.parametrize("quarter", ["2026Q5", "Q4", "2026-10", "fjärde"])
def test_report_bad_quarter_is_exit_2(world: Path, quarter: str) -> None:
    assert "är inget kvartal; skriv det som ÅÅÅÅKn" in usage_error("report", "--quarter", quarter)
