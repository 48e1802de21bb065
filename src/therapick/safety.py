"""Which support lines a person sees, and in what order. Pure."""

from __future__ import annotations

from msgspec import Struct

from therapick.answers import Answers
from therapick.kb import KnowledgeBase, Line, Region


class LineMatch(Struct, frozen=True):
    line: Line
    region: Region
    why: str


def region_of(kb: KnowledgeBase, region_id: str | None) -> Region:
    return kb.regions_by_id.get(region_id or "", kb.regions_by_id.get("other", kb.regions[-1]))


def crisis_lines(kb: KnowledgeBase, region_id: str | None) -> list[Line]:
    return [line for line in region_of(kb, region_id).lines if line.crisis]


def matching_lines(kb: KnowledgeBase, answers: Answers) -> list[LineMatch]:
    """The region's lines that fit the answers; in a crisis, crisis lines first.

    A line shows when ``show_for.always`` is set, or when the person named
    one of its concerns and (if it lists any) is one of its ``who`` groups.
    """
    region = region_of(kb, answers.region)
    q = kb.questionnaire
    out: list[LineMatch] = []
    for line in region.lines:
        rule = line.show_for
        if rule.always:
            why = "a crisis line for anyone in distress" if line.crisis else "for everyone"
        else:
            hit = [c for c in rule.concerns if c in answers.concerns]
            if not hit or (rule.who and answers.who not in rule.who):
                continue
            phrases = [q.question("concerns").option(c).phrase for c in hit]
            why = "you mentioned " + " and ".join(phrases)
            if rule.who and answers.who:
                why += f", for {q.question('who').option(answers.who).phrase}"
        out.append(LineMatch(line, region, why))
    if answers.crisis:
        out.sort(key=lambda m: not m.line.crisis)
    return out
