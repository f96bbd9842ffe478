"""The web view over HTTP: the real ``eufunds web`` on loopback, answers from a digest's
links, and the bad cases (forged, expired, altered, another department's link, replays,
HTML in a reason, a 1 MB post, unknown calls, a locked database, a restart in between,
the coordinator's login and the priorities page with a broken file and a YAML bomb)."""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from db import open_db
from db.calls import utc_now
from db.marks import add_mark
from matcher.pair_facts import UNDESCRIBED, description_facts
from notifier.links import MAX_AGE
from tests.notifier_world import (
    DISTRICT_HEATING,
    PRIORITIES,
    add_match,
    fixture_calls,
    store,
)
from tests.web_support import (
    PASSWORD,
    Server,
    answer_links,
    build_world,
    csrf_of,
    links_for,
    marks,
    personal_html,
    request,
    server_env,
    start_server,
)

ENERGY = "import:EXEMPEL-ENERGI-LOKALER-2026"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Server]]:
    folder = tmp_path_factory.mktemp("web")
    priorities_file = folder / "priorities.yaml"
    priorities_file.write_bytes(PRIORITIES.read_bytes())
    db_path = build_world(folder)
    server = start_server(server_env(db_path, priorities_file))
    yield db_path, server
    server.stop()


def first_answer(db_path: Path, server: Server, index: int = 0) -> str:
    return answer_links(personal_html(db_path, "eu.miljo@linkoping.example", server))[index]


def test_answer_from_the_digest_records_one_mark_with_who_and_when(
    world: tuple[Path, Server],
) -> None:
    db_path, server = world
    before = len(marks(db_path))
    link = first_answer(db_path, server)  # "Intressant" on the first new call
    page = request(link)  # a mail scanner's GET changes nothing
    assert page.status == 200 and "Spara svaret: Intressant" in page.body
    assert 'lang="sv"' in page.body and "<h1>" in page.body and "<label" in page.body
    assert page.headers["referrer-policy"] == "same-origin"
    assert len(marks(db_path)) == before
    form = {"csrf": csrf_of(page.body), "forvaltning": "miljo", "motivering": "Passar oss"}
    saved = request(link, "POST", form)
    assert saved.status == 303 and saved.headers["location"].endswith("?sparat=ja")
    rows = marks(db_path)
    assert len(rows) == before + 1
    mark = rows[-1]
    assert (mark["call_id"], mark["department"], mark["mark"], mark["reason"]) == (
        ENERGY,
        "miljo",
        "interested",
        "Passar oss",
    )
    assert mark["marked_by"] == "eu.miljo@linkoping.example" and mark["marked_at"]
    # The replayed POST (a reload, a double click) is harmless.
    again = request(link, "POST", form)
    assert again.status == 303 and again.headers["location"].endswith("?sparat=redan")
    assert len(marks(db_path)) == before + 1
    done = request(link + "?sparat=ja")
    assert "Tack! Ert svar är sparat" in done.body


