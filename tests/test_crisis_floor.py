"""The crisis floor (issue 18): nothing in the configuration stops the crisis lines.

When the knowledge base (missing, unreadable, invalid, half valid), its
translation, a setting (THERAPICK_REGION, THERAPICK_LANG) or an argument
(--region, --lang) cannot be used, `help-now`, `ask --crisis` and the
danger question still show crisis lines: the bundled knowledge base's when
the configured one failed, every region's when the region did, in English
when the language did; then one line on stderr says what was wrong and what
was shown, and the exit code says it. And a clinic's file cannot move the
danger question or give it a default: `validate` says so, and a run refuses
the file, so the floor applies to it too.

Every support-line number here is a literal copied from
/work/shared/facts/helplines.md.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import load_yaml
from therapick.base.errors import KBInvalid
from therapick.kb import loader

from .conftest import KB_PATH, run

# Every region's emergency number and first crisis line (shared/facts/helplines.md).
# The list is a line a region (issue 18: it fits a 24-row terminal), each "Name: emergency; first line".
EMERGENCY = {
    "United States": "911",
    "Canada": "911",
    "United Kingdom": "999",
    "Ireland": "112",
    "Australia": "000",
    "New Zealand": "111",
    "Spain": "112",
}
FIRST_LINE = {
    "US": "988",
    "CA": "988",
    "GB": "116 123",
    "IE": "116 123",
    "AU": "13 11 14",
    "NZ": "1737",
    "ES": "024",
}
GB_LINES = ("call 999", "116 123")  # the UK's emergency number and first crisis line (Samaritans)
GB_LINES_ES = ("999", "116 123")

Make = Callable[[Path], tuple[list[str], dict[str, str]]]  # tmp -> (global options, environment)

# A clinic's file that tries to take a safeguard away: the danger question with a default (Enter = No) ...
WITH_DEFAULT = """\
extends: therapick
replace:
  questions:
    - id: crisis
      kind: confirm
      text: Are you in immediate danger?
      said: you said someone is
      default: false
"""
# ... or moved to the end (removed, then added back).
MOVED_LAST = """\
extends: therapick
remove:
  questions: [crisis]
add:
  questions:
    - id: crisis
      kind: confirm
      text: Are you in immediate danger?
      said: you said someone is
"""
# Half valid: only GB's crisis lines removed (the other regions' lines must not be lost with them).
NO_GB_LINES = """\
extends: therapick
remove:
  lines: [gb-samaritans, gb-shout, gb-nhs-111]
"""


def kb_file(name: str, text: str) -> Make:
    def make(tmp: Path) -> tuple[list[str], dict[str, str]]:
        (tmp / name).write_text(text, encoding="utf-8")
        return ["--kb", str(tmp / name)], {}

    return make


def kb_edit(old: str, new: str) -> Make:
    text = KB_PATH.read_text(encoding="utf-8")
    assert old in text
    return kb_file("kb.yaml", text.replace(old, new, 1))


def missing(tmp: Path) -> tuple[list[str], dict[str, str]]:
    return ["--kb", str(tmp / "nope.yaml")], {}


def missing_env(tmp: Path) -> tuple[list[str], dict[str, str]]:
    return [], {"THERAPICK_KB": str(tmp / "nope.yaml")}


def a_folder(tmp: Path) -> tuple[list[str], dict[str, str]]:
    return ["--kb", str(tmp)], {}


def dev_zero(tmp: Path) -> tuple[list[str], dict[str, str]]:
    return ["--kb", "/dev/zero"], {}


def broken_translation(text: str) -> Make:
    """A clinic's copy of the knowledge base (valid), with a Spanish companion that cannot be used."""

    def make(tmp: Path) -> tuple[list[str], dict[str, str]]:
        shutil.copy(KB_PATH, tmp / "clinic.yaml")
        (tmp / "clinic.es.yaml").write_text(text + "\n", encoding="utf-8")
        return ["--lang", "es", "--kb", str(tmp / "clinic.yaml")], {}

    return make


