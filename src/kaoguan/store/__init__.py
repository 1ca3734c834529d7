"""kaoguan.store: where banks, papers, sessions, answers, scores and ratings live (SQLite or PostgreSQL).

    from kaoguan.store import Database, Library
    db = Database()            # or Database("postgresql://user@host/db")
    db.upgrade()               # apply the migrations shipped in the package
    lib = Library(db)
    saved = lib.save_bank(bank, tags=["京东金融"])
    lib.search("高峰 投诉", category="behavioral")
"""

from kaoguan.store.backup import BACKUP_FORMAT, backup, restore
from kaoguan.store.database import Database, default_url, normalize_url
from kaoguan.store.errors import BackupFormatError, InvalidInput, NotEmpty, NotFound, SchemaOutdated, StoreError
from kaoguan.store.library import Library
from kaoguan.store.views import BankSummary, BankVersionInfo, DuplicatePair, QuestionHit, QuestionRef, SavedBank

__all__ = [
    "BACKUP_FORMAT", "BackupFormatError", "BankSummary", "BankVersionInfo", "Database", "DuplicatePair",
    "InvalidInput", "Library", "NotEmpty", "NotFound", "QuestionHit", "QuestionRef", "SavedBank", "SchemaOutdated", "StoreError",
    "backup", "default_url", "normalize_url", "restore",
]
