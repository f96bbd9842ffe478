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
from db.calls import shown_id
from db.clock import local_time
from db.language import (
    BUDGET_SV,
    CHANGE_SV,
    ELIGIBILITY_SV,
    MARK_SV,
    STATUS_SV,
    TARGET_SV,
)
from db.marks import current_marks, hidden_for, kept_from_all, marks_for_call
from db.matches import matches_for_call
from db.records import Call
from db.status import PRELIMINARY, next_deadline, planned_dates
from db.text import shorten
from matcher.eligibility import APPLICANT_SV, KIND_SV

__all__ = ["BUDGET_SV", "STATUS_SV", "collect_call"]  # the web view shows calls the same way


def _call_matches(db: sqlite_utils.Database, key: str) -> list[dict[str, Any]]:
    """The call's stored matches, each with its priority's title and what the marks do to it:
    the departments a not-relevant mark takes it from, and whether that is all of them
    (db/marks.py)."""
    titles = known_priorities(db)
    found = matches_for_call(db, key)
    hidden = hidden_for(db, (d for m in found for d in m.departments))
    matches = []
    for m in found:
        item = asdict(m)
        item["priority_title"] = titles.get(m.priority_id)
        item["hidden_for"] = [d for d in m.departments if key in hidden[d]]
        item["hidden"] = kept_from_all(key, m.departments, hidden)
        item["applicants_fact"] = m.applicants_fact
        matches.append(item)
    return matches


