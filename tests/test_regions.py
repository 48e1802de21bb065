"""Every supported region complete (issue 10, "what must show"), through the real command line.

Every number here is a literal copied from shared/facts/helplines.md, and every
route from shared/facts/specialists.md: a wrong digit in the knowledge base
fails here, not only in tests/test_helplines.py.
"""

from __future__ import annotations

import itertools
import json
import re
from typing import Any

import pytest

from tests.conftest import run
from therapick.kb import loader as kbmod

KB = kbmod.load()
NOT_US = ["CA", "GB", "IE", "AU", "NZ", "ES", "other"]


def ask(runner, *args: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    result = run(runner, "ask", *args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def text(runner, *args: str) -> str:  # type: ignore[no-untyped-def]
    result = run(runner, *args)
    assert result.exit_code == 0, result.stderr
    return " ".join(result.stdout.split())  # wrapping never splits a number from the test's view


def contacts(data: dict[str, Any]) -> list[str]:
    return [h["contact_text"] for h in data["hotlines"]]


def shown(data: dict[str, Any], number: str) -> bool:
    return any(number in c for c in contacts(data))


# --------------------------------------------------------------------------
# Lines by concern, pinned as literals


def test_gb_abuse_shows_the_national_domestic_abuse_helpline(runner) -> None:
    data = ask(runner, "--region", "GB", "--who", "adult", "--concern", "abuse")
    assert data["region"] == "GB"
    assert shown(data, "0808 2000 247")
    refuge = next(h for h in data["hotlines"] if "0808 2000 247" in h["contact_text"])
    assert refuge["name"] == "National Domestic Abuse Helpline (Refuge)"
    assert refuge["url"] == "https://www.nationaldahelpline.org.uk"
    assert "0808 2000 247" in text(runner, "ask", "--region", "GB", "--who", "adult", "--concern", "abuse")


def test_ie_teen_with_abuse_sees_a_line_for_young_people_first(runner) -> None:
    data = ask(runner, "--region", "IE", "--who", "teen", "--concern", "abuse")
    assert shown(data, "1800 66 66 66")
    others = [h for h in data["hotlines"] if not h["crisis"]]
    assert others[0]["name"] == "Childline (ISPCC)" and others[0]["young"] is True
    assert others[0]["contact_text"] == "call 1800 66 66 66"
    # The abuse lines for Ireland are there too.
    assert shown(data, "1800 341 900") and shown(data, "1800 77 88 88")
    # For an adult, no line for young people.
    adult = ask(runner, "--region", "IE", "--who", "adult", "--concern", "abuse")
    assert not shown(adult, "1800 66 66 66") and shown(adult, "1800 341 900")


def test_au_abuse_shows_1800respect(runner) -> None:
    data = ask(runner, "--region", "AU", "--who", "adult", "--concern", "abuse")
    assert shown(data, "1800 737 732")
    assert "1800 737 732" in text(runner, "ask", "--region", "AU", "--who", "adult", "--concern", "abuse")


def test_ca_teen_sees_kids_help_phone(runner) -> None:
    for concern in ("trauma", "anxiety-depression", "abuse"):
        data = ask(runner, "--region", "CA", "--who", "teen", "--concern", concern)
        assert shown(data, "686868"), concern
        khp = next(h for h in data["hotlines"] if "686868" in h["contact_text"])
        assert khp["contact_text"] == "call 1-800-668-6868; text CONNECT to 686868"
        assert next(h for h in data["hotlines"] if not h["crisis"])["id"] == khp["id"], "young people's line first"


def test_gb_drugs_shows_frank_and_never_calls_it_free(runner) -> None:
    data = ask(runner, "--region", "GB", "--who", "adult", "--concern", "substance-use")
    assert shown(data, "0300 123 6600")
    frank = next(h for h in data["hotlines"] if "0300 123 6600" in h["contact_text"])
    words = " ".join(str(v) for k, v in frank.items() if k not in ("url", "id"))
    assert "free" not in words.lower(), words
    out = text(runner, "ask", "--region", "GB", "--who", "adult", "--concern", "substance-use")
    frank_text = out[out.index("FRANK: ") :].split(" - ", 1)[0]  # the line itself, not the note naming it
    assert "0300 123 6600" in frank_text and "free" not in frank_text.lower(), frank_text


def test_ca_abuse_says_there_is_no_national_line_and_points_to_211(runner) -> None:
    data = ask(runner, "--region", "CA", "--who", "adult", "--concern", "abuse")
    assert data["gaps"] and all("211" in g for g in data["gaps"])
    assert any("no national helpline" in g for g in data["gaps"])
    out = text(runner, "ask", "--region", "CA", "--who", "adult", "--concern", "abuse")
    assert "Canada has no national helpline for domestic abuse" in out and "211" in out
    # Never an invented line: only the crisis line is matched.
    assert [h["id"] for h in data["hotlines"]] == ["ca-988"]


# --------------------------------------------------------------------------
# No region but the US ever shows a US number

US = KB.regions_by_id["US"]
US_NUMBERS = sorted({c.value for line in US.lines for c in line.contact if c.method in ("call", "text", "tty")})
US_WEB = sorted({c.value for line in US.lines for c in line.contact if c.method in ("chat", "web")})
US_ROUTES = sorted({r.url for r in US.resources if r.url} | {r.name for r in US.resources})
CA_TOLL_FREE = {"1-800-668-6868", "1-855-242-3310"}
TOLL_FREE = re.compile(r"(?<![\d-])1-8(00|33|44|55|66|77|88)-\d{3}-\d{4}(?![\d-])")


def test_the_us_set_is_the_facts() -> None:
    # Derived from the knowledge base; pinned here against the facts so the walk below cannot go empty.
    facts = sorted(
        {
            "988",
            "1-800-662-4357",
            "1-800-487-4889",
            "1-800-799-7233",
            "1-800-787-3224",
            "88788",
            "741741",
            "1-800-656-4673",
            "1-800-422-4453",
            "838255",
            "1-866-488-7386",
        }
    )
    assert facts == US_NUMBERS
    assert {"988lifeline.org", "rainn.org", "findtreatment.gov"} <= set(US_WEB)


def assert_no_us(region: str, out: str, where: str) -> None:
    for number in US_NUMBERS:
        if number == "988" and region == "CA":
            continue  # Canada's 9-8-8 Suicide Crisis Helpline
        assert not re.search(rf"(?<![\d-]){re.escape(number)}(?![\d-])", out), (region, where, number)
    for route in [*US_WEB, *US_ROUTES]:
        if route == "988 Suicide & Crisis Lifeline" and region != "US":
            assert route not in out, (region, where, route)
            continue
        assert route.lower() not in out.lower(), (region, where, route)
    for m in TOLL_FREE.finditer(out):
        assert region == "CA" and m.group() in CA_TOLL_FREE, (region, where, m.group())


# Lines are matched by concern, group and who the support is for; with every concern and group
# and --top 50, each who shows every line and provider list it can. A few smaller sets besides.
WHOS = ["adult", "teen", "child", "family"]
CONCERN_SETS = [
    KB.questionnaire.question("concerns").option_ids,
    ["abuse"],
    ["substance-use"],
    ["anxiety-depression"],
]


def ask_args(region: str, who: str, concerns: list[str]) -> list[str]:
    args = ["ask", "--region", region, "--who", who, "--top", "50", "--crisis"]
    for c in concerns:
        args += ["--concern", c]
    for g in KB.questionnaire.question("groups").option_ids:
        args += ["--group", g]
    return args


@pytest.mark.exhaustive  # every answer set in every region: the full suite's
@pytest.mark.parametrize("region", NOT_US)
def test_no_us_number_outside_the_us_in_ask(runner, region: str) -> None:
    for who, concerns in itertools.product(WHOS, CONCERN_SETS):
        args = ask_args(region, who, concerns)
        json_out = run(runner, *args, "--json")
        assert json_out.exit_code == 0, json_out.stderr
        assert json.loads(json_out.stdout)["region"] == region
        assert_no_us(region, json_out.stdout, f"{who} {concerns} --json")
        assert_no_us(region, run(runner, *args).stdout, f"{who} {concerns}")


@pytest.mark.parametrize("region", NOT_US)
def test_no_us_number_outside_the_us_elsewhere(runner, region: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for args in (
        ["hotlines", "--region", region],
        ["hotlines", "--region", region, "--json"],
        ["help-now", "--region", region],
        ["help-now", "--region", region, "--json"],
    ):
        result = run(runner, *args)
        assert result.exit_code == 0, result.stderr
        assert_no_us(region, result.stdout, " ".join(args))
    report = tmp_path / "report.md"
    args = ask_args(region, "teen", CONCERN_SETS[0])
    assert run(runner, *args, "--save", str(report)).exit_code == 0
    assert_no_us(region, report.read_text(encoding="utf-8"), "the saved report")


def test_the_walk_can_fail(runner) -> None:
    # The same walk finds the US numbers in the US output, so it is not vacuous.
    out = run(runner, *ask_args("US", "teen", CONCERN_SETS[0])).stdout
    with pytest.raises(AssertionError):
        assert_no_us("GB", out, "US output")
    for number in ("1-800-799-7233", "1-800-422-4453", "1-866-488-7386", "838255"):
        assert number in out


# --------------------------------------------------------------------------
# Routes to a professional, by region

# region -> (route ids in the region's own order, a name that must be shown)
ROUTES = {
    "US": (["us-nami", "us-mha", "us-findtreatment", "us-988-local"], "FindTreatment.gov"),
    "CA": (["ca-211", "ca-811", "ca-cpa"], "211"),
    "GB": (["gb-talking-therapies", "gb-gp", "gb-bacp", "gb-ukcp"], "NHS Talking Therapies"),
    "IE": (
        ["ie-gp", "ie-counselling-primary-care", "ie-yourmentalhealth", "ie-psi"],
        "HSE Counselling in Primary Care",
    ),
    "AU": (["au-better-access", "au-medicare-mental-health", "au-healthdirect"], "Medicare Mental Health"),
    "NZ": (
        ["nz-access-and-choice", "nz-1737-counselling", "nz-crisis-team", "nz-psychologists-board"],
        "Access and Choice",
    ),
    "ES": (["es-sns", "es-colegio", "es-consejo"], "Colegio Oficial de Psicólogos"),
    "other": (["other-helpline-directory"], "Find A Helpline"),
}
US_ROUTE_IDS = {r.id for r in US.resources}


@pytest.mark.parametrize("region", sorted(ROUTES))
def test_routes_to_a_professional_in_ask_json(runner, region: str) -> None:
    ids, name = ROUTES[region]
    data = ask(runner, "--region", region, "--who", "adult", "--concern", "anxiety-depression")
    got = [r["id"] for r in data["resources"]]
    assert got[: len(ids)] == ids, "the person's own region first"
    assert got[len(ids) :] == [r.id for r in KB.resources], "then what holds everywhere"
    assert all(r["region"] == region for r in data["resources"][: len(ids)])
    assert any(name in r["name"] for r in data["resources"])
    if region != "US":
        assert not US_ROUTE_IDS & set(got)


@pytest.mark.parametrize("region", sorted(ROUTES))
def test_routes_to_a_professional_in_the_text_results(runner, region: str) -> None:
    _, name = ROUTES[region]
    out = text(runner, "ask", "--region", region, "--who", "adult", "--concern", "anxiety-depression")
    section = out[out.index("Finding a professional") :]
    assert name in section
    for r in KB.regions_by_id[region].resources:
        assert r.name in section, r.name
    if region != "US":
        assert_no_us(region, out, "text results")


def test_routes_to_a_professional_in_the_export(runner) -> None:
    out = run(runner, "export").stdout
    starts = {r.id: out.index(f"### {r.name} ({r.id})") for r in KB.regions}
    order = sorted(starts, key=starts.get)  # type: ignore[arg-type]
    end = out.index("## Emergency numbers in other countries")
    for n, region in enumerate(order):
        section = out[starts[region] : starts[order[n + 1]] if n + 1 < len(order) else end]
        _, name = ROUTES[region]
        assert name in section, region
        for r in KB.regions_by_id[region].resources:
            assert r.name in section and (r.url is None or r.url in section), (region, r.id)
        if region != "US":
            assert_no_us(region, section, "export")


def test_pcit_first_shows_where_to_find_a_pcit_therapist(runner) -> None:
    for region in ("GB", "US", "AU"):
        data = ask(runner, "--region", region, "--who", "young-child", "--concern", "child-behavior")
        assert data["suggestions"][0]["id"] == "pcit"
        pcit = [p for p in data["providers"] if p["intervention"] == "pcit"]
        assert pcit and pcit[0]["url"] == "https://www.pcit.org/for-parents"
        assert pcit[0]["local"] is True and data["providers"][0] == pcit[0], "covers every region, so first"
        out = text(runner, "ask", "--region", region, "--who", "young-child", "--concern", "child-behavior")
        assert "PCIT International" in out and "https://www.pcit.org/for-parents" in out
    # Where a provider list does not cover the person's region, it says so, after the local ones.
    data = ask(runner, "--region", "GB", "--who", "young-child", "--concern", "child-behavior")
    local = [p["local"] for p in data["providers"]]
    assert local == sorted(local, reverse=True)
    for p in data["providers"]:
        assert p["local"] == ("GB" in p["covers"] or "other" in p["covers"]), p


# --------------------------------------------------------------------------
# Region from the person's setting


def test_locale_gives_the_region_without_a_terminal(runner, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "en_AU.UTF-8")
    data = ask(runner, "--who", "adult", "--concern", "trauma")
    assert data["region"] == "AU" and data["region_how"] == "the locale"
    assert data["emergency"]["number"] == "000" and data["overview"] == []
    assert shown(data, "13 11 14")
    out = text(runner, "ask", "--who", "adult", "--concern", "trauma")
    assert "Australia" in out and "000" in out and "13 11 14" in out


@pytest.mark.parametrize(
    ("lang", "region"),
    [
        ("en_GB.UTF-8", "GB"),
        ("en_IE.UTF-8", "IE"),
        ("en_CA.UTF-8", "CA"),
        ("fr_CA.UTF-8", "CA"),
        ("en_US.UTF-8", "US"),
        ("es_US.UTF-8", "US"),
        ("en_NZ.UTF-8", "NZ"),
        ("es_ES.UTF-8", "ES"),
        ("es_MX.UTF-8", "other"),  # a country of the table that is not a region: somewhere else, in Mexico
        ("de_DE.UTF-8", "other"),  # Germany: 112, the European Union's number
        ("ja_JP.UTF-8", None),  # a country therapick has no checked number for: never assumed
        ("C.UTF-8", None),
        ("POSIX", None),
    ],
)
def test_locales(runner, monkeypatch, lang: str, region: str | None) -> None:
    monkeypatch.setenv("LANG", lang)
    assert ask(runner, "--who", "adult", "--concern", "trauma")["region"] == region


def test_environment_beats_locale_and_flag_beats_both(runner, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "en_AU.UTF-8")
    monkeypatch.setenv("THERAPICK_REGION", "ie")
    data = ask(runner, "--who", "adult", "--concern", "trauma")
    assert data["region"] == "IE" and data["region_how"] == "THERAPICK_REGION"
    data = ask(runner, "--who", "adult", "--concern", "trauma", "--region", "GB")
    assert data["region"] == "GB" and data["region_how"] == "you said"
    # LC_ALL beats LANG, as in the C library.
    monkeypatch.delenv("THERAPICK_REGION")
    monkeypatch.setenv("LC_ALL", "en_CA.UTF-8")
    assert ask(runner, "--who", "adult", "--concern", "trauma")["region"] == "CA"


def test_a_bad_environment_region_is_one_clear_error(runner, monkeypatch) -> None:
    monkeypatch.setenv("THERAPICK_REGION", "XX")
    result = run(runner, "ask", "--who", "adult", "--concern", "trauma")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("therapick: ") and "THERAPICK_REGION: no region 'XX'" in result.stderr


# --------------------------------------------------------------------------
# Lines for specific groups


@pytest.mark.parametrize(
    ("args", "name", "number"),
    [
        (["--group", "veteran", "--region", "US"], "Veterans Crisis Line", "838255"),
        (["--group", "lgbtq-young", "--region", "US"], "The Trevor Project", "1-866-488-7386"),
        (["--group", "indigenous", "--region", "AU"], "13YARN", "13 92 76"),
        (["--region", "CA", "--group", "indigenous"], "Hope for Wellness Help Line", "1-855-242-3310"),
    ],
)
def test_group_lines(runner, args: list[str], name: str, number: str) -> None:
    base = ["--who", "adult", "--concern", "anxiety-depression", *args]
    data = ask(runner, *base)
    line = next(h for h in data["hotlines"] if h["name"] == name)
    assert number in line["contact_text"]
    out = text(runner, "ask", *base)
    assert name in out and number in out
    # Not shown without the group.
    without = [a for n, a in enumerate(args) if a != "--group" and (n == 0 or args[n - 1] != "--group")]
    assert name not in [
        h["name"] for h in ask(runner, "--who", "adult", "--concern", "anxiety-depression", *without)["hotlines"]
    ]


def test_group_lines_stay_in_their_region(runner) -> None:
    data = ask(
        runner, "--who", "teen", "--concern", "trauma", "--group", "lgbtq-young", "--group", "veteran", "--region", "GB"
    )
    assert not [h for h in data["hotlines"] if h["name"] in ("The Trevor Project", "Veterans Crisis Line")]
    data = ask(runner, "--who", "adult", "--concern", "trauma", "--group", "indigenous", "--region", "IE")
    assert not [h for h in data["hotlines"] if "13 92 76" in h["contact_text"] or "1-855-242-3310" in h["contact_text"]]


def test_group_lines_are_reachable_from_hotlines(runner) -> None:
    out = text(runner, "hotlines")
    for name, number in (
        ("Veterans Crisis Line", "838255"),
        ("The Trevor Project", "1-866-488-7386"),
        ("13YARN", "13 92 76"),
        ("Hope for Wellness Help Line", "1-855-242-3310"),
    ):
        assert name in out and number in out


# --------------------------------------------------------------------------
# Risk: a crisis line first, even without --crisis


@pytest.mark.parametrize("concern", ["intense-emotions", "abuse"])
@pytest.mark.parametrize(
    ("region", "crisis_line", "number"),
    [
        ("US", "988 Suicide & Crisis Lifeline", "988"),
        ("CA", "9-8-8 Suicide Crisis Helpline", "988"),
        ("GB", "Samaritans", "116 123"),
        ("IE", "Samaritans Ireland", "116 123"),
        ("AU", "Lifeline", "13 11 14"),
        ("other", "Find A Helpline", "findahelpline.com"),
    ],
)
def test_risk_puts_the_crisis_line_first(runner, concern: str, region: str, crisis_line: str, number: str) -> None:
    args = ["ask", "--no-crisis", "--region", region, "--who", "adult", "--concern", concern]
    data = ask(runner, *args[1:])
    assert data["crisis"] is False and data["at_risk"] is True
    assert list(data)[:2] == ["schema_version", "crisis_lines"]
    assert data["crisis_lines"] and data["crisis_lines"][0]["name"] == crisis_line
    assert all(h["crisis"] for h in data["crisis_lines"])
    first = run(runner, *args).stdout.splitlines()[0]
    assert crisis_line in first and number in first, first
    # Without a risk answer, none of that.
    calm = ask(runner, "--no-crisis", "--region", region, "--who", "adult", "--concern", "relationships")
    assert calm["at_risk"] is False and calm["crisis_lines"] == []


@pytest.mark.parametrize(
    ("lang", "region", "heading"),
    [
        ("en", "GB", "Crisis lines in the United Kingdom:"),
        ("en", "US", "Crisis lines in the United States:"),
        ("en", "ES", "Crisis lines in Spain:"),
        ("es", "GB", "Líneas de crisis en el Reino Unido:"),
        ("es", "US", "Líneas de crisis en Estados Unidos:"),
    ],
)
def test_a_region_is_named_after_in_as_people_say_it(runner, lang: str, region: str, heading: str) -> None:
    got = run(runner, "--lang", lang, "help-now", "--region", region)
    assert got.exit_code == 0 and heading in got.stdout, got.stdout[:400]
    ask = run(
        runner, "--lang", lang, "ask", "--who", "adult", "--concern", "low-mood", "--region", region, "--no-crisis"
    )
    place = heading.split(" en ", 1)[-1] if lang == "es" else heading.split(" in ", 1)[-1]
    start = "Por dónde empezar en " if lang == "es" else "Where to start in "
    assert start + place in ask.stdout, ask.stdout[:600]
