"""Loading a knowledge base: find it, read it once, validate it, report every problem.

The bundled knowledge base is ``data/interventions.yaml``. An installed
wheel also carries it ready-made, in English and in each translation
(``interventions.pickle``, ``interventions.es.pickle``): the same content,
validated and built at build time by ``hatch_build.py`` (nothing generated
is committed), so a command that only reads it neither parses YAML nor
checks it again. A checkout or an editable install reads the YAML.

A knowledge-base file may also extend another one and hold only what it
changes (see ``merge.py``).
"""

from __future__ import annotations

import functools
import types
import typing
from pathlib import Path
from typing import Any

import msgspec

from therapick.base.errors import KBInvalid, Problem
from therapick.kb.schema import KnowledgeBase

if typing.TYPE_CHECKING:
    from therapick.kb import source

# Reading and checking a file (``source``, ``checks``) are imported where they are used: the
# wheel's ready-made knowledge base needs neither (bench/startup.py).

PACKAGE = "therapick"
YAML_NAME = "interventions.yaml"


def prebuilt_name(lang: str = "en") -> str:
    """The ready-made knowledge base in the wheel (written by hatch_build.py) for ``lang``."""
    return "interventions.pickle" if lang == "en" else f"interventions.{lang}.pickle"


def _packaged(name: str) -> Path | None:
    """A data file installed inside the package, or None.

    An installed wheel is a folder on disk, so the file is looked for beside
    this module first; ``importlib.resources`` (about 10 ms to import, a
    tenth of a read command's budget) is asked only when that fails, as for a
    package imported from a zip file.
    """
    package = Path(__file__).parents[1]  # therapick/, above this module's kb/
    beside = package / "data" / name
    if beside.is_file():
        return beside
    if package.is_dir():
        return None  # a checkout or an editable install: the data is at the top of the repository
    from importlib.resources import files

    candidate = files(PACKAGE).joinpath("data").joinpath(name)
    return Path(str(candidate)) if candidate.is_file() else None


def default_path() -> Path:
    """The bundled knowledge base: inside an installed package, else in the checkout."""
    return _packaged(YAML_NAME) or Path(__file__).resolve().parents[3] / "data" / YAML_NAME


def _prebuilt(lang: str) -> KnowledgeBase | None:
    """The wheel's ready-made knowledge base in ``lang``, or None (a checkout, or a damaged file).

    It is a pickle of the validated structs: about a fifth of the cost of
    decoding and checking the same content as JSON (bench/startup.py). It is
    written by the build next to the code that reads it, so it is trusted
    as that code is; anything wrong with it falls back to the YAML.
    """
    found = _packaged(prebuilt_name(lang)) if lang.isascii() and lang.isalpha() else None
    if found is None:
        return None
    import pickle

    try:
        # Only ever the package's own file, beside its code (never a path a person or the
        # environment gives): unpickling it trusts nothing the code itself does not.
        kb = pickle.loads(found.read_bytes())  # noqa: S301
    except Exception:  # damaged or from another build (unpickling raises many kinds): read the YAML
        return None
    return kb if isinstance(kb, KnowledgeBase) else None


def bundled(lang: str = "en") -> KnowledgeBase:
    """The bundled knowledge base in ``lang`` (English where a text has no translation)."""
    if lang == "en":
        return load()
    kb = _prebuilt(lang)
    if kb is not None:
        return kb
    from therapick.kb import translate

    translation: KnowledgeBase = translate.translated(load(), default_path(), lang)
    return translation


def fallback(lang: str = "en") -> KnowledgeBase:
    """The floor under every failure: the bundled knowledge base, whose crisis lines are shown when
    the configured one (``--kb``, its translation) cannot be used.

    Loaded only then (help-now stays as fast as ``--help``), in ``lang``, or
    in English if even the bundled translation cannot be had.
    """
    if lang == "en":
        return load()
    try:
        return bundled(lang)
    except Exception:  # the package's own translation, damaged: its English still has every line
        return load()


def load(path: Path | str | None = None) -> KnowledgeBase:
    """Load and validate a knowledge base (``-`` is stdin; None is the bundled one, in English);
    raise ``KBInvalid`` if it is not valid."""
    if path is None:
        kb = _prebuilt("en")
        if kb is not None:
            return kb
        path = default_path()
    from therapick.kb import source

    name = str(path)
    shown = "stdin" if name == "-" else name
    return loads(source.decode(source.read(path), shown), shown, base_dir=None if name == "-" else Path(path).parent)


