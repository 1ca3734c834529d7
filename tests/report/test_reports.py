"""Candidate and cohort reports, their exports, the PDF (embedded CJK font) and the charts."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from kaoguan.report.candidate import candidate_report
from kaoguan.report.charts import radar_chart, score_histogram, section_comparison
from kaoguan.report.cohort import build_cohort, to_csv, to_xlsx
from kaoguan.report.pdf import candidate_pdf
from tests.report.helpers import candidate, choice_answer, open_answer


def _zhang():
    return candidate("张晓明",
                     open_answer(1, 6, {"k1": 1.0, "k2": 0.5, "k3": 0.0}, {"王经理": 5, "李主管": 6}, notes="表达清楚,缺少跟进"),
                     choice_answer(2, "B"))


def _cohort():
    return [
        _zhang(),  # 5.5 + 2 = 7.5 of 10
        candidate("李四", open_answer(1, 8, {"k1": 1.0, "k2": 1.0, "k3": 1.0}, {"王经理": 2}), choice_answer(2, "A")),  # raters 2 vs scorer 8
        candidate("王五", open_answer(1, 3, {"k1": 1.0, "k2": 0.0, "k3": 0.0}, flags=1), choice_answer(2, "B")),  # 5 of 10, red flag
        candidate("赵六", open_answer(1, 6, {"k1": 1.0, "k2": 1.0, "k3": 0.0}), choice_answer(2, "A")),  # 6 of 10: on the cut-off
    ]


def test_candidate_report_puts_ratings_beside_the_automatic_score():
    report = candidate_report(_zhang())
    assert report.total == 7.5 and report.max_total == 10 and report.auto_total == 8
    first = report.answers[0]
    assert first.auto_score == 6 and first.rater_scores == {"王经理": 5, "李主管": 6}
    assert [point.text for point in first.covered] == ["安抚情绪", "确认问题"]
    assert [point.text for point in first.missed] == ["跟进结果"]
    assert first.key_points[0].evidence == "我会先安抚客户"
    assert report.notes == [(1, "王经理", "表达清楚,缺少跟进"), (1, "李主管", "表达清楚,缺少跟进")]
    assert dict(zip(report.radar_labels, report.radar_shares)) == {"行为": pytest.approx(5.5 / 8), "客观": 1.0}


def test_candidate_report_compares_with_the_cohort_mean():
    cohort = _cohort()
    report = candidate_report(cohort[0], cohort)
    objective = report.radar_labels.index("客观")
    assert report.radar_comparison[objective] == pytest.approx(0.5)  # two of four picked the key


def test_cohort_ranks_and_names_who_needs_a_look():
    cohort = build_cohort(_cohort(), cut_off=0.6)
    assert [row.result.candidate_name for row in cohort.rows] == ["张晓明", "赵六", "王五", "李四"]
    assert [row.rank for row in cohort.rows] == [1, 2, 3, 4]
    reasons = {row.result.candidate_name: " ".join(row.reasons) for row in cohort.rows}
    assert "接近分数线" in reasons["赵六"]
    assert "红线问题:第 2" not in reasons["王五"] and "红线问题:第 1 题" in reasons["王五"]
    assert "评分分歧:第 1 题" in reasons["李四"]
    assert reasons["张晓明"] == ""
    assert cohort.section_shares()["行为面试题"] == pytest.approx([5.5 / 8, 6 / 8, 3 / 8, 2 / 8])


def test_equal_totals_share_a_rank():
    tied = [candidate("甲", choice_answer(1, "B")), candidate("乙", choice_answer(1, "B")), candidate("丙", choice_answer(1, "A"))]
    assert [row.rank for row in build_cohort(tied).rows] == [1, 1, 3]


def test_cohort_csv_opens_in_excel_with_chinese_intact():
    data = to_csv(build_cohort(_cohort()))
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["排名", "候选人", "总分"]
    assert rows[1][1] == "张晓明" and float(rows[1][2]) == 7.5
    assert len(rows) == 5


def test_cohort_xlsx_has_one_row_per_candidate():
    sheet = load_workbook(io.BytesIO(to_xlsx(build_cohort(_cohort()))))["排名"]
    assert sheet.max_row == 5
    header = [cell.value for cell in sheet[1]]
    assert "行为面试题得分" in header and "需复核原因" in header


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_pdf_embeds_a_cjk_font_and_holds_the_chinese_text(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(candidate_pdf(candidate_report(_zhang())))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "WenQuanYi" in line]
    assert cjk and cjk[0].split()[-5] == "yes"  # the "emb" column
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "候选人面试报告" in text and "张晓明" in text and "跟进结果" in text and "表达清楚" in text


def test_charts_render_offline_svg_and_png():
    svg = radar_chart(["行为", "知识", "压力"], [0.5, 0.75, 1.0])
    assert svg.lstrip().startswith(b"<?xml") and b"<svg" in svg
    assert b'href="http' not in svg and b"url(http" not in svg and b"@import" not in svg  # nothing fetched
    assert b"<text" not in svg  # text drawn as paths: no font needed on the viewer's side
    assert score_histogram([1, 5, 7], 10, 0.6, fmt="png").startswith(b"\x89PNG")
    assert section_comparison({"行为面试题": [0.5, 0.7], "单选题": [1.0, 0.0]}, fmt="png").startswith(b"\x89PNG")