def test_bad_links_get_a_swedish_page_and_change_nothing(world: tuple[Path, Server]) -> None:
    db_path, server = world
    link = first_answer(db_path, server, 4)  # "Intressant" on another call
    before = marks(db_path)
    token = link.rsplit("/", 1)[1]
    body, stamp_sig = token.rsplit(".", 2)[0], ".".join(token.rsplit(".", 2)[1:])
    altered = link.replace(
        token, body[:-3] + ("AAA" if body[-3:] != "AAA" else "BBB") + "." + stamp_sig
    )
    forged = links_for(server).base + "/svar/miljo/" + "eyJkIjoibWlsam8ifQ.abc.def"
    other_key = link.replace(token, token[:-4] + ("abcd" if token[-4:] != "abcd" else "efgh"))
    old = links_for(server, clock=lambda: time.time() - MAX_AGE - 3600).answer_url(
        "miljo", ENERGY, "2026-W15", "interested", "eu.miljo@linkoping.example"
    )
    other_department = link.replace("/svar/miljo/", "/svar/utbildning/")
    cases = {
        altered: (400, "Länken är inte giltig"),
        forged: (400, "Länken är inte giltig"),
        other_key: (400, "Länken är inte giltig"),
        old: (410, "Länken har gått ut"),
        other_department: (403, "Länken gäller en annan förvaltning"),
    }
    for url, (status, title) in cases.items():
        for method in ("GET", "POST"):
            reply = request(url, method, {"csrf": "x", "forvaltning": "miljo"})
            assert reply.status == status, (url, method, reply.body[:300])
            assert title in reply.body and "Inget har ändrats" in reply.body
    # The right link with the form altered to another department, or without its token.
    page = request(link)
    moved = request(link, "POST", {"csrf": csrf_of(page.body), "forvaltning": "utbildning"})
    assert moved.status == 403 and "annan förvaltning" in moved.body
    no_csrf = request(link, "POST", {"forvaltning": "miljo"})
    assert no_csrf.status == 403
    cross_site = request(
        link,
        "POST",
        {"csrf": csrf_of(page.body), "forvaltning": "miljo"},
        headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
    )
    assert cross_site.status == 403 and "annan webbplats" in cross_site.body
    # Unknown call or department in a correctly signed link.
    unknown_call = links_for(server).answer_url(
        "miljo", "import:FINNS-INTE", "2026-W15", "interested", "eu.miljo@linkoping.example"
    )
    assert request(unknown_call).status == 404
    assert "Utlysningen finns inte" in request(unknown_call).body
    unknown_dept = links_for(server).answer_url(
        "ekonomi", ENERGY, "2026-W15", "interested", "a@linkoping.example"
    )
    reply = request(unknown_dept)
    assert reply.status == 404 and "Förvaltningen finns inte" in reply.body
    assert marks(db_path) == before


def test_html_in_a_reason_is_escaped_and_a_huge_post_refused(world: tuple[Path, Server]) -> None:
    db_path, server = world
    link = first_answer(db_path, server, 1)  # "Inte relevant" on the first call
    page = request(link)
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    form = {"csrf": csrf_of(page.body), "forvaltning": "miljo", "motivering": hostile}
    assert request(link, "POST", form).status == 303
    assert marks(db_path)[-1]["reason"] == hostile  # stored as written, as text
    shown = request(link).body
    assert "<script>alert" not in shown and "&lt;script&gt;" in shown
    assert "<img src=x" not in shown
    count = len(marks(db_path))
    huge = {"csrf": csrf_of(page.body), "forvaltning": "miljo", "motivering": "x" * 1_000_000}
    reply = request(link, "POST", huge)
    assert reply.status == 413 and "Formuläret är för stort" in reply.body
    too_long = dict(huge, motivering="y" * 1500)
    assert request(link, "POST", too_long).status == 400
    assert len(marks(db_path)) == count


def test_locked_database_and_a_restart_between_get_and_post(
    world: tuple[Path, Server], tmp_path: Path
) -> None:
    db_path, server = world
    link = first_answer(db_path, server, 6)
    page = request(link)
    form = {"csrf": csrf_of(page.body), "forvaltning": "miljo"}
    count = len(marks(db_path))
    blocker = sqlite3.connect(db_path, timeout=1)
    blocker.execute("begin immediate")  # as a running match holds the write lock
    try:
        started = time.monotonic()
        reply = request(link, "POST", form)
        assert reply.status == 503 and "Databasen är upptagen" in reply.body
        assert time.monotonic() - started < 15
    finally:
        blocker.rollback()
        blocker.close()
    assert len(marks(db_path)) == count
    # The server restarts between the GET and the POST: the same form still works.
    env = server_env(db_path, db_path.parent / "priorities.yaml")
    server.stop()
    again = start_server(env, port=server.port)
    try:
        assert request(link, "POST", form).status == 303
        assert len(marks(db_path)) == count + 1
    finally:
        again.stop()
        world[1].process = start_server(env, port=server.port).process


