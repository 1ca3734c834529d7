"""Structure variants met on documents nobody tuned on (issue 2: other banks, insurers, securities
and futures firms, other sites). Fixtures are written in our own wording, one per variant."""

import pytest

from kaoguan.ingest import import_bytes, import_path, parse_text
from tests.ingest.conftest import FIXTURES, codes, docx_bytes


def _answers(bank):
    return [(q.number, q.kind, q.answer) for _, q in bank.questions()]


# ── run-on pages: the next question glued to an answer or explanation ──────────────────────────────


def test_run_on_answers_and_explanations_do_not_swallow_the_next_question():
    bank = import_path(FIXTURES / "unseen-runon-inline-answers.txt")
    assert [(s.title, len(s.questions)) for s in bank.sections] == [("单项选择题", 4), ("判断题", 2)]
    assert _answers(bank) == [
        (1, "single_choice", "B"), (2, "single_choice", "A"), (3, "single_choice", "C"), (4, "single_choice", "C"),
        (5, "true_false", False), (6, "true_false", True),
    ]
    assert bank.question("s1-q1").explanation == "先核身再受理，防止冒名退保。"  # 【解析】 then `2.…（ ）。A.…`
    assert bank.question("s1-q2").prompt == "犹豫期内退保，保险公司应退还（ ）。"  # `答案：A3.` glued
    assert bank.question("s1-q3").explanation == "分红具有不确定性，不得承诺。"
    assert bank.question("s1-q4").options == {"A": "7", "B": "10", "C": "15", "D": "20"}  # `D.20答案：C`
    assert bank.question("s2-q1").explanation == "保单信息属于客户隐私。"


def test_a_complete_last_question_of_a_preview_is_not_truncated():
    bank = import_path(FIXTURES / "unseen-runon-inline-answers.txt")  # renrendoc preview ending on `答案：√`
    assert not bank.question("s2-q2").truncated
    assert codes(bank) == ["numbering_continues_across_sections"]


def test_a_numbered_list_in_an_explanation_stays_there():
    text = ("题集一、单选题(共2题,每题2分)1.客户投诉应( )。A.拖延B.及时受理答案:B解析:处理要求:1.当天登记;2.按时回复。"
            "2.客服用语应( )。A.规范B.随意答案:A")
    bank = parse_text(text)
    assert [q.number for _, q in bank.questions()] == [1, 2]
    assert bank.question("s1-q1").explanation == "处理要求：1.当天登记；2.按时回复。"


def test_run_on_answer_key_block_with_glued_entries_and_key_points():
    bank = import_path(FIXTURES / "unseen-runon-answer-key.txt")
    assert _answers(bank) == [
        (1, "single_choice", "B"), (2, "single_choice", "B"), (3, "single_choice", "B"),
        (4, "multiple_choice", ["A", "B", "C"]), (5, "multiple_choice", ["A", "C", "D"]), (6, "open", None),
    ]
    assert bank.question("s1-q1").explanation == "期货交易以保证金方式进行。"
    assert bank.question("s1-q2").explanation is None
    assert bank.question("s1-q3").explanation == "不得承诺盈利或分担损失。"
    open_question = bank.question("s3-q1")
    assert [(kp.text, kp.detail) for kp in open_question.key_points] == [
        ("安抚情绪", "“您先别着急，我帮您查一下平仓记录。”"),
        ("说明规则：保证金不足且未及时追加时会被强行平仓。", None),
        ("提供渠道：如有异议可提交书面申诉。", None),
    ]
    assert open_question.reference_answer is None  # `答案要点` is key points, not 答案 + "要点：…"
    assert "missing_answer" not in codes(bank) and "missing_key_points" not in codes(bank)


# ── answer keys at the end ───────────────────────────────────────────────────────────────────────


def test_range_keys_and_per_section_numbering_in_an_answer_appendix():
    bank = import_path(FIXTURES / "unseen-appendix-range-key.txt")
    assert [s.title for s in bank.sections] == ["单项选择题", "多项选择题", "判断题", "简答题"]  # key headings add none
    assert [q.answer for q in bank.sections[0].questions] == ["B", "A", "B", "A"]  # 1～4 BABA
    assert [q.answer for q in bank.sections[1].questions] == [["A", "B", "D"], ["A", "B", "D"]]  # 1-2 ABD ABD
    assert [q.answer for q in bank.sections[2].questions] == [False, True, True]
    first, second = bank.sections[3].questions
    assert first.reference_answer.startswith("（1）第一位接待客户的员工负责到底")  # `1.答:` then the prose
    assert [kp.text for kp in first.key_points] == ["第一位接待客户的员工负责到底", "不推诿、不拒绝", "不属于自己职责的要引导到位并跟进结果。"]
    assert [(kp.text, kp.detail) for kp in second.key_points] == [
        ("先致歉安抚", "“让您久等了，非常抱歉。”"), ("说明原因并告知预计等待时间。", None), ("引导使用自助设备或预约服务分流。", None),
    ]
    assert bank.warnings == []


def test_a_range_key_that_does_not_fit_is_kept_and_the_warnings_name_sections():
    bank = import_path(FIXTURES / "unseen-appendix-range-mismatch.txt")
    assert [q.answer for q in bank.sections[0].questions] == [None, None, None]  # 3 questions, 2 letters: no guessing
    unplaced = [(w.section, w.text) for w in bank.warnings if w.code == "unplaced_text"]
    assert unplaced == [(1, "1-3 AB")]
    deferred = next(w for w in bank.warnings if w.code == "deferred_answer_key")
    assert "第1节第1、2、3题；第2节第1题" in deferred.message


def test_range_key_glued_to_its_section_heading_on_one_line():
    text = ("题集\n一、单选题(每题2分,共2题)\n1.问一( )。A.甲B.乙\n2.问二( )。A.甲B.乙\n二、判断题(每题1分,共1题)\n1.说法一。( )\n"
            "参考答案\n一、单选题1-2 BA\n二、判断题1.√")
    bank = parse_text(text)
    assert _answers(bank) == [(1, "single_choice", "B"), (2, "single_choice", "A"), (1, "true_false", True)]


# ── numbering that skips numbers ─────────────────────────────────────────────────────────────────


def test_numbering_that_jumps_at_a_section_boundary_or_inside_a_section_keeps_every_question():
    bank = import_path(FIXTURES / "unseen-numbering-gaps.txt")
    assert [[q.number for q in s.questions] for s in bank.sections] == [[1, 2], [5, 6, 8], [9, 11]]
    assert [q.kind for _, q in bank.questions()] == ["single_choice"] * 2 + ["multiple_choice"] * 3 + ["open"] * 2
    assert bank.question("s2-q1").prompt == "客服回答客户咨询时不得（ ）。"
    assert bank.question("s2-q1").answer == ["A", "B", "D"]
    assert [kp.text for kp in bank.question("s3-q2").key_points][1:] == [
        "解释规则：连续12个月内累计3次中签未缴款将被限制申购。", "提供建议：提醒客户今后及时足额缴款。",
    ]
    where = [(w.code, w.section, w.question) for w in bank.warnings]
    assert where == [
        ("numbering_continues_across_sections", 2, 5), ("numbering_continues_across_sections", 3, 9),
        ("numbering_gap", 2, 8), ("numbering_gap", 3, 11), ("declared_count_mismatch", 1, None),
    ]
    assert "第3–4题不在文档中" in bank.warnings[0].message
    assert "第7题不在文档中" in bank.warnings[2].message


def test_a_section_resuming_where_the_declared_counts_lead():
    # 共3题 declared but only 1. present; the next section resumes at 4. (3 + 1), far past the last number
    text = ("题集\n一、单选题(共3题,每题2分)\n1.问一( )。\nA.甲B.乙\n答案:A\n二、简答题(共2题,每题10分)\n"
            "4.请简述你对合规销售的理解。\n答:如实告知风险。\n5.请谈谈你的职业规划。\n答:先做好本职工作。")
    bank = parse_text(text)
    assert [[q.number for q in s.questions] for s in bank.sections] == [[1], [4, 5]]
    assert bank.question("s2-q1").reference_answer == "如实告知风险。"


