"""Background imports with a live status the upload page polls.

Importing a large Word or PDF file can take seconds, so the request that receives the upload
only queues a job and answers at once; one worker thread parses and stores the documents in
order (one writer, as the store expects), and `/api/v1/imports/{job_id}` reports progress.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Literal

JobState = Literal["queued", "running", "done", "failed"]

# The steps of one import, with the share of the bar each one completes. Parsing is one call
# into the importer, so the bar moves per step rather than per page.
STEPS: dict[str, float] = {"queued": 0.0, "reading": 0.1, "parsing": 0.3, "storing": 0.8, "done": 1.0}
STEP_LABELS = {"queued": "排队中", "reading": "读取文件", "parsing": "解析题目", "storing": "保存题库", "done": "完成", "failed": "失败"}


@dataclass
class ImportJob:
    id: str
    filename: str
    size: int
    state: JobState = "queued"
    step: str = "queued"
    progress: float = 0.0
    error: str | None = None
    bank_id: Any = None
    created: bool | None = None  # False: the same content was already stored, nothing new was saved
    bank_title: str | None = None
    question_count: int | None = None
    warnings: list[dict] = field(default_factory=list)
    created_at: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat())

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "filename": self.filename,
            "size": self.size,
            "state": self.state,
            "step": self.step,
            "step_label": STEP_LABELS.get(self.step, self.step),
            "progress": self.progress,
            "error": self.error,
            "bank_id": self.bank_id,
            "created": self.created,
            "bank_title": self.bank_title,
            "question_count": self.question_count,
            "warnings": self.warnings,
            "created_at": self.created_at,
        }


# `importer(data, filename) -> Bank`; `saver(bank) -> (bank_id, created)`.
Importer = Callable[[bytes, str], Any]
Saver = Callable[[Any], Any]


class ImportJobs:
    """The registry of import jobs of one application; jobs live in memory only, the banks
    they produce are stored in the database as soon as they are parsed."""

    def __init__(self, importer: Importer, saver: Saver, keep: int = 200) -> None:
        self._importer = importer
        self._saver = saver
        self._keep = keep
        self._jobs: dict[str, ImportJob] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kaoguan-import")

    def submit(self, data: bytes, filename: str, on_saved: Callable[[ImportJob], None] | None = None) -> ImportJob:
        """Queue an import; `on_saved(job)` runs in the worker once the bank is stored (the web app
        gives the bank to the uploader's team there)."""
        job = ImportJob(id=uuid.uuid4().hex, filename=filename, size=len(data))
        with self._lock:
            self._jobs[job.id] = job
            self._forget_oldest()
        self._pool.submit(self._run, job, data, on_saved)
        return job

    def get(self, job_id: str) -> ImportJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def all(self) -> list[ImportJob]:
        with self._lock:
            return list(self._jobs.values())

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=False)

    def _forget_oldest(self) -> None:
        finished = [j for j in self._jobs.values() if j.state in ("done", "failed")]
        while len(self._jobs) > self._keep and finished:
            self._jobs.pop(finished.pop(0).id, None)

    def _step(self, job: ImportJob, step: str) -> None:
        job.step = step
        job.progress = STEPS[step]
        if step != "queued":
            job.state = "running"

    def _run(self, job: ImportJob, data: bytes, on_saved: Callable[[ImportJob], None] | None = None) -> None:
        try:
            self._step(job, "reading")
            self._step(job, "parsing")
            bank = self._importer(data, job.filename)
            job.bank_title = bank.title
            job.question_count = bank.question_count
            job.warnings = [w.model_dump(exclude_none=True) for w in bank.warnings]
            self._step(job, "storing")
            job.bank_id, job.created = self._saver(bank)
            if on_saved is not None:
                on_saved(job)
            self._step(job, "done")
            job.state = "done"
        except Exception as error:  # noqa: BLE001 - any failure must reach the page, not a log only
            job.state = "failed"
            job.step = "failed"
            job.error = f"{job.filename}: {error}"
