"""Fit the applicability model (matcher/applicability.json) from the development labels.

    python scripts/fit_applicability.py [--db FILE] [--out FILE]

Reads, in place, the labelled development sets in the shared real data (EUFUNDS_SHARED,
default ../shared: eval-dev/labels_*.jsonl and calls/corpus.jsonl), embeds the labelled calls
(or reuses the passages already in ``--db``, a database made by this script or by
``eufunds rank``-style storing), and fits a logistic regression on each call's mean passage
vector and programme roles. Target: a call is usable when either municipality graded it
relevant (1 or 2) to any priority. Only coefficients and quality figures are written; no
label row or call text.

Quality is reported two ways: 5-fold cross-validation by call on both sets' labels, and across
municipalities (fit on one municipality's labels, measure AUC on the other's, calls in
different folds so no call is seen in both).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.settings import shared_dir
from db import open_db
from db.calls import store_call
from db.jsonl import read_calls
from db.records import Call
from db.vectors import load_chunks
from matcher import applicability
from matcher.embed import embed_calls
from matcher.encoders import SentenceTransformerEncoder
from matcher.model import MODEL_NAME
from matcher.scoring import segment_starts

LABELS = {
    "sodertalje": ("labels_sodertalje.jsonl", "labels_sodertalje_more.jsonl"),
    "umea": ("labels_umea.jsonl", "labels_umea_more.jsonl"),
}
C = 0.01  # chosen by the across-municipality AUC (0.003–0.03 are within 0.01 of each other)


def usable(folder: Path, files: tuple[str, ...]) -> dict[str, int]:
    """call id -> 1 when the municipality graded it relevant to any priority, else 0."""
    out: dict[str, int] = {}
    for name in files:
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                out[record["id"]] = int(max(record["grades"].values(), default=0) >= 1)
    return out


def embedded(db_path: Path, corpus: Path, ids: set[str]) -> tuple[list[str], np.ndarray, list]:
    """(call ids, mean passage vectors, programmes) of the labelled calls."""
    db = open_db(db_path)
    stored = {r["source_id"] for r in db.query("select source_id from calls")}
    if not ids <= stored:
        with db.atomic():
            for result in read_calls(corpus, "rank"):
                if result.call and result.call.source_id in ids - stored:
                    store_call(db, result.call, today=date.today())
        embed_calls(db, SentenceTransformerEncoder())
    keys = [r["id"] for r in db.query("select id from calls order by id")]
    chunks = load_chunks(db, MODEL_NAME, keys)
    order = list(dict.fromkeys(chunks.call_ids))
    position = {k: i for i, k in enumerate(order)}
    starts = segment_starts(np.array([position[k] for k in chunks.call_ids]))
    vectors = applicability.call_vectors(chunks.matrix, starts)
    rows = {r["id"]: Call.from_row(r) for r in db["calls"].rows}
    calls = [rows[k] for k in order]
    keep = [i for i, c in enumerate(calls) if c.source_id in ids]
    return (
        [calls[i].source_id for i in keep],
        vectors[keep],
        [calls[i].programme for i in keep],
    )


def _auc(y: np.ndarray, score: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, score))


def cross_validated(x: np.ndarray, train_y: np.ndarray, test_y: np.ndarray, seed: int = 0) -> float:
    """AUC on ``test_y`` of out-of-fold predictions of models fitted on ``train_y``."""
    from sklearn.model_selection import KFold

    predicted = np.zeros(len(x))
    for train, test in KFold(5, shuffle=True, random_state=seed).split(x):
        model = applicability.fit(x[train], train_y[train], c=C)
        predicted[test] = model.logit(x[test])
    return _auc(test_y, predicted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="Reuse (or create) this database of passages.")
    parser.add_argument("--out", type=Path, default=applicability.COEFFICIENTS)
    args = parser.parse_args()
    shared = shared_dir()
    folder = shared / "eval-dev"
    targets = {name: usable(folder, files) for name, files in LABELS.items()}
    ids = set().union(*targets.values())
    with tempfile.TemporaryDirectory(prefix="eufunds-fit-") as tmp:
        db_path = args.db or Path(tmp) / "fit.db"
        call_ids, vectors, programmes = embedded(db_path, shared / "calls" / "corpus.jsonl", ids)
    x = applicability.features(vectors, programmes)
    sod = np.array([targets["sodertalje"].get(c, 0) for c in call_ids])
    umea = np.array([targets["umea"].get(c, 0) for c in call_ids])
    both = np.maximum(sod, umea)
    quality = {
        "cv_auc_both": round(cross_validated(x, both, both), 3),
        "auc_sodertalje_to_umea": round(cross_validated(x, sod, umea), 3),
        "auc_umea_to_sodertalje": round(cross_validated(x, umea, sod), 3),
    }
    info = {
        "trained_on": "eval-dev labels of Södertälje and Umeå (320 calls each)",
        "calls": len(call_ids),
        "usable": int(both.sum()),
        "C": C,
        **quality,
    }
    model = applicability.fit(x, both, c=C, info=info)
    args.out.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    print(json.dumps(info, ensure_ascii=False))


if __name__ == "__main__":
    main()
