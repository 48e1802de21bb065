"""Ranking by evidence (issue 20): every situation in the checked guidelines, tiers, ties, the
main concern, honest labels, preferences told straight, and what the old tests still hold.

The table ``SITUATIONS`` is shared/facts/guidelines.md row by row: the answers that describe the
situation, the intervention the guideline's "closest of the 11" column names, and the source that
must be behind it.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import load_yaml, run
from therapick.advice import answers as A
from therapick.advice.rank import rank
from therapick.advice.result import advise
from therapick.advice.safety import matching_lines
from therapick.cli.questionnaire import prompt_for
from therapick.output import words


def build(kb, **given):  # type: ignore[no-untyped-def]
    """Answers as the command line gives them: checked against the knowledge base's questions."""
    if "main" in given:
        given["main-concern"] = given.pop("main")
    return A.Answers({"flags": A.from_mapping(kb, given, "test")})


def pairs(kb, answers: A.Answers) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(q.id, o) for q in kb.questionnaire.questions for o in answers.chosen(q.id)}


def top(kb, **given):  # type: ignore[no-untyped-def]
    return [s.intervention.id for s in rank(kb, build(kb, **given))]


def lines(kb, region: str = "US", **given):  # type: ignore[no-untyped-def]
    return [m.line.id for m in matching_lines(kb, kb.regions_by_id[region], build(kb, region=region, **given))]


# --------------------------------------------------------------------------
# Every situation in guidelines.md: (row, who, concerns, readiness, first, a source behind it)

SITUATIONS = [
    ("adult PTSD, APA 2017", "adult", ["trauma"], None, "cbt", "apa-ptsd-adults"),
    ("adult PTSD, NICE NG116", "adult", ["trauma"], None, "cbt", "nice-ng116-adults"),
    ("child 7-12 PTSD, NG116", "child", ["trauma"], None, "tf-cbt", "nice-ng116-young-people"),
    ("teen PTSD, NG116", "teen", ["trauma"], None, "tf-cbt", "nice-ng116-young-people"),
    ("child under 7 PTSD, NG116", "young-child", ["trauma"], None, "tf-cbt", "nice-ng116-under-7"),
    ("child 3-5 conduct problems, CG158", "young-child", ["child-behavior"], None, "pcit", "nice-cg158-children"),
    ("child 6-11 conduct problems, CG158", "child", ["child-behavior"], None, "pcit", "nice-cg158-children"),
    ("teen conduct problems, CG158", "teen", ["child-behavior"], None, "family-therapy", "nice-cg158-teens"),
    # "ABC or attachment-based therapy": both rest on QS133; ABC, which the Title IV-E Clearinghouse
    # also rates for 2-4 year olds, comes first.
    ("preschool attachment, QS133", "young-child", ["attachment"], None, "abc", "qs133-video-feedback-abc"),
    ("infant after early adversity, CEBC", "infant", ["attachment"], None, "abc", "cebc-infants-abc"),
    ("adult less severe depression, NG222", "adult", ["low-mood"], None, "cbt", "nice-ng222-less-severe"),
    ("adult more severe depression, NG222", "adult", ["low-mood"], None, "cbt", "nice-ng222-more-severe"),
    ("young person 12-18 depression, NG134", "teen", ["low-mood"], None, "cbt", "ng134-young-people-cbt"),
    ("child 5-11 depression, NG134", "child", ["low-mood"], None, "family-therapy", "ng134-children-family-therapy"),
    ("adult generalised anxiety, CG113", "adult", ["anxiety"], None, "cbt", "nice-cg113-anxiety"),
    ("panic disorder, CG113", "adult", ["anxiety"], None, "cbt", "nice-cg113-panic"),
    ("adult social anxiety, CG159", "adult", ["anxiety"], None, "cbt", "nice-cg159-adults"),
    ("child social anxiety, CG159", "child", ["anxiety"], None, "cbt", "nice-cg159-young"),
    ("teen social anxiety, CG159", "teen", ["anxiety"], None, "cbt", "nice-cg159-young"),
    ("adult BPD and self-harm, CG78", "adult", ["intense-emotions"], None, "dbt", "nice-cg78-adults"),
    ("teen dysregulation and self-harm, NG225", "teen", ["intense-emotions"], None, "dbt", "nice-ng225-dbt-a"),
    ("adult harmful drinking, CG115", "adult", ["alcohol"], None, "cbt", "nice-cg115-adults"),
    ("couple, partner willing, CG115", "couple", ["alcohol"], None, "family-therapy", "nice-cg115-couples"),
    # "CBT; systemic family therapy": both are in CG115 for 10-17 (the family programme where there are
    # other problems or little support), so a preference for family sessions may put family therapy first.
    (
        "young person 10-17 alcohol, CG115",
        "teen",
        ["alcohol"],
        None,
        ("cbt", "family-therapy"),
        "nice-cg115-young-people",
    ),
    (
        "ambivalent about drug use, Div 12 MI",
        "adult",
        ["drugs"],
        "not-sure",
        "transtheoretical",
        "div12-mi-unsure-adults",
    ),
    (
        "thinking about drug use, Div 12 MI",
        "adult",
        ["drugs"],
        "thinking",
        "transtheoretical",
        "div12-mi-unsure-adults",
    ),
]


