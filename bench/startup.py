"""Start-up, memory and scale benchmark for therapick. Run by hand, never in tests.

Run it in an environment like a user's: therapick and its runtime
dependencies, plus pexpect for the terminal row (the development venv also
has mypy's typing_extensions, which msgspec then imports, about 3 ms):

    python3 -m venv /tmp/benchenv && /tmp/benchenv/bin/pip install -q . pexpect
    /tmp/benchenv/bin/python bench/startup.py --rounds 21

Every row is whole-process wall time, the median over the rounds, with every
command and baseline run once per round in the same order, so drift on the
machine hits them all alike. Ratios are against the baselines of the same run.

therapick freezes the garbage collector as it exits (``cli.main``), which
spares the interpreter's last collections, about a tenth of the floor. So
that this is not counted as therapick being lighter than it is, the floor is
also measured exiting the same way, and a row passes only within its target
of both floors.
"""

from __future__ import annotations

import argparse
import copy
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
EXE = str(Path(PY).with_name("therapick"))
FLOOR = "import typer, rich.console, rich.table"
FLOOR_Q = FLOOR + ", questionary"

# (label, argv, target ratio, baseline key)
ROWS = [
    ("python -c pass (interpreter floor)", [PY, "-c", "pass"], None, None),
    ("framework floor: " + FLOOR, [PY, "-c", FLOOR], None, None),
    # therapick skips the interpreter's last garbage collections (gc.freeze() as it exits, cli.main);
    # the same for the floor, so the saving is not counted as therapick being lighter than it is.
    (
        "framework floor, exiting as therapick does (gc.freeze())",
        [PY, "-c", FLOOR + "; import gc; gc.freeze()"],
        None,
        None,
    ),
    ("questionary floor: " + FLOOR_Q, [PY, "-c", FLOOR_Q], None, None),
    ("therapick --help", [EXE, "--help"], 1.10, "floor"),
    ("therapick help-now --region GB", [EXE, "help-now", "--region", "GB"], 1.10, "floor"),
    ("therapick show cbt", [EXE, "show", "cbt"], 1.25, "floor"),
    ("therapick list", [EXE, "list"], 1.25, "floor"),
    ("therapick hotlines", [EXE, "hotlines"], 1.25, "floor"),
    # Output to a pipe is laid out as a string; in a terminal Rich styles it (FORCE_COLOR: see COLOUR).
    ("therapick hotlines, in colour (FORCE_COLOR=1)", [EXE, "hotlines"], 1.25, "floor"),
    ("therapick export", [EXE, "export"], 1.25, "floor"),
    ("therapick ask --answers FILE --json", [EXE, "ask", "--answers", "{answers}", "--json"], 1.25, "floor"),
]


# As a user's machine has it: Python may cache bytecode. (Some shells here set
# PYTHONDONTWRITEBYTECODE=1, which makes every run recompile therapick's
# modules from source and adds about 10 ms that no installed user pays.)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


# Rows run with more in their environment (not through `env`, which costs about 10 ms here).
COLOUR = {"therapick hotlines, in colour (FORCE_COLOR=1)": {"FORCE_COLOR": "1"}}


