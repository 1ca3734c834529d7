"""Reading the parts of one question: declarations, options, answer values, key points, rubrics.

Pure functions on already-normalized text (full-width Chinese punctuation, ASCII digits/letters).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kaoguan.ingest.segment import NUMERALS

NUMBER = r"\d+(?:\.\d+)?"


def to_number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() else value


# ── section declarations ───────────────────────────────────────────────────────────────────────
_DECL_COUNT = re.compile(r"(?:共|计)?\s*(\d+)\s*(?:道|小|个)?题")
_DECL_POINTS = re.compile(rf"每(?:小|道)?[题空]\s*({NUMBER})\s*分")  # (每空: a fill-in's blank, one per question)
_DECL_TOTAL = re.compile(rf"(?:总分|合计|总计|满分|共计|共)\s*[：]?\s*({NUMBER})\s*分")
_DECL_BARE_SCORE = re.compile(rf"({NUMBER})\s*分$")
# Bounded, so a long heading line without a closing bracket cannot make the regex backtrack.
_DECL_BRACKET = re.compile(r"[（(【\[]([^（）()【】\[\]]{1,80})[）)】\]]")


@dataclass
class Declaration:
    count: int | None = None
    points: int | float | None = None
    total: int | float | None = None
    text: str = ""  # the declaration as written, consumed from the heading
    note: str = ""  # what else the bracket says (`多选、少选、错选均不得分`), kept as an instruction


_CLAUSE_BREAK = re.compile(r"[，,；;]")


def parse_declaration(text: str) -> Declaration:
    """Read 共5题/每题8分/总分40分 in any order from a bracket (or bare) declaration."""
    points = _DECL_POINTS.search(text)
    total = _DECL_TOTAL.search(text)
    rest = _DECL_POINTS.sub(" ", text)
    count = _DECL_COUNT.search(rest)
    clauses = [c.strip() for c in _CLAUSE_BREAK.split(text)]
    if total is None and points is None and count is not None:
        # `（共1题，15分）`: with a count and no 每题, a bare score is the section's total
        total = next((m for m in map(_DECL_BARE_SCORE.match, clauses) if m), None)
    note = "，".join(
        c for c in clauses
        if c and not (_DECL_POINTS.search(c) or _DECL_TOTAL.search(c) or _DECL_COUNT.search(c) or _DECL_BARE_SCORE.match(c))
    )
    return Declaration(
        count=int(count.group(1)) if count else None,
        points=to_number(points.group(1)) if points else None,
        total=to_number(total.group(1)) if total else None,
        text=text,
        note=note,
    )


def split_heading(title: str) -> tuple[str, Declaration, str]:
    """Split `行为面试题（共5题，每题8分）考察…` into title, declaration and trailing text."""
    match = next((m for m in _DECL_BRACKET.finditer(title) if _is_declaration(m.group(1))), None)
    if match:
        decl = parse_declaration(match.group(1))
        decl.text = match.group(0)
        return title[: match.start()].strip(" ："), decl, title[match.end() :].strip()
    bare = _BARE_DECLARATION.search(title) if len(title) <= 80 else None
    if bare and _is_declaration(bare.group(1)):
        decl = parse_declaration(bare.group(1))
        decl.text = bare.group(0)
        return title[: bare.start()].strip(" ：，"), decl, ""
    return title.strip(" ："), Declaration(), ""


_BARE_DECLARATION = re.compile(r"[：]?\s*((?:共|每题|每空|\d+题)[^。]*?(?:题|分))\s*$")


_DECLARES = re.compile(r"\d+\s*(?:道|小|个)?题|\d\s*分")


def _is_declaration(text: str) -> bool:
    return bool(_DECLARES.search(text))


_CATEGORIES = (
    ("objective", ("单选", "多选", "判断", "选择题", "填空", "不定项", "单项选择", "多项选择")),
    ("stress", ("压力",)),
    ("situational", ("情景", "情境", "场景", "案例", "模拟", "应变")),
    ("behavioral", ("行为", "自我认知", "岗位认知", "职业规划", "自我介绍", "个人经历", "岗位匹配", "求职动机", "综合素质", "个人素质")),
    ("knowledge", ("知识", "业务", "专业", "政策", "法规", "产品", "合规", "行业", "常识", "简答", "论述", "名词解释")),
)


@lru_cache(maxsize=1024)  # a handful of distinct section titles recur across a library
def category_for(title: str | None) -> str | None:
    if not title:
        return None
    for category, words in _CATEGORIES:
        if any(word in title for word in words):
            return category
    return "other"


_NUMERAL_DIGITS = {ch: i + 1 for i, ch in enumerate(NUMERALS)}


def numeral_value(numeral: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20 (headings never go higher)."""
    digits = _NUMERAL_DIGITS
    if numeral.isdigit():
        return int(numeral)
    if "十" not in numeral:
        return digits.get(numeral, 0)
    tens, _, units = numeral.partition("十")
    return (digits.get(tens, 1) if tens else 1) * 10 + (digits.get(units, 0) if units else 0)


