"""Honest warnings: every disagreement between what a document declares and what it contains.

Numbers are never corrected: a declared count, points or total stays as written, and the
difference is reported. Messages are in Chinese (they are shown to interviewers); `section` is the
1-based section index, `question` the printed number, `text` the text concerned.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kaoguan.bank.model import Bank, BankWarning, Question, Section
from kaoguan.bank.placeholders import placeholder_in
from kaoguan.ingest.answers import to_number

if TYPE_CHECKING:
    from kaoguan.ingest.normalize import Normalized
    from kaoguan.ingest.parser import ParseResult


@dataclass
class Warnings:
    items: list[BankWarning] = field(default_factory=list)

    def add(self, code: str, message: str, section: int | None = None, question: int | None = None, text: str | None = None) -> None:
        self.items.append(BankWarning(code=code, message=message, section=section, question=question, text=text))


def check_bank(bank: Bank, result: ParseResult, normalized: Normalized, warnings: Warnings) -> None:
    _check_layout(bank, result, warnings)
    placeholders = _may_hold_placeholders(bank)
    for index, section in enumerate(bank.sections, start=1):
        _check_section(section, index, warnings)
        for question in section.questions:
            _check_question(question, index, warnings, placeholders)
    _check_appendix(bank, result, warnings)
    _check_garbled(bank, normalized, warnings)


def _check_layout(bank: Bank, result: ParseResult, warnings: Warnings) -> None:
    if bank.sections and all(raw.implicit for raw in result.sections):
        warnings.add("no_section_headings", "文档没有题型分节标题，全部题目归入一个未命名分节。", section=1)
    if not bank.sections:
        warnings.add("no_section_headings", "文档中没有找到任何分节或题目。")
    boundary_gaps = {(section, after): before for section, before, after in result.numbering_gaps}
    for section_index, number in result.continued_numbering:
        before = boundary_gaps.get((section_index, number))
        lost = f"上一节止于第{before}题，{_missing(before, number)}不在文档中（可能缺页）。" if before is not None else ""
        warnings.add(
            "numbering_continues_across_sections",
            f"第{section_index}节的题号从{number}开始，接续上一节编号，没有从1重新开始。{lost}",
            section=section_index,
            question=number,
        )
    continued = set(result.continued_numbering)
    for section_index, before, after in result.numbering_gaps:
        if (section_index, after) not in continued:
            warnings.add(
                "numbering_gap",
                f"第{section_index}节题号从第{before}题跳到第{after}题，{_missing(before, after)}不在文档中（可能缺页或漏题）。",
                section=section_index,
                question=after,
            )
    if result.preamble:  # one warning for the whole block, not one per line
        warnings.add("unplaced_text", "标题与第一个分节之间的文字无法归入任何题目，原文保留在此。", text="\n".join(result.preamble))
    for item in result.unplaced:
        warnings.add("unplaced_text", "这段文字无法归入任何题目，原文保留在此。", section=item.section, question=item.question, text=item.text)


def _missing(before: int, after: int) -> str:
    """The numbers between two printed question numbers: `第5题` or `第5–7题`."""
    return f"第{before + 1}题" if after - before == 2 else f"第{before + 1}–{after - 1}题"


def _share_points_evenly(section: Section, name: str, index: int, warnings: Warnings) -> None:
    """`（共1题，15分）`, `（共2题，共20分）`: a count and a total but no 每题 give each question without
    points of its own an even share, when it comes out whole (or a half); said in a warning."""
    share = section.declared_total / section.declared_count  # type: ignore[operator]
    if share * 2 != int(share * 2) or all(q.points is not None for q in section.questions):
        return
    share = to_number(str(share))
    for question in section.questions:
        if question.points is None:
            question.points = share
    warnings.add(
        "points_inferred_from_total",
        f"{name}未写明每题分值，按总分{section.declared_total}分÷{section.declared_count}题推算为每题{share}分。",
        section=index,
    )


def _check_section(section: Section, index: int, warnings: Warnings) -> None:
    name = f"第{index}节“{section.title}”" if section.title else f"第{index}节"
    found = len(section.questions)
    if section.declared_count is None and section.points_per_question and section.declared_total is not None:
        inferred = section.declared_total / section.points_per_question
        if float(inferred).is_integer():
            section.declared_count = int(inferred)
            warnings.add(
                "count_inferred_from_total",
                f"{name}未写明题数，按总分{section.declared_total}分÷每题{section.points_per_question}分推算为{int(inferred)}题。",
                section=index,
            )
    elif section.declared_count and section.points_per_question is None and section.declared_total is not None:
        _share_points_evenly(section, name, index, warnings)
    elif section.declared_count is not None and section.points_per_question and section.declared_total is not None:
        expected = section.declared_count * section.points_per_question
        if expected != section.declared_total:
            warnings.add(
                "declared_total_mismatch",
                f"{name}声明总分{section.declared_total}分，但{section.declared_count}题×每题{section.points_per_question}分={to_number(str(expected))}分。",
                section=index,
            )
    if section.declared_total is not None and section.points_per_question is None and found and all(q.points is not None for q in section.questions):
        total = sum(q.points for q in section.questions)  # type: ignore[misc]
        if total != section.declared_total:
            warnings.add(
                "declared_total_mismatch",
                f"{name}声明总分{section.declared_total}分，各题分值合计{to_number(str(total))}分。",
                section=index,
            )
    if section.declared_count is not None and section.declared_count != found:
        warnings.add(
            "declared_count_mismatch",
            f"{name}声明共{section.declared_count}题，实际读到{found}题。",
            section=index,
        )


def _may_hold_placeholders(bank: Bank) -> bool:
    """One search over every answer text of the bank (no placeholder pattern spans the NUL that
    joins them): nearly always none, and then no question needs its own search."""
    texts = []
    for section in bank.sections:
        for question in section.questions:
            if question.reference_answer:
                texts.append(question.reference_answer)
            for key_point in question.key_points:
                texts.append(key_point.text)
                if key_point.detail:
                    texts.append(key_point.detail)
    return placeholder_in("\x00".join(texts)) is not None


def _check_question(question: Question, section: int, warnings: Warnings, placeholders: bool = True) -> None:
    number = question.number
    where = _QuestionPlace(section, number)  # the message's `第2节第5题`, written only for a warning
    if question.truncated:
        warnings.add(
            "truncated_question",
            f"{where}在文档末尾被截断（题干或答案缺失），已保留并标记为截断。",
            section=section,
            question=number,
            text=question.prompt or None,
        )
    if question.points is None:
        warnings.add("missing_points", f"{where}没有分值，所在分节也未声明每题分数。", section=section, question=number)
    # (a rubric's items are what the scorer matches when there are no key points)
    if question.kind == "open" and not question.key_points and not question.rubric and not question.truncated:
        warnings.add("missing_key_points", f"{where}是开放题，但没有答案要点。", section=section, question=number, text=question.prompt[:80] or None)
    if question.is_objective and question.answer is None and not question.truncated:
        warnings.add("missing_answer", f"{where}是客观题，但没有找到答案。", section=section, question=number, text=question.prompt[:80] or None)
    if question.rubric:
        _check_rubric_points(question, where, section, warnings)
    if placeholders:
        _check_placeholders(question, where, section, warnings)


class _QuestionPlace:
    """`第{section}节第{number}题` as a message prefix, formatted only when a warning uses it."""

    __slots__ = ("section", "number")

    def __init__(self, section: int, number: int | None) -> None:
        self.section, self.number = section, number

    def __format__(self, spec: str) -> str:
        return f"第{self.section}节第{self.number if self.number is not None else '?'}题"


def _check_rubric_points(question: Question, where: _QuestionPlace, section: int, warnings: Warnings) -> None:
    rubric_points = [item.points for item in question.rubric if item.points is not None]
    if rubric_points and question.points is not None and len(rubric_points) == len(question.rubric):
        total = sum(rubric_points)
        if total != question.points:
            warnings.add(
                "rubric_points_mismatch",
                f"{where}评分要点合计{to_number(str(total))}分，与本题{question.points}分不一致。",
                section=section,
                question=question.number,
            )


def _check_placeholders(question: Question, where: _QuestionPlace, section: int, warnings: Warnings) -> None:
    texts = [question.reference_answer] + [kp.text for kp in question.key_points] + [kp.detail for kp in question.key_points]
    if not placeholder_in("\x00".join(text for text in texts if text)):
        return  # one search over all texts (no placeholder pattern spans the NUL) says there is none
    for text in texts:
        placeholder = placeholder_in(text)
        if placeholder:
            warnings.add(
                "placeholder_answer",
                f"{where}的参考答案是占位文字（“{placeholder}”），不是答案，不能直接用于评分。",
                section=section,
                question=question.number,
                text=text,
            )
            break


def _check_appendix(bank: Bank, result: ParseResult, warnings: Warnings) -> None:
    appendix = result.appendix
    if appendix is None:
        return
    unanswered = [
        (index, q) for index, section in enumerate(bank.sections, start=1) for q in section.questions
        if (q.is_objective and q.answer is None) or (q.kind == "open" and not q.key_points and not q.reference_answer)
    ]
    partial_note = any(word in appendix.note for word in ("部分", "补充", "示例", "节选", "未完"))
    if unanswered or partial_note:
        detail = f"仍有{len(unanswered)}道题没有答案（{_places(unanswered[:20])}）" if unanswered else "说明只给出了部分答案"
        warnings.add(
            "deferred_answer_key",
            f"文末答案与解析覆盖了{len(appendix.covered)}道题，{detail}，其余答案不在本文档中。",
            text=appendix.note or None,
        )
    elif appendix.note:
        warnings.add("unplaced_text", "答案与解析标题后的说明无法归入任何题目，原文保留在此。", text=appendix.note)


def _places(questions: list[tuple[int, Question]]) -> str:
    """`第1节第2、3题；第3节第1题`: numbers restart per section, so a bare list of numbers is ambiguous."""
    by_section: dict[int, list[str]] = {}
    for section, question in questions:
        by_section.setdefault(section, []).append(str(question.number) if question.number is not None else "?")
    return "；".join(f"第{section}节第{'、'.join(numbers)}题" for section, numbers in by_section.items())


def _check_garbled(bank: Bank, normalized: Normalized, warnings: Warnings) -> None:
    """One warning per question holding garbled text, naming its distinct spans. A mis-decoded
    document repeats the same spans in nearly every line: a warning per occurrence buried the
    user under a hundred thousand identical lines (a 1.2 MB file) and said nothing more."""
    if not normalized.garbled:
        return
    finder = _QuestionFinder(bank)
    spans_by_place: dict[tuple[int | None, int | None], list[str]] = {}
    for span in dict.fromkeys(normalized.garbled):  # distinct spans, in document order
        spans_by_place.setdefault(finder.locate(span), []).append(span)
    for (section_index, number), spans in spans_by_place.items():
        warnings.add("garbled_text", _garbled_message(spans), section=section_index, question=number,
                     text="\n".join(spans))


def _garbled_message(spans: list[str]) -> str:
    why = "（编码错位造成，原字节已丢失，无法可靠还原），原样保留。"
    if len(spans) == 1:
        return f"发现乱码“{spans[0]}”{why}"
    shown = "".join(f"“{span}”" for span in spans[:GARBLED_SPANS_SHOWN])
    more = "等" if len(spans) > GARBLED_SPANS_SHOWN else ""
    return f"发现{len(spans)}处乱码：{shown}{more}{why}"


GARBLED_SPANS_SHOWN = 3  # in the message; the warning's text keeps them all


class _QuestionFinder:
    """The first question (in bank order) whose prompt, reference answer, explanation or key points
    contain a span. A mis-decoded document has a garbled span in nearly every question: looking
    through every question's texts for each span was quadratic (a 0.9 MB bank took 20 s). The texts
    are joined once, NUL between them, so one `str.find` per distinct span finds its first question."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        parts: list[str] = []
        self.starts: list[int] = []  # where each question's texts begin in `joined`
        self.places: list[tuple[int, int | None]] = []  # (section index, question number) of each
        offset = 0
        for index, section in enumerate(bank.sections, start=1):
            for question in section.questions:
                texts = [question.prompt, question.reference_answer or "", question.explanation or ""]
                texts += [kp.text for kp in question.key_points] + [kp.detail or "" for kp in question.key_points]
                self.starts.append(offset)
                self.places.append((index, question.number))
                block = "\x00".join(texts) + "\x00"
                parts.append(block)
                offset += len(block)
        self.joined = "".join(parts)
        self.found: dict[str, tuple[int | None, int | None]] = {}

    def locate(self, span: str) -> tuple[int | None, int | None]:
        if span not in self.found:
            self.found[span] = self._first_place(span)
        return self.found[span]

    def _first_place(self, span: str) -> tuple[int | None, int | None]:
        if "\x00" in span or not span:
            return _locate(self.bank, span)  # a span that could straddle the joins: look text by text
        at = self.joined.find(span)
        if at < 0:
            return None, None
        return self.places[bisect_right(self.starts, at) - 1]


def _locate(bank: Bank, span: str) -> tuple[int | None, int | None]:
    for index, section in enumerate(bank.sections, start=1):
        for question in section.questions:
            texts = [question.prompt, question.reference_answer or "", question.explanation or ""]
            texts += [kp.text for kp in question.key_points] + [kp.detail or "" for kp in question.key_points]
            if any(span in text for text in texts):
                return index, question.number
    return None, None
