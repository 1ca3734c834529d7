"""REST API: papers, one-time links, the candidate's view, autosave, submission, scores and ratings
(SQLite and PostgreSQL)."""

from __future__ import annotations


import pytest

from tests.web.conftest import admin_token
from tests.web.waiting import wait_scored


@pytest.fixture
def paper(client, banks) -> dict:
    spec = {"title": "客服顾问一面", "bank_ids": [banks["jd"]], "per_section": {"行为面试题": 2, "专业知识题": 1},
            "seed": 11, "time_limit_minutes": 30}
    response = client.post("/api/v1/papers", json=spec)
    assert response.status_code == 201, response.text
    return response.json()


def invite(client, paper_id: int, name: str = "张三") -> str:
    response = client.post(f"/api/v1/papers/{paper_id}/invitations", json={"name": name})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["url"].endswith(f"/take/{body['invitation']['token']}")
    return body["invitation"]["token"]


def save(client, token: str, position: int, text: str, revision: int):
    return client.put(f"/api/v1/take/{token}/answers/{position}", json={"text": text, "revision": revision})


def test_a_paper_is_drawn_as_asked_with_a_recorded_seed(client, paper):
    assert len(paper["items"]) == 3
    assert [i["section_title"] for i in paper["items"]].count("行为面试题") == 2
    assert paper["spec"]["seed"] == 11
    assert client.get(f"/api/v1/papers/{paper['paper_id']}").json() == paper
    listed = client.get("/api/v1/papers").json()
    assert [p["paper_id"] for p in listed] == [paper["paper_id"]]


def test_a_paper_that_cannot_be_drawn_is_refused_with_the_reason(client, banks):
    response = client.post("/api/v1/papers", json={"title": "太多", "bank_ids": [banks["jd"]],
                                                   "per_section": {"行为面试题": 50}})
    assert response.status_code == 422
    assert "行为面试题" in response.json()["detail"]


def test_a_hand_picked_paper_keeps_the_order_picked(client, banks):
    picks = [{"bank_id": banks["ib"], "question_id": "s4-q1"}, {"bank_id": banks["jd"], "question_id": "s1-q2"}]
    response = client.post("/api/v1/papers", json={"title": "手选", "picks": picks})
    assert response.status_code == 201, response.text
    assert [i["question"]["id"] for i in response.json()["items"]] == ["s4-q1", "s1-q2"]


def test_the_candidate_never_receives_key_points_answers_or_other_candidates(client, paper):
    mine, other = invite(client, paper["paper_id"], "张三"), invite(client, paper["paper_id"], "李四")
    assert save(client, other, 1, "李四的回答,张三不应看到", 1).status_code == 200
    response = client.get(f"/api/v1/take/{mine}")
    assert response.status_code == 200
    body = response.text
    assert "张三" in body and "李四" not in body
    for item in paper["items"]:
        question = item["question"]
        assert question["prompt"] in body
        for key_point in question["key_points"]:
            assert key_point["text"] not in body
            if key_point["detail"]:
                assert key_point["detail"] not in body
    assert "key_points" not in body and "reference_answer" not in body


def test_autosave_keeps_the_newest_revision_and_survives_reopening(client, paper):
    token = invite(client, paper["paper_id"])
    assert save(client, token, 2, "第一稿", 1).json()["accepted"]
    assert save(client, token, 2, "第二稿,更完整", 2).json()["accepted"]
    late = save(client, token, 2, "第一稿", 1).json()  # an old request arriving late
    assert late["accepted"] is False and late["revision"] == 2
    reopened = client.get(f"/api/v1/take/{token}").json()
    saved = {q["position"]: q for q in reopened["questions"]}
    assert saved[2]["saved_text"] == "第二稿,更完整" and saved[2]["saved_revision"] == 2


def test_autosave_refuses_bad_input_with_a_clear_message(client, paper):
    token = invite(client, paper["paper_id"])
    wrong_position = save(client, token, 99, "回答", 1)
    assert wrong_position.status_code == 422 and "99" in wrong_position.json()["detail"]
    assert save(client, token, 1, "回答", 0).status_code == 422
    unknown = save(client, "not-a-token", 1, "回答", 1)
    assert unknown.status_code == 410


