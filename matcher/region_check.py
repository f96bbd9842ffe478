"""The region check: whether a call may be used where the municipality lies.

A call names its regions (a county, a programme region, an Interreg programme area, a list
of countries), or its programme does (a county administrative board's grants, a Swedish
regional fund's programme regions, the Just Transition Mechanism's territories), or its text
says where the work is done (in named countries, in border regions, outside the EU). The
municipality's place is its priorities file's NUTS code and country; every name is read in
the one region table (:mod:`db.regions`, through :mod:`matcher.regions`).

A call made for an area that holds the municipality (a programme region of the regional or
social fund, or their national programme, an Interreg programme area, a county board's
county, the just transition territories) passes with ``area`` :data:`db.records.OWN_AREA`:
the coordinator's digest lists such calls that no priority takes.
"""

from __future__ import annotations

import re

from db.records import OWN_AREA, Call
from matcher.explain import Fact, fact
from matcher.prior import done_abroad
from matcher.regions import (
    COUNTRIES,
    REGIONAL_FUNDS,
    SWEDISH_FUNDERS,
    county_board,
    cross_border_programmes,
    fund_areas,
    interreg_area,
    nuts_covers,
    other_country,
    programme_regions,
    region_codes,
    region_name,
)
from matcher.sentences import RULE, sentence_of
from priorities import Priorities

_WHOLE_COUNTRY = re.compile(
    r"\bhela (landet|sverige)\b|\bnationella (regionalfonds|socialfonds)?programmet\b|"
    r"\bnationell(a)? utlysning(en|ar)?\b",
    re.IGNORECASE,
)
_INTERREG = re.compile(r"\binterreg\b|\burbact\b|\bespon\b|european urban initiative")


def _named_regions(call: Call) -> tuple[list[str], list[str]]:
    """(names, unknown names) of the regions a call is restricted to.

    The source's own region list when it has one; otherwise the county of a county
    administrative board that funds it ("Länsstyrelsen Östergötland – projektstöd regional
    tillväxt"); otherwise, for a call of a Swedish regional programme (ERDF, ESF+, JTF),
    the programme regions its programme, title or opening text name ("Utveckla hållbara
    transporter i Övre Norrland").
    """
    if call.regions:
        return list(call.regions), region_codes(call.regions)[1]
    if (board := county_board(call.programme, call.url)) is not None:
        return [board.short], []
    if REGIONAL_FUNDS.search(call.programme or ""):
        head = f"{call.programme or ''}\n{call.title}"
        codes = programme_regions(head) or programme_regions((call.description or "")[:400])
        return codes, []
    return [], []


# The Connecting Europe Facility's cohesion envelope (transport calls "… - Cohesion
# envelope") is for the Member States the Cohesion Fund supports in 2021–2027; the general
# envelope's twin call is open to all.
_COHESION_ENVELOPE = re.compile(r"\bcohesion envelope\b", re.IGNORECASE)
COHESION_COUNTRIES = frozenset(
    {"BG", "HR", "CY", "CZ", "EE", "GR", "EL", "HU", "LV", "LT", "MT", "PL", "PT", "RO", "SK", "SI"}
)


# A rule that the work be done where two countries meet ("… must span adjacent regions on both
# sides of a national border").
_BORDER_SITES = re.compile(
    r"\b(?:on|at|of) (?:both|either) sides? of (?:a|the) (?:national |country )?borders?\b",
    re.IGNORECASE,
)


# Where a call's projects must be ("ground mounted solar PV projects located in Finland"):
# the countries its host states name, for a mechanism that builds in some countries only.
_LOCATED_IN = re.compile(
    r"\bprojects?\b[^.;]{0,120}?\blocated in (?:the )?([A-Z][a-z]+(?: [A-Z][a-z]+)?)"
)


def _located_countries(text: str) -> list[str]:
    """The codes of the countries a text says its projects must be located in, in order,
    when every place it names so is a country (else none: "located in urban areas")."""
    found: list[str] = []
    for match in _LOCATED_IN.finditer(text):
        name = match.group(1).lower()
        code = next((c for c, names in COUNTRIES.items() if name in names), None)
        if code is None:
            return []
        found += [code] if code not in found else []
    return found


