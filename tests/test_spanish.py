"""The Spanish edition: every word of the program has a Spanish form, and none of the English leaks.

The knowledge base's own text is translated by data/interventions.es.yaml
(tests/test_validate_all.py and translate.py check that file); the words of
the program itself are ``t("...")`` calls looked up in messages_es.py. These
tests find every ``t()`` call with the ``ast`` module, run every screen and
document with ``--lang es``, and look for English the program would have
written. Support-line numbers are literals from shared/facts/helplines.md.
"""

from __future__ import annotations

import ast
import json
import re
import string
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT, env_for_subprocess, run, therapick_exe
from therapick.base import i18n
from therapick.base.messages_es import MESSAGES
from therapick.kb import loader as kbmod

SRC = ROOT / "src" / "therapick"
GOLDEN_ES = ROOT / "tests" / "golden" / "export.es.md"

# English the program writes, which must never appear in Spanish output. Quoted
# ratings (in their source's own words) are removed before looking.
ENGLISH = [
    "Why",
    "What to expect",
    "What it is",
    "What it involves",
    "Support lines",
    "Finding a professional",
    "you said",
    "you mentioned",
    "Shown because",
    "call ",
    "text ",
    "chat at",
    "website",
    "email ",
    "immediate danger",
    "Not medical advice",
    "Kinds of help",
    "Get help now",
    "Crisis lines in",
    "Emergency",
    "emergency ",
    "Evidence:",
    "Category",
    "Techniques",
    "For whom",
    "Also called",
    "match to your answers",
    "crisis line for anyone",
    "it is for everyone",
    "it is run for",
    "checked ",
    "Source:",
    "covers:",
    "Trained providers",
    "Good to know",
    "Region:",
    "In an emergency",
    "safety plan",
    "Made on",
    "Your answers",
    "Disclaimer",
    "Contents",
    "not answered",
    "left blank",
    "Step ",
    "No option in your language",
    ". For ",
    "It is best",
    "therapick report",
    "nothing was saved",
]
NOT_CONFIRMED = "No se confirmó atención en español en esta línea."


def english_in(text: str) -> list[str]:
    """The English phrases found in ``text``, with quoted ratings (“...”) taken out first."""
    text = re.sub("\u201c[^\u201d]*\u201d", "", text)
    return [phrase for phrase in ENGLISH if phrase in text]


# --------------------------------------------------------------------------
# The catalog