def env(**values: str) -> Make:
    def make(tmp: Path) -> tuple[list[str], dict[str, str]]:
        return [], dict(values)

    return make


def options(*args: str) -> Make:
    def make(tmp: Path) -> tuple[list[str], dict[str, str]]:
        return list(args), {}

    return make


# name -> (how to make it, exit code, words of the one line on stderr)
KB_FAILURES: dict[str, tuple[Make, int, str]] = {
    "missing --kb": (missing, 3, "nope.yaml: no such file"),
    "missing THERAPICK_KB": (missing_env, 3, "nope.yaml: no such file"),
    "a folder": (a_folder, 3, "is a folder"),
    "/dev/zero": (dev_zero, 3, "is not a regular file"),
    "invalid structure": (kb_file("kb.yaml", "- a\n- b\n"), 3, "must be a mapping"),
    "invalid reference": (
        kb_edit("    category: systemic\n", "    category: systemc\n"),
        3,
        "unknown category 'systemc'",
    ),
    "half valid (GB's lines removed)": (kb_file("clinic.yaml", NO_GB_LINES), 3, "region GB has no crisis line"),
    "danger question with a default": (kb_file("clinic.yaml", WITH_DEFAULT), 3, "must have no default"),
    "danger question moved last": (kb_file("clinic.yaml", MOVED_LAST), 3, "must be the first question"),
    "translation: texts is a list": (
        broken_translation("language: es\ntexts: [1, 2]"),
        3,
        "'texts' maps each English text to its translation",
    ),
    "translation: not a mapping": (broken_translation("- a"), 3, "a translation file is a mapping with 'texts'"),
    "translation: aliases of the wrong form": (
        broken_translation("language: es\naliases: {cbt: 5}"),
        3,
        "'aliases' maps an intervention id to a list of names",
    ),
    "translation: not YAML": (broken_translation("language: es\ntexts: [a"), 3, "not valid YAML"),
}
LANG_FAILURES: dict[str, tuple[Make, int, str]] = {
    "THERAPICK_LANG=fr": (env(THERAPICK_LANG="fr"), 2, "THERAPICK_LANG: no language 'fr'"),
    "--lang fr": (options("--lang", "fr"), 2, "--lang: no language 'fr'"),
}
REGION_FAILURES: dict[str, tuple[Make, int, str]] = {
    "THERAPICK_REGION=Narnia": (env(THERAPICK_REGION="Narnia"), 2, "THERAPICK_REGION: no region 'Narnia'"),
    "THERAPICK_REGION=X1": (env(THERAPICK_REGION="X1"), 2, "THERAPICK_REGION: no region 'X1'"),
}
REGION_ARGS = {"Narnia": "--region: no region 'Narnia'", "X1": "--region: no region 'X1'", "": "--region: no region ''"}

BUNDLED_INSTEAD = "the bundled crisis lines are shown instead"
EVERY_REGION = "every region's emergency number and first crisis line are shown"


