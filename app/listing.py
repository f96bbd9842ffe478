"""Options and output shared by the coordinator's listing commands (search, deadlines, export,
report): the call filters, ``--json`` / ``--csv``, and looking up a call id."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import click
import sqlite_utils

from app.choices import check_department, check_priority
from app.formats import csv_text
from app.output import print_json, print_table
from app.params import DATE, SwedishChoice
from db.calls import get_call
from db.digests import numbered_calls
from db.language import STATUS_SV, STATUS_WORDS
from db.selection import CallFilter

ALL = "all"
# What a search keeps unless told otherwise: the calls one can apply for now or later, and
# those whose source gives no dates (the digests list them too, to be checked at the source).
DEFAULT_STATUSES = ("open", "forthcoming", "unknown")
STATUS_CHOICE = SwedishChoice(
    {**STATUS_WORDS, "alla": ALL}, {**{v: v for v in STATUS_SV}, "all": ALL}
)
STATUS_PLURAL_SV = {
    "open": "öppna",
    "forthcoming": "kommande",
    "closed": "stängda",
    "unknown": "okända",
}


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add the call filters: --programme, --status, --deadline-after/--before, --priority,
    --department, --eligible."""
    options = [
        click.option(
            "--programme",
            "programmes",
            multiple=True,
            metavar="NAMN",
            help="Bara detta program (en del av namnet, oavsett skiftläge; upprepa för flera).",
        ),
        click.option(
            "--status",
            "statuses",
            multiple=True,
            type=STATUS_CHOICE,
            help="Bara utlysningar med denna status i dag, från datumen (upprepa för flera; "
            "alla: alla statusar).",
        ),
        click.option(
            "--deadline-after", type=DATE, help="Någon deadline på eller efter detta datum."
        ),
        click.option(
            "--deadline-before", type=DATE, help="Någon deadline på eller före detta datum."
        ),
        click.option(
            "--priority", metavar="ID", help="Bara utlysningar som matchar prioriteringen."
        ),
        click.option(
            "--department",
            metavar="ID",
            help="Bara utlysningar till förvaltningen som den inte markerat inte-relevant.",
        ),
        click.option(
            "--eligible",
            is_flag=True,
            help="Bara utlysningar som klarat villkoren för någon matchad prioritering.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def build_filter(db: sqlite_utils.Database, **kw: Any) -> CallFilter:
    """A :class:`CallFilter` from the filter options, with department and priority checked."""
    after, before = kw.get("deadline_after"), kw.get("deadline_before")
    if after and before and after > before:
        raise click.BadParameter(
            f"--deadline-after {after} är senare än --deadline-before {before}; byt plats på dem",
            param_hint="'--deadline-after'",
        )
    statuses = tuple(kw.get("statuses") or ())
    return CallFilter(
        programmes=tuple(kw.get("programmes") or ()),
        statuses=() if ALL in statuses else statuses,
        deadline_after=after,
        deadline_before=before,
        priority=check_priority(db, kw.get("priority")),
        department=check_department(db, kw.get("department")),
        eligible=bool(kw.get("eligible")),
    )


def output_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add --json and --csv (a readable table is the default)."""
    func = click.option("--csv", "as_csv", is_flag=True, help="Skriv CSV (för Excel).")(func)
    return click.option("--json", "as_json", is_flag=True, help="Skriv JSON.")(func)


def emit(
    records: list[dict[str, Any]],
    columns: Sequence[tuple[str, str]],
    *,
    as_json: bool,
    as_csv: bool,
    title: str | None = None,
    json_data: Any = None,
) -> None:
    """Print records as JSON, CSV or a table; ``columns`` are (key, heading) pairs."""
    if as_json:
        print_json(records if json_data is None else json_data)
        return
    rows = [[_plain(r.get(key)) for key, _ in columns] for r in records]
    if as_csv:
        write_bytes(csv_text([h for _, h in columns], rows).encode("utf-8"))
        return
    print_table(title, [h for _, h in columns], rows)


def write_bytes(data: bytes) -> None:
    """Write encoded data to stdout as is (the BOM and CRLFs of CSV and iCalendar survive)."""
    sys.stdout.flush()
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # a text-only stdout (an embedding application): decode once more
        sys.stdout.write(data.decode("utf-8"))
        return
    stream.write(data)
    stream.flush()


def _plain(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return value


def resolve_call(db: sqlite_utils.Database, ident: str) -> dict[str, Any]:
    """The call row for an id given on the command line; a usage error (exit 2) if unknown."""
    row = get_call(db, ident.strip())
    if row is None:
        raise click.BadParameter(
            f"ingen utlysning har id {ident!r}; använd id:t som `eufunds search` eller "
            "`eufunds deadlines` skriver (det korta id:t, nyckeln källa:id, eller källans "
            "eget id när det är unikt)",
            param_hint="'ID'",
        )
    return row


def resolve_numbered(
    db: sqlite_utils.Database, number: int, department: str, week: str | None
) -> tuple[dict[str, Any], str]:
    """The call a department's digest numbered ``number``, and that digest's week (the
    latest digest when ``week`` is None); a usage error (exit 2) that says what the digest
    holds otherwise."""
    found = numbered_calls(db, department, week)
    if found is None:
        which = f"för vecka {week}" if week else "ännu"
        raise click.BadParameter(
            f"{department} har inget veckobrev {which}; ange utlysningens id i stället "
            "(det korta id:t eller nyckeln källa:id)",
            param_hint="'ID'",
        )
    built_week, call_ids = found
    if not 1 <= number <= len(call_ids):
        held = f"nr 1–{len(call_ids)}" if call_ids else "inga numrerade utlysningar"
        raise click.BadParameter(
            f"veckobrevet {built_week} till {department} har {held}, inte nr {number}; "
            "ange --week för ett annat veckobrev eller utlysningens id",
            param_hint="'ID'",
        )
    row = get_call(db, call_ids[number - 1])
    if row is None:  # a digest item is kept when its call is deleted by hand
        raise click.BadParameter(
            f"nr {number} i veckobrevet {built_week} finns inte längre i databasen",
            param_hint="'ID'",
        )
    return row, built_week


def search_statuses(given: tuple[str, ...] | None) -> tuple[str, ...]:
    """The statuses a search keeps: open, forthcoming and unknown unless told otherwise."""
    return tuple(given) if given else DEFAULT_STATUSES


def status_note(statuses: tuple[str, ...]) -> str:
    """Which statuses were searched, in words, with how to widen the search."""
    if not statuses:
        return "(bland alla utlysningar)"
    named = [STATUS_PLURAL_SV.get(s, s) for s in statuses if s != "unknown"]
    words = f"{' och '.join(named)} utlysningar" if named else ""
    if "unknown" in statuses:
        words = f"{words} och sådana utan datum" if words else "utlysningar utan datum"
    return f"bland {words} (--status alla söker bland alla)"


def days_left(deadline: str | None, today: date) -> int | None:
    """Days from ``today`` to ``deadline`` (negative when past)."""
    return (date.fromisoformat(deadline) - today).days if deadline else None
