"""Candidates' personal data: export everything stored about one candidate, delete it on request,
and purge finished sessions older than the retention setting.

Deleting removes the candidate record, their sessions, answers, automatic scores and ratings in
one transaction; the audit log keeps only that (and by whom) a deletion happened.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, or_, select

from kaoguan.store.database import Database
from kaoguan.store.errors import InvalidInput, NotFound
from kaoguan.store.schema import AnswerRow, AutoScoreRow, CandidateRow, PaperRow, RatingRow, SessionRow, utcnow

RETENTION_SETTING = "retention_days"
EXPORT_FORMAT = "kaoguan.candidate-data/1"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def export_candidate(db: Database, candidate_id: int) -> dict[str, Any]:
    """Everything stored about one candidate, as plain JSON-ready data."""
    with db.reading() as session:
        candidate = session.get(CandidateRow, candidate_id)
        if candidate is None:
            raise NotFound(f"candidate {candidate_id} does not exist")
        sessions = []
        for row, title in session.execute(select(SessionRow, PaperRow.title).join(PaperRow, PaperRow.id == SessionRow.paper_id)
                                          .where(SessionRow.candidate_id == candidate_id).order_by(SessionRow.id)):
            answers = []
            for answer in session.scalars(select(AnswerRow).where(AnswerRow.session_id == row.id).order_by(AnswerRow.position)):
                auto = session.get(AutoScoreRow, answer.id)
                ratings = session.scalars(select(RatingRow).where(RatingRow.answer_id == answer.id).order_by(RatingRow.id))
                answers.append({
                    "position": answer.position, "text": answer.text, "updated_at": _iso(answer.updated_at),
                    "auto_score": json.loads(auto.score_json) if auto is not None and auto.score_json else None,
                    "ratings": [{"interviewer": r.interviewer, "score": r.score, "marks": json.loads(r.marks_json),
                                 "notes": r.notes, "updated_at": _iso(r.updated_at)} for r in ratings],
                })
            sessions.append({"session_id": row.id, "paper_id": row.paper_id, "paper_title": title, "status": row.status,
                             "created_at": _iso(row.created_at), "started_at": _iso(row.started_at),
                             "submitted_at": _iso(row.submitted_at), "expires_at": _iso(row.expires_at),
                             "answers": answers})
        return {"format": EXPORT_FORMAT, "exported_at": _iso(utcnow()),
                "candidate": {"candidate_id": candidate.id, "name": candidate.name, "email": candidate.email,
                              "created_at": _iso(candidate.created_at)},
                "sessions": sessions}


def delete_candidate(db: Database, candidate_id: int) -> dict[str, int]:
    """Delete a candidate and everything they answered; returns how many rows of each kind went."""
    with db.transaction() as session:
        if session.get(CandidateRow, candidate_id) is None:
            raise NotFound(f"candidate {candidate_id} does not exist")
        session_ids = list(session.scalars(select(SessionRow.id).where(SessionRow.candidate_id == candidate_id)))
        counts = _delete_sessions(session, session_ids)
        session.execute(delete(CandidateRow).where(CandidateRow.id == candidate_id))
        counts["candidates"] = 1
        return counts


def _delete_sessions(session, session_ids: list[int]) -> dict[str, int]:
    # Explicit deletes rather than relying on ON DELETE CASCADE, so the counts are known and
    # the result is the same whatever the engine's foreign-key settings.
    answer_ids = list(session.scalars(select(AnswerRow.id).where(AnswerRow.session_id.in_(session_ids)))) if session_ids else []
    counts = {"sessions": len(session_ids), "answers": len(answer_ids), "ratings": 0, "auto_scores": 0}
    if answer_ids:
        counts["ratings"] = session.execute(delete(RatingRow).where(RatingRow.answer_id.in_(answer_ids))).rowcount
        counts["auto_scores"] = session.execute(delete(AutoScoreRow).where(AutoScoreRow.answer_id.in_(answer_ids))).rowcount
        session.execute(delete(AnswerRow).where(AnswerRow.id.in_(answer_ids)))
    if session_ids:
        session.execute(delete(SessionRow).where(SessionRow.id.in_(session_ids)))
    return counts


def parse_retention(value: str | int | None) -> int | None:
    """Days to keep finished sessions; None (or empty/0) keeps them forever."""
    if value is None or str(value).strip() in ("", "0"):
        return None
    try:
        days = int(str(value).strip())
    except ValueError:
        raise InvalidInput(f"retention {value!r}: a whole number of days") from None
    if days < 0:
        raise InvalidInput(f"retention {days}: days cannot be negative")
    return days


def purge_finished(db: Database, days: int, now: datetime | None = None) -> dict[str, int]:
    """Delete sessions submitted (or expired unanswered) more than `days` ago, and candidates left
    with no session. Sessions still open are never touched."""
    cutoff = (now or utcnow()) - timedelta(days=days)
    with db.transaction() as session:
        finished = or_(SessionRow.submitted_at < cutoff,
                       (SessionRow.submitted_at.is_(None)) & (SessionRow.expires_at < cutoff))
        session_ids = list(session.scalars(select(SessionRow.id).where(finished)))
        candidate_ids = set(session.scalars(select(SessionRow.candidate_id).where(SessionRow.id.in_(session_ids)))) \
            if session_ids else set()
        counts = _delete_sessions(session, session_ids)
        orphans = [cid for cid in candidate_ids
                   if session.scalars(select(SessionRow.id).where(SessionRow.candidate_id == cid).limit(1)).first() is None]
        if orphans:
            session.execute(delete(CandidateRow).where(CandidateRow.id.in_(orphans)))
        counts["candidates"] = len(orphans)
        return counts
