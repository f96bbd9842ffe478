"""Svenska ESF-rådet recordings: the call listing and one WordPress page per call.

The listing is ``/utlysningar/``; each call page ``/utlysningar/<slug>/`` lists its facts
("Utlysning 26-031", "Öppnar: …", "Stänger: …", "Utlyst belopp 65 000 000 kr", the programme
area and the region), then "Vem kan söka" and what the money is for. Planned calls, which have
no number or page yet, are sections of ``/utlysningar/kommande-utlysningar/`` ("Kommande
utlysningar"): a planned month ("Planerad öppning: oktober 2026") or the planned dates in a
sentence, the preliminary budget and who may apply. The planned-calls page is reconstructed
from how the site describes its planning, not from a capture.
"""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path

from crawler.demo.catalogue import DemoCall
from crawler.demo.dates import SWEDISH_MONTHS, on, status, swedish
from crawler.demo.files import html_note, write_text

SITE = "https://www.esf.se"
STATUS_WORDS = {"open": "Öppen", "forthcoming": "Kommande", "closed": "Stängd"}


def write(folder: Path, calls: list[DemoCall], anchor: date, edition: int) -> None:
    """The listing and the call pages."""
    cards = []
    planned = [call for call in calls if call.facts.get("planned")]
    for call in calls:
        if call in planned:
            continue
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
    if planned:
        body += f'<p><a href="/{PLANNED}">Kommande utlysningar</a></p>'
        write_text(folder / PLANNED / "index.html", planned_page(planned, anchor))
    write_text(folder / "utlysningar" / "index.html", _page("Utlysningar", "/utlysningar/", body))


PLANNED = "utlysningar/kommande-utlysningar"


def planned_page(calls: list[DemoCall], anchor: date) -> str:
    """The "Kommande utlysningar" page: one section per planned call."""
    sections = []
    for call in calls:
        text = call.text("sv")
        facts = [call.programme.removeprefix("ESF+ ")]
        if call.facts.get("planned") == "month":
            day = on(anchor, int(call.facts.get("planned_offset", 60)))
            facts.append(f"Planerad öppning: {SWEDISH_MONTHS[day.month - 1]} {day.year}")
        facts.append(f"Region: {', '.join(call.regions)}" if call.regions else "Nationell")
        if call.budget:
            facts.append(f"Preliminär budget: {_kronor(call.budget)} kr")
        paragraphs = [text.summary]
        if call.facts.get("planned") == "prose" and call.opens is not None and call.deadlines:
            paragraphs.append(
                f"Vi planerar att öppna utlysningen den {swedish(on(anchor, call.opens))} och "
                f"att den stänger den {swedish(on(anchor, max(call.deadlines)))}. Datumen är "
                "preliminära tills utlysningen publiceras."
            )
        section = (
            f'<section class="planned-call" id="{call.ident("slug", anchor)}">'
            f"<h2>{escape(text.title)}</h2>"
            '<ul class="call-facts">'
            + "".join(f"<li>{escape(f)}</li>" for f in facts)
            + "</ul>"
            + "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        )
        if text.who:
            section += f"<h3>Vem kan söka</h3><p>{escape(text.who)}</p>"
        sections.append(section + "</section>")
    body = (
        "<h1>Kommande utlysningar</h1>"
        "<p>Här ser du de utlysningar vi planerar att öppna. Planeringen är preliminär och "
        "kan ändras.</p>" + "".join(sections)
    )
    return _page("Kommande utlysningar", f"/{PLANNED}/", body)


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
