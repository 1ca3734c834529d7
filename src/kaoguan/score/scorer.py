"""The scorer: objective grading and key-point scoring of open answers.

    scorer = Scorer()                       # cheap; models load on first use
    score = scorer.score(question, "我会先安抚客户情绪……", answer_id="a1")
    scores = scorer.score_many([(q1, text1), (q2, text2, "a2")])   # batch-encodes

Modes: "accurate" (multilingual-e5-small on sentences + USE on clauses) and "fast" (USE
on clauses only, ~10× faster). The default is "accurate", or $KAOGUAN_SCORE_MODE.
A Scorer is safe to share between threads (e.g. a web server's workers).
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterable, Sequence
from contextlib import ExitStack

import numpy as np

from kaoguan.bank.model import KeyPoint, Question
from kaoguan.bank.placeholders import is_placeholder_answer
from kaoguan.score.coverage import CoverageModel, load_calibration
from kaoguan.score.encoders import one_blas_thread, shared_encoder
from kaoguan.score.features import AnswerAnalysis, KeyPointMatcher, is_label, listiness
from kaoguan.score.feedback import open_feedback
from kaoguan.score.model import KeyPointCoverage, RedFlag, Score
from kaoguan.score.objective import grade_objective
from kaoguan.score.redflags import detect_red_flags
from kaoguan.score.structure import star_structure
from kaoguan.score.text import split_sentences

MODES = ("accurate", "fast")
DEFAULT_MODE_ENV = "KAOGUAN_SCORE_MODE"
RED_FLAG_CAP = 0.4  # any red flag caps the score at 40% of the points (DESIGN.md)
# Raters score most red-flag answers below the cap ("severe violations usually score below
# it"): a flagged answer keeps this share of its coverage score (fitted in calibrate.py).
DEFAULT_RED_FLAG_DISCOUNT = 0.5

# Doing the opposite of a key point ("我会直接跟客户争辩" vs "保持冷静") can sit close to it
# in embedding space; a clause that states such behaviour, un-negated, covers nothing.
_OPPOSITE_BEHAVIOUR = re.compile(r"争辩|争论|顶撞|吵起来|推诿|敷衍|糊弄|甩锅|怼|不理(他|她|客户)|懒得")
_OWN_ACTIONS = re.compile(r"我|先|再|然后|接着|最后|比如")
_NEGATED_BEFORE = re.compile(r"(不|没|别|绝不|不会|避免|而不是|不能)[^，。]{0,4}$")


def default_mode() -> str:
    mode = os.environ.get(DEFAULT_MODE_ENV, "accurate")
    return mode if mode in MODES else "accurate"


class Scorer:
    def __init__(
        self,
        mode: str | None = None,
        partial_credit: bool = False,
        coverage_model: CoverageModel | None = None,
    ) -> None:
        """`partial_credit`: multiple choice earns a share of the points when only correct options are chosen.
        `coverage_model`: override the shipped calibration (used when refitting)."""
        self.mode = mode or default_mode()
        if self.mode not in MODES:
            raise ValueError(f"unknown scoring mode {self.mode!r}; choose one of {', '.join(MODES)}")
        self.partial_credit = partial_credit
        self._coverage_model = coverage_model
        self._matcher: KeyPointMatcher | None = None
        self._lock = threading.Lock()

    # -- lazily built parts ---------------------------------------------------------------
    @property
    def matcher(self) -> KeyPointMatcher:
        if self._matcher is None:
            with self._lock:
                if self._matcher is None:
                    encoders = {"use": shared_encoder("use")}
                    if self.mode == "accurate":
                        encoders["e5"] = shared_encoder("e5")
                    self._matcher = KeyPointMatcher(encoders)
        return self._matcher

    @property
    def coverage_model(self) -> CoverageModel:
        if self._coverage_model is None:
            self._coverage_model = load_calibration()[self.mode]
        return self._coverage_model

    @property
    def red_flag_discount(self) -> float:
        return self.coverage_model.red_flag_discount

    # -- public API -----------------------------------------------------------------------
    def score(self, question: Question, answer_text: str, answer_id: str = "", category: str | None = None) -> Score:
        """Score one answer. `category` is the section's (e.g. "behavioral": STAR structure is reported)."""
        return self.score_many([(question, answer_text, answer_id, category)])[0]

    def score_many(self, pairs: Iterable[Sequence]) -> list[Score]:
        """Score (question, text[, answer_id[, category]]) items, in order; open answers are encoded in one batch."""
        with one_blas_thread, ExitStack() as scope:  # small matrices: a second BLAS thread only spins (encoders.py)
            for encoder in self.matcher.encoders.values():
                scope.enter_context(encoder.each_text_once())  # the red-flag detector re-encodes the clauses
            return self._score_many(pairs)

    def _score_many(self, pairs: Iterable[Sequence]) -> list[Score]:
        items = [(p[0], p[1] or "", p[2] if len(p) > 2 else "", p[3] if len(p) > 3 else None) for p in pairs]
        results: list[Score | None] = [None] * len(items)
        open_items = []
        for index, (question, text, answer_id, _) in enumerate(items):
            if question.is_objective:
                results[index] = grade_objective(question, text, answer_id, self.partial_credit)
            else:
                open_items.append(index)
        scorable = [i for i in open_items if _key_points(items[i][0])]
        for i in open_items:
            if i not in scorable:
                results[i] = _unscorable(items[i][0], items[i][1], items[i][2])
        if scorable:
            questions = [_with_key_points(items[i][0]) for i in scorable]
            analyses = self.matcher.analyze([(q, items[i][1]) for q, i in zip(questions, scorable)])
            for i, question, analysis in zip(scorable, questions, analyses):
                results[i] = self._score_open(question, items[i][0], analysis, items[i][2], items[i][3])
        return results  # type: ignore[return-value]

    # -- open answers ---------------------------------------------------------------------
    def _score_open(
        self, question: Question, original: Question, analysis: AnswerAnalysis, answer_id: str, category: str | None
    ) -> Score:
        red_flags = detect_red_flags(analysis.text)
        coverage = self.coverage(analysis, red_flags)
        max_score = float(original.points or 0)
        score = score_from_coverage(question, coverage, red_flags, max_score, self.red_flag_discount)
        structure = star_structure(analysis.text) if _is_behavioral(original, category) else None
        return Score(
            answer_id=answer_id,
            question_id=original.id,
            score=score,
            max_score=max_score,
            key_points=coverage,
            red_flags=red_flags,
            structure=structure,
            feedback=open_feedback(question, coverage, red_flags, structure, score, max_score),
        )

    def coverage(self, analysis: AnswerAnalysis, red_flags: list[RedFlag]) -> list[KeyPointCoverage]:
        """Covered / partly / not for each key point, with the clause that covers it."""
        model = self.coverage_model
        if not analysis.matches:
            return []
        flagged = [flag.evidence for flag in red_flags]
        judged = [self._judge(match, match.evidence, match.features, flagged, analysis.labels) for match in analysis.matches]
        judged = self._one_clause_one_point(analysis.matches, judged, flagged, analysis.labels)
        return [
            KeyPointCoverage(
                id=match.key_point.id,
                coverage=float(mark),
                evidence=evidence if mark > 0 else None,
                similarity=round(float(probability), 3),
            )
            for match, (evidence, mark, probability) in zip(analysis.matches, judged)
        ]

    def _judge(self, match, evidence: str | None, features: dict[str, float], flagged: list[str], labels=frozenset()) -> tuple:
        """(evidence, mark, probability) for one key point and one evidence unit."""
        model = self.coverage_model
        x = np.array([[features[name] for name in model.features]])
        mark, probability = float(model.marks(x)[0]), float(model.probability(x)[0])
        if evidence and (_contradicts(evidence, flagged) or _name_dropping(evidence, match.key_point, labels)):
            mark = 0.0
        return evidence, mark, probability

    def _one_clause_one_point(self, matches, judged: list[tuple], flagged: list[str], labels=frozenset()) -> list[tuple]:
        """One short clause rarely covers several key points, however close it sits to each.
        Key points are credited in order of likelihood; one whose evidence was already
        credited to another is judged on its best unit not yet used (with that unit's own
        features), or, lacking one, loses a step."""
        judged = list(judged)
        used: set[str] = set()
        for n in sorted(range(len(judged)), key=lambda n: -judged[n][2]):
            evidence, mark, _ = judged[n]
            if mark == 0 or not evidence:
                continue
            if _clauses(evidence) & used:
                fresh = [(unit, f) for unit, f in matches[n].alternatives if not _clauses(unit) & used]
                if fresh:
                    unit, unit_features = fresh[0]
                    judged[n] = self._judge(matches[n], unit, matches[n].features_of(unit_features), flagged, labels)
                else:
                    judged[n] = (evidence, mark - 0.5, judged[n][2])
            if judged[n][1] > 0:
                used |= _clauses(judged[n][0])
        return judged


