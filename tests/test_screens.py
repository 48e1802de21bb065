"""The validated screens (PHQ-9, GAD-7), pinned to the checked facts: items, scale, bands, scoring.

The rows of the facts file (``shared/facts/screens.md``) are copied here
verbatim, and their items compared with the package's word for word, so an item cannot drift from
its source; the band cut points are tested with a score on each side of
every boundary. Then what every surface says: the score as a screen with
its band and date, the ninth item's crisis lines first, never "no risk".
"""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT, run
from therapick.advice import screens as S
from therapick.advice.answers import Answers
from therapick.advice.result import advise
from therapick.base import i18n
from therapick.base.errors import TherapickError
from therapick.cli import questionnaire, screening
from therapick.output import contract, doc, export, results
from therapick.output import screening as view

# The rows of shared/facts/screens.md (checked 2026-12) these tests pin the instruments to, copied
# verbatim: the "fact" cell of each row by its topic. CI runs on a clean clone, without shared/.
FACT_CELLS: dict[str, str] = {
    "who made them": (
        "Both were developed by Drs Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues with "
        "an educational grant from Pfizer Inc. The PHQ is a self-administered version of the PRIME-MD."
    ),
    "terms of reproduction": (
        "The form's own statement, as quoted by NIDA: no permission is needed to reproduce, translate, displa"
        "y or distribute. The official US-Spanish PHQ-9 carries the same statement in Spanish. Reproduce the "
        "items unaltered; a reworded item is no longer the validated instrument."
    ),
    "PHQ-9 time frame and answer scale": (
        '"Over the last 2 weeks"; each item 0 not at all, 1 several days, 2 more than half the days, 3 nearly'
        " every day; total 0 to 27. A further question asks how difficult the problems have made work, home l"
        "ife and getting along with people (not at all / somewhat / very / extremely difficult)."
    ),
    "PHQ-9 items": (
        "1 Little interest or pleasure in doing things. 2 Feeling down, depressed, or hopeless. 3 Trouble fal"
        "ling or staying asleep, or sleeping too much. 4 Feeling tired or having little energy. 5 Poor appeti"
        "te or overeating. 6 Feeling bad about yourself — or that you are a failure or have let yourself or y"
        "our family down. 7 Trouble concentrating on things, such as reading the newspaper or watching televi"
        "sion. 8 Moving or speaking so slowly that other people could have noticed? Or the opposite — being s"
        "o fidgety or restless that you have been moving around a lot more than usual. 9 Thoughts that you wo"
        "uld be better off dead or of hurting yourself in some way."
    ),
    "PHQ-9 bands": (
        "Scores of 5, 10, 15 and 20 mark mild, moderate, moderately severe and severe depression (so 0-4 none"
        "/minimal). In the 2001 study a score of 10 or more had 88% sensitivity and 88% specificity for major"
        " depression."
    ),
    "GAD-7 items": (
        "Over the last 2 weeks: 1 Feeling nervous, anxious or on edge. 2 Not being able to stop or control wo"
        "rrying. 3 Worrying too much about different things. 4 Trouble relaxing. 5 Being so restless that it "
        "is hard to sit still. 6 Becoming easily annoyed or irritable. 7 Feeling afraid as if something awful"
        " might happen. Same 0-3 scale; total 0 to 21; plus the same difficulty question."
    ),
    "GAD-7 bands": (
        "5, 10 and 15 are the cut points for mild, moderate and severe anxiety; 10 or more is the recommended"
        " point for further evaluation. The 2006 paper reports a cut point with 89% sensitivity and 82% speci"
        "ficity for GAD."
    ),
}


def fact(topic: str) -> str:
    """The "fact" cell of the facts table's row whose topic starts with ``topic``."""
    return FACT_CELLS[next(k for k in FACT_CELLS if k.startswith(topic))]


def numbered(cell: str) -> list[str]:
    """ "1 First item. 2 Second item." -> ["First item.", "Second item."] (a number, a space, a capital)."""
    parts = re.split(r"(?:^| )(\d) (?=[A-Z])", cell)
    assert parts[0] == "", parts[0]
    numbers, texts = parts[1::2], parts[2::2]
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)], numbers
    return [text.strip() for text in texts]


def phq9_items_in_facts() -> list[str]:
    return numbered(fact("PHQ-9 items"))


