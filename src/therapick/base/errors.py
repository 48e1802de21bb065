"""The one error type therapick raises on purpose, and its exit codes.

Every failure a person can cause (a broken knowledge base, an unknown name,
a missing answer, a file that cannot be written) is a ``TherapickError``.
The command line turns it into one line on stderr and ``exit_code``.
"""

from __future__ import annotations

from therapick.base.text import escape

# Exit codes, documented in the README ("Exit codes").
OK = 0
NOT_FOUND = 1  # `show` found no such intervention; `validate` found problems
USAGE = 2  # a bad option, answer or answers file; answers missing without a terminal
KB_ERROR = 3  # the knowledge base could not be loaded or is not valid
OUTPUT_ERROR = 4  # a file could not be written (exists, no folder, no space, ...)
INTERRUPTED = 130  # Ctrl-C or Ctrl-D at a prompt
BROKEN_PIPE = 141  # the reader of stdout went away (`therapick export | head -1`)


def printable(text: str) -> str:
    """``text`` with no lone surrogates: a file-name byte that is not UTF-8 shows as ``\\xff``.

    Python hands such bytes over as surrogates (``os.fsdecode``), which no
    stream can encode; shown as the byte they stand for, the name is still
    recognisable.
    """
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that does not stand for a byte
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def clean(text: str, limit: int = 200, one_line: bool = True) -> str:
    """Make user-supplied text safe to print: no hidden characters, bounded.

    Every character the text policy calls hidden (``base/text.py``) is shown
    as its escape (``\\x1b``, ``\\u202e``) rather than reaching the terminal;
    a line break becomes a space, or with ``one_line=False`` its escape
    (``\\x0a``: a value quoted in a message shows exactly what it holds).
    """
    text = printable(text)
    out = escape(text.replace("\n", " ") if one_line else text)
    if len(out) > limit:
        out = out[: limit - 1] + "…"
    return out


def refuse_hidden(value: str, source: str) -> None:
    """Refuse a setting or an argument that names something (a language, a region, a country) when
    it holds a hidden character (``base/text.py``: an escape, U+202E, a zero-width space, a line
    break): the same for every such setting, never read past the character as if it were not there."""
    from therapick.base.text import describe, first_hidden

    ch = first_hidden(value)
    if ch is None:
        return
    from therapick.base.i18n import t

    raise TherapickError(
        t(
            "{source}: '{value}' holds {what}: control and invisible characters are not allowed",
            source=source,
            value=clean(value, 40, one_line=False),
            what=describe(ch),
        )
    )


def value_words(value: object) -> str:
    """A value read from a file or a flag, in a person's words for a message: text quoted, a number
    as written, true or false, null, a list, a mapping (never Python's ``None`` or ``['x']``)."""
    from therapick.base.i18n import t

    if value is None:
        return t("null (no answer)")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return t("a mapping")
    if isinstance(value, (list, tuple, set, frozenset)):
        return t("a list")
    return f"'{clean(str(value), 60)}'"


def path_words(path: object, limit: int = 10_000) -> str:
    """A file's name for a message: every hidden character escaped alike (a line break as ``\\x0a``
    and a tab as ``\\x09``, never a space), so the name shown is the name, whatever it holds."""
    import os

    name = os.fsdecode(path) if isinstance(path, (str, bytes, os.PathLike)) else str(path)
    return clean(name, limit, one_line=False)


class TherapickError(Exception):
    """A failure to report as one line on stderr with a documented exit code.

    ``crisis``: what was given points to risk (a PHQ-9 ninth answer above 0 among answers that
    cannot be used): the crisis lines are shown before the line, whatever the command."""

    def __init__(self, message: str, exit_code: int = USAGE, details: list[str] | None = None, crisis: bool = False):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.details = details or []
        self.crisis = crisis


class Problem:
    """One thing wrong with a knowledge-base or answers file: what, where (path), which line.

    ``warning`` problems are risky content that still loads (``validate
    --strict`` makes them errors). ``file`` names the file the problem is in
    when it is not the one being read (the file it extends, its translation).
    """

    __slots__ = ("file", "line", "message", "path", "warning")

    def __init__(
        self, message: str, path: str = "", line: int | None = None, warning: bool = False, file: str | None = None
    ):
        self.message = message
        self.path = path
        self.line = line
        self.warning = warning
        self.file = file

    def format(self, source: str) -> str:
        """One line, with every hidden character escaped (a key or a value may hold any)."""
        source = self.file or source
        where = f"{source}, line {self.line}" if self.line else source
        at = f" at {self.path}" if self.path and self.path != "$" else ""
        return escape(printable(f"{where}: {'warning: ' if self.warning else ''}{self.message}{at}"))

    def to_dict(self) -> dict[str, object]:
        return {
            "message": escape(printable(self.message)),
            "path": escape(printable(self.path)) if self.path else None,
            "line": self.line,
            "warning": self.warning,
            "file": self.file,
        }


class KBInvalid(TherapickError):
    """The knowledge base could not be loaded; ``problems`` lists every one found."""

    def __init__(self, source: str, problems: list[Problem], exit_code: int = KB_ERROR, what: str = "knowledge base"):
        self.source = source
        self.problems = problems
        lines = [p.format(source) for p in problems]
        from therapick.base.i18n import t, tn

        n = len(lines) - 1
        more = (
            " " + tn("(and one more; run 'therapick validate')", "(and {n} more; run 'therapick validate')", n)
            if n
            else ""
        )
        shown = {"knowledge base": t("knowledge base"), "answers file": t("answers file")}.get(what, what)
        super().__init__(
            t("{what} is not valid: {problem}{more}", what=shown, problem=lines[0], more=more), exit_code, lines
        )
