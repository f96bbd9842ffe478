"""Every call is checked here before it is stored: one place for the crawler and the import.

:func:`validate_call` is called at the top of :func:`db.calls.store_call`. It cleans what
can be cleaned without changing the meaning (control characters are removed from text, line
breaks inside one-line fields become spaces) and refuses the rest with
:class:`InvalidRecord`, whose message says which field is wrong and why:

- ids (source and the source's id) are printable text: no control characters, no line
  breaks, at most :data:`ID_MAX` characters;
- dates are real calendar dates ``YYYY-MM-DD`` between :data:`FIRST_YEAR` and
  :data:`LAST_YEAR`;
- a link is an absolute ``http``/``https`` URL with a host, without whitespace or control
  characters, at most :data:`URL_MAX` characters;
- text fields are strings of bounded size (the caps below), control characters removed.

The caps, in characters: id 300, title 1,000, programme 300, description 200,000 (the
longest real call text is about 15,000), who may apply 20,000, a link 2,048, short words
(status, currency) 100, lists (regions, languages) 500 entries, the source-specific facts
100,000 as JSON.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from db.records import APPLICANT_TYPES, BUDGET_KINDS, KINDS, Call
from db.text import show_value

ID_MAX = 300
SOURCE_MAX = 64
TITLE_MAX = 1_000
PROGRAMME_MAX = 300
DESCRIPTION_MAX = 200_000
APPLICANTS_MAX = 20_000
URL_MAX = 2_048
SHORT_MAX = 100
LIST_MAX = 500
EXTRA_MAX = 100_000
EXTRA_DEPTH = 20
FIRST_YEAR, LAST_YEAR = 1990, 2100

# C0 and C1 control characters and DEL, except tab and line feed (kept in running text).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# Line breaks of every kind (and tabs) inside a one-line field become a space.
_BREAKS = re.compile("\r\n|[\t\n\r\x0b\x0c\x85\u2028\u2029]")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ID_FORBIDDEN = {"Cc", "Cs", "Zl", "Zp"}


class InvalidRecord(ValueError):
    """A call that must not be stored; the message names the field and the rule."""


def clean_text(value: str) -> str:
    """Running text (descriptions): control characters removed, line ends as ``\\n``."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return _CONTROL.sub("", text)


def clean_line(value: str) -> str:
    """One-line text (titles, names): line breaks and tabs as spaces, controls removed."""
    return _CONTROL.sub("", _BREAKS.sub(" ", value))


def check_id(value: Any, field: str, limit: int = ID_MAX) -> str:
    """A printable identifier (stripped); InvalidRecord otherwise."""
    if not isinstance(value, str):
        raise InvalidRecord(f"'{field}' ska vara text, inte {_kind(value)}")
    ident = value.strip()
    if not ident:
        raise InvalidRecord(f"fältet '{field}' är tomt")
    if len(ident) > limit:
        raise InvalidRecord(_too_long(field, len(ident), limit))
    bad = next((ch for ch in ident if unicodedata.category(ch) in _ID_FORBIDDEN), None)
    if bad is not None:
        raise InvalidRecord(
            f"'{field}' innehåller styrtecknet U+{ord(bad):04X}; ett id ska vara skrivbar text"
        )
    return ident


def check_date(value: Any, field: str) -> str:
    """A real calendar date YYYY-MM-DD in FIRST_YEAR..LAST_YEAR; InvalidRecord otherwise."""
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise InvalidRecord(
            f"'{field}' ska vara ett datum som 2026-03-31, inte {show_value(value)}"
        )
    try:
        day = date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidRecord(f"'{field}' {value} är inget datum som finns i kalendern") from exc
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InvalidRecord(
            f"'{field}' {value} ligger utanför {FIRST_YEAR}-01-01 … {LAST_YEAR}-12-31"
        )
    return value


def check_url(value: Any, field: str = "url") -> str:
    """An absolute http(s) link with a host, no whitespace or control characters."""
    if not isinstance(value, str):
        raise InvalidRecord(f"'{field}' ska vara text, inte {_kind(value)}")
    url = value.strip()
    if len(url) > URL_MAX:
        raise InvalidRecord(_too_long(field, len(url), URL_MAX))
    bad = next(
        (ch for ch in url if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Cs")),
        None,
    )
    if bad is not None:
        raise InvalidRecord(
            f"'{field}' innehåller U+{ord(bad):04X} (ett blanksteg eller styrtecken); "
            "en länk ska vara en enda obruten http(s)-adress"
        )
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError on a malformed port)
    except ValueError as exc:
        raise InvalidRecord(
            f"'{field}' är ingen giltig länk (värden eller porten går inte att läsa): "
            f"{show_value(url)}"
        ) from exc
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InvalidRecord(
            f"'{field}' ska vara en fullständig http(s)-länk, inte {show_value(url)}"
        )
    return url


def safe_url(value: Any) -> str | None:
    """``value`` (stripped) when it is a link :func:`check_url` accepts; None otherwise.

    ``javascript:``, ``data:``, ``file:``, relative and malformed links are dropped, so a
    page, mail or calendar never carries a link that runs code or points inside the
    reader's machine.
    """
    if not value:
        return None
    try:
        return check_url(value)
    except InvalidRecord:
        return None


