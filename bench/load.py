"""Load and fault check: N concurrent candidates take one paper against a real server on loopback.

    .venv/bin/python bench/load.py [--candidates 200] [--db URL | --postgres] [--kill-at SECONDS]
                                   [--rounds 10] [--interval 3] [--scoring background|thread|off]

The server runs as a SUBPROCESS (uvicorn over `create_app`) on 127.0.0.1 and a free port. The
paper and the invitations are created through the service layer before it starts, so no login is
needed; the candidates then use only their own token routes: open the session, autosave an answer
every few seconds (text with emoji, RTL marks, zero-width joiners and CRLF), and submit.

Submitted papers are scored as `kaoguan serve` does it: by the scoring worker process
(`--scoring background`). `--scoring thread` scores on a thread inside the server instead (to
compare), `--scoring off` leaves them pending. The server process (and its worker) log to
kaoguan-load-server.log in the temporary directory.

`--kill-at S` SIGKILLs the server S seconds into the run and starts it again; the clients retry
until it answers and check that the session they reopen shows exactly what they had saved.

After the run the database itself is read: every answer typed must be stored exactly once, with
exactly the typed text. The last line is `answers typed T, stored S, lost L`. Prints figures;
asserts nothing (exit status 1 when anything was lost or any request failed for good).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# Text a real candidate might type: CJK, emoji with joiners, an RTL mark, CRLF line ends.
CHUNKS = ("我会先安抚客户的情绪,", "然后核实身份信息。", "👩‍💻处理完毕 ", "\u200f مرحبا \u200e", "\r\n第二点:",
          "跟进回访😊", "<b>不是标签</b> & 符号", "  空格  ")
RETRY_PAUSE = 0.3  # seconds between attempts while the server is unreachable
GIVE_UP_AFTER = 120.0  # a request still failing after this long is counted as an error


# ------------------------------------------------------------------ the server subprocess


def serve(db_url: str, port: int, scoring: str) -> None:
    """Run inside the subprocess: the app on 127.0.0.1:port. `scoring=off` leaves submitted
    answers pending (scored later from the sheet), so the model's cost is kept out of the figures."""
    import uvicorn

    from kaoguan.web import create_app

    app = create_app(db_url)
    services = app.state.services
    if scoring == "off":
        services.score_in_background = lambda session_id: None
    elif scoring == "thread":
        services.resume_scoring()  # on a thread of the server process (what tests and create_app do)
    else:
        # As `kaoguan serve` does, minus loading the practice scorer into this process (practice is
        # not part of the load, and the load would otherwise start while the models load).
        services.start_scoring_worker()  # a separate, lower-priority process
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", backlog=4096)


SERVER_LOG = Path(tempfile.gettempdir()) / "kaoguan-load-server.log"


def start_server(db_url: str, port: int, scoring: str) -> subprocess.Popen:
    # The server's output goes to a file: an unread pipe would fill up and stall the server.
    with SERVER_LOG.open("ab") as log:
        return subprocess.Popen([sys.executable, __file__, "--serve", str(port), "--db", db_url, "--scoring", scoring],
                                cwd=REPO, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def wait_until_up(port: int, process: subprocess.Popen, timeout: float = 120.0) -> float:
    """Seconds until the server answers HTTP; fails when the process dies first."""
    import httpx

    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode}; see {SERVER_LOG}:\n"
                             f"{SERVER_LOG.read_text(errors='replace')[-2000:]}")
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/v1/take/not-a-token", timeout=2.0)
            return time.perf_counter() - start
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit(f"server did not answer on port {port} within {timeout:.0f} s")


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# ------------------------------------------------------------------ seeding through the service layer


def seed(db_url: str, candidates: int, questions: int) -> tuple[int, list[tuple[int, str]]]:
    """A paper of the first `questions` open questions of the JD seed, and one invitation per candidate.
    Returns the paper id and (session id, token) pairs."""
    from kaoguan.ingest import import_path
    from kaoguan.interview import Interviews, PaperSpec
    from kaoguan.interview.views import QuestionPick
    from kaoguan.store import Database, Library
    from tests.conftest import JD_SEED

    db = Database(db_url)
    db.upgrade()
    try:
        saved = Library(db).save_bank(import_path(JD_SEED))
        bank = Library(db).get_bank(saved.bank_id, saved.version)
        picks = [QuestionPick(bank_id=saved.bank_id, question_id=q.id) for _, q in bank.questions()
                 if q.kind == "open"][:questions]
        interviews = Interviews(db)
        paper = interviews.assemble_paper(PaperSpec(title=f"压力测试试卷 {time.strftime('%H:%M:%S')}", picks=picks))
        invitations = [interviews.invite_candidate(paper.paper_id, f"候选人{n:03d}", f"load{n:03d}.{paper.paper_id}@example.com")
                       for n in range(1, candidates + 1)]
        return paper.paper_id, [(i.session_id, i.token) for i in invitations]
    finally:
        db.dispose()


