"""The scoring worker process (`kaoguan serve` uses it): it scores what was submitted, and when it
is killed the supervisor starts a new one that scores what is left. Real scorer ("fast" mode),
real process, real database (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import signal
import time

from kaoguan.interview import Interviews
from kaoguan.interview.worker import ScoringWorker
from kaoguan.store import Database
from tests.load.test_scoring_faults import answer_all, paper_with_open_questions, score_statuses, stored_answers


def wait_until_scored(interviews: Interviews, session_id: int, seconds: float = 180) -> list[str]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        statuses = score_statuses(interviews, session_id)
        if "pending" not in statuses:
            return statuses
        time.sleep(0.2)
    return score_statuses(interviews, session_id)


def test_the_worker_scores_submissions_and_a_killed_worker_is_replaced(db_url):
    db = Database(db_url)
    db.upgrade()
    interviews = Interviews(db, scorer=None)  # this process never scores: only the worker does
    paper_id = paper_with_open_questions(interviews, count=2)
    first = interviews.invite_candidate(paper_id, "张三")
    first_typed = answer_all(interviews, first.token, "我会先安抚客户情绪,再核实问题😊")
    interviews.submit(first.token, score_now=False)

    worker = ScoringWorker(db_url, scorer_mode="fast", poll_seconds=0.5)
    worker.start()
    try:
        statuses = wait_until_scored(interviews, first.session_id)
        assert statuses == ["done", "done"], [i.auto.error for i in interviews.scoring_sheet(first.session_id).items]

        os.kill(worker.pid, signal.SIGKILL)  # the worker dies (out of memory, a crash in native code, …)
        second = interviews.invite_candidate(paper_id, "李四")
        second_typed = answer_all(interviews, second.token, "先倾听,然后道歉\r\n并给出时限")
        interviews.submit(second.token, score_now=False)
        worker.wake()
        assert wait_until_scored(interviews, second.session_id) == ["done", "done"]
        assert worker.restarts == 1
    finally:
        worker.stop()
        db.dispose()
    assert stored_answers(interviews, first.session_id) == first_typed
    assert stored_answers(interviews, second.session_id) == second_typed
