"""Facts of the two languages the calls are written in: month names, the shapes of a date
written in words, and function words.

The crawler reads dates written in words (and ``db.status`` the dates of a source's list of
calls), the digests write them, the demo generates them, and search leaves function words
out of its keyword side; they all take the words from here.

Two other word lists stay apart because they answer other questions: ``db.jsonl`` guesses a
call's language from a dozen of the most frequent words of each language (a marker set, not
a stop list), and ``matcher.lexical`` leaves out of a priority's keywords, besides function
words, the words every municipal text uses ("kommunen", "utveckla").
"""

from __future__ import annotations

import re
import unicodedata

SWEDISH_MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Abbreviations both languages use in dates ("12 okt. 2026", "Oct 12, 2026").
MONTH_ABBREVIATIONS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "okt": 10,
    "nov": 11,
    "dec": 12,
}
MONTH_NUMBERS: dict[str, int] = {
    **{name: number for number, name in enumerate(SWEDISH_MONTHS, start=1)},
    **{name.lower(): number for number, name in enumerate(ENGLISH_MONTHS, start=1)},
    **MONTH_ABBREVIATIONS,
}
"""Every month name and abbreviation of both languages (lower case) -> month number."""

_MONTH = "(" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + r")\.?"
DAY_MONTH_YEAR = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th|:e|:a)?\.?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(\d{4}))?\b",
    re.IGNORECASE,
)
"""A date written day first, the year optional: "14 October 2024", "14th of October, 2024",
"5 juni 2024", "5 juni" (groups: day, month word, year)."""
MONTH_DAY_YEAR = re.compile(
    r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.IGNORECASE
)
"""A date written month first: "October 14, 2024", "March 12 2026" (groups: month word, day,
year)."""

# Function words match half the corpus and drown the words that carry a query.
SWEDISH_FUNCTION_WORDS = frozenset(
    (
        "i",
        "och",
        "att",
        "för",
        "på",
        "av",
        "med",
        "till",
        "som",
        "en",
        "ett",
        "den",
        "det",
        "är",
        "om",
        "från",
        "inom",
        "vid",
    )
)
ENGLISH_FUNCTION_WORDS = frozenset(
    (
        "the",
        "of",
        "and",
        "in",
        "for",
        "to",
        "a",
        "an",
        "on",
        "with",
        "by",
        "at",
        "is",
        "are",
        "or",
    )
)
FUNCTION_WORDS = SWEDISH_FUNCTION_WORDS | ENGLISH_FUNCTION_WORDS

# The stored values (English keys, as in the database and --json) in the words a Swedish
# reader sees, and the words the command line takes for them.
STATUS_SV = {"open": "öppen", "forthcoming": "kommande", "closed": "stängd", "unknown": "okänd"}
STATUS_WORDS = {"öppen": "open", "kommande": "forthcoming", "stängd": "closed", "okänd": "unknown"}
MARK_SV = {
    "interested": "intressant",
    "not-relevant": "inte relevant",
    "applying": "vi söker",
    "applied": "ansökt",
    "granted": "beviljad",
    "rejected": "avslag",
}
MARK_WORDS = {
    "intressant": "interested",
    "inte-relevant": "not-relevant",
    "söker": "applying",
    "ansökt": "applied",
    "beviljad": "granted",
    "avslag": "rejected",
}


def fold(word: str) -> str:
    """A value as a person may write it, folded for comparison: lower case, without å, ä, ö
    and accents (``oppen`` finds ``öppen``), a space or underscore for the hyphen (``inte
    relevant`` finds ``inte-relevant``). The command line's option values and a marks file's
    marks are read through it."""
    hyphened = re.sub(r"[\s_]+", "-", word.strip().lower())
    decomposed = unicodedata.normalize("NFKD", hyphened)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def mark_value(word: str) -> str | None:
    """The stored mark for a word a file or a person wrote (:func:`fold`): the English key,
    the command line's Swedish word or the word a reader sees ("Not relevant",
    "not_relevant", "inte relevant", "vi söker", "soker"); None for any other word."""
    return _MARKS_FOLDED.get(fold(word))


_MARKS_FOLDED = {fold(word): key for key, sv in MARK_SV.items() for word in (key, sv)} | {
    fold(word): key for word, key in MARK_WORDS.items()
}


ELIGIBILITY_SV = {"pass": "uppfyller", "fail": "uppfyller inte", "unknown": "oklart"}
BUDGET_SV = {"per_project": "per projekt", "call_total": "totalt i utlysningen"}
TARGET_SV = {"priority": "prioritering", "goal": "nämndmål"}
CHANGE_SV = {
    "new": "ny",
    "opened": "öppnade",
    "deadline_changed": "ny deadline",
    "text_changed": "texten ändrad",
    "closed": "stängde",
    "reopened": "öppnade igen",
    "reread": "samma text, omläst",
}
