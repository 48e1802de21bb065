"""The answer first and the help last, on a real 80x24 terminal (issue 21).

After the last question, the first 24 lines of the results hold the top suggestion, the region's
first route to help and its crisis line; when the run ends, the 24 lines left on the screen hold
the top suggestion and the crisis line; and when risk was shown, the crisis numbers are on that
last screen too. The screen is read with pyte, a terminal emulator fed everything the program
wrote (with a scrollback, so the first lines of the results can be read after they scrolled
off). Numbers and names are literals from shared/facts/helplines.md and specialists.md.
"""

from __future__ import annotations

import pexpect
import pyte
import pytest

from tests.test_pty import (
    CONCERNS,
    ENTER,
    QUESTIONS,
    SAVE_OFFER,
    answer_no_danger,
    answer_parent_of_four_year_old,
    finish,
    pick_region,
    press,
    select,
    skip_describe,
    skip_screens,
    spawn,
    tick,
    type_words,
)

pytestmark = pytest.mark.slow  # every test here starts a terminal

ROWS, COLUMNS = 24, 80
NO_REGION = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "THERAPICK_REGION": ""}
IN_SHORT = "In short"  # the summary's heading: where the results begin when no risk was shown


def rows_of(log: str, rows: int = ROWS, columns: int = COLUMNS) -> tuple[list[str], list[str]]:
    """Every row that scrolled off the top (oldest first), and the rows on the screen now."""
    term = pyte.HistoryScreen(columns, rows, history=100_000)
    pyte.Stream(term).feed(log)

    def text(line: dict[int, pyte.screens.Char]) -> str:
        return "".join(line[x].data for x in range(columns)).rstrip()

    return [text(line) for line in term.history.top], [line.rstrip() for line in term.display]


def flat(rows: list[str]) -> str:
    """The rows' words, without a panel's box, lines joined (a name may wrap)."""
    return " ".join("".join(" " if "\u2500" <= ch <= "\u257f" else ch for ch in "\n".join(rows)).split())


def results_rows(child: pexpect.spawn, start: int, first: str) -> tuple[list[str], list[str]]:
    """The run's rows from the results on (``start``: how much had been written before them;
    ``first``: the text of their first row), and the last screen once the program has ended."""
    log = child.logfile_read.getvalue()  # type: ignore[union-attr]
    before, _ = rows_of(log[:start])
    every, last = rows_of(log)
    every = every + last
    at = next(n for n in range(len(before), len(every)) if first in every[n])
    return every[at:], last


def answer_adult_low_mood(child: pexpect.spawn, region: str | None, start: str = "other") -> None:
    """An adult with low mood: the questions after the danger question and the own words;
    ``region`` None: where they are was already asked (with the crisis lines), so it is not again."""
    child.expect(QUESTIONS[1])
    select(child, 0)  # adult
    child.expect(QUESTIONS[2])
    tick(child, [CONCERNS.index("low-mood")])
    child.expect(QUESTIONS[3])
    tick(child, [2])  # coping-skills
    child.expect(QUESTIONS[4])
    select(child, 2)  # preparing
    child.expect(QUESTIONS[5])
    tick(child, [0])  # talking
    child.expect(QUESTIONS[6])
    press(child, ENTER)  # optional: left empty
    if region is not None:
        child.expect(QUESTIONS[7])
        pick_region(child, region, start)


def end_without_saving(child: pexpect.spawn) -> int:
    """Skip the screens (the last question), and return where the results begin in the log."""
    skip_screens(child)
    start = len(child.logfile_read.getvalue())  # type: ignore[union-attr]
    child.expect(SAVE_OFFER)
    press(child, ENTER)  # the default is no
    out = finish(child)
    assert child.exitstatus == 0, out
    return start


def test_london_adult_first_and_last_screen() -> None:
    child = spawn(COLUMNS, rows=ROWS, **NO_REGION)
    answer_no_danger(child)
    answer_adult_low_mood(child, "GB", start="other")
    start = end_without_saving(child)
    results, last = results_rows(child, start, IN_SHORT)
    first = flat(results[:ROWS])
    assert "Cognitive behavioral therapy (CBT)" in first, first  # the top suggestion for low mood
    assert first.index("Cognitive behavioral therapy (CBT)") < first.index("NHS Talking Therapies")
    assert "NHS Talking Therapies" in first, first  # England's first route: refer yourself
    assert "116 123" in first, first  # Samaritans, the region's crisis line
    end = flat(last)
    assert "Cognitive behavioral therapy (CBT)" in end, end
    assert "116 123" in end, end
    assert "Not medical advice" not in end or "Your next steps" in end, end  # never the disclaimer alone


def test_ohio_parent_first_and_last_screen() -> None:
    child = spawn(COLUMNS, rows=ROWS, THERAPICK_REGION="US")
    answer_no_danger(child)
    answer_parent_of_four_year_old(child, "US", start="US")
    start = end_without_saving(child)
    results, last = results_rows(child, start, IN_SHORT)
    first = flat(results[:ROWS])
    assert "Parent-child interaction therapy (PCIT)" in first, first
    assert "National Alliance on Mental Illness" in first, first  # the US's first route
    assert "988" in first, first
    end = flat(last)
    assert "Parent-child interaction therapy (PCIT)" in end, end
    assert "988" in end, end


def test_after_risk_the_crisis_numbers_are_on_the_last_screen() -> None:
    """A person in danger, region unknown, who chooses where they are and goes on to the questions."""
    child = spawn(COLUMNS, rows=ROWS, **NO_REGION)
    child.expect(QUESTIONS[0])
    type_words(child, "yes")
    child.expect(QUESTIONS[7])  # region not known: asked at once, after every region's first line
    pick_region(child, "GB", start="other")
    child.expect(r"\(y/N\)")  # go on to the questions? (its words wrap at 80 columns)
    press(child, "y")
    skip_describe(child)
    answer_adult_low_mood(child, None)
    start = end_without_saving(child)
    results, last = results_rows(child, start, "Get help now")
    first = flat(results[:ROWS])
    assert "999" in first and "116 123" in first, first  # the crisis lines lead the results
    end = flat(last)
    assert "999" in end and "116 123" in end, end  # and are there when the run ends
    assert "Cognitive behavioral therapy (CBT)" in end, end


def test_the_reading_of_the_screen_can_fail() -> None:
    """The scrollback reading is not vacuous: a line scrolled off 24 rows is not on the last screen."""
    log = "".join(f"row {n}\r\n" for n in range(60))
    history, screen = rows_of(log)
    assert "row 0" in history[0]
    assert "row 0" not in flat(screen)
    assert "row 59" in flat(screen)
