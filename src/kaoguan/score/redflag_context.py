"""Whose act a clause tells, for the red-flag detector.

A red flag is something the CANDIDATE says they did or would do. Good answers to trap
questions are full of the forbidden thing done by someone else or named as wrong:
"客户问哪个能保证不亏", "谁跟您说稳赚不赔您都要小心", "我以前见过一个同事，为了冲业绩跟客户说
‘稳赚不赔’", "有个客户一接通就骂我们是骗子，…还骂了很多难听的", "那属于造假", "问他有没有把
验证码告诉对方". This module marks, clause by clause, the ones that are not the speaker's own
act, so neither the patterns nor the semantic fallback take them as evidence.

How: Chinese drops a repeated subject, so a clause without one continues the subject of the
clause before it in the same sentence. A clause that opens with a third party (客户, 同事,
谁, 有人 …), or one that introduces one (见过一个同事, 发现同事 …), sets that subject; a
clause that opens with 我/我们 sets the speaker. Questions put to someone (问他有没有…) and
labels of an offence (那是规避监管, 那属于造假) are not acts either. Deliberately simple:
when the subject cannot be told, the clause counts as the speaker's (the detector's default).
"""

from __future__ import annotations

import re

from kaoguan.score.text import CLAUSE_BOUNDARY, CLAUSE_STRIP, split_clauses

# Connectives and time words a clause may open with before its subject.
_LEAD = (
    # a time first: "核身的时候她说", "挂了电话以后我…"
    r"(?:[^，。我您你他她“”]{1,6}(?:的时候|之后|以后))?"
    r"(?:但是?|可是|不过|而且|所以|因此|于是|然后|后来|后面|到时候|回头|结果|当时|之前|以前|原来|其实|如果|要是|就|也|还|又|那|这时候?|有一次|有次|那次|这次|"
    r"早上|上午|中午|下午|傍晚|晚上|昨天|前天|去年|前年|那天|有天|有一天)*"
)
_SPEAKER = re.compile(_LEAD + r"(?:我|咱们)")
# Words put about by people outside, or by someone known only by what they did: "外面说…",
# "网上认识的人说…", "打电话给您的人让您…". Told to the customer, they are warned of.
_HEARSAY = (
    r"(?:外面|外头|网上|社会上|市面上)(?=[^，。]{0,6}(?:说|讲|宣传|号称|声称|吹))"
    r"|[^，。我您你]{1,6}的(?:人|那些人|那帮人)(?=[^，。]{0,2}(?:说|讲|让|叫|要|号称|声称))"
)
_THIRD_PARTY = re.compile(
    _LEAD
    # "组里一个老同事为了冲业绩", "旁边一位老同事": where they sit, then who
    + r"(?:组里|旁边|隔壁|身边|对面|网点里?|部门里?|团队里?|柜台上?)?"
    + r"(?:有个|有位|有一个|有一位|一个|一位|这个|那个|这位|那位|有的|很多|不少|有些)?"
    # "隔壁工位的同事", "旁边柜台的客户": a short modifier first (not the speaker's own "我们的",
    # nor a preposition: "跟接电话的同事说" is the speaker talking to them)
    + r"(?:[^，。我您你的跟和对给向把被让叫替帮问找][^，。我您你的]{0,4}的)?"
    r"(?:客户|顾客|用户|对方|(?:新|老)?同事|前同事|同行|业务员|销售|理财经理|客户经理|骗子|老人家|老人|大爷|大妈|阿姨|"
    r"先生|女士|男士|老太太|老爷子|小伙子|年轻人|"
    r"他们|他|她|有人|别人|任何人|谁|人家|家属|儿子|女儿)"
    # hearsay: "外面说花钱能洗白征信的", "网上认识的人说帮您稳赚不赔的"
    + r"|" + _LEAD + _HEARSAY
)
# "(我)见过一个同事", "发现同事把…", "听说有人…": the clauses after it tell the other's act.
_INTRODUCES_THIRD_PARTY = re.compile(
    r"(?:见过|遇到过?|碰到过?|发现|看到|看见|听说|听到|听见)(?:了)?(?:有|一个|一位|有个|有位|个|位)?"
    r"(?:同事|前同事|同行|员工|业务员|销售|客户经理|理财经理|前辈|代理人|人)"
    # "我之前实习的网点有个同事，为了冲销量跟大爷说…"
    r"|有(?:个|一个|位|一位)(?:新|老)?(?:同事|前同事|同行|员工|业务员|销售|客户经理|理财经理|前辈|师傅|师父|代理人|柜员|坐席)"
    # ...or without a count: "（我之前在信用卡中心，）有同事为了冲分期量…"
    r"|(?:^|[，。])有(?:的|些)?(?:新|老)?(?:同事|前同事|同行)"
    # "我发现组里一个新同事把…", "有一次我旁边的同事接到…": a colleague, however placed
    # (or without the count: "我听到邻座同事跟客户说…")
    r"|(?:见过|遇到过?|碰到过?|发现|看到|看见|听说|听到|听见)[^，。]{0,6}?(?:一个|一位|个|位)?(?:新|老)?(?:同事|同行|员工|业务员|销售)"
    r"|我(?:旁边|身边|隔壁|组里|们组里?|们网点|们部门|们团队)?的(?:一个|一位)?(?:新|老)?(?:同事|前同事|同行|搭档|师傅)"
    # an opinion of others: "我觉得现在很多年轻人欠债是因为…，看到别人买什么自己也要买"
    r"|(?:觉得|认为)(?:现在)?(?:很多|有些|不少|一些|有的)(?:年轻人|人|客户|同事|机构|公司)"
)
# A question put to someone is not an act: "问他有没有把验证码告诉对方".
_ASKS = re.compile(r"问[^，。]{0,4}(?:有没有|是否|是不是|能不能|可不可以|哪)|问清楚?[^，。]{0,16}(?:什么|多少|谁|哪|怎么|几)")
_SENTENCE_END = re.compile(r"(?<=[。！!？?；;\n])")
# What the speaker tells someone is the speaker's act, whoever its clauses are about:
# "我会跟客户说，网上有专门做征信修复的公司", "我会告诉他，这位客户这个月还差三千二没还".
_SPEAKER_TELLS = re.compile(
    _LEAD + r"我(?:们)?[^，。]{0,6}(?:跟|和|对|给|向)[^，。]{0,6}(?:说|讲|解释|介绍)|"
    + _LEAD + r"我(?:们)?[^，。]{0,6}(?:告诉|答应|回复|提醒|建议)"
)

