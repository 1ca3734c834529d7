"""Scoring faults: a scorer that crashes or hangs never costs an answer or blocks a candidate.

The scorers here are test doubles for the MODEL only (they replace `kaoguan.score.Scorer`);
the database, the interview service and the web app are the real ones, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import threading

import pytest
from fastapi.testclient import TestClient

from kaoguan.interview import Interviews, PaperSpec
from kaoguan.interview.views import QuestionPick
from kaoguan.score.model import Score
from kaoguan.store import Library
from kaoguan.web import create_app
from tests.store.banks import jd_bank


class CrashingScorer:
    """The model fails on every answer (out of memory, a corrupt model file, …)."""

    def __init__(self) -> None:
        self.calls = 0

    def score(self, question, text, answer_id, category=None):
        self.calls += 1
        raise RuntimeError("model crashed")


class CountingScorer:
    """A working model: scores every answer by the length of its text, so results are checkable."""

    def score(self, question, text, answer_id, category=None):
        return Score(answer_id=answer_id, question_id=question.id, score=min(len(text), question.points or 0),
                     max_score=question.points or 0)


class BlockingScorer(CountingScorer):
    """A slow model: each answer waits until the test releases it."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()

    def score(self, question, text, answer_id, category=None):
        self.entered.set()
        assert self.release.wait(timeout=60), "the test never released the scorer"
        return super().score(question, text, answer_id)


def paper_with_open_questions(interviews: Interviews, count: int = 3) -> int:
    saved = interviews.library.save_bank(jd_bank())
    bank = interviews.library.get_bank(saved.bank_id, saved.version)
    picks = [QuestionPick(bank_id=saved.bank_id, question_id=q.id) for _, q in bank.questions() if q.kind == "open"]
    return interviews.assemble_paper(PaperSpec(title="故障测试", picks=picks[:count])).paper_id


def answer_all(interviews: Interviews, token: str, text: str) -> dict[int, str]:
    typed = {}
    for question in interviews.open_session(token).questions:
        typed[question.position] = f"{text} {question.display_number}"
        interviews.autosave_answer(token, question.position, typed[question.position], 1)
    return typed


def stored_answers(interviews: Interviews, session_id: int) -> dict[int, str]:
    return {item.position: item.answer_text for item in interviews.scoring_sheet(session_id).items}


def score_statuses(interviews: Interviews, session_id: int) -> list[str]:
    return [item.auto.status for item in interviews.scoring_sheet(session_id).items]


def test_a_scorer_crash_keeps_the_answers_and_leaves_scores_to_retry(db):
    crashing = CrashingScorer()
    interviews = Interviews(db, scorer=crashing)
    paper_id = paper_with_open_questions(interviews)
    invitation = interviews.invite_candidate(paper_id, "张三")
    typed = answer_all(interviews, invitation.token, "我会先安抚客户情绪😊,再核实问题。")

    result = interviews.submit(invitation.token, score_now=True)  # the scorer crashes on every answer

    assert crashing.calls == 3
    assert stored_answers(interviews, result.session_id) == typed
    assert set(score_statuses(interviews, result.session_id)) == {"error"}
    summary = interviews.session_summary(result.session_id)
    assert summary.pending_scores == 3 and summary.auto_total is None

    retried = Interviews(db, scorer=CountingScorer())
    assert retried.score_pending() == 3
    assert set(score_statuses(retried, result.session_id)) == {"done"}
    assert stored_answers(retried, result.session_id) == typed
    assert retried.session_summary(result.session_id).pending_scores == 0


def test_scoring_that_never_finished_is_picked_up_by_the_next_worker(db):
    # A server killed while scoring leaves the scores `pending` (submitted, never scored).
    interviews = Interviews(db, scorer=CrashingScorer())
    paper_id = paper_with_open_questions(interviews, count=2)
    invitation = interviews.invite_candidate(paper_id, "李四")
    typed = answer_all(interviews, invitation.token, "先倾听,再解释原因")
    result = interviews.submit(invitation.token, score_now=False)
    assert set(score_statuses(interviews, result.session_id)) == {"pending"}

    restarted = Interviews(db, scorer=CountingScorer())
    assert restarted.score_pending() == 2
    assert set(score_statuses(restarted, result.session_id)) == {"done"}
    assert stored_answers(restarted, result.session_id) == typed


