"""Report pages and downloads: candidate report (page and PDF), cohort view of a paper (CSV/Excel),
item statistics, and bank exports in every exchange format.

Self-contained: `router = APIRouter()`, services through `kaoguan.web.services.services`, templates
in src/kaoguan/report/templates/ that extend the web app's base layout.
"""

from __future__ import annotations

from dataclasses import asdict
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import ChoiceLoader, FileSystemLoader
from markupsafe import Markup

from kaoguan.report import TEMPLATES_DIR
from kaoguan.report.candidate import candidate_report
from kaoguan.report.charts import radar_chart, score_histogram, section_comparison
from kaoguan.report.cohort import DEFAULT_CUT_OFF, build_cohort, to_csv, to_xlsx
from kaoguan.report.formats import FORMATS, ExchangeFormatError, export_bank, summarize_losses
from kaoguan.report.pdf import candidate_pdf
from kaoguan.report.source import paper_results, session_result
from kaoguan.report.stats import item_statistics
from kaoguan.web.auth import audit
from kaoguan.web.services import Services, services
from kaoguan.web.templating import templates as web_templates

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["reports"])

# Our templates first, then the web app's (for base.html); filters and globals are shared.
_env = web_templates.env.overlay(loader=ChoiceLoader([FileSystemLoader(str(TEMPLATES_DIR)), web_templates.env.loader]))


def _page(request: Request, name: str, context: dict) -> HTMLResponse:
    html = _env.get_template(name).render(request=request, **context)
    return HTMLResponse(html)


def _svg(data: bytes) -> Markup:
    """Inline SVG (text drawn as paths): no request, no font, no CDN."""
    text = data.decode("utf-8")
    return Markup(text[text.index("<svg"):])


def _download(data: bytes, filename: str, media_type: str) -> Response:
    # RFC 5987 keeps Chinese file names intact; the ASCII fallback is for old clients.
    disposition = f"attachment; filename=\"download{filename[filename.rfind('.'):]}\"; filename*=UTF-8''{quote(filename)}"
    return Response(data, media_type=media_type, headers={"content-disposition": disposition})


def _cut_off(value: float | None) -> float:
    if value is None:
        return DEFAULT_CUT_OFF
    if not 0 <= value <= 1:
        raise HTTPException(422, "cut_off 须为 0 到 1 之间的比例,例如 0.6")
    return value


# ---------------------------------------------------------------- candidate


@router.get("/reports/sessions/{session_id:int}", response_class=HTMLResponse)
def candidate_page(request: Request, session_id: int, s: Services = Depends(services)):
    result, cohort = session_result(s.interviews, session_id)
    report = candidate_report(result, cohort)
    audit(request, "report.view", "session", session_id)
    radar = radar_chart(report.radar_labels, report.radar_shares, "svg", report.radar_comparison)
    return _page(request, "reports/candidate.html", {
        "report": report, "radar": _svg(radar), "page_title": f"报告:{report.candidate_name}",
    })


@router.get("/reports/sessions/{session_id:int}.pdf")
def candidate_pdf_download(request: Request, session_id: int, s: Services = Depends(services)):
    result, cohort = session_result(s.interviews, session_id)
    report = candidate_report(result, cohort)
    audit(request, "report.view", "session", session_id, format="pdf")
    return _download(candidate_pdf(report), f"{report.candidate_name}-面试报告.pdf", "application/pdf")


# ---------------------------------------------------------------- cohort and items


@router.get("/reports/papers/{paper_id}", response_class=HTMLResponse)
def cohort_page(request: Request, paper_id: int, cut_off: float | None = None, s: Services = Depends(services)):
    paper, results = paper_results(s.interviews, paper_id)
    cohort = build_cohort(results, cut_off=_cut_off(cut_off))
    charts = {}
    if cohort.rows:
        max_total = max(row.result.max_total for row in cohort.rows)
        charts["histogram"] = _svg(score_histogram([row.result.total for row in cohort.rows], max_total, cohort.cut_off))
        charts["sections"] = _svg(section_comparison(cohort.section_shares()))
    return _page(request, "reports/cohort.html", {
        "paper": paper, "cohort": cohort, "charts": charts, "page_title": f"成绩分析:{paper.title}",
    })


