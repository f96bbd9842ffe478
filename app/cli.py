"""The ``eufunds`` command: a thin click layer over the library packages.

Data goes to stdout, logs and progress to stderr (logging configured once: :mod:`app.logs`).
Every error eufunds can explain is an :class:`db.errors.EufundsError` carrying its exit
code; the command group turns it into one line, in one place (:meth:`_Group.invoke`),
never a traceback. Everything a user reads is Swedish (docs/cli.md, *Språket*), click's
own words included (:mod:`app.swedish_click`).
"""

from __future__ import annotations

import functools
import importlib
import json
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from app import exitcodes, swedish_click
from app.logs import configure
from db import DatabaseError, database_exists, default_db_path, vanished_databases
from db.connection import explain_os_error, explain_sqlite_error, forget_opened
from db.errors import EufundsError

swedish_click.install()  # before the decorators below read click's texts

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
            _swedish_usage(command)
            if command.name in _READING_COMMANDS:
                _check_first(command, _database_exists)
            if command.name == "eval":
                _check_first(command, _labels_usable)
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
        forget_opened()
        try:
            result = super().invoke(ctx)
        except EufundsError as exc:
            if isinstance(exc, DatabaseError) or exc.exit_code == exitcodes.FAILED:
                _check_vanished(ctx)
            _fail(ctx, str(exc), exc.exit_code)
        except sqlite3.Error as exc:
            _check_vanished(ctx)  # "readonly" or "I/O error" of a deleted file says so first
            _fail(ctx, explain_sqlite_error(exc), exitcodes.FAILED)
        except OSError as exc:
            message = explain_os_error(exc)
            if message is None:
                raise
            _fail(ctx, message, exitcodes.FAILED)
        except SystemExit as exc:
            if exc.code in (0, None):
                _check_vanished(ctx)
            raise
        except Exception as exc:
            if not _priorities_invalid(exc):
                raise
            # Every error of the file, one per line (file:line:column), as `priorities check`.
            click.echo(str(exc), err=True)
            ctx.exit(exitcodes.PRIORITIES_INVALID)
        _check_vanished(ctx)
        return result


def _priorities_invalid(exc: Exception) -> bool:
    """Whether ``exc`` is the priorities file's own error (exit 3). ``priorities`` imports
    nothing of the project, so its error is not an EufundsError; and a command that never
    read the file must not import pydantic to find that out."""
    issues = sys.modules.get("priorities.issues")
    return issues is not None and isinstance(exc, issues.PrioritiesInvalid)


def _swedish_usage(command: click.Command) -> None:
    """``[FLAGGOR]`` and ``KOMMANDO [ARG]...`` in the usage lines, down every group."""
    command.options_metavar = "[FLAGGOR]"
    if isinstance(command, click.Group):
        command.subcommand_metavar = "KOMMANDO [ARG]..."
        for sub in command.commands.values():
            _swedish_usage(sub)


def _fail(ctx: click.Context, message: str, code: int) -> None:
    click.echo(f"eufunds: fel: {message}", err=True)
    ctx.exit(code)


def _check_vanished(ctx: click.Context) -> None:
    """A database deleted or replaced while the command ran: its work is gone, say so."""
    gone = vanished_databases()
    if gone:
        _fail(
            ctx,
            f"databasen {gone[0]} togs bort eller byttes ut medan kommandot körde; det som "
            "gjordes skrevs till den borttagna filen och är förlorat; kör kommandot igen",
            exitcodes.FAILED,
        )


# Commands that only read the database (or mark a call in it): a missing file is a typing
# mistake in EUFUNDS_DB, not an empty database to create.
_READING_COMMANDS = frozenset(
    {
        "status",
        "search",
        "show",
        "deadlines",
        "export",
        "report",
        "matches",
        "mark",
        "reply",
        "sources",
    }
)