# Inside what the speaker says, a clause about anyone else is a warning of them: "谁跟您说稳赚
# 不赔您都要小心", "有人让您转账就是诈骗".
# (or of a kind of firm: "（网上那些收费包办的机构，）很多是先收一笔服务费就不管了"; not "网上有
# 专门做征信修复的公司", which recommends them)
_ANYONE_ELSE = re.compile(
    _LEAD + r"(?:谁|有人|别人|任何人|骗子|对方|(?:很多|有些|有的|不少|一些)(?:人|机构|公司|平台|中介)?是|" + _HEARSAY + ")"
)

_SPEAKER_ACTS_LATER = re.compile(r"我(?:们)?(?:就|会|直接|也|便|才|还|都|先|马上|立刻|当场)")

SPEAKER, OTHER, UNKNOWN = "speaker", "other", "unknown"


def clause_subjects(text: str) -> list[str]:
    """For each clause of `split_clauses(text)`, SPEAKER, OTHER or UNKNOWN (no subject seen)."""
    subjects: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        current, telling, others_quote, previous, scripted = UNKNOWN, False, False, "", False
        for raw, clause in _raw_clauses(sentence):
            # a quotation opened right after someone else's clause is their words, whatever
            # its clauses say ("听到一位老同事跟客户说：“跌了我兜底，保证您不亏。”")
            opens_quote = raw.lstrip().startswith(("“", '"'))
            others_quote = others_quote or (opens_quote and current == OTHER and _names_someone_else(previous))
            previous = clause
            if others_quote:
                current = OTHER
                others_quote = not raw.rstrip().endswith(("”", '"'))
            elif scripted and _SCRIPT_GOES_ON.match(clause):
                # a fraudster's script told step by step: "骗子会打电话说…，然后让您下载…，再让您把验证码告诉他"
                current = OTHER
            elif telling:  # the speaker's words, unless they warn of what others say or do
                current = OTHER if _ANYONE_ELSE.match(clause) else SPEAKER
            else:
                carried = current
                current = _subject_of(clause, current)
                # ...and one opened inside their clause goes on: "有位客户经理跟老人说“稳赚不赔，跌了我兜着”",
                # also by a clause that carries them on ("那位同事…，就跟客户说“您把验证码念给我，我帮您弄”")
                goes_on = carried == OTHER and bool(_SPEECH_OPENING.match(clause))
                others_quote = current == OTHER and bool(_SAYS_AND_OPENS_QUOTE.search(raw)) and (_names_someone_else(clause) or goes_on)
            scripted = current == OTHER and (scripted or bool(_ANYONE_ELSE.match(clause)))
            # "我听到一位同事跟客户说：…" introduces the colleague's words, not the speaker's
            telling = telling or (bool(_SPEAKER_TELLS.match(clause)) and not _INTRODUCES_THIRD_PARTY.search(clause))
            subjects.append(current)
    return subjects


