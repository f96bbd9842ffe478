"""Derived status of a call from its dates: open, forthcoming, closed or unknown.

Sources' own status fields go stale (the EU portal keeps "Forthcoming" on topics closed for
years), so the dates decide and the source's word is only a hint when dates are missing.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

STATUSES = ("open", "forthcoming", "closed", "unknown")

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
) -> str:
    """The status on ``today``. A deadline day itself still counts as open; a call open
    until further notice (``rolling``, "löpande") without a deadline is open once opened."""
    iso_today = today.isoformat()
    if deadlines and max(deadlines) < iso_today:
        return "closed"
    if opening_date and opening_date > iso_today:
        return "forthcoming"
    if deadlines or rolling:
        return "open"
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


def is_rolling(extra: dict[str, Any] | str | None) -> bool:
    """Whether a call's ``extra`` (a dict or its stored JSON) says it is open until further
    notice."""
    data = json.loads(extra or "{}") if isinstance(extra, str) else (extra or {})
    return bool(data.get("rolling"))


def next_deadline(deadlines: list[str], today: date) -> str | None:
    """The first deadline on or after ``today``, or None."""
    iso_today = today.isoformat()
    upcoming = [d for d in sorted(deadlines) if d >= iso_today]
    return upcoming[0] if upcoming else None
