"""ISO weeks: the natural period of a digest ("2026-W48")."""

from __future__ import annotations

import re
from datetime import date, timedelta

from db.errors import BadInput

_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


class WeekError(BadInput):
    """A week that is not written as YYYY-Www; the message says how to write it."""


def iso_week(day: date) -> str:
    """The ISO week ``day`` falls in, as ``2026-W48``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def parse_week(text: str) -> str:
    """Normalise a week such as ``2026-W48`` or ``2026w48``; raise :class:`WeekError`."""
    found = _WEEK.match(text.strip())
    if not found:
        raise WeekError(f"{text!r} är ingen ISO-vecka; skriv den som ÅÅÅÅ-Wvv, t.ex. 2026-W48")
    year, week = int(found.group(1)), int(found.group(2))
    try:
        date.fromisocalendar(year, week, 1)
    except ValueError as exc:
        raise WeekError(
            f"{text!r}: {year} har ingen vecka {week}; veckorna går från 1 till 52 eller 53"
        ) from exc
    return f"{year}-W{week:02d}"


def week_monday(week: str) -> date:
    """The Monday that starts an ISO week."""
    year, number = week.split("-W")
    return date.fromisocalendar(int(year), int(number), 1)


def week_number(week: str) -> int:
    """The week number alone (48 for ``2026-W48``), as Swedish subjects use it."""
    return int(week.split("-W")[1])


def previous_week(week: str) -> str:
    """The ISO week before ``week``."""
    return iso_week(week_monday(week) - timedelta(days=7))


def next_week(week: str) -> str:
    """The ISO week after ``week``."""
    return iso_week(week_monday(week) + timedelta(days=7))
