"""Loading a knowledge base: find it, read it once, validate it, report every problem.

The bundled knowledge base is ``data/interventions.yaml``. An installed
wheel also carries it ready-made, in English and in each translation
(``interventions.pickle``, ``interventions.es.pickle``): the same content,
validated and built at build time by ``hatch_build.py`` (nothing generated
is committed), so a command that only reads it neither parses YAML nor
checks it again. A checkout or an editable install reads the YAML.

A knowledge-base file may also extend another one and hold only what it
changes (see ``merge.py``).

Why it is over 400 lines: finding, reading, merging, translating and validating are one
pipeline with one error path (every problem, with its line), and the ready-made knowledge base
of the wheel is its other entry.
"""

from __future__ import annotations

import functools
import types
import typing
from pathlib import Path
from typing import Any

import msgspec

from therapick.base.errors import KBInvalid, Problem, clean, path_words
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
        kb = _prebuilt("en")
        return kb if kb is not None else load(default_path())
    kb = _prebuilt(lang)
    if kb is not None:
        return kb
    english = bundled("en")
    translation, _, name = _own_translation(default_path(), lang)
    return english if translation is None else translated(english, translation, name)


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


def load(path: Path | str | None = None, lang: str = "en") -> KnowledgeBase:
    """Load and validate a knowledge base in ``lang`` (``-`` is stdin; None is the bundled one);
    raise ``KBInvalid`` if it is not valid, or its translation is not.

    A file's translation is its companion (``my-clinic.es.yaml``, see
    ``translate.py``) over the translation of what it extends, if it extends
    anything; texts with no translation stay as written.
    """
    if path is None:
        return bundled(lang)
    try:
        state = read_file(path, lang)
    except MemoryError:  # a knowledge base that cannot be loaded, like any other (help-now falls back on it)
        shown = "stdin" if path == "-" else path_words(path)
        raise KBInvalid(shown, [Problem("there is not enough memory to load it (under a memory limit?)")]) from None
    if state.translation is None:
        return state.kb
    return translated(state.kb, state.translation, state.translation_name)


class FileState(typing.NamedTuple):
    """A knowledge-base file read and validated in English, and what its translation into one language is."""

    kb: KnowledgeBase
    doc: dict[str, Any]  # the document (merged, when it extends another)
    lines: source.Lines | None  # its line map (a ``merge.MergedLines`` when it extends another; None: JSON)
    translation: Any  # ``translate.Companion``: its own companion over its base's; None in English or with none
    translation_name: str  # the file to name in a problem of the translation
    own: Any  # ``translate.Companion``: its own companion file, checked; None if it has none
    own_lines: source.Lines | None  # that file's line map
    base: Any  # ``translate.Companion`` of what it extends, or None


def read_file(path: Path | str, lang: str = "en") -> FileState:
    """Read and validate a knowledge-base file, and (for ``lang`` other than English) find its translation."""
    from therapick.kb import source, translate

    stdin = isinstance(path, str) and path == "-"  # a Path is always a file (``source.read``)
    shown = "stdin" if stdin else path_words(path)
    text = source.decode(source.read(path), shown)
    bases: list[Any] = []  # the translation of the file extended, captured as the merge loads it

    def load_base(base: Path | None) -> KnowledgeBase:
        _not_stdin(base)
        if lang == "en":
            return load(base)
        if base is None:
            bases.append(_own_translation(default_path(), lang)[0])
            return bundled("en")  # the wheel's ready-made one when there is one
        state = read_file(base, lang)
        bases.append(state.translation)
        return state.kb

    found = _read(text, shown, None if stdin else Path(path).parent, False, load_base)
    if found.kb is None or found.problems:
        raise KBInvalid(shown, found.problems)
    own, own_lines, own_name = (None, None, shown) if lang == "en" or stdin else _own_translation(Path(path), lang)
    from therapick.kb.merge import MergedLines

    if lang == "en":
        translation = None
    elif isinstance(found.lines, MergedLines):
        merged = found.lines
        rewritten = {
            str(line.get("id"))
            for ri, region in enumerate(found.doc["regions"])
            for li, line in enumerate(region["lines"])
            if merged.touched(f"$.regions[{ri}].lines[{li}]")
        }
        translation = translate.combine(bases[-1] if bases else None, own, rewritten)
    else:
        translation = own
    base = bases[-1] if bases else None
    return FileState(found.kb, found.doc, found.lines, translation, own_name, own, own_lines, base)


