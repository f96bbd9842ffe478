"""Shared fixtures: a fresh database file per test, the real call corpus (read in place)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.shared_data import missing_reason, shared_path

REPO = Path(__file__).resolve().parent.parent


def pytest_sessionstart(session: pytest.Session) -> None:
    """Under CI the real data must be there: its absence fails the run instead of skipping.

    The vectors `eufunds rank` keeps between runs go to a file of this test run's own (its
    processes inherit it), never to the user's cache: a test sees no vector an earlier test
    run or another program left there."""
    folder = tempfile.mkdtemp(prefix="eufunds-test-vectors-")
    os.environ["EUFUNDS_VECTOR_CACHE"] = str(Path(folder) / "vectors.db")
    session.config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
    reason = missing_reason()
    if reason is not None and os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.exit(f"CI needs the shared real data: {reason}", returncode=3)


# The slow tier (`make test-fast` leaves it out; `make test` runs everything): whole modules
# and single tests that take seconds to minutes on the 2-core machine (the real model, real
# crawl and service processes, a browser), as `pytest --durations` measured them. A test can
# also carry @pytest.mark.slow itself.
SLOW = (
    "tests/test_faults_service.py",
    "tests/test_matcher_pipeline.py",
    "tests/test_matcher_model.py",
    "tests/test_matcher_rank.py",
    "tests/test_vector_cache.py",
    "tests/test_web_browser.py",
    "tests/test_crawler_replay.py",
    "tests/test_crawler_faults.py",
    "tests/test_app_run.py",
    "tests/test_app_weekly.py::test_invented_calls_matched_by_the_model_reach_the_departments",
    "tests/test_crawler_sedia.py::test_a_cut_crawl_is_partial",
    "tests/test_crawler_sedia.py::test_a_run_stopped_from_outside_says_what_it_left",
    "tests/test_crawler_sedia.py::test_topic_details_that_stall_half_way",
    "tests/test_crawler_demo.py::test_statuses_on_any_anchor_date_include_every_state",
    "tests/test_faults_smtp.py::test_a_stop_cuts_a_stalled_delivery_short",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests in :data:`SLOW` are marked ``slow``; tests marked ``shared`` are skipped, with
    one line, when the real data is absent."""
    slow = pytest.mark.slow
    for item in items:
        if item.nodeid.startswith(SLOW):
            item.add_marker(slow)
    reason = missing_reason()
    if reason is None:
        return
    skip = pytest.mark.skip(reason=reason)
    for item in items:
        if item.get_closest_marker("shared"):
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line per skip reason with its count, e.g. the tests that need the real data."""
    reasons: dict[str, int] = {}
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        reason = reason.removeprefix("Skipped: ")
        reasons[reason] = reasons.get(reason, 0) + 1
    for reason, count in sorted(reasons.items()):
        terminalreporter.write_line(f"SKIPPED {count} test(s): {reason}")


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
