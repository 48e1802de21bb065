"""A person's own words, matched on this machine: crisis words, concerns, and who it is for. Pure.

``describe(kb, text)`` reads a sentence or two ("my 4 year old hits and screams every night",
"mi hijo de 15 toma alcohol") and returns what it points to: the crisis-words rows it holds
(``crisis_words.py``, the package's safety floor), the concerns and the "who" option whose words
(the knowledge base's ``words:``, so a clinic can add its own) it holds, and an age it states.
Nothing leaves the machine and no model is loaded: words are folded (case, accents,
apostrophes, contractions), reduced to their stems by snowballstemmer (English and Spanish), and
compared with rapidfuzz's edit distance, so "killing myself", "kil myself" and "suicidarme"
match as the facts ask. Both libraries are imported only here, when a description is matched.

What the matches mean is decided elsewhere: crisis words bring the crisis lines first
(``result.py``, ``render.py``); concerns and who are pre-ticked choices the person confirms. A
description that matches nothing says nothing about risk: no output ever says so.

Why it is over 400 lines: folding, stemming, fuzzy matching and the age and negation rules
are one matcher, tested as one (``tests/test_describe.py``'s labelled descriptions); split, its
parts would only be called from each other.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise
from typing import Any

from msgspec import Struct

from therapick.advice import crisis_words as CW
from therapick.kb import questions as Q
from therapick.kb.schema import KnowledgeBase

MAX_CHARS = 10_000  # a description longer than this is refused (a sentence or two is enough)


class Described(Struct, frozen=True):
    """What a description points to. ``text`` stays in memory: it is written out only when ``keep``."""

    concerns: tuple[str, ...]  # option ids of the concerns question, in the knowledge base's order
    who: str | None  # the who option it points to, when it states one
    crisis: tuple[str, ...]  # crisis-words rows matched (E1..E18, S1..S15), in the order found
    imminent: bool  # crisis words with a time, a plan, a method or a place (W11)
    text: str | None = None
    keep: bool = False  # the person asked for the text itself in the JSON or the report

    @property
    def urgent(self) -> bool:
        """Crisis words were found: the crisis lines come first, before anything else."""
        return bool(self.crisis)


# --------------------------------------------------------------------------
# Folding text into words

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'", "\uff07": "'"})
# After folding, apostrophes are dropped ("don't" -> "dont"); these are then spelt out, so that
# "dont", "don't" and "do not" are one phrase.
_CONTRACTIONS = {
    "im": "i am",
    "ive": "i have",
    "id": "i would",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "cant": "can not",
    "cannot": "can not",
    "couldnt": "could not",
    "wont": "will not",
    "wouldnt": "would not",
    "shouldnt": "should not",
    "isnt": "is not",
    "arent": "are not",
    "wasnt": "was not",
    "werent": "were not",
    "hadnt": "had not",
    "havent": "have not",
    "hasnt": "has not",
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "got to",
    "youre": "you are",
    "theyre": "they are",
    "hes": "he is",
    "shes": "she is",
    "q": "que",
}
_WORD = re.compile(r"[a-z0-9]+")
NEGATORS = frozenset({"not", "no", "never", "nunca", "jamas", "ni"})


def fold(text: str) -> str:
    """Lower case, no accents ("daño" -> "dano"), straight apostrophes, then none."""
    text = text.translate(_QUOTES).casefold()
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text.replace("'", "")


def words(text: str) -> list[str]:
    """The folded words of ``text``, with contractions spelt out."""
    out: list[str] = []
    for w in _WORD.findall(fold(text)):
        out += _CONTRACTIONS.get(w, w).split()
    return out


@lru_cache(maxsize=1)
def _stemmers() -> dict[str, Any]:
    import snowballstemmer  # type: ignore[import-untyped]

    return {"en": snowballstemmer.stemmer("english"), "es": snowballstemmer.stemmer("spanish")}


@lru_cache(maxsize=65536)
def stem(word: str, lang: str) -> str:
    return str(_stemmers()[lang].stemWord(word))


# --------------------------------------------------------------------------
# Phrases, compiled once per vocabulary


class _Word(Struct, frozen=True):
    form: str  # folded
    stem: str  # its stem in the phrase's language ("" when matched as written)
    lang: str
    typos: int  # how many typing mistakes are allowed (0: none)
    prefix: int  # how many first letters must be right for a typo to count


class _Phrase(Struct, frozen=True):
    key: str  # the crisis row ("E1") or the option id
    words: tuple[int, ...]  # indexes into the word table


def _typos(form: str, alone: bool) -> tuple[int, int]:
    """Typing mistakes allowed in a word: none in short words, one from 4 letters, two from 9.

    A phrase of one word has no other word around it to confirm a near miss, so it needs 7
    letters and its first two right ("suicde", not "trapped" for "tripped")."""
    if alone:
        return (1, 2) if len(form) >= 7 else (0, 0)
    if len(form) >= 9:
        return 2, 1
    return (1, 1) if len(form) >= 4 else (0, 0)


class Vocabulary:
    """Phrases by key, compiled: a table of distinct words, and indexes to find them fast."""

    def __init__(self, phrases: Iterable[tuple[str, str, str]], gap_from: int = 2) -> None:
        """``gap_from``: phrases of this many words or more may have one other word inside
        ("I want to just die"); crisis phrases from two words, the options' words from three."""
        self.gap_from = gap_from
        self.table: list[_Word] = []
        self.index: dict[_Word, int] = {}
        self.phrases: list[_Phrase] = []
        for key, lang, text in phrases:
            for variant in _variants(text):
                self.phrases.append(_Phrase(key, tuple(self._word(w, lang, len(variant) == 1) for w in variant)))
        self.exact: dict[str, list[int]] = {}  # folded form -> words matched as written
        self.stems: dict[tuple[str, str], list[int]] = {}  # (lang, stem) -> words
        self.fuzzy: dict[tuple[str, str], list[int]] = {}  # (first letter, lang) -> words allowing typos
        for n, w in enumerate(self.table):
            if w.stem:
                self.stems.setdefault((w.lang, w.stem), []).append(n)
            else:
                self.exact.setdefault(w.form, []).append(n)
            if w.typos:
                self.fuzzy.setdefault((w.form[0], w.lang), []).append(n)
        self.forms = {k: [self.table[n].form for n in group] for k, group in self.fuzzy.items()}
        self.by_form: dict[str, list[int]] = {}
        for n, w in enumerate(self.table):
            self.by_form.setdefault(w.form, []).append(n)
        self.by_first: dict[int, list[_Phrase]] = {}
        for p in self.phrases:
            self.by_first.setdefault(p.words[0], []).append(p)

    def _word(self, raw: tuple[str, bool], lang: str, alone: bool) -> int:
        form, exact = raw
        typos, prefix = (0, 0) if exact else _typos(form, alone)
        w = _Word(form, "" if exact else stem(form, lang), lang, typos, prefix)
        if w not in self.index:
            self.index[w] = len(self.table)
            self.table.append(w)
        return self.index[w]

    def hits(self, tokens: list[str]) -> list[tuple[str, int, int]]:
        """Every (key, first token, last token + 1) where a phrase occurs in ``tokens``."""
        seen: dict[str, set[int]] = {}

        def matches(token: str, fuzzy: bool) -> set[int]:
            found = seen.get(token)
            if found is None:
                found = seen[token] = _token_matches(self, token, fuzzy)
            return found

        single = [matches(t, True) for t in tokens]
        # Two words typed as one phrase word ("my self" for "myself"): compared as written, not
        # stemmed (half the stemming of a text, and enough for a word split in two).
        pairs = [set(self.by_form.get(a + b, ())) for a, b in pairwise(tokens)]
        out: list[tuple[str, int, int]] = []
        for i in range(len(tokens)):
            for start, width in ((single[i], 1), (pairs[i] if i < len(pairs) else set(), 2)):
                for word in start:
                    for p in self.by_first.get(word, ()):
                        gaps = 1 if len(p.words) >= self.gap_from else 0
                        end = _follow(p.words, 1, i + width, gaps, single, pairs)
                        if end is not None:
                            out.append((p.key, i, end))
        return out


