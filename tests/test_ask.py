"""`therapick ask` without a terminal: answers file, flags, JSON, --save, errors."""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import run

# The public answer-id table from the questionnaire issue, as literals: the
# knowledge base must offer exactly these, and each must be accepted.
ANSWER_IDS = {
    "crisis": ["true", "false"],
    "who": ["adult", "teen", "child", "young-child", "infant", "family", "couple"],
    "concerns": [
        "alcohol",
        "drugs",
        "trauma",
        "abuse",
        "anxiety",
        "low-mood",
        "intense-emotions",
        "relationships",
        "child-behavior",
        "attachment",
        "family-conflict",
        "hard-to-put-into-words",
    ],
    # Which of the concerns chosen matters most: its options are the concerns (issue 20).
    "main-concern": [
        "alcohol",
        "drugs",
        "trauma",
        "abuse",
        "anxiety",
        "low-mood",
        "intense-emotions",
        "relationships",
        "child-behavior",
        "attachment",
        "family-conflict",
        "hard-to-put-into-words",
    ],
    "goals": ["change-behavior", "relationship-skills", "coping-skills", "problem-solving", "self-esteem"],
    "readiness": ["not-sure", "thinking", "preparing", "acting", "maintaining"],
    "preferences": [
        "talking",
        "structured-skills",
        "creative",
        "play",
        "animals",
        "group",
        "family-sessions",
        "online",
    ],
    "groups": ["veteran", "lgbtq-young", "indigenous"],
    "region": ["US", "CA", "GB", "IE", "AU", "NZ", "ES", "other"],
}
BASE = {"who": "adult", "concerns": ["trauma"]}
# Former ids, still accepted from scripts and files: each means every option that replaced it.
FORMER = {"substance-use": ["alcohol", "drugs"], "anxiety-depression": ["anxiety", "low-mood"]}


def test_kb_offers_exactly_the_public_ids(kb) -> None:
    questions = kb.questionnaire.questions
    assert [q.id for q in questions] == list(ANSWER_IDS)
    # Seven standard questions, plus the optional groups and main-concern questions.
    assert len(questions) <= 9
    assert [q.id for q in questions if not q.required and q.id not in ("crisis", "goals", "readiness")] == [
        "main-concern",
        "preferences",
        "groups",
        "region",
    ]
    for q in questions:
        if q.kind != "confirm":
            assert kb.questionnaire.resolved(q).option_ids == ANSWER_IDS[q.id]


