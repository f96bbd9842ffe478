"""Delivery through a real SMTP server on loopback: structure, outages, refusals, crashes, TLS."""

from __future__ import annotations

import os
import signal
import ssl
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import sqlite_utils

from db import open_db
from notifier.build import build_digests
from notifier.delivery import SmtpSettings, SmtpTransport
from notifier.outbox import OutboxError, flush_outbox, now_utc, problems, retry
from tests.notifier_world import (
    ENERGY_PREMISES,
    NOW,
    REPO,
    TODAY,
    WEEK,
    add_match,
    fixture_calls,
    priorities,
    store,
)
from tests.smtp_server import SmtpServer, free_port
from tests.tls import self_signed

SENDER = "EU-bevakning <eufunds@linkoping.example>"
RECIPIENTS = [
    "eu.miljo@linkoping.example",
    "eu.samordnare@linkoping.example",
    "eu.utbildning@linkoping.example",
    "miljochef@linkoping.example",
]


@pytest.fixture
def queued(db_path: Path) -> sqlite_utils.Database:
    """Four digests for week 15 waiting in the outbox; one call has a hostile title."""
    db = open_db(db_path)
    call = fixture_calls([ENERGY_PREMISES])[ENERGY_PREMISES]
    call.title = "Energismarta lokaler <script>alert(1)</script> i Östergötland & Örebro"
    store(db, [call])
    add_match(db, call, score=0.9)
    build_digests(db, priorities(), week=WEEK, today=TODAY, now=NOW, sender=SENDER)
    assert db["outbox"].count == 4
    return db


@pytest.fixture
def server():
    smtp = SmtpServer().start()
    yield smtp
    smtp.stop()


def transport(env: dict[str, str]) -> SmtpTransport:
    settings = SmtpSettings.from_env(env)
    assert settings is not None
    return SmtpTransport(settings)


def statuses(db: sqlite_utils.Database) -> dict[str, str]:
    return {r["recipient"]: r["status"] for r in db.query("select recipient, status from outbox")}


def test_digests_arrive_with_recipients_structure_and_swedish_text(
    queued: sqlite_utils.Database, server: SmtpServer
) -> None:
    result = flush_outbox(queued, transport(server.env()), sender=SENDER)
    assert (result.sent, result.retrying, result.failed) == (4, 0, 0)
    got = sorted(server.received, key=lambda r: r.rcpt_tos[0])
    assert [r.rcpt_tos for r in got] == [[r] for r in RECIPIENTS]
    assert all(r.mail_from == "eufunds@linkoping.example" for r in got)
    miljo = got[0].message
    assert miljo["Subject"] == (
        "1 ny EU-utlysning v. 15 – Miljö- och samhällsbyggnadsförvaltningen"
    )
    assert miljo["To"] == "eu.miljo@linkoping.example"
    assert miljo.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in miljo.iter_parts()] == ["text/plain", "text/html"]
    text = miljo.get_body(("plain",)).get_content()
    html = miljo.get_body(("html",)).get_content()
    assert "Energismarta lokaler <script>alert(1)</script> i Östergötland & Örebro" in text
    assert "Sista ansökningsdag: 29 september 2026 (176 dagar kvar)" in text
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; i Östergötland &amp; Örebro" in html
    ids = {r["recipient"]: r["message_id"] for r in queued.query("select * from outbox")}
    assert miljo["Message-ID"] == ids["eu.miljo@linkoping.example"]
    assert set(statuses(queued).values()) == {"sent"}
    # Sending again sends nothing.
    assert flush_outbox(queued, transport(server.env()), sender=SENDER).sent == 0
    assert len(server.received) == 4


