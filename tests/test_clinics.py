"""Clinic knowledge bases (issue 23): one id rule for every list, translations that follow the
base, a clinic's own order, ids where people look, every problem in one run, and a scaffold.

The clinic's own numbers are from Ofcom's range reserved for drama (020 7946 0xxx), so they can
never reach a real person; every real support-line number is a literal from
/work/shared/facts/helplines.md (and tests/test_helplines.py).
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import msgspec
import pytest
import yaml

from tests.conftest import load_yaml
from therapick.kb import loader

from .conftest import ROOT, run

# --------------------------------------------------------------------------
# Helpers


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _dump(doc: Any) -> str:
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1000)


def _ok(runner: Any, *args: str, input: str | None = None) -> str:
    ran = run(runner, *args, input=input)
    assert ran.exit_code == 0, ran
    return ran.stdout


def _json(runner: Any, *args: str) -> Any:
    return json.loads(_ok(runner, *args))


def _export(runner: Any, path: Path, *lang: str) -> Any:
    return _json(runner, "--kb", str(path), *lang, "export", "--format", "json")


def _bundled() -> dict[str, Any]:
    out: dict[str, Any] = msgspec.to_builtins(loader.load())
    return out


def _line_of(text: str, fragment: str) -> int:
    found = [n for n, line in enumerate(text.splitlines(), 1) if fragment in line]
    assert len(found) == 1, (fragment, found)
    return found[0]


def _region(doc: dict[str, Any], rid: str) -> dict[str, Any]:
    return next(r for r in doc["regions"] if r["id"] == rid)


def _intervention(doc: dict[str, Any], iid: str) -> dict[str, Any]:
    return next(i for i in doc["interventions"] if i["id"] == iid)


def _question(doc: dict[str, Any], qid: str) -> dict[str, Any]:
    return next(q for q in doc["questionnaire"]["questions"] if q["id"] == qid)


def _ids(items: list[dict[str, Any]]) -> list[str]:
    return [x["id"] for x in items]


def _items(text: str) -> list[str]:
    """The list items of a plain screen, each joined into one line."""
    out: list[str] = []
    for line in text.splitlines():
        if line.startswith(("- ", "• ")):
            out.append(line[2:])
        elif line.startswith("  ") and out:
            out[-1] += " " + line.strip()
        elif not line.strip() and out:
            out.append("")
    return [x for x in out if x]


# --------------------------------------------------------------------------
# The README's worked example, run exactly as printed


def _readme_example() -> tuple[str, str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Your own knowledge base") : readme.index("## Privacy")]
    clinic = re.search(r"`my-clinic\.yaml`:\n\n```yaml\n(.*?)```", section, re.S)
    spanish = re.search(r"`my-clinic\.es\.yaml`, beside it,.*?\n\n```yaml\n(.*?)```", section, re.S)
    assert clinic and spanish, "the README's worked example is not where this test looks for it"
    return clinic.group(1), spanish.group(1)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    clinic, spanish = _readme_example()
    _write(tmp_path, "my-clinic.es.yaml", spanish)
    return _write(tmp_path, "my-clinic.yaml", clinic)


def test_the_readme_example_is_short_and_does_what_it_says() -> None:
    clinic, _ = _readme_example()
    assert len(clinic.splitlines()) <= 30
    doc = load_yaml(clinic)
    assert doc["extends"] == "therapick"
    assert doc["add"]["lines"][0]["region"] == "GB" and doc["add"]["lines"][0]["place"] == "first"
    assert doc["remove"]["resources"] == ["us-mha"]
    assert set(doc["change"]["interventions"][0]) == {"id", "summary"}


def test_the_readme_example_is_valid_with_no_warning(runner: Any, example: Path) -> None:
    out = _ok(runner, "validate", "--strict", str(example))
    assert out == f"{example}: valid (11 interventions, 4 categories, 45 support lines in 8 regions)\n"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_readme_example_hotlines(runner: Any, example: Path, lang: str) -> None:
    items = _items(_ok(runner, "--kb", str(example), "--lang", lang, "hotlines", "--region", "GB"))
    first = {"en": "Riverside Clinic crisis line: call 020 7946 0000", "es": "Línea de crisis de la Clínica Riverside"}
    assert items[0].startswith(first[lang]), items[0]
    assert items[1].startswith("Samaritans: ")
    if lang == "es":  # the bundled lines keep their Spanish
        assert "Para malestar emocional y pensamientos suicidas." in items[1]
        assert "nuestros pacientes en crisis, de día o de noche" in items[0]
        assert "las 24 horas, todos los días" in items[0]  # "24/7", translated by what it extends
    doc = _json(runner, "--kb", str(example), "--lang", lang, "hotlines", "--region", "GB", "--json")
    assert _ids(doc["regions"][0]["lines"])[:2] == ["gb-riverside", "gb-samaritans"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_readme_example_help_now(runner: Any, example: Path, lang: str) -> None:
    gb = _ok(runner, "--kb", str(example), "--lang", lang, "help-now", "--region", "GB")
    first = {"en": "Riverside Clinic crisis line: call", "es": "Línea de crisis de la Clínica Riverside: llama"}
    assert _items(gb)[0].startswith(first[lang])
    doc = _json(runner, "--kb", str(example), "--lang", lang, "help-now", "--region", "GB", "--json")
    assert doc["crisis_lines"][0]["id"] == "gb-riverside"


def test_the_readme_example_keeps_988s_spanish_options(runner: Any, example: Path) -> None:
    us = _ok(runner, "--kb", str(example), "--lang", "es", "help-now", "--region", "US")
    assert "Líneas de crisis en Estados Unidos:" in us
    line = next(x for x in _items(us) if x.startswith("Línea 988 de Prevención del Suicidio y Crisis"))
    assert "Llama al 988 y marca 2 para hablar en español" in line
    assert "No se confirmó" not in line
    assert "Para pensamientos suicidas" in line
    doc = _json(runner, "--kb", str(example), "--lang", "es", "help-now", "--region", "US", "--json")
    assert doc == _json(runner, "--lang", "es", "help-now", "--region", "US", "--json")  # as bundled


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_readme_example_ask(runner: Any, example: Path, lang: str, tmp_path: Path) -> None:
    answers = ("--who", "adult", "--concern", "anxiety-depression")
    summary = {
        "en": "at Riverside Clinic it runs as a weekly group.",
        "es": "en la Clínica Riverside se hace en un grupo semanal.",
    }[lang]
    report = tmp_path / f"report-{lang}.md"
    us = _ok(runner, "--kb", str(example), "--lang", lang, "ask", "--region", "US", *answers, "--save", str(report))
    saved = report.read_text(encoding="utf-8")
    for text in (us, saved):
        assert summary in " ".join(text.split())
        assert "Mental Health America" not in text and "mhanational.org" not in text
        assert "NAMI" in text  # the other routes stay
    doc = _json(runner, "--kb", str(example), "--lang", lang, "ask", "--region", "US", *answers, "--json")
    assert "us-mha" not in _ids(doc["resources"]) and "us-nami" in _ids(doc["resources"])
    assert " ".join(doc["suggestions"][0]["summary"].split()).endswith(summary)
    bundled = _json(runner, "--lang", lang, "ask", "--region", "US", *answers, "--json")
    assert doc["hotlines"] == bundled["hotlines"]  # 988 and every US line as bundled, in either language
    gb = _json(runner, "--kb", str(example), "--lang", lang, "ask", "--region", "GB", *answers, "--json")
    assert gb["hotlines"][0]["id"] == "gb-riverside"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_readme_example_export(runner: Any, example: Path, lang: str) -> None:
    args = ("--kb", str(example), "--lang", lang, "export")
    markdown = _ok(runner, *args)
    whole = _json(runner, *args, "--format", "json")
    as_yaml = load_yaml(_ok(runner, *args, "--format", "yaml"))
    assert whole == json.loads(json.dumps(as_yaml))
    assert "Mental Health America" not in markdown and "us-mha" not in json.dumps(whole)
    assert _ids(_region(whole, "GB")["lines"])[0] == "gb-riverside"
    cbt = _intervention(whole, "cbt")["summary"]
    assert cbt.endswith({"en": "runs as a weekly group.", "es": "se hace en un grupo semanal."}[lang])
    clinic_name = {"en": "Riverside Clinic crisis line", "es": "Línea de crisis de la Clínica Riverside"}[lang]
    gb = markdown[markdown.index(_region(whole, "GB")["name"]) :]
    assert gb.index(clinic_name) < gb.index("Samaritans")
    us988 = _region(whole, "US")["lines"][0]
    bundled988 = _region(_json(runner, "--lang", lang, "export", "--format", "json"), "US")["lines"][0]
    assert us988 == bundled988  # 988, and its Spanish options, untouched


# --------------------------------------------------------------------------
# One rule for every list: add, replace, change and remove by id


def _clinic(tmp_path: Path, body: dict[str, Any], name: str = "clinic.yaml") -> Path:
    return _write(tmp_path, name, _dump({"extends": "therapick", **body}))


def _line(lid: str, **more: Any) -> dict[str, Any]:
    return {
        "id": lid,
        "name": f"Clinic line {lid}",
        "contact": [{"method": "call", "value": "020 7946 0002"}],
        "purpose": "our patients",
        "hours": "weekdays",
        "url": "https://clinic.example",
        "checked": "2026-11",
        "show_for": {"concerns": ["trauma"]},
        **more,
    }


def _new_intervention(base: dict[str, Any]) -> dict[str, Any]:
    item = copy.deepcopy(_intervention(base, "cbt"))
    item.update(id="clinic-groups", name="Riverside skills group", aliases=[], abbreviation=None)
    for n, e in enumerate(item["evidence"]):
        e["id"] = f"clinic-evidence-{n}"
    for n, p in enumerate(item["providers"]):
        p["id"] = f"clinic-provider-{n}"
    for n, e in enumerate(item.get("situations", [])):
        e["id"] = f"clinic-situation-{n}"
    return item


def _cases() -> list[tuple[str, str, Any, Any]]:
    """(what, op, the clinic file's body, a check on the merged export)."""
    base = _bundled()
    step = copy.deepcopy(base["safety_plan"]["steps"][0])
    q = copy.deepcopy(_question(base, "readiness"))
    q["text"] = "Our own readiness question?"
    region = copy.deepcopy(_region(base, "other"))
    region["name"] = "Elsewhere"
    whole = copy.deepcopy(_intervention(base, "cbt"))
    whole["summary"] = "Our summary."
    return [
        # lines (support lines, in a region)
        ("lines", "add", {"add": {"lines": [{**_line("gb-clinic"), "region": "GB"}]}},
         lambda d: _ids(_region(d, "GB")["lines"])[-1] == "gb-clinic"),
        ("lines", "replace", {"replace": {"lines": [_line("gb-shout")]}},
         lambda d: _region(d, "GB")["lines"][_ids(_region(d, "GB")["lines"]).index("gb-shout")]["name"]
         == "Clinic line gb-shout"),
        ("lines", "change", {"change": {"lines": [{"id": "gb-shout", "hours": "evenings"}]}},
         lambda d: next(x for x in _region(d, "GB")["lines"] if x["id"] == "gb-shout")["hours"] == "evenings"),
        ("lines", "remove", {"remove": {"lines": ["gb-shout"]}},
         lambda d: "gb-shout" not in _ids(_region(d, "GB")["lines"])),
        # resources (routes to a professional: a region's, or every region's)
        ("resources", "add", {"add": {"resources": [{"id": "us-clinic", "region": "US", "name": "Our desk",
                                                     "note": "Ask at our desk."}]}},
         lambda d: _ids(_region(d, "US")["resources"])[-1] == "us-clinic"),
        ("resources", "add everywhere", {"add": {"resources": [{"id": "clinic", "name": "Our desk",
                                                               "note": "Ask at our desk."}]}},
         lambda d: _ids(d["resources"])[-1] == "clinic"),
        ("resources", "replace", {"replace": {"resources": [{"id": "us-mha", "name": "Our desk", "note": "Ask."}]}},
         lambda d: next(x for x in _region(d, "US")["resources"] if x["id"] == "us-mha")["name"] == "Our desk"),
        ("resources", "remove", {"remove": {"resources": ["us-mha", "online"]}},
         lambda d: "us-mha" not in _ids(_region(d, "US")["resources"]) and "online" not in _ids(d["resources"])),
        # providers (provider routes, in an intervention)
        ("providers", "add", {"add": {"providers": [{"id": "clinic-dbt", "intervention": "dbt", "name": "Our DBT team",
                                                     "note": "Ask us.", "covers": ["GB"]}]}},
         lambda d: _ids(_intervention(d, "dbt")["providers"]) == ["dbt-lbc", "clinic-dbt"]),
        ("providers", "replace", {"replace": {"providers": [{"id": "dbt-lbc", "name": "Ours", "note": "Ask us.",
                                                             "covers": ["GB"]}]}},
         lambda d: _intervention(d, "dbt")["providers"][0]["name"] == "Ours"),
        ("providers", "remove", {"remove": {"providers": ["dbt-lbc"]}},
         lambda d: _intervention(d, "dbt")["providers"] == []),
        # evidence (evidence entries, in an intervention)
        ("evidence", "add", {"add": {"evidence": [{"id": "clinic-audit", "intervention": "dbt", "source": "Our audit",
                                                    "finding": "most people finished the course"}]}},
         lambda d: _ids(_intervention(d, "dbt")["evidence"])[-1] == "clinic-audit"),
        ("evidence", "replace", {"replace": {"evidence": [{"id": "div12-dbt-bpd", "source": "Our audit",
                                                            "finding": "most people finished the course"}]}},
         lambda d: _intervention(d, "dbt")["evidence"][0]["source"] == "Our audit"),
        ("evidence", "remove", {"remove": {"evidence": ["div12-cbt-panic"]}},
         lambda d: "div12-cbt-panic" not in _ids(_intervention(d, "cbt")["evidence"])),
        # situations (what a named source says about an intervention, in it: issue 20)
        ("situations", "add", {"add": {"situations": [{"id": "clinic-guideline", "intervention": "arts-therapy",
                                                       "says": "consider", "concerns": ["trauma"], "who": ["adult"],
                                                       "by": "our guideline", "situation": "adults after trauma",
                                                       "summary": "considers it", "status": "seen",
                                                       "source": "Our guideline", "url": "https://clinic.example"}]}},
         lambda d: _ids(_intervention(d, "arts-therapy")["situations"])[-1] == "clinic-guideline"),
        ("situations", "replace", {"replace": {"situations": [{**_intervention(base, "arts-therapy")["situations"][0],
                                                               "summary": "our wording"}]}},
         lambda d: _intervention(d, "arts-therapy")["situations"][0]["summary"] == "our wording"),
        ("situations", "remove", {"remove": {"situations": ["nice-ng222-arts"]}},
         lambda d: "nice-ng222-arts" not in _ids(_intervention(d, "arts-therapy")["situations"])),
        # questions and their options
        ("questions", "add", {"add": {"questions": [{"id": "site", "kind": "one", "text": "Which of our sites?",
                                                     "said": "site", "options": [{"id": "north", "label": "North",
                                                                                  "phrase": "the north site"}]}]}},
         lambda d: d["questionnaire"]["questions"][-1]["id"] == "site"),
        ("questions", "replace", {"replace": {"questions": [q]}},
         lambda d: _question(d, "readiness")["text"] == "Our own readiness question?"),
        ("options", "add", {"add": {"options": [{"id": "sleep", "question": "concerns", "label": "Sleep",
                                                 "phrase": "sleep", "place": "first"}]}},
         lambda d: _question(d, "concerns")["options"][0]["id"] == "sleep"),
        ("options", "replace", {"replace": {"options": [{"id": "trauma", "label": "Something that happened",
                                                         "phrase": "a hard experience"}]}},
         lambda d: next(o for o in _question(d, "concerns")["options"] if o["id"] == "trauma")["label"]
         == "Something that happened"),
        # interventions
        ("interventions", "add", {"add": {"interventions": [_new_intervention(base)]}},
         lambda d: _ids(d["interventions"])[-1] == "clinic-groups"),
        ("interventions", "replace", {"replace": {"interventions": [whole]}},
         lambda d: _intervention(d, "cbt")["summary"] == "Our summary."),
        ("interventions", "remove", {"remove": {"interventions": ["animal-therapy"]}},
         lambda d: "animal-therapy" not in _ids(d["interventions"])),
        # regions
        ("regions", "replace", {"replace": {"regions": [region]}},
         lambda d: _region(d, "other")["name"] == "Elsewhere"),
        # and the safety plan's steps
        ("steps", "replace", {"replace": {"steps": [{**step, "title": "Our first step"}]}},
         lambda d: d["safety_plan"]["steps"][0]["title"] == "Our first step"),
        ("steps", "remove", {"remove": {"steps": ["what-matters"]}},
         lambda d: "what-matters" not in _ids(d["safety_plan"]["steps"])),
    ]  # fmt: skip


CASES = _cases()


@pytest.mark.exhaustive
@pytest.mark.parametrize(("section", "op", "body", "check"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_each_list_by_id(runner: Any, tmp_path: Path, section: str, op: str, body: Any, check: Any) -> None:
    path = _clinic(tmp_path, body)
    ran = run(runner, "validate", str(path))
    assert ran.exit_code == 0, ran
    assert check(_export(runner, path)), (section, op)


def test_every_id_bearing_list_is_covered() -> None:
    from therapick.kb.merge import SECTIONS

    covered = {(c[0], c[1].split()[0]) for c in CASES}
    for section in (
        "lines",
        "resources",
        "providers",
        "evidence",
        "situations",
        "questions",
        "options",
        "interventions",
    ):
        for op in ("add", "replace", "remove"):
            assert (section, op) in covered or (section in ("questions", "options") and op == "remove")
    assert set(SECTIONS) >= {c[0] for c in CASES}


def test_a_question_an_option_and_a_region_added_then_removed(runner: Any, tmp_path: Path) -> None:
    # What a knowledge base's other parts refer to cannot go on its own; what a clinic added can.
    base = _bundled()
    nz = copy.deepcopy(_region(base, "other"))
    nz.update(id="XY", name="Somewhere new", emergency="111")  # a region id the bundled base does not have
    nz["lines"] = [{**_line("xy-clinic"), "crisis": True, "hours": "24/7", "show_for": {"always": True}}]
    nz["resources"], nz["gaps"], nz["names"] = [], [], []
    _clinic(
        tmp_path,
        {
            "add": {
                "regions": [nz],
                "options": [
                    {"id": "XY", "question": "region", "label": "Somewhere new", "phrase": "somewhere new"},
                    {"id": "sleep", "question": "concerns", "label": "Sleep", "phrase": "sleep"},
                ],
                "questions": [
                    {"id": "site", "kind": "one", "text": "Which site?", "said": "site",
                     "options": [{"id": "north", "label": "North", "phrase": "north"}]}
                ],
            }
        },
    )  # fmt: skip
    added = _export(runner, tmp_path / "clinic.yaml")
    assert "XY" in _ids(added["regions"]) and "site" in _ids(added["questionnaire"]["questions"])
    ward = _write(
        tmp_path,
        "ward.yaml",
        "extends: clinic.yaml\nremove:\n  regions: [XY]\n  questions: [site]\n"
        "  options: [{id: XY, question: region}, sleep]\n",
    )
    assert run(runner, "validate", str(ward)).exit_code == 0
    removed = _export(runner, ward)
    assert "XY" not in _ids(removed["regions"]) and "site" not in _ids(removed["questionnaire"]["questions"])
    assert "sleep" not in _ids(_question(removed, "concerns")["options"])
    assert removed == _json(runner, "export", "--format", "json")


def test_an_option_in_two_questions_needs_its_question(runner: Any, tmp_path: Path) -> None:
    _clinic(tmp_path, {"add": {"options": [{"id": "other", "question": "concerns", "label": "x", "phrase": "x"},
                                           {"id": "other", "question": "preferences", "label": "x",
                                            "phrase": "x"}]}})  # fmt: skip
    ward = _write(tmp_path, "ward.yaml", "extends: clinic.yaml\nremove:\n  options: [other]\n")
    ran = run(runner, "validate", str(ward))
    assert ran.exit_code == 1, ran
    assert (
        f"{ward}, line 3: option 'other' is in more than one question (concerns, preferences, region): "
        "say which with 'question'"
    ) in ran.stdout


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ({"remove": {"resources": ["us-nmai"]}},
         "cannot remove route to a professional 'us-nmai': there is none with that id (did you mean 'us-nami'?)"),
        ({"replace": {"evidence": [{"id": "nope", "source": "x", "finding": "y"}]}},
         "cannot replace evidence entry 'nope': there is none with that id"),
        ({"change": {"providers": [{"id": "dbt-lbc", "intervention": "cbt", "name": "x"}]}},
         "provider route 'dbt-lbc' is in intervention dbt, not in intervention cbt; a changed provider route stays"),
        ({"add": {"evidence": [{"id": "x-audit", "source": "x", "finding": "y"}]}},
         "a new evidence entry needs 'intervention', one of: cbt, dbt,"),
        ({"add": {"lines": [{**_line("zz-x"), "region": "ZZ"}]}},
         "there is no region 'ZZ'; a new support line needs 'region', one of: US, CA, GB, IE, AU, NZ, ES, other"),
        ({"add": {"providers": [{"id": "dbt-lbc", "intervention": "cbt", "name": "x", "note": "y", "covers": ["GB"]}]}},
         "cannot add provider route 'dbt-lbc': there is already one with that id (use replace or change)"),
        ({"add": {"lines": [{**_line("gb-x"), "region": "GB", "place": "top"}]}},
         "'place' must be first, last, {before: ID} or {after: ID}"),
        ({"add": {"lines": [{**_line("gb-x"), "region": "GB", "place": {"before": "us-988"}}]}},
         "cannot place support line 'gb-x' before 'us-988': there is no support line 'us-988' in region GB"),
        ({"remove": {"lines": [5]}}, 'an id must be text: 5 is read as a number; write "5"'),
        ({"add": {"interventions": [{"name": "no id"}]}}, "each item needs an id"),
    ],
)  # fmt: skip
def test_a_change_that_cannot_be_made_is_named_at_its_line(runner: Any, tmp_path: Path, body: Any, said: str) -> None:
    path = _clinic(tmp_path, body)
    ran = run(runner, "validate", str(path))
    assert ran.exit_code == 1, ran
    assert re.search(rf"^{re.escape(str(path))}, line \d+: {re.escape(said)}", ran.stdout, re.M), ran.stdout
    loaded = run(runner, "--kb", str(path), "hotlines")
    assert loaded.exit_code == 3 and said[:40] in loaded.stderr, loaded


# --------------------------------------------------------------------------
# A removed item is gone from every surface


def test_a_removed_route_is_gone_from_every_surface(runner: Any, tmp_path: Path) -> None:
    path = _clinic(tmp_path, {"remove": {"resources": ["us-mha", "local"]}})
    kb = ("--kb", str(path))
    answers = ("--region", "US", "--who", "adult", "--concern", "anxiety-depression")
    report = tmp_path / "report.md"
    surfaces = [
        _ok(runner, *kb, "ask", *answers, "--save", str(report)),
        report.read_text(encoding="utf-8"),
        _ok(runner, *kb, "ask", *answers, "--json"),
        _ok(runner, *kb, "export"),
        _ok(runner, *kb, "export", "--format", "json"),
        _ok(runner, *kb, "export", "--format", "yaml"),
        _ok(runner, *kb, "hotlines", "--ids"),
    ]
    for text in surfaces:
        assert "Mental Health America" not in text and "us-mha" not in text
        assert "Your own doctor or a local clinic" not in text
        assert "National Alliance on Mental Illness" in text  # what was not removed stays
    # and the bundled knowledge base shows both
    assert "Mental Health America" in _ok(runner, "ask", *answers)


def test_a_removed_line_is_gone_from_every_surface(runner: Any, tmp_path: Path) -> None:
    path = _clinic(tmp_path, {"remove": {"lines": ["gb-shout"]}})
    kb = ("--kb", str(path))
    answers = ("--region", "GB", "--who", "adult", "--concern", "anxiety-depression", "--crisis")
    report = tmp_path / "report.md"
    surfaces = [
        _ok(runner, *kb, "ask", *answers, "--save", str(report)),
        report.read_text(encoding="utf-8"),
        _ok(runner, *kb, "ask", *answers, "--json"),
        _ok(runner, *kb, "help-now", "--region", "GB"),
        _ok(runner, *kb, "help-now", "--region", "GB", "--json"),
        _ok(runner, *kb, "hotlines", "--region", "GB"),
        _ok(runner, *kb, "hotlines", "--json"),
        _ok(runner, *kb, "export"),
        _ok(runner, *kb, "export", "--format", "json"),
    ]
    for text in surfaces:
        assert "85258" not in text and "Shout" not in text
        assert "116 123" in text  # Samaritans stays
    assert "85258" in _ok(runner, "help-now", "--region", "GB")


def test_removed_evidence_and_provider_routes_are_gone_from_every_surface(runner: Any, tmp_path: Path) -> None:
    path = _clinic(tmp_path, {"remove": {"evidence": ["div12-dbt-bpd"], "providers": ["dbt-lbc"]}})
    ran = run(runner, "validate", str(path))
    assert ran.exit_code == 1  # an intervention needs evidence: say so, where
    assert "at $.interventions[1].evidence" in ran.stdout
    path = _clinic(
        tmp_path,
        {
            "remove": {"evidence": ["div12-dbt-bpd"], "providers": ["dbt-lbc"]},
            "add": {"evidence": [{"id": "our-audit", "intervention": "dbt", "source": "Our audit", "finding": "ok"}]},
        },
    )
    kb = ("--kb", str(path))
    report = tmp_path / "report.md"
    answers = ("--who", "adult", "--concern", "intense-emotions", "--top", "11")
    bundled = _ok(runner, "show", "dbt")
    assert "Linehan Board" in bundled and "Division 12" in bundled
    surfaces = [
        _ok(runner, *kb, "show", "dbt"),
        _ok(runner, *kb, "show", "dbt", "--json"),
        _ok(runner, *kb, "ask", *answers, "--save", str(report)),
        report.read_text(encoding="utf-8"),
        _ok(runner, *kb, "ask", *answers, "--json"),
        _ok(runner, *kb, "export"),
        _ok(runner, *kb, "export", "--format", "json"),
    ]
    for text in surfaces:
        assert "Linehan Board" not in text and "dbt-lbc" not in text and "div12-dbt-bpd" not in text
        assert "Our audit" in text


def test_a_line_and_a_route_that_share_an_id_are_two_items_and_validate_says_so(runner: Any, tmp_path: Path) -> None:
    path = _clinic(tmp_path, {"remove": {"lines": ["us-findtreatment"]}})
    ran = run(runner, "validate", str(path))
    assert ran.exit_code == 0, ran
    assert (
        f"{path}, line 4: warning: 'us-findtreatment' also names a route to a professional, which stays; "
        "to take it off every screen, remove it under 'resources' too at $.remove.lines[0]"
    ) in ran.stdout
    both = _clinic(tmp_path, {"remove": {"lines": ["us-findtreatment"], "resources": ["us-findtreatment"]}})
    answers = ("--region", "US", "--who", "adult", "--concern", "substance-use")
    for text in (_ok(runner, "--kb", str(both), "ask", *answers), _ok(runner, "--kb", str(both), "export")):
        assert "FindTreatment.gov" not in text
    assert "FindTreatment.gov" in _ok(runner, "ask", *answers)


# --------------------------------------------------------------------------
# A clinic orders its own lines


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        ("first", ["gb-clinic", "gb-samaritans", "gb-shout"]),
        ({"before": "gb-shout"}, ["gb-samaritans", "gb-clinic", "gb-shout"]),
        ({"after": "gb-samaritans"}, ["gb-samaritans", "gb-clinic", "gb-shout"]),
    ],
)
def test_a_clinic_line_in_the_place_it_says(runner: Any, tmp_path: Path, place: Any, expected: list[str]) -> None:
    line = {**_line("gb-clinic"), "region": "GB", "place": place, "crisis": True, "hours": "24/7"}
    line["show_for"] = {"always": True}
    path = _clinic(tmp_path, {"add": {"lines": [line]}})
    lines = _region(_export(runner, path), "GB")["lines"]
    assert _ids(lines)[:3] == expected
    crisis = _json(runner, "--kb", str(path), "help-now", "--region", "GB", "--json")["crisis_lines"]
    assert _ids(crisis)[:3] == expected
    shown = _items(_ok(runner, "--kb", str(path), "hotlines", "--region", "GB"))
    assert shown[expected.index("gb-clinic")].startswith("Clinic line gb-clinic: call 020 7946 0002")


