import json

import pytest

from kaoguan.bank import Bank, BankFormatError, bank_from_dict, bank_json_schema, dump_bank


def test_bank_round_trips_through_json_with_schema_key():
    bank = Bank(title="题集", sections=[{"title": "单选题", "questions": [
        {"id": "s1-q1", "number": 1, "kind": "single_choice", "prompt": "哪个?", "points": 2,
         "options": {"A": "甲", "B": "乙"}, "answer": "B"}]}])
    data = json.loads(dump_bank(bank))
    assert data["schema"] == "kaoguan.bank/1"
    assert data["sections"][0]["questions"][0]["points"] == 2
    assert bank_from_dict(data) == bank


def test_invalid_bank_names_the_field():
    with pytest.raises(BankFormatError, match=r"sections\.0\.questions\.0\.kind"):
        bank_from_dict({"schema": "kaoguan.bank/1", "title": "x", "sections": [
            {"title": "s", "questions": [{"id": "q", "prompt": "p", "kind": "essay"}]}]}, origin="b.json")


def test_json_schema_lists_the_fixed_warning_vocabulary():
    schema = bank_json_schema()
    codes = schema["$defs"]["BankWarning"]["properties"]["code"]["enum"]
    assert "truncated_question" in codes and "unplaced_text" in codes
