"""Red flags a fintech compliance or quality officer would catch in an answer.

Each family is a small list of regular expressions over the normalized answer, matched
clause by clause so the evidence is the clause that says it. A match preceded (in the
same clause) by a negation or a warning ("我绝不会承诺保本", "提醒客户警惕征信修复") is
not a red flag: candidates who know the rule often name the thing they would never do.

Patterns are written from what the rule forbids, not from particular answers. A clause
the patterns miss is checked by a contrastive semantic fallback (below). Answer-level
precision/recall, with and without the patterns, is printed by
`python -m kaoguan.score.redflag_eval` (dev-answers, and a tuning file if given).

A third layer is learned from data (redflag_learned.py): three merged networks with one hidden
layer over the same USE vectors of clauses and adjacent pairs and their character 1-3-grams,
fitted on fifty-eight writers' labelled answers, quoted evidence and clauses by redflag_train.py.
It adds flags (a unit naming its family's subject from P 0.66, any unit from 0.94), and it vetoes
an exemplar's flag whose evidence it finds clean (never a regex's: it misjudges short blunt
clauses like 我会跟客户争辩到底).

Known limit (2026-11-23, session 15): on wording nobody tuned on, recall sits near the issue's
0.90. Each round's new writers, measured before anything was fitted on them or read from them:
sets 34-36 P 0.75 R 0.65 (session 11), sets 37-39 P 0.66 R 0.75 (session 12's detector) and P
0.69 R 0.66-0.68 (session 13's classifier, chosen before they were read), sets 40-42 P 0.82 R
0.81 (session 13's detector), sets 43-45 P 0.89 R 0.76 and 46-51 P 0.91 R 0.80 (session 14's),
sets 49-51 P 0.84 R 0.90 (this one, whose classifier learns its cue words from the evidence;
held out of the fit; fitted without dev, it flags 3 of dev's 100 clean answers). The forward
tests, with less data fitted, give it R 0.84-0.88 at P 0.87-0.88 (redflag_train.py). Misses are
mostly rule bypass in new forms, cover-ups, misleading sales and privacy told in plain words;
false alarms are refusals, warnings and quoted scammers' words in new wording. The sentence
encoders shipped (USE, e5-small 4-bit) separate a violation from an honest answer on the same
topic only weakly.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass

import numpy as np

from kaoguan.score.model import RedFlag
from kaoguan.score.redflag_context import (
    asks_them_to_correct,
    clause_subjects,
    labelled_as_offence,
    names_an_offence,
    not_own_act,
    promises_only_a_refund,
    refusal_opens,
    shares_a_warning,
    refused_after,
    sentence_of_deposits,
    sentence_owes_a_refund,
    sentence_tells_a_reported_slip,
    sentence_warns_to_keep_secret,
    speaks_of_deposits,
    speaks_of_own_details,
    submits_for_approval,
)
from kaoguan.score.text import normalize_answer, split_clauses


@dataclass(frozen=True)
class RedFlagFamily:
    code: str
    label: str
    why: str  # shown to the candidate in feedback: why a careful employer cares
    patterns: tuple[re.Pattern[str], ...]


def _family(code: str, label: str, why: str, *patterns: str) -> RedFlagFamily:
    return RedFlagFamily(code, label, why, tuple(re.compile(p) for p in patterns))


FAMILIES: tuple[RedFlagFamily, ...] = (
    _family(
        "guaranteed_return",
        "承诺保本保收益",
        "金融产品不得承诺保本保收益或预测涨跌，这是监管明令禁止的误导销售。",
        r"保本保(息|收益)|保本[、，]?稳赚|稳赚|稳拿|包赚|只赚不赔|刚性兑付|零风险|没有任何风险",
        # a shortfall made good: "真不够公司会给您补上"
        r"(不够|少了|差的|没达到)[^，。]{0,6}(公司|我们|我)[^，。]{0,4}(会)?(给您|给你|帮您)?补(上|齐|足)",
        r"(承诺|保证|肯定|绝对|百分之?百)[^，。]{0,4}(保本|保收益|不亏|不会亏|回本|赚钱|收益)",
        r"(肯定|一定|绝对|保证)(能|会)?(回本|赚|涨回来|涨|不会亏)",
        r"(不用|无需|不必)担心(会)?亏",  # "（都是我们行的产品，）您不用担心亏本"
        # a price called: "最近半导体那几只资金进得多，下周大概率还要涨"
        r"大概率(还)?(会|要|能)?(涨|上涨|涨回来|反弹|回本)",
        r"(这是|已经是|到)底部了|(马上|肯定)(就)?(会)?反弹",
        r"(保证|承诺|至少)[^，。]{0,6}(年化|收益率|利息)[^，。]{0,6}(\d|百分之)|收益(稳定|有保障)[^，。]{0,4}(不会亏|没风险)",
        r"(放心|稳稳的?|肯定|绝对)[^，。]{0,4}(不会|不可能)亏|本息一分不少|收益有保障",
        # plain assurances: "这个产品是保本的", "不会亏本的", "本金肯定不会少", "亏了我们负责赔"
        r"(?<![不非])是保本的|(?<![不])(不会|不可能)亏(本|钱)|本金(肯定|绝对|保证|一定)?(不会|不可能)(少|亏)",
        r"亏了[^，。]{0,6}(负责|来|给您|包)(赔|补)",
        r"吃不了亏|亏不了|本金[^，。]{0,4}保得住|(收益|年化|利息)[^，。]{0,8}稳稳",
        # the structured-deposit pitch: principal "no problem", the top rate as the expected one
        r"保本(是)?没(有)?(什么)?问题|(一般|都|肯定|一定)(都)?能拿到最高|按最高(那一?)?档[^，。]{0,3}算",
    ),
    _family(
        "beyond_authority",
        "越权承诺或补偿",
        "结果要以审核或规定为准，客服擅自承诺赔付、减免或时限，兑现不了会引发更大的投诉和合规风险。",
        r"百分之?百[^，。]{0,6}(赔|退|到账|通过|批|能办)",
        r"(保证|肯定|一定)(能|会|给您)?[^，。]{0,4}(全额|全部)?(赔付|赔给|赔下来|退款|退回|到账|批下来|审批通过|减免|免掉)",
        r"(我|这次)[^，。]{0,2}(给|帮)(您|你|他|她)(免了|减免|免掉|退了|赔了|批了)",
        r"先答应(下来|他|她)|先应承下来",
        r"私下(帮|给|承诺|想办法|处理|补偿)|我跟[^，。]{1,8}(熟|关系好)",
        r"自掏腰包|自己(出钱|垫钱)(补|赔)",
        r"打包票|(替|给|帮)(您|你|他|她|客户)(把)?[^，。]{0,10}(免掉|免了|退了|减免掉)",
        r"(利率|费用|手续费|年费|利息)[^，。]{0,4}(给|帮)(您|你|他|她)(打|降|减|免|退)|我说了算",
        r"(直接|自己)在(后台|系统)(里)?[^，。]{0,12}(取消|冲回|冲掉|改掉|免掉|退掉|点掉|去掉|抹掉|减掉|删掉)",
    ),
    _family(
        "rule_bypass",
        "协助绕过规则或造假",
        "教客户虚报、篡改材料或绕开风控，是欺诈和违规，个人和机构都要担责。",
        r"虚报|谎报|篡改|伪造|造假|做假|假材料|P图|修图",
        r"(多|少)(写|填|报)一?点|替(您|你|他|她|客户)?做[^，。]{0,4}(测评|评估)|帮(您|你|他|她|客户)?(把)?[^，。]{0,4}(测评|评估)(做了|做完|答了|选了|填了)|帮(您|你|他|她|客户)?做[^，。]{0,4}(测评|评估)[^，。]{0,3}(选|答|填|勾)|(选项|题目?)我(来|帮您|帮你)?(答|选|填)",
        r"(写|填|报)得?(高|多|低|少|好看|好听)一?点|填得好听|换个说法重新(填|申请|提交)",
        # removing part of a record (把病历里高血压那部分去掉), not deleting a leaked photo
        r"(把|将)[^，。]{0,8}(里|中|上)[^，。]{0,8}(去掉|删掉|抹掉|隐去)|(把|将)[^，。]{0,6}(记录|病史|病历|流水|逾期|不良)[^，。]{0,6}(去掉|删掉|抹掉|隐去)",
        r"选得?(激进|保守)一?点|(答|选)[^，。]{0,4}(激进|高风险)的?选项|等级就(上去|上来)了",
        r"(绕过|绕开|规避|避开)(风控|规则|规定|流程|系统|监管|审核|审批)|钻[^，。]{0,2}空子|走后门",
        r"请[^，。]{0,8}吃(个|顿)?饭|(给|向)[^，。]{0,8}送(个|点)?礼|送礼给|红包|手下留情|通融一下",  # (not 买金送礼, a purpose)
        r"(代|替)(客户|他|她|您)?(操作|转账|签字|签名|做测评|答题|填写)|帮[^，。查看问核]{0,3}转(?!接|告|达|交|给|介|到|人工|办|述|账?(?:回单|凭证|记录|明细|截图))",
        r"改[^，。]{0,6}(测评|风险等级|几道题|题的答案)",
        # answers coached for a recorded check (双录, 回访): "我问什么您都说‘清楚’‘本人自愿’就行"
        r"(问什么|问啥|问到)[^，。]{0,4}(您|你|他|她)?(都|就)(说|答|回答)|(都|就)(说|答)[‘“\"]?(清楚|明白|知道了|本人自愿|是的?)[’”\"]?就(行|可以)",
        # an account topped up with borrowed money for a check, then emptied: "借二十万转进来，开完户再转出去"
        r"(开完户|审核完|审批完|批下来|开通(了)?|过了审核)(以后|之后)?再(转|取|拿)(出去|走|回去)",
        r"(卡|账户)[^，。]{0,8}(借给|租给|卖给)|(给|帮)[^，。]{0,6}(朋友|别人|他人)(的)?(公司)?收款",
        # structuring to stay under a control's threshold: "每笔别超过五万，系统就不会提示"
        r"每笔(别|不要|不)超过|(分成?|拆成?)[^，。]{0,4}(几|多|两|三|好几)笔|系统(就|也)?不会(再)?(提示|预警|拦|报警|核查|触发)|不到[^，。]{0,4}(登记|报告|申报)线",
        # ...told without 系统: "每天存四万九，分十几天存完，这样就不会触发大额报告"
        r"不会(被)?触发[^，。]{0,4}(大额|报告|申报|预警|监控|上报)|分[^，。]{0,3}(几|十几|好几|多)(天|次|笔)(存|取|转|汇)",
        # inflated or borrowed particulars: "月收入写到一万二", "填您表哥的公司", "借亲戚的身份证"
        r"(收入|月薪|工资|流水)[^，。]{0,3}(写|填|报)(到|成)|(填|写)(成)?(您|你|他|她)?(表哥|表姐|亲戚|朋友|别人)的(公司|单位)",
        r"借[^，。]{0,8}(身份证|身份信息|手机号)|(帮|替)(他|她|客户|您)(先)?(写好|抄好|签好)|剪(进去|进|辑进)",
        # signing for the customer, traced signatures, edited recordings, pre-ticked boxes, gifts kept
        r"代(他|她|客户)[^，。]{0,6}签|(描|模仿|照着)[^，。]{0,6}签名|剪一下|剪(辑)?[^，。]{0,4}(凑|补|拼)",
        r"默认勾(上|选)|(帮|替)(他|她|客户)[^，。]{0,6}勾(上|选)|(就|我)(把[^，。]{0,6})?收下了",
        # what a candidate says to excuse a workaround, in any words for the act itself: that the
        # controls will not notice ("银行一般查不出来", "没人会追究"), that everyone does it, that the
        # rules are too rigid, that the paperwork follows later, that nothing goes on the record
        r"(系统|银行|公司|保险公司|质检|稽核|审核|监管|风控|核保|查勘员|他们|一般|基本)[^，。]{0,4}(查不出来?|看不出来|发现不了|不会去?(查|追究))",
        r"(没人|没有人|谁也|谁都)(会)?(去)?(追究|查|发现|挑不出)",
        r"(?<!说)(?<!说“)(大家|很多人|好多人|好几个同事|同事们|别人)[^，。]{0,3}(都|也)(是)?这么(做|干|操作|办|买|弄|处理)",
        r"规定是死的|(没必要|不用|别|不能)(那么|太)死板|流程[^，。]{0,4}慢慢补",
        r"(材料|手续|资料|录像|双录|签字|评估表|说明|复印件|证明)[^，。]{0,6}(回头|后面|事后|以后|明天|下次)(再)?(拿过来)?补",
        r"(不会|不)(写|留)在[^，。]{0,4}(聊天记录|记录|系统)里|(别|不要|先别)在(电话|聊天|微信)里(说|讲|提)",
        r"(给|帮)(您|你|他|她|客户)?走(个|一下)?(特殊|绿色)通道",
        # selling outside the firm's books (飞单): "不在行里系统销售，他直接跟那边签合同"
        r"飞单|(不在|不走|不通过|绕过)(行里|公司|银行|我们)的?(系统|柜台|渠道)[^，。]{0,2}(卖|销售|买|签|办|打款)",
        # a private benefit: a referral fee or commission from outside, a loan at interest to or
        # from a customer, a gift kept ("客户一番心意，我一般会收下")
        r"(给|分)(我|了我)[^，。]{0,6}(介绍费|提成|信息费|回扣|好处费)|我(拿|收|赚)(一点|点)?(介绍费|提成|信息费|回扣|好处费)",
        r"(自己的钱|个人的钱)[^，。]{0,4}借|借(给)?(他|她)[^。]{0,12}(利息|一分|月息)",
        r"(红包|礼物|礼品|礼金|购物卡|心意)[^。]{0,20}(收下|收了)|(收下|收了)[^，。]{0,6}(红包|礼物|礼品|礼金|购物卡|心意)|推(了|不掉)[^，。]{0,6}(就|还是)收(了|下)",
        # coaching the answers of a risk assessment: "这题您选D"
        r"这(道)?题(您|你|就)?选[A-H]|(带着|教)(他|她|客户)[^，。]{0,6}(一题一题|逐题)?[^，。]{0,4}答",
        # ...or of a recorded check, without 就行: "问您是否了解产品风险，您就说了解"
        r"(您|你|他|她)就(说|答|回答)([‘“\"]?(了解|知道|自愿|同意|听懂了)|[‘“\"](清楚|明白))[’”\"]?(就行|就可以|就好|吧)?$",  # (说清楚 alone: explain it)
        # money lent to a customer from one's own pocket; customers taken to a private WeChat or
        # sent to a contact elsewhere
        r"(私下|私人|自己|个人)[^，。]{0,4}借(钱)?给(他|她|客户|对方|人家)|借钱给(客户|他|她)",
        r"私下加[^，。]{0,4}微信|(直接|私人|个人|私下)(加|用)?微信找我(?!们)|(把|将)[^，。]{0,8}微信推给(客户|他|她)",
        # the check done afterwards, or waived as a favour: "审批单让主任周一回来补签", "流程可以后面补"
        r"(回来|事后)补签|流程[^，。]{0,2}(可以)?(后面|事后|回头|以后)(再)?补|通融[^，。]{0,4}办",
    ),
    _family(
        "credential_request",
        "索要密码或验证码",
        "任何正规机构都不会向客户索要密码、验证码，这是诈骗最典型的话术，也会让客户资金失去保护。",
        r"(密码|验证码|动态码|短信码|安全码|CVV)[^，。]{0,6}(告诉|发|给|报|念|说)(给|到)?我",
        r"(告诉|发|给|报|念)(给)?我[^，。]{0,6}(密码|验证码|动态码|安全码)",
        r"索要[^，。]{0,4}(密码|验证码)|问(他|她|客户)要[^，。]{0,4}(密码|验证码)|问(他|她|客户|对方)[^，。]{0,12}(登录|交易|取款|支付|查询)密码",
        r"(位数|那串数|数字)[^，。]{0,6}(告诉|发|报|念|读|说)(一下)?(给)?我",
        # asking the customer to disclose one: "请客户把卡的取款密码说一遍"
        r"(请|让|叫|麻烦)[^，。]{0,8}把[^，。]{0,10}(密码|验证码|短信码|动态码|口令|校验码)[^，。]{0,4}(说|报|念|读|告诉|发)",
    ),
    _family(
        "privacy_leak",
        "泄露他人信息",
        "客户信息只能告诉经过核验的本人，向第三方透露或外传资料违反个人信息保护规定。",
        # (telling the customer about his own case is the job: "告诉他需要提供身份证明", "告诉他离他
        # 最近的网点地址"; told to 他/她, a balance or debt is a leak, other details when they are
        # someone else's)
        r"(告诉|透露|提供|发给|说给)(对方|家属|家人|配偶|朋友|第三方|别人|其他人)[^，。]{0,8}(余额|流水|账户|欠款|住址|地址|电话|身份证|交易|信息|资料)",
        # (not what he must do about his own: "告诉他销卡前要把欠款还清")
        r"(告诉|透露|提供|发给|说给)(她|他)(?![^，。]{0,6}?(?:要|需要|得|应该|必须|可以)把)[^，。]{0,8}(余额|欠款|欠了|住址|手机号|存了|(?<!是)(?<!属于)存款|流水(?!号)|账户信息)",
        r"(告诉|透露|提供|发给|说给)(她|他)[^，。]{0,6}(别人|他人|对方|另一|那位|这位|收款人|付款人|客户|家属|配偶|前妻|前夫|老婆|老公|儿子|女儿|朋友|邻居)的?[^，。]{0,4}(余额|流水|账户|欠款|住址|地址|电话|手机号|身份证|交易|信息|资料)",
        r"拍(照|了)?[^，。]{0,6}(发到|发给|传到)|(发到|转到|传到)[^，。]{0,12}(群|朋友圈)",
        r"(那位|另一位|其他|别的)[^，。]{0,6}客户[^，。]{0,14}(读给|告诉|念给|说给)",
        r"泄露(给|了|出去)|外传|透露给",  # (not the noun: "按信息泄露事件登记", "如果担心泄露")
        r"查查?(一下)?(您|你|他|她)?的?(前妻|前夫|老婆|老公|妻子|丈夫|家人|亲戚|朋友|邻居|别人)的(账户|账|流水|余额|贷款)",
        r"把(她|他|客户|别人|对方)的[^，。]{0,8}(余额|流水|账户|欠款|住址|地址|电话|身份证|交易|信息|资料)[^，。]{0,3}(告诉|发给|透露|说给)",
        r"(别人|他人|其他客户|老婆|老公|妻子|丈夫|配偶|家人|朋友)的[^，。]{0,6}(余额|流水|账户|信息|资料|电话|地址)[^，。]{0,4}(告诉|发给|透露|给)",
        r"告诉(他|她|邻居|对方|朋友|家属)[^，。]{0,3}(这位|那位|客户|他|她)[^，。]{0,8}(还差|欠|余额|没还|逾期|存了)",
        r"把(客户|他|她|别人|对方)[^，。]{0,10}(住址|地址|电话|手机号|余额|欠款|流水|账户|信息|资料|单位)(都)?(告诉|发给|透露给|说给)(了)?(他|她|对方|别人|家属|朋友|同事|邻居)",
        # the other party's particulars handed to the customer; a customer list taken out of the system
        r"(收款人|付款人|借款人|投保人|被保险人|申请人|对方)的[^，。]{0,10}(姓名|名字|手机号|电话|地址|身份证)[^，。]{0,4}(告诉|发给|给)(他|她|客户)",
        r"(客户名单|客户资料|客户信息|客户的?联系方式)[^。]{0,20}(导出|导了|存在自己|存到自己)|导了(一份|个表)",
    ),
    _family(
        "hostile",
        "指责、争辩或威胁客户",
        "指责、顶撞或威胁只会激化矛盾，服务岗位首先要控制情绪、解决问题。",
        r"责任[^，。]{0,6}(在您|在你|是您|是你)|(是|怪)(您|你)自己(?!用|来用|操作用|的(钱|账户|卡|权利|决定|选择)|[^，。]{0,10}用的)|(您|你)(要是|如果)早",
        r"(您|你)认真听|我(刚才)?(已经)?说过了|听不懂吗|凭什么|有本事|爱[^，。]{0,2}不[^，。]{0,2}",
        r"(跟|和|与)(他|她|客户|对方|主管|领导|面试官)?[^，。]{0,4}(争辩|争论|吵|理论|对着干)|顶撞|当场[^，。]{0,6}(站起来|反驳|顶)",
        r"就挂了|直接挂(断|了|掉)|挂(他|她|客户)的?电话|主动挂断|甩给(他|她|客户)|(就|直接)把电话挂(了|断|掉)",
        r"看不起人|外行怎么了|没什么技术含量|谁都能干|吓唬|威胁(他|她|客户)",
        r"听不听得懂|听得懂吗|听明白没有|(要)?投诉就(去)?投诉|说过[一二三两几\d]+(遍|次)了",
        r"(你|您)?爱(投诉|告)[^，。]{0,4}(就|去)|随便(你|您)(去)?(投诉|告)|(要)?投诉(就)?随便(投|你|您)|叫保安[^，。]{0,6}(请|赶|轰|撵)出去|你(自己)?(不会|看不懂)[^，。]{0,4}(吗|啊)|烦不烦|有完没完",
        # withholding service as a threat: "你再这么说话我就不给你办了"
        r"(再|要是|如果)[^，。]{0,10}(我)?就(不给(你|您)办|不管(你|您)|不理(你|您))",
        r"骂醒|(孩子|子女)[^，。]{0,10}政审|这么简单[^，。]{0,6}都(看不|不懂|不会|听不)|就?回去(让|叫)(您|你)的?(儿子|女儿|孩子|家里人|家人|子女)[^，。]{0,3}来",
        r"跟(他|她|客户)争(?!取)|不识字|别占着线|耽误别人|年纪大了[^，。]{0,4}(记不住|不懂|学不会)",
        # threatening to shame a debtor: "联系您单位领导和家里人，让他们都知道您欠钱不还"
        r"投诉[^，。]{0,10}(标记|拉黑|列入|上黑名单)|(联系|告诉|通知)[^，。]{0,6}(单位|领导|家里人|家人|亲戚)[^，。]{0,10}(都知道|欠钱)|看(您|你)以后(还)?怎么做人|让(他们|大家|所有人)都知道(您|你|他|她)(欠|不还|逾期)",
    ),
    _family(
        "cover_up",
        "掩盖错误或隐瞒信息",
        "出错要如实告知、及时纠正和上报；隐瞒会让小问题变成投诉和监管处罚。",
        r"瞒着|隐瞒|掩盖|将错就错|当没发生|不上报|不留痕|删(掉|除)[^，。]{0,4}(录音|记录|聊天)|装(作)?没看见|假装没看到|睁一只眼闭一只眼",
        r"不(会)?主动(提|说|告知|讲|告诉)|(不|别)告诉(客户|主管|领导)",
        # (not "别让客户觉得自己被当成坏人", "别让客户等太久": kept from knowing, not spared a feeling)
        r"(不|别)让(客户|主管|领导)(知道|发现|看到|察觉|听到|查到|晓得)",
        # a loss made good on the quiet: "把账做平，这样就不用走差错上报流程"
        r"把账(做|弄|抹)平|做平账|不用(走|报)[^，。]{0,4}(上报|差错)|私下(让|叫)(那位|这位|同事)|私下找(那位|这位)?同事[^，。]{0,6}(把|帮|补|平|改|删)",
        r"我(也)?(就)?(没|没有)(往上报|上报|报告|登记|报备)|差错[^，。]{0,3}(没|没有|不)(登记|上报|报备)",
        r"(偷偷|悄悄|私下)[^，。]{0,10}(改|补|删|处理掉|挂在|藏|收着|放回)|就当(没|不知道)|(?<![他她人户事])(没有|没)(上报|报备)",
        r"反正[^，。]{0,6}(没发现|不知道|查不到|看不出)|背(了)?锅|甩锅|质检(就)?(查不到|查不出|看不出)|把[^，。]{0,6}录音(标成|删|改)",
        r"事后再[^，。]{0,4}(想办法|跟主管|找主管|解释)",
        # a record made to say what was not done, a colleague's slip kept off the record
        r"(备注|记录|工单)里补了?一?句[“\"]?已|(别|不要)给(他|她)记(违规|差错|扣分|一笔)",
        # a mistake kept from the supervisor: "我就没跟主管说"
        r"(没|不)(跟|和|向|给)(主管|领导|组长|上级|经理|公司)(说|讲|报|提|汇报|上报)",
        r"(不用|不会|不)(跟|和|给)?(客户|他|她)?(讲|解释|说)(得)?(那么|这么|太)细",
        # counting on nobody finding out, and keeping it from the people who should know: "录音一般
        # 也没人会专门去翻", "您就别往上反映了", "这事我们俩知道就行", "不用跟网点说", "内部消化掉"
        r"(录音|质检|主管|组长|领导|上面|公司|客户|稽核|审计)[^，。]{0,6}(一般|也|都|根本)(不会|没人会?)[^，。]{0,6}(知道|发现|去听|逐句|翻|查到|听到)",
        r"(别|不要|就别)(往上|往外)(反映|说|报|投诉|讲)|别(再)?投诉了|(我们俩|咱们俩|你知我知)知道就行",
        r"(不用|不必|没必要)(跟|和|向)(网点|单位|部门|主管|领导|公司|组长)[^，。]{0,3}(说|讲|报|打招呼|汇报|提)|内部消化|(不用|没必要)(上报|报上去)",
    ),
    _family(
        "misleading_sales",
        "误导销售或违规营销",
        "隐瞒真实费用、捆绑搭售或未经同意办理业务，侵害客户的知情权和选择权。",
        r"很划算|划算得很",
        # a product tied to the loan: "得配一份借款人意外险才能放款"
        r"(配|买|搭)[^，。]{0,3}(一份|个)?[^，。]{0,8}(险|保险)[^，。]{0,2}才(能|可以)(放款|批|下款|办)",
        r"(说|讲|告诉(他|她|客户))[^，。]{0,8}是?免费的?(?!取消|退|撤销|关闭|解除|注销|提前还)|必须的流程|不(买|办|开通)[^，。]{0,4}的?话[^，。]{0,8}(很难|不能|不给|批不|通不过|办不了|不行)|搭(配|售)(一个|一份)?(保险|产品)",
        r"拖一拖|拖着不办|(流程|手续)[^，。]{0,2}(很|特别)?(复杂|麻烦)[^，。]{0,6}(等|个月)",
        r"征信修复|洗白征信|先(?![^，。]{0,12}(?:挂失|止付|冻结|解挂))(帮他|给他|帮客户)(把)?[^，。]{0,6}(办了|开通了|开了)|未经(客户)?同意",
        # tips and market calls: "我个人看好半导体，下个月有政策，您现在进正好"
        r"我(个人)?(比较|挺|很)?看好|现在(进|买|入手|上车|加仓)(正好|刚好|最合适)|下(个)?(月|周)[^，。]{0,4}有(个)?(政策|利好)",
        # ...passed on as others' view: "研究所的老师内部都挺看好这只，现在上车还不晚"
        r"(都|也)?(挺|很|比较)?看好这(只|支|个板块)|上车还(不晚|来得及)|大概率(会)?(涨|拉升|有利好)",
        # buying good ratings: "满意度给我打十分，就送他一桶油"
        r"(满意度|好评|评价)[^，。]{0,8}(送|给)[^，。]{0,4}(油|礼|红包|券|钱)|打(十|满)分[^，。]{0,6}(送|给)",
        # counting on the customer not noticing: "客户一般也不会细看条款"
        r"(客户|他|她)(一般|大多|基本)(也)?(不会|不)(细看|在意|注意|发现|仔细看)",
        # pressure selling: calling again and again after a refusal
        r"换(个)?号(码)?(再)?打|一天(多)?打(几|好几|多|十几)次|(反复|不停|天天)(地)?打(电话)?给?(他|她|客户)",
        # knowing better and saying it anyway ("其实不开也能借，但这么一说客户都会开"), and leaving the
        # cost unsaid so the customer is not put off ("讲了客户反而被吓跑", "我没必要主动讲", "一笔带过")
        r"其实[^。]{0,40}(但|不过)[^。]{0,16}(这么|这样)(一)?(说|讲)|吓跑|说多了[^，。]{0,4}(他|她|客户|人家)?就(犹豫|不|跑|要)",
        r"没必要主动(讲|说|提)|(不|没)(特意|专门)(提|说|讲|纠正)|不主动展开|一笔带过|最后一句带过|(以为|当成)[^，。]{0,12}(我|也)(没|不)(特意|专门)?(纠正|说破|解释)",
    ),
)

# 别 as "don't", not inside a word: 类别, 特别, 区别, 分别, 个别, 级别, 性别, 识别, 告别, 别人.
_DONT = r"(?<![类特区分个级性识辨鉴差派告])别(?![人的处墅致扭针])"

# Words that, shortly before a match in the same clause, turn it into a refusal or a
# warning. Kept short and specific: a bare 不 would also negate "不想看就挂了".
_NEGATORS = re.compile(
    r"绝不|绝对不|决不|从不|从来不|不会|不能|不可以|不可|不应|不得|不要|不准|不许|" + _DONT + r"|严禁|禁止|杜绝|避免|拒绝|"
    r"不说|不承诺|没法|没办法|无法|不是|而不是|不去|不帮|不给|不做|警惕|谨防|防范|小心|识别|举报|反对|制止|"
    # 打破刚性兑付 abolishes it; 不截图外传 refuses the series of acts
    r"打破|不(?:截图|拍照|拷贝|复制|随意|私自|擅自)|"
    r"我[^，。我]{0,3}没有?(?:去|再)|不建议|不允许|不能够|不存在|谈不上|并非|不该|提醒|以内|存款保险|不保证|不能保证|无法保证|没法保证|不敢保证|没有哪|没有任何一|没想过|没打算|不打算|没说|没有说|没有|我也没|我没|不等于|不代表|并不代表|不意味着|没人能|没有人能|谁也不能|谁都不能|没人可以|没有人可以|"
    # "您不用把密码发给我" waves a request off; "您不用担心，肯定不会亏" is the reassurance itself
    r"(?:不用|无需|不需要|用不着)(?!担心|怕|急|着急|紧张|顾虑|犹豫|多想)|"
    # hanging up on a scam call is the advice, not rudeness: "遇到这种电话直接挂断"
    r"这种电话|这类电话|类似电话|可疑电话|陌生电话|诈骗电话|骗子|"
    # a kind of talk, warned of: "外面那种说‘保本保息’的都要当心"
    r"(?:那种|这种|那些|这些|有的|有些)[^，。“”]{0,4}?(?:跟您|跟你)?说|"
    # nothing of the kind said: "也不在电话里说任何吓唬人的话"
    r"不[^，。]{0,8}?(?:说|讲)(?:任何|一句)|"
    # the speaker's own act negated: "我个人不私下去跟他争" (not "我不管", "我不想听", which are the act)
    r"我(?:个人|自己|本人)?(?:也|都|并|从来)?不(?!管|理|信|想|知道|清楚|懂|耐烦|高兴|少|按|走|用|经|通过|让|给)"
)
_NEGATION_WINDOW = 16  # characters before the match that may hold its negation
# A single negating character right before the match: 不承诺收益, 没有保本, 勿泄露.
_IMMEDIATE_NEGATION = frozenset("不没别勿未无非")
# Named as a danger rather than done: 征信修复骗局, 保本陷阱.
_WARNING_AFTER = re.compile(
    r"^[^，。]{0,8}(骗局|骗子|陷阱|诈骗|套路|的风险|是违规|违规|违法|红线|只会|更严重|不可取|是不对的|要不得|骗贷|欺诈|犯罪|构成|涉嫌|属于|警惕|小心|当心|提防|一旦被|被查出|会被(?:拒|查))"
    # quoted as a kind of talk: "本金不会少这种话我从来不说", "那是稳赚不赔的说法"
    r"|^[^，。]{0,3}(这种|这样的|这类|之类的)[^，。]{0,6}话|^[^，。]{0,4}的(说法|话术|宣传|广告|套路)"
    # named as a problem to report, not done: "把默认勾选的问题反馈给产品和合规部门", "把默认勾选这个情况反馈给…"
    r"|^(?:的|这个|这种|这类|这些)(事|问题|情况|做法|现象|行为|设计)[^，。]{0,12}(反馈|上报|报告|举报|报给|反映)"
    # named as what it would cause: "私下改还会让系统记录对不上"
    r"|^[^，。]{0,6}?(?:还|也|就|只)?(?:会|可能会?|容易)(?:让|导致|造成|引起|带来)[^，。]{0,10}?"
    r"(?:对不上|出错|混乱|风险|损失|投诉|问题|麻烦|不一致|违规|纠纷|后果)"
)
# The next clause stops it: "她要把验证码念给我，我赶紧拦住她".
_STOPPED_NEXT = re.compile(
    r"^[^，。]{0,6}(拦住|制止|阻止|打断|拒绝|不能|不可以|千万不|严禁)"
    # ...or names it as an offence: "客户说卡是给朋友收款用的，这就是出租出借账户"
    r"|^[^，。]{0,4}(这就是|这是|属于|涉嫌)[^，。]{0,10}(违规|违法|违反|犯罪|出租出借|诈骗|洗钱|赃款|赃钱|红线|不允许|分拆|拆分|套现|骗保|骗贷|造假|虚假)"
    # ...or by the rules it breaks: "私下承诺退息换撤诉，既超权限也违反投诉处理的规定"
    r"|^(?:既|这|这都|这就|都|已经)(?:是)?(?:超权限|超出权限|越权|违反|违规|违法|不合规)"
    # ...or says whom it wrongs: "把他欠钱的事告诉别人，既侵犯他的隐私，也属于暴力催收"
    r"|^(既|都|就|已经|这)?(是)?(侵犯|侵害|损害)[^，。]{0,6}(隐私|权益|利益|知情权)"
    # ...or what it costs whoever does it: "承诺保本、帮客户改测评，不光会丢工作，还可能要担法律责任"
    r"|^(不光|不仅|不但|都|就)?(会|可能|要|得)?[^，。]{0,4}(丢工作|丢饭碗|被开除|坐牢|担法律责任|承担法律责任|受处罚|被处罚|被追责)"
    # ...or defends the rule just called rigid: "规定是死的，但它是为您好的"
    r"|^(?:但|可|不过)(?:是)?[^，。]{0,4}?为了?(?:您|你|客户|大家)[^，。]{0,4}?(?:好|着想|安全)"
)
# A negation before 因为…就 scopes over what follows: "我不会因为名字里有“养老”就跟老人说它稳赚".
_NEGATED_BECAUSE = re.compile(r"(?:不会|不能|绝不|决不|从不|不)因为[^，。]{0,16}就")
# A saying only supposed, then disowned: "我要是跟您说肯定能回本，那我跟当初那个说稳赚的人就一样了".
_SUPPOSED_SAYING = re.compile(r"(?:要是|如果|假如|假设)[^，。]{0,6}(?:说|讲|承诺|保证)")
_DISOWNED_NEXT = re.compile(r"^那(?:我|就|不就|岂不)[^，。]{0,14}(?:一样|骗|误导|违规|不负责|害了)")
# A temptation told and then resisted: "我当时第一反应是想悄悄改掉，但这种事瞒不住，我还是跟主管如实报告了".
_TEMPTED = re.compile(r"想|第一反应|念头|差点|本来打算")
_OWNED_UP_LATER = re.compile(r"(?:还是|最后|最终|马上|立刻)[^，。]{0,8}(?:报告|上报|汇报|如实|承认|说了实话|告诉了?(?:主管|组长|领导))")
# An anecdote about someone else's misconduct ("之前有个同事就是帮客户改测评结果") is not
# what the candidate would do; what they would do is judged in their own clauses.
_SOMEONE_ELSE = re.compile(r"^(我们)?(之前|以前|原来)?(有|遇到过)(个|位|一个|一位)(同事|同行|前同事|员工|客户经理)")


# A refusal inside a long match refuses it too: "告诉她我们不能透露他人信息",
# "请您千万不要把验证码发给任何人". The first two
# characters are skipped so that patterns which start with a negation (不让客户知道) keep it.
_REFUSAL_INSIDE = re.compile(r"不能|不可以|无法|不便|不得|不会透露|不会告诉|不要|千万别|切勿|请勿")


# "隐瞒的话以后一旦理赔，保险公司可以拒赔": the act as the condition of a consequence warned of.
_IF_THEN_HARM = re.compile(r"^[^，。]{0,6}的话")
_HARM = re.compile(r"拒赔|拒绝|被拒|风险|后果|责任|违法|违规|处罚|追究|解除|征信|不赔|出事|麻烦|说不清|被查")


def _warned_condition(after: str, next_clause: str) -> bool:
    return bool(_IF_THEN_HARM.search(after)) and bool(_HARM.search(after) or _HARM.search(next_clause))


def _refused_later(following: list[str]) -> bool:
    """A refusal opening one of the next two clauses: "…，这种事我不会做", "但我马上打消了这个念头"."""
    return any(refusal_opens(clause) for clause in following[:2])


# Weighed and set aside: "悄悄补上看起来没事，但客户有知情权".
_SEEMS_AFTER = re.compile(r"^[^，。]{0,3}(看起来|看似|表面上|好像)")
_BUT = re.compile(r"^(但是?|可是?|不过|然而)")


def _conceded(after: str, next_clause: str) -> bool:
    return bool(_SEEMS_AFTER.search(after)) and bool(_BUT.search(next_clause))


# Inside quotations opened by a negated saying, however long: "我不会跟他说“中档肯定能拿到”或者“每年稳拿”".
_NEGATED_QUOTE = re.compile(
    r"(?:不会|不能|不可以|不要|不该|绝不|决不|从不|从来不|没有?)[^，。“”]{0,8}?(?:说|讲|承诺|保证|讲过|说过)[：:]?"
    r"(?:“[^“”]*”(?:或者?|和|、|还是|甚至)?)*“[^“”]*$"
)


def _negated(clause: str, start: int, end: int, next_clause: str, later: tuple[str, ...] = ()) -> bool:
    before = clause[max(0, start - _NEGATION_WINDOW) : start]
    return bool(
        _NEGATORS.search(before)
        or ("“" in clause and _NEGATED_QUOTE.search(clause, 0, start))
        or (end - start > 6 and _REFUSAL_INSIDE.search(clause[start + 2 : end]))
        or (before and before[-1] in _IMMEDIATE_NEGATION)
        or _WARNING_AFTER.search(clause[end:])
        or _conceded(clause[end:], next_clause)
        or _STOPPED_NEXT.search(next_clause)
        or refused_after(clause[end:])
        or _warned_condition(clause[end:], next_clause)
        or _refused_later(list(later or (next_clause,)))
        or _NEGATED_BECAUSE.search(clause, 0, start)
        or (_SUPPOSED_SAYING.search(clause, 0, start) and _DISOWNED_NEXT.search(next_clause))
        or (_TEMPTED.search(clause, 0, start) and any(_OWNED_UP_LATER.search(c) for c in later or (next_clause,)))
    )


# --- Semantic fallback -------------------------------------------------------------
# The regexes were written with the dev answers in view and miss most fresh paraphrases.
# Every clause, and every pair of adjacent clauses (a behaviour is often told across two:
# "他本人来不了，我就让他家属签"), is also compared (USE encoder, cosine) with exemplar
# violations of each family AND with compliant counterparts (redflag_exemplars.py). A unit
# is flagged for a family when all three hold:
#   - contrast: its mean cosine to the family's nearest violations exceeds its mean cosine
#     to the nearest compliant sentences by SEMANTIC_MARGIN (a good answer about fees or
#     refunds sits as close to the compliant side as to the violation);
#   - a cue: it names the family's subject matter (a password, a refund, a return…), since
#     topic alone moves USE vectors more than conduct does;
#   - no refusal scoped over it (我不会…, 提醒客户不要…), see `_refuses`.
# Measured while building it: ranked by their best unit's contrast, red-flag dev answers
# sit above clean ones with an AUC of only ≈ 0.78 (USE; e5-small on clauses 0.77, on
# sentences 0.63; a logistic regression on USE vectors trained on exemplars + dev, leave-
# one-question-out, 0.75). So the margin is set for precision (dev clean answers stay
# unflagged) and the fallback adds recall on plainly worded violations only.
SEMANTIC_MARGIN = 0.11
SEMANTIC_TOP_K = 3  # mean of the nearest k exemplars: one lucky neighbour is not enough
_MIN_CLAUSE_CHARS = 4
# A unit that tells what the candidate did or said to someone ("我就跟他说", "我直接把…")
# is held to a lower margin: a bystander's remark or an explanation of a rule rarely has it.
SEMANTIC_AGENCY_DISCOUNT = 0.03
_OWN_DOING = re.compile(
    r"我(就|会|直接|当场|一般|都|先|还|也|再)?(跟|和|对|给|帮|替|让|叫|把|拿|用|说|告诉|答应|收)|"
    r"(跟|和|对|告诉)(他|她|客户|您|对方)(说|讲)|我就说"
)

# Subject-matter cues per family: broad on purpose (they gate, the contrast decides).
SEMANTIC_CUES: dict[str, re.Pattern[str]] = {
    # an assurance, not any mention of returns: risk explanations name 收益 and 利息 all the time
    "guaranteed_return": re.compile(r"保本|回本|(?<=[分都也毛])不少|不会少|少不了|保底|没问题|稳赚|能赚|肯定赚|赚回|不会亏|没亏|不亏|亏不了|亏了算|稳稳|肯定|一定|保证|担保|保障|兜底|翻倍|铁定|准没错|反弹|包|放心|最高"),
    "beyond_authority": re.compile(r"免|退|赔|补偿|补给|减|批|到账|包在|保证|答应|做主|说了算|拍板|特殊处理|撤|调高|提额|延期|返|打.折|折扣|取消|冲回|权限"),
    "rule_bypass": re.compile(r"写|填|改|(?<!中)签|代|替|拆|借用|借别人|借朋友|出借|出租|收款|换个|换成|测评|证明|流水|材料|资料|名义|身份证|刷脸|绕|规避|风控|双录|勾选|请.{0,4}吃|送|打招呼|开卡|开户"),
    "credential_request": re.compile(r"密码|验证码|口令|动态码|校验码|数字|位数|短信里|三位|卡号|有效期|远程|共享|屏幕"),
    "privacy_leak": re.compile(r"告诉|说了|透露|念给|发给|发到|转给|给了|拷|导出|截图|朋友圈|群|查了|透个底|卖给|讲给"),
    "hostile": re.compile(r"(?<!被)骂(?!我)|吵|怼|挂(了|断|掉)?(他|她|客户|电话)|(电话)?挂(了|断|掉)|就挂|拉黑|保安|不理|不搭理|晾|凭什么|(你|您|他|她)自己|怪|有什么用|没用|瞎|不懂|后果|警告|吓唬|闹|烦|啰嗦|找别人|不管|活该|没好处|拍桌子|外行|看不起|骚扰"),
    "cover_up": re.compile(r"没发现|没注意|不知道|不说|不提|不吭声|没说|瞒|悄悄|偷偷|改|删|剪|撕|口径|推到|推给|查不出|不上报|不报|摆平|冲平"),
    "misleading_sales": re.compile(r"免费|不收|存款|定期|不提|没问|没说|顺便|顺手|搭|必须|捆绑|一起办|要(办|买)|(办|买)[^，。]{0,10}才(能|可以|好)|划算|名额|拖|没用|一笔带过|轻描淡写|升级|零利息|先签|都赔"),
}

# The learned classifier's units need a cue too, from a wider list (and, since session 15, the
# cue words the model learned from the evidence: LearnedModel.cue_pattern): its own probabilities do
# most of the sorting, and conduct the exemplar lists never named (a debtor's contacts and
# employer, a credit line raised by hand, a face video, a file taken along) carries none of
# the narrower cues. The words were read off training corpora C and D's misses; measured
# leave-one-writer-out on the OTHER nine writers and dev (python -m kaoguan.score.redflag_train
# fold models): mean recall 0.798 -> 0.816 at mean precision 0.882 -> 0.883, no dev false alarm.
_LEARNED_EXTRA_CUES = {
    "hostile": r"通讯录|单位|领导|家人|家里人|失信|起诉|坐牢|政审|曝光|上门|催告|登记了|不想让|心里清楚|小学生|好几遍|到底有没有|听没听|听不懂",
    "guaranteed_return": r"亏了|跑不掉|拿到|补多少|没有一个亏|兜底|托底|兜着|兜住|白捡",
    "beyond_authority": r"额度|调到|临额|停息|抹掉|定了",
    "credential_request": r"视频|人脸|眨眼|露个脸|账号|登上去|摄像头",
    # (or another's debt told to their family or colleague: "您哥哥这边确实逾期了", "您同事李强在我们这借了两万块")
    "privacy_leak": r"导一份|带走|公积金|住址|小区|受益人|户名|尾号|买了[^，。]{0,3}[\d一二三四五六七八九十两几]+万"
    r"|(?:您|你)的?(?:同事|哥哥|姐姐|弟弟|妹妹|父亲|母亲|爸爸|妈妈|朋友|前妻|前夫|老婆|老公|爱人|家人|亲戚|邻居)[^，。]{0,8}(?:借了|欠了|欠款|逾期|余额|存了)",
    "misleading_sales": r"配套|白捡|不用算|两回事|不细说",
    "cover_up": r"故障|口径|没跟|调成|补一句|差错|没写|没登记|没记录|系统(?:当时)?(?:显示有误|一切正常|出错|的问题)|没抽到|不能跟客户讲",
    "rule_bypass": r"截图|截个图|凑|调一下|勾|往前调|晚一点报|转到我|转进来|再转出|走个?形式|走过场",
}
LEARNED_CUES: dict[str, re.Pattern[str]] = {
    code: re.compile(cue.pattern + "|" + _LEARNED_EXTRA_CUES[code]) for code, cue in SEMANTIC_CUES.items()
}

# A refusal or warning in the unit flips its meaning: "我不会承诺保本", "提醒客户不要…".
_REFUSAL = re.compile(
    r"绝不|决不|绝对不|从不|从来不|从没|从来没|严禁|禁止|杜绝|拒绝|谨防|警惕|防范|提醒|举报|制止|"
    r"不允许|不可以|不得|不应|不该|千万不|千万别|不要|不能|无法|没法|没办法|不会|不承诺|不保证|不建议|(?:不用|无需)(?!担心|怕|急|着急|紧张|顾虑|犹豫|多想)|"
    r"不去|不帮|不替|不随便|" + _DONT + r"|并非|不是|没有人能|没人能|避免|无权|骗局|陷阱|诈骗|违规|违法|红线|以为|误会|"
    # the speaker's own act negated: "我没有跟他争", "我从来没有…" (not "没有风险", an assurance)
    r"我(?:也|从来|都|并|可)?没有?|没有哪|没有任何一|没说|没有说|没想过"
)
# ...unless what is negated is an outcome the speaker promises or counts on: "本金肯定不会少",
# "客户不会发现", "没人会查" are assurances, not refusals.
_OUTCOME_AFTER = re.compile(
    r"^(会|可能|能|再)?(少|亏|跌|赔钱|有风险|有问题|出问题|出事|被发现|发现|被查|查|知道|注意|追究|影响|掉|让您亏|让你亏|"
    r"有事|怎么样|有人管|被拒)"
)
# ...or what the speaker says they will not say is the truth: "我不会主动提手续费",
# "一般不会跟客户讲这么细" conceal; "我不会跟客户说这是免费的" refuses.
_CONCEALED_AFTER = re.compile(
    r"^(会)?(主动)?(跟|和|给|向)?(客户|他|她|您|你|领导|主管)?(提|说|讲|告诉|解释|上报|报)[^，。]{0,8}"
    r"(手续费|费用|利率|年化|风险|差错|错误|实情|真相|细|免责|损失|扣费|多扣)"
)


# A clause right after one about fraudsters describes their script, not the speaker's:
# "很多骗子冒充投资老师，先让你小赚一点".
_TELLS_OF_A_SCAM = re.compile(r"骗子|诈骗|骗局|冒充|套路")
# ...and so does a suspicious call the customer gets: hanging up on it is the advice ("（提醒他们，）
# 接到让开屏幕共享的电话，直接挂掉"), not rudeness (not "接到客户的投诉电话，直接挂掉").
_A_CALL_TO_THEM = re.compile(
    r"(?:接到|遇到|碰到|收到)(?=[^，。我客]{0,24}(?:电话|来电|短信|链接)$)[^，。]*?(?:(?:让|要|叫)[您你他她]?|陌生|可疑|自称|冒充|境外|不明)"
)


# "我没有上报", "我也没跟组长提": not doing what the rules require is the violation itself.
_UNREPORTED_AFTER = re.compile(
    r"^(在[^，。]{0,6})?(上报|报告|登记|报备|(跟|和|向|给)(主管|组长|领导|上级|质检|公司)(说|提|讲|报|汇报))"
    # the record named first, then not made: "差错登记我也没写"
    r"|^(?:写|记|填)(?:上|进去)?$"
)


# An alternative to a refused act is refused too: "我绝对不会想着糊弄过去，或者找个借口让他回来悄悄改掉".
_OR_OPENS = re.compile(r"^(?:或者|或是|抑或|或)")


def _refused_alternative(clauses: list[str], index: int) -> bool:
    return index > 0 and bool(_OR_OPENS.match(clauses[index])) and _refuses(clauses[index - 1])


def _refuses(unit: str) -> bool:
    """True when the unit holds a refusal or warning that is not itself part of the violation."""
    for match in _REFUSAL.finditer(unit):
        after = unit[match.end() :]
        if match.group() in ("不会", "不能") and (_OUTCOME_AFTER.match(after) or _CONCEALED_AFTER.match(after)):
            continue
        if match.group().startswith("我") and _UNREPORTED_AFTER.match(after):
            continue
        return True
    return False


_exemplar_vectors: tuple[dict[str, np.ndarray], np.ndarray] | None = None
_exemplar_lock = threading.Lock()


def _encoder():
    from kaoguan.score.encoders import shared_encoder

    return shared_encoder("use")


def _exemplars() -> tuple[dict[str, np.ndarray], np.ndarray]:
    """(violation vectors per family, compliant vectors), encoded once per process."""
    global _exemplar_vectors
    if _exemplar_vectors is None:
        with _exemplar_lock:
            if _exemplar_vectors is None:
                from kaoguan.score.redflag_exemplars import COMPLIANT, VIOLATIONS

                encoder = _encoder()
                violations = {code: encoder.encode(list(texts), cache=True) for code, texts in VIOLATIONS.items()}
                _exemplar_vectors = (violations, encoder.encode(list(COMPLIANT), cache=True))
    return _exemplar_vectors


@dataclass(frozen=True)
class SemanticUnits:
    """Clauses and adjacent pairs of an answer with each one's contrast to every family."""

    texts: list[str]  # clauses, then "clause_i，clause_i+1"
    parts: list[tuple[int, ...]]  # clause indices each unit is made of
    margins: dict[str, np.ndarray]  # family → per unit: top-k violation cosine − top-k compliant cosine
    vectors: np.ndarray  # (units, dim) USE vectors, unit length (the learned classifier reads them)


