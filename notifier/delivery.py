"""Delivering one message: by SMTP (settings from the environment) or as an .eml file.

SMTP settings: ``EUFUNDS_SMTP_HOST`` (none: write files instead), ``EUFUNDS_SMTP_PORT``,
``EUFUNDS_SMTP_USER`` / ``EUFUNDS_SMTP_PASSWORD``, ``EUFUNDS_SMTP_STARTTLS`` /
``EUFUNDS_SMTP_SSL``, ``EUFUNDS_SMTP_CAFILE`` (an extra trusted CA) and
``EUFUNDS_MAIL_FROM``. Certificates are always verified. The password is held in memory
only: never logged, never stored, never shown in a repr, and sent only over TLS unless
``EUFUNDS_SMTP_ALLOW_PLAIN_AUTH=1`` says a plain connection is trusted.

A message whose content went out (DATA) but whose answer never came is *unconfirmed*: the
server may have it, so :class:`DeliveryError` says so and the outbox does not resend it
blindly. :meth:`SmtpTransport.stop` cuts a delivery short when the service is stopping.
"""

from __future__ import annotations

import contextlib
import os
import smtplib
import socket
import ssl
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import parseaddr
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

from db.errors import SettingError

DEFAULT_OUTBOX_DIR = Path("data") / "outbox"
DEFAULT_FROM = "eufunds <eufunds@localhost>"
STOP_GRACE = 5.0  # seconds a message on the wire may still take once the service stops
_TRUE = {"1", "true", "yes", "on", "ja"}
_FALSE = {"0", "false", "no", "off", "nej", ""}


class SettingsError(SettingError):
    """An SMTP setting in the environment is not usable; the message names it and the fix."""