def gad7_items_in_facts() -> list[str]:
    cell = fact("GAD-7 items")
    assert cell.startswith("Over the last 2 weeks: ")
    items, sep, rest = cell.removeprefix("Over the last 2 weeks: ").partition(" Same 0-3 scale")
    assert sep and "total 0 to 21" in rest and "the same difficulty question" in rest
    return numbered(items)


# --------------------------------------------------------------------------
# The instruments, word for word


def test_the_facts_rows_are_read() -> None:
    assert len(phq9_items_in_facts()) == 9 and len(gad7_items_in_facts()) == 7


@pytest.mark.parametrize("n", range(1, 10))
def test_each_phq9_item_is_the_facts_word_for_word(n: int) -> None:
    assert S.PHQ9.items[n - 1] == phq9_items_in_facts()[n - 1]


@pytest.mark.parametrize("n", range(1, 8))
def test_each_gad7_item_is_the_facts_word_for_word(n: int) -> None:
    assert S.GAD7.items[n - 1] == gad7_items_in_facts()[n - 1]


def test_the_item_counts_are_the_facts() -> None:
    assert len(S.PHQ9.items) == len(phq9_items_in_facts()) == 9
    assert len(S.GAD7.items) == len(gad7_items_in_facts()) == 7


def test_dashes_and_the_question_mark_of_item_8_are_kept() -> None:
    assert S.PHQ9.items[5].count("\u2014") == 1 and " \u2014 or that" in S.PHQ9.items[5]
    assert "could have noticed? Or the opposite \u2014 being" in S.PHQ9.items[7]
    assert all("--" not in item and " - " not in item for item in S.PHQ9.items + S.GAD7.items)


def test_the_scale_is_the_facts_in_its_own_words() -> None:
    cell = fact("PHQ-9 time frame and answer scale")
    found = re.search(r"each item (0 [a-z ]+), (1 [a-z ]+), (2 [a-z ]+), (3 [a-z ]+);", cell)
    assert found, cell
    assert [view.scale_words(n) for n in range(4)] == list(found.groups())
    assert S.SCALE == ("not at all", "several days", "more than half the days", "nearly every day")
    assert "total 0 to 27" in cell and S.PHQ9.maximum == 27
    assert "Same 0-3 scale; total 0 to 21" in fact("GAD-7 items") and S.GAD7.maximum == 21
    assert S.TIME_FRAME in cell


def test_the_closing_question_follows_the_facts_description() -> None:
    cell = fact("PHQ-9 time frame and answer scale")
    assert "how difficult the problems have made work, home life and getting along with people" in cell
    assert "(not at all / somewhat / very / extremely difficult)" in cell
    assert "work, home life and getting along with people" in S.DIFFICULTY_QUESTION
    assert [words for _, words in S.DIFFICULTY] == [
        "not at all difficult",
        "somewhat difficult",
        "very difficult",
        "extremely difficult",
    ]


def test_the_phq9_cut_points_are_the_facts() -> None:
    cell = fact("PHQ-9 bands")
    assert "Scores of 5, 10, 15 and 20 mark mild, moderate, moderately severe and severe depression" in cell
    assert "(so 0-4 none/minimal)" in cell
    assert [(b.low, b.words) for b in S.PHQ9.bands] == [
        (0, "none/minimal"),
        (5, "mild"),
        (10, "moderate"),
        (15, "moderately severe"),
        (20, "severe"),
    ]


def test_the_gad7_cut_points_are_the_facts() -> None:
    cell = fact("GAD-7 bands")
    assert "5, 10 and 15 are the cut points for mild, moderate and severe anxiety" in cell
    assert "10 or more is the recommended point for further evaluation" in cell
    # The facts name no band below 5: none is given.
    assert [(b.low, b.words) for b in S.GAD7.bands] == [(0, None), (5, "mild"), (10, "moderate"), (15, "severe")]


def test_ten_or_more_is_in_the_facts_for_both() -> None:
    assert "a score of 10 or more had 88% sensitivity and 88% specificity for major depression" in fact("PHQ-9 bands")
    assert "10 or more is the recommended point for further evaluation" in fact("GAD-7 bands")
    assert S.DOCTOR_SOON == 10


