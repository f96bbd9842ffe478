"""Svenska ESF-rådet recordings: the call listing and one WordPress page per call.

The listing is ``/utlysningar/``; each call page ``/utlysningar/<slug>/`` lists its facts
("Utlysning 26-031", "Öppnar: …", "Stänger: …", "Utlyst belopp 65 000 000 kr", the programme
area and the region), then "Vem kan söka" and what the money is for.
"""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path

from crawler.demo.catalogue import DemoCall
from crawler.demo.dates import on, status, swedish
from crawler.demo.files import html_note, write_text

SITE = "https://www.esf.se"
STATUS_WORDS = {"open": "Öppen", "forthcoming": "Kommande", "closed": "Stängd"}


def write(folder: Path, calls: list[DemoCall], anchor: date, edition: int) -> None:
    """The listing and the call pages."""
    cards = []
    for call in calls:
        slug = call.ident("slug", anchor)
        write_text(folder / "utlysningar" / slug / "index.html", call_page(call, anchor))
        text = call.text("sv")
        state = status(call.opens, call.deadlines)
        cards.append(
            '<article class="call-card">'
            f'<h2><a href="/utlysningar/{slug}/">{escape(text.title)}</a></h2>'
            f"<p>Utlysning {call.ident('esf', anchor)} · {STATUS_WORDS[state]}</p></article>"
        )
    body = (
        "<h1>Utlysningar</h1>"
        '<p class="filters"><a href="/utlysningar/?status=oppen">Öppna</a> '
        '<a href="/utlysningar/?status=kommande">Kommande</a></p>' + "".join(cards)
    )
    write_text(folder / "utlysningar" / "index.html", _page("Utlysningar", "/utlysningar/", body))


def _page(title: str, path: str, main: str) -> str:
    return (
        f"<!DOCTYPE html>\n{html_note()}\n"
        '<html lang="sv-SE"><head><meta charset="UTF-8">'
        f"<title>{escape(title)} - Svenska ESF-rådet</title>"
        f'<link rel="canonical" href="{SITE}{path}"></head>'
        '<body class="wp-site"><header><a href="/">Svenska ESF-rådet</a></header>'
        f'<main id="main"><article>{main}</article></main>'
        "<footer><p>Svenska ESF-rådet</p></footer></body></html>\n"
    )


def _kronor(amount: float) -> str:
    return f"{int(amount):,}".replace(",", " ")


def call_page(call: DemoCall, anchor: date) -> str:
    """One call page."""
    text = call.text("sv")
    facts = [f"Utlysning {call.ident('esf', anchor)}"]
    if call.opens is not None:
        facts.append(f"Öppnar: {swedish(on(anchor, call.opens))}")
    if call.deadlines:
        facts.append(f"Stänger: {swedish(on(anchor, max(call.deadlines)))}")
    if call.budget:
        facts.append(f"Utlyst belopp {_kronor(call.budget)} kr")
    facts.append(call.programme.removeprefix("ESF+ "))
    facts.append(f"Region: {', '.join(call.regions)}" if call.regions else "Nationell utlysning")
    body = (
        f"<h1>{escape(text.title)}</h1>"
        '<ul class="call-facts">' + "".join(f"<li>{escape(f)}</li>" for f in facts) + "</ul>"
        f'<p class="ingress">{escape(text.summary)}</p>'
    )
    for heading, paragraph in (("Vem kan söka", text.who), ("Vad kan ni söka för", text.what)):
        if paragraph:
            body += f"<h2>{heading}</h2><p>{escape(paragraph)}</p>"
    if text.notice:
        body += f"<h2>Uppdatering</h2><p>{escape(text.notice)}</p>"
    return _page(text.title, f"/utlysningar/{call.ident('slug', anchor)}/", body)
