"""Cross-reference checks on a knowledge base whose types are already right.

One checker per section; each returns the problems it finds, with the path
of each (lines are added by the loader from the one parse of the file).
Warnings are risky content that still loads: ``validate`` shows them and
``validate --strict`` treats them as errors.

When some parts of a file are broken, the loader sets them aside and checks
the rest (``check(kb, aside=...)``): references to what was set aside count
as known, and the checks of the whole (every standard question asked, the
region options matching the regions, a crisis line in every region) wait
until the file is whole.

Why it is over 400 lines: one checker per section of the knowledge base, and the safeguards a
clinic's file may not take away; each is short, and they share the problem-collecting helpers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from therapick.base.errors import Problem
from therapick.kb import questions as Q
from therapick.kb.schema import KnowledgeBase, Line, Question, names_of, place_key

Checker = Callable[[KnowledgeBase, frozenset[str] | None], list[Problem]]


def _dupes(items: Iterable[Any], path: str) -> list[Problem]:
    return _dupes_at((f"{path}[{n}]", item) for n, item in enumerate(items))


def _dupes_at(items: Iterable[tuple[str, Any]]) -> list[Problem]:
    """Items (with their paths) whose id an earlier one has."""
    out: list[Problem] = []
    seen: set[str] = set()
    for path, item in items:
        if item.id in seen:
            out.append(Problem(f"duplicate id '{item.id}'", f"{path}.id"))
        seen.add(item.id)
    return out


def _ref(value: str, known: Iterable[str], what: str, path: str, aside: frozenset[str] | None = None) -> list[Problem]:
    known = list(known)
    if value in known or (aside and (value in aside or f"*{what}" in aside)):
        return []
    import difflib  # only when something is wrong

    hint = difflib.get_close_matches(value, known, n=1)
    more = f" (did you mean '{hint[0]}'?)" if hint else ""
    plural = what[:-1] + "ies" if what.endswith("y") else what + "s"
    listed = f"; the {plural} are: {', '.join(known)}" if 0 < len(known) <= 30 else ""
    return [Problem(f"unknown {what} '{value}'{more}{listed}", path)]


def _options(kb: KnowledgeBase, qid: str) -> list[str]:
    q = kb.questionnaire.find(qid)
    return q.option_ids if q else []


def _references(kb: KnowledgeBase, qid: str) -> list[str]:
    """What a reference to a question's options may say: an option id, or a former id it replaces."""
    q = kb.questionnaire.find(qid)
    if q is None:
        return []
    return [*q.option_ids, *sorted({old for o in q.options for old in o.replaces} - set(q.option_ids))]


def check_ids(kb: KnowledgeBase, aside: frozenset[str] | None = None) -> list[Problem]:
    """Ids unique in their section: what a clinic file names to remove, replace or change an item."""
    out: list[Problem] = []
    for name in ("notes", "categories", "techniques", "goals", "scenarios", "regions", "interventions", "countries"):
        out += _dupes(getattr(kb, name), f"$.{name}")
    regions = list(enumerate(kb.regions))
    out += _dupes_at((f"$.regions[{ri}].lines[{n}]", x) for ri, r in regions for n, x in enumerate(r.lines))
    out += _dupes_at(
        [
            *((f"$.resources[{n}]", x) for n, x in enumerate(kb.resources)),
            *((f"$.regions[{ri}].resources[{n}]", x) for ri, r in regions for n, x in enumerate(r.resources)),
        ]
    )
    items = list(enumerate(kb.interventions))
    # Evidence entries and situations share one set of ids: a clinic file may address either.
    out += _dupes_at(
        [
            *((f"$.interventions[{ii}].evidence[{n}]", x) for ii, i in items for n, x in enumerate(i.evidence)),
            *((f"$.interventions[{ii}].situations[{n}]", x) for ii, i in items for n, x in enumerate(i.situations)),
        ]
    )
    out += _dupes_at((f"$.interventions[{ii}].providers[{n}]", x) for ii, i in items for n, x in enumerate(i.providers))
    if kb.safety_plan is not None:
        out += _dupes(kb.safety_plan.steps, "$.safety_plan.steps")
    out += _dupes(kb.no_good_fit, "$.no_good_fit")
    return out


