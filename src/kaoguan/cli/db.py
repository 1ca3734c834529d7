"""`kaoguan db upgrade|backup|restore|info`: the database's schema and portable backups."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.exc import SQLAlchemyError

from kaoguan.cli.app import app
from kaoguan.store import Database, StoreError
from kaoguan.store.backup import backup, restore, row_counts

db_app = typer.Typer(help="Database schema and backups (SQLite by default, --db postgresql://… alike).",
                     no_args_is_help=True)
app.add_typer(db_app, name="db")

DbOption = Annotated[str | None, typer.Option("--db", help="Database URL; default: $KAOGUAN_DB or a SQLite "
                                                           "file in the user data directory.")]


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


def _open(url: str | None) -> Database:
    try:
        return Database(url)
    except StoreError as exc:
        _fail(str(exc))
        raise  # unreachable; keeps type checkers quiet


@db_app.command("upgrade")
def upgrade_command(db: DbOption = None) -> None:
    """Create the tables, or bring an older database up to this version's schema."""
    database = _open(db)
    try:
        before = database.current_revision()
        database.upgrade()
    except Exception as exc:  # connection refused, permissions …: say which database
        _fail(f"{database.display_url}: {exc}")
    after = database.current_revision()
    state = "already up to date" if before == after else f"upgraded {before or '(empty)'} → {after}"
    typer.echo(f"{database.display_url}: {state}")


@db_app.command("backup")
def backup_command(file: Annotated[Path, typer.Argument(help="Where to write the backup (JSON Lines).")],
                   db: DbOption = None) -> None:
    """Write a portable backup of every table (restorable into SQLite or PostgreSQL)."""
    database = _open(db)
    try:
        counts = backup(database, file)
    except Exception as exc:
        _fail(f"backup of {database.display_url} to {file} failed: {exc}")
    typer.echo(f"{file}: {sum(counts.values())} rows from {database.display_url}")


@db_app.command("restore")
def restore_command(file: Annotated[Path, typer.Argument(help="A file written by `kaoguan db backup`.")],
                    db: DbOption = None,
                    force: Annotated[bool, typer.Option("--force", help="Replace the contents of a non-empty "
                                                                        "database.")] = False) -> None:
    """Load a backup into an empty database, in one transaction (all or nothing)."""
    database = _open(db)
    try:
        counts = restore(database, file, force=force)
    except StoreError as exc:
        _fail(str(exc))
    except (SQLAlchemyError, OSError) as exc:  # unreachable server, a row the database refuses …
        _fail(f"restore into {database.display_url} failed, nothing was changed: {exc}")
    typer.echo(f"{database.display_url}: restored {sum(counts.values())} rows from {file}")


@db_app.command("info")
def info_command(db: DbOption = None) -> None:
    """Show the database URL, its schema revision and rows per table."""
    database = _open(db)
    try:
        revision = database.current_revision()
    except SQLAlchemyError as exc:
        _fail(f"{database.display_url}: {exc}")
    typer.echo(f"database: {database.display_url}")
    typer.echo(f"schema:   {revision or '(not created; run kaoguan db upgrade)'}")
    if revision:
        for name, count in row_counts(database).items():
            typer.echo(f"  {name:<20} {count}")
