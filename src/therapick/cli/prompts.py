"""The questions in a terminal: the one place that talks to prompt_toolkit and questionary.

``ask`` shows one ``asking.Prompt`` and returns the raw answer. Every kind is
built here on prompt_toolkit, with questionary's style, so that every word
on screen is therapick's own (in the chosen language) and every line is
wrapped here, between words, at the terminal's width (again after a
resize): the question, its options and its echo once answered.

Keys and pastes. A person's keystrokes arrive one read at a time (an arrow
key is one escape sequence, parsed as one key); a paste, dictation or an
input method's commit arrives as many keys in one read, and what follows
within ``PASTE_WINDOW`` is part of it. Such a burst, like a bracketed paste
(prompt_toolkit's one ``Keys.BracketedPaste`` event), is made one paste
event; a text field inserts it as text (line ends become spaces: a paste
never submits), and every other prompt answers nothing and says so next to
the prompt. The danger question is typed, has no default, and is never
answered by a paste.

The terminal. Ctrl-C and Ctrl-D raise (``KeyboardInterrupt``, ``EOFError``), alone or in a burst;
Ctrl-Z stops the program as in a shell, and ``fg`` brings the question back
in its own modes (``terminal.hold``). Under an encoding that is not UTF-8,
symbols are ASCII and text degrades as the rest of the output does.

Why it is over 400 lines: it is the one seam to prompt_toolkit (STYLE.md: one seam for asking):
every kind of prompt, the paste and key handling they share, and the wrapping; nothing else in
the program imports the terminal libraries.
"""

from __future__ import annotations

import os
import re
import signal
import sys
import time
from collections.abc import Callable
from typing import Any

from therapick.base.i18n import t
from therapick.cli import asking, terminal
from therapick.cli.asking import Prompt

PASTE_WINDOW = 0.3  # seconds: keys read within this long of a burst are part of the paste
_last_burst = [0.0]

Fragments = list[tuple[str, str]]


# --------------------------------------------------------------------------
# Words and lines


def wrap(fragments: Fragments, width: int, indent: int = 2) -> Fragments:
    """``fragments`` with line breaks between words, so that no line is wider than ``width`` cells.

    Lines after the first start with ``indent`` spaces. A word is broken only
    when it is wider than a whole line; nothing is ever cut off. Spaces where
    a line breaks are dropped; a "\\n" in the text breaks the line there.
    """
    from prompt_toolkit.utils import get_cwidth

    width = max(width, indent + 1)
    out: Fragments = []
    col = 0
    fresh = True  # nothing on this line yet (after the indent)
    pending: tuple[str, str] | None = None

    wrapped = False  # the line on now was started here, by wrapping (not by the text)

    def newline(style: str, soft: bool = True) -> None:
        nonlocal col, fresh, wrapped
        out.append((style, "\n" + " " * indent))
        col, fresh, wrapped = indent, True, soft

    tokens: list[tuple[str, str, str]] = []
    for style, text in fragments:
        for part in re.split(r"(\n| +)", text):
            if part:
                tokens.append((style, part, "n" if part == "\n" else "s" if part[0] == " " else "w"))
    i = 0
    while i < len(tokens):
        style, text, kind = tokens[i]
        if kind == "n":
            newline(style, soft=False)
            pending = None
            i += 1
            continue
        if kind == "s":
            pending = (style, text)
            i += 1
            continue
        word: Fragments = []
        while i < len(tokens) and tokens[i][2] == "w":
            word.append((tokens[i][0], tokens[i][1]))
            i += 1
        w = sum(get_cwidth(part) for _, part in word)
        if pending is not None and fresh and not wrapped:  # spaces that start the text or a line of its own
            out.append(pending)
            col += get_cwidth(pending[1])
        elif pending is not None and not fresh:
            space = get_cwidth(pending[1])
            if col + space + w <= width:
                out.append(pending)
                col += space
            else:
                newline(pending[0])
        pending = None
        if col + w > width and not fresh:
            newline(word[0][0])
        if col + w <= width:
            out.extend(word)
            col += w
            fresh = False
            continue
        for part_style, part in word:  # wider than a line: the one place a word breaks
            for ch in part:
                c = get_cwidth(ch)
                if col + c > width and not fresh:
                    newline(part_style)
                out.append((part_style, ch))
                col += c
                fresh = False
    if pending is not None and not fresh and col + get_cwidth(pending[1]) <= width:
        out.append(pending)
    return out


