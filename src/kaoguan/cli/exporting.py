"""`kaoguan export` (a bank to QTI, Moodle XML, GIFT, Aiken, Excel or Bank JSON) and `kaoguan report`
(candidate PDF, cohort CSV/Excel, item statistics) over stored interviews."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from kaoguan.cli.app import app

DbOption = Annotated[Optional[str], typer.Option("--db", help="Database URL (default: $KAOGUAN_DB or the user data directory's SQLite file).")]


class Format(str, Enum):
    qti3 = "qti3"
    qti21 = "qti21"
    moodle = "moodle"
    gift = "gift"
    aiken = "aiken"
    xlsx = "xlsx"
    json = "json"


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


def load_any_bank(source: str, db: str | None):
    """BANK as a stored bank id (with --db or the default database), Bank JSON, an exchange file or a document."""
    from kaoguan.bank.io import BankFormatError, load_bank

    path = Path(source)
    if not path.exists() and source.isdigit():
        from kaoguan.store import Database, Library, StoreError

        try:
            return Library(Database(db)).get_bank(int(source))
        except StoreError as exc:
            _fail(f"bank {source}: {exc}")
    if not path.is_file():
        _fail(f"{source}: no such file (and not a stored bank id)")
    data = path.read_bytes()
    if b'"kaoguan.bank/1"' in data[:400]:
        try:
            return load_bank(path)
        except BankFormatError as exc:
            _fail(str(exc))
    from kaoguan.report.formats import ExchangeFormatError, read_exchange_format

    try:
        bank = read_exchange_format(data, path.name)
    except ExchangeFormatError as exc:
        _fail(str(exc))
    if bank is not None:
        return bank
    from kaoguan.ingest import DocumentError, import_path

    try:
        return import_path(path)
    except DocumentError as exc:
        _fail(str(exc))


@app.command("export")
def export_command(
    bank: Annotated[str, typer.Argument(help="Bank JSON, a document the importer reads, an exchange file, or a stored bank id.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="Target format.")] = Format.json,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Output file (default: stdout for text formats).")] = None,
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not list what the format cannot hold.")] = False,
) -> None:
    """Export a bank; what the format cannot hold is listed on stderr."""
    from kaoguan.report.formats import ExchangeFormatError, export_bank, summarize_losses

    loaded = load_any_bank(bank, db)
    try:
        exported = export_bank(loaded, format.value)
    except ExchangeFormatError as exc:
        _fail(str(exc))
    if output is None:
        if format.value in ("qti3", "qti21", "xlsx") and sys.stdout.isatty():
            _fail(f"{exported.format.label} is binary; write it to a file with -o")
        sys.stdout.buffer.write(exported.data)
        sys.stdout.flush()
    else:
        output.write_bytes(exported.data)
    if exported.losses and not quiet:
        err = Console(stderr=True, soft_wrap=True)
        err.print(f"[yellow]{exported.format.label}:{len(exported.losses)} 项内容无法保存在该格式中[/yellow]")
        for line in summarize_losses(exported.losses):
            err.print(f"  {line}", markup=False, highlight=False)
    if output is not None:
        typer.echo(f"{output}: {exported.format.label},共 {loaded.question_count} 题", err=True)


report_app = typer.Typer(help="Reports over stored interviews: candidate PDF, cohort ranking, item statistics.",
                         no_args_is_help=True)
app.add_typer(report_app, name="report")


def _interviews(db: str | None):
    from kaoguan.interview import Interviews
    from kaoguan.store import Database, StoreError

    try:
        return Interviews(Database(db))
    except StoreError as exc:
        _fail(str(exc))


def _stored(load, *args):
    """Runs a loader from kaoguan.report.source, turning "no such paper/session" into a clear error."""
    from kaoguan.store import StoreError

    try:
        return load(*args)
    except StoreError as exc:
        _fail(str(exc))


@report_app.command("candidate")
def candidate_command(
    session_id: Annotated[int, typer.Argument(help="The interview session.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="PDF file to write.")],
    db: DbOption = None,
) -> None:
    """One candidate's report as PDF (scores, radar chart, answers, key points, ratings, notes)."""
    from kaoguan.report.candidate import candidate_report
    from kaoguan.report.pdf import candidate_pdf
    from kaoguan.report.source import session_result

    result, cohort = _stored(session_result, _interviews(db), session_id)
    output.write_bytes(candidate_pdf(candidate_report(result, cohort)))
    typer.echo(f"{output}: report for {result.candidate_name}", err=True)


@report_app.command("cohort")
def cohort_command(
    paper_id: Annotated[int, typer.Argument(help="The paper whose candidates are compared.")],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write .csv or .xlsx; without it a table is printed.")] = None,
    cut_off: Annotated[float, typer.Option("--cut-off", min=0, max=1, help="Pass mark as a share of the maximum.")] = 0.6,
    db: DbOption = None,
) -> None:
    """Rank the candidates of one paper and list who needs a human look."""
    from kaoguan.report.cohort import build_cohort, to_csv, to_xlsx
    from kaoguan.report.source import paper_results

    _, results = _stored(paper_results, _interviews(db), paper_id)
    cohort = build_cohort(results, cut_off=cut_off)
    if output is not None:
        if output.suffix.lower() not in (".csv", ".xlsx"):
            _fail(f"{output}: use a .csv or .xlsx file name")
        output.write_bytes(to_xlsx(cohort) if output.suffix.lower() == ".xlsx" else to_csv(cohort))
        typer.echo(f"{output}: {len(cohort.rows)} candidates", err=True)
        return
    print_cohort(cohort, Console())


def print_cohort(cohort, console: Console) -> None:
    table = Table(title=f"{cohort.paper_title}(分数线 {cohort.cut_off:.0%})")
    for name in ("排名", "候选人", "总分", "得分率", "需复核"):
        table.add_column(name)
    for row in cohort.rows:
        table.add_row(str(row.rank), row.result.candidate_name, f"{row.result.total:g}/{row.result.max_total:g}",
                      f"{row.share:.0%}", ";".join(row.reasons))
    console.print(table)


@report_app.command("items")
def items_command(
    paper_id: Annotated[int, typer.Argument(help="The paper whose questions are analysed.")],
    db: DbOption = None,
) -> None:
    """Item statistics of one paper: facility, discrimination, point-biserial, alpha, flags."""
    from kaoguan.report.source import paper_results
    from kaoguan.report.stats import item_statistics

    _, results = _stored(paper_results, _interviews(db), paper_id)
    print_item_statistics(item_statistics(results), Console())


def _fmt(value: float | None, pattern: str = "{:.2f}") -> str:
    return "—" if value is None else pattern.format(value)


def print_item_statistics(stats, console: Console) -> None:
    from kaoguan.report.formats.xlsx import KIND_LABELS

    table = Table(title=f"题目分析:{stats.candidates} 名考生,Cronbach α = {_fmt(stats.alpha)}")
    for name in ("题", "题型", "难度(得分率)", "区分度(27%)", "点二列相关", "评分者一致性 QWK/ICC", "问题"):
        table.add_column(name)
    for item in stats.items:
        agreement = f"{_fmt(item.rater_qwk)}/{_fmt(item.rater_icc)}" if item.kind == "open" else ""
        table.add_row(str(item.position), KIND_LABELS.get(item.kind, item.kind), _fmt(item.mean_share, "{:.0%}"), _fmt(item.discrimination),
                      _fmt(item.point_biserial), agreement, ";".join(item.flag_labels))
    console.print(table)
