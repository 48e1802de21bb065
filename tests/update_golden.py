"""Write tests/golden/export.md and export.es.md from `therapick export` (the bundled knowledge base).

Run it after a deliberate change in wording, then read the diff:

    python tests/update_golden.py            # writes tests/golden/export.md and tests/golden/export.es.md
    python tests/update_golden.py OUT.md     # writes OUT.md and OUT.es.md instead

No test writes these files; tests/test_kb.py and tests/test_spanish.py only compare against them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# The language of each golden file, and the arguments that make it.
EDITIONS = {"en": ["export"], "es": ["--lang", "es", "export"]}


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else ROOT / "tests" / "golden" / "export.md"
    # The same pinned setting as the tests: no colour, a fixed width, no user knowledge base, no locale.
    drop = ("THERAPICK_KB", "THERAPICK_REGION", "THERAPICK_LANG", "LC_ALL", "LC_MESSAGES", "LANG")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(COLUMNS="100", NO_COLOR="1", TERM="dumb", PYTHONPATH=str(ROOT / "src"))
    for lang, args in EDITIONS.items():
        out = target if lang == "en" else target.with_name(f"{target.name.removesuffix('.md')}.{lang}.md")
        done = subprocess.run([sys.executable, "-m", "therapick", *args], env=env, capture_output=True, check=False)
        if done.returncode != 0:
            sys.stderr.write(done.stderr.decode("utf-8", "replace"))
            return done.returncode
        out.write_bytes(done.stdout)
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