def _options(kb, qid: str) -> list[str]:  # type: ignore[no-untyped-def]
    return kb.questionnaire.question(qid).option_ids


def _variants(kb, readiness: str | None) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    """The situation alone, then each preference, goal and readiness option added in turn."""
    out: list[dict[str, Any]] = [{}]
    out += [{"preferences": [p]} for p in _options(kb, "preferences")]
    out += [{"goals": [g]} for g in _options(kb, "goals")]
    if readiness is None:  # a situation that is about readiness keeps its own
        out += [{"readiness": r} for r in _options(kb, "readiness")]
    out.append({"preferences": _options(kb, "preferences"), "goals": _options(kb, "goals")})
    return out


@pytest.mark.parametrize(("row", "who", "concerns", "readiness", "first", "entry"), SITUATIONS, ids=lambda v: v)
def test_the_guideline_s_approach_comes_first(kb, row, who, concerns, readiness, first, entry: str) -> None:  # type: ignore[no-untyped-def]
    base: dict[str, Any] = {"who": who, "concerns": concerns}
    if readiness:
        base["readiness"] = readiness
    firsts = (first,) if isinstance(first, str) else first
    for extra in _variants(kb, readiness):
        ranked = rank(kb, build(kb, **base, **extra))
        assert ranked, (row, extra)
        lead = ranked[0]
        assert lead.intervention.id in firsts and lead.rank == 1 and not lead.tied, (
            row,
            extra,
            top(kb, **base, **extra),
        )
        if extra == {}:
            assert lead.intervention.id == firsts[0], row
        named = next(s for s in ranked if s.intervention.id == firsts[0])
        assert entry in [e.id for e in named.standing.entries], (row, extra)
        assert lead.standing.tier <= 3, "a guideline or a rating, never design alone"
        label = words.label(kb, lead)
        assert "no guideline or rating" not in label and "match" not in label, label


def test_adult_self_harm_cbt_is_backed_by_ng225_just_after_dbt(kb) -> None:
    # guidelines.md has two rows for an adult whose emotions feel out of control: CG78 (DBT, for women
    # with BPD who self-harm) and NG225 (a structured intervention such as CBT-informed, for adults who
    # self-harmed). therapick cannot tell them apart: both are "consider" (tier 2); DBT, which Division
    # 12 also rates, comes first; CBT is next, above everything with no guideline.
    for extra in _variants(kb, None):
        ranked = rank(kb, build(kb, who="adult", concerns=["intense-emotions"], **extra))
        assert [s.intervention.id for s in ranked[:2]] == ["dbt", "cbt"], extra
        cbt = ranked[1]
        assert cbt.standing.tier == 2 and cbt.standing.entries[0].id == "nice-ng225-adults"
        assert all(s.standing.tier > 2 for s in ranked[2:])


