"""``eufunds crawl`` and ``eufunds sources``: a thin layer over :mod:`crawler.runner`.

What a user reads is Swedish (docs/cli.md, *Språket*); ``--json`` keeps the stored values
(``"last_result": "partial"``) and the times as stored (UTC).
"""

from __future__ import annotations

from pathlib import Path

import click

from app import exitcodes
from app.output import info, print_json, print_table
from app.weekly import job_db_path
from crawler.runner import SourceResult, check_sources, crawl_sources, source_overview
from db import open_db
from db.clock import local_time


@click.command(name="crawl")
@click.argument("sources", nargs=-1, metavar="[KÄLLA]...")
@click.option(
    "--replay",
    is_flag=True,
    help="Samla in genererade demoinspelningar (påhittade utlysningar på 127.0.0.1) till "
    "data/replay.db (om inte --db eller EUFUNDS_DB säger annat); en andra körning mot samma "
    "databas samlar in nästa upplaga, med ändringar.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    metavar="SEKUNDER",
    default=600,
    show_default=True,
    help="Tidsgräns per källa i sekunder.",
)
@click.option(
    "--db",
    "db_option",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Databasfilen (standard: EUFUNDS_DB eller data/eufunds.db).",
)
@click.option("--json", "as_json", is_flag=True, help="Skriv ett resultat per källa som JSON.")
def crawl(
    sources: tuple[str, ...], replay: bool, timeout: float, db_option: Path | None, as_json: bool
) -> None:
    """Samla in utlysningar från KÄLLA... (alla källor om ingen anges) och spara nya och
    ändrade.

    Varje källa körs i en egen process med en tidsgräns. En källa som misslyckas stoppar
    aldrig de andra och tar aldrig bort eller stänger utlysningar; det antecknas och
    slutkoden blir 5. En källa som tidsgränsen avbryter efter en del av arbetet (EU-portalens
    ämnesbeskrivningar) är DELVIS klar: det som hämtats sparas, det som återstår anges och
    hämtas först vid nästa körning (också slutkod 5). Källorna: se `eufunds sources`.
    """
    try:
        names = check_sources(list(sources))
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    db_path = db_option if db_option is not None else job_db_path(replay)
    if replay:
        info(
            "replay: samlar in genererade demoinspelningar (påhittade utlysningar) på 127.0.0.1 "
            f"till {db_path}"
        )
    info(f"samlar in {', '.join(names)} (tidsgräns {timeout:g} s per källa)")
    results = crawl_sources(db_path, names, replay=replay, timeout=timeout)
    if as_json:
        print_json([r.as_dict() for r in results])
    else:
        print_table(
            None,
            ["Källa", "Resultat", "Poster", "Nya", "Ändrade", "Fel"],
            ([r.source, _result_word(r), r.items, r.new, r.changed, r.error_text] for r in results),
        )
    partial = [r.source for r in results if r.partial]
    failed = [r.source for r in results if not r.ok and not r.partial]
    if partial:
        info(f"delvis klara: {', '.join(partial)} (resten hämtas först vid nästa körning)")
    if failed:
        info(f"misslyckades: {', '.join(failed)} (detaljer: eufunds sources)")
    if partial or failed:
        raise SystemExit(exitcodes.CRAWL_FAILED)


# A run's result (the stored word, as --json keeps it) as the tables show it.
RESULT_SV = {"ok": "ok", "running": "pågår", "partial": "DELVIS", "failed": "MISSLYCKADES"}


def _result_word(result: SourceResult) -> str:
    if result.ok:
        return RESULT_SV["ok"]
    return RESULT_SV["partial" if result.partial else "failed"]


@click.command(name="sources")
@click.option("--json", "as_json", is_flag=True, help="Skriv källorna som JSON.")
def sources_command(as_json: bool) -> None:
    """Lista källorna med senaste körningen (ok, delvis, misslyckad), senast lyckade
    körning, senaste misslyckade eller delvisa körning med orsak, och antal utlysningar
    (tider i svensk tid)."""
    db = open_db()
    rows = source_overview(db)
    if as_json:
        print_json(rows)
        return
    print_table(
        None,
        [
            "Källa",
            "Senaste körning",
            "Senast lyckad",
            "Poster",
            "Senaste fel",
            "Orsak",
            "Utlysningar",
        ],
        (
            [
                r["source"],
                _last_run_word(r["last_result"]),
                local_time(r["last_success"]) or "aldrig",
                r["last_items"],
                local_time(r["last_failure"]),
                r["last_error"] or "",
                r["calls"],
            ]
            for r in rows
        ),
    )


def _last_run_word(result: str | None) -> str:
    if result is None:
        return "aldrig"
    return RESULT_SV.get(result, result)


COMMANDS = [crawl, sources_command]
