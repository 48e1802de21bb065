"""End-to-end: the real program in a real pseudo-terminal (pexpect.spawn), real keys."""

from __future__ import annotations

import os
import re

import pexpect
import pytest

from tests.conftest import therapick_exe

DOWN, ENTER, SPACE = "\x1b[B", "\r", " "
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\r")

# The questions in order, and the text that shows each one is on screen.
QUESTIONS = [
    "immediate danger",
    "Who is the support for",
    "What is going on",
    "most like to change",
    "How ready",
    "ways of working",
    "Where are you",
]


def spawn(columns: int = 100, *args: str, **env: str) -> pexpect.spawn:
    full_env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", COLUMNS=str(columns), LINES="50")
    full_env.pop("NO_COLOR", None)  # the suite pins NO_COLOR=1; these tests choose for themselves
    full_env.update(env)
    exe = therapick_exe()
    child = pexpect.spawn(
        exe[0], [*exe[1:], *args], env=full_env, dimensions=(50, columns), encoding="utf-8", timeout=15
    )
    return child


def plain(text: str) -> str:
    return ANSI.sub("", text)


def select(child: pexpect.spawn, index: int) -> None:
    child.send(DOWN * index + ENTER)


def tick(child: pexpect.spawn, indexes: list[int]) -> None:
    position = 0
    for i in sorted(indexes):
        child.send(DOWN * (i - position) + SPACE)
        position = i
    child.send(ENTER)


def finish(child: pexpect.spawn) -> str:
    child.expect(pexpect.EOF)
    child.close()
    return plain(child.before)


def answer_parent_of_four_year_old(child: pexpect.spawn) -> None:
    child.expect("Who is the support for")
    select(child, 3)  # young-child
    child.expect("What is going on")
    tick(child, [6])  # child-behavior
    child.expect("most like to change")
    tick(child, [0])  # change-behavior
    child.expect("How ready")
    select(child, 2)  # preparing
    child.expect("ways of working")
    tick(child, [3])  # play
    child.expect("Where are you")
    select(child, 0)  # US


def test_full_questionnaire() -> None:
    child = spawn()
    child.expect("seven short questions")
    child.expect(QUESTIONS[0])
    child.send("n")
    answer_parent_of_four_year_old(child)
    out = finish(child)
    assert child.exitstatus == 0
    assert "Traceback" not in out
    first = out.index("1. Parent-child interaction therapy (PCIT)")
    assert first < out.index("2. ")
    assert "you said what is going on includes a child's behavior" in out
    assert "Support lines (United States)" in out and "988" in out
    assert "Not medical advice" in out
    assert "Get help now" not in out


def test_crisis_panel_comes_first_then_continue() -> None:
    child = spawn()
    child.expect(QUESTIONS[0])
    child.send("y")
    # The very next thing on screen after the answer is the crisis panel.
    child.expect("Get help now")
    between = plain(child.before)
    assert "Who is the support for" not in between
    child.expect("Would you like to go on")
    panel = plain(child.before)
    assert "911" in panel and "988" in panel and "741741" in panel
    assert "Emergency numbers: US 911" in panel and "GB 999" in panel and "AU 000" in panel
    child.send("y")
    answer_parent_of_four_year_old(child)
    out = finish(child)
    assert child.exitstatus == 0
    results = out[out.index("Where are you") :]
    assert results.index("Get help now") < results.index("1. Parent-child interaction therapy")


def test_crisis_then_stop() -> None:
    child = spawn()
    child.expect(QUESTIONS[0])
    child.send("y")
    child.expect("Would you like to go on")
    child.send("n")
    out = finish(child)
    assert child.exitstatus == 0
    assert "Who is the support for" not in out
    assert "Not medical advice" in out


def test_crisis_region_from_locale() -> None:
    child = spawn(100, LANG="en_GB.UTF-8", LC_ALL="")
    child.expect(QUESTIONS[0])
    child.send("y")
    child.expect("Would you like to go on")
    panel = plain(child.before)
    assert "Samaritans" in panel and "116 123" in panel and "999" in panel
    child.sendcontrol("c")
    finish(child)


