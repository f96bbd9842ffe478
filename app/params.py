"""Click parameter types shared by the commands."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import click

from db.clock import check_year
from db.language import fold
from notifier.weeks import WeekError, parse_week


class DateParam(click.ParamType):
    """An ISO date (YYYY-MM-DD) between 1990 and 2100; a clear usage error (exit 2) otherwise."""

    name = "datum"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            day = date.fromisoformat(str(value))
        except ValueError:
            self.fail(
                f"{value!r} är inget datum; skriv det som ÅÅÅÅ-MM-DD, t.ex. 2026-11-30", param, ctx
            )
        try:
            return check_year(day, "datumet")
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


DATE = DateParam()


class WeekParam(click.ParamType):
    """An ISO week such as 2026-W48; a clear usage error (exit 2) otherwise."""

    name = "vecka"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            return parse_week(str(value))
        except WeekError as exc:
            self.fail(str(exc), param, ctx)


WEEK = WeekParam()


class SwedishChoice(click.ParamType):
    """One of a few values, written in Swedish (``--status öppen``); the English words are
    kept as aliases (``--status open``). Converts to the stored (English) value.

    ``choices`` maps each Swedish word to the stored value; ``aliases`` (default: the stored
    values themselves) are accepted too. Case, å/ä/ö and a space for a hyphen do not matter
    (:func:`db.language.fold`).
    """

    name = "val"

    def __init__(self, choices: dict[str, str], aliases: dict[str, str] | None = None) -> None:
        self.choices = choices
        self.aliases = aliases if aliases is not None else {v: v for v in choices.values()}
        self._lookup = {fold(k): v for k, v in {**self.aliases, **self.choices}.items()}

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "[" + "|".join(self.choices) + "]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        if isinstance(value, str) and fold(value) in self._lookup:
            return self._lookup[fold(value)]
        self.fail(
            f"{value!r} är inte något av: {', '.join(self.choices)}"
            + (f" (på engelska: {', '.join(self.aliases)})" if self.aliases else ""),
            param,
            ctx,
        )


def whole_number_option(
    name: str, low: int, high: int, default: int, metavar: str, help: str
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """An option taking a whole number from ``low`` to ``high`` (``--limit``, ``--days``,
    ``--port``), its default shown in the help."""
    return click.option(
        name,
        type=click.IntRange(low, high),
        metavar=metavar,
        default=default,
        show_default=True,
        help=help,
    )


REPLAY_OPTION = click.option(
    "--replay",
    is_flag=True,
    help="Samla in genererade demoinspelningar (påhittade utlysningar på 127.0.0.1) i "
    "stället för de riktiga källorna, till data/replay.db om inte EUFUNDS_DB säger annat "
    "(för demonstrationer).",
)
