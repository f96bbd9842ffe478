"""What every page of the web view shares: its settings and limits, the Swedish error page,
the request's database, the signed links, the login and the priorities as a page reads them.

The helpers here run inside a request of the application :func:`app.web.app.create_app`
made; they find its settings and templates through ``current_app``.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils
from flask import Response, current_app, g, request, session
from jinja2 import Environment

from app.active_priorities import priorities_path
from app.web.throttle import LoginThrottle
from db import open_db
from db.calls import call_row
from db.connection import set_busy_timeout
from db.language import MARK_SV
from db.priorities_versions import latest_version
from notifier.links import Grant, LinkError, Links
from priorities import Priorities, PrioritiesInvalid, parse_priorities, read_priorities_bytes

MAX_FORM_BYTES = 768 * 1024  # a priorities file is at most 256 kB; a 1 MB post is refused
REASON_MAX = 1000
BUSY_TIMEOUT_MS = 5000  # a page waits this long for a running match, then says so
SESSION_SECONDS = 12 * 3600
DEADLINE_DAYS = 60
UNCLEAR_BUDGET = "oklart om per projekt eller totalt"

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)

SETTINGS_KEY = "eufunds.web"  # app.extensions: the WebSettings
TEMPLATES_KEY = "eufunds.templates"  # app.extensions: the jinja Environment
THROTTLE_KEY = "eufunds.login_throttle"  # app.extensions: the failed logins per address


class PageError(Exception):
    """A request that cannot be served: shown as a Swedish page with ``status``."""

    def __init__(self, status: int, title: str, text: str) -> None:
        super().__init__(title)
        self.status = status
        self.title = title
        self.text = text


class LoginNeeded(Exception):
    """A coordinator's page asked for without a valid login: redirected to the login."""


@dataclass
class WebSettings:
    """What the web view needs: the database, the signing key, the address and the login."""

    db_path: Path
    key: bytes
    base: str | None  # EUFUNDS_BASE_URL; None: the address the request came to
    admin_hash: str | None  # hash of EUFUNDS_ADMIN_PASSWORD; None: no login possible


@dataclass
class PrioritiesState:
    """The priorities as the web view reads them (never recording a version on a GET)."""

    priorities: Priorities | None
    path: Path
    file_issues: list[Any]  # the file's problems when it is invalid
    fallback_hash: str | None  # the stored version used instead
    fallback_at: str | None


def web_config() -> WebSettings:
    """The settings of the application serving the request."""
    web: WebSettings = current_app.extensions[SETTINGS_KEY]
    return web


def login_throttle() -> LoginThrottle:
    """The failed logins of the application serving the request."""
    throttle: LoginThrottle = current_app.extensions[THROTTLE_KEY]
    return throttle


def page(name: str, http_status: int = 200, **context: Any) -> Response:
    """The template ``name`` rendered as an HTML response."""
    env: Environment = current_app.extensions[TEMPLATES_KEY]
    context.setdefault("admin", is_admin())
    context.setdefault("csrf", session.get("csrf", ""))
    context.setdefault("mark_sv", MARK_SV)
    html = env.get_template(name).render(**context)
    return Response(html, status=http_status, mimetype="text/html")


def database() -> sqlite_utils.Database:
    """The request's database connection (opened once per request, closed at its end)."""
    if "db" not in g:
        db = open_db(web_config().db_path, migrate=False)
        set_busy_timeout(db, BUSY_TIMEOUT_MS)
        g.db = db
    return g.db


def links() -> Links:
    """Signed links at the configured address (else the address the request came to)."""
    web = web_config()
    return Links(web.base or request.url_root.rstrip("/"), web.key)


