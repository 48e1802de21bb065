"""Help now: the emergency number and crisis lines for where the person is. Pure.

With a region (``--region``, ``THERAPICK_REGION`` or the locale), that
region's lines; without one, every region's emergency number and first
crisis line, never a guess. A region that cannot be used (``--region
Narnia``) is not known: every region's lines are shown, and ``problem`` says
what was wrong, for the caller to say after the lines. Somewhere else
("other"), with a country the table holds (``--country``, or the locale's),
that country's emergency number.
"""

from __future__ import annotations

from collections.abc import Mapping

from msgspec import Struct

from therapick.advice import region as where
from therapick.advice.safety import Overview, crisis_lines, overview
from therapick.base.errors import TherapickError
from therapick.kb.schema import Country, KnowledgeBase, Line, Region


class HelpNow(Struct, frozen=True):
    region: Region | None
    how: str  # "you said", "THERAPICK_REGION", "the locale", or ""
    lines: tuple[Line, ...]  # the region's crisis lines
    overview: tuple[Overview, ...]  # when the region is unknown
    problem: TherapickError | None = None  # the region given could not be used (shown: every region's)
    country: Country | None = None  # somewhere else: the country, when the table holds it
    country_how: str = ""
    country_asked: str | None = None  # a country named that the table does not hold


def help_now(kb: KnowledgeBase, region: str | None, environ: Mapping[str, str], country: str | None = None) -> HelpNow:
    try:
        place = where.locate(kb, region, country, environ)
    except TherapickError as e:  # never wait on how a region was written: every region's lines, then this
        return HelpNow(None, "", (), tuple(overview(kb)), e)
    found = where.get(kb, place.region)
    if found is None:
        return HelpNow(None, "", (), tuple(overview(kb)))
    row = where.country_row(kb, place)
    return HelpNow(
        found,
        place.how,
        tuple(crisis_lines(found)),
        (),
        country=row,
        country_how=place.country_how if row else "",
        country_asked=place.asked,
    )
