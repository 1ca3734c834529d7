"""From the parser's raw sections to the Bank model: kinds, answers, key points, rubric, ids.

The bank is assembled as plain dicts and validated once by pydantic at the end: one pass in
pydantic-core instead of a Python-level constructor per question and key point.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from kaoguan.bank.model import Bank
from kaoguan.bank.placeholders import is_placeholder_answer
from kaoguan.ingest.answers import bullet_points, category_for, examined_points, parse_answer_value, prose_points, rubric_items
from kaoguan.ingest.normalize import Normalized
from kaoguan.ingest.parser import ParseResult, RawQuestion, RawSection
from kaoguan.ingest.validate import Warnings, check_bank


def build_bank(result: ParseResult, normalized: Normalized, source: str | None) -> Bank:
    warnings = Warnings()
    title = result.title or _title_from_source(source)
    sections = [_section(raw, number, result.trace) for number, raw in enumerate(result.sections, start=1)]
    # text that stops mid-sentence is cut off in a site's preview; anywhere else only when it
    # stops where no writer stops (a label without its text, an open quote)
    _mark_truncated(sections, cut_mid_sentence=result.ends_dangling or (result.ends_mid_sentence and _is_preview(normalized)))
    bank = Bank.model_validate({"title": title, "source": source, "sections": sections})
    check_bank(bank, result, normalized, warnings)
    bank.warnings = warnings.items
    return bank


def _title_from_source(source: str | None) -> str:
    return PurePath(source).stem if source else "未命名题库"


def _section(raw: RawSection, number: int, trace: list[str]) -> dict:
    decl = raw.declaration
    instructions = "\n".join(part for part in [raw.instructions.text()] + raw.loose if part.strip()) or None
    questions = [_question(question, raw, f"s{number}-q{index}", trace) for index, question in enumerate(raw.questions, start=1)]
    return {
        "title": raw.title,
        "category": _category(raw.title, questions),
        "instructions": instructions,
        "declared_count": decl.count,
        "points_per_question": decl.points,
        "declared_total": decl.total,
        "questions": questions,
    }


def _category(title: str, questions: list[dict]) -> str | None:
    """The section title's category; a knowledge (or unnamed-type) section whose questions are all
    choice, true/false or fill-in questions (`一、保险基础知识` holding single-choice questions) is an
    objective section."""
    category = category_for(title)
    if category in ("knowledge", "other") and questions and all(q["kind"] != "open" for q in questions):
        return "objective"
    return category


def _question(raw: RawQuestion, section: RawSection, question_id: str, trace: list[str]) -> dict:
    prompt = raw.prompt.text()
    if raw.answer is None and (raw.options or "判断" in section.title):
        prompt = _answer_from_blank(raw, prompt, trace)
    kind = _kind(raw, section.title)
    explanation_parts = [raw.explanation.text()] if raw.explanation else []
    answer = None
    if raw.answer is not None:
        answer = _answer_value(raw, kind)
        if answer is None and raw.answer.raw:
            # An answer that does not fit the question's kind (对 for a choice question) is kept as written.
            explanation_parts.insert(0, f"答案：{raw.answer.raw}")
        elif raw.answer.explanation:
            explanation_parts.insert(0, raw.answer.explanation)
    points = raw.points if raw.points is not None else section.declaration.points
    rubric = [
        {"item": item, "points": pts, "text": text} for raw_line in raw.rubric for item, pts, text in rubric_items(raw_line.text(), trace)
    ] if raw.rubric else []
    key_points = _key_points(raw, trace)
    reference = (raw.reference.text().strip() or None) if raw.reference else None
    if len(key_points) == 1 and not key_points[0]["detail"] and is_placeholder_answer(key_points[0]["text"]):
        # `答案要点：` with `（略）` on the next line: no key point, a placeholder answer kept as written
        reference, key_points = reference or key_points[0]["text"], []
    if rubric and key_points:
        _weigh_by_rubric(key_points, rubric)
    # Empty fields are the common case and skip their work (most questions have no rubric,
    # no options, no reference answer).
    return {
        "id": question_id,
        "number": raw.number,
        "kind": kind,
        "label": raw.label,
        "prompt": _stripped_lines(prompt),
        "points": points,
        "options": {letter: text.text().strip() for letter, text in sorted(raw.options.items())} if raw.options else {},
        "answer": answer,
        "key_points": key_points,
        "reference_answer": reference,
        "rubric": rubric,
        "explanation": ("\n".join(part for part in explanation_parts if part.strip()).strip() or None) if explanation_parts else None,
        "truncated": False,
    }


# The answer written into the stem's bracket (`客户挂失后应（A）。`, `…可以代客设置密码。（×）`).
_FILLED_BLANK = re.compile(r"（\s*([A-H]{1,5}|[√×])\s*）")


def _answer_from_blank(raw: RawQuestion, prompt: str, trace: list[str]) -> str:
    """Banks that print the answer in the stem's bracket: it becomes the answer and the bracket
    an empty blank again, so a candidate never sees it. Only one such bracket, holding letters of
    the question's own options (or √/× for a true/false question), counts."""
    found = _FILLED_BLANK.findall(prompt) if "（" in prompt else []
    if len(found) != 1:
        return prompt
    value = found[0]
    if value in ("√", "×") if raw.options else value not in ("√", "×"):
        return prompt
    if raw.options and not set(value) <= set(raw.options):
        return prompt
    raw.answer = parse_answer_value(value)
    trace.append(value)
    return _FILLED_BLANK.sub("（ ）", prompt, count=1)