# The Just Transition Mechanism's calls (the Public Sector Loan Facility, Regulation (EU)
# 2021/1229) fund projects "for the benefit of the EU territories identified in the
# Territorial Just Transition Plans"; Sweden's plan names those of its Just Transition Fund
# programme. Read from the programme's name or that phrase: a call that only names the
# mechanism's goals (the Research Fund for Coal and Steel's) is not for those territories.
_JUST_TRANSITION_PROGRAMME = re.compile(r"\bjust transition mechanism\b", re.IGNORECASE)
_JUST_TRANSITION_TERRITORIES = re.compile(
    r"\bterritor(?:y|ies) identified in the territorial just transition plans?\b", re.IGNORECASE
)


def _for_just_transition_territories(call: Call) -> bool:
    return bool(
        _JUST_TRANSITION_PROGRAMME.search(call.programme or "")
        or _JUST_TRANSITION_TERRITORIES.search(call.description or "")
    )


def _just_transition_fact(nuts: str, country: str) -> Fact:
    """The region check of a Just Transition Mechanism call: the territories of the
    territorial just transition plans, in Sweden the Just Transition Fund's."""
    if country != "SE":
        return fact(
            "region",
            "unknown",
            "Bara för områdena i ländernas territoriella planer för en rättvis omställning; "
            "kontrollera om kommunen ligger i ett sådant.",
        )
    areas = fund_areas("JTF")
    covering = [a.name for a in areas if any(nuts_covers(code, nuts) for code in a.nuts)]
    if covering:
        return fact(
            "region",
            "pass",
            f"Området ingår i Sveriges territoriella plan för en rättvis omställning "
            f"({', '.join(covering)}).",
            area=OWN_AREA,
        )
    return fact(
        "region",
        "fail",
        "Bara för områdena i de territoriella planerna för en rättvis omställning, i Sverige "
        f"{', '.join(a.name for a in areas)}; {nuts} ingår inte.",
    )


def region_fact(call: Call, priorities: Priorities) -> Fact:
    nuts, country = priorities.nuts, priorities.country
    where = f"{call.programme or ''} {call.title}"
    names, unknown = _named_regions(call)
    if names:
        return _named_regions_fact(names, unknown, nuts)
    if _for_just_transition_territories(call):
        return _just_transition_fact(nuts, country)
    if _INTERREG.search(where.lower()):
        interreg = _interreg_area_fact(where, nuts, country)
        if interreg is not None:
            return interreg
    if _COHESION_ENVELOPE.search(f"{where} {call.extra.get('call_title') or ''}"):
        if country not in COHESION_COUNTRIES:
            return fact(
                "region",
                "fail",
                "CEF:s sammanhållningskuvert: bara för sökande i länder som får stöd ur "
                "Sammanhållningsfonden.",
            )
        return fact("region", "pass", "CEF:s sammanhållningskuvert: landet ingår.")
    foreign = other_country(where, country)
    if foreign:
        return fact(
            "region",
            "fail",
            f"Nationellt program i ett annat land ({COUNTRIES[foreign][0].title()}).",
        )
    if SWEDISH_FUNDERS.search(where) and country != "SE":
        return fact("region", "fail", "Svensk nationell finansiär: bara för svenska sökande.")
    if REGIONAL_FUNDS.search(where) and SWEDISH_FUNDERS.search(where):
        return _swedish_fund_region_fact(call, nuts)
    return _work_place_fact(call, country, nuts)


def _work_place_fact(call: Call, country: str, nuts: str) -> Fact:
    """The region check of a call that names no region: where its text says the work is
    done (in named countries, in border regions, outside the EU), else no restriction."""
    located = _located_countries(call.description or "")
    if located and country not in located:
        named = " eller ".join(COUNTRIES[code][-1].title() for code in located)  # Swedish
        return fact("region", "fail", f"Projekten ska ligga i {named} enligt texten.")
    border = next(
        (
            m
            for m in _BORDER_SITES.finditer(call.description or "")
            if RULE.search(sentence_of(call.description or "", m))
        ),
        None,
    )
    if border is not None:
        # "The demonstration areas must span adjacent regions on both sides of a national
        # border": only border regions host the work, which no region list says.
        said = sentence_of(call.description or "", border)
        return fact(
            "region",
            "unknown",
            f'Arbetet ska göras i gränsregioner: "{said}"; ' + _border_region(country, nuts),
        )
    if abroad := done_abroad(call.title, call.description):
        # Work for a country outside the EU ("… the health system of Montenegro", "… for
        # Ukrainian regional policy stakeholders", "Capacity building in VET in Western
        # Balkans"): a Swedish body may take part in some, but the call names no region
        # because its place is not one; "no restriction" would say too much.
        return fact(
            "region",
            "unknown",
            f"Arbetet görs utanför EU ({abroad}); kontrollera om och hur en svensk kommun "
            "kan delta.",
        )
    return fact("region", "pass", "Ingen regional begränsning angiven.")


