"""The REST API under /api/v1: everything the pages do, over the same services.

Service errors become HTTP errors in `kaoguan.web.app` (NotFound → 404, InvalidInput → 422,
InvalidToken → 410), each with a `detail` that names the problem and where.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
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
from kaoguan.web.auth import (
    accounts,
    audit,
    can_see_bank,
    client_ip,
    limit,
    principal,
    require_bank,
    visible_bank_ids,
    visible_banks,
    visible_papers,
    visible_sessions,
)
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
    interviewer: str | None = Field(default=None, description="User name of the interviewer who will score this "
                                    "session; an interviewer inviting is assigned by default.")
    expires_in_days: float = Field(default=7, gt=0, le=365)


class InvitationLink(BaseModel):
    invitation: Invitation
    url: str = Field(description="The one-time link to send to the candidate.")


class AutosaveRequest(BaseModel):
    text: str
    revision: int = Field(ge=1, description="Client-side counter; a lower revision never overwrites a higher one.")


class RatingRequest(BaseModel):
    interviewer: str | None = Field(default=None, description="Ignored: the signed-in user's name is recorded.")
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
def list_banks(request: Request, tag: str | None = None, s: Services = Depends(services)):
    return visible_banks(request, s.library.list_banks(tag=tag))


@router.post("/banks", response_model=SavedBank, status_code=201)
def save_bank(request: Request, bank: Bank, tag: list[str] | None = Query(None), s: Services = Depends(services)):
    """Store a Bank JSON v1 document as a new bank (or return the stored one if identical).
    The bank belongs to the caller's team."""
    saved = s.library.save_bank(bank, tags=tag or ())
    accounts(request).claim_bank(saved.bank_id, principal(request).user.team_id)
    require_bank(request, saved.bank_id)  # identical content owned by another team is not handed over
    audit(request, "bank.create", "bank", saved.bank_id, version=saved.version, created=saved.created)
    return saved


@router.get("/banks/{bank_id}", response_model=Bank, response_model_by_alias=True)
def get_bank(bank_id: int, version: int | None = None, s: Services = Depends(services)):
    return s.library.get_bank(bank_id, version)


@router.put("/banks/{bank_id}", response_model=SavedBank)
def replace_bank(request: Request, bank_id: int, bank: Bank, note: str | None = None, s: Services = Depends(services)):
    saved = s.library.update_bank(bank_id, bank, note=note)
    audit(request, "bank.edit", "bank", bank_id, version=saved.version)
    return saved


@router.delete("/banks/{bank_id}", status_code=204)
def delete_bank(request: Request, bank_id: int, s: Services = Depends(services)):
    s.library.delete_bank(bank_id)
    audit(request, "bank.delete", "bank", bank_id)


@router.get("/banks/{bank_id}/summary", response_model=BankSummary)
def bank_summary(bank_id: int, s: Services = Depends(services)):
    return s.library.bank_summary(bank_id)


@router.get("/banks/{bank_id}/versions", response_model=list[BankVersionInfo])
def bank_versions(bank_id: int, s: Services = Depends(services)):
    return s.library.versions(bank_id)


@router.put("/banks/{bank_id}/tags", response_model=list[str])
def set_tags(request: Request, bank_id: int, body: Tags, s: Services = Depends(services)):
    tags = s.library.set_tags(bank_id, body.tags)
    audit(request, "bank.tags", "bank", bank_id)
    return tags


@router.patch("/banks/{bank_id}/questions/{question_id}", response_model=SavedBank)
def edit_question(request: Request, bank_id: int, question_id: str, body: QuestionChanges,
                  s: Services = Depends(services)):
    changes = body.model_dump(exclude_unset=True)
    note = changes.pop("note", None)
    if not changes:
        raise HTTPException(422, f"question {question_id}: nothing to change")
    saved = s.library.edit_question(bank_id, question_id, note=note, **changes)
    audit(request, "bank.edit", "bank", bank_id, question=question_id, fields=sorted(changes), version=saved.version)
    return saved


@router.patch("/banks/{bank_id}/questions/{question_id}/key_points/{key_point_id}", response_model=SavedBank)
def edit_key_point(request: Request, bank_id: int, question_id: str, key_point_id: str, body: KeyPointChanges,
                   s: Services = Depends(services)):
    changes = body.model_dump(exclude_unset=True)
    note = changes.pop("note", None)
    if not changes:
        raise HTTPException(422, f"key point {key_point_id} of question {question_id}: nothing to change")
    saved = s.library.edit_key_point(bank_id, question_id, key_point_id, note=note, **changes)
    audit(request, "bank.edit", "bank", bank_id, question=question_id, key_point=key_point_id,
          fields=sorted(changes), version=saved.version)
    return saved


# ------------------------------------------------------------------ browsing, search, duplicates


