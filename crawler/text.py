"""Turning crawled markup into plain text, links into safe absolute URLs, dates into ISO.

Crawled content is untrusted: only plain text and http(s) links leave the crawler.
"""

from __future__ import annotations

import html
import re
from datetime import date
from urllib.parse import urljoin, urlsplit

_BLOCK = re.compile(
    r"<\s*(?:br|/p|/div|/li|/h[1-6]|/tr|/ul|/ol|/table|/section|/article|/blockquote)\b[^>]*>",
    re.IGNORECASE,
)
_LI = re.compile(r"<\s*li\b[^>]*>", re.IGNORECASE)
_DROP = re.compile(r"<\s*(script|style|template)\b.*?<\s*/\s*\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
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

    ``javascript:``, ``data:``, ``mailto:`` and other schemes are refused.
    """
    if not link:
        return None
    link = link.strip()
    absolute = urljoin(base, link) if base else link
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return absolute


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


SWEDISH_MONTHS = {
    "januari": 1,
    "februari": 2,
    "mars": 3,
    "april": 4,
    "maj": 5,
    "juni": 6,
    "juli": 7,
    "augusti": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}
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
    r"(\d[\d\s\u00a0]*(?:[,.]\d+)?)\s*(miljoner|miljon|mnkr|msek|kr|kronor|sek|euro|eur|€)",
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
