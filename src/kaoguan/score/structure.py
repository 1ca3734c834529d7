"""STAR structure (Situation, Task, Action, Result) of a behavioral answer.

Behavioral questions ask for a real experience; interviewers listen for where and when it
happened, what had to be achieved, what the candidate did, and how it ended. Each part is
recognized by the cue words Chinese candidates use to tell it.
"""

from __future__ import annotations

import re

from kaoguan.score.model import StructureReport
from kaoguan.score.text import normalize_answer

STAR_PARTS = ("situation", "task", "action", "result")
STAR_NAMES = {"situation": "情境(S)", "task": "任务(T)", "action": "行动(A)", "result": "结果(R)"}

_CUES = {
    "situation": re.compile(
        r"之前|以前|有一次|有次|有一回|曾经|当时|那时|去年|前年|刚入职|实习(时|的时候|期间)|"
        r"在[^，。]{0,12}(实习|工作|上班|做|兼职|读书|当)|有(个|位|一个|一位)(客户|顾客|会员|阿姨|大爷|同事)"
    ),
    "task": re.compile(
        r"需要|负责|任务|目标|要求我|职责|我得|必须|要(解决|处理|完成|让|把)|问题是|难点|挑战|目的是|希望"
    ),
    "action": re.compile(
        r"我(就|先|会|把|去|跟|和|给|主动|马上|立刻|赶紧|又|再|还|便|一边|一方面)|然后|接着|于是|随后|"
        r"我[^，。]{0,3}(整理|联系|沟通|解释|提交|申请|协调|核实|记录|查|问|找|打电话|发)"
    ),
    "result": re.compile(
        r"最后|最终|结果|后来|终于|成功|解决了|满意|表扬|好评|感谢|撤(回|销)|没再|不再|学到|收获|"
        r"总结|体会|从那以后|之后我|提升|提高了|下降|通过了|顺利"
    ),
}


def star_structure(text: str) -> StructureReport:
    """Which STAR parts a behavioral answer tells, and which it leaves out."""
    normalized = normalize_answer(text)
    present = [part for part in STAR_PARTS if _CUES[part].search(normalized)]
    return StructureReport(present=present, missing=[part for part in STAR_PARTS if part not in present])
