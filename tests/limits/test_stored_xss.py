"""Stored XSS: markup in imported question text, in a candidate's answer and in an interviewer's
note is stored as typed and shown as text — escaped — on every page that displays it."""

from __future__ import annotations

import pytest

from kaoguan.ingest import import_bytes
from tests.web.conftest import store

PROMPT_ATTACK = "<script>alert('prompt')</script>"
KEY_POINT_ATTACK = "<img src=x onerror=alert('kp')>"
ANSWER_ATTACK = "<img src=x onerror=alert('answer')>"
NOTE_ATTACK = "<img src=x onerror=alert('note')>"
ATTACKS = (PROMPT_ATTACK, KEY_POINT_ATTACK, ANSWER_ATTACK, NOTE_ATTACK)

DOCUMENT = f"""2026年客服面试题
一、行为面试题(每题10分)
1.{PROMPT_ATTACK}请介绍一次你安抚情绪激动客户的经历。
答案要点:
- 保持冷静,先安抚情绪{KEY_POINT_ATTACK}
- 核实问题并给出解决时限
2.客户投诉等待时间太长,你会怎么回应?
答案要点:
- 先道歉,说明原因
""".encode("utf-8")


@pytest.fixture
def stored(client):
    """An imported bank with hostile text, a paper, a submitted answer and a rating note."""
    bank = import_bytes(DOCUMENT, "题库.txt")
    question = next(q for _, q in bank.questions() if PROMPT_ATTACK in q.prompt)
    assert any(KEY_POINT_ATTACK in kp.text for kp in question.key_points), "the importer dropped the markup"
    bank_id = store(client, bank)
    interviews = client.app.state.services.interviews
    paper = client.post("/api/v1/papers", json={"title": "安全测试", "picks": [
        {"bank_id": bank_id, "question_id": q.id} for _, q in bank.questions()]}).json()
    invitation = interviews.invite_candidate(paper["paper_id"], "张三")
    position = next(i["position"] for i in paper["items"] if i["question"]["id"] == question.id)
    interviews.autosave_answer(invitation.token, position, f"我会先安抚客户{ANSWER_ATTACK}", 1)
    take_page = client.get(f"/take/{invitation.token}")
    interviews.submit(invitation.token, score_now=True)
    interviews.rate(invitation.session_id, position, "李面试官", {}, None, notes=f"表现不错{NOTE_ATTACK}")
    return {"bank_id": bank_id, "paper_id": paper["paper_id"], "session_id": invitation.session_id,
            "question_id": question.id, "take_page": take_page}


def pages(s: dict) -> list[str]:
    return ["/", "/banks", f"/banks/{s['bank_id']}", "/search?q=安抚客户", "/papers", f"/papers/{s['paper_id']}",
            "/sessions", f"/sessions/{s['session_id']}/sheet", f"/reports/sessions/{s['session_id']}",
            f"/reports/papers/{s['paper_id']}", f"/reports/papers/{s['paper_id']}/items",
            f"/practice/{s['bank_id']}", f"/practice/{s['bank_id']}/{s['question_id']}", "/duplicates"]


def test_no_page_contains_stored_markup_unescaped(client, stored):
    bodies = {"/take/…": stored["take_page"]}
    bodies.update({path: client.get(path) for path in pages(stored)})
    for path, response in bodies.items():
        assert response.status_code == 200, f"{path}: {response.status_code}"
        for attack in ATTACKS:
            assert attack not in response.text, f"{path} shows {attack!r} as markup"


def test_the_pages_that_show_the_text_show_it_escaped(client, stored):
    assert "&lt;script&gt;alert(&#39;prompt&#39;)&lt;/script&gt;" in client.get(f"/banks/{stored['bank_id']}").text
    assert "&lt;script&gt;alert(&#39;prompt&#39;)&lt;/script&gt;" in stored["take_page"].text \
        or "\\u003cscript\\u003e" in stored["take_page"].text  # in the page's HTML or its escaped JSON
    sheet = client.get(f"/sessions/{stored['session_id']}/sheet").text
    for shown in ("&lt;img src=x onerror=alert(&#39;answer&#39;)&gt;", "&lt;img src=x onerror=alert(&#39;note&#39;)&gt;",
                  "&lt;img src=x onerror=alert(&#39;kp&#39;)&gt;"):
        assert shown in sheet


def test_the_api_returns_the_text_exactly_as_stored(client, stored):
    # Escaping is for HTML output only: the JSON API gives back exactly what was typed.
    sheet = client.get(f"/api/v1/sessions/{stored['session_id']}/sheet").json()
    texts = [item["answer_text"] for item in sheet["items"]]
    notes = [rating["notes"] for item in sheet["items"] for rating in item["ratings"]]
    assert f"我会先安抚客户{ANSWER_ATTACK}" in texts
    assert notes == [f"表现不错{NOTE_ATTACK}"]
