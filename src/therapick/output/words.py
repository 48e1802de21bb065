"""Words shared by the screens and the documents: how close a match is, how to reach a line.

Kept apart from ``export.py`` so that showing a screen does not build the JSON contract's types.
"""

from __future__ import annotations

from therapick.base.i18n import language, t
from therapick.kb.schema import Line


def strength_words() -> dict[str, str]:
    """How close a suggestion is, in words (looked up when called, so in the chosen language)."""
    return {
        "strong": t("close match to your answers"),
        "good": t("good match to your answers"),
        "some": t("partial match to your answers"),
    }


def reach(line: Line) -> str:
    """How to reach a line: in the reader's language first when the line offers it, then every way."""
    words = line.contact_words()
    if line.in_language:
        return t("{in_language} All ways to reach it: {contact}", in_language=line.in_language, contact=words)
    return words


def short_reach(line: Line) -> str:
    """The first way to reach a line, for a compact list, then how to get help in the reader's language."""
    words = line.first_contact_words()
    return f"{words}. {line.in_language}" if line.in_language else words


def language_note(line: Line, before: str = " ") -> str:
    """Said plainly, in a language other than English, when no option in it was confirmed for a line.

    ``before`` joins it to what comes before: " " after a sentence, ". " after a bare contact.
    """
    if language() == "en" or line.in_language:
        return ""
    return before + t("No option in your language was confirmed for this line.")