def _line(value: Any, field: str, limit: int, *, required: bool = False) -> str | None:
    if value is None or value == "":
        if required:
            raise InvalidRecord(f"fältet '{field}' saknas eller är tomt")
        return None
    if not isinstance(value, str):
        raise InvalidRecord(f"'{field}' ska vara text, inte {_kind(value)}")
    text = clean_line(value)
    if not text.strip():
        if required:
            raise InvalidRecord(f"fältet '{field}' saknas eller är tomt")
        return None
    if len(text) > limit:
        raise InvalidRecord(_too_long(field, len(text), limit))
    return text


def _block(value: Any, field: str, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidRecord(f"'{field}' ska vara text, inte {_kind(value)}")
    if len(value) > limit:
        raise InvalidRecord(_too_long(field, len(value), limit))
    return clean_text(value)


def _words(value: Any, field: str, limit: int = SHORT_MAX) -> list[str]:
    if not isinstance(value, list):
        raise InvalidRecord(f"'{field}' ska vara en lista, inte {_kind(value)}")
    if len(value) > LIST_MAX:
        raise InvalidRecord(f"'{field}' har {_number(len(value))} poster; högst {LIST_MAX}")
    words = [_line(v, field, limit) for v in value]
    return [w for w in words if w]


def _facts(value: Any, depth: int = 0) -> Any:
    """Source-specific facts as JSON values, every string cleaned."""
    if depth > EXTRA_DEPTH:
        raise InvalidRecord(f"'extra' är nästlat djupare än {EXTRA_DEPTH} nivåer")
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_line(str(k)): _facts(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_facts(v, depth + 1) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or isinstance(value, bool | int | float):
        return value
    raise InvalidRecord(f"'extra' innehåller {_kind(value)}, som inte är ett JSON-värde")


def validate_call(call: Call) -> Call:
    """Clean ``call`` in place and return it; InvalidRecord when it must not be stored."""
    call.source = check_id(call.source, "source", SOURCE_MAX)
    call.source_id = check_id(call.source_id, "id")
    call.title = _line(call.title, "title", TITLE_MAX, required=True) or ""
    call.programme = _line(call.programme, "programme", PROGRAMME_MAX)
    call.description = _block(call.description, "description", DESCRIPTION_MAX)
    call.url = None if call.url in (None, "") else check_url(call.url)
    call.opening_date = (
        None if call.opening_date in (None, "") else check_date(call.opening_date, "opening_date")
    )
    call.published = (
        None if call.published in (None, "") else check_date(call.published, "published")
    )
    if not isinstance(call.deadlines, list):
        raise InvalidRecord(
            f"'deadlines' ska vara en lista med datum, inte {_kind(call.deadlines)}"
        )
    if len(call.deadlines) > LIST_MAX:
        raise InvalidRecord(
            f"'deadlines' har {_number(len(call.deadlines))} datum; högst {LIST_MAX}"
        )
    call.deadlines = sorted({check_date(d, "deadlines") for d in call.deadlines})
    call.status_hint = _line(call.status_hint, "status", SHORT_MAX)
    if call.budget is not None:
        budget = call.budget
        if isinstance(budget, bool) or not isinstance(budget, int | float):
            raise InvalidRecord(f"'budget' ska vara ett tal, inte {_kind(budget)}")
        if not math.isfinite(budget) or not 0 <= budget < 1e15:
            raise InvalidRecord(f"'budget' {budget!r} är inget rimligt belopp")
    call.currency = _line(call.currency, "currency", SHORT_MAX)
    call.languages = _words(call.languages, "languages")
    call.applicants = _block(call.applicants, "applicants", APPLICANTS_MAX) or None
    call.regions = _words(call.regions, "regions", 200)
    if not isinstance(call.extra, dict):
        raise InvalidRecord(f"'extra' ska vara ett objekt, inte {_kind(call.extra)}")
    call.extra = _facts(call.extra)
    size = len(json.dumps(call.extra, ensure_ascii=False))
    if size > EXTRA_MAX:
        raise InvalidRecord(
            f"de övriga fälten tar {_number(size)} tecken som JSON; "
            f"högst {_number(EXTRA_MAX)} får plats"
        )
    if call.kind not in KINDS:
        raise InvalidRecord(
            f"'kind' ska vara något av {', '.join(KINDS)}, inte {show_value(call.kind)}"
        )
    if not isinstance(call.applicant_types, list) or any(
        t not in APPLICANT_TYPES for t in call.applicant_types
    ):
        raise InvalidRecord(f"'applicant_types' får bara innehålla {', '.join(APPLICANT_TYPES)}")
    if call.budget_kind is not None and call.budget_kind not in BUDGET_KINDS:
        raise InvalidRecord(f"'budget_kind' ska vara något av {', '.join(BUDGET_KINDS)}")
    return call


def _number(value: int) -> str:
    """``200 000``: a whole number with Swedish thousands separators."""
    return f"{value:,}".replace(",", "\u00a0")


def _too_long(field: str, length: int, limit: int) -> str:
    return f"'{field}' har {_number(length)} tecken; högst {_number(limit)} får plats"


def _kind(value: Any) -> str:
    names = {
        dict: "ett objekt",
        list: "en lista",
        bool: "true/false",
        int: "ett tal",
        float: "ett tal",
        str: "text",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)
