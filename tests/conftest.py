"""Shared fixtures: a fresh database file per test, the real call corpus (read in place)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.shared_data import missing_reason, shared_path

REPO = Path(__file__).resolve().parent.parent


def pytest_sessionstart(session: pytest.Session) -> None:
    """Under CI the real data must be there: its absence fails the run instead of skipping."""
    reason = missing_reason()
    if reason is not None and os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.exit(f"CI needs the shared real data: {reason}", returncode=3)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``shared`` are skipped, with one line, when the real data is absent."""
    reason = missing_reason()
    if reason is None:
        return
    skip = pytest.mark.skip(reason=reason)
    for item in items:
        if item.get_closest_marker("shared"):
            item.add_marker(skip)


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database path in a temporary folder, set as EUFUNDS_DB."""
    path = tmp_path / "eufunds.db"
    monkeypatch.setenv("EUFUNDS_DB", str(path))
    monkeypatch.delenv("EUFUNDS_TODAY", raising=False)
    # Digests get answer links only when a test asks for them.
    monkeypatch.delenv("EUFUNDS_BASE_URL", raising=False)
    monkeypatch.delenv("EUFUNDS_SECRET_KEY", raising=False)
    return path


@pytest.fixture
def corpus_lines() -> list[str]:
    """The real corpus, one JSON line per call (in the shared data; skips without it)."""
    return shared_path("calls", "corpus.jsonl").read_text(encoding="utf-8").splitlines()
