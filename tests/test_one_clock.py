"""One clock (db/clock.py): the parts that once read the system clock themselves take the
time from it, so that EUFUNDS_TODAY freezes "today" for them as everywhere else."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from db import clock


class _Stop(Exception):
    """Ends rank() once the first call is stored: the rest needs the model."""


def test_rank_stores_the_calls_as_of_the_frozen_today(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import matcher.rank

    calls = tmp_path / "calls.jsonl"
    calls.write_text('{"id": "X-1", "title": "Påhittad utlysning"}\n', encoding="utf-8")
    seen: list[date] = []

    def store_call(db: Any, call: Any, *, today: date, **_: Any) -> None:
        seen.append(today)
        raise _Stop

    monkeypatch.setattr(matcher.rank, "store_call", store_call)
    monkeypatch.setenv("EUFUNDS_TODAY", "2031-05-05")
    with pytest.raises(_Stop):
        next(matcher.rank.rank(calls, priorities=None, encoder=object()))  # type: ignore[arg-type]
    assert seen == [date(2031, 5, 5)]


def test_the_portal_crawls_progress_is_stamped_by_the_one_clock(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from crawler.spiders.sedia import SediaSpider

    # A record says when it was written, in real time (db.clock.utc_now): EUFUNDS_NOW
    # freezes what the service decides, not the stamps.
    monkeypatch.setattr(clock, "utc_now", lambda: "2031-05-05T06:00:00+00:00")
    spider = SediaSpider(base_url="http://127.0.0.1:1")
    assert spider.progress()["updated_at"] == "2031-05-05T06:00:00+00:00"
