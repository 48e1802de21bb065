"""Generated documents cannot lie: every generated part of the README is filled, and is current.

The README's answer-id table and command reference are written by cog from
the knowledge base and from each command's ``--help``. ``.ci/run`` runs
``cog --check README.md``; these tests fail on their own when a block's
output is empty (which ``cog -P`` once let through) or stale.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT

README = ROOT / "README.md"
BLOCK = re.compile(r"<!-- \[\[\[cog\n(?P<code>.*?)\]\]\] -->\n(?P<out>.*?)<!-- \[\[\[end\]\]\] -->", re.S)


def blocks() -> list[tuple[str, str]]:
    return [(m.group("code"), m.group("out")) for m in BLOCK.finditer(README.read_text(encoding="utf-8"))]


def test_the_readme_has_its_generated_blocks() -> None:
    assert len(blocks()) >= 2


@pytest.mark.parametrize("n", range(len(blocks())))
def test_no_generated_block_is_empty(n: int) -> None:
    code, out = blocks()[n]
    assert out.strip(), f"generated block {n} of README.md is empty: run `.venv/bin/cog -r README.md`\n{code[:200]}"


def test_the_answer_table_lists_every_question(kb) -> None:
    table = next(out for code, out in blocks() if "questionnaire" in code)
    for q in kb.questionnaire.questions:
        assert f"| `{q.id}` |" in table


def test_the_command_reference_has_every_command() -> None:
    reference = next(out for code, out in blocks() if "--help" in code)
    for name in ("help-now", "ask", "screen", "show", "list", "hotlines", "safety-plan", "export", "validate"):
        assert f"### therapick {name}\n" in reference
    assert reference.count("Usage:") >= 10


@pytest.mark.slow
def test_cog_check_passes_and_fails_on_an_emptied_block(tmp_path) -> None:
    """The same check CI runs: it passes on the README, and fails once a block's output is deleted."""
    check = [sys.executable, "-m", "cogapp", "--check"]
    ok = subprocess.run([*check, str(README)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    text = README.read_text(encoding="utf-8")
    first = BLOCK.search(text)
    assert first is not None
    emptied = text[: first.start("out")] + text[first.end("out") :]
    broken = tmp_path / "README.md"
    broken.write_text(emptied, encoding="utf-8")
    bad = subprocess.run([*check, str(broken)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert bad.returncode != 0
