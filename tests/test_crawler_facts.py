"""crawler.facts: what a record is, who may apply, what its budget means and when it is open,
read from Swedish and English words; on invented phrasings and on the real calls read in place.
"""

from __future__ import annotations

import copy
import json
import time
import warnings
from datetime import date

import feedparser
import pytest

from crawler.applicants import applicant_facts, applicant_types, applicants_passage, who_section
from crawler.budget import budget_kind
from crawler.facts import complete, complete_listed_call
from crawler.feedbase import entry_fields, entry_kind
from crawler.kinds import record_kind
from crawler.prose_dates import dates_from_text, ended_in_text
from crawler.text import SWEDISH_MONTHS
from db.jsonl import call_from_record
from db.records import APPLICANT_TYPES, KINDS, Call
from tests.shared_data import shared_path

TODAY = date(2026, 6, 1)
ORGANISATIONS = sorted(t for t in APPLICANT_TYPES if t != "individual")

# --- kind of record ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "text", "hints", "kind"),
    [
        ("Fourth call for innovative actions", "Urban authorities can apply.", (), "call"),
        ("Results of the third call: twelve cities selected", "Twelve cities…", (), "news"),
        ("Webinar: the new call explained", "Join us online.", (), "news"),
        ("Conferences, workshops and seminars", "Scope: events on fraud.", (), "call"),
        ("Beviljade projekt inom klimatomställning", "Sju projekt fick stöd.", (), "news"),
        (
            "Regionalfondsprogrammet för Östra Mellansverige 2021–2027",
            "Programmet …",
            (),
            "programme",
        ),
        ("Utlysning inom regionalfondsprogrammet 2021–2027", "Kommuner kan söka.", (), "call"),
        (
            "Summer internships in data analytics",
            "Students can apply by May.",
            (),
            "offer_individuals",
        ),
        ("DATAHEAL student internships", "Paid internships.", ("cascade",), "offer_individuals"),
        # A project's open call listed under its topic's title names itself in its first line.
        (
            "Specialised education programmes in key capacity areas",
            "Six scholarships for the enrolment in a joint master's degree\nScope: …",
            ("cascade",),
            "offer_individuals",
        ),
        (
            "Specialised education programmes in key capacity areas",
            "Open call for SMEs to pilot the platform\nScholarships are offered too.",
            ("cascade",),
            "call",
        ),
        # Its first line names internships, but its applicants are companies that host them.
        (
            "Specialised education programmes in key capacity areas",
            "Open call for SMEs hosting internships in AI\nEligible applicants: SMEs "
            "established in an EU Member State.",
            ("cascade",),
            "call",
        ),
        # Not a project's open call: the topic's own words decide, as before.
        (
            "Specialised education programmes in key capacity areas",
            "Six scholarships for the enrolment in a joint master's degree",
            (),
            "call",
        ),
        (
            "Stipendium för studieresa",
            "Privatpersoner kan söka stipendiet.",
            (),
            "offer_individuals",
        ),
        # A scholarship scheme run by consortia is a call for organisations.
        ("Erasmus+ Scholarship", "Consortia pilot a scheme for talented students.", (), "call"),
        # Feeds: the category decides; an entry inviting nobody to apply is an article.
        ("Twelve cities selected", "…", ("feed", "News"), "news"),
        ("Spring newsletter", "Stories from our cities.", ("feed",), "news"),
        ("Spring update from the cities", "Stories from our cities.", (), "call"),
        ("Open call for cities", "Cities may apply until June.", ("feed", "Call"), "call"),
        # Only the link says news: a news-room page announcing a call stays a call.
        ("First call for project proposals", "…", ("https://x.eu/news/591-calls",), "call"),
        ("Our programme in numbers", "…", ("https://x.eu/news/592-numbers",), "news"),
    ],
)
def test_record_kind(title: str, text: str, hints: tuple[str, ...], kind: str) -> None:
    assert record_kind(title, text, hints=hints) == kind
    assert kind in KINDS


