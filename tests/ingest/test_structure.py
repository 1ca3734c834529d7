"""Structure variants of the genre: headings, declarations, numbering, the list-in-answer trap."""

import pytest

from kaoguan.ingest import import_path, parse_text
from tests.ingest.conftest import FIXTURES, codes


@pytest.mark.parametrize(
    "heading,count,points,total",
    [
        ("一、行为面试题(共5题,每题8分)", 5, 8, None),
        ("一、行为面试题(每题2分,共20题)", 20, 2, None),
        ("一、行为面试题(共5题,每题10分,总分50分)", 5, 10, 50),
        ("一、行为面试题(共5题,每题10分,合计50分)", 5, 10, 50),
        ("一、行为面试题(共5题,每题10分,总计50分)", 5, 10, 50),
        ("一、行为面试题(共5题,每题10分,共50分)", 5, 10, 50),
        ("一、行为面试题(5题,每题8分,共40分)", 5, 8, 40),
        ("一、行为面试题(共50题)", 50, None, None),
        ("一、行为面试题", None, None, None),
        ("第一部分 行为面试题(100题)", 100, None, None),
        ("第一类:行为面试题(共5题,每题1.5分)", 5, 1.5, None),
    ],
)
def test_heading_declarations_in_any_order(heading, count, points, total):
    bank = parse_text(f"题集\n{heading}\n1.请做自我介绍?\n答案要点:\n-简洁:突出重点。")
    section = bank.sections[0]
    assert section.title == "行为面试题"
    assert (section.declared_count, section.points_per_question, section.declared_total) == (count, points, total)
    assert section.category == "behavioral"


def test_count_inferred_from_total_is_stored_and_reported():
    bank = parse_text("题集\n一、单选题(每题2分,共4分)\n1.问?A.一B.二\n答案:A\n2.问?A.一B.二\n答案:B")
    assert bank.sections[0].declared_count == 2
    assert codes(bank) == ["count_inferred_from_total"]


def test_declared_total_that_does_not_add_up_is_kept_and_reported():
    bank = parse_text("题集\n一、行为面试题(共2题,每题10分,总分30分)\n1.问一?\n答案要点:-甲:乙。\n2.问二?\n答案要点:-丙:丁。")
    assert bank.sections[0].declared_total == 30
    assert codes(bank) == ["declared_total_mismatch"]


def test_declared_count_different_from_questions_found():
    bank = parse_text("题集\n一、行为面试题(共3题,每题10分)\n1.问一?\n答案要点:-甲:乙。\n2.问二?\n答案要点:-丙:丁。")
    assert codes(bank) == ["declared_count_mismatch"]
    assert bank.warnings[0].section == 1


@pytest.mark.parametrize(
    "title,category",
    [("情景模拟题", "situational"), ("压力面试题", "stress"), ("单项选择题", "objective"), ("判断题", "objective"),
     ("银行业务知识", "knowledge"), ("自我认知与职业规划", "behavioral"), ("沟通技巧题", "other"), ("案例分析", "situational")],
)
def test_category_from_section_title(title, category):
    bank = parse_text(f"题集\n一、{title}(共1题)\n1.问?\n答:好的。")
    assert bank.sections[0].category == category


def test_instruction_glued_into_heading_goes_to_instructions():
    bank = parse_text("题集\n一、选择题从给出的选项中选择正确答案(共1题)\n1.问?A.甲B.乙\n答案:A")
    section = bank.sections[0]
    assert section.title == "选择题"
    assert section.instructions == "从给出的选项中选择正确答案"
    assert section.declared_count == 1


@pytest.mark.parametrize("note", ["说明", "题型说明", "考察核心", "考察方向", "考察重点"])
def test_section_notes_become_instructions(note):
    bank = parse_text(f"题集\n一、行为面试题(共1题,每题5分)\n{note}:考察服务意识。\n1.问?\n答案要点:-甲:乙。")
    assert bank.sections[0].instructions == "考察服务意识。"


