"""Grading of objective questions: single/multiple choice, true/false, fill-in.

Answers arrive as people type them: `b`, `Ｂ`, `A、C`, `ac`, `对`, `√`, `正确`. Each is
normalized to the form the bank's answer key uses before comparing.
"""

from __future__ import annotations

import re
import string

from kaoguan.bank.model import Question
from kaoguan.score.model import Score
from kaoguan.score.text import normalize_answer

_TRUE_WORDS = ("正确", "对", "是", "√", "✓", "✔", "T", "TRUE", "Y", "YES", "RIGHT")
_FALSE_WORDS = ("错误", "不正确", "不对", "错", "否", "不是", "×", "✗", "✘", "X", "F", "FALSE", "N", "NO", "WRONG")
_ALTERNATIVE_SEPARATORS = re.compile(r"\s*(?:/|／|\||｜|;|；|\s或\s)\s*")
_PUNCTUATION = set(string.punctuation) | set("，。、；：？！“”‘’（）《》【】〔〕…—·「」『』～")


_DEFAULT_LETTERS = frozenset("ABCDEFGH")


def choice_letters(text: str, allowed: frozenset[str] | None = None) -> list[str]:
    """`A、C`, `ac`, `Ａ，Ｃ`, `选B` → sorted option letters.

    Only letters that name an option count (`allowed`, A–H by default), so a word such
    as `TRUE` is not read as the choice T+R+U+E."""
    cleaned = normalize_answer(text).upper()
    cleaned = re.sub(r"^(答案|答|选择|选项|选)[:：]?", "", cleaned)
    letters = set(re.findall(r"[A-Z]", cleaned))
    if not letters or not letters <= (allowed or _DEFAULT_LETTERS):
        return []
    return sorted(letters)


def true_false_value(text: str) -> bool | None:
    """`对`/`√`/`正确`/`T` → True, `错`/`×`/`不正确`/`F` → False, anything else → None."""
    cleaned = normalize_answer(text).upper().strip("。.!！ ")
    # False words first: 不正确 contains 正确, 不对 contains 对.
    for word in _FALSE_WORDS:
        if cleaned == word or (len(word) > 1 and cleaned.startswith(word)):
            return False
    for word in _TRUE_WORDS:
        if cleaned == word or (len(word) > 1 and cleaned.startswith(word)):
            return True
    return None


def fill_blank_form(text: str) -> str:
    """The comparison form of a fill-in answer: Simplified, half-width, lower case, no punctuation/space."""
    cleaned = normalize_answer(text).lower()
    return "".join(ch for ch in cleaned if ch not in _PUNCTUATION and not ch.isspace())


def fill_blank_alternatives(key: object) -> list[str]:
    """Accepted forms of a fill-in key: a list, or a string listing alternatives (`A/B`, `A；B`)."""
    raw = key if isinstance(key, list) else _ALTERNATIVE_SEPARATORS.split(str(key))
    forms = [fill_blank_form(str(item)) for item in raw]
    return [form for form in forms if form]


def _option_letter_by_text(question: Question, text: str) -> list[str]:
    """A candidate may type the option's text instead of its letter."""
    wanted = fill_blank_form(text)
    return [letter for letter, option in question.options.items() if wanted and fill_blank_form(option) == wanted]


def _key_letters(answer: object) -> list[str]:
    if isinstance(answer, list):
        return sorted({letter for item in answer for letter in choice_letters(str(item))})
    return choice_letters(str(answer))


def grade_objective(
    question: Question, text: str, answer_id: str = "", partial_credit: bool = False
) -> Score:
    """Grade one objective answer. `partial_credit` (multiple choice only): choosing some
    correct options and no wrong one earns that share of the points; any wrong option earns 0."""
    points = float(question.points or 0)
    base = dict(answer_id=answer_id, question_id=question.id, max_score=points)
    if question.answer is None or question.answer == "":
        return Score(**base, score=0.0, correct=None, feedback="题库未给出标准答案，无法自动判分，请人工评阅。")

    given, expected, fraction = _compare(question, text, partial_credit)
    correct = fraction == 1.0
    score = round(points * fraction, 2)
    if correct:
        feedback = f"回答正确（{expected}）。"
    elif fraction > 0:
        feedback = f"部分正确：你的答案 {given}，标准答案 {expected}，漏选的选项不得分。"
    else:
        feedback = f"回答错误：你的答案 {given or '（未作答或无法识别）'}，标准答案 {expected}。"
    if question.explanation:
        feedback += f" 解析：{question.explanation}"
    return Score(**base, score=score, correct=correct, feedback=feedback)


def _compare(question: Question, text: str, partial_credit: bool) -> tuple[str, str, float]:
    """Return (given as shown, expected as shown, fraction of the points earned)."""
    kind = question.kind
    if kind == "true_false":
        expected = _key_truth(question.answer)
        given = true_false_value(text)
        shown = {True: "对", False: "错", None: ""}
        return shown[given], shown[expected], float(given is not None and given == expected)
    if kind in ("single_choice", "multiple_choice"):
        expected = _key_letters(question.answer)
        allowed = frozenset(question.options) or None
        given = choice_letters(text, allowed) or _option_letter_by_text(question, text)
        fraction = float(given == expected and bool(expected))
        if kind == "multiple_choice" and partial_credit and not fraction and given and set(given) < set(expected):
            fraction = len(given) / len(expected)
        return "".join(given), "".join(expected), fraction
    # fill_blank
    accepted = fill_blank_alternatives(question.answer)
    shown_key = " / ".join(question.answer) if isinstance(question.answer, list) else str(question.answer)
    return text.strip(), shown_key, float(fill_blank_form(text) in accepted)


def _key_truth(answer: object) -> bool | None:
    if isinstance(answer, bool):
        return answer
    return true_false_value(str(answer))
