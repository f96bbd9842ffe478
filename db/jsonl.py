"""Reading calls from JSON Lines in the corpus format (one call per line).

Fields: ``id`` and ``title`` (required), ``programme``, ``description``, ``opening_date``,
``deadline``, ``deadlines``, ``status``, ``url``; anything else is kept in ``extra``. A
``call_title`` (the Funding & Tenders call a topic belongs to) titles a topic that its record
titles only by its code or in capitals (:func:`db.text.topic_title`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from db.records import Call
from db.text import show_value, topic_title, without_null_fields
from db.validate import InvalidRecord, validate_call

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
MAX_LINE_BYTES = 4_000_000  # a call at its largest (db.validate) fits with room to spare
BOM = b"\xef\xbb\xbf"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_SV_WORDS = {"och", "att", "för", "som", "med", "till", "på", "är", "av", "kan", "inom", "det"}
_EN_WORDS = {"and", "the", "for", "to", "of", "with", "in", "is", "are", "on", "will", "this"}


# What the json module says of a line, as the import reports it (anything else as it is).
_JSON_ERRORS = {
    "Expecting value": "ett värde saknas",
    "Expecting ',' delimiter": "',' saknas",
    "Expecting ':' delimiter": "':' saknas",
    "Expecting property name enclosed in double quotes": (
        "ett fältnamn inom dubbla citattecken saknas"
    ),
    "Unterminated string starting at": "en text saknar sitt avslutande citattecken",
    "Extra data": "mer text efter JSON-värdet",
    "Invalid control character at": "ett styrtecken i en text",
    "Invalid \\escape": "en ogiltig \\-sekvens",
    "Invalid \\uXXXX escape": "en ogiltig \\uXXXX-sekvens",
    "Illegal trailing comma before end of object": "ett kommatecken för mycket",
    "Illegal trailing comma before end of array": "ett kommatecken för mycket",
}


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
        raise CallLineError(
            f"'{field}' ska vara ett ISO-datum som 2026-03-31, inte {show_value(value)}"
        )
    return value[:10]


def _text(record: dict[str, Any], field: str) -> str | None:
    value = record.get(field)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise CallLineError(f"'{field}' ska vara text, inte {_kind(value)}")
    return value


def call_from_record(record: Any, source: str) -> Call:
    """Build a valid :class:`Call` from one decoded corpus record (CallLineError if not)."""
    if not isinstance(record, dict):
        raise CallLineError("raden är JSON men inget objekt {...}")
    for required in ("id", "title"):
        value = record.get(required)
        if not isinstance(value, str) or not value.strip():
            raise CallLineError(f"det obligatoriska fältet '{required}' saknas eller är tomt")
    deadlines_raw = record.get("deadlines") or []
    if not isinstance(deadlines_raw, list):
        raise CallLineError("'deadlines' ska vara en lista med ISO-datum")
    deadlines = [d for d in (_date(v, "deadlines") for v in deadlines_raw) if d]
    single = _date(record.get("deadline"), "deadline")
    if single:
        deadlines.append(single)
    description = without_null_fields(_text(record, "description") or "")
    title = record["title"].strip()
    if isinstance(call_title := record.get("call_title"), str):
        title = topic_title(title, " ".join(call_title.split()))
    language = guess_language(f"{title} {description[:20_000]}")
    extra = {k: v for k, v in record.items() if k not in _KNOWN}
    call = Call(
        source=source,
        source_id=record["id"].strip(),
        title=title,
        programme=_text(record, "programme"),
        description=description,
        url=_text(record, "url"),
        opening_date=_date(record.get("opening_date"), "opening_date"),
        deadlines=deadlines,
        status_hint=_text(record, "status"),
        languages=[language] if language else [],
        extra=extra,
    )
    try:
        return validate_call(call)
    except InvalidRecord as exc:
        raise CallLineError(str(exc)) from exc


def read_calls(path: Path, source: str) -> Iterator[LineResult]:
    """Read a JSONL file of calls line by line; bad lines come back with their error, not
    raised (:func:`read_json_lines`). Raises OSError when the file itself cannot be read."""
    for line in read_json_lines(path, "en utlysning"):
        if line.error is not None:
            yield LineResult(line.line_no, None, line.error)
            continue
        try:
            yield LineResult(line.line_no, call_from_record(line.value, source), None)
        except CallLineError as exc:
            yield LineResult(line.line_no, None, str(exc))


@dataclass
class JsonLine:
    """One line of a JSON Lines file: its value, or what is wrong with it (in Swedish)."""

    line_no: int
    value: Any
    error: str | None


def read_json_lines(path: Path, what: str = "en rad") -> Iterator[JsonLine]:
    """Read a JSON Lines file line by line; blank lines are skipped, bad ones come back
    with their error, not raised.

    The file is read as bytes and each line decoded on its own, so one line that is not
    UTF-8 is reported and skipped, not the whole file; a byte order mark at the start of
    line 1 is ignored; a line longer than :data:`MAX_LINE_BYTES` is skipped unread (``what``
    names a line's content in that message). Raises OSError when the file cannot be read.
    """
    with path.open("rb") as handle:
        line_no = 0
        while True:
            raw = handle.readline(MAX_LINE_BYTES + 1)
            if not raw:
                break
            line_no += 1
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                size = len(raw) + _skip_rest_of_line(handle)
                megabytes = f"{size / 1e6:.1f}".replace(".", ",")
                yield JsonLine(
                    line_no,
                    None,
                    f"raden är {megabytes} MB lång; {what} får ta högst "
                    f"{MAX_LINE_BYTES // 1_000_000} MB",
                )
                continue
            if line_no == 1 and raw.startswith(BOM):
                raw = raw[len(BOM) :]
            line = _json_line(line_no, raw)
            if line is not None:  # None: a blank line
                yield line


def _skip_rest_of_line(handle: Any) -> int:
    skipped = 0
    while True:
        chunk = handle.readline(1_000_000)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _json_line(line_no: int, raw: bytes) -> JsonLine | None:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return JsonLine(
            line_no,
            None,
            f"inte UTF-8-text (byte 0x{raw[exc.start]:02x} i kolumn {exc.start + 1}); "
            "spara filen som UTF-8",
        )
    if not line.strip():
        return None
    try:
        return JsonLine(line_no, json.loads(line), None)
    except json.JSONDecodeError as exc:
        why = _JSON_ERRORS.get(exc.msg, exc.msg)
        return JsonLine(line_no, None, f"ogiltig JSON ({why}, kolumn {exc.colno})")
    except RecursionError:
        return JsonLine(line_no, None, "oanvändbar JSON (nästlad för djupt)")
    except ValueError as exc:
        reason = "ett tal med för många siffror" if "digits" in str(exc) else str(exc)[:120]
        return JsonLine(line_no, None, f"oanvändbar JSON ({reason})")


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "ett objekt"
    if isinstance(value, list):
        return "en lista"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "ett tal"
    return type(value).__name__
