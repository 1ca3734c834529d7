"""Speed of the report stage: exports of a large bank, item statistics over a large cohort,
chart and PDF rendering. Prints figures; asserts nothing (see tests/report for behaviour).

    .venv/bin/python bench/report_bench.py
"""

from __future__ import annotations

import random
import resource
import time
from pathlib import Path

from kaoguan.bank.io import load_bank
from kaoguan.report.candidate import candidate_report
from kaoguan.report.charts import radar_chart, score_histogram, section_comparison
from kaoguan.report.cohort import build_cohort, to_csv, to_xlsx
from kaoguan.report.formats import FORMATS, export_bank, import_exchange
from kaoguan.report.pdf import candidate_pdf
from kaoguan.report.results import AnswerResult, CandidateResult, Rating
from kaoguan.report.stats import item_statistics
from kaoguan.score.model import KeyPointCoverage, Score

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "report" / "fixtures" / "mixed-bank.json"


def timed(label: str, function, repeat: int = 1):
    start = time.perf_counter()
    for _ in range(repeat):
        value = function()
    elapsed = (time.perf_counter() - start) / repeat
    print(f"{label:<48} {elapsed * 1000:9.1f} ms")
    return value


def big_bank(copies: int):
    """The fixture bank's sections repeated until it has about copies × 10 questions."""
    bank = load_bank(FIXTURE)
    sections = []
    for copy in range(copies):
        for index, section in enumerate(bank.sections, start=1):
            clone = section.model_copy(deep=True)
            clone.title = f"{section.title} {copy + 1}"
            for question in clone.questions:
                question.id = f"c{copy}-{question.id}"
            sections.append(clone)
    bank.sections = sections
    return bank


def synthetic_cohort(bank, candidates: int, seed: int = 7) -> list[CandidateResult]:
    rng = random.Random(seed)
    questions = [(section, question) for section, question in bank.questions()]
    results = []
    for number in range(candidates):
        ability = rng.random()
        answers = []
        for position, (section, question) in enumerate(questions, start=1):
            points = float(question.points or 1)
            if question.is_objective:
                right = rng.random() < 0.3 + 0.6 * ability
                picked = question.answer if right and isinstance(question.answer, str) else "A"
                score = Score(answer_id=f"{number}-{position}", question_id=question.id, score=points if right else 0.0,
                              max_score=points, correct=right)
                text = picked if isinstance(picked, str) else "A"
            else:
                marks = [rng.choice([0.0, 0.5, 1.0]) if rng.random() < ability + 0.2 else 0.0 for _ in question.key_points]
                coverage = [KeyPointCoverage(id=p.id, coverage=m) for p, m in zip(question.key_points, marks)]
                value = round(points * (sum(marks) / max(len(marks), 1)))
                score = Score(answer_id=f"{number}-{position}", question_id=question.id, score=value, max_score=points, key_points=coverage)
                text = "我会先安抚客户情绪……"
            ratings = [Rating("王经理", min(points, max(0.0, score.score + rng.choice([-1, 0, 0, 1]))))] if not question.is_objective else []
            answers.append(AnswerResult(position, question, section.title, section.category, text, score, ratings))
        results.append(CandidateResult(number, f"考生{number:04d}", "基准试卷", answers))
    return results


def main() -> None:
    bank = big_bank(100)
    print(f"bank: {bank.question_count} questions")
    for name in FORMATS:
        exported = timed(f"export {name}", lambda name=name: export_bank(bank, name))
        if FORMATS[name].read is not None:
            timed(f"import {name} ({len(exported.data) / 1024:.0f} KiB)", lambda e=exported, n=name: import_exchange(e.data, "b" + FORMATS[n].extension))

    small = load_bank(FIXTURE)
    for candidates in (100, 1000):
        cohort = synthetic_cohort(small, candidates)
        stats = timed(f"item statistics, {candidates} candidates × {small.question_count} items", lambda c=cohort: item_statistics(c))
        print(f"{'':<48} alpha = {stats.alpha:.3f}, flagged items = {len(stats.flagged)}")
        built = timed(f"cohort ranking, {candidates} candidates", lambda c=cohort: build_cohort(c))
        timed(f"cohort CSV, {candidates} candidates", lambda b=built: to_csv(b))
        timed(f"cohort Excel, {candidates} candidates", lambda b=built: to_xlsx(b))

    cohort = synthetic_cohort(small, 50)
    report = candidate_report(cohort[0], cohort)
    timed("radar chart SVG", lambda: radar_chart(report.radar_labels, report.radar_shares), repeat=5)
    timed("score histogram SVG", lambda: score_histogram([c.total for c in cohort], cohort[0].max_total, 0.6), repeat=5)
    timed("section comparison SVG", lambda: section_comparison(build_cohort(cohort).section_shares()), repeat=5)
    pdf = timed("candidate PDF (first, registers the font)", lambda: candidate_pdf(report))
    timed("candidate PDF", lambda: candidate_pdf(report), repeat=5)
    print(f"{'candidate PDF size':<48} {len(pdf) / 1024:9.1f} KiB")
    print(f"{'peak RSS':<48} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:9.1f} MiB")


if __name__ == "__main__":
    main()