def test_alcohol_and_ambivalence_a_guideline_comes_before_a_rating(kb) -> None:
    # An adult unsure about changing their drinking: NICE CG115 (CBT) is a guideline; Division 12's
    # rating of motivational interviewing (the stages-of-change approach, closest) is a rating.
    for readiness in ("not-sure", "thinking"):
        ranked = rank(kb, build(kb, who="adult", concerns=["alcohol"], readiness=readiness))
        assert [s.intervention.id for s in ranked[:2]] == ["cbt", "transtheoretical"]
        mi = ranked[1]
        assert mi.standing.says == "rated" and mi.standing.entries[0].id == "div12-mi-unsure-adults"
        label = words.label(kb, mi)
        assert label.startswith("motivational interviewing (with motivational enhancement therapy) is rated")
        assert label.endswith("this is the nearest approach here")
        # ... and the rating is said to be for MI, not for stage matching, with the review that found
        # stage matching no better.
        lines_ = words.why_lines(kb, mi)
        assert any("not for matching help to a stage of change" in x for x in lines_)
        assert any("neither" in x or "no more and no less effective" in x for x in lines_)


# --------------------------------------------------------------------------
# No preference lifts an unevaluated or unlisted option above a recommended one

PREF_SETS = [[], *([p] for p in ("play", "creative", "animals", "talking", "family-sessions"))]


@pytest.mark.parametrize(
    ("who", "concern", "low"),
    [
        ("young-child", "attachment", "play-therapy"),  # NICE NG26: not yet evaluated
        ("child", "attachment", "play-therapy"),
        ("adult", "low-mood", "arts-therapy"),  # NICE NG222: not among its options
        ("adult", "low-mood", "animal-therapy"),
    ],
)
def test_no_preference_lifts_an_unevaluated_or_unlisted_option(kb, who: str, concern: str, low: str) -> None:  # type: ignore[no-untyped-def]
    for prefs in [*PREF_SETS, ["play", "creative", "animals"]]:
        for goals in ([], _options(kb, "goals")):
            ranked = rank(kb, build(kb, who=who, concerns=[concern], preferences=prefs, goals=goals))
            ids = [s.intervention.id for s in ranked]
            assert low in ids, (prefs, goals)
            it = ranked[ids.index(low)]
            assert it.standing.says in ("unevaluated", "not-listed") and it.standing.tier == 5
            above = ranked[: ids.index(low)]
            backed = [s for s in ranked if s.standing.tier <= 4 and s.group == 0]
            assert all(s in above for s in backed), (prefs, goals, ids)
            assert "no guideline or rating" not in words.label(kb, it)


def test_unevaluated_and_unlisted_are_said_so(kb) -> None:
    ranked = rank(kb, build(kb, who="child", concerns=["attachment"], preferences=["play"]))
    play = next(s for s in ranked if s.intervention.id == "play-therapy")
    assert words.label(kb, play) == "NICE lists it as not yet evaluated for children with attachment difficulties"
    ranked = rank(kb, build(kb, who="adult", concerns=["low-mood"], preferences=["creative"]))
    arts = next(s for s in ranked if s.intervention.id == "arts-therapy")
    assert words.label(kb, arts) == "not among the options NICE gives for adults with depression"


# --------------------------------------------------------------------------
# The cases


def test_adult_trauma_creative_gets_cbt_first_with_its_trauma_focused_forms(kb) -> None:
    answers = build(
        kb, who="adult", concerns=["trauma", "hard-to-put-into-words"], main="trauma", preferences=["creative"]
    )
    ranked = rank(kb, answers)
    assert [s.intervention.id for s in ranked[:2]] == ["cbt", "arts-therapy"]
    cbt, arts = ranked[0], ranked[1]
    assert words.label(kb, cbt) == "the APA strongly recommends it for adults with PTSD"
    why = words.why_lines(kb, cbt)
    forms = next(x for x in why if x.startswith("ask for it by name"))
    for name in ("cognitive processing therapy", "prolonged exposure", "cognitive therapy for PTSD"):
        assert name in forms
    assert any("gradpsych.apags.org" in x for x in why) and any("NICE guideline NG116" in x for x in why)
    assert arts.points > cbt.points, "more fit points, and still below: a lower tier"
    # No fact ties arts therapies to trauma (the seed: a nonverbal way to express emotions; evidence.md:
    # NICE only for psychosis): they stand for the other concern, with no guideline or rating behind them.
    assert arts.group == 1 and arts.standing.concern == "hard-to-put-into-words"
    assert words.label(kb, arts) == (
        "for feelings that are hard to put into words, not what you said matters most; "
        "no guideline or rating for it in the checked sources"
    )


