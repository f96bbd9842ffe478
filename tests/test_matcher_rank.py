"""The evaluation contract: eufunds rank and eufunds eval through the command line."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from app.cli import cli
from matcher.evaluate import metrics

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO / "datasets" / "eval-dev"


def test_rank_prints_one_line_per_priority_and_call(tmp_path: Path) -> None:
    lines = (EVAL / "calls_dev.jsonl").read_text(encoding="utf-8").splitlines()[:6]
    lines.insert(2, "{broken")
    calls = tmp_path / "calls.jsonl"
    calls.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["rank", "--priorities", str(EVAL / "priorities_sodertalje.yaml"), "--calls", str(calls)],
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 4 * 6
    assert set(rows[0]) == {"priority", "call", "score", "included"}
    assert {r["priority"] for r in rows} == {
        "naringsliv",
        "social-innovation",
        "miljo-energi-klimat",
        "utbildning-skola",
    }
    assert f"{calls}:3: skipped: not valid JSON" in result.stderr


def test_rank_rejects_an_invalid_priorities_file(tmp_path: Path) -> None:
    broken = tmp_path / "p.yaml"
    broken.write_text("kommun: X\nland: SE\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["rank", "--priorities", str(broken), "--calls", str(EVAL / "calls_dev.jsonl")]
    )
    assert result.exit_code == 3
    assert f"{broken}:" in result.stderr


def test_metrics_follow_the_definitions() -> None:
    labels = {("p", "a"): 2, ("p", "b"): 0, ("p", "c"): 1, ("q", "a"): 0}
    rows = [
        {"priority": "p", "call": "b", "score": 3.0, "included": True},
        {"priority": "p", "call": "a", "score": 2.0, "included": True},
        {"priority": "p", "call": "c", "score": 1.0, "included": False},
        {"priority": "q", "call": "a", "score": 1.0, "included": False},
    ]
    result = metrics(rows, labels)
    ideal = 3 + 1 / 1.584962500721156
    actual = 0 + 3 / 1.584962500721156 + 1 / 2
    assert abs(result["ndcg@10"] - actual / ideal) < 1e-9
    assert result["p@5"] == 2 / 5
    assert result["r@10"] == 1.0
    assert result["digest_precision"] == 0.5
    assert result["digest_recall"] == 1.0
    assert set(result["priorities"]) == {"p"}  # q has no grade-2 call