def test_a_number_under_a_heading_that_does_not_read_like_a_question_is_not_one():
    text = ("题集\n一、单选题(每题2分)\n1.问一( )。\nA.甲B.乙\n答案:A\n2.问二( )。\nA.甲B.乙\n答案:B\n"
            "二、简答题(每题10分)\n5.字数不少于100字。\n1.请谈谈你对客服工作的理解?\n答:服务意识。")
    bank = parse_text(text)
    assert [[q.number for q in s.questions] for s in bank.sections] == [[1, 2], [1]]
    assert bank.sections[1].instructions == "5.字数不少于100字。"


# ── ordinal prose in model answers ───────────────────────────────────────────────────────────────


def _prose_key_points(answer: str) -> list[str]:
    bank = parse_text(f"题集\n一、情景题(共1题,每题10分)\n1.客户质疑理赔结果,你怎么办?\n参考答案:{answer}")
    return [kp.text for kp in bank.sections[0].questions[0].key_points]


def test_ordinals_inside_words_do_not_split_key_points():
    answer = ("柜员是客户的“第一印象”,要第一时间回应。第一,说明理赔依据;第二,可申请第三方机构重新评估;"
              "第三,在第一时间内跟进回访。")
    assert _prose_key_points(answer) == ["说明理赔依据", "可申请第三方机构重新评估", "在第一时间内跟进回访。"]


def test_yi_shi_er_shi_ordinals_are_key_points():
    answer = "我认为关键有三点:一是专业,熟悉保险条款;二是耐心,听完客户的诉求;三是合规,不夸大保障范围。"
    assert _prose_key_points(answer) == ["专业，熟悉保险条款", "耐心，听完客户的诉求", "合规，不夸大保障范围。"]


def test_ordinal_words_without_a_sequence_give_no_key_points():
    bank = parse_text("题集\n一、情景题(共1题,每题10分)\n1.你怎么看待投诉?\n参考答案:统一是前提,第三方评估也很重要,要第一时间处理。")
    assert bank.sections[0].questions[0].key_points == []
    assert "missing_key_points" in codes(bank)


# ── rubric written as sentences ──────────────────────────────────────────────────────────────────


def test_rubric_sentences_give_points_and_weigh_the_key_points():
    bank = parse_text(
        "题集\n一、情景应变题(共1题,每题10分)\n1.客户称保单被业务员误导购买,要求全额退保,你如何处理?\n"
        "参考答案:首先,安抚客户并记录诉求;其次,调取投保录音核实销售过程;最后,告知投诉及退保处理时限。\n"
        "评分标准:答出安抚记录得2分;答出核实录音可得5分;提到处理时限得3分。"
    )
    question = bank.sections[0].questions[0]
    assert [(r.item, r.points) for r in question.rubric] == [("安抚记录", 2), ("核实录音", 5), ("处理时限", 3)]
    assert [(kp.text, kp.weight) for kp in question.key_points] == [
        ("安抚客户并记录诉求", 2.0), ("调取投保录音核实销售过程", 5.0), ("告知投诉及退保处理时限。", 3.0),
    ]
    assert bank.warnings == []


def test_rubric_sentences_that_do_not_add_up_are_reported_and_weights_stay_equal():
    bank = parse_text(
        "题集\n一、情景应变题(共1题,每题10分)\n1.客户来电催问理赔进度,你怎么回应?\n"
        "答案要点:\n-致歉:“让您久等了。”\n-查询进度并告知。\n"
        "评分标准:答出致歉得2分,答出查询进度得4分,答出主动回访得2分。"
    )
    question = bank.sections[0].questions[0]
    assert [(r.item, r.points) for r in question.rubric] == [("致歉", 2), ("查询进度", 4), ("主动回访", 2)]
    assert [kp.weight for kp in question.key_points] == [1.0, 1.0]  # 3 rubric lines for 2 key points: no guessing
    mismatch = [(w.code, w.section, w.question) for w in bank.warnings]
    assert mismatch == [("rubric_points_mismatch", 1, 1)]
    assert "合计8分" in bank.warnings[0].message


# ── grader's notes under a question ──────────────────────────────────────────────────────────────


def test_notes_for_the_grader_stay_out_of_the_prompt():
    text = ("题集\n一、自我认知题(共2题,每题10分)\n1.题目:\n请谈谈你为什么选择保险客服岗位?\n考查目的:求职动机是否真实。\n"
            "参考答案:我认同保险的保障作用。\n2.你如何看待客户的无理要求?考核要点:情绪管理、原则性。参考答案:先理解,再依规解释。")
    bank = parse_text(text)
    first, second = bank.sections[0].questions
    assert first.prompt == "请谈谈你为什么选择保险客服岗位？"
    assert first.explanation == "求职动机是否真实。"
    assert (second.prompt, second.explanation) == ("你如何看待客户的无理要求？", "情绪管理、原则性。")
    assert second.reference_answer == "先理解，再依规解释。"


def test_a_note_under_a_heading_is_the_sections_instructions():
    bank = parse_text("题集\n一、情景模拟题(共1题,每题10分)\n考察要点:沟通与应变。\n1.客户插队怎么办?\n答:礼貌劝导。")
    assert bank.sections[0].instructions == "沟通与应变。"
    assert bank.sections[0].questions[0].prompt == "客户插队怎么办？"


# ── options ──────────────────────────────────────────────────────────────────────────────────────


def test_parenthesised_letter_options_whose_text_starts_with_a_digit():
    text = ("题集\n一、单选题(共2题,每题2分)\n1.银行保险产品犹豫期一般不少于( )。\n(A)7天(B)10天(C)15天(D)20天\n答案:C\n"
            "2.个人存款保险最高偿付限额为( )万元。(A)20(B)50(C)100(D)500\n答案:B")
    bank = parse_text(text)
    first, second = bank.sections[0].questions
    assert (first.prompt, first.options, first.answer) == (
        "银行保险产品犹豫期一般不少于（ ）。", {"A": "7天", "B": "10天", "C": "15天", "D": "20天"}, "C")
    assert (second.prompt, second.options, second.answer) == (
        "个人存款保险最高偿付限额为（ ）万元。", {"A": "20", "B": "50", "C": "100", "D": "500"}, "B")
    assert bank.warnings == []


# ── 一、二、… as questions, not sections ─────────────────────────────────────────────────────────


def _prompts_and_answers(bank):
    return [(q.number, q.prompt, q.reference_answer) for _, q in bank.questions()]


def test_each_numeral_heading_of_a_run_on_page_is_one_question():
    bank = import_path(FIXTURES / "unseen-numeral-questions-runon.txt")
    assert len(bank.sections) == 1 and bank.sections[0].title == ""
    assert _prompts_and_answers(bank) == [
        (1, "请用一分钟介绍一下你自己。", "我叫[姓名]，毕业于[学校]市场营销专业，有一年电话销售经验，普通话二级甲等。"),
        (2, "你为什么想做保险客服？", "一是认可保险的保障价值；二是喜欢帮助别人解决问题；三是希望在金融行业长期发展。"),
        (3, "客户说“保险都是骗人的”，你怎么回应？", "先认同客户的顾虑，再用理赔案例说明保险的作用，最后邀请客户了解条款。"),  # 回答示例：
        (4, "谈谈你对“客户至上”的理解。", "客户至上不是无原则地满足要求，而是在合规前提下尽力解决客户问题。"),
    ]
    assert [kp.text for kp in bank.question("s1-q2").key_points] == ["认可保险的保障价值", "喜欢帮助别人解决问题", "希望在金融行业长期发展。"]
    assert "no_section_headings" in codes(bank) and "truncated_question" not in codes(bank)


def test_each_numeral_heading_on_its_own_line_is_one_question():
    bank = import_path(FIXTURES / "unseen-numeral-questions-lines.txt")
    assert [(n, prompt) for n, prompt, _ in _prompts_and_answers(bank)] == [
        (1, "你了解证券客服的日常工作吗？"), (2, "客户要求你推荐一只“肯定涨”的股票，你怎么办？"), (3, "说说你在压力下工作的经历。"),
    ]
    assert bank.question("s1-q2").reference_answer.startswith("首先说明不能对个股涨跌作出承诺")
    assert not bank.question("s1-q3").truncated  # complete, with its answer


def test_numeral_items_inside_an_answer_of_a_sectioned_bank_stay_in_the_answer():
    text = ("题集\n一、行为面试题(共1题,每题10分)\n1.你如何理解客服工作?\n参考答案:可以从两方面谈。\n"
            "二、为什么要耐心?因为客户需要被倾听。\n三、为什么要专业?因为客户需要准确答复。")
    bank = parse_text(text)
    assert [len(s.questions) for s in bank.sections] == [1]
    assert "二、为什么要耐心？因为客户需要被倾听。" in bank.question("s1-q1").reference_answer


