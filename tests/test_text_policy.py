"""Hardening, third round (issue 26), in-process: nothing raw reaches a terminal, every input is read once.

The text policy (base/text.py) is held to its definition for every code point; every kind of
hidden character is refused in every field of the knowledge base, found by walking the bundled
one (so a field added later is covered too), on every command; validate escapes what it quotes;
identifiers end where the text ends; numbers can be dialled; the stream reader's YAML; standard
input read at most once; the danger question's yes wins; files respect the umask; sizes are said
in one unit. The cases that need a process or a terminal are in tests/test_hostile.py; the
one-run bad inputs are in tools/bad_inputs.py.
"""

from __future__ import annotations

import json
import os
import stat
import unicodedata
from pathlib import Path
from typing import Any

import msgspec
import pytest
import yaml
from typer.testing import CliRunner

from tests.conftest import KB_PATH, load_yaml, run
from therapick.base import text as T
from therapick.base.errors import KBInvalid, TherapickError, clean
from therapick.kb import loader, schema, source

KB_TEXT = KB_PATH.read_text(encoding="utf-8")
KB_DOC: dict[str, Any] = load_yaml(KB_TEXT)

# Every family of hidden character the hostile tester used, and held-out members of each.
HOSTILE = {
    "OSC 52 clipboard write": "\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\x07",
    "screen clear": "\x1b[2J\x1b[H",
    "C1 CSI (U+009B)": "\x9b2J",
    "C1 OSC (U+009D)": "\x9d0;owned\x9c",
    "NEL (U+0085)": "a\x85b",
    "DEL": "a\x7fb",
    "BEL": "a\x07b",
    "right-to-left override": "116 \u202e321",
    "Arabic letter mark": "116 \u061c123",
    "left-to-right isolate": "a\u2066b\u2069",
    "zero-width space": "a\u200bb",
    "byte-order mark inside": "a\ufeffb",
    "soft hyphen": "a\u00adb",
    "Mongolian vowel separator": "a\u180eb",
    "interlinear annotation": "a\ufff9b\ufffb",
    "line separator": "a\u2028b",
    "paragraph separator": "a\u2029b",
    "private use": "a\ue000b",
    "private use, plane 15": "a\U000f0001b",
    "tag character": "a\U000e0041b",
    "Hangul filler alone": "\u3164",
    "Braille blank alone": "\u2800\u2800",
    "halfwidth Hangul filler": "\uffa0",
    "variation selector": "a\ufe0fb",
    "carriage return": "a\rb",
    "tab": "a\tb",
}


def test_ranges_are_the_definition() -> None:
    """Every code point: the fast form (RANGES, as the regular expression) says what ``hidden`` says.

    A newer Unicode may add format characters: a range may then hold a code point this Python
    does not know yet (unassigned), never the other way round.
    """
    everything = "".join(map(chr, range(0x110000)))
    fast = set(T._pattern(newlines=False).findall(everything))
    slow = {ch for ch in everything if T.hidden(ch)}
    assert len(slow) > 137_000  # the private-use planes alone are 131,068
    assert slow <= fast
    assert {f"U+{ord(ch):04X}" for ch in fast - slow if unicodedata.category(ch) != "Cn"} == set()


def test_the_schema_class_reads_the_same_in_ecmascript() -> None:
    """The published JSON Schema's patterns: \\uXXXX escapes only, no surrogates (an emoji is two)."""
    for newline in (True, False):
        cls = T.schema_class(newline)
        assert "\\U" not in cls and "\\ud800" not in cls
        assert ("\\x0a" in cls or "\\x00-\\x1f" in cls) is newline
    published = (Path(__file__).parents[1] / "docs" / "json" / "knowledge-base.schema.json").read_text()
    assert "\\\\U" not in published and "(?![\\\\s\\\\S])" in published


@pytest.mark.parametrize("name", list(HOSTILE))
def test_escape_leaves_nothing_hidden(name: str) -> None:
    shown = clean(f"before {HOSTILE[name]} after", 400)
    assert T.first_hidden(shown) is None
    assert shown.startswith("before ") and shown.endswith(" after")
    assert T.escape("\x1b") == "\\x1b" and T.escape("\u202e") == "\\u202e" and T.escape("\U000e0041") == "\\U000e0041"


