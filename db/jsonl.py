"""Reading calls from JSON Lines in the corpus format (one call per line).

Fields: ``id`` and ``title`` (required), ``programme``, ``description``, ``opening_date``,
``deadline``, ``deadlines``, ``status``, ``url``; anything else is kept in ``extra``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from db.records import Call

_KNOWN = {
    "id",
    "title",
    "programme",
    "description",
    "opening_date",
    "deadline",
    "deadlines",
    "status",
    "url",
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_SV_WORDS = {"och", "att", "för", "som", "med", "till", "på", "är", "av", "kan", "inom", "det"}
_EN_WORDS = {"and", "the", "for", "to", "of", "with", "in", "is", "are", "on", "will", "this"}


class CallLineError(ValueError):
    """A JSONL line that is not a usable call; the message says what is wrong."""


@dataclass
class LineResult:
    """One line read: a call or the error that line has."""

    line_no: int
    call: Call | None
    error: str | None


def guess_language(text: str) -> str | None:
    """'sv' or 'en' from common function words; None when the text is too short to tell."""
    words = re.findall(r"[a-zåäö]+", text.lower())
    sv = sum(w in _SV_WORDS for w in words)
    en = sum(w in _EN_WORDS for w in words)
    if sv + en < 3:
        return None
    return "sv" if sv > en else "en"


def _date(value: Any, field: str) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str) or not _DATE.match(value):
        raise CallLineError(f"'{field}' must be an ISO date like 2026-03-31, not {value!r}")
    return value[:10]


def call_from_record(record: Any, source: str) -> Call:
    """Build a :class:`Call` from one decoded corpus record."""
    if not isinstance(record, dict):
        raise CallLineError("the line is JSON but not an object {...}")
    for required in ("id", "title"):
        value = record.get(required)
        if not isinstance(value, str) or not value.strip():
            raise CallLineError(f"the required field '{required}' is missing or empty")
    deadlines_raw = record.get("deadlines") or []
    if not isinstance(deadlines_raw, list):
        raise CallLineError("'deadlines' must be a list of ISO dates")
    deadlines = [d for d in (_date(v, "deadlines") for v in deadlines_raw) if d]
    single = _date(record.get("deadline"), "deadline")
    if single:
        deadlines.append(single)
    description = str(record.get("description") or "")
    title = record["title"].strip()
    language = guess_language(f"{title} {description}")
    extra = {k: v for k, v in record.items() if k not in _KNOWN}
    return Call(
        source=source,
        source_id=record["id"].strip(),
        title=title,
        programme=(record.get("programme") or None),
        description=description,
        url=record.get("url") or None,
        opening_date=_date(record.get("opening_date"), "opening_date"),
        deadlines=deadlines,
        status_hint=record.get("status") or None,
        languages=[language] if language else [],
        extra=extra,
    )


def read_calls(path: Path, source: str) -> Iterator[LineResult]:
    """Read a JSONL file line by line; bad lines come back with their error, not raised.

    Raises OSError / UnicodeDecodeError when the file itself cannot be read.
    """
    with path.open("r", encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield LineResult(line_no, None, f"not valid JSON ({exc.msg} at column {exc.colno})")
                continue
            try:
                yield LineResult(line_no, call_from_record(record, source), None)
            except CallLineError as exc:
                yield LineResult(line_no, None, str(exc))
