"""What goes into one department's weekly digest, read from the database.

A digest is built for one department (or the EU coordinator) and one ISO week. Its sections:

- **new**: calls with an included match for the department that no earlier digest of the
  department offered as new, strongest first, capped by the priorities file's ``max_items``
  (the rest are counted in the digest and are not new again the week after). Only records
  that are calls (not news, programme pages or offers for individuals), not twins of another
  source's record, not closed, with a known window (a deadline, an opening date, or open
  until further notice) and open or forthcoming;
- **watch** ("Bevaka – datum saknas"): the same, for calls whose source gives no window, at
  most :data:`WATCH_MAX`, each shown once; it becomes new when its dates become known;
- **changes**: typed changes (opened, deadline moved, closed, reopened) detected since the
  department's previous digest, to calls that digest or an earlier one showed;
- **closing**: the department's matched calls whose next deadline is within 30 days;
- **reminders**: calls marked *interested* or *applying* whose deadline is 30 or 7 days away
  (each threshold once per deadline);
- **own area** (the coordinator's only): calls made for an area that holds the municipality
  (the regional or social fund's programme region or national programme, an Interreg
  programme area, the county) that no priority took, open or coming or without dates, each
  shown once, at most :data:`OWN_AREA_MAX`;
- a one-line note when a source failed in the last seven days, and the coordinator's note
  when the priorities file is invalid and the last valid version is in use.

Calls marked *not-relevant* for the department (or for every department) never appear.
Nothing here writes to the database; :mod:`notifier.build` stores what was shown.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import sqlite_utils

from db import digest_facts as facts
from db.calls import shown_id
from db.crawl_runs import last_runs
from db.jsonl import guess_language
from db.marks import count_marks_since, current_marks, hidden_call_ids, marks_by_scope
from db.matches import included_matches, own_area_unincluded
from db.records import Match
from db.status import (
    PRELIMINARY,
    derive_status,
    has_window,
    is_rolling,
    next_deadline,
    planned_dates,
    window,
)
from notifier.safety import PASSAGE_MAX, TITLE_MAX, safe_url, shorten
from notifier.swedish import (
    days_left,
    format_amount,
    format_date,
    format_days_left,
    format_opening,
)
from notifier.weeks import week_monday, week_number
from priorities import Priorities

COORDINATOR = "_samordnare"  # not a valid department id: the coordinator's own digest
COORDINATOR_NAME = "EU-samordnaren"
CLOSING_DAYS = 30
WATCH_MAX = 5  # calls without a known window: a short list, apart from the new calls
# Calls for the municipality's own area that no priority took (the coordinator's digest).
OWN_AREA_MAX = 8
REMINDER_DAYS = (30, 7)
# Facts for the coordinator's `eufunds show`, not the digest: who may apply has its own line;
# how the score was made (research programme, rank among priorities, marks) is not news.
SHOW_ONLY_FACTS = (
    "sökande",
    "söktermer",
    "forskningsprogram",
    "rangordning",
    "markeringar",
    "beskrivning",
)
# Facts of a pair, not of its call: a call no priority took is shown without them.
PAIR_FACTS = ("inga gemensamma ord", "utanför EU")
# A passing status check says what the lines for the opening date and the deadline above it
# say ("Kommande: öppnar 2027-05-13"); the conditions line leaves it out. A status that is
# not a pass is kept: it is news.
SAID_ABOVE = ("status",)
REMINDER_MARKS = ("interested", "applying")
CHANGE_KINDS = ("opened", "deadline_changed", "closed", "reopened")
HEALTH_WINDOW = timedelta(days=7)
# Source keys as readers know the sources; an unknown key is shown as it is.
SOURCE_NAMES = {
    "sedia": "EU:s Funding & Tenders-portal",
    "vinnova": "Vinnova",
    "tillvaxtverket": "Tillväxtverket",
    "esf": "Svenska ESF-rådet",
    "interreg": "Interreg",
    "interreg_bsr": "Interreg Östersjöregionen",
    "feeds": "bevakade nyhetsflöden",
    "import": "importerad fil",
}
SAME_SOURCE = "samma källa, annan sida"
# Who may apply: the matcher quotes up to 240 characters of the call's sentence after a lead-in
# ("Offentliga aktörer nämns: "); the quote is cut around the words it was chosen for, so the
# digest shows it whole rather than cut again before them.
APPLICANTS_MAX = 320

ELIGIBILITY_TEXT = {
    "pass": "Uppfyller villkoren",
    "fail": "Uppfyller inte villkoren",
    "unknown": "Oklart om villkoren uppfylls",
}
MARK_TEXT = {"interested": "intresserad", "applying": "söker"}
BUDGET_TEXT = {"per_project": "per projekt", "call_total": "totalt i utlysningen"}
NO_APPLICANTS = "Vem som kan söka framgår inte"


@dataclass
class DigestItem:
    """One call as a digest shows it, already formatted in Swedish."""

    call_id: str
    title: str
    url: str | None
    programme: str | None
    opening: str | None
    deadline: str | None
    deadline_text: str  # the deadline, "löpande" or "inte angiven"
    days_left: int | None
    days_left_text: str | None
    budget: str | None
    score: float
    label: str | None
    target_kind: str  # priority | goal
    target_text: str  # the priority's title or the board goal's text
    priority_title: str
    passage: str
    eligibility: str  # pass | fail | unknown
    eligibility_text: str
    eligibility_reasons: list[str]
    applicants: str | None = None  # who may apply, in words ("Kommuner kan söka")
    also_at: list[tuple[str, str]] = field(default_factory=list)  # (source name, link)
    departments: list[str] = field(default_factory=list)  # names, in the coordinator's digest
    notes: list[str] = field(default_factory=list)  # change texts or the reminder text
    lang: str | None = None  # the call's language when it is not Swedish ("en"): HTML lang
    mark: str | None = None  # the department's answer in force (a mark), if any
    # The source gives the dates as planned ("preliminärt" beside them), and the planned
    # opening as it words it when it names no date ("februari 2027").
    preliminary: bool = False
    planned_opening: str | None = None
    shown_id: str = ""  # the short id the command line lists (the key before it has one)
    # The source gives a title and fields only (interreg.eu): the passage is those fields, and
    # the digest says that the match rests on them rather than quoting them as a reason.
    undescribed: bool = False


@dataclass
class Digest:
    """The content of one digest before rendering."""

    department: str
    department_name: str
    municipality: str
    iso_week: str
    today: date
    recipients: list[str]
    new: list[DigestItem]
    more_new: int  # new calls left out by max_items
    overflow: list[str]  # their ids: counted as offered, so not "new" again next week
    watch: list[DigestItem]  # matched calls whose source gives no window
    more_watch: int  # left out by WATCH_MAX (offered in a later week)
    changes: list[DigestItem]
    closing: list[DigestItem]
    reminders: list[DigestItem]
    reminder_keys: list[tuple[str, str, int]]  # (call_id, deadline, threshold) to record
    source_note: str | None
    warning: str | None
    priorities_version: str | None
    coordinator: list[str] = field(default_factory=list)  # the coordinator's addresses
    answers_this_week: int = 0  # marks made this week (the coordinator's summary)
    # The coordinator's: calls for the municipality's own area that no priority took, and
    # how many more there are (offered in a later week).
    own_area: list[DigestItem] = field(default_factory=list)
    more_own_area: int = 0

    @property
    def week_number(self) -> int:
        """The ISO week number shown in the subject."""
        return week_number(self.iso_week)

    @property
    def is_coordinator(self) -> bool:
        """True for the EU coordinator's overview digest."""
        return self.department == COORDINATOR

    @property
    def new_count(self) -> int:
        """New calls this week, listed or not (the subject's count)."""
        return len(self.new) + self.more_new

    @property
    def closing_count(self) -> int:
        """Calls anywhere in this digest whose next deadline is within :data:`CLOSING_DAYS`
        (the summary's count): a new call that closes in nine days counts, although the
        closing-soon section leaves it out so as not to list it twice."""
        items = [*self.new, *self.reminders, *self.changes, *self.closing]
        closing = [i for i in items if i.days_left is not None and i.days_left <= CLOSING_DAYS]
        return len({i.call_id for i in closing if i.days_left is not None and i.days_left >= 0})

    @property
    def items(self) -> list[DigestItem]:
        """Every item the digest shows, section by section in the order shown (a call can
        stand in two sections: a reminder and closing soon are not the same news)."""
        return [
            *self.reminders,
            *self.new,
            *self.watch,
            *self.own_area,
            *self.changes,
            *self.closing,
        ]

    @property
    def answerable(self) -> list[DigestItem]:
        """The calls the digest asks the department about, each once, in the order it numbers
        them: the new calls shown, then the calls to watch, then (the coordinator's) those for
        the municipality's own area, then those closing soon. A department without answer
        links replies with these numbers ("5 är intressant")."""
        shown: dict[str, DigestItem] = {}
        for item in [*self.new, *self.watch, *self.own_area, *self.closing]:
            shown.setdefault(item.call_id, item)
        return list(shown.values())

    @property
    def numbers(self) -> dict[str, int]:
        """Call id -> the number the digest gives it (:attr:`answerable`)."""
        return {item.call_id: n for n, item in enumerate(self.answerable, start=1)}

    @property
    def answers_wanted(self) -> int:
        """Calls shown this week that the department has not answered (no mark in force)."""
        return sum(1 for i in self.answerable if i.mark is None)

    def section_ids(self) -> dict[str, list[str]]:
        """Call ids per section, in the order shown; ``numbered``: the calls in the order
        the digest numbers them, what a department's "nr 5" means."""
        return {
            "new": [i.call_id for i in self.new],
            "watch": [i.call_id for i in self.watch],
            "own_area": [i.call_id for i in self.own_area],
            "change": [i.call_id for i in self.changes],
            "closing": [i.call_id for i in self.closing],
            "reminder": [i.call_id for i in self.reminders],
            "overflow": list(self.overflow),
            "numbered": [i.call_id for i in self.answerable],
        }


