"""Sweden's municipalities by county: the table, the names it reads, and the region a
development set that names only its municipality gets."""

from __future__ import annotations

import json

import pytest

from db.records import Call
from db.regions import COUNTIES as REGION_COUNTIES
from matcher.eligibility import check_eligibility
from priorities.devset import priorities_file_data
from priorities.loader import parse_priorities
from priorities.municipalities import COUNTIES, municipality_county


def test_every_municipality_lies_in_one_county_of_the_region_table() -> None:
    names = [m for _, municipalities in COUNTIES.values() for m in municipalities]
    assert len(names) == 290 and len(set(names)) == 290
    # The same 21 counties, codes and names as the region table the crawler and matcher read.
    assert {code: name for code, (name, _) in COUNTIES.items()} == {
        c.nuts: c.name for c in REGION_COUNTIES
    }
    assert len(COUNTIES["SE232"][1]) == 49 and len(COUNTIES["SE224"][1]) == 33


@pytest.mark.parametrize(
    ("name", "nuts"),
    [
        ("Linköpings kommun", "SE123"),
        ("Linköping", "SE123"),
        ("LINKÖPINGS KOMMUN", "SE123"),
        ("Södertälje kommun", "SE110"),
        ("Göteborgs Stad", "SE232"),
        ("Region Gotland", "SE214"),
        ("Falu kommun", "SE312"),  # the genitive of Falun
        ("Upplands Väsby kommun", "SE110"),
        ("Upplands-Väsby", "SE110"),
        ("Malung-Sälens kommun", "SE312"),
        ("Heby kommun", "SE121"),  # Uppsala län since 2007
        ("Håbo kommun", "SE121"),  # not Habo
        ("Habo kommun", "SE211"),
        ("Umeå kommun", "SE331"),
    ],
)
def test_a_municipality_is_found_under_the_names_it_goes_by(name: str, nuts: str) -> None:
    found = municipality_county(name)
    assert found is not None and found[0] == nuts, name


def test_names_of_no_municipality_are_not_guessed() -> None:
    for name in ("Exempelstads kommun", "Region Sörmland", "Östergötland", "", "kommun"):
        assert municipality_county(name) is None, name


def _devset(municipality: str) -> dict:
    return {
        "municipality": municipality,
        "priorities": [{"id": "p", "department": "Kommunledningen", "title": "T", "text": "x"}],
    }


def test_a_development_set_that_names_only_its_municipality_gets_its_countys_region() -> None:
    data = priorities_file_data(_devset("Linköpings kommun"))
    priorities = parse_priorities(json.dumps(data, ensure_ascii=False).encode(), "set.json")
    assert priorities.nuts == "SE123"
    # So Sörmland's regional call fails for it and Östergötland's passes; read at country
    # level (as before) both would pass.
    for regions, result in ((["Sörmland"], "fail"), (["Östergötland"], "pass")):
        _, facts = check_eligibility(Call("t", "1", "U", regions=regions), priorities, None)
        assert next(f for f in facts if f["check"] == "region")["result"] == result
    # A municipality the table does not know is read at country level.
    assert priorities_file_data(_devset("Exempelstads kommun"))["nuts"] == "SE"
    # Another country's municipality of the same name is not placed in Sweden.
    assert priorities_file_data({**_devset("Bergs kommun"), "land": "NO"})["nuts"] == "NO"
    # A region the set names itself is kept.
    assert priorities_file_data({**_devset("Linköpings kommun"), "nuts": "SE12"})["nuts"] == "SE12"


def test_the_table_checks_swedish_files_only() -> None:
    from matcher.pipeline import priorities_warnings
    from tests.test_priorities_loader import MINIMAL

    # A Norwegian Berg is not Jämtland's: no error for its code, no warning for its size.
    norwegian = MINIMAL.replace("Linköpings kommun", "Bergs kommun").replace("land: SE", "land: NO")
    for code in ("NO0A", "NO"):
        priorities = parse_priorities(norwegian.replace("SE123", code))
        assert priorities.nuts == code
        assert not any("nuts" in w for w in priorities_warnings(priorities))
