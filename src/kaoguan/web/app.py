"""The web application: one FastAPI object serving the pages (Simplified Chinese) and the
REST API under /api/v1, both over the same services (`kaoguan.web.services`)."""

from __future__ import annotations

import importlib
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from kaoguan.interview import InvalidToken
from kaoguan.store import InvalidInput, NotFound, StoreError
from kaoguan.store.accounts import Accounts
from kaoguan.store.audit import AuditLog
from kaoguan.web.auth import (
    LoginRequired,
    RateLimited,
    TokenBucket,
    authorize,
    login_required_response,
    rate_limited_response,
)
from kaoguan.web.services import Services
from kaoguan.web.templating import STATIC_DIR, templates

API_PREFIX = "/api/v1"

# Every router of the app, in one place. A module that is absent (e.g. the reports pages
# while they are being written) is skipped, so adding an area means adding its name here.
ROUTER_MODULES = (
    "kaoguan.web.routes.api",
    "kaoguan.web.routes.login",
    "kaoguan.web.routes.library",
    "kaoguan.web.routes.search",
    "kaoguan.web.routes.duplicates",
    "kaoguan.web.routes.papers",
    "kaoguan.web.routes.candidate",
    "kaoguan.web.routes.practice",
    "kaoguan.web.routes.scoring",
    "kaoguan.web.routes.admin",
    "kaoguan.web.reports",  # owned by the reports stage; included when present
)
OPTIONAL_ROUTER_MODULES = {"kaoguan.web.reports"}


def create_app(db_url: str | None = None, *, scorer: Any = None, secure_cookies: bool = False) -> FastAPI:
    """The application over the database at `db_url` (the store's default when None).
    `scorer` replaces the default `kaoguan.score.Scorer` (the tests use the real one).
    Every route checks who is asking (`kaoguan.web.auth`); `secure_cookies` marks the sign-in
    cookie Secure, for a server reached over https."""
    services = Services.open(db_url, scorer=scorer)
    accounts = Accounts(services.db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        services.close()

    app = FastAPI(
        title="kaoguan 考官",
        version="1",
        description="Interview question banks, papers, candidate sessions, answers, scores and ratings. "
                    "Scripts authenticate with `Authorization: Bearer <API token>` (created on the 账号 page).",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,  # Swagger UI loads its assets from a CDN; the app must work offline
        redoc_url=None,
        lifespan=lifespan,
        dependencies=[Depends(authorize)],
    )
    app.state.services = services
    app.state.accounts = accounts
    app.state.audit = AuditLog(services.db)
    app.state.import_owners = {}  # import job id → the user who uploaded it (jobs live in memory too)
    # Sign-in attempts: 10 at once per address and 5 per user name, then one every 6 s / 12 s.
    app.state.login_by_ip = TokenBucket(capacity=10, per_second=1 / 6)
    app.state.login_by_user = TokenBucket(capacity=5, per_second=1 / 12)
    # The practice scorer is CPU-bound: 20 answers at once per address, then one every 3 s.
    app.state.practice_by_ip = TokenBucket(capacity=20, per_second=1 / 3)
    app.add_middleware(SessionMiddleware, secret_key=accounts.secret_key(), session_cookie="kaoguan_session",
                       same_site="lax", https_only=secure_cookies, max_age=12 * 3600)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    _include_routers(app)
    _install_error_handlers(app)
    return app


def _include_routers(app: FastAPI) -> None:
    app.state.included = set()  # pages link to optional areas (reports) only when they are there
    for module_name in ROUTER_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as missing:
            if module_name in OPTIONAL_ROUTER_MODULES and missing.name == module_name:
                continue
            raise
        app.include_router(module.router)
        app.state.included.add(module_name.rsplit(".", 1)[1])


# The status each service error means over HTTP.
ERROR_STATUS: list[tuple[type[Exception], int]] = [
    (NotFound, 404),
    (InvalidToken, 410),
    (InvalidInput, 422),
    (StoreError, 409),
]


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(API_PREFIX) or "application/json" in request.headers.get("accept", "")


def _error_response(request: Request, status: int, message: Any):
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    return templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message, "page_title": "出错了"}, status_code=status
    )


# What a candidate reads when their link no longer works (the service's reason codes).
TOKEN_MESSAGES = {
    "unknown": "这个面试链接无效,请核对链接或联系面试官。",
    "expired": "这个面试链接已过期,请联系面试官重新发送。",
    "submitted": "您已交卷,这个链接不能再次使用。感谢参加面试!",
    "time_up": "作答时间已到,答案已按最后一次保存的内容记录。",
}


def _message(error: Exception) -> str:
    # The service's own sentence; str() of a KeyError would wrap it in quotes.
    if error.args and isinstance(error.args[0], str):
        return error.args[0]
    return str(error)


def _install_error_handlers(app: FastAPI) -> None:
    def invalid_token(request: Request, error: InvalidToken):
        if _wants_json(request):
            return JSONResponse({"detail": str(error), "reason": error.reason}, status_code=410)
        return _error_response(request, 410, TOKEN_MESSAGES.get(error.reason, str(error)))

    app.add_exception_handler(InvalidToken, invalid_token)
    for error_type, status in ERROR_STATUS:
        if error_type is InvalidToken:
            continue
        def handler(request: Request, error: Exception, status: int = status):
            return _error_response(request, status, _message(error))

        app.add_exception_handler(error_type, handler)

    def http_error(request: Request, error: StarletteHTTPException):
        return _error_response(request, error.status_code, error.detail)

    def validation_error(request: Request, error: RequestValidationError):
        if _wants_json(request):
            return JSONResponse({"detail": error.errors()}, status_code=422)
        lines = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors())
        return _error_response(request, 422, lines)

    def rate_limited(request: Request, error: RateLimited):
        response = rate_limited_response(error)
        if _wants_json(request):
            return response
        page = _error_response(request, 429, f"{error.message}请 {response.headers['retry-after']} 秒后再试。")
        page.headers["Retry-After"] = response.headers["retry-after"]
        return page

    app.add_exception_handler(LoginRequired, lambda request, _error: login_required_response(request))
    app.add_exception_handler(RateLimited, rate_limited)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
