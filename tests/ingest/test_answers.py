"""Question kinds, options, answers, explanations, key points, rubrics and answer keys."""

import pytest

from kaoguan.ingest import import_path, parse_text
from tests.ingest.conftest import FIXTURES, codes


@pytest.fixture(scope="module")
def choice_bank():
    return import_path(FIXTURES / "choice-bank.txt")


OPTIONS = {"A": "立即为客户办理挂失冻结", "B": "让客户自行报警", "C": "告知客户等待调查结果", "D": "建议客户更换银行"}


def test_options_one_per_line_and_answer_with_explanation(choice_bank):
    question = choice_bank.question("s1-q1")
    assert (question.kind, question.options, question.answer) == ("single_choice", OPTIONS, "A")
    assert question.prompt == "客户来电投诉信用卡被盗刷，客服首先应该做的是（）。"
    assert question.explanation == "先止损，防止损失扩大。"


def test_inline_options_and_bracketed_basis_after_the_letter(choice_bank):
    question = choice_bank.question("s1-q2")
    assert question.options == {"A": "万分之三", "B": "万分之五", "C": "千分之一", "D": "百分之一"}
    assert question.answer == "D"
    assert question.explanation == "依据办法第五十四条，利率上限已放开"


def test_dash_options_quoted_sayings_and_bracket_answer(choice_bank):
    question = choice_bank.question("s1-q3")
    assert question.options["B"] == "“我理解您的心情”" and len(question.options) == 4
    assert question.answer == "B"


def test_parenthesised_letters_and_correct_answer_marker(choice_bank):
    question = choice_bank.question("s1-q4")
    assert question.options == {"A": "发卡银行", "B": "持卡人", "C": "商户", "D": "银联"}
    assert question.answer == "A"


def test_multiple_choice_sections_give_list_answers(choice_bank):
    first, second = choice_bank.sections[1].questions
    assert (first.kind, first.answer) == ("multiple_choice", ["A", "B", "D"])
    assert first.options["C"] == "交易密码"  # mixed A. / C、 separators
    assert (second.kind, second.answer) == ("multiple_choice", ["A", "B", "D"])
    assert second.prompt == "下列哪些属于电信诈骗常见话术？"  # 【选项】 is a marker, not text
    assert second.options["D"] == "“转账到安全账户”"


def test_true_false_answers(choice_bank):
    first, second = choice_bank.sections[2].questions
    assert (first.kind, first.answer) == ("true_false", False)
    assert "认知程度：记忆" in first.explanation
    assert (second.kind, second.answer) == ("true_false", True)


def test_objective_bank_has_no_spurious_warnings(choice_bank):
    assert codes(choice_bank) == ["numbering_continues_across_sections"] * 2


def test_letter_only_options():
    bank = parse_text("题集\n一、单选题(共1题,每题2分)\n1.选出字母A?A.AB.BC.CD.D\n答案:A")
    assert bank.sections[0].questions[0].options == {"A": "A", "B": "B", "C": "C", "D": "D"}


def test_choice_question_without_answer_is_reported():
    bank = parse_text("题集\n一、单选题(共1题,每题2分)\n1.问?\nA.甲\nB.乙")
    assert codes(bank) == ["missing_answer"]


def test_fill_in_the_blank():
    bank = parse_text("题集\n一、填空题(共1题,每题2分)\n1.存款保险最高偿付限额为____万元。\n答案:50")
    question = bank.sections[0].questions[0]
    assert (question.kind, question.answer) == ("fill_blank", "50")


def test_glued_answer_and_analysis():
    bank = parse_text("题集\n一、单选题(共1题,每题2分)\n1.问?A.甲B.乙答案:B解析:因为乙。")
    question = bank.sections[0].questions[0]
    assert (question.options, question.answer, question.explanation) == ({"A": "甲", "B": "乙"}, "B", "因为乙。")


