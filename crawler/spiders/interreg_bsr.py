"""Interreg Baltic Sea Region: calls announced in the programme's RSS feed.

Source
    ``https://interreg-baltic.eu/feed/`` (WordPress RSS 2.0), read with conditional GET and
    feedparser. The whole of Sweden, Östergötland included, is eligible.
Caveats
    - The feed mixes news and calls: only items whose title or categories speak of a call
      (call, calls, "call for", application round) are kept.
    - Items carry no structured dates: the item's date is ``published`` (a lower bound of
      the window) and the opening date and deadline the announcement states in its text
      ("Applications can be submitted from … until …") are read by :mod:`crawler.facts`.
Arguments
    none
"""

from __future__ import annotations

import re
from typing import Any

from crawler.feedbase import FeedSpider, entry_fields
from db.records import Call

CALL_WORDS = re.compile(r"\bcalls?\b|\bapplication rounds?\b|\bopen for applications\b", re.I)


def is_call(title: str, categories: list[str]) -> bool:
    """Whether a feed item announces a call rather than news."""
    return bool(CALL_WORDS.search(title) or any(CALL_WORDS.search(c) for c in categories))


class InterregBsrSpider(FeedSpider):
    """Interreg Baltic Sea Region's feed (see the module docstring)."""

    name = "interreg_bsr"
    default_url = "https://interreg-baltic.eu"

    def feeds(self) -> list[tuple[str, str]]:
        """The programme's one feed."""
        return [("Interreg Baltic Sea Region", f"{self.base_url}/feed/")]

    def entry_call(self, entry: Any, feed_name: str, feed_url: str) -> Call | None:
        """A call item; news items are skipped."""
        fields = entry_fields(entry, feed_url)
        if not fields["title"] or not is_call(fields["title"], fields["categories"]):
            return None
        return Call(
            source=self.name,
            source_id=fields["id"],
            title=fields["title"],
            programme="Interreg Baltic Sea Region",
            description=fields["text"],
            url=fields["url"],
            languages=["en"],
            regions=["SE"],
            published=fields["published"],
            extra={"categories": fields["categories"]},
        )
