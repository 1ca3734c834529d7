"""Objective answers typed the way people type them are graded like a careful marker would."""

import pytest

from kaoguan.bank.model import Question
from kaoguan.score import grade_objective


def single(answer="B"):
    return Question(id="q1", kind="single_choice", prompt="选择", points=2, options={"A": "甲", "B": "乙", "C": "丙", "D": "丁"}, answer=answer)


def multiple(answer=("A", "C")):
    return Question(id="q2", kind="multiple_choice", prompt="多选", points=4, options={"A": "甲", "B": "乙", "C": "丙", "D": "丁"}, answer=list(answer))


def true_false(answer=True):
    return Question(id="q3", kind="true_false", prompt="判断", points=1, answer=answer)


def fill(answer):
    return Question(id="q4", kind="fill_blank", prompt="填空", points=2, answer=answer)


@pytest.mark.parametrize("typed", ["B", "b", "Ｂ", "ｂ", " B。", "选B", "答案：B", "乙"])
def test_single_choice_accepts_the_forms_people_type(typed):
    score = grade_objective(single(), typed)
    assert score.correct is True and score.score == 2


@pytest.mark.parametrize("typed", ["A", "BC", "", "true", "不知道"])
def test_single_choice_rejects_wrong_or_unreadable_answers(typed):
    score = grade_objective(single(), typed)
    assert score.correct is False and score.score == 0


@pytest.mark.parametrize("typed", ["AC", "ac", "A、C", "C,A", "Ａ，Ｃ", "a c", "CA"])
def test_multiple_choice_accepts_any_order_and_separator(typed):
    assert grade_objective(multiple(), typed).score == 4


@pytest.mark.parametrize("typed", ["A", "ABC", "B"])
def test_multiple_choice_is_all_or_nothing_by_default(typed):
    assert grade_objective(multiple(), typed).score == 0


def test_multiple_choice_partial_credit_when_asked_for():
    assert grade_objective(multiple(), "A", partial_credit=True).score == 2
    # a wrong option still earns nothing
    assert grade_objective(multiple(), "AB", partial_credit=True).score == 0


@pytest.mark.parametrize("typed", ["对", "√", "正确", "T", "true", "是", "✓", "对。"])
def test_true_forms(typed):
    assert grade_objective(true_false(True), typed).correct is True


@pytest.mark.parametrize("typed", ["错", "×", "错误", "不正确", "F", "false", "不对", "X"])
def test_false_forms(typed):
    assert grade_objective(true_false(False), typed).correct is True
    assert grade_objective(true_false(True), typed).correct is False


def test_true_false_key_given_as_text():
    assert grade_objective(true_false("√"), "对").correct is True


@pytest.mark.parametrize(
    "key, typed",
    [
        ("个人征信报告", "個人徵信報告"),  # Traditional → Simplified
        ("APR", "ａｐｒ"),  # width and case
        ("犹豫期", "犹豫期。"),  # punctuation
        ("12378", "１２３７８"),
        ("信用报告/征信报告", "征信报告"),  # listed alternatives
        (["T+1", "T＋1日"], "t+1"),
    ],
)
def test_fill_blank_normalized_comparison(key, typed):
    assert grade_objective(fill(key), typed).correct is True


def test_fill_blank_wrong_answer():
    assert grade_objective(fill("犹豫期"), "冷静期").correct is False


def test_missing_key_is_not_guessed():
    score = grade_objective(Question(id="q", kind="single_choice", prompt="x", points=2, answer=None), "A")
    assert score.correct is None and score.score == 0 and "人工" in score.feedback
