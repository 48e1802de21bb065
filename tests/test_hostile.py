"""Hardening, third round (issue 26), in real processes and terminals.

The bytes therapick writes to a pseudo-terminal hold no escape sequence it did not write itself,
whatever a knowledge base, an answers file, an argument or the environment holds; a closed pipe
is 141 on every path, a closed terminal 129, a closed stdout the same line for every command and
option; a 15.9 MB file of the worst shapes is refused in bounded memory; stdin is never read
implicitly. The in-process cases are in tests/test_text_policy.py.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest

from tests.conftest import KB_PATH, therapick_exe
from tests.test_pty import QUESTIONS, answer_no_danger, select
from tests.test_pty import spawn as pty_spawn
from therapick.base.text import first_hidden

pytestmark = pytest.mark.slow  # every test here starts a process or a terminal

KB_TEXT = KB_PATH.read_text(encoding="utf-8")
OSC52 = "\\e]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\\a"  # as YAML escapes
ASK = ["ask", "--who", "adult", "--concern", "trauma", "--region", "GB"]


def env_with(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(extra)
    return env


# --------------------------------------------------------------------------
# What reaches a terminal: only the sequences therapick writes itself

# A complete escape sequence: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), or ESC and one character.
SEQUENCE = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[^\[\]]?")


def sequences(raw: bytes) -> set[bytes]:
    """The escape sequences in ``raw``; a link's id (Rich numbers each OSC 8 link anew) as ``id=N``."""
    return {re.sub(rb"\x1b\]8;id=[0-9]+;", b"\x1b]8;id=N;", s) for s in SEQUENCE.findall(raw)}


def in_pty(args: list[str], tmp_path: Path, **env: str) -> tuple[int, bytes]:
    """Run therapick with its output on a pseudo-terminal, in colour (stdin is /dev/null: nothing is asked);
    its exit code and every byte it wrote there."""
    full = dict(os.environ, TERM="xterm-256color", COLUMNS="100", LINES="50", PROMPT_TOOLKIT_NO_CPR="1", **env)
    full.pop("NO_COLOR", None)
    command = " ".join(shlex.quote(a) for a in [*therapick_exe(), *args])
    child = pexpect.spawn(
        "bash", ["-c", f"exec {command} </dev/null"], env=full, dimensions=(50, 100), timeout=30, cwd=str(tmp_path)
    )
    raw = b""
    while True:
        try:
            raw += child.read_nonblocking(65536, timeout=30)
        except pexpect.EOF:
            break
    child.close()
    return int(child.exitstatus if child.exitstatus is not None else 128 + (child.signalstatus or 0)), raw


def hostile_kb(tmp_path: Path) -> str:
    """The bundled knowledge base with an OSC 52 write, a C1 CSI and a bidi override where each is printed."""
    text = KB_TEXT.replace(
        "        url: https://988lifeline.org\n", f'        url: "https://988lifeline.org{OSC52}"\n', 2
    )
    text = text.replace("name: Cognitive behavioral therapy\n", 'name: "Cognitive \\u009B2J therapy"\n', 1)
    text = text.replace('value: "116 123", note: "free"}', 'value: "116 \\u202E321", note: "free"}', 1)
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def _only_its_own(hostile: bytes, benign: bytes) -> None:
    """Every escape sequence in ``hostile`` is one therapick wrote in the benign run too; nothing else hidden."""
    foreign = sequences(hostile) - sequences(benign)
    assert foreign == set(), foreign
    text = SEQUENCE.sub(b"", hostile).decode("utf-8", "replace").replace("\r", "")
    found = first_hidden(text, newlines=True)
    assert found is None, (repr(found), text[:400])
    assert b"\x1b]52" not in hostile and "\u202e".encode() not in hostile and "\u009b".encode() not in hostile


READS = [
    ["hotlines"],
    ["hotlines", "--region", "US"],
    ["show", "cbt"],
    ["list"],
    ["export"],
    ASK,
    ["ask", "--crisis", "--region", "US"],
    ["validate", "{kb}"],
    ["help-now", "--region", "US"],
]