@pytest.mark.parametrize("marker", ["解析:", "【解析】", "解题说明:"])
def test_explanation_markers(marker):
    bank = parse_text(f"题集\n一、单选题(共1题,每题2分)\n1.问?\nA.甲\nB.乙\n【参考答案】B\n{marker}本题考察合规知识点。")
    question = bank.sections[0].questions[0]
    assert (question.answer, question.explanation) == ("B", "本题考察合规知识点。")


def test_reference_answer_with_numbered_structure_gives_key_points():
    bank = import_path(FIXTURES / "open-variants.txt")
    q2 = bank.question("s1-q2")
    assert q2.reference_answer == "（1）先倾听，让客户充分表达；（2）表达理解与歉意；（3）给出可执行的解决方案。"
    assert [kp.text for kp in q2.key_points] == ["先倾听，让客户充分表达", "表达理解与歉意", "给出可执行的解决方案。"]
    q3 = bank.question("s1-q3")
    assert [kp.text for kp in q3.key_points] == ["站在客户角度思考问题", "及时响应客户诉求", "持续改进服务流程。"]


def test_circled_numbers_in_reference_answer():
    bank = parse_text("题集\n一、行为面试题(共1题,每题5分)\n1.问?\n参考答案:①先道歉;②再核实;③最后反馈。")
    assert [kp.text for kp in bank.sections[0].questions[0].key_points] == ["先道歉", "再核实", "最后反馈。"]


def test_prose_answer_without_structure_has_no_invented_key_points():
    bank = parse_text("题集\n一、行为面试题(共1题,每题5分)\n1.问?\n答:我会耐心倾听并及时反馈。")
    question = bank.sections[0].questions[0]
    assert question.reference_answer == "我会耐心倾听并及时反馈。" and question.key_points == []
    assert codes(bank) == ["missing_key_points"]


def test_rubric_items_and_points_that_do_not_add_up():
    bank = import_path(FIXTURES / "open-variants.txt")
    question = bank.question("s1-q5")
    assert [(r.item, r.points, r.text) for r in question.rubric] == [
        ("拒绝承诺", 3, "说明审批由系统和风控决定"), ("解释流程", 2, "介绍审批所需材料"),
        ("安抚情绪", 2, "表达理解"), ("提供替代", 0.5, "推荐其他产品"),
    ]
    mismatch = [w for w in bank.warnings if w.code == "rubric_points_mismatch"]
    assert [(w.section, w.question) for w in mismatch] == [(1, 5)]


def test_inline_rubric_line():
    bank = parse_text("题集\n一、行为面试题(共1题,每题10分)\n1.问?\n答案要点:-甲:乙。\n评分标准:语言表达(5分)、逻辑清晰(5分)")
    assert [(r.item, r.points) for r in bank.sections[0].questions[0].rubric] == [("语言表达", 5), ("逻辑清晰", 5)]
    assert codes(bank) == []


def test_placeholder_answers_are_reported():
    bank = parse_text("题集\n一、行为面试题(共1题,每题10分)\n1.请做自我介绍。\n参考答案:(考生应根据自身经历作答)我叫[姓名]。")
    assert "placeholder_answer" in codes(bank)


def test_an_answer_left_out_as_略_is_no_key_point_but_a_placeholder_answer():
    text = (
        "客服面试题\n一、情景题（共4题，每题10分）\n1.客户投诉怎么办？\n答案要点：\n-安抚情绪：“理解您”\n"
        "2.你如何制定营销策略？\n答案要点：略。\n3.你的职业规划？\n答案要点：\n（略）\n4.老人要你代签字怎么办？\n参考答案：暂无\n"
    )
    bank = parse_text(text)
    assert [kp.text for kp in bank.question("s1-q1").key_points] == ["安抚情绪"]
    left_out = [bank.question(f"s1-q{n}") for n in (2, 3, 4)]
    assert [(q.key_points, q.reference_answer, q.truncated) for q in left_out] == [([], "略。", False), ([], "（略）", False), ([], "暂无", False)]
    assert sorted(codes(bank)) == ["missing_key_points"] * 3 + ["placeholder_answer"] * 3


