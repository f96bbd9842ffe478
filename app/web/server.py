"""Serving the web view with waitress: alone (``eufunds web``) or in a thread beside the
scheduler (``eufunds serve``). Binds to 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from waitress import create_server, wasyncore

from app.web.app import MAX_FORM_BYTES, create_app, web_settings

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
THREADS = 4


class WebServer:
    """A bound waitress server for one database; :meth:`run` or :meth:`start`, then :meth:`stop`."""

    def __init__(self, db_path: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
        self.settings = web_settings(db_path)
        app = create_app(self.settings)
        self._server: Any = create_server(
            app,
            host=host,
            port=port,
            threads=THREADS,
            ident="eufunds",
            # Bodies up to twice the form limit reach the application, which refuses them
            # with a Swedish page; anything larger waitress refuses by itself.
            max_request_body_size=2 * MAX_FORM_BYTES,
            clear_untrusted_proxy_headers=True,
        )
        self._thread: threading.Thread | None = None

    @property
    def host(self) -> str:
        """The address it listens on."""
        return str(self._server.effective_host)

    @property
    def port(self) -> int:
        """The port it listens on (the real one when asked for port 0)."""
        return int(self._server.effective_port)

    @property
    def url(self) -> str:
        """``http://host:port``."""
        return f"http://{self.host}:{self.port}"

    def run(self) -> None:
        """Serve until :meth:`stop` (or SIGINT/SIGTERM turned into SystemExit) ends it."""
        self._server.run()

    def start(self) -> threading.Thread:
        """Serve in a daemon thread (beside the scheduler)."""
        self._thread = threading.Thread(target=self.run, name="eufunds-web", daemon=True)
        self._thread.start()
        return self._thread

    def stop(self, timeout: float = 5.0) -> None:
        """Stop serving: requests in progress get ``timeout`` seconds to finish."""

        def close() -> None:  # runs in the server's own loop, so nothing races it
            self._server.task_dispatcher.shutdown(timeout=timeout)
            wasyncore.close_all(self._server._map)

        if self._thread is not None and self._thread.is_alive():
            self._server.trigger.pull_trigger(close)
            self._thread.join(timeout + 1)
        else:
            close()