def _check_first(command: click.Command, check: Callable[[dict[str, Any]], None]) -> None:
    """Make ``command`` run ``check`` (on its parsed options) before its own work, once."""
    callback = command.callback
    if callback is None or check in getattr(callback, "_checks", ()):
        return

    @functools.wraps(callback)
    def checked(*args: Any, **kwargs: Any) -> Any:
        check(kwargs)
        return callback(*args, **kwargs)

    checked._checks = (*getattr(callback, "_checks", ()), check)  # type: ignore[attr-defined]
    command.callback = checked


def _database_exists(_options: dict[str, Any]) -> None:
    """A command that only reads refuses to run when there is no database (a typo in
    EUFUNDS_DB), instead of answering from a new empty one."""
    path = default_db_path()
    if not database_exists(path):
        raise DatabaseError(
            f"ingen databas finns på {path}; kör `eufunds crawl` eller "
            "`eufunds import-calls` först, eller kontrollera EUFUNDS_DB"
        )


@click.group(
    cls=_Group,
    context_settings=CONTEXT_SETTINGS,
    options_metavar="[FLAGGOR]",
    subcommand_metavar="KOMMANDO [ARG]...",
)
@click.version_option(package_name="eufunds", message="eufunds %(version)s")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """eufunds: EU-utlysningar matchade mot kommunens prioriteringar.

    Samlar in utlysningar från finansiärerna, poängsätter varje utlysning mot
    prioriteringsfilen och skickar varje förvaltning ett veckobrev. Databasen är
    EUFUNDS_DB (standard data/eufunds.db). En utlysning anges med sitt korta id (det som
    listorna visar) eller sin nyckel källa:id.

    Slutkoder: 0 ok, 1 fel (eller en import med felaktiga rader), 2 felaktig indata,
    3 ogiltig prioriteringsfil, 4 meddelanden misslyckades eller fastnade i utkorgen,
    5 en källa misslyckades.
    """
    # Logging once for the whole command; the services stamp their lines with the time.
    configure(timestamps=ctx.invoked_subcommand in ("serve", "web"))


def _labels_problem(path: Path) -> str | None:
    """What is wrong with a labels file (JSON Lines of {id, grades}), with its line; or None."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return f"kan inte läsa {path}: {exc.strerror}"
    shape = 'varje rad är {"id": UTLYSNING, "grades": {PRIORITERING: 0, 1 eller 2}}'
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError:
            return f"{path}:{number}: inte UTF-8-text; spara filen som UTF-8"
        except (ValueError, RecursionError) as exc:
            return f"{path}:{number}: ingen JSON-rad ({str(exc)[:80]}); {shape}"
        grades = record.get("grades") if isinstance(record, dict) else None
        if not isinstance(grades, dict) or not isinstance(record.get("id"), str):
            return f"{path}:{number}: {shape}"
        for grade in grades.values():
            if isinstance(grade, bool) or not isinstance(grade, int | str):
                return f"{path}:{number}: en bedömning är 0, 1 eller 2, inte {grade!r}"
            try:
                int(grade)
            except ValueError:
                return f"{path}:{number}: en bedömning är 0, 1 eller 2, inte {grade!r}"
    return None


def _labels_usable(options: dict[str, Any]) -> None:
    """``eval`` reports a malformed labels file in one line (exit 2), not a traceback."""
    for path in options.get("labels_files") or ():
        problem = _labels_problem(Path(path))
        if problem:
            raise click.BadParameter(problem, param_hint="'--labels'")


# The modules of app/commands whose COMMANDS make up eufunds (imported lazily, see _Group).
_COMMAND_MODULES: tuple[str, ...] = (
    "calls",
    "dbcmd",
    "crawl",
    "search",
    "show",
    "triage",
    "reply",
    "export",
    "report",
    "priorities",
    "digest",
    "run",
    "match",
    "web",
)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    entry: Callable[..., Any] = cli
    entry(args=argv if argv is not None else sys.argv[1:], prog_name="eufunds")
