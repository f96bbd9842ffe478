"""The outbox: one row per digest and recipient, marked sent only after delivery.

States: ``pending`` (waiting for its next attempt), ``sending`` (claimed by a flush),
``unconfirmed`` (the server received the content but never answered: it may have it),
``sent`` and ``failed`` (a permanent refusal; ``eufunds outbox retry`` puts it back).
Transient failures are retried with exponential back-off. A row is claimed before it is
sent and committed as sent right after the server accepted it, one row at a time, so the
only duplicate possible is a crash between those two moments (docs/digests.md); the fixed
Message-ID makes such a duplicate recognisable. Rows left ``sending`` by a crashed process
are taken up again after :data:`STALE_AFTER`. An ``unconfirmed`` row is sent once more by a
later flush, no sooner than :data:`UNCONFIRMED_WAIT`; unconfirmed a second time it is
``failed`` (at most one duplicate, as after a crash).
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlite_utils

from db import outbox as rows
from db.clock import local_time, utc_now
from db.errors import BadInput
from notifier.delivery import DeliveryError, Transport, mail_from
from notifier.mime import build_message

STALE_AFTER = timedelta(minutes=15)
UNCONFIRMED_WAIT = timedelta(minutes=15)  # before the one resend of an unconfirmed message
FIRST_BACKOFF = timedelta(minutes=1)
MAX_BACKOFF = timedelta(hours=6)
STOCKHOLM = ZoneInfo("Europe/Stockholm")
_FILE_UNSAFE = re.compile(r"[^A-Za-z0-9@._-]+")


class OutboxError(BadInput):
    """An outbox request that cannot be done; the message says why."""


@dataclass
class FlushResult:
    """What one flush of the outbox did."""

    sent: int = 0
    retrying: int = 0  # includes the unconfirmed
    failed: int = 0
    unconfirmed: int = 0
    stopped: bool = False  # asked to stop: rows left for the next flush
    delivered_to: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def now_utc() -> datetime:
    """The current time, timezone-aware, seconds precision."""
    return datetime.fromisoformat(utc_now())


def backoff(attempts: int) -> timedelta:
    """Wait after the ``attempts``-th failed try: 1, 2, 4, … minutes, at most six hours."""
    return min(FIRST_BACKOFF * (2 ** max(0, attempts - 1)), MAX_BACKOFF)


def reclaim_stale(db: sqlite_utils.Database, now: datetime) -> int:
    """Put rows a crashed flush left in ``sending`` back to ``pending``; return how many."""
    return rows.reclaim_stale(db, _iso(now - STALE_AFTER))


def flush_outbox(
    db: sqlite_utils.Database,
    transport: Transport,
    *,
    now: datetime | None = None,
    only_id: int | None = None,
    sender: str | None = None,
    stop: threading.Event | None = None,
) -> FlushResult:
    """Deliver every due pending row (or just ``only_id``) through ``transport``.

    ``stop`` set (SIGTERM to the service) claims no further row and cuts the delivery in
    progress short (:meth:`notifier.delivery.SmtpTransport.stop`).
    """
    now = now or now_utc()
    sender = sender or mail_from()
    reclaim_stale(db, now)
    due = rows.due_rows(db, _iso(now), only_id)
    result = FlushResult()
    if not due:
        return result
    with transport, _watch(stop, transport):
        for row in due:
            if stop is not None and stop.is_set():
                result.stopped = True
                break
            if not rows.claim(db, row["id"], row["status"], _iso(now)):
                continue  # another flush took it
            try:
                where_to = _deliver(row, transport, sender)
            except DeliveryError as exc:
                _record_failure(db, row, exc, now, result)
                continue
            rows.set_sent(db, row["id"], _iso(now_utc()), where_to)
            result.sent += 1
            result.delivered_to.add(
                where_to if not where_to.endswith(".eml") else where_to.rsplit("/", 2)[0]
            )
    return result


def _deliver(row: dict[str, Any], transport: Transport, sender: str) -> str:
    """Build the row's message and hand it to ``transport``; where it went."""
    name = f"{row['iso_week']}/{_file_name(row['department'])}--{_file_name(row['recipient'])}"
    try:
        message = build_message(
            subject=row["subject"],
            text=row["text"],
            html=row["html"],
            sender=sender,
            recipient=row["recipient"],
            message_id=row["message_id"],
            date=datetime.fromisoformat(row["built_at"]).astimezone(STOCKHOLM),
            reply_to=json.loads(row["reply_to"] or "[]"),
            sender_name=row["sender_name"],
        )
    except (ValueError, IndexError) as exc:
        # An address the email library refuses can never be sent as it is.
        raise DeliveryError(
            f"kan inte bygga meddelandet till {row['recipient']!r} från {sender!r} "
            f"(e-postbiblioteket: {exc}); rätta adressen (EUFUNDS_MAIL_FROM eller "
            f"prioriteringsfilen) och kör `eufunds outbox retry {row['id']}`",
            permanent=True,
        ) from exc
    return transport.deliver(message, row["recipient"], name)


