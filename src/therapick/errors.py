"""The one error type therapick raises on purpose, and its exit codes.

Every failure a person can cause (a broken knowledge base, an unknown name,
a missing answer, a file that cannot be written) is a ``TherapickError``.
The command line turns it into one line on stderr and ``exit_code``.
"""

from __future__ import annotations

import re

# Exit codes, documented in the README ("Exit codes").
OK = 0
NOT_FOUND = 1  # `show` found no such intervention; `validate` found problems
USAGE = 2  # a bad option, answer or answers file; answers missing without a terminal
KB_ERROR = 3  # the knowledge base could not be loaded or is not valid
OUTPUT_ERROR = 4  # a file could not be written (exists, no folder, no space, ...)
INTERRUPTED = 130  # Ctrl-C or Ctrl-D at a prompt
BROKEN_PIPE = 141  # the reader of stdout went away (`therapick export | head -1`)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str, limit: int = 200) -> str:
    """Make user-supplied text safe to print: no control characters, bounded.

    Escape sequences are shown as ``\\x1b`` rather than reaching the terminal.
    """
    out = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text.replace("\n", " "))
    if len(out) > limit:
        out = out[: limit - 1] + "…"
    return out


class TherapickError(Exception):
    """A failure to report as one line on stderr with a documented exit code."""

    def __init__(self, message: str, exit_code: int = USAGE, details: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.details = details or []
