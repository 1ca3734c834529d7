"""Assembling papers from stored banks (SQLite and PostgreSQL)."""

import pytest

from kaoguan.interview import Interviews, PaperAssemblyError, PaperSpec, QuestionPick
from kaoguan.store import Library


@pytest.fixture
def banks(db, jd, ib):
    library = Library(db)
    return library, library.save_bank(jd).bank_id, library.save_bank(ib).bank_id


def test_counts_per_section_and_category_are_honoured(db, banks):
    _, jd_id, ib_id = banks
    paper = Interviews(db).assemble_paper(PaperSpec(
        title="客服一面", bank_ids=[jd_id, ib_id], per_section={"行为面试题": 3}, per_category={"stress": 2}))
    sections = [item.section_title for item in paper.items]
    assert sections.count("行为面试题") == 3
    assert [i.category for i in paper.items].count("stress") == 2
    assert len(paper.items) == 5
    assert paper.total_points == sum(i.question.points for i in paper.items)


def test_the_recorded_seed_reproduces_the_draw(db, banks):
    _, jd_id, ib_id = banks
    interviews = Interviews(db)
    first = interviews.assemble_paper(PaperSpec(title="A", bank_ids=[jd_id, ib_id], per_category={"situational": 4}))
    assert first.spec.seed is not None
    again = interviews.assemble_paper(first.spec.model_copy(update={"title": "B"}))
    assert [(i.bank_id, i.question.id) for i in again.items] == [(i.bank_id, i.question.id) for i in first.items]


def test_total_points_are_met_exactly(db, banks):
    _, jd_id, ib_id = banks
    paper = Interviews(db).assemble_paper(PaperSpec(title="40分卷", bank_ids=[jd_id, ib_id], total_points=40, seed=7))
    assert paper.total_points == 40
    with pytest.raises(PaperAssemblyError, match="exactly 3 points"):
        Interviews(db).assemble_paper(PaperSpec(title="x", bank_ids=[jd_id], total_points=3))


def test_no_two_near_duplicates_share_a_paper(db, banks):
    # Both banks' 行为面试题 sections hold the peak-hour complaints question: 10 questions, one pair.
    _, jd_id, ib_id = banks
    interviews = Interviews(db)
    for seed in range(6):
        paper = interviews.assemble_paper(PaperSpec(title="行为", bank_ids=[jd_id, ib_id], seed=seed,
                                                    per_section={"行为面试题": 9}))
        assert sum("高峰" in i.question.prompt for i in paper.items) == 1
    with pytest.raises(PaperAssemblyError, match="10 questions asked, only 9 available"):
        interviews.assemble_paper(PaperSpec(title="x", bank_ids=[jd_id, ib_id], per_section={"行为面试题": 10}))


def test_drawing_all_questions_leaves_near_duplicates_out(db, banks):
    _, jd_id, ib_id = banks
    paper = Interviews(db).assemble_paper(PaperSpec(title="全部", bank_ids=[jd_id, ib_id]))
    prompts = [i.question.prompt for i in paper.items]
    assert sum("高峰" in p for p in prompts) == 1
    assert len(prompts) < 32


def test_impossible_counts_say_what_is_missing(db, banks):
    _, jd_id, _ = banks
    with pytest.raises(PaperAssemblyError, match="section '情景模拟题': 5 questions asked, only 2 available"):
        Interviews(db).assemble_paper(PaperSpec(title="x", bank_ids=[jd_id], per_section={"情景模拟题": 5}))
    with pytest.raises(PaperAssemblyError, match="no section titled '笔试题'"):
        Interviews(db).assemble_paper(PaperSpec(title="x", bank_ids=[jd_id], per_section={"笔试题": 1}))


def test_hand_picked_papers_keep_the_given_order_and_version(db, banks):
    library, jd_id, ib_id = banks
    picks = [QuestionPick(bank_id=ib_id, question_id="s4-q1"), QuestionPick(bank_id=jd_id, question_id="s1-q2")]
    paper = Interviews(db).assemble_paper(PaperSpec(title="手选", picks=picks))
    assert [(i.bank_id, i.question.id) for i in paper.items] == [(ib_id, "s4-q1"), (jd_id, "s1-q2")]
    original = paper.items[1].question.prompt
    library.edit_question(jd_id, "s1-q2", prompt="改过的题目")
    # the paper still shows the version it was assembled from
    reread = Interviews(db).get_paper(paper.paper_id)
    assert reread.items[1].question.prompt == original and reread.items[1].version == 1
    with pytest.raises(PaperAssemblyError, match="picked twice"):
        Interviews(db).assemble_paper(PaperSpec(title="x", picks=picks + picks[:1]))


def test_papers_are_listed_with_their_size(db, banks):
    _, jd_id, _ = banks
    Interviews(db).assemble_paper(PaperSpec(title="知识", bank_ids=[jd_id], per_category={"knowledge": 3}))
    [summary] = Interviews(db).list_papers()
    assert (summary.title, summary.question_count, summary.total_points) == ("知识", 3, 18.0)


def test_an_empty_paper_is_refused(db, banks):
    _, jd_id, _ = banks
    with pytest.raises(PaperAssemblyError, match="no questions"):
        Interviews(db).assemble_paper(PaperSpec(title="空", bank_ids=[jd_id], per_section={"行为面试题": 0}))
