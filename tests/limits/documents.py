"""Hostile and broken documents, built in the test run (nothing binary is checked in)."""

from __future__ import annotations

import io
import zipfile

import docx
from pypdf import PdfWriter


def word_document(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def with_part(docx_bytes: bytes, name: str, content_writer) -> bytes:
    """A copy of a .docx with part `name` replaced: `content_writer(stream)` writes the new content."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != name:
                target.writestr(item, source.read(item.filename))
        with target.open(name, "w", force_zip64=True) as stream:
            content_writer(stream)
    return out.getvalue()


def zip_bomb_docx(inflated_mb: int = 150) -> bytes:
    """A real Word file whose document.xml inflates to `inflated_mb` MB (it deflates to ~0.2 MB)."""
    def write(stream):
        stream.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document '
                     b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
        padding = b" " * (1024 * 1024)
        for _ in range(inflated_mb):
            stream.write(padding)
        stream.write(b"</w:body></w:document>")

    return with_part(word_document("1.请做自我介绍。"), "word/document.xml", write)


def external_entity_docx(secret_path: str) -> bytes:
    """A Word file whose document.xml declares an external entity reading `secret_path`."""
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
           f'<!DOCTYPE w:document [<!ENTITY secret SYSTEM "file://{secret_path}">]>\n'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           '<w:p><w:r><w:t>1.请做自我介绍。&secret;</w:t></w:r></w:p></w:body></w:document>').encode()
    return with_part(word_document("占位"), "word/document.xml", lambda stream: stream.write(xml))


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="面试", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


MALFORMED_PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nthis is not a pdf body\n%%EOF\n"