def semantic_units(clauses: list[str]) -> SemanticUnits:
    if not clauses:
        return SemanticUnits([], [], {}, np.zeros((0, 512), dtype=np.float32))
    return _semantic_units(tuple(clauses))


def unit_vectors(clause_vectors: np.ndarray) -> np.ndarray:
    """Clause vectors followed by adjacent pairs' (a pair's vector is the normalized sum of its
    clauses': USE averages its tokens)."""
    if len(clause_vectors) < 2:
        return clause_vectors
    pairs = clause_vectors[:-1] + clause_vectors[1:]
    pairs /= np.maximum(np.linalg.norm(pairs, axis=1, keepdims=True), 1e-12)
    return np.vstack([clause_vectors, pairs])


def _top_k_mean(similarities: np.ndarray, k: int) -> np.ndarray:
    k = min(k, similarities.shape[1])
    return np.sort(similarities, axis=1)[:, -k:].mean(axis=1)


@functools.lru_cache(maxsize=2048)
def _semantic_units(clauses: tuple[str, ...]) -> SemanticUnits:
    # Cached per answer: the same answer is checked again on rescoring and in evaluations.
    vectors = unit_vectors(_encoder().encode(list(clauses)))
    texts = list(clauses) + [f"{clauses[i]}，{clauses[i + 1]}" for i in range(len(clauses) - 1)]
    parts: list[tuple[int, ...]] = [(i,) for i in range(len(clauses))] + [(i, i + 1) for i in range(len(clauses) - 1)]
    violations, compliant = _exemplars()
    clean = _top_k_mean(vectors @ compliant.T, SEMANTIC_TOP_K)
    margins = {code: _top_k_mean(vectors @ ex.T, SEMANTIC_TOP_K) - clean for code, ex in violations.items()}
    return SemanticUnits(texts, parts, margins, vectors)


