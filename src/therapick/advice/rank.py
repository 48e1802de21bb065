"""Ranking by evidence: pure functions from (knowledge base, answers) to suggestions.

How it works (also in the README, "How the ranking works"):

* Only interventions designed for the person's ``who`` answer are considered
  (``fit.who``).
* The main concern is the ``main-concern`` answer, or the one concern given.
  With several concerns and no main one said, each of them counts as main.
* For each concern, an intervention's standing is what backs it there, for
  that ``who``: its ``situations`` (what named sources say) first, then its
  ``fit`` (what it is designed for). Tiers, best first: 1 a guideline's strong
  recommendation ("offer"); 2 a guideline's "consider", or a recommendation
  whose strength the checked facts do not give; 3 a clearinghouse or Division
  12 rating; 4 its fit alone, no guideline or rating for it; 5 its fit, but a
  guideline for the situation leaves it out or calls it not yet evaluated. A
  guideline that advises against it routinely, a review that found its
  distinctive part added nothing (with no rating to set against it), or a
  situation that none of the interventions fits well (``no_good_fit``, when it
  has only its design) leave it with no standing there: it is not shown as a
  match for that concern.
* Groups, in order: the suggestions with a standing for the main concern,
  then those with one only for another concern, then those that fit only
  goals, readiness, preferences or other answers (never one left out for the
  main concern). Within a group: by tier, then by the best rating level
  behind it (so, among options a guideline backs, one a clearinghouse also
  rates first), then by fit points: the sum of the ``fit`` points of every
  answer. Goals, readiness and preferences only ever add fit points, so they
  order options within a tier and never lift one over a higher tier.
* Equal keys share a rank; they are listed by id, never by file order.
* The reasons are the fit contributions (largest first, the age group last
  on equal points), in the person's own answers.
* A preferred way of working that belongs to an option below the first one's
  tier, when the first rests on a guideline or a rating, is said as such
  (``Preference``): what was asked for, what the option is built on, and which
  option the evidence points to first. Not for an option shown for another
  concern, and not when the first option matches that preference too.
"""

from __future__ import annotations

from msgspec import Struct

from therapick.advice.answers import Answers
from therapick.kb import questions as Q
from therapick.kb.schema import Fit, Intervention, KnowledgeBase, NoGoodFit, Situation

# Tier of each standing: what the README's table says.
TIERS = {
    "offer": 1,
    "strong": 1,
    "recommends": 2,
    "consider": 2,
    "rated": 3,
    "designed": 4,
    "unevaluated": 5,
    "not-listed": 5,
    "answers": 6,
}
GUIDELINE = ("offer", "strong", "recommends", "consider")  # strongest wording first
NO_LEVEL = 9  # no rating behind it
MAIN, OTHER, ANSWERS = 0, 1, 2  # the groups


class Reason(Struct, frozen=True):
    question: str
    option: str
    points: int
    text: str


class Standing(Struct, frozen=True):
    """What a suggestion rests on, for one concern: the tier and the entries behind it, deciding first."""

    says: str  # offer, strong, recommends, consider, rated, designed, unevaluated, not-listed, answers
    tier: int
    level: int  # the best rating level behind it (1 the highest); NO_LEVEL when none
    concern: str | None  # the concern it is for; None for "answers"
    main: bool  # that concern is the one the person said matters most, or the only one
    entries: tuple[Situation, ...] = ()


class Preference(Struct, frozen=True):
    """A way of working the person asked for, which belongs to an option below the first one's tier."""

    option: str  # the preference's option id
    said: str  # in the person's words: "you said you would like creative work"
    why: str  # what the option is built on (its fit reason)
    above: tuple[Intervention, ...]  # the first-ranked option(s), which the evidence points to
    concern: str | None  # the concern they rest on


class Suggestion(Struct, frozen=True):
    intervention: Intervention
    rank: int  # shared when the standing and the fit are equal
    tied: bool
    group: int  # MAIN, OTHER or ANSWERS
    standing: Standing
    points: int  # fit points: they order options within a tier, nothing more
    reasons: tuple[Reason, ...]
    preference: Preference | None = None

    @property
    def key(self) -> tuple[int, int, int, int]:
        return (self.group, self.standing.tier, self.standing.level, -self.points)


_EXCLUDED = Standing("excluded", 99, NO_LEVEL, None, False)


def said(kb: KnowledgeBase, question_id: str, who: str | None) -> str:
    """How a reason names the question ("you said ..."), worded for who the support is for."""
    q = kb.questionnaire.question(question_id)
    for v in q.variants:
        if who in v.who and v.said:
            return v.said
    return q.said


