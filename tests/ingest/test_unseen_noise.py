"""Noise of sites and formats the importer was not tuned on: other sites' headers, footers, page
markers and notices; preview ends; exam headers and editor's notes (fixtures written for these
variants, in our own wording)."""

from pathlib import Path

import pytest

from kaoguan.ingest.importer import import_path, parse_text
from kaoguan.ingest.normalize import normalize
from tests.conftest import INTERNET_BANK_SEED, JD_SEED
from tests.ingest.conftest import codes, docx_bytes

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


# ── PDF text layers ──────────────────────────────────────────────────────────────────────────
def test_chromium_pdf_radicals_become_ideographs_and_structure_is_read():
    # printed by Chromium with Noto Sans CJK: pypdf reads 银⾏, ⼀、, ⻓期, ⻛险, 客⼾ from its text layer
    bank = import_path(FIXTURES / "unseen-noise-chromium.pdf")
    assert bank.title == "2026年某农村商业银行柜面服务岗面试题"
    (section,) = bank.sections
    assert (section.title, section.declared_count, section.points_per_question) == ("情景应变题", 2, 10)
    first, second = section.questions
    assert first.prompt == "一位行动不便的老年客户在门口等候很长时间，家属打电话向网点负责人投诉，你作为当班柜员会怎么处理这件事情？"
    assert [k.text for k in second.key_points] == [
        "风险测评：先为客户做风险承受能力评估。", "如实告知：讲清产品的风险等级、期限和费用。", "尊重意愿：在客户充分了解风险后由他自己决定。",
    ]
    assert second.prompt == "客户要求你帮他把长期定期存款转成高风险理财产品，并说“风险我自己承担”，你怎么办？"
    assert bank.warnings == []


def test_lines_a_pdf_wrapped_are_joined_and_item_lines_are_not():
    bank = import_path(FIXTURES / "unseen-noise-chromium.pdf")
    first = bank.sections[0].questions[0]
    assert "\n" not in first.reference_answer  # three wrapped lines of one paragraph
    assert len(first.key_points) == 3 and first.key_points[2].text == "把这次投诉记录下来，在晨会上提醒同事关注特殊客户。"


def test_radicals_from_any_source_are_unified():
    text = "某银⾏客服⾯试题\n⼀、情景应变题（共1题，每题10分）\n1.客⼾说⻓期理财有⻛险，你怎么回答？\n参考答案：如实告知⻛险。"
    bank = parse_text(text)
    assert bank.title == "某银行客服面试题"
    assert bank.sections[0].title == "情景应变题"
    assert bank.sections[0].questions[0].prompt == "客户说长期理财有风险，你怎么回答？"


def test_wrapping_is_left_alone_when_no_line_fills_a_column():
    from kaoguan.ingest.readers import join_wrapped_lines

    short = "1.题目：\n你为什么选择我行？\n答：因为认同文化。"
    assert join_wrapped_lines(short) == short
    column = "参考答案：" + "很长的一句回答" * 6
    assert join_wrapped_lines(f"{column}\n接着写完。\n2.下一题") == f"{column}接着写完。\n2.下一题"
    assert join_wrapped_lines(f"{column}\n-要点一") == f"{column}\n-要点一"


# ── saved web pages ──────────────────────────────────────────────────────────────────────────
def test_html_page_furniture_is_dropped_by_its_class_and_the_preview_cue_kept():
    bank = import_path(FIXTURES / "unseen-noise-sidebar.html")
    assert bank.title == "2026年某证券公司客户服务中心招聘笔试题"
    choice, short = bank.sections
    assert [(q.kind, q.answer) for q in choice.questions] == [("single_choice", "A"), ("single_choice", "B")]
    (last,) = short.questions
    # the related-documents sidebar, comments and footer are not part of the cut-off answer
    assert last.reference_answer.endswith("说明公司的应急处理和补偿流程，按规定提交")
    assert last.truncated  # `还剩2页未读` says the page is a preview, and the answer stops mid-sentence
    text = _all_text(bank)
    for furniture in ("相关文档", "证券从业资格考试真题汇编", "网友评论", "很有用", "关于我们", "文档分类", "行业资料", "贡献者"):
        assert furniture not in text, furniture
    assert [w.code for w in bank.warnings] == ["numbering_continues_across_sections", "truncated_question"]


def test_blank_brackets_after_a_half_width_question_mark_are_chinese():
    bank = parse_text("题集\n一、多选题（共1题，每题4分）\n1.电销客服不得有哪些行为?( )\nA.夸大收益B.诋毁同业C.如实告知\n答案:AB")
    question = bank.sections[0].questions[0]
    assert question.prompt == "电销客服不得有哪些行为？（ ）"
    assert (question.kind, question.answer) == ("multiple_choice", ["A", "B"])


# ── Word tables ──────────────────────────────────────────────────────────────────────────────
def _docx_with_tables(paragraphs_and_tables) -> bytes:
    return docx_bytes(*paragraphs_and_tables)


def test_docx_answer_column_is_the_answer_and_rubric_cells_keep_their_points():
    from kaoguan.ingest.importer import import_bytes

    data = _docx_with_tables([
        "2026年某寿险公司回访专员笔试题",
        "姓名：________ 得分：________",
        "一、判断题（共2题，每题2分）",
        [["题号", "题目", "标准答案"],
         ["1", "回访时可以引导客户说“都清楚了”。", "×"],
         ["2", "客户表示不了解保单条款时，应如实记录并转交处理。", "√"]],
        "二、填空题（共1题，每题2分）",
        [["题号", "题目", "答案"], ["3", "犹豫期内退保，保险公司可扣除不超过____元的工本费。", "10"]],
        "三、情景题（共1题，每题10分）",
        [["序号", "题目", "评分标准", "分值"],
         ["1", "回访中客户说从没听业务员讲过保单有等待期，要求退保，你怎么处理？",
          "先安抚并致歉（2分）；核实投保资料和双录记录（4分）；说明退保规则并按流程提交（4分）", "10"]],
        "第2页 共2页",
    ])
    bank = import_bytes(data, "回访笔试.docx")
    judge, blank, scenario = bank.sections
    assert [(q.kind, q.answer) for q in judge.questions] == [("true_false", False), ("true_false", True)]
    assert [(q.kind, q.answer) for q in blank.questions] == [("fill_blank", "10")]  # a blank's word, not a model answer
    (question,) = scenario.questions
    assert question.points == 10
    assert [(r.item, r.points) for r in question.rubric] == [("先安抚并致歉", 2), ("核实投保资料和双录记录", 4), ("说明退保规则并按流程提交", 4)]
    assert "页" not in _all_text(bank) and "姓名" not in _all_text(bank)
    assert "missing_answer" not in [w.code for w in bank.warnings]
    assert "rubric_points_mismatch" not in [w.code for w in bank.warnings]


def test_docx_answer_column_with_prose_is_a_reference_answer():
    from kaoguan.ingest.importer import import_bytes

    data = _docx_with_tables([
        "某银行客服面试题",
        "一、简答题（共1题，每题10分）",
        [["题号", "题目", "答案"], ["1", "客户嫌排队久，你怎么办？", "先致歉，再引导客户使用自助设备或手机银行办理。"]],
    ])
    question = import_bytes(data, "x.docx").sections[0].questions[0]
    assert (question.kind, question.answer) == ("open", None)
    assert question.reference_answer == "先致歉，再引导客户使用自助设备或手机银行办理。"


