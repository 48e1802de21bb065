"""The region question with the region unknown, on the 80x24 terminal a person may have (issue 18).

What is on the screen is read with pyte, a terminal emulator fed everything the program wrote,
so a line that scrolled off the top is gone, as it is for the person. Numbers are literals
from shared/facts/helplines.md.
"""

from __future__ import annotations

import re
import time

import pexpect
import pyte
import pytest

from tests.test_pty import (
    COUNTRY,
    ENTER,
    KEEP_GOING,
    SAVE_OFFER,
    answer_no_danger,
    answer_parent_of_four_year_old,
    expect_prompt,
    finish,
    press,
    skip_screens,
    spawn,
    transcript,
    type_words,
)

pytestmark = pytest.mark.slow  # every test here starts a terminal

NO_REGION = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "THERAPICK_REGION": ""}
DANGER = "First, are you or the person you are asking for in immediate danger"
SENTENCE = "If you or someone else is in immediate danger, call your local emergency number now."
# Numbers that work only in the United States (988 and 911 are Canada's too; said here all the same).
US_ONLY = ("988", "911", "741741", "838255", "88788", "1-800-", "1-866-")


def screen(child: pexpect.spawn, rows: int = 24, columns: int = 80) -> list[str]:
    """The terminal's rows now, as the person sees them."""
    log = child.logfile_read.getvalue()  # type: ignore[union-attr]
    term = pyte.Screen(columns, rows)
    pyte.Stream(term).feed(log)
    return [line.rstrip() for line in term.display]


def words(rows: list[str]) -> str:
    """The screen's words, without the panel's box, lines joined (a sentence may wrap)."""
    return " ".join(re.sub(r"[\u2500-\u257f]", " ", "\n".join(rows)).split())


def settle(child: pexpect.spawn, text: str) -> None:
    """Wait for ``text``, then for the program to stop drawing."""
    child.expect(text)
    end = time.monotonic() + 1.0
    while time.monotonic() < end:
        try:
            child.read_nonblocking(65536, timeout=0.3)
        except pexpect.TIMEOUT:
            break
        except pexpect.EOF:
            return


def no_us_number(text: str) -> None:
    for number in US_ONLY:
        assert not re.search(rf"(?<![\d/.-]){re.escape(number)}", text), number


def test_at_80x24_the_first_line_of_help_is_on_screen_at_the_region_question() -> None:
    child = spawn(80, rows=24, **NO_REGION)
    expect_prompt(child, DANGER)
    type_words(child, "yes")
    settle(child, "Not sure / somewhere else")
    rows = screen(child)
    seen = words(rows)
    assert SENTENCE in seen, rows
    assert "Get help now" in seen  # the panel's title too, with room to spare
    assert "Where are you?" in seen and "New Zealand" in seen and "Spain" in seen
    # The pointer starts on the neutral choice, never on a country.
    pointed = [row for row in rows if "\u00bb" in row or row.lstrip().startswith(">")]
    assert len(pointed) == 1 and "Not sure / somewhere else" in pointed[0], rows
    # Enter there: which country (Enter skips), then the lines that hold everywhere.
    press(child, ENTER)
    settle(child, COUNTRY)
    press(child, ENTER)
    settle(child, KEEP_GOING)
    after = words(transcript(child).split(COUNTRY, 1)[1].splitlines())
    assert "call the local emergency number now" in after and "findahelpline.com" in after
    no_us_number(after)
    assert "you chose" not in transcript(child)
    press(child, "n")
    out = finish(child)
    assert child.exitstatus == 0
    last = out[out.rindex(KEEP_GOING) :]
    assert "findahelpline.com" in last
    no_us_number(last)


def test_enter_at_the_region_question_never_says_you_chose_a_country(tmp_path) -> None:  # type: ignore[no-untyped-def]
    child = spawn(80, cwd=tmp_path, rows=24, **NO_REGION)
    answer_no_danger(child)
    answer_parent_of_four_year_old(child, region=None)
    expect_prompt(child, "Where are you?")
    press(child, ENTER)
    expect_prompt(child, COUNTRY)
    press(child, ENTER)
    skip_screens(child)
    child.expect(SAVE_OFFER)
    results = words(transcript(child).split(COUNTRY, 1)[1].splitlines())
    press(child, ENTER)
    finish(child)
    assert child.exitstatus == 0
    assert "you chose" not in results and "United States" not in results
    assert "Support lines (Anywhere else)" in results and "these lines hold everywhere" in results
    section = results[results.index("Support lines (Anywhere else)") :]
    no_us_number(section[: section.index("Finding a professional")])
    assert list(tmp_path.iterdir()) == []


def test_a_typed_country_gets_its_emergency_number() -> None:
    child = spawn(100, **NO_REGION)
    expect_prompt(child, DANGER)
    type_words(child, "yes")
    expect_prompt(child, "Where are you?")
    press(child, ENTER)
    expect_prompt(child, COUNTRY)
    type_words(child, "Mexico")
    child.expect(KEEP_GOING)
    after = words(transcript(child).split(COUNTRY, 1)[1].splitlines())
    assert "call 911 (free, the single national emergency number) now" in after
    assert "therapick has no checked national crisis line for Mexico" in after
    child.sendcontrol("c")
    finish(child)
    assert child.exitstatus == 130
