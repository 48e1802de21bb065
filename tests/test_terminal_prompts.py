"""The prompts in a real pseudo-terminal (issues 18 and 21): any encoding, a stop and
``fg``, "not sure" at the danger question, pastes, plain mode, and lines that
break only between words.

Support-line numbers are copied from shared/facts/helplines.md.
"""

from __future__ import annotations

import os
import re
import signal
import termios
import time
from pathlib import Path

import pexpect
import pyte
import pytest

from tests.conftest import KB_PATH, load_yaml
from tests.test_pty import (
    ENTER,
    KEEP_GOING,
    SAVE_OFFER,
    SCREENS_OFFER,
    answer_no_danger,
    answer_parent_of_four_year_old,
    decline_to_save,
    drain,
    expect_prompt,
    finish,
    press,
    skip_describe,
    spawn,
    transcript,
    type_words,
)

pytestmark = pytest.mark.slow  # every test here starts a process or a terminal

DANGER = "First, are you or the person you are asking for in immediate danger"
LATIN1 = {"PYTHONIOENCODING": "latin-1"}
ASCII = {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0", "PYTHONIOENCODING": ""}
ENCODINGS = [(LATIN1, "latin-1"), (ASCII, "ascii")]


def screen(child: pexpect.spawn, columns: int, rows: int = 50) -> list[str]:
    """What the terminal shows now, line by line, as a terminal emulator draws what the program wrote."""
    time.sleep(0.3)
    drain(child)
    shown = pyte.Screen(columns, rows)
    pyte.Stream(shown).feed(child.logfile_read.getvalue())
    lines = [line.rstrip() for line in shown.display]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def flat(lines: list[str] | str) -> str:
    text = lines if isinstance(lines, str) else " ".join(lines)
    return " ".join(text.split())


# --------------------------------------------------------------------------
# Any encoding


@pytest.mark.parametrize(("env", "encoding"), ENCODINGS, ids=["latin-1", "ascii"])
def test_the_whole_questionnaire_in_any_encoding(env: dict[str, str], encoding: str, tmp_path: Path) -> None:
    # The terminal's bytes are read in its encoding: under ASCII, any other byte fails the test.
    child = spawn(100, cwd=tmp_path, encoding=encoding, **env)
    child.expect("a few short questions")
    answer_no_danger(child)  # typed, key by key
    answer_parent_of_four_year_old(child)
    decline_to_save(child)
    out = finish(child)
    assert child.exitstatus == 0, out[-500:]
    assert "internal error" not in out and "Traceback" not in out
    assert "1. Parent-child interaction therapy (PCIT)" in out
    assert "988" in out and "Not medical advice" in out
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("env", "encoding"), ENCODINGS, ids=["latin-1", "ascii"])
def test_yes_at_the_danger_question_in_any_encoding(env: dict[str, str], encoding: str) -> None:
    child = spawn(100, encoding=encoding, THERAPICK_REGION="US", **env)
    expect_prompt(child, DANGER)
    type_words(child, "yes")
    child.expect("Get help now")
    child.expect(KEEP_GOING)
    assert "988" in transcript(child) and "911" in transcript(child)
    press(child, "n")
    out = finish(child)
    assert child.exitstatus == 0
    assert "internal error" not in out


def test_si_typed_in_a_latin1_terminal() -> None:
    child = spawn(100, "--lang", "es", encoding="latin-1", THERAPICK_REGION="US", **LATIN1)
    expect_prompt(child, "Primero: ¿tú o la persona")
    type_words(child, "sí")  # í is one byte (0xED) in Latin-1
    child.expect("Busca ayuda ahora")
    child.expect(r"\(s/N\)")
    press(child, "n")
    finish(child)
    assert child.exitstatus == 0


# --------------------------------------------------------------------------
# A stop, and fg


