"""Dates of the demo calls: day offsets from an anchor date, written as each source writes them.

Every date in the generated recordings is ``anchor + offset`` so that the same set shows open,
forthcoming, closing-soon and closed calls on whatever day it is generated.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from db.language import ENGLISH_MONTHS, SWEDISH_MONTHS


def on(anchor: date, offset: int) -> date:
    """The day ``offset`` days after ``anchor`` (before it when negative)."""
    return anchor + timedelta(days=offset)


def swedish(day: date) -> str:
    """ "13 januari 2026", as Swedish authorities write dates."""
    return f"{day.day} {SWEDISH_MONTHS[day.month - 1]} {day.year}"


def english(day: date) -> str:
    """ "13 January 2026"."""
    return f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}"


def sedia_stamp(day: date) -> str:
    """The search API's timestamps: "2027-04-08T00:00:00.000+0000"."""
    return f"{day.isoformat()}T00:00:00.000+0000"


def zulu(day: date, hour: int = 0) -> str:
    """ISO with a Z, as Algolia's hits carry it: "2026-05-04T00:00:00Z"."""
    return f"{day.isoformat()}T{hour:02d}:00:00Z"


def epoch_ms(day: date, hour: int = 0) -> int:
    """Milliseconds since 1970 (SEDIA's ``publicationDateLong``, Algolia's ``filterDate``)."""
    moment = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
    return int(moment.timestamp() * 1000)


def rfc822(day: date, hour: int = 9) -> str:
    """RSS ``pubDate``: "Mon, 04 May 2026 09:00:00 +0000"."""
    moment = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
    return moment.strftime("%a, %d %b %Y %H:%M:%S +0000")


def status(opens: int | None, deadlines: tuple[int, ...]) -> str:
    """open / forthcoming / closed / unknown on the anchor day itself (offset 0).

    The same rule as the product's (a deadline day still counts as open), so that what a
    source page says ("Pågående", "Kommande", "Stängd") agrees with what the crawl derives.
    """
    if deadlines and max(deadlines) < 0:
        return "closed"
    if opens is not None and opens > 0:
        return "forthcoming"
    if deadlines or opens is not None:
        return "open"
    return "unknown"
