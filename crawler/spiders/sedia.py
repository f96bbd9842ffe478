"""EU Funding & Tenders portal (SEDIA): calls for proposals and cascade calls.

Source
    The portal's own search API, ``POST https://api.tech.ec.europa.eu/search-api/prod/rest/
    search?apiKey=SEDIA&text=***`` (public key ``SEDIA``), and each topic's full text from
    ``https://ec.europa.eu/info/funding-tenders/opportunities/data/topicDetails/<id>.json``.
    Content © European Union, CC BY 4.0 (Commission Decision 2011/833/EU).
Caveats
    - The query, languages and sort go as multipart *file* parts with
      ``Content-Type: application/json``; a query in the URL is silently ignored and a plain
      form field gives HTTP 500.
    - ``pageNumber`` walks drop and repeat rows: pages are read with a cursor on
      ``es_SortDate`` (ascending), advanced only past complete blocks of equal values.
    - The index holds duplicates (language copies, legacy ``SEDIA_PRD_CENTRICITY`` rows, stubs):
      one record per topic identifier (type 1) or per cascade offer (type 8), taking the best
      row and every cut-off date.
    - The API's status goes stale; it is kept only as ``status_hint`` (the dates decide).
    - ``budgetOverview`` covers the whole call: only the topic's own actions are summed.
    - topicDetails wants the identifier lowercased; a topic without details keeps the search
      text, and the missing details are reported as a failure of the run.
    - ``EUFUNDS_SEDIA_URL`` replaces both hosts (search and topic details).
    - A page of rows none of which has a topic identifier or a cascade call id is a failure
      (the format changed), not an empty result.
Arguments
    ``types``: comma-separated SEDIA types, default ``1,8`` (calls for proposals, cascade
    calls). ``page_size``: rows per page, default 100 (the API's maximum).
"""

from __future__ import annotations

import contextlib
import json
import re
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler import config
from crawler.base import CallSpider
from crawler.text import clean, html_to_text, iso_date, safe_url
from db.records import Call

SEARCH_HOST = "https://api.tech.ec.europa.eu"
DETAILS_HOST = "https://ec.europa.eu"
SEARCH_PATH = "/search-api/prod/rest/search"
DETAILS_PATH = "/info/funding-tenders/opportunities/data/topicDetails/"
TOPIC_PAGE = (
    "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/"
    "topic-details/"
)

FORTHCOMING, OPEN, CLOSED = "31094501", "31094502", "31094503"
STATUS_WORDS = {FORTHCOMING: "Forthcoming", OPEN: "Open", CLOSED: "Closed"}

# frameworkProgramme ids agreed across several independent clients (research notes).
PROGRAMMES = {
    "43108390": "Horizon Europe",
    "43152860": "Digital Europe",
    "43252405": "LIFE",
    "43353764": "Erasmus+",
    "43251814": "Creative Europe",
    "43251567": "Connecting Europe Facility (CEF)",
    "43251589": "Citizens, Equality, Rights and Values (CERV)",
    "43332642": "EU4Health",
    "43254037": "European Solidarity Corps",
    "43252476": "Single Market Programme",
    "43089234": "Innovation Fund",
    "44773066": "Just Transition Mechanism",
    "43392145": "EMFAF",
    "44416173": "Interregional Innovation Investments (I3)",
    "43637601": "Pilot Projects & Preparatory Actions",
    "44181033": "European Defence Fund",
}


def first(metadata: dict[str, Any], key: str) -> Any:
    """The first value of a metadata field (every field is a list, even scalars)."""
    value = metadata.get(key)
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _json_field(metadata: dict[str, Any], key: str) -> Any:
    """A JSON document carried as a string in a one-element list; None if absent or broken."""
    raw = first(metadata, key)
    if not isinstance(raw, str):
        return raw
    try:
        return json.loads(raw)
    except ValueError:
        return None  # real samples carry these cut mid-string


def keywords(metadata: dict[str, Any]) -> list[str]:
    """``keywords`` in both shapes the index uses: a list, or one JSON-encoded string."""
    value = metadata.get("keywords") or []
    if len(value) == 1 and isinstance(value[0], str) and value[0].startswith("["):
        with contextlib.suppress(ValueError):
            value = json.loads(value[0])
    return [clean(v) for v in value if isinstance(v, str) and v.strip()]


def topic_budget(overview: Any, identifier: str) -> float | None:
    """The topic's own budget from a call-wide ``budgetOverview`` (None if unknown)."""
    if not isinstance(overview, dict):
        return None
    total = 0.0
    found = False
    for entries in (overview.get("budgetTopicActionMap") or {}).values():
        for entry in entries or []:
            action = str(entry.get("action") or "")
            # "<topic> - <type of action>": the identifier must end where the action's does,
            # or ...-BIODIV-01 would also take the budget of ...-BIODIV-01-two-stage.
            if action != identifier and not action.startswith(identifier + " "):
                continue
            for amount in (entry.get("budgetYearMap") or {}).values():
                try:
                    total += float(amount)
                    found = True
                except (TypeError, ValueError):
                    continue
    return total if found else None


