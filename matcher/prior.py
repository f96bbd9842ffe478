"""How likely a municipality can use a call at all, from what the call is about.

Most Horizon Europe research topics are on-theme for some priority yet useless to a
municipality, and many Swedish national calls are for companies only. The prior compares
each call with short descriptions of calls municipalities take part in and of calls they do
not (research for universities, product development for companies, defence industry). It
knows nothing of any priority or label: it is the same for every municipality.
"""

from __future__ import annotations

import re

MUNICIPAL_ROLE = (
    "Kommuner, regioner och andra offentliga aktörer kan söka stöd för projekt i sin verksamhet",
    "Local and regional authorities, cities and municipalities are eligible to apply",
    "Public authorities, schools and civil society organisations carry out projects together",
    "Cities pilot and implement solutions together with their citizens",
)
OTHER_ROLE = (
    "Företag kan söka stöd för att utveckla och kommersialisera sina produkter",
    "Companies and SMEs develop and commercialise new technology",
    "Research organisations and universities carry out fundamental research and development "
    "of new technologies",
    "Defence industry and military capability development",
)
NAMESPACE = "_prior-v1"


def anchor_items() -> list[tuple[str, str]]:
    """(id, text) of every anchor, for :func:`matcher.embed.cached_queries`."""
    return [(f"municipal-{n}", text) for n, text in enumerate(MUNICIPAL_ROLE)] + [
        (f"other-{n}", text) for n, text in enumerate(OTHER_ROLE)
    ]


# Research framework programmes: most of their topics are research for universities and
# companies; a municipality takes part only now and then (Missions, cities, pilots). The
# European Defence Fund is the Union's defence research and development programme
# (Regulation (EU) 2021/697: research actions and development actions of the defence industry
# and research organisations, and the calls of its industrial programme, EDIP, published
# beside them).
RESEARCH_PROGRAMMES = re.compile(
    r"\b(horizon|euratom|research fund for coal|rfcs|formas|forte|vetenskapsrådet|"
    r"european defence fund)\b",
    re.IGNORECASE,
)


def research_programme(programme: str | None) -> bool:
    """True for calls of research framework programmes."""
    return bool(programme and RESEARCH_PROGRAMMES.search(programme))


# Where a call's work is done, when that is outside the EU: development and external
# cooperation ("low- and middle-income countries", "sub-Saharan Africa", "Latin America", "the
# Caribbean", "Central Asia", "South-East Asia", "the Western Balkans", "Neighbourhood East",
# "South Mediterranean Countries", and humanitarian aid, which the EU gives outside it). A
# research topic on such a subject is carried out there; a Swedish municipality has no part in
# it. Counted only where the title names it or the text names it twice: a topic on hydrogen in
# European cities that mentions Africa once is no such topic.
_ABROAD = re.compile(
    r"\blow[-\s]+and[-\s]+middle[- ]income countr\w*|\bLMICs?\b|\bsub-saharan\b|\bafrican?\b|"
    r"\blatin america\w*|\bwestern balkans\b|\b(?:eastern|southern) neighbourhood\b|"
    r"\bneighbourhood (?:east|south)\b|\bsouth(?:ern)? mediterranean countries\b|"
    r"\bhumanitarian aid\b|\btakes? place in third countries\b|"
    r"\bdeveloping countries\b|\bglobal south\b|\bcaribbean\b|\bcentral asia\b|"
    r"\bsouth[- ]?east asia\b",
    re.IGNORECASE,
)


# The countries of the EU's neighbourhood by name, read in a title alone: a research topic "for
# the support of Ukraine" or on "Ukraine's ecosystems" is done there, but the texts of European
# topics name these countries too, twice and more (the associated countries a consortium may
# draw on, the war's effect on Europe's energy), so their texts do not count.
NEIGHBOUR_COUNTRIES = re.compile(
    r"\b(?:ukrain\w*|moldov\w*|georgia|armenia\w*|azerbaijan\w*|belarus\w*|albania\w*|"
    r"bosnia\w*|kosovo\w*|montenegr\w*|north macedonia\w*|serbia\w*|morocc\w*|algeria\w*|"
    r"tunisia\w*|libya\w*|egypt\w*|jordan\w*|leban\w*|palestin\w*|syria\w*)",
    re.IGNORECASE,
)


def done_abroad(title: str, description: str | None) -> str | None:
    """The words that place a call's work outside the EU (the first the call uses), when its
    title names such a place or a country of the EU's neighbourhood, or its text names such a
    place twice; else None."""
    text = f"{title}\n{description or ''}"
    first = _ABROAD.search(text)
    if first is None or (_ABROAD.search(title) is None and len(_ABROAD.findall(text)) < 2):
        country = NEIGHBOUR_COUNTRIES.search(title)
        return country[0] if country else None
    return first[0]


# The English search terms (matcher/glossary.py gives them for a priority's Swedish words) that
# say a priority is about work across borders: international cooperation and exchanges, town
# twinning, development cooperation. A call whose work is done outside the EU (capacity
# building for vocational education in the Western Balkans, virtual exchanges with young people
# in North Africa, volunteering in humanitarian aid) serves such a priority; for a priority on
# the municipality's own schools, safety or health it is the partner country's matter.
# "Exchanges" counts too: a file's "utbyten inom utbildning" are most often exchanges abroad,
# and a priority kept by mistake costs less than one left out.
INTERNATIONAL_WORK = frozenset(
    term.casefold()
    for term in (
        "international",
        "internationalisation",
        "international cooperation",
        "exchanges",
        "school exchanges",
        "pupil exchanges",
        "youth exchanges",
        "student exchanges",
        "town twinning",
        "sister cities",
        "people-to-people",
        "cross-border cooperation",
        "development cooperation",
        "export",
        "Ukraine",
    )
)


def international_work(terms: list[str]) -> bool:
    """True when a priority's search terms say it is about work across borders
    (:data:`INTERNATIONAL_WORK`)."""
    return any(term.casefold() in INTERNATIONAL_WORK for term in terms)
