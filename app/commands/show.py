"""``eufunds show ID``: everything known about one call."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

import click
import sqlite_utils

from app import settings
from app.choices import known_priorities
from app.listing import days_left, resolve_call
from app.output import print_json, print_table
from app.params import DATE
from db import open_db
from db.marks import current_marks, marks_for_call
from db.matches import matches_for_call
from db.records import Call
from db.status import derive_status, next_deadline

STATUS_SV = {"open": "öppen", "forthcoming": "kommande", "closed": "stängd", "unknown": "okänd"}


def collect_call(db: sqlite_utils.Database, row: dict[str, Any], today: date) -> dict[str, Any]:
    """All facts about one call: content, status, matches, changes, versions and marks."""
    call = Call.from_row(row)
    upcoming = next_deadline(call.deadlines, today)
    titles = known_priorities(db)
    matches = []
    for m in matches_for_call(db, call.key):
        item = asdict(m)
        item["priority_title"] = titles.get(m.priority_id)
        matches.append(item)
    changes = [
        {k: r[k] for k in ("kind", "detected_at", "old", "new")}
        for r in db["changes"].rows_where("call_id = ?", [call.key], order_by="detected_at, id")
    ]
    versions = [
        {"version": r["version"], "recorded_at": r["recorded_at"]}
        for r in db["call_versions"].rows_where("call_id = ?", [call.key], order_by="version")
    ]
    latest = current_marks(db)
    return {
        "id": call.key,
        "title": call.title,
        "programme": call.programme,
        "url": call.url,
        "status": derive_status(call.opening_date, call.deadlines, today, call.status_hint),
        "opening_date": call.opening_date,
        "deadlines": call.deadlines,
        "next_deadline": upcoming,
        "days_left": days_left(upcoming, today),
        "budget": call.budget,
        "currency": call.currency,
        "applicants": call.applicants,
        "regions": call.regions,
        "languages": call.languages,
        "description": call.description,
        "extra": call.extra,
        "first_seen_at": row.get("first_seen_at"),
        "last_seen_at": row.get("last_seen_at"),
        "matches": matches,
        "changes": changes,
        "versions": versions,
        "marks": [asdict(m) for m in marks_for_call(db, call.key)],
        "mark": latest[call.key].mark if call.key in latest else None,
    }


def _print_call(data: dict[str, Any], today: date) -> None:
    echo = click.echo
    echo(data["title"])
    echo(f"  id:            {data['id']}")
    echo(f"  program:       {data['programme'] or '-'}")
    echo(f"  status:        {STATUS_SV[data['status']]} (per {today.isoformat()})")
    echo(f"  öppnar:        {data['opening_date'] or '-'}")
    deadlines = ", ".join(data["deadlines"]) or "-"
    echo(f"  deadlines:     {deadlines}")
    if data["next_deadline"]:
        echo(f"  nästa:         {data['next_deadline']} ({data['days_left']} dagar kvar)")
    if data["budget"] is not None:
        echo(f"  budget:        {data['budget']:,.0f} {data['currency'] or ''}".rstrip())
    else:
        echo("  budget:        -")
    echo(f"  vem får söka:  {data['applicants'] or '-'}")
    if data["regions"]:
        echo(f"  regioner:      {', '.join(data['regions'])}")
    echo(f"  länk:          {data['url'] or '-'}")
    echo(f"  senast sedd:   {data['last_seen_at'] or '-'}")
    if data["mark"]:
        echo(f"  markering:     {data['mark']}")
    echo("")
    description = data["description"].strip()
    if description:
        echo(description if len(description) <= 1500 else description[:1500] + " …")
        echo("")
    if data["matches"]:
        echo("Matchningar:")
        for m in data["matches"]:
            flag = "med i utskick" if m["included"] else "ej med"
            title = f" {m['priority_title']}" if m["priority_title"] else ""
            target = m["target_id"] if m["target_kind"] == "goal" else m["priority_id"]
            echo(
                f"- {target} ({m['target_kind']}){title}: {m['label'] or '-'}, "
                f"poäng {m['score']:.2f}, behörighet {m['eligibility']}, {flag}; "
                f"förvaltningar {', '.join(m['departments']) or '-'}"
            )
            for fact in m["eligibility_facts"]:
                echo(
                    f"    {fact.get('check', '')}: {fact.get('result', '')} "
                    f"({fact.get('reason', '')})"
                )
            if m["keywords"]:
                echo(f"    nyckelord: {', '.join(m['keywords'])}")
            if m["passage"]:
                echo(f"    ”{_short(m['passage'])}”")
    else:
        echo("Matchningar: inga (eufunds match poängsätter utlysningarna)")
    echo("")
    if data["changes"]:
        print_table(
            "Historik",
            ["När", "Ändring", "Från", "Till"],
            [(c["detected_at"], c["kind"], c["old"], c["new"]) for c in data["changes"]],
        )
    if data["marks"]:
        print_table(
            "Markeringar och anteckningar",
            ["När", "Markering", "Förvaltning", "Av", "Motivering"],
            [
                (m["marked_at"], m["mark"], m["department"] or "alla", m["marked_by"], m["reason"])
                for m in data["marks"]
            ],
        )
    else:
        echo("Markeringar: inga (eufunds mark ID --as …)")


def _short(text: str, limit: int = 300) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + " …"


@click.command(name="show")
@click.argument("ident", metavar="ID")
@click.option("--today", type=DATE, help="Date the status is derived for (default today).")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def show(ident: str, today: date | None, as_json: bool) -> None:
    """Everything known about the call ID: deadlines, budget, who may apply, matches with
    their explanations, history of changes, marks and their reasons."""
    today = today or settings.today()
    db = open_db()
    data = collect_call(db, resolve_call(db, ident), today)
    if as_json:
        print_json(data)
        return
    _print_call(data, today)


COMMANDS = [show]
