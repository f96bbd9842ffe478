"""Facts every call record carries, read from its own words: what it is, when it is open,
who may apply and what its budget means.

Sources state these facts in prose as often as in fields: a feed entry says "Deadline: 12
March 2026", a Swedish page "Vem kan söka? Kommuner och regioner", an old programme page
describes a fund rather than a call. These pure functions read such Swedish and English
phrasings; :func:`complete` applies them to a :class:`db.records.Call` before it is stored.

Structured fields always win: text only fills what the source left empty, so a parser's
mistake can never overwrite what an API said.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from db.language import DAY_MONTH_YEAR, MONTH_DAY_YEAR, MONTH_NUMBERS
from db.records import APPLICANT_TYPES, BUDGET_KINDS, KINDS, Call
from db.status import listed_closed, named_year_facts, planned_dates, title_spring

# Dates outside these years are typos or history ("6 mars 1923", a 1990s programme), never
# the window of a call someone can still apply to.
MIN_YEAR = 2000
MAX_YEAR = 2099

# --------------------------------------------------------------------------------------------
# Kind of record
# --------------------------------------------------------------------------------------------

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
    who = applicant_types(_who_passage(text))
    persons = who == ["individual"] or bool(_PERSONS_APPLY.search(text))
    cascade = "cascade" in hints
    # A project's open call listed under its topic's title names itself in its text's first
    # line ("AMU Scholarships for the internship of the Master 2 …"), unless its text names
    # organisations as its applicants ("SMEs hosting internships": a call for companies).
    organisations = [t for t in who if t != "individual"]
    own_title = cascade and not organisations and _INDIVIDUAL_TITLE.search(_first_line(text))
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


def _first_line(text: str) -> str:
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


# --------------------------------------------------------------------------------------------
# Who may apply
# --------------------------------------------------------------------------------------------

_ALL_ORGANISATIONS = (
    "municipality",
    "region",
    "public_body",
    "company",
    "sme",
    "university",
    "research",
    "ngo",
)
_PUBLIC = ("public_body", "municipality", "region")

# (pattern, types). Swedish compounds are listed whole ("småföretag", "forskningsinstitut")
# because a word boundary inside a compound does not exist. A generic public term includes
# municipalities and regions: a kommun *is* an offentlig aktör, and eligibility must say so.
_TYPE_PATTERNS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), types)
    for pattern, types in (
        # -- broad: every kind of organisation
        (
            r"\b(?:alla (?:typer av )?(?:organisationer|aktörer|juridiska personer)|"
            r"(?:svenska |alla )?juridiska personer|"
            r"any (?:type of )?(?:legal entit(?:y|ies)|organi[sz]ations?)|"
            r"all (?:types of )?(?:legal entities|organi[sz]ations)|legal entities|"
            r"legal persons)\b",
            _ALL_ORGANISATIONS,
        ),
        # -- public
        (
            r"\b(?:offentliga? (?:aktör\w*|organisation\w*|sektor\w*|verksamhet\w*|"
            r"finansiär\w*|förvaltning\w*)|offentligrättslig\w*|offentlig sektor|"
            r"public (?:bod(?:y|ies)|authorit(?:y|ies)|entit(?:y|ies)|"
            r"organi[sz]ations?|administrations?|institutions?|actors?|partners?)|"
            r"public sector)\b",
            _PUBLIC,
        ),
        # "public or private entities", "offentliga och privata aktörer": every organisation
        (
            r"\b(?:(?:public|private)(?:ly)? (?:and|or|and/or) (?:public|private) "
            r"(?:non-profit )?(?:bodies|organi[sz]ations|entities|actors|legal entities)|"
            r"(?:offentliga|privata) (?:och|eller) (?:offentliga|privata) "
            r"(?:aktörer|organisationer|juridiska personer)|"
            r"offentligrättsliga (?:och|eller) privaträttsliga)\b",
            _ALL_ORGANISATIONS,
        ),
        (
            r"\b(?:kommun(?:er|erna|en)?|kommunala (?:bolag|förvaltningar|verksamheter|"
            r"aktörer)|kommunalförbund\w*|primärkommun\w*|municipalit(?:y|ies)|"
            r"local (?:public |and regional )?(?:authorit(?:y|ies)|governments?|"
            r"administrations?|councils?)|urban authorit(?:y|ies)|cities|towns|"
            r"city (?:administrations?|councils?))\b",
            ("municipality",),
        ),
        (
            r"\b(?:regioner(?:na)?|regionen|landsting\w*|regional (?:public )?"
            r"(?:authorit(?:y|ies)|governments?|administrations?|councils?)|"
            r"local and regional (?:authorit(?:y|ies)|governments?))\b",
            ("region",),
        ),
        (
            r"\b(?:(?:statliga )?myndighet(?:er|erna)?|statliga aktörer|"
            r"national (?:public )?authorit(?:y|ies)|government (?:agenc(?:y|ies)|bodies)|"
            r"state agenc(?:y|ies)|ministries|governmental (?:bodies|organi[sz]ations)|"
            r"länsstyrelse\w*)\b",
            ("public_body",),
        ),
        # -- business
        (
            r"\b(?:företag(?:en|et)?|aktiebolag\w*|näringsliv\w*|enskilda firmor|"
            r"compan(?:y|ies)|enterprises?|businesses|firms|private (?:sector|companies)|"
            r"industry|industrial partners|for-profit (?:entities|organi[sz]ations))\b",
            ("company",),
        ),
        (
            r"\b(?:små-? och medelstora företag\w*|småföretag\w*|mikroföretag\w*|"
            r"SMF|SMEs?|small and medium[- ]sized enterprises|small and medium enterprises|"
            r"micro[- ]enterprises|start-?ups?|scale-?ups?|uppstartsföretag\w*|"
            r"startupföretag\w*)\b",
            ("sme",),
        ),
        # -- knowledge
        (
            r"\b(?:universitet(?:en)?|högskol(?:a|or|orna|an)|lärosäten(?:a)?|lärosäte|"
            r"akademi(?:n)?|universit(?:y|ies)|higher education institutions?|HEIs?|"
            r"academia|academic (?:institutions|organi[sz]ations|partners))\b",
            ("university",),
        ),
        (
            r"\b(?:forskningsinstitut\w*|forskningsorganisation\w*|forskningsaktör\w*|"
            r"forskare|forskargrupper|research (?:organi[sz]ations?|institut(?:es?|ions?)|"
            r"centres?|centers?|performing organi[sz]ations|and technology organi[sz]ations|"
            r"bodies|entities)|RTOs?|researchers)\b",
            ("research",),
        ),
        # -- civil society
        (
            r"\b(?:ideella (?:föreningar|organisationer|aktörer|sektorn)|"
            r"idéburn\w*|föreningar(?:na)?|förening|stiftelser(?:na)?|stiftelse|"
            r"civilsamhälle\w*|trossamfund|folkbildning\w*|studieförbund|"
            r"branschorganisation\w*|intresseorganisation\w*|"
            r"non-?profit(?: organi[sz]ations?| entities| bodies)?|NGOs?|"
            r"civil society(?: organi[sz]ations)?|associations|foundations|charities|"
            r"voluntary organi[sz]ations|youth organi[sz]ations|social economy)\b",
            ("ngo",),
        ),
        # -- persons
        (
            r"\b(?:privatpersoner|privatperson|enskilda personer|enskild person|individer|"
            r"studenter|doktorander|elever|individuals?|natural persons|private persons|"
            r"students?|PhD candidates|doctoral candidates|graduates|pupils)\b",
            ("individual",),
        ),
    )
)
# "Only", in both languages; "not only"/"inte bara" is no restriction.
_NOT_ONLY = re.compile(r"\b(?:not only|not just|inte bara|inte endast|inte enbart)\b", re.I)
_ONLY = re.compile(
    r"\b(?:endast|enbart|bara|uteslutande|only|exclusively|solely|"
    r"restricted to|limited to|reserved for)\b",
    re.IGNORECASE,
)
_NOT = re.compile(
    r"\b(?:inte|ej|icke|not|cannot|can't|excluded|ineligible|får inte|kan inte)\b",
    re.IGNORECASE,
)
# Clauses: sentences, list items and the halves of "…, men …" / "…, but …".
_CLAUSES = re.compile(r"(?<=[.;!?])\s+|\n+|\s*[•·]\s*|,?\s+(?:men|but|while|medan)\s+", re.I)


@dataclass(frozen=True)
class ApplicantFacts:
    """What a who-may-apply text says: the types it allows, whether an only-clause limited
    them ("endast företag"), and the types a negated clause excluded."""

    types: list[str]
    only: bool
    excluded: list[str]


def applicant_facts(text: str) -> ApplicantFacts:
    """The applicant types ``text`` allows, with its only-clauses and exclusions.

    Negated clauses exclude ("privatpersoner kan inte söka", "companies are not eligible");
    an only-clause restricts ("endast företag", "only SMEs"). A generic public term
    ("offentliga aktörer", "public bodies") includes municipalities and regions; "public or
    private entities", "juridiska personer" and "any legal entity" allow every organisation.
    """
    named: set[str] = set()
    only: set[str] = set()
    excluded: set[str] = set()
    for clause in _CLAUSES.split(text or ""):
        types = _types_in(clause)
        if not types:
            continue
        plain = _NOT_ONLY.sub(" ", clause)  # "not only X but also Y" limits nothing
        if _ONLY.search(plain):
            only |= types
        elif _NOT.search(plain):
            excluded |= types
        else:
            named |= types
    chosen = only or named
    return ApplicantFacts(
        types=sorted(t for t in chosen - excluded if t in APPLICANT_TYPES),
        only=bool(only),
        excluded=sorted(excluded - chosen),
    )


def applicant_types(text: str) -> list[str]:
    """Structured applicant types (of :data:`db.records.APPLICANT_TYPES`) that ``text``,
    a "who may apply" passage in Swedish or English, allows (see :func:`applicant_facts`).
    """
    return applicant_facts(text).types


def _types_in(clause: str) -> set[str]:
    found: set[str] = set()
    # "små och medelstora företag" names SMEs, not every company: the SME phrases are read
    # first and taken out before the company words are looked for.
    rest = _SME_PHRASE.sub(" SME ", clause)
    for pattern, types in _TYPE_PATTERNS:
        if pattern.search(rest):
            found.update(types)
    return found


_SME_PHRASE = re.compile(
    r"\b(?:små-? och medelstora företag\w*|small and medium[- ]sized (?:enterprises|companies)|"
    r"small and medium (?:enterprises|companies)|micro[- ]enterprises)\b",
    re.IGNORECASE,
)


# Who-may-apply words inside a longer text. Strict on purpose: a type read from a sentence
# that is not about eligibility ("reduce costs for municipalities", "particularly relevant
# for SMEs") would tell the matcher who may apply when the source never said so, and an
# "only SMEs" read by mistake would hide a call from every municipality.
# A heading: on its own line ("Vem kan söka?") or inline with its mark ("Who can apply: …").
_WHO_HEADING = re.compile(
    r"(?:(?:^|\n)\s*|\b)(?:(?:vem|vilka) (?:kan|får) (?:söka|ansöka)(?: stöd)?\s*\?|"
    r"who (?:can|may) apply\s*[?:]|eligible (?:applicants|organi[sz]ations|participants|"
    r"entities|beneficiaries)\s*:|eligibility(?: criteria)?\s*:|stödmottagare\s*:|"
    r"målgrupp(?:en)?\s*:)",
    re.IGNORECASE,
)
_WHO_CUE = re.compile(
    r"\b(?:kan söka|får söka|kan ansöka|får ansöka|kan sökas av|sökas av|söks av|"
    r"kan få (?:bidrag|stöd)|kan beviljas (?:bidrag|stöd)|"
    r"är välkomna att (?:an)?söka|behöriga? att söka|sökande (?:ska|måste|kan) vara|"
    r"stödberättigade (?:sökande|organisationer|aktörer)|riktar sig (?:till|mot)|"
    r"bjuder in [^.]{0,60}\b(?:att (?:söka|ansöka|anmäla|delta|lämna))|"
    r"can apply|may apply|are (?:invited|welcome|encouraged) to apply|"
    r"(?:is|are) eligible (?:to apply|for funding|to participate|as (?:applicants|"
    r"beneficiaries|coordinators?))|eligible (?:applicants|organi[sz]ations|entities|"
    r"participants|beneficiaries) (?:are|include)|"
    r"invites? [^.]{0,60}\bto (?:apply|submit|join|form)|"
    r"welcomes? (?:applications|proposals) from|"
    r"välkomnar (?:ansökningar|projektförslag) från|"
    r"(?:call|topic|action|programme|scheme) is open to|open to (?:applicants|organi[sz]ations|"
    r"all|any)|applicants? (?:must|shall) be|lead applicants? (?:must|shall|can|may)|"
    r"coordinator (?:must|shall) be|koordinatorn (?:ska|måste) vara|huvudsökande (?:ska|måste|kan)|"
    r"consorti(?:a|um) (?:must|shall) (?:include|involve|comprise)|"
    r"(?:take part|participate) as (?:beneficiaries|partners|applicants|coordinators?)|"
    r"konsortiet (?:ska|måste) (?:bestå av|inkludera|ha))",
    re.IGNORECASE,
)
_NEXT_HEADING = re.compile(r"\n\s*[A-ZÅÄÖ][^.\n]{2,70}\?\s*\n|\n\s*[A-ZÅÄÖ][^.\n]{2,40}:\s*\n")
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")
_INLINE_HEADING = re.compile(r"(?<=[.!?])\s+[A-ZÅÄÖ][\w-]{2,30}:\s")
# Labelled parts that still say who takes part ("Konsortiet: … med en kommun som
# koordinator"): the who-may-apply words go on through them.
_WHO_LABEL = re.compile(
    r"(?:konsorti|consorti|partner|projektpart|parter|sökande|applicant|koordinator|"
    r"coordinator|målgrupp|deltagare|participant|stödmottagare|beneficiar)",
    re.IGNORECASE,
)
# A Swedish sentence that names who applies as its subject ("Regionala energikontor kan
# ansöka …", "Aktörer som producerar biogas … är välkomna att söka stöd"); not one spoken to
# the reader ("Du kan söka stöd för …", "Ni som vill …"), which names no one. The pattern
# ignores case, so its first letter may be small too (the piece of a sentence a line break
# starts): the pronouns it refuses are what tells the two kinds apart.
_NAMED_APPLICANTS = re.compile(
    r"^(?!(?:du|ni|man|vi|den|det|här|nu)\b)[A-ZÅÄÖ](?:(?!\b(?:du|ni)\b)[^.!?]){2,200}?\b"
    r"(?:kan (?:an)?söka|får (?:an)?söka|är välkomna att (?:an)?söka)\b",
    re.IGNORECASE,
)


def _who_span(text: str) -> tuple[int, int, int] | None:
    """Where a text's who-may-apply heading starts, and where the words under it start and
    end, or None when it has no such heading. The words end at the next heading, or inline
    at the next two sentences, and always before a part with a label of its own ("… may
    apply.\nFunding: Up to …", "… i Sverige. Budget: Högst …")."""
    heading = _WHO_HEADING.search(text)
    if not heading:
        return None
    start = heading.end()
    rest = text[start:]
    if heading.group(0).startswith("\n") or heading.start() == 0 or "\n" in rest[:300]:
        # A heading on its own line: its section, up to the next heading.
        stop = _NEXT_HEADING.search("\n" + rest)
        end = min(stop.start() if stop else 600, 600)
    else:
        # Inline ("Vem kan söka? Företag och … . Budget: …"): the next two sentences.
        end = sum(len(piece) for piece in _pieces(rest.lstrip())[:2])
        end += len(rest) - len(rest.lstrip())
    for label in _INLINE_HEADING.finditer(rest[:end]):
        if not _WHO_LABEL.match(label.group(0).strip()):
            end = label.start()
            break
    return heading.start(), start, start + end


def _pieces(text: str) -> list[str]:
    """``text`` cut after each sentence and line, every piece with the spaces that follow
    it, so that the pieces add up to the text."""
    cuts = [m.end() for m in _SENTENCES.finditer(text)]
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True) if b > a]


