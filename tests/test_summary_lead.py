"""The summary leads with what the evidence points to: when the first suggestion rests on a guideline
or a rating, an option a guideline for the situation leaves out (tier 5) or one that fits only other
answers (tier 6) is told apart under its own line, never listed as an equal of the first."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.conftest import run
from therapick.kb import loader

KB = loader.load(loader.default_path())
WHO = [o.id for o in KB.questionnaire.question("who").options]
CONCERNS = [o.id for o in KB.questionnaire.question("concerns").options]
LEAD = "Kinds of help to ask a professional about:"
REST = "Also in the details, though not what the evidence points to first:"


def _summary(text: str) -> str:
    """The "In short" part: up to "Where to start" or the crisis line."""
    start = text.index("In short")
    ends = [text.find(m, start) for m in ("Where to start", "If things get hard:", "therapick does not know")]
    return text[start : min(e for e in ends if e > 0)]


@pytest.mark.exhaustive  # every who x concern: the full suite's
@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("concern", CONCERNS)
def test_the_summary_leads_with_what_the_evidence_points_to(runner: CliRunner, who: str, concern: str) -> None:
    args = ("ask", "--who", who, "--concern", concern, "--region", "GB", "--no-crisis", "--prefer", "creative")
    got = run(runner, *args, "--json")
    assert got.exit_code == 0, got
    suggestions = json.loads(got.stdout)["suggestions"]
    screen = run(runner, *args)
    assert screen.exit_code == 0, screen
    if not suggestions:
        return
    summary = " ".join(_summary(screen.stdout).split())
    lead_part, _, rest_part = summary.partition(REST)
    first_decides = suggestions[0]["tier"] <= 3
    for s in suggestions:
        apart = first_decides and s["tier"] >= 5
        assert s["name"] in (rest_part if apart else lead_part), (s["name"], s["tier"], summary)
        if apart:
            assert s["name"] not in lead_part.partition(LEAD)[2], summary
    assert (REST in summary) == any(first_decides and s["tier"] >= 5 for s in suggestions)


def test_a_london_adult_with_low_mood_is_offered_cbt_alone_first(runner: CliRunner) -> None:
    got = run(runner, "ask", "--who", "adult", "--concern", "low-mood", "--region", "GB", "--no-crisis")
    summary = " ".join(_summary(got.stdout).split())
    lead, _, rest = summary.partition(REST)
    assert "Cognitive behavioral therapy (CBT): NICE recommends it" in lead
    assert "Arts therapies" not in lead and "Arts therapies" in rest
    assert "not among the options NICE gives for adults with depression" in rest


def _named_line(stdout: str) -> str:
    summary = " ".join(_summary_with_lines(stdout).split())
    return summary.partition("A line for what you named:")[2]


def _summary_with_lines(text: str) -> str:
    """The "In short" part up to its crisis line (which follows the line for what was named)."""
    start = text.index("In short")
    return text[start : text.index("If things get hard:", start)]


@pytest.mark.parametrize(
    ("args", "name", "number"),
    [
        (("--who", "teen", "--concern", "abuse", "--region", "ES"), "Teléfono ANAR", "900 20 20 10"),
        (("--who", "adult", "--concern", "drugs", "--region", "NZ"), "Alcohol Drug Helpline", "0800 787 797"),
        (("--who", "teen", "--concern", "abuse", "--region", "US"), "Childhelp", "1-800-422-4453"),
    ],
)
def test_the_summary_names_the_line_for_what_was_named(
    runner: CliRunner, args: tuple[str, ...], name: str, number: str
) -> None:
    got = run(runner, "ask", *args, "--no-crisis")
    assert got.exit_code == 0, got
    named = _named_line(got.stdout)
    assert named.startswith(f" {name}") and number in named, named


@pytest.mark.exhaustive  # every region x age group x concern: the full suite's
@pytest.mark.parametrize("region", ["US", "CA", "GB", "IE", "AU", "NZ", "ES"])
@pytest.mark.parametrize("who", ["adult", "teen", "child"])
@pytest.mark.parametrize("concern", CONCERNS)
def test_the_named_line_is_the_first_line_the_answers_brought_up(
    runner: CliRunner, region: str, who: str, concern: str
) -> None:
    args = ("ask", "--who", who, "--concern", concern, "--region", region, "--no-crisis")
    data = json.loads(run(runner, *args, "--json").stdout)
    crisis = [x for x in KB.regions_by_id[region].lines if x.crisis]
    first_crisis = crisis[0].id if crisis else None
    brought_up = [x for x in data["hotlines"] if not _always(region, x["id"]) and x["id"] != first_crisis]
    own_age = [x for x in brought_up if who in _line(region, x["id"]).show_for.who]
    named = _named_line(run(runner, *args).stdout)
    if not brought_up:
        assert named == "", named
        return
    expected = (own_age or brought_up)[0]
    assert named.startswith(" " + expected["name"]), (expected["name"], named)


def _line(region: str, line_id: str):  # type: ignore[no-untyped-def]
    return next(x for r in KB.regions if r.id == region for x in r.lines if x.id == line_id)


def _always(region: str, line_id: str) -> bool:
    return bool(_line(region, line_id).show_for.always)