def _not_stdin(path: Path | None) -> None:
    """Refuse, for the file an ``extends:`` names, standard input.

    The name comes from a file's contents, so it must not read stdin (and wait
    on it) without the person asking: ``extends: -`` and ``extends: /dev/stdin``
    are refused rather than read.
    """
    if path is not None and (path.name == "-" or _is_stdin(path)):
        from therapick.base.errors import KB_ERROR, TherapickError
        from therapick.base.i18n import t

        raise TherapickError(
            f"{path_words(path)}: " + t("'extends' names standard input; it must name a knowledge-base file"),
            KB_ERROR,
        )


def _load_extended(path: Path | None) -> KnowledgeBase:
    """``load`` for the file an ``extends:`` names: a file, never standard input."""
    _not_stdin(path)
    return load(path)


def _is_stdin(path: Path) -> bool:
    """Whether ``path`` is this process's standard input (``/dev/stdin``, ``/proc/self/fd/0``, ...)."""
    import os

    try:
        named, stdin = os.stat(path), os.fstat(0)
    except (OSError, ValueError):
        return False
    return (named.st_dev, named.st_ino) == (stdin.st_dev, stdin.st_ino)


def _own_translation(path: Path, lang: str) -> tuple[Any, source.Lines | None, str]:
    """The companion file beside ``path`` in ``lang``, checked (``KBInvalid`` naming it if it is not
    right), with its line map and name; (None, None, the knowledge base's name) if there is none."""
    from therapick.kb import source, translate

    found = translate.companion(path, lang)
    if not found.is_file():
        return None, None, str(path)
    name = str(found)
    data, lines = source.parse(source.decode(source.read(found), name), name)
    if not isinstance(data, dict):
        shown = "an empty file" if data is None else _kind(data)
        raise KBInvalid(
            name,
            [
                Problem(
                    f"a translation file is a mapping with 'texts' (and 'aliases', 'help_in_language'), not {shown}",
                    "$",
                    1,
                    file=name,
                )
            ],
        )
    try:
        companion = msgspec.convert(data, translate.Companion, strict=True)
        problems: list[Problem] = []
    except msgspec.ValidationError as e:
        problems = _problems(data, translate.Companion, "$", e)
    else:
        if companion.language not in (None, lang):
            problems = [
                Problem(
                    f"it says language '{companion.language}', but its name says '{lang}' ({found.name})",
                    "$.language",
                )
            ]
    for p in problems:
        p.file, p.line = name, lines.of(p.path)
        part = next((k for k in translate.SHAPES if p.path == k or p.path.startswith(k + ".")), None)
        if part is not None and not p.message.startswith("unknown key"):
            p.message = f"{p.message} ({translate.SHAPES[part]})"
    if problems:
        raise KBInvalid(name, problems)
    return companion, lines, name


def translated(kb: KnowledgeBase, translation: Any, name: str) -> KnowledgeBase:
    """``kb`` with ``translation`` (a ``translate.Companion``) applied, validated again (``KBInvalid``
    naming ``name``: a translation can make two names the same, or a text blank)."""
    from therapick.kb import checks, translate

    doc = translate.translate_doc(msgspec.to_builtins(kb), translation)
    result, problems = convert(doc)
    if result is not None:
        problems = checks.check(result)
    if result is None or problems:
        for p in problems:
            p.file = name
        raise KBInvalid(name, problems)
    return result


def loads(text: str, name: str = "<knowledge base>", base_dir: Path | None = None) -> KnowledgeBase:
    """Parse and validate a knowledge base given as YAML or JSON text (in English)."""
    kb, problems = validate_text(text, name, base_dir)
    if kb is None or problems:
        raise KBInvalid(name, problems)
    return kb


def validate_text(
    text: str, name: str, base_dir: Path | None = None, warnings: bool = False
) -> tuple[KnowledgeBase | None, list[Problem]]:
    """The knowledge base (if it could be built) and every error found, each with its line.

    With ``warnings``, a valid knowledge base's warnings (risky content,
    ``checks.warnings``, and a merge's notes) follow, with their lines too.
    """
    found = _read(text, name, base_dir, warnings, _load_extended)
    return found.kb, found.problems


class _Read(typing.NamedTuple):
    kb: KnowledgeBase | None
    problems: list[Problem]
    doc: Any
    lines: source.Lines | None