def test_smtp_down_nothing_lost_sent_when_back_never_twice(queued: sqlite_utils.Database) -> None:
    port = free_port()
    env = SmtpServer(port).env()
    now = now_utc()
    down = flush_outbox(queued, transport(env), now=now, sender=SENDER)
    assert (down.sent, down.retrying) == (0, 4)
    rows = list(queued.query("select * from outbox"))
    assert all(r["status"] == "pending" and r["attempts"] == 1 for r in rows)
    assert all("anslutningen nekades" in r["last_error"] for r in rows)
    assert len(problems(queued, now)) == 4  # `eufunds outbox list` exits 4
    # Back-off: a flush a moment later does not try again.
    assert flush_outbox(queued, transport(env), now=now + timedelta(seconds=30)).retrying == 0
    smtp = SmtpServer(port).start()
    try:
        back = flush_outbox(queued, transport(env), now=now + timedelta(minutes=2), sender=SENDER)
        again = flush_outbox(queued, transport(env), now=now + timedelta(hours=1), sender=SENDER)
    finally:
        smtp.stop()
    assert (back.sent, again.sent) == (4, 0)
    assert sorted(r.rcpt_tos[0] for r in smtp.received) == RECIPIENTS
    assert problems(queued) == []


def test_permanent_refusal_fails_and_retry_sends_once_fixed(
    queued: sqlite_utils.Database, server: SmtpServer
) -> None:
    server.handler.refuse["miljochef@linkoping.example"] = "550 5.1.1 Mailbox unknown"
    result = flush_outbox(queued, transport(server.env()), sender=SENDER)
    assert (result.sent, result.failed) == (3, 1)
    failed = next(iter(queued.query("select * from outbox where status = 'failed'")))
    assert failed["recipient"] == "miljochef@linkoping.example"
    # Our words in Swedish, the server's answer as it is.
    assert failed["last_error"] == (
        "servern tog inte emot mottagaren miljochef@linkoping.example; "
        "den svarade: 550 5.1.1 Mailbox unknown"
    )
    # Failed rows are not retried by the regular flush.
    assert (
        flush_outbox(queued, transport(server.env()), now=now_utc() + timedelta(days=1)).sent == 0
    )
    server.handler.refuse.clear()
    retry(queued, failed["id"])
    assert flush_outbox(queued, transport(server.env()), only_id=failed["id"]).sent == 1
    with pytest.raises(OutboxError, match="skickas aldrig två gånger"):
        retry(queued, failed["id"])
    assert len(server.received) == 4


def test_temporary_refusal_is_retried_with_back_off(
    queued: sqlite_utils.Database, server: SmtpServer
) -> None:
    server.handler.refuse["eu.utbildning@linkoping.example"] = "451 4.3.0 Try again later"
    now = now_utc()
    result = flush_outbox(queued, transport(server.env()), now=now, sender=SENDER)
    assert (result.sent, result.retrying) == (3, 1)
    row = next(iter(queued.query("select * from outbox where status = 'pending'")))
    assert row["next_attempt_at"] > now.isoformat()
    server.handler.refuse.clear()
    later = flush_outbox(queued, transport(server.env()), now=now + timedelta(minutes=5))
    assert later.sent == 1 and len(server.received) == 4


