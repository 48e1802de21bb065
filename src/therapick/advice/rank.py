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
* A ``fit`` entry with ``who`` counts only when the support is for one of them.
* The reasons are exactly the contributions that made the points, largest
  first (on equal points, the age group last), each in the person's own
  answers.
"""

from __future__ import annotations

from msgspec import Struct

from therapick.advice.answers import Answers
from therapick.kb import questions as Q
from therapick.kb.schema import Intervention, KnowledgeBase


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


def strength(kb: KnowledgeBase, score: float) -> str:
    s = kb.questionnaire.scoring
    return "strong" if score >= s.strong else "good" if score >= s.good else "some"


def said(kb: KnowledgeBase, question_id: str, who: str | None) -> str:
    """How a reason names the question ("you said ..."), worded for who the support is for."""
    q = kb.questionnaire.question(question_id)
    for v in q.variants:
        if who in v.who and v.said:
            return v.said
    return q.said


def rank(kb: KnowledgeBase, answers: Answers) -> list[Suggestion]:
    """Every suitable intervention with positive points, best first."""
    who = answers.one(Q.WHO)
    chosen = [(q.id, o) for q in kb.questionnaire.questions for o in answers.chosen(q.id)]
    half = kb.questionnaire.scoring.half_points
    scored: list[tuple[int, int, Intervention, list[tuple[int, bool, int, str, str, str]]]] = []
    for position, i in enumerate(kb.interventions):
        if who is not None and who not in i.fit.get(Q.WHO, {}):
            continue
        points = 0
        beyond_who = False
        hits: list[tuple[int, bool, int, str, str, str]] = []
        for order, (qid, oid) in enumerate(chosen):
            fit = i.fit.get(qid, {}).get(oid)
            if fit is None or fit.points == 0 or (fit.who and who not in fit.who):
                continue
            points += fit.points
            beyond_who = beyond_who or (qid != Q.WHO and fit.points > 0)
            text = f"{said(kb, qid, who)} {kb.questionnaire.question(qid).option(oid).phrase}; {fit.why}"
            hits.append((-fit.points, qid == Q.WHO, order, qid, oid, text))
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
    who = answers.one(Q.WHO)
    if who is None:
        return []
    return [i for i in kb.interventions if who not in i.fit.get(Q.WHO, {})]
