"""EU Funding & Tenders portal (SEDIA): calls for proposals and cascade calls.

Source
    The portal's own search API, ``POST https://api.tech.ec.europa.eu/search-api/prod/rest/
    search?apiKey=SEDIA&text=***`` (public key ``SEDIA``), and each topic's full text from
    ``https://ec.europa.eu/info/funding-tenders/opportunities/data/topicDetails/<id>.json``.
    Content © European Union, CC BY 4.0 (Commission Decision 2011/833/EU).
Caveats
    - The query, languages and sort go as multipart *file* parts with
      ``Content-Type: application/json``; a query in the URL is silently ignored and a plain
      form field gives HTTP 500. Only open and forthcoming calls (status 31094502/31094501) of
      2021–2027 are asked for.
    - ``pageNumber`` walks drop and repeat rows: pages are read with a cursor on
      ``es_SortDate`` (ascending), advanced only past complete blocks of equal values.
    - The index holds duplicates (language copies, legacy ``SEDIA_PRD_CENTRICITY`` rows, stubs):
      one record per topic identifier (type 1) or per cascade offer (type 8), taking the best
      row and every cut-off date.
    - The API's status goes stale; it is kept only as ``status_hint`` (the dates decide).
    - ``budgetOverview`` covers the whole call: only the topic's own actions count. When they
      say what one project gets (``maxContribution``, or the budget over ``expectedGrants``)
      that is the budget (``budget_kind`` "per_project"); else the topic's own total
      ("call_total"). A cascade offer's budget is its own offer (per project).
    - Programme ids are named from :mod:`crawler.programmes` (topicDetails names an id the
      table lacks; an unknown one is logged once and shown as "EU-program <id>").
    - topicDetails wants the identifier lowercased. A full crawl is ~700 of them, more than a
      run's time limit at a polite pace, so details are fetched only for a topic whose search
      row changed since its details were stored (``extra["details_of"]`` holds the state of
      the row they belong to; :func:`row_state`), soonest deadline first with the programmes
      taking turns (:func:`details_order`), a few requests at a time with falling scrapy
      priorities. Near the time limit (``EUFUNDS_DEADLINE``) the spider stops asking and
      stores the rest from their search rows, keeping the full text stored earlier; their
      details are fetched first next run. Progress goes to ``EUFUNDS_STATUS_FILE`` as it
      goes, so that a run stopped from outside still says what it left.
    - A topic without details keeps the search text (or its earlier full text); details that
      fail are reported as a failure of the run, details not reached in time make it partial.
    - ``EUFUNDS_SEDIA_URL`` replaces both hosts (search and topic details).
    - A page of rows none of which has a topic identifier or a cascade call id is a failure
      (the format changed), not an empty result.
Arguments
    ``types``: comma-separated SEDIA types, default ``1,8`` (calls for proposals, cascade
    calls). ``page_size``: rows per page, default 100 (the API's maximum).
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import logging
import os
import re
import sqlite3
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import scrapy
from scrapy import signals
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler import config
from crawler.applicants import applicant_types, applicants_passage
from crawler.base import CallSpider
from crawler.kinds import record_kind
from crawler.programmes import is_unnamed, programme_name
from crawler.text import clean, html_to_text, iso_date, safe_url
from db import clock
from db.calls import source_calls
from db.crawl_runs import last_progress
from db.records import Call
from db.text import topic_title

logger = logging.getLogger(__name__)

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

# Bump when call_from_row or add_details read the portal differently: every topic's details
# are then fetched once more (the stored marker no longer matches).
PARSE_VERSION = "1"
# Search-row fields that change when the index is rebuilt, not when the topic does.
VOLATILE = ("esDA_", "esST_", "corporate-search-version")
WINDOW = 2  # topicDetails requests handed to scrapy at a time (one site, one at a time)
STATUS_EVERY = 0.25  # seconds between progress writes
STORE_COST = 0.05  # seconds to store one call, until measured (text facts, one transaction)


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


def _own_entries(overview: Any, identifier: str) -> Iterator[dict[str, Any]]:
    """The ``budgetTopicActionMap`` entries of the topic itself."""
    if not isinstance(overview, dict):
        return
    for entries in (overview.get("budgetTopicActionMap") or {}).values():
        for entry in entries or []:
            if not isinstance(entry, dict):
                continue
            action = str(entry.get("action") or "")
            # "<topic> - <type of action>": the identifier must end where the action's does,
            # or ...-BIODIV-01 would also take the budget of ...-BIODIV-01-two-stage.
            if action == identifier or action.startswith(identifier + " "):
                yield entry


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def topic_budget(overview: Any, identifier: str) -> float | None:
    """The topic's own total budget from a call-wide ``budgetOverview`` (None if unknown)."""
    total = 0.0
    found = False
    for entry in _own_entries(overview, identifier):
        for amount in (entry.get("budgetYearMap") or {}).values():
            number = _number(amount)
            if number is not None:
                total += number
                found = True
    return total if found else None