def _check_question(q: Question, path: str, aside: frozenset[str] | None) -> list[Problem]:
    out = _dupes(q.options, f"{path}.options")
    if q.kind == "confirm":
        if q.options:
            out.append(Problem("a yes/no question has no options", f"{path}.options"))
        if q.default is not None and not isinstance(q.default, bool):
            out.append(Problem("a yes/no default must be true or false", f"{path}.default"))
    elif q.options_from is not None:
        if q.options:
            out.append(Problem("a question whose options come from another lists none of its own", f"{path}.options"))
    else:
        if not q.options:
            out.append(Problem("a choice question needs options", f"{path}.options"))
        broken = aside and (q.default in aside or f"*'{q.id}' option" in aside)
        if q.default is not None and q.default not in q.option_ids and not broken:
            out.append(Problem(f"default '{q.default}' is not one of the options", f"{path}.default"))
    return out


def check_questionnaire(kb: KnowledgeBase, aside: frozenset[str] | None = None) -> list[Problem]:
    qs = kb.questionnaire.questions
    out = _dupes(qs, "$.questionnaire.questions")
    for qi, q in enumerate(qs):
        out += _check_question(q, f"$.questionnaire.questions[{qi}]", aside)
        for oid in q.words:  # a description's words point to an option the question has
            out += _ref(oid, q.option_ids, f"'{q.id}' option", f"$.questionnaire.questions[{qi}].words.{oid}", aside)
        for vi, v in enumerate(q.variants):
            for n, w in enumerate(v.who):
                at = f"$.questionnaire.questions[{qi}].variants[{vi}].who[{n}]"
                out += _ref(w, _options(kb, Q.WHO), "'who' option", at, aside)
    if aside is not None:  # the checks of the whole wait until the file is whole
        return out
    out += _check_options_from(kb)
    for qid, kind in Q.STANDARD.items():
        found = kb.questionnaire.find(qid)
        if found is None:
            out.append(Problem(f"the questionnaire must ask '{qid}'", "$.questionnaire.questions"))
        elif found.kind != kind:
            at = f"$.questionnaire.questions[{qs.index(found)}].kind"
            out.append(Problem(f"question '{qid}' must be of kind '{kind}'", at))
    out += _check_safeguards(kb)
    scoring = kb.questionnaire.scoring
    if scoring is not None and scoring.good > scoring.strong:
        out.append(Problem("'good' must not be above 'strong'", "$.questionnaire.scoring.good"))
    region_q = kb.questionnaire.find(Q.REGION)
    region_ids = [r.id for r in kb.regions]
    if region_q is not None and sorted(region_q.option_ids) != sorted(region_ids):
        out.append(
            Problem(
                f"region options {sorted(region_q.option_ids)} must match the regions {sorted(region_ids)}",
                f"$.questionnaire.questions[{qs.index(region_q)}].options",
            )
        )
    goals_q = kb.questionnaire.find(Q.GOALS)
    if goals_q is not None and sorted(goals_q.option_ids) != sorted(g.id for g in kb.goals):
        out.append(Problem("the goals question's options must match the goals section's ids", "$.goals"))
    return out


SAFEGUARD = "a safeguard no knowledge base can change"


def _check_safeguards(kb: KnowledgeBase) -> list[Problem]:
    """The danger question is asked first and has no default (Enter alone never answers it).

    A clinic's file may reword it, but not move it, remove it (``STANDARD``
    requires it) or give it a default: whatever it replaces, removes or adds.
    """
    qs = kb.questionnaire.questions
    danger = kb.questionnaire.find(Q.CRISIS)
    if danger is None:
        return []
    at = qs.index(danger)
    out: list[Problem] = []
    if at != 0:
        out.append(
            Problem(
                f"the danger question '{Q.CRISIS}' must be the first question, not question {at + 1} ({SAFEGUARD})",
                f"$.questionnaire.questions[{at}]",
            )
        )
    if danger.default is not None:
        out.append(
            Problem(
                f"the danger question '{Q.CRISIS}' must have no default, so that Enter alone never answers it "
                f"({SAFEGUARD})",
                f"$.questionnaire.questions[{at}].default",
            )
        )
    return out


