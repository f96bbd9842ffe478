"""Crawler faults from feeds: robots.txt holds for every feed of a host, however many, and a
link with a line break in a real feed crawl is never stored (no calendar injection)."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from crawler.runner import crawl_sources

ROBOTS = b"User-agent: *\nDisallow: /private/\n"


def rss(items: list[tuple[str, str]]) -> bytes:
    body = "".join(
        f"<item><title>{title}</title><link>{link}</link><guid>{title}</guid>"
        "<description>Kommuner kan söka stöd.</description></item>"
        for title, link in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
        f"<link>https://ok.example/</link>{body}</channel></rss>"
    ).encode()


class Site:
    """A feed host on loopback that logs every path asked for."""

    def __init__(self, pages: dict[str, bytes]) -> None:
        self.asked: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.asked.append(self.path)
                page = pages.get(self.path)
                self.send_response(200 if page is not None else 404)
                kind = "text/plain" if self.path == "/robots.txt" else "application/rss+xml"
                self.send_header("Content-Type", kind)
                self.end_headers()
                self.wfile.write(page or b"")

            def log_message(self, *args: object) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def feed_db(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "feeds.db"


def test_robots_txt_holds_for_every_feed_of_a_host(tmp_path: Path, feed_db: Path) -> None:
    allowed = rss([("Öppen utlysning", "https://ok.example/open")])
    pages = {"/robots.txt": ROBOTS, "/open.xml": allowed}
    pages |= {f"/private/{n}.xml": rss([(f"Hemlig {n}", "https://ok.example/s")]) for n in range(5)}
    with Site(pages) as site:
        feeds = [{"name": "öppen", "url": f"{site.url}/open.xml"}]
        feeds += [{"name": f"hemlig {n}", "url": f"{site.url}/private/{n}.xml"} for n in range(5)]
        listing = tmp_path / "feeds.yaml"
        listing.write_text(json.dumps({"feeds": feeds}), encoding="utf-8")
        env = {"EUFUNDS_FEEDS": str(listing), "EUFUNDS_CRAWL_DELAY": "0"}
        (result,) = crawl_sources(feed_db, ["feeds"], env=env, timeout=120)
    assert not [p for p in site.asked if p.startswith("/private/")], site.asked
    assert "/open.xml" in site.asked
    with sqlite3.connect(feed_db) as conn:
        titles = [t for (t,) in conn.execute("select title from calls")]
    assert titles == ["Öppen utlysning"]
    assert "förbjuds av webbplatsens robots.txt" in (result.error_text or "")  # named


def test_a_feed_link_with_a_line_break_is_not_stored(tmp_path: Path, feed_db: Path) -> None:
    injected = "https://ok.example/feed1&#13;&#10;END:VEVENT&#13;&#10;BEGIN:VEVENT"
    pages = {
        "/robots.txt": b"",
        "/calls.xml": rss([("Utlysning A", "https://ok.example/a"), ("Falsk", injected)]),
    }
    with Site(pages) as site:
        listing = tmp_path / "feeds.yaml"
        listing.write_text(
            json.dumps({"feeds": [{"name": "kalender", "url": f"{site.url}/calls.xml"}]}),
            encoding="utf-8",
        )
        crawl_sources(
            feed_db, ["feeds"], env={"EUFUNDS_FEEDS": str(listing), "EUFUNDS_CRAWL_DELAY": "0"}
        )
    with sqlite3.connect(feed_db) as conn:
        urls = [u for (u,) in conn.execute("select url from calls")]
    assert "https://ok.example/a" in urls
    assert not [u for u in urls if u and ("\r" in u or "\n" in u or "VEVENT" in u)], urls
