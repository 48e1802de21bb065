"""Markdown, JSON and YAML text for every surface. Pure: data in, text out.

JSON output is one documented, versioned contract: each command's shape is
a msgspec Struct below (``*Out``), every document carries
``schema_version``, and the same thing has the same field names wherever it
appears (a line's link is ``url`` everywhere; an intervention's category
is ``category`` and ``category_name`` everywhere). ``docs/json/`` holds the
JSON Schema of each, generated from these types by ``python
tools/json_schema.py --write`` (``--check`` in CI), and the tests validate
real output against it. A field is only ever added in a compatible way;
removing or renaming one raises ``SCHEMA_VERSION``. With ``--json``, a
failure is an ``ErrorOut`` on stdout (and one plain line on stderr) with
the command's usual exit code.

Every document carries the disclaimer: the full text in the Markdown export
and the saved report, the ``disclaimer`` key in every JSON object.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec
from msgspec import Struct

from therapick.base.i18n import t
from therapick.kb import questions as Q
from therapick.kb.schema import (
    Country,
    Evidence,
    Intervention,
    KnowledgeBase,
    Line,
    Practice,
    Region,
    Resource,
    Situation,
)
from therapick.output import own_words
from therapick.output import words as wording

if TYPE_CHECKING:
    from therapick.advice.crisis import HelpNow
    from therapick.advice.plan import Plan
    from therapick.advice.rank import Suggestion
    from therapick.advice.result import Result, Uncovered
    from therapick.advice.safety import LineMatch, Overview, ProviderRoute
    from therapick.advice.screens import Outcome, Screen
    from therapick.kb.verdict import Report

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


def to_json(data: Any) -> str:
    return msgspec.json.format(msgspec.json.encode(data), indent=2).decode("utf-8") + "\n"


# --------------------------------------------------------------------------
# Building the contract's documents


def line_out(line: Line, region: Region, why: str | None = None) -> LineOut:
    contact = [ContactOut(c.method, c.value, c.as_letters, c.keyword, c.note) for c in line.contact]
    return LineOut(
        line.id,
        line.name,
        region.id,
        contact,
        line.contact_words(),
        line.purpose,
        line.hours,
        line.crisis,
        line.young,
        line.area,
        line.url,
        line.checked,
        why,
    )


def resource_out(r: Resource, region: Region | None) -> ResourceOut:
    return ResourceOut(r.id, r.name, r.note, r.url, r.area, region.id if region else None)


def region_out(region: Region) -> RegionOut:
    return RegionOut(
        region.id,
        region.name,
        region.emergency,
        region.emergency_note,
        [line_out(line, region) for line in region.lines],
        [g.text for g in region.gaps],
        [resource_out(r, region) for r in region.resources],
        region.crisis_gap,
    )


def country_out(c: Country) -> CountryOut:
    return CountryOut(c.id, c.name, c.emergency, c.emergency_note, c.url, c.checked)


def emergency_out(region: Region, country: Country | None = None) -> EmergencyOut:
    if country is not None and region.id == "other":
        return EmergencyOut(region.id, region.name, country.emergency, country.emergency_note, country.id)
    return EmergencyOut(region.id, region.name, region.emergency, region.emergency_note)


def overview_out(o: Overview) -> OverviewOut:
    return OverviewOut(emergency_out(o.region), line_out(o.line, o.region))


def evidence_out(e: Evidence) -> EvidenceOut:
    return EvidenceOut(e.source, e.rating, e.finding, e.meaning, e.note, e.url, e.id)


def situation_out(e: Situation) -> SituationOut:
    return SituationOut(
        e.id,
        e.says,
        e.by,
        e.situation,
        e.summary,
        e.status,
        e.source,
        e.url,
        e.rating,
        e.level,
        e.named,
        e.closest,
        e.note,
        list(e.forms),
        list(e.concerns),
        list(e.who),
    )


GROUPS = ("main-concern", "other-concern", "answers")


def suggestion_out(kb: KnowledgeBase, s: Suggestion) -> SuggestionOut:
    i, st, p = s.intervention, s.standing, s.preference
    preference = PreferenceOut(p.option, wording.preference_words(kb, s) or "", [x.id for x in p.above]) if p else None
    return SuggestionOut(
        s.rank,
        s.tied,
        i.id,
        i.name,
        i.abbreviation,
        i.label,
        i.category,
        kb.categories_by_id[i.category].name,
        st.says,
        wording.label(kb, s),
        st.tier,
        GROUPS[s.group],
        st.concern,
        [situation_out(e) for e in st.entries],
        preference,
        s.points,
        [ReasonOut(r.question, r.option, r.points, r.text) for r in s.reasons],
        wording.why_lines(kb, s),
        i.summary,
        i.what_to_expect,
        [evidence_out(e) for e in i.evidence],
    )


def no_good_fit_out(kb: KnowledgeBase, u: Uncovered) -> NoGoodFitOut:
    e = u.entry
    return NoGoodFitOut(
        e.id,
        u.concern,
        e.situation,
        e.summary,
        e.status,
        e.source,
        e.url,
        wording.no_good_fit_words(kb, u),
        wording.no_good_fit_route(kb, u),
        [line.id for line in u.lines],
    )


def provider_out(p: ProviderRoute, region_known: bool) -> ProviderOut:
    return ProviderOut(
        p.intervention.id,
        p.provider.name,
        p.provider.note,
        list(p.provider.covers),
        p.provider.url,
        p.local if region_known else None,
        p.provider.id,
    )


def intervention_out(kb: KnowledgeBase, i: Intervention, region: Region | None = None) -> InterventionOut:
    from therapick.advice.safety import provider_routes

    return InterventionOut(
        i.id,
        i.name,
        i.abbreviation,
        i.label,
        list(i.aliases),
        i.category,
        kb.categories_by_id[i.category].name,
        i.summary,
        i.involves,
        i.what_to_expect,
        i.for_whom,
        list(i.fit.get(Q.WHO, {})),
        [TechniqueRef(t, kb.techniques_by_id[t].name) for t in i.techniques],
        i.fits(Q.CONCERNS),
        i.fits(Q.GOALS),
        [evidence_out(e) for e in i.evidence],
        [provider_out(p, region is not None) for p in provider_routes(region, [i])],
        [situation_out(e) for e in i.situations],
        list(i.limited_evidence_for),
    )


def intervention_doc(kb: KnowledgeBase, i: Intervention, region: Region | None = None) -> ShowOut:
    return ShowOut(SCHEMA_VERSION, kb.disclaimer.short, intervention_out(kb, i, region))


def list_dict(kb: KnowledgeBase, items: list[Intervention]) -> ListOut:
    used = {i.category for i in items}
    return ListOut(
        SCHEMA_VERSION,
        kb.disclaimer.short,
        [CategoryRef(c.id, c.name, [i.id for i in items if i.category == c.id]) for c in kb.categories if c.id in used],
        [intervention_out(kb, i) for i in items],
    )


def hotlines_dict(kb: KnowledgeBase, regions: list[Region]) -> HotlinesOut:
    countries = [country_out(c) for c in kb.countries] if any(r.id == "other" for r in regions) else []
    return HotlinesOut(SCHEMA_VERSION, kb.disclaimer.short, [region_out(r) for r in regions], countries)


def help_now_dict(kb: KnowledgeBase, found: HelpNow) -> HelpNowOut:
    r = found.region
    return HelpNowOut(
        SCHEMA_VERSION,
        kb.disclaimer.short,
        r.id if r else None,
        found.how or None,
        emergency_out(r, found.country) if r else None,
        [line_out(line, r) for line in found.lines] if r else [],
        [overview_out(o) for o in found.overview],
        country_out(found.country) if found.country else None,
        found.country_asked,
    )


def error_dict(message: str, exit_code: int, crisis: HelpNowOut | None = None) -> ErrorOut:
    """A failure with --json; ``crisis``: the crisis lines shown before it (help-now, ask --crisis)."""
    return ErrorOut(SCHEMA_VERSION, ErrorDetail(message, exit_code), crisis)


def validate_dict(report: Report) -> ValidateOut:
    return ValidateOut(
        SCHEMA_VERSION,
        report.path,
        report.valid,
        [ProblemOut(p.message, p.path or None, p.line, p.warning, p.file) for p in report.problems],
        report.counts,
    )


def _match_out(m: LineMatch) -> LineOut:
    return line_out(m.line, m.region, m.why)


def result_dict(kb: KnowledgeBase, result: Result) -> AskOut:
    """The results of ``ask --json``. When the answers point to risk, crisis lines come first."""
    region = result.region
    return AskOut(
        schema_version=SCHEMA_VERSION,
        crisis_lines=[line_out(line, region) for line in result.crisis_lines] if region else [],
        disclaimer=kb.disclaimer.full,
        crisis=result.crisis,
        at_risk=result.at_risk,
        region=region.id if region else None,
        region_how=result.region_how or None,
        emergency=emergency_out(region, result.country) if region else None,
        overview=[overview_out(o) for o in result.overview],
        answers=result.answers.to_dict(kb),
        main_concern=result.main_concern,
        no_good_fit=[no_good_fit_out(kb, u) for u in result.no_good_fit],
        suggestions=[suggestion_out(kb, s) for s in result.suggestions],
        more_suggestions=result.more,
        not_suggested_for_this_group=[i.id for i in result.excluded],
        hotlines=[_match_out(m) for m in result.lines],
        gaps=list(result.gaps),
        resources=[
            resource_out(r, region if r in (region.resources if region else ()) else None) for r in result.resources
        ],
        providers=[provider_out(p, region is not None) for p in result.providers],
        notes=[NoteOut(n.title, n.text) for n in kb.notes],
        professional_questions=list(kb.professional_questions),
        screens=screens_out(result.screens) if result.screens else None,
        description=description_out(result),
        practices=[practice_ref(p) for p in result.practices],
        country=country_out(result.country) if result.country else None,
        country_asked=result.country_asked,
    )


def screen_out(s: Screen) -> ScreenOut:
    from therapick.advice import screens as S
    from therapick.output import screening

    n = s.instrument.safety_item
    safety = s.safety_score
    b = s.band
    return ScreenOut(
        s.instrument.id,
        s.instrument.name,
        screening.about(s.instrument),
        s.date,
        s.total,
        s.instrument.maximum,
        BandOut(b.id, b.low, b.high, b.words, screening.band_words(s)),
        screening.meaning(s),
        s.doctor_soon,
        SafetyItemOut(n, safety, S.SCALE[safety], s.crisis_first, screening.safety_words(s) or "")
        if n is not None and safety is not None
        else None,
        s.difficulty,
        S.difficulty_words(s.difficulty),
        [
            ScreenItemOut(k, text, score, S.SCALE[score])
            for k, (text, score) in enumerate(zip(s.instrument.items, s.scores, strict=True), 1)
        ],
    )


def screens_out(screens: tuple[Screen, ...]) -> ScreensOut:
    from therapick.advice import screens as S
    from therapick.output import screening

    return ScreensOut(
        S.VERSION,
        screening.not_a_diagnosis(),
        screening.source_words(),
        screening.language_notes([s.instrument for s in screens]),
        S.doctor_soon(screens),
        S.crisis_first(screens),
        [screen_out(s) for s in screens],
    )


def screen_dict(kb: KnowledgeBase, o: Outcome) -> ScreenCommandOut:
    """``therapick screen --json``: the crisis lines first when the ninth item calls for them."""
    region = o.region
    return ScreenCommandOut(
        SCHEMA_VERSION,
        [line_out(line, region) for line in o.crisis_lines] if region else [],
        kb.disclaimer.full,
        region.id if region else None,
        o.region_how or None,
        emergency_out(region) if region else None,
        [overview_out(ov) for ov in o.overview],
        screens_out(o.screens),
    )


def description_out(result: Result) -> DescriptionOut | None:
    d = result.described
    if d is None:
        return None
    return DescriptionOut(
        crisis_words=d.urgent,
        crisis_rows=list(d.crisis),
        imminent=d.imminent,
        emergency_note=own_words.imminent_words() if d.imminent else None,
        concerns=list(d.concerns),
        who=d.who,
        answered=list(result.answers.layers.get("described", {})),
        text=d.text if d.keep else None,
    )


def practice_out(p: Practice) -> PracticeOut:
    tm = p.timing
    return PracticeOut(
        p.id,
        p.fact,
        p.name,
        p.technique,
        p.kind,
        p.summary,
        [PracticeStepOut(s.text, s.prompt) for s in p.steps],
        p.time,
        list(p.cautions),
        TimingOut(tm.breathe_in, tm.hold, tm.breathe_out, tm.pause, tm.counted) if tm else None,
        p.source,
        p.source_language,
        p.url,
        p.status,
        p.checked,
        list(p.interventions),
        p.tie,
    )


def practices_dict(kb: KnowledgeBase, items: list[Practice]) -> PracticesOut:
    return PracticesOut(SCHEMA_VERSION, kb.disclaimer.short, [practice_out(p) for p in items])


def practice_ref(p: Practice) -> PracticeRef:
    return PracticeRef(p.id, p.name, list(p.interventions), p.tie, own_words.practice_line(p))


# --------------------------------------------------------------------------
# The whole knowledge base


def kb_text(kb: KnowledgeBase, fmt: str) -> str:
    """The knowledge base as Markdown, or as JSON or YAML that ``--kb`` loads back, identical in content."""
    if fmt == "markdown":
        return kb_markdown(kb)
    data = msgspec.to_builtins(kb)
    if fmt == "json":
        return to_json(data)
    import yaml

    dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    header = "# " + t("therapick knowledge base, exported by `therapick export --format yaml`.") + "\n"
    return header + yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)


# --------------------------------------------------------------------------
# Markdown: the documents of report.py, written by doc.to_markdown


def kb_markdown(kb: KnowledgeBase) -> str:
    """The whole knowledge base as one Markdown document."""
    from therapick.output import doc, report

    return doc.to_markdown(report.knowledge_base(kb))


def report_markdown(kb: KnowledgeBase, result: Result, date: str) -> str:
    """A report a person can bring to a professional (``ask --save``)."""
    from therapick.output import doc, report

    return doc.to_markdown(report.report(kb, result, date))


def screen_markdown(kb: KnowledgeBase, o: Outcome) -> str:
    """A screen to bring to a professional (``screen --save``): the crisis lines first when they are called for."""
    from therapick.output import doc, report

    return doc.to_markdown(report.screen(kb, o))


def plan_markdown(kb: KnowledgeBase, plan: Plan) -> str:
    """The safety plan as Markdown to print or show to a professional."""
    from therapick.output import doc, report

    return doc.to_markdown(report.plan(kb, plan))
