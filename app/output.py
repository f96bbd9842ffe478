"""Output helpers: data on stdout (JSON or a table), messages on stderr."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import click
from rich.console import Console
from rich.table import Table

err_console = Console(stderr=True)


def print_json(data: Any) -> None:
    """Write ``data`` as pretty JSON to stdout."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def print_table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Write a readable table to stdout (plain when stdout is not a terminal)."""
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    Console(file=sys.stdout, width=None if sys.stdout.isatty() else 120).print(table)


def info(message: str) -> None:
    """A progress or log line on stderr (never wrapped: lines carry file:line references)."""
    click.echo(message, err=True)