def collect_digest(
    db: sqlite_utils.Database,
    priorities: Priorities,
    department: str,
    week: str,
    today: date,
    *,
    now: str,
    warning: str | None = None,
    priorities_version: str | None = None,
) -> Digest:
    """Gather one digest's content for ``department`` (or :data:`COORDINATOR`) and ``week``.

    ``today`` decides statuses and days left; ``now`` (UTC ISO) bounds the changes and the
    source-health window. Raises KeyError for a department the priorities file lacks.
    """
    coordinator = department == COORDINATOR
    name, recipients = _audience(priorities, department)
    return Digest(
        department=department,
        department_name=name,
        municipality=str(priorities.municipality),
        iso_week=week,
        today=today,
        recipients=recipients,
        **_sections(db, priorities, department, week, today, now),
        source_note=_source_note(db, now),
        warning=warning if coordinator else None,
        priorities_version=priorities_version,
        coordinator=list(priorities.coordinator or []),
        answers_this_week=(
            count_marks_since(db, week_monday(week).isoformat()) if coordinator else 0
        ),
    )


def _sections(
    db: sqlite_utils.Database,
    priorities: Priorities,
    department: str,
    week: str,
    today: date,
    now: str,
) -> dict[str, Any]:
    """The digest's calls as :class:`Digest` fields: new (with the count and ids of those
    past ``max_items``), watch, changes, closing soon, reminders and (the coordinator's) the
    calls for the municipality's own area."""
    coordinator = department == COORDINATOR
    titles = _target_texts(priorities)
    dept_names = {d.id: d.name for d in priorities.departments}
    max_items = int(priorities.digest.max_items)

    hidden = hidden_call_ids(db, None if coordinator else department)
    calls = _matched_calls(db, None if coordinator else department, titles, hidden, today)
    shown_before = facts.shown_before(db, department, week)
    previous_built_at = facts.previous_built_at(db, department, week)

    marks = {} if coordinator else {c: m.mark for c, m in current_marks(db, department).items()}

    def item(best: Match, row: dict[str, Any], quoted: bool = True) -> DigestItem:
        names = dept_names if coordinator else {}
        entry = _item(best, row, titles, names, today, quoted=quoted)
        entry.mark = marks.get(entry.call_id)
        return entry

    fresh, undated = _unseen(calls, shown_before, today)
    new = [item(m, r) for m, r in fresh[:max_items]]
    new_ids = {i.call_id for i in new}
    watch = [item(m, r, quoted=False) for m, r in undated[:WATCH_MAX]]

    changes: list[DigestItem] = []
    if previous_built_at is not None:
        seen = shown_before["any"] - hidden
        texts = _changes(db, seen, previous_built_at, now)
        changes = _change_items(db, texts, calls, item, today)

    reminders, reminder_keys = _reminders(
        db, department, coordinator, calls, hidden, titles, dept_names, today
    )
    # A call already shown as new or as a reminder is not repeated under closing soon.
    shown_now = new_ids | {i.call_id for i in reminders}
    closing = _closing(calls, shown_now, item, today)[:max_items]
    return {
        "new": new,
        "more_new": max(0, len(fresh) - len(new)),
        "overflow": [m.call_id for m, _ in fresh[max_items:]],
        "watch": watch,
        "more_watch": max(0, len(undated) - len(watch)),
        **(_own_area(db, hidden | shown_before["own_area"], titles, today) if coordinator else {}),
        "changes": changes,
        "closing": closing,
        "reminders": reminders,
        "reminder_keys": reminder_keys,
    }