def test_printable_text_is_untouched() -> None:
    for kept in ("Terapia cognitivo-conductual", "Ωmega — “quoted” …", "日本語", "emoji 🙂", "a\u00a0b"):
        assert T.first_hidden(kept) is None and T.escape(kept) == kept


# --------------------------------------------------------------------------
# Every field of the knowledge base, every family


def _string_paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [p for k, v in node.items() for p in _string_paths(v, (*path, k))]
    if isinstance(node, list):
        return [p for n, v in enumerate(node) for p in _string_paths(v, (*path, n))]
    return [path] if isinstance(node, str) else []


def _kind(path: tuple[Any, ...]) -> tuple[Any, ...]:
    """The field a path is in, whatever the item: ('regions', '[]', 'lines', '[]', 'url')."""
    return tuple("[]" if isinstance(p, int) else p for p in path)


FIELDS = {}
for _p in _string_paths(KB_DOC):
    FIELDS.setdefault(_kind(_p), _p)  # the first place each kind of field appears
FIELD_LIST = sorted(FIELDS.items(), key=lambda kv: str(kv[0]))


def _with(path: tuple[Any, ...], value: str) -> dict[str, Any]:
    doc = json.loads(json.dumps(KB_DOC, default=str))
    node = doc
    for p in path[:-1]:
        node = node[p]
    node[path[-1]] = value
    return doc


def test_the_fields_are_many() -> None:
    assert len(FIELD_LIST) > 60, len(FIELD_LIST)  # the walk found the knowledge base's fields


@pytest.mark.exhaustive
@pytest.mark.parametrize("n", range(len(FIELD_LIST)), ids=lambda n: ".".join(map(str, FIELD_LIST[n][0])))
def test_every_field_refuses_a_hidden_character(n: int) -> None:
    """Each field gets two families (rotating, so every family meets many fields), inside its own text."""
    kind, path = FIELD_LIST[n]
    names = list(HOSTILE)
    for name in (names[n % len(names)], names[(n * 7 + 3) % len(names)]):
        original = FIELDS[kind]
        node: Any = KB_DOC
        for p in original:
            node = node[p]
        text = json.dumps(_with(path, f"{node}{HOSTILE[name]}"), ensure_ascii=True)
        with pytest.raises(KBInvalid) as raised:
            loader.loads(text, "kb.json")
        said = " ".join(p.format("kb.json") for p in raised.value.problems)
        assert T.first_hidden(said) is None, said
        assert "control and invisible characters are not allowed" in said or "must be" in said, said


@pytest.mark.exhaustive  # a whole family in-process: the full suite's
@pytest.mark.parametrize("name", list(HOSTILE))
def test_every_family_is_refused_in_a_key(name: str) -> None:
    doc = _with(("updated",), "2026-11")
    doc["interventions"][0][f"key{HOSTILE[name]}"] = 1
    with pytest.raises(KBInvalid) as raised:
        loader.loads(json.dumps(doc), "kb.json")
    assert "control and invisible characters are not allowed" in raised.value.problems[0].message


@pytest.mark.parametrize("name", [n for n in HOSTILE if max(HOSTILE[n]) <= "\uffff"])
def test_the_schema_refuses_them_too(name: str) -> None:
    """A text that reaches the schema some other way (a translation applied to the structs) is refused there
    too, for every character the schema's own class names (those beyond U+FFFF are refused when read)."""
    doc = _with(("interventions", 0, "name"), f"CBT{HOSTILE[name]}")
    with pytest.raises(msgspec.ValidationError):
        msgspec.convert(doc, schema.KnowledgeBase, strict=True)


COMMANDS = [
    ["list"],
    ["show", "cbt"],
    ["hotlines"],
    ["hotlines", "--json"],
    ["export"],
    ["export", "--format", "json"],
    ["export", "--format", "yaml"],
    ["ask", "--who", "adult", "--concern", "trauma", "--region", "GB"],
    ["ask", "--who", "adult", "--concern", "trauma", "--json"],
    ["ask", "--crisis", "--region", "US"],
    ["help-now", "--region", "US"],
    ["help-now", "--json"],
    ["safety-plan"],
]


