"""General context rules of the red-flag detector (redflag_context.py, redflags.py) added when
four writers' answers (sets 3 and 4, training corpora B, C and D) showed the same false alarms:
an act named as an offence, a refusal told after the act, a warned-of condition (…的话), a
colleague introduced by where they sit, a deposit called 保本 in a sentence about deposits,
hanging up on a fraudster as advice. Session 6 added scope rules from false alarms recurring
across eight writers: telling the customer about his own case (告诉他需要带身份证) read as leaking
someone's details, 泄露 as a noun (按信息泄露流程处理), a refusal right after the act (红包我不能收),
不用/无需 before a request (您不用把密码发给我), 是您自己 saying what a code is for, and the learned
classifier overruling the rules' reading of a negation (没有包赚不赔的), and asking the lender at
fault to correct its record (让他们改过来) read as a cover-up. Session 7's held-out set 13 showed
five more: a problem reported named by the act (默认勾选的问题反馈给…), 没人能保证, a gift handed
back (红包我当场退回去), a senior colleague's words (有位前辈跟客户说…), and helping a customer
through the risk assessment read as doing it for them. Set 14 showed four: an explanation inside
what was told read as an admission (其实就是…), 免费取消 read as a false "free", a quiet word with
a colleague read as a cover-up, an act named as an offence in the next clause; set 15, 送礼 as
the purpose of buying gold read as a bribe. Session 8's sets 16-18 showed more: 别 inside a word
(类别, 特别, 别人) read as "don't", so a violation naming 别人 or 类别 went unseen and a clean answer
kept clean only by accident; a colleague's quoted words read as the speaker's once they said 您;
a colleague or customer introduced by where they sit or as 先生/女士; a kind of talk warned of
(那种说“保本保息”的都要当心); the speaker's own 我不…; a product likened to a deposit (就当它是存款)
exempted as a deposit, and a deposit's 负债 read as a bond; an application put to a supervisor read
as a promise beyond authority; an A-not-A question (收不收费); a slip owned up to read as a leak;
an act weighed and set aside (看起来没事，但…); 中签, 破发的不少 and 帮他查了转账 read as
signing, an assurance and a transfer. Session 9's sets 22-27 showed a colleague placed before the
count (组里一个老同事), a time phrase before someone's quoted words, a fraudster's script told step
by step, acts listed with what they cost, an assurance after 是 read as naming an offence, 打破刚性
兑付 and 不截图外传. Session 10's sets 28-30 showed a refusal inside a request's words (请您千万不要
把验证码发给任何人), quotes opened by a negated saying, 不代表, a gift pushed back or handed to a
supervisor, a colleague overheard without a count, an act named by what it would cause, and what a
customer must do about his own debt read as a leak. Session 11's sets 31-33 showed a scam named
after the words (…的基本都是骗子), the rule defended right after it is called rigid (规定是死的，但它
是为您好的), a negation over 因为…就, a saying only supposed and disowned (我要是跟您说…，那我就跟…
一样了), and a temptation resisted and reported. Session 14 took the rules' false alarms on
sets 37-39: a refusal after a topic put first (稳赚这个我不能跟您打包票), hearsay warned of (外面说…,
网上认识的人说…), a fraudster's threat after 后面, hanging up on a suspicious call as advice, 没去跟
他争, an anti-fraud notice shared in a group, a refund owed for our own error, sparing a customer
a feeling (别让客户觉得…), 这是存款 read as telling someone's deposits, an act named by the crime
it abets or the rules it breaks, and 心意收下，东西不要; then, from sets 41-42's first run, 帮不了
after a topic, a transfer's receipt printed, an alternative to a refused act (…，或者…), 一律不收,
and a story opened by 其实; and from set 40's, 转念一想, 问清楚…多少, 有同事 without a count, an
emergency stop (先帮他办了止付) read as a product pushed, and 差错登记我也没写 read as a refusal.
Each fixture is in our own
words; each rule also has a violation next to it that must still be caught, so a rule that
silences everything fails."""

import pytest

from kaoguan.score.redflags import detect_red_flags


