"""Shared fixtures: a pinned environment so no test touches the real user's files."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from therapick import kb as kbmod
from therapick.cli import app

ROOT = Path(__file__).resolve().parents[1]
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
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    return home


@pytest.fixture(scope="session")
def kb() -> kbmod.KnowledgeBase:
    return kbmod.load(KB_PATH)


@pytest.fixture(scope="session")
def kb_text() -> str:
    return KB_PATH.read_text(encoding="utf-8")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input)


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "kb.yaml"
    shutil.copy(KB_PATH, dest)
    return dest


def env_for_subprocess(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(extra)
    return env
