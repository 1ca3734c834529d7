"""Answers and scores as they travel between stages (JSON Lines contract, see DESIGN.md)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Answer(BaseModel):
    model_config = ConfigDict(extra="ignore")

    answer_id: str
    question_id: str
    text: str


class KeyPointCoverage(BaseModel):
    id: str
    coverage: Literal[0.0, 0.5, 1.0]
    evidence: str | None = Field(default=None, description="The clause of the answer that covers the key point.")
    similarity: float | None = None


class RedFlag(BaseModel):
    code: str
    label: str
    evidence: str


class StructureReport(BaseModel):
    """STAR parts (situation, task, action, result) found in a behavioral answer."""

    present: list[str] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)


class Score(BaseModel):
    answer_id: str
    question_id: str
    score: float
    max_score: float
    key_points: list[KeyPointCoverage] = Field(default_factory=list)
    red_flags: list[RedFlag] = Field(default_factory=list)
    structure: StructureReport | None = None
    correct: bool | None = Field(default=None, description="For objective questions: whether the answer is right.")
    feedback: str = ""
