"""Mail faults on loopback: a server that takes the message and never confirms it, a
password over a connection without TLS, and a stop in the middle of a delivery."""

from __future__ import annotations

import ssl
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from click.testing import CliRunner

from app.cli import cli
from db import open_db
from notifier.build import build_digests
from notifier.delivery import SmtpSettings, SmtpTransport
from notifier.outbox import UNCONFIRMED_WAIT, flush_outbox, now_utc, problems
from tests.notifier_world import (
    ENERGY_PREMISES,
    NOW,
    TODAY,
    WEEK,
    add_match,
    fixture_calls,
    priorities,
    store,
)
from tests.smtp_server import Handler, SmtpServer, free_port
from tests.test_faults_support import StallingHandler, wait_until
from tests.tls import self_signed

SENDER = "EU-bevakning <eufunds@linkoping.example>"


@pytest.fixture
def queued(db_path: Path) -> sqlite_utils.Database:
    """Four digests of week 15 waiting in the outbox."""
    db = open_db(db_path)
    call = fixture_calls([ENERGY_PREMISES])[ENERGY_PREMISES]
    store(db, [call])
    add_match(db, call, score=0.9)
    build_digests(db, priorities(), week=WEEK, today=TODAY, now=NOW, sender=SENDER)
    assert db["outbox"].count == 4
    return db


def quick(server: SmtpServer, **settings: Any) -> SmtpTransport:
    """A transport to ``server`` that waits one second for an answer."""
    env = server.env()
    return SmtpTransport(SmtpSettings("127.0.0.1", int(env["EUFUNDS_SMTP_PORT"]), timeout=1.0))


def statuses(db: sqlite_utils.Database) -> list[str]:
    return [r["status"] for r in db.query("select status from outbox order by id")]


def test_a_message_never_confirmed_is_sent_at_most_twice(queued: sqlite_utils.Database) -> None:
    server = SmtpServer()
    handler = StallingHandler(stall=3)
    server.handler = handler
    server.start()
    try:
        now = now_utc()
        first = flush_outbox(queued, quick(server), now=now, sender=SENDER, only_id=1)
        assert (first.sent, first.unconfirmed, first.failed) == (0, 1, 0)
        assert statuses(queued)[0] == "unconfirmed"
        error = queued.execute("select last_error from outbox where id = 1").fetchone()[0]
        assert "bekräftade det aldrig" in error
        assert "skickas en gång till vid en senare körning" in error
        # The same run, and a run a minute later: not sent blindly again.
        for later in (now, now + timedelta(minutes=1)):
            again = flush_outbox(queued, quick(server), now=later, sender=SENDER, only_id=1)
            assert again.sent == again.unconfirmed == 0
        assert handler.data_seen == 1
        # A later run sends it once more; unconfirmed again, it fails instead of a third copy.
        later = now + UNCONFIRMED_WAIT + timedelta(seconds=1)
        second = flush_outbox(queued, quick(server), now=later, sender=SENDER, only_id=1)
        assert (second.sent, second.failed) == (0, 1)
        assert handler.data_seen == 2
        assert statuses(queued)[0] == "failed"
        assert [r["id"] for r in problems(queued)] == [1]  # exit 4 alerts the operator
        for hours in (1, 24):
            nothing = flush_outbox(
                queued, quick(server), now=now + timedelta(hours=hours), sender=SENDER, only_id=1
            )
            assert nothing.sent == nothing.failed == 0
        assert handler.data_seen == 2  # at most one duplicate, as after a crash
    finally:
        server.stop()


def test_an_unconfirmed_message_goes_out_once_when_the_server_recovers(
    queued: sqlite_utils.Database,
) -> None:
    port = free_port()
    stalling = SmtpServer(port=port)
    stalling.handler = StallingHandler(stall=3)
    stalling.start()
    now = now_utc()
    try:
        flush_outbox(queued, quick(stalling), now=now, sender=SENDER, only_id=1)
    finally:
        stalling.stop()
    healthy = SmtpServer(port=port).start()
    try:
        soon = flush_outbox(queued, quick(healthy), now=now + timedelta(minutes=5), sender=SENDER)
        assert soon.sent == 3  # the others; the unconfirmed one waits for a later run
        later = now + UNCONFIRMED_WAIT + timedelta(minutes=1)
        done = flush_outbox(queued, quick(healthy), now=later, sender=SENDER)
        assert done.sent == 1
        assert statuses(queued) == ["sent"] * 4
        assert len(healthy.received) == 4
    finally:
        healthy.stop()