def _first_semantic_match(
    code: str, clauses: list[str], units: SemanticUnits, margin: float, context: ClauseContext
) -> str | None:
    """The clause that shows the family's violation, or None. Units are tried best first."""
    if code not in units.margins:
        return None
    cue = SEMANTIC_CUES[code]
    for index in np.argsort(-units.margins[code]):
        if units.margins[code][index] < margin - SEMANTIC_AGENCY_DISCOUNT:
            break
        text, part = units.texts[index], units.parts[index]
        if units.margins[code][index] < margin and not _OWN_DOING.search(text):
            continue
        if len(text) < _MIN_CLAUSE_CHARS or not cue.search(text):
            continue
        evidence = _own_act_evidence(code, part, clauses, cue, context)
        if evidence is not None:
            return evidence
    return None


def _own_act_evidence(code: str, part: tuple[int, ...], clauses: list[str], cue: re.Pattern[str], context: ClauseContext) -> str | None:
    """The evidence clause of a unit (clause indices `part`) that reads as a `code` violation, or
    None when its context says the act is not the candidate's own: someone else's act, a refusal
    or warning in it, a refusal told after it, a stop in the next clause, a scam being told."""
    if any(_SOMEONE_ELSE.search(clauses[i]) or _refuses(clauses[i]) or refused_after(clauses[i]) or _refused_alternative(clauses, i) for i in part):
        return None
    after = clauses[part[-1] + 1] if part[-1] + 1 < len(clauses) else ""
    before = clauses[part[0] - 1] if part[0] > 0 else ""
    if _STOPPED_NEXT.search(after) or _TELLS_OF_A_SCAM.search(before) or (code == "hostile" and _A_CALL_TO_THEM.search(before)) or _refused_later(clauses[part[-1] + 1 : part[-1] + 3]):
        return None
    evidence = _evidence_index(part, clauses, cue, context)
    if context.excludes(code, evidence, clauses[evidence]) or _rules_judged_negated(clauses, evidence):
        return None
    return clauses[evidence]


