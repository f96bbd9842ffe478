"""A department answers its digest by number ("2 är intressant"); the coordinator marks it so.

The digest without answer links asks the department to reply with the numbers it gives the
calls it asks about (the new ones, then those to watch and those closing soon);
``eufunds mark NR --department D`` finds the call that number stood for in the
department's latest digest (``--week`` for an older one) and says which call it marked.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from db import open_db
from db.marks import current_marks
from notifier.build import build_digests
from notifier.weeks import previous_week
from tests.notifier_world import (
    DISTRICT_HEATING,
    ENERGY_PREMISES,
    NO_DATES,
    NOW,
    PRIORITIES,
    ROLLING,
    ROOFTOP_SOLAR,
    TODAY,
    WEEK,
    add_match,
    fixture_calls,
    priorities,
    store,
)


@pytest.fixture
def built(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Two weeks of digests for miljo: three new calls last week, one this week."""
    monkeypatch.setenv("EUFUNDS_PRIORITIES", str(PRIORITIES))
    calls = fixture_calls([ENERGY_PREMISES, ROOFTOP_SOLAR, ROLLING, DISTRICT_HEATING])
    db = open_db(db_path)
    store(db, list(calls.values()))
    for ident, score in ((ENERGY_PREMISES, 0.9), (ROOFTOP_SOLAR, 0.8), (ROLLING, 0.7)):
        add_match(db, calls[ident], score=score)
    last = previous_week(WEEK)
    build_digests(db, priorities(), week=last, today=TODAY, now=NOW, sender="a@b.se")
    add_match(db, calls[DISTRICT_HEATING], score=0.6)  # new this week
    build_digests(db, priorities(), week=WEEK, today=TODAY, now=NOW, sender="a@b.se")
    return {"last": last, **{ident: calls[ident].key for ident in calls}}


def _mark(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["mark", *args])
    return result.exit_code, result.output


def test_a_number_marks_the_call_it_stood_for_in_the_departments_digest(
    built: dict[str, str], db_path: Path
) -> None:
    # This week's digest has one new call: nr 1.
    code, out = _mark("1", "--department", "miljo", "--as", "intressant")
    assert code == 0, out
    assert f"nr 1 i veckobrevet {WEEK}: " in out
    # Last week's nr 2 ("nr 2" is read too), for that department only.
    code, out = _mark("nr 2", "--department", "miljo", "--week", built["last"], "--as", "nej")
    assert code != 0  # "nej" is no mark: nothing is stored
    code, out = _mark(
        "nr 2", "--department", "miljo", "--week", built["last"], "--as", "inte-relevant"
    )
    assert code == 0, out
    assert "Solel och energilager på stora tak" in out
    marks = current_marks(open_db(db_path), "miljo")
    assert {k: m.mark for k, m in marks.items()} == {
        built[DISTRICT_HEATING]: "interested",
        built[ROOFTOP_SOLAR]: "not-relevant",
    }
    assert all(m.department == "miljo" for m in marks.values())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["4", "--department", "miljo"], "har nr 1–2, inte nr 4"),
        (["2"], "ange förvaltningen med --department"),
        (["1", "--department", "miljo", "--week", "2026-W01"], "inget veckobrev för vecka"),
        (["1", "--department", "kommunledning"], "okänd förvaltning"),
    ],
)
def test_a_number_that_stands_for_no_call_is_a_usage_error(
    built: dict[str, str], db_path: Path, args: list[str], message: str
) -> None:
    code, out = _mark(*args, "--as", "intressant")
    assert code == 2 and message in " ".join(out.split()), out
    assert not current_marks(open_db(db_path), None)  # nothing was marked


def test_week_goes_with_a_number_only_and_ids_still_work(
    built: dict[str, str], db_path: Path
) -> None:
    code, out = _mark(built[ROLLING], "--week", WEEK, "--as", "intressant")
    assert code == 2 and "--week gäller bara ett nummer" in out
    code, out = _mark(built[ROLLING], "--department", "miljo", "--as", "intressant", "--json")
    assert code == 0 and json.loads(out)["call_id"] == built[ROLLING]


def test_every_call_the_digest_asks_about_has_a_number_the_department_can_answer_with(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three new calls (the fourth is left out and closes in 9 days) and one without dates:
    the digest asks about five and numbers all five, and "4" and "5" mark the call to watch
    and the one closing soon; a digest stored before the numbers went past the new calls
    still answers to the numbers of its new calls only."""
    monkeypatch.setenv("EUFUNDS_PRIORITIES", str(PRIORITIES))
    calls = fixture_calls([ENERGY_PREMISES, ROOFTOP_SOLAR, ROLLING, DISTRICT_HEATING, NO_DATES])
    db = open_db(db_path)
    store(db, list(calls.values()))
    for ident, score in (
        (ENERGY_PREMISES, 0.9),
        (ROOFTOP_SOLAR, 0.8),
        (ROLLING, 0.7),
        (DISTRICT_HEATING, 0.45),
        (NO_DATES, 0.6),
    ):
        add_match(db, calls[ident], score=score)
    build_digests(db, priorities(), week=WEEK, today=TODAY, now=NOW, sender="a@b.se")
    text = db.execute("select text from digests where department = 'miljo'").fetchone()[0]
    assert "5 väntar på ert svar" in text
    for number, ident in ((4, NO_DATES), (5, DISTRICT_HEATING)):
        assert f"\n{number}. {calls[ident].title}\n" in text, text
        code, out = _mark(str(number), "--department", "miljo", "--as", "intressant", "--json")
        assert code == 0, out
        assert json.loads(out)["call_id"] == calls[ident].key
    assert "6." not in text.split("NYA UTLYSNINGAR")[1]

    db.execute("delete from digest_items where section = 'numbered'")
    db.conn.commit()
    code, out = _mark("4", "--department", "miljo", "--as", "intressant")
    assert code == 2 and "har nr 1–3, inte nr 4" in " ".join(out.split()), out


def test_several_numbers_get_one_mark_each_and_a_wrong_one_marks_none(
    built: dict[str, str], db_path: Path
) -> None:
    """A reply "1, 2 och 3 är intressanta" (last week's digest) is one command; a number
    the digest does not hold among them marks nothing, so nothing is half done."""
    last = built["last"]
    wrong = ["1", "2", "nr 9", "--department", "miljo", "--week", last, "--as", "intressant"]
    code, out = _mark(*wrong)
    assert code == 2 and "har nr 1–3, inte nr 9" in " ".join(out.split()), out
    assert not current_marks(open_db(db_path), None)
    args = ["1", "2", "3", "2", "--department", "miljo", "--week", last, "--as", "intressant"]
    code, out = _mark(*args, "--json")
    assert code == 0, out
    stored = json.loads(out)
    assert [m["call_id"] for m in stored] == [
        built[ENERGY_PREMISES],
        built[ROOFTOP_SOLAR],
        built[ROLLING],
    ]  # the repeated 2 is marked once
    marks = current_marks(open_db(db_path), "miljo")
    assert {m.mark for m in marks.values()} == {"interested"} and len(marks) == 3
    code, out = _mark("1", "3", "--department", "miljo", "--week", last, "--as", "inte-relevant")
    assert code == 0 and out.count(f"i veckobrevet {last}: ") == 2, out
