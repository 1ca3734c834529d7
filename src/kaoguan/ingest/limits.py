"""Safety limits checked before a document is parsed, so hostile or absurd input is refused
cheaply and with a message, instead of exhausting memory or time half-way through an import.

- Word files are zip archives: a few kilobytes can inflate to gigabytes (a "zip bomb"). The
  declared sizes are checked against caps before anything is inflated, and the XML parts are then
  inflated in chunks with the same cap, since a declared size can lie.
- XML with a DOCTYPE can declare entities (billion laughs, external files). Word never writes
  one, so any DOCTYPE in a .docx part is refused outright; python-docx additionally parses with
  `resolve_entities=False`.
- Decoded text with millions of lines or characters is no question bank; it is refused before
  the parser sees it.

Every refusal is an `UnsafeDocument` (a `DocumentError`): `str()` names the file and the reason
in English (CLI), `message_zh` says the same in Simplified Chinese for the web pages.
"""

from __future__ import annotations

import io
import re
import zipfile

from kaoguan.ingest.errors import DocumentError

MAX_ARCHIVE_MEMBERS = 2_000
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024  # the whole .docx inflated; real question banks stay far below
MAX_COMPRESSION_RATIO = 200  # text XML deflates by 5–20×; hundreds or more means padding built to explode
RATIO_CHECK_FROM_BYTES = 1024 * 1024  # tiny parts can compress absurdly well without harm
MAX_LINES = 200_000
MAX_PDF_PAGES = 2_000
MAX_TEXT_CHARS = 10_000_000
_CHUNK = 1024 * 1024
_DOCTYPE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.I)


class UnsafeDocument(DocumentError):
    """A document refused by a safety limit; `message_zh` is the reason for a Chinese page."""

    def __init__(self, source: str | None, reason: str, message_zh: str) -> None:
        super().__init__(source, reason)
        self.message_zh = f"{self.source}:{message_zh}"


def check_upload(data: bytes, source: str) -> None:
    """The checks that need no parsing: run before an import is queued or read."""
    if data.startswith(b"PK\x03\x04"):
        check_docx_archive(data, source)
    elif data.lstrip()[:5] == b"%PDF-":  # PDF bytes are binary; their text is checked once extracted
        check_pdf(data, source)
    else:
        check_line_count(data.count(b"\n"), source)


def check_docx_archive(data: bytes, source: str) -> None:
    """Refuse zip bombs and XML with DOCTYPE/entity declarations before python-docx reads the file."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise DocumentError(source, f"corrupt .docx (not a readable zip archive: {exc})") from exc
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise UnsafeDocument(source, f"zip archive with {len(members)} entries (limit {MAX_ARCHIVE_MEMBERS})",
                             f"压缩包内有 {len(members)} 个文件,超过上限 {MAX_ARCHIVE_MEMBERS},不是正常的 Word 文档")
    declared = sum(m.file_size for m in members)
    if declared > MAX_UNCOMPRESSED_BYTES:
        raise _too_big(source, declared)
    for member in members:
        if member.file_size > RATIO_CHECK_FROM_BYTES and member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1):
            ratio = member.file_size // max(member.compress_size, 1)
            raise UnsafeDocument(source, f"{member.filename} inflates {ratio}× ({member.file_size} bytes): a zip bomb",
                                 f"{member.filename} 解压后膨胀 {ratio} 倍,疑似压缩炸弹,已拒绝")
    _scan_xml_parts(archive, members, source)


def _scan_xml_parts(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], source: str) -> None:
    """Inflate every XML part in chunks, counting the real bytes (a header may understate them)
    and looking for DOCTYPE/ENTITY declarations."""
    inflated = 0
    for member in members:
        if not member.filename.lower().endswith((".xml", ".rels")):
            continue
        tail = b""
        try:
            with archive.open(member) as part:
                while chunk := part.read(_CHUNK):
                    inflated += len(chunk)
                    if inflated > MAX_UNCOMPRESSED_BYTES:
                        raise _too_big(source, inflated)
                    if _DOCTYPE.search(tail + chunk):
                        raise UnsafeDocument(source, f"{member.filename} declares a DOCTYPE or entities (refused: "
                                                     "Word never writes them; they can read files or explode in size)",
                                             f"{member.filename} 含有 DOCTYPE/实体声明(可能读取服务器文件或无限膨胀),已拒绝")
                    tail = chunk[-16:]
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError) as exc:
            raise DocumentError(source, f"corrupt .docx ({member.filename}: {exc})") from exc


def check_pdf(data: bytes, source: str) -> None:
    """Open the PDF's structure (not its text): refuse it when it is encrypted, unreadable or has
    more pages than any question bank."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise UnsafeDocument(source, "encrypted PDF (password protected); save an unprotected copy and import that",
                                 "PDF 已加密(需要密码),请另存一份不加密的副本再导入")
        pages = len(reader.pages)
    except DocumentError:
        raise
    except Exception as exc:  # pypdf raises many kinds for broken files; each means the same to the user
        raise UnsafeDocument(source, f"corrupt PDF ({type(exc).__name__}: {exc})",
                             f"PDF 文件已损坏,无法读取({type(exc).__name__})") from exc
    if pages > MAX_PDF_PAGES:
        raise UnsafeDocument(source, f"{pages} pages (limit {MAX_PDF_PAGES}); split the document",
                             f"PDF 共 {pages} 页,超过上限 {MAX_PDF_PAGES} 页,请拆分后再导入")


def _opens_without_password(reader) -> bool:
    try:
        return bool(reader.decrypt(""))
    except Exception:
        return False


def _too_big(source: str, size: int) -> UnsafeDocument:
    return UnsafeDocument(source, f"the .docx inflates to over {size / 1048576:.0f} MB "
                                  f"(limit {MAX_UNCOMPRESSED_BYTES // 1048576} MB): a zip bomb or not a question bank",
                          f"解压后超过 {MAX_UNCOMPRESSED_BYTES // 1048576} MB,疑似压缩炸弹或不是题库文档,已拒绝")


def check_line_count(lines: int, source: str) -> None:
    if lines > MAX_LINES:
        raise UnsafeDocument(source, f"{lines} lines (limit {MAX_LINES}): too long to be one question bank; split it",
                             f"共 {lines} 行,超过上限 {MAX_LINES} 行,不像一份题库,请拆分后再导入")


def check_text(text: str, source: str) -> None:
    """Decoded text (from any reader) within the line and character caps."""
    if len(text) > MAX_TEXT_CHARS:
        raise UnsafeDocument(source, f"{len(text)} characters of text (limit {MAX_TEXT_CHARS}); split the document",
                             f"文本共 {len(text)} 字,超过上限 {MAX_TEXT_CHARS} 字,请拆分后再导入")
    check_line_count(text.count("\n"), source)
