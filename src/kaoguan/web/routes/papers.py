"""Pages: papers (assemble by draw or by hand), one paper with its invitations and sessions."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from kaoguan.web.auth import visible_banks, visible_papers, visible_sessions
from kaoguan.web.services import Services, services
from kaoguan.web.templating import templates

router = APIRouter(include_in_schema=False)


@router.get("/papers", response_class=HTMLResponse)
def papers_page(request: Request, s: Services = Depends(services)):
    banks = visible_banks(request, s.library.list_banks())
    # Section titles and categories of every bank, so the form can offer per-section counts.
    sections = {}
    for summary in banks:
        bank = s.library.get_bank(summary.bank_id)
        sections[summary.bank_id] = [
            {"title": sec.title, "category": sec.category, "count": len(sec.questions)} for sec in bank.sections
        ]
    return templates.TemplateResponse(request, "papers.html", {
        "papers": visible_papers(request, s.interviews.list_papers()), "banks": banks, "sections": sections, "page_title": "试卷与面试",
    })


@router.get("/papers/{paper_id}", response_class=HTMLResponse)
def paper_page(request: Request, paper_id: int, s: Services = Depends(services)):
    paper = s.interviews.get_paper(paper_id)
    return templates.TemplateResponse(request, "paper.html", {
        "paper": paper, "sessions": visible_sessions(request, s.interviews.list_sessions(paper_id)), "page_title": paper.title,
    })
