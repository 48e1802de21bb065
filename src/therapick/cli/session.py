"""One run of ``ask``: gather the answers, ask what is missing (in a terminal), advise.

The command line calls ``gather`` then ``complete``; everything about
which answer wins, what is missing and what to say about it lives here.

Where crisis lines may be due (``ask --crisis``, or the danger question in a
terminal), ``run_or_floor`` lets nothing that cannot be used (the knowledge
base, the language, the region, an answer, the ``--save`` path) come before
them: the lines are shown on what can be used, and what could not is said
after them (a ``Floor``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from msgspec import Struct, field

from therapick.advice import answers as A
from therapick.advice.crisis import HelpNow
from therapick.advice.result import Result, advise
from therapick.advice.screens import Screen
from therapick.base.errors import TherapickError, path_words
from therapick.base.i18n import t
from therapick.cli.failure import Trouble
from therapick.kb import questions as Q
from therapick.kb.schema import KnowledgeBase


class Request(Struct, frozen=True):
    """What ``ask`` was given: an answers file, flags, ``--answer`` pairs, how many, and how to ask."""

    answers_file: str | None
    flags: dict[str, Any]
    pairs: list[str]
    top: int
    interactive: bool
    plain: bool = False
    screens: dict[str, Any] = field(default_factory=dict)  # --phq9, --gad7: the scores as "0,1,2,..."
    describe: str | None = None  # the person's own words (--describe); overrides the file's `describe`
    include_text: bool = False  # put the description's text itself in the JSON and the report


def run(kb: KnowledgeBase, request: Request, environ: Mapping[str, str]) -> Result | None:
    """The one call ``ask`` makes: gather the answers, ask what is missing, advise.

    ``None`` when the person stopped after the crisis lines.
    """
    known, screens = given(kb, request, request.flags)
    return complete(kb, known, request.interactive, request.top, environ, plain=request.plain, screens=screens)


def given(kb: KnowledgeBase, request: Request, flags: Mapping[str, Any]) -> tuple[A.Answers, tuple[Screen, ...]]:
    """What was given before any prompt: the answers (flags and ``--answer`` over the answers file)
    and the screens' scores (``--phq9``, ``--answer phq9=...``, or the answers file's ``phq9:``)."""
    from therapick.cli import screening
    from therapick.cli.answers_file import read_raw

    # An empty name is a mistake to report (read_raw says so), not "no file".
    named = request.answers_file is not None
    shown, data = read_raw(request.answers_file) if request.answers_file is not None else ("", {})
    data, from_file = screening.split_file(data)
    data, text = split_describe(kb, data, shown)
    pairs, from_pairs = screening.split_pairs(request.pairs)
    screens = screening.given(from_file, shown, request.screens, screening.today(), from_pairs)
    known = gather(kb, (shown, data) if named else None, flags, pairs)
    where = "--describe" if request.describe is not None else f"{shown}: '{DESCRIBE}'"
    words = request.describe if request.describe is not None else text
    return known.with_described(described(kb, words, request.include_text, where)), screens


class Floor(Struct, frozen=True):
    """The crisis lines ran on what could be used; ``troubles`` say, after them, what could not."""

    kb: KnowledgeBase
    help_now: HelpNow | None  # the lines still to show (ask --crisis); None: the danger question showed them
    troubles: tuple[Trouble, ...]


def run_or_floor(
    kb: KnowledgeBase, troubles: list[Trouble], request: Request, environ: Mapping[str, str], bundled: bool
) -> Result | Floor | None:
    """``run`` for ``ask --crisis`` or a terminal, where the crisis lines come before any failure.

    ``kb`` is the configured knowledge base, or the bundled one when that
    failed (``bundled``; the failure is among ``troubles``). A region that
    cannot be used is not known (every region's lines are shown, or, in a
    terminal, where the person is is asked). In a terminal, a language or
    region that cannot be used is a warning and the questionnaire goes on;
    anything else leaves only the danger question, then the run stops.
    """
    from therapick.advice import region

    interactive, flags = request.interactive, dict(request.flags)
    where, how, unusable = region.resolve_or_unknown(kb, flags.get(Q.REGION), environ)
    if unusable is not None:  # not known: nothing that named it is used
        flags[Q.REGION], environ = None, region.without_region(environ)
        if interactive:
            troubles.append(Trouble(unusable, t("where you are is asked instead"), stops=False))
        else:
            troubles.append(Trouble(unusable, t("every region's emergency number and first crisis line are shown")))
    screens: tuple[Screen, ...] = ()
    try:
        known, screens = given(kb, request, flags)
    except TherapickError as e:
        if not bundled:  # against the bundled knowledge base, a clinic's answers may not fit: said for it
            troubles.append(Trouble(e, "" if interactive else t("only the crisis lines are shown")))
        said = {Q.CRISIS: flags.get(Q.CRISIS), Q.REGION: where if how == "you said" else None}
        known = A.Answers({"flags": {k: v for k, v in said.items() if v is not None}})
    from therapick.cli import failure

    failure.tell([w for w in troubles if not w.stops])  # warnings first: the questionnaire goes on
    if not any(w.stops for w in troubles):
        try:
            return complete(kb, known, interactive, request.top, environ, plain=request.plain, screens=screens)
        except TherapickError as e:
            if interactive:
                raise
            troubles.append(Trouble(e, t("only the crisis lines are shown")))
    stopping = tuple(w for w in troubles if w.stops)
    if interactive:
        _interview(kb, known, environ, request.plain, danger_only=True)
        return Floor(kb, None, stopping)
    from therapick.advice import crisis

    country = known.one(Q.COUNTRY) or flags.get(Q.COUNTRY)
    return Floor(kb, crisis.help_now(kb, known.one(Q.REGION), environ, country), stopping)


def save_report(kb: KnowledgeBase, result: Result, path: str, force: bool) -> None:
    """Write the Markdown report to bring to a professional: private (0600), whole or not at all."""
    import datetime

    from therapick.output import export, files

    text = export.report_markdown(kb, result, datetime.date.today().isoformat())
    files.write_atomic(path, text, force=force, mode=0o600)


def read_answers_file(kb: KnowledgeBase, name: str) -> dict[str, Any]:
    """Checked answers from a YAML or JSON file (``-`` is stdin)."""
    from therapick.cli.answers_file import read_raw

    shown, data = read_raw(name)
    return A.from_mapping(kb, data, shown)


DESCRIBE = A.DESCRIBE  # the answers file's field for the person's own words (not a question)


def split_describe(kb: KnowledgeBase, data: Any, shown: str) -> tuple[Any, str | None]:
    """An answers file's data without its ``describe`` text, and the text (None when there is none)."""
    if not isinstance(data, dict) or DESCRIBE not in data or kb.questionnaire.find(DESCRIBE) is not None:
        return data, None
    data = dict(data)
    value = data.pop(DESCRIBE)
    if value is not None and not isinstance(value, str):
        raise TherapickError(t("{source}: 'describe' takes text (a sentence or two)", source=shown))
    return data, value