def _split_last_line(fragments: Fragments) -> tuple[Fragments, Fragments]:
    """The lines before the last, and the last line (where a text field's input goes)."""
    for n in range(len(fragments) - 1, -1, -1):
        style, text = fragments[n]
        if "\n" in text:
            cut = text.rindex("\n")
            return [*fragments[:n], (style, text[:cut])], [(style, text[cut + 1 :]), *fragments[n + 1 :]]
    return [], fragments


def _encoding() -> str:
    return getattr(sys.stdout, "encoding", None) or "utf-8"


def fit(text: str) -> str:
    """``text`` as the terminal can show it: under Latin-1 or ASCII, é or • degrade as the output's do."""
    from therapick.output import stream

    encoding = _encoding()
    try:
        return text.encode(encoding, errors=stream.HANDLER).decode(encoding, "replace")
    except LookupError:
        return text.encode(encoding, "replace").decode(encoding, "replace")


def _symbols() -> tuple[str, str, str]:
    """The pointer, a ticked and an unticked box: questionary's where the terminal shows them."""
    from therapick.output import stream

    if stream.unicode_ok():
        return "»", "●", "○"
    return ">", "[x]", "[ ]"


def _columns() -> int:
    """The width to wrap the question for: the terminal's now (so a resize wraps again), less one cell."""
    from prompt_toolkit.application.current import get_app

    try:
        columns = get_app().output.get_size().columns
    except Exception:  # no application (a test): the layout width
        from therapick.output import stream

        columns = stream.width()
    return max(20, columns - 1)


def _ft(get: Callable[[], Fragments]) -> Any:
    """A function of the fragments to show, as prompt_toolkit takes it (drawn again at every render)."""
    return get


def paste_refused(how: str) -> str:
    return t("A paste answers nothing here: {how}", how=how)


# --------------------------------------------------------------------------
# Input


def _key_text(key: Any) -> str:
    from prompt_toolkit.keys import Keys

    if key.key == Keys.BracketedPaste:
        return str(key.data)
    if isinstance(key.key, Keys):
        return {Keys.ControlM: "\n", Keys.ControlJ: "\n", Keys.ControlI: "\t"}.get(key.key, "")
    return str(key.data)


def pastes(keys: list[Any], now: float) -> list[Any]:
    """The keys of one read, with a burst (several keys, or any key soon after one) made one paste event."""
    from prompt_toolkit.key_binding.key_processor import KeyPress
    from prompt_toolkit.keys import Keys

    # The terminal's answers to cursor-position requests are not typing: pass them on.
    cpr = [k for k in keys if k.key == Keys.CPRResponse]
    typed = [k for k in keys if k.key != Keys.CPRResponse]
    # Ctrl-C or Ctrl-D in a burst (Esc then Ctrl-C, a key held down, a slow machine's two reads in one)
    # is the person stopping, never text: it cancels as the key alone does. (A terminal's bracketed
    # paste is one event of text, not keys: what it holds is text.)
    stop = next((k for k in typed if k.key in (Keys.ControlC, Keys.ControlD)), None)
    if stop is not None:
        return [*cpr, stop]
    burst = len(typed) > 1
    if typed and (burst or now - _last_burst[0] < PASTE_WINDOW):
        if burst:
            _last_burst[0] = now
        return [*cpr, KeyPress(Keys.BracketedPaste, "".join(_key_text(k) for k in typed))]
    return keys


def _guarded_input() -> Any:
    """prompt_toolkit's input, with bursts of keys made one paste event (see the module docstring)."""
    from prompt_toolkit.input.vt100 import Vt100Input

    class GuardedInput(Vt100Input):
        def read_keys(self) -> list[Any]:
            return pastes(super().read_keys(), time.monotonic())

    return GuardedInput(sys.stdin)


