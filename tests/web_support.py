"""The web view's tests: a database with invented calls and built digests, the real
``eufunds web`` started on loopback, and a headless Chromium driven over the DevTools
protocol (through a pipe: no extra packages)."""

from __future__ import annotations

import base64
import contextlib
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from db import open_db
from matcher.embed import embed_calls
from matcher.encoders import EngineEncoder
from notifier.build import build_digests
from notifier.links import Links
from tests.notifier_world import (
    DISTRICT_HEATING,
    ENERGY_PREMISES,
    NO_DATES,
    NOW,
    PRIORITIES,
    ROOFTOP_SOLAR,
    TODAY,
    WEEK,
    add_match,
    crawl_run,
    fixture_calls,
    priorities,
    store,
)

PREVIOUS_WEEK = "2026-W14"  # the week before WEEK, when one call was new
PREVIOUS_NOW = "2026-03-30T05:00:00+00:00"
KEY = "k" * 40  # EUFUNDS_SECRET_KEY of the test server
PASSWORD = "rätt häst batteri"


def build_world(folder: Path) -> Path:
    """A database with invented calls, matches and this week's digests (answer links on)."""
    db_path = folder / "web.db"
    db = open_db(db_path)
    calls = fixture_calls([ENERGY_PREMISES, ROOFTOP_SOLAR, DISTRICT_HEATING, NO_DATES])
    store(db, list(calls.values()))
    add_match(
        db, calls[ROOFTOP_SOLAR], score=0.7, label="möjlig", kind="goal", target="mbn-utslapp"
    )
    # The week before, the rooftop call was new: this week it is among those closing soon.
    build_digests(
        db,
        priorities(),
        week=PREVIOUS_WEEK,
        today=TODAY - timedelta(days=7),
        now=PREVIOUS_NOW,
        links=Links("http://127.0.0.1:1", KEY.encode()),
    )
    add_match(db, calls[ENERGY_PREMISES], score=0.91)
    add_match(db, calls[DISTRICT_HEATING], score=0.6, label="möjlig")
    add_match(db, calls[NO_DATES], score=0.6, label="möjlig")
    crawl_run(db, "sedia", False, "2026-04-05T04:00:00+00:00", "HTTP 500 från sök-API:et")
    embed_calls(db, EngineEncoder())  # stored passages: what the priorities preview scores
    build_digests(
        db,
        priorities(),
        week=WEEK,
        today=TODAY,
        now=NOW,
        links=Links("http://127.0.0.1:1", KEY.encode()),  # rewritten to the server below
    )
    db.conn.close()
    return db_path


def server_env(db_path: Path, priorities_file: Path | None = None) -> dict[str, str]:
    """The environment of the test server."""
    env = dict(os.environ)
    env.update(
        EUFUNDS_DB=str(db_path),
        EUFUNDS_TODAY=TODAY.isoformat(),
        EUFUNDS_PRIORITIES=str(priorities_file or PRIORITIES),
        EUFUNDS_SECRET_KEY=KEY,
        EUFUNDS_ADMIN_PASSWORD=PASSWORD,
        EUFUNDS_DB_BUSY_TIMEOUT="5",
    )
    env.pop("EUFUNDS_BASE_URL", None)
    return env


@dataclass
class Server:
    """A running ``eufunds web``."""

    process: subprocess.Popen[bytes]
    url: str

    @property
    def port(self) -> int:
        return int(urlsplit(self.url).port or 0)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_server(env: dict[str, str], port: int = 0) -> Server:
    """Start the real command on loopback and wait for the line with its address."""
    process = subprocess.Popen(
        [sys.executable, "-c", "from app.cli import main; main()", "web", "--port", str(port)],
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
    )
    assert process.stderr is not None
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = process.stderr.readline().decode()
        found = re.search(r"(http://127\.0\.0\.1:\d+)/", line)
        if found:
            return Server(process, found.group(1))
        if not line and process.poll() is not None:
            break
    process.kill()
    raise AssertionError(f"eufunds web did not start: {line}")


def links_for(server: Server, clock: Any = None) -> Links:
    """Links signed with the test key, pointing at the test server."""
    return Links(server.url, KEY.encode(), clock=clock)


def personal_html(db_path: Path, recipient: str, server: Server) -> str:
    """A recipient's copy of this week's digest, its links pointing at the test server."""
    db = open_db(db_path, migrate=False)
    html = db.execute(
        "select o.html from outbox o join digests d on d.id = o.digest_id "
        "where o.recipient = ? and d.iso_week = ?",
        [recipient, WEEK],
    ).fetchone()[0]
    db.conn.close()
    return str(html).replace("http://127.0.0.1:1/", server.url + "/")