def _check_options_from(kb: KnowledgeBase) -> list[Problem]:
    """A question whose options are another's chosen ones: one answer, from a many-choice question."""
    out: list[Problem] = []
    qs = kb.questionnaire.questions
    for qi, q in enumerate(qs):
        if q.options_from is None:
            continue
        path = f"$.questionnaire.questions[{qi}]"
        source = kb.questionnaire.find(q.options_from)
        if source is None or source is q:
            others = [x.id for x in qs if x.kind == "many" and x is not q]
            out += _ref(q.options_from, others, "question to take options from", f"{path}.options_from")
            continue
        if source.kind != "many" or source.options_from is not None:
            message = f"options_from must name a many-choice question, not '{source.id}'"
            out.append(Problem(message, f"{path}.options_from"))
        if q.kind != "one":
            message = "a question whose options come from another takes one answer (kind: one)"
            out.append(Problem(message, f"{path}.kind"))
        if qs.index(source) > qi:
            out.append(Problem(f"'{q.id}' must come after '{source.id}', whose answers are its options", path))
    return out


def check_scenarios(kb: KnowledgeBase, aside: frozenset[str] | None = None) -> list[Problem]:
    out: list[Problem] = []
    concerns, ids = _references(kb, Q.CONCERNS), [i.id for i in kb.interventions]
    for si, s in enumerate(kb.scenarios):
        for n, c in enumerate(s.concerns):
            out += _ref(c, concerns, "concern", f"$.scenarios[{si}].concerns[{n}]", aside)
        for n, iid in enumerate(s.interventions):
            out += _ref(iid, ids, "intervention", f"$.scenarios[{si}].interventions[{n}]", aside)
    return out


def check_regions(kb: KnowledgeBase, aside: frozenset[str] | None = None) -> list[Problem]:
    out: list[Problem] = []
    concerns, who = _references(kb, Q.CONCERNS), _options(kb, Q.WHO)
    groups = _options(kb, Q.GROUPS)
    for ri, r in enumerate(kb.regions):
        for li, line in enumerate(r.lines):
            lpath = f"$.regions[{ri}].lines[{li}].show_for"
            for n, c in enumerate(line.show_for.concerns):
                out += _ref(c, concerns, "concern", f"{lpath}.concerns[{n}]", aside)
            for n, w in enumerate(line.show_for.who):
                out += _ref(w, who, "'who' option", f"{lpath}.who[{n}]", aside)
            for n, g in enumerate(line.show_for.groups):
                out += _ref(g, groups, "'groups' option", f"{lpath}.groups[{n}]", aside)
        for li, line in enumerate(r.lines):
            out += _check_contact_text(line, f"$.regions[{ri}].lines[{li}].contact_text")
        for gi, gap in enumerate(r.gaps):
            for n, c in enumerate(gap.concerns):
                out += _ref(c, concerns, "concern", f"$.regions[{ri}].gaps[{gi}].concerns[{n}]", aside)
        if aside is None and not any(line.crisis for line in r.lines):
            out.append(Problem(f"region {r.id} has no crisis line (crisis: true)", f"$.regions[{ri}].lines"))
    return out


def check_places(kb: KnowledgeBase, aside: frozenset[str] | None = None) -> list[Problem]:
    """Every name a person may type names one place; a country that is a region says the region's number."""
    out: list[Problem] = []
    owner: dict[str, str] = {}

    def claim(name: str, place: str, path: str) -> None:
        key = place_key(name)
        if not key:
            return
        other = owner.setdefault(key, place)
        if other != place:
            out.append(Problem(f"the name '{name}' is used by both {other} and {place}", path))

    regions = kb.regions_by_id
    for ri, r in enumerate(kb.regions):
        for name in (r.id, r.name):
            claim(name, r.id, f"$.regions[{ri}]")
        for n, name in enumerate(r.names):
            claim(name, r.id, f"$.regions[{ri}].names[{n}]")
    for ci, c in enumerate(kb.countries):
        for name in (c.id, c.name):
            claim(name, c.id, f"$.countries[{ci}]")
        for n, name in enumerate(c.names):
            claim(name, c.id, f"$.countries[{ci}].names[{n}]")
        region = regions.get(c.id)
        if region is not None:
            said = f"{region.emergency} {region.emergency_note or ''}"
            if any(ch.isdigit() for ch in c.emergency) and c.emergency not in said:
                out.append(
                    Problem(
                        f"country {c.id} gives emergency {c.emergency}, which region {c.id} does not "
                        f"({region.emergency})",
                        f"$.countries[{ci}].emergency",
                    )
                )
    return out


