"""Exchange formats: round trips keep what each format can hold, losses are named, files are well-formed."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import load_workbook

from kaoguan.bank.io import load_bank
from kaoguan.report.formats import (
    FORMATS,
    ExchangeFormatError,
    detect_format,
    export_bank,
    import_exchange,
    kept_part,
    read_exchange_format,
)
from tests.conftest import INTERNET_BANK_SEED, JD_SEED

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_BANKS = sorted(FIXTURES.glob("*-bank.json"))
READABLE = [name for name, fmt in FORMATS.items() if fmt.read is not None]
QTI3_NS = "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
QTI21_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"


@pytest.fixture(scope="module")
def mixed():
    return load_bank(FIXTURES / "mixed-bank.json")


@pytest.mark.parametrize("bank_path", FIXTURE_BANKS, ids=lambda p: p.stem)
@pytest.mark.parametrize("name", READABLE)
def test_round_trip_keeps_everything_the_format_holds(bank_path, name):
    bank = load_bank(bank_path)
    exported = export_bank(bank, name)
    back = import_exchange(exported.data, f"{bank.title}{FORMATS[name].extension}")
    assert back == kept_part(bank, name)


@pytest.fixture(scope="module")
def seed_banks():
    from kaoguan.ingest import import_path

    return [import_path(JD_SEED), import_path(INTERNET_BANK_SEED)]


@pytest.mark.parametrize("name", READABLE)
def test_round_trip_of_the_imported_seed_banks(seed_banks, name):
    for bank in seed_banks:
        if name == "aiken" and not kept_part(bank, "aiken").question_count:
            with pytest.raises(ExchangeFormatError, match="no single-choice question"):
                export_bank(bank, name)
            continue
        back = import_exchange(export_bank(bank, name).data, f"{bank.title}{FORMATS[name].extension}")
        assert back == kept_part(bank, name), f"{bank.title} via {name}"


def test_json_round_trip_is_lossless(mixed):
    exported = export_bank(mixed, "json")
    assert exported.losses == []
    assert import_exchange(exported.data, "b.json") == mixed


def test_losses_name_what_gift_cannot_hold(mixed):
    losses = export_bank(mixed, "gift").losses
    dropped = {(loss.where, loss.field) for loss in losses}
    assert ("s1-q1", "key_points") in dropped
    assert ("s1-q1", "points") in dropped
    assert ("s1-q2", "rubric") in dropped
    assert ("题库", "warnings") in dropped
    # What GIFT does hold is not reported as lost.
    assert ("s3-q1", "explanation") not in dropped and ("s3-q1", "options") not in dropped


def test_aiken_keeps_only_single_choice(mixed):
    exported = export_bank(mixed, "aiken")
    back = import_exchange(exported.data, "bank.txt")
    assert [q.prompt for _, q in back.questions()] == [q.prompt for _, q in mixed.questions() if q.kind == "single_choice"]
    left_out = {loss.where for loss in exported.losses if loss.field == "question"}
    assert {"s1-q1", "s4-q1", "s5-q1", "s6-q1"} <= left_out


def test_excel_keeps_key_points_in_columns(mixed):
    data = export_bank(mixed, "xlsx").data
    sheet = load_workbook(io.BytesIO(data))["题目"]
    header = [cell.value for cell in sheet[1]]
    first = dict(zip(header, [cell.value for cell in sheet[2]]))
    assert first["题号"] == "s1-q1"
    assert first["要点1"] == "保持冷静,先安抚情绪"
    assert first["要点3权重"] == 2.0
    assert sheet.max_row == 1 + mixed.question_count


def test_excel_text_that_looks_like_a_formula_stays_text(mixed):
    bank = mixed.model_copy(deep=True)
    bank.sections[0].questions[0].prompt = "=SUM(A1:A9) 不是公式"
    back = import_exchange(export_bank(bank, "xlsx").data, "b.xlsx")
    assert back.sections[0].questions[0].prompt == "=SUM(A1:A9) 不是公式"


# ---------------------------------------------------------------- structure required by the specifications


def _package(bank, name):
    return zipfile.ZipFile(io.BytesIO(export_bank(bank, name).data))


@pytest.mark.parametrize("name,ns,prefix", [("qti3", QTI3_NS, "qti-"), ("qti21", QTI21_NS, "")])
def test_qti_package_has_manifest_listing_every_item(mixed, name, ns, prefix):
    package = _package(mixed, name)
    manifest = etree.fromstring(package.read("imsmanifest.xml"))
    assert etree.QName(manifest).localname == "manifest"
    resources = manifest.findall("{*}resources/{*}resource")
    item_type = "imsqti_item_xmlv3p0" if name == "qti3" else "imsqti_item_xmlv2p1"
    items = [r for r in resources if r.get("type") == item_type]
    assert len(items) == mixed.question_count
    for resource in resources:
        href = resource.get("href")
        assert href in package.namelist()
        assert resource.find("{*}file").get("href") == href
        root = etree.fromstring(package.read(href))
        assert root.nsmap[None] == ns
        expected_root = f"{prefix}assessment-item" if name == "qti3" else "assessmentItem"
        if resource is not items[0] and resource.get("type").startswith("imsqti_test"):
            expected_root = f"{prefix}assessment-test" if name == "qti3" else "assessmentTest"
        if resource in items:
            assert etree.QName(root).localname == expected_root
            assert root.get("identifier") and root.get("title")


def _item(package, item_id):
    return etree.fromstring(package.read(f"items/{item_id}.xml"))


def test_qti3_choice_item_uses_choice_interaction_and_match_correct(mixed):
    item = _item(_package(mixed, "qti3"), "s3-q1")
    ns = {"q": QTI3_NS}
    declaration = item.find("q:qti-response-declaration", ns)
    assert declaration.get("cardinality") == "single" and declaration.get("base-type") == "identifier"
    assert [v.text for v in declaration.findall("q:qti-correct-response/q:qti-value", ns)] == ["B"]
    interaction = item.find("q:qti-item-body/q:qti-choice-interaction", ns)
    assert interaction.get("response-identifier") == declaration.get("identifier")
    assert interaction.get("max-choices") == "1"
    assert [c.get("identifier") for c in interaction.findall("q:qti-simple-choice", ns)] == ["A", "B", "C", "D"]
    assert item.find("q:qti-response-processing", ns).get("template").endswith("/rptemplates/match_correct.xml")
    # Outcome and response declarations come before the body, the processing after it.
    order = [etree.QName(child).localname for child in item]
    assert order.index("qti-response-declaration") < order.index("qti-item-body") < order.index("qti-response-processing")


def test_qti3_multiple_choice_lists_every_keyed_option(mixed):
    item = _item(_package(mixed, "qti3"), "s4-q1")
    declaration = item.find(f"{{{QTI3_NS}}}qti-response-declaration")
    assert declaration.get("cardinality") == "multiple"
    assert [v.text for v in declaration.iter(f"{{{QTI3_NS}}}qti-value")] == ["A", "C"]


def test_qti3_open_item_has_extended_text_and_key_points_for_the_scorer(mixed):
    item = _item(_package(mixed, "qti3"), "s1-q1")
    ns = {"q": QTI3_NS}
    body = item.find("q:qti-item-body", ns)
    assert body.find("q:qti-extended-text-interaction", ns).get("response-identifier") == "RESPONSE"
    rubric = body.find("q:qti-rubric-block", ns)
    assert rubric.get("view") == "scorer" and rubric.get("use") == "scoring"
    points = [li.xpath("string()") for li in rubric.findall("q:qti-content-body/q:ol/q:li", ns)]
    assert points[0].startswith("保持冷静,先安抚情绪")
    assert len(points) == 4
    assert item.find("q:qti-response-processing", ns) is None  # scored by people or kaoguan, not by a template
    maxscore = item.xpath("q:qti-outcome-declaration[@identifier='MAXSCORE']//q:qti-value", namespaces=ns)
    assert maxscore[0].text == "8"


def test_qti21_uses_camel_case_names_and_the_21_template(mixed):
    package = _package(mixed, "qti21")
    item = _item(package, "s3-q1")
    ns = {"q": QTI21_NS}
    assert item.get("timeDependent") == "false" and item.get("adaptive") == "false"
    assert item.find("q:itemBody/q:choiceInteraction", ns).get("responseIdentifier") == "RESPONSE"
    assert item.find("q:responseProcessing", ns).get("template") == "http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"
    essay = _item(package, "s1-q1")
    assert essay.find("q:itemBody/q:extendedTextInteraction", ns) is not None
    assert essay.find("q:itemBody/q:rubricBlock[@view='scorer']/q:ol", ns) is not None


def test_qti_identifiers_are_valid_and_unique():
    bank = load_bank(FIXTURES / "choice-bank.json").model_copy(deep=True)
    bank.sections[0].questions[0].id = "1 题"
    bank.sections[0].questions[1].id = "1_"
    names = _package(bank, "qti3").namelist()
    assert "items/Q_1__.xml" in names and "items/Q_1_.xml" in names


def test_moodle_xml_has_the_element_structure_moodle_imports(mixed):
    quiz = etree.fromstring(export_bank(mixed, "moodle").data)
    assert quiz.tag == "quiz"
    categories = quiz.findall("question[@type='category']")
    assert [c.findtext("category/text").split("/")[-1] for c in categories[1:]] == [s.title for s in mixed.sections]
    for question in quiz.findall("question"):
        if question.get("type") == "category":
            continue
        assert question.findtext("name/text")
        assert question.find("questiontext").get("format") == "html"
    essay = quiz.find("question[idnumber='s1-q1']")
    assert essay.get("type") == "essay"
    assert "保持冷静,先安抚情绪" in essay.findtext("graderinfo/text")
    choice = quiz.find("question[idnumber='s4-q1']")
    fractions = [float(a.get("fraction")) for a in choice.findall("answer")]
    assert choice.findtext("single") == "false" and sum(f for f in fractions if f > 0) == 100


def test_reads_moodle_essay_written_by_moodle_itself():
    data = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/默认/客服面试</text></category></question>
  <question type="essay">
    <name><text>投诉处理</text></name>
    <questiontext format="html"><text><![CDATA[<p>客户投诉扣费,你怎么办?</p>]]></text></questiontext>
    <defaultgrade>10.0000000</defaultgrade>
    <graderinfo format="html"><text><![CDATA[<ul><li>先道歉安抚</li><li>核实扣费</li></ul>]]></text></graderinfo>
  </question>
  <question type="matching"><name><text>连线</text></name><questiontext format="html"><text>连线题</text></questiontext></question>
</quiz>""".encode()
    bank = read_exchange_format(data, "moodle.xml")
    question = bank.sections[0].questions[0]
    assert bank.sections[0].title == "客服面试"
    assert question.prompt == "客户投诉扣费,你怎么办?"
    assert question.points == 10.0
    assert [kp.text for kp in question.key_points] == ["先道歉安抚", "核实扣费"]
    assert bank.warnings[0].code == "unplaced_text" and bank.warnings[0].text == "连线题"


