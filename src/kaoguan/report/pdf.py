"""The candidate report as PDF (reportlab), with a TrueType CJK font embedded so Chinese prints anywhere.

reportlab embeds TrueType outlines only, so the Noto CJK fonts (CFF outlines) cannot be used;
WenQuanYi Zen Hei from Debian's fonts-wqy-zenhei is TrueType and is subset into the file.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kaoguan.report.candidate import CandidateReport
from kaoguan.report.charts import radar_chart

FONT_NAME = "KaoguanCJK"
FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/arphic/uming.ttc"),
)


class PdfFontMissing(RuntimeError):
    """No TrueType CJK font is installed; the message says which Debian package provides one."""


@lru_cache(maxsize=1)
def register_cjk_font() -> str:
    for path in FONT_CANDIDATES:
        if path.exists():
            pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=0))
            return FONT_NAME
    raise PdfFontMissing("no TrueType CJK font for PDF reports; install Debian's fonts-wqy-zenhei (make system)")


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=font, fontSize=10, leading=15, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=18, leading=24, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontSize=13, leading=18, spaceBefore=10, spaceAfter=4, textColor=colors.HexColor("#1f2328")),
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=12, textColor=colors.HexColor("#57606a")),
        "answer": ParagraphStyle("answer", parent=base, backColor=colors.HexColor("#f6f8fa"), borderPadding=4, spaceBefore=2, spaceAfter=6),
        "flag": ParagraphStyle("flag", parent=base, textColor=colors.HexColor("#cf222e")),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _grid(rows: list[list], font: str, widths: list[float]) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#ddebf7")),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#d0d7de")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table


def candidate_pdf(report: CandidateReport) -> bytes:
    font = register_cjk_font()
    style = _styles(font)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                                 bottomMargin=16 * mm, title=f"{report.candidate_name} · {report.paper_title}", author="kaoguan 考官")
    story = [_p(f"候选人面试报告:{report.candidate_name}", style["title"]),
             _p(f"试卷:{report.paper_title} · 总分:{report.total:g} / {report.max_total:g}({report.share:.0%})"
                f" · 自动评分合计:{report.auto_total:g}", style["body"])]
    if report.review_reasons:
        story.append(_p("需人工复核:" + ";".join(report.review_reasons), style["flag"]))
    section_rows = [["部分", "得分", "满分", "得分率"]] + [[title, f"{score:g}", f"{maximum:g}", f"{score / maximum:.0%}" if maximum else "-"]
                                                   for title, score, maximum in report.sections]
    radar = Image(io.BytesIO(radar_chart(report.radar_labels, report.radar_shares, "png", report.radar_comparison)),
                  width=70 * mm, height=70 * mm)
    story += [Spacer(1, 4 * mm), Table([[_grid(section_rows, font, [38 * mm, 16 * mm, 16 * mm, 16 * mm]), radar]],
                                       colWidths=[92 * mm, 80 * mm], style=[("VALIGN", (0, 0), (-1, -1), "TOP")])]
    story.append(_p("逐题评分", style["h2"]))
    for answer in report.answers:
        story.extend(_answer_block(answer, style, font))
    if report.notes:
        story.append(_p("面试官备注", style["h2"]))
        for position, interviewer, text in report.notes:
            story.append(_p(f"第 {position} 题 · {interviewer}:{text}", style["body"]))
    story.append(Spacer(1, 6 * mm))
    story.append(_p("本报告由 kaoguan 考官生成;自动评分仅供参考,录用决定以面试官评分为准。", style["small"]))
    document.build(story)
    return buffer.getvalue()


def _answer_block(answer, style, font) -> list:
    head = f"第 {answer.position} 题({answer.section_title}) · 自动评分 {answer.auto_text}"
    if answer.rater_text:
        head += f" · 面试官 {answer.rater_text}"
    parts = [_p(head, style["body"]), _p(answer.prompt, style["small"]), _p(answer.answer_text or "(未作答)", style["answer"])]
    if answer.key_points:
        rows = [["答案要点", "自动判定", "依据", "面试官"]] + [
            [_p(point.text, style["small"]), point.mark, _p(point.evidence or "", style["small"]),
             _p("、".join(f"{name} {mark:g}" for name, mark in point.rater_marks.items()), style["small"])]
            for point in answer.key_points]
        parts.append(_grid(rows, font, [54 * mm, 16 * mm, 70 * mm, 32 * mm]))
    for flag in answer.red_flags:
        parts.append(_p(f"红线:{flag}", style["flag"]))
    if answer.feedback:
        parts.append(_p(f"反馈:{answer.feedback}", style["small"]))
    parts.append(Spacer(1, 3 * mm))
    return [KeepTogether(parts[:4]), *parts[4:]]
