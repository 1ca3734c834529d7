"""Item statistics for bank owners, computed the way Moodle's quiz statistics report computes them.

Definitions (Moodle docs, "Quiz statistics calculations"), for item scores x_i and test totals T:
- facility index: mean of x_i as a share of the item's maximum (Moodle's F = 100·mean/max, here 0..1);
- discrimination index (upper/lower 27%): mean score share of the top 27% of candidates by total
  minus that of the bottom 27% (Kelley's groups, as the brief asks);
- point-biserial correlation: Pearson r between x_i and the rest of the test (T − x_i); this is the
  figure Moodle labels "discrimination index" — using the rest of the test keeps the item from
  correlating with itself;
- Cronbach's alpha: k/(k−1)·(1 − Σ var(x_i)/var(T)), Moodle's "coefficient of internal consistency";
- distractor analysis: how often each option is chosen overall, by the top and by the bottom group.
Open items add key-point coverage rates, inter-rater agreement (quadratic weighted kappa and
ICC(2,1), Shrout & Fleiss) and scorer-versus-rater agreement.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

from kaoguan.report.results import CandidateResult
from kaoguan.score.agreement import pearson, quadratic_weighted_kappa  # one definition, shared with the scorer

GROUP_SHARE = 0.27
MIN_CANDIDATES_FOR_FLAGS = 5  # below this, a "broken item" flag is noise

FLAG_LABELS = {
    "negative_discrimination": "区分度为负:高分考生在本题得分反而更低",
    "key_point_never_covered": "有答案要点无人覆盖,要点可能表述不清",
    "key_point_always_covered": "有答案要点人人覆盖,无区分作用",
    "distractor_beats_key": "高分组选择某干扰项的人数多于正确答案,答案可能有误",
}


# ---------------------------------------------------------------- pure statistics


def facility(scores: np.ndarray, max_score: float) -> float | None:
    if len(scores) == 0 or not max_score:
        return None
    return float(np.mean(scores) / max_score)


def upper_lower_groups(totals: np.ndarray, share: float = GROUP_SHARE) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the top and bottom `share` of candidates by total (at least one each).

    Ties at the boundary are broken by candidate order, as a stable sort does."""
    count = len(totals)
    size = max(1, int(round(share * count)))
    order = np.argsort(-np.asarray(totals, dtype=float), kind="stable")
    return order[:size], order[-size:]


def discrimination_index(shares: np.ndarray, totals: np.ndarray, share: float = GROUP_SHARE) -> float | None:
    """Upper-group mean score share minus lower-group mean score share (−1..1)."""
    if len(shares) < 2:
        return None
    upper, lower = upper_lower_groups(totals, share)
    return float(np.mean(shares[upper]) - np.mean(shares[lower]))


def point_biserial(item: np.ndarray, totals: np.ndarray) -> float | None:
    """Correlation of the item with the rest of the test (Moodle's discrimination index / 100)."""
    item = np.asarray(item, dtype=float)
    return pearson(item, np.asarray(totals, dtype=float) - item)


def cronbach_alpha(matrix: np.ndarray) -> float | None:
    """matrix: candidates × items of scores."""
    matrix = np.asarray(matrix, dtype=float)
    if matrix.ndim != 2 or matrix.shape[0] < 2 or matrix.shape[1] < 2:
        return None
    items = matrix.shape[1]
    total_variance = float(np.var(matrix.sum(axis=1), ddof=1))
    if total_variance == 0:
        return None
    item_variance = float(np.var(matrix, axis=0, ddof=1).sum())
    return items / (items - 1) * (1 - item_variance / total_variance)


