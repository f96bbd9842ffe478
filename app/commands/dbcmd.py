"""``eufunds db``: the database itself."""

from __future__ import annotations

import click

from app.output import info, print_json
from db import default_db_path, open_db
from db.migrations import applied_migrations, apply_migrations


@click.group(name="db")
def db_group() -> None:
    """Databasen (EUFUNDS_DB, standard data/eufunds.db)."""


@db_group.command(name="migrate")
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
def migrate(as_json: bool) -> None:
    """Kör väntande migreringar (de körs också vid varje start)."""
    path = default_db_path()
    db = open_db(path, migrate=False)
    applied_now = apply_migrations(db)
    names = applied_migrations(db)
    if as_json:
        print_json({"database": str(path), "applied_now": applied_now, "migrations": names})
        return
    info(f"databas {path}: {len(applied_now)} migrering(ar) körda nu, {len(names)} totalt")
    for name in names:
        click.echo(name)


COMMANDS = [db_group]
