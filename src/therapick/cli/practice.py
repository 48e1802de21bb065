"""Running a practice in the terminal (``therapick practice NAME``).

A breathing practice is a live count (Rich, in a terminal; plain lines with ``--plain``), for as many
rounds as its source's length gives, or, where the source gives none, until the person presses Enter; steps
wait for Enter; a record asks its prompts and keeps the answers in memory only. What a person
writes is saved only with ``--save`` or when they say yes at the end (the name shown, asked
first), through ``output.files`` (0600, exclusive). Ctrl-C ends at once: the failure handler
restores the terminal and exits 130. What a person writes is read for crisis words too: if it
holds any, the crisis lines are shown at once, before anything else.
"""

from __future__ import annotations

import itertools
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from therapick.base.i18n import t
from therapick.kb.schema import KnowledgeBase, Practice, Timing

Show = Callable[[Any], None]


def next_step() -> Any:
    from therapick.cli.questionnaire import Prompt

    return Prompt("next", "text", t("Enter for the next step"), default="")


def run(
    kb: KnowledgeBase,
    p: Practice,
    region: str | None,
    environ: Mapping[str, str],
    plain: bool,
    ask: Callable[[Any], Any] | None = None,
    show: Show | None = None,
    tick: Callable[[float], None] = time.sleep,
) -> list[tuple[str, str]]:
    """Run ``p``; return what the person wrote (prompt, words), for a record."""
    from therapick.cli import questionnaire, terminal
    from therapick.output import practices as out
    from therapick.output import stream
    from therapick.output.doc import para

    ask = ask or questionnaire.asker(plain)
    show = show or (lambda d: stream.show(d, plain=plain))
    terminal.remember()
    show(out.practice_doc(kb, p))
    entries: list[tuple[str, str]] = []
    if p.kind == "breathing" and p.timing is not None:
        if p.timing.rounds is None:  # the source gives no length: none is made up
            show([para((out.own_pace_words(), "bold"))])
        breathe(p.timing, plain, tick)
    else:
        for n, step in enumerate(p.steps, 1):
            show([para((f"{n}. ", "bold"), step.text)])
            if step.prompt:
                words = str(ask(questionnaire.Prompt(f"step-{n}", "text", step.prompt, default="")) or "").strip()
                entries.append((step.prompt, words))
                if words:
                    crisis_check(kb, words, region, environ, show)
            elif n < len(p.steps):
                ask(next_step())
        if entries:
            show(out.written_blocks(p, entries))
    show(out.done_blocks(p))
    return entries


def crisis_check(kb: KnowledgeBase, words: str, region: str | None, environ: Mapping[str, str], show: Show) -> None:
    """Crisis words in what the person wrote: the crisis lines at once, then the practice goes on."""
    from therapick.advice import describe
    from therapick.advice import region as regions
    from therapick.advice.safety import overview
    from therapick.output import own_words, render

    rows, imminent = describe.crisis_rows(words)
    if not rows:
        return
    where = regions.get(kb, regions.resolve(kb, region, environ)[0])
    found = describe.Described((), None, rows, imminent)
    show([render.crisis_panel(kb, where, overview(kb) if where is None else ()), *own_words.imminent_blocks(found)])


def _rounds(timing: Timing) -> Iterator[int]:
    """1, 2, ... up to ``timing.rounds``; with no length from the source, with no end."""
    return iter(range(1, timing.rounds + 1)) if timing.rounds is not None else itertools.count(1)


def breathe(
    timing: Timing,
    plain: bool,
    tick: Callable[[float], None] = time.sleep,
    stopped: Callable[[], bool] | None = None,
) -> None:
    """The on-screen count: each phase counted out, a second a count, for ``timing.rounds`` rounds, or,
    where the source gives no length, until the person presses Enter (``stopped``)."""
    from therapick.output import practices as out
    from therapick.output import stream

    stopped = stopped or _enter_pressed
    open_ended = timing.rounds is None
    unicode_ok = stream.unicode_ok()
    if plain:
        for r in _rounds(timing):
            for phase, counts in out.phases(timing):
                stream.write(f"{out.round_words(r, timing.rounds)}: {phase}:")
                for n in range(1, counts + 1):
                    stream.write(f" {n}")
                    tick(1.0)
                stream.write("\n")
                if open_ended and stopped():
                    return
        return
    from rich.console import Console
    from rich.live import Live
    from rich.text import Text

    _quiet_keys()
    console = Console(file=sys.stdout, highlight=False, emoji=False)
    with Live(Text(""), console=console, auto_refresh=False, transient=False) as live:
        frames = (
            (r, phase, n, counts)
            for r in _rounds(timing)
            for phase, counts in out.phases(timing)
            for n in range(1, counts + 1)
        )
        for r, phase, n, counts in frames:
            live.update(Text(out.count_line(phase, n, counts, r, timing.rounds, unicode_ok)), refresh=True)
            tick(1.0)
            if open_ended and stopped():
                break
    from therapick.cli import terminal

    terminal.restore()


def _enter_pressed() -> bool:
    """Whether Enter was pressed (what was typed is read, so it never reaches the next prompt)."""
    try:
        import os
        import select

        fd = sys.stdin.fileno()
        typed = b""
        while select.select([fd], [], [], 0)[0]:
            chunk = os.read(fd, 1024)
            if not chunk:  # end of input: nobody is there to press Enter
                return True
            typed += chunk
        return b"\n" in typed or b"\r" in typed
    except (ImportError, OSError, ValueError, AttributeError):
        return False


def _quiet_keys() -> None:
    """Keys typed during the count are not echoed over it (the terminal is restored on any way out)."""
    try:
        import termios

        fd = sys.stdin.fileno()
        modes = termios.tcgetattr(fd)
        modes[3] &= ~(termios.ECHO | termios.ICANON)
        termios.tcsetattr(fd, termios.TCSANOW, modes)
    except (ImportError, OSError, ValueError, AttributeError):
        pass


def offer_save(p: Practice, date: str, plain: bool = False) -> str | None:
    """At the end of a record: save what you wrote? (default no); the file name is shown and asked."""
    from therapick.base.errors import TherapickError
    from therapick.cli import questionnaire
    from therapick.output import files

    ask = questionnaire.asker(plain)
    if not ask(
        questionnaire.Prompt(
            "save", "confirm", t("Save what you wrote to a file (only you can read it)?"), default=False
        )
    ):
        return None
    while True:
        prompt = questionnaire.Prompt(
            "save-path", "text", t("File name (Markdown):"), default=f"therapick-{p.id}-{date}.md"
        )
        name = str(ask(prompt) or "").strip()
        if not name:
            return None
        try:
            files.check_writable(name, force=False)
            return name
        except TherapickError as e:
            from therapick.cli import failure

            failure.say(t("{message}; type another name, or leave the field empty to skip", message=e.message))
