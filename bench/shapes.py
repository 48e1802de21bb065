"""Cost of large inputs by shape: every file just under the 16 MB limit, refused or loaded in bounded time and memory.

Run by hand, never in tests (as bench/startup.py, in an environment like a user's):

    python3 -m venv /tmp/benchenv && /tmp/benchenv/bin/pip install -q .
    /tmp/benchenv/bin/python bench/shapes.py            # every shape, 15.9 MB each
    /tmp/benchenv/bin/python bench/shapes.py --mb 4     # smaller files, to see growth

Each row is one run of the installed command on one generated file, as a
knowledge base (``--kb FILE list``) or as an answers file (``ask --answers
FILE``): its wall time, its CPU time (user + system: the machine is shared,
so wall time moves with the neighbours' load) and its peak memory
(``ru_maxrss`` of that process alone, from ``os.wait4``). The target for
every shape: refused or loaded in under 5 s and 500 MB.

The shapes: what a hostile or broken file can look like at 15.9 MB (one
flat list of short items, deep nesting, one mapping of many keys, long
texts, many small mappings), and a real knowledge base grown to the same
size, in YAML and JSON. What bounds them (kb/source.py): the file is read
as a stream of YAML events, never as a tree of nodes, and refused at once
past ``MAX_NODES`` values or ``MAX_DEPTH`` levels; a JSON file is decoded by
the C decoder and counted before anything else; problems stop at
``MAX_PROBLEMS``.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXE = str(Path(sys.executable).with_name("therapick"))
TARGET_S, TARGET_MB = 5.0, 500
ENV = {k: v for k, v in os.environ.items() if k not in ("THERAPICK_KB", "PYTHONDONTWRITEBYTECODE")}


def _fill(head: str, item: str, tail: str, size: int, sep: str = "") -> str:
    """``head``, then ``item`` repeated (joined by ``sep``) until ``size`` bytes, then ``tail``."""
    room = size - len(head) - len(tail)
    n = max(1, (room + len(sep)) // (len(item) + len(sep)))
    return head + sep.join([item] * n) + tail


def _kb_doc() -> dict[str, object]:
    import yaml

    loaded: dict[str, object] = yaml.safe_load((ROOT / "data" / "interventions.yaml").read_text(encoding="utf-8"))
    return loaded


def grown_kb(size: int, as_json: bool) -> str:
    """The bundled knowledge base with its interventions copied (with new ids) until ``size`` bytes."""
    import yaml

    doc = _kb_doc()
    items = list(doc["interventions"])  # type: ignore[call-overload]
    out = list(items)
    dump: Callable[[object], str] = (
        (lambda d: json.dumps(d, ensure_ascii=False))
        if as_json
        else (lambda d: yaml.safe_dump(d, allow_unicode=True, sort_keys=False))
    )
    one = sum(len(dump(i).encode("utf-8")) for i in items) / len(items) + 1
    k = 0
    while (len(out) + 1) * one < size * 0.92:
        item = copy.deepcopy(items[k % len(items)])
        item["id"] = f"{item['id']}-{k}"
        item["name"] = f"{item['name']} variant {k}"
        item["aliases"] = [f"{a} variant {k}" for a in item.get("aliases", [])]
        item.pop("abbreviation", None)
        for part in (*item.get("evidence", []), *item.get("providers", [])):
            part["id"] = f"{part['id']}-{k}"
        out.append(item)
        k += 1
    doc["interventions"] = out
    return dump(doc)


LARGEST = 0  # set by main: the most interventions that still load (largest_count)


def grown_to(n: int, as_json: bool) -> str:
    """The bundled knowledge base grown to ``n`` interventions (copies of its own, renamed)."""
    import yaml

    doc = _kb_doc()
    items = list(doc["interventions"])  # type: ignore[call-overload]
    out = list(items)
    for k in range(n - len(items)):
        item = copy.deepcopy(items[k % len(items)])
        item["id"] = f"{item['id']}-{k}"
        item["name"] = f"{item['name']} variant {k}"
        item["aliases"] = [f"{a} variant {k}" for a in item.get("aliases", [])]
        item.pop("abbreviation", None)
        for part in (*item.get("evidence", []), *item.get("providers", []), *item.get("situations", [])):
            if "id" in part:
                part["id"] = f"{part['id']}-{k}"
        out.append(item)
    doc["interventions"] = out
    return json.dumps(doc, ensure_ascii=False) if as_json else yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


def largest_count() -> int:
    """The most interventions (in hundreds) the limits let through, as JSON and as YAML: at most
    MAX_BYTES and MAX_NODES values, counted by the loader itself (``source.parse``), so the row
    follows the knowledge base as it grows."""
    from therapick.base.errors import TherapickError
    from therapick.kb.source import MAX_BYTES, parse

    def fits(n: int) -> bool:
        text = grown_to(n, as_json=True)
        if max(len(text.encode()), len(grown_to(n, as_json=False).encode())) > MAX_BYTES:
            return False
        try:
            parse(text, "bench")
        except TherapickError:
            return False
        return True

    low, high = 100, 4000  # low fits, high does not
    while high - low > 100:
        mid = (low + high) // 200 * 100
        low, high = (mid, high) if fits(mid) else (low, mid)
    return low


def largest_loadable(as_json: bool) -> str:
    """The bundled knowledge base grown to the most interventions that still load (``largest_count``)."""
    return grown_to(LARGEST, as_json)


def long_text_kb(size: int) -> str:
    """The bundled knowledge base with one intervention's summary made ``size`` bytes long (valid)."""
    text = (ROOT / "data" / "interventions.yaml").read_text(encoding="utf-8")
    words = "word " * ((size - len(text)) // 5)
    marker = "  - id: cbt\n"
    at = text.index(marker)
    end = text.index("    summary:", at)
    line_end = text.index("\n", end)
    return text[:end] + f'    summary: "{words.strip()}"' + text[line_end:]


def shapes(size: int) -> list[tuple[str, str, str, Callable[[], str]]]:
    """(label, kind: kb or answers, file suffix, make the text)."""
    return [
        ("YAML, one flat list of short items (- a)", "kb", "yaml", lambda: "- a\n" * (size // 4)),
        ("YAML, one flat flow list ([1,1,1,...])", "kb", "yaml", lambda: _fill("[", "1", "]", size, ",")),
        ("JSON, one flat list of numbers", "kb", "json", lambda: _fill("[", "1", "]", size, ",")),
        ("JSON, one flat list of short texts", "kb", "json", lambda: _fill("[", '"ab"', "]", size, ",")),
        ("YAML, nesting 8 million deep ([[[...]]])", "kb", "yaml", lambda: "[" * (size // 2) + "]" * (size // 2)),
        ("JSON, nesting 8 million deep", "kb", "json", lambda: "[" * (size // 2) + "]" * (size // 2)),
        ("YAML, one mapping of many keys", "kb", "yaml", lambda: _yaml_keys(size)),
        ("JSON, one mapping of many keys", "kb", "json", lambda: _json_keys(size)),
        ("YAML, one text of 15.9 MB (unknown key)", "kb", "yaml", lambda: "x: " + "a" * (size - 4) + "\n"),
        ("YAML, many long texts (16 KB each)", "kb", "yaml", lambda: _fill("", "- " + "a" * 16_000 + "\n", "", size)),
        ("YAML, a valid knowledge base, one summary of 15.9 MB", "kb", "yaml", lambda: long_text_kb(size)),
        ("YAML, many small mappings (- {id: a, n: 1})", "kb", "yaml", lambda: _fill("", "- {id: a, n: 1}\n", "", size)),
        ("JSON, many small mappings", "kb", "json", lambda: _fill("[", '{"id": "a", "n": 1}', "]", size, ",")),
        ("YAML, interventions: many items each missing every key", "kb", "yaml", lambda: _many_bad_items(size)),
        ("YAML, the real knowledge base grown to the limit", "kb", "yaml", lambda: grown_kb(size, as_json=False)),
        ("JSON, the real knowledge base grown to the limit", "kb", "json", lambda: grown_kb(size, as_json=True)),
        (f"YAML, the largest that loads ({LARGEST:,} interventions)", "kb", "yaml", lambda: largest_loadable(False)),
        (f"JSON, the largest that loads ({LARGEST:,} interventions)", "kb", "json", lambda: largest_loadable(True)),
        ("answers, YAML flat list", "answers", "yaml", lambda: "- a\n" * (size // 4)),
        ("answers, JSON flat list", "answers", "json", lambda: _fill("[", "1", "]", size, ",")),
        ("answers, YAML many keys", "answers", "yaml", lambda: _yaml_keys(size)),
        ("answers, YAML deep nesting", "answers", "yaml", lambda: "[" * (size // 2) + "]" * (size // 2)),
        ("answers, YAML one long text", "answers", "yaml", lambda: "who: " + "a" * (size - 6) + "\n"),
        (
            "answers, YAML concerns: a list of many items",
            "answers",
            "yaml",
            lambda: _fill("who: adult\nconcerns: [", "trauma", "]\n", size, ", "),
        ),
    ]


def _yaml_keys(size: int, head: str = "") -> str:
    parts, total, n = [head], len(head), 0
    while total < size - 20:
        parts.append(f"k{n}: 1\n")
        total += len(parts[-1])
        n += 1
    return "".join(parts)


def _json_keys(size: int) -> str:
    parts, total, n = [], 2, 0
    while total < size - 20:
        part = f'"k{n}": 1'
        parts.append(part)
        total += len(part) + 2
        n += 1
    return "{" + ", ".join(parts) + "}"


def _many_bad_items(size: int) -> str:
    head = "schema_version: 1\ninterventions:\n"
    return _fill(head, "  - {x: 1}\n", "", size)


# Measured from a small process of its own: a child forked from this one (which holds the
# generated text) would count this process's memory as its own until it execs.
WRAPPER = """
import os, subprocess, sys, time
start = time.perf_counter()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
err = p.stderr.read()
_, status, usage = os.wait4(p.pid, 0)
wall = time.perf_counter() - start
sys.stderr.buffer.write(err)
print(os.waitstatus_to_exitcode(status), wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
"""


def run(argv: list[str]) -> tuple[int, float, float, int]:
    """Exit code, wall seconds, CPU seconds and peak RSS (KiB) of one run."""
    p = subprocess.run([sys.executable, "-c", WRAPPER, *argv], capture_output=True, text=True, env=ENV, check=True)
    code, wall, cpu, kib = p.stdout.split()
    if "Traceback" in p.stderr or code == "70":
        raise SystemExit(f"{argv}: {p.stderr[-400:]}")
    return int(code), float(wall), float(cpu), int(kib)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=15.9, help="size of each file in MB (default 15.9)")
    parser.add_argument("--only", default="", help="only the shapes whose label holds this text")
    args = parser.parse_args()
    if not Path(EXE).exists():
        raise SystemExit(f"no console script at {EXE}: install therapick in this environment first")
    size = int(args.mb * 1024 * 1024)
    global LARGEST
    LARGEST = largest_count()
    print(f"each file {args.mb} MB; target: refused or loaded in under {TARGET_S:.0f} s and {TARGET_MB} MB\n")
    print(f"| {'shape':<58} | {'MB':>5} | exit | wall s | CPU s | peak MB | ok |")
    print(f"| {'-' * 58} | {'-' * 5} | ---- | ------ | ----- | ------- | -- |")
    worst = (0.0, 0)
    with tempfile.TemporaryDirectory() as tmp:
        for label, kind, suffix, make in shapes(size):
            if args.only and args.only not in label:
                continue
            path = Path(tmp) / f"input.{suffix}"
            path.write_text(make(), encoding="utf-8")
            mb = path.stat().st_size / (1024 * 1024)
            argv = [EXE, "--kb", str(path), "list"] if kind == "kb" else [EXE, "ask", "--answers", str(path)]
            code, wall, cpu, kib = run(argv)
            peak = kib / 1024
            loads = "largest that loads" not in label or code == 0  # that row must load, not be refused
            ok = "ok" if wall < TARGET_S and peak < TARGET_MB and loads else "NO"
            worst = (max(worst[0], wall), max(worst[1], int(peak)))
            print(f"| {label:<58} | {mb:5.1f} | {code:4} | {wall:6.2f} | {cpu:5.2f} | {peak:7.0f} | {ok} |")
            path.unlink()
    print(f"\nworst: {worst[0]:.2f} s, {worst[1]} MB")


if __name__ == "__main__":
    main()
