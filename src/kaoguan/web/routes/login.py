"""Pages: interviewer sign-in and sign-out (only meaningful when an access code is set)."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from kaoguan.web.access import SESSION_KEY, code_matches, safe_next
from kaoguan.web.templating import templates

router = APIRouter(include_in_schema=False)


def _form(request: Request, next_path: str, error: str | None = None, status: int = 200):
    return templates.TemplateResponse(request, "login.html", {
        "next": safe_next(next_path), "error": error, "page_title": "面试官登录",
        "gate_on": request.app.state.interviewer_code is not None,
    }, status_code=status)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/banks"):
    return _form(request, next)


@router.post("/login")
def login(request: Request, code: str = Form(""), next: str = Form("/banks")):
    expected = request.app.state.interviewer_code
    if expected is None:
        return RedirectResponse(safe_next(next), status_code=303)
    if not code_matches(expected, code.strip()):
        return _form(request, next, "访问码不正确,请重新输入。", status=401)
    request.session[SESSION_KEY] = True
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request):
    if "session" in request.scope:
        request.session.clear()
    return RedirectResponse("/", status_code=303)