def t_calls() -> list[tuple[str, int, ast.expr | None]]:
    """Every call of ``t`` in the source: (file, line, its first argument)."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t":
                found.append((path.name, node.lineno, node.args[0] if node.args else None))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "tn":
                # the singular and the plural form (i18n.tn): each a literal with its Spanish form
                found += [(path.name, node.lineno, node.args[k] if len(node.args) > k else None) for k in (0, 1)]
    return found


def t_strings() -> set[str]:
    return {a.value for _, _, a in t_calls() if isinstance(a, ast.Constant) and isinstance(a.value, str)}


def fields(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name)


def test_the_source_has_t_calls_to_check() -> None:
    assert len(t_strings()) > 150  # the scan finds the program's words (it would find none if t were renamed)


def test_every_t_call_has_a_literal_text() -> None:
    """A text built at run time could not be checked here: every ``t()`` takes one string literal."""
    bad = [f"{f}:{line}" for f, line, a in t_calls() if not (isinstance(a, ast.Constant) and isinstance(a.value, str))]
    assert bad == []


def test_every_text_has_a_spanish_form() -> None:
    missing = sorted(s for s in t_strings() if not MESSAGES.get(s, "").strip())
    assert missing == []


def test_no_spanish_form_is_left_over() -> None:
    assert sorted(set(MESSAGES) - t_strings()) == []


def test_each_translation_keeps_the_same_fields() -> None:
    wrong = {k: v for k, v in MESSAGES.items() if fields(k) != fields(v)}
    assert wrong == {}


def test_translations_are_not_english() -> None:
    """Only short words that are the same in both languages (no, TTY, a placeholder) may stay as they are."""
    same = {k for k, v in MESSAGES.items() if k == v}
    assert same <= {"no", "No", "error: {detail}", "TTY {value}"}


def test_the_language_is_chosen_by_flag_environment_or_locale() -> None:
    assert i18n.choose(None, {}) == "en"
    assert i18n.choose("es", {}) == "es"
    assert i18n.choose(None, {"THERAPICK_LANG": "es"}) == "es"
    assert i18n.choose(None, {"LANG": "es_US.UTF-8"}) == "es"
    assert i18n.choose(None, {"LC_ALL": "es_MX.UTF-8", "LANG": "en_US.UTF-8"}) == "es"
    assert i18n.choose(None, {"LANG": "en_GB.UTF-8"}) == "en"
    assert i18n.choose("en", {"LANG": "es_US.UTF-8"}) == "en"


# --------------------------------------------------------------------------
# No English in Spanish output


SCREENS = [
    ["show", "cbt"],
    ["show", "pcit", "--region", "US"],
    ["show", "art-therapy", "--region", "GB"],
    ["list"],
    ["hotlines"],
    ["help-now"],
    *[["help-now", "--region", r] for r in ("US", "CA", "GB", "IE", "AU", "other")],
    ["ask", "--who", "adult", "--concern", "anxiety-depression"],
    [
        "ask",
        "--who",
        "adult",
        "--concern",
        "abuse",
        "--concern",
        "substance-use",
        "--region",
        "US",
        "--group",
        "veteran",
    ],
    ["ask", "--crisis", "--who", "teen", "--concern", "trauma", "--region", "AU", "--top", "1"],
    ["ask", "--who", "young-child", "--concern", "child-behavior", "--prefer", "play", "--region", "CA"],
    ["ask", "--crisis"],
    ["ask", "--crisis", "--region", "IE"],
    ["export"],
]


@pytest.mark.parametrize("args", SCREENS, ids=[" ".join(a) for a in SCREENS])
def test_no_english_in_spanish_screens(runner: CliRunner, args: list[str]) -> None:
    ran = run(runner, "--lang", "es", *args)
    assert ran.exit_code == 0, ran
    assert len(ran.stdout) > 200
    assert english_in(ran.output) == []


def test_the_same_screens_are_english_without_lang(runner: CliRunner) -> None:
    ran = run(runner, "help-now", "--region", "US")
    assert "Get help now" in ran.stdout and "call 988" in ran.stdout
    assert "No se confirmó" not in ran.stdout and "Busca ayuda" not in ran.stdout


def ask_json(runner: CliRunner, *args: str) -> dict[str, Any]:
    ran = run(runner, "--lang", "es", "ask", "--json", *args)
    assert ran.exit_code == 0, ran
    data: dict[str, Any] = json.loads(ran.stdout)
    return data


def test_json_text_values_are_spanish_and_keys_english(runner: CliRunner) -> None:
    data = ask_json(runner, "--who", "adult", "--concern", "abuse", "--concern", "substance-use", "--region", "US")
    assert "suggestions" in data and "crisis_lines" in data  # keys stay English: the contract
    written = [s["strength_words"] for s in data["suggestions"]]
    written += [r["text"] for s in data["suggestions"] for r in s["reasons"]]
    written += [line["why"] for line in data["hotlines"]]
    written += [line["contact_text"] for line in data["hotlines"] + data["crisis_lines"]]
    assert written and english_in(" | ".join(written)) == []
    # What each suggestion rests on, in Spanish (issue 20: no more "close match").
    labels = {s["strength_words"] for s in data["suggestions"]}
    apa = "la APA recomienda firmemente este enfoque para adultos con trastorno de estrés postraumático (PTSD)"
    assert apa in labels
    assert not [x for x in labels if "coincide" in x]
    lines = {line["id"]: line for line in data["hotlines"]}
    assert lines["us-dv"]["why"] == "mencionaste maltrato o violencia"
    assert lines["us-988"]["contact_text"].startswith("llama al 988 (")


def test_json_overview_is_spanish_when_the_region_is_unknown(runner: CliRunner) -> None:
    data = ask_json(runner, "--crisis")
    contacts = [o["line"]["contact_text"] for o in data["overview"]]
    assert contacts and english_in(" | ".join(contacts)) == []
    assert "llama o envía un mensaje de texto al 988" in contacts  # Canada's 9-8-8


def test_the_saved_report_is_spanish(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "informe.md"
    for region in ("US", "GB"):
        ran = run(
            runner,
            "--lang",
            "es",
            "ask",
            "--who",
            "adult",
            "--concern",
            "abuse",
            "--answer",
            "crisis=sí",
            "--region",
            region,
            "--save",
            str(target),
            "--force",
        )
        assert ran.exit_code == 0, ran
        assert "el informe se guardó en" in ran.stderr
        text = target.read_text(encoding="utf-8")
        assert text.startswith("# Informe de therapick\n")
        assert "> **Busca ayuda ahora**" in text and "## Tus respuestas" in text and "## En resumen" in text
        assert text.index("Busca ayuda ahora") < text.index("## En resumen") < text.index("## Tus respuestas")
        assert english_in(text) == []
    ran = run(runner, "--lang", "es", "ask", "--who", "adult", "--concern", "trauma", "--save", str(target), "--force")
    text = target.read_text(encoding="utf-8")
    assert "therapick no sabe dónde estás" in text and "(sin respuesta)" in text
    assert english_in(text) == []


def spanish_kb() -> kbmod.KnowledgeBase:
    return kbmod.load(kbmod.default_path(), "es")


def test_the_safety_plan_is_spanish() -> None:
    from therapick.advice import plan as safety_plan
    from therapick.output import render
    from therapick.output.doc import to_plain
    from therapick.output.export import plan_markdown

    i18n.set_language("es")
    kb = spanish_kb()
    us = kb.regions_by_id["US"]
    made = safety_plan.Plan(us, (("warning-signs", "No duermo"),), "2026-11-28")
    text = plan_markdown(kb, made)
    assert text.startswith("# Mi plan de seguridad\n") and "Hecho el 2026-11-28." in text
    assert "(en blanco)" in text and "Emergencias (Estados Unidos): **911**" in text
    assert "marca 2 para hablar en español" in text
    screen = to_plain(render.plan(kb, made), 100) + to_plain(render.plan_intro(kb, kb.safety_plan), 100)  # type: ignore[arg-type]
    assert "Tu plan de seguridad" in screen
    assert english_in(text + screen) == []


def test_the_export_is_the_spanish_golden_file(runner: CliRunner) -> None:
    ran = run(runner, "--lang", "es", "export")
    assert ran.exit_code == 0, ran
    assert ran.stdout == GOLDEN_ES.read_text(encoding="utf-8")
    assert ran.stdout != (ROOT / "tests" / "golden" / "export.md").read_text(encoding="utf-8")


def test_the_spanish_export_links_its_own_headings(runner: CliRunner) -> None:
    """The table of contents points at headings with accents, as GitHub makes their anchors."""
    text = GOLDEN_ES.read_text(encoding="utf-8")
    assert "- [Técnicas](#técnicas)" in text and "\n## Técnicas\n" in text
    assert "(#líneas-de-apoyo-y-cómo-encontrar-a-un-profesional-por-región)" in text


# --------------------------------------------------------------------------
# The crisis panel in Spanish


def test_crisis_panel_leads_with_the_spanish_options(runner: CliRunner) -> None:
    out = run(runner, "--lang", "es", "help-now", "--region", "US").stdout
    flat = " ".join(out.split())
    start = flat.index("Línea 988 de Prevención del Suicidio y Crisis:")
    spanish = flat.index("Llama al 988 y marca 2 para hablar en español, o envía AYUDA por mensaje de texto al 988")
    every_way = flat.index("Otras formas de contacto: llama al 988 (")
    assert start < spanish < every_way
    assert "llama ahora al 911" in flat
    # Crisis Text Line offers no Spanish option in the checked facts: said plainly.
    text_line = flat[flat.index("Crisis Text Line:") :]
    assert text_line.index("envía HOME por mensaje de texto al 741741") < text_line.index(NOT_CONFIRMED)


@pytest.mark.parametrize("region", ["CA", "GB", "IE", "AU"])
def test_every_line_without_a_spanish_option_says_so(runner: CliRunner, region: str) -> None:
    i18n.set_language("es")
    kb = spanish_kb()
    crisis = [line for line in kb.regions_by_id[region].lines if line.crisis]
    out = " ".join(run(runner, "--lang", "es", "help-now", "--region", region).stdout.split())
    assert out.count(NOT_CONFIRMED) == len(crisis) > 0


# Lines in a region whose own services work in Spanish (Spain: ``languages: [es]``) are not said to
# lack Spanish; nor is Spanish claimed for them (helplines.md: language not confirmed / not stated).
SPAIN_NUMBERS = ("024", "016", "900 20 20 10", "600 50 51 52")


@pytest.mark.parametrize("command", [["hotlines", "--region", "ES"], ["help-now", "--region", "ES", "--plain"]])
def test_spain_own_lines_carry_no_language_note_in_spanish(runner: CliRunner, command: list[str]) -> None:
    out = " ".join(run(runner, "--lang", "es", *command).stdout.split())
    assert "llama al 024" in out
    assert NOT_CONFIRMED not in out and "No se confirmó que este sitio" not in out
    assert "atención en español" not in out  # and nothing claimed in its place


def test_spain_lines_all_listed_without_the_note(runner: CliRunner) -> None:
    out = " ".join(run(runner, "--lang", "es", "hotlines", "--region", "ES").stdout.split())
    for number in SPAIN_NUMBERS:
        assert number in out, number
    assert "No se confirmó" not in out


def test_the_note_stays_on_a_british_line_in_spanish(runner: CliRunner) -> None:
    out = " ".join(run(runner, "--lang", "es", "hotlines", "--region", "GB").stdout.split())
    samaritans = out[out.index("Samaritans:") :]
    assert samaritans.index("116 123") < samaritans.index(NOT_CONFIRMED)


def test_the_note_rule_goes_by_the_region_and_the_reader_language() -> None:
    from therapick.output.words import language_note

    kb = spanish_kb()
    spain, britain = kb.regions_by_id["ES"], kb.regions_by_id["GB"]
    assert spain.languages == ["es"] and britain.languages == []
    line = spain.lines[0]
    try:
        i18n.set_language("es")
        assert language_note(line, spain) == ""
        assert language_note(line, None) == " " + NOT_CONFIRMED  # a Spanish line shown with no region
        assert language_note(britain.lines[0], britain) == " " + NOT_CONFIRMED
        i18n.set_language("en")
        assert language_note(britain.lines[0], britain) == ""
    finally:
        i18n.set_language("en")


def test_a_website_is_said_to_lack_spanish_as_a_website(runner: CliRunner) -> None:
    out = " ".join(run(runner, "--lang", "es", "help-now", "--region", "other", "--country", "MX").stdout.split())
    finder = out[out.index("Find A Helpline:") :]
    assert "findahelpline.com" in finder
    assert "No se confirmó que este sitio esté disponible en español." in finder
    assert NOT_CONFIRMED not in finder


def test_the_988_block_says_each_spanish_way_once(runner: CliRunner) -> None:
    """988's Spanish options lead, then the other ways: AYUDA is not given twice, and no note is
    nested in another's parentheses (spanish.md: call 988 and press 2; text AYUDA to 988; chat)."""
    out = " ".join(run(runner, "--lang", "es", "help-now", "--region", "US", "--plain").stdout.split())
    block = out[out.index("Línea 988 de Prevención del Suicidio y Crisis:") : out.index("Crisis Text Line:")]
    assert "marca 2" in block and block.count("AYUDA") == 1 and "chat en español" in block
    assert (
        "Otras formas de contacto: llama al 988 (marca 1 para la línea de crisis para veteranos o 2 para español)"
        in block
    )
    assert "chat en 988lifeline.org" in block and "Todas las formas" not in block
    assert not re.search(r"\([^()]*\(", block), block  # "(... (...))"
    assert ") (" not in block