def test_tf_cbt_stays_the_child_and_teen_model(kb) -> None:
    for concern in ("trauma", "abuse"):
        assert "tf-cbt" not in top(kb, who="adult", concerns=[concern])
        assert top(kb, who="adult", concerns=[concern])[0] == "cbt"
        for who in ("young-child", "child", "teen"):
            assert top(kb, who=who, concerns=[concern])[0] == "tf-cbt", (who, concern)


def test_a_child_under_7_with_trauma_whose_parent_prefers_play(kb) -> None:
    ranked = rank(kb, build(kb, who="young-child", concerns=["trauma"], preferences=["play"]))
    assert [s.intervention.id for s in ranked[:2]] == ["tf-cbt", "play-therapy"]
    note = words.preference_words(kb, ranked[1])
    assert note == (
        "you said you would like play, and play therapy is built on play; for a traumatic experience, the "
        "evidence points first to Trauma-focused cognitive behavioral therapy (TF-CBT), so this is one to ask "
        "about alongside it"
    )


def test_a_family_concern_besides_the_main_one_counts_within_a_tier_only(kb) -> None:
    for who in ("young-child", "child"):
        base = {"who": who, "concerns": ["child-behavior", "family-conflict"], "preferences": ["family-sessions"]}
        assert top(kb, **base)[0] == "pcit"
        assert top(kb, **base, main="child-behavior")[0] == "pcit"
        # What the person says matters most leads.
        assert top(kb, **base, main="family-conflict")[0] == "family-therapy"


def test_stage_matching_is_not_a_match_for_substance_use(kb) -> None:
    # Cochrane 2010: stage-matched help no better. Without the ambivalence Division 12's MI rating is
    # for, the stages-of-change approach is not shown as a match for alcohol or drug use.
    for concern in ("alcohol", "drugs", "substance-use"):
        for readiness in (None, "preparing", "acting", "maintaining"):
            given: dict[str, Any] = {"who": "adult", "concerns": [concern]}
            if readiness:
                given["readiness"] = readiness
            for s in rank(kb, build(kb, **given)):
                if s.intervention.id == "transtheoretical":
                    assert s.group == 2 and s.standing.says == "answers", (concern, readiness)
                    assert not [r for r in s.reasons if r.question == "concerns"]


def test_low_mood_never_lists_the_stages_of_change_approach_as_a_match(kb) -> None:
    for readiness in _options(kb, "readiness"):
        ranked = rank(kb, build(kb, who="adult", concerns=["low-mood"], readiness=readiness, region="GB"))
        for s in ranked:
            if s.intervention.id == "transtheoretical":
                assert s.standing.says == "answers" and s.group == 2
                assert words.label(kb, s).startswith("not designed for what you named")
                assert s.rank > 3


def test_drug_use_other_than_alcohol_none_fits_well(kb) -> None:
    answers = build(kb, who="adult", concerns=["drugs"], region="US")
    result = advise(kb, answers, environ={})
    assert result.suggestions == ()
    [u] = result.no_good_fit
    assert u.entry.id == "nice-cg51-drugs" and u.concern == "drugs"
    assert [line.id for line in u.lines] == ["us-samhsa", "us-findtreatment"]
    text = words.no_good_fit_words(kb, u)
    assert text.startswith("None of the approaches here fits cannabis or stimulant use well.")
    assert "contingency management" in text and "https://www.nice.org.uk/guidance/CG51" in text
    assert "SAMHSA National Helpline and FindTreatment.gov" in words.no_good_fit_route(kb, u)
    # CBT is not a match for it (NICE: drug-focused CBT not routinely), whatever else is answered.
    for prefs in (["structured-skills"], ["talking", "online"], ["family-sessions"]):
        ranked = rank(kb, build(kb, who="adult", concerns=["drugs"], preferences=prefs))
        assert all(s.group == 2 for s in ranked), prefs


@pytest.mark.parametrize(
    ("region", "line"), [("GB", "gb-frank"), ("IE", "ie-drugs"), ("AU", "au-alcohol-drug"), ("NZ", "nz-alcohol-drug")]
)
def test_none_fits_names_the_region_s_own_line(kb, region: str, line: str) -> None:
    result = advise(kb, build(kb, who="adult", concerns=["drugs"], region=region), environ={})
    assert [x.id for x in result.no_good_fit[0].lines] == [line]


