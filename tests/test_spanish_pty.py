"""The Spanish questionnaire in a real pseudo-terminal (pexpect.spawn), crisis path included.

``LANG=es_US.UTF-8`` chooses both the language and the region (US). The
helpers type as a person does, a key at a time (see tests/test_pty.py).
Support-line numbers are literals from shared/facts/helplines.md.
"""

from __future__ import annotations

from pathlib import Path

import pexpect
import pytest

from tests.test_pty import CONCERNS, ENTER, expect_prompt, finish, plain, press, select, spawn, tick, type_words
from tests.test_spanish import english_in

pytestmark = pytest.mark.slow  # every test here starts a process or a terminal

SPANISH = {"LANG": "es_US.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "THERAPICK_LANG": "", "THERAPICK_REGION": ""}
DANGER = "peligro inmediato"
KEEP_GOING = "¿Quieres seguir con las preguntas"
BOX = str.maketrans("│╭╮╰╯─", "      ")


def flat(text: str) -> str:
    """The words on screen in one line: no terminal codes, panel borders or line breaks."""
    return " ".join(plain(text).translate(BOX).split())


SAVE_OFFER = "¿Guardar estos resultados"
SCREENS_OFFER = "¿Quieres responder 16 preguntas breves"


def answer_parent_of_four_year_old(child: pexpect.spawn, play: bool = True) -> None:
    """Every question after the danger question, in Spanish; the region is the locale's (US) at Enter.

    ``play`` False leaves the ways of working empty (after the long crisis panel the
    list sits at the foot of the 50-line window, where redraws made ticking flaky).
    """
    if child.expect(["En una o dos frases", "¿Para quién es el apoyo?"]) == 0:
        press(child, ENTER)  # the person's own words: skipped
    expect_prompt(child, "¿Para quién es el apoyo?")
    child.expect("usa las flechas")
    select(child, 3)  # young-child
    expect_prompt(child, "¿Qué está pasando?")
    child.expect("elige al menos una")
    tick(child, [CONCERNS.index("child-behavior")])
    expect_prompt(child, "¿Qué te gustaría cambiar más?")
    tick(child, [0])  # change-behavior
    expect_prompt(child, "¿Qué tan preparado")
    select(child, 2)  # preparing
    expect_prompt(child, "¿Qué formas de trabajar")
    if play:
        tick(child, [3])  # play
    else:
        press(child, ENTER)
    expect_prompt(child, "¿Alguna de estas opciones")
    press(child, ENTER)  # optional: left empty
    expect_prompt(child, "¿Dónde estás?")
    press(child, ENTER)  # the locale's region, US


def test_spanish_danger_question_s_shows_the_spanish_crisis_panel() -> None:
    child = spawn(100, **SPANISH)
    child.expect("te hace unas pocas preguntas cortas")
    expect_prompt(child, "Primero: ¿tú o la persona")
    child.expect("escribe sí o no")
    type_words(child, "s")
    child.expect("Busca ayuda ahora")
    assert "¿Para quién es el apoyo?" not in plain(child.before)
    expect_prompt(child, KEEP_GOING)
    panel = flat(child.before)
    assert "llama ahora al 911" in panel and "Líneas de crisis en Estados Unidos:" in panel
    assert panel.index("marca 2 para hablar en español") < panel.index("Otras formas de contacto: llama al 988")
    assert "envía AYUDA por mensaje de texto al 988" in panel
    assert "envía HOME por mensaje de texto al 741741" in panel
    assert "No se confirmó atención en español en esta línea." in panel
    assert "¿Dónde estás?" not in panel  # the region came from es_US
    press(child, "n")
    out = finish(child)
    assert child.exitstatus == 0
    assert "¿Para quién es el apoyo?" not in out
    after = flat(out[out.rindex(KEEP_GOING) :])
    assert "Busca ayuda ahora" in after and "911" in after  # the lines stay the last thing on the screen
    assert english_in(after) == []


def test_spanish_danger_question_ignores_other_words() -> None:
    child = spawn(100, **SPANISH)
    expect_prompt(child, "Primero: ¿tú o la persona")
    type_words(child, "hola")  # neither sí nor no (nor no sé): the prompt stays, and says so
    child.expect("no es sí ni no")
    with pytest.raises(pexpect.TIMEOUT):
        child.expect(["Busca ayuda ahora", "¿Para quién es el apoyo?"], timeout=1.5)
    child.sendcontrol("c")
    out = finish(child)
    assert child.exitstatus == 130
    assert "Busca ayuda ahora" not in out
    assert "therapick: cancelado; no se guardó nada." in out


def test_spanish_yes_then_keep_going_with_s(tmp_path: Path) -> None:
    child = spawn(100, cwd=tmp_path, **SPANISH)
    expect_prompt(child, "Primero: ¿tú o la persona")
    type_words(child, "sí")
    expect_prompt(child, KEEP_GOING)
    child.expect(r"\(s/N\)")
    press(child, "s")  # sí, in one key, as "y" is in English
    answer_parent_of_four_year_old(child, play=False)
    expect_prompt(child, SCREENS_OFFER)
    press(child, ENTER)  # the screens: skipped
    expect_prompt(child, SAVE_OFFER)
    press(child, ENTER)  # the default is no
    out = finish(child)
    assert child.exitstatus == 0
    results = out[out.rindex("¿Dónde estás?") :]
    assert results.index("Busca ayuda ahora") < results.index("1. Terapia de interacción entre padres e hijos (PCIT)")
    assert list(tmp_path.iterdir()) == []


def test_spanish_no_path_through_every_question(tmp_path: Path) -> None:
    child = spawn(100, cwd=tmp_path, **SPANISH)
    expect_prompt(child, "Primero: ¿tú o la persona")
    type_words(child, "no")
    answer_parent_of_four_year_old(child)
    expect_prompt(child, SCREENS_OFFER)
    press(child, ENTER)  # the screens: skipped
    expect_prompt(child, SAVE_OFFER)
    shown = plain(child.before)
    press(child, ENTER)
    out = finish(child)
    assert child.exitstatus == 0
    assert "Traceback" not in out
    results = shown[shown.index("Tipos de ayuda para conversar con un profesional") :]
    assert "Use arrow keys" not in out and "(y/N)" not in out
    words = flat(results)
    assert "1. Terapia de interacción entre padres e hijos (PCIT)" in words
    assert "dijiste que lo que pasa incluye" in words
    assert "Líneas de apoyo (Estados Unidos)" in words and "988" in words
    assert "Región: Estados Unidos (tu elección; --region la cambia)." in words
    assert "No es consejo médico" in words
    assert "Busca ayuda ahora" not in out
    assert english_in(results) == []
    assert list(tmp_path.iterdir()) == []


def test_spanish_save_offer_saves_a_spanish_report(tmp_path: Path) -> None:
    child = spawn(100, "ask", "--no-crisis", "--who", "adult", "--concern", "trauma", cwd=tmp_path, **SPANISH)
    for text in ("¿Qué te gustaría cambiar más?", "¿Qué tan preparado", "¿Qué formas de trabajar", "¿Alguna de estas"):
        expect_prompt(child, text)
        press(child, ENTER)
    expect_prompt(child, "¿Dónde estás?")
    press(child, ENTER)
    expect_prompt(child, SCREENS_OFFER)
    press(child, ENTER)  # the screens: skipped
    expect_prompt(child, SAVE_OFFER)
    press(child, "s")
    expect_prompt(child, "Nombre del archivo para el informe (Markdown):")
    press(child, ENTER)  # the default name
    expect_prompt(child, "¿Guardar el informe como")
    press(child, "s")
    out = finish(child)
    assert child.exitstatus == 0
    assert "el informe se guardó en therapick-report.md (solo tú puedes leerlo)" in flat(out)
    report = (tmp_path / "therapick-report.md").read_text(encoding="utf-8")
    assert report.startswith("# Informe de therapick\n")
    assert english_in(report) == []
