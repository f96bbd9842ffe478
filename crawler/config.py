"""Crawl settings: polite scrapy settings, per-source base URLs, the frozen "today".

Everything is read from environment variables when needed, so that the runner can hand a
subprocess its own values (a replay server's address, a shorter timeout) without files.
"""

from __future__ import annotations

import os
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from db import clock

DEFAULT_CONTACT = "linkopings.kommun@linkoping.se"
DEFAULT_MAX_BYTES = 32 * 1024 * 1024  # the biggest real answer (a SEDIA page) is ~2 MB
DEFAULT_DOWNLOAD_TIMEOUT = 60.0
DEFAULT_DELAY = 1.0


def user_agent() -> str:
    """The User-Agent every request carries: product, version and a contact address."""
    contact = os.environ.get("EUFUNDS_CONTACT") or DEFAULT_CONTACT
    return f"eufunds/0.1 (EU funding monitor for Swedish municipalities; contact: {contact})"


def base_url(source: str, default: str) -> str:
    """The source's base URL: ``EUFUNDS_<SOURCE>_URL`` if set, else ``default``.

    Tests and the replay demo point a real spider at a local server this way.
    """
    value = os.environ.get(f"EUFUNDS_{source.upper()}_URL") or default
    return value.rstrip("/")


def host(url: str) -> str:
    """The host name of ``url`` (no port), for scrapy's offsite filter."""
    return urlsplit(url).hostname or ""


def today() -> date:
    """Today's date; ``EUFUNDS_TODAY`` (YYYY-MM-DD) freezes it, as everywhere in eufunds
    (one clock: :func:`db.clock.today`)."""
    return clock.today()


def _float_env(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


def scrapy_settings() -> dict[str, Any]:
    """Scrapy settings for every spider: polite, bounded and safe by default.

    ``EUFUNDS_CRAWL_DELAY`` (seconds between requests to one domain),
    ``EUFUNDS_DOWNLOAD_TIMEOUT`` (seconds) and ``EUFUNDS_MAX_BYTES`` (response size cap)
    tune it; the replay runs against loopback with no delay.
    """
    delay = _float_env("EUFUNDS_CRAWL_DELAY", DEFAULT_DELAY)
    max_bytes = int(_float_env("EUFUNDS_MAX_BYTES", DEFAULT_MAX_BYTES))
    return {
        "USER_AGENT": user_agent(),
        "ROBOTSTXT_OBEY": True,
        # robots.txt for every request, also when several to one host start together
        # (scrapy's own middleware lets the third and later through unchecked).
        "DOWNLOADER_MIDDLEWARES": {
            "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
            "crawler.robots.RobotsForEveryRequest": 100,
        },
        # One request at a time per site, spaced out and slowed further when it answers slowly.
        "CONCURRENT_REQUESTS": 4,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "DOWNLOAD_DELAY": delay,
        "DOWNLOAD_DELAY_JITTER": 0.5 if delay > 0 else 0,
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": max(delay, 0.01),
        "AUTOTHROTTLE_MAX_DELAY": 30.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": 2,
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
        "DOWNLOAD_TIMEOUT": _float_env("EUFUNDS_DOWNLOAD_TIMEOUT", DEFAULT_DOWNLOAD_TIMEOUT),
        "DOWNLOAD_MAXSIZE": max_bytes,
        "DOWNLOAD_WARNSIZE": max_bytes // 2,
        "REDIRECT_MAX_TIMES": 5,
        # Only http(s): crawled pages must never make us read local files or inline data.
        "DOWNLOAD_HANDLERS": {"file": None, "data": None, "s3": None, "ftp": None},
        # Verify certificates (scrapy's default accepts any certificate).
        "DOWNLOAD_VERIFY_CERTIFICATES": True,
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,  # no control port on a server that crawls
        "HTTPCACHE_ENABLED": False,
        "LOG_LEVEL": os.environ.get("EUFUNDS_CRAWL_LOG_LEVEL", "WARNING"),
        "ITEM_PIPELINES": {"crawler.store.StorePipeline": 100},
    }