# A line is said to point someone to treatment only where the facts say it refers or connects
# (helplines.md: the AU hotline "connects to the state service"); FRANK's row gives "information
# and advice", the HSE and NZ rows only "drugs and alcohol" / "alcohol and other drugs".
@pytest.mark.parametrize(
    ("region", "said"),
    [
        ("AU", "For treatment, National Alcohol and Other Drug Hotline can point you to services (under Support"),
        ("GB", "FRANK (under Support lines) is for information and advice about drugs and alcohol."),
        ("IE", "HSE Drugs and Alcohol Helpline (under Support lines) is for drugs and alcohol."),
        ("NZ", "Alcohol Drug Helpline (under Support lines) is for alcohol and other drugs, for you or for someone"),
        ("CA", "For treatment, ask your own doctor or a local clinic about services near you."),
    ],
)
def test_a_line_is_said_to_refer_to_treatment_only_where_the_facts_say_so(kb, region: str, said: str) -> None:
    [u] = advise(kb, build(kb, who="adult", concerns=["drugs"], region=region), environ={}).no_good_fit
    route = words.no_good_fit_route(kb, u)
    assert route.startswith(said), route
    refers = any(line.refers_to_treatment for line in u.lines)
    assert ("can point you to services" in route) == refers, route
    assert ("ask your own doctor or a local clinic" in route) == (not refers), route


def test_couples_therapy_for_drinking_not_where_there_is_abuse(kb) -> None:
    assert top(kb, who="couple", concerns=["alcohol"])[0] == "family-therapy"
    ranked = rank(kb, build(kb, who="couple", concerns=["alcohol", "abuse"]))
    assert "family-therapy" not in [s.intervention.id for s in ranked if s.group == 0]


# --------------------------------------------------------------------------
# Ties, order, labels


def test_ties_are_shown_as_ties(kb) -> None:
    ranked = rank(kb, build(kb, who="adult", concerns=["low-mood"]))
    assert [(s.intervention.id, s.rank, s.tied) for s in ranked] == [
        ("cbt", 1, False),
        ("animal-therapy", 2, True),
        ("arts-therapy", 2, True),
    ]
    assert words.rank_words(ranked[1]) == "2. Animal-assisted therapy (equal standing)"
    # --top 2 shows both of equal standing, never one picked by list order.
    result = advise(kb, build(kb, who="adult", concerns=["low-mood"]), top=2, environ={})
    assert [s.intervention.id for s in result.suggestions] == ["cbt", "animal-therapy", "arts-therapy"]
    assert result.more == 0


def test_ties_never_follow_the_file_order(kb_text: str, tmp_path: Path) -> None:
    from therapick.kb import loader

    doc = load_yaml(kb_text)
    doc["interventions"].reverse()
    path = tmp_path / "reversed.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    reversed_kb = loader.load(path)
    bundled = loader.load(Path(__file__).resolve().parents[1] / "data" / "interventions.yaml")
    for given in (
        {"who": "adult", "concerns": ["relationships"]},
        {"who": "young-child", "concerns": ["child-behavior", "family-conflict"], "preferences": ["play"]},
        {"who": "child", "concerns": ["anxiety-depression", "hard-to-put-into-words"]},
    ):
        a = [(s.intervention.id, s.rank) for s in rank(bundled, build(bundled, **given))]
        b = [(s.intervention.id, s.rank) for s in rank(reversed_kb, build(reversed_kb, **given))]
        assert a == b, given


def test_order_is_by_group_tier_rating_then_fit(kb) -> None:
    q = kb.questionnaire
    for who, concerns in itertools.product(
        q.question("who").option_ids, itertools.combinations(q.question("concerns").option_ids, 2)
    ):
        ranked = rank(kb, build(kb, who=who, concerns=list(concerns), preferences=["creative", "play"]))
        keys = [s.key for s in ranked]
        assert keys == sorted(keys), (who, concerns)
        for a, b in itertools.pairwise(ranked):
            assert (a.rank == b.rank) == (a.key == b.key) == a.tied == b.tied or a.rank < b.rank
            if a.key == b.key:
                assert a.intervention.id < b.intervention.id


def test_labels_never_say_match(kb) -> None:
    q = kb.questionnaire
    for who in q.question("who").option_ids:
        for concern in q.question("concerns").option_ids:
            for s in rank(kb, build(kb, who=who, concerns=[concern], preferences=["talking", "play"])):
                label = words.label(kb, s)
                assert "match" not in label and label, (who, concern, s.intervention.id)


