"""Priorities given in the labelled development sets' JSON form, for ranking and evaluation.

A development set (``eval-dev/priorities_<kommun>.json``) lists a municipality's priorities
as ``{"municipality", "land"?, "nuts"?, "priorities": [{"id", "department", "title",
"text"}]}``: the form the labels were made against. ``eufunds rank`` and ``eufunds eval``
take it as it is, so a set is never rewritten by hand into a priorities file (where its
texts could drift from what was labelled). Each department name becomes a department with a
slug id and a placeholder address on the reserved ``.example`` domain; a set without
``nuts`` gets the county of its municipality (:mod:`priorities.municipalities`); the result is
validated like any priorities file.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from priorities.loader import parse_priorities
from priorities.model import Priorities
from priorities.municipalities import municipality_county

# The development sets in the shared real data (``eval-dev/``): name -> (priorities, labels).
DEV_SETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "sodertalje": ("priorities_sodertalje.json", ("labels_sodertalje.jsonl",)),
    "sodertalje-all": (
        "priorities_sodertalje.json",
        ("labels_sodertalje.jsonl", "labels_sodertalje_more.jsonl"),
    ),
    "umea": ("priorities_umea.json", ("labels_umea.jsonl",)),
    "umea-all": ("priorities_umea.json", ("labels_umea.jsonl", "labels_umea_more.jsonl")),
}


def dev_set_files(shared: Path, name: str) -> tuple[Path, Path, tuple[Path, ...], list[str]]:
    """The priorities, the real corpus and the label files of a development set in the
    shared folder, read where they lie, and the ones of them that are missing."""
    priorities_name, label_names = DEV_SETS[name]
    eval_dev, corpus = shared / "eval-dev", shared / "calls" / "corpus.jsonl"
    labels = tuple(eval_dev / n for n in label_names)
    missing = [str(f) for f in (eval_dev / priorities_name, corpus, *labels) if not f.is_file()]
    return eval_dev / priorities_name, corpus, labels, missing


# A set that names neither its region nor a Swedish municipality the table knows is read at
# country level: no regional facts assumed.
DEFAULT_NUTS = "SE"


def is_devset(data: Any) -> bool:
    """Whether parsed JSON has the development sets' shape (not the priorities file's)."""
    items = data.get("priorities") if isinstance(data, dict) else None
    return (
        isinstance(items, list)
        and "municipality" in data
        and all(isinstance(i, dict) and {"id", "title", "text"} <= set(i) for i in items)
    )


def slug(text: str) -> str:
    """'Gator och parker – trafik' -> 'gator-och-parker-trafik'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "forvaltning"


def priorities_file_data(data: dict[str, Any]) -> dict[str, Any]:
    """The priorities-file form (Swedish keys) of a development set's priorities."""
    domain = slug(str(data["municipality"])) + ".example"
    departments: dict[str, str] = {}
    items = []
    for item in data["priorities"]:
        name = str(item.get("department") or "Kommunledningen")
        dept = departments.setdefault(name, slug(name))
        items.append(
            {
                "id": item["id"],
                "rubrik": item["title"],
                "beskrivning": item["text"],
                "förvaltningar": [dept],
            }
        )
    return {
        "kommun": data["municipality"],
        "land": data.get("land") or "SE",
        "nuts": data.get("nuts") or _region(str(data["municipality"]), data.get("land") or "SE"),
        "förvaltningar": [
            {"id": dept, "namn": name, "kontakter": [f"{dept}@{domain}"]}
            for name, dept in departments.items()
        ],
        "prioriteringar": items,
    }


def _region(municipality: str, country: str) -> str:
    """The NUTS code of the county a set's Swedish municipality lies in ("Södertälje kommun"
    -> SE110), or the country's when the table does not know the name."""
    found = municipality_county(municipality) if country == "SE" else None
    return found[0] if found else country


def read_devset_priorities(path: Path) -> Priorities | None:
    """The priorities of a development-set JSON file; None when ``path`` is not one."""
    if path.suffix.lower() != ".json":
        return None
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None  # let the priorities loader report the file in its own words
    if not is_devset(data):
        return None
    text = json.dumps(priorities_file_data(data), ensure_ascii=False)
    return parse_priorities(text.encode("utf-8"), str(path))
