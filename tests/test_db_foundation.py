"""The database: migrations, storing calls with versions and changes, derived status."""

from __future__ import annotations

import contextlib
import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from crawler.facts import complete
from db import DatabaseError, open_db
from db.calls import get_call, status_counts, store_call
from db.crawl_runs import run_counts, start_run
from db.jsonl import call_from_record
from db.migrations import applied_migrations, migrations
from db.records import Call, read_anew
from db.status import (
    derive_status,
    listed_closed,
    next_deadline,
    registered_year,
    text_round_year,
    title_spring,
    title_year,
    window,
)


def test_fresh_database_gets_every_migration_and_wal(db_path: Path) -> None:
    db = open_db()
    assert db_path.exists()
    assert applied_migrations(db) == [m.name for m in migrations._migrations]
    assert db.journal_mode == "wal"
    assert {"calls", "call_versions", "changes", "crawl_runs", "calls_fts"} <= set(db.table_names())


def test_existing_database_is_migrated_forward_keeping_data(db_path: Path) -> None:
    db = open_db(migrate=False)
    migrations.apply(db, stop_before="0002_versions_changes_runs")
    db["calls"].insert(  # type: ignore[union-attr]
        {"id": "x:1", "source": "x", "source_id": "1", "title": "Kvar", "content_hash": "h"}
    )
    db.close()
    db = open_db()
    assert "0002_versions_changes_runs" in applied_migrations(db)
    assert db["calls"].get("x:1")["title"] == "Kvar"  # type: ignore[union-attr]
    # Opening again applies nothing new.
    assert applied_migrations(open_db()) == applied_migrations(db)


def test_directory_instead_of_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="är en mapp"):
        open_db(tmp_path)


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is not sqlite " * 100)
    with pytest.raises(DatabaseError, match="ingen användbar SQLite-databas"):
        open_db(path)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2026-01-31", "forthcoming"),
        ("2026-02-01", "open"),
        ("2026-03-10", "open"),  # the deadline day itself is still open
        ("2026-03-11", "closed"),
    ],
)
def test_status_is_derived_around_the_deadline(today: str, expected: str) -> None:
    status = derive_status("2026-02-01", ["2026-03-10"], date.fromisoformat(today), "Open")
    assert status == expected


def test_status_ignores_a_stale_hint_and_uses_it_only_without_dates() -> None:
    today = date(2026, 6, 1)
    assert derive_status(None, ["2024-04-01"], today, "Forthcoming") == "closed"
    assert derive_status(None, [], today, "Forthcoming") == "forthcoming"
    assert derive_status(None, [], today, None) == "unknown"
    assert derive_status("2026-01-01", [], today, None) == "unknown"
    assert next_deadline(["2026-05-01", "2026-09-01"], today) == "2026-09-01"


def _stored_before(migration: str, calls: list[dict[str, str]]) -> list[dict[str, object]]:
    """Store calls (id, title and the given columns) in a database migrated up to just
    before ``migration``, open it as a new release does, and return every call's ``extra``
    (in id order)."""
    db = open_db(migrate=False)
    migrations.apply(db, stop_before=migration)
    for n, columns in enumerate(calls):
        row = {"id": f"x:{n}", "source": "x", "source_id": str(n), "content_hash": "h"}
        db["calls"].insert({**row, "extra": "{}", **columns})  # type: ignore[union-attr]
    db.close()
    rows = open_db().execute("select extra from calls order by id")
    return [json.loads(r[0]) for r in rows]


