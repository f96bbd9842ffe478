"""The vectors `eufunds rank` keeps between runs: the real model, a real SQLite file, and
calls written here (nothing from the shared data)."""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path
from typing import ClassVar

import numpy as np
import pytest
from click.testing import CliRunner

from app.cli import cli
from db import vector_store
from matcher.encoders import SentenceTransformerEncoder
from matcher.rank import rank
from matcher.vector_cache import CACHE_ENV, CachedEncoder, cache_path, fingerprint
from priorities import load_priorities

REPO = Path(__file__).resolve().parent.parent
PRIORITIES = REPO / "priorities" / "exempel.yaml"
TODAY = date(2026, 12, 1)
TEXTS = [
    "Kommuner kan söka stöd för laddinfrastruktur och elbussar i kollektivtrafiken.",
    "Projects test nature-based solutions against urban heat in school yards.",
    "Skolor och lärare byter erfarenheter med partnerskolor i andra länder.",
]


class Recording:
    """The real encoder, noting which texts reached it (the model runs for each of them)."""

    def __init__(self) -> None:
        self.real = SentenceTransformerEncoder()
        self.seen: list[str] = []

    def passages(self, texts: list[str]) -> np.ndarray:
        self.seen += texts
        return self.real.passages(texts)

    def queries(self, texts: list[str]) -> np.ndarray:
        self.seen += texts
        return self.real.queries(texts)


def _cached(path: Path | None, encoder: str = "st") -> tuple[CachedEncoder, Recording]:
    inner = Recording()
    return CachedEncoder(inner, path, fingerprint(encoder)), inner


def test_a_later_encoder_on_the_same_file_encodes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "vectors.db"
    first, inner = _cached(path)
    vectors = first.passages(TEXTS)
    first.close()
    assert inner.seen == TEXTS
    # A first run's vectors are the very bits of an encoder without the cache.
    assert np.array_equal(vectors, SentenceTransformerEncoder().passages(TEXTS))

    again, inner = _cached(path)
    assert np.array_equal(again.passages(TEXTS), vectors)
    assert inner.seen == []
    assert (again.hits, again.encoded) == (3, 0)


def test_only_texts_not_seen_reach_the_model_in_their_order_repeats_too(tmp_path: Path) -> None:
    encoder, inner = _cached(tmp_path / "vectors.db")
    encoder.passages(TEXTS[:1])
    new = "Ungdomar i föreningar planerar utbyten med unga i Polen."
    vectors = encoder.passages([TEXTS[0], new, TEXTS[1], new])
    assert inner.seen == [TEXTS[0], new, TEXTS[1], new]
    assert np.array_equal(vectors[1], vectors[3])
    assert vectors.shape == (4, 384) and vectors.dtype == np.float32


def test_queries_passages_and_other_encoders_are_kept_apart(tmp_path: Path) -> None:
    path = tmp_path / "vectors.db"
    encoder, inner = _cached(path)
    passage = encoder.passages(TEXTS[:1])
    query = encoder.queries(TEXTS[:1])
    assert inner.seen == TEXTS[:1] * 2  # the same text as a query is another vector
    assert not np.allclose(passage, query)
    encoder.close()
    other, inner = _cached(path, encoder="engine")
    other.passages(TEXTS[:1])
    assert inner.seen == TEXTS[:1]


@pytest.mark.parametrize("kind", ["folder is a file", "not a database"])
def test_an_unusable_cache_is_named_once_and_the_vectors_still_come(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, kind: str
) -> None:
    if kind == "folder is a file":
        (tmp_path / "cache").write_text("a file where the folder should be", encoding="utf-8")
        path = tmp_path / "cache" / "vectors.db"
    else:
        path = tmp_path / "vectors.db"
        path.write_bytes(b"these bytes are no SQLite database " * 100)
    encoder, _ = _cached(path)
    with caplog.at_level(logging.WARNING, logger="eufunds.matcher"):
        vectors = encoder.passages(TEXTS)
        encoder.queries(TEXTS)
    assert np.array_equal(vectors, SentenceTransformerEncoder().passages(TEXTS))
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1, warnings
    assert str(path) in warnings[0] and CACHE_ENV in warnings[0]
    if kind == "not a database":  # what was there is left as it was
        assert path.read_bytes() == b"these bytes are no SQLite database " * 100


def test_where_the_cache_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_path() == tmp_path / "eufunds" / "vectors.db"
    for off in ("off", "OFF", "0", ""):
        monkeypatch.setenv(CACHE_ENV, off)
        assert cache_path() is None
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "x.db"))
    assert cache_path() == tmp_path / "x.db"


def test_a_model_in_another_folder_gets_keys_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EUFUNDS_MODEL_DIR", str(tmp_path / "one"))
    one = fingerprint("st")
    monkeypatch.setenv("EUFUNDS_MODEL_DIR", str(tmp_path / "other"))
    assert fingerprint("st") != one
    assert fingerprint("st") != fingerprint("engine")


