"""The language of what therapick says: English (the default) or Spanish.

Chosen by ``--lang``, then ``THERAPICK_LANG``, then the locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG`` beginning ``es``). The knowledge base's own text
is translated by its companion file (``translate.py``); the words of the
program itself are here: ``t("English text {name}", name=...)`` gives the
text in the chosen language. The Spanish catalog is ``messages_es.py``.
Light to import: ``cli.py`` uses it for ``--help``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGUAGES = ("en", "es")


class UnknownLanguage(ValueError):
    """``--lang`` or ``THERAPICK_LANG`` names a language therapick does not speak (the message says which)."""


ENV = "THERAPICK_LANG"
_current = "en"


def choose(flag: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The language from ``--lang``, ``THERAPICK_LANG`` or the locale; English otherwise."""
    env = os.environ if environ is None else environ
    for source, value in (("--lang", flag), (ENV, env.get(ENV))):
        if value:
            from therapick.base.text import describe, escape, first_hidden

            ch = first_hidden(value)
            if ch is not None:  # 'es\x1b[2J' is no language, as 'fr' is none here (as errors.refuse_hidden says)
                set_language("en")
                raise UnknownLanguage(
                    t(
                        "{source}: '{value}' holds {what}: control and invisible characters are not allowed",
                        source=source,
                        value=escape(value[:40]),
                        what=describe(ch),
                    )
                )
            code = value.strip().lower()[:2]
            if code in LANGUAGES:
                return code
            set_language("en")  # what follows is said in English (the crisis lines go on in it): this too
            raise UnknownLanguage(
                t(
                    "{source}: no language '{value}'; the languages are: {known}",
                    source=source,
                    value=value[:20],
                    known=", ".join(LANGUAGES),
                )
            )
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return "es" if value.lower().startswith("es") else "en"
    return "en"


_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
}


def month_words(value: str) -> str:
    """A month or a day as people read it: "2026-12" -> "December 2026" / "diciembre de 2026";
    "2026-11-26" -> "26 November 2026" / "26 de noviembre de 2026"; anything else as it is."""
    parts = value.split("-")
    if not (2 <= len(parts) <= 3 and len(parts[0]) == 4 and all(x.isdigit() and len(x) <= 4 for x in parts)):
        return value
    year, month, day = parts[0], int(parts[1]), int(parts[2]) if len(parts) == 3 else None
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return value
    name = _MONTHS[_current].split()[month - 1]
    said = f"{name} de {year}" if _current == "es" else f"{name} {year}"
    if day is None:
        return said
    return f"{day} de {said}" if _current == "es" else f"{day} {said}"


def set_language(lang: str) -> None:
    global _current
    _current = lang if lang in LANGUAGES else "en"


def language() -> str:
    return _current


def t(text: str, /, **values: object) -> str:
    """``text`` in the current language, with ``{name}`` fields filled from ``values``."""
    if _current != "en":
        from therapick.base.messages_es import MESSAGES

        text = MESSAGES.get(text, text)
    return text.format(**values) if values else text


def tn(one: str, other: str, n: int, /, **values: object) -> str:
    """``one`` when ``n`` is 1, else ``other``, as ``t`` gives it (``n`` is one of its values).

    English and Spanish make plurals the same way (1 is singular; 0 and 2 and more are plural), so
    the English form chosen by ``n`` is the key of the Spanish one; each needs its entry in the catalog.
    """
    text = one if n == 1 else other
    if _current != "en":
        from therapick.base.messages_es import MESSAGES

        text = MESSAGES.get(text, text)
    return text.format(n=n, **values)


def _from_environment() -> str:
    try:
        return choose(None)
    except Exception:  # a bad THERAPICK_LANG is reported when a command runs, not at import
        return "en"


# The language for --help is chosen when the command line is built, from the environment.
set_language(_from_environment())
BUILT_IN = _current  # the language of texts translated when they were imported (cli/click_words.py)
