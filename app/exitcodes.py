"""Exit codes of the ``eufunds`` command (documented in README.md); they live with the error
classes that carry them (:mod:`db.errors`)."""

from __future__ import annotations

from db.errors import (
    CRAWL_FAILED,
    FAILED,
    OK,
    OUTBOX_FAILED,
    PRIORITIES_INVALID,
    USAGE,
)

__all__ = ["CRAWL_FAILED", "FAILED", "OK", "OUTBOX_FAILED", "PRIORITIES_INVALID", "USAGE"]
