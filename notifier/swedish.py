"""Swedish formatting of dates, days left and amounts for the digests."""

from __future__ import annotations

from datetime import date

from db.language import SWEDISH_MONTHS
from db.status import PRELIMINARY

MONTHS = SWEDISH_MONTHS


def format_date(value: str | date | None) -> str | None:
    """``2026-11-30`` -> ``30 november 2026``; None stays None, an unreadable date is kept."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(value[:10])
        except ValueError:
            return value
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_opening(
    opening_date: str | None, preliminary: bool = False, planned: str | None = None
) -> str | None:
    """The opening as a reader sees it: ``22 januari 2027``, ``22 januari 2027
    (preliminärt)`` for a date the source gives as planned, and ``planerad februari 2027
    (preliminärt)`` for a planned month without a date (:func:`db.status.planned_dates`)."""
    opening = format_date(opening_date)
    if not preliminary:
        return opening
    if opening:
        return f"{opening} ({PRELIMINARY})"
    return f"planerad {planned} ({PRELIMINARY})" if planned else None


def days_left(deadline: str | None, today: date) -> int | None:
    """Whole days from ``today`` to ``deadline`` (0 on the day itself); None without one."""
    if not deadline:
        return None
    try:
        return (date.fromisoformat(deadline[:10]) - today).days
    except ValueError:
        return None


def format_days_left(days: int | None) -> str | None:
    """``24 dagar kvar``, ``1 dag kvar``, ``sista dagen i dag`` or ``stängd``."""
    if days is None:
        return None
    if days < 0:
        return "stängd"
    if days == 0:
        return "sista dagen i dag"
    return "1 dag kvar" if days == 1 else f"{days} dagar kvar"


def format_amount(amount: float | None, currency: str | None) -> str | None:
    """``12 500 000 EUR`` with Swedish thousands separators; None when unknown."""
    if amount is None or amount <= 0:
        return None
    if amount >= 1_000_000 and amount % 100_000 == 0:
        millions = f"{amount / 1_000_000:.1f}".replace(".", ",").removesuffix(",0")
        text = f"{millions} miljoner"
    else:
        text = f"{round(amount):,}".replace(",", "\u00a0")
    return f"{text} {currency or 'EUR'}".strip()