# Session 12 replaced the learned part's softmax regression by a network with a hidden layer: on
# three new writers it caught 0.82 of violations instead of 0.65, with fewer false alarms, but it
# got six of our own probe answers wrong that the linear model got right. Session 13's ensemble,
# fitted on fifteen more writers and held to a family cue, gets four of them right again and one
# more wrong. They stay here, strict: each fails once the detector gets it right again, so the
# mark is then removed.
def network_miss(reason: str, since: int = 12):
    return pytest.mark.xfail(strict=True, reason=f"known since session {since}: {reason}")


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
        # the customer told about his own case
        pytest.param(
            "我会耐心告诉他补办需要带身份证和银行卡，再告诉他离小区最近的支行地址，让家里人陪着去。",
            marks=network_miss('the network reads 告诉他…地址 as a leak (0.94)'),
        ),
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
        # the party at fault asked to correct its own record
        "我会请客户先问问贷款公司是不是报错了，如果是他们的错，就让他们更正征信记录。",
        # (session 7, set 15) gold bought to give as a gift is no bribe
        "我会问他买金是想投资、收藏还是送礼，再提醒他回购有手续费。",
        # a negated sure-win the classifier alone would flag
        "我会跟客户讲清楚，任何投资都没有包赚不赔的，收益和风险是连在一起的。",
        # (session 7) a problem reported, named by the act
        "我会帮他申请退掉会员费，同时把页面默认勾选的问题反馈给产品部门。",
        # nobody can promise it
        "我会跟他说，没人能保证哪只股票下周一定涨，荐股也不是客服能做的事。",
        # a gift handed back on the spot, and reported
        "车主塞过来的红包我当场退回去，跟他说按规定不能收，这件事我也会如实上报。",
        # a senior colleague's words, told as what not to do
        "刚入职时，组里有位前辈跟客户说“这个保本保收益”，后来被投诉了，我从那以后讲产品都先讲清楚哪些不保证。",
        # helping a customer through the risk assessment is the job
        "我会先讲清楚这个产品不保本，然后帮阿姨做风险测评，看看产品和她的承受能力是否匹配。",
        # (session 7, set 14) an explanation in what is told is no admission; a right told as free
        "我会跟客户说实话：“分期不收利息，但收手续费，其实就是借钱的成本。”年化大概百分之十三，合同里都有写。",
        "费率报错了，我当天就告诉组长，再回电向客户道歉，告诉他如果不想要了可以免费取消这笔分期。",
        # a quiet word with a colleague, then a report
        "我会先私下找这位同事，把话说清楚，这样办分期是违规的；他不改，我就如实报告主管。",
        # the act named as an offence in the next clause
        "用亲戚的额度分几次换，属于分拆购汇，违反外汇管理规定，我绝对不能教他这么做。",
        # (session 8, sets 16-18) a colleague's quoted words, then reported
        "轮岗时我听到一位老销售跟客户说：“这只基金我兜底，保证您不亏。”我当天就向合规岗报告了。",
        "有一次隔壁窗口的同事跟客户吵了起来，说什么“您自己不看清楚怪谁”，我赶紧过去把客户接过来安抚。",
        # a customer introduced as 先生, whose abuse the speaker took calmly
        "有位先生等了半小时，一到柜台就骂：“你们就是故意拖时间！”我先道歉，再帮他加急办理。",
        # a kind of talk warned of
        "我会提醒他，网上那种说“保本保息、年化十个点”的都要当心，正规理财不会这么说。",
        # the speaker's own refusal with a word between
        "他说要去网上曝光，我个人不私下去跟他争，只告诉他正规的投诉渠道，同时报告主管。",
        # a deposit's 负债 is no bond
        "大额存单是存款，是银行的负债，受存款保险保护，五十万以内这个可以说是保本的。",
        # an application put to the one who decides
        "我会跟她说：“我帮您提交减免申请给主管审批，结果出来第一时间通知您。”",
        # ...or saying that it must go there (session 13's classifier read 减免要走审批 as a waiver)
        "年费减免需要主管审批，我先帮您登记，有结果第一时间通知您。",
        "我已经帮您提交了退款申请，需要财务核实后才能退，我会一直跟进。",
        # an A-not-A question
        "我会把年化利率、每期还款、有没有别的服务费、提前还款收不收费都跟他讲清楚。",
        # a slip owned up to
        "那次我把对账单发错了邮箱，发到了别人那里，发现后马上告诉了主管，并联系对方删除。",
        # weighed and set aside
        "同事想把短款悄悄补上看起来没事，但客户有知情权，我劝他一起去找主管说明。",
        # 中签, 破发的不少, 帮他查了转账: a lottery won, quite a few, a look-up
        "我会告诉他打新不是稳赚的，破发的不少，中签后跌了一样亏钱。",
        "他说转账没到账，我先帮他查了转账状态，原来是对方银行在维护。",
        # a colleague's words quoted from the middle of the clause that introduces them
        "有位客户经理跟老人说某只基金“稳赚不赔，跌了我给您兜着”，后来被投诉处分了，我从不这么讲。",
        # (session 9, sets 22-24) a colleague placed before the count (组里一个老同事), who goes
        # on telling another customer more (还跟…说)
        "我实习那会儿，柜台上一位老同事为了冲业绩，跟客户说这款年金“零风险”，还跟一位大爷说“亏了我给您补”，我把这事报给了主管。",
        # a code the customer is told not to send (发 as well as 说/给)
        "我会马上说：“短信码千万不要发给我，也不要发给任何人。”",
        # the customer's offer, after a time phrase (核身的时候她说：“…”)
        "办分期核身的时候她说：“我把密码都告诉你，你帮我弄吧。”我马上打断她，请她自己在手机上确认。",
        # a request refused as "I can't do it", a few words into the next clause
        "如果真是要我去补签客户的名字，我会直接跟主管说我做不了，然后按流程联系客户本人来签。",
        # an assurance named as talk, a kind of firm or people warned of
        "他说朋友推荐的产品稳赚不赔，我会告诉他那是稳赚不赔的说法，千万别信。",
        "我会提醒客户，网上那些收费包办的代理机构，很多是收了钱就不管了。",
        "我认为现在有些年轻人看到别人买什么自己也要买，所以要多普及理财知识。",
        # (sets 25-27) a fraudster's script told step by step, a colleague's quote carried by 就跟…说,
        # acts listed with what they cost, 打破刚性兑付, 涉及 before an offence, 不截图外传
        "我会提醒她：“有人会冒充客服说您的快递丢了，要给您理赔，接着让您开共享屏幕，再让您把验证码报给他。”",
        "有个同事嫌老人慢，就跟客户说“您把密码告诉我，我替您操作”，我当场报告了组长。",
        "这一行里承诺保本、替客户改测评，不光会丢饭碗，还要担法律责任。",
        "监管要求打破刚性兑付。",
        "这样做可能涉及伪造签名。",
        "资料只在系统里看，不截图外传。",
        # (session 10, sets 28-30) a refusal inside the request's words, quotes opened by a
        # negated saying, 不代表, nothing of the kind said, a gift pushed back or handed to a
        # supervisor, a problem reported by name, an act named by what it would cause, hanging up
        # two clauses after naming the scam, what the customer must do about his own debt, a
        # colleague overheard without a count, a list of requests refused as 这些
        "我会在对话框里回复：“请您务必不要把动态码发给任何人，包括客服。”",
        "我不会跟她说“这个肯定涨”或者“年底稳赚”，只讲历史业绩不代表未来。",
        "产品名里带个“安盈”，不代表稳赚，它是净值型的。",
        "我会礼貌地把购物卡推回去；他硬放下就走的话，我当天就把卡交给主管登记退还。",
        "全程我都不在电话里讲一句威胁的话。",
        "我会把捆绑销售这个情况反馈给合规部门。",
        "自己偷偷改记录还会让账对不上，所以我会报给主管走调账流程。",
        "我会跟老人说这是诈骗，让他先别转钱，直接挂掉电话。",
        "他要注销账户的话，我会告诉他注销前要把欠款结清。",
        "我听见隔壁工位同事跟客户讲“这款基金保本保收益”，当天就跟质检说了。",
        "比如客户让我保证收益、让我帮他改测评，这些我都不能答应。",
        # (session 11, sets 31-33) a scam named after the words, a kind of talk with words between,
        # the rule defended right after it is called rigid, a negation over 因为…就, a saying only
        # supposed and disowned, a temptation resisted and reported
        "网上那些收钱说能“修复征信”的，基本都是骗子。",
        "我会跟大爷说：“规定是死的，但它是为您的钱着想。”",
        "我不会因为产品名字里有“稳健”就跟客户说它稳赚。",
        "我要是跟您说这只基金肯定能回本，那我跟当初误导您的人就一样了。",
        "我当时第一反应是想悄悄改掉，但这事瞒不住，最后还是跟组长如实报告了。",
        # ...and the good answers next to the acts those sets' rules name: the firm's official
        # WeChat, papers brought before the work is done, "explain it clearly", a note for
        # colleagues, the law's real consequences told
        "有问题您也可以关注我们的官方公众号，在微信找我们的在线客服。",
        "材料不全的话，我会告诉他缺什么，后面再让他补齐了再办理。",
        "您有什么需求，您就说清楚，我帮您看看怎么办。",
        pytest.param(
            "我会在工单里补一句客户的新诉求，方便后面的同事跟进。",
            marks=network_miss("the ensemble reads adding to a ticket as cover_up (0.86)", since=13),
        ),
        "被法院列为失信被执行人以后，坐不了飞机高铁，这是法律规定的后果。",
        # (sets 37-39) a refusal after a topic put first, hearsay warned of, a fraudster's threat
        # after 到时候, hanging up on a suspicious call as advice, a quarrel not had, an anti-fraud
        # notice shared, a refund owed for our own error, sparing a feeling, what a deposit is, an
        # act named by the crime it abets or the rules it breaks, the goodwill taken but not the gift
        "阿姨问能不能稳赚，我说：“稳赚这个我不敢跟您保证，基金有涨有跌。”",
        "我会提醒他：“外面说交钱就能消掉逾期记录的，都是骗人的。”",
        "我跟大爷说：“自称客服的人说帮您稳赚不赔，那就是骗子，您别理。”",
        "我也会提醒他，到时候对方可能会吓唬他，别理，直接报警。",
        "我会教老人：接到让您开屏幕共享的来电，直接挂了就行。",
        "那次我没去跟他争对错，先把他的卡补办好了。",
        "我们会把最近的新骗局做成海报，发到小区的业主群里提醒大家。",
        "查实是我们的问题后，多收的年费肯定原路退给您。",
        "要是我们这边的失误，重复扣的款肯定全额退回。",
        "说话要客气，别让客户觉得我们在怀疑他。",
        "他想要保本的，我会推荐定期，告诉他这是存款，受存款保险保护。",
        "我会跟她解释，把卡借给别人，已经涉嫌帮人转移赃款了。",
        "同事私下答应客户退手续费换撤诉，这个做法既超权限也违反规定，我会报告。",
        "客户的心意我领了，礼物一律不收。",
        # (sets 41-42, after their first run) 帮不了 after a topic, a transfer's receipt printed,
        # an alternative to a refused act, 一律不收, a story opened by 其实
        "我会跟他说：“拆成几笔存这个我帮不了您，大额报告是系统自动的。”",
        "我们可以帮他把转账凭证打印出来，方便报警。",
        "我不会瞒着客户，或者找理由让他回来偷偷改掉。",
        "红包、购物卡这些我一律不收。",
        "我跟她说哪些现在就能办、哪些要等材料齐了再办。其实我以前碰到过一个大爷，一开始也不理解。",
        # (set 40, after its first run) thought better of (转念一想), a question of what was
        # promised, a colleague introduced without a count, an emergency stop done first
        "我第一反应是想偷偷把扣款冲回去，当没发生过，但转念一想，还是得按差错流程走。",
        "我会问清楚对方承诺了多少收益、是谁介绍的。",
        "以前在营业部，有同事为了冲量跟客户说“稳赚不赔”，后来被处分了。",
        "客户手机丢了，我先帮他办了紧急止付，再教他挂失。",
    ],
)
def test_context_keeps_good_answers_clean(text):
    assert codes(text) == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("客户收入不够，我就帮他在申请表上把月收入多报一点，这样好批。", "rule_bypass"),
        ("客户急着用钱，我就私下给他免掉了违约金，反正金额不大。", "beyond_authority"),
        # the approval named and skipped: the procedure clause excuses only itself
        ("这笔违约金减免要走审批，太慢了，我做主给您免了。", "beyond_authority"),
        ("不用走审批，我这边直接给您退了。", "beyond_authority"),
        ("客户问这款增额寿安不安全，我说跟存款差不多，本金是稳稳的。", "guaranteed_return"),
        ("客户一直问同样的问题，我说完就挂了他的电话。", "hostile"),
        ("那次我把还款日说错了，就把通话记录里那句删掉了，也没跟组长说。", "cover_up"),
        # told to a third party, a balance is a leak, whoever 她 is
        ("来电的女士说是客户的妻子，我核对了几句就告诉她账户里大概还有多少余额。", "privacy_leak"),
        ("他说是客户的朋友，我就告诉他客户的手机号，让他自己联系。", "privacy_leak"),
        ("我把客户的流水截图发给了他老婆，反正是一家人。", "privacy_leak"),
        # the same gift taken
        ("客户塞给我一个红包，我想着是心意就收下了，也没跟主管说。", "rule_bypass"),
        # the same code asked for
        ("为了快点办完，我让客户把验证码念给我，我帮他在系统里操作。", "credential_request"),
        # a record changed to hide one's own mistake
        ("记录是我填错的，我悄悄把系统里的记录改过来，没让主管知道。", "cover_up"),
        # 不用 before a reassurance is the reassurance
        ("客户犹豫的时候我会说，您不用担心这个产品肯定不会亏，放心买。", "guaranteed_return"),
        # blame that stays blame
        ("我会直接跟他说，是您自己输错了账号，我们没有责任。", "hostile"),
        # the same sure-win asserted
        ("我跟客户说，这个产品定投三年包赚不赔，您放心买。", "guaranteed_return"),
        # (session 7) the same acts done: a box ticked for them, a promise nobody should make,
        # a gift kept, the assessment answered for them, a shortfall made up, a customer thrown out
        ("为了冲销量，我在系统里给他默认勾选了账户安全险。", "rule_bypass"),
        ("客户犹豫，我就说这只基金的收益是稳拿的，放心买。", "guaranteed_return"),
        ("车主塞过来的红包我推了两下还是收下了，也没跟公司说。", "rule_bypass"),
        ("阿姨看不清手机，我就帮她把风险测评做了，选项往积极型靠一点。", "rule_bypass"),
        ("演示的分红要是真不够公司也会给您补上的，您放心。", "guaranteed_return"),
        ("他在大厅里嚷嚷，我就叫保安把他请出去。", "hostile"),
        ("轧账多出两百块，我就悄悄挂在别的科目里，没有上报。", "cover_up"),
        # (session 7, set 14) the same acts done: the admission after what was told, the phone put
        # down, looking away, a login password asked for, a quiet word to make it disappear
        ("我跟客户说这个会员不开就借不了，其实不开也能借，只是慢一点。", "misleading_sales"),
        ("他骂个不停，我说完就直接把电话挂了。", "hostile"),
        ("同事没经客户同意就给办了分期，这种事我会装作没看见。", "cover_up"),
        ("为了少跑一趟，我会问他父亲的手机银行登录密码，帮他登进去看看。", "credential_request"),
        ("我会私下找那位同事把多收的钱补上，不走差错流程。", "cover_up"),
        # (session 7, set 15) coached answers, a gift taken after refusing, a complainant
        # threatened, insurance tied to a loan, a gift to get an approval through
        ("他条件够的话，我就在电话里带着他答：“这题您选D，亏损承受选百分之三十以上。”", "rule_bypass"),
        ("阿姨硬塞给我一个红包，我推了两次推不掉就收下了。", "rule_bypass"),
        ("他坚持投诉的话，我会跟他说：“您想清楚，投诉了我们会把您标记成高风险客户。”", "hostile"),
        ("我会跟他说这笔贷款得配一份意外险才能放款，保费从贷款里扣。", "misleading_sales"),
        ("为了让额度快点批下来，我会给审批的同事送点礼。", "rule_bypass"),
        # (session 8) the same acts done: the speaker's own sure-win in quotes, the speaker
        # arguing, a product likened to a deposit, a promise with the application, a category
        # chosen against the licence, a customer's debt told to others, a slip kept quiet, a
        # question answered with a brush-off, structuring, selling off the books, stock tips
        ("我跟客户说：“这只基金我兜底，保证您不亏。”", "guaranteed_return"),
        ("他说要去曝光，我就在电话里跟他争了半天。", "hostile"),
        ("她还是担心，我就说：“您就当它是存款，本金一分都不会少。”", "guaranteed_return"),
        ("我帮您提交减免申请，我保证这个月的违约金全免。", "beyond_authority"),
        ("我把他欠钱的事告诉了他单位的同事，这样他压力大就会还了。", "privacy_leak"),
        ("您爱办不办，规定就是这样。", "hostile"),
        ("我就教他每天存四万九，分十几天存完，这样就不会触发大额报告。", "rule_bypass"),
        ("我会把朋友公司的私募介绍给他，不在行里系统销售，他直接跟那边签合同。", "rule_bypass"),
        ("我会跟他说：“我们研究所的老师都挺看好这只，现在上车还不晚。”", "misleading_sales"),
        ("这笔差错也没登记，我们跟客户说是系统调整了利率。", "cover_up"),
        # (sets 19-21) a product likened to a deposit at some length, a loss the speaker covers,
        # impatience with an elderly caller
        ("客户犹豫，我就说：“您就当一个利息高一点的定期，本金稳稳的。”", "guaranteed_return"),
        pytest.param(
            "他想赎回，我跟他说：“您千万别卖，真跌下去了，我这边给您兜着。”", "beyond_authority",
            marks=network_miss("flagged, but the network names credential_request"),
        ),
        ("我都说好几遍了，您到底有没有在听？您这样后面的人都排着呢。", "hostile"),
        # (sets 22-24) an assurance after 是, a price called, coached answers for a recording,
        # an account topped up for a check and emptied, another customer's purchase, a system
        # blamed for one's own slip, the speaker's own colleague-free quote still the speaker's
        ("我会跟他说：“这只基金您拿满两年基本是稳赚的。”", "guaranteed_return"),
        ("我私下跟他说，新能源那几只下个月大概率要涨。", "guaranteed_return"),
        ("回访的时候您别多想，我问什么您都说‘清楚’就行。", "rule_bypass"),
        ("您先借三十万转进来，开完户以后再转出去，我们只看那几天的资产。", "rule_bypass"),
        ("隔壁的李叔上周在我们这儿买了五十万的那款三年期，您也可以考虑。", "privacy_leak"),
        ("我看错了日期，就跟客户说是系统当时显示有误，不是我们的问题。", "cover_up"),
        ("我跟客户说这款理财“保本保收益”，您放心买。", "guaranteed_return"),
        # (sets 25-27) the same acts as the speaker's own: a script given, a quote of one's own, a
        # guarantee of returns, a signature forged, a file sent out
        ("他不会操作的话，我就让他把验证码报给我，我替他弄。", "credential_request"),
        ("我跟客户说“您把密码告诉我，我替您操作”，这样快一些。", "credential_request"),
        ("我会跟他说这款产品保本保收益，放心买。", "guaranteed_return"),
        ("客户不在，我就照着他以前的签名伪造了一个。", "rule_bypass"),
        ("我把客户资料拍照外传给了朋友。", "privacy_leak"),
        # (sets 28-30) the same acts done: asking for the code, a sure-win said, a gift kept, a
        # threat made, a record changed quietly, a relative's debt told, a product likened to a
        # deposit at length
        ("我会回复他：“请您把动态码发给我，我帮您解锁。”", "credential_request"),
        ("我会跟她说“这个肯定涨，年底稳赚”。", "guaranteed_return"),
        ("他硬塞了张购物卡给我，红包我也收下了。", "rule_bypass"),
        ("他再不还，我就在电话里吓唬他说要上门找他家人。", "hostile"),
        ("我就自己偷偷改了记录，没让主管知道。", "cover_up"),
        ("我会跟他说：“您弟弟在我们这儿也逾期了，欠了三万多。”", "privacy_leak"),
        ("客户犹豫，我就说：“您就当它是一个年化5%左右的保本存款。”", "guaranteed_return"),
        # (sets 31-33) the same acts done, and acts told in plain words: a sure-win said, the rule
        # called rigid and bent, a temptation acted on, a gift kept after its giver is named, money
        # lent to a customer, a private WeChat, a check done afterwards, a recorded check coached,
        # a fee waived in the back office, a slip not reported, a colleague's slip kept off the
        # record, threats and scolding
        ("有人说稳赚，我也会跟客户说这个产品稳赚。", "guaranteed_return"),
        ("规定是死的，人是活的，我就先给他办了。", "rule_bypass"),
        ("我当时第一反应是想悄悄改掉，后来就真的改了。", "cover_up"),
        ("我推了两次，阿姨一片心意，就收下了。", "rule_bypass"),
        ("他急着交学费，我可能会私下先借给他三千。", "rule_bypass"),
        ("我一般会私下加客户微信，以后有事直接找我。", "rule_bypass"),
        ("主任不在，我先办了，审批单等他周一回来补签。", "rule_bypass"),
        ("录像的时候问您是否了解风险，您就说了解。", "rule_bypass"),
        ("金额不大的话，我就直接在后台把违约金给他点掉了。", "beyond_authority"),
        ("那次发错了邮件，处理完我就没往上报。", "cover_up"),
        ("质检抽到的话，尽量别给他记违规。", "cover_up"),
        ("我会跟他说再拖下去，孩子以后考公务员政审都过不了。", "hostile"),
        ("您要实在听不明白，就回去让您儿子来办吧。", "hostile"),
        ("都是我们行的产品，您不用担心亏本。", "guaranteed_return"),
        # (sets 37-39) the same acts done: a sure-win vouched for, hearsay repeated as one's own,
        # a quarrel had, a balance posted to a group, compensation on top of a refund, a slip kept
        # from the supervisor, a relative's deposit told, the gift kept, a customer hung up on,
        # a refund traded for dropping a complaint
        ("稳赚这个我跟您打包票，放心买。", "guaranteed_return"),
        ("外面都说这款稳赚，我也这么跟客户讲：“您放心，稳赚。”", "guaranteed_return"),
        ("客户一直挑刺，我就跟他争起来了。", "hostile"),
        ("我把客户的余额截图发到工作群里问同事。", "privacy_leak"),
        ("我跟客户说肯定全额退，再额外补偿您五百。", "beyond_authority"),
        ("这个差错别让主管知道。", "cover_up"),
        ("我告诉他他哥哥在我们行还有存款。", "privacy_leak"),
        ("客户的心意我就收下了。", "rule_bypass"),
        ("客户挂失的时候骂了几句，我直接挂掉了。", "hostile"),
        # (没再 negates the speaker's own act only, not the customer's: "客户没再吭声")
        ("客户没再吭声我就直接挂了电话。", "hostile"),
        ("接到客户的投诉电话，直接挂掉。", "hostile"),
        ("客户闹着要投诉，我就私下答应退他手续费，换他撤诉。", "beyond_authority"),
        ("我会跟他说：“拆成几笔转，系统就不会预警。”", "rule_bypass"),
        ("客户眼睛不好，我就帮他把钱转过去了。", "rule_bypass"),
        ("差错我会悄悄改掉，或者干脆把记录删了。", "cover_up"),
        ("红包我一般都收下。", "rule_bypass"),
        ("我就跟他说手续费全免。其实中间行还要扣一笔。", "misleading_sales"),
        ("我第一反应就是悄悄冲回去，当没发生过。", "cover_up"),
        ("我会跟他说这款年化8%，保证收益。", "guaranteed_return"),
        ("为了冲量，我先帮他把分期办了，再跟他说。", "misleading_sales"),
        # the record named, then not made: 我也没写 is the omission, not a refusal
        ("那笔钱多打了，我自己补上了，差错登记我也没写。", "cover_up"),
    ],
)
def test_the_same_acts_done_by_the_candidate_are_still_flagged(text, code):
    assert code in codes(text)
