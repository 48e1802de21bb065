"""Put ranking, support lines and routes to a professional together into one result. Pure.

``advise`` is the one call ``ask`` makes into the core. The region is the
person's answer, or their setting's guess (``region.guess``), or unknown:
then ``overview`` holds every region's emergency number and first crisis
line, and nothing region-specific is shown as if it applied.
"""

from __future__ import annotations

from collections.abc import Mapping

from msgspec import Struct

from therapick.advice import region as regions
from therapick.advice import screens as S
from therapick.advice.answers import Answers
from therapick.advice.describe import Described
from therapick.advice.rank import Suggestion, excluded, main_concern, no_good_fit, rank
from therapick.advice.safety import (
    LineMatch,
    Overview,
    ProviderRoute,
    at_risk,
    crisis_lines,
    gaps,
    matching_lines,
    overview,
    provider_routes,
    resources,
)
from therapick.kb import questions as Q
from therapick.kb.schema import Country, Intervention, KnowledgeBase, Line, NoGoodFit, Practice, Region, Resource


class Uncovered(Struct, frozen=True):
    """A situation in the answers that none of the interventions fits well, and where to turn for it."""

    entry: NoGoodFit
    concern: str  # the concern option it is for
    lines: tuple[Line, ...]  # the region's lines for that concern (with a region)
    gaps: tuple[str, ...]  # the region's notes on lines it lacks for that concern


class Result(Struct, frozen=True):
    answers: Answers
    suggestions: tuple[Suggestion, ...]
    region: Region | None
    region_how: str  # "you said", "THERAPICK_REGION", "the locale", or "" when unknown
    crisis: bool  # the person said someone is in danger
    at_risk: bool  # danger, or a concern that puts a crisis line first
    crisis_lines: tuple[Line, ...]  # the region's crisis lines, when at risk
    overview: tuple[Overview, ...]  # every region's first crisis line, when the region is unknown
    lines: tuple[LineMatch, ...]
    gaps: tuple[str, ...]
    resources: tuple[Resource, ...]
    providers: tuple[ProviderRoute, ...]
    excluded: tuple[Intervention, ...]
    more: int  # suitable suggestions beyond the top N
    screens: tuple[S.Screen, ...] = ()  # PHQ-9 and GAD-7, when answered (a positive ninth item is a risk)
    country: Country | None = None  # somewhere else: the country, when the table holds it
    country_how: str = ""
    country_asked: str | None = None  # a country named that the table does not hold
    described: Described | None = None  # what the person's own words matched (crisis words first)
    practices: tuple[Practice, ...] = ()  # practices a source ties to a suggested approach (none in a crisis)
    main_concern: str | None = None  # the concern that matters most (None: several, and not said)
    no_good_fit: tuple[Uncovered, ...] = ()  # shown before the suggestions

    @property
    def words_urgent(self) -> bool:
        """The person's own words hold crisis words: the crisis lines come first, before anything else."""
        return bool(self.described and self.described.urgent)


def advise(
    kb: KnowledgeBase,
    answers: Answers,
    top: int = 3,
    environ: Mapping[str, str] | None = None,
    screens: tuple[S.Screen, ...] = (),
) -> Result:
    """The top ``top`` suggestions and the lines and routes that fit ``answers`` (and ``screens``)."""
    place = regions.locate(kb, answers.one(Q.REGION), answers.one(Q.COUNTRY), environ or {})
    region, how = regions.get(kb, place.region), place.how
    country = regions.country_row(kb, place)
    ranked = rank(kb, answers)
    described = answers.described
    risky = at_risk(kb, answers) or S.crisis_first(screens) or bool(described and described.urgent)
    # The top N, and any that share the last one's rank: equal standing is never cut by list order.
    shown = ranked[:top] + [s for s in ranked[top:] if ranked and s.rank == ranked[min(top, len(ranked)) - 1].rank]
    urgent = answers.yes(Q.CRISIS) or S.crisis_first(screens) or bool(described and described.urgent)
    matched = list(matching_lines(kb, region, answers)) if region else []
    return Result(
        answers=answers,
        suggestions=tuple(shown),
        region=region,
        region_how=how if region else "",
        crisis=answers.yes(Q.CRISIS),
        at_risk=risky,
        crisis_lines=tuple(crisis_lines(region)) if (risky and region) else (),
        overview=tuple(overview(kb)) if region is None else (),
        lines=tuple(matched),
        gaps=tuple(gaps(kb, region, answers)) if region else (),
        resources=tuple(resources(kb, region)),
        providers=tuple(provider_routes(region, [s.intervention for s in shown])),
        excluded=tuple(excluded(kb, answers)),
        more=max(0, len(ranked) - len(shown)),
        screens=screens,
        described=described,
        # Practices are for everyday stress, never for a crisis (practices.md): none is offered then.
        practices=() if urgent else tuple(tied_practices(kb, [s.intervention for s in shown])),
        country=country,
        country_how=place.country_how if country else "",
        country_asked=place.asked if region else None,
        main_concern=main_concern(kb, answers),
        no_good_fit=tuple(_uncovered(kb, answers, region, matched)),
    )


def tied_practices(kb: KnowledgeBase, interventions: list[Intervention]) -> list[Practice]:
    """The practices a source ties to one of ``interventions`` (only the ties the facts hold)."""
    ids = {i.id for i in interventions}
    return [p for p in kb.practices if ids.intersection(p.interventions)]


def _uncovered(kb: KnowledgeBase, answers: Answers, region: Region | None, matched: list[LineMatch]) -> list[Uncovered]:
    """Each situation none of the interventions fits well, with the region's own lines and notes for it."""
    out: list[Uncovered] = []
    q = kb.questionnaire.find(Q.CONCERNS)
    for entry, concern in no_good_fit(kb, answers):
        names = q.names(concern) if q else {concern}
        lines = tuple(m.line for m in matched if names & set(m.line.show_for.concerns))
        notes = tuple(g.text for g in (region.gaps if region else ()) if names & set(g.concerns))
        out.append(Uncovered(entry, concern, lines, notes))
    return out
