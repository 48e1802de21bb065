"""The JSON contract: the shape of every command's ``--json`` output. Types only.

Each command's shape is a msgspec Struct below (``*Out``), every document
carries ``schema_version``, and the same thing has the same field names
wherever it appears (a line's link is ``url`` everywhere; an intervention's
category is ``category`` and ``category_name`` everywhere). ``docs/json/``
holds the JSON Schema of each, generated from these types by ``python
tools/json_schema.py --write`` (``--check`` in CI), and the tests validate
real output against it. A field is only ever added in a compatible way;
removing or renaming one raises ``SCHEMA_VERSION``. With ``--json``, a
failure is an ``ErrorOut`` on stdout (and one plain line on stderr) with
the command's usual exit code. Every document carries the ``disclaimer``
key.

Why this module is over 400 lines: it is the whole published contract, one
Struct per shape with a docstring per field group, and nothing else; the
builders that fill it from the knowledge base are in ``export``. Splitting
the types across files would split the one page a script author reads.
"""

from __future__ import annotations

from typing import Any

from msgspec import Struct

SCHEMA_VERSION = 2  # raised when a field is removed or renamed, or changes meaning (2: ranking by evidence)

# --------------------------------------------------------------------------
# The JSON contract


class _Out(Struct, forbid_unknown_fields=True):
    """A part of the contract: its schema lists every field and allows no others."""


class ContactOut(_Out, omit_defaults=True):
    """One way to reach a line: ``method`` is call, text, chat, email, ...; ``value`` what to dial or open."""

    method: str
    value: str
    as_letters: str | None = None
    keyword: str | None = None
    note: str | None = None


class LineOut(_Out):
    """A support line. ``contact_text`` is made from ``contact``, so they always agree; ``url`` is its own page."""

    id: str
    name: str
    region: str
    contact: list[ContactOut]
    contact_text: str  # made from `contact`, so they always agree
    purpose: str
    hours: str
    crisis: bool
    young: bool
    area: str | None
    url: str
    checked: str
    why: str | None = None  # ask only: why it was shown


class ResourceOut(_Out):
    """A way to find a professional; ``region`` is None when it holds everywhere."""

    id: str
    name: str
    note: str
    url: str | None
    area: str | None
    region: str | None  # None: holds everywhere


class RegionOut(_Out):
    """A region: its emergency number, its lines, the concerns it has no line for, and where to find help."""

    id: str
    name: str
    emergency: str
    emergency_note: str | None
    lines: list[LineOut]
    gaps: list[str]
    resources: list[ResourceOut]
    crisis_gap: str | None = None  # why no crisis line is confirmed open 24/7, and what to do instead


class CountryOut(_Out):
    """A country's emergency number from the country table, with its limits, source and check date."""

    id: str
    name: str
    emergency: str
    emergency_note: str | None
    url: str
    checked: str


class EvidenceOut(_Out):
    """A rating in its source's own words (``rating``, quoted) or a finding in therapick's words
    (``finding``, not a quote), and what it means in plain words."""

    source: str
    rating: str | None
    finding: str | None
    meaning: str | None
    note: str | None
    url: str | None
    id: str  # unique in the knowledge base


class SituationOut(_Out):
    """What a named source says about an approach for a situation: what a suggestion rests on.

    ``says``: offer, strong, recommends (strength not in the checked facts), consider, rated,
    unevaluated, not-listed, not-routine or no-added-effect. ``status``: "seen" (its own words
    were read) or "named" (described in therapick's words, never quoted). ``rating`` (quoted)
    and ``level`` (1 the highest of its scale) only for a rating.
    """

    id: str
    says: str
    by: str
    situation: str
    summary: str
    status: str
    source: str | None
    url: str | None
    rating: str | None
    level: int | None
    named: str | None
    closest: str | None
    note: str | None
    forms: list[str]
    concerns: list[str]
    who: list[str]


class ProviderOut(_Out):
    """A body that lists trained providers of one intervention."""

    intervention: str
    name: str
    note: str
    covers: list[str]
    url: str | None
    local: bool | None  # covers the person's region; None when no region is known
    id: str  # unique in the knowledge base


class TechniqueRef(_Out):
    """A technique an intervention uses."""

    id: str
    name: str


class InterventionOut(_Out):
    """One intervention, as ``show`` and ``list`` give it."""

    id: str
    name: str
    abbreviation: str | None
    label: str
    aliases: list[str]
    category: str
    category_name: str
    summary: str
    involves: str
    what_to_expect: str
    for_whom: str
    who: list[str]
    techniques: list[TechniqueRef]
    concerns: list[str]
    goals: list[str]
    evidence: list[EvidenceOut]
    providers: list[ProviderOut]
    situations: list[SituationOut] = []  # what named sources say about it, situation by situation
    limited_evidence_for: list[str] = []  # concerns it is ranked for by design alone


class ShowOut(_Out):
    """``therapick show NAME --json``."""

    schema_version: int
    disclaimer: str
    intervention: InterventionOut