def test_a_line_whose_lead_gives_no_way_keeps_all_ways(runner: CliRunner) -> None:
    out = " ".join(run(runner, "--lang", "es", "hotlines", "--region", "US").stdout.split())
    samhsa = out[out.index("SAMHSA National Helpline:") :]
    assert "Todas las formas de contacto: llama al 1-800-662-4357" in samhsa
    dv = out[out.index("Línea Nacional contra la Violencia Doméstica:") :]
    assert dv.count("START") == 1 and "Otras formas de contacto: llama al 1-800-799-7233 (1-800-799-SAFE)" in dv


def test_the_spanish_words_for_cost_are_neutral() -> None:
    """Spain says "coste", Latin America "costo": the Spanish texts use neither ("si es gratuita")."""
    texts = GOLDEN_ES.read_text(encoding="utf-8") + " ".join(MESSAGES.values())
    texts += (ROOT / "data" / "interventions.es.yaml").read_text(encoding="utf-8")
    assert re.findall(r"\bcost[oe]s?\b", texts, flags=re.IGNORECASE) == []
    assert "sin confirmar el horario ni si es gratuita" in GOLDEN_ES.read_text(encoding="utf-8")


def test_024_in_spanish_says_what_the_ministry_reports(runner: CliRunner) -> None:
    out = " ".join(run(runner, "--lang", "es", "help-now", "--region", "ES").stdout.split())
    assert (
        "llama al 024 (sin confirmar el horario ni si es gratuita). Para pensamientos o conductas suicidas; "
        "es la línea del Ministerio de Sanidad, que indica que pasa las llamadas urgentes a los servicios de "
        "emergencia." in out
    )
    assert "el horario del 024 ni si es gratuito" in out and "llama al 112" in out


