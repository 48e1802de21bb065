"""A person's own words (issue 24): crisis words always win, concerns and who are matched well enough.

The crisis phrases are read from the checked facts file itself (sections D and E), so a phrase
added there and forgotten here fails. The concern matcher is measured on a labelled set of
descriptions (tests/data/descriptions.yaml) and held to a floor per concern.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import load_yaml
from therapick.advice import crisis_words as CW
from therapick.advice import describe as D
from therapick.advice.result import advise
from therapick.cli import session
from therapick.kb import loader as kbmod
from therapick.output import doc, export, results

ROOT = Path(__file__).resolve().parents[1]
# The rows of the facts' sections D and E, copied verbatim into the tests (a clean clone may not
# have shared/); where the facts file is at hand, the copy is checked against it.
ROWS = ROOT / "tests" / "data" / "crisis-words-rows.md"
FACTS = [p / "shared" / "facts" / "crisis-words.md" for p in (ROOT.parent.parent, ROOT.parent)]
LABELLED = load_yaml((ROOT / "tests" / "data" / "descriptions.yaml").read_text(encoding="utf-8"))["descriptions"]


@pytest.fixture(scope="module")
def kb() -> Any:
    return kbmod.load(ROOT / "data" / "interventions.yaml")


def facts_rows() -> dict[str, list[str]]:
    """Every phrase of crisis-words.md sections D and E, by row id (E1.., S1..)."""
    rows: dict[str, list[str]] = {}
    for line in ROWS.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\| ([ES]\d+) \| ([^|]+) \|", line)
        if m:
            rows[m.group(1)] = [p.strip() for p in m.group(2).split(";") if p.strip()]
    return rows


def test_the_copied_rows_are_the_facts_files() -> None:
    copied = [line for line in ROWS.read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
    assert len([line for line in copied if re.match(r"\| [ES]\d+ \|", line)]) == 18 + 15  # sections D and E
    for facts in FACTS:  # on a developer's machine, where shared/ is beside the checkout
        if facts.exists():
            text = facts.read_text(encoding="utf-8").splitlines()
            assert [line for line in text if re.match(r"\| [ES]\d+ \|", line)] == copied


def test_the_facts_file_is_read() -> None:
    rows = facts_rows()
    assert len([r for r in rows if r.startswith("E")]) == 18 and len([r for r in rows if r.startswith("S")]) == 15


@pytest.mark.parametrize("row", sorted(facts_rows()))
def test_every_phrase_of_the_facts_is_in_the_floor(row: str) -> None:
    held = CW.ENGLISH.get(row) or CW.SPANISH.get(row) or ()
    plain = {p.lstrip("=").replace(" =", " ").casefold() for p in held}
    for phrase in facts_rows()[row]:
        assert phrase.casefold() in plain, (row, phrase)


PHRASES = [(row, p) for row, ps in sorted(facts_rows().items()) for p in ps]


@pytest.mark.parametrize(("row", "phrase"), PHRASES, ids=[f"{r}:{p}" for r, p in PHRASES])
def test_every_phrase_brings_the_crisis_lines(row: str, phrase: str) -> None:
    for text in (phrase, phrase.upper(), f"honestly {phrase} lately.", f"Lately... {phrase}!"):
        rows, _ = D.crisis_rows(text)
        assert rows, text


# Word forms, typos, negation, contractions and accents, in both languages.
VARIANTS = [
    "I would never kill myself",
    "I'm not going to kill myself, I just feel bad",
    "i keep thinking about killing my self",
    "I have thought of killng myself",
    "kil myself",
    "I have had suicidal thoughts",
    "im suicdal",
    "thinking about sucide? no, not really",
    "I dont want to live anymore",
    "I do not want to be alive",
    "I really want to die",
    "i wanna die",
    "I wish I was dead",
    "I'd be better off dead",
    "sometimes I wish I'd never been born",
    "everyone would be better off without me",
    "I feel like I'm such a burden on my family",
    "I feel hopless",
    "feeling so trapped",
    "there's no way out",
    "I can't go on like this",
    "I cant take it anymore",
    "I keep hurting myself",
    "I self-harm",
    "I have been cutting myself",
    "I overdosed last year",
    "looking up ways to die",
    "I'm not suicidal",
    "no me voy a suicidar",
    "nunca me voy a suicidar",
    "pienso en el suicidio",
    "me quiero morír",
    "ya no quiero vivir",
    "no quiero seguir viviendo así",
    "quisiera quitarme la vida",
    "desearía estar muerta",
    "ojala estuviera muerto",
    "estarian mejor sin mi",
    "siento que soy una carga",
    "me siento atrapada",
    "ya no aguanto más",
    "no puedo mas",
    "a veces me corto",
    "me he cortado los brazos",
    "pensé en tomarme todas las pastillas",
    "sin esperanza",
    "ya me despedí, mañana me quiero morir",
]


@pytest.mark.parametrize("text", VARIANTS)
def test_variants_bring_the_crisis_lines(text: str) -> None:
    rows, _ = D.crisis_rows(text)
    assert rows, text


# The words the facts say not to use alone, and everyday sentences near the phrases.
NOT_ALONE = [
    "he has a gun collection",
    "I take my pills every morning",
    "I'm dying to see the new film",
    "I was dead tired after work",
    "I give up on this diet",
    "my phone died",
    "the plants are dead",
    "I tripped on the stairs",
    "I wrapped the presents",
    "I cut my hair",
    "le corté el pelo a mi hijo",
    "vino a casa tarde",
]


@pytest.mark.parametrize("text", NOT_ALONE)
def test_words_not_used_alone_do_not_trigger(text: str) -> None:
    assert D.crisis_rows(text) == ((), False), text


@pytest.mark.parametrize(
    ("text", "imminent"),
    [
        ("I'm going to kill myself tonight", True),
        ("I want to die, I have the pills ready", True),
        ("quiero morir hoy", True),
        ("me voy a suicidar esta noche", True),
        ("I have a plan to end my life", True),
        ("I want to die", False),
        ("no quiero vivir", False),
        ("tonight I have a test", False),  # a time word alone is not a crisis
    ],
)
def test_a_time_a_plan_a_method_or_a_place(text: str, imminent: bool) -> None:
    rows, found = D.crisis_rows(text)
    assert found is imminent and (bool(rows) or not imminent)


# --------------------------------------------------------------------------
# The labelled set: precision and recall per concern


def scores(kb: Any, split: str | None = None) -> dict[str, tuple[float, float, int]]:
    ids = kb.questionnaire.question("concerns").option_ids
    tp = dict.fromkeys(ids, 0)
    fp = dict.fromkeys(ids, 0)
    fn = dict.fromkeys(ids, 0)
    for d in LABELLED:
        if split and d["split"] != split:
            continue
        got = set(D.describe(kb, d["text"]).concerns)
        for c in ids:
            want = c in d["concerns"]
            tp[c] += want and c in got
            fp[c] += (not want) and c in got
            fn[c] += want and c not in got
    return {
        c: (
            tp[c] / (tp[c] + fp[c]) if tp[c] + fp[c] else 1.0,
            tp[c] / (tp[c] + fn[c]) if tp[c] + fn[c] else 1.0,
            tp[c] + fn[c],
        )
        for c in ids
    }


def test_the_labelled_set_is_large_and_in_both_languages() -> None:
    assert len(LABELLED) >= 60
    spanish = [
        d for d in LABELLED if re.search(r"[ñáéíóú¿]|\b(mi|me|no|de|y)\b", d["text"]) and " the " not in d["text"]
    ]
    assert len(spanish) >= 25
    assert {d["split"] for d in LABELLED} == {"dev", "held-out"}


def test_every_label_is_a_concern_the_questionnaire_has(kb: Any) -> None:
    """A label left on a former id (substance-use, anxiety-depression) is a concern the scores never
    count: every concern the questionnaire has must be labelled at least three times."""
    ids = set(kb.questionnaire.question("concerns").option_ids)
    labels = [c for d in LABELLED for c in d["concerns"]]
    assert set(labels) <= ids, set(labels) - ids
    assert all(labels.count(c) >= 3 for c in ids), {c: labels.count(c) for c in ids}


# Floors (issue 24): a pre-ticked concern is confirmed by the person, so a wrong tick costs an
# untick and a missed one a tick; but people often accept what is ticked, so precision matters as
# much as recall. Over the whole set every concern must reach 0.8 of each (four in five pre-ticks
# right, four in five concerns found); on the held-out part alone, where each concern has only 2
# to 4 examples, 0.6 (one miss or one wrong tick allowed).
@pytest.mark.parametrize(("split", "floor"), [(None, 0.8), ("held-out", 0.6)])
def test_precision_and_recall_per_concern(kb: Any, split: str | None, floor: float) -> None:
    low = {c: s for c, s in scores(kb, split).items() if s[2] and (s[0] < floor or s[1] < floor)}
    assert not low, low


def test_who_is_matched_where_stated(kb: Any) -> None:
    right = sum(D.describe(kb, d["text"]).who == d["who"] for d in LABELLED)
    assert right / len(LABELLED) >= 0.9


def test_the_labelled_crisis_descriptions_are_all_found(kb: Any) -> None:
    for d in LABELLED:
        found = D.describe(kb, d["text"])
        assert found.urgent is bool(d.get("crisis")), d["text"]
        if d.get("imminent"):
            assert found.imminent, d["text"]


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("my 4 year old hits", 4),
        ("my four-year-old", 4),
        ("mi hijo de 15 toma", 15),
        ("my baby is 8 months old", 0),
        ("I'm 16 and", 16),
        ("tengo 35 años", 35),
        ("I am 35 and my 4yo hits", 4),
        ("I have 2 kids", None),
    ],
)
def test_stated_ages(text: str, age: int | None) -> None:
    assert D.stated_age(text) == age


# --------------------------------------------------------------------------
# Crisis words first on every surface


def described(kb: Any, flags: dict[str, Any], text: str | None, keep: bool = False) -> Any:
    """The answers from ``flags`` and ``--describe text`` (kept when ``keep``), as ``ask`` gathers them."""
    return session.gather(kb, None, flags, []).with_described(session.described(kb, text, keep, "--describe"))


def surfaces(kb: Any, text: str, region: str | None = "US") -> tuple[str, Any, str]:
    flags = {"region": region} if region else {}
    answers = described(kb, flags, text).from_description(kb)
    result = advise(kb, answers, 3, {})
    screen = doc.to_plain(results.result(kb, result), 100)
    return screen, export.result_dict(kb, result), export.report_markdown(kb, result, "2026-12-01")


@pytest.mark.parametrize(("row", "phrase"), PHRASES, ids=[f"{r}:{p}" for r, p in PHRASES])
def test_crisis_lines_first_on_screen_in_json_and_in_the_report(kb: Any, row: str, phrase: str) -> None:
    screen, data, report = surfaces(kb, f"my 15 year old says {phrase}")
    assert screen.startswith("Get help now\n\nIf you or someone else is in immediate danger, call 911 now."), screen[
        :200
    ]
    assert data.at_risk and data.crisis_lines and data.crisis_lines[0].id == "us-988"
    assert data.description is not None and data.description.crisis_words and row in data.description.crisis_rows
    body = report[report.index("> ") :]
    assert body.startswith("> **Get help now**\n>\n> If you or someone else is in immediate danger, call **911** now.")
    assert body.index("988 Suicide & Crisis Lifeline") < body.index("## ")


def test_crisis_lines_first_with_no_region_known(kb: Any) -> None:
    screen, data, report = surfaces(kb, "quiero morir", region=None)
    assert screen.startswith("Get help now\n\nIf you or someone else is in immediate danger, call your local")
    assert data.overview and data.at_risk
    assert report[report.index("> ") :].startswith("> **Get help now**")


def test_a_time_named_adds_the_emergency_number_as_the_fastest_help(kb: Any) -> None:
    screen, data, report = surfaces(kb, "I'm going to end my life tonight")
    panel_end = screen.index("To write a personal safety plan")
    assert screen.index("calling your emergency number is the fastest way to get help") > panel_end
    assert data.description is not None and data.description.imminent and data.description.emergency_note
    assert report.index("fastest way to get help") < report.index("## In short")


def test_the_text_is_in_json_and_the_report_only_when_asked(kb: Any) -> None:
    text = "my 4 year old hits and screams every night"
    for keep in (False, True):
        answers = described(kb, {"region": "US"}, text, keep).from_description(kb)
        result = advise(kb, answers, 3, {})
        json_text = export.to_json(export.result_dict(kb, result))
        report = export.report_markdown(kb, result, "2026-12-01")
        screen = doc.to_plain(results.result(kb, result), 100)
        assert (text in json_text) is keep and (text in report) is keep
        assert text not in screen


def test_without_a_terminal_the_description_fills_only_what_is_missing(kb: Any) -> None:
    answers = described(kb, {"who": "adult"}, "my 4 year old has tantrums").from_description(kb)
    assert answers["who"] == "adult" and answers["concerns"] == ("child-behavior",)
    assert answers.layers["described"] == {"concerns": ("child-behavior",)}


def test_a_description_too_long_is_refused(kb: Any) -> None:
    from therapick.base.errors import TherapickError

    with pytest.raises(TherapickError, match="at most 10,000 characters"):
        described(kb, {}, "a" * 10_001)


def test_the_answers_file_describe_field(kb: Any, tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    f.write_text("describe: mi hijo de 15 toma alcohol\nregion: US\n", encoding="utf-8")
    request = session.Request(str(f), {}, [], 3, False)
    result = session.run(kb, request, {})
    assert result is not None
    answers = result.answers
    assert answers["who"] == "teen" and answers["concerns"] == ("alcohol",)  # alcohol apart from other drugs (issue 20)
    assert answers.described is not None and not answers.described.keep


# --------------------------------------------------------------------------
# The questionnaire: the question after the danger question, and what it pre-ticks


def scripted(kb: Any, replies: dict[str, Any]) -> tuple[Any, list[Any], list[Any]]:
    from therapick.advice import answers as A
    from therapick.cli import questionnaire

    asked: list[Any] = []
    shown: list[Any] = []

    def ask(p: Any) -> Any:
        asked.append(p)
        return replies.get(p.id, p.default if p.default is not None else ([] if p.kind == "many" else None))

    got = questionnaire.run(kb, A.Answers(), ask, lambda a, r: shown.append((a.described, r)), environ={})
    return got, asked, shown


def test_the_questionnaire_pre_ticks_what_the_words_matched(kb: Any) -> None:
    got, asked, shown = scripted(
        kb,
        {
            "crisis": "no",
            "describe": "my 4 year old hits and screams every night",
            "readiness": "thinking",
            "region": "US",
        },
    )
    ids = [p.id for p in asked]
    assert ids[:3] == ["crisis", "describe", "who"]
    who = next(p for p in asked if p.id == "who")
    concerns = next(p for p in asked if p.id == "concerns")
    assert who.default == "young-child" and concerns.default == ("child-behavior",)
    assert got["concerns"] == ("child-behavior",) and not shown


def test_crisis_words_in_the_questionnaire_show_the_lines_at_once_then_go_on(kb: Any) -> None:
    replies = {"crisis": "no", "describe": "no quiero vivir", "region": "GB", "who": "adult", "readiness": "thinking"}
    replies["concerns"] = ["trauma"]
    got, asked, shown = scripted(kb, replies)
    assert len(shown) == 2 and shown[0][1] is None and shown[1][1] == "GB"  # every region's lines, then GB's
    ids = [p.id for p in asked]
    assert ids.index("region") == ids.index("describe") + 1  # where you are is asked at once
    assert "who" in ids and got is not None


# --------------------------------------------------------------------------
# Practices offered with the results


def test_practices_offered_only_where_a_source_ties_them(kb: Any) -> None:
    tied = {p.id: set(p.interventions) for p in kb.practices}
    assert tied == {
        "breathing": set(),
        "panic-breathing": set(),
        "grounding": set(),
        "thought-record": {"cbt"},
        "stopp": {"cbt"},
        "problem-solving": {"cbt"},
        "activity-plan": {"cbt"},
    }
    answers = session.gather(kb, None, {"who": "adult", "concerns": ["anxiety-depression"], "region": "US"}, [])
    result = advise(kb, answers, 3, {})
    assert result.suggestions[0].intervention.id == "cbt"
    assert [p.id for p in result.practices] == ["thought-record", "stopp", "problem-solving", "activity-plan"]
    screen = doc.to_plain(results.result(kb, result), 100)
    assert "Something to try now" in screen and "therapick practice thought-record" in screen
    others = session.gather(kb, None, {"who": "young-child", "concerns": ["child-behavior"], "region": "US"}, [])
    assert advise(kb, others, 3, {}).practices == ()


def test_no_practice_in_a_crisis(kb: Any) -> None:
    for flags, text in (({"crisis": True}, None), ({}, "I want to kill myself")):
        answers = described(kb, {"who": "adult", "concerns": ["anxiety-depression"], **flags}, text)
        result = advise(kb, answers, 3, {})
        assert result.practices == ()
        screen = doc.to_plain(results.result(kb, result), 100)
        assert "therapick practice" not in screen and "Something to try now" not in screen


def test_the_breathing_timings_are_the_sources(kb: Any) -> None:
    by_id = {p.id: p for p in kb.practices}
    p2, p3 = by_id["breathing"].timing, by_id["panic-breathing"].timing
    assert (p2.breathe_in, p2.hold, p2.breathe_out, p2.counted) == (5, 0, 5, True)  # P2: count 1-5 in and out, no hold
    assert (p3.breathe_in, p3.hold, p3.breathe_out) == (2, 2, 6)  # P3: 2 s in, 2 s hold, 6 s out
    # A length only where the source gives one: P2 "3 to 5 minutes" (18 rounds of 10 counts, about 3
    # minutes); P3's time is "not stated", so it has no count of rounds.
    assert p2.rounds == 18 and by_id["breathing"].time == "3 to 5 minutes, 2 to 3 times a day as needed"
    assert p3.rounds is None and by_id["panic-breathing"].time is None
    # P2's steps as the Yellow Book gives them, and nothing about how to sit or lie.
    assert by_id["breathing"].steps[0].text == "Let your breath fill your lungs from the bottom, without forcing it."
    assert not [s for s in by_id["breathing"].steps if re.search(r"\b(sit|lie)\b", s.text, re.I)]
    assert by_id["breathing"].fact == "P2" and by_id["panic-breathing"].fact == "P3"
    assert next(s.prompt for s in by_id["thought-record"].steps if s.prompt).startswith("1. The situation")
    assert len([s for s in by_id["thought-record"].steps if s.prompt]) == 7
    assert by_id["thought-record"].status.startswith("copy")


def test_a_guide_with_no_length_runs_until_the_person_stops_it(kb: Any, capsys: Any) -> None:
    from therapick.cli import practice

    timing = next(p for p in kb.practices if p.id == "panic-breathing").timing
    checks = iter([False] * 6 + [True])  # stopped after the third phase of the second round
    practice.breathe(timing, plain=True, tick=lambda _: None, stopped=lambda: next(checks))
    lines = capsys.readouterr().out.splitlines()
    first = ["Round 1: Breathe in: 1 2", "Round 1: Hold: 1 2", "Round 1: Breathe out: 1 2 3 4 5 6", "Round 1: Pause: 1"]
    assert lines[:4] == first
    assert lines[4:] == ["Round 2: Breathe in: 1 2", "Round 2: Hold: 1 2", "Round 2: Breathe out: 1 2 3 4 5 6"]


def test_a_guide_with_a_length_counts_its_rounds_and_ignores_keys(kb: Any, capsys: Any) -> None:
    from therapick.cli import practice

    timing = next(p for p in kb.practices if p.id == "breathing").timing
    practice.breathe(timing, plain=True, tick=lambda _: None, stopped=lambda: True)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 18 * 2 and lines[0] == "Round 1 of 18: Breathe in: 1 2 3 4 5"
    assert lines[-1] == "Round 18 of 18: Breathe out: 1 2 3 4 5"
