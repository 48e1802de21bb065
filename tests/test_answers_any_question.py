"""A clinic's own question works end to end (issue 8, "what must show").

A copy of the bundled knowledge base gets an eighth question, ``sleep``, and
CBT's ``fit`` table gives points for one of its options. Nothing in the code
knows the question: it is accepted by ``validate``, in an answers file and
through ``--answer sleep=poor``, it changes CBT's rank, it is explained in the
reasons (JSON and text), kept in the answers and the report, and asked by the
questionnaire.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from tests.conftest import KB_PATH, run
from therapick.advice import answers as A
from therapick.advice.rank import rank
from therapick.cli import questionnaire
from therapick.kb import loader as kbmod

WHY = "CBT can include work on sleep habits (a clinic's own reason)"
SLEEP = {
    "id": "sleep",
    "kind": "one",
    "text": "How have you been sleeping lately?",
    "said": "you said your sleep has been",
    "hint": "Optional: press enter to skip.",
    "options": [
        {"id": "poor", "label": "Poorly", "phrase": "poor"},
        {"id": "fine", "label": "Fine", "phrase": "fine"},
    ],
}
# Without the new answer: family therapy first (NICE NG134 considers it for children 5-11 with
# depression), then arts therapies and CBT, both with no guideline or rating for a child's low mood
# (tier 4), arts first for the creative work asked for. A clinic's answer orders options within a
# tier (CBT before arts therapies) and never lifts one over a higher tier (family therapy stays first).
BASE = ["--who", "child", "--concern", "low-mood", "--prefer", "creative", "--region", "GB"]
GIVEN = {"who": "child", "concerns": ["low-mood"], "preferences": ["creative"], "region": "GB"}


@pytest.fixture
def clinic_kb(tmp_path: Path) -> Path:
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    doc = yaml.load(KB_PATH.read_text(encoding="utf-8"), Loader=loader)
    doc["questionnaire"]["questions"].append(SLEEP)
    cbt = next(i for i in doc["interventions"] if i["id"] == "cbt")
    cbt["fit"]["sleep"] = {"poor": {"points": 6, "why": WHY}}
    path = tmp_path / "clinic.yaml"
    path.write_text(yaml.dump(doc, Dumper=dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def ask_json(runner, kb_path: Path, *args: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    result = run(runner, "--kb", str(kb_path), "ask", *args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def ids(data: dict[str, Any]) -> list[str]:
    return [s["id"] for s in data["suggestions"]]


def test_validate_accepts_the_new_question(runner, clinic_kb: Path) -> None:
    result = run(runner, "validate", str(clinic_kb))
    assert result.exit_code == 0, result.output
    assert "valid (11 interventions" in result.stdout
    assert [q.id for q in kbmod.load(clinic_kb).questionnaire.questions][-1] == "sleep"


def test_an_unknown_option_of_the_new_question_is_refused(runner, clinic_kb: Path) -> None:
    result = run(runner, "--kb", str(clinic_kb), "ask", *BASE, "--answer", "sleep=awful", "--json")
    assert result.exit_code == 2
    assert "'sleep' has no option 'awful'; the options are: poor, fine" in result.stderr


def test_a_fit_for_an_unknown_question_is_refused(runner, clinic_kb: Path) -> None:
    # The same reference without the question: validate names it, so a typo cannot pass silently.
    text = clinic_kb.read_text(encoding="utf-8").replace("sleep:", "slepe:", 1)
    bad = clinic_kb.with_name("bad.yaml")
    bad.write_text(text, encoding="utf-8")
    result = run(runner, "validate", str(bad))
    assert result.exit_code == 1
    assert "slepe" in result.output


def test_without_the_answer_cbt_is_third(runner, clinic_kb: Path) -> None:
    data = ask_json(runner, clinic_kb, *BASE)
    assert ids(data)[:3] == ["family-therapy", "arts-therapy", "cbt"]
    assert data["answers"]["sleep"] is None
    cbt = data["suggestions"][2]
    assert not [r for r in cbt["reasons"] if r["question"] == "sleep"]


def check_answered(data: dict[str, Any]) -> None:
    assert ids(data)[:3] == ["family-therapy", "cbt", "arts-therapy"], "the new answer moves CBT up within its tier"
    assert data["answers"]["sleep"] == "poor"
    assert list(data["answers"])[-1] == "sleep", "every question of the knowledge base, in order"
    cbt = data["suggestions"][1]
    reason = next(r for r in cbt["reasons"] if r["question"] == "sleep")
    assert reason == {
        "question": "sleep",
        "option": "poor",
        "points": 6,
        "text": f"you said your sleep has been poor; {WHY}",
    }
    assert cbt["points"] == sum(r["points"] for r in cbt["reasons"])


def test_answer_flag_changes_the_rank(runner, clinic_kb: Path) -> None:
    check_answered(ask_json(runner, clinic_kb, *BASE, "--answer", "sleep=poor"))
    # Any case, as for the named flags; "fine" earns nothing.
    check_answered(ask_json(runner, clinic_kb, *BASE, "--answer", "sleep=POOR"))
    fine = ask_json(runner, clinic_kb, *BASE, "--answer", "sleep=fine")
    assert ids(fine)[:3] == ["family-therapy", "arts-therapy", "cbt"]


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_answers_file_changes_the_rank(runner, clinic_kb: Path, tmp_path: Path, fmt: str) -> None:
    answers = {**GIVEN, "sleep": "poor"}
    path = tmp_path / f"answers.{fmt}"
    path.write_text(yaml.safe_dump(answers) if fmt == "yaml" else json.dumps(answers), encoding="utf-8")
    check_answered(ask_json(runner, clinic_kb, "--answers", str(path)))


def test_flag_beats_the_answers_file(runner, clinic_kb: Path, tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text("sleep: fine\n", encoding="utf-8")
    check_answered(ask_json(runner, clinic_kb, *BASE, "--answers", str(path), "--answer", "sleep=poor"))


def test_reason_in_the_text_results_and_the_report(runner, clinic_kb: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    result = run(runner, "--kb", str(clinic_kb), "ask", *BASE, "--answer", "sleep=poor", "--save", str(report))
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.split())
    assert "2. Cognitive behavioral therapy (CBT)" in result.stdout
    assert f"you said your sleep has been poor; {WHY}" in flat
    text = " ".join(report.read_text(encoding="utf-8").split())
    assert "**How have you been sleeping lately?** Poorly" in text
    assert f"you said your sleep has been poor; {WHY}" in text


def test_ranking_reads_the_new_question(clinic_kb: Path) -> None:
    kb = kbmod.load(clinic_kb)
    given = GIVEN
    without = [s.intervention.id for s in rank(kb, A.Answers({"file": A.from_mapping(kb, given, "t")}))]
    with_sleep = A.Answers({"file": A.from_mapping(kb, given, "t"), "flags": A.from_pairs(kb, ["sleep=poor"])})
    ranked = rank(kb, with_sleep)
    assert without.index("cbt") == 2 and ranked[1].intervention.id == "cbt"
    assert ranked[0].intervention.id == without[0] == "family-therapy", "never over a higher tier"
    assert (
        ranked[1].points
        == next(
            s.points
            for s in rank(kb, A.Answers({"file": A.from_mapping(kb, given, "t")}))
            if s.intervention.id == "cbt"
        )
        + 6
    )


def test_the_questionnaire_asks_it(clinic_kb: Path) -> None:
    kb = kbmod.load(clinic_kb)
    replies = {
        "crisis": "no",
        "describe": "",  # the person's own words: Enter skips
        "who": "child",
        "concerns": ["low-mood"],
        "goals": [],
        "readiness": "not-sure",
        "preferences": ["creative"],
        "groups": [],
        "region": "GB",
        "sleep": "poor",
    }
    asked: list[questionnaire.Prompt] = []

    def ask(p: questionnaire.Prompt) -> Any:
        asked.append(p)
        return replies[p.id]

    def show_crisis(answers: A.Answers, region: str | None) -> None:
        raise AssertionError("no crisis was answered")

    got = questionnaire.run(kb, A.Answers(), ask, show_crisis, environ={})
    assert got is not None
    # Every question but which concern matters most (one concern was chosen), and the own words after danger.
    ids = [q.id for q in kb.questionnaire.questions if q.id != "main-concern"]
    assert [p.id for p in asked] == [ids[0], "describe", *ids[1:]]
    sleep = asked[-1]
    assert sleep.kind == "one" and sleep.text == "How have you been sleeping lately?"
    assert sleep.choices == (("poor", "Poorly"), ("fine", "Fine")) and sleep.hint == SLEEP["hint"]
    assert got["sleep"] == "poor" and got.layers["prompt"]["sleep"] == "poor"
    assert rank(kb, got)[1].intervention.id == "cbt"


def test_the_questionnaire_skips_it_when_given(clinic_kb: Path) -> None:
    kb = kbmod.load(clinic_kb)
    known = A.Answers({"flags": A.from_pairs(kb, ["sleep=fine", "crisis=no", "who=adult", "concerns=trauma"])})
    asked: list[str] = []

    def ask(p: questionnaire.Prompt) -> Any:
        asked.append(p.id)
        return {"goals": [], "preferences": [], "groups": [], "readiness": "thinking", "region": "AU"}[p.id]

    got = questionnaire.run(kb, known, ask, lambda a, r: None, environ={})
    assert got is not None and "sleep" not in asked and got["sleep"] == "fine"


# A question of the other kind with options, "many": answered with several options at once.
SETTINGS_Q = {
    "id": "settings",
    "kind": "many",
    "text": "Where could sessions happen?",
    "said": "you said sessions could be",
    "options": [
        {"id": "home", "label": "At home", "phrase": "at home"},
        {"id": "school", "label": "At school", "phrase": "at school"},
        {"id": "clinic", "label": "In a clinic", "phrase": "in a clinic"},
    ],
}
SCHOOL_WHY = "the CBT team works in schools (a clinic's own reason)"


@pytest.fixture
def settings_kb(tmp_path: Path) -> Path:
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    doc = yaml.load(KB_PATH.read_text(encoding="utf-8"), Loader=loader)
    doc["questionnaire"]["questions"].append(SETTINGS_Q)
    cbt = next(i for i in doc["interventions"] if i["id"] == "cbt")
    cbt["fit"]["settings"] = {"school": {"points": 6, "why": SCHOOL_WHY}}
    path = tmp_path / "settings.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_many_choice_question_changes_the_rank(runner, settings_kb: Path, tmp_path: Path) -> None:
    assert ids(ask_json(runner, settings_kb, *BASE))[:3] == ["family-therapy", "arts-therapy", "cbt"]
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"settings": ["home", "school"]}), encoding="utf-8")
    for how in (
        ["--answer", "settings=home,school"],
        ["--answer", "settings=home", "--answer", "settings=school"],
        ["--answers", str(answers)],
    ):
        data = ask_json(runner, settings_kb, *BASE, *how)
        assert ids(data)[:2] == ["family-therapy", "cbt"], how
        assert data["answers"]["settings"] == ["home", "school"], how
        reason = next(r for r in data["suggestions"][1]["reasons"] if r["question"] == "settings")
        assert reason["option"] == "school" and SCHOOL_WHY in reason["text"]
    assert ids(ask_json(runner, settings_kb, *BASE, "--answer", "settings=home"))[1] == "arts-therapy"
    refused = run(runner, "--kb", str(settings_kb), "ask", *BASE, "--answer", "settings=garden", "--json")
    assert refused.exit_code == 2 and "garden" in refused.stderr and "home, school, clinic" in refused.stderr


def test_the_questionnaire_asks_a_many_choice_question_as_checkboxes(settings_kb: Path) -> None:
    kb = kbmod.load(settings_kb)
    pairs = ["crisis=no", "who=child", "concerns=low-mood", "preferences=creative", "readiness=not-sure", "region=GB"]
    known = A.Answers({"flags": A.from_pairs(kb, pairs)})
    asked: list[questionnaire.Prompt] = []

    def ask(p: questionnaire.Prompt) -> Any:
        asked.append(p)
        return {"goals": [], "groups": [], "settings": ["school"]}[p.id]

    got = questionnaire.run(kb, known, ask, lambda a, r: None, environ={})
    assert got is not None and list(got["settings"]) == ["school"]
    settings = asked[-1]
    assert settings.id == "settings" and settings.kind == "many"
    assert settings.choices == (("home", "At home"), ("school", "At school"), ("clinic", "In a clinic"))
    assert rank(kb, got)[1].intervention.id == "cbt"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("low mood", "low-mood"), ("Low_Mood", "low-mood"), (" young  child ", "young-child"), ("LOW-MOOD", "low-mood")],
)
def test_an_option_id_typed_with_spaces_or_underscores_is_the_option(runner: CliRunner, typed: str, meant: str) -> None:
    flag = "--who" if "child" in meant else "--concern"
    other = ("--concern", "child-behavior") if flag == "--who" else ("--who", "adult")
    got = run(runner, "ask", flag, typed, *other, "--region", "GB", "--no-crisis", "--json")
    assert got.exit_code == 0, got
    answers = json.loads(got.stdout)["answers"]
    assert meant in (answers["who"], *answers["concerns"]), answers


def test_a_near_miss_is_still_refused(runner: CliRunner) -> None:
    got = run(runner, "ask", "--who", "adult", "--concern", "lowmood", "--region", "GB", "--no-crisis")
    assert got.exit_code == 2 and "has no option 'lowmood'" in got.stderr
