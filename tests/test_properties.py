"""Property-based tests (hypothesis) for everything that takes user data.

Two profiles (registered in conftest.py): a quick one by default (40
examples per property), and a thorough one for CI (150), chosen with
``HYPOTHESIS_PROFILE=ci``. YAML is
generated with libyaml's ``CSafeDumper`` (about four times faster than the
pure-Python dumper) when PyYAML has it.
"""

from __future__ import annotations

import contextlib
import copy
import json
import string
from typing import Any

import msgspec
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import KB_PATH
from therapick.advice import answers as A
from therapick.advice.rank import rank
from therapick.advice.result import advise
from therapick.base.errors import TherapickError
from therapick.kb import loader as kbmod
from therapick.kb import source
from therapick.kb.schema import Intervention, KnowledgeBase, names_of, normalise
from therapick.output import export

pytestmark = pytest.mark.exhaustive  # hundreds of generated knowledge bases and answers: the full suite runs them

SETTINGS = settings()  # the profile conftest.py loaded

DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump(value: Any) -> str:
    return yaml.dump(value, Dumper=DUMPER, allow_unicode=True, sort_keys=False)


BASE: dict[str, Any] = yaml.load(
    KB_PATH.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
)
KB = kbmod.load(KB_PATH)
Q = KB.questionnaire