def test_place_last_is_the_default_and_change_moves_an_item(runner: Any, tmp_path: Path) -> None:
    path = _clinic(tmp_path, {"add": {"lines": [{**_line("gb-clinic"), "region": "GB"}]}})
    assert _ids(_region(_export(runner, path), "GB")["lines"])[-1] == "gb-clinic"
    moved = _clinic(tmp_path, {"change": {"lines": [{"id": "gb-shout", "place": "first"}]}})
    lines = _region(_export(runner, moved), "GB")["lines"]
    assert _ids(lines)[:2] == ["gb-shout", "gb-samaritans"]
    assert lines[0] == _region(_json(runner, "export", "--format", "json"), "GB")["lines"][1]  # only moved
    ask = _json(runner, "--kb", str(moved), "ask", "--region", "GB", "--who", "adult", "--concern", "trauma", "--json")
    assert ask["hotlines"][0]["id"] == "gb-shout"


# --------------------------------------------------------------------------
# Translations follow the base


ONE_US_LINE = {"add": {"lines": [{**_line("us-clinic"), "region": "US", "crisis": True, "hours": "24/7",
                                  "show_for": {"always": True}}]}}  # fmt: skip


def test_a_clinic_file_keeps_every_bundled_translation(runner: Any, tmp_path: Path) -> None:
    path = _clinic(tmp_path, ONE_US_LINE)
    shown = _ok(runner, "--kb", str(path), "--lang", "es", "help-now", "--region", "US")
    assert "Líneas de crisis en Estados Unidos:" in shown and "United States" not in shown
    words = " ".join(shown.split())
    assert "Para pensamientos suicidas" in words and "suicidal thoughts" not in words
    items = _items(shown)
    assert "Llama al 988 y marca 2" in items[0] and "No se confirmó" not in items[0]
    # the clinic's own line shows as written, and claims nothing it was not given
    clinic = next(x for x in items if x.startswith("Clinic line us-clinic"))
    assert "Para our patients." in clinic and "No se confirmó atención en español en esta línea." in clinic
    bundled = _json(runner, "--lang", "es", "export", "--format", "json")
    merged = _export(runner, path, "--lang", "es")
    _region(merged, "US")["lines"].pop()
    assert merged == bundled


