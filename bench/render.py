"""Rendering cost against the size of one text field. Run by hand, never in tests.

    .venv/bin/python bench/render.py [--rounds 3] [--sizes 1,2,5,10]

For each size N (in MB), a copy of the bundled knowledge base is written
whose CBT summary is N MB of words (and, in one series, whose name is one
N MB word), as JSON (the C decoder's path) and as
YAML (the line-mapping parser's path). Each row is whole-process wall time of
a command on that copy, the fastest of the rounds (the least disturbed by
other work on the machine); "extra" is the time above the same command on
the unmodified copy. "ms per MB" is the least-squares slope of time against
size. Growth is called linear when the extra time at the largest size is at
most twice what the smallest size's extra time predicts linearly (with 50 ms
allowed for noise): a quadratic cost at 10x the size is 100x, not 10x.

A last series times `validate` on a summary that ends in a zero-width space
(refused): the text check must also be linear, not only the rendering.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
EXE = str(Path(PY).with_name("therapick"))
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV.update({"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"})
MB = 1024 * 1024
TIMEOUT = 120.0  # seconds; a run that takes longer is shown as "timeout"


def kb_doc() -> dict:  # type: ignore[type-arg]
    import yaml

    return yaml.safe_load((ROOT / "data" / "interventions.yaml").read_text(encoding="utf-8"))


def words(n_bytes: int, tail: str = "") -> str:
    unit = "talking therapy works on patterns of thought and habit. "
    return (unit * (n_bytes // len(unit) + 1))[: n_bytes - len(tail.encode())] + tail


def write_copy(doc: dict, text: str, folder: Path, stem: str, fmt: str, key: str = "summary") -> Path:  # type: ignore[type-arg]
    import yaml

    doc = dict(doc)
    items = [dict(i) for i in doc["interventions"]]
    cbt = next(i for i in items if i["id"] == "cbt")
    cbt[key] = text
    doc["interventions"] = items
    path = folder / f"{stem}.{fmt}"
    if fmt == "json":
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    else:
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        path.write_text(
            yaml.dump(doc, Dumper=dumper, allow_unicode=True, sort_keys=False, width=10**9), encoding="utf-8"
        )
    return path


def run_once(argv: list[str], expect: int) -> float | None:
    """Wall seconds of one run (output discarded), or None on timeout."""
    start = time.perf_counter()
    try:
        p = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None
    if p.returncode != expect:
        raise SystemExit(f"{argv} exited {p.returncode}, not {expect}: {p.stderr.decode()[-300:]}")
    return time.perf_counter() - start


def fastest(argv: list[str], rounds: int, expect: int = 0) -> float | None:
    times = []
    for _ in range(rounds):
        t = run_once(argv, expect)
        if t is None:
            return None
        times.append(t)
    return min(times)


def series(label: str, make: Callable[[float], list[str]], sizes: list[float], rounds: int, expect: int = 0) -> None:
    base = fastest(make(0.0), rounds, expect)
    assert base is not None
    print(f"\n{label}\n  baseline (the field as shipped): {base * 1000:.0f} ms")
    print("  | field MB | fastest ms | extra ms |")
    print("  | -------- | ---------- | -------- |")
    done: list[tuple[float, float]] = []
    for size in sizes:
        t = fastest(make(size), rounds, expect)
        if t is None:
            print(f"  | {size:8g} | timeout (over {TIMEOUT:.0f} s) | |")
            break
        done.append((size, t))
        print(f"  | {size:8g} | {t * 1000:10.0f} | {(t - base) * 1000:8.0f} |")
    if len(done) < len(sizes):
        print("  growth: NOT linear (a run timed out)")
        return
    mean_x = statistics.fmean(x for x, _ in done)
    mean_y = statistics.fmean(y for _, y in done)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in done) / sum((x - mean_x) ** 2 for x, _ in done)
    (small, t_small), (large, t_large) = done[0], done[-1]
    allowed = 2 * (large / small) * max(t_small - base, 0.05)
    linear = t_large - base <= allowed
    print(
        f"  ms per MB: {slope * 1000:.0f}; growth: {'linear' if linear else 'NOT linear'} "
        f"(extra at {large:g} MB {(t_large - base) * 1000:.0f} ms, linear bound {allowed * 1000:.0f} ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sizes", default="1,2,5,10", help="field sizes in MB, comma-separated")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    if not Path(EXE).exists():
        raise SystemExit(f"no console script at {EXE}: install therapick in this environment first")
    doc = kb_doc()
    shipped = next(i for i in doc["interventions"] if i["id"] == "cbt")["summary"]
    print(f"therapick rendering cost, one long field (Python {sys.version.split()[0]}, {os.cpu_count()} cores)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        made: dict[tuple[str, float, str, str], Path] = {}

        def copy(fmt: str, size: float, tail: str = "", field: str = "summary") -> Path:
            key = (fmt, size, tail, field)
            if key not in made:
                if field == "name":  # one long word: the hardest case for wrapping
                    text = "N" * int(size * MB) if size else "Cognitive behavioral therapy"
                else:
                    text = words(int(size * MB), tail) if size else shipped + tail
                made[key] = write_copy(doc, text, folder, f"kb-{len(made)}", fmt, field)
            return made[key]

        for fmt in ("json", "yaml"):
            for label, extra in (("show cbt", []), ("--plain show cbt", ["--plain"])):
                series(
                    f"{label}, knowledge base as {fmt.upper()}",
                    lambda size, fmt=fmt, extra=extra: [EXE, *extra, "--kb", str(copy(fmt, size)), "show", "cbt"],
                    sizes,
                    args.rounds,
                )
            series(
                f"export (Markdown, the whole field), knowledge base as {fmt.upper()}",
                lambda size, fmt=fmt: [EXE, "--kb", str(copy(fmt, size)), "export"],
                sizes,
                args.rounds,
            )
        series(
            "show cbt, the name one long word, knowledge base as JSON",
            lambda size: [EXE, "--kb", str(copy("json", size, field="name")), "show", "cbt"],
            sizes,
            args.rounds,
        )
        series(
            "validate, summary ending in a zero-width space (refused, exit 1), JSON",
            lambda size: [EXE, "validate", str(copy("json", size, "\u200b"))],
            sizes,
            args.rounds,
            expect=1,
        )


if __name__ == "__main__":
    main()
