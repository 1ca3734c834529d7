"""Candidate sessions: invitations, the candidate-safe view, autosave, submission, scoring, ratings."""

import json
import random
from datetime import timedelta

import pytest

from kaoguan.interview import CandidateSession, Interviews, InvalidToken, PaperSpec, QuestionPick
from kaoguan.score import Scorer
from kaoguan.store import Database, InvalidInput, Library

PEAK_ANSWER = "高峰期我会先按紧急程度给投诉排优先级,涉及资金安全的先处理;同时向主管请求支援,用批量回复模板处理重复问题,事后复盘总结。"


@pytest.fixture(scope="module")
def fast_scorer():
    return Scorer("fast")


@pytest.fixture
def paper(db, jd, ib):
    library = Library(db)
    jd_id, ib_id = library.save_bank(jd).bank_id, library.save_bank(ib).bank_id
    picks = [QuestionPick(bank_id=jd_id, question_id="s1-q3"), QuestionPick(bank_id=jd_id, question_id="s2-q1"),
             QuestionPick(bank_id=ib_id, question_id="s4-q4")]
    return Interviews(db).assemble_paper(PaperSpec(title="客服顾问一面", picks=picks, time_limit_minutes=30))


class FlakyScorer:
    """Fails on its first `failures` calls, then scores with the real scorer: a crash in scoring."""

    def __init__(self, real, failures):
        self.real, self.failures, self.calls = real, failures, 0

    def score(self, question, text, answer_id, category=None):
        self.calls += 1
        if self.calls <= self.failures:
            raise RuntimeError("scorer crashed")
        return self.real.score(question, text, answer_id)


def test_only_a_hash_of_the_token_is_stored(db, paper):
    invite = Interviews(db).invite_candidate(paper.paper_id, "张三", "zhangsan@example.com")
    from tests.store.test_backup import dump_rows
    assert invite.token not in json.dumps(dump_rows(db), ensure_ascii=False)


def test_each_candidate_gets_a_recorded_shuffle(db, paper):
    interviews = Interviews(db)
    invites = [interviews.invite_candidate(paper.paper_id, f"候选人{i}") for i in range(6)]
    orders = set()
    for invite in invites:
        view = interviews.open_session(invite.token)
        order = [q.position for q in view.questions]
        expected = [1, 2, 3]
        random.Random(invite.seed).shuffle(expected)
        assert order == expected  # replayable from the recorded seed
        assert [q.display_number for q in view.questions] == [1, 2, 3]
        orders.add(tuple(order))
    assert len(orders) > 1


def test_candidate_view_never_contains_key_points_or_answers(db, paper):
    invite = Interviews(db).invite_candidate(paper.paper_id, "李四")
    view = Interviews(db).open_session(invite.token)
    serialized = view.model_dump_json()
    for item in paper.items:
        assert item.question.prompt in serialized
        for key_point in item.question.key_points:
            assert key_point.detail not in serialized
            if key_point.text not in item.question.prompt:  # 白条 is both a key point and in the prompt
                assert key_point.text not in serialized
    # by construction: the model has no field that could carry them, and refuses extra ones
    assert not {"key_points", "answer", "reference_answer", "rubric", "explanation"} & set(CandidateSession.model_fields)
    with pytest.raises(ValueError):
        CandidateSession.model_validate({**view.model_dump(), "key_points": []})


def test_opening_starts_the_timer(db, paper):
    interviews = Interviews(db)
    invite = interviews.invite_candidate(paper.paper_id, "王五")
    view = interviews.open_session(invite.token)
    assert view.status == "started"
    assert view.deadline - view.started_at == timedelta(minutes=30)
    assert interviews.open_session(invite.token).started_at == view.started_at  # reload keeps the clock