def test_validate_warns_for_each_text_the_clinic_wrote_without_a_translation(runner: Any, tmp_path: Path) -> None:
    path = _clinic(tmp_path, ONE_US_LINE)
    text = path.read_text("utf-8")
    ran = run(runner, "validate", str(path))
    assert ran.exit_code == 0, ran
    for field, value in (("name", "Clinic line us-clinic"), ("purpose", "our patients")):
        assert (
            f"{path}, line {_line_of(text, f'{field}: {value}')}: warning: no es text for '{value}' "
            f"(add it under 'texts' in clinic.es.yaml) at $.add.lines[0].{field}"
        ) in ran.stdout
    assert "'24/7'" not in ran.stdout  # what the base translates needs nothing more
    assert "2 warnings" in ran.stdout.splitlines()[-1]
    assert run(runner, "validate", "--strict", str(path)).exit_code == 1
    _write(tmp_path, "clinic.es.yaml", 'texts:\n  "Clinic line us-clinic": "Línea de la clínica"\n')
    ran = run(runner, "validate", str(path))
    assert "1 warning" in ran.stdout.splitlines()[-1] and "'our patients'" in ran.stdout
    shown = _ok(runner, "--kb", str(path), "--lang", "es", "hotlines", "--region", "US")
    assert "Línea de la clínica: llama al 020 7946 0002" in shown


