"""The real data the tests read in place (``EUFUNDS_SHARED``, default ``../shared``).

Real calls and captured responses were published by others: the repository never carries
them. A test that needs them asks :func:`shared_path`; on a clone without the folder the
test is skipped with one line naming what is missing, and under CI (``CI=true``) the
whole run stops instead (see ``conftest.py``), since CI always has the data.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.settings import shared_dir

SHARED = shared_dir()
CORPUS = SHARED / "calls" / "corpus.jsonl"
SAMPLES = SHARED / "samples"
EVAL_DEV = SHARED / "eval-dev"


def missing_reason() -> str | None:
    """Why the real data cannot be read, or None when it is there."""
    if not CORPUS.is_file():
        return (
            f"real data not found: {CORPUS} is missing "
            "(set EUFUNDS_SHARED to the folder holding calls/, samples/ and eval-dev/)"
        )
    return None


def shared_path(*parts: str) -> Path:
    """A file or folder under the shared data; skips the calling test when it is absent."""
    reason = missing_reason()
    if reason is not None:
        pytest.skip(reason)
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.fail(f"{path} is missing from the shared data at {SHARED}")
    return path
