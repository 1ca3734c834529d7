"""Saving, versioning, browsing and tagging banks (each test runs on SQLite and PostgreSQL)."""

import pytest

from kaoguan.bank import dump_bank
from kaoguan.store import InvalidInput, Library, NotFound


@pytest.fixture
def library(db) -> Library:
    return Library(db)


def test_get_bank_returns_exactly_what_was_saved(library, jd):
    saved = library.save_bank(jd)
    assert saved.created and saved.version == 1
    assert dump_bank(library.get_bank(saved.bank_id)) == dump_bank(jd)


def test_saving_the_same_content_twice_does_not_duplicate_the_bank(library, jd):
    first = library.save_bank(jd, tags=["京东金融"])
    again = library.save_bank(jd.model_copy(deep=True), tags=["客服"])
    assert not again.created
    assert (again.bank_id, again.version) == (first.bank_id, first.version)
    assert [b.bank_id for b in library.list_banks()] == [first.bank_id]
    assert library.list_banks()[0].tags == ["京东金融", "客服"]


def test_editing_a_question_makes_a_new_version_and_keeps_the_old_one(library, jd):
    saved = library.save_bank(jd)
    edited = library.edit_question(saved.bank_id, "s1-q1", prompt="新的题目:客户情绪激动时你如何处理?", points=10)
    assert edited.version == 2 and edited.created
    assert library.get_bank(saved.bank_id).question("s1-q1").points == 10
    assert dump_bank(library.get_bank(saved.bank_id, version=1)) == dump_bank(jd)
    assert [v.version for v in library.versions(saved.bank_id)] == [1, 2]
    assert library.bank_summary(saved.bank_id).current_version == 2


def test_editing_a_key_point_makes_a_new_version(library, jd):
    saved = library.save_bank(jd)
    library.edit_key_point(saved.bank_id, "s1-q1", "k2", text="耐心倾听,确认问题")
    assert library.get_bank(saved.bank_id).question("s1-q1").key_points[1].text == "耐心倾听,确认问题"
    assert library.get_bank(saved.bank_id, 1).question("s1-q1").key_points[1].text == jd.question("s1-q1").key_points[1].text


def test_bad_edits_name_the_problem_and_store_nothing(library, jd):
    saved = library.save_bank(jd)
    with pytest.raises(InvalidInput, match="s1-q1.*'colour'"):
        library.edit_question(saved.bank_id, "s1-q1", colour="red")
    with pytest.raises(InvalidInput, match="kind"):
        library.edit_question(saved.bank_id, "s1-q1", kind="essay")
    with pytest.raises(NotFound, match="no question 's9-q9'"):
        library.edit_question(saved.bank_id, "s9-q9", prompt="x")
    with pytest.raises(NotFound, match="no key point 'k99'"):
        library.edit_key_point(saved.bank_id, "s1-q1", "k99", text="x")
    assert [v.version for v in library.versions(saved.bank_id)] == [1]


def test_updating_with_identical_content_creates_no_version(library, jd):
    saved = library.save_bank(jd)
    again = library.update_bank(saved.bank_id, jd)
    assert not again.created and again.version == 1


def test_summaries_count_questions_and_points_of_the_current_version(library, jd, ib):
    library.save_bank(jd)
    library.save_bank(ib)
    summaries = {s.title: s for s in library.list_banks()}
    assert summaries[jd.title].question_count == jd.question_count
    assert summaries[jd.title].total_points == jd.total_points
    assert summaries[ib.title].question_count == 20


def test_soft_delete_hides_a_bank_but_keeps_its_versions(library, jd, ib):
    kept = library.save_bank(ib)
    gone = library.save_bank(jd)
    library.delete_bank(gone.bank_id)
    assert [b.bank_id for b in library.list_banks()] == [kept.bank_id]
    assert {b.bank_id for b in library.list_banks(include_deleted=True)} == {kept.bank_id, gone.bank_id}
    assert library.get_bank(gone.bank_id).title == jd.title
    assert all(hit.bank_id == kept.bank_id for hit in library.questions())
    library.undelete_bank(gone.bank_id)
    assert len(library.list_banks()) == 2


def test_tags_filter_banks_and_questions(library, jd, ib):
    a = library.save_bank(jd, tags=["消费金融", " 客服 "])
    b = library.save_bank(ib, tags=["银行"])
    assert [s.bank_id for s in library.list_banks(tag="消费金融")] == [a.bank_id]
    assert library.set_tags(b.bank_id, ["银行", "客服", "银行"]) == ["客服", "银行"]
    assert {h.bank_id for h in library.questions(tag="客服")} == {a.bank_id, b.bank_id}
    assert library.all_tags() == ["客服", "消费金融", "银行"]


def test_browse_filters_by_category_and_points(library, jd, ib):
    library.save_bank(jd)
    library.save_bank(ib)
    knowledge = library.questions(category="knowledge")
    assert len(knowledge) == 10 and {h.section_title for h in knowledge} == {"专业知识题", "业务知识题"}
    six_points = library.questions(points=6)
    assert len(six_points) == 5 and all(h.bank_title == jd.title for h in six_points)
    assert library.questions(kind="single_choice") == []


def test_unknown_bank_and_version_are_reported(library, jd):
    saved = library.save_bank(jd)
    with pytest.raises(NotFound, match="no bank with id 999"):
        library.get_bank(999)
    with pytest.raises(NotFound, match=f"bank {saved.bank_id} has no version 7"):
        library.get_bank(saved.bank_id, 7)