def test_a_rewritten_line_keeps_no_inherited_help_in_the_language(runner: Any, tmp_path: Path) -> None:
    path = _clinic(tmp_path, {"change": {"lines": [{"id": "us-988", "hours": "24/7, free"}]}})
    text = path.read_text("utf-8")
    items = _items(_ok(runner, "--kb", str(path), "--lang", "es", "help-now", "--region", "US"))
    assert items[0].startswith("Línea 988 de Prevención del Suicidio y Crisis: llama al 988")
    assert "Llama al 988 y marca 2 para hablar" not in items[0] and "No se confirmó" in items[0]
    ran = run(runner, "validate", str(path))
    assert ran.exit_code == 0, ran
    assert (
        f"{path}, line {_line_of(text, 'hours:')}: warning: support line 'us-988' is rewritten here, so the es "
        "help that what this file extends gives for it is not shown; if it still holds, add it under "
        "'help_in_language' in clinic.es.yaml at $.change.lines[0]"
    ) in ran.stdout
    _write(tmp_path, "clinic.es.yaml", "help_in_language:\n  us-988: Llama al 988 y marca 2.\n")
    assert "is rewritten here" not in _ok(runner, "validate", str(path))
    items = _items(_ok(runner, "--kb", str(path), "--lang", "es", "help-now", "--region", "US"))
    assert items[0].startswith("Línea 988 de Prevención del Suicidio y Crisis: Llama al 988 y marca 2.")


