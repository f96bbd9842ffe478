"""``eufunds digest`` (preview, build, send) and ``eufunds outbox`` (list, retry)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.markup import escape

from app import exitcodes, settings
from app.output import info, print_json, print_table
from app.weekly import NoPriorities, build_step, load_state
from db import default_db_path, open_db
from db.calls import utc_now
from notifier.build import digest_exists
from notifier.delivery import SettingsError, transport_from_env
from notifier.digest import COORDINATOR, collect_digest
from notifier.outbox import (
    OutboxError,
    flush_outbox,
    list_outbox,
    problems,
    retry,
)
from notifier.render import render
from notifier.weeks import WeekError, iso_week, parse_week, week_monday

OUTBOX_STATUSES = ("pending", "sending", "sent", "failed")


class WeekParam(click.ParamType):
    """An ISO week such as 2026-W48; a clear usage error (exit 2) otherwise."""

    name = "week"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            return parse_week(str(value))
        except WeekError as exc:
            self.fail(str(exc), param, ctx)


WEEK = WeekParam()


def _state(db: Any) -> Any:
    try:
        return load_state(db)
    except NoPriorities as exc:
        click.echo(f"eufunds: error: {exc}", err=True)
        raise SystemExit(exitcodes.PRIORITIES_INVALID) from exc


def _transport() -> Any:
    try:
        return transport_from_env()
    except SettingsError as exc:
        raise click.UsageError(str(exc)) from exc


def _exit_on_problems(db: Any) -> None:
    stuck = problems(db)
    if stuck:
        info(
            f"{len(stuck)} message(s) failed or waiting to be retried: "
            "see `eufunds outbox list --status failed`, fix the cause, `eufunds outbox retry ID`"
        )
        raise SystemExit(exitcodes.OUTBOX_FAILED)


@click.group(name="digest")
def digest_group() -> None:
    """The weekly digests: preview, build and send."""


@digest_group.command(name="preview")
@click.option("--department", "-d", required=True, help="Department id (see priorities show).")
@click.option("--week", type=WEEK, help="ISO week, e.g. 2026-W48 (default: this week).")
@click.option(
    "--html",
    "html_file",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write the HTML part to this file (open it in a browser).",
)
def preview(department: str, week: str | None, html_file: Path | None) -> None:
    """Show a department's digest (plain text) without sending anything.

    An already built digest is shown as it was built; otherwise it is put together now and
    not stored. `samordnare` previews the EU coordinator's digest.
    """
    db = open_db()
    state = _state(db)
    priorities = state.priorities
    ids = [d.id for d in priorities.departments]
    if department in ("samordnare", COORDINATOR) and department not in ids:
        department = COORDINATOR
    elif department not in ids:
        raise click.UsageError(
            f"unknown department {department!r}; choose one of: {', '.join(ids)} (or samordnare)"
        )
    today = settings.today()
    week = week or iso_week(today)
    stored = digest_exists(db, department, week)
    if stored is not None:
        row = next(db["digests"].rows_where("id = ?", [stored]))
        subject, text, html = row["subject"], row["text"], row["html"]
        info(f"digest of week {week} as built on {row['built_at']}")
    else:
        # A week other than this one is previewed as it would look on its Monday.
        day = today if week == iso_week(today) else week_monday(week)
        digest = collect_digest(
            db,
            priorities,
            department,
            week,
            day,
            now=utc_now(),
            warning=state.warning if state.fallback else None,
            priorities_version=state.version_hash,
        )
        rendered = render(digest)
        subject, text, html = rendered.subject, rendered.text, rendered.html
        info(f"preview of week {week}: not built yet, nothing stored or sent")
    if html_file is not None:
        html_file.parent.mkdir(parents=True, exist_ok=True)
        html_file.write_text(html, encoding="utf-8")
        info(f"HTML written to {html_file}")
    click.echo(f"Ämne: {subject}\n")
    click.echo(text, nl=False)


@digest_group.command(name="build")
@click.option("--week", type=WEEK, help="ISO week (default: this week).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def build(week: str | None, as_json: bool) -> None:
    """Build this week's digests and queue them in the outbox (once per department and week).

    Running it again changes nothing; `eufunds digest send` delivers what is queued.
    """
    _transport()  # the sender address goes into the Message-IDs: check it first
    db_path = default_db_path()
    try:
        results, state = build_step(db_path, today=settings.today(), week=week, now=utc_now())
    except NoPriorities as exc:
        click.echo(f"eufunds: error: {exc}", err=True)
        raise SystemExit(exitcodes.PRIORITIES_INVALID) from exc
    if state.fallback and state.warning:
        info(f"warning: {state.warning}")
    rows = [
        {
            "department": r.department,
            "name": r.name,
            "week": r.iso_week,
            "digest_id": r.digest_id,
            "built_now": r.created,
            "recipients": r.recipients,
            "new": r.new,
            "note": r.note,
        }
        for r in results
    ]
    if as_json:
        print_json(rows)
        return
    print_table(
        None,
        ["department", "week", "result", "recipients", "new", "note"],
        (
            [
                r["department"],
                r["week"],
                "built" if r["built_now"] else ("exists" if r["digest_id"] else "skipped"),
                r["recipients"],
                r["new"],
                r["note"] or "",
            ]
            for r in rows
        ),
    )


@digest_group.command(name="send")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def send(as_json: bool) -> None:
    """Deliver what is due in the outbox: by SMTP, or as .eml files when no SMTP is set.

    A message is marked sent only after the server accepted it; temporary failures are
    retried later with back-off. Exit code 4 while messages are failed or waiting to retry.
    """
    db = open_db()
    transport = _transport()
    result = flush_outbox(db, transport)
    data = {
        "sent": result.sent,
        "retrying": result.retrying,
        "failed": result.failed,
        "delivered_to": transport.description,
        "errors": result.errors,
    }
    if as_json:
        print_json(data)
    else:
        click.echo(
            f"{result.sent} sent, {result.retrying} to retry, {result.failed} failed "
            f"({transport.description})"
        )
        for error in result.errors:
            info(f"  {error}")
    _exit_on_problems(db)


@click.group(name="outbox")
def outbox_group() -> None:
    """Messages waiting, sent and failed (exit code 4 while any failed or is stuck)."""


@outbox_group.command(name="list")
@click.option("--status", type=click.Choice(OUTBOX_STATUSES), help="Only this status.")
@click.option("--week", type=WEEK, help="Only this ISO week.")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def outbox_list(status: str | None, week: str | None, as_json: bool) -> None:
    """List outbox messages, newest week first."""
    db = open_db()
    rows = list_outbox(db, status=status, week=week)
    if as_json:
        print_json(rows)
    else:
        print_table(
            None,
            ["id", "week", "department", "recipient", "status", "tries", "next try", "error"],
            (
                [
                    r["id"],
                    r["week"],
                    r["department"],
                    r["recipient"],
                    r["status"],
                    r["attempts"],
                    r["next_attempt_at"] if r["status"] == "pending" else "",
                    escape(r["last_error"] or ""),  # server text: never rich markup
                ]
                for r in rows
            ),
        )
    _exit_on_problems(db)


@outbox_group.command(name="retry")
@click.argument("outbox_id", metavar="ID", type=int)
def outbox_retry(outbox_id: int) -> None:
    """Send message ID now (a failed one, or one waiting for its next try).

    A message already sent is never sent again.
    """
    db = open_db()
    try:
        retry(db, outbox_id)
    except OutboxError as exc:
        raise click.UsageError(str(exc)) from exc
    transport = _transport()
    result = flush_outbox(db, transport, only_id=outbox_id)
    if result.sent:
        click.echo(f"message {outbox_id} sent ({transport.description})")
    else:
        click.echo(f"message {outbox_id} not sent: {'; '.join(result.errors) or 'not due'}")
    _exit_on_problems(db)


COMMANDS = [digest_group, outbox_group]
