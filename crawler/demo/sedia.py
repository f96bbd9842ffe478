"""SEDIA (EU Funding & Tenders portal) recordings: search-API pages and topicDetails documents.

Written in the shapes the research documented for the real API: an envelope with
``results[]`` whose ``metadata`` values are all lists of strings, ``actions`` and
``budgetOverview`` as JSON strings, type "1" topics and type "8" cascade calls, status codes
31094501/02/03, ``es_SortDate`` and ``deadlineDate`` with ``+0000`` offsets; and
``{"TopicDetails": {...}}`` per topic under its lowercased identifier. A topic with a notice
(a corrigendum) carries it in ``latestInfos`` in its search row too, as the real rows do, so a
changed topic shows in its row. The replay server emulates the search over every row of the
search folder, so the page files are only a way of storing rows (100 per file, like real
pages).
"""

from __future__ import annotations

import hashlib
import json
import zlib
from datetime import date
from pathlib import Path
from typing import Any

from crawler.demo.catalogue import DemoCall, Text, fill
from crawler.demo.dates import epoch_ms, on, sedia_stamp, status
from crawler.demo.files import NOTE, write_json

SEARCH = "search-api/prod/rest/search"
DETAILS = "info/funding-tenders/opportunities/data/topicDetails"
TOPIC_PAGE = (
    "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/"
    "topic-details/"
)
CASCADE_PAGE = (
    "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/"
    "competitive-calls-cs/"
)
STATUS = {
    "forthcoming": ("31094501", "Forthcoming"),
    "open": ("31094502", "Open"),
    "closed": ("31094503", "Closed"),
}
GROUP = {"open": "1", "forthcoming": "2", "closed": "3"}
PROGRAMMES = {
    "43108390": ("HORIZON", "Horizon Europe Framework Programme (HORIZON)"),
    "43152860": ("DIGITAL", "Digital Europe Programme (DIGITAL)"),
    "43252405": ("LIFE", "Programme for the Environment and Climate Action (LIFE)"),
    "43353764": ("ERASMUS2027", "Erasmus+ (ERASMUS+)"),
    "43251589": ("CERV", "Citizens, Equality, Rights and Values Programme (CERV)"),
    "44181033": ("EDF", "European Defence Fund (EDF)"),
    "43251814": ("CREA", "Creative Europe Programme (CREA)"),
    "43251567": ("CEF", "Connecting Europe Facility (CEF)"),
    "43332642": ("EU4H", "EU4Health Programme (EU4H)"),
}
SUBMISSION = {"single-stage": 31094504, "two-stage": 31094505, "multiple cut-off": 31094506}
PAGE_ROWS = 100


def write(
    folder: Path, calls: list[DemoCall], anchor: date, edition: int, extra_topics: int = 0
) -> None:
    """Search pages and topicDetails for ``calls`` (+ ``extra_topics`` generated topics)."""
    rows: list[dict[str, Any]] = []
    topics = [c for c in calls if c.kind == "call"]
    topics += generated_topics(extra_topics)
    for call in calls:
        if call.kind in ("cascade_call", "offer_for_individuals"):
            rows.append(_cascade_row(call, anchor))
    for call in topics:
        topic = _Topic(call, anchor)
        rows.append(topic.row())
        if call.facts.get("legacy_copy"):
            rows.append(topic.legacy_row())
        name = topic.identifier.lower() + ".json"
        write_json(folder / DETAILS / name, {"_demo": NOTE, "TopicDetails": topic.details()})
    for number, start in enumerate(range(0, len(rows), PAGE_ROWS), start=1):
        page = rows[start : start + PAGE_ROWS]
        envelope = {
            "_demo": NOTE,
            "apiVersion": "2.151",
            "terms": "***",
            "responseTime": 58,
            "totalResults": len(rows),
            "pageNumber": number,
            "pageSize": PAGE_ROWS,
            "sort": "es_SortDate:ASC",
            "groupByField": "sortStatus",
            "queryLanguage": {"language": "en", "probability": 0.0},
            "bestBets": [],
            "warnings": [],
            "results": page,
        }
        write_json(folder / SEARCH / f"page-{number:03d}.json", envelope)


def _number(text: str, digits: int = 8) -> int:
    """A stable number for ``text`` (ccm2 ids and the like must not change between runs)."""
    return 10 ** (digits - 1) + zlib.crc32(text.encode("utf-8")) % (9 * 10 ** (digits - 1))