def test_a_call_without_dates_whose_title_names_only_past_years_is_closed() -> None:
    """Titles written for the test. A round named for a year may still take applications
    early in the next, so the call closes from the second year after."""
    assert title_year("Stöd till klimatrådgivning år 2021–2022") == 2022
    assert title_year("Utlysning 2020:3 och Agenda 2030") == 2030
    assert title_year("Pilot och demonstration 2025-1") == 2025
    assert title_year("Stöd till laddinfrastruktur") is None
    assert title_year("Programme 12020 and 20301") is None  # not a year: part of a number
    assert title_year("Mikrostöd på 2000 kronor, upp till €1950 eller 2000 EUR") is None
    today = date(2026, 12, 2)
    assert derive_status(None, [], today, None, named_year=2024) == "closed"
    assert derive_status(None, [], today, "Open", named_year=2024) == "closed"  # a stale word
    assert derive_status("2021-03-01", [], today, None, named_year=2021) == "closed"
    assert derive_status(None, [], today, None, named_year=2025) == "unknown"  # next year
    assert derive_status(None, [], date(2026, 1, 2), None, named_year=2024) == "closed"
    assert derive_status(None, [], date(2025, 12, 31), None, named_year=2024) == "unknown"
    # Dates and "open until further notice" say more than a title.
    assert derive_status(None, ["2027-03-01"], today, None, named_year=2020) == "open"
    assert derive_status(None, [], today, None, rolling=True, named_year=2020) == "open"
    assert derive_status("2027-01-10", [], today, None, named_year=2020) == "forthcoming"
    assert window('{"named_year": 2022, "rolling": false}') == {
        "rolling": False,
        "named_year": 2022,
        "named_spring": False,
        "listed_closed": None,
    }
    assert window({"named_year": "2022"})["named_year"] is None  # not a number: no year
    assert window(None) == {
        "rolling": False,
        "named_year": None,
        "named_spring": False,
        "listed_closed": None,
    }


def test_a_call_without_dates_named_for_a_spring_is_closed_after_that_spring() -> None:
    """Titles written for the test. A round named for a spring took its applications then:
    without dates it is over from 1 September of that year, not only two years on."""
    assert title_spring("Cirkulära flöden FFI – spring 2026")
    assert title_spring("Utlysning våren 2025") and title_spring("Stöd vår 2025")
    assert not title_spring("Utlysning hösten 2025")
    assert not title_spring("Stöd våren 2024 och hösten 2025")  # the latest year is an autumn
    assert not title_spring("Spring 2025 call, round 2025:2")  # 2025 also otherwise named
    assert title_spring("Round 2 (spring 2026), follow-up of spring 2025")
    assert not title_spring("Springfield 2026") and not title_spring(None)
    assert derive_status(None, [], date(2026, 8, 31), None, named_year=2026, named_spring=True) == (
        "unknown"
    )
    assert derive_status(None, [], date(2026, 9, 1), None, named_year=2026, named_spring=True) == (
        "closed"
    )
    # Without the spring the year's grace holds: unknown until 2028.
    assert derive_status(None, [], date(2027, 12, 31), None, named_year=2026) == "unknown"
    # Dates say more than a title.
    assert derive_status(
        None, ["2026-11-01"], date(2026, 10, 1), None, named_year=2026, named_spring=True
    ) == ("open")
    assert window('{"named_year": 2026, "named_spring": true}')["named_spring"] is True
    assert window({"named_spring": "yes"})["named_spring"] is False


def test_the_named_spring_is_read_from_the_title_and_stored_calls_get_it(
    db_path: Path,
) -> None:
    call = Call(source="x", source_id="1", title="Cirkularitet FFI – spring 2026", description="")
    before = call.content_hash()
    complete(call)
    assert call.extra["named_spring"] is True and call.content_hash() == before
    call.title = "Cirkularitet FFI – hösten 2026"  # renamed: not a spring any more
    complete(call)
    assert "named_spring" not in call.extra and call.extra["named_year"] == 2026

    year = json.dumps({"named_year": 2025})
    extras = _stored_before(
        "0056_named_spring",
        [
            {"title": "Transport FFI - spring 2025", "extra": year},
            {"title": "Transport FFI - hösten 2025", "extra": year},
        ],
    )
    assert extras == [{"named_year": 2025, "named_spring": True}, {"named_year": 2025}]
    assert status_counts(open_db(), date(2026, 3, 1))["closed"] == 1


def test_a_title_without_a_year_takes_the_year_the_text_gives_its_round(db_path: Path) -> None:
    # Written texts: the round's year in Swedish and in English; a year of something else
    # in the text is not the round's; a title's year comes first.
    assert text_round_year("Texten gäller ansökningsomgången hösten 2014. Stöd 2020.") == 2014
    assert text_round_year("Applications to the spring 2024 call close in May.") == 2024
    assert text_round_year("Projekt som pågår 2021–2024 och Agenda 2030.") is None
    call = Call(
        source="x",
        source_id="1",
        title="Innovation i offentlig verksamhet",
        description="Texten gäller ansökningsomgången hösten 2014.",
    )
    before = call.content_hash()
    complete(call)
    assert call.extra["named_year"] == 2014 and call.extra["named_in_text"] is True
    assert call.content_hash() == before and call.status(date(2026, 12, 3)) == "closed"
    call.title = "Innovation i offentlig verksamhet 2027"  # the title's year comes first
    complete(call)
    assert call.extra["named_year"] == 2027 and "named_in_text" not in call.extra

    round_text = "Texten gäller ansökningsomgången våren 2019."
    extras = _stored_before(
        "0057_named_in_text",
        [
            {"title": "Innovationsstöd", "description": round_text},
            {"title": "Innovationsstöd 2026", "description": round_text},
            {"title": "Innovationsstöd", "description": "Löpande ansökan."},
        ],
    )
    assert extras == [{"named_year": 2019, "named_in_text": True}, {}, {}]


