"""Finding things in a knowledge base by what a person typed: an intervention,
a filtered list, a region. Pure; failures are one clear ``TherapickError``."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from therapick.advice import region as where
from therapick.base.errors import NOT_FOUND, TherapickError, clean
from therapick.base.i18n import t
from therapick.kb import questions as Q
from therapick.kb.schema import GENERIC_WORDS, Intervention, KnowledgeBase, OtherTherapy, Region, normalise


def find_or_fail(kb: KnowledgeBase, name: str) -> Intervention | OtherTherapy:
    """The intervention called ``name``; or a therapy the knowledge base names as not covered (the
    caller says so plainly); or an error that suggests the closest names, if any are close."""
    found = kb.find(name)
    if found is not None:
        return found
    other = kb.other_index.get(normalise(name))
    if other is not None:
        return other
    close = closest(kb, name)
    hint = (
        t("did you mean {names}?", names=(" " + t("or") + " ").join(f"{i.label} ('{i.id}')" for i in close))
        if close
        else t("run 'therapick list' to see them all.")
    )
    raise TherapickError(t("no intervention called '{name}'; {hint}", name=clean(name, 80), hint=hint), NOT_FOUND)


def closest(kb: KnowledgeBase, name: str, n: int = 3) -> list[Intervention]:
    """Interventions whose names are close to ``name``, best first: a typing mistake, never another
    approach that only shares some letters.

    Generic words ("therapy", "intervention", ...) are ignored, so "trauma therapy" is matched on
    "trauma". A name with a word that begins with what was typed ("art" -> arts therapies) comes
    first; then names that differ by a few characters. A short name (an abbreviation, 4 characters
    or fewer) is matched only by the same letters in another order or one letter more or fewer
    ("pcti" or "pct" -> PCIT), never by a letter changed: ACT is not ABC, and IPT is not a typo.
    """
    import difflib

    key = re.sub(GENERIC_WORDS, "", normalise(name)[:100])
    if len(key) < 2:
        return []
    stripped: dict[str, str] = {}
    for k, iid in kb.name_index.items():
        stripped.setdefault(re.sub(GENERIC_WORDS, "", k) or k, iid)
    found: list[str] = []
    if len(key) >= 3:  # a name with a word that begins with it: a whole word, then the shortest name
        begins = sorted((*min(score), i.id) for i in kb.interventions if (score := list(_begins(i, key))))
        found += [iid for *_, iid in begins]
    if len(key) <= 4:
        found += [iid for k, iid in stripped.items() if len(k) <= 5 and _one_slip(key, k)]
    else:
        found += [stripped[m] for m in difflib.get_close_matches(key, stripped, n=n * 3, cutoff=0.7)]
    ids = list(dict.fromkeys(found))
    return [kb.by_id[i] for i in ids[:n]]


def _begins(i: Intervention, key: str) -> Iterator[tuple[bool, int]]:
    """For each name of ``i`` with a word that begins with ``key``: (not the whole word, the name's length).

    Short keys (abbreviations) match only a word at most one letter longer: "art" finds "arts",
    "act" does not find "activity".
    """
    for raw in (i.id, i.name, *i.aliases, i.abbreviation or ""):
        words = {k for w in re.split(r"[\W_]+", raw) if (k := normalise(w))}
        hits = {w for w in words if w.startswith(key) and (len(key) > 4 or len(w) - len(key) <= 1)}
        if hits:
            yield key not in hits, len(re.sub(GENERIC_WORDS, "", normalise(raw)))


def _one_slip(typed: str, name: str) -> bool:
    """Two letters swapped, or one letter more or fewer (not a letter changed)."""
    if typed == name:
        return False
    if len(typed) == len(name):
        diff = [n for n, (a, b) in enumerate(zip(typed, name, strict=True)) if a != b]
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and typed[diff[0]] == name[diff[1]]
            and typed[diff[1]] == name[diff[0]]
        )
    short, long = sorted((typed, name), key=len)
    if len(short) < 3 or len(long) - len(short) != 1:  # "cft" is not "ft" with a letter more
        return False
    return any(long[:n] + long[n + 1 :] == short for n in range(len(long)))


def select(kb: KnowledgeBase, category: str | None, concern: str | None) -> list[Intervention]:
    """Interventions in ``category`` (an id) that fit ``concern`` (an option id); None means any."""
    items = list(kb.interventions)
    if category is not None:  # an id, in any case (as every id is matched)
        key = category.strip().casefold()
        category = next((c for c in kb.categories_by_id if c.casefold() == key), category)
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
        q = kb.questionnaire.question(Q.CONCERNS)
        key = concern.strip().casefold()
        wanted = [o for o in q.option_ids if o.casefold() == key] or [  # a former id: each option it became
            o.id for o in q.options if any(old.casefold() == key for old in o.replaces)
        ]
        if not wanted:
            raise TherapickError(
                t(
                    "--concern: no concern '{name}'; the concerns are: {known}",
                    name=clean(concern, 60),
                    known=", ".join(q.option_ids),
                )
            )
        items = [i for i in items if set(wanted) & set(i.fits(Q.CONCERNS))]
    return items


def regions_for(kb: KnowledgeBase, region: str | None) -> list[Region]:
    """One region (by id, any case), or all of them."""
    if region is None:
        return list(kb.regions)
    return [r for r in kb.regions if r.id == where.parse(kb, region)]


def lines_for(kb: KnowledgeBase, region: str | None, country: str | None) -> tuple[list[Region], str | None]:
    """``hotlines``: the regions to show, and the one country of the table to show (None: every one).

    With ``country`` (``--country``), where it is: its region (``New Zealand``: NZ), or "somewhere
    else" with that country's row when the table holds it (with ``region`` too, as help-now reads them)."""
    if country is None:
        return regions_for(kb, region), None
    place = where.locate(kb, region, country, {})
    return [r for r in kb.regions if r.id == place.region], place.country


def region_or_guess(kb: KnowledgeBase, region: str | None, environ: Mapping[str, str]) -> Region | None:
    """The region named, else the one the person's setting gives, else None (never assumed)."""
    return where.get(kb, where.resolve(kb, region, environ)[0])
