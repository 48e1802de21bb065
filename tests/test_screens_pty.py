"""The screens in a real terminal: a full PHQ-9 by keys, the ninth item's crisis lines at once,
Ctrl-C at any item saving nothing, and the optional step at the end of ``ask``.

Every support-line number here is copied from shared/facts/helplines.md.
"""

from __future__ import annotations

import datetime
import stat
import time
from pathlib import Path

import pexpect
import pytest

from tests.test_pty import (
    DOWN,
    ENTER,
    KEY_GAP,
    SAVE_OFFER,
    SCREENS_OFFER,
    answer_no_danger,
    answer_parent_of_four_year_old,
    expect_prompt,
    finish,
    pick_region,
    plain,
    press,
    spawn,
)
from therapick.advice import screens as S

pytestmark = pytest.mark.slow  # every test here starts a process or a terminal

DIFFICULTY = "How difficult have these problems made"


def item(name: str, n: int, of: int) -> str:
    return f"{name} {n}/{of}:"


def answer_items(child: pexpect.spawn, name: str, keys: str, of: int | None = None, start: int = 1) -> None:
    """Answer items ``start``... with one key each, waiting for each prompt."""
    for n, key in enumerate(keys, start):
        expect_prompt(child, item(name, n, of or len(keys)))
        time.sleep(KEY_GAP)
        press(child, key)


def test_a_full_phq9_by_keys(tmp_path: Path) -> None:
    child = spawn(100, "screen", "phq9", "--save", "phq9.md", cwd=tmp_path, THERAPICK_REGION="US")
    child.expect("9 questions about the last 2 weeks")
    # Item 1: Enter alone answers nothing (no default); then the arrows and Enter choose "2".
    expect_prompt(child, item("PHQ-9", 1, 9))
    time.sleep(KEY_GAP)
    press(child, ENTER)
    with pytest.raises(pexpect.TIMEOUT):
        expect_prompt(child, item("PHQ-9", 2, 9), timeout=1)
    press(child, DOWN, DOWN, DOWN, ENTER)  # down from nothing: 0, 1, 2
    # Items 2-9 by a key each (item 9: "not at all").
    for n, key in zip(range(2, 10), "31020110", strict=True):
        expect_prompt(child, item("PHQ-9", n, 9))
        time.sleep(KEY_GAP)
        press(child, key)
    expect_prompt(child, DIFFICULTY)
    time.sleep(KEY_GAP)
    press(child, DOWN, ENTER)  # somewhat difficult
    out = finish(child)
    assert child.exitstatus == 0
    assert "Traceback" not in out and "Get help now" not in out
    today = datetime.date.today().isoformat()
    words = " ".join(out.split())
    assert f"PHQ-9 (depression), answered on {today}: 10 of 27" in words
    assert 'Band: "moderate" (10-14), in the source\'s words' in words
    assert "Next step: talk to your doctor soon" in words
    assert "does not rule out risk" in words and "no risk" not in words.casefold()
    assert "developed by Drs Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues" in words
    assert "no permission is needed to reproduce, translate, display or distribute them" in words
    # Every item was asked word for word (a prompt wraps anywhere: compare without white space).
    squeezed = "".join(out.split())
    for text in S.PHQ9.items:
        assert "".join(text.split()) in squeezed, text
    assert "2 More than half the days" in words and "3 Nearly every day" in words
    saved = tmp_path / "phq9.md"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    report = saved.read_text(encoding="utf-8")
    assert f"answered on {today}: 10 of 27" in report and '"moderate" (10-14)' in report
    assert "  - 1. Little interest or pleasure in doing things. **2 more than half the days**" in report
    assert 'How difficult these problems have made things: "somewhat difficult".' in report


def test_several_days_on_item_9_shows_the_crisis_lines_before_the_next_prompt() -> None:
    child = spawn(100, "screen", "phq9", THERAPICK_REGION="GB")
    answer_items(child, "PHQ-9", "00000000", of=9)  # items 1-8
    expect_prompt(child, item("PHQ-9", 9, 9))
    time.sleep(KEY_GAP)
    press(child, "1")  # several days
    child.expect("Get help now")
    assert DIFFICULTY not in plain(child.before)  # the lines come first, before the next prompt
    expect_prompt(child, DIFFICULTY)
    panel = plain(child.before)
    assert "999" in panel and "Samaritans" in panel and "116 123" in panel and "85258" in panel
    assert "thoughts that you would be better off dead or of hurting yourself" in " ".join(panel.split())
    press(child, ENTER)
    out = finish(child)
    assert child.exitstatus == 0
    results = out[out.rindex(DIFFICULTY) :]
    # On the results too, the lines come first.
    assert results.index("Get help now") < results.index("116 123") < results.index("Your screens")
    assert '"several days"' in results


