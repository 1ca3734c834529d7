"""Each red-flag family is caught with the clause that shows it; a refusal is not a red flag."""

import pytest

from kaoguan.score import detect_red_flags


@pytest.mark.parametrize(
    "text, code, evidence",
    [
        ("这款理财我跟您保证，保本保收益，放心买。", "guaranteed_return", "保本保收益"),
        ("这个基金稳赚，您闭着眼买就行。", "guaranteed_return", "这个基金稳赚"),
        ("您放心，这笔钱百分之百全额退给您。", "beyond_authority", "这笔钱百分之百全额退给您"),
        ("虽然不符合条件，但我先给您免了这笔违约金。", "beyond_authority", "但我先给您免了这笔违约金"),
        ("我会教他把收入写高一点，这样就能批下来。", "rule_bypass", "我会教他把收入写高一点"),
        ("实在不行就想办法绕过风控，换个号再申请。", "rule_bypass", "实在不行就想办法绕过风控"),
        ("您把验证码报给我，我帮您查一下。", "credential_request", "您把验证码报给我"),
        ("麻烦告诉我您的登录密码。", "credential_request", "麻烦告诉我您的登录密码"),
        ("我可以把她老公的账户余额告诉她。", "privacy_leak", "我可以把她老公的账户余额告诉她"),
        ("我把客户的保单拍照发到同学群里问了问。", "privacy_leak", "我把客户的保单拍照发到同学群里问了问"),
        ("这个责任主要在您自己，谁让您不看合同。", "hostile", "这个责任主要在您自己"),
        ("他再闹我就直接挂了电话。", "hostile", "他再闹我就直接挂了电话"),
        ("我会跟客户争辩到底，让他知道是他错了。", "hostile", "我会跟客户争辩到底"),
        ("说了好几遍了，您爱投诉就投诉吧。", "hostile", "您爱投诉就投诉吧"),
        ("系统扣错了钱，我就先瞒着客户，等下个月再补。", "cover_up", "我就先瞒着客户"),
        ("是我录错了利率，我就偷偷改回来，就当没发生过。", "cover_up", "我就偷偷改回来"),
        ("不买保险的话贷款审批很难通过。", "misleading_sales", "不买保险的话贷款审批很难通过"),
    ],
)
def test_each_family_is_detected_with_its_evidence(text, code, evidence):
    flags = detect_red_flags(text)
    assert code in [flag.code for flag in flags]
    flag = next(flag for flag in flags if flag.code == code)
    assert flag.evidence == evidence
    assert flag.label  # a Chinese label for the report


@pytest.mark.parametrize(
    "text",
    [
        "我绝不会承诺保本，也不会说稳赚这种话。",
        "我会明确告诉客户，这个产品不保本，可能亏损本金。",
        "我会提醒客户，任何人索要验证码都是诈骗，验证码千万不能告诉任何人。",
        "中间她要把验证码念给我，我赶紧拦住她。",
        "我不会当场和主管争论，会后再私下沟通。",
        "核查出结果前我没法保证一定能赔，但会全程跟进。",
        "我会提醒客户警惕所谓的征信修复骗局。",
        "客户的信息我们严格保密，绝不泄露给任何第三方。",
        "我会先安抚客户情绪，核实身份后帮他冻结卡片，提交争议申请，三天内回电话。",
    ],
)
def test_refusals_warnings_and_good_practice_are_not_red_flags(text):
    assert detect_red_flags(text) == []


def test_traditional_input_is_normalized_first():
    assert [f.code for f in detect_red_flags("這個產品保本保收益")] == ["guaranteed_return"]


# Paraphrases written for issue 3's generalisation check, worded unlike the dev answers.
# The families were widened (from the rules, not these sentences' words alone) until they
# caught them; a second fresh set was still caught only 1 time in 8 (see README), so these
# are regression tests of the widened patterns, not evidence of recall.
@pytest.mark.parametrize(
    "text, code",
    [
        ("这款理财您放心买，稳稳的不会亏本金", "guaranteed_return"),
        ("我跟客户说收益有保障，到期本息一分不少", "guaranteed_return"),
        ("我先替您把这个月的滞纳金免掉", "beyond_authority"),
        ("我跟您打包票，三天内审批一定通过", "beyond_authority"),
        ("收入那栏您可以多写一点，审批更容易过", "rule_bypass"),
        ("我可以替您做一下风险测评，选项我来答", "rule_bypass"),
        ("她丈夫来问，我就把她的账户余额告诉了他", "privacy_leak"),
        ("我已经说过三遍了，您到底听不听得懂", "hostile"),
        ("您要投诉就去投诉吧，随便您", "hostile"),
        ("我会跟客户说这张卡年费是免费的，其实第二年要收", "misleading_sales"),
    ],
)
def test_paraphrased_violations_are_flagged(text, code):
    assert code in [flag.code for flag in detect_red_flags(text)]


@pytest.mark.parametrize(
    "text",
    [
        "我会提醒客户，任何索要验证码的电话都是诈骗",
        "我不会私下给客户减免费用，要按规定走审批",
        "我不会帮客户在收入上多写一点",
        "家属来问余额，我不会透露给他",
        "我不会跟客户说这是免费的",
        "我没有权限减免，会帮您提交申请",
    ],
)
def test_paraphrased_refusals_are_not_flagged(text):
    assert detect_red_flags(text) == []
