"""Moodle XML: categories from sections, essays with the key points in the grader information.

Reference: Moodle's "Moodle XML format" documentation (question/format/xml). Number, label,
section category and the truncation flag travel as `kaoguan:` question tags, which Moodle keeps.
"""

from __future__ import annotations

from pathlib import PurePath

from lxml import etree
from lxml import html as lxml_html

from kaoguan.bank.model import Bank, BankWarning, KeyPoint, Question, RubricItem, Section
from kaoguan.report.formats._common import (
    ExchangeFormatError,
    Loss,
    html_to_text,
    letters,
    number_text,
    parse_number,
    question_tags,
    read_tags,
    text_to_html,
)
from kaoguan.report.formats._common import section_where
from kaoguan.report.formats._keep import Keeper

NAME = "Moodle XML"
COURSE_TOP = "$course$/top"
# Moodle only accepts grade fractions from a fixed list; these are its values for 1/n.
_FRACTION_OF = {1: "100", 2: "50", 3: "33.33333", 4: "25", 5: "20", 6: "16.66667", 7: "14.28571", 8: "12.5", 9: "11.11111", 10: "10"}
_KIND_OF_TYPE = {"multichoice": None, "truefalse": "true_false", "shortanswer": "fill_blank", "essay": "open"}


# ---------------------------------------------------------------- writing


