"""kaoguan.interview: assemble papers, invite candidates, collect answers, score and rate them.

    from kaoguan.store import Database
    from kaoguan.interview import Interviews, PaperSpec
    iv = Interviews(Database())
    paper = iv.assemble_paper(PaperSpec(title="客服顾问一面", bank_ids=[1], per_section={"行为面试题": 3}))
    invite = iv.invite_candidate(paper.paper_id, "张三", "zhangsan@example.com")
    view = iv.open_session(invite.token)          # candidate-safe: no key points, no answers
"""

from kaoguan.interview.errors import InvalidToken, PaperAssemblyError
from kaoguan.interview.service import AnswerScorer, Interviews
from kaoguan.interview.views import (
    AutosaveResult,
    AutoScoreView,
    CandidateOption,
    CandidateQuestion,
    CandidateSession,
    ChecklistRow,
    DisagreementSummary,
    Invitation,
    ItemDisagreement,
    PaperItem,
    PaperSpec,
    PaperSummary,
    PaperView,
    QuestionPick,
    RatingView,
    ScoringSheet,
    SessionSummary,
    SheetItem,
    SubmitResult,
)

__all__ = [
    "AnswerScorer", "AutoScoreView", "AutosaveResult", "CandidateOption", "CandidateQuestion", "CandidateSession",
    "ChecklistRow", "DisagreementSummary", "Interviews", "InvalidToken", "Invitation", "ItemDisagreement",
    "PaperAssemblyError", "PaperItem", "PaperSpec", "PaperSummary", "PaperView", "QuestionPick", "RatingView",
    "ScoringSheet", "SessionSummary", "SheetItem", "SubmitResult",
]