def made(make: Make, tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    args, environ = make(tmp)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return args


def one_error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith("therapick: error: "), lines[0]
    return lines[0]


def assert_every_region(text: str) -> None:
    """What holds everywhere: every region's emergency number and first crisis line, and never zero lines."""
    flat = " ".join(text.split())
    for name, number in EMERGENCY.items():
        assert f"{name}: {number}" in flat, name
    for rid, line in FIRST_LINE.items():
        assert line in text, rid
    assert "findahelpline.com" in text
    assert "call 911" not in text  # no country assumed


COMMANDS = {"help-now": ["help-now"], "ask --crisis": ["ask", "--crisis"]}


# --------------------------------------------------------------------------
# help-now and ask --crisis: the lines, then the one line, then the exit code


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("failure", list(KB_FAILURES))
def test_a_knowledge_base_that_cannot_be_used_gives_the_bundled_lines(
    failure: str, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: Any
) -> None:
    make, code, words = KB_FAILURES[failure]
    args = made(make, tmp_path, monkeypatch)
    ran = run(runner, *args, *COMMANDS[command], "--region", "GB")
    assert ran.exit_code == code, ran
    for must in GB_LINES_ES if "--lang" in args else GB_LINES:
        assert must in ran.stdout, (must, ran.stdout[:300])
    line = one_error_line(ran.stderr)
    assert words in line
    instead = "en su lugar se muestran las líneas de crisis que trae therapick" if "--lang" in args else BUNDLED_INSTEAD
    assert line.endswith(instead), line
    assert "Traceback" not in ran.output


@pytest.mark.parametrize("command", list(COMMANDS))
def test_half_valid_keeps_every_other_region(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: Any
) -> None:
    """A file that only removes GB's lines loses no region: with the region unknown, all five show."""
    args = made(kb_file("clinic.yaml", NO_GB_LINES), tmp_path, monkeypatch)
    ran = run(runner, *args, *COMMANDS[command])
    assert ran.exit_code == 3, ran
    assert_every_region(ran.stdout)


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("failure", list(LANG_FAILURES))
def test_a_language_that_cannot_be_used_gives_the_lines_in_english(
    failure: str, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: Any
) -> None:
    make, code, words = LANG_FAILURES[failure]
    ran = run(runner, *made(make, tmp_path, monkeypatch), *COMMANDS[command], "--region", "GB")
    assert ran.exit_code == code, ran
    for must in GB_LINES:
        assert must in ran.stdout
    assert "Get help now" in ran.stdout  # in English
    line = one_error_line(ran.stderr)
    assert words in line and line.endswith("shown in English"), line


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("failure", list(REGION_FAILURES))
def test_a_region_setting_that_cannot_be_used_gives_every_region(
    failure: str, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: Any
) -> None:
    make, code, words = REGION_FAILURES[failure]
    ran = run(runner, *made(make, tmp_path, monkeypatch), *COMMANDS[command])
    assert ran.exit_code == code, ran
    assert_every_region(ran.stdout)
    line = one_error_line(ran.stderr)
    assert words in line and line.endswith(EVERY_REGION), line


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("value", list(REGION_ARGS))
def test_a_region_argument_that_cannot_be_used_gives_every_region(command: str, value: str, runner: Any) -> None:
    ran = run(runner, *COMMANDS[command], "--region", value)
    assert ran.exit_code == 2, ran
    assert_every_region(ran.stdout)
    line = one_error_line(ran.stderr)
    assert REGION_ARGS[value] in line and line.endswith(EVERY_REGION), line
    assert "did you mean" not in line  # nothing is close to these


@pytest.mark.parametrize(("typed", "close"), [("gbr", "GB"), ("Untied States", "US"), ("Austraila", "AU")])
def test_a_region_close_to_one_says_which(typed: str, close: str, runner: Any) -> None:
    ran = run(runner, "help-now", "--region", typed)
    assert ran.exit_code == 2
    assert_every_region(ran.stdout)
    assert f"(did you mean {close}?)" in one_error_line(ran.stderr)


def test_the_region_argument_wins_over_a_setting_that_cannot_be_used(
    monkeypatch: pytest.MonkeyPatch, runner: Any
) -> None:
    monkeypatch.setenv("THERAPICK_REGION", "Narnia")
    ran = run(runner, "help-now", "--region", "AU")
    assert ran.exit_code == 0 and ran.stderr == "", ran
    assert "call 000" in ran.stdout and "13 11 14" in ran.stdout


def test_several_failures_each_say_their_line_and_the_worst_code_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: Any
) -> None:
    monkeypatch.setenv("THERAPICK_LANG", "fr")
    ran = run(runner, "--kb", str(tmp_path / "nope.yaml"), "help-now", "--region", "Narnia")
    assert ran.exit_code == 3, ran
    assert_every_region(ran.stdout)
    lines = ran.stderr.splitlines()
    assert len(lines) == 3, lines
    assert "THERAPICK_LANG" in lines[0] and "no such file" in lines[1] and "no region 'Narnia'" in lines[2]