def icc_2_1(matrix: np.ndarray) -> float | None:
    """ICC(2,1): two-way random effects, absolute agreement, single rater. matrix: answers × raters."""
    matrix = np.asarray(matrix, dtype=float)
    if matrix.ndim != 2 or matrix.shape[0] < 2 or matrix.shape[1] < 2:
        return None
    n, k = matrix.shape
    grand = matrix.mean()
    ss_rows = k * float(np.sum((matrix.mean(axis=1) - grand) ** 2))
    ss_cols = n * float(np.sum((matrix.mean(axis=0) - grand) ** 2))
    ss_total = float(np.sum((matrix - grand) ** 2))
    ss_error = ss_total - ss_rows - ss_cols
    ms_rows, ms_cols = ss_rows / (n - 1), ss_cols / (k - 1)
    ms_error = ss_error / ((n - 1) * (k - 1))
    denominator = ms_rows + (k - 1) * ms_error + k * (ms_cols - ms_error) / n
    if denominator == 0:
        return None
    return (ms_rows - ms_error) / denominator


# ---------------------------------------------------------------- per question


@dataclass
class OptionUse:
    option: str
    keyed: bool
    chosen: float  # share of all candidates
    upper: float  # share of the top group
    lower: float  # share of the bottom group


@dataclass
class KeyPointUse:
    id: str
    text: str
    coverage: float  # mean coverage 0..1 by the automatic scorer
    covered_by: int  # candidates with coverage > 0


@dataclass
class ItemStatistics:
    position: int
    question_id: str
    kind: str
    prompt: str
    max_score: float
    candidates: int
    mean_share: float | None  # facility index for objective items, mean score share for open ones
    discrimination: float | None
    point_biserial: float | None
    options: list[OptionUse] = field(default_factory=list)
    key_points: list[KeyPointUse] = field(default_factory=list)
    rater_qwk: float | None = None
    rater_icc: float | None = None
    scorer_qwk: float | None = None
    scorer_icc: float | None = None
    flags: list[str] = field(default_factory=list)

    @property
    def flag_labels(self) -> list[str]:
        return [FLAG_LABELS[flag] for flag in self.flags]


@dataclass
class PaperStatistics:
    candidates: int
    alpha: float | None
    items: list[ItemStatistics]

    @property
    def flagged(self) -> list[ItemStatistics]:
        return [item for item in self.items if item.flags]


def item_statistics(results: list[CandidateResult]) -> PaperStatistics:
    """Statistics for every question of one paper over its candidates (answers matched by position)."""
    if not results:
        return PaperStatistics(0, None, [])
    positions = sorted({answer.position for result in results for answer in result.answers})
    scores = np.array([[_score_at(result, position) for position in positions] for result in results])
    totals = scores.sum(axis=1)
    items = []
    for column, position in enumerate(positions):
        # Only candidates who met this question count for it (papers may differ in length).
        answered = [(row, answer) for row, result in enumerate(results)
                    for answer in result.answers if answer.position == position]
        rows = np.array([row for row, _ in answered])
        items.append(_item(position, [answer for _, answer in answered], scores[rows, column], totals[rows]))
    return PaperStatistics(len(results), cronbach_alpha(scores), items)


def _score_at(result: CandidateResult, position: int) -> float:
    for answer in result.answers:
        if answer.position == position:
            return answer.final_score or 0.0
    return 0.0


def _item(position: int, answers, item_scores: np.ndarray, totals: np.ndarray) -> ItemStatistics:
    question = answers[0].question
    maximum = answers[0].max_score or float(question.points or 0) or 1.0
    shares = item_scores / maximum
    stats = ItemStatistics(
        position=position, question_id=question.id, kind=question.kind, prompt=question.prompt, max_score=maximum,
        candidates=len(answers), mean_share=facility(item_scores, maximum),
        discrimination=discrimination_index(shares, totals), point_biserial=point_biserial(item_scores, totals),
    )
    if question.kind in ("single_choice", "multiple_choice", "true_false"):
        stats.options = distractor_analysis(answers, totals)
    if question.kind == "open":
        stats.key_points = key_point_use(answers)
        _agreement(stats, answers)
    stats.flags = broken_item_flags(stats)
    return stats


