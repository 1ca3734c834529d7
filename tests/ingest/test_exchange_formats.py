"""`kaoguan import` reads the exchange formats that `kaoguan export` writes."""

import pytest

from kaoguan.ingest import DocumentError, import_bytes, import_path
from kaoguan.report.formats import export_bank
from tests.conftest import JD_SEED


@pytest.fixture(scope="module")
def jd_bank():
    return import_path(JD_SEED)


@pytest.mark.parametrize("fmt, filename", [("moodle", "jd.xml"), ("gift", "jd.txt"), ("xlsx", "jd.xlsx"), ("json", "jd.json")])
def test_exported_bank_imports_back_with_its_questions(jd_bank, fmt, filename):
    bank = import_bytes(export_bank(jd_bank, fmt).data, filename)
    assert bank.title == jd_bank.title
    assert [q.prompt for _, q in bank.questions()] == [q.prompt for _, q in jd_bank.questions()]
    assert bank.source  # the file name stands in when the format carries no source


def test_broken_moodle_xml_is_refused_not_parsed_as_text():
    with pytest.raises(DocumentError, match="broken.xml"):
        import_bytes(b'<?xml version="1.0"?><quiz><question type="multichoice"><name>', "broken.xml")
