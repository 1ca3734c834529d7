"""Errors of the interview service."""

from kaoguan.store.errors import InvalidInput, StoreError


class InvalidToken(StoreError):
    """A candidate link that is unknown, expired or already used to submit."""


class PaperAssemblyError(InvalidInput):
    """The spec asks for something the banks cannot give (too few questions, impossible total)."""
