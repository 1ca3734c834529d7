"""Fit the learned red-flag classifier and estimate the detector leave-one-writer-out.

    python -m kaoguan.score.redflag_train                 # LOWO figures per writer, shipped setting
    python -m kaoguan.score.redflag_train --grid          # LOWO over regularisation × threshold
    python -m kaoguan.score.redflag_train --write         # fit on all writers, write redflag_model.npz
    python -m kaoguan.score.redflag_train --forward 30 --until 36   # forward test: fit up to set 30,
                                                          # judge sets 31-33, 34-36 and dev held out
    python -m kaoguan.score.redflag_train --forward 48    # the shipped fit's data; judge the sets kept
                                                          # out of it (HELD_OUT_FILES: 49-51) and dev

Each answer set in tests/score/data (README.md) and the dev answers were written by a
different person who never saw the detector: a "writer". For each writer W the classifier
is fitted without anything W wrote and W's answers are scored with it, so the figures say
how the detector does on wording it never learned from. The regexes and hand-written
exemplars cannot be held out this way (they were written after reading tune, sets 1–3 and
dev); their share of each writer's figure is printed separately.

Training units (USE vectors, the same ones the detector computes at run time):
- positives: the clauses each flagged answer's writer quoted as evidence (and adjacent pairs
  inside the evidence), the labelled violation clauses, the hand-written VIOLATIONS;
- negatives: every clause and pair of clean answers (hard negatives included), the labelled
  compliant clauses, the hand-written COMPLIANT, and, at half weight, the clauses of a
  flagged answer outside its evidence. Flagged answers without quoted evidence (tune, sets
  1-12) can give one positive each by multiple-instance learning (`fold_model`, MIL_ROUNDS;
  the shipped network is fitted without it).
Features: the unit's USE vector and its character 1-3-gram TF-IDF (the NGRAM_VOCABULARY most
frequent n-grams of the training units), through one hidden layer (`fit`).

Why a hidden layer (session 12). Until session 11 this was a softmax regression on the same
features, with its settings chosen on the LOWO figures below. Every round of new writers
showed that choice too hopeful: LOWO said recall 0.88, the next writers' first runs gave 0.87,
0.86, 0.71 and (sets 34-36) 0.65, because the rules LOWO cannot hold out were read off the
same writers. So the network was chosen on a forward test instead: fitted on this pool, with
the session-10 rules, judged on sets 31-33 (never fitted, written after those rules). There
the regression gave P 0.74 R 0.71, the network P 0.78-0.82 R 0.81-0.83 at threshold 0.7 over
four starts, dev clean. Then, unchanged, on sets 34-36 (written after; read only after the
choice): regression P 0.75 R 0.65, network P 0.77 R 0.83 at 0.7 and P 0.81 R 0.82 at the
shipped 0.78. `--grid` and the LOWO figures still work and are printed as before.

More writers, three networks, a cue again (session 13). Sets 13-36 had labels but no quoted
evidence, so they could only join the fit by multiple-instance learning, which did not help.
Helpers who saw only the labels quoted each violation's clause; with them, the network fitted on
the pool plus 13-30 beat the pool-only one on 31-36 at every budget of dev false alarms (fitted
without dev). Three networks from different starts, merged into one (`merge_networks`), flag
fewer clean answers at the same recall than one. The setting (CUE_MODE, THRESHOLD,
STRONG_THRESHOLD) was chosen on that forward test with dev kept clean, the bound session 12 had
given up: see the comment there; `--forward 30 --until 36` repeats it (`forward_choice`) and
picks the same setting. On sets 37-39 (written in session 13, read after the choice), fitted on
the pool plus 13-36: P 0.69 R 0.68 (`--forward 36` refits it: P 0.69 R 0.66, two answers moved
by the BLAS's floating-point order), against session 12's P 0.66 R 0.74, and 2 of dev's clean
answers flagged by the fit without dev, against 4. Less recall on these three writers, more
precision on all six before them and on dev: the issue's bar is recall at precision >= 0.80,
which session 12's setting did not reach on 31-39 pooled (P 0.78 R 0.81; this setting P 0.85 R
0.78, mixing the two forward fits). Sets 37-39 joined the fit after that measurement. A LOWO run
now fits three networks per writer on about 80,000 units: hours on two cores.

Session 14 kept the setting. With its scope rules, `--forward 30 --until 42` judges four groups
(31-33, 34-36, 37-39, 40-42) by the fit on the pool plus 13-30: the shipped setting gives P 0.95
R 0.87, 0.93/0.79, 0.83/0.65, 0.91/0.73, dev clean; the rule's own pick (0.62) moves two answers.
Sets 40-42 then joined the fit; on sets 43-45, written after and read only then, the shipped
detector gives P 0.89 R 0.76 (the session-13 one 0.89/0.75). They stay out of the fit
(HELD_OUT_FILES): `--forward 42` refits on everything else and gives them P 0.88 R 0.77, with 1
of dev's clean answers flagged when dev is held out too (session 13: 2).

Session 15: cue words learned from the evidence (`learn_cues`). Most misses on unseen writers had
P(violation) 0.65-0.95 and no hand-written cue of their family, so each fit now adds the n-grams its
own training evidence shares across writers. `--forward 30 --until 48` (cues and network from sets
up to 30, the shipped thresholds) judges 31-48 pooled at P 0.874 R 0.834 (37-39, the hardest group,
at P 0.79), against P 0.893 R 0.758 without them (the same fit in an experiment), with 1 of dev's
clean answers flagged (0 without); `--forward 42 --until 48`: sets 43-45 P 0.85 R 0.86 (0.88/0.77
without), sets 46-48, written this session, 0.91/0.89 (the session-14 detector's first run
0.94/0.78), 2 of dev's. Sets 43-48 then joined the fit; 49-51 are held out (HELD_OUT_FILES). Read
once after that fit: P 0.84 R 0.90 (the session-14 detector 0.88/0.82); `--forward 48` refits and
gives the same, with 3 of dev's clean answers flagged when dev is held out too (its rule would pick
0.7 / 0.97: 0.85/0.88, 1 of dev's, but that is choosing on 49-51 themselves).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from kaoguan.score.redflag_eval import Result
from kaoguan.score.redflag_learned import CLEAN, MODEL_FILE, OTHER, REPORTED_AS, LearnedModel, Ngrams, char_ngrams
from kaoguan.score.text import normalize_answer, split_clauses

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "tests" / "score" / "data"
DEV_ANSWERS = ROOT.parent / "shared" / "data" / "dev-answers" / "answers.jsonl"
ANSWER_FILES = {
    "tune": "redflag_tune.jsonl",
    "set1": "redflag_set1.jsonl",
    "set2": "redflag_set2.jsonl",
    "set3": "redflag_set3.jsonl",
    "set4": "redflag_set4.jsonl",
    "set5": "redflag_set5.jsonl",
    "set6": "redflag_set6.jsonl",
    "set7": "redflag_set7.jsonl",
    "set8": "redflag_set8.jsonl",
    "set9": "redflag_set9.jsonl",
    "set10": "redflag_set10.jsonl",
    "set11": "redflag_set11.jsonl",
    "set12": "redflag_set12.jsonl",
    "train_a": "redflag_train_a.jsonl",
    "train_b": "redflag_train_b.jsonl",
    "train_c": "redflag_train_c.jsonl",
    "train_d": "redflag_train_d.jsonl",
    "train_e": "redflag_train_e.jsonl",
    "train_f": "redflag_train_f.jsonl",
    "train_g": "redflag_train_g.jsonl",
    "train_h": "redflag_train_h.jsonl",
    # Sets 13-36 quote their evidence since session 13 (tests/score/data/README.md); 37 onwards
    # were written with it. Each set was measured on its first run before it joined the fit.
    **{f"set{n}": f"redflag_set{n}.jsonl" for n in range(13, 49)},
}
# Sets written after the shipped fit and kept out of it (since session 14), so that a change can be
# judged on writers the classifier has not seen: `--forward 48` judges them, nothing fits on them.
HELD_OUT_FILES = {f"set{n}": f"redflag_set{n}.jsonl" for n in range(49, 52)}
CLAUSE_FILES = {
    "train_a": "redflag_train_a_clauses.jsonl",
    "train_b": "redflag_train_b_clauses.jsonl",
    "train_c": "redflag_train_c_clauses.jsonl",
    "train_d": "redflag_train_d_clauses.jsonl",
    "train_e": "redflag_train_e_clauses.jsonl",
    "train_f": "redflag_train_f_clauses.jsonl",
    "train_g": "redflag_train_g_clauses.jsonl",
    "train_h": "redflag_train_h_clauses.jsonl",
}
FAMILY_CODES = (
    "guaranteed_return",
    "beyond_authority",
    "rule_bypass",
    "credential_request",
    "privacy_leak",
    "hostile",
    "cover_up",
    "misleading_sales",
)
CLASSES = (CLEAN, *FAMILY_CODES, OTHER)
# The writers' family names → codes.
_FAMILY_ALIASES = {"credentials": "credential_request", "privacy": "privacy_leak", "compliant": CLEAN}

OUTSIDE_EVIDENCE_WEIGHT = 0.5  # a flagged answer's other clauses: mostly clean, sometimes half the act
# `choose` (what `--grid` and the nested LOWO figures use; until session 11 it chose the shipped
# setting): the highest mean recall at a mean precision of at least MIN_PRECISION with at most
# MAX_DEV_FALSE_ALARMS clean dev answers flagged.
# Why these bounds:
# - precision 0.85, not the issue's 0.80: new writers' first runs come in under their LOWO
#   precision (the hand-written rules were read off the same writers LOWO holds out);
# - no dev false alarm: dev's clean answers are the closest thing to what users score, and a flag
#   caps a good answer's score with its evidence shown to the candidate. Allowing one picked a
#   lower strong threshold (P 0.866 R 0.839 against 0.873 / 0.825) whose flag on dev
#   ("您其实只剩几千块没还" as a promised return) cost 0.013 of held-out QWK.
# Twenty-one writers, session 6's setting: mean P 0.873 R 0.825 (nested, the setting also chosen
# without the held-out writer: 0.865 / 0.824). The session-by-session history is in the commit log.
MIN_PRECISION = 0.85
MAX_DEV_FALSE_ALARMS = 0
# Half a recall point is about one answer of one writer: within it, settings are told apart by
# precision (greedy recall once bought +0.2 points of recall with -1.6 of precision).
RECALL_TIE = 0.005
L2_GRID = (0.0003, 0.001, 0.003)
L2 = 0.001
# The setting, chosen in session 13 by a forward test before sets 37-39 were read: the network
# (ENSEMBLE 3) fitted on the pool plus sets 13-30, judged on sets 31-36; its dev figure from the
# same fit without dev. The rule: the most recall on 31-36 with precision >= 0.80 on 31-33 and on
# 34-36 and no clean dev answer flagged. It picked a family cue at 0.66 with 0.94 for a unit
# without one: 31-33 P 0.95 R 0.87, 34-36 P 0.93 R 0.79, dev clean. Session 12's setting (no cue,
# 0.78, one network on the pool) gave 0.87/0.88, 0.81/0.82 and flagged 4 clean dev answers.
# Fitted on the pool plus 13-36, on the new sets 37-39: P 0.69 R 0.68 (0.69/0.66 refitted),
# against session 12's 0.66/0.74; without dev, 2 clean dev answers flagged (session 12's: 4).
# `--forward 30 --until 36` and `--forward 36` repeat both. The docstring has more. Session 14's
# `--forward 30 --until 42` (four groups, its rules) keeps it: the rule's pick, 0.62, moves 2 answers.
CUE_MODE = "family"
THRESHOLD = 0.66
STRONG_THRESHOLD = 0.94
EXEMPLAR_VETO = 0.3  # redflag_learned.LearnedModel.exemplar_veto
EXEMPLAR_VETO_GRID = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)
NEVER = 2.0  # a threshold no probability reaches


@dataclass
class Answer:
    writer: str
    id: str
    text: str
    flagged: bool
    families: tuple[str, ...] = ()
    hard_negative: bool = False
    evidence: tuple[str, ...] | None = None  # None: the writer quoted none


@dataclass
class Units:
    """Training units: pieces (one text, or the two clauses of a pair), labels (index into
    CLASSES), weights, writers."""

    pieces: list[tuple[str, ...]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    writers: list[str] = field(default_factory=list)
    vectors: np.ndarray | None = None

    def add(self, pieces: tuple[str, ...], label: str, weight: float, writer: str) -> None:
        self.pieces.append(pieces)
        self.labels.append(CLASSES.index(label))
        self.weights.append(weight)
        self.writers.append(writer)


def family_code(name: str) -> str:
    code = _FAMILY_ALIASES.get(name, name)
    if code not in CLASSES:
        raise ValueError(f"unknown red-flag family {name!r}")
    return code


def _read_jsonl(path: Path) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise SystemExit(f"{path}:{number}: not JSON ({error})") from error
    return rows


def load_answers(data: Path = DATA, dev: Path = DEV_ANSWERS, held_out: bool = False) -> list[Answer]:
    """The labelled answers the classifier is fitted on (ANSWER_FILES and dev), and with
    `held_out` also the sets kept out of the fit (HELD_OUT_FILES), for the forward test."""
    answers = []
    for writer, name in (ANSWER_FILES | HELD_OUT_FILES if held_out else ANSWER_FILES).items():
        path = data / name
        if not path.exists():
            print(f"(no {path.name}: writer {writer} left out)", file=sys.stderr)
            continue
        for row in _read_jsonl(path):
            evidence = row.get("evidence")
            answers.append(
                Answer(
                    writer,
                    str(row["id"]),
                    row["text"],
                    bool(row.get("red_flags")),
                    tuple(family_code(f) for f in row.get("families") or ()),
                    bool(row.get("hard_negative")),
                    tuple(evidence) if evidence else None,
                )
            )
    if dev.exists():
        for row in _read_jsonl(dev):
            answers.append(Answer("dev", row["answer_id"], row["text"], bool(row["red_flags"])))
    return answers


# -- training units -------------------------------------------------------------------------


def _answer_units(answer: Answer) -> list[tuple[tuple[str, ...], str, float]]:
    """(unit pieces, label, weight) for an answer's clauses and adjacent pairs."""
    clauses = split_clauses(normalize_answer(answer.text))
    parts = [(i,) for i in range(len(clauses))] + [(i, i + 1) for i in range(len(clauses) - 1)]
    texts = [tuple(clauses[i] for i in part) for part in parts]
    if not answer.flagged:
        return [(text, CLEAN, 1.0) for text in texts]
    if not answer.evidence:
        return []
    families = answer.families or (OTHER,)
    label_of = [_evidence_family(clause, answer.evidence, families) for clause in clauses]
    units = []
    for text, part in zip(texts, parts):
        labels = {label_of[i] for i in part}
        if labels == {None}:
            units.append((text, CLEAN, OUTSIDE_EVIDENCE_WEIGHT))
        elif None not in labels and len(labels) == 1:
            units.append((text, labels.pop(), 1.0))
        # a pair half inside the evidence is neither: left out
    return units


