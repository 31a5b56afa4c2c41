"""The layers (docs/architecture.md): the core (`kiosk`) stands entirely below the Qt layer (`ui`).

Read from the source, not from what an import happens to load: the core never names `ui` or Qt,
by an import statement, a module name in a string (`importlib.import_module("ui.app")`,
`__import__("ui")`), code run in a new process (`-c "from ui.cli import main"`) or `-m ui...`.
Benchmarks (kiosk/benchmarks/) are never imported by production code, and ui/ writes no SQL."""

from __future__ import annotations

import ast
import pathlib
import re
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
UPPER = ("ui", "PySide6", "shiboken6")
# a module name of the upper layers, whole: "ui", "ui.app", "PySide6.QtCore"
MODULE_NAME = re.compile(rf"^({'|'.join(UPPER)})(\.\w+)*$")
# an upper module run or imported by code in a string: "-m ui.bench", "from ui.cli import main"
IN_CODE = re.compile(rf"(-m\s+|\bfrom\s+|\bimport\s+)({'|'.join(UPPER)})\b")


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes: prose may say where the Qt layer takes over."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def upper_layer_references(package: pathlib.Path) -> list[str]:
    """Every place under `package` that names the Qt layer: 'path:line what'."""
    found = []
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        docs = _docstrings(tree)
        where = path.relative_to(package.parent)
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                if name.split(".")[0] in UPPER:
                    found.append(f"{where}:{node.lineno} imports {name}")
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                text = node.value.strip()
                if MODULE_NAME.match(text) or IN_CODE.search(text):
                    found.append(f"{where}:{node.lineno} names {text[:60]!r}")
    return found


def test_the_core_never_names_the_qt_layer():
    assert upper_layer_references(ROOT / "kiosk") == []


@pytest.mark.parametrize("planted", [
    "import importlib\nrun = importlib.import_module('ui.x').run\n",
    "from importlib import import_module\nrun = import_module('ui').run\n",
    "app = __import__('ui.app')\n",
    "import subprocess, sys\nsubprocess.run([sys.executable, '-m', 'ui.bench', '3'])\n",
    "import subprocess, sys\nsubprocess.run([sys.executable, '-m ui.bench'])\n",
    "CODE = 'from ui.cli import main; main()'\n",
    "def later():\n    from ui import app\n    return app\n",
    "import ui.selftest\n",
    "from PySide6.QtCore import QTimer\n",
])
def test_a_planted_reference_to_the_qt_layer_fails_the_check(tmp_path, planted):
    copy = tmp_path / "kiosk"
    shutil.copytree(ROOT / "kiosk", copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert upper_layer_references(copy) == []
    (copy / "services_extra.py").write_text('"""A module someone added."""\n' + planted, encoding="utf-8")
    found = upper_layer_references(copy)
    assert found and all(f.startswith("kiosk/services_extra.py:") for f in found), found


def test_prose_about_the_qt_layer_is_not_a_reference(tmp_path):
    (tmp_path / "kiosk").mkdir()
    (tmp_path / "kiosk" / "a.py").write_text(
        '"""The GUI (ui.selftest) adds the Qt steps; `python -m ui` runs the app."""\n'
        "LABEL = 'build the user interface'\n", encoding="utf-8")
    assert upper_layer_references(tmp_path / "kiosk") == []


def _modules(package: str, *, without: str = "") -> list[str]:
    return sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in (ROOT / package).rglob("*.py")
        if p.name != "__main__.py" and not (without and p.is_relative_to(ROOT / without))
    )


def _loaded_after_importing(modules: list[str], prefixes: tuple[str, ...]) -> str:
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        f"print(','.join(sorted(m for m in sys.modules if m.startswith({prefixes!r}))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return out.stdout.strip()


def test_importing_every_core_module_loads_no_qt():
    loaded = _loaded_after_importing(_modules("kiosk"), ("PySide6", "shiboken6", "ui"))
    assert loaded == "", f"kiosk loaded Qt or ui modules: {loaded}"


def test_production_code_never_loads_the_benchmarks():
    production = [m for m in _modules("kiosk", without="kiosk/benchmarks")]
    assert "kiosk.services" in production and not any(m.startswith("kiosk.benchmarks") for m in production)
    loaded = _loaded_after_importing(production, ("kiosk.benchmarks",))
    assert loaded == "", f"importing production code loaded {loaded}"


# The `bench` commands load the benchmarks when run, from inside the command; nothing else may.
BENCH_LOADERS = {"kiosk/cli_diagnostics.py", "ui/cli.py", "ui/bench.py"}


def test_no_production_module_imports_the_benchmarks():
    offenders = []
    for package in ("kiosk", "ui"):
        for path in sorted((ROOT / package).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel.startswith("kiosk/benchmarks/"):
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            top_level = {id(n) for n in tree.body}
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom):
                    names = [("." * node.level) + (node.module or "")] + [a.name for a in node.names]
                else:
                    continue
                if not any("benchmarks" in n.split(".") or n == ".benchmarks" for n in names):
                    continue
                if rel not in BENCH_LOADERS or (id(node) in top_level and rel != "ui/bench.py"):
                    offenders.append(f"{rel}:{node.lineno}")
    assert offenders == []


def test_ui_never_writes_sql():
    for path in (ROOT / "ui").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in {"execute", "executemany", "query"}:
                raise AssertionError(f"{path.relative_to(ROOT)}:{node.lineno} calls .{node.attr}(): use kiosk.services")
