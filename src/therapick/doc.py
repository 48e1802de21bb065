"""A small document model for the screen, and its two renderers: Rich and plain text.

``render.py`` says *what* to show as blocks (headings, paragraphs, list
items, labelled fields, an alert panel); this module says *how*: with Rich
(colour, panels, hanging indents) or as plain linear text for a screen
reader or ``TERM=dumb`` (``--plain``): no boxes, no symbols, every line
within the width, headings on lines of their own.

Every text (paragraphs and items when they are made; headings, labels and
panel titles when they are rendered) is cut to ``MAX_FIELD`` characters
before layout, so the cost of showing a knowledge base grows with its size,
not faster: wrapping one long word is quadratic in its length.
"""

from __future__ import annotations

import textwrap
from typing import Any, cast

from msgspec import Struct

MAX_FIELD = 4000  # characters of one text shown on screen; the export has it all

Span = tuple[str, str]  # (text, style): style is "", "bold", "dim", "italic", "accent", "alert"


class Heading(Struct, frozen=True):
    text: str
    level: int = 1


class Para(Struct, frozen=True):
    spans: tuple[Span, ...]
    indent: int = 0


class Item(Struct, frozen=True):
    spans: tuple[Span, ...]
    indent: int = 0


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
    from therapick.i18n import t

    more = t("({n} more characters; 'therapick export' has the full text)", n=len(text) - MAX_FIELD)
    return text[:MAX_FIELD] + "... " + more


def spans(*parts: str | Span) -> tuple[Span, ...]:
    return tuple((_cut(p), "") if isinstance(p, str) else (_cut(p[0]), p[1]) for p in parts)


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


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    wrapper = textwrap.TextWrapper(
        width=max(width, len(first) + 8),
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=True,
        break_on_hyphens=False,
    )
    return wrapper.wrap(text) or [first.rstrip()]


def _plain_blocks(blocks: Any, width: int, out: list[str], indent: int) -> None:
    pad = " " * indent
    for b in blocks:
        if isinstance(b, Heading):
            out += ["", *_wrap(_cut(b.text), width, pad, pad), ""]
        elif isinstance(b, Para):
            p = pad + " " * (2 * b.indent)
            out += _wrap("".join(t for t, _ in b.spans), width, p, p)
        elif isinstance(b, Item):
            p = pad + " " * (2 * b.indent)
            out += _wrap("".join(t for t, _ in b.spans), width, p + "- ", p + "  ")
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
# Rich

_STYLES = {"": "", "bold": "bold", "dim": "dim", "italic": "italic", "accent": "bold cyan", "alert": "bold red"}


def to_rich(doc: Doc, unicode_ok: bool = True) -> Any:
    from rich.console import Group

    return Group(*_rich_blocks(doc, unicode_ok))


def _text(parts: tuple[Span, ...]) -> Any:
    from rich.text import Text

    text = Text(overflow="fold")
    for t, style in parts:
        text.append(t, style=_STYLES.get(style, ""))
    return text


def _rich_blocks(blocks: Any, unicode_ok: bool) -> list[Any]:
    from rich.padding import Padding
    from rich.panel import Panel as RichPanel
    from rich.table import Table
    from rich.text import Text

    bullet = "•" if unicode_ok else "-"
    out: list[Any] = []
    for b in blocks:
        if isinstance(b, Heading):
            style = "bold underline" if b.level == 1 else "bold cyan" if b.level == 2 else "bold"
            out.append(Text(_cut(b.text), style=style, overflow="fold"))
        elif isinstance(b, Para):
            out.append(Padding(_text(b.spans), (0, 0, 0, 2 * b.indent)) if b.indent else _text(b.spans))
        elif isinstance(b, Item):
            # Consecutive items share one grid: one table per list, not per item (a third of the cost).
            last = out[-1] if out else None
            if getattr(last, "_therapick_items", None) == b.indent:
                grid = cast(Any, last.renderable if isinstance(last, Padding) else last)
            else:
                grid = Table.grid(padding=(0, 1))
                grid.add_column(no_wrap=True)
                grid.add_column(ratio=1, overflow="fold")
                holder = Padding(grid, (0, 0, 0, 2 * b.indent)) if b.indent else grid
                holder._therapick_items = b.indent  # type: ignore[union-attr]
                out.append(holder)
            grid.add_row(bullet, _text(b.spans))
        elif isinstance(b, Field):
            if out and getattr(out[-1], "_therapick_fields", False):
                grid = out[-1]
            else:
                grid = Table.grid(padding=(0, 2))
                grid.add_column(style="bold", max_width=18)
                grid.add_column(ratio=1, overflow="fold")
                grid._therapick_fields = True  # type: ignore[attr-defined]
                out.append(grid)
            from rich.console import Group

            grid.add_row(Text(_cut(b.label), overflow="fold"), Group(*_rich_blocks(b.blocks, unicode_ok)))
        elif isinstance(b, Panel):
            from rich.console import Group

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
