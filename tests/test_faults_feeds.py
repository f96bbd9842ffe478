"""Crawler faults from feeds and pages: robots.txt holds for every request of a host, however
many wait for it at once (the feeds of a host, the call pages a listing links to), and a
link with a line break in a real feed crawl is never stored (no calendar injection)."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
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
    """A feed (or web) host on loopback that logs every path asked for; its robots.txt can
    answer ``robots_delay`` seconds late, so that many requests wait for it at once."""

    def __init__(
        self, pages: dict[str, bytes], kind: str = "application/rss+xml", robots_delay: float = 0
    ) -> None:
        self.asked: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.asked.append(self.path)
                if self.path == "/robots.txt":
                    time.sleep(robots_delay)
                page = pages.get(self.path)
                self.send_response(200 if page is not None else 404)
                content_type = "text/plain" if self.path == "/robots.txt" else kind
                self.send_header("Content-Type", content_type)
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


def page(title: str) -> bytes:
    return (
        f"<html><head><title>{title}</title></head><body><main><h1>{title}</h1>"
        "<p>Öppnar: 2 mars 2026</p><p>Stänger: 30 september 2026</p>"
        "<h2>Vem kan söka?</h2><p>Kommuner och regioner.</p></main></body></html>"
    ).encode()


def test_robots_txt_holds_for_every_call_page_a_listing_links_to(
    tmp_path: Path, feed_db: Path
) -> None:
    """The ESF spider (a listing, then its call pages; no feed): the listing links to call
    pages on another port of the same host, whose robots.txt forbids some of them and comes
    late, so every call page waits for it at once."""
    secret = [f"/utlysningar/hemlig-{n}/" for n in range(5)]
    calls = {"/utlysningar/oppen/": page("Öppen utlysning")}
    calls |= {path: page(f"Hemlig {n}") for n, path in enumerate(secret)}
    with Site(
        {"/robots.txt": b"User-agent: *\nDisallow: /utlysningar/hemlig\n", **calls},
        kind="text/html; charset=utf-8",
        robots_delay=1.0,
    ) as pages:
        links = "".join(f'<li><a href="{pages.url}{path}">{path}</a></li>' for path in calls)
        listing = {
            "/robots.txt": b"",
            "/utlysningar/": f"<html><body><main><ul>{links}</ul></main></body></html>".encode(),
            "/utlysningar/kommande-utlysningar/": (
                b"<html><body><main><p>Just nu finns inga planerade utlysningar.</p></main>"
                b"</body></html>"
            ),
        }
        with Site(listing, kind="text/html; charset=utf-8") as site:
            env = {"EUFUNDS_ESF_URL": site.url, "EUFUNDS_CRAWL_DELAY": "0"}
            (result,) = crawl_sources(feed_db, ["esf"], env=env, timeout=120)
    assert "/utlysningar/" in site.asked  # the listing was read
    assert "/utlysningar/oppen/" in pages.asked
    assert not [p for p in pages.asked if p.startswith("/utlysningar/hemlig")], pages.asked
    with sqlite3.connect(feed_db) as conn:
        titles = [t for (t,) in conn.execute("select title from calls")]
    assert titles == ["Öppen utlysning"]
    assert "förbjuds av webbplatsens robots.txt" in (result.error_text or "")


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