def main_concern(kb: KnowledgeBase, answers: Answers) -> str | None:
    """The concern that matters most: the ``main-concern`` answer, or the only concern; None when not said."""
    chosen = answers.chosen(Q.CONCERNS)
    given = answers.one(Q.MAIN_CONCERN)
    if given is not None and given in chosen:
        return given
    return chosen[0] if len(chosen) == 1 else None


class _Context:
    """What every check of one ranking asks of the answers, worked out once (a ranking checks each
    intervention's situations for each concern: bench/startup.py ranks 10,000 answer sets)."""

    __slots__ = ("answers", "chosen", "former", "kb", "names", "readiness", "who")

    def __init__(self, kb: KnowledgeBase, answers: Answers) -> None:
        self.kb, self.answers = kb, answers
        self.who, self.readiness = answers.one(Q.WHO), answers.one(Q.READINESS)
        # For each question, the former ids each option replaces (most have none).
        self.former = kb.questionnaire.former_ids  # the former ids each option replaces
        concerns = self.former.get(Q.CONCERNS, {})
        self.names = {c: {c, *concerns.get(c, ())} for c in answers.chosen(Q.CONCERNS)}
        self.chosen = set().union(*self.names.values()) if self.names else set()

    def fit(self, i: Intervention, qid: str, oid: str) -> Fit | None:
        """The intervention's fit entry for an answer (or a former id it replaces), if it counts for ``who``."""
        table = i.fit.get(qid)
        if not table:
            return None
        fit = table.get(oid)
        if fit is None:
            fit = next((table[n] for n in self.former.get(qid, {}).get(oid, ()) if n in table), None)
        if fit is None or fit.points == 0 or (fit.who and self.who not in fit.who):
            return None
        return fit

    def applies(self, e: Situation | NoGoodFit, concern: str) -> bool:
        if self.who not in e.who or not self.names.get(concern, {concern}) & set(e.concerns):
            return False
        if isinstance(e, NoGoodFit):
            return True
        if e.readiness and self.readiness not in e.readiness:
            return False
        if e.with_concerns and not self.chosen & set(e.with_concerns):
            return False
        return not (self.chosen & set(e.except_concerns))


def no_good_fit(kb: KnowledgeBase, answers: Answers) -> list[tuple[NoGoodFit, str]]:
    """Each situation in the answers that none of the interventions fits well, with the concern it is for."""
    ctx = _Context(kb, answers)
    return [(e, c) for c in answers.chosen(Q.CONCERNS) for e in kb.no_good_fit if ctx.applies(e, c)]


def _standing(ctx: _Context, i: Intervention, concern: str, main: bool) -> Standing | None:
    """What backs ``i`` for ``concern`` and the person's ``who``: a Standing, ``_EXCLUDED``, or None (no fit)."""
    entries = [e for e in i.situations if ctx.applies(e, concern)]
    fit = ctx.fit(i, Q.CONCERNS, concern)
    designed = fit is not None and fit.points > 0
    if not entries:
        if not designed:
            return None
        if any(ctx.applies(e, concern) for e in ctx.kb.no_good_fit):
            return _EXCLUDED  # a weak fit is not shown as a match where none fits well
        return Standing("designed", TIERS["designed"], NO_LEVEL, concern, main)
    rated = sorted((e for e in entries if e.says == "rated"), key=lambda e: e.level or NO_LEVEL)
    level = rated[0].level or NO_LEVEL if rated else NO_LEVEL
    guideline = [e for e in entries if e.says in GUIDELINE]
    if guideline:
        best = min(TIERS[e.says] for e in guideline)
        # The strongest wording first (it decides the tier and the label), then the rest, then ratings.
        deciding = sorted(guideline, key=lambda e: GUIDELINE.index(e.says))
        return Standing(deciding[0].says, best, level, concern, main, (*deciding, *rated))
    if any(e.says == "not-routine" for e in entries):
        return _EXCLUDED
    low = [e for e in entries if e.says in ("unevaluated", "not-listed")]
    if low:
        unevaluated = [e for e in low if e.says == "unevaluated"]
        if not (unevaluated or designed):
            return None  # left out of a guideline it was never designed for: no reason to show it
        return Standing((unevaluated or low)[0].says, TIERS["unevaluated"], NO_LEVEL, concern, main, tuple(low))
    no_effect = [e for e in entries if e.says == "no-added-effect"]
    if rated:
        return Standing("rated", TIERS["rated"], level, concern, main, (*rated, *no_effect))
    if no_effect:
        return _EXCLUDED
    if designed:
        if any(ctx.applies(e, concern) for e in ctx.kb.no_good_fit):
            return _EXCLUDED
        return Standing("designed", TIERS["designed"], NO_LEVEL, concern, main)
    return None