def test_a_call_without_a_year_in_title_or_text_takes_the_year_of_its_sources_number(
    db_path: Path,
) -> None:
    # Addresses written for the test in the shape of Vinnova's (the diarienummer ends the
    # call page's part) and Formas's (the call page begins with the day it was published).
    vinnova = "https://www.vinnova.se/en/calls-for-proposals/utlysning-2022-00048/"
    assert registered_year(vinnova + "mobility-solutions-2024-01245/") == (2024, "2024-01245")
    assert registered_year("https://externwebb.vinnova.se/e/x/ai-i-kommuner-2023-01699") == (
        2023,
        "2023-01699",
    )
    assert registered_year(vinnova + "circularity-ffi-spring-2026") is None  # the parent's
    assert registered_year("https://www.vinnova.se/sok/?q=2024-01245") is None
    assert registered_year("https://example.org/call-2024-01245/") is None  # another source
    formas = "https://formas.se/en/start-page/apply-for-funding/all-calls/calls/"
    assert registered_year(formas + "2025-09-12-blue-transformation.html") == (
        2025,
        "2025-09-12",
    )
    assert registered_year(formas + "blue-transformation-2025.html") is None

    url = vinnova + "civil-society-2021-05202/"
    call = Call(source="x", source_id="1", title="Civilsamhällets lösningar", url=url)
    before = call.content_hash()
    complete(call)
    assert call.extra["named_year"] == 2021 and call.extra["named_by_number"] == "2021-05202"
    assert call.content_hash() == before and call.status(date(2026, 12, 3)) == "closed"
    assert call.status(date(2022, 12, 31)) == "unknown"  # the next year: it may still run
    call.description = "Texten gäller ansökningsomgången 2022."  # the text's year first
    complete(call)
    assert call.extra["named_year"] == 2022 and "named_by_number" not in call.extra
    # A round the source announces without dates is not over by its number's year.
    announced = Call(
        source="vinnova",
        source_id="2025-00001",
        title="Innovationsstöd",
        url="https://www.vinnova.se/e/x/innovationsstod-2025-00001/",
        extra={"announced": "Q1 2028"},
    )
    assert "named_year" not in complete(announced).extra
    # Nor one that has opened: its address may name an older programme's page.
    opened = Call(
        source="x",
        source_id="3",
        title="Innovativa startups",
        url="https://www.vinnova.se/e/startups/innovativa-startups-2019-00001/",
        opening_date="2026-02-01",
    )
    assert "named_year" not in complete(opened).extra

    extras = _stored_before(
        "0058_named_by_number",
        [
            {"title": "Stöd", "url": vinnova + "stod-2023-04105/"},
            {"title": "Stöd 2026", "url": vinnova + "stod-2023-04105/"},
            {"title": "Stöd", "url": vinnova + "stod-2023-04105/", "extra": '{"planned": true}'},
            {"title": "Stöd", "url": vinnova + "stod-2023-04105/", "opening_date": "2024-02-01"},
        ],
    )
    assert extras == [
        {"named_year": 2023, "named_by_number": "2023-04105"},
        {},
        {"planned": True},
        {},
    ]
    assert status_counts(open_db(), date(2026, 12, 3))["closed"] == 1


def test_the_named_year_is_read_from_the_title_and_is_not_a_new_version(db_path: Path) -> None:
    db = open_db()
    call = Call(
        source="x", source_id="1", title="Klimatrådgivning år 2021–2022", description="Stöd."
    )
    before = call.content_hash()
    complete(call)
    assert call.extra["named_year"] == 2022 and call.content_hash() == before
    today = date(2026, 12, 2)
    store_call(db, call, today=today)
    assert get_call(db, "x:1")["status"] == "closed"  # type: ignore[index]
    assert status_counts(db, today)["closed"] == 1
    call.title = "Klimatrådgivning"  # the source renames it: no year any more
    complete(call)
    assert "named_year" not in call.extra


