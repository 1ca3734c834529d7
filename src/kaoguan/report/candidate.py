"""The candidate report as plain data: what the web page and the PDF both show."""

from __future__ import annotations

from dataclasses import dataclass, field

from kaoguan.report.cohort import DEFAULT_CUT_OFF, review_reasons
from kaoguan.report.results import CATEGORY_LABELS, AnswerResult, CandidateResult

COVERAGE_MARKS = {1.0: "覆盖", 0.5: "部分", 0.0: "未覆盖"}


@dataclass
class KeyPointLine:
    id: str
    text: str
    coverage: float | None
    evidence: str | None
    rater_marks: dict[str, float] = field(default_factory=dict)

    @property
    def mark(self) -> str:
        return COVERAGE_MARKS.get(self.coverage, "—") if self.coverage is not None else "—"

    @property
    def covered(self) -> bool:
        return bool(self.coverage)


@dataclass
class AnswerLine:
    position: int
    section_title: str
    category: str | None
    kind: str
    prompt: str
    answer_text: str
    max_score: float
    auto_score: float | None
    rater_scores: dict[str, float]
    key_points: list[KeyPointLine]
    red_flags: list[str]
    feedback: str
    correct: bool | None

    @property
    def auto_text(self) -> str:
        return f"{self.auto_score:g} / {self.max_score:g}" if self.auto_score is not None else f"未评分 / {self.max_score:g}"

    @property
    def rater_text(self) -> str:
        return "、".join(f"{name} {score:g}" for name, score in self.rater_scores.items())

    @property
    def covered(self) -> list[KeyPointLine]:
        return [point for point in self.key_points if point.covered]

    @property
    def missed(self) -> list[KeyPointLine]:
        return [point for point in self.key_points if not point.covered]


@dataclass
class CandidateReport:
    session_id: int | str
    candidate_name: str
    paper_title: str
    total: float
    max_total: float
    auto_total: float
    sections: list[tuple[str, float, float]]
    radar_labels: list[str]
    radar_shares: list[float]
    radar_comparison: list[float] | None
    answers: list[AnswerLine]
    notes: list[tuple[int, str, str]]
    review_reasons: list[str]

    @property
    def share(self) -> float:
        return self.total / self.max_total if self.max_total else 0.0


def candidate_report(result: CandidateResult, cohort: list[CandidateResult] | None = None,
                     cut_off: float = DEFAULT_CUT_OFF) -> CandidateReport:
    """`cohort` (the paper's other candidates) adds the cohort mean to the radar chart."""
    categories = result.by_category()
    labels = list(categories)
    shares = [score / maximum if maximum else 0.0 for score, maximum in categories.values()]
    comparison = _cohort_means(cohort, labels) if cohort and len(cohort) > 1 else None
    return CandidateReport(
        session_id=result.session_id,
        candidate_name=result.candidate_name,
        paper_title=result.paper_title,
        total=round(result.total, 2),
        max_total=result.max_total,
        auto_total=round(result.auto_total, 2),
        sections=[(title, round(score, 2), maximum) for title, (score, maximum) in result.by_section().items()],
        radar_labels=labels,
        radar_shares=shares,
        radar_comparison=comparison,
        answers=[_answer_line(answer) for answer in result.answers],
        notes=result.notes,
        review_reasons=review_reasons(result, cut_off, 0.15),
    )


def _cohort_means(cohort: list[CandidateResult], labels: list[str]) -> list[float]:
    means = []
    for label in labels:
        shares = [score / maximum for member in cohort
                  for name, (score, maximum) in member.by_category().items() if name == label and maximum]
        means.append(sum(shares) / len(shares) if shares else 0.0)
    return means


def _answer_line(answer: AnswerResult) -> AnswerLine:
    auto = answer.auto
    coverage = {point.id: point for point in auto.key_points} if auto else {}
    key_points = []
    for point in answer.question.key_points:
        found = coverage.get(point.id)
        marks = {rating.interviewer: rating.key_point_marks[point.id] for rating in answer.ratings if point.id in rating.key_point_marks}
        key_points.append(KeyPointLine(point.id, point.text, float(found.coverage) if found else (0.0 if auto else None),
                                       found.evidence if found else None, marks))
    return AnswerLine(
        position=answer.position,
        section_title=answer.section_title,
        category=CATEGORY_LABELS.get(answer.category, answer.category),
        kind=answer.question.kind,
        prompt=answer.question.prompt,
        answer_text=answer.answer_text,
        max_score=answer.max_score,
        auto_score=auto.score if auto else None,
        rater_scores={rating.interviewer: rating.score for rating in answer.ratings if rating.score is not None},
        key_points=key_points,
        red_flags=[f"{flag.label}(“{flag.evidence}”)" for flag in auto.red_flags] if auto else [],
        feedback=auto.feedback if auto else "",
        correct=auto.correct if auto else None,
    )