# --- who may apply ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("Kommuner, regioner och ideella föreningar kan söka.", ["municipality", "ngo", "region"]),
        ("Offentliga aktörer", ["municipality", "public_body", "region"]),
        ("Små och medelstora företag", ["sme"]),
        ("Små- och medelstora företag är välkomna att söka", ["sme"]),
        ("Företag och universitet och högskolor", ["company", "university"]),
        ("Forskningsorganisationer och forskningsinstitut", ["research"]),
        ("Stiftelser, trossamfund och det civila samhällets organisationer", ["ngo"]),
        ("Endast företag kan söka.", ["company"]),
        (
            "Privatpersoner kan inte söka. Kommuner och företag kan söka.",
            ["company", "municipality"],
        ),
        (
            "Företagsfrämjande aktörer som regioner och kommuner. Företag kan inte söka själva men "
            "kan delta i aktiviteterna.",
            ["municipality", "region"],
        ),
        ("Svenska juridiska personer", ORGANISATIONS),
        ("Local public authority", ["municipality", "public_body", "region"]),
        ("Public bodies and SMEs", ["municipality", "public_body", "region", "sme"]),
        ("Only SMEs may apply.", ["sme"]),
        ("Higher education institutions and research organisations", ["research", "university"]),
        ("Non-profit organisations and NGOs", ["ngo"]),
        ("Individuals and students", ["individual"]),
        ("Any legal entity may apply", ORGANISATIONS),
        (
            "Open to any public or private entities, including SMEs",
            ORGANISATIONS,
        ),
        (
            "Companies are not eligible; universities and cities are.",
            ["municipality", "university"],
        ),
        ("Not only universities but also companies can apply.", ["company", "university"]),
        ("", []),
        ("The weather was fine.", []),
    ],
)
def test_applicant_types(text: str, types: list[str]) -> None:
    assert applicant_types(text) == types


def test_only_and_excluded_are_stated() -> None:
    only = applicant_facts("Endast små och medelstora företag med verksamhet i Sverige kan söka.")
    assert only.types == ["sme"] and only.only and only.excluded == []
    negated = applicant_facts("Kommuner kan söka. Privatpersoner kan inte söka.")
    assert negated.types == ["municipality"] and not negated.only
    assert negated.excluded == ["individual"]


def test_who_passage_of_a_longer_text_is_strict() -> None:
    text = (
        "Projects should reduce infrastructure costs for municipalities. This topic is "
        "particularly relevant for SMEs.\nWho can apply: public authorities and NGOs. "
        "Funding: up to EUR 2 million."
    )
    passage = applicants_passage(text)
    assert passage is not None and "infrastructure costs" not in passage
    assert applicant_types(passage) == ["municipality", "ngo", "public_body", "region"]
    assert applicants_passage("Projects should reduce costs for municipalities.") is None
    assert "Funding" not in passage  # the next labelled part is not who may apply
    swedish = "Vem kan söka?\nKommuner och regioner.\nVad kan ni söka för?\nFörstudier."
    assert applicant_types(applicants_passage(swedish) or "") == ["municipality", "region"]
    # "… kan få bidrag" says who may apply as "kan söka" does; "du" names no one.
    grant = (
        "Stöd ges till utvecklingsprojekt i länet. Ideella föreningar, organisationer och "
        "offentliga verksamheter kan få stöd, men inte enskilda firmor eller privatpersoner."
    )
    passage = applicants_passage(grant) or ""
    assert passage.startswith("Ideella föreningar")
    facts = applicant_facts(passage)
    assert facts.types == ["municipality", "ngo", "public_body", "region"]
    assert facts.excluded == ["company", "individual"]
    assert applicant_types(applicants_passage("Du kan få stöd för en förstudie.") or "") == []


def test_who_passage_ends_at_the_next_labelled_part_and_says_each_sentence_once() -> None:
    """A conditions text of labelled paragraphs: the who-may-apply words end where "Funding:"
    or "Budget:" begins, a part about the consortium still belongs to them, and a sentence
    under the heading that also reads as who may apply is not repeated."""
    english = (
        "Who may apply: Cities and their energy agencies may apply.\n"
        "Funding: Up to EUR 1 million per project.\nSmall companies may apply as partners."
    )
    assert applicants_passage(english) == (
        "Cities and their energy agencies may apply.\nSmall companies may apply as partners."
    )
    assert who_section(english) == "Cities and their energy agencies may apply."
    swedish = (
        "Vem kan söka?\nStäder som vill gå före i omställningen.\n"
        "Konsortiet: Minst tre parter, med en kommun som koordinator.\n"
        "Budget: Högst 2 miljoner kronor per projekt, och företag kan söka medfinansiering."
    )
    section = who_section(swedish) or ""
    assert section.endswith("med en kommun som koordinator.") and "Budget" not in section
    assert "municipality" in applicant_types(applicants_passage(swedish) or "")