_SCRIPT_GOES_ON = re.compile(r"(?:然后|接着|再|还|又|就|要)(?!我)")


# A clause that has someone say something and opens the quotation without closing it.
_SAYS_AND_OPENS_QUOTE = re.compile(r"^[^“”]*?(?:说|讲|道|骂|喊|嚷)[^“”]{0,8}“[^”]*$")


def _names_someone_else(clause: str) -> bool:
    """The clause names its third-party subject itself, or carries one and has no 我 in it
    ("所以我还会再加一句：“…”" introduces the speaker's words)."""
    return bool(_INTRODUCES_THIRD_PARTY.search(clause) or _THIRD_PARTY.match(clause)) or "我" not in clause


def _raw_clauses(sentence: str) -> list[tuple[str, str]]:
    """The clauses of `split_clauses(sentence)`, each with its text before quotes were stripped."""
    pairs = []
    for raw in CLAUSE_BOUNDARY.split(sentence):
        clause = raw.strip(CLAUSE_STRIP)
        if len(clause) >= 2:
            pairs.append((raw, clause))
    return pairs


# A topic put first, then the speaker: "这种事我会装作没看见", "红包我一般会收下".
_TOPIC_THEN_SPEAKER = re.compile(r"[^，。我他她]{1,5}我(?:们)?(?:会|就|也|一般|都|肯定|绝对|不会|从来|直接)")


# Someone's words told without a new subject: "（同事跟客户吵了起来，）说什么“您自己不看怪谁”".
# ...or telling someone more: "（一个老同事跟客户说“保本”，）还跟一位老人说“跌了我给您补”".
_SPEECH_OPENING = re.compile(r"(?:还|又|就|也|一直|张口就|开口就)?(?:说|骂|喊|嚷|吼)(?:什么|道|着)?|(?:还|又|也|就)(?:跟|和|对|向)[^，。“”]{1,8}(?:说|讲)")


# A gift accepted, its giver named in the clause before: "老人家一片心意，就收下了".
_ACCEPTS = re.compile(r"(?:就|也就|最后|还是|只好)?(?:收下|收了)")


def _subject_of(clause: str, carried: str) -> str:
    if len(clause) <= 3 and _THIRD_PARTY.fullmatch(clause):
        return carried  # a form of address ("阿姨，您放心"), not a new subject
    if carried == OTHER and _SPEECH_OPENING.match(clause):
        return OTHER
    if carried == OTHER and _ACCEPTS.match(clause):
        return SPEAKER  # the giver gives, the one who 收下 is the speaker ("阿姨一片心意，就收下了")
    if _INTRODUCES_THIRD_PARTY.search(clause):
        return OTHER
    if _SPEAKER.match(clause) or ("您" in clause and not _ANYONE_ELSE.match(clause)) or _TOPIC_THEN_SPEAKER.match(clause):
        return SPEAKER  # 您: the speaker is talking to the customer ("您要是着急，网上有…")
    if _THIRD_PARTY.match(clause):
        # "他再闹我就直接挂了电话": the other's act is the condition, the speaker's follows
        return SPEAKER if _SPEAKER_ACTS_LATER.search(clause) else OTHER
    return carried


