"""The web view's pages behind the login (``EUFUNDS_ADMIN_PASSWORD``): logging in and out,
the coordinator's overview, every call and department page, and the priorities file
(paste or upload, preview what it would catch today, save when asked and valid)."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import re
import secrets
import sqlite3
import time
from pathlib import Path
from typing import Any

from flask import Flask, Response, redirect, request, session
from werkzeug.security import check_password_hash

from app import settings
from app.active_priorities import active_priorities, priorities_path
from app.web.common import (
    MAX_FORM_BYTES,
    PageError,
    check_csrf,
    database,
    department_name,
    links,
    login_throttle,
    page,
    read_priorities,
    require_admin,
    stored_call,
    web_config,
)
from app.web.pages import call_context, coordinator_context, department_context
from priorities import Priorities, PrioritiesInvalid, parse_priorities, read_priorities_bytes


def register_coordinator_views(app: Flask) -> None:
    """Route the pages behind the login in ``app``."""
    app.add_url_rule("/logga-in", view_func=login, methods=["GET", "POST"])
    app.add_url_rule("/logga-ut", view_func=logout, methods=["POST"])
    app.add_url_rule("/samordnare", view_func=coordinator, methods=["GET"])
    app.add_url_rule("/samordnare/utlysning", view_func=coordinator_call, methods=["GET"])
    app.add_url_rule(
        "/samordnare/forvaltning/<department>", view_func=coordinator_department, methods=["GET"]
    )
    app.add_url_rule("/prioriteringar", view_func=priorities_page, methods=["GET", "POST"])
    app.add_url_rule("/samordnare/svar", view_func=reply_page, methods=["GET", "POST"])


def login() -> Any:
    web = web_config()
    target = request.args.get("nasta", "/samordnare")
    if not target.startswith(("/samordnare", "/prioriteringar")):
        target = "/samordnare"
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(24)
    error = None
    address = request.remote_addr or "?"
    if request.method == "POST":
        check_csrf(request.form)
        # A try is counted as wrong from the start (see LoginThrottle.attempt).
        wait = login_throttle().attempt(address) if web.admin_hash is not None else 0
        if wait:
            minutes = (wait + 59) // 60
            response = page(
                "login.html.j2",
                429,
                title="Logga in",
                error=f"För många felaktiga lösenord från din adress. Försök igen om {minutes} "
                f"{'minut' if minutes == 1 else 'minuter'}.",
                enabled=web.admin_hash is not None,
                target=target,
            )
            response.headers["Retry-After"] = str(wait)
            return response
        password = request.form.get("losenord", "")
        if web.admin_hash is not None and check_password_hash(web.admin_hash, password):
            login_throttle().succeeded(address)
            session.clear()
            session.permanent = True
            session["admin"] = True
            session["since"] = int(time.time())
            session["csrf"] = secrets.token_urlsafe(24)
            return redirect(target, code=303)
        if web.admin_hash:
            error = "Fel lösenord."
    return page(
        "login.html.j2",
        401 if error else 200,
        title="Logga in",
        error=error,
        enabled=web.admin_hash is not None,
        target=target,
    )


def logout() -> Any:
    check_csrf(request.form)
    session.clear()
    return redirect("/", code=303)


def coordinator() -> Response:
    require_admin()
    db = database()
    state = read_priorities(db)
    today = settings.today()
    return page("coordinator.html.j2", **coordinator_context(db, state, today))


def coordinator_call() -> Response:
    require_admin()
    db = database()
    state = read_priorities(db)
    row = stored_call(db, request.args.get("id"))
    return page(
        "call.html.j2",
        **call_context(db, row, settings.today(), state.priorities, None),
        department_name=None,
        answers=[],
        back="/samordnare",
    )


def coordinator_department(department: str) -> Response:
    require_admin()
    db = database()
    state = read_priorities(db)
    name = department_name(state, department)

    def item_links(call_id: str) -> dict[str, Any]:
        return {"page": links().coordinator_call_url(call_id), "answers": []}

    assert state.priorities is not None
    return page(
        "department.html.j2",
        **department_context(db, state.priorities, department, settings.today(), item_links),
        department_name=name,
    )


def priorities_page() -> Response:
    """GET shows the file; POST previews the pasted or uploaded text, or saves it when it
    was previewed unchanged and is valid."""
    require_admin()
    path = priorities_path()
    context: dict[str, Any] = {"title": "Prioriteringsfilen", "path": str(path)}
    if request.method == "GET":
        try:
            text = read_priorities_bytes(path).decode("utf-8", errors="replace")
        except PrioritiesInvalid:
            text = ""
        return page("priorities.html.j2", text=text, result=None, saved=False, **context)
    form = request.form
    check_csrf(form)
    data, name = _posted_priorities(form)
    text = data.decode("utf-8", errors="replace")
    digest = hashlib.sha256(data).hexdigest()
    try:
        parsed = parse_priorities(data, name)
    except PrioritiesInvalid as exc:
        return _invalid_priorities_page(exc, text, name, context)
    if form.get("atgard") == "spara":
        if not hmac.compare_digest(form.get("granskad", ""), digest):
            raise PageError(
                409,
                "Förhandsgranska först",
                "Texten har ändrats sedan förhandsgranskningen. Tryck på "
                "Förhandsgranska och sedan Spara. Inget har sparats.",
            )
        _save_priorities(path, data)
        # Records the new version now; while a match writes, the service does it later.
        with contextlib.suppress(sqlite3.OperationalError):
            active_priorities(database(), path)
        return page(
            "priorities.html.j2", text=text, result=None, saved=True, digest=digest, **context
        )
    return _preview_page(parsed, text, name, digest, context)


def reply_page() -> Response:
    """A department's reply with numbers, pasted: GET shows the form; POST reads it against
    the department's digest (nothing is written), or stores its marks when the same text was
    read before (``eufunds reply`` does the same from a saved mail)."""
    require_admin()
    db = database()
    state = read_priorities(db)
    departments = [(d.id, d.name) for d in state.priorities.departments] if state.priorities else []
    context: dict[str, Any] = {
        "title": "Läs in ett svar",
        "departments": departments,
        "names": dict(departments),
    }
    if request.method == "GET":
        return _reply_form(context)
    check_csrf(request.form)
    return _posted_reply(db, request.form, context)


def _reply_form(context: dict[str, Any], status: int = 200, **shown: Any) -> Response:
    """The reply page: the form (with what was posted), and the reading when there is one."""
    parts = {"form": {}, "reading": None, "digest": "", "saved": None, "error": None, **shown}
    return page("reply.html.j2", status, **parts, **context)


def _posted_reply(db: Any, form: Any, context: dict[str, Any]) -> Response:
    """Read the posted reply, and store its marks when asked for the text previewed; a wrong
    form comes back with the pasted text, so nothing typed is lost."""
    from app.replies import ReplyProblem, read_answers, save_answers
    from notifier.replies import ReplyMail

    department = form.get("forvaltning", "")
    week = form.get("vecka", "").strip().upper() or None
    text = form.get("text", "").replace("\r\n", "\n")
    who = " ".join(form.get("av", "").split())[:200] or "EU-samordnaren (inklistrat svar)"
    fields = {"forvaltning": department, "vecka": week or "", "text": text, "av": who}
    if department not in context["names"]:
        return _reply_form(context, 422, form=fields, error="Välj vilken förvaltning som svarar.")
    if week is not None and not re.fullmatch(r"\d{4}-W\d{2}", week):
        error = f"Veckan skrivs ÅÅÅÅ-Wvv, till exempel 2026-W49, inte {week}."
        return _reply_form(context, 422, form=fields, error=error)
    try:
        reading = read_answers(db, ReplyMail(text), department, week)
    except ReplyProblem as exc:
        ask = "välj förvaltningen" if exc.needs == "department" else "ange veckan"
        error = f"{str(exc)[0].upper()}{str(exc)[1:]}: {ask}. Inget har sparats."
        return _reply_form(context, 422, form=fields, error=error)
    digest = hashlib.sha256(f"{department}|{reading.week}|{text}".encode()).hexdigest()
    shown: dict[str, Any] = {"form": fields, "reading": reading, "digest": digest}
    if form.get("atgard") != "spara":
        return _reply_form(context, **shown)
    if not hmac.compare_digest(form.get("granskad", ""), digest):
        error = (
            "Svaret har ändrats sedan förhandsgranskningen: läs tolkningen nedan och tryck på "
            "Spara igen. Inget har sparats."
        )
        return _reply_form(context, 409, error=error, **shown)
    saved = save_answers(db, reading.understood, department, who)
    return _reply_form(context, saved=saved, **shown)


def _posted_priorities(form: Any) -> tuple[bytes, str]:
    """The posted priorities file (uploaded, else pasted) and the name its errors cite."""
    upload = request.files.get("fil")
    if upload is not None and upload.filename:
        return upload.read(MAX_FORM_BYTES + 1), Path(upload.filename).name or "uppladdad fil"
    data = form.get("text", "").replace("\r\n", "\n").encode("utf-8", "surrogatepass")
    return data, "inklistrad text"


def _invalid_priorities_page(
    exc: PrioritiesInvalid, text: str, name: str, context: dict[str, Any]
) -> Response:
    """The posted text with every error, its line and column (422)."""
    issues = [
        {
            "line": i.line,
            "column": i.column,
            "message": i.message,
            "source": exc.source_line(i.line),
        }
        for i in exc.issues
    ]
    return page(
        "priorities.html.j2",
        422,
        text=text,
        result={"valid": False, "issues": issues, "name": name},
        saved=False,
        **context,
    )


def _preview_page(
    parsed: Priorities, text: str, name: str, digest: str, context: dict[str, Any]
) -> Response:
    """What the valid posted priorities would catch today (nothing is written)."""
    from app.web.preview import preview, read_only

    ro = read_only(web_config().db_path)
    try:
        result = preview(ro, parsed, settings.today())
    finally:
        ro.conn.close()
    return page(
        "priorities.html.j2",
        text=text,
        result={"valid": True, "preview": result, "name": name, "digest": digest},
        saved=False,
        names={d.id: d.name for d in parsed.departments},
        **context,
    )


def _save_priorities(path: Path, data: bytes) -> None:
    """Replace the priorities file atomically; the previous one is kept as ``<fil>.föregående``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
        temporary.write_bytes(data)
        if path.exists():
            previous = path.with_name(path.name + ".föregående")
            previous.write_bytes(path.read_bytes())
        os.replace(temporary, path)
    except OSError as exc:
        raise PageError(
            500,
            "Filen kunde inte sparas",
            f"Prioriteringsfilen {path} kunde inte skrivas ({exc.strerror}). Inget har "
            "ändrats; be IT-driften göra filen skrivbar för tjänsten.",
        ) from exc
