"""Feedback in Chinese a candidate can learn from: what was covered (with the words that
covered it), what was missed (with the bank's own phrasing as a hint), red flags and why
they matter, the STAR parts a story lacked, and a one-line summary."""

from __future__ import annotations

from kaoguan.bank.model import Question
from kaoguan.score.model import KeyPointCoverage, RedFlag, StructureReport
from kaoguan.score.redflags import family
from kaoguan.score.structure import STAR_NAMES

_MAX_QUOTE = 60


def _quote(text: str | None) -> str:
    text = (text or "").strip()
    return "“" + (text if len(text) <= _MAX_QUOTE else text[: _MAX_QUOTE - 1] + "…") + "”"


def open_feedback(
    question: Question,
    coverage: list[KeyPointCoverage],
    red_flags: list[RedFlag],
    structure: StructureReport | None,
    score: float,
    max_score: float,
) -> str:
    key_points = {kp.id: kp for kp in question.key_points}
    lines: list[str] = []
    covered = [c for c in coverage if c.coverage == 1.0]
    partly = [c for c in coverage if c.coverage == 0.5]
    missed = [c for c in coverage if c.coverage == 0.0]
    if covered:
        lines.append("已覆盖的要点：")
        lines += [f"  ✓ {key_points[c.id].text} —— 你说：{_quote(c.evidence)}" for c in covered]
    if partly:
        lines.append("部分覆盖（可以说得更具体）：")
        lines += [f"  △ {key_points[c.id].text} —— 你说：{_quote(c.evidence)}；{_hint(key_points[c.id])}" for c in partly]
    if missed:
        lines.append("未覆盖的要点：")
        lines += [f"  ✗ {key_points[c.id].text}；{_hint(key_points[c.id])}" for c in missed]
    if red_flags:
        lines.append("红线问题（出现即封顶至40%分数）：")
        lines += [f"  ⚠ {flag.label}：{_quote(flag.evidence)}。{family(flag.code).why}" for flag in red_flags]
    if structure is not None and structure.missing:
        missing = "、".join(STAR_NAMES[part] for part in structure.missing)
        lines.append(f"回答结构：行为题建议按STAR讲述，本回答缺少{missing}。")
    lines.append(f"总评：{_format_points(score)}/{_format_points(max_score)}分。{_summary(coverage, red_flags, question)}")
    return "\n".join(lines)


def _hint(kp) -> str:
    return f"参考说法：{kp.detail}" if kp.detail else "可以围绕这一点补充具体做法。"


def _summary(coverage: list[KeyPointCoverage], red_flags: list[RedFlag], question: Question) -> str:
    if red_flags:
        return "回答触及合规或服务红线，实际面试中可能被一票否决，请先改掉这类说法。"
    weights = {kp.id: kp.weight for kp in question.key_points}
    total = sum(weights[c.id] for c in coverage) or 1.0
    share = sum(weights[c.id] * c.coverage for c in coverage) / total
    if share >= 0.85:
        return "要点齐全、具体可信，是一份优秀的回答。"
    if share >= 0.6:
        return "回答较好，补上遗漏的要点会更完整。"
    if share >= 0.3:
        return "只覆盖了部分要点，建议对照要点逐条展开，多讲具体做法。"
    return "基本没有切中题目考察的要点，先想清楚题目要考什么，再用具体做法回答。"


def _format_points(value: float) -> str:
    return f"{value:g}"
