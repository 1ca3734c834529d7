"""Agreement statistics between kaoguan and human raters (and between raters)."""

from __future__ import annotations

import numpy as np


def quadratic_weighted_kappa(a: list[int], b: list[int], lowest: int | None = None, highest: int | None = None) -> float | None:
    """Cohen's kappa with quadratic weights for two raters on the integer scale lowest..highest.

    1 is perfect agreement, 0 chance. None when it is undefined: no pairs, or both raters used one
    and the same category. Bounds default to the lowest and highest rating seen.
    """
    if len(a) != len(b) or not a:
        return None
    a_arr, b_arr = np.asarray(a, dtype=int), np.asarray(b, dtype=int)
    low = int(min(a_arr.min(), b_arr.min())) if lowest is None else lowest
    high = int(max(a_arr.max(), b_arr.max())) if highest is None else highest
    size = high - low + 1
    observed = np.zeros((size, size))
    for left, right in zip(a_arr - low, b_arr - low):
        observed[left, right] += 1
    weights = np.array([[(i - j) ** 2 for j in range(size)] for i in range(size)]) / max((size - 1) ** 2, 1)
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0)) / observed.sum()
    disagreement_expected = float(np.sum(weights * expected))
    if disagreement_expected == 0:
        return None
    return 1 - float(np.sum(weights * observed)) / disagreement_expected


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


def pearson(a, b) -> float | None:
    """Pearson's r; None when either side is constant (or has fewer than two values)."""
    a_arr, b_arr = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if len(a_arr) < 2 or a_arr.std() == 0 or b_arr.std() == 0:
        return None
    return float(np.corrcoef(a_arr, b_arr)[0, 1])
