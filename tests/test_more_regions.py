"""New Zealand, Spain and emergency numbers by country (issue 22), and region names (issue 18).

Every number here is a literal copied from shared/facts/helplines.md, "More regions, checked
December 2026" (and every route from shared/facts/specialists.md, same section): a wrong digit
in the knowledge base fails here as well as in tests/test_helplines.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import KB_PATH, load_yaml, run
from therapick.advice import answers as A
from therapick.advice import region as where
from therapick.advice.result import advise
from therapick.base import i18n
from therapick.cli import questionnaire
from therapick.kb import loader as kbmod
from therapick.output import render, results
from therapick.output.doc import to_plain

KB = kbmod.load(KB_PATH)
EC = "https://digital-strategy.ec.europa.eu/es/policies/112"

# The 27 member states of the European Union (general knowledge, not a fact file: the list is
# not a number or a rating); the European Commission's row gives each of them 112.
EU = {
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
}  # fmt: skip

# country -> (emergency, words its note must hold, source, checked); helplines.md's emergency table.
OTHERS = {
    "MX": (
        "911",
        ["free", "single national"],
        "https://www.gob.mx/policiafederal/articulos/088-911-responder-ante-cualquier-llamado?idiom=es",
    ),
    "AR": ("911", ["Province of Buenos Aires only"], "http://emergencias911.mseg.gba.gov.ar/preguntas"),
    "CO": (
        "the local emergency number",
        ["123", "141", "child", "outside Bogotá", "could not confirm 123"],
        "https://www.policia.gov.co/noticia/telefono-que-escucha-voces-ninos",
    ),
    "CL": (
        "133",
        ["Carabineros", "134", "PDI", "137", "at sea", "tourism site"],
        "https://stg.chile.travel/pt-br/dicas-uteis/precaucoes-de-seguranca",
    ),
    "NZ": ("111", [], "https://www.govt.nz/browse/crime-and-justice/crimes-and-emergencies/111-emergency-service/"),
}


def ask_json(runner: Any, *args: str) -> dict[str, Any]:
    ran = run(runner, "ask", *args, "--json")
    assert ran.exit_code == 0, ran
    return json.loads(ran.stdout)  # type: ignore[no-any-return]


def out(runner: Any, *args: str) -> str:
    ran = run(runner, *args)
    assert ran.exit_code == 0, ran
    return " ".join(ran.stdout.split())


# --------------------------------------------------------------------------
# The country table, pinned


def test_the_country_table_is_exactly_the_facts() -> None:
    rows = {c.id: c for c in KB.countries}
    assert set(rows) == EU | set(OTHERS)
    for code in EU:
        c = rows[code]
        assert (c.emergency, c.url, c.checked) == ("112", EC, "2026-12"), code
        # From the one EU-wide row (helplines.md: "112 (the EU-wide number; free ...)", confirmed by
        # the European Commission): said as the EU's number, never as the country's own, checked.
        assert c.emergency_note == "the EU-wide emergency number, free, as the European Commission gives it", code
    for code, (number, words, url) in OTHERS.items():
        c = rows[code]
        assert (c.emergency, c.url, c.checked) == (number, url, "2026-12"), code
        for word in words:
            assert word in (c.emergency_note or ""), (code, word)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_an_eu_country_s_112_is_said_to_be_the_eu_wide_number(lang: str) -> None:
    i18n.set_language(lang)  # the autouse fixture sets English back
    text = " ".join(to_plain(render.countries(kbmod.bundled(lang)), 200).split())
    eu_wide = {
        "en": "France (FR): emergency 112 (the EU-wide emergency number, free, as the European Commission gives it)",
        "es": "(FR): emergencias al 112 (el número de emergencia de toda la Unión Europea, gratuito, según la "
        "Comisión Europea)",
    }[lang]
    assert eu_wide in text, text
    assert "number checked" not in text and "verificado el número" not in text


def test_colombia_never_says_call_123() -> None:
    # Partly confirmed: 123 is on the police page only as a number for reporting a risk to a child.
    kb = KB
    place = where.parse_country(kb, "Colombia")
    found = advise(kb, A.Answers({"flags": {"who": "adult", "concerns": ("trauma",), "country": "CO"}}))
    assert place.country == "CO" and found.country is not None
    text = to_plain(render.crisis_blocks(kb, found.region, (), found.country), 200)
    assert "call your local emergency number now" in text
    assert "call 123" not in text and "123 now" not in text


def test_a_country_that_is_a_region_says_the_regions_number() -> None:
    for c in KB.countries:
        if c.id in KB.regions_by_id:
            region = KB.regions_by_id[c.id]
            assert c.emergency in f"{region.emergency} {region.emergency_note or ''}", c.id


def test_left_out_numbers_are_not_listed(kb_text: str) -> None:
    # helplines.md, "Not confirmed, leave out" (December 2026).
    spanish = (KB_PATH.parent / "interventions.es.yaml").read_text(encoding="utf-8")
    for number in (
        "0800 543 354",  # Lifeline Aotearoa's voice number
        "5222 999",
        "0508 828 865",  # Suicide Crisis Helpline
        "0800 044 334",  # Safe to talk
        "0800 111 757",
        "0800 611 116",
        "0800 726 666",
        "0800 942 8787",
        "0800 54 37 54",
        "717 003 717",  # Teléfono de la Esperanza
        "91 459 00 55",
        "91 138 53 85",
        "116 111",
        "116 000",
        "800 911 2000",  # Línea de la Vida (Mexico)
        "*4141",
        "1455",
        "0800-999-0091",
    ):
        assert number not in kb_text and number not in spanish, number
    for words in ("061", "091", "062", "080", "131", "132", "089", "107"):
        assert f'"{words}"' not in kb_text, words


def test_024_says_only_its_number_name_and_ministry() -> None:
    line = next(x for x in KB.regions_by_id["ES"].lines if x.id == "es-024")
    assert line.name == "024, Línea de atención a la conducta suicida"
    assert [(c.method, c.value) for c in line.contact] == [("call", "024")]
    assert "Ministerio de Sanidad" in line.purpose and "suicidal" in line.purpose
    words = f"{line.hours} {line.purpose}".lower()
    for unconfirmed in ("free", "24", "confidential", "chat", "cruz roja", "languages"):
        assert unconfirmed not in words, unconfirmed
    assert line.hours == "hours and cost not confirmed"
    # helplines.md: "the Ministry reports that it passes urgent calls to emergency services".
    assert "reports that it passes urgent calls on to the emergency services" in line.purpose


def test_016_messages_only_on_whatsapp_and_no_hours() -> None:
    line = next(x for x in KB.regions_by_id["ES"].lines if x.id == "es-016")
    whatsapp = next(c for c in line.contact if c.method == "whatsapp")
    assert whatsapp.value == "600 000 016" and whatsapp.note == "messages only, no calls"
    assert "WhatsApp 600 000 016 (messages only, no calls)" in line.contact_words()
    assert "TTY 900 116 016" in line.contact_words() and "email 016-online@igualdad.gob.es" in line.contact_words()
    assert "24" not in line.hours and "free" not in line.hours


def test_lifeline_aotearoa_is_its_text_line_only() -> None:
    line = next(x for x in KB.regions_by_id["NZ"].lines if x.id == "nz-lifeline-text")
    assert [(c.method, c.value, c.as_letters) for c in line.contact] == [("text", "4357", "HELP")]


def test_spanish_is_never_said_to_be_a_confirmed_language_of_a_spanish_line() -> None:
    # helplines.md: the language of 024 and 016 is "not confirmed", ANAR's "not stated".
    spanish = load_yaml((KB_PATH.parent / "interventions.es.yaml").read_text(encoding="utf-8"))
    assert not [k for k in spanish.get("help_in_language", {}) if k.startswith(("es-", "nz-"))]


# --------------------------------------------------------------------------
# What must show: help-now


def test_help_now_in_new_zealand(runner: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_NZ.UTF-8")
    text = out(runner, "help-now")
    assert "call 111 now" in text and "call or text 1737" in text and "text 4357 (HELP)" in text
    data = json.loads(run(runner, "help-now", "--json").stdout)
    assert data["region"] == "NZ" and data["region_how"] == "the locale"
    assert data["emergency"]["number"] == "111"
    assert [line["id"] for line in data["crisis_lines"]] == ["nz-1737", "nz-lifeline-text"]


def test_help_now_in_spain_is_in_spanish(runner: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    text = out(runner, "help-now")
    assert "llama ahora al 112" in text and "llama al 024" in text
    assert "Si tú u otra persona están en peligro inmediato" in text
    assert "No se pudo confirmar en una página del Ministerio de Sanidad el horario" in text
    data = json.loads(run(runner, "help-now", "--json").stdout)
    assert data["region"] == "ES" and data["emergency"]["number"] == "112"
    assert [line["contact_text"] for line in data["crisis_lines"]] == ["llama al 024"]


@pytest.mark.parametrize("lang", ["C.UTF-8", "en_US.UTF-8", "es_MX.UTF-8", "en_GB.UTF-8"])
@pytest.mark.parametrize(("region", "numbers"), [("NZ", ["111", "1737"]), ("ES", ["112", "024"])])
def test_region_flag_from_any_locale(
    runner: Any, monkeypatch: pytest.MonkeyPatch, lang: str, region: str, numbers: list[str]
) -> None:
    monkeypatch.setenv("LANG", lang)
    text = out(runner, "help-now", "--region", region.lower())
    for number in numbers:
        assert number in text, (lang, number)
    data = json.loads(run(runner, "help-now", "--region", region, "--json").stdout)
    assert data["region"] == region and data["emergency"]["number"] == numbers[0]
    assert numbers[1] in data["crisis_lines"][0]["contact_text"]


def test_help_now_in_mexico(runner: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    text = out(runner, "help-now")
    assert "llama ahora al 911" in text and "findahelpline.com" in text and "Find A Helpline" in text
    assert "therapick no tiene verificada ninguna línea nacional de crisis de México. Para buscar una allí:" in text
    for us_only in ("988", "741741", "1-800-"):
        assert us_only not in text
    data = json.loads(run(runner, "help-now", "--json").stdout)
    assert data["region"] == "other" and data["emergency"]["number"] == "911"
    assert data["emergency"]["country"] == "MX" and data["country"]["id"] == "MX"
    assert data["country"]["url"] == OTHERS["MX"][2]
    assert [line["id"] for line in data["crisis_lines"]] == ["other-findahelpline"]


@pytest.mark.parametrize(
    ("args", "env", "number"),
    [
        (["--country", "MX"], {}, "911"),
        (["--country", "méxico"], {}, "911"),
        (["--region", "Mexico"], {}, "911"),
        ([], {"THERAPICK_REGION": "Méjico"}, "911"),
        (["--country", "France"], {}, "112"),
        (["--country", "alemania"], {}, "112"),
        ([], {"LANG": "de_DE.UTF-8"}, "112"),
        ([], {"LANG": "fr_FR.UTF-8"}, "112"),
        (["--region", "other", "--country", "CL"], {}, "133"),
        (["--country", "Argentina"], {}, "911"),
    ],
)
def test_somewhere_else_with_a_country(
    runner: Any, monkeypatch: pytest.MonkeyPatch, args: list[str], env: dict[str, str], number: str
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    data = json.loads(run(runner, "help-now", *args, "--json").stdout)
    assert data["region"] == "other" and data["emergency"]["number"] == number
    assert data["overview"] == []
    text = out(runner, "help-now", *args)
    assert f"call {number}" in text or f"al {number}" in text
    assert "findahelpline.com" in text


def test_argentina_says_where_911_is_confirmed(runner: Any) -> None:
    text = out(runner, "help-now", "--country", "AR")
    assert "call 911 (confirmed for the Province of Buenos Aires only" in text
    assert "elsewhere in Argentina, call your local emergency number" in text


def test_chile_says_the_sources_limits(runner: Any) -> None:
    text = out(runner, "help-now", "--country", "Chile")
    assert "call 133 (Carabineros" in text and "134" in text and "137" in text
    assert "not on a police or ministry page" in text


def test_a_country_without_a_checked_number_gets_none(runner: Any) -> None:
    for country in ("Japan", "JP", "Narnia"):
        ran = run(runner, "help-now", "--country", country)
        assert ran.exit_code == 0, ran
        text = " ".join(ran.stdout.split())
        assert "call the local emergency number now" in text
        assert f"therapick has no checked emergency number or crisis line for '{country}'" in text
        assert "findahelpline.com" in text
        for number in ("911", "112", "999", "000", "111"):
            assert number not in text, (country, number)
        data = json.loads(run(runner, "help-now", "--country", country, "--json").stdout)
        assert data["emergency"]["number"] == "the local emergency number" and data["country"] is None
        assert data["country_asked"] == country


def test_region_wins_over_country(runner: Any) -> None:
    data = json.loads(run(runner, "help-now", "--region", "GB", "--country", "MX", "--json").stdout)
    assert data["region"] == "GB" and data["emergency"]["number"] == "999" and data["country"] is None


# --------------------------------------------------------------------------
# What must show: ask, on screen, in JSON, in the report and the export


def test_a_teen_with_abuse_in_spain_gets_anar(runner: Any, tmp_path: Path) -> None:
    args = ["--region", "ES", "--who", "teen", "--concern", "abuse"]
    data = ask_json(runner, *args)
    others = [h for h in data["hotlines"] if not h["crisis"]]
    assert others[0]["id"] == "es-anar" and others[0]["contact_text"] == "call 900 20 20 10"
    ids = [h["id"] for h in data["hotlines"]]
    assert {"es-anar", "es-anar-chat", "es-016", "es-anar-adults", "es-024"} <= set(ids)
    assert [r["id"] for r in data["resources"]][:3] == ["es-sns", "es-colegio", "es-consejo"]
    assert data["crisis_lines"][0]["id"] == "es-024"  # abuse is a risk answer: the crisis line first
    text = out(runner, "ask", *args)
    assert "Teléfono ANAR de Ayuda a Niños y Adolescentes: call 900 20 20 10" in text
    assert "Colegio Oficial de Psicólogos" in text
    report = tmp_path / "report.md"
    assert run(runner, "ask", *args, "--save", str(report)).exit_code == 0
    md = report.read_text(encoding="utf-8")
    assert "900 20 20 10" in md and "600 50 51 52" in md and "Emergency: **112**" in md
    assert "The hours and cost of 024 could not be confirmed" in md
    assert "Consejo General de la Psicología" in md


def test_an_adult_with_drugs_in_new_zealand_gets_the_alcohol_drug_helpline(runner: Any, tmp_path: Path) -> None:
    args = ["--region", "NZ", "--who", "adult", "--concern", "substance-use"]
    data = ask_json(runner, *args)
    helpline = next(h for h in data["hotlines"] if h["id"] == "nz-alcohol-drug")
    assert helpline["contact_text"].startswith("call 0800 787 797; text 8681")
    assert data["emergency"]["number"] == "111"
    assert [r["id"] for r in data["resources"]][:4] == [
        "nz-access-and-choice",
        "nz-1737-counselling",
        "nz-crisis-team",
        "nz-psychologists-board",
    ]
    text = out(runner, "ask", *args)
    assert "Alcohol Drug Helpline: call 0800 787 797" in text and "Psychologists Board" in text
    report = tmp_path / "report.md"
    assert run(runner, "ask", *args, "--save", str(report)).exit_code == 0
    md = report.read_text(encoding="utf-8")
    assert "0800 787 797" in md and "Emergency: **111**" in md and "Access and Choice" in md


def test_the_export_lists_both_regions_and_the_country_table(runner: Any) -> None:
    md = run(runner, "export").stdout
    nz = md[md.index("### New Zealand (NZ)") : md.index("### Spain (ES)")]
    es = md[md.index("### Spain (ES)") : md.index("### Anywhere else (other)")]
    for number in ("111", "1737", "4357", "0800 733 843", "0800 787 797", "0800 654 655", "0800 37 66 33"):
        assert number in nz, number
    for number in ("112", "024", "016", "900 116 016", "600 000 016", "900 20 20 10", "600 50 51 52"):
        assert number in es, number
    table = md[md.index("## Emergency numbers in other countries") : md.index("## Finding a professional anywhere")]
    assert "**Mexico (MX)**: emergency 911 (free" in table and "**France (FR)**: emergency 112" in table
    assert "**Colombia (CO)**: the local emergency number (the Policía Nacional lists 123" in table
    assert "(ES)" not in table and "(NZ)" not in table  # their regions, above, say it
    data = json.loads(run(runner, "export", "--format", "json").stdout)
    assert {c["id"] for c in data["countries"]} == EU | set(OTHERS)


def test_ask_in_mexico_says_so_in_every_surface(runner: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    args = ["--who", "adult", "--concern", "trauma", "--crisis"]
    data = ask_json(runner, *args)
    assert data["region"] == "other" and data["country"]["id"] == "MX" and data["emergency"]["number"] == "911"
    text = out(runner, "ask", *args)
    assert "llama ahora al 911" in text and "País: México (según la configuración regional" in text
    assert "la elegiste tú" not in text
    report = tmp_path / "r.md"
    assert run(runner, "ask", *args, "--save", str(report)).exit_code == 0
    md = report.read_text(encoding="utf-8")
    assert "911" in md and "México" in md and "988" not in md


# --------------------------------------------------------------------------
# Provider lists that cover named countries say "not where you are"


@pytest.mark.parametrize("region", ["ES", "NZ"])
@pytest.mark.parametrize(("lang", "words"), [("en", "not where you are"), ("es", "no donde estás")])
def test_tf_cbt_is_not_where_you_are(runner: Any, region: str, lang: str, words: str) -> None:
    args = ["--lang", lang, "ask", "--region", region, "--who", "child", "--concern", "trauma", "--top", "5"]
    data = json.loads(run(runner, *args, "--json").stdout)
    tf = next(p for p in data["providers"] if p["id"] == "tf-cbt-certified")
    assert tf["covers"] == ["US", "CA"] and tf["local"] is False
    text = " ".join(run(runner, *args).stdout.split())
    assert words in text
    pcit = run(runner, "ask", "--region", region, "--who", "young-child", "--concern", "child-behavior", "--json")
    first = json.loads(pcit.stdout)["providers"][0]
    assert first["id"] == "pcit-international" and first["local"] is True  # covers other countries


# --------------------------------------------------------------------------
# validate's per-region warnings hold for the new regions


def _warnings(runner: Any, path: Path) -> list[str]:
    ran = run(runner, "validate", str(path), "--json")
    return [p["message"] for p in json.loads(ran.stdout)["problems"] if p["warning"]]


def test_validate_warns_for_the_new_regions(runner: Any, kb_copy: Path) -> None:
    assert _warnings(runner, kb_copy) == []
    doc = load_yaml(kb_copy.read_text(encoding="utf-8"))
    regions = {r["id"]: r for r in doc["regions"]}
    del regions["ES"]["crisis_gap"]  # then nothing says why 024 is not known to be 24/7
    regions["NZ"]["gaps"] = [g for g in regions["NZ"]["gaps"] if "trauma" not in g["concerns"]]
    regions["NZ"]["resources"] = []
    doc["resources"] = []
    kb_copy.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    found = _warnings(runner, kb_copy)
    assert "region ES has no crisis line open 24/7" in found
    assert any("crisis line 'es-024' has limited hours" in w for w in found)
    assert "region NZ has no line (or gap note) for concern 'trauma', which other regions match" in found
    assert "region NZ has no route to a professional" in found


def test_validate_refuses_a_name_for_two_places(runner: Any, kb_copy: Path) -> None:
    doc = load_yaml(kb_copy.read_text(encoding="utf-8"))
    next(r for r in doc["regions"] if r["id"] == "NZ")["names"].append("U K")
    next(c for c in doc["countries"] if c["id"] == "IE")["emergency"] = "999 0"
    kb_copy.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    ran = run(runner, "validate", str(kb_copy))
    assert ran.exit_code == 1
    assert "the name 'U K' is used by both GB and NZ" in ran.stdout
    assert "country IE gives emergency 999 0, which region IE does not (112)" in ran.stdout


# --------------------------------------------------------------------------
# Region names people type (issue 18), everywhere a region can be given

NAMES = {
    "GB": ["UK", "uk", " uk ", "U.K.", "G B", "gb", "Britain", "Great Britain", "England", "Scotland", "Wales"],
    "US": ["USA", "U.S.A.", "America", "United States", "Estados Unidos", "EE. UU.", "eeuu", "the United States"],
    "IE": ["Éire", "eire", "Irlanda", "Ireland", "Republic of Ireland"],
    "AU": ["Aus", "australia"],
    "CA": ["Canadá", "canada"],
    "NZ": ["Nueva Zelanda", "new zealand", "Aotearoa", "nz"],
    "ES": ["España", "espana", "Spain", "ESPAÑA"],
    "other": ["Somewhere else", "not sure", "Otro lugar"],
}
GB_ALSO = ["Northern Ireland", "Reino Unido", "Irlanda del Norte", "Inglaterra", "Escocia", "Gales", "Gran Bretaña"]


@pytest.mark.parametrize(
    ("name", "region"), [(n, r) for r, names in NAMES.items() for n in names] + [(n, "GB") for n in GB_ALSO]
)
def test_region_names(name: str, region: str) -> None:
    assert where.parse(KB, name) == region


@pytest.mark.parametrize(
    ("name", "country"), [("México", "MX"), ("mexico", "MX"), ("Países Bajos", "NL"), ("DE", "DE")]
)
def test_country_names_are_other_with_the_country(name: str, country: str) -> None:
    assert where.parse(KB, name) == "other" and where.country_of(KB, name) == country


def test_names_work_in_spanish_too() -> None:
    i18n.set_language("es")
    spanish = kbmod.bundled("es")
    assert where.parse(spanish, "Reino Unido") == "GB" and where.parse(spanish, "UK") == "GB"
    assert where.parse(spanish, "No sé / en otro lugar") == "other"


@pytest.mark.parametrize("name", ["UK", "Reino Unido", "g b", "Britain"])
def test_every_way_to_give_a_region(runner: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str) -> None:
    base = ["--who", "adult", "--concern", "trauma"]
    assert ask_json(runner, *base, "--region", name)["region"] == "GB"
    assert ask_json(runner, *base, "--answer", f"region={name}")["region"] == "GB"
    answers = tmp_path / "a.yaml"
    answers.write_text(f"who: adult\nconcerns: [trauma]\nregion: {name}\n", encoding="utf-8")
    assert ask_json(runner, "--answers", str(answers))["region"] == "GB"
    for command in (["help-now"], ["hotlines"]):
        data = json.loads(run(runner, *command, "--region", name, "--json").stdout)
        assert (data.get("region") or data["regions"][0]["id"]) == "GB", command
    assert "not where you are" in out(runner, "show", "tf-cbt", "--region", name)
    monkeypatch.setenv("THERAPICK_REGION", name)
    assert ask_json(runner, *base)["region"] == "GB"
    assert json.loads(run(runner, "help-now", "--json").stdout)["emergency"]["number"] == "999"


def test_a_country_in_the_answers_file(runner: Any, tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("who: adult\nconcerns: [trauma]\ncountry: Mexico\n", encoding="utf-8")
    data = ask_json(runner, "--answers", str(answers))
    assert data["region"] == "other" and data["emergency"]["number"] == "911"
    assert data["answers"]["country"] == "MX"
    data = ask_json(runner, "--who", "adult", "--concern", "trauma", "--answer", "country=fr")
    assert data["emergency"]["number"] == "112" and data["country"]["name"] == "France"


# --------------------------------------------------------------------------
# No country preselected (issue 18): the questionnaire without a terminal


def _fake(answers_by_id: dict[str, Any], asked: list[questionnaire.Prompt]) -> Any:
    def ask(p: questionnaire.Prompt) -> Any:
        asked.append(p)
        if p.id in answers_by_id:
            return answers_by_id[p.id]
        if p.default is not None:
            return p.default  # Enter: whatever the prompt starts on
        return {"many": [], "one": p.choices[0][0] if p.choices else None, "text": ""}.get(p.kind, False)

    return ask


def test_unknown_region_starts_on_the_neutral_choice_and_enter_keeps_everywhere() -> None:
    asked: list[questionnaire.Prompt] = []
    known = A.Answers({"flags": {"crisis": False, "who": "adult", "concerns": ("trauma",)}})
    got = questionnaire.run(KB, known, _fake({}, asked), lambda a, r: None, {"LANG": "C.UTF-8"})
    assert got is not None
    region_prompt = next(p for p in asked if p.id == "region")
    assert region_prompt.default == "other" and region_prompt.choices[-1] == ("other", "Not sure / somewhere else")
    country_prompt = next(p for p in asked if p.id == "country")
    assert country_prompt.kind == "text" and country_prompt.default == ""
    result = advise(KB, got, environ={"LANG": "C.UTF-8"})
    assert result.region is not None and result.region.id == "other" and result.country is None
    text = to_plain(results.result(KB, result), 100)
    assert "you chose it" not in text and "United States" not in text
    assert "these lines hold everywhere" in text and "findahelpline.com" in text
    for us_only in ("911", "988", "741741", "1-800-"):
        assert not re.search(rf"(?<![\d/-]){us_only}(?![\d])", text), us_only


def test_a_guess_is_the_start_and_a_typed_country_is_used() -> None:
    asked: list[questionnaire.Prompt] = []
    known = A.Answers({"flags": {"crisis": False, "who": "adult", "concerns": ("trauma",)}})
    questionnaire.run(KB, known, _fake({}, asked), lambda a, r: None, {"LANG": "en_GB.UTF-8"})
    assert next(p for p in asked if p.id == "region").default == "GB"
    assert not [p for p in asked if p.id == "country"]
    asked.clear()
    got = questionnaire.run(KB, known, _fake({}, asked), lambda a, r: None, {"LANG": "es_MX.UTF-8"})
    assert got is not None and next(p for p in asked if p.id == "country").default == "Mexico"
    assert advise(KB, got, environ={}).country is not None
    asked.clear()
    got = questionnaire.run(KB, known, _fake({"country": "españa"}, asked), lambda a, r: None, {})
    assert got is not None and got.one("region") == "ES"  # a country that is a region is that region
    asked.clear()
    got = questionnaire.run(KB, known, _fake({"country": "Suecia"}, asked), lambda a, r: None, {})
    assert got is not None and got.one("country") == "SE"
    assert advise(KB, got, environ={}).country.emergency == "112"  # type: ignore[union-attr]


def test_the_danger_path_asks_the_country_before_the_lines() -> None:
    shown: list[tuple[str | None, str | None]] = []
    asked: list[questionnaire.Prompt] = []
    ask = _fake({"crisis": True, "keep-going": False, "region": "other", "country": "Chile"}, asked)
    got = questionnaire.run(KB, A.Answers(), ask, lambda a, r: shown.append((r, a.one("country"))), {})
    assert got is None
    assert shown[0] == (None, None)  # every region's first line, then the region question
    assert shown[1:] == [("other", "CL"), ("other", "CL")]  # Chile's 133, and again when stopping
