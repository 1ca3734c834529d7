"""Who may open which page: candidates and job seekers reach only their own pages; everything
that shows key points, answers or other candidates needs the interviewer access code.

The gate is on when the app is given a code (`kaoguan serve --interviewer-code`, or
$KAOGUAN_INTERVIEWER_CODE). Browsers sign in once at /login (a signed session cookie); API
clients send `Authorization: Bearer <code>`. Without a code the app is open, which is meant
for a single recruiter's own machine (`make run` listens on 127.0.0.1 only).
"""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import quote

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

ENV_VAR = "KAOGUAN_INTERVIEWER_CODE"
SESSION_KEY = "interviewer"

# Pages and API routes anyone may use: the candidate's one-time link, practice mode, the home
# page, assets, signing in, and the API description (it names routes, not data).
PUBLIC_EXACT = {"/", "/login", "/logout", "/api/v1/openapi.json", "/favicon.ico"}
PUBLIC_PREFIXES = ("/static/", "/take/", "/api/v1/take/", "/practice", "/api/v1/practice/")


def is_public(path: str) -> bool:
    return path in PUBLIC_EXACT or path.startswith(PUBLIC_PREFIXES)


def session_secret(code: str) -> str:
    """The cookie-signing key, derived from the code: sign-ins survive a restart, and changing
    the code signs everybody out."""
    return hashlib.sha256(f"kaoguan-session:{code}".encode()).hexdigest()


def code_matches(code: str, offered: str | None) -> bool:
    return offered is not None and hmac.compare_digest(code.encode(), offered.encode())


def safe_next(target: str | None) -> str:
    """Only paths on this site: `//evil.example` or `https://…` would send the user elsewhere."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/banks"
    return target


class InterviewerGate(BaseHTTPMiddleware):
    def __init__(self, app, code: str) -> None:
        super().__init__(app)
        self.code = code

    def _signed_in(self, request: Request) -> bool:
        if request.session.get(SESSION_KEY):
            return True
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        return scheme.lower() == "bearer" and code_matches(self.code, token.strip())

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        path = request.url.path
        if is_public(path) or self._signed_in(request):
            return await call_next(request)
        if path.startswith("/api/"):
            return JSONResponse({"detail": f"{path}: interviewers only; send 'Authorization: Bearer <code>'"},
                                status_code=401)
        target = path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
