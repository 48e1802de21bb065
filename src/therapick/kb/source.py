"""Reading a YAML or JSON file safely, once, with the line of every node.

``read`` takes a path or ``-`` (stdin) and returns at most ``MAX_BYTES``
bytes; it refuses what is not a regular file (a FIFO nobody writes to would
hang, ``/dev/zero`` would never end). ``parse`` turns the text into plain
data and a ``Lines`` map from msgspec-style paths (``$.interventions[3].fit``)
to line numbers, in one pass over one parse, so a file with a thousand
problems costs no more to report than a file with one.

Refused, because a knowledge base never needs them and an attacker might use
them: anchors and aliases (a "billion laughs" document), ``<<`` merge keys,
tags that are not plain data, keys that are not text, duplicate keys (in
YAML and in JSON), and nesting deeper than ``MAX_DEPTH``.

Why it is over 400 lines: the YAML reader keeps the line of every node and refuses each unsafe
construct as it reads, in one pass; the JSON reader and the limits it shares are beside it.
"""

from __future__ import annotations

import functools
import os
import re
import stat
import sys
from pathlib import Path
from typing import Any

from therapick.base.errors import KB_ERROR, KBInvalid, Problem, TherapickError, clean, path_words
from therapick.base.text import describe, first_hidden

MAX_BYTES = 16 * 1024 * 1024  # a file larger than this is refused
MAX_DEPTH = 64  # deeper nesting than this is refused
MAX_NODES = 250_000  # more values than this (keys, texts, numbers, list items) are refused: bench/shapes.py
MAX_PROBLEMS = 1000  # problems reported from one file; past that, the first ones are enough to act on


def _sizes(n: int) -> tuple[str, str]:
    """A size over the limit and the limit, in the same unit (MB is 1024 x 1024 bytes).

    In bytes when the two would round to the same number of megabytes
    ("16 MB" for 16 MB and one byte would say nothing).
    """
    mib = 1024 * 1024
    if n - MAX_BYTES >= mib // 10:
        return f"{n / mib:.1f}".removesuffix(".0") + " MB", f"{MAX_BYTES // mib} MB"
    return f"{n:,} bytes", f"{MAX_BYTES:,} bytes"


def _a_file(what: str) -> str:
    """ "a knowledge base file", "an answers file": in the chosen language."""
    from therapick.base.i18n import t

    known = {"knowledge base": t("a knowledge base file"), "answers": t("an answers file")}
    return known.get(what) or f"{'an' if what[:1] in 'aeiou' else 'a'} {what} file"


# The standard input this process has read, and for which file: it can be read only once.
_stdin_read: list[tuple[object, str]] = []


def read(name: str | Path, what: str = "knowledge base", exit_code: int = KB_ERROR) -> bytes:
    """The bytes of ``name``, at most ``MAX_BYTES``; one clear error otherwise.

    ``what`` names the file's job in messages ("knowledge base", "answers").
    The text ``-`` is stdin, read at most once (``--kb - ask --answers -``
    is refused, not read twice); a ``Path`` is always a file, so a path
    built from a file's contents (``extends: -``) never reads stdin.
    """
    from therapick.base.i18n import t

    stdin = isinstance(name, str) and name == "-"
    shown = "stdin" if stdin else path_words(name, 200)
    a_file = _a_file(what)
    if not os.fsdecode(name):
        if what == "knowledge base":
            raise TherapickError(
                t(
                    "the knowledge-base file name is empty; give a file (an empty --kb or THERAPICK_KB is not "
                    "the bundled knowledge base: leave them out for that)"
                ),
                exit_code,
            )
        raise TherapickError(t("the file name is empty; give {a_file}", a_file=a_file), exit_code)
    if stdin:
        return _read_stdin(what, a_file, exit_code)
    try:
        # O_NONBLOCK: opening a FIFO with no writer must not hang; regular files ignore it.
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise TherapickError(f"{shown}: " + t("no such file"), exit_code) from None
    except IsADirectoryError:
        raise TherapickError(f"{shown}: " + t("is a folder, not {a_file}", a_file=a_file), exit_code) from None
    except PermissionError:
        raise TherapickError(f"{shown}: " + t("permission denied"), exit_code) from None
    except OSError as e:
        raise TherapickError(f"{shown}: " + t("cannot read: {why}", why=e.strerror or e), exit_code) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise TherapickError(f"{shown}: " + t("is a folder, not {a_file}", a_file=a_file), exit_code)
        if not stat.S_ISREG(info.st_mode):
            raise TherapickError(
                f"{shown}: "
                + t(
                    "is not a regular file (a pipe, device or socket); give {a_file}, or - for stdin",
                    a_file=a_file,
                ),
                exit_code,
            )
        if info.st_size > MAX_BYTES:
            raise TherapickError(f"{shown}: " + _too_large(info.st_size, a_file), exit_code)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > MAX_BYTES:  # the file grew while we read it
                raise TherapickError(f"{shown}: " + _too_large(None, a_file), exit_code)
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as e:
        raise TherapickError(f"{shown}: " + t("cannot read: {why}", why=e.strerror or e), exit_code) from None
    finally:
        os.close(fd)


