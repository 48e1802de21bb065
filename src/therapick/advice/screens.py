"""The validated screens, PHQ-9 (depression) and GAD-7 (anxiety): their items, scale and bands. Pure.

The instruments live here, in the package, and not in the knowledge base:
a reworded item is no longer the validated instrument, so a clinic's file
cannot change them. Every text below is copied from the checked facts
(``shared/facts/screens.md``), and ``tests/test_screens.py`` reads that file
and compares: each item word for word (its dashes and item 8's question
mark as written there), the four answers of the scale, the cut points.

What the facts give, and therefore what this holds:

- the items, and the time frame "Over the last 2 weeks"; the form's own
  question stem beyond those words is not in the facts, so the instruction
  around the items is therapick's own (``output/screening.py``);
- the scale, 0 not at all to 3 nearly every day, and the totals 0-27, 0-21;
- the bands: PHQ-9 5, 10, 15, 20 for mild, moderate, moderately severe,
  severe (0-4 none/minimal); GAD-7 5, 10, 15 for mild, moderate, severe (no
  name is given for 0-4, so none is given here);
- 10 or more: PHQ-9's cut point for major depression in the 2001 study,
  GAD-7's recommended point for further evaluation. That, and nothing
  else, turns a score into advice: "talk to a doctor soon";
- the closing question on how difficult the problems have made work, home
  life and getting along with people, with its four answers. The facts
  describe it rather than quote it, so its wording here follows that
  description; it is not part of the score;
- item 9 of the PHQ-9 (thoughts of being better off dead or of self-harm):
  any answer above "not at all" brings the crisis lines first, and an
  answer of "not at all" is never reported as the absence of risk.
"""

from __future__ import annotations

from collections.abc import Mapping

from msgspec import Struct

from therapick.advice import region as regions
from therapick.advice.safety import Overview, crisis_lines, overview
from therapick.base.errors import USAGE, TherapickError, clean, value_words
from therapick.base.i18n import t
from therapick.kb.schema import KnowledgeBase, Line, Region

TIME_FRAME = "Over the last 2 weeks"

# The answer scale, 0 to 3, in its own words.
SCALE = ("not at all", "several days", "more than half the days", "nearly every day")

DIFFICULTY_QUESTION = "How difficult have these problems made work, home life and getting along with people?"
DIFFICULTY = (
    ("not-at-all", "not at all difficult"),
    ("somewhat", "somewhat difficult"),
    ("very", "very difficult"),
    ("extremely", "extremely difficult"),
)

DOCTOR_SOON = 10  # a score of 10 or more on either: a reason to talk to a doctor soon (see the module docstring)

# How the screens are told about, in the facts' terms.
AUTHORS = "Drs Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues"
GRANT = "an educational grant from Pfizer Inc."

# The version of the screens' part of the JSON contract (``screens.version``), raised when it changes.
VERSION = 1


class Band(Struct, frozen=True):
    """A range of totals; ``words`` is the source's name for it, or None where the facts give none."""

    id: str
    low: int
    high: int
    words: str | None


class Instrument(Struct, frozen=True):
    id: str  # "phq9": how it is named on the command line and in files
    name: str  # "PHQ-9"
    items: tuple[str, ...]
    bands: tuple[Band, ...]
    safety_item: int | None = None  # the item (1-based) whose any answer above 0 brings the crisis lines first

    @property
    def maximum(self) -> int:
        return 3 * len(self.items)

    def band(self, total: int) -> Band:
        return next(b for b in self.bands if b.low <= total <= b.high)


PHQ9 = Instrument(
    "phq9",
    "PHQ-9",
    (
        "Little interest or pleasure in doing things.",
        "Feeling down, depressed, or hopeless.",
        "Trouble falling or staying asleep, or sleeping too much.",
        "Feeling tired or having little energy.",
        "Poor appetite or overeating.",
        "Feeling bad about yourself — or that you are a failure or have let yourself or your family down.",
        "Trouble concentrating on things, such as reading the newspaper or watching television.",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety "
        "or restless that you have been moving around a lot more than usual.",
        "Thoughts that you would be better off dead or of hurting yourself in some way.",
    ),
    (
        Band("none-minimal", 0, 4, "none/minimal"),
        Band("mild", 5, 9, "mild"),
        Band("moderate", 10, 14, "moderate"),
        Band("moderately-severe", 15, 19, "moderately severe"),
        Band("severe", 20, 27, "severe"),
    ),
    safety_item=9,
)

GAD7 = Instrument(
    "gad7",
    "GAD-7",
    (
        "Feeling nervous, anxious or on edge.",
        "Not being able to stop or control worrying.",
        "Worrying too much about different things.",
        "Trouble relaxing.",
        "Being so restless that it is hard to sit still.",
        "Becoming easily annoyed or irritable.",
        "Feeling afraid as if something awful might happen.",
    ),
    (
        Band("below-mild", 0, 4, None),
        Band("mild", 5, 9, "mild"),
        Band("moderate", 10, 14, "moderate"),
        Band("severe", 15, 21, "severe"),
    ),
)

INSTRUMENTS = (PHQ9, GAD7)
IDS = tuple(i.id for i in INSTRUMENTS)


class Screen(Struct, frozen=True):
    """One screen as answered: the score of each item (0-3), the closing question's answer, the date."""

    instrument: Instrument
    scores: tuple[int, ...]
    difficulty: str | None  # an id of DIFFICULTY; None when not asked (every answer "not at all") or not given
    date: str  # YYYY-MM-DD

    @property
    def total(self) -> int:
        return sum(self.scores)

    @property
    def band(self) -> Band:
        return self.instrument.band(self.total)

    @property
    def doctor_soon(self) -> bool:
        return self.total >= DOCTOR_SOON

    @property
    def safety_score(self) -> int | None:
        """The answer to the safety item (PHQ-9's ninth), or None for an instrument without one."""
        n = self.instrument.safety_item
        return self.scores[n - 1] if n else None

    @property
    def crisis_first(self) -> bool:
        """Any answer above "not at all" to the safety item: the crisis lines come first, everywhere."""
        return bool(self.safety_score)