def test_pages_for_the_department_and_the_call(world: tuple[Path, Server]) -> None:
    db_path, server = world
    html = personal_html(db_path, "eu.miljo@linkoping.example", server)
    page_link = re.search(r'href="([^"]*/forvaltning/miljo/[^"]+)"', html)
    assert page_link
    department = request(page_link.group(1))
    assert department.status == 200
    assert "Veckans nya utlysningar" in department.body and "Era svar" in department.body
    # The page numbers each call as the mail did (a reply's "nr 4" is the same call), also
    # after an answer has taken the mail's nr 1 off the page's list of new calls.
    db = open_db(db_path)
    with db.atomic():
        add_mark(db, ENERGY, "not-relevant", marked_by="t", marked_at=utc_now(), department="miljo")
    department = request(page_link.group(1))
    numbered = re.compile(r"<h3[^>]*>(\d+)\. <a[^>]*>(?:<span[^>]*>)?([^<]+)<")
    on_page, in_mail = set(numbered.findall(department.body)), set(numbered.findall(html))
    # Every call the mail asked about is on the page with its number (those closing soon
    # included), but the one answered.
    answered = ("1", "Energismarta lokaler i Östra Mellansverige")
    assert answered in in_mail and on_page == in_mail - {answered}
    assert "Stänger inom 30 dagar" in html and "Stänger inom 30 dagar" in department.body
    call_link = re.search(r'href="([^"]*/utlysning/miljo/[^"]+)"', html)
    assert call_link
    call = request(call_link.group(1))
    assert call.status == 200
    for heading in ("Datum och villkor", "Varför den kom med", "Svar och markeringar", "Källor"):
        assert heading in call.body
    # Another department's page with this department's link: refused.
    other = page_link.group(1).replace("/forvaltning/miljo/", "/forvaltning/utbildning/")
    assert request(other).status == 403


def login(server: Server) -> str:
    page = request(server.url + "/logga-in")
    cookie = page.headers["set-cookie"].split(";", 1)[0]
    wrong = request(
        server.url + "/logga-in",
        "POST",
        {"csrf": csrf_of(page.body), "losenord": "fel"},
        cookie=cookie,
    )
    assert wrong.status == 401 and "Fel lösenord" in wrong.body
    reply = request(
        server.url + "/logga-in",
        "POST",
        {"csrf": csrf_of(page.body), "losenord": PASSWORD},
        cookie=cookie,
    )
    assert reply.status == 303
    return reply.headers["set-cookie"].split(";", 1)[0]


def test_coordinator_and_priorities_page(world: tuple[Path, Server], tmp_path: Path) -> None:
    db_path, server = world
    assert request(server.url + "/samordnare").status == 303  # to the login
    cookie = login(server)
    overview = request(server.url + "/samordnare", cookie=cookie)
    assert overview.status == 200
    for heading in ("Prioriteringsfilen", "Källor", "Veckans svar", "Utskick"):
        assert heading in overview.body
    assert "misslyckades" in overview.body  # the failed source
    form_page = request(server.url + "/prioriteringar", cookie=cookie)
    csrf = csrf_of(form_page.body)
    original = PRIORITIES.read_text(encoding="utf-8")
    assert "kommun: Linköpings kommun" in form_page.body  # the file in use, to edit
    priorities_file = db_path.parent / "priorities.yaml"  # the server's copy, never the fixture
    kept = priorities_file.read_bytes()
    # A broken file: every error with its line; nothing saved.
    broken = original.replace("nuts: SE123", "nuts: se-123").replace(
        "    förvaltningar: [miljo]", "    förvaltningar: [miljö]"
    )
    reply = request(
        server.url + "/prioriteringar",
        "POST",
        {"csrf": csrf, "atgard": "forhandsgranska", "text": broken},
        cookie=cookie,
    )
    assert reply.status == 422 and "fel i inklistrad text" in reply.body
    assert "Rad 5, kolumn 7" in reply.body and "menade du" in reply.body
    # A YAML bomb: refused by the loader's alias rule, quickly.
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: &d [*c, *c]\ne: [*d, *d]\n"
    started = time.monotonic()
    reply = request(
        server.url + "/prioriteringar",
        "POST",
        {"csrf": csrf, "atgard": "forhandsgranska", "text": bomb},
        cookie=cookie,
    )
    assert reply.status == 422 and "alias" in reply.body and time.monotonic() - started < 5
    # Saving without a valid preview of the same text is refused.
    refused = request(
        server.url + "/prioriteringar",
        "POST",
        {"csrf": csrf, "atgard": "spara", "text": original, "granskad": "0" * 64},
        cookie=cookie,
    )
    assert refused.status == 409
    assert priorities_file.read_bytes() == kept
    # A valid file: what each priority and goal catches today; saved only when asked.
    edited = original.replace("Energi och klimat", "Energi, klimat och solel")
    reply = request(
        server.url + "/prioriteringar",
        "POST",
        {"csrf": csrf, "atgard": "forhandsgranska", "text": edited},
        cookie=cookie,
    )
    assert reply.status == 200 and "Förhandsgranskning: filen är giltig" in reply.body
    assert "4 utlysningar poängsattes" in reply.body and "Prioritering energi-klimat" in reply.body
    assert priorities_file.read_bytes() == kept  # nothing saved yet
    granskad = re.search(r'name="granskad" value="([0-9a-f]{64})"', reply.body)
    assert granskad
    saved = request(
        server.url + "/prioriteringar",
        "POST",
        {"csrf": csrf, "atgard": "spara", "text": edited, "granskad": granskad.group(1)},
        cookie=cookie,
    )
    assert saved.status == 200 and "Sparat i" in saved.body
    assert priorities_file.read_text(encoding="utf-8") == edited
    assert (priorities_file.parent / "priorities.yaml.föregående").read_bytes() == kept
    priorities_file.write_bytes(kept)
    # No login: no priorities page.
    assert request(server.url + "/prioriteringar", "POST", {"text": "x"}).status in (303, 403)


