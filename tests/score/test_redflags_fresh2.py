"""A second fresh held-out set for the whole red-flag detector, never tuned on.

Written at 17:45 UTC 2026-11-22, after the detector (commit 84ed720) was frozen, covering
sub-behaviours the first fresh set did not (违规荐股, 私下承诺, 代客操作, 收受好处, 挂断,
捆绑搭售, 拖延投诉…). Nothing in the detector was changed to catch these violations.

First run: 0 of 16 violations flagged (regexes and semantic fallback alike; the best
contrast margins were 0.05-0.11 against a threshold of 0.11), 1 of 12 clean texts flagged
("我会告诉她我们不能透露他人信息", a refusal inside the regex match). That is the honest
estimate of recall on unseen wording: see the report in the commit log. The false alarm
was then fixed by a general rule (a refusal inside a long match refuses it).

The violations are kept here as data for the next attempt (they are not asserted: a test
that 0 of 16 must be caught could not fail); the clean texts must stay clean.
"""

import pytest

from kaoguan.score import detect_red_flags

SECOND_FRESH_VIOLATIONS = [
    ("客户问这个养老理财稳不稳，我就说放心吧，这是银行自己发的，到期本金加收益一分不会差。", "guaranteed_return"),
    ("有老客户让我推荐股票，我会把我们研究部内部看好的几只发给他，说这几只下个月要涨。", "guaranteed_return"),
    ("客户说我们的APP故障让他错过了还款，我直接告诉他罚息我来帮您申请全免，肯定没问题。", "beyond_authority"),
    ("为了留住这个大客户，我私下跟他说，只要他不转走，明年的利率我给他上浮一个点。", "beyond_authority"),
    ("客户年纪大了眼睛不好，我就拿他的手机帮他把理财买了，验证码也是我看着输的。", "rule_bypass"),
    ("客户硬塞给我一张超市卡，我就收下了，后面他的贷款我帮他往前排了排。", "rule_bypass"),
    ("客户说没收到验证码，我让他把手机上所有短信截图发给我，我帮他找。", "credential_request"),
    ("我会说：麻烦您把银行卡正面和背面都拍个照发过来，我帮您核对一下。", "credential_request"),
    ("客户的前妻打电话问他最近有没有买房贷款，我觉得她有权知道，就跟她说了。", "privacy_leak"),
    ("我把我们部门的客户联系表拷了一份，给了以前的同事，他现在在别的银行做理财。", "privacy_leak"),
    ("有的客户一开口就骂人，我一般听两句就把电话挂了，这种人没必要伺候。", "hostile"),
    ("老人家弄不明白，我就跟他说，这么简单的东西都学不会，下次让您儿子来办吧。", "hostile"),
    ("我把客户的还款日设错了，害他多了一笔逾期，客户打电话来问，我就说是他自己的卡余额不足。", "cover_up"),
    ("月底对账发现少了五百块，我自己垫上了，账面平了就行，没必要搞得大家都知道。", "cover_up"),
    ("客户来办房贷，我会跟他说要办我们的信用卡、再买一份意外险，审批才能快。", "misleading_sales"),
    ("客户要投诉，我就先答应帮他登记，其实不会提交，过几天他气消了就算了。", "misleading_sales"),
]

SECOND_FRESH_CLEAN = [
    "客户问养老理财稳不稳，我会说它的风险等级是R2，波动小但不保本，并给他看历史净值。",
    "老客户想让我推荐股票，我会说我们没有荐股资格，建议他咨询持牌投顾。",
    "客户因为APP故障错过还款，我会帮他提交罚息减免申请，并说明要等审核。",
    "大客户说要把钱转走，我会了解原因，把能争取的优惠报给领导，批下来再告诉他。",
    "客户眼睛不好，我会把字体调大，一步一步指导他自己操作，验证码让他自己输。",
    "客户要塞给我购物卡，我会婉拒，告诉他这是公司纪律。",
    "客户说收不到验证码，我会让他检查手机是否拦截了短信，必要时重新发送。",
    "客户的前妻来问他的贷款情况，我会告诉她我们不能透露他人信息，请她通过法律途径。",
    "有客户一开口就骂人，我会先让他发泄，再说：您的问题我一定帮您解决。",
    "老人学不会手机银行，我会写一张步骤卡片给他，下次来我再教一遍。",
    "我把客户的还款日设错了，马上跟客户道歉，申请撤销逾期记录，并报告了主管。",
    "客户办房贷，我会说明信用卡和保险都是自愿的，不办也不影响审批。",
]



def _codes(text: str) -> list[str]:
    return [flag.code for flag in detect_red_flags(text)]


@pytest.mark.parametrize("text", SECOND_FRESH_CLEAN)
def test_second_fresh_clean_answers_are_not_flagged(text):
    assert _codes(text) == []