def test_calls_stored_before_the_named_year_get_it_from_their_titles(db_path: Path) -> None:
    titles = ("Stöd hösten 2023", "Stöd till laddinfrastruktur")
    extras = _stored_before("0054_named_year", [{"title": t} for t in titles])
    assert extras == [{"named_year": 2023}, {}]
    assert status_counts(open_db(), date(2026, 12, 2))["closed"] == 1


_LIST = "https://www.energimyndigheten.se/utlysningar/"


def test_a_call_without_dates_that_its_sources_list_dates_as_no_longer_open_is_closed() -> None:
    """Cards of a list of calls written for the test, in the shape of Energimyndigheten's
    list (title, date, kind of support, summary): an open call says "Closes …" (its
    deadline); a bare date is the day a call no longer open is listed with."""
    card = "Heat pumps in homes 31 March 2022 Research support Apply for projects on heat pumps."
    assert listed_closed(_LIST + "heat-pumps/", card) == "2022-03-31"
    assert listed_closed(_LIST + "x/", "Heat pumps October 4, 2021 Research support") == (
        "2021-10-04"
    )
    assert listed_closed(_LIST + "x/", "Heat pumps Closes 02 June 2026 Business") is None
    assert listed_closed(_LIST + "x/", "Heat pumps Opens 2 June 2026 Research support") is None
    assert listed_closed(_LIST + "x/", "Heat pumps in cities 2030") is None  # no date
    assert listed_closed(_LIST + "x/", "Heat pumps 31 February 2022 Research") is None
    assert listed_closed(_LIST + "x/", None) is None
    # Another source's English title is a title, not a card of that list.
    assert listed_closed("https://www.vinnova.se/e/x/", card) is None
    assert listed_closed(None, card) is None
    today = date(2026, 3, 1)
    assert derive_status(None, [], today, None, listed_closed="2022-03-31") == "closed"
    assert derive_status(None, [], today, "Open", listed_closed="2026-02-06") == "closed"
    assert derive_status(None, [], today, None, listed_closed="2026-03-01") == "unknown"  # that day
    assert derive_status(None, [], today, None, listed_closed="2026-04-17") == "unknown"
    # Dates and "open until further notice" say more than the list.
    assert derive_status(None, ["2026-06-02"], today, None, listed_closed="2022-03-31") == "open"
    assert derive_status(None, [], today, None, rolling=True, listed_closed="2022-03-31") == "open"
    assert derive_status("2026-05-01", [], today, None, listed_closed="2022-03-31") == (
        "forthcoming"
    )
    assert window('{"listed_closed": "2022-03-31"}')["listed_closed"] == "2022-03-31"
    assert window({"listed_closed": "31 March 2022"})["listed_closed"] is None  # not ISO
    assert window(None)["listed_closed"] is None


_FORMAS = "https://formas.se/en/start-page/apply-for-funding/all-calls/calls/"


@pytest.mark.parametrize(
    ("card", "closed"),
    [
        ("Soil health Soils matter... Given decision: 2026-04-21 16:00", "2026-04-21"),
        ("Soil health Soils matter... Closed: Decision is made 2026-06-16 14:00.", "2026-06-16"),
        ("Soil health Soils matter... Current: 16 days left. Apply before: 2026-05-20 14:00", None),
        ("Soil health Soils matter... Future: Open for applying 2026-08-26 14:00", None),
        ("Soil health in 2026-2027", None),
    ],
)
def test_a_call_that_formas_list_shows_as_past_applying_closes_by_its_decision_day(
    card: str, closed: str | None
) -> None:
    """Cards written for the test in the shape of Formas's list: the phase, then its day."""
    assert listed_closed(_FORMAS + "2025-09-12-soil-health", card) == closed
    # Energimyndigheten's cards are read their own way; no other source's card is read.
    assert listed_closed("https://www.vinnova.se/e/x/", card) is None


