"""``validate``: read a knowledge-base file once and report every problem and warning in it.

Each translation of it is checked as ``--lang`` would load it: what would
refuse to load is an error (named in the file that causes it), and each text
that would show untranslated is a warning.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from msgspec import Struct

from therapick.base.errors import KBInvalid, Problem, TherapickError, path_words, printable
from therapick.base.text import escape


class Report(Struct):
    path: str
    valid: bool
    problems: list[Problem]  # errors, then warnings
    counts: dict[str, int] | None = None


def validate(path: str | None, strict: bool = False) -> Report:
    """Check ``path`` (default: the bundled knowledge base); warnings count as problems with ``strict``.

    Every problem's message and path is escaped (``base/text.py``) before it is reported, as text
    or as JSON: checking an untrusted file must not attack the terminal that checks it."""
    report = _validate(path, strict)
    for p in report.problems:
        p.message = escape(printable(p.message))
        p.path = escape(printable(p.path))
    return report


def _validate(path: str | None, strict: bool) -> Report:
    from therapick.kb import loader, source

    target = str(loader.default_path()) if path is None else path
    shown = "stdin" if target == "-" else path_words(target, 1000) or "''"
    try:
        text = source.decode(source.read(target), shown)
        base_dir = None if target == "-" else Path(target).parent
        knowledge, found = loader.validate_text(text, shown, base_dir, warnings=True)
    except KBInvalid as e:
        return Report(shown, False, e.problems)
    except TherapickError as e:
        return Report(shown, False, [Problem(e.message.removeprefix(f"{shown}: "))])
    problems = [p for p in found if not p.warning]
    if knowledge is None or problems:
        return Report(shown, False, problems)
    warnings = [p for p in found if p.warning]
    if target != "-":
        from therapick.base.i18n import LANGUAGES

        for lang in LANGUAGES[1:]:
            errors, more = translation_problems(Path(target), lang)
            problems += errors
            warnings += more
    if problems:
        return Report(shown, False, problems)
    counts = {
        "interventions": len(knowledge.interventions),
        "categories": len(knowledge.categories),
        "support_lines": sum(len(r.lines) for r in knowledge.regions),
        "regions": len(knowledge.regions),
    }
    if strict and warnings:
        for w in warnings:
            w.warning = False
        return Report(shown, False, warnings, counts)
    return Report(shown, True, warnings, counts)


def translation_problems(path: Path, lang: str) -> tuple[list[Problem], list[Problem]]:
    """What ``--lang lang`` would refuse (errors), and what would show untranslated (warnings).

    A file that extends another is held to what it wrote: each text it added
    or changed needs a translation in its own companion, or in what it
    extends; a file that extends nothing, only once it has a companion.
    """
    from therapick.kb import loader, source, translate
    from therapick.kb.merge import MergedLines

    try:
        state = loader.read_file(path, lang)
        if state.translation is not None:
            loader.translated(state.kb, state.translation, state.translation_name)
    except KBInvalid as e:
        for p in e.problems:
            p.file = p.file or e.source
        return e.problems, []
    own, base = state.own, state.base
    if own is None and base is None:
        return [], []  # no translation into this language anywhere: the knowledge base is in English only
    home = translate.companion(path, lang).name
    covered = {**(base.texts if base else {}), **(own.texts if own else {})}
    lines = state.lines
    if lines is None:  # a JSON file, read by the fast decoder: its lines, for the messages
        lines = source.parse(source.decode(source.read(path), str(path)), str(path))[1]
    merged = lines if isinstance(lines, MergedLines) else None
    out: list[Problem] = []
    english = translate.texts_of(state.doc)
    for where, text in english:
        mine = merged.in_file(where) if merged is not None else where
        if mine is None:
            continue  # inherited: its translation is the business of what it extends
        if text not in covered:
            message = f"no {lang} text for '{text[:60]}' (add it under 'texts' in {home})"
            out.append(Problem(message, mine, lines.of(where), True))
    if own is not None:
        out += _companion_leftovers(state, english, lang)
    if merged is not None and base is not None:
        out += _help_lost(state, merged, base, own, lang, home)
    return [], out


def _companion_leftovers(state: Any, english: list[tuple[str, str]], lang: str) -> list[Problem]:
    """What the file's own companion holds for nothing: a text no longer there, an id that is not."""
    own, lines, name = state.own, state.own_lines, state.translation_name
    out: list[Problem] = []
    texts = {text for _, text in english}
    for text in own.texts:
        if text not in texts:
            message = f"the {lang} file translates text that is not in the knowledge base: '{text[:60]}'"
            out.append(Problem(message, "$.texts", lines.of(f"$.texts.{text}"), True, name))
    ids = {i.id for i in state.kb.interventions}
    for key in own.aliases:
        if key not in ids:
            out.append(
                Problem(f"names for intervention '{key}', which there is none of", f"$.aliases.{key}", None, True, name)
            )
    line_ids = {line.id for r in state.kb.regions for line in r.lines}
    for key in own.help_in_language:
        if key not in line_ids:
            at = f"$.help_in_language.{key}"
            out.append(Problem(f"help for support line '{key}', which there is none of", at, None, True, name))
    for p in out:
        if p.line is None:
            p.line = lines.of(p.path)
    return out


def _help_lost(state: Any, merged: Any, base: Any, own: Any, lang: str, home: str) -> list[Problem]:
    """Support lines the file rewrote that had help in ``lang`` in what it extends: that help is not kept."""
    out: list[Problem] = []
    mine = own.help_in_language if own else {}
    for ri, region in enumerate(state.doc["regions"]):
        for li, line in enumerate(region["lines"]):
            at = f"$.regions[{ri}].lines[{li}]"
            lid = line.get("id")
            if lid not in base.help_in_language or lid in mine or not merged.touched(at):
                continue
            where, line = merged.in_file(at), merged.of(at)
            if where is None:  # only some fields changed: the change's item
                field = next(m for m in merged.origin if m.startswith(at + "."))
                where, line = str(merged.in_file(field)).rsplit(".", 1)[0], merged.of(field)
            message = (
                f"support line '{lid}' is rewritten here, so the {lang} help that what this file extends gives "
                f"for it is not shown; if it still holds, add it under 'help_in_language' in {home}"
            )
            out.append(Problem(message, where, line, True))
    return out


def text(report: Report) -> str:
    """The human verdict: every problem on its own line, then one summary line (each escaped)."""
    lines = [p.format(report.path) for p in report.problems]
    errors = [p for p in report.problems if not p.warning]
    warnings = len(report.problems) - len(errors)
    if not report.valid:
        n = len(errors)
        lines.append(f"{report.path}: not valid ({n} problem{'s' if n != 1 else ''})")
    else:
        c = report.counts or {}
        more = f"; {warnings} warning{'s' if warnings != 1 else ''} (--strict makes them errors)" if warnings else ""
        lines.append(
            f"{report.path}: valid ({c.get('interventions')} interventions, {c.get('categories')} categories, "
            f"{c.get('support_lines')} support lines in {c.get('regions')} regions{more})"
        )
    return "\n".join(lines) + "\n"
