"""Loading a knowledge base: find it, read it once, validate it, report every problem.

The bundled knowledge base is found with ``importlib.resources``. An
installed wheel also carries ``interventions.json``, the same content
pre-decoded at build time by ``hatch_build.py`` (nothing generated is
committed), so a command that only reads it never imports the YAML parser.
A checkout or an editable install reads ``data/interventions.yaml``.

A knowledge-base file may also extend another one and hold only what it
changes (see ``merge.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec

from therapick import checks, source
from therapick.errors import KBInvalid, Problem
from therapick.schema import KnowledgeBase

PACKAGE = "therapick"
YAML_NAME = "interventions.yaml"
PREBUILT_NAME = "interventions.json"  # written into the wheel by hatch_build.py


def _packaged(name: str) -> Path | None:
    from importlib.resources import files

    candidate = files(PACKAGE).joinpath("data").joinpath(name)
    return Path(str(candidate)) if candidate.is_file() else None


def default_path() -> Path:
    """The bundled knowledge base: inside an installed package, else in the checkout."""
    return _packaged(YAML_NAME) or Path(__file__).resolve().parents[2] / "data" / YAML_NAME


def load(path: Path | str | None = None) -> KnowledgeBase:
    """Load and validate a knowledge base (``-`` is stdin); raise ``KBInvalid`` if it is not valid."""
    if path is None:
        prebuilt = _packaged(PREBUILT_NAME)
        if prebuilt is not None:
            try:
                kb = msgspec.json.decode(prebuilt.read_bytes(), type=KnowledgeBase)
            except (OSError, msgspec.DecodeError):
                kb = None
            if kb is not None and not checks.check(kb):
                return kb
        path = default_path()
    name = str(path)
    shown = "stdin" if name == "-" else name
    return loads(source.decode(source.read(path), shown), shown, base_dir=None if name == "-" else Path(path).parent)


def loads(text: str, name: str = "<knowledge base>", base_dir: Path | None = None) -> KnowledgeBase:
    """Parse and validate a knowledge base given as YAML or JSON text."""
    kb, problems = validate_text(text, name, base_dir)
    if kb is None or problems:
        raise KBInvalid(name, problems)
    return kb


def validate_text(text: str, name: str, base_dir: Path | None = None) -> tuple[KnowledgeBase | None, list[Problem]]:
    """The knowledge base (if it could be built) and every error found, each with its line.

    JSON is decoded by the C decoder first (much faster for a large file);
    anything it refuses, or any problem, goes through the one YAML parse
    that maps every path to its line.
    """
    doc: Any = None
    lines: source.Lines | None = None
    if text.lstrip().startswith("{"):
        doc = source.parse_json_fast(text)
    if doc is None:
        doc, lines = source.parse(text, name)
    if isinstance(doc, dict) and "extends" in doc:
        from therapick.merge import resolve

        doc, lines = resolve(doc, lines or source.parse(text, name)[1], name, base_dir)
    problems = _shape(doc)
    if problems:
        return None, _with_lines(problems, lines, text, name)
    kb, problems = convert(doc)
    if kb is not None:
        problems = checks.check(kb)
    return kb, _with_lines(problems, lines, text, name) if problems else []


def _shape(doc: Any) -> list[Problem]:
    if doc is None:
        return [Problem("the file is empty")]
    if not isinstance(doc, dict):
        return [Problem(f"the top level must be a mapping of sections, not {_kind(doc)}", "$")]
    return []


def _with_lines(problems: list[Problem], lines: source.Lines | None, text: str, name: str) -> list[Problem]:
    if lines is None:
        try:
            lines = source.parse(text, name)[1]
        except KBInvalid as e:
            return e.problems
    for p in problems:
        if p.line is None and p.path:
            p.line = lines.of(p.path)
    return problems


def convert(doc: dict[str, Any]) -> tuple[KnowledgeBase | None, list[Problem]]:
    """Plain data -> KnowledgeBase; on failure, every structural problem, not just the first.

    msgspec stops at the first error, so after a failure each section, and
    each item of a list section, is converted on its own to find the rest.
    """
    try:
        return msgspec.convert(doc, KnowledgeBase, strict=True), []
    except msgspec.ValidationError:
        pass
    problems: list[Problem] = []
    fields = {f.encode_name: f for f in msgspec.structs.fields(KnowledgeBase)}
    for key in doc:
        if key not in fields:
            problems.append(_unknown(key, "$", list(fields)))
    for key, field in fields.items():
        if key not in doc:
            if field.required:
                problems.append(Problem(f"missing required section '{key}'", "$"))
            continue
        value = doc[key]
        item_type = _list_item_type(field.type)
        if item_type is not None and isinstance(value, list):
            for n, item in enumerate(value):
                problems += _convert_one(item, item_type, f"$.{key}[{n}]")
            if not problems or not any(p.path.startswith(f"$.{key}") for p in problems):
                problems += _convert_one(value, field.type, f"$.{key}")
        else:
            problems += _convert_one(value, field.type, f"$.{key}")
    return None, problems or [Problem("the knowledge base does not match the schema", "$")]


def _list_item_type(tp: Any) -> Any:
    import typing

    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _list_item_type(typing.get_args(tp)[0])
    if origin is list:
        return typing.get_args(tp)[0]
    return None


def _convert_one(value: Any, tp: Any, prefix: str) -> list[Problem]:
    try:
        msgspec.convert(value, tp, strict=True)
        return []
    except msgspec.ValidationError as e:
        return [_problem_from(str(e), prefix)]


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

    from therapick.schema import TEXT_PATTERN

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
    return message


def _literals() -> dict[str, list[str]]:
    """Field name -> allowed values, for every Literal field in the schema."""
    import typing

    from therapick import schema

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
