"""Who may do what: accounts, roles, team ownership, CSRF and rate limits for every route.

Roles (see `kaoguan.store.accounts`): admin (users, settings, everything), owner (a team's
banks and papers), interviewer (a team's banks and papers, only the sessions assigned to them).
Candidates have no account: their one-time link's token is their key to their own session.
Anonymous visitors may practise on public banks.

Every route of the app has one rule in `RULES`, looked up by its endpoint; a route without a
rule is refused (500) rather than left open, and tests/security walks `app.routes` to prove
each has one. On top of the role, path parameters are checked against ownership: `bank_id`
(the bank's team, or public for practice), `paper_id` (the paper's team), `session_id` (team,
and for interviewers the assignment), `candidate_id` (a session of the team).

Browsers sign in at /login: the signed cookie (itsdangerous, via Starlette's SessionMiddleware)
holds a random session id whose sha256 is stored server-side, plus the CSRF token every form
and state-changing fetch must send (`csrf_token` field or `X-CSRF-Token` header). Scripts send
`Authorization: Bearer <API token>` and need no CSRF token (a browser never adds that header
by itself).
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from dataclasses import dataclass
from urllib.parse import quote

from fastapi import HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse

from kaoguan.store import NotFound
from kaoguan.store.accounts import Accounts, User

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
SESSION_ID_KEY = "sid"
CSRF_KEY = "csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"

# Levels, least to most privileged. "practice" and "candidate" are open to anyone but checked
# against the bank's visibility / the link's token; "staff" is any signed-in user.
PUBLIC, PRACTICE, CANDIDATE, STAFF, OWNER, ADMIN = "public", "practice", "candidate", "staff", "owner", "admin"
LEVEL_ROLES = {
    STAFF: {"admin", "owner", "interviewer"},
    OWNER: {"admin", "owner"},
    ADMIN: {"admin"},
}

# One rule per endpoint ("module.function" of the route's endpoint). Keep it exhaustive.
RULES: dict[str, str] = {
    # banks
    "api.list_banks": STAFF, "api.save_bank": OWNER, "api.get_bank": STAFF, "api.replace_bank": OWNER,
    "api.delete_bank": OWNER, "api.bank_summary": STAFF, "api.bank_versions": STAFF, "api.set_tags": OWNER,
    "api.edit_question": OWNER, "api.edit_key_point": OWNER,
    "api.list_questions": STAFF, "api.search": STAFF, "api.duplicates": STAFF,
    "api.merge_duplicate": OWNER, "api.keep_both": OWNER,
    "api.start_imports": OWNER, "api.list_imports": OWNER, "api.import_status": OWNER,
    # papers and sessions
    "api.list_papers": STAFF, "api.assemble_paper": OWNER, "api.get_paper": STAFF, "api.invite": STAFF,
    "api.open_session": CANDIDATE, "api.autosave": CANDIDATE, "api.submit": CANDIDATE,
    "api.list_sessions": STAFF, "api.scoring_sheet": STAFF, "api.score_session": STAFF, "api.rate": STAFF,
    "api.disagreements": STAFF, "api.practice_score": PRACTICE,
    # pages
    "login.login_page": PUBLIC, "login.login": PUBLIC, "login.logout": PUBLIC,
    "library.home": PUBLIC, "library.library_page": STAFF, "library.bank_page": STAFF,
    "library.api_reference": PUBLIC, "search.search_page": STAFF, "duplicates.duplicates_page": STAFF,
    "papers.papers_page": STAFF, "papers.paper_page": STAFF, "candidate.candidate_page": CANDIDATE,
    "practice.practice_home": PUBLIC, "practice.practice_bank": PRACTICE, "practice.practice_question": PRACTICE,
    "scoring.sessions_page": STAFF, "scoring.sheet_page": STAFF,
    # reports: a candidate report is the assigned interviewer's too; cohorts and exports are the owners'
    "reports.candidate_page": STAFF, "reports.candidate_pdf_download": STAFF,
    "reports.cohort_page": OWNER, "reports.cohort_download": OWNER, "reports.items_page": OWNER,
    "reports.export_page": OWNER, "reports.blank_excel_template": STAFF, "reports.export_download": OWNER,
    "reports.items_json": OWNER, "reports.cohort_json": OWNER,
    # accounts, audit, personal data (this module's own routes)
    "admin.users_page": ADMIN, "admin.add_user_form": ADMIN, "admin.audit_page": ADMIN,
    "admin.list_users": ADMIN, "admin.add_user": ADMIN, "admin.change_user": ADMIN, "admin.audit_log": ADMIN,
    "admin.get_retention": ADMIN, "admin.set_retention": ADMIN, "admin.retention_form": ADMIN,
    "admin.account_page": STAFF, "admin.create_token_form": STAFF, "admin.revoke_token_form": STAFF,
    "admin.me": STAFF, "admin.list_tokens": STAFF, "admin.create_token": STAFF, "admin.revoke_token": STAFF,
    "admin.set_bank_visibility": OWNER, "admin.assign_session": OWNER,
    "admin.export_candidate": OWNER, "admin.delete_candidate": OWNER,
}


def rule_key(endpoint) -> str:
    return f"{endpoint.__module__.rsplit('.', 1)[-1]}.{endpoint.__name__}"


# ---------------------------------------------------------------- who is asking


@dataclass(frozen=True)
class Principal:
    user: User | None
    via: str | None  # "session" (cookie, CSRF applies) | "token" (Bearer) | None (anonymous)

    @property
    def role(self) -> str:
        return self.user.role if self.user else "anonymous"

    @property
    def is_admin(self) -> bool:
        return self.user is not None and self.user.is_admin


ANONYMOUS = Principal(None, None)


def accounts(request: Request) -> Accounts:
    return request.app.state.accounts


def principal(request: Request) -> Principal:
    """The signed-in user of this request (resolved once, then cached on the request)."""
    cached = getattr(request.state, "principal", None)
    if cached is not None:
        return cached
    found = _resolve(request)
    request.state.principal = found
    return found


def _resolve(request: Request) -> Principal:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        user = accounts(request).api_token_user(token.strip())
        if user is None:
            raise HTTPException(401, "API 令牌无效或已吊销")
        return Principal(user, "token")
    sid = request.session.get(SESSION_ID_KEY) if "session" in request.scope else None
    if sid:
        user = accounts(request).login_session_user(sid)
        if user is not None:
            return Principal(user, "session")
        request.session.pop(SESSION_ID_KEY, None)  # expired or signed out elsewhere
    return ANONYMOUS


def csrf_token(request: Request) -> str:
    """This browser session's CSRF token, made on first use (pages put it in forms and a meta tag)."""
    if "session" not in request.scope:
        return ""
    token = request.session.get(CSRF_KEY)
    if not token:
        token = secrets.token_urlsafe(32)
        request.session[CSRF_KEY] = token
    return token


