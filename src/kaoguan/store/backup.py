"""Portable backups: every table as JSON Lines, restorable into SQLite or PostgreSQL alike.

    {"format": "kaoguan.backup/1", "schema_revision": "0001", "created_at": "…", "tables": [...]}
    {"table": "banks", "row": {"id": 1, "title": "…", …}}
    …
    {"end": true, "rows": {"banks": 2, …}}

Rows are written parents first (foreign-key order) with their ids, so references survive; the
closing line lets a restore detect a truncated file. Values are plain JSON: timestamps as ISO
strings (naive UTC), everything else as stored. A backup taken from SQLite and restored into
PostgreSQL (or back) produces the same rows and hence the same backup again.

Restore reads and checks the whole file before touching the database, then writes it in ONE
transaction: a damaged file or a failure half-way leaves the database exactly as it was.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, DateTime, Table, func, inspect, select, text

from kaoguan.store.database import Database
from kaoguan.store.errors import BackupFormatError, NotEmpty
from kaoguan.store.schema import CACHE_TABLES, Base, utcnow

BACKUP_FORMAT = "kaoguan.backup/1"


def _tables() -> list[Table]:
    """Tables a backup holds, parents before children; caches are rebuilt on demand instead."""
    return [t for t in Base.metadata.sorted_tables if t.name not in CACHE_TABLES]


def _encode(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _decoder(table: Table):
    datetime_columns = {c.name for c in table.columns if isinstance(c.type, DateTime)}

    def decode(row: dict[str, Any]) -> dict[str, Any]:
        return {key: datetime.fromisoformat(value) if key in datetime_columns and value is not None else value
                for key, value in row.items()}

    return decode


def backup(db: Database, path: str | Path) -> dict[str, int]:
    """Write every row of every table to `path` (JSON Lines, UTF-8); returns rows per table.
    Reads in one transaction, so the backup is a consistent snapshot."""
    path = Path(path)
    counts: dict[str, int] = {}
    tmp = path.with_name(path.name + ".partial")
    with db.engine.connect() as connection, connection.begin(), tmp.open("w", encoding="utf-8") as out:
        header = {"format": BACKUP_FORMAT, "schema_revision": _revision(connection),
                  "created_at": utcnow().isoformat(), "tables": [t.name for t in _tables()]}
        out.write(json.dumps(header, ensure_ascii=False) + "\n")
        for table in _tables():
            counts[table.name] = 0
            order = list(table.primary_key.columns)
            for row in connection.execute(select(table).order_by(*order)).mappings():
                record = {"table": table.name, "row": {k: _encode(v) for k, v in row.items()}}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                counts[table.name] += 1
        out.write(json.dumps({"end": True, "rows": counts}) + "\n")
    tmp.replace(path)  # never leave a half-written file under the real name
    return counts


def _revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def read_backup(path: str | Path) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """Parse and check a backup file completely; returns its header and rows per table."""
    path = Path(path)
    tables = {t.name: t for t in _tables()}
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in tables}
    header: dict[str, Any] | None = None
    footer: dict[str, Any] | None = None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise BackupFormatError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise BackupFormatError(f"{path}: not UTF-8 text, so not a kaoguan backup") from None
    for number, line in enumerate(lines, start=1):
        where = f"{path}, line {number}"
        if footer is not None:
            raise BackupFormatError(f"{where}: text after the end marker")
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BackupFormatError(f"{where}: not JSON ({exc.msg})") from None
        if header is None:
            if not isinstance(record, dict) or record.get("format") != BACKUP_FORMAT:
                raise BackupFormatError(f"{where}: not a kaoguan backup (expected format {BACKUP_FORMAT!r})")
            header = record
        elif isinstance(record, dict) and record.get("end") is True:
            footer = record
        elif isinstance(record, dict) and record.get("table") in tables and isinstance(record.get("row"), dict):
            table = tables[record["table"]]
            unknown = set(record["row"]) - {c.name for c in table.columns}
            if unknown:
                raise BackupFormatError(f"{where}: table {table.name} has no column(s) {sorted(unknown)}")
            rows[table.name].append(record["row"])
        else:
            raise BackupFormatError(f"{where}: expected {{\"table\": <known table>, \"row\": {{…}}}}")
    if header is None:
        raise BackupFormatError(f"{path}: empty file, not a kaoguan backup")
    if footer is None:
        raise BackupFormatError(f"{path}: truncated (no end marker); nothing was restored")
    counts = {name: len(r) for name, r in rows.items() if r or name in footer.get("rows", {})}
    if {k: v for k, v in footer.get("rows", {}).items() if v} != {k: v for k, v in counts.items() if v}:
        raise BackupFormatError(f"{path}: row counts do not match the end marker; the file is damaged")
    return header, rows


def row_counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as connection:
        return {t.name: connection.scalar(select(func.count()).select_from(t)) for t in _tables()}


def restore(db: Database, path: str | Path, force: bool = False) -> dict[str, int]:
    """Load a backup into `db` (upgrading its schema first) in one transaction; returns rows per table.
    Refuses a database that already holds data unless `force`, which replaces that data — still in the
    same transaction, so a failure keeps the old contents."""
    header, rows = read_backup(path)
    revision = header.get("schema_revision")
    history = db.revisions()
    if revision not in history:
        raise BackupFormatError(f"{path}: made with schema revision {revision!r}, which this kaoguan does not know "
                                f"(it knows {', '.join(history)}); restore it with a newer kaoguan")
    db.upgrade()
    existing = {name: n for name, n in row_counts(db).items() if n}
    if existing and not force:
        summary = ", ".join(f"{n} {name}" for name, n in existing.items())
        raise NotEmpty(f"{db.display_url} is not empty ({summary}); restore only into an empty database, "
                       f"or pass --force to replace its contents")
    older = revision != history[-1]
    if older and existing:
        # Replacing data means downgrading the schema first, which cannot share one transaction with it.
        raise NotEmpty(f"{path} is from schema revision {revision}; such backups restore only into an empty "
                       f"database, and {db.display_url} holds data")
    if older:
        # The rows fit the schema they were taken from: step the (emptied) database back to it, load
        # them, then let the migrations carry them forward like any other data.
        _clear(db)
        db.downgrade(revision)
    with db.engine.begin() as connection:
        for table in reversed(_tables_at(connection)):
            connection.execute(table.delete())
        for table in _tables_at(connection):
            if rows.get(table.name):
                decode = _decoder(table)
                connection.execute(table.insert(), [decode(r) for r in rows[table.name]])
        if connection.dialect.name == "postgresql":
            _advance_sequences(connection)
    if older:
        db.upgrade()
    return {name: len(r) for name, r in rows.items()}


def _tables_at(connection: Connection) -> list[Table]:
    """The tables of the schema as it is in the database now (an older revision during a restore)."""
    present = set(inspect(connection).get_table_names())
    return [t for t in Base.metadata.sorted_tables if t.name in present]


def _clear(db: Database) -> None:
    with db.engine.begin() as connection:
        for table in reversed(_tables_at(connection)):
            connection.execute(table.delete())


def _advance_sequences(connection: Connection) -> None:
    # Rows came in with their ids; PostgreSQL's SERIAL counters must continue after the largest one.
    for table in _tables():
        if "id" in table.columns and table.columns["id"].primary_key and len(table.primary_key.columns) == 1:
            connection.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 1), "
                f"(SELECT MAX(id) FROM {table.name}) IS NOT NULL)"
            ))
