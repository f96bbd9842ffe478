"""Where the benchmarks find the real calls: read in place in the shared data, never copied."""

from __future__ import annotations

import sys
from pathlib import Path

from app.settings import shared_dir


def real_corpus() -> Path:
    """The real corpus (``$EUFUNDS_SHARED/calls/corpus.jsonl``); exits 2 when it is absent."""
    corpus = shared_dir() / "calls" / "corpus.jsonl"
    if not corpus.is_file():
        print(
            f"benchmark needs the real calls: {corpus} not found; set EUFUNDS_SHARED to the "
            "folder that holds calls/corpus.jsonl",
            file=sys.stderr,
        )
        raise SystemExit(2)
    return corpus
