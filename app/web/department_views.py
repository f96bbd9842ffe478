"""The web view's pages for everyone, reached from a department's digest by a signed link:
the start page, an answer, a call and the department's own page."""

from __future__ import annotations

import hmac
from typing import Any

import sqlite_utils
from flask import Flask, Response, redirect, request

from app import settings
from app.web.common import (
    REASON_MAX,
    PageError,
    answer_csrf,
    database,
    department_name,
    grant,
    links,
    page,
    read_priorities,
    stored_call,
    web_config,
)
from app.web.pages import call_context, call_summary, department_context, saved_mark
from db.calls import utc_now
from db.marks import add_mark
from notifier.links import ANSWERS, Grant
from notifier.weeks import iso_week


def register_department_views(app: Flask) -> None:
    """Route the pages for everyone in ``app``."""
    app.add_url_rule("/", view_func=index, methods=["GET"])
    app.add_url_rule("/svar/<department>/<token>", view_func=answer, methods=["GET", "POST"])
    app.add_url_rule("/utlysning/<department>/<token>", view_func=department_call, methods=["GET"])
    app.add_url_rule(
        "/forvaltning/<department>/<token>", view_func=department_page, methods=["GET"]
    )


def index() -> Response:
    return page("index.html.j2", title="EU-utlysningar", login=web_config().admin_hash is not None)


def answer(department: str, token: str) -> Response:
    """GET shows the answer and a button; POST records it as the department's mark."""
    form = request.form if request.method == "POST" else None  # 413 before anything else
    found = grant("svar", department, token)
    db = database()
    state = read_priorities(db)
    name = department_name(state, found.department)
    row = stored_call(db, found.call_id)
    assert found.answer is not None
    mark = ANSWERS[found.answer][0]
    saved = saved_mark(db, row["id"], found.department)
    if form is not None:
        return _record_answer(db, form, token, found, row["id"], mark, saved)
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
        call=call_summary(row, settings.today()),
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


def _record_answer(
    db: sqlite_utils.Database,
    form: Any,
    token: str,
    found: Grant,
    call_id: str,
    mark: str,
    saved: dict[str, Any] | None,
) -> Response:
    """Store the posted answer as the mark ``mark`` (once: the same answer again is not
    stored) and redirect to the answer page, which says it was saved."""
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
            call_id,
            mark,
            marked_by=found.recipient,
            marked_at=utc_now(),
            department=found.department,
            reason=reason,
        )
    return redirect(f"{request.path}?sparat=ja", code=303)  # type: ignore[return-value]


def department_call(department: str, token: str) -> Response:
    """A call as the department sees it, with its answer links."""
    found = grant("utlysning", department, token)
    db = database()
    state = read_priorities(db)
    name = department_name(state, found.department)
    row = stored_call(db, found.call_id)
    today = settings.today()
    week = iso_week(today)
    answers = [
        (text, links().answer_url(found.department, row["id"], week, key, found.recipient))
        for key, (_m, text) in ANSWERS.items()
    ]
    return page(
        "call.html.j2",
        **call_context(db, row, today, state.priorities, found.department),
        department_name=name,
        answers=answers,
        back=links().department_url(found.department, week, found.recipient),
    )


def department_page(department: str, token: str) -> Response:
    """The department's week: its digest, its marked calls and upcoming deadlines."""
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
        **department_context(db, state.priorities, found.department, today, item_links),
        department_name=name,
    )
