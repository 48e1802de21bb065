"""Hatch build hook: put the bundled knowledge base into the wheel, pre-decoded.

The wheel gets ``therapick/data/interventions.yaml`` (the source), its
translations (``interventions.es.yaml``), and
``therapick/data/interventions.json``: the same content, validated and
written by msgspec at build time, so an installed therapick reads it without
importing PyYAML. Nothing generated is committed; an editable install reads
the YAML from the checkout.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class PrebuiltKnowledgeBase(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        sys.path.insert(0, str(root / "src"))
        try:
            import msgspec

            from therapick import kb

            source = root / "data" / "interventions.yaml"
            knowledge = kb.load(source)  # refuses to build from an invalid knowledge base
        finally:
            sys.path.pop(0)
        out = Path(tempfile.mkdtemp(prefix="therapick-build-")) / "interventions.json"
        out.write_bytes(msgspec.json.encode(knowledge))
        build_data["force_include"][str(source)] = "therapick/data/interventions.yaml"
        for companion in sorted((root / "data").glob("interventions.*.yaml")):  # translations (es)
            build_data["force_include"][str(companion)] = f"therapick/data/{companion.name}"
        build_data["force_include"][str(out)] = "therapick/data/interventions.json"
