"""The database every part of eufunds meets in: SQLite through sqlite-utils.

``db`` imports nothing else of the project. Crawlers, matcher and notifier read and write
through the functions here and share the typed records of :mod:`db.records`.
"""

from __future__ import annotations

from db.connection import (
    DatabaseError,
    database_exists,
    default_db_path,
    open_db,
    vanished_databases,
    write_transaction,
)
from db.records import Call, Change, CrawlRun
from db.validate import InvalidRecord

__all__ = [
    "Call",
    "Change",
    "CrawlRun",
    "DatabaseError",
    "InvalidRecord",
    "database_exists",
    "default_db_path",
    "open_db",
    "vanished_databases",
    "write_transaction",
]
