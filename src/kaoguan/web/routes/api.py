"""The REST API under /api/v1: everything the pages do, over the same services.

Service errors become HTTP errors in `kaoguan.web.app` (NotFound → 404, InvalidInput → 422,
InvalidToken → 410), each with a `detail` that names the problem and where.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, UploadFile
from pydantic import BaseModel, Field

from kaoguan.bank.model import Bank
from kaoguan.interview import (
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
from kaoguan.store import BankSummary, BankVersionInfo, DuplicatePair, QuestionHit, QuestionRef, SavedBank
from kaoguan.web.practice_feedback import PracticeResult, practice_result
from kaoguan.web.services import Services, services

router = APIRouter(prefix="/api/v1", tags=["api"])

# A question bank document is text; anything this large is a mistake, not a bank.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


# ------------------------------------------------------------------ request bodies


class QuestionChanges(BaseModel):
    """Fields of one question to change; only those given change. A new bank version is stored."""

    prompt: str | None = Field(default=None, min_length=1)
    label: str | None = None
    kind: str | None = None
    points: float | None = None
    answer: Any = None
    reference_answer: str | None = None
    explanation: str | None = None
    note: str | None = Field(default=None, description="Why the change was made (kept with the version).")


class KeyPointChanges(BaseModel):
    text: str | None = Field(default=None, min_length=1)
    detail: str | None = None
    weight: float | None = None
    note: str | None = None


class Tags(BaseModel):
    tags: list[str]


class MergeRequest(BaseModel):
    keep: QuestionRef
    drop: QuestionRef


class KeepBothRequest(BaseModel):
    a: QuestionRef
    b: QuestionRef


class InviteRequest(BaseModel):
    name: str = Field(min_length=1)
    email: str | None = None
    expires_in_days: float = Field(default=7, gt=0, le=365)


class InvitationLink(BaseModel):
    invitation: Invitation
    url: str = Field(description="The one-time link to send to the candidate.")


class AutosaveRequest(BaseModel):
    text: str
    revision: int = Field(ge=1, description="Client-side counter; a lower revision never overwrites a higher one.")


class RatingRequest(BaseModel):
    interviewer: str = Field(min_length=1)
    key_point_marks: dict[str, float] = Field(default_factory=dict)
    score: float | None = None
    notes: str = ""


class PracticeRequest(BaseModel):
    bank_id: int
    question_id: str
    text: str


class ScoredNow(BaseModel):
    scored: int


# ------------------------------------------------------------------ banks


@router.get("/banks", response_model=list[BankSummary])
def list_banks(tag: str | None = None, s: Services = Depends(services)):
    return s.library.list_banks(tag=tag)


@router.post("/banks", response_model=SavedBank, status_code=201)
def save_bank(bank: Bank, tag: list[str] | None = Query(None), s: Services = Depends(services)):
    """Store a Bank JSON v1 document as a new bank (or return the stored one if identical)."""
    return s.library.save_bank(bank, tags=tag or ())


@router.get("/banks/{bank_id}", response_model=Bank, response_model_by_alias=True)
def get_bank(bank_id: int, version: int | None = None, s: Services = Depends(services)):
    return s.library.get_bank(bank_id, version)


@router.put("/banks/{bank_id}", response_model=SavedBank)
def replace_bank(bank_id: int, bank: Bank, note: str | None = None, s: Services = Depends(services)):
    return s.library.update_bank(bank_id, bank, note=note)


@router.delete("/banks/{bank_id}", status_code=204)
def delete_bank(bank_id: int, s: Services = Depends(services)):
    s.library.delete_bank(bank_id)


@router.get("/banks/{bank_id}/summary", response_model=BankSummary)
def bank_summary(bank_id: int, s: Services = Depends(services)):
    return s.library.bank_summary(bank_id)


@router.get("/banks/{bank_id}/versions", response_model=list[BankVersionInfo])
def bank_versions(bank_id: int, s: Services = Depends(services)):
    return s.library.versions(bank_id)


@router.put("/banks/{bank_id}/tags", response_model=list[str])
def set_tags(bank_id: int, body: Tags, s: Services = Depends(services)):
    return s.library.set_tags(bank_id, body.tags)


@router.patch("/banks/{bank_id}/questions/{question_id}", response_model=SavedBank)
def edit_question(bank_id: int, question_id: str, body: QuestionChanges, s: Services = Depends(services)):
    changes = body.model_dump(exclude_unset=True)
    note = changes.pop("note", None)
    if not changes:
        raise HTTPException(422, f"question {question_id}: nothing to change")
    return s.library.edit_question(bank_id, question_id, note=note, **changes)


@router.patch("/banks/{bank_id}/questions/{question_id}/key_points/{key_point_id}", response_model=SavedBank)
def edit_key_point(bank_id: int, question_id: str, key_point_id: str, body: KeyPointChanges,
                   s: Services = Depends(services)):
    changes = body.model_dump(exclude_unset=True)
    note = changes.pop("note", None)
    if not changes:
        raise HTTPException(422, f"key point {key_point_id} of question {question_id}: nothing to change")
    return s.library.edit_key_point(bank_id, question_id, key_point_id, note=note, **changes)


# ------------------------------------------------------------------ browsing, search, duplicates


@router.get("/questions", response_model=list[QuestionHit])
def list_questions(bank_id: int | None = None, kind: str | None = None, category: str | None = None,
                   points: float | None = None, tag: str | None = None, s: Services = Depends(services)):
    return s.library.questions(bank_id, kind=kind, category=category, points=points, tag=tag)


@router.get("/search", response_model=list[QuestionHit])
def search(q: str = Query(min_length=1), kind: str | None = None, category: str | None = None,
           points: float | None = None, tag: str | None = None, bank_id: int | None = None,
           limit: int = Query(50, ge=1, le=500), s: Services = Depends(services)):
    return s.library.search(q, kind=kind, category=category, points=points, tag=tag, bank_id=bank_id, limit=limit)


@router.get("/duplicates", response_model=list[DuplicatePair])
def duplicates(threshold: float | None = Query(None, gt=0, le=1), include_decided: bool = False,
               s: Services = Depends(services)):
    return s.library.near_duplicates(threshold=threshold, include_decided=include_decided)


@router.post("/duplicates/merge", response_model=SavedBank)
def merge_duplicate(body: MergeRequest, s: Services = Depends(services)):
    return s.library.merge_duplicate(body.keep, body.drop)


@router.post("/duplicates/keep-both", status_code=204)
def keep_both(body: KeepBothRequest, s: Services = Depends(services)):
    s.library.keep_both(body.a, body.b)


# ------------------------------------------------------------------ import (background jobs)


@router.post("/imports", status_code=202)
async def start_imports(files: list[UploadFile] = File(...), s: Services = Depends(services)) -> list[dict]:
    """Queue one background import per uploaded document; poll `/imports/{job_id}` for progress."""
    jobs = []
    for upload in files:
        data = await upload.read(MAX_UPLOAD_BYTES + 1)
        name = upload.filename or "upload"
        if len(data) > MAX_UPLOAD_BYTES:
            raise HTTPException(413, f"{name}: larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
        if not data:
            raise HTTPException(422, f"{name}: the file is empty")
        jobs.append(s.jobs.submit(data, name).as_dict())
    return jobs


@router.get("/imports")
def list_imports(s: Services = Depends(services)) -> list[dict]:
    return [job.as_dict() for job in s.jobs.all()]


@router.get("/imports/{job_id}")
def import_status(job_id: str, s: Services = Depends(services)) -> dict:
    job = s.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"import job {job_id} does not exist (jobs are forgotten when the server restarts)")
    return job.as_dict()


# ------------------------------------------------------------------ papers and invitations


@router.get("/papers", response_model=list[PaperSummary])
def list_papers(s: Services = Depends(services)):
    return s.interviews.list_papers()


@router.post("/papers", response_model=PaperView, status_code=201)
def assemble_paper(spec: PaperSpec, s: Services = Depends(services)):
    return s.interviews.assemble_paper(spec)


@router.get("/papers/{paper_id}", response_model=PaperView)
def get_paper(paper_id: int, s: Services = Depends(services)):
    return s.interviews.get_paper(paper_id)


@router.post("/papers/{paper_id}/invitations", response_model=InvitationLink, status_code=201)
def invite(paper_id: int, body: InviteRequest, request: Request, s: Services = Depends(services)):
    invitation = s.interviews.invite_candidate(paper_id, body.name, body.email,
                                               expires_in=timedelta(days=body.expires_in_days))
    return InvitationLink(invitation=invitation, url=candidate_url(request, invitation.token))


def candidate_url(request: Request, token: str) -> str:
    return str(request.url_for("candidate_page", token=token))


# ------------------------------------------------------------------ candidate (by one-time token)


@router.get("/take/{token}", response_model=CandidateSession)
def open_session(token: str, s: Services = Depends(services)):
    return s.interviews.open_session(token)


@router.put("/take/{token}/answers/{position}", response_model=AutosaveResult)
def autosave(token: str, position: int, body: AutosaveRequest, s: Services = Depends(services)):
    return s.interviews.autosave_answer(token, position, body.text, body.revision)


@router.post("/take/{token}/submit", response_model=SubmitResult)
def submit(token: str, s: Services = Depends(services)):
    """Close the session; its answers are scored in the background (see the scoring sheet)."""
    result = s.interviews.submit(token, score_now=False)
    s.score_in_background(result.session_id)
    return result


# ------------------------------------------------------------------ sessions, scores, ratings


@router.get("/sessions", response_model=list[SessionSummary])
def list_sessions(paper_id: int | None = None, s: Services = Depends(services)):
    return s.interviews.list_sessions(paper_id)


@router.get("/sessions/{session_id}/sheet", response_model=ScoringSheet)
def scoring_sheet(session_id: int, s: Services = Depends(services)):
    return s.interviews.scoring_sheet(session_id)


@router.post("/sessions/{session_id}/score", response_model=ScoredNow)
def score_session(session_id: int, s: Services = Depends(services)):
    """Run the scorer now on this session's answers that are still pending."""
    return ScoredNow(scored=s.interviews.score_pending(session_id))


@router.put("/sessions/{session_id}/ratings/{position}", response_model=RatingView)
def rate(session_id: int, position: int, body: RatingRequest, s: Services = Depends(services)):
    return s.interviews.rate(session_id, position, body.interviewer, body.key_point_marks, body.score, body.notes)


@router.get("/sessions/{session_id}/disagreements", response_model=DisagreementSummary)
def disagreements(session_id: int, tolerance: float | None = Query(None, ge=0), s: Services = Depends(services)):
    return s.interviews.disagreements(session_id, tolerance)


# ------------------------------------------------------------------ practice (no account)


@router.post("/practice/score", response_model=PracticeResult)
def practice_score(body: PracticeRequest, s: Services = Depends(services)):
    """Score one practice answer at once; nothing is stored."""
    if not body.text.strip():
        raise HTTPException(422, "answer text is empty")
    bank = s.library.get_bank(body.bank_id)
    try:
        question = bank.question(body.question_id)
    except KeyError:
        raise HTTPException(404, f"bank {body.bank_id} has no question {body.question_id}") from None
    score = s.scorer.score(question, body.text, answer_id=f"practice-{body.bank_id}-{body.question_id}")
    return practice_result(question, body.text, score)
