"""Hardening, fourth round: what a hostile tester found, each fixed by its mechanism, in-process.

The crisis floor under a usage error (help-now, ask --crisis), settings with hidden characters,
answers that contradict each other, messages that name a path or a value, choices in any case.
The terminal and process cases are in tests/test_hostile_four_pty.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run
from therapick.cli import app as cli

# Literals from the checked facts (shared/facts/helplines.md): the UK's emergency number and first
# crisis line; the US's; and every region's first line as the all-regions list shows it.
GB = ("call 999", "116 123")
US = ("call 911", "988")
EVERY_REGION = ("United States: 911", "United Kingdom: 999", "Australia: 000", "New Zealand: 111", "Spain: 112")


def one_line(stderr: str) -> str:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith("therapick: ")
    return lines[0]


# --------------------------------------------------------------------------
# 2. A usage error on help-now or ask --crisis: the lines first


USAGE_ERRORS = [
    (["help-now", "--bogus"], EVERY_REGION, "No such option: --bogus"),
    (["help-now", "--region"], EVERY_REGION, "requires an argument"),
    (["help-now", "GB", "US"], GB, "unexpected extra argument"),
    (["help-now", "--region", "GB", "--country"], GB, "requires an argument"),
    (["help-now", "-r", "GB", "--json", "--bogus"], GB, "No such option"),
    (["--bogus", "help-now", "--region", "GB"], GB, "No such option: --bogus"),
    (["ask", "--crisis", "--top", "0"], EVERY_REGION, "0 is not in the range"),
    (["ask", "--crisis", "--who"], EVERY_REGION, "requires an argument"),
    (["ask", "--region", "GB", "--crisis", "--bogus"], GB, "No such option"),
    (["ask", "--crisis", "--region=GB", "--top", "x"], GB, "is not a valid int range"),
    (["ask", "--answer", "crisis=yes", "--top", "0"], EVERY_REGION, "0 is not in the range"),
    (["ask", "--crisis", "--save", "-", "--json"], EVERY_REGION, "--save - writes the report"),
]


@pytest.mark.parametrize(("args", "lines", "says"), USAGE_ERRORS, ids=[" ".join(a) for a, _, _ in USAGE_ERRORS])
def test_a_usage_error_on_a_floor_command_shows_the_lines_first(
    args: list[str], lines: tuple[str, ...], says: str, runner: Any
) -> None:
    r = run(runner, *args)
    assert r.exit_code == 2, r
    line = one_line(r.stderr)
    assert says in line
    assert line.endswith("the crisis lines are shown all the same")
    if "--json" in args:
        doc = json.loads(r.stdout)
        assert doc["error"]["exit_code"] == 2
        assert doc["crisis"]["overview"] or doc["crisis"]["crisis_lines"]
        return
    for words in lines:
        assert words in r.stdout, (words, r.stdout[:300])


@pytest.mark.parametrize(
    "args", [["help-now", "--bogus", "--json"], ["ask", "--crisis", "--top", "0", "--json", "--region", "GB"]]
)
def test_with_json_the_usage_error_carries_the_lines(args: list[str], runner: Any) -> None:
    r = run(runner, *args)
    assert r.exit_code == 2
    doc = json.loads(r.stdout)
    assert set(doc) == {"schema_version", "error", "crisis"}
    assert doc["error"]["message"].endswith("the crisis lines are shown all the same")
    shown = json.dumps(doc["crisis"])
    assert "116 123" in shown if "GB" in args else "988" in shown


def test_other_commands_show_no_lines_on_a_usage_error(runner: Any) -> None:
    for args in (["show", "cbt", "--bogus"], ["hotlines", "--region"], ["ask", "--top", "0"], ["list", "x"]):
        r = run(runner, *args)
        assert r.exit_code == 2, args
        assert r.stdout == ""
        assert "shown all the same" not in one_line(r.stderr)


def test_help_now_takes_where_you_are_as_an_argument(runner: Any) -> None:
    r = run(runner, "help-now", "GB")
    assert (r.exit_code, r.stderr) == (0, "")
    assert all(w in r.stdout for w in GB)
    assert run(runner, "help-now", "gb").stdout == r.stdout
    assert run(runner, "help-now", "GB", "--region", "GB").stdout == r.stdout


def test_where_you_are_twice_is_refused_after_the_lines_of_the_option(runner: Any) -> None:
    r = run(runner, "help-now", "GB", "--region", "US")
    assert r.exit_code == 2
    assert "given twice, as 'GB' and as --region 'US'" in one_line(r.stderr)
    assert all(w in r.stdout for w in US)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["help-now", "--lang", "es", "--region", "ES"], "llama ahora al 112"),
        (["help-now", "--region", "US", "--plain"], "call 911"),
        (["--lang", "es", "help-now", "--lang", "en", "--region", "GB"], "call 999"),
    ],
)
def test_help_now_takes_the_root_options_after_it(args: list[str], says: str, runner: Any) -> None:
    r = run(runner, *args)
    assert (r.exit_code, r.stderr) == (0, "")
    assert says in r.stdout


def test_help_now_kb_after_the_command_is_the_knowledge_base(tmp_path: Path, runner: Any) -> None:
    r = run(runner, "help-now", "--kb", str(tmp_path / "nope.yaml"), "--region", "GB")
    assert r.exit_code == 3
    assert "nope.yaml: no such file; the bundled crisis lines are shown instead" in one_line(r.stderr)
    assert all(w in r.stdout for w in GB)


def test_help_now_lang_after_the_command_that_names_none_is_english_with_a_line(runner: Any) -> None:
    r = run(runner, "help-now", "--lang", "fr", "--region", "GB")
    assert r.exit_code == 2
    assert "--lang: no language 'fr'" in one_line(r.stderr)
    assert all(w in r.stdout for w in GB)


def test_the_lines_are_not_shown_twice(tmp_path: Path, runner: Any) -> None:
    """A failure after the lines were shown (here: the --save path, said after them) does not repeat them."""
    r = run(runner, "ask", "--crisis", "--region", "GB", "--save", str(tmp_path / "no" / "r.md"))
    assert r.exit_code == 4
    assert r.stdout.count("116 123") == 1
    assert "shown all the same" not in one_line(r.stderr)


def test_cancelled_while_reading_the_knowledge_base_still_shows_the_lines(
    monkeypatch: pytest.MonkeyPatch, runner: Any
) -> None:
    """Ctrl-C while a piped knowledge base is read (a pipe that never ends): the bundled lines, then
    the usual line and 130."""
    from therapick.kb import source

    def interrupted(*args: object) -> bytes:
        raise KeyboardInterrupt

    monkeypatch.setattr(source, "_read_stdin", interrupted)
    r = run(runner, "--kb", "-", "help-now", "--region", "GB")
    assert r.exit_code == 130
    assert one_line(r.stderr) == "therapick: cancelled; nothing was saved."
    assert all(w in r.stdout for w in GB)


def test_a_bug_before_the_lines_still_shows_them(monkeypatch: pytest.MonkeyPatch, runner: Any) -> None:
    from therapick.advice import crisis

    real = crisis.help_now
    calls = []

    def broken(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("boom")
        return real(*args, **kwargs)

    monkeypatch.setattr(crisis, "help_now", broken)
    r = run(runner, "help-now", "--region", "GB")
    assert r.exit_code == 70
    assert "internal error: RuntimeError: boom" in one_line(r.stderr)
    assert all(w in r.stdout for w in GB)


@pytest.mark.parametrize(
    ("args", "promises"),
    [
        (["help-now"], True),
        (["--kb", "x.yaml", "--lang", "es", "help-now", "GB"], True),
        (["--kb", "help-now", "list"], False),  # --kb takes the word after it
        (["ask", "--crisis"], True),
        (["ask", "--answer", "crisis=sí"], True),
        (["ask", "--answer=crisis=yes"], True),
        (["ask", "--answer", "crisis=no"], False),
        (["ask", "--", "--crisis"], False),
        (["ask", "--who", "adult"], False),
        (["show", "--crisis"], False),
        ([], False),
    ],
)
def test_which_command_lines_promise_the_lines(args: list[str], promises: bool) -> None:
    assert cli.promises_lines(args) is promises


# --------------------------------------------------------------------------
# 3. A burst holding Ctrl-C or Ctrl-D is the key, not a paste


@pytest.mark.parametrize("stop", ["c-c", "c-d"])
@pytest.mark.parametrize("before", [["escape"], ["y", "e", "s"], []])
def test_a_burst_holding_ctrl_c_or_ctrl_d_is_that_key(stop: str, before: list[str]) -> None:
    from prompt_toolkit.key_binding.key_processor import KeyPress
    from prompt_toolkit.keys import Keys

    from therapick.cli import prompts

    key = Keys.ControlC if stop == "c-c" else Keys.ControlD
    keys = [KeyPress(Keys.Escape if k == "escape" else k, k) for k in before] + [KeyPress(key, "")]
    keys += [KeyPress("n", "n")]
    assert [k.key for k in prompts.pastes(keys, now=1e9)] == [key]
    # within the paste window of an earlier burst, alone too
    prompts._last_burst[0] = 1e9
    assert [k.key for k in prompts.pastes([KeyPress(key, "")], now=1e9 + 0.01)] == [key]
    # and a burst without it is still one paste
    assert [k.key for k in prompts.pastes([KeyPress("y", "y"), KeyPress("s", "s")], now=1e9)] == [Keys.BracketedPaste]


# --------------------------------------------------------------------------
# 4. show of a therapy it does not describe: exit 1 and one line, as any name not found


@pytest.mark.parametrize("name", ["emdr", "EMDR", "schema therapy", "pcti", "zzzz"])
def test_show_of_a_name_not_here_exits_1_with_one_line(name: str, runner: Any) -> None:
    r = run(runner, "show", name)
    assert r.exit_code == 1
    line = one_line(r.stderr)
    assert "not one of the 11 approaches" in line or "no intervention called" in line
    shown = run(runner, "show", name, "--json")
    assert (shown.exit_code, one_line(shown.stderr)) == (1, line)
    assert json.loads(shown.stdout)["error"]["message"] == line.removeprefix("therapick: error: ")


# --------------------------------------------------------------------------
# 5. Every surface carries the disclaimer


SURFACES = [
    ["help-now"],
    ["show", "cbt"],
    ["show", "emdr"],
    ["list"],
    ["hotlines"],
    ["practice"],
    ["practice", "grounding"],
    ["practice", "breathing"],
    ["--plain", "practice", "thought-record"],
    ["export"],
    ["ask", "--who", "adult", "--concern", "trauma"],
    ["ask", "--crisis"],
    ["screen", "phq9", "--scores", "0,0,0,0,0,0,0,0,0"],
]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("args", SURFACES, ids=[" ".join(a) for a in SURFACES])
def test_every_surface_carries_the_disclaimer(args: list[str], lang: str, runner: Any, kb: Any) -> None:
    from therapick.kb import loader

    words = kb.disclaimer if lang == "en" else loader.bundled("es").disclaimer
    r = run(runner, "--lang", lang, *args)
    assert r.exit_code in (0, 1), r
    said = " ".join(r.stdout.split())
    # the short line, or (the results, the export) the full disclaimer
    assert " ".join(words.short.split()) in said or " ".join(words.full.split()[:12]) in said


# --------------------------------------------------------------------------
# 6, 7. A setting or an argument with a hidden character is refused alike; blanks alike

HIDDEN = ["\x1b[2J", "\u202e", "\u200b", "\n", "\u3164"]


@pytest.mark.parametrize("ch", HIDDEN, ids=["esc", "rlo", "zwsp", "newline", "hangul-filler"])
@pytest.mark.parametrize(
    ("where", "value"),
    [
        ("THERAPICK_LANG", "es{}"),
        ("--lang", "{}es"),
        ("THERAPICK_REGION", "GB{}"),
        ("--region", "{}BG"),
        ("--country", "{}FR"),
        ("help-now", "G{}B"),  # the argument
    ],
)
def test_a_hidden_character_in_a_setting_is_refused_with_the_lines(
    where: str, value: str, ch: str, runner: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    value = value.format(ch)
    args = ["help-now"]
    if where.startswith("THERAPICK_"):
        monkeypatch.setenv(where, value)
    elif where == "--lang":
        args = ["--lang", value, "help-now"]
    elif where == "help-now":
        args = ["help-now", value]
    else:
        args = ["help-now", where, value]
    if where.endswith("LANG") or where == "--lang":
        args += ["--region", "GB"]
    r = run(runner, *args)
    assert r.exit_code == 2, r
    line = one_line(r.stderr)
    assert "control and invisible characters are not allowed" in line
    assert ch not in line
    shown = GB if where.endswith("LANG") or where == "--lang" else EVERY_REGION
    assert all(w in r.stdout for w in shown)  # English, and for a region: every region's
    assert "Bulgaria" not in r.stdout and "France" not in r.stdout


@pytest.mark.parametrize("args", [["--region", "\u202eGB"], ["--country", "\u202eFR"], ["--answer", "region=G\u200bB"]])
def test_ask_refuses_a_hidden_character_in_where_you_are(args: list[str], runner: Any) -> None:
    r = run(runner, "ask", "--who", "adult", "--concern", "trauma", *args)
    assert r.exit_code == 2
    assert "control and invisible characters are not allowed" in one_line(r.stderr)
    assert r.stdout == ""


def test_another_command_with_a_hidden_language_stops_at_once(runner: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THERAPICK_LANG", "es\x1b[2J")
    r = run(runner, "list")
    assert r.exit_code == 2 and r.stdout == ""
    assert "THERAPICK_LANG: 'es\\x1b[2J' holds U+001B (ESCAPE)" in one_line(r.stderr)


@pytest.mark.parametrize(
    "command", [["help-now"], ["ask", "--crisis"], ["ask", "--who", "adult", "--concern", "trauma"]]
)
def test_a_blank_country_is_refused_as_an_empty_one(command: list[str], runner: Any) -> None:
    empty, blanks = run(runner, *command, "--country", ""), run(runner, *command, "--country", "  ")
    assert empty.exit_code == blanks.exit_code == 2
    assert one_line(empty.stderr) == one_line(blanks.stderr)
    assert "takes the name or two-letter code of a country" in one_line(empty.stderr)
    assert empty.stdout == blanks.stdout


# --------------------------------------------------------------------------
# 8. A screen answered twice, differently: refused; with risk in either, the lines first

NINTH = "0,0,0,0,0,0,0,0,1"  # the PHQ-9's ninth question above "not at all"
NONE = "0,0,0,0,0,0,0,0,0"
ASK_ANXIETY = ["ask", "--who", "adult", "--concern", "anxiety", "--region", "GB"]


@pytest.mark.parametrize(
    "given",
    [
        ["--answer", f"phq9={NINTH}", "--phq9", NONE],
        ["--phq9", NONE, "--answer", f"phq9={NINTH}"],
        ["--answer", f"phq9={NONE}", "--answer", f"phq9={NINTH}"],
        ["--answers", "{file}", "--phq9", NONE],
    ],
)
@pytest.mark.parametrize("as_json", [False, True])
def test_risk_in_any_of_two_answers_is_never_cancelled(
    given: list[str], as_json: bool, tmp_path: Path, runner: Any
) -> None:
    (tmp_path / "a.yaml").write_text(f"phq9: [{NINTH}]\n")
    args = [a.replace("{file}", str(tmp_path / "a.yaml")) for a in given]
    r = run(runner, *ASK_ANXIETY, *args, *(["--json"] if as_json else []))
    assert r.exit_code == 2
    line = one_line(r.stderr)
    assert "PHQ-9 is answered twice, differently" in line and "the crisis lines are shown all the same" in line
    if as_json:
        assert "116 123" in json.dumps(json.loads(r.stdout)["crisis"])
    else:
        assert all(w in r.stdout for w in GB)


def test_two_different_answers_without_risk_are_refused_without_lines(runner: Any) -> None:
    r = run(runner, *ASK_ANXIETY, "--answer", "phq9=0,1,0,0,0,0,0,0,0", "--phq9", NONE)
    assert r.exit_code == 2 and r.stdout == ""
    assert "(--answer: 0,1,0,0,0,0,0,0,0; --phq9: 0,0,0,0,0,0,0,0,0); give one answer" in one_line(r.stderr)


def test_the_same_answer_twice_is_that_answer(runner: Any) -> None:
    r = run(runner, *ASK_ANXIETY, "--answer", f"phq9={NINTH}", "--phq9", NINTH, "--json")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert doc["at_risk"] is True


@pytest.mark.parametrize(
    ("file", "flags", "code"),
    [
        (f"phq9: [{NINTH}]\n", ["--scores", NONE], 2),
        (f"phq9: [{NONE}]\n", ["--scores", NONE], 0),
        (f"phq9: {{scores: [{NINTH}], difficulty: somewhat}}\n", ["--difficulty", "very"], 2),
        (f"phq9: {{scores: [{NONE}], difficulty: somewhat}}\n", ["--difficulty", "somewhat"], 0),
        (f"gad7: [{NONE[:13]}]\n", ["--scores", NINTH], 0),  # the file has no PHQ-9: --scores alone
    ],
)
def test_screen_with_scores_and_a_file_takes_one_answer(
    file: str, flags: list[str], code: int, tmp_path: Path, runner: Any
) -> None:
    (tmp_path / "s.yaml").write_text(file)
    r = run(runner, "screen", "phq9", "--answers", str(tmp_path / "s.yaml"), *flags, "-r", "GB")
    assert r.exit_code == code, r
    if code == 2:
        assert "answered twice, differently" in one_line(r.stderr)
        assert all(w in r.stdout for w in GB) == ("1]" in file)  # the lines when the file shows risk


# --------------------------------------------------------------------------
# 9. A path in a message: every hidden character escaped alike

ODD_NAMES = [("new\nline.md", "new\\x0aline.md"), ("tab\there.md", "tab\\x09here.md"), ("cr\rx.md", "cr\\x0dx.md")]


@pytest.mark.parametrize(("name", "shown"), ODD_NAMES)
def test_a_saved_report_names_the_file_as_it_is(name: str, shown: str, tmp_path: Path, runner: Any) -> None:
    path = tmp_path / name
    r = run(runner, "ask", "--who", "adult", "--concern", "trauma", "--save", str(path))
    assert r.exit_code == 0 and path.exists()
    assert one_line(r.stderr) == f"therapick: saved the report to {tmp_path}/{shown} (only you can read it)"
    again = run(runner, "ask", "--who", "adult", "--concern", "trauma", "--save", str(path))
    assert again.exit_code == 4
    assert f"{tmp_path}/{shown}: already exists" in one_line(again.stderr)


@pytest.mark.parametrize(("name", "shown"), ODD_NAMES)
@pytest.mark.parametrize(
    "args",
    [
        ["--kb", "{path}", "list"],
        ["ask", "--answers", "{path}"],
        ["screen", "phq9", "--answers", "{path}"],
        ["export", "--output", "{path}/x.md"],
    ],
)
def test_every_message_that_names_a_path_escapes_it(
    name: str, shown: str, args: list[str], tmp_path: Path, runner: Any
) -> None:
    r = run(runner, *[a.replace("{path}", str(tmp_path / name)) for a in args])
    assert r.exit_code in (2, 3, 4)
    line = one_line(r.stderr)
    assert f"{tmp_path}/{shown}" in line


def test_validate_names_the_file_escaped(tmp_path: Path, runner: Any) -> None:
    r = run(runner, "validate", str(tmp_path / "a\nb.yaml"))
    assert r.exit_code == 1
    assert r.stdout.splitlines()[-1] == f"{tmp_path}/a\\x0ab.yaml: not valid (1 problem)"


# --------------------------------------------------------------------------
# 10. An answers file's mistakes in plain words, naming the file, listing every key it takes


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("who: null\nconcerns: [trauma]\n", "a.yaml: 'who' has no answer (null); give one of: adult, teen"),
        ("who:\nconcerns: [trauma]\n", "a.yaml: 'who' has no answer (null)"),
        ("who: {a: 1}\nconcerns: [trauma]\n", "a.yaml: 'who': a mapping is not one of the options; the options are:"),
        ("who: true\nconcerns: [trauma]\n", "a.yaml: 'who': true is not one of the options"),
        ("who: adult\nconcerns: [trauma, null]\n", "'concerns': null (no answer) is not one of the options"),
        ("crisis: null\nwho: adult\nconcerns: [trauma]\n", "'crisis' takes yes or no (true or false), not null"),
        (
            "who: adult\nconcerns: [anxiety]\nphq9: {scores: [0,0,0,0,0,0,0,0,0], difficulty: [x]}\n",
            "a.yaml: the difficulty is one of not-at-all, somewhat, very, extremely, not a list",
        ),
        ("who: adult\nconcerns: [anxiety]\nphq9: [0,0,0,0,0,0,0,0,null]\n", "not null (no answer)"),
        ("who: !!set {a}\nconcerns: [trauma]\n", "the tag '!!set' is not allowed (an answers file is plain data"),
        (
            "who: adult\nconcerns: [trauma, anxiety]\nmain-concern: alcohol\n",
            "a.yaml: 'main-concern' is 'alcohol', which is not among the answers to 'concerns' (trauma, anxiety)",
        ),
        (
            "who: adult\nconcerns: [trauma]\nbogus: 1\n",
            "a.yaml: unknown question 'bogus'; it takes: crisis, who, concerns, main-concern, goals, readiness, "
            "preferences, groups, region, country, describe, phq9, gad7",
        ),
    ],
)
def test_an_answers_file_mistake_in_plain_words(body: str, says: str, tmp_path: Path, runner: Any) -> None:
    (tmp_path / "a.yaml").write_text(body)
    r = run(runner, "ask", "--answers", str(tmp_path / "a.yaml"))
    assert r.exit_code == 2
    line = one_line(r.stderr)
    assert says in line
    for python in ("None", "['", "{'", "True", "False"):
        assert python not in line


def test_every_key_an_answer_pair_takes_is_listed(runner: Any) -> None:
    r = run(runner, "ask", "--who", "adult", "--concern", "trauma", "--answer", "bogus=1")
    assert r.exit_code == 2
    assert one_line(r.stderr).endswith(
        "it takes: crisis, who, concerns, main-concern, goals, readiness, "
        "preferences, groups, region, country, phq9, gad7"
    )
    for key in ("country=MX", "phq9=0,0,0,0,0,0,0,0,0", "gad7=0,0,0,0,0,0,0"):  # each is taken
        assert run(runner, "ask", "--who", "adult", "--concern", "trauma", "--answer", key).exit_code == 0


def test_a_bad_main_concern_from_the_command_line_says_so(runner: Any) -> None:
    r = run(
        runner,
        "ask",
        "--who",
        "adult",
        "--concern",
        "trauma",
        "--concern",
        "anxiety",
        "--answer",
        "main-concern=alcohol",
    )
    assert r.exit_code == 2
    assert one_line(r.stderr).startswith("therapick: error: --answer: 'main-concern' is 'alcohol'")


# --------------------------------------------------------------------------
# 11. Choices in any case; hotlines --country; an option given twice, differently, is refused


@pytest.mark.parametrize(
    ("args", "same_as"),
    [
        (["list", "--category", "COGNITIVE-BEHAVIORAL"], ["list", "--category", "cognitive-behavioral"]),
        (["list", "--concern", "TRAUMA"], ["list", "--concern", "trauma"]),
        (["list", "--concern", "Substance-Use"], ["list", "--concern", "substance-use"]),
        (["export", "--format", "JSON"], ["export", "--format", "json"]),
        (["export", "--format", " Yaml "], ["export", "--format", "yaml"]),
    ],
)
def test_choices_ignore_case(args: list[str], same_as: list[str], runner: Any) -> None:
    r, expected = run(runner, *args), run(runner, *same_as)
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == expected.stdout


@pytest.mark.parametrize(
    ("country", "shows", "not_shown", "rows"),
    [
        ("MX", "Mexico (MX): emergency 911", "France (FR)", ["MX"]),
        ("francia", "France (FR): emergency 112", "Mexico (MX)", ["FR"]),
        ("New Zealand", "New Zealand (NZ): emergency 111", "Mexico (MX)", []),
    ],
)
def test_hotlines_takes_a_country(country: str, shows: str, not_shown: str, rows: list[str], runner: Any) -> None:
    r = run(runner, "hotlines", "--country", country)
    assert (r.exit_code, r.stderr) == (0, "")
    said = " ".join(r.stdout.split())
    assert shows in said and not_shown not in said
    doc = json.loads(run(runner, "hotlines", "--country", country, "--json").stdout)
    assert len(doc["regions"]) == 1
    assert [c["id"] for c in doc["countries"]] == rows
    assert "--country takes" in one_line(run(runner, "hotlines", "--country", " ").stderr)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["hotlines", "--region", "GB", "--region", "US"], "--region is given twice, as 'GB' and as 'US'"),
        (["hotlines", "-r", "GB", "--region=US"], "--region is given twice, as 'GB' and as 'US'"),
        (["--kb", "a.yaml", "--kb", "b.yaml", "list"], "--kb is given twice"),
        (["--lang", "en", "--lang", "es", "list"], "--lang is given twice"),
        (["ask", "--who", "adult", "--who", "teen", "--concern", "trauma"], "--who is given twice"),
        (["export", "--format", "json", "--format", "yaml"], "--format is given twice"),
        (["screen", "phq9", "--scores", "0,0,0,0,0,0,0,0,0", "--scores", "1,0,0,0,0,0,0,0,0"], "--scores is given"),
        (["list", "-c", "x", "--category", "y"], "--category is given twice"),
    ],
)
def test_an_option_given_twice_differently_is_refused(args: list[str], says: str, runner: Any) -> None:
    r = run(runner, *args)
    assert r.exit_code == 2
    assert r.stdout == "" or json.loads(r.stdout)["error"]["exit_code"] == 2  # --format json: the error as JSON
    assert says in one_line(r.stderr)


def test_the_same_value_twice_is_that_value(runner: Any) -> None:
    once, twice = run(runner, "hotlines", "--region", "GB"), run(runner, "hotlines", "--region", "GB", "-r", "GB")
    assert (twice.exit_code, twice.stdout) == (0, once.stdout)
    assert run(runner, "list", "--json", "--json").exit_code == 0
    many = run(runner, "ask", "--who", "adult", "--concern", "trauma", "--concern", "anxiety", "--json")
    assert many.exit_code == 0  # a repeatable option is repeatable


@pytest.mark.parametrize(
    ("args", "lines"),
    [
        (["help-now", "--region", "GB", "--region", "US"], US),
        (["ask", "--crisis", "--no-crisis", "--region", "GB"], GB),
        (["ask", "--no-crisis", "--crisis", "--region", "GB"], GB),
    ],
)
def test_on_a_floor_command_a_repeated_option_still_gives_the_lines(
    args: list[str], lines: tuple[str, ...], runner: Any
) -> None:
    r = run(runner, *args)
    assert r.exit_code == 2
    line = one_line(r.stderr)
    assert "given twice" in line or "are both given" in line
    assert all(w in r.stdout for w in lines)


# --------------------------------------------------------------------------
# 12. Where to start: in the country when it is known, never "in Anywhere else"


@pytest.mark.parametrize(
    ("where", "en", "es"),
    [
        (["--region", "other"], "Where to start:", "Por dónde empezar:"),
        (["--country", "Narnia"], "Where to start:", "Por dónde empezar:"),
        (["--country", "MX"], "Where to start in Mexico:", "Por dónde empezar en México:"),
        (["--region", "GB"], "Where to start in the United Kingdom:", "Por dónde empezar en el Reino Unido:"),
    ],
)
def test_where_to_start_names_a_place_only_when_it_is_one(where: list[str], en: str, es: str, runner: Any) -> None:
    for lang, words, other in (("en", en, "Anywhere else"), ("es", es, "Cualquier otro lugar")):
        r = run(runner, "--lang", lang, "ask", "--who", "adult", "--concern", "trauma", *where)
        assert r.exit_code == 0
        assert words in r.stdout
        assert f"{words[:-1]} {other}" not in r.stdout and f"en {other}" not in r.stdout
    ids = run(runner, "hotlines", "--region", "other", "--ids")
    assert "in Anywhere else" not in ids.stdout
