"""A full-size portal crawl at a polite pace within the time limit: completed, or what it left.

Writes the generated demo recordings with ``--topics`` extra SEDIA topics (default 690: with
the demo's own nine, ~700 topicDetails requests, as a full crawl of the real portal needs),
serves them on loopback and runs the real SEDIA spider through the runner
(``crawler.runner.crawl_sources``, one subprocess, the time limit) with
``EUFUNDS_CRAWL_DELAY`` = ``--delay`` between requests. Production is ``--delay 1.2`` (the
~1.2 s a polite request to the portal takes) with the default 600 s limit. A shorter delay
scales the limit with it unless ``--timeout`` is given (``--delay 0.3`` -> 150 s), so the same
share of the work fits. ``--runs N`` crawls the same recordings N times into one database,
as the next weekly runs would (nothing changed in between). Prints, per run, whether it
completed or exactly what it left (count and programmes), the requests and the time:

    .venv/bin/python bench/sedia_full_crawl.py [--delay 1.2] [--timeout S] [--runs 2]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

from crawler.demo import write_recordings
from crawler.replay import ReplayServer
from crawler.runner import crawl_sources
from crawler.spiders.sedia import DETAILS_PATH, SEARCH_PATH

ANCHOR = date(2026, 6, 1)  # any day: the generated dates are relative to it
PRODUCTION_DELAY = 1.2  # seconds per request to the portal, politely
PRODUCTION_LIMIT = 600.0  # the default time limit per source


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", type=int, default=690, help="extra generated topics")
    parser.add_argument("--delay", type=float, default=PRODUCTION_DELAY, help="seconds")
    parser.add_argument("--timeout", type=float, default=None, help="limit (default: scaled)")
    parser.add_argument("--runs", type=int, default=2, help="crawls into the same database")
    options = parser.parse_args()
    limit = options.timeout or PRODUCTION_LIMIT * options.delay / PRODUCTION_DELAY
    print(
        f"delay {options.delay:g} s per request, time limit {limit:g} s"
        + (
            f" (the production {PRODUCTION_LIMIT:g} s at {PRODUCTION_DELAY:g} s, scaled)"
            if options.timeout is None and options.delay != PRODUCTION_DELAY
            else ""
        )
    )
    with tempfile.TemporaryDirectory() as folder:
        root = write_recordings(Path(folder) / "rec", ANCHOR, 1, sedia_topics=options.topics)
        db = Path(folder) / "full.db"
        for run in range(1, options.runs + 1):
            with ReplayServer(root) as server:
                env = {
                    **server.environment(["sedia"]),
                    "EUFUNDS_TODAY": ANCHOR.isoformat(),
                    "EUFUNDS_CRAWL_DELAY": str(options.delay),
                }
                started = time.perf_counter()
                (result,) = crawl_sources(db, ["sedia"], env=env, timeout=limit)
                elapsed = time.perf_counter() - started
                searches = sum(r.endswith(SEARCH_PATH) for r in server.requests)
                details = sum(DETAILS_PATH in r for r in server.requests)
            outcome = "COMPLETED" if result.ok else ("PARTIAL" if result.partial else "FAILED")
            progress = result.progress or {}
            print(
                f"run {run}: {outcome} in {elapsed:.1f} s; {searches} search pages + {details} "
                f"topicDetails requests; {result.items} calls stored ({result.new} new, "
                f"{result.changed} changed); details due {progress.get('due')}, fetched "
                f"{progress.get('done')}, unchanged {progress.get('reused')}, "
                f"missing {progress.get('missing')}"
            )
            if not result.ok:
                print(f"  left: {result.error_text}")
            groups = progress.get("missing_groups") or {}
            if groups:
                print("  missing by programme: " + ", ".join(f"{k} {v}" for k, v in groups.items()))


if __name__ == "__main__":
    main()
