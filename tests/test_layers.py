"""The layers are in the folders, and nothing imports upward or round in a circle.

``pyproject.toml`` states the contract for import-linter (``[tool.importlinter]``):
``therapick.cli`` over ``therapick.output`` over ``therapick.advice`` over
``therapick.kb`` over ``therapick.base``, and no cycle between sibling
modules or packages at any level. ``.ci/run`` runs ``lint-imports`` too.
"""

from __future__ import annotations

import grimp
from importlinter.cli import lint_imports

from tests.conftest import ROOT

LAYERS = ["cli", "output", "advice", "kb", "base"]


def test_the_import_contracts_hold(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


def test_every_module_lives_in_a_layer_and_imports_only_down() -> None:
    graph = grimp.build_graph("therapick", include_external_packages=False, cache_dir=None)
    top_level = {"therapick", "therapick.__main__"}
    upward = []
    for module in sorted(graph.modules):
        if module in top_level:
            continue
        layer = module.split(".")[1]
        assert layer in LAYERS, f"{module} is in no layer: put it in one of {LAYERS}"
        for imported in graph.find_modules_directly_imported_by(module):
            if imported in top_level:
                continue
            other = imported.split(".")[1]
            if LAYERS.index(other) < LAYERS.index(layer):
                upward.append(f"{module} -> {imported}")
    assert upward == []


def test_the_graph_has_no_cycle() -> None:
    graph = grimp.build_graph("therapick", include_external_packages=False, cache_dir=None)
    cycles = []
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if graph.chain_exists(importer=imported, imported=module):
                cycles.append(f"{module} <-> {imported}")
    assert cycles == []
