"""What a change of the code does to a municipality's matches: the real corpus matched by a
base commit and by the working tree, compared pair by pair.

    .venv/bin/python bench/match_change.py --base REF [--priorities FILE ...]
        [--today YYYY-MM-DD] [--db data/bench/match_change.db] [--show 8]

A change to the quotes, the glossary or a rule of eligibility shows on the development sets
only where their labels reach; this reads what it does to every stored match. The real
corpus (read in place through EUFUNDS_SHARED) is imported into a database kept between runs
and embedded by the working tree's code (the first run, about five minutes on two cores, or
seconds when the vector cache, ``EUFUNDS_VECTOR_CACHE``, holds the corpus's passages).
For each priorities file (the product's YAML; Linköping's unless told), two copies of that
database are matched with ``eufunds match --all`` (nothing is embedded again): one by the
commit ``--base``, extracted with ``git archive`` into a temporary folder, one by the
working tree. Then, pair by pair:

- the pairs a digest includes that come in or go out, with their scores before and after;
- how many scores move by more than 0.01, and the largest move;
- how many stored quotes change, how many of them included, and ``--show`` of the included
  ones, before and after, to read.

Both runs read the same database: a base older than one of its migrations may refuse it,
and says so. Nothing is written but the database and the temporary folder.
"""

from __future__ import annotations

import argparse
import io
import os
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MOVED = 0.01  # a score that moves less is the same score
_CLI = "import sys; sys.argv[0] = 'eufunds'; from app.cli import main; main()"

Pair = tuple[str, str]  # (call id, target id)


@dataclass(frozen=True)
class Stored:
    """One stored match as the comparison reads it."""

    score: float
    included: bool
    passage: str


@dataclass
class Changes:
    """What differs between two runs' stored matches."""

    pairs: tuple[int, int]  # stored pairs before, after
    came_in: list[Pair] = field(default_factory=list)  # included after, not before
    went_out: list[Pair] = field(default_factory=list)  # included before, not after
    moved: int = 0  # pairs in both whose score moved by more than MOVED
    largest: float = 0.0  # the largest move of a pair in both
    quotes: list[Pair] = field(default_factory=list)  # pairs in both whose quote changed
    included_quotes: list[Pair] = field(default_factory=list)  # of them, included in both


def compare(before: dict[Pair, Stored], after: dict[Pair, Stored]) -> Changes:
    """The differences between two runs' stored matches (a pair stored by one run only counts
    as not included by the other)."""
    changes = Changes((len(before), len(after)))
    for pair in sorted(before.keys() | after.keys()):
        old, new = before.get(pair), after.get(pair)
        was, now = bool(old and old.included), bool(new and new.included)
        if now and not was:
            changes.came_in.append(pair)
        elif was and not now:
            changes.went_out.append(pair)
        if old is None or new is None:
            continue
        move = abs(new.score - old.score)
        changes.largest = max(changes.largest, move)
        changes.moved += move > MOVED
        if old.passage != new.passage:
            changes.quotes.append(pair)
            if was and now:
                changes.included_quotes.append(pair)
    return changes


def copied(source: Path, target: Path) -> None:
    """A copy of a database as SQLite reads it (its write-ahead log included)."""
    target.unlink(missing_ok=True)
    with closing(sqlite3.connect(source)) as old, closing(sqlite3.connect(target)) as new:
        old.backup(new)


def stored(db_path: Path) -> dict[Pair, Stored]:
    """The stored matches of a database."""
    with closing(sqlite3.connect(db_path)) as db:
        rows = db.execute("select call_id, target_id, score, included, passage from matches")
        return {(r[0], r[1]): Stored(float(r[2]), bool(r[3]), r[4] or "") for r in rows}


def titles(db_path: Path) -> dict[str, str]:
    """Each call's title."""
    with closing(sqlite3.connect(db_path)) as db:
        return dict(db.execute("select id, title from calls"))