def test_site_addresses_and_breadcrumbs_go_but_a_question_with_arrows_stays():
    text = "\n".join([
        "www.doc88.com | 首页 | 登录", "资格考试 » 银行招聘 » 客服", "某银行理财客服笔试题", "一、简答题（共1题，每题5分）",
        "1.风险等级排序：R1>R2>R3，请说明含义。", "参考答案：等级越高风险越大。", "max.book118.com",
    ])
    bank = parse_text(text)
    assert bank.title == "某银行理财客服笔试题"
    (question,) = bank.sections[0].questions
    assert question.prompt == "风险等级排序：R1>R2>R3，请说明含义。"
    assert question.reference_answer == "等级越高风险越大。"
    assert "unplaced_text" not in [w.code for w in bank.warnings]  # the address line at the end went too


def test_radicals_in_a_long_text_are_unified_too():
    item = "{n}.客⼾说⻓期理财有⻛险，你怎么回答？\n参考答案：如实告知⻛险，推荐与其等级匹配的产品。\n"
    text = "某银⾏客服⾯试题\n⼀、情景应变题\n" + "".join(item.format(n=n) for n in range(1, 700))
    assert len(text) > 2000
    result = normalize(text).text
    assert "⻛" not in result and "⼀" not in result and "客户说长期理财有风险" in result


def test_a_copied_wenku_text_loses_its_self_description_price_and_links():
    bank = import_path(FIXTURES / "unseen-noise-wenku-copy.txt")
    assert bank.title == "2026年某消费金融公司电话客服面试题"
    first, second = bank.sections[0].questions
    assert [k.text for k in first.key_points] == [
        "明确告诉客户本公司不会索要验证码", "提醒客户不要转账或透露信息", "指导客户通过官方渠道核实并做好登记。",
    ]
    assert second.reference_answer.endswith("提交征信异议处理并告知时效。")  # nothing after it
    text = _all_text(bank)
    for furniture in ("贡献", "WAP", "积分", "2600字", "Page", "公众号", "原文地址", "docin"):
        assert furniture not in text, furniture
    assert "unplaced_text" not in [w.code for w in bank.warnings]


def test_furniture_variants_are_cut_one_by_one():
    furniture = [
        "360doc个人图书馆", "转藏到我的图书馆", "献花(0)", "分享到:", "文件大小:25.6KB", "该用户很懒,什么也没介绍",
        "点击查看更多>>", "上一页 下一页", "2 / 7", "声明:本文档由用户上传,如有侵权请联系删除", "更多精品文档请访问 www.example.com",
        "应届毕业生网 | 首页 | 面试题", "【推荐阅读】", "推荐阅读：银行面试自我介绍范文", "责任编辑：小王", "来源：中公教育", "点击进入>>",
    ]
    for line in furniture:
        text = normalize(f"1.问题？\n参考答案：答案。\n{line}\n").text
        assert text.split("答案。", 1)[1].strip() == "", line
    for content in ("来源：客户来电反映卡被冻结，请问如何处理？", "分享一次你被客户表扬的经历。", "下载手机银行后如何登录？", "（1）", "下载需要先完成实名认证。", "推荐阅读基金合同和招募说明书。", "关注微信公众号“某某银行”，绑定卡片后即可查询账单。",
                    "引导客户在手机银行中查看更多优惠活动。", "客户问如何成为VIP会员，你怎么介绍？"):
        text = normalize(f"1.问题？\n参考答案：答案。\n{content}\n").text
        assert text.split("答案。", 1)[1].strip() == content, content


def test_wrapped_paragraphs_of_another_pdf_generator_are_joined():
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from kaoguan.ingest.importer import import_bytes

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("body", fontName="STSong-Light", fontSize=11, leading=16, wordWrap="CJK")
    prompt = "客户在网点排队很久，情绪激动，大声指责工作人员效率低，还拿出手机拍摄视频说要发到网上，你作为大堂经理如何处理这件事？"
    answer = "首先，第一时间上前致歉并安抚客户情绪，请客户到休息区坐下；其次，了解客户要办理的业务，引导客户使用智能柜台分流办理；最后，事后做好记录，向网点负责人汇报并优化排队管理。"
    paragraphs = ["某银行客服面试题", "一、情景应变题（共1题，每题10分）", "1.题目：", prompt, "参考答案：" + answer]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([Paragraph(text, style) for text in paragraphs])
    (question,) = import_bytes(buffer.getvalue(), "paper.pdf").sections[0].questions
    assert (question.prompt, question.reference_answer) == (prompt, answer)
    assert len(question.key_points) == 3


def test_docx_options_column_gives_the_options():
    from kaoguan.ingest.importer import import_bytes

    data = _docx_with_tables([
        "某银行客服笔试题",
        "一、单选题（共2题，每题2分）",
        [["题号", "题目", "选项", "答案"],
         ["1", "存款保险最高偿付限额为（ ）万元。", "A.20 B.50 C.100 D.200", "B"],
         ["2", "客户的账户密码属于（ ）。", "A.公开信息\nB.敏感信息\nC.无关信息\nD.广告", "B"]],
    ])
    bank = import_bytes(data, "x.docx")
    assert [(q.options, q.answer) for q in bank.sections[0].questions] == [
        ({"A": "20", "B": "50", "C": "100", "D": "200"}, "B"),
        ({"A": "公开信息", "B": "敏感信息", "C": "无关信息", "D": "广告"}, "B"),
    ]
    assert bank.warnings == []


def test_docx_type_column_is_the_label_and_answer_points_column_the_key_points():
    from kaoguan.ingest.importer import import_bytes

    data = _docx_with_tables([
        "某保险公司客服面试题",
        "一、综合题（共2题，每题10分）",
        [["序号", "题型", "问题", "答题要点"],
         ["1", "情景应变题", "客户说理赔太慢要投诉，你怎么办？", "-致歉：先真诚道歉。\n-查询：核实理赔进度。"],
         ["2", "行为面试题", "讲一次你被客户误解的经历。", "-情境：说明背景。\n-结果：误会消除。"]],
    ])
    bank = import_bytes(data, "x.docx")
    questions = bank.sections[0].questions
    assert [(q.number, q.label, q.points, q.prompt) for q in questions] == [
        (1, "情景应变题", 10, "客户说理赔太慢要投诉，你怎么办？"), (2, "行为面试题", 10, "讲一次你被客户误解的经历。"),
    ]
    assert [[k.text for k in q.key_points] for q in questions] == [["致歉：先真诚道歉。", "查询：核实理赔进度。"], ["情境：说明背景。", "结果：误会消除。"]]
    assert bank.warnings == []


def test_page_titles_lose_the_site_name_and_page_number():
    run_on = "某消费金融客服笔试题_第1页 - 人人文库\n已阅读3页，还剩11页未读\n某消费金融客服笔试题一、单项选择题(每题2分,共1题)1.客户申请提前还款，客服应首先告知( )。A.违约金B.征信C.不能D.网点答案:A"
    assert parse_text(run_on).title == "某消费金融客服笔试题"
    assert "unplaced_text" not in [w.code for w in parse_text(run_on).warnings]
    for title_line in ("某银行客服笔试题_百度文库", "某银行客服笔试题 - 豆丁网", "某银行客服笔试题 | 道客巴巴"):
        assert parse_text(f"{title_line}\n一、简答题（共1题，每题5分）\n1.问题？\n参考答案：答案。").title == "某银行客服笔试题"


