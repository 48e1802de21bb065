"""A person's answers: checking them against the questionnaire and normalising.

Answers arrive from three places (an answers file, flags, the terminal) and
all pass through ``normalise_value`` so they are checked the same way. This
module is pure: it takes plain data and returns plain data.
"""

from __future__ import annotations

from typing import Any

from msgspec import Struct
from msgspec.structs import replace

from therapick.errors import USAGE, TherapickError, clean
from therapick.kb import KnowledgeBase, Question


class Answers(Struct, frozen=True):
    """Normalised answers. ``None`` (or an empty tuple) means not answered."""

    crisis: bool | None = None
    who: str | None = None
    concerns: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    readiness: str | None = None
    preferences: tuple[str, ...] = ()
    region: str | None = None
    given: frozenset[str] = frozenset()

    def get(self, question_id: str) -> Any:
        return getattr(self, question_id.replace("-", "_"))

    def pairs(self) -> list[tuple[str, str]]:
        """Every (question id, option id) the person chose, in question order."""
        out: list[tuple[str, str]] = []
        if self.who:
            out.append(("who", self.who))
        out.extend(("concerns", c) for c in self.concerns)
        out.extend(("goals", g) for g in self.goals)
        if self.readiness:
            out.append(("readiness", self.readiness))
        out.extend(("preferences", p) for p in self.preferences)
        return out

    def merged(self, other: Answers) -> Answers:
        """These answers with every question ``other`` answered replaced by its answer."""
        changes = {q: other.get(q) for q in other.given}
        return replace(self, **{k.replace("-", "_"): v for k, v in changes.items()}, given=self.given | other.given)

    def with_defaults(self, kb: KnowledgeBase) -> Answers:
        """Fill unanswered optional questions with their defaults (crisis false, region US)."""
        crisis = self.crisis if self.crisis is not None else bool(kb.questionnaire.question("crisis").default)
        region = self.region or str(kb.questionnaire.question("region").default or kb.regions[0].id)
        return replace(self, crisis=crisis, region=region)

    def missing(self, kb: KnowledgeBase) -> list[str]:
        """Required questions that have no answer yet."""
        return [q.id for q in kb.questionnaire.questions if q.required and not self.get(q.id)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "crisis": self.crisis,
            "who": self.who,
            "concerns": list(self.concerns),
            "goals": list(self.goals),
            "readiness": self.readiness,
            "preferences": list(self.preferences),
            "region": self.region,
        }


def from_mapping(kb: KnowledgeBase, data: Any, source: str) -> Answers:
    """Answers from a parsed answers file (a mapping of question id -> answer)."""
    if data is None:
        return Answers()
    if not isinstance(data, dict):
        raise TherapickError(f"{source}: answers must be a mapping of question id to answer, not a list or text")
    values: dict[str, Any] = {}
    known = [q.id for q in kb.questionnaire.questions]
    for key, value in data.items():
        qid = str(key)
        if qid not in known:
            raise TherapickError(
                f"{source}: unknown question '{clean(qid, 60)}'; the questions are: {', '.join(known)}"
            )
        values[qid] = normalise_value(kb.questionnaire.question(qid), value, source)
    return build(values)


def build(values: dict[str, Any]) -> Answers:
    fields = {k.replace("-", "_"): v for k, v in values.items()}
    return Answers(**fields, given=frozenset(values))


def normalise_value(q: Question, value: Any, source: str) -> Any:
    """Check one answer against its question; return it in normal form."""
    where = f"{source}: '{q.id}'"
    if q.kind == "confirm":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "yes", "y"):
            return True
        if isinstance(value, str) and value.strip().lower() in ("false", "no", "n"):
            return False
        raise TherapickError(f"{where} takes true or false, not {_show(value)}")
    if q.kind == "one":
        if isinstance(value, list):
            raise TherapickError(f"{where} takes one answer, not a list; choose one of: {', '.join(q.option_ids)}")
        return _option(q, value, where)
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        option = _option(q, item, where)
        if option not in out:
            out.append(option)
    if q.required and not out:
        raise TherapickError(f"{where} needs at least one answer; choose from: {', '.join(q.option_ids)}")
    return tuple(out)


def _option(q: Question, value: Any, where: str) -> str:
    if isinstance(value, str):
        wanted = value.strip().casefold()
        for option_id in q.option_ids:
            if option_id.casefold() == wanted:
                return option_id
    raise TherapickError(
        f"{where} has no option {_show(value)}; the options are: {', '.join(q.option_ids)}",
        USAGE,
    )


def _show(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return f"a {'mapping' if isinstance(value, dict) else 'list'}"
    return f"'{clean(str(value), 60)}'"
