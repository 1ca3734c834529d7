"""Each garbled span is reported at the first question that holds it, however many there are."""

from kaoguan.ingest import parse_text


def _bank_with_mojibake(questions: int) -> str:
    lines = ["一、单选题（每题1分）"]
    for number in range(1, questions + 1):
        # every question garbled the same way, and every third one also in its own way
        own = f"第{number}条\ufffd规定" if number % 3 == 0 else "规定"
        lines.append(f"{number}.客户要求办\ufffd业务时，客服依据{own}首先应该（ ）。A.核实身份B.直接办理C.拒绝D.转人工")
        lines.append("答案：A")
    return "\n".join(lines)


def test_every_garbled_span_names_the_first_question_holding_it():
    bank = parse_text(_bank_with_mojibake(60))
    garbled = [w for w in bank.warnings if w.code == "garbled_text"]
    shared = [w for w in garbled if "办" in w.text]
    own = [w for w in garbled if "条" in w.text]
    assert {(w.section, w.question) for w in shared} == {(1, 1)}  # the same span: its first question
    assert [(w.section, w.question) for w in own] == [(1, n) for n in range(3, 61, 3)]
    for warning in own:
        assert warning.text in bank.question(f"s1-q{warning.question}").prompt


def test_a_mis_decoded_bank_gets_one_warning_per_question_not_one_per_occurrence():
    bank = parse_text(_bank_with_mojibake(60))
    garbled = [w for w in bank.warnings if w.code == "garbled_text"]
    places = [(w.section, w.question) for w in garbled]
    assert len(places) == len(set(places)) == 1 + 20  # the shared span once, at q1; each own span at its question
    first = bank.question("s1-q1").prompt
    assert garbled[0].text in first and "乱码" in garbled[0].message


def test_several_spans_in_one_question_are_named_in_one_warning_and_all_kept():
    spans = [f"第{n}条\ufffd规定" for n in range(1, 6)]
    text = "一、单选题（每题1分）\n1.客服依据" + "，".join(spans) + "首先应该（ ）。A.核实B.办理\n答案：A"
    bank = parse_text(text)
    [warning] = [w for w in bank.warnings if w.code == "garbled_text"]
    assert (warning.section, warning.question) == (1, 1)
    assert "5处乱码" in warning.message and "等" in warning.message  # three shown, the rest summed up
    assert all(piece in bank.question("s1-q1").prompt for piece in warning.text.split("\n"))
    assert len(warning.text.split("\n")) == 5