def state(child: pexpect.spawn) -> str:
    """The process's state letter from /proc (T: stopped)."""
    return Path(f"/proc/{child.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def wait_for_state(child: pexpect.spawn, wanted: str) -> None:
    for _ in range(100):
        if state(child) == wanted:
            return
        time.sleep(0.05)
    raise AssertionError(f"process state {state(child)!r}, not {wanted!r}")


def in_a_shell(*args: str) -> pexpect.spawn:
    """An interactive bash in a pty (job control on), running therapick as its foreground job.

    A process started straight in a pty is in an orphaned process group, where the
    kernel ignores a stop by SIGTSTP; under a shell, Ctrl-Z and ``fg`` work as they do
    for a person.
    """
    import io
    import shlex

    from tests.conftest import therapick_exe

    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", COLUMNS="100", LINES="50", PS1="$ ")
    env.update(THERAPICK_REGION="US", HISTFILE="/dev/null")
    env.pop("NO_COLOR", None)
    child = pexpect.spawn(
        "bash", ["--norc", "--noprofile", "-i"], env=env, dimensions=(50, 100), encoding="utf-8", timeout=15
    )
    child.logfile_read = io.StringIO()
    child.expect_exact("$ ")
    child.sendline(shlex.join([*therapick_exe(), *args]))
    return child


@pytest.mark.parametrize("how", ["ctrl-z", "SIGTSTP"])
def test_the_danger_question_answers_after_ctrl_z_and_fg(how: str) -> None:
    child = in_a_shell()
    expect_prompt(child, DANGER)
    time.sleep(0.3)
    if how == "ctrl-z":
        child.send("\x1a")
    else:
        os.killpg(os.tcgetpgrp(child.child_fd), signal.SIGTSTP)
    child.expect("Stopped")
    child.expect_exact("$ ")
    child.sendline("fg")
    child.expect("then press enter")  # the question is drawn again
    time.sleep(0.3)
    assert not termios.tcgetattr(child.child_fd)[3] & termios.ICANON  # in its own mode again
    type_words(child, "yes")  # one key at a time: each a keystroke, not one cooked line taken for a paste
    child.expect("Get help now")
    child.expect(KEEP_GOING)
    assert "988" in transcript(child)
    press(child, "n")
    child.expect_exact("$ ")
    child.sendline("exit")
    out = finish(child)
    assert "A paste answers nothing" not in out and "Traceback" not in out


def test_the_danger_question_answers_after_sigstop_and_sigcont() -> None:
    child = spawn(100, THERAPICK_REGION="US")
    cooked = termios.tcgetattr(child.child_fd)  # the pty's modes before the program changes them
    expect_prompt(child, DANGER)
    time.sleep(0.3)
    assert not termios.tcgetattr(child.child_fd)[3] & termios.ICANON  # the question's raw mode
    child.kill(signal.SIGSTOP)  # no handler can run: only SIGCONT's
    wait_for_state(child, "T")
    termios.tcsetattr(child.child_fd, termios.TCSANOW, cooked)  # as a shell leaves it
    drain(child)
    os.kill(child.pid, signal.SIGCONT)
    child.expect("then press enter")
    time.sleep(0.2)
    assert not termios.tcgetattr(child.child_fd)[3] & termios.ICANON
    type_words(child, "yes")
    child.expect("Get help now")
    child.expect(KEEP_GOING)
    press(child, "n")
    out = finish(child)
    assert child.exitstatus == 0
    assert "A paste answers nothing" not in out


def test_a_stop_at_a_plan_step_keeps_what_was_typed(tmp_path: Path) -> None:
    child = spawn(100, "safety-plan", "--region", "GB", "--save", "plan.md", cwd=tmp_path)
    cooked = termios.tcgetattr(child.child_fd)
    expect_prompt(child, "Step 1: My warning signs")
    press(child, "a", "b")
    time.sleep(0.3)
    child.kill(signal.SIGSTOP)
    wait_for_state(child, "T")
    termios.tcsetattr(child.child_fd, termios.TCSANOW, cooked)
    os.kill(child.pid, signal.SIGCONT)
    child.expect("Step 1: My warning signs")  # drawn again, with what was typed
    time.sleep(0.3)
    type_words(child, "c")
    for text in ("anything more?", "Step 2", "Step 3", "Step 4", "Step 5", "Step 6", "Step 7"):
        child.expect(text)
        press(child, ENTER)
    finish(child)
    assert child.exitstatus == 0
    assert "## 1. My warning signs\n\nabc\n" in (tmp_path / "plan.md").read_text(encoding="utf-8")


# --------------------------------------------------------------------------
# Not sure is a reason to show help


@pytest.mark.parametrize("words", ["maybe", "Not sure", "IDK", "not sure."])
def test_not_sure_shows_the_crisis_lines_and_goes_on(words: str) -> None:
    child = spawn(100, THERAPICK_REGION="US")
    expect_prompt(child, DANGER)
    type_words(child, words)
    child.expect("Get help now")
    child.expect(KEEP_GOING)
    shown = transcript(child)
    assert "988" in shown and "911" in shown
    press(child, "y")  # and goes on, as after yes
    answer_parent_of_four_year_old(child)
    decline_to_save(child)
    out = finish(child)
    assert child.exitstatus == 0
    results = out[out.index("Where are you") :]
    assert results.index("Get help now") < results.index("1. Parent-child interaction therapy")


@pytest.mark.parametrize("words", ["no sé", "NO SE", "quizás", "Quizas"])
def test_no_se_shows_the_crisis_lines_in_spanish(words: str) -> None:
    child = spawn(100, "--lang", "es", THERAPICK_REGION="US")
    expect_prompt(child, "Primero: ¿tú o la persona")
    type_words(child, words)
    child.expect("Busca ayuda ahora")
    child.expect(r"\(s/N\)")
    assert "988" in transcript(child)
    press(child, "n")
    finish(child)
    assert child.exitstatus == 0


def test_other_words_are_answered_next_to_the_prompt() -> None:
    child = spawn(100, THERAPICK_REGION="US")
    expect_prompt(child, DANGER)
    type_words(child, "hello")
    child.expect("is not yes or no")
    lines = screen(child, 100)
    at = next(n for n, line in enumerate(lines) if "is not yes or no" in line)
    # The words are right under the question, not on a bar at the bottom of the screen.
    assert any("then press enter" in line for line in lines[max(0, at - 3) : at])
    assert "“hello” is not yes or no" in flat(lines) and "type not sure" in flat(lines)
    with pytest.raises(pexpect.TIMEOUT):
        child.expect(["Get help now", "Who is the support for"], timeout=1)
    child.sendcontrol("c")
    finish(child)
    assert child.exitstatus == 130


# --------------------------------------------------------------------------
# Pastes


BRACKETED = "\x1b[200~{}\x1b[201~"


@pytest.mark.parametrize("how", ["bracketed", "burst"])
def test_a_paste_at_the_danger_question_answers_nothing_and_says_so(how: str) -> None:
    child = spawn(100, THERAPICK_REGION="US")
    expect_prompt(child, DANGER)
    time.sleep(0.2)
    child.send(BRACKETED.format("yes\r") if how == "bracketed" else "yes\r")
    child.expect("A paste answers nothing here: type yes or no, then press enter.")
    with pytest.raises(pexpect.TIMEOUT):
        child.expect(["Get help now", "Who is the support for"], timeout=1)
    time.sleep(0.4)  # past the paste window: typing answers
    type_words(child, "no")
    skip_describe(child)
    expect_prompt(child, "Who is the support for")
    child.sendcontrol("c")
    finish(child)
    assert child.exitstatus == 130


@pytest.mark.parametrize("how", ["bracketed", "burst"])
def test_a_paste_at_a_choice_answers_nothing_and_says_so(how: str) -> None:
    child = spawn(100, "ask", "--no-crisis")
    skip_describe(child)
    expect_prompt(child, "Who is the support for")
    time.sleep(0.2)
    child.send(BRACKETED.format("\x1b[B\x1b[B\r") if how == "bracketed" else "\x1b[B\x1b[B\r")
    child.expect("A paste answers nothing here: use the arrow keys, then press enter.")
    with pytest.raises(pexpect.TIMEOUT):
        child.expect("What is going on", timeout=1)
    child.sendcontrol("c")
    finish(child)
    assert child.exitstatus == 130


# --------------------------------------------------------------------------
# Plain mode


CURSOR_MOVES = re.compile(r"\x1b\[[0-9;?]*[A-HJKSTfGdsulh]|\x1b[78DEM]|\r(?!\n)")


@pytest.mark.parametrize("how", [("--plain",), ()], ids=["--plain", "TERM=dumb"])
def test_plain_mode_asks_in_numbered_lines(how: tuple[str, ...], tmp_path: Path) -> None:
    env = {"TERM": "dumb"} if not how else {}
    child = spawn(80, *how, "ask", cwd=tmp_path, **env)
    child.expect("Type yes or no, then press enter:")
    type_words(child, "no")
    skip_describe(child)  # the person's own words: Enter skips
    child.expect("Who is the support for")
    child.expect("  4. A young child")  # numbered options, one a line
    child.expect("Type a number, then press enter:")
    type_words(child, "4")
    child.expect("Chosen: A young child")
    child.expect("Type one or more numbers")
    type_words(child, "child-behavior")  # an answers-file id works too
    child.expect("most like to change")
    child.expect("enter alone: none")
    type_words(child, "1")
    child.expect("How ready")
    child.expect("Type a number")
    type_words(child, "9")  # not an option: said, and asked again
    child.expect("from 1 to 5")
    type_words(child, "3")
    child.expect("ways of working")
    child.expect("then press enter")
    type_words(child, "4")
    child.expect("Do any of these apply")
    child.expect("then press enter")
    press(child, ENTER)
    child.expect("Where are you")
    child.expect("Type a number")
    type_words(child, "1")
    child.expect(SCREENS_OFFER)
    child.expect(r"enter alone: No\):")
    press(child, ENTER)  # skipped
    child.expect(SAVE_OFFER)
    child.expect(r"enter alone: No\):")
    press(child, ENTER)
    child.expect(pexpect.EOF)
    child.close()
    raw = child.logfile_read.getvalue()
    assert child.exitstatus == 0
    assert "1. Parent-child interaction therapy (PCIT)" in transcript(child)
    assert CURSOR_MOVES.findall(raw) == []
    assert "\x1b" not in raw  # nothing but text and line ends
    assert list(tmp_path.iterdir()) == []


def test_plain_mode_refuses_a_paste_at_the_danger_question() -> None:
    child = spawn(80, "--plain", THERAPICK_REGION="US")
    child.expect("Type yes or no, then press enter:")
    time.sleep(0.2)
    child.send("yes\r")
    child.expect("A paste answers nothing here")
    with pytest.raises(pexpect.TIMEOUT):
        child.expect("Get help now", timeout=1)
    time.sleep(0.4)
    type_words(child, "maybe")
    child.expect("Get help now")
    child.expect(KEEP_GOING)
    type_words(child, "n")
    finish(child)
    assert child.exitstatus == 0


def test_plain_mode_keeps_a_paste_in_a_plan_step(tmp_path: Path) -> None:
    child = spawn(80, "--plain", "safety-plan", "--region", "GB", "--save", "plan.md", cwd=tmp_path)
    child.expect("Step 1: My warning signs")
    child.expect("enter alone leaves it blank")
    time.sleep(0.2)
    child.send("Sam 07700 900123\r")
    time.sleep(0.5)
    press(child, "!", ENTER)
    child.expect("anything more")
    for _ in range(7):
        child.expect("then press enter")
        press(child, ENTER)
    finish(child)
    assert child.exitstatus == 0
    assert "## 1. My warning signs\n\nSam 07700 900123 !\n" in (tmp_path / "plan.md").read_text(encoding="utf-8")


# --------------------------------------------------------------------------
# Lines break between words


def kb_texts() -> tuple[dict[str, str], dict[str, list[str]]]:
    data = load_yaml(KB_PATH.read_text(encoding="utf-8"))
    questions = {q["id"]: q["text"] for q in data["questionnaire"]["questions"]}
    options = {q["id"]: [o["label"] for o in q.get("options", [])] for q in data["questionnaire"]["questions"]}
    return questions, options


@pytest.mark.parametrize("columns", [80, 100])
def test_prompts_options_and_echoes_break_between_words(columns: int) -> None:
    questions, options = kb_texts()
    child = spawn(columns, "ask", "--no-crisis", "--who", "adult", "--concern", "trauma")
    expect_prompt(child, "What would you most like to change")
    press(child, "\x1b[B", "\x1b[B", " ", ENTER)  # coping skills
    for text in ("How ready", "Which ways of working"):
        expect_prompt(child, text)
        press(child, ENTER)
    expect_prompt(child, "Do any of these apply")
    lines = screen(child, columns)
    start = max(n for n, line in enumerate(lines) if line.startswith("? Do any of these apply"))
    asked = lines[start:]
    assert all(len(line) <= columns for line in asked)
    shown = flat(asked)
    assert flat(questions["groups"]) in shown  # the question whole, wrapped between words
    for label in options["groups"]:
        assert flat(label) in shown, label  # every option whole: "... Islander in Australia"
    # The echo of the answered question, whole: "Develop coping skills", never "Develop c / oping".
    assert "? What would you most like to change? Choose any. Develop coping skills" in flat(lines)
    press(child, ENTER)
    expect_prompt(child, "Where are you")
    lines = screen(child, columns)
    shown = flat(lines[max(n for n, line in enumerate(lines) if line.startswith("? Where are you")) :])
    for label in options["region"]:
        assert flat(label) in shown, label
    child.sendcontrol("c")
    finish(child)


@pytest.mark.parametrize("columns", [80, 100])
def test_the_danger_question_breaks_between_words(columns: int) -> None:
    questions, _ = kb_texts()
    child = spawn(columns)
    expect_prompt(child, DANGER)
    lines = screen(child, columns)
    start = max(n for n, line in enumerate(lines) if line.startswith("? First"))
    shown = flat(lines[start:])
    assert f"? {flat(questions['crisis'])} (type yes or no, then press enter)" in shown
    assert all(len(line) <= columns for line in lines[start:])
    type_words(child, "no")
    skip_describe(child)
    expect_prompt(child, "Who is the support for")
    lines = screen(child, columns)
    assert f"? {flat(questions['crisis'])} no" in flat(lines)
    child.sendcontrol("c")
    finish(child)


def test_plain_mode_takes_a_screen_by_number(tmp_path: Path) -> None:
    child = spawn(80, "--plain", "screen", "phq9", cwd=tmp_path, THERAPICK_REGION="US")
    for n in range(1, 10):
        child.expect(f"PHQ-9 {n}/9")
        child.expect("Type a number from 0 to 3, then press enter:")
        type_words(child, "4" if n == 1 else "0")  # not on the scale: said, and asked again
        if n == 1:
            child.expect("Type a number from 0 to 3, then press enter.")
            type_words(child, "0")
    out = finish(child)  # all "not at all": no question about how difficult
    assert child.exitstatus == 0
    assert "0 of 27" in out
    assert "\x1b" not in child.logfile_read.getvalue()