def topic_funding(overview: Any, identifier: str) -> dict[str, Any]:
    """What the topic's own actions say about money: its total, the expected number of
    grants and the smallest and largest EU contribution per project (keys only if known)."""
    entries = list(_own_entries(overview, identifier))
    facts: dict[str, Any] = {}
    total = topic_budget(overview, identifier)
    if total is not None:
        facts["budget_total"] = total
    grants = [g for g in (_number(e.get("expectedGrants")) for e in entries) if g]
    if grants:
        facts["expected_grants"] = int(sum(grants))
    lows = [v for v in (_number(e.get("minContribution")) for e in entries) if v]
    highs = [v for v in (_number(e.get("maxContribution")) for e in entries) if v]
    if lows:
        facts["min_contribution"] = min(lows)
    if highs:
        facts["max_contribution"] = max(highs)
    return facts


def set_budget(call: Call, funding: dict[str, Any]) -> None:
    """The call's budget and its meaning from :func:`topic_funding`'s facts.

    Per project when the actions say it (the largest contribution, else the total over the
    expected grants), else the topic's own total; nothing when the overview says nothing.
    """
    if not funding:
        return
    for key in ("budget_total", "expected_grants", "min_contribution", "max_contribution"):
        call.extra.pop(key, None)
    call.extra.update(funding)
    total = funding.get("budget_total")
    per_project = funding.get("max_contribution") or funding.get("min_contribution")
    if per_project is None and total and funding.get("expected_grants"):
        per_project = round(total / funding["expected_grants"])
    if per_project is not None:
        call.budget, call.budget_kind = float(per_project), "per_project"
    elif total is not None:
        call.budget, call.budget_kind = float(total), "call_total"
    else:
        return
    call.currency = "EUR"


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


def row_state(row: dict[str, Any]) -> str:
    """A short fingerprint of what a search row says about its topic (dates, status, texts,
    budget, latest news), without the index's bookkeeping fields, and of the parser version.

    Stored details belong to the row state they were fetched for; a different state means
    the topic changed and its details are fetched again.
    """
    metadata = {k: v for k, v in (row.get("metadata") or {}).items() if not k.startswith(VOLATILE)}
    data = {"metadata": metadata, "url": row.get("url"), "summary": row.get("summary")}
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return f"{PARSE_VERSION}:{hashlib.sha256(canonical.encode('utf-8')).hexdigest()[:20]}"


def call_from_row(row: dict[str, Any], key: str) -> Call:
    """A normalised call from the best search row of a topic or cascade offer."""
    metadata = row.get("metadata") or {}
    is_cascade = key.startswith("cascade-")
    identifier = str(first(metadata, "identifier") or "")
    deadlines = [d for d in (iso_date(v) for v in metadata.get("deadlineDate") or []) if d]
    more, planned = action_dates(_json_field(metadata, "actions"))
    programme_id = str(first(metadata, "frameworkProgramme") or "")
    extra = _row_extra(metadata, identifier, programme_id, is_cascade)
    kind = "call"
    applicants: str | None = None
    types: list[str] = []
    if is_cascade:
        title = clean(row.get("summary")) or clean(first(metadata, "callTitle"))
        description = html_to_text(first(metadata, "description"))
        budget = _number(first(metadata, "budget"))
        url = safe_url(str(row.get("url") or ""))
        # A project's open call: for organisations (a call) or for persons (students,
        # interns, fellows), who never belong in a department's digest.
        if record_kind(title or "", description, hints=["cascade"]) == "offer_individuals":
            kind = "offer_individuals"
        applicants = applicants_passage(description)
        types = applicant_types(applicants or "")
    else:
        title = topic_title(
            clean(first(metadata, "title")) or clean(row.get("summary")),
            clean(first(metadata, "callTitle")),
        )
        description = html_to_text(first(metadata, "descriptionByte"))
        budget = None
        url = TOPIC_PAGE + identifier
    call = Call(
        source="sedia",
        source_id=key,
        title=title or key,
        programme=programme_name(programme_id),
        description=description,
        url=url,
        opening_date=iso_date(first(metadata, "startDate")) or planned,
        deadlines=deadlines + more,
        status_hint=STATUS_WORDS.get(str(first(metadata, "status"))),
        budget=budget,
        currency="EUR" if budget is not None else None,
        languages=["en"],
        applicants=applicants if types else None,
        extra={k: v for k, v in extra.items() if v not in (None, [], "")},
        kind=kind,
        applicant_types=types,
        budget_kind="per_project" if budget is not None else None,
    )
    if not is_cascade:
        set_budget(call, topic_funding(_json_field(metadata, "budgetOverview"), identifier))
    return call