@pytest.mark.parametrize(
    "numbered",
    ["1.请做自我介绍?", "1、请做自我介绍?", "(1)请做自我介绍?", "1.题目:请做自我介绍?", "题目1 请做自我介绍?",
     "题目1(10分)请做自我介绍?", "1.题干:请做自我介绍?", "1.问题:请做自我介绍?", "1.题目:\n请做自我介绍?", "第1题 请做自我介绍?"],
)
def test_question_numbering_styles(numbered):
    bank = parse_text(f"题集\n一、行为面试题(共2题,每题10分)\n{numbered}\n答案要点:\n-真诚:结合经历。\n"
                      + numbered.replace("1", "2", 1).replace("自我介绍", "职业规划") + "\n答案要点:\n-清晰:分阶段。")
    questions = bank.sections[0].questions
    assert [(q.number, q.prompt) for q in questions] == [(1, "请做自我介绍？"), (2, "请做职业规划？")]
    assert [q.points for q in questions] == [10, 10]
    assert [kp.text for q in questions for kp in q.key_points] == ["真诚：结合经历。", "清晰：分阶段。"]


def test_label_with_points_then_prompt_line():
    bank = parse_text("题集\n一、情景题(共1题,每题8分)\n1.情境应变题(8分)\n题目:客户情绪激动怎么办?\n答案要点:\n-安抚:先道歉。")
    question = bank.sections[0].questions[0]
    assert (question.label, question.points, question.prompt) == ("情境应变题", 8, "客户情绪激动怎么办？")


def test_label_line_then_dash_prompt():
    bank = import_path(FIXTURES / "structure-variants.txt")
    first = bank.sections[0].questions[0]
    assert (first.label, first.prompt) == ("行业知识理解", "简述存款保险制度的保障范围。")
    assert bank.sections[0].title == "行业知识与政策理解"
    assert bank.sections[1].title == "沟通技巧题"
    assert bank.sections[0].questions[1].points == 5  # per-question points when the section declares none


def test_numbering_continuing_across_sections_is_reported():
    bank = import_path(FIXTURES / "choice-bank.txt")
    assert [q.number for q in bank.sections[1].questions] == [5, 6]
    assert [q.id for q in bank.sections[1].questions] == ["s2-q1", "s2-q2"]
    warned = [(w.section, w.question) for w in bank.warnings if w.code == "numbering_continues_across_sections"]
    assert warned == [(2, 5), (3, 7)]


def test_numbered_lists_inside_answers_are_not_questions():
    bank = import_path(FIXTURES / "open-variants.txt")
    section = bank.sections[0]
    assert [q.number for q in section.questions] == [1, 2, 3, 4, 5]
    assert section.questions[0].reference_answer == "我叫[姓名]，毕业于[学校]。我的优势在于：1.沟通能力强；2.抗压能力好；3.熟悉信贷产品。"
    assert [kp.text for kp in section.questions[3].key_points] == [
        "事件描述：明确催收行为边界", "处理过程：不得使用暴力或威胁手段", "结果：依法合规，保护客户权益。",
    ]


def test_a_question_numbered_list_in_a_run_on_answer_stays_in_the_answer():
    text = "题集一、行为面试题(共2题,每题10分)1.你如何处理投诉?答案要点:-步骤:1.倾听;2.核实;3.反馈。2.你的优点是什么?答案要点:-优点:我的优势在于:1.耐心2.细致。"
    bank = parse_text(text)
    questions = bank.sections[0].questions
    assert [(q.number, q.prompt) for q in questions] == [(1, "你如何处理投诉？"), (2, "你的优点是什么？")]
    assert [(kp.text, kp.group) for kp in questions[0].key_points] == [("倾听", "步骤"), ("核实", "步骤"), ("反馈。", "步骤")]


def test_no_section_headings():
    bank = import_path(FIXTURES / "no-headings.txt")
    assert len(bank.sections) == 1 and bank.sections[0].category is None
    assert [q.number for q in bank.sections[0].questions] == [1, 2]
    assert bank.sections[0].questions[1].points == 10
    assert codes(bank) == ["no_section_headings", "missing_points"]


