"""Exchange formats: export a bank to QTI 3.0/2.1, Moodle XML, GIFT, Aiken, Excel and Bank JSON;
read Moodle XML, GIFT, Aiken and the Excel template back.

    result = export_bank(bank, "moodle")      # result.data (bytes), result.losses
    bank = import_exchange(data, "bank.xml")  # raises ExchangeFormatError naming file and place
    bank = read_exchange_format(data, name)   # None when the bytes are none of these formats

Every export reports what the format could not hold (`losses`), computed by the same `keep`
projection the round-trip tests check against what reading the file back gives.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from kaoguan.bank.io import BankFormatError, bank_from_dict, dump_bank
from kaoguan.bank.model import Bank
from kaoguan.report.formats import aiken, gift, moodle, qti, xlsx
from kaoguan.report.formats._common import ExchangeFormatError, Loss

__all__ = [
    "FORMATS",
    "ExchangeFormat",
    "ExchangeFormatError",
    "Export",
    "Loss",
    "detect_format",
    "export_bank",
    "import_exchange",
    "kept_part",
    "read_exchange_format",
    "summarize_losses",
]


@dataclass(frozen=True)
class ExchangeFormat:
    name: str
    label: str
    extension: str
    media_type: str
    write: Callable[[Bank], bytes]
    keep: Callable[[Bank], tuple[Bank, list[Loss]]]
    read: Callable[[bytes, str], Bank] | None = None
    looks_like: Callable[[bytes], bool] | None = None


@dataclass
class Export:
    format: ExchangeFormat
    data: bytes
    losses: list[Loss] = field(default_factory=list)

    def filename(self, stem: str) -> str:
        return f"{stem}{self.format.extension}"


def _json_write(bank: Bank) -> bytes:
    return (dump_bank(bank) + "\n").encode("utf-8")


def _json_read(data: bytes, filename: str) -> Bank:
    try:
        return bank_from_dict(json.loads(data.decode("utf-8-sig")), origin=filename)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ExchangeFormatError(f"{filename}: not Bank JSON ({exc})") from exc
    except BankFormatError as exc:
        raise ExchangeFormatError(str(exc)) from exc


def _json_looks_like(data: bytes) -> bool:
    return b'"kaoguan.bank/1"' in data[:400]


FORMATS: dict[str, ExchangeFormat] = {
    fmt.name: fmt
    for fmt in [
        ExchangeFormat("qti3", "QTI 3.0 内容包", ".qti3.zip", "application/zip",
                       partial(qti.write, version=qti.QTI3), partial(qti.keep, version=qti.QTI3)),
        ExchangeFormat("qti21", "QTI 2.1 内容包", ".qti21.zip", "application/zip",
                       partial(qti.write, version=qti.QTI21), partial(qti.keep, version=qti.QTI21)),
        ExchangeFormat("moodle", "Moodle XML", ".moodle.xml", "application/xml", moodle.write, moodle.keep, moodle.read, moodle.looks_like),
        ExchangeFormat("gift", "GIFT", ".gift.txt", "text/plain; charset=utf-8", gift.write, gift.keep, gift.read, gift.looks_like),
        ExchangeFormat("aiken", "Aiken(仅单选题)", ".aiken.txt", "text/plain; charset=utf-8", aiken.write, aiken.keep, aiken.read, aiken.looks_like),
        ExchangeFormat("xlsx", "Excel 模板", ".xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.write, xlsx.keep, xlsx.read, xlsx.looks_like),
        ExchangeFormat("json", "Bank JSON", ".json", "application/json", _json_write, lambda bank: (bank.model_copy(deep=True), []),
                       _json_read, _json_looks_like),
    ]
}


def export_bank(bank: Bank, format_name: str) -> Export:
    fmt = _format(format_name)
    _, losses = fmt.keep(bank)
    return Export(fmt, fmt.write(bank), losses)


FIELD_LABELS = {
    "title": "题库标题", "source": "来源文件名", "warnings": "导入警告", "section": "大题", "instructions": "大题说明",
    "category": "大题类别", "declared_count": "声明题数", "points_per_question": "每题分值", "declared_total": "声明总分",
    "question": "题目", "id": "题目编号", "number": "题号", "label": "题目标签", "kind": "题型", "prompt": "题干",
    "points": "分值", "options": "选项", "answer": "答案", "key_points": "答案要点", "reference_answer": "参考答案",
    "rubric": "评分细则", "explanation": "解析", "truncated": "不完整标记",
}


def summarize_losses(losses: list[Loss]) -> list[str]:
    """One line per kind of loss, naming where it happens: `答案要点 [s1-q1, s1-q2]:…`."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for loss in losses:
        grouped.setdefault((loss.field, loss.detail), []).append(loss.where)
    lines = []
    for (field_name, detail), wheres in grouped.items():
        shown = ", ".join(wheres[:6]) + (f" … (+{len(wheres) - 6})" if len(wheres) > 6 else "")
        lines.append(f"{FIELD_LABELS.get(field_name, field_name)} [{shown}]:{detail}")
    return lines


def kept_part(bank: Bank, format_name: str) -> Bank:
    """The bank as it comes back after a round trip through the format."""
    return _format(format_name).keep(bank)[0]


def _format(name: str) -> ExchangeFormat:
    try:
        return FORMATS[name]
    except KeyError:
        raise ExchangeFormatError(f"unknown format {name!r}; choose one of {', '.join(FORMATS)}") from None


# Order matters: GIFT's braces are easy to find in other text, so the stricter checks go first.
_DETECTION_ORDER = ("json", "xlsx", "moodle", "aiken", "gift")


def detect_format(data: bytes) -> str | None:
    for name in _DETECTION_ORDER:
        looks_like = FORMATS[name].looks_like
        if looks_like is not None and looks_like(data):
            return name
    return None


def import_exchange(data: bytes, filename: str, format_name: str | None = None) -> Bank:
    name = format_name or detect_format(data)
    if name is None:
        raise ExchangeFormatError(f"{filename}: not Moodle XML, GIFT, Aiken, the Excel template or Bank JSON")
    fmt = _format(name)
    if fmt.read is None:
        raise ExchangeFormatError(f"{fmt.label} can be exported but not imported")
    return fmt.read(data, filename)


def read_exchange_format(data: bytes, filename: str) -> Bank | None:
    """The importer's hook: a Bank when the bytes are Moodle XML, GIFT, Aiken or the Excel template, else None.

    Bank JSON is left to the importer itself. A file that is recognisably one of these formats but
    broken raises ExchangeFormatError rather than falling through to the plain-text parser.
    """
    name = detect_format(data)
    if name is None or name == "json":
        return None
    return import_exchange(data, filename, name)
