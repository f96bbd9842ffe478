"""Vinnova: application rounds (ansökningsomgångar) from Vinnova's open data API.

Source
    ``GET https://data.vinnova.se/api/ansokningsomgangar/<since yyyy-mm-dd>``: every
    application round changed since a date, as a JSON array, no key, CC0. Fields used:
    ``Diarienummer``, ``DiarienummerUtlysning``, ``Titel``/``TitelEngelska``,
    ``Beskrivning``/``BeskrivningEngelska``, ``Oppningsdatum``, ``Stangningsdatum``,
    ``Publik``, ``LankLista`` and ``DokumentLista``.
Caveats
    - Only public rounds (``Publik`` = 1, when present) are kept.
    - Descriptions are HTML; Swedish text first, then the English one.
    - A long ``since`` makes the API slow (minutes for several years): the default is one
      year before today.
    - The link is the first http(s) address in ``LankLista``; Vinnova's search page for the
      round's number otherwise.
Arguments
    ``since``: YYYY-MM-DD, default a year before today.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from typing import Any
from urllib.parse import quote

from scrapy.http import Response

from crawler import config
from crawler.base import CallSpider
from crawler.text import clean, html_to_text, iso_date, safe_url
from db.records import Call


def call_from_round(item: dict[str, Any]) -> Call | None:
    """A call from one application round (None without a number or a title)."""
    number = clean(item.get("Diarienummer"))
    title_sv, title_en = clean(item.get("Titel")), clean(item.get("TitelEngelska"))
    if not number or not (title_sv or title_en):
        return None
    text_sv = html_to_text(item.get("Beskrivning"))
    text_en = html_to_text(item.get("BeskrivningEngelska"))
    web = [
        html_to_text(t.get("Text")) for t in item.get("WebTextLista") or [] if isinstance(t, dict)
    ]
    links = [
        safe_url(link.get("URL") or link.get("Lank"))
        for link in item.get("LankLista") or []
        if isinstance(link, dict)
    ]
    documents = [
        {"title": clean(d.get("Titel")), "url": url}
        for d in item.get("DokumentLista") or []
        if isinstance(d, dict) and (url := safe_url(d.get("fileURL")))
    ]
    url = next((u for u in links if u), None) or ("https://www.vinnova.se/sok/?q=" + quote(number))
    deadline = iso_date(item.get("Stangningsdatum"))
    extra: dict[str, Any] = {"call_number": clean(item.get("DiarienummerUtlysning")) or None}
    if title_sv and title_en:
        extra["title_en"] = title_en
    if documents:
        extra["documents"] = documents
    return Call(
        source="vinnova",
        source_id=number,
        title=title_sv or title_en,
        programme="Vinnova",
        description="\n\n".join(t for t in (text_sv, text_en, *web) if t),
        url=url,
        opening_date=iso_date(item.get("Oppningsdatum")),
        deadlines=[deadline] if deadline else [],
        languages=[
            lang for lang, t in (("sv", title_sv or text_sv), ("en", title_en or text_en)) if t
        ],
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
            self.fail(f"unexpected answer from {response.url}: not a list of rounds")
            return
        for item in data:
            if not isinstance(item, dict) or item.get("Publik", 1) != 1:
                continue
            call = call_from_round(item)
            if call is not None:
                yield call