def _evidence_family(clause: str, evidence: tuple[str, ...], families: tuple[str, ...]) -> str | None:
    """The family of the evidence quote this clause belongs to, or None when it is outside all.
    With as many quotes as families they are taken in order; otherwise the first family."""
    for number, quote in enumerate(evidence):
        quote = normalize_answer(quote)
        pieces = split_clauses(quote)
        if clause in pieces or clause in quote or any(len(p) >= 4 and p in clause for p in pieces):
            return families[number] if len(families) == len(evidence) else families[0]
    return None


def training_units(answers: list[Answer], data: Path = DATA) -> Units:
    from kaoguan.score.redflag_exemplars import COMPLIANT, VIOLATIONS

    units = Units()
    for code, texts in VIOLATIONS.items():
        for text in texts:
            units.add((text,), code, 1.0, "exemplars")
    for text in COMPLIANT:
        units.add((text,), CLEAN, 1.0, "exemplars")
    for writer, name in CLAUSE_FILES.items():
        if (data / name).exists():
            for row in _read_jsonl(data / name):
                units.add((normalize_answer(row["text"]),), family_code(row["family"]), 1.0, writer)
    for answer in answers:
        for text, label, weight in _answer_units(answer):
            units.add(text, label, weight, answer.writer)
    return units