def loads(text: str, name: str = "<knowledge base>", base_dir: Path | None = None) -> KnowledgeBase:
    """Parse and validate a knowledge base given as YAML or JSON text."""
    kb, problems = validate_text(text, name, base_dir)
    if kb is None or problems:
        raise KBInvalid(name, problems)
    return kb


def validate_text(
    text: str, name: str, base_dir: Path | None = None, warnings: bool = False
) -> tuple[KnowledgeBase | None, list[Problem]]:
    """The knowledge base (if it could be built) and every error found, each with its line.

    With ``warnings``, a valid knowledge base's warnings (risky content,
    ``checks.warnings``) follow, with their lines too.

    The text is parsed once: JSON by the C decoder first (much faster for a
    large file), else by the YAML parse that maps every path to its line.
    Only a JSON file with problems is parsed a second time, for the lines.
    """
    from therapick.kb import checks, source

    doc: Any = None
    lines: source.Lines | None = None
    if text.lstrip().startswith("{"):
        doc = source.parse_json_fast(text)
    if doc is None:
        doc, lines = source.parse(text, name)
    if isinstance(doc, dict) and "extends" in doc:
        from therapick.kb.merge import resolve

        doc, lines, changes = resolve(doc, lines or source.parse(text, name)[1], name, base_dir, load)
        if changes:  # and what the merged document lacks, in the same run
            return None, changes + _with_lines(_shape(doc) or _all(doc), lines, text, name)
    problems = _shape(doc)
    if problems:
        return None, _with_lines(problems, lines, text, name)
    kb, problems = convert(doc)
    if kb is not None:
        problems = checks.check(kb)
        if warnings and not problems:
            problems = checks.warnings(kb)
    return kb, _with_lines(problems, lines, text, name) if problems else []


def _all(doc: dict[str, Any]) -> list[Problem]:
    from therapick.kb import checks

    kb, problems = convert(doc)
    return checks.check(kb) if kb is not None else problems


def _shape(doc: Any) -> list[Problem]:
    if doc is None:
        return [Problem("the file is empty")]
    if not isinstance(doc, dict):
        return [Problem(f"the top level must be a mapping of sections, not {_kind(doc)}", "$")]
    return []


def _with_lines(problems: list[Problem], lines: source.Lines | None, text: str, name: str) -> list[Problem]:
    if lines is None:
        from therapick.kb import source

        try:
            lines = source.parse(text, name)[1]
        except KBInvalid as e:
            return e.problems
    from therapick.kb.merge import MergedLines

    merged = lines if isinstance(lines, MergedLines) else None
    for p in problems:
        if p.line is None and p.path:
            p.line = lines.of(p.path)
        if merged is not None and p.path:  # where the extending file wrote it, or that it was inherited
            written = merged.in_file(p.path)
            if written is not None:
                p.path = written
            elif p.path != "$":
                p.message += " (in what this file extends)"
    return problems


def convert(doc: dict[str, Any]) -> tuple[KnowledgeBase | None, list[Problem]]:
    """Plain data -> KnowledgeBase; on failure, every structural problem, not just the first.

    msgspec stops at the first error, so after a failure the document is
    walked along the schema: every unknown key and missing field of a
    mapping, and every part that fails on its own, down to the smallest one
    (an item of a list, a field of an item), is reported.
    """
    try:
        return msgspec.convert(doc, KnowledgeBase, strict=True), []
    except msgspec.ValidationError as e:
        return None, _problems(doc, KnowledgeBase, "$", e) or [_problem_from(str(e), "$")]


def _problems(value: Any, tp: Any, path: str, error: msgspec.ValidationError | None = None) -> list[Problem]:
    """Every problem converting ``value`` (at ``path``) to ``tp``; [] if it converts."""
    if error is None:
        try:
            msgspec.convert(value, tp, strict=True)
            return []
        except msgspec.ValidationError as e:
            error = e
    inner = _unwrap(tp, value)
    out: list[Problem] = []
    if isinstance(inner, type) and issubclass(inner, msgspec.Struct) and isinstance(value, dict):
        fields = _fields(inner)
        what = "section" if path == "$" else "key"
        if inner.__struct_config__.forbid_unknown_fields:
            out += [_unknown(str(k), path, list(fields)) for k in value if k not in fields]
        for key, field in fields.items():
            if key not in value:
                if field.required:
                    out.append(Problem(f"missing required {what} '{key}'", path))
                continue
            out += _problems(value[key], field.type, f"{path}.{key}")
    elif _origin(inner) is list and isinstance(value, list):
        item_type = typing.get_args(inner)[0] if typing.get_args(inner) else Any
        for n, item in enumerate(value):
            out += _problems(item, item_type, f"{path}[{n}]")
    elif _origin(inner) is dict and isinstance(value, dict):
        args = typing.get_args(inner)
        for key, item in value.items():
            if args:
                out += _problems(key, args[0], f"{path}.{key}")
                out += _problems(item, args[1], f"{path}.{key}")
    elif _origin(inner) is typing.Literal:
        allowed = ", ".join(repr(v) if not isinstance(v, str) else v for v in typing.get_args(inner))
        shown = value if isinstance(value, str) else repr(value)
        return [Problem(f"'{shown}' is not allowed; the values are: {allowed}", path)]
    return out or [_problem_from(str(error), path)]


