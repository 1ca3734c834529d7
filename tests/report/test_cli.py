"""`kaoguan export` from the command line."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from kaoguan.bank.io import load_bank
from kaoguan.cli import app
from kaoguan.report.formats import import_exchange, kept_part
from tests.conftest import JD_SEED

FIXTURE = Path(__file__).parent / "fixtures" / "mixed-bank.json"
runner = CliRunner()


def test_export_writes_the_file_and_lists_losses(tmp_path):
    out = tmp_path / "bank.gift.txt"
    result = runner.invoke(app, ["export", str(FIXTURE), "--format", "gift", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "答案要点 [s1-q1, s1-q2, s2-q1]" in result.stderr
    bank = load_bank(FIXTURE)
    assert import_exchange(out.read_bytes(), out.name) == kept_part(bank, "gift")


def test_export_qti3_package(tmp_path):
    out = tmp_path / "bank.zip"
    result = runner.invoke(app, ["export", str(FIXTURE), "-f", "qti3", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "imsmanifest.xml" in zipfile.ZipFile(io.BytesIO(out.read_bytes())).namelist()


def test_export_reads_a_document_through_the_importer(tmp_path):
    out = tmp_path / "jd.xlsx"
    result = runner.invoke(app, ["export", str(JD_SEED), "-f", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    bank = import_exchange(out.read_bytes(), out.name)
    assert bank.title == "2026年京东金融客服顾问面试题集" and bank.question_count == 13


def test_export_of_an_exchange_file_converts_between_formats(tmp_path):
    moodle = tmp_path / "b.xml"
    runner.invoke(app, ["export", str(FIXTURE), "-f", "moodle", "-o", str(moodle)])
    result = runner.invoke(app, ["export", str(moodle), "-f", "json", "-q"])
    assert result.exit_code == 0
    assert '"title": "2026年京东金融客服顾问面试题集(测试样本)"' in result.stdout


def test_export_of_a_missing_file_says_so(tmp_path):
    result = runner.invoke(app, ["export", str(tmp_path / "nope.json"), "-f", "gift"])
    assert result.exit_code == 1
    assert "nope.json: no such file" in result.stderr


def test_aiken_export_of_a_bank_without_choice_questions_fails_clearly(tmp_path):
    result = runner.invoke(app, ["export", str(JD_SEED), "-f", "aiken", "-o", str(tmp_path / "x.txt")])
    assert result.exit_code == 1
    assert "no single-choice question" in result.stderr


def test_export_of_a_stored_bank_by_id(tmp_path):
    from kaoguan.store import Database, Library

    url = f"sqlite:///{tmp_path / 'k.db'}"
    database = Database(url)
    database.upgrade()
    bank_id = Library(database).save_bank(load_bank(FIXTURE)).bank_id
    database.dispose()
    result = runner.invoke(app, ["export", str(bank_id), "--db", url, "-f", "json", "-q"])
    assert result.exit_code == 0, result.output
    assert import_exchange(result.stdout_bytes, "b.json") == load_bank(FIXTURE)
    missing = runner.invoke(app, ["export", "999", "--db", url, "-f", "json"])
    assert missing.exit_code == 1 and "bank 999" in missing.stderr
