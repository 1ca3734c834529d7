"""The learned part of the red-flag detector: a softmax regression over sentence vectors.

Hand-written patterns and exemplars (redflags.py, redflag_exemplars.py) were grown by reading
the answer sets one after another, so each new writer's wording mainly showed what they
missed. This classifier learns the difference between a violation and a good answer on the
same topic from labelled data instead: clauses that carry a violation (the "evidence" of
flagged answers, first-person violation clauses) against compliant counterparts and every
clause of clean answers, from seven writers who never saw the detector
(tests/score/data/README.md). `redflag_train.py` fits it, picks its regularisation and
threshold by leave-one-writer-out cross-validation and writes `redflag_model.json`, which
is loaded here. The model reads the USE vectors the semantic fallback already computes for
every clause and adjacent pair, so it costs one small matrix product per answer.

Classes: "clean", the eight family codes, and "other" (conduct outside the eight the
writers labelled: kept gifts, private lending with a customer, selling another firm's
products); "other" is reported under rule_bypass, the family whose feedback fits it.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from importlib import resources

import numpy as np

MODEL_FILE = "redflag_model.json"
CLEAN = "clean"
OTHER = "other"
REPORTED_AS = {OTHER: "rule_bypass"}


@dataclass(frozen=True)
class LearnedModel:
    """P(class | unit vector) = softmax(vector · weights + bias)."""

    classes: tuple[str, ...]
    weights: np.ndarray  # (dim, classes)
    bias: np.ndarray  # (classes,)
    threshold: float  # a unit naming some family's subject (SEMANTIC_CUES) is a violation from this P(violation) up
    strong_threshold: float  # ...and any unit from this one up
    require_cue: str = "any"  # "any": a cue of any family; "family": of the unit's own family; "none"

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        if len(vectors) == 0:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        logits = vectors @ self.weights + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def violations(self, vectors: np.ndarray) -> tuple[np.ndarray, list[str]]:
        """Per unit: P(violation) = 1 − P(clean), and the most likely family code (as reported)."""
        probabilities = self.probabilities(vectors)
        clean = self.classes.index(CLEAN)
        violation = 1.0 - probabilities[:, clean]
        masked = probabilities.copy()
        masked[:, clean] = -1.0
        codes = [REPORTED_AS.get(self.classes[i], self.classes[i]) for i in masked.argmax(axis=1)]
        return violation, codes

    def to_json(self, meta: dict) -> str:
        return json.dumps(
            {
                "classes": list(self.classes),
                "threshold": self.threshold,
                "strong_threshold": self.strong_threshold,
                "require_cue": self.require_cue,
                "bias": [round(float(x), 5) for x in self.bias],
                "weights": [[round(float(x), 5) for x in row] for row in self.weights],
                "meta": meta,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> LearnedModel:
        data = json.loads(text)
        return cls(
            tuple(data["classes"]),
            np.asarray(data["weights"], dtype=np.float32),
            np.asarray(data["bias"], dtype=np.float32),
            float(data["threshold"]),
            float(data["strong_threshold"]),
            str(data["require_cue"]),
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
