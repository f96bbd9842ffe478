"""``eufunds priorities check|show|history`` and the priorities line of ``eufunds status``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from priorities import SHIPPED
from tests.test_priorities_loader import MINIMAL


@pytest.fixture(autouse=True)
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EUFUNDS_DB", str(tmp_path / "eufunds.db"))
    monkeypatch.setenv("EUFUNDS_TODAY", "2026-11-20")
    monkeypatch.delenv("EUFUNDS_PRIORITIES", raising=False)


@pytest.fixture
def file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "prio.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    monkeypatch.setenv("EUFUNDS_PRIORITIES", str(path))
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def test_check_valid_file(file: Path) -> None:
    code, out, _ = run("priorities", "check", str(file))
    assert code == 0
    assert out == f"{file}: filen är giltig (1 prioritering, 1 nämndmål, 1 förvaltning)\n"


def test_check_defaults_to_the_shipped_linkoping_file() -> None:
    code, out, _ = run("priorities", "check")
    assert code == 0
    assert out.startswith(f"{SHIPPED / 'linkoping.yaml'}: filen är giltig (13 prioriteringar")


@pytest.mark.parametrize("name", ["linkoping", "sodertalje", "exempel"])
def test_check_of_each_shipped_file_is_clean(name: str) -> None:
    # Valid, and no warning: every department owns a priority, so none waits for nothing.
    code, out, err = run("priorities", "check", str(SHIPPED / f"{name}.yaml"))
    assert code == 0 and "filen är giltig" in out
    assert err == "", err
    code, out, _ = run("priorities", "check", str(SHIPPED / f"{name}.yaml"), "--json")
    assert code == 0 and json.loads(out)["warnings"] == []


def test_check_warns_of_a_department_that_owns_no_priority(file: Path) -> None:
    text = file.read_text(encoding="utf-8").replace(
        "förvaltningar:\n",
        "förvaltningar:\n  - id: kultur\n    namn: Kulturförvaltningen\n"
        "    kontakter: [kultur@kommun.example]\n",
        1,
    )
    file.write_text(text, encoding="utf-8")
    code, out, err = run("priorities", "check", str(file))
    assert code == 0 and "filen är giltig (1 prioritering, 1 nämndmål, 2 förvaltningar)" in out
    assert err == (
        "varning: Förvaltningen kultur äger ingen prioritering och får därför inga träffar; "
        "lägg till 'kultur' under förvaltningar: på de prioriteringar den ansvarar för.\n"
    )
    code, out, _ = run("priorities", "check", str(file), "--json")
    assert code == 0 and json.loads(out)["warnings"] == [err.removeprefix("varning: ").strip()]


def test_check_invalid_file_lists_every_error_with_its_line_and_exits_3(file: Path) -> None:
    file.write_text(
        MINIMAL.replace("rubrik:", "rubirk:").replace("land: SE", "land: Sverige"),
        encoding="utf-8",
    )
    code, out, err = run("priorities", "check", str(file))
    assert code == 3
    assert out.splitlines() == [
        f"{file}:2:7: land 'Sverige' är ingen landskod; skriv två versaler enligt ISO 3166, "
        "t.ex. SE",
        "    land: Sverige",
        "          ^",
        f"{file}:9:5: 'rubrik' saknas i prioriteringen 'klimat-energi'; lägg till en rad med "
        "en kort rubrik",
        "      - id: klimat-energi",
        "        ^",
        f"{file}:10:5: okänd nyckel 'rubirk' i prioriteringen 'klimat-energi'; menade du 'rubrik'?",
        "        rubirk: Klimatneutral kommun",
        "        ^",
    ]
    assert "3 fel" in err
    code, out, _ = run("priorities", "check", str(file), "--json")
    assert code == 3
    data = json.loads(out)
    assert data["valid"] is False
    assert [(i["line"], i["column"]) for i in data["issues"]] == [(2, 7), (9, 5), (10, 5)]


def test_check_missing_file_or_a_folder_exits_3(tmp_path: Path) -> None:
    code, out, _ = run("priorities", "check", str(tmp_path / "nej.yaml"))
    assert code == 3
    assert "filen finns inte" in out
    code, out, _ = run("priorities", "check", str(tmp_path))
    assert code == 3
    assert out == f"{tmp_path}:1:1: detta är en mapp, inte en fil; ange prioriteringsfilen\n"


def test_show_a_file_as_json(file: Path) -> None:
    code, out, _ = run("priorities", "show", str(file), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["municipality"] == "Linköpings kommun"
    assert data["priorities"][0]["id"] == "klimat-energi"
    assert data["priorities"][0]["department_names"] == ["Miljö- och samhällsbyggnadsförvaltningen"]
    assert data["priorities"][0]["goals"][0]["id"] == "mbn-1"
    assert data["fallback"] is False
    # The region the file's NUTS code names, so a wrong code shows.
    assert (data["nuts"], data["region"]) == ("SE123", "Östergötlands län")
    code, out, _ = run("priorities", "show", str(file))
    assert out.startswith("Linköpings kommun (SE, NUTS SE123: Östergötlands län)")
    file.write_text(MINIMAL.replace("nuts: SE123", "nuts: SE12"), encoding="utf-8")
    code, out, _ = run("priorities", "show", str(file), "--json")
    assert json.loads(out)["region"] == "Östra Mellansverige"


def _add_priority(file: Path, priority_id: str, description: str) -> None:
    """Append a priority that the file's one department owns too."""
    added = (
        f"  - id: {priority_id}\n"
        f"    rubrik: {priority_id.capitalize()}\n"
        f"    beskrivning: {description}\n"
        "    förvaltningar: [miljo]\n"
    )
    file.write_text(file.read_text(encoding="utf-8") + added, encoding="utf-8")


