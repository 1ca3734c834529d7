"""Pages: sign-in and sign-out with a user name and password (accounts: `kaoguan user add`)."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from kaoguan.web.auth import (
    CSRF_KEY,
    SESSION_ID_KEY,
    accounts,
    client_ip,
    limit,
    safe_next,
)
from kaoguan.web.templating import templates

router = APIRouter(include_in_schema=False)


def _form(request: Request, next_path: str, error: str | None = None, status: int = 200):
    return templates.TemplateResponse(request, "login.html", {
        "next": safe_next(next_path), "error": error, "page_title": "登录",
        "no_users": not accounts(request).has_users(),
    }, status_code=status)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/banks"):
    return _form(request, next)


@router.post("/login")
def login(request: Request, username: str = Form(""), password: str = Form(""), next: str = Form("/banks")):
    # Only wrong passwords spend the buckets: a busy office behind one address can still sign in,
    # while guessing is held to a few tries a minute per address and per user name.
    by_ip, by_user = request.app.state.login_by_ip, request.app.state.login_by_user
    ip, name = client_ip(request), username.strip().lower()
    limit(by_ip, ip, message="登录失败次数过多,", spend=False)
    limit(by_user, name, message="该账号登录失败次数过多,", spend=False)
    user = accounts(request).authenticate(username, password)
    if user is None:
        by_ip.take(ip)
        by_user.take(name)
        request.app.state.audit.record(username.strip()[:100] or "(空)", "login.failed", "user", None,
                                       {"ip": client_ip(request)})
        return _form(request, next, "用户名或密码不正确。", status=401)
    raw = accounts(request).start_login_session(user.id)
    # A fresh session id and CSRF token at sign-in: a token planted before cannot ride along.
    request.session.clear()
    request.session[SESSION_ID_KEY] = raw
    request.state.principal = None
    request.app.state.audit.record(user.username, "login", "user", user.id, {"ip": client_ip(request)},
                                   actor_id=user.id)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request):
    sid = request.session.get(SESSION_ID_KEY)
    if sid:
        accounts(request).end_login_session(sid)
    request.session.pop(SESSION_ID_KEY, None)
    request.session.pop(CSRF_KEY, None)
    return RedirectResponse("/", status_code=303)