def test_the_authors_and_the_reproduction_statement_are_the_facts() -> None:
    who = fact("who made them")
    assert S.AUTHORS in who and S.GRANT.rstrip(".") in who
    assert S.AUTHORS in view.source_words() and S.GRANT in view.source_words()
    terms = fact("terms of reproduction")
    assert "no permission is needed to reproduce, translate, display or distribute" in terms
    assert "no permission is needed to reproduce, translate, display or distribute" in view.source_words()


def test_the_bands_cover_every_total_once() -> None:
    for instrument in S.INSTRUMENTS:
        covered = [t for b in instrument.bands for t in range(b.low, b.high + 1)]
        assert covered == list(range(instrument.maximum + 1))


PHQ9_BOUNDARIES = [
    (4, "none-minimal"),
    (5, "mild"),
    (9, "mild"),
    (10, "moderate"),
    (14, "moderate"),
    (15, "moderately-severe"),
    (19, "moderately-severe"),
    (20, "severe"),
    (0, "none-minimal"),
    (27, "severe"),
]
GAD7_BOUNDARIES = [
    (4, "below-mild"),
    (5, "mild"),
    (9, "mild"),
    (10, "moderate"),
    (14, "moderate"),
    (15, "severe"),
    (0, "below-mild"),
    (21, "severe"),
]


def scores_for(instrument: S.Instrument, total: int, item9: int | None = None) -> tuple[int, ...]:
    """Scores that add up to ``total``: the other items filled first, then the ninth (unless ``item9`` fixes it)."""
    nine = (instrument.safety_item or 0) - 1
    order = [i for i in range(len(instrument.items)) if i != nine] + ([nine] if nine >= 0 else [])
    out = [0] * len(instrument.items)
    left = total
    if item9 is not None and nine >= 0:
        out[nine] = item9
        left -= item9
        order.remove(nine)
    for i in order:
        out[i] = min(3, left)
        left -= out[i]
    assert left == 0 and sum(out) == total
    return tuple(out)


def taken(instrument: S.Instrument, total: int, item9: int | None = None, difficulty: str | None = None) -> S.Screen:
    return S.take(instrument, scores_for(instrument, total, item9), difficulty, "2026-12-01")


@pytest.mark.parametrize(("total", "band"), PHQ9_BOUNDARIES)
def test_phq9_bands_on_each_boundary(total: int, band: str) -> None:
    s = taken(S.PHQ9, total)
    assert s.total == total and s.band.id == band
    assert s.doctor_soon is (total >= 10)


@pytest.mark.parametrize(("total", "band"), GAD7_BOUNDARIES)
def test_gad7_bands_on_each_boundary(total: int, band: str) -> None:
    s = taken(S.GAD7, total)
    assert s.total == total and s.band.id == band
    assert s.doctor_soon is (total >= 10)


def test_the_total_is_the_sum_of_the_items() -> None:
    s = S.take(S.PHQ9, (0, 1, 2, 3, 0, 1, 2, 3, 0), None, "2026-12-01")
    assert s.total == 12 and s.band.id == "moderate"


# --------------------------------------------------------------------------
# Answers from scripts


@pytest.mark.parametrize(
    "value",
    [
        "0,1,2,3,0,1,2,3,1",
        " 0, 1,2 ,3,0,1,2,3,1 ",
        [0, 1, 2, 3, 0, 1, 2, 3, 1],
        ["0", "1", "2", "3", "0", "1", "2", "3", "1"],
    ],
)
def test_scores_from_text_or_a_list(value: Any) -> None:
    assert S.parse_scores(S.PHQ9, value, "--scores") == (0, 1, 2, 3, 0, 1, 2, 3, 1)


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("0,1,2", "takes 9 answers from 0 to 3, not 3"),
        ("0,1,2,3,0,1,2,3,1,0", "not 10"),
        ("0,1,2,3,0,1,2,4,1", "not '4'"),
        ("0,1,2,3,0,1,2,-1,1", "not '-1'"),
        ("0,1,2,x,0,1,2,1,1", "not 'x'"),
        ("", "not ''"),
        ([0, 1, 2, True, 0, 1, 2, 1, 1], "not true"),  # in YAML's words, not Python's 'True'
        ([0, 1, 2, None, 0, 1, 2, 1, 1], "not null (no answer)"),
        ([0, 1, 2, 1.5, 0, 1, 2, 1, 1], "not '1.5'"),
        (7, "takes 9 answers from 0 to 3, like 0,0,0,0,0,0,0,0,0"),
        ({"a": 1}, "takes a list of 9 answers"),
        ({"scores": [0] * 9, "extra": 1}, "takes a list of 9 answers"),
        ("٣,0,0,0,0,0,0,0,0", "not '٣'"),
    ],
)
def test_bad_scores_are_one_clear_error(value: Any, says: str) -> None:
    with pytest.raises(TherapickError) as e:
        S.parse_given(S.PHQ9, value, "answers.yaml")
    assert says in e.value.message and e.value.exit_code == 2