def _named_regions_fact(names: list[str], unknown: list[str], nuts: str) -> Fact:
    """The region check of a call restricted to the regions ``names``."""
    covering = [n for n in names if any(nuts_covers(c, nuts) for c in region_codes([n])[0])]
    if covering:
        # Name the regions that cover the municipality, not the first of a long list, and a
        # code by its name too ("Östra Mellansverige (SE12)").
        shown = [f"{region_name(n)} ({n})" if region_name(n) else n for n in covering[:6]]
        return fact("region", "pass", f"Regionen ingår: {', '.join(shown)}.", area=OWN_AREA)
    if unknown:
        # An unmapped name is unknown, never "no restriction": it may be anywhere.
        return fact(
            "region",
            "unknown",
            f"Okänd region ({', '.join(unknown[:6])}); kontrollera om {nuts} ingår.",
        )
    return fact(
        "region",
        "fail",
        f"Bara för andra regioner ({', '.join(names[:6])}); {nuts} ingår inte.",
    )


def _border_region(country: str, nuts: str) -> str:
    """What the municipality's county tells of a border region: the cross-border Interreg
    programmes whose area holds it (regions on either side of a land or sea border), or
    that none does; for a municipality not placed in a Swedish county, what to check."""
    if country != "SE" or len(nuts) != len("SE123"):
        return (
            "kontrollera att kommunen ligger i en sådan (t.ex. inom ett gränsöverskridande "
            "Interreg-program)."
        )
    programmes = cross_border_programmes(nuts)
    name = region_name(nuts)
    county = f"{name} ({nuts})" if name else nuts
    if not programmes:
        return (
            f"{county} ingår inte i något gränsöverskridande Interreg-program, så kommunen "
            "ligger troligen inte i en gränsregion."
        )
    if len(programmes) == 1:
        where = f"programområdet för {programmes[0]}, ett gränsöverskridande Interreg-program"
    else:
        named = ", ".join(programmes[:-1]) + " och " + programmes[-1]
        where = f"programområdena för {named}, gränsöverskridande Interreg-program"
    return f"{county} ingår i {where}; kontrollera att gränsen som ämnet avser hör dit."


def _interreg_area_fact(where: str, nuts: str, country: str) -> Fact | None:
    """The region check of an Interreg programme's call by its programme area: a programme
    not known has no Swedish part; None for a municipality of another country (the other
    checks decide)."""
    area = interreg_area(where)
    if area is not None:
        if any(nuts_covers(code, nuts) for code in area.nuts):
            return fact(
                "region", "pass", f"Programområdet ({area.name}) omfattar {nuts}.", area=OWN_AREA
            )
        return fact(
            "region",
            "fail",
            f"Programområdet ({area.name}: {', '.join(area.nuts)}) omfattar inte {nuts}.",
        )
    if country == "SE":
        return fact("region", "fail", "Interreg-programmet har ingen svensk del.")
    return None


def _swedish_fund_region_fact(call: Call, nuts: str) -> Fact:
    """A Swedish managing authority's regional or social fund call is for one programme
    region, or for the whole country under the national programme: a call that names
    neither is unknown, not unrestricted."""
    text = f"{call.title}\n{call.description or ''}"
    whole = _WHOLE_COUNTRY.search(text)
    if whole:
        return fact(
            "region", "pass", f'Gäller hela landet: "{sentence_of(text, whole)}"', area=OWN_AREA
        )
    return fact(
        "region",
        "unknown",
        "Programområdet anges inte: en utlysning i regional- eller "
        f"socialfonden gäller en region eller hela landet; kontrollera att {nuts} ingår.",
    )
