"""IMS QTI content packages, versions 3.0 and 2.1 (export only).

Both versions share one builder that speaks QTI 2.1 names (`choiceInteraction`); for 3.0 the names
become `qti-choice-interaction` and attributes kebab-case, and rubric content is wrapped in
`qti-content-body`, as the QTI 3.0 ASI specification requires. Choice and text-entry items use
the match_correct response-processing template; open items are extended-text interactions with
the key points, reference answer, rubric and explanation in a rubric block for the scorer.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

from kaoguan.bank.model import Bank, Question, Section
from kaoguan.report.formats._common import Loss, number_text
from kaoguan.report.formats._keep import Keeper


@dataclass(frozen=True)
class QtiVersion:
    name: str
    namespace: str
    schema_location: str
    manifest_namespace: str
    item_type: str
    test_type: str
    schema_version: str
    match_correct: str

    @property
    def v3(self) -> bool:
        return self.schema_version.startswith("3")


QTI3 = QtiVersion(
    name="QTI 3.0",
    namespace="http://www.imsglobal.org/xsd/imsqtiasi_v3p0",
    schema_location="https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd",
    manifest_namespace="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1",
    item_type="imsqti_item_xmlv3p0",
    test_type="imsqti_test_xmlv3p0",
    schema_version="3.0.0",
    match_correct="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml",
)
QTI21 = QtiVersion(
    name="QTI 2.1",
    namespace="http://www.imsglobal.org/xsd/imsqti_v2p1",
    schema_location="http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd",
    manifest_namespace="http://www.imsglobal.org/xsd/imscp_v1p1",
    item_type="imsqti_item_xmlv2p1",
    test_type="imsqti_test_xmlv2p1",
    schema_version="2.1",
    match_correct="http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct",
)
XSI = "http://www.w3.org/2001/XMLSchema-instance"
# XHTML elements inside item bodies keep their names in both versions.
_HTML = {"p", "br", "ol", "ul", "li", "div", "span", "strong", "h4"}
TRUE_FALSE_CHOICES = {"T": "对", "F": "错"}


def _kebab(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"-\1", name).lower()


class _Builder:
    """Creates elements by their QTI 2.1 names, renamed for the target version."""

    def __init__(self, version: QtiVersion) -> None:
        self.version = version

    def tag(self, name: str) -> str:
        local = name if name in _HTML or not self.version.v3 else "qti-" + _kebab(name)
        return f"{{{self.version.namespace}}}{local}"

    def attrs(self, attributes: dict[str, str]) -> dict[str, str]:
        if not self.version.v3:
            return attributes
        return {(key if key.startswith("{") else _kebab(key)): value for key, value in attributes.items()}

    def element(self, name: str, parent=None, text: str | None = None, **attributes: str):
        tag, attributes = self.tag(name), self.attrs(attributes)
        node = etree.SubElement(parent, tag, attributes) if parent is not None else etree.Element(
            tag, attributes, nsmap={None: self.version.namespace, "xsi": XSI})
        if text is not None:
            node.text = text
        return node

    def rich_text(self, parent, text: str) -> None:
        """Text with its line breaks kept as <br/>."""
        lines = text.split("\n")
        parent.text = (parent.text or "") + lines[0]
        for line in lines[1:]:
            self.element("br", parent).tail = line


def identifier(raw: str, taken: set[str]) -> str:
    """A QTI identifier (an NCName) from any question id, unique within the package."""
    clean = re.sub(r"[^\w.-]", "_", raw, flags=re.ASCII)
    if not re.match(r"[A-Za-z_]", clean):
        clean = "Q_" + clean
    candidate, counter = clean, 2
    while candidate in taken:
        candidate, counter = f"{clean}_{counter}", counter + 1
    taken.add(candidate)
    return candidate


# ---------------------------------------------------------------- items


def item_xml(question: Question, item_id: str, version: QtiVersion) -> bytes:
    build = _Builder(version)
    root = build.element("assessmentItem", identifier=item_id, title=question.label or _excerpt(question.prompt),
                         adaptive="false", timeDependent="false")
    root.set(f"{{{XSI}}}schemaLocation", f"{version.namespace} {version.schema_location}")
    root.set("{http://www.w3.org/XML/1998/namespace}lang", "zh-CN")
    _response_declaration(build, root, question)
    score = build.element("outcomeDeclaration", root, identifier="SCORE", cardinality="single", baseType="float")
    if question.kind == "open" and version.v3:
        score.set("external-scored", "human")  # an interviewer or the kaoguan scorer marks it
    if question.points is not None:
        maximum = build.element("outcomeDeclaration", root, identifier="MAXSCORE", cardinality="single", baseType="float")
        build.element("value", build.element("defaultValue", maximum), number_text(question.points))
    body = build.element("itemBody", root)
    _interaction(build, body, question)
    rubric = _scorer_rubric(build, body, question)
    if rubric is not None and question.kind != "open":
        body.remove(rubric)
        body.insert(0, rubric)
    if question.kind != "open":
        build.element("responseProcessing", root, template=version.match_correct)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 30 else flat[:30] + "…"


def _response_declaration(build: _Builder, root, question: Question) -> None:
    if question.kind in ("fill_blank", "open"):
        base, cardinality = "string", "single"
    else:
        base = "identifier"
        cardinality = "multiple" if question.kind == "multiple_choice" else "single"
    declaration = build.element("responseDeclaration", root, identifier="RESPONSE", cardinality=cardinality, baseType=base)
    values = _correct_values(question)
    if values:
        correct = build.element("correctResponse", declaration)
        for value in values:
            build.element("value", correct, value)


def _correct_values(question: Question) -> list[str]:
    answer = question.answer
    if question.kind == "open" or answer is None or answer == "":
        return []
    if question.kind == "true_false":
        return ["T" if answer is True else "F"]
    if isinstance(answer, list):
        return list(answer)
    return [str(answer)]


def _interaction(build: _Builder, body, question: Question) -> None:
    if question.kind == "fill_blank":
        paragraph = build.element("p", body)
        build.rich_text(paragraph, question.prompt + " ")
        build.element("textEntryInteraction", paragraph, responseIdentifier="RESPONSE", expectedLength="20")
        return
    if question.kind == "open":
        paragraph = build.element("p", body)
        build.rich_text(paragraph, question.prompt)
        build.element("extendedTextInteraction", body, responseIdentifier="RESPONSE", expectedLines="8")
        return
    options = TRUE_FALSE_CHOICES if question.kind == "true_false" else question.options
    max_choices = str(len(options)) if question.kind == "multiple_choice" else "1"
    interaction = build.element("choiceInteraction", body, responseIdentifier="RESPONSE", shuffle="false", maxChoices=max_choices)
    build.rich_text(build.element("prompt", interaction), question.prompt)
    taken: set[str] = set()
    for letter, text in options.items():
        choice = build.element("simpleChoice", interaction, identifier=identifier(letter, taken))
        build.rich_text(choice, text)


def _scorer_rubric(build: _Builder, body, question: Question):
    blocks = []
    if question.key_points:
        blocks.append(("答案要点", "ol", [_key_point_line(point) for point in question.key_points]))
    if question.reference_answer:
        blocks.append(("参考答案", "p", [question.reference_answer]))
    if question.rubric:
        blocks.append(("评分要点", "ul", [f"{line.item}" + (f"({number_text(line.points)}分)" if line.points is not None else "")
                                       + (f":{line.text}" if line.text else "") for line in question.rubric]))
    if question.explanation:
        blocks.append(("解析", "p", [question.explanation]))
    if not blocks:
        return None
    rubric = build.element("rubricBlock", body, view="scorer")
    if build.version.v3:
        rubric.set("use", "scoring")
        content = build.element("contentBody", rubric)
    else:
        content = rubric
    for heading, shape, lines in blocks:
        build.element("strong", build.element("p", content), heading)
        if shape == "p":
            build.rich_text(build.element("p", content), lines[0])
            continue
        listing = build.element(shape, content)
        for line in lines:
            build.rich_text(build.element("li", listing), line)
    return rubric


def _key_point_line(point) -> str:
    line = point.text
    if point.detail:
        line += f":{point.detail}"
    if point.weight != 1.0:
        line += f"(权重 {number_text(point.weight)})"
    if point.group:
        line = f"[{point.group}] {line}"
    return line


# ---------------------------------------------------------------- test and package


def test_xml(bank: Bank, test_id: str, sections: list[tuple[str, Section, list[tuple[str, str]]]], version: QtiVersion) -> bytes:
    build = _Builder(version)
    root = build.element("assessmentTest", identifier=test_id, title=bank.title)
    root.set(f"{{{XSI}}}schemaLocation", f"{version.namespace} {version.schema_location}")
    part = build.element("testPart", root, identifier="part-1", navigationMode="nonlinear", submissionMode="simultaneous")
    for section_id, section, items in sections:
        node = build.element("assessmentSection", part, identifier=section_id, title=section.title, visible="true")
        if section.instructions:
            rubric = build.element("rubricBlock", node, view="candidate")
            content = rubric
            if version.v3:
                rubric.set("use", "instructions")
                content = build.element("contentBody", rubric)
            build.rich_text(build.element("p", content), section.instructions)
        for item_id, href in items:
            build.element("assessmentItemRef", node, identifier=item_id, href=href)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write(bank: Bank, version: QtiVersion) -> bytes:
    taken: set[str] = set()
    files: dict[str, bytes] = {}
    sections = []
    for index, section in enumerate(bank.sections, start=1):
        items = []
        for question in section.questions:
            item_id = identifier(question.id, taken)
            href = f"items/{item_id}.xml"
            files[href] = item_xml(question, item_id, version)
            items.append((item_id, href))
        sections.append((identifier(f"section-{index}", taken), section, items))
    test_id = identifier("test", taken)
    files["test.xml"] = test_xml(bank, test_id, sections, version)
    manifest = manifest_xml(bank, test_id, [(item_id, href) for _, _, items in sections for item_id, href in items], version)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", manifest)
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def manifest_xml(bank: Bank, test_id: str, items: list[tuple[str, str]], version: QtiVersion) -> bytes:
    ns = version.manifest_namespace
    root = etree.Element(f"{{{ns}}}manifest", identifier="kaoguan-package", nsmap={None: ns})
    metadata = etree.SubElement(root, f"{{{ns}}}metadata")
    etree.SubElement(metadata, f"{{{ns}}}schema").text = "QTI Package"
    etree.SubElement(metadata, f"{{{ns}}}schemaversion").text = version.schema_version
    etree.SubElement(root, f"{{{ns}}}organizations")
    resources = etree.SubElement(root, f"{{{ns}}}resources")
    test = etree.SubElement(resources, f"{{{ns}}}resource", identifier=f"res-{test_id}", type=version.test_type, href="test.xml")
    etree.SubElement(test, f"{{{ns}}}file", href="test.xml")
    for item_id, _ in items:
        etree.SubElement(test, f"{{{ns}}}dependency", identifierref=f"res-{item_id}")
    for item_id, href in items:
        resource = etree.SubElement(resources, f"{{{ns}}}resource", identifier=f"res-{item_id}", type=version.item_type, href=href)
        etree.SubElement(resource, f"{{{ns}}}file", href=href)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def keep(bank: Bank, version: QtiVersion) -> tuple[Bank, list[Loss]]:
    """What a QTI package carries as data (the package is not read back; see module docstring)."""
    keeper = Keeper(version.name, bank)
    keeper.drop_bank("source", f"{version.name} 没有保存来源文件名的位置")
    keeper.drop_bank("warnings", f"{version.name} 没有保存导入警告的位置(丢弃 {len(bank.warnings)} 条)")
    for index, section in enumerate(keeper.bank.sections, start=1):
        for field in ("category", "declared_count", "points_per_question", "declared_total"):
            keeper.drop_section(index, section, field)
    for _, _, question in keeper.questions():
        keeper.drop(question, "number", f"{version.name} 只保存题目顺序,不保存印刷题号")
        keeper.drop(question, "truncated")
        if question.kind == "true_false":
            keeper.drop(question, "options", "判断题以“对/错”两个选项写出,原选项不保留")
        if question.kind == "open":
            keeper.drop(question, "answer", "问答题(extended-text)没有标准答案")
    return keeper.bank, keeper.losses
