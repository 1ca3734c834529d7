"""`kaoguan user add|passwd|list|disable|enable` (accounts) and `kaoguan db purge` (retention)."""

from __future__ import annotations

from typing import Annotated

import typer

from kaoguan.cli.app import app
from kaoguan.cli.db import DbOption, db_app

user_app = typer.Typer(help="Accounts: the first admin, passwords, roles and teams.", no_args_is_help=True)
app.add_typer(user_app, name="user")


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


def _accounts(url: str | None):
    from kaoguan.store import Database, StoreError
    from kaoguan.store.accounts import Accounts

    try:
        database = Database(url)
        database.require_schema()
    except StoreError as exc:
        _fail(str(exc))
    return Accounts(database), database


def _password(given: str | None) -> str:
    """From --password (scripts; visible in the process list) or asked twice without echo."""
    if given is not None:
        return given
    return typer.prompt("密码 / password", hide_input=True, confirmation_prompt=True)


@user_app.command("add")
def add_command(
    username: Annotated[str, typer.Argument(help="The sign-in name.")],
    role: Annotated[str, typer.Option("--role", help="admin, owner (bank owner) or interviewer.")] = "interviewer",
    team: Annotated[str | None, typer.Option("--team", help="The user's team (required except for admins).")] = None,
    password: Annotated[str | None, typer.Option("--password", help="Give the password here instead of the prompt.")] = None,
    db: DbOption = None,
) -> None:
    """Create a user. The first one: `kaoguan user add admin --role admin`."""
    from kaoguan.store import StoreError
    from kaoguan.store.audit import AuditLog

    accounts, database = _accounts(db)
    try:
        user = accounts.add_user(username, _password(password), role, team)
    except StoreError as exc:
        _fail(str(exc))
    AuditLog(database).record("(命令行)", "user.add", "user", user.id, {"username": user.username, "role": user.role})
    typer.echo(f"user {user.username} added: {user.role}" + (f", team {user.team}" if user.team else ""))


@user_app.command("passwd")
def passwd_command(
    username: Annotated[str, typer.Argument(help="Whose password to change.")],
    password: Annotated[str | None, typer.Option("--password", help="Give the password here instead of the prompt.")] = None,
    db: DbOption = None,
) -> None:
    """Set a new password (signs the user out of every browser)."""
    from kaoguan.store import StoreError
    from kaoguan.store.audit import AuditLog

    accounts, database = _accounts(db)
    try:
        user = accounts.set_password(username, _password(password))
    except StoreError as exc:
        _fail(str(exc))
    AuditLog(database).record("(命令行)", "user.password", "user", user.id, {"username": user.username})
    typer.echo(f"password of {user.username} changed")


@user_app.command("list")
def list_command(db: DbOption = None) -> None:
    """List users with their role, team and state."""
    accounts, _ = _accounts(db)
    users = accounts.list_users()
    if not users:
        typer.echo("no users yet: run `kaoguan user add admin --role admin`")
    for user in users:
        state = "" if user.active else "  (disabled)"
        typer.echo(f"{user.username:<20} {user.role:<12} {user.team or '-'}{state}")


def _set_active(username: str, active: bool, db: str | None) -> None:
    from kaoguan.store import StoreError
    from kaoguan.store.audit import AuditLog

    accounts, database = _accounts(db)
    try:
        user = accounts.set_active(username, active)
    except StoreError as exc:
        _fail(str(exc))
    AuditLog(database).record("(命令行)", "user.active", "user", user.id, {"username": user.username, "active": active})
    typer.echo(f"{user.username}: {'enabled' if active else 'disabled'}")


@user_app.command("disable")
def disable_command(username: Annotated[str, typer.Argument()], db: DbOption = None) -> None:
    """Stop a user signing in (their sessions end at once; their records stay)."""
    _set_active(username, False, db)


@user_app.command("enable")
def enable_command(username: Annotated[str, typer.Argument()], db: DbOption = None) -> None:
    """Let a disabled user sign in again."""
    _set_active(username, True, db)


@db_app.command("purge")
def purge_command(
    days: Annotated[int | None, typer.Option("--days", help="Keep finished sessions this many days; "
                                                            "default: the stored retention setting.")] = None,
    db: DbOption = None,
) -> None:
    """Delete finished candidate sessions (answers, scores, ratings) older than the retention period."""
    from kaoguan.store.audit import AuditLog
    from kaoguan.store.personal_data import RETENTION_SETTING, parse_retention, purge_finished

    accounts, database = _accounts(db)
    keep = days if days is not None else parse_retention(accounts.setting(RETENTION_SETTING))
    if keep is None:
        typer.echo("no retention period set (kaoguan db purge --days N, or PUT /api/v1/settings/retention); nothing purged")
        return
    counts = purge_finished(database, keep)
    AuditLog(database).record("(命令行)", "retention.purge", "settings", RETENTION_SETTING, {"days": keep, **counts})
    typer.echo(f"purged sessions finished more than {keep} days ago: {counts['sessions']} sessions, "
               f"{counts['answers']} answers, {counts['candidates']} candidates")
