"""Hardening, second round (issue 12): the cases that need more than one run of one command.

The single-run bad inputs (each with its exit code and its one line) are
cases in tools/bad_inputs.py, checked by tests/test_bad_inputs.py and listed
in docs/bad-inputs.md. Here: races, signals, a real pseudo-terminal, locales,
widths, memory, and cost that must stay linear (a hang guard, not a timing).
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import termios
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pexpect
import pytest

from tests.conftest import KB_PATH, load_yaml, therapick_exe
from tests.test_pty import QUESTIONS, answer_no_danger, select, spawn, transcript

pytestmark = pytest.mark.slow  # every test here starts a process or a terminal

ASK_GB = ["ask", "--who", "adult", "--concern", "trauma", "--region", "GB"]
DISCLAIMER_HEADING = "> **Not medical advice**"  # the report ends with the disclaimer, in full


def therapick(*args: str, timeout: float = 60, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [*therapick_exe(), *args], capture_output=True, text=True, timeout=timeout, **kw
    )


def one_line(stderr: str) -> str:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith("therapick: "), lines[0]
    return lines[0]


# --------------------------------------------------------------------------
# The write promise


def test_twenty_concurrent_saves_one_wins(tmp_path: Path) -> None:
    """Without --force, of 20 runs racing for one new name exactly one writes; the rest exit 4."""
    target = tmp_path / "new.md"
    argv = [*therapick_exe(), *ASK_GB, "--save", str(target)]

    def one(_: int) -> subprocess.CompletedProcess[str]:
        return subprocess.run(argv, capture_output=True, text=True, timeout=120, cwd=tmp_path)

    with ThreadPoolExecutor(max_workers=20) as pool:
        runs = list(pool.map(one, range(20)))
    codes = sorted(r.returncode for r in runs)
    assert codes == [0] + [4] * 19, [(r.returncode, r.stderr) for r in runs]
    for r in runs:
        line = one_line(r.stderr)
        assert ("saved the report" in line) if r.returncode == 0 else ("already exists" in line), line
    text = target.read_text(encoding="utf-8")
    assert text.count("# ") >= 1 and text.count(DISCLAIMER_HEADING) == 1
    assert text.rstrip().endswith("crisis line now."), text[-200:]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.md"], "no temporary file is left"


def test_dev_stdout_redirected_to_a_file_is_refused(tmp_path: Path) -> None:
    """/dev/stdout leads to whatever stdout is; with stdout sent to a file, that file is not replaced."""
    sink = tmp_path / "sink.txt"
    sink.write_text("keep me\n")
    with sink.open("a") as out:
        p = subprocess.run(
            [*therapick_exe(), "export", "--output", "/dev/stdout", "--force"],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert p.returncode == 4
    assert "not a regular file" in one_line(p.stderr)
    assert sink.read_text() == "keep me\n"


@pytest.mark.parametrize("name", ["/dev/stderr", "/proc/self/fd/1", "/dev/fd/2"])
def test_descriptor_paths_are_refused(name: str, tmp_path: Path) -> None:
    p = therapick("export", "--output", name, "--force", cwd=tmp_path)
    assert p.returncode == 4
    assert name in one_line(p.stderr)
    assert p.stdout == ""


def test_existing_save_refused_before_any_question(tmp_path: Path) -> None:
    """In a terminal, `ask --save existing.md` says no before the first question, not after the seventh."""
    (tmp_path / "existing.md").write_text("keep me\n")
    child = spawn(100, "ask", "--save", "existing.md", cwd=tmp_path)
    child.expect(pexpect.EOF)
    child.close()
    seen = transcript(child)
    assert child.exitstatus == 4
    assert "existing.md: already exists; use --force to replace it" in seen
    assert QUESTIONS[0] not in seen
    assert (tmp_path / "existing.md").read_text() == "keep me\n"


def test_a_long_path_is_named_in_its_message(tmp_path: Path) -> None:
    """A path too long to use is shown by its start and its file name, cut in the middle."""
    deep = tmp_path / "/".join(["d" * 200] * 22) / "report-name.md"
    p = therapick("export", "--output", str(deep))
    assert p.returncode == 4
    line = one_line(p.stderr)
    assert str(tmp_path) in line and "/report-name.md: " in line and "…" in line
    assert "too long" in line


def test_a_250_character_name_is_written(tmp_path: Path) -> None:
    name = "r" * 247 + ".md"
    p = therapick("export", "--output", name, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert (tmp_path / name).read_text(encoding="utf-8").startswith("#")
    assert [q.name for q in tmp_path.iterdir()] == [name]


# --------------------------------------------------------------------------
# Inputs that are not regular files


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--kb", "{fifo}", "list"], 3),
        (["ask", "--answers", "{fifo}"], 2),
        (["--kb", "{fifo}", "validate"], 1),
    ],
)
def test_fifo_nobody_writes_to_is_refused_not_waited_on(args: list[str], code: int, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    p = therapick(*[a.replace("{fifo}", str(fifo)) for a in args], timeout=30)
    assert p.returncode == code
    said = p.stdout if code == 1 else one_line(p.stderr)
    assert f"{fifo}: is not a regular file" in said


def test_stdin_of_endless_zeros_is_refused_as_too_large() -> None:
    """`--answers -` with /dev/zero as stdin: refused at the limit, in bounded memory."""
    with open("/dev/zero", "rb") as zeros:
        p = therapick("ask", "--answers", "-", stdin=zeros, timeout=60)
    assert p.returncode == 2
    assert "stdin: too large: more than 16 MB; an answers file may be at most 16 MB" in one_line(p.stderr)


def test_stdin_over_the_limit_is_not_cut_to_a_missing_answer() -> None:
    """16 MB + 1 byte of valid YAML on stdin: too large, never read as a shorter file."""
    head = b"who: adult\nconcerns: [trauma]\n"
    data = head + b"#" * (16 * 1024 * 1024 + 1 - len(head))
    p = subprocess.run([*therapick_exe(), "ask", "--answers", "-"], input=data, capture_output=True, timeout=60)
    assert p.returncode == 2
    line = one_line(p.stderr.decode())
    assert "too large" in line and "missing" not in line


# --------------------------------------------------------------------------
# Signals


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGQUIT"])
def test_signal_while_reading_exits_128_plus_n(name: str) -> None:
    """A catchable signal ends the run with 128 + its number and one line (no core dump, no traceback)."""
    sig = getattr(signal, name)
    proc = subprocess.Popen(
        [*therapick_exe(), "ask", "--answers", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(1.5)  # started, and waiting on stdin that never ends
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 128 + sig
    assert one_line(err) == f"therapick: stopped by {name}; nothing was saved."


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGQUIT"])
def test_signal_at_a_checkbox_restores_the_terminal(name: str) -> None:
    """The pty's termios after the run are those before it, and the cursor is shown again."""
    child = spawn(100)
    before = termios.tcgetattr(child.child_fd)
    answer_no_danger(child)
    child.expect(QUESTIONS[1])
    select(child, 0)
    child.expect(QUESTIONS[2])  # a checkbox: the terminal is in raw mode now
    time.sleep(0.3)
    assert termios.tcgetattr(child.child_fd) != before, "the prompt did not change the terminal: no test"
    child.kill(getattr(signal, name))
    child.expect(pexpect.EOF)
    after = termios.tcgetattr(child.child_fd)
    child.close()
    raw = child.logfile_read.getvalue()  # type: ignore[union-attr]
    assert child.exitstatus == 128 + getattr(signal, name)
    assert after == before
    assert raw.rfind("\x1b[?25h") > raw.rfind("\x1b[?25l")
    assert f"therapick: stopped by {name}; nothing was saved." in transcript(child)


