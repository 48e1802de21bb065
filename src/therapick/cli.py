"""The command line. Each command parses its options, makes one call into the
core, and renders. Heavy modules (PyYAML, msgspec, Rich, questionary) are
imported inside the commands that need them, so `--help` and completion
stay fast (see bench/startup.py).
"""

import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from typer._click import exceptions as click_exceptions
from typer.core import TyperGroup

from therapick import __version__
from therapick.errors import (
    BROKEN_PIPE,
    INTERRUPTED,
    NOT_FOUND,
    OUTPUT_ERROR,
    USAGE,
    TherapickError,
    clean,
)

if TYPE_CHECKING:
    from therapick.answers import Answers
    from therapick.kb import KnowledgeBase

INTERNAL_ERROR = 70


def _say(message: str) -> None:
    """One line on stderr, safe against control characters in ``message``."""
    try:
        sys.stderr.write(f"therapick: {clean(message, 400)}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _failure_code(e: BaseException) -> int | None:
    """Report a failure as one line on stderr and return its exit code, or None
    for the exceptions click itself must handle (usage errors, Exit, Abort)."""
    if isinstance(e, (typer.Exit, click_exceptions.ClickException, typer.Abort)):
        return None
    if isinstance(e, (KeyboardInterrupt, EOFError)):
        _say("cancelled; nothing was saved.")
        return INTERRUPTED
    if isinstance(e, BrokenPipeError):
        _silence_stdout()
        return BROKEN_PIPE
    if _Group.debug:
        traceback.print_exception(e)
    if isinstance(e, TherapickError):
        _say(f"error: {e.message}")
        return e.exit_code
    if isinstance(e, OSError):
        _say(f"error: cannot write output: {e.strerror or e}")
        return OUTPUT_ERROR
    _say(f"internal error: {type(e).__name__}: {e} (run with --debug for details)")
    return INTERNAL_ERROR


class _Group(TyperGroup):
    """Turns every failure into one line on stderr and a documented exit code."""

    debug = False

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BaseException as e:
            code = _failure_code(e) if isinstance(e, Exception | KeyboardInterrupt) else None
            if code is None:
                raise
            raise typer.Exit(code) from None

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            code = rv if isinstance(rv, int) else 0
        except click_exceptions.UsageError as e:
            hint = f" (see '{e.ctx.command_path} --help')" if e.ctx else ""
            _say(f"error: {e.format_message()}{hint}")
            code = USAGE
        except click_exceptions.ClickException as e:
            _say(f"error: {e.format_message()}")
            code = e.exit_code
        except typer.Abort:
            _say("cancelled; nothing was saved.")
            code = INTERRUPTED
        except (Exception, KeyboardInterrupt) as e:
            # What fails outside a command, such as --version while options are parsed.
            code = _failure_code(e) or INTERNAL_ERROR
        try:
            if sys.stdout is not None:
                sys.stdout.flush()
        except BrokenPipeError:
            _silence_stdout()
            code = code or BROKEN_PIPE
        except OSError as e:
            if not code:
                _say(f"error: cannot write output: {e.strerror or e}")
                code = OUTPUT_ERROR
        except ValueError:
            pass  # stdout was closed under us: nothing to flush
        if standalone_mode:
            sys.exit(code)
        return code


app = typer.Typer(
    cls=_Group,
    name="therapick",
    help="Find kinds of therapeutic help to talk over with a professional. Not medical advice: "
    "therapick suggests, it never diagnoses. In danger now? Call your local emergency number.",
    rich_markup_mode=None,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


# --------------------------------------------------------------------------
# Shared helpers


def _kb_path(ctx: typer.Context) -> Path | None:
    obj = ctx.find_root().obj or {}
    path = obj.get("kb")
    return Path(path) if path else None


def _load(ctx: typer.Context) -> "KnowledgeBase":
    from therapick import kb

    return kb.load(_kb_path(ctx))


def _write(text: str) -> None:
    if sys.stdout is None:
        raise TherapickError("cannot write output: standard output is closed", OUTPUT_ERROR)
    sys.stdout.write(text)
    sys.stdout.flush()


def _is_terminal() -> bool:
    try:
        return bool(sys.stdin and sys.stdin.isatty() and sys.stdout and sys.stdout.isatty())
    except (ValueError, OSError):
        return False


def _completion_kb() -> "KnowledgeBase | None":
    """The knowledge base for shell completion (THERAPICK_KB or the bundled one), or None."""
    try:
        from therapick import kb

        return kb.load(Path(os.environ["THERAPICK_KB"]) if os.environ.get("THERAPICK_KB") else None)
    except Exception:
        return None


def _complete_names(incomplete: str) -> list[str]:
    knowledge = _completion_kb()
    ids = [i.id for i in knowledge.interventions] if knowledge else []
    return [i for i in ids if i.startswith(incomplete.lower())]


def _completer(question_id: str) -> Any:
    def complete(incomplete: str) -> list[str]:
        knowledge = _completion_kb()
        ids = knowledge.questionnaire.question(question_id).option_ids if knowledge else []
        return [i for i in ids if i.lower().startswith(incomplete.lower())]

    return complete


def _version(value: bool) -> None:
    if value:
        _write(f"therapick {__version__}\n")
        raise typer.Exit(0)


# --------------------------------------------------------------------------
# Commands


@app.callback()
def root(
    ctx: typer.Context,
    kb: Path | None = typer.Option(
        None,
        "--kb",
        envvar="THERAPICK_KB",
        help="Use this knowledge-base YAML file instead of the bundled one (also THERAPICK_KB).",
        dir_okay=True,
        show_default=False,
    ),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback when something fails."),
    version: bool = typer.Option(
        False, "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """With no command: start the questionnaire in a terminal, else show this help."""
    ctx.obj = {"kb": str(kb) if kb else None}
    _Group.debug = debug
    if ctx.invoked_subcommand is None:
        if _is_terminal():
            # Called directly: ctx.invoke() on a command would start a nested
            # main() that swallows Ctrl-C before our handler sees it.
            ask(
                ctx,
                answers_file=None,
                crisis=None,
                who=None,
                concern=None,
                goal=None,
                readiness=None,
                prefer=None,
                region=None,
                top=3,
                as_json=False,
                save=None,
                force=False,
            )
        else:
            _write(ctx.get_help() + "\n")


@app.command()
def show(
    ctx: typer.Context,
    name: str = typer.Argument(
        ..., help="Id, name, abbreviation or other name (e.g. cbt, 'art therapy').", autocompletion=_complete_names
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the entry as JSON."),
) -> None:
    """Show one intervention, found by id, name, abbreviation or alias."""
    knowledge = _load(ctx)
    found = knowledge.find(name)
    if found is None:
        close = knowledge.closest(name)
        hint = (
            "did you mean " + " or ".join(f"{i.label} ('{i.id}')" for i in close) + "?"
            if close
            else ("run 'therapick list' to see them all.")
        )
        raise TherapickError(f"no intervention called '{clean(name, 80)}'; {hint}", NOT_FOUND)
    if as_json:
        from therapick import export

        _write(export.to_json(dict(export.intervention_dict(knowledge, found), disclaimer=knowledge.disclaimer.short)))
        return
    from therapick import render

    render.console().print(render.intervention(knowledge, found))


@app.command("list")
def list_(
    ctx: typer.Context,
    category: str | None = typer.Option(None, "--category", "-c", help="Only this category (an id)."),
    concern: str | None = typer.Option(
        None,
        "--concern",
        help="Only interventions that fit this concern (an id).",
        autocompletion=_completer("concerns"),
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List all interventions, grouped by category."""
    knowledge = _load(ctx)
    items = list(knowledge.interventions)
    if category is not None:
        if category not in knowledge.categories_by_id:
            raise TherapickError(
                f"no category '{clean(category, 60)}'; the categories are: " + ", ".join(knowledge.categories_by_id)
            )
        items = [i for i in items if i.category == category]
    if concern is not None:
        ids = knowledge.questionnaire.question("concerns").option_ids
        if concern not in ids:
            raise TherapickError(f"no concern '{clean(concern, 60)}'; the concerns are: " + ", ".join(ids))
        items = [i for i in items if concern in i.fits("concerns")]
    if as_json:
        from therapick import export

        _write(export.to_json(export.list_dict(knowledge, items)))
        return
    from therapick import render

    render.console().print(render.intervention_list(knowledge, items))


@app.command()
def hotlines(
    ctx: typer.Context,
    region: str | None = typer.Option(
        None,
        "--region",
        "-r",
        help="A region id: US, CA, GB, IE, AU or other. Default: all.",
        autocompletion=_completer("region"),
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Show crisis and support lines, with the emergency number of each region."""
    knowledge = _load(ctx)
    regions = list(knowledge.regions)
    if region is not None:
        wanted = [r for r in regions if r.id.casefold() == region.strip().casefold()]
        if not wanted:
            raise TherapickError(
                f"no region '{clean(region, 40)}'; the regions are: " + ", ".join(r.id for r in regions)
            )
        regions = wanted
    if as_json:
        from therapick import export

        _write(
            export.to_json(
                {"disclaimer": knowledge.disclaimer.short, "regions": [export.region_dict(r) for r in regions]}
            )
        )
        return
    from therapick import render

    render.console().print(render.hotlines(knowledge, regions))


@app.command()
def export(
    ctx: typer.Context,
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    force: bool = typer.Option(False, "--force", "-f", help="Replace --output if it exists."),
    fmt: str = typer.Option("markdown", "--format", help="markdown or json."),
) -> None:
    """Export the whole knowledge base as Markdown (or JSON)."""
    if fmt not in ("markdown", "json"):
        raise TherapickError(f"--format must be markdown or json, not '{clean(fmt, 40)}'")
    knowledge = _load(ctx)
    from therapick import export as ex

    text = ex.kb_markdown(knowledge) if fmt == "markdown" else ex.to_json(ex.kb_dict(knowledge))
    if output is None:
        _write(text)
        return
    from therapick.files import write_atomic

    write_atomic(output, text, force=force)
    _say(f"wrote {output}")


@app.command()
def validate(
    ctx: typer.Context,
    path: Path | None = typer.Argument(None, help="The file to check. Default: --kb, or the bundled one."),
    as_json: bool = typer.Option(False, "--json", help="Print the verdict and every problem as JSON."),
) -> None:
    """Check a knowledge-base file and report every problem found (exit 1 if any)."""
    from therapick import kb

    target = path or _kb_path(ctx) or kb.default_path()
    try:
        knowledge = kb.load(target)
    except TherapickError as e:
        problems = e.problems if isinstance(e, kb.KBInvalid) else [kb.Problem(e.message)]
        if as_json:
            from therapick import export

            found = [{"message": p.message, "path": p.path or None, "line": p.line} for p in problems]
            _write(export.to_json({"path": str(target), "valid": False, "problems": found}))
        else:
            for line in e.details or [e.message]:
                sys.stderr.write(f"{clean(line, 400)}\n")
        n = len(problems)
        _say(f"{target}: not valid ({n} problem{'s' if n != 1 else ''})")
        raise typer.Exit(NOT_FOUND) from None
    counts = {
        "interventions": len(knowledge.interventions),
        "categories": len(knowledge.categories),
        "support_lines": sum(len(r.lines) for r in knowledge.regions),
        "regions": len(knowledge.regions),
    }
    if as_json:
        from therapick import export

        _write(export.to_json({"path": str(target), "valid": True, "problems": [], "counts": counts}))
        return
    _write(
        f"{target}: valid ({counts['interventions']} interventions, {counts['categories']} categories, "
        f"{counts['support_lines']} support lines in {counts['regions']} regions)\n"
    )


@app.command()
def ask(
    ctx: typer.Context,
    answers_file: str | None = typer.Option(
        None, "--answers", "-a", help="Read answers from a YAML or JSON file ('-' for stdin).", show_default=False
    ),
    crisis: bool | None = typer.Option(
        None, "--crisis/--no-crisis", help="Whether someone is in immediate danger.", show_default=False
    ),
    who: str | None = typer.Option(None, "--who", help="Who the support is for.", autocompletion=_completer("who")),
    concern: list[str] | None = typer.Option(
        None, "--concern", help="What is going on (repeatable).", autocompletion=_completer("concerns")
    ),
    goal: list[str] | None = typer.Option(
        None, "--goal", help="A goal (repeatable).", autocompletion=_completer("goals")
    ),
    readiness: str | None = typer.Option(
        None, "--readiness", help="Readiness for change.", autocompletion=_completer("readiness")
    ),
    prefer: list[str] | None = typer.Option(
        None, "--prefer", help="A preferred way of working (repeatable).", autocompletion=_completer("preferences")
    ),
    region: str | None = typer.Option(
        None, "--region", help="Region for support lines (default US).", autocompletion=_completer("region")
    ),
    top: int = typer.Option(3, "--top", "-n", min=1, max=50, help="How many suggestions to show."),
    as_json: bool = typer.Option(False, "--json", help="Print the results as JSON (never prompts)."),
    save: Path | None = typer.Option(None, "--save", help="Also save a Markdown report to this file (mode 0600)."),
    force: bool = typer.Option(False, "--force", "-f", help="Replace the --save file if it exists."),
) -> None:
    """Answer a few questions and get ranked, explained suggestions.

    In a terminal, asks whatever the flags and --answers file did not answer.
    Without one, never prompts: 'who' and 'concerns' must be given.
    """
    from therapick import answers as A
    from therapick.advice import advise

    knowledge = _load(ctx)
    given = _answers_from_file(knowledge, answers_file) if answers_file else A.Answers()
    flags: dict[str, Any] = {}
    for qid, value in (
        ("crisis", crisis),
        ("who", who),
        ("concerns", concern),
        ("goals", goal),
        ("readiness", readiness),
        ("preferences", prefer),
        ("region", region),
    ):
        if value is not None and value != []:
            flags[qid] = A.normalise_value(knowledge.questionnaire.question(qid), value, f"--{_flag(qid)}")
    answers = given.merged(A.build(flags))

    interactive = _is_terminal() and not as_json
    if interactive:
        answers_or_none = _interview(knowledge, answers)
        if answers_or_none is None:
            return
        answers = answers_or_none
    missing = answers.missing(knowledge)
    if missing:
        how = ", ".join(f"--{_flag(m)}" for m in missing)
        raise TherapickError(
            f"missing answer{'s' if len(missing) > 1 else ''}: {', '.join(missing)}; "
            f"give {how} or --answers FILE (run in a terminal to be asked)"
        )
    result = advise(knowledge, answers, top)
    from therapick import export as ex

    if save is not None:
        import datetime

        from therapick.files import write_atomic

        report = ex.report_markdown(knowledge, result, datetime.date.today().isoformat())
        write_atomic(save, report, force=force, mode=0o600)
    if as_json:
        _write(ex.to_json(ex.result_dict(knowledge, result)))
    else:
        from therapick import render

        out = render.console()
        out.print(render.result(knowledge, result))
    if save is not None:
        _say(f"saved the report to {save}")


def _flag(question_id: str) -> str:
    return {"concerns": "concern", "goals": "goal", "preferences": "prefer"}.get(question_id, question_id)


def _answers_from_file(knowledge: "KnowledgeBase", name: str) -> "Answers":
    from therapick import answers as A
    from therapick import kb

    source = "stdin" if name == "-" else name
    try:
        if name == "-":
            stream = sys.stdin.buffer if sys.stdin else None
            if stream is None:
                raise TherapickError("--answers -: stdin is closed")
            text = kb.decode(stream.read(kb.MAX_BYTES + 1), source)
        else:
            text = kb.read_text(Path(name), what="answers")
        data = kb.parse_yaml(text, source)
    except TherapickError as e:
        raise TherapickError(
            e.message.replace("knowledge base is not valid", "answers file is not valid"), USAGE
        ) from None
    return A.from_mapping(knowledge, data, source)


def _interview(knowledge: "KnowledgeBase", answers: "Answers") -> "Answers | None":
    from therapick import questionnaire, render
    from therapick.safety import crisis_lines, region_of

    out = render.console()
    out.print(render.welcome(knowledge))
    out.print()

    def on_crisis(a: "Answers") -> bool:
        # The region is asked last; until then, use --region or a guess from
        # the locale, and show every region's emergency number too.
        known = a.region is not None
        region = region_of(knowledge, a.region or _locale_region(knowledge))
        out.print(render.crisis_panel(knowledge, region, crisis_lines(knowledge, region.id), all_regions=not known))
        if questionnaire.confirm_continue():
            return True
        out.print(render.disclaimer_line(knowledge))
        return False

    return questionnaire.run(knowledge, answers, questionnaire.terminal_ask, on_crisis)


def _locale_region(knowledge: "KnowledgeBase") -> str:
    """A region id guessed from LC_ALL / LC_MESSAGES / LANG (en_GB.UTF-8 -> GB), else the default."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if "_" in value:
            country = value.split("_", 1)[1][:2].upper()
            if country in knowledge.regions_by_id:
                return country
    return str(knowledge.questionnaire.question("region").default or "US")


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        _say("cancelled; nothing was saved.")
        raise SystemExit(INTERRUPTED) from None
