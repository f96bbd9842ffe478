"""Who may apply to a call, read from its words: applicant types, "only" and "not".

Sources say it in a field ("Vem kan söka? Kommuner och regioner"), under a heading of the
description, or in a sentence anywhere ("Applicants must be SMEs"). These pure functions read
Swedish and English phrasings into :data:`db.records.APPLICANT_TYPES`; a type a text does not
name is unknown, never excluded, unless the words say "only".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from db.records import APPLICANT_TYPES

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


def who_words(text: str) -> str | None:
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


_TITLE_AUDIENCE = re.compile(r"\b(?:for|för|to|till)\s+(.{3,80})", re.IGNORECASE)


def title_audience(title: str) -> str | None:
    """The audience a title names ("Funding for SMEs and start-ups …"), else None."""
    match = _TITLE_AUDIENCE.search(title)
    if not match:
        return None
    words = match.group(1)
    types = applicant_types(words)
    return words if types and len(words.split()) <= 12 else None
