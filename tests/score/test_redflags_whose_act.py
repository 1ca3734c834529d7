"""A red flag is the candidate's own act. Good answers to trap questions name the forbidden thing
done by someone else, asked about, or labelled as an offence; those must stay clean, while the same
words in the candidate's own mouth (or in what they tell the customer) are still flagged.
Sentences written for this test, not taken from any evaluation set."""

import pytest

from kaoguan.score.redflag_context import OTHER, SPEAKER, clause_subjects
from kaoguan.score.redflags import detect_red_flags
from kaoguan.score.text import normalize_answer, split_clauses

CLEAN = [
    # someone else asks for it, the candidate refuses
    "客户问我哪款理财能保证稳赚，我告诉他没有这样的产品，理财都有风险。",
    # an anecdote about a colleague, condemned
    "我以前见过一个同事，为了冲业绩跟客户说这款年金保本保收益，后来被投诉处分了，我觉得这种做法害人害己。",
    # the customer's abuse, not the candidate's
    "有个客户一打进来就骂我们是骗子，还说了很多难听的话，我没有跟他争，先听他说完再帮他查问题。",
    # the offence named as an offence
    "客户想让我帮他把流水做得好看一点，那属于造假，我会直接拒绝，建议他提供真实材料。",
    # telling the customer to keep the code to themselves
    "到了输验证码那一步，我会说这个数字您自己输进去就行，不用念给我，谁问您要都别说。",
    # deposits really are protected
    "客户担心小银行倒闭，我会解释存款保险制度，同一家银行存款在50万以内是保本的。",
    # a condition about the customer's act, then the right response
    "我会先问他有没有把验证码告诉对方，如果已经说了，就马上改密码、冻结账户并报警。",
    # a warning about what others say, inside the candidate's own words
    "我会告诉客户，谁跟您说有内幕消息、稳赚不赔，您都要警惕，这很可能是诈骗。",
    # owning up, and saying what one did NOT say
    "算错金额后我马上告诉了主管，从没想过瞒着，然后给客户回电道歉。",
    "客户一直骂人，我没有回嘴，也没说“您再这样我就挂了”之类带情绪的话，等他说完再帮他查。",
    # a gift offered by the customer and declined
    "有一次他拿着红包和水果非要给我，我说心意领了，按规定不能收。",
    # a colleague's words, reported to compliance
    "我听到一位同事跟客户说：“这个产品稳赚不赔。”我当场提醒他，之后报告了合规经理。",
    "客户情绪很激动，我没有跟他争，先把扣费规则和他一起核对了一遍。",
]


@pytest.mark.parametrize("answer", CLEAN)
def test_someone_elses_act_a_question_or_a_label_is_not_a_red_flag(answer):
    assert detect_red_flags(answer) == []


FLAGGED = [
    # what the candidate tells the customer is theirs, whoever the clause is about
    ("我会跟客户说，网上有专门做征信修复的公司，花点钱就能帮您处理掉，我可以介绍给您。", "misleading_sales"),
    # the candidate's own promise after quoting the customer's question
    ("客户问这个产品会不会亏，我就跟他说您放心，这个产品是保本的，稳赚不赔。", "guaranteed_return"),
    # the candidate's own concealment
    ("那次是我把账单日改错了，我悄悄改回来了，也没跟组长说，反正客户没发现。", "cover_up"),
    ("发现同事少退了客户的钱，我没有上报，帮他把记录改成客户同意部分退款。", "cover_up"),
    # structuring to stay under a control's threshold
    ("客户嫌登记麻烦，我就教他今天转四万九，明天再转四万九，每笔别超过五万就行。", "rule_bypass"),
    # inflated particulars and borrowed identities
    ("审批没过的话，我会让他重新申请，月收入写到两万，单位填他朋友的公司。", "rule_bypass"),
    ("指标完不成，我就借亲戚的身份证和手机号把卡办下来。", "rule_bypass"),
    # a code sent to the candidate's phone
    ("为了方便，我让客户把支付密码发到我手机上，每月帮他操作还款。", "credential_request"),
    # a stock tip
    ("我会小声跟他说，我个人看好新能源，下个月有政策，您现在进正好。", "misleading_sales"),
    # looking up someone else's account for the caller
    ("他想知道前妻有没有钱，我就说我帮您查查您前妻的账户，给您个大概。", "privacy_leak"),
    # shaming a debtor, a pre-ticked add-on, a traced signature, counting on nobody reading
    ("他再不还，我就通知他单位领导和家人，让他们都知道他欠钱不还。", "hostile"),
    ("办贷款时我会帮客户把那份保险默认勾上，一般没人注意。", "rule_bypass"),
    ("漏签了风险揭示书，我就照着客户以前的签名描了一个补上。", "rule_bypass"),
    ("我跟客户说这个收益是保证的，其实合同里写的是演示利率，客户一般不会细看。", "misleading_sales"),
]


@pytest.mark.parametrize(("answer", "code"), FLAGGED)
def test_the_candidates_own_act_is_still_flagged(answer, code):
    assert code in {flag.code for flag in detect_red_flags(answer)}


def test_a_subjectless_clause_continues_the_subject_before_it_in_the_sentence():
    text = normalize_answer("有个客户一接通就骂人，还摔了电话。我先道歉，再帮他查原因。")
    subjects = dict(zip(split_clauses(text), clause_subjects(text)))
    assert subjects["还摔了电话"] == OTHER
    assert subjects["再帮他查原因"] == SPEAKER