def test_unnumbered_questions_ending_with_a_question_mark():
    bank = parse_text("题集\n一、行为面试题\n你为什么选择客服岗位?\n参考答案:我喜欢与人沟通。\n你如何看待加班?\n参考答案:理解业务需要。")
    assert [q.prompt for q in bank.sections[0].questions] == ["你为什么选择客服岗位？", "你如何看待加班？"]
    assert [q.reference_answer for q in bank.sections[0].questions] == ["我喜欢与人沟通。", "理解业务需要。"]


def test_document_title_comes_from_the_body_not_the_page_list():
    bank = import_path(FIXTURES / "traditional-glossed.txt")
    assert bank.title == "2026年某保险公司客服岗位面试题"


def test_text_before_the_first_section_is_kept_in_a_warning():
    bank = parse_text("题集\n本卷供2026年春季社会招聘使用\n一、单选题(共1题,每题2分)\n1.问?A.甲B.乙\n答案:A")
    unplaced = [w for w in bank.warnings if w.code == "unplaced_text"]
    assert [w.text for w in unplaced] == ["本卷供2026年春季社会招聘使用"]


def test_truncated_final_question_is_kept():
    bank = import_path(FIXTURES / "open-variants.txt")
    last = bank.sections[1].questions[-1]
    assert (last.number, last.truncated, last.prompt) == (7, True, "")
    assert ("truncated_question", 2, 7) in [(w.code, w.section, w.question) for w in bank.warnings]


def test_run_on_traditional_document_with_glosses_across_wraps():
    bank = import_path(FIXTURES / "traditional-glossed.txt")
    assert [(s.title, s.declared_count, s.points_per_question, s.declared_total) for s in bank.sections] == [
        ("保险基础知识", 2, 10, 20), ("情景应变题", 1, 10, 10),
    ]
    assert bank.sections[0].instructions == "保险产品与理赔知识。"
    assert bank.question("s2-q1").prompt == "客户要求退保并全额退款，你会怎么处理？"
    assert bank.question("s1-q1").key_points[0].text == "保障方式：重疾险确诊即赔（如线下体检确诊），医疗险按实际费用报销。"
    assert (bank.question("s1-q1").key_points[1].text, bank.question("s1-q1").key_points[1].detail) == (
        "解释话术", "“重疾险是给付型，医疗险是报销型。”")
    assert bank.warnings == []


def test_book118_rendering_with_blank_lines_and_wrappers():
    bank = import_path(FIXTURES / "book118-blank-lines.txt")
    assert bank.title == "2026年平安银行客服代表面试题及答案"
    judge, situation = bank.sections
    assert (judge.title, judge.category, judge.instructions) == ("判断题", "objective", None)  # the editor's typesetting note is dropped
    assert [(q.kind, q.prompt, q.answer) for q in judge.questions] == [
        ("true_false", "客户要求查询他人账户余额，客服可以直接告知。", False),
        ("true_false", "客服在通话结束前应确认客户问题已解决。", True),
    ]
    assert judge.questions[0].explanation == "涉及客户隐私，不得告知。"
    first = situation.questions[0]
    assert first.prompt == "客户来电称收到银行短信要求点击链接，你会怎么处理？"  # 题目： label line, then 1.
    assert [kp.text for kp in first.key_points] == ["提醒客户不要点击链接", "核实短信来源", "必要时冻结账户。"]  # 第一步…第二步…
    assert first.explanation == "①反诈意识②风险提示"
    assert situation.questions[1].reference_answer == "先将客户引导至安静区域，耐心倾听诉求，再协调解决。"
    dumped = bank.model_dump_json()
    assert "原创力文档" not in dumped and "查看更多" not in dumped and ".docxVIP" not in dumped