def _audience(priorities: Priorities, department: str) -> tuple[str, list[str]]:
    """The digest's reader and recipients; KeyError for a department the file lacks."""
    if department == COORDINATOR:
        return COORDINATOR_NAME, list(priorities.coordinator or [])
    dept = priorities.department(department)
    return dept.name, list(dept.contacts or [])


def _unseen(
    calls: list[tuple[Match, dict[str, Any]]], shown_before: dict[str, set[str]], today: date
) -> tuple[list[tuple[Match, dict[str, Any]]], list[tuple[Match, dict[str, Any]]]]:
    """Matched calls no earlier digest offered: those with a known window (new) and those
    without (to watch). ``shown_before`` counts an offer of a record that is now a twin for
    its primary (:func:`db.digest_facts.shown_before`)."""
    fresh = [
        (m, r) for m, r in calls if _plannable(r, today) and m.call_id not in shown_before["new"]
    ]
    offered = shown_before["new"] | shown_before["watch"]
    undated = [(m, r) for m, r in calls if not _plannable(r, today) and m.call_id not in offered]
    return fresh, undated


def _own_area(
    db: sqlite_utils.Database,
    left_out: set[str],
    titles: dict[str, tuple[str, str, str]],
    today: date,
) -> dict[str, Any]:
    """The coordinator's calls for the municipality's own area as :class:`Digest` fields:
    those shown (at most :data:`OWN_AREA_MAX`) and how many more there are."""
    found = _own_area_calls(db, left_out, today)
    return {
        "own_area": [_own_area_item(m, r, titles, today) for m, r in found[:OWN_AREA_MAX]],
        "more_own_area": max(0, len(found) - OWN_AREA_MAX),
    }


