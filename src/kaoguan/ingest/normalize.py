"""Normalization: from decoded text to the clean Simplified text the parser reads.

Steps, in this order (each one relies on the one before):
1. line endings, zero-width characters, odd spaces, Markdown markup (`## `, `**`) and CJK radicals
   that PDF text layers give for ideographs (`⾏` → `行`);
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
    # Most texts hold none of the characters that steps 1, 2 and 4 look for first (invisible and odd
    # spaces, tone marks, full-width letters and digits): one scan says so, instead of one per step.
    # (The steps in between add none of them; Traditional → Simplified is checked again.)
    rare = _RARE_CHARS.search(text) is not None
    text = _clean_whitespace(text, odd_spaces=rare)
    if rare:
        text = strip_pinyin_glosses(text)
    simplified = _simplified_if_traditional(text)
    traditional = simplified is not None
    if simplified is not None:
        text = simplified
    text = normalize_punctuation(text, wide_chars=rare or traditional)
    text, removed = strip_boilerplate(text)
    return Normalized(text=text, removed=removed, garbled=find_garbled(text), traditional=traditional)


# 1 ───────────────────────────────────────────────────────────────────────────────────────────
# str.translate is slow on non-ASCII text; a regex that finds nothing costs almost nothing.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f]")
_SPACES = re.compile("[\u00a0\u2002\u2003\u2009\u3000\t]")


# Markdown markup around the content: heading hashes and bold/italic markers.
_MARKDOWN_HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ ]+", re.M)
# A rule drawn across the page: Markdown's `---`, `***`, `===`, and rules typed with long dashes
# (not `___`: a line of underscores is a fill-in blank or a line to write the answer on).
_RULE_LINE = re.compile(r"^[ ]*([-*=—─━])(?:[ ]*\1){2,}[ ]*$", re.M)
_MARKDOWN_EMPHASIS = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<!_)__(?=[^_\s])(.+?)(?<=[^_\s])__(?!_)")


def _clean_whitespace(text: str, odd_spaces: bool = True) -> str:
    """(`odd_spaces=False`: the caller knows the text holds no invisible character or odd space.)"""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    if "\u2028" in text or "\u2029" in text:  # Unicode line/paragraph separators (some editors and web copies)
        text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    if odd_spaces:
        text = _SPACES.sub(" ", _INVISIBLE.sub("", text))
    if "#" in text:
        text = _MARKDOWN_HEADING.sub("", text)
    if "---" in text or "***" in text or "===" in text or "———" in text or "───" in text or "━━━" in text:
        text = _RULE_LINE.sub("", text)
    if "**" in text or "__" in text:
        text = _MARKDOWN_EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)  # fill-in blanks ____ stay
    if _has_radicals(text):
        text = unify_radicals(text)
    return text


# PDFs printed by Chromium/Skia (and other generators) with Noto/Source Han CJK fonts map a glyph
# the font shares between a radical and an ideograph back to the radical: `⼀、`, `银⾏`, `⻓期`,
# `⻛险`. Kangxi radicals (U+2F00–2FD5) become their ideograph by NFKC; the CJK Radicals Supplement
# (U+2E80–2EF3) has no decomposition, so this table maps it: each radical to the ideograph that
# shares its glyph in Noto Sans CJK SC (derived from the font's cmap), plus ⺝⻄⻏⻗ from Unicode's
# EquivalentUnifiedIdeograph.txt. A radical without a same-looking ideograph stays as it is.
_SUPPLEMENT_RADICALS = "⺂⺃⺅⺇⺉⺋⺍⺏⺐⺒⺓⺔⺕⺖⺘⺙⺛⺝⺞⺟⺠⺡⺣⺤⺦⺨⺩⺭⺮⺯⺰⺱⺳⺹⺺⺽⺾⻂⻄⻅⻆⻇⻈⻉⻊⻋⻌⻏⻐⻑⻒⻓⻔⻕⻖⻗⻘⻙⻚⻛⻜⻝⻞⻟⻠⻡⻢⻣⻤⻥⻦⻧⻨⻩⻪⻫⻬⻮⻯⻰⻱⻲⻳"
_SUPPLEMENT_IDEOGRAPHS = "乛乚亻𠘨刂㔾𭕄尣尢巳幺彑彐忄扌攵旡月歺母民氵灬爫丬犭𤣩礻𥫗糹纟罓㓁耂肀𦥑艹衤西见角𧢲讠贝𧾷车辶阝钅長镸长门𨸏阝雨青韦页风飞食𩙿飠饣𩠐马骨鬼鱼鸟卤麦黄黾斉齐齿竜龙龜亀龟"
_RADICAL = re.compile("[\u2e80-\u2ef3\u2f00-\u2fd5]")


# A text whose glyphs came back as radicals has them for its commonest characters (一人大口工用生自
# 子心面行长风门户): a long text is checked for these alone, each a fast substring search, instead of
# a character-class scan of the whole text.
_TELLTALE_RADICALS = "⼀⼈⼤⼝⼯⽤⽣⾃⼦⼼⾯⾏⻓⻛⻔⼾"
_SHORT_TEXT = 300  # characters; any longer text from such a PDF has 一 (⼀) or another of these


def _has_radicals(text: str) -> bool:
    if len(text) < _SHORT_TEXT:
        return _RADICAL.search(text) is not None
    return any(radical in text for radical in _TELLTALE_RADICALS)


@lru_cache(maxsize=1)
def _radical_table() -> dict[str, str]:
    import unicodedata

    table = {chr(code): unicodedata.normalize("NFKC", chr(code)) for code in range(0x2F00, 0x2FD6)}
    table["⼾"] = "户"  # NFKC gives the Traditional 戶; Simplified fonts draw 户 with this glyph
    table.update(zip(_SUPPLEMENT_RADICALS, _SUPPLEMENT_IDEOGRAPHS))
    return table


def unify_radicals(text: str) -> str:
    """Radical code points that stand for ideographs (`银⾏⻛险` → `银行风险`)."""
    table = _radical_table()
    return _RADICAL.sub(lambda m: table.get(m.group(0), m.group(0)), text)


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
# What the first scan of each of steps 1, 2 and 4 looks for, in one class (see normalize).
_RARE_CHARS = re.compile(f"{_INVISIBLE.pattern[:-1]}{_SPACES.pattern[1:-1]}{TONE_MARKS}{_WIDE_CHARS.pattern[1:]}")


def normalize_punctuation(text: str, wide_chars: bool = True) -> str:
    """(`wide_chars=False`: the caller knows the text holds no full-width letter or digit.)"""
    if wide_chars and _WIDE_CHARS.search(text):
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
    start = match.start()
    before = text[start - 1] if start else ""
    if before in _HALF_TO_FULL and start > 1:
        before = text[start - 2]  # `哪些行为?( )`: the `?` becomes `？` later, so the bracket follows Chinese
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
# Names and vocabulary of the document-sharing sites, for the whole-line patterns below.
_SITE_NAMES = (
    "百度文库", "豆丁网", "豆丁", "道客巴巴", "人人文库网", "人人文库", "原创力文档", "金锄头文库", "淘豆网", "360文库",
    "360doc", "个人图书馆", "爱问共享资料", "爱问文库", "新浪爱问", "冰点文库", "文档之家", "MBA智库", "book118", "renrendoc",
    "docin", "doc88", "wenku", "应届毕业生网", "无忧考网", "考试吧", "中公教育", "华图教育", "出国留学网", "学习啦", "第一范文网",
)
_SITE = "|".join(  # Latin names also as addresses: max.book118.com, www.doc88.com, wenku.baidu.com
    re.escape(name) + r"(?:\.com|\.cn|\.net)?" if name.isascii() else re.escape(name) for name in _SITE_NAMES
).replace("book118", r"(?:max\.|www\.)?book118").replace("renrendoc", r"(?:www\.)?renrendoc").replace("docin", r"(?:www\.)?docin").replace(
    "doc88", r"(?:www\.)?doc88"
).replace("wenku", r"wenku(?:\.baidu)?")
_NAV_WORDS = (
    "首页", "登录", "注册", "免费注册", "上传文档", "上传", "下载文档", "立即下载", "免费下载", "下载", "搜索", "搜索文档", "分类", "帮助",
    "客户端", "会员中心", "个人中心", "我的文档", "开通VIP", "加入VIP", "VIP免费下载", "AI全文解读", "AI解读", "收藏", "分享",
    "打印", "全屏", "阅读全文", "展开全文", "展开阅读全文", "点击阅读全文", "继续阅读", "在线阅读", "转存", "纠错", "举报",
    "文档评论", "提交评论", "发表评论", "评论", "意见反馈", "反馈", "转藏到我的图书馆", "献花", "微信扫一扫", "扫一扫", "分享到", "上一页", "下一页",
    "点击查看更多", "查看更多", "点击进入", "点击查看", ">>", "》》", "：",  # (`：` for `分享到：`)
    "下载本文档", "下载此文档", "下载全文", "查看全文", "文本预览", "文档预览", "下载这份文档", "下载该文档", "下载该资料", "下载此资料",
)
# a word, maybe with its counter (`献花(0)`, `评论（12）`); a bare `(1)` is an item number, not furniture
# (or the price left of a download button, `（8积分）`, `(5下载券)`)
_CHROME_WORD = (
    "(?:" + _SITE + "|" + "|".join(re.escape(word) for word in sorted(_NAV_WORDS, key=len, reverse=True))
    + r"|[（(][ ]*[\d.]+[ ]*(?:积分|金币|下载券|元|点)[ ]*[）)])(?:[（(]\d+[）)])?"
)
# who uploaded a document, and the statistics line around it
_UPLOADER_WORDS = ("文档贡献者", "贡献者", "上传者", "上传人", "上传用户", "分享者")
_UPLOADER = "|".join(_UPLOADER_WORDS)
_META_FIELD = (
    r"上传时间[：:]?[ ]*[\d-]+|发布时间[：:]?[ ]*[\d-]+|\d{4}-\d{1,2}-\d{1,2}|浏览[：:]?[ ]*[\d,.]+万?次?|下载[：:]?[ ]*[\d,.]+万?次?"
    r"|页数[：:]?[ ]*\d+页?|[\d,.]+万?次?(?:浏览|阅读|下载|收藏)|[\d.]+分[（(]\d+人评价[）)]|\d+人评价"
    r"|大小[：:]?[ ]*[\d.]+[KMk]B|格式[：:]?[ ]*(?:docx?|DOCX?|pdf|PDF)"
    r"|文档编号[：:]?[ ]*[A-Za-z0-9-]+|所需(?:金币|积分|下载券)[：:]?[ ]*\d+|已有[ ]*\d+[ ]*人(?:下载|浏览|阅读)|更新时间[：:]?[ ]*[\d-]+"
)
# a page's count and buttons beside its statistics (`本文共 3 页`, `复制全文`, `下载 Word 版`, `免费阅读`)
# (`开通金考库会员，海量文档免费下载 >>`)
_PAGE_BUTTON = (
    _CHROME_WORD + r"|(?:本文|全文|文档)?共[ ]*\d+[ ]*页|复制全文|免费阅读|下载[ ]*(?:Word|word|WORD|PDF|pdf|DOC|doc)[ ]*版"
    r"|开通[^\n，,]{0,8}(?:会员|VIP)[，, ]*[^\n]{0,12}?(?:免费)?(?:下载|阅读)[ ]*(?:>>|》》)?"
)
_FOOTER_WORDS = ("版权所有", "本站仅提供", "本站所有文档", "均由用户上传", "如有侵权请联系", "版权归原作者所有", "使用百度前必读", "网站地图")
_FOOTER = "|".join(_FOOTER_WORDS)
_RECOMMEND_WORDS = (
    "相关文档推荐", "相关资料推荐", "相关文档", "相关资料", "相关推荐", "猜你喜欢", "热门文档", "推荐文档", "相似文档", "你可能喜欢",
    "更多相关文档", "推荐阅读",
    "相关阅读", "延伸阅读", "热门推荐", "精品推荐",
)
_RECOMMEND = "|".join(_RECOMMEND_WORDS)
# Terms only a site's own notice uses (a bank's question speaks of 客户 and 网点, not of 本站 or 原创力).
_NOTICE_WORDS = (
    "原创力文档", "book118", "人人文库", "本站", "本网站", "VIP文档", "VIP会员", "成为VIP", "开通VIP", "下载权益", "版权申诉",
    "著作权", "网友上传", "文档的总页数", "文档格式", "不支持退款", "举报电话", "八大权益", "仅供个人", "付费文档", "下载文件中",
    "未经权益", "违规举报",
)
_NOTICE_TERM = "|".join(_NOTICE_WORDS)
_EXAM_FIELD = "考试时间|答题时间|总分|满分|得分|分数|成绩|姓名|考生姓名|应聘岗位|部门|日期|考号|准考证号|工号|阅卷人|评分人|签名|面试官签字|面试官签名|考官签字|考官签名|签字|面试官|考官|面试时长|考试时长|面试时间"
# a size with a font (`小三号黑体`), or a heading level (`题型标题`): a font alone (`宋体打印`) is content
_TYPESETTING = r"小?[一二三四五六七八初]号(?:宋体|黑体|楷体|仿宋|字)|[级型]标题"
# Whole lines that are a site's furniture, on any site (百度文库, 豆丁, 道客巴巴, 人人文库, book118 …).
# Each starts with a word of its own, so they are matched as one alternation from each line start,
# in one pass, behind a test of the line's first character (a literal check per word would scan
# the whole text a hundred times).
_SITE_FIRST = "".join({name[0] for name in _SITE_NAMES}) + "mw"  # and addresses: max.book118.com, www.…
_SITE_LINE_PATTERNS = (  # (the characters a matching line can start with, pattern)
    # nothing but site names, navigation and buttons: `豆丁网 | 登录 | 注册`, `开通VIP 立即下载 AI全文解读`
    (_SITE_FIRST + "".join({word[0] for word in _NAV_WORDS}) + "（(",
     rf"[ ]*(?:{_CHROME_WORD})(?:[ ]*[|｜·/]?[ ]*(?:{_CHROME_WORD}))*[ ]*[∨˅▼▾↓⌄]?[ ]*$"),  # (`展开全文 ∨`)
    (_SITE_FIRST, rf"[ ]*(?:{_SITE})[ ]*[-—–_|｜：:][^\n]{{0,40}}$"),  # 豆丁网 - 分享文档 创造价值
    # 文档贡献者 jobhelper88 | … (to the line's end; or to its last field when a PDF's text layer
    # glued the title to it: `… ｜ 92%的人觉得有帮助融资租赁公司客户服务专员面试题库`)
    ("".join({word[0] for word in _UPLOADER_WORDS}),
     rf"[ ]*(?:{_UPLOADER})[ ]*[：:]?(?:[^\n]*?\d+%的人(?:觉得|认为)有(?:帮助|用)(?=[^\s|｜])|[^\n]*$)"),
    ("©Cc", r"[ ]*(?:©|Copyright|copyright)[^\n]*$"),
    # a heading, not `推荐阅读基金合同`; maybe behind the page's buttons (`下载本文档 ｜ 反馈 ｜ 猜你喜欢：…`)
    ("【" + "".join({word[0] for word in _RECOMMEND_WORDS + _NAV_WORDS}),
     rf"[ ]*(?:(?:{_CHROME_WORD})[ ]*[|｜·][ ]*)*【?(?:{_RECOMMEND})(?:[】：:|｜ >》]|$)[^\n]*$"),
    # an article page's byline: `责任编辑：小王`, `来源：中公教育`
    ("责编作来", r"[ ]*(?:责任编辑|编辑|作者|来源)[：:][ ]*[^\n，。；？！]{1,20}$"),
    # a footer line: `本站所有文档均由用户上传…如有侵权请联系`, `人人文库网 renrendoc.com 版权所有 | …`
    # (`本文档为VIP专享文档，开通VIP可免费下载本文|百度文库| ©2026 Baidu使用百度前必读`)
    (_SITE_FIRST + "本声免版", rf"[ ]*(?:{_SITE}|本站|本网站|本文档|声明|免责声明|版权声明)[^\n]*?(?:{_FOOTER})[^\n]*$"),
    # what a copied 百度文库 text says about itself: `本文由某某贡献`, `doc文档可能在WAP端浏览体验不佳…`
    ("本dpD文", r"[ ]*(?:本文由[^\n]{1,30}贡献|(?:doc|pdf|ppt|DOC|PDF|PPT)?文档可能在WAP端浏览体验不佳|本文档下载后)[^\n]*$"),
    # price, credits, size and length of the download: `下载积分：2`, `文件大小：25.6KB`, `共6页，约3500字`
    ("下所文共全",
     r"[ ]*(?:(?:下载积分|所需积分|文档价格|下载价格|文件大小|文档大小)[^\n]{0,30}|(?:下载需要|下载所需)[ ]*\d+[ ]*(?:个)?(?:金币|积分|下载券|元)"
     r"|(?:共[ ]*\d+[ ]*页[，,、 ]*)?(?:约|全文约?|全文共)[ ]*[\d.]+[ ]*[千万]?字)[ ]*$"),
    # an article page's neighbours: `上一篇：2026年农商银行柜员面试题  下一篇：…`
    ("上下", r"[ ]*(?:上一篇|下一篇)[：:][^\n]*$"),
    # a download button with its price: `下载文档  原格式（docx）  ¥3.90 或 VIP免费`
    ("下", r"[ ]*下载[^\n]{0,30}?(?:[¥￥][ ]*[\d.]+|原格式)[^\n]{0,30}$"),
    ("该", r"[ ]*该用户很懒[^\n]*$"),
    # a preview's closing line: `亲，该文档总共3页，到这已经超出免费预览范围，如果喜欢就下载吧！`
    ("亲该本", r"[ ]*(?:亲[，,！!]?[ ]*)?(?:该|本)文档(?:总共|共)[ ]*\d+[ ]*页[^\n]{0,40}?(?:预览|下载|阅读)[^\n]{0,30}$"),
    # or says it is only a preview: `此文档仅供预览，淘豆网不保证内容完整，下载后可查看完整文档。`
    # (or that it is paid for: `该文档为付费文档，预览至第3页，购买后可下载完整版`)
    ("此该本", r"[ ]*(?:此|该|本)(?:文档|资料|文件)(?:(?:仅供|仅提供|只提供|只供)(?:在线)?(?:预览|试读)|为(?:付费|VIP|会员)(?:专享)?(?:文档|资料|文件))[^\n]{0,60}$"),
    # what other readers read: `喜欢该文档的用户还喜欢：…`, `下载了本文档的人还下载了：…`
    ("喜看浏下阅", r"[ ]*(?:喜欢|看过|看了|浏览过?|下载过?|下载了|阅读过?|阅读了)(?:该|本|此)(?:文档|资料)的(?:用户|人|网友)还[^\n]*$"),
    # a page's tag cloud: `热门标签` and, on the same or the next line, short words apart by spaces
    ("热相文标",
     r"[ ]*(?:热门标签|相关标签|文档标签|标签)[：:]?[ ]*(?:(?:\n[ ]*)?(?:[^\s，。？！：；]{1,12}[ ]+)+[^\s，。？！：；]{1,12})?[ ]*$"),
    ("原本文来", r"[ ]*(?:原文地址|原文链接|本文链接|文档链接|文档地址|来源)[：:][ ]*(?:https?://)?[\w.-]+\.(?:com|cn|net)[^\n]*$"),
    # a plug for the site's account (`扫码关注公众号，获取更多面试题`), not a bank's `关注微信公众号可查询账单`
    ("扫关微更获",
     r"[ ]*(?:(?:扫码关注|扫描二维码|关注(?:微信)?公众号|微信公众号)[^\n]{0,20}(?:获取|领取|免费|更多)|更多精品文档|获取更多(?:面试|资料|文档))[^\n]*$"),
    ("Pp", r"[ ]*[Pp]age[ ]*\d{1,4}[ ]*(?:of|/)[ ]*\d{1,4}[ ]*$"),
    # a site's menu bar (`首页 | 文档分类 | 机构专区 | 个人中心`), share bar (`分享到： 微信 QQ空间 新浪微博`),
    # slogan (`知识共享，创造价值`) and preview counter (`文档预览（共12页，可预览4页）`)
    # (or links apart by spaces: `首页 行业资料 考试教育 登录｜免费注册`)
    ("首分知文资共", r"[ ]*(?:首页(?:(?:[ ]*[|｜·/][ ]*|[ ]+)[^\s|｜·/，。？！]{1,8}){2,}|分享到[：:]?(?:[ ]*[^\s，。？！]{1,6}){1,8}"
     r"|(?:知识|文档|资料)?(?:共享|分享)(?:文档)?[，, ]*(?:创造价值|知识变现)|(?:文档|全文|文本)?预览[ ]*[（(]?共[ ]*\d+[ ]*页[，, ]*可预览[ ]*\d+[ ]*页[）)]?)[ ]*$"),
    # a reposted file's running head and foot: `精品文档`, `精品文档 收集于网络，如有侵权请联系管理员删除`,
    # `word文档 可自由复制编辑`, `仅供学习与交流，如有侵权请联系网站删除`
    ("精收仅wW",
     r"[ ]*(?:精品文档[ ]*$|(?:精品文档[ ]*)?(?:收集于网络|仅供学习与?交流)[^\n]{0,30}(?:侵权|删除)[^\n]*$|[Ww]ord文档[ ]*可自由复制编辑[ ]*$)"),
    # a line that is a site's address and nothing else (`iask.sina.com.cn`, `www.doc88.com/p-123.html`)
    ("abcdefghijklmnopqrstuvwxyz", r"(?:https?://)?(?:[a-z0-9-]+\.)+(?:com|cn|net|org)(?:\.cn)?(?:/[^\s]*)?[ ]*$"),
    # a preview's end where the text stops: `……（未完，下载后查看全文）`, `（未完待续）` (kept as the cue), and
    # its notice: `温馨提示：当前文档最多只能预览3页，此文档共6页，请下载后查看全部。`
    ("…（(.未", r"[ ]*[…\.]*[ ]*[（(]?未完(?:待续)?(?:[，,。 ]*[^\n）)]{0,16})?[）)]?[ ]*$"),
    # (also behind the site's name: `【爱问共享资料】温馨提示：本资料为网友上传分享，…`)
    ("温【", r"[ ]*(?:【[^】\n]{1,12}】[ ]*)?温馨提示[：:][^\n]{0,40}(?:预览|下载|本站|VIP|网友上传)[^\n]*$"),
    # another preview's end: `试读已结束，继续阅读请付费`, `免费预览已结束，剩余5页可下载查看` (kept as the cue)
    # (or the bare `已结束，点击“下载此文档”获取完整内容；本文档仅提供预览…`)
    ("阅试免预全已", r"[ ]*(?:(?:全文)?(?:阅读|试读|免费预览|预览|免费阅读)已结束|已结束[，,][^\n]{0,40}(?:下载|预览))[^\n]*$"),
    # an uploader's blurb above the document: `资料简介：本资料收录…，附参考答案。`
    # (or the label alone above it: `内容摘要`)
    ("资文内", r"[ ]*(?:资料简介|文档简介|内容简介|资料介绍|文档介绍|内容摘要|文档摘要)(?:[：:][^\n]*)?[ ]*$"),
    # a paywall's line: `本文档为VIP专享文档，剩余3页需开通VIP后阅读`, `本页仅展示前4页内容，剩余6页请下载后阅读` (kept as the cue)
    # (or with what was read before it and no page count: `已读3页/共8页 剩余内容请下载后阅读`,
    # `……（剩余内容请下载后查看）`)
    ("本剩还已…（(",
     r"[ ]*(?:本(?:页|文档|资料|文件|文章|内容)[^\n，,。]{0,12}[，,][ ]*|已(?:读|阅读|浏览)[ ]*\d+[ ]*页(?:[ ]*[/／][ ]*共[ ]*\d+[ ]*页)?[，, ]*"
     r"|[…]*[ ]*[（(])?(?:剩余|还剩)(?:[ ]*\d+[ ]*页|内容|部分)(?:需|请|可)?(?:开通|成为|加入|购买|登录|下载|付费)[^\n]{0,16}?(?:阅读|查看|下载)[^\n]{0,8}$"),
    # what a site says of its download: `下载文档到电脑，查找使用更方便`, `本文档由用户上传，下载需要…`,
    # `本文档由 豆丁网 用户上传，仅供学习交流`
    # (between dashes too: `— 本文档由360文库用户上传，仅供学习交流使用 —`)
    ("下本—─", r"[ ]*(?:[—─]+[ ]*)?(?:下载(?:本|此)?(?:文档|资料|文件|全文)?到(?:电脑|本地|手机)|本(?:文档|资料|文件|文)由[^\n，,。]{0,20}?用户上传)[^\n]*$"),
    # page footers on their own line: `- 2 -`, `— 3 —`, `第 2 页`
    ("-—–", r"[ ]*[-—–][ ]*\d{1,4}[ ]*[-—–][ ]*$"),
    ("第", r"[ ]*第[ ]*\d{1,4}[ ]*页[ ]*$"),
    # an exam paper's header: `考试时间：____分钟 总分：____分 姓名：____`, `面试时长：30分钟  面试官：____`
    ("".join({field[0] for field in _EXAM_FIELD.split("|")}), rf"[ ]*(?:(?:{_EXAM_FIELD})[ ]*[：:]?[ ]*(?:(?:[_＿]{{2,}}|\d{{1,3}}[ ]*(?=分钟))[ ]*(?:(?:分钟|分|年|月|日)[ ]*)*)+)+$"),  # (`日期:____年__月__日`, `签名：____  年  月  日`)
    # a 温馨提示/下载须知 heading and the numbered list under it, when its first item is the site's notice
    ("温下用",
     rf"[ ]*(?:温馨提示|下载须知|用户须知|下载说明)[：:]?[ ]*(?:\n[ ]*(?=\n))*\n[ ]*[•·●]?[ ]*\d+[.、][^\n]*?(?:{_NOTICE_TERM})[^\n]*"
     r"(?:\n[ ]*(?=\n|$)|\n[ ]*[•·●]?[ ]*\d+[.、][^\n]*)*"),
)
# Each alternative behind a test of the line's first character (or a leading space), so a line
# tries only the few alternatives it can match.
_FOOTER_DASHES = "-—–"  # (only the page footer `- 2 -` starts with one: it needs a space or digit next)
_SITE_LINE_MAX = 300
_SITE_LINES = re.compile(
    # any of them, first; a line opening with a dash and a word (a bullet, most lines of a bank) is
    # rejected here, before the alternatives are tried one by one. A line of furniture is short: a
    # run-on page that opens with the site's name and ends with its footer (`360文库 首页 > … 举报
    # 360文库 版权所有`) is the document, its chrome cut piece by piece further on.
    f"\n(?=[ {re.escape(''.join(sorted(set(''.join(first for first, _ in _SITE_LINE_PATTERNS)) - set(_FOOTER_DASHES))))}]|[{_FOOTER_DASHES}][ \\d])(?=[^\n]{{0,{_SITE_LINE_MAX}}}$)(?:"
    + "|".join(f"(?=[ {re.escape(''.join(sorted(set(first))))}])(?:{pattern})" for first, pattern in _SITE_LINE_PATTERNS)
    + ")",
    re.M,
)
# Furniture whose pattern has to look into the line, which costs more: only the first and last
# lines of a document (page header; page footer and the notice under it) are searched for it
# (`_cut_edge_lines`), and only when a cheap search finds what the pattern needs.
_NOTICE_SEARCH = re.compile(_NOTICE_TERM)
_NOTICE_CHARS = "档b库站V权友款举仅载"  # every notice term has one of these
_NUMBER_PREFIX = re.compile(r"[ ]*[•·●]?[ ]*\d+[.、][ ]*(?:\d+[、.][ ]*)?")
_REST_OF_LINE = re.compile(r"[^\n]*")


def _cut_notice_items(text: str, cut) -> str:
    """A numbered item of a site's notice (温馨提示 lists, book118's seven-item VIP notice) starts
    with a notice term (`2、本站…`) or names two of them (`…成为VIP后…扣除1次下载权益…不支持退款`).
    Found from the terms (one search); a question that mentions one (`客户说本网站登录不上`) stays."""
    if not any(char in text for char in _NOTICE_CHARS):
        return text
    parts: list[str] = []
    kept_from = 0
    for term in _NOTICE_SEARCH.finditer(text):
        if term.start() < kept_from:
            continue  # a second term on a line already cut
        line_start = text.rfind("\n", 0, term.start()) + 1
        prefix = _NUMBER_PREFIX.match(text, line_start)
        if prefix is None or prefix.end() > term.start():
            continue
        line = _REST_OF_LINE.match(text, line_start)
        if term.start() != prefix.end() and len({found.group(0) for found in _NOTICE_SEARCH.finditer(text, line_start, line.end())}) < 2:
            continue
        parts.append(text[kept_from:line_start])
        parts.append(cut(line))
        kept_from = line.end()
    if not parts:
        return text
    parts.append(text[kept_from:])
    return "".join(parts)


_EDGE_LINE_PATTERNS = (
    # 首页 > 教育专区 > 面试
    (("»", "›", ">", "＞"), r"[ ]*(?![\dA-H一二三四五六七八九十（(][.、)）])[^\n>＞»›。？！；，：]{1,16}(?:[ ]*[>＞»›][ ]*[^\n>＞»›。？！；，：]{1,16}){2,}[ ]*$"),
    # 2026-01-19 | 浏览：1,284次 | 下载：37次, and with the page's buttons after a field:
    # `发布时间：2026-02-26   本文共 3 页   免费阅读 | 复制全文 | 下载 Word 版`
    (("浏", "阅", "载", "评"), rf"[ ]*(?:{_META_FIELD})(?:[ ]*[|｜·/]?[ ]*(?:{_META_FIELD}|{_PAGE_BUTTON}))+[ ]*$"),
    # a footer whose site no list knows, its name before the copyright: `金考库（jinkaoku）© 2026 客服热线：…`
    (("©",), r"[^\n©]{1,24}©[ ]*(?:\d{4}|[Cc]opyright)[^\n]*$"),
    # or with its address before the copyright: `金文库 jinwenku.com 版权所有 | 上一篇：…`
    (("版权所有",), r"[ ]*[^\n。？！；]{0,20}?(?:www\.)?[a-z0-9-]+\.(?:com|cn|net)(?:\.cn)?[ ]*版权所有[^\n]*$"),
    # book118's notice list items carry two numbers: `3. 3、文档的总页数…`
    (None, r"[ ]*(?P<item>\d{1,2})\.[ ]*(?P=item)、[^\n]*$"),
    # a site's name on its own line (its logo), also a site no list knows: `易知文库`, `某某文档网`
    (("文库", "文档", "资料", "范文"), rf"(?=[^\n]{{3,20}}$)[ ]*[{CJK}A-Za-z0-9]{{1,10}}(?:文库|文档网|文档库|资料网|资料库|范文网)(?:网|\.com|\.cn|\.net)?[ ]*$"),
)
_EDGE_LINES = [(needs, re.compile("\n" + pattern, re.M)) for needs, pattern in _EDGE_LINE_PATTERNS]
_HEAD_LINES, _TAIL_LINES = 50, 50  # (a site header is a few lines; book118 doubles its lines with blanks)

# `某题集 - 豆丁网`, `某题集_百度文库`: the site's suffix on a title line (the title stays)
# (a lookahead for a site name's first character rejects a bullet `-核实…` before trying the names)
_SITE_SUFFIX = re.compile(rf"[-—–_|｜](?=[ ]*[{re.escape(_SITE_FIRST)}])[ ]*(?:{_SITE})[ ]*$", re.M)

# (literal that must be present, or a tuple of which one must be, pattern): the literal check
# skips patterns that cannot match.
_BOILERPLATE_PATTERNS = (
        # an editor's typesetting note left in a heading: `（题型标题，小三号黑体）`
        (("号", "标题"), rf"（[^（）\n]{{0,16}}(?:{_TYPESETTING})[^（）\n]{{0,16}}）"),
        # book118 meta bullets: counters, word count, page count, upload date, 举报
        ("-", r"^[ ]*-[ ]*\d+[ ]*$"),
        ("字", r"^[ ]*-?[ ]*约[ ]*[\d.]+[ ]*[千万]?字[ ]*$"),
        ("页", r"^[ ]*-?[ ]*约[ ]*\d+[ ]*页[ ]*$"),
        ("于", r"^[ ]*-?[ ]*\d{4}-\d{1,2}-\d{1,2}[ ]*(?:[\d:]+[ ]*)?(?:发布|上传)于?[^\n]{0,12}$"),
        ("举报", r"^[ ]*-?[ ]*举报[ ]*$"),
        # unresolved Word page field and page markers
        ("PAGE", r"第[ ]*PAGE[ ]*页[ ]*共[ ]*NUMPAGES[ ]*页"),
        ("_第", rf"^[^\n]{{1,160}}_第\d+[页頁](?:[ ]*[-—–_|｜][ ]*(?:{_SITE}))?[ ]*$"),  # also `…_第1页 - 人人文库`
        ("第", r"^[ ]*第[ ]*[页頁][ ]*"),
        # renrendoc family
        ("已阅读", r"已阅读[ ]*\d+[ ]*页[，,]?[ ]*还剩[ ]*\d+[ ]*页未读[，,。 ]*(?:继续免费阅读)?"),
        ("继续免费阅读", r"继续免费阅读"),
        # other sites' preview ends: `本文档共7页，剩余4页未读，开通VIP畅享全部内容` (after renrendoc's
        # `已阅读3页，还剩11页未读` above; the cut keeps `未读`, the preview cue)
        ("页未读", r"(?=[（(本剩还…])(?:[…]+[ ]*)?(?:[（(]?本文档共\d+页[）)]?[，,。 ]*)?(?:剩余|还剩|还有)[ ]*\d+[ ]*页未读[，,。 ]*(?:(?:开通|成为|加入)VIP)?(?:畅享|免费阅读|继续阅读|阅读|查看)?(?:全部|全文|剩余)?(?:内容)?"
         r"(?:(?:点击|请)?下载(?:后)?(?:查看|阅读)(?:全文|全部|完整(?:内容|文档)?)?)?"),  # (`…页未读，点击下载查看全文`)
        ("下载本文档", r"下载本文档"),
        ("付费下载", r"付费下载"),
        ("文档简介", r"^[ ]*文档简介[ ]*"),
        ("版权说明", rf"版权说明{_C}[^\n]*?(?:举报或认领|认领|举报)"),
        ("本文档由用户提供并上传", r"本文档由用户提供并上传[^\n]*?(?:举报或认领|认领)"),
        ("温馨提示", r"^[ ]*温馨提示[ ]*$"),
        (("本站", "人人文库", "原创力文档", "未经权益", "下载文件中", "本网站"),
         r"^[ ]*[•·●]?[ ]*\d+[.、][ ]*(?:\d+、[ ]*)?(?:本站|人人文库|原创力文档|未经权益|下载文件中|本网站)[^\n]*$"),
        ("评论", r"^[ ]*(?:提交)?评论[ ]*$"),
        ("/", r"^[ ]*\d+[ ]*/[ ]*\d+[ ]*$"),
        # book118 family
        ("原创力文档", r"原创力文档"),
        ("文档评论", r"文档评论[（(]\d+[）)]"),
        ((".doc", ".pdf", ".txt"), r"^[^\n]{1,160}\.(?:docx?|pdf|txt)(?:VIP)?[ ]*(?:\d{1,4}[ ]*页)?[ ]*$"),  # a recommended file, maybe with its pages
        (".docxVIP", r"\.docxVIP"),
        # a page's header bar, its fields apart by bars, run into the title by the copy: `支付 风控 面试 |
        # 2026-02-26 上传 | 4页 | 本文由用户 … 贡献 | 开通VIP 免费下载 【立即下载】2026年…题库`,
        # `某某网 xx.com | 首页 > 金融资料 | 登录 注册2026年…笔试题`
        # (`… | 登录/注册您的位置：首页 > 银行招聘 > 面试真题`: with the page's location run on after it)
        (("立即下载", "注册"), r"^[^\n]{0,120}?[|｜][^\n]{0,120}?[|｜][^\n|｜]{0,40}?(?:【(?:立即下载|免费下载)】|(?:登录|注册)[ ]*[ /／][ ]*(?:注册|登录))[ ]*"
         r"(?:(?:您的|当前|所在)位置[：:][ ]*[^\n>＞»›]{1,16}(?:[ ]*[>＞»›][ ]*[^\n>＞»›。？！；，：]{1,16})+[ ]*$)?(?=\S|$)"),
        # (to the end of a short line: `VIP专享文档 | 全文共5页 | 2026-02-08`; inside a run-on page
        # only the offer itself, not the title and heading glued after it)
        # (`本文档为VIP专享文档，开通VIP可免费下载本文`, `本文档为会员免费文档，开通会员即可免费下载`: the words
        # leading to the offer go with it)
        (("VIP", "会员"), r"(?:本(?:文档|资料|文件)[为是])?(?:VIP|会员)(?:专享|免费下载|免费阅读|文档|免费文档|专享文档)(?:[^\n]{0,48}$)?"),  # the site's offer, not a bank's `VIP会员`/`VIP用户`
        # the offer glued to a preview's last words: `…要求开通VIP，免费下载全文 单篇购买 ¥3.90`
        ("VIP", r"(?:开通|成为|加入)VIP[，, ]*(?:即可|可)?(?:免费)?(?:下载|阅读|查看)[^\n]{0,48}$"),
        # a preview's end glued to its last words: `…要求……预览已结束，全文共12页，下载本文需要使用3积分` (the cue stays in `removed`)
        ("已结束", r"(?:全文|免费)?(?:阅读|试读|预览)已结束[^\n]*$"),
        # a page's statistics run on one line with its title and the body's (`…及答案   分类：金融/投资
        # 页数：4   浏览：526   下载：11   评分：★★★★☆   下载本文档（豆元：5）银行…面试题`)
        ("页数", r"(?:(?:分类|页数|浏览|下载|评分|大小|格式|上传时间|上传于)[：:][ ]*[^ \n]{1,12}[ ]+){2,}"),
        ("下载本文档", r"下载本文档[ ]*(?:[（(][^）)\n]{0,12}[）)])?[ ]*"),
        # a footer from a site not named above: `某某文库声明：本站文档均来自网络或用户上传，版权归原作者所有`
        ("声明", rf"^[ ]*[^\s，。：:]{{1,8}}声明[：:][^\n]*?(?:{_FOOTER})[^\n]*$"),
        # the price of the download left in brackets: `（豆元：5）`, `(下载券: 2)`
        (("豆元", "下载券", "财富值", "金币"), r"[（(][ ]*(?:豆元|下载券|财富值|金币)[ ]*[：:][ ]*\d+[ ]*[）)][ ]*"),
        ("查看更多", r"^[ ]*(?:点击)?查看更多[ ]*(?:>>|》+)?[ ]*$"),  # a line: `在APP中查看更多优惠` is an answer
        (("热线", "电话"), rf"^[ ]*[-•]?[ ]*(?:客服|服务)?(?:热线|电话){_C}?[ ]*\d[\d-]{{6,}}[^\n]*$"),
        ("本文档共", r"[（(]?本文档共\d+页[）)]?"),
        # a run-on page (the whole page on one line) keeps the site's header and footer on that line:
        # the breadcrumbs ahead of the title (`某某文库 首页 > 资格考试 > 银行 `), the counters and the
        # button after it (` | 1.2万阅读 立即下载`), the footer closing it (` 举报 某某文库 版权所有`)
        ("首页", r"^[ ]*(?:[^\s>＞»›]{1,12}[ ]+)?首页(?:[ ]*[>＞»›][ ]*[^\s>＞»›]{1,16})+[ ]+(?=[^\n]{200})"),
        (("阅读", "浏览"), r"[ ]*[|｜][ ]*[\d.]+[万千]?(?:次)?(?:阅读|浏览)(?:[ ]*[|｜][ ]*[\d.]+[ ]*分)?(?:[ ]*立即下载(?=[ ]|VIP|$))?"),
        ("版权所有", r"[ ]+(?:展开阅读全文|相关文档|举报)[^\n。？！]{0,60}?版权所有[ ]*$"),
        # a page footer `- 2 -` glued into a run-on text (`…联系方式- 2 -2.以下…`); on a line of its own
        # it is cut with the site's lines
        ("- ", r"[-—–](?= \d{1,4} [-—–])(?<![\d.,][-—–])(?<![\d.,] [-—–]) \d{1,4} [-—–](?![ ]?\d(?!\d{0,2}[.、]))[ ]?"),
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


# A page marker of a printed or previewed page (`第 2 页 共 7 页`, `第1页 / 共6页`, `共6页 第1页`), often
# in the middle of a sentence where the page broke (`匹配的产 第 2 页 共 7 页 品`).
_PAGE_MARKER = re.compile(r"(?:第 *\d{1,4} *页 *[/，,、|｜]? *共|共 *\d{1,4} *页 *[/，,、|｜]? *第) *\d{1,4} *页 *")


def _cut_page_markers(text: str, removed: list[str]) -> str:
    """Cut page markers with the spaces around them, so a word the page break split is whole again."""
    parts: list[str] = []
    kept_from = 0
    for match in _PAGE_MARKER.finditer(text):
        start = match.start()
        while start > kept_from and text[start - 1] == " ":
            start -= 1  # the spaces before the marker (a few at most)
        parts.append(text[kept_from:start])
        before, after = text[start - 1 : start], text[match.end() : match.end() + 1]
        if before.isascii() and before.isalnum() and after.isascii() and after.isalnum():
            parts.append(" ")  # two Latin words or numbers stay apart
        removed.append(match.group(0).strip())
        kept_from = match.end()
    if not parts:
        return text
    parts.append(text[kept_from:])
    return "".join(parts)


_FIRST_LINES = 15  # a repeated title sits among the first lines, under the site's header


def _clean_title_lines(text: str, removed: list[str]) -> str:
    """Among the first lines: a site's suffix on the title goes (`某题集 - 豆丁网`), and sites print
    the title twice (page header, then the document's own first line): the later copy goes, when
    it is the same line or one of the two contains the other."""
    end = -1
    for _ in range(_FIRST_LINES):  # where the first lines end: only they are split and joined
        end = text.find("\n", end + 1)
        if end < 0:
            break
    if end < 0:
        return _clean_first_lines(text, removed)
    return _clean_first_lines(text[:end], removed) + text[end:]


def _clean_first_lines(text: str, removed: list[str]) -> str:
    has_suffix = _SITE_SUFFIX.search(text) is not None
    lines = text.split("\n")
    lines.append("")  # the loops below stop one line short
    for index, line in enumerate(lines[:-1] if has_suffix else ()):
        suffix = _SITE_SUFFIX.search(line)
        if suffix and line[: suffix.start()].strip():
            removed.append(suffix.group(0).strip())
            lines[index] = line[: suffix.start()].rstrip()
    first = next((index for index, line in enumerate(lines[:-1]) if line.strip()), None)
    if first is None:
        return "\n".join(lines[:-1])
    tag = _TITLE_TAG.match(lines[first])
    if tag:  # `【精品】2026年…面试题` is the site's listing of the title
        removed.append(tag.group(0).strip())
        lines[first] = lines[first][tag.end() :]
    title = lines[first].strip()
    for index in range(first + 1, len(lines) - 1):
        line = lines[index].strip()
        if len(title) >= 6 and line != title and _longer_copy(title, line):
            # the page's short title (a running header, a listing's name) above the body's own,
            # fuller one (`2026年某题集（含答案）`): the body's title is the document's
            removed.append(title)
            lines[first] = ""
            break
        if len(line) >= 6 and (line == title or (len(title) >= 6 and line in title)):
            removed.append(line)
            lines[index] = ""
            break
    return "\n".join(lines[:-1])


_TITLE_TAG = re.compile(r"[ ]*【(?:精品|推荐|原创|热门|最新|精选|免费|VIP|荐|热)】[ ]*(?=\S)")
_STARTS_ITEM = re.compile(r"(?!\d{4}年)[\d一二三四五六七八九十（(【第-]")  # (a year starts a title, not an item)


def _longer_copy(title: str, line: str) -> bool:
    """`2026年某题集（含答案）` repeating `某题集`; not a question or heading that mentions the title."""
    return title in line and len(line) <= len(title) + 12 and "？" not in line and not _STARTS_ITEM.match(line)


def _cut_edge_lines(text: str, cut) -> str:
    """Notice items and `_EDGE_LINES` cut from the first and last lines of `text` (which starts
    with a newline)."""
    head = text.split("\n", _HEAD_LINES + 1)
    if len(head) <= _HEAD_LINES + 1 or head[-1].count("\n") < _TAIL_LINES:
        return _cut_lines(text, cut)  # a short document: all of it
    rest = head.pop().rsplit("\n", _TAIL_LINES)
    return _cut_lines("\n".join(head), cut) + "\n" + rest[0] + _cut_lines("\n" + "\n".join(rest[1:]), cut)


def _cut_lines(text: str, cut) -> str:
    text = _cut_notice_items(text, cut)
    for needs, pattern in _EDGE_LINES:
        if needs is None or any(char in text for char in needs):
            text = pattern.sub(cut, text)
    return _SPACED_LINE.sub(lambda line: cut(line) if _is_chrome_line(line.group(0)) else line.group(0), text)


# A site's bar of links, buttons and statistics, whatever its words: short fields apart by spaces or
# bars, most of them naming the site's furniture (`道客巴巴 首页 | 文档分类 | 上传文档 | 登录`,
# `4.6分 1,032阅读 56下载 2025-10-21上传 5页`, `800 积分 下载此文档`). Looked for only among the first
# and last lines, where sites put them; a line of the document's own (an item, a sentence) never is.
# (the regex engine picks the candidate lines in C: no sentence mark, a furniture word, a space or bar)
_SPACED_LINE = re.compile(
    r"(?m)\n(?=[^\n。？！；“”]{3,160}$)(?=[^\n]*?[ |｜])(?=[^\n]*?(?:首页|登录|注册|上传|下载|积分|VIP|阅读|浏览|收藏|举报|文库|文档|分类|www|评论|页数|大小))"
    r"[^\n]*(?=\n|$)"
)
_CHROME_FIELD = re.compile(
    r"首页|登录|注册|上传|下载|分类|VIP|举报|收藏|分享|文库|文档|积分|下载券|页数|大小|格式|热度|评论|浏览|阅读|未读|踩|顶|人数|贡献|"
    r"客户端|APP|搜索|售价|价格|购买|www\.|\.com|\.cn|^[\d.,]+[ ]*(?:分|页|次|人|K|KB|M|MB|字)$|^\d{4}-\d{1,2}-\d{1,2}"
)
_BARE_NUMBER = re.compile(r"^[\d.,/]+$")
_FIELD_SPLIT = re.compile(r"[ ]*[|｜·][ ]*|[ ]+")
_NOT_CHROME = re.compile(r"[。？！；“”]|^[ ]*(?:\d{1,3}[.、](?!\d)|[A-H][.、]|[（(]|[一二三四五六七八九十]+、|-)")


def _is_chrome_line(line: str) -> bool:
    line = line.lstrip("\n")
    if len(line) > 160 or _NOT_CHROME.search(line):
        return False
    # (a bare number says nothing either way: `800 积分` is a price, `题号 1 2 3` an answer key's row)
    fields = [field for field in _FIELD_SPLIT.split(line.strip()) if field and not _BARE_NUMBER.match(field)]
    chrome = sum(1 for field in fields if len(field) <= 16 and _CHROME_FIELD.search(field))
    return chrome >= 2 and 3 * chrome >= 2 * len(fields)


def strip_boilerplate(text: str) -> tuple[str, list[str]]:
    removed: list[str] = []

    def cut(match: re.Match[str]) -> str:
        found = match.group(0)
        if found.strip():
            removed.append(found.strip())
        return "\n" if found.startswith("\n") else ""  # the newline before a cut line stays

    if "页" in text:
        text = _cut_page_markers(text, removed)
    # whole lines first: the partial cuts below would split them
    text = _cut_edge_lines(_SITE_LINES.sub(cut, "\n" + text), cut)[1:]
    if _ANY_BOILERPLATE_LITERAL.search(text) is None:
        return _clean_title_lines(text, removed), removed  # none of the patterns below can match
    text = "\n" + text  # so that a pattern anchored at a line start finds the first line too
    for literals, pattern in _BOILERPLATE:
        for literal in literals:
            if literal in text:
                text = pattern.sub(cut, text)
                break
    return _clean_title_lines(text[1:], removed), removed


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
        # The run is at most 24 characters: the search for its end stops there too (searching on to
        # the next punctuation made a long line of mojibake without any quadratic).
        end_match = _RUN_END.search(text, match.end(), match.end() + 24)
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
