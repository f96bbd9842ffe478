"""A real SMTP server on loopback (aiosmtpd) that keeps what it accepts."""

from __future__ import annotations

import email
import email.policy
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    """A free TCP port on 127.0.0.1 (aiosmtpd cannot be given port 0)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Received:
    """One accepted message with its envelope."""

    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage


@dataclass
class Handler:
    """Accepts everything except the recipients in ``refuse`` (address -> SMTP reply)."""

    received: list[Received] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)
    on_data: Callable[[], None] | None = None

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        if self.on_data is not None:
            self.on_data()
        return "250 Message accepted for delivery"


class SmtpServer:
    """aiosmtpd on 127.0.0.1:port; start and stop it to simulate an outage."""

    def __init__(self, port: int | None = None, tls_context: ssl.SSLContext | None = None) -> None:
        self.port = port or free_port()
        self.handler = Handler()
        self.tls_context = tls_context
        self._controller: Controller | None = None

    def start(self) -> SmtpServer:
        kwargs: dict[str, Any] = {}
        if self.tls_context is not None:
            kwargs = {"tls_context": self.tls_context, "require_starttls": True}
        self._controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, **kwargs)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    def env(self) -> dict[str, str]:
        """The environment that points eufunds at this server (no TLS, no login)."""
        return {
            "EUFUNDS_SMTP_HOST": "127.0.0.1",
            "EUFUNDS_SMTP_PORT": str(self.port),
            "EUFUNDS_SMTP_STARTTLS": "0",
            "EUFUNDS_MAIL_FROM": "EU-bevakning <eufunds@linkoping.example>",
        }