def test_a_file_may_give_the_closing_answer() -> None:
    scores, difficulty = S.parse_given(S.GAD7, {"scores": [1] * 7, "difficulty": "Very difficult"}, "f")
    assert scores == (1,) * 7 and difficulty == "very"
    with pytest.raises(TherapickError, match="the difficulty is one of not-at-all, somewhat, very, extremely"):
        S.parse_difficulty("a bit", "f")


def test_instruments_by_any_spelling() -> None:
    assert S.get("PHQ-9") is S.PHQ9 and S.get("gad7") is S.GAD7 and S.get(" Gad_7 ") is S.GAD7
    with pytest.raises(TherapickError, match="no screen 'phq2'; the screens are: phq9, gad7"):
        S.get("phq2")


# --------------------------------------------------------------------------
# Asking: the ninth item brings the crisis lines at once


class Script:
    """An ``ask`` that answers from a list and records every prompt, and a ``show`` that records too."""

    def __init__(self, answers: list[Any]) -> None:
        self.answers = list(answers)
        self.events: list[tuple[str, Any]] = []

    def ask(self, p: questionnaire.Prompt) -> Any:
        self.events.append(("ask", p))
        return self.answers.pop(0)

    def show(self, d: Any) -> None:
        self.events.append(("show", d))


def text_of(d: Any) -> str:
    return doc.to_plain(d, 100)


def test_a_ninth_answer_above_zero_shows_the_crisis_lines_before_the_next_prompt(kb: Any) -> None:
    script = Script([0] * 8 + [1, "somewhat"])
    got = screening.take(kb, (S.PHQ9,), script.ask, script.show, "US", "2026-12-01")
    kinds = [(k, v.id if k == "ask" else text_of(v)) for k, v in script.events]
    ninth = next(n for n, (k, v) in enumerate(kinds) if k == "ask" and v == "phq9-9")
    after = kinds[ninth + 1]
    assert after[0] == "show" and "Get help now" in after[1] and "988" in after[1] and "911" in after[1]
    assert kinds[ninth + 2] == ("ask", "phq9-difficulty")
    assert got.screens[0].crisis_first and got.screens[0].difficulty == "somewhat"


def test_a_ninth_answer_of_zero_shows_no_panel(kb: Any) -> None:
    script = Script([1] * 8 + [0, "very"])
    screening.take(kb, (S.PHQ9,), script.ask, script.show, "US", "2026-12-01")
    shown = [text_of(v) for k, v in script.events if k == "show"]
    assert not any("Get help now" in s for s in shown)


def test_with_no_region_every_region_then_the_one_chosen(kb: Any) -> None:
    script = Script([0] * 8 + [2, "GB", "not-at-all"])
    got = screening.take(kb, (S.PHQ9,), script.ask, script.show, None, "2026-12-01")
    events = [(k, v.id if k == "ask" else text_of(v)) for k, v in script.events]
    ninth = [v for k, v in events].index("phq9-9")
    assert events[ninth + 1][0] == "show"
    assert "Emergency number, then a crisis line, in each country" in events[ninth + 1][1]
    assert events[ninth + 2] == ("ask", "region")
    assert events[ninth + 3][0] == "show" and "Samaritans" in events[ninth + 3][1] and "999" in events[ninth + 3][1]
    assert got.region == "GB"


def test_every_answer_not_at_all_skips_the_closing_question(kb: Any) -> None:
    script = Script([0] * 7)
    got = screening.take(kb, (S.GAD7,), script.ask, script.show, "US", "2026-12-01")
    assert [v.id for k, v in script.events if k == "ask"] == [f"gad7-{n}" for n in range(1, 8)]
    assert got.screens[0].difficulty is None