def _token_matches(v: Vocabulary, token: str, fuzzy: bool) -> set[int]:
    found = set(v.exact.get(token, ()))
    for lang in ("en", "es"):
        found.update(v.stems.get((lang, stem(token, lang)), ()))
    if fuzzy and len(token) >= 3:
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        for lang in ("en", "es"):
            group = v.fuzzy.get((token[0], lang))
            if not group:
                continue
            # Typos are counted on the words as written, not on stems: short stems are too near
            # each other ("shout" and "shoot").
            forms = v.forms[(token[0], lang)]
            for _, distance, at in process.extract(token, forms, scorer=OSA.distance, score_cutoff=2, limit=None):
                w = v.table[group[at]]
                if distance <= w.typos and token[: w.prefix] == w.form[: w.prefix]:
                    found.add(group[at])
    return found


def _follow(
    words: tuple[int, ...], j: int, i: int, gaps: int, single: list[set[int]], pairs: list[set[int]]
) -> int | None:
    """Where the phrase ``words[j:]`` ends if it goes on at token ``i`` (with ``gaps`` free words)."""
    if j == len(words):
        return i
    if i < len(single) and words[j] in single[i]:
        end = _follow(words, j + 1, i + 1, gaps, single, pairs)
        if end is not None:
            return end
    if i < len(pairs) and words[j] in pairs[i]:
        end = _follow(words, j + 1, i + 2, gaps, single, pairs)
        if end is not None:
            return end
    if gaps and i < len(single):
        return _follow(words, j, i + 1, gaps - 1, single, pairs)
    return None


