"""A small document model for the screen, and its two renderers: Rich and plain text.

``render.py`` says *what* to show as blocks (headings, paragraphs, list
items, labelled fields, an alert panel); this module says *how*: with Rich
(colour, panels, hanging indents) or as plain linear text for a screen
reader or ``TERM=dumb`` (``--plain``): no boxes, no symbols, every line
within the width, headings on lines of their own.

Rich's layout has a fast twin for output with no colour system (a file or a
pipe): ``to_unstyled`` builds the same bytes as a string, and hands a
document back to Rich when it has a panel or a character that is not one
cell wide. ``tests/test_layout.py`` holds the two to each other.

Every text (paragraphs and items when they are made; headings, labels and
panel titles when they are rendered) is cut to ``MAX_FIELD`` characters
before layout, so the cost of showing a knowledge base grows with its size,
not faster: wrapping one long word is quadratic in its length.

Why it is over 400 lines: the document model and its three renderers (Rich, plain text,
Markdown) and the fast twin of Rich's layout; they are held to each other by tests, and a block
added to the model is rendered by all three here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

from msgspec import Struct

MAX_FIELD = 4000  # characters of one text shown on screen; the export has it all

Span = tuple[str, str]  # (text, style): style is "", "bold", "dim", "italic", "accent", "alert" or "link"


class Heading(Struct, frozen=True):
    text: str
    level: int = 1  # 0: the document's title (a report, the export); 1: a section; 2, 3: within one


class _Spans(Struct, frozen=True):
    spans: tuple[Span, ...]
    indent: int = 0

    @property
    def text(self) -> str:
        """The words without their styles."""
        return "".join(t for t, _ in self.spans)


class Para(_Spans, frozen=True):
    pass


class Item(_Spans, frozen=True):
    pass


class Field(Struct, frozen=True):
    label: str
    blocks: tuple[Any, ...]  # Para or Item


class Panel(Struct, frozen=True):
    title: str
    blocks: tuple[Any, ...]
    alert: bool = True


class Blank(Struct, frozen=True):
    pass


Block = Heading | Para | Item | Field | Panel | Blank
Doc = list[Any]


def _cut(text: str) -> str:
    if len(text) <= MAX_FIELD:
        return text
    from therapick.base.i18n import tn

    more = tn(
        "(one more character; 'therapick export' has the full text)",
        "({n} more characters; 'therapick export' has the full text)",
        len(text) - MAX_FIELD,
    )
    return text[:MAX_FIELD] + "... " + more


def spans(*parts: str | Span) -> tuple[Span, ...]:
    return tuple((_cut(p), "") if isinstance(p, str) else (_cut(p[0]), p[1]) for p in parts)


def link(url: str, text: str | None = None) -> Span:
    """A web address: shown whole (never split across lines), a hyperlink where the terminal
    supports it (OSC 8, through Rich), and a link in Markdown. With ``text``, the words are shown and
    the address is their target (in Markdown: ``[text](url)``, such as the export's contents)."""
    return (url, "link") if text is None else (text, "link:" + url)


def para(*parts: str | Span, indent: int = 0) -> Para:
    return Para(spans(*parts), indent)


def item(*parts: str | Span, indent: int = 0) -> Item:
    return Item(spans(*parts), indent)


# --------------------------------------------------------------------------
# Plain text


def to_plain(doc: Doc, width: int, unicode_ok: bool = True) -> str:
    out: list[str] = []
    _plain_blocks(doc, width, out, 0)
    text = "\n".join(out).strip("\n") + "\n"
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text


_NUMBER = re.compile(r"\d+(?: \d+)+")


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    import textwrap  # plain mode only

    class Wrapper(textwrap.TextWrapper):
        def _handle_long_word(self, chunks: list[str], line: list[str], length: int, width: int) -> None:
            if not _is_link(chunks[-1]):
                return super()._handle_long_word(chunks, line, length, width)
            if not line:  # a link is never split: alone on its line, however long
                line.append(chunks.pop())
            return None

    wrapper = Wrapper(
        width=max(width, len(first) + 8),
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=True,
        break_on_hyphens=False,
    )
    # A phone number written in groups is never split: its spaces do not break while wrapping.
    text = _NUMBER.sub(lambda m: m.group().replace(" ", "\u00a0"), text)
    return [line.replace("\u00a0", " ") for line in wrapper.wrap(text)] or [first.rstrip()]


def _plain_blocks(blocks: Any, width: int, out: list[str], indent: int) -> None:
    pad = " " * indent
    for b in blocks:
        if isinstance(b, Heading):
            out += ["", *_wrap(_cut(b.text), width, pad, pad), ""]
        elif isinstance(b, Para):
            p = pad + " " * (2 * b.indent)
            out += _wrap(b.text, width, p, p)
        elif isinstance(b, Item):
            p = pad + " " * (2 * b.indent)
            out += _wrap(b.text, width, p + "- ", p + "  ")
        elif isinstance(b, Field):
            out += _wrap(_cut(b.label) + ":", width, pad, pad)
            _plain_blocks(b.blocks, width, out, indent + 2)
        elif isinstance(b, Panel):
            out += ["", *_wrap(_cut(b.title), width, pad, pad), ""]
            _plain_blocks(b.blocks, width, out, indent)
            out.append("")
        elif isinstance(b, Blank):
            out.append("")


# --------------------------------------------------------------------------
# Markdown: the saved report, the safety plan and the export are the screens' documents


def to_markdown(doc: Doc) -> str:
    """The document as Markdown (CommonMark): headings, paragraphs, lists, labelled fields as
    ``- **Label:** ...`` items, a panel as a block quote, a link as ``<https://...>``.

    Text is escaped, so a knowledge base's words are shown as written, never read as Markdown.
    """
    out: list[str] = []
    _md_blocks(doc, out, 0)
    text = "\n".join(out).strip("\n") + "\n"
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_inline(spans: tuple[Span, ...], indent: str) -> str:
    out: list[str] = []
    for text, style in spans:
        if style == "link":
            out.append(f"<{text}>")
            continue
        if style.startswith("link:"):
            out.append(f"[{_md_escape(text)}]({style[5:]})")
            continue
        body = _md_escape(text)
        mark = "**" if style in ("bold", "accent", "alert") else "*" if style == "italic" else ""
        if mark and body.strip():  # emphasis hugs its words: "** x**" is not emphasis
            lead, core, trail = _around(body)
            body = f"{lead}{mark}{core}{mark}{trail}"
        out.append(body)
    # A line break inside a block stays one (two spaces), its next line indented under the block.
    return "".join(out).replace("\n", "  \n" + indent)


def _around(text: str) -> tuple[str, str, str]:
    core = text.strip()
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]


