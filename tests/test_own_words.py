"""therapick's texts are in its own words: none repeats eight words in a row from the overview.

The overview (shared/seed) is the source of the descriptions, but it is paraphrased, never copied.
CI's clone has no shared/, so tests/data/seed-8-word-runs.txt holds a short hash of every run of
eight consecutive words of the overview (made with ``runs`` below from the seed file), not its
text: a knowledge-base text or a program message that holds one of those runs fails here.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec

from therapick.base.messages_es import MESSAGES
from therapick.kb import loader

RUNS = Path(__file__).resolve().parent / "data" / "seed-8-word-runs.txt"
N = 8


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.casefold().replace("\u2019", "'"))


def runs(text: str) -> Iterator[tuple[str, str]]:
    """Each run of ``N`` consecutive words, with its short hash (the overview's are the file's lines)."""
    w = _words(text)
    for i in range(len(w) - N + 1):
        run = " ".join(w[i : i + N])
        yield hashlib.blake2b(run.encode(), digest_size=5).hexdigest(), run


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, str):
        yield value


def test_no_text_repeats_eight_words_of_the_overview() -> None:
    seed = set(RUNS.read_text(encoding="utf-8").split())
    assert len(seed) > 1500, "the overview's runs are all there"
    texts = [*_strings(msgspec.to_builtins(loader.load(None))), *MESSAGES]
    copied = sorted({run for text in texts for key, run in runs(text) if key in seed})
    assert not copied, copied


def test_a_copied_run_is_found() -> None:
    # The phrase the knowledge base once reused (issue: reworded in its own words).
    seed = set(RUNS.read_text(encoding="utf-8").split())
    phrase = "may be helpful in overcoming the behavioral and psychological effects of substance use"
    assert any(key in seed for key, _ in runs(phrase))
    assert not any(key in seed for key, _ in runs("may be useful when substance use has changed how someone acts"))
