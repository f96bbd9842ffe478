"""Why a call matched: the passage to quote, the keywords it shares with the target, and the
facts (a check, its result, a Swedish reason) that ``eufunds show`` lists."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from db.language import MONTH_NUMBERS
from db.text import holds_sentence
from matcher.lexical import keyword_hits, phrase_words, term_hits

Fact = dict[str, str]


def fact(check: str, result: str, reason: str, **more: str) -> Fact:
    """A check's outcome (pass, fail, unknown or info) and its Swedish reason, with what
    else the check found (``area="own"``: the region check's call made for an area that
    holds the municipality)."""
    return {"check": check, "result": result, "reason": reason, **more}


# A sentence ends at a full stop, a question or an exclamation mark (and a closing quotation
# mark) before a capital or a figure, but not at an abbreviation before a number ("Art. 25",
# "No. 1144/2014", "p. 12") nor at one that leads into examples ("e.g. 3D, virtual reality",
# "i.e. Member States"); a footnote ("[3] …") starts anew.
_NUMBERED = "".join(
    rf"(?<!\b{word}\.)" for word in ("Art", "art", "No", "no", "Nr", "nr", "p", "pp", "para", "kap")
)
_EXAMPLES = r"(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bcf\.)"
_SENTENCE = re.compile(
    r"(?:(?<=[.!?])|(?<=[.!?][”’\"]))" + _EXAMPLES + r"\s+(?=[A-ZÅÄÖ])"
    r"|(?:(?<=[.!?])|(?<=[.!?][”’\"]))" + _NUMBERED + _EXAMPLES + r"\s+(?=[0-9])"
    r"|\s+(?=\[\d{1,3}\]\s)"
)
_FOOTNOTE = re.compile(r"^\[\d{1,3}\]\s+")
_LINK = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
MAX_PASSAGE = 320
SHARED_BY = 3  # differently titled calls that hold a sentence before it is standard text
SHARED_MIN_WORDS = 5  # a shorter piece (a heading, a reference's name) is not counted


# A footnote number inside a sentence ("a participatory [1] and transdisciplinary approach",
# "… through the CIVITAS initiative [6] – and the CCRI is essential").
_INLINE_FOOTNOTE = re.compile(
    r"(?<=[\w,;)”’\"])\s*\[\d{1,3}\]"
    r"(?:\s*(?=[,;:.)])|(?=\s+(?!https?:|www\.)[a-zåäö])|(?=\s+[–—]\s+[a-zåäö]))"
)


def without_footnote_numbers(text: str) -> str:
    """``text`` without the footnote numbers inside its sentences ("… in the green transition
    [1] of neighbourhoods", "… AKIS projects [3] ; establish …"), as a quote leaves them out."""
    return _INLINE_FOOTNOTE.sub("", text)


# A note the portal writes inside a sentence, in double brackets ("… the intersection of social
# economy[[ The European Commission defines social economy … […]]] and the cultural and
# creative sectors …"): its closing brackets end at the last of a run ("…]]]").
_INLINE_NOTE = re.compile(r"\[\[.*?\]\](?!\])", re.DOTALL)
_NOTE_OPEN = re.compile(r"\[\[.*", re.DOTALL)
_NOTE_CLOSE = re.compile(r"\]\](?!\])")


def without_inline_notes(text: str) -> str:
    """``text`` without the notes written inside its sentences in double brackets
    (:data:`_INLINE_NOTE`), as a quote leaves them out; a passage cut by words may begin
    inside such a note (its end goes, up to the brackets that close it) or end inside one
    (its start goes, to the passage's end)."""
    close, start = _NOTE_CLOSE.search(text), text.find("[[")
    if close and (start < 0 or close.start() < start):
        text = text[close.end() :]
    text = _NOTE_OPEN.sub("", _INLINE_NOTE.sub("", text))
    return re.sub(r"[ \t]{2,}", " ", text)


# A label and what follows it: a field of a call's page ("Region: Övre Norrland") or a
# section's label before its first sentence ("Expected Outcome: Projects are expected …").
# (Some pages put a space before the colon: "Expected Impact : By the end of the project …")
_LABELLED = re.compile(r"([A-ZÅÄÖ][\w-]*(?: [\w-]+){0,3}) ?:\s+(\S.*)", re.DOTALL)
LIST_MARK = re.compile(r"[-–•*]\s+")  # a list item's mark, at the start of its line
_LABEL = re.compile(
    r"^[A-ZÅÄÖ][\w-]*(?: [\w-]+){0,3} ?:\s+(?=[A-ZÅÄÖ\"“(]|" + LIST_MARK.pattern + ")"
)
# A section's label after a heading or a field that ends with no stop ("Youth, science and
# democracy Expected outcome: Project results …", "Funding rate Other Action Grants (OAGs) —
# 95% Objective: This topic …"): the heading goes with the label.
_HEADED_LABEL = re.compile(
    r"^[^.:;!?]{3,160}? (?:Expected [Oo]utcomes?|Expected [Ii]mpacts?|Scope|Objectives?) ?:"
    r"\s+(?=[A-ZÅÄÖ\"“(])"
)
_BULLET = re.compile("^" + LIST_MARK.pattern + "(?=[A-ZÅÄÖ0-9])")  # a small letter keeps it
# A clause that only announces a list ("… contribute to all of the following expected
# outcomes:", "… any of the areas listed below:", "… ska uppfylla följande:", some pages with a
# space before the colon): the Funding &
# Tenders topics open one in eight of their passages with one, and it would take a quarter of
# the quote.
_LEAD_IN = re.compile(
    r"^[A-ZÅÄÖ][^:.;!?]{0,160}\b(?:the following|följande|below|nedan)(?: [\w-]+){0,2} ?:"
    r"(?:\s+(?=[A-ZÅÄÖ\"“(]|" + LIST_MARK.pattern + r")|\s*$)"
)
FIELD_WORDS = 4  # a labelled value of at most this many words is a field, whatever its end
FIELD_MAX_WORDS = 15  # a longer value at a passage's end may be a sentence the passage cut
HEADING_WORDS = 6  # a line of at most this many words that ends no statement is a heading
# A page's label or heading for who may apply ("Who can apply: …", "Vem kan söka?"): the
# quote of why a call matched can leave out what it labels, as the digest says who may apply
# on a line of its own.
_WHO_HEAD = re.compile(
    r"(?:who (?:can|may) apply|eligible applicants|vem (?:kan|får) söka|vilka kan söka|sökande)"
    r"\b[^:]{0,30}(?::|\?$|$)",
    re.IGNORECASE,
)


def _pieces(text: str) -> list[str]:
    """A text's sentences, and each footnote on its own (with its number); a line break
    ends a piece too (a heading or a field of the page has no full stop)."""
    lines = without_footnote_numbers(text).split("\n")
    return [s.strip() for line in lines for s in _SENTENCE.split(line) if s.strip()]


def _label_line(piece: str, *, last: bool = False) -> bool:
    """True for a piece that labels rather than says: a field of the page or a heading. The
    ``last`` piece of a passage may be a sentence cut by words, so a long value that ends no
    sentence is a field only before a line break."""
    labelled = _LABELLED.fullmatch(piece)
    if labelled:
        value = labelled[2]
        words = len(value.split())
        unended = not value.endswith((".", "!", "?", ":", ";"))
        if words <= FIELD_WORDS or (unended and (words <= FIELD_MAX_WORDS or not last)):
            return True  # "Programme: Interreg Central Baltic", "Deadline: 23 December 2026."
    return _heading(piece)


# A sentence about the call's own window: a date ("22 januari 2027", "12 Oct 2026",
# "2027-01-22") with a word for opening or closing, or words saying the dates may change.
# The digest gives the dates on lines of their own, marked "(preliminärt)" when they are.
_DATE = re.compile(
    r"\b(?:\d{1,2}\.?\s+(?:" + "|".join(MONTH_NUMBERS) + r")\.?\s+\d{4}|\d{4}-\d{2}-\d{2})\b",
    re.IGNORECASE,
)
_WINDOW_WORD = re.compile(
    r"\b(?:öppna[rs]?|stäng(?:er|s|a)|sista (?:ansöknings)?dag(?:en)?|deadline|opens?|closes?|"
    r"submission)\b",
    re.IGNORECASE,
)
_TENTATIVE_DATES = re.compile(
    r"\b(?:datum(?:en)?|tidpunkter(?:na)?|dates?)\b[^.!?]{0,40}\b(?:preliminär\w*|"
    r"preliminary|indicative|tentative|kan komma att ändras|may change|subject to change)\b",
    re.IGNORECASE,
)


def dates_sentence(sentence: str) -> bool:
    """True for a sentence that gives the call's opening or closing date, or says its dates
    may change ("Vi planerar att öppna utlysningen den 22 januari 2027 …", "Datumen är
    preliminära …")."""
    if _TENTATIVE_DATES.search(sentence):
        return True
    return bool(_DATE.search(sentence) and _WINDOW_WORD.search(sentence))


def _heading(piece: str) -> bool:
    """A short line that ends no sentence, or a short question: the headings of a call's
    page ("Bakgrund", "Vem kan söka?", "Vad handlar erbjudandet om?")."""
    return len(piece.split()) <= HEADING_WORDS and not piece.endswith((".", "!"))


def who_pieces(text: str) -> set[str]:
    """The pieces of ``text`` that say who may apply: a piece labelled so ("Who can apply:
    Urban authorities …") and the pieces under such a heading up to the next heading."""
    found: set[str] = set()
    under = False
    for piece in _pieces(text):
        if _WHO_HEAD.match(piece):
            found.add(piece)
            under = _heading(piece)
        elif _heading(piece) or _LABELLED.fullmatch(piece):
            under = False
        elif under:
            found.add(piece)
    return found


def described(description: str, title: str = "") -> bool:
    """True when a call's text, without its title, holds a sentence
    (:func:`db.text.holds_sentence`, as the twin linker reads it): interreg.eu's hits give no
    description, and the fields the crawler writes from them ("Themes: Greener Europe")
    hold none."""
    head = sentence_key(title)
    lines = description.strip().split("\n")
    return holds_sentence("\n".join(line for line in lines if sentence_key(line) != head))


def _reference(piece: str) -> bool:
    """True for a footnote that names a source rather than saying something ("[5] Mission
    Innovation Hydrogen Valley Platform"): no sentence's end."""
    return bool(_FOOTNOTE.match(piece)) and not piece.endswith((".", "!", "?"))


_NUMBER = re.compile(r"\[(\d{1,3})\]")
# A word that makes a note's piece a statement ("Urban transport networks can include
# streets …", "The participation … is meant through interviews …"), not a source's name.
_STATES = re.compile(
    r"\b(?:is|are|was|were|be|been|being|can|could|should|shall|will|would|may|might|must|"
    r"has|have|had|does|do|did|includes?|included|refers?|means?|aims?|covers?|provides?|"
    r"supports?|allows?|requires?|ensures?|enables?|contributes?|describes?|defines?)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=64)
def note_references(text: str, *, stating: bool = False) -> frozenset[str]:
    """The pieces of a text's notes that name a source rather than say something, as
    :func:`sentences_of` gives them; with ``stating``, every piece of its notes.

    A note is a footnote ("[3] …" at a piece's start) whose number the text used before it
    (where it refers to the note), with the pieces that follow it up to the next footnote, a
    section's label ("Scope: …") or a line break; a note starts a sentence, or follows
    another note. Its reference is cut in pieces by the full stops of its authors' initials
    and titles ("[1] Among others, A." / "Costantini, Social Economy Enterprises and Cultural
    and Creative Industries." / "Note for … | OECD"); a piece that states something (a verb
    such as "is", "can", "includes") is no reference: a note may define the call's terms. A
    numbered list ("[1] … [2] …") uses each number once and is no note."""
    if "[" not in text:
        return frozenset()
    first_use: dict[str, int] = {}
    for number in _NUMBER.finditer(text):
        first_use.setdefault(number[1], number.start())
    notes: set[str] = set()
    for line in without_footnote_numbers(text).split("\n"):
        in_note, ended = False, True
        for piece in (s.strip() for s in _SENTENCE.split(line)):
            start = _NUMBER.match(piece) if _FOOTNOTE.match(piece) else None
            if start and (ended or in_note):
                # A note comes after the number's first use; a numbered list's item is it.
                # (A number inside a sentence, "catalogues [2] (currently …)", starts none.)
                in_note = first_use[start[1]] < text.find(piece[:40])
            elif _LABEL.match(piece):
                in_note = False
            sentence = _FOOTNOTE.sub("", piece)
            if in_note and sentence and (stating or not _STATES.search(sentence)):
                notes.add(sentence)
            ended = piece.endswith(_ENDED)
    return frozenset(notes)


STANDARD_SENTENCES = "standard_sentences"  # state name: the matcher's last shared_sentences


def sentences_of(text: str) -> list[str]:
    """A text's sentences as the quote splits them (footnote numbers left out)."""
    return [_FOOTNOTE.sub("", s) for s in _pieces(text)]


# A word that links a sentence to the one before it ("Therefore, this topic requires …",
# "Furthermore, if the proposals concern …"): the same standard sentence with or without it.
_LINKING = re.compile(
    r"^(?:therefore|moreover|furthermore|in particular|in addition|additionally|also|"
    r"however|consequently|thus|hence|finally|importantly) "
)


def sentence_key(sentence: str) -> str:
    """A sentence's words in lower case, without a linking word it opens with: the same
    sentence with another footnote number, figure or spacing, or after "Therefore," or
    "Furthermore,", has the same key."""
    return _LINKING.sub("", " ".join(_WORD.findall(sentence.lower())))


def shared_sentences(calls: Iterable[tuple[str, str]]) -> frozenset[str]:
    """The keys of the sentences that :data:`SHARED_BY` or more differently titled calls hold
    (each call as its title and description).

    That is a programme's standard text ("This action supports the follow-up to the July 2023
    Communication on EU Missions assessment.", "Activities may start at any TRL."), which says
    nothing about the call it stands in. The rounds of one call share its title and count once.
    """
    holders: dict[str, set[str]] = {}
    for title, description in calls:
        name = " ".join(title.lower().split())
        for sentence in sentences_of(description or ""):
            if len(sentence.split()) >= SHARED_MIN_WORDS:
                holders.setdefault(sentence_key(sentence), set()).add(name)
    return frozenset(key for key, names in holders.items() if len(names) >= SHARED_BY)


def standard_share(text: str, shared: frozenset[str]) -> float:
    """The share of a text's words that stand in sentences of ``shared`` (a programme's
    standard text, :func:`shared_sentences`): 0.0 for a passage all its own."""
    sentences = sentences_of(text)
    words = sum(len(s.split()) for s in sentences)
    if not words or not shared:
        return 0.0
    standard = sum(len(s.split()) for s in sentences if sentence_key(s) in shared)
    return standard / words


def says_its_own(quoted: str, shared: frozenset[str]) -> bool:
    """True when a quote holds a sentence that is not in ``shared``: something of the call's
    own, not only its programme's standard text."""
    keys = (sentence_key(s) for s in sentences_of(quoted.strip("…")))
    return any(key and key not in shared for key in keys)


def only_context(quoted: str) -> bool:
    """True when every sentence of a quote is about the call's context (:func:`_on_context`:
    other projects' work, its place in a programme, what it does not fund, how many partners
    or sites it must have, the terms of its grant, the programme's standard duties): what a
    passage of nothing else is quoted by."""
    found = sentences_of(quoted.strip("…"))
    return bool(found) and set(found) <= _on_context(found)


# Another call's or project's identifier ("HORIZON-MISS-2023-CLIMA-CITIES-01-01"): a topic's
# list of earlier calls to build on, not what this one is for.
_CALL_ID = re.compile(r"\b[A-Z][A-Z0-9]+(?:-[A-Z0-9]+){3,}\b")


# A sentence that sends the reader to the call's documents ("… as set out in the call
# document", "(see Call document section 2 and 9)", "… assessed as described in the Award
# criterion ‘Impact’"): how to apply, not what the call is for.
_PROCEDURE = re.compile(
    r"\bcall documents?\b|\baward criteri(?:on|a)\b|\bsee (?:the )?sections? \d", re.IGNORECASE
)


# A sentence on working with other projects ("Synergies with other Horizon Europe Cluster 3
# Destinations …", "Projects are expected to collaborate with the Mission Soil Platform",
# "Clustering and cooperation with other selected projects …", "Proposals should review,
# build on and connect to other relevant projects …"): how the call's projects
# fit with others', not what the call is for. Synergies "between" two things, or "to
# overcome fragmentation", are what a call does, and so is a long sentence that names other
# work only late, in the last of its list (:func:`_on_context`), and a "thematic" or
# "territorial clustering".
_OTHER_WORK = re.compile(
    r"^\W*synergies\b|\b(?:synerg(?:y|ies)|complementarit(?:y|ies))(?: [\w-]+){0,2} with\b|"
    r"\bclustering(?: and cooperation| activities| initiatives| efforts| with)\b|"
    r"\bcollaborat\w*(?:/\w+)? with (?:the )?(?:[\w’‘'-]+ ){0,4}"
    r"(?:platforms?|projects?|initiatives?)\b|"
    r"\b(?:build on|connect to)(?: and [\w ]+?)? (?:other |existing |previous )?(?:relevant )?"
    r"(?:[\w-]+ ){0,3}?(?:projects?|initiatives?)\b",
    re.IGNORECASE,
)


# A sentence on where a call sits ("This topic is one of the 5 priorities of the call for
# …", "This call is part of the … programme", "Den här utlysningen ingår i …"): the programme
# around it, not what the call is for.
_PLACEMENT = re.compile(
    r"^\W*(?:this (?:topic|call|action) (?:is|forms) (?:one of|(?:a )?part of)|"
    r"(?:utlysningen|denna utlysning|den här utlysningen) (?:är en del av|ingår i))\b",
    re.IGNORECASE,
)


# A sentence on what a call does not fund ("The use of hydrogen for heating purposes is out of
# scope", "Bioenergy/biofuels sector is not in scope …", "… is not within the scope of this
# topic"): its words are the priority's at times, but it says the call is not for them.
_OUT_OF_SCOPE = re.compile(
    r"\bout of (?:the )?scope\b|\bnot (?:with)?in (?:the )?scope\b|"
    r"\b(?:outside|beyond) (?:the|its) scope\b|\bomfattas inte\b",
    re.IGNORECASE,
)


# A sentence on how many partners, cities or sites a project must have ("At least one of
# the cities selected for twinning must be …", "Pilot sites should be created in at least two
# lead cities"): a condition of the consortium, told beside who may apply, not what the call
# is for; its "cities" are every urban priority's word.
_COMPOSITION = re.compile(
    r"\bat least (?:one|two|three|four|five|six|\d+)\b(?: of)?(?: the| its| their)?"
    r"(?: [\w-]+){0,3}? (?:cit(?:y|ies)|partners?|countries|member states|(?:pilot |demo )?sites?|"
    r"organi[sz]ations?|entities|beneficiaries|municipalities|regions|applicants|participants|"
    r"neighbou?rhoods?|districts?|living labs?|use cases?|pilots?|demonstrators?|locations?)\b",
    re.IGNORECASE,
)


# A sentence on the terms of the grant ("Such support can only be given in the form of
# grants.", "The project should have a maximum estimated duration of 1 year.", "The maximum
# EU contribution per funded project will not exceed …", "The Commission estimates that …",
# "Projects may award financial support to third parties …") in its first twelve words, or
# on the programme's standard duties wherever it names them (the gender dimension of the
# research, a route towards open access, data made FAIR): how the call funds and what every
# project of the programme owes, not what the call is for.
_GRANT_TERMS = re.compile(
    r"\b(?:be (?:given|provided) in the form of|(?:project|estimated|expected) duration|"
    r"(?:maximum|estimated|requested|the) EU contribution|the commission estimates|"
    r"financial support to third parties)\b",
    re.IGNORECASE,
)
_STANDARD_DUTIES = re.compile(
    r"\bgender dimension\b|\broute towards open access\b|\b(?-i:FAIR)\b", re.IGNORECASE
)


def _on_context(sentences: list[str]) -> set[str]:
    """The sentences about the call's context rather than the call: working with other
    projects (:data:`_OTHER_WORK` in their first twenty words), where it sits in a
    programme (:data:`_PLACEMENT`), what it does not fund (:data:`_OUT_OF_SCOPE`), how many
    partners or sites it must have and the terms of its grant (:data:`_COMPOSITION`,
    :data:`_GRANT_TERMS`, in their first twelve words), and the programme's standard duties
    (:data:`_STANDARD_DUTIES`)."""
    found = {s: _OTHER_WORK.search(s) for s in sentences}
    beside = {s for s, hit in found.items() if hit and len(s[: hit.start()].split()) <= 20}
    told = {
        s
        for s in sentences
        for pattern in (_COMPOSITION, _GRANT_TERMS)
        if (hit := pattern.search(s)) and _early(s, hit.start())
    }
    owed = {s for s in sentences if _STANDARD_DUTIES.search(s)}
    placed = {s for s in sentences if _PLACEMENT.match(s) or _OUT_OF_SCOPE.search(s)}
    return beside | told | owed | placed


def _early(sentence: str, at: int) -> bool:
    """Whether a place in a sentence lies within its first twelve words: a condition there is
    what the sentence says, one later the end of a sentence about the call's work ("deploy
    … measures to increase urban green spaces … in at least two pilot sites")."""
    return len(sentence[:at].split()) <= 12


def readable(sentence: str) -> bool:
    """False for a sentence a reader gets nothing from: links, other calls' identifiers and
    footnote numbers (a topic's list of references), a pointer to the call's documents, or
    little but figures and signs."""
    if _LINK.search(sentence) or _CALL_ID.search(sentence) or _PROCEDURE.search(sentence):
        return False
    letters = sum(ch.isalpha() for ch in sentence)
    return letters >= 0.6 * len(sentence.replace(" ", ""))


def _begins_sentence(text: str) -> bool:
    """True when a text starts as a sentence does (a capital, a figure, a quote or a bracket),
    not inside one (a small letter, a comma)."""
    first = text.lstrip()[:1]
    if _LINK.match(text.lstrip()):
        return True  # a list of links has no sentence to be inside
    if _LETTER_CUT.match(text.lstrip()):
        return False  # "A), Disaster-Resilient Society …": the end of "… Option A), …"
    return first.isupper() or first.isdigit() or first in "\"'“”‘’«([–-•*"


_LETTER_CUT = re.compile(r"[A-ZÅÄÖ]\)?[,;:]\s")


# A figure that opens a list's item ("2) Support …", "2.2 – Internal …", "1. The …").
_ITEM_NUMBER = re.compile(r"\d{1,2}(\.\d{1,2})*(\)|\.|\s*[–-])\s")


def _begins_passage(text: str) -> bool:
    """True when the first piece of a passage starts a sentence. A passage is cut by words,
    so a figure it begins with is mostly the end of a sentence cut in two ("… by 2030, and
    possibly other …", "… of 18 December 2023 on a European framework …"), unless it numbers
    an item of a list; so is a dash before a small letter (:data:`_DASH_SMALL`)."""
    if text.lstrip()[:1].isdigit():
        return bool(_ITEM_NUMBER.match(text.lstrip()))
    if _DASH_SMALL.match(text.lstrip()):
        return False  # "– see General Annex B.": the end of "… by the end of the project – …"
    return _begins_sentence(text)


# A dash and a small letter at a passage's start: the rest of a sentence the cut went through
# (a list's item with a small letter goes on the sentence that leads into it, too).
_DASH_SMALL = re.compile(r"[–-] [a-zåäö]")


EDGE_WORDS = 60  # words of a neighbouring passage that may complete a sentence cut in two
_STATEMENT_END = (".", "!", "?", ":", ";", ")")  # what a passage's last piece ends with, whole
_ENDED = (*_STATEMENT_END, "…", "”", '"', "’")  # a quote's end: whole, or shortened by "…"
# Where a piece ends, as :func:`_pieces` cuts them: a sentence's end before a capital, a figure
# or a footnote's bracket (not "e.g. the"), a semicolon between a list's items, a line break.
_PIECE_END = re.compile(r"[.!?][”’\"]?" + _EXAMPLES + r"(?=\s+[A-ZÅÄÖ0-9\[])|;(?=\s)|\n")


def whole_edges(passages: list[str], n: int, title: str) -> str:
    """Passage ``n`` of a call's ``passages`` (as :func:`matcher.chunks.call_passages` cuts
    them by words, each after the title) with the sentences cut at its edges made whole from
    its neighbours: the end of the one it ends inside, from the next passage's first words,
    and the start of the one it begins inside, from the previous passage's last words (at
    most :data:`EDGE_WORDS` of each), so that a quote has whole sentences to choose from. A
    passage that ends a piece (a full stop, a heading's line break) or a neighbour that
    starts one is left as it is."""
    head = title.strip()
    text = passages[n]
    body = _without_title(text, head)
    prefix = text[: len(text) - len(body)]
    if n + 1 < len(passages) and not body.rstrip().endswith(_STATEMENT_END):
        after = _without_title(passages[n + 1], head)
        end = _PIECE_END.search(after)
        if end and not _begins_passage(after) and len(after[: end.end()].split()) <= EDGE_WORDS:
            body = f"{body} {after[: end.end()].rstrip()}"
    if n > 0 and (not _begins_passage(body) or _cut_inside(passages, n, head)):
        before = _without_title(passages[n - 1], head)
        starts = [m.end() for m in _PIECE_END.finditer(before)]
        start = starts[-1] if starts else (0 if n == 1 else None)
        if start is not None and 0 < len(before[start:].split()) <= EDGE_WORDS:
            body = f"{before[start:].strip()} {body}"
    return prefix + body


def only_notes(quoted: str, passages: list[str], title: str) -> bool:
    """Whether a quote is nothing but pieces of the call's notes (:func:`note_references`:
    the sources it names, the words it defines), quoted because its passage held nothing
    else: it says nothing of what the call does, as standard text does not."""
    head = title.strip()
    notes = note_references(" ".join(_without_title(p, head) for p in passages), stating=True)
    pieces = [p.strip("… ") for p in _pieces(quoted)]
    return (
        bool(notes)
        and bool(pieces)
        and all(any(note.startswith(piece) for note in notes) for piece in pieces)
    )


def _cut_inside(passages: list[str], n: int, head: str) -> bool:
    """Whether passage ``n`` begins inside a sentence whatever its first letter: the passage
    before it ends without a sentence's end, so the cut went through a sentence ("… such as
    the Waste Framework Directive and the Ecodesign for Sustainable Products" | "Regulation,
    this topic aims at …"). A footnote or a link at its start begins anew."""
    body = _without_title(passages[n], head).lstrip() if n else ""
    if not body or body.startswith("[") or _LINK.match(body):
        return False  # a footnote ("[13] https://…") or a link starts anew
    before = _without_title(passages[n - 1], head).rstrip()
    return bool(before) and not before.endswith(_ENDED)


def quote_of(
    passages: list[str],
    n: int,
    title: str,
    keywords: list[str],
    shared: frozenset[str] = frozenset(),
    *,
    beside_facts: bool = False,
    terms: tuple[str, ...] | list[str] = (),
) -> str:
    """The :func:`quote` of passage ``n`` of a call's ``passages``; when all it has to quote
    is a piece of a sentence the passage cut in two (the quote begins with "…" or ends
    inside a sentence), the quote of the passage with its edges made whole
    (:func:`whole_edges`). A passage with whole sentences to quote is quoted as it is; one
    that the cut began inside a sentence (:func:`_cut_inside`) does not count its first
    piece as whole, capital or not. The pieces of the call's notes (:func:`note_references`,
    read from all its passages, since a note's number is used in another) are quoted only
    when nothing else is left, those that name a source last: a reference says nothing of
    the call, and a note's definition of a word ("‘Health and well-being’ should in the
    context of this topic be understood in a comprehensive sense …", "… youth is typically
    defined as individuals between the ages of 13 and 30") uses the priority's words
    without saying what the call does."""
    head = title.strip()
    text = " ".join(_without_title(p, head) for p in passages)
    notes = (note_references(text), note_references(text, stating=True))
    options: dict[str, Any] = {"beside_facts": beside_facts, "terms": terms, "notes": notes}
    text = passages[n]
    if _cut_inside(passages, n, head):  # its first piece is the end of a sentence, not one
        body = _without_title(text, head)
        text = f"{text[: len(text) - len(body)]}… {body.lstrip()}"
    found = quote(text, title, keywords, shared, **options)
    if not found.startswith("…") and found.endswith(_ENDED):
        return found
    return quote(whole_edges(passages, n, title), title, keywords, shared, **options)


def quote(
    passage: str,
    title: str,
    keywords: list[str],
    shared: frozenset[str] = frozenset(),
    *,
    beside_facts: bool = False,
    terms: tuple[str, ...] | list[str] = (),
    notes: tuple[frozenset[str], ...] = (),
) -> str:
    """The most telling sentences of the best passage, at most ~320 characters.

    The passage starts with the call's title (added for the model); the quote leaves it out,
    prefers the sentences that use the target's keywords (at a word's start) and English
    search terms (``terms``, whole words: :func:`matcher.lexical.term_hits`), and leaves out
    the footnotes that only name a source, then the call's notes (``notes``, one set after
    another: :func:`quote_of`), then the sentences on other projects' work or on where the
    call sits in a programme (:func:`_on_context`), the piece of a sentence a passage may
    begin with, the sentences that are not :func:`readable`, the standard text many calls
    share (``shared``, from :func:`shared_sentences`) and the lines that label rather than
    say (a field such as "Region: Övre Norrland", a heading, the title again), each while
    any other is left; a section's label before a sentence ("Expected Outcome: …") is left
    out. A footnote number inside a sentence does not cut it, and a line break (kept by
    ``matcher.chunks.call_passages(…, lines=True)``) ends a piece. With ``beside_facts`` (a
    match's quote, shown beside the digest's lines for the dates and who may apply), what a
    page labels as who may apply (:func:`who_pieces`) and the sentences that give the dates
    (:func:`dates_sentence`) go too, while anything else is left."""
    head = title.strip()
    body = without_inline_notes(_without_title(passage, head))
    pieces = [p for p in _pieces(body) if len(_FOOTNOTE.sub("", p)) > 20]
    who = {_FOOTNOTE.sub("", p) for p in who_pieces(body)} if beside_facts else set()
    sentences = [_FOOTNOTE.sub("", p) for p in pieces]
    final = sentences[-1] if sentences else ""
    references = {s for p, s in zip(pieces, sentences, strict=True) if _reference(p)}
    whole, cut = _whole_sentences(sentences)
    sentences = (
        [s for s in whole if readable(s)] or [s for s in sentences if readable(s)] or sentences
    )
    for left_out in (references, *notes, _on_context(sentences), who):  # one after another
        sentences = [s for s in sentences if s not in left_out] or sentences
    if beside_facts:
        sentences = [s for s in sentences if not dates_sentence(s)] or sentences
    # The title again says least of all: a page of nothing but the title and standard text
    # is quoted by the standard text.
    sentences = [s for s in sentences if sentence_key(s) != sentence_key(head)] or sentences
    sentences = _without_standard(sentences, shared, final)
    saying = [s for s in sentences if not _label_line(s, last=s == final)]
    if saying:  # a page of nothing but fields keeps its labels, or the values lose sense
        said = [_BULLET.sub("", _unlabelled(s)) for s in saying]
        sentences = [s for s in said if s] or saying  # a lead-in alone on its line goes
    if not sentences:
        return _shorten(body or head)
    picked = _pick(sentences, keywords, terms)
    if not saying:  # fields, one per line, kept apart: "Programme: …; Themes: …"
        picked = [_field_end(f) for f in picked[:-1]] + picked[-1:]
    found = _shorten(_unquoted(" ".join(picked)))
    # Nothing else to quote but a piece from inside a sentence: say so, as the end does.
    if _begins_sentence(found) and picked[0] != cut:
        return found
    return _shorten("…" + found.lstrip(" ,;:.)–-"))  # a list item's dash goes too


def _whole_sentences(sentences: list[str]) -> tuple[list[str], str | None]:
    """A passage's sentences without the piece of a sentence it may begin or end with (a
    passage is cut by words; the piece says little), while another is left, and the first
    piece when it is such a cut piece (None when it starts a sentence)."""
    whole = sentences
    cut = sentences[0] if sentences and not _begins_passage(sentences[0]) else None
    if len(whole) > 1 and cut is not None:
        whole = whole[1:]
    if len(whole) > 1 and not whole[-1].endswith((".", "!", "?", ":", ";", ")")):
        whole = whole[:-1]
    return whole, cut


def _without_standard(sentences: list[str], shared: frozenset[str], final: str) -> list[str]:
    """The sentences without the standard text many calls share, while a sentence that says
    something is left: not a page's field alone (calls that are one action's variants share
    every sentence but a field, "Scope: ERASMUS+ VIRTUAL EXCHANGES")."""
    unshared = [s for s in sentences if sentence_key(s) not in shared]
    if any(not _label_line(s, last=s == final) for s in unshared):
        return unshared
    return sentences


def _without_title(passage: str, head: str) -> str:
    """The passage without the call's title the model reads first (and the programme in
    brackets after it)."""
    body = passage
    if head and body.startswith(head):
        body = body[len(head) :].lstrip(" .")
        if body.startswith("("):
            body = body[_closing(body) + 1 :].lstrip(" .")
    return body


# A sentence that leans on the one before it ("Consequently, they can deliver …", "These
# objectives will be …", "Dessutom ska …") says little on its own. A sentence about "this
# topic" or "this call" names its subject.
_LEANING = re.compile(
    r"^(?:they|it(?! is\b)|its|their|these|those(?! (?:who|that|wishing|interested)\b)|such|"
    r"consequently|furthermore|moreover|however|therefore|thus|hence|finally|additionally|"
    r"likewise|similarly|also|in addition|as a result|to (?:this|that) (?:end|extent)|"
    r"in this (?:context|regard|respect|spirit|way)|against this backdrop|in parallel|"
    r"in doing so|de(?! som\b)|dessa|detta|därför|dessutom|slutligen|"
    r"därmed|vidare|även)\b"
    r"|^this\b(?! (?:[\w-]+ ){0,2}(?:topic|call|action|programme|program|initiative|prize|"
    r"award|grant|project|mission|partnership|network|scheme|fund|facility|offer|"
    r"opportunity)\b)",
    re.IGNORECASE,
)


# A sentence that says what the call asks for or funds ("Proposals should …", "Projects are
# expected to …", "This topic supports …", "Develop …", "Projekten ska …"),
# rather than the background it is written against ("Significant efforts have been made …").
_ASKS = re.compile(
    r"^(?:proposals?|projects?|actions?|activities|consortia|"
    r"the (?:project|action|consortium|call|topic|proposal)s?|this (?:topic|call|action|grant)|"
    r"successful (?:proposals|projects))\b[^.;]{0,40}?\b(?:should|must|shall|will|are expected|"
    r"is expected|are encouraged|are invited|aims?|supports?|funds?|focus(?:es)?)\b"
    r"|^(?:develop|demonstrate|design|implement|test|deploy|support|establish|create|provide|"
    r"promote|assess|analy[sz]e|identify|build|pilot|strengthen|foster|engage|co-create|map|"
    r"ensure|explore|improve|increase|reduce|enhance|set up|carry out)\b"
    r"|^(?:stödet|projekten?|utlysningen|ansökan|sökande)\b[^.;]{0,40}?\b(?:ska|kan|bör|får)\b",
    re.IGNORECASE,
)


def leans(text: str) -> bool:
    """Whether a sentence or quote opens leaning on a sentence before it (:data:`_LEANING`:
    "It also supports …", "These objectives …"), and so says little on its own."""
    return bool(_LEANING.match(text.lstrip("…\"'“”‘’«(–-•* ")))


def _asks(sentence: str) -> bool:
    """Whether a sentence says what the call asks for or funds (:data:`_ASKS`)."""
    return bool(_ASKS.match(sentence.lstrip("\"'“”‘’«(–-•* ")))


def _pick(
    sentences: list[str], keywords: list[str], terms: tuple[str, ...] | list[str] = ()
) -> list[str]:
    """The sentences with the most of the target's words first (:func:`words_used`; of as
    many, one that does not lean on the sentence before it, :data:`_LEANING`; then the one
    with the most words of the keywords and terms of more than one word as whole words,
    "gender" of "gender equality", :func:`matcher.lexical.phrase_words`; then one the quote
    holds whole; then one that says what the call asks for, :data:`_ASKS`, rather than its
    background; then the earlier),
    as many as :data:`MAX_PASSAGE` holds (at least one), in the order the passage has them."""
    single = phrase_words([*keywords, *terms])
    scored = sorted(
        range(len(sentences)),
        key=lambda i: (
            -words_used(sentences[i], keywords, terms),
            leans(sentences[i]),
            -len(term_hits(single, sentences[i])),
            len(sentences[i]) > MAX_PASSAGE,  # one the quote must cut may lose its words
            not _asks(sentences[i]),
            i,
        ),
    )
    chosen: list[int] = []
    length = 0
    for i in scored:
        if length + len(sentences[i]) > MAX_PASSAGE and chosen:
            break
        chosen.append(i)
        length += len(sentences[i]) + 1
    return [sentences[i] for i in sorted(chosen)]


def words_used(sentence: str, keywords: list[str], terms: tuple[str, ...] | list[str]) -> int:
    """How many different words of the keywords and terms a sentence uses: "public transport"
    and "transport" are two words, not three, and a keyword that is a term too counts once.
    A keyword or term written in small letters counts only where the sentence uses it as
    words, not only inside a name (:func:`_only_in_names`)."""
    found = keyword_hits(keywords, sentence) + term_hits(list(terms), sentence)
    used = [hit for hit in found if not _only_in_names(hit, sentence)]
    return len({word for hit in used for word in hit.lower().split()})


# What may stand before a word that starts a sentence or a piece of one (a list's item, a
# bracket's), where a capital says nothing of a name.
_PIECE_START = tuple(".;:!?•–—-(\"'“”‘’«")


def _only_in_names(hit: str, sentence: str) -> bool:
    """Whether a keyword or term in small letters ("smart cities") stands in ``sentence`` only
    with a capital inside it, where no sentence or piece starts: in a name ("the EU Mission
    on Climate-Neutral and Smart Cities", "the Clean Hydrogen Partnership") that says what
    the call works with, not what it is about. A keyword written with capitals ("URBACT",
    "Erasmus+") is a name itself and always counts."""
    if not hit[:1].islower():
        return False
    for found in re.finditer(r"(?<![\wåäö])" + re.escape(hit), sentence, re.IGNORECASE):
        before = sentence[: found.start()].rstrip()
        if found.group(0)[:1].islower() or not before or before.endswith(_PIECE_START):
            return False
    return True


def _field_end(piece: str) -> str:
    """A field of the page ("Themes: Greener Europe") ended with a semicolon when nothing
    ends it, so that fields quoted on one line stay apart."""
    if _LABELLED.fullmatch(piece) and not piece.endswith((".", "!", "?", ":", ";")):
        return piece + ";"
    return piece


# A heading the page runs into its first sentence without a stop ("Training activities The
# training activities …", "Taking circular economy forward in central Europe A climate-neutral
# … economy requires …"): two to twelve words without a sentence's punctuation, then a word
# that opens sentences, capitalised, before a small letter: an article (not a letter that
# names a part, "Scope A are …"), or a noun such as "Proposals" after a small word (not a
# name's, "Innovative Actions strand") or an imperative ("… studies Analyse and compare …").
# After a capitalised word (a heading in title case, "… Quality Employment Analyse …") only
# an imperative, "Proposals" or "Applicants" will do: "Projects", "Actions" and the like end
# names there ("European Cooperation Projects are …", "This Innovation Action will …").
_HEADING_WORDS = r"^[A-ZÅÄÖ][\w’'&()/-]*(?: [\w’'&()/–-]+){0,10}?"
_NAMES_A_PART = "".join(
    rf"(?<!\b{word})" for word in ("Annex", "Scope", "Part", "Type", "Option", "Section", "Lot")
)
_RUN_IN_HEADING = re.compile(
    _HEADING_WORDS
    + r"(?: [\w’'&()/–-]+"
    + _NAMES_A_PART
    + r" (?=(?:The|A|An|This|These|Each|All) [a-z])"
    r"| [a-zåäö][\w’'&()/–-]* (?=(?:Projects?|Proposals?|Applicants?|Activities|Actions?|"
    r"Beneficiaries|Participants|Partners|Analy[sz]e|Assess|Demonstrate|Design|Develop|"
    r"Ensure|Establish|Explore|Identify|Investigate|Produce|Promote|Provide) [a-z])"
    r"| [A-ZÅÄÖ][\w’'&()/–-]+ (?=(?:Proposals|Applicants|Analy[sz]e|Assess|Demonstrate|"
    r"Develop|Ensure|Establish|Explore|Identify|Investigate|Produce|Promote|Provide) [a-z]))"
)


# A heading of a topic's part in sentence case, run into the part's first sentence without a
# stop ("Focus 2 Evaluating adaptive reuse of built cultural heritage Cultural heritage
# buildings are …", "Area B: Improved scenario frameworks Update baseline scenarios …"): its
# words after its first are small (or acronyms), two or more, up to the capital that opens a
# sentence. A heading in title case ("Area 6 Rolling Stock cluster …") or with a comma is
# left to the other rules, as no word marks its end.
_PART_HEADING = re.compile(
    r"^(?:Focus|Area|Strand|Sub-?topic|Stream|Module|Track|Option) [0-9A-D][:.]? "
    r"[A-ZÅÄÖ][\w’'&()/-]*(?: (?:[a-zåäö0-9][\w’'&()/–-]*|[A-Z0-9&-]{2,}\)?)){1,14}? "
    r"(?=[A-ZÅÄÖ][a-zåäö]+,? [a-zåäö(])"
)


def _unlabelled(sentence: str) -> str:
    """A sentence without the section labels before it ("Expected Outcome: Deliverables: …"),
    a heading run into it (:data:`_RUN_IN_HEADING`) and a list's lead-in (:data:`_LEAD_IN`)
    where a capital or an item follows it: a small letter keeps it, as the quote does not
    rewrite a sentence. A lead-in alone is left empty; a part's heading run into its first
    sentence (:data:`_PART_HEADING`) goes first, and a heading before a section's label with
    the label (:data:`_HEADED_LABEL`)."""
    sentence = _PART_HEADING.sub("", sentence)
    for _ in range(3):
        sentence, found = _LABEL.subn("", sentence)
        if not found:
            break
    sentence = _HEADED_LABEL.sub("", sentence)
    return _LEAD_IN.sub("", _RUN_IN_HEADING.sub("", sentence))


def _closing(text: str) -> int:
    """Where the bracket that opens ``text`` closes (a programme's name may hold brackets of
    its own: "ERDF (Tillväxtverket) – Östra Mellansverige"); -1 when it never does."""
    depth = 0
    for at, ch in enumerate(text):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0:
            return at
    return -1


def _unquoted(text: str) -> str:
    """Without a quotation mark whose partner the quote left out (an odd closing ” with no “,
    or the other way round; Swedish ”…” pairs stay): the digest adds quotation marks of its
    own around the quote."""
    for mark, partner in (("”", "“"), ("“", "”")):
        if partner not in text and text.count(mark) % 2:
            at = len(text) - 1 if text.endswith(mark) else text.index(mark)
            text = text[:at] + text[at + 1 :]
    return text


# A space a page left before a sentence's punctuation ("… Value Programme (CERV) .", "section
# 9 )"): the quote reads without it.
_SPACE_BEFORE = re.compile(r"\s+(?=[.,;:!?)]+(?:\s|$))")


def _shorten(text: str) -> str:
    """The quote on one line, without spaces before punctuation, cut at a word to at most
    :data:`MAX_PASSAGE` characters."""
    text = _SPACE_BEFORE.sub("", " ".join(text.split()))
    if len(text) <= MAX_PASSAGE:
        return text
    cut = text.rfind(" ", 0, MAX_PASSAGE - 1)
    return text[: cut if cut > 0 else MAX_PASSAGE - 1] + "…"
