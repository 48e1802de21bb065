"""Writing a safety plan in the terminal, step by step (``therapick safety-plan``).

The plan and its steps are ``advice.plan``; how it is shown and saved is
``output``. Nothing is kept unless the person saves the plan with ``--save``.
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


def make(kb: KnowledgeBase, region: Region | None, ask: Ask, show: Callable[[Any], None], date: str) -> Plan:
    """Walk the steps in order; ``ask`` gets a prompt per step, ``show`` the step's text."""
    from therapick.cli import questionnaire
    from therapick.output import render

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

    from therapick.cli import questionnaire, terminal
    from therapick.output import render, stream

    terminal.remember()
    sp = steps_of(kb)
    stream.show(render.plan_intro(kb, sp), plain=plain)
    rid = where.resolve(kb, region_flag or None, environ)[0]
    if rid is None and kb.questionnaire.find(Q.REGION):
        rq = kb.questionnaire.question(Q.REGION)
        rid = str(
            A.normalise(rq, questionnaire.terminal_ask(questionnaire.prompt_for(kb, rq, A.Answers())), t("answer"))
        )
    region = where.get(kb, rid)
    plan = make(
        kb, region, questionnaire.terminal_ask, lambda d: stream.show(d, plain=plain), datetime.date.today().isoformat()
    )
    stream.show(render.plan(kb, plan), plain=plain)
    return plan
