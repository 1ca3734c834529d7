"""Database fixtures shared by storage, interview and web tests (registered from tests/conftest.py).

- `postgres_server`: a REAL PostgreSQL server from Debian's packages, started once per test session
  in a temporary directory and stopped at the end. Missing binaries FAIL the tests (run `make system`).
- `db_url`: parametrized over sqlite and postgresql; each test gets its own empty database.
- `db`: a `kaoguan.store.Database` on that URL, already upgraded to the newest schema.

So every test that asks for `db` runs twice, once per engine: `pytest -k sqlite` / `-k postgresql`
pick one.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kaoguan.store import Database
from kaoguan.store.pgserver import PostgresServer, PostgresUnavailable

_database_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    try:
        data_dir = Path(tempfile.mkdtemp(prefix="kaoguan-pg-"))
        server = PostgresServer.create(data_dir)
    except PostgresUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'kaoguan.db'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = f"kaoguan_test_{next(_database_numbers)}"
    url = server.create_database(name)
    yield url
    server.drop_database(name)


@pytest.fixture
def db(db_url) -> Iterator[Database]:
    database = Database(db_url)
    database.upgrade()
    yield database
    database.dispose()
