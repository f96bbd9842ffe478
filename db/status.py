"""Derived status of a call from its dates: open, forthcoming, closed or unknown.

Sources' own status fields go stale (the EU portal keeps "Forthcoming" on topics closed for
years), so the dates decide and the source's word is only a hint when dates are missing.
Without dates, a title that names only years long past ("… 2021–2022", "hösten 2023")
closes the call too (:func:`title_year`).
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

STATUSES = ("open", "forthcoming", "closed", "unknown")
# A year a title names: a round ("hösten 2023", "utlysning 2020:3"), a period ("år 2021–2022")
# or a goal ("Agenda 2030"). A round's deadline may fall early in the next year, so a call
# without dates is over only from the second year after the last year its title names.
_YEAR = re.compile(
    r"(?<![\d€$])(?:19|20)\d\d(?!\d)(?!\s*(?:kr\b|kronor|sek\b|eur\b|euro|€|%))",
    re.IGNORECASE,
)  # an amount ("2000 kronor", "€1950") is not a year
NAMED_YEAR_GRACE = 1

_HINTS = {
    "open": "open",
    "open for submission": "open",
    "öppen": "open",
    "forthcoming": "forthcoming",
    "kommande": "forthcoming",
    "planerad": "forthcoming",
    "closed": "closed",
    "stängd": "closed",
}


def derive_status(
    opening_date: str | None,
    deadlines: list[str],
    today: date,
    hint: str | None = None,
    *,
    rolling: bool = False,
    named_year: int | None = None,
) -> str:
    """The status on ``today``. A deadline day itself still counts as open; a call open
    until further notice (``rolling``, "löpande") without a deadline is open once opened. A
    call with no deadline and not open until further notice whose title names no year after
    ``named_year`` (:func:`title_year`) is closed once that year is :data:`NAMED_YEAR_GRACE`
    years past, whatever the source's word; an opening date still to come wins."""
    iso_today = today.isoformat()
    if deadlines and max(deadlines) < iso_today:
        return "closed"
    if opening_date and opening_date > iso_today:
        return "forthcoming"
    if deadlines or rolling:
        return "open"
    if past_named_year(named_year, today):
        return "closed"
    word = _HINTS.get((hint or "").strip().lower())
    if word == "closed":
        return "closed"
    if opening_date:
        # Opened, no deadline known: open-ended calls exist, but only the source can say so.
        return "open" if word == "open" else "unknown"
    return word or "unknown"


def has_window(opening_date: str | None, deadlines: list[str], rolling: bool = False) -> bool:
    """Whether the source says when the call can be applied to: a deadline, an opening date,
    or open until further notice. A source's status word alone is no window."""
    return bool(deadlines or opening_date or rolling)


def title_year(title: str | None) -> int | None:
    """The latest year a title names (1900–2099), or None."""
    years = [int(y) for y in _YEAR.findall(title or "")]
    return max(years) if years else None


def past_named_year(named_year: int | None, today: date) -> bool:
    """Whether a title's latest year (:func:`title_year`) is long enough past on ``today``
    for a call without dates to be over."""
    return named_year is not None and today.year > named_year + NAMED_YEAR_GRACE


def window(extra: dict[str, Any] | str | None) -> dict[str, Any]:
    """What a call's ``extra`` (a dict or its stored JSON) adds to its dates for
    :func:`derive_status`: ``rolling`` and ``named_year``."""
    data = json.loads(extra or "{}") if isinstance(extra, str) else (extra or {})
    year = data.get("named_year")
    return {
        "rolling": bool(data.get("rolling")),
        "named_year": year if isinstance(year, int) and not isinstance(year, bool) else None,
    }


def is_rolling(extra: dict[str, Any] | str | None) -> bool:
    """Whether a call's ``extra`` (a dict or its stored JSON) says it is open until further
    notice."""
    return bool(window(extra)["rolling"])


PRELIMINARY = "preliminärt"


def planned_dates(extra: dict[str, Any] | str | None) -> tuple[bool, str | None]:
    """Whether a call's ``extra`` (a dict or its stored JSON) says the source gives its dates
    as planned, not decided (a funder's list of coming calls), and the planned opening as
    the source words it ("februari 2027") when it names one."""
    data = json.loads(extra or "{}") if isinstance(extra, str) else (extra or {})
    planned = data.get("planned")
    if not planned:
        return False, None
    return True, (planned.strip() or None) if isinstance(planned, str) else None


def next_deadline(deadlines: list[str], today: date) -> str | None:
    """The first deadline on or after ``today``, or None."""
    iso_today = today.isoformat()
    upcoming = [d for d in sorted(deadlines) if d >= iso_today]
    return upcoming[0] if upcoming else None
