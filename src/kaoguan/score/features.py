"""Features of "does this answer cover this key point?", shared by the scorer and its calibration.

For each key point we find the answer unit (a clause, or a window of two adjacent
clauses; sentences for the heavier model) that is closest in meaning, and describe that
match with a handful of numbers. A small calibrated model (calibration.json, fitted by
`kaoguan.score.calibrate`) turns them into covered / partly / not.

Raw cosines are not comparable across key points (a short, generic key point is close to
everything), so each similarity is also given relative to the key point's similarity to
generic filler sentences that cover nothing.
"""

from __future__ import annotations

import math
import re
import threading
from functools import lru_cache
from dataclasses import dataclass, field

import numpy as np

from kaoguan.bank.model import KeyPoint, Question
from kaoguan.score.concepts import concept_support
from kaoguan.score.encoders import Encoder
from kaoguan.score.text import char_bigrams, normalize_answer, split_clauses, split_sentences, windows, words

# Sentences an interview answer can contain while covering no key point. A key point's
# similarity to these is its "floor".
GENERIC_FILLERS = (
    "我觉得这个问题很重要",
    "我会努力做好自己的本职工作",
    "我是一个认真负责、吃苦耐劳的人",
    "我之前在学校参加过很多社团活动",
    "我非常希望能加入贵公司",
    "总之我会尽力而为，不断学习提升自己",
    "我平时喜欢跑步和看书",
    "团队合作和沟通能力很重要",
    "这个行业的发展前景很好",
    "我会按照公司的要求去做",
    "客户满意是最重要的",
    "我的优点是细心和有耐心",
)

# Markers of a concrete, first-person account (what the candidate would actually do or
# say), as opposed to slogans. Counted per clause.
_CONCRETE = re.compile(
    r"我(会|就|先|再|要|去|把|跟|和|帮|给|也|还|当时|马上|立刻|主动)|然后|接着|最后|比如|例如|"
    r"跟(他|她|客户|对方)说|告诉(他|她|客户)|“|\d|第[一二三四五六七八九十]|天|小时|分钟"
)
# A clause that is a list of labels: 客户至上、换位思考、数据驱动 …
_LIST_ITEM = re.compile(r"[^、，。“”\s]{1,8}")
_NEGATION = re.compile(r"不|没|别|未|无|拒绝|懒得|直接拒")


FEATURES_FAST = (
    "use_best", "use_rel", "lex_answer", "lex_unit", "listy", "concrete", "neg_mismatch", "echo_prompt",
    "listy_answer", "unit_extra", "concept", "others_cover",
)
# Padding an answer with unrelated sentences should not raise its score. echo_prompt and
# others_cover are maxima over clauses, which padding cannot dilute. The share of the answer
# made of key-point words (kw_density) was dropped: padding diluted it and, with its fitted
# negative weight, two generic sentences raised held-out scores by 0.1 points on average (up
# to 3). concrete and listy_answer are still shares; bench/score_eval.py measures the net effect.
ALTERNATIVES = 3  # next-best units kept per key point, for when its best one is credited elsewhere
FEATURES_ACCURATE = FEATURES_FAST + ("e5_best", "e5_rel", "e5_above")


@dataclass
class KeyPointMatch:
    key_point: KeyPoint
    features: dict[str, float]
    evidence: str | None
    # The next-best units: (evidence, the features that describe that unit); the rest are shared.
    alternatives: list[tuple[str, dict[str, float]]] = field(default_factory=list)

    def features_of(self, unit_features: dict[str, float]) -> dict[str, float]:
        """This match's features with another evidence unit in place of its best one."""
        return {**self.features, **unit_features}


@dataclass
class AnswerAnalysis:
    text: str  # normalized
    clauses: list[str]
    matches: list[KeyPointMatch] = field(default_factory=list)
    labels: frozenset[str] = frozenset()  # clauses that are bare labels in a point-by-point list


@dataclass
class _KeyPointVectors:
    variants: list[list[str]]  # per key point: its texts (text; text + detail)
    vectors: dict[str, list[np.ndarray]]  # encoder name → per key point (n_variants, dim)
    floors: dict[str, np.ndarray]  # encoder name → per key point similarity to fillers
    ceilings: dict[str, np.ndarray]  # encoder name → per key point similarity to its closest filler
    prompt: dict[str, np.ndarray]
    words: list[tuple[str, ...]]
    all_words: frozenset[str]  # content words of all key points and details (≥2 characters)


