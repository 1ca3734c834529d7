"""The question-bank domain model and its JSON form (Bank JSON v1)."""

from kaoguan.bank.io import BankFormatError, bank_from_dict, bank_json_schema, bank_to_dict, dump_bank, load_bank, save_bank
from kaoguan.bank.model import (
    OBJECTIVE_KINDS,
    SCHEMA_ID,
    Bank,
    BankWarning,
    Category,
    KeyPoint,
    Question,
    QuestionKind,
    RubricItem,
    Section,
    WarningCode,
)

__all__ = [
    "OBJECTIVE_KINDS", "SCHEMA_ID", "Bank", "BankFormatError", "BankWarning", "Category", "KeyPoint",
    "Question", "QuestionKind", "RubricItem", "Section", "WarningCode", "bank_from_dict",
    "bank_json_schema", "bank_to_dict", "dump_bank", "load_bank", "save_bank",
]
