"""Exit codes of the ``eufunds`` command (documented in README.md)."""

from __future__ import annotations

OK = 0
FAILED = 1  # a runtime error (database, file), or an import with failed lines
USAGE = 2  # bad arguments or input: unknown id, bad date, empty query
PRIORITIES_INVALID = 3  # the priorities file has errors
OUTBOX_FAILED = 4  # messages failed or stuck in the outbox
CRAWL_FAILED = 5  # at least one source failed