@router.get("/questions", response_model=list[QuestionHit])
def list_questions(request: Request, bank_id: int | None = None, kind: str | None = None, category: str | None = None,
                   points: float | None = None, tag: str | None = None, s: Services = Depends(services)):
    if bank_id is not None:
        require_bank(request, bank_id)
    return visible_banks(request, s.library.questions(bank_id, kind=kind, category=category, points=points, tag=tag))


@router.get("/search", response_model=list[QuestionHit])
def search(request: Request, q: str = Query(min_length=1), kind: str | None = None, category: str | None = None,
           points: float | None = None, tag: str | None = None, bank_id: int | None = None,
           limit: int = Query(50, ge=1, le=500), s: Services = Depends(services)):
    if bank_id is not None:
        require_bank(request, bank_id)
    hits = s.library.search(q, kind=kind, category=category, points=points, tag=tag, bank_id=bank_id, limit=limit)
    return visible_banks(request, hits)


@router.get("/duplicates", response_model=list[DuplicatePair])
def duplicates(request: Request, threshold: float | None = Query(None, gt=0, le=1), include_decided: bool = False,
               s: Services = Depends(services)):
    allowed = visible_bank_ids(request)
    return [pair for pair in s.library.near_duplicates(threshold=threshold, include_decided=include_decided)
            if pair.a.bank_id in allowed and pair.b.bank_id in allowed]


@router.post("/duplicates/merge", response_model=SavedBank)
def merge_duplicate(request: Request, body: MergeRequest, s: Services = Depends(services)):
    require_bank(request, body.keep.bank_id)
    require_bank(request, body.drop.bank_id)
    saved = s.library.merge_duplicate(body.keep, body.drop)
    audit(request, "bank.merge", "bank", body.keep.bank_id, keep=body.keep.question_id,
          drop_bank=body.drop.bank_id, drop=body.drop.question_id)
    return saved


@router.post("/duplicates/keep-both", status_code=204)
def keep_both(request: Request, body: KeepBothRequest, s: Services = Depends(services)):
    require_bank(request, body.a.bank_id)
    require_bank(request, body.b.bank_id)
    s.library.keep_both(body.a, body.b)


# ------------------------------------------------------------------ import (background jobs)


@router.post("/imports", status_code=202)
async def start_imports(request: Request, files: list[UploadFile] = File(...), s: Services = Depends(services)) -> list[dict]:
    """Queue one background import per uploaded document; poll `/imports/{job_id}` for progress."""
    accepted = []
    for upload in files:  # every file is checked before any is queued: one bad file stores nothing
        name = upload.filename or "upload"
        data = await upload.read(MAX_UPLOAD_BYTES + 1)
        await run_in_threadpool(_refuse_unsafe_upload, data, name)
        accepted.append((data, name))
    jobs = []
    for data, name in accepted:
        job = s.jobs.submit(data, name, on_saved=_claim_imported(request))
        request.app.state.import_owners[job.id] = principal(request).user.id
        jobs.append(job.as_dict())
    return jobs


def _refuse_unsafe_upload(data: bytes, name: str) -> None:
    """Size, zip bombs, XML entities and absurd line counts are refused at once with a 4xx (in
    Chinese), so nothing is queued or stored; everything else is left to the background import."""
    from kaoguan.ingest import DocumentError
    from kaoguan.ingest.importer import max_document_bytes
    from kaoguan.ingest.limits import UnsafeDocument, check_upload

    limit = min(MAX_UPLOAD_BYTES, max_document_bytes())
    if len(data) > limit:
        raise HTTPException(413, f"{name}:文件超过 {limit // (1024 * 1024)} MB 上限,请拆分后再上传")
    if not data.strip():
        raise HTTPException(422, f"{name}:文件是空的")
    try:
        check_upload(data, name)
    except UnsafeDocument as error:
        raise HTTPException(422, error.message_zh) from None
    except DocumentError as error:
        raise HTTPException(422, f"{name}:文件已损坏,无法读取({error.reason})") from None


def _claim_imported(request: Request):
    """After the background import stored the bank: give it to the uploader's team, and log it."""
    user = principal(request).user
    accounts_ = accounts(request)
    log = request.app.state.audit

    def claim(job) -> None:
        accounts_.claim_bank(job.bank_id, user.team_id)
        log.record(user.username, "bank.import", "bank", job.bank_id,
                   {"file": job.filename, "created": job.created}, actor_id=user.id)

    return claim


def _own_job(request: Request, job_id: str) -> bool:
    who = principal(request)
    return who.is_admin or request.app.state.import_owners.get(job_id) == who.user.id


@router.get("/imports")
def list_imports(request: Request, s: Services = Depends(services)) -> list[dict]:
    return [job.as_dict() for job in s.jobs.all() if _own_job(request, job.id)]


