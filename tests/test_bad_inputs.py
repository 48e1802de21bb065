"""Every bad input we know of: one clear line on stderr, a documented exit code,
no traceback, no partial file.

The cases are data in tools/bad_inputs.py, which also generates
docs/bad-inputs.md (`python tools/bad_inputs.py --write`). These tests check
each case, and that the committed document is what the generator makes;
nothing here writes a file outside the temporary folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import therapick_exe
from tools import bad_inputs
from tools.bad_inputs import CASES, DOC, Case, problems, run_case


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_bad_input(case: Case, tmp_path: Path) -> None:
    before = {os.fsdecode(n) for n in os.listdir(os.fsencode(tmp_path))}
    out = run_case(case, tmp_path)
    assert problems(case, out, tmp_path, before) == [], out


def test_case_names_are_unique() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))


def test_the_checks_can_fail(tmp_path: Path) -> None:
    """`problems` is what every case relies on: it must notice a wrong code, a second line, a lost file."""
    case = Case("t", "t", [], 3, "expected words", keeps={"k.md": "keep\n"})
    (tmp_path / "k.md").write_text("changed\n")
    found = problems(case, bad_inputs.Outcome(2, "", "therapick: other words\nsecond line\n"), tmp_path, set())
    assert any("exit 2" in f for f in found)
    assert any("not exactly one line" in f for f in found)
    assert any("k.md was changed" in f for f in found)
    found = problems(case, bad_inputs.Outcome(3, "", "therapick: other words\n"), tmp_path, set())
    assert any("'expected words' not in" in f for f in found)


@pytest.mark.slow
def test_docs_table_is_current() -> None:
    """docs/bad-inputs.md is exactly what `python tools/bad_inputs.py --write` makes (compared, never written)."""
    assert DOC.exists(), "run: python tools/bad_inputs.py --write"
    assert DOC.read_text(encoding="utf-8") == bad_inputs.render(), "run: python tools/bad_inputs.py --write"


@pytest.mark.slow
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


@pytest.mark.slow
def test_python_tag_never_runs(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    (tmp_path / "kb.yaml").write_text(f"a: !!python/object/apply:os.system ['touch {marker}']\n")
    subprocess.run([*therapick_exe(), "--kb", str(tmp_path / "kb.yaml"), "list"], capture_output=True, timeout=60)
    assert not marker.exists()


def test_sys_executable_is_used() -> None:
    # Sanity: the process cases run this checkout's therapick, not another one.
    assert Path(therapick_exe()[0]).parent == Path(sys.executable).parent
    assert bad_inputs.therapick_exe() == therapick_exe()