def who_section(text: str) -> str | None:
    """What a text says under its who-may-apply heading ("Vem kan söka?", "Who can apply:",
    "Eligible applicants:"), or None when it has no such heading."""
    span = _who_span(text)
    return (text[span[1] : span[2]].strip() or None) if span else None


def _who_passage(text: str) -> str:
    """The part of a longer text that says who may apply (empty when none does): the words
    under its heading, and every other sentence that says who may apply (once: a sentence
    under the heading is not repeated)."""
    span = _who_span(text)
    section = text[span[1] : span[2]].strip() if span else ""
    parts = [section] if section else []
    at = 0
    for piece in _pieces(text):
        begins, at = at, at + len(piece)
        if span and begins < span[2] and at > span[0]:
            continue  # the heading and the words under it, already taken
        if _WHO_CUE.search(piece):
            parts.append(piece.strip())
    return "\n".join(parts)


def applicants_passage(text: str) -> str | None:
    """The who-may-apply words of a call text that has no such field, or None."""
    passage = _who_passage(text).strip()
    return passage or None


# --------------------------------------------------------------------------------------------
# What the budget means
# --------------------------------------------------------------------------------------------

_PER_PROJECT = re.compile(
    r"\b(?:per (?:projekt|ansökan|sökande|proposal|project|grant|applicant|beneficiary|"
    r"partner|organi[sz]ation)|högst|maximalt|max\.?|upp till|stöd på|kan (?:ni )?få|"
    r"up to|at most|maximum (?:eu )?(?:contribution|grant|amount)|"
    r"(?:eu )?contribution (?:of )?between|between eur|each (?:project|grant)|"
    r"lump sum of|grant of|grants of)\b",
    re.IGNORECASE,
)
_TOTAL = re.compile(
    r"\b(?:totalt|sammanlagt|utlyst belopp|avsätter|lyser ut|i (?:denna|den här) "
    r"utlysning|utlysningens budget|budget(?:en)? för utlysningen|"
    r"total (?:budget|amount|funding)|overall (?:budget|amount)|indicative budget|"
    r"call budget|budget (?:of|for) (?:the|this) (?:call|topic)|available (?:budget|funding)|"
    r"in total|a total of|topic budget)\b",
    re.IGNORECASE,
)
_FIELD_PER_PROJECT = ("per_project", "max_per_project", "maxContribution", "minContribution")
_FIELD_TOTAL = ("call_total", "total", "budgetOverview", "budgetTopicActionMap")


