"""Shell completion: names and answer ids from the knowledge base in use (THERAPICK_KB or the bundled one)."""

from __future__ import annotations

import os
from typing import Any


def _kb() -> Any:
    try:
        from therapick.kb import loader

        return loader.load(os.environ.get("THERAPICK_KB") or None)
    except Exception:
        return None


def names(incomplete: str) -> list[str]:
    knowledge = _kb()
    ids = [i.id for i in knowledge.interventions] if knowledge else []
    return [i for i in ids if i.startswith(incomplete.lower())]


def options(question_id: str, incomplete: str) -> list[str]:
    knowledge = _kb()
    q = knowledge.questionnaire.find(question_id) if knowledge else None
    ids = q.option_ids if q else []
    return [i for i in ids if i.lower().startswith(incomplete.lower())]


def practices(incomplete: str) -> list[str]:
    knowledge = _kb()
    ids = [p.id for p in knowledge.practices] if knowledge else []
    return [i for i in ids if i.startswith(incomplete.lower())]
