"""The crisis path in a real pseudo-terminal (issue 9), the terminal after a signal
(issue 12), and a question added to a copy of the knowledge base, asked in the
terminal (issue 8).

Every support-line number here is copied from shared/facts/helplines.md.
"""

from __future__ import annotations

import re
import stat
import time
from pathlib import Path
from typing import Any

import pexpect
import pytest
import yaml

from tests.conftest import KB_PATH, load_yaml
from tests.test_pty import (
    CONCERNS,
    DOWN,
    ENTER,
    KEEP_GOING,
    SAVE_OFFER,
    SPACE,
    answer_no_danger,
    drain,
    expect_prompt,
    finish,
    on_screen,
    pick_region,
    press,
    select,
    skip_describe,
    skip_screens,
    spawn,
    tick,
    transcript,
    type_words,
)

pytestmark = pytest.mark.slow  # every test here starts a process or a terminal

DANGER = "First, are you or the person you are asking for in immediate danger"
REGION = "Where are you?"

# Every region's emergency number and first crisis line (shared/facts/helplines.md).
EMERGENCY = {
    "United States": "911",
    "Canada": "911",
    "United Kingdom": "999",
    "Ireland": "112",
    "Australia": "000",
    "New Zealand": "111",
    "Spain": "112",
}
FIRST_LINE = {
    "US": "988",
    "CA": "988",
    "GB": "116 123",
    "IE": "116 123",
    "AU": "13 11 14",
    "NZ": "1737",
    "ES": "024",
    "other": "findahelpline.com",
}
NO_REGION = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "THERAPICK_REGION": ""}
AU_LOCALE = {"LANG": "en_AU.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "THERAPICK_REGION": ""}


def say_yes_to_danger(child: pexpect.spawn) -> str:
    """Answer "yes" to the danger question; return what was on screen before it."""
    expect_prompt(child, DANGER)
    type_words(child, "yes")
    return transcript(child)


def still_waiting_at_danger(child: pexpect.spawn) -> None:
    """The danger question is unanswered: nothing after it is shown, and typing "no" answers it now."""
    with pytest.raises(pexpect.TIMEOUT):
        child.expect(["Who is the support for", "Get help now", KEEP_GOING], timeout=1)
    shown = transcript(child)
    assert shown.count(DANGER) >= 1
    assert "Who is the support for" not in shown and "Get help now" not in shown
    type_words(child, "no")
    skip_describe(child)
    expect_prompt(child, "Who is the support for")


# --------------------------------------------------------------------------
# The danger question has no default, and a paste answers nothing


def test_enter_alone_leaves_the_danger_question_unanswered(tmp_path: Path) -> None:
    child = spawn(cwd=tmp_path)
    expect_prompt(child, DANGER)
    time.sleep(0.1)
    press(child, ENTER)
    child.expect("Type yes or no, then press enter")
    press(child, ENTER)  # twice: still nothing
    still_waiting_at_danger(child)
    child.sendcontrol("c")
    finish(child)
    assert child.exitstatus == 130
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("word", ["s", "sí", "y", "YES"])
def test_yes_in_the_words_people_type(word: str) -> None:
    child = spawn(THERAPICK_REGION="US")
    expect_prompt(child, DANGER)
    type_words(child, word)
    child.expect("Get help now")
    child.expect(KEEP_GOING)
    assert "988" in transcript(child)
    child.sendcontrol("c")
    finish(child)
    assert child.exitstatus == 130


def paste_of(size: int) -> str:
    """``size`` characters of pasted text full of answers: yes, y, Enter, arrows, spaces, a file name."""
    unit = (
        "yes\r"
        + "y"
        + "\r"
        + DOWN * 3
        + SPACE
        + "\r"
        + "no\r"
        + "\x1b[A"
        + "s\r"
        + "therapick-report.md\r"
        + "I pasted this from somewhere else. "
    )
    return (unit * (size // len(unit) + 1))[:size]


def test_a_10kb_paste_answers_nothing(tmp_path: Path) -> None:
    child = spawn(cwd=tmp_path)
    expect_prompt(child, DANGER)
    time.sleep(0.1)
    paste = paste_of(10 * 1024)
    assert len(paste) == 10240 and "yes\r" in paste and "y\r" in paste and DOWN in paste
    child.send(paste)
    time.sleep(1.0)  # well past the paste window
    drain(child)
    after_prompt = transcript(child).split("then press enter)", 1)[1]
    assert "pasted" not in after_prompt and "report.md" not in after_prompt  # nothing reached the answer
    assert "A paste answers nothing here: type yes or no, then press enter." in after_prompt  # and it says so
    assert list(tmp_path.iterdir()) == []
    still_waiting_at_danger(child)  # and typed keys still answer it
    child.sendcontrol("c")
    finish(child)
    assert child.exitstatus == 130
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------
# The right country at once


def test_yes_without_a_region_lists_every_region_then_asks_it() -> None:
    child = spawn(**NO_REGION)
    say_yes_to_danger(child)
    child.expect("Get help now")
    expect_prompt(child, REGION)
    panel = transcript(child).split("Get help now", 1)[1]
    panel = panel[: panel.index(f"? {REGION}")]
    # Never "call 911" alone: every region's emergency number and first crisis line.
    assert "call 911" not in panel
    flat = " ".join(BOX.sub(" ", panel).split())
    for name, number in EMERGENCY.items():
        assert f"{name}: {number}" in flat, name
    for rid, line in FIRST_LINE.items():
        assert line in panel, rid
    assert "Find A Helpline" in panel
    # The region is the very next question: no other question came between.
    assert "Who is the support for" not in transcript(child)
    pick_region(child, "AU")
    child.expect(KEEP_GOING)
    second = transcript(child).split(f"? {REGION}")[-1]
    second = second[second.index("Get help now") :]
    assert "000" in second and "Lifeline" in second and "13 11 14" in second
    for other in ("911", "999", "116 123"):
        assert other not in second
    child.sendcontrol("c")
    finish(child)
    assert child.exitstatus == 130


def test_yes_in_an_australian_locale_shows_australia_first() -> None:
    child = spawn(**AU_LOCALE)
    say_yes_to_danger(child)
    child.expect("Get help now")
    child.expect(KEEP_GOING)
    panel = transcript(child).split("Get help now", 1)[1]
    assert "000" in panel and "13 11 14" in panel
    first = min(panel.index("000"), panel.index("13 11 14"))
    for other in ("911", "999", "112", "988", "116 123"):
        assert other not in panel[:first], other
    assert "911" not in panel and "999" not in panel
    assert REGION not in transcript(child)  # the locale named the country: not asked
    child.sendcontrol("c")
    finish(child)
    assert child.exitstatus == 130


# The panel's box: border lines and the side bars, which carry no words.
BOX = re.compile(r"[\u2500-\u257f|+\-]")


@pytest.mark.parametrize(
    ("env", "pick", "emergency", "line"),
    [
        (AU_LOCALE, None, "000", "13 11 14"),
        ({"THERAPICK_REGION": "GB"}, None, "999", "116 123"),
        (NO_REGION, "IE", "112", "116 123"),
    ],
    ids=["AU-locale", "GB-env", "IE-asked"],
)
def test_stopping_after_the_panel_leaves_the_lines_last(
    env: dict[str, str], pick: str | None, emergency: str, line: str, tmp_path: Path
) -> None:
    child = spawn(cwd=tmp_path, **env)
    say_yes_to_danger(child)
    if pick is not None:
        expect_prompt(child, REGION)
        pick_region(child, pick)
    child.expect(KEEP_GOING)
    child.expect(r"\(y/N\)")  # the default is No
    time.sleep(0.1)
    press(child, ENTER)
    out = finish(child)
    assert child.exitstatus == 0
    assert "Who is the support for" not in out
    after = out[out.rindex(KEEP_GOING) :]
    after = after.split("\n", 1)[1]  # past the answered prompt ("... No")
    assert emergency in after and line in after
    # After the answer: the panel and nothing else. Its first words are its
    # title, its last are the box's bottom edge; nothing follows but blanks.
    words = BOX.sub(" ", after).split()
    assert words[:3] == ["Get", "help", "now"]
    assert after.rstrip().endswith("\u256f")  # the panel's last corner is the last thing printed
    assert "Not medical advice" not in after and SAVE_OFFER not in after
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------
# The whole questionnaire, and the offer to save


def answer_everything_gb(child: pexpect.spawn) -> None:
    answer_no_danger(child)
    expect_prompt(child, "Who is the support for")
    select(child, 0)  # adult
    expect_prompt(child, "What is going on")
    tick(child, [CONCERNS.index("trauma"), CONCERNS.index("low-mood")])
    expect_prompt(child, "Of these, which matters most right now?")  # two concerns: which leads
    select(child, 0)  # trauma (the concerns chosen, in the questionnaire's order)
    expect_prompt(child, "What would you most like to change")
    tick(child, [2])  # coping-skills
    expect_prompt(child, "How ready")
    select(child, 1)  # thinking
    expect_prompt(child, "Which ways of working")
    tick(child, [0])  # talking
    expect_prompt(child, "Do any of these apply")
    press(child, ENTER)  # groups: none
    expect_prompt(child, REGION)
    pick_region(child, "GB")


def test_full_questionnaire_end_to_end_without_saving(tmp_path: Path) -> None:
    child = spawn(cwd=tmp_path, **NO_REGION)
    answer_everything_gb(child)
    skip_screens(child)
    expect_prompt(child, SAVE_OFFER)
    results = transcript(child)
    results = results[results.rindex(REGION) :]
    assert "Kinds of help to talk over with a professional" in results
    assert "1. " in results and "you said what is going on includes a traumatic experience" in results
    assert "Support lines (United Kingdom)" in results
    assert "999" in results and "Samaritans" in results and "116 123" in results
    assert "(y/N)" in transcript(child)[-300:]  # the offer defaults to no
    press(child, ENTER)
    out = finish(child)
    assert child.exitstatus == 0
    assert "Traceback" not in out and "saved the report" not in out
    assert list(tmp_path.iterdir()) == []


def test_full_questionnaire_saves_a_private_report(tmp_path: Path) -> None:
    child = spawn(cwd=tmp_path, **NO_REGION)
    answer_everything_gb(child)
    skip_screens(child)
    expect_prompt(child, SAVE_OFFER)
    press(child, "y")
    expect_prompt(child, "File name for the report")
    child.expect("therapick-report.md")  # the default name, filled in
    time.sleep(0.1)
    press(child, ENTER)
    expect_prompt(child, "Save the report as")
    child.expect(r"\(Y/n\)")
    assert on_screen(child, f"Save the report as {tmp_path / 'therapick-report.md'}?")  # shown whole, asked
    assert list(tmp_path.iterdir()) == []
    press(child, "y")
    out = finish(child)
    assert child.exitstatus == 0
    assert "saved the report to therapick-report.md" in out
    report = tmp_path / "therapick-report.md"
    assert [p.name for p in tmp_path.iterdir()] == ["therapick-report.md"]
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    text = report.read_text(encoding="utf-8")
    assert "## Your answers" in text
    for answer in (
        "An adult (18 or older)",
        "Something traumatic happened",
        "Low mood that will not lift",
        "Develop coping skills",
        "Thinking about it",
        "Talking one to one",
        "United Kingdom",
    ):
        assert answer in text, answer
    assert "116 123" in text


def test_the_save_offer_never_replaces_a_file(tmp_path: Path) -> None:
    existing = tmp_path / "therapick-report.md"
    existing.write_text("mine\n", encoding="utf-8")
    child = spawn(cwd=tmp_path, **NO_REGION)
    answer_everything_gb(child)
    skip_screens(child)
    expect_prompt(child, SAVE_OFFER)
    press(child, "y")
    expect_prompt(child, "File name for the report")
    child.expect("therapick-report-2.md")  # the name in use is not the one filled in
    time.sleep(0.1)
    # Clear the filled-in name (one key at a time), then type the one in use.
    press(child, *["\x7f"] * len("therapick-report-2.md"))
    type_words(child, "therapick-report.md")
    child.expect("therapick-report.md already exists; type another name, or leave the field empty to skip")
    expect_prompt(child, "File name for the report (Markdown)")
    child.expect("leave it empty to skip")  # and the field is empty
    type_words(child, "mine.md")
    expect_prompt(child, "Save the report as")
    child.expect(r"\(Y/n\)")
    assert on_screen(child, f"Save the report as {tmp_path / 'mine.md'}?")
    press(child, ENTER)  # yes, the default once the name is shown
    out = finish(child)
    assert child.exitstatus == 0
    assert "--force" not in out
    assert existing.read_text(encoding="utf-8") == "mine\n"
    saved = tmp_path / "mine.md"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert "saved the report to mine.md" in out


# --------------------------------------------------------------------------
# Issue 8: an eighth question in a copy of the knowledge base is asked in the terminal


SLEEP_TEXT = "How have you been sleeping lately?"
SLEEP_WHY = "this test's copy says CBT for sleep problems is designed for poor sleep"


def kb_with_sleep(tmp_path: Path) -> Path:
    data: dict[str, Any] = load_yaml(KB_PATH.read_text(encoding="utf-8"))
    questions = data["questionnaire"]["questions"]
    at = next(n for n, q in enumerate(questions) if q["id"] == "region")
    questions.insert(
        at,
        {
            "id": "sleep",
            "kind": "one",
            "text": SLEEP_TEXT,
            "said": "you said your sleep is",
            "options": [
                {"id": "fine", "label": "Fine", "phrase": "fine"},
                {"id": "poor", "label": "Poor most nights", "phrase": "poor most nights"},
            ],
        },
    )
    cbt = next(i for i in data["interventions"] if i["id"] == "cbt")
    cbt["fit"]["sleep"] = {"poor": {"points": 6, "why": SLEEP_WHY}}
    dest = tmp_path / "kb-sleep.yaml"

    class NoAliases(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True

    dest.write_text(yaml.dump(data, Dumper=NoAliases, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


def test_an_added_question_is_asked_in_the_terminal_and_used(tmp_path: Path) -> None:
    kb = kb_with_sleep(tmp_path)
    child = spawn(100, "--kb", str(kb), "ask", "--top", "10", cwd=tmp_path, **NO_REGION)
    answer_no_danger(child)
    expect_prompt(child, "Who is the support for")
    select(child, 0)  # adult
    expect_prompt(child, "What is going on")
    tick(child, [CONCERNS.index("relationships")])
    for text in ("What would you most like to change", "How ready", "Which ways of working", "Do any of these apply"):
        expect_prompt(child, text)
        press(child, ENTER)
    expect_prompt(child, SLEEP_TEXT)  # asked, in knowledge-base order (before the region)
    child.expect("Poor most nights")
    select(child, 1)  # poor
    expect_prompt(child, REGION)
    pick_region(child, "GB")
    skip_screens(child)
    expect_prompt(child, SAVE_OFFER)
    press(child, ENTER)
    out = finish(child)
    assert child.exitstatus == 0
    results = out[out.rindex(REGION) :]
    assert f"you said your sleep is poor most nights; {SLEEP_WHY}" in " ".join(results.split())
