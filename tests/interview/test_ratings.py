"""Interviewer ratings, the scoring sheet and disagreement summaries."""

import pytest

from kaoguan.interview import Interviews, PaperSpec, QuestionPick
from kaoguan.score import Scorer
from kaoguan.store import InvalidInput, Library
from tests.interview.test_sessions import PEAK_ANSWER


@pytest.fixture(scope="module")
def fast_scorer():
    return Scorer("fast")


@pytest.fixture
def submitted(db, jd, fast_scorer):
    library = Library(db)
    jd_id = library.save_bank(jd).bank_id
    interviews = Interviews(db, scorer=fast_scorer)
    paper = interviews.assemble_paper(PaperSpec(title="一面", picks=[
        QuestionPick(bank_id=jd_id, question_id="s1-q3"), QuestionPick(bank_id=jd_id, question_id="s2-q2")]))
    invite = interviews.invite_candidate(paper.paper_id, "张三")
    interviews.autosave_answer(invite.token, 1, PEAK_ANSWER, 1)
    interviews.autosave_answer(invite.token, 2, "要保护客户隐私,不泄露身份证和账单;使用规范用语;重大投诉上报合规部门。", 1)
    interviews.submit(invite.token)
    return interviews, invite.session_id


def test_several_interviewers_rate_the_same_answer(submitted):
    interviews, session_id = submitted
    interviews.rate(session_id, 1, "面试官甲", {"k1": 1, "k2": 1, "k3": 0.5, "k4": 1}, 7, "条理清楚")
    interviews.rate(session_id, 1, "面试官乙", {"k1": 1, "k2": 0.5, "k3": 0, "k4": 1}, 5)
    interviews.rate(session_id, 1, "面试官甲", {"k1": 1, "k2": 1, "k3": 1, "k4": 1}, 8, "改判")  # replaces
    item = interviews.scoring_sheet(session_id).items[0]
    assert [(r.interviewer, r.score, r.notes) for r in item.ratings] == [("面试官乙", 5, ""), ("面试官甲", 8, "改判")]
    k3 = next(row for row in item.checklist if row.key_point_id == "k3")
    assert k3.marks == {"面试官甲": 1.0, "面试官乙": 0.0} and k3.disagreement
    assert interviews.session_summary(session_id).raters == ["面试官乙", "面试官甲"]


def test_disagreements_between_raters_and_with_the_scorer(submitted):
    interviews, session_id = submitted
    auto = interviews.scoring_sheet(session_id).items[0].auto.score.score
    interviews.rate(session_id, 1, "甲", {"k1": 1}, 8)
    interviews.rate(session_id, 1, "乙", {"k1": 0}, 2)
    interviews.rate(session_id, 2, "甲", {}, 4)
    summary = interviews.disagreements(session_id)
    first, second = summary.items
    assert first.rater_spread == 6 and first.flagged and "k1" in first.key_points_in_dispute
    assert first.rater_vs_auto == {"甲": 8 - auto, "乙": 2 - auto}
    assert second.rater_spread is None  # a single rater has no spread
    assert summary.flagged_positions[0] == 1
    lenient = interviews.disagreements(session_id, tolerance=10)
    assert lenient.flagged_positions == []


def test_bad_ratings_name_the_problem(submitted):
    interviews, session_id = submitted
    with pytest.raises(InvalidInput, match="no key point.*'k9'"):
        interviews.rate(session_id, 1, "甲", {"k9": 1}, 3)
    with pytest.raises(InvalidInput, match="mark 0.7 is not 1"):
        interviews.rate(session_id, 1, "甲", {"k1": 0.7}, 3)
    with pytest.raises(InvalidInput, match="score 9 is outside 0..8"):
        interviews.rate(session_id, 1, "甲", {"k1": 1}, 9)
    with pytest.raises(InvalidInput, match="name is empty"):
        interviews.rate(session_id, 1, "  ", {}, 3)
    assert interviews.scoring_sheet(session_id).items[0].ratings == []


def test_an_unsubmitted_session_cannot_be_rated(db, submitted):
    interviews, session_id = submitted
    paper_id = interviews.session_summary(session_id).paper_id
    open_invite = interviews.invite_candidate(paper_id, "李四")
    with pytest.raises(InvalidInput, match="not submitted"):
        interviews.rate(open_invite.session_id, 1, "甲", {}, 3)
