"""Imports run one way only: no module of the core (`kiosk`), and no module of the Qt layer (`ui`),
sits in an import loop, counting the imports inside functions too (a loop held together by a late
import is still a loop) and the package a module is imported from (importing `kiosk.papers.names`
runs `kiosk/papers/__init__.py` first)."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROOMS = ("kiosk.sync", "kiosk.services", "kiosk.caselist", "kiosk.screening", "kiosk.papers", "kiosk.signing",
         "kiosk.records")  # the rooms that must never load the benchmarks


def _modules(root: Path, package: str) -> dict[str, Path]:
    out = {}
    for p in (root / package).rglob("*.py"):
        parts = p.relative_to(root).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = p
    return out


def import_graph(root: Path, package: str = "kiosk") -> dict[str, set[str]]:
    """Module -> the package's modules it imports anywhere in its body (TYPE_CHECKING blocks
    excepted), with the packages those are in. A submodule's own package is left out: a package
    re-exporting its rooms is not a loop."""
    mods = _modules(root, package)
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
        edges.update(p for e in list(edges) for p in _parents(e) if p in mods)
        graph[name] = {e for e in edges if e != name and not name.startswith(e + ".")}
    return graph


def _parents(module: str) -> list[str]:
    """The packages Python imports before `module`: kiosk.papers.names -> kiosk, kiosk.papers."""
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


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


@cache
def _project_graph(package: str) -> dict[str, set[str]]:
    return import_graph(ROOT, package)


def test_no_module_of_the_core_is_in_an_import_loop():
    graph = _project_graph("kiosk")
    assert len(graph) > 100  # every module of kiosk/, not a few rooms
    assert [sorted(g) for g in loops(graph)] == []


def test_no_module_of_the_qt_layer_is_in_an_import_loop():
    graph = _project_graph("ui")
    assert len(graph) > 40
    assert [sorted(g) for g in loops(graph)] == []


def test_the_sync_file_and_the_services_import_no_benchmark():
    graph = _project_graph("kiosk")
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


def test_a_loop_through_a_package_imported_from_is_found(tmp_path):
    """signing -> papers.names looks one-way, but importing papers.names runs papers/__init__,
    which imports prepare, which imports signing."""
    pkg = tmp_path / "kiosk"
    (pkg / "papers").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "papers" / "__init__.py").write_text("from .prepare import build\n")
    (pkg / "papers" / "prepare.py").write_text("from ..signing import signing_date\n")
    (pkg / "papers" / "names.py").write_text("def is_cjk(text):\n    return False\n")
    (pkg / "signing.py").write_text("def signing_date():\n    from .papers.names import is_cjk\n")
    assert [sorted(g) for g in loops(import_graph(tmp_path))] == [["kiosk.papers", "kiosk.papers.prepare",
                                                                   "kiosk.signing"]]
