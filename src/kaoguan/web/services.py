"""The one service layer the pages and the REST API share.

Nothing here stores or scores anything itself: it holds the store's `Library`, the interview
service `Interviews`, the scorer (for practice mode) and the import job registry, created once
per application and reached from a request through `services(request)`.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request

from kaoguan.bank.model import Bank
from kaoguan.interview import Interviews
from kaoguan.interview.worker import ScoringWorker
from kaoguan.store import Database, Library
from kaoguan.web.jobs import ImportJobs


def _import_bytes(data: bytes, filename: str) -> Bank:
    # Imported lazily: the importer pulls in OpenCC, jieba and the document readers.
    from kaoguan.ingest import import_bytes

    return import_bytes(data, filename)


@dataclass
class Services:
    db: Database
    library: Library
    interviews: Interviews
    jobs: ImportJobs
    _scorer: Any = None
    # One scoring thread: the scorer is CPU-bound, more threads would only slow the pages down.
    _scoring_pool: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=1, thread_name_prefix="kaoguan-score"))
    # `kaoguan serve` scores interviews in a separate process instead (see start_scoring_worker).
    _worker: ScoringWorker | None = None

    @classmethod
    def open(cls, db_url: str | None = None, scorer: Any = None) -> "Services":
        if scorer is None:
            from kaoguan.score import Scorer

            scorer = Scorer()  # cheap: its models load on first use; shared by practice and interviews
        db = Database(db_url)
        db.upgrade()
        library = Library(db)
        interviews = Interviews(db, scorer=scorer)
        def save(bank: Bank) -> tuple[int, bool]:
            saved = library.save_bank(bank)
            return saved.bank_id, saved.created

        jobs = ImportJobs(importer=_import_bytes, saver=save)
        return cls(db=db, library=library, interviews=interviews, jobs=jobs, _scorer=scorer)

    @property
    def scorer(self):
        return self._scorer

    def start_scoring_worker(self, scorer_mode: str | None = None) -> None:
        """Score submitted interviews in a separate, lower-priority process (`kaoguan.interview.worker`),
        so scoring never slows the candidates' requests; it also picks up answers a stopped or
        crashed server left unscored. Without it, scoring runs on a thread of this process."""
        from kaoguan.interview.worker import ScoringWorker

        if self._worker is None:
            self._worker = ScoringWorker(self.db.url, scorer_mode=scorer_mode)
            self._worker.start()

    def score_in_background(self, session_id: int) -> None:
        """Score a submitted session's answers without making the candidate wait; failures stay
        recorded as `error` on the sheet and are retried by its "运行自动评分" button."""
        if self._worker is not None:
            self._worker.wake()
        else:
            self._scoring_pool.submit(self.interviews.score_pending, session_id)

    def resume_scoring(self) -> None:
        """Score every answer whose scoring never finished (the server stopped or crashed while
        scoring, or the scorer failed), so a restart picks them up."""
        if self._worker is not None:
            self._worker.wake()
        else:
            self._scoring_pool.submit(self.interviews.score_pending)

    def warm_up_scorer(self) -> None:
        """Load the scorer's models in the background, so the first practice answer of a new
        user is scored in about a second instead of waiting for the models to load."""
        from kaoguan.bank.model import KeyPoint, Question

        probe = Question(id="warm-up", prompt="客户情绪激动时你会怎么做?", points=1,
                         key_points=[KeyPoint(id="k1", text="保持冷静,先安抚情绪")])
        self._scoring_pool.submit(self._scorer.score, probe, "我会先安抚客户的情绪。", "warm-up")

    def close(self) -> None:
        if self._worker is not None:
            self._worker.stop()
        self._scoring_pool.shutdown(wait=True)
        self.jobs.shutdown()
        self.db.dispose()


def services(request: Request) -> Services:
    return request.app.state.services
