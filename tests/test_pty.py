"""End-to-end: the real program in a real pseudo-terminal (pexpect.spawn), real keys.

The questionnaire takes several keys in one read (and what follows within a
moment) for a paste: text in a text field, nothing at a question. So these
tests type as a person does: one key at a time, each once the program has
shown the previous one. ``press`` does that; the
other test modules of the terminal (crisis path, safety plan) use the same
helpers.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import signal
import termios
import time
from pathlib import Path

import pexpect
import pytest

from tests.conftest import KB_PATH, therapick_exe
from therapick.kb import loader

# Options by id, so a new option in the knowledge base does not shift what a test ticks.
CONCERNS = loader.load(KB_PATH).questionnaire.question("concerns").option_ids

pytestmark = pytest.mark.slow  # every test here starts a process or a terminal

DOWN, ENTER, SPACE = "\x1b[B", "\r", " "

# CSI sequences, OSC sequences (hyperlinks), charset selections, carriage returns
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\r")
KEY_GAP = 0.02  # seconds after the program has shown a key, before the next

# The questions in order, and the text that shows each one is on screen.
QUESTIONS = [
    "immediate danger",
    "Who is the support for",
    "What is going on",
    "most like to change",
    "How ready",
    "ways of working",
    "Do any of these apply",
    "Where are you",
]
DESCRIBE = "In a sentence or two"  # the optional question right after the danger question (issue 24)
SAVE_OFFER = "Save these results"
SCREENS_OFFER = "Would you like to answer 16"
KEEP_GOING = "keep going"
COUNTRY = "Which country are you in"  # after "Not sure / somewhere else": typed, Enter skips
# The region question's options, in order. With the region unknown it starts on the last, the
# neutral "Not sure / somewhere else", never on a country; with a guess, on the guess.
REGIONS = ["US", "CA", "GB", "IE", "AU", "NZ", "ES", "other"]


def spawn(
    columns: int = 100,
    *args: str,
    cwd: Path | None = None,
    encoding: str = "utf-8",
    rows: int = 50,
    **env: str,
) -> pexpect.spawn:
    """therapick in a pty of ``columns`` x ``rows``; ``env`` adds to (or, with "", unsets in) the suite's env.

    ``encoding`` is the terminal's: how the test reads what the program writes, and sends what it types.
    """
    full_env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", COLUMNS=str(columns), LINES=str(rows))
    full_env.pop("NO_COLOR", None)  # the suite pins NO_COLOR=1; these tests choose for themselves
    for name, value in env.items():
        if value == "":
            full_env.pop(name, None)
        else:
            full_env[name] = value
    exe = therapick_exe()
    child = pexpect.spawn(
        exe[0],
        [*exe[1:], *args],
        env=full_env,
        dimensions=(rows, columns),
        encoding=encoding,
        timeout=15,
        cwd=str(cwd) if cwd is not None else None,
    )
    child.delaybeforesend = None  # press() waits for the program instead
    child.logfile_read = io.StringIO()  # everything the program wrote, for transcript()
    return child


def plain(text: str) -> str:
    return ANSI.sub("", text)


def transcript(child: pexpect.spawn) -> str:
    """Everything the program has written so far, without terminal codes."""
    log = child.logfile_read
    assert isinstance(log, io.StringIO)
    return plain(log.getvalue())


def drain(child: pexpect.spawn) -> None:
    """Read what is already on screen, so the next wait sees only new output."""
    child.buffer = ""
    while True:
        try:
            child.read_nonblocking(65536, timeout=0)
        except (pexpect.TIMEOUT, pexpect.EOF):
            return


def settle(child: pexpect.spawn, quiet: float = 0.05, at_most: float = 3.0) -> None:
    """Read what the program writes until it has been quiet for ``quiet`` seconds (or ``at_most`` in all)."""
    end = time.monotonic() + at_most
    while time.monotonic() < end:
        try:
            child.read_nonblocking(65536, timeout=quiet)
        except pexpect.TIMEOUT:
            return
        except pexpect.EOF:
            return


def press(child: pexpect.spawn, *keys: str) -> None:
    """Type ``keys`` one at a time, as a person does: each once the program has shown the last.

    Before each key the program has finished drawing (it has been quiet a
    moment), and after it, it has answered with some output: so no two keys
    reach it in one read, which it would take for a paste. A key that shows
    nothing (rare) is followed after two seconds anyway. The last key is sent
    without waiting, so the caller's next ``expect`` sees everything that
    follows it (a next question, say).
    """
    for n, key in enumerate(keys):
        settle(child)
        child.buffer = ""
        child.send(key)
        if n == len(keys) - 1:
            time.sleep(KEY_GAP)
            return
        with contextlib.suppress(pexpect.TIMEOUT):
            child.expect(r"[\s\S]", timeout=2)
        time.sleep(KEY_GAP)


def type_words(child: pexpect.spawn, words: str) -> None:
    """Type ``words`` then Enter, a key at a time."""
    press(child, *words, ENTER)


def select(child: pexpect.spawn, index: int) -> None:
    press(child, *[DOWN] * index, ENTER)


def pick_region(child: pexpect.spawn, region: str, start: str = "other") -> None:
    """Choose ``region`` at the region question, which starts on ``start`` (the list wraps round)."""
    downs = (REGIONS.index(region) - REGIONS.index(start)) % len(REGIONS)
    press(child, *[DOWN] * downs, ENTER)


def tick(child: pexpect.spawn, indexes: list[int]) -> None:
    keys: list[str] = []
    position = 0
    for i in sorted(indexes):
        keys += [DOWN] * (i - position) + [SPACE]
        position = i
    press(child, *keys)
    # Enter only once the last tick is on screen: sent together on a loaded machine, the two keys
    # arrive in one read, which the questionnaire takes for a paste and drops.
    with contextlib.suppress(pexpect.TIMEOUT):
        child.expect("\u25cf", timeout=3)
    time.sleep(KEY_GAP)
    press(child, ENTER)


def expect_prompt(child: pexpect.spawn, text: str, timeout: float = -1) -> None:
    """Wait for the prompt line "? TEXT" itself (not the same words in text shown before it)."""
    child.expect(r"\?(?:\x1b\[[0-9;]*m)* " + re.escape(text), timeout=timeout)


def on_screen(child: pexpect.spawn, text: str) -> bool:
    """Whether ``text`` has been shown, however the lines were wrapped (white space aside)."""
    return "".join(text.split()) in "".join(transcript(child).split())


def finish(child: pexpect.spawn) -> str:
    """Wait for the program to end; everything it wrote, without terminal codes."""
    child.expect(pexpect.EOF)
    child.close()
    return transcript(child)


def answer_no_danger(child: pexpect.spawn, describe: bool = True) -> None:
    """No danger, and the person's own words skipped (Enter); ``describe`` False: they are not
    asked (what is going on was given on the command line)."""
    child.expect(QUESTIONS[0])
    type_words(child, "no")
    if describe:
        skip_describe(child)


def skip_describe(child: pexpect.spawn, text: str = DESCRIBE) -> None:
    child.expect(text)
    press(child, ENTER)
    child.own_words_asked = True  # type: ignore[attr-defined]


def answer_parent_of_four_year_old(child: pexpect.spawn, region: str | None = "US", start: str = "other") -> None:
    """Every question after the danger question; ``region`` None: the region is not asked.

    The person's own words are skipped when they are asked (after a "no"; after "yes" and
    keep going). The region question starts on ``start``: the neutral choice when the region
    is not known."""
    if getattr(child, "own_words_asked", False):
        child.expect("Who is the support for")
    elif child.expect([DESCRIBE, "Who is the support for"]) == 0:
        press(child, ENTER)
        child.expect("Who is the support for")
    select(child, 3)  # young-child
    child.expect("What is going on")
    tick(child, [CONCERNS.index("child-behavior")])
    child.expect("most like to change")
    tick(child, [0])  # change-behavior
    child.expect("How ready")
    select(child, 2)  # preparing
    child.expect("ways of working")
    tick(child, [3])  # play
    child.expect("Do any of these apply")
    press(child, ENTER)  # optional: left empty
    if region is not None:
        child.expect("Where are you")
        pick_region(child, region, start)


def skip_screens(child: pexpect.spawn) -> None:
    """The optional PHQ-9 and GAD-7 at the end of the questions: Enter skips them."""
    expect_prompt(child, SCREENS_OFFER)
    press(child, ENTER)


def decline_to_save(child: pexpect.spawn) -> None:
    """Skip the screens, then decline the offer to save."""
    skip_screens(child)
    child.expect(SAVE_OFFER)
    press(child, ENTER)  # the default is no


def test_full_questionnaire(tmp_path: Path) -> None:
    child = spawn(cwd=tmp_path)
    child.expect("a few short questions")
    answer_no_danger(child)
    answer_parent_of_four_year_old(child)
    decline_to_save(child)
    out = finish(child)
    assert child.exitstatus == 0
    assert "Traceback" not in out
    first = out.index("1. Parent-child interaction therapy (PCIT)")
    assert first < out.index("2. ")
    assert "you said what is going on includes a child's behavior" in out
    assert "Support lines (United States)" in out and "988" in out
    assert "Not medical advice" in out
    assert "Get help now" not in out
    assert list(tmp_path.iterdir()) == []


def test_crisis_panel_comes_first_then_continue() -> None:
    child = spawn(THERAPICK_REGION="US")
    child.expect(QUESTIONS[0])
    type_words(child, "yes")
    # The very next thing on screen after the answer is the crisis panel, for the known region.
    child.expect("Get help now")
    between = plain(child.before)
    assert "Who is the support for" not in between
    child.expect(KEEP_GOING)
    panel = plain(child.before)
    assert "911" in panel and "988" in panel and "741741" in panel
    assert "Where are you" not in panel
    press(child, "y")
    answer_parent_of_four_year_old(child, "US", start="US")  # the region is still asked, US (its guess) chosen
    decline_to_save(child)
    out = finish(child)
    assert child.exitstatus == 0
    results = out[out.index("Where are you") :]
    assert results.index("Get help now") < results.index("1. Parent-child interaction therapy")


def test_crisis_then_stop() -> None:
    child = spawn(THERAPICK_REGION="US")
    child.expect(QUESTIONS[0])
    type_words(child, "yes")
    child.expect(KEEP_GOING)
    press(child, "n")
    out = finish(child)
    assert child.exitstatus == 0
    assert "Who is the support for" not in out
    assert "911" in out and "988" in out


def test_crisis_region_from_locale() -> None:
    child = spawn(100, LANG="en_GB.UTF-8", LC_ALL="")
    child.expect(QUESTIONS[0])
    type_words(child, "y")
    child.expect(KEEP_GOING)
    panel = plain(child.before)
    assert "Samaritans" in panel and "116 123" in panel and "999" in panel
    assert "911" not in panel and "Where are you" not in panel
    child.sendcontrol("c")
    finish(child)
    assert child.exitstatus == 130


# The keys that answer each question in the standard flow (no region known),
# then the offer to save. Cancelling at each must exit 130 with one line.
FLOW = [QUESTIONS[0], DESCRIBE, *QUESTIONS[1:], COUNTRY, SCREENS_OFFER, SAVE_OFFER]
KEYS: list[tuple[str, ...]] = [
    ("n", ENTER),  # crisis
    (ENTER,),  # own words: skipped
    (ENTER,),  # who: the first option
    (SPACE, ENTER),  # concerns: at least one
    (ENTER,),  # goals
    (ENTER,),  # readiness
    (ENTER,),  # preferences
    (ENTER,),  # groups
    (ENTER,),  # region: where it starts, "Not sure / somewhere else"
    (ENTER,),  # which country: skipped
    (ENTER,),  # the screens: skipped
]


@pytest.mark.parametrize("key", ["c", "d"], ids=["ctrl-c", "ctrl-d"])
@pytest.mark.parametrize("stop", range(len(FLOW)), ids=FLOW)
def test_cancel_at_every_question(key: str, stop: int, tmp_path: Path) -> None:
    child = spawn(cwd=tmp_path)
    for n, text in enumerate(FLOW):
        child.expect(text)
        if n == stop:
            time.sleep(KEY_GAP)
            child.sendcontrol(key)
            break
        press(child, *KEYS[n])
    out = finish(child)
    assert child.exitstatus == 130
    after = out[out.rindex(FLOW[stop]) :]
    assert after.count("therapick: cancelled; nothing was saved.") == 1
    assert [line for line in after.splitlines()[1:] if line.strip()][-1:] == [
        "therapick: cancelled; nothing was saved."
    ]
    assert "Traceback" not in out
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("key", ["c", "d"], ids=["ctrl-c", "ctrl-d"])
def test_cancel_at_keep_going(key: str) -> None:
    child = spawn(THERAPICK_REGION="GB")
    child.expect(QUESTIONS[0])
    type_words(child, "yes")
    child.expect(KEEP_GOING)
    time.sleep(KEY_GAP)
    child.sendcontrol(key)
    out = finish(child)
    assert child.exitstatus == 130
    assert out.count("therapick: cancelled; nothing was saved.") == 1
    assert "Traceback" not in out


def test_checkbox_requires_an_answer() -> None:
    child = spawn()
    answer_no_danger(child)
    child.expect("Who is the support for")
    select(child, 0)
    child.expect("What is going on")
    child.expect("choose at least one")
    time.sleep(KEY_GAP)
    press(child, ENTER)  # nothing ticked: the prompt stays
    with pytest.raises(pexpect.TIMEOUT):
        child.expect("most like to change", timeout=1.5)
    tick(child, [1])
    child.expect("most like to change")
    child.sendcontrol("c")
    finish(child)
    assert child.exitstatus == 130


def test_the_main_concern_is_asked_and_the_terminal_ranks_as_flags_do(runner) -> None:  # type: ignore[no-untyped-def]
    """Two concerns: which matters most is asked (from the knowledge base's question), and the order,
    the shared ranks and the labels are those the same answers give by flags (issue 20)."""
    from tests.conftest import run

    child = spawn(100, "ask", "--no-crisis", "--region", "GB", "--top", "10")
    skip_describe(child)  # the person's own words: Enter skips
    expect_prompt(child, "Who is the support for")
    select(child, 0)  # adult
    expect_prompt(child, "What is going on")
    # Not the list's last option: ticking at the foot of the 50-line window is flaky (test_spanish_pty.py).
    tick(child, [CONCERNS.index("trauma"), CONCERNS.index("low-mood")])
    expect_prompt(child, "Of these, which matters most right now?")
    child.expect("Low mood that will not lift")  # only the two chosen are offered
    select(child, 0)  # trauma
    child.expect("most like to change")
    press(child, ENTER)
    child.expect("How ready")
    press(child, ENTER)  # the first option: not sure
    child.expect("ways of working")
    tick(child, [2])  # creative
    child.expect("Do any of these apply")
    press(child, ENTER)
    decline_to_save(child)
    out = finish(child)
    assert child.exitstatus == 0, out
    shown = out[out.rindex("Kinds of help to talk over") :]
    flags = run(
        runner,
        "ask",
        *("--no-crisis", "--region", "GB", "--top", "10", "--who", "adult", "--concern", "trauma"),
        *(
            "--concern",
            "low-mood",
            "--answer",
            "main-concern=trauma",
            "--prefer",
            "creative",
            "--readiness",
            "not-sure",
        ),
    ).stdout
    headings = re.compile(r"^\d+\. .+$", re.MULTILINE)
    assert headings.findall(shown) == headings.findall(flags) != []
    assert headings.findall(shown)[:2] == ["1. Cognitive behavioral therapy (CBT)", "2. Arts therapies"]
    flat = " ".join(shown.split())
    for label in (
        "the APA strongly recommends it for adults with PTSD",
        "not among the options NICE gives for adults with depression (for low mood, not what you said matters most)",
    ):
        assert label in flat and label in " ".join(flags.split()), label


def test_only_unanswered_questions_are_asked() -> None:
    child = spawn(100, "ask", "--no-crisis", "--who", "adult", "--concern", "trauma", "--region", "GB")
    child.expect("most like to change")
    before = plain(child.before)
    assert "immediate danger" not in before and "Who is the support" not in before
    press(child, ENTER)
    child.expect("How ready")
    press(child, ENTER)
    child.expect("ways of working")
    press(child, ENTER)
    child.expect("Do any of these apply")
    press(child, ENTER)
    decline_to_save(child)
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
    # Danger said on the command line, no region known: every region's
    # emergency number, then the region is asked at once.
    child.expect("Where are you")
    pick_region(child, "US")
    child.expect(KEEP_GOING)
    press(child, "y")
    child.expect("which matters most")  # substance-use is alcohol and drugs now: three concerns
    press(child, ENTER)  # the first: alcohol use
    child.expect("most like to change")
    press(child, ENTER)
    child.expect("ways of working")
    press(child, ENTER)
    child.expect("Do any of these apply")
    press(child, ENTER)
    skip_screens(child)
    child.expect(SAVE_OFFER)
    shown = plain(child.before)
    press(child, ENTER)
    out = finish(child)
    assert child.exitstatus == 0
    lines = shown.splitlines()
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
    # What therapick itself prints (the results) fits the width (prompt_toolkit's
    # redraws of the prompts are the terminal's business).
    results = shown[shown.rindex("Get help now") :].splitlines()
    # Only a web address may be wider: it is never split, so it is alone after its indent.
    assert all(len(line) <= columns or line.split()[-1].startswith("https://") for line in results)


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
    answer_no_danger(child, describe=False)
    for text in ("most like to change", "How ready", "ways of working", "Do any of these apply"):
        child.expect(text)
        if text == "How ready" and env.get("TERM") == "dumb":
            type_words(child, "1")  # plain mode (TERM=dumb): a choice is typed, by number
        else:
            press(child, ENTER)
    if env.get("TERM") == "dumb":  # plain lines: no "? " before a question
        for text in (SCREENS_OFFER, SAVE_OFFER):
            child.expect(text)
            child.expect(r"enter alone: No\):")
            press(child, ENTER)
    else:
        decline_to_save(child)
    child.expect(pexpect.EOF)
    child.close()
    raw = child.logfile_read.getvalue()
    assert child.exitstatus == 0
    end = raw.rindex("\n", 0, raw.index(SAVE_OFFER))  # the prompt after the results is prompt_toolkit's
    results = raw[raw.index("Kinds of help") : end]
    assert colour_codes(results) == set()
    if env.get("TERM") == "dumb":
        assert SGR.findall(results) == []


CURSOR = re.compile(r"\x1b\[\?25([hl])")


@pytest.mark.parametrize(
    ("name", "code"), [("SIGTERM", 143), ("SIGHUP", 129), ("SIGQUIT", 131)], ids=["TERM", "HUP", "QUIT"]
)
def test_signal_at_a_checkbox_restores_the_terminal(name: str, code: int, tmp_path: Path) -> None:
    child = spawn(cwd=tmp_path)
    before = termios.tcgetattr(child.child_fd)  # the pty's modes before the program changes them
    answer_no_danger(child)
    expect_prompt(child, "Who is the support for")
    select(child, 0)
    expect_prompt(child, "What is going on")
    child.expect("choose at least one")
    time.sleep(0.2)
    during = termios.tcgetattr(child.child_fd)
    assert not during[3] & termios.ICANON and before[3] & termios.ICANON  # raw at the checkbox
    child.kill(getattr(signal, name))
    child.expect(pexpect.EOF)
    after = termios.tcgetattr(child.child_fd)
    child.close()
    assert after == before
    assert child.exitstatus == code and child.signalstatus is None
    raw = child.logfile_read.getvalue()
    assert CURSOR.findall(raw)[-1] == "h"  # the cursor is shown at the end
    out = plain(raw)
    assert out.rstrip().splitlines()[-1] == f"therapick: stopped by {name}; nothing was saved."
    assert "Traceback" not in out
    assert list(tmp_path.iterdir()) == []