def test_browser_print_headers_and_footers_between_pages_are_dropped():
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from kaoguan.ingest.importer import import_bytes

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pages = [
        ["某银行客服面试题", "一、情景应变题（共1题，每题10分）", "1.客户来电投诉信用卡年费被误扣，情绪激动，要求立即退还并赔偿，你怎么处理？",
         "参考答案：首先，耐心倾听客户诉求并真诚致歉，安抚客户情绪；其次，立即查询年费收取记"],
        ["录和减免规则，核实是否属于误扣；最后，如确属误扣，提交退费申请并告知到账时间。"],
    ]
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for number, lines in enumerate(pages, start=1):
        pdf.setFont("STSong-Light", 12)
        for row, line in enumerate(lines):
            pdf.drawString(40, 780 - 20 * row, line)
        pdf.setFont("STSong-Light", 8)  # drawn last, as a browser adds them: extracted after the body
        pdf.drawString(30, 820, "2026/3/2 下午5:38 某银行客服面试题_百度文库")
        pdf.drawString(30, 20, f"https://wenku.baidu.com/view/0a1b2c.html {number}/2")
        pdf.showPage()
    pdf.save()
    bank = import_bytes(buffer.getvalue(), "printed.pdf")
    (question,) = bank.sections[0].questions
    assert question.reference_answer == (
        "首先，耐心倾听客户诉求并真诚致歉，安抚客户情绪；其次，立即查询年费收取记录和减免规则，核实是否属于误扣；"
        "最后，如确属误扣，提交退费申请并告知到账时间。"
    )
    assert len(question.key_points) == 3 and bank.warnings == []


def test_a_question_that_mentions_a_notice_word_is_not_a_notice():
    text = (
        "某互联网银行客服面试题\n一、情景题（共2题，每题10分）\n1.客户说本网站登录不上，你怎么处理？\n参考答案：先核实网络和账号状态。\n"
        "2.客户说商城的商品不支持退款，要求银行拒付，你怎么回应？\n参考答案：说明拒付规则并引导联系商户。\n"
        "1、本站所有资源仅供学习。\n2、成为VIP后，下载本文档将扣除1次下载权益。"
    )
    bank = parse_text(text)
    assert [q.prompt for q in bank.sections[0].questions] == ["客户说本网站登录不上，你怎么处理？", "客户说商城的商品不支持退款，要求银行拒付，你怎么回应？"]
    assert bank.sections[0].questions[1].reference_answer == "说明拒付规则并引导联系商户。"


def test_html_question_tables_are_read_like_word_ones():
    from kaoguan.ingest.importer import import_bytes

    page = """<html><head><meta charset="utf-8"><title>某银行客服笔试题 - 豆丁网</title></head><body>
    <h1>某银行客服笔试题</h1><p>一、判断题（共2题，每题2分）</p>
    <table><tr><th>序号</th><th>题目</th><th>答案</th></tr>
    <tr><td>1</td><td>可以向客户承诺理财保本。</td><td>×</td></tr><tr><td>2</td><td>应提示客户理财产品不是存款。</td><td>√</td></tr></table>
    <p>二、简答题（共1题，每题10分）</p>
    <table><tr><td>题号</td><td>题目</td><td>评分要点</td></tr>
    <tr><td>1</td><td>客户投诉转账延迟，你怎么处理？</td><td>致歉安抚（4分）；核实原因（3分）；跟进回访（3分）</td></tr></table>
    </body></html>"""
    bank = import_bytes(page.encode("utf-8"), "saved.html")
    judge, short = bank.sections
    assert [(q.kind, q.prompt, q.answer) for q in judge.questions] == [
        ("true_false", "可以向客户承诺理财保本。", False), ("true_false", "应提示客户理财产品不是存款。", True),
    ]
    assert [(r.item, r.points) for r in short.questions[0].rubric] == [("致歉安抚", 4), ("核实原因", 3), ("跟进回访", 3)]
    assert bank.warnings == []


def test_docx_text_inside_content_controls_is_read():
    import io

    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from kaoguan.ingest.importer import import_bytes

    document = docx.Document()
    document.add_paragraph("某证券公司客服面试题")
    document.add_paragraph("一、简答题（共1题，每题10分）")
    control = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent>"
        "<w:p><w:r><w:t>1.客户问开户需要带什么材料？</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>参考答案：本人有效身份证件和银行卡。</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
    )
    document.element.body.insert(len(document.element.body) - 1, control)  # before the section properties
    buffer = io.BytesIO()
    document.save(buffer)
    (question,) = import_bytes(buffer.getvalue(), "x.docx").sections[0].questions
    assert (question.prompt, question.reference_answer) == ("客户问开户需要带什么材料？", "本人有效身份证件和银行卡。")


