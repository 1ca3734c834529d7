"""Red flags a fintech compliance or quality officer would catch in an answer.

Each family is a small list of regular expressions over the normalized answer, matched
clause by clause so the evidence is the clause that says it. A match preceded (in the
same clause) by a negation or a warning ("我绝不会承诺保本", "提醒客户警惕征信修复") is
not a red flag: candidates who know the rule often name the thing they would never do.

Patterns are written from what the rule forbids, not from particular answers; the
answer-level precision/recall on the dev set is printed by bench/score_eval.py.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass

import numpy as np

from kaoguan.score.model import RedFlag
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
        r"保本保(息|收益)|保本[、，]?稳赚|稳赚|包赚|只赚不赔|刚性兑付|零风险|没有任何风险",
        r"(承诺|保证|肯定|绝对|百分之?百)[^，。]{0,4}(保本|保收益|不亏|不会亏|回本|赚钱|收益)",
        r"(肯定|一定|绝对|保证)(能|会)?(回本|赚|涨回来|涨|不会亏)",
        r"(这是|已经是|到)底部了|(马上|肯定)(就)?(会)?反弹",
        r"(保证|承诺|至少)[^，。]{0,6}(年化|收益率|利息)[^，。]{0,6}(\d|百分之)|收益(稳定|有保障)[^，。]{0,4}(不会亏|没风险)",
        r"(放心|稳稳的?|肯定|绝对)[^，。]{0,4}(不会|不可能)亏|本息一分不少|收益有保障",
        # plain assurances: "这个产品是保本的", "不会亏本的", "本金肯定不会少", "亏了我们负责赔"
        r"(?<![不非])是保本的|(?<![不])(不会|不可能)亏(本|钱)|本金(肯定|绝对|保证|一定)?(不会|不可能)(少|亏)",
        r"亏了[^，。]{0,6}(负责|来|给您|包)(赔|补)",
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
    ),
    _family(
        "rule_bypass",
        "协助绕过规则或造假",
        "教客户虚报、篡改材料或绕开风控，是欺诈和违规，个人和机构都要担责。",
        r"虚报|谎报|篡改|伪造|造假|做假|假材料|P图|修图",
        r"(多|少)(写|填|报)一?点|(替|帮)(您|你|他|她|客户)?做[^，。]{0,4}(测评|评估)|(选项|题目?)我(来|帮您|帮你)?(答|选|填)",
        r"(写|填|报)得?(高|多|低|少|好看|好听)一?点|填得好听|换个说法重新(填|申请|提交)",
        r"(把|将)[^，。]{0,10}(去掉|删掉|抹掉|隐去)",
        r"选得?(激进|保守)一?点|(答|选)[^，。]{0,4}(激进|高风险)的?选项|等级就(上去|上来)了",
        r"(绕过|绕开|规避|避开)(风控|规则|规定|流程|系统|监管|审核|审批)|钻[^，。]{0,2}空子|走后门",
        r"请[^，。]{0,8}吃(个|顿)?饭|送礼|红包|手下留情|通融一下",
        r"(代|替)(客户|他|她|您)?(操作|转账|签字|签名|做测评|答题|填写)|帮[^，。]{0,3}转(?!接|告|达|交|给|介|到|人工|办|述)",
    ),
    _family(
        "credential_request",
        "索要密码或验证码",
        "任何正规机构都不会向客户索要密码、验证码，这是诈骗最典型的话术，也会让客户资金失去保护。",
        r"(密码|验证码|动态码|短信码|安全码|CVV)[^，。]{0,6}(告诉|发|给|报|念|说)(给)?我",
        r"(告诉|发|给|报|念)(给)?我[^，。]{0,6}(密码|验证码|动态码|安全码)",
        r"索要[^，。]{0,4}(密码|验证码)|问(他|她|客户)要[^，。]{0,4}(密码|验证码)",
    ),
    _family(
        "privacy_leak",
        "泄露他人信息",
        "客户信息只能告诉经过核验的本人，向第三方透露或外传资料违反个人信息保护规定。",
        r"(告诉|透露|提供|发给|说给)(她|他|对方|家属|家人|配偶|朋友|第三方|别人|其他人)[^，。]{0,8}(余额|流水|账户|欠款|住址|地址|电话|身份证|交易|信息|资料)",
        r"拍(照|了)?[^，。]{0,6}(发到|发给|传到)|(发到|转到|传到)[^，。]{0,8}(群|朋友圈)",
        r"泄露|外传|透露给",
        r"把(她|他|客户|别人|对方)的[^，。]{0,8}(余额|流水|账户|欠款|住址|地址|电话|身份证|交易|信息|资料)[^，。]{0,3}(告诉|发给|透露|说给)",
        r"(别人|他人|其他客户|老婆|老公|妻子|丈夫|配偶|家人|朋友)的[^，。]{0,6}(余额|流水|账户|信息|资料|电话|地址)[^，。]{0,4}(告诉|发给|透露|给)",
    ),
    _family(
        "hostile",
        "指责、争辩或威胁客户",
        "指责、顶撞或威胁只会激化矛盾，服务岗位首先要控制情绪、解决问题。",
        r"责任[^，。]{0,6}(在您|在你|是您|是你)|(是|怪)(您|你)自己|(您|你)(要是|如果)早",
        r"(您|你)认真听|我(刚才)?(已经)?说过了|听不懂吗|凭什么|有本事|爱[^，。]{0,2}不[^，。]{0,2}",
        r"(跟|和|与)(他|她|客户|对方|主管|领导|面试官)?[^，。]{0,4}(争辩|争论|吵|理论|对着干)|顶撞|当场[^，。]{0,6}(站起来|反驳|顶)",
        r"就挂了|直接挂(断|了|掉)|挂(他|她|客户)的?电话|主动挂断|甩给(他|她|客户)",
        r"看不起人|外行怎么了|没什么技术含量|谁都能干|吓唬|威胁(他|她|客户)",
        r"听不听得懂|听得懂吗|听明白没有|(要)?投诉就(去)?投诉|说过[一二三两几\d]+(遍|次)了",
        r"(你|您)?爱(投诉|告)[^，。]{0,4}(就|去)|随便(你|您)(去)?(投诉|告)|你(自己)?(不会|看不懂)[^，。]{0,4}(吗|啊)|烦不烦|有完没完",
    ),
    _family(
        "cover_up",
        "掩盖错误或隐瞒信息",
        "出错要如实告知、及时纠正和上报；隐瞒会让小问题变成投诉和监管处罚。",
        r"瞒着|隐瞒|掩盖|将错就错|当没发生|不上报|不留痕|删(掉|除)[^，。]{0,4}(录音|记录|聊天)",
        r"不主动(提|说|告知|讲|告诉)|(不|别)(让|告诉)(客户|主管|领导)(知道)?",
        r"(偷偷|悄悄|私下)[^，。]{0,6}(改|补|删|处理掉)|就当(没|不知道)",
        r"事后再[^，。]{0,4}(想办法|跟主管|找主管|解释)",
        r"(不用|不会|不)(跟|和|给)?(客户|他|她)?(讲|解释|说)(得)?(那么|这么|太)细",
    ),
    _family(
        "misleading_sales",
        "误导销售或违规营销",
        "隐瞒真实费用、捆绑搭售或未经同意办理业务，侵害客户的知情权和选择权。",
        r"很划算|划算得很",
        r"(说|讲|告诉(他|她|客户))[^，。]{0,8}是?免费的?|必须的流程|不(买|办|开通)[^，。]{0,4}的?话[^，。]{0,8}(很难|不能|不给|批不|通不过|办不了|不行)|搭(配|售)(一个|一份)?(保险|产品)",
        r"拖一拖|拖着不办|(流程|手续)[^，。]{0,2}(很|特别)?(复杂|麻烦)[^，。]{0,6}(等|个月)",
        r"征信修复|洗白征信|先(帮他|给他|帮客户)(把)?[^，。]{0,6}(办了|开通了|开了)|未经(客户)?同意",
    ),
)

# Words that, shortly before a match in the same clause, turn it into a refusal or a
# warning. Kept short and specific: a bare 不 would also negate "不想看就挂了".
_NEGATORS = re.compile(
    r"绝不|绝对不|决不|从不|从来不|不会|不能|不可以|不可|不应|不得|不要|不准|不许|别|严禁|禁止|杜绝|避免|拒绝|"
    r"不说|不承诺|没法|无法|不是|而不是|不去|不帮|不给|不做|警惕|谨防|防范|小心|识别|举报|反对|制止|"
    r"不建议|不允许|不能够|不存在|谈不上|并非|不该|提醒"
)
_NEGATION_WINDOW = 16  # characters before the match that may hold its negation
# A single negating character right before the match: 不承诺收益, 没有保本, 勿泄露.
_IMMEDIATE_NEGATION = frozenset("不没别勿未无非")
# Named as a danger rather than done: 征信修复骗局, 保本陷阱.
_WARNING_AFTER = re.compile(r"^[^，。]{0,8}(骗局|陷阱|诈骗|套路|的风险|是违规|违规|违法|红线)")
# The next clause stops it: "她要把验证码念给我，我赶紧拦住她".
_STOPPED_NEXT = re.compile(r"^[^，。]{0,6}(拦住|制止|阻止|打断|拒绝|不能|不可以|千万不|严禁)")


def _negated(clause: str, start: int, end: int, next_clause: str) -> bool:
    before = clause[max(0, start - _NEGATION_WINDOW) : start]
    return bool(
        _NEGATORS.search(before)
        or (before and before[-1] in _IMMEDIATE_NEGATION)
        or _WARNING_AFTER.search(clause[end:])
        or _STOPPED_NEXT.search(next_clause)
    )


# --- Semantic fallback -------------------------------------------------------------
# The regexes were written with the dev answers in view and miss most fresh paraphrases.
# A clause the regexes do not catch is also compared (fast USE encoder, cosine) with a
# handful of exemplar violations per family (redflag_exemplars.py); it is flagged when
# its best cosine reaches the family's threshold and the clause is not a refusal.
#
# Thresholds: the highest cosine of any non-refusing clause of a dev answer the rater
# left WITHOUT red flags, plus a margin of 0.05 (rounded up). Recompute them whenever
# the exemplars change (see tests/score/test_redflags_semantic.py for the held-out set).
# No threshold is set below a floor of 0.62, however low the dev maximum was
# (credential_request: 0.52 on dev), since dev has few clauses near some families.
SEMANTIC_MARGIN = 0.05
SEMANTIC_THRESHOLDS: dict[str, float] = {
    # code: threshold  (dev clean max, 2026-11-22)
    "guaranteed_return": 0.65,  # 0.594
    "beyond_authority": 0.67,  # 0.612
    "rule_bypass": 0.71,  # 0.653
    "credential_request": 0.62,  # 0.522 (floor)
    "privacy_leak": 0.70,  # 0.643
    "hostile": 0.75,  # 0.691
    "cover_up": 0.63,  # 0.575
    "misleading_sales": 0.67,  # 0.615
}
_MIN_CLAUSE_CHARS = 5
# Refusal/negation anywhere in the clause (there is no match position to anchor a window).
_CLAUSE_NEGATION = re.compile(_NEGATORS.pattern + r"|没有|从没|并没|骗局|陷阱|诈骗|违规|违法|红线")

_exemplar_vectors: dict[str, np.ndarray] | None = None
_exemplar_lock = threading.Lock()


def _encoder():
    from kaoguan.score.encoders import shared_encoder

    return shared_encoder("use")


def _exemplars() -> dict[str, np.ndarray]:
    """Exemplar vectors per family, encoded once per process."""
    global _exemplar_vectors
    if _exemplar_vectors is None:
        with _exemplar_lock:
            if _exemplar_vectors is None:
                from kaoguan.score.redflag_exemplars import EXEMPLARS

                encoder = _encoder()
                _exemplar_vectors = {code: encoder.encode(list(texts), cache=True) for code, texts in EXEMPLARS.items()}
    return _exemplar_vectors


def _clause_refuses(clause: str, next_clause: str) -> bool:
    return bool(_CLAUSE_NEGATION.search(clause) or _STOPPED_NEXT.search(next_clause))


def semantic_similarities(clauses: list[str]) -> dict[str, np.ndarray]:
    """Family code → each clause's best cosine to that family's exemplars."""
    if not clauses:
        return {}
    return _similarities(tuple(clauses))


@functools.lru_cache(maxsize=2048)
def _similarities(clauses: tuple[str, ...]) -> dict[str, np.ndarray]:
    # Cached per answer: the same answer is checked again on rescoring and in the
    # leave-one-question-out evaluation; without it the eval ran ~6x slower.
    vectors = _encoder().encode(list(clauses))
    return {code: (vectors @ ex.T).max(axis=1) for code, ex in _exemplars().items()}


def _first_semantic_match(code: str, clauses: list[str], sims: dict[str, np.ndarray]) -> str | None:
    threshold = SEMANTIC_THRESHOLDS.get(code)
    if threshold is None or code not in sims:
        return None
    for index, clause in enumerate(clauses):
        next_clause = clauses[index + 1] if index + 1 < len(clauses) else ""
        if (
            len(clause) >= _MIN_CLAUSE_CHARS
            and sims[code][index] >= threshold
            and not _clause_refuses(clause, next_clause)
        ):
            return clause
    return None


def detect_red_flags(text: str, semantic: bool = True) -> list[RedFlag]:
    """Red flags in an answer, one per family, each with the clause that shows it.

    `text` may be raw (Traditional, full-width); it is normalized first. Families the
    regexes do not catch are checked by the semantic fallback unless `semantic` is False."""
    clauses = split_clauses(normalize_answer(text))
    found: list[RedFlag] = []
    sims: dict[str, np.ndarray] | None = None
    for family in FAMILIES:
        evidence = _first_unnegated_match(family, clauses)
        if evidence is None and semantic and family.code in SEMANTIC_THRESHOLDS:
            if sims is None:
                sims = semantic_similarities(clauses)
            evidence = _first_semantic_match(family.code, clauses, sims)
        if evidence is not None:
            found.append(RedFlag(code=family.code, label=family.label, evidence=evidence))
    return found


def _first_unnegated_match(family: RedFlagFamily, clauses: list[str]) -> str | None:
    for index, clause in enumerate(clauses):
        next_clause = clauses[index + 1] if index + 1 < len(clauses) else ""
        for pattern in family.patterns:
            for match in pattern.finditer(clause):
                if not _negated(clause, match.start(), match.end(), next_clause):
                    return clause
    return None


def family(code: str) -> RedFlagFamily:
    for item in FAMILIES:
        if item.code == code:
            return item
    raise KeyError(code)
