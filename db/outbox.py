"""The outbox rows and their states, as stored: one row per digest and recipient.

:mod:`notifier.outbox` decides when a row moves (sent, retried, failed); every move is one
committed statement here, so that a crash never loses a "sent".
"""

from __future__ import annotations

from typing import Any

import sqlite_utils


def _update(db: sqlite_utils.Database, sql: str, args: list[Any]) -> int:
    # Commit every state change at once: a crash must never lose a "sent".
    with db.conn:
        return db.execute(sql, args).rowcount


def reclaim_stale(db: sqlite_utils.Database, claimed_before: str) -> int:
    """Put rows left ``sending`` since before ``claimed_before`` back to ``pending``."""
    return _update(
        db,
        "update outbox set status = 'pending', claimed_at = null, "
        "last_error = coalesce(last_error, 'avbröts under sändningen; skickas igen') "
        "where status = 'sending' and claimed_at < ?",
        [claimed_before],
    )


def due_rows(
    db: sqlite_utils.Database, now: str, only_id: int | None = None
) -> list[dict[str, Any]]:
    """Rows pending or unconfirmed whose next attempt is due by ``now``, with what their
    message is built from (a recipient's own copy wins over the digest's)."""
    where = "o.status in ('pending', 'unconfirmed') and o.next_attempt_at <= ?"
    args: list[Any] = [now]
    if only_id is not None:
        where += " and o.id = ?"
        args.append(only_id)
    return list(
        db.query(
            "select o.id, o.status, o.recipient, o.message_id, o.attempts, d.department, "
            "d.iso_week, d.subject, coalesce(o.text, d.text) as text, "
            "coalesce(o.html, d.html) as html, d.built_at, d.reply_to, d.sender_name "
            f"from outbox o join digests d on d.id = o.digest_id where {where} order by o.id",
            args,
        )
    )


def claim(db: sqlite_utils.Database, outbox_id: int, status: str, now: str) -> bool:
    """Claim a row for sending; False when another flush took it first."""
    return bool(
        _update(
            db,
            "update outbox set status = 'sending', claimed_at = ?, attempts = attempts + 1 "
            "where id = ? and status = ?",
            [now, outbox_id, status],
        )
    )


def set_sent(db: sqlite_utils.Database, outbox_id: int, sent_at: str, delivered_to: str) -> None:
    """The server accepted the message."""
    _update(
        db,
        "update outbox set status = 'sent', sent_at = ?, claimed_at = null, "
        "delivered_to = ?, last_error = null where id = ?",
        [sent_at, delivered_to, outbox_id],
    )


def set_failed(db: sqlite_utils.Database, outbox_id: int, error: str) -> None:
    """A permanent refusal: no more tries until ``eufunds outbox retry``."""
    _update(
        db,
        "update outbox set status = 'failed', claimed_at = null, last_error = ? where id = ?",
        [error, outbox_id],
    )


def set_waiting(
    db: sqlite_utils.Database, outbox_id: int, status: str, error: str, next_attempt_at: str
) -> None:
    """Back to ``pending`` (or ``unconfirmed``) with the error and the time of the next try."""
    _update(
        db,
        "update outbox set status = ?, claimed_at = null, last_error = ?, "
        "next_attempt_at = ? where id = ?",
        [status, error, next_attempt_at, outbox_id],
    )


def make_due(db: sqlite_utils.Database, outbox_id: int, now: str) -> None:
    """Make a row pending and due ``now`` (``eufunds outbox retry``)."""
    _update(
        db,
        "update outbox set status = 'pending', claimed_at = null, next_attempt_at = ? where id = ?",
        [now, outbox_id],
    )


def get_row(db: sqlite_utils.Database, outbox_id: int) -> dict[str, Any] | None:
    """One outbox row, or None."""
    return next(db["outbox"].rows_where("id = ?", [outbox_id]), None)


def list_rows(
    db: sqlite_utils.Database, *, status: str | None = None, week: str | None = None
) -> list[dict[str, Any]]:
    """Outbox rows with their digest's department and week, newest week first."""
    where, args = [], []
    if status:
        where.append("o.status = ?")
        args.append(status)
    if week:
        where.append("d.iso_week = ?")
        args.append(week)
    sql = (
        "select o.id, d.iso_week as week, d.department, o.recipient, o.status, o.attempts, "
        "o.next_attempt_at, o.last_error, o.sent_at, o.delivered_to, o.message_id, "
        "o.claimed_at from outbox o join digests d on d.id = o.digest_id"
    )
    if where:
        sql += " where " + " and ".join(where)
    return list(db.query(sql + " order by d.iso_week desc, o.id", args))
