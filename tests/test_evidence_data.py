"""The evidence as data (issue 20): ``situations``, ``no_good_fit``, ``limited_evidence_for`` and the
main-concern question, checked by ``validate``; what the bundled entries hold.

Every claim names its source and its own page; what the checked facts only named is described, never
quoted or numbered; an approach ranked for a concern that no evidence entry covers is a warning.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import KB_PATH, load_yaml, run
from therapick.advice import answers as A
from therapick.advice.rank import rank
from therapick.kb import loader as kbmod

BASE: dict[str, Any] = load_yaml(KB_PATH.read_text(encoding="utf-8"))


def _doc() -> dict[str, Any]:
    return copy.deepcopy(BASE)


def _item(doc: dict[str, Any], iid: str) -> dict[str, Any]:
    return next(i for i in doc["interventions"] if i["id"] == iid)


def _index(iid: str) -> int:
    return [i["id"] for i in BASE["interventions"]].index(iid)


def _validate(runner: Any, tmp_path: Path, doc: dict[str, Any], *args: str) -> tuple[int, dict[str, Any]]:
    path = tmp_path / "kb.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    ran = run(runner, "validate", str(path), "--json", *args)
    return ran.exit_code, json.loads(ran.stdout)


def _problems(data: dict[str, Any]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for p in data["problems"]:
        out.setdefault(p["path"], []).append(p["message"])
    return out


# --------------------------------------------------------------------------
# Every claim has a source and a page


@pytest.mark.parametrize("key", ["source", "url"])
def test_a_claim_without_its_source_or_page_is_refused(runner: Any, tmp_path: Path, key: str) -> None:
    doc = _doc()
    del _item(doc, "pcit")["situations"][0][key]
    code, data = _validate(runner, tmp_path, doc)
    assert code == 1 and data["valid"] is False
    message = {"source": "a claim needs its source", "url": "a claim needs its own page (url)"}[key]
    path = f"$.interventions[{_index('pcit')}].situations[0]"
    assert any(message in m for m in _problems(data)[path]), data["problems"]


def test_a_situation_none_fits_needs_its_page_too(runner: Any, tmp_path: Path) -> None:
    doc = _doc()
    del doc["no_good_fit"][0]["url"]
    code, data = _validate(runner, tmp_path, doc)
    assert code == 1 and "a claim needs its own page (url)" in _problems(data)["$.no_good_fit[0]"]


def test_a_rating_needs_its_words_and_its_level(runner: Any, tmp_path: Path) -> None:
    doc = _doc()
    rated = next(e for e in _item(doc, "pcit")["situations"] if e["says"] == "rated")
    del rated["rating"], rated["level"]
    code, data = _validate(runner, tmp_path, doc)
    messages = " ".join(p["message"] for p in data["problems"])
    assert code == 1
    assert "a rating needs its source's own words (rating)" in messages
    assert "a rating needs its place on its scale (level: 1 is the highest)" in messages


def test_only_a_rating_is_quoted(runner: Any, tmp_path: Path) -> None:
    doc = _doc()
    _item(doc, "pcit")["situations"][0]["rating"] = "Recommended"  # a guideline's entry
    code, data = _validate(runner, tmp_path, doc)
    assert code == 1
    assert (
        "only a rating (says: rated) has a rating"
        in _problems(data)[f"$.interventions[{_index('pcit')}].situations[0].rating"]
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("recommends parent training (recommendation 1.5.2)", "give no recommendation or section number"),
        ("recommends \u201cparent training programmes\u201d", "describe it in your words, do not quote it"),
    ],
)
def test_what_was_only_named_is_not_quoted_or_numbered(runner: Any, tmp_path: Path, text: str, message: str) -> None:
    doc = _doc()
    entry = _item(doc, "pcit")["situations"][0]
    assert entry["status"] == "named"
    entry["summary"] = text
    code, data = _validate(runner, tmp_path, doc)
    path = f"$.interventions[{_index('pcit')}].situations[0].summary"
    assert code == 1 and any(message in m for m in _problems(data)[path]), data["problems"]
    # The same words are allowed where the facts read the guideline's own wording (status: seen).
    entry["status"] = "seen"
    code, _ = _validate(runner, tmp_path, doc)
    assert code == 0


def test_a_situation_names_known_concerns_and_groups(runner: Any, tmp_path: Path) -> None:
    doc = _doc()
    entry = _item(doc, "tf-cbt")["situations"][0]
    entry["concerns"] = ["truama"]
    entry["who"] = ["teenager"]
    code, data = _validate(runner, tmp_path, doc)
    problems = _problems(data)
    at = f"$.interventions[{_index('tf-cbt')}].situations[0]"
    assert code == 1
    assert "unknown concern 'truama' (did you mean 'trauma'?)" in problems[f"{at}.concerns[0]"][0]
    assert "unknown 'who' option 'teenager'" in problems[f"{at}.who[0]"][0]


def test_a_situation_id_is_unique_with_the_evidence_ids(runner: Any, tmp_path: Path) -> None:
    doc = _doc()
    _item(doc, "pcit")["situations"][1]["id"] = "cebc-pcit"  # the id of an evidence entry
    code, data = _validate(runner, tmp_path, doc)
    path = f"$.interventions[{_index('pcit')}].situations[1].id"
    assert code == 1 and "duplicate id 'cebc-pcit'" in _problems(data)[path]


def test_says_is_one_of_the_known_strengths(runner: Any, tmp_path: Path) -> None:
    doc = _doc()
    _item(doc, "pcit")["situations"][0]["says"] = "must"
    code, data = _validate(runner, tmp_path, doc)
    assert code == 1 and "'must' is not allowed" in json.dumps(data["problems"])


# --------------------------------------------------------------------------
# An approach ranked for a concern with no evidence entry: a warning


def test_a_concern_with_no_evidence_entry_warns(runner: Any, tmp_path: Path) -> None:
    doc = _doc()
    arts = _item(doc, "arts-therapy")
    arts["limited_evidence_for"].remove("hard-to-put-into-words")
    code, data = _validate(runner, tmp_path, doc)
    assert code == 0 and data["valid"] is True
    [warning] = data["problems"]
    assert warning["warning"] is True and warning["path"] == f"$.interventions[{_index('arts-therapy')}].fit.concerns"
    assert warning["message"].startswith(
        "'arts-therapy' is ranked for concern 'hard-to-put-into-words' with no evidence entry"
    )
    assert _validate(runner, tmp_path, doc, "--strict")[0] == 1
    # An evidence entry for the concern answers it as well as saying it rests on design alone.
    arts["situations"].append(
        {
            "id": "a-clinic-review",
            "says": "rated",
            "concerns": ["hard-to-put-into-words"],
            "who": ["adult"],
            "by": "a clinic's review",
            "situation": "adults whose feelings are hard to put into words",
            "summary": "its own scale",
            "rating": "Promising",
            "level": 3,
            "status": "seen",
            "source": "A clinic's review",
            "url": "https://clinic.example/review",
        }
    )
    assert _validate(runner, tmp_path, doc, "--strict") == (0, _validate(runner, tmp_path, doc)[1])


def test_the_bundled_knowledge_base_backs_every_concern_it_ranks_for() -> None:
    kb = kbmod.load(KB_PATH)
    for i in kb.interventions:
        covered = {c for e in i.situations for c in e.concerns} | set(i.limited_evidence_for)
        assert set(i.fits("concerns")) <= covered, i.id
        # What rests on design alone is not also claimed by a source.
        assert not {c for e in i.situations for c in e.concerns} & set(i.limited_evidence_for), i.id


# --------------------------------------------------------------------------
# The main-concern question and former option ids


def test_options_from_must_name_a_many_choice_question_before_it(runner: Any, tmp_path: Path) -> None:
    doc = _doc()
    qs = doc["questionnaire"]["questions"]
    main = next(q for q in qs if q["id"] == "main-concern")
    at = f"$.questionnaire.questions[{qs.index(main)}].options_from"
    main["options_from"] = "concern"
    code, data = _validate(runner, tmp_path, doc)
    assert code == 1 and "unknown question to take options from 'concern'" in _problems(data)[at][0]
    main["options_from"] = "readiness"
    code, data = _validate(runner, tmp_path, doc)
    assert code == 1 and "options_from must name a many-choice question, not 'readiness'" in _problems(data)[at]


def test_former_ids_are_good_references(runner: Any, tmp_path: Path) -> None:
    # Support lines and gaps name `substance-use` and `anxiety-depression` (the regions' own data); a
    # clinic's fit may too: each means every option that replaced it.
    text = KB_PATH.read_text(encoding="utf-8")
    assert "show_for: {concerns: [substance-use]}" in text and "concerns: [anxiety-depression]" in text
    doc = _doc()
    _item(doc, "dbt")["fit"]["concerns"]["substance-use"] = {"points": 1, "why": "DBT is used with substance use"}
    _item(doc, "dbt").setdefault("limited_evidence_for", []).extend(["alcohol", "drugs"])
    code, data = _validate(runner, tmp_path, doc, "--strict")
    assert code == 0, data["problems"]
    kb = kbmod.load(tmp_path / "kb.yaml")
    ranked = rank(kb, A.Answers({"flags": A.from_mapping(kb, {"who": "teen", "concerns": ["alcohol"]}, "t")}))
    dbt = next(s for s in ranked if s.intervention.id == "dbt")
    assert any(r.option == "alcohol" and "DBT is used with substance use" in r.text for r in dbt.reasons)


# --------------------------------------------------------------------------
# A clinic's evidence entry moves its approach up a tier, and only that far


def test_a_clinic_s_guideline_entry_lifts_its_approach(tmp_path: Path) -> None:
    doc = _doc()
    arts = _item(doc, "arts-therapy")
    arts["limited_evidence_for"].remove("hard-to-put-into-words")
    arts["situations"].append(
        {
            "id": "a-clinic-guideline",
            "says": "consider",
            "concerns": ["hard-to-put-into-words"],
            "who": ["adult"],
            "by": "the clinic's guideline",
            "situation": "adults who find feelings hard to say",
            "summary": "recommends considering arts therapies",
            "status": "seen",
            "source": "The clinic's own guideline",
            "url": "https://clinic.example/guideline",
        }
    )
    path = tmp_path / "kb.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    kb = kbmod.load(path)
    given = {"who": "adult", "concerns": ["hard-to-put-into-words", "trauma"], "main-concern": "trauma"}
    ranked = rank(kb, A.Answers({"flags": A.from_mapping(kb, given, "t")}))
    # Trauma leads: CBT (the APA) first; arts therapies rest on the clinic's entry only for the other concern.
    assert ranked[0].intervention.id == "cbt"
    given["main-concern"] = "hard-to-put-into-words"
    ranked = rank(kb, A.Answers({"flags": A.from_mapping(kb, given, "t")}))
    assert ranked[0].intervention.id == "arts-therapy" and ranked[0].standing.says == "consider"
