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
    if failure.check(TimeoutError, TCPTimedOutError):
        return f"no answer from {url} in time ({exc.__class__.__name__}, after retries)"
    if failure.check(DNSLookupError):
        return f"cannot resolve the host of {url}; check the address or the network"
    if failure.check(ConnectionRefusedError):
        return f"connection refused by {url}; is the site up?"
    text = str(exc) or exc.__class__.__name__
    if "max size" in text or "maxsize" in text.lower():
        return f"answer from {url} is larger than the size cap: {text}"
    if "offsite" in text.lower():
        return f"{url} leads to another site; not followed ({text})"
    if "robots.txt" in text:
        return f"{url} is forbidden by the site's robots.txt; not fetched"
    return f"request to {url} failed: {exc.__class__.__name__}: {text}"
