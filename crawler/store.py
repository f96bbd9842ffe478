"""The item pipeline: every Call a spider yields is completed (:func:`crawler.facts.complete`)
and goes through db.calls.store_call.

Each call is stored in its own short transaction, so a crawl cut off by its time limit keeps
what it already found; nothing here ever deletes or closes a call.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler import config
from crawler.facts import complete
from crawler.text import safe_url
from db import open_db
from db.calls import store_call, utc_now
from db.connection import write_transaction
from db.records import Call

logger = logging.getLogger(__name__)


class StorePipeline:
    """Writes calls into the crawl run ``EUFUNDS_RUN_ID`` of the database ``EUFUNDS_DB_PATH``."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.db_path = crawler.settings.get("EUFUNDS_DB_PATH")
        self.run_id = crawler.settings.getint("EUFUNDS_RUN_ID") or None
        self.today = config.today()
        self.counts = {"items": 0, "new": 0, "changed": 0, "unchanged": 0}
        self.seen: set[str] = set()
        self.db: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        """Scrapy's constructor hook."""
        return cls(crawler)

    def open_spider(self) -> None:
        """Open the database (migrations included) once per crawl."""
        self.db = open_db(self.db_path)

    def close_spider(self) -> None:
        """Hand the counts to the runner through the crawl stats."""
        stats = self.crawler.stats
        if stats is not None:
            for key, value in self.counts.items():
                stats.set_value(f"eufunds/{key}", value)
        if self.db is not None:
            self.db.conn.close()

    def process_item(self, item: Any) -> Any:
        """Validate one call and store it (versions and typed changes included)."""
        if not isinstance(item, Call):
            raise DropItem(f"ingen utlysning (Call) utan {type(item).__name__}")
        if not item.title.strip():
            raise DropItem(f"{item.key}: titel saknas")
        if item.key in self.seen:
            # One record per call and crawl: the spider merges duplicates; a second copy
            # would only count twice.
            raise DropItem(f"{item.key}: finns redan i denna insamling")
        self.seen.add(item.key)
        item.url = safe_url(item.url)
        # Kind, applicant types, budget meaning and dates the source left in prose: every
        # spider's calls pass here, so none is stored without them.
        complete(item)
        with write_transaction(self.db):
            result = store_call(
                self.db, item, today=self.today, now=utc_now(), crawl_run_id=self.run_id
            )
        self.counts["items"] += 1
        # A call whose words were only read anew did not change at the source.
        self.counts["unchanged" if result.outcome == "reread" else result.outcome] += 1
        return item