# ── options ──────────────────────────────────────────────────────────────────────────────────
# `（A）` and `(A)`: normalization leaves a bracket half-width when no Chinese touches it (`(A)11万元`).
_OPTION_MARK = r"(?:-\s*)?(?:[（(]{L}[）)]|{L}[.、：])"
_OPTION_MARKS = {letter: re.compile(_OPTION_MARK.format(L=letter)) for letter in "ABCDEFGH"}


def split_options(text: str, first: str = "A") -> dict[str, str] | None:
    """`A.xB.yC.z` → {"A": "x", "B": "y", "C": "z"}, expecting letters in order, so that
    letter-only options (`A.AB.BC.C`) and letters inside option text are read right."""
    letter = first
    match = _OPTION_MARKS[letter].match(text) if letter in _OPTION_MARKS else None
    if not match:
        return None
    options: dict[str, str] = {}
    pos = match.end()
    while True:
        nxt = chr(ord(letter) + 1)
        found = _OPTION_MARKS[nxt].search(text, pos + 1) if nxt <= "H" else None
        if not found:
            options[letter] = text[pos:].strip()
            return options
        options[letter] = text[pos : found.start()].strip()
        letter, pos = nxt, found.end()


# ── answer values ────────────────────────────────────────────────────────────────────────────
# Atomic group: letters and separators are read once, never re-split, so no backtracking blow-up.
_LETTERS = re.compile(r"^((?>[A-H](?:\s*[、，,]?\s*[A-H])*))(?![A-Za-z])")
_TRUE = ("√", "对", "正确", "是", "T", "✓", "✔")
_FALSE = ("×", "错", "错误", "否", "F", "✗", "✘", "X")
_TRUTH_WORDS = sorted(_TRUE + _FALSE, key=len, reverse=True)  # longest first: 正确 before 正
_HANZI = re.compile(r"[\u4e00-\u9fff]")
_AFTER_LATIN_TRUTH = " 。；，（(：:"
_LETTER = re.compile(r"[A-H]")


@dataclass
class AnswerValue:
    letters: list[str] | None = None
    truth: bool | None = None
    text: str | None = None  # a written answer (fill-in or prose)
    explanation: str | None = None  # `（依据…）` after the letter, or the rest of the line
    raw: str = ""  # the answer as written


def parse_answer_value(raw: str) -> AnswerValue:
    raw = raw.strip().lstrip("：】 ").strip()
    if not raw:
        return AnswerValue()
    letters = _LETTERS.match(raw)
    if letters:
        rest = raw[letters.end() :].strip()
        return AnswerValue(letters=_LETTER.findall(letters.group(1)), explanation=_bracket_tail(rest), raw=raw)
    for word in _TRUTH_WORDS:
        after = raw[len(word) : len(word) + 1] or " "
        # (a Latin T/F/X followed by more of a formula or word is an answer's text: `T+1`, `X光`)
        if raw.startswith(word) and not _HANZI.match(after) and not (word.isascii() and after not in _AFTER_LATIN_TRUTH) or raw == word:
            return AnswerValue(truth=word in _TRUE, explanation=_bracket_tail(raw[len(word) :].strip()), raw=raw)
    return AnswerValue(text=raw, raw=raw)


def _bracket_tail(rest: str) -> str | None:
    rest = rest.strip(" 。；，")
    if not rest:
        return None
    if rest.startswith("（") and rest.endswith("）"):
        rest = rest[1:-1]
    return rest.strip() or None


