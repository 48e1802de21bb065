"""Where the person is, from what they said or their own setting; never assumed.

In order: the answer (``--region``, the answers file, the prompt), then the
``THERAPICK_REGION`` environment variable, then the locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG``: ``en_AU.UTF-8`` -> AU, ``fr_CA`` -> CA, ``es_US``
-> US) when it names a supported country. Otherwise the region is unknown,
and the caller shows what holds everywhere and asks (or says how to choose).

A region is given by its id or by a name people type, in English or Spanish,
in any case, with or without accents and spaces (``UK``, ``G B``, ``Reino
Unido``, ``Éire``): ``parse`` is the one function that reads one, for every
caller. A country of the knowledge base's country table that is not a region
(``Mexico``, ``es_MX``, ``--country FR``) is region "other" with that country,
whose emergency number is then shown. Pure apart from reading the environment
mapping it is given.
"""

from __future__ import annotations

from collections.abc import Mapping

from msgspec import Struct

from therapick.base.errors import TherapickError, clean, refuse_hidden
from therapick.base.i18n import t
from therapick.kb.schema import Country, KnowledgeBase, Region, place_key

ENV = "THERAPICK_REGION"
LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG")
OTHER = "other"


class Place(Struct, frozen=True):
    """Where the person is: a region id (None: not known), how it was chosen, and, with region
    "other", the country when the table holds it (or what the person named, when it does not)."""

    region: str | None
    how: str = ""  # "you said", "THERAPICK_REGION", "the locale", or ""
    country: str | None = None  # a country id of the table, only with region "other"
    country_how: str = ""
    asked: str | None = None  # a country the person named that the table does not hold (cleaned)


def _lookup(kb: KnowledgeBase, value: str) -> tuple[str, str | None] | None:
    key = place_key(value)
    return kb.place_index.get(key) if key else None


def parse(kb: KnowledgeBase, value: str, source: str = "--region") -> str:
    """A region id from what a person typed (an id or a name, any case); one clear error otherwise
    (a hidden character too: ``\u202eBG`` is not read as BG)."""
    refuse_hidden(value, source)
    found = _lookup(kb, value)
    if found is not None:
        return found[0]
    known = ", ".join(r.id for r in kb.regions)
    name, close = clean(value, 40), _closest(kb, value)
    if close is not None:
        raise TherapickError(
            t(
                "{source}: no region '{name}' (did you mean {region}?); the regions are: {known}",
                source=source,
                name=name,
                region=close,
                known=known,
            )
        )
    raise TherapickError(
        t("{source}: no region '{name}'; the regions are: {known}", source=source, name=name, known=known)
    )


def _closest(kb: KnowledgeBase, value: str) -> str | None:
    """The region id whose id or name is closest to ``value``, if one is close (only when it is not known)."""
    import difflib

    wanted = " ".join(value.casefold().split())
    if not wanted:
        return None
    names = {r.id.casefold(): r.id for r in kb.regions} | {r.name.casefold(): r.id for r in kb.regions}
    hit = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.6)
    return names[hit[0]] if hit else None


def resolve_or_unknown(
    kb: KnowledgeBase, value: str | None, environ: Mapping[str, str]
) -> tuple[str | None, str, TherapickError | None]:
    """As ``resolve``, but a region that cannot be used is "not known", with the error that says why.

    For the crisis lines, which never wait on how a region was written: the
    caller shows every region's emergency number and first crisis line, then
    the error.
    """
    try:
        found, how = resolve(kb, value, environ)
    except TherapickError as e:
        return None, "", e
    return found, how, None


def without_region(environ: Mapping[str, str]) -> dict[str, str]:
    """``environ`` with nothing that names a region (``THERAPICK_REGION``, the locale): the region is
    then not known, and the questionnaire asks it."""
    return {k: v for k, v in environ.items() if k not in (ENV, *LOCALE_VARS)}


def country_of(kb: KnowledgeBase, value: str) -> str | None:
    """The table's country that ``value`` names when that country is not a region (``Mexico`` -> MX)."""
    found = _lookup(kb, value)
    return found[1] if found is not None else None