def write(bank: Bank) -> bytes:
    quiz = etree.Element("quiz")
    quiz.append(_category(_path(bank.title), None))
    for section in bank.sections:
        quiz.append(_category(_path(bank.title, section.title), section.instructions))
        for question in section.questions:
            quiz.append(_question(section, question))
    return etree.tostring(quiz, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _path(*titles: str) -> str:
    # Moodle writes a slash inside a category name as a doubled slash.
    return "/".join([COURSE_TOP, *(title.replace("/", "//") for title in titles)])


def _text(parent: etree._Element, tag: str, text: str | None, fmt: str | None = None, cdata: bool = False):
    element = etree.SubElement(parent, tag)
    if fmt:
        element.set("format", fmt)
    inner = etree.SubElement(element, "text")
    inner.text = etree.CDATA(text) if cdata and text else (text or "")
    return element


def _category(path: str, info: str | None) -> etree._Element:
    question = etree.Element("question", type="category")
    _text(question, "category", path)
    _text(question, "info", text_to_html(info) if info else "", "html", cdata=True)
    return question


def _question(section: Section, question: Question) -> etree._Element:
    moodle_type = {"single_choice": "multichoice", "multiple_choice": "multichoice", "true_false": "truefalse",
                   "fill_blank": "shortanswer", "open": "essay"}[question.kind]
    element = etree.Element("question", type=moodle_type)
    _text(element, "name", _display_name(question))
    _text(element, "questiontext", text_to_html(question.prompt), "html", cdata=True)
    _text(element, "generalfeedback", text_to_html(question.explanation) if question.explanation else "", "html", cdata=True)
    if question.points is not None:
        etree.SubElement(element, "defaultgrade").text = number_text(question.points)
    etree.SubElement(element, "penalty").text = "0"
    etree.SubElement(element, "hidden").text = "0"
    etree.SubElement(element, "idnumber").text = question.id
    {"multichoice": _choice_body, "truefalse": _true_false_body, "shortanswer": _short_answer_body,
     "essay": _essay_body}[moodle_type](element, question)
    tags = question_tags(section, question)
    if tags:
        holder = etree.SubElement(element, "tags")
        for tag in tags:
            _text(holder, "tag", tag)
    return element


def _display_name(question: Question) -> str:
    head = question.label or question.prompt.replace("\n", " ")[:30]
    return f"{question.number}. {head}" if question.number is not None else head


def _answer(parent: etree._Element, fraction: str, text: str, fmt: str = "html") -> None:
    answer = etree.SubElement(parent, "answer", fraction=fraction, format=fmt)
    inner = etree.SubElement(answer, "text")
    inner.text = etree.CDATA(text_to_html(text)) if fmt == "html" and text else text
    _text(answer, "feedback", "", "html")


def _choice_body(element: etree._Element, question: Question) -> None:
    correct = _correct_letters(question)
    single = question.kind == "single_choice"
    etree.SubElement(element, "single").text = "true" if single else "false"
    etree.SubElement(element, "shuffleanswers").text = "false"
    etree.SubElement(element, "answernumbering").text = "ABCD"
    right = _FRACTION_OF.get(max(len(correct), 1), "10")
    wrong = "0" if single else f"-{right}"
    for letter, text in question.options.items():
        _answer(element, right if letter in correct else wrong, text)


def _correct_letters(question: Question) -> list[str]:
    if isinstance(question.answer, str):
        return [question.answer]
    if isinstance(question.answer, list):
        return list(question.answer)
    return []


def _true_false_body(element: etree._Element, question: Question) -> None:
    # An unknown key (None) becomes an item with neither answer right, which Moodle shows as such.
    _answer(element, "100" if question.answer is True else "0", "true", "moodle_auto_format")
    _answer(element, "100" if question.answer is False else "0", "false", "moodle_auto_format")


def _short_answer_body(element: etree._Element, question: Question) -> None:
    etree.SubElement(element, "usecase").text = "0"
    if question.answer not in (None, ""):
        _answer(element, "100", str(question.answer), "moodle_auto_format")


def _essay_body(element: etree._Element, question: Question) -> None:
    etree.SubElement(element, "responseformat").text = "editor"
    etree.SubElement(element, "responserequired").text = "1"
    etree.SubElement(element, "responsefieldlines").text = "10"
    etree.SubElement(element, "attachments").text = "0"
    _text(element, "graderinfo", grader_info_html(question), "html", cdata=True)
    _text(element, "responsetemplate", "", "html")


def grader_info_html(question: Question) -> str:
    """Key points, reference answer and rubric as HTML a Moodle grader reads (and we read back)."""
    parts = []
    if question.key_points:
        items = []
        for point in question.key_points:
            attrs = f' data-id="{_attr(point.id)}" data-weight="{point.weight!r}"'
            if point.group:
                attrs += f' data-group="{_attr(point.group)}"'
            detail = f':<span class="kp-detail">{text_to_html(point.detail)}</span>' if point.detail else ""
            weight = f"(权重 {number_text(point.weight)})" if point.weight != 1.0 else ""
            items.append(f'<li{attrs}><span class="kp-text">{text_to_html(point.text)}</span>{detail}{weight}</li>')
        parts.append('<h4>答案要点</h4><ol class="kaoguan-key-points">' + "".join(items) + "</ol>")
    if question.reference_answer:
        parts.append(f'<h4>参考答案</h4><div class="kaoguan-reference">{text_to_html(question.reference_answer)}</div>')
    if question.rubric:
        items = []
        for line in question.rubric:
            points = f' data-points="{number_text(line.points)}"' if line.points is not None else ""
            shown = f"({number_text(line.points)}分)" if line.points is not None else ""
            text = f':<span class="rb-text">{text_to_html(line.text)}</span>' if line.text else ""
            items.append(f'<li{points}><span class="rb-item">{text_to_html(line.item)}</span>{shown}{text}</li>')
        parts.append('<h4>评分要点</h4><ul class="kaoguan-rubric">' + "".join(items) + "</ul>")
    return "".join(parts)


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


# ---------------------------------------------------------------- what survives


def keep(bank: Bank) -> tuple[Bank, list[Loss]]:
    keeper = Keeper(NAME, bank)
    keeper.drop_bank("source", "Moodle XML 没有保存来源文件名的位置")
    keeper.drop_bank("warnings", f"Moodle XML 没有保存导入警告的位置(丢弃 {len(bank.warnings)} 条)")
    for index, section in enumerate(keeper.bank.sections, start=1):
        for field in ("declared_count", "points_per_question", "declared_total"):
            keeper.drop_section(index, section, field, "Moodle 题目类别不保存声明的题数和分值")
        if not section.questions:
            keeper.drop_section(index, section, "category", "空类别没有题目标签,类别无法保存")
    for index, section in enumerate(list(keeper.bank.sections), start=1):
        if not section.questions and not section.instructions:
            keeper.note(section_where(index, section), "section", "没有题目的 Moodle 类别在导入时被跳过")
            keeper.bank.sections.remove(section)
    for _, _, question in keeper.questions():
        if question.kind != "open":
            for field in ("key_points", "reference_answer", "rubric"):
                keeper.drop(question, field, "Moodle 只为问答题(essay)保存评分信息")
        if question.kind in ("true_false", "fill_blank", "open"):
            keeper.drop(question, "options", f"Moodle 的此类题目({question.kind})没有选项")
        if question.kind == "open":
            keeper.drop(question, "answer", "Moodle 问答题没有标准答案字段")
        if question.kind in ("single_choice", "multiple_choice"):
            keeper.reletter_options(question)
            keeper.answer_in_option_order(question)
        if question.kind == "fill_blank" and question.answer is not None:
            question.answer = str(question.answer) or None
        for point in question.key_points:
            if point.detail is not None and not point.detail.strip():
                point.detail = None
    return keeper.bank, keeper.losses


# ---------------------------------------------------------------- reading


def looks_like(data: bytes) -> bool:
    head = data[:2000].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2:].lstrip()
    while head.startswith(b"<!--"):
        head = head[head.find(b"-->") + 3:].lstrip()
    return head.startswith(b"<quiz")


