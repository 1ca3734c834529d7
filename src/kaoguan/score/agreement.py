"""Agreement statistics between kaoguan and human raters (and between raters)."""

from __future__ import annotations

import numpy as np


def quadratic_weighted_kappa(a: list[int], b: list[int], min_value: int | None = None, max_value: int | None = None) -> float:
    """Cohen's kappa with quadratic weights on integer ratings (1 = perfect, 0 = chance)."""
    a_arr, b_arr = np.asarray(a, dtype=int), np.asarray(b, dtype=int)
    low = min(a_arr.min(), b_arr.min()) if min_value is None else min_value
    high = max(a_arr.max(), b_arr.max()) if max_value is None else max_value
    n = high - low + 1
    observed = np.zeros((n, n))
    for x, y in zip(a_arr - low, b_arr - low):
        observed[x, y] += 1
    weights = np.array([[(i - j) ** 2 for j in range(n)] for i in range(n)]) / max((n - 1) ** 2, 1)
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0)) / observed.sum()
    denominator = (weights * expected).sum()
    return 1.0 if denominator == 0 else float(1 - (weights * observed).sum() / denominator)


def cohen_kappa(a: list, b: list) -> float:
    """Unweighted Cohen's kappa on categorical labels."""
    labels = sorted(set(a) | set(b))
    index = {label: i for i, label in enumerate(labels)}
    table = np.zeros((len(labels), len(labels)))
    for x, y in zip(a, b):
        table[index[x], index[y]] += 1
    total = table.sum()
    observed = np.trace(table) / total
    expected = (table.sum(axis=0) * table.sum(axis=1)).sum() / total**2
    return 1.0 if expected == 1 else float((observed - expected) / (1 - expected))


def pearson(a: list[float], b: list[float]) -> float:
    a_arr, b_arr = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a_arr.std() == 0 or b_arr.std() == 0:
        return float("nan")
    return float(np.corrcoef(a_arr, b_arr)[0, 1])
