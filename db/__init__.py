"""The database every part of eufunds meets in: SQLite through sqlite-utils.

``db`` imports nothing else of the project. Crawlers, matcher and notifier read and write
through the functions here and share the typed records of :mod:`db.records`.
"""

from __future__ import annotations

from db.connection import DatabaseError, default_db_path, open_db
from db.records import Call, Change, CrawlRun

__all__ = ["Call", "Change", "CrawlRun", "DatabaseError", "default_db_path", "open_db"]
