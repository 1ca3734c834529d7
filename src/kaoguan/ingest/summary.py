"""A readable, Chinese summary of an imported bank (what `kaoguan import --summary` prints)."""

from __future__ import annotations

from collections import Counter

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from kaoguan.bank.model import Bank

KIND_NAMES = {"single_choice": "单选", "multiple_choice": "多选", "true_false": "判断", "fill_blank": "填空", "open": "开放"}
CATEGORY_NAMES = {
    "behavioral": "行为", "situational": "情景", "knowledge": "知识", "stress": "压力", "objective": "客观", "other": "其他", None: "—",
}


def _number(value) -> str:
    if value is None:
        return "—"
    return str(int(value)) if float(value).is_integer() else str(value)


def sections_table(bank: Bank) -> Table:
    table = Table(title="分节", show_lines=False, expand=False)
    for column, justify in (("#", "right"), ("分节", "left"), ("类别", "left"), ("声明", "left"), ("读到", "right"),
                            ("题型", "left"), ("要点", "right"), ("分值合计", "right")):
        table.add_column(column, justify=justify)
    for index, section in enumerate(bank.sections, start=1):
        declared = f"{_number(section.declared_count)}题×{_number(section.points_per_question)}分"
        if section.declared_total is not None:
            declared += f"={_number(section.declared_total)}分"
        kinds = Counter(KIND_NAMES[q.kind] for q in section.questions)
        truncated = sum(1 for q in section.questions if q.truncated)
        found = f"{len(section.questions)}" + (f"({truncated}截断)" if truncated else "")
        table.add_row(
            str(index),
            section.title or "（未分节）",
            CATEGORY_NAMES.get(section.category, "—"),
            declared,
            found,
            "、".join(f"{kind}{count}" for kind, count in kinds.items()) or "—",
            str(sum(len(q.key_points) for q in section.questions)),
            _number(sum(q.points or 0 for q in section.questions)),
        )
    return table


def warnings_table(bank: Bank) -> Table | Text:
    if not bank.warnings:
        return Text("没有警告。", style="green")
    table = Table(title=f"警告（{len(bank.warnings)}）", show_lines=False)
    table.add_column("代码", style="yellow", no_wrap=True)
    table.add_column("位置", no_wrap=True)
    table.add_column("说明", overflow="fold")
    for warning in bank.warnings:
        where = "".join(
            part for part in (
                f"第{warning.section}节" if warning.section else "",
                f"第{warning.question}题" if warning.question is not None else "",
            )
        ) or "全文"
        table.add_row(warning.code, where, warning.message)
    return table


def bank_summary(bank: Bank) -> Group:
    header = Text.assemble(
        ("▌" + bank.title, "bold"),
        f"\n  来源：{bank.source or '—'}"
        f"\n  分节：{len(bank.sections)}  题目：{bank.question_count}  总分：{_number(bank.total_points)}  警告：{len(bank.warnings)}",
    )
    return Group(header, sections_table(bank), warnings_table(bank), Text(""))


def print_summary(bank: Bank, console: Console) -> None:
    console.print(bank_summary(bank))