def test_answer_key_appendix_fills_answers_and_reports_the_missing_ones():
    bank = import_path(FIXTURES / "appendix-key.txt")
    q1, q2, q3 = bank.sections[0].questions
    assert (q1.answer, q1.explanation) == ("B", "年满18周岁方可独立开户。")
    assert (q2.answer, q2.options["B"]) == ("B", "T+1")
    assert q3.answer is None
    assert codes(bank) == ["missing_answer", "deferred_answer_key"]


def test_answer_key_by_section_name():
    text = ("题集\n一、单选题(共1题,每题2分)\n1.问?A.甲B.乙\n二、判断题(共1题,每题1分)\n1.对吗?\n"
            "参考答案\n单选题1答案:B\n判断题1答案:错")
    bank = parse_text(text)
    assert bank.question("s1-q1").answer == "B"
    assert bank.question("s2-q1").answer is False
    assert codes(bank) == []


def test_answer_key_with_answer_n_entries_and_section_name_lines():
    text = ("题集\n一、单选题（每题2分，共2题）\n1.问一？A.甲B.乙\n2.问二？A.甲B.乙\n二、判断题（每题1分，共1题）\n1.对吗？\n"
            "三、行为面试题（共1题，每题5分）\n1.请介绍你自己。\n关键点：真诚、简洁。\n答案\n答案1：B\n答案2：A\n判断题\n1.对")
    bank = parse_text(text)
    assert [q.answer for _, q in bank.questions()] == ["B", "A", True, None]
    assert [kp.text for kp in bank.question("s3-q1").key_points] == ["关键点：真诚、简洁。"]  # a 关键点 line is a key point
    assert codes(bank) == []  # every question has its answer: the key is complete


def test_answer_key_organised_by_section_headings():
    text = ("题集\n一、单选题（每题2分，共2题）\n1.问一？A.甲B.乙\n2.问二？A.甲B.乙\n二、判断题（每题1分，共1题）\n1.对吗？\n"
            "参考答案\n一、单选题\n1.B 2.A\n二、判断题\n1.错")
    bank = parse_text(text)
    assert [q.answer for _, q in bank.questions()] == ["B", "A", False]
    assert codes(bank) == []


@pytest.mark.parametrize("answer", ["答案：A股市场波动时，我会先安抚客户情绪，再解释产品风险。", "答：是，我会先安抚客户的情绪，再核实问题。"])
def test_prose_answers_starting_with_a_letter_or_yes_are_not_objective(answer):
    bank = parse_text(f"题集\n一、情景题（共1题，每题10分）\n1.客户质疑收益，你会怎么回应？\n{answer}")
    question = bank.sections[0].questions[0]
    assert (question.kind, question.answer) == ("open", None)
    assert question.reference_answer == answer.split("：", 1)[1]


def test_objective_variants():
    bank = import_path(FIXTURES / "objective-variants.txt")
    rows = [(q.kind, q.options, q.answer) for _, q in bank.questions()]
    assert rows[0] == ("single_choice", {"A": "甲", "B": "乙", "C": "丙", "D": "丁"}, "C")  # options and answer on the stem line
    assert rows[1] == ("single_choice", {"A": "先办理后核实", "B": "先核实后办理"}, "B")  # an option wrapped over two lines
    assert rows[2] == ("single_choice", {"A": "对", "B": "错"}, "B")  # a true/false question written as a choice
    assert rows[3:5] == [("true_false", {}, True), ("true_false", {}, False)]  # T and ×
    assert rows[5] == ("multiple_choice", {"A": "甲", "B": "乙", "C": "丙"}, ["A", "C"])  # 正确答案：A,C
    short = bank.question("s4-q1")
    assert bank.sections[3].category == "knowledge"
    assert [kp.text for kp in short.key_points] == ["客户身份识别", "大额交易报告", "可疑交易报告。"]