def test_formas_calls_stored_before_their_phase_was_read_get_it(db_path: Path) -> None:
    card = "Soil health Soils matter... Given decision: 2026-04-21 16:00"
    extras = _stored_before(
        "0059_listed_closed_by_phase",
        [
            {
                "title": "Soil health",
                "url": _FORMAS + "2025-09-12-soil",
                "extra": json.dumps({"title_en": card}),
            },
            {
                "title": "Soil health",
                "url": "https://www.vinnova.se/e/x/",
                "extra": json.dumps({"title_en": card}),
            },
        ],
    )
    assert extras == [{"title_en": card, "listed_closed": "2026-04-21"}, {"title_en": card}]
    assert status_counts(open_db(), date(2026, 12, 3))["closed"] == 1


def test_the_listed_date_is_read_from_the_list_card_and_is_not_a_new_version(
    db_path: Path,
) -> None:
    db = open_db()
    call = Call(
        source="import",
        source_id="heat",
        title="Värmepumpar i bostäder",
        description="Stöd till projekt om värmepumpar.",
        url=_LIST + "varmepumpar/",
        extra={"title_en": "Heat pumps in homes 31 March 2022 Research support Projects."},
    )
    before = call.content_hash()
    complete(call)
    assert call.extra["listed_closed"] == "2022-03-31" and call.content_hash() == before
    today = date(2026, 3, 1)
    store_call(db, call, today=today)
    assert get_call(db, "import:heat")["status"] == "closed"  # type: ignore[index]
    assert status_counts(db, today)["closed"] == 1
    call.extra["title_en"] = "Heat pumps in homes Closes 2 June 2026 Research support Projects."
    complete(call)
    assert "listed_closed" not in call.extra


def test_calls_stored_before_the_listed_date_get_it_from_their_list_cards(db_path: Path) -> None:
    cards = {
        _LIST + "a/": "Heat pumps 15 December 2023 Other Producers may apply.",
        _LIST + "b/": "Heat pumps Closes 2 June 2026 Other Producers may apply.",
        "https://www.vinnova.se/e/c/": "Heat pumps 15 December 2023 Other",
    }
    extras = _stored_before(
        "0055_listed_closed",
        [
            {"title": "Värmepumpar", "url": url, "extra": json.dumps({"title_en": card})}
            for url, card in cards.items()
        ],
    )
    assert [e.get("listed_closed") for e in extras] == ["2023-12-15", None, None]
    assert extras[0]["title_en"] == cards[_LIST + "a/"]  # the rest of extra is kept
    assert status_counts(open_db(), date(2026, 3, 1))["closed"] == 1


def _real_call(corpus_lines: list[str], call_id: str) -> Call:
    record = next(json.loads(line) for line in corpus_lines if f'"id": "{call_id}"' in line)
    return call_from_record(record, "import")


def test_an_imported_topic_titled_by_its_code_takes_its_call_title(
    corpus_lines: list[str],
) -> None:
    """The corpus format's ``call_title`` gives such a topic the title the Funding & Tenders
    spider gives it; the id and every other title stay as the file has them."""
    topic = _real_call(corpus_lines, "AGRIP-SIMPLE-2026-IM-EU-QS")
    assert topic.title.startswith("Call for proposals for simple programmes 2026 – Promotion")
    assert topic.title.endswith(" – AGRIP-SIMPLE-2026-IM-EU-QS")
    assert topic.source_id == "AGRIP-SIMPLE-2026-IM-EU-QS"
    assert (
        _real_call(corpus_lines, "ERC-2026-ADG").title
        == "Call for Proposals for ERC Advanced Grant"
    )
    titled = next(
        json.loads(line)
        for line in corpus_lines
        if '"call_title": "' in line
        and json.loads(line)["title"] != json.loads(line)["title"].upper()
    )
    assert call_from_record(titled, "import").title == titled["title"].strip()
    odd = {"id": "X-1", "title": "X-CODE-1", "call_title": 7}  # not text: kept, not used
    imported = call_from_record(odd, "import")
    assert imported.title == "X-CODE-1" and imported.extra["call_title"] == 7


def test_an_empty_field_written_as_null_into_the_text_is_left_out(
    corpus_lines: list[str],
) -> None:
    """Some topics of the corpus hold the word "null" between two sentences, where the file's
    producer wrote an empty field ("… is encouraged. null Activities are expected …"); an
    import leaves it out, and a "null" that is a word of a sentence stays."""
    with_null = [line for line in corpus_lines if ". null Activities" in line]
    assert len(with_null) > 100
    for line in with_null:
        record = json.loads(line)
        imported = call_from_record(record, "import")
        assert ". null " not in imported.description
        assert imported.description == record["description"].replace(". null ", ". ")
    written = {"id": "X-2", "title": "Statistics", "description": "We test the null hypothesis."}
    assert call_from_record(written, "import").description == "We test the null hypothesis."


