"""The questionnaire: questions are data in the knowledge base; this is the
one place that talks to questionary.

``run`` takes an ``ask`` callable (``Prompt`` -> raw answer), so tests can
feed answers without a terminal; ``terminal_ask`` is the real one and
``prompt_for`` is the one function that turns a question into a prompt
(as copier's ``Question.get_questionary_structure()`` does).

Safety rules held here: the danger question has no default (Enter alone
does nothing; a yes or no must be typed), input that arrives faster than a
person types (a paste) answers nothing, and on "yes" the region is asked
next when it is not known, so the right country's lines come at once.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Mapping
from typing import Any

from msgspec import Struct

from therapick.advice import answers as A
from therapick.advice import region as regions
from therapick.base.i18n import language, t
from therapick.kb import questions as Q
from therapick.kb.schema import KnowledgeBase, Question


class Prompt(Struct, frozen=True):
    """What to ask, as data: ``kind`` picks the prompt."""

    id: str
    kind: str  # "yes-no" (typed, no default), "confirm" (with a default), "one", "many", "text", "scale" (0-3)
    text: str
    hint: str | None = None
    choices: tuple[tuple[str, str], ...] = ()  # (option id, label)
    default: Any = None
    required: bool = False


Ask = Callable[[Prompt], Any]
ShowCrisis = Callable[[A.Answers, "str | None"], None]  # answers, region id (None: not known)


def keep_going() -> Prompt:
    """After the crisis lines: go on to the questions? (default no). A function: the language is chosen at run time."""
    return Prompt(
        "keep-going",
        "confirm",
        t("Would you like to keep going to the questions about what kind of help might fit?"),
        default=False,
    )


def prompt_for(kb: KnowledgeBase, q: Question, answers: A.Answers, default: Any = None) -> Prompt:
    """The prompt for one question: its wording for who the support is for, its options, its default."""
    who = answers.one(Q.WHO)
    text = next((v.text for v in q.variants if who in v.who), q.text)
    choices = tuple((o.id, o.label) for o in q.options)
    if q.kind == "confirm":
        kind = "yes-no" if q.default is None else "confirm"
        return Prompt(q.id, kind, text, q.hint, default=q.default)
    return Prompt(q.id, q.kind, text, q.hint, choices, default if default is not None else q.default, q.required)


def run(
    kb: KnowledgeBase,
    known: A.Answers,
    ask: Ask,
    show_crisis: ShowCrisis,
    environ: Mapping[str, str] | None = None,
    danger_only: bool = False,
) -> A.Answers | None:
    """Ask every question ``known`` has not answered, in knowledge-base order.

    After a "yes" to the danger question, ``show_crisis`` shows the lines
    for the region (asking the region first if it is not known), then the
    person chooses whether to keep going (default no: ``None``).

    With ``danger_only`` (the configuration could not be used, and the caller
    stops with its error afterwards), only the danger question is asked and,
    on "yes", its lines shown; then ``None``.
    """
    env = environ if environ is not None else os.environ
    answers = known
    guess, _ = regions.guess(kb, env)
    for q in kb.questionnaire.questions:
        if danger_only and q.id != Q.CRISIS:
            continue
        if q.id not in answers:
            default = guess if q.id == Q.REGION else None
            value = A.normalise(q, ask(prompt_for(kb, q, answers, default)), t("your answer"))
            answers = answers.with_layer("prompt", {q.id: value})
        if q.id == Q.CRISIS and answers.yes(Q.CRISIS):
            region_id = answers.one(Q.REGION) or guess
            if region_id is None and kb.questionnaire.find(Q.REGION):
                show_crisis(answers, None)  # every region's emergency number and first line, then ask
                rq = kb.questionnaire.question(Q.REGION)
                value = A.normalise(rq, ask(prompt_for(kb, rq, answers)), t("your answer"))
                answers = answers.with_layer("prompt", {Q.REGION: value})
                region_id = str(value)
            show_crisis(answers, region_id)
            if danger_only:
                return None
            if not ask(keep_going()):
                show_crisis(answers, region_id)  # the lines stay the last thing on the screen
                return None
    return None if danger_only else answers


def save_offer() -> Prompt:
    """At the end: save the report? (default no)."""
    return Prompt(
        "save",
        "confirm",
        t("Save these results as a report to bring to a GP, therapist or other professional?"),
        default=False,
    )


def save_path() -> Prompt:
    """The report's file name; the default name is not translated (a file name to type or find)."""
    return Prompt("save-path", "text", t("File name for the report (Markdown):"), default="therapick-report.md")


