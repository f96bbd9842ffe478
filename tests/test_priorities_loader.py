"""The priorities file: the minimal form, and every kind of bad input with its exact message."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest

from priorities import (
    MAX_BYTES,
    Priorities,
    PrioritiesInvalid,
    load_priorities,
    parse_priorities,
)

# The minimal form from the issue; must stay valid.
MINIMAL = """\
kommun: Linköpings kommun
land: SE
nuts: SE123
förvaltningar:
  - id: miljo
    namn: Miljö- och samhällsbyggnadsförvaltningen
    kontakter: [eu.miljo@linkoping.example]
prioriteringar:
  - id: klimat-energi
    rubrik: Klimatneutral kommun
    beskrivning: >
      Energieffektivisering, förnybar energi och minskade utsläpp i kommunens verksamhet.
    förvaltningar: [miljo]
    nämndmål:                      # optional: the board goals under this priority
      - id: mbn-1
        text: Kommunens egna utsläpp av växthusgaser ska minska.
"""


def _errors(text: str | bytes) -> list[str]:
    with pytest.raises(PrioritiesInvalid) as caught:
        parse_priorities(text, "p.yaml")
    assert str(caught.value) == "\n".join(str(i) for i in caught.value.issues)
    return [str(issue) for issue in caught.value.issues]


def test_minimal_form_is_valid() -> None:
    p = parse_priorities(MINIMAL, "p.yaml")
    assert isinstance(p, Priorities)
    assert p.municipality == "Linköpings kommun"
    assert (p.country, p.nuts) == ("SE", "SE123")
    assert p.department("miljo").contacts == ["eu.miljo@linkoping.example"]
    priority = p.priorities[0]
    assert priority.description == (
        "Energieffektivisering, förnybar energi och minskade utsläpp i kommunens verksamhet."
    )
    assert priority.goals[0].id == "mbn-1"
    # Defaults of the optional parts.
    assert p.coordinator == [] and p.excluded_programmes == [] and p.applicant_profile is None
    assert (p.thresholds.strong, p.thresholds.possible) == (None, None)
    assert (p.digest.weekday, p.digest.time, p.digest.max_items) == ("måndag", "07:00", 15)
    assert (p.digest.cron_day_of_week, p.digest.hour, p.digest.minute) == ("mon", 7, 0)
    assert p.version_hash == hashlib.sha256(MINIMAL.encode("utf-8")).hexdigest()


def test_targets_list_priorities_and_goals_with_owners() -> None:
    text = MINIMAL.replace(
        "    förvaltningar: [miljo]\n", "    förvaltningar: [miljo]\n    nyckelord: [energi]\n"
    ).replace(
        "        text: Kommunens", "        nyckelord: [utsläpp, energi]\n        text: Kommunens"
    )
    targets = parse_priorities(text).targets()
    assert [(t.target_id, t.kind, t.priority_id) for t in targets] == [
        ("klimat-energi", "priority", "klimat-energi"),
        ("mbn-1", "goal", "klimat-energi"),
    ]
    assert targets[0].text.startswith("Klimatneutral kommun. Energieffektivisering")
    assert targets[1].text == "Kommunens egna utsläpp av växthusgaser ska minska."
    assert targets[1].departments == ["miljo"]
    assert targets[1].keywords == ["utsläpp", "energi"]  # own words first, no duplicates


def test_land_no_stays_the_string_no() -> None:
    p = parse_priorities(MINIMAL.replace("land: SE", "land: NO"))
    assert p.country == "NO"


def test_load_from_file_hashes_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    data = ("\ufeff" + MINIMAL).encode("utf-8")  # a BOM, as Windows editors write it
    path.write_bytes(data)
    p = load_priorities(path)
    assert p.version_hash == hashlib.sha256(data).hexdigest()
    assert parse_priorities(path.read_text(encoding="utf-8")).version_hash == p.version_hash


def test_tabs_in_indentation() -> None:
    text = MINIMAL.replace("  - id: miljo", "\t- id: miljo").replace(
        "    namn: Miljö", "\t  namn: Miljö"
    )
    assert _errors(text) == [
        "p.yaml:5:1: tabbtecken i indraget; YAML tillåter bara mellanslag: ersätt tabben med "
        "mellanslag (t.ex. två per nivå)",
        "p.yaml:6:1: tabbtecken i indraget; YAML tillåter bara mellanslag: ersätt tabben med "
        "mellanslag (t.ex. två per nivå)",
    ]


def test_tabs_elsewhere_on_a_line_are_all_reported() -> None:
    text = MINIMAL.replace("kommun: Linköpings", "kommun:\tLinköpings").replace(
        "nuts: SE123", "nuts: SE123\t"
    )
    assert _errors(text) == [
        "p.yaml:1:8: tabbtecken på raden; ersätt tabben med ett mellanslag",
        "p.yaml:3:12: tabbtecken på raden; ersätt tabben med ett mellanslag",
    ]


def test_wrong_indentation() -> None:
    text = MINIMAL.replace("    namn: Miljö", "   namn: Miljö")
    assert _errors(text) == [
        "p.yaml:6:4: fel indrag: raden står inte i linje med raderna ovanför (jämför med rad 5); "
        "nycklar på samma nivå ska börja i samma kolumn, och ett nytt listelement börjar med '- '"
    ]


def test_missing_id() -> None:
    text = MINIMAL.replace("  - id: klimat-energi\n    rubrik:", "  - rubrik:")
    assert _errors(text) == [
        "p.yaml:9:5: 'id' saknas i prioriteringen nr 1; lägg till en rad med en kort "
        "identifierare, t.ex. 'id: klimat-energi'"
    ]


def test_duplicate_id() -> None:
    text = MINIMAL.replace("id: mbn-1", "id: klimat-energi")
    assert _errors(text) == [
        "p.yaml:15:13: id 'klimat-energi' används redan på rad 9 (en prioritering); varje "
        "prioritering och nämndmål behöver ett eget id"
    ]


def test_duplicate_department_id() -> None:
    text = MINIMAL.replace(
        "prioriteringar:\n",
        "  - id: miljo\n    namn: Annan\n    kontakter: [a@linkoping.example]\nprioriteringar:\n",
    )
    assert _errors(text) == [
        "p.yaml:8:9: förvaltningen 'miljo' finns redan på rad 5; ge varje förvaltning ett eget id"
    ]


def test_priority_owned_by_unknown_department() -> None:
    text = MINIMAL.replace("förvaltningar: [miljo]", "förvaltningar: [miljo, milj, skola]")
    assert _errors(text) == [
        "p.yaml:13:28: förvaltningen 'milj' finns inte under 'förvaltningar'; menade du "
        "'miljo'? skriv ett av: miljo (eller lägg till förvaltningen)",
        "p.yaml:13:34: förvaltningen 'skola' finns inte under 'förvaltningar'; skriv ett av: "
        "miljo (eller lägg till förvaltningen)",
    ]


def test_empty_description() -> None:
    empty = MINIMAL.replace(
        "beskrivning: >\n      Energieffektivisering, förnybar energi och minskade utsläpp i "
        "kommunens verksamhet.\n",
        "beskrivning: ' '\n",
    )
    assert _errors(empty) == [
        "p.yaml:11:18: 'beskrivning' är tom; skriv några meningar om vad prioriteringen omfattar"
    ]
    nothing = empty.replace("beskrivning: ' '", "beskrivning:")
    assert _errors(nothing) == [
        "p.yaml:11:5: 'beskrivning' saknar värde i prioriteringen 'klimat-energi'; skriv några "
        "meningar om vad prioriteringen omfattar"
    ]


def test_misspelt_key_gets_a_suggestion() -> None:
    assert _errors(MINIMAL.replace("rubrik:", "rubirk:")) == [
        "p.yaml:9:5: 'rubrik' saknas i prioriteringen 'klimat-energi'; lägg till en rad med en "
        "kort rubrik",
        "p.yaml:10:5: okänd nyckel 'rubirk' i prioriteringen 'klimat-energi'; menade du 'rubrik'?",
    ]
    assert _errors(MINIMAL.replace("nämndmål:", "namndmal:")) == [
        "p.yaml:14:5: okänd nyckel 'namndmal' i prioriteringen 'klimat-energi'; menade du "
        "'nämndmål'?"
    ]


def test_unknown_key_without_a_close_match_lists_the_keys() -> None:
    assert _errors(MINIMAL + "budget: 100\n") == [
        "p.yaml:17:1: okänd nyckel 'budget'; tillåtna nycklar här: kommun, land, nuts, "
        "samordnare, förvaltningar, prioriteringar, uteslutna_program, tröskelvärden, utskick, "
        "sökandeprofil"
    ]


def test_invalid_email() -> None:
    text = MINIMAL.replace("eu.miljo@linkoping.example", "eu.miljo(at)linkoping.example")
    assert _errors(text) == [
        "p.yaml:7:17: 'eu.miljo(at)linkoping.example' är ingen giltig e-postadress; skriv den "
        "som namn@domän.se (ett @, inga mellanslag)"
    ]


def test_not_utf8() -> None:
    assert _errors(MINIMAL.encode("latin-1")) == [
        "p.yaml:1:13: filen är inte sparad som UTF-8 (byten 0xf6 kan inte läsas, troligen ett å, "
        "ä eller ö i en annan teckenkodning); spara om den som UTF-8 (i redigeraren: Spara som → "
        "Kodning: UTF-8)"
    ]


def test_utf16_file() -> None:
    assert _errors(MINIMAL.encode("utf-16")) == [
        "p.yaml:1:1: filen är sparad som UTF-16; spara om den som UTF-8 (i redigeraren: Spara "
        "som → Kodning: UTF-8)"
    ]


@pytest.mark.parametrize("text", ["", "\n\n   \n", "# bara en kommentar\n"])
def test_empty_file(text: str) -> None:
    assert _errors(text) == [
        "p.yaml:1:1: filen är tom; den ska minst innehålla kommun, land, nuts, förvaltningar och "
        "prioriteringar (se priorities/exempel.yaml)"
    ]


def test_very_large_file_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "stor.yaml"
    with path.open("wb") as handle:
        handle.write(MINIMAL.encode("utf-8"))
        handle.write(b"# " + b"x" * 60 + b"\n")
        handle.truncate(50_000_000)  # sparse: 50 MB on paper
    with pytest.raises(PrioritiesInvalid) as caught:
        load_priorities(path)
    assert str(caught.value) == (
        f"{path}:1:1: filen är för stor (50,0 MB); en prioriteringsfil får vara högst 256 kB. "
        "Kontrollera att rätt fil är vald"
    )
    assert _errors("#" * (MAX_BYTES + 1)) == [
        "p.yaml:1:1: filen är för stor (256 kB); en prioriteringsfil får vara högst 256 kB. "
        "Kontrollera att rätt fil är vald"
    ]


def test_yaml_bomb_is_refused_without_expanding() -> None:
    levels = ['lol: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[n]
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    bomb = "\n".join(levels) + "\n"  # expanded, 9^9 strings: this test would never end
    errors = _errors(bomb)
    assert (
        "p.yaml:2:8: alias (*a) är inte tillåtna i prioriteringsfilen; skriv ut värdet i "
        "stället för att hänvisa till ankaret &a"
    ) in errors
    assert sum("alias (*" in e for e in errors) == 8  # one per anchor, not one per use


def test_deep_nesting_is_refused() -> None:
    assert _errors("a: " + "[" * 3000 + "]" * 3000 + "\n") == [
        "p.yaml:1:23: filen är nästlad djupare än 20 nivåer; prioriteringsfilen behöver högst "
        "fyra – kontrollera indraget"
    ]


def test_several_errors_are_reported_at_once_in_line_order() -> None:
    text = (
        MINIMAL.replace("land: SE", "land: Sverige")
        .replace("eu.miljo@linkoping.example", "eu.miljo@")
        .replace("rubrik:", "rubirk:")
    )
    errors = _errors(text)
    assert [e.split(":")[1] for e in errors] == ["2", "7", "9", "10"]
    assert errors[0] == (
        "p.yaml:2:7: land 'Sverige' är ingen landskod; skriv två versaler enligt ISO 3166, t.ex. SE"
    )


def test_colon_in_text_and_duplicate_key() -> None:
    assert _errors(MINIMAL.replace("rubrik: Klimatneutral kommun", "rubrik: Mål: klimat")) == [
        "p.yaml:10:16: ett kolon som inte hör hemma här: antingen är raden fel indragen, eller "
        "så saknas ett kolon på raden ovanför, eller så innehåller texten ': ' (sätt då texten "
        'inom citattecken, t.ex. rubrik: "Mål: bättre skola")'
    ]
    assert _errors(MINIMAL.replace("nuts: SE123", "nuts: SE123\nnuts: SE124")) == [
        "p.yaml:4:1: nyckeln 'nuts' förekommer två gånger här (även på rad 3); ta bort eller "
        "slå ihop den ena"
    ]


def test_a_list_where_a_mapping_belongs_and_a_scalar_where_a_list_belongs() -> None:
    text = MINIMAL.replace(
        "kontakter: [eu.miljo@linkoping.example]", "kontakter: eu.miljo@linkoping.example"
    )
    assert _errors(text) == [
        "p.yaml:7:16: 'kontakter' ska vara en lista i förvaltningen 'miljo': en rad per värde "
        "som börjar med '- ', eller [värde1, värde2] på samma rad"
    ]
    assert _errors("- kommun\n- land\n") == [
        "p.yaml:1:1: filen ska bestå av nycklar som 'kommun: …', 'förvaltningar:' och "
        "'prioriteringar:', var och en först på raden (se priorities/exempel.yaml)"
    ]


def test_the_municipalitys_inhabitants_are_a_whole_number_written_either_way() -> None:
    for written in ("167000", "167 000", "'167 000'"):
        p = parse_priorities(MINIMAL + f"sökandeprofil:\n  invånare: {written}\n", "p.yaml")
        assert p.applicant_profile is not None and p.applicant_profile.population == 167_000
    assert _errors(MINIMAL + "sökandeprofil:\n  invånare: många\n") == [
        "p.yaml:18:13: 'invånare' ska vara ett heltal, t.ex. 15, inte 'många'"
    ]
    assert _errors(MINIMAL + "sökandeprofil:\n  invånare: 0\n") == [
        "p.yaml:18:13: 'invånare' ska vara minst 1"
    ]


def test_digest_and_thresholds_are_checked() -> None:
    text = MINIMAL + (
        "utskick:\n  veckodag: mondag\n  tid: 7:00\n  max_antal: 0\n"
        "tröskelvärden:\n  stark: 0.3\n  möjlig: 0.5\n"
    )
    assert _errors(text) == [
        "p.yaml:18:13: 'mondag' är ingen veckodag; skriv en av: måndag, tisdag, onsdag, "
        "torsdag, fredag, lördag, söndag",
        "p.yaml:19:8: '7:00' är inget klockslag; skriv det som TT:MM, t.ex. 07:00",
        "p.yaml:20:14: 'max_antal' ska vara minst 1",
        "p.yaml:22:3: 'möjlig' (0.5) är högre än 'stark' (0.3); gränsen för 'möjlig' ska vara "
        "lägre",
    ]


def test_python_objects_cannot_be_built_from_tags() -> None:
    text = MINIMAL.replace("kommun: Linköpings kommun", "kommun: !!python/name:os.system")
    assert _errors(text) == [
        "p.yaml:1:1: 'kommun' saknar värde; skriv kommunens namn, t.ex. 'kommun: Linköpings "
        "kommun'",
        "p.yaml:1:9: taggen tag:yaml.org,2002:python/name:os.system används inte i "
        "prioriteringsfilen; ta bort den och skriv värdet som vanlig text",
    ]


def test_report_shows_the_offending_line() -> None:
    with pytest.raises(PrioritiesInvalid) as caught:
        parse_priorities(MINIMAL.replace("rubrik:", "rubirk:"), "p.yaml")
    assert caught.value.report().splitlines()[3:6] == [
        "p.yaml:10:5: okänd nyckel 'rubirk' i prioriteringen 'klimat-energi'; menade du 'rubrik'?",
        "        rubirk: Klimatneutral kommun",
        "        ^",
    ]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PrioritiesInvalid) as caught:
        load_priorities(tmp_path / "saknas.yaml")
    assert str(caught.value) == (
        f"{tmp_path / 'saknas.yaml'}:1:1: filen finns inte; ange sökvägen till "
        "prioriteringsfilen (eller sätt EUFUNDS_PRIORITIES)"
    )


def test_values_keep_the_text_written_in_the_file() -> None:
    text = MINIMAL.replace("id: mbn-1", "id: 0123").replace(
        "rubrik: Klimatneutral kommun", "rubrik: true"
    )
    p = parse_priorities(text + "utskick:\n  tid: 07:00\n  max_antal: 20\n")
    assert p.priorities[0].goals[0].id == "0123"  # not the number 123
    assert p.priorities[0].title == "true"  # not a boolean
    assert (p.digest.time, p.digest.max_items) == ("07:00", 20)  # YAML 1.2: not 420 minutes


def test_explicit_number_tags_do_not_crash() -> None:
    p = parse_priorities(MINIMAL.replace("id: mbn-1", "id: !!int abc"))
    assert p.priorities[0].goals[0].id == "abc"
    assert _errors(MINIMAL + "utskick:\n  max_antal: !!float många\n") == [
        "p.yaml:18:14: 'max_antal' ska vara ett heltal, t.ex. 15, inte 'många'"
    ]


def test_optional_keys_with_nothing_after_them_are_left_out() -> None:
    text = MINIMAL.replace(
        "    nämndmål:                      # optional: the board goals under this priority\n"
        "      - id: mbn-1\n"
        "        text: Kommunens egna utsläpp av växthusgaser ska minska.\n",
        "    nämndmål:\n    nyckelord:\n",
    )
    p = parse_priorities(text + "samordnare:\nutskick:\ntröskelvärden:\n  stark:\n")
    assert p.priorities[0].goals == [] and p.priorities[0].keywords == []
    assert p.coordinator == [] and p.digest.max_items == 15 and p.thresholds.strong is None


def test_mutated_files_never_crash() -> None:
    """Random edits of the shipped file give a valid file or PrioritiesInvalid, nothing else."""
    base = (Path(__file__).resolve().parent.parent / "priorities" / "sodertalje.yaml").read_text(
        encoding="utf-8"
    )
    lines = base.splitlines(keepends=True)
    rng = random.Random(4)
    tokens = [*":-[]{}#&*!|>'\"%@?~,", " ", "\t", "\n", "  ", "0", "ä", "!!int ", "*a", "&a "]
    outcomes = {"valid": 0, "invalid": 0}
    for _ in range(60):
        text = list(base)
        for _ in range(rng.randint(1, 4)):
            pos = rng.randrange(len(text))
            roll = rng.random()
            if roll < 0.45:
                text.insert(pos, rng.choice(tokens))
            elif roll < 0.75:
                del text[pos]
            else:
                text[pos:pos] = list(rng.choice(lines))
        try:
            parse_priorities("".join(text), "p.yaml")
            outcomes["valid"] += 1
        except PrioritiesInvalid as exc:
            assert exc.issues and all(i.line >= 1 and i.column >= 1 for i in exc.issues)
            outcomes["invalid"] += 1
    assert outcomes["invalid"] > 20  # the edits did break files


def test_a_nuts_code_outside_the_municipalitys_county_is_an_error_naming_the_right_one() -> None:
    # Sörmland's code for Linköping would pass Sörmland's regional calls and fail its own.
    assert _errors(MINIMAL.replace("nuts: SE123", "nuts: SE122")) == [
        "p.yaml:3:7: nuts 'SE122' ligger utanför Östergötlands län (SE123), där Linköpings "
        "kommun ligger; skriv 'nuts: SE123' (annars passerar andra regioners utlysningar och "
        "kommunens egna faller bort)"
    ]
    assert _errors(MINIMAL.replace("nuts: SE123", "nuts: DE300"))[0].startswith(
        "p.yaml:3:7: nuts 'DE300' ligger utanför Östergötlands län (SE123)"
    )
    # The county's code, or a larger region that holds it, is right.
    for code in ("SE123", "SE12", "SE1", "SE"):
        assert parse_priorities(MINIMAL.replace("nuts: SE123", f"nuts: {code}")).nuts == code
    # A municipality the table does not know is not checked; a malformed code gets its own
    # error only.
    assert (
        parse_priorities(
            MINIMAL.replace("Linköpings kommun", "Exempelstads kommun").replace("SE123", "SE332")
        ).nuts
        == "SE332"
    )
    assert len(_errors(MINIMAL.replace("nuts: SE123", "nuts: se-123"))) == 1
