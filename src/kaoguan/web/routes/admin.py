"""Accounts, audit and personal data: the admin's user and audit pages, each user's API tokens,
bank visibility, interviewer assignment, and a candidate's data export and deletion.
Access rules for these routes are in `kaoguan.web.auth.RULES` under "admin.*"."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, Field

from kaoguan.store import InvalidInput
from kaoguan.store.accounts import ROLE_LABELS, ROLES
from kaoguan.store.audit import ACTION_LABELS
from kaoguan.store import personal_data
from kaoguan.store.personal_data import RETENTION_SETTING, parse_retention
from kaoguan.web.auth import accounts, audit, principal
from kaoguan.web.services import Services, services
from kaoguan.web.templating import templates

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["accounts"])


# ---------------------------------------------------------------- request and response bodies


class UserOut(BaseModel):
    id: int
    username: str
    role: str
    team: str | None
    active: bool


class NewUser(BaseModel):
    username: str = Field(min_length=1, max_length=100)
    password: str
    role: Literal["admin", "owner", "interviewer"]
    team: str | None = None


class UserChanges(BaseModel):
    password: str | None = None
    active: bool | None = None


class TokenOut(BaseModel):
    id: int
    name: str
    username: str
    revoked: bool


class NewToken(BaseModel):
    name: str = Field(default="script", max_length=100)


class CreatedToken(TokenOut):
    token: str = Field(description="Shown once; send it as 'Authorization: Bearer <token>'.")


class Visibility(BaseModel):
    public: bool


class Assignment(BaseModel):
    interviewer: str | None = Field(description="User name of an interviewer of the paper's team; null unassigns.")


class Retention(BaseModel):
    days: int | None = Field(default=None, ge=0, description="Days to keep finished sessions; null keeps them.")


def _user_out(user) -> UserOut:
    return UserOut(id=user.id, username=user.username, role=user.role, team=user.team, active=user.active)


def _token_out(token) -> TokenOut:
    return TokenOut(id=token.id, name=token.name, username=token.username, revoked=token.revoked)


# ---------------------------------------------------------------- users (admin)


@api.get("/users", response_model=list[UserOut])
def list_users(request: Request):
    return [_user_out(u) for u in accounts(request).list_users()]


@api.post("/users", response_model=UserOut, status_code=201)
def add_user(body: NewUser, request: Request):
    user = accounts(request).add_user(body.username, body.password, body.role, body.team)
    audit(request, "user.add", "user", user.id, username=user.username, role=user.role)
    return _user_out(user)


@api.patch("/users/{username}", response_model=UserOut)
def change_user(username: str, body: UserChanges, request: Request):
    acc = accounts(request)
    if body.password is None and body.active is None:
        raise InvalidInput(f"user {username}: nothing to change (password, active)")
    user = acc.find_user(username)
    if body.password is not None:
        user = acc.set_password(username, body.password)
        audit(request, "user.password", "user", user.id, username=user.username)
    if body.active is not None:
        user = acc.set_active(username, body.active)
        audit(request, "user.active", "user", user.id, username=user.username, active=body.active)
    return _user_out(user)


def _users_page(request: Request, error: str | None = None, status: int = 200):
    return templates.TemplateResponse(request, "users.html", {
        "users": accounts(request).list_users(), "roles": ROLES, "role_labels": ROLE_LABELS, "error": error,
        "retention": parse_retention(accounts(request).setting(RETENTION_SETTING)), "page_title": "用户管理",
    }, status_code=status)


@router.get("/admin/users", response_class=HTMLResponse)
def users_page(request: Request):
    return _users_page(request)


@router.post("/admin/users")
def add_user_form(request: Request, username: str = Form(""), password: str = Form(""), role: str = Form(""),
                  team: str = Form("")):
    try:
        user = accounts(request).add_user(username, password, role, team or None)
    except InvalidInput as error:
        return _users_page(request, str(error), status=422)
    audit(request, "user.add", "user", user.id, username=user.username, role=user.role)
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/retention")
def retention_form(request: Request, days: str = Form("")):
    try:
        kept = parse_retention(days)
    except InvalidInput as error:
        return _users_page(request, str(error), status=422)
    accounts(request).set_setting(RETENTION_SETTING, str(kept or 0))
    audit(request, "settings.retention", "settings", RETENTION_SETTING, days=kept)
    return RedirectResponse("/admin/users", status_code=303)


# ---------------------------------------------------------------- each user's own API tokens (page)


def _account_page(request: Request, new_token: str | None = None, status: int = 200):
    who = principal(request)
    return templates.TemplateResponse(request, "account.html", {
        "user": who.user, "tokens": accounts(request).api_tokens(who.user.id), "new_token": new_token,
        "page_title": "我的账号",
    }, status_code=status)


@router.get("/account", response_class=HTMLResponse)
def account_page(request: Request):
    return _account_page(request)


@router.post("/account/tokens", response_class=HTMLResponse)
def create_token_form(request: Request, name: str = Form("script")):
    token, raw = accounts(request).create_api_token(principal(request).user.id, name[:100])
    audit(request, "token.create", "api_token", token.id, name=token.name)
    return _account_page(request, new_token=raw, status=201)


@router.post("/account/tokens/{token_id}/revoke")
def revoke_token_form(request: Request, token_id: int):
    token = accounts(request).revoke_api_token(token_id, principal(request).user.id)
    audit(request, "token.revoke", "api_token", token.id)
    return RedirectResponse("/account", status_code=303)


# ---------------------------------------------------------------- audit log (admin)


@api.get("/audit")
def audit_log(request: Request, action: str | None = None, object_type: str | None = None,
              object_id: str | None = None, limit: int = 200) -> list[dict]:
    entries = request.app.state.audit.entries(action, object_type, object_id, limit=max(1, min(limit, 1000)))
    return [{"id": e.id, "at": e.at.isoformat(), "actor": e.actor, "action": e.action,
             "object_type": e.object_type, "object_id": e.object_id, "detail": e.detail} for e in entries]


@router.get("/admin/audit", response_class=HTMLResponse)
def audit_page(request: Request, action: str = ""):
    return templates.TemplateResponse(request, "audit.html", {
        "entries": request.app.state.audit.entries(action or None, limit=500), "action": action,
        "actions": ACTION_LABELS, "page_title": "审计日志",
    })


@api.get("/settings/retention", response_model=Retention)
def get_retention(request: Request):
    return Retention(days=parse_retention(accounts(request).setting(RETENTION_SETTING)))


@api.put("/settings/retention", response_model=Retention)
def set_retention(body: Retention, request: Request):
    accounts(request).set_setting(RETENTION_SETTING, str(body.days or 0))
    audit(request, "settings.retention", "settings", RETENTION_SETTING, days=body.days)
    return body


# ---------------------------------------------------------------- the signed-in user and their tokens


@api.get("/me", response_model=UserOut)
def me(request: Request):
    return _user_out(principal(request).user)


@api.get("/tokens", response_model=list[TokenOut])
def list_tokens(request: Request):
    who = principal(request)
    return [_token_out(t) for t in accounts(request).api_tokens(None if who.is_admin else who.user.id)]


@api.post("/tokens", response_model=CreatedToken, status_code=201)
def create_token(body: NewToken, request: Request):
    who = principal(request)
    token, raw = accounts(request).create_api_token(who.user.id, body.name)
    audit(request, "token.create", "api_token", token.id, name=token.name)
    return CreatedToken(**_token_out(token).model_dump(), token=raw)


@api.delete("/tokens/{token_id}", response_model=TokenOut)
def revoke_token(token_id: int, request: Request):
    who = principal(request)
    token = accounts(request).revoke_api_token(token_id, None if who.is_admin else who.user.id)
    audit(request, "token.revoke", "api_token", token.id)
    return _token_out(token)


# ---------------------------------------------------------------- banks and sessions (bank owners)


@api.put("/banks/{bank_id}/visibility", response_model=Visibility)
def set_bank_visibility(bank_id: int, body: Visibility, request: Request):
    """Public banks open to anonymous practice, key points included in the practice feedback."""
    accounts(request).set_bank_public(bank_id, body.public)
    audit(request, "bank.visibility", "bank", bank_id, public=body.public)
    return body


@api.put("/sessions/{session_id}/interviewer", response_model=Assignment)
def assign_session(session_id: int, body: Assignment, request: Request):
    acc = accounts(request)
    user_id = acc.find_user(body.interviewer).id if body.interviewer else None
    acc.assign_interviewer(session_id, user_id)
    audit(request, "session.assign", "session", session_id, interviewer=body.interviewer)
    return body


# ---------------------------------------------------------------- personal data


@api.get("/candidates/{candidate_id}/export")
def export_candidate(candidate_id: int, request: Request, s: Services = Depends(services)) -> dict:
    """Everything stored about one candidate (a data subject's access request), as JSON."""
    data = personal_data.export_candidate(s.db, candidate_id)
    audit(request, "candidate.export", "candidate", candidate_id)
    return data


@api.delete("/candidates/{candidate_id}")
def delete_candidate(candidate_id: int, request: Request, s: Services = Depends(services)) -> dict:
    """Delete a candidate with their sessions, answers, scores and ratings; the audit log keeps
    only that it happened."""
    counts = personal_data.delete_candidate(s.db, candidate_id)
    audit(request, "candidate.delete", "candidate", candidate_id, **counts)
    return {"deleted": counts}


router.include_router(api)
