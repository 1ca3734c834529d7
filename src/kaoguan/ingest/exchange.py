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


def register_exchange_formats() -> None:
    for name in ("moodle", "gift", "aiken", "xlsx", "json"):
        register_format(name, lambda data, _source, name=name: detect_format(data) == name, _reader_for(name))


register_exchange_formats()
