"""Agreement of kaoguan's scorer with the dev-answers rater, per mode.

    .venv/bin/python bench/score_eval.py [DEV_DIR]

All figures are leave-one-question-out: the coverage model that marks a question's
answers was fitted on the other 19 questions only (see kaoguan.score.calibrate), so they
estimate performance on unseen questions. The shipped calibration (fitted on all 20) is
also scored, in-sample, for reference.

Answer groups, by a transparent rule on the rater's marks plus the text:
- keyword-stuffed: no red flag, rater score ≤ 1, every key point marked ≤ 0.5, and the
  answer strings key-point-like labels together (a clause with ≥ 3 items joined by 、,
  or labels in quotes, or 第一…第二… headings);
- off-topic: no red flag, rater score 0, every key point marked 0, and not stuffed.
Two answers match the list rule but, on inspection, list things unrelated to the key
points (insurance types, asset buckets); they are counted as off-topic (LISTED_OFF_TOPIC).

Padding: every answer again with two generic sentences appended (GENERIC_PADDING, written
for this check, unlike the scorer's own filler sentences), scored by the same held-out
models. Length alone should earn nothing: the mean change should stay near 0.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

import numpy as np

from kaoguan.score.agreement import cohen_kappa, pearson, quadratic_weighted_kappa
from kaoguan.score.calibrate import DEFAULT_DEV_DIR, HeldOut, _score_with, analyze_dev, fit_all, leave_one_question_out, rounded
from kaoguan.score.coverage import load_calibration
from kaoguan.score.devset import RatedAnswer, load_dev_set
from kaoguan.score.features import FEATURES_ACCURATE, FEATURES_FAST
from kaoguan.score.scorer import MODES

_LABEL_LIST = re.compile(r"([^、，。]{1,8}、){2,}[^、，。]{1,8}|“[^”]{2,12}”.{0,3}“|第一[，,：:].{0,20}第二")


LISTED_OFF_TOPIC = {
    "dev-cd84e62a": "lists insurance types (重疾险、医疗险…) while the question is a claim-denial complaint",
    "dev-cd363da7": "lists asset-allocation buckets while the question is about investor suitability",
}


GENERIC_PADDING = "补充一点，我觉得服务行业最重要的是用心。每个人都希望被认真对待，这一点我一直记在心里。"


def padding_changes(bank, rated, analyses, padded, padded_analyses, mode, names) -> np.ndarray:
    """Held-out score change (points) of each answer when GENERIC_PADDING is appended."""
    changes = []
    for question_id in dict.fromkeys(r.question_id for r in rated):
        train = [n for n, r in enumerate(rated) if r.question_id != question_id]
        model = fit_all(bank, [rated[n] for n in train], [analyses[n] for n in train], names, mode)
        plain = _score_with(model, bank, rated, analyses, mode, only=question_id)
        longer = _score_with(model, bank, padded, padded_analyses, mode, only=question_id)
        changes += [after.score - before.score for before, after in zip(plain, longer)]
    return np.array(changes)


def padding_figures(changes: np.ndarray) -> dict[str, float]:
    return {
        "padding: mean score change (points)": float(changes.mean()),
        "padding: answers raised by >= 1 point": float(np.mean(changes >= 1)),
    }


def is_keyword_stuffed(answer: RatedAnswer) -> bool:
    return (
        answer.answer_id not in LISTED_OFF_TOPIC
        and
        not answer.red_flags
        and answer.score <= 1
        and max(answer.marks.values()) <= 0.5
        and bool(_LABEL_LIST.search(answer.text))
    )


def is_off_topic(answer: RatedAnswer) -> bool:
    return not answer.red_flags and answer.score == 0 and max(answer.marks.values()) == 0 and not is_keyword_stuffed(answer)


def figures(held: list[HeldOut]) -> dict[str, float]:
    ours = [h.score for h in held]
    gold = [h.rated.score for h in held]
    ours_marks = [c.coverage for h in held for c in h.coverage]
    gold_marks = [h.rated.marks[c.id] for h in held for c in h.coverage]
    flagged = np.array([bool(h.red_flags) for h in held])
    rated_flag = np.array([bool(h.rated.red_flags) for h in held])
    true_positive = (flagged & rated_flag).sum()
    stuffed = [h.score / h.max_score for h in held if is_keyword_stuffed(h.rated)]
    off_topic = [h.score / h.max_score for h in held if is_off_topic(h.rated)]
    error = np.array(ours) - np.array(gold)
    length = [len(h.rated.text) for h in held]
    return {
        "QWK (rounded score)": quadratic_weighted_kappa([rounded(s) for s in ours], gold),
        "Pearson r": pearson(ours, gold),
        "MAE (points)": float(np.abs(error).mean()),
        "key-point mark accuracy": float(np.mean(np.array(ours_marks) == np.array(gold_marks))),
        "key-point mark Cohen's kappa": cohen_kappa(ours_marks, gold_marks),
        "red-flag precision": float(true_positive / max(flagged.sum(), 1)),
        "red-flag recall": float(true_positive / max(rated_flag.sum(), 1)),
        f"keyword-stuffed mean share of points (n={len(stuffed)})": float(np.mean(stuffed)) if stuffed else float("nan"),
        f"off-topic mean share of points (n={len(off_topic)})": float(np.mean(off_topic)) if off_topic else float("nan"),
        "corr(score error, answer length)": pearson(list(error), length),
    }


def main(argv: list[str]) -> int:
    dev_dir = Path(argv[0]) if argv else DEFAULT_DEV_DIR
    bank, rated = load_dev_set(dev_dir)
    print(f"dev set: {len(rated)} answers, {bank.question_count} questions")
    print("keyword-stuffed:", " ".join(r.answer_id for r in rated if is_keyword_stuffed(r)))
    print("off-topic:", " ".join(r.answer_id for r in rated if is_off_topic(r)))
    analyses = analyze_dev(bank, rated)  # accurate features include all fast ones
    padded = [dataclasses.replace(r, text=r.text + GENERIC_PADDING) for r in rated]
    padded_analyses = analyze_dev(bank, padded)
    shipped = load_calibration()
    for mode in MODES:
        names = FEATURES_ACCURATE if mode == "accurate" else FEATURES_FAST
        cross_validated = figures(leave_one_question_out(bank, rated, analyses, mode, names))
        in_sample = figures(_score_with(shipped[mode], bank, rated, analyses, mode))
        cross_validated |= padding_figures(padding_changes(bank, rated, analyses, padded, padded_analyses, mode, names))
        in_sample |= padding_figures(np.array([
            after.score - before.score
            for before, after in zip(_score_with(shipped[mode], bank, rated, analyses, mode),
                                     _score_with(shipped[mode], bank, padded, padded_analyses, mode))
        ]))
        print(f"\n== mode: {mode} ==")
        print(f"{'':48s} {'held-out (LOQO)':>16s} {'shipped, in-sample':>20s}")
        for name, value in cross_validated.items():
            print(f"{name:48s} {value:16.3f} {in_sample[name]:20.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