def _rules_judged_negated(clauses: list[str], index: int) -> bool:
    """True when some family's pattern names the act in this clause and every such mention is
    negated or warned of ("任何投资都没有包赚不赔的"): the rules read the scope, the classifier
    sees only the words."""
    clause = clauses[index]
    next_clause = clauses[index + 1] if index + 1 < len(clauses) else ""
    later = tuple(clauses[index + 1 : index + 3])
    mentions = [match for family in FAMILIES for pattern in family.patterns for match in pattern.finditer(clause)]
    return bool(mentions) and all(_excused(clause, match, next_clause, later) for match in mentions)


def _excused(clause: str, match: re.Match[str], next_clause: str, later: tuple[str, ...]) -> bool:
    """A pattern's match that is negated or warned of, or named as an offence ("那是规避监管")."""
    return _negated(clause, match.start(), match.end(), next_clause, later) or labelled_as_offence(clause, match.start(), match.group(0))


def _evidence_index(part: tuple[int, ...], clauses: list[str], cue: re.Pattern[str], context: ClauseContext) -> int:
    """Quote one clause of a pair: the speaker's own (a pair often tells what the customer
    asked and what the speaker did), then the one naming the family's subject, else the longer."""
    if len(part) == 1:
        return part[0]
    own = [i for i in part if not context.not_own[i]] or list(part)
    with_cue = [i for i in own if cue.search(clauses[i])]
    return max(with_cue or own, key=lambda i: len(clauses[i]))


