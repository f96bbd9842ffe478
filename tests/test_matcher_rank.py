"""The evaluation contract: eufunds rank and eufunds eval through the command line, on the
labelled development sets read in place in the shared data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from matcher.evaluate import metrics
from matcher.rank import rank
from matcher.scoring import FAIL_PENALTY
from priorities import PrioritiesInvalid, load_priorities
from priorities.devset import read_devset_priorities
from tests.shared_data import shared_path

REPO = Path(__file__).resolve().parent.parent


def _labelled_calls(labels: Path, count: int) -> list[str]:
    """The corpus lines of the first ``count`` labelled calls, in label order."""
    ids = [json.loads(line)["id"] for line in labels.read_text(encoding="utf-8").splitlines()]
    wanted = ids[:count]
    lines = {}
    for line in shared_path("calls", "corpus.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["id"] in wanted:
            lines[record["id"]] = line
    return [lines[i] for i in wanted]


@pytest.mark.shared
def test_rank_prints_one_line_per_priority_and_call(tmp_path: Path) -> None:
    lines = _labelled_calls(shared_path("eval-dev", "labels_sodertalje.jsonl"), 6)
    lines.insert(2, "{broken")
    calls = tmp_path / "calls.jsonl"
    calls.write_text("\n".join(lines) + "\n", encoding="utf-8")
    priorities = shared_path("eval-dev", "priorities_sodertalje.json")
    result = CliRunner().invoke(
        cli, ["rank", "--priorities", str(priorities), "--calls", str(calls)]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 4 * 6
    # "call" is the id exactly as written in the calls file.
    assert {r["call"] for r in rows} == {
        json.loads(line)["id"] for line in lines if line != "{broken"
    }
    assert set(rows[0]) == {"priority", "call", "score", "included"}
    assert {r["priority"] for r in rows} == {
        "naringsliv",
        "social-innovation",
        "miljo-energi-klimat",
        "utbildning-skola",
    }
    assert f"{calls}:3: hoppades över: ogiltig JSON" in result.stderr
    # Where stderr is no terminal (a log, a pipe) no progress bar is drawn, nor its empty line.
    assert result.stderr.splitlines()[0].startswith(f"{calls}:3: ")


@pytest.mark.shared
def test_rank_learns_from_marks_and_warns_about_bad_ones(tmp_path: Path) -> None:
    lines = _labelled_calls(shared_path("eval-dev", "labels_sodertalje.jsonl"), 6)
    ids = [json.loads(line)["id"] for line in lines]
    calls = tmp_path / "calls.jsonl"
    calls.write_text("\n".join(lines) + "\n", encoding="utf-8")
    priorities = str(shared_path("eval-dev", "priorities_sodertalje.json"))
    marks = tmp_path / "marks.jsonl"
    marks.write_text(
        json.dumps({"call": ids[0], "priority": "naringsliv", "mark": "not-relevant"})
        + "\n"
        + json.dumps({"call": ids[1], "priority": "naringsliv", "mark": "interested"})
        + "\n"
        + json.dumps({"call": "NO-SUCH-CALL", "priority": None, "mark": "interested"})
        + "\n{broken\n",
        encoding="utf-8",
    )
    args = ["rank", "--priorities", priorities, "--calls", str(calls)]
    plain = CliRunner().invoke(cli, args)
    learned = CliRunner().invoke(cli, [*args, "--marks", str(marks)])
    assert plain.exit_code == 0 and learned.exit_code == 0, learned.output
    before = {
        (r["priority"], r["call"]): r["score"] for r in map(json.loads, plain.stdout.splitlines())
    }
    after = {
        (r["priority"], r["call"]): r["score"] for r in map(json.loads, learned.stdout.splitlines())
    }
    assert set(before) == set(after)  # the contract: one line per pair, marks or not
    assert after[("naringsliv", ids[1])] > before[("naringsliv", ids[1])]
    assert after[("naringsliv", ids[0])] < before[("naringsliv", ids[0])]
    assert "NO-SUCH-CALL" in learned.stderr
    assert f"{marks}:4: hoppades över: ogiltig JSON" in learned.stderr
    # A marks file of which no line can be used: the ranking without marks, and a warning.
    unusable = tmp_path / "latin1.jsonl"
    unusable.write_bytes(b'{"call": "\xc5", "mark": "interested"}\n')
    nothing = CliRunner().invoke(cli, [*args, "--marks", str(unusable)])
    assert nothing.exit_code == 0, nothing.output
    assert nothing.stdout == plain.stdout
    assert f"{unusable}:1: hoppades över: inte UTF-8-text" in nothing.stderr
    assert "ingen markering kunde användas" in nothing.stderr


@pytest.mark.shared
def test_a_priorities_file_with_one_priority_still_ranks_and_fills_its_digest(
    tmp_path: Path,
) -> None:
    """With one priority there is nothing to centre a call against nor a best priority to
    choose: its calls are still ranked by likeness, and the strong ones reach its digest."""
    whole = json.loads(shared_path("eval-dev", "priorities_umea.json").read_text("utf-8"))
    school = [p for p in whole["priorities"] if p["id"] == "skola"]
    priorities = tmp_path / "one.json"
    priorities.write_text(json.dumps({**whole, "priorities": school}), encoding="utf-8")
    labels = shared_path("eval-dev", "labels_umea.jsonl")
    graded = [json.loads(line) for line in labels.read_text(encoding="utf-8").splitlines()]
    wanted = {g["id"] for g in graded if g["grades"]["skola"] == 2}
    assert len(wanted) == 2
    lines = _labelled_calls(labels, 24)
    lines += [
        line for line in _labelled_calls(labels, len(graded)) if json.loads(line)["id"] in wanted
    ]
    calls = tmp_path / "calls.jsonl"
    calls.write_text("\n".join(dict.fromkeys(lines)) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["rank", "--priorities", str(priorities), "--calls", str(calls), "--json"]
    )
    assert result.exit_code == 0, result.output
    rows = sorted(map(json.loads, result.stdout.splitlines()), key=lambda r: -r["score"])
    assert len(rows) == len(dict.fromkeys(lines)) and {r["priority"] for r in rows} == {"skola"}
    assert {r["call"] for r in rows[:2]} == wanted  # the school calls first, of 25
    assert [r["call"] for r in rows if r["included"]] == [r["call"] for r in rows[:2]]


@pytest.mark.shared
def test_a_research_topic_a_municipality_can_unlikely_use_waits_for_a_mark(
    tmp_path: Path,
) -> None:
    """A Horizon heritage research topic is Umeå's culture priority's best match and scores
    above möjlig, but the applicability model gives a municipality less than even odds: it is
    not included. Marked interested for that priority, it is."""
    labels = shared_path("eval-dev", "labels_umea.jsonl")
    topic = "HORIZON-CL2-2026-01-HERITAGE-04"
    graded = [json.loads(line)["id"] for line in labels.read_text("utf-8").splitlines()]
    lines = _labelled_calls(labels, 30)
    lines += [line for line in _labelled_calls(labels, len(graded)) if topic in line]
    calls = tmp_path / "calls.jsonl"
    calls.write_text("\n".join(dict.fromkeys(lines)) + "\n", encoding="utf-8")
    marks = tmp_path / "marks.jsonl"
    marks.write_text(
        json.dumps({"call": topic, "priority": "kultur", "mark": "interested"}) + "\n",
        encoding="utf-8",
    )
    priorities = str(shared_path("eval-dev", "priorities_umea.json"))
    args = ["rank", "--priorities", priorities, "--calls", str(calls), "--json"]

    def pairs(*more: str) -> dict[str, dict]:
        result = CliRunner().invoke(cli, [*args, *more])
        assert result.exit_code == 0, result.output
        rows = [json.loads(line) for line in result.stdout.splitlines()]
        return {r["priority"]: r for r in rows if r["call"] == topic}

    before = pairs()
    best = max(before.values(), key=lambda r: r["score"])
    assert best["priority"] == "kultur" and best["score"] >= 2.5  # möjlig, its best priority
    assert not any(r["included"] for r in before.values())  # held back
    after = pairs("--marks", str(marks))
    assert after["kultur"]["included"]
    assert not any(r["included"] for p, r in after.items() if p != "kultur")


@pytest.mark.shared
def test_a_cascade_offer_for_individuals_gets_its_rows_but_no_digest(tmp_path: Path) -> None:
    """The corpus's two cascade offers of scholarships (an import reads them as offers for
    individuals and matches them with no priority) among 20 labelled calls, against a
    priority on their subject: each line gets its row and its score, and neither is
    included, as no digest lists them."""
    offers = {"CASCADE-43977648-3973a9fb", "CASCADE-45114064-d10a6484"}
    lines = _labelled_calls(shared_path("eval-dev", "labels_umea.jsonl"), 20)
    corpus = shared_path("calls", "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    lines += [line for line in corpus if json.loads(line)["id"] in offers]
    calls = tmp_path / "calls.jsonl"
    calls.write_text("\n".join(lines) + "\n", encoding="utf-8")
    priorities = tmp_path / "one.json"
    text = "Stipendier för studenter på masterutbildningar inom AI, hälsa och digitala förmågor."
    one = {"id": "stipendier", "department": "Utbildning", "title": "Stipendier", "text": text}
    priorities.write_text(
        json.dumps({"municipality": "Umeå kommun", "priorities": [one]}), encoding="utf-8"
    )
    result = CliRunner().invoke(
        cli, ["rank", "--priorities", str(priorities), "--calls", str(calls), "--json"]
    )
    assert result.exit_code == 0, result.output
    rows = sorted(map(json.loads, result.stdout.splitlines()), key=lambda r: -r["score"])
    assert len(rows) == 22 and offers <= {r["call"] for r in rows}
    # The internships in AI and health come first, strong, and are in no digest.
    assert rows[0]["call"] == "CASCADE-43977648-3973a9fb" and rows[0]["score"] >= 4.0
    assert not any(r["included"] for r in rows if r["call"] in offers)


def test_rank_reads_who_may_apply_from_the_text_as_an_import_does(tmp_path: Path) -> None:
    # The text names companies and associations and excludes municipalities: an import
    # (crawler.facts.complete) reads that, and so must rank, or the evaluation would measure
    # a gate the product does not have. Read as bare text, "kommuner" only looked public.
    excluded = "Företag och föreningar kan söka stödet, men kommuner och regioner kan inte söka."
    records = [
        {"id": "X-EXCLUDES", "title": "Stöd till energieffektivisering", "description": excluded},
        {
            "id": "X-OPEN",
            "title": "Stöd till energieffektivisering i skolor",
            "description": "Kommuner kan söka stöd för energieffektivisering i skolbyggnader.",
        },
    ]
    calls = tmp_path / "calls.jsonl"
    calls.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    priorities = REPO / "priorities" / "linkoping.yaml"
    result = CliRunner().invoke(
        cli, ["rank", "--priorities", str(priorities), "--calls", str(calls)]
    )
    assert result.exit_code == 0, result.output
    ranked = {(r["priority"], r["call"]): r for r in map(json.loads, result.stdout.splitlines())}
    bare = {
        (r["priority"], r["call"]): r for r in rank(calls, load_priorities(priorities))
    }  # no facts filled in: what rank did before
    assert ranked.keys() == bare.keys()
    for key, row in ranked.items():
        drop = bare[key]["score"] - row["score"]
        if key[1] == "X-EXCLUDES":
            assert drop == pytest.approx(FAIL_PENALTY, abs=1e-3) and not row["included"]
        else:
            assert drop == pytest.approx(0.0, abs=1e-3)


def test_rank_rejects_an_invalid_priorities_file(tmp_path: Path) -> None:
    broken = tmp_path / "p.yaml"
    broken.write_text("kommun: X\nland: SE\n", encoding="utf-8")
    calls = tmp_path / "calls.jsonl"
    calls.write_text('{"id": "X-1", "title": "Påhittad utlysning"}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["rank", "--priorities", str(broken), "--calls", str(calls)])
    assert result.exit_code == 3
    assert f"{broken}:" in result.stderr


@pytest.mark.shared
@pytest.mark.parametrize(("name", "nuts"), [("sodertalje", "SE110"), ("umea", "SE331")])
def test_development_set_priorities_are_read_as_labelled(name: str, nuts: str) -> None:
    path = shared_path("eval-dev", f"priorities_{name}.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    priorities = read_devset_priorities(path)
    assert priorities is not None
    assert [p.id for p in priorities.priorities] == [p["id"] for p in data["priorities"]]
    assert [p.description for p in priorities.priorities] == [p["text"] for p in data["priorities"]]
    # Every priority is routed to a department named as in the set.
    names = {d.id: d.name for d in priorities.departments}
    for item, priority in zip(data["priorities"], priorities.priorities, strict=True):
        assert [names[d] for d in priority.departments] == [item["department"]]
    # Umeå's set names its region; Södertälje's names none and gets its county's
    # (Stockholms län), so another region's calls do not pass for it.
    assert priorities.nuts == data.get("nuts", nuts) == nuts


def test_a_development_set_read_at_country_level_gets_a_warning(tmp_path: Path) -> None:
    """A set that names no region and no municipality the service knows passes every
    region's regional calls; rank says so. Naming the municipality is enough."""
    calls = tmp_path / "calls.jsonl"
    calls.write_text("", encoding="utf-8")
    path = tmp_path / "set.json"
    item = {"id": "p", "department": "Kultur", "title": "T", "text": "x"}
    for head, warned in (
        ({"municipality": "Exempelstads kommun"}, True),
        ({"municipality": "Linköpings kommun"}, False),
        # A whole country chosen for a municipality the service knows is the set's choice.
        ({"municipality": "Linköpings kommun", "nuts": "SE"}, False),
    ):
        path.write_text(json.dumps({**head, "priorities": [item]}), encoding="utf-8")
        result = CliRunner().invoke(cli, ["rank", "--priorities", str(path), "--calls", str(calls)])
        assert result.exit_code == 0, result.output
        assert ("läses på landsnivå (SE)" in result.stderr) is warned, result.stderr
        assert ('ange "nuts", t.ex. "nuts": "SE123"' in result.stderr) is warned


