"""Derived status of a call from its dates: open, forthcoming, closed or unknown.

Sources' own status fields go stale (the EU portal keeps "Forthcoming" on topics closed for
years), so the dates decide and the source's word is only a hint when dates are missing.
Without dates, a title that names only years long past ("… 2021–2022", "hösten 2023") or
a spring gone by ("spring 2025") closes the call too (:func:`title_year`), as does the year
of the number its source registered it under (:func:`registered_year`), and so does a date
that a source's list of calls gives a call it no longer shows as open
(:func:`listed_closed`).
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from db.language import DAY_MONTH_YEAR, MONTH_DAY_YEAR, MONTH_NUMBERS

STATUSES = ("open", "forthcoming", "closed", "unknown")
# A year a title names: a round ("hösten 2023", "utlysning 2020:3"), a period ("år 2021–2022")
# or a goal ("Agenda 2030"). A round's deadline may fall early in the next year, so a call
# without dates is over only from the second year after the last year its title names.
_YEAR = re.compile(
    r"(?<![\d€$])(?:19|20)\d\d(?!\d)(?!\s*(?:kr\b|kronor|sek\b|eur\b|euro|€|%))",
    re.IGNORECASE,
)  # an amount ("2000 kronor", "€1950") is not a year
NAMED_YEAR_GRACE = 1
# A round named for a spring ("Cirkularitet FFI – spring 2026", "våren 2025") takes its
# applications that spring (a spring round's decisions, not its applications, may run into
# the summer), so without dates it is over from this day of that year on.
_SPRING = re.compile(r"\b(?:spring|våren|vår)\s+((?:19|20)\d\d)(?!\d)", re.IGNORECASE)
SPRING_OVER = (9, 1)  # (month, day)

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
    named_spring: bool = False,
    listed_closed: str | None = None,
) -> str:
    """The status on ``today``. A deadline day itself still counts as open; a call open
    until further notice (``rolling``, "löpande") without a deadline is open once opened. A
    call with no deadline and not open until further notice whose title names no year after
    ``named_year`` (:func:`title_year`) is closed once that year is :data:`NAMED_YEAR_GRACE`
    years past, or from :data:`SPRING_OVER` of it when the title names that year's spring
    (``named_spring``, :func:`title_spring`), whatever the source's word; so is one whose
    source's list dates it ``listed_closed`` (:func:`listed_closed`) once that day is past.
    An opening date still to come wins."""
    iso_today = today.isoformat()
    if deadlines and max(deadlines) < iso_today:
        return "closed"
    if opening_date and opening_date > iso_today:
        return "forthcoming"
    if deadlines or rolling:
        return "open"
    if past_named_year(named_year, today, named_spring) or (
        listed_closed and listed_closed < iso_today
    ):
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


# A text that names its own round's year: "texten gäller ansökningsomgången hösten 2014",
# "the spring 2024 call".
_ROUND_YEAR = re.compile(
    r"\b(?:ansöknings|utlysnings)?omgång(?:en)?\s+(?:(?:hösten|våren|höst|vår)\s+)?"
    r"((?:19|20)\d\d)(?!\d)|\b(?:spring|autumn|fall)\s+((?:19|20)\d\d)\s+(?:call|round)\b",
    re.IGNORECASE,
)


def text_round_year(text: str | None) -> int | None:
    """The latest year a call's text gives its own round ("ansökningsomgången hösten
    2014"), or None: for a call whose title names no year, the year :func:`title_year`
    would give."""
    years = [int(a or b) for a, b in _ROUND_YEAR.findall(text or "")]
    return max(years) if years else None


def named_year_facts(
    title: str | None, text: str | None, url: str | None, *, by_number: bool = True
) -> dict[str, Any]:
    """``extra``'s ``named_year`` and where it comes from: the latest year the title names
    (:func:`title_year`); else the year the text gives its own round
    (:func:`text_round_year`, ``named_in_text``); else, with ``by_number`` (a call without
    any date, given or planned: an address may name the page of a programme older than a
    round that has an opening date), the year of the number its source registered it under
    (:func:`registered_year`, ``named_by_number``: that number). None where there is no
    such fact."""
    facts: dict[str, Any] = {"named_year": title_year(title)}
    facts["named_in_text"] = facts["named_by_number"] = None
    if facts["named_year"] is None and (year := text_round_year(text)) is not None:
        facts.update(named_year=year, named_in_text=True)
    elif facts["named_year"] is None and by_number and (number := registered_year(url)):
        facts.update(named_year=number[0], named_by_number=number[1])
    return facts


def title_spring(title: str | None) -> bool:
    """Whether the title names the latest year it names (:func:`title_year`) only as a
    spring ("spring 2025", "våren 2025"): the round of that spring."""
    year = title_year(title)
    if year is None:
        return False
    springs = {m.start(1) for m in _SPRING.finditer(title or "") if int(m[1]) == year}
    mentions = [m.start() for m in _YEAR.finditer(title or "") if int(m[0]) == year]
    return all(start in springs for start in mentions)


def past_named_year(named_year: int | None, today: date, spring: bool = False) -> bool:
    """Whether a title's latest year (:func:`title_year`) is long enough past on ``today``
    for a call without dates to be over: :data:`NAMED_YEAR_GRACE` years, or for a round of
    that year's spring (:func:`title_spring`) from :data:`SPRING_OVER` of it."""
    if named_year is None:
        return False
    if spring:
        return today >= date(named_year, *SPRING_OVER)
    return today.year > named_year + NAMED_YEAR_GRACE


