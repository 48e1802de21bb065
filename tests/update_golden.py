"""Write tests/golden/export.md from `therapick export` (the bundled knowledge base).

Run it after a deliberate change in wording, then read the diff:

    python tests/update_golden.py            # writes tests/golden/export.md
    python tests/update_golden.py OUT.md     # writes somewhere else

No test writes this file; tests/test_kb.py only compares against it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else ROOT / "tests" / "golden" / "export.md"
    # The same pinned setting as the tests: no colour, a fixed width, no user knowledge base.
    env = {k: v for k, v in os.environ.items() if k not in ("THERAPICK_KB", "THERAPICK_REGION")}
    env.update(COLUMNS="100", NO_COLOR="1", TERM="dumb", PYTHONPATH=str(ROOT / "src"))
    done = subprocess.run([sys.executable, "-m", "therapick", "export"], env=env, capture_output=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr.decode("utf-8", "replace"))
        return done.returncode
    target.write_bytes(done.stdout)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
