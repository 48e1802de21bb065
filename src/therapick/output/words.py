"""Words shared by the screens and the documents: what a suggestion rests on, how to reach a line.

Kept apart from ``export.py`` so that showing a screen does not build the JSON contract's types.
``label`` is the one place a suggestion's standing is put in words (on screen, in the report and
in JSON); ``why_lines`` are its reasons, evidence first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from therapick.base.i18n import language, t
from therapick.kb import questions as Q
from therapick.kb.schema import KnowledgeBase, Line, Region, Situation

if TYPE_CHECKING:
    from therapick.advice.rank import Suggestion
    from therapick.advice.result import Uncovered


def concern_words(kb: KnowledgeBase, concern: str | None) -> str:
    """A concern as the person's answers say it ("a traumatic experience")."""
    q = kb.questionnaire.find(Q.CONCERNS)
    if concern is None or q is None or concern not in q.option_ids:
        return concern or ""
    return q.option(concern).phrase


def _entry_label(e: Situation) -> str:
    """What one source says, as a label: "NICE recommends it for adults with PTSD ..."."""
    what = e.named or t("it")
    if e.says == "offer":
        out = t("{by} recommends offering {what} for {situation}", by=e.by, what=what, situation=e.situation)
    elif e.says == "strong":
        out = t("{by} strongly recommends {what} for {situation}", by=e.by, what=what, situation=e.situation)
    elif e.says == "consider":
        out = t("{by} recommends considering {what} for {situation}", by=e.by, what=what, situation=e.situation)
    elif e.says == "recommends":
        out = t("{by} recommends {what} for {situation}", by=e.by, what=what, situation=e.situation)
    elif e.says == "rated" and e.named:
        out = t(
            "{what} is rated \u201c{rating}\u201d by {by} for {situation}",
            what=e.named,
            rating=e.rating,
            by=e.by,
            situation=e.situation,
        )
    elif e.says == "rated":
        out = t("rated \u201c{rating}\u201d by {by} for {situation}", rating=e.rating, by=e.by, situation=e.situation)
    elif e.says == "unevaluated":
        out = t("{by} lists it as not yet evaluated for {situation}", by=e.by, situation=e.situation)
    else:  # not-listed
        out = t("not among the options {by} gives for {situation}", by=e.by, situation=e.situation)
    if e.closest:
        out += t("; this is the nearest approach here")
    return out


def label(kb: KnowledgeBase, s: Suggestion) -> str:
    """What a suggestion rests on, in words: the honest label in place of "close match"."""
    st = s.standing
    if st.says == "answers":
        return t("not designed for what you named; it fits other answers you gave")
    concern = concern_words(kb, st.concern)
    # "designed": only its fit ties it to the concern (the overview's description, or what it is
    # built for); no checked source recommends or rates it there. Said as exactly that, never as a
    # claim that it was made for the concern.
    if st.says == "designed" and s.group == 1:  # for another concern than the one that matters most
        return t(
            "for {concern}, not what you said matters most; no guideline or rating for it in the checked sources",
            concern=concern,
        )
    if st.says == "designed":
        out = (
            t("no guideline or rating for this in the checked sources")
            if st.main
            else t("for {concern}; no guideline or rating for it in the checked sources", concern=concern)
        )
    else:
        out = _entry_label(st.entries[0])
    if s.group == 1:
        out = t(
            "{label} (for {concern}, not what you said matters most)", label=out, concern=concern_words(kb, st.concern)
        )
    return out


def rank_words(s: Suggestion) -> str:
    """The heading's number: a shared rank is said to be shared."""
    return (
        t("{rank}. {name} (equal standing)", rank=s.rank, name=s.intervention.label)
        if s.tied
        else (f"{s.rank}. {s.intervention.label}")
    )


def entry_line(e: Situation) -> str:
    """One source behind a suggestion: who, what it says (in our words, or a rating in its own), its page."""
    said = f"\u201c{e.rating}\u201d, {e.summary}" if e.says == "rated" else e.summary
    out = f"{e.source}: {said}."
    for more in (e.closest, e.note):
        if more:
            out += f" {more}"
    return out + (f" {e.url}" if e.url else "")


