"""Ranking the same calls again: what the vector cache saves `eufunds rank` and `eufunds eval`.

    .venv/bin/python bench/rank_cache.py [--dev-set umea-all] [--share 0.3]

Runs ``eufunds eval --dev-set NAME --json`` as a user would, each time a new process:

1. with the cache off (``EUFUNDS_VECTOR_CACHE=off``): every run embeds everything;
2. with a new, empty cache file: the first run fills it;
3. again with that file: nothing is left to embed;
4. again with ``--feedback-share SHARE``: learning from marks embeds nothing either.

Prints each run's wall time, the cache file's size and rows, and whether the figures of runs
1–3 are the same (they must be: a first run's vectors are those of a run without the cache).
The development set is read in place in the shared real data (``EUFUNDS_SHARED``).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.realdata import real_corpus

EUFUNDS = Path(sys.executable).parent / "eufunds"


def _eval(dev_set: str, cache: str, *extra: str) -> tuple[float, dict[str, Any]]:
    env = {**os.environ, "EUFUNDS_VECTOR_CACHE": cache}
    started = time.perf_counter()
    done = subprocess.run(
        [str(EUFUNDS), "eval", "--dev-set", dev_set, "--json", *extra],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"eufunds eval failed ({done.returncode}): {done.stderr.strip()}")
    return seconds, json.loads(done.stdout)


def _figures(result: dict[str, Any]) -> tuple[float, ...]:
    keys = ("ndcg@10", "p@5", "r@10", "digest_precision", "digest_recall")
    return tuple(round(result[k], 4) for k in keys)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev-set", default="umea-all")
    parser.add_argument("--share", type=float, default=0.3)
    args = parser.parse_args()
    real_corpus()  # exits with a message when the real data is absent
    with tempfile.TemporaryDirectory(prefix="eufunds-rank-cache-") as folder:
        cache = Path(folder) / "vectors.db"
        runs = [
            ("cache off", *_eval(args.dev_set, "off")),
            ("empty cache", *_eval(args.dev_set, str(cache))),
            ("filled cache", *_eval(args.dev_set, str(cache))),
            (
                f"filled cache, {args.share:.0%} marked",
                *_eval(args.dev_set, str(cache), "--feedback-share", str(args.share)),
            ),
        ]
        with sqlite3.connect(cache) as conn:
            rows = conn.execute("select count(*) from vectors").fetchone()[0]
        size = cache.stat().st_size
    print(f"eufunds eval --dev-set {args.dev_set}")
    for name, seconds, result in runs:
        print(f"  {name:<28} {seconds:7.1f} s   nDCG@10 {result['ndcg@10']:.3f}")
    print(f"  cache: {rows} vectors, {size / 1e6:.1f} MB")
    same = len({_figures(result) for _, _, result in runs[:3]}) == 1
    print(f"  figures without the cache, filling it and from it the same: {same}")
    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
