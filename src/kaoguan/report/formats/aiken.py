"""Aiken: single-answer choice questions only, one prompt line, `A. …` options, `ANSWER: X`.

Everything else in a bank (sections, points, explanations, other kinds) has no place in Aiken;
`keep` lists it as lost. On import the bank is titled after the file.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from kaoguan.bank.model import Bank, Question, Section
from kaoguan.report.formats._common import ExchangeFormatError, Loss
from kaoguan.report.formats._common import section_where
from kaoguan.report.formats._keep import Keeper

NAME = "Aiken"
SECTION_TITLE = "单项选择题"
_OPTION = re.compile(r"^([A-Z])[.)]\s*(.*)$")
_ANSWER = re.compile(r"^ANSWER:\s*([A-Z])\s*$")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def write(bank: Bank) -> bytes:
    blocks = []
    for _, question in bank.questions():
        if question.kind != "single_choice" or not question.options or question.answer not in question.options:
            continue
        lines = [_one_line(question.prompt)]
        lines += [f"{letter}. {_one_line(text)}" for letter, text in question.options.items()]
        lines.append(f"ANSWER: {question.answer}")
        blocks.append("\n".join(lines))
    if not blocks:
        raise ExchangeFormatError(f"{bank.title}: no single-choice question with options and an answer key; an Aiken file would be empty")
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


def keep(bank: Bank) -> tuple[Bank, list[Loss]]:
    keeper = Keeper(NAME, bank)
    keeper.note("题库", "title", "Aiken 没有题库标题,再导入时以文件名为标题")
    keeper.drop_bank("source", "Aiken 没有保存来源文件名的位置")
    keeper.drop_bank("warnings", "Aiken 没有保存导入警告的位置")
    kept: list[Question] = []
    for index, section in enumerate(keeper.bank.sections, start=1):
        if len(keeper.bank.sections) > 1 or section.title != SECTION_TITLE:
            keeper.note(section_where(index, section), "section", "Aiken 没有大题,所有题目归入一个大题")
        for question in section.questions:
            if question.kind != "single_choice":
                keeper.note(question.id, "question", f"Aiken 只能保存单选题,此题({question.kind})未导出")
                continue
            if not question.options or question.answer not in question.options:
                keeper.note(question.id, "question", "Aiken 需要选项和答案,此题缺少,未导出")
                continue
            for field in ("label", "points", "explanation", "reference_answer", "rubric", "key_points", "truncated"):
                keeper.drop(question, field)
            if any(not re.fullmatch(r"[A-Z]", letter) for letter in question.options):
                keeper.reletter_options(question)
            flat = _one_line(question.prompt)
            if flat != question.prompt:
                keeper.note(question.id, "prompt", "Aiken 的题干只能占一行,换行被合并")
                question.prompt = flat
            question.options = {letter: _one_line(text) for letter, text in question.options.items()}
            kept.append(question)
    for position, question in enumerate(kept, start=1):
        if question.id != f"s1-q{position}" or question.number != position:
            keeper.note(question.id, "id", f"Aiken 不保存题目编号和题号,此题变为 s1-q{position}")
        question.id, question.number = f"s1-q{position}", position
    keeper.bank.sections = [Section(title=SECTION_TITLE, category="objective", questions=kept)]
    return keeper.bank, keeper.losses


def _title_from(filename: str) -> str:
    name = PurePath(filename).name
    for suffix in (".txt", ".aiken"):
        name = name.removesuffix(suffix)
    return name or "Aiken"


def looks_like(data: bytes) -> bool:
    if b"ANSWER:" not in data[:20000]:
        return False  # checked in C before decoding and scanning line by line; the importer asks about every document
    try:
        text = data[:20000].decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return bool(re.search(r"^ANSWER:\s*[A-Z]\s*$", text, re.M)) and bool(re.search(r"^[A-Z][.)]\s", text, re.M))


def read(data: bytes, filename: str = "bank.txt") -> Bank:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExchangeFormatError(f"{filename}: Aiken must be UTF-8 text (byte {exc.start})") from exc
    questions: list[Question] = []
    prompt: str | None = None
    options: dict[str, str] = {}
    start_line = 0
    for line_no, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        answer = _ANSWER.match(line)
        option = _OPTION.match(line)
        if prompt is None:
            prompt, options, start_line = line, {}, line_no
        elif answer:
            letter = answer.group(1)
            if letter not in options:
                raise ExchangeFormatError(f"{filename}: line {line_no}: ANSWER: {letter} names no option of the question on line {start_line}")
            position = len(questions) + 1
            questions.append(Question(id=f"s1-q{position}", number=position, kind="single_choice",
                                      prompt=prompt, options=options, answer=letter))
            prompt = None
        elif option:
            options[option.group(1)] = option.group(2).strip()
        elif not options:
            prompt = f"{prompt} {line}"  # a prompt broken over lines by an editor
        else:
            raise ExchangeFormatError(f"{filename}: line {line_no}: expected an option like 'A. …' or 'ANSWER: A', got {line[:30]!r}")
    if prompt is not None:
        raise ExchangeFormatError(f"{filename}: the question on line {start_line} has no 'ANSWER:' line")
    if not questions:
        raise ExchangeFormatError(f"{filename}: no Aiken questions found")
    return Bank(title=_title_from(filename), sections=[Section(title=SECTION_TITLE, category="objective", questions=questions)])
