"""Pages: home, the bank library (upload with background import), one bank with its warnings."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse

from kaoguan.web.auth import visible_banks
from kaoguan.web.services import Services, services
from kaoguan.web.templating import templates

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, s: Services = Depends(services)):
    # Anonymous visitors see the public banks they can practise on; staff see their team's too.
    banks = visible_banks(request, s.library.list_banks(), practice=True)
    return templates.TemplateResponse(request, "index.html", {"banks": banks, "page_title": "首页"})


@router.get("/banks", response_class=HTMLResponse)
def library_page(request: Request, tag: str | None = None, s: Services = Depends(services)):
    banks = visible_banks(request, s.library.list_banks(tag=tag))
    return templates.TemplateResponse(request, "library.html", {"banks": banks, "tag": tag, "page_title": "题库"})


def _empty_to_none(value: str | None) -> str | None:
    return value or None


def _points(text: str | None) -> float | None:
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise HTTPException(422, f"分值筛选 {text!r} 不是数字") from None


@router.get("/banks/{bank_id}", response_class=HTMLResponse)
def bank_page(request: Request, bank_id: int, kind: str | None = None, category: str | None = None,
              points: str | None = None, s: Services = Depends(services)):
    bank = s.library.get_bank(bank_id)
    summary = s.library.bank_summary(bank_id)
    filters = {"kind": _empty_to_none(kind), "category": _empty_to_none(category), "points": _empty_to_none(points)}
    shown = None  # None: every question
    if any(filters.values()):
        hits = s.library.questions(bank_id, kind=filters["kind"], category=filters["category"],
                                   points=_points(filters["points"]))
        shown = {hit.question_id for hit in hits}
    return templates.TemplateResponse(request, "bank.html", {
        "bank": bank, "summary": summary, "filters": filters, "shown": shown, "page_title": bank.title,
        "versions": s.library.versions(bank_id),
        "point_values": sorted({q.points for _, q in bank.questions() if q.points is not None}),
    })


@router.get("/api/v1", response_class=HTMLResponse)
def api_reference(request: Request):
    """A readable list of the REST API, built from the same OpenAPI document (no CDN viewer)."""
    endpoints = []
    for path, operations in request.app.openapi()["paths"].items():
        for method, operation in operations.items():
            endpoints.append({"method": method.upper(), "path": path,
                              "summary": operation.get("summary", ""),
                              "description": (operation.get("description") or "").split("\n")[0]})
    return templates.TemplateResponse(request, "api.html", {"endpoints": endpoints, "page_title": "REST API"})
