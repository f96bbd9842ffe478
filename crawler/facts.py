"""Facts every call record carries, read from its own words: what it is, when it is open,
who may apply and what its budget means.

Sources state these facts in prose as often as in fields: a feed entry says "Deadline: 12
March 2026", a Swedish page "Vem kan söka? Kommuner och regioner", an old programme page
describes a fund rather than a call. The readers are pure functions, one module for each
fact (:mod:`crawler.kinds`, :mod:`crawler.applicants`, :mod:`crawler.budget`,
:mod:`crawler.prose_dates`); :func:`complete` applies them to a :class:`db.records.Call`
before it is stored.

Structured fields always win: text only fills what the source left empty, so a parser's
mistake can never overwrite what an API said.
"""

from __future__ import annotations

import re
from dataclasses import replace

from crawler.applicants import (
    applicant_facts,
    applicants_passage,
    title_audience,
    who_words,
)
from crawler.budget import budget_kind, budget_sentence
from crawler.kinds import first_line, record_kind
from crawler.prose_dates import dates_from_text, says_ended
from db.records import Call
from db.status import listed_closed, named_year_facts, planned_dates, title_spring


def complete(call: Call, *, classify: bool = True) -> Call:
    """``call`` with its kind, applicant types, budget meaning and missing dates filled in
    from its own text (the same object, changed in place, is returned).

    - kind: a spider that set something other than "call" knows better; otherwise
      :func:`record_kind` reads title and text (with the feed categories and the link as
      hints). Not with ``classify=False`` (:func:`complete_listed_call`).
    - applicant types: from ``applicants`` (the source's who-may-apply words), else from the
      sentences of the description that speak of who may apply; ``extra["applicants_only"]``
      when the words limit them ("endast företag": any other type is excluded) and
      ``extra["applicants_excluded"]`` for types a negation names. Without "only", a type
      missing from the list is unknown, not excluded. Words that say who may apply but name
      no known type (under a who-may-apply heading, or a Swedish sentence whose subject
      applies) are kept in ``extra["applicants_section"]``.
    - budget kind: from the sentence that states the budget.
    - dates: structured fields always win; the text fills only an opening date or deadline
      the source did not give, a year-less text date takes its year from ``published``; a
      rolling call ("löpande") gets no deadline from the text but ``extra["rolling"]``. The
      fields filled from text are listed in ``extra["dates_from_text"]``; a text that says
      the call ended sets ``extra["ended_in_text"]`` and, without any date, the status hint
      "closed". The latest year the title names is ``extra["named_year"]``: without dates the
      call is closed once that year is well past (:func:`db.status.title_year`), or once
      its spring is when the title names that spring (``extra["named_spring"]``); a title
      without a year takes the year the text gives its round ("ansökningsomgången hösten
      2014", :func:`db.status.text_round_year`; ``extra["named_in_text"]``), and a call
      whose title and text name none and that has no opening date, given or planned, the
      year of the number its source registered it under (Vinnova's diarienummer in its address,
      :func:`db.status.registered_year`; ``extra["named_by_number"]``). The date a
      source's list of calls gives a call it does not show as open is
      ``extra["listed_closed"]`` (:func:`db.status.listed_closed`): without dates the call is
      closed after it.
    Calling it again on its result changes nothing.
    """
    text = call.description or ""
    whole = f"{call.title}\n{text}"
    if classify and call.kind == "call":
        call.kind = record_kind(call.title, text, hints=_kind_hints(call))
    if not call.applicant_types:
        _fill_applicant_types(call, text)
    if call.budget is not None and call.budget_kind is None:
        sentence = budget_sentence(text, call.budget) or ""
        call.budget_kind = budget_kind(sentence) or budget_kind(text)
    _fill_dates(call, whole)
    _named_year(call, text)
    if (listed := listed_closed(call.url, call.extra.get("title_en"))) is not None:
        call.extra["listed_closed"] = listed  # closes a call without dates after it (db.status)
    else:
        call.extra.pop("listed_closed", None)
    if says_ended(whole) and not call.extra.get("rolling"):
        call.extra["ended_in_text"] = True
        if not call.deadlines and call.status_hint is None:
            call.status_hint = "closed"
    if call.extra.get("rolling") and call.status_hint is None and not says_ended(whole):
        # The source says applications are taken continuously: open once it has opened.
        call.status_hint = "open"
    return call