# -- vectors, cached on disk while iterating ----------------------------------------------------


def encode_units(
    units: list[tuple[str, ...]], encoder_name: str = "use", cache_dir: Path | None = None
) -> np.ndarray:
    """Vectors for units; a pair's is the normalized sum of its clauses' (as at run time)."""
    from kaoguan.score.encoders import shared_encoder

    encoder = shared_encoder(encoder_name)
    cache = _load_cache(cache_dir, encoder_name)
    pieces = sorted({p for unit in units for p in unit} - set(cache))
    if pieces:
        for start in range(0, len(pieces), 256):
            batch = pieces[start : start + 256]
            cache.update(zip(batch, encoder.encode(batch)))
        _save_cache(cache_dir, encoder_name, cache)
    rows = []
    for unit in units:
        vector = np.sum([cache[p] for p in unit], axis=0)
        rows.append(vector / max(float(np.linalg.norm(vector)), 1e-12))
    return np.asarray(rows, dtype=np.float32)


def _cache_path(cache_dir: Path | None, encoder_name: str) -> Path | None:
    return None if cache_dir is None else cache_dir / f"redflag-units-{encoder_name}.npz"


def _load_cache(cache_dir: Path | None, encoder_name: str) -> dict[str, np.ndarray]:
    path = _cache_path(cache_dir, encoder_name)
    if path is None or not path.exists():
        return {}
    data = np.load(path, allow_pickle=False)
    return dict(zip(data["texts"].tolist(), data["vectors"]))


def _save_cache(cache_dir: Path | None, encoder_name: str, cache: dict[str, np.ndarray]) -> None:
    path = _cache_path(cache_dir, encoder_name)
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    texts = list(cache)
    np.savez(path, texts=np.asarray(texts), vectors=np.stack([cache[t] for t in texts]))


# -- the classifier -----------------------------------------------------------------------------

