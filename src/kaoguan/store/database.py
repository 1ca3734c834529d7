"""The database handle: where the data lives, how to connect, and how to bring the schema up to date.

SQLite is the default (one file in the user's data directory, WAL so the web app can read
while it writes); a `postgresql://` URL runs the very same code on PostgreSQL.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from kaoguan.store.errors import InvalidInput, SchemaOutdated

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
ENV_VAR = "KAOGUAN_DB"
# How long a SQLite writer waits for another writer before giving up, in milliseconds.
SQLITE_BUSY_TIMEOUT_MS = 10_000


def default_url() -> str:
    """`$KAOGUAN_DB`, else a SQLite file in the user's data directory (created if missing)."""
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return from_env
    data_dir = Path(platformdirs.user_data_dir("kaoguan"))
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data_dir / 'kaoguan.db'}"


def normalize_url(url: str) -> str:
    """Accept a plain path, `sqlite:///…`, `postgresql://…` or `postgres://…`; drive PostgreSQL with psycopg 3."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser()}"
    scheme, rest = url.split("://", 1)
    if scheme in {"postgresql", "postgres"}:
        return f"postgresql+psycopg://{rest}"
    if scheme.startswith("postgresql+") or scheme.startswith("sqlite"):
        return url
    raise InvalidInput(f"database URL {url!r}: only sqlite:///FILE and postgresql://… are supported")


def _tune_sqlite(dbapi_connection, _record) -> None:
    # WAL lets readers (the web pages) run while one writer commits; foreign keys are off by default in SQLite.
    # isolation_level=None stops the sqlite3 module from issuing its own BEGINs; `_begin_sqlite` does it.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _begin_sqlite(connection) -> None:
    # Write transactions take SQLite's write lock up front (BEGIN IMMEDIATE): a deferred transaction that
    # reads and then writes fails at once with "database is locked" when another writer got in between,
    # while IMMEDIATE simply waits its turn (busy_timeout). Reads stay DEFERRED and never block.
    mode = "IMMEDIATE" if connection.get_execution_options().get(WRITE_OPTION) else "DEFERRED"
    connection.exec_driver_sql(f"BEGIN {mode}")


WRITE_OPTION = "kaoguan_write"


class Database:
    """One database, SQLite or PostgreSQL. Cheap to create; share one per process."""

    def __init__(self, url: str | None = None, *, echo: bool = False) -> None:
        self.url = normalize_url(url or default_url())
        self.engine: Engine = self._create_engine(echo)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._schema_checked = False
        # SQLite has one write lock, and its busy handler waits for it by sleeping up to 100 ms at a
        # time; the threads of one process queue here instead and go the moment it is free.
        self._write_turn = threading.RLock() if self.dialect == "sqlite" else contextlib.nullcontext()

    def _create_engine(self, echo: bool) -> Engine:
        parsed = make_url(self.url)
        if parsed.get_backend_name() == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(self.url, echo=echo, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
            event.listen(engine, "connect", _tune_sqlite)
            event.listen(engine, "begin", _begin_sqlite)
            return engine
        # As many kept connections as the web server has worker threads (anyio's 40): connections
        # beyond pool_size are closed on return, and opening a PostgreSQL connection forks a backend,
        # which under load put seconds on the autosave tail (bench/load.py).
        return create_engine(self.url, echo=echo, pool_pre_ping=True, pool_size=40, max_overflow=10)

    @property
    def dialect(self) -> str:
        """`sqlite` or `postgresql`."""
        return self.engine.dialect.name

    @property
    def display_url(self) -> str:
        """The URL with any password hidden, for messages and logs."""
        return make_url(self.url).render_as_string(hide_password=True)

    def upgrade(self, revision: str = "head") -> None:
        """Bring the schema up to `revision` with the Alembic migrations shipped in this package."""
        from alembic import command

        with self.engine.begin() as connection:
            config = self._alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
        self._schema_checked = False

    def downgrade(self, revision: str) -> None:
        """Step the schema back to `revision` (used to restore an older backup into an empty database)."""
        from alembic import command

        with self.engine.begin() as connection:
            config = self._alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
        self._schema_checked = False

    def revisions(self) -> list[str]:
        """Every schema revision this kaoguan ships, oldest first."""
        from alembic.script import ScriptDirectory

        return [s.revision for s in reversed(list(ScriptDirectory.from_config(self._alembic_config()).walk_revisions()))]

    def current_revision(self) -> str | None:
        """The Alembic revision the database is at, or None for a database never upgraded."""
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def require_schema(self) -> None:
        """Fail with a clear message, instead of "no such table" later, when the database was never
        upgraded or is older than this kaoguan. Checked once per Database."""
        if self._schema_checked:
            return
        current, head = self.current_revision(), self.head_revision()
        if current is None:
            raise SchemaOutdated(f"{self.display_url} holds no kaoguan tables yet; "
                                 f"run `kaoguan db upgrade --db {self.display_url}`")
        if current != head:
            raise SchemaOutdated(f"{self.display_url} is at schema revision {current}, this kaoguan needs {head}; "
                                 f"run `kaoguan db upgrade --db {self.display_url}` (back it up first)")
        self._schema_checked = True

    def head_revision(self) -> str:
        from alembic.script import ScriptDirectory

        head = ScriptDirectory.from_config(self._alembic_config()).get_current_head()
        assert head is not None, "the package ships at least one migration"
        return head

    def _alembic_config(self):
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        # '%' is ConfigParser's interpolation character; URLs may contain it (escaped passwords).
        config.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        return config

    def table_names(self) -> list[str]:
        return inspect(self.engine).get_table_names()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session inside one transaction: committed on success, rolled back on any error."""
        with self._write_turn, self._sessions() as session, session.begin():
            session.connection(execution_options={WRITE_OPTION: True})
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads only; anything left uncommitted is rolled back."""
        with self._sessions() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()

    def __repr__(self) -> str:
        return f"Database({self.display_url!r})"