def test_a_companion_may_correct_an_inherited_wording(runner: Any, tmp_path: Path) -> None:
    path = _clinic(tmp_path, {})
    _write(tmp_path, "clinic.es.yaml", 'texts:\n  "Online help": "Ayuda por internet"\n')
    assert run(runner, "validate", "--strict", str(path)).exit_code == 0
    out = _ok(runner, "--kb", str(path), "--lang", "es", "export")
    assert "Ayuda por internet" in out and "Ayuda en línea" not in out


def test_a_chain_of_files_keeps_each_translation(runner: Any, tmp_path: Path) -> None:
    _clinic(tmp_path, ONE_US_LINE)
    _write(tmp_path, "clinic.es.yaml", 'texts:\n  "Clinic line us-clinic": "Línea de la clínica"\n')
    ward = _write(tmp_path, "ward.yaml", "extends: clinic.yaml\nremove:\n  lines: [us-trevor]\n")
    shown = _ok(runner, "--kb", str(ward), "--lang", "es", "hotlines", "--region", "US")
    assert "Línea de la clínica: llama" in shown and "Estados Unidos" in shown and "Trevor" not in shown
    assert "Llama al 988 y marca 2" in shown


def test_a_clinic_file_on_stdin_keeps_the_bundled_translations(runner: Any, tmp_path: Path) -> None:
    text = _dump({"extends": "therapick", **ONE_US_LINE})
    shown = _ok(runner, "--kb", "-", "--lang", "es", "help-now", "--region", "US", input=text)
    assert "Estados Unidos" in shown and "Llama al 988 y marca 2" in shown