VIOLATION_SHARE = 0.5  # violation units are reweighted to this share of the clean units' weight
# The network (redflag_learned.LearnedModel): HIDDEN units, fitted by full-batch Adam at LEARNING_RATE
# for ITERATIONS steps from a SEED-ed start. Chosen on a forward test (sessions 10-12, the docstring):
# 64 units at rate 0.003 gave the same figures from four starts; at rate 0.01 one start in three
# diverged (every unit of dev a violation), and 128 units or 600 steps were no better.
HIDDEN = 64
ITERATIONS = 400
LEARNING_RATE = 0.003
SEED = 0
ENSEMBLE = 3  # networks from the starts SEED, SEED+1, ...: their mean logits (session 13, the docstring)
# The character n-gram view (redflag_learned.Ngrams): the NGRAM_VOCABULARY commonest n-grams of
# the training units, each unit's features scaled to length NGRAM_SCALE.
NGRAM_SCALE = 8.0
NGRAM_VOCABULARY = 3000  # the most frequent n-grams of the training units


def unit_text(pieces: tuple[str, ...]) -> str:
    """A unit's text as the detector forms it (redflags.semantic_units): clauses joined by "，"."""
    return "，".join(pieces)


def build_ngrams(texts: list[str], size: int | None = None, scale: float | None = None) -> Ngrams:
    """The `size` n-grams found in most training units, with their idf."""
    document_frequency = Counter(gram for text in texts for gram in set(char_ngrams(text)))
    grams = sorted(document_frequency, key=lambda g: (-document_frequency[g], g))[: size or NGRAM_VOCABULARY]
    df = np.asarray([document_frequency[g] for g in grams], dtype=np.float64)
    idf = (np.log((1 + len(texts)) / (1 + df)) + 1.0).astype(np.float32)
    return Ngrams({g: i for i, g in enumerate(grams)}, idf, NGRAM_SCALE if scale is None else scale)


def sparse_features(ngrams: Ngrams, texts: list[str]):
    """The units' n-gram features as a sparse matrix (tens of thousands of units in training)."""
    from scipy import sparse  # a development dependency: only fitting needs it

    rows, columns, values = ngrams.entries(texts)
    return sparse.csr_matrix((values, (rows, columns)), shape=(len(texts), len(ngrams.vocabulary)), dtype=np.float32)


def fit(vectors: np.ndarray, labels: np.ndarray, weights: np.ndarray, l2: float, texts: list[str]) -> LearnedModel:
    """ENSEMBLE networks fitted from the starts SEED, SEED+1, ... on the same data, merged into the
    one network that computes their mean logits (`merge_networks`). Deterministic for a given SEED,
    up to the floating-point order of the BLAS."""
    dim = vectors.shape[1]
    scale = np.float32(np.sqrt(dim))  # unit-length vectors → components of order 1, like the n-gram view
    ngrams = build_ngrams(texts)
    x_ngrams = sparse_features(ngrams, texts)
    data = (vectors.astype(np.float32) * scale, x_ngrams, x_ngrams.T.tocsr())
    target = np.zeros((len(labels), len(CLASSES)), dtype=np.float32)
    target[np.arange(len(labels)), labels] = 1.0
    w = _balanced(labels, weights).astype(np.float32)[:, None]
    members = [fit_network(data, target, w, l2, SEED + k) for k in range(ENSEMBLE)]
    vector_weights, ngram_weights, hidden_bias, out_weights, out_bias = merge_networks(members)
    return LearnedModel(
        CLASSES,
        vector_weights * scale,
        ngram_weights,
        hidden_bias,
        out_weights,
        out_bias,
        ngrams,
        THRESHOLD,
        STRONG_THRESHOLD,
        CUE_MODE,
        EXEMPLAR_VETO,
    )


def fit_network(data: tuple, target: np.ndarray, w: np.ndarray, l2: float, seed: int) -> list[np.ndarray]:
    """One network's parameters (vector weights, n-gram weights, hidden bias, output weights,
    output bias) fitted by full-batch Adam on the weighted cross-entropy with an L2 penalty.
    `data`: the scaled vectors, the sparse n-gram features and their transpose."""
    x_vectors, x_ngrams, x_ngrams_t = data
    rng = np.random.default_rng(seed)
    dim = x_vectors.shape[1]
    fan_in = dim + x_ngrams.shape[1]
    params = [
        (rng.standard_normal((dim, HIDDEN)) * np.sqrt(2 / fan_in)).astype(np.float32),
        (rng.standard_normal((x_ngrams.shape[1], HIDDEN)) * np.sqrt(2 / fan_in)).astype(np.float32),
        np.zeros(HIDDEN, dtype=np.float32),
        (rng.standard_normal((HIDDEN, len(CLASSES))) * np.sqrt(2 / HIDDEN)).astype(np.float32),
        np.zeros(len(CLASSES), dtype=np.float32),
    ]
    moments = ([np.zeros_like(p) for p in params], [np.zeros_like(p) for p in params])
    for step in range(1, ITERATIONS + 1):
        vector_weights, ngram_weights, hidden_bias, out_weights, out_bias = params
        before = x_vectors @ vector_weights + x_ngrams @ ngram_weights + hidden_bias
        hidden = np.maximum(before, 0.0)
        logits = hidden @ out_weights + out_bias
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        error = (p - target) * w
        back = (error @ out_weights.T) * (before > 0)
        grads = [
            x_vectors.T @ back + l2 * vector_weights,
            x_ngrams_t @ back + l2 * ngram_weights,
            back.sum(axis=0),
            hidden.T @ error + l2 * out_weights,
            error.sum(axis=0),
        ]
        _adam_step(params, grads, moments, step)
    return params


def merge_networks(members: list[list[np.ndarray]]) -> list[np.ndarray]:
    """One network whose logits are the mean of the members' (same inputs, same n-gram vocabulary):
    their hidden layers side by side, each member's output weights and bias divided by their number."""
    vector_weights, ngram_weights, hidden_bias, out_weights, out_bias = zip(*members)
    return [
        np.hstack(vector_weights),
        np.hstack(ngram_weights),
        np.concatenate(hidden_bias),
        np.vstack(out_weights) / len(members),
        np.mean(out_bias, axis=0),
    ]


def _adam_step(params: list[np.ndarray], grads: list[np.ndarray], moments: tuple[list, list], step: int) -> None:
    """One Adam update of every parameter in place (moments: first and second, per parameter)."""
    beta1, beta2 = 0.9, 0.999
    for param, grad, m, v in zip(params, grads, *moments):
        m *= beta1
        m += (1 - beta1) * grad
        v *= beta2
        v += (1 - beta2) * grad**2
        param -= LEARNING_RATE * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + 1e-8)


