"""Normalization: from decoded text to the clean Simplified text the parser reads.

Steps, in this order (each one relies on the one before):
1. line endings, zero-width characters, odd spaces and Markdown markup (`## `, `**`);
2. pinyin glosses after characters (`互聯(lián)網(wǎng)` → `互聯網`) are removed, and only those;
3. Traditional → Simplified with OpenCC t2s, applied only when the text is Traditional, so
   Simplified text is never touched;
4. punctuation: full-width letters/digits become ASCII; `, : ; ? !` become `，：；？！` except inside
   ASCII runs (1,000 / 10:30 / A,C / English prose), `( )` around or next to Chinese become `（）` and ASCII double quotes become “ ”. This is also the output style: Chinese text is
   written with full-width Chinese punctuation, ASCII stays inside Latin/number runs (1.5, 10:30, A.);
5. site boilerplate (notices, page markers, page lists, comment boxes) is cut, and every cut is
   recorded so nothing disappears unaccounted;
6. mojibake spans are found (not changed) so they can be reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

CJK = "\u4e00-\u9fff\u3400-\u4dbf"
_CJK_CHAR = re.compile(f"[{CJK}]")
_NOT_CJK = re.compile(f"[^{CJK}]+")
_FULLWIDTH_PUNCT = "，。、；：？！“”‘’（）【】《》…—"
TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_LETTERS = f"a-zü{TONE_MARKS}"


@dataclass
class Normalized:
    text: str
    removed: list[str] = field(default_factory=list)  # boilerplate cut from the text, in order
    garbled: list[str] = field(default_factory=list)  # mojibake spans left in the text
    traditional: bool = False


def normalize(text: str) -> Normalized:
    text = _clean_whitespace(text)
    text = strip_pinyin_glosses(text)
    simplified = _simplified_if_traditional(text)
    traditional = simplified is not None
    if simplified is not None:
        text = simplified
    text = normalize_punctuation(text)
    text, removed = strip_boilerplate(text)
    return Normalized(text=text, removed=removed, garbled=find_garbled(text), traditional=traditional)


# 1 ───────────────────────────────────────────────────────────────────────────────────────────
# str.translate is slow on non-ASCII text; a regex that finds nothing costs almost nothing.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile("[\u00a0\u2002\u2003\u2009\u3000\t]")


# Markdown markup around the content: heading hashes and bold/italic markers.
_MARKDOWN_HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ ]+", re.M)
_MARKDOWN_EMPHASIS = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<!_)__(?=[^_\s])(.+?)(?<=[^_\s])__(?!_)")


def _clean_whitespace(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = _SPACES.sub(" ", _INVISIBLE.sub("", text))
    if "#" in text:
        text = _MARKDOWN_HEADING.sub("", text)
    if "**" in text or "__" in text:
        text = _MARKDOWN_EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)  # fill-in blanks ____ stay
    return text


# 2 ───────────────────────────────────────────────────────────────────────────────────────────
# A gloss: right after a CJK character (maybe across a line wrap), a bracketed run of pinyin letters,
# possibly wrapped mid-gloss. Real parentheticals contain Chinese, capitals or digits and never match.
# Written to start with its first character (a space, newline or bracket, right after a CJK
# character) so the regex engine scans for those in C rather than trying every position.
_GLOSS = re.compile(
    rf"[ \n(（](?<=[{CJK}][ \n(（])(?:(?<=[(（])|(?<=[ \n])[ \n]*[(（])[ \n]*([{_PINYIN_LETTERS}][{_PINYIN_LETTERS} \n]{{0,12}})[)）]"
)
_HAS_TONE = re.compile(f"[{TONE_MARKS}]")
# Neutral-tone syllables carry no tone mark; accepted only in documents that are clearly glossed.
_NEUTRAL = frozenset("de le me men zi ne ba ma a zhe guo shang li tou ge yi bu".split())


def strip_pinyin_glosses(text: str) -> str:
    if ("(" not in text and "（" not in text) or not _HAS_TONE.search(text):
        return text  # glosses always carry tone marks somewhere in a glossed document
    toned = sum(1 for m in _GLOSS.finditer(text) if _HAS_TONE.search(m.group(1)))
    glossed_document = toned >= 3

    def replace(match: re.Match[str]) -> str:
        syllable = re.sub(r"[ \n]", "", match.group(1))
        if len(syllable) > 7:
            return match.group(0)
        if _HAS_TONE.search(syllable) or (glossed_document and syllable in _NEUTRAL):
            return ""
        return match.group(0)

    return _GLOSS.sub(replace, text)


# 3 ───────────────────────────────────────────────────────────────────────────────────────────
@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def is_traditional(text: str, sample_size: int = 6000) -> bool:
    """True when a clear share of the Chinese characters change under t2s."""
    return _sample_conversion(text[:sample_size]) is not None


def _simplified_if_traditional(text: str, sample_size: int = 6000) -> str | None:
    """The text converted to Simplified when it is Traditional (see is_traditional), else None.
    A document no longer than the sample is converted once, not twice."""
    sample = text[:sample_size]
    converted = _sample_conversion(sample)
    if converted is None:
        return None
    return converted if len(sample) == len(text) else _t2s().convert(text)


def _sample_conversion(sample: str) -> str | None:
    """The sample under t2s, when a clear share of its Chinese characters change; else None."""
    try:
        sample.encode("gb2312")
        return None  # every character is a GB2312 (Simplified) one: nothing to convert
    except UnicodeEncodeError:
        pass
    cjk = len(_NOT_CJK.sub("", sample))  # deleting the runs of other characters is cheaper than listing these
    if cjk == 0:
        return None
    converted = _t2s().convert(sample)
    if len(converted) != len(sample):
        return converted
    changed = 0
    for before, after in zip(sample, converted):
        if before != after:
            changed += 1
            if changed >= 3 and changed / cjk >= 0.02:
                return converted  # enough: Traditional text reaches this within its first lines
    return None


# 4 ───────────────────────────────────────────────────────────────────────────────────────────
_WIDE_ALNUM = {code: code - 0xFEE0 for code in list(range(0xFF10, 0xFF1A)) + list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B))}
_WIDE_ALNUM[ord("．")] = ord(".")
_WIDE_ALNUM[ord("－")] = ord("-")
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_HALF_PUNCT = re.compile(r"[,:;?!]")
_PAREN_PAIR = re.compile(r"\(([^()（）\n]{0,300})\)")
_CHINESE_CONTEXT = re.compile(f"[{CJK}{_FULLWIDTH_PUNCT}]")
# Literal first, lookbehind second: the regex engine can then skip ahead to each bracket.
_LONE_OPEN = re.compile(f"\\((?<=[{CJK}]\\()")
_LONE_CLOSE = re.compile(f"\\)(?=[{CJK}])")


_WIDE_CHARS = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a．－]")


def normalize_punctuation(text: str) -> str:
    if _WIDE_CHARS.search(text):
        text = _WIDE_CHARS.sub(lambda m: chr(_WIDE_ALNUM[ord(m.group(0))]), text)
    if "(" in text or ")" in text:
        text = _PAREN_PAIR.sub(lambda m: _paren_pair(m, text), text)
        text = _LONE_OPEN.sub("（", text)
        text = _LONE_CLOSE.sub("）", text)
    text = _half_marks(text)
    if '"' in text:
        text = "\n".join(_curly_quotes(line) for line in text.split("\n"))
    return text


def _is_chinese(ch: str) -> bool:
    return bool(ch) and _CHINESE_CONTEXT.match(ch) is not None


def _paren_pair(match: re.Match[str], text: str) -> str:
    before = text[match.start() - 1] if match.start() else ""
    after = text[match.end()] if match.end() < len(text) else ""
    if _CJK_CHAR.search(match.group(1)) or _is_chinese(before) or _is_chinese(after):
        return f"（{match.group(1)}）"
    return match.group(0)


# `, : ; ? !` become full-width unless they sit in an ASCII run: `, : ;` between ASCII letters/digits
# (1,000 / 10:30 / A,C) or before a space, `? !` between English words, `://` in URLs.
# One character class first, the conditions after it: the regex engine then scans for the five
# marks in C instead of trying three alternatives at every position (4× faster on Chinese text).
_ASCII_RUN_MARK = re.compile(r"[,:;?!](?:(?<=[0-9A-Za-z][,:;])(?=[0-9A-Za-z ])|(?<=[0-9A-Za-z][?!])(?= [A-Za-z])|(?<=:)(?=//))")


def _half_marks(text: str) -> str:
    kept = {m.start() for m in _ASCII_RUN_MARK.finditer(text)}
    if not kept:
        for half, full in _HALF_TO_FULL.items():
            text = text.replace(half, full)
        return text
    return _HALF_PUNCT.sub(lambda m: m.group(0) if m.start() in kept else _HALF_TO_FULL[m.group(0)], text)


def _curly_quotes(line: str) -> str:
    if '"' not in line or not _CJK_CHAR.search(line):
        return line
    parts = line.split('"')
    out = [parts[0]]
    for index, part in enumerate(parts[1:]):
        out.append("“" if index % 2 == 0 else "”")
        out.append(part)
    return "".join(out)


# 5 ───────────────────────────────────────────────────────────────────────────────────────────
_C = "[：:]"
# (literal that must be present, or a tuple of which one must be, pattern): the literal check
# skips patterns that cannot match.
_BOILERPLATE_PATTERNS = (
        # book118 meta bullets: counters, word count, page count, upload date, 举报
        ("-", r"^[ ]*-[ ]*\d+[ ]*$"),
        ("字", r"^[ ]*-?[ ]*约[ ]*[\d.]+[ ]*[千万]?字[ ]*$"),
        ("页", r"^[ ]*-?[ ]*约[ ]*\d+[ ]*页[ ]*$"),
        ("于", r"^[ ]*-?[ ]*\d{4}-\d{1,2}-\d{1,2}[ ]*(?:[\d:]+[ ]*)?(?:发布|上传)于?[^\n]{0,12}$"),
        ("举报", r"^[ ]*-?[ ]*举报[ ]*$"),
        # unresolved Word page field and page markers
        ("PAGE", r"第[ ]*PAGE[ ]*页[ ]*共[ ]*NUMPAGES[ ]*页"),
        ("_第", r"^[^\n]{1,160}_第\d+[页頁][ ]*$"),
        ("第", r"^[ ]*第[ ]*[页頁][ ]*"),
        # renrendoc family
        ("已阅读", r"已阅读\d+页[，,]?[ ]*还剩\d+页未读[ ]*(?:继续免费阅读)?"),
        ("继续免费阅读", r"继续免费阅读"),
        ("下载本文档", r"下载本文档"),
        ("付费下载", r"付费下载"),
        ("文档简介", r"^[ ]*文档简介[ ]*"),
        ("版权说明", rf"版权说明{_C}[^\n]*?(?:举报或认领|认领|举报)"),
        ("本文档由用户提供并上传", r"本文档由用户提供并上传[^\n]*?(?:举报或认领|认领)"),
        ("温馨提示", r"^[ ]*温馨提示[ ]*$"),
        (("本站", "人人文库", "原创力文档", "未经权益", "下载文件中", "本网站"),
         r"^[ ]*[•·●]?[ ]*\d+[.、][ ]*(?:\d+、[ ]*)?(?:本站|人人文库|原创力文档|未经权益|下载文件中|本网站)[^\n]*$"),
        ("评论", r"^[ ]*(?:提交)?评论[ ]*$"),
        ("/", r"^[ ]*\d+/\d+[ ]*$"),
        # book118 family
        ("原创力文档", r"原创力文档"),
        ("文档评论", r"文档评论[（(]\d+[）)]"),
        (".", r"^[^\n]{1,160}\.(?:docx?|pdf|txt)(?:VIP)?[ ]*$"),
        (".docxVIP", r"\.docxVIP"),
        ("VIP", r"VIP(?:专享|会员|免费|文档|用户)[^\n]{0,30}"),
        ("查看更多", r"查看更多"),
        (("热线", "电话"), rf"^[ ]*[-•]?[ ]*(?:客服|服务)?(?:热线|电话){_C}?[ ]*\d[\d-]{{6,}}[^\n]*$"),
        ("本文档共", r"[（(]?本文档共\d+页[）)]?"),
)


def _line_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a boilerplate pattern. One anchored at a line start (`^…`) is compiled to start
    with the newline before the line instead: the regex engine then jumps from newline to newline
    in C instead of trying the pattern at every character (several times faster). The text is
    given a leading newline so the first line is found too, and the cut puts the newline back."""
    if pattern.startswith("^"):
        return re.compile("\n" + pattern[1:], re.M)
    return re.compile(pattern, re.M)


