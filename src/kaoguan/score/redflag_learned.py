"""The learned part of the red-flag detector: a softmax regression over sentence vectors.

Hand-written patterns and exemplars (redflags.py, redflag_exemplars.py) were grown by reading
the answer sets one after another, so each new writer's wording mainly showed what they
missed. This classifier learns the difference between a violation and a good answer on the
same topic from labelled data instead: clauses that carry a violation (the "evidence" of
flagged answers, first-person violation clauses) against compliant counterparts and every
clause of clean answers, from twenty-one writers who never saw the detector
(tests/score/data/README.md). `redflag_train.py` fits it, picks its regularisation and
threshold by leave-one-writer-out cross-validation and writes `redflag_model.json`, which
is loaded here. The model reads the USE vectors the semantic fallback already computes for
every clause and adjacent pair, and the character 1-3-grams of the same units (Ngrams): a
small matrix product and a few thousand dictionary look-ups per answer (≈0.75 ms, measured
with the encoder's output cached).

Classes: "clean", the eight family codes, and "other" (conduct outside the eight the
writers labelled: kept gifts, private lending with a customer, selling another firm's
products); "other" is reported under rule_bypass, the family whose feedback fits it.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from dataclasses import dataclass
from importlib import resources

import numpy as np

MODEL_FILE = "redflag_model.json"
CLEAN = "clean"
OTHER = "other"
REPORTED_AS = {OTHER: "rule_bypass"}


NGRAM_SIZES = (1, 2, 3)


def char_ngrams(text: str) -> list[str]:
    """The character 1-, 2- and 3-grams of a unit's text (repeats kept: they are counted)."""
    return [text[i : i + n] for n in NGRAM_SIZES for i in range(len(text) - n + 1)]


@dataclass(frozen=True)
class Ngrams:
    """Character n-gram TF-IDF of a unit's text, the classifier's second view of it.

    The USE vector says what a unit is about; the words that make it a violation (我帮他,
    拆成, 别告诉, 包您) are often a few characters a sentence vector averages away. Sublinear
    counts × idf, scaled to length `scale` (the USE part has length √dim in training)."""

    vocabulary: dict[str, int]
    idf: np.ndarray  # (n-grams,) float32
    scale: float

    def _counts(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row, column, count) of every n-gram of the vocabulary found in the texts."""
        rows, columns, counts = [], [], []
        vocabulary = self.vocabulary
        for row, text in enumerate(texts):
            for gram, count in Counter(char_ngrams(text)).items():
                column = vocabulary.get(gram)
                if column is not None:
                    rows.append(row)
                    columns.append(column)
                    counts.append(count)
        return np.asarray(rows, dtype=np.int64), np.asarray(columns, dtype=np.int64), np.asarray(counts, dtype=np.float32)

    def _values(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row, column, feature value): sublinear count × idf, each row scaled to length `scale`."""
        rows, columns, counts = self._counts(texts)
        values = (1.0 + np.log(counts)) * self.idf[columns]
        norms = np.sqrt(np.bincount(rows, values.astype(np.float64) ** 2, minlength=len(texts)))
        values *= (self.scale / np.maximum(norms, 1e-12))[rows].astype(np.float32)
        return rows, columns, values

    def features(self, texts: list[str]) -> np.ndarray:
        """(texts, n-grams) feature matrix (training)."""
        rows, columns, values = self._values(texts)
        matrix = np.zeros((len(texts), len(self.vocabulary)), dtype=np.float32)
        matrix[rows, columns] = values
        return matrix

    def logits(self, texts: list[str], weights: np.ndarray) -> np.ndarray:
        """features(texts) @ weights without the dense matrix (at run time: a few units)."""
        rows, columns, values = self._values(texts)
        contributions = values[:, None] * weights[columns]
        return np.stack(
            [np.bincount(rows, contributions[:, c], minlength=len(texts)) for c in range(weights.shape[1])], axis=1
        )


