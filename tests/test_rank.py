"""Ranking: common sense, age fit, explanations, determinism, support lines."""

from __future__ import annotations

import itertools

import pytest

from therapick.advice import answers as A
from therapick.advice.rank import rank
from therapick.advice.result import advise
from therapick.advice.safety import matching_lines
from therapick.cli.questionnaire import prompt_for


def build(kb, **given):  # type: ignore[no-untyped-def]
    """Answers as the command line gives them: checked against the knowledge base's questions."""
    return A.Answers({"flags": A.from_mapping(kb, given, "test")})


def pairs(kb, answers: A.Answers) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(q.id, o) for q in kb.questionnaire.questions for o in answers.chosen(q.id)}


def top(kb, **given):  # type: ignore[no-untyped-def]
    return [s.intervention.id for s in rank(kb, build(kb, **given))]


def lines(kb, region: str = "US", **given):  # type: ignore[no-untyped-def]
    return [m.line.id for m in matching_lines(kb, kb.regions_by_id[region], build(kb, region=region, **given))]


@pytest.mark.parametrize(
    ("answers", "first"),
    [
        # The cases.
        ({"who": "young-child", "concerns": ("child-behavior",)}, "pcit"),
        (
            {
                "who": "adult",
                "concerns": ("intense-emotions",),
                "goals": ("coping-skills",),
                "preferences": ("structured-skills", "group"),
            },
            "dbt",
        ),
        ({"who": "adult", "concerns": ("substance-use",), "readiness": "not-sure"}, "transtheoretical"),
        # More, from the overview.
        (
            {
                "who": "young-child",
                "concerns": ("child-behavior",),
                "goals": ("change-behavior",),
                "preferences": ("play",),
            },
            "pcit",
        ),
        ({"who": "teen", "concerns": ("trauma",)}, "tf-cbt"),
        ({"who": "child", "concerns": ("trauma", "abuse")}, "tf-cbt"),
        ({"who": "infant", "concerns": ("attachment",)}, "abc"),
        ({"who": "family", "concerns": ("family-conflict",)}, "family-therapy"),
        ({"who": "couple", "concerns": ("relationships",)}, "family-therapy"),
        ({"who": "child", "concerns": ("hard-to-put-into-words",), "preferences": ("play",)}, "play-therapy"),
        ({"who": "adult", "concerns": ("hard-to-put-into-words",), "preferences": ("creative",)}, "arts-therapy"),
        ({"who": "adult", "concerns": ("anxiety-depression",)}, "cbt"),
        ({"who": "adult", "concerns": ("anxiety-depression",), "preferences": ("online",)}, "cbt"),
        ({"who": "adult", "concerns": ("anxiety-depression",), "preferences": ("animals",)}, "cbt"),
        ({"who": "adult", "concerns": ("substance-use",), "readiness": "thinking"}, "transtheoretical"),
        ({"who": "teen", "concerns": ("intense-emotions",)}, "dbt"),
        # The content issue: an adult who was abused gets a trauma-informed suggestion; a concern
        # outweighs readiness; a child's anxiety is not a reason for trauma-focused CBT.
        ({"who": "adult", "concerns": ("abuse",)}, "cbt"),
        ({"who": "adult", "concerns": ("anxiety-depression",), "readiness": "not-sure"}, "cbt"),
        ({"who": "child", "concerns": ("trauma",)}, "tf-cbt"),
        ({"who": "child", "concerns": ("anxiety-depression",)}, "cbt"),
        ({"who": "teen", "concerns": ("abuse",)}, "tf-cbt"),
        ({"who": "family", "concerns": ("family-conflict",), "preferences": ("family-sessions",)}, "family-therapy"),
    ],
)
def test_common_sense_first_choice(kb, answers, first: str) -> None:
    assert top(kb, **answers)[0] == first


def test_adult_who_was_abused_gets_a_trauma_informed_suggestion(kb) -> None:
    ranked = rank(kb, build(kb, who="adult", concerns=("abuse",)))
    assert ranked, "never 'nothing matched' for an adult who was abused"
    first = ranked[0]
    assert first.intervention.id == "cbt"
    why = next(r for r in first.reasons if (r.question, r.option) == ("concerns", "abuse"))
    assert "trauma" in why.text


def test_concern_outweighs_readiness(kb) -> None:
    ranked = top(kb, who="adult", concerns=("anxiety-depression",), readiness="not-sure")
    assert "transtheoretical" in ranked, "the approach for readiness is still offered, beside"
    assert ranked.index("cbt") < ranked.index("transtheoretical"), ranked


def test_child_anxiety_is_not_trauma_focused_first(kb) -> None:
    for who in ("child", "teen"):
        assert top(kb, who=who, concerns=("anxiety-depression",))[0] != "tf-cbt", who