def test_run_on_choice_bank_without_answers():
    bank = import_path(FIXTURES / "run-on-choice.txt")
    assert [(s.title, len(s.questions)) for s in bank.sections] == [("单项选择题", 3), ("多项选择题", 2)]
    assert [q.kind for _, q in bank.questions()] == ["single_choice"] * 3 + ["multiple_choice"] * 2
    assert bank.question("s1-q2").options == {"A": "1-3", "B": "3-7", "C": "7-15", "D": "30"}
    assert bank.question("s2-q2").options["D"] == "“您别急，我来帮您查”"
    assert [w.question for w in bank.warnings if w.code == "missing_answer"] == [1, 2, 3, 4, 5]


def test_site_preview_cut_mid_answer_marks_the_last_question_truncated():
    bank = import_path(FIXTURES / "preview-cut-mid-answer.txt")
    first, last = bank.sections[0].questions
    assert not first.truncated
    assert first.reference_answer == "犹豫期是指投保人收到保单后的一段时间（通常15天），在此期间退保可以全额退还保费。"
    assert last.truncated and last.key_points[-1].text == "主动跟进，提醒客户尽"
    assert codes(bank) == ["declared_count_mismatch", "missing_key_points", "truncated_question"]


def test_complete_last_question_of_a_preview_is_not_truncated():
    bank = import_path(FIXTURES / "run-on-choice.txt")
    assert not any(q.truncated for _, q in bank.questions())


def test_next_question_number_that_also_continues_an_answer_list():
    # Question 2's answer lists 1., 2.; the next line `3.谈谈…` could continue that list, but it
    # reads like a stem, not like a `标签：…` item, so it starts question 3.
    text = ("题集\n一、行为面试题（共3题，每题10分）\n1.请描述一次团队合作经历。\n答案要点：\n1.背景：说明团队目标；\n"
            "2.行动：说明个人贡献；\n3.结果：量化成果。\n2.请谈谈你的职业规划。\n答案要点：\n1.短期：熟悉业务。\n2.长期：成为骨干。\n"
            "3.谈谈你对加班的看法。\n答案要点：\n1.请客户提供材料；\n2.核实信息。")
    bank = parse_text(text)
    questions = bank.sections[0].questions
    assert [q.prompt for q in questions] == ["请描述一次团队合作经历。", "请谈谈你的职业规划。", "谈谈你对加班的看法。"]
    assert [[kp.text for kp in q.key_points] for q in questions] == [
        ["背景：说明团队目标", "行动：说明个人贡献", "结果：量化成果。"],
        ["短期：熟悉业务。", "长期：成为骨干。"],
        ["请客户提供材料", "核实信息。"],
    ]
    assert codes(bank) == []


def test_hard_line_break_inside_a_sentence_is_joined():
    bank = parse_text("题集\n一、情景题（共1题，每题5分）\n1.客户情绪激动，你会怎么处\n\n理？\n答案要点：\n-安抚：先道歉，再倾\n听诉求。")
    question = bank.sections[0].questions[0]
    assert question.prompt == "客户情绪激动，你会怎么处理？"
    assert question.key_points[0].text == "安抚：先道歉，再倾听诉求。"


def test_orphan_page_marker_before_the_body():
    bank = parse_text("第頁\n某银行客服面试题\n一、行为面试题（共1题，每题5分）\n1.请介绍你自己？\n答案要点：\n-简洁：一分钟。")
    assert bank.title == "某银行客服面试题" and codes(bank) == []


def test_declaration_with_extra_rules_keeps_them_as_instructions():
    bank = parse_text("题集\n二、多项选择题（本大题共2小题，每小题3分，共6分，多选、少选、错选均不得分）\n1.问？A.甲B.乙C.丙\n答案：AB\n2.问？A.甲B.乙\n答案：AB")
    section = bank.sections[0]
    assert (section.title, section.declared_count, section.points_per_question, section.declared_total) == ("多项选择题", 2, 3, 6)
    assert section.instructions == "多选、少选、错选均不得分"
    assert codes(bank) == []


