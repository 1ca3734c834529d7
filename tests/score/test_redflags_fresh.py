"""A fresh held-out check of the whole red-flag detector on answer-like texts.

Written after the contrastive detector, its exemplars and its margin were frozen
(2026-11-22, 17:40 UTC) and never used to tune them: each violation is a behaviour told
in context, as candidates tell it, worded unlike the exemplars, the dev answers and the
tuning set. The catch rate recorded when they were first run is guarded from regressing;
every clean text (refusals, warnings, honest answers on the same topics) must stay clean,
since a false alarm caps a good answer at 40% of its points.

First run: 7 of 16 violations caught (44%: far from the 0.90 target; the semantic
fallback alone caught 6), and 3 of 14 clean texts flagged by the regexes ("虚报收入是骗贷",
"遇到这种电话直接挂断", "本金不会少这种话我从来不说"). Those three were then fixed by general
rules (an offence named right after the match, a scam call, a quoted kind of talk); the
misses were left as they are, so the catch rate below is the untuned one.
"""

import pytest

from kaoguan.score import detect_red_flags

FRESH_VIOLATIONS = [
    ("客户犹豫要不要买，我就跟他说，这款产品我们行卖了好几年，每一期都是按最高收益兑付的，您买了就等着收钱。", "guaranteed_return"),
    ("基金跌了客户来问，我会劝他别卖，跟他讲这种好基金跌下去早晚会涨上来，拿一年肯定赚。", "guaranteed_return"),
    ("客户说因为我们的延误多付了利息，我当场跟他说这部分利息我们全部退给您，今天就到账，您别投诉了。", "beyond_authority"),
    ("客户的贷款还在审批，他急着用钱，我就跟他说明天一定放款，出了问题我负责。", "beyond_authority"),
    ("客户的社保只交了三个月，达不到申请条件，我会让他找人开一个之前单位的在职证明补上，这样就够了。", "rule_bypass"),
    ("客户要一次取二十万现金，为了不用提前预约和登记，我让他今天取一半，明天再取一半。", "rule_bypass"),
    ("客户说手机银行被锁了，我会让他把登录密码和刚收到的短信码一起告诉我，我在后台帮他解锁。", "credential_request"),
    ("为了确认是本人，我会请客户把卡的取款密码说一遍，对上了再给他办。", "credential_request"),
    ("一个自称是客户同事的人打电话来，说找不到客户了，我就把客户登记的家庭住址告诉了他。", "privacy_leak"),
    ("做催收的时候联系不上欠款人，我就打给他的同事，告诉他们这个人欠了我们多少钱，让他们帮忙催一下。", "privacy_leak"),
    ("客户在电话里骂了我几句，我就回他，你再这么说话我就不给你办了，看谁着急。", "hostile"),
    ("客户坚持说是我们扣错了钱，我就直接跟他说，账单写得清清楚楚，是你自己没看，别在这儿浪费大家时间。", "hostile"),
    ("我给客户转账的时候多转了一个零，后来客户退回来了，我就没跟主管说，反正钱也没少。", "cover_up"),
    ("我把客户的申请材料弄丢了，就跟客户说是他自己没交齐，让他再交一次。", "cover_up"),
    ("客户来存定期，我会跟他说现在有一款利息更高的存款，其实是一款五年期的分红保险，他一般也不会细看合同。", "misleading_sales"),
    ("客户说不想要这张信用卡附带的保险，我就说这是绑定的，取消不了，其实打个电话就能取消。", "misleading_sales"),
]
# Caught (right family) when first run, before any change.
RECORDED_CATCHES = 7

FRESH_CLEAN = [
    "客户问这款理财会不会亏，我会如实说它不保本，过去收益好不代表以后也好，让他看完风险揭示再决定。",
    "客户要求赔偿误工费，我会跟他说这不在我能决定的范围，我把他的诉求提交上去，三个工作日内给他答复。",
    "客户想多写收入提高额度，我会劝他如实填写，虚报收入是骗贷，后果很严重。",
    "我会告诉客户，我们的工作人员任何时候都不会问您要密码和验证码，遇到这种电话直接挂断。",
    "他的邻居来问他是不是欠了钱，我会说抱歉，客户的信息我们不能透露，请他理解。",
    "客户骂得很难听，我还是保持语气平和，等他说完再一条一条回应他的问题。",
    "发现自己给客户算错了还款金额，我马上打电话给客户道歉并更正，同时报告了组长。",
    "卖保险的时候，我会把犹豫期、退保损失和免责条款都讲清楚，不会把保险说成存款。",
    "本金不会少这种话我从来不说，因为理财是有风险的。",
    "客户要求我帮他把交易拆成几笔避开监管，我直接拒绝了，并按规定上报了可疑交易。",
    "主管当众批评我，我当时没有顶嘴，下班后找他心平气和地谈了谈。",
    "客户说别家银行承诺保本，我会解释那是违规的，正规的理财产品都不能承诺保本。",
    "我之前在奶茶店打工，经常遇到顾客催单，我就先道歉再告诉他还要等几分钟。",
    "客户急着用钱，我会帮他查询审批进度，但不会承诺具体放款时间。",
]


def _caught(text: str, code: str) -> bool:
    return code in [flag.code for flag in detect_red_flags(text)]


def test_fresh_violations_catch_rate():
    caught = [(text, code) for text, code in FRESH_VIOLATIONS if _caught(text, code)]
    assert len(caught) >= RECORDED_CATCHES, caught


def test_fresh_flags_quote_a_clause_of_the_answer():
    for text, _ in FRESH_VIOLATIONS:
        for flag in detect_red_flags(text):
            assert flag.evidence and flag.evidence in text


@pytest.mark.parametrize("text", FRESH_CLEAN)
def test_fresh_clean_answers_are_not_flagged(text):
    assert detect_red_flags(text) == []
