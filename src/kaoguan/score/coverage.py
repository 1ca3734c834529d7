"""The calibrated key-point coverage model: features → probability → covered / partly / not.

A logistic model over a handful of standardized features (see features.py), fitted to
the raters' 0 / 0.5 / 1 marks as soft targets, then two thresholds turn its output into
the three marks. Parameters live in calibration.json next to this file; refit them with
`python -m kaoguan.score.calibrate`.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

CALIBRATION_FILE = Path(__file__).with_name("calibration.json")


@dataclass
class CoverageModel:
    features: list[str]
    mean: list[float]
    scale: list[float]
    weights: list[float]
    bias: float
    threshold_half: float
    threshold_full: float
    red_flag_discount: float = 0.5  # share of its coverage score a red-flagged answer keeps (before the 40% cap)

    def probability(self, x: np.ndarray) -> np.ndarray:
        z = (np.atleast_2d(x) - np.array(self.mean)) / np.array(self.scale)
        return 1.0 / (1.0 + np.exp(-(z @ np.array(self.weights) + self.bias)))

    def marks(self, x: np.ndarray) -> np.ndarray:
        p = self.probability(x)
        return np.where(p >= self.threshold_full, 1.0, np.where(p >= self.threshold_half, 0.5, 0.0))


def fit_coverage_model(x: np.ndarray, y: np.ndarray, names: list[str], l2: float = 1.0) -> CoverageModel:
    """Fit weights (logistic regression on soft targets, L2) and then the two mark thresholds."""
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    weights, bias = _logistic(z, y, l2)
    model = CoverageModel(list(names), mean.tolist(), scale.tolist(), weights.tolist(), bias, 0.3, 0.7)
    model.threshold_half, model.threshold_full = _best_thresholds(model.probability(x), y)
    return model


def _logistic(z: np.ndarray, y: np.ndarray, l2: float, steps: int = 400) -> tuple[np.ndarray, float]:
    """Newton's method for the L2-penalized cross-entropy with targets in [0, 1]."""
    n, d = z.shape
    design = np.hstack([z, np.ones((n, 1))])
    w = np.zeros(d + 1)
    penalty = np.eye(d + 1) * l2
    penalty[-1, -1] = 0.0  # the intercept is not shrunk
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-design @ w))
        gradient = design.T @ (p - y) + penalty @ w
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def _best_thresholds(p: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Thresholds minimizing the absolute error of the marks: the score is linear in the marks,
    so this is the error in points the thresholds cause. (Squared error and plain accuracy
    were also tried; absolute error gave the best held-out QWK in both modes.)"""
    grid = np.round(np.arange(0.05, 0.96, 0.01), 2)
    best, best_error = (0.3, 0.7), float("inf")
    for low in grid:
        for high in grid[grid > low]:
            marks = np.where(p >= high, 1.0, np.where(p >= low, 0.5, 0.0))
            error = float(np.abs(marks - y).sum())
            if error < best_error:
                best, best_error = (float(low), float(high)), error
    return best


def load_calibration(path: Path = CALIBRATION_FILE) -> dict[str, CoverageModel]:
    """mode → fitted model, from calibration.json."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {mode: CoverageModel(**params) for mode, params in data["modes"].items()}


def save_calibration(models: dict[str, CoverageModel], meta: dict, path: Path = CALIBRATION_FILE) -> None:
    data = {"meta": meta, "modes": {mode: asdict(model) for mode, model in models.items()}}
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
