"""The learned part of the red-flag detector: a small neural network over sentence vectors.

Hand-written patterns and exemplars (redflags.py, redflag_exemplars.py) were grown by reading
the answer sets one after another, so each new writer's wording mainly showed what they
missed. This classifier learns the difference between a violation and a good answer on the
same topic from labelled data instead: clauses that carry a violation (the "evidence" of
flagged answers, first-person violation clauses) against compliant counterparts and every
clause of clean answers, from fifty-eight writers who never saw the detector
(tests/score/data/README.md). `redflag_train.py` fits it and writes `redflag_model.npz`,
which is loaded here. The model reads the USE vectors the semantic fallback already computes
for every clause and adjacent pair, and the character 1-3-grams of the same units (Ngrams),
through one hidden layer (three networks of 64 units side by side, 192 in all): a few small
matrix products per answer.

Classes: "clean", the eight family codes, and "other" (conduct outside the eight the
writers labelled: kept gifts, private lending with a customer, selling another firm's
products); "other" is reported under rule_bypass, the family whose feedback fits it.
"""

from __future__ import annotations

import io
import json
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources

import numpy as np

MODEL_FILE = "redflag_model.npz"
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

    def entries(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The non-zero features as (row, column, value): sublinear count × idf, each row scaled
        to length `scale` (the trainer builds its sparse matrix from them)."""
        rows, columns, counts = self._counts(texts)
        values = (1.0 + np.log(counts)) * self.idf[columns]
        norms = np.sqrt(np.bincount(rows, values.astype(np.float64) ** 2, minlength=len(texts)))
        values *= (self.scale / np.maximum(norms, 1e-12))[rows].astype(np.float32)
        return rows, columns, values

    def features(self, texts: list[str]) -> np.ndarray:
        """(texts, n-grams) dense feature matrix (at run time: a handful of units)."""
        rows, columns, values = self.entries(texts)
        matrix = np.zeros((len(texts), len(self.vocabulary)), dtype=np.float32)
        matrix[rows, columns] = values
        return matrix


@dataclass(frozen=True)
class LearnedModel:
    """P(class | unit) = softmax(relu(USE vector · vector_weights + n-gram features · ngram_weights
    + hidden_bias) · weights + bias): one hidden layer over both views of the unit.

    A softmax regression on the same features (sessions 4-11) could only add up evidence: "我就" +
    an act scored as a violation whatever the act, so it needed a family cue in the unit and
    still flagged "我就拿笔在纸上把步骤写下来". The hidden layer lets the words of the act and the
    first-person shape combine; fitted on the same data it caught more of six later writers'
    violations with fewer false alarms. The shipped model is three such networks side by side
    (their mean logits, redflag_train.merge_networks), fitted on every writer's quoted evidence
    and held to a family cue again, so that fitted without dev it flags 1 of dev's 100 clean
    answers (session 12's single network: 4; redflag_train.py)."""

    classes: tuple[str, ...]
    vector_weights: np.ndarray  # (dim, hidden): USE vector → hidden layer
    ngram_weights: np.ndarray  # (n-grams, hidden): n-gram features → hidden layer
    hidden_bias: np.ndarray  # (hidden,)
    weights: np.ndarray  # (hidden, classes)
    bias: np.ndarray  # (classes,)
    ngrams: Ngrams
    threshold: float  # a unit naming some family's subject (SEMANTIC_CUES) is a violation from this P(violation) up
    strong_threshold: float  # ...and any unit from this one up
    require_cue: str = "none"  # "any": a cue of any family; "family": of the unit's own family; "none"
    # A flag of the exemplar fallback stands only if its evidence clause has at least this learned
    # P(violation): the exemplars, one nearest sentence each, fire on refusals and warnings.
    exemplar_veto: float = 0.0
    # Cue words learned from the training evidence, per reported family (redflag_train.learn_cues):
    # they widen the hand-written cue lists, which each new writer's wording outgrew.
    cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _cue_patterns: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def dim(self) -> int:
        return int(self.vector_weights.shape[0])

    def probabilities(self, vectors: np.ndarray, texts: list[str] | None = None) -> np.ndarray:
        """Per unit, P(class). `texts` (the units' texts, one per vector) feed the n-gram view."""
        if len(vectors) == 0:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        if texts is None or len(texts) != len(vectors):
            raise ValueError("this red-flag model reads the units' texts too: pass one text per vector")
        # A handful of units per answer: the dense n-gram matrix is small.
        hidden = vectors @ self.vector_weights + self.ngrams.features(texts) @ self.ngram_weights + self.hidden_bias
        logits = np.maximum(hidden, 0.0) @ self.weights + self.bias
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

    def cue_pattern(self, code: str, hand_written: re.Pattern[str]) -> re.Pattern[str]:
        """The family's hand-written cue pattern widened by the cue words learned for it."""
        key = (code, hand_written.pattern)
        if key not in self._cue_patterns:
            learned = "|".join(re.escape(word) for word in self.cues.get(code, ()))
            self._cue_patterns[key] = re.compile(hand_written.pattern + "|" + learned) if learned else hand_written
        return self._cue_patterns[key]

    def to_bytes(self, meta: dict) -> bytes:
        """The model as an .npz archive (float32 arrays; the settings and `meta` as JSON)."""
        grams = sorted(self.ngrams.vocabulary, key=self.ngrams.vocabulary.get)
        settings = {
            "classes": list(self.classes),
            "threshold": self.threshold,
            "strong_threshold": self.strong_threshold,
            "require_cue": self.require_cue,
            "exemplar_veto": self.exemplar_veto,
            "cues": {code: list(words) for code, words in sorted(self.cues.items())},
            "ngram_scale": self.ngrams.scale,
            "meta": meta,
        }
        buffer = io.BytesIO()
        np.savez_compressed(
            buffer,
            settings=np.asarray(json.dumps(settings, ensure_ascii=False)),
            grams=np.asarray(grams),
            idf=self.ngrams.idf.astype(np.float32),
            vector_weights=self.vector_weights.astype(np.float32),
            ngram_weights=self.ngram_weights.astype(np.float32),
            hidden_bias=self.hidden_bias.astype(np.float32),
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
        )
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> LearnedModel:
        with np.load(io.BytesIO(data), allow_pickle=False) as archive:
            settings = json.loads(str(archive["settings"]))
            ngrams = Ngrams({gram: i for i, gram in enumerate(archive["grams"].tolist())}, archive["idf"], float(settings["ngram_scale"]))
            return cls(
                tuple(settings["classes"]),
                archive["vector_weights"],
                archive["ngram_weights"],
                archive["hidden_bias"],
                archive["weights"],
                archive["bias"],
                ngrams,
                float(settings["threshold"]),
                float(settings["strong_threshold"]),
                str(settings["require_cue"]),
                float(settings["exemplar_veto"]),
                {code: tuple(words) for code, words in settings.get("cues", {}).items()},
            )


def model_meta(data: bytes) -> dict:
    """The `meta` a model archive was written with (what it was fitted on, and how)."""
    with np.load(io.BytesIO(data), allow_pickle=False) as archive:
        return json.loads(str(archive["settings"]))["meta"]


_model: LearnedModel | None = None
_model_lock = threading.Lock()


def shipped_model() -> LearnedModel:
    """The model written by `python -m kaoguan.score.redflag_train --write`, loaded once."""
    global _model
    if _model is None:
        with _model_lock:
            if _model is None:
                data = resources.files("kaoguan.score").joinpath(MODEL_FILE).read_bytes()
                _model = LearnedModel.from_bytes(data)
    return _model