def collect_call(db: sqlite_utils.Database, row: dict[str, Any], today: date) -> dict[str, Any]:
    """All facts about one call: content, status, matches, changes, versions and marks."""
    call = Call.from_row(row)
    upcoming = next_deadline(call.deadlines, today)
    matches = _call_matches(db, call.key)
    changes = [
        {k: r[k] for k in ("kind", "detected_at", "old", "new")}
        for r in db["changes"].rows_where("call_id = ?", [call.key], order_by="detected_at, id")
    ]
    versions = [
        {"version": r["version"], "recorded_at": r["recorded_at"]}
        for r in db["call_versions"].rows_where("call_id = ?", [call.key], order_by="version")
    ]
    latest = current_marks(db)
    also_at = call.extra.get("also_at")
    preliminary, planned_opening = planned_dates(call.extra)
    return {
        "id": call.key,
        "short_id": shown_id(row),
        "title": call.title,
        "kind": call.kind,
        "programme": call.programme,
        "url": call.url,
        "status": call.status(today),
        "opening_date": call.opening_date,
        "preliminary": preliminary,
        "planned_opening": planned_opening,
        "deadlines": call.deadlines,
        "rolling": call.rolling,
        "next_deadline": upcoming,
        "days_left": days_left(upcoming, today),
        "published": call.published,
        "budget": call.budget,
        "currency": call.currency,
        "budget_kind": call.budget_kind,
        "applicants": call.applicants,
        "applicant_types": call.applicant_types,
        # Who may apply as the eligibility check says it (the digest's "Sökande" line): the
        # programme's rules speak where the source names no applicant types.
        "applicants_rule": next(
            (m["applicants_fact"] for m in matches if m["applicants_fact"]), None
        ),
        "twin_of": row.get("twin_of"),
        "also_at": also_at if isinstance(also_at, list) else [],
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
    _print_facts(data, today)
    description = data["description"].strip()
    if description:
        click.echo(shorten(description, 1500))
        click.echo("")
    _print_matches(data)
    click.echo("")
    _print_history(data)


def _print_facts(data: dict[str, Any], today: date) -> None:
    echo = click.echo
    echo(data["title"])
    echo(f"  id:            {data['short_id']}   (nyckel {data['id']})")
    echo(f"  slag:          {KIND_SV.get(data['kind'], data['kind'])}")
    echo(f"  program:       {data['programme'] or '-'}")
    echo(f"  status:        {STATUS_SV[data['status']]} (per {today.isoformat()})")
    planned = f" ({PRELIMINARY})" if data["preliminary"] else ""
    if data["opening_date"]:
        echo(f"  öppnar:        {data['opening_date']}{planned}")
    elif data["planned_opening"]:
        echo(f"  öppnar:        planerad {data['planned_opening']}{planned}")
    else:
        echo("  öppnar:        -")
    deadlines = ", ".join(data["deadlines"]) or ("löpande" if data["rolling"] else "-")
    echo(f"  deadlines:     {deadlines}{planned if data['deadlines'] else ''}")
    if data["next_deadline"]:
        echo(f"  nästa:         {data['next_deadline']} ({data['days_left']} dagar kvar)")
    echo(f"  publicerad:    {data['published'] or '-'}")
    echo(f"  budget:        {_budget(data)}")
    given = data["applicant_types"]
    types = [sv for t, sv in APPLICANT_SV.items() if t in given]
    types += [t for t in given if t not in APPLICANT_SV]
    echo(f"  sökande:       {', '.join(types) or data['applicants_rule'] or 'framgår inte'}")
    echo(f"  vem får söka:  {data['applicants'] or '-'}")
    if data["regions"]:
        echo(f"  regioner:      {', '.join(data['regions'])}")
    echo(f"  länk:          {data['url'] or '-'}")
    if data["twin_of"]:
        same_source = data["twin_of"].split(":", 1)[0] == data["id"].split(":", 1)[0]
        how = (
            "samma text och datum under en annan länk hos samma källa"
            if same_source
            else "samma utlysning från en annan källa"
        )
        echo(f"  samma som:     {data['twin_of']} ({how})")
    for other in data["also_at"]:
        if isinstance(other, dict):
            name = other.get("id") or other.get("source") or "-"
            echo(f"  även hos:      {name} {other.get('url') or ''}".rstrip())
    echo(f"  senast sedd:   {local_time(data['last_seen_at']) or '-'}")
    if data["mark"]:
        echo(f"  markering:     {MARK_SV.get(data['mark'], data['mark'])}")
    echo("")


def _sent(match: dict[str, Any]) -> str:
    """Whether a match goes into the digests, after the marks that hide it."""
    if not match["included"]:
        return "ej med"
    if match["hidden"]:
        return "ej med i utskick: markerad inte relevant"
    if match["hidden_for"]:
        return f"med i utskick, utom för {', '.join(match['hidden_for'])} (markerad inte relevant)"
    return "med i utskick"


def _print_matches(data: dict[str, Any]) -> None:
    echo = click.echo
    if data["matches"]:
        echo("Matchningar:")
        for m in data["matches"]:
            flag = _sent(m)
            title = f" {m['priority_title']}" if m["priority_title"] else ""
            target = m["target_id"] if m["target_kind"] == "goal" else m["priority_id"]
            kind = TARGET_SV.get(m["target_kind"], m["target_kind"])
            eligibility = ELIGIBILITY_SV.get(m["eligibility"], m["eligibility"])
            echo(
                f"- {target} ({kind}){title}: {m['label'] or '-'}, "
                f"poäng {m['score']:.2f}, villkor: {eligibility}, {flag}; "
                f"förvaltningar {', '.join(m['departments']) or '-'}"
            )
            for fact in m["eligibility_facts"]:
                result = ELIGIBILITY_SV.get(fact.get("result", ""), fact.get("result", ""))
                echo(f"    {fact.get('check', '')}: {result} ({fact.get('reason', '')})")
            if m["keywords"]:
                echo(f"    nyckelord: {', '.join(m['keywords'])}")
            if m["passage"]:
                echo(f"    ”{shorten(m['passage'], 300)}”")
    elif data["kind"] != "call":
        echo(
            f"Matchningar: inga – en {KIND_SV.get(data['kind'], data['kind'])} är ingen "
            "utlysning och matchas inte"
        )
    elif data["twin_of"]:
        echo(
            f"Matchningar: inga – samma utlysning som {data['twin_of']}, som matchas i stället "
            f"(eufunds show {data['twin_of']})"
        )
    else:
        echo("Matchningar: inga (eufunds match poängsätter utlysningarna)")


def _print_history(data: dict[str, Any]) -> None:
    if data["changes"]:
        print_table(
            "Historik",
            ["När", "Ändring", "Från", "Till"],
            [
                (
                    local_time(c["detected_at"]),
                    _change(c["kind"]),
                    STATUS_SV.get(c["old"] or "", c["old"]),
                    STATUS_SV.get(c["new"] or "", c["new"]),
                )
                for c in data["changes"]
            ],
        )
    if data["marks"]:
        print_table(
            "Markeringar och anteckningar",
            ["När", "Markering", "Förvaltning", "Av", "Motivering"],
            [
                (
                    local_time(m["marked_at"]),
                    MARK_SV.get(m["mark"], m["mark"]),
                    m["department"] or "alla",
                    m["marked_by"],
                    m["reason"],
                )
                for m in data["marks"]
            ],
        )
    else:
        click.echo("Markeringar: inga (eufunds mark ID --as …)")


def _change(kind: str) -> str:
    return CHANGE_SV.get(kind, kind)


def _budget(data: dict[str, Any]) -> str:
    if data["budget"] is None:
        return "-"
    amount = f"{data['budget']:,.0f}".replace(",", " ") + f" {data['currency'] or ''}".rstrip()
    meaning = BUDGET_SV.get(data["budget_kind"] or "", "oklart om per projekt eller totalt")
    return f"{amount} ({meaning})"


@click.command(name="show")
@click.argument("ident", metavar="ID")
@click.option("--today", type=DATE, help="Dagen statusen gäller (standard: i dag).")
@click.option("--json", "as_json", is_flag=True, help="Skriv JSON.")
def show(ident: str, today: date | None, as_json: bool) -> None:
    """Allt om utlysningen ID: deadlines, budget, vem som får söka, matchningar med
    förklaringar, ändringshistorik, markeringar och deras motiveringar.

    ID är det korta id:t som listorna visar, nyckeln källa:id eller källans eget id."""
    today = today or settings.today()
    db = open_db()
    data = collect_call(db, resolve_call(db, ident), today)
    if as_json:
        print_json(data)
        return
    _print_call(data, today)


COMMANDS = [show]
