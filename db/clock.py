"""The clock every part reads: today's date, the current time, and timestamps to store.

``EUFUNDS_TODAY`` (a date) and ``EUFUNDS_NOW`` (a date and time) freeze it for demos and
tests, in the command line, the service and the crawl subprocesses alike. Stored times are
UTC; what a user reads is shown in Europe/Stockholm (:data:`STOCKHOLM`).
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from db.errors import SettingError

FIRST_YEAR, LAST_YEAR = 1990, 2100  # dates outside are typing mistakes, not plans
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def check_year(day: date, what: str) -> date:
    """``day`` when its year is within FIRST_YEAR..LAST_YEAR; ValueError naming ``what``."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(
            f"{what} {day.isoformat()} ligger utanför {FIRST_YEAR}-01-01 … {LAST_YEAR}-12-31"
        )
    return day


def today() -> date:
    """Today's date in Stockholm; ``EUFUNDS_TODAY`` (YYYY-MM-DD) freezes it.

    Without ``EUFUNDS_TODAY`` a frozen ``EUFUNDS_NOW`` gives its day in Stockholm.
    Raises :class:`SettingError` for a value that is not a usable date.
    """
    frozen = (os.environ.get("EUFUNDS_TODAY") or "").strip()
    if frozen:
        try:
            return check_year(date.fromisoformat(frozen), "EUFUNDS_TODAY")
        except ValueError as exc:
            raise SettingError(
                f"EUFUNDS_TODAY={frozen!r} är inget användbart datum ({exc}); skriv det som "
                "ÅÅÅÅ-MM-DD, t.ex. 2026-11-30, eller ta bort inställningen"
            ) from exc
    return now().astimezone(STOCKHOLM).date()


def now() -> datetime:
    """The current time (aware); ``EUFUNDS_NOW`` (ISO date and time) freezes it.

    Raises :class:`SettingError` for a value that is not a usable time.
    """
    frozen = (os.environ.get("EUFUNDS_NOW") or "").strip()
    if not frozen:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(frozen)
        check_year(moment.date(), "EUFUNDS_NOW")
    except ValueError as exc:
        raise SettingError(
            f"EUFUNDS_NOW={frozen!r} är ingen användbar tidpunkt ({exc}); skriv den som "
            "2026-04-06T09:00+02:00, eller ta bort inställningen"
        ) from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=STOCKHOLM)


def utc_now() -> str:
    """The current time as an ISO string in UTC, seconds precision (what is stored).

    The real time: a frozen ``EUFUNDS_NOW`` decides what the service does, not when a
    record says it was written.
    """
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def local_time(stamp: str | datetime | None) -> str:
    """A stored time (ISO, UTC) as a reader sees it: ``2026-11-30 08:15`` in Stockholm.

    Empty for None; a value that is not a time is shown as it is."""
    if stamp is None or stamp == "":
        return ""
    try:
        moment = stamp if isinstance(stamp, datetime) else datetime.fromisoformat(str(stamp))
    except ValueError:
        return str(stamp)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")