def test_an_answer_glued_to_an_option_ending_in_a_number():
    text = ("题集一、单选题(共2题,每题2分)1.年利率与日利率的换算一般为( )。A.日利率×30B.日利率×360C.日利率×12D.日利率×100答案:B"
            "2.贷款逾期超过( )天会上报征信。A.1B.30C.90D.180答案:A")
    bank = parse_text(text)
    first, second = bank.sections[0].questions
    assert (first.options["D"], first.answer) == ("日利率×100", "B")
    assert (second.options["D"], second.answer) == ("180", "A")
    assert bank.warnings == []


def test_answer_key_laid_out_as_a_table_of_numbers_and_answers():
    bank = import_path(FIXTURES / "unseen-appendix-grid-key.txt")
    assert [s.title for s in bank.sections] == ["单项选择题", "判断题", "简答题"]
    assert [q.answer for q in bank.sections[0].questions] == ["B", "B", "B", "B", "C"]
    assert [q.answer for q in bank.sections[1].questions] == [False, True, True]
    open_question = bank.sections[2].questions[0]
    assert [kp.text for kp in open_question.key_points] == ["致歉并安抚客户情绪", "查询理赔进度并说明原因", "承诺时限并跟进回访。"]  # 其一…其二
    assert [(r.item, r.points) for r in open_question.rubric] == [("安抚情绪", 3), ("说明原因", 4), ("跟进回访", 3)]  # 评分参考
    assert [kp.weight for kp in open_question.key_points] == [3.0, 4.0, 3.0]
    assert bank.warnings == []


def test_a_table_key_whose_rows_do_not_pair_up_is_kept_as_unplaced_text():
    text = ("题集\n一、单选题(每题2分,共3题)\n1.问一( )。A.甲B.乙\n2.问二( )。A.甲B.乙\n3.问三( )。A.甲B.乙\n"
            "答案\n题号 1 2 3\n答案 A B\n")
    bank = parse_text(text)
    assert [q.answer for q in bank.sections[0].questions] == [None, None, None]
    assert [(w.section, w.text) for w in bank.warnings if w.code == "unplaced_text"] == [(1, "答案 A B")]


def test_range_key_with_an_ascii_colon():
    text = "题集\n一、单选题(每题2分,共3题)\n1.问一( )。A.甲B.乙\n2.问二( )。A.甲B.乙\n3.问三( )。A.甲B.乙\n参考答案\n1—3:BAB"
    assert [q.answer for q in parse_text(text).sections[0].questions] == ["B", "A", "B"]


def test_answer_key_headings_without_titles_switch_sections_by_their_numeral():
    text = ("某信用卡中心客服笔试\n第一部分 单项选择题(共2题,每题2分)\n1.问一( )。A.甲B.乙C.丙\n2.问二( )。A.甲B.乙C.丙\n"
            "第二部分 简答题(共1题,每题10分)\n1.客户要求提高额度,你怎么回应?\n第三部分 多项选择题(共1题,每题3分)\n1.问三( )。A.甲B.乙C.丙\n"
            "答案及解析\n第一部分\n1-2 CA\n第二部分\n1.答:先核实用卡情况,再说明评估规则。\n第三部分\n1.AB 解析:丙不符合规定。")
    bank = parse_text(text)
    assert [q.answer for q in bank.sections[0].questions] == ["C", "A"]
    assert bank.sections[1].questions[0].reference_answer == "先核实用卡情况，再说明评估规则。"  # 第三部分 not glued on
    assert (bank.sections[2].questions[0].answer, bank.sections[2].questions[0].explanation) == (["A", "B"], "丙不符合规定。")


def test_a_compact_key_after_an_answer_marker_answers_every_question():
    text = ("题集\n一、单选题(每题2分,共3题)\n1.问一( )。A.甲B.乙C.丙\n2.问二( )。A.甲B.乙C.丙\n3.问三( )。A.甲B.乙C.丙\n"
            "答案:1-2 CB 3.A")
    bank = parse_text(text)
    assert [q.answer for q in bank.sections[0].questions] == ["C", "B", "A"]
    assert bank.question("s1-q3").reference_answer is None and bank.warnings == []


def test_an_answer_that_merely_starts_with_a_range_stays_the_answer():
    bank = parse_text("题集\n一、简答题(每题5分,共1题)\n1.转账多久到账?\n答:1-3 个工作日到账,节假日顺延。")
    assert bank.sections[0].questions[0].reference_answer == "1-3 个工作日到账，节假日顺延。"


def test_run_on_true_false_questions_with_explanations():
    text = ("题集一、判断题(每题1分,共3题)1.客服可以替客户设置密码。答案:×解析:密码须本人设置。"
            "2.柜员应唱收唱付。答案:√解析:这是基本服务规范。3.客户信息可以告诉其家属。答案:错")
    bank = parse_text(text)
    assert [(q.number, q.prompt, q.answer, q.explanation) for q in bank.sections[0].questions] == [
        (1, "客服可以替客户设置密码。", False, "密码须本人设置。"),
        (2, "柜员应唱收唱付。", True, "这是基本服务规范。"),
        (3, "客户信息可以告诉其家属。", False, None),
    ]
    assert bank.warnings == []


def test_run_on_open_questions_whose_stems_end_with_a_full_stop():
    text = ("题集一、简答题(每题10分,共3题)1.请简述开户流程。答:先核实身份,再签约。2.请简述挂失流程。答:1.核实身份;2.办理挂失。"
            "3.请说明投诉处理时限。参考答案:一般15个工作日内答复。")
    bank = parse_text(text)
    assert [(q.number, q.prompt, q.reference_answer) for q in bank.sections[0].questions] == [
        (1, "请简述开户流程。", "先核实身份，再签约。"),
        (2, "请简述挂失流程。", "1.核实身份；2.办理挂失。"),  # its own list stays in it
        (3, "请说明投诉处理时限。", "一般15个工作日内答复。"),
    ]


def test_run_on_paren_numbered_questions_after_an_answer_letter():
    text = "题集一、单选题(每题2分,共2题)（1）客户挂失应( )。A.冻结B.等待答案:A（2）客服应使用( )。A.方言B.普通话答案:B"
    bank = parse_text(text)
    assert [(q.number, q.prompt, q.answer, q.explanation) for q in bank.sections[0].questions] == [
        (1, "客户挂失应（ ）。", "A", None), (2, "客服应使用（ ）。", "B", None),
    ]


def test_an_open_question_graded_by_its_rubric_alone_is_not_reported_without_key_points():
    bank = parse_text("题集\n一、情景题(共2题,每题10分)\n1.客户家属来电询问客户欠款,你怎么回答?\n"
                      "评分标准:不透露债务信息(5分)、请家属转告(3分)、做好记录(2分)\n2.客户辱骂你怎么办?\n答:保持冷静。")
    assert [(w.code, w.question) for w in bank.warnings] == [("missing_key_points", 2)]


# ── section categories ───────────────────────────────────────────────────────────────────────────


def test_a_knowledge_titled_section_of_choice_questions_is_objective():
    bank = parse_text("题集\n一、保险基础知识(共1题,每题2分)\n1.犹豫期一般不少于( )天。A.10B.15\n答案:B\n"
                      "二、专业知识题(共1题,每题10分)\n1.简述犹豫期的作用。\n答:保护投保人。\n三、岗位认知题(共1题,每题5分)\n1.你怎么理解客服岗位?\n答:服务。")
    assert [(s.title, s.category) for s in bank.sections] == [
        ("保险基础知识", "objective"), ("专业知识题", "knowledge"), ("岗位认知题", "behavioral"),
    ]


def test_a_skipped_number_before_an_open_stem_with_its_own_answer():
    text = ("题集\n一、情景题(共4题,每题10分)\n1.客户投诉怎么办?\n答案要点:\n-安抚:先道歉。\n3.请谈谈你的职业规划。\n答案要点:\n-清晰:分阶段。\n"
            "4.说一说你的缺点。\n参考答案:追求细节。")
    bank = parse_text(text)
    assert [(q.number, q.prompt) for q in bank.sections[0].questions] == [
        (1, "客户投诉怎么办？"), (3, "请谈谈你的职业规划。"), (4, "说一说你的缺点。"),
    ]
    assert [(w.code, w.question) for w in bank.warnings][:2] == [("numbering_gap", 3), ("declared_count_mismatch", None)]


