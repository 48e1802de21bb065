"""Therapies people look for that the knowledge base does not cover: said plainly, never a wrong guess.

``show EMDR`` answers that EMDR is not one of the approaches here, with a
checked fact where the facts hold one, what to ask a professional and how to
get suggestions; it never suggests an unrelated approach by its letters
(ACT is not PCIT, IPT is not animal-assisted therapy).
"""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import run
from therapick.advice import lookup

# The pages these notes come from, as shared/facts/guidelines.md gives them (literals: CI has no shared/).
GUIDELINE_PAGES = {
    "NG134": "https://www.nice.org.uk/guidance/ng134/chapter/Recommendations",
    "CG158": "https://www.nice.org.uk/guidance/cg158/chapter/1-Recommendations",
    "CG51": "https://www.nice.org.uk/guidance/CG51/chapter/recommendations",
    "CG113": "https://www.nice.org.uk/guidance/cg113/chapter/Recommendations",
}
ISSUE_NAMES = [
    "counselling",
    "EMDR",
    "ACT",
    "IPT",
    "psychodynamic therapy",
    "MBCT",
    "schema therapy",
    "family-based treatment",
]
MORE = ["counseling", "acceptance and commitment therapy", "Interpersonal Therapy", "hypnosis", "MST", "CFT", "mbt"]


@pytest.mark.parametrize("name", ISSUE_NAMES + MORE)
def test_a_name_people_look_for_is_answered_plainly(runner, kb, name: str) -> None:
    ran = run(runner, "show", name)
    assert ran.exit_code == 1, ran
    said = " ".join(ran.stdout.split())
    assert f"is not one of the {len(kb.interventions)} approaches therapick describes" in said
    assert "therapick ask" in ran.stdout and "did you mean" not in ran.output
    assert kb.disclaimer.short.split(":")[0] in ran.stdout


def test_as_json_it_is_an_error_that_says_the_same(runner) -> None:
    ran = run(runner, "show", "emdr", "--json")
    assert ran.exit_code == 1
    body = json.loads(ran.stdout)
    assert "is not one of the 11 approaches" in body["error"]["message"] and body["error"]["exit_code"] == 1


@pytest.mark.parametrize("name", ["emdr", "terapia psicodinámica", "terapia de esquemas", "psicoterapia interpersonal"])
def test_in_spanish_too(runner, name: str) -> None:
    ran = run(runner, "--lang", "es", "show", name)
    assert ran.exit_code == 1 and "no es uno de los 11 enfoques que describe therapick" in " ".join(ran.stdout.split())


@pytest.mark.parametrize(
    ("typed", "never"),
    [
        ("ACT", {"pcit", "play-therapy", "abc"}),
        ("IPT", {"animal-therapy"}),
        ("CFT", {"family-therapy"}),
        ("xyz", set()),
    ],
)
def test_no_typo_suggestion_of_an_unrelated_approach(kb, typed: str, never: set[str]) -> None:
    assert not {i.id for i in lookup.closest(kb, typed)} & never


def test_an_unknown_name_still_gets_a_real_typo_suggestion(runner) -> None:
    ran = run(runner, "show", "pcti")
    assert ran.exit_code == 1 and "did you mean Parent-child interaction therapy (PCIT)" in ran.stderr


def test_every_note_is_a_checked_fact(kb) -> None:
    """A note names its guideline and links that guideline's page as the facts give it (or credits the overview)."""
    for o in kb.other_therapies:
        if o.note is None:
            assert o.url is None
            continue
        named = re.findall(r"\b(?:NG|CG)\d+", o.note)
        if not named:
            assert o.note.startswith("The overview this tool is based on") and o.url is None, o.id
            continue
        assert len(named) == 1 and o.url == GUIDELINE_PAGES[named[0]], o.id


def test_no_other_therapy_shares_a_name_with_an_intervention(kb) -> None:
    assert not set(kb.other_index) & set(kb.name_index)


def test_the_export_lists_them(runner) -> None:
    out = run(runner, "export").stdout
    assert (
        "## Other therapies people ask about" in out
        and "**Eye movement desensitisation and reprocessing (EMDR)**" in out
    )
