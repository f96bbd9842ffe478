"""The report counts a matched call as open in a quarter only when that is known."""

from __future__ import annotations

from datetime import date

from db.coverage import open_during

Q2 = (date(2026, 4, 1), date(2026, 6, 30))


def test_a_call_with_unknown_status_is_not_counted_in_any_quarter() -> None:
    assert not open_during(None, [], None, *Q2)  # no dates, the source says nothing
    assert not open_during("2026-01-10", [], None, *Q2)  # opened, no deadline: unknown


def test_calls_known_to_be_open_are_counted() -> None:
    assert open_during(None, ["2026-05-01"], None, *Q2)  # a deadline in the quarter
    assert open_during("2026-01-10", [], "open", *Q2)  # the source says it is open
    assert open_during("2026-01-10", [], None, *Q2, rolling=True)  # open until further notice
    assert not open_during(None, ["2026-03-31"], None, *Q2)  # closed before the quarter
    assert not open_during("2026-07-01", ["2026-09-01"], None, *Q2)  # opens after it
