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
from db.matches import included_count
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
    matched = json.loads(_ok("matches", "--json", "--all", "--limit", "500", *scope))
    return {
        "deadlines": WATER in [r["id"] for r in deadlines],
        "search": WATER in [r["id"] for r in found],
        "export": WATER in [r["id"] for r in exported],
        "matches": WATER in [r["call"] for r in matched],
    }


def _match_lines() -> str:
    """The lines of ``eufunds show`` that say where the water call's match goes."""
    lines = [line for line in _ok("show", WATER).splitlines() if line.startswith("- ")]
    assert lines, "the water call has a match"
    return "\n".join(lines)


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
    assert _in_lists(department) == dict.fromkeys(
        ("deadlines", "search", "export", "matches"), shown
    )


def test_not_relevant_for_all_hides_everywhere(world: Path) -> None:
    _ok("mark", WATER, "--as", "interested", "--department", "tekniska-verken")
    _ok("mark", WATER, "--as", "not-relevant")  # later, for everyone: overrides
    for department in (None, "tekniska-verken", "miljo-samhallsbyggnad"):
        assert not _in_digest(world, department)
        assert not any(_in_lists(department).values())


def _counted(path: Path) -> int:
    db = open_db(path)
    try:
        return included_count(db)
    finally:
        db.conn.close()


def test_show_says_which_digests_a_mark_keeps_a_match_from(world: Path) -> None:
    """The match stays stored (the matcher included it); show says the mark keeps it from
    the digests, and from which departments' when only some marked it not relevant. The
    count of matches that go into digests (what ``eufunds match`` reports) agrees."""
    assert "med i utskick; förvaltningar tekniska-verken, miljo-samhallsbyggnad" in _match_lines()
    sent = _counted(world)
    _ok("mark", WATER, "--as", "not-relevant")
    assert "ej med i utskick: markerad inte relevant;" in _match_lines()
    assert _counted(world) == sent - 1
    _ok("mark", WATER, "--as", "interested", "--department", "tekniska-verken")
    assert (
        "med i utskick, utom för miljo-samhallsbyggnad (markerad inte relevant);" in _match_lines()
    )
    assert _counted(world) == sent