def budget_kind(text_or_fields: str | Mapping[str, Any] | None) -> str | None:
    """What a budget means: "call_total", "per_project" or None when the words do not say.

    Given text, the first sentence with an amount that says "per projekt", "högst", "up to",
    "per project" (per project) or "totalt", "utlyst belopp", "total budget" (call total)
    decides. Given fields (a mapping), an explicit ``budget_kind`` or ``kind`` wins, then
    keys naming a per-project maximum or a call total, then the ``text`` key.
    """
    if text_or_fields is None:
        return None
    if isinstance(text_or_fields, Mapping):
        fields = text_or_fields
        for key in ("budget_kind", "kind"):
            if fields.get(key) in BUDGET_KINDS:
                return str(fields[key])
        if any(fields.get(k) not in (None, "", 0) for k in _FIELD_PER_PROJECT):
            return "per_project"
        if any(fields.get(k) not in (None, "", 0) for k in _FIELD_TOTAL):
            return "call_total"
        return budget_kind(str(fields.get("text") or ""))
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text_or_fields):
        if not _AMOUNT_WORDS.search(sentence):
            continue
        per, total = _PER_PROJECT.search(sentence), _TOTAL.search(sentence)
        if per and total:
            # "Totalt 20 miljoner, högst 2 miljoner per projekt": the first amount is the total.
            return "call_total" if total.start() < per.start() else "per_project"
        if per:
            return "per_project"
        if total or _BUDGET_LABEL.search(sentence):
            # A bare "Budget: 70 000 000 kr" in a call's facts is the call's money.
            return "call_total"
    return None


