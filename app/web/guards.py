"""The checks and headers around every request of the web view, and its Swedish error pages:
posts from other sites are refused, every response gets strict security headers, the
request's database is closed, and errors become pages that say what happened."""

from __future__ import annotations

import sqlite3
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, g, redirect, request
from werkzeug.exceptions import HTTPException

from app.web.common import (
    CSP,
    MAX_FORM_BYTES,
    REASON_MAX,
    LoginNeeded,
    PageError,
    page,
    web_config,
)


def register_guards(app: Flask) -> None:
    """Install the request checks, the headers and the error pages in ``app``."""
    app.before_request(refuse_cross_site_posts)
    app.after_request(headers)
    app.teardown_appcontext(close_db)
    app.register_error_handler(PageError, page_error)
    app.register_error_handler(sqlite3.OperationalError, busy)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(LoginNeeded, login_needed)


def refuse_cross_site_posts() -> None:
    """A POST that comes from another site changes nothing (403 page)."""
    if request.method != "POST":
        return
    web = web_config()
    site = request.headers.get("Sec-Fetch-Site", "")
    origin = request.headers.get("Origin")
    allowed = {request.host}
    if web.base:
        allowed.add(urlsplit(web.base).netloc)
    # "null": a browser that keeps the origin to itself; the CSRF token still decides.
    foreign = bool(origin) and origin != "null" and urlsplit(origin).netloc not in allowed
    if site == "cross-site" or foreign:
        raise PageError(
            403,
            "Formuläret kom från en annan webbplats",
            "Svar och ändringar kan bara skickas från eufunds egna sidor. Inget har ändrats.",
        )


def headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    # The links carry tokens: never send them on to the sources' sites.
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "no-store"
    return response


def close_db(_exc: BaseException | None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.conn.close()


def page_error(exc: PageError) -> Response:
    return page("message.html.j2", exc.status, title=exc.title, text=exc.text)


def busy(exc: sqlite3.OperationalError) -> Response:
    """A database locked by a running match: a page that asks to try again."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return page(
            "message.html.j2",
            503,
            title="Databasen är upptagen",
            text="eufunds uppdaterar just nu utlysningarna (en matchning pågår). Inget har "
            "ändrats och inget har sparats. Försök igen om en stund med samma länk; den "
            "fungerar fortfarande.",
        )
    raise exc


def http_error(exc: HTTPException) -> Response:
    code = exc.code or 500
    texts = {
        404: ("Sidan finns inte", "Adressen finns inte i eufunds. Kontrollera länken."),
        405: ("Fel sorts förfrågan", "Sidan tar inte emot den här sortens förfrågan."),
        413: (
            "Formuläret är för stort",
            f"Det som skickades är större än {MAX_FORM_BYTES // 1024} kB och togs inte "
            "emot. En prioriteringsfil är högst 256 kB, en motivering högst "
            f"{REASON_MAX} tecken. Inget har ändrats.",
        ),
    }
    title, text = texts.get(
        code, ("Något gick fel", "Förfrågan kunde inte behandlas. Inget har ändrats.")
    )
    return page("message.html.j2", code, title=title, text=text)


def login_needed(_exc: Exception) -> Any:
    return redirect(f"/logga-in?nasta={request.path}", code=303)
