"""Search quality on the two development sets: a priority's title or text typed as a query.

    .venv/bin/python bench/search_quality.py [--base PATH]

A coordinator searches in Swedish; most calls are in English. Each development set's
priorities (``eval-dev/priorities_*.json``) are typed as queries, their title ("Hållbart
resande och transporter") and their text, and the hits among the set's labelled calls are
judged by the set's grades for that priority, with the metrics of ``eval-dev/README.md``
(nDCG@10 with gain 2^grade − 1, P@5 of grade-2 calls), averaged over the priorities.

The search runs as ``eufunds search`` ranks (``matcher.search.search``, no relevance floor,
limited to the labelled calls) on the corpus database that ``bench/search_speed.py`` builds
(reused at --base). It is measured twice: as shipped, and with the glossary's English terms
left out of the keyword evidence (a Swedish word is then found only where it stands
itself), the lever the shipped search adds (docs/cli.md, *search*).
"""

from __future__ import annotations

import argparse
import json
import math
import os
from pathlib import Path
from statistics import mean
from typing import Any

from realdata import real_corpus
from search_speed import build_base

import matcher.search as search_module
from app.settings import shared_dir
from db import open_db
from priorities.devset import dev_set_files

SETS = ("sodertalje-all", "umea-all")
FIELDS = ("title", "text")


def _grades(labels: tuple[Path, ...]) -> dict[str, dict[str, int]]:
    """call id as imported -> priority id -> grade."""
    found: dict[str, dict[str, int]] = {}
    for path in labels:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                found["import:" + row["id"]] = row["grades"]
    return found


def ndcg_at_10(ranked: list[str], gains: dict[str, int]) -> float | None:
    """nDCG@10 with gain 2^grade − 1; None when no call has a grade above 0."""
    dcg = sum((2 ** gains.get(c, 0) - 1) / math.log2(i + 2) for i, c in enumerate(ranked[:10]))
    ideal = sorted(gains.values(), reverse=True)[:10]
    best = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / best if best else None


def measure(db: Any, name: str, field: str) -> dict[str, float]:
    """Mean nDCG@10 and P@5 of one set's priorities typed as queries (``field``)."""
    priorities_path, _, labels, missing = dev_set_files(shared_dir(), name)
    if missing:
        raise SystemExit(f"benchmark needs the development sets: {', '.join(missing)} not found")
    grades = _grades(labels)
    priorities = json.loads(priorities_path.read_text(encoding="utf-8"))["priorities"]
    ndcgs, p5s = [], []
    for priority in priorities:
        hits, _ = search_module.search(db, priority[field], allowed=set(grades), limit=10)
        ranked = [h.call_id for h in hits]
        gains = {c: g.get(priority["id"], 0) for c, g in grades.items()}
        value = ndcg_at_10(ranked, gains)
        if value is not None:
            ndcgs.append(value)
            p5s.append(sum(gains.get(c, 0) == 2 for c in ranked[:5]) / 5)
    return {"ndcg10": round(mean(ndcgs), 3), "p5": round(mean(p5s), 3), "queries": len(ndcgs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path.home() / ".cache" / "eufunds" / "bench" / "search-base.db"
    parser.add_argument("--base", type=Path, default=default)
    args = parser.parse_args()
    real_corpus()
    build_base(args.base, dict(os.environ))
    db = open_db(args.base)
    shipped = search_module.word_translations
    results = []
    for name in SETS:
        for field in FIELDS:
            row: dict[str, Any] = {"set": name, "query": field}
            search_module.word_translations = lambda query: {}
            row["words_alone"] = measure(db, name, field)
            search_module.word_translations = shipped
            row["shipped"] = measure(db, name, field)
            results.append(row)
            print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
