"""Chinese word segmentation for the search index and the near-duplicate detector.

Search must match words, not substrings: `投诉处理` should find `处理客户投诉` and must not
scan every prompt with LIKE. jieba's search mode also emits the shorter words inside long
ones (`注意事项` → `注意`, `事项`, `注意事项`), so a query word matches compounds containing it.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from functools import lru_cache

import jieba

jieba.setLogLevel(logging.WARNING)  # jieba prints its dictionary loading to stderr otherwise

# Function words and interview boilerplate ("你会如何…?请说明…") that every question shares;
# matching on them would make every question look like every other.
STOPWORDS = frozenset(
    "的 了 是 在 和 与 或 及 并 而 也 都 就 把 被 将 对 为 从 以 等 如 若 如果 因 因为 所以 "
    "你 您 我 我们 他 她 它 他们 这 那 这种 那种 这个 那个 其 之 某 一个 一次 "
    "会 要 能 可 可以 需 需要 应 应该 该 有 没有 吗 呢 吧 啊 "
    "如何 怎么 怎样 什么 哪些 哪个 为什么 是否 请 说明 说说 谈谈 举例 时 中 后 前".split()
)
MAX_TERM_LENGTH = 64  # column width of search_terms.term


def normalize(text: str) -> str:
    """NFKC folds full-width letters, digits and punctuation to their plain forms; ASCII is lowercased."""
    return unicodedata.normalize("NFKC", text).lower()


@lru_cache(maxsize=65536)
def _segment(text: str) -> tuple[str, ...]:
    return tuple(jieba.cut_for_search(text))


def words(text: str) -> list[str]:
    """The meaningful words of `text`, in order, repeats kept (for counting)."""
    result = []
    for word in _segment(normalize(text)):
        word = word.strip()
        if not word or word in STOPWORDS or not re.search(r"\w", word):
            continue
        result.append(word[:MAX_TERM_LENGTH])
    return result


def term_counts(*weighted_texts: tuple[str | None, float]) -> Counter[str]:
    """Word counts over several fields, each with its weight (prompt words count more than details)."""
    counts: Counter[str] = Counter()
    for text, weight in weighted_texts:
        if text:
            for word in words(text):
                counts[word] += weight
    return counts
