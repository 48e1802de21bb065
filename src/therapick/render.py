"""Rich renderables for the terminal.

Only imported by commands that print to a terminal. Knowledge-base text is
always wrapped in ``Text`` (never parsed as markup), so a custom knowledge
base cannot inject styles or escape sequences.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, TextIO

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from therapick.kb import Intervention, KnowledgeBase, Line, Region

if TYPE_CHECKING:
    from therapick.advice import Result


def console(stderr: bool = False, file: TextIO | None = None) -> Console:
    """A console that honours NO_COLOR and TERM=dumb, and has no colour when piped."""
    if file is None and (sys.stderr if stderr else sys.stdout) is None:
        from therapick.errors import OUTPUT_ERROR, TherapickError

        raise TherapickError("cannot write output: standard output is closed", OUTPUT_ERROR)
    no_color = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    return Console(
        file=file or (sys.stderr if stderr else sys.stdout),
        no_color=no_color,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )


def _t(text: str, style: str = "") -> Text:
    return Text(text, style=style, overflow="fold")


def disclaimer_line(kb: KnowledgeBase) -> Text:
    return Text(kb.disclaimer.short, style="dim")


def contact_text(line: Line) -> Text:
    return Text.assemble((line.contact_text, "bold"), f"  ({line.hours})")


def crisis_panel(
    kb: KnowledgeBase, region: Region, lines: list[Line] | tuple[Line, ...], all_regions: bool = False
) -> Panel:
    """The panel a person in danger sees before anything else.

    ``all_regions`` adds every region's emergency number, for when the
    person's region is not known yet.
    """
    note = f" ({region.emergency_note})" if region.emergency_note else ""
    body: list[RenderableType] = [
        Text.assemble("If you are in immediate danger, call ", (f"{region.emergency}{note}", "bold"), " now."),
    ]
    if all_regions:
        numbers = " · ".join(f"{r.id} {r.emergency}" for r in kb.regions if r.id != "other")
        body.append(Text(f"Emergency numbers: {numbers}; elsewhere, your local emergency number.", style="dim"))
    body += [Text(""), Text(f"Crisis lines ({region.name}):", style="bold")]
    for line in lines:
        body.append(Text.assemble((line.name, "bold"), ": ", line.contact_text, f" ({line.hours})"))
    body += [Text(""), Text("You are not alone, and reaching out is a strong step.", style="italic")]
    return Panel(Group(*body), title="Get help now", border_style="bold red", title_align="left")


def intervention(kb: KnowledgeBase, i: Intervention) -> RenderableType:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    rows: list[tuple[str, str]] = [
        ("Category", kb.categories_by_id[i.category].name),
        ("Also called", ", ".join(i.aliases)),
        ("For whom", i.for_whom),
        ("What it involves", i.involves),
        ("What to expect", i.what_to_expect),
        ("Techniques", ", ".join(kb.techniques_by_id[t].name for t in i.techniques)),
        ("Concerns it fits", "; ".join(kb.questionnaire.label("concerns", c) for c in i.fits("concerns"))),
        ("Goals it fits", "; ".join(kb.questionnaire.label("goals", g) for g in i.fits("goals"))),
    ]
    for label, value in rows:
        if value:
            grid.add_row(label, _t(value))
    evidence = Group(*(_evidence(e.rating, e.source, e.url) for e in i.evidence))
    grid.add_row("Evidence", evidence)
    return Group(
        Text(i.label, style="bold cyan"),
        Text(i.summary, style="italic"),
        Text(""),
        grid,
        Text(""),
        disclaimer_line(kb),
    )


def _evidence(rating: str, source: str, url: str | None) -> Text:
    text = Text.assemble(rating, (f" (source: {source}" + (f", {url}" if url else "") + ")", "dim"))
    text.overflow = "fold"
    return text


def intervention_list(kb: KnowledgeBase, items: list[Intervention]) -> RenderableType:
    """Interventions grouped by category: name and id on a line, the summary beneath.

    Plain lines rather than a table: they read well at any width, and cost a
    third of the time to lay out (bench/startup.py).
    """
    parts: list[RenderableType] = []
    for c in kb.categories:
        members = [i for i in items if i.category == c.id]
        if not members:
            continue
        parts.append(Text(c.name, style="bold magenta"))
        for i in members:
            parts.append(
                Padding(Text.assemble((i.label, "bold"), f"  [{i.id}]", overflow="fold"), (0, 0, 0, 2), expand=False)
            )
            parts.append(Padding(Text(i.summary, overflow="fold"), (0, 0, 0, 4), expand=False))
        parts.append(Text(""))
    parts.append(disclaimer_line(kb))
    return Group(*parts)


def hotlines(kb: KnowledgeBase, regions: list[Region]) -> RenderableType:
    """Support lines by region, one line of facts each, numbers never wrapped inside a cell."""
    parts: list[RenderableType] = []
    for region in regions:
        note = f" ({region.emergency_note})" if region.emergency_note else ""
        parts.append(
            Text.assemble(
                (f"{region.name} ({region.id})", "bold cyan"), "  emergency: ", (f"{region.emergency}{note}", "bold")
            )
        )
        for line in region.lines:
            parts.append(Padding(Text(line.name, style="bold", overflow="fold"), (0, 0, 0, 2), expand=False))
            facts = Group(
                Text.assemble((line.contact_text, "bold"), f" ({line.hours})", overflow="fold"),
                Text(f"for {line.purpose}", overflow="fold"),
                Text(f"{line.source} (checked {line.checked})", style="dim", overflow="fold"),
            )
            parts.append(Padding(facts, (0, 0, 0, 4), expand=False))
        parts.append(Text(""))
    parts.append(disclaimer_line(kb))
    return Group(*parts)


def _bullets() -> Table:
    """A list whose wrapped lines hang under the text, not under the bullet."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    return grid


