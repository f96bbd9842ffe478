"""The pages in a real headless Chromium (Debian's ``chromium``; ``make install`` installs it
when run as root): answering from a digest's link with the confirm button, the priorities
preview with a broken and a valid file, and the digest at 390 px and 1200 px without
horizontal scrolling (its content kept to 600 px)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.notifier_world import PRIORITIES
from tests.web_support import (
    PASSWORD,
    Browser,
    Server,
    answer_links,
    build_world,
    chromium,
    marks,
    personal_html,
    server_env,
    start_server,
)

pytestmark = pytest.mark.skipif(
    chromium() is None,
    reason="no chromium: `make install` as root installs it (apt-get install chromium)",
)
PHONE, DESKTOP, MAIL_WIDTH = 390, 1200, 600


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Server, Browser]]:
    folder = tmp_path_factory.mktemp("browser")
    priorities_file = folder / "priorities.yaml"
    priorities_file.write_bytes(PRIORITIES.read_bytes())
    db_path = build_world(folder)
    server = start_server(server_env(db_path, priorities_file))
    browser = Browser(folder / "profile")
    yield db_path, server, browser
    browser.close()
    server.stop()


def test_answer_from_a_digest_link_with_the_confirm_button(
    setup: tuple[Path, Server, Browser], tmp_path: Path
) -> None:
    db_path, server, browser = setup
    digest = tmp_path / "digest.html"
    digest.write_text(personal_html(db_path, "eu.miljo@linkoping.example", server), "utf-8")
    browser.open(digest.as_uri())
    before = len(marks(db_path))
    # The reader clicks "Inte relevant" under the first call in the mail.
    link = answer_links(digest.read_text("utf-8"))[1]
    browser.evaluate(f"window.__target = {link!r}")
    browser.click(f'a[href="{link}"]')
    assert "Svara: Inte relevant" in browser.text()
    assert len(marks(db_path)) == before  # opening the link changed nothing
    browser.type_into("#motivering", "Vi har redan en sådan satsning")
    browser.click("#spara")
    assert "Tack! Ert svar är sparat" in browser.text()
    mark = marks(db_path)[-1]
    assert (mark["mark"], mark["department"], mark["reason"], mark["marked_by"]) == (
        "not-relevant",
        "miljo",
        "Vi har redan en sådan satsning",
        "eu.miljo@linkoping.example",
    )
    assert len(marks(db_path)) == before + 1


def test_priorities_preview_with_a_broken_and_a_valid_file(
    setup: tuple[Path, Server, Browser],
) -> None:
    _db_path, server, browser = setup
    browser.open(server.url + "/prioriteringar")
    assert "Logga in" in browser.text()
    browser.type_into("#losenord", PASSWORD)
    browser.click("button.primary")
    assert "Klistra in prioriteringsfilen" in browser.text()
    original = PRIORITIES.read_text("utf-8")
    browser.type_into("#text", original.replace("land: SE", "land: Sverige"))
    browser.click("#forhandsgranska")
    text = browser.text()
    assert "1 fel i inklistrad text – inget har sparats" in text
    assert "Rad 4, kolumn 7" in text and "ingen landskod" in text
    browser.type_into("#text", original)
    browser.click("#forhandsgranska")
    text = browser.text()
    assert "Förhandsgranskning: filen är giltig" in text
    assert "Prioritering energi-klimat" in text and "Nämndmål mbn-utslapp" in text
    assert browser.evaluate("document.documentElement.scrollWidth") <= DESKTOP


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_digest_fits_the_screen(
    setup: tuple[Path, Server, Browser], tmp_path: Path, width: int
) -> None:
    db_path, server, browser = setup
    digest = tmp_path / "digest.html"
    digest.write_text(personal_html(db_path, "eu.miljo@linkoping.example", server), "utf-8")
    browser.open(digest.as_uri(), width=width)
    scroll = browser.evaluate("document.documentElement.scrollWidth")
    content = browser.evaluate(
        "Math.max(...[...document.querySelectorAll('table[role=presentation]')]"
        ".map(t => t.getBoundingClientRect().width))"
    )
    inner = browser.evaluate(
        "document.querySelectorAll('table[role=presentation]')[1].getBoundingClientRect().width"
    )
    browser.screenshot(tmp_path / f"digest-{width}.png")
    print(f"digest at {width} px: scrollWidth {scroll}, content {inner}")
    assert scroll <= width, f"horizontal scroll: {scroll} px on a {width} px screen"
    assert inner <= MAIL_WIDTH and content <= width
    if width == DESKTOP:
        assert inner == MAIL_WIDTH
    # Headings and the language of English text are marked.
    assert browser.evaluate("document.querySelectorAll('h1').length") == 1
    assert browser.evaluate("document.querySelectorAll('h2').length") >= 2
    assert browser.evaluate("document.querySelectorAll('[lang=en]').length") >= 1
