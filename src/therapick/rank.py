"""Scoring and ranking: pure functions from (knowledge base, answers) to suggestions.

How it works (also in the README):

* Each intervention's ``fit`` table in the knowledge base gives points for
  question options: ``fit.concerns.child-behavior: {points: 5, why: ...}``.
* ``fit.who`` also says who the intervention is for: when the person's
  ``who`` answer is not listed there, the intervention is left out.
* An intervention's points are the sum of the points of every option the
  person chose. It is suggested only if it earns positive points from
  something other than ``who`` (an age group alone is no reason).
* ``score = points / (points + half_points)``, in [0, 1); ``half_points``
  lives in the knowledge base. Labels: strong >= ``strong``, good >=
  ``good``, otherwise some.
* Order: most points first; ties keep knowledge-base order.
* The reasons are exactly the contributions that made the points, largest
  first (on equal points, the age group last), each in the person's own
  answers.
"""

from __future__ import annotations

from msgspec import Struct

from therapick.answers import Answers
from therapick.kb import Intervention, KnowledgeBase


class Reason(Struct, frozen=True):
    question: str
    option: str
    points: int
    text: str


class Suggestion(Struct, frozen=True):
    intervention: Intervention
    points: int
    score: float
    strength: str
    reasons: tuple[Reason, ...]


# intervention id -> (question id, option id) -> (points, reason text)
_Table = dict[str, dict[tuple[str, str], tuple[int, str]]]


_CACHE: dict[int, tuple[KnowledgeBase, _Table]] = {}


def _tables(kb: KnowledgeBase) -> _Table:
    """The fit tables of a knowledge base, built once per loaded knowledge base."""
    cached = _CACHE.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1]
    questions = {q.id: q for q in kb.questionnaire.questions}
    tables: _Table = {}
    for i in kb.interventions:
        table: dict[tuple[str, str], tuple[int, str]] = {}
        for qid, options in i.fit.items():
            q = questions[qid]
            for oid, fit in options.items():
                table[(qid, oid)] = (fit.points, f"{q.said} {q.option(oid).phrase}; {fit.why}")
        tables[i.id] = table
    if len(_CACHE) >= 8:
        _CACHE.clear()
    _CACHE[id(kb)] = (kb, tables)
    return tables


def strength(kb: KnowledgeBase, score: float) -> str:
    s = kb.questionnaire.scoring
    return "strong" if score >= s.strong else "good" if score >= s.good else "some"


def rank(kb: KnowledgeBase, answers: Answers) -> list[Suggestion]:
    """Every suitable intervention with positive points, best first."""
    tables = _tables(kb)
    pairs = answers.pairs()
    half = kb.questionnaire.scoring.half_points
    scored: list[tuple[int, int, Intervention, list[tuple[int, bool, int, str, str, str]]]] = []
    for position, i in enumerate(kb.interventions):
        table = tables[i.id]
        if answers.who is not None and ("who", answers.who) not in table:
            continue
        points = 0
        beyond_who = False
        hits: list[tuple[int, bool, int, str, str, str]] = []
        for order, pair in enumerate(pairs):
            hit = table.get(pair)
            if hit is None or hit[0] == 0:
                continue
            points += hit[0]
            beyond_who = beyond_who or (pair[0] != "who" and hit[0] > 0)
            hits.append((-hit[0], pair[0] == "who", order, pair[0], pair[1], hit[1]))
        if points > 0 and beyond_who:
            scored.append((-points, position, i, hits))
    scored.sort(key=lambda s: (s[0], s[1]))
    out: list[Suggestion] = []
    for neg_points, _, i, hits in scored:
        points = -neg_points
        score = points / (points + half)
        hits.sort()
        reasons = tuple(Reason(q, o, -p, text) for p, _, _, q, o, text in hits)
        out.append(Suggestion(i, points, round(score, 3), strength(kb, score), reasons))
    return out


def excluded(kb: KnowledgeBase, answers: Answers) -> list[Intervention]:
    """Interventions left out because they are not designed for the ``who`` answer."""
    if answers.who is None:
        return []
    return [i for i in kb.interventions if answers.who not in i.fit.get("who", {})]
