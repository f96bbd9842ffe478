"""Settings from environment variables, read when needed (never cached across tests)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATASETS = REPO_ROOT / "datasets"
CORPUS = DATASETS / "calls" / "corpus.jsonl"


def today() -> date:
    """Today's date; ``EUFUNDS_TODAY`` (YYYY-MM-DD) freezes it for demos and tests."""
    frozen = os.environ.get("EUFUNDS_TODAY")
    if frozen:
        return date.fromisoformat(frozen)
    return date.today()
