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
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from therapick.base.errors import Problem

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
}
# Keys that hold ids in one place (a list of ids) and content in another (a section, a fit table).
ID_LISTS = {"interventions", "techniques", "concerns", "who", "groups"}


def _skip(key: str, value: Any) -> bool:
    if key == "emergency" and isinstance(value, str):  # "911" is a number; "the local emergency number" is words
        return not any(c.isalpha() for c in value)
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


def _is_text(value: Any) -> bool:
    return isinstance(value, str)


def _is_names(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(n, str) for n in value)


def shape(translation: Any, lang: str) -> list[Problem]:
    """What is wrong with the form of a translation file (each an error: it cannot be used).

    ``texts`` maps English text to text, ``aliases`` an intervention id to a
    list of names, ``help_in_language`` a support line's id to text; each may
    be left out.
    """
    if not isinstance(translation, dict):
        return [Problem(f"the {lang} translation file must be a mapping with 'texts'", "$")]
    out: list[Problem] = []
    forms: tuple[tuple[str, str, Callable[[Any], bool]], ...] = (
        ("texts", "'texts' must map English text to its translation", _is_text),
        ("aliases", "'aliases' must map an intervention id to a list of names", _is_names),
        ("help_in_language", "'help_in_language' must map a support line's id to text", _is_text),
    )
    for key, rule, fits in forms:
        table = translation.get(key)
        if table is None:
            continue
        if not isinstance(table, dict):
            out.append(Problem(rule, f"$.{key}"))
            continue
        for name, value in table.items():
            if not isinstance(name, str) or not fits(value):
                out.append(Problem(f"{rule} ('{str(name)[:60]}' does not)", f"$.{key}"))
                break  # one is enough to say the rule
    return out


def problems(english: Any, translation: Any, lang: str) -> list[Problem]:
    """The form's errors (``shape``); else texts with no translation, and translations of texts that no
    longer exist (warnings: the English is shown instead)."""
    wrong = shape(translation, lang)
    if wrong:
        return wrong
    table = translation.get("texts") or {}
    out: list[Problem] = []
    seen: set[str] = set()
    for path, text in texts_of(english):
        seen.add(text)
        value = table.get(text)
        if not isinstance(value, str) or not value.strip():
            out.append(Problem(f"no {lang} text for '{text[:60]}'", path, warning=True))
    for text in table:
        if text not in seen:
            out.append(
                Problem(
                    f"the {lang} file translates text that is not in the knowledge base: '{text[:60]}'",
                    "$.texts",
                    warning=True,
                )
            )
    return out


def _companion_text(path: Path, lang: str) -> tuple[str, str] | None:
    """The companion file's text and name, beside the knowledge-base file ``path``."""
    found = companion(path, lang)
    if not found.is_file():
        return None
    from therapick.kb import source

    return source.decode(source.read(found), str(found)), str(found)


def translated(kb: Any, path: Path, lang: str) -> Any:
    """The knowledge base ``kb`` (loaded from ``path``) in ``lang``.

    Texts without a translation stay in English; a knowledge base with no
    companion file is returned as it is.
    """
    if lang == "en":
        return kb
    found = _companion_text(path, lang)
    if found is None:
        return kb
    import msgspec

    from therapick.base.errors import KBInvalid
    from therapick.kb import checks, source
    from therapick.kb.schema import KnowledgeBase

    data, lines = source.parse(*found)
    wrong = shape(data, lang)
    if wrong:
        for p in wrong:
            p.line = lines.of(p.path)
        raise KBInvalid(found[1], wrong)
    doc = apply(msgspec.to_builtins(kb), data.get("texts") or {})
    extra = data.get("aliases") or {}
    help_in = data.get("help_in_language") or {}
    for item in doc["interventions"]:
        item["aliases"] = [*item.get("aliases", []), *extra.get(item["id"], [])]
    for region in doc["regions"]:
        for line in region["lines"]:
            if line["id"] in help_in:
                line["in_language"] = help_in[line["id"]]
    try:
        result = msgspec.convert(doc, KnowledgeBase, strict=True)
    except msgspec.ValidationError as e:
        raise KBInvalid(found[1], [Problem(str(e))]) from None
    problems = checks.check(result)
    if problems:
        raise KBInvalid(found[1], problems)
    return result
