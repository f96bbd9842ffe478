"""``eufunds search QUERY``: semantic and keyword search over the calls, with filters."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from app import settings
from app.listing import build_filter, emit, filter_options, output_options
from app.output import info
from app.params import DATE
from db import open_db
from db.marks import hidden_call_ids
from db.selection import CallFilter, select_calls
from db.twins import twin_ids
from matcher.search import QueryError, display_passage, query_terms, search

QUERY_MAX = 1_000  # characters; a longer query costs minutes and finds nothing better

COLUMNS = [
    ("rank", "#"),
    ("title", "Utlysning"),
    ("programme", "Program"),
    ("deadline", "Deadline"),
    ("days_left", "Dagar kvar"),
    ("status", "Status"),
    ("priorities", "Prioriteringar"),
    ("passage", "Bästa stycke"),
    ("id", "Id"),
    ("score", "Poäng"),
]


def _short(text: str, limit: int = 240) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + " …"


@click.command(name="search")
@click.argument("query", nargs=-1)
@filter_options
@click.option(
    "--limit", type=click.IntRange(1, 1000), default=10, show_default=True, help="Most hits."
)
@click.option("--today", type=DATE, help="Date status and days left count from.")
@output_options
def search_command(
    query: tuple[str, ...],
    limit: int,
    today: date | None,
    as_json: bool,
    as_csv: bool,
    **filters: Any,
) -> None:
    """Find calls by meaning and by words, in Swedish or English, best first.

    Each hit shows the title, programme, next deadline and days left, the passage of the call
    closest to the query, and the priorities it matches. Words are searched as plain words:
    quotes, *, - and NEAR have no special meaning.
    """
    text = " ".join(query)
    if len(text) > QUERY_MAX:
        raise click.BadParameter(
            f"the query is {len(text):,} characters long; at most {QUERY_MAX:,} are searched "
            "(a few words or sentences find more than a whole document)",
            param_hint="'QUERY'",
        )
    try:
        query_terms(text)
    except QueryError as exc:
        raise click.BadParameter(str(exc), param_hint="'QUERY'") from exc
    today = today or settings.today()
    db = open_db()
    flt = build_filter(db, **filters)
    # Without filters every call is a candidate: deriving status and deadlines of 10,000
    # calls would cost more than the search itself, so only the hits are summarised.
    allowed = None if flt == CallFilter() else {c.id for c in select_calls(db, flt, today)}
    # A call found at two sources is one hit: its primary record, which lists the others.
    excluded = hidden_call_ids(db, flt.department) | twin_ids(db)
    hits, semantic = search(db, text, allowed=allowed, excluded=excluded, limit=limit)
    summaries = {c.id: c for c in select_calls(db, flt, today, call_ids=[h.call_id for h in hits])}
    if not semantic:
        info("note: no passages are embedded yet (run eufunds match); ranked by keywords only")
    records: list[dict[str, Any]] = []
    for rank, hit in enumerate((h for h in hits if h.call_id in summaries), start=1):
        call = summaries[hit.call_id]
        records.append(
            {
                "rank": rank,
                "id": call.id,
                "title": call.title,
                "programme": call.programme,
                "deadline": call.deadline,
                "days_left": call.days_left,
                "status": call.status,
                "priorities": call.priorities,
                "mark": call.mark,
                "passage": (_short if not as_json else str)(
                    display_passage(hit.passage, call.title)
                ),
                "score": round(hit.score, 3),
                "semantic": None if hit.semantic is None else round(hit.semantic, 4),
                "lexical": round(hit.lexical, 3),
                "url": call.url,
            }
        )
    if not records:
        info(f"no calls found for {text!r} with these filters")
    if as_json or as_csv:
        emit(records, COLUMNS, as_json=as_json, as_csv=as_csv)
        return
    for r in records:
        click.echo(f"{r['rank']}. {r['title']}")
        days = f" ({r['days_left']} dagar kvar)" if r["days_left"] is not None else ""
        click.echo(
            f"   {r['programme'] or '-'} · {r['status']} · deadline {r['deadline'] or '-'}{days}"
        )
        if r["priorities"]:
            click.echo(f"   prioriteringar: {', '.join(r['priorities'])}")
        if r["mark"]:
            click.echo(f"   markering: {r['mark']}")
        if r["passage"]:
            click.echo(f"   ”{r['passage']}”")
        click.echo(f"   eufunds show {r['id']}")


COMMANDS = [search_command]
