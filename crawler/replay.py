"""Serving recordings of real source responses on loopback, for the demo and the tests.

``crawler/recordings/<source>/`` mirrors each source's URL paths and is served on its own
loopback port: a GET for ``/<path>`` returns the file at that path (``index.html``/``.xml``/
``.json`` for a folder, ``<path>.json``, or the folder's ``_default.<ext>`` when the last path
segment is a parameter such as a date).
Two APIs are emulated over their recorded rows rather than replayed byte for byte, because
their answers depend on the request body:

- SEDIA search (``POST .../search-api/prod/rest/search``): every recorded result row,
  filtered on the query's ``type``/``status`` terms and ``es_SortDate`` cursor, sorted on
  ``es_SortDate``, cut to ``pageSize``; a query not sent as a multipart JSON part gets the
  real API's ``500 {"type":"throwable"}``.
- Interreg's Algolia search (``POST .../1/indexes/*/queries``): the recorded answer.

Every file gets an ``ETag`` and a ``304`` for a matching ``If-None-Match`` (conditional GET
of feeds). ``faults`` lets a fault drill make chosen paths fail: a status code, a delay, a
redirect or a body.
"""

from __future__ import annotations

import email.parser
import email.policy
import hashlib
import json
import ssl
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

RECORDINGS = Path(__file__).resolve().parent / "recordings"

CONTENT_TYPES = {
    ".json": "application/json; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".xml": "application/rss+xml; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".yaml": "text/plain; charset=utf-8",
}


@dataclass
class Fault:
    """What to do instead of the normal answer, once per matching request."""

    status: int | None = None  # answer with this status (and ``body``)
    delay: float = 0.0  # wait this long first (a slow or hanging site)
    redirect: str | None = None  # answer 302 to this URL
    body: bytes | None = None  # answer with this body (status 200 unless ``status``)
    content_type: str = "text/html; charset=utf-8"


class ReplayServer:
    """A context manager serving the recordings under ``root`` on 127.0.0.1.

    Each source folder gets its own port, so root-relative links and ``/robots.txt`` work
    as on the real site. ``faults`` maps ``"<source>:<path>"`` (no query) to a list of
    :class:`Fault`; each request to that path consumes the first one left.
    """

    def __init__(
        self,
        root: Path | None = None,
        faults: dict[str, list[Fault]] | None = None,
        tls: ssl.SSLContext | None = None,
    ):
        self.root = Path(root or RECORDINGS)
        self.tls = tls  # serve https with this server context (certificate checks)
        self.faults = {key: list(items) for key, items in (faults or {}).items()}
        self.requests: list[str] = []  # "<source>:<path>" in arrival order
        self._lock = threading.Lock()
        self._servers: dict[str, ThreadingHTTPServer] = {}

    def source_url(self, source: str) -> str:
        """The base URL a source's spider uses against this server."""
        server = self._servers.get(source)
        if server is None:
            raise KeyError(f"no recordings for {source!r} under {self.root}, or not running")
        scheme = "https" if self.tls else "http"
        return f"{scheme}://127.0.0.1:{server.server_address[1]}"

    def environment(self, sources: list[str]) -> dict[str, str]:
        """Environment variables pointing each source's spider at this server."""
        env = {
            f"EUFUNDS_{s.upper()}_URL": self.source_url(s) for s in sources if s in self._servers
        }
        env["EUFUNDS_INTERREG_KEY"] = "replay"
        env["EUFUNDS_FEEDS"] = str(self.root / "feeds" / "feeds.yaml")
        env["EUFUNDS_CRAWL_DELAY"] = "0"
        return env

    def take_fault(self, source: str, path: str) -> Fault | None:
        """The next fault planned for ``path`` of ``source``, if any."""
        key = f"{source}:{path}"
        with self._lock:
            self.requests.append(key)
            faults = self.faults.get(key)
            return faults.pop(0) if faults else None

    def __enter__(self) -> ReplayServer:
        for folder in sorted(p for p in self.root.iterdir() if p.is_dir()):
            attrs = {"replay": self, "source": folder.name, "root": folder.resolve()}
            handler = type("Handler", (_Handler,), attrs)
            server = _QuietServer(("127.0.0.1", 0), handler)
            if self.tls is not None:
                server.socket = self.tls.wrap_socket(server.socket, server_side=True)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            self._servers[folder.name] = server
        return self

    def __exit__(self, *exc: object) -> None:
        for server in self._servers.values():
            server.shutdown()
            server.server_close()
        self._servers.clear()


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A crawler that gave up (timeout, size cap) resets the connection: not our error.
        return


