"""The command line: option declarations, one call into the core, and rendering.

Heavy modules (PyYAML, msgspec, Rich, questionary) are imported inside the
commands that need them, so ``--help`` and completion stay fast (see
bench/startup.py). Every failure is mapped to one line and an exit code in
one place, ``failure.report``, called by ``main``.

Why it is over 400 lines: Typer takes each command's options as the parameters of its function,
so this file is the sum of eleven commands' option lists; each body is one call into the core.
"""

import contextlib
import itertools
import os
import sys
from typing import TYPE_CHECKING, Any

import typer

from therapick import __version__
from therapick.base.errors import NOT_FOUND, TherapickError, clean, path_words
from therapick.base.i18n import t
from therapick.kb import questions as Q

if TYPE_CHECKING:
    from therapick.advice.crisis import HelpNow
    from therapick.cli.failure import Shown, Trouble
    from therapick.kb.schema import KnowledgeBase

app = typer.Typer(
    name="therapick",
    help=t(
        "Find kinds of therapeutic help to talk over with a professional. Not medical advice: "
        "therapick suggests, it never diagnoses.\n\n"
        "In danger now? Call your local emergency number, or run: therapick help-now --region XX "
        "(US, CA, GB, IE, AU, NZ, ES, or --country XX elsewhere; 'therapick help-now' alone lists every region)."
    ),
    rich_markup_mode=None,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    # No --install-completion: it appends to the shell's startup file, a write nobody named
    # (and not atomic: a full disk left ~/.bashrc ending in an open quote). --show-completion
    # prints the script; adding it to the shell's startup is the shell's own job (README).
    add_completion=False,
)


class Settings:
    """What the root options say, for every command."""

    kb: str | None = None
    plain: bool = False
    debug: bool = False
    lang: str = "en"
    lang_problem: TherapickError | None = None  # --lang or THERAPICK_LANG named no language: English instead

    def reset(self, args: list[str]) -> None:
        """Before a run: what holds if the root's options are never read (a usage error among them)."""
        from therapick.base import i18n

        self.kb, self.plain, self.lang_problem = os.environ.get("THERAPICK_KB"), False, None
        self.debug = "--debug" in (args[: args.index("--")] if "--" in args else args)
        try:
            self.lang = i18n.choose(None)
        except i18n.UnknownLanguage as e:
            self.lang, self.lang_problem = "en", TherapickError(str(e))
        flag = _lang_flag(args)
        if flag is not None:  # read before Click parses, so its own words and --help are in it too
            with contextlib.suppress(i18n.UnknownLanguage):  # said by the root's callback, as before
                self.lang = i18n.choose(flag)
        i18n.set_language(self.lang)


def _lang_flag(args: list[str]) -> str | None:
    """The one value given to --lang (``--lang es``, ``--lang=es``) before ``--``; None if none or several."""
    words = args[: args.index("--")] if "--" in args else args
    found = {w.split("=", 1)[1] for w in words if w.startswith("--lang=")}
    found |= {b for a, b in itertools.pairwise(words) if a == "--lang"}
    return found.pop() if len(found) == 1 else None


SETTINGS = Settings()
# The commands that show crisis lines: a setting they cannot use is said after the lines, never instead.
FLOOR_COMMANDS = ("help-now", "ask")


def _load() -> "KnowledgeBase":
    from therapick.kb import loader

    if SETTINGS.kb is None:
        return loader.bundled(SETTINGS.lang)
    return loader.load(SETTINGS.kb, SETTINGS.lang)  # in its language, with what it extends translated too


def _load_or_floor(asking: bool = False) -> "tuple[KnowledgeBase, list[Trouble], bool]":
    """The knowledge base for the crisis lines, what could not be used, and whether it is the bundled
    one standing in for the configured one.

    The bundled knowledge base is the floor under every failure: when the
    configured one (``--kb``, its translation) cannot be used, its lines are
    shown, and the failure is said after them. It is loaded only then. In
    the questionnaire (``asking``), a language that cannot be used is a
    warning: it goes on in English.
    """
    from therapick.cli.failure import Trouble

    troubles = []
    if SETTINGS.lang_problem is not None:
        if asking:
            troubles.append(Trouble(SETTINGS.lang_problem, t("going on in English"), stops=False))
        else:
            troubles.append(Trouble(SETTINGS.lang_problem, t("shown in English")))
    try:
        return _load(), troubles, False
    except TherapickError as e:
        failed = e
    except Exception as e:  # a bug in reading the configured file must not take the lines away either
        from therapick.cli import failure

        failed = failure.internal(e, SETTINGS.debug)
    from therapick.kb import loader

    if asking:
        troubles.append(Trouble(failed, t("the danger question was asked with the bundled crisis lines")))
    else:
        troubles.append(Trouble(failed, t("the bundled crisis lines are shown instead")))
    return loader.fallback(SETTINGS.lang), troubles, True


