"""Signed links in the digests: answers ("Intressant", "Inte relevant", "Vi söker") and pages.

A department answers from the mail with one click: each link carries a token signed with
itsdangerous for its recipient, department, call and ISO week, and expires after
:data:`MAX_AGE_DAYS`. The web view (``app.web``) reads the token back with the same key; a
forged, altered or expired token is refused. Opening a link changes nothing (mail scanners
open every link): the page it opens records the answer with one button.

Settings: ``EUFUNDS_BASE_URL`` is the address of the web view as readers reach it (without
it the digests carry no answer links and ask the reader to reply to the coordinator);
``EUFUNDS_SECRET_KEY`` is the signing key, else a key generated once into a file next to the
database (``<database>.secret-key``, mode 0600, readable only by the service).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import sqlite_utils
from itsdangerous import BadData, SignatureExpired, URLSafeTimedSerializer
from itsdangerous.timed import TimestampSigner

from db.connection import database_file
from db.errors import SettingError

MAX_AGE_DAYS = 60  # a week's digest is answered within weeks; older links are refused
MAX_AGE = MAX_AGE_DAYS * 24 * 3600
MIN_KEY_LENGTH = 32
KEY_SUFFIX = ".secret-key"

ANSWERS = {  # answer -> (the mark it records, the button's Swedish text)
    "interested": ("interested", "Intressant"),
    "not-relevant": ("not-relevant", "Inte relevant"),
    "applying": ("applying", "Vi söker"),
}
KINDS = ("svar", "utlysning", "forvaltning")  # answer, call page, department page


class LinkSettingsError(SettingError):
    """``EUFUNDS_BASE_URL`` or ``EUFUNDS_SECRET_KEY`` is unusable; the message says the fix."""


class LinkError(Exception):
    """A token that cannot be used. ``reason``: ``expired``, ``forged`` or ``wrong-kind``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Grant:
    """What a valid token allows: who (recipient of which department) may do what."""

    kind: str  # svar | utlysning | forvaltning
    department: str
    week: str
    recipient: str
    call_id: str | None = None
    answer: str | None = None
    issued_at: float | None = None


def base_url(env: Mapping[str, str] | None = None) -> str | None:
    """``EUFUNDS_BASE_URL`` without a trailing slash, or None when unset.

    Raises :class:`LinkSettingsError` for anything that is not an absolute http(s) address.
    """
    env = os.environ if env is None else env
    raw = (env.get("EUFUNDS_BASE_URL") or "").strip()
    if not raw:
        return None
    parts = urlsplit(raw)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.query
        or parts.fragment
        or any(ord(ch) < 0x21 or ord(ch) == 0x7F for ch in raw)
    ):
        raise LinkSettingsError(
            f"EUFUNDS_BASE_URL={raw!r} is not the web view's address; write it as "
            "https://eufunds.kommun.se (http or https, a host, an optional path, nothing after ?)"
        )
    return raw.rstrip("/")


def key_file(db_path: str | Path) -> Path:
    """The generated key's file next to the database."""
    path = Path(db_path)
    return path.with_name(path.name + KEY_SUFFIX)


def secret_key(db_path: str | Path, env: Mapping[str, str] | None = None) -> bytes:
    """The signing key: ``EUFUNDS_SECRET_KEY``, else the key file next to the database.

    The file is generated on first use (32 random bytes, hex), readable only by the user the
    service runs as (0600); a file others may read is tightened to 0600.
    """
    env = os.environ if env is None else env
    configured = (env.get("EUFUNDS_SECRET_KEY") or "").strip()
    if configured:
        if len(configured) < MIN_KEY_LENGTH:
            raise LinkSettingsError(
                f"EUFUNDS_SECRET_KEY is too short ({len(configured)} characters); use at least "
                f"{MIN_KEY_LENGTH}, e.g. from: python3 -c 'import secrets; "
                "print(secrets.token_hex(32))'"
            )
        return configured.encode("utf-8")
    path = key_file(db_path)
    if not path.exists():
        _create_key(path)
    try:
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)
        key = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise LinkSettingsError(
            f"cannot read the signing key {path} ({exc}); make it readable by the service "
            "only (chmod 600), delete it to make a new one (links already sent stop working), "
            "or set EUFUNDS_SECRET_KEY"
        ) from exc
    if len(key) < MIN_KEY_LENGTH:
        raise LinkSettingsError(
            f"the signing key {path} is damaged (too short); delete it to make a new one "
            "(links already sent stop working) or set EUFUNDS_SECRET_KEY"
        )
    return key.encode("ascii")