_BUDGET_LABEL = re.compile(r"\b(?:(?:preliminär|indikativ|indicative) )?budget\s*:", re.I)


_AMOUNT_WORDS = re.compile(
    r"\d[\d\s.,]*\s*(?:miljon\w*|mnkr|msek|mkr|kronor|kr\b|sek\b|eur\b|euro\w*|€|million|m\b)"
    r"|(?:eur|€|sek)\s*\d",
    re.IGNORECASE,
)


def _amounts(sentence: str) -> list[float]:
    """Every amount in a sentence as a number (millions expanded)."""
    found = []
    pattern = re.compile(
        r"(\d{1,3}(?:[\s\u00a0.,]\d{3})+|\d+(?:[.,]\d+)?)\s*(miljoner|miljon|million|mnkr|msek|"
        r"mkr|m\b)?",
        re.IGNORECASE,
    )
    for number, unit in pattern.findall(sentence):
        digits = re.sub(r"[\s\u00a0]", "", number)
        if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits):
            digits = re.sub(r"[.,]", "", digits)
        try:
            value = float(digits.replace(",", "."))
        except ValueError:
            continue
        found.append(value * 1_000_000 if unit else value)
    return found


def budget_sentence(text: str, budget: float) -> str | None:
    """The sentence of ``text`` that states the amount ``budget`` (within 1 %), or None."""
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        if any(abs(a - budget) <= 0.01 * budget for a in _amounts(sentence) if budget):
            return sentence
    return None


