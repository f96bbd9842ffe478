"""Where a call may be used: Swedish counties, Interreg programme areas and countries.

Facts, not guesses: the Interreg areas are the programmes' own 2021–2027 definitions at NUTS
level; everything is keyed by NUTS code so that it works for any Swedish municipality.
"""

from __future__ import annotations

import re

# Swedish counties (län) and their NUTS 3 codes (2021 classification).
COUNTIES = {
    "stockholm": "SE110",
    "uppsala": "SE121",
    "södermanland": "SE122",
    "östergötland": "SE123",
    "örebro": "SE124",
    "västmanland": "SE125",
    "jönköping": "SE211",
    "kronoberg": "SE212",
    "kalmar": "SE213",
    "gotland": "SE214",
    "blekinge": "SE221",
    "skåne": "SE224",
    "halland": "SE231",
    "västra götaland": "SE232",
    "värmland": "SE311",
    "dalarna": "SE312",
    "gävleborg": "SE313",
    "västernorrland": "SE321",
    "jämtland": "SE322",
    "västerbotten": "SE331",
    "norrbotten": "SE332",
}
# Swedish NUTS 2 regions as named in the regional fund programmes.
SWEDISH_REGIONS = {
    "stockholm": "SE11",
    "östra mellansverige": "SE12",
    "småland och öarna": "SE21",
    "sydsverige": "SE22",
    "västsverige": "SE23",
    "norra mellansverige": "SE31",
    "mellersta norrland": "SE32",
    "övre norrland": "SE33",
}

# Interreg programmes with a Swedish part: pattern in the programme or title -> NUTS prefixes
# of the Swedish programme area ("SE" = all of Sweden).
INTERREG_SWEDISH_AREAS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"baltic sea region|östersjöregionen|\bbsr\b", ("SE",)),
    (r"central baltic", ("SE11", "SE12", "SE214", "SE313")),
    (r"south baltic|södra östersjön", ("SE212", "SE213", "SE221", "SE224")),
    (r"öresund|kattegat|skagerrak|\böks\b", ("SE224", "SE231", "SE232")),
    (r"north sea|nordsjö", ("SE224", "SE231", "SE232")),
    (r"sverige[- ]norge|sweden[- ]norway", ("SE232", "SE311", "SE312", "SE321", "SE322")),
    (r"interreg nord\b|\baurora\b", ("SE331", "SE332")),
    (r"interreg europe|urbact|espon|interact|european urban initiative", ("SE",)),
)

COUNTRIES = {
    "SE": ("sweden", "sverige"),
    "FI": ("finland",),
    "NO": ("norway", "norge"),
    "DK": ("denmark", "danmark"),
    "DE": ("germany", "tyskland"),
    "EE": ("estonia", "estland"),
    "LV": ("latvia", "lettland"),
    "LT": ("lithuania", "litauen"),
    "PL": ("poland", "polen"),
    "NL": ("netherlands", "nederländerna"),
    "FR": ("france", "frankrike"),
    "MK": ("north macedonia", "nordmakedonien"),
}
# Programmes run by Swedish authorities: open to Swedish applicants only.
SWEDISH_FUNDERS = re.compile(
    r"\b(vinnova|energimyndigheten|formas|forte|tillväxtverket|esf-rådet|svenska esf|"
    r"migrationsverket|naturvårdsverket|trafikverket|boverket|uhr)\b",
    re.IGNORECASE,
)


def nuts_covers(area: str, nuts: str) -> bool:
    """True when the NUTS code ``area`` contains ``nuts`` (or the other way round)."""
    area, nuts = area.upper(), nuts.upper()
    return nuts.startswith(area) or area.startswith(nuts)


def region_codes(names: list[str]) -> list[str]:
    """NUTS codes for region entries that are codes, Swedish counties or NUTS 2 names."""
    codes = []
    for name in names:
        key = name.strip().lower().removesuffix(" län").removesuffix("s län")
        if re.fullmatch(r"[a-z]{2}[0-9a-z]{0,3}", key):
            codes.append(key.upper())
        elif key in COUNTIES:
            codes.append(COUNTIES[key])
        elif key.rstrip("s") in COUNTIES:
            codes.append(COUNTIES[key.rstrip("s")])
        elif key in SWEDISH_REGIONS:
            codes.append(SWEDISH_REGIONS[key])
    return codes