@dataclass(frozen=True)
class ClauseContext:
    """Per clause: is it someone else's act (or a question), and does its sentence warn the
    customer to keep a code secret? See redflag_context.py."""

    not_own: list[bool]
    keeps_secret: list[bool]
    of_deposits: list[bool]  # the clause's sentence speaks of deposits and of no investment
    reported_slip: list[bool]  # the clause's sentence tells a slip the answer says was reported
    refund_owed: list[bool]  # the clause's sentence makes a refund owed (our error, money taken wrongly)

    @classmethod
    def of(cls, text: str, clauses: list[str]) -> ClauseContext:
        subjects = clause_subjects(text)
        per_sentence = (
            sentence_warns_to_keep_secret(text),
            sentence_of_deposits(text),
            sentence_tells_a_reported_slip(text),
            sentence_owes_a_refund(text),
        )
        if not all(len(flags) == len(clauses) for flags in (subjects, *per_sentence)):  # cannot align: judge every clause
            return cls(*([False] * len(clauses) for _ in range(1 + len(per_sentence))))
        return cls([not_own_act(c, s) for c, s in zip(clauses, subjects)], *per_sentence)

    def excludes(self, code: str, index: int, clause: str) -> bool:
        """True when clause `index` (whose text is `clause`) cannot be evidence of family `code`."""
        if self.not_own[index] or names_an_offence(clause):
            return True
        if code == "credential_request" and self.keeps_secret[index]:
            return True
        if code == "guaranteed_return" and self.of_deposits[index]:
            return True
        if code == "beyond_authority" and (submits_for_approval(clause) or (self.refund_owed[index] and promises_only_a_refund(clause))):
            return True
        if code == "privacy_leak" and self.reported_slip[index]:
            return True
        if code == "privacy_leak" and (speaks_of_own_details(clause) or shares_a_warning(clause)):
            return True
        if code == "cover_up" and asks_them_to_correct(clause):
            return True
        return code in ("guaranteed_return", "misleading_sales") and speaks_of_deposits(clause)


