"""What each screen shows, as a ``doc`` document (Rich or plain text is ``doc.py``'s job).

Knowledge-base text is only ever placed in spans, never parsed as markup,
so a custom knowledge base cannot inject styles or escape sequences.

Why it is over 400 lines: these are the pieces every screen shares (a line, the crisis panel, an
intervention, a region's lines, the safety plan) and the screens made only of them (``show``,
``list``, ``hotlines``, ``help-now``); the results, made of these, are ``results.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from therapick.kb import questions as Q
from therapick.kb.schema import (
    Country,
    Evidence,
    Intervention,
    KnowledgeBase,
    Line,
    OtherTherapy,
    PlanStep,
    Region,
    Resource,
    SafetyPlan,
)
from therapick.output import doc
from therapick.output.doc import Blank, Doc, Field, Heading, Panel, item, para

if TYPE_CHECKING:
    from therapick.advice.crisis import HelpNow
    from therapick.advice.plan import Plan
    from therapick.advice.safety import Overview, ProviderRoute

from therapick.base import i18n
from therapick.base.i18n import t
from therapick.output.words import language_note, reach, short_reach


def disclaimer_line(kb: KnowledgeBase) -> doc.Para:
    return para((kb.disclaimer.short, "dim"))


def emergency_words(place: Region | Country) -> str:
    note = f" ({place.emergency_note})" if place.emergency_note else ""
    return f"{place.emergency}{note}"


def emergency_for(region: Region, country: Country | None) -> str:
    """The emergency number where the person is: somewhere else, their country's when the table has it."""
    return emergency_words(country if country is not None and region.id == "other" else region)


def elsewhere_words(region: Region, country: Country | None, asked: str | None) -> str | None:
    """Somewhere else: plainly, that therapick has no checked line for the country (or no number)."""
    if region.id != "other":
        return None
    if country is not None:
        return t(
            "therapick has no checked national crisis line for {country}; to find one there:", country=country.name
        )
    if asked:
        return t(
            "therapick has no checked emergency number or crisis line for '{country}'; to find one there:",
            country=asked,
        )
    return None


def _split(sentence: str) -> tuple[str, str]:
    """A translated sentence (``t`` with no values) around its ``{number}`` field, to style the number."""
    before, _, after = sentence.partition("{number}")
    return before, after


def line_item(
    line: Line, region: Region | None, why: str = "", detail: bool = True, source: bool = False, ids: bool = False
) -> doc.Item:
    parts: list[str | doc.Span] = [(line.name, "bold"), *([f" [{line.id}]"] if ids else []), ": ", reach(line)]
    if detail:
        parts.append(" " + t("({hours}). For {purpose}.", hours=line.hours, purpose=line.purpose))
        if line.area and line.area not in line.purpose:  # not "help in England. In England."
            parts.append(" " + t("In {area}.", area=line.area))
    note = language_note(line, region, " " if detail else ". ")
    if note:
        parts.append(note)
    if why:
        parts.append((" " + t("Shown because {why}.", why=why), "dim"))
    if source:
        checked = t("(checked {checked})", checked=i18n.month_words(line.checked))
        parts += ["\n", doc.link(line.url), (" " + checked, "dim")]
    return item(*parts)


def overview_item(o: Overview) -> doc.Item:
    """One region's emergency number and the first way to reach its first crisis line, on one line."""
    number = t("local emergency number") if o.region.id == "other" else emergency_words(o.region)
    return item(
        (o.region.name, "bold"),
        ": " + number + "; ",
        o.line.name,
        ": ",
        short_reach(o.line),
        language_note(o.line, o.region, ". "),
    )


def emergency_paras(region: Region, country: Country | None) -> Doc:
    """ "Call N now": the region's number, or somewhere else the country's when the table holds it.

    A country with no confirmed number (its ``emergency`` is words) says "your local emergency
    number", and what its row does support comes after, as a sentence of its own.
    """
    before, after = _split(t("If you or someone else is in immediate danger, call {number} now."))
    if country is None or region.id != "other" or any(c.isdigit() for c in country.emergency):
        return [para(before, (emergency_for(region, country), "alert"), after)]
    out: Doc = [para(t("If you or someone else is in immediate danger, call your local emergency number now."))]
    if country.emergency_note:
        out.append(para(f"{country.name}: {country.emergency_note}."))
    return out