def test_reads_hand_written_gift():
    text = """// 题库
::Q1:: 客户要求保本,你应当{=说明产品有风险 ~承诺保本 ~转移话题}

::Q2:: 信用卡逾期会影响征信。{T}

客服的首要任务是?{~%50%倾听 ~%50%共情 ~%-100%推销}

谈谈你对客服工作的理解。{}
"""
    bank = read_exchange_format(text.encode(), "x.gift")
    kinds = [q.kind for _, q in bank.questions()]
    assert kinds == ["single_choice", "true_false", "multiple_choice", "open"]
    first = bank.sections[0].questions[0]
    assert first.options == {"A": "说明产品有风险", "B": "承诺保本", "C": "转移话题"} and first.answer == "A"
    assert bank.sections[0].questions[2].answer == ["A", "B"]


def test_detects_each_readable_format_and_nothing_else(mixed):
    for name in ("moodle", "gift", "aiken", "xlsx"):
        assert detect_format(export_bank(mixed, name).data) == name
    assert read_exchange_format(JD_SEED.read_bytes(), JD_SEED.name) is None
    assert read_exchange_format("一、单选题\n1.客服应当( )\nA.倾听 B.争辩\n答案:A\n".encode(), "t.txt") is None
    # A stray GIFT-like brace in a web page or an ordinary document is not GIFT.
    assert read_exchange_format("<html><body>客服{=题}</body></html>".encode(), "p.html") is None
    stray = "一、单选题\n1.客服应当{=倾听}\n\n二、问答题\n说说你自己\n\n三、其他\n文本"
    assert read_exchange_format(stray.encode(), "t.txt") is None