def test_show_says_which_search_terms_the_owning_departments_name_gives(file: Path) -> None:
    code, out, _ = run("priorities", "show", str(file), "--json")
    (priority,) = json.loads(out)["priorities"]
    given = ["environment", "environmental", "urban development", "spatial planning"]
    assert priority["department_terms"][:4] == given
    assert set(given) <= set(priority["search_terms"])
    assert "urban development" in priority["goals"][0]["search_terms"]
    code, out, _ = run("priorities", "show", str(file))
    assert code == 0 and "Varav från förvaltningens namn" in out and "urban development" in out
    # A second priority of the same department: its name no longer tells them apart.
    _add_priority(file, "vatten", "Rent dricksvatten och avloppsrening.")
    code, out, _ = run("priorities", "show", str(file), "--json")
    assert code == 0, out
    priorities = json.loads(out)["priorities"]
    assert [p["department_terms"] for p in priorities] == [[], []]
    assert "urban development" not in priorities[0]["search_terms"]


def test_show_says_which_priorities_are_about_work_across_borders(file: Path) -> None:
    """The coordinator sees which priorities keep calls done outside the EU in their digests,
    as matching reads it; leaving the term out takes the standing away."""
    _add_priority(file, "utbyten", "Utbyten med skolor i andra länder.")
    code, out, _ = run("priorities", "show", str(file), "--json")
    assert [p["international"] for p in json.loads(out)["priorities"]] == [False, True]
    code, out, _ = run("priorities", "show", str(file))
    assert code == 0 and "Internationell" in out and "utanför EU" in out
    owner = "    förvaltningar: [miljo]\n"
    left_out = owner + "    uteslutna_söktermer: [exchanges, school exchanges]\n"
    text = file.read_text(encoding="utf-8")
    file.write_text(text[: -len(owner)] + left_out, encoding="utf-8")
    code, out, _ = run("priorities", "show", str(file), "--json")
    assert [p["international"] for p in json.loads(out)["priorities"]] == [False, False], out


def test_show_lists_each_targets_search_terms_less_those_the_file_leaves_out(file: Path) -> None:
    code, out, _ = run("priorities", "show", str(file), "--json")
    priority = json.loads(out)["priorities"][0]
    assert {"energy efficiency", "renewables", "emissions"} <= set(priority["search_terms"])
    assert priority["excluded_terms"] == []
    assert "greenhouse gas emissions" in priority["goals"][0]["search_terms"]
    text = file.read_text(encoding="utf-8").replace(
        "    förvaltningar: [miljo]\n",
        "    förvaltningar: [miljo]\n    uteslutna_söktermer: [Emissions, renewabels]\n",
        1,
    )
    file.write_text(text, encoding="utf-8")
    code, out, _ = run("priorities", "show", str(file), "--json")
    priority = json.loads(out)["priorities"][0]
    assert priority["excluded_terms"] == ["Emissions", "renewabels"]
    assert "emissions" not in priority["search_terms"]
    assert "emissions" not in priority["goals"][0]["search_terms"]  # the goal's too
    assert "renewables" in priority["search_terms"]
    code, out, _ = run("priorities", "show", str(file))
    assert code == 0 and "Söktermer" in out and "renewabels" in out
    # The misspelt term leaves nothing out: check says so, and names the real terms.
    code, _, err = run("priorities", "check", str(file))
    assert code == 0
    assert "”renewabels” under uteslutna_söktermer är ingen sökterm" in err
    assert "renewables" in err and "Emissions" not in err


