"""Applicability: how likely a Swedish municipality (or its companies, schools, or a consortium
it joins) can use a call at all, the same for every municipality.

A logistic regression (scikit-learn) on the call's mean passage vector and the role of its
programme (who the programme is for: research, companies, territorial cooperation, …). It is
trained on the labelled development calls of two municipalities (a call is usable when either
municipality graded it relevant to any priority) by ``scripts/fit_applicability.py``, which
writes the small coefficient file :data:`COEFFICIENTS` next to this module; no label or call
text is kept, only the fitted numbers and the cross-validated quality they reached.

Retraining from a municipality's marks (:mod:`matcher.feedback`) starts from these
coefficients and never re-embeds anything.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

COEFFICIENTS = Path(__file__).with_name("applicability.json")

# Who a programme is for (domain knowledge, not labels): pattern on the programme's name.
ROLES: tuple[tuple[str, str], ...] = (
    (
        "research",
        r"horizon|euratom|research fund for coal|rfcs|formas|forte|vetenskapsrådet|"
        r"forskningsstöd",
    ),
    ("defence", r"defence|försvar"),
    ("agricultural_promotion", r"promotion of agricultural"),
    (
        "companies",
        r"affärsutveckling|single market|innovation fund|\beic\b|impact innovation|"
        r"cosme",
    ),
    (
        "territorial",
        r"interreg|urbact|urban initiative|erdf|eruf|regionalfond|just transition|"
        r"\bi3\b",
    ),
    ("social", r"\besf|socialfond|amif|cerv|europe for citizens|solidarity corps"),
    ("education", r"erasmus"),
    ("environment", r"\blife\b"),
    ("culture", r"creative europe"),
    ("health", r"eu4health"),
    ("digital_infrastructure", r"digital europe|\bcef\b|connecting europe"),
    ("swedish_agency", r"vinnova|energimyndigheten|tillväxtverket|formas|forte|esf-rådet"),
    ("cascade", r"cascade"),
    ("institutions", r"eu bodies|european parliament|anti-fraud|pilot projects"),
)


def role_features(programme: str | None) -> np.ndarray:
    """One 0/1 value per :data:`ROLES` entry for a programme name."""
    name = (programme or "").lower()
    return np.array([1.0 if re.search(p, name) else 0.0 for _, p in ROLES], dtype=np.float64)


def call_vectors(matrix: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Each call's mean passage vector, L2-normalised (rows of passages grouped by call)."""
    if len(matrix) == 0:
        return np.zeros((0, matrix.shape[1] if matrix.ndim == 2 else 0), dtype=np.float64)
    sizes = np.diff(np.append(starts, len(matrix)))
    means = np.add.reduceat(matrix.astype(np.float64), starts, axis=0) / sizes[:, None]
    return means / (np.linalg.norm(means, axis=1, keepdims=True) + 1e-12)


def features(vectors: np.ndarray, programmes: list[str | None]) -> np.ndarray:
    """The model's input: mean passage vector and programme roles, one row per call."""
    roles = np.array([role_features(p) for p in programmes]).reshape(len(programmes), len(ROLES))
    return np.hstack([vectors, roles])


@dataclass
class Model:
    """A fitted applicability model: standardisation and logistic regression coefficients."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    info: dict[str, Any]

    def logit(self, x: np.ndarray) -> np.ndarray:
        """Log-odds that each row's call is usable by a municipality."""
        return ((x - self.mean) / self.scale) @ self.coef + self.intercept

    def probability(self, x: np.ndarray) -> np.ndarray:
        """Probability that each row's call is usable by a municipality."""
        return 1.0 / (1.0 + np.exp(-self.logit(x)))

    def to_json(self) -> dict[str, Any]:
        """The coefficients as plain JSON (rounded: they are estimates, not exact values)."""
        return {
            "features": {
                "vector": int(len(self.mean) - len(ROLES)),
                "roles": [r for r, _ in ROLES],
            },
            "mean": [round(float(v), 6) for v in self.mean],
            "scale": [round(float(v), 6) for v in self.scale],
            "coef": [round(float(v), 6) for v in self.coef],
            "intercept": round(float(self.intercept), 6),
            "info": self.info,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Model:
        """A model from :meth:`to_json`'s output."""
        return cls(
            np.array(data["mean"]),
            np.array(data["scale"]),
            np.array(data["coef"]),
            float(data["intercept"]),
            dict(data.get("info") or {}),
        )


def fit(
    x: np.ndarray, y: np.ndarray, *, c: float = 0.01, info: dict[str, Any] | None = None
) -> Model:
    """Fit the model on feature rows ``x`` and 0/1 targets ``y`` (L2, standardised inputs)."""
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit((x - mean) / scale, y)
    return Model(mean, scale, model.coef_[0], float(model.intercept_[0]), dict(info or {}))


@lru_cache(maxsize=1)
def shipped() -> Model | None:
    """The model fitted on the development labels (None when the file is missing)."""
    if not COEFFICIENTS.is_file():
        return None
    return Model.from_json(json.loads(COEFFICIENTS.read_text(encoding="utf-8")))


def applicability_logit(vectors: np.ndarray, programmes: list[str | None]) -> np.ndarray:
    """Log-odds of applicability for calls (zeros when no model is shipped)."""
    model = shipped()
    if model is None or len(vectors) == 0:
        return np.zeros(len(vectors))
    return model.logit(features(vectors, programmes))