def _stripped_lines(text: str) -> str:
    """Each line stripped, blank lines dropped; most prompts are a single line."""
    if "\n" not in text:
        return text.strip()
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def _kind(raw: RawQuestion, title: str) -> str:
    letters = raw.answer.letters if raw.answer else None
    truth = raw.answer.truth if raw.answer else None
    if raw.options or letters:
        if _MULTIPLE_CHOICE_TITLE.search(title):
            return "multiple_choice"
        if letters and len(letters) > 1 and not _DECLARED_SINGLE_CHOICE.search(title):
            return "multiple_choice"
        # (several letters under a 单选题 heading: the answer disagrees with the declared kind and is
        # kept as written in the explanation, with a missing_answer warning)
        return "single_choice"
    if "判断" in title or truth is not None:
        return "true_false"
    if "填空" in title or (raw.answer and raw.answer.text):
        return "fill_blank"
    if _SINGLE_CHOICE_TITLE.search(title):
        return "single_choice"
    return "open"


# Section titles that say what kind their questions are (one search instead of a loop over words).
_MULTIPLE_CHOICE_TITLE = re.compile("多选|多项|不定项")
_SINGLE_CHOICE_TITLE = re.compile("单选|单项选择|选择题")
_DECLARED_SINGLE_CHOICE = re.compile("单选|单项选择")


def _answer_value(raw: RawQuestion, kind: str):
    value = raw.answer
    assert value is not None
    if kind == "multiple_choice":
        return value.letters or None
    if kind == "single_choice":
        return value.letters[0] if value.letters and len(value.letters) == 1 else None
    if kind == "true_false":
        return value.truth
    return value.text


def _key_points(raw: RawQuestion, trace: list[str]) -> list[dict]:
    points = []
    for line in raw.key_points:
        points += bullet_points(line[0] if len(line) == 1 else line.text())  # most bullets are one piece
    if len(points) == 1 and len(raw.key_points) == 1 and _ORDINAL_START.match(points[0][0]):
        points = _ordinal_points(points[0][0], trace) or points
    if not points and raw.reference:
        points = prose_points(raw.reference.text())
    if not points and raw.explanation and not raw.options and raw.answer is None:
        points = examined_points(raw.explanation.text())
    key_points: list[dict] = []
    ids = _KEY_POINT_IDS
    for text, detail, group in points:
        if text or detail:  # a bare bullet mark or label holds no point
            number = len(key_points) + 1
            key_points.append({"id": ids[number] if number < len(ids) else f"k{number}", "text": text, "detail": detail, "group": group})
    return key_points


# `答案要点：首先，…；其次，…；最后，…`: key points written as one sentence of ordinal steps
_ORDINAL_START = re.compile(r"(?:首先|第一)[，、：,]?")
_ORDINAL_MARKER = re.compile(r"首先|其次|再次|然后|最后|第[一二三四五六七八九十]步?")