def _checksum(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode("utf-8")).hexdigest().upper()


def _api_status(call: DemoCall) -> str:
    """The portal's status word; ``stale_status`` keeps an outdated one, as the real API does."""
    return str(call.facts.get("stale_status") or status(call.opens, call.deadlines))


def _paragraphs(*texts: str) -> str:
    return "".join(f"<p>{t}</p>" for t in texts if t)


class _Topic:
    """One type 1 topic: its search row(s) and its topicDetails document."""

    def __init__(self, call: DemoCall, anchor: date) -> None:
        self.call = call
        self.anchor = anchor
        self.text: Text = call.text("en")
        self.identifier = call.ident("sedia", anchor)
        self.call_identifier = fill(str(call.facts["call_identifier"]), anchor)
        self.opening = on(anchor, call.opens or 0)
        self.deadlines = [on(anchor, d) for d in call.deadlines]
        self.model = "multiple cut-off" if len(self.deadlines) > 1 else "single-stage"
        self.state = _api_status(call)
        self.programme = str(call.facts["programme_id"])
        self.ccm2 = _number(self.identifier)

    def actions(self) -> list[dict[str, Any]]:
        code, word = STATUS[self.state]
        action = str(self.call.facts["action"])
        return [
            {
                "types": [
                    {
                        "typeOfAction": action,
                        "typeOfMGA": [
                            {
                                "id": 43298664,
                                "abbreviation": action.split()[0] + "-AG",
                                "description": "Action Grant Budget-Based",
                            }
                        ],
                    }
                ],
                "status": {"id": int(code), "abbreviation": word, "description": word},
                "plannedOpeningDate": self.opening.isoformat(),
                "submissionProcedure": {
                    "id": SUBMISSION[self.model],
                    "abbreviation": self.model,
                    "description": self.model,
                },
                "deadlineDates": [d.isoformat() for d in self.deadlines],
            }
        ]

    def budget(self) -> dict[str, Any]:
        """The call-wide overview: this topic plus a sibling topic of the same call."""
        year = str(self.opening.year)
        grants = int(self.call.facts.get("grants") or 1)
        amount = int(self.call.budget or 0)
        action = str(self.call.facts["action"])
        own = {
            "action": f"{self.identifier} - {action}",
            "plannedOpeningDate": self.opening.isoformat(),
            "deadlineModel": self.model,
            "deadlineDates": [d.isoformat() for d in self.deadlines],
            "budgetYearMap": {year: str(amount)},
            "expectedGrants": grants,
            "minContribution": amount // grants,
            "maxContribution": amount // grants,
        }
        # The overview covers the whole call; the spider must sum only its own topic, not a
        # sibling whose identifier begins with its own (as "-two-stage" variants do).
        sibling = dict(own, action=f"{self.identifier}-two-stage - {action}")
        sibling["budgetYearMap"] = {year: "5000000"}
        base = _number(self.call_identifier, 6)
        return {
            "budgetYearsColumns": [year],
            "budgetTopicActionMap": {str(base): [own], str(base + 1): [sibling]},
        }

    def latest_infos(self) -> list[dict[str, Any]]:
        """The topic's news (a corrigendum), as topicDetails and the search row carry it."""
        if not self.text.notice:
            return []
        return [
            {
                "approvalDate": epoch_ms(self.anchor),
                "lastChangeDate": epoch_ms(self.anchor),
                "content": _paragraphs(self.text.notice),
            }
        ]

    def description(self) -> str:
        text = self.text
        html = '<p class="topicdescriptionkind">Expected Outcome:</p>' + _paragraphs(text.summary)
        html += '<p class="topicdescriptionkind">Scope:</p>' + _paragraphs(text.what, text.who)
        if text.notice:
            html += '<p class="topicdescriptionkind">Update:</p>' + _paragraphs(text.notice)
        return html

    def row(self) -> dict[str, Any]:
        call, text = self.call, self.text
        url = TOPIC_PAGE + self.identifier
        code = STATUS[self.state][0]
        keywords = [self.identifier, self.call_identifier, *call.facts.get("tags", [])]
        metadata = {
            "es_SortDate": [sedia_stamp(self.opening)],
            "keywords": keywords,
            "sortStatus": [GROUP[self.state]],
            "language": ["en"],
            "title": [text.title],
            "type": ["1"],
            "typeOfMGAs": ["43298664"],
            "callIdentifier": [self.call_identifier],
            "ccm2Id": [str(self.ccm2)],
            "callccm2Id": [str(_number(self.call_identifier))],
            "DATASOURCE": ["SEDIA"],
            "REFERENCE": [f"{self.ccm2}TOPICSen"],
            "callTitle": [str(call.facts["call_title"])],
            "frameworkProgramme": [self.programme],
            # The search row carries only the start of the text; topicDetails has all of it.
            "descriptionByte": [self.description()[:400]],
            "identifier": [self.identifier],
            "programmeDivision": [self.programme],
            "crossCuttingPriorities": list(call.facts.get("cross_cutting", [])),
            "programmePeriod": ["2021 - 2027"],
            "deadlineDate": [sedia_stamp(d) for d in self.deadlines],
            "typesOfAction": [str(call.facts["action"]).split(" ", 1)[1]],
            "url": [url],
            "tags": list(call.facts.get("tags", [])),
            "actions": [json.dumps(self.actions())],
            "allowPartnerSearch": ["true"],
            "budgetOverview": [json.dumps(self.budget())],
            "startDate": [sedia_stamp(self.opening)],
            "deadlineModel": [self.model],
            "status": [code],
        }
        if self.latest_infos():
            metadata["latestInfos"] = [json.dumps(self.latest_infos())]
        return {
            "apiVersion": "2.151",
            "reference": f"{self.ccm2}TOPICSen",
            "url": url,
            "contentType": "text/plain",
            "language": "en",
            "databaseLabel": "SEDIA",
            "database": "SEDIA",
            "summary": text.title,
            "weight": 4.0,
            "groupById": GROUP[self.state],
            "accessRestriction": False,
            "checksum": _checksum(metadata),
            "metadata": metadata,
            "citation": f"{text.title}. Available at: {url}",
        }

    def legacy_row(self) -> dict[str, Any]:
        """A legacy duplicate of the topic, as the index holds them: older data source, a
        stale status, no description, keywords as one JSON string, the same sort date."""
        row = self.row()
        metadata = dict(row["metadata"])
        for field in ("descriptionByte", "budgetOverview", "actions", "tags", "latestInfos"):
            metadata.pop(field, None)
        metadata["DATASOURCE"] = ["SEDIA_PRD_CENTRICITY"]
        metadata["status"] = [STATUS["forthcoming"][0]]
        metadata["keywords"] = [json.dumps(metadata["keywords"])]
        stamp = epoch_ms(self.opening)
        reference = f"{self.ccm2}HORIZONInnovationActions{stamp}"
        metadata["REFERENCE"] = [reference]
        legacy_url = (
            "https://ec.europa.eu/info/funding-tenders/opportunities/data/topicDetails/"
            f"{self.identifier.lower()}.json"
        )
        return dict(
            row,
            reference=reference,
            url=legacy_url,
            databaseLabel="",
            database="SEDIA_PRD_CENTRICITY",
            metadata=metadata,
            checksum=_checksum(metadata),
        )

    def details(self) -> dict[str, Any]:
        call, text = self.call, self.text
        abbreviation, label = PROGRAMMES.get(self.programme, ("EU", "EU programme"))
        published = on(self.anchor, (call.opens or 0) - 30)
        latest = self.latest_infos()
        return {
            "type": 1,
            "ccm2Id": self.ccm2,
            "cftId": 0,
            "identifier": self.identifier,
            "title": text.title,
            "publicationDateLong": epoch_ms(published),
            "callIdentifier": self.call_identifier,
            "callTitle": str(call.facts["call_title"]),
            "callccm2Id": _number(self.call_identifier),
            "allowPartnerSearch": True,
            "frameworkProgramme": {
                "id": int(self.programme),
                "abbreviation": abbreviation,
                "description": label,
            },
            "programmeDivision": [
                {"id": int(self.programme), "abbreviation": abbreviation, "description": label}
            ],
            "destinationDetails": "",
            "destinationDescription": "",
            "topicMGAs": [{"id": 43298664, "abbreviation": abbreviation + "-AG"}],
            "tags": list(call.facts.get("tags", [])),
            "keywords": list(call.facts.get("tags", [])),
            "flags": [],
            "sme": False,
            "actions": self.actions(),
            "latestInfos": latest,
            "budgetOverviewJSONItem": self.budget(),
            "description": self.description(),
            "conditions": _paragraphs(
                f"Who may apply: {text.who}" if text.who else "",
                f"Funding: {text.how_much}" if text.how_much else "",
            ),
            "supportInfo": _paragraphs("Questions go to the national contact points."),
            "sepTemplate": "",
            "links": [],
            "additionalDossiers": [],
            "infoPackDossiers": [],
            "callDetailsJSONItem": {
                "latestInfos": [],
                "hasForthcomingTopics": self.state == "forthcoming",
                "hasOpenTopics": self.state == "open",
                "allClosedTopics": self.state == "closed",
            },
        }


