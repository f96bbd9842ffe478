"""Svenska ESF-rådet: ESF+ calls (utlysningar), national and per region.

Source
    The call listing ``https://www.esf.se/utlysningar/`` (WordPress HTML) and each call
    page linked from it.
Caveats
    - ``wp-json`` and ``/feed/`` very likely exist but which post type holds the calls is
      unverified, so the spider reads the HTML. No raw HTML capture exists and the demo
      recordings are generated in the shape the research describes, so the selectors must
      be checked on the first live run.
    - Dates come from the text ("Öppnar: 2 december 2022", "Stänger: 6 mars 2023",
      "Utlysningen pågår mellan den 2 mars 2015 och den 16 april 2015").
    - Amounts: "Utlyst belopp 68 000 000 kr", "avsätter 63 miljoner kronor" (SEK).
    - ``regions``: the programme region's NUTS 2 code (Östra Mellansverige = SE12) or the
      counties the page lists.
    - The id is the call number ("Utlysning 23-078", "Diarienummer 2015/00138") when the
      text gives one, else the page's slug.
    - Planned calls: the page "Kommande utlysningar" (``/utlysningar/kommande-utlysningar/``)
      has one section per planned call, without number or page yet: each becomes a call with
      the id ``planerad-<section id or slug of its title>``, the status hint "Kommande", the
      planned month ("Planerad öppning: oktober 2026") in ``extra.planned`` and any dates
      its text states read from the prose. Its address and layout are reconstructed from how
      the site describes its planning (no capture exists): check them on the first live run.
      A page with no planned calls that says so ("inga planerade utlysningar") is not a
      failure; one with neither is (the layout changed).
Arguments
    none
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any, ClassVar

from scrapy.http import Response

from crawler.htmlbase import APPLICANT_HEADINGS, HtmlCallsSpider, section_text, sections_of
from crawler.text import clean, programme_regions, safe_url, swedish_amount
from db.records import Call

PLANNED_PATH = "/utlysningar/kommande-utlysningar/"
_NONE_PLANNED = re.compile(r"\binga (?:planerade|kommande) utlysningar\b", re.IGNORECASE)


class EsfSpider(HtmlCallsSpider):
    """Svenska ESF-rådet's ESF+ calls (see the module docstring)."""

    name = "esf"
    default_url = "https://www.esf.se"
    listing_paths: ClassVar[tuple[str, ...]] = ("/utlysningar/",)
    # Call pages, not the planned-calls page (read by parse_planned).
    link_pattern = r"/utlysningar/(?!kommande-utlysningar/?$)[^/?#]+/?$"
    programme = "ESF+ (Svenska ESF-rådet)"

    async def start(self) -> AsyncIterator[Any]:
        """The listing, then the planned calls."""
        async for request in super().start():
            yield request
        yield self.get(self.base_url + PLANNED_PATH, self.parse_planned)

    def parse_planned(self, response: Response) -> Iterator[Call]:
        """One call per section of "Kommande utlysningar"."""
        if not self.is_html(response):
            return
        sections = response.xpath("//main//section[.//h2]")
        if not sections:
            words = clean(" ".join(response.xpath("//main//text()").getall()))
            if not _NONE_PLANNED.search(words):
                self.expect([], "planerade utlysningar", response.url)
            return
        # The site's own address (the canonical link), not the one the answer came from.
        page = safe_url(response.xpath("//link[@rel='canonical']/@href").get(), response.url)
        page = page or response.url
        for section in sections:
            title = clean(" ".join(section.xpath(".//h2//text()").getall()))
            blocks = [
                (node.root.tag, clean(" ".join(node.xpath(".//text()").getall())))
                for node in section.xpath(".//*[self::h3 or self::h4 or self::p or self::li]")
            ]
            blocks = [(tag, text) for tag, text in blocks if text]
            if not title or not blocks:
                continue
            text = "\n".join(t for _, t in blocks)
            parts = sections_of(blocks)
            planned = next(
                (t.split(":", 1)[1].strip() for _, t in blocks if t.startswith("Planerad öppning")),
                None,
            )
            amount = swedish_amount(text)
            anchor = section.attrib.get("id") or re.sub(r"[^a-z0-9]+", "-", title.lower())
            yield Call(
                source=self.name,
                source_id="planerad-" + anchor.strip("-"),
                title=title,
                programme=self.programme,
                description=text,
                url=f"{page}#{anchor}" if section.attrib.get("id") else page,
                status_hint="Kommande",
                budget=amount[0] if amount else None,
                currency=amount[1] if amount else None,
                languages=["sv"],
                applicants=section_text(parts, APPLICANT_HEADINGS),
                regions=programme_regions(title + "\n" + text),
                extra={"planned": planned or True},
            )

    def call_id(self, response: Response, url: str, text: str) -> str:
        """The call number from the text, else the page's slug."""
        match = re.search(r"Utlysning\s+(\d{2}-\d{3})", text) or re.search(
            r"Diarienummer\s+(\d{4}/\d{5})", text
        )
        if match:
            return match.group(1).replace("/", "-")
        # The canonical address may be a copy elsewhere; the slug on esf.se is stable.
        return response.url.rstrip("/").rsplit("/", 1)[-1]