def described(kb: KnowledgeBase, text: str | None, keep: bool, where: str) -> Any:
    """What a description matched (``None`` for none or blank); a very long one is refused."""
    if text is None or not text.strip():
        return None
    from therapick.advice import describe

    if len(text) > describe.MAX_CHARS:
        raise TherapickError(
            t(
                "{where}: at most {n} characters (a sentence or two is enough)",
                where=where,
                n=f"{describe.MAX_CHARS:,}",
            )
        )
    return describe.describe(kb, text, keep)


def gather(
    kb: KnowledgeBase, from_file: tuple[str, Any] | None, flags: Mapping[str, Any], pairs: list[str]
) -> A.Answers:
    """The answers given before any prompt: flags and ``--answer`` over the answers file (its name and data)."""
    from therapick.advice.screens import IDS

    file = A.from_mapping(kb, from_file[1], from_file[0], (DESCRIBE, *IDS)) if from_file else {}
    layers: dict[str, dict[str, Any]] = {"file": file}
    if Q.REGION in flags and flags[Q.REGION] is not None:
        from therapick.advice import region

        # The one clear error for a region that names no place; a name ("UK", "Mexico": somewhere
        # else, in Mexico) is read by the answers, as from a file or --answer.
        region.parse(kb, str(flags[Q.REGION]))
    layers["flags"] = A.combine(A.from_pairs(kb, pairs, also=IDS), A.from_flags(kb, flags))
    return A.Answers(layers, sources={"file": from_file[0] if from_file else "", "flags": "--answer"})


def complete(
    kb: KnowledgeBase,
    known: A.Answers,
    interactive: bool,
    top: int,
    environ: Mapping[str, str],
    plain: bool = False,
    screens: tuple[Screen, ...] = (),
) -> Result | None:
    """Ask what is missing (in a terminal), then advise; without a terminal, never prompt.

    ``None`` when the person stopped after the crisis lines. In a terminal, when no screen was
    given, the PHQ-9 and GAD-7 are offered last (Enter skips them).
    """
    answers = known
    if interactive:
        asked = _interview(kb, known, environ, plain)
        if asked is None:
            return None
        answers = asked
        if not screens:
            screens, answers = _screens(kb, answers, environ, plain)
    else:
        # Without a terminal nothing can be confirmed: what the description matched fills only the
        # questions left unanswered, and the results say so.
        answers = answers.from_description(kb)
    urgent = answers.yes(Q.CRISIS) or bool(answers.described and answers.described.urgent)
    if not interactive and urgent and answers.missing(kb):
        # `ask --crisis` alone (or crisis words in --describe): the crisis lines are the answer;
        # suggestions need more.
        return advise(kb, answers, top, environ, screens=screens)
    missing = answers.missing(kb)
    if missing:
        how = ", ".join(f"--{Q.FLAG_NAMES.get(m, 'answer ' + m + '=...')}" for m in missing)
        ids = ", ".join(missing)
        if len(missing) > 1:
            raise TherapickError(
                t(
                    "missing answers: {ids}; give {how} or --answers FILE (run in a terminal to be asked)",
                    ids=ids,
                    how=how,
                )
            )
        raise TherapickError(
            t("missing answer: {ids}; give {how} or --answers FILE (run in a terminal to be asked)", ids=ids, how=how)
        )
    if not answers.yes(Q.CRISIS):  # in danger, nothing stands before the lines (an unusable main concern is ignored)
        A.check_chosen(kb, answers)
    return advise(kb, answers, top, environ, screens=screens)


