"""Finding things in a knowledge base by what a person typed: an intervention,
a filtered list, a region. Pure; failures are one clear ``TherapickError``."""

from __future__ import annotations

from collections.abc import Mapping

from therapick import questions as Q
from therapick import region as where
from therapick.errors import NOT_FOUND, TherapickError, clean
from therapick.schema import Intervention, KnowledgeBase, Region


def find_or_fail(kb: KnowledgeBase, name: str) -> Intervention:
    """The intervention called ``name``, or an error that suggests the closest names."""
    found = kb.find(name)
    if found is not None:
        return found
    close = kb.closest(name)
    hint = (
        "did you mean " + " or ".join(f"{i.label} ('{i.id}')" for i in close) + "?"
        if close
        else "run 'therapick list' to see them all."
    )
    raise TherapickError(f"no intervention called '{clean(name, 80)}'; {hint}", NOT_FOUND)


def select(kb: KnowledgeBase, category: str | None, concern: str | None) -> list[Intervention]:
    """Interventions in ``category`` (an id) that fit ``concern`` (an option id); None means any."""
    items = list(kb.interventions)
    if category is not None:
        if category not in kb.categories_by_id:
            known = ", ".join(kb.categories_by_id)
            raise TherapickError(f"--category: no category '{clean(category, 60)}'; the categories are: {known}")
        items = [i for i in items if i.category == category]
    if concern is not None:
        ids = kb.questionnaire.question(Q.CONCERNS).option_ids
        if concern not in ids:
            raise TherapickError(f"--concern: no concern '{clean(concern, 60)}'; the concerns are: {', '.join(ids)}")
        items = [i for i in items if concern in i.fits(Q.CONCERNS)]
    return items


def regions_for(kb: KnowledgeBase, region: str | None) -> list[Region]:
    """One region (by id, any case), or all of them."""
    if region is None:
        return list(kb.regions)
    return [r for r in kb.regions if r.id == where.parse(kb, region)]


def region_or_guess(kb: KnowledgeBase, region: str | None, environ: Mapping[str, str]) -> Region | None:
    """The region named, else the one the person's setting gives, else None (never assumed)."""
    rid = where.parse(kb, region) if region is not None else where.guess(kb, environ)[0]
    return where.get(kb, rid)