# ── key points ───────────────────────────────────────────────────────────────────────────────
# A key point as (text, detail, group): detail is the model phrasing after `：“`, group the label
# of the bullet a sub-step came from. A plain tuple: tens of thousands are made per large document.
Point = tuple[str, "str | None", "str | None"]
_BULLET_CHARS = "-•●▪·"


_BULLET = re.compile(r"^[-•●▪·]\s*")
_LEADING_NUMBER = re.compile(r"^(?:\d{1,2}[.、](?!\d)|（\d{1,2}）|[①②③④⑤⑥⑦⑧⑨⑩])\s*")
_LABEL = re.compile(r"^([^：“”。；]{1,16})：")


# The number each step marker stands for. `\d` also matches other scripts' digits: those are
# missing here, read as 0, and never continue a sequence.
_ASCII_NUMBERS = {str(n): n for n in range(100)} | {f"0{n}": n for n in range(10)}
_CIRCLED_NUMBERS = {ch: n for n, ch in enumerate("①②③④⑤⑥⑦⑧⑨⑩", start=1)}
_CHINESE_NUMBERS = {ch: n for n, ch in enumerate("一二三四五六七八九十", start=1)}

# (pattern, numbers of its markers, what the text must contain for the pattern to find two
# markers or None); numbers None for the 第一/首先 words, read by _ordinal_steps.
_ENUM_STYLES = (
    # (`(?<![\d.])(\d{1,2})` with the lookbehind after the first digit: see _NUMBERED_HINT)
    (re.compile(r"(\d(?<![\d.]\d)\d?)[.、](?!\d)"), _ASCII_NUMBERS, None),
    (re.compile(r"（(\d{1,2})）"), _ASCII_NUMBERS, re.compile("（")),
    (re.compile(r"([①②③④⑤⑥⑦⑧⑨⑩])"), _CIRCLED_NUMBERS, re.compile("[①②③④⑤⑥⑦⑧⑨⑩]")),
    (re.compile(r"(?:^|(?<=[\n；。]))([一二三四五六七八九十])、"), _CHINESE_NUMBERS, re.compile("、")),
    (re.compile(r"(第[一二三四五六七八九十]步?|首先|其次|再次|然后|最后)[，、：]?"), None, None),
)
# What each numbered style needs to be present; most bullets have none, and one search says so.
# (Written `[first characters](?:(?<=…)…|…)`, they find what `\d[.、]|（\d|…` would: a pattern
# that starts with a character class lets the regex engine skip in C to where it fits, one that
# starts with an alternation of classes or a lookaround runs the whole matcher at every character.)
_NUMBERED_HINT = re.compile(r"[\d（①②③④⑤⑥⑦⑧⑨⑩一二三四五六七八九十](?:(?<=\d)[.、]|(?<=（)\d|(?<=[①②③④⑤⑥⑦⑧⑨⑩])|(?<=[一二三四五六七八九十])、)")
_ENUM_HINT = re.compile(
    r"[\d（①②③④⑤⑥⑦⑧⑨⑩第首其一二三四五六七八九十]"
    r"(?:(?<=\d)[.、]|(?<=（)\d|(?<=[①②③④⑤⑥⑦⑧⑨⑩])|(?<=第)[一二三四五六七八九十]|(?<=首)先|(?<=其)[一二三四五六七八]|(?<=[一二三四五六七八九十])[、是])"
)
# Ordinal words that open an item: `第一，` `第一、` `第一：` `第一是` `第一步` `第一点，`, `一是…二是…`
# after a break, `其一，…其二，…`. An ordinal inside a word (第三方, “第一窗口”, 第一时间, 统一是) opens nothing.
_ORDINAL_MARKS = (
    re.compile(r"第([一二三四五六七八])(?:步[，、：]?|点?[，、：]|是)"),
    re.compile(r"(?:^|(?<=[，。；：、\s]))([一二三四五六七八])是"),
    re.compile(r"其([一二三四五六七八])[，、：]"),
)
_ORDINALS = "一二三四五六七八"


