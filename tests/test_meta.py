"""The command line as a whole: help everywhere, version, -m, completion, lazy imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from tests.conftest import ROOT, run
from therapick import __version__
from therapick.cli.app import app

HEAVY = {"yaml", "msgspec", "rich", "questionary", "prompt_toolkit", "snowballstemmer", "rapidfuzz"}
MATCHING = {"snowballstemmer", "rapidfuzz"}  # only when a description is matched


def commands():  # type: ignore[no-untyped-def]
    group = typer.main.get_command(app)
    return [group, *group.commands.values()]  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", commands(), ids=lambda c: c.name or "therapick")
def test_every_command_and_option_has_help(command) -> None:
    assert (command.help or "").strip(), command.name
    for param in command.params:
        assert (getattr(param, "help", None) or "").strip(), f"{command.name}: {param.name}"


@pytest.mark.parametrize(
    "name", ["show", "list", "hotlines", "export", "validate", "ask", "help-now", "safety-plan", "screen", "practice"]
)
def test_help_runs(runner, name: str) -> None:
    result = run(runner, name, "--help")
    assert result.exit_code == 0 and "Usage:" in result.stdout
    assert run(runner, name, "-h").exit_code == 0


def test_read_commands_have_json() -> None:
    for command in commands()[1:]:
        if command.name in ("show", "list", "hotlines", "ask", "validate", "help-now", "export", "screen", "practice"):
            assert "--json" in [o for p in command.params for o in getattr(p, "opts", [])]


def test_version(runner) -> None:
    assert run(runner, "--version").stdout == f"therapick {__version__}\n"


@pytest.mark.slow
def test_python_dash_m() -> None:
    p = subprocess.run(
        [sys.executable, "-m", "therapick", "show", "abc", "--json"], capture_output=True, text=True, timeout=60
    )
    assert p.returncode == 0 and '"id": "abc"' in p.stdout


@pytest.mark.slow
def test_root_help_names_help_now_first() -> None:
    p = subprocess.run([sys.executable, "-m", "therapick", "--help"], capture_output=True, text=True, timeout=60)
    head = "\n".join(p.stdout.splitlines()[:8])
    assert "help-now" in head and "emergency" in head


def complete(words: str, cword: int) -> list[str]:
    import os

    env = dict(os.environ, _THERAPICK_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(cword))
    script = Path(sys.executable).with_name("therapick")  # installed by the README's test command
    p = subprocess.run([str(script)], env=env, capture_output=True, text=True, timeout=60)
    return p.stdout.split()


@pytest.mark.slow
def test_shell_completion() -> None:
    assert {"show", "list", "hotlines", "export", "validate", "ask", "help-now", "safety-plan"} <= set(
        complete("therapick ", 1)
    )
    assert complete("therapick show p", 2) == ["pcit", "play-therapy"]
    assert complete("therapick ask --who young", 3) == ["young-child"]
    assert complete("therapick ask --concern al", 3) == ["alcohol"]  # current ids; a former one is still accepted
    assert "GB" in complete("therapick hotlines --region ", 3)
    assert "--concern" in complete("therapick ask --con", 2)


def loaded_by(*args: str) -> set[str]:
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write('MODULES ' + ' '.join(sorted({m.split('.')[0] "
        "for m in sys.modules})) + '\\n'))\n"
        f"sys.argv = ['therapick', *{list(args)!r}]\n"
        "from therapick.cli.app import main\nmain()\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    line = next(ln for ln in p.stderr.splitlines() if ln.startswith("MODULES "))
    return set(line.split()[1:])


@pytest.mark.slow
def test_importing_the_cli_loads_nothing_heavy() -> None:
    p = subprocess.run(
        [sys.executable, "-c", "import sys, therapick.cli.app; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert not {m.split(".")[0] for m in p.stdout.split()} & HEAVY


@pytest.mark.slow
def test_help_loads_nothing_heavy() -> None:
    assert not loaded_by("--help") & HEAVY


@pytest.mark.slow
def test_show_does_not_load_the_questionnaire() -> None:
    loaded = loaded_by("show", "cbt")
    assert "msgspec" in loaded
    # (An installed wheel also reads no YAML: it carries the ready-made knowledge
    # base from hatch_build.py; .ci/run checks that on the built wheel.)
    assert not loaded & {"questionary", "prompt_toolkit", *MATCHING}


@pytest.mark.slow
def test_help_now_loads_neither_rich_nor_the_questionnaire() -> None:
    # Plain text always: the numbers, fast, with nothing that can fail to lay out.
    loaded = loaded_by("help-now", "--region", "GB")
    assert not loaded & {"questionary", "prompt_toolkit", "rich", *MATCHING}


@pytest.mark.slow
def test_the_matching_libraries_load_only_for_a_description() -> None:
    assert not loaded_by("ask", "--who", "adult", "--concern", "trauma", "--json") & MATCHING
    assert not loaded_by("practice", "breathing") & MATCHING
    assert loaded_by("ask", "--describe", "my 4 year old has tantrums", "--json") >= MATCHING


@pytest.mark.slow
def test_a_custom_knowledge_base_is_read_as_yaml(tmp_path) -> None:
    (tmp_path / "kb.yaml").write_bytes((ROOT / "data" / "interventions.yaml").read_bytes())
    assert "yaml" in loaded_by("--kb", str(tmp_path / "kb.yaml"), "show", "cbt")


def test_ruff_bans_heavy_module_level_imports() -> None:
    text = (ROOT / "pyproject.toml").read_text()
    assert 'banned-module-level-imports = ["yaml", "questionary", "prompt_toolkit", "rich", "msgspec"' in text


@pytest.mark.slow
def test_the_console_script_freezes_the_collector_as_it_exits() -> None:
    # cli.main spares the interpreter's last garbage collections (bench/startup.py); run() does not.
    code = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: sys.stderr.write(f'FROZEN {gc.get_freeze_count()}\\n'))\n"
        "sys.argv = ['therapick', 'list']\n"
        "from therapick.cli.app import main\nmain()\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0 and "Cognitive-behavioral therapies" in p.stdout  # all the output still arrives
    frozen = int(next(ln for ln in p.stderr.splitlines() if ln.startswith("FROZEN ")).split()[1])
    assert frozen > 10_000