words = st.text(alphabet=string.ascii_letters + string.digits + " -éü'&", min_size=1, max_size=30).filter(
    lambda s: normalise(s) != ""
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
        for key in names_of(msgspec.convert(item, Intervention)):
            used.add(key)
    for item in items:
        if draw(st.booleans()):
            alias = draw(words)
            if normalise(alias) not in used:
                used.add(normalise(alias))
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


def _answers(kb: KnowledgeBase, given: dict[str, Any]) -> A.Answers:
    """Answers as the command line gives them (unanswered questions left out), checked against ``kb``."""
    return A.Answers({"flags": A.from_mapping(kb, {k: v for k, v in given.items() if v is not None}, "generated")})


def answer_sets(kb: KnowledgeBase = KB) -> st.SearchStrategy[A.Answers]:
    q = kb.questionnaire.question
    return st.builds(
        lambda crisis, who, concerns, goals, readiness, prefs, groups, region: _answers(
            kb,
            {
                "crisis": crisis,
                "who": who,
                "concerns": concerns,
                "goals": goals,
                "readiness": readiness,
                "preferences": prefs,
                "groups": groups,
                "region": region,
            },
        ),
        st.none() | st.booleans(),
        st.sampled_from(q("who").option_ids),
        st.lists(st.sampled_from(q("concerns").option_ids), min_size=1, max_size=4, unique=True),
        st.lists(st.sampled_from(q("goals").option_ids), max_size=3, unique=True),
        st.none() | st.sampled_from(q("readiness").option_ids),
        st.lists(st.sampled_from(q("preferences").option_ids), max_size=4, unique=True),
        st.lists(st.sampled_from(q("groups").option_ids), max_size=2, unique=True),
        st.none() | st.sampled_from(q("region").option_ids),
    )


@SETTINGS
@given(knowledge_bases())
def test_load_export_load_round_trip(doc: dict[str, Any]) -> None:
    first = kbmod.loads(dump(doc), "generated.yaml")
    again = kbmod.loads(export.kb_text(first, "json"), "exported.json")
    assert msgspec.to_builtins(again) == msgspec.to_builtins(first)
    for i in first.interventions:
        assert again.find(i.name).id == i.id  # type: ignore[union-attr]
        for alias in i.aliases:
            assert again.find(alias).id == i.id  # type: ignore[union-attr]


@SETTINGS
@given(knowledge_bases(), st.data())
def test_ranking_properties(doc: dict[str, Any], data: st.DataObject) -> None:
    kb = kbmod.loads(dump(doc), "generated.yaml")
    answers = data.draw(answer_sets(kb))
    ranked = rank(kb, answers)
    keys = [(s.key, s.intervention.id) for s in ranked]
    assert keys == sorted(keys) and len(set(keys)) == len(keys), "a total order: standing, fit, then id"
    for a in ranked:
        # A shared rank exactly when the standing and the fit are equal; never the file's order.
        assert a.rank == 1 + sum(1 for b in ranked if b.key < a.key)
        assert a.tied == (sum(1 for b in ranked if b.key == a.key) > 1)
    assert rank(kb, answers) == ranked, "deterministic"
    chosen = {(q.id, o) for q in kb.questionnaire.questions for o in answers.chosen(q.id)}
    for s in ranked:
        assert 1 <= s.standing.tier <= 6 and s.group in (0, 1, 2)
        assert sum(r.points for r in s.reasons) == s.points
        if s.group == 2:  # no concern backs it: only a positive fit to other answers brings it in
            assert any(r.points > 0 and r.question not in ("who", "concerns") for r in s.reasons)
    # Goals and preferences only add fit points: without them every option keeps its group, tier and
    # rating level, so they can order options within a tier and never lift one over a higher tier.
    plain = A.Answers({"flags": {k: v for k, v in answers.items() if k not in ("preferences", "goals")}})
    before = {s.intervention.id: s.key[:3] for s in rank(kb, plain)}
    for s in ranked:
        if s.intervention.id in before:
            assert before[s.intervention.id] == s.key[:3], s.intervention.id
        assert all((r.question, r.option) in chosen for r in s.reasons), "every reason is an answer given"
        assert answers.one("who") in s.intervention.fit["who"], "only interventions designed for who it is for"
    result = advise(kb, answers, environ={})
    assert export.result_dict(kb, result).disclaimer == kb.disclaimer.full
    assert kb.disclaimer.full in export.report_markdown(kb, result, "2026-11-25")


@SETTINGS
@given(answer_sets())
def test_crisis_lines_lead(answers: A.Answers) -> None:
    result = advise(KB, answers, environ={})
    data = msgspec.to_builtins(export.result_dict(KB, result))
    assert list(data)[:2] == ["schema_version", "crisis_lines"]
    if data["region"] is None:
        # The country is never assumed: every region's emergency number and first crisis line.
        assert data["crisis_lines"] == [] and data["hotlines"] == []
        assert [o["emergency"]["region"] for o in data["overview"]] == [r.id for r in KB.regions]
        assert all(o["line"]["crisis"] for o in data["overview"])
    elif answers.yes("crisis"):
        assert data["at_risk"] and data["crisis_lines"]
        assert all(h["crisis"] for h in data["hotlines"][: len(data["crisis_lines"])])
    elif data["at_risk"]:
        assert data["crisis_lines"] and all(h["crisis"] for h in data["crisis_lines"])
    else:
        assert data["crisis_lines"] == []
    risky = {(q.id, o.id) for q in KB.questionnaire.questions for o in q.options if o.risk}
    chosen = {(q.id, o) for q in KB.questionnaire.questions for o in answers.chosen(q.id)}
    assert data["at_risk"] == (answers.yes("crisis") or bool(risky & chosen))
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
        kbmod.loads(source.decode(data, "fuzz"), "fuzz")


@SETTINGS
@given(yaml_values)
def test_loader_on_arbitrary_yaml(value: Any) -> None:
    with contextlib.suppress(TherapickError):
        kbmod.loads(dump(value), "fuzz")


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
        kbmod.loads(dump(doc), "damaged")


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
    for qid, got in parsed.items():
        q = Q.question(qid)
        if q.kind == "one":
            assert got in q.option_ids
        elif q.kind == "many":
            assert isinstance(got, tuple) and all(v in q.option_ids for v in got)
        else:
            assert isinstance(got, bool)
    json.dumps(A.Answers({"file": parsed}).to_dict(KB))


pair_text = st.text(alphabet=string.ascii_letters + "=,- _", max_size=30)


@SETTINGS
@given(
    st.lists(
        pair_text
        | st.builds(
            lambda q, v: f"{q}={v}",
            st.sampled_from([q.id for q in Q.questions]),
            st.sampled_from([o for q in Q.questions for o in q.option_ids] + ["yes", "no", "x", ""]),
        ),
        max_size=5,
    )
)
def test_answer_pairs_parser(pairs: list[str]) -> None:
    # `--answer ID=VALUE`: every value checked against its question, or one usage error.
    try:
        parsed = A.from_pairs(KB, pairs)
    except TherapickError as e:
        assert e.exit_code == 2
        return
    for qid, got in parsed.items():
        q = Q.question(qid)
        # A question whose options are another's (main-concern: the concerns) takes that one's ids.
        ids = Q.question(q.options_from).option_ids if q.options_from else q.option_ids
        assert got in ids if q.kind == "one" else isinstance(got, (bool, tuple))
