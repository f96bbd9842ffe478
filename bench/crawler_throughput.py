"""Parse throughput of the SEDIA spider on generated search pages (records per second).

Generates the demo recordings with ``--topics`` extra plausible SEDIA topics (default 1,000,
so about ten search pages of 100 rows, as a real crawl reads), then pages through them with
the spider's own cursor (each page cut as the search API cuts it) and parses every
topicDetails document, all through the real spider's callbacks, in process and without
network; it counts the calls produced. Run:

    .venv/bin/python bench/crawler_throughput.py [--rounds N] [--topics N]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import date
from pathlib import Path

from scrapy.http import Request, TextResponse

from crawler.demo import write_recordings
from crawler.spiders.sedia import DETAILS_PATH, SEARCH_PATH, SediaSpider
from db.records import Call

ANCHOR = date(2026, 6, 1)  # any day: the generated dates are relative to it
BASE = "http://127.0.0.1:1"
PAGE_SIZE = 100  # the API's maximum


ANSWERS: dict[str | None, bytes] = {}  # cursor -> answer, built once (warm-up), not timed


def search_answer(rows: list[dict], cursor: str | None) -> bytes:
    """The page after ``cursor`` as the search API gives it: sorted on es_SortDate, 100 rows."""
    if cursor not in ANSWERS:
        after = [r for r in rows if cursor is None or r["metadata"]["es_SortDate"][0] > cursor]
        answer = {"totalResults": len(after), "results": after[:PAGE_SIZE]}
        ANSWERS[cursor] = json.dumps(answer).encode("utf-8")
    return ANSWERS[cursor]


def one_round(rows: list[dict], details: dict[str, bytes]) -> int:
    """Page through the rows and parse every topicDetails once with a fresh spider."""
    spider = SediaSpider(base_url=BASE, page_size=PAGE_SIZE)
    produced = 0
    searches: list[Request] = [
        Request(BASE + SEARCH_PATH, method="POST", cb_kwargs={"cursor": None})
    ]
    pending: list[Request] = []
    while searches:
        request = searches.pop()
        body = search_answer(rows, request.cb_kwargs["cursor"])
        response = TextResponse(request.url, body=body, request=request, encoding="utf-8")
        for out in spider.parse_search(response, **request.cb_kwargs):
            if isinstance(out, Call):
                produced += 1
            elif isinstance(out, Request) and SEARCH_PATH in out.url:
                searches.append(out)  # the next page, after the cursor
            elif isinstance(out, Request):
                pending.append(out)
    while pending:  # the spider keeps a few details requests going: each answer asks the next
        request = pending.pop(0)
        name = request.url.rsplit("/", 1)[-1]
        response = TextResponse(request.url, body=details[name], request=request, encoding="utf-8")
        for out in spider.parse_details(response, **request.cb_kwargs):
            if isinstance(out, Call):
                produced += 1
            elif isinstance(out, Request):
                pending.append(out)
    assert not spider.failures, spider.failures
    return produced


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--topics", type=int, default=1000, help="extra generated topics")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = write_recordings(Path(folder), ANCHOR, 1, sedia_topics=options.topics) / "sedia"
        search = root / SEARCH_PATH.strip("/")
        pages = [p.read_bytes() for p in sorted(search.glob("*.json"))]
        details_dir = root / DETAILS_PATH.strip("/")
        details = {p.name: p.read_bytes() for p in details_dir.glob("*.json")}
    # Every generated row, sorted as the search API sorts them for the spider's cursor.
    rows = [row for p in pages for row in json.loads(p)["results"]]
    rows.sort(key=lambda row: row["metadata"]["es_SortDate"][0])
    one_round(rows, details)  # warm up
    start = time.perf_counter()
    records = sum(one_round(rows, details) for _ in range(options.rounds))
    elapsed = time.perf_counter() - start
    print(
        f"SEDIA parse throughput: {records / elapsed:,.0f} records/s "
        f"({records} records from {options.rounds} rounds of {len(rows)} search rows in "
        f"{len(pages)} generated pages + {len(details)} topicDetails, {elapsed:.2f} s)"
    )


if __name__ == "__main__":
    main()