def test_numbered_key_points_followed_by_a_reference_answer_stay_key_points():
    text = "题集\n一、情景题(共2题,每题10分)\n1.客户投诉怎么办?\n答案要点:\n1.安抚情绪\n2.核实问题\n参考答案:先安抚再核实。\n2.你的缺点?\n答:追求细节。"
    bank = parse_text(text)
    first, second = bank.sections[0].questions
    assert ([kp.text for kp in first.key_points], first.reference_answer) == (["安抚情绪", "核实问题"], "先安抚再核实。")
    assert (second.number, second.prompt) == (2, "你的缺点？")


def test_answers_after_each_section_do_not_swallow_the_next_section():
    text = ("题集\n一、单选题(每题2分,共3题)\n1.问一( )。A.甲B.乙C.丙\n2.问二( )。A.甲B.乙C.丙\n3.问三( )。A.甲B.乙C.丙\n答案:1-3 ABC\n"
            "二、判断题(每题1分,共2题)\n1.说法一。( )\n2.说法二。( )\n参考答案\n1.× 2.√\n"
            "三、简答题(每题10分,共1题)\n1.简述开户流程。\n答:先核实身份,再签约。")
    bank = parse_text(text)
    assert [(s.title, len(s.questions)) for s in bank.sections] == [("单选题", 3), ("判断题", 2), ("简答题", 1)]
    assert [q.answer for _, q in bank.questions()][:5] == ["A", "B", "C", False, True]
    assert bank.question("s3-q1").reference_answer == "先核实身份，再签约。"
    assert [q.explanation for _, q in bank.questions()] == [None] * 6


# ── more answer-key shapes ───────────────────────────────────────────────────────────────────────

_THREE_CHOICES = "题集\n一、单选题(每题2分,共3题)\n1.问一( )。A.甲B.乙C.丙\n2.问二( )。A.甲B.乙C.丙\n3.问三( )。A.甲B.乙C.丙\n参考答案\n"


@pytest.mark.parametrize(
    "key",
    ["1、B 2、C 3、A", "（1）B（2）C（3）A", "第1题:B 第2题:C 第3题:A", "答案1:B 答案2:C 答案3:A", "1～3:B、C、A", "1-3 B C A"],
)
def test_answer_key_entry_forms(key):
    bank = parse_text(_THREE_CHOICES + key)
    assert [q.answer for q in bank.sections[0].questions] == ["B", "C", "A"]
    assert bank.warnings == []


def test_several_letters_under_a_single_choice_heading_are_kept_and_reported():
    bank = parse_text(_THREE_CHOICES.replace("参考答案\n", "") + "答案:BC")
    last = bank.sections[0].questions[-1]
    assert (last.kind, last.answer, last.explanation) == ("single_choice", None, "答案：BC")
    assert ("missing_answer", 3) in [(w.code, w.question) for w in bank.warnings]


def test_markers_alone_on_their_line_with_the_text_below():
    text = ("题集\n一、单选题(每题2分,共1题)\n1.客服应使用( )。\nA.方言\nB.普通话\n参考答案\nB\n解析\n普通话是服务规范。\n"
            "二、简答题(每题10分,共1题)\n2.客户投诉怎么办?\n参考答案\n先安抚,再核实。\n答案要点\n-安抚:先道歉。\n-核实:查记录。")
    bank = parse_text(text)
    choice, open_question = bank.sections[0].questions[0], bank.sections[1].questions[0]
    assert (choice.options, choice.answer, choice.explanation) == ({"A": "方言", "B": "普通话"}, "B", "普通话是服务规范。")
    assert open_question.reference_answer == "先安抚，再核实。"
    assert [kp.text for kp in open_question.key_points] == ["安抚：先道歉。", "核实：查记录。"]


def test_numeral_questions_under_part_headings_restart_in_each_part():
    text = ("某银行面试题\n第一部分 行为面试(每题10分)\n一、请做一个自我介绍。\n参考答案:我叫小王。\n二、你为什么选择我行?\n"
            "参考答案:认可企业文化。\n第二部分 情景模拟(每题10分)\n一、客户插队怎么办?\n参考答案:礼貌劝导。")
    bank = parse_text(text)
    assert [[(q.number, q.prompt, q.points) for q in s.questions] for s in bank.sections] == [
        [(1, "请做一个自我介绍。", 10), (2, "你为什么选择我行？", 10)], [(1, "客户插队怎么办？", 10)],
    ]


def test_nothing_is_lost_from_rubric_sentences_and_compact_keys():
    from collections import Counter

    from tests.ingest.test_fuzz import lost_characters

    texts = [
        "题集\n一、情景题(共1题,每题10分)\n1.客户来电催问理赔进度,你怎么回应?\n答:先致歉。\n评分标准:答出致歉得2分,提到查询进度可得4分。",
        _THREE_CHOICES + "第1题:B 第2题:C 第3题:A",
        _THREE_CHOICES + "（1）B（2）C（3）A",
        _THREE_CHOICES + "题号 1 2 3\n答案 B C A",
    ]
    for text in texts:
        assert lost_characters(text) == Counter()


@pytest.mark.parametrize("layout", ["\n", ""])
def test_questions_numbered_wenti_like_timu(layout):
    text = layout.join(["题集", "一、情景题(共2题)", "问题1(10分)客户投诉怎么办?", "答:先安抚。", "问题2(5分)客户插队怎么办?", "答:礼貌劝导。"])
    bank = parse_text(text)
    assert [(q.number, q.prompt, q.points) for q in bank.sections[0].questions] == [
        (1, "客户投诉怎么办？", 10), (2, "客户插队怎么办？", 5),
    ]


def test_a_section_resuming_several_pages_later_keeps_its_questions():
    text = ("题集\n一、单选题(每题2分)\n1.问一( )。A.甲B.乙\n答案:A\n二、多选题(每题3分)\n9.问九( )。A.甲B.乙C.丙\n答案:AB\n"
            "10.问十( )。A.甲B.乙C.丙\n答案:BC\n三、简答题(每题10分)\n2026.年度目标不少于100字。\n1.请谈谈你的目标?\n答:成为业务骨干。")
    bank = parse_text(text)
    assert [[(q.number, q.answer) for q in s.questions] for s in bank.sections] == [
        [(1, "A")], [(9, ["A", "B"]), (10, ["B", "C"])], [(1, None)],
    ]
    assert bank.sections[2].instructions == "2026.年度目标不少于100字。"  # a year is no question number
    assert "第2–8题不在文档中" in bank.warnings[0].message


def test_a_section_opens_where_declared_counts_lead_however_far():
    text = ("题集\n一、单选题(共50题,每题2分)\n1.问一( )。A.甲B.乙\n答案:A\n二、多选题(共2题,每题3分)\n"
            "51.以下正确的有( )。A.甲B.乙C.丙\n答案:AB\n52.以下错误的有( )。A.甲B.乙C.丙\n答案:BC")
    bank = parse_text(text)
    assert [q.number for q in bank.sections[1].questions] == [51, 52]


ON_ITS_LINE, GLUED = "\n", ""


@pytest.mark.parametrize(
    "marker,layouts",
    [("答案为B", (ON_ITS_LINE, GLUED)), ("答案是B", (ON_ITS_LINE, GLUED)), ("正确答案为:B", (ON_ITS_LINE, GLUED)),
     ("【答案】B", (ON_ITS_LINE, GLUED)), ("答案 B", (ON_ITS_LINE,))],  # `丙答案 B` glued is too ambiguous to cut
)
def test_answer_markers_written_as_a_sentence(marker, layouts):
    for layout in layouts:
        text = f"题集\n一、单选题(每题2分,共2题)\n1.问一( )。A.甲B.乙C.丙{layout}{marker}\n2.问二( )。A.甲B.乙C.丙\n答案:C"
        bank = parse_text(text)
        assert [(q.answer, q.options["C"]) for q in bank.sections[0].questions] == [("B", "丙"), ("C", "丙")]


def test_prose_that_starts_like_an_answer_marker_is_not_one():
    bank = parse_text("题集\n一、简答题(每题5分,共1题)\n1.你怎么看待标准答案?\n答:答案是开放的,言之成理即可。")
    assert bank.sections[0].questions[0].reference_answer == "答案是开放的，言之成理即可。"