class DeliveryError(Exception):
    """A message was not delivered. ``permanent`` failures are not retried."""

    def __init__(self, message: str, *, permanent: bool, unconfirmed: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent
        # The content was sent but the server's answer never came: it may have the message.
        self.unconfirmed = unconfirmed


class Transport(Protocol):
    """Something that delivers messages; a context manager around a batch."""

    description: str

    def __enter__(self) -> Transport: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def deliver(self, message: EmailMessage, recipient: str, name: str) -> str:
        """Deliver ``message``; return where it went. Raise :class:`DeliveryError`."""
        ...


def _flag(env: Mapping[str, str], name: str) -> bool | None:
    raw = env.get(name)
    if raw is None:
        return None
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise SettingsError(f"{name}={raw!r} är inget ja/nej-värde; sätt den till 1 eller 0")


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send; built from the environment by :meth:`from_env`."""

    host: str
    port: int
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    starttls: bool = False
    use_ssl: bool = False
    cafile: str | None = None
    timeout: float = 30.0
    allow_plain_auth: bool = False

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> SmtpSettings | None:
        """The SMTP settings, or None when ``EUFUNDS_SMTP_HOST`` is not set (file delivery)."""
        env = os.environ if env is None else env
        host = (env.get("EUFUNDS_SMTP_HOST") or "").strip()
        if not host:
            return None
        use_ssl = _flag(env, "EUFUNDS_SMTP_SSL") or False
        starttls = _flag(env, "EUFUNDS_SMTP_STARTTLS")
        if use_ssl and starttls:
            raise SettingsError(
                "EUFUNDS_SMTP_SSL och EUFUNDS_SMTP_STARTTLS är båda på; välj en av dem "
                "(SSL för port 465, STARTTLS för port 587)"
            )
        raw_port = (env.get("EUFUNDS_SMTP_PORT") or "").strip()
        if raw_port:
            if not raw_port.isdigit() or not 0 < int(raw_port) < 65536:
                raise SettingsError(
                    f"EUFUNDS_SMTP_PORT={raw_port!r} är inget portnummer; använd t.ex. 587"
                )
            port = int(raw_port)
        else:
            port = 465 if use_ssl else 587 if starttls is not False else 25
        if starttls is None:
            starttls = not use_ssl and port == 587
        user = env.get("EUFUNDS_SMTP_USER") or None
        password = env.get("EUFUNDS_SMTP_PASSWORD") or None
        if bool(user) != bool(password):
            raise SettingsError(
                "sätt både EUFUNDS_SMTP_USER och EUFUNDS_SMTP_PASSWORD, eller ingen av dem"
            )
        cafile = env.get("EUFUNDS_SMTP_CAFILE") or None
        if cafile and not Path(cafile).is_file():
            raise SettingsError(f"EUFUNDS_SMTP_CAFILE={cafile!r} är ingen fil")
        allow_plain = _flag(env, "EUFUNDS_SMTP_ALLOW_PLAIN_AUTH") or False
        if user and not (starttls or use_ssl) and not allow_plain:
            raise SettingsError(
                "EUFUNDS_SMTP_USER är satt men anslutningen är inte krypterad, så lösenordet "
                "skulle gå i klartext över nätet; sätt EUFUNDS_SMTP_STARTTLS=1 (port 587) eller "
                "EUFUNDS_SMTP_SSL=1 (port 465), eller EUFUNDS_SMTP_ALLOW_PLAIN_AUTH=1 om nätet "
                "till e-postservern är betrott"
            )
        return cls(
            host,
            port,
            user,
            password,
            bool(starttls),
            use_ssl,
            cafile,
            allow_plain_auth=allow_plain,
        )

    def tls_context(self) -> ssl.SSLContext:
        """A verifying TLS context (system CAs, plus ``cafile`` when set)."""
        context = ssl.create_default_context()
        if self.cafile:
            context.load_verify_locations(cafile=self.cafile)
        return context


def mail_from(env: Mapping[str, str] | None = None) -> str:
    """The sender address: ``EUFUNDS_MAIL_FROM`` or a local default; SettingsError if unusable."""
    env = os.environ if env is None else env
    raw = (env.get("EUFUNDS_MAIL_FROM") or "").strip()
    if not raw:
        return DEFAULT_FROM
    address = parseaddr(raw)[1]
    if "\r" in raw or "\n" in raw or address.count("@") != 1 or address.startswith("@"):
        raise SettingsError(
            f"EUFUNDS_MAIL_FROM={raw!r} är ingen e-postadress; "
            "skriv den som eufunds@kommun.se eller 'EU-bevakning <eufunds@kommun.se>'"
        )
    return raw


def outbox_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where .eml files go without SMTP: ``EUFUNDS_OUTBOX_DIR`` or ``data/outbox``."""
    env = os.environ if env is None else env
    return Path(env.get("EUFUNDS_OUTBOX_DIR") or DEFAULT_OUTBOX_DIR)


class _SMTP(smtplib.SMTP):
    """Remembers whether the whole message went out in DATA (so a lost answer is
    *unconfirmed*: the server may have accepted it)."""

    data_sent = False
    _in_data = False

    def data(self, msg: Any) -> tuple[int, bytes]:
        self.data_sent = False
        self._in_data = True
        try:
            return super().data(msg)
        finally:
            self._in_data = False

    def send(self, s: Any) -> None:
        super().send(s)
        if self._in_data and isinstance(s, bytes) and s.endswith(b"\r\n.\r\n"):
            self.data_sent = True  # the final dot is out: from now on the server may have it


class _SMTPSSL(_SMTP, smtplib.SMTP_SSL):
    """TLS from the start, with the same memory of DATA."""


class SmtpTransport:
    """One SMTP connection for a batch of messages, opened on first use."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self.description = f"smtp://{settings.host}:{settings.port}"
        self._smtp: smtplib.SMTP | None = None
        self._current: smtplib.SMTP | None = None  # also while connecting
        self._broken: DeliveryError | None = None
        self._stopping = threading.Event()

    def stop(self, grace: float = STOP_GRACE) -> None:
        """The service is stopping: shorten the socket timeout to ``grace`` and cut the
        connection after ``grace`` seconds, so no delivery holds the service up for long.
        Thread-safe; a delivery cut after its content went out is *unconfirmed*."""
        self._stopping.set()
        smtp = self._current
        sock = getattr(smtp, "sock", None)
        if sock is None:
            return
        with contextlib.suppress(OSError):
            sock.settimeout(grace)
        timer = threading.Timer(grace, _cut, args=[sock])
        timer.daemon = True
        timer.start()

    def __enter__(self) -> SmtpTransport:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._smtp is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self._smtp.quit()
            self._smtp = None

    def _connect(self) -> smtplib.SMTP:
        if self._broken is not None:
            # The server was unreachable a moment ago: do not hammer it once per message.
            raise self._broken
        if self._stopping.is_set():
            raise DeliveryError(
                f"ansluter inte till {self.description}: tjänsten stoppas",
                permanent=False,
            )
        s = self.settings
        try:
            smtp: smtplib.SMTP
            if s.use_ssl:
                smtp = _SMTPSSL(timeout=s.timeout, context=s.tls_context())
            else:
                smtp = _SMTP(timeout=s.timeout)
            self._current = smtp  # stop() can cut it from now on
            smtp._host = s.host  # type: ignore[attr-defined]  # the name TLS verifies
            smtp.connect(s.host, s.port)
            if s.starttls:
                smtp.starttls(context=s.tls_context())
            if s.user and s.password:
                if not isinstance(smtp.sock, ssl.SSLSocket) and not s.allow_plain_auth:
                    self._broken = DeliveryError(
                        f"anslutningen till {self.description} är inte krypterad; lösenordet "
                        "skickas bara över TLS (EUFUNDS_SMTP_STARTTLS=1 eller EUFUNDS_SMTP_SSL=1, "
                        "eller EUFUNDS_SMTP_ALLOW_PLAIN_AUTH=1 på ett betrott nät)",
                        permanent=False,
                    )
                    smtp.close()
                    raise self._broken
                smtp.login(s.user, s.password)
        except smtplib.SMTPAuthenticationError as exc:
            self._broken = DeliveryError(
                f"{self.description} nekade inloggningen för EUFUNDS_SMTP_USER; servern "
                f"svarade: {exc.smtp_code} {_text(exc.smtp_error)}; kontrollera användarnamn "
                "och lösenord",
                permanent=False,
            )
            raise self._broken from exc
        except ssl.SSLError as exc:
            self._broken = DeliveryError(
                f"TLS med {self.description} misslyckades ({exc.reason or exc}); certifikatet "
                "måste gälla för värden (en intern CA kan anges i EUFUNDS_SMTP_CAFILE)",
                permanent=False,
            )
            raise self._broken from exc
        except (smtplib.SMTPException, OSError) as exc:
            self._broken = DeliveryError(
                f"når inte SMTP-servern {self.description}: {_reason(exc)}",
                permanent=False,
            )
            raise self._broken from exc
        self._smtp = smtp
        return smtp

    def deliver(self, message: EmailMessage, recipient: str, name: str) -> str:
        """Send by SMTP; 5xx answers are permanent, everything else is retried later.

        A connection lost (or timed out, or cut by :meth:`stop`) after the content went out
        raises an *unconfirmed* DeliveryError: the server may have the message.
        """
        smtp = self._smtp or self._connect()
        if isinstance(smtp, _SMTP):
            smtp.data_sent = False
        try:
            refused = smtp.send_message(message, to_addrs=[recipient])
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()), (0, b""))
            raise DeliveryError(
                _refused(recipient, code, text), permanent=500 <= code < 600
            ) from exc
        except smtplib.SMTPResponseException as exc:
            self._drop()
            raise DeliveryError(
                f"{self.description} svarade: {exc.smtp_code} {_text(exc.smtp_error)}",
                permanent=500 <= exc.smtp_code < 600,
            ) from exc
        except (smtplib.SMTPException, OSError) as exc:
            self._drop()
            stopping = "; tjänsten stoppas" if self._stopping.is_set() else ""
            if getattr(smtp, "data_sent", False):
                raise DeliveryError(
                    f"{self.description} tog emot meddelandet men bekräftade det aldrig "
                    f"({_reason(exc)}{stopping}); det kan ha kommit fram",
                    permanent=False,
                    unconfirmed=True,
                ) from exc
            raise DeliveryError(
                f"det gick inte att skicka till {self.description}: {_reason(exc)}{stopping}",
                permanent=False,
            ) from exc
        if refused:
            code, text = refused.get(recipient, (0, b""))
            raise DeliveryError(_refused(recipient, code, text), permanent=code >= 500)
        return self.description

    def _drop(self) -> None:
        if self._smtp is not None:
            with contextlib.suppress(OSError):
                self._smtp.close()
        self._smtp = None
        self._current = None


class FileTransport:
    """Writes each message as an .eml file; a file written counts as delivered."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.description = str(folder)

    def __enter__(self) -> FileTransport:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None

    def deliver(self, message: EmailMessage, recipient: str, name: str) -> str:
        """Write ``<folder>/<name>.eml`` atomically (a temporary file, then a rename)."""
        target = self.folder / f"{name}.eml"
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{target.name}.tmp")
            temporary.write_bytes(message.as_bytes())
            os.replace(temporary, target)
        except OSError as exc:
            raise DeliveryError(
                f"kan inte skriva {target}: {exc.strerror}; gör EUFUNDS_OUTBOX_DIR skrivbar",
                permanent=False,
            ) from exc
        return str(target)


def transport_from_env(env: Mapping[str, str] | None = None) -> SmtpTransport | FileTransport:
    """SMTP when ``EUFUNDS_SMTP_HOST`` is set, else .eml files in the outbox folder."""
    mail_from(env)  # a bad sender fails here, before anything is claimed
    settings = SmtpSettings.from_env(env)
    if settings is None:
        return FileTransport(outbox_dir(env))
    return SmtpTransport(settings)


def _cut(sock: socket.socket) -> None:
    """End a connection at once (from another thread): a blocked read returns."""
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def _text(value: bytes | str) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return " ".join(value.split())[:300]


def _refused(recipient: str, code: int, text: bytes | str) -> str:
    """A recipient the server refused: our words, then its answer as it is."""
    return f"servern tog inte emot mottagaren {recipient}; den svarade: {code} {_text(text)}"


def _reason(exc: BaseException) -> str:
    """Why a connection failed, in Swedish; what the system or server said, as it is."""
    if isinstance(exc, socket.timeout | TimeoutError):
        return "inget svar inom tidsgränsen"
    if isinstance(exc, ConnectionRefusedError):
        return "anslutningen nekades"
    if isinstance(exc, socket.gaierror):
        return f"värdnamnet går inte att slå upp ({exc})"[:300]
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return "servern stängde anslutningen oväntat"
    return f"{type(exc).__name__}: {exc}"[:300]
