"""The database handle: URLs, SQLite settings, migrations, and the PostgreSQL test server."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from kaoguan.store import Database, InvalidInput, Library, SchemaOutdated, default_url, normalize_url
from kaoguan.store import pgserver
from kaoguan.store.schema import Base


def test_migrations_create_exactly_the_models(db):
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
    assert db.current_revision() == db.head_revision()
    db.upgrade()  # running it again is harmless
    assert db.current_revision() == db.head_revision()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path):
    db = Database(str(tmp_path / "k.db"))
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() > 0


def test_urls_are_normalized():
    assert normalize_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("/tmp/x.db") == "sqlite:////tmp/x.db"
    with pytest.raises(InvalidInput, match="mysql://h/db.*only sqlite"):
        normalize_url("mysql://h/db")


def test_default_url_comes_from_the_environment_or_the_data_directory(monkeypatch, tmp_path):
    monkeypatch.setenv("KAOGUAN_DB", "postgresql://u@h/kg")
    assert default_url() == "postgresql://u@h/kg"
    monkeypatch.delenv("KAOGUAN_DB")
    monkeypatch.setattr("platformdirs.user_data_dir", lambda app: str(tmp_path / app))
    assert default_url() == f"sqlite:///{tmp_path / 'kaoguan' / 'kaoguan.db'}"


def test_an_unmigrated_database_is_reported_with_the_fix(tmp_path):
    with pytest.raises(SchemaOutdated, match="kaoguan db upgrade"):
        Library(Database(str(tmp_path / "new.db")))


def test_the_test_server_demands_make_system_when_postgresql_is_missing(monkeypatch):
    monkeypatch.setattr(pgserver.glob, "glob", lambda pattern: [])
    monkeypatch.setattr(pgserver.shutil, "which", lambda name: None)
    with pytest.raises(pgserver.PostgresUnavailable, match="make system"):
        pgserver.find_bin_dir()


def test_the_postgresql_fixture_is_a_real_server(postgres_server):
    db = Database(postgres_server.url())
    with db.engine.connect() as connection:
        assert "PostgreSQL" in connection.execute(text("SELECT version()")).scalar()
    db.dispose()