def _cascade_row(call: DemoCall, anchor: date) -> dict[str, Any]:
    """A type 8 row: a project's open call (cascade funding) on the portal."""
    text = call.text("en")
    offer = call.ident("sedia", anchor)
    reference = call.ident("reference", anchor)
    opening = on(anchor, call.opens or 0)
    state = _api_status(call)
    url = CASCADE_PAGE + offer
    metadata = {
        "es_SortDate": [sedia_stamp(opening)],
        "description": [_paragraphs(text.summary, text.what, text.who)],
        "title": [str(call.facts["parent_title"])],
        "type": ["8"],
        "DATASOURCE": ["SEDIA"],
        "projectAcronym": [str(call.facts["project_acronym"])],
        "callTitle": [text.title],
        "frameworkProgramme": [str(call.facts["programme_id"])],
        "budget": [str(int(call.budget or 0))],
        "identifier": [fill(str(call.facts["parent_identifier"]), anchor)],
        "programmePeriod": ["2021 - 2027"],
        "deadlineDate": [sedia_stamp(on(anchor, d)) for d in call.deadlines],
        "projectName": [str(call.facts["project_name"])],
        "startDate": [sedia_stamp(opening)],
        "deadlineModel": ["multiple cut-off" if len(call.deadlines) > 1 else "single-stage"],
        "status": [STATUS[state][0]],
        "language": ["en"],
    }
    return {
        "apiVersion": "2.151",
        "reference": f"{reference}COMPETITIVE_CALLen",
        "url": url,
        "contentType": "text/plain",
        "language": "en",
        "databaseLabel": "SEDIA",
        "database": "SEDIA",
        "summary": text.title,
        "weight": 1.0,
        "groupById": GROUP[state],
        "accessRestriction": False,
        "checksum": _checksum(metadata),
        "metadata": metadata,
    }