def test_samhsa_says_it_serves_spanish(runner: CliRunner) -> None:
    out = " ".join(run(runner, "--lang", "es", "hotlines", "--region", "US").stdout.split())
    samhsa = out[out.index("SAMHSA National Helpline:") :]
    assert samhsa.startswith("SAMHSA National Helpline: Atiende en inglés y en español")
    assert samhsa.index("Atiende en inglés y en español") < samhsa.index("llama al 1-800-662-4357")


@pytest.mark.slow
def test_es_us_locale_ask_crisis_shows_the_988_spanish_options_first() -> None:
    """`LANG=es_US.UTF-8 therapick ask --crisis`, no terminal: Spanish, US lines, 988's Spanish options first."""
    env = env_for_subprocess(LANG="es_US.UTF-8")
    for name in ("LC_ALL", "LC_MESSAGES", "THERAPICK_LANG", "THERAPICK_REGION"):
        env.pop(name, None)
    done = subprocess.run(
        [*therapick_exe(), "ask", "--crisis"],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=60,
        check=False,
    )
    out = " ".join(done.stdout.decode("utf-8").split())
    assert done.returncode == 0, done.stderr
    assert out.startswith("Busca ayuda ahora")
    assert "Líneas de crisis en Estados Unidos:" in out and "llama ahora al 911" in out
    press_2 = out.index("marca 2 para hablar en español")
    ayuda = out.index("envía AYUDA por mensaje de texto al 988")
    english_contact = out.index("Otras formas de contacto: llama al 988 (")
    assert press_2 < english_contact and ayuda < english_contact
    assert out.index("Línea 988") < press_2
    assert english_in(out) == []