def _too_large(n: int | None, a_file: str) -> str:
    from therapick.base.i18n import t

    if n is None:  # read from a stream: only "more than the limit" is known
        limit = f"{MAX_BYTES // (1024 * 1024)} MB"
        return t(
            "too large: more than {size}; {limit}",
            size=limit,
            limit=t("{a_file} may be at most {size}", a_file=a_file, size=limit),
        )
    size, limit = _sizes(n)
    return t(
        "too large ({size}); {limit}", size=size, limit=t("{a_file} may be at most {size}", a_file=a_file, size=limit)
    )


def _read_stdin(what: str, a_file: str, exit_code: int) -> bytes:
    from therapick.base.i18n import t

    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise TherapickError("stdin: " + t("cannot read {a_file}: standard input is closed", a_file=a_file), exit_code)
    for seen, first in _stdin_read:
        if seen is sys.stdin:
            raise TherapickError(
                "stdin: "
                + t(
                    "standard input is already read for {first}; give {a_file} by its file name",
                    first=_a_file(first),
                    a_file=a_file,
                ),
                exit_code,
            )
    if _is_terminal(sys.stdin):
        # Nothing was piped in: reading would wait, blank, on the person's own keys (and help-now's
        # crisis lines with it). Refused at once, like any other file that cannot be used.
        raise TherapickError(
            "stdin: "
            + t(
                "cannot read {a_file}: standard input is a terminal, not a file; pipe the file in (< FILE) "
                "or give its name",
                a_file=a_file,
            ),
            exit_code,
        )
    _stdin_read[:] = [(sys.stdin, what)]
    try:
        data = stream.read(MAX_BYTES + 1)
    except OSError as e:
        raise TherapickError(
            "stdin: " + t("cannot read {a_file}: {why}", a_file=a_file, why=e.strerror or e), exit_code
        ) from None
    if len(data) > MAX_BYTES:
        raise TherapickError("stdin: " + _too_large(None, a_file), exit_code)
    return bytes(data)


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(os.isatty(stream.fileno()))
    except (AttributeError, OSError, ValueError):  # no descriptor (a test's stream), or closed
        return False


def decode(data: bytes, source: str) -> str:
    """UTF-8 text (a byte-order mark is allowed), or one problem naming the line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise KBInvalid(source, [Problem(f"not UTF-8 text (byte {e.start})", line=line)]) from None


class Lines:
    """Msgspec-style path -> line number, filled while the document is read."""

    def __init__(self) -> None:
        self.by_path: dict[str, int] = {}

    def of(self, path: str) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        while path:
            if path in self.by_path:
                return self.by_path[path]
            cut = max(path.rfind("."), path.rfind("["))
            if cut <= 0:
                break
            path = path[:cut]
        return self.by_path.get("$")


def hidden_problem(ch: str) -> str:
    """What is wrong with a text holding the hidden character ``ch``, in words."""
    return f"the text holds {describe(ch)}: control and invisible characters are not allowed"


class _Stop(Exception):
    """A problem after which reading on would only cost time (too deep, too many values)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def parse(text: str, source: str, max_nodes: int = MAX_NODES, what: str = "a knowledge base") -> tuple[Any, Lines]:
    """Plain data and its line map from YAML or JSON text; ``KBInvalid`` on any problem (``what``
    the file is, for the words of a problem: "a knowledge base", "an answers file").

    The YAML is read as a stream of events (PyYAML's C parser when it is
    there), never as a tree of nodes: the data is built as it comes, so the
    memory is the data's own, and the cost stops at ``max_nodes`` values.
    """
    import yaml

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    builder = _Builder(source, max_nodes, what)
    try:
        doc = builder.build(yaml.parse(text, Loader=loader))
    except _Stop as e:
        raise KBInvalid(source, [e.problem]) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problem = (e.problem or e.context or "").strip() or type(e).__name__
        if "maximum nesting depth" in problem:  # libyaml's own limit, far past ours
            problem = f"nesting deeper than {MAX_DEPTH} levels is not allowed"
        raise KBInvalid(
            source, [Problem(f"not valid YAML or JSON: {problem}", line=mark.line + 1 if mark else None)]
        ) from None
    except yaml.reader.ReaderError as e:  # a character YAML does not allow anywhere in a file
        line = text.count("\n", 0, e.position) + 1 if isinstance(e.position, int) else None
        ch = chr(e.character) if isinstance(e.character, int) and 0 <= e.character < 0x110000 else "?"
        raise KBInvalid(source, [Problem(f"not valid YAML or JSON: {hidden_problem(ch)}", line=line)]) from None
    except yaml.YAMLError as e:  # no mark: say what without PyYAML's own "in <unicode string>"
        raise KBInvalid(source, [Problem(f"not valid YAML or JSON: {str(e).splitlines()[0]}")]) from None
    except RecursionError:
        raise KBInvalid(source, [Problem(f"nesting deeper than {MAX_DEPTH} levels is not allowed")]) from None
    if builder.problems:
        raise KBInvalid(source, builder.problems)
    return doc, builder.lines


