"""Dates in prose: when a call opens and closes, read from its own words.

A feed entry says "Deadline: 12 March 2026", a Swedish page "Sista ansökningsdag 5 juni", a
text "the call is closed". :func:`dates_from_text` finds the opening date and the deadline a
text states (not the dates of events, decisions or project periods), or that applications
are taken continuously; :func:`ended_in_text` whether the text says the call has ended.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from db.language import DAY_MONTH_YEAR, MONTH_DAY_YEAR, MONTH_NUMBERS

# Dates outside these years are typos or history ("6 mars 1923", a 1990s programme), never
# the window of a call someone can still apply to.
MIN_YEAR = 2000
MAX_YEAR = 2099

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
    if says_ended(text):
        return True
    _, deadline, rolling = dates_from_text(text)
    return bool(deadline and not rolling and deadline < today.isoformat())


def says_ended(text: str) -> bool:
    """Whether the text says in words that the call has ended (a closing phrase or a status
    line "Stängd"), whatever dates it gives."""
    return bool(_ENDED.search(text) or _STATUS_CLOSED_LINE.search(text))
