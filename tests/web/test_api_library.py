"""REST API: banks, versions, in-place edits, browsing, search and duplicates (SQLite and PostgreSQL)."""

from __future__ import annotations

from tests.store.banks import jd_bank
from tests.web.conftest import store


def test_a_stored_bank_comes_back_exactly_as_saved(client, banks):
    body = client.get(f"/api/v1/banks/{banks['jd']}").json()
    assert body["schema"] == "kaoguan.bank/1"
    assert body == jd_bank().model_dump(mode="json", by_alias=True)


def test_the_library_lists_banks_with_counts_and_tags(client, banks):
    listed = {b["bank_id"]: b for b in client.get("/api/v1/banks").json()}
    assert listed[banks["jd"]]["question_count"] == jd_bank().question_count
    assert listed[banks["jd"]]["tags"] == ["京东金融"]
    only_ib = client.get("/api/v1/banks", params={"tag": "互联网银行"}).json()
    assert [b["bank_id"] for b in only_ib] == [banks["ib"]]


def test_saving_the_same_bank_twice_keeps_one_bank(client, banks):
    again = store(client, jd_bank())
    assert again == banks["jd"]
    assert len(client.get("/api/v1/banks").json()) == 2


def test_editing_a_question_in_place_makes_a_new_version_and_keeps_the_old(client, banks):
    bank_id = banks["jd"]
    before = client.get(f"/api/v1/banks/{bank_id}").json()["sections"][0]["questions"][0]
    response = client.patch(f"/api/v1/banks/{bank_id}/questions/{before['id']}",
                            json={"prompt": "客户情绪激动时,你如何处理?", "note": "简化题干"})
    assert response.status_code == 200, response.text
    assert response.json()["version"] == 2
    now = client.get(f"/api/v1/banks/{bank_id}").json()["sections"][0]["questions"][0]
    assert now["prompt"] == "客户情绪激动时,你如何处理?"
    old = client.get(f"/api/v1/banks/{bank_id}", params={"version": 1}).json()["sections"][0]["questions"][0]
    assert old["prompt"] == before["prompt"]
    assert [v["version"] for v in client.get(f"/api/v1/banks/{bank_id}/versions").json()] == [1, 2]


def test_editing_a_key_point_changes_only_that_key_point(client, banks):
    bank_id = banks["jd"]
    question = client.get(f"/api/v1/banks/{bank_id}").json()["sections"][0]["questions"][0]
    first, second = question["key_points"][:2]
    response = client.patch(f"/api/v1/banks/{bank_id}/questions/{question['id']}/key_points/{first['id']}",
                            json={"text": "先安抚客户情绪"})
    assert response.status_code == 200, response.text
    after = client.get(f"/api/v1/banks/{bank_id}").json()["sections"][0]["questions"][0]["key_points"]
    assert after[0]["text"] == "先安抚客户情绪"
    assert after[0]["detail"] == first["detail"]
    assert after[1] == second


def test_bad_edits_are_refused_with_a_message_naming_what_is_wrong(client, banks):
    bank_id = banks["jd"]
    empty = client.patch(f"/api/v1/banks/{bank_id}/questions/s1-q1", json={})
    assert empty.status_code == 422
    assert "s1-q1" in empty.json()["detail"]
    unknown = client.patch(f"/api/v1/banks/{bank_id}/questions/s9-q9", json={"prompt": "x"})
    assert unknown.status_code == 404
    assert "s9-q9" in unknown.json()["detail"]
    assert client.patch(f"/api/v1/banks/{bank_id}/questions/s1-q1", json={"prompt": ""}).status_code == 422
    bad_kind = client.patch(f"/api/v1/banks/{bank_id}/questions/s1-q1", json={"kind": "essay"})
    assert bad_kind.status_code == 422 and "'open'" in bad_kind.json()["detail"]
    missing_bank = client.get("/api/v1/banks/9999")
    assert missing_bank.status_code == 404
    assert "9999" in missing_bank.json()["detail"]
    # Nothing stored was lost or changed by the refused edits.
    assert len(client.get(f"/api/v1/banks/{bank_id}/versions").json()) == 1


def test_search_finds_chinese_words_in_a_different_order(client, banks):
    # "投诉处理" is not a substring of any prompt below, but both words are there.
    hits = client.get("/api/v1/search", params={"q": "投诉处理"}).json()
    assert hits, "segmented search should find questions about handling complaints"
    prompts = " ".join(h["prompt"] for h in hits)
    assert "投诉" in prompts and "处理" in prompts


def test_search_can_be_narrowed_by_category_and_bank(client, banks):
    hits = client.get("/api/v1/search", params={"q": "客户", "category": "stress"}).json()
    assert hits and {h["category"] for h in hits} == {"stress"}
    hits = client.get("/api/v1/search", params={"q": "客户", "bank_id": banks["jd"]}).json()
    assert hits and {h["bank_id"] for h in hits} == {banks["jd"]}


def test_empty_search_is_refused(client, banks):
    assert client.get("/api/v1/search", params={"q": ""}).status_code == 422


def test_browsing_filters_questions_by_kind_category_and_points(client, banks):
    situational = client.get("/api/v1/questions", params={"category": "situational"}).json()
    assert situational and {h["category"] for h in situational} == {"situational"}
    ten = client.get("/api/v1/questions", params={"points": 10}).json()
    assert ten and {h["points"] for h in ten} == {10}
    tagged = client.get("/api/v1/questions", params={"tag": "京东金融"}).json()
    assert len(tagged) == jd_bank().question_count


def test_duplicates_can_be_listed_and_kept_both(client, banks):
    pairs = client.get("/api/v1/duplicates", params={"threshold": 0.3}).json()
    assert pairs, "the two seed banks share near-identical complaint questions"
    first = pairs[0]
    assert first["a"]["bank_id"] != first["b"]["bank_id"]
    ref = lambda hit: {"bank_id": hit["bank_id"], "question_id": hit["question_id"], "version": hit["version"]}
    assert client.post("/api/v1/duplicates/keep-both", json={"a": ref(first["a"]), "b": ref(first["b"])}).status_code == 204
    remaining = client.get("/api/v1/duplicates", params={"threshold": 0.3}).json()
    assert (ref(first["a"]), ref(first["b"])) not in [(ref(p["a"]), ref(p["b"])) for p in remaining]


def test_merging_a_duplicate_removes_one_question_in_a_new_version(client, banks):
    pair = client.get("/api/v1/duplicates", params={"threshold": 0.3}).json()[0]
    keep = {"bank_id": pair["a"]["bank_id"], "question_id": pair["a"]["question_id"]}
    drop = {"bank_id": pair["b"]["bank_id"], "question_id": pair["b"]["question_id"]}
    saved = client.post("/api/v1/duplicates/merge", json={"keep": keep, "drop": drop})
    assert saved.status_code == 200, saved.text
    bank = client.get(f"/api/v1/banks/{drop['bank_id']}").json()
    ids = [q["id"] for s in bank["sections"] for q in s["questions"]]
    assert drop["question_id"] not in ids
    assert client.get(f"/api/v1/banks/{drop['bank_id']}", params={"version": saved.json()["version"] - 1}).status_code == 200