def action_dates(actions: Any) -> tuple[list[str], str | None]:
    """Every deadline and the planned opening date from an ``actions`` list."""
    deadlines: list[str] = []
    opening: str | None = None
    for action in actions if isinstance(actions, list) else []:
        for value in action.get("deadlineDates") or []:
            day = iso_date(value)
            if day:
                deadlines.append(day)
        opening = opening or iso_date(action.get("plannedOpeningDate"))
    return deadlines, opening


def row_key(row: dict[str, Any]) -> str | None:
    """The natural key of a search row: the topic identifier, or the cascade offer's id."""
    metadata = row.get("metadata") or {}
    if str(first(metadata, "type")) == "8":
        match = re.search(r"competitive-calls-cs/(\d+)", str(row.get("url") or ""))
        number = re.match(r"\d+", str(row.get("reference") or ""))
        if match and number:
            # Several offers share one cascade page; the reference number tells them apart.
            return f"cascade-{match.group(1)}-{number.group(0)}"
        return None
    identifier = first(metadata, "identifier")
    return str(identifier) if identifier else None


def row_quality(row: dict[str, Any]) -> tuple[int, int, int, int]:
    """Ranks duplicates: current SEDIA rows with a status and a description first."""
    metadata = row.get("metadata") or {}
    return (
        int(first(metadata, "DATASOURCE") == "SEDIA"),
        int(bool(first(metadata, "status"))),
        int(bool(first(metadata, "descriptionByte") or first(metadata, "description"))),
        len(metadata),
    )


def call_from_row(row: dict[str, Any], key: str) -> Call:
    """A normalised call from the best search row of a topic or cascade offer."""
    metadata = row.get("metadata") or {}
    is_cascade = key.startswith("cascade-")
    identifier = str(first(metadata, "identifier") or "")
    deadlines = [d for d in (iso_date(v) for v in metadata.get("deadlineDate") or []) if d]
    more, planned = action_dates(_json_field(metadata, "actions"))
    programme_id = str(first(metadata, "frameworkProgramme") or "")
    extra: dict[str, Any] = {
        "type": "cascade" if is_cascade else "topic",
        "identifier": identifier,
        "call_identifier": first(metadata, "callIdentifier"),
        "call_title": clean(first(metadata, "callTitle")) or None,
        "deadline_model": first(metadata, "deadlineModel"),
        "type_of_action": clean(first(metadata, "typesOfAction")) or None,
        "keywords": keywords(metadata),
        "cross_cutting_priorities": list(metadata.get("crossCuttingPriorities") or []),
        "framework_programme_id": programme_id or None,
    }
    if is_cascade:
        title = clean(row.get("summary")) or clean(first(metadata, "callTitle"))
        description = html_to_text(first(metadata, "description"))
        try:
            budget = float(first(metadata, "budget"))
        except (TypeError, ValueError):
            budget = None
        extra.update(
            project_acronym=first(metadata, "projectAcronym"),
            project_name=clean(first(metadata, "projectName")) or None,
            parent_topic_title=clean(first(metadata, "title")) or None,
        )
        url = safe_url(str(row.get("url") or ""))
    else:
        title = clean(first(metadata, "title")) or clean(row.get("summary"))
        description = html_to_text(first(metadata, "descriptionByte"))
        budget = topic_budget(_json_field(metadata, "budgetOverview"), identifier)
        url = TOPIC_PAGE + identifier
    return Call(
        source="sedia",
        source_id=key,
        title=title or key,
        programme=PROGRAMMES.get(programme_id, f"EU programme {programme_id}".strip()),
        description=description,
        url=url,
        opening_date=iso_date(first(metadata, "startDate")) or planned,
        deadlines=deadlines + more,
        status_hint=STATUS_WORDS.get(str(first(metadata, "status"))),
        budget=budget,
        currency="EUR" if budget is not None else None,
        languages=["en"],
        extra={k: v for k, v in extra.items() if v not in (None, [], "")},
    )


def add_details(call: Call, details: dict[str, Any]) -> Call:
    """The call completed with topicDetails: full text, every cut-off, the topic's budget."""
    description = html_to_text(details.get("description"))
    if description:
        call.description = description
    conditions = html_to_text(details.get("conditions"))
    if conditions:
        call.extra["conditions"] = conditions
    deadlines, planned = action_dates(details.get("actions"))
    call.deadlines = sorted(set(call.deadlines) | set(deadlines))
    call.opening_date = call.opening_date or planned
    budget = topic_budget(details.get("budgetOverviewJSONItem"), call.source_id)
    if budget is not None:
        call.budget, call.currency = budget, "EUR"
    return call


def multipart(parts: dict[str, Any]) -> tuple[bytes, str]:
    """A multipart body whose parts are JSON *files*, as the portal's front end sends them."""
    boundary = uuid.uuid4().hex
    chunks = []
    for name, value in parts.items():
        chunks.append(
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="{name}"; filename="blob"\r\n'
            "Content-Type: application/json\r\n\r\n"
            f"{json.dumps(value)}\r\n"
        )
    chunks.append(f"--{boundary}--\r\n")
    return "".join(chunks).encode("utf-8"), f"multipart/form-data; boundary={boundary}"


