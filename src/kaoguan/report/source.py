"""Reports from the stored interviews: candidate results of one paper, through the interview service."""

from __future__ import annotations

from kaoguan.report.results import CandidateResult, from_sheet


def paper_results(interviews, paper_id: int, submitted_only: bool = True) -> tuple[object, list[CandidateResult]]:
    """The paper and one CandidateResult per (submitted) session of it."""
    paper = interviews.get_paper(paper_id)
    sessions = [session for session in interviews.list_sessions(paper_id)
                if session.status == "submitted" or not submitted_only]
    return paper, [from_sheet(interviews.scoring_sheet(session.session_id), paper) for session in sessions]


def session_result(interviews, session_id: int) -> tuple[CandidateResult, list[CandidateResult]]:
    """One candidate's result and the results of everyone who sat the same paper (for comparison)."""
    summary = next((session for session in interviews.list_sessions() if session.session_id == session_id), None)
    if summary is None:
        from kaoguan.store import NotFound

        raise NotFound(f"no interview session {session_id}")
    paper, cohort = paper_results(interviews, summary.paper_id)
    mine = next((result for result in cohort if result.session_id == session_id), None)
    if mine is None:  # not submitted yet: report what there is
        mine = from_sheet(interviews.scoring_sheet(session_id), paper)
    return mine, cohort
