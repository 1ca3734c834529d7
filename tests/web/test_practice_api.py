"""Practice mode through the API: the real scorer's feedback, evidence and missed key points."""

from __future__ import annotations

from tests.store.banks import jd_bank

# Covers the first key point (calm the customer down) and the second (ask what happened), nothing else.
PARTIAL_ANSWER = "我会先保持冷静,安抚客户的情绪,向他道歉并表示理解。然后耐心倾听,问清楚他具体遇到了什么问题。"


def test_practice_answer_gets_a_score_with_evidence_and_missed_key_points(client, banks):
    question = jd_bank().question("s1-q1")
    response = client.post("/api/v1/practice/score",
                           json={"bank_id": banks["jd"], "question_id": "s1-q1", "text": PARTIAL_ANSWER})
    assert response.status_code == 200, response.text
    result = response.json()
    assert 0 < result["score"]["score"] < question.points
    assert result["score"]["max_score"] == question.points
    assert result["evidence"], "covered key points come with the clause that covers them"
    assert all(clause in PARTIAL_ANSWER for clause in result["evidence"])
    assert [kp["id"] for kp in result["key_points"]] == [kp.id for kp in question.key_points]
    missed = {kp["id"] for kp in result["missed"]}
    assert missed and "k1" not in missed
    assert {kp["id"] for kp in result["key_points"] if kp["coverage"] == 0} == missed


def test_practice_refuses_empty_answers_and_unknown_questions(client, banks):
    empty = client.post("/api/v1/practice/score", json={"bank_id": banks["jd"], "question_id": "s1-q1", "text": "  "})
    assert empty.status_code == 422 and "empty" in empty.json()["detail"]
    unknown = client.post("/api/v1/practice/score", json={"bank_id": banks["jd"], "question_id": "zz", "text": "好"})
    assert unknown.status_code == 404 and "zz" in unknown.json()["detail"]