def _create_key(path: Path) -> None:
    """Write a new key atomically: a second process at the same moment keeps the first key."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(32) + "\n")
        # os.link fails when another process made the key first: that key stays.
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def links_from_env(db: sqlite_utils.Database, env: Mapping[str, str] | None = None) -> Links | None:
    """The links of the digests built on ``db``: None without ``EUFUNDS_BASE_URL``."""
    url = base_url(env)
    path = database_file(db)
    if url is None or path is None:
        return None
    return Links(url, secret_key(path, env))


class Links:
    """Makes and reads the signed links of one web view (its address and key)."""

    def __init__(self, base: str, key: bytes, *, clock: Callable[[], float] | None = None) -> None:
        self.base = base.rstrip("/")
        self.key = key
        now = clock or time.time

        class _Signer(TimestampSigner):
            def get_timestamp(self) -> int:
                return int(now())

        self._serializers = {
            kind: URLSafeTimedSerializer(key, salt=f"eufunds.{kind}", signer=_Signer)
            for kind in KINDS
        }
        self._now = now

    # -- making ---------------------------------------------------------------------------

    def _token(self, kind: str, payload: dict[str, Any]) -> str:
        return str(self._serializers[kind].dumps(payload))

    def answer_url(
        self, department: str, call_id: str, week: str, answer: str, recipient: str
    ) -> str:
        """The link of one answer button (``answer`` a key of :data:`ANSWERS`)."""
        if answer not in ANSWERS:
            raise ValueError(f"unknown answer {answer!r}")
        token = self._token(
            "svar", {"d": department, "c": call_id, "w": week, "a": answer, "r": recipient}
        )
        return f"{self.base}/svar/{department}/{token}"

    def call_url(self, department: str, call_id: str, week: str, recipient: str) -> str:
        """The call's page as the department sees it."""
        token = self._token("utlysning", {"d": department, "c": call_id, "w": week, "r": recipient})
        return f"{self.base}/utlysning/{department}/{token}"

    def department_url(self, department: str, week: str, recipient: str) -> str:
        """The department's page: this week's digest, its marked calls, deadlines."""
        token = self._token("forvaltning", {"d": department, "w": week, "r": recipient})
        return f"{self.base}/forvaltning/{department}/{token}"

    def coordinator_call_url(self, call_id: str) -> str:
        """The call's page behind the coordinator's login."""
        return f"{self.base}/samordnare/utlysning?id={quote(call_id, safe='')}"

    # -- reading --------------------------------------------------------------------------

    def read(self, kind: str, token: str) -> Grant:
        """The grant of a token of ``kind``; :class:`LinkError` if forged, altered or expired."""
        if kind not in self._serializers or not token or len(token) > 2000:
            raise LinkError("forged")
        try:
            payload, issued = self._serializers[kind].loads(
                token, max_age=MAX_AGE, return_timestamp=True
            )
        except SignatureExpired as exc:
            raise LinkError("expired") from exc
        except BadData as exc:
            raise LinkError("forged") from exc
        if not isinstance(payload, dict):
            raise LinkError("forged")
        fields = {k: payload.get(k) for k in ("d", "c", "w", "a", "r")}
        if not all(isinstance(fields[k], str) and fields[k] for k in ("d", "w", "r")):
            raise LinkError("forged")
        if kind in ("svar", "utlysning") and not isinstance(fields["c"], str):
            raise LinkError("forged")
        if kind == "svar" and fields["a"] not in ANSWERS:
            raise LinkError("forged")
        return Grant(
            kind=kind,
            department=str(fields["d"]),
            week=str(fields["w"]),
            recipient=str(fields["r"]),
            call_id=fields["c"],
            answer=fields["a"],
            issued_at=issued.timestamp(),
        )