# How a plain (unquoted) scalar is read: YAML 1.2's core schema. Only true and false are
# yes/no values, so an id or a region written NO, no, yes, on or off stays the text written
# (YAML 1.1 would make NO false: the "Norway problem"); 1:30 and 2026-11-26 stay text too.
# A number must be one in YAML 1.1 as well: PyYAML writes (export --format yaml) text such as
# 1e3 or 0o17 unquoted, which YAML 1.2 alone would read back as a number.
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NUMBER_START = frozenset("-+.0123456789")
_INT = re.compile(r"[-+]?[0-9]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INFINITY = re.compile(r"[-+]?\.(inf|Inf|INF)")


def _plain_scalar(value: str) -> Any:
    """A plain scalar's value under YAML 1.2's core schema (None, a bool, an int, a float, or the text)."""
    if not value or value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if value[0] not in _NUMBER_START:
        return value
    number: Any = None
    if _INT.fullmatch(value):
        number = int(value)
    elif _HEX.fullmatch(value):
        number = int(value[2:], 16)
    elif _FLOAT.fullmatch(value):
        number = float(value)
    elif _INFINITY.fullmatch(value):
        number = float(value.replace(".", "").lower())
    elif value in (".nan", ".NaN", ".NAN"):
        number = float("nan")
    return value if number is None or not _number_in_yaml_1_1(value) else number


def _number_in_yaml_1_1(value: str) -> bool:
    import yaml

    tag = _resolver().resolve(yaml.ScalarNode, value, (True, False))
    return tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


@functools.cache
def _resolver() -> Any:
    import yaml

    return yaml.resolver.Resolver()


def _tag_shown(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag


_KEY, _SKIP = object(), object()  # a mapping waits for a key; the value to come is dropped


class _Builder:
    """Builds plain data from a stream of YAML events, refusing what is not plain data.

    Refused, each as a problem at its path and line: anchors and aliases,
    tags (even ``!!str``: a knowledge base is plain data), ``<<`` merge keys,
    keys that are not text, duplicate keys, and hidden characters in any key
    or value (``base/text.py``). Nesting deeper than ``MAX_DEPTH``, more than
    ``max_nodes`` values, or a second document stops the reading at once.
    """

    def __init__(self, source: str, max_nodes: int, what: str = "a knowledge base") -> None:
        self.source = source
        self.max_nodes = max_nodes
        self.what = what
        self.lines = Lines()
        self.problems: list[Problem] = []

    def problem(self, message: str, path: str, line: int) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(message, path, line))

    def build(self, events: Any) -> Any:  # one loop over every event, on purpose: it is the cost
        import yaml

        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        seq_start, map_start = yaml.SequenceStartEvent, yaml.MappingStartEvent
        seq_end, map_end, doc_start = yaml.SequenceEndEvent, yaml.MappingEndEvent, yaml.DocumentStartEvent
        by_path = self.lines.by_path
        max_nodes = self.max_nodes
        stack: list[list[Any]] = []  # a frame: [container, path, key state: _KEY, _SKIP, the key, or None]
        root: Any = None
        nodes = documents = 0
        for event in events:
            kind = type(event)
            if kind is seq_end or kind is map_end:
                value = stack.pop()[0]
                if stack:
                    self._attach(stack[-1], value)
                else:
                    root = value
                continue
            if kind is not scalar_event and kind is not seq_start and kind is not map_start and kind is not alias_event:
                if kind is doc_start:
                    documents += 1
                    if documents > 1:
                        message = "the file holds more than one YAML document (---); it must hold one"
                        raise _Stop(Problem(message, "$", _line(event)))
                continue  # the stream's and the document's start and end
            nodes += 1
            if nodes > max_nodes:
                raise _Stop(
                    Problem(
                        f"the file holds more than {max_nodes:,} values (keys, texts, numbers and list items); "
                        f"at most {max_nodes:,} are allowed",
                        "$",
                        _line(event),
                    )
                )
            line = event.start_mark.line + 1
            if not stack:
                parent: Any = None
                path = "$"
            else:
                parent = stack[-1]
                state = parent[2]
                if state is _KEY:  # this node is a key
                    if (
                        kind is scalar_event
                        and event.implicit[0]
                        and event.anchor is None
                        and event.tag is None
                        and (key := event.value)
                        and key.isascii()
                        and key.isprintable()
                        and key[0] not in _NUMBER_START
                        and key not in _NULL
                        and key not in _BOOL
                        and key != "<<"
                        and key not in parent[0]
                    ):  # the common case, at speed: a plain key that is text, new, with nothing hidden
                        parent[2] = key
                        by_path[f"{parent[1]}.{key}"] = line
                        continue
                    if self._key(parent, event, kind, line, by_path):
                        continue
                    path = f"{parent[1]}.?"  # a list or a mapping as a key: read, then dropped
                elif state is None:
                    path = f"{parent[1]}[{len(parent[0])}]"
                elif state is _SKIP:
                    path = f"{parent[1]}.?"
                else:
                    path = f"{parent[1]}.{state}"
            if path not in by_path:
                by_path[path] = line
            if kind is scalar_event and event.anchor is None and event.tag is None:  # the common case
                value = event.value
                if event.implicit[0]:
                    value = _plain_scalar(value)
                if type(value) is str and not (value.isascii() and value.isprintable()):
                    ch = first_hidden(value, newlines=True)
                    if ch is not None:
                        self.problem(hidden_problem(ch), path, line)
            else:
                if kind is alias_event or event.anchor is not None:
                    self.problem("YAML anchors and aliases (&name, *name) are not allowed", path, line)
                value = None
                if kind is not alias_event and event.tag is not None and (kind is scalar_event or not event.implicit):
                    self.problem(
                        f"the tag '{_tag_shown(event.tag)}' is not allowed ({self.what} is plain data: text, "
                        "numbers, true/false, lists and mappings, with no tags)",
                        path,
                        line,
                    )
                elif kind is scalar_event:
                    value = _plain_scalar(event.value) if event.implicit[0] else event.value
                if kind is seq_start or kind is map_start:
                    stack.append([{}, path, _KEY] if kind is map_start else [[], path, None])
                    if len(stack) > MAX_DEPTH + 1:
                        raise _Stop(Problem(f"nesting deeper than {MAX_DEPTH} levels is not allowed", path, line))
                    continue
            if parent is None:
                root = value
            else:
                self._attach(parent, value)
        return root

    @staticmethod
    def _attach(frame: list[Any], value: Any) -> None:
        state = frame[2]
        if state is None:
            frame[0].append(value)
        elif state is _KEY:  # a list or a mapping as a key has been read: drop the value that follows
            frame[2] = _SKIP
        else:
            if state is not _SKIP:
                frame[0][state] = value
            frame[2] = _KEY

    def _key(self, frame: list[Any], event: Any, kind: Any, line: int, by_path: dict[str, int]) -> bool:
        """Take a mapping's key; True when it was taken (a list or a mapping as a key is read on)."""
        import yaml

        path = frame[1]
        if kind is yaml.AliasEvent or event.anchor is not None:
            self.problem("YAML anchors and aliases (&name, *name) are not allowed", path, line)
            if kind is yaml.AliasEvent:
                frame[2] = _SKIP
                return True
        if kind is not yaml.ScalarEvent:
            self.problem("a key must be text, not a list or a mapping", path, line)
            return False
        frame[2] = _SKIP
        plain = event.implicit[0] and event.tag is None
        value: Any = _plain_scalar(event.value) if plain else event.value
        if event.tag is not None:
            self.problem(f"the tag '{_tag_shown(event.tag)}' is not allowed on a key", path, line)
        elif plain and value == "<<":
            self.problem("YAML merge keys (<<) are not allowed; write the keys out", path, line)
        elif type(value) is not str:
            shown = "null" if value is None else str(event.value)
            self.problem(f"key '{clean(shown, 40)}' must be text (put it in quotes)", path, line)
        elif event.anchor is None:
            child = f"{path}.{value}"
            ch = first_hidden(value, newlines=True)
            if ch is not None:
                self.problem(hidden_problem(ch), child, line)
            elif value in frame[0]:
                self.problem(f"duplicate key '{clean(value, 60)}'", child, line)
            else:
                by_path[child] = line
                frame[2] = value
        return True


def _line(event: Any) -> int:
    return int(event.start_mark.line) + 1


def parse_json_fast(text: str, max_nodes: int = MAX_NODES) -> Any:
    """Plain data from a JSON document, or ``None`` if it is not plain, duplicate-free JSON.

    The C JSON decoder is far faster than reading YAML; anything it refuses
    (including a duplicate key, which JSON parsers usually resolve silently),
    and a document of more than ``max_nodes`` values, falls back to ``parse``,
    which says exactly what and where. Hidden characters are for
    ``hidden_in`` to find in what this returns.
    """
    # Every JSON value but the first follows a [, {, : or comma, so their count bounds the values
    # (text holding them only raises the bound): above the limit, the YAML reading stops at it.
    if sum(map(text.count, "[{:,")) >= max_nodes:
        return None
    import json

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(pairs)
        if len(out) != len(pairs):
            raise ValueError("duplicate key")
        return out

    def no_constant(name: str) -> Any:
        raise ValueError(name)

    try:
        return json.loads(text, object_pairs_hook=no_duplicates, parse_constant=no_constant)
    except (ValueError, RecursionError):
        return None


def _any_hidden(doc: Any) -> bool:
    """Whether any key or text in plain data ``doc`` holds a hidden character (a line break is allowed)."""
    todo: list[Any] = [doc]
    while todo:
        value = todo.pop()
        if type(value) is str:
            if first_hidden(value, newlines=True) is not None:
                return True
        elif type(value) is dict:
            for key in value:
                if first_hidden(key, newlines=True) is not None:
                    return True
            todo.extend(value.values())
        elif type(value) is list:
            todo.extend(value)
    return False


def hidden_in(doc: Any, path: str = "$") -> list[Problem]:
    """Every key or text in plain data ``doc`` that holds a hidden character (what ``parse`` refuses
    while it reads YAML, for data decoded another way: JSON), at its path; at most ``MAX_PROBLEMS``."""
    if not _any_hidden(doc):  # nearly every file: one pass without building a path for every node
        return []
    # Paths are built only for what is found: each node keeps its parent's place in ``crumbs``.
    crumbs: list[tuple[int, str]] = [(-1, path)]

    def where(at: int, tail: str = "") -> str:
        parts = [tail]
        while at >= 0:
            at, part = crumbs[at]
            parts.append(part)
        return "".join(reversed(parts))

    out: list[Problem] = []
    todo: list[tuple[Any, int]] = [(doc, 0)]
    while todo and len(out) < MAX_PROBLEMS:
        value, at = todo.pop()
        if type(value) is str:
            ch = first_hidden(value, newlines=True)
            if ch is not None:
                out.append(Problem(hidden_problem(ch), where(at)))
        elif type(value) is dict:
            for key, item in value.items():
                ch = first_hidden(key, newlines=True)
                if ch is not None:
                    out.append(Problem(hidden_problem(ch), where(at, f".{key}")))
                if type(item) is str:
                    ch = first_hidden(item, newlines=True)
                    if ch is not None:
                        out.append(Problem(hidden_problem(ch), where(at, f".{key}")))
                elif type(item) in (dict, list):
                    crumbs.append((at, f".{key}"))
                    todo.append((item, len(crumbs) - 1))
        elif type(value) is list:
            for n, item in enumerate(value):
                if type(item) is str:
                    ch = first_hidden(item, newlines=True)
                    if ch is not None:
                        out.append(Problem(hidden_problem(ch), where(at, f"[{n}]")))
                elif type(item) in (dict, list):
                    crumbs.append((at, f"[{n}]"))
                    todo.append((item, len(crumbs) - 1))
    return sorted(out, key=lambda p: p.path)