def test_main_concern_leads_and_the_others_still_count(kb) -> None:
    given = {"who": "adult", "concerns": ["trauma", "hard-to-put-into-words"], "preferences": ["creative"]}
    assert top(kb, **given, main="hard-to-put-into-words")[0] == "arts-therapy"
    assert top(kb, **given, main="trauma")[0] == "cbt"
    ranked = rank(kb, build(kb, **given, main="trauma"))
    arts = next(s for s in ranked if s.intervention.id == "arts-therapy")
    assert arts.group == 1
    assert words.label(kb, arts) == (
        "for feelings that are hard to put into words, not what you said matters most; "
        "no guideline or rating for it in the checked sources"
    )
    # Without a main concern (a script gave two), each counts as the main one.
    assert top(kb, **given)[0] == "cbt"


def test_the_main_concern_question_is_asked_from_data(kb) -> None:
    q = kb.questionnaire.question("main-concern")
    assert q.options_from == "concerns" and q.kind == "one" and q.options == []  # none of its own, in the file
    assert kb.questionnaire.resolved(q).option_ids == _options(kb, "concerns")
    prompt = prompt_for(kb, q, build(kb, who="adult", concerns=["low-mood", "trauma"]))
    assert prompt.choices == (("low-mood", "Low mood that will not lift"), ("trauma", "Something traumatic happened"))
    assert prompt.text == "Of these, which matters most right now?"


def test_depression_says_severity_is_not_measured(kb) -> None:
    for who, first in (("adult", "cbt"), ("teen", "cbt"), ("child", "family-therapy")):
        ranked = rank(kb, build(kb, who=who, concerns=["low-mood"]))
        assert ranked[0].intervention.id == first
        assert any("does not ask" in x for x in words.why_lines(kb, ranked[0])), who
    adult = rank(kb, build(kb, who="adult", concerns=["low-mood"]))[0]
    assert any("question for a doctor" in x for x in words.why_lines(kb, adult))


# --------------------------------------------------------------------------
# The same answers by flags, answers file (and the terminal: test_pty.py) give the same order and labels

SAME = [
    {
        "who": "adult",
        "concerns": ["trauma", "hard-to-put-into-words"],
        "main-concern": "trauma",
        "preferences": ["creative"],
    },
    {"who": "young-child", "concerns": ["child-behavior", "family-conflict"], "preferences": ["play"]},
    {"who": "adult", "concerns": ["relationships"], "goals": ["relationship-skills"]},
    {"who": "adult", "concerns": ["drugs"], "readiness": "not-sure", "region": "US"},
]


def _flags(given: dict[str, Any]) -> list[str]:
    names = {
        "who": "--who",
        "concerns": "--concern",
        "goals": "--goal",
        "preferences": "--prefer",
        "readiness": "--readiness",
        "region": "--region",
    }
    out: list[str] = []
    for k, v in given.items():
        for item in v if isinstance(v, list) else [v]:
            out += [names[k], item] if k in names else ["--answer", f"{k}={item}"]
    return out


def _order_and_labels(data: dict[str, Any]) -> list[tuple[str, int, bool, str]]:
    return [(s["id"], s["rank"], s["tied"], s["strength_words"]) for s in data["suggestions"]]


@pytest.mark.parametrize("given", SAME, ids=lambda g: "-".join(g["concerns"]))
def test_flags_and_answers_file_give_the_same_order_and_labels(runner, tmp_path: Path, given: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    by_flags = run(runner, "ask", *_flags(given), "--top", "20", "--json")
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(given), encoding="utf-8")
    by_file = run(runner, "ask", "--answers", str(path), "--top", "20", "--json")
    assert by_flags.exit_code == by_file.exit_code == 0, (by_flags, by_file)
    a, b = json.loads(by_flags.stdout), json.loads(by_file.stdout)
    assert _order_and_labels(a) == _order_and_labels(b)
    assert _order_and_labels(a), "every case here has suggestions"
    assert a["main_concern"] == b["main_concern"]
    text = run(runner, "ask", *_flags(given), "--top", "20").stdout
    flat = " ".join(text.split())
    for s in a["suggestions"]:
        assert " ".join(s["strength_words"].split()) in flat
    assert run(runner, "ask", "--answers", str(path), "--top", "20").stdout == text


