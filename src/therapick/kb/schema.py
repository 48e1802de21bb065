"""The knowledge base's schema: typed msgspec structs, and name lookup.

A wrong type, a missing key or an unknown key is reported with its exact
path (``$.interventions[3].fit``) by msgspec. Cross-references between
sections are checked in ``checks.py``; reading a file is ``source.py``.
"""

# No `from __future__ import annotations`: msgspec would have to evaluate every annotation string
# with typing at the first decode (about 10 ms of every read command, bench/startup.py).

import re
from functools import cached_property
from typing import Annotated, Literal

from msgspec import Meta, Struct

from therapick.base.i18n import t

Id = Annotated[str, Meta(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
RegionId = Annotated[str, Meta(pattern=r"^([A-Z]{2}|other)$")]
CountryId = Annotated[str, Meta(pattern=r"^[A-Z]{2}$")]  # ISO 3166-1 alpha-2
OptionId = Annotated[str, Meta(pattern=r"^([a-z0-9]+(-[a-z0-9]+)*|[A-Z]{2})$")]
# Text shown to a person: not blank, and no control characters, no invisible
# format characters (zero-width spaces, right-to-left overrides): an escape
# sequence or a reordering in a custom knowledge base must never reach the
# terminal raw, and a name that looks empty is no name.
_HIDDEN = "\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2069\\ufeff"
TEXT_PATTERN = f"^(?=[^{_HIDDEN}]*$)\\s*[^\\s{_HIDDEN}]"  # linear: no nested scan to backtrack
Text = Annotated[str, Meta(min_length=1, pattern=TEXT_PATTERN)]
Url = Annotated[str, Meta(pattern=r"^https://\S+$")]
Month = Annotated[str, Meta(pattern=r"^\d{4}-\d{2}(-\d{2})?$")]


class _Base(Struct, forbid_unknown_fields=True, dict=True):
    pass


class Disclaimer(_Base):
    short: Text
    full: Text


class Note(_Base):
    id: Id
    title: Text
    text: Text


class Category(_Base):
    id: Id
    name: Text
    summary: Text


class Technique(_Base):
    id: Id
    name: Text
    summary: Text


class Goal(_Base):
    id: Id
    name: Text
    summary: Text


class Scenario(_Base):
    id: Id
    name: Text
    summary: Text
    concerns: list[OptionId]
    interventions: list[Id]


class Resource(_Base):
    """A route to a professional: a service, a register, a directory or a person (a GP)."""

    id: Id
    name: Text
    note: Text
    url: Url | None = None
    area: Text | None = None  # part of the region it applies to ("England"), if not all of it


class Provider(_Base):
    """Who keeps a list of providers trained in one approach, and where it applies."""

    id: Id  # unique in the knowledge base, so a clinic file can replace or remove it
    name: Text
    note: Text
    covers: Annotated[list[RegionId], Meta(min_length=1)]  # region ids; "other" = internationally
    url: Url | None = None


class Gap(_Base):
    """Where a region has no national line for a concern: say so, and where to turn."""

    concerns: Annotated[list[OptionId], Meta(min_length=1)]
    text: Text


class Contact(_Base):
    method: Literal["call", "text", "chat", "email", "tty", "web", "whatsapp"]
    value: Text
    as_letters: Text | None = None
    keyword: Text | None = None
    note: Text | None = None

    def words(self) -> str:
        """ "call 988", "text HOME to 741741": in the chosen language, looked up when called."""
        if self.method == "text" and self.keyword:
            out = t("text {keyword} to {value}", keyword=self.keyword, value=self.value)
        else:
            verb = {
                "call": t("call {value}", value=self.value),
                "text": t("text {value}", value=self.value),
                "chat": t("chat at {value}", value=self.value),
                "email": t("email {value}", value=self.value),
                "tty": t("TTY {value}", value=self.value),
                "web": t("website {value}", value=self.value),
                "whatsapp": t("WhatsApp {value}", value=self.value),
            }
            out = verb[self.method]
        if self.as_letters:
            out += f" ({self.as_letters})"
        if self.note:
            out += f" ({self.note})"
        return out


class ShowFor(_Base):
    """When a support line is relevant to a person's answers.

    ``always``, or: one of ``concerns`` was given and (when ``who`` is not
    empty) the support is for one of ``who``. An empty ``show_for`` means the
    line is listed by ``hotlines`` and the export but not matched to answers.
    """

    always: bool = False
    concerns: list[OptionId] = []
    who: list[OptionId] = []
    groups: list[OptionId] = []  # options of the optional "groups" question (veterans, ...)


class Line(_Base):
    id: Id
    name: Text
    contact: Annotated[list[Contact], Meta(min_length=1)]
    purpose: Text
    hours: Text
    url: Url  # the line's own page, where the contact was checked
    checked: Month
    show_for: ShowFor
    contact_text: Text | None = None  # optional; shown text is made from `contact` (checks.py compares)
    crisis: bool = False
    young: bool = False  # a line for children and young people: first when the support is for one
    in_language: Text | None = None  # how to get help in the reader's language (from the translation file)
    area: Text | None = None  # part of the region it serves ("England"), if not all of it

    def contact_kinds(self) -> set[str]:
        return {c.method for c in self.contact}

    def first_contact_words(self) -> str:
        """The first way to reach the line, in short ("call or text 988", "call 116 123"): for a compact list."""
        first = self.contact[0]
        nxt = self.contact[1] if len(self.contact) > 1 else None
        if first.method == "call" and nxt and nxt.method == "text" and nxt.value == first.value and not nxt.keyword:
            return t("call or text {value}", value=first.value)
        if first.method == "web":  # "findahelpline.com" says what it is
            return first.value
        return Contact(first.method, first.value, keyword=first.keyword).words()

    def contact_words(self) -> str:
        """How to reach the line, in words made from the structured contact (so they cannot disagree)."""
        parts: list[str] = []
        items = list(self.contact)
        n = 0
        while n < len(items):
            c = items[n]
            nxt = items[n + 1] if n + 1 < len(items) else None
            plain = not (c.as_letters or c.keyword or c.note)
            if (
                c.method == "call"
                and nxt
                and nxt.method == "text"
                and nxt.value == c.value
                and plain
                and not (nxt.as_letters or nxt.keyword or nxt.note)
            ):
                parts.append(t("call or text {value}", value=c.value))
                n += 2
                continue
            parts.append(c.words())
            n += 1
        return "; ".join(parts)


class Region(_Base):
    id: RegionId
    name: Text
    emergency: Text
    lines: Annotated[list[Line], Meta(min_length=1)]
    emergency_note: Text | None = None
    resources: list[Resource] = []  # routes to a professional in this region, shown first
    gaps: list[Gap] = []
    names: list[Text] = []  # other names people type for it ("UK", "Reino Unido"): matched, never shown
    # Where no crisis line is confirmed open 24/7: say so, and what to do instead (shown with the
    # crisis lines; validate then does not warn about their hours, as a gap note answers a concern).
    crisis_gap: Text | None = None


class Country(_Base):
    """A country's emergency number where the checked facts hold it: for a person "somewhere else"."""

    id: CountryId
    name: Text
    emergency: Text  # the number, or words ("the local emergency number") where none is confirmed
    url: Url  # where the number was checked
    checked: Month
    emergency_note: Text | None = None  # its limits: where it is confirmed, what else to call
    names: list[Text] = []  # other names people type (English and Spanish): matched, never shown


class Option(_Base):
    id: OptionId
    label: Text
    phrase: Text
    risk: bool = False  # choosing it puts the region's crisis line above the suggestions


class Variant(_Base):
    """Other wording for a question when the support is for one of ``who``."""

    who: Annotated[list[OptionId], Meta(min_length=1)]
    text: Text
    said: Text | None = None


class OptionWords(_Base):
    """Words in a person's own description that point to one option (``therapick ask --describe``).

    Phrases in English and in Spanish, matched on word stems with small typing mistakes allowed
    (``advice/describe.py``); a word written ``=word`` is matched as written. ``ages``: the ages
    (in years, both ends included) that point to this option when a description states one.
    """

    en: list[Text] = []
    es: list[Text] = []
    ages: Annotated[list[Annotated[int, Meta(ge=0, le=150)]], Meta(min_length=2, max_length=2)] | None = None


class Question(_Base):
    id: Id
    kind: Literal["confirm", "one", "many"]
    text: Text
    said: Text
    required: bool = False
    default: bool | str | None = None
    options: list[Option] = []
    variants: list[Variant] = []
    hint: Text | None = None  # shown under the question ("optional: press enter to skip")
    words: dict[OptionId, OptionWords] = {}  # what in a description points to each option

    @cached_property
    def option_ids(self) -> list[str]:
        return [o.id for o in self.options]

    def option(self, option_id: str) -> Option:
        for o in self.options:
            if o.id == option_id:
                return o
        raise KeyError(option_id)


class Scoring(_Base):
    half_points: Annotated[float, Meta(gt=0, le=1000)]  # finite: an infinity would make every score 0
    strong: Annotated[float, Meta(ge=0, le=1)]
    good: Annotated[float, Meta(ge=0, le=1)]


class Questionnaire(_Base):
    welcome: Text
    scoring: Scoring
    questions: list[Question]

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def find(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def label(self, question_id: str, option_id: str) -> str:
        """The words of an option as the questionnaire shows them."""
        return self.question(question_id).option(option_id).label


class Evidence(_Base):
    """What a source says: a rating in its own words (quoted), or a finding in ours (not quoted),
    its own page, and what it means in plain words."""

    id: Id  # unique in the knowledge base, so a clinic file can replace or remove it
    source: Text
    rating: Text | None = None  # the source's own words, shown in quotation marks
    finding: Text | None = None  # what the source found, in our words (never shown as a quote)
    url: Url | None = None
    meaning: Text | None = None  # the scale in plain words ("the highest of its five levels")
    note: Text | None = None  # scope or framing ("rates Child-Centered Play Therapy only")


Basis = Literal["design", "seed", "evidence", "specialists"]


class Fit(_Base):
    points: Annotated[int, Meta(ge=-10, le=10)]
    why: Text
    # What backs the reason: "design" (worded as what the approach is designed
    # to do), or the checked source it carries over ("evidence" = the checked
    # evidence facts, "seed" = the overview).
    basis: Basis = "design"
    who: list[OptionId] = []  # shown (and counted) only when the support is for one of these


class Intervention(_Base):
    id: Id
    name: Text
    category: Id
    summary: Text
    involves: Text
    what_to_expect: Text
    for_whom: Text
    techniques: list[Id]
    evidence: Annotated[list[Evidence], Meta(min_length=1)]
    fit: dict[Id, dict[OptionId, Fit]]
    abbreviation: Text | None = None
    aliases: list[Text] = []
    providers: list[Provider] = []

    @property
    def label(self) -> str:
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name

    def fits(self, question_id: str) -> list[str]:
        """Option ids of a question this intervention earns points for."""
        return [k for k, f in self.fit.get(question_id, {}).items() if f.points > 0]


class OtherTherapy(_Base):
    """A therapy people look for that is not one of the knowledge base's interventions: ``show`` says
    so plainly, with ``note`` (a checked fact about it, with its source) where there is one."""

    id: Id
    name: Text
    aliases: list[Text] = []
    note: Text | None = None
    url: Url | None = None  # the page ``note`` comes from


class PlanStep(_Base):
    id: Id
    title: Text
    prompt: Text
    hint: Text | None = None
    lines: bool = False  # also list the region's emergency number and crisis lines


class SafetyPlan(_Base):
    intro: Text
    source: Text
    steps: Annotated[list[PlanStep], Meta(min_length=1)]


class Timing(_Base):
    """A paced-breathing rhythm, in the source's numbers: seconds, or counts when ``counted``."""

    breathe_in: Annotated[int, Meta(ge=1, le=20)]
    breathe_out: Annotated[int, Meta(ge=1, le=20)]
    hold: Annotated[int, Meta(ge=0, le=20)] = 0
    pause: Annotated[int, Meta(ge=0, le=20)] = 0  # after breathing out
    counted: bool = False  # the source counts ("counting 1 to 5") rather than timing in seconds
    rounds: Annotated[int, Meta(ge=1, le=200)] = 10  # rounds the on-screen guide runs


class PracticeStep(_Base):
    text: Text
    prompt: Text | None = None  # a prompt to answer in writing (a thought record's)


class Practice(_Base):
    """A short self-help practice from a checked source (shared/facts/practices.md)."""

    id: Id
    fact: Annotated[str, Meta(pattern=r"^P[0-9]+$")]  # its row in the facts file
    name: Text
    technique: Text  # the overview's technique it belongs to
    kind: Literal["breathing", "steps", "record"]  # a timed guide, steps to follow, or prompts to write
    summary: Text
    steps: Annotated[list[PracticeStep], Meta(min_length=1)]
    source: Text
    url: Url
    status: Text  # "own page" or "copy" (the publisher's words read on another site)
    checked: Month
    time: Text | None = None  # only where the source gives one
    cautions: list[Text] = []  # who it is for, and the source's cautions
    timing: Timing | None = None
    source_language: Literal["en", "es"] = "en"
    interventions: list[Id] = []  # the interventions a source ties it to
    tie: Text | None = None  # which source ties it, in words


class KnowledgeBase(_Base):
    schema_version: Literal[1]
    updated: Text
    disclaimer: Disclaimer
    notes: list[Note]
    categories: Annotated[list[Category], Meta(min_length=1)]
    techniques: list[Technique]
    goals: list[Goal]
    scenarios: list[Scenario]
    resources: list[Resource]
    regions: Annotated[list[Region], Meta(min_length=1)]
    questionnaire: Questionnaire
    interventions: Annotated[list[Intervention], Meta(min_length=1)]
    professional_questions: list[Text] = []  # questions to bring to a professional (in the report)
    safety_plan: SafetyPlan | None = None
    other_therapies: list[OtherTherapy] = []  # names people look for that are not interventions here
    practices: list[Practice] = []  # short practices to try now (``therapick practice``)
    countries: list[Country] = []  # emergency numbers of countries, for a person "somewhere else"

    @cached_property
    def by_id(self) -> dict[str, Intervention]:
        return {i.id: i for i in self.interventions}

    @cached_property
    def categories_by_id(self) -> dict[str, Category]:
        return {c.id: c for c in self.categories}

    @cached_property
    def techniques_by_id(self) -> dict[str, Technique]:
        return {t.id: t for t in self.techniques}

    @cached_property
    def regions_by_id(self) -> dict[str, Region]:
        return {r.id: r for r in self.regions}

    @cached_property
    def countries_by_id(self) -> dict[str, Country]:
        return {c.id: c for c in self.countries}

    @cached_property
    def place_index(self) -> dict[str, tuple[str, str | None]]:
        """Normalised name of a place (``place_key``) -> (region id, country id or None).

        A region is found by its id, its name, its other names and its label in the region
        question; a country of the table by its id, name and other names. A country that is a
        region is its region; any other is region "other" with that country. Regions first.
        """
        index: dict[str, tuple[str, str | None]] = {}
        region_q = next((q for q in self.questionnaire.questions if q.id == "region"), None)
        labels = {o.id: o.label for o in region_q.options} if region_q else {}
        for r in self.regions:
            for name in (r.id, r.name, labels.get(r.id, ""), *r.names):
                key = place_key(name)
                if key:
                    index.setdefault(key, (r.id, None))
        regions = {r.id for r in self.regions}
        for c in self.countries:
            place = (c.id, None) if c.id in regions else ("other", c.id)
            for name in (c.id, c.name, *c.names):
                key = place_key(name)
                if key:
                    index.setdefault(key, place)
        return index

    @cached_property
    def name_index(self) -> dict[str, str]:
        """Normalised name, abbreviation or alias -> intervention id."""
        index: dict[str, str] = {}
        for i in self.interventions:
            for key in names_of(i):
                index.setdefault(key, i.id)
        return index

    @cached_property
    def other_index(self) -> dict[str, OtherTherapy]:
        """Normalised name or alias of a therapy this knowledge base does not cover -> that therapy."""
        index: dict[str, OtherTherapy] = {}
        for o in self.other_therapies:
            bare = re.sub(r"\s*\([^)]*\)", "", o.name)  # "Interpersonal therapy (IPT)": also without "(IPT)"
            for key in (normalise(x) for x in (o.id, o.name, bare, *o.aliases)):
                if key:
                    index.setdefault(key, o)
        return index

    def find(self, name: str) -> Intervention | None:
        """The intervention called ``name`` (id, name, abbreviation or alias)."""
        key = normalise(name)
        found = self.name_index.get(key) if key else None
        return self.by_id[found] if found else None


_SPELLING = (("our", "or"), ("centre", "center"), ("programme", "program"), ("isation", "ization"))
_NOT_ALNUM = re.compile(r"[\W_]+")
GENERIC_WORDS = r"therap(y|ies)|interventions?|approach|treatment"  # not matched when a name is not found


def normalise(name: str) -> str:
    """Fold case, accents, spaces, hyphens, punctuation and British/American spelling."""
    key = name.casefold()
    if not key.isascii():  # only then can there be accents to fold (a name at a time: large files, bench)
        import unicodedata

        key = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
    for british, american in _SPELLING:
        key = key.replace(british, american)
    return _NOT_ALNUM.sub("", key)


_ARTICLE = re.compile(r"^(the|el|la|los|las)\s+")


def place_key(name: str) -> str:
    """A place's name as people type it, folded: case, accents, spaces, dots, a leading article.

    "G B", " uk ", "U.K." -> "gb"/"uk"; "Éire" -> "eire"; "the Netherlands" -> "netherlands".
    """
    import unicodedata

    key = "".join(c for c in unicodedata.normalize("NFKD", name.casefold().strip()) if not unicodedata.combining(c))
    return _NOT_ALNUM.sub("", _ARTICLE.sub("", key))


def names_of(i: Intervention) -> list[str]:
    raw = [i.id, i.name, *(i.aliases)]
    if i.abbreviation:
        raw.append(i.abbreviation)
    return [k for k in (normalise(r) for r in raw) if k]