def test_a_development_set_with_a_bad_id_is_reported_in_swedish(tmp_path: Path) -> None:
    path = tmp_path / "set.json"
    path.write_text(
        json.dumps(
            {
                "municipality": "Exempelstads kommun",
                "priorities": [
                    {"id": "Fel Id!", "department": "Kultur", "title": "T", "text": "x"}
                ],
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(PrioritiesInvalid) as caught:
        read_devset_priorities(path)
    assert str(path) in str(caught.value)
    assert read_devset_priorities(tmp_path / "other.yaml") is None


def test_eval_without_inputs_says_what_to_give() -> None:
    result = CliRunner().invoke(cli, ["eval"])
    assert result.exit_code == 2
    assert "--dev-set" in result.output


def test_eval_dev_set_without_shared_data_names_what_is_missing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("EUFUNDS_SHARED", str(tmp_path / "nowhere"))
    result = CliRunner().invoke(cli, ["eval", "--dev-set", "umea"])
    assert result.exit_code == 2
    assert "priorities_umea.json" in result.output and "EUFUNDS_SHARED" in result.output


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


def test_labels_of_what_was_not_ranked_are_named_not_counted_as_misses() -> None:
    """A priorities file with one of the labelled priorities (or a calls file with part of the
    labelled calls) is measured on what it ranks: the digest's recall is not lowered by the
    grade-2 pairs of priorities it never held."""
    labels = {("p", "a"): 2, ("p", "b"): 0, ("q", "b"): 2, ("q", "a"): 0, ("p", "gone"): 2}
    rows = [
        {"priority": "p", "call": "a", "score": 2.0, "included": True},
        {"priority": "p", "call": "b", "score": 1.0, "included": False},
    ]
    result = metrics(rows, labels)
    assert result["digest_recall"] == 1.0
    assert result["not_ranked"] == {"priorities": ["q"], "calls": ["gone"]}
    assert metrics(rows, {("p", "a"): 2})["not_ranked"] == {"priorities": [], "calls": []}


@pytest.mark.shared
def test_eval_names_the_labels_it_could_not_measure(tmp_path: Path) -> None:
    labels_file = shared_path("eval-dev", "labels_umea.jsonl")
    whole = json.loads(shared_path("eval-dev", "priorities_umea.json").read_text("utf-8"))
    priorities = tmp_path / "one.json"
    priorities.write_text(
        json.dumps({**whole, "priorities": [p for p in whole["priorities"] if p["id"] == "skola"]}),
        encoding="utf-8",
    )
    graded = [json.loads(line) for line in labels_file.read_text(encoding="utf-8").splitlines()]
    school = [g for g in graded if g["grades"]["skola"] == 2]
    others = [g for g in graded if g["grades"]["skola"] == 0][:24]
    labels = tmp_path / "labels.jsonl"
    labels.write_text(
        "".join(json.dumps(g) + "\n" for g in [*school, *others])
        + json.dumps({"id": "NOT-IN-THE-FILE", "grades": {"skola": 2}})
        + "\n",
        encoding="utf-8",
    )
    wanted = {g["id"] for g in [*school, *others]}
    lines = [
        line
        for line in _labelled_calls(labels_file, len(graded))
        if json.loads(line)["id"] in wanted
    ]
    calls = tmp_path / "calls.jsonl"
    calls.write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = ["eval", "--priorities", str(priorities), "--calls", str(calls), "--json"]
    result = CliRunner().invoke(cli, [*args, "--labels", str(labels)])
    assert result.exit_code == 0, result.output
    measured = json.loads(result.stdout)
    # Both school calls reach the digest; the other priorities' grade-2 pairs are not misses.
    assert measured["digest_recall"] == 1.0
    assert set(measured["priorities"]) == {"skola"}
    assert "varning: bedömningar för 13 prioriteringar som inte finns i" in result.stderr
    assert "1 bedömda utlysningar finns inte" in result.stderr
    assert "NOT-IN-THE-FILE" in result.stderr
    # Labels that name none of the ranked priorities: nothing to measure, and why.
    foreign = tmp_path / "foreign.jsonl"
    foreign.write_text(
        "".join(json.dumps({"id": g["id"], "grades": {"naringsliv": 2}}) + "\n" for g in school),
        encoding="utf-8",
    )
    nothing = CliRunner().invoke(cli, [*args, "--labels", str(foreign)])
    assert nothing.exit_code == 1
    assert "inget bedömt par" in nothing.stderr and str(priorities) in nothing.stderr