def test_autosave_keeps_text_exactly_and_last_revision_wins(db, paper):
    interviews = Interviews(db)
    invite = interviews.invite_candidate(paper.paper_id, "赵六")
    typed = "  第一行\n第二行 😀\t"
    assert interviews.autosave_answer(invite.token, 1, "草稿", 1).accepted
    assert interviews.autosave_answer(invite.token, 1, typed, 3).accepted
    stale = interviews.autosave_answer(invite.token, 1, "旧的草稿", 2)  # arrives late, was typed earlier
    assert not stale.accepted and stale.revision == 3
    assert interviews.autosave_answer(invite.token, 1, typed, 3).accepted  # a retried request is harmless
    # reload after a server restart (new connections, new service) shows exactly what was typed
    reopened = Interviews(Database(db.url)).open_session(invite.token)
    saved = next(q for q in reopened.questions if q.position == 1)
    assert (saved.saved_text, saved.saved_revision) == (typed, 3)


def test_autosave_rejects_bad_requests(db, paper):
    interviews = Interviews(db)
    invite = interviews.invite_candidate(paper.paper_id, "孙七")
    with pytest.raises(InvalidInput, match="no question at position 9"):
        interviews.autosave_answer(invite.token, 9, "x", 1)
    with pytest.raises(InvalidInput, match="revision"):
        interviews.autosave_answer(invite.token, 1, "x", 0)
    with pytest.raises(InvalidInput, match="question 1 contains a NUL"):
        interviews.autosave_answer(invite.token, 1, "a\x00b", 1)
    with pytest.raises(InvalidToken) as problem:
        interviews.autosave_answer("not-a-token", 1, "x", 1)
    assert problem.value.reason == "unknown"


def test_expired_links_stop_working(db, paper):
    interviews = Interviews(db)
    invite = interviews.invite_candidate(paper.paper_id, "周八", expires_in=timedelta(microseconds=1))
    with pytest.raises(InvalidToken) as problem:
        interviews.open_session(invite.token)
    assert problem.value.reason == "expired"


def test_submit_closes_the_link_and_scores_every_answer(db, paper, fast_scorer):
    interviews = Interviews(db, scorer=fast_scorer)
    invite = interviews.invite_candidate(paper.paper_id, "吴九")
    interviews.autosave_answer(invite.token, 1, PEAK_ANSWER, 1)
    result = interviews.submit(invite.token)
    assert (result.answered, result.unanswered) == (1, 2)
    with pytest.raises(InvalidToken) as problem:
        interviews.open_session(invite.token)
    assert problem.value.reason == "submitted"
    sheet = interviews.scoring_sheet(invite.session_id)
    assert [item.auto.status for item in sheet.items] == ["done", "done", "done"]
    peak = sheet.items[0]
    assert peak.answer_text == PEAK_ANSWER
    assert peak.auto.score.score > 0 and peak.auto.score.max_score == 8
    assert any(row.suggested == 1.0 and row.evidence for row in peak.checklist)
    assert all(item.auto.score.score == 0 for item in sheet.items[1:])  # nothing written earns nothing
    summary = interviews.session_summary(invite.session_id)
    assert summary.status == "submitted" and summary.pending_scores == 0
    assert summary.auto_total == peak.auto.score.score and summary.max_total == 24


def test_a_scorer_crash_keeps_answers_and_leaves_scores_retryable(db, paper, fast_scorer):
    flaky = FlakyScorer(fast_scorer, failures=10)
    interviews = Interviews(db, scorer=flaky)
    invite = interviews.invite_candidate(paper.paper_id, "郑十")
    interviews.autosave_answer(invite.token, 1, PEAK_ANSWER, 1)
    interviews.submit(invite.token)  # scoring fails for every answer …
    sheet = interviews.scoring_sheet(invite.session_id)
    assert [i.auto.status for i in sheet.items] == ["error"] * 3
    assert "scorer crashed" in sheet.items[0].auto.error
    assert sheet.items[0].answer_text == PEAK_ANSWER  # … but the answers are stored
    flaky.failures = 0
    assert Interviews(db, scorer=flaky).score_pending() == 3
    assert [i.auto.status for i in interviews.scoring_sheet(invite.session_id).items] == ["done"] * 3
    assert Interviews(db, scorer=flaky).score_pending() == 0


def test_submit_without_scoring_leaves_scores_pending(db, paper, fast_scorer):
    interviews = Interviews(db, scorer=fast_scorer)
    invite = interviews.invite_candidate(paper.paper_id, "陈一")
    interviews.submit(invite.token, score_now=False)
    assert interviews.session_summary(invite.session_id).pending_scores == 3
    assert interviews.score_pending(session_id=invite.session_id, limit=2) == 2
    assert interviews.session_summary(invite.session_id).pending_scores == 1


