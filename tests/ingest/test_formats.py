"""Readers: encodings detected from bytes, Word, PDF and HTML, and clear errors for bad input."""

import io
import zipfile

import pytest

from kaoguan.ingest import DocumentError, import_bytes, import_path
from kaoguan.ingest.readers import sniff_format
from tests.ingest.conftest import FIXTURES, codes, docx_bytes

SAMPLE = (FIXTURES / "structure-variants.txt").read_text(encoding="utf-8")
TRADITIONAL = (FIXTURES / "traditional-glossed.txt").read_text(encoding="utf-8")


def _outline(bank):
    return [(s.title, [(q.number, q.prompt, [kp.text for kp in q.key_points]) for q in s.questions]) for s in bank.sections]


EXPECTED = _outline(import_path(FIXTURES / "structure-variants.txt"))


@pytest.mark.parametrize(
    "encoded",
    [
        SAMPLE.encode("utf-8"),
        SAMPLE.encode("utf-8-sig"),
        SAMPLE.encode("gb18030"),
        SAMPLE.encode("gbk"),
        SAMPLE.encode("utf-16"),  # with BOM
        SAMPLE.encode("utf-16-le"),  # without BOM
        SAMPLE.encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030", "gbk", "utf-16-bom", "utf-16-le", "utf-16-be"],
)
def test_encodings_are_detected_not_guessed_from_the_name(encoded):
    # The misleading extension must not matter: the bytes decide.
    bank = import_bytes(encoded, "bank.docx")
    assert _outline(bank) == EXPECTED
    assert bank.source == "bank.docx"


def test_gb18030_only_characters_survive():
    # 𠮷 and 䶮 are outside GBK; a GBK decoder would lose them.
    text = SAMPLE.replace("简述存款保险制度", "简述𠮷䶮存款保险制度")
    bank = import_bytes(text.encode("gb18030"), "bank.txt")
    assert bank.question("s1-q1").prompt.startswith("简述𠮷䶮存款保险制度")


def test_big5_traditional_document():
    text = "2026年某銀行客服面試題\n一、行為面試題(共1題,每題10分)\n1.題目:請介紹你處理客戶投訴的經驗?\n答案要點:\n-傾聽:先安撫客戶情緒。"
    bank = import_bytes(text.encode("big5"), "big5.txt")
    question = bank.question("s1-q1")
    assert bank.title == "2026年某银行客服面试题"
    assert question.prompt == "请介绍你处理客户投诉的经验？"
    assert question.key_points[0].text == "倾听：先安抚客户情绪。"


def _docx_bytes(paragraphs, table_rows=()):
    return docx_bytes(*paragraphs, *([list(table_rows)] if table_rows else []))


def test_docx_paragraphs_and_tables():
    data = _docx_bytes(
        ["某银行客服面试题", "一、行为面试题（共2题，每题10分）", "1.题目：请介绍一次你处理投诉的经历？", "答案要点：", "-倾听：先让客户说完。"],
        table_rows=[["2.题目：你如何看待加班？", "答案要点：-理解：服从业务需要。"]],
    )
    bank = import_bytes(data, "题库.pdf")  # wrong extension on purpose
    assert sniff_format(data, "x") == "docx"
    assert [(q.prompt, [kp.text for kp in q.key_points]) for _, q in bank.questions()] == [
        ("请介绍一次你处理投诉的经历？", ["倾听：先让客户说完。"]),
        ("你如何看待加班？", ["理解：服从业务需要。"]),
    ]
    assert codes(bank) == []


def _pdf_bytes(lines, encrypt=None):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt)
    y = 800
    for line in lines:
        if line is None:
            pdf.showPage()
            y = 800
            continue
        pdf.setFont("STSong-Light", 11)
        pdf.drawString(40, y, line)
        y -= 18
    pdf.save()
    return buffer.getvalue()


PDF_LINES = [
    "某证券公司客服面试题", "第PAGE页共NUMPAGES页", "一、单选题（共2题，每题5分）",
    "1.投资者开户需年满（ ）周岁。", "A.16  B.18  C.20  D.22", "答案：B", None,
    "2.A股实行（ ）交收。", "A.T+0", "B.T+1", "答案：B",
]