def _flush_typeahead(app_input: Any) -> None:
    """Drop anything typed or pasted before a choice appeared: it answers nothing."""
    from prompt_toolkit.input.typeahead import clear_typeahead

    clear_typeahead(app_input)
    try:
        import termios

        termios.tcflush(sys.stdin.fileno(), termios.TCIFLUSH)
    except (ImportError, OSError, ValueError, AttributeError):
        pass


# --------------------------------------------------------------------------
# The prompts


class _Screen:
    """What one question shows: the answer's echo once done, and words next to the prompt."""

    def __init__(self, p: Prompt) -> None:
        self.p = p
        self.done = False
        self.echo = ""
        self.feedback = ""

    def question(self, *more: tuple[str, str]) -> Fragments:
        return [("class:qmark", "?"), ("class:question", " " + fit(self.p.text) + " "), *more]

    def head(self) -> Fragments:
        return wrap(self.question(*self.instruction()), _columns())

    def instruction(self) -> Fragments:
        hint = _hint(self.p)
        return [("class:instruction", fit(hint) + " ")] if hint else []

    def answered(self) -> Fragments:
        return wrap(self.question(("class:answer", fit(self.echo))), _columns())

    def said(self) -> Fragments:
        return wrap([("class:feedback", fit(self.feedback))], _columns(), indent=0)


def _hint(p: Prompt) -> str:
    if p.kind == "yes-no":
        return t("(type yes or no, then press enter)")
    if p.kind == "confirm":
        return t("(Y/n)") if p.default else t("(y/N)")
    if p.kind == "one":
        return p.hint or t("(use the arrow keys, then press enter)")
    if p.kind == "scale":
        return p.hint or ""
    if p.kind == "many":
        if p.required:
            return t("(choose at least one: space to tick, enter to go on)")
        return p.hint or t("(space to tick, enter to go on)")
    return p.hint or ""


