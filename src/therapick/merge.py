"""A knowledge base that extends another and holds only what it changes.

A clinic's file says ``extends: therapick`` (the bundled knowledge base) or
``extends: other.yaml`` (a path relative to the file), then:

- ``replace:`` a list per section of items replaced whole, matched by id;
- ``add:`` a list per section of new items (a support line names its
  ``region``);
- ``remove:`` a list per section of ids to drop;
- any top-level section (``disclaimer``, ``updated``, ``notes``, ...) given
  directly replaces that section whole.

Sections: ``notes``, ``categories``, ``techniques``, ``goals``,
``scenarios``, ``resources``, ``regions``, ``interventions``, ``lines``
(support lines, in whichever region holds them) and ``questions``. An id
that does not exist (to replace or remove) or already exists (to add) is an
error that names it, with its line. The result is validated as a whole.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from therapick.errors import KBInvalid, Problem
from therapick.source import Lines

SECTIONS = (
    "notes",
    "categories",
    "techniques",
    "goals",
    "scenarios",
    "resources",
    "regions",
    "interventions",
    "lines",
    "questions",
)
OPERATIONS = ("replace", "add", "remove")
MAX_CHAIN = 5


_depth = 0


def _base(name: Any, source: str, base_dir: Path | None) -> dict[str, Any]:
    import msgspec

    from therapick import kb

    if name == "therapick":
        data: dict[str, Any] = msgspec.to_builtins(kb.load())
        return data
    if not isinstance(name, str) or not name.strip():
        raise KBInvalid(source, [Problem("'extends' must be 'therapick' or a file name", "$.extends")])
    path = Path(name) if Path(name).is_absolute() or base_dir is None else base_dir / name
    data = msgspec.to_builtins(kb.load(path))
    return data


def _lists(doc: dict[str, Any]) -> dict[str, list[tuple[list[Any], str]]]:
    """Section -> the lists that hold its items, with each list's path in the document."""
    out: dict[str, list[tuple[list[Any], str]]] = {}
    for section in SECTIONS:
        if section == "lines":
            out[section] = [
                (r.setdefault("lines", []), f"$.regions[{n}].lines")
                for n, r in enumerate(doc.get("regions") or [])
                if isinstance(r, dict)
            ]
        elif section == "questions":
            q = doc.get("questionnaire")
            out[section] = [(q.setdefault("questions", []), "$.questionnaire.questions")] if isinstance(q, dict) else []
        else:
            value = doc.setdefault(section, [])
            out[section] = [(value, f"$.{section}")] if isinstance(value, list) else []
    return out


def resolve(doc: dict[str, Any], lines: Lines, source: str, base_dir: Path | None) -> tuple[dict[str, Any], Lines]:
    """The complete document ``doc`` describes, and its line map (lines in ``doc``'s own file)."""
    global _depth
    if _depth >= MAX_CHAIN:
        raise KBInvalid(source, [Problem(f"'extends' chains more than {MAX_CHAIN} files deep", "$.extends", 1)])
    _depth += 1
    try:
        merged = copy.deepcopy(_base(doc.get("extends"), source, base_dir))
    finally:
        _depth -= 1
    problems: list[Problem] = []
    out_lines = Lines()

    def problem(message: str, path: str) -> None:
        problems.append(Problem(message, path, lines.of(path)))

    def mapped(clinic_path: str, merged_path: str) -> None:
        for p, line in lines.by_path.items():
            if p == clinic_path or p.startswith(clinic_path + ".") or p.startswith(clinic_path + "["):
                out_lines.by_path[merged_path + p[len(clinic_path) :]] = line

    for key, value in doc.items():
        if key == "extends" or key in OPERATIONS:
            continue
        merged[key] = value
        mapped(f"$.{key}", f"$.{key}")
    for op in OPERATIONS:
        spec = doc.get(op)
        if spec is None:
            continue
        if not isinstance(spec, dict):
            problem(f"'{op}' must be a mapping of section to items", f"$.{op}")
            continue
        for section, items in spec.items():
            where = f"$.{op}.{section}"
            if section not in SECTIONS:
                problem(f"'{op}' names no section '{section}'; the sections are: {', '.join(SECTIONS)}", where)
                continue
            if not isinstance(items, list):
                problem(f"'{op}.{section}' must be a list", where)
                continue
            holders = _lists(merged)[section]
            for n, item in enumerate(items):
                ipath = f"{where}[{n}]"
                item_id = item if op == "remove" else (item.get("id") if isinstance(item, dict) else None)
                if not isinstance(item_id, str):
                    problem("each item needs an id" if op != "remove" else "give the ids to remove", ipath)
                    continue
                found = next(
                    (
                        (lst, lpath, i)
                        for lst, lpath in holders
                        for i, x in enumerate(lst)
                        if isinstance(x, dict) and x.get("id") == item_id
                    ),
                    None,
                )
                if op in ("replace", "remove") and found is None:
                    problem(
                        f"cannot {op} {section[:-1] if section.endswith('s') else section} '{item_id}': "
                        f"there is none with that id",
                        ipath,
                    )
                    continue
                if op == "add" and found is not None:
                    problem(f"cannot add '{item_id}': {section} already has that id (use replace)", ipath)
                    continue
                if op == "remove" and found is not None:
                    found[0].pop(found[2])
                elif op == "replace" and found is not None:
                    found[0][found[2]] = item
                    mapped(ipath, f"{found[1]}[{found[2]}]")
                else:
                    target = _add_target(merged, section, item, holders)
                    if target is None:
                        problem("a new support line needs 'region', one of the region ids", ipath)
                        continue
                    lst, lpath = target
                    if section == "lines":
                        item = {k: v for k, v in item.items() if k != "region"}
                    lst.append(item)
                    mapped(ipath, f"{lpath}[{len(lst) - 1}]")
    if problems:
        raise KBInvalid(source, problems)
    return merged, out_lines


def _add_target(
    merged: dict[str, Any], section: str, item: dict[str, Any], holders: list[tuple[list[Any], str]]
) -> tuple[list[Any], str] | None:
    if section != "lines":
        return holders[0] if holders else None
    region_id = item.get("region")
    for n, r in enumerate(merged.get("regions") or []):
        if isinstance(r, dict) and r.get("id") == region_id:
            return r.setdefault("lines", []), f"$.regions[{n}].lines"
    return None
