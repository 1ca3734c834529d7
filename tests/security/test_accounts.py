"""Accounts, sign-in, cookies, CSRF, API tokens, rate limits (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from kaoguan.store.schema import ApiTokenRow, LoginSessionRow, UserRow
from kaoguan.web import create_app
from kaoguan.web.auth import TokenBucket
from tests.security.world import PASSWORD, anonymous, csrf_of, sign_in


@pytest.fixture
def app(db_url, scorer):
    application = create_app(db_url, scorer=scorer)
    application.state.accounts.add_user("ann", PASSWORD, "owner", "A 团队")
    yield application
    application.state.services.close()


def test_passwords_are_stored_as_argon2id_hashes_only(app):
    with app.state.services.db.reading() as session:
        stored = session.scalars(select(UserRow.password_hash)).one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert app.state.accounts.authenticate("ann", PASSWORD).username == "ann"
    assert app.state.accounts.authenticate("ann", PASSWORD + "x") is None
    assert app.state.accounts.authenticate("nobody", PASSWORD) is None


def test_short_passwords_and_teamless_owners_are_refused_with_the_reason(app):
    from kaoguan.store import InvalidInput

    with pytest.raises(InvalidInput, match="at least 10"):
        app.state.accounts.add_user("bob", "short", "owner", "B")
    with pytest.raises(InvalidInput, match="team"):
        app.state.accounts.add_user("bob", PASSWORD, "owner")
    with pytest.raises(InvalidInput, match="already exists"):
        app.state.accounts.add_user("ann", PASSWORD, "owner", "A 团队")


def test_sign_in_sets_an_httponly_lax_cookie_whose_id_is_stored_hashed(app):
    client = TestClient(app)
    token = csrf_of(client)
    response = client.post("/login", data={"username": "ann", "password": PASSWORD, "csrf_token": token},
                           follow_redirects=False)
    assert response.status_code == 303
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie
    with app.state.services.db.reading() as session:
        stored = session.scalars(select(LoginSessionRow.token_hash)).all()
    assert len(stored) == 1 and len(stored[0]) == 64
    assert stored[0] not in response.headers["set-cookie"]  # the cookie holds the id, the database its hash
    assert client.get("/api/v1/me").json()["username"] == "ann"


def test_cookies_are_secure_when_served_over_https(db_url, scorer):
    app = create_app(db_url, scorer=scorer, secure_cookies=True)
    with TestClient(app, base_url="https://testserver") as client:
        assert "secure" in client.get("/login").headers["set-cookie"].lower()


def test_a_wrong_password_is_refused_and_signing_out_ends_the_session(app):
    client = TestClient(app)
    wrong = client.post("/login", data={"username": "ann", "password": "猜一个密码试试看", "csrf_token": csrf_of(client)})
    assert wrong.status_code == 401 and "用户名或密码不正确" in wrong.text
    sign_in(client, "ann")
    assert client.get("/papers").status_code == 200
    assert client.post("/logout", follow_redirects=False).status_code == 303
    assert client.get("/papers", follow_redirects=False).headers["location"] == "/login?next=/papers"
    with app.state.services.db.reading() as session:
        assert session.scalars(select(LoginSessionRow)).all() == []


def test_sign_in_never_redirects_to_another_site(app):
    client = TestClient(app)
    for target in ["https://evil.example/", "//evil.example/x", "/\\evil.example"]:
        response = client.post("/login", data={"username": "ann", "password": PASSWORD, "next": target,
                                               "csrf_token": csrf_of(client)}, follow_redirects=False)
        assert response.headers["location"] == "/banks"


def test_state_changes_without_the_csrf_token_are_refused(app):
    client = sign_in(TestClient(app), "ann")
    good = client.headers.pop("X-CSRF-Token")
    bank = {"schema": "kaoguan.bank/1", "title": "CSRF", "sections": []}
    missing = client.post("/api/v1/banks", json=bank)
    assert missing.status_code == 403 and "CSRF" in missing.json()["detail"]
    assert client.post("/api/v1/banks", json=bank, headers={"X-CSRF-Token": "forged"}).status_code == 403
    assert client.post("/logout", follow_redirects=False).status_code == 403  # a forged sign-out is refused too
    assert client.post("/api/v1/banks", json=bank, headers={"X-CSRF-Token": good}).status_code == 201
    # The sign-in form itself carries a token (no login CSRF).
    assert TestClient(app).post("/login", data={"username": "ann", "password": PASSWORD}).status_code == 403


def test_api_tokens_work_without_csrf_and_stop_when_revoked(app):
    client = sign_in(TestClient(app), "ann")
    created = client.post("/api/v1/tokens", json={"name": "导入脚本"})
    assert created.status_code == 201
    raw = created.json()["token"]
    with app.state.services.db.reading() as session:
        assert raw not in session.scalars(select(ApiTokenRow.token_hash)).all()
    script = TestClient(app, headers={"Authorization": f"Bearer {raw}"})
    assert script.post("/api/v1/banks", json={"schema": "kaoguan.bank/1", "title": "脚本", "sections": []}).status_code == 201
    assert client.delete(f"/api/v1/tokens/{created.json()['id']}").json()["revoked"] is True
    refused = script.get("/api/v1/banks")
    assert refused.status_code == 401 and "令牌" in refused.json()["detail"]


def test_disabled_users_are_signed_out_at_once(app):
    client = sign_in(TestClient(app), "ann")
    app.state.accounts.set_active("ann", False)
    assert client.get("/api/v1/me").status_code == 401


def test_pages_send_anonymous_visitors_to_sign_in_and_the_api_says_401(app):
    visitor = anonymous(app)
    page = visitor.get("/banks?tag=x", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login?next=/banks%3Ftag%3Dx"
    api = visitor.get("/api/v1/banks")
    assert api.status_code == 401 and "/api/v1/banks" in api.json()["detail"]
    assert visitor.get("/").status_code == 200 and visitor.get("/practice").status_code == 200


def test_the_login_page_tells_how_to_create_the_first_admin(db_url, scorer):
    app = create_app(db_url, scorer=scorer)
    with TestClient(app) as client:
        assert "kaoguan user add admin --role admin" in client.get("/login").text
    app.state.accounts.add_user("root", PASSWORD, "admin")
    with TestClient(app) as client:
        assert "kaoguan user add admin" not in client.get("/login").text


def test_guessing_passwords_is_slowed_down_with_a_chinese_429(app):
    client = TestClient(app)
    token = csrf_of(client)
    statuses = [client.post("/login", data={"username": "ann", "password": f"错误的密码{i:04d}", "csrf_token": token}).status_code
                for i in range(6)]
    assert statuses[:5] == [401] * 5 and statuses[5] == 429
    limited = client.post("/login", data={"username": "ann", "password": PASSWORD, "csrf_token": token})
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
    assert "登录失败次数过多" in limited.text


def test_the_practice_scorer_is_rate_limited_per_address(app):
    visitor = anonymous(app)
    statuses = [visitor.post("/api/v1/practice/score", json={"bank_id": 999, "question_id": "s1-q1", "text": "答"}).status_code
                for _ in range(21)]
    assert statuses[:20] == [404] * 20 and statuses[20] == 429
    last = visitor.post("/api/v1/practice/score", json={"bank_id": 999, "question_id": "s1-q1", "text": "答"})
    assert "练习评分请求过于频繁" in last.json()["detail"] and last.headers["retry-after"]


def test_a_token_bucket_refills_at_its_rate():
    bucket = TokenBucket(capacity=2, per_second=0.5)
    assert bucket.take("ip", now=0) is None and bucket.take("ip", now=0) is None
    assert bucket.take("ip", now=0) == pytest.approx(2.0)
    assert bucket.take("other", now=0) is None  # one bucket per key
    assert bucket.take("ip", now=2.0) is None  # one token back after 2 s
    assert bucket.wait("ip", now=2.0) is not None and bucket.wait("ip", now=4.0) is None


def test_the_account_page_creates_a_token_shown_once_and_revokes_it(app):
    client = sign_in(TestClient(app), "ann")
    token = client.headers["X-CSRF-Token"]
    created = client.post("/account/tokens", data={"name": "夜间导入", "csrf_token": token})
    assert created.status_code == 201
    raw = created.text.split("请立即保存):<code>")[1].split("</code>")[0]
    assert raw not in client.get("/account").text  # shown once
    script = TestClient(app, headers={"Authorization": f"Bearer {raw}"})
    assert script.get("/api/v1/me").json()["username"] == "ann"
    token_id = client.get("/api/v1/tokens").json()[0]["id"]
    revoked = client.post(f"/account/tokens/{token_id}/revoke", data={"csrf_token": token}, follow_redirects=False)
    assert revoked.status_code == 303
    assert script.get("/api/v1/me").status_code == 401