@pytest.mark.exhaustive
@pytest.mark.parametrize("field", ["url", "name", "value", "hours"])
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_command_prints_nothing_hidden(args: list[str], field: str, runner: CliRunner, tmp_path: Path) -> None:
    """OSC 52, a C1 CSI and a bidi override in one printed field: refused on every command, and nothing
    of them reaches stdout or stderr (help-now may fall back to the bundled lines instead)."""
    line = ("regions", 0, "lines", 0)
    where = {"url": (*line, "url"), "name": ("interventions", 0, "name"), "value": (*line, "contact", 0, "value")}
    where["hours"] = (*line, "hours")
    for payload in (HOSTILE["OSC 52 clipboard write"], HOSTILE["C1 CSI (U+009B)"], HOSTILE["right-to-left override"]):
        path = tmp_path / "kb.json"
        path.write_text(json.dumps(_with(where[field], f"988{payload}")), encoding="utf-8")
        ran = run(runner, "--kb", str(path), *args)
        assert T.first_hidden(ran.stdout + ran.stderr, newlines=True) is None, ran
        assert payload not in ran.output
        if args[0] not in ("help-now", "safety-plan"):  # these two stand on the crisis floor
            assert ran.exit_code == 3, ran
            assert "control and invisible characters are not allowed" in ran.stderr, ran


# --------------------------------------------------------------------------
# validate: checking an untrusted file never attacks the terminal that checks it


CLINIC = "schema_version: 1\nextends: therapick\n"


