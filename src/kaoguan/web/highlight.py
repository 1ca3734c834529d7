"""Find the scorer's evidence clauses inside the answer as the candidate typed it.

The scorer reports evidence in its normalized form (full-width punctuation, Simplified
characters), so `"我会先保持冷静，安抚"` must still be found in an answer typed as
`"我会先保持冷静,安抚"`. We compare width-folded text and map the match back to the
original characters, so what gets highlighted is exactly what the candidate wrote.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from markupsafe import Markup, escape

# Commas and stops the scorer may rewrite between their full- and half-width forms.
_SAME = {"，": ",", "。": ".", "：": ":", "；": ";", "？": "?", "！": "!", "（": "(", "）": ")", "、": ","}


def _fold(char: str) -> str:
    char = _SAME.get(char, char)
    return unicodedata.normalize("NFKC", char).lower()


def _folded_with_origins(text: str) -> tuple[str, list[int]]:
    folded, origins = [], []
    for index, char in enumerate(text):
        for piece in _fold(char):
            folded.append(piece)
            origins.append(index)
    return "".join(folded), origins


def locate(text: str, clause: str) -> tuple[int, int] | None:
    """The span of `text` that says `clause` (up to punctuation width and case), or None."""
    if not clause:
        return None
    at = text.find(clause)
    if at >= 0:
        return at, at + len(clause)
    folded_text, origins = _folded_with_origins(text)
    folded_clause, _ = _folded_with_origins(clause.strip())
    if not folded_clause:
        return None
    at = folded_text.find(folded_clause)
    if at < 0:
        return None
    return origins[at], origins[at + len(folded_clause) - 1] + 1


def spans(text: str, clauses: Iterable[str | None]) -> list[tuple[int, int]]:
    """Non-overlapping spans of the clauses found in `text`, in reading order."""
    found = sorted(span for clause in clauses if clause and (span := locate(text, clause)))
    kept: list[tuple[int, int]] = []
    for start, end in found:
        if kept and start < kept[-1][1]:
            continue  # overlapping evidence: the earlier clause wins
        kept.append((start, end))
    return kept


def highlighted(text: str, clauses: Iterable[str | None]) -> Markup:
    """`text` escaped for HTML, each evidence clause wrapped in <mark>."""
    parts, cursor = [], 0
    for start, end in spans(text, clauses):
        parts.append(escape(text[cursor:start]))
        parts.append(Markup("<mark>") + escape(text[start:end]) + Markup("</mark>"))
        cursor = end
    parts.append(escape(text[cursor:]))
    return Markup("").join(parts)


def term_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Every occurrence of every search term (up to width and case), overlaps merged."""
    folded, origins = _folded_with_origins(text)
    found = []
    for term in {t for t in terms if t}:
        folded_term, _ = _folded_with_origins(term)
        at = folded.find(folded_term)
        while folded_term and at >= 0:
            found.append((origins[at], origins[at + len(folded_term) - 1] + 1))
            at = folded.find(folded_term, at + len(folded_term))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def marked_terms(text: str, terms: Iterable[str]) -> Markup:
    """`text` escaped for HTML, each search term wrapped in <mark>."""
    parts, cursor = [], 0
    for start, end in term_spans(text, terms):
        parts.append(escape(text[cursor:start]))
        parts.append(Markup("<mark>") + escape(text[start:end]) + Markup("</mark>"))
        cursor = end
    parts.append(escape(text[cursor:]))
    return Markup("").join(parts)