def test_answers_printed_in_the_stems_bracket_are_answers_and_leave_a_blank():
    text = ("题集\n一、单选题(每题2分,共2题)\n1.客户挂失后应(A)。A.立即冻结B.等待C.报警\n2.客服应使用(B)。\nA.方言\nB.普通话\n"
            "二、多选题(每题3分,共1题)\n3.禁止行为有(AC)。A.承诺收益B.提示风险C.泄露信息\n"
            "三、判断题(每题1分,共2题)\n4.客服可以代客设置密码。(×)\n5.柜员应唱收唱付。(√)")
    bank = parse_text(text)
    assert [(q.prompt, q.answer) for _, q in bank.questions()] == [
        ("客户挂失后应（ ）。", "A"), ("客服应使用（ ）。", "B"), ("禁止行为有（ ）。", ["A", "C"]),
        ("客服可以代客设置密码。（ ）", False), ("柜员应唱收唱付。（ ）", True),
    ]
    assert bank.question("s1-q1").options == {"A": "立即冻结", "B": "等待", "C": "报警"}
    assert [w.code for w in bank.warnings] == ["numbering_continues_across_sections", "numbering_continues_across_sections"]


def test_a_bracket_that_is_not_one_of_the_options_stays_in_the_stem():
    bank = parse_text("题集\n一、单选题(每题2分,共1题)\n1.客服应该(E)。A.甲B.乙")
    question = bank.sections[0].questions[0]
    assert (question.prompt, question.answer) == ("客服应该（E）。", None)
    assert "missing_answer" in codes(bank)


# ── a document (not a site preview) cut where no writer stops ───────────────────────────────────


def test_a_document_ending_at_an_empty_label_marks_its_last_question_truncated():
    bank = import_path(FIXTURES / "unseen-truncated-dangling.txt")
    first, last = bank.sections[0].questions
    assert not first.truncated and last.truncated
    assert [k.text for k in last.key_points][0] == "核实身份：核对本人证件并完成双录。"
    assert ("truncated_question", 1, 2) in [(w.code, w.section, w.question) for w in bank.warnings]


@pytest.mark.parametrize("ending", ["-风险提示：“股市有风险，", "-风险提示：“股市有风险", "-风险提示：", "-"])
def test_a_last_line_cut_inside_a_quote_or_after_a_mark_is_truncated(ending):
    bank = parse_text(f"某题集\n一、简答题（共1题，每题5分）\n1.客户要你荐股怎么办？\n答案要点：\n-不荐股：说明客服不提供投资建议。\n{ending}")
    assert bank.sections[0].questions[0].truncated


@pytest.mark.parametrize("ending", ["-风险提示：“股市有风险，投资需谨慎。”", "-风险提示：股市有风险", "答案：B"])
def test_a_document_that_simply_ends_is_not_called_truncated(ending):
    prompt = "1.客户要你荐股怎么办？（ ）A.荐 B.不荐\n" if ending == "答案：B" else "1.客户要你荐股怎么办？\n答案要点：\n-不荐股：说明客服不提供投资建议。\n"
    bank = parse_text(f"某题集\n一、简答题（共1题，每题5分）\n{prompt}{ending}")
    assert not bank.sections[0].questions[0].truncated
    assert "truncated_question" not in codes(bank)


# ── rubrics: a Word or HTML table, lines paired with key points by what they say ─────────────────


RUBRIC_ROWS = [["考核维度", "分值", "评分说明"], ["安抚情绪", "3分", "先致歉并安抚客户"], ["核实信息", "5", "核对保单与身份信息"], ["告知时限", "2分", "说明处理时限"]]


def _rubric_question_paragraphs():
    return [
        "某寿险公司客服面试题", "一、情景应变题（共1题，每题10分）", "1.题目：客户来电称保单信息被泄露，情绪激动，你怎么处理？",
        "答案要点：", "-告知时限：说明三个工作日内给出调查结果。", "-安抚情绪：“非常抱歉给您带来困扰。”", "-核实信息：核对客户身份和保单信息。",
        "评分标准：",
    ]


def test_a_rubric_table_in_word_gives_one_rubric_line_per_row_and_weighs_the_points_it_names():
    bank = import_bytes(docx_bytes(*_rubric_question_paragraphs(), RUBRIC_ROWS, "二、答案及解析", "本卷开放题无标准答案。"), "rubric.docx")
    question = bank.sections[0].questions[0]
    assert [(r.item, r.points, r.text) for r in question.rubric] == [
        ("安抚情绪", 3, "先致歉并安抚客户"), ("核实信息", 5, "核对保单与身份信息"), ("告知时限", 2, "说明处理时限"),
    ]
    # the rubric lists its lines in another order than the key points: each weight follows its words
    assert [(kp.text, kp.weight) for kp in question.key_points] == [
        ("告知时限：说明三个工作日内给出调查结果。", 2.0), ("安抚情绪", 3.0), ("核实信息：核对客户身份和保单信息。", 5.0),
    ]


def test_a_rubric_table_in_a_saved_page_reads_like_the_word_one():
    rows = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in RUBRIC_ROWS)
    html = "<html><body>" + "".join(f"<p>{p}</p>" for p in _rubric_question_paragraphs()) + f"<table>{rows}</table></body></html>"

    question = import_bytes(html.encode("utf-8"), "rubric.html").sections[0].questions[0]
    assert [(r.item, r.points) for r in question.rubric] == [("安抚情绪", 3), ("核实信息", 5), ("告知时限", 2)]
    assert [kp.weight for kp in question.key_points] == [2.0, 3.0, 5.0]


def test_rubric_lines_that_name_none_of_the_key_points_leave_weights_equal():
    bank = parse_text(
        "题集\n一、情景应变题（共1题，每题10分）\n1.客户要求加急办理，你怎么回应？\n答案要点：\n-致歉：“让您久等了。”\n-查询进度并告知。\n"
        "评分标准：语言表达（5分）、逻辑条理（5分）"
    )
    question = bank.sections[0].questions[0]
    assert [(r.item, r.points) for r in question.rubric] == [("语言表达", 5), ("逻辑条理", 5)]
    assert [kp.weight for kp in question.key_points] == [1.0, 1.0]  # pairing by order would be a guess


def test_an_answer_keys_numbered_heading_is_not_a_section_nor_left_in_the_last_answer():
    bank = parse_text(
        "题集\n一、单项选择题（共2题，每题2分）\n1.问一（ ）\nA.甲\nB.乙\n2.问二（ ）\nA.甲\nB.乙\n"
        "二、简答题（共1题，每题6分）\n1.问三？\n答案要点：\n-要点甲。\n三、答案及解析\n1.答案：A\n2.答案：B 解析：乙是对的。"
    )
    assert [(s.title, len(s.questions)) for s in bank.sections] == [("单项选择题", 2), ("简答题", 1)]
    assert [q.answer for q in bank.sections[0].questions] == ["A", "B"]
    assert [k.text for k in bank.sections[1].questions[0].key_points] == ["要点甲。"]
    assert "unplaced_text" not in codes(bank)


def test_an_answer_key_as_word_tables_one_row_per_question_refers_back_by_number():
    data = docx_bytes(
        "某财险公司客服笔试题", "一、单项选择题（共2题，每题2分）", "1.车险报案时效一般为（）。", "A.24小时", "B.48小时", "C.一周",
        "2.客户要求删除通话录音，客服应（）。", "A.立即删除", "B.说明录音按规定保存", "C.挂断",
        "二、判断题（共2题，每题1分）", "1.客服可以替客户签字。（ ）", "2.报案后应提醒客户保护现场。（ ）",
        "参考答案", "一、单项选择题", [["题号", "答案", "解析"], ["1", "B", "以条款约定为准。"], ["2", "B", ""]],
        "二、判断题", [["题号", "答案"], ["1", "×"], ["2", "√"]],
    )
    bank = import_bytes(data, "key-tables.docx")
    assert [(s.title, [q.answer for q in s.questions]) for s in bank.sections] == [("单项选择题", ["B", "B"]), ("判断题", [False, True])]
    assert bank.sections[0].questions[0].explanation == "以条款约定为准。"
    assert "missing_answer" not in codes(bank) and "unplaced_text" not in codes(bank)


