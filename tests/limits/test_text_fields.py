"""Every text field has a length limit enforced in the service layer; within the limits, text is
stored exactly as typed (any Unicode, emoji, RTL marks, zero-width joiners, CRLF) on both databases."""

from __future__ import annotations

import pytest

from kaoguan.interview import Interviews, PaperAssemblyError, PaperSpec
from kaoguan.interview.views import QuestionPick
from kaoguan.store import InvalidInput, Library, textlimits
from tests.store.banks import jd_bank

# What people really type: emoji with ZWJ sequences and skin tones, RTL text and marks, zero-width
# joiners/non-joiners, CRLF and lone CR, tabs, combining accents, astral-plane CJK, HTML-looking text.
AWKWARD = ("我会先安抚客户👩🏽‍💻👨‍👩‍👧,\r\n再核实身份。\r第二行\t制表\u200d\u200c"
           "\u200f مرحبا بالعميل \u200e(阿拉伯语)e\u0301 𠀀𪚥 <script>alert(1)</script> &amp; \"引号\" '单' \\反斜杠 ")


@pytest.fixture
def interviews(db) -> Interviews:
    return Interviews(db)


def paper(interviews: Interviews, count: int = 2) -> tuple[int, list[int]]:
    saved = interviews.library.save_bank(jd_bank())
    bank = interviews.library.get_bank(saved.bank_id)
    picks = [QuestionPick(bank_id=saved.bank_id, question_id=q.id) for _, q in bank.questions() if q.kind == "open"]
    view = interviews.assemble_paper(PaperSpec(title="文本测试", picks=picks[:count]))
    return view.paper_id, [item.position for item in view.items]


def submitted_session(interviews: Interviews, text: str) -> tuple[int, int]:
    paper_id, positions = paper(interviews, 1)
    invitation = interviews.invite_candidate(paper_id, "张三")
    interviews.autosave_answer(invitation.token, positions[0], text, 1)
    interviews.submit(invitation.token, score_now=False)
    return invitation.session_id, positions[0]


def test_answers_round_trip_exactly_as_typed(interviews):
    paper_id, positions = paper(interviews)
    invitation = interviews.invite_candidate(paper_id, "张三")
    longest = "长" * textlimits.ANSWER
    interviews.autosave_answer(invitation.token, positions[0], AWKWARD, 1)
    interviews.autosave_answer(invitation.token, positions[1], longest, 1)
    reopened = {q.position: q.saved_text for q in interviews.open_session(invitation.token).questions}
    assert reopened == {positions[0]: AWKWARD, positions[1]: longest}
    interviews.submit(invitation.token, score_now=False)
    sheet = {item.position: item.answer_text for item in interviews.scoring_sheet(invitation.session_id).items}
    assert sheet == reopened


def test_an_answer_over_the_limit_is_refused_and_the_saved_one_kept(interviews):
    paper_id, positions = paper(interviews, 1)
    invitation = interviews.invite_candidate(paper_id, "张三")
    interviews.autosave_answer(invitation.token, positions[0], AWKWARD, 1)
    with pytest.raises(InvalidInput, match=f"question {positions[0]}.*longer than {textlimits.ANSWER}"):
        interviews.autosave_answer(invitation.token, positions[0], "长" * (textlimits.ANSWER + 1), 2)
    assert interviews.open_session(invitation.token).questions[0].saved_text == AWKWARD


def test_notes_and_names_keep_their_text_and_have_limits(interviews):
    session_id, position = submitted_session(interviews, "回答")
    rating = interviews.rate(session_id, position, "李面试官\u200f👍", {}, None, notes=AWKWARD)
    assert rating.notes == AWKWARD and rating.interviewer == "李面试官\u200f👍"
    with pytest.raises(InvalidInput, match=f"notes on question {position}: {textlimits.NOTES + 1} characters"):
        interviews.rate(session_id, position, "李面试官", {}, None, notes="注" * (textlimits.NOTES + 1))
    with pytest.raises(InvalidInput, match="interviewer's name: 201 characters"):
        interviews.rate(session_id, position, "名" * 201, {}, None)


def test_invitations_refuse_overlong_names_and_emails(interviews):
    paper_id, _ = paper(interviews, 1)
    with pytest.raises(InvalidInput, match="candidate's name: 201 characters, over the limit of 200"):
        interviews.invite_candidate(paper_id, "名" * 201)
    with pytest.raises(InvalidInput, match="e-mail address: .* over the limit of 254"):
        interviews.invite_candidate(paper_id, "张三", "a" * 250 + "@example.com")
    assert interviews.list_sessions(paper_id) == []


def test_paper_titles_have_a_limit(interviews):
    saved = interviews.library.save_bank(jd_bank())
    question = next(q for _, q in interviews.library.get_bank(saved.bank_id).questions())
    with pytest.raises(InvalidInput, match="paper title: 501 characters"):
        interviews.assemble_paper(PaperSpec(title="题" * 501, picks=[QuestionPick(bank_id=saved.bank_id,
                                                                                   question_id=question.id)]))
    with pytest.raises(PaperAssemblyError):
        interviews.assemble_paper(PaperSpec(title="  ", picks=[]))


def test_bank_texts_have_limits_that_name_the_question(db):
    library = Library(db)
    bank = jd_bank()
    section, question = next(bank.questions())
    question.prompt = "长" * (textlimits.PROMPT + 1)
    with pytest.raises(InvalidInput, match=f"section 1 question {question.number} prompt: {textlimits.PROMPT + 1}"):
        library.save_bank(bank)
    assert library.list_banks() == []

    saved = library.save_bank(jd_bank())
    key_point = next(q for _, q in jd_bank().questions() if q.key_points)
    with pytest.raises(InvalidInput, match=f"key point {key_point.key_points[0].id}: 2001 characters"):
        library.edit_key_point(saved.bank_id, key_point.id, key_point.key_points[0].id, text="点" * 2001)
    with pytest.raises(InvalidInput, match="tags are|longer than 100"):
        library.set_tags(saved.bank_id, ["标" * 101])
    assert library.bank_summary(saved.bank_id).current_version == 1


def test_bank_text_within_limits_is_stored_exactly(db):
    library = Library(db)
    bank = jd_bank()
    _, question = next(bank.questions())
    question.prompt = AWKWARD
    saved = library.save_bank(bank)
    assert library.get_bank(saved.bank_id).question(question.id).prompt == AWKWARD


def test_search_queries_have_a_limit(db):
    library = Library(db)
    library.save_bank(jd_bank())
    assert library.search("投诉" * 10)  # ordinary queries work
    with pytest.raises(InvalidInput, match=f"search query: {textlimits.QUERY + 1} characters"):
        library.search("查" * (textlimits.QUERY + 1))
