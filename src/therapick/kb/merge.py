"""A knowledge base that extends another and holds only what it changes.

A clinic's file says ``extends: therapick`` (the bundled knowledge base) or
``extends: other.yaml`` (a path relative to the file), then any of the
operations below, each a mapping of section to a list; any other top-level
section (``disclaimer``, ``updated``, ``notes``, ``questionnaire``, ...)
given directly replaces that section whole.

One rule for every section: an item is named by its id, and ids are unique
in their section (an option's id in its question).

- ``remove:`` ids to drop (``{id: ..., question: ...}`` where an id alone
  does not say which, as an option's may not);
- ``replace:`` whole items, each taking the place of the item with its id;
- ``change:`` an id and the fields to set on that item; the rest is kept
  (``place`` alone moves it);
- ``add:`` new items, placed last unless ``place`` says otherwise.

Items that live inside another name it with a key: a support line or a
route to a professional its ``region``, an evidence entry, a situation or a
provider route its ``intervention``, an option its ``question``. A new item must
name it (a route without ``region`` holds in every region); a replaced or
changed item may, but only the one it is in (remove it and add one to move
it elsewhere). ``place`` puts an added, replaced or changed item ``first``,
``last``, ``{before: ID}`` or ``{after: ID}`` in its list; a list's order
is the order on every screen and in every file (crisis lines still come
first in a crisis).

The operations are applied after the sections given directly, in the order
``remove``, ``replace``, ``change``, ``add``. Removing, replacing or changing
an id that does not exist, or adding one that already exists, is an error
that names the id, with its line; so is an unknown section or operation.
The result is then validated as a whole, like any knowledge base, and every
problem in what the file wrote is reported at its line and path in the file
(``$.add.lines[0].contact``); a problem in what it inherits names the merged
path and says what this file did to cause it (the base is valid on its own).
``extends`` may chain (a file extending a file extending ``therapick``) up to
``MAX_CHAIN`` files; a file that extends itself, directly or through others,
is an error, and a problem in a file extended is reported in that file.

Why it is over 400 lines: the four operations, for every section and for items inside others,
with the line of each change kept for its problems; one rule applied everywhere, in one place.
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from therapick.base.errors import KBInvalid, Problem
from therapick.kb.source import Lines


class Section(NamedTuple):
    what: str  # one item, in messages
    holder: str | None = None  # the key naming the item that holds it ("region"), if any
    holder_what: str = ""  # what that key names, in messages
    needs_holder: bool = True  # whether a new item must name its holder


SECTIONS: dict[str, Section] = {
    "notes": Section("note"),
    "categories": Section("category"),
    "techniques": Section("technique"),
    "goals": Section("goal"),
    "scenarios": Section("scenario"),
    "regions": Section("region"),
    "interventions": Section("intervention"),
    "lines": Section("support line", "region", "region"),
    "resources": Section("route to a professional", "region", "region", needs_holder=False),
    "providers": Section("provider route", "intervention", "intervention"),
    "evidence": Section("evidence entry", "intervention", "intervention"),
    "situations": Section("situation", "intervention", "intervention"),  # what a source says there (issue 20)
    "no_good_fit": Section("situation none fits well"),
    "questions": Section("question"),
    "options": Section("option", "question", "question"),
    "steps": Section("safety-plan step"),
    "countries": Section("country"),  # emergency numbers by country, for a person somewhere else
}
OPERATIONS = ("remove", "replace", "change", "add")  # the order they are applied in
PLACES = ("first", "last")  # or {before: ID}, {after: ID}
MAX_CHAIN = 5
BUNDLED = "therapick"

_chain: list[str] = []  # the files being resolved, outermost first (to refuse a cycle)


class MergedLines(Lines):
    """The line map of a merged document: lines in the extending file, and its own paths.

    ``by_path`` maps a path in the merged document to its line in the
    extending file (only for what that file wrote); ``origin`` maps the same
    merged path to the path in the file, so a problem is reported where the
    person wrote it. ``changed`` holds each id the file removed, replaced or
    changed, with the operation and its path in the file; ``base`` is the
    knowledge base extended, as loaded.
    """

    def __init__(self) -> None:
        super().__init__()
        self.origin: dict[str, str] = {}
        self.changed: dict[str, tuple[str, str, int | None]] = {}  # id -> operation, path and line in the file
        self.base: Any = None
        self.base_warnings: set[str] | None = None  # the base's own warnings, when asked once

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

    def touched(self, path: str) -> bool:
        """Whether the file wrote ``path``, a part of it, or what holds it."""
        if self._nearest(path) is not None:
            return True
        return any(p.startswith((path + ".", path + "[")) for p in self.origin)


Load = Callable[[Path | None], Any]  # the loader's own ``load``: a path (None: the bundled base) -> a knowledge base


def _base(name: Any, source: str, base_dir: Path | None, line: int | None, load: Load) -> tuple[Any, dict[str, Any]]:
    """The knowledge base extended, and the same as plain data."""
    import msgspec

    where = "$.extends"
    if name == BUNDLED:
        kb = load(None)
        return kb, msgspec.to_builtins(kb)
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
        kb = load(path)
    except KBInvalid as e:  # each problem said where it is: in the file extended (or further down), not here
        for p in e.problems:
            p.file = p.file or e.source
        raise KBInvalid(
            source, [*e.problems, Problem(f"the file it extends is not valid: {e.source}", where, line)]
        ) from None
    return kb, msgspec.to_builtins(kb)


def _key(path: Path) -> str:
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return str(path)


def resolve(
    doc: dict[str, Any], lines: Lines, source: str, base_dir: Path | None, load: Load
) -> tuple[dict[str, Any], MergedLines, list[Problem]]:
    """The complete document ``doc`` describes, its line map (lines in ``doc``'s own file), and the
    problems in its changes (each with its line; some only warnings); the caller validates the result
    too, so every problem is found in one run. ``load`` reads the file extended (the loader passes its
    own, so this module need not import it). A base that cannot be loaded raises ``KBInvalid``."""
    me = _key(Path(source)) if base_dir is not None else source
    _chain.append(me)
    try:
        base, data = _base(doc.get("extends"), source, base_dir, lines.of("$.extends"), load)
    finally:
        _chain.pop()
    merged = copy.deepcopy(data)
    problems: list[Problem] = []
    edits = _Edits()

    def problem(message: str, path: str, warning: bool = False) -> None:
        problems.append(Problem(message, path, lines.of(path), warning=warning))

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
        _remember(value, f"$.{key}", edits.written)
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
                hint = difflib.get_close_matches(str(section), list(SECTIONS), n=1)
                more = f" (did you mean '{hint[0]}'?)" if hint else ""
                problem(f"'{op}' names no section '{section}'{more}; the sections are: {', '.join(SECTIONS)}", where)
                continue
            if not isinstance(items, list):
                problem(f"'{op}.{section}' must be a list", where)
                continue
            for n, item in enumerate(items):
                _Change(op, section, f"{where}[{n}]", merged, edits, problem).apply(item)
    out = MergedLines()
    out.base = base
    out.changed = {k: (op, path, lines.of(path)) for k, (op, path) in edits.changed.items()}
    _map(merged, "$", edits, lines, out)
    return merged, out, problems


_STARTER = """\
# A clinic's own knowledge base: it extends the bundled one and holds only
# what it changes; the rest, and every translation, is inherited.
#   therapick validate {name}     every problem, with its line
#   therapick --kb {name} ask     use it (or set THERAPICK_KB)
# Ids: 'therapick hotlines --ids' (lines, routes to a professional),
# 'therapick list' (interventions), 'therapick export --format yaml' (all).
# Spanish for what you add or change goes in {stem}.es.yaml, beside it.
extends: therapick
# Uncomment what you need; applied in this order. See the README's
# "Your own knowledge base" for every section and key.
# remove:
#   resources: [us-mha]            # ids, wherever they are
# replace:                         # whole items, each in its place
#   lines: [{{id: gb-shout, ...}}]
# change:                          # only the fields given
#   interventions: [{{id: cbt, summary: What we offer.}}]
# add:
#   lines:
#     - id: gb-our-line
#       region: GB                 # where it goes
#       place: first               # or last, {{before: ID}}, {{after: ID}}
#       name: Our crisis line
#       contact: [{{method: call, value: "..."}}]
#       purpose: our patients in crisis
#       hours: 24/7
#       url: https://...
#       checked: "2026-11"
#       crisis: true
#       show_for: {{always: true}}
"""


def starter(name: str = "") -> str:
    """A short, commented starting file (valid as it is) for a clinic's knowledge base called ``name``."""
    name = name or "my-clinic.yaml"
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return _STARTER.format(name=name, stem=stem)


def _sections() -> list[str]:
    import msgspec

    from therapick.kb.schema import KnowledgeBase

    return [f.encode_name for f in msgspec.structs.fields(KnowledgeBase)]


class _Edits:
    """What the file wrote, by identity: containers (``written``) and fields set on inherited items (``fields``)."""

    def __init__(self) -> None:
        self.written: dict[int, str] = {}  # id() of an object the file wrote -> its path in the file
        self.fields: dict[int, dict[str, str]] = {}  # id() of an inherited mapping -> key -> path in the file
        self.changed: dict[str, tuple[str, str]] = {}  # id -> (operation, path in the file)


def _places(doc: dict[str, Any], section: str) -> list[tuple[str | None, dict[str, Any], str]]:
    """Where ``section``'s items live: (the holder's id, the mapping holding the list, the list's key)."""

    def mappings(value: Any) -> list[dict[str, Any]]:
        return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []

    def holder_id(x: dict[str, Any]) -> str | None:
        value = x.get("id")
        return value if isinstance(value, str) else None

    q = doc.get("questionnaire")
    if section == "lines":
        return [(holder_id(r), r, "lines") for r in mappings(doc.get("regions"))]
    if section == "resources":
        return [(None, doc, "resources"), *((holder_id(r), r, "resources") for r in mappings(doc.get("regions")))]
    if section in ("evidence", "providers", "situations"):
        return [(holder_id(i), i, section) for i in mappings(doc.get("interventions"))]
    if section == "questions":
        return [(None, q, "questions")] if isinstance(q, dict) else []
    if section == "options":
        return [(holder_id(x), x, "options") for x in mappings(q.get("questions"))] if isinstance(q, dict) else []
    if section == "steps":
        plan = doc.get("safety_plan")
        return [(None, plan, "steps")] if isinstance(plan, dict) else []
    return [(None, doc, section)]


def _not_text(given: Any) -> str | None:
    """What is wrong with an id given as a number or true/false, in words (None if it is not one)."""
    if isinstance(given, dict) and "id" in given:
        given = given["id"]
    if not isinstance(given, (bool, int, float)):
        return None
    written = {True: "true", False: "false"}[given] if isinstance(given, bool) else given
    kind = "true or false" if isinstance(given, bool) else "a number"
    return f'an id must be text: {written} is read as {kind}; write "{written}"'


def _ids(lst: list[Any]) -> list[Any]:
    return [x.get("id") if isinstance(x, dict) else None for x in lst]


class _Change:
    """One item of one operation, applied to the merged document (or reported as a problem)."""

    def __init__(self, op: str, section: str, path: str, merged: dict[str, Any], edits: _Edits, problem: Any):
        self.op, self.section, self.path = op, section, path
        self.sec = SECTIONS[section]
        self.merged, self.edits, self.problem = merged, edits, problem

    def apply(self, item: Any) -> None:
        sec, op = self.sec, self.op
        controls = {"place", *([sec.holder] if sec.holder else [])}
        if op == "remove":
            named = {"id", *controls} - {"place"}  # {id: ..., question: ...}
            if isinstance(item, dict) and isinstance(item.get("id"), str) and set(item) <= named:
                item_id, spec = item["id"], item
            elif isinstance(item, str):
                item_id, spec = item, {}
            else:
                hint = f" (or {{id: ..., {sec.holder}: ...}})" if sec.holder else ""
                self.problem(_not_text(item) or f"give the ids to remove{hint}", self.path)
                return
        elif isinstance(item, dict) and isinstance(item.get("id"), str):
            item_id, spec = item["id"], item
        else:
            given = item.get("id") if isinstance(item, dict) else None
            self.problem(_not_text(given) or "each item needs an id", self.path)
            return
        holder = spec.get(sec.holder) if sec.holder else None
        if holder is not None and not isinstance(holder, str):
            self.problem(f"'{sec.holder}' must be the id of a {sec.holder_what}", f"{self.path}.{sec.holder}")
            return
        new = {k: v for k, v in spec.items() if k not in controls}
        if op == "add":
            self._add(item_id, holder, new, spec.get("place"))
            return
        found = self._one(item_id, holder)
        if found is None:
            return
        held, lst, n = found
        self.edits.changed[item_id] = (op, self.path)
        if op == "remove":
            lst.pop(n)
            self._also_elsewhere(item_id)
            return
        if op == "replace":
            lst[n] = new
            _remember(new, self.path, self.edits.written)
        else:  # change: the fields given, on the item as it is
            target = lst[n]
            fields = self.edits.fields.setdefault(id(target), {})
            for key, value in new.items():
                if key == "id":
                    continue
                target[key] = value
                fields[key] = f"{self.path}.{key}"
                _remember(value, f"{self.path}.{key}", self.edits.written)
        if "place" in spec:
            moved = lst.pop(n)
            at = self._position(lst, spec["place"], item_id, held)
            lst.insert(len(lst) if at is None else at, moved)

    def _where(self, held: str | None) -> str:
        sec = self.sec
        if sec.holder is None:
            return f"the {self.section}"
        if held is None:
            return "the routes for every region"
        return f"{sec.holder_what} {held}"

    def _one(self, item_id: str, holder: str | None) -> tuple[str | None, list[Any], int] | None:
        """The one item with ``item_id`` (in ``holder``, if named), or None once the problem is said."""
        sec, op = self.sec, self.op
        found = [
            (held, lst, n)
            for held, owner, key in _places(self.merged, self.section)
            if isinstance(lst := owner.get(key), list)
            for n, x in enumerate(lst)
            if isinstance(x, dict) and x.get("id") == item_id
        ]
        if not found:
            known = [
                str(i)
                for _, owner, key in _places(self.merged, self.section)
                if isinstance(owner.get(key), list)
                for i in _ids(owner[key])
                if isinstance(i, str)
            ]
            hint = difflib.get_close_matches(item_id, known, n=1)
            more = f" (did you mean '{hint[0]}'?)" if hint else ""
            self.problem(f"cannot {op} {sec.what} '{item_id}': there is none with that id{more}", self.path)
            return None
        mine = [f for f in found if holder is None or f[0] == holder]
        if not mine:
            here = ", ".join(self._where(f[0]) for f in found)
            stays = f"; a {op}d {sec.what} stays where it is (remove it and add one to move it)"
            stays = "" if op == "remove" else stays
            at = f"{self.path}.{sec.holder}"
            self.problem(f"{sec.what} '{item_id}' is in {here}, not in {sec.holder_what} {holder}{stays}", at)
            return None
        if len(mine) > 1:
            held = ", ".join(str(f[0]) for f in mine)
            self.problem(
                f"{sec.what} '{item_id}' is in more than one {sec.holder_what} ({held}): say which with '{sec.holder}'",
                self.path,
            )
            return None
        return mine[0]

    def _add(self, item_id: str, holder: str | None, new: dict[str, Any], place: Any) -> None:
        sec = self.sec
        places = _places(self.merged, self.section)
        if sec.holder is not None and (holder is not None or sec.needs_holder):
            choices = [h for h, _, _ in places if h is not None]
            target: tuple[str | None, dict[str, Any], str] | None = next(
                ((h, o, k) for h, o, k in places if h is not None and h == holder), None
            )
            if target is None:
                unknown = f"there is no {sec.holder_what} '{holder}'; " if holder is not None else ""
                self.problem(
                    f"{unknown}a new {sec.what} needs '{sec.holder}', one of: {', '.join(choices)}",
                    f"{self.path}.{sec.holder}" if holder is not None else self.path,
                )
                return
        else:
            target = places[0] if places else None
            if target is None:
                return  # nothing to hold it (a section the file broke): the structural check says so
        held, owner, key = target
        # Unique in the section (an option: in its question).
        scope = [target] if self.section == "options" else places
        if any(isinstance(o.get(k), list) and item_id in _ids(o[k]) for _, o, k in scope):
            self.problem(
                f"cannot add {sec.what} '{item_id}': there is already one with that id (use replace or change)",
                self.path,
            )
            return
        lst = owner.setdefault(key, [])
        if not isinstance(lst, list):
            return  # the structural check reports the list that is not one
        at = self._position(lst, place, item_id, held) if place is not None else None
        lst.insert(len(lst) if at is None else at, new)
        _remember(new, self.path, self.edits.written)

    def _position(self, lst: list[Any], place: Any, item_id: str, held: str | None) -> int | None:
        """The index ``place`` names in ``lst`` (None: last, or a problem said)."""
        where = f"{self.path}.place"
        if place in PLACES:
            return 0 if place == "first" else None
        if isinstance(place, dict) and len(place) == 1 and next(iter(place)) in ("before", "after"):
            how, other = next(iter(place.items()))
            ids = _ids(lst)
            if other in ids:
                return ids.index(other) + (1 if how == "after" else 0)
            self.problem(
                f"cannot place {self.sec.what} '{item_id}' {how} '{other}': there is no {self.sec.what} "
                f"'{other}' in {self._where(held)}",
                where,
            )
            return None
        self.problem("'place' must be first, last, {before: ID} or {after: ID}", where)
        return None

    def _also_elsewhere(self, item_id: str) -> None:
        """A support line and a route to a professional may share an id (one service in two lists)."""
        other = {"lines": "resources", "resources": "lines"}.get(self.section)
        if other is None:
            return
        for _, owner, key in _places(self.merged, other):
            if isinstance(owner.get(key), list) and item_id in _ids(owner[key]):
                what = SECTIONS[other].what
                self.problem(
                    f"'{item_id}' also names a {what}, which stays; to take it off every screen, "
                    f"remove it under '{other}' too",
                    self.path,
                    warning=True,
                )
                return


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


def _map(node: Any, path: str, edits: _Edits, lines: Lines, out: MergedLines) -> None:
    """Walk the merged document once; map each place the file wrote to its line and path there.

    Identity, not position: a removal before a replaced item moves it, and
    its line still follows it.
    """
    if isinstance(node, dict):
        origin = edits.written.get(id(node))
        if origin is not None:
            _own(path, origin, lines, out)
        fields = edits.fields.get(id(node), {})
        for k, v in node.items():
            sub = f"{path}.{k}"
            if isinstance(v, (dict, list)):
                _map(v, sub, edits, lines, out)
            elif origin is not None:
                _own(sub, f"{origin}.{k}", lines, out)
            elif k in fields:
                _own(sub, fields[k], lines, out)
    elif isinstance(node, list):
        origin = edits.written.get(id(node))
        if origin is not None:
            _own(path, origin, lines, out)
        for n, v in enumerate(node):
            sub = f"{path}[{n}]"
            if isinstance(v, (dict, list)):
                _map(v, sub, edits, lines, out)
            elif origin is not None:
                _own(sub, f"{origin}[{n}]", lines, out)


def _own(merged_path: str, file_path: str, lines: Lines, out: MergedLines) -> None:
    out.origin[merged_path] = file_path
    line = lines.by_path.get(file_path)
    if line is None:
        line = lines.of(file_path)
    if line is not None:
        out.by_path[merged_path] = line
