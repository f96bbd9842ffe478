"""The eligibility gate on real calls from the corpus."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from db.jsonl import call_from_record
from db.records import Call
from matcher.eligibility import check_eligibility
from priorities import Priorities, load_priorities
from tests.shared_data import shared_path

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus() -> dict[str, Call]:
    calls = {}
    with shared_path("calls", "corpus.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            calls[record["id"]] = call_from_record(record, "import")
    return calls


@pytest.fixture(scope="module")
def linkoping() -> Priorities:
    return load_priorities(REPO / "priorities" / "linkoping.yaml")


def _fact(facts: list[dict[str, str]], check: str) -> dict[str, str]:
    return next(f for f in facts if f["check"] == check)


@pytest.mark.parametrize(
    ("call_id", "check", "result", "reason_part"),
    [
        ("AMIF-FI-2023-HOST", "region", "fail", "annat land (Finland)"),
        ("EUROACCESS-2273", "region", "fail", "ingen svensk del"),  # Interreg Slovakia-Czechia
        ("INTERREG-CB-2021-2027-CALL-1", "region", "pass", "omfattar SE123"),  # Central Baltic
        ("EUROACCESS-1811", "region", "pass", "omfattar SE123"),  # Baltic Sea Region
        (
            "AMIF-SE-2020-08-MIGRATIONSVERKET",
            "sökande",
            "fail",
            "Migrationsverket får söka",
        ),
        (
            "ENERGIMYNDIGHETEN-pitcha-pa-sweden-sustaintech-venture-day",
            "sökande",
            "fail",
            "företag",
        ),
        ("LIFE-2026-SAP-ENV-GOV", "sökande", "pass", "Offentliga aktörer"),
    ],
)
def test_checks_on_real_calls(
    corpus: dict[str, Call],
    linkoping: Priorities,
    call_id: str,
    check: str,
    result: str,
    reason_part: str,
) -> None:
    overall, facts = check_eligibility(corpus[call_id], linkoping, None)
    fact = _fact(facts, check)
    assert fact["result"] == result
    assert reason_part in fact["reason"]
    if result == "fail":
        assert overall == "fail"


def test_dates_gate_and_is_skipped_without_today(
    corpus: dict[str, Call], linkoping: Priorities
) -> None:
    call = corpus["HORIZON-CL3-2026-01-BM-01"]  # opens 2026-05-06, closes 2026-11-05
    assert (
        _fact(check_eligibility(call, linkoping, date(2026, 4, 1))[1], "status")["reason"]
        == "Kommande: öppnar 2026-05-06."
    )
    overall, facts = check_eligibility(call, linkoping, date(2026, 11, 6))
    assert overall == "fail"
    assert _fact(facts, "status")["reason"] == "Stängd: sista ansökningsdag var 2026-11-05."
    assert all(f["check"] != "status" for f in check_eligibility(call, linkoping, None)[1])


def test_programme_exclusions_from_the_priorities_file(
    corpus: dict[str, Call], linkoping: Priorities
) -> None:
    excluded = linkoping.model_copy(update={"excluded_programmes": ["European Defence Fund"]})
    defence = next(c for c in corpus.values() if c.programme == "European Defence Fund")
    overall, facts = check_eligibility(defence, excluded, None)
    assert overall == "fail"
    assert "uteslutet i prioriteringsfilen" in _fact(facts, "program")["reason"]


def test_regions_named_by_a_source(linkoping: Priorities) -> None:
    call = Call("tillvaxtverket", "x", "Utlysning", regions=["Östergötland", "Uppsala"])
    assert _fact(check_eligibility(call, linkoping, None)[1], "region")["result"] == "pass"
    call = Call("tillvaxtverket", "y", "Utlysning", regions=["Skåne", "Blekinge"])
    overall, facts = check_eligibility(call, linkoping, None)
    assert overall == "fail"
    assert "SE123 ingår inte" in _fact(facts, "region")["reason"]
