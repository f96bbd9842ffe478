"""Tillväxtverket recordings: the call listing and one Sitevision page per call.

The listing ``/tillvaxtverket/sokfinansiering/utlysningar.1139.html`` shows each call with its
status word (Pågående / Kommande / Stängd); a call page
``/tillvaxtverket/sokfinansiering/utlysningar/utlysningar/<slug>.<id>.html`` starts with a
status line ("Öppnar 13 januari 2026", "Stänger …", "Stängd 19 mars 2024") and county tags,
then the sections "Vem kan söka?", "Vad kan ni söka för?", "Hur mycket kan ni få i stöd?" and
"Vad handlar erbjudandet om?". A call taken continuously says "Löpande ansökan" in its status
line and "löpande" in its text; a programme page in the same channel has no status line.
"""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path

from crawler.demo.catalogue import DemoCall
from crawler.demo.dates import on, status, swedish
from crawler.demo.files import html_note, write_text

SITE = "https://tillvaxtverket.se"
LISTING = "tillvaxtverket/sokfinansiering/utlysningar.1139.html"
CALLS = "tillvaxtverket/sokfinansiering/utlysningar/utlysningar"
STATUS_WORDS = {"open": "Pågående", "forthcoming": "Kommande", "closed": "Stängd"}


def write(folder: Path, calls: list[DemoCall], anchor: date, edition: int) -> None:
    """The listing and the call pages."""
    items = []
    for call in calls:
        path = f"{CALLS}/{call.ident('slug', anchor)}.{call.ident('tillvaxtverket', anchor)}.html"
        write_text(folder / path, call_page(call, anchor, path))
        text = call.text("sv")
        word = "" if call.kind == "programme" else STATUS_WORDS[status(call.opens, call.deadlines)]
        items.append(
            '<li class="sv-channel-item">'
            f'<a href="/{path}"><h2>{escape(text.title)}</h2></a>'
            + (f'<p class="status">{word}</p>' if word else "")
            + f'<p class="tags">{escape(", ".join(call.regions))}</p>'
            f"<p>{escape(text.summary)}</p></li>"
        )
    filters = "".join(
        f'<a href="/{LISTING}?status={word.lower()}">{word}</a> ' for word in STATUS_WORDS.values()
    )
    body = (
        "<h1>Utlysningar</h1>"
        "<p>Här hittar du Tillväxtverkets pågående, kommande och stängda utlysningar.</p>"
        f'<div class="sv-filter">Visa: {filters}</div>'
        f'<ul class="sv-channel">{"".join(items)}</ul>'
        '<p><a href="javascript:window.print()">Skriv ut sidan</a></p>'
    )
    write_text(folder / LISTING, _page("Utlysningar", f"{SITE}/{LISTING}", body))


def _page(title: str, canonical: str, main: str) -> str:
    return (
        f"<!DOCTYPE html>\n{html_note()}\n"
        '<html lang="sv"><head><meta charset="utf-8">'
        f"<title>{escape(title)} - Tillväxtverket</title>"
        f'<link rel="canonical" href="{canonical}"></head>'
        '<body><header><a href="/">Tillväxtverket</a>'
        '<nav><a href="/tillvaxtverket/sokfinansiering.html">Sök finansiering</a></nav></header>'
        f'<main id="main"><div class="sv-layout">{main}</div></main>'
        "<footer><p>Tillväxtverket</p></footer></body></html>\n"
    )


def status_line(call: DemoCall, anchor: date) -> str:
    """The line under the heading, as the real pages word it ("" for a programme page)."""
    if call.kind == "programme":
        return ""
    if call.facts.get("rolling"):
        return "Löpande ansökan"
    state = status(call.opens, call.deadlines)
    if state == "forthcoming":
        return f"Öppnar {swedish(on(anchor, call.opens or 0))}"
    if state == "closed":
        return f"Stängd {swedish(on(anchor, max(call.deadlines)))}"
    return f"Stänger {swedish(on(anchor, max(call.deadlines)))}"


def call_page(call: DemoCall, anchor: date, path: str) -> str:
    """One call page."""
    text = call.text("sv")
    state = status(call.opens, call.deadlines)
    dates = []
    if state == "forthcoming":
        dates.append(f"Sista ansökningsdag är {swedish(on(anchor, max(call.deadlines)))}.")
    elif call.opens is not None:
        dates.append(f"Utlysningen öppnade {swedish(on(anchor, call.opens))}.")
    sections = (
        ("Vem kan söka?", [text.who]),
        ("Vad kan ni söka för?", [text.what]),
        ("Hur mycket kan ni få i stöd?", [text.how_much]),
        ("Vad handlar erbjudandet om?", [text.how, *dates, text.notice]),
    )
    line = status_line(call, anchor)
    body = (
        f"<h1>{escape(text.title)}</h1>"
        + (f'<p class="status">{line}</p>' if line else "")
        + f'<p class="tags">{escape(", ".join(call.regions))}</p>'
        f'<p class="ingress">{escape(text.summary)}</p>'
    )
    for heading, paragraphs in sections:
        present = [p for p in paragraphs if p]
        if present:
            body += f"<h2>{heading}</h2>" + "".join(f"<p>{escape(p)}</p>" for p in present)
    return _page(text.title, f"{SITE}/{path}", body)
