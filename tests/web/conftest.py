"""Fixtures for the web tests: the app over a real database (SQLite and PostgreSQL through the
shared `db_url` fixture of tests/pg.py), an in-process HTTP client, and the seed banks."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from kaoguan.bank import Bank
from kaoguan.score import Scorer
from kaoguan.web import create_app
from tests.store.conftest import internet_bank, jd_bank


@pytest.fixture(scope="session")
def scorer() -> Scorer:
    # The real scorer in its fast mode (same rules, clause encoder only); shared so it loads once.
    return Scorer("fast")


@pytest.fixture
def client(db_url, scorer):
    with TestClient(create_app(db_url, scorer=scorer)) as test_client:
        yield test_client


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
