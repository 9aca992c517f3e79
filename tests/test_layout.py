"""The library's folders show its pipeline: every import points down the stages, and nothing imports in a circle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import ketamine_claims
from conftest import ROOT

PACKAGE = ROOT / "ketamine_claims"
#: Rank of each stage; a module may import its own stage or a lower rank only.
RANKS = {"errors": 0, "versions": 0, "release_layout": 0, "reading": 1, "presenting": 2, "evaluating": 2,
         "publishing": 3, "cli": 4, "__init__": 5}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every ketamine_claims module a file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found |= {f"{node.module}.{alias.name}" for alias in node.names} | {node.module}
    modules = {_module_name(p) for p in PACKAGE.rglob("*.py")}
    return {name for name in found if name in modules and name != "ketamine_claims"}


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


GRAPH = {_module_name(path): _imports(path) for path in sorted(PACKAGE.rglob("*.py"))}


def test_every_module_belongs_to_a_known_stage():
    assert {_stage(module) for module in GRAPH} <= set(RANKS)


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_imports_point_down_the_stages(module):
    upward = sorted(imported for imported in GRAPH[module]
                    if _stage(imported) != _stage(module) and RANKS[_stage(imported)] >= RANKS[_stage(module)])
    assert upward == [], f"{module} imports a stage at or above its own"


def test_no_module_imports_itself_through_a_cycle():
    state: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for imported in sorted(GRAPH.get(module, ())):
            assert state.get(imported) != "open", " -> ".join(path + [imported])
            if imported not in state:
                visit(imported, path + [imported])
        state[module] = "done"

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])


def test_the_public_names_are_reachable_from_the_package():
    from ketamine_claims.publishing.release import build_release
    from ketamine_claims.reading.raw_loader import load_raw

    assert ketamine_claims.load_raw is load_raw and ketamine_claims.build_release is build_release
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        ketamine_claims.nonsense  # noqa: B018
