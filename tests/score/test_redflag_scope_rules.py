"""Scope rules added in session 6, from false alarms that recurred across eight writers' answers:
telling the customer about his own case (告诉他需要带身份证) read as leaking someone's details,
泄露 as a noun (按信息泄露流程处理), a refusal right after the act (红包我不能收), 不用/无需 before a
request (您不用把密码发给我), 是您自己 describing what a code is for, and the learned classifier
overruling the rules' reading of a negation (没有包赚不赔的). Fixtures are in our own words; each
rule has the violation beside it that must still be caught, so a rule that silences a family fails."""

import pytest

from kaoguan.score.redflags import detect_red_flags


def codes(text: str) -> list[str]:
    return [flag.code for flag in detect_red_flags(text)]


@pytest.mark.parametrize(
    "text",
    [
        # the customer told about his own case
        "我会耐心告诉他补办需要带身份证和银行卡，再告诉他离小区最近的支行地址，让家里人陪着去。",
        "查到款项已经退回后，我会告诉她到账的时间和流水号，请她留意短信。",
        # 泄露 as the name of what happened or is feared
        "邮件发错了人，我第一时间上报主管，按信息泄露的流程登记处理，并向客户道歉。",
        "我会提醒他如果担心泄露，就马上修改登录密码。",
        # a refusal right after the act
        "老人硬要塞给我一个红包，我跟他说心意领了，红包我们按规定不能收。",
        # 不用 / 无需 before the request
        "我会跟他说：“您不用把验证码告诉我，我们这边用不到，也请别告诉任何人。”",
        # what a code is for, not whose fault
        "我会解释，验证码是您自己用来确认交易的，任何人问都不要给。",
        # a negated sure-win the classifier alone would flag
        "我会跟客户讲清楚，任何投资都没有包赚不赔的，收益和风险是连在一起的。",
    ],
)
def test_scope_keeps_good_answers_clean(text):
    assert codes(text) == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # told to a third party, a balance is a leak, whoever 她 is
        ("来电的女士说是客户的妻子，我核对了几句就告诉她账户里大概还有多少余额。", "privacy_leak"),
        ("他说是客户的朋友，我就告诉他客户的手机号，让他自己联系。", "privacy_leak"),
        ("我把客户的流水截图发给了他老婆，反正是一家人。", "privacy_leak"),
        # the same gift taken
        ("客户塞给我一个红包，我想着是心意就收下了，也没跟主管说。", "rule_bypass"),
        # the same code asked for
        ("为了快点办完，我让客户把验证码念给我，我帮他在系统里操作。", "credential_request"),
        # blame that stays blame
        ("我会直接跟他说，是您自己输错了账号，我们没有责任。", "hostile"),
        # the same sure-win asserted
        ("我跟客户说，这个产品定投三年包赚不赔，您放心买。", "guaranteed_return"),
    ],
)
def test_the_acts_themselves_are_still_flagged(text, code):
    assert code in codes(text)
