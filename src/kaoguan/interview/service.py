"""The interview service: papers, invitations, candidate sessions, autosave, scoring and ratings.

Candidates are identified only by the token of their one-time link: every candidate-facing
method takes that token, so one candidate can never reach another candidate's session, and
what they get back is a `Candidate*` view that has no field for key points or answers.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kaoguan.bank.io import bank_from_dict
from kaoguan.bank.model import Bank, Question, Section
from kaoguan.interview.assemble import Candidate, draw
from kaoguan.interview.errors import InvalidToken, PaperAssemblyError
from kaoguan.interview.views import (
    AutosaveResult,
    AutoScoreView,
    CandidateOption,
    CandidateQuestion,
    CandidateSession,
    ChecklistRow,
    DisagreementSummary,
    Invitation,
    ItemDisagreement,
    PaperItem,
    PaperSpec,
    PaperSummary,
    PaperView,
    RatingView,
    ScoringSheet,
    SessionSummary,
    SheetItem,
    SubmitResult,
)
from kaoguan.score.model import Score
from kaoguan.store.database import Database
from kaoguan.store.errors import InvalidInput, NotFound
from kaoguan.store import textlimits
from kaoguan.store.library import Library
from kaoguan.store.schema import (
    AnswerRow,
    AutoScoreRow,
    BankRow,
    BankVersionRow,
    CandidateRow,
    PaperQuestionRow,
    PaperRow,
    RatingRow,
    SessionRow,
    utcnow,
)
from kaoguan.store.similarity import QuestionText, similarity_matrix

log = logging.getLogger(__name__)

MARKS = (0.0, 0.5, 1.0)  # covered / partly / not, the rule agreed with the raters
# Raters who differ by up to one point are within normal disagreement (see the dev-answers README).
DEFAULT_TOLERANCE = 1.0
# Autosaves arriving this long after the timer ran out are refused (the candidate page submits at 0:00).
LATE_SAVE_GRACE = timedelta(minutes=2)
MAX_ANSWER_CHARS = textlimits.ANSWER


class AnswerScorer(Protocol):
    """What `kaoguan.score.Scorer` offers: score one answer to one question."""

    def score(self, question: Question, text: str, answer_id: str, category: str | None = None) -> Score: ...


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class _Item:
    """One paper question with everything needed to show or score it."""

    position: int
    bank_id: int
    bank_title: str
    version: int
    section: Section
    question: Question
    points: float | None


class Interviews:
    def __init__(self, db: Database, scorer: AnswerScorer | None = None) -> None:
        """`scorer` defaults to `kaoguan.score.Scorer()`, created on first use."""
        self.db = db
        self.library = Library(db)
        self._scorer = scorer
        self._banks: dict[tuple[int, str], Bank] = {}  # bank versions are immutable: cache by id + hash

    # ------------------------------------------------------------ papers

    def assemble_paper(self, spec: PaperSpec) -> PaperView:
        """Draw (or hand-pick) questions into a paper pinned to the current bank versions.
        The draw's seed is recorded in the paper's spec, so the same spec and seed give the same paper."""
        if not spec.title.strip():
            raise PaperAssemblyError("a paper needs a title")
        textlimits.check_length(spec.title.strip(), textlimits.TITLE, "paper title")
        if spec.picks and (spec.bank_ids or spec.per_section or spec.per_category or spec.total_points):
            raise PaperAssemblyError("hand-picked questions cannot be combined with a draw; give one or the other")
        if not spec.picks and not spec.bank_ids:
            raise PaperAssemblyError("choose at least one bank, or hand-pick questions")
        spec = spec.model_copy(update={"seed": spec.seed if spec.seed is not None else secrets.randbelow(2**31)})
        chosen = self._picked(spec) if spec.picks else self._drawn(spec)
        if not chosen:
            raise PaperAssemblyError("the paper would have no questions; ask for at least one")
        with self.db.transaction() as session:
            paper = PaperRow(title=spec.title.strip(), spec_json=spec.model_dump_json(),
                             time_limit_minutes=spec.time_limit_minutes)
            session.add(paper)
            session.flush()
            for position, (version_id, question) in enumerate(chosen, start=1):
                session.add(PaperQuestionRow(paper_id=paper.id, position=position, bank_version_id=version_id,
                                             question_id=question.id,
                                             points=None if question.points is None else float(question.points)))
            paper_id = paper.id
        return self.get_paper(paper_id)

    def _picked(self, spec: PaperSpec) -> list[tuple[int, Question]]:
        chosen, seen = [], set()
        for pick in spec.picks:
            key = (pick.bank_id, pick.question_id)
            if key in seen:
                raise PaperAssemblyError(f"bank {pick.bank_id} question {pick.question_id!r} is picked twice")
            seen.add(key)
            version = pick.version or self.library.bank_summary(pick.bank_id).current_version
            bank = self.library.get_bank(pick.bank_id, version)
            try:
                question = bank.question(pick.question_id)
            except KeyError:
                raise NotFound(f"bank {pick.bank_id} version {version} has no question {pick.question_id!r}") from None
            chosen.append((self._version_id(pick.bank_id, version), question))
        return chosen

    def _drawn(self, spec: PaperSpec) -> list[tuple[int, Question]]:
        pool: list[tuple[Candidate, int, Question]] = []
        for bank_id in dict.fromkeys(spec.bank_ids):
            summary = self.library.bank_summary(bank_id)
            if summary.deleted:
                raise PaperAssemblyError(f"bank {bank_id} ({summary.title}) is deleted")
            bank = self.library.get_bank(bank_id, summary.current_version)
            version_id = self._version_id(bank_id, summary.current_version)
            for section, question in bank.questions():
                candidate = Candidate(index=len(pool), bank_id=bank_id, section_title=section.title,
                                      category=section.category, points=float(question.points or 0))
                pool.append((candidate, version_id, question))
        if not pool:
            raise PaperAssemblyError("the chosen banks hold no questions")
        similarity = similarity_matrix([QuestionText.of(q) for _, _, q in pool],
                                       embed=self.library.embed_prompts)
        drawn = draw([c for c, _, _ in pool], similarity, spec.duplicate_threshold, spec.seed,
                     spec.per_section, spec.per_category, spec.total_points)
        if not drawn and not (spec.per_section or spec.per_category or spec.total_points):
            drawn = []  # nothing asked for: take every question, in bank order, near-duplicates left out
            for candidate, _, _ in pool:
                if all(similarity[candidate.index, c.index] < spec.duplicate_threshold for c in drawn):
                    drawn.append(candidate)
        # Interviewer order: as the spec lists the groups, then bank order inside each group.
        return [(pool[c.index][1], pool[c.index][2]) for c in drawn]

    def _version_id(self, bank_id: int, version: int) -> int:
        with self.db.reading() as session:
            version_id = session.scalar(select(BankVersionRow.id).where(
                BankVersionRow.bank_id == bank_id, BankVersionRow.version == version))
        if version_id is None:
            raise NotFound(f"bank {bank_id} has no version {version}")
        return version_id

    def get_paper(self, paper_id: int) -> PaperView:
        with self.db.reading() as session:
            paper = self._paper_row(session, paper_id)
            items = self._items(session, paper_id)
        return PaperView(
            paper_id=paper.id, title=paper.title, spec=PaperSpec.model_validate_json(paper.spec_json),
            time_limit_minutes=paper.time_limit_minutes, total_points=sum(i.points or 0 for i in items),
            created_at=paper.created_at,
            items=[PaperItem(position=i.position, bank_id=i.bank_id, bank_title=i.bank_title, version=i.version,
                             section_title=i.section.title, category=i.section.category, question=i.question)
                   for i in items],
        )

    def list_papers(self) -> list[PaperSummary]:
        with self.db.reading() as session:
            sizes = dict((pid, (n, total)) for pid, n, total in session.execute(
                select(PaperQuestionRow.paper_id, func.count(), func.coalesce(func.sum(PaperQuestionRow.points), 0.0))
                .group_by(PaperQuestionRow.paper_id)))
            sessions = dict(session.execute(select(SessionRow.paper_id, func.count()).group_by(SessionRow.paper_id)).all())
            return [
                PaperSummary(paper_id=p.id, title=p.title, question_count=sizes.get(p.id, (0, 0.0))[0],
                             total_points=float(sizes.get(p.id, (0, 0.0))[1]), session_count=sessions.get(p.id, 0),
                             created_at=p.created_at)
                for p in session.scalars(select(PaperRow).order_by(PaperRow.id))
            ]

    # ------------------------------------------------------------ candidates

    def invite_candidate(self, paper_id: int, name: str, email: str | None = None,
                         expires_in: timedelta = timedelta(days=7)) -> Invitation:
        """Create a session with a one-time token (only its hash is stored) and a recorded shuffle seed.
        The token is returned once, to be sent to the candidate as a link."""
        name = (name or "").strip()
        email = (email or "").strip() or None
        if not name:
            raise InvalidInput("invite: the candidate's name is empty")
        textlimits.check_length(name, textlimits.LABEL, "invite: the candidate's name")
        textlimits.check_length(email, textlimits.EMAIL, "invite: the e-mail address")
        if email is not None and ("@" not in email or " " in email):
            raise InvalidInput(f"invite: {email!r} is not an e-mail address")
        if expires_in <= timedelta(0):
            raise InvalidInput("invite: the link must stay valid for some time")
        token = secrets.token_urlsafe(32)
        seed = secrets.randbelow(2**31)
        with self.db.transaction() as session:
            self._paper_row(session, paper_id)
            positions = list(session.scalars(select(PaperQuestionRow.position)
                                             .where(PaperQuestionRow.paper_id == paper_id).order_by(PaperQuestionRow.position)))
            random.Random(seed).shuffle(positions)
            candidate = None
            if email is not None:
                candidate = session.scalars(select(CandidateRow).where(CandidateRow.email == email)
                                            .order_by(CandidateRow.id)).first()
            if candidate is None:
                candidate = CandidateRow(name=name, email=email)
                session.add(candidate)
                session.flush()
            row = SessionRow(paper_id=paper_id, candidate_id=candidate.id, token_hash=hash_token(token), seed=seed,
                             order_json=json.dumps(positions), status="invited", expires_at=utcnow() + expires_in)
            session.add(row)
            session.flush()
            return Invitation(session_id=row.id, candidate_id=candidate.id, paper_id=paper_id, token=token, seed=seed,
                              expires_at=row.expires_at)

    def open_session(self, token: str) -> CandidateSession:
        """The candidate-safe view of the session behind `token`; starts the timer on first open.
        Raises `InvalidToken` for an unknown, expired or already submitted link."""
        with self.db.transaction() as session:
            row = self._session_by_token(session, token, for_update=True)
            if row.status == "invited":
                row.status, row.started_at = "started", utcnow()
            paper = self._paper_row(session, row.paper_id)
            candidate = session.get(CandidateRow, row.candidate_id)
            items = {i.position: i for i in self._items(session, row.paper_id)}
            saved = {a.position: a for a in session.scalars(select(AnswerRow).where(AnswerRow.session_id == row.id))}
            questions = [
                self._candidate_question(items[position], number, saved.get(position))
                for number, position in enumerate(json.loads(row.order_json), start=1)
            ]
            return CandidateSession(session_id=row.id, paper_title=paper.title, candidate_name=candidate.name,
                                    status=row.status, started_at=row.started_at, deadline=self._deadline(row, paper),
                                    expires_at=row.expires_at, questions=questions)

    @staticmethod
    def _candidate_question(item: _Item, number: int, saved: AnswerRow | None) -> CandidateQuestion:
        # Field by field on purpose: nothing from the question reaches the candidate unless named here.
        q = item.question
        return CandidateQuestion(
            position=item.position, display_number=number, kind=q.kind, label=q.label, prompt=q.prompt,
            points=item.points, options=[CandidateOption(key=k, text=v) for k, v in q.options.items()],
            saved_text=saved.text if saved else "", saved_revision=saved.revision if saved else 0,
        )

    def autosave_answer(self, token: str, position: int, text: str, client_revision: int) -> AutosaveResult:
        """Store `text` exactly as typed unless a newer revision is already stored: last write wins by
        the client's revision counter, so a late-arriving old request never overwrites newer text, and
        repeating a request is harmless."""
        if not isinstance(text, str):
            raise InvalidInput("autosave: the answer must be text")
        if "\x00" in text:  # PostgreSQL text cannot hold it, and no keyboard types it
            raise InvalidInput(f"autosave: answer to question {position} contains a NUL character")
        if len(text) > MAX_ANSWER_CHARS:
            raise InvalidInput(f"autosave: answer to question {position} is longer than {MAX_ANSWER_CHARS} characters")
        if isinstance(client_revision, bool) or not isinstance(client_revision, int) or client_revision < 1:
            raise InvalidInput(f"autosave: revision must be a positive whole number, not {client_revision!r}")
        for attempt in range(2):  # a concurrent first save of the same answer may win the insert race
            try:
                return self._autosave_once(token, position, text, client_revision)
            except IntegrityError:
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def _autosave_once(self, token: str, position: int, text: str, client_revision: int) -> AutosaveResult:
        now = utcnow()
        with self.db.transaction() as session:
            row = self._session_by_token(session, token, for_update=True)
            paper = self._paper_row(session, row.paper_id)
            deadline = self._deadline(row, paper)
            if deadline is not None and now > deadline + LATE_SAVE_GRACE:
                raise InvalidToken("time_up", f"session {row.id}: the time limit ended at {deadline:%H:%M:%S} UTC")
            if position not in json.loads(row.order_json):
                raise InvalidInput(f"autosave: the paper has no question at position {position}")
            if row.status == "invited":
                row.status, row.started_at = "started", now
            answer = session.execute(select(AnswerRow).where(
                AnswerRow.session_id == row.id, AnswerRow.position == position)).scalar_one_or_none()
            if answer is None:
                answer = AnswerRow(session_id=row.id, position=position, text=text, revision=client_revision,
                                   updated_at=now)
                session.add(answer)
                session.flush()
                return AutosaveResult(position=position, accepted=True, revision=client_revision, saved_at=now)
            if client_revision > answer.revision:
                answer.text, answer.revision, answer.updated_at = text, client_revision, now
                return AutosaveResult(position=position, accepted=True, revision=client_revision, saved_at=now)
            same = client_revision == answer.revision and text == answer.text
            return AutosaveResult(position=position, accepted=same, revision=answer.revision, saved_at=answer.updated_at)

    def submit(self, token: str, score_now: bool = True) -> SubmitResult:
        """Close the session (the link stops working) and queue every answer for automatic scoring.
        The answers are committed before any scoring starts: a scorer crash leaves them stored with
        their scores `pending`/`error`, to be retried by `score_pending()`."""
        with self.db.transaction() as session:
            row = self._session_by_token(session, token, for_update=True)
            now = utcnow()
            row.status, row.submitted_at = "submitted", now
            row.started_at = row.started_at or now
            answers = {a.position: a for a in session.scalars(select(AnswerRow).where(AnswerRow.session_id == row.id))}
            for position in json.loads(row.order_json):
                if position not in answers:  # unanswered: an empty answer, scored like any other
                    answers[position] = AnswerRow(session_id=row.id, position=position, text="", revision=0,
                                                  updated_at=now)
                    session.add(answers[position])
            session.flush()
            for answer in answers.values():
                if session.get(AutoScoreRow, answer.id) is None:
                    session.add(AutoScoreRow(answer_id=answer.id, status="pending"))
            session_id = row.id
            answered = sum(1 for a in answers.values() if a.text.strip())
            result = SubmitResult(session_id=session_id, submitted_at=now, answered=answered,
                                  unanswered=len(answers) - answered)
        if score_now:
            self.score_pending(session_id=session_id)
        return result

    # ------------------------------------------------------------ scoring and ratings

    def score_pending(self, session_id: int | None = None, limit: int | None = None,
                      include_failed: bool = True) -> int:
        """Run the scorer on answers still pending (and, with `include_failed`, those that failed
        before); returns how many were scored now. Each answer is scored and saved on its own, so
        one failure never loses the others."""
        return self.score_answers(self.pending_answer_ids(session_id, limit, include_failed))

    def pending_answer_ids(self, session_id: int | None = None, limit: int | None = None,
                           include_failed: bool = True, max_attempts: int | None = None) -> list[int]:
        """Answers whose automatic score is still to be computed: those tried least often first
        (a retry never holds up a fresh answer), then oldest first. With `max_attempts`, answers
        already tried that often are left out."""
        statuses = ["pending", "error"] if include_failed else ["pending"]
        with self.db.reading() as session:
            query = (select(AutoScoreRow.answer_id).join(AnswerRow, AnswerRow.id == AutoScoreRow.answer_id)
                     .where(AutoScoreRow.status.in_(statuses))
                     .order_by(AutoScoreRow.attempts, AutoScoreRow.answer_id))
            if session_id is not None:
                query = query.where(AnswerRow.session_id == session_id)
            if max_attempts is not None:
                query = query.where(AutoScoreRow.attempts < max_attempts)
            if limit is not None:
                query = query.limit(limit)
            return list(session.scalars(query))

    def give_up_on_unfinished_scoring(self, max_attempts: int) -> int:
        """Mark as failed the answers whose scoring was started `max_attempts` times and never
        finished: the scoring process died on them each time (a crash in native code, out of
        memory). Left pending, such an answer would kill every new worker in turn. Interviewers
        see the reason on the scoring sheet and can still run the scorer by hand."""
        with self.db.transaction() as session:
            rows = list(session.scalars(select(AutoScoreRow).where(
                AutoScoreRow.status == "pending", AutoScoreRow.attempts >= max_attempts)))
            for row in rows:
                row.status = "error"
                row.error = f"自动评分已尝试 {row.attempts} 次均未完成(评分进程中断),请人工评分或稍后手动重试"
            return len(rows)

    def score_answers(self, answer_ids: list[int]) -> int:
        scored = 0
        for answer_id in answer_ids:
            try:
                scored += self._score_one(answer_id)
            except Exception:  # e.g. the database went away mid-way: the score stays pending, go on
                log.exception("scoring answer %s could not be recorded; it stays pending", answer_id)
        return scored

    def _score_one(self, answer_id: int) -> bool:
        with self.db.transaction() as session:
            # Count the attempt before scoring: if the process dies inside the scorer, the
            # count is what lets the worker give up on this answer instead of dying again.
            session.get(AutoScoreRow, answer_id).attempts += 1
        with self.db.reading() as session:
            answer = session.get(AnswerRow, answer_id)
            row = session.get(SessionRow, answer.session_id)
            item = next(i for i in self._items(session, row.paper_id) if i.position == answer.position)
            text = answer.text
        try:
            score = self.scorer.score(item.question, text, str(answer_id), category=item.section.category)
            outcome = {"status": "done", "score_json": score.model_dump_json(), "error": None}
        except Exception as exc:  # any scorer failure: keep the answer, record why, retry later
            log.warning("scoring answer %s failed: %s", answer_id, exc)
            outcome = {"status": "error", "score_json": None, "error": f"{type(exc).__name__}: {exc}"}
        with self.db.transaction() as session:
            score_row = session.get(AutoScoreRow, answer_id)
            score_row.status, score_row.score_json, score_row.error = outcome["status"], outcome["score_json"], outcome["error"]
            score_row.scored_at = utcnow()
        return outcome["status"] == "done"

    @property
    def scorer(self) -> AnswerScorer:
        if self._scorer is None:
            from kaoguan.score import Scorer

            self._scorer = Scorer()
        return self._scorer

    def list_sessions(self, paper_id: int | None = None) -> list[SessionSummary]:
        with self.db.reading() as session:
            query = select(SessionRow).order_by(SessionRow.id)
            if paper_id is not None:
                query = query.where(SessionRow.paper_id == paper_id)
            return self._session_summaries(session, list(session.scalars(query)))

    def session_summary(self, session_id: int) -> SessionSummary:
        with self.db.reading() as session:
            return self._session_summaries(session, [self._session_row(session, session_id)])[0]

    @staticmethod
    def _session_summaries(session: Session, rows: list[SessionRow]) -> list[SessionSummary]:
        """Summaries of many sessions in a handful of queries (the sessions page lists them all)."""
        if not rows:
            return []
        session_ids = [r.id for r in rows]
        paper_ids = {r.paper_id for r in rows}
        papers = {p.id: p for p in session.scalars(select(PaperRow).where(PaperRow.id.in_(paper_ids)))}
        candidates = {c.id: c for c in session.scalars(
            select(CandidateRow).where(CandidateRow.id.in_({r.candidate_id for r in rows})))}
        max_totals = dict(session.execute(
            select(PaperQuestionRow.paper_id, func.coalesce(func.sum(PaperQuestionRow.points), 0.0))
            .where(PaperQuestionRow.paper_id.in_(paper_ids)).group_by(PaperQuestionRow.paper_id)).all())
        scores: dict[int, list[tuple[str, str | None]]] = {}
        for sid, status, score_json in session.execute(
            select(AnswerRow.session_id, AutoScoreRow.status, AutoScoreRow.score_json)
            .join(AnswerRow, AnswerRow.id == AutoScoreRow.answer_id).where(AnswerRow.session_id.in_(session_ids))
        ):
            scores.setdefault(sid, []).append((status, score_json))
        raters: dict[int, set[str]] = {}
        for sid, interviewer in session.execute(
            select(AnswerRow.session_id, RatingRow.interviewer).join(AnswerRow, AnswerRow.id == RatingRow.answer_id)
            .where(AnswerRow.session_id.in_(session_ids))
        ):
            raters.setdefault(sid, set()).add(interviewer)
        now = utcnow()
        summaries = []
        for row in rows:
            own = scores.get(row.id, [])
            pending = sum(1 for status, _ in own if status != "done")
            auto_total = sum(Score.model_validate_json(j).score for _, j in own) if own and not pending else None
            candidate = candidates[row.candidate_id]
            summaries.append(SessionSummary(
                session_id=row.id, paper_id=row.paper_id, paper_title=papers[row.paper_id].title,
                candidate_id=candidate.id, candidate_name=candidate.name, candidate_email=candidate.email,
                status=row.status, expired=row.status != "submitted" and now > row.expires_at,
                created_at=row.created_at, started_at=row.started_at, submitted_at=row.submitted_at,
                auto_total=auto_total, max_total=float(max_totals.get(row.paper_id, 0.0)), pending_scores=pending,
                raters=sorted(raters.get(row.id, set())),
            ))
        return summaries

    def rate(self, session_id: int, position: int, interviewer: str, key_point_marks: dict[str, float],
             score: float | None, notes: str = "") -> RatingView:
        """Record (or replace) one interviewer's rating of one submitted answer.
        Marks are 1 (covered), 0.5 (partly) or 0 (not) per key point of that question."""
        interviewer = (interviewer or "").strip()
        if not interviewer:
            raise InvalidInput("rate: the interviewer's name is empty")
        textlimits.check_length(interviewer, textlimits.LABEL, "rate: the interviewer's name")
        textlimits.check_length(notes, textlimits.NOTES, f"rate: notes on question {position}")
        with self.db.transaction() as session:
            row = self._session_row(session, session_id)
            if row.status != "submitted":
                raise InvalidInput(f"rate: session {session_id} is not submitted yet")
            item = next((i for i in self._items(session, row.paper_id) if i.position == position), None)
            if item is None:
                raise NotFound(f"rate: session {session_id} has no question at position {position}")
            marks = self._checked_marks(item, key_point_marks)
            if score is not None and (score < 0 or (item.points is not None and score > item.points)):
                raise InvalidInput(f"rate: question {position}: score {score:g} is outside 0..{item.points:g}")
            answer = session.execute(select(AnswerRow).where(
                AnswerRow.session_id == session_id, AnswerRow.position == position)).scalar_one()
            rating = session.execute(select(RatingRow).where(
                RatingRow.answer_id == answer.id, RatingRow.interviewer == interviewer)).scalar_one_or_none()
            now = utcnow()
            if rating is None:
                rating = RatingRow(answer_id=answer.id, interviewer=interviewer, created_at=now)
                session.add(rating)
            rating.marks_json, rating.score, rating.notes, rating.updated_at = json.dumps(marks), score, notes or "", now
            session.flush()
            return self._rating_view(rating)

    @staticmethod
    def _checked_marks(item: _Item, key_point_marks: dict[str, float]) -> dict[str, float]:
        known = [kp.id for kp in item.question.key_points]
        unknown = sorted(set(key_point_marks) - set(known))
        if unknown:
            raise InvalidInput(f"rate: question {item.position} has no key point(s) {unknown}; it has {known}")
        marks = {}
        for key_point_id in known:
            if key_point_id in key_point_marks:
                mark = key_point_marks[key_point_id]
                if isinstance(mark, bool) or mark not in MARKS:
                    raise InvalidInput(f"rate: question {item.position} key point {key_point_id}: mark {mark!r} "
                                       f"is not 1 (covered), 0.5 (partly) or 0 (not)")
                marks[key_point_id] = float(mark)
        return marks

    @staticmethod
    def _rating_view(rating: RatingRow) -> RatingView:
        return RatingView(interviewer=rating.interviewer, key_point_marks=json.loads(rating.marks_json),
                          score=rating.score, notes=rating.notes, updated_at=rating.updated_at)

    def scoring_sheet(self, session_id: int) -> ScoringSheet:
        """Per question: the answer, the scorer's suggestion with evidence, red flags, and every rater's marks."""
        with self.db.reading() as session:
            row = self._session_row(session, session_id)
            paper = self._paper_row(session, row.paper_id)
            candidate = session.get(CandidateRow, row.candidate_id)
            display = {position: n for n, position in enumerate(json.loads(row.order_json), start=1)}
            answers = {a.position: a for a in session.scalars(select(AnswerRow).where(AnswerRow.session_id == row.id))}
            answer_ids = [a.id for a in answers.values()]
            autos = {s.answer_id: s for s in session.scalars(select(AutoScoreRow).where(AutoScoreRow.answer_id.in_(answer_ids)))}
            ratings: dict[int, list[RatingView]] = {}
            for rating in session.scalars(select(RatingRow).where(RatingRow.answer_id.in_(answer_ids))
                                          .order_by(RatingRow.interviewer)):
                ratings.setdefault(rating.answer_id, []).append(self._rating_view(rating))
            items = []
            for item in self._items(session, row.paper_id):
                answer = answers.get(item.position)
                auto = self._auto_view(autos.get(answer.id) if answer else None)
                item_ratings = ratings.get(answer.id, []) if answer else []
                items.append(SheetItem(
                    position=item.position, display_number=display.get(item.position, item.position),
                    question=item.question, answer_text=answer.text if answer else "", auto=auto,
                    checklist=self._checklist(item, auto, item_ratings),
                    red_flags=[{"code": f.code, "label": f.label, "evidence": f.evidence}
                               for f in (auto.score.red_flags if auto.score else [])],
                    ratings=item_ratings,
                ))
            return ScoringSheet(session_id=row.id, paper_title=paper.title, candidate_name=candidate.name,
                                status=row.status, items=items)

    @staticmethod
    def _auto_view(row: AutoScoreRow | None) -> AutoScoreView:
        if row is None:
            return AutoScoreView(status="none", score=None, error=None, attempts=0)
        score = Score.model_validate_json(row.score_json) if row.score_json else None
        return AutoScoreView(status=row.status, score=score, error=row.error, attempts=row.attempts)

    @staticmethod
    def _checklist(item: _Item, auto: AutoScoreView, ratings: list[RatingView]) -> list[ChecklistRow]:
        coverage = {c.id: c for c in (auto.score.key_points if auto.score else [])}
        rows = []
        for kp in item.question.key_points:
            suggested = coverage[kp.id].coverage if kp.id in coverage else None
            marks = {r.interviewer: r.key_point_marks[kp.id] for r in ratings if kp.id in r.key_point_marks}
            opinions = set(marks.values()) | ({suggested} if suggested is not None and marks else set())
            rows.append(ChecklistRow(key_point_id=kp.id, text=kp.text, detail=kp.detail, weight=kp.weight,
                                     suggested=suggested, evidence=coverage[kp.id].evidence if kp.id in coverage else None,
                                     marks=marks, disagreement=len(opinions) > 1))
        return rows

    def disagreements(self, session_id: int, tolerance: float | None = None) -> DisagreementSummary:
        """Where raters disagree with each other and with the scorer, per question. Score gaps up to
        `tolerance` points (default 1, normal rater noise) are not flagged; differing key-point marks
        are always listed."""
        tolerance = DEFAULT_TOLERANCE if tolerance is None else tolerance
        sheet = self.scoring_sheet(session_id)
        items = []
        for item in sheet.items:
            rater_scores = {r.interviewer: r.score for r in item.ratings if r.score is not None}
            auto = item.auto.score.score if item.auto.score else None
            spread = max(rater_scores.values()) - min(rater_scores.values()) if len(rater_scores) > 1 else None
            versus = {name: round(s - auto, 4) for name, s in rater_scores.items()} if auto is not None else {}
            flagged = (spread is not None and spread > tolerance) or any(abs(d) > tolerance for d in versus.values())
            items.append(ItemDisagreement(
                position=item.position, question_id=item.question.id, max_score=float(item.question.points or 0),
                rater_scores=rater_scores, auto_score=auto, rater_spread=spread, rater_vs_auto=versus,
                key_points_in_dispute=[row.key_point_id for row in item.checklist if row.disagreement],
                flagged=flagged,
            ))
        return DisagreementSummary(session_id=session_id, tolerance=tolerance, items=items,
                                   flagged_positions=[i.position for i in items if i.flagged])

    # ------------------------------------------------------------ internals

    @staticmethod
    def _paper_row(session: Session, paper_id: int) -> PaperRow:
        paper = session.get(PaperRow, paper_id)
        if paper is None:
            raise NotFound(f"no paper with id {paper_id}")
        return paper

    @staticmethod
    def _session_row(session: Session, session_id: int) -> SessionRow:
        row = session.get(SessionRow, session_id)
        if row is None:
            raise NotFound(f"no interview session with id {session_id}")
        return row

    @staticmethod
    def _session_by_token(session: Session, token: str, for_update: bool = False) -> SessionRow:
        query = select(SessionRow).where(SessionRow.token_hash == hash_token(token or ""))
        if for_update:
            query = query.with_for_update()  # PostgreSQL: autosaves of one session are applied one at a time
        row = session.execute(query).scalar_one_or_none()
        if row is None:
            raise InvalidToken("unknown", "this interview link is not valid")
        if row.status == "submitted":
            raise InvalidToken("submitted", f"session {row.id} was submitted at {row.submitted_at:%Y-%m-%d %H:%M} UTC; "
                                            "the link no longer works")
        if utcnow() > row.expires_at:
            raise InvalidToken("expired", f"session {row.id}: the link expired at {row.expires_at:%Y-%m-%d %H:%M} UTC")
        return row

    @staticmethod
    def _deadline(row: SessionRow, paper: PaperRow) -> datetime | None:
        if row.started_at is None or paper.time_limit_minutes is None:
            return None
        return row.started_at + timedelta(minutes=paper.time_limit_minutes)

    def _items(self, session: Session, paper_id: int) -> list[_Item]:
        rows = session.execute(
            select(PaperQuestionRow, BankVersionRow.bank_id, BankVersionRow.version, BankVersionRow.content_hash,
                   BankRow.title)
            .join(BankVersionRow, BankVersionRow.id == PaperQuestionRow.bank_version_id)
            .join(BankRow, BankRow.id == BankVersionRow.bank_id)
            .where(PaperQuestionRow.paper_id == paper_id).order_by(PaperQuestionRow.position)
        ).all()
        items = []
        for pq, bank_id, version, digest, bank_title in rows:
            bank = self._bank(session, pq.bank_version_id, digest)
            section, question = next((s, q) for s, q in bank.questions() if q.id == pq.question_id)
            items.append(_Item(position=pq.position, bank_id=bank_id, bank_title=bank_title, version=version,
                               section=section, question=question, points=pq.points))
        return items

    def _bank(self, session: Session, version_id: int, digest: str) -> Bank:
        key = (version_id, digest)
        if key not in self._banks:
            bank_json = session.scalar(select(BankVersionRow.bank_json).where(BankVersionRow.id == version_id))
            self._banks[key] = bank_from_dict(json.loads(bank_json), origin=f"bank version {version_id}")
        return self._banks[key]
