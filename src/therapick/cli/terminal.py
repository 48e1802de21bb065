"""The terminal's state: remembered before anything is asked, restored on any way out,
and kept across a stop (Ctrl-Z, SIGTSTP, SIGSTOP) while a question is on screen.

prompt_toolkit puts the terminal in raw mode and hides the cursor while a
question is on screen; a signal or a crash in the middle must not leave it
that way. ``remember`` is called once at start, ``restore`` by the failure
handler.

A stop in the middle of a question hands the terminal back to the shell in
the modes it had before the question (``remember``'s), and ``fg`` (SIGCONT)
puts the question's own modes back and redraws it: without that, the
terminal comes back cooked, and a typed "yes" would arrive as one read, like
a paste. ``hold`` says which modes the question on screen set, ``release``
that it is gone.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable
from typing import Any

_saved: list[Any] | None = None

_wanted: list[Any] | None = None  # the modes of the question on screen (None: none is)
_redraw: Callable[[], None] | None = None
_before: dict[int, Any] = {}  # the signal handlers in place before the first question


def remember() -> None:
    global _saved
    try:
        import termios

        if sys.stdin is not None and sys.stdin.isatty():
            _saved = termios.tcgetattr(sys.stdin.fileno())
    except (ImportError, OSError, ValueError, AttributeError):
        _saved = None


def restore() -> None:
    """Put back the terminal modes saved by ``remember``, and show the cursor."""
    release()
    try:
        import termios

        if _saved is not None and sys.stdin is not None:
            termios.tcsetattr(sys.stdin.fileno(), termios.TCSANOW, _saved)
        if sys.stdout is not None and sys.stdout.isatty():
            sys.stdout.write("\x1b[?25h")
            sys.stdout.flush()
    except (ImportError, OSError, ValueError, AttributeError):
        pass


def hold(redraw: Callable[[], None], leave: str = "") -> None:
    """The question on screen has set the terminal's modes: keep them across a stop.

    Called once the modes are set (prompt_toolkit's raw mode, or the plain
    prompt's own). On SIGTSTP the terminal gets back the modes from before
    the question (and ``leave`` is written: the codes that undo what the
    question turned on), the process stops, and on SIGCONT the question's
    modes are set again and ``redraw`` shows it again.
    """
    global _wanted, _redraw, _leave
    try:
        import termios

        _wanted = termios.tcgetattr(sys.stdin.fileno())
    except (ImportError, OSError, ValueError, AttributeError):
        _wanted = None
        return
    _redraw, _leave = redraw, leave
    for signum, handler in ((signal.SIGTSTP, _on_stop), (signal.SIGCONT, _on_continue)):
        try:
            previous = signal.signal(signum, handler)
        except (ValueError, OSError):  # not the main thread: leave the defaults
            continue
        _before.setdefault(signum, previous)


_leave = ""


def release() -> None:
    """The question is gone: stops and continues are the process's defaults again."""
    global _wanted, _redraw
    _wanted, _redraw = None, None
    for signum, previous in list(_before.items()):
        with contextlib.suppress(ValueError, OSError, TypeError):
            signal.signal(signum, previous)
        del _before[signum]


def _foreground(fd: int) -> bool:
    """Whether this process owns the terminal now (setting modes from the background would stop it)."""
    try:
        return os.tcgetpgrp(fd) == os.getpgrp()
    except OSError:
        return False


def _on_stop(signum: int, frame: Any) -> None:
    """Ctrl-Z or SIGTSTP at a question: hand the terminal back as it was, stop, and come back."""
    try:
        import termios

        fd = sys.stdin.fileno()
        if _saved is not None and _foreground(fd):
            termios.tcsetattr(fd, termios.TCSANOW, _saved)
        if sys.stdout is not None:
            sys.stdout.write(_leave + "\x1b[?25h" if sys.stdout.isatty() else "")
            sys.stdout.flush()
    except (ImportError, OSError, ValueError, AttributeError):
        pass
    signal.signal(signal.SIGTSTP, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGTSTP)  # stops here, until SIGCONT
    signal.signal(signal.SIGTSTP, _on_stop)
    _on_continue(signal.SIGCONT, frame)


def _on_continue(signum: int, frame: Any) -> None:
    """SIGCONT (``fg``): the question's modes again, whatever the shell left, and the question redrawn."""
    if _wanted is None:
        return
    try:
        import termios

        fd = sys.stdin.fileno()
        if not _foreground(fd):  # `bg`: the question waits; `fg` sends SIGCONT again
            return
        termios.tcsetattr(fd, termios.TCSANOW, _wanted)
    except (ImportError, OSError, ValueError, AttributeError):
        return
    if _redraw is not None:
        _redraw()
