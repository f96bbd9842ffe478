"""Parse throughput of the SEDIA spider on the recorded responses (records per second).

Feeds the recorded search pages and topicDetails documents to the real spider's callbacks,
in process and without network, and counts the calls it produces. Run:

    .venv/bin/python bench/crawler_throughput.py [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from scrapy.http import Request, TextResponse

from crawler.spiders.sedia import DETAILS_PATH, SEARCH_PATH, SediaSpider
from db.records import Call

RECORDINGS = Path(__file__).resolve().parent.parent / "crawler" / "recordings" / "sedia"
BASE = "http://127.0.0.1:1"


def one_round(page: bytes, details: dict[str, bytes]) -> int:
    """Parse the recorded search answer and details once with a fresh spider; calls produced."""
    spider = SediaSpider(base_url=BASE, page_size=100)
    produced = 0
    pending: list[Request] = []
    request = Request(BASE + SEARCH_PATH, method="POST")
    response = TextResponse(request.url, body=page, request=request, encoding="utf-8")
    # A page shorter than page_size is the last one: the spider then builds the calls.
    for out in spider.parse_search(response, cursor=None):
        if isinstance(out, Call):
            produced += 1
        elif isinstance(out, Request):
            pending.append(out)
    for request in pending:
        name = request.url.rsplit("/", 1)[-1]
        response = TextResponse(request.url, body=details[name], request=request, encoding="utf-8")
        produced += sum(1 for _ in spider.parse_details(response, **request.cb_kwargs))
    assert not spider.failures, spider.failures
    return produced


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    options = parser.parse_args()
    search = RECORDINGS / SEARCH_PATH.strip("/")
    pages = [p.read_bytes() for p in sorted(search.glob("*.json"))]
    details_dir = RECORDINGS / DETAILS_PATH.strip("/")
    details = {p.name: p.read_bytes() for p in details_dir.glob("*.json")}
    # One answer holding every recorded row, as the replay server serves them.
    rows = [row for p in pages for row in json.loads(p)["results"]]
    page = json.dumps({"totalResults": len(rows), "results": rows}).encode("utf-8")
    one_round(page, details)  # warm up
    start = time.perf_counter()
    records = sum(one_round(page, details) for _ in range(options.rounds))
    elapsed = time.perf_counter() - start
    print(
        f"SEDIA parse throughput: {records / elapsed:,.0f} records/s "
        f"({records} records from {options.rounds} rounds of {len(rows)} search rows in "
        f"{len(pages)} recorded pages + {len(details)} topicDetails, {elapsed:.2f} s)"
    )


if __name__ == "__main__":
    main()