# --- what the budget means --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Utlyst belopp 68 000 000 kr", "call_total"),
        ("Utlysningen omfattar totalt 40 miljoner kronor.", "call_total"),
        ("Totalt 20 miljoner kronor, högst 2 miljoner per projekt.", "call_total"),
        ("Högst 500 000 kronor per förstudie.", "per_project"),
        ("Up to EUR 500 000 per project.", "per_project"),
        ("The total budget of the call is EUR 12 million.", "call_total"),
        ("Budget: Högst 3 miljoner kronor per projekt", "per_project"),
        ("Preliminär budget: 70 000 000 kr", "call_total"),
        ("No amount is stated.", None),
    ],
)
def test_budget_kind_of_text(text: str, kind: str | None) -> None:
    assert budget_kind(text) == kind


def test_budget_kind_of_fields() -> None:
    assert budget_kind({"budget_kind": "per_project"}) == "per_project"
    assert budget_kind({"maxContribution": 60_000}) == "per_project"
    assert budget_kind({"budgetOverview": {"x": 1}}) == "call_total"
    assert budget_kind({"text": "Utlyst belopp 5 000 000 kr"}) == "call_total"
    assert budget_kind(None) is None


# --- dates in prose ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # English
        ("The deadline to submit proposals is 14 October 2024.", (None, "2024-10-14", False)),
        ("Deadline: 12 March 2026", (None, "2026-03-12", False)),
        ("Applications close on 3 May 2025.", (None, "2025-05-03", False)),
        (
            "The call opens on 1 February 2026 and is open until 30 June 2026.",
            ("2026-02-01", "2026-06-30", False),
        ),
        (
            "Applications can be submitted from 3 March 2026 until 14 April 2026.",
            ("2026-03-03", "2026-04-14", False),
        ),
        (
            "The first call runs from 10 February to 31 March 2022, with the deadline at 12 EET.",
            ("2022-02-10", "2022-03-31", False),
        ),
        ("This call has a deadline of 05.06.2025 at 23:59.", (None, "2025-06-05", False)),
        ("Proposals must be submitted by October 14, 2026.", (None, "2026-10-14", False)),
        (
            "A first deadline on 14 February, with the final application to be submitted by "
            "14 March 2023.",
            (None, "2023-03-14", False),
        ),
        ("Applications are accepted on a rolling basis.", (None, None, True)),
        # Swedish
        ("Öppnar 13 januari 2026\nStänger 19 mars 2026", ("2026-01-13", "2026-03-19", False)),
        ("Sista ansökningsdag är 2021-01-12 klockan 16.00.", (None, "2021-01-12", False)),
        (
            "Utlysningen pågår mellan den 2 mars 2015 och den 16 april 2015.",
            ("2015-03-02", "2015-04-16", False),
        ),
        ("Omgången är öppen 1 januari–28 april 2011.", ("2011-01-01", "2011-04-28", False)),
        (
            "Vi planerar att öppna utlysningen den 21 juli 2026 och att den stänger den "
            "19 september 2026.",
            ("2026-07-21", "2026-09-19", False),
        ),
        ("Utlysningen är stängd sedan 19 mars 2024.", (None, "2024-03-19", False)),
        ("Ni kan söka löpande så länge det finns pengar kvar.", (None, None, True)),
        ("Sista ansökningsdag: löpande", (None, None, True)),
        # Not the call's window: a project period, a law, a decision, running costs.
        ("Projekten ska vara klara senast 2018-12-31.", (None, None, False)),
        ("Actions shall be completed no later than 31 December 2033.", (None, None, False)),
        ("The transposition deadline of the directive is 29 May 2026.", (None, None, False)),
        (
            "Kommuner kan ansöka om bidrag för att driva rådgivning under perioden "
            "1 januari 2026–31 december 2027.",
            (None, None, False),
        ),
        ("Stödet täcker löpande kostnader.", (None, None, False)),
    ],
)
def test_dates_from_text(text: str, expected: tuple[str | None, str | None, bool]) -> None:
    assert dates_from_text(text) == expected


def test_a_date_in_the_past_century_is_rejected() -> None:
    assert dates_from_text("Stänger: 6 mars 1923") == (None, None, False)
    assert dates_from_text("Deadline: 14 October 1924") == (None, None, False)
    # The other date of the same text still counts.
    assert dates_from_text("Öppnar 2 mars 1926\nStänger 16 april 2026") == (
        None,
        "2026-04-16",
        False,
    )


