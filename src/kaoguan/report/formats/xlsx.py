"""The Excel template: one row per question, key points in columns, a sheet with the bank's title.

Column headers are Chinese because recruiters edit this file by hand; the reader accepts the
Chinese labels and the Bank JSON codes for kinds and categories.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from kaoguan.bank.model import Bank, KeyPoint, Question, RubricItem, Section
from kaoguan.report.formats._common import ExchangeFormatError, Loss, number_text, parse_number
from kaoguan.report.formats._keep import Keeper

NAME = "Excel"
QUESTION_SHEET = "题目"
INFO_SHEET = "题库"
SECTION_COLUMNS = ["节序", "节标题", "节类别", "节说明", "节题数", "节每题分值", "节总分"]
QUESTION_COLUMNS = ["题号", "序号", "题型", "标签", "题目", "分值"]
AFTER_OPTIONS = ["答案", "参考答案", "评分要点", "解析", "截断"]
KEY_POINT_FIELDS = ["", "说明", "权重", "分组"]  # 要点1, 要点1说明, 要点1权重, 要点1分组

KIND_LABELS = {"single_choice": "单选题", "multiple_choice": "多选题", "true_false": "判断题", "fill_blank": "填空题", "open": "问答题"}
CATEGORY_LABELS = {"behavioral": "行为", "situational": "情景", "knowledge": "知识", "stress": "压力", "objective": "客观", "other": "其他"}
_TRUE = {"对", "正确", "是", "√", "t", "true", "1", "y", "yes"}
_FALSE = {"错", "错误", "否", "×", "f", "false", "0", "n", "no"}
_RUBRIC_LINE = re.compile(r"^(?P<item>.*?)(?:\((?P<points>-?\d+(?:\.\d+)?)分\))?(?::(?P<text>.*))?$", re.S)


# ---------------------------------------------------------------- writing


def header(option_letters: list[str], key_point_count: int) -> list[str]:
    columns = SECTION_COLUMNS + QUESTION_COLUMNS + [f"选项{letter}" for letter in option_letters] + AFTER_OPTIONS
    for index in range(1, key_point_count + 1):
        columns += [f"要点{index}{suffix}" for suffix in KEY_POINT_FIELDS]
    return columns


def _option_letters(bank: Bank) -> list[str]:
    seen = {letter for _, question in bank.questions() for letter in question.options}
    ordered = sorted(seen, key=lambda letter: (len(letter), letter))
    return ordered or ["A", "B", "C", "D"]


def write(bank: Bank) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = QUESTION_SHEET
    option_letters = _option_letters(bank)
    key_point_count = max([len(q.key_points) for _, q in bank.questions()] + [3])
    columns = header(option_letters, key_point_count)
    sheet.append(columns)
    row_number = 1
    for index, section in enumerate(bank.sections, start=1):
        section_cells = [index, section.title, CATEGORY_LABELS.get(section.category or "", ""), section.instructions,
                         section.declared_count, section.points_per_question, section.declared_total]
        rows = [section_cells + _question_cells(question, option_letters) for question in section.questions] or [section_cells]
        for cells in rows:
            row_number += 1
            _write_row(sheet, row_number, cells)
    _style(sheet, columns)
    info = workbook.create_sheet(INFO_SHEET)
    info.append(["标题", bank.title])
    info.append(["来源", bank.source])
    info.column_dimensions["A"].width = 10
    info.column_dimensions["B"].width = 60
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def blank_template() -> bytes:
    """An empty template with one example row, for recruiters who write a bank in Excel."""
    example = Bank(title="新题库", sections=[Section(
        title="行为面试题", category="behavioral", instructions="请结合自身经历回答。", points_per_question=8,
        questions=[Question(id="s1-q1", number=1, prompt="请举例说明你如何安抚一位情绪激动的客户。", points=8, key_points=[
            KeyPoint(id="k1", text="先安抚情绪", detail="“非常抱歉给您带来不便,我理解您的心情。”"),
            KeyPoint(id="k2", text="确认问题并给出方案"),
            KeyPoint(id="k3", text="跟进并反馈结果")])])])
    return write(example)


def _question_cells(question: Question, option_letters: list[str]) -> list[Any]:
    cells: list[Any] = [question.id, question.number, KIND_LABELS[question.kind], question.label, question.prompt, question.points]
    cells += [question.options.get(letter) for letter in option_letters]
    cells += [_answer_text(question), question.reference_answer, _rubric_text(question.rubric), question.explanation,
              "是" if question.truncated else None]
    for point in question.key_points:
        cells += [point.text, point.detail, point.weight, point.group]
    return cells


_WRAP = Alignment(wrap_text=True, vertical="top")


def _write_row(sheet, row_number: int, cells: list[Any]) -> None:
    for column, value in enumerate(cells, start=1):
        if value is None:
            continue
        cell = sheet.cell(row=row_number, column=column, value=value)
        # A text that starts with "=" must stay text, never become a formula.
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"
        if isinstance(value, str):
            cell.alignment = _WRAP


def _answer_text(question: Question) -> str | None:
    answer = question.answer
    if isinstance(answer, bool):
        return "对" if answer else "错"
    if isinstance(answer, list):
        return "".join(answer)
    return answer


def _rubric_text(rubric: list[RubricItem]) -> str | None:
    lines = []
    for line in rubric:
        points = f"({number_text(line.points)}分)" if line.points is not None else ""
        text = f":{line.text}" if line.text else ""
        lines.append(f"{line.item}{points}{text}")
    return "\n".join(lines) or None


def _style(sheet, columns: list[str]) -> None:
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill
    sheet.freeze_panes = "A2"
    wide = {"题目": 50, "参考答案": 40, "评分要点": 30, "解析": 30, "节说明": 30}
    for index, name in enumerate(columns, start=1):
        width = wide.get(name, 28 if re.fullmatch(r"要点\d+(说明)?", name) else 10)
        sheet.column_dimensions[get_column_letter(index)].width = width


# ---------------------------------------------------------------- what survives


def keep(bank: Bank) -> tuple[Bank, list[Loss]]:
    keeper = Keeper(NAME, bank)
    keeper.drop_bank("warnings", f"Excel 模板没有保存导入警告的位置(丢弃 {len(bank.warnings)} 条)")
    for _, _, question in keeper.questions():
        for position, point in enumerate(question.key_points, start=1):
            if point.id != f"k{position}":
                keeper.note(question.id, "key_points", f"答案要点编号按 k1、k2… 重排:{point.id} 变为 k{position}")
                point.id = f"k{position}"
        if question.kind == "true_false" and question.options:
            keeper.drop(question, "options", "判断题行不保存选项")
        if question.kind == "multiple_choice":
            keeper.answer_in_option_order(question)
            question.answer = question.answer or None
    return keeper.bank, keeper.losses


# ---------------------------------------------------------------- reading


def looks_like(data: bytes) -> bool:
    if not data.startswith(b"PK"):
        return False
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        return False
    if QUESTION_SHEET not in workbook.sheetnames:
        return False
    first = next(workbook[QUESTION_SHEET].iter_rows(max_row=1, values_only=True), ())
    return {"题目", "题型"} <= {str(value) for value in first if value is not None}


def read(data: bytes, filename: str = "bank.xlsx") -> Bank:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ExchangeFormatError(f"{filename}: not an Excel workbook ({exc})") from exc
    if QUESTION_SHEET not in workbook.sheetnames:
        raise ExchangeFormatError(f"{filename}: no sheet named {QUESTION_SHEET!r} (the template's question sheet)")
    rows = workbook[QUESTION_SHEET].iter_rows(values_only=True)
    columns = [str(value).strip() if value is not None else "" for value in next(rows, ())]
    missing = [name for name in ("题目", "题型") if name not in columns]
    if missing:
        raise ExchangeFormatError(f"{filename}: sheet {QUESTION_SHEET}, row 1: missing column(s) {'、'.join(missing)}")
    title, source = _info(workbook, filename)
    sections: list[Section] = []
    section_keys: list[Any] = []
    for row_no, values in enumerate(rows, start=2):
        row = {name: _clean(value) for name, value in zip(columns, values) if name}
        if all(value is None for value in row.values()):
            continue
        try:
            section = _section_for(row, sections, section_keys)
            if row.get("题目") is not None or row.get("题号") is not None:
                section.questions.append(_question(row, columns, len(sections), len(section.questions) + 1))
        except (ExchangeFormatError, ValueError) as exc:
            raise ExchangeFormatError(f"{filename}: sheet {QUESTION_SHEET}, row {row_no}: {exc}") from exc
    return Bank(title=title, source=source, sections=sections)


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        value = value.replace("\r\n", "\n")
        return value if value.strip() else None
    return value


def _info(workbook, filename: str) -> tuple[str, str | None]:
    title, source = PurePath(filename).stem, None
    if INFO_SHEET in workbook.sheetnames:
        for key, value, *_ in workbook[INFO_SHEET].iter_rows(values_only=True):
            if key == "标题" and value:
                title = str(value)
            elif key == "来源" and value:
                source = str(value)
    return title, source


def _section_for(row: dict[str, Any], sections: list[Section], keys: list[Any]) -> Section:
    key = (row.get("节序"), row.get("节标题"))
    if sections and (key == keys[-1] or key == (None, None)):
        return sections[-1]
    section = Section(
        title=str(row.get("节标题") or "未分类"),
        category=_code(row.get("节类别"), CATEGORY_LABELS, "节类别"),
        instructions=_text(row.get("节说明")),
        declared_count=_int(row.get("节题数")),
        points_per_question=_number(row.get("节每题分值")),
        declared_total=_number(row.get("节总分")),
    )
    sections.append(section)
    keys.append(key)
    return section


def _question(row: dict[str, Any], columns: list[str], section_index: int, position: int) -> Question:
    prompt = _text(row.get("题目")) or ""  # a truncated question may have lost its prompt; keep the row
    kind = _code(row.get("题型"), KIND_LABELS, "题型") or "open"
    options = {name[2:]: str(row[name]) for name in columns if re.fullmatch(r"选项[A-Z]", name) and row.get(name) is not None}
    return Question(
        id=_text(row.get("题号")) or f"s{section_index}-q{position}",
        number=_int(row.get("序号")),
        kind=kind,
        label=_text(row.get("标签")),
        prompt=prompt,
        points=_number(row.get("分值")),
        options=options,
        answer=_answer(kind, row.get("答案"), options),
        key_points=_key_points(row, columns),
        reference_answer=_text(row.get("参考答案")),
        rubric=_rubric(row.get("评分要点")),
        explanation=_text(row.get("解析")),
        truncated=str(row.get("截断") or "").strip().lower() in _TRUE,
    )


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _int(value: Any) -> int | None:
    number = _number(value)
    if number is not None and float(number).is_integer():
        return int(number)
    if number is not None:
        raise ExchangeFormatError(f"{value!r} should be a whole number")
    return None


def _number(value: Any) -> int | float | None:
    if value is None or isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return parse_number(str(value))


def _code(value: Any, labels: dict[str, str], column: str) -> Any:
    if value is None:
        return None
    text = str(value).strip()
    if text in labels:
        return text
    for code, label in labels.items():
        if text == label or text.rstrip("题类") == label.rstrip("题"):
            return code
    raise ExchangeFormatError(f"{column} {text!r} is not one of {'、'.join(labels.values())}")


def _answer(kind: str, value: Any, options: dict[str, str]):
    if value is None:
        return None
    text = str(value).strip()
    if kind == "true_false":
        if isinstance(value, bool):
            return value
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise ExchangeFormatError(f"答案 {text!r} of a 判断题 should be 对 or 错")
    if kind == "multiple_choice":
        return re.findall(r"[A-Z]", text.upper()) or None
    if kind == "single_choice":
        return text.upper()
    return text


def _rubric(value: Any) -> list[RubricItem]:
    lines = [line.strip() for line in str(value or "").split("\n") if line.strip()]
    items = []
    for line in lines:
        match = _RUBRIC_LINE.match(line)
        items.append(RubricItem(item=match["item"].strip(), points=parse_number(match["points"]), text=match["text"]))
    return items


def _key_points(row: dict[str, Any], columns: list[str]) -> list[KeyPoint]:
    points = []
    numbers = sorted({int(match[1]) for name in columns if (match := re.fullmatch(r"要点(\d+)", name))})
    for number in numbers:
        text = row.get(f"要点{number}")
        if text is None:
            continue
        weight = row.get(f"要点{number}权重")
        points.append(KeyPoint(id=f"k{len(points) + 1}", text=str(text), detail=_text(row.get(f"要点{number}说明")),
                               weight=float(weight) if weight is not None else 1.0, group=_text(row.get(f"要点{number}分组"))))
    return points
