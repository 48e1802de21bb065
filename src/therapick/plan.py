"""A personal safety plan (the Stanley-Brown Safety Planning Intervention), in the person's own words.

The steps are data in the knowledge base (``safety_plan``); the step marked
``lines: true`` also lists the region's emergency number and crisis lines.
Nothing is kept unless the person saves the plan with ``--save``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from msgspec import Struct

from therapick import answers as A
from therapick import questions as Q
from therapick import region as where
from therapick.errors import KB_ERROR, TherapickError
from therapick.i18n import t
from therapick.schema import KnowledgeBase, Region


class Plan(Struct, frozen=True):
    region: Region | None
    entries: tuple[tuple[str, str], ...]  # (step id, the person's words)
    date: str


Ask = Callable[[Any], Any]


def steps_of(kb: KnowledgeBase) -> Any:
    if kb.safety_plan is None:
        raise TherapickError(t("this knowledge base has no safety_plan section"), KB_ERROR)
    return kb.safety_plan


def make(kb: KnowledgeBase, region: Region | None, ask: Ask, show: Callable[[Any], None], date: str) -> Plan:
    """Walk the steps in order; ``ask`` gets a prompt per step, ``show`` the step's text."""
    from therapick import questionnaire, render

    sp = steps_of(kb)
    entries: list[tuple[str, str]] = []
    for n, step in enumerate(sp.steps, 1):
        show(render.plan_step(kb, n, step, region))
        words = ask(questionnaire.Prompt(step.id, "text", t("Step {n}: {title}", n=n, title=step.title), default=""))
        entries.append((step.id, str(words or "").strip()))
    return Plan(region, tuple(entries), date)


def interview(kb: KnowledgeBase, region_flag: str | None, environ: Mapping[str, str], plain: bool) -> Plan:
    """The plan, asked in the terminal, then shown."""
    import datetime

    from therapick import output, questionnaire, render, terminal

    terminal.remember()
    sp = steps_of(kb)
    output.show(render.plan_intro(kb, sp), plain=plain)
    rid = where.resolve(kb, region_flag or None, environ)[0]
    if rid is None and kb.questionnaire.find(Q.REGION):
        rq = kb.questionnaire.question(Q.REGION)
        rid = str(
            A.normalise(rq, questionnaire.terminal_ask(questionnaire.prompt_for(kb, rq, A.Answers())), t("answer"))
        )
    region = where.get(kb, rid)
    plan = make(
        kb, region, questionnaire.terminal_ask, lambda d: output.show(d, plain=plain), datetime.date.today().isoformat()
    )
    output.show(render.plan(kb, plan), plain=plain)
    return plan


def markdown(kb: KnowledgeBase, plan: Plan) -> str:
    """The plan as Markdown to print or show to a professional."""
    sp = steps_of(kb)
    words = dict(plan.entries)
    from therapick.words import language_note, reach

    out = ["# " + t("My safety plan"), "", t("Made on {date}.", date=plan.date), "", f"> {sp.intro}", ""]
    for n, step in enumerate(sp.steps, 1):
        out += [f"## {n}. {step.title}", "", words.get(step.id) or t("(left blank)"), ""]
        if step.lines and plan.region is not None:
            r = plan.region
            out.append(f"- **{t('Emergency ({region})', region=r.name)}:** {r.emergency}")
            out += [
                f"- **{line.name}:** {reach(line)} ({line.hours}){language_note(line, '. ')}"
                for line in r.lines
                if line.crisis
            ]
            out.append("")
    out += [t("Source: {source}", source=sp.source), "", f"> **{t('Not medical advice.')}** {kb.disclaimer.full}", ""]
    return "\n".join(out)
