"""Calls a funder lists as planned: their dates are shown as preliminary, everywhere.

A funder's page of coming calls (the ESF Council's "Kommande utlysningar") gives planned
dates, or only a planned month; the spider keeps that in ``extra["planned"]``. A department
that plans its work from the digest must see that the dates are not decided, and a planned
month is not "no dates".
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import sqlite_utils
from click.testing import CliRunner

from app.cli import cli
from app.commands.search import _dates
from app.web.pages import call_context
from db import open_db
from db.calls import call_row
from db.records import Call
from matcher.eligibility import check_eligibility
from notifier.digest import collect_digest
from notifier.render import render
from tests.notifier_world import (
    NO_DATES,
    NOW,
    ROOFTOP_SOLAR,
    TODAY,
    WEEK,
    add_match,
    fixture_calls,
    priorities,
    store,
)


def _planned(call: Call, planned: str | bool, *, opens: str | None) -> Call:
    return replace(call, opening_date=opens, extra={**call.extra, "planned": planned})


def _row(db: sqlite_utils.Database, key: str) -> dict[str, Any]:
    row = call_row(db, key)
    assert row is not None
    return row


def _status(call: Call, today: date = TODAY) -> dict[str, str]:
    _, facts = check_eligibility(call, priorities(), today)
    return next(f for f in facts if f["check"] == "status")


def test_planned_dates_are_preliminary_in_the_digest_and_show(db_path: Path) -> None:
    calls = fixture_calls([ROOFTOP_SOLAR, NO_DATES])
    # Planned to open on 20 April and close on 28 April (22 days left on TODAY).
    dated = _planned(calls[ROOFTOP_SOLAR], True, opens="2026-04-20")
    # Only a planned month: no window, but not "no dates" either.
    month = _planned(calls[NO_DATES], "juni 2026", opens=None)
    db = open_db(db_path)
    store(db, [dated, month])
    add_match(db, dated, facts=[_status(dated)])
    add_match(db, month, label="möjlig", eligibility="unknown", facts=[_status(month)])

    digest = collect_digest(db, priorities(), "miljo", WEEK, TODAY, now=NOW)
    assert [i.call_id for i in digest.new] == [dated.key]
    assert [i.call_id for i in digest.watch] == [month.key]
    text, html = render(digest).text, render(digest).html
    assert "Öppnar: 20 april 2026 (preliminärt)" in text
    assert "Sista ansökningsdag: 28 april 2026 (preliminärt, 22 dagar kvar)" in text
    # The conditions line does not say the opening date a second time.
    assert "Kommande: öppnar" not in text and "Kommande: öppnar" not in html
    assert "Planerad öppning: juni 2026 (preliminärt)" in text
    assert "Planerad öppning juni 2026 (preliminärt)" in html
    assert "Öppnar 20 april 2026 (preliminärt)" in html

    runner = CliRunner(env={"EUFUNDS_TODAY": TODAY.isoformat()})
    shown = runner.invoke(cli, ["show", dated.key])
    assert shown.exit_code == 0, shown.output
    assert "öppnar:        2026-04-20 (preliminärt)" in shown.stdout
    assert "deadlines:     2026-04-28 (preliminärt)" in shown.stdout
    shown = runner.invoke(cli, ["show", month.key])
    assert "öppnar:        planerad juni 2026 (preliminärt)" in shown.stdout

    # The coordinator's lists: deadlines, the CSV for Excel, the calendar and search.
    listed = runner.invoke(cli, ["deadlines", "--json"])
    assert [(r["id"], r["preliminary"]) for r in json.loads(listed.stdout)] == [(dated.key, True)]
    raw = runner.invoke(cli, ["export", "--format", "csv"]).stdout_bytes
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert {r["Nyckel"]: r["Preliminära datum"] for r in rows} == {dated.key: "ja", month.key: "ja"}
    ics = runner.invoke(cli, ["export", "--format", "ics"]).stdout
    ics = re.sub(r"\r?\n ", "", ics)  # unfolded: long lines continue after a space
    assert "SUMMARY:Sista ansökningsdag: Solel och energilager på stora tak (preliminärt)" in ics
    assert _dates({"deadline": "2026-04-28", "days_left": 22, "preliminary": True}) == (
        "deadline 2026-04-28 (preliminärt, 22 dagar kvar)"
    )
    undated = {"deadline": None, "days_left": None, "preliminary": True}
    assert _dates({**undated, "planned_opening": "juni 2026"}) == (
        "planerad öppning juni 2026 (preliminärt)"
    )

    # The call's page on the web view (the link in the digest) says the same.
    page = call_context(db, _row(db, dated.key), TODAY, priorities(), "miljo")
    assert page["opening"] == "20 april 2026 (preliminärt)" and page["preliminary"]
    page = call_context(db, _row(db, month.key), TODAY, priorities(), "miljo")
    assert page["opening"] == "planerad juni 2026 (preliminärt)"


def test_the_status_check_names_a_planned_month_and_a_planned_opening_that_passed() -> None:
    calls = fixture_calls([ROOFTOP_SOLAR, NO_DATES])
    month = _planned(calls[NO_DATES], "juni 2026", opens=None)
    fact = _status(month)
    assert fact["result"] == "unknown"
    assert fact["reason"].startswith("Planerad öppning juni 2026 (preliminärt)")
    # A decided call without dates still says that the source gives none.
    assert _status(calls[NO_DATES])["reason"].startswith("Datum saknas")
    # The planned opening has passed while the source still lists the call as coming: the
    # dates say open, but nobody can apply before the call is published.
    dated = _planned(calls[ROOFTOP_SOLAR], True, opens="2026-04-01")
    fact = _status(dated)
    assert fact["result"] == "unknown" and "kontrollera att den har öppnat" in fact["reason"]
    assert fact["reason"].startswith("Planerad att öppna 2026-04-01 (preliminärt), men")
    no_opening = _planned(calls[ROOFTOP_SOLAR], True, opens=None)
    fact = _status(no_opening)
    assert fact["result"] == "unknown"
    assert fact["reason"].startswith("Planerad med sista ansökningsdag 2026-04-28 (preliminärt)")
    # Without the planned mark the same dates are simply open.
    assert _status(replace(dated, extra={}))["result"] == "pass"
