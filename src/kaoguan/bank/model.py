"""The domain model of a question bank: the Bank JSON v1 contract (see DESIGN.md).

Every stage hands these objects to the next one, so the field names and meanings here
are a contract: change them only on purpose.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal, Union

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_ID = "kaoguan.bank/1"

QuestionKind = Literal["single_choice", "multiple_choice", "true_false", "fill_blank", "open"]
Category = Literal["behavioral", "situational", "knowledge", "stress", "objective", "other"]
WarningCode = Literal[
    "declared_count_mismatch",
    "declared_total_mismatch",
    "rubric_points_mismatch",
    "count_inferred_from_total",
    "points_inferred_from_total",
    "truncated_question",
    "missing_answer",
    "missing_points",
    "missing_key_points",
    "deferred_answer_key",
    "no_section_headings",
    "numbering_continues_across_sections",
    "numbering_gap",
    "placeholder_answer",
    "garbled_text",
    "unplaced_text",
]
# Points are kept as the document declares them: 8 stays 8, 0.5 stays 0.5.
Number = Union[int, float]
AnswerValue = Union[bool, str, list[str], None]

OBJECTIVE_KINDS: frozenset[str] = frozenset({"single_choice", "multiple_choice", "true_false", "fill_blank"})


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class KeyPoint(_Model):
    """One thing a good answer covers: a bullet of 答案要点, with its model phrasing."""

    id: str
    text: str
    detail: str | None = None
    weight: float = 1.0
    group: str | None = Field(default=None, description="Label of the bullet this sub-step came from.")


class RubricItem(_Model):
    """One scoring line such as `结合个人经历(2分):…`."""

    item: str
    points: Number | None = None
    text: str | None = None


class Question(_Model):
    id: str
    number: int | None = None
    kind: QuestionKind = "open"
    label: str | None = None
    prompt: str
    points: Number | None = None
    options: dict[str, str] = Field(default_factory=dict)
    answer: AnswerValue = None
    key_points: list[KeyPoint] = Field(default_factory=list)
    reference_answer: str | None = None
    rubric: list[RubricItem] = Field(default_factory=list)
    explanation: str | None = None
    truncated: bool = False

    @property
    def is_objective(self) -> bool:
        return self.kind in OBJECTIVE_KINDS


class Section(_Model):
    title: str
    category: Category | None = None
    instructions: str | None = None
    declared_count: int | None = None
    points_per_question: Number | None = None
    declared_total: Number | None = None
    questions: list[Question] = Field(default_factory=list)


class BankWarning(_Model):
    """Something the document declares that does not add up, or text that found no place."""

    code: WarningCode
    message: str
    section: int | None = Field(default=None, description="1-based section index.")
    question: int | None = Field(default=None, description="The question's printed number.")
    text: str | None = Field(default=None, description="The text concerned, kept so nothing is lost silently.")


class Bank(_Model):
    schema_: Literal["kaoguan.bank/1"] = Field(default=SCHEMA_ID, alias="schema")
    title: str
    source: str | None = None
    sections: list[Section] = Field(default_factory=list)
    warnings: list[BankWarning] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_assignment=True)

    def questions(self) -> Iterator[tuple[Section, Question]]:
        for section in self.sections:
            for question in section.questions:
                yield section, question

    def locate(self, question_id: str) -> tuple[Section, Question]:
        """The question with this id and the section it stands in (its category matters to scoring)."""
        for section, question in self.questions():
            if question.id == question_id:
                return section, question
        raise KeyError(question_id)

    def question(self, question_id: str) -> Question:
        return self.locate(question_id)[1]

    @property
    def question_count(self) -> int:
        return sum(len(section.questions) for section in self.sections)

    @property
    def total_points(self) -> float:
        return sum(q.points or 0 for _, q in self.questions())
