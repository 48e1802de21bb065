"""``therapick safety-plan`` driven in a real pseudo-terminal (issue 9).

The plan is the person's own words, step by step; it is kept only when saved
with ``--save`` (mode 0600, never replacing a file without ``--force``), and
Ctrl-C at any step keeps nothing. Support-line numbers are copied from
shared/facts/helplines.md.
"""

from __future__ import annotations

import stat
import time
from pathlib import Path

import pexpect
import pytest

from tests.test_pty import ENTER, expect_prompt, finish, press, select, spawn, transcript, type_words

pytestmark = pytest.mark.slow  # every test here starts a process or a terminal

# The plan's steps, in order (data/interventions.yaml, safety_plan).

STEPS = [
    "My warning signs",
    "Things I can do on my own",
    "People and places that take my mind off things",
    "People I can ask for help",
    "Professionals and services I can contact",
    "Making my surroundings safer",
    "What matters most to me",
]
WORDS = [
    "racing thoughts at night",
    "a long walk",
    "the library",
    "Sam 0123",
    "Dr Lee",
    "pills to Sam",
    "my sister",
]
NO_REGION = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "THERAPICK_REGION": ""}
REGIONS = ["US", "CA", "GB", "IE", "AU", "other"]


def flat(text: str) -> str:
    """Text with every run of white space made one space (the terminal wraps lines)."""
    return " ".join(text.split())


def step_prompt(n: int) -> str:
    return f"Step {n + 1}: {STEPS[n]}"


def walk(child: pexpect.spawn, words: list[str]) -> None:
    for n, text in enumerate(words):
        expect_prompt(child, step_prompt(n))
        type_words(child, text)


def test_plan_end_to_end_saved_private_with_the_persons_words(tmp_path: Path) -> None:
    child = spawn(100, "safety-plan", "--region", "GB", "--save", "plan.md", cwd=tmp_path)
    walk(child, WORDS)
    out = finish(child)
    assert child.exitstatus == 0
    assert "Traceback" not in out
    intro = flat(out[: out.index("Step 1:")])
    assert "best made or reviewed with a professional or someone you trust" in intro
    # Step 5 showed the region's lines while the person wrote it.
    step5 = out[out.index("Step 5:") : out.index(f"? {step_prompt(4)}")]
    assert "999" in step5 and "Samaritans" in step5 and "116 123" in step5
    # The plan is shown, then saved, privately.
    shown = out[out.index("Your safety plan") :]
    for text in WORDS:
        assert text in shown, text
    assert "saved your plan to plan.md" in out
    saved = tmp_path / "plan.md"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    md = saved.read_text(encoding="utf-8")
    for n, text in enumerate(WORDS):
        assert f"## {n + 1}. {STEPS[n]}\n\n{text}\n" in md, text
    assert "116 123" in md and "Samaritans" in md and "999" in md
    assert "best made or reviewed with a professional or someone you trust" in flat(md)


def test_the_shown_plan_names_every_step_in_full(tmp_path: Path) -> None:
    child = spawn(100, "safety-plan", "--region", "GB", cwd=tmp_path)
    walk(child, [""] * len(STEPS))
    out = finish(child)
    assert child.exitstatus == 0
    shown = flat(out[out.index("Your safety plan") :])
    for n, title in enumerate(STEPS):
        assert f"{n + 1}. {title}" in shown, title


def test_without_save_nothing_is_kept(tmp_path: Path) -> None:
    child = spawn(100, "safety-plan", "--region", "AU", cwd=tmp_path)
    walk(child, ["tired", "", "", "", "", "", ""])
    out = finish(child)
    assert child.exitstatus == 0
    shown = out[out.index("Your safety plan") :]
    assert "tired" in shown and "(left blank)" in shown
    assert "000" in shown and "13 11 14" in shown
    assert "Nothing is kept unless you save it" in flat(shown)
    assert list(tmp_path.iterdir()) == []


def test_region_asked_when_unknown_and_used_in_step_5(tmp_path: Path) -> None:
    child = spawn(100, "safety-plan", "--save", "plan.md", cwd=tmp_path, **NO_REGION)
    expect_prompt(child, "Where are you?")
    select(child, REGIONS.index("IE"))
    walk(child, ["", "", "", "", "my GP", "", ""])
    finish(child)
    assert child.exitstatus == 0
    md = (tmp_path / "plan.md").read_text(encoding="utf-8")
    assert "my GP" in md
    assert "Samaritans Ireland" in md and "116 123" in md and "112" in md
    assert "988" not in md and "911" not in md


@pytest.mark.parametrize("stop", range(len(STEPS)), ids=[f"step-{n + 1}" for n in range(len(STEPS))])
def test_ctrl_c_at_any_step_saves_nothing(stop: int, tmp_path: Path) -> None:
    child = spawn(100, "safety-plan", "--region", "GB", "--save", "plan.md", cwd=tmp_path)
    for n in range(stop):
        expect_prompt(child, step_prompt(n))
        type_words(child, "x")
    expect_prompt(child, step_prompt(stop))
    press(child, "a", "b")  # something typed, not yet entered
    time.sleep(0.1)
    child.sendcontrol("c")
    out = finish(child)
    assert child.exitstatus == 130
    assert out.rstrip().splitlines()[-1] == "therapick: cancelled; nothing was saved."
    assert "Traceback" not in out and "saved your plan" not in out
    assert "Your safety plan" not in out
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_at_the_region_saves_nothing(tmp_path: Path) -> None:
    child = spawn(100, "safety-plan", "--save", "plan.md", cwd=tmp_path, **NO_REGION)
    expect_prompt(child, "Where are you?")
    time.sleep(0.1)
    child.sendcontrol("c")
    finish(child)
    assert child.exitstatus == 130
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_refused_before_any_step(tmp_path: Path) -> None:
    mine = tmp_path / "plan.md"
    mine.write_text("my own plan\n", encoding="utf-8")
    child = spawn(100, "safety-plan", "--region", "GB", "--save", "plan.md", cwd=tmp_path)
    out = finish(child)
    assert child.exitstatus == 4
    assert "plan.md" in out and "--force" in out
    assert "Step 1" not in out
    assert mine.read_text(encoding="utf-8") == "my own plan\n"


def test_force_replaces_the_file_privately(tmp_path: Path) -> None:
    mine = tmp_path / "plan.md"
    mine.write_text("old plan\n", encoding="utf-8")
    mine.chmod(0o644)
    child = spawn(100, "safety-plan", "--region", "GB", "--save", "plan.md", "--force", cwd=tmp_path)
    walk(child, ["new words", "", "", "", "", "", ""])
    finish(child)
    assert child.exitstatus == 0
    md = mine.read_text(encoding="utf-8")
    assert "new words" in md and "old plan" not in md
    assert stat.S_IMODE(mine.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]


def test_plan_steps_ignore_a_paste(tmp_path: Path) -> None:
    child = spawn(100, "safety-plan", "--region", "GB", "--save", "plan.md", cwd=tmp_path)
    expect_prompt(child, step_prompt(0))
    time.sleep(0.1)
    child.send("pasted words\r" * 40)
    time.sleep(1.0)
    assert transcript(child).count(f"? {step_prompt(1)}") == 0  # the paste did not answer step 1
    type_words(child, "typed")
    for n in range(1, len(STEPS)):
        expect_prompt(child, step_prompt(n))
        press(child, ENTER)
    finish(child)
    assert child.exitstatus == 0
    md = (tmp_path / "plan.md").read_text(encoding="utf-8")
    assert "typed" in md and "pasted" not in md