def test_pdf_with_a_text_layer():
    bank = import_bytes(_pdf_bytes(PDF_LINES), "paper.txt")
    questions = [q for _, q in bank.questions()]
    assert bank.title == "某证券公司客服面试题"
    assert [(q.kind, q.answer) for q in questions] == [("single_choice", "B"), ("single_choice", "B")]
    assert questions[0].options == {"A": "16", "B": "18", "C": "20", "D": "22"}
    assert questions[1].options == {"A": "T+0", "B": "T+1"}


def test_a_pdf_whose_text_runs_come_apart_with_spaces_reads_as_written():
    # Some generators' text layers put a space between runs, all through the Chinese: those spaces
    # are the extractor's, so the numbering, points and labels are read as if they were not there.
    lines = [
        "2026 年某消费金融公司贷后客服面试题",
        "题目 1(10 分 ) 客户逾期 15 天 , 接通电话后说 “ 最近失业了 ” , 你会怎么沟通 ?",
        "答案要点 :",
        "- 表达理解 :“ 遇到这种情况确实不容易 。 ”",
        "- 了解情况 : 收入来源和预计恢复还款的时间 。",
        "题目 2(8 分 ) 客户投诉催收电话打到单位 , 你如何处理 ?",
        "答案要点 :",
        "- 先致歉并受理 。",
    ]
    bank = import_bytes(_pdf_bytes(lines), "paper.pdf")
    questions = [q for _, q in bank.questions()]
    assert bank.title == "2026年某消费金融公司贷后客服面试题"
    assert [(q.number, q.points, len(q.key_points)) for q in questions] == [(1, 10, 2), (2, 8, 1)]
    assert questions[0].prompt == "客户逾期15天，接通电话后说“最近失业了”，你会怎么沟通？"


def test_encrypted_pdf_is_refused_clearly():
    from reportlab.lib.pdfencrypt import StandardEncryption

    data = _pdf_bytes(PDF_LINES, encrypt=StandardEncryption("secret", ownerPassword="owner", canPrint=0))
    with pytest.raises(DocumentError, match=r"locked\.pdf: .*encrypted"):
        import_bytes(data, "locked.pdf")


def test_pdf_without_text_layer_is_refused_clearly():
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.rect(50, 50, 200, 200, fill=1)  # a scanned page: drawings, no text
    pdf.showPage()
    pdf.save()
    with pytest.raises(DocumentError, match=r"scan\.pdf: PDF without a text layer"):
        import_bytes(buffer.getvalue(), "scan.pdf")


HTML = """<!DOCTYPE html><html><head><meta charset="gbk"><title>面试题大全 - 某某文库网</title>
<style>.x{color:red}</style><script>var 题目 = "不要读我";</script></head>
<body><nav>首页 &gt; 文库 &gt; 面试题</nav>
<div class="content"><h1>某银行客服面试题</h1>
<p>一、行为面试题(共1题,每题10分)</p>
<p>1.题目:客户<b>情绪激动</b>,你会如何处理?</p>
<p>答案要点:</p><ul><li>-安抚:“非常抱歉给您带来不便。”</li><li>-核实:了解具体问题。</li></ul>
</div><footer>版权所有 下载本文档</footer></body></html>"""


def test_html_page_keeps_content_and_drops_script_style_nav():
    bank = import_bytes(HTML.encode("gbk"), "page.txt")
    question = bank.question("s1-q1")
    assert bank.title == "某银行客服面试题"
    assert question.prompt == "客户情绪激动，你会如何处理？"
    assert [(kp.text, kp.detail) for kp in question.key_points] == [("安抚", "“非常抱歉给您带来不便。”"), ("核实：了解具体问题。", None)]
    dumped = bank.model_dump_json()
    assert "不要读我" not in dumped and "首页" not in dumped and ".x{" not in dumped and "文库网" not in dumped


def test_binary_input_is_refused():
    with pytest.raises(DocumentError, match=r"photo\.txt: binary data"):
        import_bytes(bytes(range(256)) * 20, "photo.txt")


def test_corrupt_docx_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<not really xml")
    with pytest.raises(DocumentError, match=r"broken\.docx: corrupt \.docx"):
        import_bytes(buffer.getvalue(), "broken.docx")


def test_truncated_zip_is_refused():
    data = _docx_bytes(["一、行为面试题"])[:500]
    with pytest.raises(DocumentError, match=r"cut\.docx: corrupt \.docx"):
        import_bytes(data, "cut.docx")


