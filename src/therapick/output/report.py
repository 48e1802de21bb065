"""The documents that are saved or exported: the report, the safety plan and the whole knowledge base.

Each is built from the same blocks the screens show (``render.py``), so a
section added to a screen is in its document too: the report is the results
document plus what only a report has (its title, the date, the person's
answers); the export is every intervention as ``show`` shows it and every
region as ``hotlines`` shows it, with its routes. ``doc.to_markdown`` writes
them (``export.py`` is the JSON contract).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from therapick.base.i18n import t
from therapick.kb.schema import KnowledgeBase, Question
from therapick.output import render, results
from therapick.output.doc import Blank, Doc, Heading, item, link, para

if TYPE_CHECKING:
    from therapick.advice.answers import Answers
    from therapick.advice.plan import Plan
    from therapick.advice.result import Result
    from therapick.advice.screens import Outcome


def report(kb: KnowledgeBase, r: Result, date: str) -> Doc:
    """The report a person can bring to a professional (``ask --save``): the results, dated, with the answers."""
    blocks: Doc = [Heading(t("therapick report"), 0), para(t("Made on {date}.", date=date)), render.disclaimer_line(kb)]
    blocks.append(Blank())
    from therapick.output import own_words

    if r.crisis or r.words_urgent:  # danger said, or crisis words in the person's own words
        blocks += [
            render.crisis_panel(kb, r.region, r.overview, r.country, r.country_asked),
            *own_words.after_panel_blocks(r),
            Blank(),
        ]
    elif r.at_risk:
        blocks += results.screen_crisis_first(kb, r.screens, r.region, r.overview) or [results.risk_line(r), Blank()]
    blocks += own_words.report_blocks(kb, r)  # what the person's own words matched (the text only if asked)
    blocks += [*results.summary(kb, r, t("In short")), Blank()]
    blocks += results.screen_blocks(r.screens, full=True)
    blocks += own_words.practice_blocks(kb, r)
    blocks += [Heading(t("Your answers")), *answer_items(kb, r.answers)]
    named = r.country.name if r.country is not None else r.country_asked
    if named:  # the region question's follow-up, for somewhere else
        blocks.append(item((t("Country"), "bold"), " ", named))
    blocks.append(Blank())
    blocks += [*results.details(kb, r), *results.closing(kb, r), Blank(), render.disclaimer_panel(kb)]
    return blocks


def answer_items(kb: KnowledgeBase, answers: Answers) -> Doc:
    """Every question of the questionnaire with the person's answer in words ("which matters most" only
    when there were several concerns to choose from: it is not asked of one)."""
    return [
        item((q.text, "bold"), " ", _answer_words(kb.questionnaire.resolved(q), answers.get(q.id)))
        for q in kb.questionnaire.questions
        if not (q.options_from and len(answers.chosen(q.options_from)) < 2)
    ]


def _answer_words(question: Question, value: object) -> str:
    if question.kind == "confirm":
        return t("yes") if value is True else t("no") if value is False else t("(not answered)")
    if isinstance(value, tuple):
        return "; ".join(question.option(v).label for v in value) or t("(none chosen)")
    return question.option(value).label if isinstance(value, str) and value else t("(not answered)")


def screen(kb: KnowledgeBase, o: Outcome) -> Doc:
    """A screen to bring to a professional (``screen --save``): the crisis lines first when the ninth item
    calls for them, then the scores with every item and its answer."""
    names = ", ".join(s.instrument.name for s in o.screens)
    blocks: Doc = [Heading(t("therapick screen: {names}", names=names), 0), render.disclaimer_line(kb), Blank()]
    blocks += results.screen_crisis_first(kb, o.screens, o.region, o.overview)
    blocks += [*results.screen_blocks(o.screens, full=True), *results.screen_next_step(o.screens), Blank()]
    return [*blocks, render.disclaimer_panel(kb)]


def plan(kb: KnowledgeBase, p: Plan) -> Doc:
    """The safety plan to print or show to a professional (``safety-plan --save``)."""
    from therapick.advice.plan import steps_of

    sp = steps_of(kb)
    blocks: Doc = [Heading(t("My safety plan"), 0), para(t("Made on {date}.", date=p.date)), para(sp.intro)]
    blocks += render.plan_steps(kb, p, level=1)
    blocks += [Blank(), para(t("Source: {source}", source=sp.source)), render.disclaimer_panel(kb)]
    return blocks


def _anchor(text: str) -> str:
    """A heading's link target as GitHub makes it: lower case, letters (any script) kept, spaces to hyphens."""
    import re

    return re.sub(r"[^\w -]", "", text.lower()).replace(" ", "-")


def knowledge_base(kb: KnowledgeBase) -> Doc:
    """The whole knowledge base as one document (``therapick export``)."""
    sections = [
        t("Categories and interventions"),
        t("Techniques"),
        t("Goals of therapy"),
        t("When therapy can help"),
        t("Support lines and finding a professional, by region"),
        *([t("Emergency numbers in other countries")] if kb.countries else []),
        t("Finding a professional anywhere"),
        t("Good to know"),
        t("Questions to ask a professional"),
        *([t("Other therapies people ask about")] if kb.other_therapies else []),
        t("Disclaimer"),
    ]
    blocks: Doc = [
        Heading(t("therapick: kinds of therapeutic help"), 0),
        render.disclaimer_panel(kb),
        para(
            t(
                "Knowledge base updated {updated}: {interventions} interventions in {categories} categories.",
                updated=kb.updated,
                interventions=len(kb.interventions),
                categories=len(kb.categories),
            )
        ),
        Heading(t("Contents")),
        *(item(link("#" + _anchor(s), s)) for s in sections),
        Heading(t("Categories and interventions")),
    ]
    for c in kb.categories:
        blocks += [Heading(c.name, 2), para(c.summary), Blank()]
        for i in kb.interventions:
            if i.category == c.id:
                blocks += render.intervention(kb, i, level=3, alone=False)
    blocks += [Heading(t("Techniques")), *(item((k.name, "bold"), ": ", k.summary) for k in kb.techniques)]
    blocks += [Heading(t("Goals of therapy")), *(item((g.name, "bold"), ": ", g.summary) for g in kb.goals)]
    blocks.append(Heading(t("When therapy can help")))
    for s in kb.scenarios:
        names = ", ".join(kb.by_id[i].label for i in s.interventions)
        blocks.append(item((s.name, "bold"), ": ", s.summary, " " + t("Approaches often used: {names}.", names=names)))
    blocks += [
        Heading(t("Support lines and finding a professional, by region")),
        para(t("If you or someone else is in danger now, call the emergency number.")),
        Blank(),
    ]
    for region in kb.regions:
        blocks += render.region_blocks(region, level=2, routes=True)
    if kb.countries:
        blocks += render.countries(kb, level=1)
    blocks += [Heading(t("Finding a professional anywhere")), *(render.resource_item(r) for r in kb.resources)]
    blocks += [Heading(t("Good to know")), *(item((n.title, "bold"), ": ", n.text) for n in kb.notes)]
    if kb.professional_questions:
        blocks += [Heading(t("Questions to ask a professional")), *(item(q) for q in kb.professional_questions)]
    if kb.other_therapies:
        blocks.append(Heading(t("Other therapies people ask about")))
        blocks.append(para(t("These are not among the approaches described here (therapick show NAME says so):")))
        blocks += [item((o.name, "bold"), *((": ", o.note) if o.note else ())) for o in kb.other_therapies]
    blocks += [Heading(t("Disclaimer")), para(kb.disclaimer.full)]
    return blocks
