"""Every bad input we know of, as data, and the generator of docs/bad-inputs.md.

    python tools/bad_inputs.py --write   # regenerate docs/bad-inputs.md
    python tools/bad_inputs.py --check   # exit 1 if docs/bad-inputs.md is not what --write would make

Each case is one run of therapick: in-process through ``therapick.cli.app.run``
(the real entry point, with its failure handling) with stdout and stderr
captured, or as a real process where only a process shows the behaviour (a
closed stdout, a pipe, a locale, a FIFO that would hang). ``render()`` runs
every case in a pinned environment and returns the Markdown table with the
message each one actually produced; tests/test_bad_inputs.py checks each
case's exit code and message and that the committed file equals
``render()``. Nothing here is run by the tests to write a file.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "bad-inputs.md"
KB_PATH = ROOT / "data" / "interventions.yaml"
KB = KB_PATH.read_text(encoding="utf-8")
MAX_BYTES = 16 * 1024 * 1024  # source.MAX_BYTES, written out so the cases say what they test
TIMEOUT = 60  # seconds for a process; a case that hangs fails instead of hanging the run

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]\n" for n in range(8)
)

# The environment every case runs in (as tests/conftest.py pins it for the suite).
PINNED = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
UNSET = ("THERAPICK_KB", "THERAPICK_REGION", "LC_ALL", "LC_MESSAGES", "LANG", "FORCE_COLOR", "PYTHONIOENCODING")


def question_count() -> int:
    """How many questions the bundled questionnaire asks (the danger question moved last is that one)."""
    text = KB_PATH.read_text(encoding="utf-8")
    return text[text.index("\nquestionnaire:") :].split("\ninterventions:")[0].count("\n    - id: ")


def kb_line(text: str) -> int:
    """The line of the bundled knowledge base that starts with ``text`` (so a case's expected
    line follows the file instead of being a number that any content change breaks)."""
    lines = (ROOT / "data" / "interventions.yaml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(text))


def therapick_exe() -> list[str]:
    """The console script next to this Python, else ``python -m therapick``."""
    exe = Path(sys.executable).with_name("therapick")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "therapick"]


# --------------------------------------------------------------------------
# Making the inputs


Make = Callable[[Path], str]


def write(name: str, content: str | bytes) -> Make:
    def make(tmp: Path) -> str:
        path = tmp / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return str(path)

    return make


def kb_edit(old: str, new: str, name: str = "kb.yaml") -> Make:
    if old not in KB:
        raise ValueError(f"not in the bundled knowledge base: {old!r}")
    return write(name, KB.replace(old, new, 1))


def kb_json_duplicate(tmp: Path) -> str:
    """The bundled knowledge base as JSON, with a second ``adult`` under CBT's ``fit``.

    JSON parsers usually keep the last of two equal keys silently; here the
    injected one would have raised CBT's score.
    """
    import json

    import yaml

    text = json.dumps(yaml.safe_load(KB), indent=1, ensure_ascii=False)
    cbt = text.index('"id": "cbt"')
    adult = text.index('"adult"', text.index('"fit"', cbt))
    path = tmp / "kb.json"
    path.write_text(text[:adult] + '"adult": {"points": 9, "why": "injected"},\n' + text[adult:], encoding="utf-8")
    return str(path)


def big_file(tmp: Path) -> str:
    path = tmp / "big.yaml"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    return str(path)


def folder(tmp: Path) -> str:
    (tmp / "afolder").mkdir()
    return str(tmp / "afolder")


def existing(tmp: Path) -> str:
    (tmp / "out.md").write_text("keep me\n")
    return str(tmp / "out.md")


def fifo(tmp: Path) -> str:
    os.mkfifo(tmp / "fifo")
    return str(tmp / "fifo")


def dangling(tmp: Path) -> str:
    os.symlink(tmp / "nowhere.md", tmp / "link.md")
    return str(tmp / "link.md")


def self_link(tmp: Path) -> str:
    os.symlink("self.md", tmp / "self.md")
    return str(tmp / "self.md")


def fd_folder(tmp: Path) -> str:
    os.symlink("/proc/self/fd", tmp / "fds")
    return str(tmp / "fds")


def extends(target: str) -> Make:
    """A knowledge base that extends ``target`` ("{tmp}" is the temp folder; "fifo" is made there)."""

    def make(tmp: Path) -> str:
        if target == "fifo":
            os.mkfifo(tmp / "fifo")
        path = tmp / "clinic.yaml"
        path.write_text(f"schema_version: 1\nextends: {target.replace('{tmp}', str(tmp))}\n", encoding="utf-8")
        return str(path)

    return make


def with_companion(text: str) -> Make:
    """A copy of the bundled knowledge base (valid) with a Spanish companion file holding ``text``."""

    def make(tmp: Path) -> str:
        (tmp / "kb.yaml").write_text(KB, encoding="utf-8")
        (tmp / "kb.es.yaml").write_text(text, encoding="utf-8")
        return str(tmp / "kb.yaml")

    return make


def undecodable(content: bytes) -> Make:
    """A file whose name is not valid UTF-8 (``bad\\xff.yaml``)."""

    def make(tmp: Path) -> str:
        path = os.fsencode(tmp) + b"/bad\xff.yaml"
        with open(path, "wb") as f:
            f.write(content)
        return os.fsdecode(path)

    return make


def long_name(tmp: Path) -> str:
    """A valid 250-character file name (the longest most file systems allow is 255 bytes)."""
    return str(tmp / ("r" * 247 + ".md"))


def long_path(tmp: Path) -> str:
    """A path longer than PATH_MAX (4096 bytes), made of valid names."""
    return str(tmp / "/".join(["d" * 200] * 22) / "report.md")


# --------------------------------------------------------------------------
# Failures the OS gives that a test cannot cause (the suite runs as root)


def no_space() -> contextlib.AbstractContextManager[Any]:
    def full(fd: int, data: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    return mock.patch("therapick.output.files._write_all", full)


def read_only() -> contextlib.AbstractContextManager[Any]:
    # A chmod-ed folder is still writable for root, so the refusal the OS would
    # give is simulated at the one place a file is created.
    def denied(path: Path, mode: int) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    return mock.patch("therapick.output.files._create", denied)


# --------------------------------------------------------------------------
# Checks made after a run (return a complaint, or None)


def char_device(path: str) -> Callable[[Path], str | None]:
    def check(tmp: Path) -> str | None:
        import stat

        return None if stat.S_ISCHR(os.lstat(path).st_mode) else f"{path} is no longer a character device"

    return check


def link_unchanged(name: str, target: str) -> Callable[[Path], str | None]:
    def check(tmp: Path) -> str | None:
        p = tmp / name
        if not p.is_symlink() or os.readlink(p) != target.replace("{tmp}", str(tmp)):
            return f"{name} is no longer a symbolic link to {target}"
        return None

    return check


def absent(name: str) -> Callable[[Path], str | None]:
    def check(tmp: Path) -> str | None:
        return f"{name} was created" if os.path.lexists(tmp / name) else None

    return check


def report_written(tmp: Path) -> str | None:
    made = [p for p in tmp.iterdir() if p.name.startswith("rrrr")]
    if len(made) != 1 or not made[0].read_text(encoding="utf-8").rstrip().endswith("crisis line now."):
        return "the report with the 250-character name was not written in full"
    return None


def kb_edits(*pairs: tuple[str, str], name: str = "kb.yaml") -> Make:
    text = KB
    for old, new in pairs:
        if old not in text:
            raise ValueError(f"not in the bundled knowledge base: {old!r}")
        text = text.replace(old, new, 1)
    return write(name, text)


def clinic(body: str, name: str = "clinic.yaml") -> Make:
    """A knowledge base that extends the bundled one with ``body``."""
    return write(name, "schema_version: 1\nextends: therapick\n" + body)


def big(text: Callable[[], str], name: str) -> Make:
    """A generated file (made when the case runs, not when this module is imported)."""

    def make(tmp: Path) -> str:
        path = tmp / name
        path.write_text(text(), encoding="utf-8")
        return str(path)

    return make


NEAR_LIMIT = int(15.9 * 1024 * 1024)  # the size the hostile tester used: just under the limit


def flat_list() -> str:
    return "- a\n" * (NEAR_LIMIT // 4)


def flat_json() -> str:
    return "[" + ",".join(["1"] * (NEAR_LIMIT // 2 - 1)) + "]"


def many_keys_json() -> str:
    parts, total, n = [], 2, 0
    while total < NEAR_LIMIT - 20:
        parts.append(f'"k{n}": 1')
        total += len(parts[-1]) + 2
        n += 1
    return "{" + ", ".join(parts) + "}"


def deep_json() -> str:
    return "[" * (NEAR_LIMIT // 2) + "]" * (NEAR_LIMIT // 2)


def over_by_one(tmp: Path) -> str:
    """A file of 16 MB and one byte: the limit and the size must be told apart."""
    path = tmp / "kb.yaml"
    with path.open("wb") as f:
        f.truncate(MAX_BYTES + 1)
    return str(path)


def umask_077(tmp: Path) -> str | None:
    mode = (tmp / "out.md").stat().st_mode & 0o777
    return None if mode == 0o600 else f"out.md has mode {mode:o} under umask 077, not 600"


def hang_up(case: Case, tmp: Path) -> Outcome:
    """Start ``ask`` in a pseudo-terminal, wait for the first question, then close the terminal."""
    import pexpect

    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm")
    exe, *rest = therapick_exe()
    child = pexpect.spawn(exe, [*rest, *case.args], env=env, dimensions=(40, 100), timeout=TIMEOUT, cwd=str(tmp))
    child.expect("immediate danger")
    os.close(child.child_fd)  # the terminal goes away: the kernel sends SIGHUP
    child.child_fd = -1
    _, status = os.waitpid(child.pid, 0)
    child.terminated = True
    return Outcome(os.waitstatus_to_exitcode(status), "", "")


def in_a_terminal(case: Case, tmp: Path) -> Outcome:
    """Run ``args`` with stdin and stdout a pseudo-terminal (nothing piped in), stderr to a file."""
    import shlex

    import pexpect

    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", **case.env)
    err = tmp / "stderr.txt"
    line = " ".join(shlex.quote(a) for a in [*therapick_exe(), *case.args])
    child = pexpect.spawn(
        "bash", ["-c", f"exec {line} 2>{shlex.quote(str(err))}"], env=env, timeout=TIMEOUT, encoding="utf-8"
    )
    try:
        child.expect(pexpect.EOF)
    except pexpect.TIMEOUT:
        child.close(force=True)
        return Outcome(-1, "", f"(hung: no exit within {TIMEOUT} s)")
    child.close()
    said = err.read_text(encoding="utf-8")
    err.unlink()
    shown = str(child.before).replace("\r\n", "\n")  # the terminal's line ends
    return Outcome(child.exitstatus if child.exitstatus is not None else -1, shown, said)


LINE_URL = "        hours: 24/7, free\n        url: https://988lifeline.org\n"  # the 988 line's own page
OSC52 = "\\e]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\\a"  # YAML escapes: writes to the clipboard


# --------------------------------------------------------------------------
# The cases


@dataclass
class Case:
    group: str
    what: str
    args: list[str]  # "{file}" is replaced by the path `make` returns, "{tmp}" by the temp folder
    code: int | tuple[int, ...]
    says: str  # a fragment the message must contain
    make: Make | None = None
    stdin: str | bytes | None = None
    script: str | None = None  # run through bash instead ("{exe}" is therapick)
    spawn: bool = False  # run `args` as a process (with a timeout) instead of in-process
    env: dict[str, str] = field(default_factory=dict)  # for a process
    patch: Callable[[], contextlib.AbstractContextManager[Any]] | None = None
    keeps: dict[str, str] = field(default_factory=dict)  # files that must be left exactly so
    check: Callable[[Path], str | None] | None = None
    stream: str = "stderr"  # where the message is: validate reports on stdout; "result": a good run's stdout
    shows: tuple[str, ...] = ()  # what stdout must hold all the same (the crisis lines, before the error)
    runner: Callable[[Case, Path], Outcome] | None = None  # a run no other way can make (a pseudo-terminal)
    silent: bool = False  # nothing can be said (the reader or the terminal is gone): exit code only

    @property
    def codes(self) -> tuple[int, ...]:
        return self.code if isinstance(self.code, tuple) else (self.code,)

    @property
    def id(self) -> str:
        return f"{self.group}: {self.what}"


ASK = ["ask", "--who", "adult", "--concern", "trauma"]
ASK_ANXIETY = ["ask", "--who", "adult", "--concern", "anxiety"]
# The crisis lines that must be printed before the error (literals from shared/facts/helplines.md):
GB = ("call 999", "116 123")  # the UK's emergency number and first crisis line
# Every region's emergency number and first crisis line, as the all-regions list gives them (a line a region).
EVERY_REGION = (
    "United States: 911",
    "United Kingdom: 999",
    "Ireland: 112",
    "Australia: 000",
    "New Zealand: 111",
    "Spain: 112",
    "988",
    "116 123",
    "13 11 14",
    "1737",
    "024",
)
DANGER = (
    "    - id: crisis\n      kind: confirm\n      text: Are you in immediate danger?\n      said: you said someone is\n"
)
DANGER_DEFAULT = f"extends: therapick\nreplace:\n  questions:\n{DANGER}      default: false\n"
DANGER_LAST = f"extends: therapick\nremove:\n  questions: [crisis]\nadd:\n  questions:\n{DANGER}"
TEXT_REFUSED = "control and invisible characters are not allowed"

CASES = [
    # --- knowledge base (every command loads it; `validate` exits 1 instead of 3)
    Case(
        "knowledge base",
        "not YAML",
        ["--kb", "{file}", "show", "cbt"],
        3,
        "line 2: not valid YAML",
        write("kb.yaml", "a: [b\n"),
    ),
    Case(
        "knowledge base",
        "a list, not a mapping",
        ["--kb", "{file}", "list"],
        3,
        "must be a mapping",
        write("kb.yaml", "- a\n- b\n"),
    ),
    Case("knowledge base", "a scalar", ["--kb", "{file}", "list"], 3, "must be a mapping", write("kb.yaml", "hello\n")),
    Case("knowledge base", "empty file", ["--kb", "{file}", "list"], 3, "empty", write("kb.yaml", "")),
    Case("knowledge base", "missing file", ["--kb", "{tmp}/nope.yaml", "list"], 3, "no such file"),
    Case("knowledge base", "a folder", ["--kb", "{file}", "list"], 3, "is a folder, not a knowledge base file", folder),
    Case(
        "knowledge base",
        "not UTF-8",
        ["--kb", "{file}", "list"],
        3,
        "not UTF-8",
        write("kb.yaml", b"schema_version: 1\nname: \xff\xfe\n"),
    ),
    Case(
        "knowledge base",
        "50 MB file",
        ["--kb", "{file}", "list"],
        3,
        "too large (50 MB); a knowledge base file may be at most 16 MB",
        big_file,
    ),
    Case(
        "knowledge base",
        "a FIFO nobody writes to",
        ["--kb", "{file}", "list"],
        3,
        "is not a regular file",
        fifo,
        spawn=True,
    ),
    Case("knowledge base", "/dev/zero", ["--kb", "/dev/zero", "list"], 3, "is not a regular file"),
    Case(
        "knowledge base",
        "stdin over the size limit",
        ["--kb", "-", "list"],
        3,
        "stdin: too large: more than 16 MB",
        stdin=b"#" * (MAX_BYTES + 1),
    ),
    Case(
        "knowledge base",
        "extends a FIFO nobody writes to",
        ["--kb", "{file}", "list"],
        3,
        "is not a regular file",
        extends("fifo"),
        spawn=True,
    ),
    Case(
        "knowledge base",
        "extends /dev/zero",
        ["--kb", "{file}", "list"],
        3,
        "/dev/zero: is not a regular file",
        extends("/dev/zero"),
    ),
    Case(
        "knowledge base",
        "alias bomb (billion laughs)",
        ["--kb", "{file}", "list"],
        3,
        "aliases",
        write("kb.yaml", BOMB),
    ),
    Case(
        "knowledge base",
        "alias of a scalar (&a / *a)",
        ["--kb", "{file}", "list"],
        3,
        f"line {kb_line('    half_points: 6')}: YAML anchors and aliases",
        kb_edit("    half_points: 6\n    strong: 0.6\n", "    half_points: &h 6\n    strong: *h\n"),
    ),
    Case(
        "knowledge base",
        "merge key (<<:)",
        ["--kb", "{file}", "list"],
        3,
        "merge keys (<<) are not allowed",
        kb_edit(
            '        adult: {points: 1, why: "CBT is designed for adults and adolescents"}\n',
            '        adult:\n          <<: {points: 1}\n          why: "CBT is designed for adults and adolescents"\n',
        ),
    ),
    Case(
        "knowledge base",
        "!!python/object tag",
        ["--kb", "{file}", "list"],
        3,
        "not allowed",
        write("kb.yaml", "a: !!python/object/apply:os.system ['echo hacked']\n"),
    ),
    Case(
        "knowledge base",
        "wrong type",
        ["--kb", "{file}", "list"],
        3,
        'expected text, not a whole number (42 is read as one; to mean the text, write "42") at $.interventions[0]',
        kb_edit("  - id: cbt\n    name: Cognitive behavioral therapy", "  - id: cbt\n    name: 42"),
    ),
    Case(
        "knowledge base",
        "unknown key",
        ["--kb", "{file}", "list"],
        3,
        "unknown key 'colour'",
        kb_edit("    abbreviation: CBT\n", "    abbreviation: CBT\n    colour: blue\n"),
    ),
    Case(
        "knowledge base",
        "a key that is not text (1: x)",
        ["--kb", "{file}", "list"],
        3,
        f"line {kb_line('    abbreviation: CBT') + 1}: key '1' must be text (put it in quotes) at $.interventions[0]",
        kb_edit("    abbreviation: CBT\n", "    abbreviation: CBT\n    1: x\n"),
    ),
    Case(
        "knowledge base",
        "duplicate id",
        ["--kb", "{file}", "list"],
        3,
        "duplicate id 'cbt'",
        kb_edit("  - id: dbt\n", "  - id: cbt\n"),
    ),
    Case(
        "knowledge base",
        "duplicate key in one entry",
        ["--kb", "{file}", "list"],
        3,
        "duplicate key 'name'",
        kb_edit("    abbreviation: CBT\n", "    abbreviation: CBT\n    name: Another name\n"),
    ),
    Case(
        "knowledge base",
        "JSON, duplicate key (a second 'adult' in a fit table)",
        ["--kb", "{file}", "show", "cbt"],
        3,
        "duplicate key 'adult' at $.interventions[0].fit.who.adult",
        kb_json_duplicate,
    ),
    Case(
        "knowledge base",
        "infinite half_points (.inf)",
        ["--kb", "{file}", "list"],
        3,
        f"line {kb_line('    half_points: 6')}",
        kb_edit("    half_points: 6\n", "    half_points: .inf\n"),
    ),
    Case(
        "knowledge base",
        "dangling technique",
        ["--kb", "{file}", "list"],
        3,
        "unknown technique",
        kb_edit("techniques: [cognitive-restructuring, behavioral", "techniques: [cognitive-restructurin, behavioral"),
    ),
    Case(
        "knowledge base",
        "dangling category",
        ["--kb", "{file}", "list"],
        3,
        "unknown category 'systemc'",
        kb_edit("    category: systemic\n", "    category: systemc\n"),
    ),
    Case(
        "knowledge base",
        "JSON, wrong type",
        ["--kb", "{file}", "list"],
        3,
        "expected text, not a whole number (5 is read as one",
        write("kb.json", '{"schema_version": 1, "updated": 5}'),
    ),
    Case(
        "knowledge base",
        "JSON, malformed",
        ["--kb", "{file}", "list"],
        3,
        "not valid YAML or JSON",
        write("kb.json", '{"schema_version": 1,, }'),
    ),
    Case(
        "knowledge base",
        "terminal escape sequence in a name",
        ["--kb", "{file}", "export"],
        3,
        TEXT_REFUSED,
        kb_edit("name: Cognitive behavioral therapy\n", 'name: "\\e[2J\\e[31mCBT"\n'),
    ),
    Case(
        "knowledge base",
        "file name that is not UTF-8 (UTF-8 locale)",
        ["--kb", "{file}", "list"],
        3,
        "bad\\xff.yaml, line 2: not valid YAML",
        undecodable(b"a: [\n"),
        spawn=True,
        env={"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8"},
    ),
    Case(
        "knowledge base",
        "translation file with texts: [1, 2] (was exit 70)",
        ["--lang", "es", "--kb", "{file}", "list"],
        3,
        "kb.es.yaml, line 2: expected a mapping, not a list ('texts' maps each English text to its translation)",
        with_companion("language: es\ntexts: [1, 2]\n"),
    ),
    # --- the crisis floor: help-now and ask --crisis print crisis lines first, whatever failed
    Case(
        "crisis floor",
        "help-now, missing knowledge base",
        ["--kb", "{tmp}/nope.yaml", "help-now", "--region", "GB"],
        3,
        "nope.yaml: no such file; the bundled crisis lines are shown instead",
        shows=GB,
    ),
    Case(
        "crisis floor",
        "help-now, THERAPICK_KB names a folder",
        ["help-now", "--region", "GB"],
        3,
        "is a folder, not a knowledge base file; the bundled crisis lines are shown instead",
        spawn=True,
        env={"THERAPICK_KB": "/"},
        shows=GB,
    ),
    Case(
        "crisis floor",
        "help-now, knowledge base not valid (a dangling category)",
        ["--kb", "{file}", "help-now", "--region", "GB"],
        3,
        "unknown category 'systemc'",
        kb_edit("    category: systemic\n", "    category: systemc\n"),
        shows=GB,
    ),
    Case(
        "crisis floor",
        "help-now, half valid: a clinic's file that only removes GB's crisis lines",
        ["--kb", "{file}", "help-now", "--region", "GB"],
        3,
        "region GB has no crisis line",
        write("clinic.yaml", "extends: therapick\nremove:\n  lines: [gb-samaritans, gb-shout, gb-nhs-111]\n"),
        shows=GB,
    ),
    Case(
        "crisis floor",
        "help-now, a clinic's file that gives the danger question a default",
        ["--kb", "{file}", "help-now", "--region", "GB"],
        3,
        "the danger question 'crisis' must have no default",
        write("clinic.yaml", DANGER_DEFAULT),
        shows=GB,
    ),
    Case(
        "crisis floor",
        "help-now, a clinic's file that moves the danger question last",
        ["--kb", "{file}", "help-now", "--region", "GB"],
        3,
        f"the danger question 'crisis' must be the first question, not question {question_count()}",
        write("clinic.yaml", DANGER_LAST),
        shows=GB,
    ),
    Case(
        "crisis floor",
        "help-now --lang es, translation file with texts: [1, 2]",
        ["--lang", "es", "--kb", "{file}", "help-now", "--region", "GB"],
        3,
        "'texts' maps each English text to its translation",
        with_companion("language: es\ntexts: [1, 2]\n"),
        shows=("llama ahora al 999", "116 123"),
    ),
    Case(
        "crisis floor",
        "help-now, THERAPICK_LANG=fr",
        ["help-now", "--region", "GB"],
        2,
        "THERAPICK_LANG: no language 'fr'; the languages are: en, es; shown in English",
        spawn=True,
        env={"THERAPICK_LANG": "fr"},
        shows=GB,
    ),
    Case(
        "crisis floor",
        "help-now --lang fr",
        ["--lang", "fr", "help-now", "--region", "GB"],
        2,
        "--lang: no language 'fr'; the languages are: en, es; shown in English",
        shows=GB,
    ),
    Case(
        "crisis floor",
        "help-now, THERAPICK_REGION=Narnia",
        ["help-now"],
        2,
        "THERAPICK_REGION: no region 'Narnia'; the regions are: US, CA, GB, IE, AU, NZ, ES, other; every region's",
        spawn=True,
        env={"THERAPICK_REGION": "Narnia"},
        shows=EVERY_REGION,
    ),
    Case(
        "crisis floor",
        "help-now --region Narnia",
        ["help-now", "--region", "Narnia"],
        2,
        "--region: no region 'Narnia'; the regions are: US, CA, GB, IE, AU, NZ, ES, other; every region's",
        shows=EVERY_REGION,
    ),
    Case(
        "crisis floor",
        "help-now --region ''",
        ["help-now", "--region", ""],
        2,
        "--region: no region ''",
        shows=EVERY_REGION,
    ),
    Case(
        "crisis floor",
        "help-now --region gbr (close to one)",
        ["help-now", "--region", "gbr"],
        2,
        "no region 'gbr' (did you mean GB?)",
        shows=EVERY_REGION,
    ),
    Case(
        "crisis floor",
        "ask --crisis, missing knowledge base",
        ["--kb", "{tmp}/nope.yaml", "ask", "--crisis", "--region", "GB"],
        3,
        "no such file; the bundled crisis lines are shown instead",
        shows=GB,
    ),
    Case(
        "crisis floor",
        "ask --crisis, THERAPICK_REGION=X1",
        ["ask", "--crisis"],
        2,
        "THERAPICK_REGION: no region 'X1'",
        spawn=True,
        env={"THERAPICK_REGION": "X1"},
        shows=EVERY_REGION,
    ),
    Case(
        "crisis floor",
        "ask --crisis --region Narnia",
        ["ask", "--crisis", "--region", "Narnia"],
        2,
        "--region: no region 'Narnia'",
        shows=EVERY_REGION,
    ),
    Case(
        "crisis floor",
        "ask --crisis, an answer that cannot be used (--who grandpa)",
        ["ask", "--crisis", "--who", "grandpa", "--region", "GB"],
        2,
        "has no option 'grandpa'; the options are: adult, teen, child, young-child, infant, family, couple; only",
        shows=GB,
    ),
    Case(
        "crisis floor",
        "help-now, THERAPICK_KB=- in a terminal (nothing piped in: it was a blank wait)",
        ["help-now", "--region", "GB"],
        3,
        "stdin: cannot read a knowledge base file: standard input is a terminal, not a file",
        env={"THERAPICK_KB": "-"},
        runner=in_a_terminal,
        shows=GB,
    ),
    Case(
        "crisis floor",
        "help-now --kb - in a terminal",
        ["help-now", "--kb", "-"],
        3,
        "standard input is a terminal, not a file; pipe the file in (< FILE) or give its name; the bundled",
        runner=in_a_terminal,
        shows=EVERY_REGION,
    ),
    Case(
        "crisis floor",
        "help-now, THERAPICK_KB=- with the knowledge base piped in",
        ["help-now", "--region", "GB"],
        0,
        "116 123",
        spawn=True,
        env={"THERAPICK_KB": "-"},
        stdin=KB,
        stream="result",
    ),
    Case(
        "crisis floor",
        "help-now --bogus (an option it does not have)",
        ["help-now", "--bogus"],
        2,
        "No such option: --bogus (see 'therapick help-now --help'); the crisis lines are shown all the same",
        shows=EVERY_REGION,
    ),
    Case(
        "crisis floor",
        "help-now --region with no value",
        ["help-now", "--region"],
        2,
        "Option '--region' requires an argument; the crisis lines are shown all the same",
        shows=EVERY_REGION,
    ),
    Case(
        "crisis floor",
        "help-now GB US (an extra argument)",
        ["help-now", "GB", "US"],
        2,
        "Got unexpected extra argument(s) (US)",
        shows=GB,
    ),
    Case(
        "crisis floor",
        "help-now GB --region US (where you are, twice)",
        ["help-now", "GB", "--region", "US"],
        2,
        "where you are is given twice, as 'GB' and as --region 'US'; give it once",
        shows=("call 911", "988"),
    ),
    Case(
        "crisis floor",
        "help-now GB (where you are, as an argument): no error",
        ["help-now", "GB"],
        0,
        "call 999",
        stream="result",
    ),
    Case(
        "crisis floor",
        "help-now --lang es --region ES (the root's options after the command): no error",
        ["help-now", "--lang", "es", "--region", "ES"],
        0,
        "llama ahora al 112",
        stream="result",
    ),
    Case(
        "crisis floor",
        "a root option therapick does not have, before help-now",
        ["--bogus", "help-now", "--region", "GB"],
        2,
        "No such option: --bogus (see 'therapick --help'); the crisis lines are shown all the same",
        shows=GB,
    ),
    Case(
        "crisis floor",
        "ask --crisis --top 0",
        ["ask", "--crisis", "--top", "0", "--region", "GB"],
        2,
        "0 is not in the range 1<=x<=50. (see 'therapick ask --help'); the crisis lines are shown all the same",
        shows=GB,
    ),
    Case(
        "crisis floor",
        "ask --crisis --who with no value",
        ["ask", "--region", "GB", "--crisis", "--who"],
        2,
        "Option '--who' requires an argument; the crisis lines are shown all the same",
        shows=GB,
    ),
    Case(
        "crisis floor",
        "ask --answer crisis=yes --top 0",
        ["ask", "--answer", "crisis=yes", "--top", "0"],
        2,
        "0 is not in the range",
        shows=EVERY_REGION,
    ),
    Case(
        "crisis floor",
        "ask --crisis --save - --json: the error document carries the lines",
        ["ask", "--crisis", "--save", "-", "--json", "--region", "GB"],
        2,
        "--save - writes the report to standard output, which --json uses; give --save a file name; the crisis",
        shows=('"crisis": {', '"value": "116 123"'),
    ),
    Case(
        "crisis floor",
        "another command, THERAPICK_LANG=fr: stops at once",
        ["show", "cbt"],
        2,
        "THERAPICK_LANG: no language 'fr'; the languages are: en, es",
        spawn=True,
        env={"THERAPICK_LANG": "fr"},
    ),
    # --- validate: every problem on stdout, exit 1
    Case(
        "validate",
        "a clinic's file that gives the danger question a default",
        ["validate", "--strict", "{file}"],
        1,
        "line 8: the danger question 'crisis' must have no default, so that Enter alone never answers it",
        write("clinic.yaml", DANGER_DEFAULT),
        stream="stdout",
    ),
    Case(
        "validate",
        "a clinic's file that removes the danger question and adds it last",
        ["validate", "--strict", "{file}"],
        1,
        f"line 6: the danger question 'crisis' must be the first question, not question {question_count()}",
        write("clinic.yaml", DANGER_LAST),
        stream="stdout",
    ),
    Case(
        "validate",
        "a broken file",
        ["validate", "{file}"],
        1,
        "duplicate id 'cbt'",
        kb_edit("  - id: dbt\n", "  - id: cbt\n"),
        stream="stdout",
    ),
    Case(
        "validate",
        "right-to-left override (U+202E) in a name",
        ["validate", "{file}"],
        1,
        f"{TEXT_REFUSED}",
        kb_edit("name: Cognitive behavioral therapy\n", 'name: "Cognitive \\u202Ebehavioral therapy"\n'),
        stream="stdout",
    ),
    Case(
        "validate",
        "zero-width space (U+200B) in a name",
        ["validate", "{file}"],
        1,
        "at $.interventions[0].name",
        kb_edit("name: Cognitive behavioral therapy\n", 'name: "Cognitive\\u200B behavioral therapy"\n'),
        stream="stdout",
    ),
    Case(
        "validate",
        "a name of only spaces",
        ["validate", "{file}"],
        1,
        "at $.interventions[0].name",
        kb_edit("name: Cognitive behavioral therapy\n", 'name: "   "\n'),
        stream="stdout",
    ),
    Case(
        "validate",
        "a FIFO nobody writes to",
        ["validate", "{file}"],
        1,
        "is not a regular file",
        fifo,
        spawn=True,
        stream="stdout",
    ),
    Case("validate", "/dev/zero", ["validate", "/dev/zero"], 1, "is not a regular file", stream="stdout"),
    Case(
        "validate",
        "stdin over the size limit",
        ["validate", "-"],
        1,
        "stdin: too large",
        stdin=b"#" * (MAX_BYTES + 1),
        stream="stdout",
    ),
    Case(
        "validate",
        "file name that is not UTF-8 (UTF-8 locale)",
        ["validate", "{file}"],
        1,
        "bad\\xff.yaml, line 2: not valid YAML",
        undecodable(b"a: [\n"),
        spawn=True,
        env={"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8"},
        stream="stdout",
    ),
    # --- answers file
    Case(
        "answers file",
        "who: null (was \"has no option 'None'\")",
        ["ask", "--answers", "{file}"],
        2,
        "a.yaml: 'who' has no answer (null); give one of: adult, teen, child, young-child, infant, family, couple",
        write("a.yaml", "who: null\nconcerns: [trauma]\n"),
    ),
    Case(
        "answers file",
        'who: {a: 1} (was "has no option a mapping")',
        ["ask", "--answers", "{file}"],
        2,
        "a.yaml: 'who': a mapping is not one of the options; the options are: adult, teen",
        write("a.yaml", "who: {a: 1}\nconcerns: [trauma]\n"),
    ),
    Case(
        "answers file",
        "phq9's difficulty: [x] (was \"not '['x']'\")",
        ["ask", "--answers", "{file}"],
        2,
        "a.yaml: the difficulty is one of not-at-all, somewhat, very, extremely, not a list",
        write("a.yaml", "who: adult\nconcerns: [anxiety]\nphq9: {scores: [0,0,0,0,0,0,0,0,0], difficulty: [x]}\n"),
    ),
    Case(
        "answers file",
        "a tag (!!set): an answers file is plain data",
        ["ask", "--answers", "{file}"],
        2,
        "the tag '!!set' is not allowed (an answers file is plain data",
        write("a.yaml", "who: !!set {a}\nconcerns: [trauma]\n"),
    ),
    Case(
        "answers file",
        "main-concern not among the concerns: the file is named",
        ["ask", "--answers", "{file}"],
        2,
        "a.yaml: 'main-concern' is 'alcohol', which is not among the answers to 'concerns' (trauma, anxiety)",
        write("a.yaml", "who: adult\nconcerns: [trauma, anxiety]\nmain-concern: alcohol\n"),
    ),
    Case(
        "answers file",
        "an unknown key: every key it takes is listed",
        ["ask", "--answers", "{file}"],
        2,
        "unknown question 'bogus'; it takes: crisis, who, concerns, main-concern, goals, readiness, preferences",
        write("a.yaml", "who: adult\nconcerns: [trauma]\nbogus: 1\n"),
    ),
    Case(
        "answers file",
        "not YAML",
        ["ask", "--answers", "{file}"],
        2,
        "answers file is not valid",
        write("a.yaml", "who: [adult\n"),
    ),
    Case(
        "answers file",
        "a list, not a mapping",
        ["ask", "--answers", "{file}"],
        2,
        "must be a mapping",
        write("a.yaml", "- adult\n"),
    ),
    Case(
        "answers file",
        "empty file",
        ["ask", "--answers", "{file}"],
        2,
        "missing answers: who, concerns",
        write("a.yaml", ""),
    ),
    Case("answers file", "missing file", ["ask", "--answers", "{tmp}/none.yaml"], 2, "no such file"),
    Case("answers file", "not UTF-8", ["ask", "--answers", "{file}"], 2, "not UTF-8", write("a.yaml", b"who: \xff\n")),
    Case(
        "answers file",
        "a FIFO nobody writes to",
        ["ask", "--answers", "{file}"],
        2,
        "give an answers file, or - for stdin",
        fifo,
        spawn=True,
    ),
    Case("answers file", "/dev/zero", ["ask", "--answers", "/dev/zero"], 2, "is not a regular file"),
    Case(
        "answers file",
        "stdin over the size limit",
        ["ask", "--answers", "-"],
        2,
        "stdin: too large: more than 16 MB; an answers file may be at most 16 MB",
        stdin=b"#" * (MAX_BYTES + 1),
    ),
    Case("answers file", "alias bomb", ["ask", "--answers", "{file}"], 2, "aliases", write("a.yaml", BOMB)),
    Case(
        "answers file",
        "!!python/object tag",
        ["ask", "--answers", "{file}"],
        2,
        "not allowed",
        write("a.yaml", "who: !!python/object/apply:os.system ['echo hacked']\n"),
    ),
    Case(
        "answers file",
        "the same question twice",
        ["ask", "--answers", "{file}"],
        2,
        "duplicate key 'who'",
        write("a.yaml", "who: adult\nconcerns: [trauma]\nwho: teen\n"),
    ),
    Case(
        "answers file",
        "JSON, the same question twice",
        ["ask", "--answers", "{file}"],
        2,
        "duplicate key 'who'",
        write("a.json", '{"who": "adult", "concerns": ["trauma"], "who": "teen"}'),
    ),
    Case(
        "answers file",
        "a key that is not text",
        ["ask", "--answers", "{file}"],
        2,
        "line 2: key '1' must be text",
        write("a.yaml", "who: adult\n1: x\nconcerns: [trauma]\n"),
    ),
    Case(
        "answers file",
        "unknown question",
        ["ask", "--answers", "{file}"],
        2,
        "unknown question 'mood'",
        write("a.yaml", "who: adult\nconcerns: [trauma]\nmood: low\n"),
    ),
    Case(
        "answers file",
        "unknown option",
        ["ask", "--answers", "{file}"],
        2,
        "has no option 'grandpa'",
        write("a.yaml", "who: grandpa\nconcerns: [trauma]\n"),
    ),
    Case(
        "answers file",
        "a list where one value is expected",
        ["ask", "--answers", "{file}"],
        2,
        "takes one answer, not a list",
        write("a.yaml", "who: [adult, teen]\nconcerns: [trauma]\n"),
    ),
    Case(
        "answers file",
        "empty list for a required question",
        ["ask", "--answers", "{file}"],
        2,
        "needs at least one answer",
        write("a.yaml", "who: adult\nconcerns: []\n"),
    ),
    Case(
        "answers file",
        "yes/no question given text",
        ["ask", "--answers", "{file}"],
        2,
        "takes yes or no",
        write("a.yaml", "crisis: maybe\nwho: adult\nconcerns: [trauma]\n"),
    ),
    Case(
        "answers file",
        "JSON on stdin, unknown option",
        ["ask", "--answers", "-"],
        2,
        "has no option 'nope'",
        stdin='{"who": "adult", "concerns": ["nope"]}',
    ),
    # --- flags
    Case("flags", "unknown --who", ["ask", "--who", "grandpa", "--concern", "trauma"], 2, "the options are: adult"),
    Case("flags", "unknown --region for hotlines", ["hotlines", "--region", "XX"], 2, "the regions are: US"),
    Case("flags", "unknown --category", ["list", "--category", "talk"], 2, "the categories are"),
    Case("flags", "--top 0", [*ASK, "--top", "0"], 2, "--top"),
    Case("flags", "unknown option", ["show", "cbt", "--colour"], 2, "No such option"),
    Case("flags", "unknown command", ["shwo", "cbt"], 2, "No such command"),
    Case("flags", "unknown --format", ["export", "--format", "pdf"], 2, "markdown, json or yaml"),
    # --- screens (PHQ-9, GAD-7)
    Case("screens", "unknown screen", ["screen", "phq2"], 2, "no screen 'phq2'; the screens are: phq9, gad7"),
    Case("screens", "too few answers", ["screen", "gad7", "--scores", "0,1"], 2, "takes 7 answers from 0 to 3, not 2"),
    Case("screens", "an answer above 3", ["screen", "phq9", "--scores", "0,0,0,0,0,0,0,0,4"], 2, "not '4'"),
    Case(
        "screens", "an answer that is not a number", ["screen", "phq9", "--scores", "0,0,0,0,0,0,0,0,a"], 2, "not 'a'"
    ),
    Case("screens", "no answers and no terminal", ["screen", "phq9"], 2, "asks its questions in a terminal"),
    Case(
        "screens",
        "unknown --difficulty",
        ["screen", "gad7", "--scores", "1,0,0,0,0,0,0", "--difficulty", "hard"],
        2,
        "the difficulty is one of",
    ),
    Case(
        "screens",
        "answers file without that screen",
        ["screen", "gad7", "--answers", "{file}"],
        2,
        "no gad7 answers in it",
        write("a.yaml", "phq9: [0, 0, 0, 0, 0, 0, 0, 0, 0]\n"),
    ),
    Case(
        "screens",
        "ask answers file: a screen given as a word",
        ["ask", "--answers", "{file}"],
        2,
        "each answer is a number from 0 (not at all) to 3 (nearly every day), not 'lots'",
        write("a.yaml", "who: adult\nconcerns: [trauma]\ngad7: lots\n"),
    ),
    Case(
        "screens",
        "ask --phq9 with 8 answers",
        [*ASK, "--phq9", "0,0,0,0,0,0,0,0"],
        2,
        "takes 9 answers from 0 to 3, not 8",
    ),
    # --- names
    Case("names", "empty name", ["show", ""], 1, "no intervention called ''"),
    Case("names", "very long name", ["show", "x" * 5000], 1, "…"),
    Case("names", "terminal escape sequence", ["show", "\x1b[2J\x1b[31mcbt"], 1, "\\x1b"),
    Case("names", "non-ASCII", ["show", "terapia cognitivo-conductual ñ"], 1, "no intervention called"),
    Case("names", "a typo", ["show", "pcti"], 1, "did you mean Parent-child interaction therapy (PCIT)"),
    # --- output files
    Case(
        "output",
        "--output into a missing folder",
        ["export", "--output", "{tmp}/no/such/dir/kb.md"],
        4,
        "does not exist",
    ),
    Case("output", "--save into a missing folder", [*ASK, "--save", "{tmp}/no/r.md"], 4, "does not exist"),
    Case(
        "output",
        "--output onto an existing file",
        ["export", "--output", "{file}"],
        4,
        "use --force",
        existing,
        keeps={"out.md": "keep me\n"},
    ),
    Case(
        "output",
        "--save onto an existing file",
        [*ASK, "--save", "{file}"],
        4,
        "use --force",
        existing,
        keeps={"out.md": "keep me\n"},
    ),
    Case(
        "output",
        "--save onto an existing file, answers missing: refused before anything is asked",
        ["ask", "--save", "{file}"],
        4,
        "already exists",
        existing,
        keeps={"out.md": "keep me\n"},
    ),
    Case(
        "output",
        "screen --save onto an existing file: refused before anything is asked",
        ["screen", "phq9", "--save", "{file}"],
        4,
        "already exists",
        existing,
        keeps={"out.md": "keep me\n"},
    ),
    Case(
        "output",
        "safety-plan --save onto an existing file: refused before anything is asked",
        ["safety-plan", "--save", "{file}"],
        4,
        "already exists",
        existing,
        keeps={"out.md": "keep me\n"},
    ),
    Case("output", "--output onto a folder", ["export", "--output", "{file}"], 4, "is a folder", folder),
    Case(
        "output",
        "--output ending in / (name.md/)",
        ["export", "--output", "{tmp}/name.md/"],
        4,
        "names a folder",
        check=absent("name.md"),
    ),
    Case(
        "output",
        "--output /dev/null --force",
        ["export", "--output", "/dev/null", "--force"],
        4,
        "is not a regular file",
        check=char_device("/dev/null"),
    ),
    Case(
        "output",
        "--output /dev/stdout --force",
        ["export", "--output", "/dev/stdout", "--force"],
        4,
        "not a regular file",
    ),
    Case(
        "output",
        "--output onto a FIFO",
        ["export", "--output", "{file}", "--force"],
        4,
        "is not a regular file",
        fifo,
    ),
    Case(
        "output",
        "--output onto a dangling symbolic link",
        ["export", "--output", "{file}"],
        4,
        "already exists (a symbolic link)",
        dangling,
        check=link_unchanged("link.md", "{tmp}/nowhere.md"),
    ),
    Case(
        "output",
        "--output onto a dangling symbolic link, --force",
        ["export", "--output", "{file}", "--force"],
        4,
        "a symbolic link to nothing",
        dangling,
        check=link_unchanged("link.md", "{tmp}/nowhere.md"),
    ),
    Case(
        "output",
        "--output onto a symbolic link to itself",
        ["export", "--output", "{file}"],
        4,
        "already exists (a symbolic link)",
        self_link,
        check=link_unchanged("self.md", "self.md"),
    ),
    Case(
        "output",
        "--output onto a symbolic link to itself, --force",
        ["export", "--output", "{file}", "--force"],
        4,
        "a symbolic link to nothing (or to itself)",
        self_link,
        check=link_unchanged("self.md", "self.md"),
    ),
    Case(
        "output",
        "a 250-character file name (valid: written)",
        [*ASK, "--save", "{file}"],
        0,
        "saved the report to",
        long_name,
        check=report_written,
    ),
    Case(
        "output",
        "a file name over 255 bytes",
        ["export", "--output", "{tmp}/" + "n" * 300 + ".md"],
        4,
        ".md: cannot check it: the name is too long",
    ),
    Case(
        "output",
        "a path over 4096 bytes",
        ["export", "--output", "{file}"],
        4,
        "/report.md: cannot check it: the name is too long",
        long_path,
    ),
    Case(
        "output",
        "file name that is not UTF-8, in a missing folder",
        ["export", "--output", "{tmp}/no\udcff/kb.md"],
        4,
        "no\\xff/kb.md: the folder",
    ),
    Case(
        "output",
        "--output under a file, not a folder",
        ["export", "--output", "{file}/kb.md"],
        4,
        "a part of the path is not a folder",
        existing,
        keeps={"out.md": "keep me\n"},
    ),
    Case(
        "output",
        "--output through a linked folder to /proc/self/fd",
        ["export", "--output", "{file}/1", "--force"],
        4,
        "names an open stream or a process file",
        fd_folder,
    ),
    Case("output", "read-only folder", ["export", "--output", "{tmp}/kb.md"], 4, "permission denied", patch=read_only),
    Case(
        "output",
        "disk full while writing",
        ["export", "--output", "{file}", "--force"],
        4,
        "the disk is full",
        existing,
        patch=no_space,
        keeps={"out.md": "keep me\n"},
    ),
    Case("output", "--version to a full disk", [], 4, "No space left", script="{exe} --version > /dev/full"),
    Case("output", "stdout closed", [], 4, "standard output is closed", script="{exe} show cbt >&-"),
    Case(
        "output", "stdout is a full disk (/dev/full)", [], 4, "cannot write output", script="{exe} export > /dev/full"
    ),
    Case("output", "pipe closed early (head -1)", [], (0, 141), "", script="{exe} export | head -1 > /dev/null"),
    Case("output", "pipe closed before writing", [], 141, "", script="{exe} export --format json | true"),
    # --- terminal
    Case("terminal", "stdin closed, answers missing", [], 2, "missing answers: who, concerns", script="{exe} ask <&-"),
    Case("terminal", "stdin not a terminal", [], 2, "missing answers", script="echo adult | {exe} ask --region GB"),
    Case(
        "terminal",
        "--answers - with stdin closed",
        [],
        2,
        "standard input is closed",
        script="{exe} ask --answers - <&-",
    ),
    # --- hidden characters in a setting or an argument that names something: refused alike
    Case(
        "hidden characters",
        "THERAPICK_LANG=es ESC [2J (help-now): English, with the lines",
        ["help-now", "--region", "GB"],
        2,
        "THERAPICK_LANG: 'es\\x1b[2J' holds U+001B (ESCAPE): control and invisible characters are not allowed; shown",
        spawn=True,
        env={"THERAPICK_LANG": "es\x1b[2J"},
        shows=GB,
    ),
    Case(
        "hidden characters",
        "--lang es U+202E (list)",
        ["--lang", "es\u202e", "list"],
        2,
        "--lang: 'es\\u202e' holds U+202E (RIGHT-TO-LEFT OVERRIDE)",
    ),
    Case(
        "hidden characters",
        "help-now --region U+202E BG (was read as BG, Bulgaria)",
        ["help-now", "--region", "\u202eBG"],
        2,
        "--region: '\\u202eBG' holds U+202E (RIGHT-TO-LEFT OVERRIDE): control and invisible characters are not",
        shows=EVERY_REGION,
    ),
    Case(
        "hidden characters",
        "help-now --country U+202E FR",
        ["help-now", "--country", "\u202eFR"],
        2,
        "--country: '\\u202eFR' holds U+202E (RIGHT-TO-LEFT OVERRIDE)",
        shows=EVERY_REGION,
    ),
    Case(
        "hidden characters",
        "THERAPICK_REGION=GB U+200B (ask --crisis)",
        ["ask", "--crisis"],
        2,
        "THERAPICK_REGION: 'GB\\u200b' holds U+200B (ZERO WIDTH SPACE)",
        spawn=True,
        env={"THERAPICK_REGION": "GB\u200b"},
        shows=EVERY_REGION,
    ),
    Case(
        "hidden characters",
        "ask --answer region=U+202E GB",
        [*ASK, "--answer", "region=\u202eGB"],
        2,
        "--answer: '\\u202eGB' holds U+202E (RIGHT-TO-LEFT OVERRIDE)",
    ),
    Case(
        "crisis floor",
        "help-now --country '  ' (blanks: as --country '')",
        ["help-now", "--country", "  "],
        2,
        "--country takes the name or two-letter code of a country; every region's",
        shows=EVERY_REGION,
    ),
    Case(
        "crisis floor",
        "help-now --country ''",
        ["help-now", "--country", ""],
        2,
        "--country takes the name or two-letter code of a country; every region's",
        shows=EVERY_REGION,
    ),
    # --- hidden characters from a knowledge base: refused when it is loaded, on every command
    Case(
        "hidden characters",
        "OSC 52 clipboard write in a line's url (hotlines)",
        ["--kb", "{file}", "hotlines"],
        3,
        "U+001B (ESCAPE)",
        kb_edit(LINE_URL, LINE_URL.replace("https://988lifeline.org", f'"https://988lifeline.org{OSC52}"')),
    ),
    Case(
        "hidden characters",
        "a screen clear (ESC [2J) in a line's url (ask)",
        ["--kb", "{file}", *ASK],
        3,
        "U+001B (ESCAPE)",
        kb_edit(LINE_URL, LINE_URL.replace("https://988lifeline.org", '"https://988lifeline.org\\e[2J"')),
    ),
    Case(
        "hidden characters",
        "C1 CSI (U+009B) in an intervention's name (list)",
        ["--kb", "{file}", "list"],
        3,
        "U+009B",
        kb_edit("name: Cognitive behavioral therapy\n", 'name: "CBT\\u009B2J"\n'),
    ),
    Case(
        "hidden characters",
        "C1 OSC (U+009D) in a category's name (export)",
        ["--kb", "{file}", "export"],
        3,
        "U+009D",
        kb_edit("    name: Cognitive-behavioral therapies\n", '    name: "Cognitive\\u009D0;title\\u009C"\n'),
    ),
    Case(
        "hidden characters",
        "BEL in a line's hours (hotlines --json)",
        ["--kb", "{file}", "hotlines", "--json"],
        3,
        "U+0007 (BELL)",
        kb_edit("        hours: 24/7, free\n", '        hours: "24/7\\a, free"\n'),
    ),
    Case(
        "hidden characters",
        "right-to-left override (U+202E) in a phone number (hotlines)",
        ["--kb", "{file}", "hotlines", "--region", "GB"],
        3,
        "U+202E (RIGHT-TO-LEFT OVERRIDE)",
        kb_edit('value: "116 123", note: "free"}', 'value: "116 \\u202E321", note: "free"}'),
    ),
    Case(
        "hidden characters",
        "Arabic letter mark (U+061C) in a phone number (ask)",
        ["--kb", "{file}", *ASK, "--region", "GB"],
        3,
        "U+061C (ARABIC LETTER MARK)",
        kb_edit('value: "116 123", note: "free"}', 'value: "116 \\u061C123", note: "free"}'),
    ),
    Case(
        "hidden characters",
        "left-to-right isolate (U+2066) in a line's name (show)",
        ["--kb", "{file}", "show", "cbt"],
        3,
        "U+2066",
        kb_edit("        name: Samaritans\n", '        name: "Sama\\u2066ritans"\n'),
    ),
    Case(
        "hidden characters",
        "soft hyphen (U+00AD) in a name (show)",
        ["--kb", "{file}", "show", "cbt"],
        3,
        "U+00AD (SOFT HYPHEN)",
        kb_edit("name: Cognitive behavioral therapy\n", 'name: "Cogni\\u00ADtive behavioral therapy"\n'),
    ),
    Case(
        "hidden characters",
        "Mongolian vowel separator (U+180E) in a name",
        ["--kb", "{file}", "list"],
        3,
        "U+180E",
        kb_edit("name: Cognitive behavioral therapy\n", 'name: "Cognitive\\u180E behavioral therapy"\n'),
    ),
    Case(
        "hidden characters",
        "interlinear annotation (U+FFF9) in a name",
        ["--kb", "{file}", "list"],
        3,
        "U+FFF9",
        kb_edit("name: Cognitive behavioral therapy\n", 'name: "CBT\\uFFF9hidden\\uFFFB"\n'),
    ),
    Case(
        "hidden characters",
        "line separator (U+2028) in a name",
        ["--kb", "{file}", "list"],
        3,
        "U+2028 (LINE SEPARATOR)",
        kb_edit("name: Cognitive behavioral therapy\n", 'name: "Cognitive\\u2028behavioral therapy"\n'),
    ),
    Case(
        "hidden characters",
        "a private-use character (U+E000) in a name",
        ["--kb", "{file}", "list"],
        3,
        "U+E000 (PRIVATE USE)",
        kb_edit("name: Cognitive behavioral therapy\n", 'name: "Cognitive \\uE000 therapy"\n'),
    ),
    Case(
        "hidden characters",
        "a tag character beyond U+FFFF (U+E0041) in a name",
        ["--kb", "{file}", "list"],
        3,
        "U+E0041",
        kb_edit("name: Cognitive behavioral therapy\n", 'name: "Cognitive\\U000E0041 therapy"\n'),
    ),
    Case(
        "hidden characters",
        "a phone number of only U+3164 (looks blank)",
        ["--kb", "{file}", "hotlines"],
        3,
        "U+3164 (HANGUL FILLER)",
        kb_edit('value: "116 123", note: "free"}', 'value: "\\u3164", note: "free"}'),
    ),
    Case(
        "hidden characters",
        "a phone number of only U+2800 (looks blank)",
        ["--kb", "{file}", "hotlines"],
        3,
        "U+2800",
        kb_edit('value: "116 123", note: "free"}', 'value: "\\u2800\\u2800", note: "free"}'),
    ),
    Case(
        "hidden characters",
        "a phone number no one can dial (116 12a)",
        ["--kb", "{file}", "hotlines"],
        3,
        "a number to call must be digits a person can dial",
        kb_edit('value: "116 123", note: "free"}', 'value: "116 12a", note: "free"}'),
    ),
    Case(
        "hidden characters",
        "a line break in a name",
        ["--kb", "{file}", "list"],
        3,
        "this text must be one line",
        kb_edit("name: Cognitive behavioral therapy\n", 'name: "Cognitive\\nbehavioral therapy"\n'),
    ),
    Case(
        "hidden characters",
        "ESC in a key",
        ["--kb", "{file}", "list"],
        3,
        "U+001B (ESCAPE): control and invisible characters are not allowed",
        kb_edit("    abbreviation: CBT\n", '    abbreviation: CBT\n    "x\\e[2J": 1\n'),
    ),
    Case(
        "hidden characters",
        "a raw ESC byte in the file, outside any text",
        ["--kb", "{file}", "list"],
        3,
        "line 2: not valid YAML or JSON: the text holds U+001B",
        write("kb.yaml", "schema_version: 1\nupdated: \x1b[2J\n"),
    ),
    Case(
        "hidden characters",
        "a NUL byte in the file (PyYAML's position is not shown)",
        ["--kb", "{file}", "list"],
        3,
        "line 1: not valid YAML or JSON: the text holds U+0000",
        write("kb.yaml", "a: \x00\n"),
    ),
    Case(
        "hidden characters",
        "ESC in an id to remove (extends)",
        ["--kb", "{file}", "list"],
        3,
        "U+001B (ESCAPE)",
        clinic('remove:\n  lines: ["gb-\\e]52;c;eA==\\a"]\n'),
    ),
    # --- validate prints what it checks, escaped
    Case(
        "validate",
        "OSC 52 in a key's name",
        ["validate", "{file}"],
        1,
        "\\x1b]52;c;",
        kb_edit("    abbreviation: CBT\n", f'    abbreviation: CBT\n    "{OSC52}": 1\n'),
        stream="stdout",
    ),
    Case(
        "validate",
        "BEL and C1 CSI in a value",
        ["validate", "{file}"],
        1,
        "U+0007 (BELL)",
        kb_edit("name: Cognitive behavioral therapy\n", 'name: "CBT\\a\\u009B2J"\n'),
        stream="stdout",
    ),
    Case(
        "validate",
        "OSC 52 in an id to remove",
        ["validate", "{file}"],
        1,
        "at $.remove.lines[0]",
        clinic(f'remove:\n  lines: ["{OSC52}"]\n'),
        stream="stdout",
    ),
    Case(
        "validate",
        "a right-to-left override in an unknown section's name",
        ["validate", "{file}"],
        1,
        "$.\\u202eoops",
        clinic('"\\u202Eoops": 1\n'),
        stream="stdout",
    ),
    Case(
        "validate", "an empty file name", ["validate", ""], 1, "the knowledge-base file name is empty", stream="stdout"
    ),
    # --- matched to the end of the text, not before a final line break
    Case(
        "end of text",
        "a region id 'GB' and a line break",
        ["--kb", "{file}", "hotlines", "--region", "GB"],
        3,
        "'GB\\x0a' is not a region id",
        kb_edit("  - id: GB\n", '  - id: "GB\\n"\n'),
    ),
    Case(
        "end of text",
        "an intervention id 'cbt' and a line break",
        ["--kb", "{file}", "show", "cbt"],
        3,
        "'cbt\\x0a' is not an id",
        kb_edit("  - id: cbt\n", '  - id: "cbt\\n"\n'),
    ),
    Case(
        "end of text",
        "a checked date and a line break",
        ["--kb", "{file}", "hotlines"],
        3,
        "'2026-11-26\\x0a' is not a date like 2026-11",
        kb_edit('        checked: "2026-11-26"\n', '        checked: "2026-11-26\\n"\n'),
    ),
    Case(
        "end of text",
        "a url and a line break",
        ["--kb", "{file}", "hotlines"],
        3,
        "is not an https:// or http:// address",
        kb_edit(LINE_URL, LINE_URL.replace("https://988lifeline.org", '"https://988lifeline.org\\n"')),
    ),
    Case(
        "end of text",
        "an option id and a line break",
        ["--kb", "{file}", *ASK],
        3,
        "'adult\\x0a' is not an option id",
        kb_edit("        - {id: adult, label:", '        - {id: "adult\\n", label:'),
    ),
    Case(
        "end of text",
        "a month that does not exist (2026-13)",
        ["--kb", "{file}", "hotlines"],
        3,
        "'2026-13' is not a date",
        kb_edit('        checked: "2026-11-26"\n', '        checked: "2026-13"\n'),
    ),
    # --- cost: refused in bounded time and memory (bench/shapes.py measures every shape)
    Case(
        "size and cost",
        "15.9 MB of YAML: one flat list of short items",
        ["--kb", "{file}", "list"],
        3,
        "holds more than 250,000 values",
        big(flat_list, "flat.yaml"),
    ),
    Case(
        "size and cost",
        "15.9 MB of JSON: one flat list",
        ["--kb", "{file}", "list"],
        3,
        "holds more than 250,000 values",
        big(flat_json, "flat.json"),
    ),
    Case(
        "size and cost",
        "15.9 MB of JSON: one mapping of many keys",
        ["--kb", "{file}", "list"],
        3,
        "holds more than 250,000 values",
        big(many_keys_json, "keys.json"),
    ),
    Case(
        "size and cost",
        "15.9 MB of JSON: nesting 8 million deep",
        ["--kb", "{file}", "list"],
        3,
        "nesting deeper than 64 levels",
        big(deep_json, "deep.json"),
    ),
    Case(
        "size and cost",
        "15.9 MB answers file: one flat list",
        ["ask", "--answers", "{file}"],
        2,
        "answers file is not valid",
        big(flat_list, "answers.yaml"),
    ),
    Case(
        "size and cost",
        "16 MB and one byte (the size and the limit in one unit)",
        ["--kb", "{file}", "list"],
        3,
        "too large (16,777,217 bytes); a knowledge base file may be at most 16,777,216 bytes",
        over_by_one,
    ),
    Case(
        "size and cost",
        "two YAML documents in one file",
        ["--kb", "{file}", "list"],
        3,
        "line 2: the file holds more than one YAML document",
        write("kb.yaml", "schema_version: 1\n---\nschema_version: 1\n"),
    ),
    # --- writes
    Case(
        "writes",
        "--save - with --json",
        [*ASK, "--json", "--save", "-"],
        2,
        "--save - writes the report to standard output, which --json uses",
    ),
    Case(
        "writes",
        "--save - prints the report, and nothing else",
        [*ASK, "--save", "-"],
        0,
        "# therapick report",
        stream="result",
    ),
    Case(
        "writes",
        "export --output - prints the export, with no 'wrote -'",
        ["export", "--output", "-"],
        0,
        "# ",
        stream="result",
    ),
    Case(
        "writes",
        "export --output under umask 077 (the umask is respected)",
        [],
        0,
        "wrote out.md",
        script="umask 077; {exe} export --output out.md",
        check=umask_077,
    ),
    Case(
        "writes",
        "--save into a folder that cannot be written, answers missing: refused before anything is asked",
        ["ask", "--save", "{tmp}/r.md"],
        4,
        "r.md: cannot write in ",
        patch=read_only,
        check=absent("r.md"),
    ),
    Case(
        "writes",
        "--install-completion (not done by therapick: see the README)",
        ["--install-completion"],
        2,
        "No such option: --install-completion",
    ),
    # --- standard input: read at most once, and only when asked
    Case(
        "standard input",
        "--kb - ask --answers - (stdin twice)",
        ["--kb", "-", "ask", "--answers", "-"],
        2,
        "stdin: standard input is already read for a knowledge base file",
        stdin=KB,
    ),
    Case(
        "standard input",
        "extends: - in a file loaded by a relative path",
        ["--kb", "clinic.yaml", "list"],
        3,
        "-: 'extends' names standard input",
        write("clinic.yaml", 'schema_version: 1\nextends: "-"\n'),
        spawn=True,
    ),
    Case(
        "standard input",
        "extends: /dev/stdin",
        ["--kb", "{file}", "list"],
        3,
        "/dev/stdin: 'extends' names standard input",
        write("clinic.yaml", "schema_version: 1\nextends: /dev/stdin\n"),
        spawn=True,
        stdin=KB,
    ),
    # --- inputs that surprise
    Case(
        "surprises",
        "--region GB --region US (was: US, silently)",
        ["hotlines", "--region", "GB", "--region", "US"],
        2,
        "--region is given twice, as 'GB' and as 'US'; give it once",
    ),
    Case(
        "surprises",
        "ask --crisis --no-crisis (was: no)",
        ["ask", "--crisis", "--no-crisis", "--region", "GB"],
        2,
        "--crisis and --no-crisis are both given; give one; the crisis lines are shown all the same",
        shows=GB,
    ),
    Case(
        "surprises",
        "list --category COGNITIVE-BEHAVIORAL (ids ignore case): no error",
        ["list", "--category", "COGNITIVE-BEHAVIORAL"],
        0,
        "Cognitive behavioral therapy (CBT)",
        stream="result",
    ),
    Case(
        "surprises",
        "export --format JSON: no error",
        ["export", "--format", "JSON"],
        0,
        '"schema_version"',
        stream="result",
    ),
    Case(
        "surprises",
        "--answer phq9=...,1 then --phq9 ...,0: a later flag no longer cancels the ninth answer",
        [*ASK_ANXIETY, "--answer", "phq9=0,0,0,0,0,0,0,0,1", "--phq9", "0,0,0,0,0,0,0,0,0", "--region", "GB"],
        2,
        "PHQ-9 is answered twice, differently (--answer: 0,0,0,0,0,0,0,0,1; --phq9: 0,0,0,0,0,0,0,0,0); give one",
        shows=GB,
    ),
    Case(
        "surprises",
        "phq9 in the answers file and --phq9, different (no risk): refused, no lines",
        ["ask", "--answers", "{file}", "--phq9", "0,1,0,0,0,0,0,0,0"],
        2,
        "a.yaml: 0,0,0,0,0,0,0,0,0; --phq9: 0,1,0,0,0,0,0,0,0); give one answer",
        write("a.yaml", "who: adult\nconcerns: [anxiety]\nphq9: [0, 0, 0, 0, 0, 0, 0, 0, 0]\n"),
    ),
    Case(
        "surprises",
        "screen phq9 --answers FILE (ninth answer 1) --scores ...,0 --json",
        ["screen", "phq9", "--answers", "{file}", "--scores", "0,0,0,0,0,0,0,0,0", "--json", "-r", "GB"],
        2,
        "give one answer; the crisis lines are shown all the same",
        write("s.yaml", "phq9: [0, 0, 0, 0, 0, 0, 0, 0, 1]\n"),
        shows=('"crisis": {', '"value": "116 123"'),
    ),
    Case(
        "surprises",
        "--answer crisis=yes --no-crisis: the yes wins",
        ["ask", "--answer", "crisis=yes", "--no-crisis", "--region", "GB"],
        0,
        "call 116 123",
        stream="result",
    ),
    Case(
        "surprises",
        "crisis: yes in the answers file, --no-crisis on the command line: the yes wins",
        ["ask", "--answers", "{file}", "--no-crisis", "--region", "GB", "--json"],
        0,
        '"value": "116 123"',
        write("a.yaml", "crisis: yes\nwho: adult\nconcerns: [trauma]\n"),
        stream="result",
    ),
    Case(
        "surprises",
        "who: !!str adult (a tag) in an answers file",
        ["ask", "--answers", "{file}"],
        2,
        "line 1: the tag '!!str' is not allowed",
        write("a.yaml", "who: !!str adult\nconcerns: [trauma]\n"),
    ),
    Case(
        "surprises",
        "crisis: !!bool true (a tag) in a knowledge base",
        ["--kb", "{file}", "list"],
        3,
        "the tag '!!bool' is not allowed",
        kb_edit("        crisis: true\n", "        crisis: !!bool true\n"),
    ),
    Case(
        "surprises",
        "a local tag (!clinic) on a mapping",
        ["--kb", "{file}", "list"],
        3,
        "the tag '!clinic' is not allowed",
        kb_edit("    show_for: {always: true}\n", "    show_for: !clinic {always: true}\n"),
    ),
    # --- exit codes that say what happened
    Case("exit codes", "ask, reader gone (| true)", [], 141, "", script=f"{{exe}} {' '.join(ASK)} | true"),
    Case("exit codes", "show in colour, reader gone", [], 141, "", script="FORCE_COLOR=1 {exe} show cbt | true"),
    Case("exit codes", "hotlines in colour, reader gone", [], 141, "", script="FORCE_COLOR=1 {exe} hotlines | true"),
    Case(
        "exit codes",
        "the terminal closed at the first question (SIGHUP)",
        ["ask"],
        129,
        "",
        runner=hang_up,
        silent=True,
    ),
    Case("exit codes", "--help, stdout closed", [], 4, "standard output is closed", script="{exe} --help >&-"),
    Case("exit codes", "--version, stdout closed", [], 4, "standard output is closed", script="{exe} --version >&-"),
    Case(
        "exit codes",
        "--show-completion, stdout closed",
        [],
        4,
        "standard output is closed",
        script="{exe} --show-completion >&-",
    ),
    Case(
        "exit codes", "list --json, stdout closed", [], 4, "standard output is closed", script="{exe} list --json >&-"
    ),
    Case(
        "exit codes",
        "show emdr (a therapy it does not describe): what to ask on stdout, one line on stderr",
        ["show", "emdr"],
        1,
        "Eye movement desensitisation and reprocessing (EMDR) is not one of the 11 approaches therapick describes",
        shows=("therapick ask",),
    ),
    Case("exit codes", "show zzzz (no such name)", ["show", "zzzz"], 1, "no intervention called 'zzzz'"),
    Case(
        "messages",
        "--save to a name with a line break that exists: the name escaped, not a space",
        [*ASK, "--save", "{tmp}/new\nline.md"],
        4,
        "/new\\x0aline.md: already exists; use --force to replace it",
        write("new\nline.md", "keep me\n"),
        keeps={"new\nline.md": "keep me\n"},
    ),
    Case(
        "messages",
        "--kb a name with a tab",
        ["--kb", "{tmp}/my\tkb.yaml", "list"],
        3,
        "/my\\x09kb.yaml: no such file",
    ),
    # --- messages in the person's terms
    Case(
        "messages",
        "id: NO (YAML 1.1 would read false)",
        ["--kb", "{file}", "list"],
        3,
        "'NO' is not an id: lowercase letters and digits",
        kb_edit("  - id: cbt\n", "  - id: NO\n"),
    ),
    Case(
        "messages",
        "id: 123 (a number)",
        ["--kb", "{file}", "list"],
        3,
        'expected text, not a whole number (123 is read as one; to mean the text, write "123")',
        kb_edit("  - id: cbt\n", "  - id: 123\n"),
    ),
    Case(
        "messages",
        "replace: an item whose id is a number",
        ["--kb", "{file}", "list"],
        3,
        'an id must be text: 123 is read as a number; write "123"',
        clinic("replace:\n  interventions:\n    - {id: 123, name: x}\n"),
    ),
    Case(
        "messages",
        "replace: an item whose id is NO",
        ["--kb", "{file}", "list"],
        3,
        "cannot replace intervention 'NO': there is none with that id",
        clinic("replace:\n  interventions:\n    - {id: NO, name: x}\n"),
    ),
    Case(
        "messages",
        "add: a support line with region: ZZ",
        ["--kb", "{file}", "list"],
        3,
        "there is no region 'ZZ'; a new support line needs 'region', one of: US, CA",
        clinic(
            "add:\n  lines:\n    - {id: zz-line, region: ZZ, name: A line, contact: [{method: call, value: '1'}],"
            " purpose: help, hours: 24/7, url: 'https://example.org', checked: '2026-11', show_for: {always: true}}\n"
        ),
    ),
    Case(
        "messages",
        "an answers file's region: NO",
        ["ask", "--answers", "{file}"],
        2,
        "'region' has no option 'NO'; the options are: US, CA",
        write("a.yaml", "who: adult\nconcerns: [trauma]\nregion: NO\n"),
    ),
    Case(
        "messages",
        "a url that is not a web page (no regular expression in the message)",
        ["--kb", "{file}", "hotlines"],
        3,
        "'ftp://988lifeline.org' is not an https:// or http:// address",
        kb_edit(LINE_URL, LINE_URL.replace("https://", "ftp://")),
    ),
    Case("messages", "--kb ''", ["--kb", "", "list"], 3, "the knowledge-base file name is empty"),
    Case(
        "messages",
        "THERAPICK_KB='' (the same as --kb '')",
        ["list"],
        3,
        "the knowledge-base file name is empty",
        spawn=True,
        env={"THERAPICK_KB": ""},
    ),
    Case("messages", "--answers ''", ["ask", "--answers", ""], 2, "the file name is empty; give an answers file"),
    # --- shell completion
    Case(
        "completion",
        "_THERAPICK_COMPLETE=bogus",
        [],
        2,
        "_THERAPICK_COMPLETE=bogus is not a completion request",
        spawn=True,
        env={"_THERAPICK_COMPLETE": "bogus"},
    ),
    Case(
        "completion",
        "_THERAPICK_COMPLETE=complete_tcsh (a shell with no completion)",
        [],
        2,
        "is not a completion request",
        spawn=True,
        env={"_THERAPICK_COMPLETE": "complete_tcsh"},
    ),
    Case(
        "completion",
        "COMP_CWORD=abc",
        [],
        2,
        "needs COMP_CWORD to be a word number, not 'abc'",
        spawn=True,
        env={"_THERAPICK_COMPLETE": "complete_bash", "COMP_WORDS": "therapick sh", "COMP_CWORD": "abc"},
    ),
    Case(
        "completion",
        "complete_bash without COMP_WORDS",
        [],
        2,
        "bash completion needs COMP_WORDS",
        spawn=True,
        env={"_THERAPICK_COMPLETE": "complete_bash", "COMP_CWORD": "1"},
    ),
]


# --------------------------------------------------------------------------
# Running a case


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str

    def lines(self, stream: str) -> list[str]:
        return [ln for ln in (self.stdout if stream == "stdout" else self.stderr).splitlines() if ln.strip()]


@contextlib.contextmanager
def pinned(home: Path) -> Iterator[None]:
    """The environment every case runs in; the caller's is put back afterwards."""
    saved = dict(os.environ)
    try:
        for name in UNSET:
            os.environ.pop(name, None)
        os.environ.update(PINNED, HOME=str(home))
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def first_hidden(text: str, newlines: bool) -> str | None:
    from therapick.base.text import first_hidden as find

    return find(text, newlines=newlines)