def test_the_prompts_carry_the_items_and_the_scale() -> None:
    p = screening.item_prompt(S.PHQ9, 8)
    assert p.kind == "scale" and p.text == f"PHQ-9 8/9: {S.PHQ9.items[7]}"
    assert [label for _, label in p.choices] == [
        "0 Not at all",
        "1 Several days",
        "2 More than half the days",
        "3 Nearly every day",
    ]
    assert [oid for oid, _ in p.choices] == ["0", "1", "2", "3"]


def test_the_ask_step_is_offered_with_enter_to_skip(kb: Any) -> None:
    p = screening.offer()
    assert p.kind == "confirm" and p.default is False
    assert p.text == (
        "Would you like to answer 16 short questions about the last two weeks? About three minutes; Enter to skip"
    )
    script = Script([False])
    assert screening.ask_step(kb, Answers(), script.ask, script.show, {}, "2026-12-01")[0] == ()
    script = Script([True, *[1] * 9, "somewhat", *[0] * 7])
    screens, _ = screening.ask_step(kb, Answers({"prompt": {"region": "CA"}}), script.ask, script.show, {}, "d")
    assert [s.instrument.id for s in screens] == ["phq9", "gad7"]


# --------------------------------------------------------------------------
# What the surfaces say


def result_with(kb: Any, *screens: S.Screen, region: str = "US") -> Any:
    answers = Answers({"flags": {"who": "adult", "concerns": ("trauma",), "region": region, "crisis": False}})
    return advise(kb, answers, 3, {}, screens=screens)


NO_RISK = re.compile(
    r"no risk|not at risk|risk-free|without risk|sin riesgo|ning[uú]n riesgo|no hay riesgo", re.IGNORECASE
)


def every_surface(kb: Any, r: Any) -> dict[str, str]:
    return {
        "screen": doc.to_plain(results.result(kb, r), 100),
        "report": export.report_markdown(kb, r, "2026-12-01"),
        "json": export.to_json(export.result_dict(kb, r)),
    }


def test_a_positive_ninth_item_puts_the_crisis_lines_first_everywhere(kb: Any) -> None:
    r = result_with(kb, taken(S.PHQ9, 6, item9=1))
    assert r.at_risk and r.crisis_lines
    surfaces = every_surface(kb, r)
    shown = surfaces["screen"]
    assert shown.index("Get help now") < shown.index("988") < shown.index("Your screens")
    assert shown.index("Get help now") < shown.index("Kinds of help")
    report = surfaces["report"]
    assert (
        report.index("> **Get help now**")
        < report.index("988 Suicide")
        < report.index("## In short")
        < report.index("## Your screens: to discuss with a professional")
    )
    data = json.loads(surfaces["json"])
    assert list(data)[:2] == ["schema_version", "crisis_lines"] and data["crisis_lines"]
    assert data["at_risk"] is True and data["screens"]["crisis_lines_first"] is True
    assert data["screens"]["results"][0]["safety_item"] == {
        "number": 9,
        "score": 1,
        "words": "several days",
        "crisis_lines_first": True,
        "text": view.safety_words(r.screens[0]),
    }


def test_a_positive_ninth_item_with_no_region_shows_every_regions_lines(kb: Any) -> None:
    answers = Answers({"flags": {"who": "adult", "concerns": ("trauma",)}})
    r = advise(kb, answers, 3, {}, screens=(taken(S.PHQ9, 3, item9=3),))
    shown = doc.to_plain(results.result(kb, r), 100)
    assert shown.index("Get help now") < shown.index("Emergency number, then a crisis line, in each country")
    assert shown.index("Get help now") < shown.index("Your screens")


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("item9", [0, 1, 2, 3])
def test_no_surface_ever_says_no_risk(kb: Any, lang: str, item9: int) -> None:
    i18n.set_language(lang)
    try:
        from therapick.kb import loader

        knowledge = loader.bundled(lang)
        r = result_with(knowledge, taken(S.PHQ9, 12, item9=item9), taken(S.GAD7, 3))
        texts = list(every_surface(knowledge, r).values())
        o = S.outcome(knowledge, r.screens, "US", {})
        texts += [
            doc.to_plain(results.screen_result(knowledge, o), 100),
            export.screen_markdown(knowledge, o),
            export.to_json(export.screen_dict(knowledge, o)),
        ]
        for text in texts:
            assert not NO_RISK.search(text), NO_RISK.search(text)
        if item9 == 0:
            assert all(("does not rule out risk" in x) or ("no descarta un riesgo" in x) for x in texts)
    finally:
        i18n.set_language("en")


