"""``validate``: read a knowledge-base file once and report every problem and warning in it."""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct

from therapick.base.errors import KBInvalid, Problem, TherapickError, clean
from therapick.kb.schema import KnowledgeBase


class Report(Struct):
    path: str
    valid: bool
    problems: list[Problem]  # errors, then warnings
    counts: dict[str, int] | None = None


def validate(path: str | None, strict: bool = False) -> Report:
    """Check ``path`` (default: the bundled knowledge base); warnings count as problems with ``strict``."""
    from therapick.kb import loader, source

    target = path or str(loader.default_path())
    shown = "stdin" if target == "-" else clean(target, 1000)
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
    translation = _translation_problems(target, knowledge)
    if any(not p.warning for p in translation):  # a companion that cannot be used: refused at run time too
        return Report(shown, False, [p for p in translation if not p.warning])
    warnings = [p for p in found if p.warning] + translation
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


def _translation_problems(target: str, knowledge: KnowledgeBase) -> list[Problem]:
    """For every companion file found: each text that has English and no translation (or the
    reverse), as a warning; a file that cannot be read or used (its form, or the knowledge base it
    makes), as an error, since a run in that language refuses it."""
    if target == "-":
        return []
    from therapick.base.i18n import LANGUAGES
    from therapick.kb import source, translate

    out: list[Problem] = []
    path = Path(target)
    english: object = None
    for lang in LANGUAGES[1:]:
        other = translate.companion(path, lang)
        if not other.is_file():
            continue
        try:
            if english is None:
                english = source.parse(source.decode(source.read(path), str(path)), str(path))[0]
            data, lines = source.parse(source.decode(source.read(other), str(other)), str(other))
            found = translate.problems(english, data, lang)
            for p in found:
                p.line = None if p.warning else lines.of(p.path)  # a warning's path is the English one's
            if all(p.warning for p in found):  # the form is right: what a run in this language makes of it
                translate.translated(knowledge, path, lang)
        except KBInvalid as e:
            found = e.problems
        except TherapickError as e:
            found = [Problem(e.message.removeprefix(f"{other}: "), "$")]
        for p in found:  # said as the companion's own (the report names the knowledge-base file)
            p.message = f"{other.name}{f', line {p.line}' if p.line else ''}: {p.message}"
            p.line = None
            out.append(p)
    return out


def text(report: Report) -> str:
    """The human verdict: every problem on its own line, then one summary line."""
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
