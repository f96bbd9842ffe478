"""A base spider for Swedish authorities' HTML call pages: a listing, then one page per call.

Subclasses set the listing paths and a pattern for call links; this base reads each call
page's title, canonical address, status line ("Öppnar …", "Stängd …"), county tags, the
question sections ("Vem kan söka?", "Hur mycket kan ni få i stöd?") and amounts. A page about
a programme or fund listed among the calls ("Regionalfondsprogrammet … 2021–2027") is kept
with the kind "programme", never as a call.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any, ClassVar

from scrapy.http import Response, TextResponse

from crawler.base import CallSpider
from crawler.kinds import record_kind
from crawler.text import (
    clean,
    county_tags,
    programme_regions,
    safe_url,
    swedish_amount,
    swedish_period,
)
from db.records import Call

_BLOCKS = (
    "//main//*[self::h1 or self::h2 or self::h3 or self::h4 or self::p or self::li"
    " or self::dt or self::dd]"
)
APPLICANT_HEADINGS = ("vem kan söka", "vilka kan söka", "vem får söka", "målgrupp")
AMOUNT_HEADINGS = ("hur mycket", "utlyst belopp", "budget")


class HtmlCallsSpider(CallSpider):
    """Listing page(s) -> call pages -> one :class:`Call` per page."""

    listing_paths: ClassVar[tuple[str, ...]] = ()
    link_pattern: ClassVar[str] = ""
    programme: ClassVar[str] = ""

    async def start(self) -> AsyncIterator[Any]:
        """The listing pages."""
        for path in self.listing_paths:
            yield self.get(self.base_url + path, self.parse_listing)

    def parse_listing(self, response: Response) -> Iterator[Any]:
        """Follow every http(s) link to a call page; fail when there is none."""
        if not self.is_html(response):
            return
        links = []
        for href in response.xpath("//main//a/@href").getall():
            url = safe_url(href, response.url)  # javascript:, mailto: and the like are dropped
            if url and re.search(self.link_pattern, url) and url not in links:
                links.append(url)
        self.expect(links, "länkar till utlysningssidor", response.url)
        for url in links:
            yield self.get(url, self.parse_call)

    def parse_call(self, response: Response) -> Iterator[Call]:
        """One call page."""
        if not self.is_html(response):
            return
        title = clean(" ".join(response.xpath("//main//h1//text()").getall()))
        blocks = [
            (node.root.tag, clean(" ".join(node.xpath(".//text()").getall())))
            for node in response.xpath(_BLOCKS)
        ]
        blocks = [(tag, text) for tag, text in blocks if text]
        if not title or len(blocks) < 2:
            self.fail(
                f"ingen utlysningstext hittades på {response.url}: sidans uppbyggnad kan ha "
                f"ändrats; uppdatera selektorerna i insamlaren för {self.name}"
            )
            return
        body = [(tag, text) for tag, text in blocks if tag != "h1"]
        text = "\n".join(t for _, t in body)
        sections = sections_of(body)
        opening, deadline = swedish_period(text)
        regions: list[str] = []
        for _, line in body[:4]:
            regions = regions or county_tags(line)
        regions = regions or programme_regions(title + "\n" + text)
        applicants = section_text(sections, APPLICANT_HEADINGS)
        amount = swedish_amount(section_text(sections, AMOUNT_HEADINGS) or "") or swedish_amount(
            text
        )
        canonical = safe_url(response.xpath("//link[@rel='canonical']/@href").get(), response.url)
        status = next((t for _, t in body[:3] if re.match(r"(Öppnar|Öppen|Stäng)", t)), None)
        call = Call(
            source=self.name,
            source_id=self.call_id(response, canonical or response.url, text),
            title=title,
            programme=self.programme,
            description=text,
            url=canonical or response.url,
            opening_date=opening,
            deadlines=[deadline] if deadline else [],
            status_hint=status.split()[0].rstrip(":") if status else None,
            budget=amount[0] if amount else None,
            currency=amount[1] if amount else None,
            languages=["sv"],
            applicants=applicants,
            regions=regions,
            extra={"sections": sorted(sections)} if sections else {},
            kind=record_kind(title, text, hints=[response.url]),
        )
        yield call

    def is_html(self, response: Response) -> bool:
        """Whether the answer is a web page; a failure is recorded when it is not."""
        if isinstance(response, TextResponse):
            return True
        kind = (response.headers.get("Content-Type") or b"?").decode("latin-1")
        self.fail(f"{response.url} svarade inte med en webbsida (Content-Type {kind})")
        return False

    def call_id(self, response: Response, url: str, text: str) -> str:
        """The call's stable id on this source (default: the last path segment)."""
        return url.rstrip("/").rsplit("/", 1)[-1]


def sections_of(blocks: list[tuple[str, str]]) -> dict[str, str]:
    """Text under each heading ("Vem kan söka?" -> "Företagsfrämjande aktörer …")."""
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for tag, text in blocks:
        if tag in ("h2", "h3", "h4", "dt"):
            current = text
            sections.setdefault(current, [])
        elif current is not None:
            sections[current].append(text)
    return {heading: "\n".join(lines) for heading, lines in sections.items() if lines}


def section_text(sections: dict[str, str], headings: tuple[str, ...]) -> str | None:
    """The text of the first section whose heading starts with one of ``headings``."""
    for heading, text in sections.items():
        if heading.lower().startswith(headings):
            return text
    return None
