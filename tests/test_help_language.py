"""--help and usage errors in the language of the run: Click's and Typer's own words ("Usage:",
"Options", "Show this message and exit.", "No such option") and every command's and option's help,
whether the language comes from --lang (read after the module was imported) or from the locale."""

from __future__ import annotations

import subprocess

import pytest
import typer
from typer.testing import CliRunner

from tests.conftest import env_for_subprocess, run, therapick_exe
from therapick.base.messages_es import MESSAGES
from therapick.cli.app import app

ENGLISH_WORDS = ("Usage:", "Options:", "Commands:", "Show this message and exit.", "[OPTIONS]", "default:")
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def _english_helps(name: str) -> list[str]:
    """The English help texts of a command's options that have a Spanish translation."""
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    return [
        p.help
        for p in command.params
        if p.help and not getattr(p, "hidden", False) and MESSAGES.get(p.help, p.help) != p.help
    ]


@pytest.mark.parametrize("name", COMMANDS)
def test_lang_es_help_is_spanish_for_every_command(runner: CliRunner, name: str) -> None:
    got = run(runner, "--lang", "es", name, "--help")
    assert got.exit_code == 0, got
    assert got.stdout.startswith("Uso: therapick " + name)
    assert "Muestra este mensaje y termina." in got.stdout
    flat = " ".join(got.stdout.split())
    for word in ENGLISH_WORDS:
        assert word not in got.stdout, (word, got.stdout)
    for text in _english_helps(name):
        assert " ".join(text.split())[:40] not in flat, text
        assert " ".join(MESSAGES[text].split())[:40] in flat, MESSAGES[text]


def test_the_root_help_in_spanish_then_english_again(runner: CliRunner) -> None:
    es = run(runner, "--lang", "es", "--help").stdout
    assert es.startswith("Uso: therapick [OPCIONES] COMANDO [ARGUMENTOS]...")
    assert "Opciones:" in es and "Comandos:" in es
    en = run(runner, "--help").stdout  # the same process: nothing of the Spanish run is left
    assert en.startswith("Usage: therapick [OPTIONS] COMMAND [ARGS]...")
    assert "Show this message and exit." in en and "Opciones" not in en


ERRORS = [
    (["nope"], "No existe el comando 'nope'."),
    (["ask", "--nope"], "No existe la opción --nope"),
    (["ask", "--who"], "La opción '--who' necesita un valor."),
    (["ask", "--top", "x"], "Valor no válido para '--top' / '-n': 'x' no es un número entero válido."),
    (["ask", "--top", "99"], "Valor no válido para '--top' / '-n': 99 no está en el intervalo 1<=x<=50."),
    (["show"], "Falta el argumento 'name'."),
    (["show", "a", "b"], "Sobran argumentos que no se esperaban (b)"),
    (["ask", "--no-crisis=1"], "La opción '--no-crisis' no lleva valor."),
]


@pytest.mark.parametrize(("args", "spanish"), ERRORS)
def test_usage_errors_in_spanish(runner: CliRunner, args: list[str], spanish: str) -> None:
    got = run(runner, "--lang", "es", *args)
    assert got.exit_code == 2, got
    assert f"therapick: error: {spanish}" in got.stderr, got.stderr
    english = run(runner, *args)
    assert english.exit_code == 2 and "therapick: error: " in english.stderr
    assert spanish not in english.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    ("locale", "args", "first"),
    [
        ("es_ES.UTF-8", ["show", "--help"], "Uso: therapick show [OPCIONES]"),
        ("es_ES.UTF-8", ["--lang", "en", "show", "--help"], "Usage: therapick show [OPTIONS]"),
        ("en_GB.UTF-8", ["--lang", "es", "show", "--help"], "Uso: therapick show [OPCIONES]"),
    ],
)
def test_the_locale_and_lang_in_a_process(locale: str, args: list[str], first: str) -> None:
    env = env_for_subprocess(LANG=locale, LC_ALL=locale)
    done = subprocess.run([*therapick_exe(), *args], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(first), done.stdout[:200]
    spanish = first.startswith("Uso")
    assert ("Muestra una intervención" in done.stdout) == spanish
    assert ("Show one intervention" in done.stdout) == (not spanish)


@pytest.mark.slow
@pytest.mark.parametrize("command", ["ask", "practice", "screen", "safety-plan"])
def test_lang_es_help_in_a_process_is_what_therapick_lang_gives(command: str) -> None:
    """`--lang es CMD --help` in a process is what THERAPICK_LANG=es gives, and not the English."""
    env = env_for_subprocess()
    for name in ("LANG", "LC_ALL", "LC_MESSAGES", "THERAPICK_LANG"):
        env.pop(name, None)

    def helped(*args: str, **extra: str) -> str:
        done = subprocess.run([*therapick_exe(), *args], env={**env, **extra}, capture_output=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return " ".join(done.stdout.decode("utf-8").split())

    by_flag = helped("--lang", "es", command, "--help")
    assert by_flag == helped(command, "--help", THERAPICK_LANG="es")
    assert by_flag != helped(command, "--help")
