"""Small builders for candidate results used by the report tests."""

from __future__ import annotations

from kaoguan.bank.model import KeyPoint, Question
from kaoguan.report.results import AnswerResult, CandidateResult, Rating
from kaoguan.score.model import KeyPointCoverage, RedFlag, Score

CHOICE = Question(id="q-choice", kind="single_choice", prompt="客户投诉时首先应该?", points=2,
                  options={"A": "解释规定", "B": "倾听安抚", "C": "转接上级"}, answer="B")
OPEN = Question(id="q-open", kind="open", prompt="客户情绪激动,你如何处理?", points=8,
                key_points=[KeyPoint(id="k1", text="安抚情绪"), KeyPoint(id="k2", text="确认问题"), KeyPoint(id="k3", text="跟进结果")])


def choice_answer(position: int, picked: str, question: Question = CHOICE, section: str = "单选题") -> AnswerResult:
    right = picked == question.answer
    points = float(question.points or 0)
    score = Score(answer_id=f"a{position}", question_id=question.id, score=points if right else 0.0, max_score=points, correct=right)
    return AnswerResult(position, question, section, "objective", picked, auto=score)


def open_answer(position: int, auto: float, coverage: dict[str, float], rater_scores: dict[str, float] | None = None,
                flags: int = 0, question: Question = OPEN, section: str = "行为面试题", notes: str = "") -> AnswerResult:
    score = Score(answer_id=f"o{position}", question_id=question.id, score=auto, max_score=float(question.points or 0),
                  key_points=[KeyPointCoverage(id=key, coverage=value, evidence="我会先安抚客户" if value else None)
                              for key, value in coverage.items()],
                  red_flags=[RedFlag(code="guaranteed_return", label="承诺保本保收益", evidence="保证不亏")] * flags)
    ratings = [Rating(name, value, notes=notes) for name, value in (rater_scores or {}).items()]
    return AnswerResult(position, question, section, "behavioral", "我会先安抚客户情绪……", auto=score, ratings=ratings)


def candidate(name: str, *answers: AnswerResult) -> CandidateResult:
    return CandidateResult(session_id=name, candidate_name=name, paper_title="客服顾问面试", answers=list(answers))
