"""``therapick safety-plan`` driven in a real pseudo-terminal (issues 9 and 21).

The plan is the person's own words, step by step, as many entries a step as
they give; a paste or dictation into a step is kept as text. It is saved to
``--save`` (mode 0600, never replacing a file without ``--force``), or,
without it, offered for saving at the end: the file name is shown and asked
about before anything is written. Ctrl-C at any step keeps nothing.
Support-line numbers are copied from shared/facts/helplines.md.
"""

from __future__ import annotations

import stat
import time
from pathlib import Path

import pexpect
import pytest

from tests.test_pty import (
    ENTER,
    expect_prompt,
    finish,
    on_screen,
    pick_region,
    press,
    spawn,
    transcript,
    type_words,
)

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


def flat(text: str) -> str:
    """Text with every run of white space made one space (the terminal wraps lines)."""
    return " ".join(text.split())


def step_prompt(n: int) -> str:
    return f"Step {n + 1}: {STEPS[n]}"


def more_prompt(n: int) -> str:
    return f"{step_prompt(n)}: anything more?"


def walk(child: pexpect.spawn, words: list[str]) -> None:
    """Answer each step with its words (one entry), and Enter alone at its "anything more?"."""
    for n, text in enumerate(words):
        expect_prompt(child, step_prompt(n))
        type_words(child, text)
        if text:
            expect_prompt(child, more_prompt(n))
            press(child, ENTER)


PLAN_OFFER = "Save your plan to a file"


def decline_to_save(child: pexpect.spawn) -> None:
    expect_prompt(child, PLAN_OFFER)
    child.expect(r"\(Y/n\)")  # the offer defaults to yes: the person's own words are not lost by default
    press(child, "n")


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
    decline_to_save(child)
    out = finish(child)
    assert child.exitstatus == 0
    shown = flat(out[out.index("Your safety plan") :])
    for n, title in enumerate(STEPS):
        assert f"{n + 1}. {title}" in shown, title


def test_declining_the_offer_keeps_nothing(tmp_path: Path) -> None:
    child = spawn(100, "safety-plan", "--region", "AU", cwd=tmp_path)
    walk(child, ["tired", "", "", "", "", "", ""])
    decline_to_save(child)
    out = finish(child)
    assert child.exitstatus == 0
    shown = out[out.index("Your safety plan") :]
    assert "tired" in shown and "(left blank)" in shown
    assert "000" in shown and "13 11 14" in shown
    assert "therapick: your plan was not saved" in out
    assert list(tmp_path.iterdir()) == []


def test_the_offer_shows_the_name_and_writes_only_after_yes(tmp_path: Path) -> None:
    child = spawn(100, "safety-plan", "--region", "GB", cwd=tmp_path)
    walk(child, ["tired", "", "", "", "", "", ""])
    expect_prompt(child, PLAN_OFFER)
    press(child, ENTER)  # yes, the default
    expect_prompt(child, "File name for your plan (Markdown):")
    child.expect("safety-plan.md")  # a name, filled in and shown
    press(child, ENTER)
    expect_prompt(child, "Save your plan as")
    child.expect(r"\(Y/n\)")
    assert on_screen(child, f"Save your plan as {tmp_path / 'safety-plan.md'}?")  # the whole path, before writing
    assert list(tmp_path.iterdir()) == []  # nothing written yet
    press(child, "y")
    out = finish(child)
    assert child.exitstatus == 0
    assert "saved your plan to safety-plan.md (only you can read it)" in out
    saved = tmp_path / "safety-plan.md"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert "## 1. My warning signs\n\ntired\n" in saved.read_text(encoding="utf-8")


def test_no_at_the_name_writes_nothing_and_asks_again_with_the_field_empty(tmp_path: Path) -> None:
    taken = tmp_path / "safety-plan.md"
    taken.write_text("mine\n", encoding="utf-8")
    child = spawn(100, "safety-plan", "--region", "GB", cwd=tmp_path, HOME=str(tmp_path))
    walk(child, [""] * len(STEPS))
    expect_prompt(child, PLAN_OFFER)
    press(child, "y")
    expect_prompt(child, "File name for your plan (Markdown):")
    child.expect("safety-plan-2.md")  # the name in use is not offered
    press(child, *["\x7f"] * len("safety-plan-2.md"))
    type_words(child, "safety-plan.md")  # typed anyway: refused, in words that fit a prompt
    child.expect("already exists; type another name, or leave the field empty to skip")
    expect_prompt(child, "File name for your plan (Markdown)")
    child.expect("leave it empty to skip")
    type_words(child, "~/p.md")  # the home folder, expanded
    expect_prompt(child, "Save your plan as")
    child.expect(r"\(Y/n\)")
    assert on_screen(child, f"Save your plan as {tmp_path / 'p.md'}?")
    press(child, "n")
    child.expect("not saved; type another name")
    expect_prompt(child, "File name for your plan (Markdown)")
    child.expect("leave it empty to skip")
    press(child, ENTER)  # empty: skip
    out = finish(child)
    assert child.exitstatus == 0
    assert "--force" not in out
    assert "your plan was not saved" in out
    assert [p.name for p in tmp_path.iterdir()] == ["safety-plan.md"]
    assert taken.read_text(encoding="utf-8") == "mine\n"