# --- generated topics, for the throughput benchmark ------------------------------------------

_THEMES = (
    ("urban heat islands", "cities"),
    ("soil health on farmland", "rural areas"),
    ("circular construction materials", "the building sector"),
    ("zero-emission urban logistics", "city centres"),
    ("flood early warning", "river basins"),
    ("energy communities", "neighbourhoods"),
    ("hydrogen valleys", "industrial regions"),
    ("digital public services", "public administrations"),
    ("water reuse in industry", "water-scarce regions"),
    ("biodiversity monitoring", "protected areas"),
    ("sustainable school meals", "schools"),
    ("low-carbon cement", "the construction industry"),
    ("wildfire prevention", "forested regions"),
    ("plastic-free coasts", "coastal towns"),
    ("cultural heritage at risk", "historic towns"),
    ("smart electricity grids", "distribution operators"),
    ("active mobility", "suburbs"),
    ("mental health of young people", "communities"),
    ("resilient food supply", "food systems"),
    ("green skills", "vocational education"),
)
_ANGLES = (
    "Demonstrating solutions for",
    "Scaling up innovation in",
    "Research on",
    "Citizen engagement for",
    "Data and digital tools for",
    "Policy support for",
    "Pilot investments in",
    "Networks of practitioners on",
)
_CLUSTERS = (("CL5", "D4"), ("CL6", "D1"), ("CL4", "D3"), ("CL2", "D2"), ("MISS", "CITIES"))
# The programmes of generated topics, in the portal's proportions (most are Horizon Europe):
# id, identifier pattern ({year}, {cluster}, {destination}, {n}), type of action.
_HORIZON = "HORIZON-{cluster}-{year}-{destination}-{n}"
_RIA = "HORIZON-RIA HORIZON  Research and Innovation Actions"
_IA = "HORIZON-IA HORIZON  Innovation Actions"
_CSA = "HORIZON-CSA HORIZON  Coordination and Support Actions"
_PROGRAMME_MIX = (
    ("43108390", _HORIZON, _RIA),
    ("43152860", "DIGITAL-{year}-DEPLOY-{n}", "DIGITAL-SIMPLE DIGITAL Simple Grants"),
    ("43108390", _HORIZON, _IA),
    ("43252405", "LIFE-{year}-SAP-{n}", "LIFE-SAP LIFE Standard Action Projects"),
    ("43108390", _HORIZON, _CSA),
    ("43353764", "ERASMUS-{year}-PCOOP-{n}", "ERASMUS-LS ERASMUS Lump Sum Grants"),
    ("43108390", _HORIZON, _RIA),
    ("43251589", "CERV-{year}-CITIZENS-{n}", "CERV-LS CERV Lump Sum Grant"),
    ("43108390", _HORIZON, _IA),
    ("43251814", "CREA-CULT-{year}-COOP-{n}", "CREA-LS CREA Lump Sum Grants"),
    ("43108390", _HORIZON, _RIA),
    ("43251567", "CEF-T-{year}-SIMOBGEN-{n}", "CEF-PJG CEF Project Grants"),
    ("43108390", _HORIZON, _CSA),
    ("43332642", "EU4H-{year}-PJ-{n}", "EU4H-PJG EU4H Project Grants"),
    ("43108390", _HORIZON, _RIA),
    ("43152860", "DIGITAL-{year}-SKILLS-{n}", "DIGITAL-SIMPLE DIGITAL Simple Grants"),
    ("43108390", _HORIZON, _IA),
    ("44181033", "EDF-{year}-RA-{n}", "EDF-RA EDF Research Actions"),
    ("43108390", _HORIZON, _RIA),
    ("43108390", _HORIZON, _CSA),
)
_PROGRAMME_NAMES = {
    "43108390": "Horizon Europe",
    "43152860": "Digital Europe",
    "43252405": "LIFE",
    "43353764": "Erasmus+",
    "43251589": "CERV",
    "43251814": "Creative Europe",
    "43251567": "CEF",
    "43332642": "EU4Health",
    "44181033": "European Defence Fund",
}


