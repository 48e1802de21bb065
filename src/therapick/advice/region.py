"""Where the person is, from what they said or their own setting; never assumed.

In order: the answer (``--region``, the answers file, the prompt), then the
``THERAPICK_REGION`` environment variable, then the locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG``: ``en_AU.UTF-8`` -> AU, ``fr_CA`` -> CA, ``es_US``
-> US) when it names a supported country. Otherwise the region is unknown,
and the caller shows what holds everywhere and asks (or says how to choose).
Pure apart from reading the environment mapping it is given.
"""

from __future__ import annotations

from collections.abc import Mapping

from therapick.base.errors import TherapickError, clean
from therapick.base.i18n import t
from therapick.kb.schema import KnowledgeBase, Region

ENV = "THERAPICK_REGION"
LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG")


def from_locale(kb: KnowledgeBase, environ: Mapping[str, str]) -> str | None:
    """The region a locale names (``en_GB.UTF-8`` -> GB), if it is supported; the first set variable wins."""
    ids = {r.id for r in kb.regions if r.id != "other"}
    for var in LOCALE_VARS:
        value = environ.get(var, "")
        if not value:
            continue
        country = value.split(".", 1)[0].split("@", 1)[0].partition("_")[2].upper()
        return country if country in ids else None
    return None


def guess(kb: KnowledgeBase, environ: Mapping[str, str]) -> tuple[str | None, str]:
    """The region from the person's setting, and how it was chosen; ``(None, "")`` if unknown."""
    env = environ.get(ENV, "").strip()
    if env:
        return parse(kb, env, ENV), ENV
    found = from_locale(kb, environ)
    if found:
        return found, "the locale"
    return None, ""


def resolve(kb: KnowledgeBase, value: str | None, environ: Mapping[str, str]) -> tuple[str | None, str]:
    """The region the person named (``value``), else their setting's guess; and how it was chosen."""
    if value is not None:
        return parse(kb, value), "you said"
    return guess(kb, environ)


def parse(kb: KnowledgeBase, value: str, source: str = "--region") -> str:
    """A region id from what a person typed (any case); one clear error otherwise."""
    for r in kb.regions:
        if r.id.casefold() == value.strip().casefold():
            return r.id
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


def get(kb: KnowledgeBase, region_id: str | None) -> Region | None:
    return next((r for r in kb.regions if r.id == region_id), None) if region_id else None
