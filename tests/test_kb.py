"""The knowledge base: content, schema checks, lookup by name, list and export."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import KB_PATH, ROOT, run
from therapick import export
from therapick import kb as kbmod

GOLDEN = ROOT / "tests" / "golden"

INTERVENTION_IDS = [
    "cbt",
    "dbt",
    "tf-cbt",
    "attachment-based",
    "abc",
    "pcit",
    "family-therapy",
    "transtheoretical",
    "arts-therapy",
    "play-therapy",
    "animal-therapy",
]
CATEGORY_IDS = ["cognitive-behavioral", "relationship-based", "systemic", "activity-based"]


def test_content_counts(kb) -> None:
    assert [i.id for i in kb.interventions] == INTERVENTION_IDS
    assert [c.id for c in kb.categories] == CATEGORY_IDS
    assert len(kb.techniques) == 5
    assert [g.id for g in kb.goals] == [
        "change-behavior",
        "relationship-skills",
        "coping-skills",
        "problem-solving",
        "self-esteem",
    ]
    assert len(kb.scenarios) == 4
    assert [r.id for r in kb.regions] == ["US", "CA", "GB", "IE", "AU", "other"]


def test_every_rating_names_its_source(kb) -> None:
    for i in kb.interventions:
        assert i.evidence
        for e in i.evidence:
            assert e.rating.strip() and e.source.strip()


def test_ratings_are_not_upgraded(kb) -> None:
    # The words of the sources, as in shared/facts/evidence.md.
    ratings = {i.id: " ".join(e.rating for e in i.evidence) for i in kb.interventions}
    assert "Promising" in ratings["tf-cbt"] and "secondary source" in ratings["tf-cbt"]
    assert "Promising" in ratings["play-therapy"]
    assert "limited" in ratings["animal-therapy"]
    assert "limited and mixed" in ratings["arts-therapy"]
    assert "no better than non-staged" in ratings["transtheoretical"]
    assert "No single rating" in ratings["attachment-based"]
    assert "No single rating" in ratings["family-therapy"]
    assert "1 Well-Supported" in ratings["pcit"]
    assert "Well-supported (2025)" in ratings["abc"]


def test_ids_are_lowercase_and_hyphenated(kb) -> None:
    import re

    for items in (kb.interventions, kb.categories, kb.techniques, kb.goals, kb.scenarios, kb.resources):
        for item in items:
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", item.id)


def test_bundled_kb_validates(runner) -> None:
    result = run(runner, "validate")
    assert result.exit_code == 0
    assert "valid (11 interventions, 4 categories" in result.stdout


def test_validate_json(runner, kb_text, tmp_path: Path) -> None:
    ok = json.loads(run(runner, "validate", "--json").stdout)
    assert ok["valid"] is True and ok["counts"]["interventions"] == 11 and ok["problems"] == []
    (tmp_path / "kb.yaml").write_text(kb_text.replace("    category: systemic\n", "    category: systemc\n", 1))
    result = run(runner, "validate", str(tmp_path / "kb.yaml"), "--json")
    assert result.exit_code == 1
    bad = json.loads(result.stdout)
    assert bad["valid"] is False
    assert bad["problems"][0]["path"] == "$.interventions[6].category" and bad["problems"][0]["line"] > 1


def test_validate_reports_every_problem(runner, kb_text, tmp_path: Path) -> None:
    broken = kb_text.replace("    category: systemic\n", "    category: systemc\n", 1).replace(
        "  - id: dbt\n", "  - id: cbt\n", 1
    )
    (tmp_path / "kb.yaml").write_text(broken)
    result = run(runner, "validate", str(tmp_path / "kb.yaml"))
    assert result.exit_code == 1
    assert "unknown category 'systemc'" in result.stderr
    assert "duplicate id 'cbt'" in result.stderr
    assert "line " in result.stderr


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("cbt", "cbt"),
        ("CBT", "cbt"),
        ("Cognitive Behavioural Therapy", "cbt"),
        ("cognitive-behavioral therapy", "cbt"),
        ("parent-child interaction therapy", "pcit"),
        ("Parent Child Interaction Therapy", "pcit"),
        ("ABC", "abc"),
        ("attachment and bio-behavioural catch-up", "abc"),
        ("art therapy", "arts-therapy"),
        ("music therapy", "arts-therapy"),
        ("pet therapy", "animal-therapy"),
        ("stages of change", "transtheoretical"),
        ("systemic family therapy", "family-therapy"),
        ("TF-CBT", "tf-cbt"),
        ("tfcbt", "tf-cbt"),
        ("Dialectical Behaviour Therapy", "dbt"),
        ("child centred play therapy", "play-therapy"),
    ],
)
def test_find_by_any_name(kb, name: str, expected: str) -> None:
    found = kb.find(name)
    assert found is not None and found.id == expected


def test_show_finds_the_entries_the_issue_names(runner) -> None:
    for name, title in [
        ("cbt", "Cognitive behavioral therapy (CBT)"),
        ("Cognitive Behavioural Therapy", "Cognitive behavioral therapy (CBT)"),
        ("parent-child interaction therapy", "Parent-child interaction therapy (PCIT)"),
        ("ABC", "Attachment and Biobehavioral Catch-up (ABC)"),
    ]:
        result = run(runner, "show", name)
        assert result.exit_code == 0, result.stderr
        assert result.stdout.splitlines()[0] == title
        assert "Not medical advice" in result.stdout


def test_show_unknown_suggests(runner) -> None:
    result = run(runner, "show", "pcti")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "did you mean Parent-child interaction therapy (PCIT) ('pcit')?" in result.stderr


def test_show_json(runner) -> None:
    result = run(runner, "show", "dbt", "--json")
    data = json.loads(result.stdout)
    assert data["id"] == "dbt" and data["category"] == "cognitive-behavioral"
    assert "Not medical advice" in data["disclaimer"]
    assert data["evidence"][0]["source"].startswith("APA Division 12")


def test_list_json_has_11_in_4(runner) -> None:
    data = json.loads(run(runner, "list", "--json").stdout)
    assert len(data["interventions"]) == 11
    assert [c["id"] for c in data["categories"]] == CATEGORY_IDS
    assert sum(len(c["interventions"]) for c in data["categories"]) == 11
    assert "Not medical advice" in data["disclaimer"]


def test_list_filters(runner) -> None:
    data = json.loads(run(runner, "list", "--category", "activity-based", "--json").stdout)
    assert [i["id"] for i in data["interventions"]] == ["arts-therapy", "play-therapy", "animal-therapy"]
    data = json.loads(run(runner, "list", "--concern", "child-behavior", "--json").stdout)
    assert "pcit" in [i["id"] for i in data["interventions"]]
    assert "cbt" not in [i["id"] for i in data["interventions"]]


def test_list_table(runner) -> None:
    result = run(runner, "list")
    assert result.exit_code == 0
    for name in ("Cognitive-behavioral therapies", "Systemic interventions", "pcit", "animal-therapy"):
        assert name in result.stdout
    assert "Not medical advice" in result.stdout


def test_hotlines(runner) -> None:
    result = run(runner, "hotlines", "--region", "gb")
    assert result.exit_code == 0
    assert "116 123" in result.stdout and "999" in result.stdout and "85258" in result.stdout
    assert "988" not in result.stdout
    data = json.loads(run(runner, "hotlines", "--json").stdout)
    assert [r["id"] for r in data["regions"]] == ["US", "CA", "GB", "IE", "AU", "other"]


def test_export_markdown_is_golden(kb) -> None:
    text = export.kb_markdown(kb)
    golden = GOLDEN / "export.md"
    if os.environ.get("THERAPICK_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), "run THERAPICK_UPDATE_GOLDEN=1 pytest to accept a change"


def test_export_has_everything(kb, runner) -> None:
    text = run(runner, "export").stdout
    assert text.count(kb.disclaimer.full) >= 2, "disclaimer at the top and the bottom"
    for i in kb.interventions:
        assert f"#### {i.label}" in text
        for e in i.evidence:
            assert e.source in text
    for region in kb.regions:
        assert region.emergency in text
        for line in region.lines:
            assert line.name in text and line.contact_text in text and line.source in text
    for t in kb.techniques:
        assert t.name in text
    for g in kb.goals:
        assert g.name in text


def test_export_json_round_trips(kb, runner) -> None:
    text = run(runner, "export", "--format", "json").stdout
    again = kbmod.loads(text, "export.json")
    assert export.kb_dict(again) == export.kb_dict(kb)
    assert "not medical advice" in json.loads(text)["disclaimer"]["full"]


def test_export_to_file_and_force(runner, tmp_path: Path) -> None:
    out = tmp_path / "kb.md"
    assert run(runner, "export", "-o", str(out)).exit_code == 0
    first = out.read_text()
    assert first.startswith("# therapick")
    out.write_text("old")
    assert run(runner, "export", "-o", str(out)).exit_code == 4
    assert out.read_text() == "old"
    assert run(runner, "export", "-o", str(out), "--force").exit_code == 0
    assert out.read_text() == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kb.md"]


def test_kb_option_and_env(runner, kb_copy: Path, monkeypatch) -> None:
    kb_copy.write_text(kb_copy.read_text().replace("Cognitive behavioral therapy\n", "Clinic CBT\n", 1))
    assert run(runner, "--kb", str(kb_copy), "show", "cbt").stdout.startswith("Clinic CBT (CBT)")
    monkeypatch.setenv("THERAPICK_KB", str(kb_copy))
    assert run(runner, "show", "cbt").stdout.startswith("Clinic CBT (CBT)")


def test_default_path_is_the_repo_file_in_a_checkout() -> None:
    assert kbmod.default_path().read_bytes() == KB_PATH.read_bytes()


def test_markup_in_a_custom_kb_is_not_interpreted(runner, kb_copy: Path) -> None:
    kb_copy.write_text(kb_copy.read_text().replace("Cognitive behavioral therapy\n", "'[bold red]CBT[/]'\n", 1))
    assert "[bold red]CBT[/]" in run(runner, "--kb", str(kb_copy), "show", "cbt").stdout


def test_json_twin_is_current() -> None:
    expected = kbmod.make_twin(KB_PATH)
    if os.environ.get("THERAPICK_UPDATE_GOLDEN"):
        kbmod.TWIN.write_bytes(expected)
    assert kbmod.TWIN.read_bytes() == expected, "run THERAPICK_UPDATE_GOLDEN=1 pytest tests/test_kb.py"


def test_json_twin_is_used_only_for_the_yaml_it_was_made_from(tmp_path: Path, monkeypatch) -> None:
    data = KB_PATH.read_bytes()
    assert kbmod._from_twin(KB_PATH, data) is not None
    # An edited YAML (other checksum or size) is read as YAML.
    assert kbmod._from_twin(KB_PATH, data + b"# edited\n") is None
    # A damaged or missing twin is ignored in favour of the YAML.
    damaged = tmp_path / "twin.json"
    damaged.write_bytes(b"{not json")
    monkeypatch.setattr(kbmod, "TWIN", damaged)
    assert kbmod._from_twin(KB_PATH, data) is None
    assert kbmod.load().find("cbt").name == "Cognitive behavioral therapy"  # type: ignore[union-attr]
    monkeypatch.setattr(kbmod, "TWIN", tmp_path / "missing.json")
    assert kbmod.load().find("cbt") is not None


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("pcti", "pcit"),
        ("trauma therapy", "tf-cbt"),
        ("family", "family-therapy"),
        ("dialectic", "dbt"),
        ("art", "arts-therapy"),
    ],
)
def test_did_you_mean(kb, typed: str, first: str) -> None:
    assert kb.find(typed) is None
    assert kb.closest(typed)[0].id == first


def test_no_suggestion_for_nonsense(kb) -> None:
    assert kb.closest("xyzzy") == [] and kb.closest("therapy") == [] and kb.closest("") == []
