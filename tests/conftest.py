"""Shared fixtures: a fresh database file per test, the real call corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "datasets" / "calls" / "corpus.jsonl"


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database path in a temporary folder, set as EUFUNDS_DB."""
    path = tmp_path / "eufunds.db"
    monkeypatch.setenv("EUFUNDS_DB", str(path))
    monkeypatch.delenv("EUFUNDS_TODAY", raising=False)
    return path


@pytest.fixture
def corpus_lines() -> list[str]:
    """The real corpus, one JSON line per call."""
    return CORPUS.read_text(encoding="utf-8").splitlines()
