"""Screen layout: what goes to a file or a pipe is exactly what Rich lays out, built faster.

With no colour system (output to a file or a pipe) Rich writes no style,
only its layout, so ``doc.to_unstyled`` builds that layout as a string
(bench/startup.py: the read commands). These tests hold it to Rich, byte
for byte: on generated documents, and on every screen of the real commands.
"""

from __future__ import annotations

import io
import string
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from therapick.output import doc
from therapick.output.doc import Blank, Field, Heading, Item, Panel, Para

from .conftest import run

SETTINGS = settings()  # the profile conftest.py loaded


def rich_bytes(document: doc.Doc, width: int, unicode_ok: bool = True) -> str:
    """What Rich prints for ``document`` with no colour system, as ``output.show`` sets it up."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, highlight=False, emoji=False, soft_wrap=False)
    assert console.color_system is None  # a StringIO is not a terminal
    console.print(doc.to_rich(document, unicode_ok), crop=False)
    return buffer.getvalue()


# Words as the knowledge base has them: ordinary words, phone numbers in groups, links, long runs.
word = st.one_of(
    st.text(alphabet=string.ascii_letters + ",.;:()'-", min_size=1, max_size=12),
    st.from_regex(r"[0-9]{2,4}( [0-9]{2,4}){1,3}", fullmatch=True),
    st.from_regex(r"https://[a-z]{3,30}\.org/[a-z/-]{0,40}", fullmatch=True),
    st.text(alphabet="x", min_size=15, max_size=140),
    st.sampled_from(["é", "ü", "–", "’", "•"]),
)
text = st.lists(word, min_size=0, max_size=25).map(" ".join)
lines = st.lists(text, min_size=1, max_size=3).map("\n".join)
spans = st.lists(st.tuples(lines, st.sampled_from(["", "bold", "dim", "accent"])), min_size=1, max_size=3).map(tuple)


def blocks(depth: int) -> st.SearchStrategy[Any]:
    simple = st.one_of(
        st.builds(Heading, text, st.integers(1, 3)),
        st.builds(Para, spans, st.integers(0, 3)),
        st.builds(Item, spans, st.integers(0, 3)),
        st.just(Blank()),
    )
    if depth == 0:
        return simple
    label = st.one_of(text, st.text(alphabet="ab ", min_size=15, max_size=30))
    field = st.builds(Field, label, st.lists(blocks(depth - 1), min_size=0, max_size=4).map(tuple))
    return st.one_of(simple, field)


documents = st.lists(blocks(2), min_size=0, max_size=8)


@pytest.mark.exhaustive  # a whole family in-process: the full suite's
@SETTINGS
@given(documents, st.integers(20, 140), st.booleans())
def test_unstyled_is_what_rich_prints(document: doc.Doc, width: int, unicode_ok: bool) -> None:
    out = doc.to_unstyled(document, width, unicode_ok)
    assert out is not None  # every character generated here takes one cell
    assert out == rich_bytes(document, width, unicode_ok)


any_text = st.text(min_size=1, max_size=60).filter(lambda s: s.strip() != "")


@SETTINGS
@given(st.lists(st.builds(doc.para, any_text) | st.builds(doc.item, any_text), max_size=4), st.integers(20, 90))
def test_any_text_is_laid_out_as_rich_does_or_left_to_rich(document: doc.Doc, width: int) -> None:
    out = doc.to_unstyled(document, width)
    if out is None:  # a character Rich measures in cells other than one: the command prints through Rich
        from rich.cells import cell_len

        assert any(
            cell_len(c) != 1 or not c.isprintable() for b in document for t, _ in b.spans for c in t if c != "\n"
        )
    else:
        assert out == rich_bytes(document, width)


@pytest.mark.exhaustive  # a whole family in-process: the full suite's
@SETTINGS
@given(documents, st.integers(20, 140))
def test_no_line_is_wider_than_the_screen_or_ends_in_a_space(document: doc.Doc, width: int) -> None:
    """Only a link may be wider than the screen: it is never split, so it is alone after its indent."""
    out = doc.to_unstyled(document, width)
    assert out is not None
    for line in out.splitlines():
        assert line == line.rstrip(), (width, line)
        if len(line) > width:
            words = line.split()
            assert words[-1].startswith("https://") and len(" ".join(words[:-1])) < width, (width, line)


def test_a_panel_or_a_wide_character_is_left_to_rich() -> None:
    # Rich draws the box and measures wide characters; the string layout does neither.
    assert doc.to_unstyled([Panel("Get help now", (doc.para("call 999"),))], 80) is None
    assert doc.to_unstyled([doc.para("心理 therapy")], 80) is None
    assert doc.to_unstyled([doc.item("e\u0301")], 80) is None  # a combining accent: one cell, two characters
    assert doc.to_unstyled([doc.item("\r\u2e80")], 80) is None  # no cell and two cells: two characters in two cells
    assert doc.to_unstyled([doc.para("call 999")], 80) == "call 999\n"


@pytest.mark.parametrize("width", [20, 24, 30])
def test_a_phone_number_in_a_paragraph_is_never_split(width: int) -> None:
    # Each width puts the line's end inside "116 123" (or, for Rich's own wrap, would have).
    para = doc.para("Samaritans on 116 123, free, any hour: for anyone")
    for render in (doc.to_unstyled([para], width), rich_bytes([para], width)):
        assert render is not None
        assert "116 123" in render, render


SCREENS = [
    ("show", "cbt"),
    ("show", "pcit", "--region", "AU"),
    ("--lang", "es", "show", "dbt"),
    ("list",),
    ("list", "--concern", "trauma"),
    ("hotlines",),
    ("hotlines", "--region", "GB"),
    ("--lang", "es", "hotlines"),
    ("help-now",),
    ("help-now", "--region", "IE"),
    ("ask", "--who", "adult", "--concern", "trauma", "--region", "GB"),
    ("ask", "--crisis", "--who", "teen", "--concern", "abuse"),
    ("--lang", "es", "ask", "--who", "child", "--concern", "child-behavior", "--region", "CA"),
]


@pytest.mark.parametrize("width", [20, 57, 100])
@pytest.mark.parametrize("args", SCREENS, ids=[" ".join(s) for s in SCREENS])
def test_every_screen_is_what_rich_prints(
    runner: Any, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.delenv("TERM")
    fast = run(runner, *args)
    monkeypatch.setattr(doc, "to_unstyled", lambda *a, **k: None)  # Rich lays out everything
    slow = run(runner, *args)
    assert fast.exit_code == slow.exit_code == 0, (fast, slow)
    assert fast.stdout == slow.stdout
    assert [line for line in fast.stdout.splitlines() if line != line.rstrip()] == []


@pytest.mark.parametrize("args", [("show", "cbt"), ("list",), ("hotlines",), ("--lang", "es", "hotlines")])
def test_the_read_commands_take_the_string_layout(
    runner: Any, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    # No panel and no wide character in them: Rich is not asked to lay them out.
    used: list[bool] = []
    real = doc.to_unstyled
    monkeypatch.setattr(doc, "to_unstyled", lambda *a, **k: used.append((out := real(*a, **k)) is not None) or out)
    monkeypatch.delenv("TERM")
    assert run(runner, *args).exit_code == 0
    assert used == [True]


def test_a_label_wider_than_the_screen_is_wrapped_not_cut(runner: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # At 20 columns the Spanish "Profesionales formados" (22 characters) once lost its last letters.
    label = Field("Profesionales formados", (doc.para("x"),))
    for out in (doc.to_unstyled([label], 20), rich_bytes([label], 20)):
        assert out == "Profesionales\nformados\n  x\n"
    monkeypatch.setenv("COLUMNS", "20")
    monkeypatch.delenv("TERM")
    shown = run(runner, "--lang", "es", "show", "dbt").stdout
    assert "Profesionales\nformados\n" in shown


def styled(document: doc.Doc, width: int = 80) -> str:
    """What a colour terminal gets (ANSI styles), as ``output.show`` prints it."""
    import os
    from unittest import mock

    from rich.console import Console

    # A colour terminal: not the suite's TERM=dumb (Rich would lay out 80 columns) or NO_COLOR.
    terminal = {k: v for k, v in os.environ.items() if k not in ("TERM", "NO_COLOR")}
    buffer = io.StringIO()
    with mock.patch.dict(os.environ, terminal, clear=True):
        console = Console(file=buffer, width=width, force_terminal=True, color_system="standard", highlight=False)
        console.print(doc.to_rich(document), crop=False)
    return buffer.getvalue()


def test_a_terminal_gets_every_style_headings_and_labels_too() -> None:
    # A heading's and a label's style is their own, not a span's: once lost in the hanging layout.
    out = styled(
        [
            Heading("Get help now", 1),
            Heading("Support lines", 2),
            Field("Evidence", (doc.para("Rated ", ("well supported", "bold"), "."),)),
            doc.item(("Samaritans", "bold"), ": call 116 123"),
        ]
    )
    assert "\x1b[1;4mGet help now\x1b[0m" in out
    assert "\x1b[1;36mSupport lines\x1b[0m" in out
    assert "\x1b[1mEvidence\x1b[0m" in out
    assert "\x1b[1mwell supported\x1b[0m" in out and "\x1b[1mSamaritans\x1b[0m" in out


@pytest.mark.exhaustive  # generated documents at widths 20-140, in colour through Rich: the full suite runs it
@SETTINGS
@given(documents, st.integers(20, 140))
def test_a_terminal_gets_the_same_layout_with_styles(document: doc.Doc, width: int) -> None:
    import re

    assert re.sub(r"\x1b\[[0-9;]*m", "", styled(document, width)) == rich_bytes(document, width)


@pytest.mark.exhaustive  # generated documents at widths 20-140, in colour through Rich: the full suite runs it
@SETTINGS
@given(documents, st.integers(20, 140))
def test_colour_lines_cut_from_the_string_are_what_rich_splits(document: doc.Doc, width: int) -> None:
    # The styled lines are cut from the string (doc._styled_lines); Rich's own split is the reference.
    from unittest import mock

    fast = styled(document, width)
    with mock.patch.object(doc, "_styled_lines", lambda *a: None):
        assert fast == styled(document, width)