def test_ask_crisis_with_an_answer_that_cannot_be_used_still_gives_the_region_lines(runner: Any) -> None:
    ran = run(runner, "ask", "--crisis", "--who", "grandpa", "--region", "IE")
    assert ran.exit_code == 2, ran
    assert "call 112" in ran.stdout and "116 123" in ran.stdout
    line = one_error_line(ran.stderr)
    assert "'grandpa'" in line and line.endswith("only the crisis lines are shown")


def test_ask_crisis_with_a_save_path_that_cannot_be_used_still_gives_the_lines(tmp_path: Path, runner: Any) -> None:
    ran = run(runner, "ask", "--crisis", "--region", "AU", "--save", str(tmp_path / "no" / "r.md"))
    assert ran.exit_code == 4, ran
    assert "call 000" in ran.stdout and "13 11 14" in ran.stdout
    assert "does not exist" in one_error_line(ran.stderr)
    assert list(tmp_path.iterdir()) == []


def test_ask_crisis_in_spanish_with_a_broken_knowledge_base_uses_the_bundled_spanish(
    tmp_path: Path, runner: Any
) -> None:
    ran = run(runner, "--lang", "es", "--kb", str(tmp_path / "nope.yaml"), "ask", "--crisis", "--region", "US")
    assert ran.exit_code == 3, ran
    assert "Busca ayuda ahora" in ran.stdout and "988" in ran.stdout
    assert one_error_line(ran.stderr).endswith("en su lugar se muestran las líneas de crisis que trae therapick")


# --------------------------------------------------------------------------
# Everything else fails as before: at once, one line, nothing shown


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["show", "cbt"], 2, "THERAPICK_LANG: no language 'fr'; the languages are: en, es"),
        (["ask", "--who", "adult", "--concern", "trauma"], 2, "THERAPICK_LANG: no language 'fr'"),
        (["hotlines"], 2, "THERAPICK_LANG"),
    ],
)
def test_other_commands_with_a_bad_language_stop_at_once(
    args: list[str], code: int, words: str, monkeypatch: pytest.MonkeyPatch, runner: Any
) -> None:
    """THERAPICK_LANG is named as THERAPICK_LANG (it was blamed on --lang)."""
    monkeypatch.setenv("THERAPICK_LANG", "fr")
    ran = run(runner, *args)
    assert ran.exit_code == code and ran.stdout == "", ran
    line = one_error_line(ran.stderr)
    assert line.endswith(words) or words in line
    assert "--lang" not in line


def test_ask_without_crisis_and_a_broken_knowledge_base_stops_at_once(tmp_path: Path, runner: Any) -> None:
    ran = run(runner, "--kb", str(tmp_path / "nope.yaml"), "ask", "--who", "adult", "--concern", "trauma")
    assert ran.exit_code == 3 and ran.stdout == "", ran
    assert one_error_line(ran.stderr).endswith("no such file")


def test_the_floor_is_loaded_only_when_the_knowledge_base_failed(monkeypatch: pytest.MonkeyPatch, runner: Any) -> None:
    def refuse(lang: str = "en") -> None:
        raise AssertionError("the bundled fallback was loaded, but nothing failed")

    monkeypatch.setattr(loader, "fallback", refuse)
    ran = run(runner, "help-now", "--region", "GB")
    assert ran.exit_code == 0 and "116 123" in ran.stdout, ran
    ran = run(runner, "help-now", "--region", "Narnia")  # a region failure needs no other knowledge base
    assert ran.exit_code == 2 and "United Kingdom: 999" in ran.stdout, ran


def test_a_bug_in_loading_the_configured_file_still_gives_the_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: Any
) -> None:
    """Even an internal error (exit 70) reading a clinic's file comes after the bundled lines."""
    real = loader.load

    def broken(path: Any = None, lang: str = "en") -> Any:
        if path is not None and Path(path).name == "clinic.yaml":  # the clinic's file, not the bundled one
            raise RuntimeError("boom")
        return real(path, lang)

    monkeypatch.setattr(loader, "load", broken)
    shutil.copy(KB_PATH, tmp_path / "clinic.yaml")
    ran = run(runner, "--kb", str(tmp_path / "clinic.yaml"), "help-now", "--region", "GB")
    assert ran.exit_code == 70, ran
    assert "116 123" in ran.stdout
    line = one_error_line(ran.stderr)
    assert "internal error: RuntimeError: boom" in line and line.endswith(BUNDLED_INSTEAD)


