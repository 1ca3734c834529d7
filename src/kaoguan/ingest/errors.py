"""The one error the importer raises for input it cannot read as a document."""

from __future__ import annotations


class DocumentError(ValueError):
    """A file that cannot be read as a question-bank document.

    The message always names the file and the reason, so the CLI can print it as is.
    """

    def __init__(self, source: str | None, reason: str) -> None:
        self.source = source or "<input>"
        self.reason = reason
        super().__init__(f"{self.source}: {reason}")
