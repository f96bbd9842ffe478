"""Interreg (all programmes): open and forthcoming calls from interreg.eu's search.

Source
    interreg.eu's "Open & Coming Calls" (fed by keep.eu) through its Algolia index:
    ``POST https://2E032DRCNS-dsn.algolia.net/1/indexes/*/queries``, index
    ``prod_en-us_content``, filter ``contentType:callForProjectsPage AND (callStatus:Open OR
    callStatus:Forthcoming)``.
Caveats
    - The API key is interreg.eu's public search-only front-end key, which rotates (HTTP 403
      or 404 when it has). It is not bundled: set ``EUFUNDS_INTERREG_KEY`` to the key the
      site's calls page sends (browser network tab). Without it the source fails with that
      advice.
    - Hits carry no description: the text is the hit's fields, one per line (themes,
      target audiences, eligible countries); the matcher says that the source describes the
      call no further.
    - ``regions`` are the eligible NUTS codes (regions and countries, mixed levels, as
      given); Linköping is SE123, in SE12, in SE. Calls are kept whatever their regions:
      eligibility is decided when matching.
    - ``targetAudience`` (keep.eu's target-group categories: "Local public authority",
      "SME", "Interest groups, including NGOs" …) is kept as ``applicants`` and mapped onto
      applicant types (:data:`AUDIENCE_TYPES`; an unknown category is read as words).
    - The link is the programme's own call page, else the interreg.eu page.
    - Hits none of which has an ``objectID`` and a title are a failure (format changed).
Arguments
    ``hits``: hits per page, default 500.
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator, Iterator
from typing import Any

from scrapy.http import Response

from crawler.applicants import applicant_types
from crawler.base import CallSpider
from crawler.text import clean, iso_date, safe_url
from db.records import Call

APP_ID = "2E032DRCNS"
INDEX = "prod_en-us_content"
FILTERS = "contentType:callForProjectsPage AND (callStatus:Open OR callStatus:Forthcoming)"


# keep.eu's target-group categories as interreg.eu lists them -> applicant types. Categories
# that say nothing about a legal form ("Other", "International organisation, EEIG") map to
# nothing rather than to a guess.
AUDIENCE_TYPES: dict[str, tuple[str, ...]] = {
    "local public authority": ("municipality",),
    "regional public authority": ("region",),
    "national public authority": ("public_body",),
    "sectoral agency": ("public_body",),
    "egtc": ("public_body",),
    "cross-border legal body": ("public_body",),
    "infrastructure and (public) service provider": ("public_body",),
    "hospitals and medical centres": ("public_body",),
    "education/training centre and school": ("public_body",),
    "interest groups, including ngos": ("ngo",),
    "interest groups including ngos": ("ngo",),
    "business support organisation": ("ngo",),
    "higher education and research organisations": ("university", "research"),
    "higher education and research": ("university", "research"),
    "enterprise, except sme": ("company",),
    "sme": ("sme",),
    "general public": ("individual",),
    "international organisation, eeig": (),
    "other": (),
}


def audience_types(audience: list[str]) -> list[str]:
    """Applicant types of interreg.eu's target-audience categories."""
    types: set[str] = set()
    for name in audience:
        known = AUDIENCE_TYPES.get(name.strip().lower())
        types.update(known if known is not None else applicant_types(name))
    return sorted(types)


def _names(values: Any) -> list[str]:
    """Unique, stripped names (the index has duplicates and trailing spaces)."""
    seen: dict[str, None] = {}
    for value in values or []:
        name = clean(value)
        if name:
            seen.setdefault(name, None)
    return list(seen)


def _programme(programmes: list[str]) -> str:
    """The programme as the other sources name it: "Interreg Baltic Sea Region" (the names
    interreg.eu gives mostly begin with "Interreg" already), "Interreg – URBACT" otherwise."""
    if not programmes:
        return "Interreg"
    names = ", ".join(programmes)
    if all(name.lower().startswith("interreg") for name in programmes):
        return names
    return "Interreg – " + names


def call_from_hit(hit: dict[str, Any]) -> Call | None:
    """A call from one Algolia hit (None without an id or title)."""
    ident = clean(hit.get("objectID"))
    title = clean(hit.get("title") or hit.get("nodeName"))
    if not ident or not title:
        return None
    programmes = _names(hit.get("associatedProgrammes"))
    themes = _names(hit.get("callThemes") or hit.get("themes"))
    audience = _names(hit.get("targetAudience"))
    countries = _names(hit.get("callEligibleCountryNames") or hit.get("countries"))
    # No description: the fields the model reads after the title and the programme (which
    # every passage begins with), and which say what the call is about and for whom.
    lines = []
    if themes:
        lines.append("Themes: " + ", ".join(themes))
    if audience:
        lines.append("Who may apply: " + ", ".join(audience))
    if countries:
        lines.append("Eligible countries: " + ", ".join(countries))
    regions = _names(hit.get("callEligibleRegionNuts")) + _names(hit.get("callEligibleCountryNuts"))
    deadline = iso_date(hit.get("callDeadlineDate"))
    url = safe_url(hit.get("callExternalUrl")) or safe_url(
        hit.get("contentUrl"), "https://interreg.eu/"
    )
    return Call(
        source="interreg",
        source_id=ident,
        title=title,
        programme=_programme(programmes),
        description="\n".join(lines),
        url=url,
        opening_date=iso_date(hit.get("callOpenDate")),
        deadlines=[deadline] if deadline else [],
        status_hint=clean(hit.get("callStatus")) or None,
        languages=["en"],
        applicants="; ".join(audience) or None,
        applicant_types=audience_types(audience),
        regions=sorted(set(regions)),
        extra={
            "themes": themes,
            "countries": countries,
            "region_names": _names(hit.get("callEligibleRegionNames")),
            "interreg_page": safe_url(hit.get("contentUrl"), "https://interreg.eu/"),
        },
    )


class InterregSpider(CallSpider):
    """interreg.eu's open and forthcoming calls (see the module docstring)."""

    name = "interreg"
    default_url = f"https://{APP_ID}-dsn.algolia.net"

    def __init__(self, *args: Any, hits: str | int = 500, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.hits = int(hits)

    async def start(self) -> AsyncIterator[Any]:
        """The one query, if the search key is configured."""
        key = os.environ.get("EUFUNDS_INTERREG_KEY")
        if not key:
            self.fail(
                "EUFUNDS_INTERREG_KEY är inte satt: kopiera in den publika söknyckel som "
                "https://interreg.eu/calls-for-projects/ skickar (webbläsarens nätverksflik)"
            )
            return
        body = {
            "requests": [
                {"indexName": INDEX, "filters": FILTERS, "hitsPerPage": self.hits, "query": ""}
            ]
        }
        yield self.get(
            f"{self.base_url}/1/indexes/*/queries",
            self.parse,
            method="POST",
            body=json.dumps(body),
            headers={
                "Content-Type": "application/json",
                "x-algolia-application-id": APP_ID,
                "x-algolia-api-key": key,
            },
        )

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Call]:
        """One call per hit."""
        data = self.load_json(response)
        if data is None:
            return
        try:
            hits = data["results"][0]["hits"]
        except (KeyError, IndexError, TypeError):
            self.fail(f"oväntat svar från {response.url}: inget results[0].hits")
            return
        calls = [call_from_hit(hit) for hit in hits if isinstance(hit, dict)]
        found = [call for call in calls if call is not None]
        if hits:
            self.expect(found, "utlysningar med objectID och titel", response.url)
        yield from found
