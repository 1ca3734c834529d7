"""Portable backups: every table as JSON Lines, restorable into an empty SQLite or PostgreSQL database."""

from __future__ import annotations

from pathlib import Path

from kaoguan.store.database import Database

BACKUP_FORMAT = "kaoguan.backup/1"


def backup(db: Database, path: str | Path) -> dict[str, int]:
    """Write every row of every table to `path` (JSON Lines); returns rows per table."""
    raise NotImplementedError


def restore(db: Database, path: str | Path, force: bool = False) -> dict[str, int]:
    """Load a backup into `db` in one transaction. Refuses a non-empty database unless `force`
    (which replaces its contents, still in one transaction)."""
    raise NotImplementedError
