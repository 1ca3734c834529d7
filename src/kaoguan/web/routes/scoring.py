"""Pages: sessions to score, and the interviewer scoring sheet with disagreements."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from kaoguan.web.auth import principal, visible_sessions
from kaoguan.web.services import Services, services
from kaoguan.web.templating import templates

router = APIRouter(include_in_schema=False)


@router.get("/sessions", response_class=HTMLResponse)
def sessions_page(request: Request, s: Services = Depends(services)):
    return templates.TemplateResponse(request, "sessions.html", {
        "sessions": visible_sessions(request, s.interviews.list_sessions()), "page_title": "面试记录",
        # Exporting and deleting a candidate's data is the bank owners' and admins' (see auth.RULES).
        "can_manage_data": principal(request).role in ("owner", "admin"),
    })


@router.get("/sessions/{session_id}/sheet", response_class=HTMLResponse)
def sheet_page(request: Request, session_id: int, s: Services = Depends(services)):
    sheet = s.interviews.scoring_sheet(session_id)
    summary = s.interviews.disagreements(session_id)
    by_position = {item.position: item for item in summary.items}
    return templates.TemplateResponse(request, "sheet.html", {
        "sheet": sheet, "disagreements": by_position, "tolerance": summary.tolerance,
        # Ratings are recorded under the signed-in account's name (see api.rate).
        "interviewer": principal(request).user.username, "page_title": f"评分:{sheet.candidate_name}",
    })
