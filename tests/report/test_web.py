"""The report router inside the web app: bank export page and downloads."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient

from kaoguan.bank.io import load_bank
from kaoguan.report.formats import FORMATS, import_exchange, kept_part
from kaoguan.web import create_app
from tests.web.conftest import as_admin

FIXTURE = Path(__file__).parent / "fixtures" / "mixed-bank.json"


@pytest.fixture
def client(tmp_path):
    with TestClient(create_app(f"sqlite:///{tmp_path / 'kaoguan.db'}")) as test_client:
        yield as_admin(test_client)  # exports are the bank owners' and the admin's


@pytest.fixture
def bank_id(client):
    response = client.post("/api/v1/banks", content=FIXTURE.read_bytes(), headers={"content-type": "application/json"})
    assert response.status_code == 201, response.text
    return response.json()["bank_id"]


def test_export_page_offers_every_format_with_what_it_loses(client, bank_id):
    page = client.get(f"/banks/{bank_id}/export")
    assert page.status_code == 200
    for fmt in FORMATS.values():
        assert f"/banks/{bank_id}/export/{fmt.name}" in page.text
    assert "答案要点 [s1-q1, s1-q2, s2-q1]" in page.text  # GIFT's losses are listed
    assert "全部保留" in page.text  # Bank JSON keeps everything


def test_moodle_download_reads_back_as_the_stored_bank(client, bank_id):
    response = client.get(f"/banks/{bank_id}/export/moodle")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/xml")
    disposition = response.headers["content-disposition"]
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == "2026年京东金融客服顾问面试题集(测试样本).moodle.xml"
    bank = load_bank(FIXTURE)
    assert import_exchange(response.content, "x.xml") == kept_part(bank, "moodle")


def test_qti_package_download_over_the_api(client, bank_id):
    response = client.get(f"/api/v1/banks/{bank_id}/export/qti3")
    assert response.status_code == 200
    assert "imsmanifest.xml" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert int(response.headers["x-kaoguan-losses"]) > 0


def test_unknown_format_and_impossible_export_are_refused_clearly(client, bank_id):
    assert client.get(f"/banks/{bank_id}/export/docx").status_code == 404
    open_only = load_bank(FIXTURE).model_copy(deep=True)
    open_only.sections = open_only.sections[:2]
    stored = client.post("/api/v1/banks", content=open_only.model_dump_json(by_alias=True),
                         headers={"content-type": "application/json"}).json()["bank_id"]
    response = client.get(f"/banks/{stored}/export/aiken")
    assert response.status_code == 422
    assert "no single-choice question" in response.text


def test_blank_excel_template_imports_as_a_one_question_bank(client):
    response = client.get("/reports/templates/bank.xlsx")
    assert response.status_code == 200
    bank = import_exchange(response.content, "模板.xlsx")
    question = bank.sections[0].questions[0]
    assert bank.sections[0].category == "behavioral" and [kp.text for kp in question.key_points][0] == "先安抚情绪"