def detect_red_flags(
    text: str,
    semantic: bool = True,
    patterns: bool = True,
    margin: float | None = None,
    learned: bool = True,
    exemplars: bool = True,
) -> list[RedFlag]:
    """Red flags in an answer, one per family, each with the clause that shows it.

    `text` may be raw (Traditional, full-width); it is normalized first. Families the
    regexes do not catch are checked by the semantic fallback unless `semantic` is False:
    the contrastive exemplars (`exemplars`) and the learned classifier (`learned`,
    redflag_learned.py). With the learned part on, an exemplar's flag whose evidence clause the
    classifier finds clearly clean (P(violation) under the model's `exemplar_veto`) is dropped:
    a nearest exemplar sentence is also near refusals and warnings of the same act.
    `patterns=False` leaves the regexes out (to measure the fallback alone); `margin` overrides
    SEMANTIC_MARGIN (for evaluation)."""
    normalized = normalize_answer(text)
    clauses = split_clauses(normalized)
    context = ClauseContext.of(normalized, clauses)
    found: list[RedFlag] = []
    by_exemplars: set[str] = set()
    units: SemanticUnits | None = None
    for family in FAMILIES:
        evidence = _first_unnegated_match(family, clauses, context) if patterns else None
        if evidence is None and semantic and exemplars:
            if units is None:
                units = semantic_units(clauses)
            evidence = _first_semantic_match(
                family.code, clauses, units, SEMANTIC_MARGIN if margin is None else margin, context
            )
            if evidence is not None:
                by_exemplars.add(family.code)
        if evidence is not None:
            found.append(RedFlag(code=family.code, label=family.label, evidence=evidence))
    if semantic and learned and clauses:
        from kaoguan.score.redflag_learned import shipped_model

        model = shipped_model()
        units = units or semantic_units(clauses)
        found = [
            flag
            for flag in found
            if flag.code not in by_exemplars
            or learned_support(clauses, units, model, flag.evidence) >= model.exemplar_veto
        ]
        best = learned_match(clauses, units, context, model)
        if best is not None and best[0] >= model.threshold and best[1] not in {flag.code for flag in found}:
            code = family_by_code(best[1])
            found.append(RedFlag(code=code.code, label=code.label, evidence=best[2]))
            found.sort(key=lambda flag: [f.code for f in FAMILIES].index(flag.code))
    return found