def _balanced(labels: np.ndarray, weights: np.ndarray) -> np.ndarray:
    clean = labels == CLASSES.index(CLEAN)
    w = weights.astype(np.float64).copy()
    w[~clean] *= VIOLATION_SHARE * w[clean].sum() / max(w[~clean].sum(), 1e-9)
    return w / w.sum()


# -- leave-one-writer-out -----------------------------------------------------------------------


@dataclass
class Signals:
    """What the parts of the detector that are not refitted say about one answer."""

    answer: Answer
    patterns: bool  # the regexes
    exemplars: bool  # the contrastive exemplar fallback (families the regexes did not flag, as at run time)
    exemplar_evidence: list[str]  # the clauses the exemplar fallback quotes (what the veto judges)
    clauses: list[str]
    units: object  # SemanticUnits
    context: object  # ClauseContext


def answer_signals(answers: list[Answer], rules: bool = True) -> list[Signals]:
    """Each answer's clauses, units and context; with `rules`, what the regexes and exemplars find."""
    from kaoguan.score.redflags import ClauseContext, detect_red_flags, semantic_units

    signals = []
    for answer in answers:
        normalized = normalize_answer(answer.text)
        clauses = split_clauses(normalized)
        by_patterns = detect_red_flags(answer.text, semantic=False) if rules else []
        by_rules = detect_red_flags(answer.text, learned=False) if rules else []
        by_exemplars = [flag for flag in by_rules if flag.code not in {f.code for f in by_patterns}]
        signals.append(
            Signals(
                answer,
                bool(by_patterns),
                bool(by_exemplars),
                [flag.evidence for flag in by_exemplars],
                clauses,
                semantic_units(clauses),
                ClauseContext.of(normalized, clauses),
            )
        )
    return signals


def cached_signals(answers: list[Answer], cache_dir: Path | None) -> list[Signals]:
    """answer_signals(answers), kept in `cache_dir` between runs while the detector's sources
    and the answers are unchanged (the rules take most of a LOWO run's time)."""
    if cache_dir is None:
        return answer_signals(answers)
    import pickle

    digest = hashlib.sha256()
    for name in ("redflags.py", "redflag_context.py", "redflag_exemplars.py", "text.py"):
        digest.update(Path(__file__).with_name(name).read_bytes())
    digest.update(json.dumps([(a.writer, a.id, a.text) for a in answers], ensure_ascii=False).encode())
    path = cache_dir / f"redflag-signals-{digest.hexdigest()[:16]}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    signals = answer_signals(answers)
    cache_dir.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(signals))
    return signals


def best_learned(signal: Signals, model: LearnedModel, vectors: np.ndarray | None = None) -> float:
    """The highest P(violation) among the answer's units that may be evidence (0 when none)."""
    from kaoguan.score.redflags import learned_match

    units = signal.units if vectors is None else replace(signal.units, vectors=vectors)
    best = learned_match(signal.clauses, units, signal.context, model)
    return 0.0 if best is None else best[0]


def exemplar_support(signal: Signals, model: LearnedModel, vectors: np.ndarray | None = None) -> float:
    """The highest learned P(violation) of the exemplar fallback's evidence clauses (0 when it
    flagged nothing): its flags stand at model.exemplar_veto and above, as in detect_red_flags."""
    from kaoguan.score.redflags import learned_support

    units = signal.units if vectors is None else replace(signal.units, vectors=vectors)
    return max((learned_support(signal.clauses, units, model, e) for e in signal.exemplar_evidence), default=0.0)


def writer_figures(signals: list[Signals], found: list[bool]) -> dict[str, Result]:
    figures: dict[str, Result] = {}
    for signal, flag in zip(signals, found):
        figures.setdefault(signal.answer.writer, Result()).add(signal.answer.flagged, flag)
    return figures


def summary(figures: dict[str, Result]) -> dict[str, float]:
    scored = [f for w, f in figures.items() if f.tp + f.fn]  # writers with flagged answers
    return {
        "mean_precision": float(np.mean([f.precision for f in scored])),
        "min_precision": float(min(f.precision for f in scored)),
        "mean_recall": float(np.mean([f.recall for f in scored])),
        "min_recall": float(min(f.recall for f in scored)),
        "dev_false_alarms": figures["dev"].fp if "dev" in figures else 0,
    }


# Multiple-instance rounds for flagged answers without quoted evidence. The network is fitted
# without them (0): with one round over sets 1-30 it did no better on sets 34-36 (P 0.78 R 0.82
# against 0.77 / 0.83 at the shipped threshold).
MIL_ROUNDS = 0


def fold_model(
    units: Units, signals: list[Signals], l2: float, without: str | set[str] | None = None, answer_vectors=None
) -> LearnedModel:
    """The classifier fitted on everything but writer `without` (a name or a set of names; None:
    on everything).

    Flagged answers whose writer quoted no evidence add one positive each (multiple-instance
    learning, MIL_ROUNDS rounds): the unit the previous fit finds most likely to be the
    labelled family."""
    excluded = {without} if isinstance(without, str) else set(without or ())
    labels, weights, writers = np.asarray(units.labels), np.asarray(units.weights), np.asarray(units.writers)
    keep = ~np.isin(writers, list(excluded))
    x, y, w = units.vectors[keep], labels[keep], weights[keep]
    texts = [unit_text(p) for p, k in zip(units.pieces, keep) if k]
    cues = learn_cues(units, keep)
    model = replace(fit(x, y, w, l2, texts), cues=cues)
    for _ in range(MIL_ROUNDS):
        extra_x, extra_y, extra_texts = [], [], []
        for i, signal in enumerate(signals):
            answer = signal.answer
            if answer.writer in excluded or not answer.flagged or answer.evidence or not signal.clauses:
                continue
            vectors = signal.units.vectors if answer_vectors is None else answer_vectors[i]
            families = [CLASSES.index(f) for f in answer.families] or list(range(1, len(CLASSES)))
            p = model.probabilities(vectors, signal.units.texts)[:, families]
            unit, family = np.unravel_index(int(np.argmax(p)), p.shape)
            extra_x.append(vectors[unit])
            extra_y.append(families[family])
            extra_texts.append(signal.units.texts[unit])
        if not extra_x:
            break
        model = fit(
            np.vstack([x, np.asarray(extra_x)]),
            np.concatenate([y, extra_y]),
            np.concatenate([w, np.ones(len(extra_y))]),
            l2,
            texts + extra_texts,
        )
        model = replace(model, cues=cues)
    return model


