"""Errors of the interview service."""

from typing import Literal

from kaoguan.store.errors import InvalidInput, StoreError

TokenProblem = Literal["unknown", "expired", "submitted", "time_up"]


class InvalidToken(StoreError):
    """A candidate link that is unknown, expired or already used to submit. `reason` lets the web
    layer show the candidate a message in Chinese without parsing ours."""

    def __init__(self, reason: TokenProblem, message: str) -> None:
        super().__init__(message)
        self.reason: TokenProblem = reason


class PaperAssemblyError(InvalidInput):
    """The spec asks for something the banks cannot give (too few questions, impossible total)."""
