"""Hatch build hook: put the bundled knowledge base into the wheel, ready-made.

The wheel gets ``therapick/data/interventions.yaml`` (the source), its
translations (``interventions.es.yaml``), and, for English and each
translation, the knowledge base validated and built at build time, pickled
(``interventions.pickle``, ``interventions.es.pickle``), so an installed
therapick reads it without parsing YAML or checking it again. Nothing
generated is committed; an editable install reads the YAML from the checkout.
"""

from __future__ import annotations

import pickle
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
        source = root / "data" / "interventions.yaml"
        folder = Path(tempfile.mkdtemp(prefix="therapick-build-"))
        include = build_data["force_include"]
        include[str(source)] = "therapick/data/interventions.yaml"
        try:
            from therapick.kb import loader

            knowledge = loader.load(source)  # refuses to build from an invalid knowledge base
            built = {"en": knowledge}
            for companion in sorted((root / "data").glob("interventions.*.yaml")):  # translations (es)
                include[str(companion)] = f"therapick/data/{companion.name}"
                lang = companion.name.split(".")[1]
                built[lang] = loader.load(source, lang)  # and refuses an invalid one
        finally:
            sys.path.pop(0)
        for lang, content in built.items():
            out = folder / loader.prebuilt_name(lang)
            out.write_bytes(pickle.dumps(content, protocol=5))
            include[str(out)] = f"therapick/data/{out.name}"
