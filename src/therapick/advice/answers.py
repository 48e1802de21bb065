"""A person's answers: one mapping keyed by question id, in layers.

As in copier's ``AnswersMap``, answers come in layers, and the first layer
that has a question wins: what the person chose at the prompt, then the
flags (named ones like ``--who`` and the generic ``--answer ID=VALUE``), then
the answers file. Every value passes through ``normalise`` against its
question in the knowledge base, so a clinic's own question needs no code.

Values: a yes/no question is a bool, a one-choice question an option id, a
many-choice question a tuple of option ids. A region may be given by any name
``region.parse`` knows ("UK", "Reino Unido"); one that names a country of the
table that is not a region ("Mexico") is region "other" plus a ``country``
answer, which is not a question but the region question's follow-up (its
value: the country's id, or what the person named when the table has none).
Pure: no printing, no files.

One exception to "the first layer wins", for safety: a yes to the danger
question (``SAFE_YES``), from any layer or flag, wins over a no from any
other (``--answer crisis=yes --no-crisis`` shows the crisis lines). Saying
no where someone said yes could hide the lines from a person in danger;
the opposite costs a panel of phone numbers.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from therapick.base.errors import USAGE, TherapickError, clean, refuse_hidden, value_words
from therapick.base.i18n import t
from therapick.kb import questions as Q
from therapick.kb.schema import KnowledgeBase, Question

if TYPE_CHECKING:
    from therapick.advice.describe import Described

Value = Any  # bool | str | tuple[str, ...]

# "described": what a person's own words pointed to (``describe.py``), below everything they chose.
LAYERS = ("prompt", "flags", "file", "described")

SAFE_YES = (Q.CRISIS,)  # a yes to these, from anywhere, is never overridden by a no
DESCRIBE = "describe"  # an answers file's field for the person's own words (not a question; cli/session.py)

_YES = {"true", "yes", "y", "on", "s", "si", "sí", "1"}  # "on" and "off": YAML 1.1 read them as yes and no
_NO = {"false", "no", "n", "off", "0"}


def says_yes(value: str) -> bool:
    """Whether a typed answer to a yes/no question is a yes (yes, y, on, true, sí, ...)."""
    return value.strip().casefold() in _YES


class Answers(Mapping[str, Value]):
    """Answers by question id; ``layers`` says where each came from; ``described`` is what the
    person's own description matched (never its text unless they asked to keep it)."""

    def __init__(
        self,
        layers: Mapping[str, Mapping[str, Value]] | None = None,
        described: Described | None = None,
        sources: Mapping[str, str] | None = None,
    ) -> None:
        self.layers: dict[str, dict[str, Value]] = {name: dict((layers or {}).get(name, {})) for name in LAYERS}
        said_yes = {q: True for q in SAFE_YES if any(layer.get(q) is True for layer in self.layers.values())}
        self.combined: ChainMap[str, Value] = ChainMap(said_yes, *(self.layers[name] for name in LAYERS))
        self.described = described
        self.sources = dict(sources or {})  # layer -> how to name it in a message (the answers file's name)

    def source_of(self, question_id: str) -> str | None:
        """Where the answer that counts came from, named for a message (``a.yaml``, ``--answer``), if known."""
        return next((self.sources.get(n) for n in LAYERS if question_id in self.layers[n]), None)

    def __getitem__(self, question_id: str) -> Value:
        return self.combined[question_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self.combined)

    def __len__(self) -> int:
        return len(self.combined)

    def __repr__(self) -> str:
        return f"Answers({dict(self.combined)!r})"

    def with_layer(self, layer: str, values: Mapping[str, Value]) -> Answers:
        """These answers with ``values`` added to ``layer``."""
        layers = {name: dict(v) for name, v in self.layers.items()}
        layers[layer].update(values)
        return Answers(layers, self.described, self.sources)

    def with_described(self, described: Described | None) -> Answers:
        """These answers with what a description matched."""
        return Answers(self.layers, described, self.sources)

    def from_description(self, kb: KnowledgeBase) -> Answers:
        """These answers with what the description matched filling the questions still unanswered."""
        d = self.described
        if d is None:
            return self
        found: dict[str, Value] = {}
        if d.who and Q.WHO not in self and kb.questionnaire.find(Q.WHO):
            found[Q.WHO] = d.who
        if d.concerns and Q.CONCERNS not in self and kb.questionnaire.find(Q.CONCERNS):
            found[Q.CONCERNS] = d.concerns
        return self.with_layer("described", found) if found else self

    def chosen(self, question_id: str) -> tuple[str, ...]:
        """The option ids chosen for a question (empty for a yes/no or unanswered one)."""
        value = self.combined.get(question_id)
        if isinstance(value, str):
            return (value,)
        if isinstance(value, tuple):
            return value
        return ()

    def one(self, question_id: str) -> str | None:
        value = self.combined.get(question_id)
        return value if isinstance(value, str) else None

    def yes(self, question_id: str) -> bool:
        return self.combined.get(question_id) is True

    def missing(self, kb: KnowledgeBase) -> list[str]:
        """Required questions that have no answer yet, in question order."""
        return [q.id for q in kb.questionnaire.questions if q.required and not self.combined.get(q.id)]

    def to_dict(self, kb: KnowledgeBase) -> dict[str, Any]:
        """Every question of the knowledge base, in order: its answer, or null / [] if none (and the
        country, when one was given)."""
        out: dict[str, Any] = {}
        for q in kb.questionnaire.questions:
            value = self.combined.get(q.id)
            out[q.id] = (
                list(value) if isinstance(value, tuple) else ([] if value is None and q.kind == "many" else value)
            )
        if self.one(Q.COUNTRY):
            out[Q.COUNTRY] = self.one(Q.COUNTRY)
        return out


