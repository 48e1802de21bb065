"""What ``ask`` shows, as a ``doc`` document: the results and the blocks they are made of.

The results read in the order a person needs them: the crisis lines first
when risk was shown, then a summary that fits one 80x24 screen (the top
suggestions a line each, what they rest on, the region's first route and
crisis line, how to see more), then the details, and at the end the plan
and the help again (``closing``), so the last screen is never the
disclaimer alone. The saved report is this document rendered as Markdown
(``report.py``). The pieces every screen shares (a line, the crisis panel,
an intervention) are in ``render.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from therapick.advice.rank import TIERS
from therapick.kb import questions as Q
from therapick.kb.schema import (
    KnowledgeBase,
    Line,
    Region,
    Resource,
)
from therapick.output import doc, render
from therapick.output.doc import Blank, Doc, Field, Heading, Panel, item, para

if TYPE_CHECKING:
    from therapick.advice.rank import Suggestion
    from therapick.advice.result import Result
    from therapick.advice.safety import LineMatch, Overview
    from therapick.advice.screens import Outcome, Screen

from therapick.base.i18n import t, tn
from therapick.output import words
from therapick.output.words import language_note, reach


def region_note(r: Result) -> doc.Para | None:
    """Where the lines are for, and how that was chosen; never "you chose it" for "somewhere else",
    which is also where the region question starts when therapick does not know (Enter alone)."""
    if r.region is None:
        return None
    if r.region.id == "other":
        if r.country is not None:
            words = t(
                "Country: {country} ({how}; --country changes it).", country=r.country.name, how=_from(r.country_how)
            )
            return para((words, "dim"))
        return para(
            (
                t(
                    "Where you are is not one of the countries therapick covers, so these lines hold everywhere "
                    "(--region or --country chooses where you are)."
                ),
                "dim",
            )
        )
    words = t("Region: {region} ({how}; --region changes it).", region=r.region.name, how=_from(r.region_how))
    return para((words, "dim"))


def _from(how: str) -> str:
    """ "you chose it", or "from the locale" / "from THERAPICK_REGION"."""
    return render.how_words(how) if how == "you said" else t("from {how}", how=render.how_words(how))


def suggestion_label(kb: KnowledgeBase, s: Suggestion) -> str:
    """What a suggestion rests on, in words: one place for the summary, the details and the report."""
    return words.label(kb, s)


def no_good_fit_blocks(kb: KnowledgeBase, r: Result) -> Doc:
    """A situation none of the approaches fits well: said before any suggestion, with where to turn."""
    out: Doc = []
    for u in r.no_good_fit:
        out += [para((words.no_good_fit_words(kb, u), "bold")), para(words.no_good_fit_route(kb, u))]
    return out


def where_to_start(r: Result) -> str:
    """ "Where to start in the United Kingdom:"; somewhere else, in the country when it is known
    ("in Mexico"), else only "Where to start:" (never "in Anywhere else")."""
    if r.region is not None and r.region.id != "other":
        return t("Where to start in {region}:", region=r.region.in_name)
    if r.country is not None:
        return t("Where to start in {region}:", region=r.country.name)
    return t("Where to start:")


def first_routes(r: Result) -> list[Resource]:
    """The region's first route to a professional, and the next when the first holds only in part of it
    (NHS Talking Therapies is England's; the GP route is for Scotland, Wales and Northern Ireland)."""
    own = list(r.region.resources) if r.region else []
    return own[:2] if own and own[0].area else own[:1]


def summary(kb: KnowledgeBase, r: Result, title: str) -> Doc:
    """The answer first, in one screen: the top suggestions one line each with what they rest on, where
    to start where the person is, and the crisis line. Shown first, and again as the results end."""
    blocks: Doc = [Heading(title), *no_good_fit_blocks(kb, r)]
    if not r.suggestions and not r.no_good_fit:
        blocks.append(para(_no_suggestions(kb, r)))
    elif r.suggestions:
        lead, rest = lead_and_rest(r.suggestions)
        blocks.append(para((t("Kinds of help to ask a professional about:"), "bold")))
        blocks += [item((s.intervention.label, "bold"), ": " + suggestion_label(kb, s)) for s in lead]
        if rest:
            blocks.append(para((t("Also in the details, though not what the evidence points to first:"), "bold")))
            blocks += _grouped_by_label(kb, rest)
    top = r.suggestions[0].intervention.id if r.suggestions else None
    trained = [p for p in r.providers if p.intervention.id == top and p.local and r.region is not None][:1]
    routes = first_routes(r)
    if r.region is not None and (routes or trained):
        blocks.append(para((where_to_start(r), "bold")))
        blocks += [render.resource_item(x) for x in routes]
        blocks += render.provider_items(trained)
    elif r.region is None:
        blocks.append(
            para(
                t(
                    "therapick does not know where you are: give --region ({ids}) or set THERAPICK_REGION "
                    "for the lines and services there.",
                    ids=", ".join(x.id for x in kb.regions),
                )
            )
        )
    blocks += screen_next_step(r.screens)  # a screen score of 10 or more: talk to a doctor soon
    named = line_for_what_was_named(r)
    if named is not None:
        blocks.append(
            para(
                (t("A line for what you named:") + " ", "bold"),
                (f"{named.line.name}, {words.short_reach(named.line)}", "bold"),
                f" ({named.line.hours}); " + t("shown because {why}.", why=named.why),
                language_note(named.line, r.region),
            )
        )
    blocks.append(help_line(r))
    return blocks


def crisis_lines(r: Result) -> tuple[Line, ...]:
    """The crisis lines the summary names: those shown for a risk, else the region's own."""
    return r.crisis_lines or (tuple(x for x in r.region.lines if x.crisis) if r.region else ())


def line_for_what_was_named(r: Result) -> LineMatch | None:
    """The first support line the person's own answers brought up (a concern, a group, who it is
    for), when it is not the crisis line the summary names anyway: ANAR for a teenager in Spain who
    named abuse, the Alcohol Drug Helpline for an adult in New Zealand who named drugs."""
    crisis = crisis_lines(r)
    shown = crisis[0].id if crisis else None
    found = [m for m in r.lines if not m.line.show_for.always and m.line.id != shown]
    who = r.answers.one(Q.WHO)
    # One run for the person's own age group (Childhelp for a teenager who named abuse) before one for anyone.
    found.sort(key=lambda m: not (who and who in m.line.show_for.who))
    return found[0] if found else None


def lead_and_rest(suggestions: Sequence[Suggestion]) -> tuple[list[Suggestion], list[Suggestion]]:
    """The suggestions to lead with, and the rest: when the first rests on a guideline or a rating, the
    ones a guideline for the situation leaves out (or that fit only other answers) are told apart, so
    the summary does not offer them as equals of what the evidence points to."""
    if not suggestions or suggestions[0].standing.tier > TIERS["rated"]:
        return list(suggestions), []
    lead = [s for s in suggestions if s.standing.tier < TIERS["unevaluated"]]
    return lead, [s for s in suggestions if s.standing.tier >= TIERS["unevaluated"]]


def _grouped_by_label(kb: KnowledgeBase, rest: list[Suggestion]) -> Doc:
    """One line per label: "Animal-assisted therapy and Arts therapies: not among the options ..."."""
    by_label: dict[str, list[str]] = {}
    for s in rest:
        by_label.setdefault(suggestion_label(kb, s), []).append(s.intervention.label)
    return [item((words.joined(names, t("and")), "bold"), ": " + label) for label, names in by_label.items()]


def _no_suggestions(kb: KnowledgeBase, r: Result) -> str:
    if r.answers.missing(kb):  # `ask --crisis` alone: the lines are the answer
        return t(
            "For suggestions too, say who the support is for and what is going on, for example: "
            "therapick ask --who adult --concern anxiety "
            "('therapick ask --help' lists the options)."
        )
    return t(
        "Nothing in the knowledge base matched these answers closely. A professional can help "
        "you find the right kind of support; the lines below can help now."
    )


def help_line(r: Result) -> doc.Para:
    """The region's first crisis line and emergency number, in one line; or how to reach help anywhere."""
    lines = crisis_lines(r)
    if r.region is None or not lines:
        return para(
            (t("If things get hard:") + " ", "bold"),
            t(
                "in immediate danger, call your local emergency number; "
                "each country's crisis line is under Support lines (or run: therapick help-now)."
            ),
        )
    first = lines[0]
    return para(
        (t("If things get hard:") + " ", "bold"),
        (f"{first.name}, {reach(first)}", "bold"),
        " "
        + t(
            "({hours}); in immediate danger call {number}.",
            hours=first.hours,
            number=render.emergency_for(r.region, r.country),
        ),
        language_note(first, r.region),
    )


def details(kb: KnowledgeBase, r: Result) -> Doc:
    """Everything behind the summary: each suggestion's reasons, what it is, evidence and providers;
    the lines, the routes, what is good to know, and questions to ask."""
    blocks: Doc = [Heading(t("Kinds of help to talk over with a professional")), Blank()]
    if r.no_good_fit:
        blocks += [*no_good_fit_blocks(kb, r), Blank()]
    elif not r.suggestions:
        blocks += [para(_no_suggestions(kb, r)), Blank()]
    for s in r.suggestions:
        i = s.intervention
        blocks.append(Heading(words.rank_words(s), 2))
        blocks.append(para(kb.categories_by_id[i.category].name, "; ", (suggestion_label(kb, s), "bold")))
        fields: list[Field] = [
            Field(t("Why"), tuple(item(line) for line in words.why_lines(kb, s))),
            Field(t("What it is"), (para(i.summary),)),
            Field(t("What to expect"), (para(i.what_to_expect),)),
            Field(t("Evidence"), tuple(render.evidence_item(e) for e in i.evidence)),
        ]
        local = [p for p in r.providers if p.intervention.id == i.id]
        if local:
            fields.append(Field(t("Trained providers"), tuple(render.provider_items(local, label=False))))
        blocks += [*fields, Blank()]
    if r.more:
        blocks += [
            para(
                (
                    tn(
                        "One more matched less closely: use --top to see it.",
                        "{n} more matched less closely: use --top to see them.",
                        r.more,
                    ),
                    "dim",
                )
            ),
            Blank(),
        ]
    blocks += support_blocks(kb, r)
    blocks += [Heading(t("Finding a professional")), *(render.resource_item(res) for res in r.resources), Blank()]
    if kb.notes:  # general, not about these answers: named here, in full in the export
        blocks.append(Heading(t("Good to know")))
        topics = "; ".join(n.title[:1].lower() + n.title[1:] if n.title[1:2].islower() else n.title for n in kb.notes)
        blocks += [para(t("About therapy in general ({topics}): therapick export, under Good to know.", topics=topics))]
        blocks.append(Blank())
    if kb.professional_questions:
        blocks.append(Heading(t("Questions to ask a professional")))
        blocks += [item(q) for q in kb.professional_questions]
        blocks.append(Blank())
    return blocks


def closing(kb: KnowledgeBase, r: Result) -> Doc:
    """The last screen: the plan and the help again, so the results do not end on the disclaimer alone;
    when the answers pointed to risk, the emergency number and every crisis line too."""
    blocks = summary(kb, r, t("Your next steps"))
    if r.at_risk:
        blocks += render.crisis_lines_short(r.region)
    return blocks


def result(kb: KnowledgeBase, r: Result) -> Doc:
    """The results of ``ask``: the crisis line first when there is risk, the summary, the details, and
    the summary again at the end."""
    from therapick.output import own_words

    blocks: Doc = []
    if r.crisis or r.words_urgent:  # danger said, or crisis words in the person's own words
        blocks += [
            render.crisis_panel(kb, r.region, r.overview, r.country, r.country_asked),
            *own_words.after_panel_blocks(r),
            Blank(),
        ]
    elif r.at_risk:
        blocks += screen_crisis_first(kb, r.screens, r.region, r.overview) or [risk_line(r), Blank()]
    blocks += own_words.described_blocks(kb, r)  # without a terminal: what the person's words were taken to mean
    blocks += [*summary(kb, r, t("In short")), Blank()]
    blocks += screen_blocks(r.screens)
    blocks += own_words.practice_blocks(kb, r)  # practices a source ties to a suggestion (none in a crisis)
    blocks += [*details(kb, r), render.disclaimer_panel(kb), Blank()]
    blocks += closing(kb, r)  # the last screen: the plan and the help
    return blocks


def screen_crisis_panel(
    kb: KnowledgeBase, region: Region | None, overview: list[Overview] | tuple[Overview, ...], during: bool = False
) -> Panel:
    """The crisis lines, when the ninth PHQ-9 item is answered above "not at all"; then why they are shown."""
    from therapick.output import screening

    lead = para((screening.crisis_lead(during), "bold"))
    return Panel(t("Get help now"), (*render.crisis_blocks(kb, region, overview), Blank(), lead))


def screen_blocks(screens: tuple[Screen, ...], full: bool = False) -> Doc:
    """The screen scores (PHQ-9, GAD-7), when taken; ``full`` adds every item and its answer (the report)."""
    if not screens:  # (the screens' words are imported only then: help-now and show load this module too)
        return []
    from therapick.output import screening

    return screening.result_blocks(screens, full=full)


def screen_next_step(screens: tuple[Screen, ...]) -> Doc:
    """With a score of 10 or more on either screen: "talk to your doctor soon" joins the plan."""
    from therapick.advice.screens import doctor_soon

    if not doctor_soon(screens):
        return []
    from therapick.output import screening

    return [para((screening.next_step(), "bold"))]


def screen_crisis_first(
    kb: KnowledgeBase,
    screens: tuple[Screen, ...],
    region: Region | None,
    overview: list[Overview] | tuple[Overview, ...],
) -> Doc:
    """The crisis lines first, on every surface after a ninth item answered above "not at all"; else nothing."""
    if not screens:
        return []
    from therapick.advice.screens import crisis_first

    return [screen_crisis_panel(kb, region, overview), Blank()] if crisis_first(screens) else []


def screen_result(kb: KnowledgeBase, o: Outcome) -> Doc:
    """``therapick screen``: the crisis lines first when the ninth item calls for them, then the scores."""
    from therapick.output import screening

    first = screen_crisis_first(kb, o.screens, o.region, o.overview)
    blocks: Doc = [*first, *screening.result_blocks(o.screens), *screen_next_step(o.screens)]
    if not first:
        if o.region is None:
            blocks.append(para((t("In an emergency, call your local emergency number."), "dim")))
        else:
            before, after = render._split(t("If you or someone else is in immediate danger, call {number} now."))
            blocks.append(para((before + render.emergency_words(o.region) + after, "dim")))
    blocks.append(render.disclaimer_line(kb))
    return blocks


def risk_line(r: Result) -> doc.Para:
    """One short line naming the crisis line, when the answers point to risk."""
    if r.region is None or not r.crisis_lines:
        return para(
            (
                t(
                    "If you feel unsafe at any point, call your local emergency number; "
                    "the support lines below list each country's crisis line."
                ),
                "bold",
            )
        )
    first = r.crisis_lines[0]
    return para(
        (t("If things feel unsafe at any point:") + " ", "bold"),
        (f"{first.name}, {reach(first)}", "bold"),
        " "
        + t(
            "({hours}); in immediate danger call {number}.",
            hours=first.hours,
            number=render.emergency_for(r.region, r.country),
        ),
        language_note(first, r.region),
    )


def support_blocks(kb: KnowledgeBase, r: Result) -> Doc:
    if r.region is None:
        return [
            Heading(t("Support lines")),
            para(
                t(
                    "therapick does not know where you are, so here is the emergency number and a crisis line "
                    "for each country it covers:"
                )
            ),
            *(
                item(
                    (o.region.name, "bold"),
                    ": "
                    + t("emergency {number}", number=render.emergency_words(o.region))
                    + f"; {o.line.name}: {reach(o.line)}"
                    + language_note(o.line, o.region, ". "),
                )
                for o in r.overview
            ),
            para(
                (
                    t(
                        "For the lines and services where you are, give --region ({ids} or other) "
                        "or set THERAPICK_REGION.",
                        ids=", ".join(o.region.id for o in r.overview if o.region.id != "other"),
                    ),
                    "dim",
                )
            ),
            Blank(),
        ]
    where = r.country.name if r.country is not None and r.region.id == "other" else r.region.name
    blocks: Doc = [
        Heading(t("Support lines ({region})", region=where)),
        para(t("Emergency:") + " ", (render.emergency_for(r.region, r.country), "bold")),
    ]
    elsewhere = render.elsewhere_words(r.region, r.country, r.country_asked)
    if elsewhere:
        blocks.append(para(elsewhere))
    blocks += [render.line_item(m.line, r.region, m.why, detail=True) for m in r.lines]
    if r.region.crisis_gap:
        blocks.append(para(r.region.crisis_gap))
    blocks += [para(text) for text in r.gaps]
    note = region_note(r)
    if note is not None:
        blocks.append(note)
    blocks.append(Blank())
    return blocks