def _read(text: str, name: str, base_dir: Path | None, warnings: bool, load_base: Any) -> _Read:
    """Parse once, merge (``load_base`` reads what the file extends), convert, check.

    The text is parsed once: JSON by the C decoder first (much faster for a
    large file), else by the YAML parse that maps every path to its line.
    Only a JSON file with problems is parsed a second time, for the lines.
    Structural and reference problems come in one run: when a part is
    broken, the references in the parts that are not are still checked.
    """
    from therapick.kb import checks, source

    doc: Any = None
    lines: source.Lines | None = None
    if text.lstrip().startswith("{"):
        doc = source.parse_json_fast(text)
        hidden = source.hidden_in(doc) if doc is not None else []
        if hidden:
            return _Read(None, _with_lines(hidden, None, text, name), doc, None)
    if doc is None:
        doc, lines = source.parse(text, name)
    changes: list[Problem] = []
    if isinstance(doc, dict) and "extends" in doc:
        from therapick.kb.merge import resolve

        doc, lines, changes = resolve(doc, lines or source.parse(text, name)[1], name, base_dir, load_base)
    errors = [p for p in changes if not p.warning]
    notes = [p for p in changes if p.warning]
    problems = _shape(doc)
    if problems:
        return _Read(None, errors + _with_lines(problems, lines, text, name), doc, lines)
    kb, problems = convert(doc)
    if kb is None:
        problems += _despite(doc, problems)
    else:
        problems = checks.check(kb)
        if warnings and not problems and not errors:
            problems = checks.warnings(kb)
    out = errors + (_with_lines(problems, lines, text, name) if problems else [])
    if warnings and kb is not None and not [p for p in out if not p.warning]:
        out = notes + out
    return _Read(None if errors else kb, out, doc, lines)


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
        except KBInvalid as e:  # the same problems, found while reading, with their lines; else ours, without
            return e.problems if all(p.path and p.line for p in e.problems) else problems
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
                _inherited(p, merged)
    return problems


def _inherited(p: Problem, merged: Any) -> None:
    """Say what a problem in an inherited part has to do with the file (``merged`` is its ``MergedLines``).

    The base was valid on its own, so an error there is caused by a change
    in the file: the removal or replacement of an id it names, when there is
    one (then at that change's line), else some change. A warning the base
    had too is the base's own.
    """
    from therapick.kb import checks

    if p.warning and merged.base is not None and merged.base_warnings is None:
        merged.base_warnings = {w.message for w in checks.warnings(merged.base)}
    if p.warning and p.message in (merged.base_warnings or ()):
        p.message += " (in what this file extends)"
        return
    for item_id, (op, _, line) in merged.changed.items():
        if f"'{item_id}'" in p.message:
            p.message += f" (in what this file extends, which still names '{item_id}'; this file {op}s it)"
            p.line = line
            return
    p.message += " (in what this file extends; a change in this file causes it)"


_ROUNDS = 6  # of setting broken parts aside, before giving up on checking the rest


def _despite(doc: dict[str, Any], problems: list[Problem]) -> list[Problem]:
    """The reference problems in the parts of ``doc`` that are well formed, when others are not.

    Each broken part is set aside (an unknown key or a bad entry of a
    mapping dropped, a bad item of a list left out; a missing required field
    takes out the item that lacks it in the next round) until the rest
    converts, if it can. The reference checks then run on what is left, with
    references to what was set aside taken as known, and without the checks
    of the whole (which a part set aside would trip). Paths are ``doc``'s own.
    """
    import copy

    from therapick.kb import checks

    work = copy.deepcopy(doc)
    kept: dict[int, list[int]] = {}  # id() of a list that lost items -> the original index of each item left
    aside: set[str] = set()
    kb = None
    for _ in range(_ROUNDS):
        cuts: dict[tuple[int, Any], tuple[Any, Any]] = {}
        for p in problems:
            steps, rest = _walk(work, p.path)
            if steps and not rest:
                parent, key = steps[-1]
                cuts[(id(parent), key)] = (parent, key)
        if not cuts:
            return []
        # Highest index first, so that each cut leaves the others' indexes as they are.
        for parent, key in sorted(cuts.values(), key=lambda c: c[1] if isinstance(c[1], int) else -1, reverse=True):
            gone = parent[key]
            if isinstance(gone, dict) and isinstance(gone.get("id"), str):
                aside.add(gone["id"])
            if key == "id":  # what was meant is not known: references of its kind cannot be checked
                aside |= _kinds(work, parent) | ({gone} if isinstance(gone, str) else set())
            if isinstance(parent, list):
                kept.setdefault(id(parent), list(range(len(parent))))
                del kept[id(parent)][key]
            del parent[key]
        kb, problems = convert(work)
        if kb is not None:
            break
    if kb is None:
        return []
    found = checks.check(kb, aside=frozenset(aside))
    for p in found:
        p.path = _original(work, p.path, kept)
    return found


