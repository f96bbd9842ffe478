"""The rendered digest: golden files for text, HTML and the message; untrusted text made safe."""

from __future__ import annotations

import email
import email.policy
import os
import re
from email.message import EmailMessage
from pathlib import Path

import pytest
import sqlite_utils

from db import open_db
from db.records import Call
from matcher.eligibility import check_eligibility
from notifier.build import build_digests
from notifier.delivery import FileTransport
from notifier.digest import collect_digest
from notifier.links import Links
from notifier.outbox import flush_outbox
from notifier.render import render
from notifier.safety import safe_url, shorten
from notifier.swedish import format_amount, format_date, format_days_left
from tests.notifier_world import (
    CARBON_CAPTURE,
    DISTRICT_HEATING,
    ENDED,
    ENERGY_PREMISES,
    GOLDEN,
    NEWS,
    NO_DATES,
    NOW,
    ROLLING,
    ROOFTOP_SOLAR,
    TODAY,
    TWIN,
    WEEK,
    add_mark,
    add_match,
    crawl_run,
    fixture_calls,
    link_twin,
    priorities,
    store,
)

UPDATE = os.environ.get("EUFUNDS_UPDATE_GOLDEN") == "1"
# Fixed key and clock: the signed answer links in the golden files do not change.
GOLDEN_LINKS = Links("https://eufunds.linkoping.example", b"k" * 32, clock=lambda: 1_775_452_800.0)


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs; EUFUNDS_UPDATE_GOLDEN=1 rewrites it"


def normalise_message(raw: bytes) -> str:
    """The message as text with its MIME boundaries fixed (they are random)."""
    text = raw.decode("utf-8")
    for n, boundary in enumerate(dict.fromkeys(re.findall(r'boundary="([^"]+)"', text))):
        text = text.replace(boundary, f"BOUNDARY{n}")
    return text


OPEN_FACTS = [
    {"check": "status", "result": "pass", "reason": "Öppen: sista ansökningsdag 2026-09-29."},
    {"check": "sökande", "result": "pass", "reason": "Kommuner kan söka."},
    {"check": "region", "result": "pass", "reason": "Ingen regional begränsning angiven."},
]


@pytest.fixture
def golden_world(db_path: Path) -> sqlite_utils.Database:
    db = open_db(db_path)
    calls = fixture_calls(
        [
            ENERGY_PREMISES,
            ROOFTOP_SOLAR,
            CARBON_CAPTURE,
            DISTRICT_HEATING,
            ROLLING,
            NO_DATES,
            NEWS,
            TWIN,
            ENDED,
        ]
    )
    calls[TWIN].source = "tillvaxtverket"  # the same call, from another source
    store(db, list(calls.values()))
    link_twin(db, calls[ENERGY_PREMISES], calls[TWIN])
    add_match(db, calls[ENERGY_PREMISES], score=0.91, facts=OPEN_FACTS)
    add_match(
        db,
        calls[ROOFTOP_SOLAR],
        target="mbn-utslapp",
        kind="goal",
        score=0.74,
        label="möjlig",
        eligibility="unknown",
        facts=[
            {"check": "status", "result": "pass", "reason": "öppen för ansökan"},
            {
                "check": "sökande",
                "result": "unknown",
                "reason": "Vem som kan söka framgår inte; läs villkoren.",
            },
        ],
    )
    add_match(
        db,
        calls[CARBON_CAPTURE],
        score=0.55,
        label="möjlig",
        included=False,
        eligibility="fail",
        facts=[{"check": "sökande", "result": "fail", "reason": "Endast företag."}],
    )
    # Rolling, budget per project: new, third by score.
    add_match(
        db,
        calls[ROLLING],
        score=0.6,
        label="möjlig",
        facts=[
            {"check": "status", "result": "pass", "reason": "Öppen: löpande ansökan."},
            {"check": "sökande", "result": "pass", "reason": "Kommuner kan söka."},
        ],
    )
    # Fourth by score: beyond max_antal 3, so it shows under "closing soon" (9 days left).
    add_match(db, calls[DISTRICT_HEATING], score=0.45, label="möjlig")
    # No dates at the source: only under "Bevaka – datum saknas".
    add_match(
        db,
        calls[NO_DATES],
        score=0.7,
        label="möjlig",
        eligibility="unknown",
        facts=[
            {"check": "status", "result": "unknown", "reason": "Datum saknas."},
            {"check": "sökande", "result": "pass", "reason": "Kommuner kan söka."},
        ],
    )
    # Matches stored before the record was known as news, a twin, or ended: shown nowhere.
    for ident in (NEWS, TWIN, ENDED):
        add_match(db, calls[ident], score=0.95, facts=OPEN_FACTS)
    add_mark(db, calls[CARBON_CAPTURE], "interested", "miljo")
    crawl_run(db, "sedia", False, "2026-04-05T04:00:00+00:00", "HTTP 500 från sök-API:et")
    return db


