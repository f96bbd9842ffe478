"""Where a call may be used: every Swedish region a call can be restricted to, in one table.

The crawler tags calls with the regions their sources name (county lines, programme regions in
the text) and the matcher's eligibility gate decides whether a municipality lies inside them;
both read this module, so a name the one writes the other understands ("Sörmland" is
Södermanlands län, SE122, for both).

Sources of the data (the 2021–2027 programme period unless a name says otherwise):

- Counties (län) and their NUTS 3 codes: Eurostat's NUTS 2021 classification (Sweden's codes
  are the same as in NUTS 2016), NUTS 2 regions ("riksområden") and NUTS 1 groups likewise.
  Aliases are the names in everyday use and in the regions' own names ("Sörmland", "Region
  Jämtland Härjedalen", "Västra Götalandsregionen"), with English forms ("Scania").
- ERDF: Tillväxtverket's eight regional programmes, one per NUTS 2 region (the southern one
  is called Skåne-Blekinge), plus the national programme; the Just Transition Fund's Swedish
  territories (Norrbotten, Västerbotten, Gotland).
- ESF+: Svenska ESF-rådet's eight regional areas (the same NUTS 2 regions; the southern one is
  called Sydsverige) plus the national part.
- Interreg: every programme with a Swedish part, with the Swedish counties of its area as the
  programme documents list them (Aurora, Sverige–Norge, Öresund–Kattegat–Skagerrak, South
  Baltic, Central Baltic, Baltic Sea Region, North Sea, Northern Periphery and Arctic,
  Kolarctic, and the EU-wide Interreg Europe, URBACT, ESPON, INTERACT, European Urban
  Initiative), plus the 2014–2020 names still found in older calls (Interreg Nord,
  Botnia-Atlantica). Interreg programmes not listed here have no Swedish part.

Everything is keyed by NUTS code, so it works for any Swedish municipality: a priorities file
names its own NUTS code and :func:`nuts_covers` compares.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class County:
    """A Swedish county (län): its NUTS 3 code, official name and the names it goes by."""

    nuts: str
    name: str  # the official name, "Södermanlands län"
    short: str  # the name in a list of counties, "Södermanland"
    aliases: tuple[str, ...] = ()


COUNTIES: tuple[County, ...] = (
    County("SE110", "Stockholms län", "Stockholm", ("region stockholm", "stockholm county")),
    County("SE121", "Uppsala län", "Uppsala", ("region uppsala", "uppsala county")),
    County("SE122", "Södermanlands län", "Södermanland", ("sörmland", "region sörmland")),
    County("SE123", "Östergötlands län", "Östergötland", ("region östergötland",)),
    County("SE124", "Örebro län", "Örebro", ("region örebro län", "örebro county")),
    County("SE125", "Västmanlands län", "Västmanland", ("region västmanland",)),
    County("SE211", "Jönköpings län", "Jönköping", ("region jönköpings län", "jönköping county")),
    County("SE212", "Kronobergs län", "Kronoberg", ("region kronoberg",)),
    County("SE213", "Kalmar län", "Kalmar", ("region kalmar län", "kalmar county")),
    County("SE214", "Gotlands län", "Gotland", ("region gotland",)),
    County("SE221", "Blekinge län", "Blekinge", ("region blekinge",)),
    County("SE224", "Skåne län", "Skåne", ("region skåne", "scania")),
    County("SE231", "Hallands län", "Halland", ("region halland",)),
    County(
        "SE232",
        "Västra Götalands län",
        "Västra Götaland",
        ("västra götalandsregionen", "vgr", "region västra götaland"),
    ),
    County("SE311", "Värmlands län", "Värmland", ("region värmland",)),
    County("SE312", "Dalarnas län", "Dalarna", ("region dalarna", "dalecarlia")),
    County("SE313", "Gävleborgs län", "Gävleborg", ("region gävleborg",)),
    County("SE321", "Västernorrlands län", "Västernorrland", ("region västernorrland",)),
    County(
        "SE322",
        "Jämtlands län",
        "Jämtland",
        ("jämtland härjedalen", "jämtland-härjedalen", "region jämtland härjedalen", "härjedalen"),
    ),
    County("SE331", "Västerbottens län", "Västerbotten", ("region västerbotten",)),
    County("SE332", "Norrbottens län", "Norrbotten", ("region norrbotten",)),
)

# NUTS 2 regions (riksområden), by the names the regional funds use for them as well.
NUTS2: dict[str, tuple[str, ...]] = {
    "SE11": ("Stockholm",),
    "SE12": ("Östra Mellansverige",),
    "SE21": ("Småland och öarna", "Småland med öarna"),
    "SE22": ("Sydsverige", "Skåne-Blekinge", "Skåne och Blekinge"),
    "SE23": ("Västsverige",),
    "SE31": ("Norra Mellansverige",),
    "SE32": ("Mellersta Norrland",),
    "SE33": ("Övre Norrland",),
}
NUTS1: dict[str, tuple[str, ...]] = {
    "SE1": ("Östra Sverige",),
    "SE2": ("Södra Sverige",),
    "SE3": ("Norra Sverige",),
}


@dataclass(frozen=True)
class ProgrammeRegion:
    """A region of a Swedish structural-fund programme and the NUTS codes it covers."""

    fund: str  # "ERDF", "ESF+", "JTF"
    name: str
    nuts: tuple[str, ...]


PROGRAMME_AREAS: tuple[ProgrammeRegion, ...] = (
    *(ProgrammeRegion("ERDF", names[0], (code,)) for code, names in NUTS2.items()),
    ProgrammeRegion("ERDF", "Skåne-Blekinge", ("SE22",)),
    ProgrammeRegion("ERDF", "Nationella regionalfondsprogrammet", ("SE",)),
    *(ProgrammeRegion("ESF+", names[0], (code,)) for code, names in NUTS2.items()),
    ProgrammeRegion("ESF+", "Nationellt (hela landet)", ("SE",)),
    ProgrammeRegion("JTF", "Norrbotten", ("SE332",)),
    ProgrammeRegion("JTF", "Västerbotten", ("SE331",)),
    ProgrammeRegion("JTF", "Gotland", ("SE214",)),
)


def fund_areas(fund: str) -> tuple[ProgrammeRegion, ...]:
    """The programme regions of one fund ("JTF": the Just Transition Fund's Swedish
    territories, those of Sweden's territorial just transition plan)."""
    return tuple(area for area in PROGRAMME_AREAS if area.fund == fund)


@dataclass(frozen=True)
class InterregArea:
    """An Interreg programme with a Swedish part: how calls name it and its Swedish area."""

    name: str
    pattern: str  # regular expression on the lower-cased programme and title
    nuts: tuple[str, ...]  # Swedish NUTS codes of the programme area ("SE": all of Sweden)


INTERREG_AREAS: tuple[InterregArea, ...] = (
    InterregArea(
        "Interreg Baltic Sea Region", r"baltic sea region|östersjöregionen|\bbsr\b", ("SE",)
    ),
    InterregArea(
        "Interreg Central Baltic",
        r"central baltic|mellersta östersjön",
        ("SE110", "SE121", "SE122", "SE123", "SE124", "SE125", "SE214", "SE313"),
    ),
    InterregArea(
        "Interreg South Baltic",
        r"south baltic|södra östersjö",
        ("SE212", "SE213", "SE221", "SE224"),
    ),
    InterregArea(
        "Interreg Öresund-Kattegat-Skagerrak",
        r"öresund|oresund|kattegat|skagerrak|\böks\b",
        ("SE224", "SE231", "SE232"),
    ),
    InterregArea(
        "Interreg North Sea",
        r"north sea|nordsjö",
        ("SE311", "SE232", "SE231", "SE224", "SE212"),
    ),
    InterregArea(
        "Interreg Sverige-Norge",
        r"sverige[- –]norge|sweden[- –]norway|nordens gröna bälte|centrala skandinavien|"
        r"inre skandinavien|gränslöst samarbete",
        ("SE232", "SE311", "SE312", "SE321", "SE322"),
    ),
    # Aurora: Norrbotten, Västerbotten and Västernorrland; its Sápmi sub-area also Jämtland
    # and Idre sameby in Dalarna.
    InterregArea(
        "Interreg Aurora", r"\baurora\b|sápmi|sapmi", ("SE331", "SE332", "SE321", "SE322", "SE312")
    ),
    InterregArea(
        "Interreg Northern Periphery and Arctic",
        r"northern periphery|\bnpa\b|norra periferin",
        ("SE32", "SE33"),
    ),
    InterregArea("Interreg Kolarctic", r"kolarctic", ("SE332",)),
    # 2014–2020 names still found on older calls.
    InterregArea("Interreg Nord", r"interreg nord\b|interreg north\b", ("SE331", "SE332", "SE322")),
    InterregArea("Interreg Botnia-Atlantica", r"botnia[- ]atlantica", ("SE331", "SE321", "SE313")),
    InterregArea(
        "Interreg Europe, URBACT, ESPON, INTERACT, European Urban Initiative",
        r"interreg europe|urbact|espon|interact|european urban initiative",
        ("SE",),
    ),
)

# Every country a call may be open to: the EU, the EEA, Switzerland, the United Kingdom, the
# candidate and neighbourhood countries that take part in Interreg and EU programmes, and the
# small states inside Interreg areas (Andorra in Interreg Sudoe). ISO codes, as NUTS uses them
# too except for Greece and the United Kingdom (see CODE_ALIASES). An entry that is a country
# code outside this table is unknown, never "another region".
COUNTRIES: dict[str, tuple[str, ...]] = {
    "SE": ("sweden", "sverige"),
    "FI": ("finland",),
    "NO": ("norway", "norge"),
    "DK": ("denmark", "danmark"),
    "IS": ("iceland", "island"),
    "FO": ("faroe islands", "färöarna"),
    "GL": ("greenland", "grönland"),
    "DE": ("germany", "tyskland"),
    "EE": ("estonia", "estland"),
    "LV": ("latvia", "lettland"),
    "LT": ("lithuania", "litauen"),
    "PL": ("poland", "polen"),
    "NL": ("netherlands", "nederländerna"),
    "BE": ("belgium", "belgien"),
    "LU": ("luxembourg", "luxemburg"),
    "FR": ("france", "frankrike"),
    "ES": ("spain", "spanien"),
    "PT": ("portugal",),
    "IT": ("italy", "italien"),
    "MT": ("malta",),
    "AT": ("austria", "österrike"),
    "CH": ("switzerland", "schweiz"),
    "LI": ("liechtenstein",),
    "SI": ("slovenia", "slovenien"),
    "HR": ("croatia", "kroatien"),
    "CZ": ("czechia", "czech republic", "tjeckien"),
    "SK": ("slovakia", "slovakien"),
    "HU": ("hungary", "ungern"),
    "RO": ("romania", "rumänien"),
    "BG": ("bulgaria", "bulgarien"),
    "GR": ("greece", "grekland"),
    "CY": ("cyprus", "cypern"),
    "IE": ("ireland", "irland"),
    "GB": ("united kingdom", "storbritannien", "förenade kungariket"),
    "AD": ("andorra",),
    "MC": ("monaco",),
    "SM": ("san marino",),
    "VA": ("vatican city", "holy see", "vatikanstaten"),
    "AL": ("albania", "albanien"),
    "BA": ("bosnia and herzegovina", "bosnien och hercegovina"),
    "ME": ("montenegro",),
    "MK": ("north macedonia", "nordmakedonien"),
    "RS": ("serbia", "serbien"),
    "XK": ("kosovo",),
    "TR": ("türkiye", "turkey", "turkiet"),
    "MD": ("moldova", "republic of moldova", "moldavien"),
    "UA": ("ukraine", "ukraina"),
    "GE": ("georgia", "georgien"),
    "AM": ("armenia", "armenien"),
    "AZ": ("azerbaijan", "azerbajdzjan"),
    "BY": ("belarus",),
    "RU": ("russia", "ryssland"),
}
# Country codes NUTS spells otherwise than ISO: Greece is EL, the United Kingdom UK.
CODE_ALIASES = {"EL": "GR", "UK": "GB"}
# Programmes run by Swedish authorities: open to Swedish applicants only.
SWEDISH_FUNDERS = re.compile(
    r"\b(vinnova|energimyndigheten|formas|forte|tillväxtverket|esf-rådet|svenska esf|"
    r"migrationsverket|naturvårdsverket|trafikverket|boverket|uhr)\b",
    re.IGNORECASE,
)
# Programmes whose calls are for one Swedish region at a time (a regional programme names it).
REGIONAL_FUNDS = re.compile(
    r"\b(erdf|eruf|regionalfond\w*|esf\+?|socialfond\w*|esf-rådet|tillväxtverket|"
    r"just transition fund|jtf|fonden för en rättvis omställning)\b",
    re.IGNORECASE,
)


def _fold(text: str) -> str:
    """Lower case, one space, no accents: "Östergötlands  län" -> "ostergotlands lan"."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[–—]", "-", plain).split())


def _name_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for county in COUNTIES:
        for name in (county.name, county.short, *county.aliases):
            folded = _fold(name)
            index[folded] = county.nuts
            index[folded + " county"] = county.nuts
            index[folded + " lan"] = county.nuts
            index[folded + "s lan"] = county.nuts
    for table in (NUTS2, NUTS1, COUNTRIES):
        for code, names in table.items():
            for name in names:
                index.setdefault(_fold(name), code)
    return index


NAMES = _name_index()
_CODE = re.compile(r"[a-z]{2}[0-9a-z]{0,3}")


def county(name: str) -> County | None:
    """The county a name means ("Sörmland", "Södermanlands län", "Region Sörmland"), or None."""
    code = NAMES.get(_fold(name))
    return next((c for c in COUNTIES if c.nuts == code), None)


# A county administrative board's own grants (länsstyrelsen's project support for regional
# growth, rural and local development) are for projects in its county: "Länsstyrelsen
# Östergötland – projektstöd regional tillväxt", "Länsstyrelsen i Västerbottens län", or a
# page under lansstyrelsen.se/<county>/.
_COUNTY_BOARD = re.compile(r"\blansstyrelsen(?: i)? ((?:[a-z-]+ ?){1,3})")
_COUNTY_BOARD_PAGE = re.compile(r"^https?://(?:www\.)?lansstyrelsen\.se/([a-z-]+)/")


def county_board(programme: str | None, url: str | None = None) -> County | None:
    """The county whose administrative board (länsstyrelse) a programme names as its funder,
    or whose part of lansstyrelsen.se a call's page lies in; None otherwise."""
    match = _COUNTY_BOARD.search(_fold(programme or ""))
    words = match.group(1).split() if match else []
    for n in range(len(words), 0, -1):  # "vastra gotalands lan", then shorter
        if (found := county(" ".join(words[:n]))) is not None:
            return found
    page = _COUNTY_BOARD_PAGE.match((url or "").lower())
    return county(page.group(1).replace("-", " ")) if page else None


def region_name(code: str) -> str | None:
    """The Swedish name of a Swedish region's NUTS code: a county's official name, a NUTS 2
    or NUTS 1 region's ("SE12" -> "Östra Mellansverige"), "hela Sverige" for SE; None for
    other codes."""
    code = code.strip().upper()
    found = next((c.name for c in COUNTIES if c.nuts == code), None)
    if found is None and code in NUTS2:
        found = NUTS2[code][0]
    if found is None and code in NUTS1:
        found = NUTS1[code][0]
    return found or ("hela Sverige" if code == "SE" else None)


def region_code(name: str) -> str | None:
    """The NUTS code of one region entry: a code itself ("SE123"), a county under any of its
    names, a NUTS 2 region or programme region ("Övre Norrland", "Skåne-Blekinge"); None
    when the name is not known."""
    key = _fold(name).strip(" .,;")
    if not key:
        return None
    if key in NAMES:
        return NAMES[key]
    for prefix in ("region ", "lansstyrelsen i "):
        if key.startswith(prefix) and key[len(prefix) :] in NAMES:
            return NAMES[key[len(prefix) :]]
    if _CODE.fullmatch(key) and (key[:2].upper() in COUNTRIES or key[:2].upper() in CODE_ALIASES):
        return key.upper()
    return None


def region_codes(names: list[str]) -> tuple[list[str], list[str]]:
    """NUTS codes of region entries, and the entries no code is known for (in order)."""
    codes: list[str] = []
    unknown: list[str] = []
    for name in names:
        code = region_code(name)
        if code:
            codes.append(code)
        elif name.strip():
            unknown.append(name.strip())
    return codes, unknown


def nuts_covers(area: str, nuts: str) -> bool:
    """True when the NUTS code ``area`` contains ``nuts`` (or the other way round: a
    municipality known only at country level lies in every Swedish region)."""
    area, nuts = area.upper(), nuts.upper()
    return nuts.startswith(area) or area.startswith(nuts)


def _programme_name_pattern() -> re.Pattern[str]:
    names = sorted({n for names in NUTS2.values() for n in names}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")s?(?!\w)", re.I)


_PROGRAMME_NAMES = _programme_name_pattern()
_NUTS2_BY_NAME = {_fold(n): code for code, names in NUTS2.items() for n in names}


def programme_regions(text: str) -> list[str]:
    """NUTS 2 codes of the Swedish programme regions ``text`` names ("Östra Mellansverige"
    -> SE12), sorted. Case does not matter: Tillväxtverket writes "Småland och Öarna"."""
    codes = set()
    for match in _PROGRAMME_NAMES.finditer(text):
        codes.add(_NUTS2_BY_NAME[_fold(match.group(1))])
    return sorted(codes)


def county_names() -> list[str]:
    """Every county as a list of counties names it: the short names and the aliases that are
    plain names (no "Region …")."""
    names = []
    for c in COUNTIES:
        names.append(c.short)
        names += [a for a in c.aliases if not a.startswith("region ") and a != "vgr"]
    return names


def interreg_area(text: str) -> InterregArea | None:
    """The Interreg programme with a Swedish part that ``text`` (programme and title) names."""
    lowered = text.lower()
    for area in INTERREG_AREAS:
        if re.search(area.pattern, lowered):
            return area
    return None


# The cross-border programmes (Interreg A, 2021–2027) with a Swedish part: their areas are the
# regions on either side of a land or sea border.
CROSS_BORDER = (
    "Interreg Central Baltic",
    "Interreg South Baltic",
    "Interreg Öresund-Kattegat-Skagerrak",
    "Interreg Sverige-Norge",
    "Interreg Aurora",
)


def cross_border_programmes(county: str) -> list[str]:
    """The cross-border Interreg programmes (:data:`CROSS_BORDER`) whose area holds a
    county (a NUTS 3 code): Östergötland (SE123) lies in Central Baltic's, Jönköping's
    county (SE211) in none."""
    return [
        area.name
        for area in INTERREG_AREAS
        if area.name in CROSS_BORDER and any(nuts_covers(code, county) for code in area.nuts)
    ]


def other_country(text: str, country: str) -> str | None:
    """The code of another country whose national programme ``text`` names ("AMIF
    (Finland)", "Finland – …"), or None."""
    lowered = text.lower()
    for code, names in COUNTRIES.items():
        if code != country and any(
            re.search(rf"\(({name})\)|\b{name}\b\s*[-–:]", lowered) for name in names
        ):
            return code
    return None
