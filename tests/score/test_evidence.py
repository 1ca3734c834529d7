"""Evidence shown to candidates: a span they actually said, and one clause is not quoted for
several key points when another clause of the answer can stand for one of them."""

import json
import re

import pytest

from kaoguan.bank.model import KeyPoint, Question
from kaoguan.score import Scorer
from kaoguan.score.coverage import CoverageModel
from kaoguan.score.devset import bank_from_dev_questions
from kaoguan.score.features import AnswerAnalysis, KeyPointMatch
from kaoguan.score.text import normalize_answer
from tests.conftest import DEV_ANSWERS


def _is_contiguous_span(evidence: str, answer: str) -> bool:
    """The evidence's clauses occur in the answer in order, separated only by punctuation."""
    parts = [re.escape(part) for part in evidence.split("，")]
    return re.search(r"\W*".join(parts), normalize_answer(answer)) is not None


@pytest.mark.parametrize("mode, every", [("fast", 1), ("accurate", 4)])  # accurate on a quarter: e5 is slow
def test_every_quoted_evidence_is_a_span_of_the_answer(mode, every):
    bank = bank_from_dev_questions(DEV_ANSWERS / "questions.json")
    lines = (DEV_ANSWERS / "answers.jsonl").read_text(encoding="utf-8").splitlines()
    answers = [json.loads(line) for line in lines if line][::every]
    scores = Scorer(mode=mode).score_many([(bank.question(a["question_id"]), a["text"]) for a in answers])
    quoted = [(kp.evidence, a["text"]) for a, s in zip(answers, scores) for kp in s.key_points if kp.evidence]
    assert len(quoted) > 100 / every  # the dev answers cover plenty of key points
    assert [e for e, text in quoted if not _is_contiguous_span(e, text)] == []


# A coverage model over one feature, so that marks follow the similarities set below:
# probability = sigmoid(4 × (use_best − 0.5)); ≥ 0.7 covered, ≥ 0.4 partly.
ONE_FEATURE = CoverageModel(
    features=["use_best"], mean=[0.5], scale=[0.25], weights=[1.0], bias=0.0, threshold_half=0.4, threshold_full=0.7
)


def _match(kp_id: str, evidence: str, similarity: float, alternatives=()) -> KeyPointMatch:
    return KeyPointMatch(
        key_point=KeyPoint(id=kp_id, text=f"要点{kp_id}"),
        features={"use_best": similarity},
        evidence=evidence,
        alternatives=[(unit, {"use_best": s}) for unit, s in alternatives],
    )


def _coverage(*matches: KeyPointMatch):
    analysis = AnswerAnalysis(text="", clauses=[], matches=list(matches))
    return {c.id: c for c in Scorer(mode="fast", coverage_model=ONE_FEATURE).coverage(analysis, [])}


def test_a_clause_credited_to_one_key_point_sends_the_next_to_its_own_clause():
    covered = _coverage(
        _match("k1", "我先安抚客户", 0.95),
        _match("k2", "我先安抚客户", 0.90, alternatives=[("我先安抚客户，再核实身份", 0.85), ("马上冻结卡片", 0.80)]),
    )
    assert covered["k1"].coverage == 1.0 and covered["k1"].evidence == "我先安抚客户"
    # the window that overlaps k1's clause is skipped; the fresh clause is judged on its own similarity
    assert covered["k2"].coverage == 1.0 and covered["k2"].evidence == "马上冻结卡片"


def test_a_weaker_fresh_clause_earns_only_what_it_shows():
    covered = _coverage(
        _match("k1", "我先安抚客户", 0.95),
        _match("k2", "我先安抚客户", 0.90, alternatives=[("跟他说别着急", 0.55)]),
    )
    assert covered["k2"].coverage == 0.5 and covered["k2"].evidence == "跟他说别着急"


def test_without_a_fresh_clause_the_second_key_point_loses_a_step():
    covered = _coverage(_match("k1", "我先安抚客户", 0.95), _match("k2", "我先安抚客户", 0.90))
    assert covered["k1"].coverage == 1.0
    assert covered["k2"].coverage == 0.5 and covered["k2"].evidence == "我先安抚客户"


def test_a_thin_answer_on_one_key_point_question_is_still_judged_on_that_point():
    """With one key point there are no others to read it against; the point alone decides."""
    question = Question(
        id="calm", prompt="客户情绪激动，你会怎么做？", points=4,
        key_points=[KeyPoint(id="k1", text="保持冷静，先安抚客户情绪")],
    )
    for mode in ("accurate", "fast"):
        assert Scorer(mode=mode).score(question, "我会先稳住客户的情绪，让他别着急，慢慢说。").key_points[0].coverage >= 0.5
