"""Shared fixtures: a pinned environment so no test touches the real user's files."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from therapick.base import i18n
from therapick.cli import app as cli
from therapick.cli.app import app  # noqa: F401 - some tests use the Typer app directly
from therapick.kb import loader as kbmod

ROOT = Path(__file__).resolve().parents[1]

# Property tests: 40 examples each by default, 150 with HYPOTHESIS_PROFILE=ci.
_COMMON: dict = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("ci", max_examples=150, **_COMMON)
settings.register_profile("dev", max_examples=40, **_COMMON)
settings.load_profile("ci" if os.environ.get("HYPOTHESIS_PROFILE") == "ci" else "dev")
KB_PATH = ROOT / "data" / "interventions.yaml"


def therapick_exe() -> list[str]:
    """The installed console script if on PATH next to this Python, else `python -m therapick`."""
    exe = Path(sys.executable).with_name("therapick")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "therapick"]


@pytest.fixture(autouse=True)
def pinned_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("THERAPICK_KB", raising=False)
    monkeypatch.delenv("THERAPICK_REGION", raising=False)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("THERAPICK_LANG", raising=False)
    # English unless a test asks: a test that renders directly must not inherit an earlier --lang es.
    i18n.set_language("en")
    return home


@pytest.fixture(autouse=True)
def quick_tier_starts_no_process(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The quick tier (``pytest -m "not slow"``) is the tests that start no process and no terminal.

    A test not marked ``slow`` that starts one fails here, so the tiers stay true: mark it
    ``@pytest.mark.slow`` (or its module, with ``pytestmark``).
    """
    if request.node.get_closest_marker("slow") is not None:
        return
    import subprocess

    import ptyprocess

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"{request.node.nodeid} starts a process: mark it @pytest.mark.slow")

    monkeypatch.setattr(subprocess.Popen, "_execute_child", refuse)
    monkeypatch.setattr(ptyprocess.PtyProcess, "spawn", classmethod(refuse))


@pytest.fixture(scope="session")
def kb() -> kbmod.KnowledgeBase:
    return kbmod.load(KB_PATH)


@pytest.fixture(scope="session")
def kb_text() -> str:
    return KB_PATH.read_text(encoding="utf-8")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


class Ran:
    """What one in-process run of the command line gave: its exit code and its two streams."""

    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr
        self.output = stdout + stderr

    def __repr__(self) -> str:
        return f"Ran(exit_code={self.exit_code}, stdout={self.stdout[:200]!r}, stderr={self.stderr[:200]!r})"


def run(runner: CliRunner, *args: str, input: str | None = None) -> Ran:
    """Run ``therapick ARGS`` in-process through the real entry point (``cli.run``),
    with its failure handling, capturing stdout and stderr separately."""
    with runner.isolation(input=input) as (out, err, _):
        code = cli.run(list(args))
        sys.stdout.flush()
        sys.stderr.flush()
        stdout, stderr = out.getvalue(), err.getvalue()
    return Ran(code, stdout.decode("utf-8", "replace"), stderr.decode("utf-8", "replace"))


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "kb.yaml"
    shutil.copy(KB_PATH, dest)
    return dest


def env_for_subprocess(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(extra)
    return env
