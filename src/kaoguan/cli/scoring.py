"""`kaoguan score` and `kaoguan practice`."""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Optional, TextIO

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text

from kaoguan.bank.model import Bank, Question, Section
from kaoguan.cli.app import app
from kaoguan.score.model import Answer, Score

BATCH = 16  # answers encoded together: large enough to batch the models, small enough for a lively progress bar


def _load_bank(path: Path, err: Console) -> Bank:
    """A Bank JSON file, or any document the importer can read."""
    from kaoguan.bank import BankFormatError, load_bank

    try:
        return load_bank(path)
    except BankFormatError as exc:
        if path.suffix.lower() == ".json":
            err.print(f"[red]错误[/red] {exc}", highlight=False)
            raise typer.Exit(2) from exc
    except FileNotFoundError as exc:
        err.print(f"[red]错误[/red] {path}: no such file", highlight=False)
        raise typer.Exit(2) from exc
    try:
        from kaoguan.ingest import DocumentError, import_path
    except ImportError as exc:  # the importer is optional for `score`
        err.print(f"[red]错误[/red] {path}: not a Bank JSON file and no importer is available", highlight=False)
        raise typer.Exit(2) from exc
    try:
        return import_path(path)
    except DocumentError as exc:
        err.print(f"[red]错误[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc


def read_answers(lines: TextIO, bank: Bank, err: Console) -> Iterator[tuple[int, Answer, Question, Section]]:
    """Valid answers with their line numbers; each bad line is reported on stderr and skipped."""
    sections = {question.id: (section, question) for section, question in bank.questions()}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            answer = Answer.model_validate_json(line)
        except ValidationError as exc:
            problem = exc.errors()[0]
            where = ".".join(str(p) for p in problem["loc"]) or "line"
            kind = "not valid JSON" if problem["type"] == "json_invalid" else f"{where}: {problem['msg']}"
            err.print(f"[yellow]跳过[/yellow] line {number}: {kind}", highlight=False)
            continue
        if answer.question_id not in sections:
            err.print(f"[yellow]跳过[/yellow] line {number}: unknown question id {answer.question_id!r}", highlight=False)
            continue
        section, question = sections[answer.question_id]
        yield number, answer, question, section


def _batches(items: Iterator, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@app.command("score")
def score_command(
    bank_path: Annotated[Path, typer.Option("--bank", help="Bank JSON file (or a document the importer reads).")],
    answers_path: Annotated[Path, typer.Option("--answers", help="Answers, JSON Lines: {answer_id, question_id, text}. '-' for stdin.")],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write Score JSON Lines here instead of stdout.")] = None,
    mode: Annotated[str, typer.Option("--mode", help="accurate (e5 + USE) or fast (USE only). Default: $KAOGUAN_SCORE_MODE or accurate.")] = "",
    partial_credit: Annotated[bool, typer.Option("--partial-credit", help="Multiple choice: partial credit when only correct options are chosen.")] = False,
) -> None:
    """Score answers offline: one Score JSON line per answer, in input order; bad lines are reported and skipped."""
    from kaoguan.score import MODES, Scorer

    err = Console(stderr=True)
    if mode and mode not in MODES:
        err.print(f"[red]错误[/red] --mode must be one of {', '.join(MODES)}, not {mode!r}", highlight=False)
        raise typer.Exit(2)
    bank = _load_bank(bank_path, err)
    scorer = Scorer(mode=mode or None, partial_credit=partial_credit)
    try:
        source = sys.stdin if str(answers_path) == "-" else answers_path.open(encoding="utf-8")
    except OSError as exc:
        err.print(f"[red]错误[/red] {answers_path}: {exc.strerror}", highlight=False)
        raise typer.Exit(2) from exc
    with source:
        lines = source.readlines()
    sink = output.open("w", encoding="utf-8") if output else sys.stdout
    written = 0
    try:
        with Progress(
            TextColumn("评分中"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            console=err, disable=not err.is_terminal, transient=True,
        ) as progress:
            task = progress.add_task("score", total=sum(1 for line in lines if line.strip()))
            for batch in _batches(read_answers(iter(lines), bank, err), BATCH):
                scores = scorer.score_many([(q, a.text, a.answer_id, s.category) for _, a, q, s in batch])
                for score in scores:
                    sink.write(score.model_dump_json() + "\n")
                written += len(scores)
                progress.update(task, completed=batch[-1][0])
    finally:
        if output:
            sink.close()
    err.print(f"已评分 {written} 条", highlight=False)


# -- practice -----------------------------------------------------------------------------


def _pick_questions(bank: Bank, section: int | None, count: int | None, seed: int | None) -> list[tuple[Section, Question]]:
    pairs = list(bank.questions())
    if section is not None:
        if not 1 <= section <= len(bank.sections):
            raise typer.BadParameter(f"the bank has {len(bank.sections)} sections; --section must be 1–{len(bank.sections)}")
        pairs = [(bank.sections[section - 1], q) for q in bank.sections[section - 1].questions]
    pairs = [(s, q) for s, q in pairs if q.prompt.strip()]
    if count is not None and count < len(pairs):
        pairs = random.Random(seed).sample(pairs, count)
    return pairs


def _ask(console: Console, question: Question, index: int, total: int) -> str | None:
    """Show one question and read a multi-line answer ending with an empty line or Ctrl-D (None = end of input)."""
    title = f"第 {index}/{total} 题" + (f" · {question.points:g}分" if question.points else "")
    body = question.prompt
    if question.options:
        body += "\n" + "\n".join(f"  {letter}. {text}" for letter, text in question.options.items())
    console.print(Panel(body, title=title, title_align="left"))
    console.print("[dim]请输入你的回答（空行结束，Ctrl-D 退出）：[/dim]")
    lines: list[str] = []
    while True:
        line = sys.stdin.readline()
        if line == "":
            return "\n".join(lines) if lines else None
        if not line.strip():
            if lines:
                return "\n".join(lines)
            continue
        lines.append(line.rstrip("\n"))


def render_score(score: Score, console: Console, answer_text: str) -> None:
    """Score, the answer with its evidence highlighted, and the feedback."""
    colour = "green" if score.score >= 0.7 * score.max_score else "yellow" if score.score >= 0.4 * score.max_score else "red"
    console.print(Text(f"得分：{score.score:g} / {score.max_score:g}", style=f"bold {colour}"))
    if score.key_points or score.red_flags:
        highlighted = Text(answer_text)
        for coverage in score.key_points:
            if coverage.evidence:
                highlighted.highlight_words([coverage.evidence], style="green" if coverage.coverage == 1 else "yellow")
        for flag in score.red_flags:
            highlighted.highlight_words([flag.evidence], style="bold red")
        console.print(Panel(highlighted, title="你的回答（绿色=覆盖要点，黄色=部分覆盖，红色=红线）", title_align="left"))
    # soft_wrap: let the terminal fold long Chinese lines; Rich's word wrap would push a whole
    # unspaced Chinese sentence onto the next line after a marker such as "✗ ".
    console.print(score.feedback, highlight=False, soft_wrap=True)


@app.command("practice")
def practice_command(
    bank_path: Annotated[Path, typer.Argument(metavar="BANK", help="Bank JSON file, or a document the importer reads.")],
    section: Annotated[Optional[int], typer.Option("--section", help="Only questions of this section (1-based).")] = None,
    count: Annotated[Optional[int], typer.Option("--count", min=1, help="Ask this many questions, picked at random.")] = None,
    mode: Annotated[str, typer.Option("--mode", help="accurate or fast.")] = "",
    seed: Annotated[Optional[int], typer.Option("--seed", help="Random seed for picking questions (repeatable sessions).")] = None,
) -> None:
    """A mock interview in the terminal: questions one by one, scored with feedback, and a summary at the end."""
    from kaoguan.score import Scorer

    console = Console(highlight=False)
    err = Console(stderr=True)
    bank = _load_bank(bank_path, err)
    pairs = _pick_questions(bank, section, count, seed)
    if not pairs:
        err.print("[red]错误[/red] no questions to ask", highlight=False)
        raise typer.Exit(1)
    scorer = Scorer(mode=mode or None)
    console.print(Panel(f"{bank.title}\n共 {len(pairs)} 题。每题回答完按一次回车（空行）提交。", title="模拟面试"))
    results: list[tuple[Question, Score]] = []
    for index, (sec, question) in enumerate(pairs, start=1):
        answer = _ask(console, question, index, len(pairs))
        if answer is None:
            console.print("[dim]输入结束，提前结束面试。[/dim]")
            break
        score = scorer.score(question, answer, answer_id=f"practice-{index}", category=sec.category)
        render_score(score, console, answer)
        results.append((question, score))
    _summary(console, results)


def _summary(console: Console, results: list[tuple[Question, Score]]) -> None:
    if not results:
        return
    total = sum(s.score for _, s in results)
    possible = sum(s.max_score for _, s in results)
    flags = sum(len(s.red_flags) for _, s in results)
    lines = [f"第{n}题：{s.score:g}/{s.max_score:g}" for n, (_, s) in enumerate(results, start=1)]
    lines.append(f"合计：{total:g}/{possible:g}（{(total / possible * 100) if possible else 0:.0f}%）")
    if flags:
        lines.append(f"红线问题 {flags} 处，务必改正。")
    console.print(Panel("\n".join(lines), title="面试小结", title_align="left"))
