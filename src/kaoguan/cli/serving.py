"""`kaoguan serve`: the web application (pages in Simplified Chinese and the REST API)."""

from __future__ import annotations

import secrets
from pathlib import Path

import typer

from kaoguan.cli.app import app

# Document types the importer reads; other files in a seeds folder (README, notes) are skipped.
SEED_SUFFIXES = {".txt", ".docx", ".pdf", ".html", ".htm"}


def load_seeds(library, folder: Path) -> int:
    """Import every document in `folder` into the library; returns how many banks are new.
    Saving the same content again creates nothing, so running this on every start is safe."""
    from kaoguan.ingest import DocumentError, import_path

    created = 0
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in SEED_SUFFIXES):
        try:
            saved = library.save_bank(import_path(path))
        except DocumentError as error:
            typer.echo(f"跳过 {path}: {error}", err=True)
            continue
        created += saved.created
        state = "已导入" if saved.created else "已存在"
        typer.echo(f"{state}:{path.name} → 题库 {saved.bank_id}(版本 {saved.version})")
    return created


def _loopback(host: str) -> bool:
    return host in {"127.0.0.1", "localhost", "::1"} or host.startswith("127.")


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
    interviewer_code: str | None = typer.Option(
        None, "--interviewer-code", envvar="KAOGUAN_INTERVIEWER_CODE",
        help="Access code interviewers sign in with; candidates and practice need none. "
             "Generated and printed when serving beyond this machine without one.",
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
    if interviewer_code is None and not _loopback(host):
        # Candidates reach this server too: never show them the interviewer pages unasked.
        interviewer_code = secrets.token_urlsafe(9)
        typer.echo(f"面试官访问码(本次自动生成):{interviewer_code}   用 --interviewer-code 指定固定的访问码")
    web_app = create_app(db, interviewer_code=interviewer_code)
    services = web_app.state.services
    if load_seeds_from is not None:
        load_seeds(services.library, load_seeds_from)
    services.warm_up_scorer()
    services.resume_scoring()
    typer.echo(f"数据库:{services.db.display_url}")
    typer.echo(f"考官已启动,请在浏览器打开:http://{host}:{port}/   (按 Ctrl+C 停止)")
    uvicorn.run(web_app, host=host, port=port, log_level="warning")