def run_once(argv: list[str], label: str = "") -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one run, output discarded."""
    env = dict(ENV, **COLOUR.get(label, {}))
    start = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise SystemExit(f"{argv} exited {p.returncode}")
    return elapsed, usage.ru_maxrss


def first_question() -> float:
    """Seconds from spawning `therapick` in a pty until the first question is on screen."""
    import pexpect

    env = dict(ENV, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm")
    start = time.perf_counter()
    child = pexpect.spawn(EXE, env=env, dimensions=(40, 100), encoding="utf-8", timeout=20)
    child.expect("immediate danger")
    elapsed = time.perf_counter() - start
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    return elapsed


def pty_baseline() -> float:
    """The same spawn in a pty for the questionary floor, until the process ends."""
    import pexpect

    start = time.perf_counter()
    child = pexpect.spawn(PY, ["-c", FLOOR_Q], env=ENV, dimensions=(40, 100), timeout=20)
    child.expect(pexpect.EOF)
    elapsed = time.perf_counter() - start
    child.close()
    return elapsed


def big_kb(n: int, folder: Path) -> Path:
    import yaml

    doc = yaml.safe_load((ROOT / "data" / "interventions.yaml").read_text(encoding="utf-8"))
    items = doc["interventions"]
    out = list(items)  # the real 11, then generated variants up to n
    for k in range(n - len(items)):
        item = copy.deepcopy(items[k % len(items)])
        item["id"] = f"{item['id']}-{k}"
        item["name"] = f"{item['name']} variant {k}"
        item["aliases"] = [f"{a} variant {k}" for a in item.get("aliases", [])]
        item.pop("situations", None)  # a generated variant is ranked by its fit alone (250,000 values at most)
        for listed in ("evidence", "providers"):  # their ids are unique in the knowledge base too
            for entry in item.get(listed, []):
                entry["id"] = f"{entry['id']}-{k}"
        item.pop("abbreviation", None)
        out.append(item)
    doc["interventions"] = out
    path = folder / f"kb-{n}.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21)
    args = parser.parse_args()
    if not Path(EXE).exists():
        raise SystemExit(f"no console script at {EXE}: install therapick in this environment first")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        answers = folder / "answers.yaml"
        answers.write_text("who: adult\nconcerns: [alcohol]\nreadiness: not-sure\n")
        rows = [
            (label, [a.replace("{answers}", str(answers)) for a in argv], target, base)
            for label, argv, target, base in ROWS
        ]
        times: dict[str, list[float]] = {label: [] for label, *_ in rows}
        rss: dict[str, list[int]] = {label: [] for label, *_ in rows}
        pty_first: list[float] = []
        pty_base: list[float] = []
        for _ in range(2):  # warm the file cache
            for label, argv, _, _ in rows:
                run_once(argv, label)
        for _ in range(args.rounds):
            for label, argv, _, _ in rows:
                t, m = run_once(argv, label)
                times[label].append(t)
                rss[label].append(m)
            pty_base.append(pty_baseline())
            pty_first.append(first_question())

        med = {label: statistics.median(v) for label, v in times.items()}
        floor, frozen = med[rows[1][0]], med[rows[2][0]]
        print(
            f"therapick start-up, {args.rounds} interleaved rounds, median wall time "
            f"(Python {sys.version.split()[0]}, {os.cpu_count()} cores)\n"
        )
        print("A row is ok when it is within its target of both floors.\n")
        print(f"| {'command':<58} | median ms | x framework floor | x floor, gc.freeze() | target | ok |")
        print(f"| {'-' * 58} | --------- | ----------------- | -------------------- | ------ | -- |")
        for label, _, target, _ in rows:
            ratio, like = med[label] / floor, med[label] / frozen
            ok = "" if target is None else ("yes" if max(ratio, like) <= target else "NO")
            tgt = "" if target is None else f"<= {target:.2f}"
            print(f"| {label:<58} | {med[label] * 1000:9.1f} | {ratio:17.2f} | {like:20.2f} | {tgt:6} | {ok:2} |")
        q_first, q_base = statistics.median(pty_first), statistics.median(pty_base)
        ratio = q_first / q_base
        print(
            f"| {'questionnaire, spawn to first question (pty)':<58} | {q_first * 1000:9.1f} | "
            f"{ratio:11.2f} x qf  | {'':20} | <= 1.15 | {'yes' if ratio <= 1.15 else 'NO':2} |"
        )
        print(
            f"| {'  questionary floor in the same pty, spawn to exit (qf)':<58} | {q_base * 1000:9.1f} |"
            f" {'':17} | {'':20} | {'':6} | {'':2} |"
        )

        m_floor = statistics.median(rss[rows[1][0]])
        m_show = statistics.median(rss["therapick show cbt"])
        print(
            f"\npeak memory: framework floor {m_floor / 1024:.1f} MiB, show cbt {m_show / 1024:.1f} MiB, "
            f"ratio {m_show / m_floor:.2f} (target <= 1.30: {'yes' if m_show / m_floor <= 1.30 else 'NO'})"
        )

        print("\nscale: a generated knowledge base of 1,000 interventions (median of 5 runs each, target < 500 ms)")
        big = big_kb(1000, folder)
        big_json = folder / "kb-1000.json"
        export = subprocess.run([EXE, "--kb", str(big), "export", "--format", "json"], capture_output=True, check=True)
        big_json.write_bytes(export.stdout)
        for form, path in (("JSON", big_json), ("YAML", big)):
            print(f"  as {form}, {path.stat().st_size / 1024:.0f} KiB")
            for label, argv in (
                ("show", [EXE, "--kb", str(path), "show", "cbt-495"]),
                ("list --json", [EXE, "--kb", str(path), "list", "--json"]),
                ("ask --answers", [EXE, "--kb", str(path), "ask", "--answers", str(answers), "--json"]),
            ):
                m = statistics.median(run_once(argv)[0] for _ in range(5))
                print(f"    {label:<14} {m * 1000:7.1f} ms  {'ok' if m < 0.5 else 'OVER'}")

        sys.path.insert(0, str(ROOT / "src"))
        from therapick.advice import answers as A
        from therapick.advice.rank import rank
        from therapick.kb import loader as kbmod

        knowledge = kbmod.load(ROOT / "data" / "interventions.yaml")
        q = knowledge.questionnaire.question
        whos, concerns, goals = q("who").option_ids, q("concerns").option_ids, q("goals").option_ids
        prefs, ready = q("preferences").option_ids, q("readiness").option_ids
        sets = [
            A.Answers(
                {
                    "flags": {
                        "who": whos[n % 7],
                        "concerns": (concerns[n % 10], concerns[(n // 10) % 10]),
                        "goals": (goals[n % 5],),
                        "readiness": ready[(n // 3) % 5],
                        "preferences": (prefs[n % 8], prefs[(n // 8) % 8]),
                    }
                }
            )
            for n in range(10_000)
        ]
        rank(knowledge, sets[0])
        best = min(_time_all(rank, knowledge, sets) for _ in range(5))
        print(
            f"  ranking 10,000 answer sets in-process (11 interventions): {best * 1000:.0f} ms "
            f"(best of 5; target < 1000 ms) {'ok' if best < 1 else 'OVER'}"
        )


def _time_all(rank, knowledge, sets) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    for a in sets:
        rank(knowledge, a)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
