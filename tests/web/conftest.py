"""Fixtures for the web tests: the app over a real database (SQLite and PostgreSQL through the
shared `db_url` fixture of tests/pg.py), an in-process HTTP client, and the seed banks."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from kaoguan.bank import Bank
from kaoguan.score import Scorer
from kaoguan.web import create_app
from tests.store.banks import internet_bank, jd_bank


@pytest.fixture(scope="session")
def scorer() -> Scorer:
    # The real scorer in its fast mode (same rules, clause encoder only); shared so it loads once.
    return Scorer("fast")


ADMIN_PASSWORD = "测试管理员的长密码-2026"


def admin_token(app, username: str = "admin") -> str:
    """Create an admin account on `app`'s database and return an API token for it: the web tests
    act as the site's admin (the authorization matrix in tests/security covers the other roles)."""
    accounts = app.state.accounts
    user = accounts.add_user(username, ADMIN_PASSWORD, "admin")
    return accounts.create_api_token(user.id, "tests")[1]


def as_admin(client: TestClient) -> TestClient:
    client.headers["Authorization"] = f"Bearer {admin_token(client.app)}"
    return client


@pytest.fixture
def client(db_url, scorer):
    with TestClient(create_app(db_url, scorer=scorer)) as test_client:
        yield as_admin(test_client)


def store(client: TestClient, bank: Bank, *tags: str) -> int:
    response = client.post("/api/v1/banks", params={"tag": list(tags)},
                           content=bank.model_dump_json(by_alias=True),
                           headers={"content-type": "application/json"})
    assert response.status_code == 201, response.text
    return response.json()["bank_id"]


@pytest.fixture
def banks(client) -> dict[str, int]:
    """The two seed banks stored through the API: {"jd": id, "ib": id}."""
    return {"jd": store(client, jd_bank(), "京东金融"), "ib": store(client, internet_bank(), "互联网银行")}