def grant(kind: str, department: str, token: str) -> Grant:
    """What the link token allows; a Swedish page when it is expired, altered or for
    another department."""
    try:
        found = links().read(kind, token)
    except LinkError as exc:
        if exc.reason == "expired":
            raise PageError(
                410,
                "Länken har gått ut",
                "Länkarna i veckobrevet gäller i 60 dagar. Öppna ett nyare veckobrev, "
                "eller svara EU-samordnaren på mejlet. Inget har ändrats.",
            ) from exc
        raise PageError(
            400,
            "Länken är inte giltig",
            "Länken är ändrad eller ofullständig, så den kan inte användas. Öppna den "
            "direkt från veckobrevet (hela länken), eller svara EU-samordnaren på mejlet. "
            "Inget har ändrats.",
        ) from exc
    if found.department != department:
        raise PageError(
            403,
            "Länken gäller en annan förvaltning",
            "Den här länken skickades till en annan förvaltning och kan inte användas "
            "här. Använd länkarna i er egen förvaltnings veckobrev. Inget har ändrats.",
        )
    return found


def department_name(state: PrioritiesState, department: str) -> str:
    """The department's name in the priorities; a Swedish page when it is not there."""
    if state.priorities is None:
        raise no_priorities()
    try:
        return str(state.priorities.department(department).name)
    except KeyError:
        raise PageError(
            404,
            "Förvaltningen finns inte",
            f"Förvaltningen '{department}' finns inte (längre) i kommunens "
            "prioriteringsfil. Fråga EU-samordnaren. Inget har ändrats.",
        ) from None


def stored_call(db: sqlite_utils.Database, call_id: str | None) -> dict[str, Any]:
    """The stored row of the call a link or form names; a Swedish page when there is none."""
    row = call_row(db, call_id) if call_id else None
    if row is None:
        raise PageError(
            404,
            "Utlysningen finns inte",
            "Utlysningen som länken pekar på finns inte i databasen (längre). Fråga "
            "EU-samordnaren. Inget har ändrats.",
        )
    return row


def answer_csrf(token: str) -> str:
    """The CSRF token of the answer page of the link ``token``."""
    key = web_config().key
    return hmac.new(key, b"eufunds.csrf." + token.encode(), hashlib.sha256).hexdigest()


def is_admin() -> bool:
    """Whether the request carries a coordinator's login that has not expired."""
    since = session.get("since")
    return (
        bool(session.get("admin"))
        and isinstance(since, int)
        and (time.time() - since < SESSION_SECONDS)
    )


def require_admin() -> None:
    """Stop a request without a valid login (it is redirected to the login)."""
    if not is_admin():
        raise LoginNeeded()


def check_csrf(form: Any) -> None:
    """Refuse a coordinator's form without the session's CSRF token."""
    expected = session.get("csrf")
    if not expected or not hmac.compare_digest(str(form.get("csrf", "")), str(expected)):
        raise PageError(
            403,
            "Formuläret kunde inte kontrolleras",
            "Sidan var för gammal eller kom inte från eufunds. Ladda om sidan och försök "
            "igen. Inget har ändrats.",
        )


def no_priorities() -> PageError:
    """The page for a priorities file with errors and no stored version to use instead."""
    return PageError(
        503,
        "Prioriteringsfilen kan inte användas",
        "Kommunens prioriteringsfil har fel och ingen tidigare version finns sparad. "
        "EU-samordnaren behöver rätta filen. Inget har ändrats.",
    )


def read_priorities(db: sqlite_utils.Database) -> PrioritiesState:
    """The file when valid, else its last stored version; nothing is written."""
    path = priorities_path()
    try:
        return PrioritiesState(
            parse_priorities(read_priorities_bytes(path), str(path)), path, [], None, None
        )
    except PrioritiesInvalid as exc:
        issues = list(exc.issues)
    latest = latest_version(db)
    if latest is None:
        return PrioritiesState(None, path, issues, None, None)
    try:
        stored = parse_priorities(latest.content, f"{latest.path} (sparad version)")
    except PrioritiesInvalid:
        return PrioritiesState(None, path, issues, None, None)
    return PrioritiesState(stored, path, issues, latest.hash, latest.loaded_at)