# -- cue words learned from the evidence ---------------------------------------------------------

# A learned unit below the strong threshold needs a cue of its family (redflags.learned_match).
# The hand-written lists were grown by reading misses, so every new writer's wording outgrew
# them: most of session 14's misses on unseen writers had P(violation) 0.65-0.95 and no cue
# ("钱我们银行这边肯定能想办法帮您追回来的"). So the cues are widened by the character 2- and 3-grams
# that mark a family's evidence across writers: found in that family's evidence (or labelled)
# clauses by at least CUE_MIN_WRITERS writers, at least CUE_MIN_SHARE of their occurrences
# (evidence plus clean clauses) in that evidence, and in at most CUE_MAX_CLEAN_RATE of clean
# clauses. Measured by the forward tests (the module docstring, session 15): sets 31-48 pooled
# P 0.893 R 0.758 -> 0.874 / 0.834 fitted up to set 30; 43-48 0.91/0.78 -> 0.88/0.88 fitted up to
# 42. The prototype counted answer sets only (not the labelled-clause corpora): 0.869/0.821.
CUE_SIZES = (2, 3)
CUE_MIN_WRITERS = 3
CUE_MIN_SHARE = 0.5
CUE_MAX_CLEAN_RATE = 0.002


def learn_cues(units: Units, keep: np.ndarray) -> dict[str, tuple[str, ...]]:
    """Per reported family code, the cue n-grams of the kept single-clause units: the writers'
    quoted evidence and labelled clauses against clean clauses (clean answers' and labelled
    compliant ones). The hand-written exemplars are left out: they are one author's wording, and
    a cue must recur across writers."""
    writers_of: dict[str, dict[int, set[str]]] = {}
    in_evidence: Counter = Counter()
    in_clean: Counter = Counter()
    clean_clauses = 0
    for pieces, label, weight, writer, kept in zip(units.pieces, units.labels, units.weights, units.writers, keep):
        if not kept or len(pieces) != 1 or writer == "exemplars":
            continue
        grams = {pieces[0][i : i + n] for n in CUE_SIZES for i in range(len(pieces[0]) - n + 1)}
        if label != CLASSES.index(CLEAN):
            for gram in grams:
                writers_of.setdefault(gram, {}).setdefault(label, set()).add(writer)
                in_evidence[gram, label] += 1
        elif weight == 1.0:  # a clean answer's clause (a flagged answer's other clauses are not sure)
            clean_clauses += 1
            in_clean.update(grams)
    cues: dict[str, set[str]] = {}
    for gram, by_label in writers_of.items():
        for label, writers in by_label.items():
            count = in_evidence[gram, label]
            if (
                len(writers) >= CUE_MIN_WRITERS
                and count >= CUE_MIN_SHARE * (count + in_clean[gram])
                and in_clean[gram] <= CUE_MAX_CLEAN_RATE * clean_clauses
            ):
                code = CLASSES[label]
                cues.setdefault(REPORTED_AS.get(code, code), set()).add(gram)
    return {code: tuple(sorted(grams)) for code, grams in sorted(cues.items())}


@dataclass
class FoldScores:
    """Per answer, from the model that did not see its writer: the best learned P(violation)
    under each cue requirement, and the learned support of the rules' evidence."""

    best: dict[str, list[float]]
    support: list[float]  # max over the exemplar fallback's evidence clauses of their P(violation); 0 if none


CUE_MODES = ("family", "any", "none")
USE_WIDTH = 512  # fold models of this width keep the cache keys they had before widths were told apart


def cached_fold_model(units, signals, l2, writer, answer_vectors, cache_dir: Path | None) -> LearnedModel:
    """fold_model, kept in `cache_dir` (.npz) for the same data, writer, settings and feature
    width (USE 512, e5 384): the decision rules (cues, thresholds) can then be re-measured
    without refitting."""
    if cache_dir is None:
        return fold_model(units, signals, l2, writer, answer_vectors)
    key = hashlib.sha256(
        json.dumps(
            [data_digest(), writer, l2, NGRAM_SCALE, NGRAM_VOCABULARY, MIL_ROUNDS, ITERATIONS, HIDDEN,
             LEARNING_RATE, SEED, ENSEMBLE, CUE_SIZES, CUE_MIN_WRITERS, CUE_MIN_SHARE, CUE_MAX_CLEAN_RATE]
            + ([units.vectors.shape[1]] if units.vectors.shape[1] != USE_WIDTH else [])
        ).encode()
    ).hexdigest()[:16]
    path = cache_dir / f"redflag-fold-{writer}-{key}.npz"
    if path.exists():
        return LearnedModel.from_bytes(path.read_bytes())
    model = fold_model(units, signals, l2, writer, answer_vectors)
    cache_dir.mkdir(parents=True, exist_ok=True)
    path.write_bytes(model.to_bytes({}))
    return model


def lowo_scores(
    signals: list[Signals],
    units: Units,
    l2: float,
    answer_vectors: list[np.ndarray] | None = None,
    cache_dir: Path | None = None,
) -> FoldScores:
    scores = FoldScores({mode: [0.0] * len(signals) for mode in CUE_MODES}, [0.0] * len(signals))
    for writer in sorted({s.answer.writer for s in signals}):
        model = cached_fold_model(units, signals, l2, writer, answer_vectors, cache_dir)
        for i, signal in enumerate(signals):
            if signal.answer.writer != writer:
                continue
            vectors = None if answer_vectors is None else answer_vectors[i]
            for mode in CUE_MODES:
                gated = replace(model, require_cue=mode, strong_threshold=NEVER)
                scores.best[mode][i] = best_learned(signal, gated, vectors)
            scores.support[i] = exemplar_support(signal, model, vectors)
    return scores


def combined(
    signals: list[Signals], scores: FoldScores, cue_mode: str, threshold: float, strong: float, veto: float = 0.0
) -> list[bool]:
    """Answer flags from the rules plus the learned units, as detect_red_flags decides them: an
    exemplar's flag stands when its evidence has learned support >= `veto`."""
    return [
        s.patterns
        or s.exemplars and scores.support[i] >= veto
        or scores.best[cue_mode][i] >= threshold
        or scores.best["none"][i] >= strong
        for i, s in enumerate(signals)
    ]