# A condition about someone else ("如果已经说了", "要是他坚持") is not an act; what the speaker
# does about it comes in the next clause, which keeps its own subject.
_CONDITION = re.compile(r"(?:如果|要是|万一|假如|若是?)(?!我)")


# A question in the A-not-A form is asked, not done: "提前还款收不收费", "有没有别的服务费"
# (not 爱X不X, a brush-off: "您爱办不办").
_A_NOT_A = re.compile(r"有没有|(?<!爱)([\u4e00-\u9fff])不\1")


def not_own_act(clause: str, subject: str) -> bool:
    """True when the clause tells someone else's act, asks a question, or states a condition."""
    condition = bool(_CONDITION.match(clause)) and "我" not in clause  # not "万一亏了我们负责赔"
    return subject == OTHER or bool(_ASKS.search(clause) or _A_NOT_A.search(clause)) or condition


# The offending words right after 是/属于/构成 name an offence: "那是规避监管", "那属于造假".
_LABEL_BEFORE = re.compile(r"(?:是|属于|构成|涉嫌|涉及|算是|等于|叫做?)$")


# ...but after 是 an assurance is said of the product: "定投拿满三年基本是包赚不赔的".
_ASSURANCE = re.compile(r"稳赚|包赚|稳拿|只赚不赔|零风险|没有任何风险|保本保")


def labelled_as_offence(clause: str, start: int, matched: str = "") -> bool:
    return bool(_LABEL_BEFORE.search(clause[max(0, start - 3) : start])) and not _ASSURANCE.match(matched)


# The customer's own details shown to the customer ("我就拿她自己那笔分期算给她看") are the job, not a
# leak, unless someone else is in the clause to receive them.
_OWN_DETAILS = re.compile(r"(?:他|她|您|你)(?:自己|本人)(?:的|那)")
_SOMEONE_TO_TELL = re.compile(r"别人|他人|其他客户|另一|家属|家人|配偶|老婆|老公|妻子|丈夫|朋友|同学|邻居|同事|群")


def speaks_of_own_details(clause: str) -> bool:
    return bool(_OWN_DETAILS.search(clause)) and not _SOMEONE_TO_TELL.search(clause)


# Asking the party at fault to correct its own record ("如果是他们搞错了，就让他们改过来") is the remedy
# a customer is owed, not a cover-up.
_ASKS_THEM_TO_CORRECT = re.compile(
    r"(?:让|请|要求|督促|联系)(?:他们|她们|对方|机构|公司|银行|平台|贷款公司|小贷公司)[^，。]{0,4}(?:改过来|改正|更正|纠正|修改|修正|撤销)"
)


def asks_them_to_correct(clause: str) -> bool:
    return bool(_ASKS_THEM_TO_CORRECT.search(clause))


# Putting a request to whoever may grant it ("我帮您提交减免申请给主管审批"), or saying it must
# go to them ("减免要走审批"), is the procedure, not a promise beyond one's authority, unless the
# outcome is promised with it. Saying it need not ("不用走审批", "无需审批") is not.
_FOR_APPROVAL = re.compile(
    r"提交[^，。]{0,8}申请|申请[^，。]{0,6}(?:审批|审核)|(?:报|交|提交|转)给?(?:主管|领导|上级|组长|经理|财务)[^，。]{0,3}(?:审批|审核|核实|批)"
    r"|(?<![不没无需])(?:需要|要|得|必须|须)(?:走|经过?)?[^，。不]{0,4}(?:审批|报批)"
)
_OUTCOME_PROMISED = re.compile(r"保证|肯定|一定|包您|包你|马上就(?:能|会)|今天就(?:能|会)?到")


def submits_for_approval(clause: str) -> bool:
    return bool(_FOR_APPROVAL.search(clause)) and not _OUTCOME_PROMISED.search(clause)


# Deposits really are principal-protected (存款保险, 50万以内): "保本" said of a deposit,
# with no investment product in the clause, is a correct statement, not a promise.
_DEPOSIT = re.compile(r"存款|存单|定期存")
_INVESTMENT = re.compile(r"理财|基金|股票|(?<!存款)保险|年金|信托|产品|投资|分红|寿险|终身寿|增额|固收|(?<!负)债|万能|投连")


