"""MIME for a digest: multipart/alternative, plain text first, a fixed Message-ID."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

DEFAULT_DOMAIN = "eufunds.invalid"
_UNSAFE = re.compile(r"[^A-Za-z0-9.-]+")


def message_id(week: str, department: str, recipient: str, sender: str) -> str:
    """The fixed Message-ID of one digest for one recipient.

    Deterministic, so a message sent twice (the crash window, docs/digests.md) carries the
    same id and mail systems can tell it is the same message.
    """
    domain = parseaddr(sender)[1].rpartition("@")[2] or DEFAULT_DOMAIN
    who = hashlib.sha256(recipient.strip().lower().encode("utf-8")).hexdigest()[:12]
    dept = _UNSAFE.sub("-", department).strip("-") or "dept"
    return f"<digest.{week}.{dept}.{who}@{_UNSAFE.sub('-', domain)}>"


def build_message(
    *,
    subject: str,
    text: str,
    html: str,
    sender: str,
    recipient: str,
    message_id: str,
    date: datetime,
) -> EmailMessage:
    """A ready-to-send message; headers come only from configuration and templates."""
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = sender
    msg["To"] = Address(addr_spec=recipient.strip())
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = message_id
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    return msg