# ------------------------------------------------------------------ the candidates


@dataclass
class Figures:
    autosave_ms: list[float] = field(default_factory=list)  # answered on the first attempt
    outage_ms: list[float] = field(default_factory=list)  # had to be retried (server down or restarting)
    requests: int = 0
    errors: Counter = field(default_factory=Counter)  # requests that failed for good, by reason
    retried: int = 0  # attempts that failed and were repeated (expected while the server restarts)
    resume_checks: int = 0
    resume_mismatches: int = 0
    submitted: int = 0


@dataclass
class Candidate:
    session_id: int
    token: str
    typed: dict[int, str] = field(default_factory=dict)  # position → full text as last typed
    revisions: dict[int, int] = field(default_factory=dict)
    acknowledged: dict[int, str] = field(default_factory=dict)  # what the server confirmed storing
    saw_outage: bool = False


class GaveUp(Exception):
    pass


async def call(client, figures: Figures, candidate: Candidate, method: str, url: str, **kwargs):
    """One request, repeated while the server is unreachable or restarting (5xx or connection errors)."""
    import httpx

    started = time.monotonic()
    for attempt in itertools.count(1):
        figures.requests += 1
        try:
            response = await client.request(method, url, **kwargs)
            if response.status_code < 500:
                return response, attempt
            reason = f"HTTP {response.status_code}"
        except httpx.TransportError as exc:
            reason = type(exc).__name__
            candidate.saw_outage = True
        if time.monotonic() - started > GIVE_UP_AFTER:
            figures.errors[f"{method} gave up: {reason}"] += 1
            raise GaveUp(reason)
        figures.retried += 1
        await asyncio.sleep(RETRY_PAUSE * (0.5 + random.random()))


async def resume(client, figures: Figures, candidate: Candidate) -> None:
    """After an outage the candidate reopens the page: it must show exactly what was saved."""
    response, _ = await call(client, figures, candidate, "GET", f"/api/v1/take/{candidate.token}")
    if response.status_code != 200:
        figures.errors[f"reopen HTTP {response.status_code}"] += 1
        return
    saved = {q["position"]: q["saved_text"] for q in response.json()["questions"]}
    for position, text in candidate.acknowledged.items():
        figures.resume_checks += 1
        figures.resume_mismatches += saved.get(position) != text
    candidate.saw_outage = False


async def autosave(client, figures: Figures, candidate: Candidate, position: int) -> None:
    revision = candidate.revisions.get(position, 0) + 1
    candidate.revisions[position] = revision
    text = candidate.typed[position]
    started = time.perf_counter()
    response, attempts = await call(client, figures, candidate, "PUT",
                                    f"/api/v1/take/{candidate.token}/answers/{position}",
                                    json={"text": text, "revision": revision})
    (figures.autosave_ms if attempts == 1 else figures.outage_ms).append((time.perf_counter() - started) * 1000)
    if response.status_code == 200 and response.json()["accepted"]:
        candidate.acknowledged[position] = text
    elif response.status_code == 200 and response.json()["revision"] >= revision:
        candidate.acknowledged[position] = text  # a retry of a save the server had already applied
    else:
        figures.errors[f"autosave HTTP {response.status_code}"] += 1