def test_autosave_does_not_wait_for_a_slow_scorer(db_url):
    scorer = BlockingScorer()
    app = create_app(db_url, scorer=scorer)
    services = app.state.services
    paper_id = paper_with_open_questions(services.interviews, count=2)
    first = services.interviews.invite_candidate(paper_id, "王五")
    second = services.interviews.invite_candidate(paper_id, "赵六")
    with TestClient(app) as client:
        try:
            position = client.get(f"/api/v1/take/{first.token}").json()["questions"][0]["position"]
            assert client.put(f"/api/v1/take/{first.token}/answers/{position}",
                              json={"text": "第一位候选人的回答", "revision": 1}).status_code == 200
            assert client.post(f"/api/v1/take/{first.token}/submit").status_code == 200
            assert scorer.entered.wait(timeout=60), "the background worker never started scoring"

            # The model is stuck on the first candidate's answers; the second candidate still saves and submits.
            session = client.get(f"/api/v1/take/{second.token}").json()
            for revision, question in enumerate(session["questions"], start=1):
                response = client.put(f"/api/v1/take/{second.token}/answers/{question['position']}",
                                      json={"text": f"回答 {revision} 👍\u200f", "revision": revision})
                assert response.status_code == 200 and response.json()["accepted"]
            assert client.post(f"/api/v1/take/{second.token}/submit").status_code == 200
            assert not scorer.release.is_set()
            assert "pending" in score_statuses(services.interviews, first.session_id)
        finally:
            scorer.release.set()  # before leaving the client: shutting the app down waits for the worker
    # Leaving the client shut the app down, which waits for the worker: everything is scored now.
    reopened = Interviews(services.db, scorer=CountingScorer())
    for session_id in (first.session_id, second.session_id):
        assert set(score_statuses(reopened, session_id)) == {"done"}


class ProcessDeath(BaseException):
    """Stands for the scoring process dying inside the model (a segfault, the OOM killer):
    nothing after it in the process runs, so no `except Exception` records an error."""


class PoisonedScorer(CountingScorer):
    """A model that kills its process on one particular answer and scores every other one."""

    def __init__(self, poison: str) -> None:
        self.poison = poison
        self.deaths = 0

    def score(self, question, text, answer_id, category=None):
        if self.poison in text:
            self.deaths += 1
            raise ProcessDeath
        return super().score(question, text, answer_id)


def run_worker_generations(interviews: Interviews, generations: int) -> None:
    """What the supervisor does: a worker takes the next answers until it dies; a new one starts."""
    from kaoguan.interview.worker import next_answers

    for _ in range(generations):
        for answer_id in next_answers(interviews, retry_failed=True):
            try:
                interviews.score_answers([answer_id])
            except ProcessDeath:
                break


def test_an_answer_that_kills_the_worker_is_given_up_on_and_does_not_starve_the_queue(db):
    from kaoguan.interview.worker import MAX_ATTEMPTS

    scorer = PoisonedScorer(poison="☠")
    interviews = Interviews(db, scorer=scorer)
    paper_id = paper_with_open_questions(interviews, count=2)
    poisoned = interviews.invite_candidate(paper_id, "甲")
    typed = answer_all(interviews, poisoned.token, "☠ 这个回答让评分进程崩溃")
    interviews.submit(poisoned.token, score_now=False)
    healthy = interviews.invite_candidate(paper_id, "乙")
    answer_all(interviews, healthy.token, "先安抚客户情绪,再核实问题")
    interviews.submit(healthy.token, score_now=False)

    run_worker_generations(interviews, generations=10)

    assert set(score_statuses(interviews, healthy.session_id)) == {"done"}
    sheet = interviews.scoring_sheet(poisoned.session_id)
    assert [item.auto.status for item in sheet.items] == ["error", "error"]
    assert all(f"{MAX_ATTEMPTS} 次" in item.auto.error and item.auto.attempts == MAX_ATTEMPTS for item in sheet.items)
    assert scorer.deaths == 2 * MAX_ATTEMPTS  # tried, then left alone: the worker stops dying
    assert stored_answers(interviews, poisoned.session_id) == typed

    # An interviewer can still run the scorer by hand once the model is fixed.
    fixed = Interviews(db, scorer=CountingScorer())
    assert fixed.score_pending(session_id=poisoned.session_id) == 2
    assert set(score_statuses(fixed, poisoned.session_id)) == {"done"}