def test_saves_after_the_time_limit_are_refused_but_submitting_still_works(db, paper, monkeypatch):
    from kaoguan.interview import service

    interviews = Interviews(db)
    invite = interviews.invite_candidate(paper.paper_id, "刘二")
    view = interviews.open_session(invite.token)
    interviews.autosave_answer(invite.token, 1, "写完的部分", 1)
    later = view.deadline + service.LATE_SAVE_GRACE + timedelta(seconds=1)
    monkeypatch.setattr(service, "utcnow", lambda: later)
    with pytest.raises(InvalidToken) as problem:
        interviews.autosave_answer(invite.token, 1, "超时后写的", 2)
    assert problem.value.reason == "time_up"
    result = interviews.submit(invite.token, score_now=False)
    assert result.answered == 1
    assert interviews.scoring_sheet(invite.session_id).items[0].answer_text == "写完的部分"


def test_paper_spec_rejects_nonsense_limits():
    with pytest.raises(ValueError, match="time_limit_minutes"):
        PaperSpec(title="x", bank_ids=[1], time_limit_minutes=0)
    with pytest.raises(ValueError, match="total_points"):
        PaperSpec(title="x", bank_ids=[1], total_points=-5)


def test_finished_interviews_keep_the_bank_version_they_were_taken_with(db, paper, fast_scorer):
    interviews = Interviews(db, scorer=fast_scorer)
    invite = interviews.invite_candidate(paper.paper_id, "钱三")
    interviews.autosave_answer(invite.token, 1, PEAK_ANSWER, 1)
    interviews.submit(invite.token)
    before = interviews.scoring_sheet(invite.session_id)
    library = Library(db)
    bank_id = paper.items[0].bank_id
    library.edit_key_point(bank_id, "s1-q3", "k1", text="完全不同的要点")
    library.edit_question(bank_id, "s1-q3", prompt="完全不同的题目", points=20)
    library.delete_bank(bank_id)
    after = Interviews(db, scorer=fast_scorer).scoring_sheet(invite.session_id)
    assert after == before
    assert after.items[0].question.prompt.startswith("在高峰时段")


def test_sessions_are_listed_per_paper_with_their_state(db, paper, fast_scorer):
    interviews = Interviews(db, scorer=fast_scorer)
    other = interviews.assemble_paper(PaperSpec(title="二面", picks=[
        QuestionPick(bank_id=paper.items[0].bank_id, question_id="s1-q1")]))
    done = interviews.invite_candidate(paper.paper_id, "甲", "jia@example.com")
    waiting = interviews.invite_candidate(paper.paper_id, "乙")
    interviews.invite_candidate(other.paper_id, "丙")
    interviews.autosave_answer(done.token, 1, PEAK_ANSWER, 1)
    interviews.submit(done.token)
    interviews.rate(done.session_id, 1, "面试官", {"k1": 1}, 6)
    listed = interviews.list_sessions(paper.paper_id)
    assert [(s.candidate_name, s.status) for s in listed] == [("甲", "submitted"), ("乙", "invited")]
    first, second = listed
    assert first.raters == ["面试官"] and first.pending_scores == 0 and first.auto_total is not None
    assert second.auto_total is None and second.max_total == 24 and not second.expired
    assert first.candidate_email == "jia@example.com"
    assert len(interviews.list_sessions()) == 3
    assert interviews.session_summary(waiting.session_id) == second


def test_interview_scores_report_star_structure_for_behavioral_questions_only(db, paper, fast_scorer):
    interviews = Interviews(db, scorer=fast_scorer)
    invite = interviews.invite_candidate(paper.paper_id, "孙一")
    for position in (1, 2):
        interviews.autosave_answer(invite.token, position, PEAK_ANSWER, 1)
    interviews.submit(invite.token)
    behavioral, knowledge = interviews.scoring_sheet(invite.session_id).items[:2]
    structure = behavioral.auto.score.structure  # JD section 1 is 行为面试题: STAR is checked
    assert structure is not None and len(structure.present) + len(structure.missing) == 4
    assert knowledge.auto.score.structure is None