def test_golden_text_html_and_message(golden_world: sqlite_utils.Database, tmp_path: Path) -> None:
    db = golden_world
    build_digests(
        db,
        priorities(),
        week=WEEK,
        today=TODAY,
        now=NOW,
        sender="eufunds@linkoping.example",
        links=GOLDEN_LINKS,
    )
    subject, text, html = db.execute(
        "select subject, text, html from digests where department = 'miljo'"
    ).fetchone()
    assert subject == "4 nya EU-utlysningar v. 15 – Miljö- och samhällsbyggnadsförvaltningen"
    # The digest's own copy (a preview) has no answer links; each recipient's copy has its own.
    check_golden("miljo-2026-W15.txt", text)
    check_golden("miljo-2026-W15.html", html)
    own_text, own_html = db.execute(
        "select o.text, o.html from outbox o join digests d on d.id = o.digest_id "
        "where d.department = 'miljo' and o.recipient = 'eu.miljo@linkoping.example'"
    ).fetchone()
    check_golden("miljo-2026-W15.mottagare.txt", own_text)
    check_golden("miljo-2026-W15.mottagare.html", own_html)
    coordinator = db.execute(
        "select text from digests where department = '_samordnare'"
    ).fetchone()[0]
    check_golden("samordnare-2026-W15.txt", coordinator)
    flush_outbox(
        db, FileTransport(tmp_path / "out"), sender="EU-bevakning <eufunds@linkoping.example>"
    )
    eml = tmp_path / "out" / WEEK / "miljo--eu.miljo_linkoping.example.eml"
    assert not eml.exists()
    files = sorted((tmp_path / "out" / WEEK).glob("miljo--*.eml"))
    assert [f.name for f in files] == [
        "miljo--eu.miljo@linkoping.example.eml",
        "miljo--miljochef@linkoping.example.eml",
    ]
    check_golden("miljo-2026-W15.eml", normalise_message(files[0].read_bytes()))


def test_text_part_is_written_for_reading(golden_world: sqlite_utils.Database) -> None:
    digest = collect_digest(golden_world, priorities(), "miljo", WEEK, TODAY, now=NOW)
    text = render(digest).text
    assert "<" not in text.replace("<digest", "")  # no markup in the plain text
    assert "Sista ansökningsdag: 28 april 2026 (22 dagar kvar)" in text
    assert "Nämndmål: Kommunens egna utsläpp av växthusgaser ska minska." in text
    assert "Sökande: Kommuner kan söka" in text
    assert "Budget: 40 miljoner SEK totalt i utlysningen" in text
    assert "Budget: 500\u00a0000 SEK per projekt" in text
    assert "Sista ansökningsdag: löpande" in text
    assert "Även hos Tillväxtverket: https://regionalfonder.example/" in text
    assert "BEVAKA – DATUM SAKNAS" in text and "Stöd till lokala energigemenskaper" in text
    # A department has no command line: no ids (the coordinator's digest keeps them).
    assert "import:EXEMPEL-ENERGI-LOKALER-2026" not in text
    overview = collect_digest(golden_world, priorities(), "_samordnare", WEEK, TODAY, now=NOW)
    # The short id to type (`eufunds show v2z528`), and the key the import gave.
    assert "Id: v2z528 (import:EXEMPEL-ENERGI-LOKALER-2026)" in render(overview).text
    assert "Påminnelse: 23 dagar kvar till sista ansökningsdag 29 april 2026" in text
    assert "insamlingen från EU:s Funding & Tenders-portal misslyckades" in text
    assert "STÄNGER INOM 30 DAGAR" in text and "15 april 2026 (9 dagar kvar)" in text
    # The summary counts every call of the digest that closes within 30 days: the reminder
    # (23 days), a new call (22 days) and the one under closing soon (9 days), although the
    # closing-soon section lists only the last, so as not to repeat the others.
    assert len(digest.closing) == 1
    assert "3 stänger inom 30 dagar" in text


