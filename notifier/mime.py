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
# C0 controls except tab and line feed, DEL, C1 and lone surrogates: never in a message.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_ENDS = re.compile("\r\n|[\r\x85\u2028\u2029]")


def body_text(text: str) -> str:
    """A message body: line ends as ``\\n`` (the email library writes CRLF), no controls."""
    return _CONTROL.sub("", _LINE_ENDS.sub("\n", text))


def header_text(text: str) -> str:
    """A header value on one line: line breaks and tabs as spaces, no controls."""
    return " ".join(_CONTROL.sub("", _LINE_ENDS.sub("\n", text)).split())


DEFAULT_SENDER_NAME = "eufunds"  # the name of the default EUFUNDS_MAIL_FROM


def _named(sender: str, name: str | None) -> str | Address:
    """``sender`` with ``name`` as its display name when it has none (or the default)."""
    own, address = parseaddr(sender)
    if not name or (own and own != DEFAULT_SENDER_NAME) or address.count("@") != 1:
        return sender
    user, _, domain = address.partition("@")
    return Address(display_name=header_text(name), username=user, domain=domain)


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
    reply_to: list[str] | None = None,
    sender_name: str | None = None,
) -> EmailMessage:
    """A ready-to-send message; headers come only from configuration and templates.

    The subject is one line whatever the department's name holds (no header injection),
    and control characters never reach the bodies. ``sender_name`` names the sender when
    EUFUNDS_MAIL_FROM gives no name of its own (or only the default "eufunds");
    ``reply_to`` (the coordinator) receives the readers' replies.
    """
    msg = EmailMessage()
    msg["Subject"] = header_text(subject)
    msg["From"] = _named(sender, sender_name)
    msg["To"] = Address(addr_spec=recipient.strip())
    if reply_to:
        msg["Reply-To"] = [Address(addr_spec=a.strip()) for a in reply_to]
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = message_id
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(body_text(text))
    msg.add_alternative(body_text(html), subtype="html")
    return msg