class KeyPointMatcher:
    """Computes match features for (question, answer) pairs, batching model calls."""

    def __init__(self, encoders: dict[str, Encoder]) -> None:
        self.encoders = encoders  # "use" always; "e5" in accurate mode
        self._cache: dict[tuple, _KeyPointVectors] = {}
        self._cache_lock = threading.Lock()

    @property
    def feature_names(self) -> tuple[str, ...]:
        return FEATURES_ACCURATE if "e5" in self.encoders else FEATURES_FAST

    # -- key points (cached per question content) -------------------------------------
    def _key_point_vectors(self, question: Question) -> _KeyPointVectors:
        key = (question.id, question.prompt, tuple((k.id, k.text, k.detail) for k in question.key_points))
        with self._cache_lock:
            cached = self._cache.get(key)
        if cached is not None:
            return cached
        variants = [_variants(kp) for kp in question.key_points]
        vectors, floors, ceilings, prompt = {}, {}, {}, {}
        for name, encoder in self.encoders.items():
            filler = encoder.encode(list(GENERIC_FILLERS), cache=True)
            per_kp = [encoder.encode(texts, cache=True) for texts in variants]
            vectors[name] = per_kp
            floors[name] = np.array([_top_mean((v @ filler.T).max(axis=0), 3) for v in per_kp])
            ceilings[name] = np.array([float((v @ filler.T).max()) for v in per_kp])
            prompt[name] = encoder.encode([normalize_answer(question.prompt)], cache=True)[0]
        built = _KeyPointVectors(
            variants=variants,
            vectors=vectors,
            floors=floors,
            ceilings=ceilings,
            prompt=prompt,
            words=[words(normalize_answer(kp.text)) for kp in question.key_points],
            all_words=frozenset(
                w for kp in question.key_points for t in (kp.text, kp.detail or "") for w in words(normalize_answer(t)) if len(w) >= 2
            ),
        )
        with self._cache_lock:
            self._cache[key] = built
        return built

    # -- answers ------------------------------------------------------------------------
    def analyze(self, items: list[tuple[Question, str]]) -> list[AnswerAnalysis]:
        """Analyze many answers with one model call per encoder (batching is what makes it fast)."""
        texts = [normalize_answer(text) for _, text in items]
        clauses = [split_clauses(text) for text in texts]
        unit_sets = {"use": [cl + windows(cl, 2) for cl in clauses]}
        pending_e5 = None
        if "e5" in self.encoders:
            sentences = [_e5_units(text, cl) for text, cl in zip(texts, clauses)]
            # Sentences and adjacent pairs of them (as normalized sums, like USE's windows):
            # a key point is often made across two sentences ("我先…。然后…。").
            unit_sets["e5"] = [s + windows(s, 2) for s in sentences]
            # e5 is about 90% of accurate mode's CPU and its engine runs without the GIL, so
            # it starts first, on its own thread, and the USE encoding below runs meanwhile.
            pending_e5 = self.encoders["e5"].encode_later(_flat(sentences))
        # USE encodes each clause once; a two-clause window is the normalized sum of its
        # clauses' vectors (USE averages its tokens, so a sum of parts is close to the
        # whole). Encoding windows too cost 3.5× the tokens.
        clause_vectors = self._encode_grouped("use", clauses)
        encoded = {"use": [_with_windows(v) for v in clause_vectors]}
        if pending_e5 is not None:
            encoded["e5"] = [_with_windows(v) for v in _regroup(pending_e5.result(), sentences)]

        results = []
        for i, (question, _) in enumerate(items):
            kpv = self._key_point_vectors(question)
            analysis = AnswerAnalysis(text=texts[i], clauses=clauses[i], labels=label_items(texts[i]))
            echo = _echo_prompt(clause_vectors[i], kpv.prompt["use"])
            concrete = _concreteness(clauses[i])
            listy_answer = _list_share(clauses[i], analysis.labels)
            for k, kp in enumerate(question.key_points):
                analysis.matches.append(
                    self._match(kp, k, kpv, unit_sets, encoded, i, texts[i], analysis,
                                {"echo_prompt": echo, "concrete": concrete, "listy_answer": listy_answer})
                )
            _add_other_points(analysis.matches)
            results.append(analysis)
        return results

    def _encode_grouped(self, name: str, groups: list[list[str]]) -> list[np.ndarray]:
        return _regroup(self.encoders[name].encode(_flat(groups)), groups)

    def _match(self, kp, k, kpv, unit_sets, encoded, i, text, analysis, answer_features) -> KeyPointMatch:
        n_clauses = len(analysis.clauses)
        features: dict[str, float] = dict(answer_features)
        evidence = None
        for name in unit_sets:
            units, vectors = unit_sets[name][i], encoded[name][i]
            if not units:
                features[f"{name}_best"] = 0.0
                features[f"{name}_rel"] = -float(kpv.floors[name][k])
                features[f"{name}_above"] = 0.0
                continue
            sims = (vectors @ kpv.vectors[name][k].T).max(axis=1)
            best = int(np.argmax(sims))
            features[f"{name}_best"] = float(sims[best])
            features[f"{name}_rel"] = float(sims[best] - kpv.floors[name][k])
            # How far the best unit rises above the key point's closest generic filler (0 if not):
            # a stricter, padding-proof reading of _rel (e5's; USE's feeds others_cover).
            features[f"{name}_above"] = max(0.0, float(sims[best] - kpv.ceilings[name][k]))
            if name == "use":
                evidence = _prefer_single_clause(units, sims, best, n_clauses)
                use_sims = sims
        features["lex_answer"] = _lexical_recall(kpv.words[k], text)
        features["concept"] = concept_support(kp.text + "：" + (kp.detail or ""), text)
        features.update(_unit_features(kp, kpv.words[k], kpv.all_words, evidence or "", analysis.labels))
        match = KeyPointMatch(key_point=kp, features=features, evidence=evidence)
        if evidence:
            units, floor = unit_sets["use"][i], float(kpv.floors["use"][k])
            for j in np.argsort(-use_sims)[1 : ALTERNATIVES + 1]:
                unit = {"use_best": float(use_sims[j]), "use_rel": float(use_sims[j]) - floor}
                unit.update(_unit_features(kp, kpv.words[k], kpv.all_words, units[j], analysis.labels))
                match.alternatives.append((units[j], unit))
        return match


