"""What goes into a digest: new since the last one, changes, closing soon, reminders, marks."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from db import open_db
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
    crawl_run,
    fixture_calls,
    priorities,
    store,
)

IDS = [ENERGY_PREMISES, ROOFTOP_SOLAR, CARBON_CAPTURE, DISTRICT_HEATING, GRID_STORAGE]


@pytest.fixture
def world(db_path: Path) -> tuple[sqlite_utils.Database, dict]:
    db = open_db(db_path)
    calls = fixture_calls(IDS)
    store(db, list(calls.values()))
    scores = {ENERGY_PREMISES: 0.9, ROOFTOP_SOLAR: 0.8, CARBON_CAPTURE: 0.7, DISTRICT_HEATING: 0.6}
    for ident, score in scores.items():
        add_match(db, calls[ident], score=score)
    # A weaker goal match for the same call: the digest shows each call once, its best match.
    add_match(db, calls[ENERGY_PREMISES], target="mbn-utslapp", kind="goal", score=0.5)
    # Scored but not included (below the thresholds): never in a digest.
    add_match(db, calls[GRID_STORAGE], score=0.2, label=None, included=False)
    return db, calls


def ids(items: list) -> list[str]:
    return [i.call_id.split(":", 1)[1] for i in items]


def test_new_calls_strongest_first_capped_by_max_items(world) -> None:
    db, _ = world
    digest = collect_digest(db, priorities(), "miljo", WEEK, TODAY, now=NOW)
    assert ids(digest.new) == [ENERGY_PREMISES, ROOFTOP_SOLAR, CARBON_CAPTURE]  # max_antal: 3
    assert digest.more_new == 1
    assert (
        digest.new[0].target_kind == "priority" and digest.new[0].target_text == "Energi och klimat"
    )
    # The district heating call is left out of "new" by the cap but closes in 9 days.
    assert ids(digest.closing) == [DISTRICT_HEATING]
    assert digest.closing[0].days_left == 9


def test_other_department_gets_nothing_new(world) -> None:
    db, _ = world
    digest = collect_digest(db, priorities(), "utbildning", WEEK, TODAY, now=NOW)
    assert digest.new == [] and digest.closing == [] and digest.more_new == 0


def test_only_calls_matched_since_the_last_digest_are_new_next_week(world) -> None:
    db, calls = world
    build_digests(db, priorities(), week=WEEK, today=TODAY, now=NOW)
    # The call left out by the cap was counted ("… och 1 till"): not new again.
    later = collect_digest(db, priorities(), "miljo", "2026-W16", TODAY, now=NOW)
    assert later.new == [] and later.more_new == 0
    # A call matched after the last digest is new.
    add_match(db, calls[GRID_STORAGE], score=0.3, label="möjlig")
    later = collect_digest(db, priorities(), "miljo", "2026-W16", TODAY, now=NOW)
    assert ids(later.new) == [GRID_STORAGE]


def test_not_relevant_for_department_or_for_all_never_appears(world) -> None:
    db, calls = world
    add_mark(db, calls[ENERGY_PREMISES], "not-relevant", "miljo")
    add_mark(db, calls[ROOFTOP_SOLAR], "not-relevant", None)
    add_mark(db, calls[DISTRICT_HEATING], "not-relevant", "utbildning")  # another department's
    digest = collect_digest(db, priorities(), "miljo", WEEK, TODAY, now=NOW)
    shown = ids(digest.new + digest.closing + digest.changes + digest.reminders)
    assert ENERGY_PREMISES not in shown and ROOFTOP_SOLAR not in shown
    assert ids(digest.new) == [CARBON_CAPTURE, DISTRICT_HEATING]


def test_a_later_mark_lifts_not_relevant(world) -> None:
    db, calls = world
    add_mark(db, calls[ENERGY_PREMISES], "not-relevant", None, at="2026-03-01T08:00:00+00:00")
    add_mark(db, calls[ENERGY_PREMISES], "interested", "miljo", at="2026-03-02T08:00:00+00:00")
    digest = collect_digest(db, priorities(), "miljo", WEEK, TODAY, now=NOW)
    assert ENERGY_PREMISES in ids(digest.new)


def test_changes_to_calls_the_department_has_seen(world) -> None:
    db, calls = world
    build_digests(db, priorities(), week=WEEK, today=TODAY, now=NOW)
    moved = calls[ROOFTOP_SOLAR]
    moved.deadlines = ["2026-05-12"]
    unseen = calls[DISTRICT_HEATING]  # not shown as new (capped) but shown as closing: seen
    unseen.deadlines = ["2026-04-20"]
    store(db, [moved, unseen], now="2026-04-08T05:00:00+00:00")
    digest = collect_digest(
        db, priorities(), "miljo", "2026-W16", TODAY, now="2026-04-13T05:00:00+00:00"
    )
    notes = {i.call_id.split(":", 1)[1]: i.notes for i in digest.changes}
    assert notes[ROOFTOP_SOLAR] == [
        "Sista ansökningsdag ändrad från 28 april 2026 till 12 maj 2026."
    ]
    assert DISTRICT_HEATING in notes
    # The utbildning department never saw these calls: no changes for it.
    other = collect_digest(
        db, priorities(), "utbildning", "2026-W16", TODAY, now="2026-04-13T05:00:00+00:00"
    )
    assert other.changes == []


def test_no_changes_section_in_the_first_digest(world) -> None:
    db, calls = world
    moved = calls[ROOFTOP_SOLAR]
    moved.deadlines = ["2026-05-12"]
    store(db, [moved], now="2026-04-05T05:00:00+00:00")
    assert collect_digest(db, priorities(), "miljo", WEEK, TODAY, now=NOW).changes == []


def test_deadline_reminders_at_30_and_7_days_once_each(world) -> None:
    db, calls = world
    add_mark(db, calls[CARBON_CAPTURE], "applying", "miljo")  # deadline 2026-04-29
    add_mark(db, calls[GRID_STORAGE], "interested", None)  # 2026-05-07, not matched to miljo
    add_mark(db, calls[ENERGY_PREMISES], "interested", "miljo")  # 2026-09-29: far away
    p = priorities()
    # 23 days before the 29 April deadline: the 30-day reminder.
    first = collect_digest(db, p, "miljo", WEEK, TODAY, now=NOW)
    assert ids(first.reminders) == [CARBON_CAPTURE]
    assert "23 dagar kvar" in first.reminders[0].notes[0] and "söker" in first.reminders[0].notes[0]
    # The coordinator is reminded of every marked call (grid storage: 31 days, not yet).
    coordinator = collect_digest(db, p, COORDINATOR, WEEK, TODAY, now=NOW)
    assert ids(coordinator.reminders) == [CARBON_CAPTURE]
    build_digests(db, p, week=WEEK, today=TODAY, now=NOW)
    # A week later (16 days left): already reminded at 30, not yet 7.
    from datetime import date

    assert collect_digest(db, p, "miljo", "2026-W16", date(2026, 4, 13), now=NOW).reminders == []
    # 22 April, 7 days left: the 7-day reminder, once.
    week17 = collect_digest(db, p, "miljo", "2026-W17", date(2026, 4, 22), now=NOW)
    assert ids(week17.reminders) == [CARBON_CAPTURE]
    assert "7 dagar kvar" in week17.reminders[0].notes[0]
    later = collect_digest(db, p, COORDINATOR, "2026-W17", date(2026, 4, 22), now=NOW)
    assert ids(later.reminders) == [CARBON_CAPTURE, GRID_STORAGE]  # 7 days, then 15 days


def test_source_health_note_when_a_source_failed_this_week(world) -> None:
    db, _ = world
    crawl_run(db, "vinnova", True, "2026-04-05T04:00:00+00:00")
    crawl_run(db, "sedia", False, "2026-04-05T04:00:00+00:00", "HTTP 500")
    crawl_run(db, "esf", False, "2026-03-20T04:00:00+00:00", "timeout")  # weeks ago
    crawl_run(db, "interreg", False, "2026-04-04T04:00:00+00:00", "HTTP 503")
    crawl_run(db, "interreg", True, "2026-04-05T04:30:00+00:00")  # recovered
    digest = collect_digest(db, priorities(), "miljo", WEEK, TODAY, now=NOW)
    assert digest.source_note is not None
    assert "EU:s Funding & Tenders-portal" in digest.source_note
    assert "ESF" not in digest.source_note and "Interreg" not in digest.source_note


def test_nothing_new_says_so_and_is_still_built(db_path: Path) -> None:
    db = open_db(db_path)
    results = build_digests(db, priorities(), week=WEEK, today=TODAY, now=NOW)
    assert {r.department for r in results if r.created} == {"miljo", "utbildning", COORDINATOR}
    text = db.execute("select text from digests where department = 'miljo'").fetchone()[0]
    assert "Inga nya utlysningar denna vecka." in text
    subject = db.execute("select subject from digests where department = 'miljo'").fetchone()[0]
    assert subject == "Inga nya EU-utlysningar v. 15 – Miljö- och samhällsbyggnadsförvaltningen"


def test_build_twice_builds_once_and_queues_one_row_per_recipient(world) -> None:
    db, _ = world
    first = build_digests(db, priorities(), week=WEEK, today=TODAY, now=NOW)
    second = build_digests(db, priorities(), week=WEEK, today=TODAY, now=NOW)
    assert all(r.created for r in first) and not any(r.created for r in second)
    assert db["digests"].count == 3
    recipients = sorted(r["recipient"] for r in db.query("select recipient from outbox"))
    assert recipients == [
        "eu.miljo@linkoping.example",
        "eu.samordnare@linkoping.example",
        "eu.utbildning@linkoping.example",
        "miljochef@linkoping.example",
    ]
    ids_ = [r["message_id"] for r in db.query("select message_id from outbox")]
    assert len(set(ids_)) == 4 and all(i.startswith("<digest.2026-W15.") for i in ids_)


def test_coordinator_digest_carries_the_priorities_warning(world) -> None:
    db, _ = world
    warning = "Prioriteringsfilen har fel (rad 12); den senaste giltiga versionen används."
    build_digests(db, priorities(), week=WEEK, today=TODAY, now=NOW, warning=warning)
    texts = dict(db.execute("select department, text from digests").fetchall())
    assert warning in texts[COORDINATOR]
    assert warning not in texts["miljo"]
    coordinator = collect_digest(db, priorities(), COORDINATOR, WEEK, TODAY, now=NOW)
    assert coordinator.new[0].departments == ["Miljö- och samhällsbyggnadsförvaltningen"]


def test_closed_calls_and_removed_priorities_are_left_out(world) -> None:
    db, calls = world
    add_match(db, calls[GRID_STORAGE], target="gone-priority", priority="gone-priority", score=0.99)
    digest = collect_digest(db, priorities(), "miljo", WEEK, TODAY, now=NOW)
    assert GRID_STORAGE not in ids(digest.new)
    from datetime import date

    late = collect_digest(db, priorities(), "miljo", WEEK, date(2026, 4, 30), now=NOW)
    assert ids(late.new) == [ENERGY_PREMISES]  # the others closed by 30 April


def test_who_may_apply_does_not_quote_again_what_the_passage_already_says(
    db_path: Path,
) -> None:
    db = open_db(db_path)
    calls = fixture_calls([ENERGY_PREMISES, ROOFTOP_SOLAR])
    store(db, list(calls.values()))
    said = "Kommuner kan nu söka bidrag för energi- och klimatrådgivning under två år"
    # The first passage shows the whole sentence; the second only a part of it.
    for ident, passage in ((ENERGY_PREMISES, f"{said}."), (ROOFTOP_SOLAR, f"{said[:50]}…")):
        fact = {
            "check": "sökande",
            "result": "pass",
            "reason": f'Offentliga aktörer nämns: "{said}."',
        }
        add_match(db, calls[ident], passage=passage, facts=[fact])
    items = {
        i.call_id.split(":", 1)[1]: i
        for i in collect_digest(db, priorities(), "miljo", WEEK, TODAY, now=NOW).new
    }
    assert items[ENERGY_PREMISES].applicants == "Offentliga aktörer nämns – se citatet ovan"
    # A passage that shows less: the sentence is quoted where it says who may apply.
    assert items[ROOFTOP_SOLAR].applicants == f'Offentliga aktörer nämns: "{said}."'


def test_a_watched_call_shows_who_may_apply_in_full_as_it_shows_no_quote(db_path: Path) -> None:
    """The watch list ("Bevaka – datum saknas") shows no "Varför" quote: its applicant line
    cannot point to one ("– se citatet ovan")."""
    db = open_db(db_path)
    calls = fixture_calls([NO_DATES])
    store(db, list(calls.values()))
    said = "Kommuner kan nu söka bidrag för energigemenskaper i hela landet"
    fact = {"check": "sökande", "result": "pass", "reason": f'Offentliga aktörer nämns: "{said}."'}
    add_match(db, calls[NO_DATES], passage=f"{said}.", facts=[fact])
    digest = collect_digest(db, priorities(), "miljo", WEEK, TODAY, now=NOW)
    (watched,) = digest.watch
    assert watched.applicants == f'Offentliga aktörer nämns: "{said}."'
    assert "se citatet ovan" not in render(digest).text