# --------------------------------------------------------------------------
# Every companion shape refused with a clear line; validate and the runtime agree


@pytest.mark.exhaustive
@pytest.mark.parametrize(
    ("companion", "line", "said"),
    [
        ("texts: [1, 2]\n", 1, "expected a mapping, not a list ('texts' maps each English text to its translation)"
         " at $.texts"),
        ("aliases: {cbt: 5}\n", 1, "expected a list, not a whole number ('aliases' maps an intervention id to a list "
         "of names) at $.aliases.cbt"),
        ("aliases: [cbt]\n", 1, "expected a mapping, not a list ('aliases' maps"),
        ("aliases:\n  cbt: [5]\n", 2, "expected text, not a whole number (5 is read as one; to mean the text, "
         "write \"5\") ('aliases' maps"),
        ('texts:\n  "Online help": 5\n', 2, "expected text, not a whole number (5 is read as one; to mean the text, "
         "write \"5\") ('texts' maps"),
        ('texts:\n  "Online help": ""\n', 2, "expected text that is not blank"),
        ('texts:\n  "Online help": "\\e]52;c;aGk=\\a"\n', 2, "the text holds U+001B (ESCAPE): control and invisible"),
        ("help_in_language: [us-988]\n", 1, "expected a mapping, not a list ('help_in_language' maps a support line"),
        ("help_in_language:\n  us-988: {a: 1}\n", 2, "expected text, not a mapping ('help_in_language' maps"),
        ("txts: {}\n", 1, "unknown key 'txts' (did you mean 'texts'?) at $.txts"),
        ("language: fr\n", 1, "it says language 'fr', but its name says 'es' (clinic.es.yaml) at $.language"),
        ("- texts\n", 1, "a translation file is a mapping with 'texts' (and 'aliases', 'help_in_language'), "
         "not a list"),
        ("just words\n", 1, "a translation file is a mapping with 'texts'"),
        ("", 1, "a translation file is a mapping with 'texts' (and 'aliases', 'help_in_language'), not an empty file"),
        ("texts: {a: [b\n", 2, "not valid YAML or JSON"),
    ],
)  # fmt: skip
def test_every_companion_shape_is_refused_alike(
    runner: Any, tmp_path: Path, companion: str, line: int, said: str
) -> None:
    path = _clinic(tmp_path, {})
    other = _write(tmp_path, "clinic.es.yaml", companion)
    ran = run(runner, "validate", str(path))
    assert ran.exit_code == 1, ran
    assert f"{other}, line {line}: {said}" in ran.stdout, ran.stdout
    doc = json.loads(run(runner, "validate", str(path), "--json").stdout)
    assert doc["valid"] is False and {p["file"] for p in doc["problems"]} == {str(other)}
    loaded = run(runner, "--kb", str(path), "--lang", "es", "hotlines")
    assert loaded.exit_code == 3, loaded
    assert loaded.stderr.count("\n") == 1 and f"{other}, line {line}: " in loaded.stderr, loaded.stderr
    assert run(runner, "--kb", str(path), "hotlines").exit_code == 0  # English does not read it


