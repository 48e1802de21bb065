"""Which support lines and routes to a professional a person sees, in what order. Pure.

The country is never assumed: with a region, that region's lines; without
one, what holds everywhere (each region's emergency number and first crisis
line). A line shows when its ``show_for`` rule fits the answers; in a
crisis, crisis lines come first; when the support is for a young person, the
lines made for young people come before the rest.
"""

from __future__ import annotations

from msgspec import Struct

from therapick.advice.answers import Answers
from therapick.base.i18n import t
from therapick.kb import questions as Q
from therapick.kb.schema import Intervention, KnowledgeBase, Line, Provider, Region, Resource


class LineMatch(Struct, frozen=True):
    line: Line
    region: Region
    why: str


class Overview(Struct, frozen=True):
    """One region's emergency number and first crisis line: what is shown when the region is unknown."""

    region: Region
    line: Line


class ProviderRoute(Struct, frozen=True):
    intervention: Intervention
    provider: Provider
    local: bool  # covers the person's region (or the region is unknown)


def crisis_lines(region: Region) -> list[Line]:
    return [line for line in region.lines if line.crisis]


def overview(kb: KnowledgeBase) -> list[Overview]:
    """Every region's emergency number and first crisis line, for when the region is unknown."""
    return [Overview(r, crisis_lines(r)[0]) for r in kb.regions if crisis_lines(r)]


def _phrase(kb: KnowledgeBase, qid: str, oid: str) -> str:
    q = kb.questionnaire.find(qid)
    return q.option(oid).phrase if q and oid in q.option_ids else oid


def matching_lines(kb: KnowledgeBase, region: Region, answers: Answers) -> list[LineMatch]:
    """The region's lines that fit the answers, in the order a person should see them.

    A line shows when ``show_for.always`` is set; or when the person named
    one of its concerns or groups and (if it lists any) is one of its
    ``who`` groups; or, with no concerns or groups, just for its ``who``.
    """
    who = answers.one(Q.WHO)
    concerns = _named(kb, answers)
    groups = answers.chosen(Q.GROUPS)
    out: list[LineMatch] = []
    for line in region.lines:
        rule = line.show_for
        if rule.always:
            if line.contact_kinds() == {"web"}:
                why = t("it helps you find a line where you are")
            else:
                why = t("it is a crisis line for anyone in distress") if line.crisis else t("it is for everyone")
        else:
            if rule.who and who not in rule.who:
                continue
            hit_c = [c for c, names in concerns.items() if names & set(rule.concerns)]
            hit_g = [g for g in rule.groups if g in groups]
            if not hit_c and not hit_g and (rule.concerns or rule.groups or not rule.who):
                continue
            parts = []
            both = " " + t("and") + " "
            if hit_c:
                parts.append(t("you mentioned {what}", what=both.join(_phrase(kb, Q.CONCERNS, c) for c in hit_c)))
            if hit_g:
                parts.append(t("it is run for {whom}", whom=both.join(_phrase(kb, Q.GROUPS, g) for g in hit_g)))
            if rule.who and who:
                parts.append(t("for {whom}", whom=_phrase(kb, Q.WHO, who)))
            why = ", ".join(parts)
        out.append(LineMatch(line, region, why))
    young_first = bool(who) and any(m.line.young for m in out)
    crisis = answers.yes(Q.CRISIS)
    # Stable sort: in a crisis, crisis lines first; for a young person, young people's lines next.
    out.sort(key=lambda m: ((crisis and not m.line.crisis), (young_first and not m.line.young)))
    return out


def _named(kb: KnowledgeBase, answers: Answers) -> dict[str, set[str]]:
    """Each concern chosen, with the former ids it replaces: a line for ``substance-use`` fits ``alcohol``."""
    q = kb.questionnaire.find(Q.CONCERNS)
    return {c: (q.names(c) if q else {c}) for c in answers.chosen(Q.CONCERNS)}


def gaps(kb: KnowledgeBase, region: Region, answers: Answers) -> list[str]:
    """What the region lacks for the person's concerns, and where to turn instead."""
    concerns = set().union(*_named(kb, answers).values())
    return [g.text for g in region.gaps if concerns & set(g.concerns)]


def at_risk(kb: KnowledgeBase, answers: Answers) -> bool:
    """Answers that should put a crisis line above the suggestions: danger, or a risk option chosen."""
    if answers.yes(Q.CRISIS):
        return True
    return any(
        o.risk for q in kb.questionnaire.questions if q.options for o in q.options if o.id in answers.chosen(q.id)
    )


def resources(kb: KnowledgeBase, region: Region | None) -> list[Resource]:
    """Routes to a professional: the region's own first, then what holds everywhere."""
    return [*(region.resources if region else ()), *kb.resources]


def provider_routes(region: Region | None, interventions: list[Intervention]) -> list[ProviderRoute]:
    """For each suggested approach, who keeps a list of trained providers; the person's region first."""
    out = [
        ProviderRoute(i, p, region is None or region.id in p.covers or "other" in p.covers)
        for i in interventions
        for p in i.providers
    ]
    out.sort(key=lambda r: not r.local)
    return out