def test_empty_file_is_refused(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(DocumentError, match=r"empty\.txt: empty file"):
        import_path(empty)


def test_oversized_file_is_refused_before_reading(tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:  # sparse: 50 MB on paper, nothing in memory
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(DocumentError, match=r"huge\.txt: file is 50\.0 MB, over the 20 MB limit"):
        import_path(big)


def test_size_limit_is_a_setting(tmp_path, monkeypatch):
    path = tmp_path / "bank.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    monkeypatch.setenv("KAOGUAN_MAX_IMPORT_MB", "0.0001")
    with pytest.raises(DocumentError, match="over the"):
        import_path(path)
    assert import_path(path, max_bytes=10 * 1024 * 1024).sections


def test_missing_file_is_named(tmp_path):
    with pytest.raises(DocumentError, match=r"nope\.txt: no such file"):
        import_path(tmp_path / "nope.txt")


def test_legacy_word_doc_gets_a_clear_message():
    with pytest.raises(DocumentError, match=r"old\.doc: legacy Word \.doc"):
        import_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old.doc")


def test_zip_that_is_not_a_word_document():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(DocumentError, match=r"book\.xlsx: a zip archive without word/document\.xml"):
        import_bytes(buffer.getvalue(), "book.xlsx")


def test_markdown_file_is_read_as_text():
    text = "# 某银行客服面试题\n\n## 一、行为面试题（共1题，每题10分）\n\n1. **题目**：请介绍你自己？\n\n答案要点：\n\n- 简洁：一分钟以内。\n"
    bank = import_bytes(text.encode("utf-8"), "bank.md")
    assert bank.title == "某银行客服面试题"
    assert [s.title for s in bank.sections] == ["行为面试题"] and bank.warnings == []
    assert [(q.prompt, [kp.text for kp in q.key_points]) for _, q in bank.questions()] == [("请介绍你自己？", ["简洁：一分钟以内。"])]


def test_a_plugged_in_format_is_chosen_from_content():
    from kaoguan.bank.model import Bank
    from kaoguan.ingest import readers

    def sniff(data, source):
        return data.startswith(b"<?xml") and b"<quiz>" in data[:200]

    def read_quiz(data, source):
        return Bank(title="Moodle 题库", source=source)

    readers.register_format("moodle-test", sniff, read_quiz)
    try:
        assert import_bytes(b'<?xml version="1.0"?><quiz></quiz>', "q.txt").title == "Moodle 题库"
        assert import_bytes(SAMPLE.encode("utf-8"), "plain.xml").sections  # other content still parsed
    finally:
        readers._PLUGGED[:] = [p for p in readers._PLUGGED if p[0] != "moodle-test"]
        readers.READERS.pop("moodle-test")


def test_docx_automatic_list_numbers_are_restored():
    import docx

    document = docx.Document()
    document.add_paragraph("某银行客服面试题")
    document.add_paragraph("一、行为面试题（共2题，每题10分）")
    document.add_paragraph("请介绍一次你处理投诉的经历？", style="List Number")  # Word shows "1." — not in the text
    document.add_paragraph("答案要点：")
    document.add_paragraph("倾听：先让客户说完。", style="List Bullet")
    document.add_paragraph("你如何看待加班？", style="List Number")
    document.add_paragraph("答案要点：")
    document.add_paragraph("理解：服从业务需要。", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    bank = import_bytes(buffer.getvalue(), "auto-numbered.docx")
    assert [(q.number, q.prompt, [kp.text for kp in q.key_points]) for _, q in bank.questions()] == [
        (1, "请介绍一次你处理投诉的经历？", ["倾听：先让客户说完。"]),
        (2, "你如何看待加班？", ["理解：服从业务需要。"]),
    ]


def test_docx_question_table_with_header_row():
    data = _docx_bytes(
        ["某保险公司客服面试题", "一、情景题（共2题，每题10分）"],
        table_rows=[
            ["序号", "题目", "参考答案", "分值"],
            ["1", "客户投诉理赔太慢，你怎么处理？", "（1）致歉；（2）查询进度；（3）承诺回电。", "10"],
            ["2", "客户要求退保，你怎么处理？", "先核实身份，再说明犹豫期规则。", "10"],
        ],
    )
    bank = import_bytes(data, "table.docx")
    first, second = bank.sections[0].questions
    assert (first.number, first.points, first.prompt) == (1, 10, "客户投诉理赔太慢，你怎么处理？")
    assert [kp.text for kp in first.key_points] == ["致歉", "查询进度", "承诺回电。"]
    assert second.reference_answer == "先核实身份，再说明犹豫期规则。"
    assert codes(bank) == ["missing_key_points"]