@pytest.mark.parametrize("args", READS, ids=" ".join)
def test_a_hostile_knowledge_base_writes_nothing_of_its_own(args: list[str], tmp_path: Path) -> None:
    """The same command on the bundled knowledge base and on a hostile one, in a colour terminal."""
    kb = hostile_kb(tmp_path)
    bundled = [a.replace("{kb}", str(KB_PATH)) for a in args]
    _, benign = in_pty(bundled, tmp_path)
    if args[0] == "validate":
        code, hostile = in_pty([a.replace("{kb}", kb) for a in args], tmp_path)
        assert code == 1 and b"U+001B (ESCAPE)" in hostile
    else:
        code, hostile = in_pty(["--kb", kb, *args], tmp_path)
        assert code in ((3, 0) if args[0] == "help-now" else (3,)), hostile[-300:]
    _only_its_own(hostile, benign)


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["show", "\x1b]52;c;eA==\x07cbt\x9b2J"], {}),
        (["hotlines", "--region", "\x1b[2J\u202eGB"], {}),
        (["list", "--category", "\x9d0;title\x9c"], {}),
        (["ask", "--who", "adult\x1b[31m", "--concern", "trauma"], {}),
        (["hotlines"], {"THERAPICK_REGION": "G\x1b]52;c;eA==\x07B"}),
        (["--lang", "\x1b[2J", "list"], {}),
        (["--kb", "/no/such/\x1b]52;c;eA==\x07.yaml", "list"], {}),
    ],
)
def test_hostile_arguments_and_environment(args: list[str], env: dict[str, str], tmp_path: Path) -> None:
    _, benign = in_pty(["hotlines"], tmp_path)
    _, hostile = in_pty(args, tmp_path, **env)
    _only_its_own(hostile, benign)


def test_a_hostile_answers_file(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(f'who: "adult{OSC52}"\nconcerns: ["trauma\\u009B2J"]\n"\\e[2Jregion": GB\n', encoding="utf-8")
    _, benign = in_pty(ASK, tmp_path)
    code, hostile = in_pty(["ask", "--answers", str(path)], tmp_path)
    assert code == 2
    _only_its_own(hostile, benign)


@pytest.mark.parametrize(
    "env",
    [
        {"THERAPICK_REGION": f"G{chr(27)}]52;c;eA=={chr(7)}B{chr(0x9B)}2J"},
        {"LANG": f"en_{chr(27)}[2J.UTF-8"},
        {"THERAPICK_LANG": f"e{chr(0x202E)}s"},
    ],
)
def test_the_questionnaire_with_a_hostile_environment(env: dict[str, str]) -> None:
    """In a real terminal, with stdin a terminal too: whatever the environment holds, nothing of it is written
    raw (it is refused in one escaped line, or ignored and the questions shown)."""
    child = pty_spawn(100, **env)
    try:
        child.expect(["immediate danger", pexpect.EOF])
        if child.after is not pexpect.EOF:
            time.sleep(0.3)
            child.sendcontrol("c")
            child.expect(pexpect.EOF)
    finally:
        child.close()
    raw = child.logfile_read.getvalue()  # type: ignore[union-attr]
    assert "\x1b]52" not in raw and "\x9b" not in raw and "\u202e" not in raw and "\x1b[2J" not in raw
    assert first_hidden(re.sub(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]", "", raw).replace("\r", ""), True) is None


# --------------------------------------------------------------------------
# Exit codes: a closed pipe, a closed terminal, a closed stdout


@pytest.mark.parametrize(
    "command",
    [
        "{exe} ask --who adult --concern trauma --region GB | true",
        "FORCE_COLOR=1 {exe} ask --who adult --concern trauma --region GB | true",
        "FORCE_COLOR=1 {exe} show cbt | true",
        "FORCE_COLOR=1 {exe} hotlines | true",
        "FORCE_COLOR=1 {exe} list | true",
        "{exe} --plain show cbt | true",
        "{exe} help-now | true",
        "{exe} list --json | true",
        "{exe} validate | true",
        "{exe} --help | true",
        "{exe} ask --who adult --concern trauma --save - | true",
    ],
)
def test_a_closed_pipe_is_141_on_every_path(command: str) -> None:
    exe = " ".join(therapick_exe())
    script = f"set -o pipefail; {command.replace('{exe}', exe)}"
    p = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60)
    assert p.returncode == 141, (p.returncode, p.stderr)
    assert p.stderr == ""


@pytest.mark.parametrize("stop", [0, 1, 2])
def test_a_closed_terminal_is_129(stop: int) -> None:
    """The terminal goes away (the kernel sends SIGHUP) at a yes/no, a choice, a checkbox question."""
    child = pty_spawn(100, "ask")
    if stop == 0:
        child.expect(QUESTIONS[0])
    else:
        answer_no_danger(child)
        child.expect(QUESTIONS[1])
    if stop >= 2:
        select(child, 0)
        child.expect(QUESTIONS[2])
    time.sleep(0.3)
    os.close(child.child_fd)
    child.child_fd = -1
    _, status = os.waitpid(child.pid, 0)
    child.terminated = True
    assert os.waitstatus_to_exitcode(status) == 129


CLOSED = [
    ["--help"],
    ["-h"],
    ["--version"],
    ["-V"],
    ["--show-completion"],
    ["show", "--help"],
    ["show", "cbt"],
    ["list"],
    ["list", "--json"],
    ["hotlines"],
    ["help-now", "--region", "GB"],
    ["export"],
    ["validate"],
    ASK,
    [*ASK, "--json"],
    [*ASK, "--save", "-"],
]


@pytest.mark.parametrize("args", CLOSED, ids=" ".join)
def test_a_closed_stdout_is_the_same_for_every_command_and_option(args: list[str]) -> None:
    exe = " ".join(therapick_exe())
    p = subprocess.run(["bash", "-c", f"{exe} {' '.join(args)} >&-"], capture_output=True, text=True, timeout=60)
    assert p.returncode == 4, (p.returncode, p.stderr)
    assert p.stderr == "therapick: error: cannot write output: standard output is closed\n"


def test_a_closed_stdout_with_nothing_to_write_is_fine(tmp_path: Path) -> None:
    exe = " ".join(therapick_exe())
    p = subprocess.run(
        ["bash", "-c", f"{exe} export --output out.md >&-"], capture_output=True, text=True, cwd=tmp_path
    )
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "out.md").read_text(encoding="utf-8").startswith("# ")