def test_item_9_with_no_region_shows_every_region_then_asks_where() -> None:
    child = spawn(100, "screen", "phq9", LANG="", LC_ALL="", THERAPICK_REGION="")
    answer_items(child, "PHQ-9", "000000003")
    child.expect("Emergency number, then a crisis line, in each country")
    expect_prompt(child, "Where are you")
    assert DIFFICULTY not in plain(child.before)
    pick_region(child, "CA")  # from "Not sure / somewhere else", where the question starts
    child.expect("Crisis lines in Canada")
    expect_prompt(child, DIFFICULTY)
    assert "988" in plain(child.before)
    child.sendcontrol("c")
    finish(child)
    assert child.exitstatus == 130


PROMPTS = [*[item("PHQ-9", n, 9) for n in range(1, 10)], DIFFICULTY]


@pytest.mark.parametrize("stop", range(len(PROMPTS)), ids=[p.rstrip(":") for p in PROMPTS])
def test_ctrl_c_at_any_item_saves_nothing(stop: int, tmp_path: Path) -> None:
    child = spawn(100, "screen", "phq9", "--save", "screen.md", cwd=tmp_path, THERAPICK_REGION="US")
    for n, prompt in enumerate(PROMPTS):
        expect_prompt(child, prompt)
        time.sleep(KEY_GAP)
        if n == stop:
            child.sendcontrol("c")
            break
        press(child, "2" if n < 9 else ENTER)
    out = finish(child)
    assert child.exitstatus == 130
    assert out.count("therapick: cancelled; nothing was saved.") == 1
    assert "Traceback" not in out
    assert list(tmp_path.iterdir()) == []


def test_the_ask_step_then_a_saved_report_with_the_scores(tmp_path: Path) -> None:
    child = spawn(100, cwd=tmp_path, LANG="", LC_ALL="", THERAPICK_REGION="")
    answer_no_danger(child)
    answer_parent_of_four_year_old(child)  # the region: US
    expect_prompt(child, SCREENS_OFFER)
    child.expect(r"\(y/N\)")
    press(child, "y")
    child.expect("PHQ-9 \\(depression\\): 9 questions")
    answer_items(child, "PHQ-9", "111111112")
    child.expect("Get help now")  # item 9 above "not at all": the lines, before the next prompt
    expect_prompt(child, DIFFICULTY)
    assert "988" in plain(child.before)
    press(child, ENTER)
    child.expect("GAD-7 \\(anxiety\\): 7 questions")
    answer_items(child, "GAD-7", "3333000")
    expect_prompt(child, DIFFICULTY)
    press(child, DOWN, DOWN, ENTER)  # very difficult
    expect_prompt(child, SAVE_OFFER)
    results = plain(child.before)
    assert results.index("Get help now") < results.index("Your screens") < results.index("1. Parent-child")
    press(child, "y")
    expect_prompt(child, "File name for the report")
    child.expect("therapick-report.md")
    time.sleep(0.1)
    press(child, ENTER)
    expect_prompt(child, "Save the report as")  # the whole path, asked before writing
    press(child, "y")
    out = finish(child)
    assert child.exitstatus == 0 and "saved the report" in out
    report = (tmp_path / "therapick-report.md").read_text(encoding="utf-8")
    today = datetime.date.today().isoformat()
    assert report.index("> **Get help now**") < report.index("## Your screens: to discuss with a professional")
    assert f"**PHQ-9 (depression), answered on {today}: 10 of 27**" in report
    assert f"**GAD-7 (anxiety), answered on {today}: 12 of 21**" in report
    assert '- Band: "moderate" (10-14), in the source\'s words' in report
    assert 'How difficult these problems have made things: "very difficult".' in report


def test_ctrl_c_in_the_ask_step_saves_nothing(tmp_path: Path) -> None:
    child = spawn(100, "ask", "--save", "r.md", cwd=tmp_path)
    answer_no_danger(child)
    answer_parent_of_four_year_old(child)
    expect_prompt(child, SCREENS_OFFER)
    press(child, "y")
    answer_items(child, "PHQ-9", "1111", of=9)
    expect_prompt(child, item("PHQ-9", 5, 9))
    time.sleep(KEY_GAP)
    child.sendcontrol("c")
    out = finish(child)
    assert child.exitstatus == 130 and out.count("therapick: cancelled; nothing was saved.") == 1
    assert list(tmp_path.iterdir()) == []


def test_spanish_says_why_the_items_are_in_english() -> None:
    child = spawn(100, "--lang", "es", "screen", "gad7", THERAPICK_REGION="US")
    child.expect("El GAD-7 se muestra solo en inglés")
    expect_prompt(child, item("GAD-7", 1, 7) + " Feeling nervous, anxious or on edge.")
    child.expect(r"\(pulsa 0-3, o usa las flechas y Enter\)")
    time.sleep(KEY_GAP)
    press(child, "0")
    answer_items(child, "GAD-7", "000000", of=7, start=2)
    out = finish(child)
    assert child.exitstatus == 0
    assert "Rango: por debajo de 5" in " ".join(out.split())
