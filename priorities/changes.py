"""What changed between two versions of the priorities file (from their summaries)."""

from __future__ import annotations

from typing import Any

# summary key -> Swedish word for the things it lists
_KINDS = (
    ("priorities", "prioriteringar"),
    ("goals", "nämndmål"),
    ("departments", "förvaltningar"),
)


def compare_summaries(old: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
    """Added and removed priorities, goals and departments, and renamed ones.

    ``old`` None means ``new`` is the first version. Summaries come from
    :meth:`priorities.model.Priorities.summary`.
    """
    result: dict[str, Any] = {}
    for key, _ in _KINDS:
        before: dict[str, str] = (old or {}).get(key) or {}
        after: dict[str, str] = new.get(key) or {}
        result[key] = {
            "added": [k for k in after if k not in before],
            "removed": [k for k in before if k not in after],
            "renamed": [
                k for k in after if k in before and before[k] != after[k] and key != "goals"
            ],
        }
    return result


def _ids(ids: list[str], shown: int = 5) -> str:
    more = f" … (+{len(ids) - shown})" if len(ids) > shown else ""
    return ", ".join(ids[:shown]) + more


def describe_changes(old: dict[str, Any] | None, new: dict[str, Any]) -> str:
    """The changes in one Swedish line, e.g. "+ prioriteringar: smart-stad; − nämndmål: mbn-2"."""
    if old is None:
        counts = ", ".join(f"{len(new.get(key) or {})} {word}" for key, word in _KINDS)
        return f"första versionen ({counts})"
    diff = compare_summaries(old, new)
    parts: list[str] = []
    for key, word in _KINDS:
        if diff[key]["added"]:
            parts.append(f"+ {word}: {_ids(diff[key]['added'])}")
        if diff[key]["removed"]:
            parts.append(f"− {word}: {_ids(diff[key]['removed'])}")
        if diff[key]["renamed"]:
            parts.append(f"nytt namn på {word}: {_ids(diff[key]['renamed'])}")
    return (
        "; ".join(parts)
        if parts
        else "samma prioriteringar, nämndmål och förvaltningar (ändrad text)"
    )
