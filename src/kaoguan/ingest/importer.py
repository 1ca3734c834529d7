"""The importer's entry points: a path, bytes, or already-decoded text → Bank."""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass
from pathlib import Path

from kaoguan.bank.model import Bank
from kaoguan.ingest.build import build_bank
from kaoguan.ingest.errors import DocumentError
from kaoguan.ingest.limits import check_text, check_upload
from kaoguan.ingest.normalize import Normalized, normalize
from kaoguan.ingest.parser import ParseResult, parse_pieces
from kaoguan.ingest.readers import read_document
from kaoguan.ingest.segment import segment

DEFAULT_MAX_MB = 20


def max_document_bytes() -> int:
    """The size limit for one document: KAOGUAN_MAX_IMPORT_MB (default 20 MB)."""
    raw = os.environ.get("KAOGUAN_MAX_IMPORT_MB", "")
    try:
        megabytes = float(raw) if raw else DEFAULT_MAX_MB
    except ValueError:
        megabytes = DEFAULT_MAX_MB
    return int(megabytes * 1024 * 1024)


@dataclass
class Analysis:
    """A bank with what the importer saw on the way, for tests and diagnostics."""

    bank: Bank
    normalized: Normalized
    parse: ParseResult


def import_path(path: str | os.PathLike[str], max_bytes: int | None = None) -> Bank:
    """Import one document file. Raises DocumentError (naming the file) for unreadable input."""
    path = Path(path)
    limit = max_document_bytes() if max_bytes is None else max_bytes
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise DocumentError(str(path), "no such file") from exc
    except OSError as exc:
        raise DocumentError(str(path), f"cannot read ({exc.strerror})") from exc
    if path.is_dir():
        raise DocumentError(str(path), "is a directory, not a document")
    if size > limit:
        raise DocumentError(str(path), f"file is {size / 1048576:.1f} MB, over the {limit / 1048576:.0f} MB limit (KAOGUAN_MAX_IMPORT_MB)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(str(path), f"cannot read ({exc.strerror})") from exc
    return import_bytes(data, path.name, max_bytes=limit)


def import_bytes(data: bytes, filename: str, max_bytes: int | None = None) -> Bank:
    """Import a document given as bytes; the format is sniffed from the content, not the name."""
    limit = max_document_bytes() if max_bytes is None else max_bytes
    if len(data) > limit:
        raise DocumentError(filename, f"document is {len(data) / 1048576:.1f} MB, over the {limit / 1048576:.0f} MB limit")
    check_upload(data, filename)  # zip bombs, XML entities, millions of lines: refused before reading
    content = read_document(data, filename)
    if isinstance(content, Bank):  # a plugged-in structured format (see readers.register_format)
        return content
    check_text(content, filename)
    return parse_text(content, source=filename)


def parse_text(text: str, source: str | None = None) -> Bank:
    """Parse already-decoded text of a document into a Bank."""
    return analyse_text(text, source).bank


def analyse_text(text: str, source: str | None = None) -> Analysis:
    # An import allocates hundreds of thousands of small objects (pieces, fragments, models) that
    # form no reference cycles; the cyclic collector would still rescan them over and over as they
    # accumulate (a third of the time of a 5 MB document). Reference counting frees them as usual;
    # the collector resumes afterwards, unless someone else had already turned it off.
    collector_was_on = gc.isenabled()
    gc.disable()
    try:
        normalized = normalize(text)
        result = parse_pieces(segment(normalized.text))
        return Analysis(bank=build_bank(result, normalized, source), normalized=normalized, parse=result)
    finally:
        if collector_was_on:
            gc.enable()