def _own_area_calls(
    db: sqlite_utils.Database, left_out: set[str], today: date
) -> list[tuple[Match, dict[str, Any]]]:
    """Calls made for an area that holds the municipality (:attr:`Match.for_own_area`: its
    programme region, an Interreg programme area, its county) that no priority took, with
    the best match the matcher found for each, soonest deadline first. Only calls (no twins)
    the eligibility check did not fail, open or coming with a known window, or without
    dates; none of ``left_out`` (hidden by a mark, or offered before)."""
    found = {
        m.call_id: m
        for m in own_area_unincluded(db)
        if m.eligibility != "fail" and m.call_id not in left_out
    }
    rows = facts.calls_by_id(db, found)
    result = []
    for call_id, match in found.items():
        row = rows.get(call_id)
        if row is None or not _is_own_call(row) or _status(row, today) == "closed":
            continue
        if _plannable(row, today) or not _has_window(row):
            result.append((match, row))
    result.sort(key=lambda mr: (_next_deadline(mr[1], today) or "9999", mr[1]["title"] or ""))
    return result


def _own_area_item(
    match: Match, row: dict[str, Any], titles: dict[str, tuple[str, str, str]], today: date
) -> DigestItem:
    """A call for the municipality's own area as the coordinator's digest shows it: no
    priority and no quote (none took it); a note says whose area it is for and which
    priority came nearest."""
    entry = _item(match, row, titles, {}, today)
    nearest = titles.get(match.target_id, ("", "", ""))[2]
    entry.score, entry.label, entry.target_text, entry.passage = 0.0, None, "", ""
    entry.eligibility_reasons = _reasons(match, entry.eligibility, (*PAIR_FACTS, "region"))
    area = next(str(f.get("reason") or "") for f in match.eligibility_facts if f.get("area"))
    entry.notes = [
        shorten(area, 200),
        f"Ingen prioritering tog den{f'; närmast: {nearest}' if nearest else ''}.",
    ]
    return entry


