"""Plain return values of the interview service.

Two audiences, two families of models:
- `Candidate*` models are all a candidate's browser may ever receive. They are built field by
  field from explicit values and forbid extra fields, and they have NO field that could hold a
  key point, answer key, reference answer, rubric, score or another candidate: leaks are impossible
  by construction, not by remembering to delete something.
- everything else is for interviewers (papers, scoring sheets, disagreements).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from kaoguan.bank.model import Question
from kaoguan.score.model import Score
from kaoguan.store.similarity import DEFAULT_THRESHOLD


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------- assembling papers


class QuestionPick(_View):
    """One hand-picked question: a bank, a question id, and optionally the bank version (default current)."""

    bank_id: int
    question_id: str
    version: int | None = None


class PaperSpec(_View):
    """How to assemble a paper. Either `picks` (hand-picked, kept in that order) or a draw from `bank_ids`."""

    title: str
    bank_ids: list[int] = Field(default_factory=list)
    # Draw counts keyed by section title (e.g. {"行为面试题": 3}) and/or by category (e.g. {"knowledge": 2}).
    per_section: dict[str, int] = Field(default_factory=dict)
    per_category: dict[str, int] = Field(default_factory=dict)
    total_points: float | None = Field(default=None, gt=0)  # the drawn questions' points must add up to exactly this
    picks: list[QuestionPick] = Field(default_factory=list)
    seed: int | None = None  # the draw's seed; chosen at random and recorded when None
    duplicate_threshold: float = Field(default=DEFAULT_THRESHOLD, gt=0, le=1)  # this similar never share a paper
    time_limit_minutes: int | None = Field(default=None, ge=1, le=24 * 60)  # whole-paper timer shown to the candidate


class PaperItem(_View):
    position: int  # 1-based, interviewer order
    bank_id: int
    bank_title: str
    version: int
    section_title: str
    category: str | None
    question: Question  # full question, key points included (interviewer view)


class PaperView(_View):
    paper_id: int
    title: str
    spec: PaperSpec  # seed filled in
    time_limit_minutes: int | None
    total_points: float
    items: list[PaperItem]
    created_at: datetime


class PaperSummary(_View):
    paper_id: int
    title: str
    question_count: int
    total_points: float
    session_count: int
    created_at: datetime


# ---------------------------------------------------------------- candidates (candidate-safe)


class Invitation(_View):
    """Returned once to the interviewer: the token is shown now and never stored in clear."""

    session_id: int
    candidate_id: int
    paper_id: int
    token: str
    seed: int
    expires_at: datetime


class CandidateOption(_View):
    key: str
    text: str


class CandidateQuestion(_View):
    """A question as the candidate sees it: prompt, choices and points, nothing that gives the answer away."""

    position: int  # paper position; send it back with autosave
    display_number: int  # 1..n in this candidate's shuffled order
    kind: str
    label: str | None
    prompt: str
    points: float | None
    options: list[CandidateOption]
    saved_text: str  # the last autosaved text, exactly as typed
    saved_revision: int


class CandidateSession(_View):
    session_id: int
    paper_title: str
    candidate_name: str
    status: Literal["invited", "started", "submitted"]
    started_at: datetime | None
    deadline: datetime | None  # started_at + the paper's time limit
    expires_at: datetime
    questions: list[CandidateQuestion]  # in this candidate's order


class AutosaveResult(_View):
    position: int
    accepted: bool  # False when a newer revision was already stored (this write lost)
    revision: int  # the revision now stored
    saved_at: datetime


class SubmitResult(_View):
    session_id: int
    submitted_at: datetime
    answered: int
    unanswered: int


# ---------------------------------------------------------------- interviewers


class SessionSummary(_View):
    session_id: int
    paper_id: int
    paper_title: str
    candidate_id: int
    candidate_name: str
    candidate_email: str | None
    status: Literal["invited", "started", "submitted"]
    expired: bool
    created_at: datetime
    started_at: datetime | None
    submitted_at: datetime | None
    auto_total: float | None  # sum of automatic scores, when all are done
    max_total: float
    pending_scores: int
    raters: list[str]


class AutoScoreView(_View):
    status: Literal["pending", "done", "error", "none"]  # none: never submitted
    score: Score | None
    error: str | None
    attempts: int


class RatingView(_View):
    interviewer: str
    key_point_marks: dict[str, float]
    score: float | None
    notes: str
    updated_at: datetime


class ChecklistRow(_View):
    key_point_id: str
    text: str
    detail: str | None
    weight: float
    suggested: float | None  # the scorer's coverage (1 / 0.5 / 0), None until scored
    evidence: str | None
    marks: dict[str, float]  # interviewer -> mark
    disagreement: bool  # raters differ among themselves or with the scorer


class SheetItem(_View):
    position: int
    display_number: int
    question: Question
    answer_text: str
    auto: AutoScoreView
    checklist: list[ChecklistRow]
    red_flags: list[dict[str, str]]
    ratings: list[RatingView]


class ScoringSheet(_View):
    session_id: int
    paper_title: str
    candidate_name: str
    status: str
    items: list[SheetItem]


class ItemDisagreement(_View):
    position: int
    question_id: str
    max_score: float
    rater_scores: dict[str, float]
    auto_score: float | None
    rater_spread: float | None  # max - min among raters (None with fewer than two)
    rater_vs_auto: dict[str, float]  # rater score - automatic score
    key_points_in_dispute: list[str]  # key point ids where marks differ (raters or scorer)
    flagged: bool  # spread or a rater-vs-scorer gap beyond the tolerance


class DisagreementSummary(_View):
    session_id: int
    tolerance: float  # points; differences up to this are normal rater noise
    items: list[ItemDisagreement]
    flagged_positions: list[int]
