"""The coordinator's section of calls for the municipality's own area that no priority took.

A call of the regional or social fund's programme region, an Interreg programme area or the
county is money set aside for places like the municipality: the coordinator sees it even
when no priority's digest takes it. The calls are invented (``tests/fixtures/notifier``);
the region facts are those the region check writes (``matcher/region_check.py``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlite_utils

import notifier.digest
from db import open_db
from db.records import OWN_AREA
from notifier.build import build_digests
from notifier.digest import COORDINATOR, collect_digest
from notifier.render import render
from tests.notifier_world import (
    CARBON_CAPTURE,
    DISTRICT_HEATING,
    ENERGY_PREMISES,
    GRID_STORAGE,
    NO_DATES,
    NOW,
    ROOFTOP_SOLAR,
    TODAY,
    WEEK,
    add_mark,
    add_match,
    fixture_calls,
    priorities,
    store,
)

OWN = {
    "check": "region",
    "result": "pass",
    "reason": "Regionen ingår: Östra Mellansverige (SE12).",
    "area": OWN_AREA,
}
ANYWHERE = {"check": "region", "result": "pass", "reason": "Ingen regional begränsning angiven."}
OPEN = {"check": "status", "result": "pass", "reason": "Öppen."}
WORDLESS = {"check": "inga gemensamma ord", "result": "info", "reason": "Inga av orden."}
IDS = [ENERGY_PREMISES, ROOFTOP_SOLAR, CARBON_CAPTURE, DISTRICT_HEATING, GRID_STORAGE, NO_DATES]


def _not_taken(db: sqlite_utils.Database, call, facts, eligibility: str = "pass") -> None:
    """The best match the matcher stored for a call no priority took (not included)."""
    add_match(
        db,
        call,
        target="utbildning-utbyten",
        priority="utbildning-utbyten",
        departments=["utbildning"],
        score=0.4,
        label="möjlig",
        included=False,
        eligibility=eligibility,
        facts=facts,
    )


@pytest.fixture
def world(db_path: Path):
    db = open_db(db_path)
    calls = fixture_calls(IDS)
    store(db, list(calls.values()))
    # Taken by a priority: the coordinator's new calls, not this section.
    add_match(db, calls[ENERGY_PREMISES], score=0.9, facts=[OPEN, OWN])
    # For the municipality's area, taken by no priority: grid storage (31 days left),
    # rooftop solar (22 days) and the call without dates.
    _not_taken(db, calls[GRID_STORAGE], [OPEN, OWN, WORDLESS])
    _not_taken(db, calls[ROOFTOP_SOLAR], [OPEN, OWN])
    _not_taken(db, calls[NO_DATES], [OWN])
    # Not for an area (open to anyone anywhere), and one the eligibility check failed.
    _not_taken(db, calls[DISTRICT_HEATING], [OPEN, ANYWHERE])
    failed = {"check": "sökande", "result": "fail", "reason": "Endast företag."}
    _not_taken(db, calls[CARBON_CAPTURE], [OPEN, OWN, failed], eligibility="fail")
    return db, calls


def _ids(items) -> list[str]:
    return [i.call_id.split(":", 1)[1] for i in items]


def test_the_coordinator_sees_the_areas_calls_no_priority_took(world) -> None:
    db, _ = world
    digest = collect_digest(db, priorities(), COORDINATOR, WEEK, TODAY, now=NOW)
    # Soonest deadline first, the call without dates last; not the call a priority took,
    # not one open to anyone anywhere, not one that fails the conditions.
    assert _ids(digest.own_area) == [ROOFTOP_SOLAR, GRID_STORAGE, NO_DATES]
    assert _ids(digest.new) == [ENERGY_PREMISES]
    item = digest.own_area[1]
    # No priority took it: no priority, label or quote, the nearest priority in a note, and
    # none of the pair's facts (no shared words with a priority it was not given to).
    assert item.target_text == "" and item.label is None and item.passage == ""
    assert item.notes == [
        "Regionen ingår: Östra Mellansverige (SE12).",
        "Ingen prioritering tog den; närmast: Utbildning och skolutbyten.",
    ]
    # The region is the note, the open status said by the dates above: no reason left.
    assert item.eligibility_reasons == []
    assert digest.section_ids()["own_area"] == [f"import:{i}" for i in _ids(digest.own_area)]
    # Numbered after the new calls (the coordinator's ids are what it answers by).
    assert [digest.numbers[i.call_id] for i in digest.own_area] == [2, 3, 4]
    rendered = render(digest)
    assert "FÖR KOMMUNENS OMRÅDE – INGEN PRIORITERING TOG DEM" in rendered.text
    assert "Batterilager som avlastar det lokala elnätet" in rendered.text
    assert "eufunds mark ID --as not-relevant" in rendered.text
    assert "För kommunens område – ingen prioritering tog dem" in rendered.html
    assert "närmast: Utbildning och skolutbyten" in rendered.html


def test_a_department_never_gets_the_section(world) -> None:
    db, _ = world
    for department in ("miljo", "utbildning"):
        digest = collect_digest(db, priorities(), department, WEEK, TODAY, now=NOW)
        assert digest.own_area == [] and digest.more_own_area == 0
        assert "FÖR KOMMUNENS OMRÅDE" not in render(digest).text


def test_each_call_is_offered_once(world) -> None:
    db, _ = world
    p = priorities()
    build_digests(db, p, week=WEEK, today=TODAY, now=NOW)
    # Offered once: the week after, the section is empty.
    later = collect_digest(db, p, COORDINATOR, "2026-W16", date(2026, 4, 13), now=NOW)
    assert later.own_area == []


def test_closed_calls_and_calls_marked_not_relevant_are_left_out(world) -> None:
    db, calls = world
    add_mark(db, calls[NO_DATES], "not-relevant", None)  # for every department
    add_mark(db, calls[GRID_STORAGE], "not-relevant", "utbildning")  # for one: still shown
    late = collect_digest(db, priorities(), COORDINATOR, "2026-W18", date(2026, 4, 30), now=NOW)
    assert _ids(late.own_area) == [GRID_STORAGE]  # rooftop solar closed on 28 April


def test_past_the_cap_the_rest_are_counted_and_come_later(
    world, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, _ = world
    monkeypatch.setattr(notifier.digest, "OWN_AREA_MAX", 2)
    p = priorities()
    digest = collect_digest(db, p, COORDINATOR, WEEK, TODAY, now=NOW)
    assert _ids(digest.own_area) == [ROOFTOP_SOLAR, GRID_STORAGE] and digest.more_own_area == 1
    assert "… och 1 till, i ett senare brev." in render(digest).text
    build_digests(db, p, week=WEEK, today=TODAY, now=NOW)
    later = collect_digest(db, p, COORDINATOR, "2026-W16", date(2026, 4, 13), now=NOW)
    assert _ids(later.own_area) == [NO_DATES] and later.more_own_area == 0


def test_a_call_a_priority_takes_later_moves_to_the_new_calls(world) -> None:
    db, calls = world
    add_match(db, calls[GRID_STORAGE], score=0.7, facts=[OPEN, OWN])
    digest = collect_digest(db, priorities(), COORDINATOR, WEEK, TODAY, now=NOW)
    assert GRID_STORAGE in _ids(digest.new) and GRID_STORAGE not in _ids(digest.own_area)