def welcome(kb: KnowledgeBase) -> RenderableType:
    return Group(Text(kb.questionnaire.welcome, style="bold"), disclaimer_line(kb))


def result(kb: KnowledgeBase, r: Result) -> RenderableType:
    parts: list[RenderableType] = []
    if r.answers.crisis:
        parts += [crisis_panel(kb, r.region, r.crisis_lines), Text("")]
    parts.append(Text("Kinds of help to talk over with a professional", style="bold underline"))
    parts.append(Text(""))
    if not r.suggestions:
        parts.append(
            Text(
                "Nothing in the knowledge base matched these answers closely. A professional can "
                "help you find the right kind of support; the lines below can help now."
            )
        )
    for n, s in enumerate(r.suggestions, 1):
        i = s.intervention
        head = Text.assemble(
            (f"{n}. {i.label}", "bold cyan"),
            f"  {kb.categories_by_id[i.category].name}",
            ("  match: ", "dim"),
            (f"{s.strength} ({s.score:.2f})", "bold"),
        )
        why = Group(*(Text.assemble("• ", r.text) for r in s.reasons))
        body = Table.grid(padding=(0, 2))
        body.add_column(style="bold", no_wrap=True)
        body.add_column(ratio=1, overflow="fold")
        body.add_row("Why", why)
        body.add_row("What it is", _t(i.summary))
        body.add_row("What to expect", _t(i.what_to_expect))
        body.add_row("Evidence", Group(*(_evidence(e.rating, e.source, e.url) for e in i.evidence)))
        parts += [head, body, Text("")]
    if r.more:
        parts += [Text(f"{r.more} more matched less closely: use --top to see them.", style="dim"), Text("")]
    parts.append(Text(f"Support lines ({r.region.name})", style="bold underline"))
    note = f" ({r.region.emergency_note})" if r.region.emergency_note else ""
    parts.append(Text.assemble("Emergency: ", (f"{r.region.emergency}{note}", "bold")))
    lines = _bullets()
    for m in r.lines:
        lines.add_row(
            "•",
            Text.assemble(
                (m.line.name, "bold"),
                ": ",
                m.line.contact_text,
                f" ({m.line.hours})",
                (f"; {m.why}", "dim"),
                overflow="fold",
            ),
        )
    parts += [lines, Text(""), Text("Finding a specialist", style="bold underline")]
    places = _bullets()
    for res in kb.resources:
        places.add_row(
            "•", Text.assemble((res.name, "bold"), ": ", res.note, (f" {res.url}" if res.url else ""), overflow="fold")
        )
    parts.append(places)
    parts += [Text(""), Panel(Text(kb.disclaimer.full), title="Not medical advice", title_align="left")]
    return Group(*parts)
