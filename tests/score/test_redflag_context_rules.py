"""General context rules of the red-flag detector (redflag_context.py, redflags.py) added when
four writers' answers (sets 3 and 4, training corpora B, C and D) showed the same false alarms:
an act named as an offence, a refusal told after the act, a warned-of condition (…的话), a
colleague introduced by where they sit, a deposit called 保本 in a sentence about deposits,
hanging up on a fraudster as advice. Each fixture is in our own words; each rule also has a
violation next to it that must still be caught, so a rule that silences everything fails."""

import pytest

from kaoguan.score.redflags import detect_red_flags


def codes(text: str) -> list[str]:
    return [flag.code for flag in detect_red_flags(text)]


@pytest.mark.parametrize(
    "text",
    [
        # an act named as an offence
        "客户想让我帮他在申请表上多报点收入，我跟他解释，多报收入属于提供虚假材料，被查出来会被拒贷，还可能担法律责任。",
        "他让我替他在确认书上签个字，我说替客户签字就是代签，出了纠纷谁都说不清，还是请他本人来一趟。",
        "同事把客户的身份证照片发进了外部群，我提醒他，这已经属于客户信息泄露，让他马上撤回并上报。",
        # a refusal told after the act
        "帮客户私下免掉违约金这种事我不会做，我会帮他提交减免申请，结果以审核为准。",
        "那次我把客户的还款日说错了，第一反应是想把通话记录里那句删掉，但我马上打消了这个念头，当天就报告了组长。",
        # the act as the condition of a harm warned of
        "我会提醒客户健康告知一定要如实填写，隐瞒病史的话，将来理赔时保险公司可以拒赔。",
        # a colleague introduced by where they sit
        "我发现组里一个新同事把客户的身份证照片发到了同学群里，我马上让她撤回并上报了信息安全岗。",
        "有一次我旁边的同事不耐烦，说完就挂了客户的电话，我后来回拨给客户道了歉。",
        # a deposit called principal-protected
        "如果一分钱都不能亏，我会推荐定期或者大额存单，这个是保本的，五十万以内有存款保险。",
        # hanging up on a fraudster
        "我会告诉老人，凡是让您报验证码的都是骗子，直接挂掉就行。",
    ],
)
def test_context_keeps_good_answers_clean(text):
    assert codes(text) == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("客户收入不够，我就帮他在申请表上把月收入多报一点，这样好批。", "rule_bypass"),
        ("客户急着用钱，我就私下给他免掉了违约金，反正金额不大。", "beyond_authority"),
        ("客户问这款增额寿安不安全，我说跟存款差不多，本金是稳稳的。", "guaranteed_return"),
        ("客户一直问同样的问题，我说完就挂了他的电话。", "hostile"),
        ("那次我把还款日说错了，就把通话记录里那句删掉了，也没跟组长说。", "cover_up"),
    ],
)
def test_the_same_acts_done_by_the_candidate_are_still_flagged(text, code):
    assert code in codes(text)
