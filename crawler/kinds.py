"""What a crawled record is: a call, a programme page, news, or an offer for individuals.

Sources mix these in one list: a feed carries news beside calls, an agency's page describes a
fund, a project's open call offers scholarships to persons. :func:`record_kind` reads the
title, the text and the hints the source attaches (feed categories, the link, a portal
type); unsure means "call", since classifying a real call away hides it from everyone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from crawler.applicants import applicant_types, applicants_passage
from db.records import KINDS

# A hint is a word the source attaches structurally (a feed category, a section of the URL,
# a portal type). Exact kind names pass through; these words map onto kinds.
_HINT_KINDS = {
    "news": "news",
    "nyheter": "news",
    "nyhet": "news",
    "press release": "news",
    "pressmeddelande": "news",
    "event": "news",
    "events": "news",
    "evenemang": "news",
    "programme": "programme",
    "program": "programme",
    "fund": "programme",
    "offer_individuals": "offer_individuals",
}
_NEWS_PATH = re.compile(r"/(?:news|nyheter|nyhet|press|events?|evenemang|blog)/", re.I)

# Titles that report rather than invite: results, events, stories.
_NEWS_TITLE = re.compile(
    r"\b(?:results? of|winners?|selected|approved projects?|projects? approved|awarded|"
    r"share(?:s|d)? (?:their )?results|newsletter|interview|looking back|annual report|"
    r"celebrat\w*|resultat(?:et)? (?:av|från)|beviljade|har beviljat|fick stöd|nyhetsbrev|"
    r"tillbakablick|årsrapport)\b",
    re.IGNORECASE,
)
# An event announced as such ("Webinar: the fourth call explained", "Save the date"); a topic
# titled "Conferences, workshops and seminars" funds events and stays a call.
_EVENT_TITLE = re.compile(
    r"\s*(?:(?:webinar|seminar|conference|workshop|info ?day|infodag|event|"
    r"seminarium|konferens|webbinarium|informationsträff)\s*[:–-]|save the date\b)",
    re.IGNORECASE,
)
# Words that say a text invites applications; a text without any of them is not a call.
_CALL_WORDS = re.compile(
    r"\b(?:calls?\b|apply|applications?|applicants?|proposals?|deadline|submi\w+|"
    r"funding (?:round|opportunit)|grants? for|cut-?off|"
    r"utlysning\w*|ansök\w*|söka|sök\b|sökas|sökande|stöd till|ansökningsomgång\w*|"
    r"sista ansökningsdag)",
    re.IGNORECASE,
)
# A programme or fund page: names a programme period and does not speak of a call round.
_PROGRAMME_TITLE = re.compile(
    r"(?:programme?t?|programs?|fond(?:en)?|fund|strategi|strategy)\b",
    re.IGNORECASE,
)
_PROGRAMME_PERIOD = re.compile(r"\b(?:19|20)\d{2}\s*[-–—/]\s*(?:19|20)?\d{2}\b")
_CALL_TITLE = re.compile(
    r"\b(?:calls?|utlysning\w*|ansökningsomgång\w*|open(?:s|ing)?|öppnar|apply|ansök\w*|"
    r"round|omgång|topic|sök\w*)\b",
    re.IGNORECASE,
)
# Offers that only a person takes up: scholarships, internships, fellowships for students.
_INDIVIDUAL_TITLE = re.compile(
    r"\b(?:scholarships?|stipend(?:s|ium|ier)?|internships?|traineeships?|trainee|"
    r"praktik\w*|bursar(?:y|ies)|fellowships? for (?:students|individuals|young)|"
    r"(?:for|för) (?:students|studenter|privatpersoner|individuals|pupils|elever)|"
    r"student (?:grants?|exchange|competition|challenge)|studentstipend\w*)\b",
    re.IGNORECASE,
)
_INDIVIDUAL_TEXT = re.compile(
    r"\b(?:students? (?:can|may|are (?:invited|eligible)) (?:apply|to apply)|"
    r"(?:open|addressed|aimed) to (?:individual|students|graduates|young people)|"
    r"individuals? (?:can|may) apply|studenter kan söka|privatpersoner kan söka|"
    r"enskilda personer kan söka|scholarships?|internships?|traineeships?|stipendi\w+)\b",
    re.IGNORECASE,
)


# Persons named as the ones who apply ("students can apply", "privatpersoner kan söka").
_PERSONS_APPLY = re.compile(
    r"\b(?:students?|individuals?|graduates|natural persons|private persons|studenter|"
    r"privatpersoner|enskilda personer|doktorander)\b[^.]{0,40}\b(?:can apply|may apply|"
    r"are eligible|are invited to apply|kan söka|får söka)|"
    r"\bopen to (?:individuals|students|graduates)\b|\bindividual (?:students|applicants)\b",
    re.IGNORECASE,
)


def record_kind(title: str, text: str, *, hints: Iterable[str] = ()) -> str:
    """What a record is: one of :data:`db.records.KINDS` (call, programme, news,
    offer_individuals).

    ``hints`` are words the source attaches structurally (feed categories, the link, a
    portal type such as "cascade"): an exact kind name or a news/programme category decides;
    otherwise title and text do. Unsure means "call": classifying a real call away hides it
    from every department, whereas a doubtful record still shows its own words.
    """
    hints = [str(h).strip().lower() for h in hints]
    hint_kind = _kind_from_hints(hints)
    from_feed = "feed" in hints
    if hint_kind == "news" and not any(_HINT_KINDS.get(h) == "news" for h in hints):
        # Only the link says news ("/news/…"): a news-room page whose title announces a call
        # ("first call for project proposals") is the call's page, kept as a call.
        hint_kind = None if _CALL_TITLE.search(title) else "news"
    if hint_kind in ("news", "programme", "offer_individuals"):
        return hint_kind
    explicit_call = hint_kind == "call"
    # Offers for persons first: an internship offer is phrased as a call ("apply by ...").
    # A scholarship *scheme* run by consortia is a call for organisations: the title alone
    # does not decide; the portal's cascade type or persons named as applicants do.
    who = applicant_types(applicants_passage(text) or "")
    persons = who == ["individual"] or bool(_PERSONS_APPLY.search(text))
    cascade = "cascade" in hints
    # A project's open call listed under its topic's title names itself in its text's first
    # line ("AMU Scholarships for the internship of the Master 2 …"), unless its text names
    # organisations as its applicants ("SMEs hosting internships": a call for companies).
    organisations = [t for t in who if t != "individual"]
    own_title = cascade and not organisations and _INDIVIDUAL_TITLE.search(first_line(text))
    if (
        (_INDIVIDUAL_TITLE.search(title) and (persons or cascade))
        or own_title
        or (_INDIVIDUAL_TEXT.search(text) and who == ["individual"])
    ):
        return "offer_individuals"
    if explicit_call:
        return "call"
    if _NEWS_TITLE.search(title) or _EVENT_TITLE.match(title):
        return "news"
    if (
        _PROGRAMME_TITLE.search(title)
        and _PROGRAMME_PERIOD.search(title)
        and not _CALL_TITLE.search(title)
    ):
        return "programme"
    if from_feed and text.strip() and not _CALL_WORDS.search(title + "\n" + text):
        # A feed entry that invites nobody to apply is an article, not a call. (Portal topics
        # and agency call pages often never say "apply": this rule is for feeds only.)
        return "news"
    return "call"


def first_line(text: str) -> str:
    """A text's first line (at most 300 characters)."""
    return text.lstrip().split("\n", 1)[0][:300]


def _kind_from_hints(hints: Iterable[str]) -> str | None:
    found = None
    for hint in hints:
        word = (hint or "").strip().lower()
        if word in KINDS:
            return word
        if word in _HINT_KINDS:
            found = found or _HINT_KINDS[word]
        elif _NEWS_PATH.search(word):
            found = found or "news"
        elif word in ("call", "calls", "utlysning", "utlysningar", "calls for proposals"):
            found = found or "call"
    return found
