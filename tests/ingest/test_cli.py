"""`kaoguan import`: JSON on stdout or in a file, warnings on stderr, summaries, exit codes."""

import json

from typer.testing import CliRunner

from kaoguan.cli import app
from tests.conftest import INTERNET_BANK_SEED, JD_SEED

runner = CliRunner()


def test_one_file_prints_one_bank_and_warnings_on_stderr():
    result = runner.invoke(app, ["import", str(JD_SEED)])
    assert result.exit_code == 0
    bank = json.loads(result.stdout)
    assert bank["schema"] == "kaoguan.bank/1" and len(bank["sections"]) == 3
    assert "[truncated_question] 第3节第3题" in result.stderr
    assert bank["warnings"][0]["code"] == "truncated_question"  # also kept in the JSON


def test_several_files_with_output_write_a_list(tmp_path):
    out = tmp_path / "banks.json"
    result = runner.invoke(app, ["import", str(JD_SEED), str(INTERNET_BANK_SEED), "-o", str(out)])
    assert result.exit_code == 0
    banks = json.loads(out.read_text(encoding="utf-8"))
    assert [b["source"] for b in banks] == [JD_SEED.name, INTERNET_BANK_SEED.name]
    assert result.stdout == ""


def test_one_file_with_output_writes_one_bank(tmp_path):
    out = tmp_path / "bank.json"
    assert runner.invoke(app, ["import", str(JD_SEED), "-o", str(out)]).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == "2026年京东金融客服顾问面试题集"


def test_summary_shows_sections_counts_points_and_warnings():
    result = runner.invoke(app, ["import", str(JD_SEED), str(INTERNET_BANK_SEED), "--summary"], terminal_width=120)
    assert result.exit_code == 0
    out = result.stdout
    for expected in ("2026年京东金融客服顾问面试题集", "行为面试题", "5题×8分", "3(1截断)", "truncated_question",
                     "2026年互联网银行客服经理岗位面试题集", "5题×10分=50分", "总分：200", "garbled_text", "deferred_answer_key"):
        assert expected in out, expected
    assert not out.lstrip().startswith("{")


def test_unreadable_file_is_named_and_exits_2(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["import", str(empty)])
    assert result.exit_code == 2
    assert "empty.txt: empty file" in result.stderr
    assert result.stdout == ""


def test_one_bad_file_among_good_ones_still_exits_0(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 garbage")
    result = runner.invoke(app, ["import", str(bad), str(JD_SEED)])
    assert result.exit_code == 0
    assert "bad.pdf" in result.stderr
    assert [b["source"] for b in json.loads(result.stdout)] == [JD_SEED.name]


def test_max_mb_option_refuses_large_files():
    result = runner.invoke(app, ["import", str(INTERNET_BANK_SEED), "--max-mb", "0.001"])
    assert result.exit_code == 2
    assert "over the" in result.stderr


def test_db_option_saves_through_the_store(tmp_path):
    url = f"sqlite:///{tmp_path / 'kaoguan.db'}"
    result = runner.invoke(app, ["import", str(JD_SEED), "--db", url, "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 0, result.stderr
    from kaoguan.store import Database, Library

    banks = Library(Database(url)).list_banks()
    assert [b.title for b in banks] == ["2026年京东金融客服顾问面试题集"]
