"""GIFT, Moodle's plain-text question format.

GIFT holds the prompt, options, the answer key and a general feedback (our explanation); it has
no points, key points, reference answers or rubrics. Question ids and our tags travel in the
`// [id:…] [tag:…]` comment that Moodle reads before a question.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from kaoguan.bank.model import Bank, BankWarning, Question, Section
from kaoguan.report.formats._common import ExchangeFormatError, Loss, letters, question_tags, read_tags
from kaoguan.report.formats._keep import Keeper
from kaoguan.report.formats.moodle import _FRACTION_OF, _display_name, _path, _split_path

NAME = "GIFT"
_SPECIAL = "~=#{}:\\"


def escape(text: str) -> str:
    escaped = "".join("\\" + char if char in _SPECIAL else char for char in text)
    return escaped.replace("\r\n", "\n").replace("\n", "\\n")


def unescape(text: str) -> str:
    out, index = [], 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            following = text[index + 1]
            out.append("\n" if following == "n" else following)
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out)


# ---------------------------------------------------------------- writing


def write(bank: Bank) -> bytes:
    blocks = [f"// {bank.title}\n$CATEGORY: {_path(bank.title)}"]
    for section in bank.sections:
        blocks.append(f"$CATEGORY: {_path(bank.title, section.title)}")
        blocks.extend(_question(section, question) for question in section.questions)
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


def _question(section: Section, question: Question) -> str:
    comment = f"// [id:{question.id}]" + "".join(f" [tag:{tag}]" for tag in question_tags(section, question))
    head = f"::{escape(_display_name(question))}::{escape(question.prompt)}"
    feedback = f"####{escape(question.explanation)}" if question.explanation else ""
    return f"{comment}\n{head}{{{_answer_block(question)}{feedback}}}"


def _answer_block(question: Question) -> str:
    if question.kind == "true_false":
        return "TRUE" if question.answer is True else "FALSE"
    if question.kind == "fill_blank":
        return f"={escape(str(question.answer))}" if question.answer not in (None, "") else ""
    if question.kind == "open":
        return ""
    if question.kind == "single_choice":
        return "".join(f"\n{'=' if letter == question.answer else '~'}{escape(text)}" for letter, text in question.options.items()) + "\n"
    correct = question.answer if isinstance(question.answer, list) else []
    right = _FRACTION_OF.get(max(len(correct), 1), "10")
    return "".join(f"\n~%{right if letter in correct else '-' + right}%{escape(text)}" for letter, text in question.options.items()) + "\n"


# ---------------------------------------------------------------- what survives


def keep(bank: Bank) -> tuple[Bank, list[Loss]]:
    keeper = Keeper(NAME, bank)
    keeper.drop_bank("source", "GIFT 没有保存来源文件名的位置")
    keeper.drop_bank("warnings", f"GIFT 没有保存导入警告的位置(丢弃 {len(bank.warnings)} 条)")
    for index, section in enumerate(keeper.bank.sections, start=1):
        keeper.drop_section(index, section, "instructions")
        for field in ("declared_count", "points_per_question", "declared_total"):
            keeper.drop_section(index, section, field)
        if not section.questions:
            keeper.drop_section(index, section, "category", "空类别没有题目标签,类别无法保存")
    for _, _, question in keeper.questions():
        for field in ("points", "key_points", "reference_answer", "rubric"):
            keeper.drop(question, field, "GIFT 不保存分值、答案要点、参考答案和评分细则")
        if question.kind in ("true_false", "fill_blank", "open"):
            keeper.drop(question, "options", f"GIFT 的此类题目({question.kind})没有选项")
        if question.kind == "open":
            keeper.drop(question, "answer", "GIFT 问答题没有标准答案")
        if question.kind == "true_false" and question.answer is None:
            keeper.note(question.id, "answer", "GIFT 判断题必须给出 TRUE 或 FALSE;缺少答案时写为 FALSE")
            question.answer = False
        if question.kind == "fill_blank" and question.answer in (None, ""):
            keeper.note(question.id, "kind", "没有答案的 GIFT 填空题再导入时会变成问答题")
            question.kind, question.answer = "open", None
        elif question.kind == "fill_blank":
            question.answer = str(question.answer)
        if question.kind in ("single_choice", "multiple_choice"):
            keeper.reletter_options(question)
            keeper.answer_in_option_order(question)
    return keeper.bank, keeper.losses


# ---------------------------------------------------------------- reading

_ANSWER_BLOCK = re.compile(r"(?<!\\)\{")
_NAME = re.compile(r"^::(.*?)(?<!\\)::", re.S)


def looks_like(data: bytes) -> bool:
    """GIFT when most question blocks (blank-line separated, comments aside) carry an answer block.

    A stray `{=…}` in an ordinary document or web page is not enough."""
    if b"{" not in data[:200000]:
        return False  # no answer block at all; checked in C before decoding and splitting into blocks
    try:
        text = data[:200000].decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    if text.lstrip().startswith("<"):
        return False  # HTML or XML
    blocks = [[line for line in lines if not line.strip().startswith(("//", "$CATEGORY:"))] for _, lines in _blocks(text)]
    blocks = [block for block in blocks if block]
    if not blocks:
        return False
    with_answers = sum(1 for block in blocks if _ANSWER_SHAPE.search("\n".join(block)))
    return with_answers >= max(1, (len(blocks) + 1) // 2)


# An answer block: {} (essay), {T}/{F}/{TRUE}/{FALSE}, or choices/answers starting with = or ~.
_ANSWER_SHAPE = re.compile(r"(?<!\\)\{\s*(?:\}|(?:T|F|TRUE|FALSE)\s*(?:#[^}]*)?\}|[=~%#])", re.S)


def read(data: bytes, filename: str = "bank.gift") -> Bank:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExchangeFormatError(f"{filename}: GIFT must be UTF-8 text (byte {exc.start})") from exc
    reader = _Reader(filename)
    for line_no, block in _blocks(text):
        reader.block(line_no, block)
    return reader.bank()


def _blocks(text: str):
    """Questions are separated by blank lines; yields (first line number, lines)."""
    lines = text.replace("\r\n", "\n").split("\n")
    current: list[str] = []
    start = 1
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            yield start, current
            current = []
    if current:
        yield start, current


class _Reader:
    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.title: str | None = None
        self.sections: list[Section] = []
        self.warnings: list[BankWarning] = []

    def bank(self) -> Bank:
        sections = [section for section in self.sections if section.questions]
        return Bank(title=self.title or PurePath(self.filename).stem, sections=sections, warnings=self.warnings)

    def block(self, line_no: int, lines: list[str]) -> None:
        comments = [line.strip()[2:] for line in lines if line.strip().startswith("//")]
        body = [line for line in lines if not line.strip().startswith("//")]
        categories = [line for line in body if line.strip().startswith("$CATEGORY:")]
        for line in categories:
            self._category(line.strip()[len("$CATEGORY:"):].strip())
        body = [line for line in body if not line.strip().startswith("$CATEGORY:")]
        if not body:
            return
        question_text = "\n".join(body)
        try:
            self._question(question_text, " ".join(comments), line_no)
        except ExchangeFormatError as exc:
            raise ExchangeFormatError(f"{self.filename}: line {line_no}: {exc}") from exc

    def _category(self, path: str) -> None:
        parts = _split_path(path)
        if parts and self.title is None:
            self.title = parts[0]
        if len(parts) >= 2:
            self.sections.append(Section(title=parts[-1]))

    def _current(self) -> Section:
        if not self.sections:
            self.sections.append(Section(title="未分类"))
        return self.sections[-1]

    def _question(self, text: str, comment: str, line_no: int) -> None:
        section = self._current()
        ids = re.findall(r"\[id:([^\]]+)\]", comment)
        facts = read_tags(re.findall(r"\[tag:([^\]]+)\]", comment))
        if facts.category and section.category is None:
            section.category = facts.category
        text = text.strip()
        name = _NAME.match(text)
        if name:
            text = text[name.end():]
        text = re.sub(r"^\[(html|moodle|plain|markdown)\]", "", text)
        opening = _ANSWER_BLOCK.search(text)
        if not opening:
            # A block without answers is a description; keep its words rather than drop them.
            self.warnings.append(BankWarning(code="unplaced_text", section=len(self.sections), text=unescape(text),
                                             message=f"line {line_no}: GIFT text without an answer block"))
            return
        closing = _find_closing(text, opening.end())
        if closing is None:
            raise ExchangeFormatError("an answer block opened with { is never closed with }")
        before, inside, after = text[: opening.start()], text[opening.end(): closing], text[closing + 1:]
        prompt = unescape(before.strip() + ("____" + after.strip() if after.strip() else ""))
        position = len(section.questions) + 1
        fields = {
            "id": ids[0].strip() if ids else f"s{len(self.sections)}-q{position}",
            "number": facts.number,
            "label": facts.label,
            "prompt": prompt.strip(),
            "truncated": facts.truncated,
        }
        question = _answers(inside, fields)
        if question is None:
            self.warnings.append(BankWarning(code="unplaced_text", section=len(self.sections), text=fields["prompt"],
                                             message=f"line {line_no}: this GIFT question type (numeric or matching) is not supported"))
            return
        section.questions.append(question)


def _find_closing(text: str, start: int) -> int | None:
    index = start
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] == "}":
            return index
        index += 1
    return None


def _split_unescaped(text: str, marks: str) -> list[tuple[str, str]]:
    """Splits `=a ~b` into [("=", "a"), ("~", "b")], honouring backslash escapes."""
    parts: list[tuple[str, str]] = []
    mark, buffer, index = "", [], 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            buffer.append(text[index: index + 2])
            index += 2
            continue
        if char in marks:
            if mark or "".join(buffer).strip():
                parts.append((mark, "".join(buffer)))
            mark, buffer = char, []
        else:
            buffer.append(char)
        index += 1
    if mark or "".join(buffer).strip():
        parts.append((mark, "".join(buffer)))
    return parts


def _answers(inside: str, fields: dict) -> Question | None:
    feedback_at = _unescaped_index(inside, "####")
    explanation = None
    if feedback_at is not None:
        explanation = unescape(inside[feedback_at + 4:]).strip() or None
        inside = inside[:feedback_at]
    fields["explanation"] = explanation
    body = inside.strip()
    if not body:
        return Question(kind="open", **fields)
    if body.upper() in ("T", "TRUE", "F", "FALSE") or re.fullmatch(r"(?i)(T|TRUE|F|FALSE)\s*#.*", body, re.S):
        return Question(kind="true_false", answer=body.upper().startswith("T"), **fields)
    if body.startswith("#") or "->" in body:
        return None
    parts = _split_unescaped(body, "=~")
    if any(mark == "" for mark, _ in parts):
        raise ExchangeFormatError(f"answer text {parts[0][1].strip()[:20]!r} must start with = or ~")
    choices = [(mark, _without_feedback(value)) for mark, value in parts]
    if all(mark == "=" for mark, _ in choices):
        return Question(kind="fill_blank", answer=unescape(choices[0][1][1]).strip(), **fields)
    keys = letters(len(choices))
    options = {key: unescape(text).strip() for key, (_, (_, text)) in zip(keys, choices)}
    if any(weight is not None for _, (weight, _) in choices):
        correct = [key for key, (mark, (weight, _)) in zip(keys, choices) if (weight or 0) > 0 or mark == "="]
        return Question(kind="multiple_choice", options=options, answer=correct or None, **fields)
    correct = [key for key, (mark, _) in zip(keys, choices) if mark == "="]
    return Question(kind="single_choice", options=options, answer=correct[0] if correct else None, **fields)


def _without_feedback(value: str) -> tuple[float | None, str]:
    """`%50%text#feedback` → (50.0, "text")."""
    weight = None
    match = re.match(r"\s*%(-?[\d.]+)%", value)
    if match:
        weight = float(match.group(1))
        value = value[match.end():]
    cut = _unescaped_index(value, "#")
    return weight, value[:cut] if cut is not None else value


def _unescaped_index(text: str, needle: str) -> int | None:
    index = 0
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text.startswith(needle, index):
            return index
        index += 1
    return None