@functools.cache
def _fields(struct: type) -> dict[str, Any]:
    return {f.encode_name: f for f in msgspec.structs.fields(struct)}


def _origin(tp: Any) -> Any:
    return typing.get_origin(tp) or (tp if tp in (list, dict) else None)


def _unwrap(tp: Any, value: Any) -> Any:
    """The type to descend into: without ``Annotated``, and the member of a union that ``value`` is meant for."""
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        members = [_unwrap(m, value) for m in typing.get_args(tp) if m is not type(None)]
        for m in members:
            if isinstance(m, type) and issubclass(m, msgspec.Struct) and isinstance(value, dict):
                return m
            if _origin(m) in (list, dict) and isinstance(value, _origin(m)):
                return m
        return members[0] if len(members) == 1 else tp
    return tp


def _problem_from(error: str, prefix: str) -> Problem:
    import re

    message, _, path = error.partition(" - at `")
    path = path.rstrip("`") or "$"
    full = prefix + path[1:] if path.startswith("$") else prefix
    unknown = re.search(r"unknown field `([^`]+)`", message)
    if unknown:
        return Problem(f"unknown key '{unknown.group(1)}'", f"{full}.{unknown.group(1)}")
    return Problem(_plain(message, full), full)


def _unknown(key: str, path: str, known: list[str]) -> Problem:
    import difflib

    hint = difflib.get_close_matches(key, known, n=1)
    more = f" (did you mean '{hint[0]}'?)" if hint else ""
    return Problem(f"unknown key '{key}'{more}", f"{path}.{key}")


_PATTERN_WORDS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "a lowercase, hyphenated id",
    "^([A-Z]{2}|other)$": "a two-letter region code or 'other'",
    "^([a-z0-9]+(-[a-z0-9]+)*|[A-Z]{2})$": "an option id",
    "^https://\\S+$": "an https:// address",
    "^\\d{4}-\\d{2}(-\\d{2})?$": "a date like 2026-11 or 2026-11-25",
}


def _plain(message: str, path: str = "") -> str:
    import re

    from therapick.kb.schema import TEXT_PATTERN

    message = message.replace("`", "'")
    m = re.fullmatch(r"Expected 'str' matching regex '(.*)'", message)
    if m:
        pattern = m.group(1).replace("\\\\", "\\")
        if pattern == TEXT_PATTERN.replace("\\\\", "\\") or "200b" in pattern:
            return (
                "expected text that is not blank, with no control characters (such as terminal escape "
                "sequences) and no invisible format characters (zero-width or right-to-left marks)"
            )
        return f"expected {_PATTERN_WORDS.get(pattern, 'text matching ' + pattern)}"
    m = re.fullmatch(r"Invalid enum value '(.*)'", message)
    if m:
        allowed = _literals().get(path.rsplit(".", 1)[-1])
        return f"'{m.group(1)}' is not allowed" + (f"; the values are: {', '.join(allowed)}" if allowed else "")
    m = re.fullmatch(r"Expected '([^']*)', got '([^']*)'", message)
    if m:
        wanted = " or ".join(_TYPE_WORDS.get(t.strip(), t.strip()) for t in m.group(1).split("|"))
        return f"expected {wanted}, not {_TYPE_WORDS.get(m.group(2), m.group(2))}"
    return message


_TYPE_WORDS = {
    "str": "text",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "nothing",
}


@functools.lru_cache(maxsize=1)
def _literals() -> dict[str, list[str]]:
    """Field name -> allowed values, for every Literal field in the schema."""
    import typing

    from therapick.kb import schema

    out: dict[str, list[str]] = {}
    for obj in vars(schema).values():
        if isinstance(obj, type) and issubclass(obj, msgspec.Struct):
            for f in msgspec.structs.fields(obj):
                tp = f.type
                if typing.get_origin(tp) is typing.Literal:
                    out[f.encode_name] = [str(v) for v in typing.get_args(tp)]
    return out


def _kind(value: Any) -> str:
    return {list: "a list", str: "plain text", int: "a number", float: "a number", bool: "true/false"}.get(
        type(value), type(value).__name__
    )