# Numbers that some sources give a call when they register or publish it, in the call's
# address: Vinnova's diarienummer ("…/impact-innovation-increased-resource-2024-01245", the
# year it was registered) and Formas's dated call pages ("…/calls/2025-04-14-explore….html",
# the day it was published). A call is open for months, not years, after that (the corpus's
# Formas calls with a deadline closed 1 to 7 months after their page's date), so without
# dates the number's year closes the call as a title's year does (:func:`past_named_year`).
_NUMBERED_HOSTS = (
    ("vinnova.se", re.compile(r"(?<!\d)((?:19|20)\d\d)-\d{5}$")),
    ("formas.se", re.compile(r"^((?:19|20)\d\d)-\d\d-\d\d(?=-)")),
)


def registered_year(url: str | None) -> tuple[int, str] | None:
    """The year of the number a source gives the call in its address (the last part of its
    path), and that number: Vinnova's diarienummer ("2024-01245"), the date of Formas's call
    page ("2025-04-14"); None for other sources or an address without one."""
    parts = urlsplit(url or "")
    host = (parts.hostname or "").lower()
    last = parts.path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".html")
    for known, number in _NUMBERED_HOSTS:
        if host == known or host.endswith("." + known):
            found = number.search(last)
            return (int(found[1]), found[0]) if found else None
    return None


# Energimyndigheten's list of calls dates every call on its card (title, date, kind of
# support, summary; the corpus format keeps the card as ``title_en``): a call open for
# applications as "Closes 2 June 2026" (its deadline), a call no longer open by a bare date,
# the day it closed. In the list as captured on 2026-04-23 every bare date (160 calls,
# 2020-09-22 to 2026-04-17) lies before that day and every "Closes" after it, and where a
# call's own text states its deadline the bare date is that day (9 of 9).
_LISTING_HOSTS = ("energimyndigheten.se",)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_WINDOW_WORD = re.compile(
    r"\b(closes?|closing|opens?|opening|deadline|stänger|öppnar|sista ansökningsdag)\W*$",
    re.IGNORECASE,
)


# Formas's list of calls gives each call's phase on its card: "Current: 16 days left. Apply
# before: 2026-05-20", "Future: Open for applying 2026-08-26", "Given decision: 2026-04-21"
# and "Closed: Decision is made 2026-06-16". The last two take no more applications; the day
# they name is the decision's, after which the call is over whatever else is known of it.
_PHASE_HOSTS = ("formas.se",)
_PHASE_CLOSED = re.compile(
    r"\b(?:given decision|closed)\b\W+(?:decision is made\W+)?(\d{4}-\d{2}-\d{2})",
    re.IGNORECASE,
)


def _on_host(host: str, hosts: tuple[str, ...]) -> bool:
    return any(host == h or host.endswith("." + h) for h in hosts)


def listed_closed(url: str | None, card: object) -> str | None:
    """The ISO date that a source's list of calls gives a call it does not show as open (the
    first date of ``card``, the call's line in that list, when no window word such as
    "Closes" or "Opens" announces it; on Formas's list, the day of the decision its closed
    phases name), or None. Only for the lists that date their calls so
    (:data:`_LISTING_HOSTS`, :data:`_PHASE_HOSTS`)."""
    host = (urlsplit(url or "").hostname or "").lower()
    if not isinstance(card, str):
        return None
    if _on_host(host, _PHASE_HOSTS):
        phase = _PHASE_CLOSED.search(card)
        return phase[1] if phase else None
    if not _on_host(host, _LISTING_HOSTS):
        return None
    dates = [(m.start(), m[1], m[2], m[3]) for m in DAY_MONTH_YEAR.finditer(card) if m[3]] + [
        (m.start(), m[2], m[1], m[3]) for m in MONTH_DAY_YEAR.finditer(card)
    ]
    if not dates:
        return None
    start, day, month, year = min(dates)
    if _WINDOW_WORD.search(card[:start]):
        return None
    try:
        return date(int(year), MONTH_NUMBERS[month.lower()], int(day)).isoformat()
    except ValueError:
        return None


def window(extra: dict[str, Any] | str | None) -> dict[str, Any]:
    """What a call's ``extra`` (a dict or its stored JSON) adds to its dates for
    :func:`derive_status`: ``rolling``, ``named_year``, ``named_spring`` and
    ``listed_closed``."""
    data = json.loads(extra or "{}") if isinstance(extra, str) else (extra or {})
    year = data.get("named_year")
    listed = data.get("listed_closed")
    return {
        "rolling": bool(data.get("rolling")),
        "named_year": year if isinstance(year, int) and not isinstance(year, bool) else None,
        "named_spring": data.get("named_spring") is True,
        "listed_closed": listed if isinstance(listed, str) and _ISO_DAY.fullmatch(listed) else None,
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