def test_the_report_shows_scores_bands_and_the_date(kb: Any) -> None:
    r = result_with(kb, taken(S.PHQ9, 10, difficulty="somewhat"), taken(S.GAD7, 4))
    report = export.report_markdown(kb, r, "2026-12-01")
    section = report[report.index("## Your screens") : report.index("## Your answers")]
    assert "**PHQ-9 (depression), answered on 2026-12-01: 10 of 27**" in section
    assert '- Band: "moderate" (10-14), in the source\'s words' in section
    assert "**GAD-7 (anxiety), answered on 2026-12-01: 4 of 21**" in section
    assert '- Band: below 5, the cut point for "mild" (0-4)' in section
    assert "A screen is not a diagnosis" in section
    assert 'How difficult these problems have made things: "somewhat difficult".' in section
    for n, (item, score) in enumerate(zip(S.PHQ9.items, r.screens[0].scores, strict=True), 1):
        assert f"  - {n}. {item} **{view.scale_words(score)}**" in section
    assert S.AUTHORS in section and "no permission is needed" in section
    summary = report[report.index("## In short") : report.index("## Your screens")]
    assert "**Next step: talk to your doctor soon, and bring these scores.**" in summary
    assert report.index("## Your screens") < report.index("## Kinds of help to talk over with a professional")


def test_the_results_summary_shows_each_score_its_band_and_meaning(kb: Any) -> None:
    r = result_with(kb, taken(S.PHQ9, 9), taken(S.GAD7, 15))
    shown = " ".join(doc.to_plain(results.result(kb, r), 200).split())
    assert "PHQ-9 (depression), answered on 2026-12-01: 9 of 27" in shown
    assert '- Band: "mild" (5-9), in the source\'s words' in shown
    assert "In the mild range: worth talking over with a doctor or another professional." in shown
    assert "GAD-7 (anxiety), answered on 2026-12-01: 15 of 21" in shown
    assert '- Band: "severe" (15-21), in the source\'s words' in shown
    assert "the point the GAD-7's scoring notes recommend for further evaluation" in shown
    assert "Next step: talk to your doctor soon" in shown
    assert shown.index("Your screens") < shown.index("Kinds of help to talk over")


@pytest.mark.parametrize(("phq", "gad", "soon"), [(9, 9, False), (10, 0, True), (0, 10, True), (27, 21, True)])
def test_only_ten_or_more_adds_talk_to_your_doctor_soon(kb: Any, phq: int, gad: int, soon: bool) -> None:
    r = result_with(kb, taken(S.PHQ9, phq), taken(S.GAD7, gad))
    shown = doc.to_plain(results.result(kb, r), 100)
    assert ("talk to your doctor soon" in shown) is soon
    assert json.loads(export.to_json(export.result_dict(kb, r)))["screens"]["talk_to_doctor_soon"] is soon


def test_the_scores_change_no_ranking(kb: Any) -> None:
    plain_result = result_with(kb)
    with_scores = result_with(kb, taken(S.PHQ9, 27), taken(S.GAD7, 21))
    assert [s.intervention.id for s in with_scores.suggestions] == [s.intervention.id for s in plain_result.suggestions]
    assert [s.points for s in with_scores.suggestions] == [s.points for s in plain_result.suggestions]


def test_without_screens_nothing_changes(kb: Any) -> None:
    r = result_with(kb)
    assert "screen" not in doc.to_plain(results.result(kb, r), 100).casefold()
    assert "Screens" not in export.report_markdown(kb, r, "2026-12-01")
    assert json.loads(export.to_json(export.result_dict(kb, r)))["screens"] is None


def test_the_json_field_is_versioned_and_the_schema_version_is_unchanged(kb: Any) -> None:
    r = result_with(kb, taken(S.PHQ9, 14, difficulty="very"))
    data = json.loads(export.to_json(export.result_dict(kb, r)))
    assert data["schema_version"] == 2 == contract.SCHEMA_VERSION  # 2: the ranking by evidence, not the screens
    screens = data["screens"]
    assert screens["version"] == S.VERSION == 1
    phq = screens["results"][0]
    assert (phq["id"], phq["total"], phq["maximum"], phq["date"]) == ("phq9", 14, 27, "2026-12-01")
    assert phq["band"]["id"] == "moderate" and phq["band"]["words"] == "moderate"
    assert phq["band"]["low"] == 10 and phq["band"]["high"] == 14
    assert phq["difficulty"] == "very" and phq["difficulty_words"] == "very difficult"
    assert [i["text"] for i in phq["items"]] == list(S.PHQ9.items)


