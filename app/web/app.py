"""The web view: a thin Flask application over the library packages, in Swedish, no JavaScript.

- ``/svar/<förvaltning>/<token>``: the page an answer link in a digest opens. GET shows the
  answer and a button (mail scanners open every link: a GET never changes anything); POST
  records it as a mark, exactly as ``eufunds mark`` does, with who and when.
- ``/utlysning/<förvaltning>/<token>`` and ``/forvaltning/<förvaltning>/<token>``: a call and
  a department as the department sees them, reached from its digest.
- ``/samordnare`` (behind the login, ``EUFUNDS_ADMIN_PASSWORD``): source health, the
  priorities in use, the outbox, this week's answers; every call and department page.
- ``/prioriteringar`` (behind the login): paste or upload the priorities file, see every
  error with its line and what each priority and board goal would catch today; saved only
  when asked and valid.

Links are signed (:mod:`notifier.links`); a forged, altered, expired or other department's
link gets a Swedish page and changes nothing. Forms carry a CSRF token and a POST from
another site is refused; form posts over :data:`MAX_FORM_BYTES` are refused (413).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import sqlite3
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import sqlite_utils
from flask import Flask, Response, g, redirect, request, session
from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined
from werkzeug.exceptions import HTTPException
from werkzeug.security import check_password_hash, generate_password_hash

from app import settings
from app.active_priorities import active_priorities, priorities_path
from app.commands.show import BUDGET_SV, STATUS_SV, collect_call
from db import open_db
from db.calls import call_titles, utc_now
from db.connection import set_busy_timeout
from db.crawl_runs import last_runs
from db.language import MARK_SV
from db.marks import add_mark, current_marks, department_mark, marks_since
from db.priorities_versions import latest_version
from db.selection import CallFilter, select_calls
from matcher.eligibility import APPLICANT_SV, KIND_SV
from notifier.digest import COORDINATOR, change_text, collect_digest
from notifier.links import ANSWERS, Grant, LinkError, Links, base_url
from notifier.outbox import list_outbox, problems
from notifier.safety import safe_url
from notifier.swedish import format_amount, format_date, format_days_left
from notifier.weeks import iso_week, week_monday
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


class PageError(Exception):
    """A request that cannot be served: shown as a Swedish page with ``status``."""

    def __init__(self, status: int, title: str, text: str) -> None:
        super().__init__(title)
        self.status = status
        self.title = title
        self.text = text


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
    env = _templates()
    open_db(web.db_path).conn.close()  # create and migrate once, before the first request

    def page(name: str, http_status: int = 200, **context: Any) -> Response:
        context.setdefault("admin", _is_admin())
        context.setdefault("csrf", session.get("csrf", ""))
        context.setdefault("mark_sv", MARK_SV)
        html = env.get_template(name).render(**context)
        return Response(html, status=http_status, mimetype="text/html")

    def database() -> sqlite_utils.Database:
        if "db" not in g:
            db = open_db(web.db_path, migrate=False)
            set_busy_timeout(db, BUSY_TIMEOUT_MS)
            g.db = db
        return g.db

    def links() -> Links:
        return Links(web.base or request.url_root.rstrip("/"), web.key)

    def grant(kind: str, department: str, token: str) -> Grant:
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
        if state.priorities is None:
            raise _no_priorities()
        try:
            return str(state.priorities.department(department).name)
        except KeyError:
            raise PageError(
                404,
                "Förvaltningen finns inte",
                f"Förvaltningen '{department}' finns inte (längre) i kommunens "
                "prioriteringsfil. Fråga EU-samordnaren. Inget har ändrats.",
            ) from None

    def call_row(db: sqlite_utils.Database, call_id: str | None) -> dict[str, Any]:
        row = next(db["calls"].rows_where("id = ?", [call_id or ""]), None) if call_id else None
        if row is None:
            raise PageError(
                404,
                "Utlysningen finns inte",
                "Utlysningen som länken pekar på finns inte i databasen (längre). Fråga "
                "EU-samordnaren. Inget har ändrats.",
            )
        return row

    def answer_csrf(token: str) -> str:
        return hmac.new(web.key, b"eufunds.csrf." + token.encode(), hashlib.sha256).hexdigest()

    # -- request checks and headers ------------------------------------------------------

    @app.before_request
    def refuse_cross_site_posts() -> None:
        if request.method != "POST":
            return
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

    @app.after_request
    def headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        # The links carry tokens: never send them on to the sources' sites.
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.teardown_appcontext
    def close_db(_exc: BaseException | None) -> None:
        db = g.pop("db", None)
        if db is not None:
            db.conn.close()

    @app.errorhandler(PageError)
    def page_error(exc: PageError) -> Response:
        return page("message.html.j2", exc.status, title=exc.title, text=exc.text)

    @app.errorhandler(sqlite3.OperationalError)
    def busy(exc: sqlite3.OperationalError) -> Response:
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

    @app.errorhandler(HTTPException)
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

    # -- pages for everyone --------------------------------------------------------------

    @app.get("/")
    def index() -> Response:
        return page("index.html.j2", title="EU-utlysningar", login=web.admin_hash is not None)

    @app.route("/svar/<department>/<token>", methods=["GET", "POST"])
    def answer(department: str, token: str) -> Response:
        form = request.form if request.method == "POST" else None  # 413 before anything else
        found = grant("svar", department, token)
        db = database()
        state = read_priorities(db)
        name = department_name(state, found.department)
        row = call_row(db, found.call_id)
        assert found.answer is not None
        mark = ANSWERS[found.answer][0]
        saved = _department_mark(db, row["id"], found.department)
        if form is not None:
            if not hmac.compare_digest(form.get("csrf", ""), answer_csrf(token)):
                raise PageError(
                    403,
                    "Formuläret kunde inte kontrolleras",
                    "Svaret kom inte från svarssidan. Öppna länken i veckobrevet igen och "
                    "tryck på knappen. Inget har ändrats.",
                )
            if form.get("forvaltning", found.department) != found.department:
                raise PageError(
                    403,
                    "Svaret gäller en annan förvaltning",
                    "Svarssidan hör till en annan förvaltning än formuläret. Använd länkarna "
                    "i er egen förvaltnings veckobrev. Inget har ändrats.",
                )
            reason = " ".join(form.get("motivering", "").split()) or None
            if reason and len(reason) > REASON_MAX:
                raise PageError(
                    400,
                    "Motiveringen är för lång",
                    f"Skriv högst {REASON_MAX} tecken. Inget har sparats; gå tillbaka och "
                    "korta motiveringen.",
                )
            if saved is not None and (saved["mark"], saved["reason"], saved["marked_by"]) == (
                mark,
                reason,
                found.recipient,
            ):
                return redirect(f"{request.path}?sparat=redan", code=303)  # type: ignore[return-value]
            with db.atomic():
                add_mark(
                    db,
                    row["id"],
                    mark,
                    marked_by=found.recipient,
                    marked_at=utc_now(),
                    department=found.department,
                    reason=reason,
                )
            return redirect(f"{request.path}?sparat=ja", code=303)  # type: ignore[return-value]
        others = [
            (
                text,
                links().answer_url(found.department, row["id"], found.week, key, found.recipient),
            )
            for key, (_m, text) in ANSWERS.items()
            if key != found.answer
        ]
        return page(
            "answer.html.j2",
            title=f"Svara: {ANSWERS[found.answer][1]}",
            call=_call_summary(row, settings.today()),
            answer_text=ANSWERS[found.answer][1],
            answer=found.answer,
            department=found.department,
            department_name=name,
            recipient=found.recipient,
            saved=saved,
            just_saved=request.args.get("sparat"),
            csrf_token=answer_csrf(token),
            others=others,
            call_page=links().call_url(found.department, row["id"], found.week, found.recipient),
        )

    @app.get("/utlysning/<department>/<token>")
    def department_call(department: str, token: str) -> Response:
        found = grant("utlysning", department, token)
        db = database()
        state = read_priorities(db)
        name = department_name(state, found.department)
        row = call_row(db, found.call_id)
        today = settings.today()
        week = iso_week(today)
        answers = [
            (text, links().answer_url(found.department, row["id"], week, key, found.recipient))
            for key, (_m, text) in ANSWERS.items()
        ]
        return page(
            "call.html.j2",
            **_call_page(db, row, today, state.priorities, found.department),
            department_name=name,
            answers=answers,
            back=links().department_url(found.department, week, found.recipient),
        )

    @app.get("/forvaltning/<department>/<token>")
    def department_page(department: str, token: str) -> Response:
        found = grant("forvaltning", department, token)
        db = database()
        state = read_priorities(db)
        name = department_name(state, found.department)
        today = settings.today()
        week = iso_week(today)
        lk = links()

        def item_links(call_id: str) -> dict[str, Any]:
            return {
                "page": lk.call_url(found.department, call_id, week, found.recipient),
                "answers": [
                    (text, lk.answer_url(found.department, call_id, week, key, found.recipient))
                    for key, (_m, text) in ANSWERS.items()
                ],
            }

        assert state.priorities is not None
        return page(
            "department.html.j2",
            **_department_page(db, state.priorities, found.department, today, item_links),
            department_name=name,
        )

    # -- the coordinator -----------------------------------------------------------------

    def require_admin() -> None:
        if not _is_admin():
            raise _LoginNeeded()

    class _LoginNeeded(Exception):
        pass

    @app.errorhandler(_LoginNeeded)
    def login_needed(_exc: Exception) -> Any:
        return redirect(f"/logga-in?nasta={request.path}", code=303)

    def check_csrf(form: Any) -> None:
        expected = session.get("csrf")
        if not expected or not hmac.compare_digest(str(form.get("csrf", "")), str(expected)):
            raise PageError(
                403,
                "Formuläret kunde inte kontrolleras",
                "Sidan var för gammal eller kom inte från eufunds. Ladda om sidan och försök "
                "igen. Inget har ändrats.",
            )

    @app.route("/logga-in", methods=["GET", "POST"])
    def login() -> Any:
        target = request.args.get("nasta", "/samordnare")
        if not target.startswith(("/samordnare", "/prioriteringar")):
            target = "/samordnare"
        if "csrf" not in session:
            session["csrf"] = secrets.token_urlsafe(24)
        error = None
        if request.method == "POST":
            check_csrf(request.form)
            password = request.form.get("losenord", "")
            if web.admin_hash is not None and check_password_hash(web.admin_hash, password):
                session.clear()
                session.permanent = True
                session["admin"] = True
                session["since"] = int(time.time())
                session["csrf"] = secrets.token_urlsafe(24)
                return redirect(target, code=303)
            error = "Fel lösenord." if web.admin_hash else None
        return page(
            "login.html.j2",
            401 if error else 200,
            title="Logga in",
            error=error,
            enabled=web.admin_hash is not None,
            target=target,
        )

    @app.post("/logga-ut")
    def logout() -> Any:
        check_csrf(request.form)
        session.clear()
        return redirect("/", code=303)

    @app.get("/samordnare")
    def coordinator() -> Response:
        require_admin()
        db = database()
        state = read_priorities(db)
        today = settings.today()
        return page("coordinator.html.j2", **_coordinator_page(db, state, today))

    @app.get("/samordnare/utlysning")
    def coordinator_call() -> Response:
        require_admin()
        db = database()
        state = read_priorities(db)
        row = call_row(db, request.args.get("id"))
        return page(
            "call.html.j2",
            **_call_page(db, row, settings.today(), state.priorities, None),
            department_name=None,
            answers=[],
            back="/samordnare",
        )

    @app.get("/samordnare/forvaltning/<department>")
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
            **_department_page(db, state.priorities, department, settings.today(), item_links),
            department_name=name,
        )

    @app.route("/prioriteringar", methods=["GET", "POST"])
    def priorities_page() -> Response:
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
        upload = request.files.get("fil")
        if upload is not None and upload.filename:
            data = upload.read(MAX_FORM_BYTES + 1)
            name = Path(upload.filename).name or "uppladdad fil"
        else:
            data = form.get("text", "").replace("\r\n", "\n").encode("utf-8", "surrogatepass")
            name = "inklistrad text"
        text = data.decode("utf-8", errors="replace")
        digest = hashlib.sha256(data).hexdigest()
        try:
            parsed = parse_priorities(data, name)
        except PrioritiesInvalid as exc:
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
        from app.web.preview import preview, read_only

        ro = read_only(web.db_path)
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

    def read_priorities(db: sqlite_utils.Database) -> PrioritiesState:
        return _read_priorities(db)

    return app


def _no_priorities() -> PageError:
    return PageError(
        503,
        "Prioriteringsfilen kan inte användas",
        "Kommunens prioriteringsfil har fel och ingen tidigare version finns sparad. "
        "EU-samordnaren behöver rätta filen. Inget har ändrats.",
    )


def _is_admin() -> bool:
    since = session.get("since")
    return (
        bool(session.get("admin"))
        and isinstance(since, int)
        and (time.time() - since < SESSION_SECONDS)
    )


def _read_priorities(db: sqlite_utils.Database) -> PrioritiesState:
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


def _department_mark(
    db: sqlite_utils.Database, call_id: str, department: str
) -> dict[str, Any] | None:
    """The latest mark made for exactly this department (an answer, or the coordinator's)."""
    mark = department_mark(db, call_id, department)
    return asdict(mark) if mark is not None else None


def _lang(row: dict[str, Any]) -> str | None:
    try:
        languages = json.loads(row.get("languages") or "[]")
    except ValueError:
        return None
    if isinstance(languages, list) and languages and languages[0] not in ("sv", None):
        return str(languages[0])
    return None


def _call_summary(row: dict[str, Any], today: date) -> dict[str, Any]:
    deadlines = json.loads(row.get("deadlines") or "[]")
    upcoming = [d for d in deadlines if d >= today.isoformat()]
    deadline = min(upcoming) if upcoming else (max(deadlines) if deadlines else None)
    left = (date.fromisoformat(deadline[:10]) - today).days if deadline else None
    return {
        "id": row["id"],
        "title": row["title"],
        "programme": row.get("programme"),
        "url": safe_url(row.get("url")),
        "deadline": format_date(deadline),
        "days_left": format_days_left(left),
        "lang": _lang(row),
    }


def _call_page(
    db: sqlite_utils.Database,
    row: dict[str, Any],
    today: date,
    priorities: Priorities | None,
    department: str | None,
) -> dict[str, Any]:
    """Everything a call's page shows; only the department's matches and marks for it."""
    data = collect_call(db, row, today)
    titles: dict[str, str] = {}
    if priorities is not None:
        for p in priorities.priorities:
            titles[p.id] = p.title
            for goal in p.goals:
                titles[goal.id] = goal.text
    dept_names = {d.id: d.name for d in priorities.departments} if priorities else {}
    matches = [
        {
            "target": titles.get(m["target_id"], m["target_id"]),
            "kind": m["target_kind"],
            "priority": titles.get(m["priority_id"], m["priority_id"]),
            "label": m["label"],
            "included": m["included"],
            "eligibility": m["eligibility"],
            "facts": m["eligibility_facts"],
            "passage": m["passage"],
            "departments": [dept_names.get(d, d) for d in m["departments"]],
        }
        for m in data["matches"]
        if department is None or department in m["departments"]
    ]
    marks = [
        {**m, "department_name": dept_names.get(m["department"] or "", "alla förvaltningar")}
        for m in data["marks"]
        if department is None or m["department"] in (department, None)
    ]
    given = data["applicant_types"] or []
    applicants = [sv for t, sv in APPLICANT_SV.items() if t in given]
    budget = format_amount(data["budget"], data["currency"])
    sources = []
    if safe_url(data["url"]):
        sources.append((row.get("source") or "källan", data["url"]))
    for other in data["also_at"]:
        if isinstance(other, dict) and safe_url(other.get("url")):
            sources.append((str(other.get("source") or "annan källa"), str(other["url"])))
    return {
        "title": data["title"],
        "call": data,
        "lang": _lang(row),
        "kind": KIND_SV.get(data["kind"], data["kind"]),
        "status": STATUS_SV.get(data["status"], data["status"]),
        "opening": format_date(data["opening_date"]),
        "deadlines": [format_date(d) for d in data["deadlines"]],
        "next_deadline": format_date(data["next_deadline"]),
        "days_left": format_days_left(data["days_left"]),
        "budget": f"{budget} ({BUDGET_SV.get(data['budget_kind'] or '', UNCLEAR_BUDGET)})"
        if budget
        else None,
        "applicants": ", ".join(applicants) or None,
        "matches": matches,
        "changes": [
            {
                "when": format_date(c["detected_at"]),
                "text": change_text(c["kind"], c["old"], c["new"]),
            }
            for c in data["changes"]
        ],
        "marks": marks,
        "sources": sources,
    }


def _department_page(
    db: sqlite_utils.Database,
    priorities: Priorities,
    department: str,
    today: date,
    item_links: Callable[[str], dict[str, Any]],
) -> dict[str, Any]:
    """This week's digest (as it is or would be), the marked calls and upcoming deadlines."""
    week = iso_week(today)
    digest = collect_digest(db, priorities, department, week, today, now=utc_now())
    marks = current_marks(db, department)
    titles = call_titles(db, marks)
    marked: list[dict[str, Any]] = [
        {
            "call_id": call_id,
            "title": titles.get(call_id, call_id),
            "mark": m.mark,
            "by": m.marked_by,
            "at": m.marked_at[:10],
            "reason": m.reason,
            "for_all": m.department is None,
        }
        for call_id, m in sorted(marks.items(), key=lambda kv: kv[1].marked_at, reverse=True)
    ]
    upcoming = select_calls(
        db,
        CallFilter(
            matched=True,
            department=department,
            deadline_after=today,
            deadline_before=today + timedelta(days=DEADLINE_DAYS),
        ),
        today,
    )
    deadlines = sorted(
        (
            {
                "call_id": c.id,
                "title": c.title,
                "deadline": format_date(c.deadline),
                "days_left": format_days_left(c.days_left),
                "sort": c.deadline or "",
            }
            for c in upcoming
        ),
        key=lambda d: str(d["sort"]),
    )
    shown = [*digest.reminders, *digest.new, *digest.watch, *digest.changes, *digest.closing]
    call_ids = {i.call_id for i in shown} | {m["call_id"] for m in marked}
    call_ids |= {d["call_id"] for d in deadlines}
    return {
        "title": f"Veckans EU-utlysningar – {digest.department_name}",
        "d": digest,
        "marked": marked,
        "deadlines": deadlines,
        "links": {c: item_links(c) for c in call_ids},
        "week_number": digest.week_number,
        "deadline_days": DEADLINE_DAYS,
    }


def _coordinator_page(
    db: sqlite_utils.Database, state: PrioritiesState, today: date
) -> dict[str, Any]:
    """Source health, the priorities in use, the outbox and this week's answers."""
    sources = last_runs(db)
    week = iso_week(today)
    monday = week_monday(week).isoformat()
    answers = marks_since(db, monday)
    names = {d.id: d.name for d in state.priorities.departments} if state.priorities else {}
    outbox = list_outbox(db, week=week)
    stuck = problems(db)
    latest = latest_version(db)
    return {
        "title": "EU-samordnaren",
        "today": format_date(today),
        "week_number": int(week.split("-W")[1]),
        "sources": sources,
        "priorities": state,
        "version": latest,
        "departments": [(d.id, d.name) for d in state.priorities.departments]
        if state.priorities
        else [],
        "names": names,
        "answers": answers,
        "outbox": outbox,
        "stuck": stuck,
        "coordinator_id": COORDINATOR,
    }


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
