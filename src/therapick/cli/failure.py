"""Failure handling, in one place: every failure becomes one line on stderr and a documented exit code.

``guarded`` makes the Typer command's context and invokes it itself (the
public ``make_context`` and ``invoke``), not through ``main``: ``main``
turns Ctrl-C into a silent exit 130 and a closed pipe into a silent exit 1.
So every exception reaches here: the project's own ``TherapickError`` (its
message and code), Typer's usage errors (public ``typer.TyperException``),
Ctrl-C and Ctrl-D (130, terminal restored), a closed pipe (141), a signal
(128 + its number, terminal restored), and anything else as an internal
error (70). With ``--json`` on the command line, the error is also printed
on stdout as a JSON object with the same exit code.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import sys
import traceback
from collections.abc import Callable
from itertools import pairwise
from typing import Any, NamedTuple

from therapick.base.errors import BROKEN_PIPE, INTERRUPTED, OUTPUT_ERROR, USAGE, TherapickError, clean
from therapick.base.i18n import t

INTERNAL_ERROR = 70
PROG = "therapick"
COMPLETE_VAR = "_THERAPICK_COMPLETE"  # Click's name for the shell-completion variable of PROG
SIGNALS = ("SIGTERM", "SIGHUP", "SIGQUIT")  # exit 128 + the signal's number


class Signalled(BaseException):
    """A catchable signal arrived; unwinding restores the terminal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def say(message: str) -> None:
    """One line on stderr, safe against control characters in ``message``."""
    try:
        sys.stderr.write(f"therapick: {clean(message, 400)}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError, UnicodeError):
        pass


class Trouble(NamedTuple):
    """Something the crisis lines did not wait for: what could not be used, and what was shown instead.

    ``stops``: the run ends after the lines with ``error``'s exit code; otherwise a warning, and the
    questionnaire goes on.
    """

    error: TherapickError
    instead: str = ""  # in words: "the bundled crisis lines are shown instead"; "" says nothing more
    stops: bool = True

    def line(self) -> str:
        return f"{self.error.message}; {self.instead}" if self.instead else self.error.message


def tell(troubles: list[Trouble]) -> int:
    """One line on stderr for each trouble; the exit code they give (the highest of those that stop; 0 if none)."""
    for trouble in troubles:
        say(
            t("error: {detail}", detail=trouble.line())
            if trouble.stops
            else t("warning: {detail}", detail=trouble.line())
        )
    return max((trouble.error.exit_code for trouble in troubles if trouble.stops), default=0)


def internal(e: BaseException, debug: bool) -> TherapickError:
    """A bug, as the one line ``report`` gives it (exit 70), for a path that must go on past it."""
    if debug:
        traceback.print_exception(e)
    detail = t("{kind}: {error} (run with --debug for details)", kind=type(e).__name__, error=e)
    return TherapickError(t("internal error: {detail}", detail=detail), INTERNAL_ERROR)


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the final flush is quiet."""
    _silence(sys.stdout)


def _silence(stream: Any) -> None:
    """Point ``stream``'s descriptor at /dev/null: what is still buffered goes nowhere, quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _settle(stream: Any) -> BaseException | None:
    """Flush ``stream``; if it cannot be written any more (a closed pipe, a terminal that hung up),
    silence it, so that the interpreter's own last flush cannot fail and turn the exit code into
    120. The error, if any, is returned."""
    try:
        if stream is not None:
            stream.flush()
        return None
    except (OSError, ValueError) as e:
        _silence(stream)
        return e


def _on_signal(signum: int, frame: Any) -> None:
    raise Signalled(signum)


def install_signal_handlers() -> None:
    for name in SIGNALS:
        sig = getattr(signal, name, None)
        if sig is not None:
            with contextlib.suppress(ValueError, OSError):  # not the main thread
                signal.signal(sig, _on_signal)


def _wants_json(argv: list[str]) -> bool:
    args = argv[: argv.index("--")] if "--" in argv else argv
    asked = any(a == "--format" and b == "json" for a, b in pairwise(args))  # --format json, two words
    return asked or "--json" in args or "--format=json" in args


# The crisis floor under a failure (see ``floor_first``): set by the command line for each run.
# ``hook(args, as_json, error)`` shows the crisis lines when the command line promised them
# (help-now, ask --crisis) or ``error.crisis`` asks for them, and returns what it showed.
class _Floor:
    hook: FloorHook | None = None
    shown = False  # the crisis lines are on stdout already: a failure after them does not repeat them


class Shown(NamedTuple):
    """What a floor hook showed: the crisis lines' JSON document (with --json; printed otherwise: None),
    and what else could not be used in showing them (the knowledge base, the language, the region)."""

    crisis: Any
    troubles: list[Trouble]


FloorHook = Callable[[list[str], bool, BaseException], "Shown | None"]
_FLOOR = _Floor()


def lines_shown() -> None:
    """The crisis lines have been shown in this run: a failure after this does not show them again."""
    _FLOOR.shown = True


def floor_first(e: BaseException, args: list[str] | None, wants_json: bool) -> Shown | None:
    """The crisis lines, before the line that says what failed, when ``help-now`` or ``ask --crisis``
    (or an error that points to risk) failed before showing them: a usage error, Ctrl-C while a
    knowledge base was read, a bug. None when they are not due, or were shown already."""
    hook = _FLOOR.hook
    if hook is None or _FLOOR.shown or args is None:
        return None
    try:
        shown = hook(args, wants_json, e)
    except (Exception, KeyboardInterrupt):  # the floor failing (or a second Ctrl-C) must not hide the line
        return None
    if shown is not None:
        _FLOOR.shown = True
    return shown


def report(e: BaseException, wants_json: bool, debug: bool, args: list[str] | None = None) -> int:
    """Say what went wrong in one line (and as JSON if asked); return the exit code.

    With ``args`` (the command line), the crisis lines come first when it promised them and they
    were not shown yet (``floor_first``); the line then says so."""
    from therapick.cli import terminal

    if not isinstance(e, (Signalled, TherapickError)) and _hung_up(e):
        # The terminal was closed: reading it gave end of input, or writing to it an I/O error,
        # before the kernel's SIGHUP arrived. It is the same event, and the same exit.
        e = Signalled(signal.SIGHUP)
    if isinstance(e, Signalled):
        _restore(terminal)
        name = signal.Signals(e.signum).name
        say(t("stopped by {name}; nothing was saved.", name=name))
        return 128 + e.signum
    if isinstance(e, BrokenPipeError):
        _silence_stdout()
        return BROKEN_PIPE
    cancelled = isinstance(e, (KeyboardInterrupt, EOFError)) or type(e).__name__ == "Abort"
    if cancelled:
        _restore(terminal)
    elif debug:
        traceback.print_exception(e)
    detail, code, kind = _what_failed(e)
    shown = floor_first(e, args, wants_json)
    if shown is not None:
        code = max(code, tell(shown.troubles))
        if not cancelled:
            detail = f"{detail.rstrip('.')}; {t('the crisis lines are shown all the same')}"
    if cancelled:
        say(t("cancelled; nothing was saved."))
    else:
        say(t("internal error: {detail}", detail=detail) if kind == "internal" else t("error: {detail}", detail=detail))
    if wants_json and (not cancelled or shown is not None):
        _json_error(t("cancelled; nothing was saved.") if cancelled else detail, code, shown.crisis if shown else None)
    return code


def _what_failed(e: BaseException) -> tuple[str, int, str]:
    """What went wrong in words, its exit code, and its kind ("internal" for a bug, else "")."""
    import typer

    if isinstance(e, (KeyboardInterrupt, EOFError)) or type(e).__name__ == "Abort":
        return t("cancelled; nothing was saved."), INTERRUPTED, ""
    if isinstance(e, TherapickError):
        return e.message, e.exit_code, ""
    if isinstance(e, typer.TyperException):
        ctx = getattr(e, "ctx", None)
        hint = " " + t("(see '{command} --help')", command=ctx.command_path) if ctx is not None else ""
        from therapick.cli.click_words import usage_error_words

        return f"{usage_error_words(e.format_message())}{hint}", int(getattr(e, "exit_code", USAGE) or USAGE), ""
    if isinstance(e, UnicodeError):
        return clean(str(e), 200), USAGE, ""
    if isinstance(e, OSError):
        return t("cannot write output: {why}", why=e.strerror or e), OUTPUT_ERROR, ""
    if isinstance(e, MemoryError):
        return t("out of memory"), INTERNAL_ERROR, ""
    detail = t("{kind}: {error} (run with --debug for details)", kind=type(e).__name__, error=e)
    return detail, INTERNAL_ERROR, "internal"


def _hung_up(e: BaseException) -> bool:
    """Whether the terminal this run talks to has hung up (closed), which ``e`` may only reflect."""
    if isinstance(e, OSError) and e.errno == errno.EIO:
        return True
    try:
        import termios
    except ImportError:
        return False
    for stream in (sys.stdin, sys.stdout):
        try:
            termios.tcgetattr(stream.fileno())
        except termios.error as err:  # EIO: a terminal, gone; ENOTTY: never a terminal
            if err.args and err.args[0] == errno.EIO:
                return True
        except (OSError, ValueError, AttributeError):
            continue
    return False


def _restore(terminal: Any) -> None:
    """Put the terminal back, if there still is one: after a hangup it is gone, and
    ``termios.error`` (not an OSError) must not turn exit 129 into a crash."""
    with contextlib.suppress(Exception):
        terminal.restore()


def _json_error(message: str, code: int, crisis: Any = None) -> None:
    import json

    from therapick.output.contract import SCHEMA_VERSION

    # stdout may be what failed (closed, full, gone): the line on stderr has said it already.
    with contextlib.suppress(Exception):
        if crisis is not None:  # the crisis lines shown despite the error, as help-now --json gives them
            from therapick.output import export

            sys.stdout.write(export.to_json(export.error_dict(message, code, crisis)))
        else:
            doc = {"schema_version": SCHEMA_VERSION, "error": {"message": message, "exit_code": code}}
            sys.stdout.write(json.dumps(doc) + "\n")
        sys.stdout.flush()


_COMMANDS: dict[int, Any] = {}


def guarded(app: Any, argv: list[str] | None, debug: Callable[[], bool], floor: FloorHook | None = None) -> int:
    """Run ``app`` with ``argv`` (default: the process's); every failure becomes an exit code.

    ``floor`` shows the crisis lines under a failure that came before them (``floor_first``)."""
    import typer

    from therapick.output import stream

    args = list(sys.argv[1:] if argv is None else argv)
    _FLOOR.hook, _FLOOR.shown = floor, False
    stream.setup_streams()
    install_signal_handlers()
    try:
        command = _COMMANDS.get(id(app))
        if command is None:  # Typer builds Click's command from the functions' signatures: once a process
            command = _COMMANDS[id(app)] = typer.main.get_command(app)
        from therapick.cli import once

        once.refuse_repeats(command)  # --region GB --region US: refused, not the last kept silently
        from therapick.cli import click_words

        click_words.speak(command)  # Click's words and every --help in the language of this run
        if os.environ.get(COMPLETE_VAR):  # shell completion: `main` answers it and exits
            _check_completion(os.environ)
            from typer.completion import get_completion_inspect_parameters

            # Registers Typer's shells, as its own --install-completion would (this app has none).
            get_completion_inspect_parameters()
            rv = command.main(args=args, prog_name=PROG, standalone_mode=False)
        else:
            with command.make_context(PROG, args) as ctx:
                rv = command.invoke(ctx)
        code = rv if isinstance(rv, int) else 0
    except typer.Exit as e:  # --help, --version, a command's chosen exit code
        code = e.exit_code
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 0
    except BaseException as e:
        code = report(e, _wants_json(args), debug(), args)
    failed = _settle(sys.stdout)
    if isinstance(failed, BrokenPipeError):
        code = code or BROKEN_PIPE
    elif isinstance(failed, OSError) and not code:
        say(t("error: {detail}", detail=t("cannot write output: {why}", why=failed.strerror or failed)))
        code = OUTPUT_ERROR
    _settle(sys.stderr)
    return code


_SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _check_completion(environ: Any) -> None:
    """Refuse a completion request that the shell's script would never make, in one line.

    The shell's completion script (``--show-completion``) sets these; anything else is a
    person's mistake, not a bug (Click would print a line of its own, or fail on a number).
    """
    instruction = environ.get(COMPLETE_VAR, "")
    action, _, shell = instruction.partition("_")
    if action not in ("source", "complete") or shell not in _SHELLS:
        raise TherapickError(
            t(
                "{var}={value} is not a completion request (the shell's completion script sets it, as "
                "complete_bash or source_zsh; see therapick --show-completion)",
                var=COMPLETE_VAR,
                value=clean(instruction, 40),
            )
        )
    if action == "complete" and shell == "bash":
        cword = environ.get("COMP_CWORD", "")
        if "COMP_WORDS" not in environ:
            raise TherapickError(t("bash completion needs COMP_WORDS, the words typed (the shell sets it)"))
        if not cword.isascii() or not cword.isdigit():
            raise TherapickError(
                t("bash completion needs COMP_CWORD to be a word number, not '{value}'", value=clean(cword, 40))
            )
