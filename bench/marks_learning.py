"""Learning from marks: how long retraining takes, and that it never embeds anything.

    .venv/bin/python bench/marks_learning.py [--calls N] [--marks M] [--priorities P]

Builds a scoring state of N calls (mean passage vectors of the model's dimension, as
:func:`matcher.pipeline.score_all` keeps them) and P priorities, draws M marks (interested,
applied and not relevant, for one priority or all, with a few for unknown calls and some
contradictory), and times :func:`matcher.feedback.learn` (the whole retraining: resolving the
marks, per-priority and applicability adjustments, the reasons ``eufunds show`` prints) over
five runs. :func:`matcher.feedback.learn` takes no encoder at all: nothing can be embedded.
The real scoring state of ``eufunds match`` is the same arrays, so the time carries over.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from matcher import feedback


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=5000)
    parser.add_argument("--marks", type=int, default=1000)
    parser.add_argument("--priorities", type=int, default=14)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(args.calls, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    call_ids = [f"CALL-{i}" for i in range(args.calls)]
    priorities = [f"p{j}" for j in range(args.priorities)]
    pick = random.Random(0)
    marks = []
    for _ in range(args.marks):
        mark = pick.choice(["interested", "applied", "not-relevant", "not-relevant"])
        priority = pick.choice([*priorities, None])
        marks.append(feedback.MarkRow(pick.choice(call_ids), priority, mark))
    marks += [feedback.MarkRow("NO-SUCH-CALL", None, "interested")]
    times = []
    learned = None
    for _ in range(5):
        started = time.perf_counter()
        learned = feedback.learn(vectors, call_ids, priorities, marks, titles=call_ids)
        times.append(time.perf_counter() - started)
    assert learned is not None
    print(
        json.dumps(
            {
                "calls": args.calls,
                "priorities": args.priorities,
                "marks": len(marks),
                "pairs_learned": learned.used,
                "seconds_median": round(statistics.median(times), 3),
                "seconds_max": round(max(times), 3),
                "explained_pairs": len(learned.reasons),
                "warnings": learned.warnings,
                "embedded": 0,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
