"""The questionnaire: questions are data in the knowledge base, asked in their order.

``run`` takes an ``ask`` callable (``Prompt`` -> raw answer), so tests can
feed answers without a terminal; ``terminal_ask`` (``prompts``, the one place
that talks to prompt_toolkit and questionary) and ``plain_ask``
(``plain_prompts``, plain lines) are the real ones, and ``prompt_for`` is the
one function that turns a question into a prompt (as copier's
``Question.get_questionary_structure()`` does).

Safety rules held here and in the prompts: the danger question has no
default (Enter alone does nothing; a yes or no must be typed), "not sure"
shows the crisis lines as "yes" does, a paste answers nothing, and on "yes"
the region is asked next when it is not known, so the right country's lines
come at once.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any

from msgspec import Struct

from therapick.advice import answers as A
from therapick.advice import region as regions
from therapick.base.errors import TherapickError, path_words
from therapick.base.i18n import t
from therapick.cli.asking import Prompt as Prompt  # the seam: questionnaire.Prompt
from therapick.kb import questions as Q
from therapick.kb.schema import KnowledgeBase, Question

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
    q = kb.questionnaire.resolved(q)
    who = answers.one(Q.WHO)
    text = next((v.text for v in q.variants if who in v.who), q.text)
    choices = tuple((o.id, o.label) for o in q.options)
    if q.options_from is not None:  # "which matters most": only what the person chose, in their order
        labels = dict(choices)
        choices = tuple((c, labels[c]) for c in answers.chosen(q.options_from) if c in labels)
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
    guess = regions.locate(kb, None, answers.one(Q.COUNTRY), env)
    for q in kb.questionnaire.questions:
        if danger_only and q.id != Q.CRISIS:
            continue
        if q.options_from is not None and len(answers.chosen(q.options_from)) < 2:
            continue  # one answer (or none) to choose from: nothing to ask
        if q.id not in answers:
            if q.id == Q.REGION:
                answers = ask_region(kb, answers, ask, guess)
            else:
                prompt = prompt_for(kb, q, answers, described_default(answers, q.id))
                value = A.normalise(kb.questionnaire.resolved(q), ask(prompt), t("your answer"))
                answers = answers.with_layer("prompt", {q.id: value})
        if q.id == Q.CRISIS and answers.yes(Q.CRISIS):
            answers, region_id = _crisis_lines(kb, answers, ask, show_crisis, guess)
            if danger_only:
                return None
            if not ask(keep_going()):
                show_crisis(answers, region_id)  # the lines stay the last thing on the screen
                return None
        if q.id == Q.CRISIS and not danger_only and answers.described is None and Q.CONCERNS not in answers:
            answers = _own_words(kb, answers, ask, show_crisis, guess)
    return None if danger_only else answers


def _crisis_lines(
    kb: KnowledgeBase, answers: A.Answers, ask: Ask, show_crisis: ShowCrisis, guess: regions.Place
) -> tuple[A.Answers, str | None]:
    """Show the crisis lines for the region, asking where the person is first if it is not known."""
    region_id = answers.one(Q.REGION) or guess.region
    if region_id is None and kb.questionnaire.find(Q.REGION):
        show_crisis(answers, None)  # every region's emergency number and first line, then ask
        answers = ask_region(kb, answers, ask, guess)
        region_id = answers.one(Q.REGION)
    show_crisis(answers, region_id)
    return answers, region_id


def describe_prompt() -> Prompt:
    """The optional question after the danger question: the person's own words (Enter skips)."""
    return Prompt("describe", "text", t("In a sentence or two, what is going on?"), t("(Enter to skip)"), default="")


def _own_words(
    kb: KnowledgeBase, answers: A.Answers, ask: Ask, show_crisis: ShowCrisis, guess: regions.Place
) -> A.Answers:
    """Ask for the person's own words; crisis words show the lines at once, then the questions go on
    with what the words matched ticked, to confirm or change."""
    from therapick.advice.describe import describe

    text = str(ask(describe_prompt()) or "")
    if not text.strip():
        return answers
    answers = answers.with_described(describe(kb, text))
    d = answers.described
    if d is not None and d.urgent and (not answers.yes(Q.CRISIS) or d.imminent):
        answers, _ = _crisis_lines(kb, answers, ask, show_crisis, guess)
    return answers


def described_default(answers: A.Answers, qid: str) -> Any:
    """What the person's own words matched for a question: pre-selected (who) or pre-ticked (concerns)."""
    d = answers.described
    if d is None:
        return None
    if qid == Q.WHO:
        return d.who
    if qid == Q.CONCERNS:
        return d.concerns or None
    return None


