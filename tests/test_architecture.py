"""The package structure: no import circle between warta's packages (issue 27).

Every ``import``/``from … import`` of a ``warta`` module in ``src/warta`` (function-level imports
included: a lazy import is still a dependency) is an edge from the importing package to the imported
one, packages being ``warta.<first part>`` (``warta.nlp``, ``warta.extract``, ``warta.model`` …).
The graph must have no cycle."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "warta"


def _module(path: Path) -> list[str]:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def package_imports() -> dict[str, dict[str, list[str]]]:
    """{package: {imported package: [importing modules]}} for warta's own imports."""
    edges: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted(SRC.rglob("*.py")):
        module = _module(path)
        package = ".".join(module[:2])
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = module[:len(module) - node.level + (1 if is_package else 0)]
                    targets = [".".join([*base, *([node.module] if node.module else [])])]
                else:
                    targets = [node.module or ""]
                # "from warta import annotate": the module warta.annotate
                targets = [f"{t}.{a.name}" if t == "warta" else t for t in targets for a in node.names]
            else:
                continue
            for target in targets:
                parts = target.split(".")
                if parts[0] != "warta" or len(parts) < 2:
                    continue
                other = ".".join(parts[:2])
                if other != package:
                    edges[package][other].append(".".join(module))
    return edges


def _cycle(edges: dict[str, dict[str, list[str]]]) -> list[str] | None:
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, {})):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = 2
        path.pop()
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_circle_between_packages() -> None:
    edges = package_imports()
    assert "warta.extract" in edges and "warta.nlp" in edges["warta.extract"], "the graph is read"
    cycle = _cycle(edges)
    assert cycle is None, " -> ".join(cycle or []) + ": " + "; ".join(
        f"{a} -> {b} in {sorted(set(edges[a][b]))[:3]}" for a, b in zip(cycle or [], (cycle or [])[1:], strict=False))


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b": ["a"]}, "b": {"c": ["b"]}, "c": {"a": ["c"]}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b": ["a"]}, "b": {}}) is None
