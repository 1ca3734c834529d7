"""The interviewer access code: candidates and practice stay open, everything else asks for it."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from kaoguan.web import create_app
from tests.web.conftest import store
from tests.store.conftest import jd_bank

CODE = "hr-2026-open-sesame"


@pytest.fixture
def gated(db_url, scorer):
    with TestClient(create_app(db_url, scorer=scorer, interviewer_code=CODE)) as client:
        yield client


def bearer(client):
    client.headers["Authorization"] = f"Bearer {CODE}"
    return client


def sign_in(client, code: str = CODE, next_path: str = "/papers"):
    return client.post("/login", data={"code": code, "next": next_path}, follow_redirects=False)


def test_interviewer_pages_and_api_need_the_code(gated):
    page = gated.get("/papers", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login?next=/papers"
    api = gated.get("/api/v1/banks")
    assert api.status_code == 401 and "/api/v1/banks" in api.json()["detail"]
    assert gated.get("/api/v1/banks", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert gated.get("/api/v1/banks", headers={"Authorization": f"Bearer {CODE}"}).status_code == 200


def test_signing_in_opens_the_pages_and_a_wrong_code_is_refused(gated):
    wrong = sign_in(gated, "猜一个")
    assert wrong.status_code == 401 and "访问码不正确" in wrong.text
    assert gated.get("/papers", follow_redirects=False).status_code == 303
    right = sign_in(gated)
    assert right.status_code == 303 and right.headers["location"] == "/papers"
    assert gated.get("/papers").status_code == 200
    gated.post("/logout")
    assert gated.get("/papers", follow_redirects=False).status_code == 303


def test_sign_in_never_redirects_to_another_site(gated):
    for target in ["https://evil.example/", "//evil.example/x", "/\\evil.example"]:
        assert sign_in(gated, next_path=target).headers["location"] == "/banks"


def test_candidates_and_job_seekers_need_no_code(gated):
    bank_id = store(bearer(gated), jd_bank())
    paper = gated.post("/api/v1/papers", json={"title": "一面", "bank_ids": [bank_id],
                                               "per_section": {"行为面试题": 1}}).json()
    token = gated.post(f"/api/v1/papers/{paper['paper_id']}/invitations", json={"name": "张三"}).json()["invitation"]["token"]
    del gated.headers["Authorization"]
    assert gated.get(f"/take/{token}").status_code == 200
    assert gated.put(f"/api/v1/take/{token}/answers/1", json={"text": "回答", "revision": 1}).status_code == 200
    assert gated.get(f"/practice/{bank_id}/s1-q1").status_code == 200
    assert gated.post("/api/v1/practice/score", json={"bank_id": bank_id, "question_id": "s1-q1",
                                                      "text": "我会先安抚客户情绪。"}).status_code == 200
    assert gated.get("/static/app.css").status_code == 200
    # …but not what a candidate must never see.
    assert gated.get(f"/api/v1/papers/{paper['paper_id']}").status_code == 401
    assert gated.get(f"/banks/{bank_id}", follow_redirects=False).status_code == 303
