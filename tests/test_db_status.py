"""The one rule for a call's status and window, as every part reads it (db.status)."""

from __future__ import annotations

from datetime import date

from db.records import Call
from db.status import derive_status, has_window, is_rolling

TODAY = date(2026, 6, 1)


def test_a_rolling_call_is_open_once_opened_and_closed_only_by_a_deadline() -> None:
    assert derive_status(None, [], TODAY, rolling=True) == "open"
    assert derive_status("2026-07-01", [], TODAY, rolling=True) == "forthcoming"
    assert derive_status(None, ["2026-05-01"], TODAY, rolling=True) == "closed"
    assert derive_status(None, [], TODAY) == "unknown"
    assert derive_status(None, [], TODAY, "Öppen") == "open"  # the source's word, no dates


def test_a_window_needs_a_date_or_rolling_not_a_status_word() -> None:
    assert not has_window(None, [])
    assert has_window(None, [], rolling=True)
    assert has_window("2026-01-01", [])
    assert is_rolling('{"rolling": true}') and not is_rolling("") and not is_rolling(None)


def test_a_call_reads_its_status_through_the_same_rule() -> None:
    call = Call(source="x", source_id="1", title="Löpande stöd", extra={"rolling": True})
    assert call.rolling and call.has_window() and call.status(TODAY) == "open"
    dated = Call(source="x", source_id="2", title="t", status_hint="Open")
    assert not dated.has_window() and dated.status(TODAY) == "open"
