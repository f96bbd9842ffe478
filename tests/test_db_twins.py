"""One call, many sources: twins are linked on a real database, never by a rule that names a
call, and linking is stable, reversible and leaves versions alone."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from db import open_db
from db.calls import store_call
from db.jsonl import call_from_record
from db.records import Call
from db.text import holds_sentence
from db.twins import link_twins, text_key, title_key, twin_ids, url_key
from notifier.digest import SAME_SOURCE, _also_at
from tests.crawler_support import copy_db, replayed_db
from tests.shared_data import shared_path

__all__ = ["replayed_db"]  # the session's replay crawl, shared with the crawler tests

TODAY = date(2026, 6, 1)


def _store(db, *calls: Call) -> None:
    with db.atomic():
        for call in calls:
            store_call(db, call, today=TODAY)


def _call(source: str, ident: str, title: str, **kw) -> Call:
    return Call(source=source, source_id=ident, title=title, **kw)


def test_link_and_title_keys_ignore_what_does_not_make_a_page_or_title() -> None:
    assert url_key("https://www.example.org/calls/x/#apply") == "example.org/calls/x"
    assert url_key("http://example.org/calls/x") == "example.org/calls/x"
    assert url_key("https://example.org/s?id=4") != url_key("https://example.org/s?id=5")
    assert url_key(None) is None and url_key("not a link") is None
    assert title_key("Third call – Core projects!") == title_key("third call core projects")
    assert title_key("Call 1") is None  # too short to identify a call


def test_same_page_or_same_title_and_deadline_make_one_call(tmp_path: Path) -> None:
    db = open_db(tmp_path / "t.db")
    _store(
        db,
        _call(
            "interreg",
            "bsr-4",
            "Fourth call for core projects",
            url="https://www.bsr.example/c4/",
            deadlines=["2026-09-30"],
        ),
        _call(
            "interreg_bsr",
            "p1",
            "Fourth call for core projects opens",
            url="https://bsr.example/c4",
            deadlines=["2026-10-02"],
        ),
        _call(
            "feeds",
            "f1",
            "Green schools exchange programme 2026",
            url="https://a.example/1",
            deadlines=["2026-08-01"],
        ),
        _call("esf", "e1", "Green schools exchange programme 2026", url="https://b.example/2"),
        # Same words, another deadline: another round of the same programme, not a twin.
        _call(
            "vinnova",
            "v1",
            "Green schools exchange programme 2026",
            url="https://c.example",
            deadlines=["2027-08-01"],
        ),
        _call(
            "tillvaxtverket",
            "t1",
            "Smart energy in small towns",
            url="https://d.example/t1",
            deadlines=["2026-07-01"],
        ),
        _call("feeds", "f3", "Smart energy in small towns", url="https://e.example/f3"),
        # The Interreg call once more, from a feed: the same link as interreg_bsr:p1.
        _call("feeds", "f2", "Fourth call for core projects", url="https://bsr.example/c4"),
    )
    assert link_twins(db) == 3
    twins = dict(db.execute("select id, twin_of from calls where twin_of is not null").fetchall())
    assert twins["interreg_bsr:p1"] == "interreg:bsr-4"  # structured source is primary
    assert twins["feeds:f2"] == "interreg:bsr-4"
    assert twins["feeds:f3"] == "tillvaxtverket:t1"  # one has no deadline, nothing disagrees
    # Two rounds with the same title: the dated ones differ, the dateless one cannot be told.
    assert not {"feeds:f1", "esf:e1", "vinnova:v1"} & set(twins)
    extra = json.loads(db["calls"].get("interreg:bsr-4")["extra"])
    # Every source link stays, with the deadline each source gives (they may disagree).
    assert extra["also_at"] == [
        {
            "source": "interreg_bsr",
            "id": "interreg_bsr:p1",
            "url": "https://bsr.example/c4",
            "deadline": "2026-10-02",
        },
        {"source": "feeds", "id": "feeds:f2", "url": "https://bsr.example/c4", "deadline": None},
    ]
    assert twin_ids(db) == set(twins)


def test_linking_is_idempotent_reversible_and_makes_no_versions(tmp_path: Path) -> None:
    db = open_db(tmp_path / "t.db")
    first = _call(
        "sedia",
        "T-1",
        "Urban greening pilots for cities",
        url="https://x.example/t1",
        deadlines=["2026-09-01"],
    )
    second = _call("feeds", "n1", "Urban greening pilots for cities", url="https://y.example/n1")
    _store(db, first, second)
    link_twins(db)
    versions = db.execute("select count(*) from call_versions").fetchone()[0]
    changes = db.execute("select count(*) from changes").fetchone()[0]
    assert link_twins(db) == 1
    # Storing the primary again unchanged, or with a new text, keeps its links.
    _store(db, first)
    changed = _call(
        "sedia",
        "T-1",
        "Urban greening pilots for cities",
        url="https://x.example/t1",
        deadlines=["2026-09-01"],
        description="Now with a budget.",
    )
    _store(db, changed)
    assert json.loads(db["calls"].get("sedia:T-1")["extra"])["also_at"][0]["id"] == "feeds:n1"
    assert db.execute("select count(*) from call_versions").fetchone()[0] == versions + 1
    assert db.execute("select count(*) from changes").fetchone()[0] == changes + 1  # the text
    # The feed renames its item: no longer the same call, the marks go.
    _store(
        db,
        _call("feeds", "n1", "Urban greening: results of the pilots", url="https://y.example/n1"),
    )
    assert link_twins(db) == 0
    assert "also_at" not in json.loads(db["calls"].get("sedia:T-1")["extra"])
    assert db["calls"].get("feeds:n1")["twin_of"] is None


def test_the_demo_call_seen_from_two_sources_becomes_one(
    replayed_db: tuple[Path, list], tmp_path: Path
) -> None:
    """The generated recordings carry one Baltic Sea Region call in interreg.eu's search and
    in the programme's own feed; after a real crawl of both, linking makes it one call."""
    db = open_db(copy_db(replayed_db[0], tmp_path / "replay.db"))
    link_twins(db)
    pairs = db.execute(
        "select t.source, p.source from calls t join calls p on p.id = t.twin_of"
    ).fetchall()
    # The programme's own feed describes the call; interreg.eu gives only its fields.
    assert ("interreg", "interreg_bsr") in pairs
    primary = next(
        row
        for row in db["calls"].rows_where("source = 'interreg_bsr'")
        if json.loads(row["extra"]).get("also_at")
    )
    links = json.loads(primary["extra"])["also_at"]
    assert [link["source"] for link in links] == ["interreg"]
    assert links[0]["url"].startswith("http")


