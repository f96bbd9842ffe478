"""A department's reply to its digest, read as marks: "2 och 5 är intressanta, 3 är inte
relevant – vi har ingen hamn".

The digest asks the departments without answer links to reply with numbers; the coordinator
saves the reply (an .eml file or its text) and ``eufunds reply`` turns it into marks. The
reading is strict on purpose: a number counts only where the words right after it say
what it is ("2 är intressant", "nr 4 och 7: inte relevanta"), or the answer stands right
before numbers that end the sentence ("Intressanta: 2, 5", "Vi är intresserade av 2 och
5", "Vi söker 6"), or "resten" stands for the numbers no other answer names ("resten är
inte relevanta"), and every sentence with a number or an answer word the reading could
not place is handed back to be read by a person. The quoted digest below the reply is not
read.
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import getaddresses

# The answer words, as a department writes them, and the mark each means. A negated word is
# "not relevant" ("inte intressant", "ej aktuell"); the negation comes first, so that
# "inte relevant" is never read as "relevant".
_WORDS: tuple[tuple[str, str], ...] = (
    (
        r"(?:inte|ej|icke)\s+(?:så\s+|alls\s+)?(?:relevanta?|intressanta?|aktuell[at]?)",
        "not-relevant",
    ),
    (
        r"(?:vi\s+är\s+)?(?:inte|ej|icke)\s+(?:så\s+|alls\s+)?intresserade?(?:\s+av)?",
        "not-relevant",
    ),
    (r"irrelevanta?|ointressanta?", "not-relevant"),
    # "5 och 6 passar inte oss", "4 passar oss inte", "3 är inget för oss".
    (
        r"passar\s+(?:inte|ej)(?:\s+(?:oss|in|för\s+oss))?|passar\s+oss\s+(?:inte|ej)|"
        r"(?:är\s+)?inget\s+för\s+oss",
        "not-relevant",
    ),
    (
        r"(?:har\s+)?(?:fått\s+)?bevilja(?:d|de|t|ts)|(?:har\s+)?fått\s+(?:bidrag|stöd|pengar)",
        "granted",
    ),
    (r"(?:har\s+)?fått\s+avslag|avslag(?:en)?|avslagna?", "rejected"),
    (
        r"(?:(?:har\s+vi|vi\s+har|har)\s+)?(?:redan\s+)?(?:an)?sökt|"
        r"(?:ansökan\s+är\s+)?inskickad|(?:har\s+)?skickat\s+in",
        "applied",
    ),
    (
        r"(?:vi\s+)?(?:ska|kommer\s+att|tänker|planerar\s+att)\s+(?:an)?söka|(?:vi\s+)?söker|"
        r"(?:vi\s+)?vill\s+(?:vi\s+)?(?:an)?söka",
        "applying",
    ),
    (
        r"intressanta?|relevanta?|aktuell[at]?|(?:vi\s+är\s+)?intresserade?(?:\s+av)?|"
        r"passar(?:\s+oss)?(?:\s+bra)?|(?:vi\s+)?vill\s+(?:gärna\s+)?veta\s+mer\s+om|"
        r"(?:vi\s+)?tittar\s+gärna\s+(?:vidare\s+)?på",
        "interested",
    ),
)
_MARK_WORD = "|".join(f"(?:{w})" for w, _ in _WORDS)
_NUMBER = r"(?:(?:nr|nummer)\.?\s*|#)?\d{1,3}(?:\s*[-–]\s*\d{1,3})?"
_NUMBERS = rf"{_NUMBER}(?:\s*(?:,|och|&|\+|samt)\s*{_NUMBER})*"
# A few words that may stand between the numbers and the answer: "2 är mycket intressant".
_LINK = (
    r"(?:(?:är|blir|känns|verkar|låter|ser|=|:|-|–|—)\s*)?"
    r"(?:(?:också|även|mycket|väldigt|jätte|absolut|klart|verkligen)\s+)*"
)
# "8 söker vi inte": a negation right after the answer word takes it back.
_NOT_AFTER = r"(?!\s+(?:\w+\s+)?(?:inte|ej|icke)\b)"
# "2 är intressant" (the numbers first) and "Intressanta: 2 och 5" (the answer first).
_NUMBERS_FIRST = re.compile(
    rf"(?<![\w.,/:-])(?P<numbers>{_NUMBERS})\s*{_LINK}(?P<word>{_MARK_WORD})(?!\w){_NOT_AFTER}",
    re.IGNORECASE,
)
_WORD_FIRST = re.compile(
    rf"(?<!\w)(?P<word>{_MARK_WORD})\s*[:=]\s*(?P<numbers>{_NUMBERS})(?![\w/.,]\d)",
    re.IGNORECASE,
)
# "Intressant är 2", "Vi är intresserade av 2 och 5", "Vi söker 6", "Vi har sökt 4": the
# answer first without a colon counts only where the numbers end the sentence or the answer
# ("Vi söker 6 nya lärare" is no answer).
_WORD_BEFORE = re.compile(
    rf"(?<!\w)(?P<word>{_MARK_WORD})\s+(?:är\s+)?(?P<numbers>{_NUMBERS})"
    r"(?=\s*(?:[.!?,;]|$|(?:och|men|samt)\b))",
    re.IGNORECASE,
)
# "Resten är inte relevanta", "Övriga numren är intressanta": the digest's numbers the
# reply does not answer otherwise (``Answer.rest``; which they are, the digest decides).
_REST = re.compile(
    rf"(?<!\w)(?P<numbers>resten|övriga|de\s+andra|alla\s+andra)"
    r"(?:\s+(?:nummer|numren|utlysningar(?:na)?))?\s*"
    rf"{_LINK}(?P<word>{_MARK_WORD})(?!\w){_NOT_AFTER}",
    re.IGNORECASE,
)
# What may stand between two answers of one sentence ("2 är intressant, och 3 …").
_BETWEEN = re.compile(
    r"[\s,;:–—-]*(?:(?:och|samt|men|medan|även|också|dessutom)\b[\s,]*)*", re.IGNORECASE
)
# What an answer's words end with before the next answer ("12 vill vi söka, och"): left out.
_TRAILING = re.compile(r"(?:[\s,;–—-]|\b(?:och|samt|men|medan)\b)+$", re.IGNORECASE)
# A negation between the numbers and an answer other than "not relevant": "2 söker vi inte".
_NEGATED = re.compile(r"\b(?:inte|ej|icke|aldrig)\b", re.IGNORECASE)
_ANY_WORD = re.compile(rf"(?<!\w)(?:{_MARK_WORD})(?!\w)", re.IGNORECASE)
_NUMBER_LEFT = re.compile(r"(?<!\d)\d{1,3}(?!\d)")
# A Swedish or international telephone number ("013-20 60 00", "+46 70 123 45 67"): it
# begins with 0 or +, so a run of digest numbers ("1 2 3 4") is never taken for one.
_PHONE = re.compile(r"(?:\+|(?<!\d)0)\d[\d\s()-]{5,}\d")
_NR_DOT = re.compile(r"\b(nr|nummer)\.", re.IGNORECASE)
# Where the quoted digest begins in a reply: a quoted line, or the header a mail program
# writes above it ("Från: …", "-----Ursprungligt meddelande-----", "Den 1 dec. 2026 skrev …:").
_QUOTE_STARTS = re.compile(
    r"^\s*(?:>|-{2,}\s*(?:ursprungligt meddelande|original message|vidarebefordrat)|"
    r"(?:från|from)\s*:|(?:den|on)\s.{3,160}\b(?:skrev|wrote)\b.*:\s*$)",
    re.IGNORECASE | re.MULTILINE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
REASON_LENGTH = 300


@dataclass(frozen=True)
class Answer:
    """One answer of a reply: the digest's numbers it names, the mark, and the words said."""

    numbers: tuple[int, ...]
    mark: str
    said: str
    rest: bool = False  # the digest's numbers the reply answers no other way ("resten")


