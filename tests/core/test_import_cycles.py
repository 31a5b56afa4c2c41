"""The core's rooms import one another in one direction only: no module of the sync file, the
services, the case list, bulk screening or the papers sits in an import loop, counting the
imports inside functions too (a loop held together by a late import is still a loop)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROOMS = ("kiosk.sync", "kiosk.services", "kiosk.caselist", "kiosk.screening", "kiosk.papers", "kiosk.signing",
         "kiosk.records")


def _modules(root: Path) -> dict[str, Path]:
    out = {}
    for p in (root / "kiosk").rglob("*.py"):
        parts = p.relative_to(root).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = p
    return out


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the project's modules it imports anywhere in its body (TYPE_CHECKING blocks
    excepted). A submodule's own package is left out: a package re-exporting its rooms is not a loop."""
    mods = _modules(root)
    graph: dict[str, set[str]] = {}
    for name, path in mods.items():
        is_pkg = path.name == "__init__.py"
        here = name.split(".") if is_pkg else name.split(".")[:-1]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                and "TYPE_CHECKING" in ast.unparse(node.test) for n in ast.walk(node)}
        edges: set[str] = set()
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.ImportFrom):
                base = ".".join(here[:len(here) - node.level + 1]) if node.level else ""
                mod = ".".join(p for p in (base, node.module or "") if p)
                edges.update(m for m in (mod, *(f"{mod}.{a.name}" for a in node.names)) if m in mods)
            elif isinstance(node, ast.Import):
                edges.update(a.name for a in node.names if a.name in mods)
        graph[name] = {e for e in edges if e != name and not name.startswith(e + ".")}
    return graph


def loops(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                group.add(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(group)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def _in_rooms(module: str) -> bool:
    return any(module == r or module.startswith(r + ".") for r in ROOMS)


def test_no_room_of_the_core_is_in_an_import_loop():
    bad = [sorted(g) for g in loops(import_graph(ROOT)) if any(map(_in_rooms, g))]
    assert bad == []


def test_the_sync_file_and_the_services_import_no_benchmark():
    graph = import_graph(ROOT)
    bench = {m for m in graph if "bench" in m.split(".")[-1] or ".benchmarks" in m}
    assert {m: sorted(graph[m] & bench) for m in graph if _in_rooms(m) and graph[m] & bench} == {}


def test_a_loop_held_together_by_an_import_inside_a_function_is_found(tmp_path):
    pkg = tmp_path / "kiosk"
    (pkg / "sync").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sync" / "__init__.py").write_text("from .export import export_batch\n")
    (pkg / "sync" / "export.py").write_text("def export_batch():\n    from ..services import save\n")
    (pkg / "services.py").write_text("from .sync import export_batch\n\ndef save():\n    pass\n")
    assert [sorted(g) for g in loops(import_graph(tmp_path))] == [["kiosk.services", "kiosk.sync", "kiosk.sync.export"]]
