"""Matching speed on the real corpus: embedding throughput, the no-change re-run, peak memory.

    .venv/bin/python bench/match_speed.py [--limit N]

1. Imports the real corpus, read in place through EUFUNDS_SHARED (or its first N calls),
   into a fresh database and runs `eufunds match` in a new process with an empty vector
   cache of its own (``EUFUNDS_VECTOR_CACHE``), as on a new machine, which the match fills:
   wall time, calls and passages embedded per second, and the process's peak memory (max
   RSS).
2. Loads the model and encodes the very same passages with plain
   `SentenceTransformer.encode` in this process (same model, batch size and prompts; the
   load is timed, as `eufunds match` loads the model within its run) and reports the
   pipeline/plain throughput ratio: of the whole match (embedding, scoring, storing) and of
   its embedding alone (the time the match reports for it).
3. Runs `eufunds match` again with nothing changed: wall time of the whole command, and the
   match's own time as it reports it (the rest is starting Python and reading its files).
4. Runs `eufunds match --all` three times: every call rescored and every stored match
   rebuilt (its quote and facts) without embedding anything; wall time and the match's own
   time of each.
5. Imports the same calls into a second, new database and matches them: every passage's
   vector comes from the cache the first match filled (a rebuilt database); wall time, the
   match's own time and how many calls it embedded.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from realdata import real_corpus

REPO = Path(__file__).resolve().parent.parent


def _eufunds(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", "from app.cli import main; main()", *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - started, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N calls")
    parser.add_argument("--today", default="2026-03-15")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        # An empty vector cache: the first match embeds every passage, as on a new machine.
        cache = str(Path(folder) / "vectors.db")
        env = dict(
            os.environ, EUFUNDS_DB=str(Path(folder) / "bench.db"), EUFUNDS_VECTOR_CACHE=cache
        )
        corpus = real_corpus()
        if options.limit:
            lines = corpus.read_text(encoding="utf-8").splitlines()[: options.limit]
            corpus = Path(folder) / "calls.jsonl"
            corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
        _eufunds(["import-calls", str(corpus)], env)
        _eufunds(["model", "install"], env)

        seconds, out = _eufunds(["match", "--json", "--today", options.today], env)
        stats = json.loads(out)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

        import sqlite3

        conn = sqlite3.connect(env["EUFUNDS_DB"])
        texts = [row[0] for row in conn.execute("select text from call_chunks order by rowid")]
        conn.close()

        from matcher.encoders import SentenceTransformerEncoder
        from matcher.model import load_model

        # The model's load is timed on both sides: `eufunds match` loads it in its run.
        started = time.perf_counter()
        load_model()
        encoder = SentenceTransformerEncoder()
        encoder.passages(texts)
        plain = time.perf_counter() - started

        again, out_again = _eufunds(["match", "--json", "--today", options.today], env)
        second = json.loads(out_again)
        rematches = [
            _eufunds(["match", "--all", "--json", "--today", options.today], env) for _ in range(3)
        ]
        rebuilt_env = dict(env, EUFUNDS_DB=str(Path(folder) / "rebuilt.db"))
        _eufunds(["import-calls", str(corpus)], rebuilt_env)
        rebuilt_wall, out_rebuilt = _eufunds(
            ["match", "--json", "--today", options.today], rebuilt_env
        )
        rebuilt = json.loads(out_rebuilt)
        print(
            json.dumps(
                {
                    "calls": stats["calls"],
                    "passages": len(texts),
                    "match_seconds": round(seconds, 1),
                    "pipeline_calls_per_s": round(stats["embedded"] / stats["seconds"], 2),
                    "pipeline_passages_per_s": round(len(texts) / stats["seconds"], 2),
                    "plain_encode_seconds": round(plain, 1),
                    "plain_passages_per_s": round(len(texts) / plain, 2),
                    "throughput_ratio": round(
                        (len(texts) / stats["seconds"]) / (len(texts) / plain), 3
                    ),
                    # The embedding alone (with the model's load, as the plain side), without
                    # the scoring and storing the match's time holds too.
                    "match_embed_seconds": stats["embed_seconds"],
                    "embedding_ratio": round(plain / stats["embed_seconds"], 3),
                    "peak_rss_mb_first_match": round(peak_mb),
                    "second_match_seconds": round(again, 2),
                    "second_match_embedded": second["embedded"],
                    # The match's own time, without starting Python and reading its modules
                    # (which a cold file cache after the plain encode can make seconds).
                    "second_match_in_process_seconds": second["seconds"],
                    "second_match_rescored": second["rescored"],
                    "rematch_all_seconds": [round(wall, 1) for wall, _ in rematches],
                    "rematch_all_in_process_seconds": [
                        json.loads(out)["seconds"] for _, out in rematches
                    ],
                    "rematch_all_embedded": [json.loads(out)["embedded"] for _, out in rematches],
                    "rebuilt_match_seconds": round(rebuilt_wall, 1),
                    "rebuilt_match_in_process_seconds": rebuilt["seconds"],
                    "rebuilt_match_embedded": rebuilt["embedded"],
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
