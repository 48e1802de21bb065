"""No surface ever says "no risk found" or anything like it (crisis-words.md, rule 3).

A description that matches no crisis words says nothing about risk: keyword lists miss people
at risk (facts, section F). Every command's output, in English and Spanish, on screen, as JSON,
and as a saved report or record, is searched for wording that would reassure.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import run

REASSURING = re.compile(
    r"no (?:signs? of )?risk|not at risk|low risk|risk (?:score|level)|no crisis (?:found|detected)"
    r"|(?:you|they) (?:seem|are|look|appear) (?:to be )?(?:safe|fine|ok)|nothing (?:worrying|concerning)"
    r"|no (?:danger|warning signs?) (?:found|detected)|safe to (?:ignore|wait)"
    r"|sin riesgo|no hay riesgo|riesgo bajo|bajo riesgo|no est[aá]s? en riesgo|(?:est[aá]s|pareces estar) a salvo"
    r"|no se (?:encontr|detect)[oó] (?:ning[uú]n )?riesgo",
    re.IGNORECASE,
)

DESCRIPTIONS = [
    "my 4 year old hits and screams every night",
    "I feel fine, just curious",
    "nothing much, a bit stressed",
    "no puedo dormir, todo me da miedo desde el accidente",
    "I would never kill myself",
    "quiero morir esta noche",
    "asdf qwerty",
]
COMMANDS = [
    ["help-now"],
    ["help-now", "--region", "GB"],
    ["hotlines", "--region", "US"],
    ["show", "cbt"],
    ["list"],
    ["practice"],
    ["practice", "--json"],
    *[["practice", name] for name in ("breathing", "panic-breathing", "grounding", "thought-record", "stopp")],
    ["practice", "problem-solving"],
    ["practice", "activity-plan"],
    ["ask", "--who", "adult", "--concern", "anxiety-depression", "--region", "US"],
    ["ask", "--crisis"],
    *[["ask", "--describe", text, "--region", "US"] for text in DESCRIPTIONS],
    *[["ask", "--describe", text, "--region", "US", "--json", "--include-text"] for text in DESCRIPTIONS],
    *[["ask", "--describe", text] for text in DESCRIPTIONS],
]


@pytest.mark.exhaustive  # a whole family in-process: the full suite's
@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a)[:60] for a in COMMANDS])
def test_no_output_reassures(runner, lang: str, args: list[str]) -> None:
    result = run(runner, "--lang", lang, *args)
    assert result.exit_code in (0, 2), result
    found = REASSURING.findall(result.output)
    assert not found, (found, result.output[:400])


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("text", DESCRIPTIONS)
def test_no_saved_report_reassures(runner, tmp_path: Path, lang: str, text: str) -> None:
    report = tmp_path / "r.md"
    result = run(
        runner,
        "--lang",
        lang,
        "ask",
        "--describe",
        text,
        "--who",
        "adult",
        "--concern",
        "trauma",
        "--save",
        str(report),
    )
    assert result.exit_code == 0, result
    assert not REASSURING.findall(report.read_text(encoding="utf-8"))


def test_the_pattern_catches_what_it_is_for() -> None:
    for bad in (
        "No risk found.",
        "You seem safe",
        "risk score: 2",
        "Sin riesgo",
        "Pareces estar a salvo",
        "not at risk",
    ):
        assert REASSURING.search(bad), bad
