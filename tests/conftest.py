"""Shared fixtures: a pinned environment so no test touches the real user's files."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
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


def load_yaml(text: str) -> Any:
    """YAML read with libyaml's safe loader where PyYAML has it (ten times faster than the pure-Python one)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """An ``exhaustive`` test (a whole family of cases: every field, every command, property tests)
    starts no process but is left out of the quick tier too: it is also ``slow``."""
    for item in items:
        if item.get_closest_marker("exhaustive") is not None:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def quick_tier_starts_no_process(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The quick tier (``pytest -m "not slow"``) is the tests that start no process and no terminal.

    A test not marked ``slow`` that starts one fails here, so the tiers stay true: mark it
    ``@pytest.mark.slow`` (or its module, with ``pytestmark``).
    """
    if request.node.get_closest_marker("slow") is not None and request.node.get_closest_marker("exhaustive") is None:
        return
    import subprocess

    import ptyprocess

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"{request.node.nodeid} starts a process: mark it @pytest.mark.slow")

    monkeypatch.setattr(subprocess.Popen, "_execute_child", refuse)
    monkeypatch.setattr(ptyprocess.PtyProcess, "spawn", classmethod(refuse))


_READY: dict[str, bytes] = {}


@pytest.fixture(autouse=True)
def ready_made_knowledge_base(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process tests get the bundled knowledge base as an installed wheel does: ready-made.

    The wheel carries the bundled knowledge base validated and pickled at build time
    (``hatch_build.py``), and ``loader._prebuilt`` reads it; a checkout has no such file, so
    every command run in-process would parse and check the YAML again (about 30 ms in English,
    45 in Spanish: most of the quick tier's time). Here it is built once per test process, the
    way ``hatch_build.py`` builds it (``loader.load`` of the YAML, so an invalid file still
    fails), and unpickled afresh for every load, as the wheel's is. Tests that start a process
    (``slow``) still read the YAML of the checkout, so both paths are tested; a test that is
    about reading the bundled YAML itself is marked ``yaml_bundled``.
    """
    if request.node.get_closest_marker("yaml_bundled") is not None:
        return
    import pickle

    real = kbmod._prebuilt

    def ready(lang: str) -> kbmod.KnowledgeBase | None:
        found = real(lang)  # an installed wheel's own file, when the tests run against one
        if found is not None:
            return found
        if lang not in _READY:
            if lang != "en" and not (ROOT / "data" / f"interventions.{lang}.yaml").is_file():
                return None
            _READY[lang] = pickle.dumps(kbmod.load(kbmod.default_path(), lang), protocol=5)
        kb = pickle.loads(_READY[lang])  # built just above, from the checkout's own file
        return kb if isinstance(kb, kbmod.KnowledgeBase) else None

    monkeypatch.setattr(kbmod, "_prebuilt", ready)


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