def _variants(text: str) -> list[list[tuple[str, bool]]]:
    """A phrase's words (form, matched as written), and the same with two neighbours joined
    ("self harm" is also "selfharm")."""
    base: list[tuple[str, bool]] = []
    for raw in text.split():
        exact = raw.startswith("=")
        base += [(w, exact) for w in words(raw.lstrip("="))]
    out = [base]
    for n in range(len(base) - 1):
        joined = (base[n][0] + base[n + 1][0], base[n][1] and base[n + 1][1])
        out.append([*base[:n], joined, *base[n + 2 :]])
    return out if base else []


@lru_cache(maxsize=1)
def crisis_vocabulary() -> Vocabulary:
    rows = [(key, "en", p) for key, ps in CW.ENGLISH.items() for p in ps]
    rows += [(key, "es", p) for key, ps in CW.SPANISH.items() for p in ps]
    return Vocabulary(rows)


@lru_cache(maxsize=1)
def imminent_vocabulary() -> Vocabulary:
    rows = [("W11", "en", p) for p in CW.IMMINENT_ENGLISH] + [("W11", "es", p) for p in CW.IMMINENT_SPANISH]
    return Vocabulary(rows)


_VOCABULARIES: dict[int, tuple[Any, Vocabulary]] = {}


def option_vocabulary(kb: KnowledgeBase, qid: str) -> Vocabulary:
    """The knowledge base's words for the options of one question, compiled once per knowledge base."""
    q = kb.questionnaire.find(qid)
    key = id(q)
    cached = _VOCABULARIES.get(key)
    if cached is not None and cached[0] is q:
        return cached[1]
    rows: list[tuple[str, str, str]] = []
    if q is not None:
        for oid, w in q.words.items():
            rows += [(oid, "en", p) for p in w.en] + [(oid, "es", p) for p in w.es]
    vocabulary = Vocabulary(rows, gap_from=3)
    _VOCABULARIES[key] = (q, vocabulary)
    return vocabulary


# --------------------------------------------------------------------------
# Ages

_NUMBERS = {
    **dict.fromkeys(["one", "uno", "un", "una"], 1),
    **dict.fromkeys(["two", "dos"], 2),
    **dict.fromkeys(["three", "tres"], 3),
    **dict.fromkeys(["four", "cuatro"], 4),
    **dict.fromkeys(["five", "cinco"], 5),
    **dict.fromkeys(["six", "seis"], 6),
    **dict.fromkeys(["seven", "siete"], 7),
    **dict.fromkeys(["eight", "ocho"], 8),
    **dict.fromkeys(["nine", "nueve"], 9),
    **dict.fromkeys(["ten", "diez"], 10),
    **dict.fromkeys(["eleven", "once"], 11),
    **dict.fromkeys(["twelve", "doce"], 12),
    **dict.fromkeys(["thirteen", "trece"], 13),
    **dict.fromkeys(["fourteen", "catorce"], 14),
    **dict.fromkeys(["fifteen", "quince"], 15),
    **dict.fromkeys(["sixteen", "dieciseis"], 16),
    **dict.fromkeys(["seventeen", "diecisiete"], 17),
    **dict.fromkeys(["eighteen", "dieciocho"], 18),
}
_N = r"(\d{1,3}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + ")"
_KIN = (
    r"(?:son|daughter|kid|child|boy|girl|baby|grandson|granddaughter|grandchild|nephew|niece|stepson|stepdaughter"
    r"|hij[oa]|nin[oa]|niet[oa]|sobrin[oa]|bebe|chic[oa]|nena|nene|adolescente|muchach[oa])s?"
)
_NO_UNIT = r"(?!\s*(?:months?|meses|mes|weeks?|semanas|dias|days|anos|ano|years?|yrs?))"  # the unit's own pattern
_AGES = [
    # "4 year old", "15-year-old", "4yo", "3 y/o", "4 años", "de 15 años"; months count as age 0
    (re.compile(_N + r"[\s-]*(?:years?|yrs?|yr)[\s-]*olds?\b"), 1),
    (re.compile(r"\b" + _N + r"\s*(?:yo|y/o|y\.o\.?)(?![a-z])"), 1),
    (re.compile(r"\b" + _N + r"\s*(?:anos|ano|anitos)\b"), 1),
    (re.compile(r"\b" + _N + r"[\s-]*(?:months?|meses|mes)\b"), 0),
    (re.compile(r"\b(?:aged?|age of|edad de)\s+" + _N + r"\b"), 1),
    (
        re.compile(
            r"\b"
            + _KIN
            + r"\s+(?:de\s+|is\s+|who is\s+|(?:just\s+)?turned\s+|tiene\s+|aged\s+)?"
            + _N
            + r"\b"
            + _NO_UNIT
        ),
        1,
    ),
    (re.compile(r"\b(?:i am|i m|tengo)\s+" + _N + r"\b(?!\s*(?:minutes|hours|days|weeks|kids|children|hij))"), 1),
]
_SELF = re.compile(r"\b(?:i am|i m|im|soy|tengo|yo)\s+(?:an?\s+|un\s+|una\s+)?$")


