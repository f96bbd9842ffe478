"""The shipped priorities files, the commented example and the JSON Schema."""

from __future__ import annotations

import json
import re
from pathlib import Path

from priorities import DEFAULT_FILE, SHIPPED, load_priorities, parse_priorities
from priorities.schema import SCHEMA_FILE, json_schema, schema_text

REPO = Path(__file__).resolve().parent.parent


def test_linkoping_file_is_valid_and_covers_the_seed_subjects() -> None:
    p = load_priorities(SHIPPED / "linkoping.yaml")
    assert DEFAULT_FILE == SHIPPED / "linkoping.yaml"
    assert (p.municipality, p.country, p.nuts) == ("Linköpings kommun", "SE", "SE123")
    assert {d.name for d in p.departments} >= {
        "Miljö- och samhällsbyggnadsförvaltningen",
        "Utbildningsförvaltningen",
        "Tekniska Verken i Linköping AB",
    }
    ids = {t.target_id for t in p.targets()}
    for subject in (
        "energi-klimat",
        "avlopp-biogas",
        "hallbar-stadsutveckling",
        "medborgardialog-demokrati",
        "jamstalldhet",
        "utbildning-skolutbyten",
        "innovation-naringsliv",
        "universitetssamverkan",
        "ungdom-people-to-people",
        "smart-stad-digitalisering",
        "verksamhetsutveckling-kunskapsutbyten",
        "omvarldsbevakning-paverkan",
        "profilering-investeringar",
    ):
        assert subject in ids
    # Contacts only on the reserved example domain.
    addresses = [c for d in p.departments for c in d.contacts] + p.coordinator
    assert addresses and all(a.endswith("@linkoping.example") for a in addresses)


def test_sodertalje_file_has_the_four_inriktningsmal() -> None:
    p = load_priorities(SHIPPED / "sodertalje.yaml")
    assert [x.id for x in p.priorities] == [
        "naringsliv",
        "social-innovation",
        "miljo-energi-klimat",
        "utbildning-skola",
    ]
    assert p.municipality == "Södertälje kommun"
    assert all(a.endswith("sodertalje.example") for d in p.departments for a in d.contacts)
    # The international office coordinates (samordnare: it gets the coordinator's digest of
    # every match); each department and Telge AB owns a priority of its own.
    assert p.coordinator == ["internationella.kontoret@sodertalje.example"]
    owners = {d for x in p.priorities for d in x.departments}
    assert [d.id for d in p.departments if d.id not in owners] == []


def test_example_file_is_valid() -> None:
    p = load_priorities(SHIPPED / "exempel.yaml")
    assert p.priorities[0].goals[0].keywords == ["utsläpp", "greenhouse gas emissions"]


def test_committed_schema_is_up_to_date() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "priorities/schema.json is stale: run `python -m priorities.schema`"
    )


def test_schema_uses_the_swedish_keys_and_forbids_others() -> None:
    schema = json_schema()
    assert schema["required"] == ["kommun", "land", "nuts", "förvaltningar", "prioriteringar"]
    assert schema["additionalProperties"] is False
    priority = schema["$defs"]["Priority"]
    assert set(priority["properties"]) == {
        "id",
        "rubrik",
        "beskrivning",
        "förvaltningar",
        "nämndmål",
        "nyckelord",
        "uteslutna_söktermer",
    }
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))["title"] == (
        "Prioriteringsfil för eufunds"
    )


def test_the_schema_lets_editors_write_the_inhabitants_the_way_the_loader_reads_them() -> None:
    # An editor underlining "167 000" would tell staff to change what the loader accepts.
    field = json_schema()["$defs"]["ApplicantProfile"]["properties"]["invånare"]
    kinds = {alternative["type"]: alternative for alternative in field["anyOf"]}
    assert set(kinds) == {"integer", "string", "null"} and kinds["integer"]["minimum"] == 1
    pattern = re.compile(kinds["string"]["pattern"])
    example = (SHIPPED / "exempel.yaml").read_text(encoding="utf-8")
    assert "invånare: 167000" in example
    for written in ("167 000", "1 250 000", "167\u00a0000"):
        assert pattern.search(written)
        text = example.replace("invånare: 167000", f"invånare: '{written}'")
        p = parse_priorities(text, "exempel.yaml")
        assert p.applicant_profile is not None
        assert p.applicant_profile.population == int(re.sub(r"\s", "", written))
    for wrong in ("många", "167000 invånare", "16 70 00", "ca 167 000"):
        assert not pattern.search(wrong), wrong


def test_priorities_package_imports_nothing_of_the_project() -> None:
    for module in (REPO / "priorities").glob("*.py"):
        source = module.read_text(encoding="utf-8")
        for other in ("app", "db", "crawler", "matcher", "notifier", "click", "rich"):
            assert f"\nimport {other}" not in source and f"\nfrom {other}" not in source, module


def test_readme_minimal_example_is_valid() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Prioriteringsfilen", 1)[1]
    block = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    p = parse_priorities(block, "README.md")
    assert [t.target_id for t in p.targets()] == ["klimat-energi", "mbn-1"]
