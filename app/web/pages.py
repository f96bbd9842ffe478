"""What the web view's pages show, gathered from the database: a call's summary and page, a
department's page and the coordinator's overview (each a template's context)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from datetime import date, timedelta
from typing import Any

import sqlite_utils

from app.commands.show import BUDGET_SV, STATUS_SV, collect_call
from app.web.common import DEADLINE_DAYS, UNCLEAR_BUDGET, PrioritiesState
from db.calls import call_titles, utc_now
from db.crawl_runs import last_runs
from db.digests import numbered_calls
from db.marks import current_marks, department_mark, marks_since
from db.priorities_versions import latest_version
from db.selection import CallFilter, select_calls
from matcher.eligibility import APPLICANT_SV, KIND_SV
from notifier.digest import COORDINATOR, change_text, collect_digest
from notifier.outbox import list_outbox, problems
from notifier.safety import safe_url
from notifier.swedish import format_amount, format_date, format_days_left, format_opening
from notifier.weeks import iso_week, week_monday
from priorities import Priorities


def saved_mark(db: sqlite_utils.Database, call_id: str, department: str) -> dict[str, Any] | None:
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


def call_summary(row: dict[str, Any], today: date) -> dict[str, Any]:
    """A call as the answer page names it: title, programme, link and next deadline."""
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


def call_context(
    db: sqlite_utils.Database,
    row: dict[str, Any],
    today: date,
    priorities: Priorities | None,
    department: str | None,
) -> dict[str, Any]:
    """Everything a call's page shows; only the department's matches and marks for it."""
    data = collect_call(db, row, today)
    titles = _target_titles(priorities)
    dept_names = {d.id: d.name for d in priorities.departments} if priorities else {}
    matches = [
        _shown_match(m, titles, dept_names, department)
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
    return {
        "title": data["title"],
        "call": data,
        "lang": _lang(row),
        "kind": KIND_SV.get(data["kind"], data["kind"]),
        "status": STATUS_SV.get(data["status"], data["status"]),
        "opening": format_opening(
            data["opening_date"], data["preliminary"], data["planned_opening"]
        ),
        "preliminary": data["preliminary"],
        "deadlines": [format_date(d) for d in data["deadlines"]],
        "next_deadline": format_date(data["next_deadline"]),
        "days_left": format_days_left(data["days_left"]),
        "budget": _budget_text(data),
        "applicants": ", ".join(applicants) or data["applicants_rule"],
        "matches": matches,
        "changes": [
            {
                "when": format_date(c["detected_at"]),
                "text": change_text(c["kind"], c["old"], c["new"]),
            }
            for c in data["changes"]
        ],
        "marks": marks,
        "sources": _call_sources(row, data),
    }


def _target_titles(priorities: Priorities | None) -> dict[str, str]:
    """Priority and board-goal id -> its title or text."""
    titles: dict[str, str] = {}
    if priorities is not None:
        for p in priorities.priorities:
            titles[p.id] = p.title
            for goal in p.goals:
                titles[goal.id] = goal.text
    return titles


def _shown_match(
    m: dict[str, Any], titles: dict[str, str], dept_names: dict[str, str], department: str | None
) -> dict[str, Any]:
    """One match as the call's page shows it, with titles and department names; ``hidden``
    when a not-relevant mark keeps it from the viewer's digest (the department's, or without
    one every department's)."""
    return {
        "hidden": department in m["hidden_for"] if department is not None else m["hidden"],
        "target": titles.get(m["target_id"], m["target_id"]),
        "kind": m["target_kind"],
        "priority": titles.get(m["priority_id"], m["priority_id"]),
        "label": m["label"],
        "included": m["included"],
        "eligibility": m["eligibility"],
        "facts": m["eligibility_facts"],
        "passage": m["passage"],
        "undescribed": any(f.get("check") == "beskrivning" for f in m["eligibility_facts"]),
        "departments": [dept_names.get(d, d) for d in m["departments"]],
    }


def _budget_text(data: dict[str, Any]) -> str | None:
    """The budget with what it is per (project or in total), or None when not given."""
    budget = format_amount(data["budget"], data["currency"])
    if not budget:
        return None
    return f"{budget} ({BUDGET_SV.get(data['budget_kind'] or '', UNCLEAR_BUDGET)})"


def _call_sources(row: dict[str, Any], data: dict[str, Any]) -> list[tuple[str, str]]:
    """(source, address) of the call at its own source and at the others that list it."""
    sources = []
    if safe_url(data["url"]):
        sources.append((row.get("source") or "källan", data["url"]))
    for other in data["also_at"]:
        if isinstance(other, dict) and safe_url(other.get("url")):
            sources.append((str(other.get("source") or "annan källa"), str(other["url"])))
    return sources


def _marked_rows(db: sqlite_utils.Database, department: str) -> list[dict[str, Any]]:
    """The department's marks in force, latest first, as the page lists them."""
    marks = current_marks(db, department)
    titles = call_titles(db, marks)
    return [
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


def department_context(
    db: sqlite_utils.Database,
    priorities: Priorities,
    department: str,
    today: date,
    item_links: Callable[[str], dict[str, Any]],
) -> dict[str, Any]:
    """This week's digest (as it is or would be), the marked calls and upcoming deadlines.
    Once the week's digest is built, its calls keep the numbers the mail gave them (a
    reply's "nr 4" is the same call here); answers since then may have taken calls off."""
    week = iso_week(today)
    digest = collect_digest(db, priorities, department, week, today, now=utc_now())
    sent = numbered_calls(db, department, week)
    numbers = (
        {call_id: n for n, call_id in enumerate(sent[1], start=1)}
        if sent is not None
        else digest.numbers
    )
    marked = _marked_rows(db, department)
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
    shown = digest.items
    call_ids = {i.call_id for i in shown} | {m["call_id"] for m in marked}
    call_ids |= {d["call_id"] for d in deadlines}
    return {
        "title": f"Veckans EU-utlysningar – {digest.department_name}",
        "d": digest,
        "numbers": numbers,
        "marked": marked,
        "deadlines": deadlines,
        "links": {c: item_links(c) for c in call_ids},
        "week_number": digest.week_number,
        "deadline_days": DEADLINE_DAYS,
    }


def coordinator_context(
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
