"""Click's and Typer's own words, and every command's and option's help, in the language of the run.

Click writes "Usage:", "Options", "Show this message and exit." and its usage errors ("No such
option") through ``gettext``, which knows nothing of ``--lang``; and app.py's help texts are
``t(...)`` evaluated once, when the module is imported, in the environment's language. So
``--lang es ask --help`` printed English. ``speak`` runs before each command line: it points
Click's and Typer's ``_`` at this table, and sets each command's and option's help again from its
English, in the language chosen for this run (``--lang`` is read before Click parses; see
``Settings.reset``).
"""

from __future__ import annotations

import re
import sys
from typing import Any

from therapick.base import i18n

# Typer's own words that a person can meet in --help, in Spanish. Typer writes its section headings
# and "[required]" / "[default: ...]" through gettext ("_"); "Usage:" and the help option's text it
# writes itself, so the formatter and the walk below put them in (see ``speak``).
SPANISH: dict[str, str] = {
    "Usage:": "Uso:",
    "Options": "Opciones",
    "Commands": "Comandos",
    "Arguments": "Argumentos",
    "required": "obligatorio",
    "default: {default}": "predeterminado: {default}",
    "env var: {var}": "variable de entorno: {var}",
    "(dynamic)": "(dinámico)",
    "Show this message and exit.": "Muestra este mensaje y termina.",
    "[OPTIONS]": "[OPCIONES]",
    "COMMAND [ARGS]...": "COMANDO [ARGUMENTOS]...",
}

# Typer's usage errors, which it writes in English itself: (pattern, Spanish), the groups in order.
_ERRORS: tuple[tuple[str, str], ...] = (
    (r"No such command (.+)\.", "No existe el comando {0}."),
    (r"No such option: (\S+) \(Possible options: (.+)\)", "No existe la opción {0} (opciones parecidas: {1})"),
    (r"No such option: (\S+)", "No existe la opción {0}"),
    (r"Option (.+) requires an argument\.", "La opción {0} necesita un valor."),
    (r"Option (.+) requires (\d+) arguments\.", "La opción {0} necesita {1} valores."),
    (r"Option (.+) does not take a value\.", "La opción {0} no lleva valor."),
    (r"Missing argument (.+)\.", "Falta el argumento {0}."),
    (r"Missing option (.+)\.", "Falta la opción {0}."),
    (r"Missing parameter: (.+)", "Falta el parámetro: {0}"),
    (r"Got unexpected extra argument\(s\) \((.*)\)", "Sobran argumentos que no se esperaban ({0})"),
    (r"Invalid value for (.+?): (.+)", "Valor no válido para {0}: {1}"),
    (r"Invalid value: (.+)", "Valor no válido: {0}"),
)
# What follows "Invalid value ...:": Typer's words for a value of the wrong kind.
_VALUES: tuple[tuple[str, str], ...] = (
    (r"(.+) is not in the range (.+)\.", "{0} no está en el intervalo {1}."),
    (r"(.+) is not a valid (?:int range|integer)\.", "{0} no es un número entero válido."),
    (r"(.+) is not a valid (?:float range|float)\.", "{0} no es un número válido."),
    (
        r"(.+) is not a valid boolean\. Recognized values: (.+)",
        "{0} no es un valor de sí o no. Valores reconocidos: {1}",
    ),
)


def usage_error_words(message: str) -> str:
    """A usage error Typer wrote in English, in the language of the run (unknown ones as they are)."""
    if i18n.language() != "es":
        return message
    for pattern, spanish in _ERRORS:
        m = re.fullmatch(pattern, message, re.S)
        if m:
            groups = list(m.groups())
            if spanish.startswith("Valor no válido"):
                groups[-1] = _value_words(groups[-1])
            return spanish.format(*groups)
    return message


def _value_words(message: str) -> str:
    for pattern, spanish in _VALUES:
        m = re.fullmatch(pattern, message, re.S)
        if m:
            return spanish.format(*m.groups())
    return message


_MODULES = ("typer.core", "click.core", "click.formatting")  # those that take their words from gettext
_HELP_ATTRIBUTES = ("help", "short_help", "epilog")
_METAVARS = ("options_metavar", "subcommand_metavar")  # "[OPTIONS]", "COMMAND [ARGS]..." in the usage line
_ENGLISH = "_therapick_english"  # where each object keeps its help texts in English


def gettext(message: str) -> str:
    """Click's ``_``: its words in the language of the run."""
    return SPANISH.get(message, message) if i18n.language() == "es" else message


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


def speak(command: Any) -> None:
    """Click's words and the help of ``command`` and everything under it in the language of the run."""
    for name in _MODULES:
        module = sys.modules.get(name)
        if module is None:
            continue
        if hasattr(module, "_"):
            setattr(module, "_", gettext)  # noqa: B010 - mypy knows no "_" in these modules
        if hasattr(module, "ngettext"):
            setattr(module, "ngettext", ngettext)  # noqa: B010
    english: dict[str, str] | None = None
    if i18n.BUILT_IN != "en":  # app.py's texts were translated when it was imported: back to English
        from therapick.base.messages_es import MESSAGES

        english = {es: en for en, es in MESSAGES.items()}
    stack = [command]
    while stack:
        c = stack.pop()
        _respeak(c, _HELP_ATTRIBUTES, english)
        _respeak(c, _METAVARS, None, gettext, "_therapick_metavars")
        for p in c.params:
            _respeak(p, ("help",), english)
        if getattr(c, "_help_option", None) is not None:
            _respeak(c._help_option, ("help",), english)  # Typer builds it once, the first time it is asked
        base = c.context_class
        if not getattr(base, "_therapick_speaks", False):
            c.context_class = type(base.__name__, (base,), {"formatter_class": _formatter(base.formatter_class)})
            c.context_class._therapick_speaks = True
        stack.extend(getattr(c, "commands", {}).values())


def _respeak(
    obj: Any,
    attributes: tuple[str, ...],
    english: dict[str, str] | None,
    say: Any = i18n.t,
    where: str = _ENGLISH,
) -> None:
    """Set ``obj``'s ``attributes`` to ``say`` of their English, kept on ``obj`` the first time."""
    kept = obj.__dict__.get(where)
    if kept is None:
        kept = {}
        for a in attributes:
            value = getattr(obj, a, None)
            if isinstance(value, str):
                kept[a] = english.get(value, value) if english is not None else value
        obj.__dict__[where] = kept
    for a, value in kept.items():
        setattr(obj, a, say(value))


def _formatter(base: Any) -> Any:
    """Typer's help formatter, with "Usage:" and the rows' help texts in the language of the run."""

    class Formatter(base):  # type: ignore[misc]
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, gettext("Usage:") + " " if prefix is None else prefix)

        def write_dl(self, rows: Any, *more: Any, **named: Any) -> None:
            super().write_dl([(term, gettext(text)) for term, text in rows], *more, **named)

    return Formatter