def bullet_points(raw: str) -> list[Point]:
    """One bullet → one key point; a bullet holding numbered sub-steps → one per sub-step."""
    body = raw.strip()
    if body[:1] in _BULLET_CHARS:
        body = body[1:].lstrip()
    if _NUMBERED_HINT.search(body) is None:
        # Most bullets: no numbered steps and no leading number (both need what the hint finds).
        return [_point(body)]
    if body[:1] in "0123456789（①②③④⑤⑥⑦⑧⑨⑩":
        whole_list = enumerated_steps(body, numbered_only=True)
        if whole_list and not whole_list[0] and len(whole_list[1]) >= 2:
            return [_point(item) for item in whole_list[1]]  # `①…；②…；③…` on one line: one point each
        body = _LEADING_NUMBER.sub("", body)
    label_match = _LABEL.match(body)
    label = label_match.group(1).strip() if label_match else None
    content = body[label_match.end() :] if label_match else body
    steps = enumerated_steps(content, numbered_only=True)
    if steps and len(steps[1]) >= 2:
        lead, items = steps
        points = [_point(item, label) for item in items]
        if lead:
            points.insert(0, _point(lead, label))
        return points
    return [_point(body)]


def _point(text: str, group: str | None = None) -> Point:
    text = text.strip().rstrip("；;，,、 ")
    quote = text.find("“")
    if quote > 0 and text[quote - 1] == "：":  # `标签：“原话”`: the quoted model phrasing is the detail
        return (text[: quote - 1].strip(), text[quote:].strip(), group)
    return (text, None, group)


def enumerated_steps(text: str, numbered_only: bool = False) -> tuple[str, list[str]] | None:
    """Find a 1.…2.…3. (or （1）, ①, 第一/首先…最后) sequence that starts at 1 and runs in order.
    Returns the text before the first item and the items; None when there is no such sequence."""
    if not (_NUMBERED_HINT if numbered_only else _ENUM_HINT).search(text):
        return None
    for pattern, numbers, needs in _ENUM_STYLES:
        if needs and needs.search(text) is None:
            continue  # the style's marker is nowhere in the text: no need to scan for a sequence
        if numbers is None:
            if numbered_only:
                return None
            result = _ordinal_steps(text)
        else:
            result = _numbered_steps(text, pattern, numbers)
        if result:
            return result
    return None


def _numbered_steps(text: str, pattern: re.Pattern[str], numbers: dict[str, int]) -> tuple[str, list[str]] | None:
    parts = pattern.split(text)  # text before the first marker, number, item, number, item, …
    markers = parts[1::2]
    if len(markers) < 2:
        return None
    if [numbers.get(marker, 0) for marker in markers] == _COUNTING[: len(markers)]:
        # The usual case, every marker in order from 1: the items are what lies between them.
        items = [item.strip() for item in parts[2::2]]
        return parts[0].strip(), [item for item in items if item]
    return _steps_in_order(text, pattern, numbers)


_COUNTING = list(range(1, 101))


def _steps_in_order(text: str, pattern: re.Pattern[str], numbers: dict[str, int]) -> tuple[str, list[str]] | None:
    """The sequence 1, 2, 3, … among markers that also include other numbers (glued back into the items)."""
    starts: list[int] = []  # where each marker of the in-order sequence starts
    ends: list[int] = []  # and where its item's text starts
    expected = 1
    for match in pattern.finditer(text):
        if numbers.get(match.group(1), 0) == expected:
            starts.append(match.start())
            ends.append(match.end())
            expected += 1
    if expected < 3:
        return None
    items = [text[begin:end].strip() for begin, end in zip(ends, starts[1:] + [len(text)])]
    return text[: starts[0]].strip(), [item for item in items if item]


