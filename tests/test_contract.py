"""The JSON contract: every command's --json output validates against its published schema.

The schemas in docs/json/ are generated from therapick.output.export's types by
tools/json_schema.py; these tests run the real commands, validate what they
print with the `jsonschema` package, and check that the published files are
what the generator writes.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import typer

from therapick.cli import app as cli
from therapick.output import contract

from .conftest import ROOT, run

SCHEMA_DIR = ROOT / "docs" / "json"


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("json_schema_tool", ROOT / "tools" / "json_schema.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _schema(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    return data


def _valid(name: str, doc: Any) -> None:
    schema = _schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def _json_of(runner: Any, *args: str, code: int = 0) -> Any:
    ran = run(runner, *args)
    assert ran.exit_code == code, ran
    return json.loads(ran.stdout)


def _checked(runner: Any, command: str, *args: str, code: int = 0) -> Any:
    doc = _json_of(runner, *args, code=code)
    _valid(command, doc)
    assert doc["schema_version"] == contract.SCHEMA_VERSION
    return doc


# --------------------------------------------------------------------------
# The published files are the generator's


def test_published_schemas_are_what_the_generator_writes() -> None:
    wanted = _generator().schemas()
    published = {p.name: p.read_text(encoding="utf-8") for p in SCHEMA_DIR.glob("*.schema.json")}
    assert set(published) == set(wanted), "run: python tools/json_schema.py --write"
    for name, text in wanted.items():
        assert published[name] == text, f"{name} is out of date; run: python tools/json_schema.py --write"


def test_the_generator_check_mode_fails_on_a_stale_file(tmp_path: Path) -> None:
    tool = _generator()
    assert tool.main(["--write", "--dir", str(tmp_path)]) == 0
    assert tool.main(["--check", "--dir", str(tmp_path)]) == 0
    stale = tmp_path / "show.schema.json"
    stale.write_text(stale.read_text(encoding="utf-8").replace('"url"', '"source"'), encoding="utf-8")
    assert tool.main(["--check", "--dir", str(tmp_path)]) == 1


def test_every_published_schema_is_a_valid_json_schema() -> None:
    for path in SCHEMA_DIR.glob("*.schema.json"):
        jsonschema.Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


def test_every_command_with_json_has_a_published_schema() -> None:
    command = typer.main.get_command(cli.app)
    with_json = sorted(
        name
        for name, sub in command.commands.items()  # type: ignore[attr-defined]
        if any("--json" in p.opts for p in sub.params)
    )
    assert with_json, "no command has --json?"
    for name in with_json:
        schema_name = "knowledge-base" if name == "export" else name
        assert (SCHEMA_DIR / f"{schema_name}.schema.json").is_file(), name
        if name != "export":
            assert name in contract.CONTRACT


def test_the_schemas_allow_no_undocumented_field() -> None:
    for name in contract.CONTRACT:
        for def_name, body in _schema(name)["$defs"].items():
            assert body.get("additionalProperties") is False, f"{name}: {def_name}"


# --------------------------------------------------------------------------
# Real output, validated


ASK_CASES = [
    ("--who", "adult", "--concern", "trauma", "--region", "GB"),
    ("--who", "adult", "--concern", "anxiety-depression"),  # region unknown: every region's crisis line
    ("--crisis", "--who", "adult", "--concern", "trauma", "--region", "US"),
    ("--crisis", "--who", "teen", "--concern", "abuse"),  # crisis, region unknown
    ("--who", "teen", "--concern", "abuse", "--concern", "intense-emotions", "--region", "AU", "--top", "50"),
    ("--who", "adult", "--concern", "substance-use", "--group", "veteran", "--region", "US", "--goal", "coping-skills"),
    ("--who", "child", "--concern", "child-behavior", "--prefer", "play", "--readiness", "preparing", "--region", "IE"),
    ("--who", "couple", "--concern", "relationships", "--region", "other"),
]


@pytest.mark.parametrize("answers", ASK_CASES, ids=lambda a: "-".join(x.lstrip("-") for x in a))
def test_ask_json_matches_its_schema(runner: Any, answers: tuple[str, ...]) -> None:
    doc = _checked(runner, "ask", "ask", *answers, "--json")
    assert doc["suggestions"] or doc["more_suggestions"] == 0
    if "--region" in answers:
        assert doc["region"] == answers[answers.index("--region") + 1]
        assert doc["overview"] == []
    else:
        assert doc["region"] is None and doc["emergency"] is None
        assert {o["emergency"]["region"] for o in doc["overview"]} >= {"US", "CA", "GB", "IE", "AU"}
    if "--crisis" in answers:
        assert doc["crisis"] is True and doc["at_risk"] is True
        if "--region" in answers:
            assert doc["crisis_lines"] and all(line["crisis"] for line in doc["crisis_lines"])


def test_ask_json_from_an_answers_file_matches_its_schema(runner: Any, tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"who": "family", "concerns": ["family-conflict"], "region": "CA"}), "utf-8")
    doc = _checked(runner, "ask", "ask", "--answers", str(answers), "--json")
    assert doc["answers"]["who"] == "family"


@pytest.mark.parametrize("args", [("show", "cbt"), ("show", "DBT", "--region", "GB"), ("show", "art therapy")])
def test_show_json_matches_its_schema(runner: Any, args: tuple[str, ...]) -> None:
    doc = _checked(runner, "show", *args, "--json")
    assert doc["intervention"]["category_name"]


@pytest.mark.parametrize("args", [(), ("--concern", "trauma"), ("--category", "systemic")])
def test_list_json_matches_its_schema(runner: Any, args: tuple[str, ...]) -> None:
    doc = _checked(runner, "list", "list", *args, "--json")
    assert doc["interventions"]
    listed = {i for c in doc["categories"] for i in c["interventions"]}
    assert listed == {i["id"] for i in doc["interventions"]}


@pytest.mark.parametrize("args", [(), ("--region", "GB"), ("--region", "other")])
def test_hotlines_json_matches_its_schema(runner: Any, args: tuple[str, ...]) -> None:
    doc = _checked(runner, "hotlines", "hotlines", *args, "--json")
    ids = [r["id"] for r in doc["regions"]]
    assert ids == ([args[1]] if args else ["US", "CA", "GB", "IE", "AU", "NZ", "ES", "other"])


@pytest.mark.parametrize("args", [(), ("--region", "CA"), ("--region", "other")])
def test_help_now_json_matches_its_schema(runner: Any, args: tuple[str, ...]) -> None:
    doc = _checked(runner, "help-now", "help-now", *args, "--json")
    if args:
        assert doc["region"] == args[1] and doc["overview"] == []
    else:
        assert doc["region"] is None and doc["crisis_lines"] == [] and len(doc["overview"]) >= 5


def test_help_now_json_with_the_region_from_the_environment(runner: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THERAPICK_REGION", "IE")
    doc = _checked(runner, "help-now", "help-now", "--json")
    assert doc["region"] == "IE" and doc["region_how"]
    assert "116 123" in {c["value"] for line in doc["crisis_lines"] for c in line["contact"]}


def test_validate_json_of_a_valid_file_matches_its_schema(runner: Any) -> None:
    doc = _checked(runner, "validate", "validate", "--json")
    assert doc["valid"] is True and doc["counts"]["interventions"] > 0


def test_validate_json_of_an_invalid_file_matches_its_schema(runner: Any, tmp_path: Path, kb_text: str) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(kb_text.replace("  - id: cbt\n", "  - id: CBT!\n", 1), encoding="utf-8")
    doc = _checked(runner, "validate", "validate", str(broken), "--json", code=1)
    assert doc["valid"] is False
    assert any(p["path"] and p["path"].startswith("$.interventions[0]") and p["line"] for p in doc["problems"])


def test_validate_json_of_a_file_that_is_not_yaml_matches_its_schema(runner: Any, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("interventions: [\n", encoding="utf-8")
    doc = _checked(runner, "validate", "validate", str(broken), "--json", code=1)
    assert doc["valid"] is False and doc["problems"]


def test_validate_strict_json_matches_its_schema(runner: Any, tmp_path: Path, kb_text: str) -> None:
    risky = tmp_path / "risky.yaml"
    shout = "contact_text: text SHOUT to 85258\n        purpose: any kind of crisis, by text message\n        hours: "
    assert shout + "24/7, free\n" in kb_text
    risky.write_text(kb_text.replace(shout + "24/7, free\n", shout + "6pm to 2am\n"), encoding="utf-8")
    doc = _checked(runner, "validate", "validate", str(risky), "--json")
    assert doc["valid"] is True and [p["warning"] for p in doc["problems"]] == [True]
    strict = _checked(runner, "validate", "validate", str(risky), "--strict", "--json", code=1)
    assert strict["valid"] is False


def test_export_json_matches_the_knowledge_base_schema(runner: Any) -> None:
    for args in (("export", "--format", "json"), ("export", "--json")):
        doc = _json_of(runner, *args)
        _valid("knowledge-base", doc)
        assert doc["schema_version"] == contract.SCHEMA_VERSION


# --------------------------------------------------------------------------
# Errors are JSON too, on stdout, with the same exit code


ERROR_CASES = [
    (("show", "nosuch"), 1),
    (("hotlines", "--region", "XX"), 2),
    (("ask", "--who", "adult"), 2),  # concerns missing, no terminal
    (("ask", "--who", "nobody", "--concern", "trauma"), 2),
]


@pytest.mark.parametrize(("args", "code"), ERROR_CASES, ids=lambda x: "-".join(x) if isinstance(x, tuple) else str(x))
def test_errors_with_json_are_json_on_stdout(runner: Any, args: tuple[str, ...], code: int) -> None:
    plain = run(runner, *args)
    assert plain.exit_code == code, plain
    assert plain.stdout == ""
    ran = run(runner, *args, "--json")
    assert ran.exit_code == code, ran
    doc = json.loads(ran.stdout)
    _valid("error", doc)
    assert doc["schema_version"] == contract.SCHEMA_VERSION
    assert doc["error"]["exit_code"] == code
    assert doc["error"]["message"] and doc["error"]["message"] in ran.stderr  # the same words on stderr


@pytest.mark.parametrize(
    "args",
    [
        ("help-now", "--region", "nowhere"),
        ("ask", "--crisis", "--region", "nowhere"),
        ("--kb", "/no/such.yaml", "help-now"),
    ],
)
def test_an_error_after_the_crisis_lines_is_json_with_the_lines(runner: Any, args: tuple[str, ...]) -> None:
    """help-now and ask --crisis show the lines whatever failed: the error document carries them in `crisis`."""
    ran = run(runner, *args, "--json")
    assert ran.exit_code in (2, 3), ran
    doc = json.loads(ran.stdout)
    _valid("error", doc)
    assert doc["error"]["exit_code"] == ran.exit_code
    assert doc["error"]["message"] in ran.stderr
    _valid("help-now", doc["crisis"])
    if "--region" in args:  # not known: every region's emergency number and first line
        assert doc["crisis"]["region"] is None
        assert [o["emergency"]["number"] for o in doc["crisis"]["overview"]][:5] == ["911", "911", "999", "112", "000"]
    else:
        assert doc["crisis"]["overview"]


def test_an_error_without_crisis_lines_has_no_crisis_field(runner: Any) -> None:
    doc = json.loads(run(runner, "show", "nosuch", "--json").stdout)
    assert "crisis" not in doc and doc["error"]["exit_code"] == 1


@pytest.mark.parametrize("form", [("--format", "json"), ("--format=json",), ("--json",)])
def test_export_json_error_is_json_however_the_format_is_written(
    runner: Any, tmp_path: Path, form: tuple[str, ...]
) -> None:
    existing = tmp_path / "kb.json"
    existing.write_text("{}", encoding="utf-8")
    ran = run(runner, "export", *form, "--output", str(existing))  # exists, no --force: exit 4
    assert ran.exit_code == 4, ran
    doc = json.loads(ran.stdout)
    _valid("error", doc)
    assert doc["error"]["exit_code"] == 4


def test_a_broken_knowledge_base_with_json_is_a_json_error(runner: Any, tmp_path: Path) -> None:
    broken = tmp_path / "kb.yaml"
    broken.write_text("interventions: nope\n", encoding="utf-8")
    ran = run(runner, "--kb", str(broken), "list", "--json")
    assert ran.exit_code == 3, ran
    doc = json.loads(ran.stdout)
    _valid("error", doc)
    assert doc["error"]["exit_code"] == 3


# --------------------------------------------------------------------------
# The same thing has the same field names everywhere


def _lines_in(command: str, doc: Any) -> list[dict[str, Any]]:
    if command == "ask":
        return [*doc["crisis_lines"], *doc["hotlines"], *(o["line"] for o in doc["overview"])]
    if command == "hotlines":
        return [line for r in doc["regions"] for line in r["lines"]]
    return [*doc["crisis_lines"], *(o["line"] for o in doc["overview"])]


def test_a_line_has_the_same_fields_in_ask_hotlines_and_help_now(runner: Any) -> None:
    docs = {
        "ask": _json_of(runner, "ask", "--crisis", "--who", "adult", "--concern", "trauma", "--region", "US", "--json"),
        "ask-unknown": _json_of(runner, "ask", "--who", "adult", "--concern", "trauma", "--json"),
        "hotlines": _json_of(runner, "hotlines", "--json"),
        "help-now": _json_of(runner, "help-now", "--region", "GB", "--json"),
        "help-now-unknown": _json_of(runner, "help-now", "--json"),
    }
    required = set(_schema("hotlines")["$defs"]["LineOut"]["required"])
    assert {"url", "contact", "contact_text", "hours", "crisis"} <= required
    for name, doc in docs.items():
        lines = _lines_in(name.removesuffix("-unknown"), doc)
        assert lines, name
        for line in lines:
            assert required <= set(line), (name, line["id"])
            assert "source" not in line, name
            assert line["url"].startswith(("https://", "http://")), (name, line["id"])
    # the same line, the same link, wherever it appears
    by_id = {line["id"]: line["url"] for line in _lines_in("hotlines", docs["hotlines"])}
    for name in ("ask", "help-now", "ask-unknown", "help-now-unknown"):
        for line in _lines_in(name.removesuffix("-unknown"), docs[name]):
            assert line["url"] == by_id[line["id"]], (name, line["id"])


def test_the_line_shape_is_one_definition_in_every_schema() -> None:
    exported = _schema("knowledge-base")["$defs"]["Line"]["properties"]
    assert "url" in exported and "source" not in exported  # the export's link has the same name too
    defs = [_schema(name)["$defs"]["LineOut"] for name in ("ask", "hotlines", "help-now")]
    assert defs[0] == defs[1] == defs[2]
    assert defs[0]["properties"]["url"] == {"type": "string"}


def test_category_name_in_ask_show_and_list(runner: Any) -> None:
    ask = _json_of(runner, "ask", "--who", "adult", "--concern", "trauma", "--region", "GB", "--json")
    show = _json_of(runner, "show", "cbt", "--json")
    listed = _json_of(runner, "list", "--json")
    names = {c["id"]: c["name"] for c in listed["categories"]}
    items = [*ask["suggestions"], show["intervention"], *listed["interventions"]]
    assert ask["suggestions"]
    for i in items:
        assert i["category_name"] == names[i["category"]], i["id"]
    for name, def_name in (("ask", "SuggestionOut"), ("show", "InterventionOut"), ("list", "InterventionOut")):
        required = _schema(name)["$defs"][def_name]["required"]
        assert {"id", "name", "label", "category", "category_name"} <= set(required), name


def test_reasons_are_data_as_well_as_prose(runner: Any) -> None:
    doc = _json_of(runner, "ask", "--who", "adult", "--concern", "trauma", "--region", "GB", "--json")
    reasons = [r for s in doc["suggestions"] for r in s["reasons"]]
    assert reasons
    assert {"question", "option", "points", "text"} <= set(reasons[0])
    assert any(r["question"] == "concerns" and r["option"] == "trauma" for r in reasons)


def test_every_json_document_carries_the_schema_version(runner: Any) -> None:
    for args in (
        ("ask", "--who", "adult", "--concern", "trauma", "--json"),
        ("show", "cbt", "--json"),
        ("list", "--json"),
        ("hotlines", "--json"),
        ("help-now", "--json"),
        ("validate", "--json"),
        ("export", "--json"),
        ("show", "nosuch", "--json"),
    ):
        ran = run(runner, *args)
        assert json.loads(ran.stdout)["schema_version"] == contract.SCHEMA_VERSION, args


# --------------------------------------------------------------------------
# Version 2: what a suggestion rests on (issue 20)

STRENGTHS = {"offer", "strong", "recommends", "consider", "rated", "designed", "unevaluated", "not-listed", "answers"}


def test_version_2_says_what_each_suggestion_rests_on(runner: Any) -> None:
    args = ("--who", "adult", "--concern", "trauma", "--concern", "hard-to-put-into-words", "--prefer", "creative")
    doc = _checked(runner, "ask", "ask", *args, "--answer", "main-concern=trauma", "--top", "10", "--json")
    assert doc["schema_version"] == 2 and doc["main_concern"] == "trauma" and doc["no_good_fit"] == []
    first, second = doc["suggestions"][:2]
    assert (first["id"], first["rank"], first["tied"], first["strength"], first["tier"]) == (
        "cbt",
        1,
        False,
        "strong",
        1,
    )
    assert first["group"] == "main-concern" and first["concern"] == "trauma"
    assert first["strength_words"] == "the APA strongly recommends it for adults with PTSD"
    apa = first["rests_on"][0]
    assert apa["id"] == "apa-ptsd-adults" and apa["status"] == "seen" and apa["url"].startswith("http")
    assert apa["forms"] == ["cognitive processing therapy", "prolonged exposure", "cognitive therapy for PTSD"]
    assert {e["status"] for e in first["rests_on"]} == {"seen", "named"}
    assert "score" not in first, "removed in version 2: ranks are by tier first"
    assert second["id"] == "arts-therapy" and second["strength"] == "designed" and second["rests_on"] == []
    assert second["group"] == "other-concern" and second["concern"] == "hard-to-put-into-words"
    assert second["preference"] is None, "a preference is told straight only for the main concern"
    # A child's low mood: NICE NG134 considers family therapy; arts therapies, asked for as creative
    # work, have no guideline or rating for it, and the preference is said straight.
    child = _checked(runner, "ask", "ask", "--who", "child", "--concern", "low-mood", "--prefer", "creative", "--json")
    top, arts = child["suggestions"][:2]
    assert (top["id"], top["strength"]) == ("family-therapy", "consider")
    assert (arts["id"], arts["strength"], arts["group"]) == ("arts-therapy", "designed", "main-concern")
    assert arts["strength_words"] == "no guideline or rating for this in the checked sources"
    assert arts["preference"]["option"] == "creative" and arts["preference"]["above"] == ["family-therapy"]
    assert arts["preference"]["text"] in arts["why"]
    for s in [*doc["suggestions"], *child["suggestions"]]:
        assert s["strength"] in STRENGTHS and s["group"] in ("main-concern", "other-concern", "answers")
        told = (("preferences", s["preference"]["option"]),) if s["preference"] else ()
        shown = [r["text"] for r in s["reasons"] if (r["question"], r["option"]) not in told]
        assert shown and s["why"][len(s["why"]) - len(shown) :] == shown, "the fit reasons close the why"


def test_version_2_ties_and_none_fits(runner: Any) -> None:
    tied = _checked(runner, "ask", "ask", "--who", "adult", "--concern", "low-mood", "--top", "2", "--json")
    assert [(s["id"], s["rank"], s["tied"]) for s in tied["suggestions"]] == [
        ("cbt", 1, False),
        ("animal-therapy", 2, True),
        ("arts-therapy", 2, True),
    ]
    drugs = _checked(runner, "ask", "ask", "--who", "adult", "--concern", "drugs", "--region", "US", "--json")
    assert drugs["suggestions"] == [] and drugs["main_concern"] == "drugs"
    [none] = drugs["no_good_fit"]
    assert none["id"] == "nice-cg51-drugs" and none["concern"] == "drugs" and none["status"] == "named"
    assert none["text"].startswith("None of the approaches here fits cannabis or stimulant use well.")
    assert none["lines"] == ["us-samhsa", "us-findtreatment"]
    assert set(none["lines"]) <= {h["id"] for h in drugs["hotlines"]}


def test_show_and_list_carry_the_situations(runner: Any) -> None:
    show = _checked(runner, "show", "show", "pcit", "--json")["intervention"]
    assert [e["id"] for e in show["situations"]] == ["nice-cg158-children", "cebc-children-pcit", "iv-e-children-pcit"]
    assert show["limited_evidence_for"] == []  # the facts tie PCIT to a child's behavior, not to attachment
    assert _checked(runner, "show", "show", "play-therapy", "--json")["intervention"]["limited_evidence_for"] == [
        "hard-to-put-into-words"
    ]
    listed = _checked(runner, "list", "list", "--json")
    assert all("situations" in i for i in listed["interventions"])
