"""Item statistics against matrices checked by hand (and the Shrout & Fleiss ICC example)."""

from __future__ import annotations

import numpy as np
import pytest

from kaoguan.report.stats import (
    cronbach_alpha,
    discrimination_index,
    facility,
    icc_2_1,
    item_statistics,
    point_biserial,
    quadratic_weighted_kappa,
    upper_lower_groups,
)
from tests.report.helpers import candidate, choice_answer, open_answer

# Four candidates, three right/wrong items: a Guttman pattern.
MATRIX = np.array([[1, 1, 1], [1, 1, 0], [1, 0, 0], [0, 0, 0]], dtype=float)
TOTALS = MATRIX.sum(axis=1)


def test_facility_is_mean_share_of_the_maximum():
    assert facility(np.array([2.0, 0.0, 2.0, 2.0]), 2) == pytest.approx(0.75)
    assert facility(np.array([]), 2) is None


def test_cronbach_alpha_by_hand():
    # item variances .25 + .3333 + .25 = .8333; total variance 5/3; alpha = 3/2 · (1 − .8333/1.6667) = .75
    assert cronbach_alpha(MATRIX) == pytest.approx(0.75)


def test_cronbach_alpha_undefined_when_every_total_is_equal():
    assert cronbach_alpha(np.array([[1, 0], [0, 1]])) is None


def test_upper_and_lower_27_percent_groups():
    totals = np.arange(10, dtype=float)  # 27% of 10 → 3 each
    upper, lower = upper_lower_groups(totals)
    assert sorted(upper) == [7, 8, 9] and sorted(lower) == [0, 1, 2]


def test_discrimination_index_is_upper_minus_lower_share():
    assert discrimination_index(MATRIX[:, 2], TOTALS) == pytest.approx(1.0)
    # An item only the weakest candidate gets right discriminates negatively.
    reversed_item = np.array([0, 0, 0, 1], dtype=float)
    assert discrimination_index(reversed_item, TOTALS + reversed_item) == pytest.approx(-1.0)


def test_point_biserial_correlates_with_the_rest_of_the_test():
    # item [1,1,1,0] against rest [2,1,0,0]: r = .75 / sqrt(.75 · 2.75) = .5222
    assert point_biserial(MATRIX[:, 0], TOTALS) == pytest.approx(0.52223, abs=1e-4)
    assert point_biserial(MATRIX[:, 0], TOTALS) == pytest.approx(np.corrcoef(MATRIX[:, 0], TOTALS - MATRIX[:, 0])[0, 1])
    assert point_biserial(np.ones(4), TOTALS) is None


def test_quadratic_weighted_kappa_by_hand():
    assert quadratic_weighted_kappa([0, 1, 2, 3], [0, 1, 2, 3], 0, 3) == pytest.approx(1.0)
    # Two categories: quadratic weights reduce to Cohen's kappa, po=.75, pe=.5 → .5
    assert quadratic_weighted_kappa([0, 0, 1, 1], [0, 1, 1, 1], 0, 1) == pytest.approx(0.5)
    # Far disagreements cost more than near ones.
    near = quadratic_weighted_kappa([0, 2, 4, 6, 8], [1, 3, 5, 7, 8], 0, 8)
    far = quadratic_weighted_kappa([0, 2, 4, 6, 8], [4, 6, 8, 2, 0], 0, 8)
    assert near > 0.9 > 0 > far


def test_icc_matches_shrout_and_fleiss_example():
    ratings = np.array([[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]])
    assert icc_2_1(ratings) == pytest.approx(0.29, abs=0.005)
    assert icc_2_1(np.array([[1, 1], [3, 3], [5, 5]])) == pytest.approx(1.0)


def _cohort(picks: list[str], open_scores: list[float]):
    results = []
    for index, (picked, score) in enumerate(zip(picks, open_scores)):
        coverage = {"k1": 1.0, "k2": 0.5 if score > 4 else 0.0, "k3": 0.0}
        results.append(candidate(f"c{index}", choice_answer(1, picked), open_answer(2, score, coverage, {"王": score, "李": score - 1})))
    return results


def test_a_distractor_chosen_by_the_top_group_flags_the_item():
    # The strongest candidates (high open scores) all pick C, the keyed answer is B.
    stats = item_statistics(_cohort(["C", "C", "A", "B", "A", "B", "B"], [8, 7, 6, 3, 2, 2, 1]))
    choice = stats.items[0]
    assert "distractor_beats_key" in choice.flags
    use = {option.option: option for option in choice.options}
    assert use["C"].upper == pytest.approx(1.0) and use["B"].upper == 0.0
    assert use["B"].chosen == pytest.approx(3 / 7)
    assert choice.discrimination is not None and choice.discrimination < 0
    assert "negative_discrimination" in choice.flags


def test_open_item_key_point_coverage_and_agreement():
    stats = item_statistics(_cohort(["B"] * 6, [8, 7, 6, 3, 2, 1]))
    open_item = stats.items[1]
    coverage = {point.id: point for point in open_item.key_points}
    assert coverage["k1"].coverage == 1.0 and coverage["k3"].covered_by == 0
    assert coverage["k2"].coverage == pytest.approx(0.25)
    assert {"key_point_never_covered", "key_point_always_covered"} <= set(open_item.flags)
    # Rater 李 is always one point below 王: consistent but not identical.
    assert 0.8 < open_item.rater_icc < 1.0
    assert 0.8 < open_item.rater_qwk < 1.0
    assert open_item.scorer_qwk is not None and open_item.scorer_icc is not None
    assert open_item.mean_share == pytest.approx(np.mean([7.5, 6.5, 5.5, 2.5, 1.5, 0.5]) / 8)
    assert stats.candidates == 6


def test_small_cohorts_raise_no_flags():
    stats = item_statistics(_cohort(["C", "B"], [8, 1]))
    assert all(item.flags == [] for item in stats.items)


def test_a_candidate_without_a_question_is_left_out_of_its_statistics():
    results = _cohort(["B", "B", "C", "A", "B", "C"], [8, 7, 6, 3, 2, 1])
    results[0].answers = results[0].answers[1:]  # the first candidate never saw the choice question
    stats = item_statistics(results)
    assert stats.items[0].candidates == 5
    assert sum(option.chosen for option in stats.items[0].options) == pytest.approx(1.0)
    assert stats.items[1].candidates == 6