def test_a_stop_cuts_a_stalled_delivery_short_and_claims_nothing_more(
    queued: sqlite_utils.Database, db_path: Path
) -> None:
    server = SmtpServer()
    handler = StallingHandler(stall=60)
    server.handler = handler
    server.start()
    stop = threading.Event()
    try:
        env = server.env()
        transport = SmtpTransport(SmtpSettings("127.0.0.1", int(env["EUFUNDS_SMTP_PORT"])))
        outcome: dict[str, Any] = {}
        worker = threading.Thread(
            target=lambda: outcome.update(
                result=flush_outbox(open_db(db_path), transport, sender=SENDER, stop=stop)
            )
        )
        worker.start()
        wait_until(lambda: handler.data_seen == 1)
        started = time.monotonic()
        stop.set()
        worker.join(timeout=30)
        assert not worker.is_alive()
        assert time.monotonic() - started < 10  # the socket timeout is 30 s
        assert outcome["result"].stopped
        assert statuses(queued) == ["unconfirmed", "pending", "pending", "pending"]
        assert handler.data_seen == 1
    finally:
        server.stop()


class _Auth:
    def __init__(self) -> None:
        self.logins: list[tuple[str, bool]] = []

    def __call__(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
        assert isinstance(data, LoginPassword)
        self.logins.append((data.login.decode(), session.ssl is not None))
        return AuthResult(success=True)


def test_no_password_without_tls_unless_the_operator_allows_it(
    queued: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    auth = _Auth()
    handler = Handler()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=free_port(),
        authenticator=auth,
        auth_require_tls=False,
    )
    controller.start()
    try:
        base = {
            "EUFUNDS_SMTP_HOST": "127.0.0.1",
            "EUFUNDS_SMTP_PORT": str(controller.port),
            "EUFUNDS_SMTP_USER": "eufunds",
            "EUFUNDS_SMTP_PASSWORD": "hemligt",
            "EUFUNDS_MAIL_FROM": SENDER,
        }
        for name, value in base.items():
            monkeypatch.setenv(name, value)
        refused = CliRunner().invoke(cli, ["digest", "send"])
        assert refused.exit_code == 2
        assert "EUFUNDS_SMTP_ALLOW_PLAIN_AUTH=1" in refused.stderr
        assert auth.logins == [] and handler.received == []  # the password never left
        monkeypatch.setenv("EUFUNDS_SMTP_ALLOW_PLAIN_AUTH", "1")  # a trusted network
        allowed = CliRunner().invoke(cli, ["digest", "send"])
        assert allowed.exit_code == 0, allowed.stderr
        assert auth.logins == [("eufunds", False)]
        assert len(handler.received) == 4
    finally:
        controller.stop()


def test_the_password_goes_after_starttls(queued: sqlite_utils.Database, tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    auth = _Auth()
    handler = Handler()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=free_port(),
        authenticator=auth,
        tls_context=context,
        require_starttls=True,
    )
    controller.start()
    try:
        settings = SmtpSettings.from_env(
            {
                "EUFUNDS_SMTP_HOST": "127.0.0.1",
                "EUFUNDS_SMTP_PORT": str(controller.port),
                "EUFUNDS_SMTP_STARTTLS": "1",
                "EUFUNDS_SMTP_CAFILE": str(cert),
                "EUFUNDS_SMTP_USER": "eufunds",
                "EUFUNDS_SMTP_PASSWORD": "hemligt",
            }
        )
        assert settings is not None
        result = flush_outbox(queued, SmtpTransport(settings), sender=SENDER)
        assert result.sent == 4, result.errors
        assert auth.logins == [("eufunds", True)]  # one login, inside TLS
    finally:
        controller.stop()
