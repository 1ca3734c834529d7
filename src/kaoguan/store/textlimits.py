"""Length limits for every text a user can store or send, checked in the service layer so the web
app, the REST API and the CLI refuse the same things with the same message.

The limits are generous (far above anything a real bank, answer or note needs) and exist so one
request cannot fill the database or slow every page that shows the text. Text within the limits
is stored exactly as given: nothing is trimmed, normalised or escaped on the way in (escaping is
the templates' job on the way out).
"""

from __future__ import annotations

from kaoguan.bank.model import Bank
from kaoguan.store.errors import InvalidInput

TITLE = 500  # bank, section and paper titles; sources (file names)
LABEL = 200  # question labels, names of people, interviewers
EMAIL = 254  # RFC 5321's limit for a forward path
TAG = 100
QUERY = 500  # a search box
PROMPT = 20_000
KEY_POINT = 2_000
LONG_TEXT = 50_000  # instructions, reference answers, explanations, details, rubric lines
ANSWER = 20_000  # a candidate's answer to one question (also MAX_ANSWER_CHARS of the interview service)
NOTES = 10_000  # an interviewer's notes on one answer; a change note


def check_length(value: str | None, limit: int, where: str) -> None:
    """Refuse `value` when it is longer than `limit` characters, naming the field and the limit."""
    if value is not None and len(value) > limit:
        raise InvalidInput(f"{where}: {len(value)} characters, over the limit of {limit}")


def check_bank(bank: Bank) -> None:
    """Every text of a bank within its limit; the message names the section and question."""
    check_length(bank.title, TITLE, "bank title")
    check_length(bank.source, TITLE, "bank source")
    for s_index, section in enumerate(bank.sections, start=1):
        where = f"section {s_index}"
        check_length(section.title, TITLE, f"{where} title")
        check_length(section.instructions, LONG_TEXT, f"{where} instructions")
        for question in section.questions:
            _check_question(question, f"{where} question {question.number or question.id}")


def _check_question(question, where: str) -> None:
    check_length(question.id, LABEL, f"{where} id")
    check_length(question.label, LABEL, f"{where} label")
    check_length(question.prompt, PROMPT, f"{where} prompt")
    for key, text in question.options.items():
        check_length(key, LABEL, f"{where} option key")
        check_length(text, KEY_POINT, f"{where} option {key}")
    answers = question.answer if isinstance(question.answer, list) else [question.answer]
    for answer in answers:
        if isinstance(answer, str):
            check_length(answer, LONG_TEXT, f"{where} answer")
    check_length(question.reference_answer, LONG_TEXT, f"{where} reference answer")
    check_length(question.explanation, LONG_TEXT, f"{where} explanation")
    for key_point in question.key_points:
        check_length(key_point.text, KEY_POINT, f"{where} key point {key_point.id}")
        check_length(key_point.detail, LONG_TEXT, f"{where} key point {key_point.id} detail")
        check_length(key_point.group, LABEL, f"{where} key point {key_point.id} group")
    for line in question.rubric:
        check_length(line.item, KEY_POINT, f"{where} rubric item")
        check_length(line.text, LONG_TEXT, f"{where} rubric text")