# --------------------------------------------------------------------------------------------
# Dates in prose
# --------------------------------------------------------------------------------------------

MONTHS = MONTH_NUMBERS  # Swedish and English names and their abbreviations
_DMY = DAY_MONTH_YEAR  # "14 October 2024", "14th of October, 2024", "5 juni 2024", "5 juni"
_MDY = MONTH_DAY_YEAR  # "October 14, 2024", "March 12 2026"
_NUMERIC = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")  # European day first
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


@dataclass
class _Found:
    start: int
    end: int
    day: int
    month: int
    year: int | None

    def iso(self) -> str | None:
        if self.year is None or not MIN_YEAR <= self.year <= MAX_YEAR:
            return None
        try:
            return date(self.year, self.month, self.day).isoformat()
        except ValueError:
            return None


def _find_dates(text: str) -> list[_Found]:
    found: list[_Found] = []
    taken = bytearray(len(text))  # characters already part of a date (the first reading wins)

    def add(start: int, end: int, day: int, month: int, year: int | None) -> None:
        if any(taken[start:end]):
            return
        if not 1 <= day <= 31 or not 1 <= month <= 12:
            return
        taken[start:end] = b"\x01" * (end - start)
        found.append(_Found(start, end, day, month, year))

    for m in _ISO.finditer(text):
        add(m.start(), m.end(), int(m.group(3)), int(m.group(2)), int(m.group(1)))
    for m in _MDY.finditer(text):
        add(m.start(), m.end(), int(m.group(2)), MONTHS[m.group(1).lower()], int(m.group(3)))
    for m in _DMY.finditer(text):
        month_word = m.group(2).lower()
        if month_word == "may" and not m.group(3):
            continue  # "5 may apply" is not a date
        year = int(m.group(3)) if m.group(3) else None
        add(m.start(), m.end(), int(m.group(1)), MONTHS[month_word], year)
    for m in _NUMERIC.finditer(text):
        add(m.start(), m.end(), int(m.group(1)), int(m.group(2)), int(m.group(3)))
    found.sort(key=lambda f: f.start)
    return found