# Likening something to a deposit is the misleading pitch itself: "这个跟存款差不多，本金是稳稳的".
_LIKE_A_DEPOSIT = re.compile(
    r"(?:跟|和|与|像|当成|当作|等于)[^，。]{0,4}(?:存款|存单|存银行)|比(?:银行)?(?:存款|存单|存银行|大额存单)"
    # "您就当一个利息高一点的存款", "您就当定期存", "您就当它是一个每年4%以上的保本存款"
    r"|当(?!时|天|地|前|面|场|初|年|日)[^，。]{0,16}(?:存款|存单|存银行|定期)"
    r"|(?:存款|存单|存银行)[^，。]{0,4}(?:差不多|一样|一个性质|类似|强|高)"
)


def speaks_of_deposits(clause: str) -> bool:
    return bool(_DEPOSIT.search(clause)) and not _INVESTMENT.search(clause) and not _LIKE_A_DEPOSIT.search(clause)


# A slip (an address mistyped, a statement sent to the wrong person) owned up to is not a leak:
# "邮箱地址输错了一个字母，发到了别人那里。我发现后马上告诉了主管".
_SLIP = re.compile(r"输错|填错|发错|寄错|误发|不小心|弄错|搞错|看错")
_OWNED_UP = re.compile(r"(?:告诉|报告|汇报|上报|说明)了?(?:给)?(?:主管|组长|领导|经理|合规)|(?:主动|马上|立刻|及时)(?:上报|报告)")


def _per_sentence(text: str, holds) -> list[bool]:
    """For each clause of `split_clauses(text)`: does `holds` hold of its sentence?"""
    flags: list[bool] = []
    for sentence in _SENTENCE_END.split(text):
        flags += [bool(holds(sentence))] * len(split_clauses(sentence))
    return flags


def sentence_tells_a_reported_slip(text: str) -> list[bool]:
    """For each clause of `split_clauses(text)`: does its sentence tell a slip that the answer
    says was reported?"""
    owned_up = bool(_OWNED_UP.search(text))
    return _per_sentence(text, lambda sentence: owned_up and _SLIP.search(sentence))


def sentence_of_deposits(text: str) -> list[bool]:
    """For each clause of `split_clauses(text)`: does its sentence speak of deposits, of no
    investment product, and liken nothing to a deposit? "比如定期或大额存单，这个是保本的" is
    said of the deposit."""
    return _per_sentence(text, speaks_of_deposits)


# Money taken in error is owed back: "核实了是我们的问题，…多扣的钱肯定原路退回", "如果是我们的
# 问题，比如客户没同意就被办了分期，那肯定要全额退". Promising that refund is not beyond one's
# authority; promising compensation on top of it still is.
_OUR_FAULT = re.compile(
    r"(?:如果|要是|若|核实|确认|查实|查明|证实)(?:了|下来)?(?:确实|真的)?是我们(?:的|这边的?|行的|公司的)?(?:问题|错|失误|责任|原因|过错)"
    r"|多扣|扣错|重复扣|误扣|错扣|多收|重复收|乱收"
)
_REFUND = re.compile(r"退")
_COMPENSATION = re.compile(r"赔|补偿|双倍|额外|另外给")


def sentence_owes_a_refund(text: str) -> list[bool]:
    """For each clause of `split_clauses(text)`: does its sentence make a refund owed (our error,
    or money taken wrongly)?"""
    return _per_sentence(text, _OUR_FAULT.search)


def promises_only_a_refund(clause: str) -> bool:
    return bool(_REFUND.search(clause)) and not _COMPENSATION.search(clause)


# Anti-fraud news passed round ("把这种新骗法发到村里的微信群里") shares a warning, not anyone's data.
_A_WARNING = re.compile(r"骗法|骗局|诈骗|反诈|防骗|风险提示|宣传|知识|公告|通知|案例|提醒")
_SOMEONE_S_DATA = re.compile(r"余额|账户|账号|姓名|名字|身份证|电话|手机号|住址|地址|信息|资料|照片|截图|流水|欠款|存款")


def shares_a_warning(clause: str) -> bool:
    return bool(_A_WARNING.search(clause)) and not _SOMEONE_S_DATA.search(clause)


