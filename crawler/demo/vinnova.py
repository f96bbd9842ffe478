"""Vinnova recordings: the open data API's application rounds as one JSON array.

``GET /api/ansokningsomgangar/<date>`` answers with every round changed since the date; the
replay server serves the folder's ``_default.json`` for any date. Field names are the API's:
``Diarienummer``, ``DiarienummerUtlysning``, ``Titel``/``TitelEngelska``,
``Beskrivning``/``BeskrivningEngelska`` (HTML), ``Oppningsdatum``/``Stangningsdatum``,
``Publik``, ``LankLista``, ``DokumentLista`` and ``WebTextLista`` items
``{TextID, TextSv, TextEn}`` (1 = what you can apply for, 2 = who can apply, 3 = how), plus
``AnnonseringslägeÅr``/``AnnonseringslägePeriod`` for a round announced without dates.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from crawler.demo.catalogue import DemoCall, Text
from crawler.demo.dates import ENGLISH_MONTHS, on
from crawler.demo.files import NOTE, write_json

ROUNDS = "api/ansokningsomgangar/_default.json"
WEB_TEXTS = ((1, "what"), (2, "who"), (3, "how"))


def write(folder: Path, calls: list[DemoCall], anchor: date, edition: int) -> None:
    """The API's answer: one object per application round."""
    write_json(folder / ROUNDS, [application_round(call, anchor) for call in calls])


def _html(*texts: str) -> str | None:
    html = "".join(f"<p>{t}</p>" for t in texts if t)
    return html or None


def _part(text: Text | None, name: str) -> str:
    return str(getattr(text, name)) if text is not None else ""


def application_round(call: DemoCall, anchor: date) -> dict[str, Any]:
    """One round in the API's field names."""
    number = call.ident("vinnova", anchor)
    slug = call.ident("slug", anchor)
    sv, en = call.sv, call.en
    opening = on(anchor, call.opens) if call.opens is not None else None
    closing = on(anchor, max(call.deadlines)) if call.deadlines else None
    announced = call.facts.get("announced_offset")
    announced_day = on(anchor, int(announced)) if announced is not None else None
    web_texts = [
        {"TextID": ident, "TextSv": _html(_part(sv, name)), "TextEn": _html(_part(en, name))}
        for ident, name in WEB_TEXTS
        if _part(sv, name) or _part(en, name)
    ]
    return {
        "_demo": NOTE,
        "Diarienummer": number,
        "DiarienummerUtlysning": call.ident("call", anchor),
        "Titel": sv.title if sv else None,
        "TitelEngelska": en.title if en else None,
        "Beskrivning": _html(_part(sv, "summary"), _part(sv, "notice")),
        "BeskrivningEngelska": _html(_part(en, "summary"), _part(en, "notice")),
        "Oppningsdatum": f"{opening.isoformat()}T00:00:00" if opening else None,
        "Stangningsdatum": f"{closing.isoformat()}T14:00:00" if closing else None,
        "UppskattatBeslutsdatum": _later(closing, 70),
        "TidigastProjektstart": _later(closing, 90),
        "SenastProjektstart": _later(closing, 150),
        "AnnonseringslägeÅr": announced_day.year if announced_day else None,
        "AnnonseringslägePeriod": (
            ENGLISH_MONTHS[announced_day.month - 1] if announced_day else None
        ),
        "Publik": int(call.facts.get("public", 1)),
        "Webbsida": 1,
        "Extern": 0,
        "LankLista": _links(number, slug, open_now=closing is None or closing >= anchor),
        "DokumentLista": _documents(sv, slug),
        "KontaktLista": [],
        "WebTextLista": web_texts,
    }


def _links(number: str, slug: str, *, open_now: bool) -> list[dict[str, Any]]:
    """A round's links: the application form while it is open, and the call page."""
    links = []
    if open_now:
        # Listed first, as the API does: the spider must still link the call page, not the form.
        links.append(
            {
                "LankID": 1,
                "Beskrivning": "Ansök i Vinnovas e-tjänst",
                "URL": f"https://portal.vinnova.se/e-tjanst/ansokan?omgang={number}",
            }
        )
    links.append(
        {
            "LankID": 2,
            "Beskrivning": "Läs mer om erbjudandet",
            "URL": f"https://www.vinnova.se/e/{slug}/",
        }
    )
    return links


def _documents(sv: Text | None, slug: str) -> list[dict[str, Any]]:
    """A round's documents: the Swedish call text as a PDF, when the call has one."""
    if sv is None:
        return []
    return [
        {
            "DokumentID": 1,
            "Titel": f"Utlysningstext – {sv.title}",
            "FileName": f"utlysningstext-{slug}.pdf",
            "fileURL": f"https://www.vinnova.se/globalassets/utlysningar/{slug}.pdf",
            "Lang": "sv",
            "Primary": 1,
        }
    ]


def _later(day: date | None, days: int) -> str | None:
    return f"{(day + timedelta(days=days)).isoformat()}T00:00:00" if day else None
