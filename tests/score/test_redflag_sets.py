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


@pytest.mark.parametrize(("name", "min_precision"), [("redflag_set3.jsonl", 0.85), ("redflag_set4.jsonl", 0.80)])
def test_the_untuned_sets_keep_their_precision(name, min_precision):
    # Recall on these (0.66, 0.72) is the honest figure for new wording and below the issue's
    # target; what is held here is that their hard negatives and clean answers stay mostly unflagged.
    precision, _ = answer_level(DATA / name)
    assert precision >= min_precision, precision


def test_hard_negatives_are_not_flagged():
    rows = [json.loads(line) for name in ("redflag_set1.jsonl", "redflag_set2.jsonl")
            for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    hard = [row for row in rows if row["hard_negative"]]
    flagged = [row["id"] for row in hard if detect_red_flags(row["text"])]
    assert len(hard) >= 40 and len(flagged) <= 3, flagged  # 46 of 49 stay clean
