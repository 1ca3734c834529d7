"""Plain return values of the library service (pydantic, detached from any SQL session).

The web pages, the REST API and the CLI all receive these; no ORM object ever leaves the store.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SavedBank(_View):
    """Result of saving a bank: where it went and whether anything new was created."""

    bank_id: int
    version: int
    created: bool  # False when the very same content was already stored (same content hash)
    content_hash: str


class BankSummary(_View):
    bank_id: int
    title: str
    source: str | None
    current_version: int
    version_count: int
    question_count: int
    total_points: float
    tags: list[str]
    deleted: bool
    created_at: datetime
    updated_at: datetime


class BankVersionInfo(_View):
    bank_id: int
    version: int
    content_hash: str
    title: str
    question_count: int
    note: str | None
    created_at: datetime


class QuestionRef(_View):
    """Names one question of one stored bank version; `version=None` means the current one."""

    bank_id: int
    question_id: str
    version: int | None = None


class QuestionHit(_View):
    """One question found by `Library.search` or listed by `Library.questions` (current versions)."""

    bank_id: int
    bank_title: str
    version: int
    section_index: int  # 1-based, as in Bank JSON warnings
    section_title: str
    category: str | None
    question_id: str
    number: int | None
    kind: str
    label: str | None
    prompt: str
    points: float | None
    key_point_count: int
    tags: list[str]
    relevance: float = 0.0  # search only: higher is better; 0 when browsing


class DuplicatePair(_View):
    """Two questions from different banks that say almost the same thing."""

    a: QuestionHit
    b: QuestionHit
    similarity: float  # 0..1
    decision: Literal["keep_both", "merged"] | None = None