def _kinds(doc: dict[str, Any], item: Any) -> set[str]:
    """``*`` and the words ``checks`` uses for a reference to ``item`` (a mapping whose id is broken)."""
    from therapick.kb import questions as Q

    for section, what in (("regions", "region"), ("categories", "category"), ("techniques", "technique")):
        if any(x is item for x in doc.get(section) or []):
            return {f"*{what}"}
    if any(x is item for x in doc.get("interventions") or []):
        return {"*intervention"}
    q = doc.get("questionnaire")
    questions = [x for x in (q.get("questions") or [] if isinstance(q, dict) else []) if isinstance(x, dict)]
    if any(x is item for x in questions):
        return {"*question that fit can use", "*concern", "*'who' option", "*'groups' option"}
    for x in questions:
        if any(o is item for o in x.get("options") or []):
            qid = x.get("id")
            named = {Q.CONCERNS: "concern", Q.WHO: "'who' option", Q.GROUPS: "'groups' option"}.get(str(qid))
            return {f"*'{qid}' option", *([f"*{named}"] if named else [])}
    return set()


def _walk(doc: Any, path: str) -> tuple[list[tuple[Any, Any]], str]:
    """The (container, key or index) steps from ``doc`` along ``path``, as far as it leads, and the rest."""
    steps: list[tuple[Any, Any]] = []
    if not path.startswith("$"):
        return steps, path
    node, rest = doc, path[1:]
    while rest:
        if rest[0] == "[" and isinstance(node, list):
            end = rest.find("]")
            index = rest[1:end] if end > 0 else ""
            if not index.isdigit() or int(index) >= len(node):
                break
            steps.append((node, int(index)))
            node, rest = node[int(index)], rest[end + 1 :]
        elif rest[0] == "." and isinstance(node, dict):
            # The longest key the rest of the path begins with (a key may hold a dot).
            keys = [k for k in node if isinstance(k, str) and rest[1:].startswith(k) and rest[1 + len(k) :][:1] in "[."]
            if not keys:
                break
            key = max(keys, key=len)
            steps.append((node, key))
            node, rest = node[key], rest[1 + len(key) :]
        else:
            break
    return steps, rest


def _original(doc: Any, path: str, kept: dict[int, list[int]]) -> str:
    """``path`` in ``doc`` (with parts set aside) as a path in the document before they were."""
    steps, rest = _walk(doc, path)
    out = "$"
    for container, key in steps:
        if isinstance(container, list):
            out += f"[{kept[id(container)][key] if id(container) in kept else key}]"
        else:
            out += f".{key}"
    return out + rest if path.startswith("$") else path


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
    """Every problem converting ``value`` (at ``path``) to ``tp``; [] if it converts.

    At most ``source.MAX_PROBLEMS``: a list of a hundred thousand wrong items costs no more to
    report than a thousand (the first thousand are enough to act on)."""
    from therapick.kb.source import MAX_PROBLEMS

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
            out += [_unknown(str(k), path, list(fields)) for k in value if k not in fields][:MAX_PROBLEMS]
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
            if len(out) >= MAX_PROBLEMS:
                break
    elif _origin(inner) is dict and isinstance(value, dict):
        args = typing.get_args(inner)
        for key, item in value.items():
            if args:
                out += _problems(key, args[0], f"{path}.{key}")
                out += _problems(item, args[1], f"{path}.{key}")
            if len(out) >= MAX_PROBLEMS:
                break
    elif _origin(inner) is typing.Literal:
        allowed = ", ".join(repr(v) if not isinstance(v, str) else v for v in typing.get_args(inner))
        shown = value if isinstance(value, str) else repr(value)
        return [Problem(f"'{shown}' is not allowed; the values are: {allowed}", path)]
    return out[:MAX_PROBLEMS] or [_problem_from(str(error), path, value)]


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


