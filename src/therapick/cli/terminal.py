"""The terminal's state: remembered before anything is asked, restored on any way out.

prompt_toolkit puts the terminal in raw mode and hides the cursor while a
question is on screen; a signal or a crash in the middle must not leave it
that way. ``remember`` is called once at start, ``restore`` by the failure
handler.
"""

from __future__ import annotations

import sys
from typing import Any

_saved: list[Any] | None = None


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
    try:
        import termios

        if _saved is not None and sys.stdin is not None:
            termios.tcsetattr(sys.stdin.fileno(), termios.TCSANOW, _saved)
        if sys.stdout is not None and sys.stdout.isatty():
            sys.stdout.write("\x1b[?25h")
            sys.stdout.flush()
    except (ImportError, OSError, ValueError, AttributeError):
        pass
