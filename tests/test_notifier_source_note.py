"""The digest's source-health line tells a failed source from one whose run was cut short."""

from __future__ import annotations

from pathlib import Path

from db import open_db
from notifier.digest import _source_note

NOW = "2026-06-08T05:00:00+00:00"


def _run(db, source: str, ok: bool, partial: bool, started: str = "2026-06-07T05:30:00+00:00"):
    db["crawl_runs"].insert(
        {
            "source": source,
            "started_at": started,
            "finished_at": started,
            "ok": int(ok),
            "partial": int(partial),
        }
    )


def test_failed_and_partial_sources_are_named_apart(tmp_path: Path) -> None:
    db = open_db(tmp_path / "t.db")
    assert _source_note(db, NOW) is None
    _run(db, "vinnova", ok=True, partial=False)
    _run(db, "esf", ok=False, partial=False)
    _run(db, "sedia", ok=False, partial=True)
    _run(db, "tillvaxtverket", ok=False, partial=False, started="2026-05-01T05:30:00+00:00")
    note = _source_note(db, NOW)
    assert note is not None
    assert "insamlingen från Svenska ESF-rådet misslyckades" in note
    assert "insamlingen från EU:s Funding & Tenders-portal hann inte bli klar" in note
    assert "Vinnova" not in note and "Tillväxtverket" not in note  # ok, or older than a week