def get(name: str) -> Instrument:
    """An instrument by what a person typed: phq9, PHQ-9, gad7, GAD-7 (any case)."""
    wanted = name.strip().casefold().replace("-", "").replace("_", "")
    for i in INSTRUMENTS:
        if i.id == wanted:
            return i
    raise TherapickError(
        t("no screen '{name}'; the screens are: {known}", name=clean(name, 40), known=", ".join(IDS)), USAGE
    )


def take(instrument: Instrument, scores: tuple[int, ...], difficulty: str | None, date: str) -> Screen:
    """A screen from checked scores (``parse_scores``) and a closing answer (``parse_difficulty``)."""
    if len(scores) != len(instrument.items) or any(s not in range(4) for s in scores):
        raise ValueError(f"{instrument.name}: {scores!r}")  # a bug: scores are checked before
    return Screen(instrument, scores, difficulty, date)


def parse_scores(instrument: Instrument, value: object, source: str) -> tuple[int, ...]:
    """The item scores from a list of numbers, or a text of them separated by commas ("0,1,2,...")."""
    where = f"{source}: {instrument.id}"
    n = len(instrument.items)
    if isinstance(value, str):
        parts: list[object] = [p.strip() for p in value.split(",")]
    elif isinstance(value, (list, tuple)):
        parts = list(value)
    else:
        raise TherapickError(
            t("{where} takes {n} answers from 0 to 3, like {example}", where=where, n=n, example=_example(n)), USAGE
        )
    out: list[int] = []
    for p in parts:
        if isinstance(p, bool):
            score = None
        elif isinstance(p, int):
            score = p
        elif isinstance(p, str) and p.isascii() and p.isdigit():
            score = int(p)
        else:
            score = None
        if score is None or score not in range(4):
            raise TherapickError(
                t(
                    "{where}: each answer is a number from 0 (not at all) to 3 (nearly every day), not {value}",
                    where=where,
                    value=value_words(p),
                ),
                USAGE,
            )
        out.append(score)
    if len(out) != n:
        raise TherapickError(
            t(
                "{where} takes {n} answers from 0 to 3, not {got}, like {example}",
                where=where,
                n=n,
                got=len(out),
                example=_example(n),
            ),
            USAGE,
        )
    return tuple(out)


def parse_difficulty(value: object, source: str) -> str | None:
    """The closing question's answer as its id (not-at-all, somewhat, very, extremely), or None if not given."""
    if value is None:
        return None
    ids = [d for d, _ in DIFFICULTY]
    if isinstance(value, str):
        wanted = value.strip().casefold().replace(" ", "-").removesuffix("-difficult")
        if wanted in ids:
            return wanted
    raise TherapickError(
        t(
            "{source}: the difficulty is one of {known}, not {value}",
            source=source,
            known=", ".join(ids),
            value=value_words(value),
        ),
        USAGE,
    )


def parse_given(instrument: Instrument, value: object, source: str) -> tuple[tuple[int, ...], str | None]:
    """A screen's answers as an answers file gives them: a list of scores, or ``{scores: [...], difficulty: ...}``."""
    if isinstance(value, dict):
        unknown = sorted(str(k) for k in value if k not in ("scores", "difficulty"))
        if unknown or "scores" not in value:
            raise TherapickError(
                t(
                    "{source}: {id} takes a list of {n} answers, or scores: and difficulty:",
                    source=source,
                    id=instrument.id,
                    n=len(instrument.items),
                ),
                USAGE,
            )
        return parse_scores(instrument, value["scores"], source), parse_difficulty(value.get("difficulty"), source)
    return parse_scores(instrument, value, source), None


def difficulty_words(difficulty: str | None) -> str | None:
    return dict(DIFFICULTY).get(difficulty) if difficulty else None


def crisis_first(screens: tuple[Screen, ...] | list[Screen]) -> bool:
    """Whether any screen's safety item was answered above "not at all"."""
    return any(s.crisis_first for s in screens)


def doctor_soon(screens: tuple[Screen, ...] | list[Screen]) -> bool:
    """Whether any score is 10 or more: then "talk to your doctor soon" joins the advice."""
    return any(s.doctor_soon for s in screens)


class Outcome(Struct, frozen=True):
    """What ``therapick screen`` shows: the screens, and the lines that go with them."""

    screens: tuple[Screen, ...]
    region: Region | None
    region_how: str  # "you said", "THERAPICK_REGION", "the locale", or "" when unknown
    crisis_lines: tuple[Line, ...]  # the region's crisis lines, when the safety item was answered above 0
    overview: tuple[Overview, ...]  # every region's emergency number and first crisis line, when unknown


def outcome(
    kb: KnowledgeBase, screens: tuple[Screen, ...], region_id: str | None, environ: Mapping[str, str]
) -> Outcome:
    """The screens with the region's crisis lines (when they come first) or, with no region, every region's."""
    rid, how = regions.resolve(kb, region_id, environ)
    region = regions.get(kb, rid)
    first = crisis_first(screens)
    return Outcome(
        screens,
        region,
        how if region else "",
        tuple(crisis_lines(region)) if (first and region) else (),
        tuple(overview(kb)) if region is None else (),
    )


def _example(n: int) -> str:
    return ",".join(["0"] * n)
