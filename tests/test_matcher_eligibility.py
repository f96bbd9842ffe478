"""The eligibility gate on real calls from the corpus, and on invented calls for new facts."""

from __future__ import annotations

import collections
import dataclasses
import json
import re
from datetime import date
from pathlib import Path

import pytest

from crawler.facts import complete
from db.jsonl import call_from_record
from db.records import OWN_AREA, Call
from matcher.eligibility import check_eligibility
from matcher.pipeline import research_call
from matcher.prior import done_abroad, research_programme
from matcher.programme_rules import for_municipalities_alone
from priorities import Priorities, load_priorities
from tests.shared_data import shared_path

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus() -> dict[str, Call]:
    calls = {}
    with shared_path("calls", "corpus.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            calls[record["id"]] = call_from_record(record, "import")
    return calls


@pytest.fixture(scope="module")
def linkoping() -> Priorities:
    return load_priorities(REPO / "priorities" / "linkoping.yaml")


def _fact(facts: list[dict[str, str]], check: str) -> dict[str, str]:
    return next(f for f in facts if f["check"] == check)


@pytest.mark.parametrize(
    ("call_id", "check", "result", "reason_part"),
    [
        ("AMIF-FI-2023-HOST", "region", "fail", "annat land (Finland)"),
        # "Du som representerar ett litet eller medelstort företag …": for companies.
        (
            "ENERGIMYNDIGHETEN-utlysning-1-energipilot-gotland",
            "sökande",
            "fail",
            "Riktar sig till företag",
        ),
        ("EUROACCESS-2273", "region", "fail", "ingen svensk del"),  # Interreg Slovakia-Czechia
        ("INTERREG-CB-2021-2027-CALL-1", "region", "pass", "omfattar SE123"),  # Central Baltic
        ("EUROACCESS-1811", "region", "pass", "omfattar SE123"),  # Baltic Sea Region
        (
            "AMIF-SE-2020-08-MIGRATIONSVERKET",
            "sökande",
            "fail",
            "Migrationsverket får söka",
        ),
        # Its funds go to the agency, in other words ("avser medel till Migrationsverket").
        (
            "AMIF-SE-2021-12-MIGRATIONSVERKET",
            "sökande",
            "fail",
            'Medlen går till en statlig myndighet: "AMIF-utlysningen för specifikt mål 1-2',
        ),
        (
            "ENERGIMYNDIGHETEN-pitcha-pa-sweden-sustaintech-venture-day",
            "sökande",
            "fail",
            "företag",
        ),
        ("LIFE-2026-SAP-ENV-GOV", "sökande", "pass", "Offentliga aktörer"),
        ("EUBA-EFSA-2026-PLANTS-01", "sökande", "fail", "Only competent organisations"),
        # The words found lie past the first 240 characters of a long sentence: still quoted.
        ("HORIZON-CL3-2027-01-DRS-02", "sökande", "pass", "and local authorities in disaster"),
        # There public authorities are stakeholders in a production chain, not applicants:
        # unknown, quoting the words.
        ("EUROACCESS-2305", "sökande", "unknown", "public authorities and organisations"),
        # Prizes to persons (the call's title names them), and a prize to a city.
        ("HORIZON-EIT-2026-PRIZE-WIP-LEADERSHIP", "sökande", "fail", "pris till enskilda"),
        ("HORIZON-JU-EDCTP3-2026-OUTSRESEARCHTEAMPRIZE", "sökande", "fail", "pris till enskilda"),
        ("HORIZON-EIC-2026-PRIZE-ICAPITAL-02", "sökande", "pass", "Kommuner kan söka enligt"),
        # The European Researchers' Night: any organisation may organise it, public
        # authorities among them; the Marie Skłodowska-Curie actions that hire researchers
        # keep rules of their own, which the text does not give.
        ("HORIZON-MSCA-2027-CITIZENS-01-01", "sökande", "pass", "Kommuner kan söka enligt"),
        ("HORIZON-MSCA-2027-DN-01-01", "sökande", "unknown", "framgår inte"),
        # The EIC's company instruments and the Widening fellowships, by their rules.
        ("HORIZON-EIC-2026-STEP", "sökande", "fail", "Endast företag enligt programmets"),
        ("HORIZON-WIDERA-2027-01-WIDENING-01", "sökande", "fail", "Endast företag enligt"),
        ("HORIZON-WIDERA-2026-05-WIDENING-01", "sökande", "fail", "Endast universitet och"),
        ("ERASMUS-EDU-2025-PI-FORWARD-HE-EDPP", "sökande", "fail", "Endast universitet och"),
        # The same lot's leadership programme for the leaders of higher education
        # institutions: its call is the lot's ("Forward-Looking Projects - Higher Education").
        ("ERASMUS-EDU-2025-PI-FORWARD-HE-LD", "sökande", "fail", "Endast universitet och"),
        # "FSTP funding can be provided only to SME participants": the sub-grants a project
        # passes on go to SMEs; who may apply is Horizon Europe's general rule.
        ("HORIZON-CL4-2027-01-MAT-PROD-08", "sökande", "pass", "Horisont Europa"),
        # Benefits "means-tested" and provided by local governments: what the research
        # maps, not local governments testing anything.
        ("HORIZON-CL2-2027-01-TRANSFO-02", "sökande", "pass", "Horisont Europa"),
        # Demonstration sites on both sides of a national border: border regions only.
        ("HORIZON-MISS-2027-01-CLIMA-01", "region", "unknown", "Arbetet ska göras i gränsregioner"),
        # Solar parks "located in Bulgaria …" or "located in Finland": the host countries.
        ("RENEWFM-2026-INVEST-TECH-SPEC", "region", "fail", "ligga i Bulgarien eller Finland"),
        # Work in the EU's neighbourhood as the title names it, like the Western Balkans.
        ("ERASMUS-EDU-2026-VIRT-EXCH-NE", "region", "unknown", "utanför EU (Neighbourhood East)"),
        ("ERASMUS-EDU-2026-CB-VET-SMC", "region", "unknown", "(South Mediterranean Countries)"),
        # Volunteering in humanitarian aid operations, which take place in third countries.
        ("ESC-HUMAID-2026-VOLUN", "region", "unknown", "utanför EU (humanitarian aid)"),
    ],
)
def test_checks_on_real_calls(
    corpus: dict[str, Call],
    linkoping: Priorities,
    call_id: str,
    check: str,
    result: str,
    reason_part: str,
) -> None:
    overall, facts = check_eligibility(corpus[call_id], linkoping, None)
    fact = _fact(facts, check)
    assert fact["result"] == result
    assert reason_part in fact["reason"]
    if result == "fail":
        assert overall == "fail"


def test_projects_located_in_named_countries_are_for_those_countries(
    linkoping: Priorities,
) -> None:
    """Written for the test: a call whose projects must lie in named countries fails a
    municipality of another, passes one of them, and places that are no country say
    nothing of it."""

    def region(text: str) -> dict[str, str]:
        call = Call("x", "solar", "Solar parks", programme="RENEWFM", description=text)
        return _fact(check_eligibility(call, linkoping, None)[1], "region")

    abroad = region("Ground mounted solar PV projects located in Finland can be funded.")
    assert abroad == {
        "check": "region",
        "result": "fail",
        "reason": "Projekten ska ligga i Finland enligt texten.",
    }
    assert (
        region("Solar PV projects located in Sweden or projects located in Finland.")["result"]
        == "pass"
    )
    assert region("Projects located in urban areas of Finland can be funded.")["result"] == "pass"
    # A place that is no country among those named: no list of host countries at all.
    mixed = "Projects located in Finland and projects located in Member States can be funded."
    assert region(mixed)["result"] == "pass"


def test_funds_for_one_named_agency_fail_and_funds_for_others_do_not(
    linkoping: Priorities,
) -> None:
    """Written for the test: a call whose funds go to one state agency fails a municipality;
    funds for actors of a field, or for an agency and others, say nothing of it."""

    def said(title: str, text: str) -> dict[str, str]:
        call = Call("x", title[:8], title, programme="AMIF (Migrationsverket)", description=text)
        return _fact(check_eligibility(call, linkoping, None)[1], "sökande")

    police = said("Utlysning av medel till Polismyndigheten", "Insatser mot grov brottslighet.")
    assert police["result"] == "fail"
    assert police["reason"] == (
        'Medlen går till en statlig myndighet: "Utlysning av medel till Polismyndigheten"'
    )
    for title in (
        "Utlysning av medel till aktörer inom integrationsområdet",
        "Utlysning av medel till Migrationsverket och kommuner",
        "Utlysning av medel till Polismyndigheten, Tullverket och Kustbevakningen",
    ):
        assert said(title, "Insatser för nyanlända.")["result"] != "fail", title


def test_dates_gate_and_is_skipped_without_today(
    corpus: dict[str, Call], linkoping: Priorities
) -> None:
    call = corpus["HORIZON-CL3-2026-01-BM-01"]  # opens 2026-05-06, closes 2026-11-05
    assert (
        _fact(check_eligibility(call, linkoping, date(2026, 4, 1))[1], "status")["reason"]
        == "Kommande: öppnar 2026-05-06."
    )
    overall, facts = check_eligibility(call, linkoping, date(2026, 11, 6))
    assert overall == "fail"
    assert _fact(facts, "status")["reason"] == "Stängd: sista ansökningsdag var 2026-11-05."
    assert all(f["check"] != "status" for f in check_eligibility(call, linkoping, None)[1])


def test_programme_exclusions_from_the_priorities_file(
    corpus: dict[str, Call], linkoping: Priorities
) -> None:
    excluded = linkoping.model_copy(update={"excluded_programmes": ["European Defence Fund"]})
    defence = next(c for c in corpus.values() if c.programme == "European Defence Fund")
    overall, facts = check_eligibility(defence, excluded, None)
    assert overall == "fail"
    assert "uteslutet i prioriteringsfilen" in _fact(facts, "program")["reason"]


def test_regions_named_by_a_source(linkoping: Priorities) -> None:
    call = Call("tillvaxtverket", "x", "Utlysning", regions=["Östergötland", "Uppsala"])
    assert _fact(check_eligibility(call, linkoping, None)[1], "region")["result"] == "pass"
    call = Call("tillvaxtverket", "y", "Utlysning", regions=["Skåne", "Blekinge"])
    overall, facts = check_eligibility(call, linkoping, None)
    assert overall == "fail"
    assert "SE123 ingår inte" in _fact(facts, "region")["reason"]


@pytest.mark.parametrize(
    ("title", "text", "where"),
    [
        ("Monitoring of medicines in the health system of Montenegro", "", "Montenegro"),
        ("Capacity building for Ukrainian regional policy stakeholders", "", "Ukrainian"),
        ("Capacity building in VET in Western Balkans", "", "Western Balkans"),
        ("Local food systems", "Pilots in Latin America. Farmers of Latin America lead.", "Latin"),
    ],
)
def test_work_for_a_country_outside_the_eu_is_no_unrestricted_region(
    linkoping: Priorities, title: str, text: str, where: str
) -> None:
    """Written for the test: a call whose title places its work outside the EU (or whose
    text does twice) names no region because its place is not one; "no restriction" would
    tell a Swedish municipality it may take part as anywhere else."""
    call = Call(
        "sedia", "x", title, programme="Instrument for Pre-accession Assistance", description=text
    )
    region = _fact(check_eligibility(call, linkoping, None)[1], "region")
    assert region["result"] == "unknown", region
    assert region["reason"].startswith("Arbetet görs utanför EU (") and where in region["reason"]
    assert "kontrollera om och hur en svensk kommun kan delta" in region["reason"]
    # A European topic that names Africa once is not done there.
    once = Call("sedia", "y", "Hydrogen in European cities", description="Also as in Africa.")
    assert _fact(check_eligibility(once, linkoping, None)[1], "region")["reason"] == (
        "Ingen regional begränsning angiven."
    )


@pytest.mark.parametrize(
    ("nuts", "country", "result", "reason_part"),
    [
        ("SE123", "SE", "fail", "i Sverige Norrbotten, Västerbotten, Gotland; SE123 ingår inte"),
        ("SE331", "SE", "pass", "rättvis omställning (Västerbotten)"),
        ("SE214", "SE", "pass", "rättvis omställning (Gotland)"),
        ("FI1B", "FI", "unknown", "kontrollera om kommunen ligger i ett sådant"),
    ],
)
@pytest.mark.parametrize(
    "call_id", ["JTM-2026-PSLF-FRAMEWORK-LOANS", "JTM-2026-PSLF-STANDALONE-PROJECTS"]
)
def test_just_transition_calls_are_for_the_territories_of_the_just_transition_plans(
    corpus: dict[str, Call],
    linkoping: Priorities,
    call_id: str,
    nuts: str,
    country: str,
    result: str,
    reason_part: str,
) -> None:
    """The Just Transition Mechanism's real calls fund projects "for the benefit of the EU
    territories identified in the Territorial Just Transition Plans": in Sweden the Just
    Transition Fund's territories, read from the one region table. The text names no
    region, so without the rule they passed everywhere."""
    where = linkoping.model_copy(update={"nuts": nuts, "country": country})
    overall, facts = check_eligibility(corpus[call_id], where, None)
    region = _fact(facts, "region")
    assert region["result"] == result, region
    assert reason_part in region["reason"]
    assert (overall == "fail") == (result == "fail")
    # Inside the territories the call is money for the municipality's own area.
    assert (region.get("area") == OWN_AREA) == (result == "pass")


def test_a_call_that_only_names_the_just_transition_mechanisms_goals_is_not_for_its_territories(
    corpus: dict[str, Call], linkoping: Priorities
) -> None:
    """The Research Fund for Coal and Steel's real call asks for research "in line with the
    goals of the Just Transition Mechanism"; its work is not restricted to the plans'
    territories, so Linköping is not told it lies outside them."""
    call = corpus["RFCS-2026-BT-Coal"]
    assert "Just Transition Mechanism" in call.description
    region = _fact(check_eligibility(call, linkoping, None)[1], "region")
    assert "rättvis omställning" not in region["reason"], region
    assert "area" not in region  # open to anyone anywhere: no area of the municipality's


# --- who may apply, from the structured applicant types -----------------------------------


@pytest.mark.parametrize(
    ("types", "result", "reason"),
    [
        (["municipality"], "pass", "Kommuner kan söka."),
        (["company", "municipality", "ngo"], "pass", "Kommuner kan söka."),
        (["public_body", "research"], "pass", "Offentliga organisationer kan söka"),
        (["company"], "fail", "Endast företag."),
        (["company", "sme"], "fail", "Endast företag."),
        (["university"], "fail", "Endast universitet och högskolor."),
        (["individual"], "fail", "Endast privatpersoner."),
        (["region"], "fail", "Endast regioner."),
        (["sme", "university"], "fail", "Endast små och medelstora företag samt universitet"),
    ],
)
def test_applicant_types_decide_who_may_apply(
    linkoping: Priorities, types: list[str], result: str, reason: str
) -> None:
    # The source's own who-may-apply words: the types are the whole list.
    call = Call("vinnova", "x", "Utlysning", applicants="Vem kan söka: …", applicant_types=types)
    overall, facts = check_eligibility(call, linkoping, None)
    fact = _fact(facts, "sökande")
    assert fact["result"] == result and fact["reason"].startswith(reason)
    assert overall == ("fail" if result == "fail" else "pass")


def test_types_read_from_passing_sentences_never_exclude_municipalities(
    linkoping: Priorities,
) -> None:
    # Read from the description, without "only": some applicants named, not all of them.
    prose = Call("vinnova", "p", "Utlysning", applicant_types=["company", "research"])
    fact = _fact(check_eligibility(prose, linkoping, None)[1], "sökande")
    assert fact["result"] == "unknown"
    assert fact["reason"].startswith("Texten nämner företag")
    limited = Call(
        "vinnova", "q", "Utlysning", applicant_types=["company"], extra={"applicants_only": True}
    )
    assert _fact(check_eligibility(limited, linkoping, None)[1], "sökande")["result"] == "fail"


def test_types_read_from_the_text_come_after_the_programmes_rules_and_the_calls_words(
    linkoping: Priorities,
) -> None:
    # Types without the source's own who-may-apply words were read from passing sentences.
    def sokande(call: Call) -> dict[str, str]:
        return _fact(check_eligibility(call, linkoping, None)[1], "sökande")

    # A programme's rules: an Erasmus charter is for higher education, whatever else it names.
    charter = Call(
        "sedia",
        "a",
        "Erasmus Charter for Higher Education 2028",
        programme="Erasmus+",
        applicant_types=["public_body", "university"],
    )
    assert sokande(charter)["result"] == "fail"
    # An offer spoken to companies stays one when a sentence names companies as applicants.
    pitch = "Är du ett företag som vill växa? Företag kan söka stöd för energieffektivisering."
    offer = Call("vinnova", "b", "Utlysning", description=pitch, applicant_types=["company"])
    assert "Riktar sig till företag" in sokande(offer)["reason"]
    # A Horizon Europe topic that mentions SMEs: the programme's general rules still say.
    topic = Call(
        "sedia",
        "c",
        "Water quality sensing",
        programme="Horizon Europe",
        description="SMEs are encouraged to take part.",
        applicant_types=["sme"],
    )
    assert sokande(topic)["reason"].startswith("Horisont Europa:")
    # Nothing else to go on: the types read say what they can, never a fail.
    prose = Call("vinnova", "d", "Utlysning", applicant_types=["company"])
    assert sokande(prose)["result"] == "unknown"
    assert sokande(prose)["reason"].startswith("Texten nämner företag")
    # Municipalities named in a who-may-apply sentence pass.
    named = Call(
        "vinnova",
        "e",
        "Utlysning",
        description="Kommuner och regioner kan söka stödet.",
        applicant_types=["municipality", "region"],
    )
    assert sokande(named) == {"check": "sökande", "result": "pass", "reason": "Kommuner kan söka."}
    # The same types from the source's own section decide first, as before.
    own = Call(
        "sedia",
        "f",
        "Erasmus Charter for Higher Education 2028",
        programme="Erasmus+",
        applicants="Eligible: public bodies and universities.",
        applicant_types=["public_body", "university"],
    )
    assert sokande(own)["result"] == "pass"


def test_applicant_types_come_before_the_text_which_stays_the_fallback(
    linkoping: Priorities,
) -> None:
    pitch = "Är du ett företag som vill växa? Sök stöd för energieffektivisering."
    typed = Call("vinnova", "a", "Utlysning", description=pitch, applicant_types=["municipality"])
    assert _fact(check_eligibility(typed, linkoping, None)[1], "sökande")["result"] == "pass"
    untyped = Call("vinnova", "b", "Utlysning", description=pitch)
    fact = _fact(check_eligibility(untyped, linkoping, None)[1], "sökande")
    assert fact["result"] == "fail" and "Riktar sig till företag" in fact["reason"]
    silent = Call("vinnova", "c", "Utlysning", description="Stöd till energieffektivisering.")
    overall, facts = check_eligibility(silent, linkoping, None)
    assert overall == "unknown"
    assert _fact(facts, "sökande") == {
        "check": "sökande",
        "result": "unknown",
        "reason": "Vem som kan söka framgår inte; läs villkoren.",
    }


@pytest.mark.parametrize(
    "description",
    [
        "Planerar ditt bolag en nyemission nästa år? Då kan ni söka coachning hos oss.",
        "Vill du etablera ditt företag i Japan? Programmet ger coachning och kontakter.",
        "Vi välkomnar nu svenska tillväxtföretag med ny energiteknik att söka till programmet.",
        "Satsningen riktar sig till startups som vill ta sin produkt till en ny marknad.",
        "Stödet riktar sig främst till små och medelstora företag inom livsmedel.",
    ],
)
def test_a_call_that_speaks_to_companies_fails_for_a_municipality(
    linkoping: Priorities, description: str
) -> None:
    call = Call("energimyndigheten", "x", "Utlysning", description=description)
    fact = _fact(check_eligibility(call, linkoping, None)[1], "sökande")
    assert fact["result"] == "fail" and "Riktar sig till företag" in fact["reason"]


@pytest.mark.parametrize(
    ("title", "description"),
    [
        ("Nya marknader för svenska vattenteknikföretag", "Ett program om export till Brasilien."),
        ("Delegationsresa till Japan", "Myndigheten bjuder in svenska företag att delta i resan."),
        ("Inbjudan till mässa för bolag inom vätgas", "Mässan hålls i Hamburg i maj."),
        ("Företag med lösningar inom sjöfart kan få stöd", "Programmet pågår i ett år."),
        (
            "Monter på mässa i Tyskland",
            "Myndigheten ställer ut på en mässa i Berlin. Svenska små och medelstora företag "
            "med ny vattenteknik är välkomna att ansöka om en plats.",
        ),
        ("Exportstöd", "Programmet pågår i ett år.\nFöretag inom livsmedel kan söka stödet."),
    ],
)
def test_an_offer_addressed_to_swedish_companies_fails_for_a_municipality(
    linkoping: Priorities, title: str, description: str
) -> None:
    call = Call("energimyndigheten", "x", title, description=description)
    fact = _fact(check_eligibility(call, linkoping, None)[1], "sökande")
    assert fact["result"] == "fail" and "Riktar sig till företag" in fact["reason"]
    assert "ställer ut" not in fact["reason"]  # the sentence that says it is quoted


def test_a_call_for_those_who_support_companies_is_not_a_company_pitch(
    linkoping: Priorities,
) -> None:
    # Support *for* companies carried out by others, or a call naming public bodies too.
    for description in (
        "Nu söker vi er som vill stärka små och medelstora företags förmåga att växa.",
        "Utlysningen riktar sig till företag, kommuner och regioner i hela landet.",
        "Utlysningen stödjer svenska företag och andra aktörer som utvecklar nya lösningar.",
        "Stöd till insatser för svenska företags export, i samverkan med andra.",
        "Vill du bidra med forskning för en hållbar utbyggnad av vindkraft i landet?",
        "Företag och kommuner kan söka stöd för laddinfrastruktur.",
        "Företag kan söka tillsammans med kommuner och regioner.",
        "Stödet går till projekt. Företag får söka om de samverkar med offentliga aktörer.",
    ):
        call = Call("tillvaxtverket", "y", "Utlysning", description=description)
        fact = _fact(check_eligibility(call, linkoping, None)[1], "sökande")
        assert fact["result"] != "fail", description


@pytest.mark.parametrize(
    ("programme", "title", "reason"),
    [
        (
            "Erasmus+",
            "Erasmus Charter for Higher Education 2028",
            "Endast universitet och högskolor enligt programmets regler.",
        ),
        (
            "Horizon Europe",
            "ERC Consolidator Grant",
            "Endast universitet och högskolor samt forskningsorganisationer enligt programmets "
            "regler.",
        ),
        (
            "Horizon Europe",
            "EIC Accelerator open call",
            "Endast små och medelstora företag enligt programmets regler.",
        ),
        (
            "European Parliament",
            "Courses in conference interpreting 2028",
            "Endast universitet och högskolor enligt programmets regler.",
        ),
        (
            "Creative Europe",
            "Networks of European Cinemas",
            "Endast företag samt ideella organisationer enligt programmets regler.",
        ),
        (
            "Creative Europe",
            "Films on the Move",
            "Endast företag enligt programmets regler.",
        ),
        (
            "Digital Europe",
            "Cross-Border Cyber Hubs for shared situational awareness",
            "Endast nationella och regionala myndigheter enligt programmets regler.",
        ),
        (
            "Digital Europe",
            "Strengthening the network of National Coordination Centres",
            "Endast nationella och regionala myndigheter enligt programmets regler.",
        ),
        (
            "LIFE",
            "Framework Partnership Agreements for operating grants to support non-profit "
            "organisations",
            "Endast ideella organisationer enligt programmets regler.",
        ),
        (
            "Horizon Europe",
            "Inclusive Gender Equality Champions",
            "Endast universitet och högskolor samt forskningsorganisationer enligt programmets "
            "regler.",
        ),
        (
            "Horizon Europe",
            "Co-funded European Partnership for resilient cities",
            "Endast finansiärer av forskning och innovation (programägare och -förvaltare) "
            "enligt programmets regler.",
        ),
        (
            "Horizon Europe",
            "EU-Asia CO-FUND action on urban heat",
            "Endast finansiärer av forskning och innovation (programägare och -förvaltare) "
            "enligt programmets regler.",
        ),
    ],
)
def test_an_action_for_one_kind_of_applicant_fails_whatever_its_text_says(
    linkoping: Priorities, programme: str, title: str, reason: str
) -> None:
    text = "Cities and public bodies may apply, and benefit from the results of the projects."
    call = Call("sedia", "x", title, programme=programme, description=text)
    fact = _fact(check_eligibility(call, linkoping, None)[1], "sökande")
    assert fact == {"check": "sökande", "result": "fail", "reason": reason}
    # The source's own applicant types (its who-may-apply words) still come first.
    typed = Call(
        "sedia",
        "y",
        title,
        programme=programme,
        applicants="Municipalities may apply.",
        applicant_types=["municipality"],
    )
    assert _fact(check_eligibility(typed, linkoping, None)[1], "sökande")["result"] == "pass"
    # Other actions of the same programmes are read from their text as before.
    other = Call("sedia", "z", "Cities and climate", programme=programme, description=text)
    assert _fact(check_eligibility(other, linkoping, None)[1], "sökande")["result"] == "pass"


@pytest.mark.parametrize(
    ("call_id", "reason"),
    [
        (
            "EUAF-2026-TRAI-03",  # staff exchanges between anti-fraud administrations
            "Endast nationella och regionala myndigheter, forskningsorganisationer samt ideella "
            "organisationer enligt programmets regler.",
        ),
        (
            "EUAF-2026-TA-01",  # investigation and surveillance equipment
            "Endast nationella och regionala myndigheter, forskningsorganisationer samt ideella "
            "organisationer enligt programmets regler.",
        ),
        (
            "PERI-2026-ANTI-COUNTERFEIT",
            "Endast nationella och regionala myndigheter enligt programmets regler.",
        ),
        (
            "AGRIP-SIMPLE-2026-IM-EU-QS",
            "Endast bransch- och producentorganisationer enligt programmets regler.",
        ),
        (
            "EUBA-EUAA-2026-EAC",  # the Asylum Agency's training of asylum officials
            "Endast nationella och regionala myndigheter samt forskningsorganisationer enligt "
            "programmets regler.",
        ),
        (
            "EUBA-EUAA-2026-ASYLUMCASELAW",  # research on the case law of asylum
            "Endast nationella och regionala myndigheter samt forskningsorganisationer enligt "
            "programmets regler.",
        ),
        (
            "SOCPL-2026-SOC-DIALOG",  # the social prerogative lines' support for social dialogue
            "Endast arbetsmarknadens parter (fackliga organisationer och "
            "arbetsgivarorganisationer) enligt programmets regler.",
        ),
        (
            "SOCPL-2026-INFO-WK",  # information and training measures for workers' organisations
            "Endast fackliga organisationer enligt programmets regler.",
        ),
    ],
)
def test_programmes_for_other_administrations_and_sector_bodies_fail_for_a_municipality(
    corpus: dict[str, Call], linkoping: Priorities, call_id: str, reason: str
) -> None:
    # The texts of these real calls say nothing of who applies; the programmes' rules do.
    call = corpus[call_id]
    assert not call.applicant_types
    fact = _fact(check_eligibility(call, linkoping, None)[1], "sökande")
    assert fact == {"check": "sökande", "result": "fail", "reason": reason}


def test_social_dialogue_is_for_the_social_partners_only_in_the_social_prerogative_lines(
    linkoping: Priorities,
) -> None:
    """Written for the test: a research topic and an EaSI call on social dialogue are read
    from their text; the same title in the social prerogative lines is for the partners."""
    text = "Cities and public bodies may apply."
    for programme in ("Horizon Europe", "ESF+ / Employment and Social Innovation (EaSI)"):
        call = Call("sedia", "x", "Social dialogue in platform work", programme=programme)
        call.description = text
        assert _fact(check_eligibility(call, linkoping, None)[1], "sökande")["result"] == "pass"
    call = Call(
        "sedia", "y", "Support for social dialogue", programme="ESF+ / Social prerogative lines"
    )
    call.description = text
    assert _fact(check_eligibility(call, linkoping, None)[1], "sökande")["result"] == "fail"


def test_every_call_of_a_programme_for_other_audiences_fails_and_no_other_call_does(
    corpus: dict[str, Call], linkoping: Priorities
) -> None:
    audiences = {
        "Union Anti-Fraud Programme",
        "Pericles IV",
        "Promotion of Agricultural Products",
        "EU Bodies and Agencies",
    }
    for call in corpus.values():
        fact = _fact(check_eligibility(call, linkoping, None)[1], "sökande")
        named = "nationella och regionala myndigheter" in fact["reason"] or (
            "bransch- och producentorganisationer" in fact["reason"]
        )
        # A call's own limiting words say it more exactly than its programme's rules: EFSA's
        # grants quote "Only competent organisations … are eligible".
        own = fact["reason"].startswith("Begränsad krets sökande:")
        if call.programme in audiences:
            assert fact["result"] == "fail" and (named or own), (call.source_id, fact)
        elif not _DESIGNATED_BODIES.search(call.title):  # Digital Europe's cyber hubs, below
            assert not named, (call.source_id, fact)
    # The programme's name decides, not a title that happens to share a word with it.
    heritage = Call(
        "sedia",
        "h",
        "Digital twins of heritage sites building on the PERICLES project",
        programme="Horizon Europe",
        description="Local authorities take part as partners in the pilots.",
    )
    assert _fact(check_eligibility(heritage, linkoping, None)[1], "sökande")["result"] == "pass"


# The actions of Digital Europe and CEF whose rules admit only other applicants, by their
# titles and the programmes' identifiers.
_DESIGNATED_BODIES = re.compile(
    r"\bNCC\b|\b(national|cross-border) cyber hubs\b|\bregional cable hubs\b", re.I
)
_INDUSTRY_AND_RESEARCH = re.compile(r"^DIGITAL-(JU-CHIPS|IRIS2)-", re.I)
_PROJECT_PROMOTERS = re.compile(r"^CEF-E-\d{4}-PCI-")


def test_digital_europe_and_cef_actions_for_other_applicants_fail_and_their_siblings_do_not(
    corpus: dict[str, Call], linkoping: Priorities
) -> None:
    # Real calls: the cybersecurity centres and hubs the Member States designate, the Chips
    # Joint Undertaking's and the quantum communication industry's topics, and CEF Energy's
    # studies and works for the projects on the Union's list. None of their texts says who
    # may apply in words the text checks read.
    expected = {
        _DESIGNATED_BODIES: "Endast nationella och regionala myndigheter enligt programmets "
        "regler.",
        _INDUSTRY_AND_RESEARCH: "Endast företag, universitet och högskolor samt "
        "forskningsorganisationer enligt programmets regler.",
        _PROJECT_PROMOTERS: "Endast projektägare av projekt på EU:s förteckning över projekt av "
        "gemensamt intresse enligt programmets regler.",
    }
    seen = dict.fromkeys(expected, 0)
    others: collections.Counter[str] = collections.Counter()
    for call in corpus.values():
        if call.programme not in ("Digital Europe", "CEF"):
            continue
        fact = _fact(check_eligibility(call, linkoping, None)[1], "sökande")
        pattern = next(
            (p for p in expected if p.search(call.title) or p.search(call.source_id)), None
        )
        if pattern is None:
            others[fact["result"]] += 1
            assert "enligt programmets regler." not in fact["reason"], (call.source_id, fact)
            continue
        seen[pattern] += 1
        assert fact == {"check": "sökande", "result": "fail", "reason": expected[pattern]}
    assert list(seen.values()) == [4, 10, 2]
    # The programmes' other calls keep what their text and general rules say: the applicant
    # is a municipality too, or the text must be read.
    assert others["fail"] == 0 and others["pass"] >= 10, others


def test_horizon_europe_general_rules_say_who_may_take_part_when_the_text_is_silent(
    linkoping: Priorities,
) -> None:
    silent = "Expected outcome: better sensors for monitoring water quality in rivers."
    topic = Call(
        "sedia", "t", "Water quality sensing", programme="Horizon Europe", description=silent
    )
    fact = _fact(check_eligibility(topic, linkoping, None)[1], "sökande")
    assert fact["result"] == "pass"
    assert fact["reason"].startswith("Horisont Europa:") and "kommuner också" in fact["reason"]
    assert "konsortium" in fact["reason"]
    # The topic's own words still decide first.
    only = Call(
        "sedia",
        "u",
        "Water quality sensing",
        programme="Horizon Europe",
        description="Funding can be provided only to SME participants.",
    )
    assert _fact(check_eligibility(only, linkoping, None)[1], "sökande")["result"] == "fail"
    # Actions with rules of their own, and other programmes, stay unknown when silent.
    for programme, title in (
        ("Horizon Europe", "MSCA Postdoctoral Fellowships 2027"),
        ("Horizon Europe", "MSCA COFUND 2027"),  # doctoral programmes: not the funders' rule
        ("Horizon Europe", "Renewable energy technology prize"),
        ("Horizon Europe", "EIC Pathfinder Open"),
        ("Horizon Europe (cascade funding)", "Open call for pilots"),
        ("Single Market Programme", "Water quality sensing"),
    ):
        other = Call("sedia", "v", title, programme=programme, description=silent)
        fact = _fact(check_eligibility(other, linkoping, None)[1], "sökande")
        assert fact["result"] == "unknown", (programme, title)


@pytest.mark.parametrize(
    ("programme", "ident", "title", "said"),
    [
        ("Digital Europe", "DIGITAL-2027-DATA", "Data spaces for cities", "Digitala Europa:"),
        # Hubs that are not the Member States' cybersecurity hubs: the general rules.
        (
            "Digital Europe",
            "DIGITAL-2027-DATAHUB",
            "National hubs for data spaces",
            "Digitala Europa:",
        ),
        ("Creative Europe", "CREA-CULT-2027-COOP", "Cooperation projects", "Kreativa Europa:"),
        ("Justice Programme", "JUST-2027-JACC", "Action grants on e-Justice", "utom Danmark"),
        ("Internal Security Fund", "ISF-2027-AG", "Preventing trafficking", "utom Danmark"),
        # Actions for bodies a Member State designates, for the audiovisual industry, for
        # framework partners: their own rules, so a silent text says nothing.
        ("Digital Europe", "DIGITAL-2027-SIC", "Network of Safer Internet Centres", None),
        ("Digital Europe", "DIGITAL-2027-HUB", "Support to the EDICs", None),
        ("Digital Europe (cascade funding)", "CASCADE-1", "Open call for start-ups", None),
        ("Creative Europe", "CREA-MEDIA-2027-TRAINING", "Skills and talent", None),
        ("Justice Programme", "JUST-2027-OG", "Operating grants to framework partners", None),
    ],
)
def test_general_rules_of_digital_europe_creative_europe_justice_and_internal_security(
    linkoping: Priorities, programme: str, ident: str, title: str, said: str | None
) -> None:
    silent = "The action builds shared tools and exchanges practice across borders."
    call = Call("sedia", ident, title, programme=programme, description=silent)
    fact = _fact(check_eligibility(call, linkoping, None)[1], "sökande")
    if said is None:
        assert fact["result"] == "unknown", fact
    else:
        assert fact["result"] == "pass" and said in fact["reason"], fact
        assert "kommuner" in fact["reason"] and "kan begränsa" in fact["reason"]


# --- the window: dates, rolling calls, closed calls, and what a record is -----------------

DAY = date(2026, 4, 6)


@pytest.mark.parametrize(
    ("fields", "result", "reason"),
    [
        ({}, "unknown", "Datum saknas"),
        ({"status_hint": "Öppen"}, "unknown", "Datum saknas"),  # a status word is no window
        ({"extra": {"rolling": True}}, "pass", "Öppen: löpande ansökan."),
        ({"extra": {"rolling": True}, "opening_date": "2026-05-01"}, "pass", "Kommande"),
        ({"deadlines": ["2026-04-30"]}, "pass", "Öppen: sista ansökningsdag 2026-04-30."),
        ({"opening_date": "2026-03-01"}, "unknown", "Öppnade 2026-03-01; okänt"),
        ({"opening_date": "2026-03-01", "status_hint": "open"}, "pass", "Öppen sedan"),
        # Closed in its own text and dates, whatever the source's stale status word says.
        ({"deadlines": ["2025-10-14"], "status_hint": "Öppen"}, "fail", "Stängd"),
        ({"deadlines": ["2025-10-14"], "extra": {"rolling": True}}, "fail", "Stängd"),
        ({"status_hint": "Stängd"}, "fail", "Stängd enligt källan."),
    ],
)
def test_status_needs_a_known_window(
    linkoping: Priorities, fields: dict, result: str, reason: str
) -> None:
    call = Call("esf", "x", "Utlysning", applicant_types=["municipality"], **fields)
    fact = _fact(check_eligibility(call, linkoping, DAY)[1], "status")
    assert fact["result"] == result and fact["reason"].startswith(reason), fact


@pytest.mark.parametrize(
    ("kind", "word"),
    [("news", "nyhet"), ("programme", "programsida"), ("offer_individuals", "privatpersoner")],
)
def test_records_that_are_not_calls_fail(linkoping: Priorities, kind: str, word: str) -> None:
    call = Call("feeds", "x", "Om en utlysning", kind=kind, deadlines=["2026-05-01"])
    overall, facts = check_eligibility(call, linkoping, DAY)
    assert overall == "fail" and word in _fact(facts, "slag")["reason"]
    assert all(
        f["check"] != "slag" for f in check_eligibility(Call("a", "b", "c"), linkoping, DAY)[1]
    )


@pytest.mark.parametrize("words", ["municipalities", "kommuner", "local authorities"])
def test_a_long_sentence_is_quoted_around_the_words_the_check_found(
    linkoping: Priorities, words: str
) -> None:
    opening = "The project builds a shared catalogue of tested solutions for water, heat and " * 4
    description = f"{opening}which {words} in every region can use to plan their own work ahead."
    call = Call("eu-ft", "x", "Shared catalogue", description=description)
    fact = _fact(check_eligibility(call, linkoping, None)[1], "sökande")
    quote = fact["reason"].split('"')[1]
    assert fact["result"] == "pass"
    assert words in quote and quote.startswith("…") and len(quote) <= 241
    assert quote.endswith("ahead.")  # room left after the words goes to what comes before them


@pytest.mark.parametrize(
    ("title", "call_title", "fails"),
    [
        ("Young Innovators Category", "The European Prize for Young Innovators", True),
        ("Outstanding Research Team Prize 2027", None, True),
        ("Award for Female Scientists in Water Research", None, True),
        ("Rising Innovator Category", "The European Capital of Innovation Award", False),
        ("Prize for the most accessible city", None, False),
    ],
)
def test_a_prize_to_persons_fails_for_a_municipality(
    linkoping: Priorities, title: str, call_title: str | None, fails: bool
) -> None:
    extra = {"call_title": call_title} if call_title else {}
    call = Call("eu-ft", "x", title, description="The prize recognises excellence.", extra=extra)
    fact = _fact(check_eligibility(call, linkoping, None)[1], "sökande")
    assert (fact["result"] == "fail" and "pris till enskilda" in fact["reason"]) is fails


def _with_population(priorities: Priorities, population: int | None) -> Priorities:
    """The priorities with the applicant profile's inhabitants set to ``population``."""
    profile = priorities.applicant_profile
    assert profile is not None
    return priorities.model_copy(
        update={"applicant_profile": profile.model_copy(update={"population": population})}
    )


@pytest.mark.parametrize(
    ("title", "population", "result", "reason_part"),
    [
        ("Rising Innovator Category", 167_000, "pass", "50 000–249 999 invånare; kommunen har"),
        ("Rising Innovator Category", 300_000, "fail", "kommunen har 300 000"),
        ("iCapital Category", 167_000, "fail", "minst 250 000 invånare; kommunen har 167 000"),
        ("iCapital Category", 250_000, "pass", "European Capital of Innovation"),
        ("iCapital Category", None, "unknown", "invånare i prioriteringsfilens sökandeprofil"),
        ("European Green Leaf 2027", 101_000, "fail", "20 000–100 000 invånare"),
        ("European Green Capital 2027", 101_000, "pass", "fler än 100 000 invånare"),
        ("Access City Award 2027", 40_000, "fail", "fler än 50 000 invånare"),
    ],
)
def test_an_award_to_cities_of_a_size_is_checked_against_the_municipalitys_inhabitants(
    linkoping: Priorities, title: str, population: int | None, result: str, reason_part: str
) -> None:
    extra = {"call_title": "The European Capital of Innovation Award"} if "Categ" in title else {}
    call = Call("eu-ft", "x", title, programme="Horizon Europe", extra=extra)
    assert linkoping.applicant_profile is not None
    assert linkoping.applicant_profile.population == 167_000  # the shipped file says so
    priorities = _with_population(linkoping, population)
    overall, facts = check_eligibility(call, priorities, None)
    size = _fact(facts, "storlek")
    assert size["result"] == result and reason_part in size["reason"], size
    assert (overall == "fail") is (result == "fail")
    # Other calls have no such check, and a municipality of any size keeps them; a prize to
    # persons with a category of the same name is no award to cities.
    other = Call("eu-ft", "y", "Innovation ecosystems of cities", programme="Horizon Europe")
    women = Call(
        "eu-ft",
        "z",
        "Rising Innovators Category",
        programme="Horizon Europe",
        extra={"call_title": "The European Prize for Women Innovators"},
    )
    for call in (other, women):
        assert all(f["check"] != "storlek" for f in check_eligibility(call, priorities, None)[1])


def test_linkopings_size_fails_the_capital_of_innovation_and_passes_the_rising_innovator(
    corpus: dict[str, Call], linkoping: Priorities
) -> None:
    capital = check_eligibility(corpus["HORIZON-EIC-2026-PRIZE-ICAPITAL-01"], linkoping, None)
    rising = check_eligibility(corpus["HORIZON-EIC-2026-PRIZE-ICAPITAL-02"], linkoping, None)
    assert capital[0] == "fail" and _fact(capital[1], "storlek")["result"] == "fail"
    assert _fact(capital[1], "sökande")["result"] == "pass"  # cities apply; not this one
    assert rising[0] == "pass" and _fact(rising[1], "storlek")["result"] == "pass"


@pytest.mark.parametrize(
    ("call_id", "population", "result", "reason_part"),
    [
        ("EUI-IA-CALL-4", 167_000, "pass", "minst 25 000 invånare"),
        ("EUI-IA-CALL-4", 22_000, "unknown", "kommunen har 22 000 och kan bara söka tillsammans"),
        ("EUI-IA-CALL-4", None, "unknown", "invånare i prioriteringsfilens sökandeprofil"),
        ("EUI-IA-CALL-3", 30_000, "unknown", "minst 50 000 invånare"),
        ("EUI-IA-CALL-2", 50_000, "pass", "minst 50 000 invånare"),
        ("EUI-IA-CALL-1", 49_999, "unknown", "flera kommuner som söker tillsammans"),
    ],
)
def test_the_urban_initiatives_innovative_actions_are_for_urban_authorities_of_a_size(
    corpus: dict[str, Call],
    linkoping: Priorities,
    call_id: str,
    population: int | None,
    result: str,
    reason_part: str,
) -> None:
    """The first three calls were for 50,000 inhabitants, the fourth for 25,000; a smaller
    municipality may apply in a grouping that reaches the size, so it is unknown, never a
    failure."""
    overall, facts = check_eligibility(
        corpus[call_id], _with_population(linkoping, population), None
    )
    size = _fact(facts, "storlek")
    assert size["result"] == result and reason_part in size["reason"], size
    assert overall != "fail"
    if result == "unknown":
        assert overall == "unknown"


def test_the_awards_to_cities_are_no_research_whatever_programme_funds_them(
    corpus: dict[str, Call],
) -> None:
    """The European Capital of Innovation is a Horizon Europe prize the city's administration
    applies for: it loses no research penalty and is not held back as research; every other
    research programme's call of the corpus is research as before."""
    awards = {"HORIZON-EIC-2026-PRIZE-ICAPITAL-01", "HORIZON-EIC-2026-PRIZE-ICAPITAL-02"}
    research = {i for i, c in corpus.items() if research_programme(c.programme)}
    assert awards <= research
    assert {i for i in research if not research_call(corpus[i])} == awards
    assert all(for_municipalities_alone(corpus[i]) for i in awards)
    written = Call(
        "eu-ft",
        "x",
        "iCapital Category",
        programme="Horizon Europe",
        extra={"call_title": "The European Capital of Innovation Award"},
    )
    assert not research_call(written)
    assert research_call(Call("eu-ft", "y", "Innovation ecosystems", programme="Horizon Europe"))


def test_the_european_defence_fund_is_a_research_programme(corpus: dict[str, Call]) -> None:
    """The Union's defence research and development programme: its research and development
    actions (and the industrial programme's calls published beside them) are for the defence
    industry and research organisations, so they lose the research penalty by the
    applicability model's odds and wait for a mark, however much their words say a priority's
    subject ("cloud services" for a digital priority)."""
    defence = [c for c in corpus.values() if c.programme == "European Defence Fund"]
    assert len(defence) == 39
    assert all(research_programme(c.programme) and research_call(c) for c in defence)
    assert not research_programme("Digital Europe")


def test_research_for_a_country_of_the_neighbourhood_is_done_abroad(
    corpus: dict[str, Call],
) -> None:
    """The research topics whose title names Ukraine (its soil, its forests, its research
    infrastructures, cancer research with it) are done there; the European topics whose text
    names Ukraine or Moldova among the associated countries (hydrogen cities, CCUS clusters,
    biofuels) are not."""
    research = [c for c in corpus.values() if research_programme(c.programme)]
    named = {c.source_id for c in research if "ukrain" in c.title.lower()}
    assert len(named) == 5
    for call in research:
        where = done_abroad(call.title, call.description)
        if call.source_id in named:
            assert where == "Ukraine", call.title
        elif "ukrain" in (call.description or "").lower():
            assert where is None or "ukrain" not in where.lower(), call.title


@pytest.mark.parametrize(
    ("programme", "title", "text", "result", "reason_part"),
    [
        # Named as users or beneficiaries, not as applicants: unknown, quoting the words.
        (
            "Single Market Programme",
            "Tools for planning",
            "The platform lets businesses, public authorities and citizens find good tools.",
            "unknown",
            "men inte att de kan söka",
        ),
        # Named as taking part: pass.
        (
            "Single Market Programme",
            "Tools for planning",
            "Consortia should involve public authorities that deploy the tools in their services.",
            "pass",
            "Offentliga aktörer nämns",
        ),
        # A list item is quoted without its mark.
        (
            "Single Market Programme",
            "Tools for planning",
            "Expected outcomes:\n- public authorities take part in testing the tools;\n- more.",
            "pass",
            'nämns: "public authorities take part in testing the tools;"',
        ),
        # A Swedish call names kommuner as applicants.
        (
            "Energimyndigheten",
            "Energirådgivning",
            "Nu kan kommuner få bidrag till energirådgivning.",
            "pass",
            'Offentliga aktörer nämns: "Nu kan kommuner',
        ),
        # A sentence that says they may apply says so in the lead-in too.
        (
            "Energimyndigheten",
            "Energirådgivning",
            "Kommuner kan nu ansöka om bidrag till energirådgivning.",
            "pass",
            'Kommuner kan söka enligt texten: "Kommuner kan nu ansöka',
        ),
        (
            "Single Market Programme",
            "Tools for planning",
            "Local authorities are eligible for grants that deploy the tools.",
            "pass",
            "Kommuner kan söka enligt texten",
        ),
        (
            "Single Market Programme",
            "Tools for planning",
            "Public bodies and companies may apply for grants that deploy the tools.",
            "pass",
            "Offentliga organisationer kan söka enligt texten",
        ),
        # Programmes whose general rules let a municipality take part say so instead.
        (
            "Horizon Europe",
            "Tools for planning",
            "Results help public authorities plan better cycle lanes.",
            "pass",
            "Horisont Europa",
        ),
        (
            "LIFE",
            "Tools for planning",
            "Results help public authorities plan better cycle lanes.",
            "pass",
            "LIFE:",
        ),
        (
            "LIFE",
            "LIFE Operating Grants",
            "Support for environmental organisations.",
            "fail",  # the programme's operating grants are for non-profit organisations
            "Endast ideella organisationer",
        ),
    ],
)
def test_public_bodies_named_only_as_users_do_not_make_a_pass(
    linkoping: Priorities, programme: str, title: str, text: str, result: str, reason_part: str
) -> None:
    call = Call("x", "c", title, programme=programme, description=text)
    fact = _fact(check_eligibility(call, linkoping, None)[1], "sökande")
    assert fact["result"] == result and reason_part in fact["reason"], fact


def test_an_unknown_applicant_check_quotes_the_texts_who_may_apply_section(
    corpus: dict[str, Call], linkoping: Priorities
) -> None:
    from crawler.facts import complete

    # "Vem kan söka? Koordinatorn ska vara en organisation inom vård och/eller omsorg …"
    # names no applicant type: the check cannot decide, but the text does say who.
    call = complete(corpus["VINNOVA-2024-00313"])
    fact = _fact(check_eligibility(call, linkoping, None)[1], "sökande")
    assert fact["result"] == "unknown"
    assert fact["reason"].startswith(
        'Om vem som kan söka säger texten: "Koordinatorn ska vara en organisation inom vård'
    )
    assert fact["reason"].endswith('men inget krav."; läs villkoren.')
    # A long section is cut at a word, marked.
    long = Call("vinnova", "c", "Badhus", extra={"applicants_section": "Lag som driver " * 30})
    reason = _fact(check_eligibility(long, linkoping, None)[1], "sökande")["reason"]
    assert reason.endswith('driver…"; läs villkoren.') and len(reason) < 300
    # A short section is quoted whole; a text without one still says it does not say.
    short = Call("vinnova", "a", "Badhus", extra={"applicants_section": "Lag som driver badhus."})
    assert _fact(check_eligibility(short, linkoping, None)[1], "sökande")["reason"] == (
        'Om vem som kan söka säger texten: "Lag som driver badhus."; läs villkoren.'
    )
    silent = Call("vinnova", "b", "Badhus", description="Stöd till badhus.")
    assert _fact(check_eligibility(silent, linkoping, None)[1], "sökande")["reason"] == (
        "Vem som kan söka framgår inte; läs villkoren."
    )


def test_the_cef_cohesion_envelope_is_not_for_a_swedish_municipality(
    corpus: dict[str, Call], linkoping: Priorities
) -> None:
    # Two real CEF rail topics with the same title, text and deadline: the cohesion
    # envelope's (its call title says so) is for the Cohesion Fund's Member States only.
    cohesion = _fact(
        check_eligibility(corpus["CEF-T-2026-CORECOEN-RAIL-WORKS"], linkoping, None)[1], "region"
    )
    assert cohesion["result"] == "fail" and "Sammanhållningsfonden" in cohesion["reason"]
    general = _fact(
        check_eligibility(corpus["CEF-T-2026-COREGEN-RAIL-WORKS"], linkoping, None)[1], "region"
    )
    assert general["result"] == "pass"
    # A municipality in a Cohesion Fund country may apply.
    polish = Priorities.model_validate({**linkoping.model_dump(), "country": "PL"})
    call = Call("sedia", "x", "Rail", extra={"call_title": "CEF 2 Transport - Cohesion envelope"})
    assert _fact(check_eligibility(call, polish, None)[1], "region")["result"] == "pass"


def test_a_call_closed_by_the_years_its_title_names_says_so(linkoping: Priorities) -> None:
    """Written for the test: no dates, and a title that names only a round long past."""
    call = complete(Call(source="x", source_id="2", title="Stöd hösten 2023"))
    facts = check_eligibility(call, linkoping, date(2026, 12, 2))[1]
    assert _fact(facts, "status") == {
        "check": "status",
        "result": "fail",
        "reason": "Stängd: källan anger ingen sista ansökningsdag, och titeln nämner inget år "
        "efter 2023.",
    }
    facts = check_eligibility(call, linkoping, date(2024, 12, 2))[1]
    assert _fact(facts, "status")["result"] == "unknown"  # the next year: it may still run
    # A round named for a spring is over after that summer.
    spring = complete(Call(source="x", source_id="4", title="Cirkularitet FFI – spring 2026"))
    assert _fact(check_eligibility(spring, linkoping, date(2026, 12, 3))[1], "status") == {
        "check": "status",
        "result": "fail",
        "reason": "Stängd: källan anger ingen sista ansökningsdag, och enligt titeln gällde "
        "utlysningen våren 2026.",
    }
    facts = check_eligibility(spring, linkoping, date(2026, 4, 1))[1]
    assert _fact(facts, "status")["result"] == "unknown"  # that spring: it may be open
    # A title without a year whose text names its round's year says so.
    text = "Texten gäller ansökningsomgången hösten 2014."
    dated = complete(Call(source="x", source_id="5", title="Innovationsstöd", description=text))
    assert _fact(check_eligibility(dated, linkoping, date(2026, 12, 3))[1], "status") == {
        "check": "status",
        "result": "fail",
        "reason": "Stängd: källan anger ingen sista ansökningsdag, och enligt texten gällde "
        "ansökningsomgången 2014.",
    }
    # A title and text without a year, and Vinnova's diarienummer in the address.
    url = "https://www.vinnova.se/e/kommuner/innovationsstod-2023-01234/"
    numbered = complete(Call(source="x", source_id="6", title="Innovationsstöd", url=url))
    assert _fact(check_eligibility(numbered, linkoping, date(2026, 12, 3))[1], "status") == {
        "check": "status",
        "result": "fail",
        "reason": "Stängd: källan anger ingen sista ansökningsdag, och enligt källans "
        "beteckning för utlysningen (2023-01234) är den från 2023.",
    }


def test_a_call_its_sources_list_shows_as_no_longer_open_says_so(linkoping: Priorities) -> None:
    """Written for the test: no dates, and a card of Energimyndigheten's list that dates the
    call without "Closes"."""
    call = complete(
        Call(
            source="import",
            source_id="3",
            title="Värmepumpar",
            url="https://www.energimyndigheten.se/utlysningar/varmepumpar/",
            extra={"title_en": "Heat pumps 31 March 2022 Research support Projects on heat."},
        )
    )
    facts = check_eligibility(call, linkoping, date(2026, 3, 1))[1]
    assert _fact(facts, "status") == {
        "check": "status",
        "result": "fail",
        "reason": "Stängd: enligt källans lista över utlysningar var den stängd senast 2022-03-31.",
    }
    facts = check_eligibility(call, linkoping, date(2022, 3, 31))[1]
    assert _fact(facts, "status")["result"] == "unknown"  # that day it may still be open


@pytest.mark.parametrize(
    "title", ["Networks of Towns", "Call Town Twinning 2026", "Town twinning: citizens' meetings"]
)
def test_town_twinning_and_networks_of_towns_are_for_municipalities(
    linkoping: Priorities, title: str
) -> None:
    """CERV's town twinning and networks of towns are for towns and municipalities (and
    their twinning committees): a text that does not say so is not "framgår inte"."""
    text = "Projects bring together citizens from different countries around shared themes."
    call = Call("sedia", "x", title, programme="CERV", description=text)
    fact = _fact(check_eligibility(call, linkoping, None)[1], "sökande")
    assert fact == {
        "check": "sökande",
        "result": "pass",
        "reason": "Kommuner kan söka enligt programmets regler.",
    }


@pytest.mark.parametrize(
    ("programme", "title", "result", "reason_part"),
    [
        ("Erasmus+", "School Education: Proficiency in basic skills", "pass", "Erasmus+:"),
        ("Erasmus+", "Capacity building in VET in Western Balkans", "pass", "Erasmus+:"),
        ("Erasmus+", "Erasmus+ Virtual Exchanges in Neighbourhood East", "pass", "Erasmus+:"),
        # The actions for higher education institutions, and prizes, keep their own rules.
        ("Erasmus+", "European Degree Pathway Projects", "fail", "universitet och högskolor"),
        ("Erasmus+", "#BeActive-EU-SPORT-AWARDS – Inclusion", "unknown", "framgår inte"),
        ("Erasmus+", "Erasmus Mundus Joint Masters", "fail", "universitet och högskolor"),
        ("URBACT IV", "URBACT call for Action Networks 2026", "pass", "Kommuner kan söka"),
        ("CERV", "Preventing gender-based violence", "pass", "CERV: offentliga organisationer"),
        (
            "Citizens, Equality, Rights and Values (CERV)",
            "Promoting citizens' active engagement",
            "pass",
            "CERV: offentliga organisationer",
        ),
        # Re-granting by intermediary organisations and operating grants: their own rules.
        ("CERV", "Supporting intermediary organisations", "unknown", "framgår inte"),
        ("CERV", "Operating grants to European networks", "unknown", "framgår inte"),
        (
            "ERDF (Tillväxtverket)",
            "Hållbara transporter i Övre Norrland",
            "pass",
            "Regionalfonden:",
        ),
        (
            "Europeiska regionala utvecklingsfonden (Tillväxtverket)",
            "Besöksnäring i Östergötland",
            "pass",
            "Regionalfonden:",
        ),
        ("ESF+ (Svenska ESF-rådet)", "Unga vuxna utanför arbete", "pass", "Socialfonden:"),
        # The EU's own ESF+ calls (EaSI, social partners) and the ERDF's technical assistance.
        ("ESF+", "Social innovation incubation", "unknown", "framgår inte"),
        ("ERDF (technical assistance)", "Acquis support", "unknown", "framgår inte"),
        # I3 (ERDF art. 13): consortia of innovation actors, public administrations among them.
        ("I3 (Interregional Innovation Investments)", "Strand 1", "pass", "I3: konsortier"),
        ("I3", "Capacity building", "pass", "I3: konsortier"),
        (
            "I3 (Interregional Innovation Investments) (cascade funding)",
            "Funding for SMEs and start-ups",
            "unknown",
            "framgår inte",
        ),
    ],
)
def test_programmes_say_by_their_rules_whether_a_municipality_may_apply(
    linkoping: Priorities, programme: str, title: str, result: str, reason_part: str
) -> None:
    text = "The action supports cooperation and exchange of good practice across Europe."
    call = Call("sedia", "x", title, programme=programme, description=text)
    fact = _fact(check_eligibility(call, linkoping, None)[1], "sökande")
    assert fact["result"] == result and reason_part in fact["reason"], fact


def test_public_bodies_named_in_the_title_alone_are_not_quoted_as_who_may_apply(
    linkoping: Priorities,
) -> None:
    title = "Connected public administrations"
    # The title names them, the text names them as users: the text's sentence is quoted.
    users = Call(
        "x",
        "c",
        title,
        programme="Single Market Programme",
        description="Funding for tools. Public administrations find the tools on a platform.",
    )
    fact = _fact(check_eligibility(users, linkoping, None)[1], "sökande")
    assert fact["result"] == "unknown"
    assert fact["reason"] == (
        'Offentliga aktörer nämns, men inte att de kan söka: "Public administrations find the '
        'tools on a platform."; läs villkoren.'
    )
    # The title alone names them: who may apply is not known.
    silent = Call(
        "x", "d", title, programme="Single Market Programme", description="Funding for tools."
    )
    fact = _fact(check_eligibility(silent, linkoping, None)[1], "sökande")
    assert fact == {
        "check": "sökande",
        "result": "unknown",
        "reason": "Vem som kan söka framgår inte; läs villkoren.",
    }
    # The source's own who-may-apply words that name them are quoted as ever.
    listed = Call(
        "x",
        "e",
        title,
        programme="Single Market Programme",
        applicants="Public administrations, with a platform of their own.",
        description="Funding for tools.",
    )
    fact = _fact(check_eligibility(listed, linkoping, None)[1], "sökande")
    assert fact["result"] == "unknown" and "with a platform of their own" in fact["reason"]
    # A title that names them beside a word of taking part ("in support of") is not quoted
    # as who may apply either: the text's own sentence, or the programme's rules, are.
    named = "Open topic: the Cities and Regions Initiative in support of clean industry"
    partners = Call(
        "x",
        "f",
        named,
        programme="Horizon Europe",
        description="Urban factories use less material. Projects involve local authorities.",
    )
    fact = _fact(check_eligibility(partners, linkoping, None)[1], "sökande")
    assert fact["reason"] == 'Offentliga aktörer nämns: "Projects involve local authorities."'
    # The quote leaves out the footnote numbers inside the sentence, as the match's quote does.
    noted = dataclasses.replace(
        partners,
        description="Urban factories use less material. Projects involve local authorities "
        "[1] and the green transition [2] ; they share results [3] .",
    )
    fact = _fact(check_eligibility(noted, linkoping, None)[1], "sökande")
    assert fact["reason"] == (
        'Offentliga aktörer nämns: "Projects involve local authorities and the green '
        'transition; they share results."'
    )
    general = Call("x", "g", named, programme="Horizon Europe", description="Less material.")
    fact = _fact(check_eligibility(general, linkoping, None)[1], "sökande")
    assert fact["result"] == "pass" and fact["reason"].startswith("Horisont Europa:")
    # The initiative's name in the text is no mention of who takes part either; cities and
    # regions in small letters are.
    initiative = dataclasses.replace(
        general,
        description="Results support the Circular Cities and Regions Initiative (CCRI). "
        "Factories use less material.",
    )
    fact = _fact(check_eligibility(initiative, linkoping, None)[1], "sökande")
    assert fact["result"] == "pass" and fact["reason"].startswith("Horisont Europa:")
    plain = dataclasses.replace(
        general, description="Cities and regions test the factories with their companies."
    )
    fact = _fact(check_eligibility(plain, linkoping, None)[1], "sökande")
    assert fact["reason"] == (
        'Offentliga aktörer nämns: "Cities and regions test the factories with their companies."'
    )


def test_a_rule_on_the_cities_a_project_must_hold_says_who_takes_part(
    linkoping: Priorities,
) -> None:
    """ "Each project must involve entities from at least four cities": the strongest word a
    call has for a municipality's place in it, before a passing mention of public bodies and
    before the programme's general rules. Cities named without a rule are places."""
    ruled = Call(
        "x",
        "h",
        "Greener streets",
        programme="Horizon Europe",
        description="Projects involve local authorities and designers. Each project must "
        "involve entities [2] from at least four cities, each in a different Member State.",
    )
    fact = _fact(check_eligibility(ruled, linkoping, None)[1], "sökande")
    assert fact == {
        "check": "sökande",
        "result": "pass",
        "reason": 'Städer ska delta enligt texten: "Each project must involve entities from at '
        'least four cities, each in a different Member State."',
    }
    twinned = dataclasses.replace(
        ruled,
        description="At least one of the cities selected for twinning is expected to be a "
        "Mission city.",
    )
    fact = _fact(check_eligibility(twinned, linkoping, None)[1], "sökande")
    assert fact["reason"].startswith('Städer ska delta enligt texten: "At least one of the')
    # A rule that the Cities Mission's cities take part, in any sentence: the reader learns
    # which Swedish cities those are, and the rule is quoted.
    mission = dataclasses.replace(
        ruled,
        description=ruled.description + " At least one of the four cities must be one of the "
        "112 cities selected for the EU Mission on Climate-neutral and Smart Cities [4].",
    )
    fact = _fact(check_eligibility(mission, linkoping, None)[1], "sökande")
    assert fact["result"] == "pass"
    assert fact["reason"] == (
        "Städer ska delta enligt texten, och bland dem städer ur EU-uppdragets 112 "
        "klimatneutrala och smarta städer (i Sverige Göteborg, Helsingborg, Lund, Malmö, "
        "Stockholm, Umeå och Uppsala); andra kommuner kan delta tillsammans med dem: "
        '"At least one of the four cities must be one of the 112 cities selected for the EU '
        'Mission on Climate-neutral and Smart Cities."'
    )
    for places in (
        "Streets in at least four cities were studied by earlier projects.",
        "Trees cool the streets of at least four cities in summer.",
    ):
        unruled = dataclasses.replace(ruled, description=places)
        fact = _fact(check_eligibility(unruled, linkoping, None)[1], "sökande")
        assert fact["reason"].startswith("Horisont Europa:"), places


def test_cef_transport_topics_pass_by_the_programmes_rules_and_its_other_sectors_do_not(
    linkoping: Priorities,
) -> None:
    text = "The topic supports studies and works on the core network corridors."
    transport = Call(
        "sedia", "CEF-T-2028-URBAN-NODES", "Urban nodes", programme="CEF", description=text
    )
    fact = _fact(check_eligibility(transport, linkoping, None)[1], "sökande")
    assert fact["result"] == "pass"
    assert fact["reason"].startswith("CEF Transport: medlemsstaterna, och med deras godkännande")
    # Energy's studies and works for the projects on the Union's list are their promoters'.
    energy = Call("sedia", "CEF-E-2028-PCI-PMI-WORKS", "Works", programme="CEF", description=text)
    fact = _fact(check_eligibility(energy, linkoping, None)[1], "sökande")
    assert fact["result"] == "fail" and "projekt av gemensamt intresse" in fact["reason"]
    # Energy's other topics and Digital's are for network promoters and operators, a
    # municipality's own network company too: left to the text.
    for source_id in ("CEF-E-2028-RES-CBT", "CEF-DIG-2028-GATEWAYS"):
        other = Call("sedia", source_id, "Works", programme="CEF", description=text)
        fact = _fact(check_eligibility(other, linkoping, None)[1], "sökande")
        assert fact["result"] == "unknown", source_id


def test_the_chips_joint_undertakings_and_euroqcis_topics_are_not_for_a_municipality(
    linkoping: Priorities,
) -> None:
    text = "Public authorities benefit from the results; the action builds pilot lines."
    for source_id in (
        "DIGITAL-JU-CHIPS-2028-PL-IA",
        "DIGITAL-JU-Chips-2027-CSA",
        "DIGITAL-IRIS2-2028-QCI-02",
    ):
        call = Call("sedia", source_id, "Pilot lines", programme="Digital Europe", description=text)
        fact = _fact(check_eligibility(call, linkoping, None)[1], "sökande")
        assert fact["result"] == "fail", source_id
        assert fact["reason"].startswith("Endast företag, universitet och högskolor"), fact
    # Another Digital Europe topic of the same title passes by the programme's general rules,
    # and a Horizon topic naming the Chips JU in its identifier is not Digital Europe's.
    for programme, source_id in (
        ("Digital Europe", "DIGITAL-2028-AI-PL"),
        ("Horizon Europe", "HORIZON-CL4-DIGITAL-JU-CHIPS-X"),
    ):
        other = Call("sedia", source_id, "Pilot lines", programme=programme, description=text)
        assert _fact(check_eligibility(other, linkoping, None)[1], "sökande")["result"] == "pass"


def test_the_civil_protection_mechanisms_kapp_calls_pass_by_their_rules_and_its_others_do_not(
    linkoping: Priorities,
) -> None:
    text = "Projects strengthen cooperation on disaster prevention across borders."
    for source_id in ("UCPM-2026-KAPP-PVPP", "UCPM-2028-KAPP-EX"):
        call = Call("sedia", source_id, "Prevention", programme="Union Civil Protection Mechanism")
        call.description = text
        fact = _fact(check_eligibility(call, linkoping, None)[1], "sökande")
        assert fact["result"] == "pass" and fact["reason"].startswith("Civilskyddsmekanismen")
    track = Call(
        "sedia", "UCPM-2026-TRACK1", "Prevention", programme="Union Civil Protection Mechanism"
    )
    track.description = text
    assert _fact(check_eligibility(track, linkoping, None)[1], "sökande")["result"] == "unknown"


def test_interreg_says_by_its_rules_that_a_municipality_may_be_a_partner_in_its_area(
    corpus: dict[str, Call], linkoping: Priorities
) -> None:
    # Baltic Sea Region, with Linköping in its area: a pass on both counts.
    overall, facts = check_eligibility(corpus["INTERREG-BSR-2021-2027-CALL-2"], linkoping, None)
    assert _fact(facts, "sökande")["reason"].startswith("Interreg: offentliga och privata")
    assert overall == "pass"
    # Slovakia-Czechia: a municipality may be a partner in the area, which Linköping is not in.
    overall, facts = check_eligibility(corpus["EUROACCESS-2273"], linkoping, None)
    assert _fact(facts, "sökande")["result"] == "pass"
    assert _fact(facts, "region")["result"] == "fail" and overall == "fail"
    # The Interregional Innovation Investments instrument is no Interreg programme: its own
    # rules speak for it.
    i3 = Call("sedia", "I3-2028-INV1", "Investments", programme="I3", description="Works.")
    assert _fact(check_eligibility(i3, linkoping, None)[1], "sökande")["reason"].startswith(
        "I3: konsortier"
    )


def test_a_calls_own_words_on_who_may_apply_come_before_its_programmes_general_rules(
    linkoping: Priorities,
) -> None:
    said = "Aktörer i forskningscentra och värdmiljöer för innovation i regionen."
    call = Call(
        "tillvaxtverket",
        "x",
        "Smart industri",
        programme="ERDF (Tillväxtverket)",
        description="Utlysningen stärker regionens forskning och innovation.",
        extra={"applicants_section": said},
    )
    fact = _fact(check_eligibility(call, linkoping, None)[1], "sökande")
    assert fact == {
        "check": "sökande",
        "result": "unknown",
        "reason": f'Om vem som kan söka säger texten: "{said}"; läs villkoren.',
    }
