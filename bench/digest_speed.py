"""How long building, rendering and delivering a week's digests takes on the whole corpus.

Run: ``.venv/bin/python bench/digest_speed.py``. Imports the real calls, read in place from
``$EUFUNDS_SHARED/calls/corpus.jsonl`` (default ``../shared``; exits 2 when absent), into a
throw-away database, routes every call with a deadline after "today" to one or two
departments of the shipped Linköping priorities, or (every fifth) to none as a call for the
municipality's own area (scores are made up here: this measures the notifier, not the
matcher), then for four weeks in a row builds the digests and writes them as
.eml files. Prints one line per step.
"""

from __future__ import annotations

import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from realdata import real_corpus

from db import open_db
from db.calls import store_call
from db.jsonl import read_calls
from db.matches import upsert_matches
from db.records import OWN_AREA, Match
from notifier.build import build_digests
from notifier.delivery import FileTransport
from notifier.outbox import flush_outbox
from notifier.weeks import iso_week
from priorities import DEFAULT_FILE, load_priorities

TODAY = date(2026, 3, 2)
OWN_REGION = {"check": "region", "result": "pass", "reason": "Regionen ingår.", "area": OWN_AREA}


def main() -> None:
    """Run the benchmark and print its numbers."""
    corpus = real_corpus()
    priorities = load_priorities(DEFAULT_FILE)
    departments = [d.id for d in priorities.departments]
    targets = [p.id for p in priorities.priorities]
    with tempfile.TemporaryDirectory() as folder:
        db = open_db(Path(folder) / "bench.db")
        calls = [r.call for r in read_calls(corpus, "corpus") if r.call is not None]
        with db.conn:
            for call in calls:
                store_call(db, call, today=TODAY, touch=False)
        matches = []
        for n, call in enumerate(calls):
            if not call.deadline or call.deadline < TODAY.isoformat():
                continue
            owners = [departments[n % len(departments)]]
            if n % 3 == 0:
                owners.append(departments[(n + 1) % len(departments)])
            matches.append(
                Match(
                    call_id=call.key,
                    target_id=targets[n % len(targets)],
                    target_kind="priority",
                    priority_id=targets[n % len(targets)],
                    departments=owners,
                    score=1.0 - (n % 97) / 100,
                    semantic=0.5,
                    lexical=0.5,
                    label="stark" if n % 4 == 0 else "möjlig",
                    # Every fifth call no priority took, for the municipality's own area:
                    # the coordinator's section of them (one in three fails, as above).
                    included=n % 5 != 4,
                    eligibility=("pass", "unknown", "fail")[n % 3],
                    eligibility_facts=[
                        {"check": "status", "result": "pass", "reason": "öppen"},
                        *([OWN_REGION] if n % 5 == 4 else []),
                    ],
                    passage=call.description[:300],
                    keywords=[],
                    priorities_version=priorities.version_hash,
                    call_hash=call.content_hash(),
                    scored_at="2026-03-01T00:00:00+00:00",
                )
            )
        upsert_matches(db, matches)
        db.conn.commit()
        print(
            f"{len(calls)} calls, {sum(m.included for m in matches)} included matches and "
            f"{sum(not m.included for m in matches)} for the own area, "
            f"{len(departments)} departments"
        )
        for week_no in range(4):
            day = TODAY + timedelta(days=7 * week_no)
            week = iso_week(day)
            started = time.perf_counter()
            results = build_digests(
                db, priorities, week=week, today=day, now=f"{day}T06:00:00+00:00"
            )
            built = time.perf_counter() - started
            started = time.perf_counter()
            flushed = flush_outbox(db, FileTransport(Path(folder) / "outbox"))
            sent = time.perf_counter() - started
            new = sum(r.new for r in results)
            print(
                f"{week}: {len(results)} digests built in {built:.2f} s "
                f"({built / len(results) * 1000:.0f} ms each, {new} new calls), "
                f"{flushed.sent} .eml written in {sent:.2f} s"
            )


if __name__ == "__main__":
    main()