class CategoryRef(_Out):
    """A category and the ids of its interventions in this list."""

    id: str
    name: str
    interventions: list[str]


class ListOut(_Out):
    """``therapick list --json``."""

    schema_version: int
    disclaimer: str
    categories: list[CategoryRef]
    interventions: list[InterventionOut]


class HotlinesOut(_Out):
    """``therapick hotlines --json``."""

    schema_version: int
    disclaimer: str
    regions: list[RegionOut]
    countries: list[CountryOut] = []  # with "other" (or every region): emergency numbers by country


class EmergencyOut(_Out):
    """A region's emergency number; somewhere else ("other"), the country's when the table holds it."""

    region: str
    region_name: str
    number: str
    note: str | None
    country: str | None = None  # the country whose number this is, for region "other"


class OverviewOut(_Out):
    """One region's emergency number and its first crisis line (when the region is not known)."""

    emergency: EmergencyOut
    line: LineOut


class HelpNowOut(_Out):
    """``therapick help-now --json``: crisis lines for the region, or every region's when it is not known."""

    schema_version: int
    disclaimer: str
    region: str | None  # None: not known, so `overview` lists every region
    region_how: str | None
    emergency: EmergencyOut | None
    crisis_lines: list[LineOut]
    overview: list[OverviewOut]
    country: CountryOut | None = None  # somewhere else: the country, when the table holds it
    country_asked: str | None = None  # a country named that the table does not hold


class ReasonOut(_Out):
    """One reason a suggestion was made: the answer (question id, option id), its points, and in words."""

    question: str
    option: str
    points: int
    text: str


class PreferenceOut(_Out):
    """A way of working the person asked for that belongs to this (lower-tier) option, told straight."""

    option: str  # the preference's option id
    text: str  # in words
    above: list[str]  # the ids of the first-ranked option(s), which the evidence points to first


class SuggestionOut(_Out):
    """One ranked suggestion, with what it rests on and why it was made.

    Since version 2: ``rank`` is shared by suggestions of equal standing and fit (``tied``);
    ``strength`` is what the suggestion rests on for ``concern`` (offer, strong, recommends,
    consider, rated, designed, unevaluated, not-listed, or answers: it fits only goals,
    readiness or preferences), ``tier`` its place (1 the strongest), and ``strength_words``
    that in words; ``group`` says whether ``concern`` is the main one; ``rests_on`` holds the
    sources behind it; ``points`` are fit points, which order options within a tier only.
    """

    rank: int
    tied: bool
    id: str
    name: str
    abbreviation: str | None
    label: str
    category: str
    category_name: str
    strength: str
    strength_words: str
    tier: int
    group: str  # "main-concern", "other-concern" or "answers"
    concern: str | None
    rests_on: list[SituationOut]
    preference: PreferenceOut | None
    points: int
    reasons: list[ReasonOut]
    why: list[str]  # the reasons as shown: sources first, then the fit
    summary: str
    what_to_expect: str
    evidence: list[EvidenceOut]


class NoGoodFitOut(_Out):
    """A situation in the answers that none of the approaches fits well, and where to turn."""

    id: str
    concern: str
    situation: str
    summary: str
    status: str
    source: str | None
    url: str | None
    text: str  # in words, as the screen says it
    route: str  # where to turn, in words
    lines: list[str]  # ids of the region's lines for the concern (in `hotlines`)


class NoteOut(_Out):
    """Something good to know about therapy."""

    title: str
    text: str


class ScreenItemOut(_Out):
    """One item of a screen, in the instrument's own words, with its answer (0-3) and the scale's words."""

    number: int
    text: str
    score: int
    words: str


class BandOut(_Out):
    """A band of totals; ``words`` in the source's words, or null where the facts name none (GAD-7 0-4)."""

    id: str
    low: int
    high: int
    words: str | None
    text: str  # the band as therapick shows it


class SafetyItemOut(_Out):
    """PHQ-9's ninth item. Any answer above 0 puts the crisis lines first; an answer of 0 does not rule out risk."""

    number: int
    score: int
    words: str
    crisis_lines_first: bool
    text: str


class ScreenOut(_Out):
    """One screen as answered: the total, its band, what it means, the date, and every item."""

    id: str  # phq9 or gad7
    name: str
    about: str
    date: str
    total: int
    maximum: int
    band: BandOut
    meaning: str
    talk_to_doctor_soon: bool  # 10 or more
    safety_item: SafetyItemOut | None  # PHQ-9 only
    difficulty: str | None  # not-at-all, somewhat, very, extremely; null when not asked or not given
    difficulty_words: str | None
    items: list[ScreenItemOut]


class ScreensOut(_Out):
    """The validated screens (PHQ-9, GAD-7): a screen to discuss with a professional, never a diagnosis.

    ``version`` is this part's own version, raised when its shape changes."""

    version: int
    note: str
    source: str
    language_notes: list[str]
    talk_to_doctor_soon: bool  # any score of 10 or more
    crisis_lines_first: bool  # the ninth item answered above "not at all"
    results: list[ScreenOut]


