"""kaoguan.score — objective grading and key-point scoring of open answers.

Public API:
- `Scorer(mode="accurate"|"fast")` with `.score(question, text, answer_id="")` and `.score_many(pairs)`;
- `grade_objective(question, text)`; `detect_red_flags(text)`; `star_structure(text)`;
- the JSON Lines contract: `Answer`, `Score`, `KeyPointCoverage`, `RedFlag`, `StructureReport`.
"""

from kaoguan.score.model import Answer, KeyPointCoverage, RedFlag, Score, StructureReport
from kaoguan.score.objective import grade_objective
from kaoguan.score.redflags import detect_red_flags
from kaoguan.score.scorer import MODES, Scorer, score_from_coverage
from kaoguan.score.structure import star_structure

__all__ = [
    "MODES",
    "Answer",
    "KeyPointCoverage",
    "RedFlag",
    "Score",
    "Scorer",
    "StructureReport",
    "detect_red_flags",
    "grade_objective",
    "score_from_coverage",
    "star_structure",
]