def _interview(
    kb: KnowledgeBase, known: A.Answers, environ: Mapping[str, str], plain: bool, danger_only: bool = False
) -> A.Answers | None:
    from therapick.advice import region
    from therapick.cli import questionnaire, terminal
    from therapick.output import render, stream

    terminal.remember()
    stream.show(render.welcome(kb), plain=plain)

    def show_crisis(answers: A.Answers, region_id: str | None) -> None:
        from therapick.advice.safety import overview
        from therapick.cli import failure
        from therapick.output import own_words

        failure.lines_shown()  # a failure from here on does not need to show them again
        if region_id is None:  # every region's first line, then the region question (which says how to choose)
            stream.show([render.crisis_panel(kb, None, overview(kb), asking=True)], plain=plain)
            return
        place = region.locate(kb, region_id, answers.one(Q.COUNTRY), environ)
        where = region.get(kb, place.region)
        after = own_words.imminent_blocks(answers.described) if where is not None else []
        panel = render.crisis_panel(
            kb, where, overview(kb) if where is None else (), region.country_row(kb, place), place.asked
        )
        stream.show([panel, *after], plain=plain)

    return questionnaire.run(
        kb, known, without_pauses(questionnaire.asker(plain)), show_crisis, environ, danger_only=danger_only
    )


def without_pauses(ask: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``ask``, with no garbage collection while a question waits for keys.

    A full collection can pause the program for a tenth of a second, long enough for two
    keystrokes to arrive together and be taken for a paste (and dropped). What the run has
    made so far (the imports, the knowledge base) lives for the whole run and is set aside;
    the rest is collected between questions, where a pause is not felt.
    """
    import gc

    gc.freeze()

    def quiet(prompt: Any) -> Any:
        gc.collect()
        gc.disable()
        try:
            return ask(prompt)
        finally:
            gc.enable()

    return quiet


def _screens(
    kb: KnowledgeBase, answers: A.Answers, environ: Mapping[str, str], plain: bool
) -> tuple[tuple[Screen, ...], A.Answers]:
    from therapick.cli import questionnaire, screening
    from therapick.output import stream

    return screening.ask_step(
        kb, answers, questionnaire.asker(plain), lambda d: stream.show(d, plain=plain), environ, screening.today()
    )


def offer_save(
    saving: Any, write: Callable[[str], None], plain: bool = False, ask: Callable[[Any], Any] | None = None
) -> str | None:
    """At the end of an interactive run: offer to save (``questionnaire.REPORT`` or ``PLAN``).

    The name is shown (a free name is filled in; ``~`` is expanded) and the
    whole path is asked about before ``write`` is called. A name that is
    taken or cannot be written is said, and the name asked again with the
    field empty (empty skips). Returns the path written, or None.
    """
    import os

    from therapick.cli import failure, questionnaire

    ask = ask or questionnaire.asker(plain)
    if not ask(questionnaire.save_offer(saving)):
        return None
    default = free_name(saving.default_name)
    while True:
        typed = str(ask(questionnaire.save_path(saving, default)) or "").strip()
        if not typed:
            return None
        path = os.path.expanduser(typed)
        problem = _cannot_save(path)
        if problem is None and not ask(questionnaire.save_sure(saving, os.path.abspath(path))):
            problem = t("not saved")
        if problem is None:
            try:
                write(path)
                return path
            except TherapickError as e:
                problem = _cannot_save(path) or e.message
        failure.say(t("{message}; type another name, or leave the field empty to skip", message=problem))
        default = ""


def free_name(name: str) -> str:
    """``name``, or ``name-2``, ``name-3`` ... the first that no file has in the current folder."""
    import os

    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    for n in range(1, 100):
        candidate = name if n == 1 else f"{stem}-{n}{dot}{ext}"
        if not os.path.lexists(candidate):
            return candidate
    return ""


def _cannot_save(path: str) -> str | None:
    """Why ``path`` cannot be saved to from the prompt, in words that fit it (no flag can be given there)."""
    import os

    from therapick.output import files

    if path == "-":
        return t("- is not a file name here")
    if os.path.lexists(path):
        return t("{path} already exists", path=path_words(path))
    try:
        files.check_writable(path, force=False)
    except TherapickError as e:
        return e.message
    return None


def offer_own_words(result: Result, plain: bool = False) -> Result:
    """When saving after an interactive run: also put what the person wrote in the report? (default no)."""
    d = result.described
    if d is None or d.keep or not d.text:
        return result
    import msgspec

    from therapick.cli import questionnaire

    if not questionnaire.asker(plain)(questionnaire.keep_words_offer()):
        return result
    return msgspec.structs.replace(result, described=msgspec.structs.replace(d, keep=True))
