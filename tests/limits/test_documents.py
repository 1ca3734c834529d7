"""Hostile, broken and absurd documents are refused with a message before anything is parsed."""

from __future__ import annotations

import copy
import io

import docx
import pytest

from kaoguan.ingest import DocumentError, import_bytes
from kaoguan.ingest.limits import MAX_LINES, UnsafeDocument
from tests.conftest import JD_SEED
from tests.limits.documents import MALFORMED_PDF, encrypted_pdf, external_entity_docx, word_document, zip_bomb_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_a_zip_bomb_word_file_is_refused_before_it_is_inflated():
    bomb = zip_bomb_docx(inflated_mb=150)
    assert len(bomb) < 2 * 1024 * 1024  # small on disk, well under the upload size limit
    with pytest.raises(UnsafeDocument) as refused:
        import_bytes(bomb, "题库.docx")
    assert "题库.docx" in str(refused.value) and "zip bomb" in str(refused.value)
    assert "压缩炸弹" in refused.value.message_zh


def test_an_external_entity_in_a_word_file_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-MARKER-7731", encoding="utf-8")
    hostile = external_entity_docx(str(secret))
    with pytest.raises(UnsafeDocument) as refused:
        import_bytes(hostile, "外部实体.docx")
    assert "DOCTYPE" in str(refused.value) and "word/document.xml" in str(refused.value)


def test_python_docx_itself_never_resolves_an_external_entity(tmp_path):
    # The DOCTYPE pre-check is the first guard; the XML parser underneath is the second.
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-MARKER-7731", encoding="utf-8")
    try:
        document = docx.Document(io.BytesIO(external_entity_docx(str(secret))))
    except Exception:
        return  # refusing to parse is also safe
    text = "\n".join(p.text for p in document.paragraphs)
    assert "SECRET-MARKER-7731" not in text


def test_an_encrypted_pdf_is_refused_with_a_message():
    with pytest.raises(DocumentError) as refused:
        import_bytes(encrypted_pdf(), "加密.pdf")
    assert "加密.pdf" in str(refused.value) and "encrypted" in str(refused.value)
    assert "加密" in refused.value.message_zh


def test_a_malformed_pdf_is_refused_with_a_message():
    with pytest.raises(DocumentError) as refused:
        import_bytes(MALFORMED_PDF, "坏文件.pdf")
    assert "坏文件.pdf" in str(refused.value) and "PDF" in str(refused.value)


def test_five_million_short_lines_are_refused_by_the_line_cap():
    many = b"a\n" * 5_000_000  # 10 MB: under the size limit, far over any question bank
    with pytest.raises(UnsafeDocument) as refused:
        import_bytes(many, "长文件.txt")
    assert "5000000 lines" in str(refused.value) and str(MAX_LINES) in str(refused.value)


def test_a_long_word_document_is_refused_after_reading_by_the_same_cap():
    # Few bytes per paragraph, so only the line count (of the text read from Word) can stop it.
    document = docx.Document()
    template = document.add_paragraph("x")._p
    body = document.element.body
    body.remove(template)
    for n in range(MAX_LINES + 10):  # copying one paragraph is much faster than add_paragraph
        paragraph = copy.deepcopy(template)
        paragraph.find(f"{{{W}}}r/{{{W}}}t").text = f"{n}."
        body.append(paragraph)
    out = io.BytesIO()
    document.save(out)
    with pytest.raises(UnsafeDocument) as refused:
        import_bytes(out.getvalue(), "很长.docx")
    assert "很长.docx" in str(refused.value) and f"limit {MAX_LINES}" in str(refused.value)


def test_content_decides_the_format_not_the_name():
    text = JD_SEED.read_bytes()
    as_docx = import_bytes(text, "改了扩展名.docx")
    assert as_docx.question_count == import_bytes(text, JD_SEED.name).question_count > 0
    html = "<html><body><p>一、行为面试题</p><p>1.请介绍一次你安抚客户的经历。(8分)</p></body></html>".encode()
    assert import_bytes(html, "网页.docx").question_count == 1
    real_word = word_document("一、行为面试题", "1.请介绍一次你安抚客户的经历。(8分)")
    assert import_bytes(real_word, "题库.txt").question_count == 1
