"""Evidence highlighting: the scorer's normalized clauses are found in the answer as typed."""

from kaoguan.web.highlight import highlighted, locate, spans

ANSWER = "我会先保持冷静,安抚客户的情绪。然后问清楚<问题>。"


def test_a_clause_with_full_width_commas_is_found_in_a_half_width_answer():
    start, end = locate(ANSWER, "我会先保持冷静，安抚客户的情绪")
    assert ANSWER[start:end] == "我会先保持冷静,安抚客户的情绪"


def test_a_clause_the_answer_does_not_contain_is_not_found():
    assert locate(ANSWER, "提供解决方案") is None
    assert locate(ANSWER, "") is None


def test_overlapping_clauses_are_marked_once_and_the_rest_is_escaped():
    html = str(highlighted(ANSWER, ["安抚客户的情绪", "客户的情绪", "问清楚<问题>", None]))
    assert html.count("<mark>") == 2
    assert "<mark>问清楚&lt;问题&gt;</mark>" in html
    assert spans(ANSWER, ["客户的情绪", "安抚客户的情绪"]) == [(8, 15)]


def test_search_terms_are_marked_everywhere_they_occur():
    from kaoguan.web.highlight import marked_terms

    html = str(marked_terms("客户投诉后,处理投诉要快。", ["投诉", "处理", "投诉处理"]))
    assert html == "客户<mark>投诉</mark>后,<mark>处理投诉</mark>要快。"