_NUMBER = re.compile(r"\d[\d -]*\d")


def _digits(text: str) -> set[str]:
    return {re.sub(r"[ -]", "", m) for m in _NUMBER.findall(text)}


def _check_contact_text(line: Line, path: str) -> list[Problem]:
    """A written-out contact must say the same numbers as the structured one."""
    if line.contact_text is None:
        return []
    written = _digits(line.contact_text)
    structured = set().union(*(_digits(part or "") for c in line.contact for part in (c.value, c.as_letters, c.note)))
    values = set().union(*(_digits(c.value) for c in line.contact))
    extra, missing = sorted(written - structured), sorted(values - written)
    if not extra and not missing:
        return []
    parts = ([f"says {', '.join(extra)}, which is not in contact"] if extra else []) + (
        [f"does not say {', '.join(missing)}"] if missing else []
    )
    return [Problem(f"contact_text disagrees with contact: it {' and '.join(parts)}", path)]


def check_interventions(kb: KnowledgeBase, aside: frozenset[str] | None = None) -> list[Problem]:
    out: list[Problem] = []
    categories, techniques = [c.id for c in kb.categories], [t.id for t in kb.techniques]
    regions = [r.id for r in kb.regions]
    fit_questions = [q.id for q in kb.questionnaire.questions if q.kind != "confirm" and q.id != Q.REGION]
    who = _options(kb, Q.WHO)
    owner: dict[str, str] = {}
    options = {qid: _references(kb, qid) for qid in fit_questions}
    concerns = _references(kb, Q.CONCERNS)
    # Each reference is looked up before its path is written out: a large knowledge base has
    # tens of thousands of them, and only a wrong one needs its path (bench/startup.py, scale).
    for ii, item in enumerate(kb.interventions):
        ipath = f"$.interventions[{ii}]"
        if item.category not in categories:
            out += _ref(item.category, categories, "category", f"{ipath}.category", aside)
        for n, t in enumerate(item.techniques):
            if t not in techniques:
                out += _ref(t, techniques, "technique", f"{ipath}.techniques[{n}]", aside)
        for ei, e in enumerate(item.evidence):
            if not e.rating and not e.finding:
                out.append(
                    Problem("evidence needs a rating (the source's words) or a finding", f"{ipath}.evidence[{ei}]")
                )
        for pi, p in enumerate(item.providers):
            for n, c in enumerate(p.covers):
                out += _ref(c, regions, "region", f"{ipath}.providers[{pi}].covers[{n}]", aside)
        for si, sit in enumerate(item.situations):
            out += _check_situation(kb, sit, f"{ipath}.situations[{si}]", aside)
        for n, c in enumerate(item.limited_evidence_for):
            out += _ref(c, concerns, "concern", f"{ipath}.limited_evidence_for[{n}]", aside)
        if Q.WHO not in item.fit:
            out.append(Problem("fit must list the 'who' groups it is for", f"{ipath}.fit"))
        for qid, table in item.fit.items():
            if qid not in fit_questions:
                out += _ref(qid, fit_questions, "question that fit can use", f"{ipath}.fit.{qid}", aside)
                continue
            known = options[qid]
            for oid, fit in table.items():
                if oid not in known:
                    out += _ref(oid, known, f"'{qid}' option", f"{ipath}.fit.{qid}.{oid}", aside)
                for n, w in enumerate(fit.who):
                    if w not in who:
                        out += _ref(w, who, "'who' option", f"{ipath}.fit.{qid}.{oid}.who[{n}]", aside)
        for key in names_of(item):
            other = owner.setdefault(key, item.id)
            if other != item.id:
                out.append(Problem(f"name '{key}' is used by both '{other}' and '{item.id}'", f"{ipath}.aliases"))
    return out


