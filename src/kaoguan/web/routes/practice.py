"""Pages: practice mode for job seekers, no account: pick a bank, a question, answer, get feedback."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse

from kaoguan.web.auth import visible_banks
from kaoguan.web.services import Services, services
from kaoguan.web.templating import templates

router = APIRouter(include_in_schema=False)


@router.get("/practice", response_class=HTMLResponse)
def practice_home(request: Request, s: Services = Depends(services)):
    return templates.TemplateResponse(request, "practice_home.html", {
        "banks": visible_banks(request, s.library.list_banks(), practice=True), "page_title": "练习模式",
    })


@router.get("/practice/{bank_id}", response_class=HTMLResponse)
def practice_bank(request: Request, bank_id: int, s: Services = Depends(services)):
    bank = s.library.get_bank(bank_id)
    return templates.TemplateResponse(request, "practice_bank.html", {
        "bank": bank, "bank_id": bank_id, "page_title": f"练习:{bank.title}",
    })


@router.get("/practice/{bank_id}/{question_id}", response_class=HTMLResponse)
def practice_question(request: Request, bank_id: int, question_id: str, s: Services = Depends(services)):
    bank = s.library.get_bank(bank_id)
    ordered = [q for _, q in bank.questions()]
    index = next((i for i, q in enumerate(ordered) if q.id == question_id), None)
    if index is None:
        raise HTTPException(404, f"题库 {bank_id} 中没有题目 {question_id}")
    section = next(sec for sec, q in bank.questions() if q.id == question_id)
    return templates.TemplateResponse(request, "practice_question.html", {
        "bank": bank, "bank_id": bank_id, "section": section, "question": ordered[index],
        "previous": ordered[index - 1] if index > 0 else None,
        "next": ordered[index + 1] if index + 1 < len(ordered) else None,
        "position": index + 1, "count": len(ordered), "page_title": "练习作答",
    })
