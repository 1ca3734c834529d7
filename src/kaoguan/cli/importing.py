"""`kaoguan import` and `kaoguan schema`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from kaoguan.bank import bank_json_schema, bank_to_dict
from kaoguan.bank.model import Bank
from kaoguan.cli.app import app


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of Bank JSON v1."""
    typer.echo(json.dumps(bank_json_schema(), ensure_ascii=False, indent=2))


@app.command("import")
def import_command(
    files: Annotated[list[Path], typer.Argument(metavar="FILE", help="Documents to import (.txt/.md, .docx, .pdf, .html), format detected from content.")],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write Bank JSON here (a list when several files).")] = None,
    summary: Annotated[bool, typer.Option("--summary", help="Print a readable summary of each bank instead of JSON.")] = False,
    db: Annotated[Optional[str], typer.Option("--db", help="Also save each bank to this database (sqlite:///FILE or postgresql://…).")] = None,
    max_mb: Annotated[Optional[float], typer.Option("--max-mb", help="Refuse documents larger than this many MB (default 20, or $KAOGUAN_MAX_IMPORT_MB).")] = None,
) -> None:
    """Import question-bank documents into Bank JSON v1; warnings go to stderr."""
    from kaoguan.ingest import DocumentError, import_path
    from kaoguan.ingest.summary import print_summary

    out = Console(soft_wrap=False)
    err = Console(stderr=True, soft_wrap=True)
    limit = int(max_mb * 1024 * 1024) if max_mb is not None else None
    banks: list[Bank] = []
    failures = 0
    for path in files:
        try:
            bank = import_path(path, max_bytes=limit)
        except DocumentError as exc:
            failures += 1
            err.print(f"[red]错误[/red] {exc}", highlight=False, markup=True)
            continue
        banks.append(bank)
        if summary:
            print_summary(bank, out)
        else:
            _print_warnings(bank, path, err)
    if not banks:
        raise typer.Exit(code=2)
    payload = bank_to_dict(banks[0]) if len(files) == 1 else [bank_to_dict(bank) for bank in banks]
    text = json.dumps(payload, ensure_ascii=False, indent=2)
    if output is not None:
        output.write_text(text + "\n", encoding="utf-8")
        err.print(f"已写入 {output}（{len(banks)} 个题库）", highlight=False)
    elif not summary:
        typer.echo(text)
    if db:
        _save_to_database(banks, db, err)


def _print_warnings(bank: Bank, path: Path, err: Console) -> None:
    for warning in bank.warnings:
        where = "".join(
            part for part in (f" 第{warning.section}节" if warning.section else "", f"第{warning.question}题" if warning.question is not None else "")
        )
        err.print(f"{path.name}:{where} [{warning.code}] {warning.message}", highlight=False, markup=False)


def _save_to_database(banks: list[Bank], url: str, err: Console) -> None:
    from kaoguan.store import Database, Library, StoreError

    try:
        database = Database(url)
        database.upgrade()
        library = Library(database)
        for bank in banks:
            saved = library.save_bank(bank)
            state = "已保存" if saved.created else "已存在（内容相同）"
            err.print(f"{bank.source or bank.title}: {state}，题库编号 {saved.bank_id}，版本 {saved.version}", highlight=False)
    except StoreError as exc:
        err.print(f"[red]数据库错误[/red] {exc}", highlight=False)
        raise typer.Exit(code=1) from exc