def test_a_call_stored_with_its_null_fields_is_read_anew_not_changed(
    db_path: Path, corpus_lines: list[str]
) -> None:
    """A database that imported a topic before its "null" fields were left out: the next
    import stores the text without them as the same words read anew, not as a changed text."""
    db = open_db()
    today = date(2026, 12, 1)
    line = next(line for line in corpus_lines if ". null Activities" in line)
    now = complete(call_from_record(json.loads(line), "import"))
    before = copy.deepcopy(now)
    before.description = json.loads(line)["description"]
    assert ". null Activities" in before.description and before.description != now.description
    run = start_run(db, "import")
    assert store_call(db, before, today=today, crawl_run_id=run).outcome == "new"
    run = start_run(db, "import")
    result = store_call(db, now, today=today, crawl_run_id=run)
    assert (result.outcome, [c.kind for c in result.changes]) == ("reread", ["reread"])
    stored = get_call(db, now.key)
    assert stored is not None and ". null " not in stored["description"]
    assert run_counts(db, run, "import", "2000-01-01")[:2] == (0, 0)


def test_versions_and_typed_changes(db_path: Path, corpus_lines: list[str]) -> None:
    db = open_db()
    call = _real_call(corpus_lines, "HORIZON-CL3-2026-01-BM-01")
    opening = date.fromisoformat(call.opening_date or "2026-01-01")
    before = date.fromordinal(opening.toordinal() - 1)
    assert store_call(db, call, today=before).outcome == "new"
    assert store_call(db, call, today=before).outcome == "unchanged"
    # Time passes: the call opens without changing content.
    kinds = [c.kind for c in store_call(db, call, today=opening).changes]
    assert kinds == ["opened"]
    # The source moves the deadline: a new version and a typed change.
    call.deadlines = [*call.deadlines[:-1], "2027-12-31"]
    result = store_call(db, call, today=opening)
    assert result.outcome == "changed"
    assert [c.kind for c in result.changes] == ["deadline_changed"]
    versions = db.execute(
        "select count(*) from call_versions where call_id = ?", [call.key]
    ).fetchone()[0]
    assert versions == 2
    assert get_call(db, "HORIZON-CL3-2026-01-BM-01")["deadline"] == "2027-12-31"  # type: ignore[index]


def test_read_only_database_is_a_clear_error(db_path: Path) -> None:
    """An immutable file stands in for a read-only disk (root ignores permission bits)."""
    import shutil
    import subprocess

    open_db().close()
    if (
        not shutil.which("chattr")
        or subprocess.run(["chattr", "+i", str(db_path)], capture_output=True).returncode
    ):
        pytest.skip("chattr +i is not available here")
    try:
        with pytest.raises(DatabaseError, match="är skrivskyddad"):
            open_db()
    finally:
        subprocess.run(["chattr", "-i", str(db_path)], check=True)


def test_a_database_deleted_between_two_opens_is_reported_as_gone(tmp_path: Path) -> None:
    # A second open of a deleted database creates a new, empty file at the same path; the
    # command must still learn that the file it worked on is gone.
    from db.connection import forget_opened, vanished_databases

    forget_opened()
    path = tmp_path / "eufunds.db"
    open_db(path).conn.close()
    assert vanished_databases() == []
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    open_db(path).conn.close()  # a fresh file now
    assert vanished_databases() == [path.absolute()]
    forget_opened()  # a new command starts afresh with the file that is there
    open_db(path).conn.close()
    assert vanished_databases() == []


def test_a_database_deleted_while_it_is_being_opened_is_reported_as_gone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The file is deleted after SQLite opened it and before the set-up (WAL, migrations) is
    # done: what the command then fails with is a disk I/O error, or nothing at all; either
    # way the command must learn that its database is gone.
    from db import connection

    connection.forget_opened()
    path = tmp_path / "eufunds.db"
    migrate = connection._migrate

    def deleted_first(db: Any, db_path: Path) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        migrate(db, db_path)

    monkeypatch.setattr(connection, "_migrate", deleted_first)
    with contextlib.suppress(DatabaseError):
        open_db(path).conn.close()
    assert connection.vanished_databases() == [path.absolute()]
    connection.forget_opened()


