"""Finding things in a knowledge base by what a person typed: an intervention,
a filtered list, a region. Pure; failures are one clear ``TherapickError``."""

from __future__ import annotations

from collections.abc import Mapping

from therapick.advice import region as where
from therapick.base.errors import NOT_FOUND, TherapickError, clean
from therapick.base.i18n import t
from therapick.kb import questions as Q
from therapick.kb.schema import Intervention, KnowledgeBase, Region


def find_or_fail(kb: KnowledgeBase, name: str) -> Intervention:
    """The intervention called ``name``, or an error that suggests the closest names."""
    found = kb.find(name)
    if found is not None:
        return found
    close = kb.closest(name)
    hint = (
        t("did you mean {names}?", names=(" " + t("or") + " ").join(f"{i.label} ('{i.id}')" for i in close))
        if close
        else t("run 'therapick list' to see them all.")
    )
    raise TherapickError(t("no intervention called '{name}'; {hint}", name=clean(name, 80), hint=hint), NOT_FOUND)


def select(kb: KnowledgeBase, category: str | None, concern: str | None) -> list[Intervention]:
    """Interventions in ``category`` (an id) that fit ``concern`` (an option id); None means any."""
    items = list(kb.interventions)
    if category is not None:
        if category not in kb.categories_by_id:
            known = ", ".join(kb.categories_by_id)
            raise TherapickError(
                t(
                    "--category: no category '{name}'; the categories are: {known}",
                    name=clean(category, 60),
                    known=known,
                )
            )
        items = [i for i in items if i.category == category]
    if concern is not None:
        ids = kb.questionnaire.question(Q.CONCERNS).option_ids
        if concern not in ids:
            raise TherapickError(
                t(
                    "--concern: no concern '{name}'; the concerns are: {known}",
                    name=clean(concern, 60),
                    known=", ".join(ids),
                )
            )
        items = [i for i in items if concern in i.fits(Q.CONCERNS)]
    return items


def regions_for(kb: KnowledgeBase, region: str | None) -> list[Region]:
    """One region (by id, any case), or all of them."""
    if region is None:
        return list(kb.regions)
    return [r for r in kb.regions if r.id == where.parse(kb, region)]


def region_or_guess(kb: KnowledgeBase, region: str | None, environ: Mapping[str, str]) -> Region | None:
    """The region named, else the one the person's setting gives, else None (never assumed)."""
    return where.get(kb, where.resolve(kb, region, environ)[0])
