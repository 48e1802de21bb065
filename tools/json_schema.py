"""Write or check the JSON Schemas of therapick's ``--json`` output, generated from its own types.

Each command's shape is a msgspec Struct in ``therapick.output.contract`` (the
``CONTRACT`` dict names them); ``export --format json`` writes a
``schema.KnowledgeBase``. This script turns each into a JSON Schema with
``msgspec.json.schema`` and keeps them in ``docs/json/``:

    python tools/json_schema.py --write   # (re)generate docs/json/*.schema.json
    python tools/json_schema.py --check   # exit 1 if any file is missing or differs

The tests compare the files with what this script generates and validate
real output against them.
"""

from __future__ import annotations

import argparse
import inspect
import json
import sys
from pathlib import Path
from typing import Any

import msgspec

from therapick.kb import schema
from therapick.output import contract

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "docs" / "json"
KB_NAME = "knowledge-base"


def _schema_for(tp: type, name: str) -> dict[str, Any]:
    body: dict[str, Any] = msgspec.json.schema(tp)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"therapick {name}" + (" --json" if name in contract.CONTRACT and name != "error" else ""),
        "description": _description(name),
        **body,
    }


def _description(name: str) -> str:
    if name == KB_NAME:
        return "A complete knowledge base, as 'therapick export --format json' writes it and '--kb' loads it."
    if name == "error":
        return (
            "What any command given --json prints on stdout when it fails (one line, on stdout; "
            "the same message goes to stderr as plain text, and the exit code is unchanged)."
        )
    return (
        f"The output of 'therapick {name} --json', schema_version {contract.SCHEMA_VERSION}. "
        "Generated from therapick.output.contract by tools/json_schema.py; do not edit."
    )


def schemas() -> dict[str, str]:
    """File name -> its text, for every published schema."""
    out: dict[str, str] = {}
    for name, tp in contract.CONTRACT.items():
        out[f"{name}.schema.json"] = _text(_schema_for(tp, name))
    out[f"{KB_NAME}.schema.json"] = _text(_schema_for(schema.KnowledgeBase, KB_NAME))
    return out


def _text(data: dict[str, Any]) -> str:
    return json.dumps(_normalised(_sorted_defs(data)), indent=2, ensure_ascii=False) + "\n"


def _normalised(node: Any) -> Any:
    """The schema with what a msgspec release may write differently made one way.

    msgspec 0.23 dedents a struct's docstring before writing it as the
    ``description`` (earlier releases kept its indentation), and releases
    list the members of an ``anyOf`` in different orders. Every description
    is cleaned as ``inspect.cleandoc`` does and every ``anyOf`` is sorted, so
    the published files are the same under every release the project
    supports (checked by hand with msgspec 0.18.6, 0.20, 0.22 and 0.23; CI
    installs the newest).
    """
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                out[key] = inspect.cleandoc(value)
            elif key == "anyOf" and isinstance(value, list):
                out[key] = sorted((_normalised(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
            else:
                out[key] = _normalised(value)
        return out
    if isinstance(node, list):
        return [_normalised(v) for v in node]
    return node


def _sorted_defs(data: dict[str, Any]) -> dict[str, Any]:
    """Stable order: the top-level keys as built, ``$defs`` sorted by name (fields keep their declared order)."""
    if "$defs" in data:
        data = {**data, "$defs": dict(sorted(data["$defs"].items()))}
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="write docs/json/*.schema.json")
    mode.add_argument("--check", action="store_true", help="exit 1 if any file differs from what would be written")
    parser.add_argument("--dir", type=Path, default=OUT_DIR, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    wanted = schemas()
    if args.write:
        args.dir.mkdir(parents=True, exist_ok=True)
        for name, text in wanted.items():
            path = args.dir / name
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
                print(f"wrote {path}")
        return 0
    stale = [
        name
        for name, text in wanted.items()
        if not (args.dir / name).is_file() or (args.dir / name).read_text(encoding="utf-8") != text
    ]
    extra = sorted(p.name for p in args.dir.glob("*.schema.json") if p.name not in wanted) if args.dir.is_dir() else []
    for name in stale:
        print(f"{args.dir / name}: out of date; run: python tools/json_schema.py --write", file=sys.stderr)
    for name in extra:
        print(f"{args.dir / name}: no type generates it; remove it", file=sys.stderr)
    return 1 if stale or extra else 0


if __name__ == "__main__":
    sys.exit(main())
