"""interreg.eu recordings: the Algolia multi-query answer behind "Open & Coming Calls".

``POST /1/indexes/*/queries`` answers ``{"results": [{"hits": [...], "nbHits": n, ...}]}``;
each hit carries ``objectID``, ``title``, ``contentUrl``, ``callExternalUrl``,
``callStatus``, ``callOpenDate``/``callDeadlineDate`` (ISO with Z), ``targetAudience``,
``callEligibleCountryNuts``/``callEligibleRegionNuts`` (mixed NUTS levels),
``associatedProgrammes``, themes and Algolia's ``_highlightResult``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from crawler.demo.catalogue import DemoCall
from crawler.demo.dates import epoch_ms, on, status, zulu
from crawler.demo.files import NOTE, write_json
from db.regions import COUNTIES

ANSWER = "1/indexes/*/queries.json"
COUNTRIES = {
    "AT": "Austria",
    "CH": "Switzerland",
    "DE": "Germany",
    "DK": "Denmark",
    "EE": "Estonia",
    "FI": "Finland",
    "FR": "France",
    "IT": "Italy",
    "LI": "Liechtenstein",
    "LT": "Lithuania",
    "LV": "Latvia",
    "NO": "Norway",
    "PL": "Poland",
    "SE": "Sweden",
    "SI": "Slovenia",
}
# The names a hit gives its NUTS 3 regions: the counties' official names, from the table
# the crawler and the matcher read.
REGION_NAMES = {county.nuts: county.name for county in COUNTIES}
EXTERNAL = {
    "Interreg Baltic Sea Region": "https://interreg-baltic.eu/",
    "Interreg Central Baltic": "https://centralbaltic.eu/calls/",
    "Interreg South Baltic": "https://southbaltic.eu/calls/",
    "Interreg Öresund-Kattegat-Skagerrak": "https://interreg-oks.eu/utlysningar/",
    "Interreg Alpine Space": "https://www.alpine-space.eu/calls/",
}


def write(folder: Path, calls: list[DemoCall], anchor: date, edition: int) -> None:
    """The one answer the spider's query gets."""
    hits = [hit(call, anchor) for call in calls]
    answer = {
        "_demo": NOTE,
        "results": [
            {
                "hits": hits,
                "nbHits": len(hits),
                "page": 0,
                "nbPages": 1,
                "hitsPerPage": 500,
                "exhaustiveNbHits": True,
                "query": "",
                "params": "filters=contentType%3AcallForProjectsPage&hitsPerPage=500&query=",
                "index": "prod_en-us_content",
                "processingTimeMS": 2,
            }
        ],
    }
    write_json(folder / ANSWER, answer)


def hit(call: DemoCall, anchor: date) -> dict[str, Any]:
    """One call as an Algolia hit."""
    text = call.text("en")
    page_id = call.ident("interreg", anchor)
    slug = call.ident("slug", anchor)
    opening = on(anchor, call.opens or 0)
    deadline = on(anchor, max(call.deadlines))
    created = on(anchor, (call.opens or 0) - 40)
    countries = sorted({code[:2] for code in call.regions})  # NUTS codes start with it
    regions = [code for code in call.regions if len(code) > 2]
    themes = list(call.facts.get("themes", []))
    external = EXTERNAL.get(call.programme, "https://interreg.eu/")
    if call.programme == "Interreg Baltic Sea Region":
        external += f"{slug}/"  # the programme's own page of this call
    state = "Forthcoming" if status(call.opens, call.deadlines) == "forthcoming" else "Open"
    return {
        "pageId": int(page_id),
        "rootId": 1073,
        "contentType": "callForProjectsPage",
        "siteSection": "Open & Coming Calls",
        "contentUrl": f"/calls-for-projects/{slug}/",
        "nodeName": text.title,
        "createdDate": zulu(created, 8),
        "updatedDate": zulu(created, 15),
        "updatedInAlgoliaDate": zulu(created, 13),
        "descriptionDate": zulu(created, 15),
        "filterDate": epoch_ms(created, 15),
        "title": text.title,
        "themes": themes,
        "countries": [COUNTRIES.get(c, c) for c in countries],
        "targetAudience": list(call.applicants),
        "callStatus": state,
        "callOpenDate": zulu(opening),
        "callDeadlineDate": zulu(deadline),
        "callEligibleCountryNames": [COUNTRIES.get(c, c) for c in countries],
        "callEligibleCountryNuts": countries,
        "callEligibleRegionNames": [REGION_NAMES.get(c, c) for c in regions],
        "callEligibleRegionNuts": regions,
        "callThemes": themes,
        "callExternalUrl": external,
        "associatedProgrammes": [call.programme],
        "objectID": f"callForProjectsPage_{page_id}",
        "_highlightResult": {
            "title": {"value": text.title, "matchLevel": "none", "matchedWords": []},
            "contentType": {
                "value": "callForProjectsPage",
                "matchLevel": "none",
                "matchedWords": [],
            },
        },
    }
