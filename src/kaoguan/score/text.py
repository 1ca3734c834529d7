"""Text utilities the scorer shares: normalization, clause splitting, segmentation.

Answers arrive as typed or transcribed by people: full-width letters, Traditional
characters, mixed punctuation. Everything is normalized once here so the matchers see
one form.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

_OPENCC_LOCK = threading.Lock()
_JIEBA_LOCK = threading.Lock()
_opencc = None
_jieba_ready = False

# Clause boundaries: sentence ends plus commas/colons. The enumeration comma 、 is kept
# inside a clause on purpose: a list of labels is one clause, which lets us see that it
# is a list (name-dropping) rather than several separate statements.
CLAUSE_BOUNDARY = re.compile(r"[，,。！!？?；;：:\n]+|……|…")
CLAUSE_STRIP = " “”\"'()（）"  # quotes and brackets around a clause
_SENTENCE_BOUNDARY = re.compile(r"(?<=[。！!？?；;\n])")
_QUOTES = str.maketrans({"「": "“", "」": "”", "『": "“", "』": "”"})


def to_simplified(text: str) -> str:
    """Traditional → Simplified with OpenCC (the converter is built once, lazily)."""
    global _opencc
    if _opencc is None:
        with _OPENCC_LOCK:
            if _opencc is None:
                import opencc

                _opencc = opencc.OpenCC("t2s")
    return _opencc.convert(text)


def normalize_width(text: str) -> str:
    """Full-width ASCII (Ｂ, ａｃ, １２) → half-width; keeps Chinese punctuation as is."""
    out = []
    for ch in text:
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E and not unicodedata.category(ch).startswith("P"):
            out.append(chr(code - 0xFEE0))
        elif ch == "\u3000":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def normalize_answer(text: str) -> str:
    """The canonical form an answer is scored in: Simplified, half-width letters, single spaces."""
    text = normalize_width(to_simplified(text or "")).translate(_QUOTES)
    return re.sub(r"[ \t\r\f\v]+", " ", text).strip()


def split_clauses(text: str) -> list[str]:
    """Split an answer into clauses (the unit whose meaning we match to a key point)."""
    parts = (part.strip(CLAUSE_STRIP) for part in CLAUSE_BOUNDARY.split(text))
    return [part for part in parts if len(part) >= 2]


def split_sentences(text: str) -> list[str]:
    """Split an answer into sentences (ended by 。！？； or a line break)."""
    parts = (part.strip() for part in _SENTENCE_BOUNDARY.split(text))
    return [part for part in parts if len(re.sub(r"\W", "", part)) >= 2]


def windows(clauses: list[str], width: int = 2) -> list[str]:
    """Adjacent clause windows: a key point is often stated across two short clauses."""
    return ["，".join(clauses[i : i + width]) for i in range(len(clauses) - width + 1)]


def _ensure_jieba():
    global _jieba_ready
    import jieba

    if not _jieba_ready:
        with _JIEBA_LOCK:
            if not _jieba_ready:
                jieba.setLogLevel(60)  # silence the "Building prefix dict" chatter on stderr
                jieba.initialize()
                _jieba_ready = True
    return jieba


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """Content words of a text (jieba), without punctuation and one-character function words."""
    jieba = _ensure_jieba()
    return tuple(w for w in jieba.lcut(text) if re.search(r"\w", w) and w not in _STOPWORDS)


def char_bigrams(text: str) -> set[str]:
    chars = re.sub(r"[^\w]", "", text)
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


_STOPWORDS = frozenset(
    "的 了 是 我 你 他 她 它 们 在 和 与 及 或 也 就 都 而 并 把 被 让 给 对 向 从 这 那 这个 那个 "
    "一个 一些 会 要 能 可以 如 如：比如 例如 等 吗 呢 吧 啊 着 过 还 又 再 很 更 最 之 其 所 以 "
    "我们 你们 他们 您 自己 什么 怎么 如何 一下 一点".split()
)
