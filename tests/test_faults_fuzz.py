"""Seeded fuzz of the two doors hostile data comes in by: an import line (through the real
`eufunds import-calls`) and a feed entry (through feedparser, the feed spider's parsing and
the crawler's store pipeline). Neither may crash, and nothing invalid may be stored.
"""

from __future__ import annotations

import json
import random
import unicodedata
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from xml.sax.saxutils import escape

import pytest
import sqlite_utils
from click.testing import CliRunner
from scrapy.exceptions import DropItem
from scrapy.http import Request, XmlResponse
from scrapy.settings import Settings

from app.cli import cli
from db import InvalidRecord, open_db
from db.records import Call
from db.validate import validate_call
from tests.notifier_world import CALLS

GOOD = [json.loads(line) for line in CALLS.read_text(encoding="utf-8").splitlines()]
SEEDS = (1, 2, 3)
LINES_PER_SEED = 200
ENTRIES_PER_SEED = 60

NASTY_TEXT = [
    "",
    " ",
    "\x00",
    "\x07\x1b[31mröd\x1b[0m",
    "rad\r\nBcc: x@evil.example",
    "\u2028\u2029\u0085",
    "\u202eevil\u202c",
    "\ud800",
    "\udfff\ud800",
    "\ufeff",
    '=HYPERLINK("https://phish.example")',
    "<script>alert(1)</script>",
    "END:VEVENT\r\nBEGIN:VEVENT",
    "x" * 1_500,
    "ord " * 60_000,
    "åäö ÅÄÖ €",
    "\t\t",
]
NASTY_DATES = [
    "2026-13-45",
    "2026-02-30",
    "2026-02-29",
    "2028-02-29",
    "0000-00-00",
    "1989-12-31",
    "1990-01-01",
    "2100-12-31",
    "2101-01-01",
    "9999-12-31",
    "2026-1-1",
    "2026-04-06T25:61:00",
    "2026-04-06T10:00:00+02:00",
    "20260406",
    "idag",
]
NASTY_URLS = [
    "javascript:alert(1)",
    "https://ok.example/feed1\r\nEND:VEVENT",
    "https://ok.example/a b",
    "https://ok.example/\u0000",
    "http://",
    "https://[::1",
    "https://ok.example:99999/",
    "ftp://ok.example/x",
    "//ok.example/relative",
    "/relative/path",
    "HTTPS://OK.EXAMPLE/Ansökan",
    " https://ok.example/padded ",
    "https://ok.example/" + "a" * 3_000,
    "data:text/html,<script>alert(1)</script>",
    "https://ok.example/ok?q=1&r=2#x",
]
NASTY_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    1e308,
    [],
    {},
    [None],
    {"a": {"b": [1, {"c": "\x00"}]}},
    ["2026-01-01", {"x": 1}],
]
FIELDS = ("id", "title", "programme", "description", "opening_date", "deadline", "deadlines")
FIELDS += ("status", "url", "budget", "extra_field")


def _nasty(rng: random.Random, field: str) -> Any:
    pool: list[Any] = list(NASTY_VALUES) + list(NASTY_TEXT)
    if field in ("opening_date", "deadline"):
        pool += NASTY_DATES * 3
    if field == "deadlines":
        pool += [[rng.choice(NASTY_DATES)] for _ in range(10)]
    if field == "url":
        pool += NASTY_URLS * 3
    value = rng.choice(pool)
    if isinstance(value, str) and rng.random() < 0.3:
        value = rng.choice(GOOD)["title"] + value  # hidden inside ordinary text
    return value


def fuzz_lines(seed: int, count: int) -> list[bytes]:
    """``count`` lines, each a real call with one to four fields made hostile, or a broken
    line (cut JSON, random bytes, deep nesting)."""
    rng = random.Random(seed)
    lines: list[bytes] = []
    for number in range(count):
        roll = rng.random()
        if roll < 0.05:
            lines.append(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 80))))
            continue
        record = dict(rng.choice(GOOD))
        record["id"] = f"{record['id']}-{seed}-{number}"
        for _ in range(rng.randint(1, 4)):
            field = rng.choice(FIELDS)
            record[field] = _nasty(rng, field)
        text = json.dumps(record, ensure_ascii=rng.random() < 0.5)
        if roll < 0.1:
            text = text[: rng.randrange(1, len(text))]  # cut off
        elif roll < 0.12:
            text = "[" * 50_000 + text + "]" * 50_000
        lines.append(text.encode("utf-8", "surrogatepass"))
    return lines


