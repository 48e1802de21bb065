"""Markdown and JSON text for every surface. Pure: data in, text or dicts out.

Every document here carries the disclaimer: the full text in the Markdown
export and the saved report, the ``disclaimer`` key in every JSON object.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from therapick.kb import Intervention, KnowledgeBase, Line, Region

if TYPE_CHECKING:
    from therapick.advice import Result


def to_json(data: Any) -> str:
    import json

    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------
# Plain data


def intervention_dict(kb: KnowledgeBase, i: Intervention) -> dict[str, Any]:
    return {
        "id": i.id,
        "name": i.name,
        "abbreviation": i.abbreviation,
        "aliases": list(i.aliases),
        "category": i.category,
        "category_name": kb.categories_by_id[i.category].name,
        "summary": i.summary,
        "involves": i.involves,
        "what_to_expect": i.what_to_expect,
        "for_whom": i.for_whom,
        "who": list(i.fit.get("who", {})),
        "techniques": [{"id": t, "name": kb.techniques_by_id[t].name} for t in i.techniques],
        "concerns": i.fits("concerns"),
        "goals": i.fits("goals"),
        "evidence": [{"rating": e.rating, "source": e.source, "url": e.url} for e in i.evidence],
    }


def line_dict(line: Line, region: Region) -> dict[str, Any]:
    return {
        "id": line.id,
        "name": line.name,
        "region": region.id,
        "contact": [
            {
                k: v
                for k, v in (
                    ("method", c.method),
                    ("value", c.value),
                    ("as_letters", c.as_letters),
                    ("keyword", c.keyword),
                    ("note", c.note),
                )
                if v is not None
            }
            for c in line.contact
        ],
        "contact_text": line.contact_text,
        "purpose": line.purpose,
        "hours": line.hours,
        "crisis": line.crisis,
        "url": line.source,
        "checked": line.checked,
    }


def region_dict(region: Region) -> dict[str, Any]:
    return {
        "id": region.id,
        "name": region.name,
        "emergency": region.emergency,
        "emergency_note": region.emergency_note,
        "lines": [line_dict(line, region) for line in region.lines],
    }


def resources(kb: KnowledgeBase) -> list[dict[str, Any]]:
    return [{"name": r.name, "url": r.url, "note": r.note} for r in kb.resources]


def kb_dict(kb: KnowledgeBase) -> dict[str, Any]:
    """The whole knowledge base as plain data, in the same shape as the YAML file."""
    import msgspec

    data: dict[str, Any] = msgspec.to_builtins(kb)
    return data


def list_dict(kb: KnowledgeBase, items: list[Intervention]) -> dict[str, Any]:
    used = {i.category for i in items}
    return {
        "disclaimer": kb.disclaimer.short,
        "categories": [
            {"id": c.id, "name": c.name, "interventions": [i.id for i in items if i.category == c.id]}
            for c in kb.categories
            if c.id in used
        ],
        "interventions": [intervention_dict(kb, i) for i in items],
    }


def result_dict(kb: KnowledgeBase, result: Result) -> dict[str, Any]:
    """The results of ``ask --json``. In a crisis, crisis lines come first."""
    region = result.region
    hotlines = [dict(line_dict(m.line, region), why=m.why) for m in result.lines]
    return {
        "disclaimer": kb.disclaimer.full,
        "crisis": bool(result.answers.crisis),
        "emergency": {"region": region.id, "number": region.emergency, "note": region.emergency_note},
        "crisis_lines": [line_dict(line, region) for line in result.crisis_lines],
        "answers": result.answers.to_dict(),
        "suggestions": [
            {
                "rank": n,
                "id": s.intervention.id,
                "name": s.intervention.name,
                "abbreviation": s.intervention.abbreviation,
                "category": s.intervention.category,
                "score": s.score,
                "points": s.points,
                "strength": s.strength,
                "reasons": [r.text for r in s.reasons],
                "summary": s.intervention.summary,
                "what_to_expect": s.intervention.what_to_expect,
                "evidence": [{"rating": e.rating, "source": e.source, "url": e.url} for e in s.intervention.evidence],
            }
            for n, s in enumerate(result.suggestions, 1)
        ],
        "more_suggestions": result.more,
        "not_suggested_for_this_group": [i.id for i in result.excluded],
        "hotlines": hotlines,
        "resources": resources(kb),
        "notes": [{"title": n.title, "text": n.text} for n in kb.notes],
    }


# --------------------------------------------------------------------------
# Markdown


def _contact_md(line: Line) -> str:
    purpose = line.purpose[:1].upper() + line.purpose[1:]
    return f"{line.contact_text} ({line.hours}). {purpose}. Source: <{line.source}>, checked {line.checked}."


def _anchor(text: str) -> str:
    import re

    return re.sub(r"[^a-z0-9 -]", "", text.lower()).replace(" ", "-")


def _intervention_md(kb: KnowledgeBase, i: Intervention) -> list[str]:
    who_q = kb.questionnaire.question("who")
    out = [
        f"#### {i.label}",
        "",
        f"*{i.summary}*",
        "",
        f"- **Id:** `{i.id}`",
        f"- **Category:** {kb.categories_by_id[i.category].name}",
    ]
    if i.aliases:
        out.append(f"- **Also called:** {', '.join(i.aliases)}")
    out += [
        f"- **For whom:** {i.for_whom}",
        f"- **Suggested for:** {', '.join(who_q.option(w).label for w in i.fit.get('who', {}))}",
        f"- **What it involves:** {i.involves}",
        f"- **What to expect:** {i.what_to_expect}",
        f"- **Techniques:** {', '.join(kb.techniques_by_id[t].name for t in i.techniques)}",
    ]
    concerns = [kb.questionnaire.label("concerns", c) for c in i.fits("concerns")]
    goals = [kb.questionnaire.label("goals", g) for g in i.fits("goals")]
    if concerns:
        out.append(f"- **Concerns it fits:** {'; '.join(concerns)}")
    if goals:
        out.append(f"- **Goals it fits:** {'; '.join(goals)}")
    out.append("- **Evidence:**")
    for e in i.evidence:
        link = f" <{e.url}>" if e.url else ""
        out.append(f"  - {e.rating}. Source: {e.source}.{link}")
    out.append("")
    return out


def region_md(region: Region, heading: str = "###") -> list[str]:
    note = f" ({region.emergency_note})" if region.emergency_note else ""
    out = [f"{heading} {region.name} ({region.id})", "", f"- **Emergency:** {region.emergency}{note}"]
    out += [f"- **{line.name}:** {_contact_md(line)}" for line in region.lines]
    out.append("")
    return out


def kb_markdown(kb: KnowledgeBase) -> str:
    """The whole knowledge base as one Markdown document."""
    sections = [
        "Categories and interventions",
        "Techniques",
        "Goals of therapy",
        "When therapy can help",
        "Support lines",
        "Finding a specialist",
        "Good to know",
        "Disclaimer",
    ]
    out = [
        "# therapick: kinds of therapeutic help",
        "",
        f"> **Not medical advice.** {kb.disclaimer.full}",
        "",
        f"Knowledge base updated {kb.updated}: {len(kb.interventions)} interventions in "
        f"{len(kb.categories)} categories.",
        "",
        "## Contents",
        "",
    ]
    out += [f"- [{s}](#{_anchor(s)})" for s in sections]
    out += ["", f"## {sections[0]}", ""]
    for c in kb.categories:
        out += [f"### {c.name}", "", c.summary, ""]
        for i in kb.interventions:
            if i.category == c.id:
                out += _intervention_md(kb, i)
    out += [f"## {sections[1]}", ""]
    out += [f"- **{t.name}:** {t.summary}" for t in kb.techniques]
    out += ["", f"## {sections[2]}", ""]
    out += [f"- **{g.name}:** {g.summary}" for g in kb.goals]
    out += ["", f"## {sections[3]}", ""]
    for s in kb.scenarios:
        names = ", ".join(kb.by_id[i].label for i in s.interventions)
        out += [f"- **{s.name}:** {s.summary} Approaches often used: {names}."]
    out += ["", f"## {sections[4]}", "", "If you or someone else is in danger now, call the emergency number.", ""]
    for region in kb.regions:
        out += region_md(region)
    out += [f"## {sections[5]}", ""]
    out += [f"- **{r.name}:** {r.note}" + (f" <{r.url}>" if r.url else "") for r in kb.resources]
    out += ["", f"## {sections[6]}", ""]
    out += [f"- **{n.title}:** {n.text}" for n in kb.notes]
    out += ["", f"## {sections[7]}", "", kb.disclaimer.full, ""]
    return "\n".join(out)


def report_markdown(kb: KnowledgeBase, result: Result, date: str) -> str:
    """A report a person can bring to a professional (``ask --save``)."""
    q = kb.questionnaire
    a = result.answers
    region = result.region
    out = ["# therapick report", "", f"Made on {date}.", "", f"> **Not medical advice.** {kb.disclaimer.full}", ""]
    if a.crisis:
        out += ["## Crisis support first", "", f"- **Emergency:** {region.emergency}"]
        out += [f"- **{line.name}:** {_contact_md(line)}" for line in result.crisis_lines]
        out.append("")
    out += ["## Your answers", ""]
    for question in q.questions:
        value = a.get(question.id)
        if question.kind == "confirm":
            words = "yes" if value else "no"
        elif isinstance(value, tuple):
            words = "; ".join(question.option(v).label for v in value) or "(none chosen)"
        else:
            words = question.option(value).label if value else "(not answered)"
        out.append(f"- **{question.text}** {words}")
    out += ["", "## Kinds of help to discuss", ""]
    if not result.suggestions:
        out += [
            "Nothing in the knowledge base matched these answers closely. A professional can help you "
            "find the right kind of support.",
            "",
        ]
    for n, s in enumerate(result.suggestions, 1):
        i = s.intervention
        out += [
            f"### {n}. {i.label}",
            "",
            f"{kb.categories_by_id[i.category].name}; match: {s.strength} ({s.score:.2f}). {i.summary}",
            "",
            "Why it was suggested:",
            "",
        ]
        out += [f"- {r.text}" for r in s.reasons]
        out += ["", f"What to expect: {i.what_to_expect}", "", "Evidence:", ""]
        out += [f"- {e.rating}. Source: {e.source}." + (f" <{e.url}>" if e.url else "") for e in i.evidence]
        out.append("")
    out += ["## Support lines", "", f"- **Emergency:** {region.emergency}"]
    out += [f"- **{m.line.name}:** {_contact_md(m.line)} Shown because {m.why}." for m in result.lines]
    out += ["", "## Finding a specialist", ""]
    out += [f"- **{r.name}:** {r.note}" + (f" <{r.url}>" if r.url else "") for r in kb.resources]
    out += ["", "## Disclaimer", "", kb.disclaimer.full, ""]
    return "\n".join(out)