def distractor_analysis(answers, totals: np.ndarray) -> list[OptionUse]:
    question = answers[0].question
    if question.kind == "true_false":
        options = {"T": "对", "F": "错"}
        keyed = {"T"} if question.answer is True else {"F"} if question.answer is False else set()
        picks = [_true_false_pick(answer.answer_text) for answer in answers]
    else:
        options = question.options
        keyed = set(question.answer if isinstance(question.answer, list) else [question.answer] if question.answer else [])
        picks = [set(answer.choice or "") for answer in answers]
    upper, lower = upper_lower_groups(totals)
    uses = []
    for option in options:
        chose = np.array([option in pick for pick in picks], dtype=float)
        uses.append(OptionUse(option, option in keyed, float(chose.mean()), float(chose[upper].mean()), float(chose[lower].mean())))
    return uses


def _true_false_pick(text: str) -> set[str]:
    clean = text.strip().lower()
    if clean in ("t", "true", "对", "正确", "√", "是"):
        return {"T"}
    if clean in ("f", "false", "错", "错误", "×", "否"):
        return {"F"}
    return set()


def key_point_use(answers) -> list[KeyPointUse]:
    question = answers[0].question
    uses = []
    for point in question.key_points:
        coverages = [_coverage(answer, point.id) for answer in answers]
        known = [value for value in coverages if value is not None]
        uses.append(KeyPointUse(point.id, point.text, float(np.mean(known)) if known else 0.0,
                                sum(1 for value in known if value > 0)))
    return uses


def _coverage(answer, point_id: str) -> float | None:
    if answer.auto is None:
        return None
    for coverage in answer.auto.key_points:
        if coverage.id == point_id:
            return float(coverage.coverage)
    return 0.0


def _agreement(stats: ItemStatistics, answers) -> None:
    top = int(math.ceil(stats.max_score))
    raters = sorted({rating.interviewer for answer in answers for rating in answer.ratings})
    table = {id(answer): {r.interviewer: r.score for r in answer.ratings if r.score is not None}
             for answer in answers}
    pair_kappas: list[float] = []
    for left, right in combinations(raters, 2):
        both = [(row[left], row[right]) for row in table.values() if left in row and right in row]
        if len(both) >= 2:
            kappa = quadratic_weighted_kappa([_bucket(a, top) for a, _ in both], [_bucket(b, top) for _, b in both], 0, top)
            if kappa is not None:
                pair_kappas.append(kappa)
    complete = [[row[rater] for rater in raters] for row in table.values() if raters and all(r in row for r in raters)]
    stats.rater_qwk = float(np.mean(pair_kappas)) if pair_kappas else None
    stats.rater_icc = icc_2_1(np.array(complete)) if len(raters) >= 2 and len(complete) >= 2 else None
    paired = [(answer.auto.score, answer.rater_score) for answer in answers
              if answer.auto is not None and answer.rater_score is not None]
    if len(paired) >= 2:
        stats.scorer_qwk = quadratic_weighted_kappa([_bucket(a, top) for a, _ in paired], [_bucket(b, top) for _, b in paired], 0, top)
        stats.scorer_icc = icc_2_1(np.array(paired))


def _bucket(score: float, top: int) -> int:
    return min(max(int(math.floor(score + 0.5)), 0), top)


def broken_item_flags(stats: ItemStatistics) -> list[str]:
    if stats.candidates < MIN_CANDIDATES_FOR_FLAGS:
        return []
    flags = []
    if stats.discrimination is not None and stats.discrimination < 0:
        flags.append("negative_discrimination")
    if any(point.covered_by == 0 for point in stats.key_points):
        flags.append("key_point_never_covered")
    if any(point.coverage >= 1.0 for point in stats.key_points):
        flags.append("key_point_always_covered")
    keyed = [option for option in stats.options if option.keyed]
    distractors = [option for option in stats.options if not option.keyed]
    if keyed and distractors and max(d.upper for d in distractors) > min(k.upper for k in keyed):
        flags.append("distractor_beats_key")
    return flags