def test_the_file_keeps_the_newest_vectors_up_to_its_bound(tmp_path: Path) -> None:
    conn = vector_store.open_store(tmp_path / "vectors.db")
    vector = {bytes([n]): np.full(384, n, dtype=np.float32) for n in range(6)}
    vector_store.store(conn, {k: vector[k] for k in list(vector)[:2]}, keep=3)
    vector_store.store(conn, {bytes([0]): vector[bytes([0])]}, keep=3)  # there already
    vector_store.store(conn, {k: vector[k] for k in list(vector)[2:5]}, keep=3)
    assert sorted(vector_store.lookup(conn, list(vector))) == [bytes([n]) for n in (2, 3, 4)]
    vector_store.store(conn, {bytes([5]): vector[bytes([5])]}, keep=3)
    kept = vector_store.lookup(conn, list(vector))
    assert sorted(kept) == [bytes([n]) for n in (3, 4, 5)]
    assert np.array_equal(kept[bytes([5])], vector[bytes([5])])
    conn.close()


def _calls_file(folder: Path) -> Path:
    """Four calls written for this test, in the corpus format."""
    subjects = [
        ("Laddinfrastruktur", "Kommuner bygger laddplatser och elbussdepåer."),
        ("Skolutbyten", "Skolor byter lärare och elever med skolor i andra länder."),
        ("Gröna skolgårdar", "Städer ersätter asfalt med träd och regnbäddar mot värme."),
        ("Biogas", "Reningsverk gör biogas av avloppsslam och matavfall."),
    ]
    path = folder / "calls.jsonl"
    lines = [
        json.dumps(
            {
                "id": f"TEST-{n}",
                "title": title,
                "programme": "Testprogrammet",
                "description": text,
                "url": f"https://example.org/calls/{n}",
            },
            ensure_ascii=False,
        )
        for n, (title, text) in enumerate(subjects, start=1)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_second_ranking_of_the_same_calls_encodes_nothing(tmp_path: Path) -> None:
    calls, priorities = _calls_file(tmp_path), load_priorities(PRIORITIES)
    path = tmp_path / "vectors.db"
    first, inner = _cached(path)
    rows = list(rank(calls, priorities, encoder=first))
    first.close()
    assert inner.seen  # passages, priorities, facets and search terms
    again, inner = _cached(path)
    assert list(rank(calls, priorities, encoder=again)) == rows
    assert inner.seen == []


def test_eufunds_rank_keeps_its_vectors_where_the_setting_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _calls_file(tmp_path)
    path = tmp_path / "kept" / "vectors.db"
    args = ["rank", "--priorities", str(PRIORITIES), "--calls", str(calls), "--json"]
    outputs, files = [], []
    for setting in (str(path), str(path), "off"):
        monkeypatch.setenv(CACHE_ENV, setting)
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        outputs.append(result.stdout)
        files.append(path.read_bytes())  # made where the setting says, by the first run
    assert outputs[0] == outputs[1] == outputs[2]
    conn = vector_store.open_store(path)
    assert conn.execute("select count(*) from vectors").fetchone()[0] > 4  # passages, queries
    conn.close()
    # Neither the second run nor one with the cache off changes the file (that the second
    # encodes nothing is test_a_second_ranking_of_the_same_calls_encodes_nothing's).
    assert files[0] == files[1] == files[2]
    assert len(outputs[0].splitlines()) == 4 * len(load_priorities(PRIORITIES).priorities)


def test_a_new_database_gets_the_vectors_an_earlier_match_embedded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from db import open_db
    from db.calls import store_call
    from db.jsonl import read_calls
    from matcher import vector_cache
    from matcher.pipeline import match_all

    class Noted(Recording):
        made: ClassVar[list[Recording]] = []

        def __init__(self) -> None:
            super().__init__()
            Noted.made.append(self)

    monkeypatch.setattr(vector_cache, "SentenceTransformerEncoder", Noted)
    calls, priorities = _calls_file(tmp_path), load_priorities(PRIORITIES)
    path = tmp_path / "vectors.db"
    stored = []
    for n, setting in enumerate((str(path), str(path), "off")):
        monkeypatch.setenv(CACHE_ENV, setting)
        db = open_db(tmp_path / f"eufunds-{n}.db")
        with db.atomic():
            for result in read_calls(calls, "import"):
                assert result.call is not None
                store_call(db, result.call, today=TODAY)
        stats = match_all(db, priorities, priorities.version_hash, today=TODAY)
        assert stats.embedded == 4 and stats.rescored
        stored.append(
            sorted((r["call_id"], r["target_id"], r["score"]) for r in db["matches"].rows)
        )
        db.close()
    first, second, off = (noted.seen for noted in Noted.made)
    assert first  # passages, priorities, facets and search terms
    assert second == []  # the second database's vectors all came from the cache
    assert sorted(off) == sorted(first)  # with the cache off, everything is encoded again
    assert stored[0] == stored[1] == stored[2]
