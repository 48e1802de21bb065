"""A knowledge base that extends another and holds only what it changes.

A clinic's file says ``extends: therapick`` (the bundled knowledge base) or
``extends: other.yaml`` (a path relative to the file), then any of:

- ``remove:`` per section, a list of ids to drop;
- ``replace:`` per section, a list of items, each replacing whole the item
  with the same id (a replaced support line stays in its region; it may
  name that ``region``, but no other);
- ``add:`` per section, a list of new items, appended (a new support line
  names its ``region``);
- any top-level section (``disclaimer``, ``updated``, ``notes``,
  ``questionnaire``, ...) given directly, which replaces that section whole.

Sections: ``notes``, ``categories``, ``techniques``, ``goals``,
``scenarios``, ``resources``, ``regions``, ``interventions``, ``lines``
(support lines, in whichever region holds them) and ``questions``.

The rules, applied in this order: sections given directly, then
``remove``, ``replace``, ``add``. Removing or replacing an id that does not
exist, or adding one that already exists, is an error that names the id,
with its line; so is an unknown section or operation. The result is then
validated as a whole, like any knowledge base, and every problem in what the
file wrote is reported at its line and path in the file (``$.replace.lines[0]
.contact``); a problem in what it inherits names the merged path. ``extends``
may chain (a file extending a file extending ``therapick``) up to
``MAX_CHAIN`` files; a file that extends itself, directly or through others,
is an error.

Example (replace the UK's Samaritans line with a clinic's own, add one)::

    extends: therapick
    replace:
      lines:
        - id: gb-samaritans
          name: Riverside Clinic crisis line
          contact: [{method: call, value: "020 7946 0000"}]
          purpose: our patients in crisis
          hours: 24/7
          url: https://riverside.example/crisis
          checked: "2026-11"
          crisis: true
          show_for: {always: true}
    add:
      lines:
        - {id: gb-riverside, region: GB, ...}
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from therapick.base.errors import KBInvalid, Problem
from therapick.kb.source import Lines

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
OPERATIONS = ("remove", "replace", "add")  # the order they are applied in
MAX_CHAIN = 5
BUNDLED = "therapick"

_chain: list[str] = []  # the files being resolved, outermost first (to refuse a cycle)


class MergedLines(Lines):
    """The line map of a merged document: lines in the extending file, and its own paths.

    ``by_path`` maps a path in the merged document to its line in the
    extending file (only for what that file wrote); ``origin`` maps the same
    merged path to the path in the file, so a problem is reported where the
    person wrote it.
    """

    def __init__(self) -> None:
        super().__init__()
        self.origin: dict[str, str] = {}

    def of(self, path: str) -> int | None:
        p = self._nearest(path)
        return self.by_path.get(p) if p is not None else None

    def _nearest(self, path: str) -> str | None:
        while path:
            if path in self.origin:
                return path
            cut = max(path.rfind("."), path.rfind("["))
            if cut <= 0:
                return None
            path = path[:cut]
        return None

    def in_file(self, path: str) -> str | None:
        """The path in the extending file of merged ``path``; None when it was inherited."""
        p = self._nearest(path)
        return None if p is None else self.origin[p] + path[len(p) :]


Load = Callable[[Path | None], Any]  # the loader's own ``load``: a path (None: the bundled base) -> a knowledge base


def _base(name: Any, source: str, base_dir: Path | None, line: int | None, load: Load) -> dict[str, Any]:
    import msgspec

    where = "$.extends"
    if name == BUNDLED:
        data: dict[str, Any] = msgspec.to_builtins(load(None))
        return data
    if not isinstance(name, str) or not name.strip():
        raise KBInvalid(source, [Problem(f"'extends' must be '{BUNDLED}' or a file name", where, line)])
    path = Path(name) if Path(name).is_absolute() or base_dir is None else base_dir / name
    key = _key(path)
    if key in _chain:
        loop = " -> ".join([*_chain[_chain.index(key) :], key])
        raise KBInvalid(source, [Problem(f"'extends' goes round in a circle: {loop}", where, line)])
    if len(_chain) >= MAX_CHAIN:
        raise KBInvalid(source, [Problem(f"'extends' chains more than {MAX_CHAIN} files deep", where, line)])
    try:
        data = msgspec.to_builtins(load(path))
    except KBInvalid as e:  # said where it is: in the file extended, not in this one
        raise KBInvalid(
            source,
            [Problem(f"the file it extends is not valid: {p.format(e.source)}", where, line) for p in e.problems],
        ) from None
    return data


def _key(path: Path) -> str:
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return str(path)


def resolve(
    doc: dict[str, Any], lines: Lines, source: str, base_dir: Path | None, load: Load
) -> tuple[dict[str, Any], MergedLines, list[Problem]]:
    """The complete document ``doc`` describes, its line map (lines in ``doc``'s own file), and the
    problems in its changes (each with its line); the caller validates the result too, so every
    problem is found in one run. ``load`` reads the file extended (the loader passes its own, so
    this module need not import it). A base that cannot be loaded raises ``KBInvalid``."""
    me = _key(Path(source)) if base_dir is not None else source
    _chain.append(me)
    try:
        merged = copy.deepcopy(_base(doc.get("extends"), source, base_dir, lines.of("$.extends"), load))
    finally:
        _chain.pop()
    problems: list[Problem] = []
    written: dict[int, str] = {}  # id() of an object the file wrote -> its path in the file

    def problem(message: str, path: str) -> None:
        problems.append(Problem(message, path, lines.of(path)))

    known = _sections()
    for key, value in doc.items():
        if key == "extends" or key in OPERATIONS:
            continue
        if key not in known:
            hint = difflib.get_close_matches(str(key), [*OPERATIONS, "extends", *known], n=1)
            more = f" (did you mean '{hint[0]}'?)" if hint else ""
            problem(f"unknown key '{key}'{more}", f"$.{key}")
            continue
        merged[key] = value
        _remember(value, f"$.{key}", written)
    for key in doc:
        if key in OPERATIONS and doc[key] is not None and not isinstance(doc[key], dict):
            problem(f"'{key}' must be a mapping of section to items", f"$.{key}")
    for op in OPERATIONS:
        spec = doc.get(op)
        if not isinstance(spec, dict):
            continue
        for section, items in spec.items():
            where = f"$.{op}.{section}"
            if section not in SECTIONS:
                problem(f"'{op}' names no section '{section}'; the sections are: {', '.join(SECTIONS)}", where)
                continue
            if not isinstance(items, list):
                problem(f"'{op}.{section}' must be a list", where)
                continue
            for n, item in enumerate(items):
                _apply(op, section, item, f"{where}[{n}]", merged, written, problem)
    out = MergedLines()
    _map(merged, "$", written, lines, out)
    return merged, out, problems


def _sections() -> list[str]:
    import msgspec

    from therapick.kb.schema import KnowledgeBase

    return [f.encode_name for f in msgspec.structs.fields(KnowledgeBase)]


def _apply(
    op: str,
    section: str,
    item: Any,
    ipath: str,
    merged: dict[str, Any],
    written: dict[int, str],
    problem: Any,
) -> None:
    what = {"lines": "support line", "categories": "category", "techniques": "technique"}.get(section, section[:-1])
    item_id = item if op == "remove" else (item.get("id") if isinstance(item, dict) else None)
    if not isinstance(item_id, str):
        problem("give the ids to remove" if op == "remove" else "each item needs an id", ipath)
        return
    holders = _lists(merged)[section]
    found = next(
        ((lst, i) for lst in holders for i, x in enumerate(lst) if isinstance(x, dict) and x.get("id") == item_id),
        None,
    )
    if op in ("replace", "remove") and found is None:
        problem(f"cannot {op} {what} '{item_id}': there is none with that id", ipath)
        return
    if op == "add" and found is not None:
        problem(f"cannot add {what} '{item_id}': there is already one with that id (use replace)", ipath)
        return
    if op == "remove" and found is not None:
        found[0].pop(found[1])
        return
    if op == "replace" and found is not None:
        if section == "lines" and "region" in item:
            regions = [r for r in merged.get("regions") or [] if isinstance(r, dict)]
            held = next((r.get("id") for r in regions if r.get("lines") is found[0]), None)
            if item["region"] != held:
                problem(
                    f"support line '{item_id}' is in region {held}; a replaced line stays in its region "
                    "(remove it and add one to move it)",
                    f"{ipath}.region",
                )
                return
            new = {k: v for k, v in item.items() if k != "region"}
            written[id(new)] = ipath
            for k, v in new.items():
                _remember(v, f"{ipath}.{k}", written)
            found[0][found[1]] = new
            return
        found[0][found[1]] = item
        _remember(item, ipath, written)
        return
    target = _add_target(merged, section, item, holders)
    if target is None:
        region_ids = [r.get("id") for r in merged.get("regions") or [] if isinstance(r, dict)]
        problem(f"a new support line needs 'region', one of: {', '.join(map(str, region_ids))}", ipath)
        return
    if section == "lines":
        new = {k: v for k, v in item.items() if k != "region"}
        written[id(new)] = ipath
        for k, v in new.items():
            _remember(v, f"{ipath}.{k}", written)
        target.append(new)
    else:
        target.append(item)
        _remember(item, ipath, written)


def _lists(doc: dict[str, Any]) -> dict[str, list[list[Any]]]:
    """Section -> the lists that hold its items."""
    out: dict[str, list[list[Any]]] = {}
    for section in SECTIONS:
        if section == "lines":
            out[section] = [r.setdefault("lines", []) for r in doc.get("regions") or [] if isinstance(r, dict)]
            out[section] = [x for x in out[section] if isinstance(x, list)]
        elif section == "questions":
            q = doc.get("questionnaire")
            qs = q.setdefault("questions", []) if isinstance(q, dict) else None
            out[section] = [qs] if isinstance(qs, list) else []
        else:
            value = doc.setdefault(section, [])
            out[section] = [value] if isinstance(value, list) else []
    return out


def _add_target(
    merged: dict[str, Any], section: str, item: dict[str, Any], holders: list[list[Any]]
) -> list[Any] | None:
    if section != "lines":
        return holders[0] if holders else None
    region_id = item.get("region")
    for r in merged.get("regions") or []:
        if isinstance(r, dict) and r.get("id") == region_id:
            lst = r.setdefault("lines", [])
            return lst if isinstance(lst, list) else None
    return None


def _remember(value: Any, path: str, written: dict[int, str]) -> None:
    """Note every container the file wrote under ``path``, by identity."""
    if isinstance(value, dict):
        written[id(value)] = path
        for k, v in value.items():
            _remember(v, f"{path}.{k}", written)
    elif isinstance(value, list):
        written[id(value)] = path
        for n, v in enumerate(value):
            _remember(v, f"{path}[{n}]", written)


def _map(node: Any, path: str, written: dict[int, str], lines: Lines, out: MergedLines) -> None:
    """Walk the merged document once; map each place the file wrote to its line and path there.

    Identity, not position: a removal before a replaced item moves it, and
    its line still follows it.
    """
    if isinstance(node, dict):
        origin = written.get(id(node))
        if origin is not None:
            _own(path, origin, lines, out)
        for k, v in node.items():
            sub = f"{path}.{k}"
            if isinstance(v, (dict, list)):
                _map(v, sub, written, lines, out)
            elif origin is not None:
                _own(sub, f"{origin}.{k}", lines, out)
    elif isinstance(node, list):
        origin = written.get(id(node))
        if origin is not None:
            _own(path, origin, lines, out)
        for n, v in enumerate(node):
            sub = f"{path}[{n}]"
            if isinstance(v, (dict, list)):
                _map(v, sub, written, lines, out)
            elif origin is not None:
                _own(sub, f"{origin}[{n}]", lines, out)


def _own(merged_path: str, file_path: str, lines: Lines, out: MergedLines) -> None:
    out.origin[merged_path] = file_path
    line = lines.by_path.get(file_path)
    if line is None:
        line = lines.of(file_path)
    if line is not None:
        out.by_path[merged_path] = line