def _best(standings: list[Standing]) -> Standing:
    return min(standings, key=lambda s: (s.tier, s.level))  # on a tie, the first concern the person gave


def rank(kb: KnowledgeBase, answers: Answers) -> list[Suggestion]:
    """Every suitable intervention with a standing or a fit, best first (see the module's docstring)."""
    ctx = _Context(kb, answers)
    who = ctx.who
    concerns = answers.chosen(Q.CONCERNS)
    main = main_concern(kb, answers)
    mains = [main] if main else list(concerns)
    # Every answer that fit tables can use; a question whose options are another's answers (the
    # main concern) adds nothing of its own: its concern already counts.
    chosen = [(q.id, o) for q in kb.questionnaire.questions if q.options_from is None for o in answers.chosen(q.id)]
    rows: list[Suggestion] = []
    for i in kb.interventions:
        if who is not None and who not in i.fit.get(Q.WHO, {}):
            continue
        found: dict[str, Standing] = {}
        left_out: set[str] = set()
        for c in concerns:
            s = _standing(ctx, i, c, c == main)
            if s is _EXCLUDED:
                left_out.add(c)
            elif s is not None:
                found[c] = s
        for_main = [found[c] for c in mains if c in found]
        for_other = [found[c] for c in concerns if c in found and c not in mains]
        hits: list[tuple[int, bool, int, str, str, str]] = []
        for order, (qid, oid) in enumerate(chosen):
            if qid == Q.CONCERNS and oid in left_out:
                continue  # its design for a concern it is not shown as a match for is no reason
            fit = ctx.fit(i, qid, oid)
            if fit is None:
                continue
            text = f"{said(kb, qid, who)} {kb.questionnaire.question(qid).option(oid).phrase}; {fit.why}"
            hits.append((-fit.points, qid == Q.WHO, order, qid, oid, text))
        if for_main:
            group, best = MAIN, _best(for_main)
        elif for_other:
            group, best = OTHER, _best(for_other)
        elif set(mains) & left_out or not any(
            -h[0] > 0 and h[3] not in (Q.WHO, Q.CONCERNS) for h in hits
        ):  # an age group alone is no reason, and one left out for the main concern stays out
            continue
        else:
            group, best = ANSWERS, Standing("answers", TIERS["answers"], NO_LEVEL, None, False)
        hits.sort()
        reasons = tuple(Reason(q, o, -p, text) for p, _, _, q, o, text in hits)
        rows.append(Suggestion(i, 0, False, group, best, sum(r.points for r in reasons), reasons))
    return _ranked(ctx, rows)


def _ranked(ctx: _Context, rows: list[Suggestion]) -> list[Suggestion]:
    """Shared ranks for equal keys (listed by id), and each lower option's preference told straight."""
    rows.sort(key=lambda s: (s.key, s.intervention.id))
    keys = [s.key for s in rows]
    out: list[Suggestion] = []
    for s in rows:
        rank = 1 + sum(1 for k in keys if k < s.key)
        out.append(Suggestion(s.intervention, rank, keys.count(s.key) > 1, s.group, s.standing, s.points, s.reasons))
    top = [s for s in out if s.rank == 1]
    if not top:
        return out
    kb, answers, who = ctx.kb, ctx.answers, ctx.who
    prefs = answers.chosen(Q.PREFERENCES) if kb.questionnaire.find(Q.PREFERENCES) else ()
    first = top[0]
    if first.standing.tier > TIERS["rated"]:
        return out  # the first rests on its design alone: the evidence points nowhere first
    for n, s in enumerate(out):
        if s.group == OTHER or s.key[:3] <= first.key[:3]:
            continue  # for another concern, or not below the first one's tier
        asked = [
            (fit.points, order, p, fit)
            for order, p in enumerate(prefs)
            if (fit := ctx.fit(s.intervention, Q.PREFERENCES, p)) is not None
            and fit.points > 0
            and not any(ctx.fit(t.intervention, Q.PREFERENCES, p) for t in top)
        ]
        if not asked:
            continue
        _, _, p, fit = min(asked, key=lambda a: (-a[0], a[1]))
        words = f"{said(kb, Q.PREFERENCES, who)} {kb.questionnaire.question(Q.PREFERENCES).option(p).phrase}"
        note = Preference(p, words, fit.why, tuple(t.intervention for t in top), first.standing.concern)
        out[n] = Suggestion(s.intervention, s.rank, s.tied, s.group, s.standing, s.points, s.reasons, note)
    return out


def excluded(kb: KnowledgeBase, answers: Answers) -> list[Intervention]:
    """Interventions left out because they are not designed for the ``who`` answer."""
    who = answers.one(Q.WHO)
    if who is None:
        return []
    return [i for i in kb.interventions if who not in i.fit.get(Q.WHO, {})]