def test_hostile_titles_and_links_are_escaped_dropped_and_shortened(db_path: Path) -> None:
    db = open_db(db_path)
    calls = fixture_calls([ENERGY_PREMISES, ROOFTOP_SOLAR, CARBON_CAPTURE])
    script, huge, amounts = calls[ENERGY_PREMISES], calls[ROOFTOP_SOLAR], calls[CARBON_CAPTURE]
    amounts.budget = 12_500_000  # as the SEDIA crawler stores a topic's budget
    amounts.currency = "EUR"
    store(db, [script, huge, amounts])
    # Hostile titles and links, written straight into the rows: a store refuses some of them
    # today, but rows written before may hold them, and the digest must stay safe anyway.
    hostile = {
        script.key: ('<script>alert("x")</script> Energismarta lokaler', "javascript:alert(1)"),
        huge.key: ("Solel på stora tak " * 280, " JaVaScRiPt:alert(1)"),  # ~5,000 characters
    }
    with db.conn:
        for key, (title, url) in hostile.items():
            db.execute("update calls set title = ?, url = ? where id = ?", [title, url, key])
    for call in (script, huge, amounts):
        add_match(db, call, passage='<img src=x onerror="alert(1)"> passage')
    rendered = render(collect_digest(db, priorities(), "miljo", WEEK, TODAY, now=NOW))
    html = rendered.html
    assert "<script>" not in html and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "<img" not in html and "&lt;img src=x" in html
    assert "javascript:" not in html.lower()
    assert (
        'href="javascript' not in rendered.text.lower()
        and "javascript:" not in rendered.text.lower()
    )
    # The long title is cut to a readable length with an ellipsis, in both parts.
    shortened = next(line for line in rendered.text.splitlines() if "Solel på stora tak" in line)
    assert len(shortened) < 220 and shortened.endswith("…")
    assert "Solel på stora tak " * 20 not in html
    assert "12,5 miljoner EUR" in rendered.text
    # The plain text shows the title literally: a mail client does not run text/plain.
    assert '<script>alert("x")</script> Energismarta lokaler' in rendered.text


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://tillvaxtverket.se/a?b=1", True),
        ("http://example.org/x", True),
        ("javascript:alert(1)", False),
        ("JAVASCRIPT:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<b>x</b>", False),
        ("file:///etc/passwd", False),
        ("/relative/path", False),
        ("//no-scheme.example.org", False),
        ("https://", False),
        ("", False),
        (None, False),
    ],
)
def test_safe_url(url: str | None, kept: bool) -> None:
    assert (safe_url(url) is not None) is kept


def test_swedish_formats() -> None:
    assert format_date("2026-11-30") == "30 november 2026"
    assert format_date(None) is None
    assert format_days_left(1) == "1 dag kvar"
    assert format_days_left(0) == "sista dagen i dag"
    assert format_amount(1_500_000, "EUR") == "1,5 miljoner EUR"
    assert format_amount(250_000, "SEK") == "250\u00a0000 SEK"
    assert format_amount(None, "EUR") is None
    assert shorten("a " * 10, 100) == " ".join(["a"] * 10)
    assert len(shorten("ord " * 100, 50)) <= 50


def test_message_structure(golden_world: sqlite_utils.Database, tmp_path: Path) -> None:
    db = golden_world
    build_digests(db, priorities(), week=WEEK, today=TODAY, now=NOW)
    flush_outbox(db, FileTransport(tmp_path))
    path = next((tmp_path / WEEK).glob("utbildning--*.eml"))
    msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    assert msg.get_content_type() == "multipart/alternative"
    parts = [p.get_content_type() for p in msg.iter_parts()]
    assert parts == ["text/plain", "text/html"]
    assert msg["Subject"] == "Inga nya EU-utlysningar v. 15 – Utbildningsförvaltningen"
    assert msg["To"] == "eu.utbildning@linkoping.example"
    # Replies reach the coordinator named in the priorities file; the sender has a name.
    assert msg["Reply-To"] == "eu.samordnare@linkoping.example"
    assert msg["From"] == '"EU-utlysningar, Linköpings kommun" <eufunds@localhost>'
    body = msg.get_body(("plain",)).get_content()
    assert "Inga nya utlysningar denna vecka." in body
    # No EUFUNDS_BASE_URL: no answer links; the reader is told to reply to the coordinator.
    assert "/svar/" not in body
    assert "Svara EU-samordnaren (eu.samordnare@linkoping.example) på det här mejlet" in body
    coordinator = next((tmp_path / WEEK).glob("samordnare--*.eml"))
    overview = email.message_from_bytes(coordinator.read_bytes(), policy=email.policy.default)
    assert overview["Reply-To"] is None
    assert "Säg till EU-samordnaren" not in overview.get_body(("plain",)).get_content()


def test_who_may_apply_is_shown_whole_up_to_the_words_it_quotes(db_path: Path) -> None:
    """The matcher quotes up to 240 characters of a sentence after its lead-in; the digest
    shows the quote whole, so the words the check found (here at its end) are read."""
    opening = "Projects test water-saving solutions with farmers, industries and energy firms " * 3
    call = Call(
        "eu-ft",
        "x",
        "Water resilience",
        description=f"{opening}together with water governance bodies and local authorities.",
    )
    reason = next(
        f["reason"]
        for f in check_eligibility(call, priorities(), None)[1]
        if f["check"] == "sökande"
    )
    assert len(reason) > 240 and reason.endswith('local authorities."')
    db = open_db(db_path)
    calls = fixture_calls([ENERGY_PREMISES])
    store(db, list(calls.values()))
    add_match(
        db,
        calls[ENERGY_PREMISES],
        score=0.9,
        facts=[
            {"check": "status", "result": "pass", "reason": "öppen för ansökan"},
            {"check": "sökande", "result": "pass", "reason": reason},
        ],
    )
    text = render(collect_digest(db, priorities(), "miljo", WEEK, TODAY, now=NOW)).text
    line = next(ln for ln in text.splitlines() if ln.strip().startswith("Sökande:"))
    assert line.strip() == f"Sökande: {reason.rstrip('.')}"