def parse_country(kb: KnowledgeBase, value: str, how: str = "you said", source: str = "--country") -> Place:
    """Where a person is from the country they named (``--country``, the answer, the prompt).

    A country that is a region is that region (``New Zealand`` -> NZ); one in the table is
    "other" with that country; any other is "other", remembering what was named, so the person
    is told plainly that therapick has no checked number for it. Blank, or with a hidden
    character, it names nothing: refused (``source`` says where it was given).
    """
    refuse_hidden(value, source)
    if not value.strip():
        raise TherapickError(t("{where} takes the name or two-letter code of a country", where=source))
    found = _lookup(kb, value)
    if found is None:
        return Place(OTHER, how, asked=clean(value.strip(), 40) or None)
    region, country = found
    return Place(region, how, country, how if country else "")


def locale_country(environ: Mapping[str, str]) -> str | None:
    """The country a locale names (``es_MX.UTF-8`` -> MX); the first set variable wins."""
    for var in LOCALE_VARS:
        value = environ.get(var, "")
        if value:
            country = value.split(".", 1)[0].split("@", 1)[0].partition("_")[2].upper()
            return country if len(country) == 2 and country.isalpha() else None
    return None


def _by_id(kb: KnowledgeBase, code: str) -> tuple[str | None, str | None]:
    """(region, country) for a two-letter code: its region, or "other" with a country of the table."""
    if code in kb.regions_by_id:
        return code, None
    if code in kb.countries_by_id:
        return OTHER, code
    return None, None


def guess_place(kb: KnowledgeBase, environ: Mapping[str, str]) -> Place:
    """Where the person's setting says they are: ``THERAPICK_REGION``, else the locale."""
    raw = environ.get(ENV, "")
    refuse_hidden(raw, ENV)  # before the blanks are taken off: "GB\n" is no region, as on the command line
    env = raw.strip()
    if env:
        region = parse(kb, env, ENV)
        country = country_of(kb, env) if region == OTHER else None
        return _with_locale_country(kb, Place(region, ENV, country, ENV if country else ""), environ)
    code = locale_country(environ)
    found, country = _by_id(kb, code) if code else (None, None)
    if found is None:
        return Place(None)
    return Place(found, "the locale", country, "the locale" if country else "")


def guess(kb: KnowledgeBase, environ: Mapping[str, str]) -> tuple[str | None, str]:
    """The region from the person's setting, and how it was chosen; ``(None, "")`` if unknown."""
    found = guess_place(kb, environ)
    return found.region, found.how


def resolve(kb: KnowledgeBase, value: str | None, environ: Mapping[str, str]) -> tuple[str | None, str]:
    """The region the person named (``value``), else their setting's guess; and how it was chosen."""
    found = locate(kb, value, None, environ)
    return found.region, found.how


def locate(kb: KnowledgeBase, region: str | None, country: str | None, environ: Mapping[str, str]) -> Place:
    """Where the person is, from the region and the country they gave, else from their setting.

    ``--region`` wins; then ``--country`` (or the ``country`` answer); then ``THERAPICK_REGION``;
    then the locale. With region "other", the country is the one given, else the one the region
    value named, else the locale's when the table holds it and it is not a region.
    """
    if region is not None:
        rid = parse(kb, region)
        named = country_of(kb, region) if rid == OTHER else None
        found = Place(rid, "you said", named, "you said" if named else "")
    elif country is not None:
        return parse_country(kb, country)
    else:
        return guess_place(kb, environ)
    if found.region == OTHER and found.country is None:
        if country is not None:
            given = parse_country(kb, country)
            return given if given.region != OTHER else Place(OTHER, found.how, given.country, "you said", given.asked)
        return _with_locale_country(kb, found, environ)
    return found


def _with_locale_country(kb: KnowledgeBase, found: Place, environ: Mapping[str, str]) -> Place:
    """Region "other" with no country yet: the locale's country, when the table holds it (not a region)."""
    if found.region != OTHER or found.country is not None:
        return found
    code = locale_country(environ)
    if code and _by_id(kb, code) == (OTHER, code):
        return Place(OTHER, found.how, code, "the locale")
    return found


def get(kb: KnowledgeBase, region_id: str | None) -> Region | None:
    return next((r for r in kb.regions if r.id == region_id), None) if region_id else None


def country_row(kb: KnowledgeBase, place: Place) -> Country | None:
    """The country row for a place "somewhere else", when the table holds it."""
    return kb.countries_by_id.get(place.country) if place.country and place.region == OTHER else None