def answer_links(html: str) -> list[str]:
    """The answer links of a digest, in order."""
    return [h.replace("&amp;", "&") for h in re.findall(r'href="([^"]*/svar/[^"]+)"', html)]


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: str


def request(
    url: str,
    method: str = "GET",
    form: dict[str, str] | None = None,
    *,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    cookie: str | None = None,
) -> Reply:
    """One HTTP request, no redirects followed."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    sent = dict(headers or {})
    if form is not None:
        body = urlencode(form).encode()
        sent.setdefault("Content-Type", "application/x-www-form-urlencoded")
    if cookie:
        sent["Cookie"] = cookie
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    conn.request(method, path, body=body, headers=sent)
    response = conn.getresponse()
    reply = Reply(
        response.status,
        {k.lower(): v for k, v in response.getheaders()},
        response.read().decode("utf-8", "replace"),
    )
    conn.close()
    return reply


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]*)"', html)
    assert found, html[:500]
    return found.group(1)


def marks(db_path: Path) -> list[dict[str, Any]]:
    db = open_db(db_path, migrate=False)
    rows = list(db.query("select * from marks order by id"))
    db.conn.close()
    return rows


def chromium() -> str | None:
    """Debian's chromium, if installed."""
    return shutil.which("chromium")


class Browser:
    """A headless Chromium driven through ``--remote-debugging-pipe`` (DevTools protocol)."""

    def __init__(self, profile: Path) -> None:
        exe = chromium()
        assert exe
        self._in_r, self._in_w = os.pipe()  # we write commands here (its fd 3)
        self._out_r, self._out_w = os.pipe()  # it writes answers here (its fd 4)
        self.process = subprocess.Popen(
            [
                exe,
                "--headless",
                "--remote-debugging-pipe",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            pass_fds=(3, 4),  # the DevTools pipe: commands on 3, answers on 4
            preexec_fn=self._fds,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(self._in_r)
        os.close(self._out_w)
        self._buffer = b""
        self._id = 0
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        self.call("Page.enable", session=True)
        self.call("Runtime.enable", session=True)

    def _fds(self) -> None:
        # Copied out of the way first: the pipes themselves may be numbered 3 or 4.
        commands, answers = os.dup(self._in_r), os.dup(self._out_w)
        os.dup2(commands, 3)
        os.dup2(answers, 4)

    def call(self, method: str, session: bool = False, **params: Any) -> dict[str, Any]:
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._in_w, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                reply = json.loads(raw)
                if reply.get("id") == self._id:
                    if "error" in reply:
                        raise AssertionError(f"{method}: {reply['error']}")
                    return dict(reply.get("result", {}))
            chunk = os.read(self._out_r, 1 << 16)
            if not chunk:
                raise AssertionError("chromium closed the pipe")
            self._buffer += chunk
        raise AssertionError(f"{method}: no answer from chromium")

    def evaluate(self, expression: str) -> Any:
        result = self.call(
            "Runtime.evaluate", session=True, expression=expression, returnByValue=True
        )
        return result.get("result", {}).get("value")

    def wait_loaded(self) -> None:
        """Until a new document (without the marker the old one got) has loaded."""
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.evaluate("document.readyState === 'complete' && !window.__seen"):
                self.evaluate("window.__seen = true")
                return
            time.sleep(0.05)
        raise AssertionError("page did not load")

    def open(self, url: str, width: int = 1200) -> None:
        self.call(
            "Emulation.setDeviceMetricsOverride",
            session=True,
            width=width,
            height=900,
            deviceScaleFactor=1,
            mobile=width < 600,
        )
        self.evaluate("window.__seen = true")
        self.call("Page.navigate", session=True, url=url)
        self.wait_loaded()

    def click(self, selector: str) -> None:
        """A real mouse click in the middle of the element (no script on the page)."""
        self.evaluate(f"document.querySelector({json.dumps(selector)}).scrollIntoView()")
        box = self.evaluate(
            f"(() => {{ const r = document.querySelector({json.dumps(selector)})"
            ".getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()"
        )
        for kind in ("mousePressed", "mouseReleased"):
            self.call(
                "Input.dispatchMouseEvent",
                session=True,
                type=kind,
                x=box[0],
                y=box[1],
                button="left",
                clickCount=1,
            )
        self.wait_loaded()

    def type_into(self, selector: str, text: str) -> None:
        self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        self.evaluate(f"document.querySelector({json.dumps(selector)}).value = ''")
        self.call("Input.insertText", session=True, text=text)

    def text(self) -> str:
        return str(self.evaluate("document.body.innerText"))

    def screenshot(self, path: Path) -> None:
        data = self.call("Page.captureScreenshot", session=True, format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        with contextlib.suppress(AssertionError):
            self.call("Browser.close")
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self._in_w)
        os.close(self._out_r)