@dataclass
class ReadReply:
    """What a reply says: its answers, and the sentences left for a person to read."""

    answers: list[Answer] = field(default_factory=list)
    unclear: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ReplyMail:
    """The parts of a saved reply that say who answered which digest."""

    text: str
    sender: str | None = None
    subject: str | None = None
    in_reply_to: tuple[str, ...] = ()


def mark_of(word: str) -> str:
    """The mark an answer word means ("intressanta" -> interested)."""
    for pattern, mark in _WORDS:
        if re.fullmatch(pattern, word.strip(), re.IGNORECASE):
            return mark
    raise ValueError(f"not an answer word: {word!r}")


def numbers_in(text: str) -> tuple[int, ...]:
    """The digest numbers of "2, 5 och 7", "nr 3–5" (a range counts every number in it)."""
    found: list[int] = []
    for first, last in re.findall(r"(\d{1,3})(?:\s*[-–]\s*(\d{1,3}))?", text):
        start, end = int(first), int(last or first)
        found.extend(range(start, end + 1) if start <= end <= start + 50 else (start, end))
    return tuple(dict.fromkeys(found))


def own_text(body: str) -> str:
    """The reply's own words: everything above the quoted digest."""
    quoted = _QUOTE_STARTS.search(body)
    return body[: quoted.start()] if quoted else body