def eufunds(root: Path, args: list[str], env: dict[str, str], who: str) -> str:
    """``eufunds ARGS`` run by the code in ``root``; exits saying what failed."""
    done = subprocess.run(
        [sys.executable, "-c", _CLI, *args], cwd=root, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-8:])
        sys.exit(f"{who}: eufunds {' '.join(args)} failed (exit {done.returncode}):\n{tail}")
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def runs_its_own_code(root: Path) -> None:
    """Exits unless Python started in ``root`` imports the code found there (an installed
    copy found first would compare the working tree with itself)."""
    found = subprocess.run(
        [sys.executable, "-c", "import app, pathlib; print(pathlib.Path(app.__file__).parent)"],
        cwd=root,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if Path(found).resolve() != (root / "app").resolve():
        sys.exit(f"Python started in {root} imports the code in {found}; cannot compare")


def extract(ref: str, into: Path) -> str:
    """The commit ``ref`` extracted into ``into``; its short hash (exits if unknown)."""
    commit = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "--verify", f"{ref}^{{commit}}"],
        capture_output=True,
        text=True,
    )
    if commit.returncode != 0:
        sys.exit(f"--base {ref}: no such commit in {REPO}")
    archive = subprocess.run(["git", "-C", str(REPO), "archive", ref], capture_output=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return commit.stdout.strip()


def report(
    changes: Changes,
    names: dict[str, str],
    show: int,
    a: dict[Pair, Stored],
    b: dict[Pair, Stored],
) -> None:
    """The comparison of one priorities file, printed."""
    print(f"stored pairs: {changes.pairs[0]} → {changes.pairs[1]}")
    print(f"scores moved (> {MOVED}): {changes.moved}, largest {changes.largest:.2f}")
    for word, pairs in (("in", changes.came_in), ("out", changes.went_out)):
        print(f"included, {word}: {len(pairs)}")
        for call, target in pairs:
            old, new = a.get((call, target)), b.get((call, target))
            scores = " → ".join(f"{s.score:.2f}" if s else "–" for s in (old, new))
            print(f"  {target}  {scores}  {names.get(call, call)[:80]}")
    print(
        f"stored quotes changed: {len(changes.quotes)} of {changes.pairs[1]}, "
        f"{len(changes.included_quotes)} included"
    )
    for call, target in changes.included_quotes[:show]:
        print(f"\n  {target}  {names.get(call, call)[:80]}")
        print(f"    before: {a[(call, target)].passage}")
        print(f"    after:  {b[(call, target)].passage}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the commit to compare the working tree with")
    parser.add_argument("--priorities", type=Path, nargs="*", default=None)
    parser.add_argument("--today", help="match as on this day (YYYY-MM-DD); else today")
    parser.add_argument("--db", type=Path, default=REPO / "data" / "bench" / "match_change.db")
    parser.add_argument("--show", type=int, default=8, help="included quote changes to print")
    options = parser.parse_args()
    from realdata import real_corpus  # bench/ is the script's folder (the tests import compare)

    corpus = real_corpus()
    files = options.priorities or [REPO / "priorities" / "linkoping.yaml"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("EUFUNDS_")}
    env["EUFUNDS_SHARED"] = str(corpus.parent.parent)
    if options.today:
        env["EUFUNDS_TODAY"] = options.today
    options.db.parent.mkdir(parents=True, exist_ok=True)
    runs_its_own_code(REPO)
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "base"
        short = extract(options.base, base)
        runs_its_own_code(base)
        kept = {**env, "EUFUNDS_DB": str(options.db)}
        print(eufunds(REPO, ["import-calls", str(corpus)], kept, "working tree"))
        for path in files:
            own = {**kept, "EUFUNDS_PRIORITIES": str(path.resolve())}
            print(eufunds(REPO, ["match", "--all"], own, "working tree"))  # embeds once
            runs = {}
            for name, root in (("before", base), ("after", REPO)):
                copy = Path(folder) / f"{name}.db"
                copied(options.db, copy)
                eufunds(root, ["match", "--all"], {**own, "EUFUNDS_DB": str(copy)}, name)
                runs[name] = stored(copy)
            print(f"\n{path.name}: {short} → working tree")
            changes = compare(runs["before"], runs["after"])
            report(changes, titles(options.db), options.show, runs["before"], runs["after"])


if __name__ == "__main__":
    main()
