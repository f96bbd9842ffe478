"""The matching job on real calls with the real model and the shipped Linköping priorities."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from app.cli import cli
from crawler.spiders.interreg import call_from_hit
from db import open_db
from db.calls import store_call
from db.jsonl import call_from_record
from db.matches import included_matches, matches_for_call
from db.records import Call
from db.state import read_state
from matcher import pair_facts, pipeline
from matcher.embed import embed_terms
from matcher.encoders import SentenceTransformerEncoder
from matcher.explain import (
    STANDARD_SENTENCES,
    leans,
    only_context,
    says_its_own,
    shared_sentences,
    standard_share,
)
from matcher.lexical import search_terms, target_terms
from matcher.pair_facts import LIKENESS_SHOWN
from matcher.pipeline import match_all
from matcher.scoring import SHIPPED, relevance, segment_starts, term_likeness, words_part
from priorities import Priorities, load_priorities, parse_priorities
from tests.shared_data import shared_path
from tests.test_matcher_explain import ESF_PAGE, ESF_TITLE

REPO = Path(__file__).resolve().parent.parent
TODAY = date(2026, 3, 15)
CALL_IDS = [
    "ERASMUS-EDU-2026-POL-EXP-T06-SCHOOL-BS",
    "CERV-2026-CITIZENS-TOWN-TT",
    "LIFE-2026-CET-BETTERRENO",
    "URBACT-IV-AN-2026",
    "ESF-2027-PEP-ENGAGEMENT",
    "EDF-2026-DA-SPACE-PRS-STEP",
    "ENERGIMYNDIGHETEN-pitcha-pa-sweden-sustaintech-venture-day",
    "HORIZON-CL3-2026-01-BM-01",
    "AMIF-FI-2023-HOST",
    "EUI-IA-CALL-4",
    "HORIZON-HLTH-2027-01-DISEASE-10",
]


class CountingEncoder(SentenceTransformerEncoder):
    """The real encoder, counting the texts it is asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.passage_texts = 0
        self.query_texts = 0

    def passages(self, texts: list[str]) -> np.ndarray:
        self.passage_texts += len(texts)
        return super().passages(texts)

    def queries(self, texts: list[str]) -> np.ndarray:
        self.query_texts += len(texts)
        return super().queries(texts)