# --------------------------------------------------------------------------
# What still holds from the first ranking


def test_adult_who_was_abused_gets_a_trauma_informed_suggestion(kb) -> None:
    ranked = rank(kb, build(kb, who="adult", concerns=("abuse",)))
    assert ranked, "never 'nothing matched' for an adult who was abused"
    first = ranked[0]
    assert first.intervention.id == "cbt"
    why = next(r for r in first.reasons if (r.question, r.option) == ("concerns", "abuse"))
    assert "trauma" in why.text


def test_concern_outweighs_readiness(kb) -> None:
    ranked = top(kb, who="adult", concerns=("anxiety",), readiness="not-sure")
    assert "transtheoretical" in ranked, "the approach for readiness is still offered, beside"
    assert ranked.index("cbt") < ranked.index("transtheoretical"), ranked


def test_child_anxiety_is_not_trauma_focused_first(kb) -> None:
    for who in ("child", "teen"):
        for concern in ("anxiety", "low-mood", "anxiety-depression"):
            assert top(kb, who=who, concerns=(concern,))[0] != "tf-cbt", who


def test_readiness_wording_names_whose_readiness(kb) -> None:
    q = kb.questionnaire.question("readiness")
    assert prompt_for(kb, q, build(kb, who="adult")).text == "How ready do you feel to make a change?"
    assert prompt_for(kb, q, A.Answers()).text == "How ready do you feel to make a change?"
    for who in ("infant", "young-child", "child"):
        child = prompt_for(kb, q, build(kb, who=who)).text
        assert child == "How ready do you, and the family around the child, feel to make a change?", who
    assert "the teenager" in prompt_for(kb, q, build(kb, who="teen")).text
    assert "the family" in prompt_for(kb, q, build(kb, who="family")).text
    ranked = rank(kb, build(kb, who="child", concerns=("trauma",), readiness="preparing"))
    texts = [r.text for s in ranked for r in s.reasons if r.question == "readiness"]
    assert all(t.startswith("you said about change you and the family are ") for t in texts)


@pytest.mark.parametrize("who", ["adult", "couple"])
def test_child_depression_reason_never_shown_to_adults(kb, who: str) -> None:
    # NICE NG134 considers family therapy for depression in children aged 5-11: never a reason for an adult.
    for concern in kb.questionnaire.question("concerns").option_ids:
        answers = build(kb, who=who, concerns=(concern, "low-mood"), preferences=("family-sessions",))
        for s in rank(kb, answers):
            for line in [*(r.text for r in s.reasons), *words.why_lines(kb, s)]:
                assert "NG134" not in line and "depression in children" not in line, (who, line)
            if s.intervention.id == "family-therapy":
                assert all(r.option != "low-mood" for r in s.reasons), who
    child = rank(kb, build(kb, who="child", concerns=("low-mood",)))
    family = next(s for s in child if s.intervention.id == "family-therapy")
    assert any(r.option == "low-mood" and "NICE" in r.text for r in family.reasons)


def test_animals_preference_is_heard(kb) -> None:
    assert "animal-therapy" in top(kb, who="adult", concerns=("anxiety",), preferences=("animals",))[:3]


@pytest.mark.parametrize("who", ["adult", "couple"])
def test_child_programmes_never_for_adults(kb, who: str) -> None:
    concerns = kb.questionnaire.question("concerns").option_ids
    for pair in itertools.combinations(concerns, 2):
        ranked = top(kb, who=who, concerns=pair, preferences=("play",))
        assert not {"pcit", "abc", "play-therapy", "tf-cbt"} & set(ranked), (pair, ranked)


def test_adult_therapies_never_for_babies(kb) -> None:
    for concern in kb.questionnaire.question("concerns").option_ids:
        ranked = top(kb, who="infant", concerns=(concern,), preferences=("talking", "structured-skills", "group"))
        assert not {"cbt", "dbt", "transtheoretical", "tf-cbt"} & set(ranked), (concern, ranked)


def test_age_alone_is_no_reason(kb) -> None:
    assert "cbt" not in top(kb, who="adult", concerns=("child-behavior",))


