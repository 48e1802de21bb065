"""Help now: the emergency number and crisis lines for where the person is. Pure.

With a region (``--region``, ``THERAPICK_REGION`` or the locale), that
region's lines; without one, every region's emergency number and first
crisis line, never a guess. A region that cannot be used (``--region
Narnia``) is not known: every region's lines are shown, and ``problem`` says
what was wrong, for the caller to say after the lines.
"""

from __future__ import annotations

from collections.abc import Mapping

from msgspec import Struct

from therapick.advice import region as where
from therapick.advice.safety import Overview, crisis_lines, overview
from therapick.base.errors import TherapickError
from therapick.kb.schema import KnowledgeBase, Line, Region


class HelpNow(Struct, frozen=True):
    region: Region | None
    how: str  # "you said", "THERAPICK_REGION", "the locale", or ""
    lines: tuple[Line, ...]  # the region's crisis lines
    overview: tuple[Overview, ...]  # when the region is unknown
    problem: TherapickError | None = None  # the region given could not be used (shown: every region's)


def help_now(kb: KnowledgeBase, region: str | None, environ: Mapping[str, str]) -> HelpNow:
    rid, how, problem = where.resolve_or_unknown(kb, region, environ)
    found = where.get(kb, rid)
    if found is None:
        return HelpNow(None, "", (), tuple(overview(kb)), problem)
    return HelpNow(found, how, tuple(crisis_lines(found)), ())
