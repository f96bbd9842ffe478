"""The ``eufunds`` command: a thin click layer over the library packages.

Data goes to stdout, logs and progress to stderr. Library errors become one-line messages
with a documented exit code (:mod:`app.exitcodes`), never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from app import exitcodes
from app.commands import (
    calls,
    crawl,
    dbcmd,
    digest,
    export,
    match,
    report,
    run,
    search,
    show,
    triage,
)
from app.commands import priorities as priorities_commands
from db import DatabaseError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _Group(click.Group):
    """Turns known library errors into a one-line message and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DatabaseError as exc:
            click.echo(f"eufunds: error: {exc}", err=True)
            ctx.exit(exitcodes.FAILED)


@click.group(cls=_Group, context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="eufunds", message="eufunds %(version)s")
def cli() -> None:
    """eufunds: EU funding calls matched to a municipality's priorities.

    Crawls funding sources, scores each call against the priorities file and sends each
    department a weekly digest. The database is EUFUNDS_DB (default data/eufunds.db).

    Exit codes: 0 ok, 1 failure (or an import with bad lines), 2 bad input, 3 invalid
    priorities file, 4 messages failed or stuck in the outbox, 5 a source failed.
    """


_COMMAND_MODULES: tuple[Any, ...] = (
    calls,
    dbcmd,
    crawl,
    search,
    show,
    triage,
    export,
    report,
    priorities_commands,
    digest,
    run,
    match,
)
for _module in _COMMAND_MODULES:
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    entry: Callable[..., Any] = cli
    entry(args=argv if argv is not None else sys.argv[1:], prog_name="eufunds")
