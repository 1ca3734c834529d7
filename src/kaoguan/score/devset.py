"""The dev-answers set (../shared/data/dev-answers) as kaoguan objects.

questions.json is a list of questions carrying their section title, not a Bank; this
adapter builds a Bank JSON v1 from it (sections by title, categories mapped) so the same
data also works with `kaoguan score --bank`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from kaoguan.bank.model import Bank, KeyPoint, Question, Section

SECTION_CATEGORIES = {"行为": "behavioral", "情景": "situational", "专业知识": "knowledge", "压力": "stress"}


def _category(title: str) -> str | None:
    for word, category in SECTION_CATEGORIES.items():
        if word in title:
            return category
    return None


def bank_from_dev_questions(path: Path) -> Bank:
    """Build a Bank from dev-answers' questions.json (sections in order of first appearance)."""
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    sections: dict[str, Section] = {}
    for number, item in enumerate(raw, start=1):
        title = item["section"]
        if title not in sections:
            sections[title] = Section(title=title, category=_category(title))
        sections[title].questions.append(
            Question(
                id=item["id"],
                number=number,
                kind="open",
                prompt=item["prompt"],
                points=item["points"],
                key_points=[KeyPoint(id=k["id"], text=k["text"], detail=k.get("detail")) for k in item["key_points"]],
            )
        )
    return Bank(title="dev-answers", source=str(path), sections=list(sections.values()))


@dataclass(frozen=True)
class RatedAnswer:
    answer_id: str
    question_id: str
    text: str
    marks: dict[str, float]
    red_flags: list[str]
    score: int


def load_rated_answers(path: Path) -> list[RatedAnswer]:
    rated = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            rated.append(
                RatedAnswer(
                    answer_id=item["answer_id"],
                    question_id=item["question_id"],
                    text=item["text"],
                    marks={k: float(v) for k, v in item["keypoint_marks"].items()},
                    red_flags=list(item["red_flags"]),
                    score=int(item["score"]),
                )
            )
    return rated


def load_dev_set(directory: Path) -> tuple[Bank, list[RatedAnswer]]:
    directory = Path(directory)
    return bank_from_dev_questions(directory / "questions.json"), load_rated_answers(directory / "answers.jsonl")