def _unit_features(
    kp: KeyPoint, key_words: tuple[str, ...], vocabulary: frozenset[str], unit: str, labels: frozenset[str]
) -> dict[str, float]:
    """What the evidence unit itself says: the key point's words, a list of labels, words of its own, a negation."""
    return {
        "lex_unit": _lexical_recall(key_words, unit),
        "listy": 1.0 if is_label(unit, labels) else listiness(unit),
        "unit_extra": math.log1p(_uncovered_chars(unit, vocabulary)),
        "neg_mismatch": float(bool(_NEGATION.search(unit)) and not _NEGATION.search(kp.text)),
    }


def _add_other_points(matches: list[KeyPointMatch]) -> None:
    """`others_cover`: how far the answer gets on the question's *other* key points. Raters
    read a key point in the light of the whole answer: a thorough answer's brief mention
    counts, a thin answer's near-miss does not. Each other point counts only by how far its
    best unit rises above the point's closest generic filler, so generic padding ("我相信自己
    能胜任这份工作") adds nothing; it measures coverage, not length. A question with a single
    key point has no others: its own value stands in."""
    values = [m.features["use_above"] for m in matches]
    for n, match in enumerate(matches):
        others = values[:n] + values[n + 1 :] or values[n : n + 1]
        match.features["others_cover"] = float(np.mean(others))


def _echo_prompt(clause_vectors: np.ndarray, prompt_vector: np.ndarray) -> float:
    """How closely the answer's clause nearest the question echoes it (restating the question
    is not answering it). The answer's closest clause, not its mean direction: a mean falls
    as unrelated sentences are added, and padding an answer must not raise its score."""
    return float((clause_vectors @ prompt_vector).max()) if len(clause_vectors) else 0.0