def read_reply(body: str) -> ReadReply:
    """The answers of a reply's own words, and the sentences that hold a number or an answer
    word that no answer explains (to be read by a person)."""
    result = ReadReply()
    text = _NR_DOT.sub(r"\1", own_text(body))  # "nr. 2" is no sentence end
    for sentence in (s.strip() for s in _SENTENCE_END.split(text)):
        if not sentence:
            continue
        found, clear = _answers(sentence)
        if clear:
            result.answers.extend(found)
        else:
            # Not read whole: none of its answers is taken, a person reads it.
            result.unclear.append(_shorten(sentence))
    return result


def _answers(sentence: str) -> tuple[list[Answer], bool]:
    """The answers of one sentence and whether it was read whole (nothing left that has a
    number or an answer word)."""
    matches = sorted(
        [
            *_NUMBERS_FIRST.finditer(sentence),
            *_WORD_FIRST.finditer(sentence),
            *_WORD_BEFORE.finditer(sentence),
            *_REST.finditer(sentence),
        ],
        key=lambda m: m.start(),
    )
    chosen: list[re.Match[str]] = []
    for match in matches:
        before = sentence[chosen[-1].end() : match.start()] if chosen else ""
        if chosen and (match.start() < chosen[-1].end() or not _BETWEEN.fullmatch(before)):
            continue
        chosen.append(match)
    answers: list[Answer] = []
    left = sentence
    for i, match in enumerate(chosen):
        mark = mark_of(match.group("word"))
        between = sentence[match.end("numbers") : match.start("word")]
        if mark != "not-relevant" and _NEGATED.search(between):
            continue  # "2 söker vi inte": not an answer this reading can place
        until = chosen[i + 1].start() if i + 1 < len(chosen) else len(sentence)
        said = _TRAILING.sub("", sentence[match.start() : until])
        rest = match.re is _REST
        numbers = () if rest else numbers_in(match.group("numbers"))
        answers.append(Answer(numbers, mark, _shorten(said), rest))
        left = left.replace(match.group(0), " ", 1)
    left = _PHONE.sub(" ", left)  # a signature's telephone number is no answer
    clear = not _NUMBER_LEFT.search(left) and not _ANY_WORD.search(left)
    return answers, clear


def _shorten(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) <= REASON_LENGTH:
        return flat
    return flat[: flat.rfind(" ", 0, REASON_LENGTH)] + " …"


def parse_mail(data: bytes) -> ReplyMail:
    """A saved reply: a whole mail (.eml, with its headers) or only its text.

    Raises ValueError when the mail has no text part to read."""
    head = data[:2000].decode("utf-8", "replace")
    if not re.search(r"^(?:from|subject|message-id|date|to):", head, re.IGNORECASE | re.M):
        return ReplyMail(data.decode("utf-8", "replace"))
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    part = message.get_body(preferencelist=("plain",))
    if part is None:
        raise ValueError(
            "svaret har ingen textdel (bara HTML eller bilagor); spara svaret som text och "
            "läs in den filen"
        )
    senders = getaddresses([str(message.get("from", ""))])
    references = f"{message.get('in-reply-to', '')} {message.get('references', '')}"
    return ReplyMail(
        text=str(part.get_content()),
        sender=senders[0][1].strip().lower() if senders and senders[0][1] else None,
        subject=" ".join(str(message.get("subject", "")).split()) or None,
        in_reply_to=tuple(dict.fromkeys(re.findall(r"<[^<>\s]+>", references))),
    )


_REPLY_PREFIX = re.compile(r"^\s*(?:(?:sv|re|aw|vs|antw|svar)\s*:\s*)+", re.IGNORECASE)
_WEEK = re.compile(r"\bv\.\s*(\d{1,2})\b")


def digest_subject(subject: str | None) -> str | None:
    """The digest's subject a reply's subject quotes ("Sv: 5 nya … v. 48 – Miljö…")."""
    if not subject:
        return None
    return _REPLY_PREFIX.sub("", subject).strip() or None


def week_number(subject: str | None) -> int | None:
    """The week number a digest's subject names ("… v. 48 – …"), or None."""
    found = _WEEK.search(subject or "")
    return int(found.group(1)) if found else None
