"""The tests mirror the module tree (docs/architecture.md, "Tests"): every module of the core and
the GUI layer has its own test file at the mirrored path, holding at least one test, so a reader
looking for a module's tests finds them in one place. (A command module's tests drive the
command through the `kiosk` group, so the file need not import the module by name.)

`kiosk/A/B.py` -> `tests/core/A/test_B.py`; `ui/A/B.py` -> `tests/ui/A/test_B.py`. Package
`__init__.py` and `__main__.py` files are exempt (they re-export or start, and their behaviour is
tested through what they re-export or start)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYERS = {"kiosk": Path("tests/core"), "ui": Path("tests/ui")}
EXEMPT = {"__init__.py", "__main__.py"}


def mirrored_test(module: Path) -> Path:
    """The test file of `module` (a path relative to the project's root)."""
    layer, *folders, name = module.parts
    return LAYERS[layer].joinpath(*folders, f"test_{name}")


def defined_tests(test_file: Path) -> list[str]:
    """The names of the test functions a test file defines, at module level or in a class."""
    tree = ast.parse(test_file.read_text(encoding="utf-8"))
    return [n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
            and n.name.startswith("test_")]


def layout_faults(root: Path) -> list[str]:
    """Each module without its mirrored test file, or whose test file holds no test."""
    faults = []
    for layer in LAYERS:
        for module in sorted((root / layer).rglob("*.py")):
            if module.name in EXEMPT:
                continue
            rel = module.relative_to(root)
            test = root / mirrored_test(rel)
            if not test.exists():
                faults.append(f"{rel}: no test file {mirrored_test(rel)}")
            elif not defined_tests(test):
                faults.append(f"{rel}: {mirrored_test(rel)} holds no test")
    return faults


def test_every_module_has_its_test_file_at_the_mirrored_path():
    modules = [m for layer in LAYERS for m in (ROOT / layer).rglob("*.py") if m.name not in EXEMPT]
    assert len(modules) > 100  # both layers were found
    assert layout_faults(ROOT) == []


def test_a_module_without_a_test_file_or_with_an_empty_one_is_named(tmp_path):
    for folder in ("kiosk/store", "ui", "tests/core/store", "tests/ui"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "kiosk/store/events.py").write_text("def save():\n    pass\n")
    (tmp_path / "kiosk/store/applicants.py").write_text("def save():\n    pass\n")
    (tmp_path / "ui/lock.py").write_text("class Lock:\n    pass\n")
    (tmp_path / "tests/core/store/test_events.py").write_text("def test_save():\n    assert True\n")
    (tmp_path / "tests/ui/test_lock.py").write_text("import ui.lock\n\n\ndef helper():\n    pass\n")
    assert layout_faults(tmp_path) == [
        "kiosk/store/applicants.py: no test file tests/core/store/test_applicants.py",
        "ui/lock.py: tests/ui/test_lock.py holds no test",
    ]
