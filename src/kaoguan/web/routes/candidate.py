"""Page: the candidate's interview, reached only through a one-time link.

The page gets its questions from `Interviews.open_session`, whose view has no field that could
carry a key point, an answer key or another candidate's data.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from kaoguan.web.services import Services, services
from kaoguan.web.templating import templates

router = APIRouter(include_in_schema=False)


@router.get("/take/{token}", response_class=HTMLResponse, name="candidate_page")
def candidate_page(request: Request, token: str, s: Services = Depends(services)):
    session = s.interviews.open_session(token)
    return templates.TemplateResponse(request, "take.html", {
        "session": session, "token": token, "page_title": session.paper_title,
    })
