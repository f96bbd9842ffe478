"""``eufunds priorities check|show|history``: the priorities file, for staff and the coordinator."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from app import exitcodes
from app.active_priorities import active_priorities, priorities_path
from app.output import info, print_json, print_table
from db import open_db
from db.priorities_versions import list_versions
from db.regions import region_name
from priorities import Priorities, PrioritiesInvalid, load_priorities
from priorities.changes import compare_summaries, describe_changes

_FILE = click.argument("file", required=False, type=click.Path(path_type=Path), metavar="[FIL]")


def _invalid(exc: PrioritiesInvalid, as_json: bool) -> None:
    """Print every issue (with its line) and exit 3."""
    if as_json:
        print_json(
            {
                "file": exc.file,
                "valid": False,
                "issues": [
                    {"line": i.line, "column": i.column, "message": i.message} for i in exc.issues
                ],
            }
        )
    else:
        click.echo(exc.report())
        info(f"{exc.file}: {len(exc.issues)} fel. Filen kan inte användas förrän de är rättade.")
    raise SystemExit(exitcodes.PRIORITIES_INVALID)


def _counts(p: Priorities) -> str:
    goals = sum(len(x.goals) for x in p.priorities)
    priorities = "prioritering" if len(p.priorities) == 1 else "prioriteringar"
    departments = "förvaltning" if len(p.departments) == 1 else "förvaltningar"
    return f"{len(p.priorities)} {priorities}, {goals} nämndmål, {len(p.departments)} {departments}"


@click.group(name="priorities")
def priorities_group() -> None:
    """Prioriteringsfilen (EUFUNDS_PRIORITIES, standard priorities/linkoping.yaml)."""


@priorities_group.command(name="check")
@_FILE
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
def check(file: Path | None, as_json: bool) -> None:
    """Kontrollera FIL (standard: den inställda filen) utan att använda den.

    Slutkod 0 när filen är giltig; annars alla fel på en gång som
    fil:rad:kolumn: meddelande, vart och ett med sin rad ur filen, och slutkod 3. En giltig
    fil kan ändå få varningar, t.ex. en förvaltning som inte äger någon prioritering och
    därför aldrig får några träffar.
    """
    from matcher.pipeline import priorities_warnings  # what matching warns about, too

    path = priorities_path(file)
    try:
        p = load_priorities(path)
    except PrioritiesInvalid as exc:
        _invalid(exc, as_json)
        return
    warnings = priorities_warnings(p)
    if as_json:
        print_json(
            {
                "file": str(path),
                "valid": True,
                "version_hash": p.version_hash,
                "issues": [],
                "warnings": warnings,
            }
        )
        return
    click.echo(f"{path}: filen är giltig ({_counts(p)})")
    for warning in warnings:
        info(f"varning: {warning}")


def _show_data(p: Priorities) -> dict[str, Any]:
    from matcher.lexical import own_terms, search_terms  # the search terms matching uses
    from matcher.prior import international_work

    names = {d.id: d.name for d in p.departments}
    targets = p.targets()
    mine = own_terms(targets)
    found_terms = search_terms(targets, own=mine)
    terms = {t.target_id: found for t, found in zip(targets, found_terms, strict=True)}
    own = {t.target_id: set(found) for t, found in zip(targets, mine, strict=True)}
    # As matching reads it: a priority is about work across borders when its or any of its
    # goals' search terms say so (calls done outside the EU stay in its digest).
    across = {t.priority_id for t in targets if international_work(terms[t.target_id])}
    return {
        "municipality": p.municipality,
        "country": p.country,
        "nuts": p.nuts,
        "region": region_name(p.nuts),
        "version_hash": p.version_hash,
        "coordinator": p.coordinator,
        "departments": [d.model_dump() for d in p.departments],
        "priorities": [
            {
                **x.model_dump(exclude={"goals"}),
                "department_names": [names.get(d, d) for d in x.departments],
                "search_terms": terms[x.id],
                "department_terms": [t for t in terms[x.id] if t not in own[x.id]],
                "international": x.id in across,
                "goals": [{**g.model_dump(), "search_terms": terms[g.id]} for g in x.goals],
            }
            for x in p.priorities
        ],
        "excluded_programmes": p.excluded_programmes,
        "thresholds": p.thresholds.model_dump(),
        "digest": p.digest.model_dump(),
        "applicant_profile": p.applicant_profile.model_dump() if p.applicant_profile else None,
    }


@priorities_group.command(name="show")
@_FILE
@click.option("--json", "as_json", is_flag=True, help="Skriv JSON.")
def show(file: Path | None, as_json: bool) -> None:
    """Prioriteringarna, nämndmålen och de ansvariga förvaltningarna som tjänsten läser dem.

    Utan FIL: prioriteringarna som används (den senaste giltiga versionen om filen har fel).
    """
    fallback: dict[str, Any] = {"fallback": False, "warning": None}
    try:
        if file is not None:
            p = load_priorities(file)
        else:
            state = active_priorities(open_db())
            p = state.priorities
            fallback = {"fallback": state.fallback, "warning": state.warning}
            if state.warning:
                info(f"VARNING: {state.warning}")
    except PrioritiesInvalid as exc:
        _invalid(exc, as_json)
        return
    data = _show_data(p)
    if as_json:
        print_json({**data, **fallback})
        return
    region = data["region"]
    where = f"NUTS {p.nuts}" + (f": {region}" if region else "")
    click.echo(f"{p.municipality} ({p.country}, {where})   version {p.version_hash[:12]}")
    print_table(
        "Förvaltningar",
        ["Id", "Namn", "Kontakter"],
        [(d.id, d.name, ", ".join(d.contacts)) for d in p.departments],
    )
    rows: list[tuple[str, str, str, str]] = []
    for x in data["priorities"]:
        rows.append((x["id"], x["title"], ", ".join(x["department_names"]), _words(x)))
        for g in x["goals"]:
            rows.append((f"  {g['id']}", f"  nämndmål: {g['text']}", "", _words(g)))
    print_table("Prioriteringar och nämndmål", ["Id", "Rubrik", "Ägs av", "Nyckelord"], rows)
    print_table(
        "Söktermer (nyckelorden och ordlistans engelska termer för texten, och för namnet på "
        "en förvaltning som inte äger någon annan prioritering; uteslutna_söktermer tar bort)",
        ["Id", "Söktermer", "Varav från förvaltningens namn", "Uteslutna", "Internationell"],
        [
            (
                x["id"],
                ", ".join(x["search_terms"]),
                ", ".join(x["department_terms"]),
                ", ".join(x["excluded_terms"]),
                "ja" if x["international"] else "nej",
            )
            for x in data["priorities"]
        ],
    )
    click.echo(
        "Internationell: söktermerna talar om internationellt samarbete eller utbyten, så "
        "utlysningar där arbetet görs utanför EU kommer med i prioriteringens veckobrev; "
        "för de andra sänks de och hålls utanför."
    )
    if p.excluded_programmes:
        click.echo(f"Uteslutna program: {', '.join(p.excluded_programmes)}")
    d = p.digest
    click.echo(f"Veckobrev: {d.weekday} kl. {d.time}, högst {d.max_items} utlysningar")


def _words(item: dict[str, Any]) -> str:
    words: list[str] = item.get("keywords") or []
    shown = ", ".join(words[:6])
    return shown + (f" … (+{len(words) - 6})" if len(words) > 6 else "")


@priorities_group.command(name="history")
@click.option("--json", "as_json", is_flag=True, help="Skriv JSON.")
def history(as_json: bool) -> None:
    """Versionerna av prioriteringsfilen som tjänsten har använt: hash, datum, vad som
    ändrades."""
    versions = list_versions(open_db())
    entries: list[dict[str, Any]] = []
    previous: dict[str, Any] | None = None
    for v in versions:
        entries.append(
            {
                "id": v.id,
                "hash": v.hash,
                "loaded_at": v.loaded_at,
                "path": v.path,
                "changes": compare_summaries(previous, v.summary),
                "description": describe_changes(previous, v.summary),
            }
        )
        previous = v.summary
    entries.reverse()  # newest first
    if as_json:
        print_json(entries)
        return
    if not entries:
        click.echo("Ingen version är sparad ännu; den sparas första gången tjänsten läser filen.")
        return
    print_table(
        "Prioriteringsfilens versioner (nyast först)",
        ["Version", "Inläst (UTC)", "Fil", "Ändringar"],
        [(e["hash"][:12], e["loaded_at"], e["path"], e["description"]) for e in entries],
    )


COMMANDS = [priorities_group]
