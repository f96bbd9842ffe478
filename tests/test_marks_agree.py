"""The users of the marks rule agree: the digests and the coordinator's lists (search,
deadlines, export) hide the same calls, because both ask db/marks.py."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from db import open_db
from notifier.digest import COORDINATOR, collect_digest
from priorities import load_priorities
from tests import coordinator_world
from tests.coordinator_world import PRIORITIES, TODAY, WATER

corpus_template = coordinator_world.corpus_template
world = coordinator_world.world


def _ok(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


def _in_digest(path: Path, department: str | None) -> bool:
    db = open_db(path)
    digest = collect_digest(
        db,
        load_priorities(PRIORITIES),
        department or COORDINATOR,
        "2026-W10",
        date.fromisoformat(TODAY),
        now="2026-03-02T06:00:00+00:00",
    )
    db.conn.close()
    return any(WATER in ids for ids in digest.section_ids().values())


def _in_lists(department: str | None) -> dict[str, bool]:
    scope = ["--department", department] if department else []
    deadlines = json.loads(_ok("deadlines", "--json", *scope))
    found = json.loads(_ok("search", "water infrastructures", "--json", "--limit", "50", *scope))
    exported = json.loads(_ok("export", "--format", "json", *scope))
    return {
        "deadlines": WATER in [r["id"] for r in deadlines],
        "search": WATER in [r["id"] for r in found],
        "export": WATER in [r["id"] for r in exported],
    }


@pytest.mark.parametrize(
    ("department", "shown"),
    [(None, True), ("tekniska-verken", True), ("miljo-samhallsbyggnad", False)],
)
def test_not_relevant_for_all_then_interested_for_one(
    world: Path, department: str | None, shown: bool
) -> None:
    """The issue's example: not-relevant for everyone, then interested for one department.
    That department and the coordinator (who sees every department's calls) keep the call;
    every other department loses it, in its digest and in its lists alike."""
    _ok("mark", WATER, "--as", "not-relevant")
    _ok("mark", WATER, "--as", "interested", "--department", "tekniska-verken")
    assert _in_digest(world, department) is shown
    assert _in_lists(department) == {"deadlines": shown, "search": shown, "export": shown}


def test_not_relevant_for_all_hides_everywhere(world: Path) -> None:
    _ok("mark", WATER, "--as", "interested", "--department", "tekniska-verken")
    _ok("mark", WATER, "--as", "not-relevant")  # later, for everyone: overrides
    for department in (None, "tekniska-verken", "miljo-samhallsbyggnad"):
        assert not _in_digest(world, department)
        assert not any(_in_lists(department).values())