# --------------------------------------------------------------------------
# Spanish


def test_spanish_says_why_the_items_are_in_english() -> None:
    i18n.set_language("es")
    try:
        intro = doc.to_plain(view.intro(S.PHQ9), 200)
        assert "El PHQ-9 se muestra en inglés" in intro and "no se pudo comprobar su texto contra la fuente" in intro
        gad = doc.to_plain(view.intro(S.GAD7), 200)
        assert "El GAD-7 se muestra solo en inglés: no se confirmó una versión oficial en español." in gad
        p = screening.item_prompt(S.GAD7, 1)
        assert p.text == "GAD-7 1/7: Feeling nervous, anxious or on edge."  # the item itself stays as it is
        assert p.hint == "(pulsa 0-3, o usa las flechas y Enter)"
        assert "están en inglés" in screening.offer().text
    finally:
        i18n.set_language("en")


def test_english_shows_no_language_note() -> None:
    assert "Spanish" not in doc.to_plain(view.intro(S.PHQ9), 200)
    assert view.language_notes([S.PHQ9, S.GAD7]) == []


# --------------------------------------------------------------------------
# The command, in-process


def test_screen_from_flags(runner: CliRunner) -> None:
    ran = run(runner, "screen", "phq9", "--scores", "1,1,1,1,1,1,1,1,0", "--region", "GB")
    assert ran.exit_code == 0, ran
    assert "PHQ-9 (depression), answered on" in ran.stdout and ": 8 of 27" in ran.stdout
    assert "Get help now" not in ran.stdout and "999" in ran.stdout
    assert "does not rule out risk" in ran.stdout