# --------------------------------------------------------------------------
# The terminal


def terminal_ask(p: Prompt) -> Any:
    """Ask one prompt with questionary; Ctrl-C and Ctrl-D raise, never return None."""
    import questionary

    _flush_typeahead()
    common: dict[str, Any] = {"input": _guarded_input(), "qmark": "?"}
    if not _utf8():
        common["pointer"] = ">"
    if p.kind == "yes-no":
        hint = t("(type yes or no, then press enter)")
        again = t("Type yes or no, then press enter.")
        return _ask(
            questionary.text(
                p.text,
                instruction=hint,
                validate=lambda s: s.strip().casefold() in _YES | _NO or again,
                **common,
            )
        )
    if p.kind == "confirm":
        common.pop("pointer", None)
        if language() != "en":
            return _ask(_confirm(p.text, bool(p.default), **common))
        return _ask(questionary.confirm(p.text, default=bool(p.default), **common))
    if p.kind == "text":
        common.pop("pointer", None)
        return _ask(questionary.text(p.text, default=str(p.default or ""), **common))
    if p.kind == "scale":
        return _ask(_scale(p.text, p.choices, p.hint or "", **common))
    choices = [questionary.Choice(label, value=oid) for oid, label in p.choices]
    if p.kind == "one":
        default = next((c for c in choices if c.value == p.default), None)
        # questionary's own instruction is English ("(Use arrow keys)"); in another language, say it in that one.
        instruction = p.hint or (t("(use the arrow keys, then press enter)") if language() != "en" else None)
        return _ask(questionary.select(p.text, choices=choices, default=default, instruction=instruction, **common))
    extra: dict[str, Any] = {}
    hint = p.hint or t("(space to tick, enter to go on)")
    if p.required:
        # questionary's validation toolbar did not render in our pty tests,
        # so the rule is in the instruction too; Enter does nothing until met.
        at_least_one = t("Choose at least one (space to tick).")
        extra["validate"] = lambda picked: bool(picked) or at_least_one
        hint = t("(choose at least one: space to tick, enter to go on)")
    return _ask(questionary.checkbox(p.text, choices=choices, instruction=hint, **common, **extra))


