"""Tillväxtverket: the regional fund's calls (utlysningar), first Östra Mellansverige.

Source
    Tillväxtverket's call listing (Sitevision HTML) at
    ``https://tillvaxtverket.se/tillvaxtverket/sokfinansiering/utlysningar.1139.html``, which
    shows every call with its status word (Pågående / Kommande / Stängd), then each call page
    (``…/sokfinansiering/utlysningar/utlysningar/<slug>.<id>.html``).
Caveats
    - No API or feed is known; the selectors follow the page text seen in stored copies of
      the call pages (status line, county tags, then "Vem kan söka? / Vad kan ni söka för? /
      Hur mycket kan ni få i stöd? / Vad handlar erbjudandet om?"). No raw HTML capture
      exists and the demo recordings are generated in that shape: check the selectors on the
      first live run.
    - The status line ("Öppnar 13 januari 2026", "Stänger …", "Stängd 19 mars 2024") gives
      the dates; older pages state a period in the text instead ("öppen under tiden 15 juni
      - 14 september 2018").
    - The listing's status word becomes the status hint (Pågående -> Öppen), used only when
      a page gives no dates; the word itself is kept in ``extra.listing_status``.
    - Only links to single call pages are followed, never the listing itself (its filter
      links point back to it) nor ``javascript:`` links.
    - ``regions`` are the county tags of the page (Swedish county names), or the programme
      region's NUTS code when only that is named.
    - The id is Sitevision's page id (the number before ``.html``), else the page's slug.
Arguments
    none
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

from scrapy.http import Response

from crawler.htmlbase import HtmlCallsSpider
from crawler.text import clean, safe_url
from db.records import Call

# The listing's status words, mapped onto the status hints the store understands.
LISTING_STATUS = {"pågående": "Öppen", "kommande": "Kommande", "stängd": "Stängd"}


class TillvaxtverketSpider(HtmlCallsSpider):
    """Tillväxtverket's regional-fund calls (see the module docstring)."""

    name = "tillvaxtverket"
    default_url = "https://tillvaxtverket.se"
    listing_paths: ClassVar[tuple[str, ...]] = (
        "/tillvaxtverket/sokfinansiering/utlysningar.1139.html",
    )
    # Single call pages only: ".../utlysningar/utlysningar/<slug>.<id>.html" (or an old
    # "/5.<hex>.html" address), never the listing page "utlysningar.1139.html" itself.
    link_pattern = r"/utlysningar/utlysningar/[^/?#]+\.html$|/5\.[0-9a-f]+\.html$"
    programme = "Europeiska regionala utvecklingsfonden (Tillväxtverket)"

    def parse_listing(self, response: Response) -> Iterator[Any]:
        """Follow each call page with the status word the listing shows next to it."""
        if not self.is_html(response):
            return
        found: dict[str, str | None] = {}
        for link in response.xpath("//main//a[@href]"):
            url = safe_url(link.attrib.get("href"), response.url)
            if not url or not re.search(self.link_pattern, url) or url in found:
                continue
            item = link.xpath("ancestor::*[self::li or self::article][1]//text()").getall()
            words = [clean(t).lower() for t in item]
            found[url] = next((w for w in words if w in LISTING_STATUS), None)
        self.expect(found, "länkar till utlysningssidor", response.url)
        for url, word in found.items():
            yield self.get(url, self.parse_call, cb_kwargs={"listing_status": word})

    def parse_call(self, response: Response, listing_status: str | None = None) -> Iterator[Call]:
        """One call page; the listing's status word is its status hint."""
        for call in super().parse_call(response):
            if listing_status:
                call.status_hint = LISTING_STATUS[listing_status]
                call.extra["listing_status"] = listing_status.capitalize()
            yield call

    def call_id(self, response: Response, url: str, text: str) -> str:
        """Sitevision's page id ("….6480.html" -> "6480"), else the slug."""
        match = re.search(r"\.(\d+)\.html$", url) or re.search(r"/5\.([0-9a-f]+)\.html$", url)
        if match:
            return match.group(1)
        return re.sub(r"\.html$", "", url.rstrip("/").rsplit("/", 1)[-1])
