"""Writing to stdout: safe under any encoding, width and stream.

Under a Latin-1 or ASCII locale, characters the stream cannot encode
degrade to their plain ASCII form (é -> e, • -> -, ' -> '), never to an
error; under any locale, a file-name byte that is not UTF-8 (which Python
hands over as a lone surrogate) shows as ``\\xff``. The width is the terminal's (``COLUMNS`` when set), kept between
``MIN_WIDTH`` and ``MAX_WIDTH`` so a width of 0 still shows everything and a
width of 100,000,000 costs no memory.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import os
import sys
import unicodedata
from typing import Any

from therapick.base.errors import OUTPUT_ERROR, TherapickError
from therapick.base.i18n import t

MIN_WIDTH = 20
MAX_WIDTH = 400
HANDLER = "therapick-ascii"

_ASCII = {
    "•": "-",
    "·": "-",
    "–": "-",
    "—": "-",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "…": "...",
    "»": ">",
    "○": "o",
    "→": "->",
    "\u00a0": " ",
}


def _to_ascii(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for ch in error.object[error.start : error.end]:
        if "\udc80" <= ch <= "\udcff":  # an undecodable file-name byte (os.fsdecode)
            out.append(f"\\x{ord(ch) - 0xDC00:02x}")
            continue
        if ch in _ASCII:
            out.append(_ASCII[ch])
            continue
        plain = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        out.append(plain if plain.isascii() and plain else "?")
    return "".join(out), error.end


class ClosedStdout(io.TextIOBase):
    """Standard output when the process was started with it closed (``>&-``).

    Writing to it is the one failure every command and option shares: ``--help``,
    ``--version``, a command's output and completion all end with exit 4 and
    the same line; a run that writes nothing to stdout (``export --output``)
    is unaffected.
    """

    encoding = "utf-8"
    errors = "strict"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        if not text:
            return 0
        raise TherapickError(t("cannot write output: standard output is closed"), OUTPUT_ERROR)

    def flush(self) -> None:
        pass


def setup_streams() -> None:
    """Make stdout and stderr degrade to ASCII instead of failing on an encoding.

    Every stream gets the handler, UTF-8 ones too: their one failure is a
    lone surrogate (an undecodable file name), and Python's own choice for
    some locales, ``surrogateescape``, would write bytes that are not UTF-8.
    A closed stdout becomes ``ClosedStdout``, so that writing to it fails the
    same way whoever writes.
    """
    try:
        codecs.lookup_error(HANDLER)
    except LookupError:
        codecs.register_error(HANDLER, _to_ascii)
    if sys.stdout is None:
        sys.stdout = ClosedStdout()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            with contextlib.suppress(ValueError, OSError, AttributeError, LookupError):
                stream.reconfigure(errors=HANDLER)


def unicode_ok() -> bool:
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    return encoding.startswith("utf")


def width() -> int:
    """The width to lay out for: COLUMNS, else the terminal, kept within bounds."""
    value = os.environ.get("COLUMNS", "")
    try:
        cols = int(value) if value.strip() else 0
    except ValueError:
        cols = 0
    if cols <= 0:
        try:
            cols = os.get_terminal_size(sys.stdout.fileno()).columns
        except (OSError, ValueError, AttributeError):
            cols = 80
    return max(MIN_WIDTH, min(MAX_WIDTH, cols or 80))


def _stdout() -> Any:
    if sys.stdout is None:
        raise TherapickError(t("cannot write output: standard output is closed"), OUTPUT_ERROR)
    return sys.stdout


def write(text: str) -> None:
    out = _stdout()
    out.write(text)
    out.flush()


def show(renderable: Any, plain: bool = False) -> None:
    """Print a document (``doc.Doc``) as Rich output, or as plain wrapped text."""
    from therapick.output import doc

    if plain:
        write(doc.to_plain(renderable, width(), unicode_ok()))
        return
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # Rich's own ends the program with exit 1; a closed pipe is exit 141 (failure.py).
            self.quiet = True
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))

    no_color = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    console = _Console(file=_stdout(), width=width(), no_color=no_color, highlight=False, emoji=False, soft_wrap=False)
    if console.color_system is None:  # a file or a pipe: Rich would write no style, only the layout
        text = doc.to_unstyled(renderable, console.width, unicode_ok())
        if text is not None:
            write(text)
            return
    console.print(doc.to_rich(renderable, unicode_ok()), crop=False)  # a link is never cut
