"""Fuzzing the importer: arbitrary and mutated documents never crash it and never lose text silently.

Conservation check (what "nothing is lost" means here): after normalization (boilerplate cut,
glosses removed, Traditional converted), every CJK character of the document is either
- structure the parser consumed and recorded (`analysis.parse.trace`: markers such as 答案要点：,
  question numbers, heading declarations such as （共5题，每题8分）, 对/错 read as true/false), or
- present in the bank: a title, instruction, prompt, label, option, answer, key point, reference
  answer, rubric line, explanation, or the `text` of a warning (unplaced text, garbled spans …).
Counted as a multiset, so a character that appears twice must be found twice.
"""

from collections import Counter
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kaoguan.bank import Bank, dump_bank
from kaoguan.ingest import DocumentError, analyse_text, import_bytes, parse_text
from tests.conftest import INTERNET_BANK_SEED, JD_SEED
from tests.ingest.conftest import FIXTURES

CJK = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
SEEDS = [JD_SEED.read_text(encoding="utf-8"), INTERNET_BANK_SEED.read_text(encoding="utf-8")] + [
    path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.txt"))
]
BOILERPLATE = [
    "第PAGE页共NUMPAGES页", "下载本文档", "原创力文档", "已阅读5页，还剩3页未读 继续免费阅读", "\n- 举报\n",
    "\n温馨提示\n", "\n提交评论\n", "版权说明：本文档由用户提供并上传，收益归属内容提供方，若内容存在侵权，请进行举报或认领",
]
WIDTH_SWAPS = {",": "，", "，": ",", ":": "：", "：": ":", "?": "？", "？": "?", "(": "（", "（": "(", ")": "）", "）": ")", ";": "；", "；": ";"}


def bank_strings(bank) -> list[str]:
    out = [bank.title]
    for section in bank.sections:
        out += [section.title, section.instructions or ""]
        for q in section.questions:
            out += [q.prompt, q.label or "", q.reference_answer or "", q.explanation or ""]
            out += list(q.options.values())
            out += [q.answer] if isinstance(q.answer, str) else []
            for kp in q.key_points:
                out += [kp.text, kp.detail or "", kp.group or ""]
            for item in q.rubric:
                out += [item.item, f"{item.points}分" if item.points is not None else "", item.text or ""]
    out += [w.text or "" for w in bank.warnings]
    return out


def lost_characters(text: str, source: str = "fuzz.txt") -> Counter:
    analysis = analyse_text(text, source)
    # every bank is valid Bank JSON v1 and survives a JSON round trip unchanged
    assert Bank.model_validate_json(dump_bank(analysis.bank)) == analysis.bank
    have = Counter(CJK.findall("".join(bank_strings(analysis.bank)) + "".join(analysis.parse.trace)))
    need = Counter(CJK.findall(analysis.normalized.text))
    return need - have


def test_conservation_holds_for_every_seed_and_fixture():
    for text in SEEDS:
        assert lost_characters(text) == Counter()


@st.composite
def mutated_documents(draw):
    text = draw(st.sampled_from(SEEDS))
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 6))):
        operation = draw(st.sampled_from(["delete", "duplicate", "boilerplate", "swap", "join", "cut_line"]))
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        if operation == "delete":
            del lines[at]
        elif operation == "duplicate":
            lines.insert(at, lines[at])
        elif operation == "boilerplate":
            line = lines[at]
            pos = draw(st.integers(0, len(line)))
            lines[at] = line[:pos] + draw(st.sampled_from(BOILERPLATE)) + line[pos:]
        elif operation == "swap":
            lines[at] = "".join(WIDTH_SWAPS.get(ch, ch) if draw(st.booleans()) else ch for ch in lines[at][:200]) + lines[at][200:]
        elif operation == "join" and at + 1 < len(lines):
            lines[at : at + 2] = [lines[at] + lines[at + 1]]
        elif operation == "cut_line":
            pos = draw(st.integers(0, len(lines[at])))
            lines[at : at + 1] = [lines[at][:pos], lines[at][pos:]]
    text = "\n".join(lines)
    cut = draw(st.integers(0, len(text)))
    return text[:cut] if draw(st.booleans()) else text


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(mutated_documents())
def test_mutated_seeds_never_crash_and_never_lose_text(text):
    assert lost_characters(text) == Counter()


@FUZZ
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_arbitrary_text_never_crashes(text):
    bank = parse_text(text, "random.txt")
    assert bank.source == "random.txt"


GENRE_ALPHABET = list("一二三四五六七八九十、.:：,，;；?？()（）【】-“”\"ABCD123456789\n 答案要点参考解析题目共每分总题说明评分标准对错√×客户处理") + ["答案要点：", "1.题目：", "（共5题，每题8分）", "A.", "答案：B"]


@FUZZ
@given(st.lists(st.sampled_from(GENRE_ALPHABET), max_size=300).map("".join))
def test_genre_shaped_noise_never_crashes_and_keeps_text(text):
    assert lost_characters(text) == Counter()


@FUZZ
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_give_a_bank_or_a_document_error(data):
    try:
        bank = import_bytes(data, "blob.bin")
    except DocumentError as error:
        assert str(error).startswith("blob.bin: ")
    else:
        assert bank.source == "blob.bin"