def ask_region(
    kb: KnowledgeBase, answers: A.Answers, ask: Ask, guess: regions.Place, follow_up: bool = True
) -> A.Answers:
    """The region question, then, for "somewhere else", which country (for its emergency number).

    It starts on the person's setting's guess; when there is none, on the neutral choice
    ("Not sure / somewhere else"), never on a country. A country typed that is a region
    (``Spain``) gives that region; any other is kept, known or not, so the results say what
    therapick has for it.
    """
    rq = kb.questionnaire.question(Q.REGION)
    neutral = regions.OTHER if regions.OTHER in rq.option_ids else None
    default = guess.region if guess.region in rq.option_ids else neutral
    got = A.answer(kb, Q.REGION, ask(prompt_for(kb, rq, answers, default)), t("your answer"))
    answers = answers.with_layer("prompt", got)
    if not follow_up or got[Q.REGION] != regions.OTHER or answers.one(Q.COUNTRY):
        return answers
    known = kb.countries_by_id.get(guess.country or "")
    typed = str(ask(country_prompt(known.name if known else "")) or "").strip()
    if not typed:
        return answers
    try:
        place = regions.parse_country(kb, typed, source=t("your answer"))
    except TherapickError:  # a hidden character pasted in: it names no country, as Enter alone does not
        return answers
    if place.region in rq.option_ids and place.region != regions.OTHER:
        return answers.with_layer("prompt", {Q.REGION: place.region})
    return answers.with_layer("prompt", A.country_answer(kb, typed, t("your answer")))


def country_prompt(default: str = "") -> Prompt:
    """After "somewhere else": which country, typed (Enter alone skips it)."""
    return Prompt(
        Q.COUNTRY,
        "text",
        t("Which country are you in? Type its name, or press Enter to skip."),
        default=default,
    )


class Saving(Struct, frozen=True):
    """What is offered for saving, in words: the report at the end of ``ask``, or a safety plan."""

    what: str  # "report" or "plan"
    default_name: str  # not translated: a file name to type or find
    offer_default: bool


REPORT = Saving("report", "therapick-report.md", offer_default=False)
PLAN = Saving("plan", "safety-plan.md", offer_default=True)  # the person's own words: kept unless they say no


def save_offer(saving: Saving = REPORT) -> Prompt:
    """At the end: save? (the report: default no; a plan: default yes, nothing typed is lost by default)."""
    if saving.what == "plan":
        text = t("Save your plan to a file, so that you can keep it and look at it again?")
    else:
        text = t("Save these results as a report to bring to a GP, therapist or other professional?")
    return Prompt("save", "confirm", text, default=saving.offer_default)


def save_path(saving: Saving = REPORT, default: str = "") -> Prompt:
    """The file name, pre-filled with ``default``; when the field is empty, it says that empty skips."""
    if saving.what == "plan":
        text = t("File name for your plan (Markdown):")
    else:
        text = t("File name for the report (Markdown):")
    hint = None if default else t("(leave it empty to skip)")
    return Prompt("save-path", "text", text, hint, default=default)


def save_sure(saving: Saving, path: str) -> Prompt:
    """Before writing: the whole name, and a yes."""
    if saving.what == "plan":
        text = t("Save your plan as {path}?", path=path_words(path))
    else:
        text = t("Save the report as {path}?", path=path_words(path))
    return Prompt("save-sure", "confirm", text, default=True)


def keep_words_offer() -> Prompt:
    """Before saving: put the person's own words in the report too? (default no)."""
    return Prompt(
        "keep-words", "confirm", t("Put what you wrote in your own words into the report too?"), default=False
    )


# --------------------------------------------------------------------------
# The terminal


def terminal_ask(p: Prompt) -> Any:
    """Ask one prompt in the terminal (``prompts``); Ctrl-C and Ctrl-D raise, never return None."""
    from therapick.cli import prompts

    return prompts.ask(p)


def plain_ask(p: Prompt) -> Any:
    """Ask one prompt on plain lines (``plain_prompts``): numbered options, no cursor movement."""
    from therapick.cli import plain_prompts

    return plain_prompts.ask(p)


def asker(plain: bool) -> Ask:
    """The real ``ask``: plain lines in plain mode (``--plain``, ``TERM=dumb``), else the terminal's prompts."""
    return plain_ask if plain else terminal_ask