def check_practices(kb: KnowledgeBase, aside: frozenset[str] | None = None) -> list[Problem]:
    """Practice ids are unique, and a breathing practice has its rhythm. (A tie to an intervention
    this knowledge base does not have is only a warning: a clinic that removes one keeps its practices.)"""
    out = _dupes(kb.practices, "$.practices")
    for n, p in enumerate(kb.practices):
        if p.kind == "breathing" and p.timing is None:
            out.append(Problem("a breathing practice needs its timing", f"$.practices[{n}].timing"))
    return out


# A recommendation number looks like "1.6.1"; a section "1.6" is one too to a reader.
_NUMBERED = re.compile(r"\b\d+\.\d+(\.\d+)*\b")
_QUOTES = re.compile('[\u201c\u201d"]')


def _claim(e: Any, path: str) -> list[Problem]:
    """Every claim names its source and links its own page; what was only named is not quoted."""
    out: list[Problem] = []
    if not e.source:
        out.append(Problem("a claim needs its source (source: the guideline, clearinghouse or review)", path))
    if not e.url:
        out.append(Problem("a claim needs its own page (url)", path))
    if e.status == "named":
        for key in ("source", "situation", "summary"):
            text = getattr(e, key) or ""
            if _NUMBERED.search(text):
                out.append(
                    Problem(
                        "only named, not read: give no recommendation or section number (cite it by name and page)",
                        f"{path}.{key}",
                    )
                )
            if _QUOTES.search(text):
                out.append(Problem("only named, not read: describe it in your words, do not quote it", f"{path}.{key}"))
    return out


def _check_situation(kb: KnowledgeBase, e: Any, path: str, aside: frozenset[str] | None = None) -> list[Problem]:
    out = _claim(e, path)
    concerns, who, readiness = _references(kb, Q.CONCERNS), _options(kb, Q.WHO), _references(kb, Q.READINESS)
    # A question that is missing (or set aside as broken) is reported once, as such: not at each reference.
    aside = (aside or frozenset()) | {
        f"*{what}"
        for qid, what in ((Q.CONCERNS, "concern"), (Q.WHO, "'who' option"), (Q.READINESS, "'readiness' option"))
        if kb.questionnaire.find(qid) is None
    }
    for n, c in enumerate(e.concerns):
        out += _ref(c, concerns, "concern", f"{path}.concerns[{n}]", aside)
    for n, c in enumerate(e.except_concerns):
        out += _ref(c, concerns, "concern", f"{path}.except_concerns[{n}]", aside)
    for n, c in enumerate(e.with_concerns):
        out += _ref(c, concerns, "concern", f"{path}.with_concerns[{n}]", aside)
    for n, w in enumerate(e.who):
        out += _ref(w, who, "'who' option", f"{path}.who[{n}]", aside)
    for n, r in enumerate(e.readiness):
        out += _ref(r, readiness, "'readiness' option", f"{path}.readiness[{n}]", aside)
    if e.says == "rated":
        if not e.rating:
            out.append(Problem("a rating needs its source's own words (rating)", path))
        if e.level is None:
            out.append(Problem("a rating needs its place on its scale (level: 1 is the highest)", path))
        if e.status == "named":
            out.append(Problem("a rating is quoted, so it must have been seen (status: seen)", f"{path}.status"))
    else:
        if e.rating is not None:
            out.append(Problem("only a rating (says: rated) has a rating", f"{path}.rating"))
        if e.level is not None:
            out.append(Problem("only a rating (says: rated) has a level", f"{path}.level"))
    return out


def check_no_good_fit(kb: KnowledgeBase, aside: frozenset[str] | None = None) -> list[Problem]:
    out: list[Problem] = []
    concerns, who = _references(kb, Q.CONCERNS), _options(kb, Q.WHO)
    for n, e in enumerate(kb.no_good_fit):
        path = f"$.no_good_fit[{n}]"
        out += _claim(e, path)
        for k, c in enumerate(e.concerns):
            out += _ref(c, concerns, "concern", f"{path}.concerns[{k}]", aside)
        for k, w in enumerate(e.who):
            out += _ref(w, who, "'who' option", f"{path}.who[{k}]", aside)
    return out


