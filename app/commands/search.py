"""``eufunds search QUERY``: semantic and keyword search over the calls, with filters.

Only calls by default: news items, programme pages and offers for individuals (a record's
``kind`` other than ``call``) are searched with ``--alla-slag`` (``--all-kinds``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any

import click

from app import settings
from app.listing import (
    build_filter,
    emit,
    filter_options,
    output_options,
    search_statuses,
    status_note,
)
from app.output import info
from app.params import DATE, whole_number_option
from db import open_db
from db.calls import ids_of_other_kinds, kinds_by_id
from db.language import MARK_SV, STATUS_SV
from db.marks import hidden_call_ids
from db.search_index import PassageVectors
from db.selection import CallFilter, ids_with_status, select_calls
from db.status import PRELIMINARY
from db.text import shorten
from db.twins import twin_ids
from matcher.search import (
    QueryError,
    display_passage,
    embed_query,
    query_terms,
    search,
    stored_vectors,
)

QUERY_MAX = 1_000  # characters; a longer query costs minutes and finds nothing better

COLUMNS = [
    ("rank", "#"),
    ("title", "Utlysning"),
    ("programme", "Program"),
    ("deadline", "Deadline"),
    ("days_left", "Dagar kvar"),
    ("status_sv", "Status"),
    ("priorities", "Prioriteringar"),
    ("quote", "Bästa stycke"),
    ("short_id", "Id"),
    ("score", "Poäng"),
]


def _check_query(text: str) -> None:
    if len(text) > QUERY_MAX:
        raise click.BadParameter(
            f"frågan är {len(text):,} tecken lång; högst {QUERY_MAX:,} söks (några ord eller "
            "meningar hittar mer än ett helt dokument)".replace(",", " "),
            param_hint="'FRÅGA'",
        )
    try:
        query_terms(text)
    except QueryError as exc:
        raise click.BadParameter(str(exc), param_hint="'FRÅGA'") from exc


def _allowed(db: Any, flt: CallFilter, today: date) -> set[str] | None:
    """The calls the filters keep; None when they keep every call. The status alone is
    derived from the dates of every call (cheap); other filters need the full selection."""
    allowed = ids_with_status(db, flt.statuses, today) if flt.statuses else None
    rest = dataclasses.replace(flt, statuses=())
    if rest != CallFilter():
        kept = {c.id for c in select_calls(db, rest, today)}
        allowed = kept if allowed is None else allowed & kept
    return allowed


def _record(rank: int, hit: Any, call: Any, kind: str, full_passage: bool) -> dict[str, Any]:
    passage = display_passage(hit.passage, call.title)
    return {
        "rank": rank,
        "id": call.id,
        "short_id": call.short_id or call.id,
        "title": call.title,
        "kind": kind,
        "programme": call.programme,
        "deadline": call.deadline,
        "days_left": call.days_left,
        "preliminary": call.preliminary,
        "planned_opening": call.planned_opening,
        "status": call.status,
        "status_sv": STATUS_SV.get(call.status, call.status),
        "priorities": call.priorities,
        "mark": call.mark,
        "passage": passage if full_passage else shorten(passage, 240),
        "quote": hit.quote,
        "score": round(hit.score, 3),
        "semantic": None if hit.semantic is None else round(hit.semantic, 4),
        "lexical": round(hit.lexical, 3),
        "url": call.url,
    }


def _kind_sv(kind: str) -> str:
    """With --alla-slag: what a record that is not a call is ("nyhet", "programsida")."""
    # Imported here: the priorities model it comes with is not needed for calls.
    from matcher.eligibility import KIND_SV

    return KIND_SV.get(kind, kind)


def _dates(r: dict[str, Any]) -> str:
    """``deadline 2027-03-23 (preliminärt, 110 dagar kvar)``, or the planned opening when
    the source names only a month."""
    notes = [PRELIMINARY] if r["preliminary"] and r["deadline"] else []
    if r["days_left"] is not None:
        notes.append(f"{r['days_left']} dagar kvar")
    if not r["deadline"] and r["planned_opening"]:
        return f"planerad öppning {r['planned_opening']} ({PRELIMINARY})"
    return f"deadline {r['deadline'] or '-'}" + (f" ({', '.join(notes)})" if notes else "")


def _print_hits(records: list[dict[str, Any]]) -> None:
    for r in records:
        click.echo(f"{r['rank']}. {r['title']}")
        kind = f"{_kind_sv(r['kind'])} · " if r["kind"] != "call" else ""
        click.echo(f"   {kind}{r['programme'] or '-'} · {r['status_sv']} · {_dates(r)}")
        if r["priorities"]:
            click.echo(f"   prioriteringar: {', '.join(r['priorities'])}")
        if r["mark"]:
            click.echo(f"   markering: {MARK_SV.get(r['mark'], r['mark'])}")
        if r["quote"]:
            click.echo(f"   ”{r['quote']}”")
        click.echo(f"   eufunds show {r['short_id']}")


@click.command(name="search")
@click.argument("query", nargs=-1, metavar="FRÅGA...")
@filter_options
@whole_number_option("--limit", 1, 1000, 10, "ANTAL", "Högst så många träffar.")
@click.option(
    "--alla-traffar",
    "--all-hits",
    "all_hits",
    is_flag=True,
    help="Visa även svaga träffar (under relevansgolvet: varken nära frågan i innebörd "
    "eller med frågans ord).",
)
@click.option(
    "--alla-slag",
    "--all-kinds",
    "all_kinds",
    is_flag=True,
    help="Sök även bland nyheter, programsidor och erbjudanden till privatpersoner, inte "
    "bara bland utlysningar.",
)
@click.option("--today", type=DATE, help="Dagen som status och dagar kvar räknas från.")
@output_options
def search_command(
    query: tuple[str, ...],
    limit: int,
    all_hits: bool,
    all_kinds: bool,
    today: date | None,
    as_json: bool,
    as_csv: bool,
    **filters: Any,
) -> None:
    """Sök utlysningar på innebörd och ord, på svenska eller engelska, bäst först.

    Söker bland öppna och kommande utlysningar och sådana vars källa inte anger datum
    (status okänd; --status alla söker bland alla), och bara bland utlysningar: nyheter,
    programsidor och erbjudanden till privatpersoner tas med först med --alla-slag. Varje
    träff visar titel, program, nästa deadline och dagar kvar, det stycke i utlysningen som
    ligger närmast frågan och prioriteringarna den matchar. Svaga träffar (under
    relevansgolvet) visas inte utan --alla-traffar. Orden söks som vanliga ord: citattecken,
    *, - och NEAR betyder inget särskilt.
    """
    text = " ".join(query)
    _check_query(text)
    today = today or settings.today()
    by_default = not filters.get("statuses")  # open, forthcoming, unknown: no status chosen
    filters["statuses"] = search_statuses(filters.get("statuses"))
    db = open_db()
    flt = build_filter(db, **filters)
    allowed = _allowed(db, flt, today)
    # A call found at two sources is one hit: its primary record, which lists the others.
    excluded = hidden_call_ids(db, flt.department) | twin_ids(db)
    if not all_kinds:  # calls only: no news items, programme pages, offers for individuals
        excluded |= ids_of_other_kinds(db, ("call",))
    # Read once for both searches (the hint's below), and each text embedded once.
    how = _How(cache(embed_query), stored_vectors(db), floor=not all_hits)
    hits, semantic = how.ranked(db, text, allowed, excluded, limit)
    summaries = {c.id: c for c in select_calls(db, flt, today, call_ids=[h.call_id for h in hits])}
    if not semantic:
        info("obs: inga stycken är inbäddade än (kör eufunds match); rangordnat efter ord")
    kinds = kinds_by_id(db, [h.call_id for h in hits])
    records = [
        _record(rank, hit, summaries[hit.call_id], kinds.get(hit.call_id, "call"), as_json)
        for rank, hit in enumerate((h for h in hits if h.call_id in summaries), start=1)
    ]
    if not records:
        info(f"inga utlysningar hittades för {text!r} {status_note(flt.statuses)}")
    elif by_default:
        better = _better_elsewhere(db, text, flt, today, excluded, allowed, how)
        if better:
            info(better)
    if as_json or as_csv:
        emit(records, COLUMNS, as_json=as_json, as_csv=as_csv)
        return
    _print_hits(records)


@dataclasses.dataclass(frozen=True)
class _How:
    """How a query is ranked, the same for the search and its hint: the query's embedding
    (each text embedded once), the stored passage vectors (read once), the relevance floor."""

    embed: Callable[[str], Any]
    vectors: PassageVectors | None
    floor: bool

    def ranked(
        self, db: Any, text: str, allowed: set[str] | None, excluded: set[str], limit: int
    ) -> tuple[list[Any], bool]:
        """:func:`matcher.search.search` of ``text`` so."""
        return search(
            db,
            text,
            allowed=allowed,
            excluded=excluded,
            limit=limit,
            floor=self.floor,
            embed=self.embed,
            vectors=self.vectors,
        )


HINT_WITHIN = 10  # calls of another status that must all answer better before search says so


def _better_elsewhere(
    db: Any,
    text: str,
    flt: CallFilter,
    today: date,
    excluded: set[str],
    searched: set[str] | None,
    how: _How,
) -> str | None:
    """A line saying that the calls answering the query best are closed (they may come
    again), when the :data:`HINT_WITHIN` best of a search over every status are all of
    another status than those ``searched`` (no open or forthcoming call, nor one without
    dates, among them); None otherwise. Broad queries
    often have a closed call or a few ahead of the first open one (three in four calls of
    the real corpus are closed), which says nothing; ten ahead says that what is open is
    beside the question. One ranking over every status decides: the scores of two rankings
    over different calls do not compare."""
    wider = dataclasses.replace(flt, statuses=())
    hits, _ = how.ranked(db, text, _allowed(db, wider, today), excluded, HINT_WITHIN)
    if len(hits) < HINT_WITHIN or searched is None or any(h.call_id in searched for h in hits):
        return None
    summaries = {c.id: c for c in select_calls(db, wider, today, call_ids=[hits[0].call_id])}
    best = summaries.get(hits[0].call_id)
    if best is None:
        return None
    status = STATUS_SV.get(best.status, best.status or "okänd")
    return (
        f"obs: minst {HINT_WITHIN} utlysningar med annan status passar frågan bättre än den "
        f"första träffen, främst ”{shorten(best.title, 80)}” ({status}); --status alla visar "
        "dem"
    )


COMMANDS = [search_command]
