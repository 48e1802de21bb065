"""Every sentence the crisis screen says in its own words is one a facts file supports.

The lines themselves (names, numbers, hours) are the knowledge base's, pinned in
tests/test_helplines.py; a region's ``crisis_gap`` is its own data. What is left is the program's
own advice, and each sentence of it is listed here with the row it rests on, so a new piece of
advice (such as "stay with someone until help comes", which no facts file gives) fails until its
source is named.
"""

from __future__ import annotations

import re

import pytest

from therapick.base import i18n
from therapick.kb import loader
from therapick.output import render
from therapick.output.doc import to_plain

# sentence (a pattern, for the region's number and name) -> the facts it comes from
OWN_WORDS = {
    "en": {
        r"If you or someone else is in immediate danger, call .+ now\.": (
            "safety-plan.md: local emergency services are the fastest help in immediate danger; crisis-words.md rule 4"
        ),
        r"Crisis lines in .+:": "a heading",
        r"You can also call a crisis line about someone else, to get help for them\.": (
            "safety-plan.md: a person can call for someone else"
        ),
        r"To write a personal safety plan in your own words: therapick safety-plan": (
            "safety-plan.md: a written list in the person's own words"
        ),
    },
    "es": {
        r"Si tú u otra persona están en peligro inmediato, llama ahora al .+\.": "as in English",
        r"Líneas de crisis en .+:": "a heading",
        r"También puedes llamar a una línea de crisis por otra persona, para conseguirle ayuda\.": "as in English",
        r"Para escribir un plan de seguridad personal con tus propias palabras: therapick safety-plan": (
            "as in English"
        ),
    },
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_crisis_screen_says_only_what_the_facts_give(lang: str) -> None:
    i18n.set_language(lang)  # the autouse fixture sets English back
    kb = loader.bundled(lang)
    for region in kb.regions:
        if region.id == "other":
            continue
        text = to_plain(render.crisis_blocks(kb, region, ()), 10_000)
        own = [
            p
            for p in (" ".join(block.split()) for block in text.split("\n"))
            if p and not p.startswith("- ") and p != " ".join((region.crisis_gap or "").split())
        ]
        unsourced = [p for p in own if not any(re.fullmatch(pattern, p) for pattern in OWN_WORDS[lang])]
        assert not unsourced, (region.id, unsourced)
        assert len(own) == len(OWN_WORDS[lang]), (region.id, own)
