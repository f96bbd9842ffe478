"""Vinnova: application rounds (ansökningsomgångar) from Vinnova's open data API.

Source
    ``GET https://data.vinnova.se/api/ansokningsomgangar/<since yyyy-mm-dd>``: every
    application round changed since a date, as a JSON array, no key, CC0. Fields used:
    ``Diarienummer``, ``DiarienummerUtlysning``, ``Titel``/``TitelEngelska``,
    ``Beskrivning``/``BeskrivningEngelska``, ``Oppningsdatum``, ``Stangningsdatum``,
    ``Publik``, ``LankLista``, ``DokumentLista``, ``WebTextLista`` (``{TextID, TextSv,
    TextEn}``: 1 = what you can apply for, 2 = who can apply, 3 = how) and
    ``AnnonseringslägeÅr``/``AnnonseringslägePeriod`` (a round announced without dates).
Caveats
    - Only public rounds (``Publik`` = 1, when present) are kept.
    - Descriptions and web texts are HTML; Swedish text first, then the English one, each
      web text under its heading. "Vem kan söka?" (TextID 2) is also kept as ``applicants``.
    - A round announced without dates gets the status hint "Kommande" (forthcoming) and its
      announced month in ``extra.announced``.
    - A long ``since`` makes the API slow (minutes for several years): the default is one
      year before today.
    - The link is the call's page: the first http(s) address in ``LankLista`` that is not
      the e-service form (``portal.vinnova.se``, "Ansök …"); Vinnova's search page for the
      round's number otherwise.
    - An answer whose rounds all lack a number or a title is a failure (format changed).
Arguments
    ``since``: YYYY-MM-DD, default a year before today.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from typing import Any
from urllib.parse import quote

from scrapy.http import Response

from crawler import config
from crawler.base import CallSpider
from crawler.text import clean, html_to_text, iso_date, safe_url
from db.records import Call

# WebTextLista's TextID -> the heading of that text, in Swedish and in English.
WEB_TEXT_HEADINGS = {
    1: ("Vad kan ni söka för?", "What can you apply for?"),
    2: ("Vem kan söka?", "Who can apply?"),
    3: ("Hur ansöker ni?", "How to apply"),
}
WHO_CAN_APPLY = 2
# Links to the application form, not to the call: the e-service and "Ansök/Apply" links.
E_SERVICE = re.compile(r"portal\.vinnova\.se|e-tj[äa]nst|\bans[öo]k|\bapply\b", re.IGNORECASE)


def web_texts(item: dict[str, Any]) -> list[tuple[int, str, str]]:
    """(TextID, Swedish text, English text) of each ``WebTextLista`` item, as plain text."""
    texts = []
    for entry in item.get("WebTextLista") or []:
        if not isinstance(entry, dict):
            continue
        try:
            ident = int(entry.get("TextID") or 0)
        except (TypeError, ValueError):
            ident = 0
        sv, en = html_to_text(entry.get("TextSv")), html_to_text(entry.get("TextEn"))
        if sv or en:
            texts.append((ident, sv, en))
    return texts


def call_page(item: dict[str, Any]) -> str | None:
    """The call's web page from ``LankLista``: the first link that is not the e-service."""
    for link in item.get("LankLista") or []:
        if not isinstance(link, dict):
            continue
        url = safe_url(link.get("URL") or link.get("Lank"))
        label = clean(link.get("Beskrivning"))
        if url and not E_SERVICE.search(f"{url} {label}"):
            return url
    return None


def call_from_round(item: dict[str, Any]) -> Call | None:
    """A call from one application round (None without a number or a title)."""
    number = clean(item.get("Diarienummer"))
    title_sv, title_en = clean(item.get("Titel")), clean(item.get("TitelEngelska"))
    if not number or not (title_sv or title_en):
        return None
    text_sv = html_to_text(item.get("Beskrivning"))
    text_en = html_to_text(item.get("BeskrivningEngelska"))
    texts = web_texts(item)
    swedish = [text_sv] + [
        f"{WEB_TEXT_HEADINGS.get(i, ('', ''))[0]}\n{sv}".strip() for i, sv, _ in texts if sv
    ]
    english = [text_en] + [
        f"{WEB_TEXT_HEADINGS.get(i, ('', ''))[1]}\n{en}".strip() for i, _, en in texts if en
    ]
    who = next((sv or en for i, sv, en in texts if i == WHO_CAN_APPLY), None)
    documents = [
        {"title": clean(d.get("Titel")), "url": url}
        for d in item.get("DokumentLista") or []
        if isinstance(d, dict) and (url := safe_url(d.get("fileURL")))
    ]
    url = call_page(item) or ("https://www.vinnova.se/sok/?q=" + quote(number))
    opening = iso_date(item.get("Oppningsdatum"))
    deadline = iso_date(item.get("Stangningsdatum"))
    extra: dict[str, Any] = {"call_number": clean(item.get("DiarienummerUtlysning")) or None}
    if title_sv and title_en:
        extra["title_en"] = title_en
    if documents:
        extra["documents"] = documents
    year = clean(item.get("AnnonseringslägeÅr"))
    status_hint = None
    if year and not opening and not deadline:
        # Announced for a month, no dates yet: a coming round.
        extra["announced"] = f"{clean(item.get('AnnonseringslägePeriod'))} {year}".strip()
        status_hint = "Kommande"
    return Call(
        source="vinnova",
        source_id=number,
        title=title_sv or title_en,
        programme="Vinnova",
        description="\n\n".join(t for t in (*swedish, *english) if t),
        url=url,
        opening_date=opening,
        deadlines=[deadline] if deadline else [],
        status_hint=status_hint,
        languages=[
            lang
            for lang, present in (("sv", title_sv or text_sv), ("en", title_en or text_en))
            if present
        ],
        applicants=who or None,
        extra={k: v for k, v in extra.items() if v},
    )


class VinnovaSpider(CallSpider):
    """Vinnova's application rounds (see the module docstring)."""

    name = "vinnova"
    default_url = "https://data.vinnova.se"

    def __init__(self, *args: Any, since: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.since = since or (config.today() - timedelta(days=365)).isoformat()

    async def start(self) -> AsyncIterator[Any]:
        """The one request: every round changed since ``since``."""
        yield self.get(f"{self.base_url}/api/ansokningsomgangar/{self.since}", self.parse)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Call]:
        """One call per public application round."""
        data = self.load_json(response)
        if data is None:
            return
        if not isinstance(data, list):
            self.fail(f"oväntat svar från {response.url}: ingen lista med ansökningsomgångar")
            return
        produced = private = 0
        for item in data:
            if not isinstance(item, dict):
                continue
            if item.get("Publik", 1) != 1:
                private += 1
                continue
            call = call_from_round(item)
            if call is not None:
                produced += 1
                yield call
        if data and not produced and not private:
            self.expect([], "ansökningsomgångar med nummer och titel", response.url)
