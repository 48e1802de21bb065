"""Property-based tests (hypothesis) for everything that takes user data."""

from __future__ import annotations

import contextlib
import copy
import json
import string
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import KB_PATH
from therapick import answers as A
from therapick import export
from therapick import kb as kbmod
from therapick.advice import advise
from therapick.errors import TherapickError
from therapick.rank import rank

BASE: dict[str, Any] = yaml.safe_load(KB_PATH.read_text(encoding="utf-8"))
KB = kbmod.load(KB_PATH)
Q = KB.questionnaire
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

words = st.text(alphabet=string.ascii_letters + string.digits + " -éü'&", min_size=1, max_size=30).filter(
    lambda s: kbmod.normalise(s) != ""
)


@st.composite
def knowledge_bases(draw: st.DrawFn) -> dict[str, Any]:
    """Valid knowledge bases: a non-empty subset of the interventions, with new
    names, aliases and points, and the references kept consistent."""
    doc = copy.deepcopy(BASE)
    items = doc["interventions"]
    keep = draw(st.lists(st.sampled_from(range(len(items))), min_size=1, max_size=len(items), unique=True))
    items = [items[i] for i in sorted(keep)]
    used: set[str] = set()
    for item in items:
        for key in kbmod._names(kbmod.msgspec.convert(item, kbmod.Intervention)):
            used.add(key)
    for item in items:
        if draw(st.booleans()):
            alias = draw(words)
            if kbmod.normalise(alias) not in used:
                used.add(kbmod.normalise(alias))
                item["aliases"] = [*item.get("aliases", []), alias]
        for table in item["fit"].values():
            for fit in table.values():
                fit["points"] = draw(st.integers(-3, 6))
    ids = {i["id"] for i in items}
    doc["interventions"] = items
    for s in doc["scenarios"]:
        s["interventions"] = [i for i in s["interventions"] if i in ids]
    doc["questionnaire"]["scoring"]["half_points"] = draw(st.floats(0.5, 20))
    return doc


def answer_sets(kb: kbmod.KnowledgeBase = KB) -> st.SearchStrategy[A.Answers]:
    q = kb.questionnaire.question
    return st.builds(
        lambda crisis, who, concerns, goals, readiness, prefs, region: A.build(
            {
                "crisis": crisis,
                "who": who,
                "concerns": tuple(concerns),
                "goals": tuple(goals),
                "readiness": readiness,
                "preferences": tuple(prefs),
                "region": region,
            }
        ),
        st.booleans(),
        st.sampled_from(q("who").option_ids),
        st.lists(st.sampled_from(q("concerns").option_ids), min_size=1, max_size=4, unique=True),
        st.lists(st.sampled_from(q("goals").option_ids), max_size=3, unique=True),
        st.none() | st.sampled_from(q("readiness").option_ids),
        st.lists(st.sampled_from(q("preferences").option_ids), max_size=4, unique=True),
        st.sampled_from(q("region").option_ids),
    )


@SETTINGS
@given(knowledge_bases())
def test_load_export_load_round_trip(doc: dict[str, Any]) -> None:
    first = kbmod.loads(yaml.safe_dump(doc, allow_unicode=True), "generated.yaml")
    again = kbmod.loads(export.to_json(export.kb_dict(first)), "exported.json")
    assert export.kb_dict(again) == export.kb_dict(first)
    for i in first.interventions:
        assert again.find(i.name).id == i.id  # type: ignore[union-attr]
        for alias in i.aliases:
            assert again.find(alias).id == i.id  # type: ignore[union-attr]


@SETTINGS
@given(knowledge_bases(), st.data())
def test_ranking_properties(doc: dict[str, Any], data: st.DataObject) -> None:
    kb = kbmod.loads(yaml.safe_dump(doc, allow_unicode=True), "generated.yaml")
    answers = data.draw(answer_sets(kb)).with_defaults(kb)
    ranked = rank(kb, answers)
    order = [i.id for i in kb.interventions]
    keys = [(-s.points, order.index(s.intervention.id)) for s in ranked]
    assert keys == sorted(keys) and len(set(keys)) == len(keys), "a total order"
    assert rank(kb, answers) == ranked, "deterministic"
    chosen = set(answers.pairs())
    for s in ranked:
        assert 0 <= s.score <= 1
        assert s.points > 0 and sum(r.points for r in s.reasons) == s.points
        assert all((r.question, r.option) in chosen for r in s.reasons), "every reason is an answer given"
        assert ("who", answers.who) in {(q, o) for i in [s.intervention] for q in i.fit for o in i.fit[q]}
    result = advise(kb, answers)
    assert export.result_dict(kb, result)["disclaimer"] == kb.disclaimer.full
    assert kb.disclaimer.full in export.report_markdown(kb, result, "2026-11-25")


@SETTINGS
@given(answer_sets())
def test_crisis_lines_lead(answers: A.Answers) -> None:
    result = advise(KB, answers)
    data = export.result_dict(KB, result)
    if answers.crisis:
        assert data["crisis_lines"] and all(h["crisis"] for h in data["hotlines"][: len(data["crisis_lines"])])
    else:
        assert data["crisis_lines"] == []
    assert "not medical advice" in data["disclaimer"]


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


@SETTINGS
@given(st.binary(max_size=400))
def test_loader_on_arbitrary_bytes(data: bytes) -> None:
    with contextlib.suppress(TherapickError):
        kbmod.loads(kbmod.decode(data, "fuzz"), "fuzz")


@SETTINGS
@given(yaml_values)
def test_loader_on_arbitrary_yaml(value: Any) -> None:
    with contextlib.suppress(TherapickError):
        kbmod.loads(yaml.safe_dump(value), "fuzz")


@SETTINGS
@given(st.text(max_size=300))
def test_loader_on_arbitrary_text(text: str) -> None:
    with contextlib.suppress(TherapickError):
        kbmod.loads(text, "fuzz")


@SETTINGS
@given(knowledge_bases(), st.sampled_from(["interventions", "categories", "regions", "questionnaire"]), yaml_values)
def test_loader_on_damaged_knowledge_bases(doc: dict[str, Any], section: str, junk: Any) -> None:
    doc[section] = junk
    with contextlib.suppress(TherapickError):
        kbmod.loads(yaml.safe_dump(doc), "damaged")


answer_values = (
    st.dictionaries(
        st.sampled_from([q.id for q in Q.questions]) | st.text(max_size=8),
        yaml_values
        | st.sampled_from(["adult", "trauma", "US", "gb", "true"])
        | st.lists(st.sampled_from(["trauma", "abuse", "play", "x"]), max_size=3),
        max_size=7,
    )
    | yaml_values
)


@SETTINGS
@given(answer_values)
def test_answers_parser(value: Any) -> None:
    try:
        parsed = A.from_mapping(KB, value, "fuzz")
    except TherapickError as e:
        assert e.exit_code == 2
        return
    for qid in parsed.given:
        q = Q.question(qid)
        got = parsed.get(qid)
        if q.kind == "one":
            assert got in q.option_ids
        elif q.kind == "many":
            assert all(v in q.option_ids for v in got)
        else:
            assert isinstance(got, bool)
    json.dumps(parsed.to_dict())