def test_wrong_passwords_lock_the_login_for_a_while(world: tuple[Path, Server]) -> None:
    db_path, _ = world
    # A server of its own: the lock must not reach the other tests' logins.
    server = start_server(server_env(db_path, db_path.parent / "priorities.yaml"))
    try:
        page = request(server.url + "/logga-in")
        cookie = page.headers["set-cookie"].split(";", 1)[0]
        form = {"csrf": csrf_of(page.body)}
        for _ in range(5):
            wrong = request(
                server.url + "/logga-in", "POST", {**form, "losenord": "fel"}, cookie=cookie
            )
            assert wrong.status == 401 and "Fel lösenord" in wrong.body
        # The sixth try is refused, the right password too, with the time to wait.
        locked = request(
            server.url + "/logga-in", "POST", {**form, "losenord": PASSWORD}, cookie=cookie
        )
        assert locked.status == 429
        assert "För många felaktiga lösenord" in locked.body
        assert "Försök igen om 15 minuter" in locked.body
        assert 0 < int(locked.headers["retry-after"]) <= 15 * 60
        assert "set-cookie" not in locked.headers or "admin" not in locked.headers["set-cookie"]
        assert request(server.url + "/samordnare", cookie=cookie).status == 303  # still out
    finally:
        server.stop()


def test_the_call_page_says_a_not_relevant_answer_keeps_the_call_from_the_digest(
    tmp_path: Path,
) -> None:
    """After the department answers "Inte relevant" from its digest, the call's page still
    says why the call matched, and now that it will not come in the department's digest."""
    priorities_file = tmp_path / "priorities.yaml"
    priorities_file.write_bytes(PRIORITIES.read_bytes())
    db_path = build_world(tmp_path)
    server = start_server(server_env(db_path, priorities_file))
    try:
        html = personal_html(db_path, "eu.miljo@linkoping.example", server)
        call_link = re.search(r'href="([^"]*/utlysning/miljo/[^"]+)"', html)
        assert call_link
        page = call_link.group(1).replace("&amp;", "&")
        kept = "kommer inte med i veckobrevet: markerad inte relevant"
        before = request(page)
        assert before.status == 200 and "Varför den kom med" in before.body
        assert kept not in before.body
        not_relevant = answer_links(html)[1]  # the first call's second button
        form = {"csrf": csrf_of(request(not_relevant).body), "forvaltning": "miljo"}
        assert request(not_relevant, "POST", form).status == 303
        latest = marks(db_path)[-1]
        assert (latest["call_id"], latest["mark"]) == (ENERGY, "not-relevant")
        after = request(page)
        assert after.status == 200 and kept in after.body
    finally:
        server.stop()