def crisis_blocks(
    kb: KnowledgeBase,
    region: Region | None,
    overview: list[Overview] | tuple[Overview, ...],
    country: Country | None = None,
    asked: str | None = None,
    asking: bool = False,
) -> Doc:
    """Immediate danger first, then the lines: for the region, or for every region when it is unknown.

    Unknown, the list is compact (a line a region), so that with the region question after it
    (``asking``: the question says how to choose, so the panel does not) the first line of help
    is still on a 24-line screen. Somewhere else, the country's emergency number when the table
    holds it, and plainly that therapick has no checked line there.
    """
    if region is None:
        blocks: Doc = [
            para(t("If you or someone else is in immediate danger, call your local emergency number now.")),
            para((t("Emergency number, then a crisis line, in each country therapick covers:"), "bold")),
            *(overview_item(o) for o in overview),
        ]
        if not asking:
            ids = ", ".join(o.region.id for o in overview if o.region.id != "other")
            blocks.append(
                para(
                    t(
                        "Choose where you are to see all the lines for your country "
                        "(therapick help-now --region {ids}; elsewhere, --country and the country's name).",
                        ids=ids,
                    )
                )
            )
        return blocks
    crisis = [line for line in region.lines if line.crisis]
    heading = elsewhere_words(region, country, asked) or t("Crisis lines in {region}:", region=region.in_name)
    blocks = [
        *emergency_paras(region, country),
        Blank(),
        para((heading, "bold")),
        *(line_item(x, region) for x in crisis),
    ]
    if region.crisis_gap:
        blocks.append(para(region.crisis_gap))
    blocks += [
        Blank(),
        # safety-plan.md: "a person can call for someone else". Nothing else is said here that the
        # facts do not give (tests/test_crisis_path.py pins every sentence of this screen).
        para(t("You can also call a crisis line about someone else, to get help for them.")),
    ]
    if kb.safety_plan is not None:
        blocks.append(para((t("To write a personal safety plan in your own words: therapick safety-plan"), "dim")))
    return blocks


def crisis_panel(
    kb: KnowledgeBase,
    region: Region | None,
    overview: list[Overview] | tuple[Overview, ...],
    country: Country | None = None,
    asked: str | None = None,
    asking: bool = False,
) -> Panel:
    return Panel(t("Get help now"), tuple(crisis_blocks(kb, region, overview, country, asked, asking)))


def how_words(how: str) -> str:
    """Where the region came from, in words: "THERAPICK_REGION" stays as it is."""
    return {"the locale": t("the locale"), "you said": t("you chose it")}.get(how, how)


def help_now(kb: KnowledgeBase, found: HelpNow) -> Doc:
    blocks: Doc = [crisis_panel(kb, found.region, found.overview, found.country, found.country_asked)]
    if found.country is not None and found.country_how and found.country_how != "you said":
        blocks.append(
            para(
                (
                    t(
                        "Country {country} from {how}; --country changes it.",
                        country=found.country.id,
                        how=how_words(found.country_how),
                    ),
                    "dim",
                )
            )
        )
    elif found.region is not None and found.how and found.how != "you said":
        blocks.append(
            para(
                (
                    t(
                        "Region {region} from {how}; --region changes it.",
                        region=found.region.id,
                        how=how_words(found.how),
                    ),
                    "dim",
                )
            )
        )
    blocks.append(disclaimer_line(kb))
    return blocks


def evidence_item(e: Evidence) -> doc.Item:
    parts: list[str | doc.Span] = [(e.source, "bold"), ":"]
    if e.rating:
        parts.append(f" \u201c{e.rating}\u201d.")
    if e.finding:
        parts.append(f" {e.finding}.")
    if e.meaning:
        parts.append(f" {e.meaning}")
    if e.note:
        parts.append(f" {e.note}")
    if e.url:
        parts += [" ", doc.link(e.url)]
    return item(*parts)


def resource_item(r: Resource, ids: bool = False) -> doc.Item:
    area = f" ({r.area})" if r.area else ""
    ident = f" [{r.id}]" if ids else ""
    return item((r.name, "bold"), ident, area, ": ", r.note, *((" ", doc.link(r.url)) if r.url else ()))


def covers_words(covers: list[str], local: bool | None) -> str:
    """ "(covers: US, other countries); not where you are"."""
    where = t("(covers: {where})", where=", ".join(covers).replace("other", t("other countries")))
    return where if local is None or local else where + t("; not where you are")


def provider_items(routes: list[ProviderRoute] | tuple[ProviderRoute, ...], label: bool = True) -> Doc:
    out: Doc = []
    for r in routes:
        who = f"{r.intervention.label}: " if label else ""
        where = " " + covers_words(list(r.provider.covers), r.local)
        out.append(
            item(
                who,
                (r.provider.name, "bold"),
                ": ",
                r.provider.note,
                where,
                *((" ", doc.link(r.provider.url)) if r.provider.url else ()),
            )
        )
    return out


