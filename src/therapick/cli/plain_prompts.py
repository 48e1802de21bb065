"""The questions in plain mode (``--plain``, or ``TERM=dumb``): plain lines, as ``git add -p`` asks.

Each question is its text on a line, its options numbered one to a line,
and a line to type the answer on: a number or numbers, or an option's id
(the same ids an answers file takes), yes or no, or words. Nothing moves the
cursor: what is typed is echoed as it comes (a backspace as the terminal's
own line editing does it, "\\b \\b"), and the answer is read when Enter is
pressed. Echo and reading are done here, not by the terminal's line mode,
so that a paste can be told from typing (many keys in one read, and what
follows within ``PASTE_WINDOW``): in a text field it is kept as text (line
ends become spaces), anywhere else it answers nothing, and a line says so.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
import textwrap
import time
import unicodedata
from typing import Any

from therapick.base.i18n import t
from therapick.cli import asking, terminal
from therapick.cli.asking import Prompt

PASTE_WINDOW = 0.3
_last_burst = [0.0]
_KEY = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1bO.|\x1b.|.", re.DOTALL)


def _write(text: str) -> None:
    from therapick.output import stream

    stream.write(text)


def _width() -> int:
    from therapick.output import stream

    return stream.width()


def _lines(text: str, indent: str = "", more: str = "") -> str:
    wrapped = textwrap.wrap(
        text,
        max(10, _width() - 1),
        initial_indent=indent,
        subsequent_indent=more or indent,
        break_long_words=True,
        break_on_hyphens=False,
    )
    return "\n".join(wrapped or [indent]) + "\n"


def ask(p: Prompt) -> Any:
    """Ask one prompt on plain lines; Ctrl-C and Ctrl-D raise, never return None."""
    if p.kind != "text":
        _flush()  # typed or pasted before the question: it answers nothing
    _write("\n" + _lines(p.text))
    if p.hint and p.kind in ("one", "many", "text"):  # (a scale's hint is about keys: its answer line says how)
        _write(_lines(p.hint))
    for n, (_, label) in enumerate(p.choices if p.kind in ("one", "many") else (), 1):
        lead = f"  {n}. "
        _write(_lines(label, lead, " " * len(lead)))
    for _, label in p.choices if p.kind == "scale" else ():  # a scale's labels start with their own number
        _write(_lines(label, "  ", "    "))
    prompt = _answer_line(p)
    refuse = None if p.kind == "text" else asking_paste(p)
    while True:
        _write(prompt)
        line = read_line(prompt, refuse)
        value, problem = _interpret(p, line)
        if problem is None:
            if p.kind in ("one", "many", "scale"):
                labels = dict(p.choices)
                chosen = [str(value)] if p.kind in ("one", "scale") else list(value)
                _write(_lines(t("Chosen: {answer}", answer="; ".join(labels[c] for c in chosen) or t("none"))))
            return value
        _write(_lines(problem))


def asking_paste(p: Prompt) -> str:
    how = {
        "yes-no": t("type yes or no, then press enter."),
        "confirm": t("type y or n, then press enter."),
    }.get(p.kind, t("type the number, then press enter."))
    return t("A paste answers nothing here: {how}", how=how)


def _answer_line(p: Prompt) -> str:
    if p.kind == "yes-no":
        return t("Type yes or no, then press enter:") + " "
    if p.kind == "confirm":
        return t("Type y or n, then press enter (enter alone: {default}):", default=_yes_no_word(p.default)) + " "
    labels = dict(p.choices)
    if p.kind == "scale":
        return (
            t("Type a number from {first} to {last}, then press enter:", first=p.choices[0][0], last=p.choices[-1][0])
            + " "
        )
    if p.kind == "one":
        if p.default in labels:
            return t("Type a number, then press enter (enter alone: {default}):", default=labels[p.default]) + " "
        return t("Type a number, then press enter:") + " "
    if p.kind == "many":
        if p.required:
            return t("Type one or more numbers, apart by spaces, then press enter:") + " "
        return t("Type the numbers that apply, apart by spaces, then press enter (enter alone: none):") + " "
    if p.default:
        return t("Type, then press enter (enter alone: {default}):", default=str(p.default)) + " "
    return t("Type, then press enter (enter alone leaves it blank):") + " "


def _yes_no_word(value: Any) -> str:
    return t("Yes") if value else t("No")


def _interpret(p: Prompt, line: str) -> tuple[Any, str | None]:
    """The answer for a typed line, or why it is not one (said on the next line)."""
    if p.kind == "text":
        typed = asking.recover(line).strip()
        return (typed or str(p.default or "")), None
    if p.kind == "yes-no":
        answer = asking.yes_no(line)
        if answer is None:
            if not line.strip():
                return None, t("Type yes or no, then press enter.")
            return None, t(
                "“{typed}” is not yes or no. Type yes or no, then press enter; if you are not sure, type not sure.",
                typed=" ".join(line.split())[:40],
            )
        return answer is True or answer == asking.UNSURE_ANSWER, None
    if p.kind == "confirm":
        yes = asking.confirm(line, bool(p.default))
        if yes is None:
            return None, t("Type y for yes or n for no, then press enter.")
        return yes, None
    ids = [oid for oid, _ in p.choices]
    if p.kind == "scale":
        if line.strip() in ids:
            return int(line.strip()), None
        return None, t("Type a number from {first} to {last}, then press enter.", first=ids[0], last=ids[-1])
    picked = asking.choices(line, p.choices)
    if p.kind == "one":
        if not line.strip() and p.default in ids:
            return p.default, None
        if picked is None or len(picked) != 1:
            return None, t("Type the number of one option, from 1 to {n}, then press enter.", n=len(ids))
        return picked[0], None
    if not line.strip():
        defaults = p.default if isinstance(p.default, (list, tuple)) else []
        picked = [oid for oid in ids if oid in defaults]
    if picked is None:
        return None, t("Type the numbers of the options, from 1 to {n}, apart by spaces.", n=len(ids))
    if p.required and not picked:
        return None, t("Choose at least one: type its number, then press enter.")
    return picked, None


def _flush() -> None:
    try:
        import termios

        termios.tcflush(sys.stdin.fileno(), termios.TCIFLUSH)
    except (ImportError, OSError, ValueError, AttributeError):
        pass


def read_line(prompt: str, refuse: str | None) -> str:
    """One line as typed, echoed here; a paste is text (``refuse`` None) or answers nothing (``refuse`` said)."""
    import termios

    fd = sys.stdin.fileno()
    encoding = getattr(sys.stdin, "encoding", None) or "utf-8"
    decoder = codecs.getincrementaldecoder(encoding)("surrogateescape")
    typed: list[str] = []

    def echo(text: str) -> None:
        sys.stdout.flush()
        try:
            data = text.encode(encoding, "surrogateescape")
        except UnicodeError:
            data = text.encode(encoding, "replace")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()

    def redraw() -> None:  # after a stop and `fg`: the answer line again, with what was typed
        echo("\n" + prompt + "".join(typed))

    old = termios.tcgetattr(fd)
    new = termios.tcgetattr(fd)
    new[3] &= ~(termios.ICANON | termios.ECHO)
    new[6][termios.VMIN], new[6][termios.VTIME] = 1, 0
    termios.tcsetattr(fd, termios.TCSANOW, new)
    terminal.hold(redraw)
    try:
        while True:
            data = os.read(fd, 65536)
            if not data:
                raise EOFError
            keys = _KEY.findall(decoder.decode(data))
            if not keys:
                continue
            now = time.monotonic()
            if len(keys) > 1 or now - _last_burst[0] < PASTE_WINDOW:
                if len(keys) > 1:
                    _last_burst[0] = now
                if refuse is None:
                    text = asking.as_text("".join(k for k in keys if not k.startswith("\x1b")))
                    typed.append(text)
                    echo(text)
                else:
                    echo("\n")
                    _write(_lines(refuse))
                    echo(prompt + "".join(typed))
                continue
            key = keys[0]
            if key in ("\r", "\n"):
                echo("\n")
                return "".join(typed)
            if key in ("\x7f", "\b"):
                if typed:
                    gone = typed[-1][-1:]
                    typed[-1] = typed[-1][:-1]
                    if not typed[-1]:
                        typed.pop()
                    echo("\b \b" * _cells(gone))
            elif key == "\x15":  # Ctrl-U: the whole line
                echo("\b \b" * sum(_cells(part) for part in typed))
                typed.clear()
            elif key == "\x04":
                raise EOFError
            elif key == "\x03":
                raise KeyboardInterrupt
            elif not key.startswith("\x1b") and unicodedata.category(key) != "Cc":
                typed.append(key)
                echo(key)
    finally:
        terminal.release()
        termios.tcsetattr(fd, termios.TCSANOW, old)


def _cells(text: str) -> int:
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
