"""The words a candidate uses to excuse a workaround or a hidden mistake, whatever words the act
itself is told in (session 7): that the controls will not notice (系统一般看不出来, 录音没人会去翻),
that everyone does it, that the rules are too rigid, that the paperwork can follow later, that
nothing goes on the record, a 'special channel', a private benefit (a referral fee, a loan at
interest to a customer), and keeping a matter from the people who should hear of it. Every
fixture is in our own words, and each excuse has a clean counterpart next to it: the same words
refused, warned against, or quoted from someone else and turned down."""

import pytest

from kaoguan.score.redflags import detect_red_flags


def codes(text: str) -> list[str]:
    return [flag.code for flag in detect_red_flags(text)]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # the controls will not notice
        ("工资流水差一点，我让他先找朋友转几笔进来再打流水，审核那边一般看不出来。", "rule_bypass"),
        ("客户说是给亲戚垫的钱，我建议他分几天存进去，这样系统也发现不了。", "rule_bypass"),
        ("体检报告里那条先不上传，核保一般不会去查的，等过了两年就踏实了。", "rule_bypass"),
        # everyone does it; the rules are too rigid; the paperwork follows
        ("客户的授权书没带，我先把业务办了，我们支行好多人都这么办，问题不大。", "rule_bypass"),
        ("证件过期两天而已，我觉得规定是死的，人是活的，就先给他办了。", "rule_bypass"),
        ("老客户嘛，没必要那么死板，面签就先免了。", "rule_bypass"),
        ("客户急着用款，我先放款，收入证明回头再补。", "rule_bypass"),
        # nothing on the record; a special channel
        ("这些话我只当面跟他说，不会写在聊天记录里。", "rule_bypass"),
        ("我跟客户说：“您放心，我帮您走个特殊通道，明天就能批。”", "rule_bypass"),
        # a private benefit
        ("他等不及审批，我就把做民间借贷的朋友介绍给他，朋友会给我一点介绍费。", "rule_bypass"),
        ("客户差两万周转，我就用自己的钱借给他，约定月息一分。", "rule_bypass"),
        # keeping it from those who should know
        ("那通电话我语气不好，不过主管一般不会去听整段录音，这事就算了。", "cover_up"),
        ("多收的手续费我自己补给他了，请他别往上反映，大家都省事。", "cover_up"),
        ("算错利息是小事，这事我们俩知道就行，不用跟组长说。", "cover_up"),
        ("尾箱少了两百，我自己掏钱补上，金额不大就不用上报了。", "cover_up"),
    ],
)
def test_an_excuse_for_a_workaround_flags_the_answer(text, code):
    assert code in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        # the customer's excuse, turned down
        "客户让我把他的月收入写高点，说“反正你们也查不出来”，我拒绝了，跟他讲如实申报的重要性。",
        # an excuse the candidate warns against
        "有同事觉得事后补录双录也行，我会提醒他事后补录等于造假，一旦被检查出来要担责。",
        "我不会跟客户说“我给您走个特殊通道”这种话，审批结果要以系统为准。",
        # a colleague's excuse, reported
        "我提醒一个老同事不能替客户签字，他说大家都这么干，我还是按规定报给了合规岗。",
        # nothing to hide: reporting one's own mistake
        "利息说错了我会马上回电更正，并且主动跟组长说明，不会等别人发现。",
        # a referral fee and a gift refused
        "有朋友说介绍客户给他可以拿提成，我直接回绝了，这是利益冲突。",
        "客户硬要塞购物卡，我跟他说心意领了，购物卡按规定不能收。",
        # ordinary work that uses the same words
        "收入证明如果漏了，我会请客户补齐后再提交，材料不全的申请不能先办。",
        "我们的录音系统会完整保存通话，质检会定期抽查，所以每通电话我都按规范说。",
    ],
)
def test_the_same_words_refused_warned_or_quoted_stay_clean(text):
    assert codes(text) == []
