"""A small lexicon of customer-service behaviours interviewers listen for.

Embeddings miss the link between an abstract key point ("用通俗语言拆解，配合具体数字或
生活化的例子") and a concrete story that does it ("我就拿她那笔一万二的分期，在纸上一期一期
算给她看"). Each concept names the words a key point uses for a behaviour and the words
an answer uses when it actually shows that behaviour. Written from the job, not from any
particular answer.
"""

from __future__ import annotations

import re

# concept: (how key points name it, how answers show it)
CONCEPTS: dict[str, tuple[str, str]] = {
    "clarify_need": (
        r"问清|弄清|了解[^，。]{0,4}(需求|诉求|情况|困惑|原因)|真正关心|倾听|询问|核实情况",
        r"(先|我)问(问)?(他|她|客户|清|一下|对方)|“[^”]{2,30}[？?]|了解一下|听(他|她)(说|讲)|让(他|她)(把|先)[^，。]{0,6}说",
    ),
    "explain_plainly": (
        r"通俗|大白话|例子|比方|打比方|具体数字|演算|拆解|生活化|听得懂",
        r"比如|就像|好比|打个比方|举(个)?例|大白话|一期一期|算给(他|她)|[0-9一二三四五六七八九十两百千万]+(块|元|期|%|个月)",
    ),
    "confirm_understanding": (
        r"确认[^，。]{0,6}(理解|听懂|清楚|明白)|复述|追问确认",
        r"清楚了吗|明白了吗|听懂了|还有(哪里|什么)不(清楚|明白)|复述|(说|讲)(得)?快不快|说明白了",
    ),
    "written_record": (
        r"书面|留痕|记录|备注|存档|材料",
        r"发(给|到)?(他|她|您)?[^，。]{0,4}(短信|邮件|截图|明细|条款)|记录|登记|备注|写(进|到)|工单|存档",
    ),
    "result_lesson": (
        r"结果|经验|收获|总结|复盘|改进|可复用",
        r"最后|最终|后来|结果|没再|不再|总结|学到|收获|从那以后|以后(我|遇到)|写进|沉淀|FAQ",
    ),
    "soothe_emotion": (
        r"安抚|情绪|共情|冷静|理解[^，。]{0,4}(心情|感受)|稳住",
        r"别(急|着急|慌)|理解(您|你|他|她)的?(心情|感受)?|(非常|很)?抱歉|不好意思|慢慢说|心情|着急",
    ),
    "escalate": (
        r"上报|升级|主管|正式流程|协调|转交|相关部门|合规部门|风控",
        r"主管|上报|报给|升级|工单|转(给|交|到)[^，。]{0,6}(部门|同事|专员)|风控|合规|协调",
    ),
    "follow_up": (
        r"跟进|回访|同步|反馈|告知进展|闭环|时限",
        r"跟进|回(电话|电|复)|通知(他|她|客户)|同步|回访|(天|小时)内|进度|进展",
    ),
    "no_overpromise": (
        r"不(能|得)?承诺|不(做|作)保证|以[^，。]{0,6}为准|合规|规定|不越权|权限",
        r"没法保证|不能保证|无法保证|不敢保证|按(照)?规定|规定|以[^，。]{0,6}为准|没有(这个)?权限|不能(替|帮)",
    ),
    "self_learning": (
        r"学习|请教|熟悉|掌握|钻研|梳理",
        r"请教|问(师傅|同事|老员工|带我的)|通读|笔记|思维导图|整理成|练|背|模拟",
    ),
    "self_care": (
        r"调节|心态|作息|减压|解压|休息|身体",
        r"作息|睡|跑步|运动|解压|放松|调整(心态|状态)|休息",
    ),
}

_KP_PATTERNS = {name: re.compile(kp) for name, (kp, _) in CONCEPTS.items()}
_ANSWER_PATTERNS = {name: re.compile(answer) for name, (_, answer) in CONCEPTS.items()}


def key_point_concepts(text: str) -> frozenset[str]:
    return frozenset(name for name, pattern in _KP_PATTERNS.items() if pattern.search(text))


def shown_concepts(text: str) -> frozenset[str]:
    return frozenset(name for name, pattern in _ANSWER_PATTERNS.items() if pattern.search(text))


def concept_support(key_point_text: str, answer_text: str) -> float:
    """Share of the behaviours a key point names that the answer shows (0 when it names none)."""
    wanted = key_point_concepts(key_point_text)
    if not wanted:
        return 0.0
    return len(wanted & shown_concepts(answer_text)) / len(wanted)
