"""Server-rendered pages: Simplified Chinese, correct content, assets served by the app itself."""

from __future__ import annotations

import re

import pytest

from tests.store.banks import internet_bank, jd_bank

ASSET = re.compile(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"')


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, f"{path}: {response.status_code} {response.text[:300]}"
    assert response.headers["content-type"].startswith("text/html")
    return response.text


@pytest.fixture
def pages(client, banks) -> dict[str, str]:
    jd = banks["jd"]
    return {path: page(client, path) for path in [
        "/", "/banks", f"/banks/{jd}", "/search", "/search?q=投诉", "/duplicates", "/papers",
        "/practice", f"/practice/{jd}", f"/practice/{jd}/s1-q1", "/sessions",
    ]}


def test_pages_speak_simplified_chinese_and_show_the_banks(pages):
    for path, html in pages.items():
        assert '<html lang="zh-CN">' in html, path
    assert jd_bank().title in pages["/banks"] and internet_bank().title in pages["/banks"]
    assert "立即开始练习面试" in pages["/"]


def test_every_asset_is_served_by_the_app_itself(client, pages):
    assets = {src for html in pages.values() for src in ASSET.findall(html)}
    assert "/static/app.css" in assets and "/static/app.js" in assets
    for src in assets:
        assert src.startswith("/static/"), f"asset from outside the app: {src}"
        assert client.get(src).status_code == 200, src
    css = client.get("/static/app.css").text
    assert "@import" not in css and "url(http" not in css
    assert '"Noto Sans CJK SC"' in css


def test_bank_page_shows_questions_side_by_side_with_warnings(client, banks):
    bank = jd_bank()
    html = page(client, f"/banks/{banks['jd']}")
    assert 'id="warnings"' in html and "导入警告" in html
    for _, question in bank.questions():
        assert question.prompt in html


def test_bank_page_filters_by_category(client, banks):
    html = page(client, f"/banks/{banks['ib']}?category=stress")
    bank = internet_bank()
    stress = [q for s, q in bank.questions() if s.category == "stress"]
    others = [q for s, q in bank.questions() if s.category != "stress"]
    assert all(q.prompt in html for q in stress)
    assert not any(q.prompt in html for q in others)


def test_search_page_lists_hits_from_all_banks(client, banks):
    html = page(client, "/search?q=客户投诉")
    assert "找到" in html
    assert jd_bank().title in html and internet_bank().title in html


def test_practice_question_page_never_shows_the_key_points_before_answering(client, banks):
    question = jd_bank().question("s1-q1")
    html = page(client, f"/practice/{banks['jd']}/s1-q1")
    assert question.prompt in html
    for key_point in question.key_points:
        assert key_point.text not in html


def test_unknown_pages_answer_with_a_chinese_error_page(client, banks):
    response = client.get("/banks/9999")
    assert response.status_code == 404
    assert "出错了" in response.text and "9999" in response.text
    response = client.get(f"/banks/{banks['jd']}?points=abc")
    assert response.status_code == 422 and "abc" in response.text
    response = client.get(f"/practice/{banks['jd']}/nope")
    assert response.status_code == 404 and "nope" in response.text


def test_the_openapi_document_covers_what_the_pages_do(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ["/api/v1/banks", "/api/v1/imports", "/api/v1/search", "/api/v1/duplicates", "/api/v1/papers",
                 "/api/v1/papers/{paper_id}/invitations", "/api/v1/take/{token}/answers/{position}",
                 "/api/v1/sessions/{session_id}/sheet", "/api/v1/sessions/{session_id}/ratings/{position}",
                 "/api/v1/practice/score"]:
        assert path in paths, path
    assert not any(p.startswith("/banks") for p in paths), "pages are not part of the API document"
    reference = page(client, "/api/v1")
    assert all(f"<code>{p}</code>" in reference for p in paths)


def test_a_warning_links_to_the_question_it_is_about(client):
    from kaoguan.ingest import import_path
    from tests.conftest import JD_SEED
    from tests.web.conftest import store

    bank = import_path(JD_SEED)
    truncated = next(w for w in bank.warnings if w.code == "truncated_question")
    question = next(q for q in bank.sections[truncated.section - 1].questions if q.number == truncated.question)
    html = page(client, f"/banks/{store(client, bank)}")
    assert f'<a href="#q-{question.id}">第 {truncated.question} 题</a>' in html
    assert f'id="q-{question.id}"' in html
