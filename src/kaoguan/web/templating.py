"""The Jinja2 environment shared by every page router."""

from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from kaoguan.web.highlight import highlighted, marked_terms

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
TEMPLATES_DIR = HERE / "templates"

templates = Jinja2Templates(directory=str(TEMPLATES_DIR))

KIND_LABELS = {
    "single_choice": "单选题",
    "multiple_choice": "多选题",
    "true_false": "判断题",
    "fill_blank": "填空题",
    "open": "问答题",
}
CATEGORY_LABELS = {
    "behavioral": "行为面试",
    "situational": "情景应变",
    "knowledge": "专业知识",
    "stress": "压力面试",
    "objective": "客观题",
    "other": "其他",
}
WARNING_LABELS = {
    "declared_count_mismatch": "声明题数与实际不符",
    "declared_total_mismatch": "声明总分与实际不符",
    "rubric_points_mismatch": "评分细则分值之和不符",
    "count_inferred_from_total": "题数由总分推算",
    "points_inferred_from_total": "每题分值由总分推算",
    "truncated_question": "题目不完整",
    "missing_answer": "缺少答案",
    "missing_points": "缺少分值",
    "missing_key_points": "缺少答案要点",
    "deferred_answer_key": "答案集中在文末",
    "no_section_headings": "没有大题标题",
    "numbering_continues_across_sections": "题号跨大题连续",
    "numbering_gap": "题号不连续",
    "placeholder_answer": "答案为占位内容",
    "garbled_text": "疑似乱码",
    "unplaced_text": "未归入题目的文字",
}


def _number(value) -> str:
    """Points as the document declares them: 8 shows as 8, 0.5 as 0.5."""
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


templates.env.filters["kind_label"] = lambda kind: KIND_LABELS.get(kind, kind or "")
templates.env.filters["category_label"] = lambda cat: CATEGORY_LABELS.get(cat, "未分类") if cat else "未分类"
templates.env.filters["warning_label"] = lambda code: WARNING_LABELS.get(code, code)
templates.env.filters["num"] = _number
templates.env.globals["KIND_LABELS"] = KIND_LABELS
templates.env.globals["CATEGORY_LABELS"] = CATEGORY_LABELS


def highlight_evidence(text: str, rows) -> Markup:
    """The answer with each checklist row's evidence clause wrapped in <mark>."""
    return highlighted(text, [getattr(row, "evidence", None) for row in rows])


templates.env.filters["highlight_evidence"] = highlight_evidence
templates.env.filters["mark_terms"] = marked_terms

# Root-relative asset links keep working behind any host name or proxy that forwards "/".
templates.env.globals["static_url"] = lambda path: f"/static/{path}"


def _current_user(request):
    from kaoguan.web.auth import principal  # late: auth needs the store, templates must load without it

    try:
        return principal(request).user
    except Exception:  # noqa: BLE001 - an error page must render even when the sign-in check failed
        return None


def _csrf_token(request) -> str:
    from kaoguan.web.auth import csrf_token

    return csrf_token(request)


# Every page knows who is signed in (navigation by role) and carries the CSRF token for its
# forms and for kg.api (a <meta> tag read by app.js).
templates.env.globals["current_user"] = _current_user
templates.env.globals["csrf_token"] = _csrf_token