def test_a_run_on_answer_key_glued_after_the_last_answer_with_entries_run_together():
    bank = import_path(FIXTURES / "unseen-runon-glued-key.txt")
    assert [(s.title, [q.answer for q in s.questions]) for s in bank.sections] == [
        ("单项选择题", ["B", "C", "B"]), ("多项选择题", [["A", "B", "D"], ["A", "B", "D"]]), ("判断题", [False, True]), ("简答题", [None]),
    ]
    last = bank.sections[3].questions[0]
    assert [k.text for k in last.key_points] == ["安抚情绪", "核实情况：记录时间和故障现象", "说明流程：按公司规定提交技术部门核查后答复。"]
    assert {w.code for w in bank.warnings} <= {"deferred_answer_key"}


def test_letters_and_numbers_inside_an_answer_are_not_a_glued_key():
    bank = parse_text("题集\n一、简答题（共1题，每题5分）\n1.什么是T+1？\n参考答案：当日买入，次日才能卖出，如1.A股2.B股都是如此。")
    assert bank.sections[0].questions[0].reference_answer == "当日买入，次日才能卖出，如1.A股2.B股都是如此。"


def test_a_fill_in_section_declared_per_blank_and_an_answer_that_starts_with_t():
    bank = parse_text(
        "题集\n一、填空题（每空2分，共2题）\n1.A股实行______交易制度。答案：T+1\n2.创业板个股涨跌幅限制为______。答案：20%\n"
        "二、判断题（共1题，每题1分）\n1.客服可以承诺收益。（ ）\n答案：X"
    )
    blanks, judge = bank.sections
    assert (blanks.points_per_question, blanks.declared_count) == (2, 2)
    assert [(q.kind, q.points, q.answer) for q in blanks.questions] == [("fill_blank", 2, "T+1"), ("fill_blank", 2, "20%")]
    assert [(q.kind, q.answer) for q in judge.questions] == [("true_false", False)]
    assert bank.warnings == []


@pytest.mark.parametrize("line", [
    "首先，放慢语速确认需求；其次，请会讲方言的同事协助；最后，确认客户听懂再挂机。",
    "第一，放慢语速确认需求；第二，请会讲方言的同事协助；第三，确认客户听懂再挂机。",
])
def test_key_points_written_as_one_ordinal_sentence_are_its_steps(line):
    from tests.ingest.test_fuzz import lost_characters

    text = f"题集\n一、情景题（共1题，每题10分）\n1.老年客户听不懂普通话，你怎么办？\n答案要点：{line}"
    points = parse_text(text).sections[0].questions[0].key_points
    assert [k.text for k in points] == ["放慢语速确认需求", "请会讲方言的同事协助", "确认客户听懂再挂机。"]
    assert not lost_characters(text)  # the ordinal words are accounted for


def test_a_single_key_point_that_merely_starts_with_first_stays_whole():
    bank = parse_text("题集\n一、情景题（共1题，每题10分）\n1.问？\n答案要点：首先要稳定客户情绪，这是一切的前提。")
    assert [k.text for k in bank.sections[0].questions[0].key_points] == ["首先要稳定客户情绪，这是一切的前提。"]


# ── front matter: an issuer above the title, notes to the interviewer, a closing credit ──────────


def test_an_issuers_name_above_the_exam_title_and_notes_to_the_interviewer_are_placed_not_reported():
    bank = import_path(FIXTURES / "unseen-front-matter.txt")
    assert bank.title == "某某人寿保险股份有限公司电话销售客服岗位面试题（2026年春季）"
    assert bank.sections[0].instructions.split("\n") == [
        "培训部 编  内部资料 请勿外传", "（仅供面试官使用，请勿提供给应聘者）", "面试官使用说明：每位应聘者从每类题中任选两题作答。", "编制：培训部 2026年3月",
    ]
    last = bank.sections[1].questions[0]
    assert [k.text for k in last.key_points] == ["尊重意愿", "落实登记：在系统中设置免打扰。"]  # the closing credit is not a key point
    assert bank.warnings == []


def test_a_page_title_above_the_bodys_own_title_in_other_words_gives_way_to_it():
    bank = parse_text("某证券公司投顾助理面试题及答案\n某证券公司投顾助理（客服方向）面试题及答案\n一、简答题（共1题，每题5分）\n1.问？\n答案要点：\n-甲。")
    assert bank.title == "某证券公司投顾助理（客服方向）面试题及答案"
    assert bank.warnings == []


def test_other_text_between_title_and_first_section_is_still_reported():
    bank = parse_text("某银行客服面试题\n本题由网友整理，答案仅供参考\n一、简答题（共1题，每题5分）\n1.问？\n答案要点：\n-甲。")
    assert [(w.code, w.text) for w in bank.warnings] == [("unplaced_text", "本题由网友整理，答案仅供参考")]


def test_a_last_key_point_worded_like_a_credit_stays_a_key_point():
    bank = parse_text("题集\n一、情景题（共1题，每题10分）\n1.客户反映问题很多怎么办？\n答案要点：\n倾听：让客户说完。\n整理：将问题逐条整理成工单")
    assert [k.text for k in bank.sections[0].questions[0].key_points][-1] == "整理：将问题逐条整理成工单"
    assert bank.sections[0].instructions is None


# ── markers written as bracketed labels ────────────────────────────────────────────────────────────


def test_bracketed_key_point_labels_are_read_as_key_points_not_prompt():
    bank = import_path(FIXTURES / "unseen-bracket-labels.txt")
    prompts = [q.prompt for _, q in bank.questions()]
    assert not any("【" in prompt for prompt in prompts)
    assert [kp.text for kp in bank.question("s1-q2").key_points] == [
        "市场波动可能带来本金损失", "杠杆类业务风险更高", "过往业绩不代表未来收益。",
    ]
    assert [kp.text for kp in bank.question("s1-q3").key_points] == ["定期回访，了解需求变化；及时推送合规的资讯。"]  # `【要点】`
    assert [kp.text for kp in bank.question("s2-q1").key_points][0] == "婉拒：账户必须由本人操作，员工不得代客理财。"
    assert len(bank.question("s2-q1").key_points) == 3  # `【答案要点】` alone, bullets below
    assert bank.question("s2-q2").reference_answer.startswith("先请客户到洽谈室坐下")  # `【参考答案】` alone
    assert bank.question("s1-q1").reference_answer.startswith("客户经理既要开发客户")


# ── a fill-in section answered in a key at the end ──────────────────────────────────────────────────


def test_fill_in_answers_in_a_key_at_the_end_are_attached_to_their_blanks():
    bank = import_path(FIXTURES / "unseen-fill-in-key-at-end.txt")
    assert _answers(bank)[:3] == [(1, "fill_blank", "卡号"), (2, "fill_blank", "本金"), (3, "fill_blank", "50")]
    assert "missing_answer" not in codes(bank)
    assert len(bank.question("s2-q1").key_points) == 3


# ── Word question tables whose stem column is named for what it holds ─────────────────────────────


def test_a_scenario_table_with_a_情景_column_gives_its_questions():
    data = docx_bytes(
        "理财经理岗位面试题库",
        "一、基础认知",
        [["序号", "题目", "分值", "评分要点"],
         ["1", "你如何理解投资者适当性管理？", "10", "1.了解客户风险承受能力；2.匹配相应风险等级的产品。"]],
        "二、情景应变题（共2题，每题10分）",
        [["序号", "情景", "分值", "评分要点"],
         ["1", "客户坚持要买超出其风险等级的产品，并说出了事自己负责。", "10", "-坚持原则：不得向客户销售不匹配的产品。-提供替代：推荐符合其等级的产品。"],
         ["2", "客户质疑理财产品到期收益低于宣传材料。", "10", "-核对材料：查看宣传中是否写明业绩比较基准。-解释差异：说明基准不是承诺收益。"]],
        "（本题库由个人金融部整理，仅供内部面试使用）",
    )
    bank = import_bytes(data, "scenario-table.docx")
    assert [(s.title, len(s.questions)) for s in bank.sections] == [("基础认知", 1), ("情景应变题", 2)]
    scenario = bank.question("s2-q2")
    assert scenario.prompt == "客户质疑理财产品到期收益低于宣传材料。"
    assert [kp.text for kp in scenario.key_points] == ["核对材料：查看宣传中是否写明业绩比较基准。", "解释差异：说明基准不是承诺收益。"]
    assert "declared_count_mismatch" not in codes(bank)


# ── an answer key headed with the section it answers ───────────────────────────────────────────────