@pytest.mark.parametrize(
    "body",
    [
        'remove:\n  lines: ["\\e]52;c;eA==\\a"]\n',  # an id to remove
        'remove:\n  lines: ["gb-\\u009B2J"]\n',
        '"\\e[2Jsection": 1\n',  # a key
        '"\\u202Eoops": {a: 1}\n',
        'updated: "\\e]0;title\\a"\n',  # a value
        'replace:\n  interventions:\n    - {id: "cbt\\u2066", name: x}\n',
    ],
)
@pytest.mark.parametrize("as_json", [False, True])
def test_validate_escapes_what_it_quotes(body: str, as_json: bool, runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "clinic.yaml"
    path.write_text(CLINIC + body, encoding="utf-8")
    ran = run(runner, "validate", str(path), *(["--json"] if as_json else []))
    assert ran.exit_code == 1, ran
    assert T.first_hidden(ran.stdout, newlines=True) is None, ran.stdout
    assert ran.stderr == ""
    assert any(f"U+{n:04X}" in ran.stdout for n in (0x1B, 0x9B, 0x202E, 0x2066)), ran.stdout


def test_validate_escapes_an_unknown_keys_name_in_json(runner: CliRunner, tmp_path: Path) -> None:
    """An unknown key is a problem whose message and path both hold the key: both escaped, in JSON too."""
    doc = _with(("updated",), "2026-11")
    doc["interventions"][0]["a\u009b2Jb"] = 1
    path = tmp_path / "kb.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    ran = run(runner, "validate", "--json", str(path))
    problems = json.loads(ran.stdout)["problems"]
    assert all(T.first_hidden(p["message"] + (p["path"] or "")) is None for p in problems)
    assert any("\\x9b" in (p["path"] or "") for p in problems)


# --------------------------------------------------------------------------
# Matched to the end of the text


@pytest.mark.parametrize(
    ("pattern", "good", "bad"),
    [
        (schema.ID_PATTERN, ["cbt", "gb-samaritans", "a1-b2"], ["cbt\n", "cbt\r", "CBT", "-cbt", "cbt-", "a--b", ""]),
        (schema.REGION_PATTERN, ["GB", "other"], ["GB\n", "gb", "GBR", "other\n", "G"]),
        (schema.OPTION_PATTERN, ["adult", "GB"], ["adult\n", "GB\n", "Adult"]),
        (
            schema.MONTH_PATTERN,
            ["2026-11", "2026-11-26", "2026-01-31"],
            ["2026-11\n", "2026-13", "2026-00", "2026-11-32", "٢٠٢٦-11", "２０２６-11", "2026-1"],
        ),
        (
            schema.PAGE_PATTERN,
            ["https://988lifeline.org", "https://a.example/x?y=1#z", "http://www.psychologistsboard.org.nz/"],
            [
                "https://a.org\n",
                "ftp://a.org",
                "javascript:alert(1)",
                "file:///etc/passwd",
                "https://",
                "https://a.org/\x1b]52",
                "https://ä.org",
                "https://a b",
            ],
        ),
    ],
)
def test_patterns_match_the_whole_text(pattern: str, good: list[str], bad: list[str]) -> None:
    import re

    for value in good:
        assert re.search(pattern, value), value
    for value in bad:
        assert not re.search(pattern, value), value


@pytest.mark.parametrize(
    ("method", "good", "bad"),
    [
        (
            "call",
            ["988", "116 123", "+44 116 123", "(02) 1234-5678", "1-800-662-4357", "*555"],
            ["116 12a", "+", "☎ 116", "116\u00a0123", "1" * 41],
        ),
        ("text", ["741741", "0477 13 11 14"], ["HOME", "7417 41\u202e"]),
        ("tty", ["1-800-787-3224"], ["TTY"]),
        ("email", ["jo@samaritans.org"], ["jo@", "jo samaritans.org", "jo@@x.org", "jo@ä.org"]),
        ("web", ["findahelpline.com"], ["find a helpline", "..."]),
        ("chat", ["988lifeline.org"], ["chat here"]),
    ],
)
def test_a_contact_can_be_dialled_or_typed(method: str, good: list[str], bad: list[str]) -> None:
    for value in good:
        assert msgspec.convert({"method": method, "value": value}, schema.Contact).value == value
    for value in bad:
        with pytest.raises(msgspec.ValidationError):
            msgspec.convert({"method": method, "value": value}, schema.Contact)


def test_keywords_and_letters_are_typed() -> None:
    ok = {"method": "text", "value": "741741", "keyword": "HOME", "as_letters": "1-800-662-HELP"}
    assert msgspec.convert(ok, schema.Contact).keyword == "HOME"
    for bad in ({"keyword": "HO ME!"}, {"keyword": "HOME\n"}, {"as_letters": "1-800-☎"}):
        with pytest.raises(msgspec.ValidationError):
            msgspec.convert({**ok, **bad}, schema.Contact)


# --------------------------------------------------------------------------
# Reading YAML: YAML 1.2's plain scalars, no tags, no anchors


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("NO", "NO"),
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("Off", "Off"),
        ("y", "y"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("1:30", "1:30"),
        ("2026-11-26", "2026-11-26"),
        ("017", 17),
        ("0x1f", 31),
        ("0o17", "0o17"),  # a number in YAML 1.2 only: PyYAML writes such text unquoted
        ("1e3", "1e3"),
        ("1.0e+3", 1000.0),
        ("-1.5", -1.5),
        (".5", 0.5),
        (".inf", float("inf")),
        ("=", "="),
        ("1_000", "1_000"),
    ],
)
def test_plain_scalars_are_read_as_yaml_1_2(written: str, read: object) -> None:
    assert source.parse(f"a: {written}\n", "t")[0] == {"a": read}


@pytest.mark.parametrize("tag", ["!!str", "!!int", "!!bool", "!!float", "!!binary", "!!set", "!!omap", "!local", "!"])
def test_every_tag_is_refused(tag: str) -> None:
    with pytest.raises(KBInvalid) as raised:
        source.parse(f"who: {tag} adult\n", "t")
    assert "is not allowed" in raised.value.problems[0].message
    assert "unicode string" not in raised.value.message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a: \x00\n", "U+0000"),
        ("a: \x1b[2J\n", "U+001B (ESCAPE)"),
        ("a: \ufffe\n", "U+FFFE"),
        ("a: [b\n", "not valid YAML or JSON"),
        ("a: b\n---\nc: d\n", "more than one YAML document"),
        ("[" * 200 + "]" * 200, "nesting deeper than 64 levels"),
    ],
)
def test_yaml_problems_are_said_in_words(text: str, words: str) -> None:
    with pytest.raises(KBInvalid) as raised:
        source.parse(text, "t")
    said = raised.value.problems[0].format("t")
    assert words in said, said
    assert "<unicode string>" not in said and "position" not in said


