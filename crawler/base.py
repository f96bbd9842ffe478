"""Base spiders: a source's identity, its requests with error capture, JSON and HTML helpers.

Each source module subclasses :class:`CallSpider` (or :class:`FeedSpider` in
:mod:`crawler.feedbase`), sets ``name`` (= module name = source key) and ``default_url`` and
yields :class:`db.records.Call` objects; :mod:`crawler.store` writes them. Failures (HTTP
errors after retries, timeouts, malformed answers, offsite redirects) are collected as
readable sentences in ``failures``; the run is failed if there is any, or if nothing was found.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from typing import Any

import scrapy
from scrapy import signals
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
)
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure

from crawler import config

logger = logging.getLogger(__name__)


class CallSpider(scrapy.Spider):
    """A spider for one funding source; subclasses set ``name`` and ``default_url``."""

    name = ""
    default_url = ""
    # A source that legitimately has nothing to say (no feeds configured, nothing modified).
    empty_ok: bool = False

    def __init__(self, *args: Any, base_url: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.base_url = (base_url or config.base_url(self.name, self.default_url)).rstrip("/")
        self.allowed_domains = [config.host(self.base_url)]
        self.failures: list[str] = []
        self.notes: list[str] = []

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> Any:
        """Scrapy's constructor hook; also watches for requests leaving the allowed sites."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.on_scheduled, signal=signals.request_scheduled)
        return spider

    def on_scheduled(self, request: scrapy.Request, spider: Any) -> None:
        """Record a request to another site (e.g. a redirect): scrapy drops it silently."""
        host = config.host(request.url)
        if host and not any(host == d or host.endswith("." + d) for d in self.allowed_domains):
            origin = request.meta.get("redirect_urls") or []
            via = f" (redirected from {origin[0]})" if origin else ""
            self.fail(f"{request.url}{via} leads to another site; not followed")

    # -- errors ---------------------------------------------------------------------------
    def fail(self, message: str) -> None:
        """Record a failure of this run (the run ends as failed, nothing is deleted)."""
        logger.error("%s: %s", self.name, message)
        self.failures.append(message)

    def on_error(self, failure: Failure) -> None:
        """Errback of every request: turn the failure into one readable sentence."""
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        self.fail(describe_failure(failure, url))

    # -- requests -------------------------------------------------------------------------
    def get(self, url: str, callback: Any, **kwargs: Any) -> scrapy.Request:
        """A request whose failures are recorded by :meth:`on_error` (unless overridden)."""
        kwargs.setdefault("errback", self.on_error)
        return scrapy.Request(url, callback=callback, **kwargs)

    def load_json(self, response: Response) -> Any:
        """The JSON body of ``response``; None (and a recorded failure) when malformed."""
        if not response.body.strip():
            self.fail(f"empty answer from {response.url} (expected JSON)")
            return None
        try:
            return json.loads(response.body)
        except ValueError as exc:
            self.fail(f"malformed JSON from {response.url}: {exc}")
            return None

    def expect(self, found: Iterable[Any], what: str, url: str) -> None:
        """Fail when a page that must list something lists nothing: its layout changed."""
        if not list(found):
            self.fail(
                f"no {what} found on {url}: the page layout may have changed; "
                f"update the {self.name} spider's selectors"
            )


def describe_failure(failure: Failure, url: str) -> str:
    """A readable reason for a failed request."""
    exc = failure.value
    if failure.check(HttpError):
        status = failure.value.response.status  # type: ignore[union-attr]
        return (
            f"HTTP {status} from {url} (after retries)"
            if status >= 500
            else (f"HTTP {status} from {url}")
        )
    if failure.check(TimeoutError, TCPTimedOutError, DownloadTimeoutError):
        return f"no answer from {url} in time ({exc.__class__.__name__}, after retries)"
    if failure.check(DNSLookupError, CannotResolveHostError):
        return f"cannot resolve the host of {url}; check the address or the network"
    if failure.check(ConnectionRefusedError, DownloadConnectionRefusedError):
        return f"connection refused by {url}; is the site up?"
    text = str(exc) or exc.__class__.__name__
    if "max size" in text or "maxsize" in text.lower():
        return f"answer from {url} is larger than the size cap: {text}"
    if "offsite" in text.lower():
        return f"{url} leads to another site; not followed ({text})"
    if "robots.txt" in text:
        return f"{url} is forbidden by the site's robots.txt; not fetched"
    return f"request to {url} failed: {exc.__class__.__name__}: {text}"
