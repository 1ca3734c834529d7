"""Page: near-duplicate questions across banks; merge one into the other or keep both."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from kaoguan.web.auth import visible_bank_ids
from kaoguan.web.services import Services, services
from kaoguan.web.templating import templates

router = APIRouter(include_in_schema=False)


@router.get("/duplicates", response_class=HTMLResponse)
def duplicates_page(request: Request, threshold: float | None = Query(None, gt=0, le=1),
                    s: Services = Depends(services)):
    allowed = visible_bank_ids(request)
    pairs = [pair for pair in s.library.near_duplicates(threshold=threshold)
             if pair.a.bank_id in allowed and pair.b.bank_id in allowed]
    return templates.TemplateResponse(request, "duplicates.html", {
        "pairs": pairs, "threshold": threshold, "page_title": "查重",
    })
