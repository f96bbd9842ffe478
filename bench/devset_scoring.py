"""Score a development set once, for the benchmarks that recombine or re-rank its scores.

The labelled calls of a set (read in place in the shared real data, as ``eufunds eval
--dev-set`` reads them) are completed, embedded and scored as ``eufunds rank`` does; the
scoring state before marks comes back, with its parts (:class:`matcher.scoring.ScoreParts`),
so nothing has to be embedded again.
"""

from __future__ import annotations

import copy
import sys
from typing import Any

from app.settings import shared_dir
from crawler.facts import complete_listed_call
from matcher.evaluate import read_labels
from matcher.rank import rank
from priorities.devset import dev_set_files, read_devset_priorities


def scored_dev_set(name: str) -> tuple[Any, Any, dict[tuple[str, str], int]]:
    """The scoring state (before marks), the priorities and the labels of a development set."""
    priorities_file, corpus, label_files, missing = dev_set_files(shared_dir(), name)
    if missing:
        print(
            f"benchmark needs the shared real data, missing: {', '.join(missing)}; "
            "set EUFUNDS_SHARED",
            file=sys.stderr,
        )
        raise SystemExit(2)
    labels: dict[tuple[str, str], int] = {}
    for label_file in label_files:
        labels.update(read_labels(label_file))
    priorities = read_devset_priorities(priorities_file)
    if priorities is None:
        sys.exit(f"{priorities_file} is not a development set's priorities JSON")
    box: dict[str, Any] = {}

    def keep(scored: Any) -> Any:
        box["scored"] = copy.copy(scored)
        return scored

    only = {c for _, c in labels}
    list(rank(corpus, priorities, only=only, feedback=keep, prepare=complete_listed_call))
    return box["scored"], priorities, labels