def in_a_list(labels: list[str]) -> str:
    """Menu labels in a sentence's list: "An adult (18 or older), a teenager (13-17)" (an acronym
    such as "LGBTQ+" keeps its capitals)."""
    return ", ".join(x if n == 0 or x[1:2].isupper() else x[:1].lower() + x[1:] for n, x in enumerate(labels))


def intervention(
    kb: KnowledgeBase, i: Intervention, region: Region | None = None, level: int = 2, alone: bool = True
) -> Doc:
    """One intervention in full: ``show`` (``alone``: with how to go on, and the disclaimer) and each
    entry of the export (under its category's heading, at ``level``)."""
    from therapick.advice.safety import provider_routes

    q = kb.questionnaire
    who = q.find(Q.WHO)
    suggested = [who.option(w).label for w in i.fit.get(Q.WHO, {}) if who and w in who.option_ids]
    rows: list[tuple[str, str]] = [
        (t("Id"), i.id),
        (t("Category"), kb.categories_by_id[i.category].name),
        (t("Also called"), ", ".join(i.aliases)),
        (t("For whom"), i.for_whom),
        (t("Suggested for"), in_a_list(suggested)),
        (t("What it involves"), i.involves),
        (t("What to expect"), i.what_to_expect),
        (t("Techniques"), ", ".join(kb.techniques_by_id[k].name for k in i.techniques)),
        (t("Concerns it fits"), "; ".join(q.label("concerns", c) for c in i.fits("concerns"))),
        (t("Goals it fits"), "; ".join(q.label("goals", g) for g in i.fits("goals"))),
    ]
    blocks: Doc = [Heading(i.label, level), para((i.summary, "italic")), Blank()]
    blocks += [Field(label, (para(value),)) for label, value in rows if value]
    blocks.append(Field(t("Evidence"), tuple(evidence_item(e) for e in i.evidence)))
    routes = provider_routes(region, [i])
    if routes:
        blocks.append(Field(t("Trained providers"), tuple(provider_items(routes, label=False))))
    blocks.append(Blank())
    if alone:
        blocks.append(
            para(
                (
                    t(
                        "Whether it might fit you is for you and a professional to talk over; for suggestions "
                        "from your own answers, run: therapick ask"
                    ),
                    "dim",
                )
            )
        )
        blocks.append(disclaimer_line(kb))
    return blocks


def not_covered_words(kb: KnowledgeBase, o: OtherTherapy) -> str:
    said = t("{name} is not one of the {n} approaches therapick describes.", name=o.name, n=len(kb.interventions))
    return said if o.note else said + " " + t("therapick has no checked information about it.")


def not_covered(kb: KnowledgeBase, o: OtherTherapy) -> Doc:
    """What ``show`` says of a therapy people look for that the knowledge base does not cover: that
    plainly, a checked fact about it where there is one, what to ask, and how to get suggestions."""
    blocks: Doc = [Heading(o.name, 2), para(not_covered_words(kb, o))]
    if o.note:
        blocks.append(para(o.note, *((" ", doc.link(o.url)) if o.url else ())))
    blocks += [
        para(
            t(
                "A professional can tell you whether it could fit your situation, and what is known about "
                "how well it works for it."
            )
        ),
        para(
            (
                t(
                    "For suggestions from your own answers: therapick ask. To see the approaches therapick "
                    "describes: therapick list."
                ),
                "dim",
            )
        ),
        Blank(),
        disclaimer_line(kb),
    ]
    return blocks


def intervention_list(kb: KnowledgeBase, items: list[Intervention]) -> Doc:
    blocks: Doc = []
    for c in kb.categories:
        members = [i for i in items if i.category == c.id]
        if not members:
            continue
        blocks.append(Heading(c.name, 2))
        for i in members:
            blocks.append(para((i.label, "bold"), f"  [{i.id}]", indent=1))
            blocks.append(para(i.summary, indent=2))
        blocks.append(Blank())
    if items:
        blocks.append(
            para((t("To see one in full: therapick show ID (for example: therapick show {id})", id=items[0].id), "dim"))
        )
    blocks.append(disclaimer_line(kb))
    return blocks


def region_blocks(region: Region, level: int = 2, routes: bool = False, ids: bool = False) -> Doc:
    """A region's emergency number, every line with its source, what it lacks, and (with ``routes``)
    its routes to a professional: ``hotlines`` and the export (``ids``: each with its id)."""
    heading = t("{region} ({id}): emergency {number}", region=region.name, id=region.id, number=emergency_words(region))
    blocks: Doc = [Heading(heading, level)]
    blocks += [line_item(line, region, source=True, ids=ids) for line in region.lines]
    if region.crisis_gap:
        blocks.append(para(region.crisis_gap))
    blocks += [para(gap.text) for gap in region.gaps]
    if routes and region.resources:
        where = region.in_name if region.id != "other" else None  # never "in Anywhere else"
        heading = t("Finding a professional in {region}:", region=where) if where else t("Finding a professional") + ":"
        blocks += [Blank(), para(heading)]
        blocks += [resource_item(r, ids=ids) for r in region.resources]
    blocks.append(Blank())
    return blocks


