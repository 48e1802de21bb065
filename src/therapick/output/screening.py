"""What the screens (PHQ-9, GAD-7) show: the introduction and the scores, as ``doc`` blocks.

The instruments' own words (items, scale, the closing question) are in
English in every language: the facts hold no checked Spanish wording of
them, and a reworded item is no longer the validated instrument, so the
Spanish tool says why instead. Everything around them is therapick's own
words, in the chosen language.

A score is told as a screen, never a diagnosis: the total, its band in the
source's words, what that means in plain words, and the date. An answer
of "not at all" to the ninth item is never told as the absence of risk.
"""

from __future__ import annotations

from therapick.advice import screens as S
from therapick.advice.screens import Instrument, Screen
from therapick.base.i18n import language, t
from therapick.output.doc import Blank, Doc, Heading, item, para


def scale_words(score: int) -> str:
    """An answer in the scale's own words, with its number: "1 several days"."""
    return f"{score} {S.SCALE[score]}"


def about(instrument: Instrument) -> str:
    """What the instrument asks about, in plain words."""
    return t("depression") if instrument is S.PHQ9 else t("anxiety")


def _range(low: int, high: int) -> str:
    return t("{low}-{high}", low=low, high=high)


def band_words(screen: Screen) -> str:
    """The band in the source's words, where the facts give them; the range of totals beside it."""
    b = screen.band
    span = _range(b.low, b.high)
    if b.words is None:  # the facts name no band below the first cut point (GAD-7, 0-4)
        return t('below {cut}, the cut point for "mild" ({span})', cut=b.high + 1, span=span)
    words = f'"{b.words}"'  # quoted: the source's own words, in English in every language
    if language() == "en":
        return t("{words} ({span}), in the source's words", words=words, span=span)
    return t("{words} ({gloss}; {span}), in the source's words", words=words, gloss=_gloss(b.id), span=span)


def _gloss(band_id: str) -> str:
    """The band's name in the reader's language, beside the source's English words."""
    return {
        "none-minimal": t("none or minimal"),
        "mild": t("mild"),
        "moderate": t("moderate"),
        "moderately-severe": t("moderately severe"),
        "severe": t("severe"),
    }[band_id]


def meaning(screen: Screen) -> str:
    """What the band means, in plain words; 10 or more says what the facts say about it."""
    if screen.doctor_soon:
        if screen.instrument is S.PHQ9:
            return t(
                "A score of 10 or more is a reason to talk to a doctor soon: in the 2001 study of the PHQ-9, "
                "10 or more was the cut point for major depression."
            )
        return t(
            "A score of 10 or more is a reason to talk to a doctor soon: it is the point the GAD-7's scoring "
            "notes recommend for further evaluation."
        )
    if screen.band.low == 0:
        return t(
            "A low score. A screen cannot rule anything out: if you are worried about how you feel, "
            "talk to a doctor or another professional anyway."
        )
    return t("In the mild range: worth talking over with a doctor or another professional.")


def not_a_diagnosis() -> str:
    return t(
        "A screen is not a diagnosis: a score says how often these problems bothered you, and only a "
        "professional can say what it means for you. Bring your scores to your doctor or another professional "
        "to discuss."
    )


def next_step() -> str:
    """What a score of 10 or more adds to the advice."""
    return t("Next step: talk to your doctor soon, and bring these scores.")


def safety_words(screen: Screen) -> str | None:
    """The ninth item's answer in words, and what follows from it; None for an instrument without it."""
    score = screen.safety_score
    if score is None:
        return None
    answer = S.SCALE[score]
    if score:
        return t(
            'Question 9 (thoughts that you would be better off dead or of hurting yourself): "{answer}". '
            "The crisis lines come first; please tell a crisis line, your doctor or someone you trust "
            "about these thoughts.",
            answer=answer,
        )
    return t(
        'Question 9 (thoughts that you would be better off dead or of hurting yourself): "{answer}". '
        "This does not rule out risk: if such thoughts come, a crisis line can help "
        "(therapick help-now shows them).",
        answer=answer,
    )


def crisis_lead(during: bool) -> str:
    """Said with the crisis lines when the ninth item is answered above "not at all" (``during`` the questions)."""
    said = t(
        "You said you have had thoughts that you would be better off dead or of hurting yourself. "
        "Please reach out now: a crisis line above, your doctor, or someone you trust."
    )
    return said + " " + t("The questions go on when you are ready.") if during else said


def difficulty_words(screen: Screen) -> str | None:
    words = S.difficulty_words(screen.difficulty)
    if words is None:
        return None
    return t('How difficult these problems have made things: "{answer}".', answer=words)


def language_notes(instruments: list[Instrument] | tuple[Instrument, ...]) -> list[str]:
    """In a language other than English: why the questions are in English."""
    if language() == "en":
        return []
    notes = []
    if S.PHQ9 in instruments:
        notes.append(
            t(
                "The PHQ-9 is shown in English: an official US-Spanish version exists, but its wording could "
                "not be checked against its source, and a reworded question is no longer the validated "
                "questionnaire."
            )
        )
    if S.GAD7 in instruments:
        notes.append(t("The GAD-7 is shown only in English: no official Spanish version was confirmed."))
    return notes


def source_words() -> str:
    return t(
        "The PHQ-9 and GAD-7 were developed by Drs Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and "
        "colleagues with an educational grant from Pfizer Inc. Their forms say no permission is needed to "
        "reproduce, translate, display or distribute them; the questions are shown unaltered."
    )


def heading(screen: Screen) -> str:
    return t(
        "{name} ({about}), answered on {date}: {total} of {maximum}",
        name=screen.instrument.name,
        about=about(screen.instrument),
        date=screen.date,
        total=screen.total,
        maximum=screen.instrument.maximum,
    )


# --------------------------------------------------------------------------
# On screen


def intro(instrument: Instrument) -> Doc:
    """Shown before the first item."""
    blocks: Doc = [
        Heading(
            t(
                "{name} ({about}): {n} questions about the last 2 weeks",
                name=instrument.name,
                about=about(instrument),
                n=len(instrument.items),
            ),
            2,
        ),
        para(t("A screen, not a diagnosis: the score is something to discuss with a professional.")),
        para((source_words(), "dim")),
    ]
    blocks += [para((note, "bold")) for note in language_notes([instrument])]
    blocks += [
        para(
            t("Over the last 2 weeks, how often has each of these bothered you? The answers:") + " ",
            ", ".join(scale_words(n) for n in range(4)) + ".",
        ),
        Blank(),
    ]
    return blocks


def result_blocks(screens: tuple[Screen, ...] | list[Screen], full: bool = False) -> Doc:
    """The scores: each total, its band, what it means, the date; ``full`` (the report, where a professional
    reads it) adds every item in its own words with its answer, and who made the screens."""
    if not screens:
        return []
    blocks: Doc = [Heading(t("Your screens: to discuss with a professional"))]
    for s in screens:
        blocks.append(para((heading(s), "bold")))
        blocks.append(item(t("Band: {band}", band=band_words(s))))
        blocks.append(item(meaning(s)))
        for extra in (safety_words(s), difficulty_words(s)):
            if extra:
                blocks.append(item(extra))
        if full:
            blocks += [
                item(f"{n}. {text} ", (scale_words(score), "bold"), indent=1)
                for n, (text, score) in enumerate(zip(s.instrument.items, s.scores, strict=True), 1)
            ]
    blocks.append(para(not_a_diagnosis()))
    if full:
        blocks.append(para((source_words(), "dim")))
    blocks += [para((note, "dim")) for note in language_notes([s.instrument for s in screens])]
    blocks.append(Blank())
    return blocks