def _change_items(
    db: sqlite_utils.Database,
    texts: dict[str, list[str]],
    calls: list[tuple[Match, dict[str, Any]]],
    item: Callable[[Match, dict[str, Any]], DigestItem],
    today: date,
) -> list[DigestItem]:
    """The changed calls as items, each with its change texts."""
    by_call = {m.call_id: (m, r) for m, r in calls}
    changes = []
    for call_id, notes in texts.items():
        if call_id in by_call:
            entry = item(*by_call[call_id])
        else:
            # Seen before but no longer matched (closed, or rescored): still report it.
            row = facts.call_row(db, call_id)
            if row is None or not _is_own_call(row):
                continue
            entry = _bare_item(row, today)
        entry.notes = notes
        changes.append(entry)
    return changes


def _closing(
    calls: list[tuple[Match, dict[str, Any]]],
    shown_now: set[str],
    item: Callable[[Match, dict[str, Any]], DigestItem],
    today: date,
) -> list[DigestItem]:
    """Matched calls whose next deadline is within :data:`CLOSING_DAYS`, soonest first."""
    closing = []
    for m, r in sorted(calls, key=lambda mr: (_next_deadline(mr[1], today) or "", -mr[0].score)):
        left = days_left(_next_deadline(r, today), today)
        if left is not None and 0 <= left <= CLOSING_DAYS and m.call_id not in shown_now:
            closing.append(item(m, r))
    return closing


def _lang(row: dict[str, Any]) -> str | None:
    """The call's language as an HTML ``lang`` when it is not Swedish (None for Swedish)."""
    try:
        languages = json.loads(row.get("languages") or "[]")
    except ValueError:
        languages = []
    first = languages[0] if isinstance(languages, list) and languages else None
    if not isinstance(first, str) or not first:
        first = guess_language(f"{row.get('title') or ''} {row.get('description') or ''}")
    if not first or first == "sv" or not first.isalpha() or len(first) > 3:
        return None
    return first.lower()


def _target_texts(priorities: Priorities) -> dict[str, tuple[str, str, str]]:
    """target id -> (kind, text shown, the priority's title)."""
    texts: dict[str, tuple[str, str, str]] = {}
    for priority in priorities.priorities:
        texts[priority.id] = ("priority", priority.title, priority.title)
        for goal in priority.goals or []:
            texts[goal.id] = ("goal", goal.text, priority.title)
    return texts


def _next_deadline(row: dict[str, Any], today: date) -> str | None:
    return next_deadline(json.loads(row["deadlines"] or "[]"), today)


def _extra(row: dict[str, Any]) -> dict[str, Any]:
    try:
        extra = json.loads(row.get("extra") or "{}")
    except ValueError:
        return {}
    return extra if isinstance(extra, dict) else {}


def _rolling(row: dict[str, Any]) -> bool:
    """Open until further notice ("löpande"), as the source says."""
    return is_rolling(_extra(row))


def _status(row: dict[str, Any], today: date) -> str:
    """The status from the dates (:mod:`db.status`, as everywhere)."""
    deadlines = json.loads(row["deadlines"] or "[]")
    return derive_status(
        row["opening_date"], deadlines, today, row["status_hint"], **window(_extra(row))
    )


def _has_window(row: dict[str, Any]) -> bool:
    """A deadline, an opening date, or open until further notice: a reader can plan."""
    return has_window(row["opening_date"], json.loads(row["deadlines"] or "[]"), _rolling(row))


