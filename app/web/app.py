"""The web view: a thin Flask application over the library packages, in Swedish, no JavaScript.

- ``/svar/<förvaltning>/<token>``: the page an answer link in a digest opens. GET shows the
  answer and a button (mail scanners open every link: a GET never changes anything); POST
  records it as a mark, exactly as ``eufunds mark`` does, with who and when.
- ``/utlysning/<förvaltning>/<token>`` and ``/forvaltning/<förvaltning>/<token>``: a call and
  a department as the department sees them, reached from its digest.
- ``/samordnare`` (behind the login, ``EUFUNDS_ADMIN_PASSWORD``): source health, the
  priorities in use, the outbox, this week's answers; every call and department page. After
  five wrong passwords in 15 minutes an address is refused (429) until the window has
  passed (:mod:`app.web.throttle`).
- ``/prioriteringar`` (behind the login): paste or upload the priorities file, see every
  error with its line and what each priority and board goal would catch today; saved only
  when asked and valid.

Links are signed (:mod:`notifier.links`); a forged, altered, expired or other department's
link gets a Swedish page and changes nothing. Forms carry a CSRF token and a POST from
another site is refused; form posts over :data:`MAX_FORM_BYTES` are refused (413).

:func:`create_app` builds the application; the routes live in
:mod:`app.web.department_views` and :mod:`app.web.coordinator_views`, the request checks and
error pages in :mod:`app.web.guards`, what the pages show in :mod:`app.web.pages`, and what
they share in :mod:`app.web.common`.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from datetime import timedelta
from pathlib import Path

from flask import Flask
from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined
from werkzeug.security import generate_password_hash

from app.web.common import (
    MAX_FORM_BYTES,
    SESSION_SECONDS,
    SETTINGS_KEY,
    TEMPLATES_KEY,
    THROTTLE_KEY,
    WebSettings,
)
from app.web.coordinator_views import register_coordinator_views
from app.web.department_views import register_department_views
from app.web.guards import register_guards
from app.web.throttle import LoginThrottle
from db import open_db
from notifier.links import base_url

__all__ = ["MAX_FORM_BYTES", "WebSettings", "create_app", "web_settings"]


def _templates() -> Environment:
    return Environment(
        loader=ChoiceLoader(
            [PackageLoader("app.web", "templates"), PackageLoader("notifier", "templates")]
        ),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def create_app(web: WebSettings) -> Flask:
    """The Flask application of the web view for one database."""
    app = Flask("app.web")
    app.config.update(
        SECRET_KEY=hmac.new(web.key, b"eufunds.session", hashlib.sha256).hexdigest(),
        MAX_CONTENT_LENGTH=MAX_FORM_BYTES,
        MAX_FORM_MEMORY_SIZE=MAX_FORM_BYTES,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_SECURE=bool(web.base and web.base.startswith("https://")),
        SESSION_COOKIE_NAME="eufunds_session",
        PERMANENT_SESSION_LIFETIME=timedelta(seconds=SESSION_SECONDS),
    )
    app.extensions[SETTINGS_KEY] = web
    app.extensions[TEMPLATES_KEY] = _templates()
    app.extensions[THROTTLE_KEY] = LoginThrottle()
    open_db(web.db_path).conn.close()  # create and migrate once, before the first request
    register_guards(app)
    register_department_views(app)
    register_coordinator_views(app)
    return app


def web_settings(db_path: Path, env: dict[str, str] | None = None) -> WebSettings:
    """The web view's settings from the environment (``EUFUNDS_BASE_URL``,
    ``EUFUNDS_SECRET_KEY`` or the key file, ``EUFUNDS_ADMIN_PASSWORD``)."""
    from notifier.links import secret_key

    environ = os.environ if env is None else env
    password = environ.get("EUFUNDS_ADMIN_PASSWORD") or ""
    return WebSettings(
        db_path=db_path,
        key=secret_key(db_path, environ),
        base=base_url(environ),
        admin_hash=generate_password_hash(password) if password else None,
    )
