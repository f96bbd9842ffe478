"""What a call's budget figure means: per project or the call's total.

A source gives one amount; whether it is what one project may get or what the whole call
shares decides whether a municipality's project fits. :func:`budget_kind` reads the sentence
that states it, or the source's field names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from db.records import BUDGET_KINDS

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