# An act named as an offence is not done: "虚报收入属于提供虚假材料", "我帮他签就是代签",
# "以后监管一查就是数据造假", "这已经属于客户信息泄露".
_NAMES_AN_OFFENCE = re.compile(
    r"(?:属于|就是|等于|算是|构成|涉嫌|已经是|叫做?)[^，。]{0,8}"
    r"(?:泄露|造假|虚假|违规|违法|代签|欺诈|诈骗|骗保|骗贷|犯罪|误导|越权|红线|洗钱|套现|飞单|不合规|违背|掩盖|隐瞒|瞒报|藏起来)"
)


def names_an_offence(clause: str) -> bool:
    return bool(_NAMES_AN_OFFENCE.search(clause))


# A refusal told after the act: "帮他想办法绕开审核这种事我不会做", "…这种事我绝对不干",
# "我第一反应是想改记录，但我马上打消了这个念头", "减免罚息不在我的权限里".
_REFUSED_AFTER = re.compile(
    r"(?:这种事情?|这事|这样的事|这些事?|这种做法|这个)[^，。]{0,4}(?:帮|做|办|答应)不了"
    r"|(?:这种事情?|这事|这样的事|这些事?|这种做法|这个)[^，。]{0,6}"
    r"(?:不会|不能|不敢|不可能|绝不|绝对不|坚决不|从来不|从不|不)(?:去)?(?:做|干|碰|答应|同意|(?:跟|给|向|对)?[您你他她]?(?:打包票|打保票|保证|担保|承诺|许诺))"
    # the goodwill taken, the gift not: "（您的心意我收下，）东西一律不要"
    r"|(?:东西|礼物|礼品|红包|购物卡)[^，。]{0,3}?(?:一律|都|坚决|绝对|我)?(?:不要|不收|不能收)"
    r"|(?:做不出来|干不出来|打消了?(?:这个|那个)?念头|不在我的权限|超出(?:了)?我的权限|我没有这个权限)"
    # thought better of: "（第一反应是想悄悄解挂，当没发生过，）但转念一想"
    r"|^(?:但|可|不过)?(?:是)?(?:转念一想|转念想想|再一想|冷静下来一想)"
    # "（如果真是要我去改测评日期，）我会明确说我做不了"
    r"|我(?:会|就)?(?:明确|直接|当场)?(?:跟[^，。]{1,4})?(?:说|表示|告诉[他她]?)我?(?:做不了|办不了|改不了|不能(?:做|改|办|帮))"
)
# ...or refused right after it in the same clause: "红包我一定不能收", "红包和礼物我们按规定不能收".
_REFUSED_RIGHT_AFTER = re.compile(
    r"^[^，。]{0,8}?(?:不能|不可以|不会|不得|不准|不允许|不该|不应该|一律不|坚决不|绝对不|从不|都不)(?:去)?(?:收|要|拿|做|干|办|给|帮|答应|同意|碰)"
    # handed back on the spot: "红包我当场退回去", "我会笑着把红包推回去"
    r"|^[^，。]{0,6}?(?:退回|退还|退给|还给|拒收|上交|婉拒|推回|推了回去|推还)"
    # or handed to a supervisor: "我会当天把红包交给主管登记"
    r"|^[^，。]{0,4}?交给(?:主管|领导|组长|上级|公司)"
)


def refused_after(text: str) -> bool:
    return bool(_REFUSED_AFTER.search(text) or _REFUSED_RIGHT_AFTER.search(text))


def refusal_opens(clause: str) -> bool:
    """A later clause that opens with a refusal (within its first few characters): "这种事我不会做"."""
    match = _REFUSED_AFTER.search(clause)
    return match is not None and match.start() <= 6


# Telling the customer NOT to hand over a code, in the same sentence, makes any mention of
# the code a warning: "这个数字您自己填进去就行，不用念给我，谁问您要都别说".
_KEEP_IT_SECRET = re.compile(
    r"(?:不用|不要|别|不能|千万别|千万不要)(?:念|说|告诉|给|透露|报|发|提供)|谁[^，。]{0,4}(?:问|要)[^，。]{0,4}(?:都)?(?:别|不要|不能)"
)


def sentence_warns_to_keep_secret(text: str) -> list[bool]:
    """For each clause of `split_clauses(text)`: does its sentence tell the customer to keep a code secret?"""
    return _per_sentence(text, _KEEP_IT_SECRET.search)