def test_a_step_holds_more_than_one_entry(tmp_path: Path) -> None:
    child = spawn(100, "safety-plan", "--region", "GB", "--save", "plan.md", cwd=tmp_path)
    for n in range(len(STEPS)):
        expect_prompt(child, step_prompt(n))
        if n != 3:
            press(child, ENTER)
            continue
        type_words(child, "Sam 0123")
        expect_prompt(child, more_prompt(3))
        type_words(child, "my sister")
        expect_prompt(child, more_prompt(3))
        press(child, ENTER)
    finish(child)
    assert child.exitstatus == 0
    md = (tmp_path / "plan.md").read_text(encoding="utf-8")
    assert f"## 4. {STEPS[3]}\n\n- Sam 0123\n- my sister\n" in md


def test_region_asked_when_unknown_and_used_in_step_5(tmp_path: Path) -> None:
    child = spawn(100, "safety-plan", "--save", "plan.md", cwd=tmp_path, **NO_REGION)
    expect_prompt(child, "Where are you?")
    pick_region(child, "IE")  # the question starts on "Not sure / somewhere else", never a country
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
    walk(child, ["x"] * stop)
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


BRACKETED = "\x1b[200~{}\x1b[201~"


@pytest.mark.parametrize("how", ["bracketed", "burst"])
def test_a_paste_into_a_step_is_kept_as_text(how: str, tmp_path: Path) -> None:
    """A friend's number pasted from contacts, or a dictated sentence: text in the field, never an Enter."""
    child = spawn(100, "safety-plan", "--region", "GB", "--save", "plan.md", cwd=tmp_path)
    expect_prompt(child, step_prompt(0))
    time.sleep(0.1)
    words = "Sam 07700 900123\rcall after 6pm\r"
    child.send(BRACKETED.format(words) if how == "bracketed" else words)
    time.sleep(1.0)
    assert transcript(child).count(more_prompt(0)) == 0  # the paste's line ends did not submit the step
    type_words(child, " ok")  # typed after it, in the same entry
    expect_prompt(child, more_prompt(0))
    press(child, ENTER)
    for n in range(1, len(STEPS)):
        expect_prompt(child, step_prompt(n))
        press(child, ENTER)
    finish(child)
    assert child.exitstatus == 0
    md = (tmp_path / "plan.md").read_text(encoding="utf-8")
    assert f"## 1. {STEPS[0]}\n\nSam 07700 900123 call after 6pm  ok\n" in md
    assert "(left blank)" in md  # the other steps, left blank


@pytest.mark.parametrize(
    ("env", "args", "said"),
    [
        ({"THERAPICK_KB": "/nonexistent/clinic.yaml"}, ("--region", "GB"), "no such file"),
        ({"THERAPICK_REGION": "Narnia"}, (), "no region 'Narnia'"),
    ],
    ids=["missing knowledge base", "unusable region"],
)
def test_a_broken_setting_never_takes_the_plans_crisis_lines_away(
    tmp_path: Path, env: dict[str, str], args: tuple[str, ...], said: str
) -> None:
    """The plan goes on with the bundled steps (or asks where you are), step 5 still lists the crisis
    lines, and the exit status says what was wrong only at the end."""
    child = spawn(100, "safety-plan", *args, cwd=tmp_path, **env)
    if "THERAPICK_REGION" in env:
        expect_prompt(child, "Where are you")
        pick_region(child, "GB")  # from "Not sure / somewhere else", where the question starts
    walk(child, WORDS)
    decline_to_save(child)
    out = finish(child)
    seen = flat(transcript(child))
    assert said in seen and "warning:" in seen
    assert "999" in seen and "116 123" in seen  # step 5: the GB emergency number and Samaritans
    assert child.exitstatus == (3 if "THERAPICK_KB" in env else 2), out
    assert list(tmp_path.iterdir()) == []  # nothing written
