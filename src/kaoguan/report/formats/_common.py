"""What every exchange format shares: the loss record, tag encoding and small text helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from lxml import html as lxml_html

from kaoguan.bank.model import Question, Section


class ExchangeFormatError(ValueError):
    """A file in one of the exchange formats that cannot be read; the message says where."""


@dataclass(frozen=True)
class Loss:
    """Something in the bank the target format has no place for."""

    where: str  # "题库", "第2大题(行为面试题)" or a question id
    field: str
    detail: str

    def __str__(self) -> str:
        return f"{self.where}: {self.field}: {self.detail}"


# Moodle (XML and GIFT) has no fields for our section category, printed number, label or the
# truncation flag, but both carry question tags, so these travel as `kaoguan:` tags.
TAG_PREFIX = "kaoguan:"


def question_tags(section: Section, question: Question) -> list[str]:
    tags = []
    if section.category:
        tags.append(f"{TAG_PREFIX}category={section.category}")
    if question.number is not None:
        tags.append(f"{TAG_PREFIX}number={question.number}")
    if question.label:
        tags.append(f"{TAG_PREFIX}label={question.label}")
    if question.truncated:
        tags.append(f"{TAG_PREFIX}truncated")
    return tags


@dataclass
class TaggedFacts:
    category: str | None = None
    number: int | None = None
    label: str | None = None
    truncated: bool = False


def read_tags(tags: list[str]) -> TaggedFacts:
    facts = TaggedFacts()
    for tag in tags:
        if not tag.startswith(TAG_PREFIX):
            continue
        name, _, value = tag[len(TAG_PREFIX):].partition("=")
        if name == "category" and value:
            facts.category = value
        elif name == "number" and value.isdigit():
            facts.number = int(value)
        elif name == "label" and value:
            facts.label = value
        elif name == "truncated":
            facts.truncated = True
    return facts


def text_to_html(text: str) -> str:
    """Plain text as an HTML fragment; line breaks survive as <br>."""
    return "<br>".join(escape(line, quote=False) for line in text.split("\n"))


def html_to_text(fragment: str) -> str:
    """The inverse of text_to_html for any HTML fragment: tags dropped, <br> and </p> become line breaks."""
    if "<" not in fragment and "&" not in fragment:
        return fragment
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    blocks = root.xpath(".//p|.//div|.//li")
    for block in blocks[:-1] if blocks else []:
        block.tail = "\n" + (block.tail or "")
    return root.text_content()


def number_text(value: float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_number(text: str | None) -> int | float | None:
    """Points as the document declared them: `8` stays int, `0.5` stays float."""
    if text is None or not str(text).strip():
        return None
    text = str(text).strip()
    try:
        return int(text) if re.fullmatch(r"-?\d+", text) else float(text)
    except ValueError as exc:
        raise ExchangeFormatError(f"not a number: {text!r}") from exc


def letters(count: int) -> list[str]:
    return [chr(ord("A") + index) for index in range(count)]


def section_where(index: int, section: Section) -> str:
    return f"第{index}大题({section.title})"
