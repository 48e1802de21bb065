"""Extend, don't copy: a clinic's file holds only what it changes (merge.py).

The clinic's own numbers below are from Ofcom's range reserved for drama
(020 7946 0xxx), so they can never reach a real person; every real support
line number is a literal from /work/shared/facts/helplines.md.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .conftest import run, therapick_exe

CLINIC = """\
# Riverside Clinic: the bundled knowledge base with our own UK crisis lines.
extends: therapick
remove:
  lines: [gb-shout]
replace:
  lines:
    - id: gb-samaritans
      name: Riverside Clinic crisis line
      contact: [{method: call, value: "020 7946 0000"}]
      purpose: our patients in crisis, day or night
      hours: 24/7
      url: https://riverside.example/crisis
      checked: "2026-11"
      crisis: true
      show_for: {always: true}
add:
  lines:
    - id: gb-riverside-trauma
      region: GB
      name: Riverside trauma service
      contact: [{method: call, value: "020 7946 0001"}]
      purpose: people after a traumatic experience
      hours: weekdays 9am to 5pm
      url: https://riverside.example/trauma
      checked: "2026-11"
      show_for: {concerns: [trauma]}
"""


def _write(tmp_path: Path, text: str, name: str = "clinic.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _line_of(text: str, fragment: str) -> int:
    """The 1-based line of the only line of ``text`` containing ``fragment``."""
    found = [n for n, line in enumerate(text.splitlines(), 1) if fragment in line]
    assert len(found) == 1, (fragment, found)
    return found[0]


def _json(runner: Any, *args: str, input: str | None = None) -> Any:
    ran = run(runner, *args, input=input)
    assert ran.exit_code == 0, ran
    return json.loads(ran.stdout)


def _values(lines: list[dict[str, Any]]) -> set[str]:
    return {c["value"] for line in lines for c in line["contact"]}


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    return _write(tmp_path, CLINIC)


def test_the_clinic_file_is_short() -> None:
    assert len([line for line in CLINIC.splitlines() if line.strip()]) <= 30


def test_ask_for_gb_shows_the_clinic_lines(runner: Any, clinic: Path) -> None:
    doc = _json(runner, "--kb", str(clinic), "ask", "--region", "GB", "--who", "adult", "--concern", "trauma", "--json")
    ids = [line["id"] for line in doc["hotlines"]]
    assert "gb-samaritans" in ids and "gb-riverside-trauma" in ids and "gb-shout" not in ids
    names = {line["name"] for line in doc["hotlines"]}
    assert {"Riverside Clinic crisis line", "Riverside trauma service"} <= names
    assert {"020 7946 0000", "020 7946 0001"} <= _values(doc["hotlines"])
    assert "116 123" not in _values(doc["hotlines"])  # the replaced Samaritans number
    assert "85258" not in _values(doc["hotlines"])  # Shout, removed


def test_ask_text_for_gb_shows_the_clinic_lines(runner: Any, clinic: Path) -> None:
    ran = run(runner, "--kb", str(clinic), "ask", "--region", "GB", "--who", "adult", "--concern", "trauma")
    assert ran.exit_code == 0, ran
    items = [line for line in ran.stdout.splitlines() if line.startswith("- ")]
    assert any(line.startswith("- Riverside Clinic crisis line: call 020 7946 0000") for line in items)
    assert any(line.startswith("- Riverside trauma service: call 020 7946 0001") for line in items)
    assert not any(line.startswith(("- Samaritans:", "- Shout:")) for line in items)


def test_crisis_in_gb_leads_with_the_clinic_line(runner: Any, clinic: Path) -> None:
    doc = _json(runner, "--kb", str(clinic), "help-now", "--region", "GB", "--json")
    assert doc["crisis_lines"][0]["name"] == "Riverside Clinic crisis line"
    assert "020 7946 0000" in _values(doc["crisis_lines"])


@pytest.mark.parametrize("region", ["US", "CA", "IE", "AU", "NZ", "ES", "other"])
def test_every_other_region_is_unchanged(runner: Any, clinic: Path, region: str) -> None:
    bundled = _json(runner, "hotlines", "--region", region, "--json")
    extended = _json(runner, "--kb", str(clinic), "hotlines", "--region", region, "--json")
    assert extended == bundled


def test_everything_but_the_gb_lines_is_unchanged(runner: Any, clinic: Path) -> None:
    bundled = _json(runner, "export", "--format", "json")
    extended = _json(runner, "--kb", str(clinic), "export", "--format", "json")
    gb = [r["id"] for r in bundled["regions"]].index("GB")
    assert extended["regions"][gb]["lines"] != bundled["regions"][gb]["lines"]
    for doc in (bundled, extended):
        doc["regions"][gb].pop("lines")
    assert extended == bundled


def test_validate_accepts_the_clinic_file(runner: Any, clinic: Path) -> None:
    ran = run(runner, "validate", str(clinic))
    assert ran.exit_code == 0, ran
    assert "valid" in ran.stdout and "not valid" not in ran.stdout
    ran = run(runner, "--kb", str(clinic), "validate")
    assert ran.exit_code == 0, ran


def test_a_typo_is_reported_at_its_line_in_the_clinic_file(runner: Any, tmp_path: Path) -> None:
    text = CLINIC.replace(
        '      contact: [{method: call, value: "020 7946 0001"}]',
        '      contcat: [{method: call, value: "020 7946 0001"}]',
    )
    assert text != CLINIC
    path = _write(tmp_path, text)
    line = _line_of(text, "contcat:")
    ran = run(runner, "validate", str(path))
    assert ran.exit_code == 1, ran
    assert f"clinic.yaml, line {line}: unknown key 'contcat'" in ran.stdout
    assert "did you mean 'contact'" in ran.stdout
    assert "$.add.lines[0].contcat" in ran.stdout  # the path in the clinic's own file
    assert f"clinic.yaml, line {_line_of(text, '- id: gb-riverside-trauma')}: missing required key 'contact'" in (
        ran.stdout
    )
    doc = json.loads(run(runner, "validate", str(path), "--json").stdout)
    assert {"path": "$.add.lines[0].contcat", "line": line} in [
        {"path": p["path"], "line": p["line"]} for p in doc["problems"]
    ]
    loaded = run(runner, "--kb", str(path), "hotlines")
    assert loaded.exit_code == 3, loaded
    assert f"line {line}" in loaded.stderr


def test_a_typo_keeps_its_line_when_a_removal_moves_the_item(runner: Any, tmp_path: Path) -> None:
    # gb-shout comes before gb-refuge: removing it moves the replaced line up one place
    text = """\