# --------------------------------------------------------------------------
# Names, answers and errors in Spanish


@pytest.mark.parametrize(
    ("name", "heading"),
    [
        ("terapia cognitivo conductual", "Terapia cognitivo-conductual (CBT)"),
        ("terapia cognitivo-conductual", "Terapia cognitivo-conductual (CBT)"),
        ("TCC", "Terapia cognitivo-conductual (CBT)"),
        ("cbt", "Terapia cognitivo-conductual (CBT)"),
        ("tdc", "Terapia dialéctico-conductual (DBT)"),
        ("terapia dialéctico-conductual", "Terapia dialéctico-conductual (DBT)"),
        ("terapia familiar", "Terapia familiar"),
    ],
)
def test_show_by_spanish_name(runner: CliRunner, name: str, heading: str) -> None:
    ran = run(runner, "--lang", "es", "show", name)
    assert ran.exit_code == 0, ran
    assert ran.stdout.startswith(heading), ran.stdout[:80]


@pytest.mark.parametrize(
    ("typed", "meant"), [("s", True), ("sí", True), ("si", True), ("SÍ", True), ("n", False), ("no", False)]
)
def test_yes_and_no_in_spanish(kb: kbmod.KnowledgeBase, typed: str, meant: bool) -> None:
    from therapick.advice import answers

    assert answers.normalise(kb.questionnaire.question("crisis"), typed, "test") is meant


def test_a_spanish_yes_on_the_command_line_shows_the_crisis_panel(runner: CliRunner) -> None:
    ran = run(runner, "--lang", "es", "ask", "--answer", "crisis=s", "--region", "US")
    assert ran.exit_code == 0, ran
    assert ran.stdout.startswith("Busca ayuda ahora") and "911" in ran.stdout and "AYUDA" in ran.stdout


def test_the_yes_no_prompt_asks_for_si_o_no() -> None:
    from therapick.cli import questionnaire

    i18n.set_language("es")
    assert "escribe sí o no" in i18n.t("(type yes or no, then press enter)")
    assert questionnaire.keep_going().text.startswith("¿Quieres seguir")
    assert questionnaire.save_offer().text.startswith("¿Guardar estos resultados")
    i18n.set_language("en")
    assert questionnaire.keep_going().text.startswith("Would you like to keep going")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["show", "nada-de-nada"], "therapick: error: no hay ninguna intervención llamada 'nada-de-nada'"),
        (["list", "--category", "ninguna"], "therapick: error: --category: no existe la categoría 'ninguna'"),
        (["hotlines", "--region", "ZZ"], "therapick: error: --region: no existe la región 'ZZ'"),
        (["ask", "--who", "adult"], "therapick: error: falta una respuesta: concerns"),
        (["ask", "--who", "nadie", "--concern", "trauma"], "no tiene la opción 'nadie'"),
        (["--kb", "/no/such/kb.yaml", "list"], "therapick: error: /no/such/kb.yaml: no existe ese archivo"),
        (["export", "--format", "pdf"], "therapick: error: --format debe ser markdown, json o yaml, no 'pdf'"),
    ],
)
def test_errors_in_spanish(runner: CliRunner, args: list[str], said: str) -> None:
    ran = run(runner, "--lang", "es", *args)
    assert ran.exit_code != 0
    assert said in ran.stderr, ran.stderr
    assert "error: no " not in ran.stderr.replace("error: no hay", "").replace("error: no existe", "")