def _md_blocks(blocks: Any, out: list[str], depth: int) -> None:
    pad = "  " * depth
    previous: Any = None
    for b in blocks:
        listed = isinstance(b, (Item, Field))
        if previous is not None and not (listed and isinstance(previous, (Item, Field))):
            out.append("")  # paragraphs, headings and lists are apart; items of one list are not
        if isinstance(b, Heading):
            out += ["#" * (min(b.level, 5) + 1) + " " + _md_escape(b.text), ""]
        elif isinstance(b, Para):
            out.append(pad + _md_inline(b.spans, pad))
        elif isinstance(b, Item):
            inner = pad + "  " * b.indent
            out.append(f"{inner}- " + _md_inline(b.spans, inner + "  "))
        elif isinstance(b, Field):
            label = f"{pad}- **{_md_escape(b.label)}:**"
            if len(b.blocks) == 1 and isinstance(b.blocks[0], Para):
                out.append(f"{label} " + _md_inline(b.blocks[0].spans, pad + "  "))
            else:
                out.append(label)
                nested: list[str] = []
                _md_blocks([x for x in b.blocks if not isinstance(x, Blank)], nested, depth + 1)
                out += [line for line in nested if line]  # one list: no blank lines inside it
        elif isinstance(b, Panel):
            quoted: list[str] = []
            _md_blocks(b.blocks, quoted, 0)
            out.append(f"> **{_md_escape(b.title)}**")
            out.append(">")
            out += [f"> {line}".rstrip() for line in "\n".join(quoted).strip("\n").split("\n")]
            out.append("")
        elif isinstance(b, Blank):
            b = None  # a blank ends a list; the next block starts apart
        previous = b


# --------------------------------------------------------------------------
# Rich