# What comes just before a date says what the date is.
_DEADLINE_CUE = re.compile(
    r"(?:deadline|closing date|closes?|closed|closing|close on|due(?: date)?|cut-?off(?: date)?|"
    r"until|till|no later than|not later than|by|submitted by|submission date|ends?|ending|"
    r"expires?|sista ansökningsdag(?:en)?|sista dag(?:en)?(?: för ansökan| att söka)?|"
    r"stänger|stängd|stängde|stängdes|stängs|senast|till och med|t\.o\.m\.?|öppen till|"
    r"pågår till|ansökan ska vara inne|sista datum|stänga)"
    r"(?:\s+(?:date|is|was|are|will be|on|at|den|är|var|the|for|of|to|submit|sedan|since|"
    r"blir|utlysningen|omgången|call|ansökningsomgången|"
    r"proposals|applications|submissions?|ansökan|ansökningar|:|-|–))*\s*:?\s*$",
    re.IGNORECASE,
)
_OPENING_CUE = re.compile(
    r"(?:opens?|opened|opening(?: date)?|open from|launch(?:es|ed)?|starts?|starting|"
    r"from|as of|öppnar|öppnade|öppnas|öppna|öppen från|från och med|fr\.o\.m\.?|från|"
    r"kan sökas från|startar)"
    r"(?:\s+(?:date|is|was|will be|on|at|den|är|var|for|applications|submissions|"
    r"blir|utlysningen|omgången|the|call|ansökningsomgången|för ansökningar|"
    r"ansökan|:|-|–))*\s*:?\s*$",
    re.IGNORECASE,
)
# Weak cues ("by", "until", "från") count only where the sentence is about applying.
_WEAK = re.compile(
    r"^(?:by|until|till|to|from|från|senast|ends?|ending|starts?|starting|as of)\b", re.I
)
_APPLYING = re.compile(
    r"\b(?:call|calls|appl\w+|apply|proposals?|submi\w+|round|open|closes?|deadline|"
    r"utlysning\w*|ansök\w*|sök\w*|öppen|öppnar|stänger|omgång\w*)\b",
    re.IGNORECASE,
)
# Dates of something else than the call's window: the projects' own period, an event, a law.
# Such a clause is skipped unless it also speaks of applying ("Applications for projects
# close on …"); a few phrases are never about the window, whatever else the clause says.
_OTHER_PERIOD = re.compile(
    r"\b(?:projekt\w*|projects?|actions?|activities|aktivitet\w*|genomför\w*|implement\w*|"
    r"mobiliseringsfas\w*|into action|grant agreement|completed|klara|avslut\w*|"
    r"event|webinar|seminar\w*|conference|konferens|informationsträff|webbinari\w*|"
    r"info ?day|infodag|beslut\w*|decision|published|publicerad\w*)\b",
    re.IGNORECASE,
)
_NEVER_WINDOW = re.compile(
    r"för att (?:bedriva|driva|genomföra)|\bto (?:carry out|implement)\b|\btransposition\b|"
    r"\bregulation\b|\bdirective\b|\bförordning\w*",
    re.IGNORECASE,
)
_ABOUT_CALL = re.compile(
    r"\b(?:utlysning\w*|ansökningsomgång\w*|omgången|calls?|appl(?:y|ications?)|ansök\w*|"
    r"söka|sökas|proposals?|sista ansökningsdag\w*|deadline|submi\w*|öppnar|stänger)\b",
    re.IGNORECASE,
)
_CLAUSE_START = re.compile(r"(?:[.;:!?]\s|\n|,\s|\s(?:och|and|while|medan|men|but)\s)", re.I)


def _about_window(text: str, start: int, end: int) -> bool:
    """Whether the date(s) at text[start:end] belong to the call's window, judged by their
    clause and sentence: not a project period, an event, a decision or a law."""
    sentence = _sentence(text, start, end)
    if _NEVER_WINDOW.search(sentence):
        return False
    if _OTHER_PERIOD.search(sentence) and not _ABOUT_CALL.search(sentence):
        return False
    head = text[max(0, start - 120) : start]
    cuts = list(_CLAUSE_START.finditer(head))
    clause = head[cuts[-1].end() :] if cuts else head
    return not (_OTHER_PERIOD.search(clause) and not _ABOUT_CALL.search(clause))


_RANGE_JOIN = re.compile(
    r"^\s*(?:-|–|—|to|till|until|till och med|t\.o\.m\.?|and|och|through)\s*(?:den\s+|the\s+)?$",
    re.IGNORECASE,
)
_ROLLING = re.compile(
    r"(?:\b(?:ansök\w*|sök\w*|öppen|tas emot|utlysning\w*|behandlas)\b[^.\n]{0,40}\blöpande\b|"
    r"\blöpande\b[^.\n]{0,40}\b(?:ansök\w*|sök\w*|tas emot|öppen|under året|beslut)\b|"
    r"(?:^|\n)\s*(?:sista ansökningsdag|deadline|stänger)\s*:?\s*löpande\b|"
    r"\bingen sista ansökningsdag\b|\bsaknar sista ansökningsdag\b|"
    r"\brolling (?:basis|call|deadline|submissions?|applications?)\b|"
    r"\bcontinuous(?:ly)? (?:open|call|submission|applications?|intake)\b|"
    r"\bopen[- ]ended call\b|\bno (?:fixed )?deadline\b|\bpermanently open\b|"
    r"\bapplications? (?:are |can be )?(?:accepted|submitted|received) "
    r"(?:at any time|continuously|all year)\b)",
    re.IGNORECASE,
)