def choose(signals: list[Signals], scores: FoldScores) -> tuple[tuple, dict[str, float]] | None:
    """The (cue mode, threshold, strong threshold, exemplar veto) with the highest mean LOWO recall
    among those keeping mean precision ≥ MIN_PRECISION and dev false alarms ≤ MAX_DEV_FALSE_ALARMS;
    of settings within RECALL_TIE of that recall, the most precise."""
    admissible = []
    for mode in ("family", "any"):
        for threshold in np.round(np.arange(0.5, 0.96, 0.05), 2):
            for strong in (0.9, 0.92, 0.94, 0.96, 0.98, NEVER):
                for veto in EXEMPLAR_VETO_GRID:
                    setting = (mode, float(threshold), strong, veto)
                    s = summary(writer_figures(signals, combined(signals, scores, *setting)))
                    if s["mean_precision"] >= MIN_PRECISION and s["dev_false_alarms"] <= MAX_DEV_FALSE_ALARMS:
                        admissible.append((setting, s))
    if not admissible:
        return None
    top_recall = max(s["mean_recall"] for _, s in admissible)
    return max(
        (item for item in admissible if item[1]["mean_recall"] >= top_recall - RECALL_TIE),
        key=lambda item: (item[1]["mean_precision"], item[1]["mean_recall"]),
    )


def nested_choice(signals: list[Signals], scores: FoldScores) -> list[bool]:
    """Answer flags with the setting for each writer chosen by `choose` on the OTHER writers
    only, so the threshold choice is held out too (the fold models already are)."""
    found = [False] * len(signals)
    for writer in sorted({s.answer.writer for s in signals}):
        others = [i for i, s in enumerate(signals) if s.answer.writer != writer]
        sub_scores = FoldScores(
            {mode: [scores.best[mode][i] for i in others] for mode in CUE_MODES}, [scores.support[i] for i in others]
        )
        chosen = choose([signals[i] for i in others], sub_scores)
        setting = chosen[0] if chosen else (CUE_MODE, THRESHOLD, STRONG_THRESHOLD, EXEMPLAR_VETO)
        flags = combined(signals, scores, *setting)
        for i, s in enumerate(signals):
            if s.answer.writer == writer:
                found[i] = flags[i]
    return found


# -- forward test: how the shipped setting was chosen (session 13) -------------------------------

FORWARD_THRESHOLDS = tuple(float(t) for t in np.round(np.arange(0.5, 0.96, 0.04), 2))
FORWARD_STRONG = (0.9, 0.94, 0.97, 0.99, NEVER)
FORWARD_MIN_PRECISION = 0.80  # the bar, on each group of later writers
# Dev's clean answers flagged by the fit without dev. Sessions 13-14 allowed none; with the learned
# cue words (session 15) the fit up to set 30 flags one of dev's 100 (1%), well inside
# the precision bar, which the groups' own precision already enforces.
FORWARD_MAX_DEV_FALSE_ALARMS = 1


def set_number(writer: str) -> int | None:
    return int(writer[3:]) if writer.startswith("set") and writer[3:].isdigit() else None


def later_groups(answers: list[Answer], last_fitted: int, last_judged: int) -> list[list[str]]:
    """The sets after set `last_fitted` up to `last_judged`, three to a group (one session's round)."""
    numbers = {set_number(a.writer) for a in answers} - {None}
    later = sorted(n for n in numbers if last_fitted < n <= last_judged)
    return [[f"set{n}" for n in later[i : i + 3]] for i in range(0, len(later), 3)]


def forward_scores(
    answers: list[Answer], units: Units, last_fitted: int, last_judged: int, cache_dir: Path | None
) -> tuple:
    """Signals and FoldScores for sets `last_fitted`+1 .. `last_judged` (classifier fitted on
    everything else up to set `last_fitted`, dev included) and for dev (the same fit without dev).
    Sets after `last_judged` are left out of both. No multiple-instance rounds (as shipped)."""
    groups = later_groups(answers, last_fitted, last_judged)
    later = {w for group in groups for w in group}
    unseen = later | {a.writer for a in answers if (set_number(a.writer) or 0) > last_judged}
    judged = [a for a in answers if a.writer in later or a.writer == "dev"]
    signals = cached_signals(judged, cache_dir)
    scores = FoldScores({mode: [0.0] * len(signals) for mode in CUE_MODES}, [0.0] * len(signals))
    for held_out in (unseen, unseen | {"dev"}):
        model = fold_model(units, [], L2, without=held_out)
        for i, signal in enumerate(signals):
            if (signal.answer.writer == "dev") == ("dev" in held_out):
                for mode in CUE_MODES:
                    scores.best[mode][i] = best_learned(signal, replace(model, require_cue=mode, strong_threshold=NEVER))
                scores.support[i] = exemplar_support(signal, model)
    return groups, signals, scores


def forward_figures(groups, signals, scores, setting) -> tuple[list[Result], int]:
    """Each group's answer-level figures under `setting`, and dev's false alarms."""
    found = combined(signals, scores, *setting)
    results = [Result() for _ in groups]
    dev_false_alarms = 0
    for signal, flag in zip(signals, found):
        writer = signal.answer.writer
        if writer == "dev":
            dev_false_alarms += flag and not signal.answer.flagged
        else:
            results[next(i for i, g in enumerate(groups) if writer in g)].add(signal.answer.flagged, flag)
    return results, dev_false_alarms


def forward_choice(groups, signals, scores) -> tuple | None:
    """The setting with the most mean recall over the groups, precision >= FORWARD_MIN_PRECISION
    on each and at most FORWARD_MAX_DEV_FALSE_ALARMS on dev; of equal recall, the most precise."""
    best, best_key = None, None
    for mode in CUE_MODES:
        for threshold in FORWARD_THRESHOLDS:
            for strong in FORWARD_STRONG if mode != "none" else (NEVER,):
                setting = (mode, threshold, strong, EXEMPLAR_VETO)
                results, dev_false_alarms = forward_figures(groups, signals, scores, setting)
                if dev_false_alarms > FORWARD_MAX_DEV_FALSE_ALARMS or min(r.precision for r in results) < FORWARD_MIN_PRECISION:
                    continue
                key = (round(float(np.mean([r.recall for r in results])), 6), float(np.mean([r.precision for r in results])))
                if best_key is None or key > best_key:
                    best, best_key = setting, key
    return best