def learned_support(clauses: list[str], units: SemanticUnits, model, evidence: str) -> float:
    """The learned P(violation) of the evidence clause: the best of the units that hold it."""
    if evidence not in clauses or not units.texts:
        return 1.0
    index = clauses.index(evidence)
    holding = [u for u, part in enumerate(units.parts) if index in part]
    violation, _ = model.violations(units.vectors[holding], [units.texts[u] for u in holding])
    return float(violation.max())


def _learned_cue(model, code: str) -> re.Pattern[str]:
    """A family's cue for the learned classifier: the hand-written list and the model's learned words."""
    return model.cue_pattern(code, LEARNED_CUES[code])


def _has_cue(model, cue: re.Pattern[str], text: str) -> bool:
    if model.require_cue == "family":
        return bool(cue.search(text))
    if model.require_cue == "any":
        return any(_learned_cue(model, code).search(text) for code in LEARNED_CUES)
    return True


def learned_match(
    clauses: list[str], units: SemanticUnits, context: ClauseContext, model, floor: float = 0.0
) -> tuple[float, str, str] | None:
    """The unit the learned classifier finds most likely a violation among those that can be
    evidence, as (P(violation), family code, evidence clause); None when none reaches `floor`.

    A unit below the model's strong threshold must name some family's subject (a cue): short
    fragments without one ("去过十几个城市") score high by chance. The same scope checks as the
    exemplar fallback apply (the classifier sees one unit, not who is speaking): a refusal or
    warning in it, someone else's act, a scam being described, a stop in the next clause."""
    if not units.texts:
        return None
    violation, codes = model.violations(units.vectors, units.texts)
    for index in np.argsort(-violation):
        if violation[index] < floor:
            break
        text, part, code = units.texts[index], units.parts[index], codes[index]
        cue = _learned_cue(model, code)
        if len(text) < _MIN_CLAUSE_CHARS:
            continue
        # the cue must be in the speaker's own words: a pair that joins a colleague's scolding to
        # the speaker stepping in ("说什么“您自己不看清楚怪谁”，我赶紧过去把客户接过来") has it in theirs
        own_words = "，".join(clauses[i] for i in part if not context.not_own[i])
        if violation[index] < model.strong_threshold and not _has_cue(model, cue, own_words):
            continue
        evidence = _own_act_evidence(code, part, clauses, cue, context)
        if evidence is not None:
            return float(violation[index]), code, evidence
    return None