async def _offered_csrf(request: Request) -> str | None:
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        return value if isinstance(value, str) else None
    return None


async def check_csrf(request: Request) -> None:
    expected = request.session.get(CSRF_KEY) if "session" in request.scope else None
    offered = await _offered_csrf(request)
    if not expected or not offered or not hmac.compare_digest(expected, offered):
        raise HTTPException(403, "CSRF 校验失败:请刷新页面后重试(表单须带 csrf_token,脚本请用 API 令牌)")


# ---------------------------------------------------------------- the check every route runs


class LoginRequired(Exception):
    """Raised for an anonymous visitor on a page that needs an account; pages redirect, the API says 401."""


async def authorize(request: Request) -> None:
    """The app-wide dependency: role, CSRF and ownership checks for the route being called."""
    route = request.scope.get("route")
    endpoint = getattr(route, "endpoint", None)
    level = RULES.get(rule_key(endpoint)) if endpoint else None
    if level is None:
        raise HTTPException(500, "this route has no access rule; refused until one is written")
    who = principal(request)
    if request.method not in SAFE_METHODS and _needs_csrf(who, level):
        await check_csrf(request)
    if level in LEVEL_ROLES:
        if who.user is None:
            raise LoginRequired()
        if who.role not in LEVEL_ROLES[level]:
            raise HTTPException(403, "您的账号无权执行此操作")
    check_objects(request, who, level)


def _needs_csrf(who: Principal, level: str) -> bool:
    if who.via == "token" or level == CANDIDATE:
        return False  # a Bearer header or a link's secret token cannot be forged by another site
    # Signed-in browsers always; anonymous ones for the sign-in form (login CSRF).
    return who.via == "session" or level == PUBLIC


def check_objects(request: Request, who: Principal, level: str) -> None:
    params = request.path_params
    acc = accounts(request)
    if "bank_id" in params:
        bank_id = int(params["bank_id"])
        team, public = acc.bank_access(bank_id)
        # Practice opens public banks to anyone; everything else only to the owning team.
        if not can_see_bank(who, team, public and level == PRACTICE):
            raise _hidden(f"题库 {bank_id}")
    if "paper_id" in params:
        paper_id = int(params["paper_id"])
        if not can_see_team(who, acc.paper_team(paper_id)):
            raise _hidden(f"试卷 {paper_id}")
    if "session_id" in params:
        session_id = int(params["session_id"])
        if not can_see_session(who, acc.session_access(session_id)):
            raise _hidden(f"面试记录 {session_id}")
    if "candidate_id" in params:
        candidate_id = int(params["candidate_id"])
        sessions = acc.candidate_sessions_access(candidate_id)
        if not who.is_admin and not any(can_see_team(who, a.team_id) for a in sessions):
            raise _hidden(f"候选人 {candidate_id}")