def score_from_coverage(
    question: Question,
    coverage: list[KeyPointCoverage],
    red_flags: list[RedFlag],
    max_score: float,
    red_flag_discount: float = DEFAULT_RED_FLAG_DISCOUNT,
) -> float:
    """points × weighted mean coverage; with any red flag, discounted and capped at 40% of the points."""
    weights = {kp.id: kp.weight for kp in question.key_points}
    total = sum(weights.get(c.id, 1.0) for c in coverage)
    share = sum(weights.get(c.id, 1.0) * c.coverage for c in coverage) / total if total else 0.0
    score = max_score * share
    if red_flags:
        score = min(score * red_flag_discount, RED_FLAG_CAP * max_score)
    return round(score, 2)


def _clauses(evidence: str) -> set[str]:
    return set(_EVIDENCE_CLAUSES.split(evidence))


_EVIDENCE_CLAUSES = re.compile(r"[，,]")


def _name_dropping(evidence: str, key_point: KeyPoint, labels: frozenset[str] = frozenset()) -> bool:
    """A bare list of labels (安抚情绪、核实身份、冻结止损、跟进回访, or 第一，安抚情绪；第二，…)
    names key points without saying what one would do: not coverage. A sequence of own
    actions (我会先…、再…、然后…) is, and so is a list when the key point asks for one
    (准确列举至少四项基本权利)."""
    if _ASKS_FOR_LIST.search(key_point.text):
        return False
    if is_label(evidence, labels):
        return True
    return listiness(evidence) >= 0.75 and not _OWN_ACTIONS.search(evidence)