def test_chinese_numeral_list_inside_an_answer_is_not_a_section():
    text = ("题集\n一、行为面试题（共2题，每题10分）\n1.你的优点是什么？\n参考答案：\n一、沟通能力强；\n二、抗压能力好。\n"
            "2.你的缺点是什么？\n参考答案：过于追求细节。")
    bank = parse_text(text)
    assert len(bank.sections) == 1
    first, second = bank.sections[0].questions
    assert first.reference_answer == "一、沟通能力强；\n二、抗压能力好。"
    assert [kp.text for kp in first.key_points] == ["沟通能力强", "抗压能力好。"]
    assert second.prompt == "你的缺点是什么？"


def test_parenthesised_numeral_sections_and_chinese_question_numbers():
    text = ("题集\n（一）行为面试题（共2题，每题5分）\n第一题：请介绍你自己？\n答案要点：-简洁：一分钟。\n第二题：你为什么选择我们？\n"
            "答案要点：-真诚：结合岗位。\n（二）情景题（共1题，每题10分）\n第一题：客户投诉怎么办？\n答案要点：-安抚：先道歉。")
    bank = parse_text(text)
    assert [(s.title, [(q.number, q.prompt) for q in s.questions]) for s in bank.sections] == [
        ("行为面试题", [(1, "请介绍你自己？"), (2, "你为什么选择我们？")]),
        ("情景题", [(1, "客户投诉怎么办？")]),
    ]
    assert codes(bank) == []


def test_a_skipped_question_number_still_starts_a_question():
    bank = parse_text("题集\n一、行为面试题（共3题，每题5分）\n1.你为什么选择客服？\n答：喜欢沟通。\n2.你的优点是什么？\n答：耐心。\n4.你的缺点是什么？\n答：急躁。")
    assert [q.number for q in bank.sections[0].questions] == [1, 2, 4]


def test_a_label_of_any_words_then_a_dash_prompt_is_one_question():
    # `1.共情表达` then `-题目：…`: the label names no question type (行业知识理解 does), and the
    # stem under it is still the same question's, with its key points.
    bank = parse_text(
        "一、沟通技巧题（共2题，每题10分）\n1.共情表达\n-题目：客户连续抱怨机器人听不懂，转到你这里时很不耐烦，你第一句话怎么说？\n"
        "答案要点：\n-先致歉：“让您久等了，接下来由我为您处理。”\n-抓取诉求：翻看机器人对话记录。\n"
        "2.规则解释\n-题目：客户退保只退了一部分保费，你怎样解释？\n答案要点：\n-区分犹豫期：犹豫期内全额退还。\n"
    )
    questions = bank.sections[0].questions
    assert [(q.number, q.label, len(q.key_points)) for q in questions] == [(1, "共情表达", 2), (2, "规则解释", 1)]
    assert questions[0].prompt.startswith("客户连续抱怨") and codes(bank) == []


def test_an_answer_key_at_the_end_goes_to_the_section_still_waiting_for_answers():
    # Open questions answered in place, then a true/false section whose answers follow in an
    # `答案及解析` block numbered from 1 again: the key belongs to the true/false questions.
    bank = parse_text(
        "一、情景题（共1题，每题10分）\n1.客户投诉到账慢，你如何处理？\n答案要点：\n-安抚情绪：先致歉。\n-核实进度：查询交易状态。\n"
        "二、判断题（共2题，每题2分）\n1.客服可以在聊天窗口索要客户的验证码。（ ）\n2.理赔资料应通过官方渠道上传。（ ）\n"
        "答案及解析\n1.答案：错 解析：任何人不得索要验证码。\n2.答案：对 解析：保护客户信息。\n"
    )
    open_question, = bank.sections[0].questions
    assert open_question.kind == "open" and open_question.answer is None and len(open_question.key_points) == 2
    assert [(q.kind, q.answer) for q in bank.sections[1].questions] == [("true_false", False), ("true_false", True)]