def test_submitting_closes_the_link_and_the_answers_get_scored(client, paper):
    token = invite(client, paper["paper_id"])
    question = paper["items"][0]["question"]
    save(client, token, 1, "我会先保持冷静,安抚客户情绪,再询问具体问题,上报故障并跟进处理结果。", 1)
    submitted = client.post(f"/api/v1/take/{token}/submit")
    assert submitted.status_code == 200, submitted.text
    assert submitted.json()["answered"] == 1 and submitted.json()["unanswered"] == 2
    again = client.get(f"/api/v1/take/{token}")
    assert again.status_code == 410 and again.json()["reason"] == "submitted"
    assert client.get(f"/take/{token}").status_code == 410
    sheet = wait_scored(client, submitted.json()["session_id"])
    first = sheet["items"][0]
    assert first["question"]["id"] == question["id"]
    assert first["auto"]["score"]["max_score"] == question["points"]
    assert [row["key_point_id"] for row in first["checklist"]] == [kp["id"] for kp in question["key_points"]]


def test_two_interviewers_rate_and_their_disagreement_is_reported(client, paper):
    token = invite(client, paper["paper_id"])
    save(client, token, 1, "我会保持冷静,先安抚客户的情绪。", 1)
    session_id = client.post(f"/api/v1/take/{token}/submit").json()["session_id"]
    wait_scored(client, session_id)
    kp_ids = [kp["id"] for kp in paper["items"][0]["question"]["key_points"]]
    # Each rater signs in as themself; a rating is recorded under the account's name, whatever
    # the body's `interviewer` says.
    as_jia = {"Authorization": f"Bearer {admin_token(client.app, '甲')}"}
    as_yi = {"Authorization": f"Bearer {admin_token(client.app, '乙')}"}
    high = client.put(f"/api/v1/sessions/{session_id}/ratings/1", headers=as_jia,
                      json={"interviewer": "甲", "key_point_marks": {k: 1.0 for k in kp_ids}, "score": 8, "notes": "很好"})
    assert high.status_code == 200, high.text
    low = client.put(f"/api/v1/sessions/{session_id}/ratings/1", headers=as_yi,
                     json={"interviewer": "甲", "key_point_marks": {k: 0.0 for k in kp_ids}, "score": 1})
    assert low.status_code == 200
    summary = client.get(f"/api/v1/sessions/{session_id}/disagreements").json()
    item = next(i for i in summary["items"] if i["position"] == 1)
    assert item["rater_scores"] == {"甲": 8, "乙": 1}
    assert item["rater_spread"] == 7 and item["flagged"]
    assert 1 in summary["flagged_positions"]
    sheet = client.get(f"/api/v1/sessions/{session_id}/sheet").json()
    assert {r["interviewer"] for r in sheet["items"][0]["ratings"]} == {"甲", "乙"}
    sessions = client.get("/api/v1/sessions", params={"paper_id": paper["paper_id"]}).json()
    assert sorted(sessions[0]["raters"]) == ["乙", "甲"]


def test_a_rating_out_of_range_is_refused_and_nothing_is_stored(client, paper):
    token = invite(client, paper["paper_id"])
    session_id = client.post(f"/api/v1/take/{token}/submit").json()["session_id"]
    response = client.put(f"/api/v1/sessions/{session_id}/ratings/1", json={"interviewer": "甲", "score": 80})
    assert response.status_code == 422
    assert "80" in response.json()["detail"]
    assert client.get(f"/api/v1/sessions/{session_id}/sheet").json()["items"][0]["ratings"] == []


def test_text_typed_by_a_candidate_cannot_inject_markup_into_pages(client, paper):
    token = invite(client, paper["paper_id"])
    attack = "</script><script>alert('x')</script><b>粗体</b>"
    save(client, token, 1, attack, 1)
    candidate_page = client.get(f"/take/{token}").text
    assert attack not in candidate_page and "<b>粗体</b>" not in candidate_page
    reopened = {q["position"]: q["saved_text"] for q in client.get(f"/api/v1/take/{token}").json()["questions"]}
    assert reopened[1] == attack  # stored exactly as typed
    session_id = client.post(f"/api/v1/take/{token}/submit").json()["session_id"]
    sheet_page = client.get(f"/sessions/{session_id}/sheet").text
    assert attack not in sheet_page and "&lt;/script&gt;" in sheet_page
