"""Answer texts that stand in for an answer without being one.

Documents write a template where the answer belongs (`考生根据自身经历作答`, `【姓名】`, `XXX`), or
leave the answer out and say so (`参考答案：略`, `答案要点：（略）`, `暂无`). The importer keeps such
text as the reference answer and warns; the scorer does not match answers against it.
"""

from __future__ import annotations

import re

# (a class of every alternative's first character, each alternative behind a lookbehind for its
# own: the regex engine then skips in C to the few places one can start instead of trying four
# alternatives at every character of a bank's joined answer texts; a leading lookahead `(?=[…])`
# names the same characters but the engine does not use it to skip)
_TEMPLATE = re.compile(
    r"[考根结言\[【X](?:(?<=考)生(?:应|需|可)?(?:根据|结合|联系|依据)(?:自身|个人|自己)|(?<=根)据自身(?:经历|情况)(?:作答|回答|填写)"
    r"|(?<=结)合自身(?:经历|情况|实际)(?:作答|回答)|(?<=言)之(?:成理|有理)即可|(?<=[\[【])(?:姓名|学校|公司|专业|名字|单位|岗位|XX+)[\]】]|(?<=X)XX+)"
)
# The whole answer is an omission mark (`略`, `（略）`, `答案略。`, `暂无`).
_OMITTED = re.compile(r"\s*[（(]?\s*(?:答案)?(?:略|从略|暂略|无|暂无)\s*[)）]?\s*[。.]?\s*")
_BRACKETED = re.compile(r"（[^（）]+）")


def placeholder_in(text: str | None) -> str | None:
    """The placeholder in `text`, or None. `text` may be several answers joined by NUL: an
    omission mark counts only as a whole answer (`略` inside 策略 is a word)."""
    if not text:
        return None
    match = _TEMPLATE.search(text)
    if match:
        return match.group(0)
    if "略" in text or "无" in text:  # (a substring test in C rules out nearly every bank)
        return next((part.strip() for part in text.split("\x00") if _OMITTED.fullmatch(part)), None)
    return None


def is_placeholder_answer(text: str | None) -> bool:
    """The whole answer is a placeholder: an omission mark, or a remark in brackets telling the
    candidate to answer from their own experience. There is nothing in it to score against."""
    if not text:
        return False
    text = text.strip()
    return bool(_OMITTED.fullmatch(text)) or (bool(_BRACKETED.fullmatch(text)) and _TEMPLATE.search(text) is not None)
