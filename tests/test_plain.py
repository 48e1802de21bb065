"""Plain mode: `--plain` (and TERM=dumb) gives linear text for a screen reader or a dumb terminal.

Every line fits the terminal's width, nothing is drawn (no boxes, no
bullets or arrows), and headings stand on lines of their own.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from .conftest import run

DRAWN = re.compile("[\u2500-\u257f\u2580-\u259f\u25a0-\u25ff•»«○●◆▶►→✓✔✗]")

SCREENS: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    # (id, arguments, headings that must stand on lines of their own)
    ("show", ("show", "cbt"), ("Cognitive behavioral therapy (CBT)",)),
    ("show-region", ("show", "dbt", "--region", "GB"), ("Dialectical behavior therapy (DBT)",)),
    ("list", ("list",), ("Cognitive-behavioral therapies", "Relationship-based interventions")),
    ("list-concern", ("list", "--concern", "trauma"), ("Cognitive-behavioral therapies",)),
    ("hotlines", ("hotlines",), ("United States (US): emergency 911", "Australia (AU): emergency 000")),
    ("hotlines-gb", ("hotlines", "--region", "GB"), ("United Kingdom (GB): emergency 999 (112 also works)",)),
    ("help-now", ("help-now",), ("Get help now",)),
    ("help-now-region", ("help-now", "--region", "US"), ("Get help now",)),
    (
        "ask",
        ("ask", "--who", "adult", "--concern", "trauma", "--region", "GB"),
        (
            "Kinds of help to talk over with a professional",
            "Support lines (United Kingdom)",
            "Finding a professional",
            "Good to know",
            "Not medical advice",
        ),
    ),
    ("ask-no-region", ("ask", "--who", "teen", "--concern", "anxiety-depression"), ("Support lines",)),
    (
        "ask-crisis",
        ("ask", "--crisis", "--who", "adult", "--concern", "trauma", "--region", "AU"),
        ("Get help now", "Kinds of help to talk over with a professional"),
    ),
    ("ask-crisis-no-region", ("ask", "--crisis", "--who", "family", "--concern", "abuse"), ("Get help now",)),
    ("ask-top", ("ask", "--who", "child", "--concern", "child-behavior", "--region", "CA", "--top", "11"), ()),
]


def _screen(runner: Any, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], how: str, width: int = 60) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    if how == "--plain":
        monkeypatch.setenv("TERM", "xterm-256color")
        ran = run(runner, "--plain", *args)
    else:
        monkeypatch.setenv("TERM", "dumb")
        ran = run(runner, *args)
    assert ran.exit_code == 0, ran
    assert ran.stdout.strip(), args
    return ran.stdout


def is_link(word: str) -> bool:
    return word.startswith(("https://", "http://"))


def fits(line: str, width: int) -> bool:
    """Within the width, or a link alone after its indent: a web address is never split."""
    if len(line) <= width:
        return True
    words = line.split()
    return is_link(words[-1]) and len(" ".join(words[:-1])) < width


@pytest.mark.parametrize("how", ["--plain", "TERM=dumb"])
@pytest.mark.parametrize(("args", "headings"), [s[1:] for s in SCREENS], ids=[s[0] for s in SCREENS])
def test_plain_fits_60_columns_and_draws_nothing(
    runner: Any, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], headings: tuple[str, ...], how: str
) -> None:
    text = _screen(runner, monkeypatch, args, how)
    lines = text.splitlines()
    too_long = [line for line in lines if not fits(line, 60)]
    assert not too_long, too_long
    drawn = sorted({ch for ch in text if DRAWN.match(ch)})
    assert not drawn, drawn
    assert "\x1b" not in text  # no colour or cursor codes
    assert not any(line != line.rstrip() for line in lines)  # no padding to the width
    for heading in headings:
        assert heading in lines, (heading, lines[:20])
        n = lines.index(heading)
        assert n == 0 or lines[n - 1] == "", heading  # a line of its own, set off from what precedes it
        assert lines[n + 1] == "", heading


@pytest.mark.parametrize(("args", "_headings"), [s[1:] for s in SCREENS], ids=[s[0] for s in SCREENS])
def test_term_dumb_is_the_same_as_plain(
    runner: Any, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], _headings: tuple[str, ...]
) -> None:
    assert _screen(runner, monkeypatch, args, "--plain") == _screen(runner, monkeypatch, args, "TERM=dumb")


@pytest.mark.parametrize("width", [40, 60, 100])
def test_plain_follows_the_terminal_width(runner: Any, monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    text = _screen(runner, monkeypatch, ("show", "cbt"), "--plain", width)
    assert all(fits(line, width) for line in text.splitlines())
    longest = max(len(line) for line in text.splitlines() if not line.split() or not is_link(line.split()[-1]))
    assert longest <= width
    assert longest > width - 15  # it uses the width it has, not a fixed 80 or 60


def test_plain_keeps_every_number(runner: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _screen(runner, monkeypatch, ("hotlines", "--region", "GB"), "--plain")
    joined = " ".join(text.split())  # a number may not be broken across lines
    for number in ("999", "116 123", "85258", "jo@samaritans.org"):
        assert number in joined, number
    items = [line for line in text.splitlines() if line.startswith("- ")]
    assert items and all(not DRAWN.search(line) for line in items)
    assert "- Samaritans: call 116 123 (free); email jo@samaritans.org" in text


def test_plain_help_now_says_the_emergency_number_first(runner: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _screen(runner, monkeypatch, ("help-now", "--region", "AU"), "--plain")
    lines = [line for line in text.splitlines() if line]
    assert lines[0] == "Get help now"
    assert lines[1].startswith("If you or someone else is in immediate danger, call 000")
    assert "13 11 14" in " ".join(text.split())


def test_a_line_area_is_said_once(runner: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    text = " ".join(_screen(runner, monkeypatch, ("hotlines", "--region", "GB"), "--plain").split())
    assert "For urgent mental-health help in England." in text  # the purpose names the area already
    assert "in England. In England." not in text