def test_one_page_of_a_source_under_two_links_is_one_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (
        "Stöd till anläggningar som rötar matavfall och gödsel till biogas för fordonsgas "
        "och värme, med krav på att gasen används inom landet."
    )
    db = open_db(tmp_path / "t.db")
    _store(
        db,
        _call(
            "import",
            "page-b",
            "Stöd till rötning av matavfall",
            url="https://x.example/r2",
            description=text,
        ),
        _call(
            "import",
            "page-a",
            "Stöd till rötning av matavfall",
            url="https://x.example/r",
            description=text,
        ),
        # A copy that lost its closing full stop is the same page.
        _call(
            "import",
            "page-c",
            "Stöd till rötning av matavfall",
            url="https://x.example/r5",
            description=text.removesuffix("."),
        ),
        # The same words with a date: another round, not the same page.
        _call(
            "import",
            "round-2027",
            "Stöd till rötning av matavfall",
            url="https://x.example/r3",
            description=text,
            deadlines=["2027-03-01"],
        ),
        # The same title with another text: another call.
        _call(
            "import",
            "other-text",
            "Stöd till rötning av matavfall",
            url="https://x.example/r4",
            description=text.replace("landet", "regionen"),
        ),
        # A text too short to tell calls apart.
        _call(
            "import",
            "short-1",
            "Stöd till lokala energiprojekt",
            url="https://x.example/s1",
            description="Läs mer på sidan.",
        ),
        _call(
            "import",
            "short-2",
            "Stöd till lokala energiprojekt",
            url="https://x.example/s2",
            description="Läs mer på sidan.",
        ),
    )
    assert link_twins(db) == 2
    assert twin_ids(db) == {"import:page-b", "import:page-c"}
    primary = db["calls"].get("import:page-a")
    assert json.loads(primary["extra"])["also_at"] == [
        {
            "source": "import",
            "id": f"import:page-{x}",
            "url": f"https://x.example/{url}",
            "deadline": None,
        }
        for x, url in (("b", "r2"), ("c", "r5"))
    ]
    # The digest names the other links as the same source's other pages.
    assert _also_at(primary) == [
        (SAME_SOURCE, "https://x.example/r2"),
        (SAME_SOURCE, "https://x.example/r5"),
    ]
    monkeypatch.setenv("EUFUNDS_DB", str(tmp_path / "t.db"))
    shown = CliRunner().invoke(cli, ["show", "import:page-b"])
    assert shown.exit_code == 0, shown.output
    assert "samma som:     import:page-a (samma text och datum under en annan länk hos samma" in (
        shown.output
    )