def test_a_key_headed_参考答案_with_a_section_name_answers_that_section():
    bank = import_path(FIXTURES / "unseen-key-headed-by-section.txt")  # `参考答案（判断题）` after the open questions
    assert _answers(bank) == [
        (1, "true_false", False), (2, "true_false", True), (3, "true_false", True), (1, "open", None), (2, "open", None),
    ]
    assert bank.question("s1-q1").explanation == "不得向无关第三方透露债务信息。"
    assert [kp.text for kp in bank.question("s2-q2").key_points] == ["核实情况：了解失业时间和收入来源。", "提供方案：按政策申请延期或分期。"]
    assert "missing_answer" not in codes(bank)


# ── a placeholder where key points belong ──────────────────────────────────────────────────────────


def test_a_bracketed_answer_from_your_own_experience_is_no_key_point_but_a_placeholder():
    bank = import_path(FIXTURES / "unseen-placeholder-key-points.txt")  # `答案要点：（考生需根据自身经历回答…）`
    inline, from_key = bank.question("s1-q1"), bank.question("s2-q2")  # under the question / in a key at the end
    assert inline.key_points == [] and from_key.key_points == []
    assert inline.reference_answer.startswith("（考生需根据自身经历")
    assert [kp.text for kp in bank.question("s2-q1").key_points] == ["认同岗位价值", "有耐心细致的性格。"]
    assert codes(bank).count("placeholder_answer") == 2


def test_a_run_on_bracketed_参考答案_before_a_numbered_list_stays_the_model_answer():
    text = ("证券客服面试题一、岗位认知（共2题）1、开户需要带什么材料？（5分）【参考答案】（1）本人有效身份证件；（2）本人银行卡。"
            "2、你如何理解适当性管理？（5分）【答案要点】（1）了解客户；（2）匹配产品。")
    bank = parse_text(text)
    first, second = bank.question("s1-q1"), bank.question("s1-q2")
    assert first.prompt == "开户需要带什么材料？"
    assert "本人有效身份证件" in first.reference_answer
    assert second.prompt == "你如何理解适当性管理？" and [kp.text for kp in second.key_points] == ["了解客户", "匹配产品。"]


# ── notes and cut-off choices ──────────────────────────────────────────────────────────────────────


def test_an_editors_note_under_the_key_points_is_reported_not_taken_for_a_key_point():
    text = (
        "在线客服面试题\n一、沟通技巧题（共1题，每题10分）\n1.文字客服在表达上要注意什么？\n答案要点：\n-简洁分段。\n-慎用缩写。\n"
        "（注：第二部分由培训组补充，待更新）\n二、判断题（共1题，每题2分）\n1.客服可以承诺“这种病肯定能赔”。（ ）\n答案：错\n"
    )
    bank = parse_text(text)
    assert [kp.text for kp in bank.question("s1-q1").key_points] == ["简洁分段。", "慎用缩写。"]
    [note] = [w for w in bank.warnings if w.code == "unplaced_text"]
    assert note.text == "（注：第二部分由培训组补充，待更新）" and (note.section, note.question) == (1, 1)
    assert bank.question("s2-q1").answer is False


def test_a_last_choice_question_cut_at_an_option_letter_is_truncated():
    text = "外汇柜员面试题\n一、单选题（共2题，每题2分）\n1.SWIFT代码用于识别（ ）。\nA.金额\nB.收款银行\n答案：B\n2.个人购汇须审核（ ）。\nA.本人有效身份证件\nB.\n"
    bank = parse_text(text)
    assert not bank.question("s1-q1").truncated and bank.question("s1-q2").truncated
    assert "truncated_question" in codes(bank)


def test_a_running_header_marked_internal_above_the_exams_name_is_a_note_not_the_title():
    text = (
        "远程银行中心 · 视频客服招聘资料   内部资料 请勿外传\n某银行视频客服岗面试题\n一、判断题（共1题，每题2分）\n"
        "1.坐席可以让客户用微信发身份证照片。（ ）\n答案：×\n"
    )
    bank = parse_text(text)
    assert bank.title == "某银行视频客服岗面试题"
    assert "请勿外传" in bank.sections[0].instructions and codes(bank) == []


def test_a_fill_in_answer_gives_one_answer_per_blank_apart_by_semicolons():
    text = (
        "视频客服面试题\n一、填空题（共2题，每题2分）\n1.“双录”是指同步____和____。\n2.核验身份采用“____+人脸识别”。\n"
        "参考答案\n1.录音；录像   2.身份证件\n"
    )
    bank = parse_text(text)
    assert [q.answer for q in bank.sections[0].questions] == ["录音；录像", "身份证件"]
    assert codes(bank) == []
    inline = parse_text("填空题\n1.“双录”是指同步____和____。\n答案：录音；录像\n")
    assert inline.sections[0].questions[0].answer == "录音；录像"
    sentence = parse_text("填空题\n1.“双录”是指同步____。\n答案：录音；我会向客户说明录像的用途\n")
    assert sentence.sections[0].questions[0].answer is None  # one blank, two clauses: prose, not its answer


def test_a_line_of_document_fields_under_the_title_is_a_note_for_the_interviewer():
    text = "财富中心客服面试题\n适用岗位：前台客服  编制：人力资源部  版本：V2.1\n一、问答题（共1题，每题10分）\n1.你如何理解适当性管理？\n答案要点：\n-了解客户。\n-匹配产品。\n"
    bank = parse_text(text)
    assert bank.sections[0].instructions.startswith("适用岗位") and codes(bank) == []


def test_a_remark_under_the_key_points_is_the_questions_note_not_a_key_point():
    text = (
        "大堂经理面试题\n一、压力面试题（共1题，每题15分）\n1.你没有银行经验，凭什么胜任？\n答案要点：\n-正面回应短板。\n-举例说明可迁移的能力。\n"
        "备注：面试官可根据应聘者回答情况适当追问。\n"
    )
    question = parse_text(text).question("s1-q1")
    assert [kp.text for kp in question.key_points] == ["正面回应短板。", "举例说明可迁移的能力。"]
    assert question.explanation == "面试官可根据应聘者回答情况适当追问。"


# (session 8: an eighth set of unseen documents, 85% on its first run)


def test_a_question_table_with_points_written_as_5fen_gives_each_question_its_points():
    rows = [
        ["序号", "题目", "分值", "参考要点"],
        ["1", "你理解的客户关怀包括哪些工作？", "5分", "1.还款提醒；2.业务指引；3.投诉回访。"],
        ["2", "你为什么选择客服岗位？", "5 分", "（考生结合自身经历作答，言之成理即可）"],
        ["3", "客户要求改还款日，你如何沟通？", "", "-说明规则。\n-提供可选日期。"],
    ]
    bank = import_bytes(docx_bytes("客户关怀中心坐席面试题本", "一、岗位认知", rows, "面试官签字：__________    日期：____年__月__日"), "t.docx")
    questions = bank.sections[0].questions
    assert [q.points for q in questions] == [5, 5, None]
    assert [len(q.key_points) for q in questions] == [3, 0, 2]  # a remark to answer from experience is no key point
    assert questions[1].reference_answer == "（考生结合自身经历作答，言之成理即可）"
    assert sorted(codes(bank)) == ["missing_key_points", "missing_points", "placeholder_answer"]
    assert "签字" not in "".join(kp.text for q in questions for kp in q.key_points)  # the form's signature line


def test_bullets_under_a_model_answer_are_its_key_points_inline_and_in_an_appendix():
    bullets = "-安抚情绪：“大爷您别急，我帮您核对。”\n-核对信息：核对单号和证件。\n-指导处理：联系汇款人更正。\n"
    inline = parse_text("网点面试题\n一、情景题（共1题，每题10分）\n1.汇款单姓名不一致，你如何处理？\n参考答案：\n" + bullets)
    appendix = parse_text("网点面试题\n一、情景题（共1题，每题10分）\n1.汇款单姓名不一致，你如何处理？\n答案及解析\n1.参考答案：\n" + bullets)
    for bank in (inline, appendix):
        question = bank.sections[0].questions[0]
        assert [kp.text for kp in question.key_points] == ["安抚情绪", "核对信息：核对单号和证件。", "指导处理：联系汇款人更正。"]
        assert question.key_points[0].detail == "“大爷您别急，我帮您核对。”"
        assert "missing_key_points" not in codes(bank)
    prose = parse_text("网点面试题\n一、情景题（共1题，每题10分）\n1.你如何处理？\n参考答案：\n我会先安抚客户，再核对信息。\n")
    assert prose.sections[0].questions[0].key_points == []  # prose without its own structure gives none


