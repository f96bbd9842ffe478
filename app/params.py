"""Click parameter types shared by the commands."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from app.settings import check_year


class DateParam(click.ParamType):
    """An ISO date (YYYY-MM-DD) between 1990 and 2100; a clear usage error (exit 2) otherwise."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            day = date.fromisoformat(str(value))
        except ValueError:
            self.fail(
                f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-30", param, ctx
            )
        try:
            return check_year(day, "the date")
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


DATE = DateParam()
