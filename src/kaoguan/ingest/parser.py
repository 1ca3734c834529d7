"""The structure parser: pieces of normalized text → sections and questions (still raw).

A small state machine walks the pieces once. Each piece is either accepted as the start of a
structural element (section heading, question, option, answer marker, bullet, appendix entry) or
glued back as text onto whatever field is being filled. The decisive trap is numbering: numbered
lists inside answers look like new questions, so a number only starts a question when it is the
expected next number, uses the document's numbering style, and is not the continuation of a
list already running inside the answer (see `_starts_question`).

Nothing is dropped: every piece lands in a field, in `trace` (structure words consumed, such as
`答案要点：` or `（共5题，每题8分）`), or in `unplaced` (reported as a warning).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kaoguan.bank.placeholders import is_placeholder_answer
from kaoguan.ingest.answers import AnswerValue, Declaration, numeral_value, parse_answer_value, split_heading, split_options, to_number
from kaoguan.ingest.segment import NUMERALS, Piece

_HEADING = re.compile(rf"^(?:([{NUMERALS}]{{1,3}})、|第([{NUMERALS}\d]{{1,3}})(?:部分|类|章|大题|节)[：、.]?|（([{NUMERALS}]{{1,3}})）)\s*(.*)$", re.S)
_QNUM = re.compile(rf"^(?:(\d{{1,4}})[.、](?!\d)|（(\d{{1,4}})）|(?:题目|问题)(\d{{1,4}})(?![\d.])[：.、]?|第(\d{{1,4}}|[{NUMERALS}]{{1,3}})题[：.、]?)\s*(.*)$", re.S)
# What `_QNUM` reads from a piece that starts with a digit (see Parser._glued_list_item).
_LIST_NUMBER = re.compile(r"(\d{1,4})[.、](?!\d)")
_DIGITS = "0123456789"
_PROMPT_MARK = re.compile(r"^-?\s*(?:题目|问题|题干)\s*[：]\s*(.*)$", re.S)
_LABEL_POINTS = re.compile(r"^([^，。？！：“”]{1,20}?)\s*（\s*(\d+(?:\.\d+)?)\s*分\s*）\s*(.*)$", re.S)
_POINTS_ONLY = re.compile(r"^（\s*(\d+(?:\.\d+)?)\s*分\s*）\s*(.*)$", re.S)
_BARE_LABEL = re.compile(r"^([^，。？！：“”\s]{2,12}(?:题|理解|分析|认知|能力|规划|技巧|沟通|应变))$")
_BARE_LABEL_MAX = 12 + 2  # the longest text _BARE_LABEL can match: 12 characters and a two-character word
_NOT_A_LABEL = re.compile(r"[，。？！：；“”\s\n]")  # a label is a few words, not a sentence
_OPTION = re.compile(r"^(【选项】\s*)?(?:-\s*)?(?:[（(]([A-H])[）)]|([A-H])[.、：])")
# (a bare `要点` only with its colon: `要点：①…；②…` under a question)
_KEYPOINTS = re.compile(r"^(?:答案要点|参考要点|回答要点|答题要点|要点提示|要点(?=：))[：】]?\s*(.*)$", re.S)
# (`参考答案（单选题）`: a key headed with the section it answers)
_APPENDIX = re.compile(r"^(?:参考)?答案(?:与|及|和)解析[：]?\s*(.*)$|^(?:参考答案|答案)(?:（([^（）]{2,12})）)?[：]?$", re.S)
# `答案：B`, `【答案】B`, and — only before an answer value — `答案为B`, `正确答案是：C`, `答案 B`.
_ANSWER = re.compile(
    r"^(?:【(?:答案|参考答案|正确答案)】|(?:标准答案|正确答案|答案)(?:[：]|[为是]\s*[：]?|\s+)(?=\s*(?:[A-H√×对错]|正确|错误)|(?<=：)))"
    r"\s*[：]?\s*(.*)$",
    re.S,
)
_REFERENCE = re.compile(r"^(?:参考答案|参考回答|示范回答|参考话术|回答示例|答题示例|示例回答|答)[：]\s*(.*)$", re.S)
# `一、为什么选择客服岗位？` where the document has no sections: each 一、二、… is one question.
_NUMERAL_QUESTION = re.compile(rf"^([{NUMERALS}]{{1,3}})、\s*(.+)$", re.S)
_ANSWER_START = re.compile(r"^(?:【(?:答案|参考答案)】|(?:参考答案|参考回答|示范回答|参考话术|回答示例|答题示例|示例回答|答案要点|参考要点|要点|答案|答)[：])")
_EXPLANATION = re.compile(r"^(?:【(?:解析|答案解析)】|(?:解析|解题说明|解题思路|考察点|考查点|命题依据)[：])\s*(.*)$", re.S)
_RUBRIC = re.compile(r"^(?:评分标准|评分要点|评分细则|评分参考|评分说明|得分要点|给分要点)[：]\s*(.*)$", re.S)
# Notes for the grader (what a question tests): under a heading they are the section's
# instructions, under a question its explanation — never part of the prompt a candidate sees.
_NOTE = re.compile(
    r"^(题型说明|考察核心|考察方向|考察重点|考查重点|考察要点|考查要点|考核要点|考察目的|考查目的|考察意图|考查意图|命题意图|考察能力|考查能力|考点|说明|备注)[：]\s*(.*)$",
    re.S,
)
_CORE = re.compile(r"^(?:核心原则|关键点)[：]")
_BULLET = re.compile(r"^[-•●▪·](?=\s*\S)")
_APPENDIX_ENTRY = re.compile(
    # (an ASCII colon stays ASCII between a digit and a letter: `1:B`, `答案1:B`)
    r"^-?\s*(?:([^\d\s：，。；]{2,12}?)\s*)?(\d{1,3})\s*(?:[.、：:]\s*|(?=答案|解析|参考))(答案要点|参考要点|答题要点|要点|答案|解析|参考答案)?\s*[：]?\s*(.*)$"
    r"|^-?\s*答案\s*(\d{1,3})\s*[：:.、]?\s*(.*)$",
    re.S,
)
_TRAILING_POINTS = re.compile(r"（\s*(\d+(?:\.\d+)?)\s*分\s*）$")
_BLANK_AT_END = re.compile(r"（\s*）。?$")
_BLANK = re.compile(r"[_（](?:(?<=_)_|(?<=（)\s*）)")  # `_{2,}|（\s*）`, class first (see answers._NUMBERED_HINT)
_SENTENCE_MARK = re.compile(r"[。；？！]")
_REMARK = re.compile(r"（[^）]*）")
_HANZI = re.compile(r"[\u4e00-\u9fff]")
# How far numbering may jump at a section boundary (pages lost from a preview), on a line that
# reads like a question; bounded so that a year (`2026.`) under a heading is never a question.
_SECTION_JUMP = 20
_OPTION_A = re.compile(r"^(?:-\s*)?(?:[（(]A[）)]|A[.、])")
_FIRST_OPTION = re.compile(r"(?:(?<=[\u4e00-\u9fff。；，：？！”）)\]】 ])|^)(?:-\s*)?(?:[（(]A[）)]|A[.、])")
_APPENDIX_WORDS = frozenset({"答案", "参考答案", "解析", "题", "第", "题目", "答"})
# (`（1）B…` refers back; `（1）先倾听…` is a numbered model answer under `参考答案：`)
_REFERS_BACK = re.compile(r"^-?\s*(?:[^\d\s：，。（）]{2,12})?\d{1,3}|^（\d{1,3}）\s*[A-H√×对错]{1,5}(?:[\s，；、。（]|$)|^第\d{1,3}题")
# A marker alone on its line, its text on the next lines (`参考答案` / `B`, `解析` / `因为…`).
_BARE_MARKER = re.compile(r"^(?:(参考答案|标准答案|正确答案|答案)|(解析|答案解析)|(答案要点|参考要点)|(评分标准|评分要点))$")  # (with a colon the markers' own handlers read them)
# Answer keys' entries written `第3题：B` or `（3）B`.
_ENTRY_DI = re.compile(r"^第(\d{1,3})题[：.、]?\s*")
_PAREN_KEY = re.compile(r"（(\d{1,3})）\s*([A-H√×对错]{1,5})[\s，；、。]*")
_PAREN_KEYS = re.compile(rf"(?:{_PAREN_KEY.pattern})+$")
# A key whose numbered entries run together: `1.A2.C3.B`, `1.ABD2.A、B、C`, `1.√2.×` (the next
# number ends the letters before it).
_GLUED_KEY = re.compile(r"(\d{1,3})[.、．]\s*([A-H](?:[、，,]?[A-H])*|[√×✓✗对错])[\s，；。]*")
_GLUED_KEYS = re.compile(rf"(?:{_GLUED_KEY.pattern}){{2,}}$")
_RANGE_HEAD = re.compile(r"^(\d{1,3})\s*[-－~～—–]\s*(\d{1,3})\s*[：:.、]?$")
_KEY_VALUES = re.compile(r"^([A-H√×对错]{1,5}(?:[\s、，,|]+[A-H√×对错]{1,5})*)[\s。]*$")
_SENTENCE_PUNCT = tuple("。；，！？：、")
_SECTION_SUFFIXES = ("题", "类", "部分", "知识", "模拟", "测试", "案例", "政策", "题型")
_SECTION_WORDS = ("题", "部分", "类", "知识", "能力", "测试", "面试", "模拟", "分析", "规划", "认知", "素质", "技巧", "案例", "政策")
_TERMINAL = tuple("。？！；”）")
_SENTENCE_END = tuple("。？！”）】」.?!")
ANSWER_FIELDS = frozenset({"keypoints", "reference", "explanation", "rubric", "answer"})


class Fragments(list):
    """Text that grows piece by piece. Pieces are kept with their separator and joined once at the
    end, so a field that grows to megabytes costs linear time, not quadratic."""

    def add(self, text: str) -> None:
        """A new paragraph (a new line when something is already there)."""
        self.append("\n" + text if self else text)

    def extend_text(self, text: str, inline: bool) -> None:
        """Continue the text: glued on the same line, across a hard line break inside a sentence,
        or as a new line."""
        if inline or not self:  # (glued on the same line: the commonest case, decided first)
            self.append(text)
            return
        last = self[-1][-1:] if self[-1] else ""
        joined = last and last not in _TERMINAL and _is_hanzi(last) and _is_hanzi(text[:1])
        self.append(text if joined else "\n" + text)

    def endswith(self, suffix) -> bool:
        return bool(self) and self[-1].endswith(suffix)

    def text(self) -> str:
        return "".join(self)


@dataclass
class RawQuestion:
    number: int | None
    style: str
    label: str | None = None
    points: int | float | None = None
    prompt: Fragments = field(default_factory=Fragments)
    options: dict[str, Fragments] = field(default_factory=dict)
    answer: AnswerValue | None = None
    key_points: list[Fragments] = field(default_factory=list)  # raw bullets, split at finalization
    reference: Fragments = field(default_factory=Fragments)
    explanation: Fragments = field(default_factory=Fragments)
    rubric: list[Fragments] = field(default_factory=list)
    line: int = 0

    @property
    def has_answer_content(self) -> bool:
        return bool(self.answer or self.key_points or self.reference or self.explanation or self.rubric)


@dataclass
class RawSection:
    title: str
    declaration: Declaration
    numeral: int | None
    instructions: Fragments = field(default_factory=Fragments)
    loose: list[str] = field(default_factory=list)  # plain lines before the first question
    questions: list[RawQuestion] = field(default_factory=list)
    implicit: bool = False


@dataclass
class Unplaced:
    text: str
    section: int | None
    question: int | None


@dataclass
class AppendixState:
    note: str
    section: RawSection | None = None
    last_number: int = 0
    target: RawQuestion | None = None
    target_field: str = "explanation"
    covered: set[int] = field(default_factory=set)  # id() of questions it filled
    grid_numbers: list[int] | None = None  # a `题号 1 2 3 4` row waiting for its `答案 B A C D` row


@dataclass
class ParseResult:
    title: str | None
    preamble: list[str]
    sections: list[RawSection]
    unplaced: list[Unplaced]
    trace: list[str]
    appendix: AppendixState | None
    continued_numbering: list[tuple[int, int]]  # (section index, first number)
    ends_mid_sentence: bool = False  # the last piece belongs to the last question and stops mid-sentence
    numbering_gaps: list[tuple[int, int, int]] = field(default_factory=list)  # (section index, number before, number after)
    ends_dangling: bool = False  # the last question stops at a label, a dash, a comma or inside a quote


class Parser:
    def __init__(self, pieces: list[Piece]) -> None:
        self.pieces = pieces
        self.title: str | None = None
        self.preamble: list[str] = []
        self.front_notes: list[str] = []  # notes about the whole document, kept with the first section
        self.sections: list[RawSection] = []
        self.question: RawQuestion | None = None
        self.field = "title"
        self.style: str | None = None
        self.last_number = 0
        self.sublist_next: int | None = None
        self.trace: list[str] = []
        self.unplaced: list[Unplaced] = []
        self.appendix: AppendixState | None = None
        self.closed_appendix: AppendixState | None = None  # an answer block that a new section ended
        self.continued: list[tuple[int, int]] = []
        self.gaps: list[tuple[int, int, int]] = []
        self.numeral_headings = False  # some section heading was written `一、…`
        self.following: Piece | None = None  # the piece after the one being handled
        self._printed_numbers: dict[int, tuple[int, int | None]] = {}  # id(section questions) → (scanned, last number)
        self._numbered_index: dict[int, tuple[int, dict[int, RawQuestion]]] = {}  # id(section questions) → (indexed, by number)

    # ── driver ─────────────────────────────────────────────────────────────────────────────
    def parse(self) -> ParseResult:
        routes = _ROUTES
        pieces = self.pieces
        for piece, following in zip(pieces, [*pieces[1:], None]):
            self.following = following
            text = piece.text
            if self.appendix is not None and self._appendix_piece(piece):
                continue
            if piece.inline and self.field == "keypoints" and text[0] in _DIGITS and self._glued_list_item(text):
                continue
            # The piece's first character picks the few structures it can start (see _ROUTES);
            # the first one whose pattern matches and whose handler accepts it in context wins.
            if following is None and not piece.inline and self.sections and _SIGN_OFF.match(text):
                self.front_notes.append(text)  # `编制：人力资源部 2026年1月` closing the document
                continue
            first = text[0]
            if first == "-" and text[1:2] not in _DASH_SECOND and not text[1:2].isspace():
                # `-核实信息：…`: only a bullet can start so, and _BULLET matches it (a dash, then a
                # character that is no space; an empty `text[1:2]` is "in" any string)
                if self._bullet(None, piece) is False:
                    self._text(text, piece)
                continue
            for pattern, handler in routes.get(first, ()):
                match = pattern.match(text)
                if match and handler(self, match, piece) is not False:
                    break
            else:
                self._text(text, piece)
        self._settle_front_matter()
        last = pieces[-1].text if pieces else ""
        # (an answer value such as `答案：√` or `答案：A` is complete, whatever character it ends with)
        ends_mid_sentence = self.question is not None and self.appendix is None and self.field != "answer" and not last.endswith(_SENTENCE_END)
        return ParseResult(
            self.title, self.preamble, self.sections, self.unplaced, self.trace, self.appendix or self.closed_appendix,
            self.continued, ends_mid_sentence,
            self.gaps, ends_mid_sentence and _dangles(last),
        )

    def _settle_front_matter(self) -> None:
        """Lines between the title and the first section that are not stray text: the title again in
        other words (a page's title above the body's own, `（客服方向）` added) — the body's wins; the
        exam's name under an issuer's name (`某保险股份有限公司` / `在线客服笔试题`) — one title; notes
        to whoever uses the bank (`面试官使用说明：…`, `（内部使用…）`, `内部资料 请勿外传`, a closing
        `编制：…`) — the first section's instructions. Anything else stays reported."""
        if self.title is None or not self.sections or not (self.preamble or self.front_notes):
            return
        stray: list[str] = []
        notes: list[str] = []
        for text in self.preamble:
            if not stray and _same_title(self.title, text):
                self._consume(self.title)
                self.title = text
            elif not stray and not notes and _EXAM_WORDS.search(text) and not _EXAM_WORDS.search(self.title) and _looks_like_title(text):
                if _FRONT_NOTE.match(self.title):  # a running header marked `内部资料 请勿外传` above the exam's name
                    notes.append(self.title)
                    self.title = text
                else:
                    self.title += text
            elif _FRONT_NOTE.match(text):
                notes.append(text)
            else:
                stray.append(text)
        self.preamble = stray
        notes += self.front_notes  # (a closing sign-off after the notes at the top)
        if notes:
            section = self.sections[0]
            notes = "\n".join(notes)
            section.instructions = Fragments([notes + ("\n" + section.instructions.text() if section.instructions else "")])

    def _glued_list_item(self, text: str) -> bool:
        """The commonest piece of all: a list number glued inside a bullet (`-解决步骤：1.倾听…；2.协调…`)
        at or below the last question's number. It continues the bullet, as `_try_question` and
        `_text` would decide at length (a fifth of a bank's pieces, so decided here first)."""
        match = _LIST_NUMBER.match(text)
        if match is None:
            return False
        question = self.question
        n = int(match.group(1))
        if question is None or not question.key_points or not self._below_last_question(n):
            return False
        if n == 1 or n == self.sublist_next:
            self.sublist_next = n + 1
        question.key_points[-1].append(text)
        return True

    # ── sections ───────────────────────────────────────────────────────────────────────────
    def _try_heading(self, match: re.Match[str], piece: Piece) -> bool:
        numeral = match.group(1) or match.group(2) or match.group(3)
        value = numeral_value(numeral)
        title, decl, trailing = split_heading(match.group(4))
        declared = decl.count is not None or decl.points is not None or decl.total is not None
        looks_like = declared or (
            0 < len(title) <= 24
            and any(word in title for word in _SECTION_WORDS)
            and not title.endswith(_SENTENCE_PUNCT)
            and (self.field not in ANSWER_FIELDS or title.endswith(_SECTION_SUFFIXES))  # `二、抗压能力好` in an answer is a list item
        )
        expected = sum(1 for s in self.sections if not s.implicit) + 1
        if not title and not declared and self._numbers_the_answer_key():
            self._consume(match.group(0))  # `四、答案及解析`: the key's heading is not a section
            return True
        if not looks_like or not title and not declared:
            return False
        if value != expected and not (declared and value > expected):
            return False  # only a declared heading may skip a number (a section lost in the preview)
        title, glued = _split_glued_instruction(title)
        section = RawSection(title=title, declaration=decl, numeral=value)
        self.numeral_headings = self.numeral_headings or bool(match.group(1))
        self._consume(match.group(0)[: match.start(4)], decl.text)
        self.sections.append(section)
        self.question = None
        self.field = "instructions"
        self.sublist_next = None
        for extra in (glued, decl.note, trailing):
            if extra:
                note = _NOTE.match(extra)
                if note:
                    self._consume(note.group(1) + "：")
                section.instructions.add(note.group(2) if note else extra)
        return True

    def _numbers_the_answer_key(self) -> bool:
        """The bare numeral of a heading glued to an answer key's title (`四、` of `四、答案及解析`)."""
        following = self.following
        return (
            following is not None and following.inline and _APPENDIX.match(following.text) is not None
            and any(s.questions for s in self.sections)
        )

    def _try_numeral_question(self, match: re.Match[str], piece: Piece) -> bool:
        """`一、为什么选择客服岗位？参考答案：…二、你能接受倒班吗？…`: 一、二、… that each head one
        question (not a section heading: it reads like a question and an answer follows), in a
        document without sections or under `第一部分`-style headings. The numerals run 一, 二, 三 …
        from the start of the section."""
        if self.numeral_headings or self.style not in (None, "numeral"):
            return False
        value = numeral_value(match.group(1))
        rest = match.group(2).strip()
        following = self.following.text if self.following is not None else ""
        current = self.sections[-1] if self.sections else None
        previous = current.questions[-1].number if current is not None and current.questions else 0
        if value != (previous or 0) + 1 or not (rest.endswith("？") or _ANSWER_START.match(following)):
            return False
        section = self._current_section(piece.line)
        self.style = "numeral"  # digit numbers from now on are lists inside answers unless clearly questions
        self.last_number = value
        self.sublist_next = None
        question = RawQuestion(number=value, style="numeral", line=piece.line)
        section.questions.append(question)
        self.question = question
        self.field = "prompt"
        self._consume(match.group(0)[: match.start(2)])
        self._question_head(question, rest)
        return True

    def _current_section(self, line: int) -> RawSection:
        if not self.sections:
            self.sections.append(RawSection(title="", declaration=Declaration(), numeral=None, implicit=True))
        return self.sections[-1]

    # ── questions ──────────────────────────────────────────────────────────────────────────
    def _try_question(self, match: re.Match[str], piece: Piece) -> bool:
        dot, paren, timu, di, rest = match.groups()
        digits = dot or paren or timu
        n = int(digits) if digits else numeral_value(di)
        style = "dot" if dot else "paren" if paren else "timu" if timu else "di"
        if self._below_last_question(n) or not self._plausible_number(n) or not self._starts_question(n, style, rest, piece):
            if n == 1 or n == self.sublist_next:
                self.sublist_next = n + 1
            return False
        section = self._current_section(piece.line)
        self._note_numbering(section, n)
        if self.style is None or (not section.questions and style != self.style and not _is_strong(style, rest)):
            self.style = style  # (the document's style, or the one a section's first question switched to)
        self.last_number = n
        self.sublist_next = None
        question = RawQuestion(number=n, style=style, line=piece.line)
        section.questions.append(question)
        self.question = question
        self.field = "prompt"
        self._consume(match.group(0)[: match.start(5)])
        self._question_head(question, rest)
        return True

    def _note_numbering(self, section: RawSection, n: int) -> None:
        """Numbering that runs on from the previous section, and numbers skipped on the way
        (questions lost from the document or its preview), for the warnings."""
        if not section.questions:
            if self.last_number and n > self.last_number and n != 1:
                self.continued.append((len(self.sections), n))
                if n > self.last_number + 1:
                    self.gaps.append((len(self.sections), self.last_number, n))
            return
        before = section.questions[-1].number
        if before is not None and n > before + 1:
            self.gaps.append((len(self.sections), before, n))

    def _below_last_question(self, n: int) -> bool:
        """The commonest rejection, decided first: a number not above the last question's in this
        section is a list item inside an answer (`_starts_question` would say no at length)."""
        if n > self.last_number or not self.sections:
            return False
        in_section = self.sections[-1].questions
        return bool(in_section) and in_section[-1].number is not None

    def _plausible_number(self, n: int) -> bool:
        """Cheap first check: could `n` be the next question number at all (maybe skipping two)?"""
        if self.appendix is not None:
            return False
        section = self.sections[-1] if self.sections else None
        if section is None or not section.questions:
            return n == 1 or n == self.last_number + 1 or (
                self.field == "instructions" and self.last_number < n and (n <= self.last_number + _SECTION_JUMP or n == self._declared_next_number())
            )
        return self.last_number < n <= self.last_number + 3 or n <= 3

    def _last_printed_number(self, questions: list[RawQuestion]) -> int:
        """The number of the section's last numbered question, or the count of its questions when
        none has a number. Remembered per section (questions are only ever appended), so that a
        long run of unnumbered questions is not rescanned for every list number in their answers:
        that made large unnumbered banks quadratic (8000 questions: 0.7 MB/s)."""
        scanned, found = self._printed_numbers.get(id(questions), (0, None))
        for question in reversed(questions[scanned:]):
            if question.number is not None:
                found = question.number
                break
        self._printed_numbers[id(questions)] = (len(questions), found)
        return found if found is not None else len(questions)

    def _starts_question(self, n: int, style: str, rest: str, piece: Piece) -> bool:
        # `_is_strong` (three regexes) is asked only where the answer matters: most candidates are
        # list numbers inside answers, rejected by the numbering alone.
        section = self.sections[-1] if self.sections else None
        in_section = section.questions if section else []
        if self.appendix is not None:
            return False
        if self.style and style != self.style and not _is_strong(style, rest) and not self._restyled_section_start(n, rest, piece):
            return False
        if in_section:
            # the last printed number in this section (questions without numbers count by position)
            previous = self.last_number if in_section[-1].number is not None else self._last_printed_number(in_section)
            if n != previous + 1:
                # a skipped number (a question lost from the document) is accepted only on clear evidence
                if not previous + 1 < n <= previous + 3:
                    return False
                stem_line = not piece.inline and rest.endswith("？") and self.sublist_next != n
                if not (stem_line or self._clearly_a_question(style, rest)):
                    return False
        elif not self._opens_section_at(n, rest, piece):
            return False
        if self._clearly_a_question(style, rest):
            return True
        if self.sublist_next == n:
            # `n` also continues a numbered list inside the answer: only a line that reads like a
            # question stem (and not like a `标签：…` list item) starts a new question.
            return _looks_like_stem(rest, inline=piece.inline)
        if self.field in ANSWER_FIELDS and piece.inline and "？" not in rest and rest[-1:] not in ("？", "）"):
            # a glued number in an answer with no question mark: a list item more often than not
            return bool(self.question and not self.question.key_points and not self.question.reference and self.field == "answer")
        return True

    def _restyled_section_start(self, n: int, rest: str, piece: Piece) -> bool:
        """A section may number its questions its own way (`题目1（10分）` for the open questions,
        then `1.…____。` for the fill-in ones): right under its heading, a `1.` on its own line
        that reads like a stem, holds a blank, or is followed by option A or its answer."""
        if n != 1 or piece.inline or self.field != "instructions" or self.style == "numeral":
            return False
        return self._reads_like_a_question(rest) or bool(self.following and _ANSWER_START.match(self.following.text))

    def _reads_like_a_question(self, rest: str) -> bool:
        """A numbered line under a heading that reads like a question stem, holds a blank, or is
        followed by option A."""
        following = self.following.text if self.following is not None else ""
        return _looks_like_stem(rest, inline=False) or bool(_BLANK.search(rest)) or bool(_OPTION_A.match(following))

    def _clearly_a_question(self, style: str, rest: str) -> bool:
        """题目1 / 1.题目： / points after the number, or a stem that the next piece shows to be one
        (options or its own answer follow)."""
        return _is_strong(style, rest) or self._next_objective_stem(rest) or self._answered_stem(rest)

    def _answered_stem(self, rest: str) -> bool:
        """In a run-on page, a numbered stem followed straight by its own answer marker
        (`…答：先核实身份。2.请简述挂失流程。答：…`) is the next question, not a list item of the
        answer before it (a list item is not followed by 答：)."""
        if self.field not in ANSWER_FIELDS or self.question is None or not self.question.has_answer_content:
            return False
        following = self.following.text if self.following is not None else ""
        # (`答案要点：1.安抚情绪 2.核实问题` then `参考答案：…`: a list item reads like no stem)
        return bool(_ANSWER_START.match(following)) and _looks_like_stem(rest, inline=False)

    def _opens_section_at(self, n: int, rest: str, piece: Piece) -> bool:
        """The first question of a section: 1 (numbering restarts), the last number + 1 (it runs
        on), or a number further on when questions were lost before the heading (`共3题` with only
        `1.` present, then `二、` starting at `4.`; pages missing from a preview): right under the
        heading, the number the earlier sections' declared counts lead to, or a jump of up to
        _SECTION_JUMP on a line that reads like a question stem."""
        if n == 1 or n == self.last_number + 1:
            return True
        if n <= self.last_number or self.field != "instructions":
            return False
        if n == self._declared_next_number():
            return True
        return n <= self.last_number + _SECTION_JUMP and self._reads_like_a_question(rest)

    def _declared_next_number(self) -> int | None:
        """Where numbering that runs on would resume after the sections read so far, by their
        declared counts (None when one of them declares none)."""
        total = 0
        for section in self.sections[:-1]:
            if section.implicit:
                continue
            if section.declaration.count is None:
                return None
            total += section.declaration.count
        return total + 1 if total else None

    def _next_objective_stem(self, rest: str) -> bool:
        """After a choice or true/false question, a stem with a blank `（ ）`, or one followed by
        option A or straight by its answer, starts the next question even when a run-on page glues
        it to the explanation (`…答案：A解析：先止损。2.客服应使用（ ）。A.方言…`,
        `…答案：×解析：须本人设置。2.柜员应唱收唱付。答案：√`). Lists inside an explanation have none of these."""
        question = self.question
        if question is None or not (question.options or question.answer is not None):
            return False
        following = self.following.text if self.following is not None else ""
        return bool(_BLANK.search(rest) or _OPTION_A.match(following) or (question.answer is not None and _ANSWER_START.match(following)))

    def _question_head(self, question: RawQuestion, rest: str) -> None:
        """Read what follows the number: 题目：…, a type label with points, or the stem itself."""
        prompt_mark = _PROMPT_MARK.match(rest)
        if prompt_mark:
            self._consume(rest[: prompt_mark.start(1)])
            rest = prompt_mark.group(1)
        else:
            # (points need a 分 and a bare label is short: most stems are neither, decided in C)
            has_points = "分" in rest
            points_only = _POINTS_ONLY.match(rest) if has_points else None
            labelled = _LABEL_POINTS.match(rest) if has_points else None
            if points_only:
                question.points = to_number(points_only.group(1))
                self._consume(rest[: points_only.start(2)])
                rest = points_only.group(2)
            elif labelled and (not labelled.group(3) or _PROMPT_MARK.match(labelled.group(3)) or labelled.group(1).endswith("题")):
                question.label = labelled.group(1).strip()
                question.points = to_number(labelled.group(2))
                self._consume(rest[labelled.end(1) : labelled.start(3)])
                rest = labelled.group(3)
                inner = _PROMPT_MARK.match(rest)
                if inner:
                    self._consume(rest[: inner.start(1)])
                    rest = inner.group(1)
            elif len(rest) <= _BARE_LABEL_MAX and _BARE_LABEL.match(rest):
                question.label = rest
                rest = ""
        trailing_points = _TRAILING_POINTS.search(rest) if "分" in rest else None
        if trailing_points and question.points is None:
            question.points = to_number(trailing_points.group(1))
            self._consume(trailing_points.group(0))
            rest = rest[: trailing_points.start()].rstrip()
        if rest:
            self._options_or_prompt(question, rest)

    def _options_or_prompt(self, question: RawQuestion, text: str) -> None:
        first_option = _FIRST_OPTION.search(text) if "A" in text else None
        if first_option and first_option.start() > 0:
            question.prompt.add(text[: first_option.start()].strip())
            self._add_options(question, text[first_option.start() :])
        else:
            question.prompt.add(text)

    # ── markers ────────────────────────────────────────────────────────────────────────────
    def _prompt_marker(self, match: re.Match[str], piece: Piece) -> bool:
        question = self.question
        self._consume(piece.text[: match.start(1)])
        body = match.group(1).strip()
        if question is not None and not question.has_answer_content and question.label is None and not question.options:
            self._prompt_was_a_label(question)
        if question is not None and not question.has_answer_content and not "".join(question.prompt).strip():
            if body:
                self._options_or_prompt(question, body)
            self.field = "prompt"
            return True
        if not body:
            return True  # a bare `题目：` label line under a heading
        self._new_unnumbered(body, piece)
        return True

    @staticmethod
    def _prompt_was_a_label(question: RawQuestion) -> None:
        """`1.共情表达` then `-题目：…`: the short text after the number, no sentence in it, was the
        question's label (_BARE_LABEL knows only labels ending in a type word, 行业知识理解)."""
        text = "".join(question.prompt).strip()
        if text and len(text) <= _BARE_LABEL_MAX and _NOT_A_LABEL.search(text) is None:
            question.label = text
            question.prompt = Fragments()

    def _new_unnumbered(self, prompt: str, piece: Piece) -> RawQuestion:
        section = self._current_section(piece.line)
        question = RawQuestion(number=None, style="none", line=piece.line)
        if prompt:
            self._options_or_prompt(question, prompt)
        section.questions.append(question)
        self.question = question
        self.field = "prompt"
        self.sublist_next = None
        return question

    def _option(self, match: re.Match[str], piece: Piece) -> bool:
        question = self.question
        letter = match.group(2) or match.group(3)
        if question is None or question.has_answer_content:
            return False
        expected = chr(ord(max(question.options)) + 1) if question.options else "A"
        if letter != expected:
            return False
        if match.group(2) and not question.options and self._filled_blank(question, piece.text, match):
            return True
        if match.group(1):
            self._consume(match.group(1))
        self._add_options(question, piece.text[len(match.group(1) or "") :], first=letter)
        return True

    def _filled_blank(self, question: RawQuestion, text: str, match: re.Match[str]) -> bool:
        """`客户挂失后应（A）。A.立即冻结B.…`: a bracket holding the answer at the end of the stem,
        not option A — nothing but punctuation follows it before the real options."""
        rest = text[match.end() :]
        options = rest.lstrip("。.？；，: ")
        if not question.prompt or (options and not _OPTION_A.match(options)):
            return False
        question.prompt.extend_text(text[: len(text) - len(options)], True)
        if options:
            self._add_options(question, options)
        return True

    def _add_options(self, question: RawQuestion, text: str, first: str = "A") -> None:
        options = split_options(text.strip(), first)
        if options is None:
            question.prompt.add(text)
            return
        for letter, body in options.items():
            self._consume(letter)
            question.options[letter] = Fragments([body])
        self.field = "option"

    def _answer(self, match: re.Match[str], piece: Piece) -> bool:
        if self._compact_key_follows(match, piece):
            return True
        question = self._question_for_answer(piece)
        self._consume(piece.text[: match.start(1)])
        self._answer_body(question, match.group(1))
        return True

    def _compact_key_follows(self, match: re.Match[str], piece: Piece) -> bool:
        """`答案：1-5 BCACC 6.D` / `参考答案：题号 1 2 3…` after the questions: not this question's answer
        but an answer key for all of them."""
        body = match.group(1).strip()
        if not (_RANGE_KEYS.match(body) or _GRID_NUMBERS.match(body)) or not any(s.questions for s in self.sections):
            return False
        self._consume(piece.text[: match.start(1)])
        self._open_appendix("")
        self._appendix_piece(Piece(body, True, piece.line))
        return True

    def _answer_body(self, question: RawQuestion, body: str) -> None:
        """What follows 答案： — a letter, 对/错, a short fill-in answer, or a prose model answer."""
        value = parse_answer_value(body)
        if self._is_objective_answer(question, value, body.strip()):
            self._set_answer(question, value)
            self.field = "answer"
            return
        if value.text and self._is_blank_answer(question, value.text):
            self._set_answer(question, value)
            self.field = "answer"
            return
        if value.text or value.letters is not None or value.truth is not None:
            question.reference.add(body.strip())
        self.field = "reference"

    def _set_answer(self, question: RawQuestion, value: AnswerValue) -> None:
        """The first answer a question gets wins; a second one (a duplicated line, an answer key
        repeating the body) is kept as explanation text rather than dropped."""
        if question.answer is not None:
            question.explanation.add(f"答案：{value.raw}")
            return
        if value.truth is not None:
            self._consume(value.raw)  # 对/错 become true/false
        question.answer = value

    def _is_objective_answer(self, question: RawQuestion, value: AnswerValue, body: str) -> bool:
        """`B`, `AC`, `D（依据…）`, `对`, `√` — and not prose that merely starts with a letter or
        with 是/对 (`A股市场…`, `是，我会先安抚客户…`)."""
        if value.letters is None and value.truth is None:
            return False
        if question.options:
            return True
        short = len(body) <= 12 or (body.endswith("）") and "（" in body[:8])  # `D（依据…第7条）`
        if value.letters is not None:
            return short
        section_title = self.sections[-1].title if self.sections else ""
        blank_at_end = bool(_BLANK_AT_END.search("".join(question.prompt)))
        return short or "判断" in section_title or blank_at_end

    def _is_blank_answer(self, question: RawQuestion, text: str) -> bool:
        """A short written answer to a fill-in question (a blank in the stem or a 填空 section)."""
        prompt = "".join(question.prompt)
        if question.options or not _short_blank_answer(prompt, text):
            return False
        section_title = self.sections[-1].title if self.sections else ""
        return "填空" in section_title or bool(_BLANK.search(prompt))

    @staticmethod
    def _answers_a_blank(target: RawQuestion, text: str) -> bool:
        """A short answer in a key at the end for a question with a ____ blank and no options (the
        current section is the key's, so only the question's own stem can tell)."""
        prompt = "".join(target.prompt)
        return not target.options and _short_blank_answer(prompt, text) and bool(_BLANK.search(prompt))

    def _question_for_answer(self, piece: Piece) -> RawQuestion:
        """The question an answer marker belongs to; an unnumbered stem before it becomes one."""
        if self.question is not None:
            return self.question
        section = self._current_section(piece.line)
        stem = section.loose.pop() if section.loose else (self.preamble.pop() if self.preamble and self.title else "")
        return self._new_unnumbered(stem, piece)

    def _reference(self, match: re.Match[str], piece: Piece) -> bool:
        if self._compact_key_follows(match, piece):
            return True
        question = self._question_for_answer(piece)
        self._consume(piece.text[: match.start(1)])
        body = match.group(1).strip()
        value = parse_answer_value(body)
        if question.options and value.letters:
            self._set_answer(question, value)
            self.field = "answer"
            return True
        if body:
            question.reference.add(body)
        self.field = "reference"
        self.sublist_next = None
        return True

    def _keypoints(self, match: re.Match[str], piece: Piece) -> bool:
        question = self._question_for_answer(piece)
        self._consume(piece.text[: match.start(1)])
        body = match.group(1).strip()
        if is_placeholder_answer(body):
            question.reference.add(body)  # `答案要点：（考生应根据自身经历作答）`: no key point, a placeholder answer
            self.field = "reference"
            self.sublist_next = None
            return True
        if body:
            question.key_points.append(Fragments([body]))
        self.field = "keypoints"
        self.sublist_next = None
        return True

    def _explanation(self, match: re.Match[str], piece: Piece) -> bool:
        question = self.question
        if question is None:
            return False
        self._consume(piece.text[: match.start(1)])
        if match.group(1).strip():
            question.explanation.add(match.group(1).strip())
        self.field = "explanation"
        self.sublist_next = None
        return True

    def _rubric(self, match: re.Match[str], piece: Piece) -> bool:
        question = self.question
        if question is None:
            return False
        self._consume(piece.text[: match.start(1)])
        if match.group(1).strip():
            question.rubric.append(Fragments([match.group(1).strip()]))
        self.field = "rubric"
        self.sublist_next = None
        return True

    def _note(self, match: re.Match[str], piece: Piece) -> bool:
        label, body = match.group(1), match.group(2).strip()
        section = self.sections[-1] if self.sections else None
        if section is not None and not section.questions:
            self._consume(label + "：")
            if body:
                section.instructions.add(body)
            self.field = "instructions"
            return True
        if self.question is not None and label != "说明":
            self._consume(label + "：")
            if body:
                self.question.explanation.add(body)
            self.field = "explanation"
            return True
        return False

    def _bullet(self, match: re.Match[str] | None, piece: Piece) -> bool:
        self.sublist_next = None
        if self.question is None:
            return False
        # (a `-题目：` piece never gets here: _PROMPT_MARK comes before _BULLET in _markers)
        if self.field == "rubric":
            self.question.rubric.append(Fragments([piece.text]))
        elif self.field in ("reference", "explanation"):
            getattr(self.question, self.field).add(piece.text)
        elif self.field == "prompt" and not "".join(self.question.prompt).strip():
            return False
        else:
            self.question.key_points.append(Fragments([piece.text]))
            self.field = "keypoints"
        return True

    def _core(self, match: re.Match[str], piece: Piece) -> bool:
        if self.question is None:
            return False
        self.question.key_points.append(Fragments([piece.text]))
        self.field = "keypoints"
        return True

    def _options_label(self, match: re.Match[str], piece: Piece) -> bool:
        if self.question is None:
            return False
        self._consume(piece.text)
        self.field = "option"
        return True

    # (pattern, handler, characters a matching piece can start with): the first character picks
    # the few patterns worth trying, which keeps the parser fast on large documents.
    _markers = (
        (re.compile(r"^【选项】[：]?$"), _options_label, "【"),
        (_PROMPT_MARK, _prompt_marker, "-题问"),
        (_KEYPOINTS, _keypoints, "答参回要"),
        (_ANSWER, _answer, "【标正答"),
        (_REFERENCE, _reference, "参示答回"),
        (_EXPLANATION, _explanation, "【解考命"),
        (_RUBRIC, _rubric, "评得给"),
        (_NOTE, _note, "题考命说备"),
        (_CORE, _core, "核关"),
        (_OPTION, _option, "【-（(ABCDEFGH"),
        (_BULLET, _bullet, "-•●▪·"),
    )

    # ── plain text ─────────────────────────────────────────────────────────────────────────
    def _bare_marker(self, match: re.Match[str], piece: Piece) -> bool:
        """`参考答案` / `解析` / `答案要点` alone on its line under a question: its text follows on
        the next lines."""
        if self.question is None or piece.inline or (self.following is not None and self.following.inline):
            return False
        self._consume(piece.text)
        answer, explanation, keypoints, _rubric = match.groups()
        self.field = "answer_line" if answer else "explanation" if explanation else "keypoints" if keypoints else "rubric"
        self.sublist_next = None
        return True

    def _text(self, text: str, piece: Piece) -> None:
        question = self.question
        if question is None:
            self._text_outside_question(text, piece)
            return
        inline = piece.inline
        if not inline and text == self.title:
            self._consume(text)  # the title again at a page's top (after `第2页共5页`), inside a question
            return
        if self.field == "prompt" and question.prompt and not inline and question.prompt.endswith("？") and text.endswith("？") and not question.options:
            question.prompt.add(text)  # a multi-line stem
            return
        if self.field == "prompt" or (self.field == "option" and not question.options):
            if not question.prompt and not inline and self._looks_like_new_stem(text) and question.has_answer_content:
                self._new_unnumbered(text, piece)
                return
            question.prompt.extend_text(text, inline)
        elif self.field == "option":
            if inline or not text.endswith("？"):
                question.options[max(question.options)].extend_text(text, inline)
            else:
                self._new_unnumbered(text, piece)
        elif self.field == "keypoints":
            if not inline and _EDITOR_NOTE.match(text):
                self._unplaced_note(text)
                self.field = "editor_note"
            elif question.key_points and (inline or not question.key_points[-1].endswith(_TERMINAL)):
                question.key_points[-1].extend_text(text, inline)  # a glued list item, or a hard-wrapped bullet
            elif text.endswith("？") and not inline:
                self._new_unnumbered(text, piece)
            else:
                question.key_points.append(Fragments([text]))
        elif self.field == "rubric":
            if question.rubric and inline:
                question.rubric[-1].extend_text(text, True)
            else:
                question.rubric.append(Fragments([text]))
        elif self.field in ("reference", "explanation"):
            parts = getattr(question, self.field)
            if text.endswith("？") and not inline and self.field == "reference" and parts.endswith(_TERMINAL):
                self._new_unnumbered(text, piece)
                return
            parts.extend_text(text, inline)
        elif self.field == "answer":
            question.explanation.extend_text(text, inline)
            self.field = "explanation"
        elif self.field == "editor_note":
            if inline:  # the rest of the note's line (cut before a word such as 第二部分)
                self.unplaced[-1].text += text
            else:
                self.field = "keypoints"
                self._text(text, piece)
        elif self.field == "answer_line":  # the line after a bare `参考答案`
            self._answer_body(question, text)
        else:
            question.prompt.extend_text(text, inline)

    def _unplaced_note(self, text: str) -> None:
        """An editor's note in brackets opening a line under the key points (`（注：第二部分由培训组
        补充，待更新）`) says nothing a candidate should cover: kept as unplaced text, with where."""
        question = self.question
        self.unplaced.append(Unplaced(text, len(self.sections) or None, question.number if question else None))  # (1-based)

    def _body_title(self, text: str) -> str:
        """A run-on page gives the page's title and the body's own on one line, apart by spaces
        (`…面试题（含答案）  …面试题`): two wordings of one title, or two names of an exam, keep the
        body's (the second), as on two lines."""
        parts = _TITLE_GAP.split(text.strip())
        if len(parts) == 2 and (_same_title(parts[1], parts[0]) or all(_EXAM_WORDS.search(part) and _looks_like_title(part) for part in parts)):
            self._consume(parts[0])
            return parts[1]
        return text

    def _text_outside_question(self, text: str, piece: Piece) -> None:
        section = self.sections[-1] if self.sections else None
        if section is None:
            if self.title is None and _looks_like_title(text):
                self.title = self._body_title(text)
            elif text == self.title or not _WORD_CHAR.search(text) or text.isdigit():
                # the title again (a page's copy run on with the body), stray punctuation, or a
                # site's bare counter above the body (book118's `0` favourites, `0` downloads)
                self._consume(text)
            else:
                self.preamble.append(text)
            return
        if text.endswith("？") and not piece.inline:
            self._new_unnumbered(text, piece)
            return
        if section.instructions and piece.inline:
            section.instructions.extend_text(text, True)
        else:
            section.loose.append(text)

    @staticmethod
    def _looks_like_new_stem(text: str) -> bool:
        return text.endswith("？")

    # ── appendix (answer key at the end) ───────────────────────────────────────────────────
    def _try_appendix(self, match: re.Match[str], piece: Piece) -> bool:
        """`答案与解析` / `答案及解析` / a bare `参考答案` line: an answer key at the end that refers back
        to questions by number — or, right under a question, just a wrapper around its answer."""
        if not any(s.questions for s in self.sections):
            return False
        rest = (match.group(1) or "").strip()
        remark_match = _REMARK.match(rest)  # `（部分示例，完整版需补充）`
        remark = remark_match.group(0) if remark_match else ""
        body = rest[len(remark) :].strip()
        next_text = self.following.text if self.following else ""
        refers_back = (
            bool(_REFERS_BACK.match(body or next_text) or _GRID_NUMBERS.match(body or next_text))
            or not next_text
            or self._names_a_section(body or next_text)
            or self._bare_numeral_of_a_section(body or next_text)
        )
        if not refers_back and not body and _ANSWER.match(next_text) and not remark:
            self._consume(piece.text)  # a wrapper such as `答案与解析：答案：B 解析：…`
            return True
        if not refers_back and body and self.question is not None:
            # `参考答案与解析：正确。…` right under a question: the answer itself follows the marker.
            self._consume(piece.text[: len(piece.text) - len(body)])
            self._answer_body(self.question, body)
            return True
        if not refers_back and match.group(0).startswith(("参考答案", "答案")) and "解析" not in match.group(0):
            return False
        named = self._section_named(match.group(2)) if match.group(2) else None
        if match.group(2) and (named is None or self.question is not None and not refers_back):
            return False  # `答案（仅供参考）` under a question: not a key's heading
        self._consume(piece.text[: len(piece.text) - len(rest)])
        self._open_appendix(remark)
        if named is not None:
            self.appendix.section, self.appendix.last_number, self.appendix.target = named, 0, None
        if body:
            self._appendix_piece(Piece(body, True, piece.line))
        return True

    def _open_appendix(self, note: str) -> None:
        """Start reading an answer key. A later block (answers after each section: `一、…参考答案…
        二、…参考答案…`) continues the same key, starting at the section just read."""
        state = self.closed_appendix
        if state is None:
            state = AppendixState(note=note)
        else:
            state.note += note
            state.section = next((s for s in reversed(self.sections) if s.questions), None)
            state.last_number, state.target, state.grid_numbers = 0, None, None
        self.appendix, self.closed_appendix = state, None
        self.question = None
        self.field = "appendix"

    def _appendix_piece(self, piece: Piece) -> bool:
        """One piece of an answer key: a compact key, an entry (`3.答案：B 解析：…`), a heading
        naming the section the entries refer to, or text continuing the current entry."""
        state = self.appendix
        assert state is not None
        text = piece.text
        if text[:1] in _HEADING_START and self._appendix_ends_at(text, piece):
            return True
        if not piece.inline and _REMARK.fullmatch(text) and not state.target:
            state.note += text
            return True
        if self._appendix_compact_key(text, piece):
            return True
        entry_di = _ENTRY_DI.match(text)
        if entry_di:  # `第3题：B` read as `3.B`
            self._consume(entry_di.group(0))
            text = f"{entry_di.group(1)}.{text[entry_di.end():]}"
        entry = _APPENDIX_ENTRY.match(text)
        if entry:
            target = self._appendix_target(entry)
            if target is not None:
                state.target = target
                state.covered.add(id(target))
                what = entry.group(3) or ""
                body = (entry.group(4) if entry.group(2) else entry.group(6)) or ""
                self._consume(text[: len(text) - len(body)])
                self._appendix_body(target, what, body.strip())
                return True
        if self._appendix_switches_section(text):
            return True
        if state.target is None:
            self.unplaced.append(Unplaced(text, self._appendix_section_index(), None))
            return True
        self._appendix_text(state.target, text, piece)
        return True

    def _appendix_compact_key(self, text: str, piece: Piece) -> bool:
        """`1-5 BCACC`, a `题号 …`/`答案 …` table row, or `（1）B（2）C…`."""
        ranges = _RANGE_KEYS.search(text)
        if ranges and self._appendix_ranges(text, ranges, piece):
            return True
        if self._appendix_grid(text):
            return True
        if _PAREN_KEYS.match(text) or (text[:1] in _DIGITS and _GLUED_KEYS.match(text)):  # `（1）B（2）C（3）A`, `1.A2.C3.B`
            pairs = (_PAREN_KEY if text[:1] == "（" else _GLUED_KEY).findall(text)
            self._consume(text)
            self.appendix.target = None
            self._answer_by_numbers([int(n) for n, _ in pairs], [value for _, value in pairs])
            return True
        return False

    def _appendix_switches_section(self, text: str) -> bool:
        """`判断题` or `二、判断题` (or `第二部分`) in an answer key: the entries that follow belong to
        that section."""
        state = self.appendix
        named = self._section_named(text.strip("-— ：")) if len(text) <= 16 else None
        if named is not None:
            state.section, state.last_number, state.target = named, 0, None
            self._consume(text)
            return True
        heading = _HEADING.match(text) if text[:1] in _HEADING_START else None
        if heading is None:
            return False
        section = self._appendix_heading_section(heading)
        # A heading naming a section always switches to it, even right after an entry's text
        # (`第二部分` after `3.答：…`); any other heading-like line inside an entry is its text.
        if section is None and state.target is not None:
            return False
        state.section = section or state.section
        state.last_number, state.target = 0, None
        self._consume(text)
        return True

    def _appendix_text(self, target: RawQuestion, text: str, piece: Piece) -> None:
        """A marker inside the current entry (`解析：…`, `答案要点：…`), or text continuing it."""
        state = self.appendix
        for pattern, field_name in _APPENDIX_MARKERS:
            match = pattern.match(text)
            if match:
                self._consume(text[: match.start(1)])
                self._appendix_body(target, field_name, match.group(1).strip())
                return
        if state.target_field in ("keypoints", "rubric"):  # one entry per bullet or line
            entries = target.key_points if state.target_field == "keypoints" else target.rubric
            if entries and (piece.inline and not _BULLET.match(text)):
                entries[-1].extend_text(text, True)
            else:
                entries.append(Fragments([text]))
            return
        getattr(target, state.target_field).extend_text(text, piece.inline)

    def _appendix_ends_at(self, text: str, piece: Piece) -> bool:
        """A heading of a section not read yet (`二、判断题（每题1分，共2题）` after the answers of
        section 1) ends the answer block: the document goes on with questions."""
        heading = _HEADING.match(text)
        if heading is None or self._appendix_heading_section(heading) is not None:
            return False
        state = self.appendix
        self.appendix = None
        if self._try_heading(heading, piece):
            self.closed_appendix = state
            return True
        self.appendix = state
        return False

    def _appendix_heading_section(self, heading: re.Match[str]) -> RawSection | None:
        """The section an answer key's heading stands for: by its title (`二、判断题`), or, when it
        has none (`第二部分`), by its numeral."""
        title = split_heading(heading.group(4))[0]
        if title:
            return self._section_named(title)
        value = numeral_value(heading.group(1) or heading.group(2) or heading.group(3))
        return next((s for s in self.sections if not s.implicit and s.numeral == value), None)

    def _appendix_target(self, entry: re.Match[str]) -> RawQuestion | None:
        name = (entry.group(1) or "").strip("-— ")
        number = int(entry.group(2) or entry.group(5))
        if name and name not in _APPENDIX_WORDS:
            section = self._section_named(name)
            if section is None:
                return None
            self.appendix.section = section
        return self._appendix_question(number)

    def _appendix_question(self, number: int) -> RawQuestion | None:
        """The question an answer key's number refers to: in the section the key is in, which moves
        on to the next section when the numbering starts again (`一、…1-5 BCACC 二、…1.× 2.√`)."""
        state = self.appendix
        assert state is not None
        if state.section is None or number <= state.last_number:
            state.section = self._next_appendix_section(state.section)
        state.last_number = number
        return self._appendix_section_question(number)

    def _appendix_section_question(self, number: int) -> RawQuestion | None:
        state = self.appendix
        assert state is not None
        if state.section is None:
            return None
        found = self._numbered(state.section.questions, number)
        if found is None and self.continued:
            found = next((q for s in self.sections if (q := self._numbered(s.questions, number)) is not None), None)
        return found

    def _numbered(self, questions: list[RawQuestion], number: int) -> RawQuestion | None:
        """The first of a section's questions printed with this number. Indexed per section and
        extended as the section grows (questions are only ever appended): an answer key of
        hundreds of entries looked through every question of the section for each entry."""
        indexed, by_number = self._numbered_index.get(id(questions), (0, {}))
        for question in questions[indexed:]:
            if question.number is not None:
                by_number.setdefault(question.number, question)
        self._numbered_index[id(questions)] = (len(questions), by_number)
        return by_number.get(number)

    def _appendix_ranges(self, text: str, ranges: re.Match[str], piece: Piece) -> bool:
        """`1-5 BCACC`, `6～10 ABCDA`, `1-3：BCC`: one letter per question of the range (or one group
        of letters per question, `11-12 ABD ABC`). A range whose letters do not fit it is kept
        as unplaced text, never spread over the questions by guess."""
        state = self.appendix
        assert state is not None
        head = text[: ranges.start()].strip(" ：-—")
        if head:
            heading = _HEADING.match(head)
            named = self._section_named(split_heading(heading.group(4))[0] if heading else head)
            if named is None:
                return False
            state.section, state.last_number = named, 0
            self._consume(head)
        state.target = None
        for item in _RANGE_KEY.finditer(ranges.group(0)):
            first, last = int(item.group(1)), int(item.group(2))
            groups = _RANGE_LETTER_GROUPS.split(item.group(3).strip())
            size = last - first + 1
            answers = groups if len(groups) == size else list("".join(groups)) if len("".join(groups)) == size else None
            if size < 1 or answers is None:
                self._unplaced_key(item.group(0).strip(), first, last)
                continue
            self._consume(item.group(0))
            self._answer_by_numbers(list(range(first, last + 1)), answers)
        return True

    def _appendix_grid(self, text: str) -> bool:
        """An answer key laid out as a table: a `题号 1 2 3 4` row, then an `答案 B A C D` row (or both
        on one line). Rows that do not pair up are kept as unplaced text."""
        state = self.appendix
        assert state is not None
        range_head = _RANGE_HEAD.match(text)
        if range_head:  # `1～3：` with its letters cut off into the next piece (`B、C、A`)
            first, last = int(range_head.group(1)), int(range_head.group(2))
            if last < first:
                return False
            state.grid_numbers, state.target = list(range(first, last + 1)), None
            self._consume(text)
            return True
        if state.grid_numbers is not None and _KEY_VALUES.match(text):
            values = _GRID_SPLIT.split(text.strip(" 。"))
            if len(values) == 1 and len(values[0]) == len(state.grid_numbers):
                values = list(values[0])  # `BCA` for 1～3
            text = "答案 " + " ".join(values)
        numbers_row = _GRID_NUMBERS.match(text)
        if numbers_row:
            if state.grid_numbers is not None:  # the previous numbers row never got its answers
                self.unplaced.append(Unplaced("题号 " + " ".join(map(str, state.grid_numbers)), self._appendix_section_index(), None))
            state.grid_numbers = [int(n) for n in _GRID_SPLIT.split(numbers_row.group(1).strip())]
            state.target = None
            self._consume(text[: numbers_row.end(1)])
            text = numbers_row.group(2) or ""
            if not text:
                return True
        answers_row = _GRID_ANSWERS.match(text)
        if not answers_row or state.grid_numbers is None:
            return bool(numbers_row) and self._unplaced_in_appendix(text)
        numbers, state.grid_numbers = state.grid_numbers, None
        answers = _GRID_SPLIT.split(answers_row.group(1).strip())
        if len(answers) != len(numbers):
            self._unplaced_key(text, numbers[0], numbers[-1])
            return True
        self._consume(text)
        self._answer_by_numbers(numbers, answers)
        return True

    def _unplaced_key(self, text: str, first: int, last: int) -> None:
        """A compact key that does not fit its numbers, kept as written where it stands (the
        numbers still move the key on to the section they belong to)."""
        self._appendix_question(first)
        self.appendix.last_number = max(last, first)
        self.unplaced.append(Unplaced(text, self._appendix_section_index(), first))

    def _unplaced_in_appendix(self, text: str) -> bool:
        self.unplaced.append(Unplaced(text, self._appendix_section_index(), None))
        return True

    def _answer_by_numbers(self, numbers: list[int], answers: list[str]) -> None:
        """Answers of a compact key, one per question number: the first number picks the section
        (moving on when the numbering starts again), the others are looked up in it."""
        state = self.appendix
        assert state is not None
        questions = [self._appendix_question(numbers[0])]
        questions += [self._appendix_section_question(number) for number in numbers[1:]]
        state.last_number = numbers[-1]
        for number, question, value in zip(numbers, questions, answers):
            if question is None:
                self.unplaced.append(Unplaced(f"{number}.{value}", self._appendix_section_index(), number))
                continue
            state.covered.add(id(question))
            self._set_answer(question, parse_answer_value(value))

    def _appendix_section_index(self) -> int | None:
        section = self.appendix.section if self.appendix is not None else None
        return next((index for index, s in enumerate(self.sections, start=1) if s is section), None)

    def _names_a_section(self, text: str) -> bool:
        """`一、单选题` (or just `单选题`) naming a section already read: an answer key's heading."""
        heading = _HEADING.match(text)
        name = split_heading(heading.group(4))[0] if heading else text
        return len(name) <= 16 and self._section_named(name.strip("：")) is not None

    def _bare_numeral_of_a_section(self, text: str) -> bool:
        """`一、` alone, the numeral of a section already read: a key grouped by section (`参考答案` /
        `一、1．A 2．C …` / `二、7．…`)."""
        heading = _HEADING.match(text) if text[:1] in _HEADING_START else None
        return heading is not None and not split_heading(heading.group(4))[0] and self._appendix_heading_section(heading) is not None

    def _section_named(self, name: str) -> RawSection | None:
        if not name:
            return None
        return next((s for s in self.sections if s.title and (name == s.title or (len(name) >= 2 and (name in s.title or s.title in name)))), None)

    def _next_appendix_section(self, current: RawSection | None) -> RawSection | None:
        with_questions = [s for s in self.sections if s.questions]
        if not with_questions:
            return None
        if current is None or current not in with_questions:
            # A key that starts afresh belongs to the first section still waiting for answers: open
            # questions answered in place (`答案要点：…` under each) come before a true/false
            # section whose `答案及解析` follows at the end, and the key's `1.答案：错` is its first.
            waiting = [s for s in with_questions if not all(q.has_answer_content for q in s.questions)]
            return (waiting or with_questions)[0]
        index = with_questions.index(current)
        return with_questions[index + 1] if index + 1 < len(with_questions) else current

    def _appendix_body(self, target: RawQuestion, what: str, body: str) -> None:
        state = self.appendix
        assert state is not None
        if what in ("解析", "explanation"):
            state.target_field = "explanation"
            if body:
                target.explanation.add(body)
            return
        if what.endswith("要点") and is_placeholder_answer(body):
            target.reference.add(body)  # `4、答案要点：（考生应根据自身经历作答）`: no key point, a placeholder answer
            state.target_field = "reference"
            return
        if what.endswith("要点"):  # `8.答案要点：-卖者尽责：…-买者自负：…`: bullets, one key point each
            state.target_field = "keypoints"
            if body:
                target.key_points.append(Fragments([body]))
            return
        if what == "rubric":
            state.target_field = "rubric"
            if body:
                target.rubric.append(Fragments([body]))
            return
        value = parse_answer_value(body)
        prose_field = "reference" if not target.options else "explanation"
        if (value.letters is not None or value.truth is not None) and (target.options or len(body) <= 12):
            self._set_answer(target, value)
            state.target_field = "explanation"
        elif value.text and self._answers_a_blank(target, value.text):
            # `1、答案：90` in a key at the end, for `…到期前____天内…`: the blank's answer
            self._set_answer(target, value)
            state.target_field = "explanation"
        else:
            # an empty body (`1.答：` with the answer in the next pieces) also opens the prose field
            if body:
                getattr(target, prose_field).add(body)
            state.target_field = prose_field

    # ── bookkeeping ────────────────────────────────────────────────────────────────────────
    def _consume(self, *texts: str) -> None:
        self.trace.extend(texts)