_STYLES = {"": "", "bold": "bold", "dim": "dim", "italic": "italic", "accent": "bold cyan", "alert": "bold red"}


def to_rich(doc: Doc, unicode_ok: bool = True) -> Any:
    from rich.console import Group
    from rich.text import Text

    # A text at the top is laid out like every other (``_Hang`` with no indent): no trailing
    # spaces where a line breaks, and a phone number is never split across two lines.
    return Group(*(_Hang(Text(), 0, [b]) if isinstance(b, Text) else b for b in _rich_blocks(doc, unicode_ok)))


def _text(parts: tuple[Span, ...]) -> Any:
    from rich.style import Style
    from rich.text import Text

    text = Text(overflow="fold")
    for t, style in parts:
        if style.startswith("link"):
            text.append(t, style=Style(dim=True, link=t) if style == "link" else Style(link=style[5:]))
        else:
            text.append(t, style=_STYLES.get(style, ""))
    return text


LABEL_WIDTH = 18  # the label column of a field; a longer label gets a line of its own


class _Hang:
    """``prefix`` then ``body`` wrapped beside it, later lines indented under the body: a list
    item's hanging indent, or a field's label beside its value. One wrap of the body per width,
    instead of a table's repeated measuring (bench/startup.py: a third of a screen's cost)."""

    def __init__(self, prefix: Any, indent: int, body: list[Any], label: bool = False) -> None:
        self.prefix, self.indent, self.body, self.label = prefix, indent, body, label

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich.segment import Segment
        from rich.text import Text

        indent, on_own_line = self.indent, self.prefix.cell_len > self.indent
        if self.label and options.max_width < 2 * LABEL_WIDTH + 10:  # narrow: the label above its value
            indent, on_own_line = 2, True
        width = max(1, options.max_width - indent)
        inner = options.update(width=width, highlight=False)
        # With no colour system (output to a file or a pipe) no style is ever written, so the
        # lines are plain segments: the same output without working out a style per span.
        styled = console.color_system is not None
        lines: list[list[Any]] = []
        for part in self.body:
            if isinstance(part, Text):
                lines += _wrapped(console, part, width, styled)
            else:  # not console.render_lines, which crops: a link stays whole
                lines += list(Segment.split_lines(console.render(part, inner)))
        pad = [Segment(" " * indent)]
        bare = self.prefix.copy()
        bare.rstrip()
        bare_head = _segments(console, bare) if styled else [Segment(bare.plain)]
        if on_own_line:  # a long (or, when narrow, any) label: lines of its own
            for line in _wrapped(console, self.prefix, options.max_width, styled):
                yield from line
                yield Segment.line()
            head = pad
        else:
            head = _segments(console, self.prefix) if styled else [Segment(self.prefix.plain)]
            head.append(Segment(" " * (indent - self.prefix.cell_len)))
        # No line ends in spaces: an empty body line gets no indent (and the first, the bare prefix).
        for n, line in enumerate(lines or [[]]):
            if any(segment.text for segment in line):
                yield from head if n == 0 else pad
                yield from line
            elif n == 0 and not on_own_line:
                yield from bare_head
            yield Segment.line()

    def __rich_measure__(self, console: Any, options: Any) -> Any:
        from rich.measure import Measurement

        return Measurement(self.indent + 1, options.max_width)


def _wrapped(console: Any, text: Any, width: int, styled: bool) -> list[list[Any]]:
    """``text`` wrapped to ``width``, as lines of segments (plain ones when nothing is styled)."""
    from rich.segment import Segment

    if styled:
        fast = _styled_lines(console, text, width)
        if fast is not None:
            return fast
        return [_segments(console, line) for line in _fast_wrap(console, text, width)]
    if _has_wide(text.plain):
        return [[Segment(line.plain)] for line in _fast_wrap(console, text, width)]
    return [[Segment(line)] for line in _plain_lines(text.plain, width)]