def test_a_bundled_shaped_full_knowledge_base_keeps_its_companion_rules(runner: Any, tmp_path: Path) -> None:
    # A file that extends nothing is held to its own companion only (the bundled one: every text).
    kb = _write(tmp_path, "kb.yaml", (ROOT / "data" / "interventions.yaml").read_text("utf-8"))
    assert run(runner, "validate", "--strict", str(kb)).exit_code == 0  # no companion: English only
    es = (ROOT / "data" / "interventions.es.yaml").read_text("utf-8")
    _write(tmp_path, "kb.es.yaml", es.replace('  "Online help":\n    "Ayuda en línea"\n', ""))
    ran = run(runner, "validate", str(kb))
    assert ran.exit_code == 0 and "warning: no es text for 'Online help'" in ran.stdout, ran.stdout


# --------------------------------------------------------------------------
# validate: every problem in one run, each named in the file that caused it


def test_three_structural_and_two_reference_problems_in_one_run(runner: Any, tmp_path: Path) -> None:
    base = _bundled()
    item = _new_intervention(base)
    item["techniques"] = [*item["techniques"], "tapping"]  # reference: no such technique
    text = _dump(
        {
            "extends": "therapick",
            "add": {
                "lines": [
                    {**_line("gb-one"), "region": "GB", "hourz": "24/7"},  # structural: unknown key
                    {**_line("gb-two"), "region": "GB", "show_for": {"concerns": ["traumaa"]}},  # reference
                ],
                "categories": [{"id": "clinic-own", "name": ["not", "text"], "summary": "Ours."}],  # structural
                "interventions": [item],
                "notes": [{"id": "clinic-note", "title": "Our hours"}],  # structural: no text
            },
        }
    )
    path = _write(tmp_path, "clinic.yaml", text)
    ran = run(runner, "validate", str(path))
    assert ran.exit_code == 1, ran
    doc = json.loads(run(runner, "validate", str(path), "--json").stdout)
    found = {p["path"]: p for p in doc["problems"]}
    expected = {
        "$.add.lines[0].hourz": ("unknown key 'hourz' (did you mean 'hours'?)", "hourz:"),
        "$.add.categories[0].name": ("expected text, not a list", "name:\n      - not"),
        "$.add.notes[0]": ("missing required key 'text'", "- id: clinic-note"),
        "$.add.lines[1].show_for.concerns[0]": ("unknown concern 'traumaa' (did you mean 'trauma'?)", "traumaa"),
        "$.add.interventions[0].techniques": ("unknown technique 'tapping'", "- tapping"),
    }
    assert len(doc["problems"]) == 5, doc["problems"]
    for where, (words, fragment) in expected.items():
        hit = next((p for k, p in found.items() if k.startswith(where)), None)
        assert hit is not None, (where, found)
        assert words in hit["message"], (where, hit)
        assert hit["line"] == _line_of(text, fragment.split("\n")[-1].strip()) or fragment.startswith("name:")
        assert hit["file"] is None  # the clinic's own file: the verdict's path
    assert ran.stdout.splitlines()[-1] == f"{path}: not valid (5 problems)"


def test_a_full_knowledge_base_gets_structural_and_reference_problems_in_one_run(
    runner: Any, tmp_path: Path, kb_text: str
) -> None:
    text = (
        kb_text.replace("    abbreviation: CBT\n", "    abbreviation: [CBT]\n", 1)  # structural
        .replace("  - id: dbt\n", "  - id: dbt\n    sumary: typo\n", 1)  # structural
        .replace("  - id: systemic\n    name: Systemic interventions\n", "  - id: systemic\n", 1)  # structural
        .replace("    category: activity-based\n", "    category: activity-basd\n", 1)  # reference
        .replace("    interventions: [family-therapy, attachment-based]\n", "    interventions: [family-therapi]\n", 1)
    )
    assert text.count("activity-basd") == 1 and "family-therapi]" in text
    path = _write(tmp_path, "kb.yaml", text)
    doc = json.loads(run(runner, "validate", str(path), "--json").stdout)
    messages = [p["message"] for p in doc["problems"]]
    assert len(messages) == 5, messages
    assert any(m.startswith("unknown category 'activity-basd'") for m in messages)
    assert any(m.startswith("unknown intervention 'family-therapi'") for m in messages)
    # a reference to the category whose own entry is broken is not reported as unknown
    assert not any("unknown category 'systemic'" in m for m in messages)