# A compact answer key: `1-5 BCACC` (several per line: `1-5 BCACC 6-10 ABCDA`).
_RANGE_KEY = re.compile(r"(\d{1,3})\s*[-－~～—–]\s*(\d{1,3})\s*[：:.、]?\s*([A-H]+(?:[ ，、]+[A-H]+)*)(?![A-Za-z])")
_RANGE_KEYS = re.compile(rf"(?:{_RANGE_KEY.pattern}[\s；，。]*)+$")
_RANGE_LETTER_GROUPS = re.compile(r"[ ，、]+")
# An answer key as a table: `题号 1 2 3 4` then `答案 B A C D` (rows of a Word table flattened to text).
_GRID_NUMBERS = re.compile(r"^题号[：:\s|]*(\d{1,3}(?:[\s、，,|]+\d{1,3})+)[\s|]*((?:参考|正确)?答案.*)?$", re.S)
_GRID_ANSWERS = re.compile(r"^(?:参考|正确)?答案[：:\s|]*([A-H√×对错]{1,5}(?:[\s、，,|]+[A-H√×对错]{1,5})+)[\s|]*$")
_GRID_SPLIT = re.compile(r"[\s、，,|]+")

# Markers inside an answer key's entry, and what they fill (`答案` is read as a value first).
_APPENDIX_MARKERS = (
    (_KEYPOINTS, "要点"), (_ANSWER, "答案"), (_REFERENCE, "reference"), (_EXPLANATION, "explanation"), (_RUBRIC, "rubric"),
)