def test_a_date_without_year_takes_it_from_the_publication() -> None:
    text = "The deadline for applications is 16 June."
    assert dates_from_text(text) == (None, None, False)
    assert dates_from_text(text, reference="2026-05-02") == (None, "2026-06-16", False)
    assert dates_from_text(text, reference="2026-07-01") == (None, "2027-06-16", False)


def test_ended_in_text() -> None:
    assert ended_in_text("The deadline to submit proposals is 14 October 2024.", TODAY)
    assert ended_in_text("Utlysningen är stängd.", TODAY)
    assert ended_in_text("The deadline for proposals under this call was 16 June.", TODAY)
    assert not ended_in_text("Deadline: 12 March 2027", TODAY)
    assert not ended_in_text("Ansökan är löpande.", TODAY)


def test_a_text_full_of_dates_is_read_in_linear_time() -> None:
    # Crawled text is untrusted: thousands of dates without a full stop must not make every
    # date read the whole page (this took minutes before each date's sentence was bounded).
    started = time.perf_counter()
    assert dates_from_text("Stänger 1 mars 2026 och " * 5000) == (None, "2026-03-01", False)
    assert time.perf_counter() - started < 30  # about 1.5 s on the 2-core machine


# --- completing a call ------------------------------------------------------------------------


def _call(**fields: object) -> Call:
    base: dict[str, object] = {"source": "test", "source_id": "1", "title": "A call"}
    base.update(fields)
    return Call(**base)  # type: ignore[arg-type]


def test_a_page_with_dates_in_prose_only() -> None:
    call = complete(
        _call(
            title="Stöd till klimatanpassning",
            description=(
                "Kommuner och regioner kan söka. Utlysningen öppnar den 1 september 2026 och "
                "sista dag att söka blir den 15 oktober 2026. Utlyst belopp 10 000 000 kr."
            ),
            budget=10_000_000,
        )
    )
    assert (call.opening_date, call.deadlines) == ("2026-09-01", ["2026-10-15"])
    assert call.extra["dates_from_text"] == ["deadline", "opening"]
    assert call.applicant_types == ["municipality", "region"]
    assert call.budget_kind == "call_total" and call.kind == "call"


def test_structured_dates_always_win() -> None:
    call = complete(
        _call(
            description="Deadline: 12 March 2026. The call opens on 1 January 2026.",
            opening_date="2026-01-15",
            deadlines=["2026-04-01"],
        )
    )
    assert (call.opening_date, call.deadlines) == ("2026-01-15", ["2026-04-01"])
    assert "dates_from_text" not in call.extra
    # Only the missing one is filled; a text deadline before the opening is not taken.
    partial = complete(_call(description="Deadline: 12 March 2026.", opening_date="2026-04-01"))
    assert partial.deadlines == []


def test_a_rolling_call_gets_no_deadline_but_is_marked() -> None:
    call = complete(
        _call(description="Ansökan är löpande. Beslut inom åtta veckor, senast 1 mars 2027.")
    )
    assert call.deadlines == [] and call.extra["rolling"] is True
    assert call.status_hint == "open"


def test_a_text_that_says_it_ended() -> None:
    call = complete(_call(description="The call is closed. Results follow in autumn."))
    assert call.extra["ended_in_text"] is True and call.status_hint == "closed"


def test_existing_facts_are_kept_and_complete_is_idempotent() -> None:
    call = _call(
        description="Only SMEs may apply. Deadline: 12 March 2027.",
        kind="programme",
        applicant_types=["municipality"],
        published="2026-01-10",
    )
    once = complete(copy.deepcopy(call))
    assert once.kind == "programme" and once.applicant_types == ["municipality"]
    twice = complete(copy.deepcopy(once))
    assert twice.content_hash() == once.content_hash()


def test_a_feed_entry_with_no_date() -> None:
    feed = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Invented feed</title><id>x</id>
