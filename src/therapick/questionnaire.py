"""The questionnaire: questions are data in the knowledge base; this is the
one place that talks to questionary.

``run`` takes an ``ask`` callable (question -> raw answer), so tests can feed
answers without a terminal. ``terminal_ask`` is the real one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from therapick.answers import Answers, build, normalise_value
from therapick.kb import KnowledgeBase, Question

Ask = Callable[[Question], Any]
OnCrisis = Callable[[Answers], bool]  # show crisis lines; return False to stop


def run(kb: KnowledgeBase, known: Answers, ask: Ask, on_crisis: OnCrisis) -> Answers | None:
    """Ask every question ``known`` has not answered, in knowledge-base order.

    Right after a "yes" to the crisis question, ``on_crisis`` shows the
    crisis lines; if it returns False the questionnaire stops (``None``).
    """
    answers = known
    for q in kb.questionnaire.questions:
        if q.id not in answers.given:
            value = normalise_value(q, ask(q), "your answer")
            answers = answers.merged(build({q.id: value}))
            if q.id == "crisis" and value and not on_crisis(answers):
                return None
        elif q.id == "crisis" and answers.crisis and not on_crisis(answers):
            return None
    return answers


def terminal_ask(q: Question) -> Any:
    """Ask one question with questionary; Ctrl-C raises KeyboardInterrupt."""
    import questionary

    if q.kind == "confirm":
        return questionary.confirm(q.text, default=bool(q.default)).unsafe_ask()
    choices = [questionary.Choice(o.label, value=o.id) for o in q.options]
    if q.kind == "one":
        default = next((c for c in choices if c.value == q.default), None)
        return questionary.select(q.text, choices=choices, default=default).unsafe_ask()
    extra: dict[str, Any] = {}
    if q.required:
        extra["validate"] = lambda picked: bool(picked) or "Choose at least one (space to tick)."
    hint = "(space to tick, enter to go on)"
    return questionary.checkbox(q.text, choices=choices, instruction=hint, **extra).unsafe_ask()


def confirm_continue() -> bool:
    import questionary

    return bool(questionary.confirm("Would you like to go on to the questions?", default=True).unsafe_ask())