def test_a_word_document_is_not_mistaken_for_the_excel_template():
    import docx

    document = docx.Document()
    document.add_paragraph("一、单选题")
    buffer = io.BytesIO()
    document.save(buffer)
    assert read_exchange_format(buffer.getvalue(), "bank.docx") is None


@pytest.mark.parametrize(
    "data,filename,where",
    [
        (b"<quiz><question type='essay'>", "bad.xml", "bad.xml: not well-formed XML"),
        ("题目一\nA. 对\nB. 错\nANSWER: C\n".encode(), "q.txt", "q.txt: line 4: ANSWER: C names no option"),
        ("::t::客服应当{=倾听 ~争辩\n".encode(), "a.gift", "a.gift: line 1: an answer block opened"),
    ],
)
def test_broken_files_raise_errors_that_say_where(data, filename, where):
    with pytest.raises(ExchangeFormatError, match=where):
        read_exchange_format(data, filename)


def test_excel_errors_name_the_row(mixed):
    workbook = load_workbook(io.BytesIO(export_bank(mixed, "xlsx").data))
    sheet = workbook["题目"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=3, column=header.index("题型") + 1, value="连线题")
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(ExchangeFormatError, match=r"row 3: 题型 '连线题'"):
        import_exchange(buffer.getvalue(), "edited.xlsx")


def test_unknown_format_is_refused(mixed):
    with pytest.raises(ExchangeFormatError, match="unknown format 'docx'"):
        export_bank(mixed, "docx")