def _normalized(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def _with_windows(clause_vectors: np.ndarray) -> np.ndarray:
    """Clause vectors followed by those of each adjacent pair (same order as `windows(clauses, 2)`)."""
    pairs = clause_vectors[:-1] + clause_vectors[1:]
    return np.vstack([clause_vectors, _normalized(pairs)]) if len(pairs) else clause_vectors


def _variants(kp: KeyPoint) -> list[str]:
    """The texts a key point is matched by: its label, each phrase of its detail (model
    phrasings such as “您主要是想知道…对吗？” are what answers echo), and label + detail."""
    text = normalize_answer(kp.text)
    out = [text]
    if kp.detail:
        detail = normalize_answer(kp.detail)
        out += [part for part in _DETAIL_PARTS.split(detail) if len(part) >= 4]
        out.append(f"{text}：{detail}")
    return list(dict.fromkeys(out))


_DETAIL_PARTS = re.compile(r"[。；;，,：:“”\n]|如：|例如|比如")


def _flat(groups: list[list[str]]) -> list[str]:
    return [unit for group in groups for unit in group]


def _regroup(vectors: np.ndarray, groups: list[list[str]]) -> list[np.ndarray]:
    """Rows of `vectors` (one per unit of `_flat(groups)`) cut back into one array per group."""
    out, start = [], 0
    for group in groups:
        out.append(vectors[start : start + len(group)])
        start += len(group)
    return out


def _e5_units(text: str, clauses: list[str]) -> list[str]:
    """Units for the heavier model: sentences (≈3 per answer) keep it ≥10 answers/s on 2 cores
    (clauses cost ~25% more CPU and, tried, matched no better)."""
    return split_sentences(text) or clauses


def _top_mean(values: np.ndarray, n: int) -> float:
    return float(np.sort(values)[-n:].mean())


def _prefer_single_clause(units: list[str], sims: np.ndarray, best: int, n_clauses: int) -> str:
    """Quote one clause when it is nearly as close as the best two-clause window: shorter evidence reads better."""
    if best >= n_clauses:  # a window: (clause j, clause j+1)
        j = best - n_clauses
        single = j if sims[j] >= sims[j + 1] else j + 1
        if sims[single] >= sims[best] - 0.02:
            return units[single]
    return units[best]


def _lexical_recall(key_words: tuple[str, ...], text: str) -> float:
    """Share of the key point's content words (or, failing a match, their character bigrams) found in text."""
    if not key_words or not text:
        return 0.0
    grams = char_bigrams(text)
    hits = 0.0
    for word in key_words:
        if word in text:
            hits += 1
        elif len(word) >= 2:
            word_grams = char_bigrams(word)
            hits += 0.5 * len(word_grams & grams) / max(1, len(word_grams))
    return hits / len(key_words)


@lru_cache(maxsize=8192)  # a unit is judged for every key point of its question
def listiness(unit: str) -> float:
    """1.0 for a bare list of short labels (客户至上、换位思考、数据驱动), 0 for a statement."""
    items = [part for part in re.split(r"[、和与及]", unit) if part]
    if unit.count("、") < 2 or not items:
        return 0.0
    short = sum(1 for item in items if _LIST_ITEM.fullmatch(item))
    return short / len(items)


def _list_share(clauses: list[str], labels: frozenset[str] = frozenset()) -> float:
    """Share of the answer's characters that sit in lists of labels: near 1 for a stuffed
    answer, small for a thorough one that lists a few items in passing (the answer's single
    most list-like clause, used before, penalized long answers for any enumeration)."""
    total = sum(len(c) for c in clauses)
    return sum(len(c) * (1.0 if c in labels else listiness(c)) for c in clauses) / total if total else 0.0


# Ordinal markers of a point-by-point list: 第一、… 一是… 1. … 首先/其次/再次 (not 然后/最后,
# which narrate steps), with the punctuation that may follow them.
_ORDINAL = re.compile(r"(第[一二三四五六七八九十]|[一二三四五六七八九十]是|(?<![\d.])[1-9][.、)）]|首先|其次|再次)[，,：:、]?")
_ITEM_END = re.compile(r"[；;。！!？?\n]")
_LABEL_MAX_CHARS = 8  # 了解客户需求, 通俗易懂地解释: a heading, not a statement of what one does


def label_items(text: str) -> frozenset[str]:
    """The items of a point-by-point list that are bare labels ("第一，了解客户需求；第二，通俗易懂
    地解释；第三，确认客户理解"): three or more short items with no first person. Such a list names
    key points without saying what one would do; the rating rule marks them 0 like a 、-list."""
    starts = list(_ORDINAL.finditer(text))
    items = []
    for n, marker in enumerate(starts):
        end = starts[n + 1].start() if n + 1 < len(starts) else len(text)
        item = _ITEM_END.split(text[marker.end() : end], maxsplit=1)[0].strip(" ，,、")
        items.append(item)
    labels = [item for item in items if item and len(re.sub(r"\W", "", item)) <= _LABEL_MAX_CHARS and "我" not in item]
    return frozenset(labels) if len(labels) >= 3 else frozenset()


def is_label(unit: str, labels: frozenset[str]) -> bool:
    """Whether every clause of an evidence unit is a bare label of a point-by-point list."""
    parts = [part for part in re.split(r"[，,]", unit) if part]
    return bool(labels) and bool(parts) and all(part in labels for part in parts)


def _covered_mask(text: str, vocabulary: frozenset[str]) -> list[bool]:
    mask = [False] * len(text)
    for word in vocabulary:
        start = text.find(word)
        while start >= 0:
            for j in range(start, start + len(word)):
                mask[j] = True
            start = text.find(word, start + 1)
    return mask


@lru_cache(maxsize=8192)
def _uncovered_chars(unit: str, vocabulary: frozenset[str]) -> int:
    """Characters of the evidence that are not key-point words: what the candidate added of their own."""
    mask = _covered_mask(unit, vocabulary)
    return sum(1 for ch, covered in zip(unit, mask) if not covered and re.match(r"\w", ch))


def _concreteness(clauses: list[str]) -> float:
    """Share of clauses that narrate a concrete action or quote what was said (log-damped count)."""
    if not clauses:
        return 0.0
    hits = sum(1 for clause in clauses if _CONCRETE.search(clause))
    return math.log1p(hits) / math.log1p(max(len(clauses), 1))


def feature_matrix(analyses: list[AnswerAnalysis], names: tuple[str, ...]) -> np.ndarray:
    rows = [[m.features[n] for n in names] for a in analyses for m in a.matches]
    return np.array(rows, dtype=np.float64).reshape(-1, len(names))