def describe(ch: str) -> str:
    from therapick.base.text import describe as name

    return name(ch)


def _in_process(args: list[str], stdin: str | bytes | None) -> Outcome:
    from typer.testing import CliRunner

    from therapick.cli import app as cli

    with CliRunner().isolation(input=stdin) as (out, err, _):
        code = cli.run(args)
        with contextlib.suppress(ValueError, OSError):
            sys.stdout.flush()
            sys.stderr.flush()
        stdout, stderr = out.getvalue(), err.getvalue()
    return Outcome(code, stdout.decode("utf-8", "replace"), stderr.decode("utf-8", "replace"))


def _process(argv: list[str], case: Case, tmp: Path) -> Outcome:
    env = dict(os.environ, **case.env)
    data = case.stdin.encode() if isinstance(case.stdin, str) else case.stdin
    try:
        p = subprocess.run(argv, input=data, capture_output=True, cwd=tmp, timeout=TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        return Outcome(-1, "", f"(hung: no exit within {TIMEOUT} s)")
    return Outcome(p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"))


def run_case(case: Case, tmp: Path) -> Outcome:
    """Run one case in the folder ``tmp`` (the caller pins the environment with ``pinned``)."""
    made = case.make(tmp) if case.make else ""
    args = [a.replace("{file}", made).replace("{tmp}", str(tmp)) for a in case.args]
    if case.runner:
        return case.runner(case, tmp)
    if case.script:
        script = f"set -o pipefail; {case.script.replace('{exe}', ' '.join(therapick_exe()))}"
        return _process(["bash", "-c", script], case, tmp)
    if case.spawn:
        return _process([*therapick_exe(), *args], case, tmp)
    with case.patch() if case.patch else contextlib.nullcontext():
        return _in_process(args, case.stdin)


def problems(case: Case, out: Outcome, tmp: Path, before: set[str]) -> list[str]:
    """What is wrong with ``out`` for ``case``: the promises every bad input keeps."""
    found: list[str] = []
    if out.code not in case.codes:
        found.append(f"exit {out.code}, not {case.code}: {out.stderr[-300:]!r}")
    if "Traceback" in out.stderr + out.stdout:
        found.append("a traceback")
    lines = out.lines("stderr")
    hidden = first_hidden(out.stdout + out.stderr, newlines=True)
    if hidden is not None:
        found.append(f"a hidden character reached the output: {describe(hidden)}")
    if 141 in case.codes or case.silent:
        if lines:
            found.append(f"a closed pipe must end quietly, not say {lines}")
    elif case.stream == "result":  # a good run: its output holds what was asked for, and nothing is said
        if lines:
            found.append(f"nothing is said on stderr, not {lines}")
        if case.says not in out.stdout:
            found.append(f"{case.says!r} not in stdout: {out.stdout[:300]!r}")
    elif case.stream == "stdout":
        if lines:
            found.append(f"validate says nothing on stderr, not {lines}")
        said = out.lines("stdout")
        if not said or not said[-1].endswith(f"not valid ({len(said) - 1} problem{'s' if len(said) > 2 else ''})"):
            found.append(f"the last line is not the verdict: {said[-1:]}")
        elif case.says not in said[0]:
            found.append(f"{case.says!r} not in {said[0]!r}")
    else:
        if len(lines) != 1:
            found.append(f"not exactly one line on stderr: {lines}")
        elif not lines[0].startswith("therapick: "):
            found.append(f"the line does not start with 'therapick: ': {lines[0]!r}")
        elif case.says not in lines[0]:
            found.append(f"{case.says!r} not in {lines[0]!r}")
    for words in case.shows:
        if words not in out.stdout:
            found.append(f"{words!r} is not on stdout")
    after = {os.fsdecode(n) for n in os.listdir(os.fsencode(tmp))}
    if [n for n in after if n.endswith(".tmp")]:
        found.append(f"a temporary file was left: {sorted(after - before)}")
    for name, content in case.keeps.items():
        if (tmp / name).read_text() != content:
            found.append(f"{name} was changed")
    if case.check:
        complaint = case.check(tmp)
        if complaint:
            found.append(complaint)
    return found


# --------------------------------------------------------------------------
# The document

HEADER = """\
# Bad input: what therapick says

Generated by `python tools/bad_inputs.py --write` from the cases in that file; CI runs
`python tools/bad_inputs.py --check`, and `tests/test_bad_inputs.py` checks every case, so this
table cannot drift from what therapick does. Each case exits with the code shown, prints no
traceback, writes no control, format or invisible character to stdout or stderr, and leaves no
partial or temporary file. Every case but `validate` prints exactly one line on stderr (shown
here); `validate` prints every problem on stdout (its first problem is shown) and then its
verdict; a case that is no error (exit 0) shows the line of its output that matters, with nothing
on stderr; a closed pipe or terminal ends with its exit code and nothing said. The temporary
folder is written as `DIR`. Exit codes are explained in the README.

| input | case | exit | message |
| --- | --- | --- | --- |
"""


def _cell(text: str, tmp: Path) -> str:
    text = text.replace(str(tmp), "DIR").replace("|", "\\|").replace("`", "'")
    # A long message keeps its start and its end (where a path's file name and the reason are).
    return text if len(text) <= 160 else f"{text[:90]} ... {text[-65:]}"


def render() -> str:
    """The Markdown of docs/bad-inputs.md, from one run of every case."""
    rows = [HEADER]
    with tempfile.TemporaryDirectory() as root_name:
        root = Path(root_name)
        with pinned(root / "home"):
            (root / "home").mkdir()
            for n, case in enumerate(CASES):
                tmp = root / f"c{n}"
                tmp.mkdir()
                out = run_case(case, tmp)
                lines = out.lines("stdout" if case.stream == "result" else case.stream)
                if case.stream == "result":  # a good run: the line that shows it
                    lines = [ln for ln in lines if case.says in ln] or lines
                message = _cell(lines[0].strip() if lines else "(nothing)", tmp)
                code = " or ".join(map(str, case.codes)) if len(case.codes) > 1 else str(out.code)
                rows.append(f"| {case.group} | {_cell(case.what, tmp)} | {code} | `{message}` |\n")
                shutil.rmtree(tmp, ignore_errors=True)
    return "".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate or check docs/bad-inputs.md.")
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="regenerate docs/bad-inputs.md")
    mode.add_argument("--check", action="store_true", help="exit 1 if docs/bad-inputs.md is out of date")
    args = parser.parse_args(argv)
    text = render()
    if args.write:
        DOC.parent.mkdir(exist_ok=True)
        DOC.write_text(text, encoding="utf-8")
        print(f"wrote {DOC.relative_to(ROOT)} ({len(CASES)} cases)")
        return 0
    current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    if current != text:
        import difflib

        sys.stdout.writelines(
            difflib.unified_diff(current.splitlines(True), text.splitlines(True), "docs/bad-inputs.md", "render()")
        )
        print("docs/bad-inputs.md is out of date: run python tools/bad_inputs.py --write", file=sys.stderr)
        return 1
    print(f"docs/bad-inputs.md is current ({len(CASES)} cases)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
