"""Reading an answers file (``ask --answers``, ``screen --answers``): YAML or JSON, ``-`` for stdin.

Parsed safely by ``kb.source`` and not yet checked: ``ask`` checks the
questions' answers against the knowledge base and the screens' against the
instruments, so one file (read once, even from stdin) can hold both.
"""

from __future__ import annotations

from typing import Any

from therapick.base.errors import USAGE, path_words


def read_raw(name: str) -> tuple[str, Any]:
    """The file's name as shown in messages, and its parsed data."""
    from therapick.base.errors import KBInvalid
    from therapick.kb import source

    shown = "stdin" if name == "-" else path_words(name)
    try:
        text = source.decode(source.read(name, what="answers", exit_code=USAGE), shown)
        data, _ = source.parse(text, shown, what="an answers file")
    except KBInvalid as e:
        raise KBInvalid(shown, e.problems, USAGE, what="answers file") from None
    return shown, data
