"""The built digests: one per department and ISO week, what each showed, its reminders and
its outbox rows, stored in one transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

import sqlite_utils


def digest_exists(db: sqlite_utils.Database, department: str, week: str) -> int | None:
    """The id of the department's digest for ``week``, or None."""
    row = db.execute(
        "select id from digests where department = ? and iso_week = ?", [department, week]
    ).fetchone()
    return row[0] if row else None


def digest_replied_to(
    db: sqlite_utils.Database, message_ids: Sequence[str], subject: str | None
) -> tuple[str, str] | None:
    """(department, week) of the digest a reply answers: the one whose Message-ID the
    reply's In-Reply-To or References name, else the latest with the subject it quotes;
    None when neither is known."""
    if message_ids:
        row = db.execute(
            "select d.department, d.iso_week from outbox o join digests d on d.id = o.digest_id "
            "where o.message_id in (select value from json_each(?)) "
            "order by d.iso_week desc limit 1",
            [json.dumps(list(message_ids))],
        ).fetchone()
        if row is not None:
            return row[0], row[1]
    if subject:
        row = db.execute(
            "select department, iso_week from digests where subject = ? "
            "order by iso_week desc limit 1",
            [subject],
        ).fetchone()
        if row is not None:
            return row[0], row[1]
    return None


def week_numbered(db: sqlite_utils.Database, department: str, number: int) -> str | None:
    """The latest week numbered ``number`` ("v. 49") that the department has a digest of."""
    row = db.execute(
        "select iso_week from digests where department = ? and iso_week like ? "
        "order by iso_week desc limit 1",
        [department, f"%-W{number:02d}"],
    ).fetchone()
    return row[0] if row else None


def numbered_calls(
    db: sqlite_utils.Database, department: str, week: str | None = None
) -> tuple[str, list[str]] | None:
    """The week and the calls, in the order numbered, of the department's digest of ``week``
    (its latest digest when ``week`` is None), or None when it has none: what a department
    means by "nr 2" in its answer to a digest. A digest numbers its new calls, then those to
    watch and those closing soon (section ``numbered``); a digest stored before the numbers
    went on past the new calls has no such section, and its numbers are its new calls'."""
    if week is None:
        found = db.execute(
            "select id, iso_week from digests where department = ? order by iso_week desc limit 1",
            [department],
        ).fetchone()
    else:
        found = db.execute(
            "select id, iso_week from digests where department = ? and iso_week = ?",
            [department, week],
        ).fetchone()
    if found is None:
        return None
    numbered = _section(db, found[0], "numbered") or _section(db, found[0], "new")
    return found[1], numbered


def _section(db: sqlite_utils.Database, digest_id: int, section: str) -> list[str]:
    """The calls of one section of a stored digest, in the order shown."""
    rows = db.execute(
        "select call_id from digest_items where digest_id = ? and section = ? order by position",
        [digest_id, section],
    ).fetchall()
    return [r[0] for r in rows]


def get_digest(db: sqlite_utils.Database, digest_id: int) -> dict[str, Any] | None:
    """The stored digest row, or None."""
    return next(db["digests"].rows_where("id = ?", [digest_id]), None)


def departments_by_week(db: sqlite_utils.Database) -> dict[str, set[str]]:
    """ISO week -> the departments (and the coordinator) whose digest of that week exists."""
    built: dict[str, set[str]] = {}
    for week, department in db.execute("select iso_week, department from digests").fetchall():
        built.setdefault(week, set()).add(department)
    return built


def insert_digest(
    db: sqlite_utils.Database,
    digest: Mapping[str, Any],
    sections: Mapping[str, Sequence[str]],
    reminders: Sequence[tuple[str, str, int]],
    outbox: Sequence[Mapping[str, Any]],
) -> int | None:
    """Store a digest (the ``digests`` columns), the calls per section it showed, the
    reminders it carried (call, deadline, threshold) and its outbox rows (``recipient``,
    ``message_id``, ``text``, ``html``) as pending now, in one transaction.

    Returns the new id, or None when the department's digest for that week exists already
    (another process built it a moment ago).
    """
    now = digest["built_at"]
    columns = list(digest)
    try:
        with db.conn:
            cursor = db.execute(
                f"insert into digests ({', '.join(columns)}) "
                f"values ({', '.join('?' for _ in columns)})",
                [digest[c] for c in columns],
            )
            digest_id = int(cursor.lastrowid or 0)
            for section, call_ids in sections.items():
                db.conn.executemany(
                    "insert or ignore into digest_items (digest_id, section, call_id, position) "
                    "values (?, ?, ?, ?)",
                    [(digest_id, section, c, n) for n, c in enumerate(call_ids, start=1)],
                )
            db.conn.executemany(
                "insert or ignore into reminders (department, call_id, deadline, threshold, "
                "digest_id) values (?, ?, ?, ?, ?)",
                [(digest["department"], c, d, t, digest_id) for c, d, t in reminders],
            )
            db.conn.executemany(
                "insert into outbox (digest_id, recipient, message_id, status, attempts, "
                "next_attempt_at, created_at, text, html) "
                "values (?, ?, ?, 'pending', 0, ?, ?, ?, ?)",
                [
                    (digest_id, o["recipient"], o["message_id"], now, now, o["text"], o["html"])
                    for o in outbox
                ],
            )
    except sqlite3.IntegrityError:
        if digest_exists(db, digest["department"], digest["iso_week"]) is not None:
            return None
        raise
    return digest_id


def as_json_list(values: Sequence[str]) -> str:
    """A list of addresses as the digests table keeps it."""
    return json.dumps(list(values), ensure_ascii=False)