@router.get("/imports/{job_id}")
def import_status(request: Request, job_id: str, s: Services = Depends(services)) -> dict:
    job = s.jobs.get(job_id)
    if job is None or not _own_job(request, job_id):
        raise HTTPException(404, f"import job {job_id} does not exist (jobs are forgotten when the server restarts)")
    return job.as_dict()


# ------------------------------------------------------------------ papers and invitations


@router.get("/papers", response_model=list[PaperSummary])
def list_papers(request: Request, s: Services = Depends(services)):
    return visible_papers(request, s.interviews.list_papers())


@router.post("/papers", response_model=PaperView, status_code=201)
def assemble_paper(request: Request, spec: PaperSpec, s: Services = Depends(services)):
    for bank_id in {*spec.bank_ids, *(pick.bank_id for pick in spec.picks)}:
        require_bank(request, bank_id)
    paper = s.interviews.assemble_paper(spec)
    accounts(request).set_paper_team(paper.paper_id, principal(request).user.team_id)
    audit(request, "paper.create", "paper", paper.paper_id)
    return paper


@router.get("/papers/{paper_id}", response_model=PaperView)
def get_paper(paper_id: int, s: Services = Depends(services)):
    return s.interviews.get_paper(paper_id)


@router.post("/papers/{paper_id}/invitations", response_model=InvitationLink, status_code=201)
def invite(paper_id: int, body: InviteRequest, request: Request, s: Services = Depends(services)):
    who = principal(request)
    acc = accounts(request)
    # An interviewer invites for themself; a bank owner may name the interviewer (or leave it open).
    interviewer = acc.find_user(body.interviewer) if body.interviewer else None
    if who.role == "interviewer":
        interviewer = who.user
    if interviewer is not None and (interviewer.role != "interviewer"
                                    or (not who.is_admin and interviewer.team_id != who.user.team_id)):
        raise HTTPException(422, f"interviewer {interviewer.username}: not an interviewer of your team")
    invitation = s.interviews.invite_candidate(paper_id, body.name, body.email,
                                               expires_in=timedelta(days=body.expires_in_days))
    if interviewer is not None:
        acc.assign_interviewer(invitation.session_id, interviewer.id)
    audit(request, "session.invite", "session", invitation.session_id, paper=paper_id,
          interviewer=interviewer.username if interviewer else None)
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
def list_sessions(request: Request, paper_id: int | None = None, s: Services = Depends(services)):
    return visible_sessions(request, s.interviews.list_sessions(paper_id))


@router.get("/sessions/{session_id}/sheet", response_model=ScoringSheet)
def scoring_sheet(session_id: int, s: Services = Depends(services)):
    return s.interviews.scoring_sheet(session_id)


@router.post("/sessions/{session_id}/score", response_model=ScoredNow)
def score_session(request: Request, session_id: int, s: Services = Depends(services)):
    """Run the scorer now on this session's answers that are still pending."""
    scored = s.interviews.score_pending(session_id)
    audit(request, "score.run", "session", session_id, scored=scored)
    return ScoredNow(scored=scored)


@router.put("/sessions/{session_id}/ratings/{position}", response_model=RatingView)
def rate(request: Request, session_id: int, position: int, body: RatingRequest, s: Services = Depends(services)):
    """Rate one answer. The rating is recorded under the signed-in user's name, whatever
    `interviewer` says: nobody can rate in another interviewer's name."""
    name = principal(request).user.username
    rating = s.interviews.rate(session_id, position, name, body.key_point_marks, body.score, body.notes)
    audit(request, "score.rate", "session", session_id, position=position, score=body.score)
    return rating


@router.get("/sessions/{session_id}/disagreements", response_model=DisagreementSummary)
def disagreements(session_id: int, tolerance: float | None = Query(None, ge=0), s: Services = Depends(services)):
    return s.interviews.disagreements(session_id, tolerance)


# ------------------------------------------------------------------ practice (no account)


@router.post("/practice/score", response_model=PracticeResult)
def practice_score(request: Request, body: PracticeRequest, s: Services = Depends(services)):
    """Score one practice answer at once; nothing is stored. Public banks only (or your team's)."""
    limit(request.app.state.practice_by_ip, client_ip(request), message="练习评分请求过于频繁,")
    team, public = accounts(request).bank_access(body.bank_id)
    if not can_see_bank(principal(request), team, public):
        raise HTTPException(404, f"题库 {body.bank_id} 不存在")
    if not body.text.strip():
        raise HTTPException(422, "answer text is empty")
    bank = s.library.get_bank(body.bank_id)
    try:
        section, question = bank.locate(body.question_id)
    except KeyError:
        raise HTTPException(404, f"bank {body.bank_id} has no question {body.question_id}") from None
    score = s.scorer.score(question, body.text, answer_id=f"practice-{body.bank_id}-{body.question_id}",
                           category=section.category)
    return practice_result(question, body.text, score)