@router.get("/reports/papers/{paper_id}/cohort.{extension}")
def cohort_download(request: Request, paper_id: int, extension: str, cut_off: float | None = None,
                    s: Services = Depends(services)):
    if extension not in ("csv", "xlsx"):
        raise HTTPException(404, "仅支持 cohort.csv 或 cohort.xlsx")
    paper, results = paper_results(s.interviews, paper_id)
    cohort = build_cohort(results, cut_off=_cut_off(cut_off))
    audit(request, "report.export", "paper", paper_id, format=extension)
    if extension == "csv":
        return _download(to_csv(cohort), f"{paper.title}-成绩.csv", "text/csv; charset=utf-8")
    return _download(to_xlsx(cohort), f"{paper.title}-成绩.xlsx", FORMATS["xlsx"].media_type)


@router.get("/reports/papers/{paper_id}/items", response_class=HTMLResponse)
def items_page(request: Request, paper_id: int, s: Services = Depends(services)):
    paper, results = paper_results(s.interviews, paper_id)
    return _page(request, "reports/items.html", {
        "paper": paper, "stats": item_statistics(results), "page_title": f"题目分析:{paper.title}",
    })


@api.get("/papers/{paper_id}/item-statistics")
def items_json(paper_id: int, s: Services = Depends(services)):
    _, results = paper_results(s.interviews, paper_id)
    stats = item_statistics(results)
    return {"candidates": stats.candidates, "alpha": stats.alpha,
            "items": [asdict(item) | {"flag_labels": item.flag_labels} for item in stats.items]}


@api.get("/papers/{paper_id}/cohort")
def cohort_json(request: Request, paper_id: int, cut_off: float | None = None, s: Services = Depends(services)):
    _, results = paper_results(s.interviews, paper_id)
    cohort = build_cohort(results, cut_off=_cut_off(cut_off))
    audit(request, "report.export", "paper", paper_id, format="json")
    return {"cut_off": cohort.cut_off, "rows": [
        {"rank": row.rank, "session_id": row.result.session_id, "candidate": row.result.candidate_name,
         "total": row.result.total, "max_total": row.result.max_total, "auto_total": row.result.auto_total,
         "passed": cohort.passes(row), "needs_review": row.reasons} for row in cohort.rows]}


# ---------------------------------------------------------------- bank exports


@router.get("/banks/{bank_id}/export", response_class=HTMLResponse)
def export_page(request: Request, bank_id: int, s: Services = Depends(services)):
    bank = s.library.get_bank(bank_id)
    choices = []
    for fmt in FORMATS.values():
        _, losses = fmt.keep(bank)
        choices.append({"format": fmt, "losses": summarize_losses(losses), "count": len(losses)})
    return _page(request, "reports/export.html", {
        "bank": bank, "bank_id": bank_id, "choices": choices, "page_title": f"导出:{bank.title}",
    })


@router.get("/reports/templates/bank.xlsx")
def blank_excel_template():
    from kaoguan.report.formats.xlsx import blank_template

    return _download(blank_template(), "考官题库模板.xlsx", FORMATS["xlsx"].media_type)


@router.get("/banks/{bank_id}/export/{format_name}")
@api.get("/banks/{bank_id}/export/{format_name}")
def export_download(request: Request, bank_id: int, format_name: str, s: Services = Depends(services)):
    if format_name not in FORMATS:
        raise HTTPException(404, f"未知格式 {format_name};可选:{'、'.join(FORMATS)}")
    bank = s.library.get_bank(bank_id)
    try:
        exported = export_bank(bank, format_name)
    except ExchangeFormatError as exc:
        raise HTTPException(422, str(exc)) from exc
    audit(request, "bank.export", "bank", bank_id, format=format_name)
    response = _download(exported.data, exported.filename(bank.title), exported.format.media_type)
    response.headers["x-kaoguan-losses"] = str(len(exported.losses))
    return response


router.include_router(api)