def read(data: bytes, filename: str = "moodle.xml") -> Bank:
    try:
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    except etree.XMLSyntaxError as exc:
        raise ExchangeFormatError(f"{filename}: not well-formed XML (line {exc.lineno}): {exc.msg}") from exc
    if root.tag != "quiz":
        raise ExchangeFormatError(f"{filename}: the root element is <{root.tag}>, Moodle XML needs <quiz>")
    bank_title: str | None = None
    sections: list[Section] = []
    warnings: list[BankWarning] = []
    current: Section | None = None
    for position, element in enumerate(root.iterchildren("question"), start=1):
        moodle_type = element.get("type", "")
        if moodle_type == "category":
            parts = _split_path(_child_text(element, "category/text"))
            if parts and bank_title is None:
                bank_title = parts[0]
            if len(parts) >= 2:
                info = _child_text(element, "info/text")
                current = Section(title=parts[-1], instructions=html_to_text(info) or None)
                sections.append(current)
            continue
        if current is None:
            current = Section(title="未分类")
            sections.append(current)
        try:
            question = _read_question(element, moodle_type, current, len(current.questions) + 1, len(sections))
        except ExchangeFormatError as exc:
            raise ExchangeFormatError(f"{filename}: question {position}: {exc}") from exc
        if question is None:
            text = html_to_text(_child_text(element, "questiontext/text"))
            warnings.append(BankWarning(code="unplaced_text", section=len(sections), text=text or None,
                                        message=f"Moodle question type '{moodle_type}' ({_child_text(element, 'name/text')}) is not supported; its text is kept here"))
            continue
        current.questions.append(question)
    sections = [section for section in sections if section.questions or section.instructions] or sections
    return Bank(title=bank_title or PurePath(filename).stem, sections=sections, warnings=warnings)


def _split_path(path: str) -> list[str]:
    # Split on single slashes only; a doubled slash is a slash inside a name.
    parts = path.replace("//", "\0").split("/")
    parts = [part.replace("\0", "/") for part in parts]
    while parts and (parts[0].startswith("$") or parts[0] == "top"):
        parts.pop(0)
    return [part for part in parts if part]


def _child_text(element: etree._Element, path: str) -> str:
    found = element.find(path)
    return (found.text or "") if found is not None else ""