def dates_from_text(
    text: str, *, reference: str | date | None = None
) -> tuple[str | None, str | None, bool]:
    """Opening date, deadline (ISO or None) and whether the call is rolling, read from prose.

    Swedish and English: status lines and labels ("Öppnar 13 januari 2026", "Sista
    ansökningsdag: 5 juni 2024", "Deadline: 12 March 2026"), sentences ("the deadline to
    submit proposals is 14 October 2024", "applications close on 3 May 2025", "opens on
    1 February 2026", "open until 30 June 2025"), periods ("pågår mellan den 2 mars och den
    16 april 2015", "from 10 February to 31 March 2022") and numeric dates (05.06.2025).
    Rolling calls: "löpande", "rolling basis", "continuously open". Dates before
    :data:`MIN_YEAR` are rejected. A date without a year takes it from the other end of its
    period or, failing that, from ``reference`` (the publication date: the first such day
    on or after it). Several deadlines give the last (the final cut-off); several openings
    the first.
    """
    ref = date.fromisoformat(reference) if isinstance(reference, str) else reference
    found = _find_dates(text)
    openings, deadlines, used = _period_dates(text, found)
    for i, found_date in enumerate(found):
        if i in used:
            continue
        role = _date_role(text, found, i)
        if role is None:
            continue
        if found_date.year is None:
            found_date.year = _year_after(found_date, ref)
        iso = found_date.iso()
        if iso:
            (deadlines if role == "deadline" else openings).append(iso)
    rolling = bool(_ROLLING.search(text))
    opening = min(openings) if openings else None
    deadline = max(deadlines) if deadlines else None
    if opening and deadline and opening > deadline:
        opening = None  # a later "opens" belongs to another round
    return opening, deadline, rolling


def _period_dates(text: str, found: list[_Found]) -> tuple[list[str], list[str], set[int]]:
    """Openings, deadlines and the indexes of the dates they used, from the periods of the
    text: "from A to B", "mellan den A och den B", "A – B"."""
    openings: list[str] = []
    deadlines: list[str] = []
    used: set[int] = set()
    for i in range(len(found) - 1):
        first, second = found[i], found[i + 1]
        if not _RANGE_JOIN.match(text[first.end : second.start]):
            continue
        sentence = _sentence(text, first.start, second.end)
        before = text[max(0, first.start - 60) : first.start]
        lead = re.search(
            r"(?:from|between|mellan|från|open|öppen|pågår|period|runs?|tiden|"
            r"ansökningsperiod\w*|submission)\s*(?:den\s+|the\s+)?(?:\S+\s+){0,2}$",
            before,
            re.I,
        )
        if not (lead or _APPLYING.search(sentence)):
            continue
        if not _about_window(text, first.start, second.end):
            continue
        if second.year is None:
            continue
        if first.year is None:
            first.year = second.year - (1 if first.month > second.month else 0)
        if (opening := first.iso()) and (deadline := second.iso()) and opening <= deadline:
            openings.append(opening)
            deadlines.append(deadline)
        used.update((i, i + 1))
    return openings, deadlines, used


