"""Bank JSON (de)serialization and its JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kaoguan.bank.model import Bank


class BankFormatError(ValueError):
    """A file that claims to be Bank JSON but is not; the message names the file and the field."""


def bank_to_dict(bank: Bank) -> dict[str, Any]:
    return bank.model_dump(mode="json", by_alias=True)


def dump_bank(bank: Bank, indent: int | None = 2) -> str:
    return json.dumps(bank_to_dict(bank), ensure_ascii=False, indent=indent)


def bank_from_dict(data: Any, origin: str = "<data>") -> Bank:
    try:
        return Bank.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(top level)"
        raise BankFormatError(f"{origin}: not a valid kaoguan bank: {where}: {first['msg']}") from exc


def load_bank(path: str | Path) -> Bank:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise BankFormatError(f"{path}: not JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}") from exc
    except UnicodeDecodeError as exc:
        raise BankFormatError(f"{path}: not UTF-8 text") from exc
    return bank_from_dict(data, origin=str(path))


def save_bank(bank: Bank, path: str | Path) -> None:
    Path(path).write_text(dump_bank(bank) + "\n", encoding="utf-8")


def bank_json_schema() -> dict[str, Any]:
    schema = Bank.model_json_schema(by_alias=True)
    schema["$id"] = "https://kaoguan.dev/schema/bank-1.json"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