# --------------------------------------------------------------------------
# Encodings, widths and memory


def env_with(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("LC_ALL", "LC_CTYPE", "LANG", "PYTHONIOENCODING", "PYTHONUTF8"):
        env.pop(name, None)
    env.update(extra)
    return env


ENCODINGS = {
    "ascii": {"PYTHONIOENCODING": "ascii"},
    "latin-1": {"LANG": "en_US.ISO-8859-1", "PYTHONIOENCODING": "latin-1"},
}
# command -> what must be on stdout: the emergency number and the first crisis line
# (literals from /work/shared/facts/helplines.md)
SCREENS = {
    "help-now GB": (["help-now", "--region", "GB"], ["999", "116 123"]),
    "help-now AU": (["help-now", "--region", "AU"], ["000", "13 11 14"]),
    "hotlines GB": (["hotlines", "--region", "GB"], ["999", "116 123"]),
    "ask GB": (ASK_GB, ["999", "116 123", "Cognitive behavioral therapy (CBT)"]),
    "ask --crisis AU": (["ask", "--crisis", "--region", "AU"], ["000", "13 11 14"]),
    "show cbt": (["show", "cbt"], ["Cognitive behavioral therapy (CBT)"]),
}


@pytest.mark.parametrize("term", ["dumb", "xterm"])  # plain text, and Rich with its boxes
@pytest.mark.parametrize("encoding", list(ENCODINGS))
@pytest.mark.parametrize("screen", list(SCREENS))
def test_output_under_a_narrow_encoding(encoding: str, screen: str, term: str) -> None:
    args, musts = SCREENS[screen]
    enc = ENCODINGS[encoding]
    p = subprocess.run([*therapick_exe(), *args], capture_output=True, timeout=60, env=env_with(TERM=term, **enc))
    assert p.returncode == 0, p.stderr
    assert p.stderr == b""
    text = p.stdout.decode(enc["PYTHONIOENCODING"])
    for must in musts:
        assert must in text, (must, text[:400])
    if encoding == "ascii":
        assert p.stdout.isascii()
    assert "?" * 3 not in text


def test_error_line_under_ascii() -> None:
    """The error line degrades too: a cut name ends in "..." rather than failing on "…"."""
    p = subprocess.run(
        [*therapick_exe(), "show", "é" * 500], capture_output=True, timeout=60, env=env_with(PYTHONIOENCODING="ascii")
    )
    assert p.returncode == 1
    assert p.stderr.isascii()
    line = one_line(p.stderr.decode("ascii"))
    assert "no intervention called 'eeee" in line and "...'" in line


def test_undecodable_file_name_under_a_utf8_locale(tmp_path: Path) -> None:
    """A file name that is not UTF-8: one clean line naming it (its byte shown as \\xff), never exit 70."""
    name = os.fsencode(tmp_path) + b"/bad\xff.yaml"
    with open(name, "wb") as f:
        f.write(b"- a\n")
    env = env_with(LC_ALL="C.UTF-8", PYTHONIOENCODING="utf-8")
    for args, code in ((["--kb", name, "list"], 3), (["ask", "--answers", name], 2)):
        p = subprocess.run([*map(os.fsencode, therapick_exe()), *args], capture_output=True, timeout=60, env=env)
        assert p.returncode == code, p.stderr
        line = one_line(p.stderr.decode("utf-8"))
        assert "bad\\xff.yaml" in line and "UnicodeEncodeError" not in line


def test_validate_json_with_an_undecodable_file_name(tmp_path: Path) -> None:
    """`validate --json` reports the problem (exit 1), not an encoding error (exit 2)."""
    name = os.fsencode(tmp_path) + b"/bad\xff.yaml"
    with open(name, "wb") as f:
        f.write(b"- a\n")
    env = env_with(LC_ALL="C.UTF-8", PYTHONIOENCODING="utf-8")
    p = subprocess.run([*map(os.fsencode, therapick_exe()), b"validate", b"--json", name], capture_output=True, env=env)
    assert p.returncode == 1, p.stderr
    assert b"codec" not in p.stdout + p.stderr
    import json

    assert json.loads(p.stdout)["valid"] is False


COLUMNS = ["0", "1", "5", "100000", "100000000", "-5", "abc"]


@pytest.mark.parametrize("columns", COLUMNS)
@pytest.mark.parametrize("screen", ["help-now AU", "ask --crisis AU"])
def test_any_columns_value(columns: str, screen: str) -> None:
    args, musts = SCREENS[screen]
    p = subprocess.run(
        [*therapick_exe(), *args], capture_output=True, text=True, timeout=60, env=env_with(COLUMNS=columns)
    )
    assert p.returncode == 0, p.stderr
    for must in musts:
        assert must in p.stdout
    assert max(len(line) for line in p.stdout.splitlines()) <= 400


@pytest.mark.parametrize("plain", [False, True])
def test_huge_columns_costs_no_memory(plain: bool) -> None:
    """COLUMNS=100000000: peak memory of the run stays under 150 MB (it was over 600 MB)."""
    wrapper = (
        "import resource, subprocess, sys\n"
        "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
        "print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    args = [*therapick_exe(), *(["--plain"] if plain else []), "ask", "--crisis", "--region", "AU"]
    env = env_with(COLUMNS="100000000", TERM="xterm")
    p = subprocess.run([sys.executable, "-c", wrapper, *args], capture_output=True, text=True, timeout=60, env=env)
    code, kib = map(int, p.stdout.split())
    assert code == 0
    assert kib < 150 * 1024, f"peak RSS {kib / 1024:.0f} MB"


# --------------------------------------------------------------------------
# What the documentation promises


def test_ask_crisis_alone_shows_lines_and_says_how_to_get_suggestions() -> None:
    p = therapick("ask", "--crisis", "--region", "AU", env=env_with())
    assert p.returncode == 0, p.stderr
    assert "call 000" in p.stdout
    assert "Lifeline: call 13 11 14" in p.stdout
    assert "--who" in p.stdout and "--concern" in p.stdout, "says how to get suggestions too"


def test_long_text_with_a_hidden_character_is_refused_in_linear_time(tmp_path: Path) -> None:
    """A 200 KB name ending in a zero-width space: refused at once (a quadratic check takes minutes).

    This is a guard against a hang, not a timing: the linear check takes well under a second.
    """
    kb = KB_PATH.read_text(encoding="utf-8")
    long_name = "word " * 40_000 + "\\u200B"
    path = tmp_path / "kb.yaml"
    path.write_text(kb.replace("name: Cognitive behavioral therapy\n", f'name: "{long_name}"\n', 1), encoding="utf-8")
    p = therapick("validate", str(path), timeout=30)
    assert p.returncode == 1
    assert "at $.interventions[0].name" in p.stdout


def test_json_duplicate_key_does_not_change_a_score(tmp_path: Path) -> None:
    """A second `adult` under CBT's fit in JSON is refused (exit 3) rather than raising CBT's score."""
    import json

    text = json.dumps(load_yaml(KB_PATH.read_text(encoding="utf-8")), indent=1)
    cbt = text.index('"id": "cbt"')
    adult = text.index('"adult"', text.index('"fit"', cbt))
    path = tmp_path / "kb.json"
    path.write_text(text[:adult] + '"adult": {"points": 50, "why": "injected"},\n' + text[adult:], encoding="utf-8")
    p = therapick("--kb", str(path), "ask", "--who", "adult", "--concern", "trauma", "--json")
    assert p.returncode == 3
    line = one_line(p.stderr)
    assert "duplicate key 'adult'" in line and ", line " in line


@pytest.mark.parametrize("value", ["Infinity", "NaN", "1e999"])
def test_json_non_finite_half_points_refused(value: str, tmp_path: Path) -> None:
    import json

    doc = load_yaml(KB_PATH.read_text(encoding="utf-8"))
    text = json.dumps(doc, indent=1).replace('"half_points": 6', f'"half_points": {value}', 1)
    assert value in text
    path = tmp_path / "kb.json"
    path.write_text(text, encoding="utf-8")
    p = therapick("--kb", str(path), "list")
    assert p.returncode == 3
    assert "half_points" in one_line(p.stderr)


def test_an_unquoted_date_is_text(tmp_path: Path) -> None:
    """`checked: 2026-11-26` unquoted is the text written, not a refused YAML timestamp tag."""
    kb = KB_PATH.read_text(encoding="utf-8")
    assert 'checked: "2026-11-26"' in kb
    path = tmp_path / "kb.yaml"
    path.write_text(kb.replace('checked: "2026-11-26"', "checked: 2026-11-26"), encoding="utf-8")
    p = therapick("--kb", str(path), "hotlines", "--json")
    assert p.returncode == 0, p.stderr
    assert '"checked": "2026-11-26"' in p.stdout
