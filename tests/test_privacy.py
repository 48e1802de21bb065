"""Privacy, proven: no network, and no file unless --save or --output names it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pexpect
import pytest

from tests.conftest import ROOT, therapick_exe
from tests.test_pty import answer_no_danger, answer_parent_of_four_year_old, decline_to_save

# Loaded by Python at start-up (sitecustomize on PYTHONPATH): every way to open
# a network connection records the attempt in a file and fails.
SITECUSTOMIZE = """
import os, socket
_log = os.environ["NET_LOG"]
def _blocked(*args, **kwargs):
    with open(_log, "a") as f:
        f.write(repr(args[:2]) + "\\n")
    raise OSError("network disabled by the privacy test")
socket.socket.connect = _blocked
socket.socket.connect_ex = _blocked
socket.socket.sendto = _blocked
socket.create_connection = _blocked
socket.getaddrinfo = _blocked
"""

COMMANDS = [
    ["--help"],
    ["--version"],
    ["show", "cbt"],
    ["show", "cbt", "--json"],
    ["show", "pcti"],
    ["list"],
    ["list", "--json"],
    ["hotlines"],
    ["hotlines", "--json"],
    ["export"],
    ["export", "--format", "json"],
    ["validate"],
    ["ask", "--who", "adult", "--concern", "trauma"],
    ["ask", "--who", "adult", "--concern", "substance-use", "--crisis", "--json"],
    ["screen", "phq9", "--scores", "0,1,0,2,1,0,0,1,1", "--json"],
    ["ask", "--who", "adult", "--concern", "trauma", "--gad7", "3,3,3,0,0,0,0"],
]


@pytest.fixture
def sandbox(tmp_path: Path) -> dict[str, Path]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE)
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    return {"site": site, "home": home, "work": work, "log": tmp_path / "net.log"}


def env(box: dict[str, Path]) -> dict[str, str]:
    e = dict(os.environ)
    e.update(
        PYTHONPATH=str(box["site"]),
        NET_LOG=str(box["log"]),
        HOME=str(box["home"]),
        XDG_CONFIG_HOME=str(box["home"] / ".config"),
        XDG_CACHE_HOME=str(box["home"] / ".cache"),
        XDG_DATA_HOME=str(box["home"] / ".local/share"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    return e


def tree(*roots: Path) -> set[str]:
    return {str(p) for root in roots for p in root.rglob("*")}


@pytest.mark.slow
def test_the_blocker_works(sandbox) -> None:
    exe = therapick_exe()
    python = exe[0] if exe[0].endswith("python") else str(Path(exe[0]).with_name("python"))
    code = "import socket\ntry:\n    socket.create_connection(('127.0.0.1', 9))\nexcept OSError:\n    pass"
    subprocess.run([python, "-c", code], env=env(sandbox), check=True)
    assert sandbox["log"].exists(), "the sitecustomize blocker must catch a connection attempt"


@pytest.mark.slow
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_no_network_and_no_files(sandbox, args: list[str]) -> None:
    before = tree(sandbox["home"], sandbox["work"])
    p = subprocess.run(
        [*therapick_exe(), *args], env=env(sandbox), cwd=sandbox["work"], capture_output=True, text=True, timeout=60
    )
    assert p.returncode in (0, 1), p.stderr
    assert "Traceback" not in p.stderr
    assert not sandbox["log"].exists(), sandbox["log"].read_text()
    assert tree(sandbox["home"], sandbox["work"]) == before


@pytest.mark.slow
def test_only_the_named_files_are_written(sandbox) -> None:
    work = sandbox["work"]
    for args in (
        ["export", "--output", "kb.md"],
        ["ask", "--who", "teen", "--concern", "trauma", "--save", "r.md"],
        ["screen", "gad7", "--scores", "1,1,1,1,1,1,1", "--save", "s.md"],
    ):
        subprocess.run(
            [*therapick_exe(), *args], env=env(sandbox), cwd=work, check=True, capture_output=True, timeout=60
        )
    assert tree(sandbox["home"], work) == {str(work / "kb.md"), str(work / "r.md"), str(work / "s.md")}
    assert not sandbox["log"].exists()


@pytest.mark.slow
def test_questionnaire_in_a_terminal_writes_nothing(sandbox) -> None:
    e = env(sandbox)
    e.update(PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm")
    exe = therapick_exe()
    before = tree(sandbox["home"], sandbox["work"])
    child = pexpect.spawn(
        exe[0], exe[1:], env=e, cwd=str(sandbox["work"]), dimensions=(50, 100), encoding="utf-8", timeout=15
    )
    child.delaybeforesend = None
    answer_no_danger(child)
    answer_parent_of_four_year_old(child)  # every question, region chosen, groups left empty
    decline_to_save(child)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert not sandbox["log"].exists()
    assert tree(sandbox["home"], sandbox["work"]) == before


def test_readme_says_what_is_stored() -> None:
    text = (ROOT / "README.md").read_text()
    assert "therapick stores nothing" in text
