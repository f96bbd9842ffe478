"""The slow tier names tests that exist (a renamed test must not silently join the fast tier)."""

from __future__ import annotations

from tests.conftest import REPO, SLOW


def test_every_slow_entry_names_an_existing_module_and_test() -> None:
    for entry in SLOW:
        path, _, name = entry.partition("::")
        module = REPO / path
        assert module.is_file(), f"{entry}: no such test module"
        if name:
            assert f"def {name}" in module.read_text(encoding="utf-8"), f"{entry}: no such test"
