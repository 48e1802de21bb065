"""What a person's own words and the practices add to the results, as document blocks and Markdown.

Each function returns its own blocks (or lines), so the results screen (``results.result``) and
the report (``export.report_markdown``) call it with a line each, wherever they place it.

Safety rules held here: crisis words never produce anything but the crisis lines (and, when a
time, a plan, a method or a place is named, that the emergency number is the fastest help); no
text ever says the opposite ("no risk found" or the like: ``tests/test_no_risk_words.py``); and
no practice is offered in a crisis (``advice.result`` leaves them out).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from therapick.base.i18n import t
from therapick.kb import questions as Q
from therapick.kb.schema import KnowledgeBase, Practice
from therapick.output.doc import Blank, Doc, Heading, item, para

if TYPE_CHECKING:
    from therapick.advice.describe import Described
    from therapick.advice.result import Result


def imminent_words() -> str:
    return t(
        "What you wrote names a time, a plan, a way or a place. If you or someone else is in immediate "
        "danger, calling your emergency number is the fastest way to get help."
    )


def imminent_blocks(described: Described | None) -> Doc:
    """After the crisis lines, when the person's words name a time, a plan, a method or a place (W11)."""
    if described is None or not described.imminent:
        return []
    return [para((imminent_words(), "alert"))]


def after_panel_blocks(r: Result) -> Doc:
    """What follows the crisis panel in the results (``results.result``): the lines come first."""
    return imminent_blocks(r.described)


def _filled(r: Result) -> dict[str, object]:
    """The answers the description stood in for (no terminal to confirm them)."""
    return dict(r.answers.layers.get("described", {}))


def described_blocks(kb: KnowledgeBase, r: Result) -> Doc:
    """Without a terminal, what the person's own words were taken to mean, and how to change it."""
    filled = _filled(r)
    if r.described is None or not filled:
        return []
    q = kb.questionnaire
    parts: list[str] = []
    if Q.WHO in filled:
        parts.append(t("who the support is for: {who}", who=q.label(Q.WHO, str(filled[Q.WHO]))))
    if Q.CONCERNS in filled:
        concerns = filled[Q.CONCERNS]
        chosen = concerns if isinstance(concerns, tuple) else ()
        labels = "; ".join(q.label(Q.CONCERNS, c) for c in chosen if isinstance(c, str))
        parts.append(t("what is going on: {what}", what=labels))
    return [
        para(
            (t("From your own words:") + " ", "bold"),
            "; ".join(parts) + ". ",
            (t("Change them with --who and --concern."), "dim"),
        ),
        Blank(),
    ]


def practice_line(p: Practice) -> str:
    return f"therapick practice {p.id}"


def practice_blocks(kb: KnowledgeBase, r: Result) -> Doc:
    """The practices a source ties to a suggested approach, to try now (none in a crisis)."""
    if not r.practices:
        return []
    blocks: Doc = [
        Heading(t("Something to try now")),
        para(
            t(
                "Short self-help practices that a source ties to an approach above. They are not treatment "
                "and not for a crisis."
            )
        ),
    ]
    for p in r.practices:
        blocks.append(item((practice_line(p), "bold"), ": ", p.name, (f" ({p.tie})" if p.tie else "", "dim")))
    blocks.append(Blank())
    return blocks


# --------------------------------------------------------------------------
# The report


def report_blocks(kb: KnowledgeBase, r: Result) -> Doc:
    """The report's section on the person's own words: what they matched, the text itself only if asked."""
    d = r.described
    if d is None:
        return []
    q = kb.questionnaire
    blocks: Doc = [Heading(t("In your own words"))]
    if d.keep and d.text:
        blocks += [para((line, "italic")) for line in d.text.strip().splitlines() if line.strip()]
    else:
        blocks.append(para((t("(The text itself is left out; it is saved only when you ask.)"), "dim")))
    if d.who and q.find(Q.WHO) and d.who in q.question(Q.WHO).option_ids:
        blocks.append(item(t("Pointed to who the support is for:") + " ", q.label(Q.WHO, d.who)))
    known = q.question(Q.CONCERNS).option_ids if q.find(Q.CONCERNS) else []
    labels = [q.label(Q.CONCERNS, c) for c in d.concerns if c in known]
    if labels:
        blocks.append(item(t("Pointed to what is going on:") + " ", "; ".join(labels)))
    if d.urgent:
        blocks.append(item(t("It holds words that bring the crisis lines first (above).")))
    blocks.append(Blank())
    return blocks
