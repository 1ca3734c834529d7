"""Chinese full-text search and near-duplicate detection across banks (SQLite and PostgreSQL)."""

import pytest

from kaoguan.store import Library, QuestionRef


@pytest.fixture
def library(db, jd, ib) -> Library:
    library = Library(db)
    library.save_bank(jd, tags=["消费金融"])
    library.save_bank(ib, tags=["银行"])
    return library


def prompts(hits):
    return [h.prompt for h in hits]


def test_search_matches_words_in_any_order(library):
    hits = library.search("投诉处理时效")
    assert hits[0].prompt.startswith("公司要求缩短投诉处理时效")
    # 处理 + 投诉 in the other order, in a different bank
    assert any("同时处理多个投诉" in p for p in prompts(library.search("投诉 处理")))


def test_search_finds_questions_by_their_key_points(library):
    hits = library.search("反诈中心")
    assert prompts(hits) == ["客户收到诈骗短信,误认为是银行发送,要求注销账户,你会如何处置?"]


def test_search_segments_words_rather_than_matching_substrings(library):
    # 金条 is a word in one prompt; 条款 (in another prompt) contains 条 but is not that word.
    hits = library.search("金条")
    assert [h.question_id for h in hits] == ["s2-q1"]
    assert library.search("的") == []  # stopwords alone find nothing instead of everything


def test_search_prefers_questions_holding_every_word(library):
    hits = library.search("高峰 投诉")
    assert {h.bank_title for h in hits} == {"2026年京东金融客服顾问面试题集", "2026年互联网银行客服经理岗位面试题集"}
    assert all("高峰" in h.prompt for h in hits)


def test_search_filters_combine_with_words(library):
    banking = library.search("投诉", tag="银行")
    assert banking and all(h.tags == ["银行"] for h in banking)
    # 损失 also occurs in a 10-point stress question of the other bank
    behavioral = library.search("损失", category="behavioral", points=8)
    assert prompts(behavioral) == ["客户因操作失误导致资金损失,将责任全部归咎于客服。您会如何应对?"]
    assert {h.category for h in library.search("损失")} == {"behavioral", "stress"}


def test_search_full_width_and_ascii_case_are_folded(library):
    assert prompts(library.search("ａｐｐ闪退")) == ["若客户投诉APP闪退,你会如何安抚并推动解决?"]


def test_search_covers_only_current_versions(library, jd):
    bank_id = library.list_banks(tag="消费金融")[0].bank_id
    library.edit_question(bank_id, "s2-q4", prompt="如何向客户介绍零钱理财产品?")
    # its key points still mention 小金库: one hit, from the current version only
    [hit] = library.search("小金库")
    assert (hit.question_id, hit.version, hit.prompt) == ("s2-q4", 2, "如何向客户介绍零钱理财产品?")
    assert [h.question_id for h in library.search("零钱")] == ["s2-q4"]


SEED_PAIRS = {
    ("在高峰时段,同事临时请假,您需同时处理多个投诉。如何平衡工作量并保证服务质量?",
     "在高峰期,同时收到5个客户投诉,你会如何处理?请说明优先级排序逻辑。"),
    ("客户质疑某理财产品收益不达标,已录音。您会如何回应?",
     "遇到客户质疑产品收益是否合规时,你会如何回应?"),
}


def test_near_duplicates_find_the_seed_pairs_without_flooding(library):
    pairs = library.near_duplicates()
    found = {(p.a.prompt, p.b.prompt) for p in pairs}
    assert SEED_PAIRS <= found
    # 12 × 20 cross-bank pairs exist; only a handful may be offered for review.
    assert len(pairs) <= 5
    assert all(p.a.bank_id != p.b.bank_id for p in pairs)
    assert [p.similarity for p in pairs] == sorted((p.similarity for p in pairs), reverse=True)


def test_keep_both_stops_offering_the_pair(library):
    pair = next(p for p in library.near_duplicates() if "高峰" in p.a.prompt)
    library.keep_both(QuestionRef(bank_id=pair.a.bank_id, question_id=pair.a.question_id),
                      QuestionRef(bank_id=pair.b.bank_id, question_id=pair.b.question_id))
    assert all("高峰" not in p.a.prompt for p in library.near_duplicates())
    decided = [p for p in library.near_duplicates(include_decided=True) if "高峰" in p.a.prompt]
    assert decided[0].decision == "keep_both"


def test_merge_removes_the_dropped_question_in_a_new_version(library):
    pair = next(p for p in library.near_duplicates() if "收益" in p.a.prompt and "合规" in p.b.prompt)
    keep = QuestionRef(bank_id=pair.a.bank_id, question_id=pair.a.question_id)
    drop = QuestionRef(bank_id=pair.b.bank_id, question_id=pair.b.question_id)
    saved = library.merge_duplicate(keep, drop)
    assert saved.version == 2
    current = library.get_bank(drop.bank_id)
    assert drop.question_id not in {q.id for _, q in current.questions()}
    assert library.get_bank(drop.bank_id, 1).question(drop.question_id).prompt == pair.b.prompt
    assert all(drop.question_id != h.question_id or h.bank_id != drop.bank_id for h in library.questions())


def test_prompt_embeddings_are_computed_once_and_kept_in_the_database(library, monkeypatch):
    first = library.near_duplicates()

    def no_model(texts):
        raise AssertionError(f"embedded {len(texts)} texts again")

    monkeypatch.setattr("kaoguan.store.library.compute_embeddings", no_model)
    monkeypatch.setattr("kaoguan.store.similarity.process_embeddings", {})  # as in a new process
    fresh = Library(library.db)
    assert fresh.near_duplicates() == first


def test_the_imported_seed_documents(db):
    """End to end with the real importer: the seed documents, imported twice, make two banks, and
    their near-duplicate pairs are found among a handful of suggestions."""
    from kaoguan.ingest import import_path
    from tests.conftest import INTERNET_BANK_SEED, JD_SEED

    library = Library(db)
    for _ in range(2):
        saved = [library.save_bank(import_path(path)) for path in (JD_SEED, INTERNET_BANK_SEED)]
    assert [s.created for s in saved] == [False, False]
    assert len(library.list_banks()) == 2
    pairs = library.near_duplicates()
    topics = [(p.a.prompt, p.b.prompt) for p in pairs]
    assert any("高峰" in a and "高峰" in b for a, b in topics)
    assert any("收益不达标" in a and "收益是否合规" in b for a, b in topics)
    assert len(pairs) <= 5