def test_an_existing_file_is_refused_in_spanish(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "ya.md"
    target.write_text("mío\n", encoding="utf-8")
    ran = run(runner, "--lang", "es", "export", "--output", str(target))
    assert ran.exit_code == 4
    assert ran.stderr.endswith("ya existe; usa --force para reemplazarlo\n")
    assert target.read_text(encoding="utf-8") == "mío\n"


@pytest.mark.slow
def test_help_is_spanish_from_the_environment() -> None:
    """Typer reads help texts when the program starts, so the environment (not --lang) chooses their language."""
    env = env_for_subprocess(THERAPICK_LANG="es", COLUMNS="100")
    done = subprocess.run([*therapick_exe(), "ask", "--help"], env=env, capture_output=True, timeout=60, check=False)
    out = " ".join(done.stdout.decode("utf-8").split())
    assert done.returncode == 0
    assert "Responde unas pocas preguntas y recibe sugerencias ordenadas y explicadas." in out
    assert "Para quién es el apoyo." in out
    assert "Who the support is for." not in out


# --------------------------------------------------------------------------
# Plurals (i18n.tn): the form goes by the number, in both languages


@pytest.mark.parametrize(
    ("lang", "n", "expected"),
    [
        ("en", 1, "One more matched less closely: use --top to see it."),
        ("en", 2, "2 more matched less closely: use --top to see them."),
        ("es", 1, "Otra sugerencia coincide menos: usa --top para verla."),
        ("es", 2, "Otras 2 sugerencias coinciden menos: usa --top para verlas."),
        ("es", 0, "Otras 0 sugerencias coinciden menos: usa --top para verlas."),
    ],
)
def test_tn_chooses_the_singular_or_the_plural(lang: str, n: int, expected: str) -> None:
    try:
        i18n.set_language(lang)
        got = i18n.tn(
            "One more matched less closely: use --top to see it.",
            "{n} more matched less closely: use --top to see them.",
            n,
        )
    finally:
        i18n.set_language("en")
    assert got == expected


def test_one_more_suggestion_is_said_in_the_singular(runner: CliRunner) -> None:
    """With --top one less than the number ranked, the last line counts one suggestion left."""
    args = ["--lang", "es", "ask", "--who", "adult", "--concern", "relationships", "--region", "ES"]
    full = run(runner, *args, "--top", "50").stdout
    ranked = len(re.findall(r"^\s*\d+\. ", full, flags=re.MULTILINE))
    assert ranked >= 2
    out = " ".join(run(runner, *args, "--top", str(ranked - 1)).stdout.split())
    assert "Otra sugerencia coincide menos: usa --top para verla." in out
    assert "Otras 1 " not in out


def test_the_chosen_region_or_country_is_said_without_a_gendered_pronoun(runner: CliRunner) -> None:
    """ "la elegiste tú" agreed with "región" but not with "país": "tu elección" fits both."""
    args = ["--lang", "es", "ask", "--who", "adult", "--concern", "relationships"]
    country = " ".join(run(runner, *args, "--region", "other", "--country", "MX").stdout.split())
    assert "País: México (tu elección; --country lo cambia)." in country
    region = " ".join(run(runner, *args, "--region", "ES").stdout.split())
    assert "Región: España (tu elección; --region la cambia)." in region
    assert "elegiste tú" not in country + region


def test_the_ages_read_as_spanish(runner: CliRunner) -> None:
    text = GOLDEN_ES.read_text(encoding="utf-8")
    assert "Un niño o una niña pequeños (2 a 5 años)" in text and "Adolescente (13 a 17 años)" in text
    for clumsy in (r"niña pequeño\b", r"\bUn o una adolescente", r"\bSi podría"):
        assert not re.search(clumsy, text + " ".join(MESSAGES.values())), clumsy