@pytest.mark.parametrize("key", ["c", "d"], ids=["ctrl-c", "ctrl-d"])
@pytest.mark.parametrize("stop", range(len(QUESTIONS)), ids=QUESTIONS)
def test_cancel_at_every_question(key: str, stop: int) -> None:
    child = spawn()
    keys = ["n", "\r", " \r", "\r", "\r", "\r"]
    for n, text in enumerate(QUESTIONS):
        child.expect(text)
        if n == stop:
            child.sendcontrol(key)
            break
        child.send(keys[n])
    out = finish(child)
    assert child.exitstatus == 130
    assert "therapick: cancelled; nothing was saved." in out
    assert "Traceback" not in out


def test_checkbox_requires_an_answer() -> None:
    child = spawn()
    child.expect(QUESTIONS[0])
    child.send("n")
    child.expect("Who is the support for")
    select(child, 0)
    child.expect("What is going on")
    child.expect("choose at least one")
    child.send(ENTER)  # nothing ticked: the prompt stays
    with pytest.raises(pexpect.TIMEOUT):
        child.expect("most like to change", timeout=1.5)
    tick(child, [1])
    child.expect("most like to change")
    child.sendcontrol("c")
    finish(child)
    assert child.exitstatus == 130


def test_only_unanswered_questions_are_asked() -> None:
    child = spawn(100, "ask", "--no-crisis", "--who", "adult", "--concern", "trauma", "--region", "GB")
    child.expect("most like to change")
    before = plain(child.before)
    assert "immediate danger" not in before and "Who is the support" not in before
    child.send(ENTER)
    child.expect("How ready")
    child.send(ENTER)
    child.expect("ways of working")
    child.send(ENTER)
    out = finish(child)
    assert child.exitstatus == 0
    assert "Where are you" not in out
    assert "Support lines (United Kingdom)" in out and "116 123" in out


@pytest.mark.parametrize("columns", [40, 200])
def test_nothing_that_matters_is_cut(columns: int) -> None:
    child = spawn(
        columns,
        "ask",
        "--crisis",
        "--who",
        "adult",
        "--concern",
        "substance-use",
        "--concern",
        "abuse",
        "--readiness",
        "not-sure",
    )
    child.expect("Would you like to go on")
    child.send("y")
    child.expect("most like to change")
    child.send(ENTER)
    child.expect("ways of working")
    child.send(ENTER)
    child.expect("Where are you")
    child.send(ENTER)
    out = finish(child)
    assert child.exitstatus == 0
    lines = out.splitlines()
    # Every number stays whole on one line.
    for number in ("911", "988", "741741", "1-800-662-4357", "1-800-799-7233", "1-800-656-4673"):
        assert any(number in line for line in lines), number
    # Every name is there in full (it may wrap between words, never be cut).
    flat = " ".join(" ".join(lines).split())
    for name in (
        "Transtheoretical (stages of change) approach",
        "SAMHSA National Helpline",
        "National Domestic Violence Hotline",
        "988 Suicide & Crisis Lifeline",
    ):
        assert name in flat, name
    assert "…" not in out
    # What therapick itself prints fits the width (prompt_toolkit's redraws of
    # the prompts above are the terminal's business).
    results = out[out.index("Get help now") :].splitlines()
    assert max(len(line) for line in results) <= columns


SGR = re.compile(r"\x1b\[([0-9;]*)m")


def colour_codes(text: str) -> set[str]:
    """SGR parameters that set a colour (30-49, 90-107, 38;..., 48;...)."""
    found = set()
    for params in SGR.findall(text):
        for p in params.split(";"):
            if p.isdigit() and (30 <= int(p) <= 49 or 90 <= int(p) <= 107):
                found.add(p)
    return found


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}], ids=["NO_COLOR", "TERM=dumb"])
def test_no_colour_in_a_real_terminal(env: dict[str, str]) -> None:
    child = spawn(100, "ask", "--who", "adult", "--concern", "trauma", "--region", "US", **env)
    child.expect(QUESTIONS[0])
    child.send("n")
    for text in ("most like to change", "How ready", "ways of working"):
        child.expect(text)
        child.send(ENTER)
    child.expect(pexpect.EOF)
    child.close()
    raw = child.before
    assert child.exitstatus == 0
    results = raw[raw.index("Kinds of help") :]
    assert colour_codes(results) == set()
    if env.get("TERM") == "dumb":
        assert SGR.findall(results) == []
