"""Fixtures shared by the security tests: one fast scorer per module, and the world of
build_world (teams, users, banks, a candidate) with its clients closed afterwards."""

import pytest

from tests.security.world import build_world


@pytest.fixture(scope="module")
def scorer():
    from kaoguan.score import Scorer

    return Scorer("fast")


@pytest.fixture
def world(db_url, scorer):
    w = build_world(db_url, scorer)
    yield w
    for client in {id(c): c for c in w.clients.values()}.values():
        client.close()
    w.app.state.services.close()