def _plannable(row: dict[str, Any], today: date) -> bool:
    """Open or forthcoming with a known window: may be offered as new. An opening date in
    the past without a deadline leaves it unknown whether the call is still open."""
    return _has_window(row) and _status(row, today) in ("open", "forthcoming")


def _is_own_call(row: dict[str, Any]) -> bool:
    """A call (not news, a programme page or an offer for individuals), and not a twin of
    another source's record of the same call (the primary record is shown instead)."""
    return (row.get("kind") or "call") == "call" and not row.get("twin_of")


def _matched_calls(
    db: sqlite_utils.Database,
    department: str | None,
    titles: dict[str, tuple[str, str, str]],
    hidden: set[str],
    today: date,
) -> list[tuple[Match, dict[str, Any]]]:
    """The best included match per call for the department, strongest first.

    Matches of priorities no longer in the file, records that are not calls, twins, calls
    closed by now, calls the eligibility gate failed and calls marked not-relevant are left
    out (the matcher scores only calls; this also holds for matches stored before a record
    was found to be news or a twin).
    """
    best: dict[str, Match] = {}
    for match in included_matches(db, department):
        if match.target_id not in titles or match.call_id in hidden:
            continue
        if match.call_id not in best:  # rows come strongest first
            best[match.call_id] = match
    rows = facts.calls_by_id(db, best)
    result = []
    for call_id, match in best.items():
        row = rows.get(call_id)
        if row is None or not _is_own_call(row) or match.eligibility == "fail":
            continue
        if _status(row, today) == "closed":
            continue
        result.append((match, row))
    result.sort(key=lambda mr: (-mr[0].score, mr[0].call_id))
    return result


def _changes(
    db: sqlite_utils.Database, seen: set[str], since: str, until: str
) -> dict[str, list[str]]:
    """Swedish lines for the typed changes of seen calls detected in (since, until]."""
    texts: dict[str, list[str]] = {}
    if not seen:
        return texts
    for row in facts.changes_between(db, CHANGE_KINDS, since, until):
        if row["call_id"] in seen:
            texts.setdefault(row["call_id"], []).append(
                change_text(row["kind"], row["old"], row["new"])
            )
    return texts


def change_text(kind: str, old: str | None, new: str | None) -> str:
    """A typed change in Swedish, for the reader."""
    if kind == "opened":
        return "Utlysningen har öppnat för ansökningar."
    if kind == "reopened":
        return "Utlysningen har öppnat igen."
    if kind == "closed":
        return "Utlysningen har stängt."
    if kind == "deadline_changed":
        before = _last(old)
        after = _last(new)
        if before and after:
            return (
                f"Sista ansökningsdag ändrad från {format_date(before)} till {format_date(after)}."
            )
        if after:
            return f"Sista ansökningsdag satt till {format_date(after)}."
        return "Sista ansökningsdag har tagits bort eller är inte längre känd."
    return "Utlysningen har ändrats."


def _last(deadlines_json: str | None) -> str | None:
    try:
        values = json.loads(deadlines_json or "[]")
    except ValueError:
        return None
    return max(values) if values else None


# The sentence a fact quotes ("Offentliga aktörer nämns: "…""), and a text's words.
_QUOTED = re.compile(r': "([^"]*)"')
_WORDS = re.compile(r"[^\W\d_]+")
SAME_QUOTE_WORDS = 8  # a shorter quote may well stand in the passage by chance


def _not_quoted_twice(reason: str, passage: str) -> str:
    """A fact's reason without its quote when the item's passage already says it ("Offentliga
    aktörer nämns – se citatet ovan"): a call whose best passage names who may apply would
    otherwise show the same sentence twice."""
    quoted = _QUOTED.search(reason)
    if not quoted:
        return reason
    words, said = (" ".join(_WORDS.findall(t.lower())) for t in (quoted[1], passage))
    if len(words.split()) < SAME_QUOTE_WORDS or words not in said:
        return reason  # short, or saying more than the passage shows: quoted as it stands
    return reason[: quoted.start()] + " – se citatet ovan" + reason[quoted.end() :]