extends: therapick
remove:
  lines: [gb-shout]
replace:
  lines:
    - id: gb-refuge
      name: National Domestic Abuse Helpline (Refuge)
      contact: [{method: call, value: "0808 2000 247"}]
      purpose: domestic abuse, for women
      hours: 24/7, free
      url: https://www.nationaldahelpline.org.uk
      checked: "2026-11-26"
      show_for: {concerns: [abuse]}
      aera: England
"""
    ran = run(runner, "validate", str(_write(tmp_path, text)))
    assert ran.exit_code == 1, ran
    assert f"line {_line_of(text, 'aera:')}: unknown key 'aera'" in ran.stdout
    assert "$.replace.lines[0].aera" in ran.stdout


def test_replacing_an_id_that_does_not_exist_names_it_with_its_line(runner: Any, tmp_path: Path) -> None:
    text = CLINIC.replace("    - id: gb-samaritans\n", "    - id: gb-samaritan\n")
    path = _write(tmp_path, text)
    ran = run(runner, "validate", str(path))
    assert ran.exit_code == 1, ran
    line = _line_of(text, "- id: gb-samaritan")
    assert f"clinic.yaml, line {line}: cannot replace support line 'gb-samaritan': there is none with that id" in (
        ran.stdout
    )
    loaded = run(runner, "--kb", str(path), "hotlines", "--json")
    assert loaded.exit_code == 3 and "gb-samaritan'" in json.loads(loaded.stdout)["error"]["message"]


def test_removing_an_id_that_does_not_exist_names_it(runner: Any, tmp_path: Path) -> None:
    text = CLINIC.replace("lines: [gb-shout]", "lines: [gb-shoot]")
    ran = run(runner, "validate", str(_write(tmp_path, text)))
    assert ran.exit_code == 1, ran
    assert f"line {_line_of(text, 'gb-shoot')}: cannot remove support line 'gb-shoot'" in ran.stdout


def test_adding_an_existing_id_is_an_error(runner: Any, tmp_path: Path) -> None:
    text = CLINIC.replace("    - id: gb-riverside-trauma\n", "    - id: gb-nhs-111\n")
    ran = run(runner, "validate", str(_write(tmp_path, text)))
    assert ran.exit_code == 1, ran
    line = _line_of(text, "- id: gb-nhs-111")
    assert (
        f"line {line}: cannot add support line 'gb-nhs-111': there is already one with that id "
        "(use replace or change)" in ran.stdout
    )


def test_every_merge_problem_at_once(runner: Any, tmp_path: Path) -> None:
    text = (
        CLINIC.replace("lines: [gb-shout]", "lines: [gb-shoot]")
        .replace("    - id: gb-samaritans\n", "    - id: gb-samaritan\n")
        .replace("      region: GB\n", "      region: UK\n")
        + "  line:\n    - {id: x}\n"
        + "disclaimer: {short: Not medical advice.}\n"  # and one in the merged result: 'full' is missing
        + "replce: {}\n"
    )
    ran = run(runner, "validate", str(_write(tmp_path, text)))
    assert ran.exit_code == 1, ran
    assert "not valid (6 problems)" in ran.stdout
    assert f"line {_line_of(text, 'disclaimer:')}: missing required key 'full' at $.disclaimer" in ran.stdout
    assert f"line {_line_of(text, 'replce:')}: unknown key 'replce' (did you mean 'replace'?)" in ran.stdout
    assert "'gb-shoot'" in ran.stdout and "'gb-samaritan'" in ran.stdout
    assert "needs 'region', one of: US, CA, GB, IE, AU, NZ, ES, other" in ran.stdout
    assert "names no section 'line' (did you mean 'lines'?); the sections are: notes," in ran.stdout


def test_a_section_given_directly_replaces_it_whole(runner: Any, tmp_path: Path) -> None:
    text = 'extends: therapick\nprofessional_questions:\n  - "Riverside: how long is the wait?"\n'
    doc = _json(runner, "--kb", str(_write(tmp_path, text)), "ask", "--who", "adult", "--concern", "trauma", "--json")
    assert doc["professional_questions"] == ["Riverside: how long is the wait?"]


def test_a_problem_in_what_is_inherited_names_the_change_that_causes_it(runner: Any, tmp_path: Path) -> None:
    # The base is valid on its own: a problem in what the file inherits comes from what the file did.
    text = "extends: therapick\nremove:\n  categories: [systemic]\n"
    ran = run(runner, "validate", str(_write(tmp_path, text)))
    assert ran.exit_code == 1, ran
    found = [line for line in ran.stdout.splitlines() if "unknown category 'systemic'" in line]
    assert found, ran.stdout
    for line in found:  # at the line of the removal, saying so
        assert line.startswith(f"{tmp_path / 'clinic.yaml'}, line 3: ")
        assert "(in what this file extends, which still names 'systemic'; this file removes it)" in line
    assert "(in what this file extends) " not in ran.stdout


# --------------------------------------------------------------------------
# Chains


def test_extends_chains(runner: Any, tmp_path: Path, clinic: Path) -> None:
    # a ward's file extends the clinic's, which extends the bundled one
    ward = _write(
        tmp_path,
        "extends: clinic.yaml\nreplace:\n  resources:\n"
        "    - {id: online, name: Riverside ward desk, note: Ask at the ward desk.}\n",
        "ward.yaml",
    )
    assert run(runner, "validate", str(ward)).exit_code == 0
    doc = _json(runner, "--kb", str(ward), "export", "--format", "json")
    gb = next(r for r in doc["regions"] if r["id"] == "GB")
    assert "gb-riverside-trauma" in [line["id"] for line in gb["lines"]]
    assert "Riverside ward desk" in [r["name"] for r in doc["resources"]]


@pytest.mark.slow
def test_a_file_that_extends_itself_is_an_error_not_a_hang(tmp_path: Path) -> None:
    path = _write(tmp_path, "extends: self.yaml\n", "self.yaml")
    ran = subprocess.run(
        [*therapick_exe(), "validate", str(path)], capture_output=True, text=True, timeout=60, check=False
    )
    assert ran.returncode == 1, ran
    assert "self.yaml, line 1: 'extends' goes round in a circle" in ran.stdout


def test_a_circle_of_files_is_an_error(runner: Any, tmp_path: Path) -> None:
    _write(tmp_path, "extends: b.yaml\n", "a.yaml")
    _write(tmp_path, "# b\nextends: a.yaml\n", "b.yaml")
    ran = run(runner, "validate", str(tmp_path / "a.yaml"))
    assert ran.exit_code == 1, ran
    assert "a.yaml, line 1: the file it extends is not valid: " in ran.stdout
    assert "b.yaml, line 2: 'extends' goes round in a circle" in ran.stdout
    ran = run(runner, "--kb", str(tmp_path / "b.yaml"), "hotlines")
    assert ran.exit_code == 3 and "circle" in ran.stderr


def test_a_problem_in_the_file_extended_names_that_file(runner: Any, tmp_path: Path, clinic: Path) -> None:
    clinic.write_text(CLINIC.replace("      hours: 24/7\n", "      hours: 24/7\n      huors: typo\n"), "utf-8")
    ward = _write(tmp_path, "extends: clinic.yaml\n", "ward.yaml")
    ran = run(runner, "validate", str(ward))
    assert ran.exit_code == 1, ran
    assert "ward.yaml, line 1: the file it extends is not valid: " in ran.stdout
    assert f"clinic.yaml, line {_line_of(clinic.read_text('utf-8'), 'huors')}: unknown key 'huors'" in ran.stdout


def test_extends_names_a_missing_file(runner: Any, tmp_path: Path) -> None:
    ran = run(runner, "validate", str(_write(tmp_path, "extends: nowhere.yaml\n")))
    assert ran.exit_code == 1, ran
    assert "nowhere.yaml" in ran.stdout


# --------------------------------------------------------------------------
# Export as YAML: complete, loadable, the same content


def test_export_yaml_loads_back_with_the_same_content(runner: Any, tmp_path: Path) -> None:
    ran = run(runner, "export", "--format", "yaml")
    assert ran.exit_code == 0, ran
    exported = _write(tmp_path, ran.stdout, "kb.yaml")
    assert "extends" not in ran.stdout.split("\n", 2)[1]
    check = run(runner, "--kb", str(exported), "validate")
    assert check.exit_code == 0, check
    assert "valid (" in check.stdout
    bundled = run(runner, "export", "--format", "json").stdout
    assert run(runner, "--kb", str(exported), "export", "--format", "json").stdout == bundled
    assert json.loads(bundled)["regions"]  # not two empty documents


def test_export_yaml_through_stdin(runner: Any) -> None:
    text = run(runner, "export", "--format", "yaml").stdout
    check = run(runner, "--kb", "-", "validate", input=text)
    assert check.exit_code == 0, check
    assert check.stdout.startswith("stdin: valid")
    again = run(runner, "--kb", "-", "export", "--format", "json", input=text)
    assert again.exit_code == 0, again
    assert again.stdout == run(runner, "export", "--format", "json").stdout


@pytest.mark.slow
def test_export_yaml_piped_between_two_processes(tmp_path: Path) -> None:
    exe = therapick_exe()
    exported = subprocess.run([*exe, "export", "--format", "yaml"], capture_output=True, timeout=60, check=True)
    checked = subprocess.run(
        [*exe, "--kb", "-", "validate"], input=exported.stdout, capture_output=True, timeout=60, check=False
    )
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith(b"stdin: valid")


def test_an_extended_knowledge_base_exports_whole(runner: Any, tmp_path: Path, clinic: Path) -> None:
    text = run(runner, "--kb", str(clinic), "export", "--format", "yaml").stdout
    assert "extends:" not in text and "Riverside trauma service" in text
    whole = _write(tmp_path, text, "whole.yaml")
    assert run(runner, "validate", str(whole)).exit_code == 0
    assert (
        run(runner, "--kb", str(whole), "export", "--format", "json").stdout
        == run(runner, "--kb", str(clinic), "export", "--format", "json").stdout
    )


def test_a_replaced_line_may_name_its_own_region_but_no_other(runner: Any, tmp_path: Path) -> None:
    same = CLINIC.replace("    - id: gb-samaritans\n", "    - id: gb-samaritans\n      region: GB\n")
    ran = run(runner, "validate", str(_write(tmp_path, same)))
    assert ran.exit_code == 0, ran
    other = CLINIC.replace("    - id: gb-samaritans\n", "    - id: gb-samaritans\n      region: IE\n")
    ran = run(runner, "validate", str(_write(tmp_path, other)))
    assert ran.exit_code == 1, ran
    line = _line_of(other, "region: IE")
    assert (
        f"line {line}: support line 'gb-samaritans' is in region GB, not in region IE; "
        "a replaced support line stays where it is (remove it and add one to move it)"
    ) in ran.stdout