<entry><title>Open call for towns</title><id>tag:example.org,2026:1</id>
<link href="https://example.org/calls/1"/>
<content type="html">&lt;p&gt;Towns may apply. Deadline: 30 September 2026.&lt;/p&gt;</content>
</entry>
<entry><title>Old entry</title><id>tag:example.org,2026:2</id>
<published>1970-01-01T00:00:00Z</published><content>Towns may apply.</content></entry>
</feed>"""
    entries = feedparser.parse(feed).entries
    fields = entry_fields(entries[0], "https://example.org/feed.atom")
    assert fields["published"] is None and entry_kind(fields) == "call"
    call = complete(
        _call(
            title=fields["title"],
            description=fields["text"],
            published=fields["published"],
            kind=entry_kind(fields),
        )
    )
    assert call.published is None and call.deadlines == ["2026-09-30"]
    assert call.applicant_types == ["municipality"]
    # An epoch date is a CMS default, not a publication date.
    assert entry_fields(entries[1], "https://example.org/feed.atom")["published"] is None


def test_a_feed_entry_with_a_date_that_cannot_be_read_or_only_an_update_date() -> None:
    feed = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Invented feed</title>
<item><title>Open call for towns</title><link>https://example.org/calls/1</link>
<pubDate>the first Monday of spring</pubDate><description>Towns may apply.</description></item>
</channel></rss>"""
    entry = feedparser.parse(feed).entries[0]
    with warnings.catch_warnings():
        # feedparser warns when asked for an update date the entry lacks, and will stop
        # answering with the publication date.
        warnings.simplefilter("error")
        assert entry_fields(entry, "https://example.org/rss")["published"] is None
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Invented feed</title><id>x</id>
<entry><title>Open call for towns</title><id>tag:example.org,2026:3</id>
<updated>2026-02-03T10:00:00Z</updated><content>Towns may apply.</content></entry></feed>"""
    updated = feedparser.parse(atom).entries[0]
    assert entry_fields(updated, "https://example.org/feed.atom")["published"] == "2026-02-03"


def test_a_projects_open_call_names_whom_it_funds_in_its_first_line() -> None:
    """An imported cascade offer is listed under its topic's title; its first line is its own
    title, and "Funding for SMEs and start-ups …" there names its applicants, the whole list.
    The same line in any other call's text is not read as who may apply."""
    text = "Funding for SMEs and start-ups in the bio-based sector - CALL FOR APPLICATIONS"
    offer = Call(
        "corpus",
        "c1",
        "Interregional Innovation Investments Strand 1",
        programme="I3 (Interregional Innovation Investments) (cascade funding)",
        description=text,
    )
    done = complete(offer)
    # A project's open call funds the group it names and no other.
    assert done.applicant_types == ["sme"] and done.extra.get("applicants_only") is True
    topic = Call(
        "corpus",
        "c2",
        "Interregional Innovation Investments Strand 1",
        programme="I3 (Interregional Innovation Investments)",
        description=text,
    )
    assert complete(topic).applicant_types == []
    # An offer whose first line names cities too is open to them.
    cities = Call(
        "corpus",
        "c3",
        "Interregional Innovation Investments Strand 1",
        programme="I3 (Interregional Innovation Investments) (cascade funding)",
        description="Open call for cities and SMEs to test bio-based solutions",
    )
    assert complete(cities).applicant_types == ["municipality", "sme"]


# --- the real calls, read in place ------------------------------------------------------------