def _show_floor(knowledge: "KnowledgeBase", found: "HelpNow", as_json: bool, troubles: "list[Trouble]") -> None:
    """The crisis lines (help-now's screen, or its JSON); then, if something could not be used, one
    line for each and its exit code."""
    from therapick.cli import failure

    if as_json:
        from therapick.output import export

        doc = export.help_now_dict(knowledge, found)
        worst = max(troubles, key=lambda w: w.error.exit_code, default=None)
        _write(export.to_json(export.error_dict(worst.line(), worst.error.exit_code, doc) if worst else doc))
    else:
        _print_lines(knowledge, found)
    failure.lines_shown()
    _exit_after_lines(troubles)


def _print_lines(knowledge: "KnowledgeBase", found: "HelpNow") -> None:
    from therapick.output import render, stream

    # Always plain text: fast, and nothing in it can fail to lay out at any width or encoding.
    stream.show(render.help_now(knowledge, found), plain=True)


# The root options that take a value (``--kb PATH``, ``--lang LANG``): the command is the first word after them.
ROOT_VALUES = ("--kb", "--lang")
# help-now's and ask's options that name where the person is, and the other options that take a value there.
WHERE_OPTIONS = ("--region", "-r", "--country")


def command_of(args: list[str]) -> tuple[str | None, list[str]]:
    """The command a raw command line names, and the words after it (the root's options skipped)."""
    n = 0
    while n < len(args):
        word = args[n]
        if word == "--":
            return None, []
        if word in ROOT_VALUES:
            n += 2
        elif word.startswith("-"):
            n += 1
        else:
            return word, args[n + 1 :]
    return None, []


def promises_lines(args: list[str]) -> bool:
    """Whether a raw command line is one that never fails before the crisis lines: ``help-now``, or
    ``ask`` with ``--crisis`` (or ``--answer crisis=yes``)."""
    from therapick.advice import answers

    command, rest = command_of(args)
    words = rest[: rest.index("--")] if "--" in rest else rest
    if command == "help-now":
        return True
    if command != "ask":
        return False
    pairs = [b for a, b in itertools.pairwise(words) if a == "--answer"]
    pairs += [w.removeprefix("--answer=") for w in words if w.startswith("--answer=")]
    said = [v for k, _, v in (p.partition("=") for p in pairs) if k.strip() == Q.CRISIS]
    return "--crisis" in words or any(answers.says_yes(v) for v in said)


def _given(words: list[str], names: tuple[str, ...]) -> str | None:
    """The last value a raw command line gives one of the options ``names`` (``--region GB``,
    ``--region=GB``, ``-rGB``); a missing value (the next word is an option) is none."""
    found = None
    for n, word in enumerate(words):
        if word == "--":
            break
        for name in names:
            if word == name and n + 1 < len(words) and not words[n + 1].startswith("-"):
                found = words[n + 1]
            elif word.startswith(name + "=" if name.startswith("--") else name) and word != name:
                found = word[len(name) + (1 if name.startswith("--") else 0) :]
    return found


def _where_in(args: list[str]) -> tuple[str | None, str | None]:
    """The region and country a raw command line names, as far as they can still be read from it."""
    command, rest = command_of(args)
    region = _given(rest, ("--region", "-r"))
    if region is None and command == "help-now":  # help-now GB: where you are, as an argument
        taken = {n + 1 for n, w in enumerate(rest) if w in (*WHERE_OPTIONS, *ROOT_VALUES)}
        words = [w for n, w in enumerate(rest) if n not in taken and not w.startswith("-")]
        region = words[0] if words else None
    return region, _given(rest, ("--country",))


def _floor_under(args: list[str], as_json: bool, error: BaseException) -> "Shown | None":
    """The crisis floor under a failure that came before the lines (``failure.floor_first``):
    help-now's lines, for where the command line still says the person is (else every region's),
    when it is ``help-now`` or ``ask --crisis``, or when the error points to risk."""
    from therapick.cli import failure

    if not (promises_lines(args) or getattr(error, "crisis", False)):
        return None
    from therapick.advice import crisis

    troubles: list[Trouble]
    if isinstance(error, (KeyboardInterrupt, EOFError)):  # cancelled (reading a knowledge base that never ended?)
        from therapick.kb import loader

        knowledge, troubles = loader.fallback(SETTINGS.lang), []
    else:
        knowledge, troubles, _ = _load_or_floor()
    region, country = _where_in(args)
    found = crisis.help_now(knowledge, region, os.environ, country)
    if found.problem is not None:
        shown = t("every region's emergency number and first crisis line are shown")
        troubles.append(failure.Trouble(found.problem, shown))
    if as_json:
        from therapick.output import export

        return failure.Shown(export.help_now_dict(knowledge, found), troubles)
    _print_lines(knowledge, found)
    return failure.Shown(None, troubles)


