"""Sweden's 290 municipalities by county: which county (and NUTS 3 code) a municipality lies in.

A municipality's region decides which regional calls it may use (the matcher's eligibility
gate compares NUTS codes). A priorities file names its NUTS code; this table lets the loader
catch a code that contradicts the municipality the file names ("Linköpings kommun" with
Sörmland's code would pass Sörmland's regional calls and fail Östergötland's), and gives a
development set's priorities, which may name only the municipality, its region.

Source: SCB's list of municipalities and counties (kommun- och länsindelning, valid since the
last change of a municipality's county, Heby to Uppsala län in 2007); the NUTS 3 codes are
the counties' in NUTS 2021, as in :mod:`db.regions`.
"""

from __future__ import annotations

import re

# County NUTS 3 code -> (the county's name, its municipalities by their own names).
COUNTIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "SE110": (
        "Stockholms län",
        (
            "Botkyrka", "Danderyd", "Ekerö", "Haninge", "Huddinge", "Järfälla", "Lidingö",
            "Nacka", "Norrtälje", "Nykvarn", "Nynäshamn", "Salem", "Sigtuna", "Sollentuna",
            "Solna", "Stockholm", "Sundbyberg", "Södertälje", "Tyresö", "Täby", "Upplands-Bro",
            "Upplands Väsby", "Vallentuna", "Vaxholm", "Värmdö", "Österåker",
        ),
    ),
    "SE121": (
        "Uppsala län",
        ("Enköping", "Heby", "Håbo", "Knivsta", "Tierp", "Uppsala", "Älvkarleby", "Östhammar"),
    ),
    "SE122": (
        "Södermanlands län",
        (
            "Eskilstuna", "Flen", "Gnesta", "Katrineholm", "Nyköping", "Oxelösund",
            "Strängnäs", "Trosa", "Vingåker",
        ),
    ),
    "SE123": (
        "Östergötlands län",
        (
            "Boxholm", "Finspång", "Kinda", "Linköping", "Mjölby", "Motala", "Norrköping",
            "Söderköping", "Vadstena", "Valdemarsvik", "Ydre", "Åtvidaberg", "Ödeshög",
        ),
    ),
    "SE124": (
        "Örebro län",
        (
            "Askersund", "Degerfors", "Hallsberg", "Hällefors", "Karlskoga", "Kumla", "Laxå",
            "Lekeberg", "Lindesberg", "Ljusnarsberg", "Nora", "Örebro",
        ),
    ),
    "SE125": (
        "Västmanlands län",
        (
            "Arboga", "Fagersta", "Hallstahammar", "Kungsör", "Köping", "Norberg", "Sala",
            "Skinnskatteberg", "Surahammar", "Västerås",
        ),
    ),
    "SE211": (
        "Jönköpings län",
        (
            "Aneby", "Eksjö", "Gislaved", "Gnosjö", "Habo", "Jönköping", "Mullsjö", "Nässjö",
            "Sävsjö", "Tranås", "Vaggeryd", "Vetlanda", "Värnamo",
        ),
    ),
    "SE212": (
        "Kronobergs län",
        ("Alvesta", "Lessebo", "Ljungby", "Markaryd", "Tingsryd", "Uppvidinge", "Växjö", "Älmhult"),
    ),
    "SE213": (
        "Kalmar län",
        (
            "Borgholm", "Emmaboda", "Hultsfred", "Högsby", "Kalmar", "Mönsterås", "Mörbylånga",
            "Nybro", "Oskarshamn", "Torsås", "Vimmerby", "Västervik",
        ),
    ),
    "SE214": ("Gotlands län", ("Gotland",)),
    "SE221": ("Blekinge län", ("Karlshamn", "Karlskrona", "Olofström", "Ronneby", "Sölvesborg")),
    "SE224": (
        "Skåne län",
        (
            "Bjuv", "Bromölla", "Burlöv", "Båstad", "Eslöv", "Helsingborg", "Hässleholm",
            "Höganäs", "Hörby", "Höör", "Klippan", "Kristianstad", "Kävlinge", "Landskrona",
            "Lomma", "Lund", "Malmö", "Osby", "Perstorp", "Simrishamn", "Sjöbo", "Skurup",
            "Staffanstorp", "Svalöv", "Svedala", "Tomelilla", "Trelleborg", "Vellinge", "Ystad",
            "Åstorp", "Ängelholm", "Örkelljunga", "Östra Göinge",
        ),
    ),
    "SE231": (
        "Hallands län",
        ("Falkenberg", "Halmstad", "Hylte", "Kungsbacka", "Laholm", "Varberg"),
    ),
    "SE232": (
        "Västra Götalands län",
        (
            "Ale", "Alingsås", "Bengtsfors", "Bollebygd", "Borås", "Dals-Ed", "Essunga",
            "Falköping", "Färgelanda", "Grästorp", "Gullspång", "Göteborg", "Götene",
            "Herrljunga", "Hjo", "Härryda", "Karlsborg", "Kungälv", "Lerum", "Lidköping",
            "Lilla Edet", "Lysekil", "Mariestad", "Mark", "Mellerud", "Munkedal", "Mölndal",
            "Orust", "Partille", "Skara", "Skövde", "Sotenäs", "Stenungsund", "Strömstad",
            "Svenljunga", "Tanum", "Tibro", "Tidaholm", "Tjörn", "Tranemo", "Trollhättan",
            "Töreboda", "Uddevalla", "Ulricehamn", "Vara", "Vårgårda", "Vänersborg", "Åmål",
            "Öckerö",
        ),
    ),
    "SE311": (
        "Värmlands län",
        (
            "Arvika", "Eda", "Filipstad", "Forshaga", "Grums", "Hagfors", "Hammarö", "Karlstad",
            "Kil", "Kristinehamn", "Munkfors", "Storfors", "Sunne", "Säffle", "Torsby", "Årjäng",
        ),
    ),
    "SE312": (
        "Dalarnas län",
        (
            "Avesta", "Borlänge", "Falun", "Gagnef", "Hedemora", "Leksand", "Ludvika",
            "Malung-Sälen", "Mora", "Orsa", "Rättvik", "Smedjebacken", "Säter", "Vansbro",
            "Älvdalen",
        ),
    ),
    "SE313": (
        "Gävleborgs län",
        (
            "Bollnäs", "Gävle", "Hofors", "Hudiksvall", "Ljusdal", "Nordanstig", "Ockelbo",
            "Ovanåker", "Sandviken", "Söderhamn",
        ),
    ),
    "SE321": (
        "Västernorrlands län",
        ("Härnösand", "Kramfors", "Sollefteå", "Sundsvall", "Timrå", "Ånge", "Örnsköldsvik"),
    ),
    "SE322": (
        "Jämtlands län",
        ("Berg", "Bräcke", "Härjedalen", "Krokom", "Ragunda", "Strömsund", "Åre", "Östersund"),
    ),
    "SE331": (
        "Västerbottens län",
        (
            "Bjurholm", "Dorotea", "Lycksele", "Malå", "Nordmaling", "Norsjö", "Robertsfors",
            "Skellefteå", "Sorsele", "Storuman", "Umeå", "Vilhelmina", "Vindeln", "Vännäs",
            "Åsele",
        ),
    ),
    "SE332": (
        "Norrbottens län",
        (
            "Arjeplog", "Arvidsjaur", "Boden", "Gällivare", "Haparanda", "Jokkmokk", "Kalix",
            "Kiruna", "Luleå", "Pajala", "Piteå", "Älvsbyn", "Överkalix", "Övertorneå",
        ),
    ),
}  # fmt: skip

