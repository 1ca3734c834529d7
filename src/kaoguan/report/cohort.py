"""The cohort view of one paper: ranking, score distribution, per-section comparison, and the
candidates a person should look at before deciding (near the cut-off, raters and scorer apart,
red flags, answers nobody has scored)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from kaoguan.report.results import CandidateResult

DEFAULT_CUT_OFF = 0.6  # share of the maximum; recruiters usually pass at 60%
NEAR_CUT_OFF = 0.05  # within five percentage points of the cut-off is "too close to call"


@dataclass
class CohortRow:
    rank: int
    result: CandidateResult
    reasons: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.result.total / self.result.max_total if self.result.max_total else 0.0


@dataclass
class Cohort:
    paper_title: str
    cut_off: float
    rows: list[CohortRow]

    @property
    def sections(self) -> list[str]:
        seen: dict[str, None] = {}
        for row in self.rows:
            for title in row.result.by_section():
                seen.setdefault(title, None)
        return list(seen)

    @property
    def needs_review(self) -> list[CohortRow]:
        return [row for row in self.rows if row.reasons]

    def passes(self, row: CohortRow) -> bool:
        return row.share >= self.cut_off

    def section_shares(self) -> dict[str, list[float]]:
        """Each section's score share per candidate, for the comparison chart."""
        shares: dict[str, list[float]] = {title: [] for title in self.sections}  # one walk, not per row
        for row in self.rows:
            for title, (score, maximum) in row.result.by_section().items():
                shares[title].append(score / maximum if maximum else 0.0)
        return shares


def build_cohort(results: list[CandidateResult], cut_off: float = DEFAULT_CUT_OFF,
                 tolerance: float = 0.15) -> Cohort:
    """Rank candidates by total (ties share a rank) and list why each needs a human look.

    `tolerance`: a rater-vs-scorer or rater-vs-rater gap above this share of the question's points
    (and at least one point) counts as disagreement."""
    ordered = sorted(results, key=lambda result: (-result.total, str(result.candidate_name)))
    rows: list[CohortRow] = []
    for index, result in enumerate(ordered):
        rank = rows[-1].rank if rows and abs(rows[-1].result.total - result.total) < 1e-9 else index + 1
        rows.append(CohortRow(rank, result, review_reasons(result, cut_off, tolerance)))
    title = results[0].paper_title if results else ""
    return Cohort(title, cut_off, rows)


def review_reasons(result: CandidateResult, cut_off: float, tolerance: float) -> list[str]:
    reasons = []
    share = result.total / result.max_total if result.max_total else 0.0
    if abs(share - cut_off) <= NEAR_CUT_OFF:
        reasons.append(f"总分接近分数线({share:.0%} / 分数线 {cut_off:.0%})")
    disputed = []
    for answer in result.answers:
        allowed = max(1.0, tolerance * answer.max_score)
        rated = [rating.score for rating in answer.ratings if rating.score is not None]
        apart = answer.auto is not None and answer.rater_score is not None and abs(answer.rater_score - answer.auto.score) > allowed
        spread = len(rated) >= 2 and max(rated) - min(rated) > allowed
        if apart or spread:
            disputed.append(answer.position)
    if disputed:
        reasons.append("评分分歧:第 " + "、".join(str(p) for p in disputed) + " 题")
    flagged = [answer.position for answer in result.answers if answer.auto is not None and answer.auto.red_flags]
    if flagged:
        reasons.append("红线问题:第 " + "、".join(str(p) for p in flagged) + " 题")
    unscored = [answer.position for answer in result.answers if answer.final_score is None]
    if unscored:
        reasons.append("尚未评分:第 " + "、".join(str(p) for p in unscored) + " 题")
    return reasons


# ---------------------------------------------------------------- exports

def table(cohort: Cohort) -> tuple[list[str], list[list]]:
    titles = cohort.sections  # computed once: it walks every candidate
    header = ["排名", "候选人", "总分", "满分", "得分率", "自动评分", "是否达线"]
    header += [f"{title}得分" for title in titles] + ["红线数", "需复核原因"]
    body = []
    for row in cohort.rows:
        sections = row.result.by_section()
        line = [row.rank, row.result.candidate_name, round(row.result.total, 2), row.result.max_total,
                round(row.share, 4), round(row.result.auto_total, 2), "是" if cohort.passes(row) else "否"]
        line += [round(sections[title][0], 2) if title in sections else None for title in titles]
        line += [row.result.red_flag_count, ";".join(row.reasons)]
        body.append(line)
    return header, body


def to_csv(cohort: Cohort) -> bytes:
    header, body = table(cohort)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for line in body:
        # A cell starting with = + - @ would run as a formula in Excel: prefix it with a quote.
        writer.writerow([f"'{cell}" if isinstance(cell, str) and cell[:1] in "=+-@" else cell for cell in line])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8 Chinese


def to_xlsx(cohort: Cohort) -> bytes:
    header, body = table(cohort)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "排名"
    sheet.append(header)
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for row_number, line in enumerate(body, start=2):
        for column, value in enumerate(line, start=1):
            cell = sheet.cell(row=row_number, column=column, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"
    share_column = header.index("得分率") + 1
    for (cell,) in sheet.iter_rows(min_row=2, min_col=share_column, max_col=share_column):
        cell.number_format = "0.0%"
    sheet.column_dimensions["B"].width = 14
    sheet.column_dimensions[sheet.cell(row=1, column=len(header)).column_letter].width = 50
    sheet.freeze_panes = "C2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
