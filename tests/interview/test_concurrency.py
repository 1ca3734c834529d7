"""Autosaves racing each other (several browser tabs, retries) never lose the newest text."""

import threading

from kaoguan.interview import Interviews, PaperSpec, QuestionPick
from kaoguan.store import Library


def test_concurrent_autosaves_keep_the_highest_revision(db, jd):
    bank_id = Library(db).save_bank(jd).bank_id
    interviews = Interviews(db)
    paper = interviews.assemble_paper(PaperSpec(title="并发", picks=[
        QuestionPick(bank_id=bank_id, question_id="s1-q1"), QuestionPick(bank_id=bank_id, question_id="s1-q2")]))
    token = interviews.invite_candidate(paper.paper_id, "张三").token
    errors = []

    def typist(offset: int) -> None:
        try:
            for revision in range(1 + offset, 41, 4):  # four writers interleave revisions 1..40
                for position in (1, 2):
                    interviews.autosave_answer(token, position, f"第{revision}版", revision)
        except Exception as exc:  # collected: an assertion in a thread would go unnoticed
            errors.append(exc)

    threads = [threading.Thread(target=typist, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    saved = {q.position: (q.saved_text, q.saved_revision) for q in interviews.open_session(token).questions}
    assert saved == {1: ("第40版", 40), 2: ("第40版", 40)}