def _date_role(text: str, found: list[_Found], i: int) -> str | None:
    """What the lone date ``found[i]`` is by the cue before it: "deadline", "opening", or
    None (no cue, a weak cue outside a sentence about applying, or not the call's window)."""
    found_date = found[i]
    start = max(0, found_date.start - 80)
    if i and found[i - 1].end > start:
        start = found[i - 1].end  # the cue belongs to this date, not to the previous
    before = text[start : found_date.start]
    line_start = before.rfind("\n")
    before = before[line_start + 1 :] if line_start >= 0 else before
    sentence = _sentence(text, found_date.start, found_date.end)
    if not _about_window(text, found_date.start, found_date.end):
        return None
    role = None
    cue = _DEADLINE_CUE.search(before)
    if cue:
        role = "deadline"
    else:
        cue = _OPENING_CUE.search(before)
        if cue:
            role = "opening"
    if role is None or cue is None:
        return None
    if _WEAK.match(cue.group(0).strip()) and not _APPLYING.search(sentence):
        return None
    if role == "deadline" and cue.group(0).lower().startswith("deadline"):
        # "deadline" alone is also used of laws and reports: the sentence must be about
        # this call, or the word a label ("Deadline: 12 March 2026").
        label = re.match(r"\s*deadline\s*:", before[before.lower().rfind("deadline") :], re.I)
        if not label and not _APPLYING.search(re.sub(r"deadlines?", " ", sentence, flags=re.I)):
            return None
    return role


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence (or line) around text[start:end], at most 300 characters either side
    (text without full stops must not make every date read the whole page)."""
    low = max(0, start - 300)
    left = max(text.rfind(". ", low, start), text.rfind("\n", low, start), low - 1)
    high = min(len(text), end + 300)
    right_candidates = [
        i for i in (text.find(". ", end, high), text.find("\n", end, high)) if i >= 0
    ]
    right = min(right_candidates) if right_candidates else high
    return text[left + 1 : right]


def _year_after(found: _Found, reference: date | None) -> int | None:
    """The year that puts a day-and-month on or after ``reference`` (None without one)."""
    if reference is None:
        return None
    year = reference.year
    try:
        if date(year, found.month, found.day) < reference:
            year += 1
    except ValueError:
        return None
    return year


_ENDED = re.compile(
    r"\b(?:(?:this|the) call (?:is|has|was) (?:now )?closed|call (?:is )?closed|"
    r"(?:is|are) (?:now )?closed for (?:applications|submissions|proposals)|"
    r"no longer (?:open|accepting|possible to apply)|deadline (?:has )?passed|"
    r"(?:the )?deadline (?:for [\w\s]{0,40})?was\b|applications closed|"
    r"utlysningen (?:är|har) (?:nu )?stängd|utlysningen har stängt|"
    r"ansökningsomgången (?:är|har) (?:nu )?stängd|ansökningsomgången har stängt|"
    r"det går inte längre att söka|går inte (?:längre )?att söka|är stängd för ansökningar|"
    r"sista ansökningsdag(?:en)? (?:har )?passerat|sista ansökningsdag var)",
    re.IGNORECASE,
)
_STATUS_CLOSED_LINE = re.compile(r"(?:^|\n)\s*(?:stängd|closed)\b", re.IGNORECASE)


def ended_in_text(text: str, today: date) -> bool:
    """Whether the text itself says the call has ended: a closing phrase ("the call is
    closed", "utlysningen är stängd", "the deadline … was 16 June"), a status line "Stängd",
    or a deadline stated in the text that lies before ``today``."""
    if _ended_phrase(text):
        return True
    _, deadline, rolling = dates_from_text(text)
    return bool(deadline and not rolling and deadline < today.isoformat())


def _ended_phrase(text: str) -> bool:
    return bool(_ENDED.search(text) or _STATUS_CLOSED_LINE.search(text))


# --------------------------------------------------------------------------------------------
# Completing a call
# --------------------------------------------------------------------------------------------


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
    if _ended_phrase(whole) and not call.extra.get("rolling"):
        call.extra["ended_in_text"] = True
        if not call.deadlines and call.status_hint is None:
            call.status_hint = "closed"
    if call.extra.get("rolling") and call.status_hint is None and not _ended_phrase(whole):
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
    audience = _title_audience(call.title)
    cascade = "cascade" in (h.lower() for h in _kind_hints(call))
    if audience is None and cascade:
        # A project's open call listed under its topic's title names itself, and whom it
        # funds, in its text's first line ("Funding for SMEs and start-ups investing in …").
        audience = _title_audience(_first_line(text))
    said = call.applicants or applicants_passage(text)
    facts = applicant_facts(said or audience or "")
    call.applicant_types = facts.types
    if cascade and facts.types and not said:
        # A project's open call (financial support to third parties) funds the group it
        # names and no other: its title's audience is whom it is for.
        facts = replace(facts, only=True)
    if not facts.types and not call.applicants and (section := _who_words(text)):
        # Words that say who may apply but name no type this reading knows ("organisationer
        # inom vård och omsorg"): kept so that the check can quote them.
        call.extra["applicants_section"] = section
    if facts.only and facts.types:
        call.extra["applicants_only"] = True
    if facts.excluded:
        call.extra["applicants_excluded"] = facts.excluded


def _who_words(text: str) -> str | None:
    """The words under a who-may-apply heading (:func:`who_section`: up to the next inline
    heading, "… i Sverige. Budget: Högst 1 miljon …"), else the first Swedish sentence whose
    subject is who may apply; None when the text has neither."""
    section = who_section(text)
    if section:
        return section
    for sentence in _SENTENCES.split(text):
        if _NAMED_APPLICANTS.search(sentence.strip()):
            return sentence.strip()
    return None


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


_TITLE_AUDIENCE = re.compile(r"\b(?:for|för|to|till)\s+(.{3,80})", re.IGNORECASE)


def _title_audience(title: str) -> str | None:
    """The audience a title names ("Funding for SMEs and start-ups …"), else None."""
    match = _TITLE_AUDIENCE.search(title)
    if not match:
        return None
    words = match.group(1)
    types = applicant_types(words)
    return words if types and len(words.split()) <= 12 else None