def assert_valid(db: sqlite_utils.Database) -> int:
    """Every stored call is one the validator accepts as it is; returns how many."""
    count = 0
    for row in db["calls"].rows:
        call = Call.from_row(row)
        before = call.content_hash()
        validate_call(call)  # raises if anything invalid got in
        assert call.content_hash() == before, f"{row['id']} was stored uncleaned"
        assert not any(unicodedata.category(ch) == "Cc" for ch in row["id"])
        for day in [*json.loads(row["deadlines"]), row["opening_date"]]:
            if day:
                assert 1990 <= date.fromisoformat(day).year <= 2100
        if row["url"]:
            assert row["url"].startswith(("http://", "https://", "HTTP://", "HTTPS://"))
            assert not any(ch.isspace() or ord(ch) < 0x20 for ch in row["url"])
        count += 1
    return count


@pytest.mark.parametrize("seed", SEEDS)
def test_fuzzed_import_lines_never_crash_nor_store_an_invalid_call(
    db_path: Path, tmp_path: Path, seed: int
) -> None:
    lines = fuzz_lines(seed, LINES_PER_SEED)
    source = tmp_path / "fuzz.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    result = CliRunner().invoke(cli, ["import-calls", str(source), "--today", "2026-04-06"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    skipped = result.stderr.count(": hoppades över: ")
    stored = assert_valid(open_db())
    assert skipped > 0 and stored > 0
    assert stored + skipped == len(lines)  # every line is either stored or named


def _feed(rng: random.Random, entries: int) -> bytes:
    """An RSS or Atom feed whose entries carry hostile titles, links, ids, dates and text."""
    atom = rng.random() < 0.5

    def text() -> str:
        value = str(_nasty(rng, "title")).replace("\ud800", "").replace("\udfff", "")
        kind = rng.random()
        if kind < 0.3:
            return f"<![CDATA[{value.replace(']]>', '')}]]>"
        if kind < 0.5:
            return escape(value) + rng.choice(["&#0;", "&#x1b;", "&#x85;", "&#8232;", "&amp;"])
        return escape(value)

    def link() -> str:
        return escape(rng.choice([*NASTY_URLS, "https://ok.example/call/1"]))

    items = []
    for n in range(entries):
        ident = escape(rng.choice([*NASTY_TEXT[:13], f"urn:uuid:{n}", ""]).replace("\ud800", ""))
        day = rng.choice([*NASTY_DATES, "Mon, 06 Apr 2026 10:00:00 +0000", "garbage"])
        if atom:
            items.append(
                f'<entry><title>{text()}</title><link href="{link()}"/><id>{ident}</id>'
                f'<updated>{escape(day)}</updated><content type="html">{text()}</content>'
                f'<category term="{escape(rng.choice(NASTY_TEXT[:8]))}"/></entry>'
            )
        else:
            items.append(
                f"<item><title>{text()}</title><link>{link()}</link><guid>{ident}</guid>"
                f"<pubDate>{escape(day)}</pubDate><description>{text()}</description></item>"
            )
    if atom:
        body = '<feed xmlns="http://www.w3.org/2005/Atom"><title>f</title>' + "".join(items)
        return (body + "</feed>").encode("utf-8", "replace")
    body = '<rss version="2.0"><channel><title>f</title><link>https://ok.example/</link>'
    return (body + "".join(items) + "</channel></rss>").encode("utf-8", "replace")


@pytest.mark.parametrize("seed", SEEDS)
def test_fuzzed_feed_entries_never_crash_nor_store_an_invalid_call(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    from crawler.spiders.feeds import FeedsSpider
    from crawler.store import StorePipeline

    monkeypatch.delenv("EUFUNDS_FEEDS", raising=False)
    monkeypatch.setenv("EUFUNDS_TODAY", "2026-04-06")
    spider = FeedsSpider()
    crawler = SimpleNamespace(settings=Settings({"EUFUNDS_DB_PATH": str(db_path)}), stats=None)
    pipeline = StorePipeline(crawler)  # type: ignore[arg-type]
    pipeline.open_spider()
    rng = random.Random(seed)
    tried = refused = 0
    try:
        for feed_number in range(3):
            url = f"https://ok.example/feed{feed_number}.xml"
            response = XmlResponse(
                url=url, body=_feed(rng, ENTRIES_PER_SEED // 3), request=Request(url)
            )
            for call in spider.parse_feed(response, feed_name=f"fuzz{feed_number}"):
                tried += 1
                try:
                    pipeline.process_item(call)
                except (DropItem, InvalidRecord):
                    refused += 1
    finally:
        pipeline.close_spider()
    stored = assert_valid(open_db(db_path))
    assert tried > 0 and stored > 0
    assert stored <= tried - refused
