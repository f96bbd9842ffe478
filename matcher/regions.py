"""Where a call may be used: the matcher's view of :mod:`db.regions`, the one region table
the crawler reads too (counties with their aliases, NUTS 2021, ERDF/ESF+/JTF programme
regions, Interreg programme areas with a Swedish part, countries)."""

from __future__ import annotations

from db.regions import (
    COUNTIES,
    COUNTRIES,
    INTERREG_AREAS,
    REGIONAL_FUNDS,
    SWEDISH_FUNDERS,
    county_board,
    cross_border_programmes,
    fund_areas,
    interreg_area,
    nuts_covers,
    other_country,
    programme_regions,
    region_code,
    region_codes,
    region_name,
)

# (pattern, Swedish NUTS codes) of every Interreg programme with a Swedish part.
INTERREG_SWEDISH_AREAS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (area.pattern, area.nuts) for area in INTERREG_AREAS
)

__all__ = [
    "COUNTIES",
    "COUNTRIES",
    "INTERREG_AREAS",
    "INTERREG_SWEDISH_AREAS",
    "REGIONAL_FUNDS",
    "SWEDISH_FUNDERS",
    "county_board",
    "cross_border_programmes",
    "fund_areas",
    "interreg_area",
    "nuts_covers",
    "other_country",
    "programme_regions",
    "region_code",
    "region_codes",
    "region_name",
]