def test_docx_text_box_is_read_once():
    import io

    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from kaoguan.ingest.importer import import_bytes

    document = docx.Document()
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    title = parse_xml(
        f"<w:p {nsdecls('w')} {mc}><w:r><mc:AlternateContent>"
        "<mc:Choice Requires=\"wps\"><w:t>2026年某银行远程客服面试题</w:t></mc:Choice>"
        "<mc:Fallback><w:t>2026年某银行远程客服面试题</w:t></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )
    document.element.body.insert(0, title)
    document.add_paragraph("一、简答题（共1题，每题10分）")
    document.add_paragraph("1.你如何看待夜班？")
    document.add_paragraph("参考答案：理解并接受，调整作息。")
    buffer = io.BytesIO()
    document.save(buffer)
    assert import_bytes(buffer.getvalue(), "x.docx").title == "2026年某银行远程客服面试题"


def test_unicode_line_separators_break_lines():
    text = "某题集\u2028一、简答题（共1题，每题5分）\u20291.你为什么应聘？\u200e\u2028参考答案：喜欢与人沟通。"
    bank = parse_text(text)
    (question,) = bank.sections[0].questions
    assert (question.prompt, question.reference_answer) == ("你为什么应聘？", "喜欢与人沟通。")


def test_a_text_copied_out_of_a_pdf_is_unwrapped_and_written_text_is_not():
    from kaoguan.ingest.importer import import_bytes
    from kaoguan.ingest.readers import looks_wrapped

    copied = "\n".join([
        "某银行大堂经理面试题",
        "一、情景应变题（共2题，每题10分）",
        "1.一位老年客户坚持要给自称公安局的人转账二十万元证明清白，柜员劝阻无效，你作为大",
        "堂经理会怎么做？",
        "参考答案：首先，立即上前安抚客户情绪，请客户到贵宾室坐下，避免客户当场转账；其",
        "次，耐心说明冒充公检法诈骗的常见手法，并联系客户家属到场；最后，必要时报警并",
        "启动网点反诈预案，事后登记可疑交易并上报支行。",
        "2.网点排队人数较多，一位客户大声抱怨等待时间过长，并拍摄视频称要发到网上，你如",
        "何处理？",
        "参考答案：第一时间上前致歉，引导客户使用智能柜台分流办理，并礼貌沟通化解舆情。",
    ])
    assert looks_wrapped(copied)
    bank = import_bytes(copied.encode("utf-8"), "copied.txt")
    first, second = bank.sections[0].questions
    assert first.prompt == "一位老年客户坚持要给自称公安局的人转账二十万元证明清白，柜员劝阻无效，你作为大堂经理会怎么做？"
    assert "\n" not in first.reference_answer and len(first.key_points) == 3
    assert second.prompt.endswith("你如何处理？")
    for seed in (JD_SEED, INTERNET_BANK_SEED):
        assert not looks_wrapped(seed.read_text(encoding="utf-8"))


def test_a_copied_pdf_text_whose_lines_end_in_spaces_is_unwrapped_the_same():
    """Trailing spaces (ASCII, or the ideographic ones a Chinese PDF's layout pads short lines
    with) take no room in the text column: the wrapped lines are joined as without them, and a
    short line padded out to the column is not taken for a wrapped one."""
    from kaoguan.ingest.importer import import_bytes
    from kaoguan.ingest.readers import looks_wrapped

    lines = [
        "某银行大堂经理面试题",
        "一、情景应变题（共1题，每题10分）",
        "1.一位老年客户坚持要给自称公安局的人转账二十万元证明清白，柜员劝阻无效，你作为大",
        "堂经理会怎么做？",
        "参考答案：首先，立即上前安抚客户情绪，请客户到贵宾室坐下，避免客户当场转账；其",
        "次，耐心说明冒充公检法诈骗的常见手法，并联系客户家属到场；最后，必要时报警并",
        "启动网点反诈预案。",
        "以上做法可结合网点实际调整。",
    ]
    plain = import_bytes("\n".join(lines).encode("utf-8"), "copied.txt").sections[0].questions[0]
    assert plain.reference_answer.endswith("启动网点反诈预案。\n以上做法可结合网点实际调整。")
    for space in (" ", "\u3000", "\u3000 "):
        column = 84  # padded out past the longest line (80 wide: Chinese 2, ASCII 1)
        pad = {line: (column - len(line.encode("gb18030"))) // len(space.encode("gb18030")) if line.endswith("。") else 1 for line in lines}
        padded = "\n".join(line + space * pad[line] for line in lines)
        assert looks_wrapped(padded), repr(space)
        (question,) = import_bytes(padded.encode("utf-8"), "copied.txt").sections[0].questions
        assert question.prompt == "一位老年客户坚持要给自称公安局的人转账二十万元证明清白，柜员劝阻无效，你作为大堂经理会怎么做？"
        assert question.reference_answer == plain.reference_answer


def test_a_preview_that_says_it_ended_marks_a_cut_answer_truncated():
    for cue in ("试读已结束，继续阅读请付费", "免费预览已结束，剩余5页可下载查看"):
        text = f"某题集\n一、简答题（共1题，每题10分）\n1.客户要求保本，你怎么说？\n参考答案：我会说明理财不保本，并介绍\n{cue}"
        (question,) = parse_text(text).sections[0].questions
        assert question.truncated and question.reference_answer == "我会说明理财不保本，并介绍", cue


def test_one_phrase_with_two_notice_words_is_not_a_notice():
    text = "某信用卡客服面试题\n一、简答题（共1题，每题10分）\n1.客户问怎样成为VIP会员，你怎么介绍？\n参考答案：说明消费达标即可升级。"
    assert parse_text(text).sections[0].questions[0].prompt == "客户问怎样成为VIP会员，你怎么介绍？"


# ── encodings ────────────────────────────────────────────────────────────────────────────────
def test_a_text_with_a_few_bad_bytes_is_read_and_the_spot_reported():
    from kaoguan.ingest.importer import import_bytes

    text = "某银行客服面试题\n一、简答题（共1题，每题5分）\n1.你为什么应聘？\n参考答案：喜欢与人沟通，也希望在银行积累经验。"
    cut_in_half = text.encode("utf-8")[:-2]  # a download cut inside the last character
    stray = text.encode("gb18030").replace("喜欢".encode("gb18030"), b"\xff" + "喜欢".encode("gb18030"))
    for data in (cut_in_half, stray):
        bank = import_bytes(data, "x.txt")
        assert bank.title == "某银行客服面试题"
        (question,) = bank.sections[0].questions
        assert "与人沟通，也希望在银行积累经验" in question.reference_answer
        assert [w.code for w in bank.warnings if w.code == "garbled_text"] == ["garbled_text"]


def test_text_in_another_encoding_is_not_taken_for_utf8_with_errors():
    from kaoguan.ingest.encoding import decode_with_few_errors

    gbk = "客户因系统故障无法完成转账，情绪激动，你会如何处理？".encode("gbk")
    assert decode_with_few_errors(gbk, "utf-8") is None


OTHER_SITE_WORDS = ("知行文库", "文库", "下载", "下载券", "收藏", "举报", "预览", "热门标签", "话术", "相关文档", "首页")


def test_an_unknown_sites_logo_preview_end_price_button_and_tag_cloud_are_cut():
    bank = import_path(FIXTURES / "unseen-noise-other-site.html")
    assert bank.title == "2025年某消费金融公司电话客服面试题（附参考答案）"
    assert [(s.title, [q.answer for q in s.questions]) for s in bank.sections] == [("单项选择题", ["B", "C"]), ("情景题", [None])]
    assert [k.text for k in bank.sections[1].questions[0].key_points] == ["提醒风险", "核实来源：请客户提供短信号码并登记。", "指导处置：建议客户不要点击链接，必要时报警。"]
    assert [word for word in OTHER_SITE_WORDS if word in _all_text(bank)] == []
    assert bank.warnings == []


def test_the_same_furniture_copied_as_plain_text_is_cut_by_its_wording():
    text = (
        "博学文库\n2025年某证券公司客服面试题\n一、简答题（共1题，每题5分）\n1.客户问能否保证收益，你怎么回答？\n"
        "参考答案：如实说明证券投资有风险，不承诺收益。\n"
        "亲，本文档共3页，全部预览完了，如果喜欢就下载吧！\n（10积分） 收藏 举报\n热门标签\n证券 客服 面试"
    )
    bank = parse_text(text)
    assert bank.title == "2025年某证券公司客服面试题"
    assert bank.sections[0].questions[0].reference_answer == "如实说明证券投资有风险，不承诺收益。"
    assert [w.code for w in bank.warnings] == ["missing_key_points"]  # a prose answer, no site text left over


def test_a_tag_word_inside_an_answer_is_content():
    bank = parse_text("题集\n一、简答题（共1题，每题5分）\n1.如何做客户分层？\n参考答案：\n标签：按资产和活跃度给客户打标签，再分别维护。")
    assert "按资产和活跃度给客户打标签" in bank.sections[0].questions[0].reference_answer


def test_book118_notice_with_a_blank_line_after_every_line_is_cut_to_its_last_item():
    meta = ["某保险公司理赔客服面试题.docxVIP", "- 0", "- 0", "- 约2.1千字", "- 约 5页", "- 2026-01-09 发布于江苏", "- 举报"]
    notice = [f"{n}. {n}、{line}" for n, line in enumerate(
        ["文档一经付费不意味着购买了版权。", "请自行鉴别内容。", "如有违规请点击举报。", "会员可免费获取。", "页面有水印属正常。", "上传者按质量获得分成。", "有疑问可联系在线客服：400-000-0000。"], 1)]
    body = ["某保险公司理赔客服面试题", "一、简答题（共30题，每题5分）"]
    for n in range(1, 31):  # long enough that only the document's first and last lines are searched for notices
        body += [f"{n}.客户对第{n}类理赔进度不满怎么办？", f"参考答案：先致歉，再查询第{n}类进度并约定回复时间。"]
    bank = parse_text("\n\n".join(meta + notice + ["查看更多"] + body))
    assert bank.title == "某保险公司理赔客服面试题"
    assert len(bank.sections[0].questions) == 30
    assert bank.sections[0].questions[0].reference_answer == "先致歉，再查询第1类进度并约定回复时间。"
    assert {w.code for w in bank.warnings} == {"missing_key_points"}  # prose answers; no site text left over


def test_a_pdfs_running_header_and_footer_leave_no_trace_in_questions():
    # Chromium prints a fixed header and footer on every page; pypdf gives them at the page's end,
    # the header once glued to the page's last answer (`答案：B某信托公司…`)
    bank = import_path(FIXTURES / "unseen-noise-running-header.pdf")
    assert bank.title == "2026年某信托公司客户服务岗面试题库"
    assert [(s.title, len(s.questions)) for s in bank.sections] == [("单项选择题", 8), ("情景应变题", 4)]
    assert [q.answer for q in bank.sections[0].questions] == ["B"] * 8
    for q in bank.sections[1].questions:
        assert [k.text for k in q.key_points] == ["安抚情绪", "说明进展：如实告知项目目前的处置进展和信息披露渠道。", "登记诉求：记录客户诉求并在约定时间内回电。"]
    text = _all_text(bank)
    assert "请勿外传" not in text and text.count("某信托公司客户服务岗面试题库") == 1  # in the title only
    assert bank.warnings == []


def test_a_running_header_between_pages_is_dropped_and_page_numbers_do_not_hide_a_footer():
    from kaoguan.ingest.readers import _without_running_lines

    pages = [
        "某汽车金融公司客服题库\n2026年某汽车金融公司客服题库\n1.问题一？\nA.甲\nB.乙\nC.丙\n第1页 共3页",
        "某汽车金融公司客服题库\nD.丁\n答案：D\n2.问题二？\n第2页 共3页",
        "某汽车金融公司客服题库\n答：好的。\n第3页 共3页",
    ]
    lines = "\n".join(_without_running_lines(pages)).split("\n")
    assert lines == ["某汽车金融公司客服题库", "2026年某汽车金融公司客服题库", "1.问题一？", "A.甲", "B.乙", "C.丙", "D.丁", "答案：D", "2.问题二？", "答：好的。"]
    # items are never taken for furniture, however often a page starts with one
    same_start = ["答案要点：\n-甲。", "答案要点：\n-乙。"]
    assert _without_running_lines(same_start) == same_start


def test_the_bodys_fuller_title_wins_over_the_page_header_above_it():
    bank = parse_text("某汽车金融公司客服题库\n2026年某汽车金融公司客服题库\n一、简答题（共1题，每题5分）\n1.问？\n答案要点：\n-甲。")
    assert bank.title == "2026年某汽车金融公司客服题库"
    assert bank.warnings == []


def test_a_run_on_copy_of_the_title_and_a_comma_left_by_a_cut_notice_are_not_unplaced_text():
    # a page lists the title, then the body (run on, its title glued to the first heading); the
    # preview notice `已阅读3页，还剩5页未读，继续免费阅读` leaves nothing, not even its commas
    text = (
        "2026年某农商银行客服面试题及答案\n已阅读3页，还剩5页未读， 继续免费阅读\n，\n"
        "2026年某农商银行客服面试题及答案一、简答题（共1题，每题5分）1、你为什么想做客服？【参考答案】我喜欢与人沟通。"
    )
    bank = parse_text(text)
    assert bank.title == "2026年某农商银行客服面试题及答案"
    assert bank.sections[0].questions[0].reference_answer == "我喜欢与人沟通。"
    assert "unplaced_text" not in [w.code for w in bank.warnings]


def test_text_before_the_first_section_that_is_not_the_title_is_still_reported():
    bank = parse_text("2026年某农商银行客服面试题\n本题集由某培训机构整理\n一、简答题（共1题，每题5分）\n1.问？\n答案要点：\n-甲。")
    assert [(w.code, w.text) for w in bank.warnings] == [("unplaced_text", "本题集由某培训机构整理")]


def test_bars_of_links_buttons_and_statistics_in_other_words_are_cut():
    bank = import_path(FIXTURES / "unseen-noise-site-bars.txt")
    assert bank.title == "2025年某财险公司电话理赔客服面试题及答案"
    assert [q.answer for q in bank.sections[0].questions] == ["B", "A"]
    last = bank.sections[1].questions[0]
    assert [k.text for k in last.key_points] == ["先致歉", "查询进度：说明当前所处环节和预计时间。", "跟进：约定回电时间并按时回访。"]
    assert [w.code for w in bank.warnings] == []
    text = _all_text(bank)
    assert [word for word in ("文档", "登录", "积分", "阅读", "下载", "收藏", "未读") if word in text] == []


def test_a_line_of_the_documents_own_with_site_words_is_kept():
    # options and answer-key rows are items, never a site's bar, whatever words they hold
    bank = parse_text(
        "题集\n一、单项选择题（共1题，每题2分）\n1.手机银行的入口通常在（）。\nA.首页 B.登录页 C.注册页 D.下载页\n答案：A"
    )
    assert bank.sections[0].questions[0].options == {"A": "首页", "B": "登录页", "C": "注册页", "D": "下载页"}


def test_a_page_footer_glued_into_a_run_on_text_is_cut():
    text = "题集一、单项选择题（共2题，每题2分）1.客服应核实（）A.姓名B.星座C.血型D.联系方式- 2 -2.客户可以（）A.查询B.篡改C.冒名D.转借答案：A"
    bank = parse_text(text)
    first, second = bank.sections[0].questions
    assert first.options["D"] == "联系方式" and second.prompt == "客户可以（）"
    assert normalize("温度 - 2 - 3 度，区间1 - 2 -3").text == "温度 - 2 - 3 度，区间1 - 2 -3"  # numbers apart by dashes stay


def test_a_paywall_line_ending_a_preview_is_cut_and_marks_the_last_question_truncated():
    bank = import_path(FIXTURES / "unseen-paywall-cut.txt")  # `本资料…，剩余2页需开通VIP后查看` / `开通VIP 查看全文`
    first, last = bank.question("s1-q1"), bank.question("s1-q2")
    assert not first.truncated and last.truncated
    assert "truncated_question" in codes(bank)
    texts = [part for kp in last.key_points for part in (kp.text, kp.detail or "")]
    assert texts[0] == "耐心演示"
    assert not any("VIP" in part or "剩余" in part or "全文" in part for part in texts)


def test_a_download_button_and_a_list_of_recommended_files_with_pages_are_cut():
    bank = import_path(FIXTURES / "unseen-recommend-list-end.txt")  # `下载这份文档`, `….pdf 10页` after the last answer
    last = bank.question("s1-q2")
    assert [kp.text for kp in last.key_points] == ["不承诺收益：证券投资有风险，任何人都不能保证盈利。", "提供服务：介绍公司研究报告和投顾服务。"]
    assert not last.truncated  # the whole text was read: nothing was cut off
    assert "truncated_question" not in codes(bank) and "unplaced_text" not in codes(bank)


def test_an_uploaders_blurb_and_download_button_above_the_title_are_cut():
    bank = import_path(FIXTURES / "unseen-uploader-blurb.txt")  # `资料简介：本资料整理了…` / `下载该资料`
    assert bank.title == "信用卡分期电销岗位面试题"
    assert "unplaced_text" not in codes(bank)
    assert len(bank.question("s2-q1").key_points) == 2
    text = normalize((FIXTURES / "unseen-uploader-blurb.txt").read_text(encoding="utf-8")).text
    assert "资料简介" not in text and "本资料收录" not in text  # the site's text about the file, nowhere in the bank


def test_a_vip_statistics_line_and_a_preview_label_leave_nothing_behind():
    text = ("某某文库\n理财经理面试题及答案\nVIP专享文档 | 全文共5页 | 约3100字 | 2026-03-15\n文本预览\n理财经理面试题及答案\n"
            "一、问答题（共1题）\n1、你如何理解“卖者尽责、买者自负”？\n答案要点：①如实揭示风险；②客户自主决策。\n")
    bank = parse_text(text)
    assert bank.title == "理财经理面试题及答案"
    assert "unplaced_text" not in codes(bank)  # not `15` left of the date, nor the `文本预览` label
    assert "2026-03-15" not in normalize(text).text


def test_a_run_on_page_between_the_sites_header_and_footer_is_kept():
    # The whole page on one line: the site's name opens it and its footer closes it, and the
    # title with the first heading is glued right after the download button. The line is the
    # document, not a footer line; the button goes, the title and the heading stay.
    text = (
        "某某文库 首页 > 资格考试 > 银行 2026年某城商行客服面试题（含答案） 本文档共3页 | 1.2万阅读 立即下载 "
        "VIP免费下载 2026年某城商行客服面试题一、单选题（共2题，每题2分）1.客户忘记银行卡密码，正确的做法是（）。"
        "A.电话里直接告知B.请本人持有效证件办理重置C.让朋友代办D.发短信告知答案：B2.客户要求查询他人账户余额，应当（）。"
        "A.婉拒并说明规定B.看在熟人面上查询C.让客户自己猜D.请主管代查答案：A二、情景题（共1题，每题10分）"
        "1.题干：客户因转账延迟情绪激动，你如何处理？答案要点：-安抚情绪：“非常理解您的着急，我马上帮您查。”"
        "-核实进度：查询交易状态并告知预计到账时间。 举报 某某文库 版权所有"
    )
    bank = parse_text(text)
    assert bank.title == "2026年某城商行客服面试题" and bank.warnings == []  # the body's title, once
    assert [(s.title, s.declared_count, s.points_per_question) for s in bank.sections] == [("单选题", 2, 2), ("情景题", 1, 10)]
    assert [q.answer for q in bank.sections[0].questions] == ["B", "A"]
    assert len(bank.sections[1].questions[0].key_points) == 2
    assert "VIP" not in _all_text(bank) and "版权所有" not in _all_text(bank)


def test_every_item_of_a_sites_notice_list_is_cut_before_the_title():
    # book118's notice above the title, item 3 naming only 著作权 and its 违规举报 button: left in,
    # it became the bank's title.
    text = (
        "1、原创力文档(book118)网站文档一经付费(服务费)，不意味着购买了该文档的版权，仅供个人/单位学习、研究之用。\n"
        "2、原创力文档(book118)网站文档，仅供学习参考，版权归原作者所有。\n"
        "3、如文档内容存在侵犯商业秘密、侵犯著作权等，请点击“违规举报”。\n"
        "4、本站支持VIP会员免费下载。\n"
        "某银行外汇柜员面试题\n一、单选题（共1题，每题2分）\n1.个人年度购汇便利化额度为等值（ ）美元。\nA.1万\nB.5万\n答案：B\n"
    )
    bank = parse_text(text)
    assert bank.title == "某银行外汇柜员面试题"
    assert "违规举报" not in _all_text(bank) and codes(bank) == []


def test_an_upload_notice_naming_the_site_under_a_cut_off_last_question_is_cut():
    text = (
        "证券服务台面试题\n一、情景题（共2题，每题10分）\n1.客户质问为什么被强制平仓，你如何处理？\n答案要点：\n-安抚情绪。\n-说明平仓规则。\n"
        "2.客户要你推荐适合加杠杆的股票，你如何应对？\n本文档由 豆丁网 用户上传，仅供学习交流，如有侵权请联系删除 | 免费下载\n"
    )
    bank = parse_text(text)
    last = bank.question("s1-q2")
    assert last.prompt == "客户要你推荐适合加杠杆的股票，你如何应对？" and last.truncated
    assert "用户上传" not in _all_text(bank) and "unplaced_text" not in codes(bank)


def test_a_paywall_footer_opening_with_本文档_is_cut_and_not_read_as_a_key_point():
    text = (
        "贷后客服面试题\n题目1（10分）客户投诉暴力催收后挂断电话，你接下来会做什么？\n答案要点：\n-立即记录通话内容。\n-上报主管。\n"
        "本文档为VIP专享文档，开通VIP可免费下载本文|某某文库| ©2026 使用某某前必读|文库协议\n"
    )
    bank = parse_text(text)
    assert [kp.text for kp in bank.sections[0].questions[0].key_points] == ["立即记录通话内容。", "上报主管。"]
    assert "VIP" not in _all_text(bank)


def test_a_sites_bare_counters_above_the_title_are_not_reported_as_stray_text():
    text = "0\n12\n外汇柜员面试题\n一、单选题（共1题，每题2分）\n1.个人购汇须审核的材料是（ ）。\nA.本人有效身份证件\nB.星座\n答案：A\n"
    bank = parse_text(text)
    assert bank.title == "外汇柜员面试题" and codes(bank) == []


def test_a_sites_menu_share_bar_slogan_preview_counter_and_address_lines_are_cut():
    text = (
        "某某文库\n首页 | 资料分类 | 企业专区 | 我的空间\n信用卡客服面试题\n分享到： 微信 QQ空间 微博\n文档预览（共8页，可预览3页）\n"
        "一、情景题（共1题，每题10分）\n1.首页显示的额度和短信不一致，客户来电询问，你如何处理？\n答案要点：\n-核实额度。\n-解释差异。\n"
        "资料共享，创造价值\nwenku.example.com\n"
    )
    bank = parse_text(text)
    assert bank.title == "信用卡客服面试题" and codes(bank) == []
    assert bank.question("s1-q1").prompt.startswith("首页显示的额度")  # a question opening with 首页 stays
    assert [kp.text for kp in bank.question("s1-q1").key_points] == ["核实额度。", "解释差异。"]
    for furniture in ("资料分类", "分享到", "创造价值", "可预览", "example.com"):
        assert furniture not in _all_text(bank)


def test_a_preview_end_or_vip_offer_glued_to_the_last_words_is_cut_and_the_question_truncated():
    for tail in ("……试读已结束，全文共9页，下载本文需要2积分", "，开通VIP，免费下载全文 单篇购买 ¥2.50"):
        text = (
            "保全柜台面试题\n一、情景题（共2题，每题10分）\n1.客户要变更受益人，你如何处理？\n答案要点：\n-核实身份。\n-说明材料。\n"
            f"2.客户称保单上的生日录错了，要求{tail}\n"
        )
        bank = parse_text(text)
        last = bank.question("s1-q2")
        assert last.prompt.startswith("客户称保单上的生日录错了，要求") and last.truncated, tail
        assert "VIP" not in last.prompt and "已结束" not in last.prompt
    assert "开通VIP会员" in normalize("客户要求开通VIP会员，你如何介绍权益？").text  # a bank's own VIP stays


def test_a_docx_answer_key_laid_across_the_page_answers_each_section():
    from kaoguan.ingest.importer import import_bytes

    data = _docx_with_tables([
        "某券商服务台笔试题",
        "一、单项选择题（每题2分，共2题）",
        "1.C2谨慎型投资者原则上可以买的产品等级是（）", "A.R1、R2", "B.R3", "C.R4", "D.R5",
        "2.客户要服务台代为操作证券账户，正确的做法是（）", "A.口头授权即可", "B.拒绝代客操作", "C.收费后可以", "D.由经理决定",
        "二、多项选择题（每题3分，共1题）",
        "1.以下属于投资者适当性管理内容的有（）", "A.了解客户", "B.产品分级", "C.承诺收益", "D.匹配销售",
        "参考答案",
        "一、单项选择题",
        [["题号", "1", "2"], ["答案", "A", "B"]],
        "二、多项选择题",
        [["题号", "1"], ["答案", "ABD"]],
    ])
    bank = import_bytes(data, "券商笔试.docx")
    assert [q.answer for q in bank.sections[0].questions] == ["A", "B"]
    assert bank.sections[1].questions[0].answer == ["A", "B", "D"]
    assert not {"missing_answer", "unplaced_text"} & set(codes(bank))


def test_a_reposted_files_running_head_and_foot_are_cut():
    text = (
        "精品文档\n理财热线面试题\n题目1（10分）客户问收益为什么下降了，你怎么回答？\n答案要点：\n-共情回应。\n-解释净值波动。\n"
        "精品文档 收集于网络，如有侵权请联系管理员删除\n- 1 -\n精品文档\n"
        "题目2（10分）客户要求赎回，你怎么处理？\n答案要点：\n-说明到账时间。\nword文档 可自由复制编辑\n"
    )
    bank = parse_text(text)
    assert bank.title == "理财热线面试题"
    first, second = bank.sections[0].questions
    assert [kp.text for kp in first.key_points] == ["共情回应。", "解释净值波动。"]
    assert [kp.text for kp in second.key_points] == ["说明到账时间。"]
    assert "精品文档" not in _all_text(bank) and "word" not in _all_text(bank)
    assert normalize("精品文档的标准是什么？").text == "精品文档的标准是什么？"  # a question about one stays


def test_a_pages_statistics_run_on_one_line_with_both_titles_leave_the_bodys_title():
    text = (
        "对公开户柜员面试题库及答案   分类：金融/投资   页数：4   浏览：526   下载：11   评分：★★★★☆   下载本文档（豆元：5）"
        "银行对公开户柜台岗位面试题\n一、填空题（共1题，每题2分）\n1.一个单位只能开立一个______存款账户。\n答案：基本\n"
    )
    bank = parse_text(text)
    assert bank.title == "银行对公开户柜台岗位面试题" and codes(bank) == []
    assert bank.sections[0].questions[0].answer == "基本"


def test_a_search_button_and_an_upload_notice_above_the_body_are_cut():
    text = (
        "某某文库\n搜索文档\n车险理赔坐席面试题（含答案要点）\n本文由用户上传，仅供学习交流，如有侵权请联系删除\n"
        "车险理赔坐席面试题\n一、情景题（共1题，每题10分）\n1.客户嫌定损金额低，你如何应对？\n答案要点：\n-核对定损明细。\n-说明复核渠道。\n"
    )
    bank = parse_text(text)
    assert bank.title.startswith("车险理赔坐席面试题") and codes(bank) == []  # no notice left as stray text
    assert "搜索" not in _all_text(bank) and "用户上传" not in _all_text(bank)


def test_an_html_answer_key_laid_across_the_page_answers_its_questions():
    from kaoguan.ingest.importer import import_bytes

    page = (
        "<html><head><meta charset='utf-8'><title>证券笔试题</title></head><body><h1>某券商服务台笔试题</h1>"
        "<p>一、单项选择题（每题2分，共2题）</p><p>1.C2谨慎型投资者原则上可以买的产品等级是（）</p><p>A.R1、R2</p><p>B.R3</p>"
        "<p>2.客户要服务台代为操作账户，正确的做法是（）</p><p>A.口头授权即可</p><p>B.拒绝代客操作</p>"
        "<p>参考答案</p><table><tr><td>题号</td><td>1</td><td>2</td></tr><tr><td>答案</td><td>A</td><td>B</td></tr></table>"
        "</body></html>"
    )
    bank = import_bytes(page.encode("utf-8"), "key.html")
    assert [q.answer for q in bank.sections[0].questions] == ["A", "B"]
    assert not {"missing_answer", "unplaced_text"} & set(codes(bank))


# (session 8: an eighth set of unseen documents)


def test_a_header_bar_run_into_the_title_is_cut_and_the_title_kept():
    stats = "支付 风控 面试  |  2026-02-26 上传  |  4页  |  本文由用户 pay***2026 贡献  |  开通VIP 免费下载   【立即下载】2026年支付公司风控岗面试题库\n"
    bar = "某某文档网 mydocs.com  |  首页 > 金融资料  |  登录 注册\n2026年贷后关怀专员笔试题\n"
    body = "一、问答题（共1题，每题10分）\n1.商户资金被冻结，你如何解释？\n答案要点：\n-说明原因。\n-给出时限。\n"
    assert parse_text(stats + body).title == "2026年支付公司风控岗面试题库"
    bank = parse_text(bar + body)
    assert bank.title == "2026年贷后关怀专员笔试题" and codes(bank) == []


def test_a_preview_cut_with_its_notice_marks_the_last_question_truncated():
    text = (
        "贷后关怀专员笔试题\n一、情景题（共2题，每题10分）\n1.客户失业无法还款，你如何回应？\n答案要点：\n-共情安抚。\n-介绍政策内方案。\n"
        "2.谈谈你如何平衡提醒还款和客户体验。\n答案要点：\n……（未完，下载后查看全文）\n"
        "温馨提示：当前文档最多只能预览 3 页，此文档共 6 页，请下载后查看全部。\n"
    )
    bank = parse_text(text)
    last = bank.sections[0].questions[-1]
    assert last.truncated and last.key_points == []
    assert "truncated_question" in codes(bank) and "unplaced_text" not in codes(bank)
    assert "预览" not in _all_text(bank) and "未完" not in _all_text(bank)


def test_more_preview_and_footer_lines_of_unnamed_sites_are_cut():
    text = (
        "基金直销客服面试题\n本页仅展示前4页内容，剩余6页请下载后阅读\n一、问答题（共1题，每题10分）\n1.直销与代销有何区别？\n"
        "答案要点：\n-费率不同。\n-服务方式不同。\n展开全文 ∨\n— 本文档由某某文库用户上传，仅供学习交流使用，如有侵权请联系客服删除 —\n"
        "知享文库声明：本站文档均来自网络或用户上传，版权归原作者所有，仅供学习交流。\n"
    )
    bank = parse_text(text)
    assert [kp.text for kp in bank.sections[0].questions[0].key_points] == ["费率不同。", "服务方式不同。"]
    assert codes(bank) == []
    rubric = parse_text("礼宾面试题\n一、压力面试（共1题，每题15分）\n1.你如何取舍？\n评分要点：观点明确（5分）、举例恰当（5分）、表达清晰（5分）。\n"
                        "本文档为会员免费文档，开通会员即可免费下载。您还可以用3积分下载\n")
    assert [item.item for item in rubric.sections[0].questions[0].rubric] == ["观点明确", "举例恰当", "表达清晰"]


# (session 9: a ninth set of unseen documents)


_UNKNOWN_SITES_FURNITURE = [
    # a bare preview end, a preview-only line naming a site, a summary label above the title
    (
        "内容摘要\n分期热线客服面试题\n一、情景题（共1题，每题10分）\n1.客户说分期利息被隐瞒，你如何处理？\n答案要点：\n-先致歉。\n-如实说明费率。\n"
        "已结束，点击“下载此文档”获取完整内容；本文档仅提供预览，剩余 0 页可免费阅读。\n"
        "此文档仅供预览，某某文库不保证内容完整，下载后可查看完整文档。\n",
        "分期热线客服面试题",
        ["先致歉。", "如实说明费率。"],
    ),
    # a header bar with the page's location, statistics, a tagged title, exam-header fields, a
    # signature line, a slogan, a download price, the page's neighbours and a © footer
    (
        "某某考库 · 职场文档 | 首页 银行招聘 面试真题 | 登录/注册您的位置：首页 > 银行招聘 > 面试真题\n"
        "【精品】2026年养老金服务中心客服岗面试题\n"
        "文档编号：JK2026031547  所需金币：8  已有63人下载  更新时间：2026-03-15开通某某考库会员，海量文档免费下载 >>\n"
        "2026年养老金服务中心客服岗面试题\n面试时长：30分钟  面试官：________  日期：________\n"
        "一、问答题（共1题，每题10分）\n1.老人来电说有人要他的养老金账户密码，你怎么应对？\n答案要点：\n-立即提醒。\n-协助核实。\n"
        "面试官签名：__________        年  月  日\n知识共享，知识变现\n下载文档  原格式（docx）  ¥3.90 或 VIP免费\n"
        "上一篇：农商银行柜员面试题  下一篇：社保窗口面试真题\n某某考库（moukaoku）© 2026 客服热线：400-000-0000\n",
        "2026年养老金服务中心客服岗面试题",
        ["立即提醒。", "协助核实。"],
    ),
    # (session 10) links apart by spaces, a paid-document notice, a meta line with its price, what
    # other readers liked, and a footer with the site's address and its neighbours
    (
        " 首页 行业资料 职场文档 登录｜免费注册\n车险续保专员面试题\n"
        "文档分类：行业资料 > 面试笔试 ｜ 页数：5 ｜ 大小：21KB ｜ 上传者：hr_wang ｜ 售价：3元 立即购买\n"
        "该文档为付费文档，预览至第2页，购买后可下载完整版\n车险续保专员面试题\n"
        "一、情景题（共1题，每题10分）\n1.客户嫌续保保费涨了要退保，你怎么沟通？\n答案要点：\n-说明涨价原因。\n-比较保障。\n"
        "喜欢该文档的用户还喜欢：车险理赔话术 ｜ 保险客服面试题\n某某文库 moudoc.com 版权所有  |  上一篇：车险基础  |  下一篇：续保技巧\n",
        "车险续保专员面试题",
        ["说明涨价原因。", "比较保障。"],
    ),
    # (session 10) a PDF's uploader line with the title glued to its last field, a notice behind the
    # site's name in brackets, a preview end without a page count, and buttons before 猜你喜欢
    (
        "某某文库 ｜ 搜索 ｜ 开通VIP，免费下载本文\n"
        "文档贡献者 wa***12 ｜ 贡献于2026-03-02 ｜ 页数：4 ｜ 3千人已浏览 ｜ 88%的人觉得有帮助期货开户专员面试题\n"
        "【某某资料】温馨提示：本资料为网友上传分享，仅供参考，下载前请确认内容\n已读2页/共6页 剩余内容请下载后阅读\n"
        "一、情景题（共1题，每题10分）\n1.客户要求代他做风险测评，你怎么办？\n答案要点：\n-婉拒代答。\n-讲解题目含义。\n"
        "……（剩余内容请下载后查看）\n下载本文档 ｜ 反馈 ｜ 猜你喜欢：期货基础知识\n",
        "期货开户专员面试题",
        ["婉拒代答。", "讲解题目含义。"],
    ),
]


@pytest.mark.parametrize(("text", "title", "key_points"), _UNKNOWN_SITES_FURNITURE)
def test_furniture_of_sites_not_seen_before_is_cut_around_title_and_key_points(text, title, key_points):
    bank = parse_text(text)
    assert bank.title == title
    assert [kp.text for kp in bank.sections[0].questions[0].key_points] == key_points
    assert codes(bank) == []
    assert [word for word in ("下载", "登录", "浏览", "版权所有", "喜欢") if word in _all_text(bank)] == []


def test_a_statistics_line_with_the_pages_buttons_is_cut():
    text = (
        "证券投顾助理面试题\n发布时间：2026-02-26   本文共 3 页   免费阅读 | 复制全文 | 下载 Word 版\n"
        "一、问答题（共1题，每题10分）\n1.客户要你推荐一只必涨的股票，你怎么回应？\n答案要点：\n-不做收益承诺。\n-提示风险。\n"
    )
    bank = parse_text(text)
    assert codes(bank) == [] and "复制全文" not in _all_text(bank)


def test_a_question_that_speaks_of_previews_keeps_its_words():
    text = "一、问答题（共1题，每题10分）\n1.客户问：此文档仅供预览吗？本产品已结束募集了吗？你怎么回答？\n答案要点：\n-如实说明。\n"
    prompt = parse_text(text).sections[0].questions[0].prompt
    assert prompt == "客户问：此文档仅供预览吗？本产品已结束募集了吗？你怎么回答？"


def test_a_preview_end_with_its_download_link_marks_the_empty_last_question():
    text = (
        "一、情景题（共2题，每题10分）\n1.客户要你代签名字，你怎么回应？\n答案要点：\n-明确拒绝。\n2.题目：\n\n"
        "……剩余7页未读，点击下载查看全文\n"
    )
    last = parse_text(text).sections[0].questions[-1]
    assert last.truncated and last.prompt == ""


def test_the_title_repeated_at_a_page_top_is_not_a_key_point():
    # book118 prints the title again under each page marker, with blank lines between; the copy
    # that lands after the last bullet of a question is the page's, not a key point
    text = "\n\n".join([
        "2026年某汽车金融公司客服岗面试题.docxVIP", "- 0", "- 约3.1千字", "第PAGE页共NUMPAGES页",
        "2026年某汽车金融公司客服岗面试题", "一、情景模拟题（共1题，每题8分）",
        "1.题目：客户质疑GPS费用不合理，你如何解释？", "答案要点：",
        "-说明用途：GPS用于车辆风控，费用在合同中已列明。", "-核对合同：和客户一起查看收费条款。",
        "第PAGE页共NUMPAGES页", "2026年某汽车金融公司客服岗面试题",
        "二、判断题（共1题，每题2分）", "1.客户提前还款一律免收违约金。（ ）", "答案：×",
    ])
    bank = parse_text(text)
    assert bank.title == "2026年某汽车金融公司客服岗面试题"
    assert [k.text for k in bank.question("s1-q1").key_points] == [
        "说明用途：GPS用于车辆风控，费用在合同中已列明。", "核对合同：和客户一起查看收费条款。"]
    assert codes(bank) == []


def test_markdown_rules_around_site_text_are_not_key_points_or_answer_text():
    text = "\n\n".join([
        "# 某消费金融公司信审岗面试题", "## 一、专业知识题（共1题，每题6分）",
        "**1.题干：**申请人单位电话无人接听，你如何核实？",
        "答：换时段再拨两次，并查询单位公开电话交叉核实。",
        "---", "下载本文档", "---", "***", "———",
        "## 二、行为面试题（共1题，每题10分）", "1.请讲一次你坚持原则的经历。", "答案要点：", "-情境：说明当时的压力。",
    ])
    bank = parse_text(text)
    question = bank.question("s1-q1")
    assert question.key_points == []
    assert question.reference_answer == "换时段再拨两次，并查询单位公开电话交叉核实。"
    assert [k.text for k in bank.question("s2-q1").key_points] == ["情境：说明当时的压力。"]


def test_a_line_of_underscores_stays_a_blank_not_a_rule():
    bank = parse_text("某题集\n一、填空题（共1题，每题2分）\n1.客户身份识别的英文缩写是\n______\n答案：KYC")
    question = bank.question("s1-q1")
    assert question.kind == "fill_blank" and question.answer == "KYC"
    assert question.prompt.endswith("______")
