"""Exchange formats (Moodle XML, GIFT, Aiken, the Excel template, Bank JSON) as importer inputs.

Their readers live with their writers in `kaoguan.report.formats`, so a format is defined once;
this module only plugs them into the importer's single format-choosing place (readers.py).
"""

from __future__ import annotations

from pathlib import Path

from kaoguan.bank.model import Bank
from kaoguan.ingest.errors import DocumentError
from kaoguan.ingest.readers import register_format
from kaoguan.report.formats import ExchangeFormatError, detect_format, import_exchange


def _reader_for(format_name: str):
    def read(data: bytes, source: str) -> Bank:
        try:
            bank = import_exchange(data, source, format_name)
        except ExchangeFormatError as exc:
            # A file that is recognisably this format but broken must not fall through to the text parser.
            raise DocumentError(source, str(exc)) from exc
        return bank if bank.source else bank.model_copy(update={"source": Path(source).name})

    return read


# The last document detected and its format. Each of the five sniffers asks about the same bytes,
# and detection decodes and scans up to 200 kB, so it runs once per document, not five times.
# Only `bytes` are remembered: they are immutable, so the same object always has the same answer
# (a bytearray could change between two imports).
_last_detected: tuple[bytes | None, str | None] = (None, None)


def _detected_format(data: bytes) -> str | None:
    global _last_detected
    seen, name = _last_detected  # one read of the tuple: safe when imports run in threads
    if seen is not data:
        name = detect_format(data)
        _last_detected = (data, name) if type(data) is bytes else (None, None)
    return name


def register_exchange_formats() -> None:
    for name in ("moodle", "gift", "aiken", "xlsx", "json"):
        register_format(name, lambda data, _source, name=name: _detected_format(data) == name, _reader_for(name))


register_exchange_formats()
