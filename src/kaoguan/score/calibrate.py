"""Fit the key-point coverage model on rated answers, with cross-validation by question.

    python -m kaoguan.score.calibrate [DEV_DIR] [--write]

For each mode, features are computed once for every (answer, key point); then, for each
question, a model is fitted on the other questions only and used to mark the held-out
one (leave-one-question-out). The figures printed are those held-out ones. With
--write, a final model fitted on all questions is saved to calibration.json.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kaoguan.bank.model import Bank
from kaoguan.score.coverage import CoverageModel, fit_coverage_model, save_calibration
from kaoguan.score.devset import RatedAnswer, load_dev_set
from kaoguan.score.agreement import quadratic_weighted_kappa
from kaoguan.score.features import FEATURES_ACCURATE, FEATURES_FAST, AnswerAnalysis
from kaoguan.score.model import KeyPointCoverage, RedFlag
from kaoguan.score.redflags import detect_red_flags
from kaoguan.score.scorer import MODES, Scorer, score_from_coverage

DEFAULT_DEV_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "dev-answers"
L2 = 1.0  # ridge strength on standardized features; a few parameters, 500-odd marks


@dataclass
class HeldOut:
    """One answer scored by a model that never saw its question."""

    rated: RatedAnswer
    coverage: list[KeyPointCoverage]
    red_flags: list[RedFlag]
    score: float
    max_score: float


DISCOUNT_GRID = (1.0, 0.75, 0.5, 0.25, 0.0)


def analyze_dev(bank: Bank, rated: list[RatedAnswer], mode: str = "accurate") -> list[AnswerAnalysis]:
    """Features for every dev answer. The accurate mode's features include all the fast
    mode's (same USE units), so one accurate pass serves both."""
    matcher = Scorer(mode=mode).matcher
    return matcher.analyze([(bank.question(r.question_id), r.text) for r in rated])


def rounded(score: float) -> int:
    """Half up, as raters round (Python's round() would send 2.5 to 2)."""
    return int(np.floor(score + 0.5))


def training_rows(analyses: list[AnswerAnalysis], rated: list[RatedAnswer], names: tuple[str, ...]):
    x, y, groups = [], [], []
    for analysis, answer in zip(analyses, rated):
        for match in analysis.matches:
            x.append([match.features[n] for n in names])
            y.append(answer.marks[match.key_point.id])
            groups.append(answer.question_id)
    return np.array(x), np.array(y), np.array(groups)


def leave_one_question_out(
    bank: Bank, rated: list[RatedAnswer], analyses: list[AnswerAnalysis], mode: str, names: tuple[str, ...]
) -> list[HeldOut]:
    held_out: list[HeldOut] = []
    for question_id in dict.fromkeys(r.question_id for r in rated):
        train = [n for n, r in enumerate(rated) if r.question_id != question_id]
        model = fit_all(bank, [rated[n] for n in train], [analyses[n] for n in train], names, mode)
        held_out += _score_with(model, bank, rated, analyses, mode, only=question_id)
    order = {r.answer_id: n for n, r in enumerate(rated)}
    return sorted(held_out, key=lambda h: order[h.rated.answer_id])


def _score_with(model: CoverageModel, bank, rated, analyses, mode, only: str | None = None) -> list[HeldOut]:
    scorer = Scorer(mode=mode, coverage_model=model)
    out = []
    for answer, analysis in zip(rated, analyses):
        if only is not None and answer.question_id != only:
            continue
        question = bank.question(answer.question_id)
        flags = detect_red_flags(analysis.text)
        coverage = scorer.coverage(analysis, flags)
        points = float(question.points or 0)
        score = score_from_coverage(question, coverage, flags, points, model.red_flag_discount)
        out.append(HeldOut(answer, coverage, flags, score, points))
    return out


def fit_all(bank, rated, analyses, names, mode) -> CoverageModel:
    """Fit the coverage model, then the red-flag discount that best matches the raters' scores."""
    x, y, _ = training_rows(analyses, rated, names)
    model = fit_coverage_model(x, y, list(names), L2)
    best_kappa = -2.0
    for discount in DISCOUNT_GRID:
        model.red_flag_discount = discount
        scored = _score_with(model, bank, rated, analyses, mode)
        kappa = quadratic_weighted_kappa([rounded(h.score) for h in scored], [h.rated.score for h in scored])
        if kappa is not None and kappa > best_kappa:
            best_kappa, best = kappa, discount
    model.red_flag_discount = best
    return model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dev_dir", nargs="?", type=Path, default=DEFAULT_DEV_DIR)
    parser.add_argument("--write", action="store_true", help="save the model fitted on all questions")
    args = parser.parse_args(argv)
    bank, rated = load_dev_set(args.dev_dir)
    analyses = analyze_dev(bank, rated)
    models = {}
    for mode in MODES:
        names = FEATURES_ACCURATE if mode == "accurate" else FEATURES_FAST
        held = leave_one_question_out(bank, rated, analyses, mode, names)
        qwk = quadratic_weighted_kappa([rounded(h.score) for h in held], [h.rated.score for h in held])
        print(f"{mode}: leave-one-question-out QWK {qwk:.3f}", file=sys.stderr)
        models[mode] = fit_all(bank, rated, analyses, names, mode)
        print(f"{mode}: red-flag discount {models[mode].red_flag_discount}", file=sys.stderr)
    if args.write:
        save_calibration(
            models,
            {
                "fitted_on": "dev-answers (120 answers, 20 questions)",
                "method": "L2 logistic regression on soft 0/0.5/1 targets + two thresholds; refit with python -m kaoguan.score.calibrate --write",
                "l2": L2,
            },
        )
        print("wrote calibration.json", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