def test_a_chain_error_names_each_file_once(runner: Any, tmp_path: Path) -> None:
    clinic = _write(tmp_path, "clinic.yaml", "extends: therapick\nadd:\n  lines: 5\n")
    ward = _write(tmp_path, "ward.yaml", "# the ward\nextends: clinic.yaml\n")
    ran = run(runner, "validate", str(ward))
    assert ran.exit_code == 1, ran
    assert ran.stdout.splitlines() == [
        f"{clinic}, line 3: 'add.lines' must be a list at $.add.lines",
        f"{ward}, line 2: the file it extends is not valid: {clinic} at $.extends",
        f"{ward}: not valid (2 problems)",
    ]
    doc = json.loads(run(runner, "validate", str(ward), "--json").stdout)
    assert [p["file"] for p in doc["problems"]] == [str(clinic), None]
    loaded = run(runner, "--kb", str(ward), "list")
    assert loaded.exit_code == 3 and f"{clinic}, line 3: 'add.lines' must be a list" in loaded.stderr
    assert "at $.extends at $.extends" not in ran.stdout + loaded.stderr


def test_the_file_name_is_printed_as_given(runner: Any, tmp_path: Path) -> None:
    for name in ("my-clinic.yaml", "My-Clinic.yaml"):
        path = _write(tmp_path, name, "extends: therapick\nadd:\n  lines:\n    - id: [x\n")
        ran = run(runner, "validate", str(path))
        assert ran.stdout.startswith(f"{path}, line 5: not valid YAML or JSON"), ran.stdout
        loaded = run(runner, "--kb", str(path), "list")
        assert f"not valid: {path}, line 5:" in loaded.stderr


def test_a_warning_the_base_has_is_said_to_be_inherited(runner: Any, tmp_path: Path, kb_text: str) -> None:
    # A base whose region AU has a crisis line with limited hours: its own warning, not the clinic's.
    base = kb_text.replace("        hours: 24/7 (since 30 November 2023)\n", "        hours: weekdays\n", 1)
    assert base != kb_text
    _write(tmp_path, "base.yaml", base)
    clinic = _write(tmp_path, "clinic.yaml", "extends: base.yaml\nremove:\n  lines: [gb-shout]\n")
    ran = run(runner, "validate", str(clinic))
    assert ran.exit_code == 0, ran
    inherited = [line for line in ran.stdout.splitlines() if "has limited hours" in line]
    assert inherited and all(line.endswith("(in what this file extends) at " + line.rsplit(" at ", 1)[1])
                             for line in inherited)  # fmt: skip
    crisis = [x["id"] for x in _region(_bundled(), "GB")["lines"] if x["crisis"]]
    gone = _clinic(tmp_path, {"remove": {"lines": crisis}}, "gone.yaml")
    ran = run(runner, "validate", str(gone))
    assert ran.exit_code == 1, ran
    assert (
        f"{gone}: region GB has no crisis line (crisis: true) (in what this file extends; a change in this file "
        "causes it) at $.regions[2].lines"
    ) in ran.stdout


# --------------------------------------------------------------------------
# Ids where people look


def test_hotlines_ids(runner: Any) -> None:
    plain = _ok(runner, "hotlines", "--region", "US")
    assert "[us-988]" not in plain
    shown = _ok(runner, "hotlines", "--region", "US", "--ids")
    items = _items(shown)
    assert items[0].startswith("988 Suicide & Crisis Lifeline [us-988]: call 988")
    assert any(x.startswith("Mental Health America (MHA) [us-mha]: ") for x in items)
    assert any(x.startswith("FindTreatment.gov [us-findtreatment]: website") for x in items)
    assert "Finding a professional in the United States:" in shown and "Finding a professional anywhere" in shown
    assert any(x.startswith("Your own doctor or a local clinic [local]: ") for x in items)
    spanish = _ok(runner, "--lang", "es", "hotlines", "--region", "US", "--ids")
    assert "Cómo encontrar a un profesional en Estados Unidos:" in spanish and "[us-988]" in spanish
    assert _ok(runner, "hotlines", "--ids", "--json") == _ok(runner, "hotlines", "--json")


# --------------------------------------------------------------------------
# A scaffold


def test_init_writes_a_short_valid_starting_file(runner: Any, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    ran = run(runner, "init")
    assert ran.exit_code == 0, ran
    assert ran.stderr == "therapick: wrote my-clinic.yaml; check it with: therapick validate my-clinic.yaml\n"
    text = (tmp_path / "my-clinic.yaml").read_text("utf-8")
    assert len(text.splitlines()) <= 30 and "extends: therapick" in text
    assert _ok(runner, "validate", "--strict", "my-clinic.yaml").startswith("my-clinic.yaml: valid (")
    again = run(runner, "init")
    assert again.exit_code == 4 and "already exists; use --force to replace it" in again.stderr
    assert (tmp_path / "my-clinic.yaml").read_text("utf-8") == text
    assert run(runner, "init", "--force").exit_code == 0
    assert _ok(runner, "init", "-") == text
    # every commented example, uncommented, is what the README says it is
    lines = text.splitlines()
    start = lines.index("# remove:")
    uncommented = "\n".join(line[2:] for line in lines[start:])
    doc = load_yaml(uncommented.replace("...", "x"))
    assert set(doc) >= {"remove", "replace", "change", "add"}


def test_init_names_its_own_file(runner: Any, tmp_path: Path) -> None:
    target = tmp_path / "riverside.yaml"
    assert run(runner, "init", str(target)).exit_code == 0
    text = target.read_text("utf-8")
    assert "therapick validate riverside.yaml" in text and "riverside.es.yaml" in text
    assert run(runner, "validate", str(target)).exit_code == 0
