"""Turning crawled markup into plain text, links into safe absolute URLs, dates into ISO.

Crawled content is untrusted: only plain text and http(s) links leave the crawler.
"""

from __future__ import annotations

import html
import re
from datetime import date
from urllib.parse import urljoin

from db.language import SWEDISH_MONTHS as MONTH_NAMES
from db.regions import COUNTIES as REGION_COUNTIES
from db.regions import NUTS2, county
from db.regions import programme_regions as regions_in_text
from db.validate import safe_url as checked_url

_BLOCK = re.compile(
    r"<\s*(?:br|/p|/div|/li|/h[1-6]|/tr|/ul|/ol|/table|/section|/article|/blockquote)\b[^>]*>",
    re.IGNORECASE,
)
_LI = re.compile(r"<\s*li\b[^>]*>", re.IGNORECASE)
_DROP = re.compile(r"<\s*(script|style|template)\b.*?<\s*/\s*\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_CUT_TAG = re.compile(r"<[a-zA-Z/!][^>]*$")  # a tag cut off by a truncated text
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def html_to_text(markup: str | None) -> str:
    """Plain text of an HTML fragment: tags dropped, entities decoded, blocks on new lines."""
    if not markup:
        return ""
    text = _DROP.sub(" ", markup)
    text = _COMMENT.sub(" ", text)
    text = _LI.sub("\n• ", text)
    text = _BLOCK.sub("\n", text)
    text = _TAG.sub(" ", text)
    text = _CUT_TAG.sub(" ", text)
    text = html.unescape(text)
    text = _SPACES.sub(" ", text)
    lines = [line.strip() for line in text.split("\n")]
    text = "\n".join(line for line in lines)
    text = _BLANK_LINES.sub("\n", text)
    return text.strip()


def clean(value: object) -> str:
    """A short field (title, name) as one line of plain text."""
    if value is None:
        return ""
    return " ".join(html_to_text(str(value)).split())


def safe_url(link: str | None, base: str | None = None) -> str | None:
    """``link`` as an absolute http(s) URL (resolved against ``base``), or None.

    ``javascript:``, ``data:``, ``mailto:`` and other schemes are refused; which links are
    safe is decided in one place for every part (:func:`db.validate.safe_url`).
    """
    if not link:
        return None
    link = link.strip()
    return checked_url(urljoin(base, link) if base else link)


def iso_date(value: object) -> str | None:
    """The date part of an ISO timestamp ("2027-04-08T00:00:00.000+0000" -> "2027-04-08")."""
    if not value or not isinstance(value, str):
        return None
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return None
    try:
        return date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        return None


SWEDISH_MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}
SWEDISH_DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(SWEDISH_MONTHS) + r")\s+(\d{4})\b", re.I)


def swedish_date(text: str) -> str | None:
    """The first Swedish written date ("19 mars 2024") or ISO date in ``text``, as ISO."""
    match = SWEDISH_DATE.search(text)
    if match:
        day, month, year = match.groups()
        try:
            return date(int(year), SWEDISH_MONTHS[month.lower()], int(day)).isoformat()
        except ValueError:
            return None
    iso = re.search(r"\b\d{4}-\d{2}-\d{2}\b", text)
    return iso_date(iso.group(0)) if iso else None


_AMOUNT = re.compile(
    r"(?<![\d-])(\d{1,3}(?:[\s\u00a0]\d{3})+|\d+(?:[,.]\d+)?)\s*(miljoner|miljon|mnkr|msek|kronor|kr|sek|euro|eur|€)(?!\w)",
    re.IGNORECASE,
)


def swedish_amount(text: str) -> tuple[float, str] | None:
    """The first amount in ``text`` ("68 000 000 kr", "63 miljoner kronor") as (value, ISO code)."""
    match = _AMOUNT.search(text)
    if not match:
        return None
    number = re.sub(r"[\s\u00a0]", "", match.group(1)).replace(",", ".")
    try:
        value = float(number)
    except ValueError:
        return None
    unit = match.group(2).lower()
    if unit in ("miljoner", "miljon", "mnkr", "msek"):
        value *= 1_000_000
    currency = "EUR" if unit in ("euro", "eur", "€") else "SEK"
    return value, currency


_MONTH = "(" + "|".join(SWEDISH_MONTHS) + ")"
_PERIOD = re.compile(
    r"(?:mellan den|under tiden|från den|från)\s+(\d{1,2})\s*" + _MONTH + r"?\s*(\d{4})?"
    r"\s*(?:-|–|och den|till och med den|till den|till)\s*(\d{1,2})\s+" + _MONTH + r"\s+(\d{4})",
    re.IGNORECASE,
)
# The date must start within 30 characters of the status word; the rest of a date cut there
# (its day, month or year) is taken along, so a longer phrase never halves it.
_NEAR = r"(.{0,30}\S*(?:\s+\S+){0,2})"
_OPENS = re.compile(r"\b(?:Öppnar|Öppnade|Öppnas)\s*:?\s*(?:den\s+)?" + _NEAR, re.IGNORECASE)
_CLOSES = re.compile(
    r"\b(?:Stängd|Stänger|Stängde|Stängdes|Öppen till|Sista ansökningsdag(?:en)?(?: är)?)"
    r"\s*:?\s*(?:den\s+)?" + _NEAR,
    re.IGNORECASE,
)


def _day(day: str, month: str, year: str) -> str | None:
    try:
        return date(int(year), SWEDISH_MONTHS[month.lower()], int(day)).isoformat()
    except (KeyError, ValueError):
        return None


def swedish_period(text: str) -> tuple[str | None, str | None]:
    """Opening date and deadline stated in Swedish call text, as ISO dates (or None).

    Understands status lines ("Öppnar 13 januari 2026", "Stängd 19 mars 2024",
    "Stänger: 6 mars 2023", "Sista ansökningsdag 5 juni 2024") and periods ("öppen under
    tiden 15 juni - 14 september 2018", "pågår mellan den 2 mars 2015 och den 16 april 2015").
    """
    opening = deadline = None
    match = _PERIOD.search(text)
    if match:
        d1, m1, y1, d2, m2, y2 = match.groups()
        deadline = _day(d2, m2, y2)
        opening = _day(d1, m1 or m2, y1 or y2)
    for line in text.splitlines():
        if opening is None and (found := _OPENS.search(line)):
            opening = swedish_date(found.group(1))
        if deadline is None and (found := _CLOSES.search(line)):
            deadline = swedish_date(found.group(1))
    return opening, deadline


# Counties and programme regions come from the one region table the matcher reads too.
COUNTIES = tuple(c.short for c in REGION_COUNTIES)
PROGRAMME_REGIONS = {names[0]: code for code, names in NUTS2.items()}


def county_tags(line: str) -> list[str]:
    """County names when ``line`` is a list of counties only ("Örebro, Östergötland",
    "Sörmland och Uppsala"), as written; any name :mod:`db.regions` knows for a county."""
    names = [part.strip() for part in re.split(r",|\boch\b", line) if part.strip()]
    if names and all(county(name) is not None for name in names):
        return names
    return []


def programme_regions(text: str) -> list[str]:
    """NUTS 2 codes of the Swedish programme regions ``text`` names (e.g. SE12).

    Case does not matter: Tillväxtverket writes "Småland och Öarna", others "öarna".
    """
    return regions_in_text(text)
