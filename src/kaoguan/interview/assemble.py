"""Choosing a paper's questions: counts per section or category, an exact points total, and never
two near-duplicates together. Pure functions over a candidate pool, so the choice is reproducible
from the recorded seed."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from kaoguan.interview.errors import PaperAssemblyError

# Redraws tried when an exact points total is asked for; each is cheap.
TOTAL_POINTS_ATTEMPTS = 500


@dataclass(frozen=True)
class Candidate:
    index: int  # row/column in the similarity matrix
    bank_id: int
    section_title: str
    category: str | None
    points: float


def draw(pool: Sequence[Candidate], similarity: np.ndarray, threshold: float, seed: int,
         per_section: dict[str, int], per_category: dict[str, int], total_points: float | None) -> list[Candidate]:
    """The drawn questions, or PaperAssemblyError saying which requirement cannot be met."""
    rng = random.Random(seed)
    groups = _groups(pool, per_section, per_category)
    if total_points is None:
        return _draw_groups(groups, similarity, threshold, rng)
    if not groups:
        return _draw_to_total(list(pool), similarity, threshold, rng, total_points)
    totals = set()
    for _ in range(TOTAL_POINTS_ATTEMPTS):
        chosen = _draw_groups(groups, similarity, threshold, rng)
        total = sum(c.points for c in chosen)
        if abs(total - total_points) < 1e-9:
            return chosen
        totals.add(total)
    raise PaperAssemblyError(f"cannot reach a total of {total_points:g} points with these counts; "
                             f"draws add up to {', '.join(f'{t:g}' for t in sorted(totals))}")


def _groups(pool, per_section, per_category) -> list[tuple[str, list[Candidate], int]]:
    groups = []
    for title, count in per_section.items():
        members = [c for c in pool if c.section_title == title]
        if not members:
            raise PaperAssemblyError(f"no section titled {title!r} in the chosen banks")
        groups.append((f"section {title!r}", members, count))
    for category, count in per_category.items():
        members = [c for c in pool if c.category == category]
        if not members:
            raise PaperAssemblyError(f"no questions of category {category!r} in the chosen banks")
        groups.append((f"category {category!r}", members, count))
    for label, _, count in groups:
        if count < 0:
            raise PaperAssemblyError(f"{label}: a count cannot be negative ({count})")
    return groups


def _compatible(candidate: Candidate, chosen: list[Candidate], similarity: np.ndarray, threshold: float) -> bool:
    return all(candidate.index != c.index and similarity[candidate.index, c.index] < threshold for c in chosen)


def _draw_groups(groups, similarity, threshold, rng: random.Random) -> list[Candidate]:
    chosen: list[Candidate] = []
    for label, members, count in groups:
        shuffled = members[:]
        rng.shuffle(shuffled)
        taken = 0
        for candidate in shuffled:
            if taken == count:
                break
            if _compatible(candidate, chosen, similarity, threshold):
                chosen.append(candidate)
                taken += 1
        if taken < count:
            raise PaperAssemblyError(f"{label}: {count} questions asked, only {taken} available "
                                     f"(near-duplicates of questions already on the paper are left out)")
    return chosen


def _draw_to_total(pool, similarity, threshold, rng: random.Random, total_points: float) -> list[Candidate]:
    """Randomised greedy subset sum: shuffle, add what still fits, retry until the total is exact."""
    if total_points <= 0:
        raise PaperAssemblyError(f"total points must be positive, not {total_points:g}")
    for _ in range(TOTAL_POINTS_ATTEMPTS):
        shuffled = pool[:]
        rng.shuffle(shuffled)
        chosen: list[Candidate] = []
        total = 0.0
        for candidate in shuffled:
            if candidate.points > 0 and total + candidate.points <= total_points + 1e-9 \
                    and _compatible(candidate, chosen, similarity, threshold):
                chosen.append(candidate)
                total += candidate.points
            if abs(total - total_points) < 1e-9:
                return chosen
    available = sum(c.points for c in pool)
    raise PaperAssemblyError(f"cannot pick questions adding up to exactly {total_points:g} points "
                             f"(the chosen banks hold {available:g} points in all)")