def test_same_pages_of_one_source_in_the_corpus_are_linked_and_rounds_are_not(
    tmp_path: Path,
) -> None:
    """Every group of corpus records of one programme with the same title: linked exactly
    when the text and the dates are the same."""
    records = [
        json.loads(line)
        for line in shared_path("calls", "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    groups: dict[str, list[dict]] = {}
    for record in records:
        if (key := title_key(record["title"])) is not None:
            groups.setdefault(key, []).append(record)
    chosen = [r for g in groups.values() if len(g) > 1 for r in g]
    db = open_db(tmp_path / "corpus.db")
    _store(db, *(call_from_record(r, "import") for r in chosen))
    link_twins(db)
    linked = twin_ids(db)
    rows = {row["id"]: row for row in db["calls"].rows}
    same = 0
    for group in groups.values():
        ids = [f"import:{r['id']}" for r in group]
        for a, b in ((a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]):
            ra, rb = rows[a], rows[b]
            one = (
                text_key(ra["description"]) is not None
                and text_key(ra["description"]) == text_key(rb["description"])
                and (ra["deadline"], ra["opening_date"]) == (rb["deadline"], rb["opening_date"])
            )
            same += one
            twinned = {ra["twin_of"], rb["twin_of"]} & {a, b} or (
                ra["twin_of"] is not None and ra["twin_of"] == rb["twin_of"]
            )
            assert bool(twinned) == one, (a, b)
    assert same >= 4  # the corpus holds pages published twice, and rounds that are not
    assert linked


def test_a_record_that_describes_the_call_is_primary_over_one_of_fields(tmp_path: Path) -> None:
    """interreg.eu's hits give no description, only fields; the programme's own feed does.
    The described record is the one the matcher reads and the digest quotes; while both or
    neither describe the call, the structured source stays primary."""
    fields = "Themes: Greener Europe\nWho may apply: Local public authority"
    text = "The programme invites partnerships to apply for core projects on water."
    assert not holds_sentence(fields) and holds_sentence(text) and not holds_sentence("")
    db = open_db(tmp_path / "t.db")
    _store(
        db,
        _call(
            "interreg",
            "c5",
            "Fifth call for core projects",
            url="https://bsr.example/c5",
            description=fields,
        ),
        _call("interreg_bsr", "p5", "Fifth call", url="https://bsr.example/c5/", description=text),
        _call(
            "interreg",
            "c6",
            "Sixth call for core projects",
            url="https://bsr.example/c6",
            description=fields + "\nThe call funds projects on energy planning.",
        ),
        _call("interreg_bsr", "p6", "Sixth call", url="https://bsr.example/c6", description=text),
    )
    assert link_twins(db) == 2
    twins = dict(db.execute("select id, twin_of from calls where twin_of is not null").fetchall())
    assert twins == {"interreg:c5": "interreg_bsr:p5", "interreg_bsr:p6": "interreg:c6"}
