"""Markdown, JSON and YAML text for every surface. Pure: data in, text out.

The JSON is the versioned contract in ``contract`` (its types, the
``CONTRACT`` table of documents and ``SCHEMA_VERSION``); this module fills
it from the knowledge base and the advice (``*_out``, ``*_dict``) and
serialises it (``to_json``). The Markdown of every surface is the screen's
document rendered as Markdown (``doc.to_markdown``): the export, the saved
report, a screen's result and the safety plan.

Every document carries the disclaimer: the full text in the Markdown export
and the saved report, the ``disclaimer`` key in every JSON object.

Why it is over 400 lines: one small builder per shape of the contract (``contract.py``), each
beside the others so that a field added to a shape is filled in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec

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
from therapick.output.contract import (
    SCHEMA_VERSION,
    AskOut,
    BandOut,
    CategoryRef,
    ContactOut,
    CountryOut,
    DescriptionOut,
    EmergencyOut,
    ErrorDetail,
    ErrorOut,
    EvidenceOut,
    HelpNowOut,
    HotlinesOut,
    InterventionOut,
    LineOut,
    ListOut,
    NoGoodFitOut,
    NoteOut,
    OverviewOut,
    PracticeOut,
    PracticeRef,
    PracticesOut,
    PracticeStepOut,
    PreferenceOut,
    ProblemOut,
    ProviderOut,
    ReasonOut,
    RegionOut,
    ResourceOut,
    SafetyItemOut,
    ScreenCommandOut,
    ScreenItemOut,
    ScreenOut,
    ScreensOut,
    ShowOut,
    SituationOut,
    SuggestionOut,
    TechniqueRef,
    TimingOut,
    ValidateOut,
)

if TYPE_CHECKING:
    from therapick.advice.crisis import HelpNow
    from therapick.advice.plan import Plan
    from therapick.advice.rank import Suggestion
    from therapick.advice.result import Result, Uncovered
    from therapick.advice.safety import LineMatch, Overview, ProviderRoute
    from therapick.advice.screens import Outcome, Screen
    from therapick.kb.verdict import Report

# --------------------------------------------------------------------------
# Filling the contract


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


def hotlines_dict(kb: KnowledgeBase, regions: list[Region], country: str | None = None) -> HotlinesOut:
    """``hotlines --json``; somewhere else, the country table (``country``: only that country's row)."""
    rows = [c for c in kb.countries if country is None or c.id == country]
    countries = [country_out(c) for c in rows] if any(r.id == "other" for r in regions) else []
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
