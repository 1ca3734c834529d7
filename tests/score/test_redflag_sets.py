"""The detector on the red-flag answer sets written by others (tests/score/data/README.md):
answer-level precision and recall must not slip below what was reached. Sets 1, 2 and the tune
set were tuned on, so these are regression checks of behaviour users rely on (a violation in
fresh words is caught, a refusal or a warning is not flagged), not estimates for unseen wording."""

import json
from pathlib import Path

import pytest

from kaoguan.score.redflags import detect_red_flags

DATA = Path(__file__).parent / "data"


def answer_level(path: Path) -> tuple[float, float]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    flagged = [(bool(row["red_flags"]), bool(detect_red_flags(row["text"]))) for row in rows]
    true_positives = sum(gold and found for gold, found in flagged)
    precision = true_positives / max(sum(found for _, found in flagged), 1)
    recall = true_positives / max(sum(gold for gold, _ in flagged), 1)
    return precision, recall


@pytest.mark.parametrize(
    ("name", "min_precision", "min_recall"),
    [("redflag_tune.jsonl", 0.95, 0.80), ("redflag_set1.jsonl", 0.95, 0.88), ("redflag_set2.jsonl", 0.88, 0.94)],
)
def test_tuned_sets_keep_their_precision_and_recall(name, min_precision, min_recall):
    precision, recall = answer_level(DATA / name)
    assert precision >= min_precision and recall >= min_recall, (precision, recall)


@pytest.mark.parametrize(
    ("name", "min_precision", "min_recall"),
    [("redflag_set3.jsonl", 0.85, 0.70), ("redflag_set4.jsonl", 0.80, 0.72),
     ("redflag_train_a.jsonl", 0.78, 0.65), ("redflag_train_b.jsonl", 0.72, 0.70)],
)
def test_the_sets_the_rules_were_not_written_from_keep_their_figures(name, min_precision, min_recall):
    # First runs, before anything learned from them: set 3 P 0.73 R 0.66, set 4 P 0.82 R 0.72,
    # train-a P 0.78 R 0.58, train-b P 0.74 R 0.61. The learned classifier is now fitted on
    # them too, so these are regression checks; the honest figures for a new writer are the
    # leave-one-writer-out ones (python -m kaoguan.score.redflag_train, tests/score/data/README.md).
    precision, recall = answer_level(DATA / name)
    assert precision >= min_precision and recall >= min_recall, (precision, recall)


def test_hard_negatives_are_not_flagged():
    rows = [json.loads(line) for name in ("redflag_set1.jsonl", "redflag_set2.jsonl")
            for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    hard = [row for row in rows if row["hard_negative"]]
    flagged = [row["id"] for row in hard if detect_red_flags(row["text"])]
    # 44 of 49 stay clean. The regexes flag 3; the learned classifier (threshold chosen by
    # leave-one-writer-out, redflag_train.py) 2 more: "这个数字您自己填进去就行" (telling the
    # customer to enter the code) and "这张卡首年免年费" (a plain fact), the price of its
    # recall on writers it never saw (set 3 0.66 → 0.72, train-a 0.58 → 0.66, LOWO).
    assert len(hard) >= 40 and len(flagged) <= 5, flagged


def test_hard_negatives_of_every_writer_mostly_stay_clean():
    # 38 of 206 hard negatives across the nine sets are flagged (most by the regexes, on the
    # training sets' wording: 9 of 38 and 13 of 39 on their first run; 7 of 38 in sets 5 and 6,
    # which nothing was fitted on); a slip beyond 43 is a regression.
    rows = [json.loads(line) for path in sorted(DATA.glob("redflag_*.jsonl")) if "clauses" not in path.name
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    hard = [row for row in rows if row["hard_negative"]]
    flagged = [row["id"] for row in hard if detect_red_flags(row["text"])]
    assert len(hard) >= 200 and len(flagged) <= 43, (len(flagged), flagged)


@pytest.mark.parametrize(
    ("name", "min_precision", "min_recall"),
    [("redflag_set5.jsonl", 0.80, 0.60), ("redflag_set6.jsonl", 0.75, 0.70)],
)
def test_the_sets_nothing_was_fitted_on_keep_their_figures(name, min_precision, min_recall):
    # Sets 5 and 6 were written last, by two more writers, and measured once with the detector
    # as committed (set 5 P 0.88 R 0.66, set 6 P 0.80 R 0.77); neither the rules nor the learned
    # classifier saw them. The floors sit a little below those first runs: a drop past them
    # means the detector lost ground on wording nobody tuned on.
    precision, recall = answer_level(DATA / name)
    assert precision >= min_precision and recall >= min_recall, (precision, recall)