@pytest.mark.parametrize(("question", "option"), [(q, o) for q, opts in ANSWER_IDS.items() for o in opts])
def test_every_option_id_is_accepted(runner, tmp_path: Path, question: str, option: str) -> None:
    value: object = option == "true" if question == "crisis" else option
    if question in ("concerns", "goals", "preferences", "groups"):
        value = [option]
    answers = dict(BASE, **{question: value})
    if question == "main-concern":  # one of the concerns chosen
        answers["concerns"] = [option, "trauma" if option != "trauma" else "abuse"]
    (tmp_path / "a.json").write_text(json.dumps(answers))
    result = run(runner, "ask", "--answers", str(tmp_path / "a.json"), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    got = data["answers"][question]
    assert got == value


@pytest.mark.parametrize(("former", "now"), list(FORMER.items()))
def test_a_former_concern_id_means_the_options_that_replaced_it(
    runner, tmp_path: Path, former: str, now: list[str]
) -> None:
    (tmp_path / "a.yaml").write_text(f"who: adult\nconcerns: [{former}]\n")
    for how in (["--concern", former], ["--answer", f"concerns={former}"], ["--answers", str(tmp_path / "a.yaml")]):
        result = run(runner, "ask", "--who", "adult", *how, "--json")
        assert result.exit_code == 0, (how, result.stderr)
        assert json.loads(result.stdout)["answers"]["concerns"] == now, how
    # It takes one answer where one is asked for: a former id that became two is refused, saying so.
    refused = run(
        runner,
        "ask",
        "--who",
        "adult",
        "--concern",
        now[0],
        "--concern",
        now[1],
        "--answer",
        f"main-concern={former}",
        "--json",
    )
    assert refused.exit_code == 2 and f"is now {', '.join(now)}: choose one" in refused.stderr


def test_a_main_concern_not_among_the_concerns_is_refused(runner) -> None:
    result = run(runner, "ask", "--who", "adult", "--concern", "trauma", "--answer", "main-concern=alcohol", "--json")
    assert result.exit_code == 2
    assert "'main-concern' is 'alcohol', which is not among the answers to 'concerns' (trauma)" in result.stderr


def test_answers_file_yaml(runner, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("who: young-child\nconcerns: [child-behavior]\nregion: gb\n")
    data = json.loads(run(runner, "ask", "-a", str(tmp_path / "a.yaml"), "--json").stdout)
    assert data["suggestions"][0]["id"] == "pcit"
    assert data["answers"]["region"] == "GB"
    assert data["emergency"]["number"] == "999"


def test_answers_from_stdin(runner) -> None:
    result = run(runner, "ask", "--answers", "-", "--json", input='{"who": "infant", "concerns": ["attachment"]}')
    assert json.loads(result.stdout)["suggestions"][0]["id"] == "abc"


def test_flags_override_the_file(runner, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("who: adult\nconcerns: [trauma]\nregion: US\n")
    data = json.loads(
        run(runner, "ask", "-a", str(tmp_path / "a.yaml"), "--who", "teen", "--region", "AU", "--json").stdout
    )
    assert data["answers"]["who"] == "teen" and data["answers"]["region"] == "AU"
    assert data["answers"]["concerns"] == ["trauma"]
    assert data["suggestions"][0]["id"] == "tf-cbt"


def test_defaults_for_optional_questions(runner) -> None:
    # No default country and no default crisis answer: unanswered stays null, and with no region
    # `overview` gives each region's emergency number and first crisis line.
    data = json.loads(run(runner, "ask", "--who", "adult", "--concern", "trauma", "--json").stdout)
    assert data["answers"]["crisis"] is None and data["answers"]["region"] is None
    assert data["answers"]["goals"] == [] and data["answers"]["groups"] == []
    assert data["crisis"] is False and data["at_risk"] is False
    assert data["region"] is None and data["region_how"] is None and data["emergency"] is None
    assert data["crisis_lines"] == [] and data["hotlines"] == []
    overview = {o["emergency"]["region"]: (o["emergency"]["number"], o["line"]["id"]) for o in data["overview"]}
    assert overview == {
        "US": ("911", "us-988"),
        "CA": ("911", "ca-988"),
        "GB": ("999", "gb-samaritans"),
        "IE": ("112", "ie-samaritans"),
        "AU": ("000", "au-lifeline"),
        "NZ": ("111", "nz-1737"),
        "ES": ("112", "es-024"),
        "other": ("the local emergency number", "other-findahelpline"),
    }
    assert all(o["line"]["crisis"] for o in data["overview"])


def test_region_given_means_no_overview(runner) -> None:
    data = json.loads(run(runner, "ask", "--who", "adult", "--concern", "trauma", "--region", "ie", "--json").stdout)
    assert data["region"] == "IE" and data["region_how"] == "you said"
    assert data["emergency"]["number"] == "112" and data["overview"] == []


def test_json_shape(runner) -> None:
    args = ("--who", "adult", "--concern", "substance-use", "--readiness", "not-sure", "--region", "US", "--json")
    data = json.loads(run(runner, "ask", *args).stdout)
    assert "not medical advice" in data["disclaimer"]
    assert list(data)[:2] == ["schema_version", "crisis_lines"]
    for key in ("disclaimer", "crisis", "at_risk", "region", "answers", "suggestions", "hotlines", "resources"):
        assert key in data
    first = data["suggestions"][0]
    assert first["id"] == "cbt"  # NICE CG115 for alcohol, a guideline: above Division 12's rating of MI
    assert data["suggestions"][1]["id"] == "transtheoretical"
    assert set(first) >= {"id", "name", "category", "rank", "tied", "strength", "tier", "rests_on", "reasons"}
    assert first["strength"] == "recommends" and first["tier"] == 2 and first["concern"] == "alcohol"
    assert first["strength_words"].startswith("NICE recommends it for adults with harmful drinking")
    for r in first["reasons"]:
        assert set(r) == {"question", "option", "points", "text"} and isinstance(r["text"], str)
    assert sum(r["points"] for r in first["reasons"]) == first["points"]
    samhsa = next(h for h in data["hotlines"] if h["name"] == "SAMHSA National Helpline")
    assert samhsa["region"] == "US" and samhsa["url"].startswith("https://")
    assert {"method": "call", "value": "1-800-662-4357", "as_letters": "1-800-662-HELP"} in samhsa["contact"]


def test_crisis_first_in_json(runner) -> None:
    args = ("--crisis", "--who", "adult", "--concern", "substance-use", "--region", "US", "--json")
    data = json.loads(run(runner, "ask", *args).stdout)
    assert data["crisis"] is True
    assert list(data).index("crisis_lines") < list(data).index("suggestions")
    assert [h["id"] for h in data["crisis_lines"]] == ["us-988", "us-crisis-text"]
    assert [h["crisis"] for h in data["hotlines"][:2]] == [True, True]


def test_crisis_first_on_screen(runner) -> None:
    out = run(runner, "ask", "--crisis", "--who", "adult", "--concern", "trauma", "--region", "US").stdout
    assert out.index("Get help now") < out.index("1. ")
    assert out.index("911") < out.index("1. ")
    assert out.index("988") < out.index("1. ")


def test_crisis_without_region_shows_every_region_first(runner) -> None:
    out = run(runner, "ask", "--crisis", "--who", "adult", "--concern", "trauma").stdout
    first = out.index("1. ")
    for number in ("911", "988", "999", "116 123", "112", "000", "13 11 14"):
        assert out.index(number) < first, number


def test_screen_results(runner) -> None:
    result = run(runner, "ask", "--who", "young-child", "--concern", "child-behavior")
    assert result.exit_code == 0
    out = result.stdout
    flat = " ".join(out.split())
    assert "1. Parent-child interaction therapy (PCIT)" in out
    assert "you said the support is for a child aged 2-5; PCIT is designed for children about 2-7" in flat
    assert "Evidence" in out and "CEBC" in out
    assert "Finding a professional" in out and "Not medical advice" in out
    assert "\x1b[" not in out, "no colour when not a terminal"


def test_missing_answers_without_terminal(runner) -> None:
    result = run(runner, "ask", "--who", "adult")
    assert result.exit_code == 2
    assert "missing answer: concerns; give --concern or --answers FILE" in result.stderr


def test_plain_therapick_without_terminal_prints_help(runner) -> None:
    result = run(runner)
    assert result.exit_code == 0
    assert "Usage:" in result.stdout and "ask" in result.stdout


def test_save_report(runner, tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    result = run(
        runner,
        "ask",
        "--who",
        "adult",
        "--concern",
        "substance-use",
        "--concern",
        "abuse",
        "--crisis",
        "--region",
        "US",
        "--save",
        str(report),
    )
    assert result.exit_code == 0
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    text = report.read_text()
    assert f"Made on {date.today().isoformat()}" in text
    assert "**Who is the support for?** An adult (18 or older)" in text
    assert "Alcohol use; Drug use (other than alcohol); Abuse or violence, now or in the past" in text
    assert "> **Get help now**" in text and text.index("Get help now") < text.index("## In short")
    assert text.index("## In short") < text.index("## Your answers") < text.index("## Kinds of help")
    assert "**Of these, which matters most right now?** (not answered)" in text  # several concerns, none said
    assert "1-800-662-4357" in text and "1-800-799-7233" in text
    assert "- **Why:**" in text and "not medical advice" in text
    assert "saved the report to" in result.stderr
    again = run(runner, "ask", "--who", "adult", "--concern", "trauma", "--save", str(report))
    assert again.exit_code == 4 and report.read_text() == text
    forced = run(runner, "ask", "--who", "adult", "--concern", "trauma", "--save", str(report), "--force")
    assert forced.exit_code == 0 and "A traumatic" not in report.read_text()
    assert "which matters most" not in report.read_text(), "not asked of one concern, so not in the report"
    assert stat.S_IMODE(report.stat().st_mode) == 0o600


def test_save_with_json(runner, tmp_path: Path) -> None:
    report = tmp_path / "r.md"
    result = run(runner, "ask", "--who", "teen", "--concern", "trauma", "--json", "--save", str(report))
    assert json.loads(result.stdout)["suggestions"][0]["id"] == "tf-cbt"
    assert report.exists()


def test_nothing_matches(runner, kb_copy: Path) -> None:
    result = run(runner, "ask", "--who", "infant", "--concern", "substance-use")
    assert result.exit_code == 0
    assert "Nothing in the knowledge base matched" in result.stdout
    assert "988" in result.stdout and "116 123" in result.stdout, "no region: every region's crisis line"
