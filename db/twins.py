"""One call, many records: records of the same call from two sources become twins.

Interreg Baltic Sea Region's calls arrive from its own feed and from interreg.eu's search; a
coordinator's import may hold calls a crawl already found. Each group of records that are
the same call keeps one **primary** record (one whose text describes the call, then the
source with the most structured facts); the others get ``twin_of`` = the primary's id and
are left out of matching, digests and search, while the primary lists them in
``extra["also_at"]`` (source, link, id and deadline) so every source link stays visible.
Two records are the same call when, from different sources,

- their links are the same page (scheme, ``www.``, a trailing slash and the fragment
  ignored), or
- their titles are the same words and their final deadlines agree (a record without a
  deadline joins when the others do not disagree among themselves).

Within one source, a record is the same call as another only when they are the same page
published twice under two links: the same title words, the same text (of some length; a
closing full stop aside) and the same dates. Energimyndigheten keeps a page per round, and an
older round's page can repeat the open one word for word with no date to tell them apart; a
department would read the same call twice. Same-titled rounds whose dates or texts differ
stay apart.

``also_at`` is bookkeeping, not content: it is not part of a version (``Call.content``), so
linking never makes a new version or a change. Linking is recomputed from scratch each time,
so a record that stops matching loses its twin mark.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

import sqlite_utils

from db.text import holds_sentence

# Which source's record is primary: structured sources first, the coordinator's import last.
SOURCE_RANK = (
    "sedia",
    "vinnova",
    "tillvaxtverket",
    "esf",
    "interreg",
    "interreg_bsr",
    "feeds",
)


def url_key(url: str | None) -> str | None:
    """A link in comparable form: host without ``www.``, path without trailing slash, query."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    if not host:
        return None
    path = parts.path.rstrip("/")
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


def title_key(title: str | None) -> str | None:
    """A title in comparable form: case, accents' composition, punctuation and spaces ignored."""
    if not title:
        return None
    text = unicodedata.normalize("NFC", title).casefold()
    words = re.findall(r"\w+", text)
    return " ".join(words) if len(words) >= 3 else None  # short titles ("Call 1") are not keys


MIN_SAME_TEXT = 80  # characters of text two records of one source must share word for word


def text_key(text: str | None) -> str | None:
    """A record's text in comparable form (case, spacing and a closing full stop ignored: a
    copy of a page can lose its last one); None when too short to tell one call from another."""
    words = " ".join((text or "").casefold().split()).rstrip(" .")
    return words if len(words) >= MIN_SAME_TEXT else None


def _rank(row: dict[str, Any]) -> tuple[int, int, int, int, str]:
    """What makes a record the primary: a text that describes the call (the digest quotes
    it, and the matcher reads it), then the source with the most structured facts, a
    deadline, the longer text."""
    source = row["source"]
    position = SOURCE_RANK.index(source) if source in SOURCE_RANK else len(SOURCE_RANK)
    text = row["description"]
    return (
        0 if holds_sentence(text) else 1,
        position,
        0 if row["deadline"] else 1,
        -len(text or ""),
        row["id"],
    )


def _same_page(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two records of one source that are one page published twice (see the module text)."""
    return (
        text_key(a["description"]) is not None
        and text_key(a["description"]) == text_key(b["description"])
        and (a["deadline"], a["opening_date"]) == (b["deadline"], b["opening_date"])
    )


def _groups(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Groups of rows that are one call (union of link, title+deadline and same-page matches)."""
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        if rows[i]["source"] != rows[j]["source"]:
            parent[find(i)] = find(j)

    def union_same_page(i: int, j: int) -> None:
        if rows[i]["source"] == rows[j]["source"] and _same_page(rows[i], rows[j]):
            parent[find(i)] = find(j)

    by_url: dict[str, list[int]] = {}
    by_title: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        if (key := url_key(row["url"])) is not None:
            by_url.setdefault(key, []).append(i)
        if (key := title_key(row["title"])) is not None:
            by_title.setdefault(key, []).append(i)
    for members in by_url.values():
        for i in members[1:]:
            union(members[0], i)
    for members in by_title.values():
        # Same words: the same call when the deadlines agree. A record without a deadline
        # joins only when the others agree among themselves (two rounds of one programme
        # share a title, and a dateless record cannot say which it is).
        deadlines = {rows[i]["deadline"] for i in members if rows[i]["deadline"]}
        for a, i in enumerate(members):
            for j in members[a + 1 :]:
                di, dj = rows[i]["deadline"], rows[j]["deadline"]
                if di == dj or (len(deadlines) <= 1 and not (di and dj)):
                    union(i, j)
                union_same_page(i, j)
    groups: dict[int, list[dict[str, Any]]] = {}
    for i, row in enumerate(rows):
        groups.setdefault(find(i), []).append(row)
    return [g for g in groups.values() if len(g) > 1]


def link_twins(db: sqlite_utils.Database) -> int:
    """Mark every record that repeats a call of another source, or a page of its own source
    under another link; returns how many are twins.

    Runs in one transaction; the result depends only on the records, never on an earlier run.
    """
    rows = list(
        db.query(
            "select id, source, title, url, deadline, opening_date, description, extra, twin_of "
            "from calls"
        )
    )
    wanted: dict[str, str | None] = {row["id"]: None for row in rows}
    also: dict[str, list[dict[str, Any]]] = {}
    for group in _groups(rows):
        primary, *others = sorted(group, key=_rank)
        for row in others:
            wanted[row["id"]] = primary["id"]
        also[primary["id"]] = [
            {"source": r["source"], "id": r["id"], "url": r["url"], "deadline": r["deadline"]}
            for r in sorted(others, key=_rank)
        ]
    with db.conn:
        for row in rows:
            if row["twin_of"] != wanted[row["id"]]:
                db.execute(
                    "update calls set twin_of = ? where id = ?", [wanted[row["id"]], row["id"]]
                )
            extra = json.loads(row["extra"] or "{}")
            links = also.get(row["id"])
            if extra.get("also_at") != links:
                if links:
                    extra["also_at"] = links
                else:
                    extra.pop("also_at", None)
                db.execute(
                    "update calls set extra = ? where id = ?",
                    [json.dumps(extra, ensure_ascii=False, sort_keys=True), row["id"]],
                )
    return sum(1 for v in wanted.values() if v)


def twin_ids(db: sqlite_utils.Database) -> set[str]:
    """Ids of records that repeat another record of the same call."""
    return {r[0] for r in db.execute("select id from calls where twin_of is not null")}


def primaries(db: sqlite_utils.Database) -> dict[str, str]:
    """Each twin's id -> its primary's id. What was said of a record that is now a twin (a
    mark, a digest's offer) holds for the call, whose primary can change (a described record
    arrives after interreg.eu's fields)."""
    return dict(db.execute("select id, twin_of from calls where twin_of is not null"))
