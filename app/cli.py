"""The ``eufunds`` command: a thin click layer over the library packages.

Data goes to stdout, logs and progress to stderr. Library errors become one-line messages
with a documented exit code (:mod:`app.exitcodes`), never a traceback.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any

import click

from app import exitcodes
from db import DatabaseError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _Group(click.Group):
    """Loads command modules when needed; turns known library errors into a one-line message
    and an exit code.

    A command that lives in the module of its own name (``search`` in
    ``app/commands/search.py``) is loaded alone: ``eufunds search`` must start in well under
    a second and must not import scrapy, torch or pydantic for the other commands. Anything
    else (help, other names) loads every module in :data:`_COMMAND_MODULES`.
    """

    def _load(self, module_name: str) -> None:
        module = importlib.import_module(f"app.commands.{module_name}")
        for command in module.COMMANDS:
            if command.name not in self.commands:
                self.add_command(command)

    def _load_all(self) -> None:
        for module_name in _COMMAND_MODULES:
            self._load(module_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._load_all()
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in _COMMAND_MODULES:
            self._load(cmd_name)
        if cmd_name not in self.commands:
            self._load_all()
        return super().get_command(ctx, cmd_name)

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


# The modules of app/commands whose COMMANDS make up eufunds (imported lazily, see _Group).
_COMMAND_MODULES: tuple[str, ...] = (
    "calls",
    "dbcmd",
    "crawl",
    "search",
    "show",
    "triage",
    "export",
    "report",
    "priorities",
    "digest",
    "run",
    "match",
)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    entry: Callable[..., Any] = cli
    entry(args=argv if argv is not None else sys.argv[1:], prog_name="eufunds")