# --------------------------------------------------------------------------
# A translation file of any broken shape: one clear line, exit 3 (it was exit 70)


@pytest.mark.parametrize(
    "text",
    [
        "texts: [1, 2]",
        "texts: {Cognitive behavioral therapy: 5}",
        "texts: 5",
        "aliases: [cbt]",
        "aliases: {cbt: terapia}",
        "help_in_language: [1]",
        "help_in_language: {us-988: [a]}",
        "- a",
        "5",
    ],
)
def test_a_broken_translation_is_refused_in_one_line(text: str, tmp_path: Path, runner: Any) -> None:
    shutil.copy(KB_PATH, tmp_path / "clinic.yaml")
    (tmp_path / "clinic.es.yaml").write_text(text + "\n", encoding="utf-8")
    ran = run(runner, "--lang", "es", "--kb", str(tmp_path / "clinic.yaml"), "list")
    assert ran.exit_code == 3, ran
    assert "clinic.es.yaml" in one_error_line(ran.stderr)
    verdict = run(runner, "validate", str(tmp_path / "clinic.yaml"))  # validate refuses what a run refuses
    assert verdict.exit_code == 1, verdict
    assert "clinic.es.yaml" in verdict.stdout and "not valid" in verdict.stdout


def test_translated_raises_the_problem_with_its_line(tmp_path: Path) -> None:
    shutil.copy(KB_PATH, tmp_path / "clinic.yaml")
    (tmp_path / "clinic.es.yaml").write_text("language: es\ntexts: [1, 2]\n", encoding="utf-8")
    with pytest.raises(KBInvalid) as caught:
        loader.load(tmp_path / "clinic.yaml", "es")
    assert "clinic.es.yaml" in caught.value.message
    assert [(p.line, p.path) for p in caught.value.problems] == [(2, "$.texts")]


# --------------------------------------------------------------------------
# Safeguards are not a clinic's to remove: validate names the rule


def _full_kb_with_danger_second() -> str:
    """A whole knowledge base (no extends) with the danger question after 'who'."""
    import yaml

    data = load_yaml(KB_PATH.read_text(encoding="utf-8"))
    qs = data["questionnaire"]["questions"]
    qs[0], qs[1] = qs[1], qs[0]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize(
    ("name", "text", "words", "line", "path"),
    [
        (
            "default",
            WITH_DEFAULT,
            "must have no default, so that Enter alone never answers it",
            8,
            "$.replace.questions[0].default",
        ),
        ("last", MOVED_LAST, "must be the first question, not question 9", 6, "$.add.questions[0]"),
    ],
)
def test_validate_refuses_a_file_that_moves_the_danger_question_or_gives_it_a_default(
    name: str, text: str, words: str, line: int, path: str, strict: bool, tmp_path: Path, runner: Any
) -> None:
    clinic = tmp_path / f"{name}.yaml"
    clinic.write_text(text, encoding="utf-8")
    ran = run(runner, "validate", *(["--strict"] if strict else []), str(clinic))
    assert ran.exit_code == 1, ran
    first = ran.stdout.splitlines()[0]
    rule = f"the danger question 'crisis' {words} (a safeguard no knowledge base can change)"
    assert first == f"{clinic}, line {line}: {rule} at {path}"
    assert ran.stdout.splitlines()[-1] == f"{clinic}: not valid (1 problem)"


def test_validate_json_names_the_rule(tmp_path: Path, runner: Any) -> None:
    import json

    clinic = tmp_path / "clinic.yaml"
    clinic.write_text(WITH_DEFAULT, encoding="utf-8")
    doc = json.loads(run(runner, "validate", "--json", str(clinic)).stdout)
    assert doc["valid"] is False
    assert [p["path"] for p in doc["problems"]] == ["$.replace.questions[0].default"]
    assert "a safeguard no knowledge base can change" in doc["problems"][0]["message"]