def test_show_in_use_says_when_the_fallback_is_used(file: Path) -> None:
    code, out, _ = run("priorities", "show")
    assert code == 0
    assert "Klimatneutral kommun" in out and "nämndmål: Kommunens egna utsläpp" in out
    file.write_text("\tkommun: x\n", encoding="utf-8")
    code, out, err = run("priorities", "show", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["fallback"] is True
    assert data["priorities"][0]["id"] == "klimat-energi"
    assert data["warning"].startswith(f"Prioriteringsfilen {file} har 1 fel")
    code, out, err = run("priorities", "show")
    assert "VARNING: Prioriteringsfilen" in err


def test_show_invalid_file_without_stored_version_exits_3(file: Path) -> None:
    file.write_text("", encoding="utf-8")
    code, out, _ = run("priorities", "show")
    assert code == 3
    assert "filen är tom" in out


def test_history_lists_versions_and_what_changed(file: Path) -> None:
    code, out, _ = run("priorities", "history")
    assert code == 0 and "Ingen version är sparad ännu" in out
    run("status")  # the service reads the file: first version stored
    file.write_text(
        MINIMAL
        + "  - id: skola\n    rubrik: Skola\n    beskrivning: Utbyten.\n"
        + "    förvaltningar: [miljo]\n",
        encoding="utf-8",
    )
    run("status")
    code, out, _ = run("priorities", "history", "--json")
    assert code == 0
    entries = json.loads(out)
    assert len(entries) == 2
    assert entries[0]["description"] == "+ prioriteringar: skola"
    assert entries[0]["changes"]["priorities"]["added"] == ["skola"]
    assert entries[1]["description"].startswith("första versionen")
    assert entries[0]["path"] == str(file)
    code, out, _ = run("priorities", "history")
    assert entries[0]["hash"][:12] in out and "+ prioriteringar: skola" in out


def test_status_shows_the_priorities_and_the_fallback_warning(file: Path) -> None:
    assert run("db", "migrate")[0] == 0  # status reads an existing database, never makes one
    code, out, _ = run("status", "--json")
    assert code == 0
    prio = json.loads(out)["priorities"]
    assert prio["fallback"] is False and prio["warning"] is None and prio["usable"] is True
    code, out, _ = run("status")
    assert f"Prioriteringar: {file} (version {prio['version_hash'][:12]})" in out
    file.write_text(MINIMAL.replace("eu.miljo@linkoping.example", "eu.miljo"), encoding="utf-8")
    code, out, _ = run("status")
    assert code == 0
    assert f"VARNING: Prioriteringsfilen {file} har 1 fel" in out
    code, out, _ = run("status", "--json")
    prio2 = json.loads(out)["priorities"]
    assert prio2["fallback"] is True and prio2["version_hash"] == prio["version_hash"]


def test_help_works_on_every_priorities_command() -> None:
    for args in (["priorities"], ["priorities", "check"], ["priorities", "show"]):
        code, out, _ = run(*args, "-h")
        assert code == 0 and "Användning:" in out
    code, out, _ = run("priorities", "history", "-h")
    assert code == 0


def test_check_warns_of_a_priority_with_few_english_search_terms(file: Path) -> None:
    # Owned by the planning office, the priority would have its name's terms, enough of them.
    text = (
        file.read_text(encoding="utf-8")
        .replace(
            "namn: Miljö- och samhällsbyggnadsförvaltningen",
            "namn: Kommunstyrelsens förvaltning",
            1,
        )
        .replace("rubrik: Klimatneutral kommun", "rubrik: Trygga grannskap", 1)
        .replace(
            "      Energieffektivisering, förnybar energi och minskade utsläpp i kommunens "
            "verksamhet.",
            "      Sammanhållning och grannskapens gemenskap.",
            1,
        )
    )
    file.write_text(text, encoding="utf-8")
    code, out, err = run("priorities", "check", str(file))
    assert code == 0 and "filen är giltig" in out
    assert err.startswith("varning: Prioriteringen klimat-energi ger bara ")
    assert "Ord som ordlistan inte känner: grannskap, grannskapens." in err
    code, out, _ = run("priorities", "check", str(file), "--json")
    (warning,) = json.loads(out)["warnings"]
    assert "under nyckelord:" in warning
