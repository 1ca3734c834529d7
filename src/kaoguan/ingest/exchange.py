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


def _read_exchange(data: bytes, source: str) -> Bank:
    try:
        bank = import_exchange(data, source)
    except ExchangeFormatError as exc:
        # A file that is recognisably one of these formats but broken must not fall through to the text parser.
        raise DocumentError(source, str(exc)) from exc
    return bank if bank.source else bank.model_copy(update={"source": Path(source).name})


def _is_exchange_format(data: bytes, _source: str) -> bool:
    # One plugin for all five formats, so an ordinary document is scanned once, not once per format.
    return detect_format(data) is not None


register_format("exchange", _is_exchange_format, _read_exchange)
