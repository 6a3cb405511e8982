"""The store package's shape: no import cycle through the store, search or rounds (imports inside
functions included), and every public method of Store documented."""
from __future__ import annotations

import ast
import inspect
from pathlib import Path

from commenting.store import Store

PACKAGE = Path(__file__).resolve().parents[2] / "commenting"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _import_graph() -> dict[str, set[str]]:
    """Module → the commenting modules it imports anywhere in its text (at any depth, also under
    TYPE_CHECKING, which only hides a cycle)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("commenting"):
                for alias in node.names:  # "from commenting import store" names a module
                    sub = f"{node.module}.{alias.name}"
                    deps.add(sub if sub in modules else node.module)
            elif isinstance(node, ast.Import):
                deps |= {a.name for a in node.names if a.name.startswith("commenting")}
        graph[name] = {d for d in deps if d in modules and d != name}
    return graph


def _reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = set(), [start]
    while todo:
        m = todo.pop()
        if m == goal:
            return True
        if m not in seen:
            seen.add(m)
            todo.extend(graph.get(m, ()))
    return False


def test_no_import_cycle_through_store_search_or_rounds():
    graph = _import_graph()
    ours = [m for m in graph if m.startswith("commenting.store") or m in ("commenting.search", "commenting.rounds")]
    assert "commenting.store.api" in ours
    cycles = [(m, d) for m in ours for d in graph[m] if _reaches(graph, d, m)]
    assert cycles == []


def test_store_does_not_know_its_callers():
    graph = _import_graph()
    for m in (m for m in graph if m.startswith("commenting.store")):
        assert not {d for d in graph[m] if d.startswith(("commenting.search", "commenting.rounds", "commenting.ui"))}, m


def test_every_public_store_method_is_documented():
    undocumented = [name for name, member in inspect.getmembers(Store)
                    if not name.startswith("_") and callable(member) and not inspect.getdoc(member)]
    assert undocumented == []
