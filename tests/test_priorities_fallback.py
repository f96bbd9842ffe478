"""The version store and the fallback: a broken priorities file never stops the service."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest
import sqlite_utils

from app.active_priorities import active_priorities, priorities_path, priorities_status
from db import open_db
from db.priorities_versions import find_version, latest_version, list_versions
from priorities import DEFAULT_FILE, PrioritiesInvalid, parse_priorities
from priorities.changes import compare_summaries, describe_changes
from tests.test_priorities_loader import MINIMAL

SECOND_PRIORITY = """\
  - id: skola
    rubrik: Utbyten i skolan
    beskrivning: Elever och lärare i utbyten.
    förvaltningar: [miljo]
"""


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> sqlite_utils.Database:
    monkeypatch.setenv("EUFUNDS_DB", str(tmp_path / "eufunds.db"))
    return open_db()


@pytest.fixture
def file(tmp_path: Path) -> Path:
    path = tmp_path / "prioriteringar.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    return path


def test_default_path_is_the_shipped_linkoping_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EUFUNDS_PRIORITIES", raising=False)
    assert priorities_path() == DEFAULT_FILE
    monkeypatch.setenv("EUFUNDS_PRIORITIES", "annan.yaml")
    assert priorities_path() == Path("annan.yaml")
    assert priorities_path("given.yaml") == Path("given.yaml")


def test_a_valid_file_is_stored_once(db: sqlite_utils.Database, file: Path) -> None:
    state = active_priorities(db, file, now="2026-11-20T06:00:00+00:00")
    assert not state.fallback and state.warning is None
    assert state.version_hash == state.priorities.version_hash
    active_priorities(db, file, now="2026-11-21T06:00:00+00:00")
    versions = list_versions(db)
    assert len(versions) == 1
    stored = versions[0]
    assert (stored.hash, stored.loaded_at, stored.path) == (
        state.version_hash,
        "2026-11-20T06:00:00+00:00",
        str(file),
    )
    assert stored.content == MINIMAL
    assert stored.summary["priorities"] == {"klimat-energi": "Klimatneutral kommun"}
    # The stored content reloads to the same version.
    assert parse_priorities(stored.content).version_hash == stored.hash
    assert find_version(db, stored.hash[:8]) == stored


def test_invalid_file_falls_back_to_the_last_valid_version(
    db: sqlite_utils.Database, file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    good = active_priorities(db, file, now="2026-11-20T06:00:00+00:00")
    file.write_text(MINIMAL.replace("rubrik:", "rubirk:"), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="eufunds.priorities"):
        state = active_priorities(db, file, now="2026-11-21T06:00:00+00:00")
    assert state.fallback
    assert state.version_hash == good.version_hash
    assert state.priorities.priorities[0].title == "Klimatneutral kommun"
    assert [str(i) for i in state.issues][1] == (
        f"{file}:10:5: okänd nyckel 'rubirk' i prioriteringen 'klimat-energi'; menade du 'rubrik'?"
    )
    assert state.warning == (
        f"Prioriteringsfilen {file} har 2 fel (första: {state.issues[0]}). Tjänsten använder "
        f"den senaste giltiga versionen {good.version_hash[:12]} från 2026-11-20. Rätta "
        f"filen; kontrollera med: eufunds priorities check {file}"
    )
    # The log has the warning and every error of the file, in Swedish.
    assert state.warning in caplog.text
    assert "okänd nyckel 'rubirk'" in caplog.text
    # Nothing invalid was stored.
    assert len(list_versions(db)) == 1


def test_back_to_the_file_as_soon_as_it_is_valid(db: sqlite_utils.Database, file: Path) -> None:
    first = active_priorities(db, file)
    file.write_text("kommun: [", encoding="utf-8")
    assert active_priorities(db, file).fallback
    file.write_text(MINIMAL + SECOND_PRIORITY, encoding="utf-8")
    state = active_priorities(db, file)
    assert not state.fallback and state.warning is None
    assert state.version_hash != first.version_hash
    assert [p.id for p in state.priorities.priorities] == ["klimat-energi", "skola"]
    assert [v.hash for v in list_versions(db)] == [first.version_hash, state.version_hash]
    # Going back to the first file is a new entry in the history.
    file.write_text(MINIMAL, encoding="utf-8")
    active_priorities(db, file)
    latest = latest_version(db)
    assert latest is not None and latest.hash == first.version_hash
    assert len(list_versions(db)) == 3


def test_invalid_file_with_nothing_stored_raises(db: sqlite_utils.Database, file: Path) -> None:
    file.write_text("", encoding="utf-8")
    with pytest.raises(PrioritiesInvalid):
        active_priorities(db, file)
    status = priorities_status(db, file)
    assert status["usable"] is False and status["version_hash"] is None
    assert status["warning"] == (
        f"Prioriteringsfilen {file} har 1 fel och ingen giltig version finns sparad: ingen "
        f"matchning kan göras. Kontrollera med: eufunds priorities check {file}"
    )


def test_missing_file_falls_back_too(db: sqlite_utils.Database, file: Path, tmp_path: Path) -> None:
    good = active_priorities(db, file)
    state = active_priorities(db, tmp_path / "borttagen.yaml")
    assert state.fallback and state.version_hash == good.version_hash
    assert "filen finns inte" in (state.warning or "")


def test_changes_between_versions() -> None:
    old = parse_priorities(MINIMAL).summary()
    new_text = (MINIMAL + SECOND_PRIORITY).replace("id: mbn-1", "id: mbn-2")
    new = parse_priorities(new_text).summary()
    assert compare_summaries(old, new) == {
        "priorities": {"added": ["skola"], "removed": [], "renamed": []},
        "goals": {"added": ["mbn-2"], "removed": ["mbn-1"], "renamed": []},
        "departments": {"added": [], "removed": [], "renamed": []},
    }
    assert describe_changes(old, new) == (
        "+ prioriteringar: skola; + nämndmål: mbn-2; − nämndmål: mbn-1"
    )
    assert describe_changes(None, old) == (
        "första versionen (1 prioriteringar, 1 nämndmål, 1 förvaltningar)"
    )
    assert describe_changes(old, old) == (
        "samma prioriteringar, nämndmål och förvaltningar (ändrad text)"
    )


def test_processes_loading_the_same_new_file_store_it_once(
    db: sqlite_utils.Database, file: Path
) -> None:
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def load() -> None:
        own = open_db()  # each worker has its own connection, as separate processes would
        barrier.wait()
        try:
            active_priorities(own, file)
        except BaseException as exc:  # collected: an exception in a thread is not a failure
            errors.append(exc)

    threads = [threading.Thread(target=load) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(list_versions(db)) == 1
