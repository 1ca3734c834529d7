"""SQL tables (SQLAlchemy 2 declarative). The migrations in `migrations/versions/` create exactly these.

Conventions that keep SQLite and PostgreSQL interchangeable (and backups portable):
- timestamps are naive UTC (`utcnow()`), numbers are `Float`, documents (Bank JSON, Score JSON,
  paper specs) are `Text` holding JSON we wrote, so they come back byte for byte on both engines;
- a bank version is immutable: editing a bank adds a version, papers point at the version they used.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Explicit constraint names so migrations behave the same on SQLite (batch mode) and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Naive UTC with whole microseconds: both engines store it identically."""
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# ---------------------------------------------------------------- banks


class BankRow(Base):
    __tablename__ = "banks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    current_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The team that owns the bank (None: not claimed yet, only admins see it) and whether
    # anonymous job seekers may practise on it. No foreign key: added by migration 0003 with a
    # plain ALTER TABLE, which SQLite cannot give a constraint without rebuilding the table.
    team_id: Mapped[int | None] = mapped_column(Integer, index=True)
    # Server-side default only: restoring a backup from before 0003 inserts banks without this column.
    public: Mapped[bool] = mapped_column(Boolean, server_default="0")


class BankVersionRow(Base):
    __tablename__ = "bank_versions"
    __table_args__ = (UniqueConstraint("bank_id", "version", name="uq_bank_versions_bank_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bank_id: Mapped[int] = mapped_column(ForeignKey("banks.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    # sha256 of the canonical Bank JSON: importing the same document twice finds this row again.
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    bank_json: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SectionRow(Base):
    __tablename__ = "sections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bank_version_id: Mapped[int] = mapped_column(ForeignKey("bank_versions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # 1-based
    title: Mapped[str] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(String(32))
    instructions: Mapped[str | None] = mapped_column(Text)


class QuestionRow(Base):
    __tablename__ = "questions"
    __table_args__ = (
        UniqueConstraint("bank_version_id", "question_id", name="uq_questions_version_qid"),
        Index("ix_questions_kind", "kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bank_version_id: Mapped[int] = mapped_column(ForeignKey("bank_versions.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # 1-based within the section
    question_id: Mapped[str] = mapped_column(String(64))  # the Bank JSON id, e.g. "s1-q3"
    number: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    label: Mapped[str | None] = mapped_column(Text)
    prompt: Mapped[str] = mapped_column(Text)
    points: Mapped[float | None] = mapped_column(Float)


class KeyPointRow(Base):
    __tablename__ = "key_points"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_row_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    key_point_id: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    detail: Mapped[str | None] = mapped_column(Text)
    weight: Mapped[float] = mapped_column(Float, default=1.0)


class SearchTermRow(Base):
    """Inverted index: one row per (segmented word, question). Same table and query on both engines."""

    __tablename__ = "search_terms"
    __table_args__ = (Index("ix_search_terms_term", "term", "question_row_id"),)

    question_row_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True)
    term: Mapped[str] = mapped_column(String(64), primary_key=True)
    weight: Mapped[float] = mapped_column(Float)  # occurrences, prompt words counting double


class TagRow(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)


class BankTagRow(Base):
    __tablename__ = "bank_tags"

    bank_id: Mapped[int] = mapped_column(ForeignKey("banks.id", ondelete="CASCADE"), primary_key=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True)


class DuplicateDecisionRow(Base):
    """What a user decided about a near-duplicate pair; pairs are stored with (a) < (b)."""

    __tablename__ = "duplicate_decisions"
    __table_args__ = (
        UniqueConstraint("a_bank_id", "a_question_id", "b_bank_id", "b_question_id", name="uq_duplicate_decisions_pair"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    a_bank_id: Mapped[int] = mapped_column(ForeignKey("banks.id", ondelete="CASCADE"))
    a_question_id: Mapped[str] = mapped_column(String(64))
    b_bank_id: Mapped[int] = mapped_column(ForeignKey("banks.id", ondelete="CASCADE"))
    b_question_id: Mapped[str] = mapped_column(String(64))
    decision: Mapped[str] = mapped_column(String(16))  # keep_both | merged
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class EmbeddingRow(Base):
    """Cache of prompt embeddings (e5 costs ~0.1 s per prompt on a busy CPU; a near-duplicate scan needs
    every prompt). Derived data: left out of backups and rebuilt on demand."""

    __tablename__ = "embeddings"

    text_hash: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the embedded text
    model: Mapped[str] = mapped_column(String(64), primary_key=True)
    vector: Mapped[bytes] = mapped_column(LargeBinary)  # float32, little-endian


# Tables holding only data derived from others: not backed up, not compared.
CACHE_TABLES = frozenset({"embeddings"})


# ---------------------------------------------------------------- interviews


class PaperRow(Base):
    __tablename__ = "papers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    spec_json: Mapped[str] = mapped_column(Text)  # the PaperSpec it was assembled from, seed included
    time_limit_minutes: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    team_id: Mapped[int | None] = mapped_column(Integer, index=True)  # see BankRow.team_id


class PaperQuestionRow(Base):
    __tablename__ = "paper_questions"
    __table_args__ = (UniqueConstraint("paper_id", "position", name="uq_paper_questions_position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    paper_id: Mapped[int] = mapped_column(ForeignKey("papers.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # 1-based, the interviewer's order
    # RESTRICT: a bank version used by a paper can never disappear, so old scores stay explainable.
    bank_version_id: Mapped[int] = mapped_column(ForeignKey("bank_versions.id", ondelete="RESTRICT"), index=True)
    question_id: Mapped[str] = mapped_column(String(64))
    points: Mapped[float | None] = mapped_column(Float)


class CandidateRow(Base):
    __tablename__ = "candidates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SessionRow(Base):
    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    paper_id: Mapped[int] = mapped_column(ForeignKey("papers.id", ondelete="RESTRICT"), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="RESTRICT"), index=True)
    # sha256 of the one-time link's token; the token itself is never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    seed: Mapped[int] = mapped_column(Integer)  # per-candidate shuffle, recorded so the order can be replayed
    order_json: Mapped[str] = mapped_column(Text)  # paper positions in the order this candidate sees them
    status: Mapped[str] = mapped_column(String(16), default="invited")  # invited|started|submitted
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The interviewer (users.id) who scores this session; None: only bank owners and admins.
    interviewer_id: Mapped[int | None] = mapped_column(Integer, index=True)


class AnswerRow(Base):
    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("session_id", "position", name="uq_answers_session_position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # the paper position answered
    text: Mapped[str] = mapped_column(Text, default="")  # exactly as typed
    revision: Mapped[int] = mapped_column(Integer, default=0)  # the client's counter; last write wins
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class AutoScoreRow(Base):
    """The scorer's verdict on one answer; `pending` until it ran, `error` if it failed (retryable)."""

    __tablename__ = "auto_scores"

    answer_id: Mapped[int] = mapped_column(ForeignKey("answers.id", ondelete="CASCADE"), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)  # pending|done|error
    score_json: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    scored_at: Mapped[datetime | None] = mapped_column(DateTime)


class RatingRow(Base):
    """One interviewer's rating of one answer: key-point marks, a score and notes."""

    __tablename__ = "ratings"
    __table_args__ = (UniqueConstraint("answer_id", "interviewer", name="uq_ratings_answer_interviewer"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answers.id", ondelete="CASCADE"), index=True)
    interviewer: Mapped[str] = mapped_column(String(200))
    marks_json: Mapped[str] = mapped_column(Text)  # {"k1": 1.0, "k2": 0.5}
    score: Mapped[float | None] = mapped_column(Float)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


# ---------------------------------------------------------------- accounts, audit, settings


class TeamRow(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(16))  # admin | owner | interviewer
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="RESTRICT"), index=True)
    password_hash: Mapped[str] = mapped_column(Text)  # argon2id, parameters inside the hash
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class LoginSessionRow(Base):
    """A signed-in browser. The cookie holds a random id; only its sha256 is stored."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime)


class ApiTokenRow(Base):
    """A script's `Authorization: Bearer` token; only its sha256 is stored, revoking keeps the row."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class AuditRow(Base):
    """Who did what to which object, when. The actor is kept by name too, so entries outlive users;
    `detail` is JSON that never holds answer text or candidate names (deletions must stay deleted)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40), index=True)
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text, default="{}")


class SettingRow(Base):
    """Site settings (retention days, the cookie-signing key), one text value per key."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