@pytest.mark.parametrize(("head", "item", "tail"), [("", "- a\n", ""), ("[", "1, ", "1]"), ("", "k{n}: 1\n", "")])
def test_the_reading_stops_at_the_limit(head: str, item: str, tail: str) -> None:
    """Past MAX_NODES values the reading stops at once (a small limit here, the same code)."""
    text = head + "".join(item.replace("{n}", str(n)) for n in range(2000)) + tail
    with pytest.raises(KBInvalid) as raised:
        source.parse(text, "t", max_nodes=500)
    assert "more than 500 values" in raised.value.problems[0].message
    assert source.parse_json_fast("[" + ",".join(["1"] * 2000) + "]", max_nodes=500) is None


def test_problems_stop_at_a_thousand() -> None:
    doc = _with(("updated",), "2026-11")
    doc["interventions"] = [{"x": n} for n in range(5000)]
    kb, problems = loader.validate_text(json.dumps(doc), "kb.json")
    assert kb is None and len(problems) == source.MAX_PROBLEMS


# --------------------------------------------------------------------------
# Sizes in one unit


@pytest.mark.parametrize(
    ("size", "said", "limit"),
    [
        (source.MAX_BYTES + 1, "16,777,217 bytes", "16,777,216 bytes"),
        (source.MAX_BYTES + 1024, "16,778,240 bytes", "16,777,216 bytes"),
        (50 * 1024 * 1024, "50 MB", "16 MB"),
        (int(16.5 * 1024 * 1024), "16.5 MB", "16 MB"),
    ],
)
def test_a_size_and_the_limit_in_one_unit(size: int, said: str, limit: str) -> None:
    assert source._sizes(size) == (said, limit)


# --------------------------------------------------------------------------
# Standard input: once, and only when asked


def test_stdin_is_read_once(runner: CliRunner) -> None:
    for args in (["--kb", "-", "ask", "--answers", "-"], ["--kb", "-", "ask", "--who", "adult", "--answers", "-"]):
        ran = run(runner, *args, input=KB_TEXT)
        assert ran.exit_code == 2, ran
        assert "standard input is already read for a knowledge base file" in ran.stderr


def test_stdin_once_per_run_not_per_process(runner: CliRunner) -> None:
    for _ in range(2):
        ran = run(runner, "--kb", "-", "list", input=KB_TEXT)
        assert ran.exit_code == 0, ran


@pytest.mark.parametrize("name", ["-", "./-", "sub/../-", "/dev/stdin", "/proc/self/fd/0", "/dev/fd/0"])
def test_extends_never_reads_stdin(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "clinic.yaml").write_text(f'schema_version: 1\nextends: "{name}"\n', encoding="utf-8")
    r, w = os.pipe()  # stdin is a pipe with data waiting: reading it would take it
    os.write(w, KB_TEXT[:1000].encode())
    saved = os.dup(0)
    os.dup2(r, 0)
    try:
        with pytest.raises(TherapickError) as raised:
            loader.load("clinic.yaml")
    finally:
        os.dup2(saved, 0)
        for fd in (r, w, saved):
            os.close(fd)
    assert "'extends' names standard input" in raised.value.message or "not a regular file" in raised.value.message


def test_a_path_is_never_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(TherapickError) as raised:
        source.read(Path("-"))
    assert raised.value.message == "-: no such file"


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--kb", "", "list"], 3, "the knowledge-base file name is empty"),
        (["--kb", "", "help-now", "--region", "GB"], 3, "the knowledge-base file name is empty"),
        (["ask", "--answers", ""], 2, "the file name is empty; give an answers file"),
        (["validate", ""], 1, "the knowledge-base file name is empty"),
    ],
)
def test_an_empty_name_is_a_mistake(args: list[str], code: int, words: str, runner: CliRunner) -> None:
    ran = run(runner, *args)
    if args[2:3] == ["help-now"] and ran.exit_code == 0:  # the crisis floor may show the bundled lines
        assert "116 123" in ran.stdout
        return
    assert ran.exit_code == code, ran
    assert words in ran.output