def test_what_an_explanation_lists_as_examined_is_an_open_questions_key_points():
    text = (
        "商户风控面试题\n一、判断题（共1题，每题2分）\n1.可以把商户评级告诉其竞争对手。【答案】×\n解析：考察点：①保密；②合规。\n"
        "二、情景分析题（共1题，每题10分）\n2.商户被拦截后情绪激动，你如何处理？\n"
        "解析：考察点：①情绪安抚，不激化矛盾；②说明拦截原因，但不泄露规则细节；③指导补充材料，给出时限。\n"
    )
    bank = parse_text(text)
    judged, open_question = bank.sections[0].questions[0], bank.sections[1].questions[0]
    assert judged.key_points == [] and judged.answer is False  # an objective question keeps only its answer
    assert [kp.text for kp in open_question.key_points] == ["情绪安抚，不激化矛盾", "说明拦截原因，但不泄露规则细节", "指导补充材料，给出时限。"]
    assert "missing_key_points" not in codes(bank)


def test_a_count_and_a_total_without_each_give_every_question_an_even_share():
    bank = parse_text("私行礼宾面试题\n一、压力面试（共1题，15分）\n1.有求必应与合规冲突时如何取舍？\n答案要点：\n-合规是底线。\n-尽力提供替代方案。\n"
                      "二、情景题（共2题，共20分）\n1.客户要求插队办理，你怎么办？\n答案要点：\n-说明规则。\n2.客户投诉等候太久，你怎么办？\n答案要点：\n-致歉安抚。\n")
    first, second = bank.sections
    assert (first.declared_count, first.declared_total, first.questions[0].points) == (1, 15, 15)
    assert [q.points for q in second.questions] == [10, 10] and second.points_per_question is None
    assert codes(bank) == ["points_inferred_from_total", "points_inferred_from_total"]  # inferred, and said so
    assert "按总分20分÷2题推算为每题10分" in bank.warnings[1].message
    uneven = parse_text("题库\n一、情景题（共3题，共20分）\n1.问题一？\n答案要点：\n-要点。\n2.问题二？\n答案要点：\n-要点。\n3.问题三？\n答案要点：\n-要点。\n")
    assert [q.points for q in uneven.sections[0].questions] == [None, None, None]  # no even share: left to the warnings
    assert "points_inferred_from_total" not in codes(uneven)


def test_a_bare_yaodian_label_with_circled_items_gives_the_key_points():
    text = (
        "一、岗位认知类\n1.企业年金与基本养老保险有什么区别？\n要点：①企业年金由企业自愿建立；②基本养老保险具有强制性；③企业年金采用个人账户管理。\n"
        "2.谈谈你对这个岗位的理解。\n要点提示：①服务意识；②专业知识。\n"
    )
    first, second = parse_text(text).sections[0].questions
    assert first.prompt == "企业年金与基本养老保险有什么区别？"
    assert [kp.text for kp in first.key_points] == ["企业年金由企业自愿建立", "基本养老保险具有强制性", "企业年金采用个人账户管理。"]
    assert len(second.key_points) == 2


def test_yaodian_inside_a_prompt_is_not_a_label():
    text = "一、问答题（共1题，每题10分）\n1.请说出反洗钱工作的要点：哪三项最重要？\n答案要点：\n-客户身份识别。\n"
    question = parse_text(text).sections[0].questions[0]
    assert question.prompt == "请说出反洗钱工作的要点：哪三项最重要？"
    assert [kp.text for kp in question.key_points] == ["客户身份识别。"]


# (session 9: a tenth set of unseen documents)


def test_a_key_grouped_by_bare_section_numerals_after_a_bare_reference_marker():
    text = (
        "一、单项选择题（共2题，每题2分）\n1．一个单位能开几个基本户（ ）。\nA．一\nB．二\n2．临时户最长几年（ ）。\nA．1年\nB．2年\n"
        "二、情景问答题（共1题，每题10分）\n3．客户嫌开户核实麻烦，你怎么处理？\n"
        "参考答案\n一、1．A 2．B\n二、3．答案要点：①表示理解；②解释监管要求；③一次性告知材料。\n"
    )
    bank = parse_text(text)
    choice, scenario = bank.sections
    assert [q.answer for q in choice.questions] == ["A", "B"]
    assert scenario.questions[0].reference_answer is None
    assert [kp.text for kp in scenario.questions[0].key_points] == ["表示理解", "解释监管要求", "一次性告知材料。"]
    assert "missing_answer" not in codes(bank)


def test_a_question_table_whose_answer_column_names_two_things():
    rows = [
        ["序号", "题目", "分值", "参考答案/评分要点"],
        ["1", "什么是等待期？", "5", "①合同生效后暂不承担责任的一段时间；\n②等待期内疾病出险一般不赔。"],
        ["2", "客户理赔款迟迟未到，你怎么处理？", "10", "答案要点：\n-安抚情绪。\n-查询进度。\n-约定回电。"],
    ]
    bank = import_bytes(docx_bytes("理赔热线面试题", "一、综合题（共2题）", rows), "claims.docx")
    first, second = bank.sections[0].questions
    assert (first.prompt, first.points, len(first.key_points)) == ("什么是等待期？", 5, 2)
    assert (second.points, [kp.text for kp in second.key_points]) == (10, ["安抚情绪。", "查询进度。", "约定回电。"])


def test_a_question_table_headed_answer_and_explanation_reads_both():
    rows = [
        ["序号", "题目", "答案及解析"],
        ["1", "客户挂失后应（ ）。A.立即补卡 B.等待 C.注销", "A。挂失后应尽快补办。"],
        ["2", "客户情绪激动，你怎么办？", "先安抚情绪，再核实问题。"],
    ]
    choice, open_question = import_bytes(docx_bytes("柜面测试题", "一、综合题", rows), "counter.docx").sections[0].questions
    assert (choice.kind, choice.prompt, choice.answer) == ("single_choice", "客户挂失后应（ ）。", "A")
    assert "尽快补办" in choice.explanation
    assert (open_question.prompt, open_question.reference_answer) == ("客户情绪激动，你怎么办？", "先安抚情绪，再核实问题。")


# ── a section that numbers its questions its own way ────────────────────────────────────────────


def test_a_section_may_switch_from_timu_numbers_to_plain_ones():
    # open questions numbered `题目1（10分）`, then fill-in ones numbered `1.` (a Word file's sections
    # written by different people); the `1.` under the new heading starts that section's questions
    text = "\n".join([
        "某保险公司柜面岗面试题",
        "一、情景模拟题（共2题，每题10分）",
        "题目1（10分）", "客户要求当场退保并全额退费，你如何处理？", "答案要点：", "-说明规则：犹豫期外按现金价值退还。",
        "题目2（10分）", "客户抱怨理赔太慢，你如何回应？", "答案要点：", "-核实进度：查询理赔节点并告知时限。",
        "二、填空题（共3题，每题2分）",
        "1.投保人在犹豫期内退保，保险公司扣除不超过____元的工本费。", "答案：10",
        "2.人身保险的犹豫期一般不少于____日。", "答案：15",
        "3.保险合同成立后，投保人____解除合同。", "答案：可以",
    ])
    bank = parse_text(text)
    fill_in = bank.sections[1].questions
    assert [(q.number, q.kind, q.answer) for q in fill_in] == [(1, "fill_blank", "10"), (2, "fill_blank", "15"), (3, "fill_blank", "可以")]
    assert fill_in[0].prompt == "投保人在犹豫期内退保，保险公司扣除不超过____元的工本费。"
    assert "declared_count_mismatch" not in codes(bank)


def test_list_numbers_in_an_answer_still_do_not_start_questions_in_another_style():
    # the same switch is not allowed inside a question: `1.` under 答案要点 stays a list item
    text = "\n".join([
        "某银行客服面试题", "一、情景模拟题（共1题，每题10分）",
        "题目1（10分）", "客户排队太久发火，你如何处理？", "答案要点：",
        "1.先致歉并安抚情绪。", "2.引导至自助设备或开辟窗口。",
    ])
    bank = parse_text(text)
    assert [q.number for q in bank.sections[0].questions] == [1]
    assert len(bank.sections[0].questions[0].key_points) == 2