# Telling the customer one thing and then admitting the truth is another ("我就说这是绑定的，
# 取消不了，其实打个电话就能取消") is misleading, whatever the product: the told clause is
# the evidence. Up to three clauses may separate them.
_TOLD = re.compile(r"(跟|和|对|告诉)(他|她|客户|老人|您|对方|大爷|阿姨)?(说|讲)|我就说|就说|我会说")
# ("其实就是借钱的成本" explains; "其实我以前碰到过一个阿姨" opens a story)
_ACTUALLY = re.compile(r"^(但|可|不过)?(其实|实际上)(?!就是|我(?:以前|之前|原来|碰到|遇到|见过))")
_TELLS_THE_TRUTH = re.compile(r"说实话|实话实说|讲实话")
_TOLD_WINDOW = 5


def _told_otherwise(clauses: list[str], context: ClauseContext) -> str | None:
    for index, clause in enumerate(clauses):
        if not _ACTUALLY.search(clause):
            continue
        for told in range(max(0, index - _TOLD_WINDOW), index):
            if _TOLD.search(clauses[told]) and not _refuses(clauses[told]) and not context.not_own[told] and not _TELLS_THE_TRUTH.search(clauses[told]):
                return clauses[told]
    return None


def _first_unnegated_match(family: RedFlagFamily, clauses: list[str], context: ClauseContext) -> str | None:
    if family.code == "misleading_sales":
        told = _told_otherwise(clauses, context)
        if told is not None:
            return told
    for index, clause in enumerate(clauses):
        next_clause = clauses[index + 1] if index + 1 < len(clauses) else ""
        if _SOMEONE_ELSE.search(clause) or context.excludes(family.code, index, clause) or _refused_alternative(clauses, index):
            continue
        # "凡是问这些的都是骗子，直接挂掉": hanging up on a fraudster is the advice
        # (or two back: "我会告诉客户这是诈骗，让他不要转账，直接挂掉电话")
        if family.code == "hostile" and any(_TELLS_OF_A_SCAM.search(c) or _A_CALL_TO_THEM.search(c) for c in clauses[max(0, index - 2) : index]):
            continue
        later = tuple(clauses[index + 1 : index + 3])
        for pattern in family.patterns:
            for match in pattern.finditer(clause):
                if not _excused(clause, match, next_clause, later):
                    return clause
    return None


def family(code: str) -> RedFlagFamily:
    for item in FAMILIES:
        if item.code == code:
            return item
    raise KeyError(code)


family_by_code = family
