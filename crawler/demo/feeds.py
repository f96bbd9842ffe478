"""The coordinator's feed recordings: an Atom feed of an invented city-innovation initiative.

``feeds/feeds.yaml`` is the feed list the replay hands the ``feeds`` spider
(``EUFUNDS_FEEDS``); its url is relative, resolved against the replay server's address.
The initiative and its web address (under the reserved ``.example`` domain) are invented.
"""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path

from crawler.demo.catalogue import DemoCall
from crawler.demo.dates import english, on
from crawler.demo.files import NOTE, html_note, write_text

NAME = "Urban Futures Initiative"
FILE = "urban-futures-initiative.atom"
SITE = "https://www.urbanfutures-initiative.example"


def write(folder: Path, calls: list[DemoCall], anchor: date, edition: int) -> None:
    """The feed list and the Atom feed, newest entry first."""
    write_text(
        folder / "feeds.yaml",
        f"# {NOTE}\n# The feed list the replay uses (EUFUNDS_FEEDS); urls are relative to "
        f"EUFUNDS_FEEDS_URL.\nfeeds:\n  - name: {NAME}\n    url: {FILE}\n",
    )
    ordered = sorted(calls, key=lambda c: -(c.opens or 0))
    updated = on(anchor, max((c.opens or 0) for c in calls) if calls else 0)
    entries = "".join(_entry(call, anchor) for call in ordered)
    feed = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f"{html_note()}\n"
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">\n'
        f"<title>{NAME}: calls and news</title>\n"
        f"<id>{SITE}/</id>\n"
        f'<link rel="alternate" href="{SITE}/"/>\n'
        f'<link rel="self" href="{SITE}/feed.atom"/>\n'
        f"<updated>{updated.isoformat()}T08:00:00Z</updated>\n"
        f"{entries}</feed>\n"
    )
    write_text(folder / FILE, feed)


def _entry(call: DemoCall, anchor: date) -> str:
    text = call.text("en")
    section = "news" if call.kind == "news" else "calls"
    link = f"{SITE}/{section}/{call.ident('slug', anchor)}"
    published = on(anchor, call.opens or 0).isoformat() + "T08:00:00Z"
    paragraphs = [text.summary]
    if call.deadlines:
        paragraphs.append(f"Deadline: {english(on(anchor, max(call.deadlines)))}.")
    paragraphs += [f"Who can apply: {text.who}" if text.who else "", text.notice]
    content = "".join(f"<p>{escape(p)}</p>" for p in paragraphs if p)
    ident = f"tag:urbanfutures-initiative.example,{anchor.year}:{call.ident('feeds', anchor)}"
    return (
        "<entry>\n"
        f"<title>{escape(text.title)}</title>\n"
        f'<link rel="alternate" href="{link}"/>\n'
        f"<id>{ident}</id>\n"
        f"<published>{published}</published>\n<updated>{published}</updated>\n"
        f'<category term="{"News" if call.kind == "news" else "Call"}"/>\n'
        f'<content type="html">{escape(content)}</content>\n'
        "</entry>\n"
    )