class _Handler(BaseHTTPRequestHandler):
    replay: ReplayServer
    source: str
    root: Path
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet: tests read results
        return

    def do_GET(self) -> None:
        self._serve("GET", b"")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self._serve("POST", self.rfile.read(length) if length else b"")

    def _serve(self, method: str, body: bytes) -> None:
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        if path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow:\n", "text/plain")
            return
        fault = self.replay.take_fault(self.source, path)
        if fault is not None:
            if fault.delay:
                time.sleep(fault.delay)
            if fault.redirect:
                self._send(302, b"", "text/plain", {"Location": fault.redirect})
                return
            if fault.status or fault.body is not None:
                self._send(fault.status or 200, fault.body or b"", fault.content_type)
                return
        if method == "POST" and path.endswith("/search-api/prod/rest/search"):
            self._sedia_search(path, parse_qs(parts.query), body)
            return
        file = self._file(path)
        if file is None:
            self._send(404, b'{"error":"not recorded"}', "application/json")
            return
        data = file.read_bytes()
        etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
        if self.headers.get("If-None-Match") == etag:
            self._send(304, b"", None, {"ETag": etag})
            return
        content_type = CONTENT_TYPES.get(file.suffix, "application/octet-stream")
        self._send(200, data, content_type, {"ETag": etag})

    def _file(self, path: str) -> Path | None:
        root = self.root
        relative = path.lstrip("/")
        candidate = (root / relative).resolve()
        if not candidate.is_relative_to(root):
            return None
        if candidate.is_dir():
            indexes = [candidate / f"index{ext}" for ext in (".html", ".xml", ".json")]
            candidate = next((i for i in indexes if i.is_file()), indexes[0])
        if candidate.is_file():
            return candidate
        if candidate.with_name(candidate.name + ".json").is_file():
            return candidate.with_name(candidate.name + ".json")
        folder = candidate.parent
        if folder.is_dir() and folder.is_relative_to(root):
            defaults = sorted(folder.glob("_default.*"))
            if defaults:
                return defaults[0]
        return None

    def _sedia_search(self, path: str, params: dict[str, list[str]], body: bytes) -> None:
        parts = _multipart_json(self.headers.get("Content-Type", ""), body)
        if "query" not in parts:
            self._send(500, b'{"type":"throwable"}', "application/json")
            return
        root = self.root
        folder = (root / path.lstrip("/")).resolve()
        if not folder.is_relative_to(root) or not folder.is_dir():
            self._send(404, b'{"error":"not recorded"}', "application/json")
            return
        pages = sorted(folder.glob("*.json"))
        rows: list[dict[str, Any]] = []
        envelope: dict[str, Any] = {}
        for page in pages:
            data = json.loads(page.read_bytes())
            envelope = envelope or {k: v for k, v in data.items() if k != "results"}
            rows.extend(data.get("results") or [])
        rows = [r for r in rows if _matches(r, parts["query"])]
        rows.sort(key=lambda r: _sort_value(r))
        size = int((params.get("pageSize") or ["50"])[0])
        page_rows = rows[: min(size, 100)]
        answer = dict(envelope, totalResults=len(rows), pageNumber=1, pageSize=size)
        answer["results"] = page_rows
        self._send(200, json.dumps(answer).encode("utf-8"), "application/json")

    def _send(
        self,
        status: int,
        data: bytes,
        content_type: str | None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if data and self.command != "HEAD":
            self.wfile.write(data)


def _multipart_json(content_type: str, body: bytes) -> dict[str, Any]:
    """The JSON *file* parts of a multipart body, by name (plain fields are ignored)."""
    if not content_type.startswith("multipart/"):
        return {}
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
    )
    parts: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str) or not part.get_filename():
            continue
        payload = part.get_payload(decode=True)
        try:
            parts[name] = json.loads(payload if isinstance(payload, bytes) else b"null")
        except ValueError:
            continue
    return parts


def _sort_value(row: dict[str, Any]) -> str:
    values = (row.get("metadata") or {}).get("es_SortDate") or [""]
    return str(values[0])


def _matches(row: dict[str, Any], query: Any) -> bool:
    """Whether a recorded row satisfies the query's terms and es_SortDate range clauses."""
    metadata = row.get("metadata") or {}
    if not _sort_value(row):
        return False  # the real API drops rows lacking the sort field
    clauses = ((query or {}).get("bool") or {}).get("must") or []
    for clause in clauses:
        if "terms" in clause:
            for field, wanted in clause["terms"].items():
                have = metadata.get(field) or []
                if field in ("type", "status") and not set(map(str, have)) & set(map(str, wanted)):
                    return False
        if "range" in clause:
            bounds = clause["range"].get("es_SortDate") or {}
            value = _sort_value(row)
            if "gt" in bounds and not value > str(bounds["gt"]):
                return False
            if "gte" in bounds and not value >= str(bounds["gte"]):
                return False
    return True
