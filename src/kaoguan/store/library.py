"""The bank library: save, version, browse, search and de-duplicate question banks.

Every page and API endpoint that touches banks goes through `Library`; it returns plain
`Bank` objects and the views in `kaoguan.store.views`, never ORM rows.
"""

from __future__ import annotations

from collections.abc import Iterable

from kaoguan.bank.model import Bank, KeyPoint, Question
from kaoguan.store.database import Database
from kaoguan.store.views import BankSummary, BankVersionInfo, DuplicatePair, QuestionHit, QuestionRef, SavedBank


class Library:
    def __init__(self, db: Database) -> None:
        self.db = db

    # ------------------------------------------------------------ saving and versions

    def save_bank(self, bank: Bank, tags: Iterable[str] = ()) -> SavedBank:
        """Store a bank as a new bank (version 1). Saving content that is already stored (same content
        hash, e.g. importing the same document twice) creates nothing and returns the existing version;
        `tags` are added to the bank either way."""
        raise NotImplementedError

    def update_bank(self, bank_id: int, bank: Bank, note: str | None = None) -> SavedBank:
        """Store `bank` as the next version of `bank_id`; earlier versions stay as they were."""
        raise NotImplementedError

    def edit_question(self, bank_id: int, question_id: str, note: str | None = None, **changes) -> SavedBank:
        """New version with one question's fields changed (e.g. prompt=…, points=…, kind=…)."""
        raise NotImplementedError

    def edit_key_point(self, bank_id: int, question_id: str, key_point_id: str, note: str | None = None,
                       **changes) -> SavedBank:
        """New version with one key point's fields changed (text=…, detail=…, weight=…)."""
        raise NotImplementedError

    def get_bank(self, bank_id: int, version: int | None = None) -> Bank:
        """Exactly the Bank that was saved as that version (current version by default)."""
        raise NotImplementedError

    def versions(self, bank_id: int) -> list[BankVersionInfo]:
        raise NotImplementedError

    def list_banks(self, include_deleted: bool = False, tag: str | None = None) -> list[BankSummary]:
        raise NotImplementedError

    def bank_summary(self, bank_id: int) -> BankSummary:
        raise NotImplementedError

    def delete_bank(self, bank_id: int) -> None:
        """Soft delete: hidden from lists and search; versions used by papers stay readable."""
        raise NotImplementedError

    def undelete_bank(self, bank_id: int) -> None:
        raise NotImplementedError

    def set_tags(self, bank_id: int, tags: Iterable[str]) -> list[str]:
        raise NotImplementedError

    # ------------------------------------------------------------ browsing and search

    def questions(self, bank_id: int | None = None, *, kind: str | None = None, category: str | None = None,
                  points: float | None = None, tag: str | None = None) -> list[QuestionHit]:
        """Questions of the current versions of non-deleted banks, in bank/section/question order."""
        raise NotImplementedError

    def search(self, query: str, *, kind: str | None = None, category: str | None = None,
               points: float | None = None, tag: str | None = None, bank_id: int | None = None,
               limit: int = 50) -> list[QuestionHit]:
        """Full-text search over prompts, labels and key points of all current banks. Chinese text is
        segmented into words (jieba) and looked up in a word index, so `投诉处理` finds `处理客户投诉`."""
        raise NotImplementedError

    # ------------------------------------------------------------ near-duplicates

    def near_duplicates(self, threshold: float | None = None, include_decided: bool = False) -> list[DuplicatePair]:
        """Pairs of questions from different banks that say almost the same thing, most similar first."""
        raise NotImplementedError

    def merge_duplicate(self, keep: QuestionRef, drop: QuestionRef) -> SavedBank:
        """Remove `drop` from its bank (a new version of that bank) and remember the decision."""
        raise NotImplementedError

    def keep_both(self, a: QuestionRef, b: QuestionRef) -> None:
        """Remember that these two are different enough; the pair is no longer offered."""
        raise NotImplementedError


__all__ = ["Library", "Bank", "Question", "KeyPoint"]