class ScreenCommandOut(_Out):
    """``therapick screen NAME --json``. When the ninth item calls for them, ``crisis_lines`` come first."""

    schema_version: int
    crisis_lines: list[LineOut]  # first: the region's crisis lines when the ninth item was answered above 0
    disclaimer: str
    region: str | None
    region_how: str | None
    emergency: EmergencyOut | None
    overview: list[OverviewOut]  # every region's first crisis line, when the region is not known
    screens: ScreensOut


class DescriptionOut(_Out):
    """What the person's own words (``--describe``) matched. ``text`` is the words themselves, only
    with ``--include-text``; ``crisis_words`` means the crisis lines come first (``crisis_lines``)."""

    crisis_words: bool
    crisis_rows: list[str]  # rows of the checked crisis-words facts matched (E1..E18, S1..S15)
    imminent: bool  # a time, a plan, a method or a place named with them
    emergency_note: str | None  # then: the emergency number is the fastest help
    concerns: list[str]
    who: str | None
    answered: list[str]  # the questions it answered because no one was there to confirm
    text: str | None


class PracticeRef(_Out):
    """A practice to try now, and the source that ties it to a suggested approach."""

    id: str
    name: str
    interventions: list[str]
    tie: str | None
    command: str


class AskOut(_Out):
    """``therapick ask --json``. When the answers point to risk, ``crisis_lines`` come first."""

    schema_version: int
    crisis_lines: list[LineOut]  # first: the region's crisis lines when the answers point to risk
    disclaimer: str
    crisis: bool
    at_risk: bool
    region: str | None
    region_how: str | None
    emergency: EmergencyOut | None
    overview: list[OverviewOut]  # every region's first crisis line, when the region is not known
    answers: dict[str, Any]
    main_concern: str | None  # the concern ranked for first; None: several, and none said to matter most
    no_good_fit: list[NoGoodFitOut]  # said before the suggestions
    suggestions: list[SuggestionOut]
    more_suggestions: int
    not_suggested_for_this_group: list[str]
    hotlines: list[LineOut]
    gaps: list[str]
    resources: list[ResourceOut]
    providers: list[ProviderOut]
    notes: list[NoteOut]
    professional_questions: list[str]
    screens: ScreensOut | None = None  # PHQ-9 and GAD-7 when answered; null when not (its own `version`)
    description: DescriptionOut | None = None  # what the person's own words matched
    practices: list[PracticeRef] = []  # practices a source ties to a suggestion (none in a crisis)
    country: CountryOut | None = None  # somewhere else: the country, when the table holds it
    country_asked: str | None = None  # a country named that the table does not hold


class PracticeStepOut(_Out):
    """One step of a practice; ``prompt`` is what a record asks the person to write."""

    text: str
    prompt: str | None


class TimingOut(_Out):
    """A breathing rhythm: seconds, or counts when ``counted``."""

    breathe_in: int
    hold: int
    breathe_out: int
    pause: int
    counted: bool


class PracticeOut(_Out):
    """A practice to try now, with its source (own page or copy), check date, time and cautions."""

    id: str
    fact: str  # its row in the checked facts (P1..P19)
    name: str
    technique: str
    kind: str
    summary: str
    steps: list[PracticeStepOut]
    time: str | None  # only where the source gives one
    cautions: list[str]
    timing: TimingOut | None
    source: str
    source_language: str
    url: str
    status: str
    checked: str
    interventions: list[str]
    tie: str | None


class PracticesOut(_Out):
    """``therapick practice --json`` (every practice) and ``practice NAME --json`` (one)."""

    schema_version: int
    disclaimer: str
    practices: list[PracticeOut]


class ProblemOut(_Out):
    """One problem in a knowledge-base file: what, where (path and line), and whether only a warning.
    ``file`` is the file it is in when that is not ``path`` of the verdict (a file it extends, or its
    translation), else null."""

    message: str
    path: str | None
    line: int | None
    warning: bool
    file: str | None = None


class ValidateOut(_Out):
    """``therapick validate --json``. ``counts`` is None when the file could not be read as a whole."""

    schema_version: int
    path: str
    valid: bool
    problems: list[ProblemOut]
    counts: dict[str, int] | None


class ErrorDetail(_Out):
    """What went wrong, and the exit code the command returns."""

    message: str
    exit_code: int


class ErrorOut(_Out, omit_defaults=True):
    """What a command given ``--json`` prints on stdout when it fails.

    ``help-now`` and ``ask --crisis`` show the crisis lines whatever failed:
    ``crisis`` holds them (as ``help-now --json`` gives them; from the bundled
    knowledge base when the configured one could not be used).
    """

    schema_version: int
    error: ErrorDetail
    crisis: HelpNowOut | None = None


CONTRACT: dict[str, type] = {
    "ask": AskOut,
    "show": ShowOut,
    "list": ListOut,
    "hotlines": HotlinesOut,
    "help-now": HelpNowOut,
    "validate": ValidateOut,
    "error": ErrorOut,
    "screen": ScreenCommandOut,
    "practice": PracticesOut,
}
