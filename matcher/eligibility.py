"""The eligibility gate: can this municipality use this call? pass / fail / unknown, and why.

Four checks, each a fact with a Swedish reason: the dates (open or forthcoming), who may apply
(when the text says so), the region (programme areas and national programmes of other
countries), and the programmes the priorities file excludes.
"""

from __future__ import annotations

import re
from datetime import date

from db.records import Call
from db.status import derive_status, next_deadline
from matcher.regions import (
    COUNTRIES,
    INTERREG_SWEDISH_AREAS,
    SWEDISH_FUNDERS,
    nuts_covers,
    region_codes,
)
from priorities import Priorities

Fact = dict[str, str]

_PUBLIC = re.compile(
    r"\b(kommun(er|erna)?|municipalit(y|ies)|local (and regional )?authorit(y|ies)|"
    r"regional (and local )?authorit(y|ies)|local governments?|public (bodies|body|authorit"
    r"(y|ies)|sector organisations?|organi[sz]ations?|actors|administrations?)|"
    r"offentlig(a)? (aktörer|organisationer|sektorn|myndigheter)|urban authorit(y|ies)|"
    r"cities and regions)\b",
    re.IGNORECASE,
)
_ONLY = re.compile(
    r"\b(endast|enbart|bara|only|exclusively)\b[^.\n]{0,60}?\b(företag\w*|bolag\w*|SMEs?|"
    r"small and medium-sized enterprises|companies|start-?ups?|migrationsverket|"
    r"universit\w*|research organisations?|forskningsorganisationer|högskol\w*)",
    re.IGNORECASE,
)
_COMPANY_PITCH = re.compile(
    r"^\s*(är du ett|vi söker|har ditt|har du ett)\b[^.?\n]{0,40}?(företag|bolag)", re.IGNORECASE
)


def _status_fact(call: Call, today: date) -> Fact:
    status = derive_status(call.opening_date, call.deadlines, today, call.status_hint)
    upcoming = next_deadline(call.deadlines, today)
    if status == "closed":
        return {
            "check": "status",
            "result": "fail",
            "reason": f"Stängd: sista ansökningsdag var {call.deadline}.",
        }
    if status == "forthcoming":
        return {
            "check": "status",
            "result": "pass",
            "reason": f"Kommande: öppnar {call.opening_date}.",
        }
    if status == "open":
        return {
            "check": "status",
            "result": "pass",
            "reason": f"Öppen: sista ansökningsdag {upcoming}.",
        }
    return {
        "check": "status",
        "result": "unknown",
        "reason": "Okänt om utlysningen är öppen: källan anger inga datum.",
    }


def _sentence(text: str, match: re.Match[str]) -> str:
    start = max(text.rfind(".", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
    end_candidates = [
        i for i in (text.find(".", match.end()), text.find("\n", match.end())) if i != -1
    ]
    end = min(end_candidates) + 1 if end_candidates else len(text)
    sentence = " ".join(text[start:end].split())
    return sentence if len(sentence) <= 240 else sentence[:237] + "…"


def _applicant_fact(call: Call) -> Fact:
    text = f"{call.applicants or ''}\n{call.title}. {call.description}"
    only = _ONLY.search(text)
    if only and not _PUBLIC.search(only.group(0)) and "exclud" not in _sentence(text, only):
        return {
            "check": "sökande",
            "result": "fail",
            "reason": f'Begränsad krets sökande: "{_sentence(text, only)}"',
        }
    pitch = _COMPANY_PITCH.search(call.description or "")
    if pitch and not _PUBLIC.search(text):
        return {
            "check": "sökande",
            "result": "fail",
            "reason": f'Riktar sig till företag: "{_sentence(call.description, pitch)}"',
        }
    public = _PUBLIC.search(text)
    if public:
        return {
            "check": "sökande",
            "result": "pass",
            "reason": f'Offentliga aktörer nämns: "{_sentence(text, public)}"',
        }
    return {
        "check": "sökande",
        "result": "unknown",
        "reason": "Texten säger inte om kommuner får söka; läs villkoren.",
    }


def _region_fact(call: Call, priorities: Priorities) -> Fact:
    nuts, country = priorities.nuts, priorities.country
    where = f"{call.programme or ''} {call.title}"
    lowered = where.lower()
    codes = region_codes(call.regions)
    if codes:
        if any(nuts_covers(code, nuts) for code in codes):
            return {
                "check": "region",
                "result": "pass",
                "reason": f"Regionen ingår ({', '.join(call.regions[:6])}).",
            }
        return {
            "check": "region",
            "result": "fail",
            "reason": f"Bara för andra regioner ({', '.join(call.regions[:6])}); "
            f"{nuts} ingår inte.",
        }
    if re.search(r"\binterreg\b|\burbact\b", lowered):
        for pattern, areas in INTERREG_SWEDISH_AREAS:
            if re.search(pattern, lowered):
                if any(nuts_covers(area, nuts) for area in areas):
                    return {
                        "check": "region",
                        "result": "pass",
                        "reason": f"Programområdet omfattar {nuts}.",
                    }
                return {
                    "check": "region",
                    "result": "fail",
                    "reason": f"Programområdet ({', '.join(areas)}) omfattar inte {nuts}.",
                }
        if country == "SE":
            return {
                "check": "region",
                "result": "fail",
                "reason": "Interreg-programmet har ingen svensk del.",
            }
    for code, names in COUNTRIES.items():
        if code != country and any(
            re.search(rf"\(({name})\)|\b{name}\b\s*[-–:]", lowered) for name in names
        ):
            return {
                "check": "region",
                "result": "fail",
                "reason": f"Nationellt program i ett annat land ({names[0].title()}).",
            }
    if SWEDISH_FUNDERS.search(where) and country != "SE":
        return {
            "check": "region",
            "result": "fail",
            "reason": "Svensk nationell finansiär: bara för svenska sökande.",
        }
    return {"check": "region", "result": "pass", "reason": "Ingen regional begränsning angiven."}


def _programme_fact(call: Call, priorities: Priorities) -> Fact | None:
    programme = (call.programme or "").lower()
    for excluded in priorities.excluded_programmes:
        if excluded.lower() in programme:
            return {
                "check": "program",
                "result": "fail",
                "reason": f"Programmet är uteslutet i prioriteringsfilen ('{excluded}').",
            }
    return None


def check_eligibility(
    call: Call, priorities: Priorities, today: date | None
) -> tuple[str, list[Fact]]:
    """The overall result and its facts. ``today`` None skips the date check (evaluation).

    Overall: fail if any check fails; pass if nothing fails and the text names public bodies
    as applicants; unknown otherwise.
    """
    facts: list[Fact] = []
    if today is not None:
        facts.append(_status_fact(call, today))
    facts.append(_applicant_fact(call))
    facts.append(_region_fact(call, priorities))
    programme = _programme_fact(call, priorities)
    if programme:
        facts.append(programme)
    results = [f["result"] for f in facts]
    if "fail" in results:
        overall = "fail"
    elif "unknown" in results:
        overall = "unknown"
    else:
        overall = "pass"
    return overall, facts
