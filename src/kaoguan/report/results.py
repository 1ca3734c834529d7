"""Plain data the reports are computed from: one candidate's answers with automatic scores and ratings.

Built from the interview service's scoring sheet and paper (`from_sheet`) or directly in tests,
so every report and statistic is a pure function of these objects.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

from kaoguan.bank.model import Question
from kaoguan.score.model import Score

CATEGORY_LABELS = {"behavioral": "行为", "situational": "情景", "knowledge": "知识", "stress": "压力",
                   "objective": "客观", "other": "其他", None: "未分类"}


@dataclass
class Rating:
    interviewer: str
    score: float | None
    key_point_marks: dict[str, float] = field(default_factory=dict)
    notes: str = ""


@dataclass
class AnswerResult:
    position: int
    question: Question
    section_title: str
    category: str | None
    answer_text: str
    auto: Score | None = None
    ratings: list[Rating] = field(default_factory=list)

    @property
    def max_score(self) -> float:
        if self.auto is not None:
            return self.auto.max_score
        return float(self.question.points or 0)

    @property
    def rater_score(self) -> float | None:
        """Mean of the interviewers' scores, None when nobody rated this answer."""
        scores = [rating.score for rating in self.ratings if rating.score is not None]
        return sum(scores) / len(scores) if scores else None

    @property
    def final_score(self) -> float | None:
        """What the report counts: the interviewers' mean where they rated, else the automatic score."""
        rated = self.rater_score
        if rated is not None:
            return rated
        return self.auto.score if self.auto is not None else None

    @property
    def choice(self) -> str | None:
        """The option letters picked, normalised (e.g. "AC"), for objective questions."""
        if self.question.kind not in ("single_choice", "multiple_choice", "true_false"):
            return None
        letters = "".join(sorted({char for char in self.answer_text.upper() if char.isalpha()}))
        return letters or None


@dataclass
class CandidateResult:
    session_id: int | str
    candidate_name: str
    paper_title: str
    answers: list[AnswerResult] = field(default_factory=list)

    @property
    def max_total(self) -> float:
        return sum(answer.max_score for answer in self.answers)

    @property
    def total(self) -> float:
        return sum(answer.final_score or 0.0 for answer in self.answers)

    @property
    def auto_total(self) -> float:
        return sum(answer.auto.score for answer in self.answers if answer.auto is not None)

    @property
    def notes(self) -> list[tuple[int, str, str]]:
        return [(answer.position, rating.interviewer, rating.notes)
                for answer in self.answers for rating in answer.ratings if rating.notes.strip()]

    @property
    def red_flag_count(self) -> int:
        return sum(len(answer.auto.red_flags) for answer in self.answers if answer.auto is not None)

    def by_section(self) -> "OrderedDict[str, tuple[float, float]]":
        return _group(self.answers, lambda answer: answer.section_title)

    def by_category(self) -> "OrderedDict[str, tuple[float, float]]":
        return _group(self.answers, lambda answer: CATEGORY_LABELS.get(answer.category, answer.category or "未分类"))


def _group(answers: list[AnswerResult], key) -> "OrderedDict[str, tuple[float, float]]":
    """(score, max) per group, in paper order."""
    groups: OrderedDict[str, tuple[float, float]] = OrderedDict()
    for answer in answers:
        score, maximum = groups.get(key(answer), (0.0, 0.0))
        groups[key(answer)] = (score + (answer.final_score or 0.0), maximum + answer.max_score)
    return groups


def from_sheet(sheet, paper) -> CandidateResult:
    """A CandidateResult from the interview service's ScoringSheet and PaperView."""
    placed = {item.position: item for item in paper.items}
    answers = []
    for item in sorted(sheet.items, key=lambda item: item.position):
        paper_item = placed.get(item.position)
        answers.append(AnswerResult(
            position=item.position,
            question=item.question,
            section_title=paper_item.section_title if paper_item else "",
            category=paper_item.category if paper_item else None,
            answer_text=item.answer_text,
            auto=item.auto.score,
            ratings=[Rating(r.interviewer, r.score, dict(r.key_point_marks), r.notes) for r in item.ratings],
        ))
    return CandidateResult(sheet.session_id, sheet.candidate_name, sheet.paper_title, answers)