_ASKS_FOR_LIST = re.compile(
    r"列举|列出|说出[^，。]{0,6}(项|种|个|类)|(几|哪些)(项|种|类)|至少[一二三四五六七八九十两\d]+(项|种|个|类)"
)


def _contradicts(evidence: str, red_flag_evidence: list[str]) -> bool:
    if any(evidence in flagged or flagged in evidence for flagged in red_flag_evidence):
        return True
    for match in _OPPOSITE_BEHAVIOUR.finditer(evidence):
        if not _NEGATED_BEFORE.search(evidence[: match.start()]):
            return True
    return False


def _is_behavioral(question: Question, category: str | None) -> bool:
    """Behavioral = the section says so; without a section, a prompt that asks for a past experience."""
    if category is not None:
        return category == "behavioral"
    return bool(re.search(r"经历|有没有.{0,6}过|举(一个|个)?例|讲一次|分享一次|请讲|曾经|过去", question.prompt))


def _key_points(question: Question) -> list[KeyPoint]:
    return _with_key_points(question).key_points


def _with_key_points(question: Question) -> Question:
    """Key points to match: the bank's, or else derived from its rubric or reference answer (not
    from a placeholder such as `略` or `考生根据自身经历作答`, which holds nothing to match)."""
    if question.key_points:
        return question
    derived: list[KeyPoint] = []
    if question.rubric:
        derived = [
            KeyPoint(id=f"r{n}", text=item.item, detail=item.text, weight=float(item.points or 1.0))
            for n, item in enumerate(question.rubric, start=1)
        ]
    elif question.reference_answer and not is_placeholder_answer(question.reference_answer):
        derived = [KeyPoint(id=f"ref{n}", text=s) for n, s in enumerate(split_sentences(question.reference_answer), start=1)]
    return question.model_copy(update={"key_points": derived})


def _unscorable(question: Question, text: str, answer_id: str) -> Score:
    return Score(
        answer_id=answer_id,
        question_id=question.id,
        score=0.0,
        max_score=float(question.points or 0),
        red_flags=detect_red_flags(text),
        feedback=_unscorable_reason(question) + "无法自动评分，请人工评阅。",
    )


def _unscorable_reason(question: Question) -> str:
    """What the bank lacks, in its own terms: a placeholder (`参考答案：略`) is named as such."""
    if question.reference_answer and is_placeholder_answer(question.reference_answer):
        return f"题库中这道题的参考答案是占位文字（“{question.reference_answer.strip()[:30]}”），没有可对照的答案要点，"
    return "题库没有为这道题提供答案要点、评分标准或参考答案，"
