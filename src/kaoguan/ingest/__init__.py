"""Turn documents (text, Word, PDF, HTML) into a Bank (Bank JSON v1, see DESIGN.md).

Public API:
- import_path(path, max_bytes=None) -> Bank
- import_bytes(data, filename, max_bytes=None) -> Bank; the format is sniffed from the bytes
- parse_text(text, source=None) -> Bank, for text that is already decoded
- DocumentError: input that cannot be read as a document; the message names the file and the reason
- register_format(name, sniff, reader): plug in another format (see readers.py); the exchange
  formats of kaoguan.report.formats are plugged in by exchange.py
- analyse_text(text, source=None) -> Analysis: the bank plus the normalized text and the parser's
  trace, for diagnostics and the conservation check in the tests

The pipeline, one module per step:
readers (format sniffing, Word/PDF/HTML text) → encoding (BOM, UTF-16, UTF-8, charset-normalizer,
GB18030) → normalize (boilerplate, pinyin glosses, t2s, punctuation) → segment (cut points) →
parser (structure, numbering logic) → answers (options, answer values, key points, rubric) →
build (Bank assembly) → validate (warnings).

Conventions of the output:
- Text is Simplified Chinese with full-width Chinese punctuation (，：；？！（）“”); ASCII stays
  inside ASCII runs (1.5, 10:30, T+1, A,C).
- Numbers are kept as the document declares them; every disagreement is a warning, never a fix.
- Nothing is dropped silently: text the parser cannot place is kept in an `unplaced_text` warning.
- Documents over 20 MB (KAOGUAN_MAX_IMPORT_MB) are refused before they are read.
"""

from kaoguan.ingest.errors import DocumentError
from kaoguan.ingest.importer import Analysis, analyse_text, import_bytes, import_path, max_document_bytes, parse_text
from kaoguan.ingest.readers import register_format
from kaoguan.ingest import exchange  # noqa: F401,E402  (plugs Moodle XML, GIFT, Aiken, Excel, Bank JSON in)

__all__ = [
    "Analysis", "DocumentError", "analyse_text", "import_bytes", "import_path", "max_document_bytes", "parse_text",
    "register_format",
]