def _item(
    match: Match,
    row: dict[str, Any],
    titles: dict[str, tuple[str, str, str]],
    dept_names: dict[str, str],
    today: date,
    *,
    quoted: bool = True,
) -> DigestItem:
    """One matched call; ``quoted`` when its section shows the quote (the watch list does
    not, so its applicant line does not point to a quote above)."""
    base = _bare_item(row, today)
    kind, text, priority_title = titles.get(match.target_id, ("priority", match.target_id, ""))
    base.score = match.score
    base.label = match.label
    base.target_kind = kind
    base.target_text = shorten(text, PASSAGE_MAX)
    base.priority_title = priority_title
    base.passage = shorten(match.passage, PASSAGE_MAX)
    base.undescribed = any(f.get("check") == "beskrivning" for f in match.eligibility_facts)
    if base.undescribed and match.passage.strip() == str(row.get("title") or "").strip():
        base.passage = ""  # no fields either: the quote would be the title again
    base.eligibility = match.eligibility if match.eligibility in ELIGIBILITY_TEXT else "unknown"
    base.eligibility_text = ELIGIBILITY_TEXT[base.eligibility]
    # Who may apply has its own line; the other facts explain the overall result.
    reason = match.applicants_fact
    if reason:
        reason = _not_quoted_twice(reason, base.passage) if quoted else reason
        base.applicants = shorten(reason, APPLICANTS_MAX).rstrip(".")
    else:
        base.applicants = NO_APPLICANTS
    base.eligibility_reasons = _reasons(match, base.eligibility)
    base.departments = [dept_names.get(d, d) for d in match.departments] if dept_names else []
    return base


def _reasons(match: Match, eligibility: str, leave_out: tuple[str, ...] = ()) -> list[str]:
    """The conditions line's reasons: the facts that explain the overall result (a pass's
    reasons only when all passed), not those ``eufunds show`` keeps for itself, at most three;
    none of the checks ``leave_out``."""
    return [
        shorten(str(fact.get("reason") or ""), 200).rstrip(".")
        for fact in match.eligibility_facts
        if fact.get("reason")
        and fact.get("check") not in (*SHOW_ONLY_FACTS, *leave_out)
        and not (fact.get("check") in SAID_ABOVE and fact.get("result") == "pass")
        and (fact.get("result") != "pass" or eligibility == "pass")
    ][:3]


def _bare_item(row: dict[str, Any], today: date) -> DigestItem:
    """A call without match details (a change to a call no longer matched)."""
    deadline = _next_deadline(row, today) or row.get("deadline")
    left = days_left(deadline, today)
    shown_deadline = format_date(deadline)
    deadline_text = shown_deadline or ("löpande" if _rolling(row) else "inte angiven")
    preliminary, planned_opening = planned_dates(_extra(row))
    left_text = format_days_left(left)
    if preliminary:
        left_text = left_text and shown_deadline and f"{PRELIMINARY}, {left_text}"
    return DigestItem(
        call_id=row["id"],
        title=shorten(row["title"], TITLE_MAX) or row["id"],
        url=safe_url(row.get("url")),
        programme=shorten(row.get("programme"), 120) or None,
        # A planned month alone has its own line under Bevaka (planned_opening).
        opening=format_opening(row.get("opening_date"), preliminary),
        deadline=shown_deadline,
        deadline_text=deadline_text,
        days_left=left,
        days_left_text=left_text,
        preliminary=preliminary,
        planned_opening=shorten(planned_opening, 40) if planned_opening else None,
        shown_id=shown_id(row),
        budget=_budget(row),
        score=0.0,
        label=None,
        target_kind="",
        target_text="",
        priority_title="",
        passage="",
        eligibility="unknown",
        eligibility_text="",
        eligibility_reasons=[],
        applicants=None,
        also_at=_also_at(row),
        lang=_lang(row),
    )


def _budget(row: dict[str, Any]) -> str | None:
    """The amount with what it means: per project, or for the whole call."""
    amount = format_amount(row.get("budget"), row.get("currency"))
    if amount is None:
        return None
    meaning = BUDGET_TEXT.get(row.get("budget_kind") or "")
    return f"{amount} {meaning}" if meaning else f"{amount} (oklart om per projekt eller totalt)"