def _ordinal_sequence(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """Where 第一, 第二, … (in order, from the first) stand in the text."""
    positions: list[tuple[int, int]] = []
    for match in pattern.finditer(text):
        if match.group(1) == _ORDINALS[len(positions)]:
            positions.append(match.span())
            if len(positions) == len(_ORDINALS):
                break
    return positions


def _sequence_words(text: str) -> list[tuple[int, int]]:
    """Where 首先, 其次, 再次, 然后, 最后 stand in the text (any of them may be missing)."""
    positions: list[tuple[int, int]] = []
    for word in ("首先", "其次", "再次", "然后", "最后"):
        at = text.find(word, positions[-1][1] if positions else 0)
        if at >= 0:
            positions.append((at, at + len(word)))
    return positions


def _ordinal_candidates(text: str):
    """第一… / 一是… / 首先…, each tried only when the one before found no sequence."""
    for pattern in _ORDINAL_MARKS:
        yield _ordinal_sequence(text, pattern)
    yield _sequence_words(text)


def _ordinal_steps(text: str) -> tuple[str, list[str]] | None:
    for positions in _ordinal_candidates(text):
        if len(positions) >= 2:
            items = [
                text[positions[i][1] : positions[i + 1][0] if i + 1 < len(positions) else len(text)].lstrip("步，、：,: ")
                for i in range(len(positions))
            ]
            return text[: positions[0][0]].strip(), [item.strip() for item in items if item.strip()]
    return None


def prose_points(reference: str) -> list[Point]:
    """Key points derived from a model answer's own structure: its dash bullets (`参考答案：` with
    `-安抚情绪：…` lines under it), else its (1)(2) / ①② / 第一…第二 steps."""
    bullets = [line for line in reference.splitlines() if line.strip()[:1] in _BULLET_CHARS]
    if len(bullets) >= 2:
        return [point for line in bullets for point in bullet_points(line)]
    steps = enumerated_steps(reference)
    if not steps:
        return []
    return [_point(item) for item in steps[1]]


# `解析：考察点：①情绪安抚；②说明原因；③…`: what the question examines, listed item by item
_EXAMINED = re.compile(r"考[察查](?:点|要点|重点|方向)\s*[：:]\s*")


def examined_points(explanation: str) -> list[Point]:
    """Key points an explanation lists as what the question examines (`考察点：①…；②…`, or
    nothing but such a list once the parser has read the 考察点 marker), for an open question the
    document gives no key points or model answer: the interviewer checks exactly these."""
    match = _EXAMINED.search(explanation)
    steps = enumerated_steps(explanation[match.end() :] if match else explanation, numbered_only=True)
    if not steps or len(steps[1]) < 2 or (steps[0].strip() and not match):
        return []
    return [_point(item) for item in steps[1]]


# ── rubric ───────────────────────────────────────────────────────────────────────────────────
_RUBRIC_ITEM = re.compile(rf"^[-•●]?\s*([^（：]{{1,30}}?)\s*（\s*({NUMBER})\s*分\s*）\s*[：]?\s*(.*)$", re.S)


# Points written as a sentence: `答出安抚情绪得3分`, `提到复核渠道可得2分`, `语言表达：5分`.
_RUBRIC_SCORED = re.compile(
    rf"^[-•●]?\s*(?:答出|答到|提到|说出|讲出|指出|能够|能)?\s*(.{{1,40}}?)\s*(?:的?\s*(?:可?得|给|计|加)|[：，])\s*({NUMBER})\s*分(?:[，：]\s*(.*))?$",
    re.S,
)

_RUBRIC_BREAK = re.compile(r"(?<=分）)[、；，]|(?<=\d分)[。，、]|；")


def rubric_items(raw: str, consumed: list[str] | None = None) -> list[tuple[str, int | float | None, str | None]]:
    """`语言表达（5分）、逻辑（3分）`, `-结合个人经历（2分）：…` or `答出安抚情绪得3分；…` → (item, points, text).
    The wording a sentence-form line loses (`答出`, `得`) is recorded in `consumed`, like the
    parser's trace of structure words."""
    raw = raw.strip()
    chunks = [raw] if raw.startswith(("-", "•", "●")) else _RUBRIC_BREAK.split(raw)
    items = []
    for chunk in chunks:
        chunk = chunk.strip(" ；。")
        if not chunk:
            continue
        match = _RUBRIC_ITEM.match(chunk)
        if match is None:
            match = _RUBRIC_SCORED.match(chunk)
            if match is not None and consumed is not None:
                consumed.append(chunk)
        if match:
            items.append((match.group(1).strip(), to_number(match.group(2)), (match.group(3) or "").strip(" 。") or None))
        else:
            items.append((_BULLET.sub("", chunk), None, None))
    return items