def test_readiness_wording_names_whose_readiness(kb) -> None:
    q = kb.questionnaire.question("readiness")
    assert prompt_for(kb, q, build(kb, who="adult")).text == "How ready do you feel to make a change?"
    assert prompt_for(kb, q, A.Answers()).text == "How ready do you feel to make a change?"
    for who in ("infant", "young-child", "child"):
        child = prompt_for(kb, q, build(kb, who=who)).text
        assert child == "How ready do you, and the family around the child, feel to make a change?", who
    assert "the teenager" in prompt_for(kb, q, build(kb, who="teen")).text
    assert "the family" in prompt_for(kb, q, build(kb, who="family")).text
    # The reason names the same person as the question did.
    ranked = rank(kb, build(kb, who="child", concerns=("trauma",), readiness="preparing"))
    texts = [r.text for s in ranked for r in s.reasons if r.question == "readiness"]
    assert all(t.startswith("you said about change you and the family are ") for t in texts)


@pytest.mark.parametrize("who", ["adult", "couple"])
def test_child_depression_reason_never_shown_to_adults(kb, who: str) -> None:
    # NICE NG134 considers family therapy for depression in children aged 5-11: never a reason for an adult.
    concerns = kb.questionnaire.question("concerns").option_ids
    for concern in concerns:
        answers = build(kb, who=who, concerns=(concern, "anxiety-depression"), preferences=("family-sessions",))
        for s in rank(kb, answers):
            for r in s.reasons:
                assert "NG134" not in r.text and "depression in children" not in r.text, (who, r.text)
                if s.intervention.id == "family-therapy":
                    assert r.option != "anxiety-depression", (who, r.text)
        result = advise(kb, answers, top=20, environ={})
        assert not [r for s in result.suggestions for r in s.reasons if "NG134" in r.text]
    # ... and it is shown to a child.
    child = rank(kb, build(kb, who="child", concerns=("anxiety-depression",)))
    family = next(s for s in child if s.intervention.id == "family-therapy")
    assert any(r.option == "anxiety-depression" and "NICE" in r.text for r in family.reasons)


def test_animals_preference_is_heard(kb) -> None:
    assert "animal-therapy" in top(kb, who="adult", concerns=("anxiety-depression",), preferences=("animals",))[:3]


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
    # Nothing in the answers fits CBT except the age group: it is not suggested.
    assert "cbt" not in top(kb, who="adult", concerns=("child-behavior",))


def test_reasons_are_the_contributions(kb) -> None:
    answers = build(
        kb,
        who="adult",
        concerns=("intense-emotions", "substance-use"),
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
    ranked = rank(kb, build(kb, who="young-child", concerns=("child-behavior",), goals=("change-behavior",)))
    got = [(s.intervention.id, s.points, round(s.score, 2), s.strength) for s in ranked[:3]]
    assert got == [("pcit", 10, 0.62, "strong"), ("play-therapy", 3, 0.33, "some"), ("abc", 2, 0.25, "some")]
    assert ranked[0].reasons[0].text == (
        "you said what is going on includes a child's behavior; the overview this tool is based on "
        "describes PCIT as coaching parents live in strategies aimed at a child's problem behaviors"
    )


def test_ties_keep_knowledge_base_order(kb) -> None:
    ranked = rank(kb, build(kb, who="adult", concerns=("anxiety-depression",)))
    order = [i.id for i in kb.interventions]
    for a, b in itertools.pairwise(ranked):
        assert a.points > b.points or (
            a.points == b.points and order.index(a.intervention.id) < order.index(b.intervention.id)
        )


def test_deterministic(kb) -> None:
    answers = build(kb, who="teen", concerns=("trauma", "anxiety-depression"), preferences=("creative",))
    first = rank(kb, answers)
    for _ in range(5):
        assert rank(kb, answers) == first


def test_substance_use_shows_samhsa(kb) -> None:
    assert "us-samhsa" in lines(kb, who="adult", concerns=("substance-use",), readiness="not-sure")
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
    assert not [i for i in lines(kb, who="adult", concerns=("substance-use",), region="GB") if i.startswith("us-")]


def test_crisis_lines_come_first(kb) -> None:
    result = advise(kb, build(kb, crisis=True, who="child", concerns=("abuse",), region="US"))
    flags = [m.line.crisis for m in result.lines]
    assert flags == sorted(flags, reverse=True) and flags[0]
    assert result.crisis_lines and all(line.crisis for line in result.crisis_lines)


def test_top_n(kb) -> None:
    answers = build(kb, who="adult", concerns=("anxiety-depression", "trauma", "substance-use"))
    assert len(advise(kb, answers, top=1).suggestions) == 1
    result = advise(kb, answers, top=2)
    assert len(result.suggestions) == 2 and result.more == len(rank(kb, answers)) - 2


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
            assert 0 <= s.score < 1
            count += 1
    assert count > 10_000