@pytest.fixture(scope="module")
def real_calls() -> list[tuple[dict[str, object], Call]]:
    lines = shared_path("calls", "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    return [(r, call_from_record(r, "corpus")) for r in records]


@pytest.mark.shared
def test_a_projects_scholarships_for_students_are_offers_for_individuals_on_import(
    real_calls: list[tuple[dict[str, object], Call]],
) -> None:
    # An imported file names a project's open call by its programme ("Digital Europe (cascade
    # funding)") and its page; the offer's own title is its text's first line.
    cascade = [
        (record, complete(copy.deepcopy(call)))
        for record, call in real_calls
        if "(cascade funding)" in str(record["programme"])
    ]
    offers = sorted(str(r["id"]) for r, after in cascade if after.kind == "offer_individuals")
    assert len(cascade) == 9
    assert offers == ["CASCADE-43977648-3973a9fb", "CASCADE-45114064-d10a6484"]
    # Whom an offer funds, where its first line says it: one of the nine does.
    funded = {
        str(r["id"]): (after.applicant_types, after.extra.get("applicants_only"))
        for r, after in cascade
        if after.applicant_types
    }
    assert funded == {"CASCADE-46039256-c76cfbab": (["sme"], True)}
    # "rank" and "eval" rank every line of their file: they do not read the kind again.
    for record, call in real_calls:
        if str(record["id"]) in offers:
            assert complete_listed_call(copy.deepcopy(call)).kind == "call"


@pytest.mark.shared
def test_real_calls_stay_calls_and_keep_their_dates(
    real_calls: list[tuple[dict[str, object], Call]],
) -> None:
    done = [(call, complete(copy.deepcopy(call))) for _, call in real_calls]
    # The corpus holds calls, but for two projects' scholarships for students (below): no
    # more may be classified away (measured: 1255 of 1257).
    assert sum(after.kind == "call" for _, after in done) / len(done) >= 0.995
    for before, after in done:
        if before.deadlines:
            assert after.deadlines == before.deadlines
        if before.opening_date:
            assert after.opening_date == before.opening_date


@pytest.mark.shared
def test_real_calls_without_dates_close_by_the_years_their_titles_name(
    real_calls: list[tuple[dict[str, object], Call]],
) -> None:
    """As of 2026-12-02, 14 of the corpus's calls that have no dates are closed by the years
    they name: 11 titles name no year after 2024 (a 2021–2022 grant for energy advice, a 2020
    round of the regional fund, FFI's spring 2024 calls, …), 2 are FFI's rounds of spring
    2025 and spring 2026, over after that summer, and one title names no year but its text
    says it is the round of autumn 2014 (FRÖN, innovation in publicly funded services); a
    call named for 2025 otherwise or for a goal year ("Klimatneutrala städer 2030") is not,
    and no call with dates changes status."""
    today = date(2026, 12, 2)
    closed = []
    for _, call in real_calls:
        done = complete(copy.deepcopy(call))
        done.extra.pop("listed_closed", None)  # the title alone (the list's date: below)
        plain = copy.deepcopy(done)
        plain.extra.pop("named_year", None)
        plain.extra.pop("named_spring", None)
        if done.status(today) != plain.status(today) and not done.extra.get("named_by_number"):
            assert done.status(today) == "closed" and not done.has_window(), done.title
            closed.append(done)
    assert len(closed) == 14  # the numbers' years: below
    by_text = [c for c in closed if c.extra.get("named_in_text")]
    assert [(c.title[:4], c.extra["named_year"]) for c in by_text] == [("FRÖN", 2014)]
    closed = [c for c in closed if c not in by_text]
    springs = {c.title for c in closed if c.extra["named_year"] > 2024}
    assert springs == {
        "Transport and mobility services - FFI - spring 2025",
        "Cirkularitet FFI – spring 2026",
    }
    assert all(c.extra.get("named_spring") for c in closed if c.title in springs)
    titles = {c.title for c in closed} - springs
    assert "Stöd till utökad kommunal energi- och klimatrådgivning år 2021–2022" in titles
    assert not any("2025" in t or "2030" in t for t in titles)
    # Before 1 September of its spring's year, a round of that spring may still be open.
    assert all(c.status(date(2026, 8, 31)) == "unknown" for c in closed if "2026" in c.title)


@pytest.mark.shared
def test_real_calls_without_a_year_in_title_or_text_close_by_their_sources_number(
    real_calls: list[tuple[dict[str, object], Call]],
) -> None:
    """18 of the corpus's Vinnova and Formas calls name no year in title or text but carry
    their source's number in their address (Vinnova's diarienummer, the day of Formas's call
    page). The 7 Formas calls with a deadline closed 1 to 7 months after their page's day.
    As of 2026-12-03, 8 Vinnova calls without dates close by it (a 2021 call for civil
    society's climate solutions, three of 2023, four of 2024); those of 2025 and 2026 do not
    yet, and no call with dates changes status."""
    today = date(2026, 12, 3)
    numbered, closed = [], []
    for _, call in real_calls:
        done = complete(copy.deepcopy(call))
        if not done.extra.get("named_by_number"):
            continue
        numbered.append(done)
        if "formas.se" in (done.url or "") and done.deadlines:
            published = date.fromisoformat(done.extra["named_by_number"])
            months = (date.fromisoformat(max(done.deadlines)) - published).days / 30.4
            assert 0 < months < 8, done.title
        plain = copy.deepcopy(done)
        plain.extra.pop("named_year")
        if done.status(today) != plain.status(today):
            assert done.status(today) == "closed" and not done.has_window(), done.title
            closed.append(done)
    assert len(numbered) == 18
    assert sorted(c.extra["named_year"] for c in closed) == [2021, 2023, 2023, 2023] + [2024] * 4
    assert all("vinnova.se" in (c.url or "") for c in closed)
    titles = {c.title for c in closed}
    assert "Gemensamma AI-förmågor i kommuner och civilsamhälle" in titles


@pytest.mark.shared
def test_real_calls_without_dates_close_by_the_date_their_sources_list_gives_them(
    real_calls: list[tuple[dict[str, object], Call]],
) -> None:
    """Energimyndigheten's list dates an open call "Closes …" and a call no longer open by a
    bare date: the day it closed. In the list as captured every bare date lies before every
    "Closes" date (the capture's day, 2026-04-23, lies between), and where a call's own text
    states its deadline, the bare date is that deadline (9 of 9). As of 2026-12-03, 148 of the
    corpus's calls that have no dates close by it (a 2021 round of Klimatneutrala städer 2030,
    the 2023–2025 rounds of support for biogas production, …). Formas's list gives a call's
    phase: three calls without dates are past applying ("Given decision: 2026-04-21",
    "Closed: Decision is made 2026-06-16") and close by that day. No call with dates changes
    status, and no other source's."""
    listed, closes, stated = [], [], 0
    for record, call in real_calls:
        done = complete(copy.deepcopy(call))
        if "listed_closed" in done.extra:
            listed.append((done.extra["listed_closed"], done))
            if done.deadlines:
                assert done.deadlines == [done.extra["listed_closed"]], done.title
                assert done.extra["dates_from_text"] == ["deadline"]
                stated += 1
        elif done.url and "energimyndigheten.se" in done.url and record.get("title_en"):
            assert "Closes" in str(record["title_en"]), done.title
            closes.extend(done.deadlines)
    by_phase = sorted(day for day, call in listed if "formas.se" in str(call.url))
    assert by_phase == ["2026-04-21", "2026-04-21", "2026-06-16"]
    listed_days = [day for day, call in listed if "energimyndigheten.se" in str(call.url)]
    assert len(listed) == 163 and len(listed_days) == 160 and len(closes) == 9 and stated == 9
    assert max(listed_days) < "2026-04-23" < min(closes)
    today = date(2026, 12, 3)
    closed = []
    for _, call in real_calls:
        done = complete(copy.deepcopy(call))
        plain = copy.deepcopy(done)
        plain.extra.pop("listed_closed", None)
        if done.status(today) != plain.status(today):
            assert done.status(today) == "closed" and not done.has_window(), done.title
            assert done.url and ("energimyndigheten.se" in done.url or "formas.se" in done.url)
            closed.append(done)
    assert len(closed) == 151
    assert sum("formas.se" in str(c.url) for c in closed) == 3
    titles = {c.title for c in closed}
    assert {"Klimatneutrala städer 2030 2.0 efterlyses", "Stöd till produktion av biogas"} <= titles


@pytest.mark.shared
def test_real_deadlines_stated_in_the_text_are_read(
    real_calls: list[tuple[dict[str, object], Call]],
) -> None:
    # Calls whose own text states the deadline the corpus gives, as a written date (measured:
    # 23 calls, 8 in English, 15 in Swedish; all 23 read right), and every deadline read from
    # the text of a call with a known deadline (measured: 26 read, 26 right).
    stated = right = read = agree = 0
    english = english_right = 0
    for record, call in real_calls:
        known = record["deadlines"]
        if not known:
            continue
        assert isinstance(known, list)
        text = f"{call.title}\n{call.description}"
        _, deadline, _ = dates_from_text(text)
        if deadline:
            read += 1
            agree += deadline in known
        if any(form in text for d in known for form in _written(d)):
            stated += 1
            right += deadline in known
            if call.languages == ["en"]:
                english += 1
                english_right += deadline in known
    assert stated >= 20 and right / stated >= 0.9, (stated, right)
    assert english >= 6 and english_right / english >= 0.9, (english, english_right)
    assert read >= 20 and agree / read >= 0.9, (read, agree)


def _written(iso: str) -> tuple[str, ...]:
    """How texts state a date: '2024-10-14', '14 October 2024', '14 oktober 2024',
    '14.10.2024', '14 October' (a period's end takes the year of its start)."""
    day = date.fromisoformat(iso)
    english, swedish = _ENGLISH_MONTHS[day.month - 1], _SWEDISH_MONTHS[day.month - 1]
    return (
        iso,
        f"{day.day} {english} {day.year}",
        f"{day.day} {swedish} {day.year}",
        f"{day.day:02d}.{day.month:02d}.{day.year}",
        f"{day.day} {english},",
    )


_ENGLISH_MONTHS = [date(2000, m, 1).strftime("%B") for m in range(1, 13)]
_SWEDISH_MONTHS = list(SWEDISH_MONTHS)


@pytest.mark.shared
def test_real_applicant_types_are_found_where_the_text_says_who(
    real_calls: list[tuple[dict[str, object], Call]],
) -> None:
    # Most real texts never say who may apply (portal topics leave it to the general
    # conditions), so the rate is low and honest: measured 70 of 1257 (5.6 %) overall, 20
    # of 26 Vinnova calls, and the Swedish agencies' "Vem kan söka?" where present.
    done = [complete(copy.deepcopy(call)) for _, call in real_calls]
    typed = [c for c in done if c.applicant_types]
    assert len(typed) / len(done) >= 0.04
    vinnova = [c for c in done if "Vinnova" in (c.programme or "")]
    assert sum(bool(c.applicant_types) for c in vinnova) / len(vinnova) >= 0.6
    # Every type read is a known one, and an only-clause always names something.
    for call in typed:
        assert set(call.applicant_types) <= set(APPLICANT_TYPES)
    assert all(c.applicant_types for c in done if c.extra.get("applicants_only"))


@pytest.mark.shared
def test_a_who_may_apply_heading_naming_no_known_type_is_kept_for_the_check(
    real_calls: list[tuple[dict[str, object], Call]],
) -> None:
    calls = {str(record["id"]): copy.deepcopy(call) for record, call in real_calls}
    care = complete(calls["VINNOVA-2024-00313"])  # "Vem kan söka? Koordinatorn ska vara …"
    assert care.applicant_types == []
    assert care.extra["applicants_section"] == (
        "Koordinatorn ska vara en organisation inom vård och/eller omsorg som tar emot "
        "patienter eller brukare och ansvarar för verksamheten där lösningarna ska "
        "implementeras. Samverkan med andra aktörer är önskvärd men inget krav."
    )
    # An inline heading after it ("Budget: Högst 1 miljon …") ends the section.
    mobility = complete(calls["VINNOVA-2023-00433"])
    assert mobility.extra["applicants_section"].endswith("driftställe i Sverige.")
    # Types read from the section leave nothing to keep; so does a text with no heading.
    assert "applicants_section" not in complete(calls["VINNOVA-2023-01699"]).extra
    done = [complete(call) for call in calls.values()]
    kept = [c for c in done if "applicants_section" in c.extra]
    assert kept and all(not c.applicant_types for c in kept)
    # Measured: 12 of 1257 calls (Vinnova's sections naming sectors or roles, and Swedish
    # sentences such as Energimyndigheten's "Regionala energikontor kan ansöka …").
    assert 5 <= len(kept) <= 20
    biogas = complete(calls["ENERGIMYNDIGHETEN-stod-till-produktion-av-biogas"])
    assert biogas.extra["applicants_section"].startswith(
        "Aktörer som producerar biogas från stallgödsel"
    )
    # "… är välkomna att ansöka" names its applicants as a who-may-apply sentence does.
    eworld = complete(calls["ENERGIMYNDIGHETEN-delta-pa-ledande-massan-e-world-energy--water-2026"])
    assert eworld.applicant_types == ["sme"]


def test_a_swedish_sentence_naming_who_applies_is_kept_but_not_one_spoken_to_the_reader() -> None:
    named = complete(Call("x", "a", "Stöd", description="Badhusföreningar kan söka stöd."))
    assert named.extra["applicants_section"] == "Badhusföreningar kan söka stöd."
    for text in (
        "Du kan söka stöd för innovativa projekt.",
        "Ni som vill bygga badhus är välkomna att söka.",
        "Finansiärer öppnar en utlysning där du som vill bygga badhus kan söka stöd.",
    ):
        assert "applicants_section" not in complete(Call("x", "b", "Stöd", description=text)).extra


def test_an_invented_who_may_apply_section_is_kept_only_when_it_names_no_type() -> None:
    text = "Om utlysningen.\nVem kan söka?\nLag som driver badhus.\nBudget:\nTio miljoner."
    call = complete(Call("vinnova", "a", "Badhus", description=text))
    assert call.extra["applicants_section"] == "Lag som driver badhus."
    typed = complete(Call("vinnova", "b", "Badhus", description=text.replace("Lag", "Kommuner")))
    assert typed.applicant_types == ["municipality"]
    assert "applicants_section" not in typed.extra