def _named_year(call: Call, text: str) -> None:
    """The year a call's title names (else the year its text gives its own round, else the
    year of its source's number for it), and whether the title names it only as a spring: a
    call without dates closes after it (:mod:`db.status`)."""
    dated = planned_dates(call.extra)[0] or bool(call.extra.get("announced") or call.opening_date)
    facts = named_year_facts(call.title, text, call.url, by_number=not dated)
    facts["named_spring"] = title_spring(call.title) or None  # that year's spring
    for key, value in facts.items():
        if value is None:
            call.extra.pop(key, None)
        else:
            call.extra[key] = value


def complete_listed_call(call: Call) -> Call:
    """:func:`complete` for a record a file lists as a call to rank (``eufunds rank`` and
    ``eval``): the same facts as an imported or crawled call, but its kind is not changed, so
    that every line of the file gets its rows. The kind an import would read (a cascade
    offer of scholarships is ``offer_individuals``) is kept in ``extra["listed_kind"]``
    when it is not "call": such a record is ranked but never in a digest, as after an
    import."""
    complete(call, classify=False)
    kind = record_kind(call.title, call.description or "", hints=_kind_hints(call))
    if call.kind == "call" and kind != "call":
        call.extra["listed_kind"] = kind
    else:
        call.extra.pop("listed_kind", None)
    return call


# A project's open call (cascade funding) as an imported file names it: its programme ("Horizon
# Europe (cascade funding)") or its page on the portal.
_CASCADE_RECORD = re.compile(r"\(cascade funding\)|/competitive-calls-cs/", re.IGNORECASE)


def _kind_hints(call: Call) -> list[str]:
    """What besides title and text tells a record's kind: feed categories, the portal's
    record type and the link."""
    hints = [str(c) for c in call.extra.get("categories") or []]
    if call.extra.get("type"):
        hints.append(str(call.extra["type"]))  # the portal's record type ("cascade")
    elif _CASCADE_RECORD.search(f"{call.programme or ''} {call.url or ''}"):
        hints.append("cascade")  # an imported record of a project's open call
    if call.url:
        hints.append(call.url)
    return hints


def _fill_applicant_types(call: Call, text: str) -> None:
    """The applicant types from the source's who-may-apply words, else from the text or
    the title; whether the words limit them ("only") and the types they exclude."""
    audience = title_audience(call.title)
    cascade = "cascade" in (h.lower() for h in _kind_hints(call))
    if audience is None and cascade:
        # A project's open call listed under its topic's title names itself, and whom it
        # funds, in its text's first line ("Funding for SMEs and start-ups investing in …").
        audience = title_audience(first_line(text))
    said = call.applicants or applicants_passage(text)
    facts = applicant_facts(said or audience or "")
    call.applicant_types = facts.types
    if cascade and facts.types and not said:
        # A project's open call (financial support to third parties) funds the group it
        # names and no other: its title's audience is whom it is for.
        facts = replace(facts, only=True)
    if not facts.types and not call.applicants and (section := who_words(text)):
        # Words that say who may apply but name no type this reading knows ("organisationer
        # inom vård och omsorg"): kept so that the check can quote them.
        call.extra["applicants_section"] = section
    if facts.only and facts.types:
        call.extra["applicants_only"] = True
    if facts.excluded:
        call.extra["applicants_excluded"] = facts.excluded


def _fill_dates(call: Call, whole: str) -> None:
    """An opening date and a deadline the source did not give, from the text (listed in
    ``extra["dates_from_text"]``), or ``extra["rolling"]`` for a call without deadlines."""
    opening, deadline, rolling = dates_from_text(whole, reference=call.published)
    filled: list[str] = list(call.extra.get("dates_from_text") or [])
    final = call.deadline
    if call.opening_date is None and opening and (final is None or opening <= final):
        call.opening_date = opening
        filled.append("opening")
    if rolling and not call.deadlines:
        call.extra["rolling"] = True
    elif (
        not call.deadlines
        and deadline
        and (call.opening_date is None or deadline >= call.opening_date)
    ):
        call.deadlines = [deadline]
        filled.append("deadline")
    if filled:
        call.extra["dates_from_text"] = sorted(set(filled))
