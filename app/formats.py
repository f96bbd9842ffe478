"""File formats of the coordinator's exports: CSV for Excel and iCalendar for Outlook.

CSV is what a Swedish Excel opens in columns on a double click: fields separated by ``;``
(Swedish Excel takes ``,`` as the decimal comma and reads a comma-separated file into one
column), UTF-8 with a byte order mark (Excel reads BOM-less UTF-8 as the local code page and
breaks å, ä, ö) and CRLF rows; list values are joined with ", ". iCalendar follows RFC 5545:
CRLF line endings, lines folded at 75 octets, text escaped, one all-day VEVENT per deadline
with a UID that stays the same across exports so that a subscribed calendar updates events
instead of duplicating them, marked as an all-day, free event the way Outlook reads it.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import quote, urlsplit

BOM = "\ufeff"
CSV_SEPARATOR = ";"
# Control characters no export carries: C0 except tab and line feed, DEL, C1, lone surrogates.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_ENDS = re.compile("\r\n|[\r\x85\u2028\u2029]")
# Characters a URI may carry as they are (RFC 3986), besides letters and digits.
_URI_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A CSV document for Swedish Excel (``;``, BOM, CRLF rows) as text; encode it as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_SEPARATOR, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else _cell(v) for v in row])
    return BOM + buffer.getvalue()


def plain_text(text: str) -> str:
    """Text without control characters; every line end as ``\\n``, tabs as spaces."""
    return _CONTROL.sub("", _LINE_ENDS.sub("\n", text)).replace("\t", " ")


def _cell(value: Any) -> str:
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    text = plain_text(str(value))
    # A cell starting with = + - @ (after blanks) is a formula to Excel; crawled text must
    # not run as one.
    if text.lstrip()[:1] in ("=", "+", "-", "@") and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@dataclass
class DeadlineEvent:
    """One deadline of one call, as a calendar event."""

    call_id: str
    day: str  # ISO date
    title: str
    description: str
    url: str | None
    stamp: str  # when the call was last updated, ISO UTC


def ical_escape(text: str) -> str:
    """Escape a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma, every line end as
    ``\\n``; other control characters (which TEXT may not hold) removed."""
    return (
        plain_text(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
    )


def ical_uri(url: str | None) -> str | None:
    """A URI value (RFC 5545 3.3.13) for an http(s) link, or None.

    A link with whitespace or control characters is refused (a line break would end the
    property and start a forged one); other characters outside RFC 3986 are percent-encoded.
    """
    if not url or any(ch.isspace() or ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return quote(url, safe=_URI_SAFE)


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if len(text) == 10 else None
    except (TypeError, ValueError):
        return None


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def event_uid(call_id: str, day: str) -> str:
    """A UID stable across exports: the same call and deadline always give the same one."""
    digest = hashlib.sha1(f"{call_id}|{day}".encode()).hexdigest()[:20]
    return f"{digest}-{day.replace('-', '')}@eufunds"


def _stamp(iso: str) -> str:
    # 2026-11-22T03:04:47+00:00 -> 20261122T030447Z
    digits = "".join(c for c in iso[:19] if c.isdigit())
    return f"{digits[:8]}T{digits[8:14] or '000000'}Z"


def ics_text(events: Iterable[DeadlineEvent], calendar_name: str) -> str:
    """An iCalendar document with one all-day VEVENT per deadline and a reminder a week
    before."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//eufunds//EU funding deadlines//SV",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ical_escape(calendar_name)}",
    ]
    for event in events:
        day = _day(event.day)
        if day is None:
            continue  # not a date (stored before dates were validated): no event
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event_uid(event.call_id, day.isoformat())}",
            f"DTSTAMP:{_stamp(event.stamp)}",
            f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(day + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{ical_escape('Sista ansökningsdag: ' + event.title)}",
            f"DESCRIPTION:{ical_escape(event.description)}",
        ]
        uri = ical_uri(event.url)
        if uri:
            lines.append(f"URL:{uri}")
        lines += [
            "TRANSP:TRANSPARENT",
            # Outlook shows an all-day event as free time only with its own two properties.
            "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE",
            "X-MICROSOFT-CDO-BUSYSTATUS:FREE",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "TRIGGER:-P7D",
            f"DESCRIPTION:{ical_escape('Om en vecka: ' + event.title)}",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