def stated_age(text: str) -> int | None:
    """An age the text states for the person the support is for: someone else's first ("my 4
    year old"), else the writer's own ("I'm 16", "tengo 35 años")."""
    folded = " ".join(words(text))
    other: list[tuple[int, int]] = []
    own: list[tuple[int, int]] = []
    for pattern, years in _AGES:
        for m in pattern.finditer(folded):
            value = m.group(m.lastindex or 1)
            number = int(value) if value.isdigit() else _NUMBERS.get(value)
            if number is None or number > 120:
                continue
            age = number if years else 0
            before = folded[max(0, m.start() - 12) : m.start()]
            mine = m.group(0).startswith(("i am", "i m", "tengo")) or bool(_SELF.search(before))
            (own if mine else other).append((m.start(), age))
    found = sorted(other) or sorted(own)
    return found[0][1] if found else None


# --------------------------------------------------------------------------
# The match


def crisis_rows(text: str) -> tuple[tuple[str, ...], bool]:
    """The crisis-words rows ``text`` holds, and whether it also names a time, a plan, a method or a place."""
    tokens = words(text)
    found: list[str] = []
    for key, _, _ in sorted(crisis_vocabulary().hits(tokens), key=lambda h: h[1]):
        if key not in found:
            found.append(key)
    imminent = bool(found) and bool(imminent_vocabulary().hits(tokens))
    return tuple(found), imminent


def describe(kb: KnowledgeBase, text: str, keep: bool = False) -> Described:
    """What ``text`` points to: crisis words first, then concerns and who the support is for."""
    tokens = words(text)
    crisis, imminent = crisis_rows(text)
    concerns = _concerns(kb, tokens)
    return Described(concerns, _who(kb, text, tokens), crisis, imminent, text, keep)


def _concerns(kb: KnowledgeBase, tokens: list[str]) -> tuple[str, ...]:
    q = kb.questionnaire.find(Q.CONCERNS)
    if q is None:
        return ()
    hit: set[str] = set()
    for key, start, _ in option_vocabulary(kb, Q.CONCERNS).hits(tokens):
        # "I don't drink", "ya no tomo": a word of negation just before the phrase undoes it
        # (for concerns only: crisis words count with negation, rule 2).
        if not NEGATORS.intersection(tokens[max(0, start - 3) : start]):
            hit.add(key)
    return tuple(o for o in q.option_ids if o in hit)


def _who(kb: KnowledgeBase, text: str, tokens: list[str]) -> str | None:
    q = kb.questionnaire.find(Q.WHO)
    if q is None:
        return None
    age = stated_age(text)
    if age is not None:
        for oid, w in q.words.items():
            if w.ages is not None and w.ages[0] <= age <= w.ages[1] and oid in q.option_ids:
                return oid
    hits = sorted(option_vocabulary(kb, Q.WHO).hits(tokens), key=lambda h: h[1])
    return next((key for key, _, _ in hits if key in q.option_ids), None)
