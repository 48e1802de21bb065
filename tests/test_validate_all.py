"""Every problem at once: one `validate` run lists every structural and reference problem,
each with file, line and path; warnings for risky content, which --strict makes errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import run


def _edit(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


def _line_of(text: str, fragment: str) -> int:
    found = [n for n, line in enumerate(text.splitlines(), 1) if fragment in line]
    assert len(found) == 1, (fragment, found)
    return found[0]


def _validate(runner: Any, path: Path, *args: str) -> tuple[Any, Any]:
    """The text verdict and the JSON one, which must agree on the exit code."""
    text = run(runner, "validate", str(path), *args)
    as_json = run(runner, "validate", str(path), *args, "--json")
    assert text.exit_code == as_json.exit_code, (text, as_json)
    return text, json.loads(as_json.stdout)


FIVE = [
    # (what, old, new, the fragment on the problem's line, path, words in the message)
    (
        "wrong type in an intervention",
        "    abbreviation: CBT\n",
        "    abbreviation: [CBT]\n",
        "abbreviation: [CBT]",
        "$.interventions[0].abbreviation",
        "expected text or nothing, not a list",
    ),
    (
        "unknown key in another intervention",
        "  - id: dbt\n",
        "  - id: dbt\n    sumary: Skills for intense emotions.\n",
        "sumary:",
        "$.interventions[1].sumary",
        "unknown key 'sumary' (did you mean 'summary'?)",
    ),
    (
        "missing required field in a category",
        "  - id: systemic\n    name: Systemic interventions\n",
        "  - id: systemic\n",
        "- id: systemic",
        "$.categories[2]",
        "missing required key 'name'",
    ),
    (
        "bad enum value for a question kind",
        "    - id: readiness\n      kind: one\n",
        "    - id: readiness\n      kind: single\n",
        "kind: single",
        "$.questionnaire.questions[5].kind",
        "'single' is not allowed; the values are: confirm, one, many",
    ),
    (
        "bad region id",
        "  - id: AU\n    name: Australia\n",
        "  - id: Aus\n    name: Australia\n",
        "- id: Aus",
        "$.regions[4].id",
        "'Aus' is not a region id: two capital letters (like GB) or 'other'",
    ),
]


@pytest.fixture
def five(tmp_path: Path, kb_text: str) -> tuple[Path, str]:
    text = kb_text
    for _, old, new, *_rest in FIVE:
        text = _edit(text, old, new)
    path = tmp_path / "five.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def test_one_run_lists_all_five_problems(runner: Any, five: tuple[Path, str]) -> None:
    path, text = five
    ran, doc = _validate(runner, path)
    assert ran.exit_code == 1, ran
    assert doc["valid"] is False
    assert len(doc["problems"]) == 5, doc["problems"]
    found = {p["path"]: p for p in doc["problems"]}
    for what, _, _, fragment, where, words in FIVE:
        assert where in found, what
        problem = found[where]
        assert problem["line"] == _line_of(text, fragment), what
        assert words in problem["message"], (what, problem["message"])
        assert problem["warning"] is False
        # the text verdict: file, line, message and path on one line
        assert f"{path}, line {problem['line']}: {problem['message']} at {where}" in ran.stdout.splitlines(), what
    assert ran.stdout.splitlines()[-1] == f"{path}: not valid (5 problems)"


def test_loading_it_names_the_first_and_counts_the_rest(runner: Any, five: tuple[Path, str]) -> None:
    ran = run(runner, "--kb", str(five[0]), "list")
    assert ran.exit_code == 3, ran
    assert "(and 4 more; run 'therapick validate')" in ran.stderr


def test_several_problems_in_one_item_are_all_listed(runner: Any, tmp_path: Path, kb_text: str) -> None:
    text = _edit(kb_text, "        contact_text: call 116 123 (free); email jo@samaritans.org\n", "")
    text = _edit(text, "        purpose: emotional distress and suicidal thoughts\n", "        porpose: distress\n")
    text = _edit(
        text, '          - {method: email, value: "jo@samaritans.org"}\n', '          - {method: fax, value: "x"}\n'
    )
    path = tmp_path / "kb.yaml"
    path.write_text(text, encoding="utf-8")
    ran, doc = _validate(runner, path)
    assert ran.exit_code == 1
    messages = {p["path"]: p["message"] for p in doc["problems"]}
    assert len(messages) == 3, messages
    line = "$.regions[2].lines[0]"
    assert messages[f"{line}.porpose"].startswith("unknown key 'porpose' (did you mean 'purpose'?)")
    assert messages[line] == "missing required key 'purpose'"
    assert messages[f"{line}.contact[1].method"] == (
        "'fax' is not allowed; the values are: call, text, chat, email, tty, web, whatsapp"
    )


def test_reference_problems_are_all_listed_with_lines(runner: Any, tmp_path: Path, kb_text: str) -> None:
    text = _edit(kb_text, "    category: systemic\n", "    category: sistemic\n")
    text = _edit(text, "  - id: pcit\n", "  - id: abc\n")
    path = tmp_path / "kb.yaml"
    path.write_text(text, encoding="utf-8")
    ran, doc = _validate(runner, path)
    assert ran.exit_code == 1
    messages = [p["message"] for p in doc["problems"]]
    assert any("unknown category 'sistemic'" in m for m in messages), messages
    assert any("duplicate id 'abc'" in m for m in messages), messages
    assert all(p["line"] and p["path"] for p in doc["problems"])
    dup = next(p for p in doc["problems"] if "duplicate id 'abc'" in p["message"])
    assert dup["line"] == [n for n, line in enumerate(text.splitlines(), 1) if line == "  - id: abc"][1]
    unknown = next(p for p in doc["problems"] if "unknown category 'sistemic'" in p["message"])
    assert unknown["line"] == _line_of(text, "category: sistemic")


# --------------------------------------------------------------------------
# contact_text must say what the structured contact says


def test_contact_text_that_disagrees_with_the_contact_is_an_error(runner: Any, tmp_path: Path, kb_text: str) -> None:
    text = _edit(
        kb_text,
        "        contact_text: call 116 123 (free); email jo@samaritans.org\n",
        "        contact_text: call 116 124 (free); email jo@samaritans.org\n",
    )
    path = tmp_path / "kb.yaml"
    path.write_text(text, encoding="utf-8")
    ran, doc = _validate(runner, path)
    assert ran.exit_code == 1, ran
    [problem] = doc["problems"]
    assert problem["message"].startswith("contact_text disagrees with contact")
    assert "116124" in problem["message"] or "116 124" in problem["message"]
    assert problem["line"] == _line_of(text, "call 116 124")
    assert problem["path"] == "$.regions[2].lines[0].contact_text"


def test_the_shown_contact_is_made_from_the_structured_one(runner: Any, tmp_path: Path, kb_text: str) -> None:
    text = _edit(kb_text, "        contact_text: call 116 123 (free); email jo@samaritans.org\n", "")
    path = tmp_path / "kb.yaml"
    path.write_text(text, encoding="utf-8")
    doc = json.loads(run(runner, "--kb", str(path), "hotlines", "--region", "GB", "--json").stdout)
    samaritans = doc["regions"][0]["lines"][0]
    assert samaritans["contact_text"] == "call 116 123 (free); email jo@samaritans.org"


# --------------------------------------------------------------------------
# Warnings: exit 0, and --strict makes them errors

LIFELINE_HOURS = "        purpose: crisis support and suicide prevention\n        hours: 24/7\n"


def test_a_region_whose_only_crisis_line_has_limited_hours_warns(runner: Any, tmp_path: Path, kb_text: str) -> None:
    text = _edit(kb_text, LIFELINE_HOURS, LIFELINE_HOURS.replace("24/7", "6pm to 2am"))
    path = tmp_path / "kb.yaml"
    path.write_text(text, encoding="utf-8")
    ran, doc = _validate(runner, path)
    assert ran.exit_code == 0, ran
    assert doc["valid"] is True
    warnings = {p["path"]: p for p in doc["problems"]}
    assert all(p["warning"] for p in doc["problems"])
    assert "region AU has no crisis line open 24/7" in warnings["$.regions[4].lines"]["message"]
    hours = warnings["$.regions[4].lines[0].hours"]
    assert "crisis line 'au-lifeline' has limited hours (6pm to 2am)" in hours["message"]
    assert hours["line"] == _line_of(text, "hours: 6pm to 2am")
    assert f"{path}, line {hours['line']}: warning: crisis line 'au-lifeline'" in ran.stdout
    assert "2 warnings (--strict makes them errors)" in ran.stdout.splitlines()[-1]

    strict, doc = _validate(runner, path, "--strict")
    assert strict.exit_code == 1, strict
    assert doc["valid"] is False and len(doc["problems"]) == 2
    assert "not valid (2 problems)" in strict.stdout


def test_the_bundled_knowledge_base_is_valid_even_with_strict(runner: Any) -> None:
    ran = run(runner, "validate", "--strict")
    assert ran.exit_code == 0, ran
    assert "warning" not in ran.stdout


def test_a_crisis_line_with_limited_hours_warns_even_when_another_is_open_all_day(
    runner: Any, tmp_path: Path, kb_text: str
) -> None:
    shout = "        purpose: any kind of crisis, by text message\n        hours: 24/7, free\n"
    text = _edit(kb_text, shout, shout.replace("24/7, free", "6pm to 2am"))
    path = tmp_path / "kb.yaml"
    path.write_text(text, encoding="utf-8")
    ran, doc = _validate(runner, path)
    assert ran.exit_code == 0, ran
    assert [p["path"] for p in doc["problems"]] == ["$.regions[2].lines[1].hours"]
    assert run(runner, "validate", str(path), "--strict").exit_code == 1


def test_an_address_that_is_not_a_web_page_is_refused(runner: Any, tmp_path: Path, kb_text: str) -> None:
    text = _edit(kb_text, "        url: https://www.samaritans.org\n", "        url: ftp://www.samaritans.org\n")
    path = tmp_path / "kb.yaml"
    path.write_text(text, encoding="utf-8")
    ran, doc = _validate(runner, path)
    assert ran.exit_code == 1
    [problem] = doc["problems"]
    assert problem["message"] == (
        "'ftp://www.samaritans.org' is not an https:// or http:// address (ASCII, no spaces; "
        "percent-encode other characters)"
    )
    assert problem["line"] == _line_of(text, "ftp://www.samaritans.org")


# A page is kept exactly as the facts give it, and some are known only by http (specialists.md,
# the NZ Psychologists Board: http://www.psychologistsboard.org.nz/): a line's, a route's and a
# country's link may be http, and the file is still valid with no problem at all.
@pytest.mark.parametrize(
    "old",
    [
        "        url: https://www.samaritans.org\n",  # a line
        "        url: https://www.nami.org\n",  # a route to a professional
        "    url: https://www.gob.mx/policiafederal/articulos/088-911-responder-ante-cualquier-llamado?idiom=es\n",
    ],
    ids=["line", "resource", "country"],
)
def test_a_page_may_be_http(runner: Any, tmp_path: Path, kb_text: str, old: str) -> None:
    text = _edit(kb_text, old, old.replace("https://", "http://"))
    path = tmp_path / "kb.yaml"
    path.write_text(text, encoding="utf-8")
    ran, doc = _validate(runner, path, "--strict")
    assert ran.exit_code == 0, ran.stdout
    assert doc["problems"] == []