_BOILERPLATE = [
    ((literal,) if isinstance(literal, str) else literal, _line_pattern(pattern)) for literal, pattern in _BOILERPLATE_PATTERNS
]


# Every pattern needs its literal: when none of them occurs, there is nothing to cut.
_ANY_BOILERPLATE_LITERAL = re.compile("|".join(re.escape(literal) for literals, _ in _BOILERPLATE for literal in literals))


def strip_boilerplate(text: str) -> tuple[str, list[str]]:
    removed: list[str] = []

    def cut(match: re.Match[str]) -> str:
        found = match.group(0)
        if found.strip():
            removed.append(found.strip())
        return "\n" if found.startswith("\n") else ""  # the newline before a cut line stays

    if _ANY_BOILERPLATE_LITERAL.search(text) is None:
        return text, removed  # a clean document: none of the patterns can match
    text = "\n" + text  # so that a pattern anchored at a line start finds the first line too
    for literals, pattern in _BOILERPLATE:
        for literal in literals:
            if literal in text:
                text = pattern.sub(cut, text)
                break
    return text[1:], removed


# 6 ───────────────────────────────────────────────────────────────────────────────────────────
# GBK bytes read with the wrong alignment or codec leave `??` (undecodable bytes) followed by rare
# characters and stray ASCII. The bytes behind the `?` are gone, so the span cannot be repaired
# reliably: it is kept as is and reported.
_GARBLE_START = re.compile(f"[?？]{{2}}(?=[{CJK}])|\ufffd+")
_RUN_END = re.compile(r"[，。；：？！、“”（）\n ]")


def find_garbled(text: str) -> list[str]:
    if "??" not in text and "？？" not in text and "？?" not in text and "?？" not in text and "\ufffd" not in text:
        return []
    spans: list[str] = []
    for match in _GARBLE_START.finditer(text):
        if match.group(0).startswith("\ufffd"):
            spans.append(text[max(0, match.start() - 4) : match.end() + 4])
            continue
        end_match = _RUN_END.search(text, match.end())
        run_end = end_match.start() if end_match else len(text)
        run = text[match.end() : min(run_end, match.end() + 24)]
        last_odd = max((i for i, ch in enumerate(run) if _is_odd(ch)), default=-1)
        if last_odd >= 0:
            spans.append(text[match.start() : match.end() + last_odd + 1])
    return spans


def _is_odd(ch: str) -> bool:
    """A character unlikely in clean Simplified text: outside GB2312, or ASCII glued into Chinese."""
    if ch.isascii():
        return not ch.isspace()
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return False
