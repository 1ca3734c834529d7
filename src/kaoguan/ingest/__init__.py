"""Turn documents (text, Word, PDF, HTML) into a Bank (Bank JSON v1, see DESIGN.md).

Public API:
- import_path(path) -> Bank
- import_bytes(data, filename) -> Bank
- parse_text(text, source=None) -> Bank, for text that is already decoded
- DocumentError: a file that cannot be read as a document; its message names the file and the reason.

The pipeline: readers (format sniffing, decoding) → normalize (boilerplate, glosses, t2s,
punctuation) → segment → parser (structure) → build (answers, key points) → validate (warnings).
"""

from kaoguan.ingest.errors import DocumentError
from kaoguan.ingest.importer import analyse_text, import_bytes, import_path, max_document_bytes, parse_text

__all__ = ["DocumentError", "analyse_text", "import_bytes", "import_path", "max_document_bytes", "parse_text"]