def _read_question(element: etree._Element, moodle_type: str, section: Section, position: int, section_index: int) -> Question | None:
    if moodle_type not in _KIND_OF_TYPE:
        return None
    tags = read_tags([tag.text or "" for tag in element.iterfind("tags/tag/text")])
    if tags.category and section.category is None:
        section.category = tags.category
    answers = [(float(answer.get("fraction", "0")), answer) for answer in element.iterfind("answer")]
    fields = {
        "id": _child_text(element, "idnumber").strip() or f"s{section_index}-q{position}",
        "number": tags.number,
        "label": tags.label,
        "prompt": html_to_text(_child_text(element, "questiontext/text")).strip(),
        "points": parse_number(_child_text(element, "defaultgrade")),
        "explanation": html_to_text(_child_text(element, "generalfeedback/text")).strip() or None,
        "truncated": tags.truncated,
    }
    if moodle_type == "multichoice":
        single = _child_text(element, "single").strip().lower() in ("true", "1")
        keys = letters(len(answers))
        options = {key: html_to_text(_child_text(answer, "text")).strip() for key, (_, answer) in zip(keys, answers)}
        correct = [key for key, (fraction, _) in zip(keys, answers) if fraction > 0]
        return Question(kind="single_choice" if single else "multiple_choice", options=options,
                        answer=(correct[0] if correct else None) if single else (correct or None), **fields)
    if moodle_type == "truefalse":
        right = [(_child_text(answer, "text").strip().lower()) for fraction, answer in answers if fraction > 0]
        return Question(kind="true_false", answer={"true": True, "false": False}.get(right[0]) if right else None, **fields)
    if moodle_type == "shortanswer":
        right = [html_to_text(_child_text(answer, "text")) for fraction, answer in answers if fraction > 0]
        return Question(kind="fill_blank", answer=right[0] if right else None, **fields)
    key_points, reference, rubric = read_grader_info(_child_text(element, "graderinfo/text"))
    return Question(kind="open", key_points=key_points, reference_answer=reference, rubric=rubric, **fields)


def read_grader_info(fragment: str) -> tuple[list[KeyPoint], str | None, list[RubricItem]]:
    """Key points, reference answer and rubric from grader information; foreign HTML falls back to list items."""
    if not fragment.strip():
        return [], None, []
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    key_points = [_key_point(item, index) for index, item in enumerate(root.xpath('.//ol[contains(@class,"kaoguan-key-points")]/li'), start=1)]
    reference_blocks = root.xpath('.//div[contains(@class,"kaoguan-reference")]')
    reference = _fragment_text(reference_blocks[0]) if reference_blocks else None
    rubric = [_rubric_line(item) for item in root.xpath('.//ul[contains(@class,"kaoguan-rubric")]/li')]
    if not key_points and not reference_blocks and not rubric:
        # Written elsewhere: each list item is a key point; without a list the text is a model answer.
        items = root.xpath(".//li")
        if items:
            key_points = [KeyPoint(id=f"k{index}", text=item.text_content().strip()) for index, item in enumerate(items, start=1)]
        else:
            reference = html_to_text(fragment).strip() or None
    return key_points, reference, rubric


def _fragment_text(element) -> str:
    return html_to_text(etree.tostring(element, encoding="unicode", method="html", with_tail=False))


def _span_text(item, css_class: str) -> str | None:
    spans = item.xpath(f'./span[@class="{css_class}"]')
    return _fragment_text(spans[0]) if spans else None


def _key_point(item, index: int) -> KeyPoint:
    text = _span_text(item, "kp-text")
    weight = item.get("data-weight")
    return KeyPoint(
        id=item.get("data-id") or f"k{index}",
        text=text if text is not None else item.text_content().strip(),
        detail=_span_text(item, "kp-detail"),
        weight=float(weight) if weight else 1.0,
        group=item.get("data-group"),
    )


def _rubric_line(item) -> RubricItem:
    text = _span_text(item, "rb-item")
    return RubricItem(item=text if text is not None else item.text_content().strip(),
                      points=parse_number(item.get("data-points")), text=_span_text(item, "rb-text"))
