"""The knowledge base: content, schema checks, lookup by name, list and export."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from tests.conftest import KB_PATH, ROOT, run
from therapick.advice import lookup
from therapick.kb import loader as kbmod

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
    assert len(kb.techniques) == 6
    assert kb.techniques[-1].id == "expressive-writing"
    assert [g.id for g in kb.goals] == [
        "change-behavior",
        "relationship-skills",
        "coping-skills",
        "problem-solving",
        "self-esteem",
    ]
    assert len(kb.scenarios) == 4
    assert [r.id for r in kb.regions] == ["US", "CA", "GB", "IE", "AU", "NZ", "ES", "other"]


def test_every_rating_names_its_source(kb) -> None:
    for i in kb.interventions:
        assert i.evidence
        for e in i.evidence:
            assert e.source.strip() and ((e.rating or "").strip() or (e.finding or "").strip())


def test_ratings_are_not_upgraded(kb) -> None:
    # The words of the sources, as in shared/facts/evidence.md.
    ratings = {i.id: " ".join(e.rating or e.finding or "" for e in i.evidence) for i in kb.interventions}
    said = {
        i.id: " ".join(f"{e.rating} {e.finding} {e.source} {e.meaning} {e.note}" for e in i.evidence)
        for i in kb.interventions
    }
    # TF-CBT: the IV-E rating alone (its CEBC rating was seen only second-hand, so it is dropped).
    assert ratings["tf-cbt"] == "Promising" and "Title IV-E" in said["tf-cbt"] and "CEBC" not in said["tf-cbt"]
    assert "Promising" in ratings["play-therapy"] and "Child-Centered Play Therapy" in said["play-therapy"]
    assert "relatively low quality" in ratings["animal-therapy"] and "limited" in said["animal-therapy"]
    assert "limited and mixed" in said["arts-therapy"]
    assert "neither more nor less effective than their non-stage-based equivalents" in ratings["transtheoretical"]
    assert "No single rating" in ratings["attachment-based"]
    assert "No single rating" in ratings["family-therapy"]
    assert "Well-Supported by Research Evidence" in ratings["pcit"]
    assert "Well-supported" in ratings["abc"] and "March 2025" in said["abc"]


def test_a_finding_in_our_words_is_never_shown_as_a_quote(kb, runner) -> None:
    # A paraphrase (finding) must not appear in quotation marks: only a source's own words do.
    for i in kb.interventions:
        for e in i.evidence:
            if e.finding:
                out = run(runner, "show", i.id).stdout
                flat = " ".join(out.split())
                assert f"\u201c{e.finding[:30]}" not in flat
                assert e.finding[:30] in flat


def test_ids_are_lowercase_and_hyphenated(kb) -> None:
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
    # The verdict is validate's output (stdout), as tests/test_validate_all.py pins: one line per problem.
    assert "unknown category 'systemc'" in result.stdout
    assert "duplicate id 'cbt'" in result.stdout
    assert all(", line " in ln for ln in result.stdout.splitlines()[:-1])
    # The renamed dbt also leaves a scenario pointing at an id that no longer exists: three problems.
    assert "unknown intervention 'dbt' (did you mean 'cbt'?)" in result.stdout
    assert result.stdout.splitlines()[-1].endswith("not valid (3 problems)")
    assert "categorys" not in result.stdout, "plural of category"


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
    # The shape is {schema_version, disclaimer, intervention: {...}} (one JSON contract for every command).
    assert list(data) == ["schema_version", "disclaimer", "intervention"]
    assert data["schema_version"] == 2
    assert "Not medical advice" in data["disclaimer"]
    entry = data["intervention"]
    assert entry["id"] == "dbt" and entry["category"] == "cognitive-behavioral"
    assert entry["evidence"][0]["source"].startswith("APA Division 12")


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
    assert [r["id"] for r in data["regions"]] == ["US", "CA", "GB", "IE", "AU", "NZ", "ES", "other"]


def test_export_markdown_is_golden(runner) -> None:
    # Compare only: a change in wording is accepted by running `python tests/update_golden.py`.
    text = run(runner, "export").stdout
    golden = GOLDEN / "export.md"
    assert text == golden.read_text(encoding="utf-8"), "run `python tests/update_golden.py` to accept a change"


@pytest.mark.slow
def test_golden_is_written_only_by_the_script(tmp_path: Path) -> None:
    # The script writes where it is told, from `therapick export` (English, then --lang es), and nothing else.
    out = tmp_path / "export.md"
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "update_golden.py"), str(out)], capture_output=True)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == (GOLDEN / "export.md").read_text(encoding="utf-8")
    spanish = tmp_path / "export.es.md"
    assert spanish.read_text(encoding="utf-8") == (GOLDEN / "export.es.md").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.es.md", "export.md"]


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
            assert line.name in text and line.contact_words() in text and line.url in text
    for t in kb.techniques:
        assert t.name in text
    for g in kb.goals:
        assert g.name in text


def test_export_json_round_trips(kb, runner) -> None:
    text = run(runner, "export", "--format", "json").stdout
    again = kbmod.loads(text, "export.json")
    assert msgspec.to_builtins(again) == msgspec.to_builtins(kb)
    assert "not medical advice" in json.loads(text)["disclaimer"]["full"]


def test_export_yaml_round_trips(kb, runner) -> None:
    text = run(runner, "export", "--format", "yaml").stdout
    assert msgspec.to_builtins(kbmod.loads(text, "export.yaml")) == msgspec.to_builtins(kb)


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


@pytest.mark.slow
def test_content_is_committed_once() -> None:
    # The wheel's ready-made knowledge bases are written by hatch_build.py at build time only.
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert "data/interventions.yaml" in tracked
    assert not [p for p in tracked if p.endswith(("kb_twin.json", "interventions.json", ".pickle"))], tracked


@pytest.mark.yaml_bundled  # it is about the ready-made file itself, and reading the YAML when it is unsound
def test_the_ready_made_knowledge_base_is_used_only_when_sound(kb, tmp_path: Path, monkeypatch) -> None:
    # An installed wheel carries interventions.pickle (and one per translation); load() and
    # bundled() use it when it unpickles to a knowledge base, else they read the YAML.
    import pickle

    folder = tmp_path / "data"
    folder.mkdir()
    real = kbmod._packaged
    monkeypatch.setattr(kbmod, "_packaged", lambda name: folder / name if name.endswith(".pickle") else real(name))
    marked = msgspec.structs.replace(kb, updated="ready-made")  # so we can tell which was read
    (folder / "interventions.pickle").write_bytes(pickle.dumps(marked, protocol=5))
    assert kbmod.load().updated == kbmod.bundled("en").updated == "ready-made"
    assert msgspec.to_builtins(kbmod.load()) == msgspec.to_builtins(marked)
    # Spanish has its own file; without it, the English one is translated from the YAML.
    assert kbmod.bundled("es").find("cbt").name == "Terapia cognitivo-conductual"  # type: ignore[union-attr]
    assert kbmod.bundled("es").updated == "ready-made"  # the English ready-made one, translated
    spanish = msgspec.structs.replace(kb, updated="lista")
    (folder / "interventions.es.pickle").write_bytes(pickle.dumps(spanish, protocol=5))
    assert kbmod.bundled("es").updated == "lista"
    # A damaged, truncated or foreign file, or none, is ignored in favour of the YAML.
    for damaged in (b"not a pickle", pickle.dumps(marked)[:-40], pickle.dumps({"schema_version": 1})):
        (folder / "interventions.pickle").write_bytes(damaged)
        assert kbmod.load().updated == kb.updated
    (folder / "interventions.pickle").unlink()
    assert kbmod.load().updated == kb.updated


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
    assert lookup.closest(kb, typed)[0].id == first


def test_no_suggestion_for_nonsense(kb) -> None:
    assert lookup.closest(kb, "xyzzy") == [] and lookup.closest(kb, "therapy") == [] and lookup.closest(kb, "") == []


# --------------------------------------------------------------------------
# Ratings a person can read, and no internal labels (the content issue)


def squeeze(text: str) -> str:
    """Text with all whitespace removed, so wrapping (which may break a long address) does not matter."""
    return "".join(text.split())


@pytest.mark.parametrize("iid", INTERVENTION_IDS)
def test_show_gives_each_rating_its_page_and_meaning(runner, kb, iid: str) -> None:
    out = squeeze(run(runner, "show", iid).stdout)
    data = json.loads(run(runner, "show", iid, "--json").stdout)["intervention"]
    for e, got in zip(kb.by_id[iid].evidence, data["evidence"], strict=True):
        assert e.meaning and squeeze(e.meaning) in out, (iid, e.source)
        assert squeeze(e.rating or e.finding or "") in out
        assert got["meaning"] == e.meaning and got["url"] == e.url and got["rating"] == e.rating
        assert got["finding"] == e.finding
        if e.url:
            assert squeeze(e.url) in out, (iid, e.url)


ANSWER_SETS = [
    ("--who", "young-child", "--concern", "child-behavior"),
    ("--who", "adult", "--concern", "anxiety-depression", "--readiness", "not-sure"),
    ("--who", "teen", "--concern", "trauma", "--concern", "intense-emotions"),
    ("--who", "adult", "--concern", "hard-to-put-into-words", "--prefer", "creative", "--prefer", "animals"),
    ("--who", "family", "--concern", "family-conflict", "--concern", "substance-use"),
    ("--who", "infant", "--concern", "attachment"),
    ("--who", "child", "--concern", "hard-to-put-into-words", "--prefer", "play"),
]


@pytest.mark.parametrize("answers", ANSWER_SETS, ids=lambda a: "-".join(a[1::2]))
def test_results_give_each_rating_its_page_and_meaning(runner, kb, answers: tuple[str, ...]) -> None:
    data = json.loads(run(runner, "ask", *answers, "--top", "50", "--json").stdout)
    out = run(runner, "ask", *answers, "--top", "50").stdout
    assert data["suggestions"]
    for s in data["suggestions"]:
        for e in kb.by_id[s["id"]].evidence:
            assert e.meaning and squeeze(e.meaning) in squeeze(out), (s["id"], e.source)
            assert not e.url or squeeze(e.url) in squeeze(out), (s["id"], e.url)
        assert [x["meaning"] for x in s["evidence"]] == [e.meaning for e in kb.by_id[s["id"]].evidence]
        # What it rests on, in words, not a bare number; the same words on screen.
        assert s["strength_words"] and squeeze(s["strength_words"]) in squeeze(out)
        assert "match to your answers" not in s["strength_words"]
    assert not re.search(r"match: \w+ \(\d\.\d+\)", out)
    assert "% match" not in out


def surfaces(runner) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Every kind of output a person can get."""
    outs: dict[str, str] = {}
    for iid in INTERVENTION_IDS:
        outs[f"show {iid}"] = run(runner, "show", iid, "--region", "GB").stdout
        outs[f"show {iid} --json"] = run(runner, "show", iid, "--json").stdout
    for args in (
        ["list"],
        ["list", "--json"],
        ["hotlines"],
        ["hotlines", "--json"],
        ["help-now"],
        ["export"],
        ["export", "--format", "json"],
    ):
        outs[" ".join(args)] = run(runner, *args).stdout
    for answers in ANSWER_SETS:
        for region in ([], ["--region", "IE"]):
            outs[" ".join(["ask", *answers, *region])] = run(runner, "ask", *answers, *region, "--top", "50").stdout
            outs[" ".join(["ask", *answers, *region, "--json"])] = run(
                runner, "ask", *answers, *region, "--top", "50", "--json"
            ).stdout
    return outs


def test_no_output_says_seed_text(runner) -> None:
    outs = surfaces(runner)
    assert all(outs.values()), [k for k, v in outs.items() if not v]
    bad = [name for name, out in outs.items() if re.search(r"seed\s+text|\bthe seed\b", out, re.IGNORECASE)]
    assert not bad, bad
    # The test can fail: the words it looks for are the ones the first release printed.
    assert re.search(r"seed\s+text", "(source: the overview (seed text))", re.IGNORECASE)
