"""Settings from environment variables, read when needed (never cached across tests)."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

REPO_ROOT = Path(__file__).resolve().parent.parent
FIRST_YEAR, LAST_YEAR = 1990, 2100  # dates outside are typing mistakes, not plans
STOCKHOLM = ZoneInfo("Europe/Stockholm")


class SettingError(ValueError):
    """An environment variable has a value eufunds cannot use; the message says the fix."""


def check_year(day: date, what: str) -> date:
    """``day`` when its year is within FIRST_YEAR..LAST_YEAR; ValueError naming ``what``."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(
            f"{what} {day.isoformat()} is out of range; use a date between "
            f"{FIRST_YEAR}-01-01 and {LAST_YEAR}-12-31"
        )
    return day


def today() -> date:
    """Today's date; ``EUFUNDS_TODAY`` (YYYY-MM-DD) freezes it for demos and tests.

    Without ``EUFUNDS_TODAY`` a frozen ``EUFUNDS_NOW`` gives its day in Stockholm.
    """
    frozen = (os.environ.get("EUFUNDS_TODAY") or "").strip()
    if frozen:
        try:
            return check_year(date.fromisoformat(frozen), "EUFUNDS_TODAY")
        except ValueError as exc:
            raise SettingError(
                f"EUFUNDS_TODAY={frozen!r} is not a usable date ({exc}); write it as "
                "YYYY-MM-DD, e.g. 2026-11-30, or unset it"
            ) from exc
    if os.environ.get("EUFUNDS_NOW"):
        return now().astimezone(STOCKHOLM).date()
    return date.today()


def now() -> datetime:
    """The current time (aware); ``EUFUNDS_NOW`` (ISO date and time) freezes the clock the
    service decides its catch-up by, for tests and demonstrations."""
    frozen = (os.environ.get("EUFUNDS_NOW") or "").strip()
    if not frozen:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(frozen)
        check_year(moment.date(), "EUFUNDS_NOW")
    except ValueError as exc:
        raise SettingError(
            f"EUFUNDS_NOW={frozen!r} is not a usable time ({exc}); write it as "
            "2026-04-06T09:00+02:00, or unset it"
        ) from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=STOCKHOLM)


def shared_dir() -> Path:
    """The folder of real data that developers and CI read in place: ``EUFUNDS_SHARED``.

    It holds real calls (``calls/corpus.jsonl``), captured source responses (``samples/``)
    and the labelled development sets (``eval-dev/``). They were published by others, so
    the repository never carries a copy; tests, benchmarks and ``eufunds eval --dev-set``
    read them here. Default: ``shared`` next to the repository root (``../shared``).
    """
    value = os.environ.get("EUFUNDS_SHARED")
    return Path(value) if value else REPO_ROOT.parent / "shared"
