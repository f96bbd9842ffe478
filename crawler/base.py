"""Base spiders: a source's identity, its requests with error capture, JSON and HTML helpers.

Each source module subclasses :class:`CallSpider` (or :class:`FeedSpider` in
:mod:`crawler.feedbase`), sets ``name`` (= module name = source key) and ``default_url`` and
yields :class:`db.records.Call` objects; :mod:`crawler.store` writes them. Failures (HTTP
errors after retries, timeouts, malformed answers, offsite redirects) are collected as
readable sentences in ``failures``; the run is failed if there is any, or if nothing was found.
The sentences are Swedish, as ``eufunds crawl`` and ``eufunds sources`` show them (docs/cli.md,
*Språket*); a URL and what a server or library said are quoted as they are after our words.
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
            via = f" (omdirigerad från {origin[0]})" if origin else ""
            self.fail(f"{request.url}{via} leder till en annan webbplats; följs inte")

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
            self.fail(f"tomt svar från {response.url} (JSON väntades)")
            return None
        try:
            return json.loads(response.body)
        except ValueError as exc:
            self.fail(f"felaktig JSON från {response.url}: {exc}")
            return None

    def expect(self, found: Iterable[Any], what: str, url: str) -> None:
        """Fail when a page that must list something lists nothing: its layout changed."""
        if not list(found):
            self.fail(
                f"inga {what} hittades på {url}: sidans uppbyggnad kan ha ändrats; "
                f"uppdatera selektorerna i insamlaren för {self.name}"
            )


def describe_failure(failure: Failure, url: str) -> str:
    """A readable reason for a failed request."""
    exc = failure.value
    if failure.check(HttpError):
        status = failure.value.response.status  # type: ignore[union-attr]
        return (
            f"HTTP {status} från {url} (efter nya försök)"
            if status >= 500
            else (f"HTTP {status} från {url}")
        )
    if failure.check(TimeoutError, TCPTimedOutError, DownloadTimeoutError):
        return f"inget svar från {url} i tid ({exc.__class__.__name__}, efter nya försök)"
    if failure.check(DNSLookupError, CannotResolveHostError):
        return f"värdnamnet i {url} går inte att slå upp; kontrollera adressen eller nätverket"
    if failure.check(ConnectionRefusedError, DownloadConnectionRefusedError):
        return f"{url} vägrade anslutningen; är webbplatsen uppe?"
    text = str(exc) or exc.__class__.__name__
    if "max size" in text or "maxsize" in text.lower():
        return f"svaret från {url} är större än storleksgränsen: {text}"
    if "offsite" in text.lower():
        return f"{url} leder till en annan webbplats; följs inte ({text})"
    if "robots.txt" in text:
        return f"{url} förbjuds av webbplatsens robots.txt; hämtades inte"
    return f"anropet till {url} misslyckades: {exc.__class__.__name__}: {text}"
