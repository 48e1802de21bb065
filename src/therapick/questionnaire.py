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
    """Ask one question with questionary; Ctrl-C and Ctrl-D raise, never return None."""
    import questionary

    if q.kind == "confirm":
        return _ask(questionary.confirm(q.text, default=bool(q.default)))
    choices = [questionary.Choice(o.label, value=o.id) for o in q.options]
    if q.kind == "one":
        default = next((c for c in choices if c.value == q.default), None)
        return _ask(questionary.select(q.text, choices=choices, default=default))
    extra: dict[str, Any] = {}
    hint = "(space to tick, enter to go on)"
    if q.required:
        # questionary's validation toolbar did not render in our pty tests,
        # so the rule is in the instruction too; Enter does nothing until met.
        extra["validate"] = lambda picked: bool(picked) or "Choose at least one (space to tick)."
        hint = "(choose at least one: space to tick, enter to go on)"
    return _ask(questionary.checkbox(q.text, choices=choices, instruction=hint, **extra))


def confirm_continue() -> bool:
    import questionary

    return bool(_ask(questionary.confirm("Would you like to go on to the questions?", default=True)))


def _ask(question: Any) -> Any:
    """``unsafe_ask`` with Ctrl-D bound to cancel, as Ctrl-C is.

    questionary binds Ctrl-C on every prompt but Ctrl-D on none, so a
    select or checkbox would ignore it. Both end in EOFError or
    KeyboardInterrupt, which the command line turns into exit 130.
    """
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    keys = KeyBindings()

    @keys.add("c-d", eager=True)
    def _cancel(event: Any) -> None:
        event.app.exit(exception=EOFError(), style="class:aborting")

    app = question.application
    app.key_bindings = merge_key_bindings([keys, app.key_bindings]) if app.key_bindings else keys
    return question.unsafe_ask()