_HEADING_START = NUMERALS + "第（"
_QNUM_START = "0123456789（题第问"


def _routes() -> dict[str, tuple]:
    """First character → the (pattern, handler) pairs worth trying, in the parser's order of
    precedence: section heading, answer-key heading, question number, then Parser._markers."""
    steps = [
        (_HEADING, Parser._try_heading, _HEADING_START),
        (_NUMERAL_QUESTION, Parser._try_numeral_question, NUMERALS),
        (_APPENDIX, Parser._try_appendix, "参答"),
        (_BARE_MARKER, Parser._bare_marker, "参标正答解评"),
        (_QNUM, Parser._try_question, _QNUM_START),
        *Parser._markers,
    ]
    firsts = {ch for _, _, starts in steps for ch in starts}
    return {first: tuple((pattern, handler) for pattern, handler, starts in steps if first in starts) for first in firsts}


_ROUTES = _routes()
# A dash followed by one of these may start `-题目：` or an option `-A.`/`-（A）`; followed by any other
# character that is not a space, only a bullet (every bullet of a bank, so decided by two characters).
_DASH_SECOND = "题问（(ABCDEFGH"


def _is_strong(style: str, rest: str) -> bool:
    """A number that clearly starts a question: 题目1 / 第1题, or followed by 题目：, a label with points, or points."""
    # (both points patterns need a 分: most stems have none, and `in` says so in C)
    return style in ("timu", "di") or bool(_PROMPT_MARK.match(rest) or "分" in rest and (_LABEL_POINTS.match(rest) or _POINTS_ONLY.match(rest)))