async def take_paper(client, figures: Figures, candidate: Candidate, rounds: int, interval: float) -> None:
    rng = random.Random(candidate.session_id)
    await asyncio.sleep(rng.uniform(0, interval))  # candidates do not all start in the same instant
    response, _ = await call(client, figures, candidate, "GET", f"/api/v1/take/{candidate.token}")
    if response.status_code != 200:
        figures.errors[f"open HTTP {response.status_code}"] += 1
        return
    positions = [q["position"] for q in response.json()["questions"]]
    for round_number in range(rng.randint(max(1, rounds // 2), rounds)):
        position = positions[round_number % len(positions)]
        candidate.typed[position] = candidate.typed.get(position, "") + rng.choice(CHUNKS) + str(round_number)
        await autosave(client, figures, candidate, position)
        if candidate.saw_outage:
            await resume(client, figures, candidate)
        await asyncio.sleep(interval * rng.uniform(0.7, 1.3))
    response, _ = await call(client, figures, candidate, "POST", f"/api/v1/take/{candidate.token}/submit")
    resent_after_outage = response.status_code == 410 and response.json().get("reason") == "submitted"
    if response.status_code == 200 or resent_after_outage:
        figures.submitted += 1
    else:
        figures.errors[f"submit HTTP {response.status_code}"] += 1


async def drive(port: int, sessions: list[tuple[int, str]], rounds: int, interval: float) -> tuple[Figures, list[Candidate], float]:
    import httpx

    figures = Figures()
    candidates = [Candidate(session_id, token) for session_id, token in sessions]
    limits = httpx.Limits(max_connections=len(candidates), max_keepalive_connections=len(candidates))
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", limits=limits, timeout=30.0) as client:
        started = time.perf_counter()
        outcomes = await asyncio.gather(*(take_paper(client, figures, c, rounds, interval) for c in candidates),
                                        return_exceptions=True)
        elapsed = time.perf_counter() - started
    for outcome in outcomes:
        if isinstance(outcome, Exception) and not isinstance(outcome, GaveUp):
            figures.errors[f"client {type(outcome).__name__}: {outcome}"] += 1
    return figures, candidates, elapsed


async def kill_and_restart(delay: float, server: dict, db_url: str, port: int, scoring: str) -> None:
    await asyncio.sleep(delay)
    old = server["process"]
    os.killpg(old.pid, signal.SIGKILL)  # no shutdown handlers, no flushing: a power cut for the app
    old.wait()
    print(f"[{delay:.1f} s] server killed (SIGKILL pid {old.pid}); restarting", flush=True)
    server["process"] = start_server(db_url, port, scoring)
    up = await asyncio.to_thread(wait_until_up, port, server["process"])
    print(f"[{delay + up:.1f} s] server answering again after {up:.1f} s", flush=True)


# ------------------------------------------------------------------ checking the database


def check_stored(db_url: str, candidates: list[Candidate]) -> dict:
    """Read every answer row of these sessions: each typed answer must be there once, verbatim."""
    from sqlalchemy import select

    from kaoguan.store import Database
    from kaoguan.store.schema import AnswerRow, AutoScoreRow, SessionRow

    db = Database(db_url)
    try:
        with db.reading() as session:
            ids = [c.session_id for c in candidates]
            rows = session.execute(select(AnswerRow.session_id, AnswerRow.position, AnswerRow.text)
                                   .where(AnswerRow.session_id.in_(ids))).all()
            statuses = Counter(session.scalars(select(SessionRow.status).where(SessionRow.id.in_(ids))))
            scores = Counter(session.scalars(select(AutoScoreRow.status).join(AnswerRow, AnswerRow.id == AutoScoreRow.answer_id)
                                             .where(AnswerRow.session_id.in_(ids))))
    finally:
        db.dispose()
    stored: dict[tuple[int, int], list[str]] = {}
    for session_id, position, text in rows:
        stored.setdefault((session_id, position), []).append(text)
    typed = {(c.session_id, p): t for c in candidates for p, t in c.typed.items()}
    exact = sum(1 for key, text in typed.items() if stored.get(key) == [text])
    duplicated = sum(1 for texts in stored.values() if len(texts) > 1)
    return {"typed": len(typed), "stored": exact, "lost": len(typed) - exact, "duplicated": duplicated,
            "sessions": dict(statuses), "scores": dict(scores)}


def wait_for_scoring(db_url: str, session_ids: list[int], limit: float) -> None:
    """Let the server's background worker finish scoring (up to `limit` seconds) and say how far it got."""
    from sqlalchemy import func, select

    from kaoguan.store import Database
    from kaoguan.store.schema import AnswerRow, AutoScoreRow

    db = Database(db_url)
    started = time.perf_counter()
    try:
        while True:
            with db.reading() as session:
                counts = dict(session.execute(
                    select(AutoScoreRow.status, func.count()).join(AnswerRow, AnswerRow.id == AutoScoreRow.answer_id)
                    .where(AnswerRow.session_id.in_(session_ids)).group_by(AutoScoreRow.status)).all())
            waited = time.perf_counter() - started
            if not counts.get("pending") or waited > limit:
                break
            time.sleep(1.0)
    finally:
        db.dispose()
    print(f"background scoring {waited:.0f} s after the last submit: {counts}", flush=True)


# ------------------------------------------------------------------ reporting


def percentile(samples: list[float], share: float) -> float:
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def report(figures: Figures, elapsed: float, stored: dict, label: str) -> None:
    ms = figures.autosave_ms
    print(f"database: {label}")
    print(f"requests {figures.requests} in {elapsed:.1f} s: {figures.requests / elapsed:.1f} req/s "
          f"(retried during outages: {figures.retried})")
    print(f"autosave latency ms: p50 {percentile(ms, 0.50):.1f}  p95 {percentile(ms, 0.95):.1f}  "
          f"p99 {percentile(ms, 0.99):.1f}  max {max(ms, default=float('nan')):.1f}  (n={len(ms)})")
    if figures.outage_ms:
        print(f"autosaves that waited out the restart: {len(figures.outage_ms)}, "
              f"longest {max(figures.outage_ms) / 1000:.1f} s")
    print(f"errors: {sum(figures.errors.values())}" + "".join(f"\n  {n} × {reason}" for reason, n in figures.errors.items()))
    print(f"submitted {figures.submitted}; sessions by status {stored['sessions']}; scores by status {stored['scores']}")
    if figures.resume_checks:
        print(f"reopened after outage: {figures.resume_checks} saved answers checked, {figures.resume_mismatches} differed")
    print(f"duplicate answer rows: {stored['duplicated']}")
    print(f"answers typed {stored['typed']}, stored {stored['stored']}, lost {stored['lost']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", type=int, default=200)
    parser.add_argument("--db", default=None, help="database URL (default: a temporary SQLite file)")
    parser.add_argument("--postgres", action="store_true", help="start a throwaway PostgreSQL server and use it")
    parser.add_argument("--questions", type=int, default=5, help="open questions on the paper")
    parser.add_argument("--rounds", type=int, default=10, help="autosaves per candidate (each does rounds/2..rounds)")
    parser.add_argument("--interval", type=float, default=3.0, help="seconds between one candidate's autosaves")
    parser.add_argument("--kill-at", type=float, default=None, help="SIGKILL the server this many seconds in, then restart")
    parser.add_argument("--scoring", choices=["background", "thread", "off"], default="background",
                        help="score submitted papers in the server's worker process (as `kaoguan serve`), "
                             "on a thread inside the server, or not at all (left pending)")
    parser.add_argument("--score-wait", type=float, default=60.0,
                        help="seconds to let background scoring finish before stopping the server")
    parser.add_argument("--serve", type=int, default=None, help=argparse.SUPPRESS)  # internal: be the server
    args = parser.parse_args()
    if args.serve is not None:
        serve(args.db, args.serve, args.scoring)
        return 0
    with tempfile.TemporaryDirectory(prefix="kaoguan-load-") as scratch:
        pg = None
        if args.postgres:
            from kaoguan.store.pgserver import PostgresServer

            pg_dir = Path(tempfile.mkdtemp(prefix="kaoguan-load-pg-"))  # handed to the postgres user as a whole
            pg = PostgresServer.create(pg_dir)
            pg.start()
            db_url = pg.create_database("kaoguan_load")
        else:
            db_url = args.db or f"sqlite:///{Path(scratch) / 'load.db'}"
        try:
            return run(args, db_url)
        finally:
            if pg is not None:
                pg.stop()
                shutil.rmtree(pg_dir, ignore_errors=True)


def run(args, db_url: str) -> int:
    from kaoguan.store.pgserver import free_port

    seeding = time.perf_counter()
    _, sessions = seed(db_url, args.candidates, args.questions)
    print(f"seeded a paper of {args.questions} questions and {len(sessions)} invitations in {time.perf_counter() - seeding:.1f} s")
    port = free_port()
    server = {"process": start_server(db_url, port, args.scoring)}
    print(f"server up on 127.0.0.1:{port} after {wait_until_up(port, server['process']):.1f} s (scoring: {args.scoring})", flush=True)

    async def everything():
        killer = None
        if args.kill_at is not None:
            killer = asyncio.create_task(kill_and_restart(args.kill_at, server, db_url, port, args.scoring))
        result = await drive(port, sessions, args.rounds, args.interval)
        if killer is not None:
            await killer
        return result

    try:
        figures, candidates, elapsed = asyncio.run(everything())
        if args.scoring != "off":
            wait_for_scoring(db_url, [c.session_id for c in candidates], args.score_wait)
    finally:
        stop_server(server["process"])
    stored = check_stored(db_url, candidates)
    label = db_url.split("@")[-1] if db_url.startswith("postgresql") else db_url
    report(figures, elapsed, stored, label)
    return 1 if stored["lost"] or sum(figures.errors.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
