"""A personal safety plan (the Stanley-Brown Safety Planning Intervention), in the person's own words.

The steps are data in the knowledge base (``safety_plan``); the step marked
``lines: true`` also lists the region's emergency number and crisis lines.
A plan is what the person wrote for each step; it is kept only if they save it.
"""

from __future__ import annotations

from typing import Any

from msgspec import Struct

from therapick.base.errors import KB_ERROR, TherapickError
from therapick.base.i18n import t
from therapick.kb.schema import KnowledgeBase, Region


class Plan(Struct, frozen=True):
    region: Region | None
    entries: tuple[tuple[str, str], ...]  # (step id, the person's words); a step may have several, in order
    date: str


def steps_of(kb: KnowledgeBase) -> Any:
    if kb.safety_plan is None:
        raise TherapickError(t("this knowledge base has no safety_plan section"), KB_ERROR)
    return kb.safety_plan
