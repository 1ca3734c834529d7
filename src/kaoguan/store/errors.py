"""Errors the store and interview services raise; each message names the problem and where."""

from __future__ import annotations


class StoreError(Exception):
    """Base class: something the caller asked for cannot be done as asked."""


class NotFound(StoreError, LookupError):
    """A bank, version, question, paper, session or answer that does not exist."""


class InvalidInput(StoreError, ValueError):
    """Arguments that do not make sense (unknown key point, score out of range, …)."""


class NotEmpty(StoreError):
    """Restoring a backup into a database that already holds data."""


class BackupFormatError(StoreError, ValueError):
    """A backup file that is not a kaoguan backup, or is damaged; names the line."""


class SchemaOutdated(StoreError):
    """The database has no kaoguan tables yet, or an older schema: run `kaoguan db upgrade`."""
