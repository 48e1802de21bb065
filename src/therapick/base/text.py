"""The one text policy: which characters data may hold, and how any text is shown safely.

A character is *hidden* when a person cannot see what it does: a control
character (Unicode category Cc: ESC, BEL, the C1 controls such as U+009B,
which a terminal reads as the start of a command), a format character (Cf:
right-to-left overrides and marks such as U+202E and U+061C, zero-width
spaces, the soft hyphen), a private-use or surrogate code point (Co, Cs), a
line or paragraph separator (Zl, Zp), or one of a short list of characters
that draw nothing (``INVISIBLE``: Hangul fillers, the blank Braille pattern,
variation selectors). Such a character can clear the screen, write to the
clipboard (OSC 52), reorder the digits of a phone number or make a name look
empty.

- A knowledge base, its companion files and an answers file refuse every
  hidden character, in every key and every value (``kb/source.py``), except a
  line break in a long text; the schema refuses line breaks where a line
  makes no sense (``kb/schema.py``).
- Everything else that shows text from outside (error lines, ``validate``'s
  report) escapes them with ``escape`` (``\\x1b``, ``\\u202e``).

``hidden`` states the definition; ``RANGES`` is the same set written out as
ranges (so nothing scans Unicode at start-up), from which every regular
expression that looks for hidden characters is made; a test holds the two
to each other for every code point. Only this module says what is hidden.
"""

from __future__ import annotations

import functools
import re

CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Zl", "Zp"})

# Characters of other categories that draw nothing (or a blank) in a terminal.
INVISIBLE = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u2800\u3164\uffa0"
    + "".join(map(chr, range(0xFE00, 0xFE10)))  # variation selectors
    + "".join(map(chr, range(0xE0100, 0xE01F0)))  # variation selectors supplement
)

# The code points of CATEGORIES (Unicode 14 to 15.1; a test says when a later Unicode adds one)
# and of INVISIBLE, as ranges, so that nothing scans Unicode at start-up.
RANGES: tuple[tuple[int, int], ...] = (
    (0x00, 0x1F), (0x7F, 0x9F), (0xAD, 0xAD), (0x34F, 0x34F), (0x600, 0x605), (0x61C, 0x61C),
    (0x6DD, 0x6DD), (0x70F, 0x70F), (0x890, 0x891), (0x8E2, 0x8E2), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x2028, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F),
    (0x2800, 0x2800), (0x3164, 0x3164), (0xD800, 0xDFFF), (0xE000, 0xF8FF), (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD),
    (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F),
    (0xE0100, 0xE01EF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD),
)  # fmt: skip


def _class(with_newline: bool, astral: bool = True, surrogates: bool = True) -> str:
    """``RANGES`` as the inside of a regular-expression class (``\\x00-\\x1f...``)."""
    out = []
    for lo, hi in RANGES:
        if (not astral and lo > 0xFFFF) or (not surrogates and lo == 0xD800):
            continue
        if lo <= 0x0A <= hi and not with_newline:  # a line break: its own piece, so that it can be left out
            out.append(_escape_range(lo, 0x09) + _escape_range(0x0B, hi))
            continue
        out.append(_escape_range(lo, hi))
    return "".join(out)


def _escape_range(lo: int, hi: int) -> str:
    return _code(chr(lo)) if lo == hi else f"{_code(chr(lo))}-{_code(chr(hi))}"


def _code(ch: str) -> str:
    n = ord(ch)
    if n < 0x100:
        return f"\\x{n:02x}"
    return f"\\u{n:04x}" if n < 0x10000 else f"\\U{n:08x}"


def hidden(ch: str) -> bool:
    """Whether the character ``ch`` is hidden: the definition, of which ``RANGES`` is the fast form."""
    import unicodedata

    return ch in INVISIBLE or unicodedata.category(ch) in CATEGORIES


def schema_class(with_newline: bool) -> str:
    """The hidden characters as a class for a schema pattern, which is also read as an ECMAScript
    regular expression (the published JSON Schema): only ``\\uXXXX`` escapes, and no surrogate
    range (an ECMAScript engine would read every emoji as two surrogates). The characters beyond
    U+FFFF are refused when the file is read (``kb/source.py``), before the schema sees the text."""
    return _class(with_newline, astral=False, surrogates=False)


@functools.cache
def _pattern(newlines: bool) -> re.Pattern[str]:
    """Compiled when first needed (a text that is not plain ASCII): about 1 ms."""
    return re.compile(f"[{_class(with_newline=not newlines)}]")


def first_hidden(text: str, newlines: bool = False) -> str | None:
    """The first hidden character in ``text`` (a line break counts unless ``newlines``), or None."""
    if text.isascii() and text.isprintable():  # nearly every text: one pass in C
        return None
    found = _pattern(newlines).search(text)
    return found.group() if found else None


def describe(ch: str) -> str:
    """``U+202E (RIGHT-TO-LEFT OVERRIDE)``: a hidden character, named so a person can find it."""
    import unicodedata

    names = {"\n": "LINE FEED", "\r": "CARRIAGE RETURN", "\t": "TAB", "\x1b": "ESCAPE", "\x07": "BELL"}
    name = names.get(ch) or unicodedata.name(ch, "")
    if not name:
        category = unicodedata.category(ch)
        name = {"Co": "PRIVATE USE", "Cs": "SURROGATE", "Cc": "CONTROL"}.get(category, category)
    return f"U+{ord(ch):04X} ({name})"


def escape(text: str) -> str:
    """``text`` with every hidden character (a line break too) written as an escape: ``\\x1b``, ``\\u202e``."""
    if text.isascii() and text.isprintable():
        return text
    return _pattern(False).sub(lambda m: _code(m.group()), text)
