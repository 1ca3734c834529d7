"""Noise of sites and formats the importer was not tuned on: other sites' headers, footers, page
markers and notices; preview ends; exam headers and editor's notes (fixtures written for these
variants, in our own wording)."""

from pathlib import Path

from kaoguan.ingest.importer import import_path, parse_text
from kaoguan.ingest.normalize import normalize

FIXTURES = Path(__file__).parent / "fixtures"
SITE_WORDS = ("道客巴巴", "首页", "登录", "上传者", "浏览", "下载", "收藏", "未读", "继续阅读", "版权所有", "网站地图", "第 2 页", "第3页", "- 2 -")


def _all_text(bank):
    parts = [bank.title]
    for section in bank.sections:
        parts += [section.title, section.instructions or ""]
        for q in section.questions:
            parts += [q.prompt, q.reference_answer or "", q.explanation or "", *q.options.values(), *(k.text for k in q.key_points)]
    parts += [w.text or "" for w in bank.warnings]
    return "\n".join(parts)


def test_other_sites_header_statistics_and_footer_are_cut():
    bank = import_path(FIXTURES / "unseen-noise-doc88.txt")
    assert bank.title == "2025年某城商银行电话银行中心坐席面试题（附答案）"
    text = _all_text(bank)
    assert [word for word in SITE_WORDS if word in text] == []
    # the repeated title is neither a question nor text left over
    assert [w.code for w in bank.warnings if w.code == "unplaced_text"] == []
    assert [q.number for q in bank.sections[0].questions] == [1, 2, 3, 4]


def test_a_page_marker_inside_a_word_is_cut_and_the_word_joined():
    bank = import_path(FIXTURES / "unseen-noise-doc88.txt")
    questions = bank.sections[0].questions
    assert questions[1].reference_answer.endswith("同时提醒客户保护好自己的信息安全。")
    assert questions[2].reference_answer.endswith("并告诉客户可以查询交易状态。")


def test_a_preview_that_stops_mid_answer_is_flagged_truncated():
    bank = import_path(FIXTURES / "unseen-noise-doc88.txt")
    last = bank.sections[0].questions[-1]
    assert last.truncated and last.reference_answer.endswith("给客户一个明确的回复时间，并")
    assert ("truncated_question", 1, 4) in [(w.code, w.section, w.question) for w in bank.warnings]
    assert [q.number for q in bank.sections[0].questions if q.truncated] == [4]


def test_page_marker_variants():
    for marker in ("第 2 页 共 7 页", "第2页/共7页", "第2页，共7页", "共7页 第2页", "第2页共7页"):
        assert normalize(f"推荐匹配的产 {marker} 品。").text == "推荐匹配的产品。", marker
    assert normalize("答：先致歉。\n- 3 -\n— 4 —\n第 5 页\n2.下一题").text.split("\n") == ["答：先致歉。", "", "", "", "2.下一题"]


def test_a_notice_list_under_a_warm_tip_heading_is_cut_whole():
    bank = import_path(FIXTURES / "unseen-noise-notice.txt")
    section = bank.sections[0]
    assert len(section.questions) == 2
    assert [k.text for k in section.questions[1].key_points] == ["对客户去年的不愉快经历致歉", "查询当时的理赔记录并解释原因", "介绍今年改进后的快速理赔通道。"]
    text = _all_text(bank)
    assert "温馨提示" not in text and "WPS" not in text and "会员上传" not in text and "查看更多" not in text
    assert [w.code for w in bank.warnings] == []


def test_book118_doubled_numbers_mark_notice_items_even_without_site_words():
    text = "题集\n一、简答题（共1题，每题5分）\n1.问？\n参考答案：①甲；②乙。\n1. 1、请勿将文档用于商业用途。\n2. 2、购买后可重复下载。"
    bank = parse_text(text)
    assert [q.reference_answer for q in bank.sections[0].questions] == ["①甲；②乙。"]


def test_exam_header_and_typesetting_note_are_dropped_not_warned():
    text = (
        "2026年某证券公司客服岗笔试\n姓名：______ 工号：______ 得分：____\n"
        "一、判断题（共1题，每题2分）（一级标题，四号宋体加粗）\n1.可以向客户承诺收益。（ ）\n答案：×"
    )
    bank = parse_text(text)
    assert [w.code for w in bank.warnings] == []
    section = bank.sections[0]
    assert (section.title, section.instructions, section.declared_count) == ("判断题", None, 1)
    assert section.questions[0].answer is False


def test_a_question_mentioning_fonts_or_sites_is_not_cut():
    text = "题集\n一、简答题（共1题，每题5分）\n1.客户说在某文库下载的资料（宋体打印）与官网不一致，你怎么解释？\n参考答案：以官网公告为准。"
    bank = parse_text(text)
    assert bank.sections[0].questions[0].prompt == "客户说在某文库下载的资料（宋体打印）与官网不一致，你怎么解释？"
