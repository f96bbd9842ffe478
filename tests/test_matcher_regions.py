"""The one region table (db.regions) as crawler and matcher read it, and the region check."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.text import county_tags, programme_regions
from db.records import OWN_AREA, Call
from db.regions import (
    COUNTIES,
    CROSS_BORDER,
    INTERREG_AREAS,
    NUTS2,
    county,
    county_board,
    cross_border_programmes,
    region_code,
    region_codes,
)
from matcher.eligibility import check_eligibility
from priorities import Priorities, load_priorities
from priorities.devset import priorities_file_data
from priorities.loader import parse_priorities

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def linkoping() -> Priorities:
    return load_priorities(REPO / "priorities" / "linkoping.yaml")


def _municipality(nuts: str) -> Priorities:
    import json

    data = priorities_file_data(
        {
            "municipality": "Testkommun",
            "nuts": nuts,
            "priorities": [{"id": "p", "department": "Kommunledningen", "title": "T", "text": "x"}],
        }
    )
    return parse_priorities(json.dumps(data, ensure_ascii=False).encode(), "test.json")


def _region(call: Call, priorities: Priorities) -> dict[str, str]:
    _, facts = check_eligibility(call, priorities, None)
    return next(f for f in facts if f["check"] == "region")


def test_every_county_has_its_nuts_code_and_aliases() -> None:
    assert len(COUNTIES) == 21
    assert len({c.nuts for c in COUNTIES}) == 21
    assert all(c.nuts.startswith(tuple(NUTS2)) for c in COUNTIES)
    for name in ("Sörmland", "Södermanland", "Södermanlands län", "Region Sörmland", "SÖRMLAND"):
        assert region_code(name) == "SE122", name
    assert region_code("Jämtland Härjedalen") == "SE322"
    assert region_code("Västra Götalandsregionen") == "SE232"
    assert region_code("Ostergotland") == "SE123"  # without the dots
    assert region_code("Skåne-Blekinge") == "SE22"  # the ERDF programme's name
    assert region_code("Övre Norrland") == "SE33"
    assert region_code("SE331") == "SE331"
    assert region_code("Atlantis") is None
    assert region_codes(["Sörmland", "Atlantis"]) == (["SE122"], ["Atlantis"])
    assert county("Region Gotland") is not None and county("Östra Mellansverige") is None


def test_the_crawler_reads_the_same_table() -> None:
    assert county_tags("Sörmland och Uppsala") == ["Sörmland", "Uppsala"]
    assert county_tags("Jämtland Härjedalen, Västernorrland") == [
        "Jämtland Härjedalen",
        "Västernorrland",
    ]
    assert programme_regions("Regionalfonden i Skåne-Blekinge") == ["SE22"]
    assert programme_regions("ESF+ Sydsverige") == ["SE22"]


def test_a_sormland_only_call_fails_for_linkoping_and_passes_for_eskilstuna(
    linkoping: Priorities,
) -> None:
    call = Call("t", "1", "Utlysning", regions=["Sörmland"])
    assert _region(call, linkoping)["result"] == "fail"
    assert _region(call, _municipality("SE122"))["result"] == "pass"


def test_an_unknown_region_name_is_unknown_not_unrestricted(linkoping: Priorities) -> None:
    fact = _region(Call("t", "1", "Utlysning", regions=["Bergslagen"]), linkoping)
    assert fact["result"] == "unknown"
    assert "Bergslagen" in fact["reason"]
    # A known region that covers the municipality passes, whatever else is listed.
    fact = _region(Call("t", "1", "U", regions=["Bergslagen", "Östergötland"]), linkoping)
    assert fact["result"] == "pass"


def test_a_call_for_countries_without_sweden_is_for_other_regions(linkoping: Priorities) -> None:
    # Interreg Alpine Space's countries: Switzerland, Liechtenstein and Slovenia are countries
    # like the others, so the call is for other regions, not regions the service cannot place.
    alpine = Call("t", "1", "U", regions=["AT", "CH", "DE", "FR", "IT", "LI", "SI"])
    fact = _region(alpine, linkoping)
    assert fact["result"] == "fail" and "SE123 ingår inte" in fact["reason"]
    # NUTS spells Greece EL and the United Kingdom UK; country names are read too.
    assert region_codes(["EL30", "UK", "Andorra", "Schweiz", "Sverige"]) == (
        ["EL30", "UK", "AD", "CH", "SE"],
        [],
    )
    assert _region(Call("t", "2", "U", regions=["Norway", "Sweden"]), linkoping)["result"] == "pass"
    # A code of no country the table knows stays unknown.
    assert _region(Call("t", "3", "U", regions=["ZZ"]), linkoping)["result"] == "unknown"


def test_a_regional_fund_call_names_its_region_in_the_title(linkoping: Priorities) -> None:
    call = Call("t", "1", "Utveckla hållbara transporter i Övre Norrland", "ERDF (Tillväxtverket)")
    assert _region(call, linkoping)["result"] == "fail"
    assert _region(call, _municipality("SE331"))["result"] == "pass"


def test_a_county_administrative_boards_grant_is_for_its_county(linkoping: Priorities) -> None:
    """Written for the test: a länsstyrelse's project support, named in its programme or
    lying under its part of lansstyrelsen.se, is for projects in its county."""
    board = "Länsstyrelsen Östergötland – projektstöd regional tillväxt"
    assert county_board(board) == county("Östergötland")
    assert county_board("Länsstyrelsen i Västra Götalands län") == county("Västra Götaland")
    page = "https://www.lansstyrelsen.se/vasterbotten/stod/projektstod.html"
    assert county_board(None, page) == county("Västerbotten")
    assert county_board("Länsstyrelsen") is None and county_board("Vinnova") is None
    call = Call("t", "1", "Projektstöd inom regional tillväxt", board)
    assert _region(call, linkoping) == {
        "check": "region",
        "result": "pass",
        "reason": "Regionen ingår: Östergötland.",
        "area": OWN_AREA,  # the county's money: a call for the municipality's own area
    }
    fact = _region(call, _municipality("SE331"))  # a municipality in Västerbotten
    assert fact["result"] == "fail" and "Bara för andra regioner (Östergötland)" in fact["reason"]
    by_page = Call("t", "2", "Projektstöd", "Projektstöd regional tillväxt", url=page)
    assert _region(by_page, linkoping)["result"] == "fail"
    # A board named in a call's text, not as its funder, restricts nothing.
    other = Call("t", "3", "Klimatstöd", "Naturvårdsverket", "I samråd med Länsstyrelsen Skåne.")
    assert _region(other, linkoping)["result"] == "pass"


def test_a_swedish_regional_fund_call_naming_no_region_is_unknown(linkoping: Priorities) -> None:
    # Tillväxtverket's and the ESF Council's calls are for one programme region or, under the
    # national programme, for the whole country: naming neither is not "no restriction".
    unnamed = Call("t", "2", "Stärk företagens tillväxt", "ERDF (Tillväxtverket)", "Nu söker vi…")
    fact = _region(unnamed, linkoping)
    assert fact["result"] == "unknown"
    assert "SE123" in fact["reason"] and "kontrollera" in fact["reason"]
    national = Call(
        "t",
        "3",
        "Ansökningsomgång 2027",
        "ESF (Svenska ESF-rådet)",
        "Stöd till kompetensutveckling. Ansökningsomgången gäller hela landet och två teman.",
    )
    fact = _region(national, linkoping)
    assert fact["result"] == "pass"
    assert "Ansökningsomgången gäller hela landet" in fact["reason"]
    # The ESF Council marks its national calls so.
    marked = Call("t", "6", "Välfärden", "ESF+ (Svenska ESF-rådet)", "Nationell utlysning")
    assert _region(marked, linkoping)["result"] == "pass"
    # A near miss: "hela landskapet" is not the whole country.
    landscape = Call("t", "4", "Utlysning", "ERDF (Tillväxtverket)", "För hela landskapet.")
    assert _region(landscape, linkoping)["result"] == "unknown"
    # The Commission's own ESF+ calls are EU-wide: no region to name.
    eu_level = Call("t", "5", "EURES Targeted Mobility Scheme", "ESF+", "Mobility of workers.")
    assert _region(eu_level, linkoping)["result"] == "pass"


@pytest.mark.parametrize(
    ("programme", "nuts", "result"),
    [
        ("Interreg (Interreg Aurora)", "SE331", "pass"),
        ("Interreg (Interreg Aurora)", "SE123", "fail"),
        ("Interreg (Interreg Central Baltic)", "SE122", "pass"),
        ("Interreg (Interreg Central Baltic)", "SE331", "fail"),
        ("Interreg (Interreg Northern Periphery and Arctic)", "SE322", "pass"),
        ("Interreg (Interreg North Sea)", "SE212", "pass"),
        ("Interreg (Interreg Sverige-Norge)", "SE311", "pass"),
        ("Interreg (Interreg Öresund-Kattegat-Skagerrak)", "SE123", "fail"),
        ("Interreg (Interreg South Baltic)", "SE213", "pass"),
        ("Interreg (Interreg Europe)", "SE332", "pass"),
        ("Interreg (Interreg Alpine Space)", "SE110", "fail"),
    ],
)
def test_interreg_programme_areas(programme: str, nuts: str, result: str) -> None:
    call = Call("t", "1", "Call for proposals", programme)
    assert _region(call, _municipality(nuts))["result"] == result


def test_a_call_for_an_area_that_holds_the_municipality_says_so(linkoping: Priorities) -> None:
    """A regional or social fund's programme region or national programme, an Interreg
    programme area, a county: the coordinator's digest lists such calls that no priority
    took (``area``); a call open to anyone anywhere, or for another area, is none."""
    own = [
        Call("t", "1", "Utlysning", "ESF+ (Svenska ESF-rådet)", regions=["Östra Mellansverige"]),
        Call("t", "2", "Välfärden", "ESF+ (Svenska ESF-rådet)", "Nationell utlysning"),
        Call("t", "3", "Call for proposals", "Interreg (Interreg Central Baltic)"),
        Call("t", "4", "Call for proposals", "Interreg (Interreg Europe)"),
        Call("t", "5", "Projektstöd", "Länsstyrelsen Östergötland – projektstöd regional tillväxt"),
    ]
    for call in own:
        fact = _region(call, linkoping)
        assert (fact["result"], fact.get("area")) == ("pass", OWN_AREA), call.title
    others = [
        Call("t", "6", "EURES Targeted Mobility Scheme", "ESF+", "Mobility of workers."),
        Call("t", "7", "Call for proposals", "Interreg (Interreg Aurora)"),
        Call("t", "8", "Utlysning", "ESF+ (Svenska ESF-rådet)", regions=["Övre Norrland"]),
        Call("t", "9", "Stärk företagens tillväxt", "ERDF (Tillväxtverket)", "Nu söker vi…"),
        Call("t", "10", "Innovation in cities", "Horizon Europe", "Cities test solutions."),
    ]
    for call in others:
        assert "area" not in _region(call, linkoping), call.title


def test_every_interreg_area_names_real_swedish_codes() -> None:
    known = {c.nuts for c in COUNTIES} | set(NUTS2) | {"SE"}
    for area in INTERREG_AREAS:
        assert set(area.nuts) <= known, area.name


def test_the_cross_border_programmes_of_a_county() -> None:
    assert set(CROSS_BORDER) <= {area.name for area in INTERREG_AREAS}
    assert cross_border_programmes("SE123") == ["Interreg Central Baltic"]
    assert cross_border_programmes("SE311") == ["Interreg Sverige-Norge"]
    assert cross_border_programmes("SE224") == [
        "Interreg South Baltic",
        "Interreg Öresund-Kattegat-Skagerrak",
    ]
    # Norrbotten: Aurora; Kolarctic (at the external border) and the transnational NPA are not
    # cross-border programmes of a land or sea border between neighbours.
    assert cross_border_programmes("SE332") == ["Interreg Aurora"]
    # An inland county with no border: none.
    assert cross_border_programmes("SE211") == []
    # Every other county lies in one at least.
    assert [c.nuts for c in COUNTIES if not cross_border_programmes(c.nuts)] == ["SE211"]


@pytest.mark.parametrize(
    ("nuts", "said"),
    [
        ("SE123", "Östergötlands län (SE123) ingår i programområdet för Interreg Central Baltic"),
        ("SE311", "Värmlands län (SE311) ingår i programområdet för Interreg Sverige-Norge"),
        ("SE211", "Jönköpings län (SE211) ingår inte i något gränsöverskridande"),
        # Known only at country level: what to check, as before.
        ("SE", "kontrollera att kommunen ligger i en sådan"),
    ],
)
def test_work_in_border_regions_names_the_countys_cross_border_programmes(
    nuts: str, said: str
) -> None:
    """A topic whose "demonstration areas must span adjacent regions on both sides of a
    national border": whether the municipality's county is such a region, as far as the
    region table tells (the programmes whose areas lie along a land or sea border); the
    topic's own border decides, so the check stays unknown."""
    text = (
        "Demonstrate solutions in cross-border areas. The demonstration areas must span "
        "adjacent regions on both sides of a national border."
    )
    call = Call("t", "1", "Cross-border climate resilience", "Horizon Europe", text)
    fact = _region(call, _municipality(nuts))
    assert fact["result"] == "unknown"
    assert "Arbetet ska göras i gränsregioner" in fact["reason"] and said in fact["reason"], fact
