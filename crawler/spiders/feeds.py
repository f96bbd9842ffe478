"""Any RSS/Atom feed the EU coordinator lists in a settings file.

Source
    The feeds named in the file ``EUFUNDS_FEEDS`` (YAML, or TOML when it ends in ``.toml``):
    a list of ``{name, url}``, either at the top level or under ``feeds:``::

        feeds:
          - name: European Urban Initiative
            url: https://www.urban-initiative.eu/rss.xml

    A relative ``url`` is resolved against ``EUFUNDS_FEEDS_URL`` (used by the replay).
Caveats
    - Every entry is kept, with its kind: a news item (category "News", a ``/news/`` link,
      a title that reports results, or a text that invites nobody to apply) is stored as
      kind "news", never as a call, so that feeds mixing news and calls can be listed.
    - Conditional GET (ETag / Last-Modified in ``feed_state``): an unchanged feed answers
      304 and yields nothing, which is not a failure.
    - The entry's date (published, else updated) is ``published``, a lower bound of the
      call's window; opening date, deadline and who may apply come from the text
      (:mod:`crawler.facts`). An entry without a date keeps ``published`` empty.
    - With no ``EUFUNDS_FEEDS`` the source has nothing to do and succeeds.
Arguments
    none
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from crawler.feedbase import FeedSpider, entry_fields, entry_kind
from crawler.text import clean, safe_url
from db.records import Call


class FeedListError(ValueError):
    """The feed list file is unreadable or malformed; the message says how to fix it."""


def read_feed_list(path: Path, base: str | None = None) -> list[tuple[str, str]]:
    """(name, absolute http(s) URL) of each feed in the settings file ``path``."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FeedListError(f"kan inte läsa flödeslistan {path}: {exc.strerror}") from exc
    try:
        data: Any = tomllib.loads(text) if path.suffix == ".toml" else YAML(typ="safe").load(text)
    except (YAMLError, tomllib.TOMLDecodeError) as exc:
        raise FeedListError(
            f"{path} är inte giltig {path.suffix.lstrip('.').upper() or 'YAML'}: {exc}"
        ) from exc
    items = data.get("feeds") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise FeedListError(f"{path}: en lista med flöden väntades, vart och ett med name och url")
    feeds = []
    for number, item in enumerate(items, start=1):
        name = clean(item.get("name")) if isinstance(item, dict) else ""
        raw = str(item.get("url") or "") if isinstance(item, dict) else ""
        url = safe_url(raw, (base.rstrip("/") + "/") if base else None)
        if not name or not url:
            raise FeedListError(
                f"{path}: flöde {number} behöver name och en http(s)-url (fick {item!r})"
            )
        feeds.append((name, url))
    return feeds


class FeedsSpider(FeedSpider):
    """The coordinator's own feeds (see the module docstring)."""

    name = "feeds"
    default_url = ""

    def feeds(self) -> list[tuple[str, str]]:
        """The feeds of ``EUFUNDS_FEEDS``; none (and success) when it is not set."""
        setting = os.environ.get("EUFUNDS_FEEDS")
        if not setting:
            self.empty_ok = True  # nothing configured: nothing to do, not a failure
            self.notes.append("ingen flödeslista inställd (sätt EUFUNDS_FEEDS)")
            return []
        try:
            feeds = read_feed_list(Path(setting), self.base_url or None)
        except FeedListError as exc:
            self.fail(str(exc))
            return []
        if not feeds:
            self.empty_ok = True
        return feeds

    def entry_call(self, entry: Any, feed_name: str, feed_url: str) -> Call | None:
        """Every entry with a title, as a call or (when it is one) a news item."""
        fields = entry_fields(entry, feed_url)
        if not fields["title"]:
            return None
        extra: dict[str, Any] = {"feed": feed_name}
        if fields["categories"]:
            extra["categories"] = fields["categories"]
        return Call(
            source=self.name,
            source_id=f"{feed_name}:{fields['id']}",
            title=fields["title"],
            programme=feed_name,
            description=fields["text"],
            url=fields["url"],
            published=fields["published"],
            kind=entry_kind(fields),
            extra=extra,
        )
