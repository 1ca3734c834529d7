"""The scoring worker: a separate, lower-priority process that scores submitted answers.

The scorer is CPU-bound Python and ONNX work. Run on a thread inside the web server it competes
with the requests for the interpreter lock and the cores, and candidates' autosaves slow from
tens of milliseconds to seconds while papers are being scored (bench/load.py measures both).
In its own process, pinned to one CPU (and at a lower priority on PostgreSQL), it leaves the
server the rest of the machine.

The database is the queue: `submit` stores every answer with its score `pending` before any
scoring starts. The worker scores pending answers oldest first, each committed on its own; when
none are left it sleeps until woken (a submit) or until the next poll. A crash — of the scorer
(recorded as `error`, retried every few minutes) or of the whole worker process (the answer
stays `pending`) — loses nothing: the supervisor thread starts a new worker, which picks up
where the old one stopped. Every attempt is counted before it starts; after MAX_ATTEMPTS the
worker stops trying an answer and the scoring sheet says why (interviewers can still retry). A worker whose server has gone away stops by itself.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time

log = logging.getLogger(__name__)

BATCH = 20  # answers per database query; each is still scored and committed on its own
POLL_SECONDS = 5.0  # picks up answers submitted by another server sharing the database
RETRY_FAILED_SECONDS = 300.0  # how often answers whose scoring failed are tried again
NICENESS = 10  # below the web server: requests first, scoring with what is left (PostgreSQL only)
RESTART_PAUSE = 5.0  # between a worker crash and its replacement (a crash loop must not spin)
MAX_ATTEMPTS = 3  # an answer the worker has failed on (or died on) this often is left to the interviewers


class ScoringWorker:
    """Start, wake and stop the worker process; restart it when it dies."""

    def __init__(self, db_url: str, scorer_mode: str | None = None, poll_seconds: float = POLL_SECONDS) -> None:
        self._context = multiprocessing.get_context("spawn")  # fork is unsafe in a threaded server
        self._db_url = db_url
        self._scorer_mode = scorer_mode
        self._poll_seconds = poll_seconds
        # A semaphore and a raw flag, not multiprocessing.Event: an Event's condition variable
        # is left broken when a waiting process is killed, and the next set() hangs forever.
        self._wake = self._context.Semaphore(0)
        self._stop_flag = self._context.RawValue("b", 0)
        self._stopping = threading.Event()
        self._process: multiprocessing.process.BaseProcess | None = None
        self._supervisor: threading.Thread | None = None
        self.restarts = 0

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def start(self) -> None:
        self._spawn()
        self._supervisor = threading.Thread(target=self._supervise, name="kaoguan-score-supervisor", daemon=True)
        self._supervisor.start()

    def wake(self) -> None:
        """Something was submitted: score it now rather than at the next poll."""
        self._wake.release()

    def stop(self, timeout: float = 30.0) -> None:
        """Ask the worker to finish the answer in hand and exit; answers not reached stay pending."""
        self._stopping.set()
        self._stop_flag.value = 1
        self._wake.release()
        if self._supervisor is not None:
            self._supervisor.join(timeout=5)
        process = self._process
        if process is not None:
            process.join(timeout)
            if process.is_alive():
                process.terminate()
                process.join(5)

    def _spawn(self) -> None:
        self._process = self._context.Process(
            target=run_worker, name="kaoguan-score-worker", daemon=True,
            args=(self._db_url, self._scorer_mode, self._wake, self._stop_flag, self._poll_seconds, os.getpid()))
        self._process.start()

    def _supervise(self) -> None:
        while not self._stopping.wait(1.0):
            if self._process is not None and not self._process.is_alive():
                log.warning("scoring worker %s exited with %s; starting a new one",
                            self._process.pid, self._process.exitcode)
                if self._stopping.wait(RESTART_PAUSE):
                    return
                self.restarts += 1
                self._spawn()


def _leave_room_for_requests(dialect: str) -> None:
    """Keep the scorer's CPU use away from the web server's requests.

    The worker runs on one CPU only (the scorer's ONNX threads included), so on a machine with
    two or more the server always keeps a core. A lower priority is added on PostgreSQL only:
    on SQLite the worker takes the database's single write lock to record each score, and a
    low-priority process descheduled while holding it would stall every autosave behind it
    (measured with bench/load.py: autosave p50 13 ms at equal priority, 900 ms at nice 10).
    """
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    if len(cpus) > 1:
        os.sched_setaffinity(0, {cpus[-1]})
    if dialect != "sqlite":
        try:
            os.nice(NICENESS)
        except OSError:
            pass


def next_answers(interviews, retry_failed: bool) -> list[int]:
    """The next answers to score. Answers the worker died on MAX_ATTEMPTS times are marked failed
    first, so one poisonous answer cannot crash every new worker and starve the queue."""
    interviews.give_up_on_unfinished_scoring(MAX_ATTEMPTS)
    return interviews.pending_answer_ids(limit=BATCH, include_failed=retry_failed, max_attempts=MAX_ATTEMPTS)


def run_worker(db_url: str, scorer_mode: str | None, wake, stop_flag, poll_seconds: float, parent_pid: int) -> None:
    """The worker process's main loop (module level, so `spawn` can import it)."""
    from kaoguan.interview.service import Interviews
    from kaoguan.score import Scorer
    from kaoguan.store import Database

    db = Database(db_url)
    _leave_room_for_requests(db.dialect)
    interviews = Interviews(db, scorer=Scorer(scorer_mode))
    last_retry = float("-inf")
    try:
        while not stop_flag.value and os.getppid() == parent_pid:
            retry_failed = time.monotonic() - last_retry > RETRY_FAILED_SECONDS
            if retry_failed:
                last_retry = time.monotonic()
            answer_ids = next_answers(interviews, retry_failed)
            if answer_ids:
                for answer_id in answer_ids:
                    if stop_flag.value:
                        break
                    interviews.score_answers([answer_id])
                continue
            if wake.acquire(timeout=poll_seconds):
                while wake.acquire(block=False):  # many submits while busy: one wake-up is enough
                    pass
    finally:
        db.dispose()