def test_reasons_are_the_contributions(kb) -> None:
    answers = build(
        kb,
        who="adult",
        concerns=("intense-emotions", "alcohol"),
        goals=("coping-skills",),
        readiness="preparing",
        preferences=("group",),
    )
    chosen = pairs(kb, answers)
    for s in rank(kb, answers):
        assert sum(r.points for r in s.reasons) == s.points
        for r in s.reasons:
            assert (r.question, r.option) in chosen
            assert r.text.startswith("you said ")
        assert [r.points for r in s.reasons] == sorted((r.points for r in s.reasons), reverse=True)


def test_worked_example_in_readme(kb) -> None:
    answers = build(
        kb, who="adult", concerns=["trauma", "hard-to-put-into-words"], main="trauma", preferences=["creative"]
    )
    ranked = rank(kb, answers)
    got = [(s.intervention.id, s.rank, s.standing.tier, s.group, s.points) for s in ranked]
    assert got == [("cbt", 1, 1, 0, 3), ("arts-therapy", 2, 4, 1, 9)]
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### How the ranking works") : readme.index("## Exit codes")]
    assert "--answer\nmain-concern=trauma --prefer creative" in section
    assert "| 1 | CBT | the APA strongly recommends it for adults with PTSD" in section
    assert (
        "| 2 | Arts therapies | for feelings that are hard to put into words, not what you said matters most; "
        "no guideline or rating for it in the checked sources |"
    ) in section
    assert "| 4, other concern | 9: hard-to-put-into-words 5, creative 4 |" in section


def test_deterministic(kb) -> None:
    answers = build(kb, who="teen", concerns=("trauma", "low-mood"), preferences=("creative",))
    first = rank(kb, answers)
    for _ in range(5):
        assert rank(kb, answers) == first


def test_substance_use_shows_samhsa(kb) -> None:
    for concern in ("substance-use", "alcohol", "drugs"):
        assert "us-samhsa" in lines(kb, who="adult", concerns=(concern,), readiness="not-sure")
    assert "us-samhsa" not in lines(kb, who="adult", concerns=("trauma",))


def test_abuse_shows_domestic_violence_line(kb) -> None:
    shown = lines(kb, who="adult", concerns=("abuse",))
    assert "us-dv" in shown and "us-childhelp" not in shown


def test_child_at_risk_shows_childhelp(kb) -> None:
    assert "us-childhelp" in lines(kb, who="child", concerns=("abuse",))


@pytest.mark.parametrize("region", ["US", "CA", "GB", "IE", "AU", "NZ", "ES", "other"])
def test_general_crisis_line_always_shown(kb, region: str) -> None:
    shown = lines(kb, who="adult", concerns=("relationships",), region=region)
    crisis = [line.id for line in kb.regions_by_id[region].lines if line.crisis]
    assert crisis and set(crisis) <= set(shown)


def test_other_regions_get_no_us_lines(kb) -> None:
    assert not [i for i in lines(kb, who="adult", concerns=("drugs",), region="GB") if i.startswith("us-")]


def test_crisis_lines_come_first(kb) -> None:
    result = advise(kb, build(kb, crisis=True, who="child", concerns=("abuse",), region="US"))
    flags = [m.line.crisis for m in result.lines]
    assert flags == sorted(flags, reverse=True) and flags[0]
    assert result.crisis_lines and all(line.crisis for line in result.crisis_lines)


def test_top_n(kb) -> None:
    answers = build(kb, who="adult", concerns=("anxiety", "trauma", "alcohol"))
    ranked = rank(kb, answers)
    assert len(advise(kb, answers, top=1).suggestions) == 1
    for n in range(1, len(ranked) + 1):
        result = advise(kb, answers, top=n)
        shown = [s for s in ranked if s.rank <= ranked[n - 1].rank]  # the top N, and any sharing the last rank
        assert list(result.suggestions) == shown and result.more == len(ranked) - len(shown)


@pytest.mark.exhaustive  # a whole family in-process: the full suite's
def test_ten_thousand_answer_sets_rank(kb) -> None:
    # Correctness at volume (the timing is in bench/, not here).
    q = kb.questionnaire
    whos, concerns = q.question("who").option_ids, q.question("concerns").option_ids
    count = 0
    for n in range(10_000):
        answers = build(
            kb, who=whos[n % len(whos)], concerns=(concerns[n % len(concerns)], concerns[(n // 7) % len(concerns)])
        )
        for s in rank(kb, answers):
            assert s.rank >= 1 and 1 <= s.standing.tier <= 6
            count += 1
    assert count > 10_000
