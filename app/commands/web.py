"""``eufunds web``: the web view alone (``eufunds serve`` runs it beside the scheduler)."""

from __future__ import annotations

import signal
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

import click

from app.output import info
from app.params import whole_number_option
from db import default_db_path

if TYPE_CHECKING:
    from app.web.server import WebServer


def start_web(db_path: Path, host: str, port: int) -> WebServer:
    """A bound :class:`app.web.server.WebServer`; a clear usage error when it cannot start."""
    from app.web.server import WebServer

    try:
        return WebServer(db_path, host, port)
    except OSError as exc:
        raise click.UsageError(
            f"kan inte lyssna på {host}:{port} ({exc.strerror}); välj en annan --port eller "
            "stoppa programmet som använder den"
        ) from exc


def address_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--host and --port of the web view (``eufunds web`` and ``eufunds serve``)."""
    func = whole_number_option(
        "--port", 0, 65535, 8080, "PORT", "Webbvyns port (0: valfri ledig port, som skrivs ut)."
    )(func)
    return click.option(
        "--host",
        metavar="ADRESS",
        default="127.0.0.1",
        show_default=True,
        help="Adressen webbvyn lyssnar på (127.0.0.1: bara denna dator; ställ en proxy med "
        "TLS framför).",
    )(func)


@click.command(name="web")
@address_options
def web(host: str, port: int) -> None:
    """Kör webbvyn: svar från veckobreven, sidor för utlysningar och förvaltningar,
    samordnarens översikt och förhandsvisningen av prioriteringar (inloggning med
    EUFUNDS_ADMIN_PASSWORD).

    EUFUNDS_BASE_URL är adressen läsarna når den på (används i veckobrevens länkar).
    Ctrl-C eller SIGTERM stoppar den.
    """
    db_path = default_db_path()
    server = start_web(db_path, host, port)

    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(0)  # waitress's loop closes on SystemExit

    signal.signal(signal.SIGTERM, stop)
    info(f"eufunds web: {server.url}/ (databas {db_path}); Ctrl-C stoppar")
    if not server.settings.admin_hash:
        info("EUFUNDS_ADMIN_PASSWORD saknas: ingen kan logga in på samordnarens sidor")
    server.run()
    info("eufunds web: stoppad")


COMMANDS = [web]
