"""How long loading and rejecting priorities files takes (prints one line per case).

Run: ``.venv/bin/python bench/priorities_load.py``. Each case is timed as the best of a few runs
(CPU time is shared on the build machine; the best run is the least disturbed).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path

from priorities import (
    MAX_BYTES,
    PrioritiesInvalid,
    load_priorities,
    parse_priorities,
)

REPO = Path(__file__).resolve().parent.parent


def _best(run: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        with contextlib.suppress(PrioritiesInvalid):
            run()
        best = min(best, time.perf_counter() - started)
    return best


def _bomb() -> str:
    levels = ['lol: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n, name in enumerate("bcdefghi"):
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{'abcdefghi'[n]}"] * 9) + "]")
    return "\n".join(levels) + "\n"


def _near_cap() -> str:
    """A valid file just under the size cap (a worst case that is still accepted)."""
    text = (REPO / "priorities" / "sodertalje.yaml").read_text(encoding="utf-8")
    head = text.split("prioriteringar:\n", 1)
    item = (
        "  - id: p{n}\n    rubrik: Rubrik {n}\n    beskrivning: Lite text om område {n} med "
        "flera ord.\n    förvaltningar: [naringslivskontoret]\n    nyckelord: [energi, klimat]\n"
    )
    body: list[str] = []
    n = 0
    size = len((head[0] + head[1]).encode())
    while True:
        chunk = item.format(n=n)
        if size + len(chunk.encode()) > MAX_BYTES:
            break
        body.append(chunk)
        size += len(chunk.encode())
        n += 1
    return head[0] + "prioriteringar:\n" + "".join(body) + head[1]


def main() -> None:
    """Print the timings."""
    linkoping = REPO / "priorities" / "linkoping.yaml"
    cases: list[tuple[str, Callable[[], object]]] = [
        (f"linkoping.yaml ({linkoping.stat().st_size} B)", lambda: load_priorities(linkoping)),
        ("YAML bomb (9^9 expansion) rejected", lambda: parse_priorities(_bomb())),
        ("50 MB file rejected", lambda: parse_priorities(b"#" * 50_000_000)),
        ("non-UTF-8 file rejected", lambda: parse_priorities(b"kommun: J\xf6nk\xf6ping\n")),
        ("3000-deep nesting rejected", lambda: parse_priorities("a: " + "[" * 3000 + "]" * 3000)),
    ]
    near_cap = _near_cap()
    cases.append(
        (f"valid file at the cap ({len(near_cap.encode())} B)", lambda: parse_priorities(near_cap))
    )
    for label, run in cases:
        repeat = 1 if "cap" in label else 3
        print(f"{label:45s} {_best(run, repeat) * 1000:9.1f} ms")


if __name__ == "__main__":
    main()