_STEM_START = re.compile(r"^(?:请|谈谈|谈一谈|说说|说一说|试述|阐述|论述|简述|简要|描述|如何|怎样|怎么|为什么|什么|你|您|假如|假设|如果|若|客户|面对|当|在|某|有)")
_LIST_LABEL = re.compile(r"^[^，。？！：]{1,10}：")


def _looks_like_stem(text: str, inline: bool) -> bool:
    if _LIST_LABEL.match(text) or text.endswith(("；", "，", "：")):
        return False
    if text.endswith("？"):
        return True
    return not inline and bool(_STEM_START.match(text))


def _split_glued_instruction(title: str) -> tuple[str, str]:
    """`选择题从给出的选项中选择正确答案` → (`选择题`, `从给出的选项中选择正确答案`)."""
    if len(title) <= 12:
        return title, ""
    at = title.find("题")
    if 1 < at < len(title) - 4:
        return title[: at + 1], title[at + 1 :].lstrip("：，")
    return title, ""


# An editor's note in brackets: `（注：…）`, `（备注：…）`, `（编者注：…）`
_EDITOR_NOTE = re.compile(r"[（(][ ]*(?:注|备注|编者注|编注)[ ]*[：:]")

# What no document ends with: a label still waiting for its text (`-核查：`), a bare bullet mark, a
# comma or enumeration mark, an opening quote.
_DANGLING_END = ("：", "-", "—", "•", "，", "、", "“")


