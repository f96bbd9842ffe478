"""Interreg Baltic Sea Region recordings: the programme's WordPress RSS 2.0 feed.

``/feed/`` mixes call announcements (category "Calls") and news; items have a title, link,
``pubDate``, categories, a short ``description`` and the full text in ``content:encoded``,
but no structured dates: the dates are in the text.
"""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path

from crawler.demo.catalogue import DemoCall
from crawler.demo.dates import english, on, rfc822
from crawler.demo.files import html_note, write_text

SITE = "https://interreg-baltic.eu"
FEED = "feed/index.xml"


def write(folder: Path, calls: list[DemoCall], anchor: date, edition: int) -> None:
    """The feed, newest item first."""
    ordered = sorted(calls, key=lambda c: -(c.opens or 0))
    items = "".join(_item(call, anchor) for call in ordered)
    built = on(anchor, max((c.opens or 0) for c in calls) if calls else 0)
    feed = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"{html_note()}\n"
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" '
        'xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">\n<channel>\n'
        "<title>Interreg Baltic Sea Region</title>\n"
        f'<atom:link href="{SITE}/feed/" rel="self" type="application/rss+xml" />\n'
        f"<link>{SITE}</link>\n"
        "<description>Funding for cooperation around the Baltic Sea</description>\n"
        f"<lastBuildDate>{rfc822(built, 10)}</lastBuildDate>\n"
        "<language>en-GB</language>\n<sy:updatePeriod>hourly</sy:updatePeriod>\n"
        "<sy:updateFrequency>1</sy:updateFrequency>\n"
        "<generator>https://wordpress.org/?v=6.5.2</generator>\n"
        f"{items}</channel>\n</rss>\n"
    )
    write_text(folder / FEED, feed)


def _item(call: DemoCall, anchor: date) -> str:
    text = call.text("en")
    link = f"{SITE}/{call.ident('slug', anchor)}/"
    published = on(anchor, call.opens or 0)
    paragraphs = [text.summary, text.what]
    if call.kind != "news" and call.deadlines:
        deadline = on(anchor, max(call.deadlines))
        paragraphs.append(
            f"Applications can be submitted from {english(published)} until {english(deadline)}."
        )
    paragraphs += [f"Who can apply: {text.who}" if text.who else "", text.how_much, text.notice]
    content = "".join(f"<p>{escape(p)}</p>" for p in paragraphs if p)
    category = "News" if call.kind == "news" else "Calls"
    return (
        "<item>\n"
        f"<title>{escape(text.title)}</title>\n"
        f"<link>{link}</link>\n"
        "<dc:creator><![CDATA[Joint Secretariat]]></dc:creator>\n"
        f"<pubDate>{rfc822(published)}</pubDate>\n"
        f"<category><![CDATA[{category}]]></category>\n"
        f'<guid isPermaLink="false">{SITE}/?p={call.ident("interreg_bsr", anchor)}</guid>\n'
        f"<description><![CDATA[{escape(text.summary)}]]></description>\n"
        f"<content:encoded><![CDATA[{content}]]></content:encoded>\n"
        "</item>\n"
    )
