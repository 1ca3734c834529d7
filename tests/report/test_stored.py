"""Reports over stored interviews: a real SQLite database, the interview service and the real
scorer (fast mode), reached through the CLI and the web app."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from typer.testing import CliRunner

from kaoguan.bank.io import load_bank
from kaoguan.cli import app as cli
from kaoguan.interview.views import PaperSpec, QuestionPick
from kaoguan.report.source import paper_results, session_result
from kaoguan.score import Scorer
from kaoguan.web import create_app
from tests.web.conftest import as_admin

FIXTURE = Path(__file__).parent / "fixtures" / "mixed-bank.json"
PICKS = ["s1-q1", "s3-q1", "s3-q2", "s4-q1"]
ANSWERS = {
    "张晓明": ["先生您好,非常抱歉给您带来不便,我理解您的心情。请问是提交失败还是其他问题?系统故障我已经上报,会实时跟进并把结果同步给您。", "B", "C", "AC"],
    "李四": ["让他等着。", "A", "C", "A"],
    "王五": ["我先安抚客户情绪,问清楚具体问题,然后告诉他处理进度。", "B", "A", "AC"],
}


@pytest.fixture(scope="module")
def scorer():
    return Scorer("fast")


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def stored(request, tmp_path_factory, scorer):
    """A database with one paper and three submitted, scored sessions; 张晓明 rated by two interviewers.
    Built once per engine: SQLite, and a real PostgreSQL server (tests/pg.py)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'kaoguan.db'}"
    else:
        server = request.getfixturevalue("postgres_server")
        url = server.create_database("kaoguan_report_test")
    with TestClient(create_app(url, scorer=scorer)) as client:
        as_admin(client)  # the reports are the admin's (and the team's) to read
        services = client.app.state.services
        bank_id = services.library.save_bank(load_bank(FIXTURE)).bank_id
        paper = services.interviews.assemble_paper(
            PaperSpec(title="客服顾问面试", picks=[QuestionPick(bank_id=bank_id, question_id=q) for q in PICKS]))
        sessions = {}
        for name, texts in ANSWERS.items():
            invitation = services.interviews.invite_candidate(paper.paper_id, name)
            services.interviews.open_session(invitation.token)
            for position, text in enumerate(texts, start=1):
                services.interviews.autosave_answer(invitation.token, position, text, 1)
            services.interviews.submit(invitation.token, score_now=True)
            sessions[name] = invitation.session_id
        services.interviews.rate(sessions["张晓明"], 1, "王经理", {"k1": 1, "k2": 1, "k3": 1, "k4": 0.5}, 7, "沟通自然")
        services.interviews.rate(sessions["张晓明"], 1, "李主管", {"k1": 1, "k2": 1, "k3": 1, "k4": 1}, 8)
        yield {"url": url, "client": client, "paper_id": paper.paper_id, "sessions": sessions, "services": services}
    if request.param == "postgresql":
        request.getfixturevalue("postgres_server").drop_database("kaoguan_report_test")


def test_paper_results_follow_the_stored_scores_and_ratings(stored):
    paper, results = paper_results(stored["services"].interviews, stored["paper_id"])
    assert paper.title == "客服顾问面试"
    by_name = {result.candidate_name: result for result in results}
    assert set(by_name) == set(ANSWERS)
    zhang = by_name["张晓明"]
    assert zhang.answers[0].rater_score == 7.5  # mean of the two interviewers
    assert zhang.total == pytest.approx(7.5 + 2 + 2 + 3)  # every choice right
    assert by_name["李四"].answers[1].auto.correct is False
    assert zhang.max_total == 8 + 2 + 2 + 3


def test_session_result_brings_the_cohort_along(stored):
    mine, cohort = session_result(stored["services"].interviews, stored["sessions"]["王五"])
    assert mine.candidate_name == "王五" and len(cohort) == 3


def test_candidate_page_and_pdf(stored):
    client, session_id = stored["client"], stored["sessions"]["张晓明"]
    page = client.get(f"/reports/sessions/{session_id}")
    assert page.status_code == 200
    assert "张晓明" in page.text and "王经理 7" in page.text and "沟通自然" in page.text and "<svg" in page.text
    pdf = client.get(f"/reports/sessions/{session_id}.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and b"WenQuanYi" in pdf.content


def test_cohort_page_and_exports(stored):
    client, paper_id = stored["client"], stored["paper_id"]
    page = client.get(f"/reports/papers/{paper_id}")
    assert page.status_code == 200
    assert page.text.index("张晓明") < page.text.index("李四")  # ranked
    rows = list(csv.reader(io.StringIO(client.get(f"/reports/papers/{paper_id}/cohort.csv").content.decode("utf-8-sig"))))
    assert rows[1][1] == "张晓明" and len(rows) == 4
    sheet = load_workbook(io.BytesIO(client.get(f"/reports/papers/{paper_id}/cohort.xlsx").content))["排名"]
    assert sheet.max_row == 4
    assert client.get(f"/reports/papers/{paper_id}?cut_off=7").status_code == 422


def test_item_statistics_page_and_api(stored):
    client, paper_id = stored["client"], stored["paper_id"]
    assert client.get(f"/reports/papers/{paper_id}/items").status_code == 200
    data = client.get(f"/api/v1/papers/{paper_id}/item-statistics").json()
    assert data["candidates"] == 3 and len(data["items"]) == 4
    choice = data["items"][1]
    assert choice["mean_share"] == pytest.approx(2 / 3)
    assert {o["option"]: o["chosen"] for o in choice["options"]}["A"] == pytest.approx(1 / 3)


def test_report_commands(stored, tmp_path):
    runner = CliRunner()
    out = tmp_path / "cohort.xlsx"
    result = runner.invoke(cli, ["report", "cohort", str(stored["paper_id"]), "--db", stored["url"], "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert load_workbook(out)["排名"].max_row == 4
    pdf = tmp_path / "zhang.pdf"
    result = runner.invoke(cli, ["report", "candidate", str(stored["sessions"]["张晓明"]), "--db", stored["url"], "-o", str(pdf)])
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes().startswith(b"%PDF")
    result = runner.invoke(cli, ["report", "items", str(stored["paper_id"]), "--db", stored["url"]])
    assert result.exit_code == 0 and "Cronbach" in result.stdout


def test_report_of_an_unknown_session_or_paper_says_so(stored):
    runner = CliRunner()
    result = runner.invoke(cli, ["report", "cohort", "999", "--db", stored["url"]])
    assert result.exit_code == 1 and "999" in result.stderr
    result = runner.invoke(cli, ["report", "candidate", "999", "--db", stored["url"], "-o", "x.pdf"])
    assert result.exit_code == 1 and "999" in result.stderr
    assert stored["client"].get("/reports/sessions/999").status_code == 404
    assert stored["client"].get("/reports/papers/999").status_code == 404
