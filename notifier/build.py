"""Building the week's digests once: the digest, what it showed, reminders and the outbox.

``build_digests`` is idempotent: a (department, ISO week) digest that exists is left alone,
so running the build twice, or a catch-up after downtime, never makes a second one.

With answer links (``EUFUNDS_BASE_URL``, :mod:`notifier.links`) each recipient's copy is
rendered with links signed for that recipient and stored with its outbox row; the digest's
own copy (``eufunds digest preview``) has no answer links.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date

import sqlite_utils

from notifier.delivery import mail_from
from notifier.digest import COORDINATOR, COORDINATOR_NAME, Digest, collect_digest
from notifier.links import Links, links_from_env
from notifier.mime import message_id
from notifier.outbox import now_utc
from notifier.render import render
from priorities import Priorities


@dataclass
class BuildResult:
    """The outcome for one department: built now, built before, or skipped (and why)."""

    department: str
    name: str
    iso_week: str
    digest_id: int | None
    created: bool
    recipients: int = 0
    new: int = 0
    note: str | None = None


def digest_exists(db: sqlite_utils.Database, department: str, week: str) -> int | None:
    """The id of the department's digest for ``week``, or None."""
    row = db.execute(
        "select id from digests where department = ? and iso_week = ?", [department, week]
    ).fetchone()
    return row[0] if row else None


def audiences(priorities: Priorities) -> list[tuple[str, str, list[str]]]:
    """(department id, name, recipients) for every digest to build, coordinator last."""
    result = [(d.id, d.name, list(d.contacts or [])) for d in priorities.departments]
    result.append((COORDINATOR, COORDINATOR_NAME, list(priorities.coordinator or [])))
    return result


def build_digests(
    db: sqlite_utils.Database,
    priorities: Priorities,
    *,
    week: str,
    today: date,
    now: str | None = None,
    warning: str | None = None,
    priorities_version: str | None = None,
    sender: str | None = None,
    links: Links | str | None = "env",
) -> list[BuildResult]:
    """Build and queue the digest of every department (and the coordinator) for ``week``.

    ``links``: the answer links' address and key; by default from the environment
    (:func:`notifier.links.links_from_env`), None for digests without answer links.
    """
    now = now or now_utc().isoformat()
    sender = sender or mail_from()
    answer_links = links_from_env(db) if isinstance(links, str) else links
    results = []
    for department, name, recipients in audiences(priorities):
        existing = digest_exists(db, department, week)
        if existing is not None:
            results.append(
                BuildResult(department, name, week, existing, False, note="built before")
            )
            continue
        if not _unique(recipients):
            note = (
                "no contacts in the priorities file; add kontakter to get its digest"
                if department != COORDINATOR
                else "no coordinator address in the priorities file"
            )
            results.append(BuildResult(department, name, week, None, False, note=note))
            continue
        digest = collect_digest(
            db,
            priorities,
            department,
            week,
            today,
            now=now,
            warning=warning,
            priorities_version=priorities_version,
        )
        digest_id = store_digest(db, digest, now=now, sender=sender, links=answer_links)
        if digest_id is None:  # another process built it a moment ago
            existing = digest_exists(db, department, week)
            results.append(
                BuildResult(department, name, week, existing, False, note="built before")
            )
            continue
        results.append(
            BuildResult(
                department,
                name,
                week,
                digest_id,
                True,
                recipients=len(_unique(digest.recipients)),
                new=len(digest.new) + digest.more_new,
            )
        )
    return results


def _unique(addresses: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for address in addresses:
        clean = str(address).strip()
        if clean:
            seen.setdefault(clean.lower(), clean)
    return list(seen.values())


def sender_name(digest: Digest) -> str:
    """The sender's name in the From header when EUFUNDS_MAIL_FROM gives none."""
    return f"EU-utlysningar, {' '.join(digest.municipality.split())}"


def store_digest(
    db: sqlite_utils.Database,
    digest: Digest,
    *,
    now: str,
    sender: str,
    links: Links | None = None,
) -> int | None:
    """Store a digest, what it showed, its reminders and one outbox row per recipient.

    One transaction: either all of it exists or none. Returns None when the digest for this
    (department, week) exists already. With ``links`` each recipient's copy carries answer
    links signed for that recipient (kept with the outbox row).
    """
    rendered = render(digest)
    recipients = _unique(digest.recipients)
    copies = {r: render(digest, links, r) for r in recipients} if links is not None else {}
    # Replies go to the coordinator; the coordinator's own digest has no one to reply to.
    reply_to = [] if digest.is_coordinator else _unique(digest.coordinator)
    try:
        with db.conn:
            cursor = db.execute(
                "insert into digests (department, iso_week, recipients, subject, text, html, "
                "new_count, priorities_version, built_for, built_at, reply_to, sender_name) "
                "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    digest.department,
                    digest.iso_week,
                    json.dumps(recipients, ensure_ascii=False),
                    rendered.subject,
                    rendered.text,
                    rendered.html,
                    len(digest.new) + digest.more_new,
                    digest.priorities_version,
                    digest.today.isoformat(),
                    now,
                    json.dumps(reply_to, ensure_ascii=False) if reply_to else None,
                    sender_name(digest),
                ],
            )
            digest_id = int(cursor.lastrowid or 0)
            for section, call_ids in digest.section_ids().items():
                db.conn.executemany(
                    "insert or ignore into digest_items (digest_id, section, call_id, position) "
                    "values (?, ?, ?, ?)",
                    [(digest_id, section, c, n) for n, c in enumerate(call_ids, start=1)],
                )
            db.conn.executemany(
                "insert or ignore into reminders (department, call_id, deadline, threshold, "
                "digest_id) values (?, ?, ?, ?, ?)",
                [(digest.department, c, d, t, digest_id) for c, d, t in digest.reminder_keys],
            )
            db.conn.executemany(
                "insert into outbox (digest_id, recipient, message_id, status, attempts, "
                "next_attempt_at, created_at, text, html) "
                "values (?, ?, ?, 'pending', 0, ?, ?, ?, ?)",
                [
                    (
                        digest_id,
                        r,
                        message_id(digest.iso_week, digest.department, r, sender),
                        now,
                        now,
                        copies[r].text if r in copies else None,
                        copies[r].html if r in copies else None,
                    )
                    for r in recipients
                ],
            )
    except sqlite3.IntegrityError:
        if digest_exists(db, digest.department, digest.iso_week) is not None:
            return None
        raise
    return digest_id
