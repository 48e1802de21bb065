"""Translations of the knowledge base: a companion file beside the English one.

``interventions.es.yaml`` sits beside ``interventions.yaml``:

```yaml
language: es
texts:            # the English text, exactly as loaded -> its translation
  "Cognitive behavioral therapy": "Terapia cognitivo-conductual"
aliases:          # more names to look an intervention up by, in this language
  cbt: [terapia cognitivo conductual, TCC]
help_in_language: # per support line: how to get help in this language (checked facts only)
  us-988: "Llama al 988 y marca 2, o envía AYUDA por mensaje de texto al 988."
```

A clinic corrects wording by editing the companion file, never code.
``texts_of`` lists every text a person can see (ids, links, numbers, and a
rating quoted in its source's own words are not translated); ``validate``
reports each one that has no translation, and each translation whose English
no longer exists.

A knowledge base that extends another inherits its translations (``combine``):
its own companion (``my-clinic.es.yaml``) needs to hold only what it adds or
changes, and may correct an inherited wording. A support line the file
rewrites (replaces, changes, or gives again in a region) keeps no inherited
``help_in_language``: what was confirmed for the line extended is not known
to hold for the clinic's. Reading and checking the companion file is the
loader's job; this module is the pure part.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from msgspec import Struct

from therapick.kb.schema import Id, Text

# Keys whose values are never shown as prose, or are quoted in their source's own words.
NOT_TEXT = {
    "id",
    "url",
    "value",
    "keyword",
    "as_letters",
    "checked",
    "updated",
    "schema_version",
    "basis",
    "kind",
    "method",
    "default",
    "rating",
    "aliases",
    "contact_text",
    "abbreviation",
    "emergency",
    "category",
    "covers",
    "languages",  # language codes (a region's: es)
    "words",  # a description's words in each language: matched, never shown
    "fact",
    "source_language",
    "timing",
    "names",  # other names of a place, matched whatever the language, never shown
    "says",
    "replaces",
    "options_from",
    "limited_evidence_for",
    "except_concerns",
    "with_concerns",
}
# Keys that hold ids in one place (a list of ids) and content in another (a section, a fit table).
ID_LISTS = {"interventions", "techniques", "concerns", "who", "groups", "readiness"}


def _skip(key: str, value: Any) -> bool:
    if key == "emergency" and isinstance(value, str):  # "911" is a number; "the local emergency number" is words
        return not any(c.isalpha() for c in value)
    if key == "status" and value in ("seen", "named"):  # a situation's status is a value; a practice's is words
        return True
    if key in NOT_TEXT:
        return True
    if key in ID_LISTS:
        return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))
    return False


def texts_of(doc: Any, path: str = "$") -> list[tuple[str, str]]:
    """Every (path, English text) a person can see in a knowledge-base document."""
    out: list[tuple[str, str]] = []
    if isinstance(doc, dict):
        for key, value in doc.items():
            if _skip(key, value):
                continue
            out += texts_of(value, f"{path}.{key}")
    elif isinstance(doc, list):
        for n, item in enumerate(doc):
            out += texts_of(item, f"{path}[{n}]")
    elif isinstance(doc, str) and doc.strip():
        out.append((path, doc))
    return out


def apply(doc: Any, table: dict[str, str]) -> Any:
    """``doc`` with every translatable text replaced by its translation (when it has one)."""
    if isinstance(doc, dict):
        return {k: (v if _skip(k, v) else apply(v, table)) for k, v in doc.items()}
    if isinstance(doc, list):
        return [apply(v, table) for v in doc]
    if isinstance(doc, str):
        return table.get(doc, doc)
    return doc


def companion(path: Path, lang: str) -> Path:
    """``interventions.yaml`` -> ``interventions.es.yaml``."""
    return path.with_name(f"{path.stem}.{lang}{path.suffix}")


class Companion(Struct, forbid_unknown_fields=True):
    """A translation companion file, checked: every shape but this one is refused with its path."""

    language: str | None = None  # the language it is in, if it says (it must be the one its name says)
    texts: dict[str, Text] = {}  # English text -> its translation
    aliases: dict[Id, list[Text]] = {}  # intervention id -> more names to find it by
    help_in_language: dict[Id, Text] = {}  # support line id -> how to get help in this language


SHAPES = {  # what each part of a companion holds, for messages
    "$.texts": "'texts' maps each English text to its translation",
    "$.aliases": "'aliases' maps an intervention id to a list of names",
    "$.help_in_language": "'help_in_language' maps a support line id to how to get help in the language",
}


def combine(base: Companion | None, own: Companion | None, rewritten: set[str]) -> Companion | None:
    """The translation of a file that extends another: the base's, then its own over it.

    ``rewritten`` are the support lines the file wrote: the base's help in
    the language is dropped for them (their own companion may say it again).
    """
    if base is None:
        return own
    help_in = {k: v for k, v in base.help_in_language.items() if k not in rewritten}
    if own is None:
        return Companion(base.language, base.texts, base.aliases, help_in)
    aliases = dict(base.aliases)
    for key, names in own.aliases.items():
        aliases[key] = [*aliases.get(key, []), *names]
    return Companion(
        own.language or base.language,
        {**base.texts, **own.texts},
        aliases,
        {**help_in, **own.help_in_language},
    )


def translate_doc(doc: dict[str, Any], c: Companion) -> dict[str, Any]:
    """A knowledge-base document (plain data, already valid) in ``c``'s language."""
    out: dict[str, Any] = apply(doc, c.texts)
    for item in out.get("interventions") or []:
        item["aliases"] = [*item.get("aliases", []), *c.aliases.get(item.get("id"), [])]
    for region in out.get("regions") or []:
        for line in region.get("lines") or []:
            if line.get("id") in c.help_in_language:
                line["in_language"] = c.help_in_language[line["id"]]
    return out
