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
