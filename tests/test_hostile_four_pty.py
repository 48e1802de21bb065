"""Hardening, fourth round, in real terminals and processes (the in-process cases are in
tests/test_hostile_four.py).

A knowledge base named ``-`` with nothing piped in is refused at once (it waited, blank, on the
person's own keys, and the crisis lines with it); Ctrl-C while a piped one is read still gives the
lines; a burst of keys that holds Ctrl-C or Ctrl-D cancels, as the key alone does.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pexpect
import pytest

from tests.conftest import KB_PATH, therapick_exe
from tests.test_pty import DESCRIBE, QUESTIONS, finish, press, spawn, type_words

pytestmark = pytest.mark.slow  # every test here starts a process or a terminal

GB = ("call 999", "116 123")  # literals from the checked facts: the UK's emergency number and first crisis line
EVERY_REGION = ("United States: 911", "United Kingdom: 999", "Spain: 112")
TERMINAL = "standard input is a terminal, not a file"


# --------------------------------------------------------------------------
# 1. A knowledge base read from a terminal


@pytest.mark.parametrize(
    ("args", "env", "lines"),
    [
        (["help-now"], {"THERAPICK_KB": "-"}, EVERY_REGION),
        (["help-now", "--region", "GB"], {"THERAPICK_KB": "-"}, GB),
        (["--kb", "-", "help-now", "--region", "GB"], {}, GB),
        (["help-now", "--kb", "-"], {}, EVERY_REGION),
        (["--kb", "-", "ask", "--crisis", "--region", "GB"], {}, GB),
    ],
)
def test_a_knowledge_base_from_the_terminal_is_refused_at_once(
    args: list[str], env: dict[str, str], lines: tuple[str, ...]
) -> None:
    child = spawn(100, *args, **env)
    started = time.monotonic()
    out = finish(child)
    assert time.monotonic() - started < 10  # it waited for the person's keys before
    assert child.exitstatus == 3
    for words in lines:
        assert words in out
    said = [ln for ln in out.splitlines() if ln.startswith("therapick:")]
    assert len(said) == 1 and TERMINAL in said[0], said
    assert out.index(lines[-1]) < out.index("therapick:")  # the lines first


def test_ask_with_a_knowledge_base_from_the_terminal_asks_the_danger_question_then_stops() -> None:
    child = spawn(100, "ask", THERAPICK_KB="-")
    child.expect(QUESTIONS[0])
    type_words(child, "no")
    out = finish(child)
    assert child.exitstatus == 3
    assert TERMINAL in out


def test_a_piped_knowledge_base_is_read() -> None:
    p = subprocess.run(
        [*therapick_exe(), "help-now", "--region", "GB"],
        input=KB_PATH.read_bytes(),
        capture_output=True,
        env=dict(os.environ, THERAPICK_KB="-"),
        timeout=60,
    )
    assert (p.returncode, p.stderr) == (0, b"")
    assert all(w.encode() in p.stdout for w in GB)


def _reading_a_pipe(pid: int) -> bool:
    try:
        return "pipe" in Path(f"/proc/{pid}/wchan").read_text()
    except OSError:
        return False


@pytest.mark.parametrize("args", [["help-now", "--region", "GB"], ["ask", "--crisis", "--region", "GB"]])
def test_ctrl_c_while_a_piped_knowledge_base_is_read_still_shows_the_lines(args: list[str]) -> None:
    """A pipe that never ends (``sleep 100 | THERAPICK_KB=- therapick help-now``): Ctrl-C gives the lines."""
    p = subprocess.Popen(
        [*therapick_exe(), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(os.environ, THERAPICK_KB="-"),
    )
    end = time.monotonic() + 20
    while time.monotonic() < end and not _reading_a_pipe(p.pid):
        time.sleep(0.05)
    time.sleep(0.2)
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=60)
    assert p.returncode == 130, err
    assert all(w.encode() in out for w in GB)
    assert err.decode().strip() == "therapick: cancelled; nothing was saved."


def test_a_usage_error_in_a_terminal_shows_the_lines() -> None:
    child = spawn(100, "help-now", "--region", "GB", "--bogus")
    out = finish(child)
    assert child.exitstatus == 2
    assert all(w in out for w in GB)
    assert "No such option: --bogus" in out
    assert out.index("116 123") < out.index("therapick: error")


# --------------------------------------------------------------------------
# 3. A burst of keys that holds Ctrl-C or Ctrl-D cancels


ESC, CTRL_C, CTRL_D, ENTER = "\x1b", "\x03", "\x04", "\r"
# How a burst holding the key arrives: Esc then Ctrl-C in one read; Esc, then Ctrl-C within 0.2 s
# (inside the paste window); typed letters then the key in one read.
BURSTS = {
    "esc+ctrl-c": [ESC + CTRL_C],
    "esc, ctrl-c 0.1 s later": [ESC, CTRL_C],
    "esc+ctrl-d": [ESC + CTRL_D],
    "yes+ctrl-c": ["yes" + CTRL_C],
    "ctrl-d+no": [CTRL_D + "no"],
}


def _send_burst(child: pexpect.spawn, parts: list[str]) -> None:
    for n, part in enumerate(parts):
        if n:
            time.sleep(0.1)
        child.send(part)


def _reach(child: pexpect.spawn, where: str) -> None:
    """Answer up to the prompt ``where``: the danger question, the person's own words (a text
    field), who it is for (a choice), what is going on (checkboxes)."""
    child.expect(QUESTIONS[0])
    if where == "danger":
        return
    type_words(child, "no")
    child.expect(DESCRIBE)
    if where == "own words":
        return
    press(child, ENTER)
    child.expect(QUESTIONS[1])
    if where == "who":
        return
    press(child, ENTER)
    child.expect(QUESTIONS[2])


# Every burst at the danger question; Esc with each key at every other kind of prompt.
CASES = [("danger", b) for b in BURSTS] + [
    (where, b) for where in ("own words", "who", "concerns") for b in ("esc+ctrl-c", "esc+ctrl-d")
]


@pytest.mark.parametrize(("where", "burst"), CASES, ids=[f"{w}: {b}" for w, b in CASES])
def test_a_burst_holding_ctrl_c_or_ctrl_d_cancels(where: str, burst: str, tmp_path: Path) -> None:
    child = spawn(100, "ask", cwd=tmp_path, THERAPICK_REGION="GB")
    _reach(child, where)
    time.sleep(0.4)  # past the paste window of the last key typed
    _send_burst(child, BURSTS[burst])
    out = finish(child)
    assert child.exitstatus == 130, out[-400:]
    assert "A paste answers nothing" not in out
    assert out.rstrip().endswith("therapick: cancelled; nothing was saved.")
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------
# 6. A language setting with a hidden character, in the questionnaire: a warning, then English


def test_a_hidden_character_in_the_language_is_a_warning_and_the_questions_go_on_in_english() -> None:
    child = spawn(100, "ask", THERAPICK_LANG="es\x1b[2J")
    child.expect("warning: THERAPICK_LANG:")
    child.expect(QUESTIONS[0])  # in English
    type_words(child, "no")
    child.expect(DESCRIBE)
    child.sendcontrol("c")
    out = finish(child)
    assert child.exitstatus == 130
    assert "holds U+001B (ESCAPE): control and invisible characters are not allowed; going on in English" in out
    assert "peligro" not in out