def _confirm(message: str, default: bool, qmark: str = "?", **kwargs: Any) -> Any:
    """questionary's one-key yes/no prompt, in the chosen language: "s" (sí) or "y" is yes, "n" is no.

    questionary's own ``confirm`` knows only y and n and shows "(y/N)" and
    "Yes"; the same prompt, built the same way, with the words translated.
    """
    from prompt_toolkit import PromptSession
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.keys import Keys
    from questionary.question import Question
    from questionary.styles import merge_styles_default

    hint = t("(Y/n)") if default else t("(y/N)")
    status: dict[str, Any] = {"answer": None, "complete": False}

    def tokens() -> Any:
        out: list[tuple[str, str]] = [("class:qmark", qmark), ("class:question", f" {message} ")]
        if not status["complete"]:
            out.append(("class:instruction", f"{hint} "))
        if status["answer"] is not None:
            out.append(("class:answer", t("Yes") if status["answer"] else t("No")))
        return out

    bindings = KeyBindings()

    def finish(event: Any, answer: bool) -> None:
        status["answer"] = answer
        status["complete"] = True
        event.app.exit(result=answer)

    @bindings.add(Keys.ControlQ, eager=True)
    @bindings.add(Keys.ControlC, eager=True)
    def _interrupt(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    for key in ("y", "Y", "s", "S"):
        bindings.add(key)(lambda event: finish(event, True))
    for key in ("n", "N"):
        bindings.add(key)(lambda event: finish(event, False))
    bindings.add(Keys.ControlM, eager=True)(lambda event: finish(event, default))

    @bindings.add(Keys.Any)
    def _other(event: Any) -> None:
        """No other text."""

    session: Any = PromptSession(tokens, key_bindings=bindings, style=merge_styles_default([None]), **kwargs)
    return Question(session.app)


def _scale(
    message: str, choices: tuple[tuple[str, str], ...], instruction: str, qmark: str = "?", **kwargs: Any
) -> Any:
    """A validated screen's item: a key 0-3 answers at once, or the arrow keys then Enter.

    Nothing is chosen at first, so Enter alone does nothing: an answer is
    never given by a stray Enter (questionary's select always points at one).
    The result is the score, an int.
    """
    from prompt_toolkit.application import Application
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.keys import Keys
    from questionary import utils
    from questionary.prompts.common import Choice, InquirerControl, create_inquirer_layout
    from questionary.question import Question
    from questionary.styles import merge_styles_default

    pointer = kwargs.pop("pointer", "»")
    ic = InquirerControl(
        [Choice(label, value=int(oid)) for oid, label in choices], pointer=pointer, use_indicator=False
    )
    ic.pointed_at = -1  # nothing chosen yet

    def tokens() -> Any:
        out: list[tuple[str, str]] = [("class:qmark", qmark), ("class:question", f" {message} ")]
        if ic.is_answered:
            out.append(("class:answer", str(ic.get_pointed_at().title)))
        else:
            out.append(("class:instruction", instruction))
        return out

    bindings = KeyBindings()

    @bindings.add(Keys.ControlQ, eager=True)
    @bindings.add(Keys.ControlC, eager=True)
    def _interrupt(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    def answer(event: Any, index: int) -> None:
        ic.pointed_at = index
        ic.is_answered = True
        event.app.exit(result=ic.get_pointed_at().value)

    for index in range(len(ic.choices)):
        bindings.add(str(index), eager=True)(lambda event, index=index: answer(event, index))

    @bindings.add(Keys.Down, eager=True)
    def _down(event: Any) -> None:
        ic.pointed_at = (ic.pointed_at + 1) % len(ic.choices)

    @bindings.add(Keys.Up, eager=True)
    def _up(event: Any) -> None:
        ic.pointed_at = (ic.pointed_at - 1) % len(ic.choices) if ic.pointed_at >= 0 else len(ic.choices) - 1

    @bindings.add(Keys.ControlM, eager=True)
    def _enter(event: Any) -> None:
        if ic.pointed_at >= 0:
            answer(event, ic.pointed_at)

    @bindings.add(Keys.Any)
    def _other(event: Any) -> None:
        """No other text."""

    layout = create_inquirer_layout(ic, tokens, **kwargs)
    style = merge_styles_default([None])
    return Question(
        Application(
            layout=layout, key_bindings=bindings, style=style, **utils.used_kwargs(kwargs, Application.__init__)
        )
    )


_YES = {"y", "yes", "s", "si", "sí"}
_NO = {"n", "no"}


def _utf8() -> bool:
    encoding = getattr(sys.stdout, "encoding", None) or ""
    return encoding.replace("-", "").lower() in ("utf8", "utf8sig")


def _flush_typeahead() -> None:
    """Drop anything typed or pasted before the prompt appeared: it answers nothing."""
    try:
        import termios

        termios.tcflush(sys.stdin.fileno(), termios.TCIFLUSH)
    except (ImportError, OSError, ValueError, AttributeError):
        pass


PASTE_WINDOW = 0.3  # seconds: keys read within this long of a burst are part of the paste


def _guarded_input() -> Any:
    """prompt_toolkit input that drops a paste: several keys in one read, and what follows at once.

    A person's keystrokes arrive one read at a time (an arrow key is one
    escape sequence, parsed as one key); a paste arrives as many keys in a
    read. Bracketed paste, where the terminal offers it, is dropped too.
    """
    from prompt_toolkit.input.vt100 import Vt100Input
    from prompt_toolkit.keys import Keys

    class GuardedInput(Vt100Input):
        last_burst = 0.0

        def read_keys(self) -> list[Any]:
            read = super().read_keys()
            # The terminal's answers to cursor-position requests are not typing: pass them on,
            # and judge only the keys a person (or a paste) sent.
            cpr = [k for k in read if k.key == Keys.CPRResponse]
            keys = [k for k in read if k.key != Keys.CPRResponse]
            now = time.monotonic()
            paste = len(keys) > 1 or any(k.key == Keys.BracketedPaste for k in keys)
            if paste or (keys and now - GuardedInput.last_burst < PASTE_WINDOW):
                if paste:
                    GuardedInput.last_burst = now
                _flush_typeahead()
                return cpr
            return read

    return GuardedInput(sys.stdin)


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
