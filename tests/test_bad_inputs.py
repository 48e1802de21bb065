"""Every bad input we know of: one clear line on stderr, a documented exit code,
no traceback, no partial file.

The cases are data. `test_docs_table_is_current` renders them, with the
message each one actually produced, into docs/bad-inputs.md and fails if the
file differs; run `THERAPICK_UPDATE_DOCS=1 pytest tests/test_bad_inputs.py`
to rewrite it after a deliberate change.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import KB_PATH, ROOT, therapick_exe
from therapick.cli import app
from therapick.errors import BROKEN_PIPE

DOC = ROOT / "docs" / "bad-inputs.md"
KB = KB_PATH.read_text(encoding="utf-8")
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]\n" for n in range(8)
)


def write(name: str, content: str | bytes) -> Callable[[Path], str]:
    def make(tmp: Path) -> str:
        path = tmp / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return str(path)

    return make


def kb_edit(old: str, new: str) -> Callable[[Path], str]:
    assert old in KB, old
    return write("kb.yaml", KB.replace(old, new, 1))


def big_file(tmp: Path) -> str:
    path = tmp / "big.yaml"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    return str(path)


def folder(tmp: Path) -> str:
    (tmp / "afolder").mkdir()
    return str(tmp / "afolder")


@dataclass
class Case:
    group: str
    what: str
    args: list[str]  # "{file}" is replaced by the path `make` returns, "{tmp}" by the temp folder
    code: int | tuple[int, ...]
    says: str  # a fragment the one stderr line must contain
    make: Callable[[Path], str] | None = None
    stdin: str | None = None
    shell: str | None = None  # run through a shell instead of in-process
    patch: Callable[[pytest.MonkeyPatch], None] | None = None
    keeps: dict[str, str] = field(default_factory=dict)  # files that must be left exactly so


def no_space(mp: pytest.MonkeyPatch) -> None:
    def full(fd: int, data: Any) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    mp.setattr("therapick.files.os.write", full)


def read_only(mp: pytest.MonkeyPatch) -> None:
    # The suite runs as root in CI, where a chmod-ed folder is still writable,
    # so the refusal the OS would give is simulated at the one place we create files.
    def denied(*a: Any, **k: Any) -> Any:
        raise PermissionError(errno.EACCES, "Permission denied")

    mp.setattr("therapick.files.tempfile.mkstemp", denied)


def existing(tmp: Path) -> str:
    (tmp / "out.md").write_text("keep me\n")
    return str(tmp / "out.md")


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
    Case("knowledge base", "a folder", ["--kb", "{file}", "list"], 3, "is a folder", folder),
    Case(
        "knowledge base",
        "not UTF-8",
        ["--kb", "{file}", "list"],
        3,
        "not UTF-8",
        write("kb.yaml", b"schema_version: 1\nname: \xff\xfe\n"),
    ),
    Case("knowledge base", "50 MB file", ["--kb", "{file}", "list"], 3, "larger than", big_file),
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
        "Expected 'str', got 'int'",
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
        "duplicate id",
        ["--kb", "{file}", "list"],
        3,
        "duplicate id 'cbt'",
        kb_edit("  - id: dbt\n", "  - id: cbt\n"),
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
        "dangling concern",
        ["--kb", "{file}", "list"],
        3,
        "unknown concern",
        kb_edit("show_for: {concerns: [substance-use]}", "show_for: {concerns: [drugs]}"),
    ),
    Case(
        "knowledge base",
        "JSON, wrong type",
        ["--kb", "{file}", "list"],
        3,
        "Expected 'str', got 'int' at $.updated",
        write("kb.json", '{"schema_version": 1, "updated": 5}'),
    ),
    Case(
        "knowledge base",
        "JSON, malformed",
        ["--kb", "{file}", "list"],
        3,
        "not valid JSON or YAML",
        write("kb.json", '{"schema_version": 1,, }'),
    ),
    Case(
        "knowledge base",
        "terminal escape sequence in a name",
        ["--kb", "{file}", "export"],
        3,
        "no control characters",
        kb_edit("name: Cognitive behavioral therapy\n", 'name: "\\e[2J\\e[31mCBT"\n'),
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
        "validate a broken file",
        ["validate", "{file}"],
        1,
        "not valid",
        kb_edit("  - id: dbt\n", "  - id: cbt\n"),
    ),
    # --- answers file
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
        "takes true or false",
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
    Case("flags", "--top 0", ["ask", "--top", "0", "--who", "adult", "--concern", "trauma"], 2, "--top"),
    Case("flags", "unknown option", ["show", "cbt", "--colour"], 2, "No such option"),
    Case("flags", "unknown command", ["shwo", "cbt"], 2, "No such command"),
    Case("flags", "unknown --format", ["export", "--format", "pdf"], 2, "markdown or json"),
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
    Case(
        "output",
        "--save into a missing folder",
        ["ask", "--who", "adult", "--concern", "trauma", "--save", "{tmp}/no/r.md"],
        4,
        "does not exist",
    ),
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
        ["ask", "--who", "adult", "--concern", "trauma", "--save", "{file}"],
        4,
        "use --force",
        existing,
        keeps={"out.md": "keep me\n"},
    ),
    Case("output", "--output onto a folder", ["export", "--output", "{file}"], 4, "is a folder", folder),
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
    Case("output", "--version to a full disk", [], 4, "No space left", shell="{exe} --version > /dev/full"),
    Case("output", "stdout closed", [], 4, "standard output is closed", shell="{exe} show cbt >&-"),
    Case("output", "stdout is a full disk (/dev/full)", [], 4, "cannot write output", shell="{exe} export > /dev/full"),
    Case("output", "pipe closed early (head -1)", [], (0, 141), "", shell="{exe} export | head -1 > /dev/null"),
    Case("output", "pipe closed before writing", [], 141, "", shell="{exe} export --format json | true"),
    # --- terminal
    Case("terminal", "stdin closed, answers missing", [], 2, "missing answers: who, concerns", shell="{exe} ask <&-"),
    Case("terminal", "stdin not a terminal", [], 2, "missing answers", shell="echo adult | {exe} ask --region GB"),
    Case("terminal", "--answers - with stdin closed", [], 2, "stdin is closed", shell="{exe} ask --answers - <&-"),
]


@dataclass
class Outcome:
    code: int
    stderr: str
    stdout: str


def run_case(case: Case, tmp: Path, mp: pytest.MonkeyPatch) -> Outcome:
    made = case.make(tmp) if case.make else ""
    args = [a.replace("{file}", made).replace("{tmp}", str(tmp)) for a in case.args]
    if case.shell:
        exe = " ".join(therapick_exe())
        script = f"set -o pipefail; {case.shell.replace('{exe}', exe)}"
        p = subprocess.run(["bash", "-c", script], capture_output=True, text=True, cwd=tmp, timeout=60)
        return Outcome(p.returncode, p.stderr, p.stdout)
    if case.patch:
        case.patch(mp)
    result = CliRunner().invoke(app, args, input=case.stdin)
    return Outcome(result.exit_code, result.stderr, result.stdout)


def ids(case: Case) -> str:
    return f"{case.group}: {case.what}"


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_bad_input(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = {p.name for p in tmp_path.iterdir()}
    out = run_case(case, tmp_path, monkeypatch)
    codes = case.code if isinstance(case.code, tuple) else (case.code,)
    assert out.code in codes, (out.code, out.stderr)
    assert "Traceback" not in out.stderr + out.stdout
    lines = [ln for ln in out.stderr.splitlines() if ln.strip()]
    if BROKEN_PIPE in codes:
        assert lines == [], "a closed pipe ends quietly"
    elif case.args[:1] == ["validate"]:
        assert lines and case.says in lines[-1]
    else:
        assert len(lines) == 1, lines
        assert lines[0].startswith("therapick: ")
        assert case.says in lines[0], lines[0]
        assert "\x1b" not in lines[0]
    # No partial or temporary file is left behind, and kept files are untouched.
    after = {p.name for p in tmp_path.iterdir()}
    assert not [n for n in after - before if n.endswith(".tmp")]
    assert not [n for n in after if n.startswith(".") and n.endswith(".tmp")]
    for name, content in case.keeps.items():
        assert (tmp_path / name).read_text() == content


def render_table(tmp_root: Path, mp: pytest.MonkeyPatch) -> str:
    rows = [
        "# Bad input: what therapick says",
        "",
        "Generated from `tests/test_bad_inputs.py` (`THERAPICK_UPDATE_DOCS=1 pytest tests/test_bad_inputs.py`)",
        "and checked by it, so it cannot drift. Each case prints one line on stderr (shown here, with the",
        "temporary folder written as `DIR`), exits with the code shown, prints no traceback and leaves no",
        "partial file. Exit codes are explained in the README.",
        "",
        "| input | case | exit | message |",
        "| --- | --- | --- | --- |",
    ]
    for n, case in enumerate(CASES):
        tmp = tmp_root / f"c{n}"
        tmp.mkdir()
        with pytest.MonkeyPatch.context() as m:
            out = run_case(case, tmp, m)
        lines = [ln for ln in out.stderr.splitlines() if ln.strip()]
        message = (lines[-1] if lines else "(nothing)").replace(str(tmp), "DIR").replace("|", "\\|")
        if len(message) > 160:
            message = message[:157] + "..."
        code = " or ".join(map(str, case.code)) if isinstance(case.code, tuple) else str(out.code)
        rows.append(f"| {case.group} | {case.what} | {code} | `{message}` |")
    return "\n".join(rows) + "\n"


def test_docs_table_is_current(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    table = render_table(tmp_path, monkeypatch)
    if os.environ.get("THERAPICK_UPDATE_DOCS"):
        DOC.parent.mkdir(exist_ok=True)
        DOC.write_text(table, encoding="utf-8")
    assert DOC.exists(), "run THERAPICK_UPDATE_DOCS=1 pytest tests/test_bad_inputs.py"
    assert DOC.read_text(encoding="utf-8") == table


def test_debug_shows_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "kb.yaml").write_text("- a\n")
    p = subprocess.run(
        [*therapick_exe(), "--debug", "--kb", str(tmp_path / "kb.yaml"), "list"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert p.returncode == 3
    assert "Traceback" in p.stderr


def test_python_tag_never_runs(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    (tmp_path / "kb.yaml").write_text(f"a: !!python/object/apply:os.system ['touch {marker}']\n")
    subprocess.run([*therapick_exe(), "--kb", str(tmp_path / "kb.yaml"), "list"], capture_output=True, timeout=60)
    assert not marker.exists()


def test_sys_executable_is_used() -> None:
    # Sanity: the subprocess cases run this checkout's therapick, not another one.
    assert Path(therapick_exe()[0]).parent == Path(sys.executable).parent
