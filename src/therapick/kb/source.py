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
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import Any

from therapick.base.errors import KB_ERROR, KBInvalid, Problem, TherapickError, clean

MAX_BYTES = 16 * 1024 * 1024  # a file larger than this is refused
MAX_DEPTH = 64  # deeper nesting than this is refused

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:timestamp",  # an unquoted date (2026-11-26): kept as the text written
}


def _size(n: int) -> str:
    if n < 1024 * 1024:
        return f"{n} bytes"
    mb = n / (1024 * 1024)
    return f"{mb:.0f} MB" if mb == int(mb) else f"{mb:.1f} MB"


def _a_file(what: str) -> str:
    """ "a knowledge base file", "an answers file": in the chosen language."""
    from therapick.base.i18n import t

    known = {"knowledge base": t("a knowledge base file"), "answers": t("an answers file")}
    return known.get(what) or f"{'an' if what[:1] in 'aeiou' else 'a'} {what} file"


def read(name: str | Path, what: str = "knowledge base", exit_code: int = KB_ERROR) -> bytes:
    """The bytes of ``name`` (``-`` is stdin), at most ``MAX_BYTES``; one clear error otherwise.

    ``what`` names the file's job in messages ("knowledge base", "answers").
    """
    from therapick.base.i18n import t

    shown = "stdin" if str(name) == "-" else clean(os.fsdecode(name), 200)
    a_file = _a_file(what)
    limit = t("{a_file} may be at most {size}", a_file=a_file, size=_size(MAX_BYTES))
    too_large = t("too large: more than {size}; {limit}", size=_size(MAX_BYTES), limit=limit)
    if str(name) == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise TherapickError(
                "stdin: " + t("cannot read {a_file}: standard input is closed", a_file=a_file), exit_code
            )
        try:
            data = stream.read(MAX_BYTES + 1)
        except OSError as e:
            raise TherapickError(
                "stdin: " + t("cannot read {a_file}: {why}", a_file=a_file, why=e.strerror or e), exit_code
            ) from None
        if len(data) > MAX_BYTES:
            raise TherapickError(f"stdin: {too_large}", exit_code)
        return bytes(data)
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
            raise TherapickError(
                f"{shown}: " + t("too large ({size}); {limit}", size=_size(info.st_size), limit=limit), exit_code
            )
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > MAX_BYTES:  # the file grew while we read it
                raise TherapickError(f"{shown}: {too_large}", exit_code)
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as e:
        raise TherapickError(f"{shown}: " + t("cannot read: {why}", why=e.strerror or e), exit_code) from None
    finally:
        os.close(fd)


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


def parse(text: str, source: str) -> tuple[Any, Lines]:
    """Plain data and its line map from YAML or JSON text; ``KBInvalid`` on any problem."""
    import yaml

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problem = (e.problem or str(e)).strip()
        raise KBInvalid(
            source, [Problem(f"not valid YAML or JSON: {problem}", line=mark.line + 1 if mark else None)]
        ) from None
    except yaml.YAMLError as e:
        raise KBInvalid(source, [Problem(f"not valid YAML or JSON: {e}")]) from None
    except RecursionError:
        raise KBInvalid(source, [Problem(f"nesting deeper than {MAX_DEPTH} levels is not allowed")]) from None
    lines = Lines()
    if node is None:
        return None, lines
    builder = _Builder(source, lines)
    try:
        doc = builder.build(node, "$", 0)
    except RecursionError:
        raise KBInvalid(source, [Problem(f"nesting deeper than {MAX_DEPTH} levels is not allowed")]) from None
    if builder.problems:
        raise KBInvalid(source, builder.problems)
    return doc, lines


class _Builder:
    """Turns a composed YAML node tree into plain data, refusing what is not plain data."""

    def __init__(self, source: str, lines: Lines) -> None:
        import yaml

        self.yaml = yaml
        self.constructor = yaml.constructor.SafeConstructor()
        self.source = source
        self.lines = lines
        self.seen: set[int] = set()
        self.problems: list[Problem] = []

    def problem(self, message: str, path: str, node: Any) -> None:
        if len(self.problems) < 1000:
            self.problems.append(Problem(message, path, node.start_mark.line + 1))

    def build(self, node: Any, path: str, depth: int) -> Any:
        yaml = self.yaml
        self.lines.by_path.setdefault(path, node.start_mark.line + 1)
        if id(node) in self.seen:
            self.problem("YAML anchors and aliases (&name, *name) are not allowed", path, node)
            return None
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self.problem(f"nesting deeper than {MAX_DEPTH} levels is not allowed", path, node)
            return None
        if node.tag not in _PLAIN_TAGS:
            self.problem(
                f"tag '{clean(node.tag, 60)}' is not allowed (only plain text, numbers, true/false, lists and "
                "mappings)",
                path,
                node,
            )
            return None
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.problem("YAML merge keys (<<) are not allowed; write the keys out", path, key_node)
                    continue
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                    shown = clean(str(getattr(key_node, "value", "?")), 40)
                    self.problem(f"key '{shown}' must be text (put it in quotes)", path, key_node)
                    continue
                key = key_node.value
                child = f"{path}.{key}"
                if key in out:
                    self.problem(f"duplicate key '{clean(key, 60)}'", child, key_node)
                    continue
                self.lines.by_path[child] = key_node.start_mark.line + 1
                out[key] = self.build(value_node, child, depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, f"{path}[{n}]", depth + 1) for n, item in enumerate(node.value)]
        if node.tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
            return node.value
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError):
            self.problem(f"'{clean(node.value, 40)}' is not a valid {node.tag.rsplit(':', 1)[-1]}", path, node)
            return None


def parse_json_fast(text: str) -> Any:
    """Plain data from a JSON document, or ``None`` if it is not plain, duplicate-free JSON.

    The C JSON decoder is far faster than composing YAML; anything it
    refuses (including a duplicate key, which JSON parsers usually resolve
    silently) falls back to ``parse``, which says exactly what and where.
    """
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
