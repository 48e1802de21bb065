"""Writing a safety plan in the terminal, step by step (``therapick safety-plan``).

The plan and its steps are ``advice.plan``; how it is shown and saved is
``output``. A step holds as many entries as the person gives (Enter alone
goes on). At the end the plan is saved to the ``--save`` file, or, without
one, the person is offered to save it (``session.offer_save``): the name is
shown and asked about before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from therapick.advice import answers as A
from therapick.advice import region as where
from therapick.advice.plan import Plan, steps_of
from therapick.base.i18n import t
from therapick.kb import questions as Q
from therapick.kb.schema import KnowledgeBase, Region

Ask = Callable[[Any], Any]

MORE_AT_MOST = 20  # entries for one step: enough for any list of people or places, and an end to a stuck key


def make(kb: KnowledgeBase, region: Region | None, ask: Ask, show: Callable[[Any], None], date: str) -> Plan:
    """Walk the steps in order; ``ask`` gets a prompt per entry, ``show`` the step's text."""
    from therapick.cli import questionnaire
    from therapick.output import render

    sp = steps_of(kb)
    entries: list[tuple[str, str]] = []
    for n, step in enumerate(sp.steps, 1):
        show(render.plan_step(kb, n, step, region))
        title = t("Step {n}: {title}", n=n, title=step.title)
        words = str(ask(questionnaire.Prompt(step.id, "text", title, default="")) or "").strip()
        for _ in range(MORE_AT_MOST):
            if not words:
                break
            entries.append((step.id, words))
            more = questionnaire.Prompt(
                step.id,
                "text",
                t("{step}: anything more?", step=title),
                t("(type another, or press enter alone to go on)"),
                default="",
            )
            words = str(ask(more) or "").strip()
    return Plan(region, tuple(entries), date)


def interview(kb: KnowledgeBase, region_flag: str | None, environ: Mapping[str, str], plain: bool) -> Plan:
    """The plan, asked in the terminal, then shown."""
    import datetime

    from therapick.cli import questionnaire, terminal
    from therapick.cli.session import without_pauses
    from therapick.output import render, stream

    terminal.remember()
    ask = without_pauses(questionnaire.asker(plain))
    sp = steps_of(kb)
    stream.show(render.plan_intro(kb, sp), plain=plain)
    found = where.locate(kb, region_flag or None, None, environ)
    rid = found.region
    if rid is None and kb.questionnaire.find(Q.REGION):  # asked as ask asks it: no country preselected
        rid = questionnaire.ask_region(kb, A.Answers(), ask, found, follow_up=False).one(Q.REGION)
    region = where.get(kb, rid)
    plan = make(kb, region, ask, lambda d: stream.show(d, plain=plain), datetime.date.today().isoformat())
    stream.show(render.plan(kb, plan), plain=plain)
    return plan