def test_an_empty_environment_variable_is_the_same(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THERAPICK_KB", "")
    ran = run(runner, "list")
    assert ran.exit_code == 3 and "the knowledge-base file name is empty" in ran.stderr


# --------------------------------------------------------------------------
# The danger question: a yes wins


@pytest.mark.parametrize(
    ("args", "file"),
    [
        (["--answer", "crisis=yes", "--no-crisis"], None),
        (["--no-crisis", "--answer", "crisis=true"], None),
        (["--answer", "crisis=yes", "--answer", "crisis=no"], None),
        (["--answer", "crisis=no", "--crisis"], None),
        (["--no-crisis"], "crisis: yes\n"),
        (["--answer", "crisis=no"], "crisis: true\n"),
        (["--crisis"], "crisis: no\n"),
        (["--no-crisis"], "crisis: on\n"),
    ],
)
def test_a_yes_to_danger_wins(args: list[str], file: str | None, runner: CliRunner, tmp_path: Path) -> None:
    extra = []
    if file is not None:
        (tmp_path / "a.yaml").write_text(file + "who: adult\nconcerns: [trauma]\n", encoding="utf-8")
        extra = ["--answers", str(tmp_path / "a.yaml")]
    ran = run(runner, "ask", *args, *extra, "--who", "adult", "--concern", "trauma", "--region", "GB", "--json")
    assert ran.exit_code == 0, ran
    doc = json.loads(ran.stdout)
    assert doc["answers"]["crisis"] is True
    assert any(line["id"] == "gb-samaritans" for line in doc["crisis_lines"])


def test_a_no_alone_is_a_no(runner: CliRunner) -> None:
    ran = run(runner, "ask", "--no-crisis", "--who", "adult", "--concern", "trauma", "--region", "GB", "--json")
    assert json.loads(ran.stdout)["answers"]["crisis"] is False


# --------------------------------------------------------------------------
# Messages in the person's terms


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("  - id: cbt\n", "  - id: NO\n", "'NO' is not an id: lowercase letters and digits joined by hyphens"),
        ("  - id: cbt\n", "  - id: 123\n", '123 is read as one; to mean the text, write "123"'),
        ("  - id: cbt\n", "  - id: true\n", 'true is read as one; to mean the text, write "true"'),
        ("  - id: GB\n", "  - id: gb\n", "'gb' is not a region id: two capital letters"),
        ("    half_points: 6\n", "    half_points: 0\n", "expected a number greater than 0, not 0"),
        ("    half_points: 6\n", "    half_points: .inf\n", "expected a number of at most 1000, not inf"),
        ("    evidence:\n", "    evidence: []\n    x_evidence:\n", "expected a list with at least one item"),
    ],
)
def test_messages_name_what_was_given(old: str, new: str, words: str) -> None:
    assert old in KB_TEXT
    with pytest.raises(KBInvalid) as raised:
        loader.loads(KB_TEXT.replace(old, new, 1), "kb.yaml")
    said = " ".join(p.message for p in raised.value.problems)
    assert words in said, said
    assert "regex" not in said and "Expected" not in said and "`" not in said


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("replace:\n  interventions:\n    - {id: 123}\n", 'an id must be text: 123 is read as a number; write "123"'),
        ("remove:\n  lines: [123]\n", 'an id must be text: 123 is read as a number; write "123"'),
        ("remove:\n  lines: [NO]\n", "cannot remove support line 'NO'"),
        ("add:\n  lines:\n    - {id: x, region: ZZ}\n", "there is no region 'ZZ'; a new support line needs 'region'"),
        ("add:\n  lines:\n    - {id: x}\n", "a new support line needs 'region', one of: US"),
    ],
)
def test_extends_messages_name_what_was_given(body: str, words: str) -> None:
    _, problems = loader.validate_text(CLINIC + body, "clinic.yaml", Path("."))
    said = " ".join(p.message for p in problems)
    assert words in said, said