def _exit_after_lines(troubles: "list[Trouble]") -> None:
    if troubles:
        from therapick.cli import failure

        raise typer.Exit(failure.tell(troubles))


def _write(text: str) -> None:
    from therapick.output import stream

    stream.write(text)


def _print(renderable: Any) -> None:
    from therapick.output import stream

    stream.show(renderable, plain=SETTINGS.plain)


def _is_terminal() -> bool:
    try:
        return bool(sys.stdin and sys.stdin.isatty() and sys.stdout and sys.stdout.isatty())
    except (ValueError, OSError):
        return False


def _completer(question_id: str) -> Any:
    def complete(incomplete: str) -> list[str]:
        from therapick.cli import completion

        return completion.options(question_id, incomplete)

    return complete


def _complete_names(incomplete: str) -> list[str]:
    from therapick.cli import completion

    return completion.names(incomplete)


def _version(value: bool) -> None:
    if value:
        _write(f"therapick {__version__}\n")
        raise typer.Exit(0)


def _show_completion(ctx: typer.Context, param: Any, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from typer.completion import show_callback

        show_callback(ctx, param, value)  # prints the script for the shell it detects, and exits


# --------------------------------------------------------------------------
# Commands


KB_HELP = t(
    "Use this knowledge-base file (YAML or JSON; '-' for stdin) instead of the bundled one (also THERAPICK_KB)."
)
LANG_HELP = t("Language: en or es (also THERAPICK_LANG, or a Spanish locale).")
PLAIN_HELP = t("Plain linear text: no boxes or symbols, wrapped to the terminal (also TERM=dumb).")


@app.callback()
def root(
    ctx: typer.Context,
    kb: str | None = typer.Option(
        None,
        "--kb",
        envvar="THERAPICK_KB",
        metavar="PATH",
        help=KB_HELP,
        show_default=False,
    ),
    lang: str | None = typer.Option(None, "--lang", metavar="LANG", help=LANG_HELP),
    plain: bool = typer.Option(False, "--plain", help=PLAIN_HELP),
    debug: bool = typer.Option(False, "--debug", help=t("Show a traceback when something fails.")),
    version: bool = typer.Option(
        False, "--version", "-V", callback=_version, is_eager=True, help=t("Show the version and exit.")
    ),
    show_completion: bool = typer.Option(
        False,
        "--show-completion",
        callback=_show_completion,
        is_eager=True,
        expose_value=False,
        help=t(
            "Print the shell completion script for your shell (bash, zsh, fish, PowerShell), to add to its "
            "startup file yourself."
        ),
    ),
) -> None:
    # With no command: start the questionnaire in a terminal, else show the help.
    from therapick.base import i18n

    if kb is None and os.environ.get("THERAPICK_KB") == "":
        kb = ""  # as --kb '' is: an empty name is a mistake to report, never "use the bundled one"
    SETTINGS.kb, SETTINGS.debug, SETTINGS.lang_problem = kb, debug, None
    try:
        SETTINGS.lang = i18n.choose(lang)
    except i18n.UnknownLanguage as e:
        # Crisis lines never wait on a setting: help-now and ask (the questionnaire) go on in English
        # and say it after the lines; any other command stops here.
        SETTINGS.lang, SETTINGS.lang_problem = "en", TherapickError(str(e))
        asking = ctx.invoked_subcommand is None and _is_terminal()
        if ctx.invoked_subcommand not in FLOOR_COMMANDS and not asking:
            raise SETTINGS.lang_problem from None
    i18n.set_language(SETTINGS.lang)
    SETTINGS.plain = plain or os.environ.get("TERM") == "dumb"
    if ctx.invoked_subcommand is None:
        if _is_terminal():
            ask_command()
        else:
            _write(ctx.get_help() + "\n")


@app.command("help-now", help=t("Crisis lines and the emergency number for your region, and nothing else."))
def help_now(
    where: str | None = typer.Argument(
        None,
        metavar="[REGION]",
        help=t("Your region, as --region takes it (therapick help-now GB)."),
        autocompletion=_completer(Q.REGION),
        show_default=False,
    ),
    region: str | None = typer.Option(
        None,
        "--region",
        "-r",
        help=t("Your region: US, CA, GB, IE, AU, NZ, ES or other (a country's name works too)."),
        autocompletion=_completer(Q.REGION),
    ),
    country: str | None = typer.Option(
        None,
        "--country",
        help=t("Your country, by name or two-letter code, for its emergency number (e.g. MX, FR)."),
    ),
    as_json: bool = typer.Option(False, "--json", help=t("Print JSON.")),
    # The root's options, taken after the command too (help-now --lang es): a person in a hurry
    # types them where they think of them. Not listed: they are the root's (therapick --help).
    kb: str | None = typer.Option(None, "--kb", metavar="PATH", hidden=True, help=KB_HELP),
    lang: str | None = typer.Option(None, "--lang", metavar="LANG", hidden=True, help=LANG_HELP),
    plain: bool = typer.Option(False, "--plain", hidden=True, help=PLAIN_HELP),
) -> None:
    from therapick.advice import crisis

    _settings_after_command(kb, lang, plain)
    if where is not None and region is not None and where != region:
        raise TherapickError(
            t(
                "where you are is given twice, as '{where}' and as --region '{region}'; give it once",
                where=clean(where, 40),
                region=clean(region, 40),
            )
        )
    region = region if region is not None else where
    knowledge, troubles, _ = _load_or_floor()
    found = crisis.help_now(knowledge, region, os.environ, country)
    if found.problem is not None:
        from therapick.cli.failure import Trouble

        troubles.append(Trouble(found.problem, t("every region's emergency number and first crisis line are shown")))
    _show_floor(knowledge, found, as_json, troubles)


def _settings_after_command(kb: str | None, lang: str | None, plain: bool) -> None:
    """The root's options given after the command: as if given before it."""
    from therapick.base import i18n

    if kb is not None:
        SETTINGS.kb = kb
    if lang is not None:
        try:
            SETTINGS.lang, SETTINGS.lang_problem = i18n.choose(lang), None
        except i18n.UnknownLanguage as e:
            SETTINGS.lang, SETTINGS.lang_problem = "en", TherapickError(str(e))
        i18n.set_language(SETTINGS.lang)
    SETTINGS.plain = SETTINGS.plain or plain


@app.command(help=t("Show one intervention, found by id, name, abbreviation or alias."))
def show(
    name: str = typer.Argument(
        ..., help=t("Id, name, abbreviation or other name (e.g. cbt, 'art therapy')."), autocompletion=_complete_names
    ),
    region: str | None = typer.Option(
        None,
        "--region",
        "-r",
        help=t("Show where to find a provider in this region first."),
        autocompletion=_completer(Q.REGION),
    ),
    as_json: bool = typer.Option(False, "--json", help=t("Print the entry as JSON.")),
) -> None:
    from therapick.advice import lookup

    knowledge = _load()
    found = lookup.find_or_fail(knowledge, name)
    from therapick.kb.schema import OtherTherapy
    from therapick.output import render

    if isinstance(found, OtherTherapy):  # a therapy people look for that is not one of these
        # Not found here, as any other name (exit 1, one line on stderr); without --json, what to
        # ask about it and how to get suggestions are shown first.
        if not as_json:
            _print(render.not_covered(knowledge, found))
        raise TherapickError(render.not_covered_words(knowledge, found), NOT_FOUND)
    where = lookup.region_or_guess(knowledge, region, os.environ)
    if as_json:
        from therapick.output import export

        _write(export.to_json(export.intervention_doc(knowledge, found, where)))
        return
    _print(render.intervention(knowledge, found, where))


@app.command("list", help=t("List all interventions, grouped by category."))
def list_(
    category: str | None = typer.Option(None, "--category", "-c", help=t("Only this category (an id).")),
    concern: str | None = typer.Option(
        None,
        "--concern",
        help=t("Only interventions that fit this concern (an id)."),
        autocompletion=_completer("concerns"),
    ),
    as_json: bool = typer.Option(False, "--json", help=t("Print JSON.")),
) -> None:
    from therapick.advice import lookup

    knowledge = _load()
    items = lookup.select(knowledge, category, concern)
    if as_json:
        from therapick.output import export

        _write(export.to_json(export.list_dict(knowledge, items)))
        return
    from therapick.output import render

    _print(render.intervention_list(knowledge, items))


@app.command(help=t("Show crisis and support lines, with the emergency number of each region."))
def hotlines(
    region: str | None = typer.Option(
        None,
        "--region",
        "-r",
        help=t("A region id: US, CA, GB, IE, AU, NZ, ES or other. Default: all."),
        autocompletion=_completer(Q.REGION),
    ),
    country: str | None = typer.Option(
        None,
        "--country",
        help=t("Your country, by name or two-letter code, for its emergency number (e.g. MX, FR)."),
    ),
    as_json: bool = typer.Option(False, "--json", help=t("Print JSON.")),
    ids: bool = typer.Option(
        False, "--ids", help=t("Show the id of each line and route to a professional (to name in a clinic's file).")
    ),
) -> None:
    from therapick.advice import lookup

    knowledge = _load()
    chosen, only = lookup.lines_for(knowledge, region, country)
    if as_json:
        from therapick.output import export

        _write(export.to_json(export.hotlines_dict(knowledge, chosen, only)))
        return
    from therapick.output import render

    _print(render.hotlines(knowledge, chosen, ids=ids, country=only))


@app.command(help=t("Export the whole knowledge base as Markdown (or JSON or YAML)."))
def export(
    output: str | None = typer.Option(None, "--output", "-o", help=t("Write to this file instead of stdout.")),
    force: bool = typer.Option(False, "--force", "-f", help=t("Replace --output if it exists.")),
    fmt: str = typer.Option(
        "markdown", "--format", help=t("markdown, json or yaml (yaml and json load back with --kb).")
    ),
    as_json: bool = typer.Option(False, "--json", help=t("The same as --format json.")),
) -> None:
    from therapick.output import export as ex
    from therapick.output import files

    fmt = "json" if as_json else fmt
    fmt = files.check_format(fmt, ("markdown", "json", "yaml"))
    if output is not None:
        files.check_writable(output, force=force)
    text = ex.kb_text(_load(), fmt)
    if output is None:
        _write(text)
        return
    files.write_atomic(output, text, force=force)
    if output != "-":  # "-" is standard output: the text is the output, nothing to say
        _say(t("wrote {file}", file=path_words(output)))


@app.command(help=t("Write a short, commented starting file for a clinic's knowledge base, extending the bundled one."))
def init(
    path: str = typer.Argument("my-clinic.yaml", help=t("The file to write.")),
    force: bool = typer.Option(False, "--force", "-f", help=t("Replace the file if it exists.")),
) -> None:
    from therapick.kb import merge
    from therapick.output import files

    files.write_atomic(path, merge.starter(os.path.basename(path) if path != "-" else ""), force=force)
    if path != "-":
        _say(t("wrote {file}; check it with: therapick validate {file}", file=path_words(path)))


@app.command(help=t("Check a knowledge-base file and report every problem found (exit 1 if any)."))
def validate(
    path: str | None = typer.Argument(
        None, help=t("The file to check ('-' for stdin). Default: --kb, or the bundled one.")
    ),
    strict: bool = typer.Option(False, "--strict", help=t("Treat warnings (risky content) as problems.")),
    as_json: bool = typer.Option(False, "--json", help=t("Print the verdict and every problem as JSON.")),
) -> None:
    from therapick.kb import verdict

    report = verdict.validate(SETTINGS.kb if path is None else path, strict=strict)
    if as_json:
        from therapick.output import export

        _write(export.to_json(export.validate_dict(report)))
    else:
        _write(verdict.text(report))
    if not report.valid:
        raise typer.Exit(NOT_FOUND)


@app.command(
    "safety-plan",
    help=t(
        "Write a personal safety plan, step by step, in your own words. At the end you are asked "
        "whether to save it, and where (or give --save)."
    ),
)
def safety_plan(
    region: str | None = typer.Option(
        None,
        "--region",
        "-r",
        help=t("Your region, for the crisis lines in step 5."),
        autocompletion=_completer(Q.REGION),
    ),
    save: str | None = typer.Option(
        None, "--save", help=t("Save the plan as Markdown to this file (mode 0600; '-' prints it).")
    ),
    force: bool = typer.Option(False, "--force", "-f", help=t("Replace the --save file if it exists.")),
) -> None:
    from therapick.cli import safety_plan

    if save is not None:
        from therapick.output import files

        files.check_writable(save, force=force)
    if not _is_terminal():
        raise TherapickError(t("safety-plan asks its questions in a terminal; run it in one"))
    # The plan's step 5 holds the crisis lines: nothing that cannot be used takes them away. A knowledge
    # base, translation or language that fails is said first, and the plan goes on with the bundled one
    # (or in English); a region that cannot be used is asked instead. The exit status says so at the end.
    from therapick.advice import region as where
    from therapick.cli import failure

    knowledge, troubles, bundled = _load_or_floor(asking=True)
    instead = t("the plan goes on with the bundled steps and crisis lines") if bundled else ""
    troubles = [failure.Trouble(x.error, instead if x.stops else x.instead, x.stops) for x in troubles]
    environ: Any = os.environ
    unusable = where.resolve_or_unknown(knowledge, region, environ)[2]
    if unusable is not None:
        troubles.append(failure.Trouble(unusable, t("where you are is asked instead")))
        region, environ = None, where.without_region(environ)
    failure.tell([x._replace(stops=False) for x in troubles])  # said first: the plan goes on
    made = safety_plan.interview(knowledge, region, environ, plain=SETTINGS.plain)
    code = max((x.error.exit_code for x in troubles if x.stops), default=0)
    from therapick.output import export, files

    def write(path: str, replace: bool = False) -> None:
        files.write_atomic(path, export.plan_markdown(knowledge, made), force=replace, mode=0o600)

    if save is None:
        from therapick.cli import questionnaire, session

        save = session.offer_save(questionnaire.PLAN, write, SETTINGS.plain)
        if save is None:
            _say(t("your plan was not saved"))
            raise typer.Exit(code)
    else:
        write(save, force)
    if save != "-":  # "-": the plan is printed on standard output
        _say(t("saved your plan to {file} (only you can read it)", file=path_words(save)))
    raise typer.Exit(code)


def _complete_practices(incomplete: str) -> list[str]:
    from therapick.cli import completion

    return completion.practices(incomplete)


@app.command(
    help=t(
        "Short practices to try now (breathing, grounding, a thought record, ...), each with its source. "
        "Without NAME, lists them. What you write is kept only if you --save it."
    )
)
def practice(
    name: str | None = typer.Argument(
        None, help=t("The practice to run, e.g. breathing (see the list)."), autocompletion=_complete_practices
    ),
    region: str | None = typer.Option(
        None, "--region", "-r", help=t("Your region, for crisis lines."), autocompletion=_completer(Q.REGION)
    ),
    as_json: bool = typer.Option(False, "--json", help=t("Print the practices as JSON.")),
    save: str | None = typer.Option(None, "--save", help=t("Save what you write to this file (mode 0600).")),
    force: bool = typer.Option(False, "--force", "-f", help=t("Replace the --save file if it exists.")),
) -> None:
    from therapick.output import files

    if save is not None:
        files.check_writable(save, force=force)
    knowledge = _load()
    chosen = knowledge.practices
    if name is not None:
        found = next((p for p in knowledge.practices if p.id == name.strip().casefold()), None)
        if found is None:
            known = ", ".join(p.id for p in knowledge.practices)
            raise TherapickError(t("no practice '{name}'; the practices are: {known}", name=name[:60], known=known))
        chosen = [found]
    if as_json:
        from therapick.output import export

        _write(export.to_json(export.practices_dict(knowledge, chosen)))
        return
    from therapick.output import practices as screens

    if name is None:
        _print(screens.practice_list(knowledge))
        return
    if not _is_terminal():
        if save is not None:
            raise TherapickError(t("a practice asks its questions in a terminal; run it in one to --save"))
        _print(screens.practice_doc(knowledge, chosen[0]))
        return
    import datetime

    from therapick.cli import practice as runner

    p = chosen[0]
    entries = runner.run(knowledge, p, region, os.environ, SETTINGS.plain)
    if not any(words for _, words in entries):
        return
    date = datetime.date.today().isoformat()
    if save is None:
        save, force = runner.offer_save(p, date, SETTINGS.plain), False
    if save is not None:
        files.write_atomic(save, screens.record_markdown(knowledge, p, entries, date), force=force, mode=0o600)
        _say(t("saved what you wrote to {file} (only you can read it)", file=path_words(save)))


@app.command(
    help=t(
        "Answer a few questions and get ranked, explained suggestions.\n\n"
        "In a terminal, asks whatever the flags and --answers file did not answer. "
        "Without one, never prompts: 'who' and 'concerns' must be given."
    )
)
def ask(
    answers_file: str | None = typer.Option(
        None, "--answers", "-a", help=t("Read answers from a YAML or JSON file ('-' for stdin)."), show_default=False
    ),
    crisis: bool | None = typer.Option(
        None, "--crisis/--no-crisis", help=t("Whether someone is in immediate danger."), show_default=False
    ),
    who: str | None = typer.Option(None, "--who", help=t("Who the support is for."), autocompletion=_completer(Q.WHO)),
    concern: list[str] | None = typer.Option(
        None, "--concern", help=t("What is going on (repeatable)."), autocompletion=_completer(Q.CONCERNS)
    ),
    goal: list[str] | None = typer.Option(
        None, "--goal", help=t("A goal (repeatable)."), autocompletion=_completer(Q.GOALS)
    ),
    readiness: str | None = typer.Option(
        None, "--readiness", help=t("Readiness for change."), autocompletion=_completer(Q.READINESS)
    ),
    prefer: list[str] | None = typer.Option(
        None, "--prefer", help=t("A preferred way of working (repeatable)."), autocompletion=_completer(Q.PREFERENCES)
    ),
    group: list[str] | None = typer.Option(
        None,
        "--group",
        help=t("A group with lines of its own, e.g. veteran (repeatable)."),
        autocompletion=_completer(Q.GROUPS),
    ),
    region: str | None = typer.Option(
        None,
        "--region",
        help=t("Your region for lines and services (else THERAPICK_REGION, else the locale)."),
        autocompletion=_completer(Q.REGION),
    ),
    country: str | None = typer.Option(
        None,
        "--country",
        help=t("Your country, by name or two-letter code, when it is not a region (its emergency number)."),
    ),
    answer: list[str] | None = typer.Option(
        None,
        "--answer",
        help=t("Any question's answer as ID=VALUE (repeatable; e.g. concerns=trauma)."),
    ),
    phq9: str | None = typer.Option(
        None, "--phq9", help=t("PHQ-9 answers, 9 numbers 0-3 (e.g. 0,1,0,2,1,0,0,1,0); see 'therapick screen'.")
    ),
    gad7: str | None = typer.Option(None, "--gad7", help=t("GAD-7 answers, 7 numbers 0-3 (e.g. 0,1,0,2,1,0,0).")),
    describe: str | None = typer.Option(
        None,
        "--describe",
        metavar="TEXT",
        help=t(
            "What is going on, in your own words (English or Spanish); it suggests who and concerns "
            "when they are not given. The text is not kept."
        ),
    ),
    include_text: bool = typer.Option(
        False, "--include-text", help=t("Put the --describe text itself in the JSON and the saved report.")
    ),
    top: int = typer.Option(3, "--top", "-n", min=1, max=50, help=t("How many suggestions to show.")),
    as_json: bool = typer.Option(False, "--json", help=t("Print the results as JSON (never prompts).")),
    save: str | None = typer.Option(
        None,
        "--save",
        help=t("Also save a Markdown report to this file (mode 0600; '-' prints it instead of the results)."),
    ),
    force: bool = typer.Option(False, "--force", "-f", help=t("Replace the --save file if it exists.")),
) -> None:
    ask_command(
        answers_file=answers_file,
        flags={
            Q.CRISIS: crisis,
            Q.WHO: who,
            Q.CONCERNS: concern,
            Q.GOALS: goal,
            Q.READINESS: readiness,
            Q.PREFERENCES: prefer,
            Q.GROUPS: group,
            Q.REGION: region,
            Q.COUNTRY: country,
        },
        pairs=answer or [],
        top=top,
        as_json=as_json,
        save=save,
        force=force,
        screens={"phq9": phq9, "gad7": gad7},
        describe=describe,
        include_text=include_text,
    )


def ask_command(
    answers_file: str | None = None,
    flags: dict[str, Any] | None = None,
    pairs: list[str] | None = None,
    top: int = 3,
    as_json: bool = False,
    save: str | None = None,
    force: bool = False,
    screens: dict[str, str | None] | None = None,
    describe: str | None = None,
    include_text: bool = False,
) -> None:
    """Gather answers (file, flags, terminal), advise, render, and save if asked.

    With ``--crisis``, or in a terminal (the danger question), the crisis
    lines come first whatever cannot be used (``session.run_or_floor``).
    """
    from therapick.cli import session
    from therapick.output import files

    if save == "-" and as_json:
        raise TherapickError(
            t("--save - writes the report to standard output, which --json uses; give --save a file name")
        )
    flags = flags or {}
    interactive = _is_terminal() and not as_json
    given = {k: v for k, v in (screens or {}).items() if v is not None}
    request = session.Request(
        answers_file,
        flags,
        pairs or [],
        top,
        interactive,
        SETTINGS.plain,
        given,
        describe=describe,
        include_text=include_text,
    )
    if interactive and save is not None:
        # Before anything is asked, even the danger question: the person's own --save, refused in a
        # moment (not after the last question), with nothing to show first.
        files.check_writable(save, force=force)
    if interactive or flags.get(Q.CRISIS) is True:
        knowledge, troubles, bundled = _load_or_floor(asking=interactive)
        if save is not None and not interactive:
            try:
                files.check_writable(save, force=force)
            except TherapickError as e:
                from therapick.cli.failure import Trouble

                troubles.append(Trouble(e, t("only the crisis lines are shown")))
        got = session.run_or_floor(knowledge, troubles, request, os.environ, bundled)
        if isinstance(got, session.Floor):
            if got.help_now is None:  # the danger question was asked, and its lines shown on yes
                _exit_after_lines(list(got.troubles))
                return
            _show_floor(got.kb, got.help_now, as_json, list(got.troubles))
            return
        result = got
    else:  # no crisis lines to show: anything that cannot be used stops the run at once
        if SETTINGS.lang_problem is not None:
            raise SETTINGS.lang_problem
        if save is not None:
            files.check_writable(save, force=force)  # before asking anything
        knowledge = _load()
        result = session.run(knowledge, request, os.environ)
    if result is None:  # crisis lines shown; the person chose to stop there
        return
    if save == "-":  # the report is the output: Markdown on standard output, instead of the screen
        session.save_report(knowledge, result, save, force)
        return
    if as_json:
        from therapick.output import export

        _write(export.to_json(export.result_dict(knowledge, result)))
    else:
        from therapick.output import results

        _print(results.result(knowledge, result))
    from therapick.cli import failure

    failure.lines_shown()  # the results hold the crisis lines when the answers point to risk
    if save is None and interactive:
        from therapick.cli import questionnaire

        def write(path: str) -> None:
            # what the person wrote goes into the report only if they say so, now
            session.save_report(knowledge, session.offer_own_words(result, SETTINGS.plain), path, False)

        save = session.offer_save(questionnaire.REPORT, write, SETTINGS.plain)
    elif save is not None:
        session.save_report(knowledge, result, save, force)
    if save is not None:
        _say(t("saved the report to {file} (only you can read it)", file=path_words(save)))


@app.command(
    help=t(
        "Take a validated screen: phq9 (depression) or gad7 (anxiety). A screen, not a diagnosis: "
        "a score to discuss with a professional. Nothing is kept unless you --save it.\n\n"
        "In a terminal, asks the questions (a key 0-3 answers); without one, give --scores or --answers."
    )
)
def screen(
    name: str = typer.Argument(..., help=t("Which screen: phq9 or gad7.")),
    scores: str | None = typer.Option(
        None, "--scores", help=t("The answers as numbers 0-3, one per question, e.g. 0,1,0,2,1,0,0,1,0.")
    ),
    difficulty: str | None = typer.Option(
        None,
        "--difficulty",
        help=t("How difficult the problems have made things: not-at-all, somewhat, very or extremely."),
    ),
    answers_file: str | None = typer.Option(
        None,
        "--answers",
        "-a",
        help=t("Read the answers from a YAML or JSON file (phq9: [0, 1, ...]; '-' for stdin)."),
        show_default=False,
    ),
    region: str | None = typer.Option(
        None,
        "--region",
        "-r",
        help=t("Your region, for the crisis lines (else THERAPICK_REGION, else the locale)."),
        autocompletion=_completer(Q.REGION),
    ),
    as_json: bool = typer.Option(False, "--json", help=t("Print the scores as JSON (never prompts).")),
    save: str | None = typer.Option(None, "--save", help=t("Save the screen as Markdown to this file (mode 0600).")),
    force: bool = typer.Option(False, "--force", "-f", help=t("Replace the --save file if it exists.")),
) -> None:
    from therapick.cli import screening

    if save is not None:
        from therapick.output import files

        files.check_writable(save, force=force)  # before asking anything
    knowledge = _load()
    request = screening.Request(
        name, scores, difficulty, answers_file, region, _is_terminal() and not as_json, SETTINGS.plain
    )
    outcome = screening.run(knowledge, request, os.environ)
    if as_json:
        from therapick.output import export

        _write(export.to_json(export.screen_dict(knowledge, outcome)))
    else:
        from therapick.output import results

        _print(results.screen_result(knowledge, outcome))
    if save is not None:
        screening.save(knowledge, outcome, save, force)
        _say(t("saved the screen to {file} (only you can read it)", file=path_words(save)))


def _say(message: str) -> None:
    from therapick.cli import failure

    failure.say(message)


def run(argv: list[str] | None = None) -> int:
    """Run the command line and return the exit code; every failure becomes one line (after the
    crisis lines, for a command line that promises them: ``_floor_under``)."""
    from therapick.cli import failure

    SETTINGS.reset(list(sys.argv[1:] if argv is None else argv))
    return failure.guarded(app, argv, debug=lambda: SETTINGS.debug, floor=_floor_under)


def main() -> None:
    """Console-script entry point."""
    code = run()
    # The process ends now: spare the interpreter's last garbage collections over the tens of
    # thousands of objects that imports and the knowledge base made (about 10 ms, bench/startup.py).
    # Output is flushed and every file closed; memory goes back to the system as the process ends.
    import gc

    gc.freeze()
    sys.exit(code)
