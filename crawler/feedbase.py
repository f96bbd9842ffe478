"""A base spider for RSS/Atom feeds: our own conditional GET, then feedparser on the bytes.

feedparser never fetches anything itself: scrapy downloads (robots.txt for every feed of a
host, size cap, retries, offsite filter apply) and sends ``If-None-Match`` and
``If-Modified-Since`` from the ``feed_state`` table; a ``304`` means nothing changed. The
validators of an answer are saved only when the whole run succeeded, so a failed run is
retried in full next time.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Iterator
from typing import Any

import feedparser
from scrapy.http import Response

from crawler import config
from crawler.base import CallSpider
from crawler.kinds import record_kind
from crawler.prose_dates import MAX_YEAR, MIN_YEAR
from crawler.store import write_transaction
from crawler.text import clean, html_to_text, iso_date, safe_url
from db import open_db
from db.calls import utc_now
from db.records import Call


class FeedSpider(CallSpider):
    """Reads the feeds of :meth:`feeds`; subclasses turn entries into calls."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.validators: dict[str, tuple[str | None, str | None]] = {}
        # Known before the spider opens, so that scrapy's offsite filter knows the hosts.
        self.feed_list = self.feeds()
        hosts = {config.host(url) for _, url in self.feed_list}
        self.allowed_domains = sorted(h for h in hosts | set(self.allowed_domains) if h)

    def feeds(self) -> list[tuple[str, str]]:
        """(name, absolute URL) of every feed to read."""
        raise NotImplementedError

    def entry_call(self, entry: Any, feed_name: str, feed_url: str) -> Call | None:
        """The call an entry announces, or None to skip it."""
        raise NotImplementedError

    async def start(self) -> AsyncIterator[Any]:
        """One conditional GET per feed."""
        state = self._load_state()
        for name, url in self.feed_list:
            headers = {"Accept": "application/rss+xml, application/atom+xml, application/xml"}
            etag, modified = state.get(url, (None, None))
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
            yield self.get(
                url,
                self.parse_feed,
                headers=headers,
                meta={"handle_httpstatus_list": [304]},
                cb_kwargs={"feed_name": name},
            )

    def parse_feed(self, response: Response, feed_name: str) -> Iterator[Call]:
        """The calls of one feed; nothing when it answered 304 Not Modified."""
        url = response.request.url if response.request else response.url
        if response.status == 304:
            self.empty_ok = True
            self.notes.append(f"{feed_name}: oförändrat sedan förra insamlingen")
            return
        parsed = feedparser.parse(
            response.body,
            response_headers={
                "content-location": response.url,
                "content-type": (response.headers.get("Content-Type") or b"").decode("latin-1"),
            },
        )
        if not parsed.entries:
            problem = f" ({parsed.bozo_exception})" if parsed.bozo else ""
            self.fail(f"{feed_name}: {response.url} är inget RSS/Atom-flöde med poster{problem}")
            return
        etag = response.headers.get("ETag")
        modified = response.headers.get("Last-Modified")
        self.validators[url] = (
            etag.decode("latin-1") if etag else None,
            modified.decode("latin-1") if modified else None,
        )
        for entry in parsed.entries:
            call = self.entry_call(entry, feed_name, response.url)
            if call is not None:
                yield call

    def closed(self, reason: str) -> None:
        """Save the validators, but only after a run without failures."""
        if self.failures or not getattr(self, "validators", None):
            return
        db = open_db(self.settings.get("EUFUNDS_DB_PATH"))
        with write_transaction(db):
            for url, (etag, modified) in self.validators.items():
                db["feed_state"].upsert(  # type: ignore[union-attr]
                    {
                        "url": url,
                        "source": self.name,
                        "etag": etag,
                        "last_modified": modified,
                        "checked_at": utc_now(),
                    },
                    pk="url",
                )
        db.conn.close()

    def _load_state(self) -> dict[str, tuple[str | None, str | None]]:
        path = self.settings.get("EUFUNDS_DB_PATH")
        if not path:
            return {}
        db = open_db(path)
        state = {
            row["url"]: (row["etag"], row["last_modified"])
            for row in db["feed_state"].rows_where("source = ?", [self.name])
        }
        db.conn.close()
        return state


def entry_kind(fields: dict[str, Any]) -> str:
    """What a feed entry is (call, news, …) from its categories, link and words.

    The hint "feed" lets :func:`crawler.kinds.record_kind` call an entry that invites nobody
    to apply news: feeds mix articles and calls, portal topics do not.
    """
    hints = ["feed", *fields["categories"], fields["url"] or ""]
    return record_kind(fields["title"], fields["text"], hints=hints)


def entry_fields(entry: Any, feed_url: str) -> dict[str, Any]:
    """Plain-text title and text, a safe link and the publication date of an entry
    (published, else updated; None when the entry has neither)."""
    content = entry.get("content") or []
    body = content[0].get("value") if content else entry.get("summary")
    link = safe_url(entry.get("link"), feed_url)
    published = entry.get("published_parsed")
    if not published and "updated_parsed" in entry:
        # Asked for when absent, feedparser answers with published_parsed and a warning that
        # it will stop doing so.
        published = entry.get("updated_parsed")
    if published and not MIN_YEAR <= published[0] <= MAX_YEAR:
        published = None  # a CMS default (1970) or a typo, not when the entry was published
    ident = clean(entry.get("id")) or link or ""
    if not ident:
        ident = hashlib.sha1(clean(entry.get("title")).encode("utf-8")).hexdigest()[:16]
    return {
        "id": ident,
        "title": clean(entry.get("title")),
        "text": html_to_text(body),
        "url": link,
        "published": iso_date("{:04d}-{:02d}-{:02d}".format(*published[:3])) if published else None,
        "categories": [clean(t.get("term")) for t in entry.get("tags") or [] if t.get("term")],
    }
