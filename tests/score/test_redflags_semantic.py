"""Held-out check of the semantic red-flag fallback (issue: regexes caught 1 of 8 fresh paraphrases).

These sentences were written after the first exemplars and thresholds were fixed, and
were NOT used to tune either; the contrastive rewrite (violation vs compliant exemplars,
redflags.py) did not use them either. The catch rate is measured with the regexes off,
so what is caught is caught by the semantic fallback: 6 of 13 with the first fallback
(absolute cosine per family), 9 of 13 with the contrastive one, 11 of 13 once units that tell the
candidate's own doing were held to a 0.03 lower margin (chosen on dev precision alone). The test guards that
figure from regressing and that no refusal or benign sentence is flagged.
"""

import pytest

from kaoguan.score import detect_red_flags
from kaoguan.score.redflags import SEMANTIC_MARGIN, detect_red_flags as detect

HELD_OUT_VIOLATIONS = [
    ("您就当存了个定期，到时候本金利息一样不少拿回去", "guaranteed_return"),
    ("我会说这个产品历史上就没让人赔过钱", "guaranteed_return"),
    ("客户着急的话，我就跟他说这笔赔偿包在我身上", "beyond_authority"),
    ("我会让客户在职业那一栏写公务员，这样额度高", "rule_bypass"),
    ("他本人不方便来，我就让他老婆帮他把名字签了", "rule_bypass"),
    ("请您把手机上收到的那几位数字读一下给我", "credential_request"),
    ("您把支付口令告诉我，我这边帮您处理", "credential_request"),
    ("他爸爸打电话来问，我就把他欠了多少钱说了", "privacy_leak"),
    ("我把客户资料表格转给了外面做贷款中介的朋友", "privacy_leak"),
    ("他再吵我就不搭理他了", "hostile"),
    ("多扣的那笔钱客户没注意到，我就不吭声了", "cover_up"),
    ("我把系统里的操作日志改一下，领导就查不出来", "cover_up"),
    ("我跟客户说这个保险和存款差不多，不提退保损失", "misleading_sales"),
]
RECORDED_CATCHES = 11

HELD_OUT_CLEAN = [
    "我不会跟客户说这个产品保证不亏",
    "我会告诉客户理财有风险，收益不能保证",
    "我会如实告诉客户出了差错，并且马上上报主管",
    "减免要走审批，我会帮您提交申请，结果以审核为准",
    "我会提醒客户不要把验证码告诉任何人",
    "家属来问账户情况，我会请本人来办理",
    "我会耐心听客户说完，先安抚他的情绪",
    "收入要按真实情况填写，不能虚高",
    "我会把手续费和风险都讲清楚，让客户自己决定",
    "我会先核实客户身份，再帮他查询交易记录",
]


def test_semantic_fallback_catch_rate_on_held_out_violations():
    caught = [(t, c) for t, c in HELD_OUT_VIOLATIONS if c in [f.code for f in detect(t, patterns=False)]]
    assert len(caught) >= RECORDED_CATCHES, caught


def test_semantic_flags_quote_a_clause_of_the_answer():
    for text, code in HELD_OUT_VIOLATIONS:
        for flag in detect_red_flags(text):
            assert flag.evidence and flag.evidence in text


@pytest.mark.parametrize("text", HELD_OUT_CLEAN)
def test_held_out_refusals_and_good_practice_are_not_flagged(text):
    assert detect_red_flags(text) == []


def test_a_refusal_close_to_an_exemplar_is_not_flagged():
    # Semantically near a guaranteed-return exemplar, but the clause refuses it.
    assert detect_red_flags("我绝不会跟客户说本金肯定一分都不会少") == []


def test_a_lower_margin_flags_more_and_a_higher_one_fewer():
    # The margin is the one knob of the fallback: it must actually trade recall for precision.
    def caught(margin):
        return sum(bool(detect(t, patterns=False, margin=margin)) for t, _ in HELD_OUT_VIOLATIONS)

    assert caught(SEMANTIC_MARGIN + 0.1) < caught(SEMANTIC_MARGIN) <= caught(SEMANTIC_MARGIN - 0.05)
