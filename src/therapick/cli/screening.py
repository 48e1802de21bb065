"""Taking a screen (PHQ-9, GAD-7): ``therapick screen NAME``, and the optional step at the end of ``ask``.

In a terminal the items are asked through the questionnaire's ``Prompt``
seam (kind ``scale``: a key 0-3 answers at once, or the arrow keys and
Enter; Enter alone does nothing until an answer is chosen). For scripts the
answers come from flags (``--scores 0,1,2,...``) or an answers file (``phq9:
[0, 1, 2, ...]``, or ``phq9: {scores: [...], difficulty: somewhat}``).

The ninth PHQ-9 item is a safety question: an answer above "not at all"
shows the crisis lines at once, before the next prompt (when the region is
not known, every region's lines, then the region is asked and its own are
shown). Nothing is kept unless saved; Ctrl-C at any item raises, so
nothing is written.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any

from msgspec import Struct

from therapick.advice import answers as A
from therapick.advice import region as regions
from therapick.advice import screens as S
from therapick.advice.safety import overview
from therapick.advice.screens import Instrument, Screen
from therapick.base.errors import USAGE, TherapickError
from therapick.base.i18n import t
from therapick.cli.questionnaire import Prompt, ask_region
from therapick.kb import questions as Q
from therapick.kb.schema import KnowledgeBase

Ask = Callable[[Prompt], Any]
Show = Callable[[Any], None]  # a document (output.doc)


def today() -> str:
    return datetime.date.today().isoformat()


# --------------------------------------------------------------------------
# The prompts


def item_prompt(instrument: Instrument, n: int) -> Prompt:
    """Item ``n`` (1-based) in the instrument's own words, with the scale's four answers."""
    text = f"{instrument.name} {n}/{len(instrument.items)}: {instrument.items[n - 1]}"
    choices = tuple((str(k), f"{k} {S.SCALE[k][:1].upper()}{S.SCALE[k][1:]}") for k in range(4))
    return Prompt(f"{instrument.id}-{n}", "scale", text, t("(press 0-3, or use the arrow keys and Enter)"), choices)


def difficulty_prompt(instrument: Instrument) -> Prompt:
    choices = tuple((d, f"{w[:1].upper()}{w[1:]}") for d, w in S.DIFFICULTY)
    return Prompt(f"{instrument.id}-difficulty", "one", S.DIFFICULTY_QUESTION, choices=choices)


def offer() -> Prompt:
    """In ``ask``: take the screens? (Enter skips.)"""
    n = sum(len(i.items) for i in S.INSTRUMENTS)
    return Prompt(
        "screens",
        "confirm",
        t(
            "Would you like to answer {n} short questions about the last two weeks? About three minutes; Enter to skip",
            n=n,
        ),
        default=False,
    )


# --------------------------------------------------------------------------
# Asking


class Taken(Struct, frozen=True):
    screens: tuple[Screen, ...]
    region: str | None  # the region asked for the crisis lines, if it was not known before


def take(
    kb: KnowledgeBase,
    instruments: tuple[Instrument, ...],
    ask: Ask,
    show: Show,
    region_id: str | None,
    date: str,
) -> Taken:
    """Ask every item of each instrument; the ninth PHQ-9 item above 0 shows the crisis lines at once."""
    from therapick.output import results, screening

    asked: str | None = None

    def crisis_lines() -> None:
        nonlocal asked
        rid = region_id or asked
        if rid is None and kb.questionnaire.find(Q.REGION):
            show([results.screen_crisis_panel(kb, None, overview(kb), during=True)])  # every region's, then ask where
            # As ask asks it: starting on "Not sure / somewhere else", never on a country.
            asked = rid = ask_region(kb, A.Answers(), ask, regions.Place(None), follow_up=False).one(Q.REGION)
        where = regions.get(kb, rid)
        show([results.screen_crisis_panel(kb, where, overview(kb) if where is None else (), during=True)])

    out: list[Screen] = []
    for instrument in instruments:
        show(screening.intro(instrument))
        scores: list[int] = []
        for n in range(1, len(instrument.items) + 1):
            scores.append(_score(ask(item_prompt(instrument, n))))
            if n == instrument.safety_item and scores[-1] > 0:
                crisis_lines()  # at once, before the next prompt
        difficulty = None
        if any(scores):
            difficulty = S.parse_difficulty(ask(difficulty_prompt(instrument)), t("your answer"))
        out.append(S.take(instrument, tuple(scores), difficulty, date))
    return Taken(tuple(out), asked)


def _score(value: Any) -> int:
    """An answer from the prompt: 0 to 3 (the terminal gives nothing else; a test's ``ask`` might)."""
    score = int(value)
    if score not in range(4):
        raise ValueError(f"a scale answer is 0-3, not {value!r}")
    return score


def ask_step(
    kb: KnowledgeBase, answers: A.Answers, ask: Ask, show: Show, environ: Mapping[str, str], date: str
) -> tuple[tuple[Screen, ...], A.Answers]:
    """The optional step at the end of ``ask``: offered (Enter skips), then the PHQ-9 and the GAD-7."""
    if not ask(offer()):
        return (), answers
    region_id = answers.one(Q.REGION) or regions.guess(kb, environ)[0]
    taken = take(kb, S.INSTRUMENTS, ask, show, region_id, date)
    if taken.region is not None:
        answers = answers.with_layer("prompt", {Q.REGION: taken.region})
    return taken.screens, answers


# --------------------------------------------------------------------------
# From a script: flags and answers files


def split_file(data: Any) -> tuple[Any, dict[str, Any]]:
    """An answers file's mapping without its screens, and the screens' raw answers (``phq9:``, ``gad7:``)."""
    if not isinstance(data, dict):
        return data, {}
    rest = {k: v for k, v in data.items() if k not in S.IDS}
    return rest, {k: v for k, v in data.items() if k in S.IDS}


def split_pairs(pairs: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """``--answer`` pairs without the screens', and the screens' (``--answer phq9=0,1,2,...``), each
    as (screen id, value), in order."""
    rest: list[str] = []
    found: list[tuple[str, str]] = []
    for pair in pairs:
        qid, sep, value = pair.partition("=")
        if sep and qid.strip().casefold() in S.IDS:
            found.append((qid.strip().casefold(), value))
        else:
            rest.append(pair)
    return rest, found


def given(
    from_file: Mapping[str, Any],
    file_name: str,
    flags: Mapping[str, Any],
    date: str,
    pairs: list[tuple[str, str]] | None = None,
) -> tuple[Screen, ...]:
    """The screens given before any prompt, in order: from the answers file, ``--answer phq9=...``
    (``pairs``) and the flags (``--phq9 0,1,...``).

    A screen answered in more than one of these must be answered the same in each
    (``one_answer``): which of two different answers is the person's cannot be known."""
    out: list[Screen] = []
    for instrument in S.INSTRUMENTS:
        answers: list[tuple[str, tuple[int, ...], str | None]] = []
        if instrument.id in from_file:
            answers.append((file_name, *S.parse_given(instrument, from_file[instrument.id], file_name)))
        for sid, value in pairs or []:
            if sid == instrument.id:
                answers.append(("--answer", S.parse_scores(instrument, value, "--answer"), None))
        flag = flags.get(instrument.id)
        if flag is not None:
            answers.append((f"--{instrument.id}", S.parse_scores(instrument, flag, f"--{instrument.id}"), None))
        if answers:
            scores, difficulty = one_answer(instrument, answers)
            out.append(S.take(instrument, scores, difficulty, date))
    return tuple(out)


def one_answer(
    instrument: Instrument, answers: list[tuple[str, tuple[int, ...], str | None]]
) -> tuple[tuple[int, ...], str | None]:
    """The one answer given (where, scores, difficulty), each place it was given; two different
    ones are refused (exit 2). When any of them points to risk (the PHQ-9's ninth item above 0),
    the crisis lines are shown before the line that says so (``crisis``), whatever the command."""
    first_where, scores, _ = answers[0]
    difficulties = {d for _, _, d in answers if d is not None}
    other = next(((w, s) for w, s, _ in answers if s != scores), None)
    if other is None and len(difficulties) < 2:
        return scores, next(iter(difficulties), None)
    n = instrument.safety_item
    risk = n is not None and any(s[n - 1] > 0 for _, s, _ in answers)
    if other is None:  # the same scores, two closing answers
        shown = sorted(difficulties)
        raise TherapickError(
            t(
                "{name}'s closing question is answered twice, differently ({a}, {b}); give one answer",
                name=instrument.name,
                a=shown[0],
                b=shown[1],
            ),
            USAGE,
            crisis=risk,
        )
    raise TherapickError(
        t(
            "{name} is answered twice, differently ({first}: {a}; {second}: {b}); give one answer",
            name=instrument.name,
            first=first_where,
            a=",".join(map(str, scores)),
            second=other[0],
            b=",".join(map(str, other[1])),
        ),
        USAGE,
        crisis=risk,
    )


class Request(Struct, frozen=True):
    """What ``therapick screen NAME`` was given."""

    name: str
    scores: str | None
    difficulty: str | None
    answers_file: str | None
    region: str | None
    interactive: bool
    plain: bool = False


def run(kb: KnowledgeBase, request: Request, environ: Mapping[str, str]) -> S.Outcome:
    """The one call ``screen`` makes: the answers from flags or a file, or asked in a terminal; then the lines."""
    instrument = S.get(request.name)
    if request.region is not None:
        regions.parse(kb, request.region)
    date = today()
    screen = _from_script(instrument, request, date)
    region_value = request.region
    if screen is None:
        if not request.interactive:
            raise TherapickError(
                t(
                    "{name} asks its questions in a terminal; without one, give --scores {example} or --answers FILE",
                    name=instrument.name,
                    example=",".join(["0"] * len(instrument.items)),
                ),
                USAGE,
            )
        screen, asked = _interview(kb, instrument, request, environ, date)
        region_value = asked or region_value
    return S.outcome(kb, (screen,), region_value, environ)


def _from_script(instrument: Instrument, request: Request, date: str) -> Screen | None:
    difficulty = S.parse_difficulty(request.difficulty, "--difficulty")
    if request.scores is not None and request.answers_file is None:
        return S.take(instrument, S.parse_scores(instrument, request.scores, "--scores"), difficulty, date)
    if request.answers_file is None:
        if difficulty is not None:
            raise TherapickError(t("--difficulty needs --scores too"), USAGE)
        return None
    from therapick.cli.answers_file import read_raw

    shown, data = read_raw(request.answers_file)
    _, found = split_file(data)
    if request.scores is not None:  # both: the same answer, or refused (``one_answer``)
        answers = [("--scores", S.parse_scores(instrument, request.scores, "--scores"), difficulty)]
        if instrument.id in found:
            answers.insert(0, (shown, *S.parse_given(instrument, found[instrument.id], shown)))
        scores, difficulty = one_answer(instrument, answers)
        return S.take(instrument, scores, difficulty, date)
    if instrument.id not in found:
        raise TherapickError(
            t(
                "{source}: no {id} answers in it (a list of {n} numbers 0-3)",
                source=shown,
                id=instrument.id,
                n=len(instrument.items),
            ),
            USAGE,
        )
    scores, from_file = S.parse_given(instrument, found[instrument.id], shown)
    scores, difficulty = one_answer(instrument, [(shown, scores, from_file), ("--difficulty", scores, difficulty)])
    return S.take(instrument, scores, difficulty, date)


def _interview(
    kb: KnowledgeBase, instrument: Instrument, request: Request, environ: Mapping[str, str], date: str
) -> tuple[Screen, str | None]:
    from therapick.cli import questionnaire, terminal
    from therapick.output import stream

    terminal.remember()
    region_id = regions.resolve(kb, request.region, environ)[0]
    taken = take(
        kb,
        (instrument,),
        questionnaire.asker(request.plain),
        lambda d: stream.show(d, plain=request.plain),
        region_id,
        date,
    )
    return taken.screens[0], taken.region


def save(kb: KnowledgeBase, outcome: S.Outcome, path: str, force: bool) -> None:
    """Write the screen as Markdown to bring to a professional: private (0600), whole or not at all."""
    from therapick.output import export, files

    files.write_atomic(path, export.screen_markdown(kb, outcome), force=force, mode=0o600)
