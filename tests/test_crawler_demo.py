"""The generated demo recordings: every source written, every file marked as invented,
stable bytes, statuses that hold on any anchor date, and an edition 2 that changes things."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from crawler.demo import STATE_FILE, WRITERS, read_state, recordings_for_database
from crawler.demo import write_recordings as write
from crawler.demo.__main__ import main
from crawler.demo.catalogue import CATALOGUE, KINDS, calls_for
from crawler.runner import SOURCES, SourceResult
from tests.crawler_support import (
    ANCHOR,
    EXPECTED,
    EXPECTED_2,
    TODAY,
    crawl_faulty,
    iter_recordings,
    recordings,
    replayed_db,
    rows,
)

__all__ = ["recordings", "replayed_db"]

# Dates far apart (and a leap day): the set must look the same relative to each of them.
OTHER_ANCHORS = ("2027-02-28", "2031-11-30")


def _listing(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in iter_recordings(folder)}


def test_the_generator_writes_every_source(tmp_path: Path) -> None:
    root = write(tmp_path / "demo", ANCHOR, 1)
    assert sorted(p.name for p in root.iterdir()) == sorted(SOURCES) == sorted(WRITERS)
    assert (root / "feeds" / "feeds.yaml").is_file()
    assert (root / "vinnova/api/ansokningsomgangar/_default.json").is_file()
    assert (root / "tillvaxtverket/tillvaxtverket/sokfinansiering/utlysningar.1139.html").is_file()
    assert (root / "interreg/1/indexes/*/queries.json").is_file()
    assert (root / "interreg_bsr/feed/index.xml").is_file()
    assert (root / "esf/utlysningar/index.html").is_file()
    details = root / "sedia/info/funding-tenders/opportunities/data/topicDetails"
    topics = [c for c in calls_for("sedia", 1) if c.kind == "call"]
    assert sorted(p.name for p in details.iterdir()) == sorted(
        c.ident("sedia", ANCHOR).lower() + ".json" for c in topics
    )
    for source in SOURCES:
        assert any(iter_recordings(root / source)), source


def test_every_file_says_it_is_invented(tmp_path: Path) -> None:
    for edition in (1, 2):
        root = write(tmp_path / f"edition-{edition}", ANCHOR, edition)
        for path in iter_recordings(root):
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".json":
                data = json.loads(text)
                marked = data if isinstance(data, list) else [data]
                assert all("Invented demo data" in item["_demo"] for item in marked), path
            else:
                head = text.split("\n", 2)[:2]
                assert any("Invented demo data" in line for line in head), path


def test_the_same_edition_and_anchor_give_the_same_bytes(tmp_path: Path) -> None:
    # Stable bytes: stable ETags, and no versions or changes when nothing changed.
    first = _listing(write(tmp_path / "a", ANCHOR, 2))
    again = write(tmp_path / "a", ANCHOR, 1)  # over an edition 2: nothing of it lingers
    assert _listing(again) == _listing(write(tmp_path / "b", ANCHOR, 1))
    assert _listing(write(tmp_path / "a", ANCHOR, 2)) == first


def test_edition_2_changes_every_source_and_adds_calls(tmp_path: Path) -> None:
    one = _listing(write(tmp_path / "one", ANCHOR, 1))
    two = _listing(write(tmp_path / "two", ANCHOR, 2))
    changed = {
        name.split("/", 1)[0] for name in set(one) | set(two) if one.get(name) != two.get(name)
    }
    assert changed == set(SOURCES)
    assert {s: len(calls_for(s, 2)) - len(calls_for(s, 1)) for s in SOURCES} == {
        s: EXPECTED_2[s] - EXPECTED[s] for s in SOURCES
    }


def test_the_catalogue_has_every_kind_and_both_languages() -> None:
    assert {c.kind for c in CATALOGUE} == set(KINDS)
    assert any(c.sv for c in CATALOGUE) and any(c.en for c in CATALOGUE)
    assert [c.key for c in CATALOGUE if len(c.sources) > 1] == ["interreg-bsr-core"]


def test_the_sedia_size_argument_adds_plausible_topics(tmp_path: Path) -> None:
    root = write(tmp_path / "big", ANCHOR, 1, sedia_topics=250)
    pages = sorted((root / "sedia/search-api/prod/rest/search").glob("*.json"))
    rows_ = [r for p in pages for r in json.loads(p.read_bytes())["results"]]
    assert len(pages) == 3 and len(rows_) == 12 + 250  # 100 rows a page, as the API gives
    identifiers = [r["metadata"]["identifier"][0] for r in rows_]
    assert len(set(identifiers)) == 11 + 250  # one legacy duplicate
    details = root / "sedia/info/funding-tenders/opportunities/data/topicDetails"
    assert len(list(details.iterdir())) == 9 + 250


def test_a_replay_database_gets_edition_1_then_edition_2_with_its_anchor(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    folder = recordings_for_database(db, ANCHOR)
    assert folder == tmp_path / "demo-recordings"
    state = read_state(folder)
    assert state is not None and (state["anchor"], state["edition"]) == (TODAY, 1)
    db.write_bytes(b"")  # the crawl created the database
    recordings_for_database(db, ANCHOR + timedelta(days=9))  # a week and more later
    state = read_state(folder)
    assert state is not None and (state["anchor"], state["edition"]) == (TODAY, 2)
    assert (folder / STATE_FILE).is_file()
    db.unlink()  # a fresh database starts over at edition 1, anchored at its own day
    recordings_for_database(db, date(2027, 1, 4))
    state = read_state(folder)
    assert state is not None and (state["anchor"], state["edition"]) == ("2027-01-04", 1)


def test_the_command_writes_a_set(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "set"), "--edition", "2", "--anchor", TODAY]) == 0
    out = capsys.readouterr().out
    assert f"wrote edition 2 anchored at {TODAY}" in out and "  sedia: 12 items" in out
    assert (tmp_path / "set/sedia").is_dir()


def _statuses(db: Path, anchor: date) -> dict[str, int]:
    """Stored statuses, plus the open calls whose deadline is at most 14 days away."""
    found: dict[str, int] = {}
    for status, deadline in rows(db, "select status, deadline from calls"):
        found[status] = found.get(status, 0) + 1
        if (
            status == "open"
            and deadline
            and date.fromisoformat(deadline) - anchor <= timedelta(days=14)
        ):
            found["closing_soon"] = found.get("closing_soon", 0) + 1
    return found


@pytest.mark.parametrize("anchor", [TODAY, *OTHER_ANCHORS])
def test_statuses_on_any_anchor_date_include_every_state(
    anchor: str, tmp_path: Path, replayed_db: tuple[Path, list[SourceResult]]
) -> None:
    day = date.fromisoformat(anchor)
    if anchor == TODAY:
        db, results = replayed_db[0], replayed_db[1]
        by_source = {r.source: r for r in results}
    else:
        root = write(tmp_path / "demo", day, 1)
        db = tmp_path / "demo.db"
        by_source, _ = crawl_faulty(
            db, list(SOURCES), root=root, env={"EUFUNDS_TODAY": anchor}, timeout=120
        )
    assert all(r.ok for r in by_source.values()), {s: r.error_text for s, r in by_source.items()}
    assert {s: r.items for s, r in by_source.items()} == EXPECTED
    found = _statuses(db, day)
    for state in ("open", "forthcoming", "closed", "closing_soon"):
        assert found.get(state, 0) >= 2, (anchor, found)