def _row_extra(
    metadata: dict[str, Any], identifier: str, programme_id: str, is_cascade: bool
) -> dict[str, Any]:
    """The portal's own facts of a search row that a call keeps in ``extra`` (a cascade
    offer's project too); empty ones are dropped by the caller."""
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
        extra.update(
            project_acronym=first(metadata, "projectAcronym"),
            project_name=clean(first(metadata, "projectName")) or None,
            parent_topic_title=clean(first(metadata, "title")) or None,
        )
    return extra


def _published(value: Any) -> str | None:
    """An epoch-milliseconds date (``publicationDateLong``) as an ISO date."""
    try:
        moment = datetime.fromtimestamp(float(value) / 1000, tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None
    return moment.date().isoformat()


def add_details(call: Call, details: dict[str, Any]) -> Call:
    """The call completed with topicDetails: full text, every cut-off, the topic's budget and
    its meaning, who may apply (from the conditions), the programme's name, the publication
    date."""
    description = html_to_text(details.get("description"))
    if description:
        call.description = description
    conditions = html_to_text(details.get("conditions"))
    if conditions:
        call.extra["conditions"] = conditions
        passage = applicants_passage(conditions)
        types = applicant_types(passage or "")
        if types:
            call.applicants, call.applicant_types = passage, types
    deadlines, planned = action_dates(details.get("actions"))
    call.deadlines = sorted(set(call.deadlines) | set(deadlines))
    call.opening_date = call.opening_date or planned
    set_budget(call, topic_funding(details.get("budgetOverviewJSONItem"), call.source_id))
    framework = details.get("frameworkProgramme")
    programme_id = call.extra.get("framework_programme_id")
    if isinstance(framework, dict):
        programme_id = programme_id or (str(framework.get("id") or "") or None)
        call.programme = programme_name(programme_id, framework) or call.programme
    call.published = _published(details.get("publicationDateLong")) or call.published
    return call


# What topicDetails added to a call, carried over when the details are not fetched again.
_DETAIL_EXTRA = ("conditions", "details_of")


def keep_stored_details(call: Call, stored: Call | None) -> Call:
    """A call built from its search row alone, given the full text its stored version got
    from earlier details: nothing is lost while its new details wait.

    Dates, status and budget come from the (newer) row; the text, conditions, who may apply,
    the programme's name and the publication date from the stored version. The stored
    ``details_of`` is kept, so the details are still due next run.
    """
    if stored is None or not stored.extra.get("details_of"):
        return call
    if len(stored.description) > len(call.description):
        call.description = stored.description
    for key in _DETAIL_EXTRA:
        if key in stored.extra:
            call.extra[key] = stored.extra[key]
    if stored.applicant_types and not call.applicant_types:
        call.applicants, call.applicant_types = stored.applicants, stored.applicant_types
    if call.programme and call.programme.startswith("EU-program ") and stored.programme:
        call.programme = stored.programme
    call.published = call.published or stored.published
    return call


def deadline_rank(call: Call, today: str) -> tuple[int, str]:
    """Sort key of a topic waiting for details: the soonest coming deadline first, then
    topics without a deadline, then those whose every deadline passed (latest first)."""
    coming = [d for d in call.deadlines if d >= today]
    if coming:
        return (0, coming[0])
    if not call.deadlines:
        return (1, "")
    last = date.fromisoformat(call.deadlines[-1])
    return (2, f"{99999999 - int(last.strftime('%Y%m%d')):08d}")


def details_order(calls: Iterable[Call], today: str) -> list[Call]:
    """The order in which topic details are fetched: the programmes take turns (so a cut
    crawl does not always lose the same programmes), each programme's topics soonest
    deadline first; within a turn the topic whose deadline is nearest goes first."""
    by_programme: dict[str, list[Call]] = {}
    for call in calls:
        by_programme.setdefault(call.programme or "", []).append(call)
    queues = [
        sorted(group, key=lambda c: (deadline_rank(c, today), c.source_id))
        for group in by_programme.values()
    ]
    ordered: list[Call] = []
    turn = 0
    while True:
        heads = [q[turn] for q in queues if turn < len(q)]
        if not heads:
            return ordered
        ordered.extend(sorted(heads, key=lambda c: (deadline_rank(c, today), c.source_id)))
        turn += 1


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


def stored_calls(db_path: str | None) -> tuple[dict[str, Call], float | None]:
    """The portal's calls as stored before this crawl, by source id, and the seconds storing
    one call took in the last crawl that measured it (read-only; nothing when there is no
    database yet or it cannot be read)."""
    if not db_path or not Path(db_path).is_file():
        return {}, None
    uri = Path(db_path).absolute().as_uri() + "?mode=ro"
    try:
        con = sqlite3.connect(uri, uri=True, timeout=30)
    except sqlite3.Error as exc:
        logger.warning("sedia: kan inte läsa de sparade utlysningarna (%s); alla ämnen hämtas", exc)
        return {}, None
    con.row_factory = sqlite3.Row
    try:
        calls = source_calls(con, "sedia")
    except (sqlite3.Error, ValueError, KeyError) as exc:
        logger.warning("sedia: kan inte läsa de sparade utlysningarna (%s); alla ämnen hämtas", exc)
        return {}, None
    try:
        last = last_progress(con, "sedia")
        cost = json.loads(last).get("store_seconds") if last else None
    except (sqlite3.Error, ValueError, AttributeError):
        cost = None  # a database from before crawl_runs had progress
    finally:
        con.close()
    return calls, float(cost) if isinstance(cost, (int, float)) and cost > 0 else None


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
        # The details crawl: topics waiting, in flight, and what became of them.
        self.queue: list[tuple[Call, Call | None, str]] = []
        self.flying: dict[str, Call] = {}
        self.late: list[Call] = []  # stored from the search row: the time limit came first
        self.due = self.fetched = self.reused = self.failed = self.handed = 0
        self.topics = self.cascades = 0
        self.phase = "search"
        self.unnamed: set[str] = set()
        # Set from the crawl's settings (none when the spider is used without scrapy).
        self.db_path: str | None = None
        self.status_path: str | None = None
        self.deadline = 0.0
        self.margin = 0.0
        self.details_timeout = 60.0
        self.retry_times = 0
        self.store_cost = STORE_COST
        self.done_items = self._batch = 0
        self._batch_started = 0.0
        self._status_written = 0.0

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> Any:
        """Scrapy's constructor hook: the database, the status file and the time limit."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.db_path = settings.get("EUFUNDS_DB_PATH") or None
        spider.status_path = settings.get("EUFUNDS_STATUS_FILE") or None
        spider.details_timeout = settings.getfloat("DOWNLOAD_TIMEOUT", 60.0)
        if settings.getbool("RETRY_ENABLED", True):
            spider.retry_times = settings.getint("RETRY_TIMES", 2)
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(spider.on_item_done, signal=signal)
        spider.set_deadline(settings.getfloat("EUFUNDS_DEADLINE", 0.0))
        return spider

    def set_deadline(self, deadline: float) -> None:
        """The moment (epoch seconds) the run is stopped from outside; 0 for none."""
        self.deadline = deadline
        # Room for closing down: 2 % of the time left, 2–15 s.
        self.margin = min(15.0, max(2.0, 0.02 * (deadline - time.time()))) if deadline else 0.0

    def reserve(self) -> float:
        """Seconds before the deadline at which no more details are asked for: the margin,
        plus storing every call not stored yet (waiting for details, or handed to the store
        and queued there) at the measured pace, with half again for safety."""
        waiting = len(self.queue) + len(self.flying) + self.handed - self.done_items
        return self.margin + 1.5 * self.store_cost * waiting

    def out_of_time(self) -> bool:
        """Whether it is time to stop asking for details and store the rest."""
        return bool(self.deadline) and time.time() + self.reserve() >= self.deadline

    # -- search ---------------------------------------------------------------------------
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
            priority=1_000_000,  # the search before any details
        )

    async def start(self) -> AsyncIterator[Any]:
        """The first search page."""
        self.write_status(force=True)
        yield self.search(None)

    def parse_search(self, response: Response, cursor: str | None) -> Iterator[Any]:
        """Collect a page's rows; ask for the next page or, after the last, build the calls."""
        data = self.load_json(response)
        if data is None:
            return
        results = data.get("results") if isinstance(data, dict) else None
        if not isinstance(results, list):
            self.fail(f"oväntat svar från {response.url}: ingen lista 'results'")
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
            self.expect(keys, "sökrader med ämnes-id eller kaskadutlysning", response.url)
        self.write_status()
        if len(results) >= self.page_size:
            values = [str(first(r.get("metadata") or {}, "es_SortDate") or "") for r in results]
            cursor_next = next_cursor(values)
            if cursor_next is None or (cursor and cursor_next <= cursor):
                self.fail(
                    f"kan inte bläddra förbi es_SortDate {values[-1]}: en hel sida har samma "
                    "värde; höj page_size eller smalna av frågan"
                )
            elif self.pages >= self.max_pages:
                self.fail(f"stoppade efter {self.pages} sidor; resultatet verkar aldrig ta slut")
            else:
                yield self.search(cursor_next)
                return
        yield from self.finish()

    # -- calls and their details ----------------------------------------------------------
    def finish(self) -> Iterator[Any]:
        """One call per key: cascade calls at once; a topic whose stored details belong to its
        current row as stored; the others after their topicDetails, in :func:`details_order`."""
        stored, cost = stored_calls(self.db_path)
        self.store_cost = cost or self.store_cost
        waiting: list[Call] = []
        states: dict[str, tuple[Call | None, str]] = {}
        for key, row in sorted(self.rows.items()):
            call = call_from_row(row, key)
            self._check_programme(call)
            if call.extra.get("type") == "cascade":
                self.cascades += 1
                yield from self._give(call)
                continue
            self.topics += 1
            state = row_state(row)
            old = stored.get(key)
            if old is not None and old.extra.get("details_of") == state:
                self.reused += 1  # unchanged since its details were fetched: as stored
                yield from self._give(old)
                continue
            waiting.append(call)
            states[key] = (old, state)
        today = config.today().isoformat()
        self.queue = [(c, *states[c.source_id]) for c in details_order(waiting, today)]
        self.due = len(self.queue)
        self.phase = "details"
        self.write_status(force=True)
        yield from self.refill(first=True)

    def refill(self, first: bool = False) -> Iterator[Any]:
        """Keep ``WINDOW`` topicDetails requests going; past the stop time, store every topic
        still waiting from its search row instead (its details come first next run).

        The ``first`` requests go out unless the limit is within the bare margin: the cost of
        storing is only an estimate until calls have been stored, and a crawl that never
        starts on its details would never finish them.
        """
        stop = time.time() + self.margin >= self.deadline if first else self.out_of_time()
        if self.queue and self.deadline and stop:
            waiting, self.queue = self.queue, []
            self.notes.append(
                f"tidsgränsen nära: {len(waiting)} ämnen sparades från sina sökrader, "
                "deras beskrivningar hämtas först nästa körning"
            )
            for call, old, _ in waiting:
                call = keep_stored_details(call, old)
                self.late.append(call)
                yield from self._give(call)
            self.write_status(force=True)
        while self.queue and len(self.flying) < WINDOW:
            call, old, state = self.queue.pop(0)
            self.flying[call.source_id] = call
            yield self.details_request(call, old, state, priority=len(self.queue) + 1)
        if not self.queue and not self.flying:
            self.phase = "done"
            self.write_status(force=True)

    def details_request(
        self, call: Call, old: Call | None, state: str, priority: int
    ) -> scrapy.Request:
        """The topicDetails request of ``call``, bounded so that it ends before the limit."""
        meta: dict[str, Any] = {}
        if self.deadline:
            # It must end, retries included, in time for the rest to be stored; each of the
            # WINDOW requests may wait for the one before it (one request at a time per site).
            left = (self.deadline - self.reserve() - time.time()) / WINDOW
            attempts = self.retry_times + 1
            meta["download_timeout"] = max(1.0, min(self.details_timeout, left / attempts))
        return self.get(
            f"{self.details_url}{DETAILS_PATH}{call.source_id.lower()}.json",
            self.parse_details,
            errback=self.details_failed,
            cb_kwargs={"call": call, "old": old, "state": state},
            priority=priority,
            meta=meta,
        )

    def parse_details(
        self, response: Response, call: Call, old: Call | None, state: str
    ) -> Iterator[Any]:
        """The call with its full text; the search text (or the stored text) if the details
        are unusable."""
        self.flying.pop(call.source_id, None)
        data = self.load_json(response)
        details = data.get("TopicDetails") if isinstance(data, dict) else None
        if data is not None and not isinstance(details, dict):
            self.fail(f"oväntat svar från {response.url}: inget objekt 'TopicDetails'")
        completed = None
        if isinstance(details, dict):
            try:
                completed = add_details(copy.deepcopy(call), details)
            except Exception as exc:  # one odd document must not stop the details crawl
                self.fail(f"kan inte läsa ämnesbeskrivningen från {response.url}: {exc!r}")
        if completed is not None:
            call = completed
            call.extra["details_of"] = state
            self.fetched += 1
        else:
            call = keep_stored_details(call, old)
            self.failed += 1
        yield from self._give(call)
        self.write_status()
        yield from self.refill()

    def details_failed(self, failure: Failure) -> Iterator[Any]:
        """A topic whose details cannot be fetched keeps its search text or stored text (and
        the failure is reported)."""
        self.on_error(failure)
        kwargs = failure.request.cb_kwargs  # type: ignore[attr-defined]
        call: Call = kwargs["call"]
        self.flying.pop(call.source_id, None)
        self.failed += 1
        yield from self._give(keep_stored_details(call, kwargs["old"]))
        self.write_status()
        yield from self.refill()

    def _give(self, call: Call) -> Iterator[Call]:
        """Hand ``call`` to the store (counted, to know what is not stored yet)."""
        if self.handed == self.done_items:  # the store is idle: a new batch starts
            self._batch_started, self._batch = time.monotonic(), 0
        self.handed += 1
        self._batch += 1
        yield call

    def on_item_done(self, *args: Any, **kwargs: Any) -> None:
        """An item left the pipeline (stored, dropped or failed). When a batch of calls is
        through, its time per call updates what storing one costs (text facts, one
        transaction each): the reserve for storing the rest depends on it."""
        self.done_items += 1
        if self.done_items < self.handed or not self._batch:
            return
        per_call = min((time.monotonic() - self._batch_started) / self._batch, 2.0)
        weight = min(0.5, 0.05 * self._batch)
        self.store_cost = (1 - weight) * self.store_cost + weight * per_call
        self._batch = 0

    def _check_programme(self, call: Call) -> None:
        programme_id = call.extra.get("framework_programme_id")
        if programme_id and is_unnamed(programme_id) and programme_id not in self.unnamed:
            self.unnamed.add(programme_id)
            message = (
                f"program-id {programme_id} saknar namn i crawler/programmes.py; "
                f"visas som {call.programme!r}"
            )
            logger.warning("sedia: %s", message)
            self.notes.append(message)

    # -- progress -------------------------------------------------------------------------
    def progress(self) -> dict[str, Any]:
        """What this crawl has done so far, as the runner reads it (also when it had to stop
        the crawl from outside): the search pages, the topic details due, fetched, failed and
        missing (with their programmes), and the calls not yet handed to the store."""
        missing = [c for c, _, _ in self.queue] + list(self.flying.values()) + self.late
        programmes = Counter(c.programme or "?" for c in missing)
        return {
            "phase": self.phase,
            "what": "topic details",
            "pages": self.pages,
            "rows": len(self.rows),
            "calls": self.topics + self.cascades if self.phase != "search" else None,
            "due": self.due,
            "done": self.fetched,
            "reused": self.reused,
            "failed": self.failed,
            "missing": len(missing),
            "missing_groups": dict(programmes.most_common()),
            "unstored": (
                len(self.queue) + len(self.flying) + self.handed - self.done_items
                if self.phase != "search"
                else None
            ),
            "stored": self.done_items,
            "time_limit_reached": bool(self.late),
            "store_seconds": round(self.store_cost, 4),  # measured per call
            "updated_at": clock.utc_now(),  # when written: the real time, as every record
        }

    def write_status(self, *, force: bool = False) -> None:
        """Write :meth:`progress` to the status file (at most every ``STATUS_EVERY`` s)."""
        if not self.status_path:
            return
        now = time.monotonic()
        if not force and now - self._status_written < STATUS_EVERY:
            return
        self._status_written = now
        target = Path(self.status_path)
        partial = target.with_name(target.name + ".tmp")
        try:
            partial.write_text(json.dumps(self.progress(), ensure_ascii=False), encoding="utf-8")
            os.replace(partial, target)
        except OSError as exc:  # progress is a courtesy: never fail the crawl over it
            logger.warning("sedia: kan inte skriva förloppsfilen %s: %s", target, exc)

    def closed(self, reason: str) -> None:
        """The final progress, whatever ended the crawl."""
        self.write_status(force=True)
