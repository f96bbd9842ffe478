"""Settings from environment variables, read when needed (never cached across tests)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def today() -> date:
    """Today's date; ``EUFUNDS_TODAY`` (YYYY-MM-DD) freezes it for demos and tests."""
    frozen = os.environ.get("EUFUNDS_TODAY")
    if frozen:
        return date.fromisoformat(frozen)
    return date.today()


def shared_dir() -> Path:
    """The folder of real data that developers and CI read in place: ``EUFUNDS_SHARED``.

    It holds real calls (``calls/corpus.jsonl``), captured source responses (``samples/``)
    and the labelled development sets (``eval-dev/``). They were published by others, so
    the repository never carries a copy; tests, benchmarks and ``eufunds eval --dev-set``
    read them here. Default: ``shared`` next to the repository root (``../shared``).
    """
    value = os.environ.get("EUFUNDS_SHARED")
    return Path(value) if value else REPO_ROOT.parent / "shared"