_BLANK_RUN = re.compile(r"_{2,}|（\s*）")
_ANSWER_PER_BLANK = re.compile(r"[；;]")


def _short_blank_answer(prompt: str, text: str) -> bool:
    """Short, and no sentence: `身份证件`; or one short answer per blank, apart by semicolons
    (`录音；录像` for `同步____和____`)."""
    text = text.rstrip("。")
    if len(text) > 30:
        return False
    if not _SENTENCE_MARK.search(text):
        return True
    parts = _ANSWER_PER_BLANK.split(text)
    return len(parts) == len(_BLANK_RUN.findall(prompt)) and all(0 < len(part) <= 15 and not _SENTENCE_MARK.search(part) for part in parts)


def _dangles(last: str) -> bool:
    """The last piece was cut off: it ends announcing more, or a quotation in it never closes."""
    return last.endswith(_DANGLING_END) or last.count("“") > last.count("”")


# What names a question bank (an issuer's name above it does not).
_EXAM_WORDS = re.compile(r"题|试|考|问答|测评")
# A note about the whole document: a labelled note, a line in brackets, a confidentiality mark, an
# editor's credit.
_FRONT_NOTE = re.compile(
    r"(?:[^，。：；]{0,10}(?:说明|须知|提示|注意事项|要求|备注|注)[：]|[（(][^（）()]*[）)]$|.*(?:内部资料|内部使用|请勿外传|严禁外传|仅供内部)|[^，。]{1,20}[ ]编[ ]*$|"
    r"(?:编制|编写|整理|制定|出题人|命题人)[：]|(?:适用(?:岗位|对象|范围|人员)|版本号?)[：])"  # `适用岗位：… 编制：… 版本：V2.1`
)
# (a department or a date closes it: `编制：人力资源部 2026年1月`; `整理：将问题整理成工单` is a key point)
_SIGN_OFF = re.compile(
    r"(?:编制|编写|整理|制定|出题人|命题人)[：][ ]*[^。？！“”，；]{0,20}?(?:\d{4}年[^。？！，]{0,6}|部|处|室|中心|组)$"
    # a remark on the whole document closing it, in brackets: `（本题库由培训组整理，以最新版本为准）`
    r"|（(?:本题库|本试卷|本资料|本文档|本套题|以上题目|以上内容)[^（）]{2,60}）$"
)


def _same_title(title: str, text: str) -> bool:
    """Two wordings of one title: most of the shorter one's character pairs are in the other."""
    if not _looks_like_title(text):
        return False
    a, b = _char_pairs(title), _char_pairs(text)
    return bool(a and b) and len(a & b) >= 0.7 * min(len(a), len(b))


def _char_pairs(text: str) -> set[str]:
    runs = _HANZI_RUNS.findall(text)
    return {run[i : i + 2] for run in runs for i in range(len(run) - 1)}


_HANZI_RUNS = re.compile(r"[\u4e00-\u9fff]+")
_TITLE_GAP = re.compile(r"[ ]{2,}")

_WORD_CHAR = re.compile(r"[^\W_]")  # a letter, digit or ideograph: text that says something


def _looks_like_title(text: str) -> bool:
    return 2 <= len(text) <= 60 and not text.endswith(("？", "：")) and bool(_HANZI.search(text))


def _is_hanzi(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" if ch else False


def parse_pieces(pieces: list[Piece]) -> ParseResult:
    """Pieces as `segment` cuts them (bracketed labels already read as plain markers)."""
    return Parser(pieces).parse()