def print_forward(groups, signals, scores) -> None:
    chosen = forward_choice(groups, signals, scores)
    shipped = (CUE_MODE, THRESHOLD, STRONG_THRESHOLD, EXEMPLAR_VETO)
    for name, setting in (("shipped", shipped), ("chosen by the rule", chosen)):
        if setting is None:
            print(f"{name}: no setting meets the bounds")
            continue
        results, dev_false_alarms = forward_figures(groups, signals, scores, setting)
        print(f"{name} {setting}: " + "; ".join(f"sets {g[0][3:]}-{g[-1][3:]} {r}" for g, r in zip(groups, results))
              + f"; dev false alarms {dev_false_alarms}")


def print_table(title: str, figures: dict[str, Result]) -> None:
    print(title)
    for writer, f in figures.items():
        print(f"  {writer:8s} P={f.precision:.2f} R={f.recall:.2f} (tp {f.tp}, fp {f.fp}, fn {f.fn}, tn {f.tn})")
    s = summary(figures)
    print(
        f"  mean P={s['mean_precision']:.3f} R={s['mean_recall']:.3f}   min P={s['min_precision']:.2f} "
        f"R={s['min_recall']:.2f}   dev false alarms {s['dev_false_alarms']}"
    )


def main(argv: list[str] | None = None) -> None:
    global MIL_ROUNDS
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--grid", action="store_true", help="LOWO over the regularisation and threshold grid")
    parser.add_argument("--write", action="store_true", help=f"fit on every writer and write {MODEL_FILE}")
    parser.add_argument("--encoder", default="use", choices=("use", "e5"), help="features (the detector uses USE)")
    parser.add_argument("--cache", type=Path, help="keep unit vectors here between runs (while iterating)")
    parser.add_argument("--mil-rounds", type=int, help=f"multiple-instance rounds (default {MIL_ROUNDS})")
    parser.add_argument("--forward", type=int, metavar="N",
                        help="forward test: fit on everything up to set N, judge the later sets (three to a group) and dev")
    parser.add_argument("--until", type=int, default=10**6, metavar="M",
                        help="with --forward: judge sets up to M and leave later ones out altogether")
    args = parser.parse_args(argv)
    if args.mil_rounds is not None:
        MIL_ROUNDS = args.mil_rounds

    answers = load_answers(held_out=args.forward is not None)
    units = training_units(answers)
    units.vectors = encode_units(units.pieces, args.encoder, args.cache)
    counts = np.bincount(units.labels, minlength=len(CLASSES))
    print("training units: " + ", ".join(f"{c} {n}" for c, n in zip(CLASSES, counts)), file=sys.stderr)
    if args.write:
        model = fold_model(units, answer_signals(answers, rules=False), L2)
        meta = {
            "written_by": "python -m kaoguan.score.redflag_train --write",
            "encoder": "use",
            "l2": L2,
            "hidden": HIDDEN,
            "iterations": ITERATIONS,
            "learning_rate": LEARNING_RATE,
            "seed": SEED,
            "ensemble": ENSEMBLE,
            "ngram_scale": NGRAM_SCALE,
            "ngram_vocabulary": NGRAM_VOCABULARY,
            "mil_rounds": MIL_ROUNDS,
            "units": {c: int(n) for c, n in zip(CLASSES, counts)},
            "data_sha256": data_digest(),
        }
        target = Path(__file__).with_name(MODEL_FILE)
        target.write_bytes(model.to_bytes(meta))
        print(f"wrote {target}", file=sys.stderr)
        return

    if args.forward is not None:
        print_forward(*forward_scores(answers, units, args.forward, args.until, args.cache))
        return

    signals = cached_signals(answers, args.cache)
    answer_vectors = None
    if args.encoder != "use":
        answer_vectors = [
            encode_units([tuple(s.clauses[i] for i in part) for part in s.units.parts], args.encoder, args.cache)
            for s in signals
        ]
    print_table("hand-written rules only (patterns + exemplars; tune, set1-3 and dev were read while writing them)",
                writer_figures(signals, [s.patterns or s.exemplars for s in signals]))
    for l2 in L2_GRID if args.grid else (L2,):
        scores = lowo_scores(signals, units, l2, answer_vectors, args.cache)
        setting = (CUE_MODE, THRESHOLD, STRONG_THRESHOLD, EXEMPLAR_VETO)
        chosen = choose(signals, scores)
        print(f"l2 {l2}: the rule in choose() picks {chosen}")
        if args.grid:
            if chosen is None:
                continue
            setting = chosen[0]
        found = combined(signals, scores, *setting)
        print_table(f"LOWO rules + learned (l2 {l2}, cue {setting[0]}, threshold {setting[1]}, strong {setting[2]}, "
                    f"exemplar veto {setting[3]})",
                    writer_figures(signals, found))
        print_table("LOWO rules + learned, the setting chosen without the held-out writer (nested)",
                    writer_figures(signals, nested_choice(signals, scores)))
        misses = Counter(f for s, hit in zip(signals, found) if s.answer.flagged and not hit for f in s.answer.families or ("?",))
        print("  missed by family: " + ", ".join(f"{k} {v}" for k, v in misses.most_common()))


def data_digest() -> str:
    """A digest of everything the classifier is fitted on (answer sets, labelled clauses, dev
    answers, hand-written exemplars): the shipped model records it, a test compares."""
    from kaoguan.score.redflag_exemplars import COMPLIANT, VIOLATIONS

    digest = hashlib.sha256()
    for path in [*(DATA / n for n in sorted([*ANSWER_FILES.values(), *CLAUSE_FILES.values()])), DEV_ANSWERS]:
        if path.exists():
            digest.update(path.read_bytes())
    digest.update(json.dumps([VIOLATIONS, COMPLIANT], ensure_ascii=False, sort_keys=True).encode())
    return digest.hexdigest()


if __name__ == "__main__":
    # Run through the importable module, not as __main__: the cached signals (--cache) are pickled,
    # and a pickle of __main__.Signals cannot be read back by any other entry point.
    from kaoguan.score.redflag_train import main as module_main

    module_main()
