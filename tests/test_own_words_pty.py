"""End-to-end in a real terminal (issue 24): the person's own words pre-tick the questions, crisis
words bring the lines at once, a breathing practice counts and stops calmly on Ctrl-C, and a
thought record is saved only when the person asks."""

from __future__ import annotations

import stat
import termios
import time
from pathlib import Path

import pexpect
import pytest

from tests.test_pty import (
    DESCRIBE,
    ENTER,
    KEY_GAP,
    QUESTIONS,
    SAVE_OFFER,
    SCREENS_OFFER,
    expect_prompt,
    finish,
    plain,
    press,
    spawn,
    transcript,
    type_words,
)

pytestmark = pytest.mark.slow  # every test here starts a terminal


def test_describing_pre_ticks_the_right_concerns(tmp_path: Path) -> None:
    child = spawn(100, cwd=tmp_path, THERAPICK_REGION="US")
    child.expect(QUESTIONS[0])
    type_words(child, "no")
    expect_prompt(child, DESCRIBE)
    type_words(child, "my 4 year old hits and screams every night")
    expect_prompt(child, "Who is the support for")
    child.expect("»[^\n]*A young child")  # pre-selected: Enter keeps it
    press(child, ENTER)
    expect_prompt(child, "What is going on")
    child.expect("●[^\n]*A child's behavior")  # pre-ticked
    screen = plain(child.before + child.after)
    assert screen.count("●") == 1
    press(child, ENTER)
    for text in (
        "What would you most like to change",
        "How ready",
        "Which ways of working",
        "Do any of these apply",
        "Where are you",
    ):
        expect_prompt(child, text)
        press(child, ENTER)
    expect_prompt(child, SCREENS_OFFER)
    press(child, ENTER)  # the screens: skipped
    expect_prompt(child, SAVE_OFFER)
    press(child, ENTER)
    out = finish(child)
    assert child.exitstatus == 0
    assert "1. Parent-child interaction therapy (PCIT)" in out
    assert "you said what is going on includes a child's behavior" in out
    assert "Get help now" not in out
    assert list(tmp_path.iterdir()) == []


def test_crisis_words_in_the_description_show_the_lines_at_once_then_go_on() -> None:
    child = spawn(100, THERAPICK_REGION="GB")
    child.expect(QUESTIONS[0])
    type_words(child, "no")
    expect_prompt(child, DESCRIBE)
    type_words(child, "i dont want to be here anymore")
    child.expect("Get help now")
    assert "Who is the support for" not in plain(child.before)
    expect_prompt(child, "Who is the support for")
    panel = plain(child.before)
    assert "999" in panel and "Samaritans" in panel and "116 123" in panel
    child.sendcontrol("c")
    finish(child)
    assert child.exitstatus == 130


def test_a_breathing_practice_counts_and_ends_calmly_on_ctrl_c() -> None:
    child = spawn(100, "practice", "breathing")
    before = termios.tcgetattr(child.child_fd)
    child.expect("Relaxed breathing")
    child.expect("Round 1 of 18")
    child.expect("Breathe in  2 / 5")
    child.expect("Breathe in  3 / 5")
    time.sleep(0.3)
    assert termios.tcgetattr(child.child_fd) != before, "the count did not change the terminal: no test"
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    after = termios.tcgetattr(child.child_fd)
    child.close()
    raw = child.logfile_read.getvalue()  # type: ignore[union-attr]
    assert child.exitstatus == 130
    assert after == before
    assert raw.rfind("\x1b[?25h") > raw.rfind("\x1b[?25l")
    out = transcript(child)
    assert "Leicestershire Partnership NHS Trust" in out and "3 to 5 minutes" in out
    assert out.count("therapick: cancelled; nothing was saved.") == 1 and "Traceback" not in out


def test_plain_breathing_prints_its_count_on_lines() -> None:
    # practices.md gives P3 no length ("not stated"): no count of rounds is made up, and Enter ends it.
    child = spawn(100, "--plain", "practice", "panic-breathing")
    child.expect("press Enter to stop")
    child.expect("Round 1: Breathe in: 1 2")
    child.expect("Round 1: Hold: 1 2")
    child.expect("Round 1: Breathe out: 1 2 3 4 5 6")
    child.expect("Round 2: Breathe in: 1")
    press(child, ENTER)
    child.expect("Done. Take a moment before you go on.")
    out = finish(child)
    assert child.exitstatus == 0, out
    assert " of " not in " ".join(line for line in out.splitlines() if line.startswith("Round"))


def test_a_breathing_guide_with_no_length_ends_on_enter() -> None:
    child = spawn(100, "practice", "panic-breathing")
    before = termios.tcgetattr(child.child_fd)
    child.expect("press Enter to stop")
    child.expect("Round 1   Breathe in  2 / 2")
    time.sleep(0.3)
    press(child, ENTER)
    child.expect("Done. Take a moment before you go on.")
    child.expect(pexpect.EOF)
    after = termios.tcgetattr(child.child_fd)
    child.close()
    assert child.exitstatus == 0
    assert after == before


def write_record(child: pexpect.spawn) -> None:
    for n in range(1, 8):
        expect_prompt(child, f"{n}. ")
        type_words(child, f"a{n}")
    child.expect("What you wrote")


@pytest.mark.parametrize("save", [False, True], ids=["declined", "asked"])
def test_a_thought_record_is_saved_only_when_asked(tmp_path: Path, save: bool) -> None:
    child = spawn(100, "practice", "thought-record", cwd=tmp_path)
    write_record(child)
    expect_prompt(child, "Save what you wrote to a file")
    if not save:
        press(child, ENTER)  # the default is no
        finish(child)
        assert child.exitstatus == 0
        assert list(tmp_path.iterdir()) == []
        return
    press(child, "y")
    expect_prompt(child, "File name (Markdown):")
    child.expect(r"therapick-thought-record-\d{4}-\d{2}-\d{2}\.md")  # the name is shown before anything is written
    assert list(tmp_path.iterdir()) == []
    time.sleep(KEY_GAP)
    press(child, ENTER)
    out = finish(child)
    assert child.exitstatus == 0 and "only you can read it" in out
    (saved,) = tmp_path.iterdir()
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    text = saved.read_text(encoding="utf-8")
    assert "## 1. The situation: what happened, where, when?" in text and "a7" in text
    assert "not medical advice" in text


def test_crisis_words_in_a_record_show_the_lines(tmp_path: Path) -> None:
    child = spawn(100, "practice", "thought-record", cwd=tmp_path, THERAPICK_REGION="US")
    expect_prompt(child, "1. ")
    type_words(child, "I want to die")
    child.expect("Get help now")
    expect_prompt(child, "2. ")
    assert "988" in plain(child.before)
    child.sendcontrol("c")
    finish(child)
    assert child.exitstatus == 130
    assert list(tmp_path.iterdir()) == []
