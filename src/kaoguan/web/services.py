"""The one service layer the pages and the REST API share.

Nothing here stores or scores anything itself: it holds the store's `Library`, the interview
service `Interviews`, the scorer (for practice mode) and the import job registry, created once
per application and reached from a request through `services(request)`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request

from kaoguan.bank.model import Bank
from kaoguan.interview import Interviews
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
    _scorer_lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def open(cls, db_url: str | None = None, scorer: Any = None) -> "Services":
        db = Database(db_url)
        db.upgrade()
        library = Library(db)
        interviews = Interviews(db, scorer=scorer)
        jobs = ImportJobs(importer=_import_bytes, saver=lambda bank: library.save_bank(bank).bank_id)
        return cls(db=db, library=library, interviews=interviews, jobs=jobs, _scorer=scorer)

    @property
    def scorer(self):
        """The open-answer scorer, loaded on first use (its models take a moment to load)."""
        with self._scorer_lock:
            if self._scorer is None:
                from kaoguan.score import Scorer

                self._scorer = Scorer()
            return self._scorer

    def close(self) -> None:
        self.jobs.shutdown()
        self.db.dispose()


def services(request: Request) -> Services:
    return request.app.state.services
