"""Typed records shared by crawler, matcher and notifier.

A :class:`Call` is one funding opportunity, normalised: plain-text description, ISO dates,
every deadline. Its natural key is ``source:source_id``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from db.status import derive_status, has_window, is_rolling, window
from db.text import without_null_fields

# Fields whose change makes a new version of a call. Bookkeeping (first/last seen, the derived
# status) is left out on purpose: a call does not change because time passed.
CONTENT_FIELDS = (
    "title",
    "programme",
    "description",
    "url",
    "opening_date",
    "deadlines",
    "status_hint",
    "budget",
    "currency",
    "languages",
    "applicants",
    "regions",
    "extra",
)
# Facts added later; part of a version only when known, so that calls stored before they
# existed keep their content hash (no false "text_changed" after an upgrade).
FACT_FIELDS = ("kind", "applicant_types", "budget_kind", "published")
# Keys of ``extra`` that are not part of a version: twins' links (db.twins) and facts added
# later that repeat words of the description, the title or the source's list
# (``applicants_section``, ``named_year``, ``named_spring``, ``named_in_text``,
# ``named_by_number``, ``listed_closed``: crawler.facts).
NOT_CONTENT_EXTRA = frozenset(
    {
        "also_at",
        "applicants_section",
        "named_year",
        "named_spring",
        "named_in_text",
        "named_by_number",
        "listed_closed",
    }
)
# What crawler.facts reads from a call's own text: part of a version (the matcher and the
# checks use it), but when nothing else differs, a newer release read the same words anew and
# the call did not change at its source (db.calls records "reread", not "text_changed").
READ_FACTS = ("kind", "applicant_types", "budget_kind")
READ_EXTRA = frozenset(
    {"applicants_only", "applicants_excluded", "dates_from_text", "ended_in_text", "rolling"}
)

# What a record is. Only "call" is matched and sent to departments as a call.
KINDS = (
    "call",  # a call for proposals or application round an organisation can apply to
    "programme",  # a programme or fund page: context, not an open call
    "news",  # a news item (it may point to a call but is not one)
    "offer_individuals",  # a cascade offer for individuals (scholarships, internships)
)
# Who may apply, as structured types (the source's own words stay in ``applicants``).
APPLICANT_TYPES = (
    "municipality",  # kommuner (and their companies and schools)
    "region",  # regioner
    "public_body",  # other public organisations and authorities
    "company",  # företag
    "sme",  # small and medium-sized enterprises
    "university",  # universities and higher-education institutions
    "research",  # research organisations and institutes
    "ngo",  # non-profit organisations, associations, foundations
    "individual",  # private persons, students, researchers as individuals
)
# What ``budget`` means.
BUDGET_KINDS = ("call_total", "per_project")


@dataclass
class Call:
    """One funding call as every part of eufunds sees it."""

    source: str
    source_id: str
    title: str
    programme: str | None = None
    description: str = ""
    url: str | None = None
    opening_date: str | None = None  # ISO date
    deadlines: list[str] = field(default_factory=list)  # ISO dates, sorted, unique
    status_hint: str | None = None  # the source's own status word, only a hint
    budget: float | None = None
    currency: str | None = None
    languages: list[str] = field(default_factory=list)
    applicants: str | None = None  # "who may apply", as the source says it
    regions: list[str] = field(default_factory=list)  # eligible NUTS codes or region names
    extra: dict[str, Any] = field(default_factory=dict)  # source-specific facts
    kind: str = "call"  # one of KINDS
    applicant_types: list[str] = field(default_factory=list)  # of APPLICANT_TYPES, sorted
    budget_kind: str | None = None  # one of BUDGET_KINDS when budget is known
    published: str | None = None  # ISO date the source published it (a lower bound)

    def __post_init__(self) -> None:
        self.deadlines = sorted({d for d in self.deadlines if d})
        self.applicant_types = sorted(set(self.applicant_types))

    @property
    def key(self) -> str:
        """The natural key ``source:source_id``."""
        return f"{self.source}:{self.source_id}"

    @property
    def rolling(self) -> bool:
        """Open until further notice ("löpande"), as the source says."""
        return is_rolling(self.extra)

    def status(self, today: date) -> str:
        """The status on ``today`` derived from the dates (see :mod:`db.status`)."""
        return derive_status(
            self.opening_date, self.deadlines, today, self.status_hint, **window(self.extra)
        )

    def has_window(self) -> bool:
        """A deadline, an opening date, or open until further notice."""
        return has_window(self.opening_date, self.deadlines, self.rolling)

    @property
    def deadline(self) -> str | None:
        """The final deadline (the last cut-off), or None."""
        return self.deadlines[-1] if self.deadlines else None

    def content(self) -> dict[str, Any]:
        """The fields that define a version of the call."""
        data = asdict(self)
        content = {name: data[name] for name in CONTENT_FIELDS}
        # Links to the same call at other sources are bookkeeping of db.twins, not content;
        # the quoted who-may-apply section is read from the description, which is.
        content["extra"] = {k: v for k, v in data["extra"].items() if k not in NOT_CONTENT_EXTRA}
        defaults: dict[str, Any] = {
            "kind": "call",
            "applicant_types": [],
            "budget_kind": None,
            "published": None,
        }
        content.update({k: data[k] for k in FACT_FIELDS if data[k] != defaults[k]})
        return content

    def content_hash(self) -> str:
        """SHA-256 of the canonical JSON of :meth:`content`."""
        canonical = json.dumps(self.content(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Call:
        """Build a call from a ``calls`` table row."""
        return cls(
            source=row["source"],
            source_id=row["source_id"],
            title=row["title"],
            programme=row.get("programme"),
            description=row.get("description") or "",
            url=row.get("url"),
            opening_date=row.get("opening_date"),
            deadlines=_json_list(row.get("deadlines")),
            status_hint=row.get("status_hint"),
            budget=row.get("budget"),
            currency=row.get("currency"),
            languages=_json_list(row.get("languages")),
            applicants=row.get("applicants"),
            regions=_json_list(row.get("regions")),
            extra=json.loads(row["extra"]) if row.get("extra") else {},
            kind=row.get("kind") or "call",
            applicant_types=_json_list(row.get("applicant_types")),
            budget_kind=row.get("budget_kind"),
            published=row.get("published"),
        )


def _json_list(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, list):
        return value
    return list(json.loads(value))


def read_anew(old: Call, new: Call) -> bool:
    """Whether two states of a call differ only in what eufunds read from the same words
    (``READ_FACTS``, ``READ_EXTRA``, dates filled from the text, the status word a text that
    says it ended or is rolling sets): the source did not change, a newer release read it
    differently."""
    filled = {*_dates_from_text(old), *_dates_from_text(new)}
    if any(c.extra.get(k) for c in (old, new) for k in ("ended_in_text", "rolling")):
        filled.add("status_hint")  # set from the text only where the source gave none
    return _source_content(old, filled) == _source_content(new, filled)


def _dates_from_text(call: Call) -> list[str]:
    fields = {"opening": "opening_date", "deadline": "deadlines"}
    return [fields[f] for f in call.extra.get("dates_from_text") or [] if f in fields]


def _source_content(call: Call, filled: set[str]) -> dict[str, Any]:
    content = {k: v for k, v in call.content().items() if k not in (*READ_FACTS, *filled)}
    # A description stored before an import left out its "null" fields says the same.
    content["description"] = without_null_fields(content.get("description") or "")
    content["extra"] = {k: v for k, v in content["extra"].items() if k not in READ_EXTRA}
    return content


@dataclass
class Change:
    """A typed change to a call, found when a crawl or import stored a new state."""

    call_id: str
    kind: str  # new | opened | deadline_changed | closed | text_changed | reopened | reread
    detected_at: str
    old: str | None = None
    new: str | None = None
    crawl_run_id: int | None = None


@dataclass
class CrawlRun:
    """One run of one source: what it found and whether it failed."""

    source: str
    started_at: str
    finished_at: str | None = None
    ok: bool = False
    items: int = 0
    new: int = 0
    changed: int = 0
    errors: int = 0
    error_text: str | None = None
    id: int | None = None
    partial: bool = False  # cut by its time limit after part of its work (not ok either)
    progress: str | None = None  # JSON: what a partial run did and left


# The region fact's ``area`` when the call is made for an area that holds the municipality
# (:attr:`Match.for_own_area`).
OWN_AREA = "own"


@dataclass
class Match:
    """A scored (call, priority or board goal) pair with its explanation."""

    call_id: str
    target_id: str
    target_kind: str  # priority | goal
    priority_id: str
    departments: list[str]
    score: float
    semantic: float  # steps 1–3: the likeness of call and target (e5), standardised
    lexical: float  # step 4: what the English search terms' words (TF-IDF) in the call added
    label: str | None  # stark | möjlig | None
    included: bool
    eligibility: str  # pass | fail | unknown
    eligibility_facts: list[dict[str, str]]
    passage: str
    keywords: list[str]
    priorities_version: str
    call_hash: str
    scored_at: str

    @property
    def for_own_area(self) -> bool:
        """True when the region check found the call made for an area that holds the
        municipality: a regional or social fund's programme region or the whole country's
        programme, an Interreg programme area, a county administrative board's county, the
        just transition territories (the ``region`` fact passes with ``area`` ``own``,
        :data:`OWN_AREA`). A call open to anyone anywhere is not."""
        return any(
            f.get("check") == "region" and f.get("result") == "pass" and f.get("area") == OWN_AREA
            for f in self.eligibility_facts
        )

    @property
    def applicants_fact(self) -> str | None:
        """Who may apply, as the eligibility check says it for this municipality (the
        ``sökande`` fact: the source's applicant types, the call's words, or the programme's
        rules), or None when the match holds no such fact. The digest, ``eufunds show`` and
        the call's web page all say it in these words."""
        for fact in self.eligibility_facts:
            if fact.get("check") == "sökande" and fact.get("reason"):
                return str(fact["reason"])
        return None


MARKS = ("interested", "not-relevant", "applying", "applied", "granted", "rejected")
