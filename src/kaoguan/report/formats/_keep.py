"""Projections: the part of a bank a format can hold, and a Loss for everything else.

Each format's `keep(bank)` returns the bank exactly as reading the exported file back gives it,
plus the list of what was dropped. The round-trip tests compare `read(write(bank))` with
`keep(bank)`, so a loss that is not reported here makes a test fail.
"""

from __future__ import annotations

from typing import Any

from kaoguan.bank.model import Bank, Question, Section
from kaoguan.report.formats._common import Loss, letters, section_where

_EMPTY: dict[str, Any] = {
    "number": None,
    "label": None,
    "points": None,
    "options": {},
    "answer": None,
    "key_points": [],
    "reference_answer": None,
    "rubric": [],
    "explanation": None,
    "truncated": False,
}

_SECTION_EMPTY: dict[str, Any] = {
    "category": None,
    "instructions": None,
    "declared_count": None,
    "points_per_question": None,
    "declared_total": None,
}


class Keeper:
    """Collects losses while clearing fields on a deep copy of the bank."""

    def __init__(self, fmt: str, bank: Bank) -> None:
        self.fmt = fmt
        self.bank = bank.model_copy(deep=True)
        self.losses: list[Loss] = []

    def drop(self, question: Question, field: str, why: str = "") -> None:
        value = getattr(question, field)
        if value == _EMPTY[field]:
            return
        self.losses.append(Loss(question.id, field, why or f"{self.fmt} 没有保存此项的位置"))
        setattr(question, field, _EMPTY[field])

    def drop_section(self, index: int, section: Section, field: str, why: str = "") -> None:
        value = getattr(section, field)
        if value == _SECTION_EMPTY[field]:
            return
        self.losses.append(Loss(section_where(index, section), field, why or f"{self.fmt} 没有保存此项的位置"))
        setattr(section, field, _SECTION_EMPTY[field])

    def drop_bank(self, field: str, why: str) -> None:
        empty = [] if field == "warnings" else None
        if getattr(self.bank, field) in (empty, None):
            return
        self.losses.append(Loss("题库", field, why))
        setattr(self.bank, field, empty)

    def note(self, where: str, field: str, why: str) -> None:
        self.losses.append(Loss(where, field, why))

    def questions(self):
        for index, section in enumerate(self.bank.sections, start=1):
            for question in section.questions:
                yield index, section, question

    def reletter_options(self, question: Question) -> None:
        """Formats that list options in order re-letter them A, B, C… on import."""
        old = list(question.options)
        new = letters(len(old))
        if old == new:
            return
        mapping = dict(zip(old, new))
        self.note(question.id, "options", f"{self.fmt} 只保存选项顺序,不保存选项字母:{''.join(old)} 变为 {''.join(new)}")
        question.options = {mapping[key]: text for key, text in question.options.items()}
        question.answer = _remap_answer(question.answer, mapping)

    def answer_in_option_order(self, question: Question) -> None:
        if isinstance(question.answer, list):
            order = list(question.options)
            question.answer = sorted(question.answer, key=lambda letter: order.index(letter) if letter in order else len(order))


def _remap_answer(answer, mapping: dict[str, str]):
    if isinstance(answer, str) and answer in mapping:
        return mapping[answer]
    if isinstance(answer, list):
        return [mapping.get(letter, letter) for letter in answer]
    return answer
