"""What ``therapick practice`` shows, as documents: the list, one practice, a breathing count,
and what a person wrote, as Markdown to save. Pure: data in, blocks or text out.

Every practice shows its source (and whether its page or only a copy was read), the date it was
checked, how long it takes where the source says, and the source's cautions. Every screen keeps
a way to the crisis lines in sight (practices are not for a crisis) and the disclaimer.
"""

from __future__ import annotations

from therapick.base.i18n import language, month_words, t, tn
from therapick.kb.schema import KnowledgeBase, Practice, Timing
from therapick.output import render
from therapick.output.doc import Blank, Doc, Field, Heading, item, para


def not_for_a_crisis() -> str:
    return t(
        "Not treatment, and not for a crisis: in danger now, run therapick help-now or call your emergency number."
    )


def practice_list(kb: KnowledgeBase) -> Doc:
    blocks: Doc = [
        Heading(t("Practices to try now")),
        para(t("Short self-help practices for everyday stress or low mood, each from a checked source.")),
        para((not_for_a_crisis(), "bold")),
        render.disclaimer_line(kb),
        Blank(),
    ]
    for p in kb.practices:
        time = f" ({p.time})" if p.time else ""
        blocks.append(item((p.id, "bold"), ": ", p.name, time, ". ", p.summary))
    blocks += [
        Blank(),
        para((t("Run one: therapick practice NAME (for example: therapick practice breathing)."), "dim")),
    ]
    return blocks


def source_words(p: Practice) -> str:
    """ "Leicestershire ... (own page), checked 2026-12" and, in another language, that the source is in English."""
    checked = month_words(p.checked)
    out = t("{source}; {status}; checked {checked}.", source=p.source, status=p.status, checked=checked)
    if p.source_language == "en" and language() != "en":
        out += " " + t("The source is in English; therapick translated the steps.")
    return out


def tie_words(kb: KnowledgeBase, p: Practice) -> str:
    names = ", ".join(kb.by_id[i].label for i in p.interventions if i in kb.by_id)
    return f"{names}: {p.tie}" if p.tie else names


def practice_doc(kb: KnowledgeBase, p: Practice) -> Doc:
    """One practice: what it is, its steps, how long, cautions, source."""
    blocks: Doc = [
        Heading(p.name),
        para((p.summary, "italic")),
        para((not_for_a_crisis(), "dim")),
        render.disclaimer_line(kb),
        Blank(),
    ]
    steps = tuple(item((s.prompt, "bold"), " ", s.text) if s.prompt else item(s.text) for s in p.steps)
    blocks.append(Field(t("Steps"), steps))
    if p.timing is not None:
        blocks.append(Field(t("Rhythm"), (para(rhythm_words(p.timing)),)))
    if p.time:
        blocks.append(Field(t("How long"), (para(p.time),)))
    if p.cautions:
        blocks.append(Field(t("Who it is for, and cautions"), tuple(item(c) for c in p.cautions)))
    if p.interventions:
        blocks.append(Field(t("Tied by a source to"), (para(tie_words(kb, p)),)))
    blocks.append(Field(t("Source"), (para(source_words(p)), para((p.url, "dim")))))
    blocks.append(Blank())
    return blocks


def rhythm_words(timing: Timing) -> str:
    if timing.counted:
        return t(
            "in counting 1 to {n}, out counting 1 to {m}, with no pause or hold; therapick counts about one a "
            "second (the source gives counts, not seconds): go at your own pace",
            n=timing.breathe_in,
            m=timing.breathe_out,
        )
    words = tn("in {n} second", "in {n} seconds", timing.breathe_in)
    if timing.hold:
        words += ", " + tn("hold {n} second", "hold {n} seconds", timing.hold)
    words += ", " + tn("out {n} second", "out {n} seconds", timing.breathe_out)
    if timing.pause:
        words += ", " + tn(
            "a brief pause (therapick waits {n} second)", "a brief pause (therapick waits {n} seconds)", timing.pause
        )
    return words


def phases(timing: Timing) -> list[tuple[str, int]]:
    """The phases of one round, in words, with how many counts each."""
    out = [(t("Breathe in"), timing.breathe_in)]
    if timing.hold:
        out.append((t("Hold"), timing.hold))
    out.append((t("Breathe out"), timing.breathe_out))
    if timing.pause:
        out.append((t("Pause"), timing.pause))
    return out


def round_words(round_: int, rounds: int | None) -> str:
    """ "Round 2 of 18", or "Round 2" where the source gives no length."""
    return t("Round {n} of {m}", n=round_, m=rounds) if rounds is not None else t("Round {n}", n=round_)


def own_pace_words() -> str:
    """Said before a guide with no length from its source."""
    return t("The source gives no length for this: keep going for as long as suits you, and press Enter to stop.")


def count_line(phase: str, n: int, of: int, round_: int, rounds: int | None, unicode_ok: bool = True) -> str:
    """One frame of the breathing guide: "Round 2 of 18   Breathe in  3 / 5  ●●●○○"."""
    on, off = ("\u25cf", "\u25cb") if unicode_ok else ("*", ".")
    bar = on * n + off * (of - n)
    return f"{round_words(round_, rounds)}   {phase}  {n} / {of}  {bar}"


def done_blocks(p: Practice) -> Doc:
    return [Blank(), para((t("Done. Take a moment before you go on."), "bold")), para((not_for_a_crisis(), "dim"))]


def written_blocks(p: Practice, entries: list[tuple[str, str]]) -> Doc:
    blocks: Doc = [Blank(), Heading(t("What you wrote"), 2)]
    for prompt, words in entries:
        blocks += [para((prompt, "bold")), para(words or t("(left blank)"), indent=1)]
    blocks += [Blank(), para((t("Nothing is kept unless you save it."), "dim"))]
    return blocks


def record_markdown(kb: KnowledgeBase, p: Practice, entries: list[tuple[str, str]], date: str) -> str:
    """What a person wrote in a practice, to keep (``practice NAME --save FILE``)."""
    out = ["# " + p.name, "", t("Made on {date}.", date=date), ""]
    for prompt, words in entries:
        out += [f"## {prompt}", "", words or t("(left blank)"), ""]
    out += [
        t("Source: {source}", source=source_words(p)),
        f"<{p.url}>",
        "",
        f"> {kb.disclaimer.full}",
        "",
    ]
    return "\n".join(out)
