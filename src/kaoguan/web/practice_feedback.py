"""What practice mode shows after scoring: the scorer's Score plus, per key point, its text
and whether it was covered, and the list of key points the answer missed."""

from __future__ import annotations

from pydantic import BaseModel

from kaoguan.bank.model import Question
from kaoguan.score.model import Score
from kaoguan.web.highlight import spans


class KeyPointResult(BaseModel):
    id: str
    text: str
    detail: str | None
    coverage: float
    evidence: str | None


class PracticeResult(BaseModel):
    score: Score
    key_points: list[KeyPointResult]
    missed: list[KeyPointResult]
    evidence: list[str]  # the clauses of the answer, as typed, that cover a key point
    reference_answer: str | None
    correct_answer: str | None  # objective questions: the right choice, shown after answering


def _answer_text(question: Question) -> str | None:
    answer = question.answer
    if answer is None:
        return None
    if isinstance(answer, bool):
        return "正确" if answer else "错误"
    if isinstance(answer, list):
        return "".join(answer)
    return str(answer)


def practice_result(question: Question, text: str, score: Score) -> PracticeResult:
    coverage = {kp.id: kp for kp in score.key_points}
    rows = []
    for key_point in question.key_points:
        found = coverage.get(key_point.id)
        rows.append(KeyPointResult(
            id=key_point.id,
            text=key_point.text,
            detail=key_point.detail,
            coverage=found.coverage if found else 0.0,
            evidence=found.evidence if found else None,
        ))
    # Exactly the characters the candidate typed, so the page can mark them in the answer.
    evidence = [text[start:end] for start, end in spans(text, [row.evidence for row in rows if row.coverage > 0])]
    return PracticeResult(
        score=score,
        key_points=rows,
        missed=[row for row in rows if row.coverage == 0],
        evidence=evidence,
        reference_answer=question.reference_answer,
        correct_answer=_answer_text(question) if question.is_objective else None,
    )
