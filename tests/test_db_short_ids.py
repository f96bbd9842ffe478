"""Short ids: six characters safe to paste, derived from the key, kept once given, unique,
and taken everywhere an id is taken (with the key and the imported id)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from db import open_db
from db.calls import SHORT_ALPHABET, get_call, short_id_candidates, shown_id, store_call
from db.records import Call

TODAY = date(2026, 3, 1)
FEED = Call(
    source="feeds",
    source_id="European Urban Initiative:https://www.urban-initiative.eu/calls?x=1&y=2",
    title="Innovative Actions",
)


def test_a_short_id_is_six_safe_characters_and_the_same_in_every_database(
    tmp_path: Path,
) -> None:
    ids = []
    for name in ("a.db", "b.db"):
        db = open_db(tmp_path / name)
        store_call(db, FEED, today=TODAY)
        ids.append(shown_id(get_call(db, FEED.key) or {}))
    assert ids[0] == ids[1] and len(ids[0]) == 6
    assert set(ids[0]) <= set(SHORT_ALPHABET)  # no space, colon, slash, 0/o or 1/l/i


def test_every_form_of_an_id_finds_the_call(db_path: Path) -> None:
    db = open_db()
    store_call(db, FEED, today=TODAY)
    short = shown_id(get_call(db, FEED.key) or {})
    for ident in (short, short.upper(), f" {short} ", FEED.key, FEED.source_id):
        assert (get_call(db, ident) or {}).get("id") == FEED.key, ident


def test_a_clash_takes_one_more_character_and_nothing_changes_later(db_path: Path) -> None:
    db = open_db()
    other = Call(source="import", source_id="ANNAN-1", title="Annan")
    taken = next(short_id_candidates(FEED.key))
    store_call(db, other, today=TODAY)
    db.execute("update calls set short_id = ? where id = ?", [taken, other.key])  # a clash
    store_call(db, FEED, today=TODAY)
    longer = shown_id(get_call(db, FEED.key) or {})
    assert longer == list(short_id_candidates(FEED.key))[1] and longer.startswith(taken)
    changed = Call(source=FEED.source, source_id=FEED.source_id, title="Innovative Actions 2")
    store_call(db, changed, today=TODAY)  # a new version keeps its short id
    assert shown_id(get_call(db, FEED.key) or {}) == longer