def test_the_call_page_of_a_call_without_a_description_says_what_the_match_rests_on(
    tmp_path: Path,
) -> None:
    """interreg.eu gives only a title and fields: the call's page shows them as the source's
    fields, not as a quoted reason, and its info facts as sentences (no "info:")."""
    priorities_file = tmp_path / "priorities.yaml"
    priorities_file.write_bytes(PRIORITIES.read_bytes())
    db_path = build_world(tmp_path)
    fields = "Themes: Greener Europe\nWho may apply: Local public authority"
    call = replace(
        fixture_calls([DISTRICT_HEATING])[DISTRICT_HEATING],
        source="interreg",
        source_id="callForProjectsPage_1",
        description=fields,
    )
    db = open_db(db_path)
    store(db, [call])
    (facts,) = description_facts([call])
    add_match(db, call, facts=facts, passage="Themes: Greener Europe")
    db.conn.close()
    server = start_server(server_env(db_path, priorities_file))
    try:
        page = request(f"{server.url}/samordnare/utlysning?id={call.key}", cookie=login(server))
        assert page.status == 200
        assert "Källans uppgifter:" in page.body and "”Themes: Greener Europe”" in page.body
        assert "<blockquote" not in page.body.split('id="varfor"')[1].split("</section>")[0]
        assert f"<li>{UNDESCRIBED}</li>" in page.body
        assert "info:" not in page.body
    finally:
        server.stop()


def test_the_coordinator_pastes_a_reply_with_numbers_and_saves_its_marks(tmp_path: Path) -> None:
    priorities_file = tmp_path / "priorities.yaml"
    priorities_file.write_bytes(PRIORITIES.read_bytes())
    db_path = build_world(tmp_path)
    server = start_server(server_env(db_path, priorities_file))
    try:
        cookie = login(server)
        assert 'href="/samordnare/svar"' in request(f"{server.url}/samordnare", cookie=cookie).body
        assert request(f"{server.url}/samordnare/svar").status == 303  # to the login
        form_page = request(f"{server.url}/samordnare/svar", cookie=cookie)
        assert form_page.status == 200 and "<textarea" in form_page.body
        csrf = csrf_of(form_page.body)
        words = (
            "1 och 4 är intressanta. Nr 2 är inte relevant – vi har ingen fjärrvärme.\r\n"
            "9 är också intressant."
        )
        posted = {"csrf": csrf, "atgard": "forhandsgranska", "forvaltning": "miljo", "av": "Maria"}
        url = f"{server.url}/samordnare/svar"
        preview = request(url, "POST", {**posted, "text": words}, cookie=cookie)
        assert preview.status == 200
        for title in ("Energismarta lokaler", "Solel och energilager", "Low-temperature"):
            assert title in preview.body
        assert "nr 9: veckobrevet 2026-W15 har nr 1–4" in preview.body
        assert "Spara 3 markeringar" in preview.body and marks(db_path) == []
        checked = re.search(r'name="granskad" value="([0-9a-f]{64})"', preview.body)
        assert checked
        # Changed after the preview: nothing saved, the text comes back.
        save = {**posted, "atgard": "spara", "granskad": checked.group(1)}
        changed = request(url, "POST", {**save, "text": words + " 3 är intressant."}, cookie=cookie)
        assert changed.status == 409 and "3 är intressant." in changed.body
        assert marks(db_path) == []
        saved = request(url, "POST", {**save, "text": words}, cookie=cookie)
        assert saved.status == 200 and "3 markeringar sparade för Miljö" in saved.body
        stored = [
            (m["call_id"], m["department"], m["mark"], m["marked_by"]) for m in marks(db_path)
        ]
        assert sorted(stored) == sorted(
            [
                (ENERGY, "miljo", "interested", "Maria"),
                ("import:EXEMPEL-SOLEL-TAK-2026", "miljo", "interested", "Maria"),
                ("import:EXEMPEL-HEAT-2026-01", "miljo", "not-relevant", "Maria"),
            ]
        )
        # No department chosen: said so, the pasted text kept; without the token: refused.
        bare = {**posted, "forvaltning": "", "text": words}
        unchosen = request(url, "POST", bare, cookie=cookie)
        assert unchosen.status == 422 and "Välj vilken förvaltning" in unchosen.body
        assert "ingen fjärrvärme" in unchosen.body
        other_week = {**posted, "vecka": "2026-W40", "text": words}
        unbuilt = request(url, "POST", other_week, cookie=cookie)
        assert unbuilt.status == 422 and "inget veckobrev för vecka 2026-W40: ange veckan" in (
            unbuilt.body
        )
        assert "ingen fjärrvärme" in unbuilt.body
        forged = request(url, "POST", {**bare, "csrf": "x"}, cookie=cookie)
        assert forged.status == 403
        assert len(marks(db_path)) == 3
    finally:
        server.stop()