def hotlines(kb: KnowledgeBase, regions: list[Region], ids: bool = False, country: str | None = None) -> Doc:
    """Each region's lines; with ``ids``, each line's id, and the routes to a professional with theirs;
    somewhere else, the country table (``country``: only that country's row)."""
    blocks: Doc = []
    for region in regions:
        blocks += region_blocks(region, routes=ids, ids=ids)
    if ids and kb.resources:
        blocks += [
            Heading(t("Finding a professional anywhere"), 2),
            *(resource_item(r, ids=True) for r in kb.resources),
        ]
        blocks.append(Blank())
    if any(r.id == "other" for r in regions) and kb.countries:
        blocks += countries(kb, only=country)
    blocks.append(disclaimer_line(kb))
    return blocks


def countries(kb: KnowledgeBase, level: int = 2, only: str | None = None) -> Doc:
    """The country table for a person somewhere else: each country's emergency number, with its
    limits, source and date (``hotlines`` with "other", and the export); a region's own country is
    left to its region."""
    blocks: Doc = [
        Heading(t("Emergency numbers in other countries"), level),
        para(
            t(
                "For a person in none of the regions above: each country's emergency number as the page linked "
                "with it gives it."
            )
        ),
    ]
    for c in kb.countries:
        if c.id in kb.regions_by_id or (only is not None and c.id != only):
            continue
        number = (
            t("emergency {number}", number=emergency_words(c))
            if any(ch.isdigit() for ch in c.emergency)
            else (emergency_words(c))
        )
        blocks.append(
            item(
                (f"{c.name} ({c.id})", "bold"),
                ": " + number,
                "\n",
                doc.link(c.url),
                (" " + t("(checked {checked})", checked=i18n.month_words(c.checked)), "dim"),
            )
        )
    blocks.append(Blank())
    return blocks


def disclaimer_panel(kb: KnowledgeBase) -> Panel:
    return Panel(t("Not medical advice"), (para(kb.disclaimer.full),), alert=False)


def welcome(kb: KnowledgeBase) -> Doc:
    return [para((kb.questionnaire.welcome, "bold")), disclaimer_line(kb), Blank()]


# --------------------------------------------------------------------------
# Safety plan


def plan_intro(kb: KnowledgeBase, sp: SafetyPlan) -> Doc:
    heading = Heading(t("A personal safety plan"))
    return [heading, para(sp.intro), para((sp.source, "dim")), disclaimer_line(kb), Blank()]


def plan_step(kb: KnowledgeBase, n: int, step: PlanStep, region: Region | None) -> Doc:
    blocks: Doc = [Heading(t("Step {n}: {title}", n=n, title=step.title), 2), para(step.prompt)]
    if step.hint:
        blocks.append(para((step.hint, "dim")))
    if step.lines:
        blocks += crisis_lines_short(region)
    return blocks


def crisis_lines_short(region: Region | None) -> Doc:
    if region is None:
        return [para(t("In an emergency, call your local emergency number."))]
    return [
        para(t("Emergency ({region}):", region=region.name) + " ", (emergency_words(region), "bold")),
        *(line_item(line, region, detail=False) for line in region.lines if line.crisis),
    ]


def plan_steps(kb: KnowledgeBase, p: Plan, level: int = 3) -> Doc:
    """Each step of a plan with the person's words (and, for the step that has them, the crisis lines):
    on screen and in the saved plan."""
    sp = kb.safety_plan
    blocks: Doc = []
    for n, step in enumerate(sp.steps if sp else (), 1):
        said = [words for sid, words in p.entries if sid == step.id and words]
        blocks.append(Heading(f"{n}. {step.title}", level))
        if len(said) > 1:  # a step may hold several entries: one item each
            blocks += [item(words) for words in said]
        else:
            blocks.append(para(said[0] if said else t("(left blank)")))
        if step.lines:
            blocks += crisis_lines_short(p.region)
    return blocks


def plan(kb: KnowledgeBase, p: Plan) -> Doc:
    blocks: Doc = [Blank(), Heading(t("Your safety plan")), *plan_steps(kb, p)]
    blocks += [
        Blank(),
        para(t("It is best made or reviewed with a professional or someone you trust.")),
        disclaimer_line(kb),
    ]
    return blocks
