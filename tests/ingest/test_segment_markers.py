"""Every marker word is cut out of a run-on line, whatever character follows its first one (the
segmenter tests the character after a candidate's first before trying its alternatives)."""

import pytest

from kaoguan.ingest.segment import MARKER_WORDS, NOTE_WORDS, segment


@pytest.mark.parametrize("word", MARKER_WORDS.split("|") + NOTE_WORDS.split("|"))
def test_marker_word_after_a_sentence_starts_a_piece(word):
    pieces = [piece.text for piece in segment(f"客户已离开。{word}：先核实身份")]
    assert pieces[0] == "客户已离开。"
    assert pieces[1].startswith(f"{word}：")


@pytest.mark.parametrize("text, cut", [
    ("请说明理由。题目：如何处理投诉？", "题目："),
    ("请说明理由。题干：如何处理投诉？", "题干："),
    ("见附表问题3如何处理", "问题3"),
    ("D.以上都是正确答案是B", "正确答案是B"),
    ("D.以上都是标准答案为C", "标准答案为C"),
    ("见下文。第二部分情景题", "第二部分情景题"),
    ("客户来电（1）核实身份（2）登记", "（1）核实身份"),
    ("年利率为D.3个月至12答案：B", "答案：B"),
    ("选择B.了解风险C.承诺收益", "C.承诺收益"),
    ("共2题1.如何处理？2.如何回应？", "2.如何回应？"),
])
def test_structural_candidates_are_cut(text, cut):
    assert any(piece.text.startswith(cut) for piece in segment(text)[1:])


def test_words_that_merely_start_like_markers_stay_whole():
    # 题 of 面试题, 要 of 需要, 解 of 解决, 2026 of a year: no cut
    assert [piece.text for piece in segment("面试题需要解决2026年的问题")] == ["面试题需要解决2026年的问题"]
