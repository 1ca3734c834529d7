"""Split normalized text into pieces at every place a structural element may start.

Run-on documents (the whole bank on one line) and one-item-per-line documents go through the same
path: each line is cut before every candidate marker (section heading, question number, answer
marker, bullet, option). Cutting is deliberately generous; the parser decides from context
whether a candidate really starts something, and glues rejected pieces back where they were
(`Piece.inline` says the piece continued the previous one on the same line). A marker written as
a bracketed label (`【要点】`) is given as the plain marker (`答案要点：`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kaoguan.ingest.normalize import CJK

NUMERALS = "一二三四五六七八九十"

# Markers that are unambiguous even when glued to the previous word (`D.以上都是答案：D解析：…`).
MARKER_WORDS = (
    "答案要点|参考要点|回答要点|答题要点|要点提示|参考答案与解析|参考答案|参考回答|示范回答|参考话术|回答示例|答题示例|示例回答|"
    "答案与解析|答案及解析|答案和解析|标准答案|正确答案|答案|解析|评分标准|评分要点|评分细则|评分参考|评分说明"
)
# Markers that are also ordinary words (请说明：, 关键点：): cut only after punctuation or a space.
NOTE_WORDS = (
    "题型说明|考察核心|考察方向|考察重点|考查重点|考察要点|考查要点|考核要点|考察目的|考查目的|考察意图|考查意图|"
    "命题意图|考察能力|考查能力|考察点|考查点|考点|解题说明|解题思路|命题依据|核心原则|关键点|说明"
)

# Fixed-width lookbehinds (Python's `re` needs one per width): answer letters (`B`, `ACD`, `A、B、C`)
# after `答案：`/`【答案】`,
# and a number ending an option's text (`D.50`, `D.日利率×100`, `D.3个月至12`): 1-4 digits after a
# dot, ×/÷ or a Chinese character, but not after 题目/第/号 (`题目3答案：` is an answer key's entry).
_AFTER_ANSWER_LETTERS = "(?:" + "|".join(f"(?<=[：】][A-H、，]{{{n}}}[A-H])" for n in range(0, 7)) + ")"
_AFTER_NUMERIC_OPTION = "(?:" + "|".join(f"(?<=[{CJK}×÷.][\\d.]{{{n}}})(?<![题目第号][\\d.]{{{n}}})" for n in range(1, 5)) + ")"

# Zero-width cut points. Each alternative is a lookahead, guarded by a lookbehind where a marker
# would otherwise be cut out of a word (e.g. `回答：` is not `答：`).
# Each alternative comes with the characters it can start with. The regex is built as
# `(?=F1(?<=A1.)|F2(?<=A2.)|…)`: at each position the engine tests the character against each
# F (a cheap character-class check it does before entering an alternative) and evaluates the
# alternative A itself, at the same position, only for the few whose first character fits.
_CUT_ALTERNATIVES = (
    # Each alternative puts its lookahead (what starts here) before its lookbehind (what
    # must not precede): same meaning, but most positions fail on the first, cheaper test.
    # section heading: 一、 二、 … (not inside 第一、 or a longer numeral)
    (f"[{NUMERALS}]", f"(?=[{NUMERALS}]{{1,3}}、)(?<![{NUMERALS}第])"),
    ("第", f"(?=第[{NUMERALS}\\d]{{1,3}}(?:部分|类|章|大题)|第[{NUMERALS}]{{1,3}}节)"),
    # question / list numbers: 1. 1、 12. (not 1.5, not part of a longer number, not after 第 or a letter)
    # …but right after an answer's letters, which run-on pages glue to the next number (`答案：A2.`)
    ("[0-9]", r"(?=\d{1,4}[.、](?!\d))(?:(?<![\d.A-Za-z第])|" + _AFTER_ANSWER_LETTERS + ")"),
    ("（", r"(?=（\d{1,3}）)(?<![\dA-Za-z])"),
    ("（", r"(?=（\d{1,3}）)" + _AFTER_ANSWER_LETTERS),  # `答案：A（2）…`
    ("[题问]", r"(?=(?:题目|问题)\d)(?<![A-Za-z])"),
    ("第", f"(?=第(?:\\d{{1,4}}|[{NUMERALS}]{{1,3}})题)"),
    ("（", f"(?=（[{NUMERALS}]{{1,3}}）)(?<![{NUMERALS}])"),
    # 题目：/问题：/题干： unless glued to a number (1.题目：) or part of another word
    ("[题问]", f"(?=(?:题目|问题|题干)[：])(?<![{CJK}\\d.、\\-])"),
    # answer, analysis, rubric and note markers
    ("[答参回要示标正解评]", f"(?=(?:{MARKER_WORDS})[：】])(?<![回作解问、\\-•●▪\\d.准确考参【与及和])"),
    # 答案 right after a number ending an option (`D.50答案：B`): a digit before 答案 is otherwise
    # an answer key's entry number (`3答案：B`)
    ("答", r"(?=答案[：】])" + _AFTER_NUMERIC_OPTION),
    # an answer key's numbered entries on one line: `答案1：B 答案2：C`
    ("答", r"(?=答案\d{1,3}[：:.、])(?<![参准确])"),
    ("[题考解命核关说]", f"(?=(?:{NOTE_WORDS})[：])(?<![{CJK}\\-•●▪\\d.])"),
    ("【", r"(?=【(?:答案|参考答案|正确答案|解析|选项|答案解析|答案要点|参考要点|要点|评分标准|评分要点)】)"),
    ("答", r"(?=答[：])(?<![回作问解\w])"),
    # `答案为B` / `正确答案是：C` glued to an option (only before an answer value)
    ("[答正标]", r"(?=(?:正确答案|标准答案|答案)[为是]\s*[：]?\s*[A-H√×对错])(?<![参回作解问准确])"),
    ("[参答]", r"(?=(?:参考)?答案(?:与|及|和)解析)(?<![回作考\d.])"),
    # an answer key's heading run on after the last answer, with its first section heading glued on
    # (`…普及基金知识。参考答案一、单项选择题1.A2.C…`)
    ("[参答]", f"(?=(?:参考)?答案[{NUMERALS}]{{1,3}}、)(?<=[。？！”）)])"),
    # dash bullets after punctuation (not 2026-02-17, not a minus between digits)
    ("[-•●▪]", r"(?=[-•●▪][^\d\s])(?<=[。；！？：”）)\]】])"),
    ("[-•●▪]", r"(?=[-•●▪]\s)(?<=[。；！？”）)])"),
    # options: A. A、 (A) -A. (not inside a Latin word)
    ("[A-H]", f"(?=[A-H][.、](?!\\d))(?<=[{CJK}。；，：？！”）)\\]】 ])(?<!答案：)(?<!答案】)(?<!答案】：)(?<!答：)"),
    ("-", f"(?=-[A-H][.、])(?<=[{CJK}。；，：？！”）)\\]】 ])"),
    ("[（(]", r"(?=[（(][A-H][）)])"),
)
# `(?<=A.)` steps back over the character just tested, so A is evaluated where the cut would be.
# The pattern takes the cut's first character (a capture group, so `split` keeps it) and tests the
# alternatives in a lookbehind of that one character. A pattern that starts with a character class
# lets the regex engine scan in C for the next position where that class matches; one that starts
# with a lookahead (a zero-width cut) makes it run its full matcher at every character of the text
# (this split alone was most of the regex time of an import).
_CUT_FIRST = f"{NUMERALS}第0123456789（(题问答参回要标正解考评核关命说示【-•●▪ABCDEFGH"


# The characters (a class's contents) one of which must follow, for candidates that mostly cut nothing (题 of 面试题, 要 of 需要,
# 解 of 解决, a digit of 2026年): every alternative they start needs one of these next (题目/题干/
# 题型说明, 要点提示, 解析/解题…; a number needs its dot, 、 or more digits), tested before the
# alternatives themselves.
_NEXT_CHARS = {
    "题": "目干型", "解": "析题", "要": "点", "关": "键", "核": "心", "回": "答", "标": "准", "示": "范例", "正": "确",
    "评": "分", "考": "察查核点", "命": "题", "参": "考", "问": "题", "说": "明",
    **{letter: ".、" for letter in "ABCDEFGH"},
    **{digit: r"\d.、" for digit in "0123456789"},  # (any script's digits: `\d{1,4}`)
}


def _cut_pattern() -> re.Pattern[str]:
    """The alternatives grouped by the characters they can start with, each character in one group
    (`答` starts six of them): at a candidate position the engine tests the groups' characters
    until one fits and evaluates only that group's alternatives. Which alternative finds a cut does
    not matter (none captures), so grouping and order change nothing but the cost. Bullets' dashes,
    numbers and option letters, the commonest candidates, are tested first."""
    groups: dict[tuple[int, ...], str] = {}
    for char in _CUT_FIRST:
        starts = tuple(index for index, (first, _) in enumerate(_CUT_ALTERNATIVES) if re.fullmatch(first, char))
        if starts:  # (every one of them starts some alternative)
            groups[starts] = groups.get(starts, "") + char
    commonest_first = sorted(groups.items(), key=lambda group: next((i for i, c in enumerate("-0A答") if c in group[1]), 4))
    branches = []
    for starts, chars in commonest_first:
        alternatives = "(?:" + "|".join(f"(?<={_CUT_ALTERNATIVES[index][1]}.)" for index in starts) + ")"
        checked = [char for char in chars if char in _NEXT_CHARS]
        for char in checked:  # (its own branch, behind the test of the character after it)
            branches.append(f"{re.escape(char)}(?=[{_NEXT_CHARS[char]}]){alternatives}")
        chars = "".join(char for char in chars if char not in _NEXT_CHARS)
        if chars:
            first = re.escape(chars) if len(chars) == 1 else f"[{re.escape(chars)}]"
            branches.append(first + alternatives)
    candidates = "".join(chars for _, chars in commonest_first)
    return re.compile(f"([{re.escape(candidates)}])(?<=" + "|".join(branches) + ")")


_CUT = _cut_pattern()


@dataclass(slots=True)
class Piece:
    text: str
    inline: bool  # continues the previous piece on the same line
    line: int  # 1-based line number in the normalized text


def segment(text: str) -> list[Piece]:
    pieces: list[Piece] = []
    for line_number, line in enumerate(text.split("\n"), start=1):
        if not line:
            continue  # blank lines (common between items) hold no pieces
        parts = _CUT.split(line)  # text before the first cut, then each cut's first character and the rest
        labelled = "【" in line  # (few lines hold a bracketed label, see plain_label)
        first = parts[0].strip()
        if first:
            pieces.append(Piece(plain_label(first) if labelled else first, False, line_number))
        inline = bool(first)
        for mark, rest in zip(parts[1::2], parts[2::2]):
            text = mark + rest.rstrip()  # (a cut never starts with a space: stripping its end is stripping it)
            pieces.append(Piece(plain_label(text) if labelled else text, inline, line_number))
            inline = True
    return pieces


# Sites often write a marker as a bracketed label: `【答案要点】（1）…；（2）…`, `【要点】…`, or
# `【答案要点】` alone with bullets below: read as the plain marker `答案要点：…` (an empty body opens
# the field for the next lines, as `答案要点：` does). `【参考答案】` and `【解析】` have their own patterns.
_BRACKET_LABEL = re.compile(r"^【(答案要点|参考要点|答题要点|回答要点|要点提示|要点|评分标准|评分要点)】[：:]?\s*(.*)$", re.S)
_PLAIN_LABEL = {"要点": "答案要点", "要点提示": "答案要点", "答题要点": "答案要点", "回答要点": "答案要点"}


def plain_label(text: str) -> str:
    """`【要点】…` → `答案要点：…`; any other text as it is."""
    match = _BRACKET_LABEL.match(text) if text.startswith("【") else None
    if match is None:
        return text
    label, rest = match.groups()
    return f"{_PLAIN_LABEL.get(label, label)}：{rest}"