def joined(items: list[str], last: str) -> str:
    """ "a", "a and b", "a, b and c" (``last`` is the word before the last item)."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {last} " + items[-1]


def preference_words(kb: KnowledgeBase, s: Suggestion) -> str | None:
    """A preference that belongs to an option below the first one's tier, said straight."""
    p = s.preference
    if p is None:
        return None
    return t(
        "{said}, and {why}; for {concern}, the evidence points first to {above}, so this is one to ask about "
        "alongside it",
        said=p.said,
        why=p.why,
        concern=concern_words(kb, p.concern),
        above=joined([i.label for i in p.above], t("and")),
    )


def why_lines(kb: KnowledgeBase, s: Suggestion) -> list[str]:
    """Why a suggestion is where it is: its sources, the forms to ask for, a preference told straight, the fit."""
    out = [entry_line(e) for e in s.standing.entries]
    forms = [f for e in s.standing.entries for f in e.forms]
    if forms:
        out.append(t("ask for it by name: {forms}", forms=joined(list(dict.fromkeys(forms)), t("or"))))
    note = preference_words(kb, s)
    if note:
        out.append(note)
    told = (Q.PREFERENCES, s.preference.option) if s.preference else None  # said in the note already
    return out + [r.text for r in s.reasons if (r.question, r.option) != told]


def no_good_fit_words(kb: KnowledgeBase, u: Uncovered) -> str:
    """A situation none of the approaches fits well: said so, with what the source recommends instead."""
    e = u.entry
    out = t("None of the approaches here fits {situation} well.", situation=e.situation)
    return out + f" {e.source} {e.summary}." + (f" {e.url}" if e.url else "")


def no_good_fit_route(kb: KnowledgeBase, u: Uncovered) -> str:
    """Where to turn instead: the region's own lines for the concern, each said to do only what its
    facts give (``refers_to_treatment``), and a doctor or a clinic when no line is known to refer."""
    referring = [line for line in u.lines if line.refers_to_treatment]
    out: list[str] = []
    if referring:
        out.append(
            t(
                "For treatment, {names} can point you to services (under Support lines).",
                names=joined([line.name for line in referring], t("and")),
            )
        )
    out += [
        t("{name} (under Support lines) is for {purpose}.", name=line.name, purpose=line.purpose)
        for line in u.lines
        if not line.refers_to_treatment
    ]
    if not referring:
        out.append(t("For treatment, ask your own doctor or a local clinic about services near you."))
    return " ".join(out)


def reach(line: Line) -> str:
    """How to reach a line: in the reader's language first when the line offers it, then every way.

    A way the first part already gives (its keyword and number both in it: "envía AYUDA ... al 988")
    is not said twice: the rest are then the other ways.
    """
    if not line.in_language:
        return line.contact_words()
    told = line.in_language
    rest = [c for c in line.contact if not (c.keyword and c.keyword in told and c.value in told)]
    if len(rest) == len(line.contact):
        return t("{in_language} All ways to reach it: {contact}", in_language=told, contact=line.contact_words())
    words = Line.contact_words(msgspec.structs.replace(line, contact=rest))
    return t("{in_language} Other ways to reach it: {contact}", in_language=told, contact=words)


def short_reach(line: Line) -> str:
    """The first way to reach a line, for a compact list, then how to get help in the reader's language."""
    words = line.first_contact_words()
    return f"{words}. {line.in_language}" if line.in_language else words


def language_note(line: Line, region: Region | None, before: str = " ") -> str:
    """Said plainly, in a language other than English, when no option in it was confirmed for a line.

    Not said of the lines of a region whose own services work in the reader's language (Spain's
    lines to a Spanish reader): there it would be absurd. Nothing is claimed for them either.
    ``before`` joins it to what comes before: " " after a sentence, ". " after a bare contact.
    """
    if language() == "en" or line.in_language or (region is not None and language() in region.languages):
        return ""
    if all(c.method == "web" for c in line.contact):  # a directory to look in, not a line to call
        return before + t("No option in your language was confirmed for this website.")
    return before + t("No option in your language was confirmed for this line.")
