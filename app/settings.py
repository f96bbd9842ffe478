"""Every setting of eufunds, in one list: the environment variables, their defaults and
meanings (:data:`SETTINGS`; README's *Configuration* table is tested against it).

Values are read when needed (never cached across tests). The clock (``EUFUNDS_TODAY``,
``EUFUNDS_NOW``) is read by :mod:`db.clock` so that the crawl subprocesses and the service
share it; the parts below ``app`` read their own variables where they use them (the
database, SMTP, the crawlers, the web view's links), and each is listed here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from db.clock import FIRST_YEAR, LAST_YEAR, STOCKHOLM, check_year, now, today
from db.errors import SettingError

REPO_ROOT = Path(__file__).resolve().parent.parent

__all__ = [
    "CRAWL_PROCESS_SETTINGS",
    "FIRST_YEAR",
    "LAST_YEAR",
    "REPO_ROOT",
    "SETTINGS",
    "STOCKHOLM",
    "Setting",
    "SettingError",
    "check_year",
    "now",
    "shared_dir",
    "today",
]


@dataclass(frozen=True)
class Setting:
    """One environment variable: its name, default and meaning, and who reads it."""

    name: str
    default: str
    meaning: str
    read_by: str


SETTINGS: tuple[Setting, ...] = (
    Setting("EUFUNDS_DB", "data/eufunds.db", "the SQLite database file", "db/connection.py"),
    Setting(
        "EUFUNDS_TODAY",
        "the real date (Stockholm)",
        "freeze 'today' (YYYY-MM-DD) for demos and tests",
        "db/clock.py",
    ),
    Setting(
        "EUFUNDS_NOW",
        "the real time",
        "freeze the clock serve and schedule decide their catch-up by",
        "db/clock.py",
    ),
    Setting(
        "EUFUNDS_DB_BUSY_TIMEOUT",
        "30",
        "seconds a write waits while another eufunds process writes",
        "db/connection.py",
    ),
    Setting(
        "EUFUNDS_PRIORITIES",
        "priorities/linkoping.yaml",
        "the priorities file",
        "app/active_priorities.py",
    ),
    Setting(
        "EUFUNDS_SMTP_HOST",
        "unset: .eml files",
        "SMTP server for the digests",
        "notifier/delivery.py",
    ),
    Setting(
        "EUFUNDS_SMTP_PORT",
        "465 with SSL, 587 with STARTTLS, else 25",
        "SMTP port",
        "notifier/delivery.py",
    ),
    Setting("EUFUNDS_SMTP_STARTTLS", "on for port 587", "1/0: STARTTLS", "notifier/delivery.py"),
    Setting("EUFUNDS_SMTP_SSL", "off", "1/0: TLS from the start", "notifier/delivery.py"),
    Setting("EUFUNDS_SMTP_USER", "none", "SMTP login (with the password)", "notifier/delivery.py"),
    Setting(
        "EUFUNDS_SMTP_PASSWORD", "none", "SMTP password (never logged)", "notifier/delivery.py"
    ),
    Setting(
        "EUFUNDS_SMTP_ALLOW_PLAIN_AUTH",
        "0",
        "1: allow the SMTP login without TLS (a trusted network only)",
        "notifier/delivery.py",
    ),
    Setting("EUFUNDS_SMTP_CAFILE", "system CAs", "an extra trusted CA", "notifier/delivery.py"),
    Setting(
        "EUFUNDS_MAIL_FROM",
        "eufunds <eufunds@localhost>",
        "the digests' sender",
        "notifier/delivery.py",
    ),
    Setting(
        "EUFUNDS_MODEL_DIR",
        "~/.cache/eufunds/multilingual-e5-small",
        "the converted embedding model",
        "matcher/model.py",
    ),
    Setting(
        "EUFUNDS_VECTOR_CACHE",
        "~/.cache/eufunds/vectors.db",
        "vectors `rank`, `eval` and `match` keep between runs (`off`: none)",
        "matcher/vector_cache.py",
    ),
    Setting(
        "EUFUNDS_<SOURCE>_URL",
        "the real site",
        "point one source's spider elsewhere (EUFUNDS_SEDIA_URL …)",
        "crawler/config.py",
    ),
    Setting(
        "EUFUNDS_INTERREG_KEY",
        "unset",
        "interreg.eu's public search key",
        "crawler/spiders/interreg.py",
    ),
    Setting(
        "EUFUNDS_FEEDS",
        "unset: no feeds",
        "the coordinator's RSS/Atom feeds",
        "crawler/spiders/feeds.py",
    ),
    Setting(
        "EUFUNDS_CONTACT",
        "linkopings.kommun@linkoping.se",
        "the contact address in the crawlers' User-Agent",
        "crawler/config.py",
    ),
    Setting(
        "EUFUNDS_CRAWL_DELAY",
        "1",
        "seconds between two requests to one site",
        "crawler/config.py",
    ),
    Setting("EUFUNDS_DOWNLOAD_TIMEOUT", "60", "seconds one request may take", "crawler/config.py"),
    Setting(
        "EUFUNDS_MAX_BYTES",
        "33554432 (32 MiB)",
        "the largest response a crawler reads",
        "crawler/config.py",
    ),
    Setting(
        "EUFUNDS_CRAWL_LOG_LEVEL", "WARNING", "scrapy's log level in a crawl", "crawler/config.py"
    ),
    Setting(
        "EUFUNDS_OUTBOX_DIR",
        "data/outbox/",
        "where digests go as .eml files when no SMTP is set",
        "notifier/delivery.py",
    ),
    Setting(
        "EUFUNDS_SHARED",
        "../shared",
        "the real data developers, CI and eufunds eval --dev-set read in place",
        "app/settings.py",
    ),
    Setting(
        "EUFUNDS_BASE_URL",
        "unset: no answer links",
        "the web view's address as readers reach it",
        "notifier/links.py",
    ),
    Setting(
        "EUFUNDS_SECRET_KEY",
        "generated into <database>.secret-key",
        "signs the answer links and the login cookie",
        "notifier/links.py",
    ),
    Setting(
        "EUFUNDS_ADMIN_PASSWORD",
        "unset: no login",
        "the login of the coordinator's and the priorities pages",
        "app/web/app.py",
    ),
)


# Not environment variables: scrapy settings the crawl runner hands each crawl subprocess.
CRAWL_PROCESS_SETTINGS = (
    "EUFUNDS_DB_PATH",
    "EUFUNDS_RUN_ID",
    "EUFUNDS_DEADLINE",
    "EUFUNDS_STATUS_FILE",
)


def shared_dir() -> Path:
    """The folder of real data that developers and CI read in place: ``EUFUNDS_SHARED``.

    It holds real calls (``calls/corpus.jsonl``), captured source responses (``samples/``)
    and the labelled development sets (``eval-dev/``). They were published by others, so
    the repository never carries a copy; tests, benchmarks and ``eufunds eval --dev-set``
    read them here. Default: ``shared`` next to the repository root (``../shared``).
    """
    value = os.environ.get("EUFUNDS_SHARED")
    return Path(value) if value else REPO_ROOT.parent / "shared"