def _also_at(row: dict[str, Any]) -> list[tuple[str, str]]:
    """The same call's links at other sources (``extra["also_at"]``), safe links only."""
    links = _extra(row).get("also_at")
    result: list[tuple[str, str]] = []
    if not isinstance(links, list):
        return result
    for link in links:
        if not isinstance(link, dict):
            continue
        url = safe_url(link.get("url"))
        if url and url != safe_url(row.get("url")) and url not in {u for _, u in result}:
            source = str(link.get("source") or "")
            if source and source == row.get("source"):
                result.append((SAME_SOURCE, url))  # the same page under another link
            else:
                result.append((SOURCE_NAMES.get(source, source) or "annan källa", url))
    return result


def _reminders(
    db: sqlite_utils.Database,
    department: str,
    coordinator: bool,
    calls: list[tuple[Match, dict[str, Any]]],
    hidden: set[str],
    titles: dict[str, tuple[str, str, str]],
    dept_names: dict[str, str],
    today: date,
) -> tuple[list[DigestItem], list[tuple[str, str, int]]]:
    """Deadline reminders due for calls marked interested or applying.

    A department is reminded of calls marked for it, and of calls marked for everyone that
    match its priorities; the coordinator of every marked call. A threshold (30 or 7 days)
    is due once the deadline is that close and it was not reminded for that deadline yet.
    """
    matched = {m.call_id: (m, r) for m, r in calls}
    marked: dict[str, str] = {}
    for (call_id, dept), latest in marks_by_scope(db).items():
        if latest.mark not in REMINDER_MARKS or call_id in hidden:
            continue
        if coordinator or dept == department or (dept is None and call_id in matched):
            marked.setdefault(call_id, latest.mark)
    if not coordinator:
        own = {c: m.mark for c, m in current_marks(db, department).items()}
        marked = {c: own.get(c, m) for c, m in marked.items() if own.get(c, m) in REMINDER_MARKS}
    done = facts.reminders_sent(db, department)
    items: list[DigestItem] = []
    keys: list[tuple[str, str, int]] = []
    for call_id in sorted(marked):
        row = matched[call_id][1] if call_id in matched else facts.call_row(db, call_id)
        if row is None:
            continue
        deadline = _next_deadline(row, today)
        left = days_left(deadline, today)
        if deadline is None or left is None or left < 0:
            continue
        due = [t for t in REMINDER_DAYS if left <= t and (call_id, deadline, t) not in done]
        if not due:
            continue
        if call_id in matched:
            entry = _item(*matched[call_id], titles, dept_names if coordinator else {}, today)
        else:
            entry = _bare_item(row, today)
        entry.notes = [
            f"Påminnelse: {format_days_left(left)} till sista ansökningsdag "
            f"{format_date(deadline)} (markerad som {MARK_TEXT[marked[call_id]]})."
        ]
        items.append(entry)
        keys.extend((call_id, deadline, t) for t in due)
    items.sort(key=lambda i: (i.days_left if i.days_left is not None else 9999, i.call_id))
    return items, keys


def _source_note(db: sqlite_utils.Database, now: str) -> str | None:
    """One line naming the sources whose latest run in the last seven days failed, and those
    whose run was cut by its time limit (partial: what it reached is stored, the rest comes
    next run)."""
    since = (datetime.fromisoformat(now) - HEALTH_WINDOW).isoformat()
    failed: list[str] = []
    partial: list[str] = []
    for row in last_runs(db, since=since, until=now):
        if row["partial"]:
            partial.append(row["source"])
        elif not row["ok"]:
            failed.append(row["source"])
    notes = []
    if failed:
        names = ", ".join(SOURCE_NAMES.get(source, source) for source in failed)
        notes.append(
            f"Obs: den senaste insamlingen från {names} misslyckades; "
            "utlysningar därifrån kan saknas eller vara inaktuella i detta brev."
        )
    if partial:
        names = ", ".join(SOURCE_NAMES.get(source, source) for source in partial)
        notes.append(
            f"Obs: insamlingen från {names} hann inte bli klar; det som hann hämtas finns med "
            "och resten hämtas vid nästa insamling."
        )
    return " ".join(notes) or None
