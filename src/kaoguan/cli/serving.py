"""`kaoguan serve`: the web application (pages in Simplified Chinese and the REST API)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import typer

from kaoguan.cli.app import app

# Document types the importer reads; other files in a seeds folder (README, notes) are skipped.
SEED_SUFFIXES = {".txt", ".docx", ".pdf", ".html", ".htm"}


def load_seeds(library, folder: Path, on_saved: Callable[[int], None] | None = None) -> int:
    """Import every document in `folder` into the library; returns how many banks are new.
    Saving the same content again creates nothing, so running this on every start is safe.
    `on_saved(bank_id)` runs for each bank (serve makes the seed banks public for practice)."""
    from kaoguan.ingest import DocumentError, import_path

    created = 0
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in SEED_SUFFIXES):
        try:
            saved = library.save_bank(import_path(path))
        except DocumentError as error:
            typer.echo(f"跳过 {path}: {error}", err=True)
            continue
        created += saved.created
        if on_saved is not None:
            on_saved(saved.bank_id)
        state = "已导入" if saved.created else "已存在"
        typer.echo(f"{state}:{path.name} → 题库 {saved.bank_id}(版本 {saved.version})")
    return created


def purge_expired(database, accounts) -> None:
    """Apply the retention setting on every start (see `kaoguan db purge`)."""
    from kaoguan.store.audit import AuditLog
    from kaoguan.store.personal_data import RETENTION_SETTING, parse_retention, purge_finished

    days = parse_retention(accounts.setting(RETENTION_SETTING))
    if days is None:
        return
    counts = purge_finished(database, days)
    if counts["sessions"]:
        AuditLog(database).record("(启动)", "retention.purge", "settings", RETENTION_SETTING, {"days": days, **counts})
        typer.echo(f"按保留期({days} 天)删除了 {counts['sessions']} 场已结束的面试")


def check_port_free(host: str, port: int) -> None:
    """Fail before loading anything when another program already listens on the port."""
    import socket

    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            typer.echo(f"kaoguan serve: cannot listen on {host}:{port} ({error.strerror}); "
                       f"another program uses it, choose another with --port", err=True)
            raise typer.Exit(2) from None


@app.command("serve")
def serve_command(
    db: str | None = typer.Option(None, "--db", help="Database URL (sqlite:///FILE or postgresql://…); default: the store's."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    secure_cookies: bool = typer.Option(
        False, "--secure-cookies", envvar="KAOGUAN_SECURE_COOKIES",
        help="Mark the sign-in cookie Secure: set this when users reach the server over https.",
    ),
    load_seeds_from: Path | None = typer.Option(
        None, "--load-seeds", help="Import every document in this folder before serving (skips banks already stored).",
        exists=True, file_okay=False, dir_okay=True,
    ),
) -> None:
    """Serve the web app: the bank library, search, papers, candidate links, practice and scoring."""
    import uvicorn

    from kaoguan.web import create_app

    check_port_free(host, port)
    web_app = create_app(db, secure_cookies=secure_cookies)
    services = web_app.state.services
    accounts = web_app.state.accounts
    if load_seeds_from is not None:
        # Seed banks are public: a first-time user can practise at once, without an account.
        load_seeds(services.library, load_seeds_from, on_saved=lambda bank_id: accounts.set_bank_public(bank_id, True))
    purge_expired(services.db, accounts)
    if not accounts.has_users():
        typer.echo("no admin yet: run `kaoguan user add admin --role admin` (练习模式无需账号即可使用)")
    services.warm_up_scorer()
    services.start_scoring_worker()  # a separate process; it also scores what a stopped server left pending
    typer.echo(f"数据库:{services.db.display_url}")
    typer.echo(f"考官已启动,请在浏览器打开:http://{host}:{port}/   (按 Ctrl+C 停止)")
    uvicorn.run(web_app, host=host, port=port, log_level="warning")