def generated_topics(count: int) -> list[DemoCall]:
    """``count`` plausible open or forthcoming topics, deterministic (for the benchmarks):
    most of them Horizon Europe, the rest of eight other programmes, as on the portal."""
    topics = []
    for index in range(count):
        theme, where = _THEMES[index % len(_THEMES)]
        angle = _ANGLES[(index // len(_THEMES)) % len(_ANGLES)]
        cluster, destination = _CLUSTERS[index % len(_CLUSTERS)]
        programme_id, pattern, action = _PROGRAMME_MIX[index % len(_PROGRAMME_MIX)]
        opens = -60 + (index * 7) % 90
        deadline = max(opens, 0) + 30 + (index * 13) % 120
        identifier = pattern.format(
            cluster=cluster, year="{year}", destination=destination, n=f"{index + 1:04d}"
        )
        call_identifier = identifier.rsplit("-", 1)[0]
        topics.append(
            DemoCall(
                key=f"sedia-generated-{index + 1}",
                sources=("sedia",),
                kind="call",
                programme=_PROGRAMME_NAMES[programme_id],
                opens=opens,
                deadlines=(deadline,),
                budget=float(2_000_000 + (index % 9) * 1_000_000),
                ids={"sedia": identifier},
                facts={
                    "programme_id": programme_id,
                    "call_identifier": call_identifier,
                    "call_title": f"{_PROGRAMME_NAMES[programme_id]} call {call_identifier}",
                    "action": action,
                    "grants": 1 + index % 3,
                    "tags": [theme.capitalize(), where.capitalize()],
                    "cross_cutting": ["SSH"] if index % 4 == 0 else [],
                },
                en=Text(
                    title=f"{angle} {theme} in {where}",
                    summary=(
                        f"Projects are expected to show measurable progress on {theme} in "
                        f"{where}, with results taken up by the organisations concerned."
                    ),
                    what=(
                        f"Proposals combine research and demonstration on {theme}, involve "
                        f"end users from {where} and plan the uptake of their results."
                    ),
                    who="Any legal entity established in a Member State or associated country.",
                    how_much="An EU contribution of EUR 2 to 10 million per project.",
                ),
            )
        )
    return topics