def next_cursor(values: list[str]) -> str | None:
    """The last ``es_SortDate`` of a page before its final (maybe incomplete) block of ties."""
    if not values:
        return None
    last = values[-1]
    complete = [v for v in values if v != last]
    return complete[-1] if complete else None


class SediaSpider(CallSpider):
    """EU Funding & Tenders portal (see the module docstring)."""

    name = "sedia"
    default_url = SEARCH_HOST
    max_pages = 200

    def __init__(self, *args: Any, types: str = "1,8", page_size: str | int = 100, **kw: Any):
        super().__init__(*args, **kw)
        overridden = config.base_url(self.name, "") != ""
        self.details_url = self.base_url if overridden else DETAILS_HOST
        self.allowed_domains = sorted({config.host(self.base_url), config.host(self.details_url)})
        self.types = [t.strip() for t in str(types).split(",") if t.strip()]
        self.page_size = max(1, min(int(page_size), 100))
        self.rows: dict[str, dict[str, Any]] = {}
        self.pages = 0

    def query(self, cursor: str | None) -> dict[str, Any]:
        """The search query: open and forthcoming calls of the 2021–2027 period."""
        must: list[dict[str, Any]] = [
            {"terms": {"type": self.types}},
            {"terms": {"status": [FORTHCOMING, OPEN]}},
            {"term": {"programmePeriod": "2021 - 2027"}},
        ]
        if cursor:
            must.append({"range": {"es_SortDate": {"gt": cursor}}})
        return {"bool": {"must": must}}

    def search(self, cursor: str | None) -> scrapy.Request:
        """One page of the search, after ``cursor``."""
        body, content_type = multipart(
            {
                "query": self.query(cursor),
                "languages": ["en"],
                "sort": {"field": "es_SortDate", "order": "ASC"},
            }
        )
        url = (
            f"{self.base_url}{SEARCH_PATH}?apiKey=SEDIA&text=***"
            f"&pageSize={self.page_size}&pageNumber=1"
        )
        return self.get(
            url,
            self.parse_search,
            method="POST",
            body=body,
            headers={"Content-Type": content_type, "Accept": "application/json"},
            cb_kwargs={"cursor": cursor},
            dont_filter=True,
        )

    async def start(self) -> AsyncIterator[Any]:
        """The first search page."""
        yield self.search(None)

    def parse_search(self, response: Response, cursor: str | None) -> Iterator[Any]:
        """Collect a page's rows; ask for the next page or, after the last, build the calls."""
        data = self.load_json(response)
        if data is None:
            return
        results = data.get("results") if isinstance(data, dict) else None
        if not isinstance(results, list):
            self.fail(f"unexpected answer from {response.url}: no 'results' list")
            return
        self.pages += 1
        keys = []
        for row in results:
            key = row_key(row) if isinstance(row, dict) else None
            if key:
                keys.append(key)
            if key and (key not in self.rows or row_quality(row) > row_quality(self.rows[key])):
                self.rows[key] = row
        if results and not keys:
            # Rows, but none with a topic identifier or a cascade call id: the format changed.
            self.expect(keys, "search rows with a topic identifier or cascade call", response.url)
        if len(results) >= self.page_size:
            values = [str(first(r.get("metadata") or {}, "es_SortDate") or "") for r in results]
            cursor_next = next_cursor(values)
            if cursor_next is None or (cursor and cursor_next <= cursor):
                self.fail(
                    f"cannot page past es_SortDate {values[-1]}: a whole page shares it; "
                    "raise page_size or narrow the query"
                )
            elif self.pages >= self.max_pages:
                self.fail(f"stopped after {self.pages} pages; the result set looks endless")
            else:
                yield self.search(cursor_next)
                return
        yield from self.finish()

    def finish(self) -> Iterator[Any]:
        """One call per key: cascade calls at once, topics after their topicDetails."""
        for key, row in sorted(self.rows.items()):
            call = call_from_row(row, key)
            if call.extra.get("type") == "cascade":
                yield call
                continue
            yield self.get(
                f"{self.details_url}{DETAILS_PATH}{key.lower()}.json",
                self.parse_details,
                errback=self.details_failed,
                cb_kwargs={"call": call},
            )

    def parse_details(self, response: Response, call: Call) -> Iterator[Call]:
        """The call with its full text; the search text if the details are unusable."""
        data = self.load_json(response)
        details = data.get("TopicDetails") if isinstance(data, dict) else None
        if data is not None and not isinstance(details, dict):
            self.fail(f"unexpected answer from {response.url}: no 'TopicDetails' object")
        yield add_details(call, details) if isinstance(details, dict) else call

    def details_failed(self, failure: Failure) -> Iterator[Call]:
        """A topic whose details cannot be fetched keeps its search text (and is reported)."""
        self.on_error(failure)
        yield failure.request.cb_kwargs["call"]  # type: ignore[attr-defined]
