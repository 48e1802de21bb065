"""What a prompt is, and what a typed answer means: the same for the terminal's
prompts (``prompts``) and plain mode's lines (``plain_prompts``).

Pure: no terminal here. ``Prompt`` is the seam every question goes through
(``questionnaire.prompt_for`` makes one from a question's data);
``yes_no`` reads the words a person types at the danger question, where
being unsure is a reason to show help; ``choices`` reads numbers or option
ids typed in plain mode.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from msgspec import Struct


class Prompt(Struct, frozen=True):
    """What to ask, as data: ``kind`` picks the prompt."""

    id: str
    kind: str  # "yes-no" (typed, no default), "confirm" (with a default), "one", "many", "text", "scale" (0-3)
    text: str
    hint: str | None = None
    choices: tuple[tuple[str, str], ...] = ()  # (option id, label)
    default: Any = None
    required: bool = False


KINDS = ("yes-no", "confirm", "one", "many", "text", "scale")

# Typed answers, compared without case, accents, spaces at the ends or a final ".", "!" or "?".
YES = frozenset({"y", "yes", "yeah", "yep", "s", "si"})
NO = frozenset({"n", "no", "nope"})
UNSURE = frozenset(
    {
        "maybe",
        "not sure",
        "im not sure",
        "unsure",
        "idk",
        "i dont know",
        "dont know",
        "i do not know",
        "perhaps",
        "possibly",
        "dunno",
        "quizas",
        "quiza",
        "tal vez",
        "a lo mejor",
        "puede ser",
        "no se",
        "no lo se",
        "no estoy seguro",
        "no estoy segura",
        "no estoy segure",
    }
)

YES_NO, UNSURE_ANSWER = "yes-no", "unsure"


def plain_words(text: str) -> str:
    """``text`` as compared: no case, no accents, apostrophes dropped, single spaces, no closing punctuation."""
    text = recover(text)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = text.casefold().replace("'", "").replace("\u2019", "")
    text = re.sub(r"[.!?¿¡,;:]+", " ", text)
    return " ".join(text.split())


def recover(text: str) -> str:
    """Text read under an ASCII locale keeps a UTF-8 terminal's bytes as surrogates: read them as UTF-8."""
    if not any("\udc80" <= c <= "\udcff" for c in text):
        return text
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeError:
        return text


def yes_no(text: str) -> bool | str | None:
    """True (yes), False (no), ``UNSURE_ANSWER`` (not sure: help is shown, as after yes), None (not an answer)."""
    words = plain_words(text)
    if words in YES:
        return True
    if words in NO:
        return False
    if words in UNSURE:
        return UNSURE_ANSWER
    return None


def confirm(text: str, default: bool) -> bool | None:
    """A line typed at a yes/no question that has a default: empty is the default."""
    words = plain_words(text)
    if not words:
        return default
    if words in YES:
        return True
    if words in NO:
        return False
    return None


def choices(text: str, options: tuple[tuple[str, str], ...]) -> list[str] | None:
    """Option ids for what was typed: numbers (1 is the first) or ids, apart by spaces or commas.

    None when anything typed is neither; the order is the options' own, each once.
    """
    picked: set[str] = set()
    for item in re.split(r"[\s,;]+", text.strip()):
        if not item:
            continue
        if item.isdigit() and item.isascii() and 1 <= int(item) <= len(options):
            picked.add(options[int(item) - 1][0])
            continue
        wanted = item.casefold()
        match = next((oid for oid, _ in options if oid.casefold() == wanted), None)
        if match is None:
            return None
        picked.add(match)
    return [oid for oid, _ in options if oid in picked]


def as_text(pasted: str) -> str:
    """Pasted or dictated text as it goes into a one-line field: line ends and tabs become spaces, controls go."""
    pasted = recover(pasted).replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return "".join(c for c in pasted if unicodedata.category(c) != "Cc" and not ("\udc80" <= c <= "\udcff"))