def _ordinal_points(text: str, trace: list[str]) -> list:
    """The steps of an ordinal sentence as key points (the ordinal words are recorded as consumed)."""
    points = prose_points(text)
    if len(points) < 2:
        return []
    trace.extend(_ORDINAL_MARKER.findall(text))
    return points


def _weigh_by_rubric(key_points: list[dict], rubric: list[dict]) -> None:
    """A rubric with one scored line per key point (`答出安抚情绪得3分；…得4分；…得3分` under three
    points of the model answer) weighs each key point by the line that names it: lines and points
    are paired by the words they share (`安抚记录` ~ `安抚客户并记录诉求`), never by their order,
    which documents do not keep. When a line shares no words with any point left, the pairing
    would be a guess: all weights stay equal (the rubric itself is kept as written)."""
    if len(rubric) != len(key_points) or any(item["points"] is None or item["points"] <= 0 for item in rubric):
        return
    pairs = _pair_by_shared_words(
        [item["item"] + (item["text"] or "") for item in rubric],
        [point["text"] + (point["detail"] or "") for point in key_points],
    )
    if pairs is None:
        return
    for line, point in pairs:
        key_points[point]["weight"] = float(rubric[line]["points"])


def _pair_by_shared_words(lines: list[str], points: list[str]) -> list[tuple[int, int]] | None:
    """One point per line, best-sharing pairs first (character bigrams: Chinese words are mostly
    two characters); None unless every line shares at least one bigram with its point."""
    line_grams = [_bigrams(text) for text in lines]
    point_grams = [_bigrams(text) for text in points]
    scored = sorted(
        ((len(lg & pg), -abs(li - pi), li, pi) for li, lg in enumerate(line_grams) for pi, pg in enumerate(point_grams)),
        reverse=True,
    )
    pairs: list[tuple[int, int]] = []
    used_lines: set[int] = set()
    used_points: set[int] = set()
    for shared, _, line, point in scored:
        if shared == 0:
            break
        if line not in used_lines and point not in used_points:
            pairs.append((line, point))
            used_lines.add(line)
            used_points.add(point)
    return pairs if len(pairs) == len(lines) else None


_WORD_CHARS = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")


def _bigrams(text: str) -> set[str]:
    return {run[i : i + 2] for run in _WORD_CHARS.findall(text) for i in range(len(run) - 1)}


_KEY_POINT_IDS = tuple(f"k{index}" for index in range(100))  # made once, not once per key point


def _is_preview(normalized: Normalized) -> bool:
    """Site previews say how much is left unread (`还剩5页未读`, `剩余内容请下载后查看`), how far they go
    (`预览至第3页`) or that the preview ended
    (`试读已结束`, `免费预览已结束`, `已经超出免费预览范围`, `未完，下载后查看全文`): their text stops anywhere."""
    return any(_PREVIEW_CUE.search(cut) for cut in normalized.removed)


_PREVIEW_CUE = re.compile(r"未读|未完|已结束|超出免费预览|只能预览|预览至|(?:剩余|还剩)(?:[ ]*\d+[ ]*页|内容|部分)(?:需|请|可)?(?:开通|成为|加入|购买|登录|下载|付费)")


def _mark_truncated(sections: list[dict], cut_mid_sentence: bool = False) -> None:
    """The last question of a cut-off document: no stem, an open question with nothing after it,
    a choice question with fewer than two options or cut at an option's letter, or (in a site
    preview) text that stops mid-sentence."""
    last = next((s["questions"][-1] for s in reversed(sections) if s["questions"]), None)
    if last is None:
        return
    answered_elsewhere = any(q["key_points"] or q["reference_answer"] for s in sections for q in s["questions"] if q is not last)
    no_answer = not (last["key_points"] or last["reference_answer"] or last["explanation"] or last["answer"] is not None or last["rubric"])
    if (
        not last["prompt"].strip()
        or (last["kind"] == "open" and no_answer and answered_elsewhere)
        or (last["kind"] in ("single_choice", "multiple_choice") and (len(last["options"]) < 2 or _cut_at_an_option(last)))
        or cut_mid_sentence
    ):
        last["truncated"] = True


def _cut_at_an_option(question: dict) -> bool:
    """`A.本人有效身份证件` then `B.` and nothing more, and no answer: the page stopped mid-options."""
    options = list(question["options"].values())
    return question["answer"] is None and not options[-1].strip()