def _hidden(what: str) -> HTTPException:
    # Another team's object looks exactly like a missing one: its existence is not revealed.
    return HTTPException(404, f"{what} 不存在")


def can_see_team(who: Principal, team_id: int | None) -> bool:
    if who.user is None:
        return False
    return who.is_admin or (team_id is not None and team_id == who.user.team_id)


def can_see_bank(who: Principal, team_id: int | None, public: bool) -> bool:
    return public or can_see_team(who, team_id)


def can_see_session(who: Principal, access) -> bool:
    if who.user is None:
        return False
    if who.is_admin:
        return True
    if who.role == "interviewer":
        return access.interviewer_id == who.user.id
    return can_see_team(who, access.team_id)


# ---------------------------------------------------------------- filtering lists


def visible_bank_ids(request: Request, practice: bool = False) -> set[int]:
    """Banks this request may list: its team's (all for admins), plus public ones when practising."""
    who = principal(request)
    return {bank_id for bank_id, (team, public) in accounts(request).bank_teams().items()
            if can_see_bank(who, team, public and practice)}


def visible_banks(request: Request, items, practice: bool = False):
    allowed = visible_bank_ids(request, practice)
    return [item for item in items if item.bank_id in allowed]


def visible_papers(request: Request, items):
    who = principal(request)
    teams = accounts(request).paper_teams()
    return [item for item in items if can_see_team(who, teams.get(item.paper_id))]


def visible_sessions(request: Request, items):
    who = principal(request)
    access = accounts(request).sessions_access()
    return [item for item in items if item.session_id in access and can_see_session(who, access[item.session_id])]


def require_bank(request: Request, bank_id: int) -> None:
    """For bank ids that come in a body or query rather than the path."""
    who = principal(request)
    try:
        team, _ = accounts(request).bank_access(bank_id)
    except NotFound:
        raise _hidden(f"题库 {bank_id}") from None
    if not can_see_team(who, team):
        raise _hidden(f"题库 {bank_id}")


# ---------------------------------------------------------------- audit


def audit(request: Request, action: str, object_type: str, object_id=None, **detail) -> None:
    """Record an action of the signed-in user (or of a candidate, by link) in the audit log."""
    who = principal(request)
    actor = who.user.username if who.user else "候选人/匿名"
    request.app.state.audit.record(actor, action, object_type, object_id, detail, actor_id=who.user.id if who.user else None)


# ---------------------------------------------------------------- rate limits


class TokenBucket:
    """In-process rate limit: `capacity` requests at once, refilled at `per_second`; one bucket per key."""

    def __init__(self, capacity: float, per_second: float, max_keys: int = 10_000) -> None:
        self.capacity = capacity
        self.per_second = per_second
        self.max_keys = max_keys
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def wait(self, key: str, now: float | None = None) -> float | None:
        """Like `take` but spends nothing: for limits that count only failures (sign-in)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.per_second)
            return None if tokens >= 1 else (1 - tokens) / self.per_second

    def take(self, key: str, now: float | None = None) -> float | None:
        """None when allowed; otherwise the seconds to wait before the next attempt."""
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.per_second)
            if tokens < 1:
                self._buckets[key] = (tokens, now)
                return (1 - tokens) / self.per_second
            if len(self._buckets) >= self.max_keys and key not in self._buckets:
                self._buckets.clear()  # bounded memory under a flood of addresses; limits restart
            self._buckets[key] = (tokens - 1, now)
            return None


class RateLimited(Exception):
    def __init__(self, retry_after: float, message: str) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.message = message


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def limit(bucket: TokenBucket, *keys: str, message: str, spend: bool = True) -> None:
    """Refuse with 429 when a key's bucket is empty; `spend=False` only looks (the caller spends
    on failure, as sign-in does: only wrong passwords count)."""
    for key in keys:
        wait = bucket.take(key) if spend else bucket.wait(key)
        if wait is not None:
            raise RateLimited(wait, message)


# ---------------------------------------------------------------- responses for the app's handlers


def login_required_response(request: Request):
    path = request.url.path
    if path.startswith("/api/") or "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"detail": f"{path}: 请先登录(浏览器)或发送 'Authorization: Bearer <API 令牌>'"},
                            status_code=401)
    target = path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target)}", status_code=303)


def rate_limited_response(error: RateLimited):
    seconds = max(1, int(error.retry_after + 0.999))
    return JSONResponse({"detail": f"{error.message}请 {seconds} 秒后再试。"}, status_code=429,
                        headers={"Retry-After": str(seconds)})


def safe_next(target: str | None) -> str:
    """Only paths on this site: `//evil.example` or `https://…` would send the user elsewhere."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/banks"
    return target