def test_screen_json_matches_its_schema_and_puts_crisis_lines_first(runner: CliRunner) -> None:
    import jsonschema

    ran = run(runner, "screen", "phq9", "--scores", "0,0,0,0,0,0,0,0,2", "--region", "IE", "--json")
    assert ran.exit_code == 0, ran
    data = json.loads(ran.stdout)
    schema = json.loads((ROOT / "docs" / "json" / "screen.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert list(data)[:2] == ["schema_version", "crisis_lines"]
    assert data["crisis_lines"] and data["region"] == "IE"
    assert data["screens"]["results"][0]["safety_item"]["crisis_lines_first"] is True


def test_ask_with_screens_json_matches_its_schema(runner: CliRunner, tmp_path: Path) -> None:
    import jsonschema

    answers = tmp_path / "a.yaml"
    answers.write_text(
        "who: adult\nconcerns: [anxiety-depression]\nregion: AU\nphq9: [1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
        "gad7: {scores: [2, 2, 2, 2, 2, 0, 0], difficulty: somewhat}\n",
        encoding="utf-8",
    )
    ran = run(runner, "ask", "--answers", str(answers), "--json")
    assert ran.exit_code == 0, ran
    data = json.loads(ran.stdout)
    schema = json.loads((ROOT / "docs" / "json" / "ask.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert [r["total"] for r in data["screens"]["results"]] == [9, 10]
    assert data["screens"]["results"][1]["difficulty"] == "somewhat"
    assert data["at_risk"] is True and data["crisis_lines"][0]["region"] == "AU"


def test_ask_refuses_a_screen_answered_differently_in_the_file_and_a_flag(runner: CliRunner, tmp_path: Path) -> None:
    """A flag no longer overrides the file's screen (it cancelled a ninth answer of 3): refused, the
    crisis lines first, since the file's ninth answer points to risk."""
    answers = tmp_path / "a.json"
    answers.write_text('{"who": "adult", "concerns": ["trauma"], "phq9": [3,3,3,3,3,3,3,3,3]}', encoding="utf-8")
    ran = run(runner, "ask", "--answers", str(answers), "--phq9", "0,0,0,0,0,0,0,0,0", "--json")
    assert ran.exit_code == 2
    doc = json.loads(ran.stdout)
    assert "PHQ-9 is answered twice, differently" in doc["error"]["message"] and doc["crisis"]["overview"]
    ran = run(runner, "ask", "--who", "adult", "--concern", "trauma", "--answer", "gad7=1,1,1,1,1,1,1", "--json")
    assert ran.exit_code == 0, ran
    assert [r["id"] for r in json.loads(ran.stdout)["screens"]["results"]] == ["gad7"]


def test_screen_answers_file_on_stdin(runner: CliRunner) -> None:
    ran = run(runner, "screen", "gad7", "--answers", "-", "--json", input="gad7: [3, 3, 3, 3, 0, 0, 0]\n")
    assert ran.exit_code == 0, ran
    assert json.loads(ran.stdout)["screens"]["results"][0]["band"]["id"] == "moderate"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["screen", "phq9"], "PHQ-9 asks its questions in a terminal; without one, give --scores 0,0,0,0,0,0,0,0,0"),
        (["screen", "phq2", "--scores", "0"], "no screen 'phq2'"),
        (["screen", "gad7", "--scores", "0,1"], "takes 7 answers from 0 to 3, not 2"),
        (["screen", "gad7", "--scores", "0,0,0,0,0,0,5"], "not '5'"),
        (["screen", "gad7", "--difficulty", "very"], "--difficulty needs --scores too"),
        (["screen", "gad7", "--scores", "1,0,0,0,0,0,0", "--difficulty", "hard"], "the difficulty is one of"),
        (["screen", "gad7", "--scores", "1,0,0,0,0,0,0", "--region", "XX"], "no region 'XX'"),
        (["ask", "--who", "adult", "--concern", "trauma", "--phq9", "1,2"], "--phq9: phq9 takes 9 answers"),
    ],
)
def test_bad_screen_input_is_one_line_and_exit_2(runner: CliRunner, args: list[str], says: str) -> None:
    ran = run(runner, *args)
    assert ran.exit_code == 2, ran
    assert says in ran.stderr and ran.stderr.count("\n") == 1 and "Traceback" not in ran.stderr
    assert ran.stdout == ""


def test_saved_screen_is_private_and_exclusive(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "phq9.md"
    ran = run(runner, "screen", "phq9", "--scores", "2,2,2,2,2,0,0,0,1", "--region", "US", "--save", str(target))
    assert ran.exit_code == 0, ran
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = target.read_text(encoding="utf-8")
    assert text.index("> **Get help now**") < text.index("988") < text.index("## Your screens")
    assert "answered on " in text and "11 of 27" in text and '"moderate" (10-14)' in text
    again = run(runner, "screen", "phq9", "--scores", "0,0,0,0,0,0,0,0,0", "--save", str(target))
    assert again.exit_code == 4 and "already exists; use --force" in again.stderr
    assert target.read_text(encoding="utf-8") == text


def test_the_save_path_is_checked_before_anything_is_asked(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "exists.md"
    target.write_text("keep\n", encoding="utf-8")
    ran = run(runner, "screen", "phq9", "--save", str(target))
    assert ran.exit_code == 4 and "already exists" in ran.stderr
    assert target.read_text(encoding="utf-8") == "keep\n"


@pytest.mark.parametrize("item9", ["0", "2"])
def test_the_spanish_screen_and_its_report_have_no_english_but_the_instrument(
    runner: CliRunner, tmp_path: Path, item9: str
) -> None:
    from tests.test_spanish import english_in

    target = tmp_path / "informe.md"
    scores = f"1,2,1,2,1,2,1,1,{item9}"
    ran = run(runner, "--lang", "es", "screen", "phq9", "--scores", scores, "--region", "US", "--save", str(target))
    assert ran.exit_code == 0, ran
    assert english_in(ran.output) == []
    words = " ".join(ran.stdout.split())
    assert 'Rango: "moderate" (moderada; 10 a 14), en palabras de la fuente' in words
    assert "Próximo paso: habla pronto con tu médico" in words
    assert "El PHQ-9 se muestra en inglés" in words
    report = target.read_text(encoding="utf-8")
    without_items = "\n".join(line for line in report.splitlines() if not line.startswith("  - "))
    assert english_in(without_items) == []
    assert f"  - 1. {S.PHQ9.items[0]} **1 several days**" in report  # the items, unaltered, in English