def _styled_lines(console: Any, text: Any, width: int) -> list[list[Any]] | None:
    """``_fast_wrap`` then ``_segments`` for each line, the same segments, cut from the string.

    Splitting a Rich text into lines re-slices every span for every line: most of a colour
    screen's cost (bench/startup.py). None when Rich must do it: a wide character, or spans
    that overlap (texts made here never have them).
    """
    from rich.segment import Segment

    plain, spans = text.plain, sorted(text.spans, key=lambda span: span.start)
    if _has_wide(plain) or any(a.end > b.start for a, b in pairwise(spans)):
        return None
    base = console.get_style(text.style) if text.style else None
    styles = [console.get_style(span.style) for span in spans]
    if base is not None:
        styles = [base + style for style in styles]
    out: list[list[Any]] = []
    for cursor, end in _line_bounds(plain, width):
        line = []
        for span, style in zip(spans, styles, strict=True):
            lo, hi = max(span.start, cursor), min(span.end, end)
            if hi <= lo:
                continue
            if lo > cursor:
                line.append(Segment(plain[cursor:lo], base))
            line.append(Segment(plain[lo:hi], style))
            cursor = hi
        if cursor < end or not line:
            line.append(Segment(plain[cursor:end], base))
        out.append(line)
    return out


def _segments(console: Any, text: Any) -> list[Any]:
    """One line of ``text`` as styled segments: its spans' styles over its own (a heading's, a
    label's), which ``Text.render`` alone leaves out."""
    from rich.segment import Segment

    segments = text.render(console, "")
    return list(Segment.apply_style(segments, console.get_style(text.style)) if text.style else segments)


# A word; a phone number written in groups ("0808 2000 247", "13 11 14") counts as one, so it is never split.
_WORD = re.compile(r"(?![<(]?https?://)\S*\d(?: \d+)+\S*|\S+")  # a link is a word of its own
_LINK_START = ("https://", "http://", "<https://", "<http://", "(https://", "(http://")


def _is_link(word: str) -> bool:
    """A web address: never folded, so it can be clicked or copied whole (it overflows the line instead)."""
    return word.startswith(_LINK_START)


def _fast_wrap(console: Any, text: Any, width: int) -> list[Any]:
    """``text`` wrapped at spaces to ``width`` (a word longer than that is folded).

    Rich's own wrap measures every character's cell width; for text with no
    wide characters the width is the length, which is what this counts, so a
    screen of support lines costs a fraction (bench/startup.py). Text with
    wide characters is left to Rich.
    """
    if _has_wide(text.plain):
        return list(text.wrap(console, width, overflow="fold"))
    out: list[Any] = []
    for piece in text.split("\n", allow_blank=True):
        for line in piece.divide(_offsets(piece.plain, width)):
            line.rstrip()
            out.append(line)
    return out


def _has_wide(plain: str) -> bool:
    """Whether any character takes two cells (then only Rich's own wrap measures it right)."""
    if plain.isascii():
        return False
    import unicodedata

    return any(unicodedata.east_asian_width(c) in "WF" for c in plain)


def _offsets(plain: str, width: int) -> list[int]:
    """Where to break ``plain`` (no newlines) into lines of at most ``width`` characters."""
    offsets: list[int] = []
    start = 0
    for m in _WORD.finditer(plain):
        s, e = m.span()
        if e - start > width and s > start:
            offsets.append(s)
            start = s
        if _is_link(m.group()):  # on a line of its own when it does not fit, and whole
            continue
        while e - start > width:  # a word longer than the line: fold it
            start += width
            offsets.append(start)
    return offsets


def _line_bounds(plain: str, width: int) -> Iterator[tuple[int, int]]:
    """Where each line of ``plain`` wrapped to ``width`` starts and ends, its trailing spaces left out:
    ``_fast_wrap``'s breaks, on the string itself."""
    start = 0
    for piece in plain.split("\n"):
        cuts = [0, *_offsets(piece, width), len(piece)]
        for a, b in pairwise(cuts):
            if b > a or len(cuts) == 2:
                yield start + a, start + a + len(piece[a:b].rstrip())
        start += len(piece) + 1


def _plain_lines(plain: str, width: int) -> list[str]:
    """``_fast_wrap`` for unstyled text: the same lines, as strings."""
    return [plain[a:b] for a, b in _line_bounds(plain, width)]


# --------------------------------------------------------------------------
# Rich's layout, without colour or style, as a string


class _NeedsRich(Exception):
    """A block only Rich lays out (a panel), or a character not one cell wide."""