# Names whose genitive is not the name plus -s ("Falu kommun").
_GENITIVES = {"falu": "falun"}
_SUFFIX = re.compile(r"\s+(?:kommun|kommuns|stad|stads)$")


def _key(name: str) -> str:
    """'Upplands-Väsby  Kommun' -> 'upplands väsby kommun': case and hyphens left out."""
    return " ".join(re.sub(r"[-–—]", " ", name.casefold()).split())


_INDEX: dict[str, str] = {
    _key(municipality): nuts
    for nuts, (_, municipalities) in COUNTIES.items()
    for municipality in municipalities
}


def municipality_county(name: str) -> tuple[str, str] | None:
    """(NUTS 3 code, county name) of the county a Swedish municipality lies in, or None when
    the name is not a municipality's: "Linköpings kommun", "Linköping", "Göteborgs Stad",
    "Region Gotland", "Falu kommun" are found; Swedish letters count ("Håbo" is not "Habo")."""
    key = _SUFFIX.sub("", _key(name))
    key = key.removeprefix("region ").strip()
    for candidate in (key, _GENITIVES.get(key, ""), key[:-1] if key.endswith("s") else ""):
        if candidate in _INDEX:
            nuts = _INDEX[candidate]
            return nuts, COUNTIES[nuts][0]
    return None


def coarse_region_warning(municipality: str, nuts: str, country: str = "SE") -> str | None:
    """A Swedish warning when ``nuts`` is a larger region than the county of the municipality
    (a NUTS 2 region or the whole country): regional calls for the other counties in it then
    pass for the municipality. None when the code is the county's, or the name is no
    municipality the table knows, or of another country (a code outside the county is an
    error, not a warning)."""
    found = municipality_county(municipality) if country == "SE" else None
    code = nuts.strip().upper()
    if found is None or code == found[0] or not found[0].startswith(code):
        return None
    county_nuts, county_name = found
    return (
        f"nuts '{nuts}' är större än {county_name} ({county_nuts}), där {municipality.strip()} "
        f"ligger: regionala utlysningar för de andra länen i {code} passerar då; skriv "
        f"'nuts: {county_nuts}' om kommunen inte vill se dem."
    )
