"""The interview service: papers, invitations, candidate sessions, autosave, scoring and ratings.

Candidates are identified only by the token of their one-time link: every candidate-facing
method takes that token, so one candidate can never reach another candidate's session.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Protocol

from kaoguan.bank.model import Question
from kaoguan.score.model import Score
from kaoguan.store.database import Database
from kaoguan.interview.views import (
    AutosaveResult,
    CandidateSession,
    DisagreementSummary,
    Invitation,
    PaperSpec,
    PaperSummary,
    PaperView,
    RatingView,
    ScoringSheet,
    SessionSummary,
    SubmitResult,
)


class AnswerScorer(Protocol):
    """What `kaoguan.score.Scorer` offers: score one answer to one question."""

    def score(self, question: Question, text: str, answer_id: str) -> Score: ...


class Interviews:
    def __init__(self, db: Database, scorer: AnswerScorer | None = None) -> None:
        """`scorer` defaults to `kaoguan.score.Scorer()`, created on first use."""
        self.db = db
        self._scorer = scorer

    # ------------------------------------------------------------ papers

    def assemble_paper(self, spec: PaperSpec) -> PaperView:
        """Draw (or hand-pick) questions into a paper pinned to the current bank versions."""
        raise NotImplementedError

    def get_paper(self, paper_id: int) -> PaperView:
        raise NotImplementedError

    def list_papers(self) -> list[PaperSummary]:
        raise NotImplementedError

    # ------------------------------------------------------------ candidates

    def invite_candidate(self, paper_id: int, name: str, email: str | None = None,
                         expires_in: timedelta = timedelta(days=7)) -> Invitation:
        """Create a session with a one-time token (only its hash is stored) and a recorded shuffle seed."""
        raise NotImplementedError

    def open_session(self, token: str) -> CandidateSession:
        """The candidate-safe view of the session behind `token`; starts the timer on first open.
        Raises `InvalidToken` for an unknown, expired or already submitted link."""
        raise NotImplementedError

    def autosave_answer(self, token: str, position: int, text: str, client_revision: int) -> AutosaveResult:
        """Store `text` exactly as typed unless a newer revision is already stored (last write wins by
        revision; repeating a write is harmless)."""
        raise NotImplementedError

    def submit(self, token: str, score_now: bool = True) -> SubmitResult:
        """Close the session (the link stops working) and queue every answer for automatic scoring."""
        raise NotImplementedError

    # ------------------------------------------------------------ scoring and ratings

    def score_pending(self, session_id: int | None = None, limit: int | None = None) -> int:
        """Run the scorer on answers still pending (or failed); returns how many were scored now."""
        raise NotImplementedError

    def list_sessions(self, paper_id: int | None = None) -> list[SessionSummary]:
        raise NotImplementedError

    def rate(self, session_id: int, position: int, interviewer: str, key_point_marks: dict[str, float],
             score: float | None, notes: str = "") -> RatingView:
        """Record (or replace) one interviewer's rating of one answer. Marks are 0, 0.5 or 1 per key point."""
        raise NotImplementedError

    def scoring_sheet(self, session_id: int) -> ScoringSheet:
        raise NotImplementedError

    def disagreements(self, session_id: int, tolerance: float | None = None) -> DisagreementSummary:
        raise NotImplementedError