def _problem_from(error: str, prefix: str, value: Any = None) -> Problem:
    """A problem from msgspec's message, in words; ``value`` is what failed when the message is about
    it (its path is ``$``), so the words can say what was given and what is wrong with it."""
    import re

    message, _, path = error.partition(" - at `")
    path = path.rstrip("`") or "$"
    full = prefix + path[1:] if path.startswith("$") else prefix
    unknown = re.search(r"unknown field `([^`]+)`", message)
    if unknown:
        return Problem(f"unknown key '{unknown.group(1)}'", f"{full}.{unknown.group(1)}")
    return Problem(_plain(message, full, value if path == "$" else None), full)


def _unknown(key: str, path: str, known: list[str]) -> Problem:
    import difflib

    hint = difflib.get_close_matches(key, known, n=1)
    more = f" (did you mean '{hint[0]}'?)" if hint else ""
    return Problem(f"unknown key '{key}'{more}", f"{path}.{key}")


def _plain(message: str, path: str = "", value: Any = None) -> str:
    """msgspec's message in a person's words: never a regular expression or a type's name."""
    import re

    from therapick.kb.schema import PATTERN_WORDS, PROSE_PATTERN, TEXT_PATTERN

    message = message.replace("`", "'")
    if message.startswith("Expected 'str' matching regex "):
        pattern = next((p for p in PATTERN_WORDS if message == f"Expected 'str' matching regex {p!r}"), None)
        if isinstance(value, str) and pattern in (TEXT_PATTERN, PROSE_PATTERN):
            return _text_problem(value, one_line=pattern == TEXT_PATTERN)
        words = PATTERN_WORDS.get(pattern or "", "text of another form")
        return f"'{clean(value, 60, one_line=False)}' is not {words}" if isinstance(value, str) else f"expected {words}"
    m = re.fullmatch(r"Expected '(str|array|object)' of length ([<>]=?) ([0-9]+)", message)
    if m:
        what = {"str": "text", "array": "a list", "object": "a mapping"}[m.group(1)]
        if m.group(2) == ">=" and m.group(3) == "1":
            return "expected text that is not blank" if what == "text" else f"expected {what} with at least one item"
        return f"expected {what} of length {_BOUND_WORDS[m.group(2)]} {m.group(3)}"
    m = re.fullmatch(r"Expected '(int|float)' ([<>]=?) (-?[0-9.e+]+)", message)
    if m:
        bound = m.group(3).removesuffix(".0")
        given = isinstance(value, (int, float)) and not isinstance(value, bool)
        return f"expected a number {_BOUND_WORDS[m.group(2)]} {bound}" + (f", not {value!r}" if given else "")
    m = re.fullmatch(r"Invalid enum value '(.*)'", message)
    if m:
        allowed = _literals().get(path.rsplit(".", 1)[-1])
        return f"'{m.group(1)}' is not allowed" + (f"; the values are: {', '.join(allowed)}" if allowed else "")
    m = re.fullmatch(r"Expected '([^']*)', got '([^']*)'", message)
    if m:
        wanted = " or ".join(_TYPE_WORDS.get(t.strip(), t.strip()) for t in m.group(1).split("|"))
        got = _TYPE_WORDS.get(m.group(2), m.group(2))
        if m.group(1).startswith("str") and isinstance(value, (bool, int, float)):
            written = {True: "true", False: "false"}[value] if isinstance(value, bool) else value
            return f'expected {wanted}, not {got} ({written} is read as one; to mean the text, write "{written}")'
        return f"expected {wanted}, not {got}"
    m = re.fullmatch(r"Object missing required field '([^']*)'", message)
    if m:
        return f"missing required key '{m.group(1)}'"
    return message


_BOUND_WORDS = {">=": "of at least", ">": "greater than", "<=": "of at most", "<": "less than"}


def _text_problem(value: str, one_line: bool) -> str:
    """Why ``value`` is not a text a person can be shown: a hidden character, a line break, or nothing."""
    from therapick.base.text import first_hidden
    from therapick.kb.source import hidden_problem

    ch = first_hidden(value, newlines=True)
    if ch is not None:
        return hidden_problem(ch)
    if one_line and "\n" in value:
        return "this text must be one line, with no line break"
    return "the text is blank"


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
