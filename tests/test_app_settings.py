"""One list of settings: every EUFUNDS_* variable the code reads is in app/settings.py's
SETTINGS, and README's configuration table names exactly those."""

from __future__ import annotations

import re
from pathlib import Path

from app.settings import CRAWL_PROCESS_SETTINGS, SETTINGS
from crawler.runner import SOURCES

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("app", "crawler", "matcher", "notifier", "priorities", "db")
NAME = re.compile(r"EUFUNDS_[A-Z0-9_]*[A-Z0-9]")


def _readme_names() -> set[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    table = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    names: set[str] = set()
    for line in table.splitlines():
        if line.startswith("| `EUFUNDS_"):
            first_cell = line.split("|")[1]
            names.update(re.findall(r"`(EUFUNDS_[A-Z0-9_<>]+)`", first_cell))
    return names


def _code_names() -> set[str]:
    found: set[str] = set()
    for package in PACKAGES:
        for path in (REPO / package).rglob("*.py"):
            if path.name == "settings.py" and path.parent.name == "app":
                continue
            found.update(NAME.findall(path.read_text(encoding="utf-8")))
    return found


def test_readme_table_lists_exactly_the_settings() -> None:
    assert _readme_names() == {s.name for s in SETTINGS}


def test_every_variable_the_code_reads_is_listed() -> None:
    listed = {s.name for s in SETTINGS}
    source_urls = {f"EUFUNDS_{source.upper()}_URL" for source in SOURCES}
    unlisted = _code_names() - listed - source_urls - set(CRAWL_PROCESS_SETTINGS)
    assert unlisted == set(), f"add these to app/settings.py SETTINGS and README: {unlisted}"


def test_every_setting_has_a_default_and_a_meaning() -> None:
    for setting in SETTINGS:
        assert setting.default and setting.meaning and setting.read_by, setting
        assert (REPO / setting.read_by.split()[0]).exists(), setting.read_by
