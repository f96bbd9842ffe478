"""``eufunds web``: the web view alone (``eufunds serve`` runs it beside the scheduler)."""

from __future__ import annotations

import signal
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

import click

from app.output import info
from db import default_db_path
from notifier.links import LinkSettingsError

if TYPE_CHECKING:
    from app.web.server import WebServer


def start_web(db_path: Path, host: str, port: int) -> WebServer:
    """A bound :class:`app.web.server.WebServer`; a clear usage error when it cannot start."""
    from app.web.server import WebServer

    try:
        return WebServer(db_path, host, port)
    except LinkSettingsError as exc:
        raise click.UsageError(str(exc)) from exc
    except OSError as exc:
        raise click.UsageError(
            f"cannot listen on {host}:{port} ({exc.strerror}); choose another --port or stop "
            "the program that uses it"
        ) from exc


@click.command(name="web")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (127.0.0.1: this machine only; put a proxy with TLS in front).",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8080,
    show_default=True,
    help="Port to listen on (0: any free port, printed on start).",
)
def web(host: str, port: int) -> None:
    """Serve the web view: answers from the digests, call and department pages, the
    coordinator's overview and the priorities preview (EUFUNDS_ADMIN_PASSWORD for the login).

    EUFUNDS_BASE_URL is the address readers reach it at (used in the digests' links).
    Ctrl-C or SIGTERM stops it.
    """
    db_path = default_db_path()
    server = start_web(db_path, host, port)

    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(0)  # waitress's loop closes on SystemExit

    signal.signal(signal.SIGTERM, stop)
    info(f"eufunds web: {server.url}/ (database {db_path}); Ctrl-C stops it")
    if not server.settings.admin_hash:
        info("no EUFUNDS_ADMIN_PASSWORD: the coordinator's pages cannot be logged in to")
    server.run()
    info("eufunds web: stopped")


COMMANDS = [web]