def _records() -> dict[str, dict]:
    wanted = set(CALL_IDS)
    out = {}
    with shared_path("calls", "corpus.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["id"] in wanted:
                out[record["id"]] = record
    assert len(out) == len(CALL_IDS)
    return out


@pytest.fixture(scope="module")
def matched(tmp_path_factory: pytest.TempPathFactory) -> dict:
    path = tmp_path_factory.mktemp("match") / "eufunds.db"
    db = open_db(path)
    records = _records()
    with db.atomic():
        for record in records.values():
            store_call(db, call_from_record(record, "import"), today=TODAY)
    priorities = load_priorities(REPO / "priorities" / "linkoping.yaml")
    encoder = CountingEncoder()
    first = match_all(db, priorities, priorities.version_hash, today=TODAY, encoder=encoder)
    return {
        "db": db,
        "path": path,
        "priorities": priorities,
        "encoder": encoder,
        "first": first,
        "records": records,
    }


def test_first_run_embeds_every_call_and_stores_explained_matches(matched: dict) -> None:
    db, first = matched["db"], matched["first"]
    assert first.embedded == len(CALL_IDS)
    assert first.rescored
    # The embedding's own time (bench/match_speed.py compares it with plain encoding).
    assert 0 < first.embed_seconds < first.seconds
    assert first.stored >= len(CALL_IDS)  # at least each call's best target
    version = matched["priorities"].version_hash
    for row in db["matches"].rows:
        assert row["priorities_version"] == version
        assert row["passage"]
        assert row["eligibility"] in {"pass", "fail", "unknown"}
        assert json.loads(row["departments"])


def test_school_call_goes_to_education_and_defence_goes_nowhere(matched: dict) -> None:
    db = matched["db"]
    school = matches_for_call(db, "import:ERASMUS-EDU-2026-POL-EXP-T06-SCHOOL-BS")[0]
    assert school.priority_id == "utbildning-skolutbyten"
    assert school.included
    assert "utbildning" in school.departments
    assert any(
        k in {"skola", "school", "elever", "pupils", "teachers", "lärare"} for k in school.keywords
    )
    defence = matches_for_call(db, "import:EDF-2026-DA-SPACE-PRS-STEP")
    assert not any(m.included for m in defence)
    finland = matches_for_call(db, "import:AMIF-FI-2023-HOST")
    assert all(m.eligibility == "fail" and not m.included for m in finland)
    routed = {m.call_id for m in included_matches(db, "utbildning")}
    assert "import:ERASMUS-EDU-2026-POL-EXP-T06-SCHOOL-BS" in routed


def test_second_run_with_nothing_changed_embeds_nothing(matched: dict) -> None:
    db, encoder = matched["db"], matched["encoder"]
    before = (encoder.passage_texts, encoder.query_texts)
    again = match_all(
        db, matched["priorities"], matched["priorities"].version_hash, today=TODAY, encoder=encoder
    )
    assert again.embedded == 0
    assert not again.rescored
    assert again.embed_seconds <= again.seconds
    assert (encoder.passage_texts, encoder.query_texts) == before


def test_the_rules_fingerprint_follows_the_files_contents(tmp_path: Path) -> None:
    rules = tmp_path / "eligibility.py"
    table = tmp_path / "regions.py"
    rules.write_text("ONLY = 'endast'\n", encoding="utf-8")
    table.write_text("SE123 = 'Östergötland'\n", encoding="utf-8")
    before = pipeline.files_fingerprint([rules, table])
    assert pipeline.files_fingerprint([rules, table]) == before
    table.write_text("SE123 = 'Östergötlands län'\n", encoding="utf-8")
    changed = pipeline.files_fingerprint([rules, table])
    assert changed != before
    # A file an install lacks is skipped, not an error; it still changes nothing else.
    assert pipeline.files_fingerprint([rules, table, tmp_path / "gone.py"]) == changed
    # The matcher's own fingerprint covers the region table it reads from db.
    assert re.fullmatch(r"[0-9a-f]{64}", pipeline.rules_fingerprint())


def test_new_matcher_rules_rescore_without_embedding(matched: dict, monkeypatch) -> None:
    # An upgraded eufunds (other eligibility rules, weights, coefficients) rescores the same
    # calls on the same day; the stored passages are reused.
    db, encoder = matched["db"], matched["encoder"]
    fingerprint = pipeline.rules_fingerprint()
    assert re.fullmatch(r"[0-9a-f]{64}", fingerprint)
    monkeypatch.setattr(pipeline, "rules_fingerprint", lambda: "0" * 64)
    again = match_all(
        db, matched["priorities"], matched["priorities"].version_hash, today=TODAY, encoder=encoder
    )
    assert again.rescored and again.embedded == 0
    monkeypatch.setattr(pipeline, "rules_fingerprint", lambda: fingerprint)
    back = match_all(
        db, matched["priorities"], matched["priorities"].version_hash, today=TODAY, encoder=encoder
    )
    assert back.rescored and back.embedded == 0  # the rules of this version again
    same = match_all(
        db, matched["priorities"], matched["priorities"].version_hash, today=TODAY, encoder=encoder
    )
    assert not same.rescored


def test_a_changed_call_is_embedded_again_alone(matched: dict) -> None:
    db, encoder = matched["db"], matched["encoder"]
    record = dict(matched["records"]["URBACT-IV-AN-2026"])
    record["description"] += "\nDeadline extended: cities may apply until the end of June."
    store_call(db, call_from_record(record, "import"), today=TODAY)
    again = match_all(
        db, matched["priorities"], matched["priorities"].version_hash, today=TODAY, encoder=encoder
    )
    assert again.embedded == 1
    assert again.rescored


def test_match_command_reports_its_embedding_time_apart(
    matched: dict, monkeypatch, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.db"  # the command rescores: the module's database stays as it is
    source, target = sqlite3.connect(matched["path"]), sqlite3.connect(copy)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    monkeypatch.setenv("EUFUNDS_DB", str(copy))
    result = CliRunner().invoke(cli, ["match", "--json"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert stats["embedded"] == 0  # every call was embedded by the fixture's match
    assert 0 <= stats["embed_seconds"] <= stats["seconds"]


def test_matches_command_lists_explanations(matched: dict, monkeypatch) -> None:
    monkeypatch.setenv("EUFUNDS_DB", str(matched["path"]))
    result = CliRunner().invoke(cli, ["matches", "--department", "utbildning", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and rows[0]["departments"] and rows[0]["passage"]
    bad = CliRunner().invoke(cli, ["matches", "--department", "finans"])
    assert bad.exit_code == 2
    assert "okänd förvaltning 'finans'; giltiga id: kommunledning" in bad.stderr
    every = CliRunner().invoke(
        cli, ["matches", "--department", "utbildning", "--all", "--limit", "3", "--json"]
    )
    assert every.exit_code == 0, every.output
    listed = json.loads(every.stdout)
    assert len(listed) == 3  # the department filter applies before the limit
    assert all("utbildning" in m["departments"] for m in listed)


def test_odd_calls_score_without_crashing(tmp_path: Path) -> None:
    db = open_db(tmp_path / "odd.db")
    from db.records import Call

    calls = [
        Call("x", "empty", "Tom utlysning", description=""),
        Call("x", "html", "<b>Grön</b> stad", description="<p>Stadsgrönska &amp; klimat</p>"),
        Call("x", "huge", "Stor", description="Klimat och energi i staden. " * 3000),
        Call(
            "x",
            "finnish",
            "Kaupunkien ilmastotoimet",
            description="Kunnat voivat hakea tukea ilmastotoimiin ja energiatehokkuuteen.",
        ),
    ]
    for call in calls:
        store_call(db, call, today=TODAY)
    one_word = load_priorities(REPO / "priorities" / "linkoping.yaml").model_copy()
    stats = match_all(db, one_word, "v1", today=TODAY)
    assert stats.embedded == 4
    assert db.execute("select count(distinct call_id) from matches").fetchone()[0] == 4
    chunks = db.execute("select count(*) from call_chunks where call_id = 'x:huge'").fetchone()[0]
    assert chunks == 8  # capped


def test_departments_without_priorities_are_warned_about() -> None:
    from matcher.pipeline import ownership_warnings
    from priorities import parse_priorities

    original = (REPO / "priorities" / "sodertalje.yaml").read_text(encoding="utf-8")
    text = original.replace(
        "förvaltningar:\n  - id: naringslivskontoret",
        "förvaltningar:\n  - id: kultur\n    namn: Kulturförvaltningen\n"
        "    kontakter: [kultur@sodertalje.example]\n  - id: naringslivskontoret",
        1,
    )
    assert text != original
    assert ownership_warnings(parse_priorities(original.encode(), "sodertalje.yaml")) == []
    warnings = ownership_warnings(parse_priorities(text.encode(), "p.yaml"))
    assert warnings == [
        "Förvaltningen kultur äger ingen prioritering och får därför inga träffar; lägg till "
        "'kultur' under förvaltningar: på de prioriteringar den ansvarar för.",
    ]


def test_a_mark_rescores_without_embedding_and_show_says_why(matched: dict, monkeypatch) -> None:
    from db.marks import add_mark

    db, encoder = matched["db"], matched["encoder"]
    school = "import:ERASMUS-EDU-2026-POL-EXP-T06-SCHOOL-BS"
    before_scores = {m.target_id: m.score for m in matches_for_call(db, school)}
    before = (encoder.passage_texts, encoder.query_texts)
    add_mark(
        db,
        school,
        "interested",
        marked_by="test",
        marked_at="2026-01-01T00:00:00Z",
        department="utbildning",
    )
    again = match_all(
        db, matched["priorities"], matched["priorities"].version_hash, today=TODAY, encoder=encoder
    )
    assert again.rescored and again.embedded == 0
    assert (encoder.passage_texts, encoder.query_texts) == before  # nothing embedded
    after = {m.target_id: m for m in matches_for_call(db, school)}
    best = max(before_scores, key=lambda t: before_scores[t])
    assert after[best].score > before_scores[best]
    facts = [f for f in after[best].eligibility_facts if f["check"] == "markeringar"]
    assert facts and "Markerad intressant" in facts[0]["reason"]
    monkeypatch.setenv("EUFUNDS_DB", str(matched["path"]))
    shown = CliRunner().invoke(cli, ["show", school])
    assert shown.exit_code == 0, shown.output
    assert "Markerad intressant" in shown.output


def test_show_and_the_call_page_say_who_may_apply_as_the_digest_does(
    matched: dict, monkeypatch
) -> None:
    """A Horizon Europe topic names no applicant types; the eligibility check passes it by the
    programme's rules, and the digest says so under "Sökande". ``show`` and the call's web
    page said "framgår inte" above the same words: they now say what the digest says."""
    from app.web.pages import call_context
    from db.calls import call_row

    db = matched["db"]
    topic = "import:HORIZON-CL3-2026-01-BM-01"
    row = call_row(db, topic)
    assert row is not None and not Call.from_row(row).applicant_types
    facts = {m.applicants_fact for m in matches_for_call(db, topic)}
    assert len(facts) == 1  # one municipality: one answer for every priority
    rule = facts.pop()
    assert rule and rule.startswith("Horisont Europa:") and "kommuner också" in rule
    monkeypatch.setenv("EUFUNDS_DB", str(matched["path"]))
    shown = CliRunner().invoke(cli, ["show", topic])
    assert shown.exit_code == 0, shown.output
    header = next(line for line in shown.output.splitlines() if line.startswith("  sökande:"))
    assert header == f"  sökande:       {rule}"
    data = json.loads(CliRunner().invoke(cli, ["show", topic, "--json"]).output)
    assert data["applicants_rule"] == rule and data["applicant_types"] == []
    assert call_context(db, row, TODAY, matched["priorities"], None)["applicants"] == rule


def test_a_pair_that_is_not_the_calls_best_priority_says_what_it_lost(matched: dict) -> None:
    db, priorities = matched["db"], matched["priorities"]
    owner = {t.target_id: t.priority_id for t in priorities.targets()}
    rows = [dict(r, facts=json.loads(r["eligibility_facts"])) for r in db["matches"].rows]
    title = {p.id: p.title for p in priorities.priorities}
    explained = 0
    for call_id in {r["call_id"] for r in rows}:
        mine = [r for r in rows if r["call_id"] == call_id]
        best = max(mine, key=lambda r: r["score"])
        named = set()
        for row in mine:
            ranked = [f for f in row["facts"] if f["check"] == "rangordning"]
            if owner[row["target_id"]] == owner[best["target_id"]]:
                assert not ranked  # the call's best priority (or its goals) loses nothing
            else:
                assert ranked, row  # every other priority lost 0,5 or 1,0
                assert "Poängen är sänkt med" in ranked[0]["reason"]
                named.add(ranked[0]["reason"].split("den bästa är ”")[1].split("”")[0])
                explained += 1
        # ... and says which priority the call serves best: the one that lost nothing.
        assert named <= {title[owner[best["target_id"]]]}
    assert explained  # ten calls and 13 priorities: some stored pairs are not the best


def test_a_research_programmes_call_says_what_it_lost_and_why(matched: dict) -> None:
    stored = matched["db"]["matches"].rows
    rows = [dict(r, facts=json.loads(r["eligibility_facts"])) for r in stored]
    horizon = "import:HORIZON-CL3-2026-01-BM-01"
    abroad = "import:HORIZON-HLTH-2027-01-DISEASE-10"  # research done in LMICs
    defence = "import:EDF-2026-DA-SPACE-PRS-STEP"  # the European Defence Fund's
    for row in rows:
        said = [f for f in row["facts"] if f["check"] == "forskningsprogram"]
        if row["call_id"] == abroad:
            assert len(said) == 1 and "forskningen görs utanför EU (texten: ”" in said[0]["reason"]
            assert said[0]["reason"].startswith(
                "Poängen är sänkt med 8,0 (hela avdraget för ett forskningsprogram och lika "
                "mycket som för ett villkor som inte uppfylls): forskningen görs utanför EU"
            )
            assert said[0]["reason"].endswith(
                "Den kommer med i veckobreven bara där den markeras som intressant och poängen "
                "då når möjlig; den finns kvar i sökningen."
            )
            assert not row["included"], row
        elif row["call_id"] in (horizon, defence):
            assert len(said) == 1 and said[0]["result"] == "info"
            assert said[0]["reason"].startswith("Poängen är sänkt med ")
            assert "för ett forskningsprogram" in said[0]["reason"]
            assert "sannolikheten" in said[0]["reason"]
            shown = said[0]["reason"].split("sannolikheten ")[1].split(" %")[0]
            under = shown.startswith("strax under ")  # 49.6 % is under the limit
            held = "Under 50 %: den kommer med i veckobreven bara där" in said[0]["reason"]
            assert held == (under or int(shown) < 50), said[0]["reason"]
            assert not (held and row["included"]), row  # a strong score does not let it in
            assert held or row["call_id"] != defence, said[0]["reason"]
        else:
            assert not said, row  # no other call of the set is a research programme's
    assert any(r["call_id"] == horizon for r in rows)
    assert any(r["call_id"] == abroad for r in rows)
    assert any(r["call_id"] == defence for r in rows)


def test_the_matcher_stores_what_search_weighs_of_each_calls_use(matched: dict) -> None:
    """``eufunds match`` stores per scored call the applicability log-odds and whether it is
    a research programme's call, done outside the EU or not: ``eufunds search`` ranks what a
    municipality can use first by them. They are the numbers ``show`` explains."""
    from matcher.scoring import CALL_USE
    from matcher.search import call_use

    db = matched["db"]
    stored = read_state(db, CALL_USE)
    assert set(stored) == {f"import:{c}" for c in CALL_IDS}
    use = call_use(db)
    horizon, abroad = "import:HORIZON-CL3-2026-01-BM-01", "import:HORIZON-HLTH-2027-01-DISEASE-10"
    assert use[horizon][1:] == (1.0, 0.0) and use[abroad][1:] == (1.0, 1.0)
    assert use["import:CERV-2026-CITIZENS-TOWN-TT"][1:] == (0.0, 0.0)
    assert use["import:EUI-IA-CALL-4"][1:] == (0.0, 0.0)  # cities' own programme
    # The chance `show` gives for the Horizon topic is the stored log-odds' probability.
    said = next(
        f["reason"]
        for m in matches_for_call(db, horizon)
        for f in m.eligibility_facts
        if f["check"] == "forskningsprogram"
    )
    chance = 1.0 / (1.0 + np.exp(-use[horizon][0]))
    assert f"sannolikheten {chance:.0%}".replace("%", " %") in said
    # The municipality's calls are likelier usable than a defence research topic.
    assert use["import:CERV-2026-CITIZENS-TOWN-TT"][0] > use["import:EDF-2026-DA-SPACE-PRS-STEP"][0]


def test_a_pair_the_terms_likeness_raised_says_which_terms(matched: dict) -> None:
    listed = matched["priorities"].targets()
    terms = {t.target_id: found for t, found in zip(listed, search_terms(listed), strict=True)}
    targets = {t.target_id: t for t in listed}
    said = []
    for row in matched["db"]["matches"].rows:
        for fact in json.loads(row["eligibility_facts"]):
            if fact["check"] == "söktermer":
                said.append((targets[row["target_id"]], fact))
    assert said  # ten real calls against Linköping's priorities: some pair is raised
    for target, fact in said:
        found = re.fullmatch(
            r"Utlysningen liknar söktermerna (.+) \(språkmodellen, även där orden inte står "
            r"ordagrant\); poängen är höjd med (\d+,\d)\.",
            fact["reason"],
        )
        assert found and fact["result"] == "info", fact
        named = re.findall(r"”([^”]+)”", found.group(1))  # a term may hold "och" itself
        assert 1 <= len(named) <= 3
        assert set(named) <= set(terms[target.target_id]), (named, target)
        assert float(found.group(2).replace(",", ".")) >= LIKENESS_SHOWN


def test_the_search_terms_a_file_leaves_out_are_not_scored(matched: dict) -> None:
    """The example file's school priority leaves out "mobility": matching neither looks for
    it in the calls nor counts its likeness."""
    example = load_priorities(REPO / "priorities" / "exempel.yaml")
    scored = pipeline.score_all(
        matched["db"], example, example.version_hash, SentenceTransformerEncoder(), today=TODAY
    )
    assert scored is not None
    terms = dict(zip((t.target_id for t in scored.targets), scored.terms, strict=True))
    assert "mobility" not in terms["skola-utbyten"]
    assert {"pupils", "teachers", "exchanges"} <= set(terms["skola-utbyten"])
    assert "mobility" in target_terms(scored.targets[-1].text, [])


def test_a_scoring_state_recombined_with_other_weights_embeds_nothing(matched: dict) -> None:
    """How a benchmark measures another recipe: the shipped weights give the very score,
    others move only what they weigh (here the research penalty, on research calls)."""
    priorities, encoder = matched["priorities"], SentenceTransformerEncoder()
    version = priorities.version_hash
    scored = pipeline.score_all(matched["db"], priorities, version, encoder, today=TODAY)
    assert scored is not None and scored.parts is not None
    assert np.allclose(scored.recombined(SHIPPED).score, scored.score)
    lighter = scored.recombined(replace(SHIPPED, research=0.0))
    research = scored.parts.research[:, 0] > 0
    moved = ~np.isclose(lighter.score, scored.score).all(axis=1)
    assert research.any() and moved[research].all()
    # Without research the order of a call's priorities stays, so nothing else moves.
    assert not moved[~research].any()
    spread = scored.recombined(replace(SHIPPED, own_spread=1.0 - SHIPPED.own_spread))
    assert not np.allclose(spread.score, scored.score)
    assert np.allclose(scored.score, scored.recombined(SHIPPED).score)  # the original kept


def test_each_pair_stores_what_the_search_terms_words_added(matched: dict) -> None:
    """The stored pair's ``lexical`` is the part of its score the English search terms' words
    in the call gave (step 4), as the scoring run computed it: the Erasmus+ basic-skills call
    names the school priority's terms, and the defence call names none of them."""
    priorities, db = matched["priorities"], matched["db"]
    version = priorities.version_hash
    scored = pipeline.score_all(db, priorities, version, SentenceTransformerEncoder(), today=TODAY)
    assert scored is not None and scored.parts is not None
    part = words_part(scored.parts)
    targets = [t.target_id for t in scored.targets]
    for row in db["matches"].rows:
        i, j = scored.call_ids.index(row["call_id"]), targets.index(row["target_id"])
        assert row["lexical"] == pytest.approx(part[i, j], abs=1e-4)
    school = "import:ERASMUS-EDU-2026-POL-EXP-T06-SCHOOL-BS"
    stored = {m.target_id: m.lexical for m in matches_for_call(db, school)}
    assert stored["utbildning-skolutbyten"] > 1.0
    assert stored["utbildning-skolutbyten"] == max(stored.values())


def test_a_quote_is_the_calls_own_sentence_not_the_notes_that_name_its_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real nuclear-safety topic's last passage begins with the end of a note cut in two
    and holds nothing else but its notes, the Council Directives it cites. Where that passage
    is a pair's best, the quote comes from the next passage in likeness that says something
    of the topic's own, not from a citation ("Council Directive 2011/70/Euratom of 19 July
    2011 … radioactive waste, OJ L199 …" was the waste priority's quote)."""
    with shared_path("calls", "corpus.jsonl").open(encoding="utf-8") as handle:
        records = [
            r for line in handle if (r := json.loads(line))["id"] == "HORIZON-EURATOM-2026-01-01"
        ]
    assert len(records) == 1
    db = open_db(tmp_path / "eufunds.db")
    store_call(db, call_from_record(records[0], "import"), today=TODAY)
    priorities = load_priorities(REPO / "priorities" / "linkoping.yaml")
    monkeypatch.setattr(pipeline, "STORE_MIN_SCORE", float("-inf"))
    match_all(db, priorities, priorities.version_hash, today=TODAY)
    quotes = {row["target_id"]: row["passage"] for row in db["matches"].rows}
    assert len(quotes) == len(priorities.targets())
    cited = {t: q for t, q in quotes.items() if "Council Directive" in q or "OJ L" in q}
    assert not cited, cited


def test_a_quote_is_readable_and_says_what_the_call_does_not_whom_it_works_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real disability topic's passage most like a welfare goal holds little but its
    sentence on complementarities with another topic, named by its identifier; where that
    passage is a pair's best, the quote comes from the next passage in likeness that can be
    read and says what the topic does (it was the welfare goal's quote in a digest). No
    target of Linköping's file is quoted by another call's identifier or by a sentence on
    synergies with other work."""
    wanted = {"HORIZON-CL2-2027-01-TRANSFO-07", "HORIZON-CL6-2027-02-FARM2FORK-01-two-stage"}
    records = _corpus_records(wanted)
    assert len(records) == len(wanted)
    db = open_db(tmp_path / "eufunds.db")
    for record in records:
        store_call(db, call_from_record(record, "import"), today=TODAY)
    priorities = load_priorities(REPO / "priorities" / "linkoping.yaml")
    monkeypatch.setattr(pipeline, "STORE_MIN_SCORE", float("-inf"))
    match_all(db, priorities, priorities.version_hash, today=TODAY)
    quotes = [row["passage"] for row in db["matches"].rows]
    assert len(quotes) == len(wanted) * len(priorities.targets())
    elsewhere = re.compile(r"HORIZON-CL\d-2025|^Synergies|complementarities with", re.I)
    assert not [q for q in quotes if elsewhere.search(q)]


def test_the_terms_likeness_finds_a_subject_said_in_other_words(tmp_path: Path) -> None:
    """No call below contains a term, so TF-IDF finds nothing; e5 finds which is which, and a
    term is encoded once, whatever target or run asks for it."""
    encoder = CountingEncoder()
    passages = encoder.passages(
        [
            "Safer streets for people who walk or ride a bike to work, with new lanes and "
            "priority for buses.",
            "Clinical trials of new therapies for tumours in university hospitals.",
        ]
    )
    starts = segment_starts(np.array([0, 1]))
    db = open_db(tmp_path / "terms.db")
    terms = [["cycling", "public transport", "road safety"], ["oncology", "cancer"]]
    before = encoder.query_texts
    vocabulary, members = embed_terms(db, encoder, terms)
    assert encoder.query_texts - before == 5
    likeness = term_likeness(passages, starts, vocabulary, members)
    assert likeness[0, 0] > likeness[1, 0] and likeness[1, 1] > likeness[0, 1]
    again, _ = embed_terms(db, encoder, [["cancer", "cycling"], ["walking"]])
    assert encoder.query_texts - before == 6  # only "walking" is new
    assert np.allclose(again[0], vocabulary[4]) and np.allclose(again[1], vocabulary[0])


def _energy_agency_and_english(n: int) -> list[dict]:
    """The first ``n`` Swedish Energy Agency calls of the corpus and the first ``n`` calls not
    in Swedish (by id): one language whose calls are nearly all on one subject, one on
    every subject."""
    swedish: list[dict] = []
    other: list[dict] = []
    with shared_path("calls", "corpus.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            call = call_from_record(record, "import")
            if record["id"].startswith("ENERGIMYNDIGHETEN") and pipeline._language(call) == "sv":
                swedish.append(record)
            elif pipeline._language(call) != "sv":
                other.append(record)
    return sorted(swedish, key=lambda r: r["id"])[:n] + sorted(other, key=lambda r: r["id"])[:n]


def test_a_swedish_energy_call_serves_energy_not_what_stands_out_among_swedish_calls(
    tmp_path: Path,
) -> None:
    db = open_db(tmp_path / "eufunds.db")
    with db.atomic():
        for record in _energy_agency_and_english(20):
            store_call(db, call_from_record(record, "import"), today=TODAY)
    priorities = load_priorities(REPO / "priorities" / "linkoping.yaml")
    match_all(db, priorities, priorities.version_hash, today=TODAY)
    title = {p.id: p.title for p in priorities.priorities}

    def best_named(call: str) -> dict[str, str]:
        """Priority -> the priority its rank fact names as the call's best (itself when it
        lost nothing), for the call's stored pairs."""
        out = {}
        for m in matches_for_call(db, f"import:ENERGIMYNDIGHETEN-{call}"):
            ranked = [f["reason"] for f in m.eligibility_facts if f["check"] == "rangordning"]
            out[m.priority_id] = (
                ranked[0].split("den bästa är ”")[1].split("”")[0]
                if ranked
                else title[m.priority_id]
            )
        return out

    # Among these Swedish calls, nearly all on energy, a call on heating and cooling is
    # ordinary for energy and stands out a little for schools; among all calls it serves
    # energy and climate, and no pair of it names another priority its best.
    heat = best_named("bidra-till-ett-hallbart-energisystem-genom-varme-och-kyla")
    assert set(heat.values()) == {title["energi-klimat"]}
    # A call on fossil-free transport systems is not offered to gender equality.
    transport = best_named(
        "bidra-till-utvecklingen-av-framtidens-resilienta-och-fossilfria-transportsystem"
    )
    assert title["jamstalldhet"] not in transport.values()
    included = {(m.call_id, m.priority_id) for m in included_matches(db)}
    prefix = "import:ENERGIMYNDIGHETEN-"
    assert (
        f"{prefix}bidra-till-ett-hallbart-energisystem-genom-varme-och-kyla",
        "energi-klimat",
    ) in included


def _every_pair_of_calls_holding(
    phrase: str, titles: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[dict], list[dict]]:
    """The corpus calls whose text holds ``phrase`` (``titles`` differently titled ones),
    matched against the shipped Linköping file with every pair stored: (calls, match rows)."""
    with shared_path("calls", "corpus.jsonl").open(encoding="utf-8") as handle:
        holders = [r for line in handle if phrase in (r := json.loads(line))["description"]]
    assert len({r["title"] for r in holders}) == titles
    priorities = load_priorities(REPO / "priorities" / "linkoping.yaml")
    rows = _every_pair(holders, priorities, tmp_path, monkeypatch)
    assert len(rows) == len(holders) * len(priorities.targets())
    return holders, rows


def _corpus_records(ids: Iterable[str]) -> list[dict]:
    """The real corpus's records with these ids (in the shared data; skips without it)."""
    wanted = set(ids)
    with shared_path("calls", "corpus.jsonl").open(encoding="utf-8") as handle:
        return [r for line in handle if (r := json.loads(line))["id"] in wanted]


def _every_pair(
    records: list[dict], priorities: Priorities, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> list[dict]:
    """The match rows of ``records`` (corpus records) imported into a new database and
    matched against ``priorities`` with every pair stored."""
    db = open_db(tmp_path / "eufunds.db")
    with db.atomic():
        for record in records:
            store_call(db, call_from_record(record, "import"), today=TODAY)
    monkeypatch.setattr(pipeline, "STORE_MIN_SCORE", float("-inf"))
    match_all(db, priorities, priorities.version_hash, today=TODAY)
    return list(db["matches"].rows)


def test_a_digest_quote_is_the_calls_own_text_not_its_work_programmes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three Horizon democracy topics share a sentence of their work programme: every pair
    (all are stored here) quotes what the topic says of itself. Two of them quoted the
    shared sentence before."""
    standard = (
        "Proposals are encouraged to identify other relevant EU-funded projects related to EU "
        "democracy support"
    )
    _, rows = _every_pair_of_calls_holding(standard, 3, tmp_path, monkeypatch)
    assert not any(standard in row["passage"] for row in rows)


def test_a_pair_whose_best_passage_is_all_standard_text_quotes_the_next_that_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four Cities Mission topics end on the same background paragraph. Hydrogen cities'
    passage most like the smart-city priority holds nothing else, so the quote comes from
    its next passage, which says what the topic itself is about."""
    background = "On 28 April 2022, the Commission announced the 100 EU cities"
    holders, rows = _every_pair_of_calls_holding(background, 4, tmp_path, monkeypatch)
    shared = shared_sentences((r["title"], r["description"]) for r in holders)
    # Every pair quotes something of the topic's own.
    assert all(says_its_own(row["passage"], shared) for row in rows)
    hydrogen = next(
        row["passage"]
        for row in rows
        if row["call_id"].endswith("MISS-2027-04-CIT-02")
        and row["target_id"] == "smart-stad-digitalisering"
    )
    assert "July 2023 Communication" not in hydrogen
    assert standard_share(hydrogen, shared) == 0.0  # not a word of the shared background


def test_a_pair_whose_best_passage_is_all_conditions_and_other_work_quotes_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The urban nature topic's passage on its pilot cities ("Pilot sites should be created
    in at least two lead cities"), on building on other projects and on links to the
    Missions' platforms says nothing of what it funds: no pair quotes it, though it is the
    best passage of some (it quoted the pilot sites' sentence before)."""
    pilots = "Pilot sites should be created in at least two lead cities"
    _, rows = _every_pair_of_calls_holding(pilots, 1, tmp_path, monkeypatch)
    assert len(rows) > 10
    assert all(not only_context(row["passage"]) for row in rows)
    assert not any(pilots in row["passage"] for row in rows)


_CLIMATE_CITY = """kommun: Hamnstads kommun
land: SE
nuts: SE224
samordnare: [eu@hamnstad.example]
förvaltningar:
  - id: miljo
    namn: Miljöförvaltningen
    kontakter: [miljo@hamnstad.example]
prioriteringar:
  - id: klimatneutral
    rubrik: Klimatneutral stad 2030
    beskrivning: >
      Staden ska vara klimatneutral år 2030. Vi arbetar med ett klimatkontrakt tillsammans
      med näringslivet, energieffektivisering i byggnader, förnybar energi, fjärrvärme och
      minskade utsläpp av växthusgaser från transporter och byggande.
    förvaltningar: [miljo]
"""


def test_a_quote_from_another_passage_is_not_one_sentence_leaning_on_a_sentence_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A climate-neutral priority and the urban nature topic: its passage most like the
    priority is all conditions and other work, the next holds none of the priority's words,
    and its last passage's one sentence of its own leans on the one before ("It also supports
    the implementation of the Nature Restoration Regulation."). The quote comes from a
    passage that says what the topic funds."""
    # Scored among the Mission topics that share its standard text, which is known so.
    standard = "This action supports the follow-up to the July 2023 Communication"
    with shared_path("calls", "corpus.jsonl").open(encoding="utf-8") as handle:
        holders = [r for line in handle if standard in (r := json.loads(line))["description"]]
    priorities = parse_priorities(_CLIMATE_CITY.encode(), "klimat.yaml")
    rows = _every_pair(holders, priorities, tmp_path, monkeypatch)
    key = ("import:HORIZON-MISS-2027-07-CLIMA-CIT-NEB-01", "klimatneutral")
    row = next(r for r in rows if (r["call_id"], r["target_id"]) == key)
    assert not leans(row["passage"]) and not only_context(row["passage"]), row["passage"]
    assert "green spaces" in row["passage"]


def test_the_search_terms_a_pair_shows_are_those_its_score_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same four Cities Mission topics name the Mission "Climate-Neutral and Smart
    Cities", which the terms read as "Cities Mission": the smart-city priority's "smart
    cities" counts for none of them, and none of its pairs shows it as a matched word."""
    background = "On 28 April 2022, the Commission announced the 100 EU cities"
    holders, rows = _every_pair_of_calls_holding(background, 4, tmp_path, monkeypatch)
    assert all("smart cities" in r["description"].lower() for r in holders)
    smart = [r for r in rows if r["target_id"] == "smart-stad-digitalisering"]
    assert len(smart) == 4
    assert all("smart cities" not in json.loads(r["keywords"]) for r in smart)


def test_a_passage_of_mostly_standard_text_is_no_pairs_best(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same four Cities Mission topics: the passage that is mostly their shared
    background decides no pair's relevance (it was the best passage of some pairs before)."""
    background = "On 28 April 2022, the Commission announced the 100 EU cities"
    _every_pair_of_calls_holding(background, 4, tmp_path, monkeypatch)
    db = open_db(tmp_path / "eufunds.db")
    priorities = load_priorities(REPO / "priorities" / "linkoping.yaml")
    scored = pipeline.score_all(
        db, priorities, priorities.version_hash, SentenceTransformerEncoder(), today=TODAY
    )
    assert scored is not None and scored.shared and scored.passage_starts is not None
    # What the match run found is kept for search, which quotes its hits the same way.
    assert set(read_state(db, STANDARD_SENTENCES)) == set(scored.shared)
    standard = np.array(
        [standard_share(t, scored.shared) >= pipeline.STANDARD_PASSAGE for t in scored.chunk_texts]
    )
    assert standard.any()
    owners = np.repeat(
        np.arange(len(scored.calls)), np.diff(np.append(scored.passage_starts, len(standard)))
    )
    with_own_text = {int(owners[row]) for row in np.flatnonzero(~standard)}
    assert with_own_text == set(range(len(scored.calls)))
    assert not standard[scored.best_chunk].any()
    _, before = relevance(scored.passages, scored.passage_starts, scored.target_vectors, [])
    assert standard[before].any()


def test_a_digest_quote_leaves_out_the_fields_of_a_call_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A managing authority's page opens with its fields (number, dates, budget, programme
    area, region): every pair quotes what the call is for, since the matcher quotes from the
    passage with the page's line breaks back in it, and leaves out who may apply."""
    call = Call(
        source="esf",
        source_id="26-031",
        title=ESF_TITLE,
        programme="ESF+",
        description=ESF_PAGE,
        deadlines=["2026-12-30"],
        languages=["sv"],
    )
    db = open_db(tmp_path / "eufunds.db")
    with db.atomic():
        store_call(db, call, today=TODAY)
    priorities = load_priorities(REPO / "priorities" / "linkoping.yaml")
    monkeypatch.setattr(pipeline, "STORE_MIN_SCORE", float("-inf"))
    match_all(db, priorities, priorities.version_hash, today=TODAY)
    passages = {row["passage"] for row in db["matches"].rows}
    assert passages and all(p.startswith("Utlysningen riktar sig till projekt") for p in passages)
    assert not any("Programområde" in p or "Öppnar" in p for p in passages)
    # Who may apply has a line of its own in the digest: the quote says what the call is for.
    assert not any("Kommuner och regioner" in p for p in passages)


def test_passages_stored_by_another_cut_are_quoted_as_stored() -> None:
    call = Call(source="esf", source_id="1", title="Unga", description="Rad ett.\nRad två.")
    assert pipeline._lined(call, ["Unga. Rad ett. Rad två."]) == ["Unga. Rad ett.\nRad två."]
    # Other words (passages embedded from an earlier version of the text): kept as stored.
    assert pipeline._lined(call, ["Unga. Rad ett."]) == ["Unga. Rad ett."]


@pytest.mark.slow
def test_the_matcher_marks_every_match_of_a_call_without_a_description(tmp_path: Path) -> None:
    """End to end with the real model: interreg.eu's real hits (fields only) get the fact
    "beskrivning" on every stored match and a quote of their fields without who may apply; a
    described corpus call gets none, and an Erasmus+ school call passes by the programme's
    rules."""
    capture = shared_path(
        "samples", "interreg", "interreg_eu_algolia_open_calls__tacowars-fundhunt.json"
    )
    hits = json.loads(capture.read_bytes())["results"][0]["hits"]
    interreg = [call for call in map(call_from_hit, hits) if call is not None]
    school = _records()["ERASMUS-EDU-2026-POL-EXP-T06-SCHOOL-BS"]
    db = open_db(tmp_path / "eufunds.db")
    with db.atomic():
        for call in [*interreg, call_from_record(school, "import")]:
            store_call(db, call, today=TODAY)
    priorities = load_priorities(REPO / "priorities" / "linkoping.yaml")
    match_all(db, priorities, priorities.version_hash, today=TODAY)
    for call in interreg:
        stored = matches_for_call(db, call.key)
        assert stored
        for m in stored:
            assert any(f["check"] == "beskrivning" for f in m.eligibility_facts), m
            assert m.passage.startswith("Themes:") and "Who may apply" not in m.passage
    erasmus = matches_for_call(db, f"import:{school['id']}")
    assert erasmus and not any(
        f["check"] == "beskrivning" for m in erasmus for f in m.eligibility_facts
    )
    applicants = next(f for f in erasmus[0].eligibility_facts if f["check"] == "sökande")
    assert applicants["result"] == "pass" and applicants["reason"].startswith("Erasmus+:")


THIRD_MUNICIPALITY = """\
kommun: Jönköpings kommun
land: SE
nuts: SE211
samordnare: [eu@kommun.example]
förvaltningar:
  - id: naringsliv
    namn: Näringslivskontoret
    kontakter: [naringsliv@kommun.example]
  - id: utbildning
    namn: Utbildningsförvaltningen
    kontakter: [utbildning@kommun.example]
prioriteringar:
  - id: besoksnaring
    rubrik: Besöksnäring och platsvarumärke
    beskrivning: >
      Besöksnäring och platsvarumärke: fler besökare, evenemang och möten, kulturarv och
      natur som reseanledning.
    förvaltningar: [naringsliv]
  - id: skola
    rubrik: Alla barn och elever ska nå målen
    beskrivning: >
      Alla barn och elever ska nå målen: tidiga insatser i förskolan, läs- och skrivförmåga,
      studiero, minskad skolfrånvaro och likvärdig skola.
    förvaltningar: [utbildning]
  - id: klimat
    rubrik: Klimat och energi
    beskrivning: >
      Klimat och energi: minskade utsläpp, energieffektivisering i kommunens fastigheter,
      solenergi och fossilfria transporter.
    förvaltningar: [naringsliv]
"""


def test_a_quote_speaks_of_the_priority_in_its_english_terms(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file without English keywords: its Swedish words are not in an English call, so its
    quotes were chosen blind. The glossary's English terms choose them now: the cultural
    tourism topic's passage most like the visitors priority says nothing of tourism, and its
    next one does (it quoted a sentence on knowledge exchange among researchers before); the
    civic education topic is quoted for the school priority by its sentence on schools'
    citizenship education (a sentence on parents and caregivers before). A quote is of
    whole sentences where the passage cut them (the harbours topic)."""
    wanted = {
        "HORIZON-CL2-2027-01-HERITAGE-06",
        "HORIZON-CL2-2027-01-DEMOCRACY-03",
        "HORIZON-MISS-2027-03-OCEAN-03",
    }
    records = _corpus_records(wanted)
    assert len(records) == len(wanted)
    db = open_db(tmp_path / "eufunds.db")
    with db.atomic():
        for record in records:
            store_call(db, call_from_record(record, "import"), today=TODAY)
    (tmp_path / "prioriteringar.yaml").write_text(THIRD_MUNICIPALITY, encoding="utf-8")
    priorities = load_priorities(tmp_path / "prioriteringar.yaml")
    monkeypatch.setattr(pipeline, "STORE_MIN_SCORE", float("-inf"))
    match_all(db, priorities, priorities.version_hash, today=TODAY)
    quoted = {
        (row["call_id"].split(":")[-1], row["target_id"]): row["passage"]
        for row in db["matches"].rows
    }
    tourism = quoted["HORIZON-CL2-2027-01-HERITAGE-06", "besoksnaring"]
    assert "tourism" in tourism and "knowledge exchange mechanisms" not in tourism
    civic = quoted["HORIZON-CL2-2027-01-DEMOCRACY-03", "skola"]
    assert "schools" in civic and "parents and caregivers (legal guardians)" not in civic
    # The harbours topic's passage most like the visitors priority holds the end of a sentence
    # begun in the passage before and the start of one ended in the next: it was quoted by the
    # piece "… at least 4 ‘associated regions’ (represented by"; now by whole sentences (a
    # long one shortened at its end, as any quote is).
    harbours = quoted["HORIZON-MISS-2027-03-OCEAN-03", "besoksnaring"]
    assert harbours[:1].isupper() and harbours.endswith((".", "…")), harbours
    assert "(represented by" not in harbours


_VET_AND_ABROAD = """kommun: Kuststads kommun
land: SE
nuts: SE224
samordnare: [eu@kuststad.example]
förvaltningar:
  - id: utbildning
    namn: Utbildningsförvaltningen
    kontakter: [utbildning@kuststad.example]
  - id: internationellt
    namn: Internationella kontoret
    kontakter: [int@kuststad.example]
prioriteringar:
  - id: gymnasium
    rubrik: Gymnasium och vuxenutbildning
    beskrivning: >
      Fler unga fullföljer gymnasiet. Yrkesutbildning, lärlingsutbildning och
      vuxenutbildning som motsvarar arbetsgivarnas behov.
    förvaltningar: [utbildning]
  - id: internationellt
    rubrik: Internationellt samarbete
    beskrivning: >
      Internationellt samarbete med våra vänorter och utbyten för unga och lärare.
    förvaltningar: [internationellt]
  - id: beredskap
    rubrik: Krisberedskap
    beskrivning: Krisberedskap, civilt försvar och skydd av samhällsviktig verksamhet.
    förvaltningar: [utbildning]
"""
_DONE_ABROAD = {  # the words of each call's text that place its work outside the EU
    "ERASMUS-EDU-2026-CB-VET-WB": "Western Balkans",
    "ERASMUS-EDU-2026-VIRT-EXCH-WB": "Western Balkans",
    "ESC-HUMAID-2026-VOLUN": "humanitarian aid",
}
_DONE_AT_HOME = ["ERASMUS-EDU-2026-PEX-COVE", "ERASMUS-EDU-2026-POL-EXP-T07-VET-BS"]


def test_a_call_done_outside_the_eu_serves_international_work_not_the_schools_at_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Real calls: capacity building for vocational education in the Western Balkans, virtual
    exchanges there and volunteering in humanitarian aid, beside two Erasmus+ calls for
    vocational education in Europe. For the upper-secondary priority and the preparedness
    one each call done abroad loses a failed check's weight, stays out of the digest and
    says why; the priority on international cooperation keeps it as it was."""
    wanted = {*_DONE_ABROAD, *_DONE_AT_HOME}
    records = _corpus_records(wanted)
    assert {r["id"] for r in records} == wanted
    priorities = parse_priorities(_VET_AND_ABROAD.encode(), "kuststad.yaml")
    stored = _every_pair(records, priorities, tmp_path, monkeypatch)
    rows = {(r["call_id"].removeprefix("import:"), r["target_id"]): r for r in stored}
    assert len(rows) == len(wanted) * 3
    for (call, target), row in rows.items():
        said = [f for f in json.loads(row["eligibility_facts"]) if f["check"] == "utanför EU"]
        if call in _DONE_ABROAD and target != "internationellt":
            assert len(said) == 1, row
            assert said[0]["reason"].startswith(
                "Poängen är sänkt med 4,0 (lika mycket som för ett villkor som inte uppfylls): "
                f"arbetet görs utanför EU (texten: ”{_DONE_ABROAD[call]}”)"
            ), said[0]["reason"]
            assert not row["included"], row
        else:
            assert not said, row
    # The international priority is where the calls done abroad go, and a strong one there
    # stays in its digest.
    international = {call: rows[(call, "internationellt")] for call in _DONE_ABROAD}
    assert all(r["score"] > rows[(c, "gymnasium")]["score"] for c, r in international.items())
    assert any(r["included"] for r in international.values())


_OWNED_BY = """kommun: Ängby kommun
land: SE
nuts: SE110
samordnare: [eu@angby.example]
förvaltningar:
  - id: bygg
    namn: {owner}
    kontakter: [bygg@angby.example]
  - id: skola
    namn: Utbildningsförvaltningen
    kontakter: [skola@angby.example]
  - id: naring
    namn: Näringslivskontoret
    kontakter: [naring@angby.example]
prioriteringar:
  - id: miljo
    rubrik: Miljö, energi och klimat
    beskrivning: >
      Ett grönare och resurssnålare samhälle: miljöfrågor, energi och klimatarbete.
    förvaltningar: [bygg]
  - id: skola
    rubrik: Skolan
    beskrivning: Elevers kunskaper och skolutveckling.
    förvaltningar: [skola]
  - id: naring
    rubrik: Företagande
    beskrivning: Nya och växande företag och entreprenörskap.
    förvaltningar: [naring]
"""

_TOWN_TOPICS = (
    "HORIZON-NEB-2027-01-REGEN-03",
    "HORIZON-NEB-2027-02-NEB-SOIL-01",
    "HORIZON-CL5-2026-02-D4-03",
)
_OTHER_TOPICS = ("LIFE-2026-SAP-ENV-GOV", "LIFE-2026-SAP-ENV-ENVIRONMENT")


def test_the_planning_office_that_owns_a_priority_brings_the_towns_topics_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An environment priority whose text names no town, owned by the planning office: the
    real topics on neighbourhoods around transport corridors and on soil sealing in urban
    design score higher for it than when a holding company owns it, through the office's
    terms (urban development, spatial planning, built environment). LIFE's environment
    topics, which the priority's own words already find, hardly move."""
    with shared_path("calls", "corpus.jsonl").open(encoding="utf-8") as handle:
        corpus = [json.loads(line) for line in handle]
    wanted = {*_TOWN_TOPICS, *_OTHER_TOPICS}
    records = [r for n, r in enumerate(corpus) if r["id"] in wanted or n % 50 == 0]
    scores = {}
    for owner in ("Samhällsbyggnadsförvaltningen", "Ängbybolagen AB"):
        folder = tmp_path / owner[:5]
        folder.mkdir()
        file = parse_priorities(_OWNED_BY.format(owner=owner).encode(), "angby.yaml")
        rows = _every_pair(records, file, folder, monkeypatch)
        scores[owner] = {
            row["call_id"].removeprefix("import:"): row
            for row in rows
            if row["target_id"] == "miljo"
        }
    planners, company = scores["Samhällsbyggnadsförvaltningen"], scores["Ängbybolagen AB"]
    for topic in _TOWN_TOPICS:
        assert planners[topic]["score"] >= company[topic]["score"] + 0.5, topic
    for topic in _OTHER_TOPICS:
        assert abs(planners[topic]["score"] - company[topic]["score"]) < 0.4, topic
    # The pair says which terms the office's name gave, and whose name it is.
    building = planners["HORIZON-CL5-2026-02-D4-03"]
    assert "built environment" in json.loads(building["keywords"])
    (said,) = [f for f in json.loads(building["eligibility_facts"]) if f["check"] == "söktermer"]
    assert re.search(
        r"Söktermen ”built environment” kommer från namnet på förvaltningen som äger "
        r"prioriteringen \(Samhällsbyggnadsförvaltningen\)\.$",
        said["reason"],
    ), said
    assert not any(
        "kommer från" in f["reason"]
        for row in company.values()
        for f in json.loads(row["eligibility_facts"])
    )
    # A quote speaks of the priority in its own words, whoever owns it.
    assert all(planners[t]["passage"] == company[t]["passage"] for t in planners)


def test_the_explanation_names_every_owning_department_whose_name_gave_the_terms() -> None:
    """One term from one department's name, and several from the names of two departments
    that each own only this priority: the sentence lists the terms as Swedish lists them and
    names every department."""
    one = pair_facts._owners_said(["built environment"], ("Samhällsbyggnadskontoret",))
    assert one == (
        "Söktermen ”built environment” kommer från namnet på förvaltningen som äger "
        "prioriteringen (Samhällsbyggnadskontoret)."
    )
    two = pair_facts._owners_said(
        ["labour market", "adult education", "urban development"],
        ("Arbetsmarknadsförvaltningen", "Samhällsbyggnadskontoret"),
    )
    assert two == (
        "Söktermerna ”labour market”, ”adult education” och ”urban development” kommer från "
        "namnen på förvaltningarna som äger prioriteringen (Arbetsmarknadsförvaltningen, "
        "Samhällsbyggnadskontoret)."
    )


_MOUNTAIN_TOWN = """kommun: Fjällby kommun
land: SE
nuts: SE322
samordnare: [eu@fjallby.example]
förvaltningar:
  - id: naringsliv
    namn: Näringslivskontoret
    kontakter: [naringsliv@fjallby.example]
  - id: samhallsbyggnad
    namn: Samhällsbyggnadsförvaltningen
    kontakter: [sb@fjallby.example]
prioriteringar:
  - id: besoksnaring
    rubrik: Hållbar besöksnäring i fjällen
    beskrivning: >
      En året runt-besöksnäring som tar hand om fjällmiljön: friluftsliv, leder, vintersport
      och små turistföretag som växer.
    förvaltningar: [naringsliv]
  - id: samiska
    rubrik: Samiskt förvaltningsområde
    beskrivning: >
      Samiska språket och kulturen ska leva: modersmål, förskola på samiska och samråd med
      samebyarna.
    förvaltningar: [naringsliv]
  - id: resor
    rubrik: Resor på landsbygden
    beskrivning: Kollektivtrafik, anropsstyrd trafik och samåkning där bussarna går sällan.
    förvaltningar: [samhallsbyggnad]
"""
_WORDS_OF = {  # real calls: the pairs whose call uses some of the priority's words
    "HORIZON-MISS-2027-03-OCEAN-04": {"besoksnaring"},  # tourism
    "HORIZON-NEB-2027-01-REGEN-02": set(),  # construction sites
    "HORIZON-MISS-2027-04-CIT-02": {"resor"},  # hydrogen cities: "transport"
    # Swedish calls: the glossary's "transport" of "transportpolitiska"
    "ENERGIMYNDIGHETEN-morgondagens-transportpolitiska-beslutsstod": {"resor"},
    "ENERGIMYNDIGHETEN-inbjudan-att-lamna-in-projektforslag-inom-omradet-energiplanering": set(),
    "ENERGIMYNDIGHETEN-bidrag-till-nationella-och-regionala-funktioner-inom-den-kommunala-"
    "energi--och-klimatradgivningen-2026-2027": set(),
}


def test_a_pair_whose_call_uses_none_of_the_prioritys_words_stays_out_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Real calls against a mountain town's three priorities. A pair enters a digest only
    where the call uses some of the priority's words: its English search terms, a keyword,
    or for a Swedish call the glossary's terms for its text. Without them e5's likeness
    alone put a construction-site topic in the tourism digest and the Swedish Energy Agency's
    energy planning in the Sami language one; a pair held back for it whose score reaches
    möjlig says so in `eufunds show`."""
    records = _corpus_records(_WORDS_OF)
    assert {r["id"] for r in records} == set(_WORDS_OF)
    priorities = parse_priorities(_MOUNTAIN_TOWN.encode(), "fjallby.yaml")
    stored = _every_pair(records, priorities, tmp_path, monkeypatch)
    rows = {(r["call_id"].removeprefix("import:"), r["target_id"]): r for r in stored}
    assert len(rows) == len(_WORDS_OF) * 3
    explained = 0
    for (call, target), row in rows.items():
        said = [
            f for f in json.loads(row["eligibility_facts"]) if f["check"] == "inga gemensamma ord"
        ]
        if target in _WORDS_OF[call]:
            assert not said, row
            assert json.loads(row["keywords"]), row  # the match names the words it uses
            continue
        assert not row["included"], row  # whatever its score
        assert bool(said) == (row["score"] >= 2.5), row
        if said:
            assert said[0]["reason"].startswith(
                "Utlysningen använder inga av prioriteringens ord (nyckelord eller söktermer)"
            )
            explained += 1
    assert explained  # some wordless pair reaches möjlig: the gate is what keeps it out
    # A Swedish call's words are the glossary's for its text: "transport" of
    # "transportpolitiska", as `eufunds show` lists them.
    swedish = rows[("ENERGIMYNDIGHETEN-morgondagens-transportpolitiska-beslutsstod", "resor")]
    assert "transport" in json.loads(swedish["keywords"])


_FOREST_TOWN = """kommun: Skogsbygdens kommun
land: SE
nuts: SE311
samordnare: [eu@skogsbygd.example]
förvaltningar:
  - id: ks
    namn: Kommunledningskontoret
    kontakter: [ks@skogsbygd.example]
prioriteringar:
  - id: landsbygd
    rubrik: Levande landsbygd
    beskrivning: Service på landsbygden, lanthandel och mötesplatser i hela kommunen.
    förvaltningar: [ks]
  - id: skola
    rubrik: Skolan
    beskrivning: Små skolor med god kvalitet och fler behöriga lärare.
    förvaltningar: [ks]
"""


def test_a_prioritys_swedish_word_is_no_evidence_in_an_english_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file without ``nyckelord``: its priorities' own Swedish words count in Swedish calls
    only. "Service på landsbygden" found every English call's "services" (a LIFE call on
    one-stop shops for energy renovation stood in the rural digest by it); the county's
    Swedish call on service in sparsely populated areas keeps it, and an English call on
    rural areas is found by the glossary's terms."""
    ids = {
        "LIFE-2026-CET-OSS",
        "HORIZON-CL6-2026-02-COMMUNITIES-01",
        "LANSSTYRELSEN-OSTERGOTLAND-REGIONAL-TILLVAXT",
    }
    records = _corpus_records(ids)
    assert {r["id"] for r in records} == ids
    priorities = parse_priorities(_FOREST_TOWN.encode(), "skogsbygd.yaml")
    stored = _every_pair(records, priorities, tmp_path, monkeypatch)
    rows = {
        r["call_id"].removeprefix("import:"): r for r in stored if r["target_id"] == "landsbygd"
    }
    one_stop = rows["LIFE-2026-CET-OSS"]
    assert "service" not in json.loads(one_stop["keywords"]) and not one_stop["included"]
    rural = json.loads(rows["HORIZON-CL6-2026-02-COMMUNITIES-01"]["keywords"])
    assert "rural areas" in rural and "service" not in rural
    county = json.loads(rows["LANSSTYRELSEN-OSTERGOTLAND-REGIONAL-TILLVAXT"]["keywords"])
    assert "service" in county


_LAKE_TOWN = """kommun: Sjöstads kommun
land: SE
nuts: SE123
samordnare: [eu@sjostad.example]
förvaltningar:
  - id: teknik
    namn: Tekniska förvaltningen
    kontakter: [teknik@sjostad.example]
prioriteringar:
  - id: vatten
    rubrik: Rent vatten
    beskrivning: Dricksvatten, avloppsrening och dagvatten när skyfallen blir fler.
    förvaltningar: [teknik]
  - id: cykel
    rubrik: Cykelstaden
    beskrivning: Säkra cykelvägar, cykelparkering och cykelpendling till jobbet.
    förvaltningar: [teknik]
"""


def test_a_call_of_the_municipalitys_own_area_no_priority_takes_reaches_the_coordinator(
    tmp_path: Path,
) -> None:
    """The ESF Council's real announcement of coming calls in Östra Mellansverige, the
    programme region of a town in Östergötland whose two priorities (water, cycling) it
    serves neither: it is the region's own money, so the coordinator's digest lists it under
    its own heading, and no department's does. Interreg Baltic Sea Region's project
    platforms, which the water priority takes, are the coordinator's new calls instead, and
    a biotech research topic no priority takes is open to anyone anywhere: not listed."""
    from notifier.digest import COORDINATOR, collect_digest

    wanted = {"ESF-OMS-PO2-KOMMANDE", "EUROACCESS-2193", "HORIZON-JU-CBE-2026-IA-01"}
    records = _corpus_records(wanted)
    assert {r["id"] for r in records} == wanted
    db = open_db(tmp_path / "eufunds.db")
    day = date(2025, 10, 1)  # the platforms' call is open (deadline 20 November 2025)
    with db.atomic():
        for record in records:
            store_call(db, call_from_record(record, "import"), today=day)
    priorities = parse_priorities(_LAKE_TOWN.encode(), "sjostad.yaml")
    match_all(db, priorities, priorities.version_hash, today=day)
    assert {m.call_id for m in included_matches(db)} == {"import:EUROACCESS-2193"}
    now = "2025-10-01T05:00:00+00:00"
    coordinator = collect_digest(db, priorities, COORDINATOR, "2025-W40", day, now=now)
    assert [i.call_id for i in coordinator.own_area] == ["import:ESF-OMS-PO2-KOMMANDE"]
    assert [i.call_id for i in coordinator.new] == ["import:EUROACCESS-2193"]
    (item,) = coordinator.own_area
    assert item.notes[0] == "Regionen ingår: Östra Mellansverige (SE12)."
    assert item.notes[1].startswith("Ingen prioritering tog den; närmast: ")
    digest = collect_digest(db, priorities, "teknik", "2025-W40", day, now=now)
    assert not digest.own_area
    assert [i.call_id for i in digest.items] == ["import:EUROACCESS-2193"]
    # The coordinator passes it on, as the section says: marked interested for the
    # department, it is a new call of the department's next digest, and no longer the
    # coordinator's own-area call.
    from db.marks import add_mark
    from notifier.build import build_digests

    build_digests(db, priorities, week="2025-W40", today=day, now=now)
    esf = "import:ESF-OMS-PO2-KOMMANDE"
    add_mark(db, esf, "interested", marked_by="test", marked_at=now, department="teknik")
    match_all(db, priorities, priorities.version_hash, today=day)
    later, then = date(2025, 10, 8), "2025-10-08T05:00:00+00:00"
    digest = collect_digest(db, priorities, "teknik", "2025-W41", later, now=then)
    assert esf in {i.call_id for i in digest.new} | {i.call_id for i in digest.watch}
    coordinator = collect_digest(db, priorities, COORDINATOR, "2025-W41", later, now=then)
    assert esf not in {i.call_id for i in coordinator.own_area}


def test_a_pair_enters_a_digest_only_by_words_its_match_lists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Real calls against Linköping's file. A word of a longer term is no word of the
    priority's for a digest: "people" of "people to people" took a call on forests and
    people, and one on a dialogue with people in poverty, into the youth exchanges digest,
    and "points" of "recharging points" a call on border crossing points into a transport
    one, each listing no word. Every included pair lists the words it shares."""
    wanted = {
        "ESF-2027-PEP-ENGAGEMENT",
        "FORMAS-2025-12-16-forests-and-people-towards-a-more-robust-knowledge-base-on-health-"
        "well-being-and-small-scale-private-forest-owners",
        "PPPA-2026-BRIDGEFOREU2",
        "HORIZON-CL5-2026-10-D6-07",  # CIVITAS: urban mobility, for several priorities
    }
    records = _corpus_records(wanted)
    assert {r["id"] for r in records} == wanted
    priorities = load_priorities(REPO / "priorities" / "linkoping.yaml")
    rows = _every_pair(records, priorities, tmp_path, monkeypatch)
    included = [r for r in rows if r["included"]]
    assert included  # CIVITAS, at least
    for row in included:
        assert json.loads(row["keywords"]), row
    # The gate reads the call as the listed words do: a pair it lets through lists words.
    db = open_db(tmp_path / "eufunds.db")
    encoder = SentenceTransformerEncoder()
    scored = pipeline.score_all(db, priorities, priorities.version_hash, encoder, today=TODAY)
    assert scored is not None and scored.parts is not None
    targets = [t.target_id for t in scored.targets]
    by_pair = {(r["call_id"], r["target_id"]): r for r in rows}
    for i, call_id in enumerate(scored.call_ids):
        for j, target in enumerate(targets):
            if scored.parts.shown[i, j]:
                assert json.loads(by_pair[call_id, target]["keywords"]), (call_id, target)
    youth = targets.index("ungdom-people-to-people")
    for call in ("ESF-2027-PEP-ENGAGEMENT", next(c for c in wanted if c.startswith("FORMAS"))):
        i = scored.call_ids.index(f"import:{call}")
        assert scored.parts.terms[i, youth] > 0  # the score counts "people" ...
        assert not scored.parts.shown[i, youth]  # ... but no word of the priority's is shown
        assert not by_pair[f"import:{call}", "ungdom-people-to-people"]["included"]


_SAFE_TOWN = """kommun: Tryggby kommun
land: SE
nuts: SE231
samordnare: [eu@tryggby.example]
förvaltningar:
  - id: ks
    namn: Kommunstyrelsens förvaltning
    kontakter: [ks@tryggby.example]
prioriteringar:
  - id: trygghet
    rubrik: Trygghet och beredskap
    beskrivning: Brottsförebyggande arbete, trygga offentliga miljöer och en kommun som
      klarar kriser.
    förvaltningar: [ks]
  - id: cykel
    rubrik: Cykelstaden
    beskrivning: Säkra cykelvägar, cykelparkering och cykelpendling till jobbet.
    förvaltningar: [ks]
"""


def test_the_words_a_match_lists_are_read_where_the_score_reads_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Internal Security Fund's real call on corruption says "security" only in its
    programme's name, which the score reads: its safety pair lists the word, as every pair
    the words gate lets through lists some."""
    with shared_path("calls", "corpus.jsonl").open(encoding="utf-8") as handle:
        records = [
            r for line in handle if (r := json.loads(line))["id"] == "ISF-2026-TF2-AG-CORRUPT"
        ]
    assert len(records) == 1 and "security" not in records[0]["description"].lower()
    priorities = parse_priorities(_SAFE_TOWN.encode(), "tryggby.yaml")
    rows = {r["target_id"]: r for r in _every_pair(records, priorities, tmp_path, monkeypatch)}
    assert "security" in json.loads(rows["trygghet"]["keywords"])
