"""What a change of the recipe does to real digests: each priority's digest before and after.

    .venv/bin/python bench/digest_change.py --after own_spread=1,research=3
        [--before KEY=VALUE,...] [--priorities priorities/linkoping.yaml]
        [--today YYYY-MM-DD] [--db data/bench/digest_change.db] [--show 12]

The development sets measure a recipe on labelled calls; this reads what it does to the
digests a municipality would get. The real corpus (read in place through EUFUNDS_SHARED) is
imported into a database kept between runs (the first run embeds it, about eight minutes on
two cores; later runs embed nothing) and scored against the priorities file as the weekly
job scores it on ``--today``: only calls open or coming that day pass the eligibility gate.
Its parts are then recombined with two sets of weights (``--before``, the shipped ones unless
told, and ``--after``: :class:`matcher.scoring.Weights` fields, e.g. ``research=4``).

Per priority: the calls its digest would list under each (stark / möjlig), and those that
come in or go out, with their scores, whether they belong to a research programme, and the
applicability model's chance that a municipality can use them. Then how much each recipe
lets one edit of the priorities file move the other departments' digests: each priority is
taken out in turn (as if the file had never had it) and the other priorities' listed pairs
that come or go are counted. Nothing is written but the database.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from realdata import real_corpus

from crawler.facts import complete
from db import clock, open_db
from db.calls import store_call
from db.jsonl import read_calls
from matcher.embed import embed_calls
from matcher.encoders import SentenceTransformerEncoder
from matcher.pipeline import score_all
from matcher.rank import rows_of
from matcher.scored import Scored
from matcher.scoring import SHIPPED, Weights, label, usable_probability
from priorities import Priorities, load_priorities

REPO = Path(__file__).resolve().parent.parent


def weights_of(text: str) -> Weights:
    """The shipped weights with ``KEY=VALUE,...`` changed; exits 2 naming a wrong key."""
    known = {f.name for f in dataclasses.fields(Weights)}
    changes: dict[str, float] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        key, _, value = item.partition("=")
        if key not in known or not value:
            sys.exit(f"{item!r}: write KEY=VALUE with KEY one of {', '.join(sorted(known))}")
        try:
            changes[key] = float(value)
        except ValueError:
            sys.exit(f"{item!r}: the value is not a number")
    return dataclasses.replace(SHIPPED, **changes)


def scored_corpus(db_path: Path, priorities: Priorities, today: date | None) -> Scored:
    """The real corpus imported (as ``eufunds import-calls`` does), embedded where it is not
    yet, and scored on ``today`` as the weekly job scores it (with None, every call whatever
    its dates)."""
    db = open_db(db_path)
    with db.atomic():
        for result in read_calls(real_corpus(), "import"):
            if result.call is not None:
                store_call(db, complete(result.call), today=today or clock.today(), touch=False)
    encoder = SentenceTransformerEncoder()
    embedded = embed_calls(db, encoder)
    print(f"{db['calls'].count} calls in {db_path}, {embedded} embedded in this run")
    version = priorities.version_hash or "unsaved"
    scored = score_all(db, priorities, version, encoder, today=today)
    db.close()
    if scored is None:
        sys.exit("no call has passages to score")
    return scored


def digest(state: Scored, priorities: Priorities) -> dict[str, dict[int, str]]:
    """Per priority: the calls (rows) its digest lists, each 'stark' or 'möjlig': the pairs
    ``eufunds rank`` calls included (:func:`matcher.rank.rows_of`)."""
    row = {call.source_id: i for i, call in enumerate(state.calls)}
    cut = priorities.thresholds
    out: dict[str, dict[int, str]] = {p.id: {} for p in priorities.priorities}
    for record in rows_of(state, priorities):
        if record["included"]:
            kind = label(record["score"], cut.strong, cut.possible) or "möjlig"
            out[record["priority"]][row[record["call"]]] = kind
    return out


def _best(state: Scored, priority: str, i: int) -> float:
    columns = [j for j, pid in enumerate(state.priority_of()) if pid == priority]
    return float(state.score[i, columns].max())


def _counts(listed: dict[int, str]) -> str:
    strong = sum(1 for v in listed.values() if v == "stark")
    return f"{len(listed)} ({strong} stark)"


def report(before: Scored, after: Scored, priorities: Priorities, show: int) -> None:
    """Print the comparison: per priority the counts, the totals, the calls in and out."""
    was, now = digest(before, priorities), digest(after, priorities)
    parts = after.parts
    research = (
        parts.research[:, 0] > 0
        if parts is not None and parts.research is not None
        else np.zeros(len(after.calls), bool)
    )
    usable = usable_probability(parts) if parts is not None else np.full(len(after.calls), 0.5)
    print("\n| priority | before | after | in | out |")
    print("| --- | --- | --- | --- | --- |")
    for p in priorities.priorities:
        n_in, n_out = len(set(now[p.id]) - set(was[p.id])), len(set(was[p.id]) - set(now[p.id]))
        print(f"| {p.id} | {_counts(was[p.id])} | {_counts(now[p.id])} | {n_in} | {n_out} |")
    pairs = [sum(len(v) for v in d.values()) for d in (was, now)]
    of_research = [sum(int(research[i]) for v in d.values() for i in v) for d in (was, now)]
    print(
        f"\npairs listed: {pairs[0]} -> {pairs[1]}; of them research programme calls: "
        f"{of_research[0]} -> {of_research[1]}"
    )
    for p in priorities.priorities:
        came = sorted(set(now[p.id]) - set(was[p.id]), key=lambda i: -_best(after, p.id, i))
        went = sorted(set(was[p.id]) - set(now[p.id]), key=lambda i: -_best(before, p.id, i))
        if not came and not went:
            continue
        print(f"\n{p.id}:")
        for sign, rows in (("+", came), ("-", went)):
            for i in rows[:show]:
                call = after.calls[i]
                kind = f"research, usable {usable[i]:.2f}" if research[i] else "not research"
                print(
                    f"  {sign} {_best(before, p.id, i):5.2f} -> {_best(after, p.id, i):5.2f}  "
                    f"{(call.programme or '-')[:24]:24s}  {call.title[:70]}  ({kind})"
                )
            if len(rows) > show:
                print(f"  {sign} … {len(rows) - show} more")


def without(scored: Scored, priorities: Priorities, gone: str) -> tuple[Scored, Priorities]:
    """The scoring state and the file as if priority ``gone`` (and its goals) were not in it."""
    keep = [j for j, target in enumerate(scored.targets) if target.priority_id != gone]
    parts = scored.parts
    assert parts is not None

    def columns(values: Any) -> Any:
        return None if values is None else values[..., keep]

    fewer = dataclasses.replace(
        parts,
        raw_relevance=parts.raw_relevance[:, keep],
        terms=columns(parts.terms),
        term_likeness=columns(parts.term_likeness),
        term_shares=columns(parts.term_shares),
    )
    state = dataclasses.replace(scored, targets=[scored.targets[j] for j in keep], parts=fewer)
    left = [p for p in priorities.priorities if p.id != gone]
    return state, priorities.model_copy(update={"priorities": left})


def edit_stability(scored: Scored, priorities: Priorities, weights: Weights) -> list[int]:
    """Per priority taken out: how many of the other priorities' listed pairs come or go."""
    whole = digest(scored.recombined(weights), priorities)
    moved = []
    for priority in priorities.priorities:
        state, fewer = without(scored, priorities, priority.id)
        now = digest(state.recombined(weights), fewer)
        moved.append(sum(len(set(now[q]) ^ set(whole[q])) for q in now))
    return moved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="", help="KEY=VALUE,... (default: the shipped)")
    parser.add_argument("--after", required=True, help="KEY=VALUE,... changed from the shipped")
    parser.add_argument("--priorities", type=Path, default=REPO / "priorities" / "linkoping.yaml")
    parser.add_argument("--today", type=date.fromisoformat, default=None)
    parser.add_argument("--db", type=Path, default=REPO / "data" / "bench" / "digest_change.db")
    parser.add_argument("--show", type=int, default=12, help="calls listed per change")
    options = parser.parse_args()
    before_weights, after_weights = weights_of(options.before), weights_of(options.after)
    priorities = load_priorities(options.priorities)
    today = options.today or clock.today()
    options.db.parent.mkdir(parents=True, exist_ok=True)
    scored = scored_corpus(options.db, priorities, today)
    open_calls = sum(1 for verdict, _ in scored.eligibility if verdict != "fail")
    print(f"{options.priorities.name} on {today}: {open_calls} of {len(scored.calls)} calls pass")
    print(f"before: {before_weights}\nafter:  {after_weights}")
    report(
        scored.recombined(before_weights),
        scored.recombined(after_weights),
        priorities,
        options.show,
    )
    print("\n| one priority taken out | pairs that move in the others' digests: mean | max |")
    print("| --- | --- | --- |")
    for name, weights in (("before", before_weights), ("after", after_weights)):
        moved = edit_stability(scored, priorities, weights)
        print(f"| {name} | {sum(moved) / len(moved):.1f} | {max(moved)} |")


if __name__ == "__main__":
    main()
