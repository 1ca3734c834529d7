"""Normalization: boilerplate, page markers, pinyin glosses, Traditional→Simplified, punctuation, mojibake."""

from kaoguan.ingest.normalize import find_garbled, is_traditional, normalize, normalize_punctuation, strip_boilerplate, strip_pinyin_glosses


def test_glosses_are_removed_after_characters():
    assert strip_pinyin_glosses("互聯(lián)網(wǎng)銀行") == "互聯網銀行"


def test_glosses_split_across_line_wraps_are_removed():
    assert strip_pinyin_glosses("優\n(yōu)化流程") == "優化流程"
    assert strip_pinyin_glosses("優(yō\nu)化") == "優化"


def test_real_parentheticals_are_kept():
    text = "提供臨時解決方案(如線下柜台辦理),反洗錢(AML)與(app)"
    assert strip_pinyin_glosses(text) == text


def test_neutral_tone_glosses_only_in_glossed_documents():
    assert strip_pinyin_glosses("我的(de)") == "我的(de)"
    glossed = "銀(yín)行(háng)經(jīng)理(lǐ)的(de)"
    assert strip_pinyin_glosses(glossed) == "銀行經理的"


def test_traditional_is_detected_and_converted():
    result = normalize("互聯網銀行客服經理崗位面試題")
    assert result.traditional and result.text == "互联网银行客服经理岗位面试题"


def test_simplified_text_is_not_touched_by_t2s():
    # Characters OpenCC could map (著, 乾, 瞭, 後) stay as written in a Simplified document.
    text = "坚持著名的乾隆年间瞭望塔后面的面试题目，请说明理由。"
    assert not is_traditional(text)
    assert normalize(text).text == text


def test_punctuation_becomes_full_width_next_to_chinese():
    assert normalize_punctuation("答案:B,解析:先止损;对吗?(如线下办理)") == "答案：B，解析：先止损；对吗？（如线下办理）"


def test_ascii_contexts_keep_half_width():
    assert normalize_punctuation("利率1.5%,时间10:30,T+1,答案A,C") == "利率1.5%，时间10:30,T+1，答案A,C"


def test_ascii_quotes_become_chinese_quotes():
    assert normalize_punctuation('话术:"我理解您的心情"') == "话术：“我理解您的心情”"


def test_full_width_digits_and_letters_become_ascii():
    assert normalize_punctuation("１．题目：选Ａ") == "1.题目：选A"


def test_boilerplate_on_the_same_line_as_content_is_cut_and_recorded():
    text = "第PAGE页共NUMPAGES页2026年题集一、单选题\n已阅读5页，还剩5页未读 继续免费阅读下载本文档\n1.题目：你好？"
    cleaned, removed = strip_boilerplate(text)
    assert cleaned == "2026年题集一、单选题\n\n1.题目：你好？"
    # (a line of nothing but site furniture may be recorded whole)
    assert "第PAGE页共NUMPAGES页" in removed and any("下载本文档" in cut for cut in removed)


def test_site_notices_and_meta_lines_are_cut():
    text = "\n".join([
        "- 0", "- 约2.9千字", "- 约 9页", "- 2026-02-17 发布于福建", "- 举报",
        "某题集.docxVIP", "题集_第1页", "温馨提示", "• 1. 本站所有资源如无特殊说明", "评论", "0/150", "提交评论",
        "版权说明：本文档由用户提供并上传，收益归属内容提供方，若内容存在侵权，请进行举报或认领",
        "一、行为面试题",
    ])
    cleaned, removed = strip_boilerplate(text)
    assert cleaned.strip() == "一、行为面试题"
    assert len(removed) == 12  # 温馨提示 and the notice item under it are one cut


def test_mojibake_span_is_found_not_changed():
    text = "请分享一次经历？？蜕魡栴}是什么？"
    assert find_garbled(text) == ["？？蜕魡栴}"]
    assert normalize(text).text == text


def test_double_question_mark_before_plain_chinese_is_not_mojibake():
    assert find_garbled("真的吗？？我们继续。") == []
