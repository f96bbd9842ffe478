"""Parsing of real captured responses, without a crawl: SEDIA rows, Interreg hits, Vinnova
rounds, Swedish call text, links and the feed list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.spiders.feeds import FeedListError, read_feed_list
from crawler.spiders.interreg import call_from_hit
from crawler.spiders.interreg_bsr import is_call
from crawler.spiders.sedia import (
    call_from_row,
    keywords,
    multipart,
    next_cursor,
    row_key,
    row_quality,
    topic_budget,
)
from crawler.spiders.vinnova import call_from_round
from crawler.text import (
    county_tags,
    html_to_text,
    programme_regions,
    safe_url,
    swedish_amount,
    swedish_period,
)
from db.status import derive_status

RECORDINGS = Path(__file__).resolve().parent.parent / "crawler" / "recordings"
SEARCH = RECORDINGS / "sedia" / "search-api" / "prod" / "rest" / "search"


def _rows(name: str) -> list[dict]:
    return json.loads((SEARCH / name).read_text(encoding="utf-8"))["results"]


def test_sedia_duplicates_merge_to_one_record_per_topic_with_the_best_row() -> None:
    rows = _rows("aarhusai-portal-search-page.json")
    best: dict[str, dict] = {}
    for row in rows:
        key = row_key(row)
        assert key
        if key not in best or row_quality(row) > row_quality(best[key]):
            best[key] = row
    assert len(rows) == 9
    assert len(best) == 8  # one exact duplicate row of HORIZON-INFRA-2024-EOSC-01-03


def test_sedia_stale_forthcoming_status_loses_to_the_deadline() -> None:
    row = next(
        r
        for r in _rows("aarhusai-portal-search-page.json")
        if r["metadata"]["identifier"] == ["HORIZON-CL2-2024-TRANSFORMATIONS-01-08"]
    )
    call = call_from_row(row, "HORIZON-CL2-2024-TRANSFORMATIONS-01-08")
    assert call.status_hint == "Forthcoming"
    assert call.deadlines == ["2024-02-07"]
    from datetime import date

    assert derive_status(call.opening_date, call.deadlines, date(2026, 6, 1), call.status_hint) == (
        "closed"
    )


def test_sedia_topic_row_keeps_every_cut_off_and_plain_text() -> None:
    row = _rows("aarhusai-portal-search-page.json")[0]
    call = call_from_row(row, "HORIZON-MISS-2027-05-SOIL-01-two-stage")
    assert call.deadlines == ["2027-04-08", "2027-09-14"]
    assert call.opening_date == "2027-02-04"
    assert call.programme == "Horizon Europe"
    assert "<" not in call.description and call.description.startswith("Expected Outcome:")
    assert call.url and call.url.endswith("/topic-details/HORIZON-MISS-2027-05-SOIL-01-two-stage")


def test_sedia_budget_counts_only_the_topics_own_actions() -> None:
    overview = {
        "budgetTopicActionMap": {
            "1": [
                {"action": "HORIZON-X-01 - HORIZON-RIA", "budgetYearMap": {"2027": "24000000"}},
                {"action": "HORIZON-X-02 - HORIZON-RIA", "budgetYearMap": {"2027": "900000000"}},
            ]
        }
    }
    assert topic_budget(overview, "HORIZON-X-01") == 24_000_000
    assert topic_budget(None, "HORIZON-X-01") is None


def test_sedia_truncated_budget_overview_in_real_rows_is_tolerated() -> None:
    for row in _rows("aarhusai-portal-search-page.json"):
        key = row_key(row)
        assert key is not None
        call_from_row(row, key)  # must not raise on JSON cut mid-string


def test_sedia_cascade_offers_sharing_a_page_stay_apart() -> None:
    rows = _rows("tacowars-cascade-calls.json")
    keys = [row_key(r) for r in rows]
    assert keys[0] == "cascade-46214053-11143" and keys[1] == "cascade-46214053-11145"
    call = call_from_row(rows[0], keys[0])  # type: ignore[arg-type]
    assert call.budget == 30500 and call.currency == "EUR"
    assert call.title == "METU Internships Offer"
    assert len(call.deadlines) == 7


def test_sedia_keywords_in_both_shapes() -> None:
    assert keywords({"keywords": ["a", "b"]}) == ["a", "b"]
    assert keywords({"keywords": ['["Soil", "Health"]']}) == ["Soil", "Health"]


def test_sedia_cursor_skips_only_complete_tie_blocks() -> None:
    assert next_cursor(["2026-01", "2026-02", "2026-02"]) == "2026-01"
    assert next_cursor(["2026-02", "2026-02"]) is None


def test_sedia_query_goes_as_json_file_parts() -> None:
    body, content_type = multipart({"query": {"bool": {"must": []}}, "languages": ["en"]})
    assert content_type.startswith("multipart/form-data; boundary=")
    assert b'name="query"; filename="blob"' in body
    assert b"Content-Type: application/json" in body


def test_interreg_hit_keeps_nuts_regions_and_audience() -> None:
    data = json.loads((RECORDINGS / "interreg/1/indexes/*/queries.json").read_bytes())
    call = call_from_hit(data["results"][0]["hits"][0])
    assert call is not None
    assert call.url == "https://interreg-sudoe.eu/3a-convocatoria/"
    assert "ES111" in call.regions and "FR" in call.regions and "SE123" not in call.regions
    assert call.deadlines == ["2026-09-30"] and call.opening_date == "2026-05-04"
    assert call.applicants and "Business support organisation" in call.applicants


def test_vinnova_round_in_swedish_and_english() -> None:
    rounds = json.loads((RECORDINGS / "vinnova/api/ansokningsomgangar/_default.json").read_bytes())
    calls = [call_from_round(r) for r in rounds]
    assert all(calls)
    swedish = next(c for c in calls if c and c.source_id == "2023-01699")
    assert swedish.languages == ["sv"] and swedish.title.startswith("Gemensamma AI")
    english = next(c for c in calls if c and c.source_id == "2025-00397")
    assert english.languages == ["en"]
    assert call_from_round({"Diarienummer": "", "Titel": "x"}) is None


def test_swedish_status_lines_and_periods_from_real_call_text() -> None:
    assert swedish_period("Stängd 19 mars 2024\nÖrebro, Östergötland") == (None, "2024-03-19")
    assert swedish_period("Öppnar: 2 december 2022\nStänger: 6 mars 2023") == (
        "2022-12-02",
        "2023-03-06",
    )
    assert swedish_period("Utlysning 2018:2 är öppen under tiden 15 juni - 14 september 2018") == (
        "2018-06-15",
        "2018-09-14",
    )
    assert swedish_period("Utlysningen pågår mellan den 2 mars 2015 och den 16 april 2015.") == (
        "2015-03-02",
        "2015-04-16",
    )
    assert swedish_period("Omgången pågår mellan den 1 januari till den 28 april 2011") == (
        "2011-01-01",
        "2011-04-28",
    )


def test_swedish_amounts_counties_and_regions() -> None:
    assert swedish_amount("Svenska ESF-rådet avsätter 63 miljoner kronor") == (63e6, "SEK")
    assert swedish_amount("Utlyst belopp 68 000 000 kr") == (68e6, "SEK")
    assert swedish_amount("Beslutsdatum 2010-12-22 Europeiska socialfonden") is None
    assert county_tags("Örebro, Östergötland, Sörmland, Uppsala, Västmanland") == [
        "Örebro",
        "Östergötland",
        "Sörmland",
        "Uppsala",
        "Västmanland",
    ]
    assert county_tags("Nu finns möjlighet att söka") == []
    assert programme_regions("projekt i Östra Mellansverige") == ["SE12"]


def test_only_http_links_survive_and_relative_links_resolve() -> None:
    assert safe_url("javascript:alert(1)", "https://esf.se/") is None
    assert safe_url("data:text/html,x") is None
    assert safe_url("mailto:a@b.se") is None
    assert safe_url("/utlysningar/x/", "https://www.esf.se/utlysningar/") == (
        "https://www.esf.se/utlysningar/x/"
    )


def test_html_becomes_plain_text() -> None:
    text = html_to_text(
        '<p class="x">Expected&nbsp;Outcome:</p><script>alert(1)</script>'
        "<ul><li>one</li><li>two</li></ul>"
    )
    assert text == "Expected Outcome:\n• one\n• two"


def test_feed_items_about_calls_are_kept_news_dropped() -> None:
    assert is_call("Interreg Baltic Sea Region 2021-2027: first calls for small projects", [])
    assert is_call("Anything", ["Calls"])
    assert not is_call("Programme monitoring committee met in Riga", ["News"])


def test_feed_list_errors_say_what_to_fix(tmp_path: Path) -> None:
    good = tmp_path / "feeds.yaml"
    good.write_text("feeds:\n  - name: EUI\n    url: https://example.org/rss.xml\n")
    assert read_feed_list(good) == [("EUI", "https://example.org/rss.xml")]
    toml = tmp_path / "feeds.toml"
    toml.write_text('[[feeds]]\nname = "EUI"\nurl = "rss.xml"\n')
    assert read_feed_list(toml, "http://127.0.0.1:9") == [("EUI", "http://127.0.0.1:9/rss.xml")]
    bad = tmp_path / "bad.yaml"
    bad.write_text("feeds:\n  - name: EUI\n    url: javascript:alert(1)\n")
    with pytest.raises(FeedListError, match="feed 1 needs a name and an http"):
        read_feed_list(bad)
    with pytest.raises(FeedListError, match="cannot read"):
        read_feed_list(tmp_path / "missing.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("feeds: [\n")
    with pytest.raises(FeedListError, match="not valid yaml"):
        read_feed_list(broken)


def test_feeds_without_a_list_have_nothing_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    from crawler.spiders.feeds import FeedsSpider

    monkeypatch.delenv("EUFUNDS_FEEDS", raising=False)
    spider = FeedsSpider()
    assert (spider.feed_list, spider.failures, spider.empty_ok) == ([], [], True)


def test_a_broken_feed_list_fails_the_source_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crawler.spiders.feeds import FeedsSpider

    broken = tmp_path / "feeds.yaml"
    broken.write_text("feeds:\n  - name: EUI\n")
    monkeypatch.setenv("EUFUNDS_FEEDS", str(broken))
    spider = FeedsSpider()
    assert spider.feed_list == []
    assert spider.failures == [
        f"{broken}: feed 1 needs a name and an http(s) url (got {{'name': 'EUI'}})"
    ]
    assert not spider.empty_ok