def _record_failure(
    db: sqlite_utils.Database,
    row: dict[str, Any],
    exc: DeliveryError,
    now: datetime,
    result: FlushResult,
) -> None:
    """A failed delivery: failed for good, unconfirmed (sent once more later) or pending."""
    was_unconfirmed = row["status"] == "unconfirmed"
    attempts = row["attempts"] + 1
    error = str(exc)
    if exc.unconfirmed and was_unconfirmed:
        error += (
            "; andra gången utan bekräftelse, så det skickas inte igen: "
            "se e-postserverns logg (det kan ha kommit fram två gånger), sedan "
            f"`eufunds outbox retry {row['id']}` om det inte kom fram"
        )
    elif exc.unconfirmed:
        again = now + max(backoff(attempts), UNCONFIRMED_WAIT)
        error += f"; skickas en gång till vid en senare körning, tidigast {local_time(again)}"
    result.errors.append(f"{row['recipient']}: {error}")
    if exc.permanent or (exc.unconfirmed and was_unconfirmed):
        result.failed += 1
        rows.set_failed(db, row["id"], error)
    elif exc.unconfirmed or was_unconfirmed:
        # Not sent blindly again in this run: once more later, and only once.
        result.retrying += 1
        result.unconfirmed += 1
        wait = max(backoff(attempts), UNCONFIRMED_WAIT)
        rows.set_waiting(db, row["id"], "unconfirmed", error, _iso(now + wait))
    else:
        result.retrying += 1
        rows.set_waiting(db, row["id"], "pending", error, _iso(now + backoff(attempts)))


@contextlib.contextmanager
def _watch(stop: threading.Event | None, transport: Transport) -> Iterator[None]:
    """While delivering: when ``stop`` is set, tell the transport to cut its delivery short."""
    cut = getattr(transport, "stop", None)
    if stop is None or cut is None:
        yield
        return
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            if stop.wait(0.2):
                cut()
                return

    watcher = threading.Thread(target=watch, name="outbox-stop", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        watcher.join(timeout=1)


def _file_name(text: str) -> str:
    return _FILE_UNSAFE.sub("_", text).strip("_") or "x"


def list_outbox(
    db: sqlite_utils.Database, *, status: str | None = None, week: str | None = None
) -> list[dict[str, Any]]:
    """Outbox rows with their digest's department and week, newest first."""
    return rows.list_rows(db, status=status, week=week)


def problems(db: sqlite_utils.Database, now: datetime | None = None) -> list[dict[str, Any]]:
    """Rows that need attention: failed, waiting to retry after an error, or stuck sending."""
    now = now or now_utc()
    stale = _iso(now - STALE_AFTER)
    return [
        row
        for row in list_outbox(db)
        if row["status"] in ("failed", "unconfirmed")
        or (row["status"] == "pending" and row["attempts"] > 0 and row["last_error"])
        or (row["status"] == "sending" and (row["claimed_at"] or "") < stale)
    ]


def retry(db: sqlite_utils.Database, outbox_id: int, now: datetime | None = None) -> dict[str, Any]:
    """Make a failed or waiting row due now. A sent row is never sent again."""
    now = now or now_utc()
    row = rows.get_row(db, outbox_id)
    if row is None:
        raise OutboxError(
            f"det finns inget meddelande {outbox_id} i utkorgen; `eufunds outbox list` visar dem"
        )
    if row["status"] == "sent":
        raise OutboxError(
            f"meddelande {outbox_id} är redan levererat ({local_time(row['sent_at'])}); "
            "det skickas aldrig två gånger"
        )
    if row["status"] == "sending" and (row["claimed_at"] or "") >= _iso(now - STALE_AFTER):
        raise OutboxError(f"meddelande {outbox_id} skickas just nu; titta igen om en minut")
    rows.make_due(db, outbox_id, _iso(now))
    return row
