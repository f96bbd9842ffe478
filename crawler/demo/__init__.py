"""Generated demo recordings: invented calls in each source's real response format.

The demo (``eufunds run --replay``) and the crawler's end-to-end tests crawl these instead of
real captured responses, which the repository does not carry. :func:`write_recordings` writes
``<folder>/<source>/…`` mirroring each source's URL paths exactly as
:class:`crawler.replay.ReplayServer` serves them, plus ``feeds/feeds.yaml``. Every date is a
day offset from ``anchor`` (see :mod:`crawler.demo.catalogue`), so the set shows open,
forthcoming, closing-soon and closed calls whenever it is generated; ``edition`` 2 changes it
so that a second crawl records every change kind. Every file says it is invented.

By hand: ``python -m crawler.demo FOLDER [--edition N] [--anchor YYYY-MM-DD]``.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from crawler.demo import esf, feeds, interreg, interreg_bsr, sedia, tillvaxtverket, vinnova
from crawler.demo.catalogue import DemoCall, calls_for, check_catalogue
from crawler.demo.files import NOTE, write_json

Writer = Callable[[Path, list[DemoCall], date, int], None]
WRITERS: dict[str, Writer] = {
    "esf": esf.write,
    "feeds": feeds.write,
    "interreg": interreg.write,
    "interreg_bsr": interreg_bsr.write,
    "sedia": sedia.write,
    "tillvaxtverket": tillvaxtverket.write,
    "vinnova": vinnova.write,
}
"""One writer per source key (= the folder it writes and the spider that reads it)."""

EDITIONS = (1, 2)
STATE_FILE = "demo-state.json"


def write_recordings(folder: Path, anchor: date, edition: int, *, sedia_topics: int = 0) -> Path:
    """Write the demo recordings of ``edition`` anchored at ``anchor`` into ``folder``.

    Each source's folder is replaced as a whole, so nothing of an earlier edition lingers;
    other files in ``folder`` are left alone. ``sedia_topics`` adds that many generated,
    plausible SEDIA topics (for the throughput benchmark). Returns ``folder``.
    """
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {EDITIONS}, not {edition}")
    check_catalogue()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for source, writer in WRITERS.items():
        target = folder / source
        if target.exists():
            shutil.rmtree(target)
        if source == "sedia":
            sedia.write(target, calls_for(source, edition), anchor, edition, sedia_topics)
        else:
            writer(target, calls_for(source, edition), anchor, edition)
    return folder


def recordings_for_database(db_path: Path, today: date) -> Path:
    """Write the recordings a replay into ``db_path`` crawls; their folder.

    They go into ``<db dir>/<db stem>-recordings/``. A database that does not exist yet gets
    edition 1 anchored at ``today``; a later replay into the same database gets edition 2
    with the anchor kept (read from ``demo-state.json`` in that folder; ``today`` if it is
    missing), so that crawling twice shows new, changed, opened, closed and reopened calls.
    Call this before the database is created.
    """
    db_path = Path(db_path)
    folder = db_path.with_name(f"{db_path.stem}-recordings")
    state_path = folder / STATE_FILE
    anchor, edition = today, 1
    if db_path.exists():
        edition = 2
        anchor = _saved_anchor(state_path) or today
    write_recordings(folder, anchor, edition)
    write_json(state_path, {"_note": NOTE, "anchor": anchor.isoformat(), "edition": edition})
    return folder


def read_state(folder: Path) -> dict[str, Any] | None:
    """The anchor and edition last written into ``folder`` by a replay, if any."""
    try:
        data = json.loads((Path(folder) / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _saved_anchor(state_path: Path) -> date | None:
    state = read_state(state_path.parent)
    try:
        return date.fromisoformat(str((state or {})["anchor"]))
    except (KeyError, ValueError):
        return None


__all__ = ["STATE_FILE", "WRITERS", "read_state", "recordings_for_database", "write_recordings"]
