"""An option that takes one value, given twice with two different values, is refused.

Click keeps the last of ``--region GB --region US`` without a word, so a
person who typed two regions got the second as if it were the only one (and
``--crisis --no-crisis`` was a no). Here every command's parser is given a
rule at the one place each option's value is stored: a second, different
value (or the other side of a yes/no flag) is a usage error, exit 2; the same
value twice is that value. Repeatable options (``--concern``) are not
touched. ``help-now`` and ``ask --crisis`` still show the crisis lines
first, as under any usage error (``failure.floor_first``).

The parser is Click's (vendored by Typer, pinned below 0.29 in
pyproject.toml): an option's ``process`` is where its value is stored, and
``tests/test_hostile_four.py`` holds the rule to every command.
"""

from __future__ import annotations

from typing import Any

from therapick.base.errors import TherapickError, clean
from therapick.base.i18n import t


def refuse_repeats(command: Any) -> None:
    """Give ``command`` and every command under it the rule (once per command object)."""
    if getattr(command, "_therapick_once", False):
        return
    command._therapick_once = True
    original = command.make_parser

    def make_parser(ctx: Any) -> Any:
        parser = original(ctx)
        if not ctx.resilient_parsing:  # shell completion reads a half-typed line: no rule there
            options = {id(o): o for o in (*parser._long_opt.values(), *parser._short_opt.values())}
            for option in options.values():
                _store_once(option)
        return parser

    command.make_parser = make_parser
    for sub in getattr(command, "commands", {}).values():
        refuse_repeats(sub)


def _store_once(option: Any) -> None:
    if option.action not in ("store", "store_const"):  # repeatable (append), or a count
        return
    store = option.process

    def process(value: Any, state: Any) -> None:
        new = value if option.action == "store" else option.const
        if option.dest in state.opts and state.opts[option.dest] != new:
            raise TherapickError(_twice(option, state.opts[option.dest], new))
        store(value, state)

    option.process = process


def _twice(option: Any, first: Any, second: Any) -> str:
    names = [*option.obj.opts, *getattr(option.obj, "secondary_opts", [])]
    if option.action == "store_const" and len(names) > 1:  # a yes/no flag: both sides given
        return t("{yes} and {no} are both given; give one", yes=option.obj.opts[0], no=option.obj.secondary_opts[0])
    return t(
        "{option} is given twice, as '{a}' and as '{b}'; give it once",
        option=names[0],
        a=clean(str(first), 40),
        b=clean(str(second), 40),
    )