def test_a_new_database_is_switched_to_wal_by_one_process_at_a_time(tmp_path: Path) -> None:
    # Two first opens of a new file that both switch it to WAL can deadlock, and SQLite then
    # fails one of them at once ("database is locked") instead of letting it wait: seen as
    # one of three imports started together failing. The switch waits for the set-up lock
    # another process holds, and then finds the file switched or switches it itself.
    import fcntl
    import subprocess
    import sys
    import time

    from tests.conftest import REPO

    path = tmp_path / "eufunds.db"
    opener = f"from db import open_db; print(open_db({str(path)!r}).journal_mode)"
    with Path(f"{path}.migrate.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as another process setting the file up holds it
        child = subprocess.Popen(
            [sys.executable, "-c", opener], cwd=REPO, stdout=subprocess.PIPE, text=True
        )
        waited = 0.0
        while not path.exists() and waited < 60:  # the child has opened the new file
            time.sleep(0.05)
            waited += 0.05
        time.sleep(1.0)
        assert child.poll() is None  # it waits for the set-up lock ...
        assert not Path(f"{path}-wal").exists()  # ... before it switches the file to WAL
        fcntl.flock(lock, fcntl.LOCK_UN)
        out, _ = child.communicate(timeout=60)
    assert child.returncode == 0
    assert out.strip() == "wal"


def test_the_same_words_read_anew_are_no_change_of_the_call(
    db_path: Path, corpus_lines: list[str], tmp_path: Path
) -> None:
    # A release that reads who may apply where the one before read nothing ("kan få bidrag"
    # was no who-may-apply cue) stores the call again from the same words: a new version, so
    # that matching and the checks use the new reading, but the history says it was read
    # anew, not that the text changed, and a crawl or import does not count it as changed.
    db = open_db()
    today = date(2026, 12, 1)
    read_now = complete(_real_call(corpus_lines, "LANSSTYRELSEN-OSTERGOTLAND-REGIONAL-TILLVAXT"))
    assert "municipality" in read_now.applicant_types
    read_before = copy.deepcopy(read_now)
    read_before.applicant_types = []
    for key in ("applicants_only", "applicants_excluded"):
        read_before.extra.pop(key, None)
    run = start_run(db, "import")
    assert store_call(db, read_before, today=today, crawl_run_id=run).outcome == "new"
    run = start_run(db, "import")
    result = store_call(db, read_now, today=today, crawl_run_id=run)
    assert result.outcome == "reread"
    assert [c.kind for c in result.changes] == ["reread"]
    stored = get_call(db, read_now.key)
    assert stored is not None and "municipality" in json.loads(stored["applicant_types"])
    assert db["call_versions"].count_where("call_id = ?", [read_now.key]) == 2
    assert run_counts(db, run, "import", "2000-01-01")[:2] == (0, 0)
    # The source's own status word is its words, not a reading (the status stays unknown).
    worded = copy.deepcopy(read_now)
    worded.status_hint = "Pågående"
    assert not read_anew(read_now, worded)
    # Other content than what is read from the words is a change of the call.
    edited = copy.deepcopy(read_now)
    edited.budget = (edited.budget or 0) + 1000
    run = start_run(db, "import")
    result = store_call(db, edited, today=today, crawl_run_id=run)
    assert (result.outcome, [c.kind for c in result.changes]) == ("changed", ["text_changed"])
    assert run_counts(db, run, "import", "2000-01-01")[:2] == (0, 1)


def test_a_who_may_apply_section_read_later_makes_no_new_version(
    db_path: Path, corpus_lines: list[str]
) -> None:
    # A call stored before the section was kept is stored again with it after an upgrade:
    # the same content, so no new version and no "text_changed" in a digest.
    db = open_db()
    call = _real_call(corpus_lines, "VINNOVA-2024-00313")
    today = date(2026, 12, 1)
    assert store_call(db, call, today=today).outcome == "new"
    call.extra["applicants_section"] = "Koordinatorn ska vara en organisation inom vård."
    result = store_call(db, call, today=today)
    assert result.outcome == "unchanged" and result.changes == []
    # The section still reaches the stored row the checks read.
    stored = get_call(db, "VINNOVA-2024-00313")
    assert stored is not None and "applicants_section" in json.loads(stored["extra"])
