"""The ``eufunds`` command: a thin click layer over the library packages.

Data goes to stdout, logs and progress to stderr. Library errors become one-line messages
with a documented exit code (:mod:`app.exitcodes`), never a traceback.
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

from app import exitcodes
from app.settings import SettingError
from db import DatabaseError, database_exists, default_db_path, vanished_databases
from db.connection import explain_os_error, explain_sqlite_error, forget_opened
from notifier.links import LinkSettingsError

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
            if command.name in _READING_COMMANDS:
                _needs_database(command)
            if command.name == "eval":
                _checks_labels(command)
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
        except DatabaseError as exc:
            _fail(ctx, str(exc), exitcodes.FAILED)
        except (SettingError, LinkSettingsError) as exc:
            _fail(ctx, str(exc), exitcodes.USAGE)
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
        _check_vanished(ctx)
        return result


def _fail(ctx: click.Context, message: str, code: int) -> None:
    click.echo(f"eufunds: error: {message}", err=True)
    ctx.exit(code)


def _check_vanished(ctx: click.Context) -> None:
    """A database deleted or replaced while the command ran: its work is gone, say so."""
    gone = vanished_databases()
    if gone:
        _fail(
            ctx,
            f"the database {gone[0]} was deleted or replaced while the command ran; what it "
            "did was written to the deleted file and is lost; run the command again",
            exitcodes.FAILED,
        )


# Commands that only read the database (or mark a call in it): a missing file is a typing
# mistake in EUFUNDS_DB, not an empty database to create.
_READING_COMMANDS = frozenset(
    {"status", "search", "show", "deadlines", "export", "report", "matches", "mark", "sources"}
)


def _needs_database(command: click.Command) -> None:
    """Make ``command`` refuse to run (after parsing its options) when there is no database."""
    callback = command.callback
    if callback is None or getattr(callback, "_needs_database", False):
        return

    @functools.wraps(callback)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        path = default_db_path()
        if not database_exists(path):
            raise DatabaseError(
                f"no database at {path}; run `eufunds crawl` or `eufunds import-calls` first, "
                "or check EUFUNDS_DB"
            )
        return callback(*args, **kwargs)

    guarded._needs_database = True  # type: ignore[attr-defined]
    command.callback = guarded


@click.group(cls=_Group, context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="eufunds", message="eufunds %(version)s")
def cli() -> None:
    """eufunds: EU funding calls matched to a municipality's priorities.

    Crawls funding sources, scores each call against the priorities file and sends each
    department a weekly digest. The database is EUFUNDS_DB (default data/eufunds.db).

    Exit codes: 0 ok, 1 failure (or an import with bad lines), 2 bad input, 3 invalid
    priorities file, 4 messages failed or stuck in the outbox, 5 a source failed.
    """


def _labels_problem(path: Path) -> str | None:
    """What is wrong with a labels file (JSON Lines of {id, grades}), with its line; or None."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return f"cannot read {path}: {exc.strerror}"
    shape = 'each line is {"id": CALL, "grades": {PRIORITY: 0, 1 or 2}}'
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError:
            return f"{path}:{number}: not UTF-8 text; save the file as UTF-8"
        except (ValueError, RecursionError) as exc:
            return f"{path}:{number}: not a JSON line ({str(exc)[:80]}); {shape}"
        grades = record.get("grades") if isinstance(record, dict) else None
        if not isinstance(grades, dict) or not isinstance(record.get("id"), str):
            return f"{path}:{number}: {shape}"
        for grade in grades.values():
            if isinstance(grade, bool) or not isinstance(grade, int | str):
                return f"{path}:{number}: a grade is 0, 1 or 2, not {grade!r}"
            try:
                int(grade)
            except ValueError:
                return f"{path}:{number}: a grade is 0, 1 or 2, not {grade!r}"
    return None


def _checks_labels(command: click.Command) -> None:
    """Make ``eval`` report a malformed labels file in one line (exit 2), not a traceback."""
    callback = command.callback
    if callback is None or getattr(callback, "_checks_labels", False):
        return

    @functools.wraps(callback)
    def checked(*args: Any, **kwargs: Any) -> Any:
        for path in kwargs.get("labels_files") or ():
            problem = _labels_problem(Path(path))
            if problem:
                raise click.BadParameter(problem, param_hint="'--labels'")
        return callback(*args, **kwargs)

    checked._checks_labels = True  # type: ignore[attr-defined]
    command.callback = checked


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
    "web",
)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    entry: Callable[..., Any] = cli
    entry(args=argv if argv is not None else sys.argv[1:], prog_name="eufunds")
