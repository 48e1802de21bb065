"""Put ranking and support lines together into one result. Pure."""

from __future__ import annotations

from msgspec import Struct

from therapick.answers import Answers
from therapick.kb import Intervention, KnowledgeBase, Line, Region
from therapick.rank import Suggestion, excluded, rank
from therapick.safety import LineMatch, crisis_lines, matching_lines, region_of


class Result(Struct, frozen=True):
    answers: Answers
    suggestions: tuple[Suggestion, ...]
    lines: tuple[LineMatch, ...]
    region: Region
    crisis_lines: tuple[Line, ...]
    excluded: tuple[Intervention, ...]
    more: int  # suitable suggestions beyond the top N


def advise(kb: KnowledgeBase, answers: Answers, top: int = 3) -> Result:
    """The top ``top`` suggestions and the lines that fit complete ``answers``."""
    answers = answers.with_defaults(kb)
    ranked = rank(kb, answers)
    return Result(
        answers=answers,
        suggestions=tuple(ranked[:top]),
        lines=tuple(matching_lines(kb, answers)),
        region=region_of(kb, answers.region),
        crisis_lines=tuple(crisis_lines(kb, answers.region)) if answers.crisis else (),
        excluded=tuple(excluded(kb, answers)),
        more=max(0, len(ranked) - top),
    )