@dataclass(frozen=True)
class LearnedModel:
    """P(class | unit) = softmax(USE vector · weights + n-gram features · ngram_weights + bias)."""

    classes: tuple[str, ...]
    weights: np.ndarray  # (dim, classes)
    bias: np.ndarray  # (classes,)
    threshold: float  # a unit naming some family's subject (SEMANTIC_CUES) is a violation from this P(violation) up
    strong_threshold: float  # ...and any unit from this one up
    require_cue: str = "any"  # "any": a cue of any family; "family": of the unit's own family; "none"
    ngrams: Ngrams | None = None
    ngram_weights: np.ndarray | None = None  # (n-grams, classes)
    # A flag of the exemplar fallback stands only if its evidence clause has at least this learned
    # P(violation): the exemplars, one nearest sentence each, fire on refusals and warnings.
    exemplar_veto: float = 0.0

    def probabilities(self, vectors: np.ndarray, texts: list[str] | None = None) -> np.ndarray:
        """Per unit, P(class). `texts` (the units' texts) are required when the model has n-grams."""
        if len(vectors) == 0:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        logits = vectors @ self.weights + self.bias
        if self.ngrams is not None:
            if texts is None or len(texts) != len(vectors):
                raise ValueError("this red-flag model reads the units' texts too: pass one text per vector")
            logits = logits + self.ngrams.logits(texts, self.ngram_weights)
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def violations(self, vectors: np.ndarray, texts: list[str] | None = None) -> tuple[np.ndarray, list[str]]:
        """Per unit: P(violation) = 1 − P(clean), and the most likely family code (as reported)."""
        probabilities = self.probabilities(vectors, texts)
        clean = self.classes.index(CLEAN)
        violation = 1.0 - probabilities[:, clean]
        masked = probabilities.copy()
        masked[:, clean] = -1.0
        codes = [REPORTED_AS.get(self.classes[i], self.classes[i]) for i in masked.argmax(axis=1)]
        return violation, codes

    def to_json(self, meta: dict) -> str:
        data = {
            "classes": list(self.classes),
            "threshold": self.threshold,
            "strong_threshold": self.strong_threshold,
            "require_cue": self.require_cue,
            "exemplar_veto": self.exemplar_veto,
            "bias": [round(float(x), 5) for x in self.bias],
            "weights": [[round(float(x), 5) for x in row] for row in self.weights],
        }
        if self.ngrams is not None:
            grams = sorted(self.ngrams.vocabulary, key=self.ngrams.vocabulary.get)
            data["ngrams"] = {
                "scale": self.ngrams.scale,
                "grams": grams,
                "idf": [round(float(x), 4) for x in self.ngrams.idf],
                "weights": [[round(float(x), 4) for x in row] for row in self.ngram_weights],
            }
        data["meta"] = meta
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> LearnedModel:
        data = json.loads(text)
        ngrams = ngram_weights = None
        if "ngrams" in data:
            part = data["ngrams"]
            ngrams = Ngrams(
                {gram: i for i, gram in enumerate(part["grams"])},
                np.asarray(part["idf"], dtype=np.float32),
                float(part["scale"]),
            )
            ngram_weights = np.asarray(part["weights"], dtype=np.float32)
        return cls(
            tuple(data["classes"]),
            np.asarray(data["weights"], dtype=np.float32),
            np.asarray(data["bias"], dtype=np.float32),
            float(data["threshold"]),
            float(data["strong_threshold"]),
            str(data["require_cue"]),
            ngrams,
            ngram_weights,
            float(data.get("exemplar_veto", 0.0)),
        )


_model: LearnedModel | None = None
_model_lock = threading.Lock()


def shipped_model() -> LearnedModel:
    """The model written by `python -m kaoguan.score.redflag_train --write`, loaded once."""
    global _model
    if _model is None:
        with _model_lock:
            if _model is None:
                text = resources.files("kaoguan.score").joinpath(MODEL_FILE).read_text(encoding="utf-8")
                _model = LearnedModel.from_json(text)
    return _model