def from_mapping(kb: KnowledgeBase, data: Any, source: str, also: tuple[str, ...] = ()) -> dict[str, Value]:
    """Checked answers from a parsed answers file (a mapping of question id -> answer); ``also``: the
    other keys the file takes (``describe``, the screens'), named in the message for an unknown one."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise TherapickError(
            t("{source}: answers must be a mapping of question id to answer, not a list or text", source=source)
        )
    out: dict[str, Value] = {}
    for k, v in data.items():
        out.update(answer(kb, str(k), v, source, also))
    return out


def answer(kb: KnowledgeBase, qid: str, value: Any, source: str, also: tuple[str, ...] = ()) -> dict[str, Value]:
    """One checked answer, as ``{question id: value}``; a region named by a country of the table
    gives the country too (``Mexico``: ``{"region": "other", "country": "MX"}``)."""
    if qid == Q.COUNTRY and kb.questionnaire.find(qid) is None:
        return country_answer(kb, value, source)
    q = _question(kb, qid, source, also)
    if q.id == Q.REGION and isinstance(value, str):
        from therapick.advice import region

        refuse_hidden(value, source)  # a name read past an invisible character is not what was typed
        try:
            rid: str | None = region.parse(kb, value)
        except TherapickError:  # not a place therapick knows: the usual error, with the options
            rid = None
        if rid in q.option_ids:
            named = region.country_of(kb, value) if rid == region.OTHER else None
            return {q.id: rid, Q.COUNTRY: named} if named else {q.id: rid}
    return {q.id: normalise(q, value, source)}


def country_answer(kb: KnowledgeBase, value: Any, source: str) -> dict[str, Value]:
    """The ``country`` answer: the country's id (a region's or the table's), or what was named.

    A name therapick does not know is kept, so the person is told it has no checked number for
    it; only a value that is not text at all is refused.
    """
    if not isinstance(value, str) or not value.strip():
        raise TherapickError(t("{where} takes the name or two-letter code of a country", where=f"{source}: 'country'"))
    from therapick.advice import region

    found = region.parse_country(kb, value, source=source)
    return {Q.COUNTRY: found.asked or found.country or found.region or value.strip()}


def from_pairs(
    kb: KnowledgeBase, pairs: list[str], flag: str = "--answer", also: tuple[str, ...] = ()
) -> dict[str, Value]:
    """Checked answers from ``ID=VALUE`` strings; a many-choice question may repeat or use commas
    (``also``: the other ids ``--answer`` takes, the screens', named for an unknown one)."""
    raw: dict[str, Any] = {}
    for pair in pairs:
        qid, sep, value = pair.partition("=")
        if not sep or not qid.strip():
            raise TherapickError(
                t("{flag} takes ID=VALUE (for example concerns=trauma), not '{pair}'", flag=flag, pair=clean(pair, 60))
            )
        if qid.strip() == Q.COUNTRY and kb.questionnaire.find(Q.COUNTRY) is None:
            raw[Q.COUNTRY] = value
            continue
        q = _question(kb, qid.strip(), flag, also)
        if q.kind == "many":
            items = [v.strip() for v in value.split(",") if v.strip()]
            raw.setdefault(q.id, []).extend(items)
        elif q.id in SAFE_YES and q.id in raw and normalise(q, raw[q.id], flag) is True:
            continue  # an earlier yes stands (SAFE_YES)
        else:
            raw[q.id] = value
    out: dict[str, Value] = {}
    for qid, v in raw.items():
        out.update(answer(kb, qid, v, flag))
    return out


def combine(*layers: Mapping[str, Value]) -> dict[str, Value]:
    """Answers of one layer given in parts (``--answer`` pairs, then named flags): a later part wins,
    except over a yes to a ``SAFE_YES`` question."""
    out: dict[str, Value] = {}
    for layer in layers:
        out.update(layer)
    for q in SAFE_YES:
        if any(layer.get(q) is True for layer in layers):
            out[q] = True
    return out


def from_flags(kb: KnowledgeBase, flags: Mapping[str, Any]) -> dict[str, Value]:
    """Checked answers from the named flags (question id -> value; None or [] means not given)."""
    out: dict[str, Value] = {}
    for qid, value in flags.items():
        if value is None or value == []:
            continue
        if qid == Q.COUNTRY:
            out.update(country_answer(kb, value, "--country"))
            continue
        q = kb.questionnaire.find(qid)
        if q is None:  # a clinic's knowledge base without the optional question
            raise TherapickError(
                t(
                    "--{flag}: this knowledge base has no '{id}' question",
                    flag=Q.FLAG_NAMES.get(qid, qid),
                    id=qid,
                )
            )
        out.update(answer(kb, qid, value, f"--{Q.FLAG_NAMES.get(qid, qid)}"))
    return out


def _question(kb: KnowledgeBase, qid: str, source: str, also: tuple[str, ...] = ()) -> Question:
    q = kb.questionnaire.find(qid)
    if q is None:
        ids = [q.id for q in kb.questionnaire.questions]
        known = ", ".join([*ids, *(k for k in (Q.COUNTRY, *also) if k not in ids)])
        raise TherapickError(
            t(
                "{source}: unknown question '{id}'; it takes: {known}",
                source=source,
                id=clean(qid, 60),
                known=known,
            )
        )
    return kb.questionnaire.resolved(q)  # a question answered from another's options has them


def normalise(q: Question, value: Any, source: str) -> Value:
    """Check one answer against its question; return it in normal form."""
    where = f"{source}: '{q.id}'"
    if value is None and q.kind != "confirm":  # `who:` with nothing after it, or `who: null`
        raise TherapickError(
            t("{where} has no answer (null); give one of: {known}", where=where, known=", ".join(q.option_ids)),
            USAGE,
        )
    if q.kind == "confirm":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().casefold() in _YES:
            return True
        if isinstance(value, str) and value.strip().casefold() in _NO:
            return False
        raise TherapickError(t("{where} takes yes or no (true or false), not {value}", where=where, value=_show(value)))
    if q.kind == "one":
        if isinstance(value, list):
            raise TherapickError(
                t(
                    "{where} takes one answer, not a list; choose one of: {known}",
                    where=where,
                    known=", ".join(q.option_ids),
                )
            )
        found = _options(q, value, where)
        if len(found) > 1:  # a former id that two options replaced
            raise TherapickError(
                t(
                    "{where} takes one answer; {value} is now {known}: choose one",
                    where=where,
                    value=_show(value),
                    known=", ".join(found),
                ),
                USAGE,
            )
        return found[0]
    items = value if isinstance(value, (list, tuple)) else [value]
    out: list[str] = []
    for item in items:
        for option in _options(q, item, where):
            if option not in out:
                out.append(option)
    if q.required and not out:
        raise TherapickError(
            t("{where} needs at least one answer; choose from: {known}", where=where, known=", ".join(q.option_ids))
        )
    return tuple(out)


def _id_key(value: str) -> str:
    """An option id as people type it: any case, and spaces or underscores for its hyphens ("low mood")."""
    return "-".join(value.replace("_", " ").replace("-", " ").casefold().split())


def _options(q: Question, value: Any, where: str) -> list[str]:
    """The option an answer names; for a former id (``substance-use``), every option that replaces it."""
    if isinstance(value, str):
        wanted = _id_key(value)
        for option_id in q.option_ids:
            if _id_key(option_id) == wanted:
                return [option_id]
        former = [o.id for o in q.options if any(_id_key(old) == wanted for old in o.replaces)]
        if former:
            return former
    elif value is None or isinstance(value, (bool, dict, list, tuple)):  # no option at all: said in words
        raise TherapickError(
            t(
                "{where}: {value} is not one of the options; the options are: {known}",
                where=where,
                value=_show(value),
                known=", ".join(q.option_ids),
            ),
            USAGE,
        )
    raise TherapickError(
        t(
            "{where} has no option {value}; the options are: {known}",
            where=where,
            value=_show(value),
            known=", ".join(q.option_ids),
        ),
        USAGE,
    )


def check_chosen(kb: KnowledgeBase, answers: Answers) -> None:
    """A question whose options are another's answers (``main-concern``) must name one of them."""
    for q in kb.questionnaire.questions:
        value = answers.one(q.id)
        if q.options_from is None or value is None:
            continue
        chosen = answers.chosen(q.options_from)
        if value not in chosen:
            where = answers.source_of(q.id)
            raise TherapickError(
                (f"{where}: " if where else "")
                + t(
                    "'{id}' is {value}, which is not among the answers to '{source}' ({chosen})",
                    id=q.id,
                    value=_show(value),
                    source=q.options_from,
                    chosen=", ".join(chosen) or t("none"),
                ),
                USAGE,
            )


def _show(value: Any) -> str:
    return value_words(value)