# --------------------------------------------------------------------------
# Cost: bounded memory, at the size limit (bench/shapes.py has the time of every shape)

WRAPPER = (
    "import resource, subprocess, sys\n"
    "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)\n"
    "sys.stderr.buffer.write(p.stderr)\n"
    "print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)
NEAR_LIMIT = int(15.9 * 1024 * 1024)


@pytest.mark.parametrize(
    ("name", "make", "kind"),
    [
        ("flat.yaml", lambda: "- a\n" * (NEAR_LIMIT // 4), "kb"),
        ("flat.json", lambda: "[" + ",".join(["1"] * (NEAR_LIMIT // 2 - 1)) + "]", "kb"),
        ("small.yaml", lambda: "- {id: a, n: 1}\n" * (NEAR_LIMIT // 16), "kb"),
        ("keys.yaml", lambda: "".join(f"k{n}: 1\n" for n in range(NEAR_LIMIT // 12)), "kb"),
        ("flat.yaml", lambda: "- a\n" * (NEAR_LIMIT // 4), "answers"),
    ],
)
def test_a_file_at_the_limit_is_refused_in_bounded_memory(name: str, make: object, kind: str, tmp_path: Path) -> None:
    """It took 3.9 GB and 51 s; the limit is 500 MB (measured: under 110 MB). The timeout guards a hang."""
    path = tmp_path / name
    path.write_text(make(), encoding="utf-8")  # type: ignore[operator]
    assert path.stat().st_size < 16 * 1024 * 1024
    args = ["--kb", str(path), "list"] if kind == "kb" else ["ask", "--answers", str(path)]
    p = subprocess.run(
        [sys.executable, "-c", WRAPPER, *therapick_exe(), *args], capture_output=True, text=True, timeout=60
    )
    code, kib = map(int, p.stdout.split())
    assert code == (3 if kind == "kb" else 2), p.stderr
    assert "holds more than 250,000 values" in p.stderr
    assert kib < 500 * 1024, f"peak RSS {kib / 1024:.0f} MB"


def test_a_memory_limit_is_an_error_not_a_crash(tmp_path: Path) -> None:
    """Under a 1 GB address-space limit the largest flat list is refused the usual way, never exit 70."""
    path = tmp_path / "flat.yaml"
    path.write_text("- a\n" * (NEAR_LIMIT // 4), encoding="utf-8")
    limit = (
        "import resource, os, sys; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30)); "
        "os.execvp(sys.argv[1], sys.argv[1:])"
    )
    for args in (["--kb", str(path), "list"], ["--kb", str(path), "help-now", "--region", "GB"]):
        p = subprocess.run(
            [sys.executable, "-c", limit, *therapick_exe(), *args], capture_output=True, text=True, timeout=60
        )
        assert p.returncode != 70, p.stderr
        assert "Traceback" not in p.stderr


# --------------------------------------------------------------------------
# Standard input, never implicit


def test_extends_dash_does_not_wait_on_stdin(tmp_path: Path) -> None:
    """A relative --kb whose extends is "-": refused at once, although stdin is open and silent."""
    (tmp_path / "clinic.yaml").write_text('schema_version: 1\nextends: "-"\n', encoding="utf-8")
    proc = subprocess.Popen(
        [*therapick_exe(), "--kb", "clinic.yaml", "list"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    try:
        _, err = proc.communicate(timeout=30)  # stdin left open: a read would wait for ever
    finally:
        proc.kill()
    assert proc.returncode == 3
    assert "'extends' names standard input" in err


def test_save_dash_in_a_process() -> None:
    p = subprocess.run([*therapick_exe(), *ASK, "--save", "-"], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0 and p.stderr == ""
    assert p.stdout.startswith("# ") and p.stdout.rstrip().endswith("crisis line now.")
    q = subprocess.run([*therapick_exe(), *ASK, "--json", "--save", "-"], capture_output=True, text=True, timeout=60)
    assert q.returncode == 2
    assert json.loads(q.stdout)["error"]["exit_code"] == 2  # only the error, no Markdown after it