def test_validate_refuses_a_whole_file_with_the_danger_question_second(tmp_path: Path, runner: Any) -> None:
    kb = tmp_path / "kb.yaml"
    kb.write_text(_full_kb_with_danger_second(), encoding="utf-8")
    ran = run(runner, "validate", str(kb))
    assert ran.exit_code == 1, ran
    assert "the danger question 'crisis' must be the first question, not question 2" in ran.stdout
    assert "at $.questionnaire.questions[1]" in ran.stdout


def test_rewording_the_danger_question_is_allowed(tmp_path: Path, runner: Any) -> None:
    """The rule is about place and default: a clinic may still say it in its own words."""
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text(WITH_DEFAULT.replace("      default: false\n", ""), encoding="utf-8")
    ran = run(runner, "validate", str(clinic))
    assert ran.exit_code == 0, ran
    ran = run(runner, "--kb", str(clinic), "help-now", "--region", "GB")
    assert ran.exit_code == 0 and "116 123" in ran.stdout


# --------------------------------------------------------------------------
# The danger question in a real terminal (pexpect, as tests/test_crisis_path.py)

DANGER = "First, are you or the person you are asking for in immediate danger"
DANGER_ES = "Primero: ¿tú o la persona por la que preguntas están en peligro inmediato"
REGION_Q = "Where are you?"
IN_GB = {"THERAPICK_REGION": "GB", "LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
NO_REGION = {"THERAPICK_REGION": "", "LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}

# What could not be used, for the questionnaire: how to start it (arguments, environment), and the
# words of its line. The knowledge base's failures stop after the danger question (exit 3).
PTY_KB_FAILURES = [
    "missing --kb",
    "missing THERAPICK_KB",
    "invalid structure",
    "invalid reference",
    "half valid (GB's lines removed)",
    "danger question with a default",
    "danger question moved last",
    "translation: texts is a list",
]


def _after(text: str, marker: str) -> str:
    return text[text.index(marker) :]


@pytest.mark.slow
@pytest.mark.parametrize("failure", PTY_KB_FAILURES)
def test_the_danger_question_runs_on_the_bundled_lines(failure: str, tmp_path: Path) -> None:
    from tests.test_pty import expect_prompt, finish, spawn, type_words

    make, code, words = KB_FAILURES[failure]
    args, environ = make(tmp_path)
    spanish = "--lang" in args
    child = spawn(100, *args, cwd=tmp_path, **IN_GB, **environ)
    expect_prompt(child, DANGER_ES if spanish else DANGER)
    type_words(child, "si" if spanish else "yes")
    child.expect("Busca ayuda ahora" if spanish else "Get help now")
    out = finish(child)
    assert child.exitstatus == code, out[-500:]
    panel = _after(out, "Busca ayuda ahora" if spanish else "Get help now")
    for must in GB_LINES_ES if spanish else GB_LINES:
        assert must in panel, must
    # After the lines: the one line that says what was wrong, and nothing else is asked.
    said = panel[panel.index("116 123") :]
    assert "therapick: error: " in said and words in said
    assert ("trae therapick" if spanish else "the danger question was asked with the bundled crisis lines") in said
    assert "Who is the support for" not in out and "keep going" not in out


@pytest.mark.slow
def test_no_at_the_danger_question_then_the_error(tmp_path: Path) -> None:
    from tests.test_pty import expect_prompt, finish, spawn, type_words

    child = spawn(100, "--kb", str(tmp_path / "nope.yaml"), cwd=tmp_path, **IN_GB)
    expect_prompt(child, DANGER)
    type_words(child, "no")
    out = finish(child)
    assert child.exitstatus == 3
    assert "nope.yaml: no such file" in _after(out, DANGER)
    assert "Who is the support for" not in out and "Get help now" not in out


@pytest.mark.slow
@pytest.mark.parametrize("failure", list(LANG_FAILURES))
def test_a_bad_language_is_a_warning_and_the_questionnaire_goes_on_in_english(failure: str, tmp_path: Path) -> None:
    from tests.test_pty import ENTER, KEEP_GOING, expect_prompt, finish, press, spawn, transcript, type_words

    make, _, words = LANG_FAILURES[failure]
    args, environ = make(tmp_path)
    child = spawn(100, *args, cwd=tmp_path, **IN_GB, **environ)
    expect_prompt(child, DANGER)
    before = transcript(child)
    assert f"therapick: warning: {words}" in before and "going on in English" in before
    type_words(child, "yes")
    child.expect("Get help now")
    child.expect(KEEP_GOING)
    panel = _after(transcript(child), "Get help now")
    for must in GB_LINES:
        assert must in panel
    press(child, ENTER)  # No: the lines stay the last thing on the screen
    out = finish(child)
    assert child.exitstatus == 0, out[-300:]
    assert out.count("therapick: warning:") == 1


REGION_PTY = {
    "THERAPICK_REGION=Narnia": ([], {"THERAPICK_REGION": "Narnia"}, "THERAPICK_REGION: no region 'Narnia'"),
    "--region Narnia": (["ask", "--region", "Narnia"], {}, "--region: no region 'Narnia'"),
    "--region ''": (["ask", "--region", ""], {}, "--region: no region ''"),
}


@pytest.mark.slow
@pytest.mark.parametrize("failure", list(REGION_PTY))
def test_a_bad_region_shows_every_region_then_asks_where(failure: str, tmp_path: Path) -> None:
    from tests.test_pty import (
        ENTER,
        KEEP_GOING,
        expect_prompt,
        finish,
        pick_region,
        press,
        spawn,
        transcript,
        type_words,
    )

    args, environ, words = REGION_PTY[failure]
    child = spawn(100, *args, cwd=tmp_path, **{**NO_REGION, **environ, "LANG": "en_GB.UTF-8"})
    expect_prompt(child, DANGER)
    before = transcript(child)
    assert f"therapick: warning: {words}" in before and "where you are is asked instead" in before
    type_words(child, "yes")
    child.expect("Get help now")
    expect_prompt(child, REGION_Q)
    first = _after(transcript(child), "Get help now")
    assert_every_region(first[: first.index(f"? {REGION_Q}")])  # not the locale's GB: not known
    pick_region(child, "AU")  # from "Not sure / somewhere else", where the question starts
    child.expect(KEEP_GOING)
    second = _after(transcript(child).split(f"? {REGION_Q}")[-1], "Get help now")
    assert "call 000" in second and "13 11 14" in second
    press(child, ENTER)
    out = finish(child)
    assert child.exitstatus == 0, out[-300:]


def test_a_bad_language_is_said_in_english_whatever_the_language_was(runner: Any) -> None:
    """Under a Spanish locale, `--lang fr` is said in English, as the lines that follow are."""
    from therapick.base import i18n

    i18n.set_language("es")
    ran = run(runner, "--lang", "fr", "help-now", "--region", "GB")
    assert ran.exit_code == 2
    assert one_error_line(ran.stderr).endswith("--lang: no language 'fr'; the languages are: en, es; shown in English")
    assert "Get help now" in ran.stdout


@pytest.mark.slow
def test_an_answer_that_cannot_be_used_comes_after_the_danger_question(tmp_path: Path) -> None:
    from tests.test_pty import expect_prompt, finish, spawn, type_words

    child = spawn(100, "ask", "--who", "grandpa", cwd=tmp_path, **IN_GB)
    expect_prompt(child, DANGER)
    type_words(child, "yes")
    child.expect("Get help now")
    out = finish(child)
    assert child.exitstatus == 2
    panel = _after(out, "Get help now")
    assert "call 999" in panel and "116 123" in panel
    assert "therapick: error: --who: 'who' has no option 'grandpa'" in panel[panel.index("116 123") :]
    assert "Who is the support for" not in out