CHECKERS: tuple[Checker, ...] = (
    check_ids,
    check_questionnaire,
    check_scenarios,
    check_regions,
    check_places,
    check_interventions,
    check_practices,
    check_no_good_fit,
)


def check(kb: KnowledgeBase, aside: frozenset[str] | None = None) -> list[Problem]:
    """Every cross-reference problem in a knowledge base that has the right types.

    ``aside``: the ids of broken parts left out of ``kb`` (references to them are not reported;
    ``*category`` and the like: to any of that kind, when a broken part's id is what is wrong),
    and the checks of the whole are left for when the file is whole.
    """
    return [p for checker in CHECKERS for p in checker(kb, aside)]


# --------------------------------------------------------------------------
# Warnings: risky content that still loads


def _is_round_the_clock(hours: str) -> bool:
    h = hours.casefold()
    return "24/7" in h or "24 hours" in h or "24 horas" in h


def warnings(kb: KnowledgeBase) -> list[Problem]:
    """Regions held to the same bar, crisis lines that cannot always answer, practices tied to an
    intervention that is not here, and ranking without evidence."""
    out = _unbacked(kb)
    for n, p in enumerate(kb.practices):
        for k, iid in enumerate(p.interventions):
            if iid not in kb.by_id:
                at = f"$.practices[{n}].interventions[{k}]"
                out.append(Problem(f"practice '{p.id}' is tied to '{iid}', which is not here: never offered", at, True))
    # Concerns some region has a line made for (a young people's line that takes any concern does not count).
    concerns_matched = {c for r in kb.regions for line in r.lines if not line.young for c in line.show_for.concerns}
    for ri, r in enumerate(kb.regions):
        path = f"$.regions[{ri}]"
        crisis = [line for line in r.lines if line.crisis]
        phoned = [line for line in crisis if line.contact_kinds() - {"web"}]
        # A region that says plainly why no crisis line is confirmed 24/7 (its `crisis_gap`, shown
        # with the lines) has answered these two warnings, as a gap note answers a missing concern.
        said = r.crisis_gap is not None
        if r.id != "other" and crisis and not said and not any(_is_round_the_clock(line.hours) for line in phoned):
            out.append(Problem(f"region {r.id} has no crisis line open 24/7", f"{path}.lines", warning=True))
        for li, line in enumerate(r.lines):
            if line.crisis and not said and not _is_round_the_clock(line.hours) and line.contact_kinds() - {"web"}:
                out.append(
                    Problem(
                        f"crisis line '{line.id}' has limited hours ({line.hours}); people in danger need a 24/7 line",
                        f"{path}.lines[{li}].hours",
                        warning=True,
                    )
                )
        if r.id != "other":
            covered = {c for line in r.lines if not line.young for c in line.show_for.concerns}
            covered |= {c for g in r.gaps for c in g.concerns}
            for c in sorted(concerns_matched - covered):
                out.append(
                    Problem(
                        f"region {r.id} has no line (or gap note) for concern '{c}', which other regions match",
                        f"{path}.lines",
                        warning=True,
                    )
                )
        if not r.resources and not kb.resources:
            out.append(Problem(f"region {r.id} has no route to a professional", f"{path}.resources", warning=True))
    return out


def _unbacked(kb: KnowledgeBase) -> list[Problem]:
    """An approach ranked for a concern that no evidence entry covers, and not said to rest on design alone."""
    q = kb.questionnaire.find(Q.CONCERNS)
    if q is None:
        return []
    out: list[Problem] = []
    for ii, item in enumerate(kb.interventions):
        table = item.fit.get(Q.CONCERNS, {})
        covered = {c for e in item.situations for c in e.concerns} | set(item.limited_evidence_for)
        for c in q.option_ids:
            names = q.names(c)
            if not any(table[n].points > 0 for n in names if n in table) or covered & names:
                continue
            out.append(
                Problem(
                    f"'{item.id}' is ranked for concern '{c}' with no evidence entry: add one to its situations, "
                    "or list the concern in limited_evidence_for (shown as having no guideline or rating for it)",
                    f"$.interventions[{ii}].fit.{Q.CONCERNS}",
                    warning=True,
                )
            )
    return out
