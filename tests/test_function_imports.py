"""An import inside a function is kept only where it keeps a start-up fast, and says so
(docs/architecture.md, "Imports inside a function"): a `# lazy: <why>` comment, a reason of a few
words, on the import's first line or on the line just above it. Read from the source (AST)."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("kiosk", "ui")
LAZY = re.compile(r"#\s*lazy:\s*([^#]*)")
MIN_WORDS = 3
INDENTED_IMPORT = re.compile(r"^[ \t]+(import|from)\s", re.M)


def _reason(line: str) -> str:
    m = LAZY.search(line)
    return m.group(1).strip() if m else ""


def _has_reason(lines: list[str], lineno: int) -> bool:
    """A reason of MIN_WORDS words on the import's first line, or on a comment line just above."""
    here = _reason(lines[lineno - 1])
    above = lines[lineno - 2].strip() if lineno > 1 else ""
    if not here and above.startswith("#"):
        here = _reason(above)
    return len(re.findall(r"\w+", here)) >= MIN_WORDS


def _function_imports(node: ast.AST, inside: bool = False) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement inside a function or method, at any depth (nested scopes too)."""
    found = []
    for child in ast.iter_child_nodes(node):
        if inside and isinstance(child, ast.Import | ast.ImportFrom):
            found.append(child)
        found += _function_imports(child, inside or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef))
    return found


def imports_without_reason(root: Path, packages: tuple[str, ...] = PACKAGES) -> list[str]:
    """'path:line import' for each import inside a function that gives no `# lazy:` reason."""
    bad = []
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            if not INDENTED_IMPORT.search(text):
                continue  # no import below the module's top level: nothing to parse
            lines = text.splitlines()
            for node in _function_imports(ast.parse(text)):
                if not _has_reason(lines, node.lineno):
                    bad.append(f"{path.relative_to(root).as_posix()}:{node.lineno} {lines[node.lineno - 1].strip()}")
    return bad


def test_every_import_inside_a_function_says_why_it_is_lazy():
    assert imports_without_reason(ROOT) == []


PLANTED = '''

def planted_command():
    """An import inside a function."""
    {line}
    return json.dumps({{}})
'''


def _plant(tmp_path: Path, line: str) -> Path:
    """A copy of a real core module with a function holding `line` appended."""
    (tmp_path / "kiosk").mkdir()
    copy = tmp_path / "kiosk" / "cli.py"
    shutil.copyfile(ROOT / "kiosk" / "cli.py", copy)
    with copy.open("a", encoding="utf-8") as f:
        f.write(PLANTED.format(line=line))
    return copy


def test_a_planted_bare_import_inside_a_function_fails_the_check(tmp_path):
    copy = _plant(tmp_path, "import json")
    line = len(copy.read_text(encoding="utf-8").splitlines()) - 1
    assert imports_without_reason(tmp_path, ("kiosk",)) == [f"kiosk/cli.py:{line} import json"]


def test_a_reason_too_short_fails_and_one_of_a_few_words_passes(tmp_path):
    copy = _plant(tmp_path, "import json  # lazy: start-up")
    assert len(imports_without_reason(tmp_path, ("kiosk",))) == 1
    copy.write_text(copy.read_text(encoding="utf-8").replace("# lazy: start-up", "# lazy: json loads on first use"),
                    encoding="utf-8")
    assert imports_without_reason(tmp_path, ("kiosk",)) == []


def test_a_reason_on_the_comment_line_above_counts(tmp_path):
    copy = _plant(tmp_path, "# lazy: json loads on first use\n    import json")
    assert imports_without_reason(tmp_path, ("kiosk",)) == []
    copy.write_text(copy.read_text(encoding="utf-8").replace("# lazy: json loads on first use", "x = 1"),
                    encoding="utf-8")
    assert len(imports_without_reason(tmp_path, ("kiosk",))) == 1