def test_an_answers_region_of_no_is_no(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("who: adult\nconcerns: [trauma]\nregion: NO\n", encoding="utf-8")
    ran = run(runner, "ask", "--answers", str(path))
    assert ran.exit_code == 2
    assert "'region' has no option 'NO'; the options are: US" in ran.stderr and "False" not in ran.stderr


# --------------------------------------------------------------------------
# Writing files: the umask, --save -, the folder checked first


@pytest.fixture
def umask() -> Any:
    saved = os.umask(0o022)
    os.umask(saved)

    def set_to(mask: int) -> None:
        os.umask(mask)

    yield set_to
    os.umask(saved)


@pytest.mark.parametrize(("mask", "mode"), [(0o077, 0o600), (0o022, 0o644), (0o027, 0o640), (0o000, 0o666)])
def test_export_respects_the_umask(mask: int, mode: int, umask: Any, runner: CliRunner, tmp_path: Path) -> None:
    umask(mask)
    ran = run(runner, "export", "--output", str(tmp_path / "kb.md"))
    assert ran.exit_code == 0, ran
    assert stat.S_IMODE((tmp_path / "kb.md").stat().st_mode) == mode


def test_a_replaced_export_keeps_its_permissions(umask: Any, runner: CliRunner, tmp_path: Path) -> None:
    umask(0o022)
    target = tmp_path / "kb.md"
    target.write_text("old\n")
    target.chmod(0o604)
    ran = run(runner, "export", "--output", str(target), "--force")
    assert ran.exit_code == 0, ran
    assert stat.S_IMODE(target.stat().st_mode) == 0o604 and target.read_text() != "old\n"


@pytest.mark.parametrize("mask", [0o000, 0o022, 0o077])
def test_a_report_is_0600_under_any_umask(mask: int, umask: Any, runner: CliRunner, tmp_path: Path) -> None:
    umask(mask)
    ran = run(runner, "ask", "--who", "adult", "--concern", "trauma", "--save", str(tmp_path / "r.md"))
    assert ran.exit_code == 0, ran
    assert stat.S_IMODE((tmp_path / "r.md").stat().st_mode) == 0o600


def test_save_dash_is_the_report_on_stdout(runner: CliRunner) -> None:
    ran = run(runner, "ask", "--who", "adult", "--concern", "trauma", "--region", "GB", "--save", "-")
    assert ran.exit_code == 0, ran
    assert ran.stderr == ""  # no "saved the report to -"
    assert ran.stdout.startswith("# therapick report") and ran.stdout.rstrip().endswith("crisis line now.")
    assert "╭" not in ran.stdout and "Suggestions" not in ran.stdout.split("\n")[0]


def test_save_dash_is_never_mixed_with_json(runner: CliRunner) -> None:
    ran = run(runner, "ask", "--who", "adult", "--concern", "trauma", "--json", "--save", "-")
    assert ran.exit_code == 2
    doc = json.loads(ran.stdout)  # the error, as JSON, and nothing after it
    assert "--save - writes the report to standard output" in doc["error"]["message"]


def test_export_to_dash_says_nothing(runner: CliRunner) -> None:
    ran = run(runner, "export", "--output", "-")
    assert ran.exit_code == 0 and ran.stderr == "" and ran.stdout.startswith("# ")


def test_an_unwritable_save_folder_is_found_first(runner: CliRunner, tmp_path: Path) -> None:
    """Before any question, and before the missing answers: the folder is tried for writing."""
    import errno
    from unittest import mock

    def denied(path: Path, mode: int) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    with mock.patch("therapick.output.files._create", denied):
        for args in (["ask"], ["ask", "--who", "adult"], ["safety-plan"]):
            ran = run(runner, *args, "--save", str(tmp_path / "r.md"))
            assert ran.exit_code == 4, ran
            assert "cannot write in" in ran.stderr and "permission denied" in ran.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_probe_leaves_nothing(runner: CliRunner, tmp_path: Path) -> None:
    ran = run(runner, "ask", "--save", str(tmp_path / "r.md"))
    assert ran.exit_code == 2  # answers missing, after the folder was found writable
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------
# Completion


def test_no_install_completion(runner: CliRunner) -> None:
    ran = run(runner, "--install-completion")
    assert ran.exit_code == 2 and "No such option: --install-completion" in ran.stderr
    assert "--install-completion" not in run(runner, "--help").stdout


def test_show_completion_prints_a_script(runner: CliRunner) -> None:
    ran = run(runner, "--show-completion")
    assert ran.exit_code == 0 and "_THERAPICK_COMPLETE" in ran.stdout


@pytest.mark.parametrize(
    ("env", "words"),
    [
        ({"_THERAPICK_COMPLETE": "bogus"}, "is not a completion request"),
        ({"_THERAPICK_COMPLETE": "complete"}, "is not a completion request"),
        ({"_THERAPICK_COMPLETE": "bash_complete"}, "is not a completion request"),
        ({"_THERAPICK_COMPLETE": "complete_tcsh"}, "is not a completion request"),
        ({"_THERAPICK_COMPLETE": "source_\x1b[2J"}, "source_\\x1b[2J"),
        ({"_THERAPICK_COMPLETE": "complete_bash", "COMP_WORDS": "therapick", "COMP_CWORD": "abc"}, "not 'abc'"),
        ({"_THERAPICK_COMPLETE": "complete_bash", "COMP_WORDS": "therapick", "COMP_CWORD": "-1"}, "not '-1'"),
        ({"_THERAPICK_COMPLETE": "complete_bash", "COMP_WORDS": "therapick", "COMP_CWORD": "٣"}, "not '٣'"),
        ({"_THERAPICK_COMPLETE": "complete_bash", "COMP_CWORD": "1"}, "needs COMP_WORDS"),
    ],
)
def test_a_bad_completion_request_is_one_line(
    env: dict[str, str], words: str, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    ran = run(runner)
    assert ran.exit_code == 2, ran
    lines = ran.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("therapick: ") and words in lines[0], lines
    assert T.first_hidden(ran.stderr, newlines=True) is None


def test_completion_still_completes(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_THERAPICK_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", "therapick show c")
    monkeypatch.setenv("COMP_CWORD", "2")
    ran = run(runner)
    assert ran.exit_code == 0 and "cbt" in ran.stdout.split()


def test_running_out_of_memory_while_loading_is_a_knowledge_base_error(runner: CliRunner, kb_copy: Path) -> None:
    """Exit 3, like any knowledge base that cannot be loaded (so help-now can fall back on it), not exit 70."""
    from unittest import mock

    with mock.patch("therapick.kb.loader._read", side_effect=MemoryError):
        ran = run(runner, "--kb", str(kb_copy), "list")
    assert ran.exit_code == 3, ran
    assert "there is not enough memory to load it" in ran.stderr


@pytest.mark.parametrize(
    "text", ["1e3", "0o17", "1.5e3", "NO", "yes", "on", "1:30", "1_000", "017", "true", "null", "~"]
)
def test_text_written_by_pyyaml_reads_back_as_text(text: str) -> None:
    """export --format yaml writes with PyYAML (YAML 1.1): every text it writes is read back as that text."""
    dumped = yaml.dump({"a": text}, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper))
    assert source.parse(dumped, "t")[0] == {"a": text}, dumped


def test_a_closed_terminal_is_a_hangup_whichever_comes_first() -> None:
    """Reading a closed terminal gives end of input, writing it an I/O error, often before the kernel's
    SIGHUP: each is exit 129, as the signal is; end of input on a terminal that is still there is 130."""
    import errno
    import signal
    import termios
    from unittest import mock

    from therapick.cli import failure

    assert failure.report(OSError(errno.EIO, "Input/output error"), False, False) == 128 + signal.SIGHUP
    assert failure.report(EOFError(), False, False) == 130  # stdin here is no terminal: Ctrl-D

    def gone(fd: int) -> list[Any]:
        raise termios.error(errno.EIO, "Input/output error")

    with mock.patch("termios.tcgetattr", gone):
        for e in (EOFError(), KeyboardInterrupt(), OSError(errno.EBADF, "Bad file descriptor")):
            assert failure.report(e, False, False) == 128 + signal.SIGHUP, e