def to_unstyled(doc: Doc, width: int, unicode_ok: bool = True) -> str | None:
    """What ``to_rich`` prints with no colour system (to a file or a pipe), built as a string.

    The same bytes (tests/test_layout.py checks them against Rich on generated
    documents), at a fraction of the cost: no segments, styles or measuring.
    None when the document needs Rich itself: a panel, or a character that
    does not take exactly one cell (wide, or combining).
    """
    try:
        lines = _unstyled(doc, max(1, width), "•" if unicode_ok else "-")
    except _NeedsRich:
        return None
    return "".join(line + "\n" for line in lines)


def _one_cell(text: str) -> str:
    line = text.replace("\n", "")  # a line break is laid out, not measured
    if line.isascii() and line.isprintable():
        return text
    from rich.cells import cell_len

    # A control character (Rich drops some, and measures others as no cell), a wide or combining one,
    # or one this Python does not know (unassigned here: Rich keeps the space after it, for one).
    if any(c.isascii() or not c.isprintable() or cell_len(c) != 1 for c in set(line).difference(_PRINTABLE_ASCII)):
        raise _NeedsRich
    return text


_PRINTABLE_ASCII = frozenset(map(chr, range(32, 127)))


def _unstyled(blocks: Any, width: int, bullet: str) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Heading):
            out += _hang("", 0, [_cut(b.text)], width)
        elif isinstance(b, Para):
            out += _hang(" " * 2 * b.indent, 2 * b.indent, [b.text], width)
        elif isinstance(b, Item):
            out += _hang(" " * 2 * b.indent + bullet + " ", 2 * b.indent + 2, [b.text], width)
        elif isinstance(b, Field):
            out += _hang(_cut(b.label), LABEL_WIDTH, list(b.blocks), width, label=True, bullet=bullet)
        elif isinstance(b, Blank):
            out.append("")
        else:
            raise _NeedsRich
    return out


def _hang(prefix: str, indent: int, body: list[Any], width: int, label: bool = False, bullet: str = "") -> list[str]:
    """``_Hang.__rich_console__`` on strings: the same rules, the same lines."""
    on_own_line = len(_one_cell(prefix)) > indent
    if label and width < 2 * LABEL_WIDTH + 10:
        indent, on_own_line = 2, True
    inner = max(1, width - indent)
    lines: list[str] = []
    for part in body:
        if isinstance(part, str):
            lines += _plain_lines(_one_cell(part), inner)
        else:  # a field's block, laid out at the inner width
            lines += _unstyled([part], inner, bullet)
    pad = " " * indent
    out: list[str] = []
    if on_own_line:
        out += _plain_lines(prefix, width)
        head = pad
    else:
        head = prefix + " " * (indent - len(prefix))
    for n, line in enumerate(lines or [""]):
        if line:
            out.append((head if n == 0 else pad) + line)
        else:
            out.append(prefix.rstrip() if n == 0 and not on_own_line else "")
    return out


def _rich_blocks(blocks: Any, unicode_ok: bool) -> list[Any]:
    from rich.text import Text

    bullet = "•" if unicode_ok else "-"
    out: list[Any] = []
    for b in blocks:
        if isinstance(b, Heading):
            style = "bold underline" if b.level <= 1 else "bold cyan" if b.level == 2 else "bold"
            out.append(Text(_cut(b.text), style=style, overflow="fold"))
        elif isinstance(b, Para):
            out.append(_Hang(Text(" " * 2 * b.indent), 2 * b.indent, [_text(b.spans)]) if b.indent else _text(b.spans))
        elif isinstance(b, Item):
            out.append(_Hang(Text(" " * 2 * b.indent + bullet + " "), 2 * b.indent + 2, [_text(b.spans)]))
        elif isinstance(b, Field):
            label = Text(_cut(b.label), style="bold")
            out.append(_Hang(label, LABEL_WIDTH, _rich_blocks(b.blocks, unicode_ok), label=True))
        elif isinstance(b, Panel):
            from rich.console import Group
            from rich.panel import Panel as RichPanel

            out.append(
                RichPanel(
                    Group(*_rich_blocks(b.blocks, unicode_ok)),
                    title=_cut(b.title),
                    title_align="left",
                    border_style="bold red" if b.alert else "",
                )
            )
        elif isinstance(b, Blank):
            out.append(Text(""))
    return out
