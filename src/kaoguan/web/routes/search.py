"""Page: full-text search across every bank, with filters by kind, category, points and tag."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from kaoguan.store.text import words
from kaoguan.web.auth import visible_banks
from kaoguan.web.services import Services, services
from kaoguan.web.templating import templates

router = APIRouter(include_in_schema=False)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = "", kind: str = "", category: str = "", points: str = "",
                tag: str = "", s: Services = Depends(services)):
    filters = {"kind": kind or None, "category": category or None,
               "points": _points(points), "tag": tag or None}
    query = q.strip()
    if query:
        hits = s.library.search(query, **filters)
    elif any(filters.values()):
        hits = s.library.questions(None, **filters)
    else:
        hits = None  # nothing asked yet
    if hits is not None:
        hits = visible_banks(request, hits)
    tags = sorted({t for bank in visible_banks(request, s.library.list_banks()) for t in bank.tags})
    return templates.TemplateResponse(request, "search.html", {
        "q": query, "kind": kind, "category": category, "points": points, "tag": tag,
        "hits": hits, "tags": tags, "page_title": "搜索",
        # The query's words as the search index segments them, to mark them in the results.
        "terms": words(query) if query else [],
    })


def _points(text: str) -> float | None:
    try:
        return float(text) if text.strip() else None
    except ValueError:
        return None