def ask(p: Prompt) -> Any:
    """Ask one prompt in the terminal; Ctrl-C and Ctrl-D raise, never return None."""
    from prompt_toolkit.application import Application
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from prompt_toolkit.keys import Keys
    from prompt_toolkit.layout import ConditionalContainer, FormattedTextControl, HSplit, Layout, Window
    from prompt_toolkit.styles import Style
    from questionary.styles import merge_styles_default

    screen = _Screen(p)
    keys = KeyBindings()
    done = Condition(lambda: screen.done)
    said = Condition(lambda: bool(screen.feedback))

    def _interrupt(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    keys.add(Keys.ControlC, eager=True)(_interrupt)

    def _end(event: Any) -> None:
        event.app.exit(exception=EOFError(), style="class:aborting")

    keys.add(Keys.ControlD, eager=True)(_end)

    def _suspend(event: Any) -> None:
        os.kill(os.getpid(), signal.SIGTSTP)  # as in a shell; terminal.hold brings the question back

    keys.add(Keys.ControlZ, eager=True)(_suspend)

    def finish(event: Any, result: Any, echo: str) -> None:
        screen.done, screen.echo, screen.feedback = True, echo, ""
        event.app.exit(result=result)

    body, focus, own = _BODIES[p.kind](screen, keys, finish)
    parts = [
        ConditionalContainer(body, filter=~done),
        ConditionalContainer(
            Window(FormattedTextControl(_ft(screen.answered)), dont_extend_height=True, wrap_lines=False), filter=done
        ),
        ConditionalContainer(
            Window(FormattedTextControl(_ft(screen.said)), dont_extend_height=True, wrap_lines=False),
            filter=said & ~done,
        ),
    ]
    bindings = merge_key_bindings([own, keys]) if own is not None else keys
    style = merge_styles_default([Style([("feedback", "bold"), ("highlighted", "bold"), ("selected", "")])])
    app: Any = Application(
        layout=Layout(HSplit(parts), focused_element=focus),
        key_bindings=bindings,
        style=style,
        input=_guarded_input(),
        full_screen=False,
        mouse_support=False,
        erase_when_done=False,
    )
    if p.kind != "text":  # a text field keeps what was typed ahead: every keystroke is kept
        _flush_typeahead(app.input)
    return _run(app)


def _run(app: Any) -> Any:
    """Run the question; while it is on screen, a stop and ``fg`` keep its modes and redraw it."""

    def redraw() -> None:
        def again() -> None:
            app.renderer.reset()
            app.invalidate()

        if app.loop is not None and not app.loop.is_closed():
            app.loop.call_soon_threadsafe(again)

    held = [False]

    def hold(_: Any) -> None:
        if not held[0]:  # after the first drawing, the terminal is in the question's raw mode
            held[0] = True
            terminal.hold(redraw, leave="\x1b[?2004l")

    app.after_render += hold
    try:
        return app.run()
    finally:
        terminal.release()


Body = tuple[Any, Any, Any]  # the container shown until answered, what has the focus, the kind's own keys


def _text_body(screen: _Screen, keys: Any, finish: Callable[[Any, Any, str], None]) -> Body:
    """A typed line: "yes-no" (the danger question) or "text" (a field that keeps every paste)."""
    from prompt_toolkit.buffer import Buffer
    from prompt_toolkit.document import Document
    from prompt_toolkit.key_binding.defaults import load_key_bindings
    from prompt_toolkit.keys import Keys
    from prompt_toolkit.layout import BufferControl, FormattedTextControl, HSplit, Window
    from prompt_toolkit.layout.processors import BeforeInput

    p = screen.p
    default = "" if p.kind == "yes-no" else str(p.default or "")
    buffer = Buffer(multiline=False, document=Document(default, len(default)))

    def upper() -> Fragments:
        return _split_last_line(screen.head())[0]

    def last() -> Fragments:
        return _split_last_line(screen.head())[1]

    field = Window(
        BufferControl(buffer, input_processors=[BeforeInput(_ft(last))]), wrap_lines=True, dont_extend_height=True
    )
    above = Window(FormattedTextControl(_ft(upper)), dont_extend_height=True, wrap_lines=False, height=_rows(upper))
    body = HSplit([above, field])

    def _paste(event: Any) -> None:
        if p.kind == "text":
            buffer.insert_text(asking.as_text(event.data))
            screen.feedback = ""
        else:
            screen.feedback = paste_refused(t("type yes or no, then press enter."))

    keys.add(Keys.BracketedPaste, eager=True)(_paste)

    def _enter(event: Any) -> None:
        typed = asking.recover(buffer.text)
        if p.kind == "text":
            finish(event, typed, typed.strip())
            return
        answer = asking.yes_no(typed)
        if answer is None:
            screen.feedback = (
                t("Type yes or no, then press enter.")
                if not typed.strip()
                else t(
                    "“{typed}” is not yes or no. Type yes or no, then press enter; if you are not sure, type not sure.",
                    typed=" ".join(typed.split())[:40],
                )
            )
            return
        finish(event, answer is True or answer == asking.UNSURE_ANSWER, " ".join(typed.split()))

    keys.add(Keys.ControlM, eager=True)(_enter)
    keys.add(Keys.ControlJ, eager=True)(_enter)

    return body, field, load_key_bindings()


def _rows(get: Callable[[], Fragments]) -> Callable[[], int]:
    def rows() -> int:
        return sum(text.count("\n") for _, text in get()) + (1 if get() else 0)

    return rows


def _confirm_body(screen: _Screen, keys: Any, finish: Callable[[Any, Any, str], None]) -> Body:
    """One key answers: y (or s, for sí) or n; Enter alone is the default."""
    from prompt_toolkit.keys import Keys
    from prompt_toolkit.layout import FormattedTextControl, Window

    default = bool(screen.p.default)
    window = Window(FormattedTextControl(_ft(screen.head), focusable=True), dont_extend_height=True, wrap_lines=False)

    def answer(value: bool) -> Callable[[Any], None]:
        return lambda event: finish(event, value, t("Yes") if value else t("No"))

    for key in ("y", "Y", "s", "S"):
        keys.add(key)(answer(True))
    for key in ("n", "N"):
        keys.add(key)(answer(False))
    keys.add(Keys.ControlM, eager=True)(answer(default))

    def _paste(event: Any) -> None:
        screen.feedback = paste_refused(t("press y for yes or n for no."))

    keys.add(Keys.BracketedPaste, eager=True)(_paste)

    def _other(event: Any) -> None:
        screen.feedback = t("Press y for yes or n for no (enter alone: {default}).", default=_default_word(default))

    keys.add(Keys.Any)(_other)

    return window, window, None


def _default_word(default: bool) -> str:
    return t("Yes") if default else t("No")


def _list_body(screen: _Screen, keys: Any, finish: Callable[[Any, Any, str], None]) -> Body:
    """Options to move through with the arrow keys: "one" (enter chooses), "many" (space ticks) or
    "scale" (a screen's item: a key 0-3 answers at once; nothing is pointed at first; the answer is an int)."""
    from prompt_toolkit.keys import Keys
    from prompt_toolkit.layout import FormattedTextControl, HSplit, Window

    p = screen.p
    many, scale = p.kind == "many", p.kind == "scale"
    labels = [label for _, label in p.choices]
    ids = [oid for oid, _ in p.choices]
    defaults = p.default if isinstance(p.default, (list, tuple)) else [p.default]
    ticked = {oid for oid in ids if many and oid in defaults}
    # A scale starts on nothing, so that Enter alone (a stray one) answers nothing.
    at = [-1 if scale else ids.index(p.default) if not many and p.default in ids else 0]
    pointer, on, off = _symbols()

    def options() -> Fragments:
        width = _columns()
        out: Fragments = []
        for n, label in enumerate(labels):
            here = n == at[0]
            mark = (on if ids[n] in ticked else off) + " " if many else ""
            lead = (pointer if here else " " * len(pointer)) + " " + mark
            style = "class:highlighted" if here else "class:selected" if ids[n] in ticked else "class:text"
            line = wrap([("class:pointer", lead), (style, fit(label))], width, indent=len(lead))
            if here:
                out.append(("[SetCursorPosition]", ""))
            out += [*line, ("", "\n")]
        return out[:-1]

    head = Window(FormattedTextControl(_ft(screen.head)), dont_extend_height=True, wrap_lines=False)
    choices = Window(FormattedTextControl(_ft(options), focusable=True, show_cursor=False), dont_extend_height=True)

    def move(by: int) -> Callable[[Any], None]:
        def go(event: Any) -> None:
            at[0] = (at[0] + by) % len(ids) if at[0] >= 0 or by > 0 else len(ids) - 1
            screen.feedback = ""

        return go

    for key in (Keys.Down, Keys.ControlN, "j"):
        keys.add(key)(move(1))
    for key in (Keys.Up, Keys.ControlP, "k"):
        keys.add(key)(move(-1))

    if many:

        def _tick(event: Any) -> None:
            ticked.symmetric_difference_update({ids[at[0]]})
            screen.feedback = ""

        keys.add(" ")(_tick)

    def chosen_one(event: Any, index: int) -> None:
        finish(event, int(ids[index]) if scale else ids[index], labels[index])

    if scale:  # a key answers at once: 0 for the first answer, 1 for the second ...
        for index, oid in enumerate(ids):
            keys.add(oid, eager=True)(lambda event, index=index: chosen_one(event, index))

    def _enter(event: Any) -> None:
        if not many:
            if at[0] < 0:
                screen.feedback = _hint(p)
                return
            chosen_one(event, at[0])
            return
        if p.required and not ticked:
            screen.feedback = t("Choose at least one (space to tick).")
            return
        chosen = [oid for oid in ids if oid in ticked]
        echo = "; ".join(labels[ids.index(oid)] for oid in chosen) or t("none")
        finish(event, chosen, echo)

    keys.add(Keys.ControlM, eager=True)(_enter)

    def _paste(event: Any) -> None:
        screen.feedback = paste_refused(
            t("use the arrow keys and space, then press enter.")
            if many
            else _hint(p).strip("()") + "."
            if scale
            else t("use the arrow keys, then press enter.")
        )

    keys.add(Keys.BracketedPaste, eager=True)(_paste)

    def _other(event: Any) -> None:
        """No other key answers."""

    keys.add(Keys.Any)(_other)

    return HSplit([head, choices]), choices, None


_BODIES: dict[str, Callable[[_Screen, Any, Callable[[Any, Any, str], None]], Body]] = {
    "yes-no": _text_body,
    "text": _text_body,
    "confirm": _confirm_body,
    "one": _list_body,
    "many": _list_body,
    "scale": _list_body,
}
