"""Building the week's digests once: the digest, what it showed, reminders and the outbox.

``build_digests`` is idempotent: a (department, ISO week) digest that exists is left alone,
so running the build twice, or a catch-up after downtime, never makes a second one.

With answer links (``EUFUNDS_BASE_URL``, :mod:`notifier.links`) each recipient's copy is
rendered with links signed for that recipient and stored with its outbox row; the digest's
own copy (``eufunds digest preview``) has no answer links.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlite_utils

from db.digests import as_json_list, digest_exists, insert_digest
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
        skipped = _skipped(db, department, name, week, recipients)
        if skipped is not None:
            results.append(skipped)
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
            results.append(BuildResult(department, name, week, existing, False, note=BUILT))
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


BUILT = "byggt tidigare"


def _skipped(
    db: sqlite_utils.Database, department: str, name: str, week: str, recipients: list[str]
) -> BuildResult | None:
    """The result for a digest not to build now (built before, or no one to send it to)."""
    existing = digest_exists(db, department, week)
    if existing is not None:
        return BuildResult(department, name, week, existing, False, note=BUILT)
    if not _unique(recipients):
        note = (
            "inga kontakter i prioriteringsfilen; lägg till kontakter för att få veckobrevet"
            if department != COORDINATOR
            else "ingen adress till samordnaren i prioriteringsfilen"
        )
        return BuildResult(department, name, week, None, False, note=note)
    return None


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
    return insert_digest(
        db,
        {
            "department": digest.department,
            "iso_week": digest.iso_week,
            "recipients": as_json_list(recipients),
            "subject": rendered.subject,
            "text": rendered.text,
            "html": rendered.html,
            "new_count": len(digest.new) + digest.more_new,
            "priorities_version": digest.priorities_version,
            "built_for": digest.today.isoformat(),
            "built_at": now,
            "reply_to": as_json_list(reply_to) if reply_to else None,
            "sender_name": sender_name(digest),
        },
        digest.section_ids(),
        digest.reminder_keys,
        [
            {
                "recipient": r,
                "message_id": message_id(digest.iso_week, digest.department, r, sender),
                "text": copies[r].text if r in copies else None,
                "html": copies[r].html if r in copies else None,
            }
            for r in recipients
        ],
    )