def test_killed_between_accepted_and_marked_sent_gives_one_duplicate_with_same_id(
    queued: sqlite_utils.Database, server: SmtpServer, db_path: Path
) -> None:
    env = {**os.environ, **server.env(), "EUFUNDS_DB": str(db_path)}
    sender = subprocess.Popen(
        [sys.executable, "-c", "from app.cli import main; main()", "digest", "send"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def kill_sender() -> None:
        # The server has the message; the sender dies before it reads "250" and marks it.
        if not server.received[1:]:
            os.kill(sender.pid, signal.SIGKILL)
            sender.wait(timeout=30)

    server.handler.on_data = kill_sender
    assert sender.wait(timeout=60) == -signal.SIGKILL
    server.handler.on_data = None
    first = server.received[0]
    assert list(statuses(queued).values()).count("sending") == 1
    # Until the claim goes stale nothing is sent again ...
    assert flush_outbox(queued, transport(server.env()), sender=SENDER).sent == 3
    # ... then the interrupted message is sent once more, with the same Message-ID.
    later = flush_outbox(
        queued, transport(server.env()), now=now_utc() + timedelta(minutes=20), sender=SENDER
    )
    assert later.sent == 1
    assert (
        flush_outbox(queued, transport(server.env()), now=now_utc() + timedelta(hours=2)).sent == 0
    )
    ids = [r.message["Message-ID"] for r in server.received]
    assert len(ids) == 5 and len(set(ids)) == 4
    assert ids.count(first.message["Message-ID"]) == 2
    assert set(statuses(queued).values()) == {"sent"}


def test_certificates_are_verified(queued: sqlite_utils.Database, tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    smtp = SmtpServer(tls_context=context).start()
    try:
        env = {**smtp.env(), "EUFUNDS_SMTP_STARTTLS": "1"}
        now = now_utc()
        untrusted = flush_outbox(queued, transport(env), now=now, sender=SENDER)
        assert (untrusted.sent, untrusted.retrying) == (0, 4)
        assert "certificate" in untrusted.errors[0].lower()
        assert smtp.received == []
        env["EUFUNDS_SMTP_CAFILE"] = str(cert)  # the operator trusts the internal CA
        trusted = flush_outbox(queued, transport(env), now=now + timedelta(minutes=5))
        assert trusted.sent == 4
    finally:
        smtp.stop()


def test_password_is_never_stored_or_shown(
    queued: sqlite_utils.Database, server: SmtpServer
) -> None:
    secret = "hemligt-lösenord-123"
    env = {
        **server.env(),
        "EUFUNDS_SMTP_USER": "eufunds",
        "EUFUNDS_SMTP_PASSWORD": secret,
        "EUFUNDS_SMTP_ALLOW_PLAIN_AUTH": "1",  # the test server speaks no TLS
    }
    settings = SmtpSettings.from_env(env)
    assert settings is not None and secret not in repr(settings)
    result = flush_outbox(queued, SmtpTransport(settings), sender=SENDER)
    assert result.retrying == 4  # the test server offers no login
    dump = "\n".join(queued.conn.iterdump())
    assert secret not in dump and all(secret not in e for e in result.errors)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"EUFUNDS_SMTP_PORT": "smtp"}, "EUFUNDS_SMTP_PORT"),
        ({"EUFUNDS_SMTP_SSL": "1", "EUFUNDS_SMTP_STARTTLS": "1"}, "välj en av dem"),
        ({"EUFUNDS_SMTP_STARTTLS": "kanske"}, "ja/nej"),
        ({"EUFUNDS_SMTP_USER": "u"}, "både"),
        # A password only over TLS, unless the operator says the network is trusted.
        (
            {"EUFUNDS_SMTP_USER": "u", "EUFUNDS_SMTP_PASSWORD": "p", "EUFUNDS_SMTP_PORT": "25"},
            "EUFUNDS_SMTP_ALLOW_PLAIN_AUTH=1",
        ),
        (
            {"EUFUNDS_SMTP_USER": "u", "EUFUNDS_SMTP_PASSWORD": "p", "EUFUNDS_SMTP_STARTTLS": "0"},
            "inte krypterad",
        ),
    ],
)
def test_bad_smtp_settings_are_explained(env: dict[str, str], message: str) -> None:
    from notifier.delivery import SettingsError

    with pytest.raises(SettingsError, match=message):
        SmtpSettings.from_env({"EUFUNDS_SMTP_HOST": "mail.linkoping.example", **env})


@pytest.mark.parametrize("sender", ["a@b@c", "ingen adress", "x@y.se\nBcc: z@y.se"])
def test_bad_sender_is_explained(sender: str) -> None:
    from notifier.delivery import SettingsError, transport_from_env

    with pytest.raises(SettingsError, match="EUFUNDS_MAIL_FROM"):
        transport_from_env({"EUFUNDS_MAIL_FROM": sender})


def test_smtp_defaults() -> None:
    assert SmtpSettings.from_env({}) is None
    plain = SmtpSettings.from_env({"EUFUNDS_SMTP_HOST": "mail.example"})
    assert plain is not None and (plain.port, plain.starttls) == (587, True)
    implicit = SmtpSettings.from_env({"EUFUNDS_SMTP_HOST": "mail.example", "EUFUNDS_SMTP_SSL": "1"})
    assert implicit is not None and (implicit.port, implicit.use_ssl) == (465, True)
    assert implicit.tls_context().verify_mode == ssl.CERT_REQUIRED
    assert implicit.tls_context().check_hostname
