"""`kaoguan score` and `kaoguan practice` through Typer's CliRunner."""

import json

import pytest
from typer.testing import CliRunner

from kaoguan.cli import app
from kaoguan.score.devset import bank_from_dev_questions
from tests.conftest import DEV_ANSWERS

runner = CliRunner()


@pytest.fixture(scope="module")
def bank_file(tmp_path_factory):
    bank = bank_from_dev_questions(DEV_ANSWERS / "questions.json")
    path = tmp_path_factory.mktemp("bank") / "dev-bank.json"
    path.write_text(bank.model_dump_json(by_alias=True), encoding="utf-8")
    return path


def test_score_writes_one_line_per_answer_in_order_and_skips_bad_lines(bank_file, tmp_path):
    good = [
        {"answer_id": "a1", "question_id": "dev-q06", "text": "我会先安抚客户，核实身份后马上冻结卡片。"},
        {"answer_id": "a2", "question_id": "dev-q18", "text": "我会虚心接受批评，会后对照质检标准听录音，找主管私下沟通。"},
        {"answer_id": "a3", "question_id": "dev-q06", "text": "我平时喜欢旅游。"},
    ]
    lines = [
        json.dumps(good[0], ensure_ascii=False),
        "{not json",
        json.dumps({"answer_id": "x", "question_id": "no-such-question", "text": "…"}),
        json.dumps(good[1], ensure_ascii=False),
        "",
        json.dumps({"answer_id": "y", "question_id": "dev-q06"}),
        json.dumps(good[2], ensure_ascii=False),
    ]
    answers = tmp_path / "answers.jsonl"
    answers.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "scores.jsonl"
    result = runner.invoke(app, ["score", "--bank", str(bank_file), "--answers", str(answers), "-o", str(out), "--mode", "fast"])
    assert result.exit_code == 0, result.output
    scores = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [s["answer_id"] for s in scores] == ["a1", "a2", "a3"]
    assert all(s["max_score"] > 0 and "feedback" in s for s in scores)
    assert "line 2: not valid JSON" in result.stderr
    assert "line 3: unknown question id 'no-such-question'" in result.stderr
    assert "line 6: text: Field required" in result.stderr


def test_score_reports_an_unreadable_bank_clearly(tmp_path):
    bad = tmp_path / "bank.json"
    bad.write_text("{\"schema\": \"kaoguan.bank/1\"}", encoding="utf-8")
    answers = tmp_path / "a.jsonl"
    answers.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["score", "--bank", str(bad), "--answers", str(answers)])
    assert result.exit_code == 2
    assert "bank.json" in result.stderr


def test_score_rejects_an_unknown_mode(bank_file, tmp_path):
    answers = tmp_path / "a.jsonl"
    answers.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["score", "--bank", str(bank_file), "--answers", str(answers), "--mode", "turbo"])
    assert result.exit_code == 2 and "--mode" in result.stderr


def test_practice_runs_a_mock_interview(bank_file):
    answers = (
        "我会先安抚客户，告诉他别着急。\n核实身份后马上冻结卡片，防止继续被盗刷。\n\n"
        "我会直接跟客户说百分之百全额退给您。\n\n"
    )
    result = runner.invoke(app, ["practice", str(bank_file), "--section", "2", "--count", "2", "--seed", "1", "--mode", "fast"], input=answers)
    assert result.exit_code == 0, result.output
    assert "第 1/2 题" in result.output and "第 2/2 题" in result.output
    assert result.output.count("得分：") == 2
    assert "面试小结" in result.output and "合计" in result.output


def test_practice_ends_early_on_end_of_input(bank_file):
    result = runner.invoke(app, ["practice", str(bank_file), "--count", "3", "--mode", "fast"], input="")
    assert result.exit_code == 0
    assert "提前结束" in result.output


def test_practice_rejects_a_section_out_of_range(bank_file):
    result = runner.invoke(app, ["practice", str(bank_file), "--section", "9"])
    assert result.exit_code != 0


def test_practice_reads_a_document_through_the_importer():
    from tests.conftest import JD_SEED

    result = runner.invoke(app, ["practice", str(JD_SEED), "--count", "1", "--seed", "2", "--mode", "fast"], input="我会先安抚客户情绪，然后帮他查询原因。\n\n")
    assert result.exit_code == 0, result.output
    assert "京东金融" in result.output and "得分：" in result.output and "面试小结" in result.output
